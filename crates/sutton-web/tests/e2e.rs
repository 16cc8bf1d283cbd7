//! End to end in a real headless Chromium, driven through chromedriver: sign in as the rep and
//! see only the rep's accounts, change language, sign out; sign in as the manager and see the
//! team; sign in as the VP and move a county in a territory scenario from the map.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them and sets
//! `SUTTON_E2E=1`, which makes their absence a failure). Without them and without that variable
//! the test says it did not run, so `cargo test` works on a machine with only Rust.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use sutton_app::domain::Scope;
use sutton_app::{AccountQuery, App, DemoConfig, DemoScale, PasswordHashing, Settings};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a port").local_addr().expect("address").port()
}

async fn browser(dir: &std::path::Path) -> (Client, Killed) {
    let port = free_port();
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Killed(driver);
    let profile = dir.join("chromium-profile");
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", format!("--user-data-dir={}", profile.display()),
            ]
        }
    }))
    .expect("capabilities");
    let started = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return (client, driver),
            Err(e) if started.elapsed() > Duration::from_secs(30) => panic!("no WebDriver session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.expect("text")
}

async fn wait_for(c: &Client, what: &str, mut ok: impl AsyncFnMut(&Client) -> bool) {
    let started = Instant::now();
    while !ok(c).await {
        assert!(started.elapsed() < Duration::from_secs(15), "waited 15 s for {what}; at {:?}", c.current_url().await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(c: &Client, base: &str, login: &str) {
    c.goto(&format!("{base}/login")).await.expect("login page");
    c.find(Locator::Css("#login")).await.expect("login field").send_keys(login).await.expect("types");
    c.find(Locator::Css("#password"))
        .await
        .expect("password field")
        .send_keys(sutton_app::DEMO_PASSWORD)
        .await
        .expect("types");
    c.find(Locator::Css("form[action='/login'] button")).await.expect("button").click().await.expect("clicks");
    wait_for(c, "the dashboard", async |c| c.current_url().await.is_ok_and(|u| u.path() == "/")).await;
}

/// Owner names in the accounts table, over every page.
async fn owners_on_all_pages(c: &Client, base: &str) -> (i64, BTreeSet<String>) {
    c.goto(&format!("{base}/accounts")).await.expect("accounts");
    let summary = text(c, "main p.sub").await;
    let total: i64 = summary.split_whitespace().next().expect("count").replace(',', "").parse().expect("a number");
    let mut owners = BTreeSet::new();
    let mut rows = 0;
    loop {
        for row in c.find_all(Locator::Css("main table tbody tr")).await.expect("rows") {
            let cells = row.find_all(Locator::Css("td")).await.expect("cells");
            owners.insert(cells.last().expect("owner cell").text().await.expect("text"));
            rows += 1;
        }
        match c.find(Locator::Css("a[rel=next]")).await {
            Ok(next) => next.click().await.expect("next page"),
            Err(_) => break,
        }
    }
    assert_eq!(rows, total, "every account the count promises is listed");
    (total, owners)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rep_and_a_manager_use_sutton_in_a_real_browser() {
    let required = std::env::var_os("SUTTON_E2E").is_some();
    if !(std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists()) {
        assert!(!required, "SUTTON_E2E is set but {CHROMIUM} or {CHROMEDRIVER} is missing");
        eprintln!("browser test not run: install Debian's chromium and chromium-driver (or run .ci/run)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("sutton_e2e_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let url = format!("sqlite://{}", dir.join("demo.db").display());
    let settings = Settings { password_hashing: PasswordHashing::Fast, ..Settings::new(&url) };
    let app = App::open(&settings).expect("open");
    let config = DemoConfig { scale: DemoScale::Small, ..DemoConfig::default() };
    let prepared = app.clone();
    tokio::task::spawn_blocking(move || prepared.demo(&config, &mut |_| {})).await.expect("joins").expect("demo");

    let (bound_tx, bound_rx) = tokio::sync::oneshot::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sutton_web::serve(
        app.clone(),
        "127.0.0.1:0".parse().expect("address"),
        move |addr| {
            let _ = bound_tx.send(addr);
        },
        async move {
            let _ = stop_rx.await;
        },
    ));
    let base = format!("http://{}", bound_rx.await.expect("bound"));
    let (c, _driver) = browser(&dir).await;

    // The rep: their own book, nothing else.
    sign_in(&c, &base, "rep").await;
    let rep = app.user_by_login("rep").expect("rep");
    let rep_name = rep.display_name.clone();
    assert!(text(&c, "main p.sub").await.contains(&format!("{rep_name}’s own book")));
    let expected =
        app.store().account_page(&app.scope(&rep).expect("scope"), &AccountQuery::default()).expect("accounts").total;
    let (total, owners) = owners_on_all_pages(&c, &base).await;
    assert_eq!(total, expected);
    assert_eq!(owners, BTreeSet::from([rep_name.clone()]), "only the rep's own accounts");

    // Language: the picker in the top bar submits itself.
    c.find(Locator::Css("#lang option[value=nb]")).await.expect("Norwegian").click().await.expect("chooses");
    wait_for(&c, "Norwegian", async |c| c.find(Locator::Css("html[lang=nb]")).await.is_ok()).await;
    assert_eq!(text(&c, "main h1").await, "Kunder");
    assert!(text(&c, "main p.sub").await.contains("kunder"));
    c.find(Locator::Css("#lang option[value=en]")).await.expect("English").click().await.expect("chooses");
    wait_for(&c, "English again", async |c| c.find(Locator::Css("html[lang=en]")).await.is_ok()).await;

    // Sign out: back to the sign-in page, and the pages are closed.
    c.find(Locator::Css("form[action='/logout'] button")).await.expect("sign out").click().await.expect("clicks");
    wait_for(&c, "the sign-in page", async |c| c.current_url().await.is_ok_and(|u| u.path() == "/login")).await;
    c.goto(&format!("{base}/accounts")).await.expect("accounts");
    assert_eq!(c.current_url().await.expect("url").path(), "/login", "signed out means signed out");

    // The manager: the whole team's accounts.
    sign_in(&c, &base, "manager").await;
    let manager = app.user_by_login("manager").expect("manager");
    let scope = app.scope(&manager).expect("scope");
    let expected = app.store().account_page(&scope, &AccountQuery::default()).expect("accounts").total;
    let everyone = app.store().account_page(&Scope::Everything, &AccountQuery::default()).expect("accounts").total;
    let (total, owners) = owners_on_all_pages(&c, &base).await;
    assert_eq!(total, expected);
    assert!(total < everyone, "a team, not the company");
    assert!(owners.len() > 1, "several reps' accounts: {owners:?}");
    assert!(!owners.contains(&rep_name), "not the other region's rep");

    // The VP edits a territory scenario: click a county on the map, move it, and the metrics
    // change in place without leaving the page.
    c.find(Locator::Css("form[action='/logout'] button")).await.expect("sign out").click().await.expect("clicks");
    wait_for(&c, "signed out", async |c| c.current_url().await.is_ok_and(|u| u.path() == "/login")).await;
    let request = sutton_app::PlanRequest {
        name: "Browser edit".to_owned(),
        territories: None,
        balance: vec![(sutton_app::PlanMeasure::Accounts, 0.05)],
        max_disruption: None,
        seed: 1,
        homes: false,
    };
    let planner = app.clone();
    let id = tokio::task::spawn_blocking(move || planner.plan_territories("e2e", &request))
        .await
        .expect("joins")
        .expect("plan")
        .alignment;
    let view = app.scenario(id).expect("scenario");
    let unit = view.units.iter().find(|u| u.values[0] > 0.0).expect("a county with accounts");
    let to = (unit.territory + 1) % view.territories.len();
    let to_id = view.territories[to].id.get();
    sign_in(&c, &base, "vp").await;
    let path = format!("/territories/{}", id.get());
    c.goto(&format!("{base}{path}")).await.expect("editor");
    c.execute(
        "document.querySelector('[data-pick] path[data-fips=\"' + arguments[0] + '\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}));",
        vec![serde_json::json!(unit.fips)],
    )
    .await
    .expect("clicks the county");
    let picked = c.execute("return document.getElementById('unit-pick').value;", vec![]).await.expect("value");
    assert_eq!(picked, serde_json::json!(unit.geo.get().to_string()), "clicking the map picks the county");
    c.find(Locator::Css(&format!("select[name=territory] option[value='{to_id}']")))
        .await
        .expect("the target territory")
        .click()
        .await
        .expect("chooses");
    c.find(Locator::Css("#unit-form button[value=move]")).await.expect("move").click().await.expect("clicks");
    wait_for(&c, "the county in its new territory", async |_| {
        app.scenario(id)
            .is_ok_and(|v| v.units.iter().any(|u2| u2.geo == unit.geo && v.territories[u2.territory].id.get() == to_id))
    })
    .await;
    let after = app.scenario(id).expect("scenario");
    let total = after.metrics.territories[to].totals[0].round() as i64;
    wait_for(&c, "the metrics recomputed in place", async |c| {
        text(c, &format!("#scenario-metrics tr[data-territory='{to_id}']")).await.contains(&format!("{total} ("))
    })
    .await;
    assert_eq!(c.current_url().await.expect("url").path(), path, "the page stayed where it was");

    c.close().await.expect("closes");
    let _ = stop_tx.send(());
    let _ = server.await;
    let _ = std::fs::remove_dir_all(&dir);
}
