//! Who gets what: every route for every role, sign-in, CSRF, throttling and sign-out.

use axum::http::StatusCode;
use sutton_app::domain::{AccessRole, PersonId, Scope};
use sutton_app::{AccountQuery, App, OpportunityQuery};

use crate::{Browser, PASSWORD, demo_app};

/// An account and a deal inside a user's scope.
struct Ids {
    own_account: i64,
    own_deal: i64,
}

fn ids_for(app: &App, login: &str) -> Ids {
    let user = app.user_by_login(login).expect("user");
    let scope = app.scope(&user).expect("scope");
    let accounts = app.store().account_page(&scope, &AccountQuery::default()).expect("accounts");
    let deals = app.store().opportunity_page(&scope, &OpportunityQuery::default()).expect("deals");
    Ids {
        own_account: accounts.items.first().expect("an own account").id.get(),
        own_deal: deals.items.first().expect("an own deal").id.get(),
    }
}

/// What each role must get for each route: (path, anonymous, admin, vp, manager, rep).
/// `{own…}` is filled per role with a record inside that role's scope, `{manager_team…}` with
/// one of the manager's team (outside the rep's book), `{rep_other…}` with one outside both.
const MATRIX: &[(&str, u16, u16, u16, u16, u16)] = &[
    ("/", 303, 200, 200, 200, 200),
    ("/accounts", 303, 200, 200, 200, 200),
    ("/accounts?status=customer&sort=potential&dir=desc", 303, 200, 200, 200, 200),
    ("/accounts/{own_account}", 303, 200, 200, 200, 200),
    ("/accounts/{rep_other_account}", 303, 200, 200, 404, 404),
    ("/accounts/{manager_team_account}", 303, 200, 200, 200, 404),
    ("/accounts/999999999", 303, 404, 404, 404, 404),
    ("/opportunities", 303, 200, 200, 200, 200),
    ("/opportunities/{own_deal}", 303, 200, 200, 200, 200),
    ("/opportunities/{rep_other_deal}", 303, 200, 200, 404, 404),
    ("/opportunities/{manager_team_deal}", 303, 200, 200, 200, 404),
    ("/people", 303, 200, 200, 200, 200),
    ("/map", 303, 200, 200, 200, 200),
    ("/whiplash", 303, 200, 200, 200, 403),
    ("/pipeline", 303, 200, 200, 200, 403),
    ("/coverage", 303, 200, 200, 200, 403),
    ("/pipeline/reviews", 303, 200, 200, 200, 200),
    ("/pipeline/reviews/{manager_team_review}", 303, 200, 200, 200, 404),
    ("/pipeline/reviews/{rep_team_review}", 303, 200, 200, 404, 200),
    ("/pipeline/reviews/999999999", 303, 404, 404, 404, 404),
    ("/pipeline/forecast", 303, 200, 200, 200, 403),
    ("/settings", 303, 200, 200, 200, 200),
    ("/admin/users", 303, 200, 403, 403, 403),
    ("/admin/system", 303, 200, 403, 403, 403),
    ("/admin/import", 303, 200, 403, 403, 403),
    ("/audit", 303, 200, 200, 403, 403),
    ("/api/v1/me", 401, 200, 200, 200, 200),
    ("/api/v1/dashboard", 401, 200, 200, 200, 200),
    ("/api/v1/accounts", 401, 200, 200, 200, 200),
    ("/api/v1/accounts/{own_account}", 401, 200, 200, 200, 200),
    ("/api/v1/accounts/{rep_other_account}", 401, 200, 200, 404, 404),
    ("/api/v1/accounts/{manager_team_account}", 401, 200, 200, 200, 404),
    ("/api/v1/opportunities", 401, 200, 200, 200, 200),
    ("/api/v1/opportunities/{rep_other_deal}", 401, 200, 200, 404, 404),
    ("/api/v1/people", 401, 200, 200, 200, 200),
    ("/api/v1/teams", 401, 200, 200, 200, 200),
    ("/api/v1/pipeline/reviews", 401, 200, 200, 200, 200),
    ("/api/v1/pipeline/reviews/{manager_team_review}", 401, 200, 200, 200, 404),
    ("/api/v1/pipeline/reviews/{rep_team_review}", 401, 200, 200, 404, 200),
    ("/api/openapi.json", 200, 200, 200, 200, 200),
    ("/comp", 303, 200, 200, 200, 200),
    ("/comp/statements/{own_statement}", 303, 200, 200, 200, 200),
    ("/comp/statements/{own_statement}/csv", 303, 200, 200, 200, 200),
    ("/comp/statements/{own_statement}/xlsx", 303, 200, 200, 200, 200),
    ("/comp/statements/{manager_team_statement}", 303, 200, 200, 200, 404),
    ("/comp/statements/{rep_other_statement}", 303, 200, 200, 404, 404),
    ("/comp/statements/{rep_other_statement}/csv", 303, 200, 200, 404, 404),
    ("/comp/statements/999999999/1", 303, 404, 404, 404, 404),
    ("/comp/statements/x/y", 303, 404, 404, 404, 404),
    ("/comp/what-if", 303, 200, 200, 403, 403),
    ("/comp/plans", 303, 200, 200, 403, 403),
    ("/api/v1/comp/runs", 401, 200, 200, 200, 200),
    ("/api/v1/comp/statements/{own_statement}", 401, 200, 200, 200, 200),
    ("/api/v1/comp/statements/{manager_team_statement}", 401, 200, 200, 200, 404),
    ("/api/v1/comp/statements/{rep_other_statement}", 401, 200, 200, 404, 404),
    // Segments and call execution.
    ("/segments", 303, 200, 200, 200, 200),
    ("/segments/icp", 303, 200, 200, 200, 403),
    ("/calls/patterns", 303, 200, 200, 200, 403),
    ("/calls/workload", 303, 200, 200, 200, 200),
    ("/calls/compliance", 303, 200, 200, 200, 200),
    ("/calls/queue", 303, 200, 200, 200, 200),
    ("/calls/time", 303, 200, 200, 200, 200),
    ("/calls/callplan", 303, 200, 200, 200, 200),
    ("/api/v1/segments", 401, 200, 200, 200, 200),
    ("/api/v1/calls/workload", 401, 200, 200, 200, 200),
    ("/api/v1/calls/compliance", 401, 200, 200, 200, 200),
    ("/api/v1/calls/queue", 401, 200, 200, 200, 200),
    ("/api/v1/callplan", 401, 200, 200, 200, 200),
    ("/territories", 303, 200, 200, 200, 403),
    ("/territories/{alignment}", 303, 200, 200, 200, 403),
    ("/territories/999999999", 303, 404, 404, 404, 403),
    ("/territories/compare?a={alignment}&b=current", 303, 200, 200, 200, 403),
    ("/territories/sizing", 303, 200, 200, 200, 403),
    ("/territories/jobs/no-such-job", 303, 404, 404, 403, 403),
    ("/api/v1/territories/scenarios", 401, 200, 200, 200, 403),
    ("/api/v1/territories/scenarios/{alignment}", 401, 200, 200, 200, 403),
    ("/api/v1/territories/scenarios/999999999", 401, 404, 404, 404, 403),
];

/// `RUN/PERSON` of statements in the demo's last stored run: one of `person`, one of someone
/// in the manager's scope but not the rep's, and one outside both.
fn statements(app: &App) -> (Box<dyn Fn(PersonId) -> String + '_>, String, String) {
    let scope_of = |login: &str| {
        let user = app.user_by_login(login).expect("user");
        app.scope(&user).expect("scope")
    };
    let (r, m) = (scope_of("rep"), scope_of("manager"));
    let run = app.comp_runs(&Scope::Everything).expect("runs");
    let run = run.iter().find(|x| x.header.run_by == "sutton demo").expect("a demo run").header.id;
    let record = app.comp_run_record(run, &Scope::Everything).expect("read").expect("run");
    let payee = |wanted: &dyn Fn(PersonId) -> bool| {
        let p = record.statements.iter().find(|s| wanted(s.payee)).expect("such a payee").payee;
        format!("{run}/{}", p.get())
    };
    let team = payee(&|p| m.sees(p) && !r.sees(p));
    let other = payee(&|p| !m.sees(p) && !r.sees(p));
    (Box::new(move |p: PersonId| format!("{run}/{}", p.get())), team, other)
}

#[tokio::test]
async fn every_route_gives_each_role_exactly_what_it_should() {
    let app = demo_app();
    let rep = ids_for(&app, "rep");
    // The rep's "other" records must be outside the manager's scope too, for the manager
    // column to mean "another team's records": the demo's manager runs Field West, the rep
    // sells in Field East.
    let manager = ids_for(&app, "manager");
    let (other_account, other_deal) = (outside_both(&app, true), outside_both(&app, false));
    let (own_statement, team_statement, other_statement) = statements(&app);
    let person = |login: &str| app.user_by_login(login).expect("user").person.expect("a person");
    let (rep_person, manager_person) = (person("rep"), person("manager"));
    let (manager_review, rep_review) = (review_of(&app, "manager"), review_of(&app, "rep"));
    let alignment = app
        .snapshot()
        .expect("data")
        .alignments
        .iter()
        .find(|a| a.status == sutton_app::domain::AlignmentStatus::Current)
        .expect("the demo's current alignment")
        .id
        .get();
    let mut browsers = vec![("anonymous", Browser::new(&app))];
    for login in ["admin", "vp", "manager", "rep"] {
        browsers.push((login, Browser::sign_in(&app, login).await));
    }
    let mut failures = Vec::new();
    let mut summary = String::from("route                                              anon admin   vp  mgr  rep\n");
    for (template, anon, admin, vp, mgr, rep_status) in MATRIX {
        let mut line = format!("{template:<50}");
        for (i, (who, browser)) in browsers.iter_mut().enumerate() {
            let own = if *who == "manager" { &manager } else { &rep };
            let path = template
                .replace("{own_account}", &own.own_account.to_string())
                .replace("{own_deal}", &own.own_deal.to_string())
                .replace("{manager_team_account}", &manager.own_account.to_string())
                .replace("{manager_team_deal}", &manager.own_deal.to_string())
                .replace("{rep_other_account}", &other_account.to_string())
                .replace("{rep_other_deal}", &other_deal.to_string())
                .replace("{own_statement}", &own_statement(if *who == "manager" { manager_person } else { rep_person }))
                .replace("{manager_team_statement}", &team_statement)
                .replace("{rep_other_statement}", &other_statement)
                .replace("{manager_team_review}", &manager_review.to_string())
                .replace("{rep_team_review}", &rep_review.to_string())
                .replace("{alignment}", &alignment.to_string());
            let expected = [*anon, *admin, *vp, *mgr, *rep_status][i];
            let got = browser.get(&path).await.status.as_u16();
            line.push_str(&format!(" {got:>4}"));
            if got != expected {
                failures.push(format!("{who} GET {path}: {got}, expected {expected}"));
            }
        }
        summary.push_str(&line);
        summary.push('\n');
    }
    println!("{summary}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A review of the team a user sells in (or, for a manager, the team they run), taken by an
/// administrator.
pub fn review_of(app: &App, login: &str) -> i64 {
    let team = team_of(app, login);
    app.start_review("test", &Scope::Everything, team, None).expect("review").id
}

pub fn team_of(app: &App, login: &str) -> sutton_app::domain::TeamId {
    let person = app.user_by_login(login).expect("user").person.expect("a person");
    let teams = app.store().teams().expect("teams");
    if let Some(t) = teams.iter().find(|t| t.manager == Some(person)) {
        return t.id;
    }
    let people = app.store().people(&Scope::Everything).expect("people");
    people.iter().find(|p| p.id == person).and_then(|p| p.team).expect("a team")
}

/// A record outside both the rep's and the manager's scope (someone else's team).
fn outside_both(app: &App, account: bool) -> i64 {
    let scope_of = |login: &str| {
        let user = app.user_by_login(login).expect("user");
        app.scope(&user).expect("scope")
    };
    let (r, m) = (scope_of("rep"), scope_of("manager"));
    let outside = |p: PersonId| !r.sees(p) && !m.sees(p);
    if account {
        let all = app
            .store()
            .account_page(&Scope::Everything, &AccountQuery { per_page: 5_000, ..Default::default() })
            .expect("accounts");
        all.items.iter().find(|a| a.owner.as_ref().is_some_and(|(p, _)| outside(*p))).expect("outside both").id.get()
    } else {
        let all = app
            .store()
            .opportunity_page(&Scope::Everything, &OpportunityQuery { per_page: 5_000, ..Default::default() })
            .expect("deals");
        all.items.iter().find(|o| outside(o.owner.0)).expect("outside both").id.get()
    }
}

#[tokio::test]
async fn a_rep_sees_only_their_own_book_and_a_manager_their_teams() {
    let app = demo_app();
    for login in ["rep", "manager"] {
        let user = app.user_by_login(login).expect("user");
        let scope = app.scope(&user).expect("scope");
        let expected = app.store().account_page(&scope, &AccountQuery::default()).expect("accounts").total;
        let everyone = app.store().account_page(&Scope::Everything, &AccountQuery::default()).expect("accounts").total;
        assert!(expected > 0 && expected < everyone, "{login} has a book smaller than the company's");
        let mut b = Browser::sign_in(&app, login).await;
        let page = b.get("/accounts").await;
        let count = format!("{expected} accounts");
        assert!(page.body.contains(&count), "{login} sees {count}");
        let api = b.get("/api/v1/accounts?per_page=500").await.json();
        assert_eq!(api["total"], expected);
        for item in api["items"].as_array().expect("items") {
            let owner = PersonId(item["owner_id"].as_i64().expect("owner"));
            assert!(scope.sees(owner), "{login} was shown someone else's account {item}");
        }
    }
    let user = app.user_by_login("rep").expect("rep");
    assert_eq!(user.role, AccessRole::Rep);
}

#[tokio::test]
async fn pages_ask_to_sign_in_and_come_back() {
    let mut b = Browser::new(&demo_app());
    let r = b.get("/accounts?status=customer").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login?next=%2Faccounts%3Fstatus%3Dcustomer");
    let form = b.get(r.location()).await;
    assert!(form.body.contains("name=\"next\" value=\"/accounts?status=customer\""), "{}", form.body);
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_repeated_failures_lock_the_login() {
    let app = demo_app();
    let mut b = Browser::new(&app);
    for attempt in 1..=5 {
        let csrf = b.csrf("/login").await;
        let r = b.post("/login", &[("login", "vp"), ("password", "wrong password"), ("csrf", &csrf)]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
        assert!(r.body.contains("The login or the password is wrong."));
    }
    let csrf = b.csrf("/login").await;
    let r = b.post("/login", &[("login", "vp"), ("password", PASSWORD), ("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits out the lock");
    assert!(r.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn sign_in_forms_from_other_sites_or_without_the_token_are_refused() {
    let app = demo_app();
    let mut b = Browser::new(&app);
    let csrf = b.csrf("/login").await;
    let r = b
        .post_from("https://evil.example", "/login", &[("login", "vp"), ("password", PASSWORD), ("csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = b.post("/login", &[("login", "vp"), ("password", PASSWORD), ("csrf", "guess")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn state_changes_need_the_sessions_csrf_token_and_our_origin() {
    let app = demo_app();
    let mut b = Browser::sign_in(&app, "manager").await;
    let csrf = b.csrf("/settings").await;
    let r = b.post("/settings/language", &[("csrf", "not-the-token"), ("language", "da")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = b.post_from("https://evil.example", "/settings/language", &[("csrf", &csrf), ("language", "da")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.user_by_login("manager").expect("manager").language.tag(), "en", "nothing changed");
}

#[tokio::test]
async fn signing_out_ends_the_session_for_good() {
    let app = demo_app();
    let mut b = Browser::sign_in(&app, "vp").await;
    let stolen = b.cookie_value("sutton_session");
    let csrf = b.csrf("/").await;
    let r = b.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.headers.get("set-cookie").and_then(|v| v.to_str().ok()).is_some_and(|c| c.contains("Max-Age=0")));
    // Replaying the old cookie does not work: the session is revoked in the database.
    let mut thief = Browser::new(&app);
    thief.set_cookie("sutton_session", &stolen);
    assert_eq!(thief.get("/").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = demo_app();
    let mut b = Browser::new(&app);
    let csrf = b.csrf("/login").await;
    let r = b.post("/login", &[("login", "rep"), ("password", PASSWORD), ("csrf", &csrf)]).await;
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("sutton_session="))
        .expect("session cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP on loopback cannot carry a Secure cookie");
}

#[tokio::test]
async fn an_administrator_changes_a_role_and_the_audit_log_shows_who_did_it() {
    let app = demo_app();
    let mut admin = Browser::sign_in(&app, "admin").await;
    let csrf = admin.csrf("/admin/users").await;
    let login = format!("analyst{}", std::process::id());
    let person = app.user_by_login("rep").expect("rep").person.expect("a person").get().to_string();
    // A rep without a sales person is refused with the reason, and nothing is written.
    let r = admin
        .post("/admin/users", &[("csrf", &csrf), ("login", &login), ("role", "rep"), ("password", "long enough pw")])
        .await;
    let refused = admin.get(r.location()).await;
    assert!(refused.body.contains("a rep must be linked to a person"), "the reason is shown");
    assert!(app.user_by_login(&login).is_err(), "no half-made user");
    let r = admin
        .post(
            "/admin/users",
            &[
                ("csrf", &csrf),
                ("login", &login),
                ("display_name", "Ana Lyst"),
                ("role", "rep"),
                ("person", &person),
                ("language", "nb"),
                ("password", "long enough pw"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = admin.get(r.location()).await;
    assert!(list.body.contains(&format!("added {login}")), "the administrator is told");
    let r = admin
        .post(&format!("/admin/users/{login}"), &[("csrf", &csrf), ("action", "role"), ("role", "vp"), ("person", "")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.user_by_login(&login).expect("user").role, AccessRole::Vp);
    let audit = admin.get("/audit").await;
    assert!(
        audit.body.contains("web:admin") && audit.body.contains("change role") && audit.body.contains("rep → vp"),
        "the audit log names who changed what"
    );
    // The new user signs in in their own language.
    let mut b = Browser::new(&app);
    let csrf = b.csrf("/login").await;
    let r = b.post("/login", &[("login", &login), ("password", "long enough pw"), ("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = b.get("/").await;
    assert!(home.body.contains("<html lang=\"nb\">") && home.body.contains("Oversikt"), "Norwegian for a nb user");
    // A rep cannot do what the administrator did.
    let mut rep = Browser::sign_in(&app, "rep").await;
    let csrf = rep.csrf("/settings").await;
    let r = rep.post(&format!("/admin/users/{login}"), &[("csrf", &csrf), ("action", "disable")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!app.user_by_login(&login).expect("user").disabled);
}

#[tokio::test]
async fn disabling_a_user_ends_their_session_at_once() {
    let app = demo_app();
    let login = format!("leaver{}", std::process::id());
    let rep = app.user_by_login("rep").expect("rep");
    app.add_user(
        "test",
        sutton_app::NewUser {
            login: login.clone(),
            display_name: "Leaver".into(),
            role: AccessRole::Rep,
            person: rep.person,
            language: sutton_app::domain::Language::English,
            password: PASSWORD.into(),
        },
    )
    .expect("user");
    let mut leaver = Browser::sign_in(&app, &login).await;
    assert_eq!(leaver.get("/accounts").await.status, StatusCode::OK, "signed in (and remembered)");
    let mut admin = Browser::sign_in(&app, "admin").await;
    let csrf = admin.csrf("/admin/users").await;
    let r = admin.post(&format!("/admin/users/{login}"), &[("csrf", &csrf), ("action", "disable")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = leaver.get("/accounts").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "the very next request is refused");
    assert!(after.location().starts_with("/login"));
}
