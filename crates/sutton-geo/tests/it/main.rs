//! Integration tests of sutton-geo against the shared territory benchmark
//! and known facts.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use sutton_geo::topojson::Topology;
use sutton_geo::{
    Albers, CountyGraph, STATES, Scope, epsg5070_km_to_lonlat, lonlat_to_epsg5070_km, state_by_fips, us_counties,
    zip_codes,
};

/// The project's shared folder: `SUTTON_SHARED_DIR`, or `shared/` beside
/// the workspace root (the repository checkout).
fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SUTTON_SHARED_DIR") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Rows of a benchmark CSV as maps from column name to field. The
/// benchmark files are plain: no quotes and no commas inside fields, which
/// the field count check enforces.
fn read_csv(name: &str) -> Vec<HashMap<String, String>> {
    let path = shared_dir().join("bench/territory").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {} ({e}); set SUTTON_SHARED_DIR to the shared folder", path.display()));
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().expect("CSV has a header").split(',').map(String::from).collect();
    lines
        .map(|line| {
            assert!(!line.contains('"'), "unexpected quoting in {name}: {line}");
            let fields: Vec<&str> = line.split(',').collect();
            assert_eq!(fields.len(), header.len(), "{name}: {line}");
            header.iter().cloned().zip(fields.into_iter().map(String::from)).collect()
        })
        .collect()
}

fn num(row: &HashMap<String, String>, col: &str) -> f64 {
    row[col].parse().unwrap_or_else(|_| panic!("{col} = {:?} is a number", row[col]))
}

fn contiguous() -> CountyGraph {
    let t = Instant::now();
    let g = us_counties(Scope::Contiguous);
    eprintln!("us_counties(Contiguous) took {:?}", t.elapsed());
    g
}

#[test]
fn contiguous_scope_matches_the_benchmark() {
    let units = read_csv("counties-units.csv");
    let edges = read_csv("counties-edges.csv");
    let graph = contiguous();
    assert_eq!(units.len(), 3105);
    assert_eq!(edges.len(), 8708);

    // Same counties: bench ids are row numbers in FIPS order, as ours are.
    let ours: Vec<&str> = graph.counties.iter().map(|c| c.fips.as_str()).collect();
    let theirs: Vec<&str> = units.iter().map(|u| u["fips"].as_str()).collect();
    assert_eq!(ours, theirs);
    for (i, u) in units.iter().enumerate() {
        assert_eq!(u["id"], i.to_string());
        let c = &graph.counties[i];
        assert_eq!(c.name, u["name"], "{}", c.fips);
        assert_eq!(c.state_fips, u["state"], "{}", c.fips);
    }

    // Same edges with the same shared-arc counts, mapped through FIPS.
    let bench_edges: BTreeMap<(&str, &str), u32> = edges
        .iter()
        .map(|e| {
            let u: usize = e["u"].parse().unwrap();
            let v: usize = e["v"].parse().unwrap();
            let (a, b) = (units[u]["fips"].as_str(), units[v]["fips"].as_str());
            ((a.min(b), a.max(b)), e["shared_arcs"].parse().unwrap())
        })
        .collect();
    let our_edges: BTreeMap<(&str, &str), u32> = graph
        .edges
        .iter()
        .map(|&(u, v, n)| {
            assert!(u < v);
            let (a, b) = (ours[u as usize], ours[v as usize]);
            ((a.min(b), a.max(b)), n)
        })
        .collect();
    assert_eq!(our_edges.len(), graph.edges.len(), "no duplicate edges");
    assert_eq!(our_edges, bench_edges);
    assert!(graph.is_connected());

    // Points and areas.
    let (mut max_d, mut max_d_at) = (0.0f64, "");
    let (mut max_a, mut max_a_at) = (0.0f64, "");
    let mut max_deg = 0.0f64;
    for (u, c) in units.iter().zip(&graph.counties) {
        let d = (c.x_km - num(u, "x_km")).hypot(c.y_km - num(u, "y_km"));
        if d > max_d {
            (max_d, max_d_at) = (d, &c.fips);
        }
        let a = (c.area_km2 / num(u, "area_km2") - 1.0).abs();
        if a > max_a {
            (max_a, max_a_at) = (a, &c.fips);
        }
        max_deg = max_deg.max((c.lon - num(u, "lon")).abs()).max((c.lat - num(u, "lat")).abs());
    }
    eprintln!(
        "max point deviation {max_d:.6} km ({max_d_at}), max relative area deviation \
         {max_a:.2e} ({max_a_at}), max lon/lat deviation {max_deg:.2e}°"
    );
    // The CSV has 5 decimals (1 m); 10 m leaves room for rounding only.
    assert!(max_d < 0.01, "point off by {max_d} km at {max_d_at}");
    assert!(max_a < 1e-5, "area off by {max_a} at {max_a_at}");
    assert!(max_deg < 1e-4);
}

#[test]
fn all_scope_covers_every_county_in_the_data() {
    let all = us_counties(Scope::All);
    let contiguous = contiguous();
    assert_eq!(all.counties.len(), 3231);
    assert!(all.counties.windows(2).all(|w| w[0].fips < w[1].fips));
    for c in &all.counties {
        assert_eq!(c.fips.len(), 5);
        assert!(c.fips.starts_with(&c.state_fips));
        let st = state_by_fips(&c.state_fips).unwrap();
        assert_eq!(c.state, st.abbr);
        assert!(c.x_km.is_finite() && c.y_km.is_finite() && c.lon.is_finite());
        // The albers map has the 50 states and DC but no territory.
        assert_eq!(c.outline.is_empty(), st.kind == sutton_geo::StateKind::Territory, "{} outline", c.fips);
        // The lower 48 fill the map; only the Aleutians stick out of it.
        if st.is_contiguous() {
            for &[x, y] in c.outline.iter().flatten() {
                assert!((0.0..=975.0).contains(&x) && (0.0..=610.0).contains(&y));
            }
        }
    }
    // Falls Church has no area at this resolution, but has a point on its
    // collapsed outline between its two neighbours.
    let falls_church = &all.counties[all.index_of("51610").unwrap()];
    assert_eq!(falls_church.area_km2, 0.0);
    let arlington = &all.counties[all.index_of("51013").unwrap()];
    let d = (falls_church.x_km - arlington.x_km).hypot(falls_church.y_km - arlington.y_km);
    assert!(d < 15.0, "{d}");
    // Every contiguous county is in All with the same data, and All's
    // edges restricted to them are the contiguous edges.
    let mut restricted = BTreeSet::new();
    for &(u, v, n) in &all.edges {
        let (a, b) = (&all.counties[u as usize], &all.counties[v as usize]);
        if let (Some(i), Some(j)) = (contiguous.index_of(&a.fips), contiguous.index_of(&b.fips)) {
            restricted.insert((i as u32, j as u32, n));
        }
    }
    assert_eq!(restricted, contiguous.edges.iter().copied().collect::<BTreeSet<_>>());
    for c in &contiguous.counties {
        assert_eq!(&all.counties[all.index_of(&c.fips).unwrap()], c);
    }
    // Alaska's 29 boroughs and census areas of 2017 are all there, and
    // its mainland ones border each other. Hawaii's counties are islands
    // but for Kalawao, which shares Molokai with Maui County.
    let count = |st: &str| all.counties.iter().filter(|c| c.state == st).count();
    assert_eq!(count("AK"), 29);
    assert_eq!(count("HI"), 5);
    let adj = all.adjacency();
    assert!(!adj[all.index_of("02020").unwrap()].is_empty());
    let hawaii_edges: Vec<(&str, &str)> = all
        .edges
        .iter()
        .map(|&(u, v, _)| {
            let (a, b) = (&all.counties[u as usize], &all.counties[v as usize]);
            (a.fips.as_str(), b.fips.as_str())
        })
        .filter(|(a, _)| a.starts_with("15"))
        .collect();
    assert_eq!(hawaii_edges, [("15005", "15009")]);
    // Cartographic boundaries follow the coast but keep inland water, so
    // the total lies between the Census land area of the 50 states and DC
    // (9.15 million km²) and their total area with water (9.83 million).
    let covered: f64 = all
        .counties
        .iter()
        .filter(|c| state_by_fips(&c.state_fips).unwrap().kind != sutton_geo::StateKind::Territory)
        .map(|c| c.area_km2)
        .sum();
    eprintln!("area of the 50 states and DC: {covered:.0} km²");
    assert!((9.15e6..9.83e6).contains(&covered), "{covered}");
}

#[test]
fn county_points_lie_inside_and_centroids_are_area_weighted() {
    let g = contiguous();
    // Ford County, Illinois is an L: its centroid is in the southern block,
    // its interior point in the northern strip, 23 km apart.
    let ford = &g.counties[g.index_of("17053").unwrap()];
    assert_eq!(ford.name, "Ford");
    let d = (ford.x_km - ford.centroid_x_km).hypot(ford.y_km - ford.centroid_y_km);
    assert!((20.0..26.0).contains(&d), "{d}");
    // Kansas' rectangles (in longitude and latitude; near-trapezoids once
    // projected): both definitions agree to metres.
    let graham = &g.counties[g.index_of("20065").unwrap()];
    let d = (graham.x_km - graham.centroid_x_km).hypot(graham.y_km - graham.centroid_y_km);
    assert!(d < 0.05, "{d}");
    // Los Angeles County: ~10,500 km² of land in the Census figures
    // (4,058 sq mi); the simplified outline is within a few per cent.
    let la = &g.counties[g.index_of("06037").unwrap()];
    assert!((la.area_km2 / 10_510.0 - 1.0).abs() < 0.05, "{}", la.area_km2);
    assert!((la.lon + 118.2).abs() < 0.6 && (la.lat - 34.3).abs() < 0.5);
}

#[test]
fn state_table_agrees_with_the_data() {
    let topo = Topology::parse(include_str!("../../../../data/us-atlas/counties-10m.json")).unwrap();
    let states = topo.object("states").unwrap();
    assert_eq!(states.len(), STATES.len());
    for g in states {
        let id = g.id.as_deref().unwrap();
        assert_eq!(state_by_fips(id).unwrap().name, g.name().unwrap());
    }
    let albers = Topology::parse(include_str!("../../../../data/us-atlas/counties-albers-10m.json")).unwrap();
    assert_eq!(albers.object("counties").unwrap().len(), 3142);
}

#[test]
fn projection_known_points_and_round_trip() {
    // Autauga County's point from the benchmark, given to 5 decimals
    // (about 1 m) in both systems.
    let [x, y] = lonlat_to_epsg5070_km(-86.64695, 32.47459);
    assert!((x - 872.96616).abs() < 0.002 && (y - 1087.67431).abs() < 0.002);
    let [lon, lat] = epsg5070_km_to_lonlat(x, y);
    assert!((lon + 86.64695).abs() < 1e-9 && (lat - 32.47459).abs() < 1e-9);

    // Round trip over a grid covering all 50 states and the territories.
    let p = Albers::epsg5070();
    let mut worst = 0.0f64;
    let mut lat = -15.0;
    while lat <= 72.0 {
        let mut lon = -179.5;
        while lon <= 179.5 {
            let [x, y] = p.forward(lon, lat);
            let [lon2, lat2] = p.inverse(x, y);
            let mut dlon = (lon2 - lon).abs();
            dlon = dlon.min(360.0 - dlon);
            worst = worst.max(dlon).max((lat2 - lat).abs());
            lon += 2.5;
        }
        lat += 1.5;
    }
    assert!(worst < 1e-9, "round trip off by {worst}°");
}

#[test]
fn zip_codes_join_to_counties() {
    let t = Instant::now();
    let zips = zip_codes();
    eprintln!("zip_codes() took {:?}", t.elapsed());
    let report = zips.join_report();
    eprintln!(
        "ZIP join: {} of {} ({:.3} %), {} via aliases, unjoined {:?}",
        report.joined,
        report.total,
        100.0 * report.rate(),
        report.via_alias,
        report.unjoined
    );
    assert_eq!(zips.len(), 42_049);
    assert_eq!(report.total, zips.len());
    assert!(report.rate() >= 0.99, "join rate {}", report.rate());
    assert_eq!(report.joined, zips.iter().filter(|z| z.county_fips.is_some()).count());

    let county = |zip: &str| zips.get(zip).and_then(|z| z.county_fips.as_deref());
    assert_eq!(county("10001"), Some("36061")); // New York, NY
    assert_eq!(county("90210"), Some("06037")); // Beverly Hills, CA
    assert_eq!(county("60601"), Some("17031")); // Chicago, IL
    assert_eq!(county("88001"), Some("35013")); // Las Cruces, Doña Ana County
    assert_eq!(county("23219"), Some("51760")); // Richmond city, VA
    assert_eq!(county("22572"), Some("51159")); // Warsaw, Richmond County, VA
    assert_eq!(county("63101"), Some("29510")); // St. Louis city
    assert_eq!(county("21201"), Some("24510")); // Baltimore city
    assert_eq!(county("70112"), Some("22071")); // New Orleans, Orleans Parish
    assert_eq!(county("99501"), Some("02020")); // Anchorage
    assert_eq!(county("60187"), Some("17043")); // Wheaton, DuPage County
    let ny = zips.get("10001").unwrap();
    assert_eq!((ny.state.as_str(), ny.city.as_str()), ("NY", "New York"));
    assert_eq!(zips.get("10001-1234"), Some(ny));
    assert_eq!(zips.get("1000"), None);
    assert_eq!(zips.get("00000"), None);
    let [x, y] = ny.xy_km();
    assert!((x - 1830.0).abs() < 30.0 && (y - 2190.0).abs() < 30.0, "{x} {y}");

    // Every joined ZIP is in the right part of the country: its point lies
    // near its county's point (within the county's size plus slack for
    // simplification and for ZIP centres placed at post offices). The
    // source has misplaced points outside the lower 48 — most Honolulu
    // ZIPs sit at 24.86°N 168.02°W, 1,100 km out at sea — so the check is
    // strict only for the contiguous states.
    let all = us_counties(Scope::All);
    let mut far = Vec::new();
    for z in &zips {
        let Some(fips) = &z.county_fips else { continue };
        let c = &all.counties[all.index_of(fips).expect("joined FIPS exists")];
        assert_eq!(z.state, c.state, "{}", z.zip);
        let [x, y] = z.xy_km();
        let d = (x - c.x_km).hypot(y - c.y_km);
        if d > 30.0 + 2.0 * c.area_km2.sqrt() {
            far.push((z.zip.clone(), fips.clone(), d.round()));
        }
    }
    eprintln!("ZIPs far from their county: {} {:?}", far.len(), &far[..far.len().min(10)]);
    let contiguous_far: Vec<_> =
        far.iter().filter(|(_, fips, _)| state_by_fips(&fips[..2]).unwrap().is_contiguous()).collect();
    assert!(contiguous_far.is_empty(), "{contiguous_far:?}");
    assert!(far.len() < 100, "{far:?}");
}
