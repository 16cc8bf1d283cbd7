//! `sutton segments …` and `sutton calls …`: segmentation and call execution on the stored data,
//! as text tables, JSON or CSV.

use crate::output::{Table, percent, print_json};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use sutton_app::domain::{AccountId, Money, Rate};
use sutton_app::{App, SegmentRule};
use sutton_plan::{
    CallPlanOptions, ResponseCurve, SegmentMeasure, SegmentMethod, SegmentScope, SegmentationRule, WorkloadOptions,
    default_names,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Method {
    Pareto,
    Percentile,
    Threshold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scope {
    Organisation,
    Owner,
}

/// How accounts are segmented; `calls` commands segment the same way before they plan. Without
/// any of these options the organisation's saved rule applies (set on the web's segments page);
/// each option given replaces that part of it.
#[derive(Debug, Args)]
struct RuleArgs {
    /// potential, revenue, gross_profit or icp_score (revenue and profit: won over the trailing
    /// window; icp_score: fit to a stored ideal-client profile, see --icp-profile). Default: the
    /// saved rule's.
    #[arg(long, global = true, value_parser = parse_measure)]
    measure: Option<SegmentMeasure>,
    /// The stored ideal-client profile the icp_score measure scores with. Default: the saved
    /// rule's.
    #[arg(long, global = true, value_name = "NAME")]
    icp_profile: Option<String>,
    /// pareto (cumulative share), percentile (rank) or threshold (fixed floors). Default: the
    /// saved rule's.
    #[arg(long, global = true, value_enum)]
    method: Option<Method>,
    /// Cut-offs between segments: percentages for pareto and percentile (default: the saved
    /// rule's when the method is the same, else 50,80 and 20,50), amounts in major units for
    /// threshold (percentages of fit for icp_score), highest first.
    #[arg(long, global = true, value_delimiter = ',', value_name = "CUTS")]
    cuts: Vec<String>,
    /// Segment names, most valuable first (default: the saved rule's when the number of
    /// segments is the same, else A, B, C… one more than the cuts).
    #[arg(long, global = true, value_delimiter = ',', value_name = "NAMES")]
    names: Vec<String>,
    /// Rank across the organisation, or within each owner's book. Default: the saved rule's.
    #[arg(long, global = true, value_enum)]
    scope: Option<Scope>,
    /// Days of won business the revenue and gross_profit measures read. Default: the saved
    /// rule's.
    #[arg(long, global = true, value_name = "DAYS")]
    window_days: Option<u32>,
}

#[derive(Debug, Args)]
pub struct SegmentsArgs {
    #[command(subcommand)]
    command: SegmentsCommand,
    #[command(flatten)]
    rule: RuleArgs,
    /// Read the data as it stood on this date (default: today, or the demo's own date).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// text (the summary), json or csv (every account with its explanation).
    #[arg(long, global = true, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum SegmentsCommand {
    /// Segment every account by the organisation's saved rule and store the result (the stored
    /// overrides are kept). Rule options (--measure, --method, --cuts, --names, --scope…)
    /// replace their part of the saved rule for this run only; the web's segments page saves it.
    Run {
        /// Show the result without storing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Set an account's segment by hand; every later run keeps it.
    Override {
        account: i64,
        segment: String,
        /// Why (kept with the override and in the audit log).
        #[arg(long)]
        reason: String,
    },
    /// Remove an account's override.
    Clear { account: i64 },
}

#[derive(Debug, Args)]
pub struct CallsArgs {
    #[command(subcommand)]
    view: CallsView,
    #[command(flatten)]
    rule: RuleArgs,
    /// Read the data as it stood on this date (default: today, or the demo's own date).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// text, json or csv.
    #[arg(long, global = true, value_enum, default_value = "text")]
    format: Format,
    /// Days of logged calls up to the as-of date.
    #[arg(long, global = true, default_value_t = 91)]
    days: u32,
}

#[derive(Debug, Subcommand)]
enum CallsView {
    /// Planned against actual calls per team, rep and segment; overdue accounts.
    Compliance,
    /// Workload of the call patterns per person against capacity, and the people each role needs.
    Workload {
        /// Door-to-door speed for face-to-face calls, km/h.
        #[arg(long, default_value_t = 50)]
        speed: u32,
        /// Working weeks a year.
        #[arg(long, default_value_t = 46)]
        weeks: u32,
    },
    /// Each rep's accounts to call next: overdue first, A before C, longest waiting first.
    Queue {
        /// Accounts per rep.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Each person's share of time in direct selling against the 55–65 % target.
    Time,
}

/// `sutton workload`: the same as `sutton calls workload`.
#[derive(Debug, Args)]
pub struct WorkloadArgs {
    #[command(flatten)]
    rule: RuleArgs,
    /// Read the data as it stood on this date (default: today, or the demo's own date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// text, json or csv.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Door-to-door speed for face-to-face calls, km/h.
    #[arg(long, default_value_t = 50)]
    speed: u32,
    /// Working weeks a year.
    #[arg(long, default_value_t = 46)]
    weeks: u32,
}

#[derive(Debug, Args)]
pub struct CallplanArgs {
    #[command(flatten)]
    rule: RuleArgs,
    /// Read the data as it stood on this date (default: today, or the demo's own date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_date)]
    as_of: Option<NaiveDate>,
    /// text (per rep), json or csv (every account: current and planned calls).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// A segment's response curve r(n) = a + (b − a)·nᶜ/(d + nᶜ), as SEGMENT=a,b,c,d (shares of
    /// the account's yearly gross-profit value); repeat for each segment to change.
    #[arg(long = "curve", value_name = "SEGMENT=a,b,c,d", value_parser = parse_curve)]
    curves: Vec<(sutton_app::domain::Segment, ResponseCurve)>,
    /// Share of each rep's capacity that is selling time, in percent.
    #[arg(long, default_value = "60")]
    selling_share: String,
    /// Most calls a year on one account.
    #[arg(long, default_value_t = 52)]
    max_calls: u32,
    /// Plan only this rep (repeat for several).
    #[arg(long = "rep", value_name = "PERSON_ID")]
    reps: Vec<i64>,
    /// Working weeks a year.
    #[arg(long, default_value_t = 46)]
    weeks: u32,
}

fn parse_curve(text: &str) -> Result<(sutton_app::domain::Segment, ResponseCurve), String> {
    let (segment, numbers) =
        text.split_once('=').ok_or_else(|| format!("'{text}': write SEGMENT=a,b,c,d, e.g. A=0.2,0.7,1.5,40"))?;
    let segment = sutton_app::domain::Segment::parse(segment.trim()).map_err(|e| e.to_string())?;
    let v: Vec<f64> = numbers
        .split(',')
        .map(|x| x.trim().parse::<f64>().map_err(|_| format!("'{x}' in '{text}' is not a number")))
        .collect::<Result<_, _>>()?;
    let [a, b, c, d] = v[..] else {
        return Err(format!("'{text}': give four numbers a,b,c,d after the segment"));
    };
    let curve = ResponseCurve { a, b, c, d };
    curve.validate(&format!("segment {segment}")).map_err(|e| e.to_string())?;
    Ok((segment, curve))
}

fn parse_measure(text: &str) -> Result<SegmentMeasure, String> {
    SegmentMeasure::parse(text).map_err(|e| e.to_string())
}

impl RuleArgs {
    fn given(&self) -> bool {
        self.measure.is_some()
            || self.icp_profile.is_some()
            || self.method.is_some()
            || !self.cuts.is_empty()
            || !self.names.is_empty()
            || self.scope.is_some()
            || self.window_days.is_some()
    }

    /// The organisation's saved rule with the parts given as options replaced.
    fn rule(&self, app: &App) -> anyhow::Result<SegmentRule> {
        let saved = app.segment_rule()?;
        if !self.given() {
            return Ok(saved);
        }
        let currency = app.store().organisation()?.currency;
        let measure = self.measure.unwrap_or(saved.rule.measure);
        let saved_method = match &saved.rule.method {
            SegmentMethod::Pareto { .. } => Method::Pareto,
            SegmentMethod::Percentile { .. } => Method::Percentile,
            SegmentMethod::Threshold { .. } => Method::Threshold,
        };
        let method_kind = self.method.unwrap_or(saved_method);
        let percent = |c: &String| Rate::parse_percent("cut-off", c.trim()).map_err(anyhow::Error::from);
        let same_method = method_kind == saved_method && measure.is_money() == saved.rule.measure.is_money();
        let method = if self.cuts.is_empty() && same_method {
            saved.rule.method.clone()
        } else {
            match method_kind {
                Method::Pareto | Method::Percentile => {
                    let cuts: Vec<Rate> = if self.cuts.is_empty() {
                        let d = if method_kind == Method::Pareto { [50, 80] } else { [20, 50] };
                        d.iter().map(|p| Rate::from_percent(*p)).collect()
                    } else {
                        self.cuts.iter().map(percent).collect::<anyhow::Result<_>>()?
                    };
                    if method_kind == Method::Pareto {
                        SegmentMethod::Pareto { cuts }
                    } else {
                        SegmentMethod::Percentile { cuts }
                    }
                }
                Method::Threshold => {
                    if self.cuts.is_empty() {
                        anyhow::bail!("--method threshold needs --cuts: the floors in {currency}, highest first");
                    }
                    let floors = if measure.is_money() {
                        self.cuts
                            .iter()
                            .map(|c| Money::parse_major("threshold", c.trim(), currency).map(|m| m.minor()))
                            .collect::<Result<_, _>>()?
                    } else {
                        self.cuts.iter().map(|c| percent(c).map(|r| r.ppm())).collect::<anyhow::Result<_>>()?
                    };
                    SegmentMethod::Threshold { floors }
                }
            }
        };
        let count = match &method {
            SegmentMethod::Pareto { cuts } | SegmentMethod::Percentile { cuts } => cuts.len() + 1,
            SegmentMethod::Threshold { floors } => floors.len() + 1,
        };
        let names = if !self.names.is_empty() {
            self.names.iter().map(|n| sutton_app::domain::Segment::parse(n.trim())).collect::<Result<Vec<_>, _>>()?
        } else if saved.rule.names.len() == count {
            saved.rule.names.clone()
        } else {
            default_names(count)
        };
        let rule = SegmentationRule {
            measure,
            method,
            names,
            scope: match self.scope {
                Some(Scope::Organisation) => SegmentScope::Organisation,
                Some(Scope::Owner) => SegmentScope::OwnerBook,
                None => saved.rule.scope,
            },
            window_days: self.window_days.unwrap_or(saved.rule.window_days),
        };
        rule.validate()?;
        let icp_profile = match measure {
            SegmentMeasure::IcpScore => match self.icp_profile.clone().or(saved.icp_profile) {
                Some(p) => Some(p),
                None => anyhow::bail!(
                    "--measure icp_score needs --icp-profile NAME: one of the stored ideal-client profiles"
                ),
            },
            _ => None,
        };
        Ok(SegmentRule { rule, icp_profile })
    }
}

pub fn segments(app: &App, args: &SegmentsArgs) -> anyhow::Result<()> {
    const ACTOR: &str = "sutton segments";
    match &args.command {
        SegmentsCommand::Override { account, segment, reason } => {
            app.segment_override(AccountId(*account), segment, reason, ACTOR)?;
            println!(
                "account {account} is set to {segment}; every run keeps it until `sutton segments clear {account}`"
            );
            return Ok(());
        }
        SegmentsCommand::Clear { account } => {
            if app.segment_override_clear(AccountId(*account), ACTOR)? {
                println!("account {account} goes back to the rule's segment at the next run");
            } else {
                println!("account {account} had no override");
            }
            return Ok(());
        }
        SegmentsCommand::Run { .. } => {}
    }
    let SegmentsCommand::Run { dry_run } = args.command else { return Ok(()) };
    let rule = args.rule.rule(app)?;
    let run = app.segments_run(&rule, args.as_of, !dry_run, ACTOR)?;
    let s = &run.segmentation;
    let money = rule.rule.measure.is_money();
    let currency = app.store().organisation()?.currency;
    let value = |v: Option<i64>| match v {
        Some(v) if money => Money::from_minor(v, currency).to_decimal_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    match args.format {
        Format::Text => {
            println!(
                "Segments by {} as of {} ({} accounts; {} changed{})",
                rule.rule.measure.as_str().replace('_', " "),
                run.as_of,
                s.accounts.len(),
                run.changed,
                if run.saved { ", stored" } else { ", not stored" }
            );
            let mut t = Table::new(&["segment", "accounts", "measure", "share"]);
            for x in &s.summary {
                let total = i64::try_from(x.measure).ok();
                t.row(vec![
                    x.segment.to_string(),
                    x.accounts.to_string(),
                    value(total),
                    percent(Some(x.share_of_measure)),
                ]);
            }
            t.print_text();
            println!("rule: {}", rule.describe(currency));
            let overridden = s.accounts.iter().filter(|a| a.overridden.is_some()).count();
            println!("{overridden} set by hand; --format csv lists every account with its explanation");
            for (o, why) in &s.unused_overrides {
                println!("override of account {} not applied: {why}", o.account);
            }
        }
        Format::Json => print_json(&s)?,
        Format::Csv => {
            let mut t = Table::new(&[
                "account_id",
                "owner_id",
                "segment",
                "computed",
                "measure",
                "rank",
                "of",
                "cumulative_share",
                "explanation",
            ]);
            for a in &s.accounts {
                t.row(vec![
                    a.account.to_string(),
                    a.owner.map(|o| o.to_string()).unwrap_or_default(),
                    s.segment(a).to_string(),
                    s.computed(a).to_string(),
                    value(a.measure),
                    a.rank.to_string(),
                    a.of.to_string(),
                    ppm_fraction(a.cumulative_share),
                    a.explanation(&s.rule),
                ]);
            }
            t.print_csv()?;
        }
    }
    Ok(())
}

pub fn calls(app: &App, args: &CallsArgs) -> anyhow::Result<()> {
    let rule = args.rule.rule(app)?;
    let table = match &args.view {
        CallsView::Compliance => {
            let (context, c) = app.calls_compliance(&rule, args.as_of, args.days)?;
            if args.format == Format::Json {
                return print_json(&c);
            }
            let mut t =
                Table::new(&["level", "group", "accounts", "planned", "actual", "compliance", "behind", "overdue"]);
            let mut row = |level: &str, group: String, x: &sutton_plan::ComplianceTotals| {
                t.row(vec![
                    level.to_owned(),
                    group,
                    x.accounts.to_string(),
                    format!("{:.1}", x.planned),
                    x.actual.to_string(),
                    x.ratio().map(|r| format!("{:.1} %", r * 100.0)).unwrap_or_default(),
                    x.behind.to_string(),
                    x.overdue.to_string(),
                ]);
            };
            let teams: std::collections::HashMap<_, _> =
                context.data.teams.iter().map(|t| (t.id, t.name.clone())).collect();
            for (team, x) in &c.by_team {
                row("team", teams.get(team).cloned().unwrap_or_else(|| team.to_string()), x);
            }
            for (rep, x) in &c.by_rep {
                row("rep", context.person_name(*rep), x);
            }
            for (segment, x) in &c.by_segment {
                row("segment", segment.to_string(), x);
            }
            row("total", format!("{} to {}", c.from, c.to), &c.total);
            t
        }
        CallsView::Workload { speed, weeks } => {
            match workload_table(app, &rule, args.as_of, args.format, *speed, *weeks)? {
                Some(t) => t,
                None => return Ok(()),
            }
        }
        CallsView::Queue { limit } => {
            let (context, queues) = app.calls_queue(&rule, args.as_of, args.days)?;
            if args.format == Format::Json {
                let cut: std::collections::BTreeMap<_, _> =
                    queues.iter().map(|(p, q)| (p, &q[..q.len().min(*limit)])).collect();
                return print_json(&cut);
            }
            let mut t = Table::new(&["rep", "account", "position", "segment", "last call", "days overdue", "overdue"]);
            for (rep, items) in &queues {
                for (k, q) in items.iter().take(*limit).enumerate() {
                    t.row(vec![
                        context.person_name(*rep),
                        context.account_name(q.account),
                        (k + 1).to_string(),
                        q.segment.to_string(),
                        q.last_call.map(|d| d.to_string()).unwrap_or_else(|| "never".to_owned()),
                        q.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
                        if q.overdue { "yes" } else { "no" }.to_owned(),
                    ]);
                }
            }
            t
        }
        CallsView::Time => {
            let (_, data, rows) = app.time_allocation(args.as_of, args.days)?;
            if args.format == Format::Json {
                return print_json(&rows);
            }
            let name = |id| data.people.iter().find(|p| p.id == id).map_or_else(|| format!("{id}"), |p| p.name.clone());
            let mut t = Table::new(&["person", "band", "direct selling", "logged hours", "largest other"]);
            for r in &rows {
                t.row(vec![
                    name(r.person),
                    format!("{:?}", r.band).to_lowercase(),
                    percent(Some(r.direct_share)),
                    hours(r.total_minutes),
                    r.non_selling.first().map(|(c, m)| format!("{c} {}", hours(*m))).unwrap_or_default(),
                ]);
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

pub fn workload(app: &App, args: &WorkloadArgs) -> anyhow::Result<()> {
    let rule = args.rule.rule(app)?;
    if let Some(t) = workload_table(app, &rule, args.as_of, args.format, args.speed, args.weeks)? {
        match args.format {
            Format::Csv => t.print_csv()?,
            Format::Text | Format::Json => t.print_text(),
        }
    }
    Ok(())
}

pub fn callplan(app: &App, args: &CallplanArgs) -> anyhow::Result<()> {
    let rule = args.rule.rule(app)?;
    let request = sutton_app::CallPlanRequest {
        curves: args.curves.iter().cloned().collect(),
        selling_share: Rate::parse_percent("selling share", args.selling_share.trim())?,
        options: CallPlanOptions { max_calls: args.max_calls, ..CallPlanOptions::default() },
        workload: WorkloadOptions { working_weeks: args.weeks, ..WorkloadOptions::default() },
        reps: (!args.reps.is_empty()).then(|| args.reps.iter().map(|r| sutton_app::domain::PersonId(*r)).collect()),
    };
    let run = app.callplan(&rule, args.as_of, &request)?;
    let currency = run.context.data.organisation.currency;
    let money = |minor: i64| Money::from_minor(minor, currency).to_decimal_string();
    let plan = &run.plan;
    match args.format {
        Format::Json => return print_json(&plan),
        Format::Csv => {
            let mut t = Table::new(&[
                "rep_id",
                "account_id",
                "segment",
                "minutes_per_call",
                "current_calls",
                "planned_calls",
                "current_profit",
                "planned_profit",
            ]);
            for r in &plan.reps {
                for a in &r.accounts {
                    t.row(vec![
                        r.rep.to_string(),
                        a.account.to_string(),
                        a.segment.to_string(),
                        a.minutes_per_call.to_string(),
                        a.current_calls.to_string(),
                        a.planned_calls.to_string(),
                        money(a.current_profit),
                        money(a.planned_profit),
                    ]);
                }
            }
            t.print_csv()?;
        }
        Format::Text => {
            println!(
                "CALLPLAN as of {}: accounts valued at potential × {} gross margin; curves:",
                run.context.as_of,
                percent(Some(run.margin))
            );
            for (segment, c) in &run.curves {
                println!(
                    "  {segment}: r(n) = {} + ({} − {})·n^{}/({} + n^{}){}",
                    c.a,
                    c.b,
                    c.a,
                    c.c,
                    c.d,
                    c.c,
                    if c.is_concave() { "" } else { "  (S-shaped)" }
                );
            }
            let mut t = Table::new(&[
                "rep",
                "accounts",
                "budget hours",
                "current hours",
                "planned hours",
                "current profit",
                "planned profit",
                "gain",
                "method",
            ]);
            for r in &plan.reps {
                t.row(vec![
                    run.context.person_name(r.rep),
                    r.accounts.len().to_string(),
                    hours(r.budget_minutes),
                    hours(r.current_minutes),
                    hours(r.planned_minutes),
                    money(r.current_profit),
                    money(r.planned_profit),
                    money(r.gain()),
                    match r.method {
                        sutton_plan::CallPlanMethod::Greedy => "greedy".to_owned(),
                        sutton_plan::CallPlanMethod::DynamicProgramming => {
                            format!("dp, {} min steps", r.quantum_minutes)
                        }
                    },
                ]);
            }
            t.print_text();
            println!(
                "expected gross profit a year: current pattern {}, plan {}, gain {}",
                money(plan.current_profit),
                money(plan.planned_profit),
                money(plan.gain())
            );
        }
    }
    Ok(())
}

/// The workload table (none when it was printed as JSON).
fn workload_table(
    app: &App,
    rule: &SegmentRule,
    as_of: Option<NaiveDate>,
    format: Format,
    speed: u32,
    weeks: u32,
) -> anyhow::Result<Option<Table>> {
    let options = WorkloadOptions { speed_kmh: speed, working_weeks: weeks, ..WorkloadOptions::default() };
    let (context, w) = app.calls_workload(rule, as_of, &options)?;
    if format == Format::Json {
        print_json(&w)?;
        return Ok(None);
    }
    let mut t = Table::new(&[
        "kind",
        "who",
        "accounts",
        "calls/year",
        "call hours",
        "travel hours",
        "capacity hours",
        "utilisation",
        "people needed",
    ]);
    for (person, l) in &w.people {
        t.row(vec![
            "person".to_owned(),
            context.person_name(*person),
            l.accounts.to_string(),
            l.calls_per_year.to_string(),
            hours(l.call_minutes),
            hours(l.travel_minutes),
            hours(l.capacity_minutes),
            percent(l.utilisation()),
            String::new(),
        ]);
    }
    for r in &w.sizing {
        t.row(vec![
            "role".to_owned(),
            format!("{} ({})", r.role, r.channel),
            String::new(),
            String::new(),
            hours(r.minutes_per_year),
            String::new(),
            hours(r.capacity_per_person),
            String::new(),
            format!("{:.1} (now {})", r.people_needed, r.people_now),
        ]);
    }
    if format == Format::Text && !w.unserved.is_empty() {
        println!("{} pattern calls have nobody of the pattern's role and channel to make them", w.unserved.len());
    }
    Ok(Some(t))
}

/// A share as a decimal fraction with six places, exactly (CSV for spreadsheets).
fn ppm_fraction(r: Rate) -> String {
    format!("{}.{:06}", r.ppm() / 1_000_000, r.ppm() % 1_000_000)
}

fn hours(minutes: u64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}
