//! Bulk writes: the same all-or-nothing promise as any write, however the load is written.

use std::path::{Path, PathBuf};

use sutton_domain::*;
use sutton_store::{Access, Store, StoreError};

use crate::harness::{databases, sqlite};
use crate::sample::dataset;

/// The tables the sample's opportunities touch.
const TABLES: [&str; 4] = ["people", "accounts", "opportunities", "opportunity_lines"];

/// The sample dataset, and new deals on its accounts to write in bulk beside it.
fn split_sample() -> (Dataset, Vec<Opportunity>) {
    let data = dataset();
    let deals = (0..5)
        .map(|i| (i, &data.opportunities[i % data.opportunities.len()]))
        .map(|(i, o)| Opportunity {
            id: OpportunityId(10_000 + i as i64),
            external_id: None,
            name: format!("{} (bulk)", o.name),
            lines: Vec::new(),
            ..o.clone()
        })
        .collect();
    (data, deals)
}

/// The deals of `data` that `split_sample` made.
fn bulk_deals(data: &Dataset) -> Vec<Opportunity> {
    data.opportunities.iter().filter(|o| o.id.get() >= 10_000).cloned().collect()
}

fn file_of(url: &str) -> PathBuf {
    PathBuf::from(url.trim_start_matches("sqlite://"))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The journal mode the database file records, read by a connection of its own.
fn journal_mode(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("opens");
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal mode")
}

#[test]
fn a_dangling_reference_written_in_bulk_is_refused_and_nothing_is_written() {
    for db in databases() {
        let store = Store::open(&db.url).expect("opens");
        let (base, opportunities) = split_sample();
        store.write(|tx| tx.insert_dataset(&base)).expect("the rest of the sample is valid");
        let mut lost = opportunities.clone();
        // One deal among good ones names an account that does not exist.
        lost[1].account = AccountId(987_654);
        for access in [Access::Shared, Access::Sole] {
            let result = store.write_bulk(&TABLES, access, |tx| tx.insert_opportunities(&lost));
            match result {
                Err(StoreError::Invalid(problems)) if db.name == "SQLite" => {
                    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                    assert!(
                        problems.iter().any(|p| p.id == lost[1].id.get() && p.problem.contains("accounts")),
                        "{}: the deal and the table it misses are named: {text:?}",
                        db.name
                    );
                }
                Err(_) if db.name != "SQLite" => {}
                other => panic!("{}: a dangling reference was written: {other:?}", db.name),
            }
            assert!(bulk_deals(&store.load().expect("load")).is_empty(), "{}: nothing was written", db.name);
        }
        // The same deals with their references whole are written.
        store.write_bulk(&TABLES, Access::Sole, |tx| tx.insert_opportunities(&opportunities)).expect("valid");
        assert_eq!(bulk_deals(&store.load().expect("load")), opportunities, "{}", db.name);
    }
}

#[test]
fn a_lone_bulk_write_goes_straight_into_the_file_and_leaves_it_in_wal_mode() {
    let db = sqlite();
    let path = file_of(&db.url);
    let store = Store::open(&db.url).expect("opens");
    let (base, opportunities) = split_sample();
    store.write(|tx| tx.insert_dataset(&base)).expect("valid");
    assert_eq!(journal_mode(&path), "wal");

    let journal = with_suffix(&path, "-journal");
    let seen = store
        .write_bulk(&TABLES, Access::Sole, |tx| -> Result<bool, StoreError> {
            tx.insert_opportunities(&opportunities)?;
            // A rollback journal holds what the write changes until it commits.
            Ok(journal.exists())
        })
        .expect("written");
    assert!(seen, "the write ran with a rollback journal");
    assert!(!journal.exists(), "and removed it when it committed");
    assert_eq!(journal_mode(&path), "wal", "the database is back in WAL mode");
    assert_eq!(bulk_deals(&store.load().expect("load")), opportunities);

    // A failed lone write leaves the data as it was, and WAL mode too.
    let failed = store.write_bulk(&TABLES, Access::Sole, |tx| -> Result<(), StoreError> {
        tx.insert_accounts(&[crate::sample::account(9_001, "Written then undone")])?;
        Err(StoreError::Invalid(Vec::new()))
    });
    assert!(failed.is_err());
    assert!(!journal.exists());
    assert_eq!(journal_mode(&path), "wal");
    assert!(store.load().expect("load").accounts.iter().all(|a| a.id.get() != 9_001), "rolled back");
}

#[test]
fn a_lone_bulk_write_shares_the_database_when_another_connection_has_it_open() {
    let db = sqlite();
    let path = file_of(&db.url);
    let store = Store::open(&db.url).expect("opens");
    let (base, opportunities) = split_sample();
    store.write(|tx| tx.insert_dataset(&base)).expect("valid");
    // Someone else reads the same database (a server, say).
    let reader = Store::open(&db.url).expect("a second store");
    assert_eq!(reader.load().expect("reads").accounts.len(), base.accounts.len());

    let wal = with_suffix(&path, "-wal");
    let journal = with_suffix(&path, "-journal");
    let (used_wal, used_journal) = store
        .write_bulk(&TABLES, Access::Sole, |tx| -> Result<(bool, bool), StoreError> {
            tx.insert_opportunities(&opportunities)?;
            Ok((wal.exists(), journal.exists()))
        })
        .expect("written all the same");
    assert!(used_wal && !used_journal, "the write kept to the write-ahead log");
    assert_eq!(bulk_deals(&reader.load().expect("reads")), opportunities, "the reader sees the write");
    assert_eq!(journal_mode(&path), "wal");
}
