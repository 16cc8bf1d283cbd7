//! The JSON API under `/api/v1`: the same records as the pages, in the same scope, for scripts
//! and other systems. Authenticate with a personal API token (`Authorization: Bearer …`, made on
//! the settings page); a browser session may read.
//!
//! The shapes here are the API's contract and live only in this crate. Money is an object with
//! integer minor units and the currency (`{"minor": 1234567, "currency": "USD"}`), never a
//! float; rates are parts per million. Every error has the shape of [`ErrorBody`]. The OpenAPI
//! 3.1 document at `/api/openapi.json` is generated from these handlers and types, so it cannot
//! drift from what the server does.

// The code `utoipa::path` generates for `params(...)` names types by their full path.
#![allow(unused_qualifications)]

use std::sync::LazyLock;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_app::domain::{AccountId, AccountStatus, Money, OpportunityId, OpportunityStatus, PersonId};
use sutton_app::{AccountQuery, App, OpportunityQuery};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::session::ApiViewer;
use crate::{ApiError, blocking};

/// Every error: the HTTP status again, a stable machine-readable code, and a sentence.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorBody {
    pub(crate) error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ErrorDetail {
    pub(crate) status: u16,
    /// `unauthorized`, `forbidden`, `not_found`, `bad_request` or `internal`.
    pub(crate) code: String,
    pub(crate) message: String,
}

/// An exact amount: integer minor units (cents) and the ISO 4217 currency.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MoneyOut {
    pub(crate) minor: i64,
    pub(crate) currency: String,
}

impl From<&Money> for MoneyOut {
    fn from(m: &Money) -> MoneyOut {
        MoneyOut { minor: m.minor(), currency: m.currency().code().to_owned() }
    }
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Me {
    pub(crate) login: String,
    pub(crate) display_name: String,
    /// `admin`, `vp`, `manager` or `rep`.
    pub(crate) role: String,
    pub(crate) language: String,
    pub(crate) person_id: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AccountOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    /// `prospect`, `customer` or `former`.
    pub(crate) status: String,
    pub(crate) industry: Option<String>,
    pub(crate) city: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) employees: Option<u32>,
    pub(crate) potential: Option<MoneyOut>,
    pub(crate) owner_id: Option<i64>,
    pub(crate) owner_name: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AccountPage {
    pub(crate) items: Vec<AccountOut>,
    pub(crate) total: i64,
    pub(crate) page: u32,
    pub(crate) per_page: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ContactOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) title: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) buying_role: Option<String>,
    pub(crate) engaged: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ContractOut {
    pub(crate) id: i64,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    pub(crate) annual_value: MoneyOut,
    pub(crate) renewal_status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AccountDetailOut {
    pub(crate) account: AccountOut,
    pub(crate) external_id: Option<String>,
    pub(crate) postal_code: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) territory: Option<String>,
    pub(crate) contacts: Vec<ContactOut>,
    pub(crate) opportunities: Vec<OpportunityOut>,
    pub(crate) contracts: Vec<ContractOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OpportunityOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) account_id: i64,
    pub(crate) account_name: String,
    pub(crate) owner_id: i64,
    pub(crate) owner_name: String,
    /// `new_business`, `expansion` or `renewal`.
    pub(crate) kind: String,
    pub(crate) stage: String,
    /// `open`, `won` or `lost`.
    pub(crate) status: String,
    pub(crate) forecast_category: String,
    pub(crate) close_date: NaiveDate,
    pub(crate) amount: MoneyOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OpportunityPage {
    pub(crate) items: Vec<OpportunityOut>,
    pub(crate) total: i64,
    pub(crate) page: u32,
    pub(crate) per_page: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ChangeOut {
    pub(crate) changed_at: chrono::NaiveDateTime,
    pub(crate) stage: String,
    pub(crate) status: String,
    pub(crate) probability_ppm: i64,
    pub(crate) forecast_category: String,
    pub(crate) amount: MoneyOut,
    pub(crate) close_date: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TeamMemberOut {
    pub(crate) person_id: i64,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) split_type: String,
    pub(crate) split_ppm: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OpportunityDetailOut {
    pub(crate) opportunity: OpportunityOut,
    pub(crate) external_id: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) created_on: NaiveDate,
    pub(crate) probability_ppm: i64,
    pub(crate) discount_ppm: i64,
    pub(crate) margin_ppm: Option<i64>,
    pub(crate) team: Vec<TeamMemberOut>,
    pub(crate) history: Vec<ChangeOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PersonOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) channel: Option<String>,
    pub(crate) team_id: Option<i64>,
    pub(crate) manager_id: Option<i64>,
    pub(crate) hire_date: Option<NaiveDate>,
    pub(crate) leave_date: Option<NaiveDate>,
    pub(crate) weekly_capacity_minutes: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TeamOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) parent_id: Option<i64>,
    pub(crate) manager_id: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QuarterOut {
    /// The fiscal quarter, e.g. `FY2027 Q1`.
    pub(crate) period: String,
    pub(crate) bookings: MoneyOut,
    pub(crate) quota: MoneyOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StageOut {
    pub(crate) stage: String,
    pub(crate) deals: usize,
    pub(crate) amount: MoneyOut,
}

/// The headline figures of the caller's scope.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DashboardOut {
    pub(crate) as_of: NaiveDate,
    pub(crate) currency: String,
    pub(crate) open_deals: usize,
    pub(crate) open_pipeline: MoneyOut,
    /// Won deals over won and lost in the last four closed quarters, in parts per million.
    pub(crate) win_rate_ppm: Option<i64>,
    /// Direct selling over all logged time in the last 90 days, in parts per million.
    pub(crate) direct_selling_ppm: Option<i64>,
    pub(crate) quarters: Vec<QuarterOut>,
    pub(crate) stages: Vec<StageOut>,
}

/// Filters and paging for lists.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListParams {
    /// Matches names (and for accounts city and postal code), case-insensitively.
    q: Option<String>,
    /// Account status (`prospect`, `customer`, `former`) or deal status (`open`, `won`, `lost`).
    status: Option<String>,
    /// Only records owned by this person id.
    owner: Option<i64>,
    /// Accounts: `name`, `potential`, `employees`, `city`, `owner`, `status`; deals: `close`,
    /// `amount`, `name`, `stage`, `owner`.
    sort: Option<String>,
    /// `asc` (default) or `desc`.
    dir: Option<String>,
    /// From 1.
    page: Option<u32>,
    /// At most 500; 50 by default.
    per_page: Option<u32>,
}

impl ListParams {
    fn paging(&self) -> Result<(u32, u32), ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(50);
        if page == 0 {
            return Err(ApiError::bad_request("page starts at 1"));
        }
        if per_page == 0 || per_page > 500 {
            return Err(ApiError::bad_request("per_page must be between 1 and 500"));
        }
        Ok((page, per_page))
    }

    fn descending(&self) -> Result<bool, ApiError> {
        match self.dir.as_deref() {
            None | Some("asc") => Ok(false),
            Some("desc") => Ok(true),
            Some(other) => Err(ApiError::bad_request(&format!("dir must be asc or desc, not {other:?}"))),
        }
    }
}

/// A stored compensation run, with figures over the statements in the caller's scope.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompRunOut {
    pub(crate) id: i64,
    /// The fiscal period paid, e.g. `FY2026 Q3`.
    pub(crate) period: String,
    pub(crate) start: NaiveDate,
    /// The first day after the period.
    pub(crate) end: NaiveDate,
    pub(crate) as_of: NaiveDate,
    pub(crate) run_by: String,
    pub(crate) run_at: chrono::DateTime<chrono::Utc>,
    /// The period's run this one adjusts against; `null` for a period's first run.
    pub(crate) previous_run_id: Option<i64>,
    /// The stored plan book versions the period was paid under (empty: a plan file).
    pub(crate) plan_version_ids: Vec<i64>,
    /// Statements in the caller's scope.
    pub(crate) payees: i64,
    /// What those statements add up to (what is due for the period).
    pub(crate) total: MoneyOut,
    /// Their adjustments against the previous run: what this run pays on a re-run.
    pub(crate) adjustments: MoneyOut,
}

/// One payout line, rounded once; quantities are minor units for money measures and
/// millionths of a unit for counts.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompLineOut {
    /// `ae v1`, or empty for draw lines.
    pub(crate) plan: String,
    pub(crate) component: String,
    pub(crate) measure: Option<String>,
    pub(crate) from: NaiveDate,
    /// The first day after the part of the period the line pays for.
    pub(crate) until: NaiveDate,
    /// `tier 2`, `below threshold`, `no quota`, `cap`, `gate 1`, `draw top-up`, `draw recovery`.
    pub(crate) line: String,
    pub(crate) achieved: Option<i64>,
    pub(crate) quota: Option<i64>,
    pub(crate) attainment_ppm: Option<i64>,
    pub(crate) band_from_ppm: Option<i64>,
    pub(crate) band_to_ppm: Option<i64>,
    /// The rate applied, in English.
    pub(crate) rate: String,
    pub(crate) amount: MoneyOut,
    /// Why the line pays what it pays, in English whoever asks (the statement page and its
    /// files say it in the payee's language).
    pub(crate) explanation: String,
    /// The same as figures, to say it in any language: an object whose `kind` is `tier`
    /// (`credited`, band `from` and `to` in parts per million, `decelerator`, `pay`,
    /// `target_incentive`, `weight`), `below_threshold` (`attainment`, `threshold`), `no_quota`
    /// (`measure`, `component`), `cap` (`cap`), `gate` (`at`, `bonus`), `draw_top_up`
    /// (`earned`, `draw`, `recoverable`), `draw_recovery` (`recovered`, `owed`), or `text`
    /// (`text`: a line stored before explanations had figures, with its English only).
    #[schema(value_type = Object)]
    pub(crate) explanation_detail: serde_json::Value,
    pub(crate) deal_ids: Vec<i64>,
}

/// A credit a component looked at, with its deal.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompCreditOut {
    pub(crate) plan: String,
    pub(crate) component: String,
    pub(crate) deal_id: i64,
    pub(crate) deal_name: String,
    pub(crate) credited_on: NaiveDate,
    pub(crate) measure: String,
    /// Minor units of `currency`, or millionths of a unit when `currency` is `null`.
    pub(crate) quantity: i64,
    pub(crate) currency: Option<String>,
    /// `owner`, `revenue:PPM`, `overlay:PPM` or `lead:ID`.
    pub(crate) source: String,
    pub(crate) counted: bool,
    /// Why it was not counted (a clawback, another currency), in English whoever asks.
    pub(crate) reason: Option<String>,
    /// The same as figures: an object whose `kind` is `clawback` (`cancelled_on`,
    /// `days_after`, `window`), `other_currency` (`credited`, `plan`) or `text` (`text`).
    #[schema(value_type = Option<Object>)]
    pub(crate) reason_detail: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompAdjustmentOut {
    pub(crate) period: String,
    pub(crate) component: String,
    pub(crate) paid: MoneyOut,
    pub(crate) due: MoneyOut,
    /// `due − paid`: positive is owed to the payee, negative is taken back.
    pub(crate) amount: MoneyOut,
    pub(crate) clawback: bool,
    /// Why, in English whoever asks.
    pub(crate) reason: String,
    /// The same as figures: an object whose `kind` is `deals` (deal ids `clawed_back`,
    /// `removed`, `added`), `recomputed` (same deals; amounts, a quota or the plan changed) or
    /// `text` (`text`: stored before reasons had figures).
    #[schema(value_type = Object)]
    pub(crate) reason_detail: serde_json::Value,
}

/// A payee's statement in a run: every line, the credits behind them, and the adjustments
/// against the period's previous run. The total is the sum of the rounded lines.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CompStatementOut {
    pub(crate) run: CompRunOut,
    pub(crate) payee_id: i64,
    pub(crate) name: String,
    pub(crate) total: Option<MoneyOut>,
    pub(crate) draw_balance: Option<MoneyOut>,
    pub(crate) plan_changes_in_year: Option<u32>,
    pub(crate) lines: Vec<CompLineOut>,
    pub(crate) credits: Vec<CompCreditOut>,
    pub(crate) adjustments: Vec<CompAdjustmentOut>,
    pub(crate) problems: Vec<String>,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sutton API",
        description = "Accounts, opportunities, people, headline figures and pay statements of a Sutton organisation, scoped to the caller. Money is integer minor units with an ISO 4217 currency; rates are parts per million.",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(ErrorBody, ErrorDetail))
)]
struct ApiDoc;

fn build() -> (axum::Router<App>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me))
        .routes(routes!(dashboard))
        .routes(routes!(accounts))
        .routes(routes!(account))
        .routes(routes!(opportunities))
        .routes(routes!(opportunity))
        .routes(routes!(people))
        .routes(routes!(teams))
        .routes(routes!(comp_runs))
        .routes(routes!(comp_statement))
        .routes(routes!(crate::plan_api::segments))
        .routes(routes!(crate::plan_api::workload))
        .routes(routes!(crate::plan_api::compliance))
        .routes(routes!(crate::plan_api::queue))
        .routes(routes!(crate::plan_api::callplan))
        .routes(routes!(crate::plan_api::log_activity))
        .routes(routes!(pipeline_reviews))
        .routes(routes!(pipeline_review))
        .routes(routes!(territory_scenarios))
        .routes(routes!(territory_scenario))
        .split_for_parts()
}

static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    let (_, doc) = build();
    doc.to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
});

pub(crate) fn openapi_json() -> String {
    DOCUMENT.clone()
}

pub(crate) fn router() -> axum::Router<App> {
    build().0.route("/api/openapi.json", axum::routing::get(openapi))
}

async fn openapi() -> Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], DOCUMENT.as_str()).into_response()
}

type ApiResult<T> = Result<Json<T>, ApiError>;

async fn run<T: Send + 'static>(
    app: &App,
    work: impl FnOnce(&App) -> Result<T, sutton_app::AppError> + Send + 'static,
) -> Result<T, ApiError> {
    blocking(app, work).await.map_err(ApiError::from)
}

/// Who the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "access",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(v: ApiViewer) -> ApiResult<Me> {
    Ok(Json(Me {
        login: v.user.login.clone(),
        display_name: v.user.display_name.clone(),
        role: v.user.role.as_str().to_owned(),
        language: v.user.language.tag().to_owned(),
        person_id: v.user.person.map(|p| p.get()),
    }))
}

/// Headline figures for the caller's scope, as of the organisation's today.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "figures",
    responses((status = 200, body = DashboardOut), (status = 401, body = ErrorBody)))]
async fn dashboard(State(app): State<App>, v: ApiViewer) -> ApiResult<DashboardOut> {
    let scope = v.scope.clone();
    let d = run(&app, move |app| app.dashboard(&scope, app.today())).await?;
    Ok(Json(DashboardOut {
        as_of: d.today,
        currency: d.currency.code().to_owned(),
        open_deals: d.open_deals,
        open_pipeline: (&d.open_pipeline).into(),
        win_rate_ppm: d.win_rate.map(|r| r.ppm()),
        direct_selling_ppm: d.direct_selling_share().map(|r| r.ppm()),
        quarters: d
            .quarters
            .iter()
            .map(|q| QuarterOut {
                period: q.period.to_string(),
                bookings: (&q.bookings).into(),
                quota: (&q.quota).into(),
            })
            .collect(),
        stages: d.stages.iter().map(|(s, n, m)| StageOut { stage: s.clone(), deals: *n, amount: m.into() }).collect(),
    }))
}

fn account_out(a: &sutton_app::AccountSummary) -> AccountOut {
    AccountOut {
        id: a.id.get(),
        name: a.name.clone(),
        status: a.status.as_str().to_owned(),
        industry: a.industry.clone(),
        city: a.city.clone(),
        region: a.region.clone(),
        employees: a.employees,
        potential: a.potential.as_ref().map(Into::into),
        owner_id: a.owner.as_ref().map(|(id, _)| id.get()),
        owner_name: a.owner.as_ref().map(|(_, n)| n.clone()),
    }
}

fn opportunity_out(o: &sutton_app::OpportunitySummary) -> OpportunityOut {
    OpportunityOut {
        id: o.id.get(),
        name: o.name.clone(),
        account_id: o.account.0.get(),
        account_name: o.account.1.clone(),
        owner_id: o.owner.0.get(),
        owner_name: o.owner.1.clone(),
        kind: o.kind.as_str().to_owned(),
        stage: o.stage.clone(),
        status: o.status.as_str().to_owned(),
        forecast_category: o.forecast_category.as_str().to_owned(),
        close_date: o.close_date,
        amount: (&o.amount).into(),
    }
}

/// Accounts in the caller's scope, filtered, sorted and paged.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "records", params(ListParams),
    responses((status = 200, body = AccountPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn accounts(State(app): State<App>, v: ApiViewer, Query(p): Query<ListParams>) -> ApiResult<AccountPage> {
    let (page, per_page) = p.paging()?;
    let status =
        p.status.as_deref().map(AccountStatus::parse).transpose().map_err(|e| ApiError::bad_request(&e.to_string()))?;
    let key = p.sort.as_deref().unwrap_or("name");
    let sort =
        crate::account_sort(key).ok_or_else(|| ApiError::bad_request(&format!("cannot sort accounts by {key:?}")))?;
    let query = AccountQuery {
        search: p.q.clone().filter(|s| !s.trim().is_empty()),
        status,
        owner: p.owner.map(PersonId),
        sort,
        descending: p.descending()?,
        page,
        per_page,
    };
    let scope = v.scope.clone();
    let list = run(&app, move |app| Ok(app.store().account_page(&scope, &query)?)).await?;
    Ok(Json(AccountPage { items: list.items.iter().map(account_out).collect(), total: list.total, page, per_page }))
}

/// One account with its contacts, deals and contracts; 404 when it does not exist or is outside
/// the caller's scope.
#[utoipa::path(get, path = "/api/v1/accounts/{id}", tag = "records", params(("id" = i64, Path, description = "Account id")),
    responses((status = 200, body = AccountDetailOut), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn account(State(app): State<App>, v: ApiViewer, Path(id): Path<i64>) -> ApiResult<AccountDetailOut> {
    let scope = v.scope.clone();
    let d = run(&app, move |app| Ok(app.store().account_detail(&scope, AccountId(id))?))
        .await?
        .ok_or_else(|| ApiError::not_found("account", &id.to_string()))?;
    let a = &d.account;
    Ok(Json(AccountDetailOut {
        account: AccountOut {
            id: a.id.get(),
            name: a.name.clone(),
            status: a.status.as_str().to_owned(),
            industry: a.industry.clone(),
            city: a.location.city.clone(),
            region: a.location.region.clone(),
            employees: a.employees,
            potential: a.potential.as_ref().map(Into::into),
            owner_id: d.owner.as_ref().map(|p| p.id.get()),
            owner_name: d.owner.as_ref().map(|p| p.name.clone()),
        },
        external_id: a.external_id.as_ref().map(ToString::to_string),
        postal_code: a.location.postal_code.clone(),
        country: a.location.country.clone(),
        territory: d.territory.clone(),
        contacts: d
            .contacts
            .iter()
            .map(|c| ContactOut {
                id: c.id.get(),
                name: c.name.clone(),
                title: c.title.clone(),
                email: c.email.clone(),
                buying_role: c.buying_role.map(|r| r.as_str().to_owned()),
                engaged: c.engaged,
            })
            .collect(),
        opportunities: d.opportunities.iter().map(opportunity_out).collect(),
        contracts: d
            .contracts
            .iter()
            .map(|c| ContractOut {
                id: c.id.get(),
                start: c.start,
                end: c.end,
                annual_value: (&c.annual_value).into(),
                renewal_status: c.renewal_status.as_str().to_owned(),
            })
            .collect(),
    }))
}

/// Deals in the caller's scope, filtered, sorted and paged.
#[utoipa::path(get, path = "/api/v1/opportunities", tag = "records", params(ListParams),
    responses((status = 200, body = OpportunityPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn opportunities(
    State(app): State<App>,
    v: ApiViewer,
    Query(p): Query<ListParams>,
) -> ApiResult<OpportunityPage> {
    let (page, per_page) = p.paging()?;
    let status = p
        .status
        .as_deref()
        .map(OpportunityStatus::parse)
        .transpose()
        .map_err(|e| ApiError::bad_request(&e.to_string()))?;
    let key = p.sort.as_deref().unwrap_or("close");
    let sort = crate::opportunity_sort(key)
        .ok_or_else(|| ApiError::bad_request(&format!("cannot sort opportunities by {key:?}")))?;
    let query = OpportunityQuery {
        search: p.q.clone().filter(|s| !s.trim().is_empty()),
        status,
        owner: p.owner.map(PersonId),
        account: None,
        close_from: None,
        close_to: None,
        sort,
        descending: p.descending()?,
        page,
        per_page,
    };
    let scope = v.scope.clone();
    let list = run(&app, move |app| Ok(app.store().opportunity_page(&scope, &query)?)).await?;
    Ok(Json(OpportunityPage {
        items: list.items.iter().map(opportunity_out).collect(),
        total: list.total,
        page,
        per_page,
    }))
}

/// One deal with its team and full change history; 404 outside the caller's scope.
#[utoipa::path(get, path = "/api/v1/opportunities/{id}", tag = "records", params(("id" = i64, Path, description = "Opportunity id")),
    responses((status = 200, body = OpportunityDetailOut), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn opportunity(State(app): State<App>, v: ApiViewer, Path(id): Path<i64>) -> ApiResult<OpportunityDetailOut> {
    let scope = v.scope.clone();
    let d = run(&app, move |app| Ok(app.store().opportunity_detail(&scope, OpportunityId(id))?))
        .await?
        .ok_or_else(|| ApiError::not_found("opportunity", &id.to_string()))?;
    let o = &d.opportunity;
    Ok(Json(OpportunityDetailOut {
        opportunity: OpportunityOut {
            id: o.id.get(),
            name: o.name.clone(),
            account_id: o.account.get(),
            account_name: d.account.clone(),
            owner_id: o.owner.get(),
            owner_name: d.owner.clone(),
            kind: o.kind.as_str().to_owned(),
            stage: o.stage.clone(),
            status: o.status.as_str().to_owned(),
            forecast_category: o.forecast_category.as_str().to_owned(),
            close_date: o.close_date,
            amount: (&o.amount).into(),
        },
        external_id: o.external_id.as_ref().map(ToString::to_string),
        source: o.source.clone(),
        created_on: o.created_on,
        probability_ppm: o.probability.ppm(),
        discount_ppm: o.discount.ppm(),
        margin_ppm: o.margin.map(|m| m.ppm()),
        team: o
            .team
            .members()
            .iter()
            .zip(d.team_names.iter())
            .map(|(m, name)| TeamMemberOut {
                person_id: m.person.get(),
                name: name.clone(),
                role: m.role.clone(),
                split_type: m.split_type.as_str().to_owned(),
                split_ppm: m.split.ppm(),
            })
            .collect(),
        history: d
            .history
            .iter()
            .map(|h| ChangeOut {
                changed_at: h.changed_at,
                stage: h.stage.clone(),
                status: h.status.as_str().to_owned(),
                probability_ppm: h.probability.ppm(),
                forecast_category: h.forecast_category.as_str().to_owned(),
                amount: (&h.amount).into(),
                close_date: h.close_date,
            })
            .collect(),
    }))
}

/// The people the caller may see.
#[utoipa::path(get, path = "/api/v1/people", tag = "organisation",
    responses((status = 200, body = Vec<PersonOut>), (status = 401, body = ErrorBody)))]
async fn people(State(app): State<App>, v: ApiViewer) -> ApiResult<Vec<PersonOut>> {
    let scope = v.scope.clone();
    let people = run(&app, move |app| Ok(app.store().people(&scope)?)).await?;
    Ok(Json(
        people
            .iter()
            .filter(|p| !p.placeholder)
            .map(|p| PersonOut {
                id: p.id.get(),
                name: p.name.clone(),
                role: p.role.as_str().to_owned(),
                channel: p.channel.map(|c| c.as_str().to_owned()),
                team_id: p.team.map(|t| t.get()),
                manager_id: p.manager.map(|m| m.get()),
                hire_date: p.hire_date,
                leave_date: p.leave_date,
                weekly_capacity_minutes: p.weekly_capacity_minutes,
            })
            .collect(),
    ))
}

/// The team hierarchy (names and structure only; members come from `/api/v1/people`).
#[utoipa::path(get, path = "/api/v1/teams", tag = "organisation",
    responses((status = 200, body = Vec<TeamOut>), (status = 401, body = ErrorBody)))]
async fn teams(State(app): State<App>, _v: ApiViewer) -> ApiResult<Vec<TeamOut>> {
    let teams = run(&app, |app| Ok(app.store().teams()?)).await?;
    Ok(Json(
        teams
            .iter()
            .map(|t| TeamOut {
                id: t.id.get(),
                name: t.name.clone(),
                parent_id: t.parent.map(|p| p.get()),
                manager_id: t.manager.map(|m| m.get()),
            })
            .collect(),
    ))
}

fn comp_run_out(h: &sutton_app::comp::CompRunHeader, payees: i64, total: &Money, adjustments: &Money) -> CompRunOut {
    CompRunOut {
        id: h.id,
        period: h.period.to_string(),
        start: h.start,
        end: h.end,
        as_of: h.as_of,
        run_by: h.run_by.clone(),
        run_at: h.run_at,
        previous_run_id: h.previous,
        plan_version_ids: h.plan_versions.clone(),
        payees,
        total: total.into(),
        adjustments: adjustments.into(),
    }
}

/// Compensation runs the caller may see, newest first; the figures cover only the statements
/// in the caller's scope (a rep's are their own).
#[utoipa::path(get, path = "/api/v1/comp/runs", tag = "compensation",
    responses((status = 200, body = Vec<CompRunOut>), (status = 401, body = ErrorBody)))]
async fn comp_runs(State(app): State<App>, v: ApiViewer) -> ApiResult<Vec<CompRunOut>> {
    let scope = v.scope.clone();
    let runs = run(&app, move |app| app.comp_runs(&scope)).await?;
    Ok(Json(runs.iter().map(|r| comp_run_out(&r.header, r.payees, &r.total, &r.adjustments)).collect()))
}

/// One payee's statement in a run; 404 when the run does not exist, the payee is outside the
/// caller's scope, or the run has nothing for them.
#[utoipa::path(get, path = "/api/v1/comp/statements/{run}/{payee}", tag = "compensation",
    params(("run" = i64, Path, description = "Run id"), ("payee" = i64, Path, description = "The payee's person id")),
    responses((status = 200, body = CompStatementOut), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn comp_statement(
    State(app): State<App>,
    v: ApiViewer,
    Path((run_id, payee)): Path<(i64, i64)>,
) -> ApiResult<CompStatementOut> {
    let scope = v.scope.clone();
    let (h, s, adjustments) = run(&app, move |app| app.comp_statement(run_id, PersonId(payee), &scope))
        .await?
        .ok_or_else(|| ApiError::not_found("statement", &format!("{run_id}/{payee}")))?;
    let currency = s.as_ref().map_or(h.currency, |s| s.total.currency());
    let adjusted = Money::from_minor(adjustments.iter().map(|a| a.amount.minor()).sum(), currency);
    let total = s.as_ref().map_or(Money::zero(currency), |s| s.total);
    let mut out = CompStatementOut {
        run: comp_run_out(&h, i64::from(s.is_some()), &total, &adjusted),
        payee_id: payee,
        name: s.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        total: s.as_ref().map(|s| (&s.total).into()),
        draw_balance: s.as_ref().map(|s| (&s.draw_balance).into()),
        plan_changes_in_year: s.as_ref().map(|s| s.plan_changes_in_year),
        lines: Vec::new(),
        credits: Vec::new(),
        adjustments: adjustments
            .iter()
            .map(|a| CompAdjustmentOut {
                period: a.period.to_string(),
                component: a.component.clone(),
                paid: (&a.paid).into(),
                due: (&a.due).into(),
                amount: (&a.amount).into(),
                clawback: a.clawback,
                reason: a.reason.to_string(),
                reason_detail: serde_json::to_value(&a.reason).unwrap_or_default(),
            })
            .collect(),
        problems: s.as_ref().map(|s| s.problems.clone()).unwrap_or_default(),
    };
    if let Some(s) = &s {
        out.lines = s
            .lines
            .iter()
            .map(|l| CompLineOut {
                plan: l.plan.clone(),
                component: l.component.clone(),
                measure: l.measure.map(|m| m.as_str().to_owned()),
                from: l.from,
                until: l.until,
                line: l.kind.to_string(),
                achieved: l.achieved.map(|q| q.raw()),
                quota: l.quota.map(|q| q.raw()),
                attainment_ppm: l.attainment.map(|a| a.ppm()),
                band_from_ppm: l.band.map(|b| b.0.ppm()),
                band_to_ppm: l.band.and_then(|b| b.1.map(|t| t.ppm())),
                rate: l.rate.clone(),
                amount: (&l.amount).into(),
                explanation: l.explanation.to_string(),
                explanation_detail: serde_json::to_value(&l.explanation).unwrap_or_default(),
                deal_ids: l.deals.iter().map(|d| d.get()).collect(),
            })
            .collect();
        for c in &s.components {
            let counted = c.credits.iter().map(|x| (std::borrow::Cow::Owned(x), None));
            let excluded = c.excluded.iter().map(|(x, why)| (std::borrow::Cow::Borrowed(x), Some(why)));
            for (credit, why) in counted.chain(excluded) {
                let (quantity, currency) = match credit.quantity {
                    sutton_app::comp::Quantity::Money(m) => (m.minor(), Some(m.currency().code().to_owned())),
                    sutton_app::comp::Quantity::Units(u) => (u, None),
                };
                out.credits.push(CompCreditOut {
                    plan: c.plan.clone(),
                    component: c.component.clone(),
                    deal_id: credit.deal.get(),
                    deal_name: credit.deal_name.clone(),
                    credited_on: credit.date,
                    measure: credit.measure.as_str().to_owned(),
                    quantity,
                    currency,
                    source: credit.source.code(),
                    counted: why.is_none(),
                    reason: why.map(ToString::to_string),
                    reason_detail: why.and_then(|w| serde_json::to_value(w).ok()),
                });
            }
        }
    }
    Ok(Json(out))
}

/// A pipeline review in a list.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewOut {
    pub(crate) id: i64,
    pub(crate) team_id: i64,
    pub(crate) team: String,
    pub(crate) as_of: NaiveDate,
    pub(crate) taken_by: String,
    pub(crate) previous_id: Option<i64>,
    /// Deals the caller may see, and how many of them are flagged and decided.
    pub(crate) deals: usize,
    pub(crate) flagged: usize,
    pub(crate) decided: usize,
    pub(crate) amount: Option<MoneyOut>,
}

/// One deal as the review saw it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewDealOut {
    pub(crate) opportunity_id: i64,
    pub(crate) name: String,
    pub(crate) owner_id: i64,
    pub(crate) owner: String,
    pub(crate) amount: MoneyOut,
    pub(crate) stage: String,
    pub(crate) close_date: NaiveDate,
    pub(crate) forecast_category: String,
    /// `stale`, `pushed`, `no_activity`, `single_threaded`, `overdue`, `outside_icp`.
    pub(crate) flags: Vec<String>,
    pub(crate) note: Option<String>,
    /// `commit`, `downgrade` or `remove`.
    pub(crate) decision: Option<String>,
}

/// How a deal changed since the team's previous review.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewChangeOut {
    pub(crate) opportunity_id: i64,
    pub(crate) name: String,
    pub(crate) new: bool,
    pub(crate) gone: bool,
    pub(crate) amount_before: Option<MoneyOut>,
    pub(crate) amount_after: Option<MoneyOut>,
    pub(crate) stage_before: Option<String>,
    pub(crate) stage_after: Option<String>,
    pub(crate) close_date_before: Option<NaiveDate>,
    pub(crate) close_date_after: Option<NaiveDate>,
    /// The previous review's decision on the deal.
    pub(crate) carried_decision: Option<String>,
}

/// A review with its deals and what changed since the previous one.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewDetailOut {
    pub(crate) review: ReviewOut,
    pub(crate) deals: Vec<ReviewDealOut>,
    pub(crate) changes: Vec<ReviewChangeOut>,
}

fn review_out(s: &sutton_app::ReviewSummary) -> ReviewOut {
    ReviewOut {
        id: s.review.id,
        team_id: s.review.team.get(),
        team: s.team_name.clone(),
        as_of: s.review.as_of,
        taken_by: s.review.taken_by.clone(),
        previous_id: s.review.previous,
        deals: s.deals,
        flagged: s.flagged,
        decided: s.decided,
        amount: s.amount.as_ref().map(MoneyOut::from),
    }
}

/// The pipeline reviews of the teams in the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/pipeline/reviews", tag = "pipeline",
    responses((status = 200, body = Vec<ReviewOut>), (status = 401, body = ErrorBody)))]
async fn pipeline_reviews(State(app): State<App>, v: ApiViewer) -> ApiResult<Vec<ReviewOut>> {
    let scope = v.scope.clone();
    let list = run(&app, move |app| app.reviews(&scope)).await?;
    Ok(Json(list.iter().map(review_out).collect()))
}

/// One review: its deals (those in the caller's scope) and what changed since the previous one.
#[utoipa::path(get, path = "/api/v1/pipeline/reviews/{id}", tag = "pipeline", params(("id" = i64, Path, description = "Review id")),
    responses((status = 200, body = ReviewDetailOut), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn pipeline_review(State(app): State<App>, v: ApiViewer, Path(id): Path<i64>) -> ApiResult<ReviewDetailOut> {
    let scope = v.scope.clone();
    let w = run(&app, move |app| app.review_workspace(&scope, id)).await?;
    let amount = w.lines.iter().try_fold(None::<Money>, |acc, l| match acc {
        None => Some(Some(l.amount)),
        Some(m) => m.checked_add(l.amount).ok().map(Some),
    });
    let review = ReviewOut {
        id: w.review.id,
        team_id: w.review.team.get(),
        team: w.team_name.clone(),
        as_of: w.review.as_of,
        taken_by: w.review.taken_by.clone(),
        previous_id: w.review.previous,
        deals: w.lines.len(),
        flagged: w.lines.iter().filter(|l| !l.flags.is_empty()).count(),
        decided: w.lines.iter().filter(|l| l.decision.is_some()).count(),
        amount: amount.flatten().as_ref().map(MoneyOut::from),
    };
    let deals = w
        .lines
        .iter()
        .map(|l| ReviewDealOut {
            opportunity_id: l.opportunity.get(),
            name: l.name.clone(),
            owner_id: l.owner.id,
            owner: l.owner.name.clone(),
            amount: (&l.amount).into(),
            stage: l.stage.clone(),
            close_date: l.close_date,
            forecast_category: l.category.as_str().to_owned(),
            flags: l.flags.iter().map(|f| f.kind().to_owned()).collect(),
            note: l.note.clone(),
            decision: l.decision.map(|d| d.as_str().to_owned()),
        })
        .collect();
    let changes = w
        .comparison
        .iter()
        .flat_map(|c| c.changes.iter())
        .map(|c| ReviewChangeOut {
            opportunity_id: c.opportunity.get(),
            name: c.name.clone(),
            new: c.new,
            gone: c.gone,
            amount_before: c.amount.as_ref().map(|(a, _)| a.into()),
            amount_after: c.amount.as_ref().map(|(_, b)| b.into()),
            stage_before: c.stage.as_ref().map(|(a, _)| a.clone()),
            stage_after: c.stage.as_ref().map(|(_, b)| b.clone()),
            close_date_before: c.close_date.map(|(a, _)| a),
            close_date_after: c.close_date.map(|(_, b)| b),
            carried_decision: c.carried.map(|d| d.as_str().to_owned()),
        })
        .collect();
    Ok(Json(ReviewDetailOut { review, deals, changes }))
}

// ---------------------------------------------------------------------------------------------
// Territory scenarios

/// A balanced measure of an alignment, as the optimiser measures it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BalanceOut {
    /// `accounts`, `potential` or `workload` (call minutes a year).
    pub(crate) measure: String,
    /// The tolerance asked for, in parts per million (50000 = ±5 %).
    pub(crate) tolerance_ppm: i64,
    /// Largest |total / target − 1| over the territories, in parts per million.
    pub(crate) max_deviation_ppm: i64,
    /// Coefficient of variation of total / target, in parts per million.
    pub(crate) cv_ppm: i64,
    /// Territories outside the tolerance.
    pub(crate) outside: usize,
}

/// An alignment's metrics.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioMetricsOut {
    pub(crate) balance: Vec<BalanceOut>,
    /// Mean weighted distance of a county to its territory's centre, in metres.
    pub(crate) mean_distance_m: i64,
    /// Counties whose territory differs from the current alignment's.
    pub(crate) counties_moved: usize,
    pub(crate) moved_ppm: i64,
    /// County borders between two territories.
    pub(crate) cut_edges: usize,
    pub(crate) contiguous: bool,
    /// Territories (ids) that are in pieces.
    pub(crate) not_contiguous: Vec<i64>,
}

/// A stored alignment: the current one or a scenario.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    /// `current`, `scenario` or `archived`.
    pub(crate) status: String,
    pub(crate) created_on: NaiveDate,
    pub(crate) note: Option<String>,
    pub(crate) territories: usize,
    pub(crate) metrics: ScenarioMetricsOut,
}

/// A territory of an alignment with its totals.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioTerritoryOut {
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) rep_ids: Vec<i64>,
    pub(crate) counties: usize,
    /// Totals of the balanced measures, in the order of `metrics.balance` (potential in major
    /// units rounded to whole ones, workload in minutes).
    pub(crate) totals: Vec<i64>,
    pub(crate) targets: Vec<i64>,
    pub(crate) contiguous: bool,
}

/// A county's place in an alignment.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AssignmentOut {
    /// County FIPS code.
    pub(crate) fips: String,
    pub(crate) geo_unit_id: i64,
    pub(crate) territory_id: i64,
    pub(crate) locked: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScenarioDetailOut {
    pub(crate) scenario: ScenarioOut,
    pub(crate) territories: Vec<ScenarioTerritoryOut>,
    /// Every county of the alignment (for managers: those of their people's territories).
    pub(crate) assignment: Vec<AssignmentOut>,
}

fn ppm(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

fn territory_readers(v: &ApiViewer) -> Result<(), ApiError> {
    use sutton_app::domain::AccessRole;
    if matches!(v.user.role, AccessRole::Admin | AccessRole::Vp | AccessRole::Manager) {
        Ok(())
    } else {
        Err(ApiError::forbidden("territory design is for managers, VPs and administrators"))
    }
}

fn sees_territory(scope: &sutton_app::domain::Scope, t: &sutton_app::ScenarioTerritory) -> bool {
    matches!(scope, sutton_app::domain::Scope::Everything) || t.reps.iter().any(|(p, _)| scope.sees(*p))
}

fn scenario_out(view: &sutton_app::ScenarioView) -> ScenarioOut {
    let m = &view.metrics;
    ScenarioOut {
        id: view.alignment.id.get(),
        name: view.alignment.name.clone(),
        status: view.alignment.status.as_str().to_owned(),
        created_on: view.alignment.created_on,
        note: view.alignment.note.clone(),
        territories: view.territories.len(),
        metrics: ScenarioMetricsOut {
            balance: m
                .balance
                .iter()
                .map(|b| BalanceOut {
                    measure: b.name.clone(),
                    tolerance_ppm: ppm(b.tolerance),
                    max_deviation_ppm: ppm(b.max_deviation),
                    cv_ppm: ppm(b.cv),
                    outside: b.outside,
                })
                .collect(),
            mean_distance_m: (m.mean_distance_to_centre * 1000.0).round() as i64,
            counties_moved: view.moved,
            moved_ppm: ppm(view.moved_share),
            cut_edges: m.cut_edges,
            contiguous: m.contiguous,
            not_contiguous: view.broken().iter().map(|&t| view.territories[t].id.get()).collect(),
        },
    }
}

/// The current alignment and every territory scenario, with their metrics (managers, VPs and
/// administrators).
#[utoipa::path(get, path = "/api/v1/territories/scenarios", tag = "territories",
    responses((status = 200, body = Vec<ScenarioOut>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn territory_scenarios(State(app): State<App>, v: ApiViewer) -> ApiResult<Vec<ScenarioOut>> {
    territory_readers(&v)?;
    let views = run(&app, App::scenarios).await?;
    Ok(Json(views.iter().map(scenario_out).collect()))
}

/// One alignment: its metrics, territories and the territory of every county.
#[utoipa::path(get, path = "/api/v1/territories/scenarios/{id}", tag = "territories",
    params(("id" = i64, Path, description = "The alignment's id")),
    responses((status = 200, body = ScenarioDetailOut), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn territory_scenario(
    State(app): State<App>,
    v: ApiViewer,
    Path(id): Path<String>,
) -> ApiResult<ScenarioDetailOut> {
    territory_readers(&v)?;
    let id = id.trim().parse::<i64>().map_err(|_| ApiError::not_found("alignment", &id))?;
    let view = run(&app, move |app| app.scenario(sutton_app::domain::AlignmentId(id))).await?;
    let m = &view.metrics;
    let mut counties = vec![0usize; view.territories.len()];
    for u in &view.units {
        counties[u.territory] += 1;
    }
    let shown: Vec<bool> = view.territories.iter().map(|t| sees_territory(&v.scope, t)).collect();
    Ok(Json(ScenarioDetailOut {
        scenario: scenario_out(&view),
        territories: view
            .territories
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
            .map(|(i, t)| ScenarioTerritoryOut {
                id: t.id.get(),
                name: t.name.clone(),
                rep_ids: t.reps.iter().map(|(p, _)| p.get()).collect(),
                counties: counties[i],
                totals: m.territories[i].totals.iter().map(|x| x.round() as i64).collect(),
                targets: m.territories[i].targets.iter().map(|x| x.round() as i64).collect(),
                contiguous: m.territories[i].contiguous,
            })
            .collect(),
        assignment: view
            .units
            .iter()
            .filter(|u| shown[u.territory])
            .map(|u| AssignmentOut {
                fips: u.fips.clone(),
                geo_unit_id: u.geo.get(),
                territory_id: view.territories[u.territory].id.get(),
                locked: u.locked,
            })
            .collect(),
    }))
}
