//! Store errors. Each says which statement or record failed and why, without leaking
//! connection secrets.

use sutton_domain::{DomainError, IntegrityProblem};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database URL {url:?}: use sqlite://PATH (for example sqlite://sutton.db) or postgres://USER@HOST:PORT/DATABASE"
    )]
    UnsupportedUrl { url: String },
    #[error("cannot open {what}: {detail}")]
    Connect { what: String, detail: String },
    #[error("database error in `{statement}`: {detail}")]
    Sql { statement: String, detail: String },
    #[error("column {column}: expected {expected}, {detail}")]
    Decode { column: usize, expected: String, detail: String },
    #[error("stored {table} {id} is not valid: {source}")]
    Corrupt { table: &'static str, id: i64, source: DomainError },
    #[error("migration {version} ({name}) failed: {detail}")]
    Migration { version: i64, name: &'static str, detail: String },
    #[error("the database is at schema version {found}, newer than this Sutton knows ({known}); upgrade Sutton")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("refusing to write {} invalid record(s); first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Invalid(Vec<IntegrityProblem>),
    #[error("{0}")]
    Domain(#[from] DomainError),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    pub(crate) fn sqlite(statement: &str, e: rusqlite::Error) -> StoreError {
        StoreError::Sql { statement: shorten(statement), detail: e.to_string() }
    }

    pub(crate) fn postgres(statement: &str, e: postgres::Error) -> StoreError {
        // The database's own message (constraint, column) is in the source, not the display.
        let detail = match e.as_db_error() {
            Some(db) => match db.detail() {
                Some(d) => format!("{}: {}", db.message(), d),
                None => db.message().to_owned(),
            },
            None => e.to_string(),
        };
        StoreError::Sql { statement: shorten(statement), detail }
    }
}

/// Keeps error messages readable when the statement is a 1,000-row insert.
fn shorten(sql: &str) -> String {
    let one_line: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 160 {
        let head: String = one_line.chars().take(157).collect();
        format!("{head}...")
    } else {
        one_line
    }
}
