//! # sutton-io — CRM files in, Sutton's results out
//!
//! Most organisations already keep their accounts, people and deals in a CRM. This crate reads
//! the files those CRMs export — Salesforce's weekly Data Export and Data Loader files and its
//! report exports, HubSpot's exports, and Sutton's own native CSV format — as people really
//! have them, and writes Sutton's data back in the shapes the CRMs' importers take, plus a
//! workbook for spreadsheet users.
//!
//! Key decisions:
//!
//! * **One field list per object** ([`schema`]): native column names are the fields, and each
//!   CRM's API names and report labels are aliases. Reading and writing every format goes
//!   through the same list.
//! * **Forgiving reading, exact values** ([`read`], [`value`]): UTF-8 with or without BOM,
//!   UTF-16, Windows-1252; comma, semicolon or tab separators; quoted newlines; decimal commas
//!   and thousands separators as Norwegian, Danish and Chinese spreadsheets write them — but
//!   money is parsed as text into integer minor units, never through a float, and a value that
//!   cannot be read exactly is refused, not guessed.
//! * **Every bad row, not the first** ([`import`]): planning an import reads every file, keys
//!   first and fields second, so references resolve across files in any order, then checks the
//!   whole result. It returns the changes and every rejected row with file, line, column, field,
//!   value and reason; the caller writes the changes in one transaction or not at all.
//! * **No IO beyond files and no SQL**: the store is another crate's business.

pub mod export;
pub mod import;
pub mod read;
pub mod schema;
pub mod value;

pub use import::{Options, Plan, Problem, Progress, RejectedRow, STREAM_BATCH, Tally, detect, plan, plan_streaming};
pub use read::Sheet;
pub use schema::{Object, Source};

/// A file that cannot be read or written at all (as opposed to a row that is rejected).
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    #[error("cannot read {file}: {detail}")]
    Read { file: String, detail: String },
    #[error("{file} line {line}: {detail}")]
    Malformed { file: String, line: u64, detail: String },
    #[error("cannot write {file}: {detail}")]
    Write { file: String, detail: String },
}
