//! Compensation pages on the small demo: statements in the viewer's scope and language, their
//! files, the JSON API, the what-if, the plan editor and running a period.

use axum::http::{StatusCode, header};
use sutton_app::comp::LineKind;
use sutton_app::domain::{AccessRole, Language, Period, PersonId, Scope};
use sutton_app::{App, NewUser};

use crate::{Browser, PASSWORD, demo_app, hidden};

/// The demo's latest stored run and the rep's person id.
fn demo_run(app: &App) -> (i64, i64) {
    let runs = app.comp_runs(&Scope::Everything).expect("runs");
    let run = runs.iter().find(|r| r.header.run_by == "sutton demo").expect("the demo paid its quarters").header.id;
    let rep = app.user_by_login("rep").expect("rep").person.expect("a person").get();
    (run, rep)
}

#[tokio::test]
async fn a_rep_reads_their_statement_with_every_line_and_its_deals() {
    let app = demo_app();
    let (run, rep) = demo_run(&app);
    let mut b = Browser::sign_in(&app, "rep").await;
    let index = b.get(&format!("/comp?run={run}")).await;
    assert_eq!(index.status, StatusCode::OK);
    let own = format!("/comp/statements/{run}/{rep}");
    assert!(index.body.contains(&own), "the rep's statement is listed: {}", index.body);
    assert_eq!(index.body.matches("/comp/statements/").count(), 1, "and nobody else's");
    assert!(!index.body.contains("/comp/what-if"), "the what-if is for leaders");

    let page = b.get(&own).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in ["Statement: ", "How it was computed", "the sum of the rounded lines", "data-print"] {
        assert!(page.body.contains(expected), "{expected:?} on the statement: {}", page.body);
    }
    // It prints well: the style sheet it links has print rules.
    let at = page.body.find("/assets/sutton.css").expect("the statement links the style sheet");
    let href: String = page.body[at..].chars().take_while(|c| *c != '"').collect();
    assert!(b.get(&href).await.body.contains("@media print"), "print rules in {href}");
    assert!(page.body.contains("/opportunities/"), "credits link to their deals");

    // The JSON statement: the total is the sum of the rounded lines, every line in one currency.
    let json = b.get(&format!("/api/v1/comp/statements/{run}/{rep}")).await.json();
    let lines = json["lines"].as_array().expect("lines");
    assert!(!lines.is_empty());
    let sum: i64 = lines.iter().map(|l| l["amount"]["minor"].as_i64().expect("minor")).sum();
    assert_eq!(json["total"]["minor"].as_i64(), Some(sum));
    assert!(lines.iter().all(|l| l["amount"]["currency"] == "USD"));
    assert!(json["credits"].as_array().is_some_and(|c| c.iter().all(|x| x["deal_id"].as_i64().is_some())));
    let runs = b.get("/api/v1/comp/runs").await.json();
    assert!(runs.as_array().expect("runs").iter().all(|r| r["payees"].as_i64() <= Some(1)), "{runs}");

    // The same statement as files.
    let csv = b.get(&format!("{own}/csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE].to_str().unwrap_or("").starts_with("text/csv"));
    assert!(csv.body.starts_with("Run,Period,Payee,Name,Plan,Component,Measure"), "{}", csv.body);
    let total_row = csv.body.lines().find(|l| l.contains(",Total,")).expect("a total row");
    let total = json["total"]["minor"].as_i64().expect("total");
    assert!(total_row.contains(&format!("{}.{:02}", total / 100, total % 100)), "{total_row}");
    let xlsx = b.get(&format!("{own}/xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX file is a zip");
    assert!(
        xlsx.headers[header::CONTENT_DISPOSITION].to_str().unwrap_or("").contains(".xlsx"),
        "downloads with a name"
    );
}

#[tokio::test]
async fn a_statement_is_written_in_the_viewers_language() {
    let app = demo_app();
    let (run, rep) = demo_run(&app);
    let user = app.user_by_login("rep").expect("rep");
    let new = NewUser {
        login: "rep-nb".to_owned(),
        display_name: "Rep på norsk".to_owned(),
        role: AccessRole::Rep,
        person: user.person,
        language: Language::NorwegianBokmal,
        password: PASSWORD.to_owned(),
    };
    if app.user_by_login("rep-nb").is_err() {
        app.add_user("test", new).expect("user");
    }
    let mut b = Browser::sign_in(&app, "rep-nb").await;
    let page = b.get(&format!("/comp/statements/{run}/{rep}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Oppgave: ") && page.body.contains("Slik ble det beregnet"), "{}", page.body);
    assert!(page.body.contains("\u{a0}USD"), "money the Norwegian way");
}

#[tokio::test]
async fn leaders_see_governance_and_try_a_plan_before_saving_it() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let index = vp.get("/comp").await;
    assert_eq!(index.status, StatusCode::OK);
    for expected in ["Governance, FY2026", "payee-periods by attainment", "Just above", "Plan changes per person"] {
        assert!(index.body.contains(expected), "{expected:?} on the comp page");
    }
    assert!(index.body.contains("<svg"), "the distributions are drawn");

    let form = vp.get("/comp/what-if").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = hidden(&form.body, "csrf").expect("csrf");
    let period = hidden(&form.body, "period").expect("period");
    assert_eq!(period, "FY2026 Q3", "last quarter's actuals");
    let generous = sutton_app::DEFAULT_PLANS
        .replace("{ from = \"150%\", multiplier = \"2\" }", "{ from = \"150%\", multiplier = \"3\" }");
    assert_ne!(generous, sutton_app::DEFAULT_PLANS);
    let result = vp.post("/comp/what-if", &[("csrf", &csrf), ("period", &period), ("plan", &generous)]).await;
    assert_eq!(result.status, StatusCode::OK);
    for expected in
        ["Plans in force", "Proposed plan", "Difference", "Per person", "Attainment under the proposed plan"]
    {
        assert!(result.body.contains(expected), "{expected:?} in the what-if: {}", result.body);
    }
    let bad = sutton_app::DEFAULT_PLANS.replace("weight = \"20%\"", "weight = \"30%\"");
    let refused = vp.post("/comp/what-if", &[("csrf", &csrf), ("period", &period), ("plan", &bad)]).await;
    assert_eq!(refused.status, StatusCode::OK);
    assert!(refused.body.contains("The plan cannot be used") && refused.body.contains("not 100 %"), "{}", refused.body);
    assert!(refused.body.contains("weight = &quot;30%&quot;"), "the text is kept for fixing");

    // The editor refuses the bad book and saves the good one as a new, audited version.
    let plans = vp.get("/comp/plans").await;
    assert_eq!(plans.status, StatusCode::OK);
    let before = app.comp_plan_versions().expect("versions").len();
    let csrf = hidden(&plans.body, "csrf").expect("csrf");
    let refused =
        vp.post("/comp/plans", &[("csrf", &csrf), ("plan", &bad), ("from", "2031-01-01"), ("note", "")]).await;
    assert!(refused.body.contains("not 100 %"), "{}", refused.body);
    assert_eq!(app.comp_plan_versions().expect("versions").len(), before, "nothing saved");
    let saved = vp
        .post(
            "/comp/plans",
            &[("csrf", &csrf), ("plan", &generous), ("from", "2031-01-01"), ("note", "richer accelerator")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location().starts_with("/comp/plans?done="));
    let versions = app.comp_plan_versions().expect("versions");
    assert_eq!(versions.len(), before + 1);
    assert_eq!(versions.last().map(|v| v.note.as_str()), Some("richer accelerator"));
    let log = app.store().audit_log(50).expect("audit");
    assert!(log.iter().any(|e| e.action == "save compensation plan" && e.actor == "web:vp"), "audited");
    let mut rep = Browser::sign_in(&app, "rep").await;
    assert_eq!(
        rep.post("/comp/plans", &[("csrf", "x"), ("plan", &generous), ("from", "2031-01-01")]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn an_administrator_runs_a_period_and_it_is_listed() {
    let app = demo_app();
    let mut admin = Browser::sign_in(&app, "admin").await;
    let csrf = admin.csrf("/comp").await;
    let r = admin.post("/comp/runs", &[("csrf", &csrf), ("period", "FY2026 Q4")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with("/comp?run="), "{}", r.location());
    let page = admin.get(r.location()).await;
    assert!(page.body.contains("FY2026 Q4") && page.body.contains("stored for FY2026 Q4"), "{}", page.body);
    let from_elsewhere =
        admin.post_from("http://evil.test", "/comp/runs", &[("csrf", &csrf), ("period", "FY2026 Q4")]).await;
    assert_eq!(from_elsewhere.status, StatusCode::FORBIDDEN);
}

/// Money as Norwegian writes it: `1 234,56 USD`, with no-break spaces.
fn norwegian_dollars(minor: i64) -> String {
    let digits = (minor.abs() / 100).to_string();
    let mut whole = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push('\u{a0}');
        }
        whole.push(c);
    }
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{whole},{:02}\u{a0}USD", minor.abs() % 100)
}

#[tokio::test]
async fn a_statement_reads_in_its_payees_language_whoever_opens_it() {
    let app = demo_app();
    // FY2026 Q2 paid again with a larger target incentive for account executives: a new run
    // whose adjustments against the demo's say the plan changed.
    let period = Period::parse("FY2026 Q2").expect("period");
    let richer =
        sutton_app::DEFAULT_PLANS.replace("target_incentive = \"15000.00\"", "target_incentive = \"16500.00\"");
    assert_ne!(richer, sutton_app::DEFAULT_PLANS);
    let rerun = app.comp_run(period, Some(&richer), true, "test").expect("run again");
    let run = rerun.stored.expect("stored");
    // A payee paid in bands and adjusted, whom nobody signs in as yet: give them a Norwegian login.
    let linked: Vec<PersonId> = app.store().users().expect("users").iter().filter_map(|u| u.person).collect();
    let payee = rerun
        .run
        .statements
        .iter()
        .find(|s| {
            !linked.contains(&s.payee)
                && s.lines.iter().any(|l| matches!(l.kind, LineKind::Tier(_)))
                && rerun.adjustments.iter().any(|a| a.payee == s.payee && !a.amount.is_zero())
        })
        .expect("an account executive paid more under the larger target incentive");
    let new = NewUser {
        login: "payee-nb".to_owned(),
        display_name: "Mottaker på norsk".to_owned(),
        role: AccessRole::Rep,
        person: Some(payee.payee),
        language: Language::NorwegianBokmal,
        password: PASSWORD.to_owned(),
    };
    app.add_user("test", new).expect("user");

    // The VP reads in English, but the statement is the payee's: Norwegian words and money.
    let mut vp = Browser::sign_in(&app, "vp").await;
    let own = format!("/comp/statements/{run}/{}", payee.payee.get());
    let page = vp.get(&own).await;
    assert_eq!(page.status, StatusCode::OK);
    for norwegian in [
        "Oppgave: ",
        "Slik ble det beregnet",
        "kreditert i intervallet",
        "av en målbonus på 16\u{a0}500,00\u{a0}USD",
        "krediterte beløp, en kvote eller planen er endret",
        &norwegian_dollars(payee.total.minor()),
    ] {
        assert!(page.body.contains(norwegian), "{norwegian:?} on the statement: {}", page.body);
    }
    for english in [
        "credited in band",
        "target incentive weighted",
        "quota or the plan changed",
        "quota or plan changed",
        "How it was computed",
    ] {
        assert!(!page.body.contains(english), "{english:?} on a Norwegian statement: {}", page.body);
    }
    assert!(page.body.contains("<div lang=\"nb\">"), "the statement says its language");
    assert!(page.body.contains("Download CSV"), "the VP's own controls stay in English");

    // The file says the same in Norwegian: headers, lines and the adjustment.
    let csv = vp.get(&format!("{own}/csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("Kjøring,Periode,Mottaker,Navn,Plan,Komponent,Mål,"), "{}", csv.body);
    assert!(csv.body.contains("kreditert i intervallet") && !csv.body.contains("credited in band"), "{}", csv.body);
    let adjustment = csv.body.lines().find(|l| l.contains(",justering,")).expect("an adjustment row");
    assert!(adjustment.contains("krediterte beløp, en kvote eller planen er endret"), "{adjustment}");
    let total = csv.body.lines().find(|l| l.contains(",Sum,")).expect("a total row");
    let minor = payee.total.minor();
    assert!(total.contains(&format!("{}.{:02}", minor / 100, minor % 100)), "amounts stay numbers: {total}");
    let xlsx = vp.get(&format!("{own}/xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK"), "an XLSX file is a zip");

    // The API keeps one shape for machines: English words, and the figures beside them.
    let json = vp.get(&format!("/api/v1/comp/statements/{run}/{}", payee.payee.get())).await.json();
    let tier = json["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["explanation_detail"]["kind"] == "tier")
        .expect("a band line");
    assert!(tier["explanation"].as_str().is_some_and(|e| e.contains("credited in band")), "{tier}");
    assert_eq!(tier["explanation_detail"]["target_incentive"]["minor"], 1_650_000, "{tier}");
    assert_eq!(json["adjustments"][0]["reason_detail"]["kind"], "recomputed", "{json}");
}
