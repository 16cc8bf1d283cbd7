//! Territory scenarios in the browser: the list with metrics, planning in the background, the
//! editor's hand moves and locks with live metrics, re-optimisation around the locks,
//! publishing, the side-by-side comparison, the "how many reps" curve and the API.
//!
//! Tests that change data run on their own copy of the demo, so the shared one keeps its
//! current alignment and owners for every other test.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use sutton_app::domain::{AlignmentId, AlignmentStatus, TerritoryId};
use sutton_app::{App, PlanMeasure, PlanRequest, ScenarioView};

use crate::{Browser, demo_app, own_demo};

fn plan(app: &App, name: &str) -> AlignmentId {
    let request = PlanRequest {
        name: name.to_owned(),
        territories: None,
        balance: vec![(PlanMeasure::Accounts, 0.05)],
        max_disruption: None,
        seed: 3,
        homes: false,
    };
    app.plan_territories("test", &request).expect("plan").alignment
}

/// Follows a background job's page until it is no longer running.
async fn finish(b: &mut Browser, job: &str) -> String {
    assert!(job.starts_with("/territories/jobs/"), "sent to the job's page: {job}");
    let started = Instant::now();
    loop {
        let page = b.get(job).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        if !page.body.contains("http-equiv=\"refresh\"") {
            return page.body;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the job finishes");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn current(app: &App) -> ScenarioView {
    app.scenarios()
        .expect("scenarios")
        .into_iter()
        .find(|v| v.alignment.status == AlignmentStatus::Current)
        .expect("current")
}

/// The table row of a territory in a metrics fragment.
fn row(html: &str, territory: TerritoryId) -> &str {
    let start = html.find(&format!("<tr data-territory=\"{}\">", territory.get())).expect("the territory's row");
    let end = html[start..].find("</tr>").expect("row end");
    &html[start..start + end]
}

#[tokio::test]
async fn the_scenarios_page_lists_alignments_with_their_metrics_and_only_editors_may_plan() {
    let app = demo_app();
    let now = current(&app);
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/territories").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(
        body.contains(&format!("<a href=\"/territories/{}\">{}</a>", now.alignment.id.get(), now.alignment.name)),
        "{body}"
    );
    for heading in ["Balance", "Mean travel to centre", "Disruption", "Cut edges", "Contiguity"] {
        assert!(body.contains(&format!(">{heading}</th>")), "column {heading}");
    }
    // The demo's hand-drawn map is far from balanced (story 9): the list says by how much.
    let accounts = &now.metrics.balance[0];
    assert!(accounts.max_deviation > 0.3, "the demo's territories are unbalanced: {}", accounts.max_deviation);
    assert!(body.contains("Accounts: max ±"), "{body}");
    assert!(body.contains(&format!(">{}</td>", now.metrics.cut_edges)), "cut edges {}", now.metrics.cut_edges);
    assert!(body.contains("action=\"/territories\"") && body.contains("name=\"accounts_tolerance\""), "a VP may plan");
    let mut manager = Browser::sign_in(&app, "manager").await;
    let theirs = manager.get("/territories").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.body.contains(&now.alignment.name), "managers read the list");
    assert!(!theirs.body.contains("action=\"/territories\""), "but may not plan");
    let csrf = crate::hidden(&theirs.body, "csrf").expect("csrf");
    let refused = manager.post("/territories", &[("csrf", &csrf), ("name", "Mine"), ("accounts", "on")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_manager_reads_a_scenario_narrowed_to_their_teams_territories_without_edit_forms() {
    let app = demo_app();
    let now = current(&app);
    let path = format!("/territories/{}", now.alignment.id.get());
    let mut vp = Browser::sign_in(&app, "vp").await;
    let all = vp.get(&path).await.body;
    assert_eq!(all.matches("<tr data-territory=").count(), now.territories.len());
    assert!(all.contains("class=\"home\""), "reps' homes are pinned on the map");
    assert!(!all.contains("id=\"unit-form\""), "the current alignment is not edited in place");
    let mut manager = Browser::sign_in(&app, "manager").await;
    let page = manager.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = page.body.matches("<tr data-territory=").count();
    assert!(rows > 0 && rows < now.territories.len(), "the manager sees their team's {rows} territories only");
    assert!(page.body.contains("Read only"), "{}", page.body);
    assert!(!page.body.contains("/publish") && !page.body.contains("id=\"unit-form\""));
}

#[tokio::test]
async fn planning_from_the_browser_runs_in_the_background_and_opens_the_scenario() {
    let app = own_demo("plan");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let csrf = vp.csrf("/territories").await;
    let r = vp
        .post(
            "/territories",
            &[
                ("csrf", &csrf),
                ("name", "Spring rebalance"),
                ("territories", ""),
                ("accounts", "on"),
                ("accounts_tolerance", "5"),
                ("potential_tolerance", "10"),
                ("seed", "2"),
                ("homes", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let job = r.location().to_owned();
    // Someone else cannot follow another user's job.
    let mut admin = Browser::sign_in(&app, "admin").await;
    assert_eq!(admin.get(&job).await.status, StatusCode::NOT_FOUND);
    let done = finish(&mut vp, &job).await;
    assert!(done.contains("Open the scenario"), "{done}");
    let stored = app
        .scenarios()
        .expect("scenarios")
        .into_iter()
        .find(|v| v.alignment.name == "Spring rebalance")
        .expect("stored");
    assert_eq!(stored.alignment.status, AlignmentStatus::Scenario);
    assert!(stored.settings.homes, "the choice of homes is kept with the scenario");
    assert_eq!(stored.settings.balance, vec![(PlanMeasure::Accounts, 0.05)]);
    assert!(done.contains(&format!("href=\"/territories/{}\"", stored.alignment.id.get())));
    let before = current(&app).metrics.balance[0].max_deviation;
    assert!(stored.metrics.balance[0].max_deviation < before, "the plan balances better than the hand-drawn map");
    let editor = vp.get(&format!("/territories/{}", stored.alignment.id.get())).await.body;
    assert!(editor.contains("data-pick") && editor.contains("id=\"unit-form\""), "the editor's map and form");
    assert!(editor.contains("Accounts within ±5.0%"), "its settings: {editor}");
    assert!(editor.contains("class=\"home\""), "homes on the map");
    // A bad tolerance is refused with what to fix.
    let bad = vp.post("/territories", &[("csrf", &csrf), ("accounts", "on"), ("accounts_tolerance", "250")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("accounts_tolerance is 250"), "{}", bad.body);
}

#[tokio::test]
async fn a_hand_move_updates_the_metrics_and_locked_units_survive_reoptimise() {
    let app = own_demo("edit");
    let id = plan(&app, "Hand edits");
    let path = format!("/territories/{}", id.get());
    let before = app.scenario(id).expect("scenario");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let csrf = vp.csrf(&path).await;
    // Move a county with accounts into another territory, asking for the live fragment.
    let accounts = |v: &ScenarioView, t: usize| v.metrics.territories[t].totals[0];
    let unit = before.units.iter().find(|u| !u.locked && u.values[0] > 0.0).cloned().expect("a county with accounts");
    let to = (unit.territory + 1) % before.territories.len();
    let to_id = before.territories[to].id;
    let r = vp
        .post(
            &format!("{path}/units"),
            &[
                ("csrf", &csrf),
                ("unit", &unit.geo.get().to_string()),
                ("action", "move"),
                ("territory", &to_id.get().to_string()),
                ("fragment", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("<html"), "a fragment, not a page");
    let after = app.scenario(id).expect("scenario");
    let moved = after.units.iter().find(|u| u.geo == unit.geo).expect("unit");
    assert_eq!(after.territories[moved.territory].id, to_id, "the county is in its new territory");
    assert!(moved.locked, "a hand move locks the county");
    let held = unit.values[0];
    assert!((accounts(&before, unit.territory) - accounts(&after, unit.territory) - held).abs() < 1e-9, "it leaves");
    assert!((accounts(&after, to) - accounts(&before, to) - held).abs() < 1e-9, "what one loses the other gains");
    let new_total = accounts(&after, to).round() as i64;
    assert!(row(&r.body, to_id).contains(&format!(">{new_total} (")), "the fragment shows the new total {new_total}");
    assert_ne!(after.metrics.balance[0], before.metrics.balance[0], "the balance metrics are recomputed");
    // A move that leaves a territory in pieces is reported on the page.
    let mut reported = false;
    for candidate in after.units.iter().filter(|u| u.territory != to && !u.locked).take(200) {
        let target =
            after.territories[(candidate.territory + after.territories.len() / 2) % after.territories.len()].id;
        let r = vp
            .post(
                &format!("{path}/units"),
                &[
                    ("csrf", &csrf),
                    ("unit", &candidate.geo.get().to_string()),
                    ("action", "move"),
                    ("territory", &target.get().to_string()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let page = vp.get(r.location()).await.body;
        assert!(page.contains("moved to"), "the move is confirmed");
        if !app.scenario(id).expect("scenario").broken().is_empty() {
            assert!(page.contains("data-contiguity=\"broken\"") && page.contains("Not contiguous:"), "{page}");
            reported = true;
            break;
        }
        assert!(!page.contains("data-contiguity=\"broken\""));
    }
    assert!(reported, "some move broke contiguity and it was reported");
    // Lock one more county in place, then re-optimise: every locked county stays.
    let keep = app.scenario(id).expect("scenario").units.iter().find(|u| !u.locked).cloned().expect("unlocked");
    let r = vp
        .post(&format!("{path}/units"), &[("csrf", &csrf), ("unit", &keep.geo.get().to_string()), ("action", "lock")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let edited = app.scenario(id).expect("scenario");
    let locked: Vec<(i64, TerritoryId)> =
        edited.units.iter().filter(|u| u.locked).map(|u| (u.geo.get(), edited.territories[u.territory].id)).collect();
    assert!(locked.len() >= 3, "{} locked", locked.len());
    let r = vp.post(&format!("{path}/reoptimise"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let done = finish(&mut vp, r.location()).await;
    assert!(done.contains("Open the scenario"), "{done}");
    let again = app.scenario(id).expect("scenario");
    for (geo, territory) in &locked {
        let u = again.units.iter().find(|u| u.geo.get() == *geo).expect("unit");
        assert!(u.locked, "still locked");
        assert_eq!(again.territories[u.territory].id, *territory, "a locked county stays where it was put");
    }
    let log = app.store().audit_log(50).expect("audit");
    assert!(log.iter().any(|e| e.action == "edit territory scenario" && e.actor == "web:vp"));
    assert!(
        log.iter()
            .any(|e| e.action == "re-optimise territory scenario"
                && e.entity_id.as_deref() == Some(&id.get().to_string()))
    );
    // The current alignment cannot be edited in place.
    let now = current(&app);
    let r = vp
        .post(
            &format!("/territories/{}/units", now.alignment.id.get()),
            &[("csrf", &csrf), ("unit", &now.units[0].geo.get().to_string()), ("action", "lock"), ("fragment", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("only scenarios can be edited"), "{}", r.body);
}

#[tokio::test]
async fn publishing_from_the_browser_moves_owners_and_writes_an_audit_entry() {
    let app = own_demo("publish");
    let id = plan(&app, "To publish");
    let owners = |app: &App| -> Vec<(i64, Option<i64>)> {
        app.snapshot().expect("data").accounts.iter().map(|a| (a.id.get(), a.owner.map(|p| p.get()))).collect()
    };
    let before = owners(&app);
    let path = format!("/territories/{}", id.get());
    let mut manager = Browser::sign_in(&app, "manager").await;
    let mcsrf = manager.csrf("/settings").await;
    assert_eq!(manager.post(&format!("{path}/publish"), &[("csrf", &mcsrf)]).await.status, StatusCode::FORBIDDEN);
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get(&path).await.body;
    assert!(
        page.contains(&format!("action=\"{path}/publish\" data-confirm=\"Make To publish the current alignment")),
        "{page}"
    );
    let csrf = crate::hidden(&page, "csrf").expect("csrf");
    let r = vp.post(&format!("{path}/publish"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let shown = vp.get(r.location()).await.body;
    assert!(shown.contains("Published: "), "{shown}");
    let after = owners(&app);
    let changed = before.iter().zip(&after).filter(|(b, a)| b.1 != a.1).count();
    assert!(changed > 0, "owners follow the new territories");
    assert!(shown.contains(&format!("Published: {changed} accounts have a new owner")), "{shown}");
    assert_eq!(app.scenario(id).expect("scenario").alignment.status, AlignmentStatus::Current);
    assert!(shown.contains("Read only"), "the published alignment is no longer edited");
    let log = app.store().audit_log(20).expect("audit");
    let entry = log.iter().find(|e| e.action == "publish territories").expect("audited");
    assert_eq!(entry.actor, "web:vp");
    assert_eq!(entry.entity_id.as_deref(), Some(id.get().to_string().as_str()));
    assert!(entry.detail.contains(&format!("{changed} accounts change owner")), "{}", entry.detail);
    // Coverage then finds the accounts of the rep who left only where the new map has no rep.
    let coverage = vp.get("/coverage").await;
    assert_eq!(coverage.status, StatusCode::OK);
}

#[tokio::test]
async fn the_comparison_puts_two_maps_metrics_and_balance_bars_side_by_side() {
    let app = own_demo("compare");
    let id = plan(&app, "Compared");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get(&format!("/territories/compare?a={}&b=current", id.get())).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("id=\"map-a-t\"") && body.contains("id=\"map-b-t\""), "two maps");
    let now = current(&app);
    let plan = app.scenario(id).expect("scenario");
    assert!(body.contains("Compared beside ") && body.contains(&now.alignment.name));
    assert!(body.contains("Accounts: largest deviation"), "{body}");
    assert!(body.contains("Accounts per territory"), "a balance chart per scenario");
    assert!(body.contains("target ") && body.contains("±5.0%"), "with the target band");
    assert!(body.contains(&format!(">{} (", plan.moved)), "the plan's disruption: {} counties move", plan.moved);
    assert_eq!(vp.get("/territories/compare?a=999999&b=current").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_how_many_reps_curve_names_the_fewest_territories_that_meet_tolerance_and_capacity() {
    let app = demo_app();
    let k = current(&app).territories.len();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let form = vp.get("/territories/sizing").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains(&format!("name=\"from\" min=\"1\" max=\"500\" value=\"{}\"", k.saturating_sub(5).max(1)))
    );
    let csrf = crate::hidden(&form.body, "csrf").expect("csrf");
    let (from, to) = (k.saturating_sub(2).max(1), k + 2);
    let r = vp
        .post(
            "/territories/sizing",
            &[
                ("csrf", &csrf),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
                ("accounts", "on"),
                ("accounts_tolerance", "10"),
                ("seed", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = finish(&mut vp, r.location()).await;
    for title in ["Largest deviation from target (%)", "Mean travel to the territory&#39;s centre (km)"] {
        assert!(page.contains(&format!(">{title}</figcaption>")), "chart {title}: {page}");
    }
    let rows = page.matches("<th scope=\"row\" class=\"n\">").count();
    assert_eq!(rows, to - from + 1, "one row per number of territories");
    let sizing = app
        .territory_sizing(
            from..=to,
            &sutton_app::ScenarioSettings { balance: vec![(PlanMeasure::Accounts, 0.10)], ..Default::default() },
            &|_, _| {},
        )
        .expect("sizing");
    match sizing.recommended {
        Some(best) => assert!(page.contains(&format!("{best} territories is the fewest")), "{page}"),
        None => assert!(page.contains("No number of territories"), "{page}"),
    }
    let bad = vp.post("/territories/sizing", &[("csrf", &csrf), ("from", "9"), ("to", "3"), ("accounts", "on")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_api_lists_scenarios_and_gives_one_with_its_assignment() {
    let app = demo_app();
    let now = current(&app);
    let mut vp = Browser::sign_in(&app, "vp").await;
    let list = vp.get("/api/v1/territories/scenarios").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let items = list.json();
    let first =
        items.as_array().and_then(|a| a.iter().find(|x| x["status"] == "current")).expect("the current alignment");
    assert_eq!(first["id"], now.alignment.id.get());
    assert_eq!(first["metrics"]["cut_edges"], now.metrics.cut_edges);
    assert_eq!(first["metrics"]["balance"][0]["measure"], "accounts");
    let detail = vp.get(&format!("/api/v1/territories/scenarios/{}", now.alignment.id.get())).await.json();
    let assignment = detail["assignment"].as_array().expect("assignment");
    assert_eq!(assignment.len(), now.units.len());
    let counties: i64 = detail["territories"]
        .as_array()
        .expect("territories")
        .iter()
        .map(|t| t["counties"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(counties as usize, now.units.len(), "every county in one territory");
    assert!(assignment[0]["fips"].as_str().is_some_and(|f| f.len() == 5));
    let mut manager = Browser::sign_in(&app, "manager").await;
    let theirs = manager.get(&format!("/api/v1/territories/scenarios/{}", now.alignment.id.get())).await.json();
    let shown = theirs["territories"].as_array().expect("territories").len();
    assert!(shown > 0 && shown < now.territories.len(), "a manager gets their team's territories");
    let mut rep = Browser::sign_in(&app, "rep").await;
    let refused = rep.get("/api/v1/territories/scenarios").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    let doc = vp.get("/api/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/territories/scenarios/{id}"]["get"].is_object(), "documented");
}
