//! # sutton-web — Sutton in the browser
//!
//! The only crate that knows HTTP. Pages are HTML rendered on the server; handlers turn a
//! request into a call on [`sutton_app::App`] and its answer into a response. Store calls are
//! blocking (SQLite and PostgreSQL through synchronous drivers), so every handler runs them on
//! Tokio's blocking pool and the async workers stay free to accept connections.
//!
//! Routes today:
//! * `GET /` — the home page: which organisation and database this is, and how many records of
//!   each kind it holds.
//! * `GET /healthz` — `200 ok` when the database answers a query, `503` with the reason when not
//!   (for load balancers and `systemd`).

mod page;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use sutton_app::{App, AppError};

/// The application's routes, ready to serve or to test with `tower::ServiceExt::oneshot`.
pub fn router(app: App) -> Router {
    Router::new().route("/", get(home)).route("/healthz", get(healthz)).with_state(app)
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

/// The one place errors become HTTP responses.
#[derive(Debug)]
enum WebError {
    App(AppError),
    Internal(String),
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let detail = match &self {
            WebError::App(e) => e.to_string(),
            WebError::Internal(e) => e.clone(),
        };
        tracing::error!(error = %detail, "request failed");
        let body = page::error_page("Sutton cannot answer right now", &detail);
        (StatusCode::INTERNAL_SERVER_ERROR, Html(body)).into_response()
    }
}

async fn home(State(app): State<App>) -> Result<Html<String>, WebError> {
    let overview = blocking(&app, App::overview).await?;
    Ok(Html(page::home(&overview)))
}

async fn healthz(State(app): State<App>) -> Response {
    let plain = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
    match blocking(&app, App::health).await {
        Ok(()) => (StatusCode::OK, plain, "ok\n").into_response(),
        Err(e) => {
            let reason = match e {
                WebError::App(e) => e.to_string(),
                WebError::Internal(e) => e,
            };
            (StatusCode::SERVICE_UNAVAILABLE, plain, format!("database unavailable: {reason}\n")).into_response()
        }
    }
}
