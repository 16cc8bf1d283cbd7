//! Times decoding the embedded data: `cargo run --example timing` (debug,
//! with the workspace's optimised dependencies) or with `--release`.

use std::time::Instant;

use sutton_geo::{Scope, us_counties, zip_codes};

fn main() {
    for round in 1..=3 {
        let t = Instant::now();
        let all = us_counties(Scope::All);
        let all_time = t.elapsed();
        let t = Instant::now();
        let contiguous = us_counties(Scope::Contiguous);
        let contiguous_time = t.elapsed();
        let t = Instant::now();
        let zips = zip_codes();
        let zips_time = t.elapsed();
        println!(
            "round {round}: us_counties(All) {all_time:.1?} ({} counties, {} edges), \
             us_counties(Contiguous) {contiguous_time:.1?} ({} counties, {} edges), \
             zip_codes() {zips_time:.1?} ({} ZIPs)",
            all.counties.len(),
            all.edges.len(),
            contiguous.counties.len(),
            contiguous.edges.len(),
            zips.len()
        );
    }
}
