//! The JSON API of segments and call execution: segments, workload, compliance, work queues,
//! CALLPLAN, and logging a call. Same engines, same scope as the pages: a rep sees their own
//! book, a manager their teams, VPs and administrators everything.

// The code `utoipa::path` generates for `params(...)` names types by their full path.
#![allow(unused_qualifications)]

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_app::domain::{AccessRole, AccountId, ActivityKind, ContactMode, Money, PersonId, Scope};
use sutton_app::planning::{SegmentMethod, WorkloadOptions};
use sutton_app::{App, AppError, CallPlanRequest, NewCall};
use utoipa::{IntoParams, ToSchema};

use crate::api::{ErrorBody, MoneyOut};
use crate::session::ApiViewer;
use crate::{ApiError, blocking};

type ApiResult<T> = Result<Json<T>, ApiError>;

async fn run<T: Send + 'static>(
    app: &App,
    work: impl FnOnce(&App) -> Result<T, AppError> + Send + 'static,
) -> Result<T, ApiError> {
    match blocking(app, work).await {
        Ok(t) => Ok(t),
        Err(crate::WebError::App(AppError::Input(message))) => Err(ApiError::bad_request(&message)),
        Err(e) => Err(ApiError::from(e)),
    }
}

fn sees(scope: &Scope, owner: Option<PersonId>) -> bool {
    match scope {
        Scope::Everything => true,
        s => owner.is_some_and(|o| s.sees(o)),
    }
}

/// Optional date to read the data as of.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AsOfParams {
    /// `YYYY-MM-DD`; the organisation's today by default.
    as_of: Option<NaiveDate>,
}

/// Days of logged calls up to the as-of date.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct WindowParams {
    /// `YYYY-MM-DD`; the organisation's today by default.
    as_of: Option<NaiveDate>,
    /// Days of calls up to the as-of date (91 by default, at most 3,660).
    days: Option<u32>,
}

impl WindowParams {
    fn days(&self) -> Result<u32, ApiError> {
        match self.days.unwrap_or(91) {
            d @ 1..=3660 => Ok(d),
            d => Err(ApiError::bad_request(&format!("days must be between 1 and 3660, not {d}"))),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SegmentOut {
    pub(crate) account_id: i64,
    pub(crate) owner_id: Option<i64>,
    pub(crate) segment: String,
    /// What the rule gives; differs from `segment` when the account is set by hand.
    pub(crate) computed: String,
    pub(crate) rank: u32,
    /// The value ranked by: minor units of the organisation's currency for potential, revenue
    /// and gross profit, parts per million of fit for the ICP score.
    pub(crate) measure: Option<i64>,
    /// Share of the total held by this account and those ranked above it, parts per million.
    pub(crate) cumulative_share_ppm: i64,
    pub(crate) explanation: String,
    /// Why the account is set by hand, when it is.
    pub(crate) override_reason: Option<String>,
}

/// Every visible account's segment under the organisation's rule, with why.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SegmentsOut {
    pub(crate) as_of: NaiveDate,
    /// What accounts are ranked by: `potential`, `revenue`, `gross_profit` or `icp_score`.
    pub(crate) measure: String,
    /// How they are cut: `pareto`, `percentile` or `threshold`.
    pub(crate) method: String,
    /// The stored ideal-client profile the ICP score is read from, when that is the measure.
    pub(crate) icp_profile: Option<String>,
    /// Segment names, most valuable first.
    pub(crate) names: Vec<String>,
    pub(crate) accounts: Vec<SegmentOut>,
}

/// Segments under the organisation's saved rule (by default A, B, C by Pareto 50 % / 80 % of
/// potential) with each account's explanation.
#[utoipa::path(get, path = "/api/v1/segments", tag = "plan", params(AsOfParams),
    responses((status = 200, body = SegmentsOut), (status = 401, body = ErrorBody)))]
pub(crate) async fn segments(
    State(app): State<App>,
    v: ApiViewer,
    Query(p): Query<AsOfParams>,
) -> ApiResult<SegmentsOut> {
    let (rule, context) = run(&app, move |app| {
        let rule = app.segment_rule()?;
        let context = app.plan_context(&rule, p.as_of)?;
        Ok((rule, context))
    })
    .await?;
    let s = &context.segmentation;
    Ok(Json(SegmentsOut {
        as_of: context.as_of,
        measure: s.rule.measure.as_str().to_owned(),
        method: match s.rule.method {
            SegmentMethod::Pareto { .. } => "pareto",
            SegmentMethod::Percentile { .. } => "percentile",
            SegmentMethod::Threshold { .. } => "threshold",
        }
        .to_owned(),
        icp_profile: rule.icp_profile,
        names: s.rule.names.iter().map(ToString::to_string).collect(),
        accounts: s
            .accounts
            .iter()
            .filter(|a| sees(&v.scope, a.owner))
            .map(|a| SegmentOut {
                account_id: a.account.get(),
                owner_id: a.owner.map(|o| o.get()),
                segment: s.segment(a).to_string(),
                computed: s.computed(a).to_string(),
                rank: a.rank,
                measure: a.measure,
                cumulative_share_ppm: a.cumulative_share.ppm(),
                explanation: a.explanation(&s.rule),
                override_reason: a.overridden.as_ref().map(|o| o.reason.clone()),
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LoadOut {
    pub(crate) person_id: i64,
    pub(crate) name: String,
    pub(crate) accounts: u32,
    pub(crate) calls_per_year: u64,
    pub(crate) call_minutes: u64,
    pub(crate) travel_minutes: u64,
    pub(crate) capacity_minutes: u64,
    /// Workload ÷ capacity, parts per million.
    pub(crate) utilisation_ppm: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SizingOut {
    pub(crate) role: String,
    pub(crate) channel: String,
    pub(crate) minutes_per_year: u64,
    pub(crate) capacity_per_person: u64,
    pub(crate) people_now: u32,
    pub(crate) people_needed: f64,
}

/// Yearly workload of the call patterns per person against capacity, and the people each role
/// needs (sizing is for managers, VPs and administrators).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct WorkloadOut {
    pub(crate) as_of: NaiveDate,
    pub(crate) people: Vec<LoadOut>,
    pub(crate) sizing: Vec<SizingOut>,
}

/// CALL-2: calls × (duration + travel) per person against capacity; people needed per role.
#[utoipa::path(get, path = "/api/v1/calls/workload", tag = "plan", params(AsOfParams),
    responses((status = 200, body = WorkloadOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub(crate) async fn workload(
    State(app): State<App>,
    v: ApiViewer,
    Query(p): Query<AsOfParams>,
) -> ApiResult<WorkloadOut> {
    let (context, w) =
        run(&app, move |app| app.calls_workload(&app.segment_rule()?, p.as_of, &WorkloadOptions::default())).await?;
    Ok(Json(WorkloadOut {
        as_of: context.as_of,
        people: w
            .people
            .iter()
            .filter(|(p, _)| v.scope.sees(**p))
            .map(|(p, l)| LoadOut {
                person_id: p.get(),
                name: context.person_name(*p),
                accounts: l.accounts,
                calls_per_year: l.calls_per_year,
                call_minutes: l.call_minutes,
                travel_minutes: l.travel_minutes,
                capacity_minutes: l.capacity_minutes,
                utilisation_ppm: l.utilisation().map(|r| r.ppm()),
            })
            .collect(),
        sizing: if v.user.role == AccessRole::Rep {
            Vec::new()
        } else {
            w.sizing
                .iter()
                .map(|r| SizingOut {
                    role: r.role.as_str().to_owned(),
                    channel: r.channel.as_str().to_owned(),
                    minutes_per_year: r.minutes_per_year,
                    capacity_per_person: r.capacity_per_person,
                    people_now: r.people_now,
                    people_needed: r.people_needed,
                })
                .collect()
        },
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ComplianceRowOut {
    /// Team or person id.
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) accounts: u32,
    pub(crate) planned: f64,
    pub(crate) actual: u64,
    pub(crate) behind: u32,
    pub(crate) overdue: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OverdueOut {
    pub(crate) account_id: i64,
    pub(crate) segment: String,
    pub(crate) owner_id: Option<i64>,
    pub(crate) last_call: Option<NaiveDate>,
    /// Days past the interval; absent when the account was never called.
    pub(crate) days_overdue: Option<i64>,
}

/// Planned against made calls per team and rep over the window; overdue accounts.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ComplianceOut {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) teams: Vec<ComplianceRowOut>,
    pub(crate) reps: Vec<ComplianceRowOut>,
    pub(crate) overdue_accounts: Vec<OverdueOut>,
}

fn compliance_row(id: i64, name: String, t: &sutton_app::planning::ComplianceTotals) -> ComplianceRowOut {
    ComplianceRowOut {
        id,
        name,
        accounts: t.accounts,
        planned: t.planned,
        actual: t.actual,
        behind: t.behind,
        overdue: t.overdue,
    }
}

/// CALL-4: planned against actual calls per team and rep; overdue accounts.
#[utoipa::path(get, path = "/api/v1/calls/compliance", tag = "plan", params(WindowParams),
    responses((status = 200, body = ComplianceOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub(crate) async fn compliance(
    State(app): State<App>,
    v: ApiViewer,
    Query(p): Query<WindowParams>,
) -> ApiResult<ComplianceOut> {
    let days = p.days()?;
    let (context, c) = run(&app, move |app| app.calls_compliance(&app.segment_rule()?, p.as_of, days)).await?;
    let teams = c
        .by_team
        .iter()
        .filter(|(t, _)| {
            matches!(v.scope, Scope::Everything)
                || context.data.people.iter().any(|p| p.team == Some(**t) && v.scope.sees(p.id))
        })
        .map(|(t, x)| {
            let name =
                context.data.teams.iter().find(|team| team.id == *t).map_or_else(String::new, |t| t.name.clone());
            compliance_row(t.get(), name, x)
        })
        .collect();
    Ok(Json(ComplianceOut {
        from: c.from,
        to: c.to,
        teams,
        reps: c
            .by_rep
            .iter()
            .filter(|(p, _)| v.scope.sees(**p))
            .map(|(p, x)| compliance_row(p.get(), context.person_name(*p), x))
            .collect(),
        overdue_accounts: c
            .accounts
            .iter()
            .filter(|a| a.overdue && sees(&v.scope, a.owner))
            .map(|a| OverdueOut {
                account_id: a.account.get(),
                segment: a.segment.to_string(),
                owner_id: a.owner.map(|o| o.get()),
                last_call: a.last_call,
                days_overdue: a.days_overdue,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QueueOut {
    pub(crate) person_id: i64,
    pub(crate) name: String,
    /// Overdue first, the most valuable segment first, the longest waiting first.
    pub(crate) accounts: Vec<OverdueOut>,
}

/// CALL-5: each visible rep's work queue.
#[utoipa::path(get, path = "/api/v1/calls/queue", tag = "plan", params(WindowParams),
    responses((status = 200, body = Vec<QueueOut>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub(crate) async fn queue(
    State(app): State<App>,
    v: ApiViewer,
    Query(p): Query<WindowParams>,
) -> ApiResult<Vec<QueueOut>> {
    let days = p.days()?;
    let (context, queues) = run(&app, move |app| app.calls_queue(&app.segment_rule()?, p.as_of, days)).await?;
    Ok(Json(
        queues
            .iter()
            .filter(|(p, _)| v.scope.sees(**p))
            .map(|(p, items)| QueueOut {
                person_id: p.get(),
                name: context.person_name(*p),
                accounts: items
                    .iter()
                    .map(|i| OverdueOut {
                        account_id: i.account.get(),
                        segment: i.segment.to_string(),
                        owner_id: Some(p.get()),
                        last_call: i.last_call,
                        days_overdue: i.days_overdue,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AccountPlanOut {
    pub(crate) account_id: i64,
    pub(crate) segment: String,
    pub(crate) current_calls: u32,
    pub(crate) planned_calls: u32,
    pub(crate) minutes_per_call: u32,
    pub(crate) current_profit: MoneyOut,
    pub(crate) planned_profit: MoneyOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RepPlanOut {
    pub(crate) person_id: i64,
    pub(crate) name: String,
    pub(crate) budget_minutes: u64,
    pub(crate) current_minutes: u64,
    pub(crate) planned_minutes: u64,
    pub(crate) current_profit: MoneyOut,
    pub(crate) planned_profit: MoneyOut,
    pub(crate) gain: MoneyOut,
    /// `greedy` or `dynamic_programming`.
    pub(crate) method: String,
    pub(crate) accounts: Vec<AccountPlanOut>,
}

/// CALLPLAN: expected gross profit a year of the current call pattern and of the plan.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CallPlanOut {
    pub(crate) as_of: NaiveDate,
    /// Gross margin applied to potential to value accounts, parts per million.
    pub(crate) margin_ppm: i64,
    pub(crate) reps: Vec<RepPlanOut>,
}

/// CALL-7: each visible rep's selling time allocated by response curve (stored curves, else
/// the defaults per segment), against the current pattern.
#[utoipa::path(get, path = "/api/v1/callplan", tag = "plan", params(AsOfParams),
    responses((status = 200, body = CallPlanOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub(crate) async fn callplan(
    State(app): State<App>,
    v: ApiViewer,
    Query(p): Query<AsOfParams>,
) -> ApiResult<CallPlanOut> {
    let mut request = CallPlanRequest::default();
    if let Scope::People(set) = &v.scope {
        request.reps = Some(set.iter().copied().collect());
    }
    let run_ = run(&app, move |app| app.callplan(&app.segment_rule()?, p.as_of, &request)).await?;
    let currency = run_.context.data.organisation.currency;
    let m = |minor: i64| MoneyOut::from(&Money::from_minor(minor, currency));
    Ok(Json(CallPlanOut {
        as_of: run_.context.as_of,
        margin_ppm: run_.margin.ppm(),
        reps: run_
            .plan
            .reps
            .iter()
            .filter(|r| v.scope.sees(r.rep))
            .map(|r| RepPlanOut {
                person_id: r.rep.get(),
                name: run_.context.person_name(r.rep),
                budget_minutes: r.budget_minutes,
                current_minutes: r.current_minutes,
                planned_minutes: r.planned_minutes,
                current_profit: m(r.current_profit),
                planned_profit: m(r.planned_profit),
                gain: m(r.gain()),
                method: match r.method {
                    sutton_app::planning::CallPlanMethod::Greedy => "greedy",
                    sutton_app::planning::CallPlanMethod::DynamicProgramming => "dynamic_programming",
                }
                .to_owned(),
                accounts: r
                    .accounts
                    .iter()
                    .map(|a| AccountPlanOut {
                        account_id: a.account.get(),
                        segment: a.segment.to_string(),
                        current_calls: a.current_calls,
                        planned_calls: a.planned_calls,
                        minutes_per_call: a.minutes_per_call,
                        current_profit: m(a.current_profit),
                        planned_profit: m(a.planned_profit),
                    })
                    .collect(),
            })
            .collect(),
    }))
}

/// A call to log.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct NewActivityIn {
    /// Who made the call; the caller's own person by default.
    pub(crate) person_id: Option<i64>,
    pub(crate) account_id: i64,
    pub(crate) date: NaiveDate,
    /// `call`, `visit` or `meeting`.
    pub(crate) kind: String,
    /// `face_to_face`, `phone` or `video`.
    pub(crate) mode: String,
    pub(crate) duration_minutes: u32,
    pub(crate) subject: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CreatedOut {
    pub(crate) id: i64,
}

/// CALL-3: logs a customer call in direct-selling time, by a person and on an account inside
/// the caller's scope. Needs a token (`Authorization: Bearer …`).
#[utoipa::path(post, path = "/api/v1/activities", tag = "plan", request_body = NewActivityIn,
    responses((status = 201, body = CreatedOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub(crate) async fn log_activity(
    State(app): State<App>,
    v: ApiViewer,
    Json(body): Json<NewActivityIn>,
) -> Result<(StatusCode, Json<CreatedOut>), ApiError> {
    let person = body
        .person_id
        .map(PersonId)
        .or(v.user.person)
        .ok_or_else(|| ApiError::bad_request("give person_id: your login is not linked to a sales person"))?;
    let kind = ActivityKind::parse(&body.kind).map_err(|e| ApiError::bad_request(&e.to_string()))?;
    let mode = ContactMode::parse(&body.mode).map_err(|e| ApiError::bad_request(&e.to_string()))?;
    if !matches!(mode, ContactMode::FaceToFace | ContactMode::Phone | ContactMode::Video) {
        return Err(ApiError::bad_request("mode: a call is face_to_face, phone or video"));
    }
    let call = NewCall {
        person,
        account: AccountId(body.account_id),
        date: body.date,
        kind,
        mode,
        duration_minutes: body.duration_minutes,
        subject: body.subject,
    };
    let (scope, actor) = (v.scope.clone(), format!("api:{}", v.user.login));
    let id = run(&app, move |app| app.log_call(&scope, &call, &actor)).await?;
    Ok((StatusCode::CREATED, Json(CreatedOut { id: id.get() })))
}
