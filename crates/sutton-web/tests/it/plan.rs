//! Segments and call execution pages and API on the demo: what each page shows, the forms that
//! change something (with CSRF and the audit log), scoping, and bad configuration refused.

use axum::http::StatusCode;
use serde_json::json;

use sutton_app::domain::Money;

use crate::{Browser, demo_app, hidden, own_demo};

#[tokio::test]
async fn the_segments_page_shows_distribution_pareto_and_overrides_set_and_cleared() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/segments").await;
    assert_eq!(page.status, StatusCode::OK);
    for title in ["Accounts per segment", "Pareto curve: share of potential held by the top accounts"] {
        assert!(page.body.contains(&format!("<caption>{title}</caption>")), "chart {title} with its table");
    }
    assert!(page.body.contains("Segment A"), "segment cards");
    // Set an account to C by hand, with a reason; it is listed and audited, then cleared.
    let api = vp.get("/api/v1/segments").await.json();
    let first_a = api["accounts"].as_array().expect("accounts").iter().find(|a| a["segment"] == "A").expect("an A");
    let account_id = first_a["account_id"].as_i64().expect("id");
    let account = account_id.to_string();
    let csrf = hidden(&page.body, "csrf").expect("csrf");
    let refused = vp
        .post("/segments/override", &[("csrf", "wrong"), ("account", &account), ("segment", "C"), ("reason", "x")])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "a form without the session's token is refused");
    let r = vp
        .post(
            "/segments/override",
            &[("csrf", &csrf), ("account", &account), ("segment", "C"), ("reason", "Moving to a competitor")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let after = vp.get(r.location()).await;
    assert!(after.body.contains("Moving to a competitor"), "the override is listed with its reason");
    let api = vp.get("/api/v1/segments").await.json();
    let row = api["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["account_id"].as_i64() == Some(account_id))
        .cloned()
        .expect("row");
    assert_eq!((row["segment"].as_str(), row["computed"].as_str()), (Some("C"), Some("A")));
    assert!(app.store().audit_log(50).expect("audit").iter().any(|e| e.action == "override segment"));
    let r = vp.post("/segments/clear", &[("csrf", &csrf), ("account", &account)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let api = vp.get("/api/v1/segments").await.json();
    let row = api["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|a| a["account_id"].as_i64() == Some(account_id))
        .cloned()
        .expect("row");
    assert_eq!(row["segment"], "A");
    // A rep may read segments of their own book only, and cannot override.
    let mut rep = Browser::sign_in(&app, "rep").await;
    let own = rep.get("/api/v1/segments").await.json();
    let all = api["accounts"].as_array().expect("all").len();
    let mine = own["accounts"].as_array().expect("own").len();
    assert!(mine > 0 && mine < all, "{mine} of {all}");
    let csrf = rep.csrf("/segments").await;
    let r = rep
        .post("/segments/override", &[("csrf", &csrf), ("account", &account), ("segment", "B"), ("reason", "x")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// The ICP editor's form: the profile's name and threshold, then one row of fields per criterion.
fn icp_form<'a>(csrf: &'a str, name: &'a str, fit_from: &'a str, rows: &[[&'a str; 8]]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![("csrf", csrf), ("name", name), ("fit_from", fit_from)];
    for row in rows {
        let keys = ["c_name", "c_attribute", "c_test", "c_min", "c_max", "c_values", "c_is", "c_weight"];
        fields.extend(keys.iter().copied().zip(row.iter().copied()));
    }
    fields
}

#[tokio::test]
async fn an_icp_profile_is_saved_from_the_form_and_its_pipeline_fit_shown() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let editor = vp.get("/segments/icp").await;
    assert!(editor.body.contains("name=\"c_attribute\"") && editor.body.contains("data-add-row"), "a form, not JSON");
    let csrf = hidden(&editor.body, "csrf").expect("csrf");
    // 500 or more employees (weight 2), already a customer (weight 1), and an empty spare row.
    let rows = [
        ["500+ employees", "employees", "range", "500", "", "", "true", "2"],
        ["Customer", "customer", "is", "", "", "", "true", "1"],
        ["", "employees", "range", "", "", "", "true", ""],
    ];
    let r = vp.post("/segments/icp", &icp_form(&csrf, "Big customers", "50", &rows)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = vp.get(r.location()).await;
    assert!(page.body.contains("profile Big customers saved"), "{}", page.body);
    assert!(page.body.contains("Pipeline that fits"));
    assert!(page.body.contains("<caption>Fit scores against Big customers</caption>"));
    let saved = app.icp_profiles().expect("profiles");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].criteria.len(), 2, "the empty row is ignored");
    assert_eq!(saved[0].fit_from, sutton_app::domain::Rate::from_percent(50));
    // The fit shown is the engine's: accounts with 500+ employees that are customers fit.
    let fit = app.icp_fit("Big customers", None).expect("fit");
    let fitting = fit.scores.iter().filter(|s| s.fits).count();
    let everyone = fit.scores.len();
    assert!(fitting > 0 && fitting < everyone, "{fitting} of {everyone} fit");
    let big_customer = fit
        .data
        .accounts
        .iter()
        .find(|a| a.employees.is_some_and(|e| e >= 500) && a.status == sutton_app::domain::AccountStatus::Customer)
        .expect("a big customer");
    assert!(fit.scores.iter().any(|s| s.account == big_customer.id && s.fits));
    // The saved profile comes back into the editor, row by row.
    assert!(page.body.contains("value=\"500+ employees\"") && page.body.contains("value=\"500\""), "{}", page.body);
    // A criterion whose test does not suit its attribute is refused next to the form, as typed.
    let wrong = [["industry range", "industry", "range", "1", "2", "", "true", "1"]];
    let r = vp.post("/segments/icp", &icp_form(&csrf, "Wrong", "50", &wrong)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("industry is a text attribute"), "{}", r.body);
    assert!(r.body.contains("value=\"Wrong\"") && r.body.contains("value=\"industry range\""), "input kept");
    // So is a weight that is not a number.
    let wrong = [["Big", "employees", "range", "500", "", "", "true", "heavy"]];
    let r = vp.post("/segments/icp", &icp_form(&csrf, "Wrong", "50", &wrong)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Criterion 1") && r.body.contains("heavy"), "{}", r.body);
    assert_eq!(app.icp_profiles().expect("profiles").len(), 1, "nothing refused is saved");
    // Managers read the fit but cannot save a profile.
    let mut manager = Browser::sign_in(&app, "manager").await;
    let csrf = manager.csrf("/segments/icp").await;
    let r = manager.post("/segments/icp", &icp_form(&csrf, "Mine", "50", &rows[..1])).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn call_patterns_are_added_and_deleted_and_an_unknown_segment_is_refused() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let before = app.snapshot().expect("data").call_patterns.len();
    let csrf = vp.csrf("/calls/patterns").await;
    let form = |segment: &'static str| {
        vec![
            ("segment", segment),
            ("role", "account_executive"),
            ("channel", "inside"),
            ("mode", "phone"),
            ("calls", "1"),
            ("per", "month"),
            ("duration", "20"),
        ]
    };
    let mut fields = form("Z");
    fields.push(("csrf", &csrf));
    let r = vp.post("/calls/patterns", &fields).await;
    let page = vp.get(r.location()).await;
    assert!(page.body.contains("segment Z, which the segmentation does not have"), "{}", page.body);
    let mut fields = form("C");
    fields.push(("csrf", &csrf));
    let r = vp.post("/calls/patterns", &fields).await;
    assert!(vp.get(r.location()).await.body.contains("call pattern"), "added");
    let patterns = app.snapshot().expect("data").call_patterns;
    assert_eq!(patterns.len(), before + 1);
    let added = patterns.iter().map(|p| p.id.get()).max().expect("id");
    let r = vp.post(&format!("/calls/patterns/{added}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.snapshot().expect("data").call_patterns.len(), before);
    // Managers read the patterns but cannot change them.
    let mut manager = Browser::sign_in(&app, "manager").await;
    let csrf = manager.csrf("/calls/patterns").await;
    let r = manager.post(&format!("/calls/patterns/{added}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn workload_compliance_time_and_callplan_pages_show_their_figures_in_scope() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let workload = vp.get("/calls/workload").await;
    assert!(workload.body.contains("<caption>Workload as a share of capacity</caption>"));
    assert!(workload.body.contains("People each role needs to serve the patterns"));
    let compliance = vp.get("/calls/compliance").await;
    assert!(compliance.body.contains("Planned against made calls per team"));
    assert!(compliance.body.contains("Overdue accounts ("));
    // Drill down: team → rep → account.
    let team_link = compliance.body.split("/calls/compliance?team=").nth(1).expect("a team link");
    let team: String = team_link.chars().take_while(char::is_ascii_digit).collect();
    let reps = vp.get(&format!("/calls/compliance?team={team}")).await;
    let rep_link = reps.body.split("/calls/compliance?rep=").nth(1).expect("a rep link");
    let rep: String = rep_link.chars().take_while(char::is_ascii_digit).collect();
    let accounts = vp.get(&format!("/calls/compliance?rep={rep}")).await;
    assert!(accounts.body.contains("Accounts of "), "account level");
    let time = vp.get("/calls/time").await;
    assert!(time.body.contains("<caption>Direct-selling share by month</caption>"));
    assert!(time.body.contains("Target 55 %"));
    let plan = vp.get("/calls/callplan").await;
    assert_eq!(plan.status, StatusCode::OK);
    assert!(plan.body.contains("Expected with the current pattern") && plan.body.contains("Expected gain"));
    // A decreasing curve is refused with what to fix.
    let bad = vp.get("/calls/callplan?curve_A=0.6,0.2,1,4").await;
    assert!(bad.body.contains("the curve decreases"), "{}", bad.body);
    // In Norwegian the page is Norwegian.
    let csrf = vp.csrf("/calls/time").await;
    vp.post("/settings/language", &[("csrf", &csrf), ("language", "nb")]).await;
    assert!(vp.get("/calls/time").await.body.contains("Andel direkte salg per måned"));
    let csrf = vp.csrf("/calls/time").await;
    vp.post("/settings/language", &[("csrf", &csrf), ("language", "en")]).await;
    // A rep's pages are about their own book.
    let mut rep = Browser::sign_in(&app, "rep").await;
    let me = rep.get("/api/v1/me").await.json()["person_id"].as_i64().expect("a person");
    let w = rep.get("/api/v1/calls/workload").await.json();
    let people: Vec<i64> =
        w["people"].as_array().expect("people").iter().map(|p| p["person_id"].as_i64().expect("id")).collect();
    assert_eq!(people, vec![me]);
    assert!(w["sizing"].as_array().expect("sizing").is_empty());
    let plan = rep.get("/api/v1/callplan").await.json();
    let reps: Vec<i64> =
        plan["reps"].as_array().expect("reps").iter().map(|r| r["person_id"].as_i64().expect("id")).collect();
    assert_eq!(reps, vec![me]);
    let c = rep.get("/api/v1/calls/compliance").await.json();
    assert!(c["reps"].as_array().expect("reps").iter().all(|r| r["id"] == me));
}

#[tokio::test]
async fn a_rep_logs_a_call_from_the_queue_and_over_the_api() {
    let app = demo_app();
    let mut rep = Browser::sign_in(&app, "rep").await;
    let queue = rep.get("/calls/queue").await;
    assert!(queue.body.contains("Work queue of "), "{}", queue.body);
    let csrf = hidden(&queue.body, "csrf").expect("csrf");
    let me = rep.get("/api/v1/me").await.json()["person_id"].as_i64().expect("a person");
    let q = rep.get("/api/v1/calls/queue").await.json();
    let first = &q[0];
    assert_eq!(first["person_id"], me);
    let account = first["accounts"][0]["account_id"].as_i64().expect("an account");
    let before = app.snapshot().expect("data").activities.len();
    let r = rep
        .post(
            "/calls/log",
            &[
                ("csrf", &csrf),
                ("rep", &me.to_string()),
                ("account", &account.to_string()),
                ("date", "2026-11-14"),
                ("mode", "phone"),
                ("duration", "25"),
                ("subject", "Renewal check-in"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(rep.get(r.location()).await.body.contains("logged"));
    let data = app.snapshot().expect("data");
    assert_eq!(data.activities.len(), before + 1);
    let logged = data.activities.iter().max_by_key(|a| a.id).expect("the call");
    assert_eq!((logged.account.map(|a| a.get()), logged.duration_minutes), (Some(account), 25));
    // Over the API with a token; an account outside the rep's book is not found.
    let user = app.user_by_login("rep").expect("rep");
    let (_, token) = app.create_api_token(&user, "calls").expect("token");
    let mut client = Browser::new(&app);
    client.bearer = Some(token);
    let body = json!({"account_id": account, "date": "2026-11-13", "kind": "visit", "mode": "face_to_face", "duration_minutes": 60});
    let r = client.post_json("/api/v1/activities", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let everyone = app.snapshot().expect("data");
    let foreign = everyone.accounts.iter().find(|a| a.owner.is_some_and(|o| o.get() != me)).expect("another's account");
    let body = json!({"account_id": foreign.id.get(), "date": "2026-11-13", "kind": "call", "mode": "phone", "duration_minutes": 10});
    assert_eq!(client.post_json("/api/v1/activities", &body).await.status, StatusCode::NOT_FOUND);
    let body =
        json!({"account_id": account, "date": "2026-11-13", "kind": "email", "mode": "phone", "duration_minutes": 10});
    let r = client.post_json("/api/v1/activities", &body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]["message"].as_str().expect("message").contains("log a call, visit or meeting"));
}

/// The segments page explains each top account's segment in the reader's language, with the
/// shares written the local way, and never in the engine's English.
#[tokio::test]
async fn segment_explanations_follow_the_readers_language() {
    // Its own demo: the VP's language changes here, and other tests read the VP's pages.
    let app = own_demo("segwhy");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let english = vp.get("/segments").await.body;
    assert!(english.contains("potential rank 1 of "), "{english}");
    assert!(
        english.contains("the accounts ranked above hold 0.0% of the total, under the 50.0% cut-off: A"),
        "{english}"
    );
    let csrf = vp.csrf("/segments").await;
    vp.post("/settings/language", &[("csrf", &csrf), ("language", "nb")]).await;
    let norwegian = vp.get("/segments").await.body;
    assert!(norwegian.contains("nummer 1 av "), "{norwegian}");
    // Shares the Norwegian way: decimal comma, a no-break space before the sign.
    let why = "etter potensial; kundene rangert over har 0,0\u{a0}% av totalen, under grensen på 50,0\u{a0}%: A";
    assert!(norwegian.contains(why), "{norwegian}");
    assert!(!norwegian.contains("ranked above"), "no English left");
    // A refused rule is refused in Norwegian too.
    let csrf = vp.csrf("/segments").await;
    let rows = [["Gull", "80", ""], ["Sølv", "50", ""], ["Bronse", "", ""]];
    let r = vp.post("/segments/rule", &rule_form(&csrf, "potential", "", "pareto", &rows)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let why = "80\u{a0}% og så 50\u{a0}% overlapper; grensene må stige fra første segment til siste.";
    assert!(r.body.contains(why), "{}", r.body);
    assert!(!r.body.contains("cut-offs must rise"), "no English left");
}

/// Where the plan comes out below the current pattern, the CALLPLAN page says why on the rep's
/// row: on the demo, reps whose current pattern needs more hours than they have.
#[tokio::test]
async fn callplan_says_why_a_rep_would_earn_less_than_now() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let plan = vp.get("/api/v1/callplan").await.json();
    let reps = plan["reps"].as_array().expect("reps");
    let below: Vec<&serde_json::Value> = reps.iter().filter(|r| r["gain"]["minor"].as_i64() < Some(0)).collect();
    assert!(!below.is_empty(), "the demo has reps whose plan is below the current pattern");
    let page = vp.get("/calls/callplan").await.body;
    for r in &below {
        let row = page
            .split("<tr>")
            .find(|row| row.contains(&format!("/calls/callplan?rep={}\"", r["person_id"])))
            .expect("the rep's row");
        let over = r["current_minutes"].as_u64() > r["budget_minutes"].as_u64();
        let expected = if over { "more than the" } else { "rounded up to" };
        assert!(row.contains(expected), "{row}");
    }
    for r in reps.iter().filter(|r| r["gain"]["minor"].as_i64() >= Some(0)) {
        let row = page.split("<tr>").find(|row| row.contains(&format!("/calls/callplan?rep={}\"", r["person_id"])));
        assert!(row.is_some_and(|row| row.contains("<td></td></tr>")), "no reason where the plan gains");
    }
}

/// The rule editor's form: measure, method, scope and window, then one row per segment (name,
/// cut-off, floor), with an empty spare row as the page offers.
fn rule_form<'a>(
    csrf: &'a str,
    measure: &'a str,
    icp_profile: &'a str,
    method: &'a str,
    rows: &[[&'a str; 3]],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("measure", measure),
        ("icp_profile", icp_profile),
        ("method", method),
        ("scope", "organisation"),
        ("window_days", "365"),
    ];
    for row in rows.iter().chain(&[["", "", ""]]) {
        fields.extend(["name", "cut", "floor"].into_iter().zip(row.iter().copied()));
    }
    fields
}

/// Each visible account's (id, segment, computed segment, measure) from the API.
fn api_segments(json: &serde_json::Value) -> Vec<(i64, String, String, Option<i64>)> {
    json["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            (
                a["account_id"].as_i64().expect("id"),
                a["segment"].as_str().expect("segment").to_owned(),
                a["computed"].as_str().expect("computed").to_owned(),
                a["measure"].as_i64(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_rule_saved_from_the_form_segments_every_page_and_the_api_and_a_bad_one_is_refused() {
    let app = own_demo("segment_rule");
    let currency = app.store().organisation().expect("organisation").currency;
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/segments").await;
    assert!(
        page.body.contains("A, B, C by potential, across the organisation; Pareto cut-offs at 50%, 80%"),
        "{}",
        page.body
    );
    assert!(page.body.contains("action=\"/segments/rule\""), "VPs get the rule editor");
    let csrf = hidden(&page.body, "csrf").expect("csrf");
    let before = api_segments(&vp.get("/api/v1/segments").await.json());
    let in_a: Vec<i64> = before.iter().filter(|a| a.2 == "A").map(|a| a.0).collect();

    // Key from the 20th-largest potential, Core from the median, Tail below: floors typed in
    // major units of the organisation's currency.
    let mut potentials: Vec<i64> = before.iter().filter_map(|a| a.3).collect();
    potentials.sort_unstable_by(|a, b| b.cmp(a));
    let (key_floor, core_floor) = (potentials[19], potentials[potentials.len() / 2]);
    let major = |minor: i64| Money::from_minor(minor, currency).to_decimal_string();
    let (key_text, core_text) = (major(key_floor), major(core_floor));
    let rows = [["Key", "", key_text.as_str()], ["Core", "", core_text.as_str()], ["Tail", "", ""]];
    let r = vp.post("/segments/rule", &rule_form(&csrf, "potential", "", "threshold", &rows)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = vp.get(r.location()).await;
    assert!(page.body.contains("segmentation rule saved"), "{}", page.body);
    for name in ["Segment Key", "Segment Core", "Segment Tail"] {
        assert!(page.body.contains(name), "{name} on the page");
    }
    assert!(page.body.contains("Key, Core, Tail by potential"), "the rule in words");
    assert!(!page.body.contains("Segment A<"), "the old names are gone");

    // The API segments by the floors, exactly.
    let api = vp.get("/api/v1/segments").await.json();
    assert_eq!(api["names"], json!(["Key", "Core", "Tail"]));
    assert_eq!((api["measure"].as_str(), api["method"].as_str()), (Some("potential"), Some("threshold")));
    let after = api_segments(&api);
    for (id, _, computed, measure) in &after {
        let m = measure.unwrap_or(0);
        let expected = if m >= key_floor {
            "Key"
        } else if m >= core_floor {
            "Core"
        } else {
            "Tail"
        };
        assert_eq!(computed, expected, "account {id} with {m}");
    }
    let in_key: Vec<i64> = after.iter().filter(|a| a.2 == "Key").map(|a| a.0).collect();
    assert!(
        in_key.len() >= 20 && in_key.len() < in_a.len(),
        "accounts moved: {} Key, {} were A",
        in_key.len(),
        in_a.len()
    );
    // The stored run, the call patterns and the pages that segment follow the new names.
    let stored = app.store().segments().expect("stored");
    assert!(stored.iter().all(|s| ["Key", "Core", "Tail"].contains(&s.segment.as_str())));
    let patterns = app.snapshot().expect("data").call_patterns;
    assert!(!patterns.is_empty() && patterns.iter().all(|p| ["Key", "Core", "Tail"].contains(&p.segment.as_str())));
    let workload = vp.get("/calls/workload").await;
    assert_eq!(workload.status, StatusCode::OK, "{}", workload.body);
    let queue = vp.get("/api/v1/calls/queue").await.json();
    let segments: Vec<&str> = queue
        .as_array()
        .expect("queues")
        .iter()
        .flat_map(|q| {
            q["accounts"].as_array().expect("accounts").iter().map(|a| a["segment"].as_str().expect("segment"))
        })
        .collect();
    assert!(!segments.is_empty() && segments.iter().all(|s| ["Key", "Core", "Tail"].contains(s)), "{segments:?}");
    // Audited with what changed.
    let audit = app.store().audit_log(50).expect("audit");
    let entry = audit.iter().find(|e| e.action == "save segmentation rule").expect("audited");
    assert!(entry.detail.contains("segments A, B, C → Key, Core, Tail"), "{}", entry.detail);
    assert!(entry.detail.contains("floors"), "{}", entry.detail);
    assert_eq!(entry.actor, "web:vp");

    // Cut-offs that fall are refused with the engine's words, the form as typed, nothing saved.
    let rows = [["Gold", "80", ""], ["Silver", "50", ""], ["Bronze", "", ""]];
    let r = vp.post("/segments/rule", &rule_form(&csrf, "potential", "", "pareto", &rows)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("80% then 50% overlap; cut-offs must rise"), "{}", r.body);
    assert!(r.body.contains("value=\"Gold\"") && r.body.contains("value=\"80\""), "input kept");
    let names: Vec<String> = app.segment_rule().expect("rule").rule.names.iter().map(ToString::to_string).collect();
    assert_eq!(names, ["Key", "Core", "Tail"]);
    let saves =
        app.store().audit_log(50).expect("audit").iter().filter(|e| e.action == "save segmentation rule").count();
    assert_eq!(saves, 1);
    // So is a floor that is not an amount, and one with more decimals than the currency has.
    let rows = [["Key", "", "lots"], ["Tail", "", ""]];
    let r = vp.post("/segments/rule", &rule_form(&csrf, "potential", "", "threshold", &rows)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"lots\""), "input kept");
    let rows = [["Key", "", "100.001"], ["Tail", "", ""]];
    let r = vp.post("/segments/rule", &rule_form(&csrf, "potential", "", "threshold", &rows)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.segment_rule().expect("rule").rule.names.len(), 3, "nothing saved");

    // Reps and managers read the rule but cannot change it.
    for login in ["rep", "manager"] {
        let mut b = Browser::sign_in(&app, login).await;
        let page = b.get("/segments").await;
        assert!(page.body.contains("Key, Core, Tail by potential"), "{login} sees the rule in words");
        assert!(!page.body.contains("action=\"/segments/rule\""), "{login} gets no editor");
        let csrf = hidden(&page.body, "csrf").expect("csrf");
        let rows = [["X", "50", ""], ["Y", "", ""]];
        let r = b.post("/segments/rule", &rule_form(&csrf, "potential", "", "pareto", &rows)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{login}");
    }
    assert_eq!(app.segment_rule().expect("rule").rule.names.len(), 3);

    // By ICP score: the rule must name a stored profile, and then ranks by its fit.
    let rows = [["A", "50", ""], ["B", "80", ""], ["C", "", ""]];
    let r = vp.post("/segments/rule", &rule_form(&csrf, "icp_score", "", "pareto", &rows)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("needs one of the stored ideal-client profiles"), "{}", r.body);
    let icp_csrf = vp.csrf("/segments/icp").await;
    let criteria = [["Large", "employees", "range", "200", "", "", "true", "1"]];
    let r = vp.post("/segments/icp", &icp_form(&icp_csrf, "Large", "100", &criteria)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = vp.post("/segments/rule", &rule_form(&csrf, "icp_score", "Large", "pareto", &rows)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = vp.get("/segments").await;
    assert!(page.body.contains("Pareto curve: share of ICP fit held by the top accounts"), "{}", page.body);
    let api = vp.get("/api/v1/segments").await.json();
    assert_eq!((api["measure"].as_str(), api["icp_profile"].as_str()), (Some("icp_score"), Some("Large")));
    let data = app.snapshot().expect("data");
    let large: Vec<i64> =
        data.accounts.iter().filter(|a| a.employees.is_some_and(|e| e >= 200)).map(|a| a.id.get()).collect();
    for (id, _, computed, measure) in api_segments(&api) {
        let fits = large.contains(&id);
        assert_eq!(measure, Some(if fits { 1_000_000 } else { 0 }), "account {id}");
        if !fits {
            assert_eq!(computed, "C", "no fit, nothing to rank by: account {id}");
        }
    }
    // Patterns renamed to Key/Core/Tail came back to A/B/C with the names.
    let patterns = app.snapshot().expect("data").call_patterns;
    assert!(patterns.iter().all(|p| ["A", "B", "C"].contains(&p.segment.as_str())));
    // The profile the rule ranks by cannot be deleted from under it.
    assert!(app.icp_profile_delete("Large", "test").is_err());
}
