//! # sutton — the command line
//!
//! One binary for every batch job and for the web server. It parses arguments (clap), sets up
//! logging (`tracing`, honouring `RUST_LOG`), resolves settings (flags, then environment, then
//! defaults), calls a use case in `sutton-app` or starts `sutton-web`, and maps failures to exit
//! codes: 0 success, 1 the work failed, 2 the command line was wrong (clap's own).

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::time::Instant;

use chrono::NaiveDate;
use sutton_app::{App, DEFAULT_URL, DemoConfig, DemoScale, Settings};

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
    let settings = Settings { database_url: cli.database.unwrap_or_else(|| default_url.to_owned()) };
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
        Command::Serve { bind } => {
            let app = App::open(&settings).context("opening the database")?;
            serve(app, bind)
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
            if no_serve {
                return Ok(());
            }
            println!("Sign-in arrives with the web interface; until then the home page shows the demo's records.");
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
