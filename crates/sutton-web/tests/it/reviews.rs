//! Pipeline reviews and the forecast page: a manager takes a review, notes and decides, and the
//! next review shows what changed and carries the decision; reps read their own deals only.

use axum::http::StatusCode;
use sutton_app::domain::Scope;

use crate::access::team_of;
use crate::{Browser, demo_app, hidden};

/// The first `/pipeline/reviews/{id}` link on a page.
fn review_link(html: &str) -> Option<i64> {
    let start = html.find("href=\"/pipeline/reviews/")? + "href=\"/pipeline/reviews/".len();
    let end = html[start..].find('"')?;
    html[start..start + end].parse().ok()
}

#[tokio::test]
async fn a_manager_reviews_the_team_decides_and_the_next_review_shows_what_changed() {
    let app = demo_app();
    let team = team_of(&app, "manager");
    let mut b = Browser::sign_in(&app, "manager").await;
    let list = b.get("/pipeline/reviews").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Start a review"), "{}", list.body);
    let csrf = hidden(&list.body, "csrf").expect("csrf");
    let team_id = team.get().to_string();
    let r = b.post("/pipeline/reviews", &[("csrf", &csrf), ("team", &team_id), ("as_of", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let first: i64 = r.location().trim_start_matches("/pipeline/reviews/").parse().expect("review id");
    let page = b.get(r.location()).await.body;
    assert!(page.contains("Review of Field West"), "{page}");
    // Every open deal of the team is there, with its flags in words.
    let w = app.review_workspace(&Scope::Everything, first).expect("workspace");
    // Other tests review the same team of the shared demo: the page says whether this one is
    // the first.
    assert_eq!(page.contains("first review"), w.previous.is_none(), "{page}");
    assert!(!w.lines.is_empty());
    for l in &w.lines {
        assert!(page.contains(&format!("id=\"deal-{}\"", l.opportunity.get())), "deal {}", l.opportunity);
    }
    assert!(w.lines.iter().any(|l| !l.flags.is_empty()), "the demo has flagged deals");
    assert!(
        page.contains("Close date pushed") || page.contains("No selling activity") || page.contains("Single-threaded")
    );
    // Decide on the largest deal; the decision shows and is audited.
    let deal = w.lines[0].opportunity.get();
    let csrf = hidden(&page, "csrf").expect("csrf");
    let path = format!("/pipeline/reviews/{first}/deals/{deal}");
    let r = b.post(&path, &[("csrf", &csrf), ("note", "Signed order expected Friday"), ("decision", "commit")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = b.get(&format!("/pipeline/reviews/{first}")).await.body;
    assert!(page.contains("value=\"Signed order expected Friday\""));
    assert!(page.contains("<option value=\"commit\" selected>"));
    let bad = b.post(&path, &[("csrf", &csrf), ("decision", "maybe")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("commit, downgrade, remove"));
    let forged = b.post(&path, &[("csrf", "guess"), ("decision", "remove")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let audit = app.store().audit_log(20).expect("audit");
    assert!(audit.iter().any(|e| e.action == "start review" && e.entity_id.as_deref() == Some(&first.to_string())));
    assert!(audit.iter().any(|e| e.action == "decide review deal" && e.actor == "web:manager"));
    // The next review of the team compares with this one and carries the decision.
    let r = b.post("/pipeline/reviews", &[("csrf", &csrf), ("team", &team_id), ("as_of", "")]).await;
    let second: i64 = r.location().trim_start_matches("/pipeline/reviews/").parse().expect("review id");
    let w2 = app.review_workspace(&Scope::Everything, second).expect("workspace");
    assert_eq!(w2.previous.as_ref().map(|p| p.id), Some(first));
    let c = w2.comparison.expect("compared");
    assert!(c.reconciles());
    assert!(c.changes.iter().any(|x| x.opportunity.get() == deal && x.carried.is_some()));
    let page = b.get(&format!("/pipeline/reviews/{second}")).await.body;
    assert!(page.contains("Against the review of"), "{page}");
    assert!(page.contains("Signed order expected Friday"), "the note is carried");
    // The review recorded the team's forecast, and the forecast page lists it.
    let forecast = b.get("/pipeline/forecast").await.body;
    assert!(forecast.contains("Recorded forecasts") && !forecast.contains("None recorded yet"), "{forecast}");
    // The API says the same.
    let api = b.get(&format!("/api/v1/pipeline/reviews/{second}")).await.json();
    assert_eq!(api["review"]["previous_id"], first);
    assert_eq!(api["deals"].as_array().expect("deals").len(), w2.lines.len());
}

#[tokio::test]
async fn a_rep_reads_their_own_deals_of_their_teams_review_and_cannot_start_or_decide() {
    let app = demo_app();
    let team = team_of(&app, "rep");
    let id = app.start_review("test", &Scope::Everything, team, None).expect("review").id;
    let everything = app.review_workspace(&Scope::Everything, id).expect("all deals");
    let mut b = Browser::sign_in(&app, "rep").await;
    let list = b.get("/pipeline/reviews").await.body;
    assert!(!list.contains("Start a review"), "reps do not start reviews");
    assert!(review_link(&list).is_some(), "the rep's team's review is listed");
    let page = b.get(&format!("/pipeline/reviews/{id}")).await.body;
    let user = app.user_by_login("rep").expect("rep");
    let scope = app.scope(&user).expect("scope");
    for l in &everything.lines {
        let shown = page.contains(&format!("id=\"deal-{}\"", l.opportunity.get()));
        assert_eq!(shown, scope.sees(sutton_app::domain::PersonId(l.owner.id)), "deal {}", l.opportunity);
    }
    assert!(!page.contains("name=\"decision\""), "no decision form for a rep");
    let csrf = hidden(&page, "csrf").expect("csrf");
    let r = b.post("/pipeline/reviews", &[("csrf", &csrf), ("team", &team.get().to_string())]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_forecast_page_holds_past_forecasts_against_what_was_won() {
    let app = demo_app();
    let record = app.forecast_record(&Scope::Everything, None, 4, 6).expect("record");
    assert!(!record.rebuilt.is_empty(), "the demo's history rebuilds past forecasts");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/pipeline/forecast").await.body;
    assert!(page.contains("Forecasts against actual bookings, past quarters"), "the accuracy chart");
    for a in &record.rebuilt {
        assert!(page.contains(&a.period.to_string()));
    }
    assert!(page.contains("Weighted error") && page.contains("Coming quarters"));
    let mut manager = Browser::sign_in(&app, "manager").await;
    let theirs = manager.get("/pipeline/forecast").await.body;
    assert!(theirs.contains("Field West") && !theirs.contains("Field East"), "only the manager's teams");
}

/// With ideal-client profiles stored, a review flags the deals at accounts that fit none of
/// them; without profiles, no deal is flagged for fit.
#[tokio::test]
async fn a_review_flags_deals_at_accounts_outside_every_ideal_client_profile() {
    use sutton_app::insight::DealFlag;
    use sutton_app::planning::{IcpAttribute, IcpCriterion, IcpProfile, IcpTest};
    // Its own demo: the stored profiles change here.
    let app = crate::own_demo("icpflag");
    let team = team_of(&app, "manager");
    let outside = |id: i64| {
        let w = app.review_workspace(&Scope::Everything, id).expect("workspace");
        let flagged: Vec<bool> =
            w.lines.iter().map(|l| l.flags.iter().any(|f| matches!(f, DealFlag::OutsideIcp { .. }))).collect();
        (w, flagged)
    };
    for p in app.icp_profiles().expect("profiles") {
        app.icp_profile_delete(&p.name, "test").expect("delete");
    }
    let (w, flagged) = outside(app.start_review("test", &Scope::Everything, team, None).expect("review").id);
    assert!(!w.lines.is_empty(), "the team has open deals");
    assert!(flagged.iter().all(|f| !f), "no profile, no fit flag");

    // A profile nobody fits: every deal is outside it.
    let giants = IcpProfile {
        name: "Giants".to_owned(),
        criteria: vec![IcpCriterion {
            name: "a billion staff".to_owned(),
            attribute: IcpAttribute::Employees,
            test: IcpTest::Range { min: Some(1_000_000_000), max: None },
            weight: 1,
        }],
        fit_from: sutton_app::domain::Rate::from_percent(100),
    };
    app.icp_profile_save(&giants, "test").expect("save");
    let (_, flagged) = outside(app.start_review("test", &Scope::Everything, team, None).expect("review").id);
    assert!(flagged.iter().all(|f| *f), "every deal is outside the only profile");

    // A second profile that the first deal's account fits: its deals are no longer flagged,
    // the deals of accounts in other industries still are.
    let data = app.snapshot().expect("data");
    let first = &w.lines[0];
    let account = data.opportunities.iter().find(|o| o.id == first.opportunity).expect("deal").account;
    let industry = data.accounts.iter().find(|a| a.id == account).and_then(|a| a.industry.clone()).expect("industry");
    let peers = IcpProfile {
        name: "Peers".to_owned(),
        criteria: vec![IcpCriterion {
            name: "same industry".to_owned(),
            attribute: IcpAttribute::Industry,
            test: IcpTest::OneOf(vec![industry.clone()]),
            weight: 1,
        }],
        fit_from: sutton_app::domain::Rate::from_percent(100),
    };
    app.icp_profile_save(&peers, "test").expect("save");
    let (w, flagged) = outside(app.start_review("test", &Scope::Everything, team, None).expect("review").id);
    for (l, f) in w.lines.iter().zip(&flagged) {
        let account = data.opportunities.iter().find(|o| o.id == l.opportunity).expect("deal").account;
        let same = data.accounts.iter().find(|a| a.id == account).and_then(|a| a.industry.as_ref()) == Some(&industry);
        assert_eq!(*f, !same, "deal {}", l.opportunity);
    }
    assert!(flagged.iter().any(|f| !f) && flagged.iter().any(|f| *f), "both kinds among the team's deals");
}
