//! `sutton whiplash` and `sutton pipeline …`: the pipeline and whiplash engines for scripts and
//! for checking, as text tables, JSON or CSV.

use crate::output::{Table, percent, print_json};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use sutton_app::domain::{Money, Rate};
use sutton_app::insight::{Dimension, WhiplashReport};
use sutton_app::{App, PipelineQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct WhiplashArgs {
    /// Read the data as it stood on this date (default: today, or the demo's own date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// Upcoming quarters to look ahead, the current one first.
    #[arg(long, default_value_t = 4)]
    periods: u32,
    /// text or json.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Debug, Args)]
pub struct PipelineArgs {
    #[command(subcommand)]
    view: PipelineView,
    /// Read the data as it stood on this date (default: today, or the demo's own date).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// team, rep or product (also source, and segment for conversion).
    #[arg(long, global = true, default_value = "team", value_parser = parse_dimension)]
    by: Dimension,
    /// text, json or csv.
    #[arg(long, global = true, value_enum, default_value = "text")]
    format: Format,
    /// Upcoming quarters, the current one first.
    #[arg(long, global = true, default_value_t = 4)]
    periods: u32,
}

#[derive(Debug, Subcommand)]
enum PipelineView {
    /// Coverage of remaining quota per quarter, against the coverage history says is needed.
    Coverage,
    /// Where the pipeline of each upcoming quarter went since a date.
    Movement {
        /// Start date (default: 30 days before the as-of date).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
        from: Option<NaiveDate>,
    },
    /// Win rates, deal size, cycle length, stage conversion and proposals.
    Conversion {
        /// Deals closed in this many days up to the as-of date.
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
    /// Coverage and conversion by team and the whiplash figures (concentration among them) as
    /// one JSON document from one read of the database, for checking against other tools.
    Figures {
        /// Conversion over deals closed in this many days up to the as-of date.
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
    /// Weighted and category forecasts per quarter, with past accuracy.
    Forecast {
        /// Also store each team's forecast for the upcoming quarters, so it can be held against
        /// what is won once the quarter is over (the forecast page shows the record).
        #[arg(long)]
        record: bool,
    },
}

fn parse_dimension(text: &str) -> Result<Dimension, String> {
    Dimension::parse(text)
        .filter(|d| {
            matches!(d, Dimension::Team | Dimension::Rep | Dimension::Product | Dimension::Source | Dimension::Segment)
        })
        .ok_or_else(|| format!("{text:?} is not a grouping: use team, rep, product, source or segment"))
}

pub fn whiplash(app: &App, args: &WhiplashArgs) -> anyhow::Result<()> {
    let report = app.whiplash(args.as_of, args.periods)?;
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&whiplash_json(&report))?),
        Format::Text | Format::Csv => print_whiplash(&report),
    }
    Ok(())
}

/// The JSON shape scripts rely on: per team `risk` and ranked `causes` with `kind`, `period`,
/// `value`, `threshold` and `explanation`.
fn whiplash_json(report: &WhiplashReport) -> serde_json::Value {
    let team = |t: &sutton_app::insight::TeamRisk| {
        serde_json::json!({
            "team": t.team.name,
            "team_id": t.team.id,
            "risk": t.risk,
            "causes": t.causes,
            "checks": t.checks,
            "bookings": t.bookings.iter().map(|(p, m)| serde_json::json!({"period": p, "amount": m})).collect::<Vec<_>>(),
            "outlook": t.outlook,
        })
    };
    serde_json::json!({
        "as_of": report.as_of,
        "periods": report.periods,
        "teams": report.teams.iter().map(team).collect::<Vec<_>>(),
        "company": team(&report.company),
        "alerts": report.alerts,
    })
}

fn print_whiplash(report: &WhiplashReport) {
    let periods: Vec<String> = report.periods.iter().map(ToString::to_string).collect();
    println!("Sales whiplash as of {} (looking at {})", report.as_of, periods.join(", "));
    let mut teams: Vec<&sutton_app::insight::TeamRisk> = report.teams.iter().collect();
    teams.sort_by(|a, b| b.risk.cmp(&a.risk).then(a.team.name.cmp(&b.team.name)));
    for t in teams.into_iter().chain(std::iter::once(&report.company)) {
        println!();
        println!("{}: risk {}/100", t.team.name, t.risk);
        if t.causes.is_empty() {
            println!("  no cause beyond its threshold");
        }
        for c in &t.causes {
            let period = c.period.map(|p| format!(" {p}")).unwrap_or_default();
            println!(
                "  {:>5.1} pts  {}{period} (value {}, threshold {}): {}",
                c.contribution,
                c.kind.as_str(),
                c.value,
                c.threshold,
                c.explanation
            );
        }
    }
    if !report.alerts.is_empty() {
        println!();
        println!("Alerts:");
        for a in &report.alerts {
            println!("  [{:.2}] {}", a.severity, a.message);
        }
    }
}

pub fn pipeline(app: &App, args: &PipelineArgs) -> anyhow::Result<()> {
    let mut query = PipelineQuery { as_of: args.as_of, periods: args.periods, by: args.by, ..PipelineQuery::default() };
    let table = match &args.view {
        PipelineView::Coverage => {
            let rows = app.pipeline_coverage(&query)?;
            if args.format == Format::Json {
                return print_json(&rows);
            }
            let mut t = Table::new(&[
                "period",
                "group",
                "quota",
                "booked",
                "remaining",
                "pipeline",
                "deals",
                "coverage",
                "required",
                "from",
                "gap",
            ]);
            for r in &rows {
                t.row(vec![
                    r.period.to_string(),
                    r.group.name.clone(),
                    opt_money(r.quota),
                    money(r.booked),
                    opt_money(r.remaining),
                    money(r.pipeline),
                    r.deals.to_string(),
                    multiple(r.coverage),
                    multiple(r.required),
                    r.required_from.clone().unwrap_or_default(),
                    opt_money(r.gap),
                ]);
            }
            t
        }
        PipelineView::Movement { from } => {
            query.from = *from;
            let rows = app.pipeline_movement(&query)?;
            if args.format == Format::Json {
                return print_json(&rows);
            }
            let mut t = Table::new(&[
                "closing from",
                "group",
                "start",
                "new",
                "pulled in",
                "pushed out",
                "grown",
                "shrunk",
                "won",
                "lost",
                "end",
            ]);
            for m in &rows {
                t.row(vec![
                    m.window_start.to_string(),
                    m.group.name.clone(),
                    money(m.start),
                    money(m.new),
                    money(m.pulled_in),
                    money(m.pushed_out),
                    money(m.grown),
                    money(m.shrunk),
                    money(m.won),
                    money(m.lost),
                    money(m.end),
                ]);
            }
            if let Some(m) = rows.first() {
                eprintln!(
                    "Movement from {} to {}; end = start + new + pulled in + grown − pushed out − shrunk − won − lost.",
                    m.from, m.to
                );
            }
            t
        }
        PipelineView::Conversion { days } => {
            query.days = *days;
            let rows = app.pipeline_conversion(&query)?;
            if args.format == Format::Json {
                return print_json(&rows);
            }
            let mut t = Table::new(&[
                "group",
                "won",
                "lost",
                "win rate",
                "value win rate",
                "average won",
                "cycle days",
                "stage conversion",
                "proposals",
                "proposal win rate",
            ]);
            for r in &rows {
                let stages: Vec<String> =
                    r.stages.iter().map(|s| format!("{} {}", s.stage, percent(s.conversion))).collect();
                t.row(vec![
                    r.group.name.clone(),
                    r.won.to_string(),
                    r.lost.to_string(),
                    percent(r.win_rate),
                    percent(r.value_win_rate),
                    opt_money(r.average_won),
                    r.mean_cycle_days.map(|d| format!("{d:.0}")).unwrap_or_default(),
                    stages.join("; "),
                    r.proposals.to_string(),
                    percent(r.proposal_win_rate),
                ]);
            }
            t
        }
        PipelineView::Figures { days } => {
            let f = app.pipeline_figures(&PipelineQuery { days: *days, ..query })?;
            let calendar = app.store().organisation()?.calendar;
            let coverage: Vec<serde_json::Value> = f
                .coverage
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "team_id": r.group.id,
                        "period": r.period,
                        "period_start": calendar.start(r.period),
                        "pipeline_minor": r.pipeline.minor(),
                        "booked_minor": r.booked.minor(),
                        "deals": r.deals,
                    })
                })
                .collect();
            let conversion: Vec<serde_json::Value> = f
                .conversion
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "team_id": r.group.id, "won": r.won, "lost": r.lost, "won_minor": r.won_amount.minor(),
                    })
                })
                .collect();
            let concentration: Vec<serde_json::Value> = f
                .whiplash
                .teams
                .iter()
                .filter_map(|t| {
                    let c = t.checks.iter().find(|c| c.kind == sutton_app::insight::CauseKind::Concentration)?;
                    Some(serde_json::json!({"team_id": t.team.id, "top3_share": c.value, "risk": t.risk}))
                })
                .collect();
            return print_json(&serde_json::json!({
                "as_of": f.as_of,
                "coverage": coverage,
                "conversion": conversion,
                "concentration": concentration,
            }));
        }
        PipelineView::Forecast { record } => {
            if *record {
                let stored = app.record_forecasts("cli", args.as_of, args.periods)?;
                eprintln!("recorded {} team forecasts", stored.len());
            }
            let forecast = app.pipeline_forecast(&query)?;
            if args.format == Format::Json {
                return print_json(&forecast);
            }
            let mut t = Table::new(&[
                "period",
                "group",
                "quota",
                "won",
                "commit",
                "best case",
                "pipeline",
                "weighted",
                "commit forecast",
                "weighted forecast",
            ]);
            for r in &forecast.rows {
                t.row(vec![
                    r.period.to_string(),
                    r.group.name.clone(),
                    opt_money(r.quota),
                    money(r.won),
                    money(r.commit),
                    money(r.best_case),
                    money(r.pipeline),
                    money(r.weighted),
                    money(r.commit_forecast),
                    money(r.weighted_forecast),
                ]);
            }
            if args.format == Format::Text {
                t.print_text();
                println!();
                println!("Past forecasts at the same point of the quarter against what was won:");
                let mut a = Table::new(&[
                    "period",
                    "group",
                    "as of",
                    "commit forecast",
                    "weighted forecast",
                    "actual",
                    "commit ÷ actual",
                    "weighted ÷ actual",
                ]);
                for r in &forecast.accuracy {
                    a.row(vec![
                        r.period.to_string(),
                        r.group.name.clone(),
                        r.as_of.to_string(),
                        money(r.commit_forecast),
                        money(r.weighted_forecast),
                        money(r.actual),
                        percent(r.commit_accuracy),
                        percent(r.weighted_accuracy),
                    ]);
                }
                a.print_text();
                return Ok(());
            }
            t
        }
    };
    match args.format {
        Format::Csv => table.print_csv()?,
        Format::Text | Format::Json => table.print_text(),
    }
    Ok(())
}

fn money(m: Money) -> String {
    m.to_decimal_string()
}

fn opt_money(m: Option<Money>) -> String {
    m.map(money).unwrap_or_default()
}

fn multiple(r: Option<Rate>) -> String {
    r.map(|r| format!("{:.2}×", r.to_f64())).unwrap_or_default()
}
