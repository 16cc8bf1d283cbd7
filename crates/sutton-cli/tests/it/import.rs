//! `sutton import` and `sutton export` end to end, on SQLite and (when configured) PostgreSQL:
//! the Salesforce round trip of the demo, and an import killed half-way.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sutton_domain::Dataset;

use crate::{SUTTON, TempDir, sutton};

/// A database for one test: a SQLite file, or a PostgreSQL database dropped afterwards.
struct Db {
    name: &'static str,
    url: String,
    admin: Option<(String, String)>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, database)) = &self.admin
            && let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
        }
    }
}

fn databases(dir: &Path, label: &str) -> Vec<Db> {
    let mut out = vec![Db {
        name: "SQLite",
        url: format!("sqlite://{}", dir.join(format!("{label}.db")).display()),
        admin: None,
    }];
    if let Ok(admin) = std::env::var("SUTTON_TEST_POSTGRES_URL") {
        let database = format!("sutton_cli_{label}_{}", std::process::id());
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("SUTTON_TEST_POSTGRES_URL reachable");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")).expect("drop leftover");
        c.batch_execute(&format!("CREATE DATABASE {database}")).expect("create database");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        out.push(Db { name: "PostgreSQL", url: format!("{base}/{database}"), admin: Some((admin.clone(), database)) });
    }
    out
}

fn load(url: &str) -> Dataset {
    let app = sutton_app::App::open(&sutton_app::Settings::new(url)).expect("open");
    app.store().load().expect("load")
}

/// Rows and a checksum of every table, read back through the store.
fn tables(d: &Dataset) -> Vec<(&'static str, usize, u64)> {
    fn sum<T: serde::Serialize>(name: &'static str, rows: &[T]) -> (&'static str, usize, u64) {
        let mut h = DefaultHasher::new();
        serde_json::to_string(rows).expect("serialises").hash(&mut h);
        (name, rows.len(), h.finish())
    }
    let lines: Vec<_> = d.opportunities.iter().map(|o| &o.lines).collect();
    let teams: Vec<_> = d.opportunities.iter().map(|o| &o.team).collect();
    vec![
        sum("geo_units", &d.geo_units),
        sum("teams", &d.teams),
        sum("people", &d.people),
        sum("accounts", &d.accounts),
        sum("contacts", &d.contacts),
        sum("product_lines", &d.product_lines),
        sum("products", &d.products),
        sum("stages", &d.stages),
        sum("leads", &d.leads),
        sum("opportunities", &d.opportunities),
        sum("opportunity_lines", &lines),
        sum("opportunity_team", &teams),
        sum("opportunity_changes", &d.opportunity_changes),
        sum("activities", &d.activities),
    ]
}

#[test]
fn the_demo_exported_for_salesforce_imports_into_an_empty_database_as_the_same_data() {
    let dir = TempDir::new("round_trip");
    for (source, target) in databases(&dir.0, "source").into_iter().zip(databases(&dir.0, "target")) {
        let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--database", &source.url]);
        assert!(ok, "{}: demo: {err}", source.name);
        let files = dir.0.join(format!("sf_{}", source.name));
        let (ok, out, err) =
            sutton(&["export", "--to", "salesforce", "--database", &source.url, files.to_str().expect("path")]);
        assert!(ok, "{}: export: {err}", source.name);
        assert!(out.contains("Opportunity.csv") && out.contains("Sutton_Geo_Unit__c.csv"), "{out}");
        let (ok, out, err) = sutton(&["import", "--database", &target.url, files.to_str().expect("path")]);
        assert!(ok, "{}: import: {out}{err}", target.name);
        let before = load(&source.url);
        let after = load(&target.url);
        assert_eq!(tables(&after), tables(&before), "{}: every table the Salesforce files carry", target.name);
        assert!(after.check().is_empty());
        // Importing the same files again changes nothing.
        let (ok, out, err) = sutton(&["import", "--database", &target.url, files.to_str().expect("path")]);
        assert!(ok, "{err}");
        let opportunities = out.lines().find(|l| l.starts_with("opportunities ")).expect("summary line");
        let numbers: Vec<&str> = opportunities.split_whitespace().skip(1).collect();
        assert_eq!(numbers[1..3], ["0", "0"], "nothing created or updated: {opportunities}");
        assert_eq!(tables(&load(&target.url)), tables(&before), "{}: re-import is idempotent", target.name);
    }
}

/// An Account.csv with one account and an Opportunity.csv with `n` deals on it.
fn big_import(dir: &Path, n: usize) -> PathBuf {
    use std::io::Write;
    let folder = dir.join("big");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("Account.csv"), "Id,Name\n001D000000IqhSL,Acme Corp\n").expect("accounts");
    let mut f = std::io::BufWriter::new(std::fs::File::create(folder.join("Opportunity.csv")).expect("file"));
    writeln!(f, "Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate,CreatedDate").expect("write");
    for i in 0..n {
        writeln!(
            f,
            "006D00000{i:06},Deal {i},001D000000IqhSL,005D000000AbcDe,Prospecting,{}.50,2024-03-01,2024-01-01",
            i % 9000
        )
        .expect("write");
    }
    f.flush().expect("flush");
    folder
}

/// Starts `sutton import` of `folder` into `url`, lets it write for a moment and kills it;
/// `look` runs just before the kill and its answer is returned. Fails if the import had
/// already finished.
fn kill_while_writing<T>(name: &str, url: &str, folder: &Path, look: impl FnOnce() -> T) -> T {
    let mut child = Command::new(SUTTON)
        .args(["import", "--database", url, folder.to_str().expect("path")])
        .env_remove("SUTTON_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().expect("stderr");
    let started = Instant::now();
    let writing = BufReader::new(stderr).lines().map_while(Result::ok).any(|l| l.contains("writing to the database"));
    assert!(writing, "{name}: the import reached its write");
    std::thread::sleep(Duration::from_millis(300));
    let seen = look();
    let still_running = child.try_wait().expect("status").is_none();
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(still_running, "{name}: the import finished within {:?}; make the file bigger", started.elapsed());
    seen
}

#[test]
fn killing_an_import_half_way_leaves_the_database_as_it_was() {
    let dir = TempDir::new("kill");
    let folder = big_import(&dir.0, 200_000);
    let small = dir.0.join("small");
    std::fs::create_dir_all(&small).expect("folder");
    std::fs::write(small.join("Account.csv"), "Id,Name\n001D000000IqhSM,Before Inc\n").expect("accounts");
    for db in databases(&dir.0, "kill") {
        let (ok, _, err) = sutton(&["import", "--database", &db.url, small.to_str().expect("path")]);
        assert!(ok, "{}: {err}", db.name);
        let before = tables(&load(&db.url));

        kill_while_writing(db.name, &db.url, &folder, || ());

        assert_eq!(tables(&load(&db.url)), before, "{}: nothing of the killed import remains", db.name);
        // And the database still takes the whole import afterwards.
        let (ok, out, err) = sutton(&["import", "--database", &db.url, folder.to_str().expect("path")]);
        assert!(ok, "{}: {out}{err}", db.name);
        assert_eq!(load(&db.url).opportunities.len(), 200_000);
    }
}

#[test]
fn killing_a_first_import_into_a_new_file_leaves_it_empty_and_usable() {
    // Alone with a new SQLite file, an import writes through a rollback journal (not the
    // write-ahead log); killed, the journal it leaves behind must undo everything.
    let dir = TempDir::new("kill_first");
    let folder = big_import(&dir.0, 200_000);
    let file = dir.0.join("first.db");
    let url = format!("sqlite://{}", file.display());
    let journal = dir.0.join("first.db-journal");
    let journal_while_writing = kill_while_writing("SQLite", &url, &folder, || journal.exists());
    assert!(journal_while_writing, "the lone import wrote through a rollback journal");

    let after = load(&url);
    assert_eq!((after.accounts.len(), after.opportunities.len(), after.people.len()), (0, 0, 0), "nothing remains");
    assert!(!journal.exists(), "opening the database rolled the journal back and removed it");
    let (ok, out, err) = sutton(&["import", "--database", &url, folder.to_str().expect("path")]);
    assert!(ok, "{out}{err}");
    assert_eq!(load(&url).opportunities.len(), 200_000);
}

#[test]
fn a_bad_row_after_many_good_ones_rolls_back_what_was_already_written() {
    // Enough good rows that several batches (of 10,000) are written while the file is still
    // being read.
    let dir = TempDir::new("late_bad_row");
    let folder = big_import(&dir.0, 30_000);
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(folder.join("Opportunity.csv")).expect("file");
        writeln!(f, "006D00000999999,Late,001D000000IqhSL,005D000000AbcDe,Prospecting,ten,2024-03-01,2024-01-01")
            .expect("write");
    }
    for db in databases(&dir.0, "late_bad_row") {
        let (ok, out, err) = sutton(&["import", "--database", &db.url, folder.to_str().expect("path")]);
        assert!(!ok, "{}: {out}", db.name);
        assert!(err.contains("(amount = \"ten\")") && err.contains("nothing was written"), "{}: {err}", db.name);
        let after = load(&db.url);
        assert_eq!((after.opportunities.len(), after.accounts.len()), (0, 0), "{}: nothing remains", db.name);
    }
}

#[test]
fn a_file_with_bad_rows_writes_nothing_and_names_every_row_unless_told_to_skip_them() {
    let dir = TempDir::new("bad_rows");
    let folder = dir.0.join("in");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("Account.csv"), "Id,Name\n001D000000IqhSL,Acme\n001D000000IqhSM,\n").expect("accounts");
    std::fs::write(
        folder.join("Opportunity.csv"),
        "Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate\n\
         006D000000ZzYy1,Good,001D000000IqhSL,005D000000AbcDe,Prospecting,10,2024-03-01\n\
         006D000000ZzYy2,Bad,001D000000IqhSL,005D000000AbcDe,Prospecting,ten,2024-03-01\n\
         006D000000ZzYy3,Worse,001D000000IqhSL,005D000000AbcDe,Prospecting,10,someday\n",
    )
    .expect("opportunities");
    let url = format!("sqlite://{}", dir.0.join("b.db").display());
    let (ok, out, err) = sutton(&["import", "--database", &url, folder.to_str().expect("path")]);
    assert!(!ok, "{out}");
    assert!(err.contains("Account.csv line 3"), "{err}");
    assert!(err.contains("Opportunity.csv line 3, column \"Amount\" (amount = \"ten\")"), "{err}");
    assert!(err.contains("Opportunity.csv line 4, column \"CloseDate\""), "{err}");
    assert!(err.contains("3 row(s) rejected; nothing was written"), "{err}");
    assert_eq!(load(&url).accounts.len(), 0);

    let (ok, out, err) =
        sutton(&["import", "--dry-run", "--skip-invalid", "--database", &url, folder.to_str().expect("path")]);
    assert!(ok && out.contains("Dry run"), "{err}");
    assert_eq!(load(&url).accounts.len(), 0, "a dry run writes nothing");

    let rejects = dir.0.join("rejects");
    let (ok, out, err) = sutton(&[
        "import",
        "--skip-invalid",
        "--rejects",
        rejects.to_str().expect("path"),
        "--database",
        &url,
        folder.to_str().expect("path"),
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Rejected rows, with their reasons"), "{out}");
    let d = load(&url);
    assert_eq!((d.accounts.len(), d.opportunities.len()), (1, 1));
    let kept = std::fs::read_to_string(rejects.join("Opportunity.csv.rejects.csv")).expect("rejects file");
    assert_eq!(kept.lines().count(), 3, "{kept}");
    assert!(
        kept.contains("006D000000ZzYy2,Bad,001D000000IqhSL,005D000000AbcDe,Prospecting,ten,2024-03-01,3,"),
        "{kept}"
    );
}

#[test]
fn export_to_xlsx_and_hubspot_writes_files() {
    let dir = TempDir::new("export_formats");
    let url = format!("sqlite://{}", dir.0.join("x.db").display());
    let folder = big_import(&dir.0, 10);
    let (ok, _, err) = sutton(&["import", "--database", &url, folder.to_str().expect("path")]);
    assert!(ok, "{err}");
    for format in ["xlsx", "hubspot", "native"] {
        let out_dir = dir.0.join(format);
        let (ok, out, err) = sutton(&["export", "--to", format, "--database", &url, out_dir.to_str().expect("path")]);
        assert!(ok, "{format}: {err}");
        assert!(out.contains("10 records"), "{format}: {out}");
    }
    assert!(dir.0.join("xlsx/sutton.xlsx").exists());
    let fresh = format!("sqlite://{}", dir.0.join("y.db").display());
    let (ok, out, err) =
        sutton(&["import", "--database", &fresh, dir.0.join("xlsx/sutton.xlsx").to_str().expect("path")]);
    assert!(ok, "{out}{err}");
    assert_eq!(load(&fresh).opportunities, load(&url).opportunities);
}
