//! # sutton — the command line
//!
//! One binary for every batch job and for the web server. It parses arguments (clap), sets up
//! logging (`tracing`, honouring `RUST_LOG`), resolves settings (flags, then environment, then
//! defaults), calls a use case in `sutton-app` or starts `sutton-web`, and maps failures to exit
//! codes: 0 success, 1 the work failed, 2 the command line was wrong (clap's own).

mod territories;

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::time::Instant;

use chrono::NaiveDate;
use sutton_app::domain::{AccessRole, Language, Person, Scope};
use sutton_app::{App, DEFAULT_URL, DemoConfig, DemoScale, NewUser, Settings};

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
    /// Territory design.
    Territories {
        #[command(subcommand)]
        command: TerritoriesCommand,
    },
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
