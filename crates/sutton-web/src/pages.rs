//! The HTML routes. Each handler asks the application for data in the viewer's scope, then
//! writes the page; none of them filters records itself (the store already did).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sutton_app::domain::{
    AccessRole, AccountId, AccountStatus, ForecastCategory, Language, Money, OpportunityId, OpportunityStatus, Period,
    Person, PersonId, Scope, Team, TeamId,
};
use sutton_app::{AccountQuery, App, AppError, NewUser, OpportunityQuery};

use crate::chart::{self, Datum, Series};
use crate::html::{self, Esc, card, escape, escape_into, page, pager, sort_header};
use crate::i18n::{LANGUAGES, Tr, endonym};
use crate::session::{self, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Viewer};
use crate::{WebError, blocking, map};

const PER_PAGE: u32 = 50;

type PageResult = Result<Response, WebError>;

fn ok(html: String) -> PageResult {
    Ok(Html(html).into_response())
}

/// Parses an optional query value; an empty field means "not given".
fn parse_opt<T>(
    tr: &Tr,
    field: &str,
    value: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, WebError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| {
            WebError::BadRequest(*tr, tr.ta("bad-field", &[("field", field.to_owned()), ("value", v.to_owned())]))
        }),
    }
}

fn status_badge(tr: &Tr, set: &str, value: &str) -> String {
    format!("<span class=\"badge {value}\">{}</span>", escape(&tr.value(set, value)))
}

fn money_cell(tr: &Tr, m: Option<&Money>) -> String {
    match m {
        Some(m) => format!("<td class=\"n\" data-v=\"{}\">{}</td>", m.minor(), escape(&tr.money_whole(m))),
        None => "<td class=\"n\" data-v=\"0\">–</td>".to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Signing in and out

#[derive(Debug, Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/login") => n.to_owned(),
        _ => "/".to_owned(),
    }
}

fn login_page(tr: &Tr, csrf: &str, next: &str, message: Option<&str>) -> String {
    let mut body = String::from("<main class=\"login\"><h1>Sutton</h1>");
    let _ = write!(body, "<p class=\"sub\">{}</p>", escape(&tr.t("login-intro")));
    if let Some(m) = message {
        let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", escape(m));
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <label for=\"login\">{}</label><input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" required autofocus>\
         <label for=\"password\">{}</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
         <p><button class=\"primary\" type=\"submit\">{}</button></p></form></main>",
        escape(csrf),
        escape(next),
        escape(&tr.t("login-name")),
        escape(&tr.t("password")),
        escape(&tr.t("sign-in")),
    );
    html::bare(tr, &tr.t("sign-in"), &body)
}

/// The browser's preferred language among ours, for pages shown before sign-in.
fn accepted_language(headers: &HeaderMap) -> Language {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    for part in accept.split(',') {
        let tag = part.split(';').next().unwrap_or("").trim().to_lowercase();
        let primary = tag.split('-').next().unwrap_or("");
        match primary {
            "nb" | "no" | "nn" => return Language::NorwegianBokmal,
            "da" => return Language::Danish,
            "zh" => return Language::SimplifiedChinese,
            "en" => return Language::English,
            _ => {}
        }
    }
    Language::English
}

fn login_response(headers: &HeaderMap, status: StatusCode, next: &str, message: Option<&str>) -> PageResult {
    let tr = Tr::new(accepted_language(headers));
    let csrf = sutton_app::random_token().map_err(WebError::App)?;
    let cookie = session::set_cookie(LOGIN_CSRF_COOKIE, &csrf, 3600, session::over_tls(headers));
    Ok((status, [(header::SET_COOKIE, cookie)], Html(login_page(&tr, &csrf, next, message))).into_response())
}

pub(crate) async fn login_form(headers: HeaderMap, Query(q): Query<NextQuery>) -> PageResult {
    login_response(&headers, StatusCode::OK, &safe_next(q.next.as_deref()), None)
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    login: String,
    password: String,
    csrf: String,
    next: Option<String>,
}

pub(crate) async fn login(
    State(app): State<App>,
    headers: HeaderMap,
    extensions: Extensions,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let tr = Tr::new(accepted_language(&headers));
    let next = safe_next(form.next.as_deref());
    let cookie_csrf = session::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if cookie_csrf.is_empty() || !session::same_secret(cookie_csrf, &form.csrf) || !session::same_origin(&headers) {
        return login_response(&headers, StatusCode::FORBIDDEN, &next, Some(&tr.t("login-expired")));
    }
    let client = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "local".to_owned(), |c| c.0.ip().to_string());
    let (login, password) = (form.login.clone(), form.password.clone());
    match blocking(&app, move |app| app.sign_in(&login, &password, &client)).await {
        Ok(signed) => {
            let cookie = session::set_cookie(
                SESSION_COOKIE,
                &signed.token,
                sutton_app::SESSION_HOURS * 3600,
                session::over_tls(&headers),
            );
            let clear = session::set_cookie(LOGIN_CSRF_COOKIE, "", 0, session::over_tls(&headers));
            let mut response = Redirect::to(&next).into_response();
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookie.parse().map_err(|_| WebError::Internal("cookie".into()))?);
            response
                .headers_mut()
                .append(header::SET_COOKIE, clear.parse().map_err(|_| WebError::Internal("cookie".into()))?);
            Ok(response)
        }
        Err(WebError::App(AppError::BadCredentials)) => {
            login_response(&headers, StatusCode::UNAUTHORIZED, &next, Some(&tr.t("login-wrong")))
        }
        Err(WebError::App(AppError::Throttled { retry_after_seconds })) => {
            let minutes = retry_after_seconds.div_ceil(60);
            let message = tr.ta("login-throttled", &[("minutes", tr.number(minutes as i64))]);
            let mut r = login_response(&headers, StatusCode::TOO_MANY_REQUESTS, &next, Some(&message))?;
            r.headers_mut().insert(header::RETRY_AFTER, retry_after_seconds.into());
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct CsrfForm {
    pub(crate) csrf: String,
}

pub(crate) async fn logout(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    v.check_form(&headers, &f.csrf)?;
    let token = v.token.clone();
    blocking(&app, move |app| app.sign_out(&token)).await?;
    let clear = session::set_cookie(SESSION_COOKIE, "", 0, v.tls);
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response())
}

// ---------------------------------------------------------------------------------------------
// Dashboard

fn quarter_of_month(month: Period) -> Period {
    Period::quarter(month.fiscal_year(), (month.index() - 1) / 3 + 1).unwrap_or(month)
}

fn major(m: &Money) -> f64 {
    m.to_major_f64()
}

pub(crate) async fn dashboard(State(app): State<App>, v: Viewer) -> PageResult {
    let scope = v.scope.clone();
    let today = app.today();
    // A dashboard computed in the last minute is answered without leaving the async worker.
    let d = match app.remembered_dashboard(&scope, today) {
        Some(d) => d,
        None => blocking(&app, move |app| app.dashboard(&scope, today)).await?,
    };
    let tr = &v.tr;
    let org = &d.organisation;
    let calendar = org.calendar;
    let zero = Money::zero(d.currency);
    let mut body = String::new();
    let who = match &v.scope {
        Scope::Everything => tr.ta("dash-scope-all", &[("org", org.name.clone())]),
        _ if v.user.person.is_none() => tr.t("dash-scope-none"),
        _ if v.user.role == AccessRole::Manager => tr.ta("dash-scope-team", &[("name", v.user.display_name.clone())]),
        _ => tr.ta("dash-scope-own", &[("name", v.user.display_name.clone())]),
    };
    let _ = write!(
        body,
        "<h1>{}</h1><p class=\"sub\">{} · {}</p>",
        escape(&tr.t("nav-dashboard")),
        escape(&who),
        escape(&tr.ta("as-of", &[("date", tr.date(d.today))]))
    );
    body.push_str("<div class=\"cards\">");
    let this = d.this_quarter();
    if let Some(q) = this {
        let attainment = if q.quota.is_zero() {
            tr.t("no-quota")
        } else {
            tr.ta(
                "of-quota",
                &[
                    ("share", tr.percent(major(&q.bookings) / major(&q.quota), 0)),
                    ("quota", tr.money_compact(&q.quota)),
                ],
            )
        };
        body.push_str(&card(
            &tr.ta("bookings-in", &[("period", q.period.to_string())]),
            &tr.money_compact(&q.bookings),
            &attainment,
        ));
    }
    body.push_str(&card(
        &tr.t("open-pipeline"),
        &tr.money_compact(&d.open_pipeline),
        &tr.count("deals-count", d.open_deals as i64),
    ));
    body.push_str(&card(
        &tr.t("win-rate"),
        &d.win_rate.map_or("–".to_owned(), |r| tr.percent(r.to_f64(), 0)),
        &tr.t("win-rate-detail"),
    ));
    body.push_str(&card(
        &tr.t("selling-time"),
        &d.direct_selling_share().map_or("–".to_owned(), |r| tr.percent(r.to_f64(), 0)),
        &tr.t("selling-time-detail"),
    ));
    let count_of = |s: AccountStatus| d.accounts.iter().find(|(x, _)| *x == s).map_or(0, |(_, n)| *n);
    body.push_str(&card(
        &tr.t("customers"),
        &tr.number(count_of(AccountStatus::Customer)),
        &tr.ta("prospects-count", &[("count", tr.number(count_of(AccountStatus::Prospect)))]),
    ));
    body.push_str("</div><div class=\"grid2\">");

    // Bookings against quota, eight quarters.
    let categories: Vec<String> = d.quarters.iter().map(|q| q.period.to_string()).collect();
    let bookings = Series {
        name: tr.t("bookings"),
        values: d.quarters.iter().map(|q| Datum::new(major(&q.bookings), tr.money_whole(&q.bookings))).collect(),
    };
    let quota = Series {
        name: tr.t("quota"),
        values: d.quarters.iter().map(|q| Datum::new(major(&q.quota), tr.money_whole(&q.quota))).collect(),
    };
    let compact =
        |x: f64| tr.money_compact(&Money::from_minor((x * d.currency.minor_per_major() as f64) as i64, d.currency));
    let _ = write!(
        body,
        "<section class=\"panel\">{}</section>",
        chart::lines(&tr.t("chart-bookings-quota"), &categories, &[bookings, quota], compact)
    );

    // Open pipeline by month of expected close and forecast category.
    let shown = [ForecastCategory::Commit, ForecastCategory::BestCase, ForecastCategory::Pipeline];
    let months: Vec<String> = d.months.iter().map(|(m, _)| tr.month(calendar.start(*m))).collect();
    let series: Vec<Series> = shown
        .iter()
        .map(|c| Series {
            name: tr.value("forecast_category", c.as_str()),
            values: d
                .months
                .iter()
                .map(|(_, by)| {
                    let m = by.iter().find(|(x, _)| x == c).map_or(zero, |(_, m)| *m);
                    Datum::new(major(&m), tr.money_whole(&m))
                })
                .collect(),
        })
        .collect();
    let _ = write!(
        body,
        "<section class=\"panel\">{}</section>",
        chart::stacked_columns(&tr.t("chart-pipeline-months"), &months, &series, None, compact)
    );

    // Path to quota this quarter: won, then open deals by category.
    if let Some(q) = this {
        let mut by_cat: BTreeMap<ForecastCategory, Money> = BTreeMap::new();
        for (m, by) in &d.months {
            if quarter_of_month(*m) == q.period {
                for (c, amount) in by {
                    let e = by_cat.entry(*c).or_insert(zero);
                    *e = e.checked_add(*amount).unwrap_or(*e);
                }
            }
        }
        let mut total = q.bookings;
        let steps: Vec<(String, Datum)> = shown
            .iter()
            .map(|c| {
                let m = by_cat.get(c).copied().unwrap_or(zero);
                total = total.checked_add(m).unwrap_or(total);
                (tr.value("forecast_category", c.as_str()), Datum::new(major(&m), format!("+{}", tr.money_compact(&m))))
            })
            .collect();
        let _ = write!(
            body,
            "<section class=\"panel\">{}<p class=\"sub\">{}</p></section>",
            chart::waterfall(
                &tr.ta("chart-path-to-quota", &[("period", q.period.to_string())]),
                (tr.t("won"), Datum::new(major(&q.bookings), tr.money_compact(&q.bookings))),
                &steps,
                (tr.t("if-all-close"), Datum::new(major(&total), tr.money_compact(&total))),
            ),
            escape(&tr.ta("quota-is", &[("quota", tr.money_whole(&q.quota))]))
        );
    }

    // Open deals by stage.
    let stages: Vec<(String, Datum)> = d
        .stages
        .iter()
        .map(|(name, n, m)| {
            (
                name.clone(),
                Datum::new(*n as f64, format!("{} · {}", tr.count("deals-count", *n as i64), tr.money_compact(m))),
            )
        })
        .collect();
    let _ = write!(body, "<section class=\"panel\">{}</section>", chart::funnel(&tr.t("chart-stages"), &stages));

    // Where the time went.
    let time: Vec<(String, Datum)> = d
        .time
        .iter()
        .map(|(c, minutes)| {
            let hours = *minutes as f64 / 60.0;
            (
                tr.value("time", c.as_str()),
                Datum::new(hours, tr.ta("hours", &[("hours", tr.number(hours.round() as i64))])),
            )
        })
        .collect();
    let _ = write!(body, "<section class=\"panel\">{}</section>", chart::bars(&tr.t("chart-time"), &time));
    body.push_str("</div>");
    let _ = write!(body, "<p><a href=\"/map\">{}</a></p>", escape(&tr.t("see-map")));
    ok(page(&v, "/", &tr.t("nav-dashboard"), &body))
}

// ---------------------------------------------------------------------------------------------
// Accounts

#[derive(Debug, Deserialize, Default)]
pub(crate) struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    owner: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn sellers(people: &[Person]) -> Vec<&Person> {
    let mut list: Vec<&Person> = people.iter().filter(|p| !p.placeholder).collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    list
}

fn owner_select(tr: &Tr, people: &[Person], selected: Option<PersonId>) -> String {
    let mut out = String::with_capacity(64 * people.len() + 128);
    let _ = write!(
        out,
        "<label>{}<select name=\"owner\" data-autosubmit><option value=\"\">{}</option>",
        Esc(&tr.t("owner")),
        Esc(&tr.t("anyone"))
    );
    for p in sellers(people) {
        let s = if Some(p.id) == selected { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{s}>{}</option>", p.id.get(), Esc(&p.name));
    }
    out.push_str("</select></label>");
    out
}

pub(crate) async fn accounts(State(app): State<App>, v: Viewer, Query(q): Query<ListQuery>) -> PageResult {
    let tr = v.tr;
    let status = parse_opt(&tr, "status", q.status.as_deref(), |s| AccountStatus::parse(s).ok())?;
    let owner = parse_opt(&tr, "owner", q.owner.as_deref(), |s| s.parse::<i64>().ok().map(PersonId))?;
    let page_no =
        parse_opt(&tr, "page", q.page.as_deref(), |s| s.parse::<u32>().ok().filter(|p| *p >= 1))?.unwrap_or(1);
    let sort_key = q.sort.clone().unwrap_or_else(|| "name".to_owned());
    let sort = crate::account_sort(&sort_key).ok_or_else(|| {
        WebError::BadRequest(tr, tr.ta("bad-field", &[("field", "sort".into()), ("value", sort_key.clone())]))
    })?;
    let descending = q.dir.as_deref() == Some("desc");
    let query = AccountQuery {
        search: q.q.clone().filter(|s| !s.trim().is_empty()),
        status,
        owner,
        sort,
        descending,
        page: page_no,
        per_page: PER_PAGE,
    };
    let scope = v.scope.clone();
    let (list, people) =
        blocking(&app, move |app| Ok((app.store().account_page(&scope, &query)?, app.people_in(&scope)?))).await?;
    let mut body = String::with_capacity(24 * 1024);
    let _ = write!(body, "<h1>{}</h1>", Esc(&tr.t("nav-accounts")));
    let params: Vec<(&str, String)> = vec![
        ("q", q.q.clone().unwrap_or_default()),
        ("status", q.status.clone().unwrap_or_default()),
        ("owner", q.owner.clone().unwrap_or_default()),
        ("sort", sort_key.clone()),
        ("dir", q.dir.clone().unwrap_or_default()),
    ];
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/accounts\" role=\"search\">\
         <label>{}<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"{}\"></label>\
         <label>{}<select name=\"status\" data-autosubmit><option value=\"\">{}</option>",
        escape(&tr.t("search")),
        escape(q.q.as_deref().unwrap_or("")),
        escape(&tr.t("search-accounts-hint")),
        escape(&tr.t("status")),
        escape(&tr.t("all")),
    );
    for s in AccountStatus::ALL {
        let sel = if Some(*s) == status { " selected" } else { "" };
        let _ = write!(body, "<option value=\"{s}\"{sel}>{}</option>", escape(&tr.value("account_status", s.as_str())));
    }
    body.push_str("</select></label>");
    body.push_str(&owner_select(&tr, &people, owner));
    let _ = write!(
        body,
        "<input type=\"hidden\" name=\"sort\" value=\"{}\"><input type=\"hidden\" name=\"dir\" value=\"{}\">\
         <button class=\"primary\" type=\"submit\">{}</button></form>",
        escape(&sort_key),
        if descending { "desc" } else { "asc" },
        escape(&tr.t("filter"))
    );
    let _ = write!(body, "<p class=\"sub\">{}</p>", escape(&tr.count("accounts-found", list.total)));
    if list.items.is_empty() {
        let _ = write!(body, "<p class=\"empty\">{}</p>", escape(&tr.t("no-accounts")));
    } else {
        let h = |label: &str, key: &str, numeric: bool| {
            sort_header(label, key, &sort_key, descending, "/accounts", &params, numeric)
        };
        let _ = write!(
            body,
            "<div class=\"panel\"><table><thead><tr>{}{}<th scope=\"col\">{}</th>{}{}{}{}</tr></thead><tbody>",
            h(&tr.t("account"), "name", false),
            h(&tr.t("status"), "status", false),
            escape(&tr.t("industry")),
            h(&tr.t("city"), "city", false),
            h(&tr.t("employees"), "employees", true),
            h(&tr.t("potential"), "potential", true),
            h(&tr.t("owner"), "owner", false),
        );
        // Fifty rows per request on the busiest page: written straight into the page, escaped
        // on the way, without a string per cell.
        let no_owner = tr.t("no-owner");
        for a in &list.items {
            let _ = write!(
                body,
                "<tr><td><a href=\"/accounts/{}\">{}</a></td><td><span class=\"badge {}\">{}</span></td><td>{}</td><td>",
                a.id.get(),
                Esc(&a.name),
                a.status.as_str(),
                Esc(&tr.value("account_status", a.status.as_str())),
                Esc(a.industry.as_deref().unwrap_or("")),
            );
            let mut place = [a.city.as_deref(), a.region.as_deref()].into_iter().flatten();
            if let Some(first) = place.next() {
                escape_into(&mut body, first);
                for next in place {
                    body.push_str(", ");
                    escape_into(&mut body, next);
                }
            }
            body.push_str("</td><td class=\"n\">");
            if let Some(e) = a.employees {
                body.push_str(&tr.number(i64::from(e)));
            }
            body.push_str("</td>");
            match &a.potential {
                Some(m) => {
                    let _ = write!(body, "<td class=\"n\" data-v=\"{}\">{}</td>", m.minor(), Esc(&tr.money_whole(m)));
                }
                None => body.push_str("<td class=\"n\" data-v=\"0\">–</td>"),
            }
            match &a.owner {
                Some((_, name)) => {
                    let _ = write!(body, "<td>{}</td></tr>", Esc(name));
                }
                None => {
                    let _ = write!(body, "<td><em>{}</em></td></tr>", Esc(&no_owner));
                }
            }
        }
        body.push_str("</tbody></table></div>");
        body.push_str(&pager(&tr, "/accounts", &params, list.page, list.pages(), list.total));
    }
    ok(page(&v, "/accounts", &tr.t("nav-accounts"), &body))
}

pub(crate) async fn account(State(app): State<App>, v: Viewer, Path(id): Path<String>) -> PageResult {
    let tr = v.tr;
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound(tr))?;
    let scope = v.scope.clone();
    let detail = blocking(&app, move |app| Ok(app.store().account_detail(&scope, AccountId(id))?)).await?;
    let Some(d) = detail else { return Err(WebError::NotFound(tr)) };
    let a = &d.account;
    let mut body = format!(
        "<p><a href=\"/accounts\">← {}</a></p><h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-accounts")),
        escape(&a.name),
        status_badge(&tr, "account_status", a.status.as_str())
    );
    let place = [
        a.location.city.as_deref(),
        a.location.region.as_deref(),
        a.location.postal_code.as_deref(),
        a.location.country.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    body.push_str("<div class=\"grid2\"><section class=\"panel\"><dl class=\"facts\">");
    let mut fact = |k: &str, v: String| {
        let _ = write!(body, "<dt>{}</dt><dd>{}</dd>", escape(&tr.t(k)), v);
    };
    fact(
        "owner",
        d.owner.as_ref().map_or_else(|| format!("<em>{}</em>", escape(&tr.t("no-owner"))), |p| escape(&p.name)),
    );
    fact("industry", escape(a.industry.as_deref().unwrap_or("–")));
    fact("employees", a.employees.map_or("–".to_owned(), |e| tr.number(i64::from(e))));
    fact("annual-revenue", a.annual_revenue.as_ref().map_or("–".to_owned(), |m| escape(&tr.money_whole(m))));
    fact("potential", a.potential.as_ref().map_or("–".to_owned(), |m| escape(&tr.money_whole(m))));
    fact("location", escape(if place.is_empty() { "–" } else { &place }));
    fact("geo-unit", d.geo_unit.as_ref().map_or("–".to_owned(), |u| escape(&format!("{} ({})", u.name, u.code))));
    fact("territory", escape(d.territory.as_deref().unwrap_or("–")));
    fact("created", a.created_on.map_or("–".to_owned(), |c| escape(&tr.date(c))));
    fact("external-id", escape(&a.external_id.as_ref().map_or("–".to_owned(), ToString::to_string)));
    body.push_str("</dl></section>");
    // Contracts and what they are worth per year.
    let _ = write!(body, "<section class=\"panel\"><h2>{}</h2>", escape(&tr.t("contracts")));
    if d.contracts.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("none")));
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&tr.t("start")),
            escape(&tr.t("end")),
            escape(&tr.t("annual-value")),
            escape(&tr.t("renewal"))
        );
        for c in &d.contracts {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td>{}<td>{}</td></tr>",
                escape(&tr.date(c.start)),
                escape(&tr.date(c.end)),
                money_cell(&tr, Some(&c.annual_value)),
                escape(&tr.value("renewal_status", c.renewal_status.as_str()))
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section></div>");
    // Contacts.
    let _ = write!(body, "<h2>{}</h2>", escape(&tr.count("contacts-count", d.contacts.len() as i64)));
    if !d.contacts.is_empty() {
        let _ = write!(
            body,
            "<div class=\"panel\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&tr.t("name")),
            escape(&tr.t("job-title")),
            escape(&tr.t("buying-role")),
            escape(&tr.t("email")),
            escape(&tr.t("engaged"))
        );
        for c in &d.contacts {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&c.name),
                escape(c.title.as_deref().unwrap_or("")),
                c.buying_role.map(|r| escape(&tr.value("buying_role", r.as_str()))).unwrap_or_default(),
                escape(c.email.as_deref().unwrap_or("")),
                escape(&tr.t(if c.engaged { "yes" } else { "no" }))
            );
        }
        body.push_str("</tbody></table></div>");
    }
    // Deals.
    let _ = write!(body, "<h2>{}</h2>", escape(&tr.count("deals-count", d.opportunities.len() as i64)));
    if !d.opportunities.is_empty() {
        body.push_str(&deal_table(&tr, &d.opportunities, false));
    }
    // Recent activities.
    let _ = write!(body, "<h2>{}</h2>", escape(&tr.t("recent-activities")));
    if d.activities.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("none")));
    } else {
        let _ = write!(
            body,
            "<div class=\"panel\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&tr.t("date")),
            escape(&tr.t("kind")),
            escape(&tr.t("by")),
            escape(&tr.t("minutes")),
            escape(&tr.t("subject"))
        );
        for (act, who) in &d.activities {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(&tr.date(act.date)),
                escape(&tr.value("activity_kind", act.kind.as_str())),
                escape(who),
                tr.number(i64::from(act.duration_minutes)),
                escape(act.subject.as_deref().unwrap_or(""))
            );
        }
        body.push_str("</tbody></table></div>");
    }
    ok(page(&v, "/accounts", &a.name, &body))
}

fn deal_table(tr: &Tr, deals: &[sutton_app::OpportunitySummary], with_account: bool) -> String {
    let mut out = String::from("<div class=\"panel\"><table><thead><tr>");
    let mut heads = vec![("opportunity", false)];
    if with_account {
        heads.push(("account", false));
    }
    heads.extend([
        ("owner", false),
        ("type", false),
        ("stage", false),
        ("forecast", false),
        ("close-date", false),
        ("amount", true),
    ]);
    for (h, numeric) in heads {
        let class = if numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class} data-sort>{}</th>", escape(&tr.t(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for o in deals {
        let _ = write!(out, "<tr><td><a href=\"/opportunities/{}\">{}</a></td>", o.id.get(), escape(&o.name));
        if with_account {
            let _ = write!(out, "<td><a href=\"/accounts/{}\">{}</a></td>", o.account.0.get(), escape(&o.account.1));
        }
        let _ = write!(
            out,
            "<td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td data-v=\"{}\">{}</td>{}</tr>",
            escape(&o.owner.1),
            escape(&tr.value("opportunity_type", o.kind.as_str())),
            escape(&o.stage),
            if o.status == OpportunityStatus::Open {
                String::new()
            } else {
                status_badge(tr, "opportunity_status", o.status.as_str())
            },
            escape(&tr.value("forecast_category", o.forecast_category.as_str())),
            o.close_date,
            escape(&tr.date(o.close_date)),
            money_cell(tr, Some(&o.amount)),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

// ---------------------------------------------------------------------------------------------
// Opportunities

pub(crate) async fn opportunities(State(app): State<App>, v: Viewer, Query(q): Query<ListQuery>) -> PageResult {
    let tr = v.tr;
    let status = parse_opt(&tr, "status", q.status.as_deref(), |s| OpportunityStatus::parse(s).ok())?;
    let owner = parse_opt(&tr, "owner", q.owner.as_deref(), |s| s.parse::<i64>().ok().map(PersonId))?;
    let from = parse_opt(&tr, "from", q.from.as_deref(), |s| s.parse().ok())?;
    let to = parse_opt(&tr, "to", q.to.as_deref(), |s| s.parse().ok())?;
    let page_no =
        parse_opt(&tr, "page", q.page.as_deref(), |s| s.parse::<u32>().ok().filter(|p| *p >= 1))?.unwrap_or(1);
    let sort_key = q.sort.clone().unwrap_or_else(|| "close".to_owned());
    let sort = crate::opportunity_sort(&sort_key).ok_or_else(|| {
        WebError::BadRequest(tr, tr.ta("bad-field", &[("field", "sort".into()), ("value", sort_key.clone())]))
    })?;
    let descending = q.dir.as_deref() == Some("desc");
    let query = OpportunityQuery {
        search: q.q.clone().filter(|s| !s.trim().is_empty()),
        status,
        owner,
        account: None,
        close_from: from,
        close_to: to,
        sort,
        descending,
        page: page_no,
        per_page: PER_PAGE,
    };
    let scope = v.scope.clone();
    let (list, people) =
        blocking(&app, move |app| Ok((app.store().opportunity_page(&scope, &query)?, app.people_in(&scope)?))).await?;
    let params: Vec<(&str, String)> = vec![
        ("q", q.q.clone().unwrap_or_default()),
        ("status", q.status.clone().unwrap_or_default()),
        ("owner", q.owner.clone().unwrap_or_default()),
        ("from", q.from.clone().unwrap_or_default()),
        ("to", q.to.clone().unwrap_or_default()),
        ("sort", sort_key.clone()),
        ("dir", q.dir.clone().unwrap_or_default()),
    ];
    let mut body = format!("<h1>{}</h1>", escape(&tr.t("nav-opportunities")));
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/opportunities\" role=\"search\">\
         <label>{}<input type=\"search\" name=\"q\" value=\"{}\"></label>\
         <label>{}<select name=\"status\" data-autosubmit><option value=\"\">{}</option>",
        escape(&tr.t("search")),
        escape(q.q.as_deref().unwrap_or("")),
        escape(&tr.t("status")),
        escape(&tr.t("all")),
    );
    for s in OpportunityStatus::ALL {
        let sel = if Some(*s) == status { " selected" } else { "" };
        let _ =
            write!(body, "<option value=\"{s}\"{sel}>{}</option>", escape(&tr.value("opportunity_status", s.as_str())));
    }
    body.push_str("</select></label>");
    body.push_str(&owner_select(&tr, &people, owner));
    let _ = write!(
        body,
        "<label>{}<input type=\"date\" name=\"from\" value=\"{}\"></label><label>{}<input type=\"date\" name=\"to\" value=\"{}\"></label>\
         <input type=\"hidden\" name=\"sort\" value=\"{}\"><input type=\"hidden\" name=\"dir\" value=\"{}\">\
         <button class=\"primary\" type=\"submit\">{}</button></form>",
        escape(&tr.t("close-from")),
        from.map(|d: chrono::NaiveDate| d.to_string()).unwrap_or_default(),
        escape(&tr.t("close-to")),
        to.map(|d: chrono::NaiveDate| d.to_string()).unwrap_or_default(),
        escape(&sort_key),
        if descending { "desc" } else { "asc" },
        escape(&tr.t("filter"))
    );
    let _ = write!(body, "<p class=\"sub\">{}</p>", escape(&tr.count("deals-count", list.total)));
    if list.items.is_empty() {
        let _ = write!(body, "<p class=\"empty\">{}</p>", escape(&tr.t("no-deals")));
    } else {
        let h = |label: &str, key: &str, numeric: bool| {
            sort_header(label, key, &sort_key, descending, "/opportunities", &params, numeric)
        };
        let _ = write!(
            body,
            "<div class=\"panel\"><table><thead><tr>{}<th scope=\"col\">{}</th>{}<th scope=\"col\">{}</th>{}<th scope=\"col\">{}</th>{}{}</tr></thead><tbody>",
            h(&tr.t("opportunity"), "name", false),
            escape(&tr.t("account")),
            h(&tr.t("owner"), "owner", false),
            escape(&tr.t("type")),
            h(&tr.t("stage"), "stage", false),
            escape(&tr.t("forecast")),
            h(&tr.t("close-date"), "close", false),
            h(&tr.t("amount"), "amount", true),
        );
        for o in &list.items {
            let _ = write!(
                body,
                "<tr><td><a href=\"/opportunities/{}\">{}</a></td><td><a href=\"/accounts/{}\">{}</a></td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td>{}</tr>",
                o.id.get(),
                escape(&o.name),
                o.account.0.get(),
                escape(&o.account.1),
                escape(&o.owner.1),
                escape(&tr.value("opportunity_type", o.kind.as_str())),
                escape(&o.stage),
                if o.status == OpportunityStatus::Open {
                    String::new()
                } else {
                    status_badge(&tr, "opportunity_status", o.status.as_str())
                },
                escape(&tr.value("forecast_category", o.forecast_category.as_str())),
                escape(&tr.date(o.close_date)),
                money_cell(&tr, Some(&o.amount)),
            );
        }
        body.push_str("</tbody></table></div>");
        body.push_str(&pager(&tr, "/opportunities", &params, list.page, list.pages(), list.total));
    }
    ok(page(&v, "/opportunities", &tr.t("nav-opportunities"), &body))
}

pub(crate) async fn opportunity(State(app): State<App>, v: Viewer, Path(id): Path<String>) -> PageResult {
    let tr = v.tr;
    let id = id.parse::<i64>().map_err(|_| WebError::NotFound(tr))?;
    let scope = v.scope.clone();
    let detail = blocking(&app, move |app| Ok(app.store().opportunity_detail(&scope, OpportunityId(id))?)).await?;
    let Some(d) = detail else { return Err(WebError::NotFound(tr)) };
    let o = &d.opportunity;
    let mut body = format!(
        "<p><a href=\"/opportunities\">← {}</a></p><h1>{}</h1><p class=\"sub\"><a href=\"/accounts/{}\">{}</a> · {}</p>",
        escape(&tr.t("nav-opportunities")),
        escape(&o.name),
        o.account.get(),
        escape(&d.account),
        status_badge(&tr, "opportunity_status", o.status.as_str())
    );
    body.push_str("<div class=\"cards\">");
    body.push_str(&card(&tr.t("amount"), &tr.money(&o.amount), &tr.value("opportunity_type", o.kind.as_str())));
    body.push_str(&card(
        &tr.t("stage"),
        &o.stage,
        &tr.ta("probability", &[("share", tr.percent(o.probability.to_f64(), 0))]),
    ));
    body.push_str(&card(
        &tr.t("close-date"),
        &tr.date(o.close_date),
        &tr.ta("created-on", &[("date", tr.date(o.created_on))]),
    ));
    body.push_str(&card(
        &tr.t("discount"),
        &tr.percent(o.discount.to_f64(), 1),
        &o.margin.map_or(String::new(), |m| tr.ta("margin-is", &[("share", tr.percent(m.to_f64(), 1))])),
    ));
    body.push_str("</div><div class=\"grid2\">");
    // Line items.
    let _ = write!(
        body,
        "<section class=\"panel\"><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(&tr.t("line-items")),
        escape(&tr.t("product")),
        escape(&tr.t("quantity")),
        escape(&tr.t("list-price")),
        escape(&tr.t("discount"))
    );
    for (line, name) in o.lines.iter().zip(d.product_names.iter()) {
        let _ = write!(
            body,
            "<tr><td>{}</td><td class=\"n\">{}</td>{}<td class=\"n\">{}</td></tr>",
            escape(name),
            tr.number(line.quantity),
            money_cell(&tr, Some(&line.list_price)),
            tr.percent(line.discount.to_f64(), 1)
        );
    }
    body.push_str("</tbody></table></section>");
    // Deal team.
    let _ = write!(
        body,
        "<section class=\"panel\"><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(&tr.t("deal-team")),
        escape(&tr.t("name")),
        escape(&tr.t("role")),
        escape(&tr.t("split-type")),
        escape(&tr.t("split"))
    );
    let _ = write!(body, "<tr><td>{}</td><td>{}</td><td></td><td></td></tr>", escape(&d.owner), escape(&tr.t("owner")));
    for (m, name) in o.team.members().iter().zip(d.team_names.iter()) {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(name),
            escape(&m.role),
            escape(&tr.value("split_type", m.split_type.as_str())),
            tr.percent(m.split.to_f64(), 0)
        );
    }
    body.push_str("</tbody></table></section></div>");
    // History: the amount over time, then every change.
    if d.history.len() > 1 {
        let cats: Vec<String> = d.history.iter().map(|h| tr.date(h.changed_at.date())).collect();
        let series = [Series {
            name: tr.t("amount"),
            values: d.history.iter().map(|h| Datum::new(major(&h.amount), tr.money_whole(&h.amount))).collect(),
        }];
        let currency = o.amount.currency();
        let _ = write!(
            body,
            "<section class=\"panel\" style=\"margin-top:1rem\">{}</section>",
            chart::lines(&tr.t("chart-amount-history"), &cats, &series, |x| tr
                .money_compact(&Money::from_minor((x * currency.minor_per_major() as f64) as i64, currency)))
        );
    }
    let _ = write!(
        body,
        "<h2>{}</h2><div class=\"panel\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(&tr.t("history")),
        escape(&tr.t("date")),
        escape(&tr.t("stage")),
        escape(&tr.t("probability-short")),
        escape(&tr.t("forecast")),
        escape(&tr.t("close-date")),
        escape(&tr.t("amount"))
    );
    for h in &d.history {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>",
            escape(&tr.date(h.changed_at.date())),
            escape(&h.stage),
            tr.percent(h.probability.to_f64(), 0),
            escape(&tr.value("forecast_category", h.forecast_category.as_str())),
            escape(&tr.date(h.close_date)),
            money_cell(&tr, Some(&h.amount))
        );
    }
    body.push_str("</tbody></table></div>");
    ok(page(&v, "/opportunities", &o.name, &body))
}

// ---------------------------------------------------------------------------------------------
// People and teams

fn team_tree(tr: &Tr, teams: &[Team], people: &[Person], parent: Option<TeamId>, out: &mut String, depth: usize) {
    let children: Vec<&Team> = teams.iter().filter(|t| t.parent == parent).collect();
    if children.is_empty() || depth > 16 {
        return;
    }
    out.push_str("<ul>");
    for t in children {
        let members = people.iter().filter(|p| p.team == Some(t.id) && p.leave_date.is_none()).count();
        let manager = t.manager.and_then(|m| people.iter().find(|p| p.id == m)).map(|p| p.name.clone());
        let _ = write!(
            out,
            "<li><strong>{}</strong> · {}{}",
            escape(&t.name),
            escape(&tr.count("people-count", members as i64)),
            manager.map(|m| format!(" · {} {}", escape(&tr.t("managed-by")), escape(&m))).unwrap_or_default()
        );
        team_tree(tr, teams, people, Some(t.id), out, depth + 1);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

pub(crate) async fn people(State(app): State<App>, v: Viewer) -> PageResult {
    let tr = v.tr;
    let scope = v.scope.clone();
    let (people, teams, activity, today) = blocking(&app, move |app| {
        let today = app.today();
        Ok((
            app.store().people(&scope)?,
            app.store().teams()?,
            app.store().activity_facts(&scope, today - chrono::Duration::days(90))?,
            today,
        ))
    })
    .await?;
    let mut body = format!("<h1>{}</h1>", escape(&tr.t("nav-people")));
    // Teams: the whole tree for those who see everything, the visible part otherwise.
    let visible_teams: Vec<Team> = match &v.scope {
        Scope::Everything => teams.clone(),
        Scope::People(_) => teams.iter().filter(|t| people.iter().any(|p| p.team == Some(t.id))).cloned().collect(),
    };
    let roots: Vec<Option<TeamId>> = {
        let ids: Vec<TeamId> = visible_teams.iter().map(|t| t.id).collect();
        let mut r: Vec<Option<TeamId>> =
            visible_teams.iter().filter(|t| t.parent.is_none_or(|p| !ids.contains(&p))).map(|t| t.parent).collect();
        r.dedup();
        r
    };
    let _ = write!(body, "<div class=\"grid2\"><section class=\"panel tree\"><h2>{}</h2>", escape(&tr.t("teams")));
    for root in roots {
        team_tree(&tr, &visible_teams, &people, root, &mut body, 0);
    }
    body.push_str("</section>");
    // Hours by person and category over the last 90 days.
    let mut hours: BTreeMap<PersonId, BTreeMap<String, u64>> = BTreeMap::new();
    let mut categories: BTreeMap<String, u64> = BTreeMap::new();
    for a in &activity {
        *hours.entry(a.person).or_default().entry(a.category.as_str().to_owned()).or_default() += u64::from(a.minutes);
        *categories.entry(a.category.as_str().to_owned()).or_default() += u64::from(a.minutes);
    }
    let mut cats: Vec<(String, u64)> = categories.into_iter().collect();
    cats.sort_by_key(|(c, m)| (c != "direct_selling", std::cmp::Reverse(*m)));
    let names: HashMap<PersonId, &str> = people.iter().map(|p| (p.id, p.name.as_str())).collect();
    let mut rows: Vec<(PersonId, u64)> = hours.iter().map(|(p, m)| (*p, m.values().sum())).collect();
    rows.sort_by_key(|(_, total)| std::cmp::Reverse(*total));
    rows.truncate(30);
    if !rows.is_empty() {
        let row_names: Vec<String> =
            rows.iter().map(|(p, _)| names.get(p).copied().unwrap_or("?").to_owned()).collect();
        let col_names: Vec<String> = cats.iter().map(|(c, _)| tr.value("time", c)).collect();
        let cells: Vec<Vec<Datum>> = rows
            .iter()
            .map(|(p, _)| {
                cats.iter()
                    .map(|(c, _)| {
                        let h = hours.get(p).and_then(|m| m.get(c)).copied().unwrap_or(0) as f64 / 60.0;
                        Datum::new(h, tr.ta("hours", &[("hours", tr.number(h.round() as i64))]))
                    })
                    .collect()
            })
            .collect();
        let _ = write!(
            body,
            "<section class=\"panel\">{}<p class=\"sub\">{}</p></section>",
            chart::heatmap(&tr.t("chart-hours-heatmap"), &row_names, &col_names, &cells),
            escape(&tr.ta("since", &[("date", tr.date(today - chrono::Duration::days(90)))]))
        );
    }
    body.push_str("</div>");
    // Everyone in scope.
    let team_names: HashMap<TeamId, &str> = teams.iter().map(|t| (t.id, t.name.as_str())).collect();
    let _ = write!(
        body,
        "<h2>{}</h2><div class=\"panel\"><table><thead><tr>",
        escape(&tr.count("people-count", people.len() as i64))
    );
    for (h, numeric) in [
        ("name", false),
        ("role", false),
        ("channel", false),
        ("team", false),
        ("manager", false),
        ("hired", false),
        ("left", false),
        ("capacity", true),
    ] {
        let class = if numeric { " class=\"n\"" } else { "" };
        let _ = write!(body, "<th scope=\"col\"{class} data-sort>{}</th>", escape(&tr.t(h)));
    }
    body.push_str("</tr></thead><tbody>");
    for p in sellers(&people) {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&p.name),
            escape(&tr.value("sales_role", p.role.as_str())),
            p.channel.map(|c| escape(&tr.value("channel", c.as_str()))).unwrap_or_default(),
            escape(p.team.and_then(|t| team_names.get(&t).copied()).unwrap_or("")),
            escape(p.manager.and_then(|m| names.get(&m).copied()).unwrap_or("")),
            p.hire_date.map(|d| d.to_string()).unwrap_or_default(),
            p.hire_date.map(|d| escape(&tr.date(d))).unwrap_or_default(),
            p.leave_date.map(|d| d.to_string()).unwrap_or_default(),
            p.leave_date.map(|d| escape(&tr.date(d))).unwrap_or_default(),
            escape(&tr.ta("hours-per-week", &[("hours", tr.decimal(f64::from(p.weekly_capacity_minutes) / 60.0, 0))])),
        );
    }
    body.push_str("</tbody></table></div>");
    ok(page(&v, "/people", &tr.t("nav-people"), &body))
}

// ---------------------------------------------------------------------------------------------
// Map

#[derive(Debug, Deserialize)]
pub(crate) struct MapQuery {
    measure: Option<String>,
}

pub(crate) async fn map_page(State(app): State<App>, v: Viewer, Query(q): Query<MapQuery>) -> PageResult {
    let tr = v.tr;
    let measure = q.measure.clone().unwrap_or_else(|| "accounts".to_owned());
    let (by_potential, by_territory) = match measure.as_str() {
        "accounts" => (false, false),
        "potential" => (true, false),
        "territory-accounts" => (false, true),
        "territory-potential" => (true, true),
        other => {
            return Err(WebError::BadRequest(
                tr,
                tr.ta("bad-field", &[("field", "measure".into()), ("value", other.into())]),
            ));
        }
    };
    let scope = v.scope.clone();
    let (units, geo, territories, people, org) = blocking(&app, move |app| {
        let org = app.store().organisation()?;
        Ok((
            app.store().accounts_by_unit(&scope, org.currency)?,
            app.store().geo_units()?,
            app.store().territory_map(&scope, org.currency)?,
            app.store().people(&Scope::Everything)?,
            org,
        ))
    })
    .await?;
    let mut body = format!("<h1>{}</h1>", escape(&tr.t("nav-map")));
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/map\"><label>{}<select name=\"measure\" data-autosubmit>",
        escape(&tr.t("colour-by"))
    );
    for (value, id) in [
        ("accounts", "accounts"),
        ("potential", "potential"),
        ("territory-accounts", "territory-balance-accounts"),
        ("territory-potential", "territory-balance-potential"),
    ] {
        let selected = if value == measure { " selected" } else { "" };
        let _ = write!(body, "<option value=\"{value}\"{selected}>{}</option>", escape(&tr.t(id)));
    }
    let _ = write!(
        body,
        "</select></label><noscript><button class=\"primary\">{}</button></noscript></form>",
        escape(&tr.t("apply"))
    );
    if by_territory {
        body.push_str(&territory_balance(&tr, &territories, &people, by_potential, org.currency));
        return ok(page(&v, "/map", &tr.t("nav-map"), &body));
    }
    let codes: HashMap<_, _> = geo.iter().map(|u| (u.id, u.code.clone())).collect();
    let mut values: HashMap<String, (f64, String)> = HashMap::new();
    let (mut total_accounts, mut placed) = (0_i64, 0_usize);
    for (unit, n, minor) in &units {
        let Some(code) = codes.get(unit) else { continue };
        total_accounts += n;
        placed += 1;
        let potential = Money::from_minor(*minor, org.currency);
        let label = format!("{} · {}", tr.count("accounts-found", *n), tr.money_compact(&potential));
        let value = if by_potential { potential.to_major_f64() } else { *n as f64 };
        values.insert(code.clone(), (value, label));
    }
    let _ = write!(
        body,
        "<p class=\"sub\">{}</p>",
        escape(
            &tr.ta("map-summary", &[("accounts", tr.number(total_accounts)), ("counties", tr.number(placed as i64))])
        )
    );
    let title = tr.t(if by_potential { "map-title-potential" } else { "map-title-accounts" });
    let _ = write!(
        body,
        "<div class=\"panel\">{}</div>",
        map::county_map(&title, &values, [&tr.t("county"), &tr.t("value")])
    );
    ok(page(&v, "/map", &tr.t("nav-map"), &body))
}

/// Territories of the current alignment coloured by how far each is from the average of the
/// territories shown, a balance chart, and a table with who covers each one.
fn territory_balance(
    tr: &Tr,
    territories: &[sutton_app::TerritorySummary],
    people: &[Person],
    by_potential: bool,
    currency: sutton_app::domain::Currency,
) -> String {
    let mut body = String::new();
    if territories.is_empty() {
        let _ = write!(body, "<p class=\"empty\">{}</p>", escape(&tr.t("no-territories")));
        return body;
    }
    let value =
        |t: &sutton_app::TerritorySummary| if by_potential { t.potential_minor as f64 } else { t.accounts as f64 };
    let mean = territories.iter().map(value).sum::<f64>() / territories.len() as f64;
    let deviation = |t: &sutton_app::TerritorySummary| if mean > 0.0 { value(t) / mean - 1.0 } else { 0.0 };
    let figure = |t: &sutton_app::TerritorySummary| {
        if by_potential {
            tr.money_compact(&Money::from_minor(t.potential_minor, currency))
        } else {
            tr.count("accounts-found", t.accounts)
        }
    };
    let signed = |d: f64| if d >= 0.0 { format!("+{}", tr.percent(d, 0)) } else { tr.percent(d, 0) };
    let mut fills: HashMap<String, (&str, String)> = HashMap::new();
    for t in territories {
        let d = deviation(t);
        let label = format!("{} · {} · {}", t.name, figure(t), signed(d));
        for code in &t.units {
            fills.insert(code.clone(), (map::deviation_colour(d), label.clone()));
        }
    }
    let legend = map::deviation_legend();
    let worst = territories.iter().map(|t| deviation(t).abs()).fold(0.0, f64::max);
    let _ = write!(
        body,
        "<p class=\"sub\">{}</p>",
        escape(&tr.ta(
            "territory-summary",
            &[("territories", tr.number(territories.len() as i64)), ("worst", tr.percent(worst, 0))]
        ))
    );
    let title = tr.t(if by_potential { "territory-balance-potential" } else { "territory-balance-accounts" });
    let rows: Vec<(String, String)> =
        territories.iter().map(|t| (t.name.clone(), format!("{} ({})", figure(t), signed(deviation(t))))).collect();
    let _ = write!(
        body,
        "<div class=\"panel\">{}</div>",
        map::draw(&title, &fills, &legend, [&tr.t("territory"), &tr.t("value")], &rows)
    );
    // Balance: every territory against the average.
    let mut sorted: Vec<&sutton_app::TerritorySummary> = territories.iter().collect();
    sorted.sort_by(|a, b| value(b).total_cmp(&value(a)));
    let items: Vec<(String, Datum)> = sorted
        .iter()
        .map(|t| (t.name.clone(), Datum::new(value(t), format!("{} ({})", figure(t), signed(deviation(t))))))
        .collect();
    let _ = write!(
        body,
        "<div class=\"grid2\" style=\"margin-top:1rem\"><section class=\"panel\">{}</section>",
        chart::bars(&title, &items)
    );
    // Who covers what; vacant territories and reps who have left stand out.
    let left: HashMap<PersonId, chrono::NaiveDate> =
        people.iter().filter_map(|p| p.leave_date.map(|d| (p.id, d))).collect();
    let _ = write!(
        body,
        "<section class=\"panel\"><table><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th></tr></thead><tbody>",
        escape(&tr.t("territory")),
        escape(&tr.t("covered-by")),
        escape(&tr.t("counties")),
        escape(&tr.t("accounts")),
        escape(&tr.t("potential")),
        escape(&tr.t("deviation")),
    );
    for t in &sorted {
        let reps = if t.reps.is_empty() {
            format!("<span class=\"badge lost\">{}</span>", escape(&tr.t("vacant")))
        } else {
            t.reps
                .iter()
                .map(|(p, name)| match left.get(p) {
                    Some(d) => format!(
                        "{} <span class=\"badge lost\">{}</span>",
                        escape(name),
                        escape(&tr.ta("left-on", &[("date", tr.date(*d))]))
                    ),
                    None => escape(name),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let potential = Money::from_minor(t.potential_minor, currency);
        let d = deviation(t);
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{reps}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}<td class=\"n\" data-v=\"{d:.4}\">{}</td></tr>",
            escape(&t.name),
            tr.number(t.units.len() as i64),
            tr.number(t.accounts),
            money_cell(tr, Some(&potential)),
            escape(&signed(d)),
        );
    }
    body.push_str("</tbody></table></section></div>");
    body
}

// ---------------------------------------------------------------------------------------------
// Administration: users, the audit log, the system

fn role_select(tr: &Tr, name: &str, selected: AccessRole) -> String {
    let mut out = format!("<select name=\"{name}\">");
    for r in AccessRole::ALL {
        let s = if *r == selected { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{r}\"{s}>{}</option>", escape(&tr.value("access_role", r.as_str())));
    }
    out.push_str("</select>");
    out
}

fn person_select(tr: &Tr, people: &[Person], selected: Option<PersonId>) -> String {
    let mut out = format!("<select name=\"person\"><option value=\"\">{}</option>", escape(&tr.t("no-person")));
    for p in sellers(people) {
        let s = if Some(p.id) == selected { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{s}>{} · {}</option>",
            p.id.get(),
            escape(&p.name),
            escape(&tr.value("sales_role", p.role.as_str()))
        );
    }
    out.push_str("</select>");
    out
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NoticeQuery {
    pub(crate) done: Option<String>,
    pub(crate) error: Option<String>,
}

pub(crate) async fn users(State(app): State<App>, v: Viewer, Query(n): Query<NoticeQuery>) -> PageResult {
    v.require(&[AccessRole::Admin])?;
    let tr = v.tr;
    let (users, people) =
        blocking(&app, |app| Ok((app.store().users()?, app.store().people(&Scope::Everything)?))).await?;
    let names: HashMap<PersonId, &str> = people.iter().map(|p| (p.id, p.name.as_str())).collect();
    let mut body = format!("<h1>{}</h1>", escape(&tr.t("nav-users")));
    notices(&tr, &n, &mut body);
    let _ = write!(
        body,
        "<div class=\"panel\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&tr.t("login-name")),
        escape(&tr.t("name")),
        escape(&tr.t("person")),
        escape(&tr.t("language")),
        escape(&tr.t("role")),
        escape(&tr.t("actions")),
    );
    for u in &users {
        let state = if u.disabled {
            format!(" <span class=\"badge lost\">{}</span>", escape(&tr.t("disabled")))
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<tr><td>{}{state}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td><form method=\"post\" action=\"/admin/users/{login}\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"action\" value=\"role\">{}{}<button type=\"submit\">{}</button></form></td>\
             <td><form method=\"post\" action=\"/admin/users/{login}\" data-confirm=\"{}\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"action\" value=\"{}\"><button type=\"submit\" class=\"link\">{}</button></form>\
             <form method=\"post\" action=\"/admin/users/{login}\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"action\" value=\"password\"><input type=\"password\" name=\"password\" minlength=\"8\" placeholder=\"{}\" autocomplete=\"new-password\" required> \
             <button type=\"submit\">{}</button></form></td></tr>",
            escape(&u.login),
            escape(&u.display_name),
            escape(u.person.and_then(|p| names.get(&p).copied()).unwrap_or("–")),
            endonym(u.language),
            role_select(&tr, "role", u.role),
            person_select(&tr, &people, u.person),
            escape(&tr.t("save")),
            escape(&tr.t("are-you-sure")),
            if u.disabled { "enable" } else { "disable" },
            escape(&tr.t(if u.disabled { "enable" } else { "disable" })),
            escape(&tr.t("new-password")),
            escape(&tr.t("set-password")),
            login = html::url_encode(&u.login),
            csrf = escape(&v.csrf),
        );
    }
    body.push_str("</tbody></table></div>");
    let _ = write!(
        body,
        "<h2>{}</h2><form class=\"filters\" method=\"post\" action=\"/admin/users\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label>{}<input type=\"text\" name=\"login\" required pattern=\"[A-Za-z0-9._@-]+\"></label>\
         <label>{}<input type=\"text\" name=\"display_name\"></label><label>{}{}</label><label>{}{}</label>\
         <label>{}<select name=\"language\">",
        escape(&tr.t("add-user")),
        escape(&v.csrf),
        escape(&tr.t("login-name")),
        escape(&tr.t("name")),
        escape(&tr.t("role")),
        role_select(&tr, "role", AccessRole::Rep),
        escape(&tr.t("person")),
        person_select(&tr, &people, None),
        escape(&tr.t("language")),
    );
    for l in LANGUAGES {
        let _ = write!(body, "<option value=\"{}\">{}</option>", l.tag(), endonym(l));
    }
    let _ = write!(
        body,
        "</select></label><label>{}<input type=\"password\" name=\"password\" minlength=\"8\" required autocomplete=\"new-password\"></label>\
         <button class=\"primary\" type=\"submit\">{}</button></form>",
        escape(&tr.t("password")),
        escape(&tr.t("add-user"))
    );
    ok(page(&v, "/admin/users", &tr.t("nav-users"), &body))
}

pub(crate) fn notices(tr: &Tr, n: &NoticeQuery, body: &mut String) {
    if let Some(done) = n.done.as_deref().filter(|d| !d.is_empty()) {
        let _ = write!(
            body,
            "<p class=\"notice\" role=\"status\">{}</p>",
            escape(&tr.ta("done", &[("what", done.to_owned())]))
        );
    }
    if let Some(error) = n.error.as_deref().filter(|d| !d.is_empty()) {
        let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", escape(error));
    }
}

/// Back to `path` (which may carry a query of its own) with a notice of what was done or why not.
pub(crate) fn back_to(path: &str, done: Result<String, String>) -> Response {
    let q = match done {
        Ok(d) => format!("done={}", html::url_encode(&d)),
        Err(e) => format!("error={}", html::url_encode(&e)),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{sep}{q}")).into_response()
}

#[derive(Debug, Deserialize)]
pub(crate) struct AddUserForm {
    csrf: String,
    login: String,
    display_name: Option<String>,
    role: String,
    person: Option<String>,
    language: Option<String>,
    password: String,
}

pub(crate) fn actor(v: &Viewer) -> String {
    format!("web:{}", v.user.login)
}

pub(crate) async fn add_user(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<AddUserForm>,
) -> PageResult {
    v.require(&[AccessRole::Admin])?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let role = AccessRole::parse(&f.role).map_err(|e| WebError::BadRequest(tr, e.to_string()))?;
    let person = parse_opt(&tr, "person", f.person.as_deref(), |s| s.parse::<i64>().ok().map(PersonId))?;
    let language =
        parse_opt(&tr, "language", f.language.as_deref(), |s| Language::parse(s).ok())?.unwrap_or(Language::English);
    let login = f.login.trim().to_owned();
    let new = NewUser {
        login: login.clone(),
        display_name: f.display_name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| login.clone()),
        role,
        person,
        language,
        password: f.password,
    };
    let actor = actor(&v);
    let result = blocking(&app, move |app| app.add_user(&actor, new)).await;
    Ok(back_to(
        "/admin/users",
        match result {
            Ok(u) => Ok(tr.ta("user-added", &[("login", u.login)])),
            Err(WebError::App(e)) => Err(e.to_string()),
            Err(e) => return Err(e),
        },
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct ChangeUserForm {
    csrf: String,
    action: String,
    role: Option<String>,
    person: Option<String>,
    password: Option<String>,
}

pub(crate) async fn change_user(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path(login): Path<String>,
    Form(f): Form<ChangeUserForm>,
) -> PageResult {
    v.require(&[AccessRole::Admin])?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let actor = actor(&v);
    let me = v.user.login.clone();
    let result = match f.action.as_str() {
        "role" => {
            let role = AccessRole::parse(f.role.as_deref().unwrap_or(""))
                .map_err(|e| WebError::BadRequest(tr, e.to_string()))?;
            let person = parse_opt(&tr, "person", f.person.as_deref(), |s| s.parse::<i64>().ok().map(PersonId))?;
            if login == me && role != AccessRole::Admin {
                return Ok(back_to("/admin/users", Err(tr.t("cannot-demote-self"))));
            }
            let l = login.clone();
            blocking(&app, move |app| app.set_role(&actor, &l, role, person).map(|_| ())).await
        }
        "disable" | "enable" => {
            if login == me {
                return Ok(back_to("/admin/users", Err(tr.t("cannot-disable-self"))));
            }
            let disabled = f.action == "disable";
            let l = login.clone();
            blocking(&app, move |app| app.set_disabled(&actor, &l, disabled).map(|_| ())).await
        }
        "password" => {
            let password = f.password.unwrap_or_default();
            let l = login.clone();
            blocking(&app, move |app| app.set_password(&actor, &l, &password)).await
        }
        other => {
            return Err(WebError::BadRequest(
                tr,
                tr.ta("bad-field", &[("field", "action".into()), ("value", other.into())]),
            ));
        }
    };
    Ok(back_to(
        "/admin/users",
        match result {
            Ok(()) => Ok(tr.ta("user-changed", &[("login", login)])),
            Err(WebError::App(e)) => Err(e.to_string()),
            Err(e) => return Err(e),
        },
    ))
}

pub(crate) async fn audit(State(app): State<App>, v: Viewer) -> PageResult {
    v.require(&[AccessRole::Admin, AccessRole::Vp])?;
    let tr = v.tr;
    let log = blocking(&app, |app| Ok(app.store().audit_log(500)?)).await?;
    let mut body =
        format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&tr.t("nav-audit")), escape(&tr.t("audit-intro")));
    if log.is_empty() {
        let _ = write!(body, "<p class=\"empty\">{}</p>", escape(&tr.t("none")));
    } else {
        let _ = write!(
            body,
            "<div class=\"panel\"><table><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&tr.t("when")),
            escape(&tr.t("who")),
            escape(&tr.t("action")),
            escape(&tr.t("what")),
            escape(&tr.t("detail"))
        );
        for e in &log {
            let _ = write!(
                body,
                "<tr><td data-v=\"{}\">{} {}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
                e.at.to_rfc3339(),
                escape(&tr.date(e.at.date_naive())),
                e.at.format("%H:%M"),
                escape(&e.actor),
                escape(&e.action),
                escape(&e.entity),
                e.entity_id.as_deref().map(|i| format!(" {}", escape(i))).unwrap_or_default(),
                escape(&e.detail)
            );
        }
        body.push_str("</tbody></table></div>");
    }
    ok(page(&v, "/audit", &tr.t("nav-audit"), &body))
}

pub(crate) async fn system(State(app): State<App>, v: Viewer) -> PageResult {
    v.require(&[AccessRole::Admin])?;
    let tr = v.tr;
    let (o, today) = blocking(&app, |app| Ok((app.overview()?, app.today()))).await?;
    let mut body = format!(
        "<h1>{}</h1><div class=\"grid2\"><section class=\"panel\"><dl class=\"facts\">",
        escape(&tr.t("nav-system"))
    );
    let _ = write!(
        body,
        "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl></section>",
        escape(&tr.t("organisation")),
        escape(&o.organisation.name),
        escape(&tr.t("database")),
        escape(&o.database),
        escape(&tr.t("engine")),
        o.backend.name(),
        escape(&tr.t("schema-version")),
        o.schema_version,
        escape(&tr.t("currency")),
        o.organisation.currency,
        escape(&tr.t("fiscal-year-starts")),
        escape(
            &tr.month(
                chrono::NaiveDate::from_ymd_opt(2000, o.organisation.calendar.first_month(), 1).unwrap_or_default()
            )
            .replace(" 2000", "")
            .replace("2000年", "")
        ),
        escape(&tr.t("today-is")),
        escape(&tr.date(today)),
    );
    if o.counts.total() == 0 {
        let _ = write!(body, "<p class=\"empty\">{}</p>", escape(&tr.t("empty-database")));
    }
    let _ = write!(
        body,
        "<section class=\"panel\"><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(&tr.t("records-held")),
        escape(&tr.t("kind")),
        escape(&tr.t("count"))
    );
    for (label, n) in &o.counts.0 {
        let _ = write!(body, "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td></tr>", escape(label), tr.number(*n));
    }
    body.push_str("</tbody></table></section></div>");
    ok(page(&v, "/admin/system", &tr.t("nav-system"), &body))
}

// ---------------------------------------------------------------------------------------------
// Personal settings: language, API tokens, sessions

#[derive(Debug, Deserialize)]
pub(crate) struct SettingsQuery {
    done: Option<String>,
    error: Option<String>,
}

pub(crate) async fn settings(State(app): State<App>, v: Viewer, Query(q): Query<SettingsQuery>) -> PageResult {
    settings_page(app, v, NoticeQuery { done: q.done, error: q.error }, None).await
}

async fn settings_page(app: App, v: Viewer, n: NoticeQuery, new_token: Option<String>) -> PageResult {
    let tr = v.tr;
    let user = v.user.clone();
    let tokens = blocking(&app, move |app| app.api_tokens(&user)).await?;
    let mut body = format!("<h1>{}</h1>", escape(&tr.t("nav-settings")));
    notices(&tr, &n, &mut body);
    let _ = write!(
        body,
        "<div class=\"grid2\"><section class=\"panel\"><h2>{}</h2><dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>\
         <form method=\"post\" action=\"/settings/language\" class=\"filters\" style=\"margin-top:1rem\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label>{}<select name=\"language\">",
        escape(&tr.t("you")),
        escape(&tr.t("login-name")),
        escape(&v.user.login),
        escape(&tr.t("name")),
        escape(&v.user.display_name),
        escape(&tr.t("role")),
        escape(&tr.value("access_role", v.user.role.as_str())),
        escape(&v.csrf),
        escape(&tr.t("language")),
    );
    for l in LANGUAGES {
        let s = if l == v.user.language { " selected" } else { "" };
        let _ = write!(body, "<option value=\"{}\"{s}>{}</option>", l.tag(), endonym(l));
    }
    let _ = write!(
        body,
        "</select></label><button class=\"primary\" type=\"submit\">{}</button></form>\
         <form method=\"post\" action=\"/settings/sessions/revoke\" data-confirm=\"{}\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <p>{} <button type=\"submit\">{}</button></p></form></section>",
        escape(&tr.t("save")),
        escape(&tr.t("are-you-sure")),
        escape(&v.csrf),
        escape(&tr.t("sessions-intro")),
        escape(&tr.t("sign-out-everywhere")),
    );
    let _ = write!(
        body,
        "<section class=\"panel\"><h2>{}</h2><p>{}</p>",
        escape(&tr.t("api-tokens")),
        escape(&tr.t("api-tokens-intro"))
    );
    if let Some(secret) = new_token {
        let _ = write!(
            body,
            "<div class=\"notice\" role=\"status\"><p>{}</p><p class=\"secret\" id=\"new-token\">{}</p></div>",
            escape(&tr.t("token-shown-once")),
            escape(&secret)
        );
    }
    let live: Vec<_> = tokens.iter().filter(|t| !t.revoked).collect();
    if !live.is_empty() {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\"></th></tr></thead><tbody>",
            escape(&tr.t("name")),
            escape(&tr.t("created")),
            escape(&tr.t("last-used")),
        );
        for t in live {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><form method=\"post\" action=\"/settings/tokens/{}/revoke\" data-confirm=\"{}\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\" class=\"link\">{}</button></form></td></tr>",
                escape(&t.name),
                escape(&tr.date(t.created_at.date())),
                t.last_used_at.map(|d| escape(&tr.date(d.date()))).unwrap_or_else(|| "–".to_owned()),
                t.id,
                escape(&tr.t("are-you-sure")),
                escape(&v.csrf),
                escape(&tr.t("revoke")),
            );
        }
        body.push_str("</tbody></table>");
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/settings/tokens\" class=\"filters\" style=\"margin-top:1rem\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label>{}<input type=\"text\" name=\"name\" required maxlength=\"100\" placeholder=\"{}\"></label>\
         <button class=\"primary\" type=\"submit\">{}</button></form><p class=\"sub\" style=\"margin-top:.6rem\">{} <a href=\"/api/openapi.json\">/api/openapi.json</a></p></section></div>",
        escape(&v.csrf),
        escape(&tr.t("token-name")),
        escape(&tr.t("token-name-hint")),
        escape(&tr.t("create-token")),
        escape(&tr.t("api-described")),
    );
    ok(page(&v, "/settings", &tr.t("nav-settings"), &body))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LanguageForm {
    csrf: String,
    language: String,
}

pub(crate) async fn set_language(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<LanguageForm>,
) -> PageResult {
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let language = Language::parse(&f.language).map_err(|e| WebError::BadRequest(tr, e.to_string()))?;
    let user = v.user.clone();
    blocking(&app, move |app| app.set_language(&user, language)).await?;
    // Back where the picker was used, when that was one of our pages.
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    Ok(Redirect::to(&back).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenForm {
    csrf: String,
    name: String,
}

pub(crate) async fn create_token(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<TokenForm>,
) -> PageResult {
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let name = f.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(WebError::BadRequest(tr, tr.t("token-name-hint")));
    }
    let user = v.user.clone();
    let (_, secret) = blocking(&app, move |app| app.create_api_token(&user, &name)).await?;
    // Shown on this response only; a reload does not show it again.
    let mut response = settings_page(app, v, NoticeQuery { done: None, error: None }, Some(secret)).await?;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, "no-store".parse().map_err(|_| WebError::Internal("header".into()))?);
    Ok(response)
}

pub(crate) async fn revoke_token(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let user = v.user.clone();
    let revoked = blocking(&app, move |app| app.revoke_api_token(&user, id)).await?;
    if !revoked {
        return Err(WebError::NotFound(tr));
    }
    Ok(back_to("/settings", Ok(tr.t("token-revoked"))))
}

pub(crate) async fn sign_out_everywhere(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    v.check_form(&headers, &f.csrf)?;
    let user = v.user.clone();
    blocking(&app, move |app| app.sign_out_everywhere(&user)).await?;
    let clear = session::set_cookie(SESSION_COOKIE, "", 0, v.tls);
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response())
}
