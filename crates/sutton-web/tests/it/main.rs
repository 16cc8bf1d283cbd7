//! The web routes against a real SQLite store.

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use sutton_app::{App, Settings};
use tower::ServiceExt;

struct TempDb(std::path::PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn app() -> (App, TempDb) {
    let dir =
        std::env::temp_dir().join(format!("sutton_web_test_{}_{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let settings = Settings::new(format!("sqlite://{}", dir.join("web.db").display()));
    (App::open(&settings).expect("open"), TempDb(dir))
}

async fn get(app: &App, path: &str) -> (StatusCode, String, String) {
    let response = sutton_web::router(app.clone())
        .oneshot(Request::get(path).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let body = to_bytes(response.into_body(), 1 << 20).await.expect("body");
    (status, content_type, String::from_utf8(body.to_vec()).expect("utf-8"))
}

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let (app, _db) = app();
    let (status, content_type, body) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/plain"));
    assert_eq!(body, "ok\n");
}

#[tokio::test]
async fn the_home_page_counts_records_by_kind() {
    let (app, _db) = app();
    let (status, content_type, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    assert!(body.contains("holds no records yet"), "an empty database says so");
    assert!(body.contains("<th scope=\"row\">accounts</th><td class=\"n\">0</td>"));

    let mut account = sutton_domain_account();
    app.store().write(|tx| tx.insert_accounts(std::slice::from_ref(&account))).expect("insert");
    account.id = sutton_domain::AccountId(2);
    app.store().write(|tx| tx.insert_accounts(std::slice::from_ref(&account))).expect("insert");
    let org = sutton_domain::Organisation { name: "<b>Evil & Co</b>".to_owned(), ..Default::default() };
    app.store().write(|tx| tx.set_organisation(&org)).expect("settings");
    let (_, _, body) = get(&app, "/").await;
    assert!(body.contains("<th scope=\"row\">accounts</th><td class=\"n\">2</td>"), "{body}");
    assert!(body.contains("&lt;b&gt;Evil &amp; Co&lt;/b&gt;") && !body.contains("<b>Evil"), "names are escaped");
    assert!(!body.contains("holds no records yet"));
}

#[tokio::test]
async fn unknown_paths_are_not_found() {
    let (app, _db) = app();
    let (status, _, _) = get(&app, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

fn sutton_domain_account() -> sutton_domain::Account {
    sutton_domain::Account {
        id: sutton_domain::AccountId(1),
        external_id: None,
        name: "Initech".to_owned(),
        status: sutton_domain::AccountStatus::Customer,
        industry: None,
        employees: None,
        annual_revenue: None,
        potential: None,
        location: sutton_domain::Location::default(),
        owner: None,
        parent: None,
        created_on: None,
    }
}
