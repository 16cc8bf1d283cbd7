//! # sutton-web — Sutton in the browser and over HTTP
//!
//! The only crate that knows HTTP. Pages are HTML rendered on the server, with a little script
//! of our own for sorting and auto-submitting filters; charts and maps are SVG drawn here. The
//! JSON API under `/api/v1` serves the same data with the same scoping, and describes itself in
//! OpenAPI 3.1 at `/api/openapi.json`, generated from the handlers and types below.
//!
//! Handlers turn a request into a call on [`sutton_app::App`] and its answer into a response.
//! Store calls are blocking (synchronous database drivers), so every handler runs them on
//! Tokio's blocking pool and the async workers stay free to accept connections.
//!
//! Who sees what is decided below this crate: the store's read queries take the viewer's
//! [`Scope`](sutton_app::domain::Scope), so a page cannot show a record its viewer may not see
//! even by mistake. This crate adds the role gates (administration pages, the audit log) and
//! answers 404, not 403, for records outside the scope, so ids do not reveal what exists.
//!
//! Modules: [`session`] (cookies, CSRF, the viewer extractors), [`i18n`] (messages and
//! formats in four languages), [`html`] (the page shell), [`chart`] and [`map`] (SVG),
//! `pages` (the HTML routes), `comp_pages` (runs, statements, governance, what-if and the plan
//! editor), `insight_pages` (pipeline, the whiplash early warning, territory coverage),
//! `import_page` (CRM files uploaded and imported in the background), `plan_pages` (segments,
//! ICP fit, call patterns, workload, compliance, work queues, time allocation, CALLPLAN),
//! `review_pages` (pipeline reviews and the forecast record), `territory_pages` (territory
//! scenarios: compare, edit, re-optimise, publish, how many reps),
//! `api` (the JSON routes and OpenAPI document).

mod api;
mod chart;
mod comp_pages;
mod html;
mod i18n;
mod import_page;
mod insight_pages;
mod map;
mod pages;
mod plan_api;
mod plan_pages;
mod plan_words;
mod review_pages;
mod session;
mod territory_pages;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::RawQuery;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sutton_app::domain::Language;
use sutton_app::{App, AppError};

use crate::i18n::Tr;

/// The largest upload the import page takes in one request (a weekly Salesforce export of a
/// large organisation is a few hundred megabytes).
const IMPORT_UPLOAD_LIMIT: usize = 1 << 30;

/// The application's routes, ready to serve or to test with `tower::ServiceExt::oneshot`.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::dashboard))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route("/accounts", get(pages::accounts))
        .route("/accounts/{id}", get(pages::account))
        .route("/opportunities", get(pages::opportunities))
        .route("/opportunities/{id}", get(pages::opportunity))
        .route("/people", get(pages::people))
        .route("/map", get(pages::map_page))
        .route("/whiplash", get(insight_pages::whiplash))
        .route("/pipeline", get(insight_pages::pipeline))
        .route("/coverage", get(insight_pages::coverage))
        .route("/comp", get(comp_pages::index))
        .route("/comp/runs", post(comp_pages::run))
        .route("/comp/statements/{run}/{payee}", get(comp_pages::statement))
        .route("/comp/statements/{run}/{payee}/csv", get(comp_pages::statement_csv))
        .route("/comp/statements/{run}/{payee}/xlsx", get(comp_pages::statement_xlsx))
        .route("/comp/what-if", get(comp_pages::what_if_form).post(comp_pages::what_if))
        .route("/comp/plans", get(comp_pages::plans).post(comp_pages::save_plan))
        .route("/pipeline/reviews", get(review_pages::reviews).post(review_pages::start_review))
        .route("/pipeline/reviews/{id}", get(review_pages::review))
        .route("/pipeline/reviews/{id}/deals/{opportunity}", post(review_pages::decide))
        .route("/pipeline/forecast", get(review_pages::forecast))
        .route("/territories", get(territory_pages::list).post(territory_pages::plan))
        .route("/territories/compare", get(territory_pages::compare))
        .route("/territories/sizing", get(territory_pages::sizing_form).post(territory_pages::sizing_start))
        .route("/territories/jobs/{id}", get(territory_pages::job))
        .route("/territories/{id}", get(territory_pages::scenario))
        .route("/territories/{id}/units", post(territory_pages::edit_unit))
        .route("/territories/{id}/reoptimise", post(territory_pages::reoptimise))
        .route("/territories/{id}/publish", post(territory_pages::publish))
        .route("/audit", get(pages::audit))
        .route("/admin/users", get(pages::users).post(pages::add_user))
        .route("/admin/users/{login}", post(pages::change_user))
        .route("/admin/system", get(pages::system))
        .route(
            "/admin/import",
            get(import_page::form)
                .post(import_page::start)
                .layer(axum::extract::DefaultBodyLimit::max(IMPORT_UPLOAD_LIMIT)),
        )
        .route("/admin/import/{id}", get(import_page::status))
        .route("/settings", get(pages::settings))
        .route("/settings/language", post(pages::set_language))
        .route("/settings/tokens", post(pages::create_token))
        .route("/settings/tokens/{id}/revoke", post(pages::revoke_token))
        .route("/settings/sessions/revoke", post(pages::sign_out_everywhere))
        .route("/assets/sutton.js", get(|q: RawQuery| asset(html::Asset::Script, q)))
        .route("/assets/sutton.css", get(|q: RawQuery| asset(html::Asset::Style, q)))
        .route("/segments", get(plan_pages::segments))
        .route("/segments/override", post(plan_pages::segment_override))
        .route("/segments/clear", post(plan_pages::segment_clear))
        .route("/segments/rule", post(plan_pages::segment_rule_save))
        .route("/segments/icp", get(plan_pages::icp).post(plan_pages::icp_save))
        .route("/calls/patterns", get(plan_pages::patterns).post(plan_pages::pattern_add))
        .route("/calls/patterns/{id}/delete", post(plan_pages::pattern_delete))
        .route("/calls/workload", get(plan_pages::workload))
        .route("/calls/compliance", get(plan_pages::compliance))
        .route("/calls/queue", get(plan_pages::queue))
        .route("/calls/log", post(plan_pages::log_call))
        .route("/calls/time", get(plan_pages::time))
        .route("/calls/callplan", get(plan_pages::callplan))
        .route("/calls/callplan/curves", post(plan_pages::callplan_curves))
        .route("/healthz", get(healthz))
        .merge(api::router())
        .fallback(not_found)
        .with_state(app)
}

/// Serves until `shutdown` completes; returns the address actually bound (useful with port 0).
pub async fn serve(
    app: App,
    bind: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    on_bound(listener.local_addr()?);
    axum::serve(listener, router(app)).with_graceful_shutdown(shutdown).await
}

/// The OpenAPI 3.1 document of the JSON API, as served at `/api/openapi.json`.
pub fn openapi_json() -> String {
    api::openapi_json()
}

/// The `sort` values of account lists, in pages and the API alike.
fn account_sort(key: &str) -> Option<sutton_app::AccountSort> {
    use sutton_app::AccountSort as S;
    Some(match key {
        "name" => S::Name,
        "potential" => S::Potential,
        "employees" => S::Employees,
        "city" => S::City,
        "owner" => S::Owner,
        "status" => S::Status,
        _ => return None,
    })
}

/// The `sort` values of deal lists, in pages and the API alike.
fn opportunity_sort(key: &str) -> Option<sutton_app::OpportunitySort> {
    use sutton_app::OpportunitySort as S;
    Some(match key {
        "close" => S::CloseDate,
        "amount" => S::Amount,
        "name" => S::Name,
        "stage" => S::Stage,
        "owner" => S::Owner,
        _ => return None,
    })
}

/// Runs a blocking use case off the async workers.
async fn blocking<T: Send + 'static>(
    app: &App,
    work: impl FnOnce(&App) -> Result<T, AppError> + Send + 'static,
) -> Result<T, WebError> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .map_err(WebError::App)
}

/// The one place errors of pages become HTTP responses.
#[derive(Debug)]
enum WebError {
    App(AppError),
    Internal(String),
    /// Not signed in: go to the sign-in page and come back to `next`.
    SignIn {
        next: String,
    },
    /// Signed in, but this is not for their role (or a form failed its CSRF check).
    Forbidden(Tr),
    /// No such record, or none this viewer may see.
    NotFound(Tr),
    /// The request itself is wrong (a malformed filter, an impossible choice).
    BadRequest(Tr, String),
}

fn error_page(status: StatusCode, tr: &Tr, title: &str, detail: &str) -> Response {
    let body = format!(
        "<main class=\"login\"><h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main>",
        html::escape(title),
        html::escape(detail),
        html::escape(&tr.t("back-home"))
    );
    (status, Html(html::bare(tr, title, &body))).into_response()
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let english = Tr::new(Language::English);
        match self {
            WebError::SignIn { next } => {
                let next = if next.starts_with('/') && !next.starts_with("//") { next } else { "/".to_owned() };
                Redirect::to(&format!("/login?next={}", html::url_encode(&next))).into_response()
            }
            WebError::Forbidden(tr) => {
                error_page(StatusCode::FORBIDDEN, &tr, &tr.t("forbidden-title"), &tr.t("forbidden-detail"))
            }
            WebError::NotFound(tr) => {
                error_page(StatusCode::NOT_FOUND, &tr, &tr.t("not-found-title"), &tr.t("not-found-detail"))
            }
            WebError::BadRequest(tr, detail) => {
                error_page(StatusCode::BAD_REQUEST, &tr, &tr.t("bad-request-title"), &detail)
            }
            WebError::App(AppError::NotFound { .. }) => error_page(
                StatusCode::NOT_FOUND,
                &english,
                &english.t("not-found-title"),
                &english.t("not-found-detail"),
            ),
            WebError::App(e) => {
                tracing::error!(error = %e, "request failed");
                error_page(StatusCode::INTERNAL_SERVER_ERROR, &english, &english.t("failed-title"), &e.to_string())
            }
            WebError::Internal(e) => {
                tracing::error!(error = %e, "request failed");
                error_page(StatusCode::INTERNAL_SERVER_ERROR, &english, &english.t("failed-title"), &e)
            }
        }
    }
}

/// A JSON error with a stable shape: `{"error": {"status": 404, "code": "not_found", "message": "…"}}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    pub(crate) fn unauthorized(message: &str) -> ApiError {
        ApiError { status: StatusCode::UNAUTHORIZED, code: "unauthorized", message: message.to_owned() }
    }
    pub(crate) fn not_found(what: &str, id: &str) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: format!("no {what} {id}") }
    }
    pub(crate) fn forbidden(message: &str) -> ApiError {
        ApiError { status: StatusCode::FORBIDDEN, code: "forbidden", message: message.to_owned() }
    }
    pub(crate) fn bad_request(message: &str) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, code: "bad_request", message: message.to_owned() }
    }
    pub(crate) fn internal(message: &str) -> ApiError {
        tracing::error!(error = %message, "API request failed");
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, code: "internal", message: message.to_owned() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = api::ErrorBody {
            error: api::ErrorDetail { status: self.status.as_u16(), code: self.code.to_owned(), message: self.message },
        };
        (self.status, axum::Json(body)).into_response()
    }
}

async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: format!("no route {}", uri.path()),
        }
        .into_response();
    }
    WebError::NotFound(Tr::new(Language::English)).into_response()
}

/// A static asset. Pages link it by an address that carries its fingerprint, so it may be kept
/// for a year; any other address of it (bare, or an older fingerprint) is kept for five minutes.
async fn asset(asset: html::Asset, RawQuery(query): RawQuery) -> Response {
    let kind = match asset {
        html::Asset::Style => "text/css; charset=utf-8",
        html::Asset::Script => "text/javascript; charset=utf-8",
    };
    let current = query.is_some_and(|q| html::asset_path(asset).ends_with(&format!("?{q}")));
    let cache = if current { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, cache)], asset.content()).into_response()
}

async fn healthz(axum::extract::State(app): axum::extract::State<App>) -> Response {
    let plain = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    match blocking(&app, App::health).await {
        Ok(()) => (StatusCode::OK, plain, "ok\n").into_response(),
        Err(e) => {
            let reason = match e {
                WebError::App(e) => e.to_string(),
                other => format!("{other:?}"),
            };
            (StatusCode::SERVICE_UNAVAILABLE, plain, format!("database unavailable: {reason}\n")).into_response()
        }
    }
}
