//! # sutton — the command line
//!
//! One binary for every batch job and for the web server. It parses arguments (clap), sets up
//! logging (`tracing`, honouring `RUST_LOG`), resolves settings (flags, then environment, then
//! defaults), calls a use case in `sutton-app` or starts `sutton-web`, and maps failures to exit
//! codes: 0 success, 1 the work failed, 2 the command line was wrong (clap's own).

mod comp;
mod comp_bench;
mod insight;
mod output;
mod plan;
mod territories;
mod territory_plans;

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::time::Instant;

use chrono::NaiveDate;
use std::path::PathBuf;
use sutton_app::domain::{AccessRole, Language, Person, Scope};
use sutton_app::{
    App, DEFAULT_URL, DemoConfig, DemoScale, ExportFormat, ImportOutcome, ImportRequest, ImportSource, NewUser,
    Settings, Step,
};

/// Where `sutton demo` keeps its company unless told otherwise, so a real `sutton.db` is never
/// mixed up with it.
const DEMO_URL: &str = "sqlite://sutton-demo.db";

#[derive(Debug, Parser)]
#[command(name = "sutton", version, about = "Sales force effectiveness: put your sellers where the money is.")]
struct Cli {
    /// Database: sqlite://PATH (created if missing) or postgres://USER@HOST:PORT/DATABASE.
    /// [default: sqlite://sutton.db; sqlite://sutton-demo.db for `demo`]
    #[arg(long, global = true, env = "SUTTON_DATABASE_URL", value_name = "URL")]
    database: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Database maintenance.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Serve the web interface.
    Serve {
        /// Address and port to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        bind: SocketAddr,
    },
    /// Manage who can sign in (administrators only: whoever can run this has the database).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import CRM exports or native files (files or folders). One transaction: if any row is
    /// rejected nothing is written, unless --skip-invalid.
    Import {
        /// native, salesforce or hubspot (default: detected per file from its name and header).
        #[arg(long, value_parser = parse_source)]
        from: Option<ImportSource>,
        /// Write the valid rows; put rejected rows, whole, with their reasons in a rejects CSV.
        #[arg(long)]
        skip_invalid: bool,
        /// Check everything and report, but write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Folder for rejects files (with --skip-invalid).
        #[arg(long, value_name = "DIR", default_value = ".")]
        rejects: PathBuf,
        /// CSV or XLSX files, or folders of them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Export the data for a CRM to import (Salesforce, HubSpot), as native CSV, or as XLSX.
    Export {
        /// native, salesforce, hubspot or xlsx.
        #[arg(long, value_parser = parse_format)]
        to: ExportFormat,
        /// Folder to write into (created if needed).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Territory design.
    Territories {
        #[command(subcommand)]
        command: TerritoriesCommand,
    },
    /// Sales-whiplash early warning: each team's risk and its causes, ranked and explained.
    Whiplash(insight::WhiplashArgs),
    /// Pipeline coverage, movement, conversion and forecast.
    Pipeline(insight::PipelineArgs),
    /// Incentive compensation: payout runs with every line explained.
    Comp(comp::CompArgs),
    /// ABC segments: run, override by hand, clear an override (also `sutton segment`).
    #[command(alias = "segment")]
    Segments(plan::SegmentsArgs),
    /// Call execution: compliance, workload and sizing, work queues, time allocation.
    Calls(plan::CallsArgs),
    /// Workload of the call patterns against capacity and the people each role needs (the same
    /// as `sutton calls workload`).
    Workload(plan::WorkloadArgs),
    /// CALLPLAN: each rep's selling time allocated by response curve, against the current
    /// pattern, with the expected gain in gross profit.
    Callplan(plan::CallplanArgs),
    /// Generate the demo organisation (or reuse it if the database already holds it) and serve it.
    Demo {
        /// Seed for the generator: the same seed and scale give the same company.
        #[arg(long, default_value_t = sutton_app::DEMO_SEED)]
        seed: u64,
        /// small (2,000 accounts), default (20,000) or large (200,000 accounts, 1,000,000
        /// opportunities, 5,000,000 activities).
        #[arg(long, default_value = "default", value_parser = parse_scale)]
        scale: DemoScale,
        /// The demo's "today": its history runs three years up to this date.
        #[arg(long, value_name = "YYYY-MM-DD", default_value = "2026-11-15", value_parser = parse_date)]
        as_of: NaiveDate,
        /// Store the demo and stop, without serving it.
        #[arg(long)]
        no_serve: bool,
        /// Address and port to serve on.
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        bind: SocketAddr,
    },
}

fn parse_source(text: &str) -> Result<ImportSource, String> {
    ImportSource::parse(text).ok_or_else(|| format!("{text:?} is not a source: use native, salesforce or hubspot"))
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(text)
        .ok_or_else(|| format!("{text:?} is not a format: use native, salesforce, hubspot or xlsx"))
}

fn parse_scale(text: &str) -> Result<DemoScale, String> {
    DemoScale::parse(text).ok_or_else(|| format!("{text:?} is not a scale: use small, default or large"))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not a date: write YYYY-MM-DD"))
}

#[derive(Debug, Subcommand)]
enum TerritoriesCommand {
    /// Align units from CSV files into balanced, contiguous, compact territories.
    Optimize(territories::OptimizeArgs),
    /// Plan a scenario from the organisation's counties, balancing accounts or potential.
    Plan(territory_plans::PlanArgs),
    /// Make a scenario the alignment in force; accounts get their territory's rep (audited).
    Publish(territory_plans::PublishArgs),
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from standard input (one line).
    Add {
        login: String,
        /// admin, vp, manager or rep.
        #[arg(long, value_parser = parse_role)]
        role: AccessRole,
        /// The person in the sales organisation this user is: an id or an exact name
        /// (required for managers and reps).
        #[arg(long)]
        person: Option<String>,
        /// Display name (default: the person's name, or the login).
        #[arg(long)]
        name: Option<String>,
        /// en, nb, da or zh-CN.
        #[arg(long, default_value = "en", value_parser = parse_language)]
        language: Language,
    },
    /// Set a user's password (read from standard input) and sign them out everywhere.
    Passwd { login: String },
    /// Change a user's role (and the person they are); they are signed out everywhere.
    Role {
        login: String,
        #[arg(value_parser = parse_role)]
        role: AccessRole,
        #[arg(long)]
        person: Option<String>,
    },
    /// List the users.
    List,
}

fn parse_role(text: &str) -> Result<AccessRole, String> {
    AccessRole::parse(text).map_err(|e| e.to_string())
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::parse(text).map_err(|e| e.to_string())
}

/// One line from standard input, without its line end: passwords never go on the command line,
/// where other users of the machine can see them.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        eprint!("Password (at least 8 characters): ");
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// A person by id or exact name.
fn find_person(app: &App, wanted: &str) -> anyhow::Result<Person> {
    let people = app.store().people(&Scope::Everything)?;
    let found: Vec<Person> = people
        .into_iter()
        .filter(|p| {
            wanted.parse::<i64>().is_ok_and(|id| p.id.get() == id) || p.name.eq_ignore_ascii_case(wanted.trim())
        })
        .collect();
    match found.len() {
        1 => Ok(found.into_iter().next().unwrap_or_else(|| unreachable!("one element"))),
        0 => anyhow::bail!("no person {wanted:?}: give an id or the exact name as `sutton db status` data shows it"),
        n => anyhow::bail!("{n} people are called {wanted:?}: give the id instead"),
    }
}

#[derive(Debug, Subcommand)]
enum DbCommand {
    /// Create the database if needed and apply pending schema migrations.
    Migrate,
    /// Show where the database is, its schema version and how many records it holds.
    Status,
}

/// mimalloc instead of the C library's allocator: pages and imports allocate many short-lived
/// strings, and glibc's allocator merged its free lists on every large allocation (a quarter of
/// the accounts list's time under load went to malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let default_url = if matches!(cli.command, Command::Demo { .. }) { DEMO_URL } else { DEFAULT_URL };
    let settings = Settings::new(cli.database.unwrap_or_else(|| default_url.to_owned()));
    match cli.command {
        Command::Db { command: DbCommand::Migrate } => {
            let (store, applied) = App::migrate(&settings).context("migrating the database")?;
            if applied.is_empty() {
                println!(
                    "{} is up to date (schema version {}).",
                    store.describe(),
                    sutton_app::latest_schema_version()
                );
            } else {
                let list: Vec<String> = applied.iter().map(ToString::to_string).collect();
                println!("{}: applied migration(s) {}.", store.describe(), list.join(", "));
            }
            Ok(())
        }
        Command::Db { command: DbCommand::Status } => {
            let app = App::open(&settings).context("opening the database")?;
            let o = app.overview()?;
            println!("{} ({}), schema version {}", o.database, o.backend.name(), o.schema_version);
            println!(
                "organisation: {} · currency {} · fiscal year starts in month {}",
                o.organisation.name,
                o.organisation.currency,
                o.organisation.calendar.first_month()
            );
            for (label, n) in &o.counts.0 {
                println!("  {label:<22}{n:>12}");
            }
            Ok(())
        }
        Command::Territories { command: TerritoriesCommand::Optimize(args) } => territories::optimize(&args),
        Command::Territories { command: TerritoriesCommand::Plan(args) } => {
            territory_plans::plan(&App::open(&settings).context("opening the database")?, &args)
        }
        Command::Territories { command: TerritoriesCommand::Publish(args) } => {
            territory_plans::publish(&App::open(&settings).context("opening the database")?, &args)
        }
        Command::Serve { bind } => {
            let app = App::open(&settings).context("opening the database")?;
            serve(app, bind)
        }
        Command::User { command } => {
            let app = App::open(&settings).context("opening the database")?;
            let actor = format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned()));
            match command {
                UserCommand::Add { login, role, person, name, language } => {
                    let person = person.map(|p| find_person(&app, &p)).transpose()?;
                    let display_name =
                        name.or_else(|| person.as_ref().map(|p| p.name.clone())).unwrap_or_else(|| login.clone());
                    let password = read_password()?;
                    let new = NewUser { login, display_name, role, person: person.map(|p| p.id), language, password };
                    let user = app.add_user(&actor, new)?;
                    println!("Added {} ({}, {}).", user.login, user.display_name, user.role);
                }
                UserCommand::Passwd { login } => {
                    let password = read_password()?;
                    app.set_password(&actor, &login, &password)?;
                    println!("Changed the password of {login} and signed them out everywhere.");
                }
                UserCommand::Role { login, role, person } => {
                    let person = person.map(|p| find_person(&app, &p)).transpose()?;
                    let user = app.set_role(&actor, &login, role, person.map(|p| p.id))?;
                    println!("{} is now {} and has been signed out everywhere.", user.login, user.role);
                }
                UserCommand::List => {
                    for u in app.store().users()? {
                        let state = if u.disabled { " (disabled)" } else { "" };
                        println!(
                            "{:<16} {:<8} {:<6} {}{state}",
                            u.login,
                            u.role.as_str(),
                            u.language.tag(),
                            u.display_name
                        );
                    }
                }
            }
            Ok(())
        }
        Command::Import { from, skip_invalid, dry_run, rejects, paths } => {
            let app = App::open(&settings).context("opening the database")?;
            let request = ImportRequest { paths, from, skip_invalid, dry_run, rejects_dir: Some(rejects), sole: true };
            let mut bar = ProgressBar::new();
            let outcome = app.import(&request, &mut |step| bar.show(step)).context("importing")?;
            bar.finish();
            report_import(&outcome, dry_run);
            if outcome.failed() {
                anyhow::bail!(
                    "{} row(s) rejected; nothing was written (fix them, or use --skip-invalid to import the rest)",
                    outcome.plan.rows_rejected()
                );
            }
            Ok(())
        }
        Command::Export { to, dir } => {
            let app = App::open(&settings).context("opening the database")?;
            let written = app.export(to, &dir).with_context(|| format!("exporting to {}", dir.display()))?;
            for w in &written {
                println!("  {:<48}{:>10} records", w.path.display(), w.records);
            }
            Ok(())
        }
        Command::Whiplash(args) => insight::whiplash(&App::open(&settings).context("opening the database")?, &args),
        Command::Pipeline(args) => insight::pipeline(&App::open(&settings).context("opening the database")?, &args),
        Command::Comp(args) => comp::comp(&settings, &args),
        Command::Segments(args) => plan::segments(&App::open(&settings).context("opening the database")?, &args),
        Command::Calls(args) => plan::calls(&App::open(&settings).context("opening the database")?, &args),
        Command::Workload(args) => plan::workload(&App::open(&settings).context("opening the database")?, &args),
        Command::Callplan(args) => plan::callplan(&App::open(&settings).context("opening the database")?, &args),
        Command::Demo { seed, scale, as_of, no_serve, bind } => {
            let app = App::open(&settings).context("opening the database")?;
            let started = Instant::now();
            let config = DemoConfig { seed, scale, as_of };
            let outcome = app
                .demo(&config, &mut |stage| eprintln!("{:>7.1} s  {stage}", started.elapsed().as_secs_f64()))
                .context("preparing the demo")?;
            let database = app.store().describe();
            if outcome.generated {
                println!(
                    "Generated the demo organisation in {:.1} s and stored it in {database} in {:.1} s.",
                    outcome.generate_seconds, outcome.write_seconds
                );
            } else {
                let how = outcome.made_with.map(|m| format!(" ({m})")).unwrap_or_default();
                println!("{database} already holds the demo organisation{how}; using it as it is.");
            }
            let overview = app.overview()?;
            for (label, n) in overview.counts.0.iter().filter(|(_, n)| *n > 0) {
                println!("  {label:<22}{n:>12}");
            }
            println!("Planted in the data, for Sutton to find:");
            for (i, (title, story)) in sutton_app::DEMO_STORIES.iter().enumerate() {
                println!("  {:>2}. {title}: {story}", i + 1);
            }
            println!("Sign in as (password {}):", sutton_app::DEMO_PASSWORD);
            for (login, sees) in &outcome.logins {
                println!("  {login:<8} {sees}");
            }
            if no_serve {
                return Ok(());
            }
            serve(app, bind)
        }
    }
}

/// The import's report: per object read / created / updated / rejected, then every rejected
/// row, placeholders, skipped files and ignored columns.
fn report_import(outcome: &ImportOutcome, dry_run: bool) {
    let plan = &outcome.plan;
    for (file, source, object) in &plan.files {
        println!("{file}: {} {}", source.as_str(), object.label());
    }
    println!("{:<22}{:>10}{:>10}{:>10}{:>10}{:>10}", "", "read", "created", "updated", "unchanged", "rejected");
    for (object, t) in &plan.tallies {
        println!(
            "{:<22}{:>10}{:>10}{:>10}{:>10}{:>10}",
            object.label(),
            t.read,
            t.created,
            t.updated,
            t.unchanged,
            t.rejected
        );
    }
    if !plan.placeholders.is_empty() {
        println!(
            "People known only by reference so far ({}); a later users file fills them in:",
            plan.placeholders.len()
        );
        for (id, label) in &plan.placeholders {
            println!("  person {id}: {label}");
        }
    }
    if !plan.new_stages.is_empty() {
        println!("Stages added to the sales process: {}", plan.new_stages.join(", "));
    }
    for (file, reason) in &plan.skipped {
        println!("Skipped {file}: {reason}");
    }
    for (file, columns) in &plan.ignored_columns {
        println!("Ignored columns in {file}: {}", columns.join(", "));
    }
    for p in &plan.problems {
        eprintln!("rejected: {p}");
    }
    for f in &outcome.rejects_files {
        println!("Rejected rows, with their reasons: {}", f.display());
    }
    if dry_run {
        println!("Dry run: nothing was written.");
    } else if outcome.written {
        println!("Imported.");
    }
}

/// A progress bar on standard error: redrawn in place on a terminal, a line per phase and
/// every tenth otherwise (so logs and tests see progress too).
struct ProgressBar {
    terminal: bool,
    last: Option<(String, usize)>,
    started: Instant,
}

impl ProgressBar {
    fn new() -> ProgressBar {
        use std::io::IsTerminal;
        ProgressBar { terminal: std::io::stderr().is_terminal(), last: None, started: Instant::now() }
    }

    fn show(&mut self, step: Step<'_>) {
        let elapsed = self.started.elapsed().as_secs_f64();
        match step {
            Step::Reading(file) => self.line(&format!("{elapsed:>7.1} s  reading {file}")),
            Step::Writing => self.line(&format!("{elapsed:>7.1} s  writing to the database")),
            Step::Rows { phase, done, total } => {
                let tenth = (done * 10).checked_div(total).unwrap_or(10);
                if self.terminal {
                    let filled = tenth * 3;
                    eprint!(
                        "\r{elapsed:>7.1} s  {phase:<14} [{}{}] {done}/{total}",
                        "#".repeat(filled),
                        " ".repeat(30 - filled.min(30))
                    );
                    self.last = Some((phase.to_owned(), tenth));
                } else if self.last.as_ref() != Some(&(phase.to_owned(), tenth)) {
                    eprintln!("{elapsed:>7.1} s  {phase}: {done} of {total} rows");
                    self.last = Some((phase.to_owned(), tenth));
                }
            }
        }
    }

    fn line(&mut self, text: &str) {
        if self.terminal && self.last.is_some() {
            eprintln!();
        }
        self.last = None;
        eprintln!("{text}");
    }

    fn finish(&mut self) {
        if self.terminal && self.last.is_some() {
            eprintln!();
        }
    }
}

/// Serves until Ctrl-C, printing the address first (the line tests and scripts read).
fn serve(app: App, bind: SocketAddr) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let database = app.store().describe();
    runtime
        .block_on(sutton_web::serve(
            app,
            bind,
            |addr| {
                println!("Sutton is serving {database} at http://{addr}/ (Ctrl-C stops it)");
                tracing::info!(%addr, "listening");
            },
            async {
                let _ = tokio::signal::ctrl_c().await;
                tracing::info!("shutting down");
            },
        ))
        .with_context(|| format!("serving on {bind}"))
}
