//! The `sutton` binary as a user runs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const SUTTON: &str = env!("CARGO_BIN_EXE_sutton");

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("sutton_cli_{name}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sutton(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(SUTTON).args(args).env_remove("SUTTON_DATABASE_URL").output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `sutton serve` on a free port and returns it with the address it printed.
fn serve(database: &str) -> (Server, String) {
    let mut child = Command::new(SUTTON)
        .args(["serve", "--bind", "127.0.0.1:0", "--database", database])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("prints its address");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (server, addr)
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("sends");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads");
    response
}

#[test]
fn migrate_then_serve_answers_healthz_on_sqlite() {
    let dir = TempDir::new("sqlite");
    let url = format!("sqlite://{}", dir.0.join("s.db").display());
    let (ok, out, err) = sutton(&["db", "migrate", "--database", &url]);
    assert!(ok, "{err}");
    assert!(out.contains("applied migration(s) 1"), "{out}");
    assert!(dir.0.join("s.db").exists());
    let (ok, out, _) = sutton(&["db", "migrate", "--database", &url]);
    assert!(ok && out.contains("up to date"), "{out}");

    let (_server, addr) = serve(&url);
    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let home = http_get(&addr, "/");
    assert!(home.starts_with("HTTP/1.1 200") && home.contains("Records held"), "{home}");
}

#[test]
fn serve_creates_a_database_that_does_not_exist_yet() {
    let dir = TempDir::new("fresh");
    let url = format!("sqlite://{}", dir.0.join("new/place/fresh.db").display());
    let (_server, addr) = serve(&url);
    assert!(http_get(&addr, "/healthz").starts_with("HTTP/1.1 200"));
    let (ok, out, _) = sutton(&["db", "status", "--database", &url]);
    assert!(ok && out.contains("schema version 1") && out.contains("accounts"), "{out}");
}

#[test]
fn migrate_then_serve_answers_healthz_on_postgres() {
    let Ok(url) = std::env::var("SUTTON_TEST_POSTGRES_URL") else { return };
    let (ok, out, err) = sutton(&["db", "migrate", "--database", &url]);
    assert!(ok, "migrate on PostgreSQL: {out}{err}");
    let (_server, addr) = serve(&url);
    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
}

#[test]
fn a_bad_database_url_fails_with_a_clear_message() {
    let (ok, _, err) = sutton(&["db", "migrate", "--database", "mysql://localhost/x"]);
    assert!(!ok);
    assert!(err.contains("unsupported database URL") && err.contains("sqlite://"), "{err}");
}
