//! Prints the size of a generated company and how long it took: `cargo run --release -p
//! sutton-demo --example shape -- default 2026`.

use std::time::Instant;

use sutton_demo::{DemoConfig, Scale, default_as_of, generate};

fn main() {
    let mut args = std::env::args().skip(1);
    let scale = args.next().and_then(|s| Scale::parse(&s)).unwrap_or(Scale::Default);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(sutton_demo::DEFAULT_SEED);
    let started = Instant::now();
    let d = generate(&DemoConfig { seed, scale, as_of: default_as_of() }, &mut |stage| {
        eprintln!("{:>7.2} s  {stage}", started.elapsed().as_secs_f64());
    });
    println!("generated in {:.2} s", started.elapsed().as_secs_f64());
    for (label, n) in [
        ("people", d.people.len()),
        ("accounts", d.accounts.len()),
        ("contacts", d.contacts.len()),
        ("leads", d.leads.len()),
        ("opportunities", d.opportunities.len()),
        ("opportunity changes", d.opportunity_changes.len()),
        ("activities", d.activities.len()),
        ("contracts", d.contracts.len()),
        ("proposals", d.proposals.len()),
        ("quotas", d.quotas.len()),
        ("reference uses", d.reference_uses.len()),
        ("trainings", d.trainings.len()),
    ] {
        println!("{label:<22}{n:>12}");
    }
    let problems = d.check();
    println!("integrity problems: {}", problems.len());
    for p in problems.iter().take(10) {
        println!("  {p}");
    }
}
