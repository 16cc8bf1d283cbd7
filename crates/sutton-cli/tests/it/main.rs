//! The `sutton` binary as a user runs it.

mod territories;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod comp;
mod import;
mod insight;
mod plan;

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

/// One request over a fresh connection, with extra header lines and a form body.
fn http(addr: &str, method: &str, path: &str, headers: &[String], body: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for h in headers {
        request.push_str(h);
        request.push_str("\r\n");
    }
    if !body.is_empty() {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("sends");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads");
    response
}

fn cookie(response: &str, name: &str) -> String {
    response
        .lines()
        .filter_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie in {response}"))
        .to_owned()
}

/// Signs in through the real sign-in form and returns the session cookie.
fn sign_in(addr: &str, login: &str, password: &str) -> String {
    let form = http(addr, "GET", "/login", &[], "");
    let csrf = cookie(&form, "sutton_login_csrf");
    let field = form.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).expect("csrf field");
    assert_eq!(field, csrf, "the form and the cookie carry the same token");
    let response = http(
        addr,
        "POST",
        "/login",
        &[format!("Origin: http://{addr}"), format!("Cookie: sutton_login_csrf={csrf}")],
        &format!("login={login}&password={password}&csrf={csrf}&next=%2F"),
    );
    assert!(response.starts_with("HTTP/1.1 303"), "{response}");
    cookie(&response, "sutton_session")
}

#[test]
fn migrate_then_serve_answers_healthz_on_sqlite() {
    let dir = TempDir::new("sqlite");
    let url = format!("sqlite://{}", dir.0.join("s.db").display());
    let (ok, out, err) = sutton(&["db", "migrate", "--database", &url]);
    assert!(ok, "{err}");
    let all: Vec<String> = sutton_app::known_schema_versions().iter().map(|v| v.to_string()).collect();
    assert!(out.contains(&format!("applied migration(s) {}.", all.join(", "))), "{out}");
    assert!(dir.0.join("s.db").exists());
    let (ok, out, _) = sutton(&["db", "migrate", "--database", &url]);
    assert!(ok && out.contains("up to date"), "{out}");

    let (_server, addr) = serve(&url);
    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let home = http_get(&addr, "/");
    assert!(home.starts_with("HTTP/1.1 303") && home.contains("location: /login?next=%2F"), "{home}");
    let login = http_get(&addr, "/login");
    assert!(login.starts_with("HTTP/1.1 200") && login.contains("<h1>Sutton</h1>"), "{login}");
}

#[test]
fn serve_creates_a_database_that_does_not_exist_yet() {
    let dir = TempDir::new("fresh");
    let url = format!("sqlite://{}", dir.0.join("new/place/fresh.db").display());
    let (_server, addr) = serve(&url);
    assert!(http_get(&addr, "/healthz").starts_with("HTTP/1.1 200"));
    let (ok, out, _) = sutton(&["db", "status", "--database", &url]);
    let version = format!("schema version {}", sutton_app::latest_schema_version());
    assert!(ok && out.contains(&version) && out.contains("accounts"), "{out}");
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

#[test]
fn demo_generates_once_then_reuses_and_never_touches_other_data() {
    let dir = TempDir::new("demo");
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let (ok, out, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--seed", "7", "--database", &url]);
    assert!(ok, "{err}");
    assert!(out.contains("Generated the demo organisation"), "{out}");
    assert!(err.contains("writing to the database"), "progress is shown: {err}");
    let accounts = |text: &str| text.lines().find(|l| l.trim_start().starts_with("accounts")).map(str::to_owned);
    assert!(accounts(&out).is_some_and(|l| l.ends_with("2000")), "{out}");

    let (ok, again, _) = sutton(&["demo", "--no-serve", "--scale", "small", "--seed", "8", "--database", &url]);
    assert!(ok && again.contains("already holds the demo organisation (seed 7, scale small"), "{again}");
    assert_eq!(accounts(&again), accounts(&out), "reused, not regenerated");

    // A database holding another organisation's data is refused, and left alone.
    let other = format!("sqlite://{}", dir.0.join("other.db").display());
    let app = sutton_app::App::open(&sutton_app::Settings::new(other.clone())).expect("open");
    let acme = sutton_domain::Organisation { name: "Acme Corp".to_owned(), ..Default::default() };
    app.store().write(|tx| tx.set_organisation(&acme)).expect("settings");
    app.store()
        .write(|tx| {
            tx.audit(&[sutton_domain::AuditEntry {
                id: sutton_domain::AuditId(0),
                at: chrono::DateTime::from_timestamp(1_760_000_000, 0).expect("time"),
                actor: "ops".to_owned(),
                action: "import".to_owned(),
                entity: "accounts".to_owned(),
                entity_id: None,
                detail: "Acme's CRM".to_owned(),
            }])
        })
        .expect("audit");
    let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "small", "--database", &other]);
    assert!(!ok && err.contains("already holds Acme Corp's data"), "{err}");
    assert_eq!(app.overview().expect("overview").counts.get("accounts"), Some(0), "nothing was written");
    let (ok, _, err) = sutton(&["demo", "--no-serve", "--scale", "bogus", "--database", &other]);
    assert!(!ok && err.contains("use small, default or large"), "{err}");
}

#[test]
fn demo_serves_what_it_generated() {
    let dir = TempDir::new("demo_serve");
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let mut child = Command::new(SUTTON)
        .args(["demo", "--scale", "small", "--bind", "127.0.0.1:0", "--database", &url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let _server = Server(child);
    let address = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.split("http://").nth(1).and_then(|r| r.split('/').next()).map(str::to_owned))
        .expect("prints where it serves");
    // The demo's administrator signs in with the printed password and sees the demo's records.
    let session = sign_in(&address, "admin", sutton_app::DEMO_PASSWORD);
    let system = http(&address, "GET", "/admin/system", &[format!("Cookie: sutton_session={session}")], "");
    assert!(system.contains("Borealis Instruments (demo)"), "{system}");
    assert!(system.contains("<th scope=\"row\">accounts</th><td class=\"n\">2,000</td>"), "{system}");
    let home = http(&address, "GET", "/", &[format!("Cookie: sutton_session={session}")], "");
    assert!(home.contains("as of Nov 15, 2026"), "the demo's dashboard is as of the demo's date");
}
