//! The demo organisation as stored: deterministic, consistent, and holding every planted story.
//! Each story test reads the data back from the database and finds the story by analysis, the
//! way a sales leader (or a later Sutton feature) would, not from the generator's internals.

mod stories;

use std::path::PathBuf;
use std::sync::OnceLock;

use sutton_demo::{DemoConfig, Scale, default_as_of, generate};
use sutton_domain::Dataset;
use sutton_store::Store;

/// A database file in its own temporary directory, removed afterwards.
#[derive(Debug)]
pub struct TempDb {
    dir: PathBuf,
    pub url: String,
}

impl TempDb {
    pub fn new(name: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!("sutton_demo_{name}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let url = format!("sqlite://{}", dir.join("demo.db").display());
        TempDb { dir, url }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Generates, stores and reads back a company.
pub fn stored(name: &str, seed: u64, scale: Scale) -> Dataset {
    let db = TempDb::new(name);
    let store = Store::open(&db.url).expect("open");
    let data = generate(&DemoConfig { seed, scale, as_of: default_as_of() }, &mut |_| {});
    store.write(|tx| tx.insert_dataset(&data)).expect("the demo is valid and writes");
    store.load().expect("load")
}

/// The default demo, as a user gets it, stored and read back once for all story tests.
pub fn demo() -> &'static Dataset {
    static DEMO: OnceLock<Dataset> = OnceLock::new();
    DEMO.get_or_init(|| stored("default", sutton_demo::DEFAULT_SEED, Scale::Default))
}

fn json(d: &Dataset) -> Vec<u8> {
    serde_json::to_vec(d).expect("serialises")
}

#[test]
fn the_same_seed_gives_the_same_company_byte_for_byte() {
    let a = stored("same_a", 11, Scale::Small);
    let b = stored("same_b", 11, Scale::Small);
    assert!(json(&a) == json(&b), "two runs with seed 11 differ");
}

#[test]
fn another_seed_gives_a_different_company_of_the_same_shape() {
    let a = stored("seed_a", 11, Scale::Small);
    let b = stored("seed_b", 12, Scale::Small);
    assert!(json(&a) != json(&b));
    assert_eq!(a.people.len(), b.people.len());
    assert_eq!(a.teams.len(), b.teams.len());
    assert_eq!(a.accounts.len(), b.accounts.len());
    assert_eq!(a.products.len(), b.products.len());
    for (what, x, y) in [
        ("opportunities", a.opportunities.len(), b.opportunities.len()),
        ("activities", a.activities.len(), b.activities.len()),
        ("contacts", a.contacts.len(), b.contacts.len()),
        ("contracts", a.contracts.len(), b.contracts.len()),
    ] {
        let ratio = x as f64 / y as f64;
        assert!((0.8..1.25).contains(&ratio), "{what}: {x} against {y}");
    }
}

#[test]
fn the_default_demo_has_the_promised_size_and_no_integrity_problems() {
    let d = demo();
    assert!(d.check().is_empty(), "{:?}", &d.check()[..d.check().len().min(5)]);
    assert!((55..=70).contains(&d.people.len()), "about 60 people, got {}", d.people.len());
    assert_eq!(d.accounts.len(), 20_000);
    assert!((250_000..=350_000).contains(&d.activities.len()), "about 300,000 activities, got {}", d.activities.len());
    assert_eq!(d.product_lines.len(), 6);
    assert_eq!(d.geo_units.len(), 3_105, "every contiguous US county");
    // History spans three years up to the as-of date.
    let first = d.opportunities.iter().map(|o| o.created_on).min().expect("opportunities");
    assert!((default_as_of() - first).num_days() >= 3 * 365 - 31);
    assert!(d.opportunities.iter().all(|o| o.created_on <= default_as_of()));
    // Most accounts have several contacts, some only one.
    let mut per_account = std::collections::HashMap::new();
    for c in &d.contacts {
        *per_account.entry(c.account).or_insert(0) += 1;
    }
    let single = per_account.values().filter(|n| **n == 1).count() as f64 / per_account.len() as f64;
    assert!((0.1..0.4).contains(&single), "share of accounts with one contact: {single}");
}

#[test]
fn product_lines_differ_in_price_margin_and_cycle() {
    let d = demo();
    /// Per product line: margins, cycle lengths in days, amounts in cents of won deals.
    #[derive(Default)]
    struct Line {
        margins: Vec<f64>,
        cycles: Vec<i64>,
        amounts: Vec<i64>,
    }
    let mut by_line: std::collections::BTreeMap<String, Line> = Default::default();
    for o in d.opportunities.iter().filter(|o| {
        o.status == sutton_domain::OpportunityStatus::Won && o.kind != sutton_domain::OpportunityType::Renewal
    }) {
        let Some(line) = o.lines.first().and_then(|l| d.products.iter().find(|p| p.id == l.product)).map(|p| p.line)
        else {
            continue;
        };
        let name = d.product_lines.iter().find(|l| l.id == line).map(|l| l.name.clone()).unwrap_or_default();
        let e = by_line.entry(name).or_default();
        e.margins.push(o.margin.map_or(0.0, |m| m.to_f64()));
        e.cycles.push((o.close_date - o.created_on).num_days());
        e.amounts.push(o.amount.minor());
    }
    let median = |v: &mut Vec<i64>| {
        v.sort_unstable();
        v[v.len() / 2]
    };
    let mut cycles: Vec<i64> = Vec::new();
    let mut sizes: Vec<i64> = Vec::new();
    let mut margins: Vec<f64> = Vec::new();
    for line in by_line.values_mut() {
        cycles.push(median(&mut line.cycles));
        sizes.push(median(&mut line.amounts));
        margins.push(line.margins.iter().sum::<f64>() / line.margins.len() as f64);
    }
    assert_eq!(cycles.len(), 6, "every line sells");
    let spread = |v: &[i64]| *v.iter().max().unwrap_or(&0) as f64 / (*v.iter().min().unwrap_or(&1)).max(1) as f64;
    assert!(spread(&cycles) > 3.0, "cycle lengths differ by line: {cycles:?}");
    assert!(spread(&sizes) > 10.0, "deal sizes differ by line: {sizes:?}");
    let (lo, hi) = margins.iter().fold((f64::MAX, f64::MIN), |(l, h), m| (l.min(*m), h.max(*m)));
    assert!(hi - lo > 0.25, "margins differ by line: {margins:?}");
}
