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
}
