//! What the pages show, on the demo's data, in each language.

use axum::http::StatusCode;
use sutton_app::domain::{OpportunityStatus, Scope};
use sutton_app::{AccountQuery, OpportunityQuery};

use crate::{Browser, demo_app, own_demo};

#[tokio::test]
async fn the_dashboard_shows_the_scopes_figures_with_charts_and_fallback_tables() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("All of Borealis Instruments (demo)"), "{body}");
    assert!(body.contains("as of Nov 15, 2026"), "the demo's own today");
    // The number of open deals is the store's.
    let open = app
        .store()
        .opportunity_page(
            &Scope::Everything,
            &OpportunityQuery { status: Some(OpportunityStatus::Open), ..Default::default() },
        )
        .expect("deals")
        .total;
    let expected = format!("{} deals", sutton_like_number(open));
    assert!(body.contains(&expected), "{expected} on the dashboard");
    for title in [
        "Bookings against quota by quarter",
        "Open pipeline by month of expected close",
        "Open deals by stage",
        "Where the time went, last 90 days (hours)",
    ] {
        assert!(body.contains(&format!("\">{title}</figcaption>")), "chart {title}");
        assert!(body.contains(&format!("<caption>{title}</caption>")), "table fallback for {title}");
    }
    assert!(body.matches("role=\"img\"").count() >= 5, "line, columns, waterfall, funnel and bars");
    // A rep's dashboard is about their own book only.
    let mut rep = Browser::sign_in(&app, "rep").await;
    let mine = rep.get("/").await.body;
    assert!(mine.contains("own book") && !mine.contains("All of Borealis"), "{mine}");
}

fn sutton_like_number(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[tokio::test]
async fn the_account_list_filters_sorts_searches_and_pages() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let all = app.store().account_page(&Scope::Everything, &AccountQuery::default()).expect("accounts");
    let first = vp.get("/accounts").await.body;
    assert!(first.contains(&format!("{} accounts", sutton_like_number(all.total))));
    assert!(first.contains(&format!("Page 1 of {}", (all.total + 49) / 50)), "paged by 50");
    let second = vp.get("/accounts?page=2").await.body;
    assert!(second.contains("Page 2 of") && second.contains("rel=\"prev\""));
    // Sorting by potential, largest first: the first row is the largest potential there is.
    let top = app
        .store()
        .account_page(
            &Scope::Everything,
            &AccountQuery { sort: sutton_app::AccountSort::Potential, descending: true, ..Default::default() },
        )
        .expect("sorted");
    let sorted = vp.get("/accounts?sort=potential&dir=desc").await.body;
    let first_row = sorted.split("<tbody>").nth(1).expect("rows");
    assert!(
        first_row.starts_with(&format!("<tr><td><a href=\"/accounts/{}\">", top.items[0].id.get())),
        "{first_row:.300}"
    );
    // Search by name finds the account.
    let name = &all.items[0].name;
    let word = name.split_whitespace().next().expect("a word");
    let found = vp.get(&format!("/accounts?q={}", word.replace('&', "%26"))).await.body;
    assert!(found.contains(&crate_escape(name)), "searching {word} finds {name}");
    // A filter that makes no sense is a clear 400, not an empty list.
    let bad = vp.get("/accounts?status=sleeping").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("status cannot be “sleeping”"), "{}", bad.body);
}

fn crate_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[tokio::test]
async fn an_account_page_shows_its_contacts_deals_contracts_and_activities() {
    let app = demo_app();
    let customers = app
        .store()
        .account_page(
            &Scope::Everything,
            &AccountQuery { status: Some(sutton_app::domain::AccountStatus::Customer), ..Default::default() },
        )
        .expect("customers");
    let id = customers.items[0].id;
    let detail = app.store().account_detail(&Scope::Everything, id).expect("detail").expect("exists");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get(&format!("/accounts/{}", id.get())).await.body;
    assert!(page.contains(&crate_escape(&detail.account.name)));
    for c in &detail.contacts {
        assert!(page.contains(&crate_escape(&c.name)), "contact {}", c.name);
    }
    for o in &detail.opportunities {
        assert!(page.contains(&format!("/opportunities/{}", o.id.get())), "deal {}", o.name);
    }
    assert!(page.contains("Contracts") && page.contains("Recent activities"));
    if let Some(owner) = &detail.owner {
        assert!(page.contains(&crate_escape(&owner.name)));
    }
}

#[tokio::test]
async fn an_opportunity_page_shows_its_lines_team_and_history() {
    let app = demo_app();
    let deals = app
        .store()
        .opportunity_page(
            &Scope::Everything,
            &OpportunityQuery { status: Some(OpportunityStatus::Won), ..Default::default() },
        )
        .expect("deals");
    let id = deals.items[0].id;
    let detail = app.store().opportunity_detail(&Scope::Everything, id).expect("detail").expect("exists");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get(&format!("/opportunities/{}", id.get())).await.body;
    for name in &detail.product_names {
        assert!(page.contains(&crate_escape(name)), "product {name}");
    }
    let history_rows = page.split("<h2>History</h2>").nth(1).expect("history").matches("<tr><td>").count();
    assert_eq!(history_rows, detail.history.len(), "one row per recorded change");
}

#[tokio::test]
async fn people_page_shows_the_team_tree_and_the_time_heatmap() {
    let app = demo_app();
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/people").await.body;
    for team in app.store().teams().expect("teams") {
        assert!(page.contains(&format!("<strong>{}</strong>", crate_escape(&team.name))), "team {}", team.name);
    }
    assert!(page.contains("Hours logged by person and category"));
}

#[tokio::test]
async fn the_map_colours_every_county_by_the_scopes_accounts() {
    let app = demo_app();
    let mut manager = Browser::sign_in(&app, "manager").await;
    let page = manager.get("/map").await.body;
    assert!(page.matches("<path ").count() > 3_100, "all counties drawn");
    let user = app.user_by_login("manager").expect("manager");
    let scope = app.scope(&user).expect("scope");
    let visible: i64 = app
        .store()
        .accounts_by_unit(&scope, sutton_app::domain::Currency::USD)
        .expect("units")
        .iter()
        .map(|u| u.1)
        .sum();
    assert!(page.contains(&format!("{} accounts in", sutton_like_number(visible))), "the manager's accounts only");
    let potential = manager.get("/map?measure=potential").await;
    assert!(potential.body.contains("Potential by county"));
    assert_eq!(manager.get("/map?measure=nonsense").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn each_user_reads_sutton_in_their_language_with_local_numbers_and_dates() {
    let app = demo_app();
    // Its own login, so other tests never see the language change.
    let login = format!("reader{}", std::process::id());
    let vp = app.user_by_login("vp").expect("vp");
    app.add_user(
        "test",
        sutton_app::NewUser {
            login: login.clone(),
            display_name: "Reader".into(),
            role: sutton_app::domain::AccessRole::Vp,
            person: vp.person,
            language: sutton_app::domain::Language::English,
            password: crate::PASSWORD.into(),
        },
    )
    .expect("user");
    let mut b = Browser::sign_in(&app, &login).await;
    for (tag, word, date) in [
        ("zh-CN", "仪表板", "2026年11月15日"),
        ("nb", "Oversikt", "15. nov. 2026"),
        ("da", "Overblik", "15. nov. 2026"),
        ("en", "Dashboard", "Nov 15, 2026"),
    ] {
        let csrf = b.csrf("/settings").await;
        let r = b.post("/settings/language", &[("csrf", &csrf), ("language", tag)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let home = b.get("/").await.body;
        assert!(home.contains(&format!("<html lang=\"{tag}\">")), "{tag}");
        assert!(home.contains(word) && home.contains(date), "{tag}: {word} and {date}");
    }
}

#[tokio::test]
async fn api_tokens_are_shown_once_work_as_bearer_tokens_and_can_be_revoked() {
    let app = demo_app();
    let mut b = Browser::sign_in(&app, "manager").await;
    let csrf = b.csrf("/settings").await;
    let created = b.post("/settings/tokens", &[("csrf", &csrf), ("name", "forecast script")]).await;
    assert_eq!(created.status, StatusCode::OK);
    let secret =
        created.body.split("id=\"new-token\">").nth(1).and_then(|s| s.split('<').next()).expect("shown").to_owned();
    assert_eq!(secret.len(), 64);
    assert!(!b.get("/settings").await.body.contains(&secret), "never shown again");
    let mut script = Browser::new(&app);
    script.bearer = Some(secret.clone());
    let me = script.get("/api/v1/me").await.json();
    assert_eq!(me["login"], "manager");
    assert_eq!(me["role"], "manager");
    // Revoking it from the settings page stops it at once.
    let settings = b.get("/settings").await.body;
    let revoke =
        settings.split("action=\"/settings/tokens/").nth(1).and_then(|s| s.split('/').next()).expect("revoke form");
    let r = b.post(&format!("/settings/tokens/{revoke}/revoke"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let refused = script.get("/api/v1/me").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json()["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn territories_are_coloured_by_balance_and_the_departed_reps_territory_stands_out() {
    let app = demo_app();
    let territories =
        app.store().territory_map(&Scope::Everything, sutton_app::domain::Currency::USD).expect("territories");
    assert!(territories.len() >= 10, "the demo has a territory map");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/map?measure=territory-accounts").await.body;
    assert!(page.contains("Territories: accounts against the average"));
    for t in &territories {
        assert!(page.contains(&format!("<tr><td>{}</td>", crate_escape(&t.name))), "territory {}", t.name);
    }
    // Every county of a territory carries the territory's colour: one fill per territory.
    let t = &territories[0];
    let fills: std::collections::BTreeSet<&str> = t
        .units
        .iter()
        .filter_map(|code| page.split(&format!("data-fips=\"{code}\"")).next()?.rsplit("fill=\"").next()?.get(..7))
        .collect();
    assert_eq!(fills.len(), 1, "{} is one colour: {fills:?}", t.name);
    // The rep who left (planted story 2) is flagged where they still cover a territory.
    let people = app.store().people(&Scope::Everything).expect("people");
    let departed: Vec<_> = people.iter().filter(|p| p.leave_date.is_some()).collect();
    let still_assigned = territories.iter().any(|t| t.reps.iter().any(|(p, _)| departed.iter().any(|d| d.id == *p)));
    assert!(still_assigned, "the demo's departed rep still covers a territory");
    assert!(page.contains("<span class=\"badge lost\">left "), "the page says so");
    // A manager sees their own team's territories only.
    let mut manager = Browser::sign_in(&app, "manager").await;
    let theirs = manager.get("/map?measure=territory-potential").await.body;
    let user = app.user_by_login("manager").expect("manager");
    let scope = app.scope(&user).expect("scope");
    let visible = app.store().territory_map(&scope, sutton_app::domain::Currency::USD).expect("territories");
    assert!(!visible.is_empty() && visible.len() < territories.len());
    for t in &territories {
        let shown = theirs.contains(&format!("<tr><td>{}</td>", crate_escape(&t.name)));
        assert_eq!(shown, visible.iter().any(|v| v.id == t.id), "territory {}", t.name);
    }
}

#[tokio::test]
async fn the_whiplash_page_ranks_teams_by_risk_and_shows_each_cause() {
    let app = demo_app();
    let report = app.whiplash_today(4).expect("report");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/whiplash").await.body;
    let table =
        page.split("<caption>Risk by team</caption>").nth(1).expect("the table").split("</table>").next().expect("end");
    // The company first, then the teams from the highest risk down.
    let mut teams: Vec<_> = report.teams.iter().collect();
    teams.sort_by(|a, b| b.risk.cmp(&a.risk).then(a.team.name.cmp(&b.team.name)));
    let mut expected = vec![report.company.team.name.clone()];
    expected.extend(teams.iter().map(|t| t.team.name.clone()));
    let shown: Vec<String> = table
        .split("<th scope=\"row\"><a href=\"#team-")
        .skip(1)
        .map(|row| row.split('>').nth(1).and_then(|s| s.split('<').next()).expect("name").to_owned())
        .collect();
    assert_eq!(shown, expected.iter().map(|n| crate_escape(n)).collect::<Vec<_>>());
    // Every flagged cause is explained on the page in the reader's words, and every team has
    // its outlook chart.
    for t in &report.teams {
        for c in &t.causes {
            assert!(page.contains(cause_phrase(c.kind, "en")), "{}: {}", t.team.name, c.explanation);
            if let Some(p) = c.period {
                assert!(page.contains(&format!("for {p} (")) || page.contains(&format!("in {p} (")), "{p}");
            }
        }
        assert!(page.contains(&format!("{}: the coming quarters", crate_escape(&t.team.name))));
    }
    // A manager sees the teams they lead, not the company or the other region.
    let mut manager = Browser::sign_in(&app, "manager").await;
    let theirs = manager.get("/whiplash").await.body;
    assert!(theirs.contains("Field West") && !theirs.contains("Field East"), "only the manager's teams");
    assert!(!theirs.contains("id=\"team-0\""), "no company section for a manager");
}

/// What each kind of cause says, in a language, whatever its figures.
fn cause_phrase(kind: sutton_app::insight::CauseKind, language: &str) -> &'static str {
    use sutton_app::insight::CauseKind as K;
    match (kind, language) {
        (K::ForwardCoverage, "en") => "of the pipeline needed for",
        (K::RenewalCliff, "en") => "of contracts (annual value,",
        (K::Volatility, "en") => "quarterly bookings over the last",
        (K::Concentration, "en") => "deals won in the last year bring",
        (K::EngagementGap, "en") => "of customer value has no one watching",
        (K::SingleThreaded, "en") => "accounts that hang on one contact",
        (K::FunnelStarvation, "en") => "of the pace of the year before",
        (K::ProductSkew, "en") => "leaving the other lines",
        (K::ForwardCoverage, _) => "av pipelinen som trengs for",
        (K::RenewalCliff, _) => "i kontrakter (årsverdi,",
        (K::Volatility, _) => "salget per kvartal de siste",
        (K::Concentration, _) => "vunne avtaler det siste året står for",
        (K::EngagementGap, _) => "av kundeverdien har ingen som følger den",
        (K::SingleThreaded, _) => "kunder som henger på én kontakt",
        (K::FunnelStarvation, _) => "av tempoet året før",
        (K::ProductSkew, _) => "så de andre linjenes pipeline blir tynn",
    }
}

/// A Norwegian reader gets the causes and alerts in Norwegian, figures written the Norwegian
/// way, and no English sentence left.
#[tokio::test]
async fn the_whiplash_page_explains_causes_in_the_readers_language() {
    let app = own_demo("whipwords");
    let report = app.whiplash_today(4).expect("report");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let csrf = vp.csrf("/whiplash").await;
    vp.post("/settings/language", &[("csrf", &csrf), ("language", "nb")]).await;
    let page = vp.get("/whiplash").await.body;
    let causes: Vec<_> = report.teams.iter().chain([&report.company]).flat_map(|t| &t.causes).collect();
    assert!(!causes.is_empty(), "the demo has flagged causes");
    for c in &causes {
        assert!(page.contains(cause_phrase(c.kind, "nb")), "{:?}: {page}", c.kind);
        assert!(!page.contains(cause_phrase(c.kind, "en")), "{:?}: no English left", c.kind);
    }
    // Shares with a no-break space before the sign, as Norwegian writes them.
    assert!(page.contains("\u{a0}%"), "Norwegian percentages");
    // Alerts name their team once, then the cause.
    for t in &report.teams {
        assert!(!page.contains(&format!("{0}</a>: {0}:", crate_escape(&t.team.name))), "{}", t.team.name);
    }
}

#[tokio::test]
async fn the_pipeline_page_shows_coverage_against_need_movement_and_conversion() {
    let app = demo_app();
    let o = app.pipeline_overview().expect("overview");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/pipeline").await.body;
    assert!(page.contains("Coverage in place against coverage needed"), "the heatmap");
    // Every coverage row with a requirement is in the table, marked short or not.
    let short = o.coverage.iter().filter(|r| matches!((r.coverage, r.required), (Some(h), Some(n)) if h < n)).count();
    assert_eq!(page.matches("<span class=\"badge lost\">").count(), short, "each short quarter is marked");
    // The movement waterfall reconciles: start + changes = end, as the engine guarantees.
    for m in &o.movement {
        let parts = m.start.minor() + m.new.minor() + m.pulled_in.minor() + m.grown.minor()
            - m.pushed_out.minor()
            - m.shrunk.minor()
            - m.won.minor()
            - m.lost.minor();
        assert_eq!(parts, m.end.minor(), "{}", m.group.name);
    }
    assert!(page.contains("This quarter’s pipeline from"), "the waterfall");
    for c in &o.conversion {
        assert!(
            page.contains(&format!("<tr><td>{}</td>", crate_escape(&c.group.name))),
            "conversion for {}",
            c.group.name
        );
    }
}

#[tokio::test]
async fn the_coverage_page_finds_the_departed_reps_accounts_and_proposes_an_owner() {
    let app = demo_app();
    let today = app.today();
    let people = app.store().people(&Scope::Everything).expect("people");
    let departed: Vec<_> = people.iter().filter(|p| p.leave_date.is_some_and(|d| d <= today)).collect();
    assert!(!departed.is_empty(), "the demo has a rep who left (story 2)");
    let coverage = app.coverage(&Scope::Everything).expect("coverage");
    let theirs: Vec<_> = coverage
        .orphaned
        .iter()
        .filter(|o| departed.iter().any(|d| o.owner.as_deref() == Some(d.name.as_str())))
        .collect();
    assert!(!theirs.is_empty(), "their accounts are found");
    assert!(theirs.iter().all(|o| o.proposed.is_some()), "each with a proposed interim owner");
    let mut vp = Browser::sign_in(&app, "vp").await;
    let page = vp.get("/coverage").await.body;
    let first = theirs[0];
    assert!(page.contains(&format!("<a href=\"/accounts/{}\">", first.account.get())));
    assert!(page.contains(&crate_escape(&first.reason)) && first.reason.contains("left on"));
    assert!(page.contains("Accounts per rep"));
}
