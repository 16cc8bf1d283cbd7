//! The import page: CRM files uploaded from the browser, imported in the background, with the
//! importer's full report.

use std::time::Duration;

use axum::http::StatusCode;
use sutton_app::domain::{AccessRole, Language, Scope};
use sutton_app::{AccountQuery, App, NewUser, PasswordHashing, Settings};

use crate::{Browser, PASSWORD};

const ACCOUNTS: &str = "Id,Name,Type,Industry,NumberOfEmployees,BillingCity,BillingState,BillingPostalCode,BillingCountry,OwnerId\n\
001D000000IqhSL,Acme Corp,Customer - Direct,Manufacturing,1200,Tulsa,OK,74101,United States,005D000000AbcDe\n\
001D000000IqhSM,Acme Tulsa Plant,Prospect,Manufacturing,80,Tulsa,OK,74102,US,005D000000AbcDe\n";

/// Two good deals and one whose amount is not a number (line 3, column Amount).
const OPPORTUNITIES: &str = "Id,Name,AccountId,OwnerId,StageName,IsClosed,IsWon,Probability,Amount,CloseDate,CreatedDate\n\
006D000000ZzYy1,Sensors,001D000000IqhSL,005D000000AbcDe,Prospecting,false,false,10,5000.00,2026-12-01,2026-10-01T09:00:00.000+0000\n\
006D000000ZzYy2,Gateways,001D000000IqhSL,005D000000AbcDe,Prospecting,false,false,10,12abc,2026-12-01,2026-10-01T09:00:00.000+0000\n\
006D000000ZzYy3,Cloud,001D000000IqhSM,005D000000AbcDe,Prospecting,false,false,10,700,2027-01-15,2026-10-02T09:00:00.000+0000\n";

fn empty_app() -> (App, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "sutton_web_import_{}_{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let settings = Settings {
        password_hashing: PasswordHashing::Fast,
        ..Settings::new(format!("sqlite://{}", dir.join("i.db").display()))
    };
    let app = App::open(&settings).expect("open");
    app.add_user(
        "test",
        NewUser {
            login: "admin".into(),
            display_name: "Admin".into(),
            role: AccessRole::Admin,
            person: None,
            language: Language::English,
            password: PASSWORD.into(),
        },
    )
    .expect("admin");
    (app, dir)
}

/// Follows the job page until the import has finished; returns the report page.
async fn finished(b: &mut Browser, job: &str) -> String {
    for _ in 0..200 {
        let page = b.get(job).await;
        assert_eq!(page.status, StatusCode::OK);
        if !page.body.contains("http-equiv=\"refresh\"") {
            return page.body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the import did not finish in 10 s");
}

fn accounts(app: &App) -> i64 {
    app.store().account_page(&Scope::Everything, &AccountQuery::default()).expect("accounts").total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_with_a_bad_row_writes_nothing_and_names_the_row() {
    let (app, dir) = empty_app();
    let mut admin = Browser::sign_in(&app, "admin").await;
    let form = admin.get("/admin/import").await;
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    let csrf = crate::hidden(&form.body, "csrf").expect("csrf");
    let files: [(&str, &[u8]); 2] =
        [("Opportunity.csv", OPPORTUNITIES.as_bytes()), ("Account.csv", ACCOUNTS.as_bytes())];
    let started = admin.post_files("/admin/import", &[("csrf", &csrf), ("mode", "all")], &files).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let report = finished(&mut admin, started.location()).await;
    assert!(report.contains("Nothing was imported: 1 row is wrong."), "{report:.3000}");
    let row = report.split("<td>Opportunity.csv</td>").nth(1).expect("the bad row is listed");
    assert!(row.starts_with("<td class=\"n\">3</td><td>Amount</td>"), "line and column: {row:.200}");
    assert!(row.contains("12abc"), "the value");
    assert!(
        report.contains("salesforce accounts") && report.contains("salesforce opportunities"),
        "detected from headers"
    );
    assert_eq!(accounts(&app), 0, "all or nothing");

    // Skipping invalid rows writes the rest and still names the bad one.
    let started = admin.post_files("/admin/import", &[("csrf", &csrf), ("mode", "skip")], &files).await;
    let report = finished(&mut admin, started.location()).await;
    assert!(report.contains("Imported the valid rows; 1 row was left out."), "{report}");
    assert_eq!(accounts(&app), 2);
    assert!(report.contains("People known only by their CRM id so far"), "the owner is a placeholder");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn forms_without_the_token_or_files_are_refused_and_other_roles_cannot_import() {
    let (app, dir) = empty_app();
    let mut admin = Browser::sign_in(&app, "admin").await;
    let files: [(&str, &[u8]); 1] = [("Account.csv", ACCOUNTS.as_bytes())];
    let r = admin.post_files("/admin/import", &[("csrf", "forged"), ("mode", "all")], &files).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let csrf = admin.csrf("/admin/import").await;
    let r = admin.post_files("/admin/import", &[("csrf", &csrf), ("mode", "all")], &[]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(accounts(&app), 0);
    // A job id that does not exist, or is someone else's, is not found.
    assert_eq!(admin.get("/admin/import/0123456789abcdef").await.status, StatusCode::NOT_FOUND);
    let _ = std::fs::remove_dir_all(dir);
}
