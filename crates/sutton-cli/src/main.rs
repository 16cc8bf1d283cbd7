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
use sutton_app::{App, DEFAULT_URL, Settings};

#[derive(Debug, Parser)]
#[command(name = "sutton", version, about = "Sales force effectiveness: put your sellers where the money is.")]
struct Cli {
    /// Database: sqlite://PATH (created if missing) or postgres://USER@HOST:PORT/DATABASE.
    #[arg(long, global = true, env = "SUTTON_DATABASE_URL", default_value = DEFAULT_URL, value_name = "URL")]
    database: String,

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
    let settings = Settings { database_url: cli.database };
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
    }
}
