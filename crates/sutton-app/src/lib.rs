//! # sutton-app — what Sutton does, independent of how it is asked
//!
//! The web interface and the command line are two doors into the same rooms. Each use case
//! lives here once: open the store, load what an engine needs, run it, persist what must be
//! kept, write the audit trail. Neither door contains business logic, and this crate knows
//! nothing of HTTP or terminals.
//!
//! Settings are typed ([`Settings`]) and come from the command line or the environment
//! (`SUTTON_DATABASE_URL`); the binary resolves them, this crate only uses them.

use sutton_domain::Organisation;
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
