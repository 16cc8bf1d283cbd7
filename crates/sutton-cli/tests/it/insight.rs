//! `sutton whiplash` and `sutton pipeline` on a small demo stored in SQLite.

use crate::{TempDir, sutton};

#[test]
fn whiplash_and_pipeline_read_the_stored_demo() {
    let dir = TempDir::new("insight");
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--database", &url]);
    assert!(ok, "{err}");

    let (ok, out, err) = sutton(&["whiplash", "--database", &url, "--format", "json", "--periods", "3"]);
    assert!(ok, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["as_of"], "2026-11-15", "the demo's own date");
    let teams = report["teams"].as_array().expect("teams");
    assert!(teams.iter().any(|t| t["team"] == "Field West"));
    let kinds = [
        "volatility",
        "forward_coverage",
        "renewal_cliff",
        "concentration",
        "engagement_gap",
        "single_threaded",
        "funnel_starvation",
        "product_skew",
    ];
    for t in teams {
        let risk = t["risk"].as_u64().expect("risk");
        assert!(risk <= 100);
        for c in t["causes"].as_array().expect("causes") {
            assert!(kinds.contains(&c["kind"].as_str().expect("kind")), "{c}");
            assert!(c["value"].is_number() && c["threshold"].is_number(), "{c}");
            assert!(c["explanation"].as_str().is_some_and(|e| !e.is_empty()), "{c}");
            assert!(c.get("period").is_some(), "{c}");
        }
    }

    let (ok, text, err) = sutton(&["whiplash", "--database", &url, "--as-of", "2026-07-15"]);
    assert!(ok && text.starts_with("Sales whiplash as of 2026-07-15"), "{text}{err}");

    let (ok, csv, err) = sutton(&["pipeline", "coverage", "--database", &url, "--format", "csv", "--by", "rep"]);
    assert!(ok, "{err}");
    assert!(csv.starts_with("period,group,quota,booked,remaining,pipeline,deals,coverage,required,from,gap"), "{csv}");
    for view in ["movement", "conversion", "forecast"] {
        let (ok, out, err) = sutton(&["pipeline", view, "--database", &url, "--by", "product", "--format", "json"]);
        assert!(ok, "{view}: {err}");
        serde_json::from_str::<serde_json::Value>(&out).expect("JSON");
    }
    let (ok, _, err) = sutton(&["pipeline", "coverage", "--database", &url, "--by", "moon"]);
    assert!(!ok && err.contains("not a grouping"), "{err}");

    // Recorded forecasts: one per team and upcoming quarter.
    let (ok, _, err) = sutton(&["pipeline", "forecast", "--record", "--database", &url, "--periods", "2"]);
    assert!(ok && err.contains("recorded") && !err.contains("recorded 0 "), "{err}");
    // The figures document holds the same coverage rows as the coverage view.
    let (ok, out, err) = sutton(&["pipeline", "figures", "--database", &url]);
    assert!(ok, "{err}");
    let figures: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let (_, rows, _) = sutton(&["pipeline", "coverage", "--database", &url, "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&rows).expect("JSON");
    assert_eq!(figures["coverage"].as_array().map(Vec::len), rows.as_array().map(Vec::len));
    assert!(figures["concentration"].as_array().is_some_and(|c| !c.is_empty()));
}
