//! The web interface and the JSON API against a real SQLite store holding the small demo
//! organisation, signed in as each of the demo's roles.

mod access;
mod api;
mod comp;
mod import;
mod pages;
mod plan;
mod reviews;
mod territories;

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use sutton_app::{App, DemoConfig, DemoScale, PasswordHashing, Settings};
use tower::ServiceExt;

pub const PASSWORD: &str = "sutton-demo";

/// The demo organisation at small scale, generated once per test run into a temporary file.
fn demo_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        // Earlier runs' databases (a static outlives no process exit) are cleared after an hour.
        if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
            for e in entries.flatten() {
                let old = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
                if e.file_name().to_string_lossy().starts_with("sutton_web_it_")
                    && old.is_some_and(|age| age.as_secs() > 3600)
                {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = std::env::temp_dir().join(format!("sutton_web_it_{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let path: PathBuf = dir.join("demo.db");
        let _ = std::fs::remove_file(&path);
        let url = format!("sqlite://{}", path.display());
        let app = App::open(&settings(&url)).expect("open");
        let config = DemoConfig { scale: DemoScale::Small, ..DemoConfig::default() };
        app.demo(&config, &mut |_| {}).expect("demo");
        url
    })
}

fn settings(url: &str) -> Settings {
    Settings { password_hashing: PasswordHashing::Fast, ..Settings::new(url) }
}

/// A fresh application on the shared demo database (its own throttling and caches).
pub fn demo_app() -> App {
    App::open(&settings(demo_url())).expect("open")
}

/// A demo organisation of its own, for a test that changes what every other test reads (the
/// territories, the segmentation rule).
pub fn own_demo(tag: &str) -> App {
    let dir = std::env::temp_dir().join(format!("sutton_web_it_{}_{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let path = dir.join("demo.db");
    let _ = std::fs::remove_file(&path);
    let app = App::open(&settings(&format!("sqlite://{}", path.display()))).expect("open");
    let config = DemoConfig { scale: DemoScale::Small, ..DemoConfig::default() };
    app.demo(&config, &mut |_| {}).expect("demo");
    app
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Response {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

#[allow(missing_debug_implementations)] // holds a router, which has no useful Debug
/// A browser: keeps cookies, sends our Origin on forms, knows the session's CSRF token.
pub struct Browser {
    pub app: App,
    router: Router,
    cookies: Vec<(String, String)>,
    pub bearer: Option<String>,
}

impl Browser {
    pub fn new(app: &App) -> Browser {
        Browser { app: app.clone(), router: sutton_web::router(app.clone()), cookies: Vec::new(), bearer: None }
    }

    pub fn cookie_value(&self, name: &str) -> String {
        self.cookies.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.retain(|(k, _)| k != name);
        self.cookies.push((name.to_owned(), value.to_owned()));
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn send(&mut self, request: Request<Body>) -> Response {
        let response = self.router.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let text = set.to_str().expect("cookie");
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            self.cookies.retain(|(k, _)| k != name);
            if !attributes.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
        let bytes = to_bytes(response.into_body(), 16 << 20).await.expect("body").to_vec();
        // Downloads (XLSX) are binary: keep the bytes, and text for everything else.
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Response { status, headers, body, bytes }
    }

    pub async fn get(&mut self, path: &str) -> Response {
        let mut request = Request::get(path).header(header::HOST, "sutton.test");
        if !self.cookies.is_empty() {
            request = request.header(header::COOKIE, self.cookie_header());
        }
        if let Some(token) = &self.bearer {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).expect("request")).await
    }

    /// Posts a JSON body with the bearer token, as an API client does.
    pub async fn post_json(&mut self, path: &str, body: &serde_json::Value) -> Response {
        let mut request =
            Request::post(path).header(header::HOST, "sutton.test").header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = &self.bearer {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::from(body.to_string())).expect("request")).await
    }

    /// Posts a form as our own page would (with `Origin`), or as another site would.
    pub async fn post_from(&mut self, origin: &str, path: &str, fields: &[(&str, &str)]) -> Response {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", form_urlencoded(v))).collect();
        let mut request = Request::post(path)
            .header(header::HOST, "sutton.test")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !self.cookies.is_empty() {
            request = request.header(header::COOKIE, self.cookie_header());
        }
        self.send(request.body(Body::from(body.join("&"))).expect("request")).await
    }

    /// Posts a `multipart/form-data` form with files, as a browser's file upload does.
    pub async fn post_files(&mut self, path: &str, fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> Response {
        let boundary = "----sutton-test-boundary-7d9f";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
            );
        }
        for (file, bytes) in files {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{file}\"\r\nContent-Type: text/csv\r\n\r\n"
                )
                .bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").bytes());
        let mut request = Request::post(path)
            .header(header::HOST, "sutton.test")
            .header(header::ORIGIN, "http://sutton.test")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        if !self.cookies.is_empty() {
            request = request.header(header::COOKIE, self.cookie_header());
        }
        self.send(request.body(Body::from(body)).expect("request")).await
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.post_from("http://sutton.test", path, fields).await
    }

    /// The CSRF token of the page most recently fetched from `path`.
    pub async fn csrf(&mut self, path: &str) -> String {
        let page = self.get(path).await;
        hidden(&page.body, "csrf").unwrap_or_else(|| panic!("no csrf field on {path}: {}", page.body))
    }

    pub async fn sign_in(app: &App, login: &str) -> Browser {
        let mut b = Browser::new(app);
        let form = b.get("/login").await;
        assert_eq!(form.status, StatusCode::OK);
        let csrf = hidden(&form.body, "csrf").expect("login csrf");
        let r = b.post("/login", &[("login", login), ("password", PASSWORD), ("csrf", &csrf), ("next", "/")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{login} signs in: {}", r.body);
        assert!(b.cookies.iter().any(|(k, _)| k == "sutton_session"), "a session cookie is set");
        b
    }
}

pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}

fn form_urlencoded(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let mut b = Browser::new(&demo_app());
    let r = b.get("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, "ok\n");
}

#[tokio::test]
async fn unknown_paths_are_not_found_as_html_and_as_json() {
    let mut b = Browser::new(&demo_app());
    assert_eq!(b.get("/no-such-page").await.status, StatusCode::NOT_FOUND);
    let api = b.get("/api/v1/no-such-thing").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn pages_link_their_style_and_script_by_fingerprint_and_those_are_cached_for_long() {
    let mut b = Browser::sign_in(&demo_app(), "vp").await;
    let page = b.get("/accounts").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<style>"), "the style sheet is an asset, not repeated in every page");
    for (name, kind, sample) in
        [("sutton.css", "text/css", ".panel"), ("sutton.js", "text/javascript", "data-autosubmit")]
    {
        let at = page.body.find(&format!("/assets/{name}?v=")).unwrap_or_else(|| panic!("{name} is linked"));
        let href: String = page.body[at..].chars().take_while(|c| *c != '"').collect();
        let current = b.get(&href).await;
        assert_eq!(current.status, StatusCode::OK, "{href}");
        assert!(current.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind));
        assert!(current.body.contains(sample), "{name} has its content");
        assert!(current.headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        // Any other address of the asset is served, but kept only briefly.
        for other in [format!("/assets/{name}"), format!("/assets/{name}?v=0000000000000000")] {
            let r = b.get(&other).await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(r.body, current.body);
            assert_eq!(r.headers[header::CACHE_CONTROL], "public, max-age=300", "{other}");
        }
    }
}
