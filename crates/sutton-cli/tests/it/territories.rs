//! `sutton territories optimize` on small hand-written files.

use super::{TempDir, sutton};

/// A 4 × 3 grid of units 10 km apart with a workload column; edges join grid neighbours.
fn grid_files(dir: &TempDir) -> (String, String) {
    let mut units = String::from("id,x_km,y_km,workload,accounts\n");
    let mut edges = String::from("u,v\n");
    for y in 0..3 {
        for x in 0..4 {
            let id = format!("u{}", y * 4 + x);
            units.push_str(&format!("{id},{},{},{},1\n", x * 10, y * 10, 1 + (x + y) % 3));
            if x + 1 < 4 {
                edges.push_str(&format!("{id},u{}\n", y * 4 + x + 1));
            }
            if y + 1 < 3 {
                edges.push_str(&format!("{id},u{}\n", (y + 1) * 4 + x));
            }
        }
    }
    let (u, e) = (dir.0.join("units.csv"), dir.0.join("edges.csv"));
    std::fs::write(&u, units).expect("units");
    std::fs::write(&e, edges).expect("edges");
    (u.display().to_string(), e.display().to_string())
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn optimize_writes_an_assignment_and_metrics() {
    let dir = TempDir::new("territories_ok");
    let (units, edges) = grid_files(&dir);
    let out = dir.0.join("assignment.csv");
    let metrics = dir.0.join("metrics.json");
    let (ok, stdout, stderr) = sutton(&[
        "territories",
        "optimize",
        "--units",
        &units,
        "--edges",
        &edges,
        "--territories",
        "3",
        "--balance",
        "workload:0.1",
        "--balance",
        "accounts:0.25",
        "--seed",
        "7",
        "--out",
        out.to_str().expect("path"),
        "--metrics",
        metrics.to_str().expect("path"),
    ]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stderr.contains("start"), "progress goes to stderr: {stderr}");
    assert!(stdout.contains("contiguous: all territories"), "{stdout}");
    let assignment = read(&out);
    let mut lines = assignment.lines();
    assert_eq!(lines.next(), Some("id,territory"));
    let rows: Vec<(String, String)> = lines
        .map(|l| {
            let (id, t) = l.split_once(',').expect("two fields");
            (id.to_owned(), t.to_owned())
        })
        .collect();
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[0].0, "u0");
    let mut territories: Vec<&str> = rows.iter().map(|(_, t)| t.as_str()).collect();
    territories.sort_unstable();
    territories.dedup();
    assert_eq!(territories, ["0", "1", "2"]);
    let json: serde_json::Value = serde_json::from_str(&read(&metrics)).expect("JSON");
    assert_eq!(json["contiguous"], true);
    assert_eq!(json["balance"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["per_territory"].as_array().map(Vec::len), Some(3));
    assert!(json["cut_edges"].as_u64().is_some());
}

#[test]
fn lon_lat_units_without_edges_get_derived_adjacency_and_homes_name_territories() {
    let dir = TempDir::new("territories_lonlat");
    let units = dir.0.join("units.csv");
    let mut text = String::from("id,lon,lat,workload\n");
    for i in 0..20 {
        text.push_str(&format!(
            "z{i},{},{},{}\n",
            -100.0 + f64::from(i % 5) * 0.3,
            40.0 + f64::from(i / 5) * 0.3,
            1 + i % 4
        ));
    }
    std::fs::write(&units, text).expect("units");
    let homes = dir.0.join("homes.csv");
    std::fs::write(&homes, "territory,lon,lat\nwest,-99.9,40.4\neast,-98.9,40.4\n").expect("homes");
    let out = dir.0.join("out.csv");
    let (ok, stdout, stderr) = sutton(&[
        "territories",
        "optimize",
        "--units",
        units.to_str().expect("path"),
        "--territories",
        "2",
        "--balance",
        "workload:0.2",
        "--homes",
        homes.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("derived from the locations"), "{stdout}");
    assert!(stdout.contains("distance to home"), "{stdout}");
    let assignment = read(&out);
    assert!(assignment.lines().any(|l| l == "z0,west"), "{assignment}");
    assert!(assignment.lines().any(|l| l == "z4,east"), "{assignment}");
}

#[test]
fn locked_and_current_units_stay_and_disruption_is_reported() {
    let dir = TempDir::new("territories_locked");
    let (units, edges) = grid_files(&dir);
    let current = dir.0.join("current.csv");
    let mut text = String::from("id,territory\n");
    for i in 0..12 {
        text.push_str(&format!("u{i},{}\n", if i % 4 < 2 { "A" } else { "B" }));
    }
    std::fs::write(&current, text).expect("current");
    let locked = dir.0.join("locked.csv");
    std::fs::write(&locked, "id\nu0\nu3\n").expect("locked");
    let out = dir.0.join("out.csv");
    let metrics = dir.0.join("m.json");
    let (ok, stdout, stderr) = sutton(&[
        "territories",
        "optimize",
        "--units",
        &units,
        "--edges",
        &edges,
        "--territories",
        "2",
        "--balance",
        "workload:0.05",
        "--current",
        current.to_str().expect("path"),
        "--max-disruption",
        "0.25",
        "--locked",
        locked.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
        "--metrics",
        metrics.to_str().expect("path"),
    ]);
    assert!(ok, "{stdout}\n{stderr}");
    let assignment = read(&out);
    assert!(assignment.lines().any(|l| l == "u0,A"), "{assignment}");
    assert!(assignment.lines().any(|l| l == "u3,B"), "{assignment}");
    let json: serde_json::Value = serde_json::from_str(&read(&metrics)).expect("JSON");
    let share = json["disruption"]["unit_share"].as_f64().expect("disruption reported");
    assert!(share <= 0.25 + 1e-9, "{share}");
}

#[test]
fn an_infeasible_tolerance_is_reported_with_the_figure() {
    let dir = TempDir::new("territories_infeasible");
    let units = dir.0.join("units.csv");
    std::fs::write(&units, "id,x_km,y_km,w\na,0,0,10\nb,1,0,1\nc,2,0,1\nd,3,0,1\n").expect("units");
    let out = dir.0.join("out.csv");
    let (ok, stdout, stderr) = sutton(&[
        "territories",
        "optimize",
        "--units",
        units.to_str().expect("path"),
        "--territories",
        "2",
        "--balance",
        "w:0.02",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stderr.contains("infeasible: unit 0 alone has w 10"), "{stderr}");
    assert!(stderr.contains("cannot hold"), "{stderr}");
    assert!(read(&out).lines().count() == 5);
}

#[test]
fn bad_input_names_the_file_line_and_field() {
    let dir = TempDir::new("territories_bad");
    let (units, edges) = grid_files(&dir);
    let out = dir.0.join("out.csv");
    let args = |units: &str, edges: &str, balance: &str| {
        sutton(&[
            "territories",
            "optimize",
            "--units",
            units,
            "--edges",
            edges,
            "--territories",
            "2",
            "--balance",
            balance,
            "--out",
            out.to_str().expect("path"),
        ])
    };
    let (ok, _, stderr) = args(&units, &edges, "potential:0.02");
    assert!(!ok);
    assert!(stderr.contains("units.csv has no column \"potential\""), "{stderr}");

    let broken = dir.0.join("broken.csv");
    std::fs::write(&broken, "id,x_km,y_km,workload\na,0,0,1\nb,1,0,lots\n").expect("write");
    let (ok, _, stderr) = args(broken.to_str().expect("path"), &edges, "workload");
    assert!(!ok);
    assert!(stderr.contains("broken.csv line 3, field workload: \"lots\" is not a number"), "{stderr}");

    let bad_edges = dir.0.join("bad_edges.csv");
    std::fs::write(&bad_edges, "u,v\nu0,u1\nu1,nowhere\n").expect("write");
    let (ok, _, stderr) = args(&units, bad_edges.to_str().expect("path"), "workload");
    assert!(!ok);
    assert!(stderr.contains("bad_edges.csv line 3, field v: no unit \"nowhere\""), "{stderr}");

    let (ok, _, stderr) = args(&units, &edges, "workload:2");
    assert!(!ok);
    assert!(stderr.contains("tolerance must be a share"), "{stderr}");
}

#[test]
fn planning_and_publishing_on_the_demo_moves_owners_and_is_audited() {
    let dir = TempDir::new("territory_plan");
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--database", &url]);
    assert!(ok, "{err}");
    let (ok, out, err) = sutton(&["territories", "plan", "--balance", "accounts:0.10", "--database", &url]);
    assert!(ok, "{err}");
    assert!(out.contains("Stored scenario Balanced proposal (alignment 2)"), "{out}");
    assert!(out.contains("largest deviation from the average"), "{out}");
    let app = sutton_app::App::open(&sutton_app::Settings::new(&url)).expect("open");
    let owners_before: Vec<_> = app.snapshot().expect("data").accounts.iter().map(|a| a.owner).collect();
    let (ok, out, err) = sutton(&["territories", "publish", "2", "--database", &url]);
    assert!(ok, "{err}");
    assert!(out.contains("Alignment 2 is now current"), "{out}");
    let data = app.snapshot().expect("data");
    let moved = data.accounts.iter().zip(&owners_before).filter(|(a, before)| a.owner != **before).count();
    assert!(moved > 0, "owners follow the new map");
    assert!(out.contains(&format!("{moved} accounts have a new owner")), "{out}");
    let statuses: Vec<_> = data.alignments.iter().map(|a| (a.id.get(), a.status.as_str())).collect();
    assert_eq!(statuses, vec![(1, "archived"), (2, "current")]);
    let log = app.store().audit_log(10).expect("audit");
    assert!(log.iter().any(|e| e.action == "plan territories" && e.entity_id.as_deref() == Some("2")));
    let published = log.iter().find(|e| e.action == "publish territories").expect("audited");
    assert!(published.detail.contains(&format!("{moved} accounts change owner")), "{}", published.detail);
    // Publishing it again is refused; an unknown alignment is not found.
    let (ok, _, err) = sutton(&["territories", "publish", "2", "--database", &url]);
    assert!(!ok && err.contains("already the current one"), "{err}");
    let (ok, _, err) = sutton(&["territories", "publish", "99", "--database", &url]);
    assert!(!ok && err.contains("no alignment 99"), "{err}");
}
