//! # sutton-store — the only place Sutton speaks SQL
//!
//! Sutton keeps an organisation's data in **SQLite** by default (one file, no server) or in
//! **PostgreSQL** for teams that outgrow one machine. This crate hides the difference: callers
//! speak domain types, and the same contract tests run against both databases.
//!
//! Key decisions:
//!
//! * **One logical schema, rendered per backend.** Migrations are SQL templates in
//!   `migrations/`; only the primary-key spelling and PostgreSQL-only constraint blocks differ.
//!   Money is integer minor units plus a currency column, rates are integer parts per million,
//!   dates are `DATE` (ISO text in SQLite). Every command opens the store through
//!   [`Store::open`], which creates the database file and applies pending migrations, so no
//!   command fails on a new file.
//! * **Synchronous drivers** (`rusqlite`, `postgres`) behind a small pool. Engines are
//!   synchronous and bulk writes are tight loops; the web layer calls in from a blocking pool.
//! * **Writes are all-or-nothing.** [`Store::write`] runs a closure in one transaction (SQLite
//!   `BEGIN IMMEDIATE`; PostgreSQL `BEGIN`) and commits only if it returns `Ok`; an error, a
//!   panic or a killed process leaves the database as it was. Records are validated before
//!   they are written and foreign keys are checked at commit, so a batch may arrive in any
//!   order.
//! * **Bulk first.** Writes go in batches (one prepared statement per row in SQLite, 1,000-row
//!   `INSERT`s in PostgreSQL); reads load an in-memory [`Dataset`] in one pass per table.
//! * **Ids** are allocated by the store from a counter table inside the writing transaction,
//!   so callers can wire references between new records before writing any of them.

mod access;
mod backend;
mod comp;
mod error;
mod migrate;
mod plan_settings;
mod pool;
mod read;
mod records;
mod reviews;
mod segments;

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;

use sutton_domain::*;

pub use access::{ApiToken, SessionUser};
pub use backend::Backend;
use backend::{Conn, Value};
pub use comp::{
    CompRunHeader, CompRunRecord, CompRunSummary, StoredAdjustment, StoredCredit, StoredLine, StoredPlanVersion,
    StoredStatement,
};
pub use error::{StoreError, StoreResult};
pub use migrate::{known_versions, latest_version};
pub use plan_settings::{StoredCurve, StoredIcpProfile};
use pool::Pool;
pub use read::{
    AccountDetail, AccountQuery, AccountSort, AccountSummary, ActivityFact, DealFact, OpportunityDetail,
    OpportunityQuery, OpportunitySort, OpportunitySummary, Page, TerritorySummary,
};
use records::Stored;
pub use reviews::{StoredForecast, StoredReview, StoredReviewDeal};
pub use segments::{StoredOverride, StoredRuleSegment, StoredSegment, StoredSegmentRule};

/// The URL used when none is given: a file next to where Sutton runs.
pub const DEFAULT_URL: &str = "sqlite://sutton.db";

/// Where the data lives, parsed from a URL.
#[derive(Debug, Clone)]
pub enum DatabaseUrl {
    SqliteFile(PathBuf),
    SqliteMemory,
    Postgres { config: Box<postgres::Config>, display: String },
}

impl DatabaseUrl {
    /// `sqlite://PATH` (relative, or absolute as `sqlite:///abs/path`), `sqlite::memory:`, or
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?options]`.
    pub fn parse(url: &str) -> StoreResult<DatabaseUrl> {
        let url = url.trim();
        if url == "sqlite::memory:" || url == "sqlite://:memory:" {
            return Ok(DatabaseUrl::SqliteMemory);
        }
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            if path.is_empty() {
                return Err(StoreError::UnsupportedUrl { url: url.to_owned() });
            }
            return Ok(DatabaseUrl::SqliteFile(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let config = postgres::Config::from_str(url)
                .map_err(|e| StoreError::Connect { what: redact(url), detail: e.to_string() })?;
            return Ok(DatabaseUrl::Postgres { config: Box::new(config), display: redact(url) });
        }
        Err(StoreError::UnsupportedUrl { url: redact(url) })
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::SqliteFile(_) | DatabaseUrl::SqliteMemory => Backend::Sqlite,
            DatabaseUrl::Postgres { .. } => Backend::Postgres,
        }
    }

    /// For messages and logs: never shows a password.
    pub fn display(&self) -> String {
        match self {
            DatabaseUrl::SqliteFile(p) => format!("sqlite://{}", p.display()),
            DatabaseUrl::SqliteMemory => "sqlite::memory:".to_owned(),
            DatabaseUrl::Postgres { display, .. } => display.clone(),
        }
    }
}

/// Replaces a password in a URL with `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((userinfo, host)) = rest.split_once('@') else { return url.to_owned() };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// How many records of each kind the database holds, in a stable order for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, i64)>);

impl Counts {
    pub fn get(&self, label: &str) -> Option<i64> {
        self.0.iter().find(|(l, _)| *l == label).map(|(_, n)| *n)
    }

    pub fn total(&self) -> i64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

/// A handle on one database; cheap to clone, safe to share between threads.
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
}

impl Store {
    /// Opens (creating the SQLite file if needed) and applies pending migrations.
    pub fn open(url: &str) -> StoreResult<Store> {
        let store = Store::connect(url)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens without migrating: for `sutton db migrate`, which reports what it applies.
    pub fn connect(url: &str) -> StoreResult<Store> {
        let url = DatabaseUrl::parse(url)?;
        let pool = Pool::new(url)?;
        Ok(Store { pool })
    }

    /// Applies every pending migration; returns the versions applied (empty when up to date).
    pub fn migrate(&self) -> StoreResult<Vec<i64>> {
        let mut conn = self.pool.get()?;
        migrate::migrate(&mut conn)
    }

    pub fn backend(&self) -> Backend {
        self.pool.url().backend()
    }

    /// The database's address without secrets.
    pub fn describe(&self) -> String {
        self.pool.url().display()
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> StoreResult<i64> {
        let mut conn = self.pool.get()?;
        Ok(conn
            .query("SELECT MAX(version) FROM schema_migrations", &[], |r| r.opt_i64(0))?
            .into_iter()
            .flatten()
            .next()
            .unwrap_or(0))
    }

    /// A round trip to the database, for health checks.
    pub fn ping(&self) -> StoreResult<()> {
        let mut conn = self.pool.get()?;
        conn.query("SELECT 1", &[], |r| r.i64(0)).map(|_| ())
    }

    /// Records per kind.
    pub fn counts(&self) -> StoreResult<Counts> {
        let mut conn = self.pool.get()?;
        let mut out = Vec::with_capacity(COUNTED.len());
        for (label, table) in COUNTED {
            let n = conn.query(&format!("SELECT COUNT(*) FROM {table}"), &[], |r| r.i64(0))?;
            out.push((*label, n.first().copied().unwrap_or(0)));
        }
        Ok(Counts(out))
    }

    /// The organisation's settings, or the defaults when none are stored yet.
    pub fn organisation(&self) -> StoreResult<Organisation> {
        let mut conn = self.pool.get()?;
        read_organisation(&mut conn)
    }

    /// Loads everything into memory for the engines.
    pub fn load(&self) -> StoreResult<Dataset> {
        self.load_snapshot(Snapshot::Everything)
    }

    /// Loads a snapshot: everything, or what the pipeline measures read (see [`Snapshot`]).
    ///
    /// Every table is read in one transaction, so the snapshot is the database at one moment
    /// even while others write. When a second connection is free at once, the activities,
    /// accounts, contracts, proposals and deals' lines and teams (about half of a large
    /// organisation's rows) are read on it, beside the rest, in a transaction that sees the
    /// same moment: on PostgreSQL the first transaction's exported snapshot; on
    /// SQLite both read transactions start while a third connection holds the write lock,
    /// which it takes only if it need not wait (with a write under way, one connection reads
    /// everything, as it would with no second connection free).
    pub fn load_snapshot(&self, what: Snapshot) -> StoreResult<Dataset> {
        let mut conn = self.pool.get()?;
        let mut helper = self.pool.try_get();
        let paired = match helper.as_deref_mut() {
            Some(other) => begin_paired(&self.pool, &mut conn, other),
            None => false,
        };
        if !paired {
            helper = None;
            begin_read(&mut conn)?;
        }
        let first = ReadGuard { conn: &mut conn };
        let mut second = helper.as_deref_mut().map(|conn| ReadGuard { conn });
        let (mut data, side) = match &mut second {
            Some(second) => {
                let other: &mut Conn = second.conn;
                std::thread::scope(|s| {
                    let reader = s.spawn(move || SideTables::load(other, what));
                    let rest = load_tables(first.conn, what);
                    let side = reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    Ok::<_, StoreError>((rest?, side?))
                })?
            }
            None => {
                let rest = load_tables(first.conn, what)?;
                (rest, SideTables::load(first.conn, what)?)
            }
        };
        side.put_into(&mut data)?;
        Ok(data)
    }

    /// The newest audit entries first.
    pub fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let mut conn = self.pool.get()?;
        let sql = format!("SELECT {} FROM audit_log ORDER BY id DESC LIMIT ?", AuditEntry::COLUMNS.join(", "));
        conn.query(&sql, &[Value::Int(i64::from(limit))], AuditEntry::from_row)
    }

    /// Runs `work` in one transaction: committed if it returns `Ok`, rolled back otherwise (and
    /// if it panics, or the process dies, nothing it wrote remains).
    pub fn write<T, E>(&self, work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut conn = self.pool.get()?;
        let begin = match conn.backend() {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        conn.batch(begin)?;
        let mut guard = RollbackGuard { conn: &mut conn, done: false };
        let result = work(&mut Tx { conn: guard.conn });
        match result {
            Ok(value) => {
                guard.conn.batch("COMMIT")?;
                guard.done = true;
                Ok(value)
            }
            Err(e) => Err(e),
        }
    }
}

impl Store {
    /// Like [`Store::write`], for bulk loads whose references the caller has already checked
    /// in memory. On SQLite, foreign keys are not enforced row by row while `work` runs (a
    /// lookup per reference per row is most of a bulk insert's cost); instead
    /// `PRAGMA foreign_key_check` runs over `tables` before commit and any violation rolls the
    /// whole transaction back, so the guarantee is the same. PostgreSQL checks its deferred
    /// constraints at commit as always.
    ///
    /// On SQLite, the secondary indexes of those of `tables` that are empty when the write
    /// starts are dropped for its duration and built again, from the written rows, before
    /// the foreign-key check — all inside the transaction. Building an index once from sorted
    /// keys is several times cheaper than placing a million keys one by one at random spots
    /// of a B-tree; and since the drop is part of the transaction, a failed or killed import
    /// leaves the indexes exactly as they were. Unique constraints stay in force throughout
    /// (their indexes are part of the table and are not touched).
    ///
    /// With [`Access::Sole`] on an SQLite file that no other connection has open (in this
    /// process or any other), the write goes through a rollback journal instead of the
    /// write-ahead log, and the database returns to WAL when it ends. A write-ahead log holds
    /// every page a large load writes and then copies each one into the database at commit,
    /// so the load is written twice; with a rollback journal the new pages go straight into
    /// the file and only the few pages that existed before are saved first, in the journal,
    /// which restores them if the process dies (the journal is synced before the file is
    /// touched). The price is that other connections cannot read the database until the
    /// write ends, which is why the caller must say it is alone.
    pub fn write_bulk<T, E>(
        &self,
        tables: &[&str],
        access: Access,
        work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut conn = self.pool.get()?;
        if conn.backend() == Backend::Postgres {
            drop(conn);
            return self.write(work);
        }
        let sole = access == Access::Sole && matches!(self.pool.url(), DatabaseUrl::SqliteFile(_));
        let journal = JournalMode::for_bulk(&mut conn, sole && self.pool.close_idle())?;
        journal.conn.batch("PRAGMA foreign_keys = OFF")?;
        let guard = ForeignKeysBackOn { conn: &mut *journal.conn };
        guard.conn.batch("BEGIN IMMEDIATE")?;
        let mut rollback = RollbackGuard { conn: guard.conn, done: false };
        let started = std::time::Instant::now();
        let (deferred, first_load) = drop_indexes_of_empty_tables(rollback.conn, tables)?;
        // A first load writes only whole new pages, which the page cache need not hold
        // until commit: a smaller cache lets them go to disk while rows are still coming,
        // instead of all at once when the indexes are built. Loads into tables that hold
        // rows keep the large cache, for the indexes they update row by row.
        let value = if first_load {
            let loading = SettingsFor { conn: &mut *rollback.conn, restore: pool::SQLITE_CACHE_SETTINGS };
            loading.conn.batch("PRAGMA cache_size = -32768")?;
            work(&mut Tx { conn: &mut *loading.conn })?
        } else {
            work(&mut Tx { conn: &mut *rollback.conn })?
        };
        tracing::debug!(elapsed = ?started.elapsed(), "bulk rows written");
        if !deferred.is_empty() {
            // SQLite sorts an index's keys in runs as large as the page cache, kept where
            // temporary files go. Our large cache and in-memory temporary store (right for
            // row-by-row writes) make that one huge in-memory run, sorted with poor locality:
            // small runs in temporary files and a merge build the same index about three
            // times faster; helper threads sort beside the one that reads the table (as many
            // as there are cores, up to four, which is where more stop helping). The
            // settings are back as they were when this guard drops.
            let helpers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
            let sorting = SettingsFor { conn: &mut *rollback.conn, restore: pool::SQLITE_CACHE_SETTINGS };
            sorting
                .conn
                .batch(&format!("PRAGMA cache_size = -2000; PRAGMA temp_store = FILE; PRAGMA threads = {helpers};"))?;
            for index in &deferred {
                sorting.conn.batch(index)?;
            }
        }
        tracing::debug!(elapsed = ?started.elapsed(), indexes = deferred.len(), "secondary indexes built");
        let mut violations = Vec::new();
        for table in tables {
            if references_hold(rollback.conn, table)? {
                continue;
            }
            let sql = format!("PRAGMA foreign_key_check({table})");
            violations.extend(rollback.conn.query(&sql, &[], |r| {
                Ok(IntegrityProblem {
                    record: "row",
                    id: r.opt_i64(1)?.unwrap_or(0),
                    problem: format!("in {} refers to a missing row of {}", r.text(0)?, r.text(2)?),
                })
            })?);
        }
        tracing::debug!(elapsed = ?started.elapsed(), "foreign keys checked");
        if !violations.is_empty() {
            return Err(StoreError::Invalid(violations).into());
        }
        rollback.conn.batch("COMMIT")?;
        rollback.done = true;
        tracing::debug!(elapsed = ?started.elapsed(), "bulk write committed");
        Ok(value)
    }

    /// Fields kept from imports that Sutton has no column for: `(object, record id, field,
    /// value)`, ordered.
    pub fn custom_fields(&self) -> StoreResult<Vec<(String, i64, String, String)>> {
        let mut conn = self.pool.get()?;
        conn.query(
            "SELECT object, record_id, name, value FROM custom_fields ORDER BY object, record_id, name",
            &[],
            |r| Ok((r.text(0)?, r.i64(1)?, r.text(2)?, r.text(3)?)),
        )
    }
}

/// Whether every foreign key of `table` holds, answered cheaply: for each single-column key
/// that names its parent's column, whether any distinct value of the child column is missing
/// from the parent — a walk of the child's index when it has one, and one parent lookup per
/// distinct value, where `PRAGMA foreign_key_check` looks up every row's every reference (a
/// million rows' three keys take it most of a second, this a tenth). `false` also when a key
/// cannot be checked this way; the caller then runs the full check, which names the rows.
fn references_hold(conn: &mut Conn, table: &str) -> StoreResult<bool> {
    let keys = conn.query(
        "SELECT seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)",
        &[Value::from(table)],
        |r| Ok((r.i64(0)?, r.text(1)?, r.text(2)?, r.opt_text(3)?)),
    )?;
    // A key over several columns has rows with seq > 0: leave it to the full check.
    if keys.iter().any(|(seq, ..)| *seq > 0) {
        return Ok(false);
    }
    for (_, parent, from, to) in &keys {
        let Some(to) = to.as_deref() else { return Ok(false) };
        // The parent's key column is unique, so indexed: one search per distinct value.
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT \"{from}\" AS v FROM \"{table}\" WHERE \"{from}\" IS NOT NULL) AS c \
             WHERE NOT EXISTS (SELECT 1 FROM \"{parent}\" AS p WHERE p.\"{to}\" = c.v))"
        );
        if conn.query(&sql, &[], |r| r.bool(0))?.first().copied().unwrap_or(true) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Drops the secondary indexes (those created by `CREATE INDEX`, not the ones SQLite keeps for
/// primary keys and unique constraints) of those of `tables` that hold no rows; returns the
/// statements that create them again, and whether every one of `tables` was empty. SQLite
/// only, inside the caller's transaction.
fn drop_indexes_of_empty_tables(conn: &mut Conn, tables: &[&str]) -> StoreResult<(Vec<String>, bool)> {
    let mut recreate = Vec::new();
    let mut all_empty = true;
    for table in tables {
        let empty = conn.query(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"), &[], |r| r.bool(0))?;
        if !empty.first().copied().unwrap_or(false) {
            all_empty = false;
            continue;
        }
        let indexes = conn.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
            &[Value::from(*table)],
            |r| Ok((r.text(0)?, r.text(1)?)),
        )?;
        for (name, sql) in indexes {
            conn.batch(&format!("DROP INDEX \"{name}\""))?;
            recreate.push(sql);
        }
    }
    Ok((recreate, all_empty))
}

/// Puts connection settings back (`restore` is run as a batch) when dropped, however the work
/// that changed them ended.
struct SettingsFor<'a> {
    conn: &'a mut Conn,
    restore: &'static str,
}

impl Drop for SettingsFor<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.conn.batch(self.restore) {
            tracing::warn!(error = %e, "could not restore connection settings");
        }
    }
}

/// Whether a bulk write may take the database for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Other connections may be reading while the write runs (a server).
    Shared,
    /// Nothing else in this process uses the database while the write runs (a command-line
    /// import); other processes are checked for.
    Sole,
}

/// The journal an SQLite bulk write runs with: the rollback journal when the connection could
/// switch to it (which SQLite allows only when no other connection has the database open),
/// put back to the write-ahead log when the write ends, however it ends.
struct JournalMode<'a> {
    conn: &'a mut Conn,
    rollback: bool,
}

impl<'a> JournalMode<'a> {
    fn for_bulk(conn: &'a mut Conn, try_rollback: bool) -> StoreResult<JournalMode<'a>> {
        let mut journal = JournalMode { conn, rollback: false };
        if try_rollback {
            // Without waiting: another process holding the database means sharing it.
            journal.conn.batch("PRAGMA busy_timeout = 0")?;
            let mode = journal.conn.query("PRAGMA journal_mode = DELETE", &[], |r| r.text(0));
            // From here on, however this ends, dropping the guard puts WAL back.
            journal.rollback = matches!(mode.as_deref(), Ok([m]) if m.eq_ignore_ascii_case("delete"));
            journal.conn.batch(&format!("PRAGMA busy_timeout = {}", pool::SQLITE_BUSY_TIMEOUT_MS))?;
            if journal.rollback {
                // The journal must be on disk before the file is overwritten, or a power cut
                // could leave pages that no journal can restore.
                journal.conn.batch("PRAGMA synchronous = FULL")?;
            }
        }
        tracing::debug!(rollback = journal.rollback, "bulk write journal");
        Ok(journal)
    }
}

impl Drop for JournalMode<'_> {
    fn drop(&mut self) {
        if self.rollback
            && let Err(e) = self.conn.batch(pool::SQLITE_JOURNAL_SETTINGS)
        {
            tracing::warn!(error = %e, "could not put the database back in WAL mode");
        }
    }
}

/// Turns SQLite's foreign-key enforcement back on when a bulk write ends, however it ends.
struct ForeignKeysBackOn<'a> {
    conn: &'a mut Conn,
}

impl Drop for ForeignKeysBackOn<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.conn.batch("PRAGMA foreign_keys = ON") {
            tracing::warn!(error = %e, "could not turn foreign keys back on");
        }
    }
}

/// Rolls back an unfinished transaction when dropped (an error or a panic in the closure).
struct RollbackGuard<'a> {
    conn: &'a mut Conn,
    done: bool,
}

impl Drop for RollbackGuard<'_> {
    fn drop(&mut self) {
        if !self.done
            && let Err(e) = self.conn.batch("ROLLBACK")
        {
            tracing::warn!(error = %e, "rollback failed");
        }
    }
}

/// Labels and tables for [`Store::counts`].
const COUNTED: &[(&str, &str)] = &[
    ("teams", "teams"),
    ("people", "people"),
    ("accounts", "accounts"),
    ("contacts", "contacts"),
    ("product lines", "product_lines"),
    ("products", "products"),
    ("leads", "leads"),
    ("opportunities", "opportunities"),
    ("opportunity lines", "opportunity_lines"),
    ("opportunity changes", "opportunity_changes"),
    ("activities", "activities"),
    ("contracts", "contracts"),
    ("proposals", "proposals"),
    ("quotas", "quotas"),
    ("geographic units", "geo_units"),
    ("territories", "territories"),
    ("alignments", "alignments"),
    ("reference clients", "reference_clients"),
    ("trainings", "trainings"),
    ("account segments", "account_segments"),
    ("compensation plan versions", "comp_plan_versions"),
    ("compensation runs", "comp_runs"),
    ("audit entries", "audit_log"),
    ("users", "users"),
];

/// One transaction's writing handle.
#[derive(Debug)]
pub struct Tx<'a> {
    conn: &'a mut Conn,
}

/// The id sequences the store hands out, one per kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Team,
    Person,
    Account,
    Contact,
    ProductLine,
    Product,
    Stage,
    Opportunity,
    OpportunityLine,
    OpportunityChange,
    Lead,
    Activity,
    Contract,
    Proposal,
    Quota,
    GeoUnit,
    Territory,
    Alignment,
    CallPattern,
    ReferenceClient,
    ReferenceUse,
    Training,
    Audit,
    User,
    ApiToken,
    CompPlanVersion,
    CompRun,
    Review,
    ForecastSnapshot,
}

impl IdKind {
    fn table(self) -> &'static str {
        match self {
            IdKind::Team => "teams",
            IdKind::Person => "people",
            IdKind::Account => "accounts",
            IdKind::Contact => "contacts",
            IdKind::ProductLine => "product_lines",
            IdKind::Product => "products",
            IdKind::Stage => "stages",
            IdKind::Opportunity => "opportunities",
            IdKind::OpportunityLine => "opportunity_lines",
            IdKind::OpportunityChange => "opportunity_changes",
            IdKind::Lead => "leads",
            IdKind::Activity => "activities",
            IdKind::Contract => "contracts",
            IdKind::Proposal => "proposals",
            IdKind::Quota => "quotas",
            IdKind::GeoUnit => "geo_units",
            IdKind::Territory => "territories",
            IdKind::Alignment => "alignments",
            IdKind::CallPattern => "call_patterns",
            IdKind::ReferenceClient => "reference_clients",
            IdKind::ReferenceUse => "reference_uses",
            IdKind::Training => "trainings",
            IdKind::Audit => "audit_log",
            IdKind::User => "users",
            IdKind::ApiToken => "api_tokens",
            IdKind::CompPlanVersion => "comp_plan_versions",
            IdKind::CompRun => "comp_runs",
            IdKind::Review => "pipeline_reviews",
            IdKind::ForecastSnapshot => "forecast_snapshots",
        }
    }
}

impl Tx<'_> {
    /// Reserves `n` consecutive ids of a kind; returns the first. Ids are never reused, even if
    /// the transaction that reserved them rolls back (the counter rolls back with it).
    pub fn allocate_ids(&mut self, kind: IdKind, n: u64) -> StoreResult<i64> {
        let table = kind.table();
        let n = i64::try_from(n).map_err(|_| StoreError::Domain(DomainError::AmountOverflow))?;
        self.ensure_counter(table)?;
        let next = self.conn.query(
            "UPDATE id_counters SET next_id = next_id + ? WHERE name = ? RETURNING next_id",
            &[Value::Int(n), Value::from(table)],
            |r| r.i64(0),
        )?;
        Ok(next.first().copied().unwrap_or(1) - n)
    }

    /// Stores the organisation's settings (one row).
    pub fn set_organisation(&mut self, org: &Organisation) -> StoreResult<()> {
        sutton_domain::error::required_text("organisation name", &org.name, 200)?;
        let naming = match org.calendar.naming() {
            FiscalYearNaming::EndYear => "end_year",
            FiscalYearNaming::StartYear => "start_year",
        };
        self.conn.execute(
            "INSERT INTO organisation (id, name, currency, fiscal_first_month, fiscal_naming) VALUES (1, ?, ?, ?, ?) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = excluded.currency, \
             fiscal_first_month = excluded.fiscal_first_month, fiscal_naming = excluded.fiscal_naming",
            &[
                Value::from(org.name.as_str()),
                Value::from(org.currency.code()),
                Value::Int(i64::from(org.calendar.first_month())),
                Value::from(naming),
            ],
        )?;
        Ok(())
    }

    /// Appends entries to the audit log (ids are assigned here).
    pub fn audit(&mut self, entries: &[AuditEntry]) -> StoreResult<()> {
        let first = self.allocate_ids(IdKind::Audit, entries.len() as u64)?;
        let numbered: Vec<AuditEntry> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| AuditEntry { id: AuditId(first + i as i64), ..e.clone() })
            .collect();
        self.conn.insert_rows(AuditEntry::TABLE, AuditEntry::COLUMNS, numbered.iter().map(Stored::values))?;
        Ok(())
    }

    pub fn insert_teams(&mut self, v: &[Team]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_people(&mut self, v: &[Person]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_accounts(&mut self, v: &[Account]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_contacts(&mut self, v: &[Contact]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_product_lines(&mut self, v: &[ProductLine]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_products(&mut self, v: &[Product]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_stages(&mut self, v: &[Stage]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_opportunity_changes(&mut self, v: &[OpportunityChange]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_leads(&mut self, v: &[Lead]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_activities(&mut self, v: &[Activity]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_contracts(&mut self, v: &[Contract]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_proposals(&mut self, v: &[Proposal]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_quotas(&mut self, v: &[Quota]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_geo_units(&mut self, v: &[GeoUnit]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_territories(&mut self, v: &[Territory]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_alignments(&mut self, v: &[Alignment]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_call_patterns(&mut self, v: &[CallPattern]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_reference_uses(&mut self, v: &[ReferenceUse]) -> StoreResult<()> {
        self.insert(v)
    }
    pub fn insert_trainings(&mut self, v: &[Training]) -> StoreResult<()> {
        self.insert(v)
    }

    /// Opportunities with their line items and deal teams.
    pub fn insert_opportunities(&mut self, v: &[Opportunity]) -> StoreResult<()> {
        self.insert(v)?;
        let lines = v.iter().flat_map(|o| o.lines.iter().map(move |l| records::line_values(o.id, l)));
        self.conn.insert_rows("opportunity_lines", records::LINE_COLUMNS, lines)?;
        if let Some(max) = v.iter().flat_map(|o| o.lines.iter().map(|l| l.id.get())).max() {
            self.bump_counter("opportunity_lines", max)?;
        }
        let team = v
            .iter()
            .flat_map(|o| o.team.members().iter().enumerate().map(move |(i, m)| records::team_values(o.id, i, m)));
        self.conn.insert_rows("opportunity_team", records::TEAM_COLUMNS, team)?;
        Ok(())
    }

    /// Reference clients with the buying circumstances they can speak to.
    pub fn insert_reference_clients(&mut self, v: &[ReferenceClient]) -> StoreResult<()> {
        self.insert(v)?;
        let rows = v.iter().flat_map(|r| {
            r.circumstances
                .iter()
                .enumerate()
                .map(move |(i, c)| vec![Value::Int(r.id.get()), Value::Int(i as i64), Value::from(c.as_str())])
        });
        self.conn.insert_rows("reference_circumstances", &["reference_id", "position", "circumstance"], rows)?;
        Ok(())
    }

    pub fn insert_geo_edges(&mut self, v: &[GeoEdge]) -> StoreResult<()> {
        let rows = v.iter().map(|e| vec![Value::Int(e.a().get()), Value::Int(e.b().get())]);
        self.conn.insert_rows("geo_edges", &["a_id", "b_id"], rows)?;
        Ok(())
    }

    pub fn insert_territory_assignments(&mut self, v: &[TerritoryAssignment]) -> StoreResult<()> {
        let rows = v.iter().map(|a| {
            let (geo, account) = match a.unit {
                AlignedUnit::Geo(g) => (Value::Int(g.get()), Value::Null),
                AlignedUnit::Account(x) => (Value::Null, Value::Int(x.get())),
            };
            vec![Value::Int(a.alignment.get()), geo, account, Value::Int(a.territory.get()), Value::Bool(a.locked)]
        });
        self.conn.insert_rows(
            "territory_assignments",
            &["alignment_id", "geo_unit_id", "account_id", "territory_id", "locked"],
            rows,
        )?;
        Ok(())
    }

    /// Replaces the geographic units' assignments of one alignment (a re-optimised scenario);
    /// accounts named individually keep theirs.
    pub fn replace_unit_assignments(&mut self, alignment: AlignmentId, v: &[TerritoryAssignment]) -> StoreResult<()> {
        self.conn.execute(
            "DELETE FROM territory_assignments WHERE alignment_id = ? AND geo_unit_id IS NOT NULL",
            &[Value::Int(alignment.get())],
        )?;
        self.insert_territory_assignments(v)
    }

    /// Puts one geographic unit of an alignment in a territory, locked or not (a hand edit).
    /// Returns whether the alignment had the unit.
    pub fn set_unit_assignment(
        &mut self,
        alignment: AlignmentId,
        unit: GeoUnitId,
        territory: TerritoryId,
        locked: bool,
    ) -> StoreResult<bool> {
        let changed = self.conn.execute(
            "UPDATE territory_assignments SET territory_id = ?, locked = ? WHERE alignment_id = ? AND geo_unit_id = ?",
            &[Value::Int(territory.get()), Value::Bool(locked), Value::Int(alignment.get()), Value::Int(unit.get())],
        )?;
        Ok(changed > 0)
    }

    pub fn insert_territory_reps(&mut self, v: &[TerritoryRep]) -> StoreResult<()> {
        let rows = v
            .iter()
            .map(|r| vec![Value::Int(r.alignment.get()), Value::Int(r.territory.get()), Value::Int(r.person.get())]);
        self.conn.insert_rows("territory_reps", &["alignment_id", "territory_id", "person_id"], rows)?;
        Ok(())
    }

    pub fn update_teams(&mut self, v: &[Team]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_people(&mut self, v: &[Person]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_accounts(&mut self, v: &[Account]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_contacts(&mut self, v: &[Contact]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_products(&mut self, v: &[Product]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_stages(&mut self, v: &[Stage]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_leads(&mut self, v: &[Lead]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_opportunity_changes(&mut self, v: &[OpportunityChange]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_activities(&mut self, v: &[Activity]) -> StoreResult<()> {
        self.update(v)
    }
    /// Status changes (scenario → current → archived), names and notes of alignments.
    pub fn update_alignments(&mut self, v: &[Alignment]) -> StoreResult<()> {
        self.update(v)
    }
    pub fn update_geo_units(&mut self, v: &[GeoUnit]) -> StoreResult<()> {
        self.update(v)
    }

    /// Rewrites opportunities by id, with their line items and deal teams replaced whole.
    pub fn update_opportunities(&mut self, v: &[Opportunity]) -> StoreResult<()> {
        self.update(v)?;
        for o in v {
            let id = [Value::Int(o.id.get())];
            self.conn.execute("DELETE FROM opportunity_lines WHERE opportunity_id = ?", &id)?;
            self.conn.execute("DELETE FROM opportunity_team WHERE opportunity_id = ?", &id)?;
        }
        let lines = v.iter().flat_map(|o| o.lines.iter().map(move |l| records::line_values(o.id, l)));
        self.conn.insert_rows("opportunity_lines", records::LINE_COLUMNS, lines)?;
        if let Some(max) = v.iter().flat_map(|o| o.lines.iter().map(|l| l.id.get())).max() {
            self.bump_counter("opportunity_lines", max)?;
        }
        let team = v
            .iter()
            .flat_map(|o| o.team.members().iter().enumerate().map(move |(i, m)| records::team_values(o.id, i, m)));
        self.conn.insert_rows("opportunity_team", records::TEAM_COLUMNS, team)?;
        Ok(())
    }

    /// Keeps fields an import brought that Sutton has no column for, per record: `(object,
    /// record id, field, value)`. A field already kept for the record is overwritten.
    pub fn set_custom_fields(&mut self, fields: &[(&str, i64, &str, &str)]) -> StoreResult<()> {
        for (object, id, name, value) in fields {
            self.conn.execute(
                "INSERT INTO custom_fields (object, record_id, name, value) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (object, record_id, name) DO UPDATE SET value = excluded.value",
                &[Value::from(*object), Value::Int(*id), Value::from(*name), Value::from(*value)],
            )?;
        }
        Ok(())
    }

    /// Writes a whole dataset (into an empty database, or beside records with other ids),
    /// after checking it: every invalid record and dangling reference is reported at once and
    /// nothing is written.
    pub fn insert_dataset(&mut self, d: &Dataset) -> StoreResult<()> {
        let problems = d.check();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.set_organisation(&d.organisation)?;
        self.insert_geo_units(&d.geo_units)?;
        self.insert_geo_edges(&d.geo_edges)?;
        self.insert_teams(&d.teams)?;
        self.insert_people(&d.people)?;
        self.insert_accounts(&d.accounts)?;
        self.insert_contacts(&d.contacts)?;
        self.insert_product_lines(&d.product_lines)?;
        self.insert_products(&d.products)?;
        self.insert_stages(&d.stages)?;
        self.insert_leads(&d.leads)?;
        self.insert_opportunities(&d.opportunities)?;
        self.insert_opportunity_changes(&d.opportunity_changes)?;
        self.insert_activities(&d.activities)?;
        self.insert_contracts(&d.contracts)?;
        self.insert_proposals(&d.proposals)?;
        self.insert_quotas(&d.quotas)?;
        self.insert_territories(&d.territories)?;
        self.insert_alignments(&d.alignments)?;
        self.insert_territory_assignments(&d.territory_assignments)?;
        self.insert_territory_reps(&d.territory_reps)?;
        self.insert_call_patterns(&d.call_patterns)?;
        self.insert_reference_clients(&d.reference_clients)?;
        self.insert_reference_uses(&d.reference_uses)?;
        self.insert_trainings(&d.trainings)?;
        Ok(())
    }

    /// Validates every record first (reporting all that fail), then writes them in one batch
    /// and moves the id counter past the largest id written.
    fn insert<R: Stored>(&mut self, records: &[R]) -> StoreResult<()> {
        if records.is_empty() {
            return Ok(());
        }
        let problems: Vec<IntegrityProblem> = records
            .iter()
            .filter_map(|r| {
                r.validate().err().map(|e| IntegrityProblem { record: R::KIND, id: r.raw_id(), problem: e.to_string() })
            })
            .collect();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.conn.insert_rows(R::TABLE, R::COLUMNS, records.iter().map(Stored::values))?;
        let max = records.iter().map(Record::raw_id).max().unwrap_or(0);
        self.bump_counter(R::TABLE, max)
    }

    /// Validates every record, then rewrites each row by id.
    fn update<R: Stored>(&mut self, records: &[R]) -> StoreResult<()> {
        if records.is_empty() {
            return Ok(());
        }
        let problems: Vec<IntegrityProblem> = records
            .iter()
            .filter_map(|r| {
                r.validate().err().map(|e| IntegrityProblem { record: R::KIND, id: r.raw_id(), problem: e.to_string() })
            })
            .collect();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        self.conn.update_rows(R::TABLE, R::COLUMNS, records.iter().map(Stored::values))?;
        Ok(())
    }

    fn ensure_counter(&mut self, table: &str) -> StoreResult<()> {
        self.conn.execute(
            "INSERT INTO id_counters (name, next_id) VALUES (?, 1) ON CONFLICT (name) DO NOTHING",
            &[Value::from(table)],
        )?;
        Ok(())
    }

    /// Makes sure the next id handed out for `table` is above `max_written`.
    fn bump_counter(&mut self, table: &str, max_written: i64) -> StoreResult<()> {
        self.ensure_counter(table)?;
        self.conn.execute(
            "UPDATE id_counters SET next_id = CASE WHEN next_id > ? THEN next_id ELSE ? END WHERE name = ?",
            &[Value::Int(max_written), Value::Int(max_written + 1), Value::from(table)],
        )?;
        Ok(())
    }
}

/// How much of the organisation a snapshot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snapshot {
    Everything,
    /// Everything but the activities that are not direct selling, without any activity's
    /// subject, outcome or CRM id, and without the leads: the pipeline and whiplash measures
    /// read only when and where sellers sold, and start from opportunities. For a large
    /// organisation this is a third less to read and hold.
    Pipeline,
}

/// Every table of a snapshot but the [`SideTables`].
fn load_tables(c: &mut Conn, what: Snapshot) -> StoreResult<Dataset> {
    let mut data = Dataset {
        organisation: read_organisation(c)?,
        teams: load_all(c)?,
        people: load_all(c)?,
        accounts: Vec::new(),
        contacts: load_all(c)?,
        product_lines: load_all(c)?,
        products: load_all(c)?,
        stages: load_all(c)?,
        opportunities: load_all(c)?,
        opportunity_changes: load_all(c)?,
        leads: match what {
            Snapshot::Everything => load_all(c)?,
            Snapshot::Pipeline => Vec::new(),
        },
        activities: Vec::new(),
        contracts: Vec::new(),
        proposals: Vec::new(),
        quotas: load_all(c)?,
        geo_units: load_all(c)?,
        geo_edges: c.query("SELECT a_id, b_id FROM geo_edges ORDER BY a_id, b_id", &[], |r| {
            Ok(GeoEdge::new(GeoUnitId(r.i64(0)?), GeoUnitId(r.i64(1)?))?)
        })?,
        territories: load_all(c)?,
        alignments: load_all(c)?,
        territory_assignments: c.query(
            "SELECT alignment_id, geo_unit_id, account_id, territory_id, locked FROM territory_assignments ORDER BY alignment_id, geo_unit_id, account_id",
            &[],
            |r| {
                let unit = match (r.opt_i64(1)?, r.opt_i64(2)?) {
                    (Some(g), _) => AlignedUnit::Geo(GeoUnitId(g)),
                    (None, Some(a)) => AlignedUnit::Account(AccountId(a)),
                    (None, None) => return Err(StoreError::Decode { column: 1, expected: "unit".to_owned(), detail: "NULL".to_owned() }),
                };
                Ok(TerritoryAssignment { alignment: AlignmentId(r.i64(0)?), unit, territory: TerritoryId(r.i64(3)?), locked: r.bool(4)? })
            },
        )?,
        territory_reps: c.query(
            "SELECT alignment_id, territory_id, person_id FROM territory_reps ORDER BY alignment_id, territory_id, person_id",
            &[],
            |r| Ok(TerritoryRep { alignment: AlignmentId(r.i64(0)?), territory: TerritoryId(r.i64(1)?), person: PersonId(r.i64(2)?) }),
        )?,
        call_patterns: load_all(c)?,
        reference_clients: load_all(c)?,
        reference_uses: load_all(c)?,
        trainings: load_all(c)?,
    };
    // NULLs sort first in SQLite and last in PostgreSQL: order in Rust, geography first.
    data.territory_assignments.sort_by_key(|a| (a.alignment, a.unit));
    attach_circumstances(c, &mut data)?;
    Ok(data)
}

/// The tables read on a second connection when one is free: the activities, the accounts,
/// contracts and proposals, and the deals' lines and teams, which for a large organisation
/// take about as long to read as the deals, their history and the rest.
struct SideTables {
    activities: Vec<Activity>,
    accounts: Vec<Account>,
    contracts: Vec<Contract>,
    proposals: Vec<Proposal>,
    children: DealChildren,
}

impl SideTables {
    fn load(c: &mut Conn, what: Snapshot) -> StoreResult<SideTables> {
        Ok(SideTables {
            activities: match what {
                Snapshot::Everything => load_all(c)?,
                Snapshot::Pipeline => load_selling_activities(c)?,
            },
            accounts: load_all(c)?,
            contracts: load_all(c)?,
            proposals: load_all(c)?,
            children: read_deal_children(c, None)?,
        })
    }

    fn put_into(self, data: &mut Dataset) -> StoreResult<()> {
        data.activities = self.activities;
        data.accounts = self.accounts;
        data.contracts = self.contracts;
        data.proposals = self.proposals;
        self.children.attach(data)
    }
}

/// A read transaction that ends when dropped, so that no connection goes back to the pool
/// inside one (it would go on seeing the past).
struct ReadGuard<'a> {
    conn: &'a mut Conn,
}

impl Drop for ReadGuard<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.conn.batch("ROLLBACK") {
            tracing::warn!(error = %e, "ending a read transaction failed");
        }
    }
}

/// Starts a read transaction that sees one moment of the database.
fn begin_read(conn: &mut Conn) -> StoreResult<()> {
    match conn.backend() {
        Backend::Sqlite => {
            conn.batch("BEGIN")?;
            // A deferred transaction takes its snapshot at its first read.
            if let Err(e) = conn.query("SELECT COUNT(*) FROM sqlite_master", &[], |r| r.i64(0)) {
                let _ = conn.batch("ROLLBACK");
                return Err(e);
            }
            Ok(())
        }
        Backend::Postgres => conn.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
    }
}

/// Starts read transactions on `first` and `second` that see the same moment of the
/// database; `false` (with neither in a transaction) when that cannot be had at once.
fn begin_paired(pool: &Pool, first: &mut Conn, second: &mut Conn) -> bool {
    let paired = match first.backend() {
        Backend::Postgres => (|| -> StoreResult<bool> {
            begin_read(first)?;
            let id = first.query("SELECT pg_export_snapshot()", &[], |r| r.text(0))?.pop().unwrap_or_default();
            // A snapshot id is hex digits and dashes; anything else is not put into SQL.
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                return Ok(false);
            }
            begin_read(second)?;
            second.batch(&format!("SET TRANSACTION SNAPSHOT '{id}'"))?;
            Ok(true)
        })()
        .unwrap_or(false),
        Backend::Sqlite => {
            let Some(mut lock) = pool.try_get() else { return false };
            // Never queue for the write lock: a long import holds it for minutes.
            let locked = lock.batch("PRAGMA busy_timeout = 0").is_ok() && lock.batch("BEGIN IMMEDIATE").is_ok();
            let paired = locked && begin_read(first).is_ok() && begin_read(second).is_ok();
            if locked {
                let _ = lock.batch("ROLLBACK");
            }
            let _ = lock.batch(&format!("PRAGMA busy_timeout = {}", pool::SQLITE_BUSY_TIMEOUT_MS));
            paired
        }
    };
    if !paired {
        let _ = first.batch("ROLLBACK");
        let _ = second.batch("ROLLBACK");
    }
    paired
}

/// The direct-selling activities, without their texts and CRM ids.
fn load_selling_activities(conn: &mut Conn) -> StoreResult<Vec<Activity>> {
    let selling = [Value::from(TimeCategory::DirectSelling.as_str())];
    let count = conn.query("SELECT COUNT(*) FROM activities WHERE category = ?", &selling, |r| r.i64(0))?;
    let expected = count.first().map_or(0, |n| usize::try_from(*n).unwrap_or(0));
    let columns: Vec<String> = Activity::COLUMNS
        .iter()
        .map(|c| match *c {
            "ext_system" | "ext_id" | "outcome" | "subject" => format!("NULL AS {c}"),
            c => c.to_owned(),
        })
        .collect();
    let sql = format!("SELECT {} FROM activities WHERE category = ? ORDER BY id", columns.join(", "));
    conn.query_sized(&sql, &selling, expected, Activity::from_row)
}

pub(crate) fn load_all<R: Stored>(conn: &mut Conn) -> StoreResult<Vec<R>> {
    let count = conn.query(&format!("SELECT COUNT(*) FROM {}", R::TABLE), &[], |r| r.i64(0))?;
    let expected = count.first().map_or(0, |n| usize::try_from(*n).unwrap_or(0));
    let sql = format!("SELECT {} FROM {} ORDER BY id", R::COLUMNS.join(", "), R::TABLE);
    conn.query_sized(&sql, &[], expected, |row| {
        R::from_row(row).map_err(|e| match e {
            StoreError::Domain(source) => StoreError::Corrupt { table: R::TABLE, id: row.i64(0).unwrap_or(-1), source },
            other => other,
        })
    })
}

/// Opportunity lines and deal team members as read, each with its opportunity.
struct DealChildren {
    lines: Vec<(OpportunityId, OpportunityLine)>,
    members: Vec<(OpportunityId, DealTeamMember)>,
}

/// Every opportunity's lines and deal team, or with `only` that one opportunity's.
fn read_deal_children(conn: &mut Conn, only: Option<OpportunityId>) -> StoreResult<DealChildren> {
    let (filter, params) = match only {
        Some(id) => ("WHERE opportunity_id = ?", vec![Value::Int(id.get())]),
        None => ("", Vec::new()),
    };
    let sql = format!("SELECT {} FROM opportunity_lines {filter} ORDER BY id", records::LINE_COLUMNS.join(", "));
    let lines = conn.query(&sql, &params, records::line_from_row)?;
    let sql = format!(
        "SELECT {} FROM opportunity_team {filter} ORDER BY opportunity_id, position",
        records::TEAM_COLUMNS.join(", ")
    );
    let members = conn.query(&sql, &params, records::team_member_from_row)?;
    Ok(DealChildren { lines, members })
}

impl DealChildren {
    fn attach(self, data: &mut Dataset) -> StoreResult<()> {
        let index: HashMap<OpportunityId, usize> =
            data.opportunities.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        for (opp, line) in self.lines {
            if let Some(&i) = index.get(&opp) {
                data.opportunities[i].lines.push(line);
            }
        }
        let mut teams: HashMap<OpportunityId, Vec<DealTeamMember>> = HashMap::new();
        for (opp, member) in self.members {
            teams.entry(opp).or_default().push(member);
        }
        for (opp, members) in teams {
            if let Some(&i) = index.get(&opp) {
                data.opportunities[i].team = DealTeam::new(members).map_err(|source| StoreError::Corrupt {
                    table: "opportunity_team",
                    id: opp.get(),
                    source,
                })?;
            }
        }
        Ok(())
    }
}

fn read_organisation(conn: &mut Conn) -> StoreResult<Organisation> {
    let rows = conn.query(
        "SELECT name, currency, fiscal_first_month, fiscal_naming FROM organisation WHERE id = 1",
        &[],
        |r| {
            let naming = match r.text(3)?.as_str() {
                "start_year" => FiscalYearNaming::StartYear,
                _ => FiscalYearNaming::EndYear,
            };
            let month = u32::try_from(r.i64(2)?).unwrap_or(0);
            Ok(Organisation {
                name: r.text(0)?,
                currency: Currency::parse(&r.text(1)?)?,
                calendar: FiscalCalendar::new(month, naming)?,
            })
        },
    )?;
    Ok(rows.into_iter().next().unwrap_or_default())
}

/// Attaches opportunity lines and deal teams, and reference circumstances, to their parents.
/// With `only`, reads the children of that one opportunity (and no reference circumstances).
fn attach_children(conn: &mut Conn, data: &mut Dataset, only: Option<OpportunityId>) -> StoreResult<()> {
    read_deal_children(conn, only)?.attach(data)?;
    if only.is_none() {
        attach_circumstances(conn, data)?;
    }
    Ok(())
}

/// Attaches reference clients' circumstances.
fn attach_circumstances(conn: &mut Conn, data: &mut Dataset) -> StoreResult<()> {
    let refs: HashMap<ReferenceClientId, usize> =
        data.reference_clients.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let rows = conn.query(
        "SELECT reference_id, circumstance FROM reference_circumstances ORDER BY reference_id, position",
        &[],
        |r| Ok((ReferenceClientId(r.i64(0)?), r.text(1)?)),
    )?;
    for (id, c) in rows {
        if let Some(&i) = refs.get(&id) {
            data.reference_clients[i].circumstances.push(c);
        }
    }
    Ok(())
}
