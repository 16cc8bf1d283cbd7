//! Fresh databases for each test: a SQLite file in its own temporary directory, and, when
//! configured, a PostgreSQL database created for the test and dropped after it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use sutton_store::Store;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database that exists for one test.
pub struct TestDb {
    pub name: &'static str,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, database: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, database } => {
                if let Ok(mut admin) = postgres::Client::connect(admin_url, postgres::NoTls) {
                    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
                }
            }
        }
    }
}

fn unique(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

pub fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(unique("sutton_store_test"));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let url = format!("sqlite://{}", dir.join("test.db").display());
    TestDb { name: "SQLite", url, cleanup: Cleanup::Dir(dir) }
}

/// The PostgreSQL server to test against, if the environment names one.
pub fn postgres_url() -> Option<String> {
    std::env::var("SUTTON_TEST_POSTGRES_URL").ok().filter(|u| !u.trim().is_empty())
}

pub fn postgres(admin_url: &str) -> TestDb {
    let database = unique("sutton_test");
    let mut admin = postgres::Client::connect(admin_url, postgres::NoTls).unwrap_or_else(|e| {
        panic!("SUTTON_TEST_POSTGRES_URL is set but the server cannot be reached ({e}); unset it to test SQLite only")
    });
    admin.batch_execute(&format!("CREATE DATABASE {database}")).expect("create test database");
    let url = with_database(admin_url, &database);
    TestDb { name: "PostgreSQL", url, cleanup: Cleanup::Postgres { admin_url: admin_url.to_owned(), database } }
}

/// The same server URL pointing at another database.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{database}?{q}"),
        None => format!("{host_part}/{database}"),
    }
}

/// Every database the contract runs on.
pub fn databases() -> Vec<TestDb> {
    let mut out = vec![sqlite()];
    if let Some(url) = postgres_url() {
        out.push(postgres(&url));
    }
    out
}

/// Runs `test` once per backend on a freshly opened store, naming the backend if it fails.
pub fn each_backend(test: impl Fn(&TestDb, &Store)) {
    for db in databases() {
        let store = Store::open(&db.url).unwrap_or_else(|e| panic!("{}: open {}: {e}", db.name, db.url));
        eprintln!("-- on {}", db.name);
        test(&db, &store);
    }
}

#[test]
fn configured_postgres_is_reachable_or_the_suite_fails() {
    // Runs on its own so that a misconfigured CI shows one clear failure.
    if let Some(url) = postgres_url() {
        let db = postgres(&url);
        Store::open(&db.url).expect("the configured PostgreSQL accepts a Sutton store");
    }
}

#[test]
fn database_url_rewriting_keeps_host_and_options() {
    assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
    assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
}
