//! `sutton comp run`: every payee's payout for a period, each line explained, as text, JSON or
//! CSV, on screen or in a file.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use sutton_app::App;
use sutton_app::comp::{PayoutLine, Quantity, Run};
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
    /// Compute every payee's payout for a period from the stored deals, leads and quotas.
    Run {
        /// The fiscal period, such as "FY2027 Q1" or "FY2027 M03".
        #[arg(long, value_parser = parse_period)]
        period: Period,
        /// A plan file (TOML, see docs/comp-plans.md); default: the plans in docs/comp-plans.toml.
        #[arg(long, value_name = "FILE")]
        plan: Option<PathBuf>,
        /// text, json or csv.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Write to this file instead of the screen.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|_| format!("{text:?} is not a period: write FY2027, FY2027 Q1 or FY2027 M03"))
}

pub fn comp(app: &App, args: &CompArgs) -> anyhow::Result<()> {
    let CompCommand::Run { period, plan, format, out } = &args.command;
    let text = match plan {
        Some(path) => Some(std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?),
        None => None,
    };
    let result = app.comp_run(*period, text.as_deref())?;
    let mut buffer = Vec::new();
    match format {
        Format::Text => write_text(&mut buffer, &result.run, &result.skipped)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut buffer, &result.run)?;
            writeln!(buffer)?;
        }
        Format::Csv => write_csv(&mut buffer, &result.run)?,
    }
    match out {
        Some(path) => std::fs::write(path, &buffer).with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().write_all(&buffer)?,
    }
    Ok(())
}

fn write_text(w: &mut Vec<u8>, run: &Run, skipped: &[String]) -> anyhow::Result<()> {
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
    for note in skipped {
        writeln!(w, "note: {note}")?;
    }
    Ok(())
}

fn write_csv(w: &mut Vec<u8>, run: &Run) -> anyhow::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "payee",
        "name",
        "period",
        "plan",
        "component",
        "measure",
        "from",
        "until",
        "line",
        "achieved",
        "quota",
        "attainment",
        "rate",
        "amount",
        "currency",
        "deals",
        "explanation",
    ])?;
    let names: std::collections::BTreeMap<_, _> = run.statements.iter().map(|s| (s.payee, s.name.as_str())).collect();
    for l in run.lines() {
        out.write_record(csv_row(l, names.get(&l.payee).copied().unwrap_or("")))?;
    }
    out.flush()?;
    Ok(())
}

fn csv_row(l: &PayoutLine, name: &str) -> Vec<String> {
    let quantity = |q: Option<Quantity>| match q {
        Some(Quantity::Money(m)) => m.to_decimal_string(),
        Some(q @ Quantity::Units(_)) => q.to_string(),
        None => String::new(),
    };
    vec![
        l.payee.get().to_string(),
        name.to_owned(),
        l.period.to_string(),
        l.plan.clone(),
        l.component.clone(),
        l.measure.map(|m| m.to_string()).unwrap_or_default(),
        l.from.to_string(),
        l.until.to_string(),
        l.kind.to_string(),
        quantity(l.achieved),
        quantity(l.quota),
        l.attainment.map(|a| a.to_string()).unwrap_or_default(),
        l.rate.clone(),
        l.amount.to_decimal_string(),
        l.amount.currency().to_string(),
        l.deals.iter().map(|d| d.get().to_string()).collect::<Vec<_>>().join(" "),
        l.explanation.clone(),
    ]
}
