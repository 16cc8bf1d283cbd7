//! `sutton territories plan` and `sutton territories publish`: territory design on the
//! organisation's own data (the file-based optimiser is `territories optimize`).

use anyhow::Context;
use clap::Args;
use sutton_app::domain::AlignmentId;
use sutton_app::{App, PlanMeasure, PlanRequest};

#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// Name of the scenario.
    #[arg(long, default_value = "Balanced proposal")]
    name: String,
    /// Territories wanted (default: as many as the current alignment has).
    #[arg(long)]
    territories: Option<usize>,
    /// What to balance and within what share: accounts:0.05, potential:0.10 (repeatable).
    #[arg(long = "balance", value_parser = parse_balance, default_value = "accounts:0.05")]
    balance: Vec<(PlanMeasure, f64)>,
    /// At most this share of the counties may change territory (0.2 = 20 %).
    #[arg(long)]
    max_disruption: Option<f64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Measure compactness to each rep's home (kept territories only).
    #[arg(long)]
    homes: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PublishArgs {
    /// The scenario's alignment id, as `territories plan` printed it.
    alignment: i64,
}

fn parse_balance(text: &str) -> Result<(PlanMeasure, f64), String> {
    let (name, tolerance) = text.split_once(':').unwrap_or((text, "0.05"));
    let measure = PlanMeasure::parse(name)
        .ok_or_else(|| format!("cannot balance {name:?}: use accounts, potential or workload"))?;
    let tolerance: f64 =
        tolerance.parse().map_err(|_| format!("tolerance {tolerance:?} is not a number (0.05 = ±5 %)"))?;
    if !(tolerance > 0.0 && tolerance < 1.0) {
        return Err(format!("tolerance {tolerance} must be a share between 0 and 1 (0.05 = ±5 %)"));
    }
    Ok((measure, tolerance))
}

fn actor() -> String {
    format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned()))
}

pub(crate) fn plan(app: &App, args: &PlanArgs) -> anyhow::Result<()> {
    let request = PlanRequest {
        name: args.name.clone(),
        territories: args.territories,
        balance: args.balance.clone(),
        max_disruption: args.max_disruption,
        seed: args.seed,
        homes: args.homes,
    };
    eprintln!("planning territories from the organisation's counties…");
    let o = app.plan_territories(&actor(), &request).context("planning territories")?;
    println!(
        "Stored scenario {} (alignment {}): {} territories from {} counties.",
        args.name,
        o.alignment.get(),
        o.territories,
        o.units
    );
    for (m, before, after) in &o.balance {
        println!(
            "  {:<10} largest deviation from the average: {:>6.1} % now, {:>6.1} % in the plan",
            m.as_str(),
            before * 100.0,
            after * 100.0
        );
    }
    println!(
        "  {:.1} % of counties change territory; mean distance to a territory's centre {:.1} km; {}",
        o.disruption * 100.0,
        o.mean_distance_km,
        if o.all_contiguous { "every territory contiguous" } else { "NOT all contiguous" }
    );
    for v in &o.violations {
        println!("  not met: {v}");
    }
    println!("Publish it with: sutton territories publish {}", o.alignment.get());
    Ok(())
}

pub(crate) fn publish(app: &App, args: &PublishArgs) -> anyhow::Result<()> {
    let o = app.publish_alignment(&actor(), AlignmentId(args.alignment)).context("publishing the alignment")?;
    println!(
        "Alignment {} is now current: {} accounts have a new owner; {} accounts are in territories without exactly one working rep and keep theirs.",
        o.alignment.get(),
        o.accounts_moved,
        o.accounts_unassignable
    );
    Ok(())
}
