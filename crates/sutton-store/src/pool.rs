//! A small blocking connection pool. SQLite gets several connections (WAL lets readers run
//! beside the one writer); an in-memory SQLite database has exactly one, since each connection
//! would otherwise see its own empty database.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::DatabaseUrl;
use crate::backend::Conn;
use crate::error::{StoreError, StoreResult};

#[derive(Debug, Clone)]
pub(crate) struct Pool {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    url: DatabaseUrl,
    max: usize,
    state: Mutex<State>,
    returned: Condvar,
}

#[derive(Debug, Default)]
struct State {
    idle: Vec<Conn>,
    open: usize,
}

/// A connection on loan; goes back to the pool when dropped.
#[derive(Debug)]
pub(crate) struct Pooled {
    conn: Option<Conn>,
    pool: Arc<Inner>,
}

impl std::ops::Deref for Pooled {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn.as_ref().unwrap_or_else(|| unreachable!("a pooled connection is present until drop"))
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Conn {
        self.conn.as_mut().unwrap_or_else(|| unreachable!("a pooled connection is present until drop"))
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut state = lock(&self.pool.state);
            // A PostgreSQL connection the server closed (restart, idle timeout) would fail every
            // later call: drop it, and let the next caller open a fresh one.
            if matches!(&conn, Conn::Postgres(c) if c.is_closed()) {
                state.open -= 1;
            } else {
                state.idle.push(conn);
            }
            self.pool.returned.notify_one();
        }
    }
}

fn lock(m: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panic while holding this lock cannot leave the pool inconsistent (push/pop/count only).
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Pool {
    /// Opens the first connection at once, so a bad URL or an unreachable server is reported
    /// when the store is opened, not on first use.
    pub(crate) fn new(url: DatabaseUrl) -> StoreResult<Pool> {
        let max = match url {
            DatabaseUrl::SqliteMemory => 1,
            _ => 8,
        };
        let first = open(&url)?;
        let inner =
            Inner { url, max, state: Mutex::new(State { idle: vec![first], open: 1 }), returned: Condvar::new() };
        Ok(Pool { inner: Arc::new(inner) })
    }

    pub(crate) fn url(&self) -> &DatabaseUrl {
        &self.inner.url
    }

    /// A connection if one is free or may be opened now, without waiting for one.
    pub(crate) fn try_get(&self) -> Option<Pooled> {
        let mut state = lock(&self.inner.state);
        if let Some(conn) = state.idle.pop() {
            return Some(Pooled { conn: Some(conn), pool: self.inner.clone() });
        }
        if state.open >= self.inner.max {
            return None;
        }
        state.open += 1;
        drop(state);
        match open(&self.inner.url) {
            Ok(conn) => Some(Pooled { conn: Some(conn), pool: self.inner.clone() }),
            Err(_) => {
                lock(&self.inner.state).open -= 1;
                None
            }
        }
    }

    /// Closes the connections nobody is using, so that one that is can find itself the only
    /// connection to the database. Returns whether no other connection is on loan.
    pub(crate) fn close_idle(&self) -> bool {
        let mut state = lock(&self.inner.state);
        let idle = std::mem::take(&mut state.idle);
        state.open -= idle.len();
        let alone = state.open <= 1;
        drop(state);
        drop(idle);
        alone
    }

    pub(crate) fn get(&self) -> StoreResult<Pooled> {
        let mut state = lock(&self.inner.state);
        loop {
            if let Some(conn) = state.idle.pop() {
                return Ok(Pooled { conn: Some(conn), pool: self.inner.clone() });
            }
            if state.open < self.inner.max {
                state.open += 1;
                drop(state);
                return match open(&self.inner.url) {
                    Ok(conn) => Ok(Pooled { conn: Some(conn), pool: self.inner.clone() }),
                    Err(e) => {
                        lock(&self.inner.state).open -= 1;
                        Err(e)
                    }
                };
            }
            let (s, timeout) = self
                .inner
                .returned
                .wait_timeout(state, Duration::from_secs(30))
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            state = s;
            if timeout.timed_out() && state.idle.is_empty() {
                return Err(StoreError::Connect {
                    what: self.inner.url.display(),
                    detail: format!("all {} connections stayed busy for 30 s", self.inner.max),
                });
            }
        }
    }
}

fn open(url: &DatabaseUrl) -> StoreResult<Conn> {
    match url {
        DatabaseUrl::SqliteFile(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Connect {
                    what: url.display(),
                    detail: format!("cannot create directory {}: {e}", dir.display()),
                })?;
            }
            let conn = rusqlite::Connection::open(path)
                .map_err(|e| StoreError::Connect { what: url.display(), detail: e.to_string() })?;
            configure_sqlite(conn, url)
        }
        DatabaseUrl::SqliteMemory => {
            let conn = rusqlite::Connection::open_in_memory()
                .map_err(|e| StoreError::Connect { what: url.display(), detail: e.to_string() })?;
            configure_sqlite(conn, url)
        }
        DatabaseUrl::Postgres { config, display } => {
            let client = config
                .connect(postgres::NoTls)
                .map_err(|e| StoreError::Connect { what: display.clone(), detail: e.to_string() })?;
            Ok(Conn::Postgres(Box::new(client)))
        }
    }
}

/// The page cache, temporary store and sorting threads every SQLite connection runs with (see
/// `configure_sqlite`; no helper threads: queries sort little, and the server has its own
/// threads); a bulk write that changes them for a while puts these back.
pub(crate) const SQLITE_CACHE_SETTINGS: &str =
    "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY; PRAGMA threads = 0;";

/// The journal every SQLite connection runs with (see `configure_sqlite`); a bulk write that
/// changes it for a while puts it back.
pub(crate) const SQLITE_JOURNAL_SETTINGS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

/// How long an SQLite connection waits for another's write lock before giving up.
pub(crate) const SQLITE_BUSY_TIMEOUT_MS: u64 = 10_000;

/// WAL so readers never wait for the writer; a busy timeout so writers queue instead of failing;
/// foreign keys on (SQLite leaves them off by default); NORMAL sync, which in WAL mode is
/// durable against application crashes and loses at most the last commit on power loss; and a
/// 128 MB page cache (the default is 2 MB), without which bulk writes spend their time
/// re-reading index pages for every row.
fn configure_sqlite(conn: rusqlite::Connection, url: &DatabaseUrl) -> StoreResult<Conn> {
    conn.busy_timeout(Duration::from_millis(SQLITE_BUSY_TIMEOUT_MS))
        .and_then(|_| {
            conn.execute_batch(SQLITE_JOURNAL_SETTINGS)?;
            conn.execute_batch("PRAGMA foreign_keys = ON;")?;
            conn.execute_batch(SQLITE_CACHE_SETTINGS)
        })
        .map_err(|e| StoreError::Connect { what: url.display(), detail: e.to_string() })?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(Conn::Sqlite(conn))
}
