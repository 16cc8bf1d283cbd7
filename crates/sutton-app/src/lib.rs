//! # sutton-app — what Sutton does, independent of how it is asked
//!
//! The web interface and the command line are two doors into the same rooms. Each use case
//! lives here once: open the store, load what an engine needs, run it, persist what must be
//! kept, write the audit trail. Neither door contains business logic, and this crate knows
//! nothing of HTTP or terminals.
//!
//! Settings are typed ([`Settings`]) and come from the command line or the environment
//! (`SUTTON_DATABASE_URL`); the binary resolves them, this crate only uses them.

use std::time::Instant;

pub use sutton_demo::{DEFAULT_SEED as DEMO_SEED, DemoConfig, STORIES as DEMO_STORIES, Scale as DemoScale};
use sutton_domain::{AuditEntry, AuditId, Organisation};
pub use sutton_store::{Backend, Counts, DEFAULT_URL, Store, StoreError, latest_version as latest_schema_version};

/// Everything a Sutton process needs to know to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { database_url: DEFAULT_URL.to_owned() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{database} already holds {organisation}'s data, not the demo's; give the demo its own database (for example --database sqlite://sutton-demo.db)"
    )]
    NotADemoDatabase { database: String, organisation: String },
}

/// An open Sutton: the store, ready for use cases. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
}

/// What the home page and `sutton db status` show: where the data is and how much there is.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub organisation: Organisation,
    pub database: String,
    pub backend: Backend,
    pub schema_version: i64,
    pub counts: Counts,
}

impl App {
    /// Opens the database named in `settings`, creating and migrating it as needed, so that no
    /// command fails on a new file.
    pub fn open(settings: &Settings) -> Result<App, AppError> {
        Ok(App { store: Store::open(&settings.database_url)? })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Applies pending migrations to a database opened without them; returns what was applied.
    pub fn migrate(settings: &Settings) -> Result<(Store, Vec<i64>), AppError> {
        let store = Store::connect(&settings.database_url)?;
        let applied = store.migrate()?;
        Ok((store, applied))
    }

    pub fn overview(&self) -> Result<Overview, AppError> {
        Ok(Overview {
            organisation: self.store.organisation()?,
            database: self.store.describe(),
            backend: self.store.backend(),
            schema_version: self.store.schema_version()?,
            counts: self.store.counts()?,
        })
    }

    /// Whether the database answers.
    pub fn health(&self) -> Result<(), AppError> {
        Ok(self.store.ping()?)
    }
}

/// What `App::demo` did.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOutcome {
    /// False when the database already held the demo and was reused.
    pub generated: bool,
    /// How the stored demo was made (seed, scale, as-of date), from the audit log.
    pub made_with: Option<String>,
    pub generate_seconds: f64,
    pub write_seconds: f64,
}

impl App {
    /// Makes this database the demo organisation: generates and stores it when the database is
    /// empty, reuses it when it already holds the demo, and refuses to touch anything else.
    /// The demo is written in one transaction through the same store API an import uses.
    pub fn demo(&self, config: &DemoConfig, progress: &mut dyn FnMut(&str)) -> Result<DemoOutcome, AppError> {
        let overview = self.overview()?;
        let made_with = |store: &Store| -> Result<Option<String>, AppError> {
            Ok(store.audit_log(1_000)?.into_iter().find(|e| e.action == "generate demo").map(|e| e.detail))
        };
        if overview.counts.total() > 0 {
            if overview.organisation.name != sutton_demo::ORGANISATION_NAME {
                return Err(AppError::NotADemoDatabase {
                    database: overview.database,
                    organisation: overview.organisation.name,
                });
            }
            return Ok(DemoOutcome {
                generated: false,
                made_with: made_with(&self.store)?,
                generate_seconds: 0.0,
                write_seconds: 0.0,
            });
        }
        let started = Instant::now();
        let data = sutton_demo::generate(config, progress);
        let generate_seconds = started.elapsed().as_secs_f64();
        progress("writing to the database");
        let detail = format!("seed {}, scale {}, as of {}", config.seed, config.scale.as_str(), config.as_of);
        let started = Instant::now();
        self.store.write(|tx| {
            tx.insert_dataset(&data)?;
            tx.audit(&[AuditEntry {
                id: AuditId(0),
                at: chrono::Utc::now(),
                actor: "sutton demo".to_owned(),
                action: "generate demo".to_owned(),
                entity: "organisation".to_owned(),
                entity_id: None,
                detail: detail.clone(),
            }])
        })?;
        Ok(DemoOutcome {
            generated: true,
            made_with: Some(detail),
            generate_seconds,
            write_seconds: started.elapsed().as_secs_f64(),
        })
    }
}
