//! Schema migrations: numbered SQL files, written once as a template and rendered per backend,
//! applied in order inside one transaction each, recorded in `schema_migrations`.

use chrono::Utc;

use crate::backend::{Backend, Conn, Value};
use crate::error::{StoreError, StoreResult};

pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    template: &'static str,
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "foundation", template: include_str!("../migrations/0001_foundation.sql") },
    Migration { version: 2, name: "access", template: include_str!("../migrations/0002_access.sql") },
    Migration { version: 3, name: "import", template: include_str!("../migrations/0003_import.sql") },
    Migration { version: 4, name: "list indexes", template: include_str!("../migrations/0004_list_indexes.sql") },
    Migration { version: 5, name: "segments", template: include_str!("../migrations/0005_segments.sql") },
    Migration { version: 6, name: "compensation", template: include_str!("../migrations/0006_comp.sql") },
    Migration { version: 7, name: "plan settings", template: include_str!("../migrations/0007_plan.sql") },
    Migration { version: 8, name: "reviews", template: include_str!("../migrations/0008_reviews.sql") },
    Migration { version: 9, name: "segmentation rule", template: include_str!("../migrations/0009_segment_rule.sql") },
    Migration {
        version: 10,
        name: "compensation explanations",
        template: include_str!("../migrations/0010_comp_explanations.sql"),
    },
];

/// The newest schema version this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Every schema version this build knows, in order. Numbers are reserved per feature, so the
/// list may have gaps while a feature is still being built elsewhere.
pub fn known_versions() -> Vec<i64> {
    MIGRATIONS.iter().map(|m| m.version).collect()
}

/// Renders a template for one backend: the primary-key spelling, and `-- @postgres` blocks kept
/// only for PostgreSQL.
pub(crate) fn render(template: &str, backend: Backend) -> String {
    let mut out = String::with_capacity(template.len());
    let mut postgres_only = false;
    for line in template.lines() {
        match line.trim() {
            "-- @postgres" => postgres_only = true,
            "-- @end" => postgres_only = false,
            _ if postgres_only && backend != Backend::Postgres => {}
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let pk = match backend {
        Backend::Sqlite => "INTEGER PRIMARY KEY",
        Backend::Postgres => "BIGINT PRIMARY KEY",
    };
    out.replace("ID_PK", pk)
}

/// Applies every migration the database has not had yet; returns the versions applied.
pub(crate) fn migrate(conn: &mut Conn) -> StoreResult<Vec<i64>> {
    conn.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)",
    )?;
    let backend = conn.backend();
    // Serialise concurrent migrators: SQLite by taking the write lock, PostgreSQL by an
    // advisory lock held for the transaction.
    let begin = match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN; SELECT pg_advisory_xact_lock(7345190021)",
    };
    conn.batch(begin)?;
    let result = apply_pending(conn, backend);
    match result {
        Ok(applied) => {
            conn.batch("COMMIT")?;
            Ok(applied)
        }
        Err(e) => {
            // The original error matters more than a failed rollback.
            let _ = conn.batch("ROLLBACK");
            Err(e)
        }
    }
}

fn apply_pending(conn: &mut Conn, backend: Backend) -> StoreResult<Vec<i64>> {
    // Every version not yet recorded is applied, not only those above the highest: a migration
    // whose number was reserved for work merged later still reaches databases that already
    // have the ones after it.
    let done: Vec<i64> = conn.query("SELECT version FROM schema_migrations", &[], |r| r.i64(0))?;
    let current = done.iter().copied().max().unwrap_or(0);
    if current > latest_version() {
        return Err(StoreError::SchemaTooNew { found: current, known: latest_version() });
    }
    let mut applied = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
        let sql = render(m.template, backend);
        conn.batch(&sql).map_err(|e| StoreError::Migration {
            version: m.version,
            name: m.name,
            detail: e.to_string(),
        })?;
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            &[Value::Int(m.version), Value::from(m.name), Value::Timestamp(Utc::now().naive_utc())],
        )?;
        tracing::info!(version = m.version, name = m.name, backend = backend.name(), "applied migration");
        applied.push(m.version);
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_only_blocks_are_dropped_for_sqlite() {
        let t = "CREATE TABLE t (id ID_PK);\n-- @postgres\nALTER TABLE t ADD x;\n-- @end\nCREATE INDEX i ON t (id);\n";
        let sqlite = render(t, Backend::Sqlite);
        assert!(sqlite.contains("INTEGER PRIMARY KEY") && !sqlite.contains("ALTER") && sqlite.contains("CREATE INDEX"));
        let pg = render(t, Backend::Postgres);
        assert!(pg.contains("BIGINT PRIMARY KEY") && pg.contains("ALTER TABLE t ADD x"));
    }
}
