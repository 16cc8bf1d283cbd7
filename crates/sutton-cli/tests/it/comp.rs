//! `sutton comp` on a small demo stored in SQLite: runs are stored, re-runs adjust.

use sutton_app::{App, Settings};
use sutton_domain::{ForecastCategory, OpportunityStatus, Period, Rate};

use crate::{TempDir, sutton};

#[test]
fn runs_are_stored_and_a_rerun_adjusts_only_what_changed() {
    let dir = TempDir::new("comp");
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--database", &url]);
    assert!(ok, "{err}");

    // The demo saved the default plans, changed customer success's from mid-year, and paid
    // the closed quarters of the year.
    let (ok, list, err) = sutton(&["comp", "plan", "list", "--database", &url]);
    assert!(ok && list.starts_with("version 1: in force from 2020-01-01 until replaced"), "{list}{err}");
    assert!(list.contains("version 2: in force from 2026-07-01"), "{list}");

    // Nothing changed since the demo paid FY2026 Q3: a re-run adjusts nothing.
    let (ok, text, err) = sutton(&["comp", "run", "--period", "FY2026 Q3", "--dry-run", "--database", &url]);
    assert!(ok, "{err}");
    assert!(text.contains("No adjustments: the period pays exactly what run 3 paid."), "{text}");
    assert!(text.contains("Dry run: nothing stored; 0 adjustment(s) against run 3"), "{text}");

    let (ok, json, err) = sutton(&["comp", "run", "--period", "FY2026 Q4", "--format", "json", "--database", &url]);
    assert!(ok, "{err}");
    assert!(err.contains("Stored as run 4; the period's first run pays"), "{err}");
    let first: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(first["stored_run"], 4);
    assert!(first["previous_run"].is_null() && first["statements"].as_array().is_some_and(|s| !s.is_empty()));
    let (ok, text, err) = sutton(&["comp", "run", "--period", "FY2026 Q4", "--database", &url]);
    assert!(ok && text.contains("Stored as run 5; 0 adjustment(s) against run 4, to pay USD 0.00."), "{text}{err}");

    // A deal paid in Q3 is cancelled a month after it closed, inside the 90-day window.
    let app = App::open(&Settings::new(url.clone())).expect("open");
    let data = app.snapshot().expect("load");
    let q3 = Period::parse("FY2026 Q3").expect("period");
    let paid = app.comp_run_record(3, &sutton_domain::Scope::Everything).expect("read").expect("run 3");
    let deal = paid
        .statements
        .iter()
        .flat_map(|s| s.components.iter())
        .filter(|c| c.component == "Bookings" && c.plan.starts_with("ae"))
        .flat_map(|c| c.credits.iter())
        .map(|c| c.deal)
        .next()
        .expect("an AE was credited a deal in Q3");
    let mut deal = data.opportunities.iter().find(|o| o.id == deal).expect("deal").clone();
    let mut history: Vec<_> = data.opportunity_changes.iter().filter(|c| c.opportunity == deal.id).cloned().collect();
    history.sort_by_key(|c| c.changed_at);
    let mut cancel = history.last().expect("history").clone();
    cancel.id =
        sutton_domain::OpportunityChangeId(data.opportunity_changes.iter().map(|c| c.id.get()).max().unwrap_or(0) + 1);
    cancel.changed_at = (deal.close_date + chrono::Days::new(30)).and_hms_opt(12, 0, 0).expect("time");
    cancel.status = OpportunityStatus::Lost;
    cancel.stage = "Closed Lost".to_owned();
    cancel.forecast_category = ForecastCategory::Omitted;
    cancel.probability = Rate::ZERO;
    deal.status = OpportunityStatus::Lost;
    deal.forecast_category = ForecastCategory::Omitted;
    deal.probability = Rate::ZERO;
    app.store()
        .write(|tx| {
            tx.update_opportunities(std::slice::from_ref(&deal))?;
            tx.insert_opportunity_changes(&[cancel])
        })
        .expect("cancel the deal");
    assert!(
        app.snapshot()
            .expect("load")
            .opportunities
            .iter()
            .any(|o| o.id == deal.id && o.status == OpportunityStatus::Lost)
    );

    let (ok, text, err) = sutton(&["comp", "run", "--period", q3.to_string().as_str(), "--database", &url]);
    assert!(ok, "{err}");
    assert!(text.contains("Adjustments against run 3:"), "{text}");
    let clawback = text.lines().find(|l| l.contains("(clawback)")).unwrap_or_else(|| panic!("a clawback: {text}"));
    assert!(clawback.contains("adjust") && clawback.contains("-"), "{clawback}");
    assert!(text.contains(&format!("clawback of deal(s) {}", deal.id.get())), "{text}");
    assert!(text.contains("Stored as run 6;"), "{text}");
    // And once adjusted, the period is settled.
    let (ok, text, _) = sutton(&["comp", "run", "--period", "FY2026 Q3", "--dry-run", "--database", &url]);
    assert!(ok && text.contains("against run 6, to pay USD 0.00"), "{text}");

    // A plan file that breaks the rules is refused, with what to fix.
    let bad = dir.0.join("bad.toml");
    std::fs::write(&bad, sutton_app::DEFAULT_PLANS.replace("weight = \"20%\"", "weight = \"30%\"")).expect("write");
    let (ok, _, err) =
        sutton(&["comp", "plan", "save", bad.to_str().expect("path"), "--from", "2027-01-01", "--database", &url]);
    assert!(!ok && err.contains("not 100 %"), "{err}");
    let good = dir.0.join("good.toml");
    std::fs::write(&good, sutton_app::DEFAULT_PLANS.replace("threshold = \"50%\"", "threshold = \"40%\""))
        .expect("write");
    let (ok, out, err) = sutton(&[
        "comp",
        "plan",
        "save",
        good.to_str().expect("path"),
        "--from",
        "2027-01-01",
        "--note",
        "lower threshold",
        "--database",
        &url,
    ]);
    assert!(ok && out.contains("plan version 3"), "{out}{err}");
}
