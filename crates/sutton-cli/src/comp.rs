//! `sutton comp`: payout runs (stored, with adjustments against a period's previous run),
//! each line explained, as text, JSON or CSV, on screen or in a file; and the plan book
//! versions runs are paid under.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use sutton_app::App;
use sutton_app::comp::{Adjustment, CompRun, Run};
use sutton_app::domain::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct CompArgs {
    #[command(subcommand)]
    command: CompCommand,
}

#[derive(Debug, Subcommand)]
enum CompCommand {
    /// Compute every payee's payout for a period from the stored deals, leads and quotas, and
    /// store the run; a period run before gets adjustments against what was already paid.
    Run {
        /// The fiscal period, such as "FY2027 Q1" or "FY2027 M03".
        #[arg(long, value_parser = parse_period)]
        period: Period,
        /// A plan file (TOML, see docs/comp-plans.md); default: the stored plan versions in
        /// force, or docs/comp-plans.toml when none is stored.
        #[arg(long, value_name = "FILE")]
        plan: Option<PathBuf>,
        /// Compute and report, but store nothing.
        #[arg(long)]
        dry_run: bool,
        /// text, json or csv.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Write to this file instead of the screen.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Plan book versions: list them, or save a file as a new version.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// The compensation benchmark's Sutton side (see bench/comp/run.sh).
    #[command(hide = true)]
    Bench {
        #[command(subcommand)]
        command: crate::comp_bench::BenchCommand,
    },
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    /// The saved versions, oldest first, with the days each is in force.
    List,
    /// Check a plan file and save it as a new version in force from a date (audited).
    Save {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// First day the version is in force.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: NaiveDate,
        /// First day it is no longer in force (default: until a later version replaces it).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        until: Option<NaiveDate>,
        /// Why the plan changes, kept with the version.
        #[arg(long, default_value = "")]
        note: String,
    },
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|_| format!("{text:?} is not a period: write FY2027, FY2027 Q1 or FY2027 M03"))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not a date: write YYYY-MM-DD"))
}

fn actor() -> String {
    format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned()))
}

/// The JSON a run prints: the run's figures, then the engine's statements.
#[derive(Debug, Serialize)]
struct RunJson<'a> {
    stored_run: Option<i64>,
    previous_run: Option<i64>,
    plan_versions: &'a [i64],
    to_pay: sutton_app::domain::Money,
    adjustments: &'a [Adjustment],
    #[serde(flatten)]
    run: &'a Run,
}

pub fn comp(settings: &sutton_app::Settings, args: &CompArgs) -> anyhow::Result<()> {
    if let CompCommand::Bench { command } = &args.command {
        return crate::comp_bench::bench(command);
    }
    let app = &App::open(settings).context("opening the database")?;
    match &args.command {
        CompCommand::Bench { .. } => Ok(()),
        CompCommand::Run { period, plan, dry_run, format, out } => {
            run(app, *period, plan.as_ref(), *dry_run, *format, out.as_ref())
        }
        CompCommand::Plan { command: PlanCommand::List } => {
            let versions = app.comp_plan_versions()?;
            if versions.is_empty() {
                println!("No plan version is saved: runs use the default plans (docs/comp-plans.toml).");
            }
            for v in versions {
                let until = v.effective_until.map_or_else(|| "until replaced".to_owned(), |u| format!("until {u}"));
                let note = if v.note.is_empty() { String::new() } else { format!(" — {}", v.note) };
                println!(
                    "version {}: in force from {} {until}; saved by {} at {}{note}",
                    v.id,
                    v.effective_from,
                    v.saved_by,
                    v.saved_at.format("%Y-%m-%d %H:%M UTC")
                );
            }
            Ok(())
        }
        CompCommand::Plan { command: PlanCommand::Save { file, from, until, note } } => {
            let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            let id = app.comp_save_plan(&text, *from, *until, note, &actor())?;
            println!("Saved {} as plan version {id}, in force from {from}.", file.display());
            Ok(())
        }
    }
}

fn run(
    app: &App,
    period: Period,
    plan: Option<&PathBuf>,
    dry_run: bool,
    format: Format,
    out: Option<&PathBuf>,
) -> anyhow::Result<()> {
    let text = match plan {
        Some(path) => Some(std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?),
        None => None,
    };
    let result = app.comp_run(period, text.as_deref(), !dry_run, &actor())?;
    let mut buffer = Vec::new();
    match format {
        Format::Text => write_text(&mut buffer, &result)?,
        Format::Json => {
            let json = RunJson {
                stored_run: result.stored,
                previous_run: result.previous,
                plan_versions: &result.plan_versions,
                to_pay: result.to_pay(),
                adjustments: &result.adjustments,
                run: &result.run,
            };
            serde_json::to_writer_pretty(&mut buffer, &json)?;
            writeln!(buffer)?;
        }
        Format::Csv => buffer = sutton_app::comp::statement_file(&sutton_app::comp::run_rows(&result), false)?,
    }
    match out {
        Some(path) => std::fs::write(path, &buffer).with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().write_all(&buffer)?,
    }
    if format != Format::Text {
        eprintln!("{}", run_summary(&result));
    }
    Ok(())
}

/// One line on what happened to the run: stored or not, and what it pays.
fn run_summary(result: &CompRun) -> String {
    let stored = match result.stored {
        Some(id) => format!("Stored as run {id}"),
        None => "Dry run: nothing stored".to_owned(),
    };
    match result.previous {
        None => format!("{stored}; the period's first run pays {}.", result.to_pay()),
        Some(previous) => format!(
            "{stored}; {} adjustment(s) against run {previous}, to pay {}.",
            result.adjustments.len(),
            result.to_pay()
        ),
    }
}

fn write_text(w: &mut Vec<u8>, result: &CompRun) -> anyhow::Result<()> {
    let run = &result.run;
    writeln!(w, "Compensation for {}: {} payee(s), total {}", run.period, run.statements.len(), run.total)?;
    for s in &run.statements {
        writeln!(w)?;
        let changes = if s.plan_changes_in_year > 0 {
            format!(" (plan changed {} time(s) this fiscal year)", s.plan_changes_in_year)
        } else {
            String::new()
        };
        writeln!(w, "{} (person {}): {}{changes}", s.name, s.payee.get(), s.total)?;
        for l in &s.lines {
            let attainment = l.attainment.map(|a| format!("attainment {a}")).unwrap_or_default();
            writeln!(w, "  {:<18} {:<14} {:>16}  {attainment}", l.component, l.kind.to_string(), l.amount.to_string())?;
            writeln!(w, "      {}", l.explanation)?;
        }
        for c in &s.components {
            for (credit, reason) in &c.excluded {
                writeln!(w, "  not counted: deal {} ({}): {reason}", credit.deal.get(), credit.deal_name)?;
            }
        }
        if !s.draw_balance.is_zero() {
            writeln!(w, "  owed from recoverable draws: {}", s.draw_balance)?;
        }
    }
    for note in &result.skipped {
        writeln!(w, "note: {note}")?;
    }
    if let Some(previous) = result.previous {
        writeln!(w)?;
        if result.adjustments.is_empty() {
            writeln!(w, "No adjustments: the period pays exactly what run {previous} paid.")?;
        } else {
            writeln!(w, "Adjustments against run {previous}:")?;
            let names: std::collections::BTreeMap<_, _> =
                run.statements.iter().map(|s| (s.payee, s.name.as_str())).collect();
            for a in &result.adjustments {
                let name = names.get(&a.payee).copied().unwrap_or("");
                writeln!(
                    w,
                    "  {name} (person {}) {:<18} paid {:>14} due {:>14} adjust {:>14}{}",
                    a.payee.get(),
                    a.component,
                    a.paid.to_string(),
                    a.due.to_string(),
                    a.amount.to_string(),
                    if a.clawback { " (clawback)" } else { "" }
                )?;
                writeln!(w, "      {}", a.reason)?;
            }
        }
    }
    writeln!(w)?;
    writeln!(w, "{}", run_summary(result))?;
    Ok(())
}
