//! `sutton segments` and `sutton calls` on a small demo stored in SQLite.

use crate::{TempDir, sutton};

#[test]
fn segments_run_override_and_calls_read_the_stored_demo() {
    let dir = TempDir::new("plan");
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--database", &url]);
    assert!(ok, "{err}");

    let (ok, text, err) = sutton(&["segments", "run", "--database", &url, "--cuts", "50,80"]);
    assert!(ok && text.starts_with("Segments by potential as of 2026-11-15"), "{text}{err}");
    assert!(text.contains("stored"), "{text}");

    let (ok, _, err) = sutton(&["segments", "override", "1", "A", "--reason", "strategic logo", "--database", &url]);
    assert!(ok, "{err}");
    let (ok, csv, err) = sutton(&["segments", "run", "--dry-run", "--format", "csv", "--database", &url]);
    assert!(ok, "{err}");
    assert!(
        csv.starts_with("account_id,owner_id,segment,computed,measure,rank,of,cumulative_share,explanation"),
        "{csv}"
    );
    let first = csv.lines().find(|l| l.starts_with("1,")).expect("account 1");
    assert!(first.contains(",A,") && first.contains("strategic logo"), "{first}");

    let (ok, _, err) = sutton(&["segments", "run", "--method", "pareto", "--cuts", "80,50", "--database", &url]);
    assert!(!ok && err.contains("overlap"), "{err}");

    for view in ["compliance", "workload", "queue", "time"] {
        let (ok, out, err) = sutton(&["calls", view, "--database", &url, "--format", "json"]);
        assert!(ok, "{view}: {err}");
        serde_json::from_str::<serde_json::Value>(&out).expect("JSON");
    }
    let (ok, out, err) = sutton(&["calls", "compliance", "--database", &url, "--format", "csv", "--scope", "owner"]);
    assert!(ok && out.starts_with("level,group,accounts,planned,actual,compliance,behind,overdue"), "{out}{err}");

    // The organisation's saved rule applies when no rule option is given; an option replaces
    // its part of the rule only. The override set to A above follows A's new name.
    let app = sutton_app::App::open(&sutton_app::Settings::new(&url)).expect("open");
    let mut rule = sutton_app::SegmentRule::default();
    rule.rule.names = ["Key", "Core", "Tail"].map(|n| sutton_domain::Segment::parse(n).expect("name")).to_vec();
    app.segment_rule_save(&rule, "test").expect("save the rule");
    let (ok, text, err) = sutton(&["segments", "run", "--dry-run", "--database", &url]);
    assert!(ok && text.contains("rule: Key, Core, Tail by potential; Pareto cut-offs at 50 %, 80 %"), "{text}{err}");
    let (ok, csv, err) = sutton(&["segments", "run", "--dry-run", "--format", "csv", "--database", &url]);
    assert!(ok, "{err}");
    let first = csv.lines().find(|l| l.starts_with("1,")).expect("account 1");
    assert!(first.contains(",Key,") && first.contains("strategic logo"), "{first}");
    let (ok, text, err) = sutton(&["segments", "run", "--dry-run", "--method", "percentile", "--database", &url]);
    assert!(
        ok && text.contains("rule: Key, Core, Tail by potential; rank cut-offs at the top 20 %, 50 %"),
        "{text}{err}"
    );
    let (ok, _, err) = sutton(&["segments", "run", "--dry-run", "--measure", "icp_score", "--database", &url]);
    assert!(!ok && err.contains("--icp-profile"), "{err}");
    let (ok, help, _) = sutton(&["segments", "run", "--help"]);
    assert!(ok && help.contains("saved rule"), "{help}");
}
