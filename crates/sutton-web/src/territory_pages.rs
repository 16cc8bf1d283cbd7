//! Territory scenarios in the browser (TERR-2, TERR-3, TERR-6): the stored scenarios with the
//! optimiser's metrics, a new scenario planned in the background, two scenarios (or one and the
//! current alignment) side by side, the scenario editor — click a county, move it or lock it and
//! see the metrics recomputed at once, re-optimise around the locks, publish — and the "how many
//! reps" curve.
//!
//! VPs and administrators plan, edit and publish; managers read, with the territory tables and
//! charts narrowed to the territories their people cover; reps are not shown territory design.
//! Optimiser runs are background jobs kept in memory (as imports are): a restart forgets the
//! progress page, never a stored scenario.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Instant;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sutton_app::domain::{AccessRole, AlignmentId, AlignmentStatus, Currency, GeoUnitId, Money, Scope, TerritoryId};
use sutton_app::{App, AppError, PlanMeasure, PlanRequest, ScenarioSettings, ScenarioView, Sizing, UnitEdit};

use crate::chart::{self, Datum, Series};
use crate::html::{card, escape, page};
use crate::i18n::Tr;
use crate::map;
use crate::pages::{CsrfForm, NoticeQuery, actor, back_to, notices};
use crate::session::Viewer;
use crate::{WebError, blocking};

type PageResult = Result<Response, WebError>;

const READERS: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager];
const EDITORS: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp];

/// Territory colours on the editor's map (repeated when there are more territories).
const PALETTE: [&str; 12] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#86bcb6", "#d4a6c8",
];

fn can_edit(v: &Viewer) -> bool {
    EDITORS.contains(&v.user.role)
}

fn measure_label(tr: &Tr, name: &str) -> String {
    match name {
        "accounts" => tr.t("terr-measure-accounts"),
        "potential" => tr.t("terr-measure-potential"),
        _ => tr.t("terr-measure-workload"),
    }
}

/// A territory total as a person reads it: accounts, money, or hours of calls a year.
fn figure(tr: &Tr, name: &str, value: f64, currency: Currency) -> String {
    match name {
        "accounts" => tr.number(value.round() as i64),
        "potential" => {
            tr.money_compact(&Money::from_minor((value * currency.minor_per_major() as f64).round() as i64, currency))
        }
        _ => tr.ta("terr-hours", &[("hours", tr.number((value / 60.0).round() as i64))]),
    }
}

fn signed(tr: &Tr, d: f64) -> String {
    if d >= 0.0 { format!("+{}", tr.percent(d, 1)) } else { tr.percent(d, 1) }
}

fn settings_line(tr: &Tr, s: &ScenarioSettings) -> String {
    let mut parts: Vec<String> = s
        .balance
        .iter()
        .map(|(m, t)| {
            tr.ta(
                "terr-balance-within",
                &[("measure", measure_label(tr, m.as_str())), ("tolerance", tr.percent(*t, 1))],
            )
        })
        .collect();
    if let Some(d) = s.max_disruption {
        parts.push(tr.ta("terr-max-disruption-is", &[("share", tr.percent(d, 0))]));
    }
    if s.homes {
        parts.push(tr.t("terr-homes-used"));
    }
    parts.push(tr.ta("terr-seed-is", &[("seed", s.seed.to_string())]));
    parts.join(" · ")
}

fn status_label(tr: &Tr, status: AlignmentStatus) -> String {
    match status {
        AlignmentStatus::Current => tr.t("terr-status-current"),
        AlignmentStatus::Scenario => tr.t("terr-status-scenario"),
        AlignmentStatus::Archived => tr.t("terr-status-archived"),
    }
}

/// Whether the viewer may see a territory's detail: everyone above manager; a manager the
/// territories covered by someone in their scope.
fn visible(scope: &Scope, reps: &[(sutton_app::domain::PersonId, String)]) -> bool {
    matches!(scope, Scope::Everything) || reps.iter().any(|(p, _)| scope.sees(*p))
}

fn alignment_id(tr: &Tr, text: &str) -> Result<AlignmentId, WebError> {
    text.trim().parse::<i64>().map(AlignmentId).map_err(|_| WebError::NotFound(*tr))
}

// ---------------------------------------------------------------------------------------------
// Background jobs

#[derive(Debug)]
enum Outcome {
    Scenario(AlignmentId, Vec<String>),
    Sizing(Box<Sizing>),
}

#[derive(Debug)]
enum JobState {
    Running { done: usize, total: usize },
    Done(Outcome),
    Failed(String),
}

#[derive(Debug)]
struct Job {
    owner: String,
    title: String,
    started: Instant,
    state: JobState,
}

type Jobs = Mutex<HashMap<String, Arc<Mutex<Job>>>>;

static JOBS: LazyLock<Jobs> = LazyLock::new(Mutex::default);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts `work` in the background and sends the browser to its progress page.
fn start_job(
    app: &App,
    v: &Viewer,
    title: String,
    work: impl FnOnce(&App, &(dyn Fn(usize, usize) + Sync)) -> Result<Outcome, AppError> + Send + 'static,
) -> PageResult {
    let id = sutton_app::random_token().map_err(WebError::App)?[..16].to_owned();
    let job = Arc::new(Mutex::new(Job {
        owner: v.user.login.clone(),
        title,
        started: Instant::now(),
        state: JobState::Running { done: 0, total: 0 },
    }));
    {
        let mut all = lock(&JOBS);
        all.retain(|_, j| {
            let j = lock(j);
            matches!(j.state, JobState::Running { .. }) || j.started.elapsed().as_secs() < 24 * 3600
        });
        all.insert(id.clone(), job.clone());
    }
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let progress_job = job.clone();
        let progress = move |done: usize, total: usize| {
            lock(&progress_job).state = JobState::Running { done, total };
        };
        let result = work(&app, &progress);
        lock(&job).state = match result {
            Ok(outcome) => JobState::Done(outcome),
            Err(e) => JobState::Failed(e.to_string()),
        };
    });
    Ok(Redirect::to(&format!("/territories/jobs/{id}")).into_response())
}

pub(crate) async fn job(State(app): State<App>, v: Viewer, Path(id): Path<String>) -> PageResult {
    v.require(EDITORS)?;
    let tr = v.tr;
    let Some(job) = lock(&JOBS).get(&id).cloned() else { return Err(WebError::NotFound(tr)) };
    let (title, started, state) = {
        let j = lock(&job);
        if j.owner != v.user.login {
            return Err(WebError::NotFound(tr));
        }
        let state = match &j.state {
            JobState::Running { done, total } => JobState::Running { done: *done, total: *total },
            JobState::Failed(e) => JobState::Failed(e.clone()),
            JobState::Done(Outcome::Scenario(a, v)) => JobState::Done(Outcome::Scenario(*a, v.clone())),
            JobState::Done(Outcome::Sizing(s)) => JobState::Done(Outcome::Sizing(s.clone())),
        };
        (j.title.clone(), j.started, state)
    };
    let mut body = format!(
        "<p><a href=\"/territories\">← {}</a></p><h1>{}</h1>",
        escape(&tr.t("nav-territories")),
        escape(&title)
    );
    let mut refresh = false;
    match state {
        JobState::Running { done, total } => {
            refresh = true;
            let _ = write!(
                body,
                "<div class=\"panel\" role=\"status\" aria-live=\"polite\"><p>{}</p>",
                escape(&tr.t("terr-job-running"))
            );
            if total > 0 {
                let _ =
                    write!(
                        body,
                        "<progress max=\"{total}\" value=\"{done}\" style=\"width:100%\"></progress><p>{}</p>",
                        escape(&tr.ta(
                            "terr-job-steps",
                            &[("done", tr.number(done as i64)), ("total", tr.number(total as i64))]
                        ))
                    );
            } else {
                body.push_str("<progress style=\"width:100%\"></progress>");
            }
            let _ = write!(
                body,
                "<p class=\"sub\">{}</p></div>",
                escape(&tr.ta("import-elapsed", &[("seconds", tr.number(started.elapsed().as_secs() as i64))]))
            );
        }
        JobState::Failed(reason) => {
            let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", escape(&reason));
        }
        JobState::Done(Outcome::Scenario(id, violations)) => {
            let _ = write!(
                body,
                "<p class=\"notice\" role=\"status\">{} <a href=\"/territories/{}\">{}</a></p>",
                escape(&tr.ta("terr-job-done", &[("seconds", tr.decimal(started.elapsed().as_secs_f64(), 1))])),
                id.get(),
                escape(&tr.t("terr-open-scenario"))
            );
            if !violations.is_empty() {
                let _ = write!(body, "<h2>{}</h2><ul>", escape(&tr.t("terr-not-met")));
                for x in violations {
                    let _ = write!(body, "<li>{}</li>", escape(&x));
                }
                body.push_str("</ul>");
            }
        }
        JobState::Done(Outcome::Sizing(sizing)) => {
            let currency = blocking(&app, |app| Ok(app.store().organisation()?.currency)).await?;
            sizing_report(&tr, &sizing, currency, &mut body);
        }
    }
    let mut html = page(&v, "/territories", &title, &body);
    if refresh {
        html = html.replacen("<head>", "<head><meta http-equiv=\"refresh\" content=\"1\">", 1);
    }
    Ok(Html(html).into_response())
}

// ---------------------------------------------------------------------------------------------
// The list of scenarios and a new one

fn balance_summary(tr: &Tr, view: &ScenarioView) -> String {
    view.metrics
        .balance
        .iter()
        .map(|b| {
            tr.ta(
                "terr-balance-cell",
                &[
                    ("measure", measure_label(tr, &b.name)),
                    ("max", tr.percent(b.max_deviation, 1)),
                    ("cv", tr.percent(b.cv, 1)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn contiguity_text(tr: &Tr, view: &ScenarioView) -> String {
    let broken = view.broken().len();
    if broken == 0 { tr.t("terr-all-contiguous") } else { tr.count("terr-not-contiguous-count", broken as i64) }
}

pub(crate) async fn list(State(app): State<App>, v: Viewer, Query(n): Query<NoticeQuery>) -> PageResult {
    v.require(READERS)?;
    let tr = v.tr;
    let views = blocking(&app, App::scenarios).await?;
    let mut body =
        format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&tr.t("nav-territories")), escape(&tr.t("terr-intro")));
    notices(&tr, &n, &mut body);
    let _ = write!(
        body,
        "<div class=\"panel\"><table><caption>{}</caption><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th>\
         <th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&tr.t("terr-scenarios")),
        escape(&tr.t("terr-scenario")),
        escape(&tr.t("status")),
        escape(&tr.t("terr-territories")),
        escape(&tr.t("terr-balance")),
        escape(&tr.t("terr-travel")),
        escape(&tr.t("terr-disruption")),
        escape(&tr.t("terr-cut-edges")),
        escape(&tr.t("terr-contiguity")),
    );
    for view in &views {
        let m = &view.metrics;
        let _ = write!(
            body,
            "<tr><td><a href=\"/territories/{}\">{}</a><br><span class=\"sub\">{}</span></td><td>{}</td><td class=\"n\">{}</td><td>{}</td>\
             <td class=\"n\" data-v=\"{:.3}\">{}</td><td class=\"n\" data-v=\"{:.4}\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            view.alignment.id.get(),
            escape(&view.alignment.name),
            escape(&settings_line(&tr, &view.settings)),
            escape(&status_label(&tr, view.alignment.status)),
            tr.number(view.territories.len() as i64),
            escape(&balance_summary(&tr, view)),
            m.mean_distance_to_centre,
            escape(&tr.ta("terr-km", &[("km", tr.decimal(m.mean_distance_to_centre, 1))])),
            view.moved_share,
            escape(&tr.ta(
                "terr-moved-cell",
                &[("count", tr.number(view.moved as i64)), ("share", tr.percent(view.moved_share, 1))]
            )),
            tr.number(m.cut_edges as i64),
            escape(&contiguity_text(&tr, view)),
        );
    }
    body.push_str("</tbody></table></div>");
    // Compare two.
    let options = |selected: Option<AlignmentId>| {
        views
            .iter()
            .map(|x| {
                format!(
                    "<option value=\"{}\"{}>{} ({})</option>",
                    x.alignment.id.get(),
                    if Some(x.alignment.id) == selected { " selected" } else { "" },
                    escape(&x.alignment.name),
                    escape(&status_label(&tr, x.alignment.status))
                )
            })
            .collect::<String>()
    };
    let first = views.first().map(|x| x.alignment.id);
    let second = views.get(1).or(views.first()).map(|x| x.alignment.id);
    let _ = write!(
        body,
        "<h2>{}</h2><form class=\"filters\" method=\"get\" action=\"/territories/compare\"><label>{}<select name=\"a\">{}</select></label>\
         <label>{}<select name=\"b\">{}</select></label><button class=\"primary\" type=\"submit\">{}</button></form>",
        escape(&tr.t("terr-compare")),
        escape(&tr.t("terr-left")),
        options(first),
        escape(&tr.t("terr-right")),
        options(second),
        escape(&tr.t("terr-compare")),
    );
    let _ = write!(body, "<p><a href=\"/territories/sizing\">{}</a></p>", escape(&tr.t("terr-sizing-link")));
    if can_edit(&v) {
        let current_k =
            views.iter().find(|x| x.alignment.status == AlignmentStatus::Current).map_or(8, |x| x.territories.len());
        let _ = write!(
            body,
            "<h2>{}</h2><form class=\"panel\" method=\"post\" action=\"/territories\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <p><label>{}<br><input type=\"text\" name=\"name\" required maxlength=\"200\" value=\"{}\"></label></p>\
             <p><label>{}<br><input type=\"number\" name=\"territories\" min=\"1\" max=\"500\" value=\"{current_k}\"></label></p>{}\
             <p><label>{}<br><input type=\"number\" name=\"max_disruption\" min=\"1\" max=\"100\" step=\"any\"></label></p>\
             <p><label>{}<br><input type=\"number\" name=\"seed\" min=\"0\" value=\"1\"></label></p>\
             <p><label><input type=\"checkbox\" name=\"homes\" value=\"on\"> {}</label></p>\
             <p><button class=\"primary\" type=\"submit\">{}</button></p></form>",
            escape(&tr.t("terr-new")),
            escape(&v.csrf),
            escape(&tr.t("terr-name")),
            escape(&tr.t("terr-default-name")),
            escape(&tr.t("terr-territories")),
            balance_fields(&tr),
            escape(&tr.t("terr-max-disruption")),
            escape(&tr.t("terr-seed")),
            escape(&tr.t("terr-use-homes")),
            escape(&tr.t("terr-plan")),
        );
    }
    Ok(Html(page(&v, "/territories", &tr.t("nav-territories"), &body)).into_response())
}

/// Checkboxes for what to balance, each with its tolerance in percent.
fn balance_fields(tr: &Tr) -> String {
    let mut out = format!("<fieldset><legend>{}</legend>", escape(&tr.t("terr-balance-what")));
    for (name, checked, tolerance) in [("accounts", true, "5"), ("potential", false, "10"), ("workload", false, "10")] {
        let _ = write!(
            out,
            "<p><label><input type=\"checkbox\" name=\"{name}\" value=\"on\"{}> {}</label> \
             <label>{} <input type=\"number\" name=\"{name}_tolerance\" min=\"0.1\" max=\"99\" step=\"any\" value=\"{tolerance}\" style=\"width:5rem\"> %</label></p>",
            if checked { " checked" } else { "" },
            escape(&measure_label(tr, name)),
            escape(&tr.t("terr-tolerance")),
        );
    }
    out.push_str("</fieldset>");
    out
}

#[derive(Debug, Deserialize)]
pub(crate) struct BalanceForm {
    accounts: Option<String>,
    accounts_tolerance: Option<String>,
    potential: Option<String>,
    potential_tolerance: Option<String>,
    workload: Option<String>,
    workload_tolerance: Option<String>,
}

fn percent_field(tr: &Tr, field: &str, value: Option<&str>) -> Result<Option<f64>, WebError> {
    match value.map(str::trim).filter(|x| !x.is_empty()) {
        None => Ok(None),
        Some(text) => match text.replace(',', ".").parse::<f64>() {
            Ok(p) if p > 0.0 && p < 100.0 => Ok(Some(p / 100.0)),
            _ => Err(WebError::BadRequest(
                *tr,
                tr.ta("terr-bad-percent", &[("field", field.to_owned()), ("value", text.to_owned())]),
            )),
        },
    }
}

fn balance_from(tr: &Tr, f: &BalanceForm) -> Result<Vec<(PlanMeasure, f64)>, WebError> {
    let mut out = Vec::new();
    for (measure, on, tolerance, field) in [
        (PlanMeasure::Accounts, &f.accounts, &f.accounts_tolerance, "accounts_tolerance"),
        (PlanMeasure::Potential, &f.potential, &f.potential_tolerance, "potential_tolerance"),
        (PlanMeasure::Workload, &f.workload, &f.workload_tolerance, "workload_tolerance"),
    ] {
        if on.as_deref().is_some_and(|x| !x.is_empty()) {
            let t = percent_field(tr, field, tolerance.as_deref())?.unwrap_or(0.05);
            out.push((measure, t));
        }
    }
    if out.is_empty() {
        return Err(WebError::BadRequest(*tr, tr.t("terr-choose-measure")));
    }
    Ok(out)
}

#[derive(Debug, Deserialize)]
pub(crate) struct PlanForm {
    csrf: String,
    name: Option<String>,
    territories: Option<String>,
    max_disruption: Option<String>,
    seed: Option<String>,
    homes: Option<String>,
    #[serde(flatten)]
    balance: BalanceForm,
}

fn number_field<T: std::str::FromStr>(tr: &Tr, field: &str, value: Option<&str>) -> Result<Option<T>, WebError> {
    match value.map(str::trim).filter(|x| !x.is_empty()) {
        None => Ok(None),
        Some(text) => text.parse::<T>().map(Some).map_err(|_| {
            WebError::BadRequest(*tr, tr.ta("bad-field", &[("field", field.to_owned()), ("value", text.to_owned())]))
        }),
    }
}

pub(crate) async fn plan(State(app): State<App>, v: Viewer, headers: HeaderMap, Form(f): Form<PlanForm>) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let territories: Option<usize> = number_field(&tr, "territories", f.territories.as_deref())?;
    if territories.is_some_and(|k| k == 0 || k > 500) {
        return Err(WebError::BadRequest(
            tr,
            tr.ta(
                "bad-field",
                &[("field", "territories".into()), ("value", f.territories.clone().unwrap_or_default())],
            ),
        ));
    }
    let request = PlanRequest {
        name: f
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map_or_else(|| tr.t("terr-default-name"), str::to_owned),
        territories,
        balance: balance_from(&tr, &f.balance)?,
        max_disruption: percent_field(&tr, "max_disruption", f.max_disruption.as_deref())?,
        seed: number_field(&tr, "seed", f.seed.as_deref())?.unwrap_or(1),
        homes: f.homes.as_deref().is_some_and(|h| !h.is_empty()),
    };
    let actor = actor(&v);
    let title = tr.ta("terr-planning", &[("name", request.name.clone())]);
    start_job(&app, &v, title, move |app, progress| {
        let o = app.plan_territories_with(&actor, &request, progress)?;
        Ok(Outcome::Scenario(o.alignment, o.violations))
    })
}

// ---------------------------------------------------------------------------------------------
// One scenario: map, metrics, editing

/// The metrics of a scenario: headline cards, contiguity, the territory table and the balance
/// charts. Also the answer to a live edit.
fn metrics_fragment(tr: &Tr, scope: &Scope, view: &ScenarioView, currency: Currency) -> String {
    let m = &view.metrics;
    let mut out = String::from("<div class=\"cards\">");
    for b in &m.balance {
        let _ = write!(
            out,
            "{}",
            card(
                &tr.ta("terr-balance-of", &[("measure", measure_label(tr, &b.name))]),
                &format!("±{}", tr.percent(b.max_deviation, 1)),
                &tr.ta(
                    "terr-balance-detail",
                    &[
                        ("cv", tr.percent(b.cv, 1)),
                        ("tolerance", tr.percent(b.tolerance, 1)),
                        ("outside", tr.number(b.outside as i64)),
                    ]
                ),
            )
        );
    }
    out.push_str(&card(
        &tr.t("terr-travel"),
        &tr.ta("terr-km", &[("km", tr.decimal(m.mean_distance_to_centre, 1))]),
        &tr.t("terr-travel-detail"),
    ));
    out.push_str(&card(
        &tr.t("terr-disruption"),
        &tr.percent(view.moved_share, 1),
        &tr.count("terr-counties-moved", view.moved as i64),
    ));
    out.push_str(&card(&tr.t("terr-cut-edges"), &tr.number(m.cut_edges as i64), &tr.t("terr-cut-edges-detail")));
    out.push_str(&card(&tr.t("terr-contiguity"), &contiguity_text(tr, view), ""));
    out.push_str("</div>");
    let broken = view.broken();
    if !broken.is_empty() {
        let names: Vec<String> = broken.iter().map(|&t| view.territories[t].name.clone()).collect();
        let _ = write!(
            out,
            "<p class=\"error\" role=\"alert\" data-contiguity=\"broken\">{}</p>",
            escape(&tr.ta("terr-broken", &[("territories", names.join(", "))]))
        );
    }
    // The territories the viewer may see, with their totals against target.
    let shown: Vec<usize> =
        (0..view.territories.len()).filter(|&t| visible(scope, &view.territories[t].reps)).collect();
    let counties: Vec<usize> = {
        let mut c = vec![0; view.territories.len()];
        for u in &view.units {
            c[u.territory] += 1;
        }
        c
    };
    let _ = write!(
        out,
        "<div class=\"panel\"><table><caption>{}</caption><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th>",
        escape(&tr.t("terr-territories")),
        escape(&tr.t("territory")),
        escape(&tr.t("covered-by")),
        escape(&tr.t("counties")),
    );
    for b in &m.balance {
        let _ = write!(out, "<th scope=\"col\" class=\"n\" data-sort>{}</th>", escape(&measure_label(tr, &b.name)));
    }
    let _ = write!(out, "<th scope=\"col\">{}</th></tr></thead><tbody>", escape(&tr.t("terr-contiguity")));
    for &t in &shown {
        let terr = &view.territories[t];
        let tm = &m.territories[t];
        let reps = if terr.reps.is_empty() {
            format!("<span class=\"badge lost\">{}</span>", escape(&tr.t("vacant")))
        } else {
            escape(&terr.reps.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", "))
        };
        let _ = write!(
            out,
            "<tr data-territory=\"{}\"><td><i style=\"display:inline-block;width:.8rem;height:.8rem;background:{};margin-right:.3rem\"></i>{}</td><td>{reps}</td><td class=\"n\">{}</td>",
            terr.id.get(),
            PALETTE[t % PALETTE.len()],
            escape(&terr.name),
            tr.number(counties[t] as i64),
        );
        for (a, b) in m.balance.iter().enumerate() {
            let d = if tm.targets[a] > 0.0 { tm.totals[a] / tm.targets[a] - 1.0 } else { 0.0 };
            let _ = write!(
                out,
                "<td class=\"n\" data-v=\"{:.3}\">{} ({})</td>",
                tm.totals[a],
                escape(&figure(tr, &b.name, tm.totals[a], currency)),
                escape(&signed(tr, d))
            );
        }
        let _ = write!(
            out,
            "<td>{}</td></tr>",
            if tm.contiguous {
                escape(&tr.t("yes"))
            } else {
                format!("<span class=\"badge lost\">{}</span>", escape(&tr.t("terr-split")))
            }
        );
    }
    out.push_str("</tbody></table></div><div class=\"grid2\" style=\"margin-top:1rem\">");
    for (a, b) in m.balance.iter().enumerate() {
        out.push_str("<section class=\"panel\">");
        out.push_str(&balance_chart(tr, view, &shown, a, &b.name, b.tolerance, currency));
        out.push_str("</section>");
    }
    out.push_str("</div>");
    out
}

/// One balanced measure per territory against its target band.
fn balance_chart(
    tr: &Tr,
    view: &ScenarioView,
    shown: &[usize],
    a: usize,
    name: &str,
    tolerance: f64,
    currency: Currency,
) -> String {
    let m = &view.metrics;
    let mut rows: Vec<usize> = shown.to_vec();
    rows.sort_by(|x, y| m.territories[*y].totals[a].total_cmp(&m.territories[*x].totals[a]));
    let target = m.territories.first().map_or(0.0, |t| t.targets[a]);
    let items: Vec<(String, Datum)> = rows
        .iter()
        .map(|&t| {
            let tm = &m.territories[t];
            let d = if tm.targets[a] > 0.0 { tm.totals[a] / tm.targets[a] - 1.0 } else { 0.0 };
            (
                view.territories[t].name.clone(),
                Datum::new(tm.totals[a], format!("{} ({})", figure(tr, name, tm.totals[a], currency), signed(tr, d))),
            )
        })
        .collect();
    chart::band_bars(
        &tr.ta("terr-balance-chart", &[("measure", measure_label(tr, name))]),
        &items,
        target,
        (target * (1.0 - tolerance), target * (1.0 + tolerance)),
        &tr.ta(
            "terr-target-band",
            &[("target", figure(tr, name, target, currency)), ("tolerance", tr.percent(tolerance, 1))],
        ),
    )
}

/// The scenario's map: counties coloured by territory (or by the territory's deviation from
/// target on the first balanced measure), locked counties outlined, reps' homes pinned.
fn scenario_map(
    tr: &Tr,
    scope: &Scope,
    view: &ScenarioView,
    id: &str,
    by_deviation: bool,
    currency: Currency,
) -> String {
    let m = &view.metrics;
    let first = m.balance.first();
    let deviation = |t: usize| {
        let tm = &m.territories[t];
        match tm.targets.first() {
            Some(target) if *target > 0.0 => tm.totals[0] / target - 1.0,
            _ => 0.0,
        }
    };
    let mut fills: HashMap<String, (&str, String)> = HashMap::new();
    for u in &view.units {
        let terr = &view.territories[u.territory];
        if !visible(scope, &terr.reps) {
            continue;
        }
        let colour = if by_deviation {
            map::deviation_colour(deviation(u.territory))
        } else {
            PALETTE[u.territory % PALETTE.len()]
        };
        let mut label = match first {
            Some(b) => format!(
                "{} · {} {} ({})",
                terr.name,
                measure_label(tr, &b.name),
                figure(tr, &b.name, m.territories[u.territory].totals[0], currency),
                signed(tr, deviation(u.territory))
            ),
            None => terr.name.clone(),
        };
        if u.locked {
            label.push_str(&format!(" · {}", tr.t("terr-locked")));
        }
        fills.insert(u.fips.clone(), (colour, label));
    }
    let legend: Vec<(String, String)> = if by_deviation { map::deviation_legend() } else { Vec::new() };
    let marks = map::Marks {
        outlined: view.units.iter().filter(|u| u.locked).map(|u| u.fips.clone()).collect(),
        pins: view
            .territories
            .iter()
            .filter(|t| visible(scope, &t.reps))
            .filter_map(|t| {
                t.home.as_ref().map(|h| {
                    (
                        h.clone(),
                        tr.ta(
                            "terr-home-of",
                            &[
                                ("rep", t.reps.first().map_or(String::new(), |r| r.1.clone())),
                                ("territory", t.name.clone()),
                            ],
                        ),
                    )
                })
            })
            .collect(),
    };
    let rows: Vec<(String, String)> = view
        .territories
        .iter()
        .enumerate()
        .filter(|(_, t)| visible(scope, &t.reps))
        .map(|(i, t)| (t.name.clone(), signed(tr, deviation(i))))
        .collect();
    map::draw_marked(
        id,
        &tr.ta("terr-map-title", &[("name", view.alignment.name.clone())]),
        &fills,
        &legend,
        [&tr.t("territory"), &tr.t("deviation")],
        &rows,
        &marks,
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct ScenarioQuery {
    done: Option<String>,
    error: Option<String>,
    colour: Option<String>,
}

pub(crate) async fn scenario(
    State(app): State<App>,
    v: Viewer,
    Path(id): Path<String>,
    Query(q): Query<ScenarioQuery>,
) -> PageResult {
    v.require(READERS)?;
    let tr = v.tr;
    let id = alignment_id(&tr, &id)?;
    let (view, currency) =
        blocking(&app, move |app| Ok((app.scenario(id)?, app.store().organisation()?.currency))).await?;
    let by_deviation = q.colour.as_deref() == Some("deviation");
    let mut body = format!(
        "<p><a href=\"/territories\">← {}</a></p><h1>{} <span class=\"badge\">{}</span></h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-territories")),
        escape(&view.alignment.name),
        escape(&status_label(&tr, view.alignment.status)),
        escape(&settings_line(&tr, &view.settings)),
    );
    notices(&tr, &NoticeQuery { done: q.done.clone(), error: q.error.clone() }, &mut body);
    let editable = can_edit(&v) && view.is_editable();
    if !editable {
        let _ = write!(body, "<p class=\"sub\">{}</p>", escape(&tr.t("terr-read-only")));
    }
    let _ = write!(
        body,
        "<div id=\"scenario-metrics\" aria-live=\"polite\">{}</div>",
        metrics_fragment(&tr, &v.scope, &view, currency)
    );
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/territories/{}\"><label>{}<select name=\"colour\" data-autosubmit>\
         <option value=\"territory\"{}>{}</option><option value=\"deviation\"{}>{}</option></select></label>\
         <noscript><button class=\"primary\">{}</button></noscript></form>",
        id.get(),
        escape(&tr.t("colour-by")),
        if by_deviation { "" } else { " selected" },
        escape(&tr.t("territory")),
        if by_deviation { " selected" } else { "" },
        escape(&tr.t("deviation")),
        escape(&tr.t("apply")),
    );
    let _ = write!(
        body,
        "<div class=\"panel\" {}>{}</div>",
        if editable { "data-pick" } else { "" },
        scenario_map(&tr, &v.scope, &view, "scenario-map", by_deviation, currency)
    );
    if editable {
        let mut units: Vec<&sutton_app::ScenarioUnit> = view.units.iter().collect();
        units.sort_by(|a, b| a.name.cmp(&b.name).then(a.fips.cmp(&b.fips)));
        let _ = write!(
            body,
            "<h2>{}</h2><p class=\"sub\">{}</p><form class=\"panel\" id=\"unit-form\" method=\"post\" action=\"/territories/{}/units\" data-live>\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\"><p><label>{}<br><select name=\"unit\" id=\"unit-pick\">",
            escape(&tr.t("terr-edit")),
            escape(&tr.t("terr-edit-help")),
            id.get(),
            escape(&v.csrf),
            escape(&tr.t("county")),
        );
        for u in &units {
            let _ = write!(
                body,
                "<option value=\"{}\" data-fips=\"{}\">{} – {}{}</option>",
                u.geo.get(),
                escape(&u.fips),
                escape(&u.name),
                escape(&view.territories[u.territory].name),
                if u.locked { format!(" ({})", escape(&tr.t("terr-locked"))) } else { String::new() }
            );
        }
        let _ = write!(
            body,
            "</select></label></p><p><label>{}<br><select name=\"territory\">",
            escape(&tr.t("terr-move-to"))
        );
        for (t, terr) in view.territories.iter().enumerate() {
            let _ = write!(
                body,
                "<option value=\"{}\" data-colour=\"{}\">{}</option>",
                terr.id.get(),
                PALETTE[t % PALETTE.len()],
                escape(&terr.name)
            );
        }
        let _ = write!(
            body,
            "</select></label></p><p><button class=\"primary\" type=\"submit\" name=\"action\" value=\"move\">{}</button> \
             <button type=\"submit\" name=\"action\" value=\"lock\">{}</button> \
             <button type=\"submit\" name=\"action\" value=\"unlock\">{}</button></p></form>",
            escape(&tr.t("terr-move")),
            escape(&tr.t("terr-lock")),
            escape(&tr.t("terr-unlock")),
        );
        let locked = view.units.iter().filter(|u| u.locked).count();
        let _ = write!(
            body,
            "<div class=\"grid2\" style=\"margin-top:1rem\"><form class=\"panel\" method=\"post\" action=\"/territories/{0}/reoptimise\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{1}\"><p>{2}</p><button class=\"primary\" type=\"submit\">{3}</button></form>\
             <form class=\"panel\" method=\"post\" action=\"/territories/{0}/publish\" data-confirm=\"{4}\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{1}\"><p>{5}</p><button class=\"primary\" type=\"submit\">{6}</button></form></div>",
            id.get(),
            escape(&v.csrf),
            escape(&tr.count("terr-reoptimise-help", locked as i64)),
            escape(&tr.t("terr-reoptimise")),
            escape(&tr.ta("terr-publish-confirm", &[("name", view.alignment.name.clone())])),
            escape(&tr.t("terr-publish-help")),
            escape(&tr.t("terr-publish")),
        );
    }
    let current = view.alignment.status == AlignmentStatus::Current;
    if !current {
        let _ = write!(
            body,
            "<p><a href=\"/territories/compare?a={}&amp;b=current\">{}</a></p>",
            id.get(),
            escape(&tr.t("terr-compare-current"))
        );
    }
    Ok(Html(page(&v, "/territories", &view.alignment.name, &body)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct UnitForm {
    csrf: String,
    unit: String,
    action: String,
    territory: Option<String>,
    fragment: Option<String>,
}

pub(crate) async fn edit_unit(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<UnitForm>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let id = alignment_id(&tr, &id)?;
    let unit = GeoUnitId(f.unit.trim().parse().map_err(|_| {
        WebError::BadRequest(tr, tr.ta("bad-field", &[("field", "unit".into()), ("value", f.unit.clone())]))
    })?);
    let edit = match f.action.as_str() {
        "move" => {
            let territory: i64 = number_field(&tr, "territory", f.territory.as_deref())?.ok_or_else(|| {
                WebError::BadRequest(tr, tr.ta("bad-field", &[("field", "territory".into()), ("value", String::new())]))
            })?;
            UnitEdit::Move(TerritoryId(territory))
        }
        "lock" => UnitEdit::Lock,
        "unlock" => UnitEdit::Unlock,
        other => {
            return Err(WebError::BadRequest(
                tr,
                tr.ta("bad-field", &[("field", "action".into()), ("value", other.into())]),
            ));
        }
    };
    let fragment = f.fragment.as_deref().is_some_and(|x| !x.is_empty());
    let actor = actor(&v);
    let result = blocking(&app, move |app| {
        Ok((app.edit_scenario(&actor, id, unit, edit)?, app.store().organisation()?.currency))
    })
    .await;
    let path = format!("/territories/{}", id.get());
    match result {
        Ok((view, currency)) => {
            if fragment {
                return Ok(Html(metrics_fragment(&tr, &v.scope, &view, currency)).into_response());
            }
            let name = view.units.iter().find(|u| u.geo == unit).map_or_else(String::new, |u| u.name.clone());
            let done = match edit {
                UnitEdit::Move(t) => tr.ta(
                    "terr-moved",
                    &[
                        ("county", name),
                        (
                            "territory",
                            view.territories.iter().find(|x| x.id == t).map_or_else(String::new, |x| x.name.clone()),
                        ),
                    ],
                ),
                UnitEdit::Lock => tr.ta("terr-locked-done", &[("county", name)]),
                UnitEdit::Unlock => tr.ta("terr-unlocked-done", &[("county", name)]),
            };
            Ok(back_to(&path, Ok(done)))
        }
        Err(WebError::App(AppError::Input(e))) => {
            if fragment {
                return Ok((
                    StatusCode::BAD_REQUEST,
                    Html(format!("<p class=\"error\" role=\"alert\">{}</p>", escape(&e))),
                )
                    .into_response());
            }
            Ok(back_to(&path, Err(e)))
        }
        Err(e) => Err(e),
    }
}

pub(crate) async fn reoptimise(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let id = alignment_id(&tr, &id)?;
    let view = blocking(&app, move |app| app.scenario(id)).await?;
    if !view.is_editable() {
        return Ok(back_to(&format!("/territories/{}", id.get()), Err(tr.t("terr-read-only"))));
    }
    let actor = actor(&v);
    let title = tr.ta("terr-reoptimising", &[("name", view.alignment.name.clone())]);
    start_job(&app, &v, title, move |app, progress| {
        let (view, violations) = app.reoptimise_scenario(&actor, id, progress)?;
        Ok(Outcome::Scenario(view.alignment.id, violations))
    })
}

pub(crate) async fn publish(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let id = alignment_id(&tr, &id)?;
    let actor = actor(&v);
    let result = blocking(&app, move |app| app.publish_alignment(&actor, id)).await;
    let path = format!("/territories/{}", id.get());
    match result {
        Ok(o) => Ok(back_to(
            &path,
            Ok(tr.ta(
                "terr-published",
                &[("moved", tr.number(o.accounts_moved as i64)), ("kept", tr.number(o.accounts_unassignable as i64))],
            )),
        )),
        Err(WebError::App(AppError::Input(e))) => Ok(back_to(&path, Err(e))),
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// Side by side

#[derive(Debug, Deserialize)]
pub(crate) struct CompareQuery {
    a: Option<String>,
    b: Option<String>,
}

pub(crate) async fn compare(State(app): State<App>, v: Viewer, Query(q): Query<CompareQuery>) -> PageResult {
    v.require(READERS)?;
    let tr = v.tr;
    let (views, currency) = blocking(&app, |app| Ok((app.scenarios()?, app.store().organisation()?.currency))).await?;
    let pick = |text: Option<&str>, fallback: usize| -> Result<&ScenarioView, WebError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => views.get(fallback).or(views.first()).ok_or(WebError::NotFound(tr)),
            Some("current") => {
                views.iter().find(|x| x.alignment.status == AlignmentStatus::Current).ok_or(WebError::NotFound(tr))
            }
            Some(id) => {
                let id = alignment_id(&tr, id)?;
                views.iter().find(|x| x.alignment.id == id).ok_or(WebError::NotFound(tr))
            }
        }
    };
    let (a, b) = (pick(q.a.as_deref(), 0)?, pick(q.b.as_deref(), 1)?);
    let mut body = format!(
        "<p><a href=\"/territories\">← {}</a></p><h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-territories")),
        escape(&tr.t("terr-compare")),
        escape(&tr.ta("terr-compare-sub", &[("a", a.alignment.name.clone()), ("b", b.alignment.name.clone())]))
    );
    let _ = write!(
        body,
        "<div class=\"panel\"><table><caption>{}</caption><thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"n\"><a href=\"/territories/{}\">{}</a></th><th scope=\"col\" class=\"n\"><a href=\"/territories/{}\">{}</a></th></tr></thead><tbody>",
        escape(&tr.t("terr-metrics")),
        a.alignment.id.get(),
        escape(&a.alignment.name),
        b.alignment.id.get(),
        escape(&b.alignment.name),
    );
    let row = |body: &mut String, label: String, x: String, y: String| {
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&label),
            escape(&x),
            escape(&y)
        );
    };
    row(
        &mut body,
        tr.t("terr-territories"),
        tr.number(a.territories.len() as i64),
        tr.number(b.territories.len() as i64),
    );
    // Balance on every measure either one balances, measured on both.
    let mut names: Vec<String> = a.metrics.balance.iter().map(|x| x.name.clone()).collect();
    for x in &b.metrics.balance {
        if !names.contains(&x.name) {
            names.push(x.name.clone());
        }
    }
    let balance_of = |view: &ScenarioView, name: &str| view.metrics.balance.iter().find(|x| x.name == name).cloned();
    for name in &names {
        let cell = |x: Option<sutton_app::align::BalanceMetrics>,
                    f: &dyn Fn(&sutton_app::align::BalanceMetrics) -> f64| {
            x.map_or("–".to_owned(), |x| tr.percent(f(&x), 1))
        };
        row(
            &mut body,
            tr.ta("terr-max-deviation-of", &[("measure", measure_label(&tr, name))]),
            cell(balance_of(a, name), &|x| x.max_deviation),
            cell(balance_of(b, name), &|x| x.max_deviation),
        );
        row(
            &mut body,
            tr.ta("terr-cv-of", &[("measure", measure_label(&tr, name))]),
            cell(balance_of(a, name), &|x| x.cv),
            cell(balance_of(b, name), &|x| x.cv),
        );
    }
    let km = |x: &ScenarioView| tr.ta("terr-km", &[("km", tr.decimal(x.metrics.mean_distance_to_centre, 1))]);
    row(&mut body, tr.t("terr-travel"), km(a), km(b));
    let moved = |x: &ScenarioView| {
        tr.ta("terr-moved-cell", &[("count", tr.number(x.moved as i64)), ("share", tr.percent(x.moved_share, 1))])
    };
    row(&mut body, tr.t("terr-disruption"), moved(a), moved(b));
    row(
        &mut body,
        tr.t("terr-cut-edges"),
        tr.number(a.metrics.cut_edges as i64),
        tr.number(b.metrics.cut_edges as i64),
    );
    row(&mut body, tr.t("terr-contiguity"), contiguity_text(&tr, a), contiguity_text(&tr, b));
    body.push_str("</tbody></table></div><div class=\"grid2\" style=\"margin-top:1rem\">");
    for (x, id) in [(a, "map-a"), (b, "map-b")] {
        let _ = write!(body, "<section class=\"panel\">{}", scenario_map(&tr, &v.scope, x, id, true, currency));
        let shown: Vec<usize> =
            (0..x.territories.len()).filter(|&t| visible(&v.scope, &x.territories[t].reps)).collect();
        for (i, bm) in x.metrics.balance.iter().enumerate() {
            body.push_str(&balance_chart(&tr, x, &shown, i, &bm.name, bm.tolerance, currency));
        }
        body.push_str("</section>");
    }
    body.push_str("</div>");
    Ok(Html(page(&v, "/territories", &tr.t("terr-compare"), &body)).into_response())
}

// ---------------------------------------------------------------------------------------------
// How many reps

pub(crate) async fn sizing_form(State(app): State<App>, v: Viewer) -> PageResult {
    v.require(READERS)?;
    let tr = v.tr;
    let views = blocking(&app, App::scenarios).await?;
    let current =
        views.iter().find(|x| x.alignment.status == AlignmentStatus::Current).map_or(8, |x| x.territories.len());
    let mut body = format!(
        "<p><a href=\"/territories\">← {}</a></p><h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-territories")),
        escape(&tr.t("terr-sizing")),
        escape(&tr.ta("terr-sizing-intro", &[("current", tr.number(current as i64))]))
    );
    if can_edit(&v) {
        let _ = write!(
            body,
            "<form class=\"panel\" method=\"post\" action=\"/territories/sizing\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <p><label>{}<br><input type=\"number\" name=\"from\" min=\"1\" max=\"500\" value=\"{}\"></label> \
             <label>{}<br><input type=\"number\" name=\"to\" min=\"1\" max=\"500\" value=\"{}\"></label></p>{}\
             <p><label>{}<br><input type=\"number\" name=\"seed\" min=\"0\" value=\"1\"></label></p>\
             <p><button class=\"primary\" type=\"submit\">{}</button></p></form>",
            escape(&v.csrf),
            escape(&tr.t("terr-from")),
            current.saturating_sub(5).max(1),
            escape(&tr.t("terr-to")),
            current + 5,
            balance_fields(&tr),
            escape(&tr.t("terr-seed")),
            escape(&tr.t("terr-sizing-run")),
        );
    } else {
        let _ = write!(body, "<p class=\"sub\">{}</p>", escape(&tr.t("terr-read-only")));
    }
    Ok(Html(page(&v, "/territories", &tr.t("terr-sizing"), &body)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct SizingForm {
    csrf: String,
    from: Option<String>,
    to: Option<String>,
    seed: Option<String>,
    #[serde(flatten)]
    balance: BalanceForm,
}

/// The most territory counts one sizing run tries.
const MAX_SIZES: usize = 31;

pub(crate) async fn sizing_start(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<SizingForm>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let from: usize = number_field(&tr, "from", f.from.as_deref())?.unwrap_or(1).max(1);
    let to: usize = number_field(&tr, "to", f.to.as_deref())?.unwrap_or(from + 10);
    if to < from || to - from >= MAX_SIZES {
        return Err(WebError::BadRequest(
            tr,
            tr.ta(
                "terr-bad-range",
                &[("from", from.to_string()), ("to", to.to_string()), ("max", MAX_SIZES.to_string())],
            ),
        ));
    }
    let settings = ScenarioSettings {
        balance: balance_from(&tr, &f.balance)?,
        max_disruption: None,
        seed: number_field(&tr, "seed", f.seed.as_deref())?.unwrap_or(1),
        homes: false,
    };
    let title = tr.t("terr-sizing");
    start_job(&app, &v, title, move |app, progress| {
        Ok(Outcome::Sizing(Box::new(app.territory_sizing(from..=to, &settings, progress)?)))
    })
}

fn sizing_report(tr: &Tr, s: &Sizing, currency: Currency, body: &mut String) {
    let _ = currency;
    let verdict = match s.recommended {
        Some(k) => {
            tr.ta("terr-sizing-verdict", &[("k", tr.number(k as i64)), ("current", tr.number(s.current as i64))])
        }
        None => tr.ta(
            "terr-sizing-none",
            &[
                ("from", tr.number(s.points.first().map_or(0, |p| p.territories) as i64)),
                ("to", tr.number(s.points.last().map_or(0, |p| p.territories) as i64)),
            ],
        ),
    };
    let _ = write!(
        body,
        "<p class=\"{}\" role=\"status\" id=\"sizing-verdict\">{}</p><p class=\"sub\">{}</p>",
        if s.recommended.is_some() { "notice" } else { "error" },
        escape(&verdict),
        escape(&settings_line(tr, &s.settings))
    );
    let categories: Vec<String> = s.points.iter().map(|p| p.territories.to_string()).collect();
    let deviation: Vec<Series> = s
        .settings
        .balance
        .iter()
        .enumerate()
        .map(|(i, (m, _))| Series {
            name: measure_label(tr, m.as_str()),
            values: s
                .points
                .iter()
                .map(|p| {
                    let d = p.max_deviation.get(i).copied().unwrap_or(0.0);
                    Datum::new(d * 100.0, tr.percent(d, 1))
                })
                .collect(),
        })
        .collect();
    let travel = vec![Series {
        name: tr.t("terr-travel"),
        values: s
            .points
            .iter()
            .map(|p| Datum::new(p.mean_distance_km, tr.ta("terr-km", &[("km", tr.decimal(p.mean_distance_km, 1))])))
            .collect(),
    }];
    let _ = write!(
        body,
        "<div class=\"grid2\"><section class=\"panel\">{}</section><section class=\"panel\">{}</section>",
        chart::lines(&tr.t("terr-chart-deviation"), &categories, &deviation, |x| format!("{x:.0} %")),
        chart::lines(&tr.t("terr-chart-travel"), &categories, &travel, |x| format!("{x:.0} km")),
    );
    let hours = |m: f64| tr.ta("terr-hours", &[("hours", tr.number((m / 60.0).round() as i64))]);
    if s.points.iter().any(|p| p.workload_per_rep.is_some()) {
        let mut series = vec![Series {
            name: tr.t("terr-workload-per-rep"),
            values: s
                .points
                .iter()
                .map(|p| {
                    let w = p.workload_per_rep.unwrap_or(0.0);
                    Datum::new(w / 60.0, hours(w))
                })
                .collect(),
        }];
        if let Some(c) = s.capacity_per_rep {
            series.push(Series {
                name: tr.t("terr-capacity-per-rep"),
                values: s.points.iter().map(|_| Datum::new(c / 60.0, hours(c))).collect(),
            });
        }
        let _ = write!(
            body,
            "<section class=\"panel\">{}</section>",
            chart::lines(&tr.t("terr-chart-workload"), &categories, &series, |x| format!("{x:.0} h"))
        );
    }
    body.push_str("</div>");
    let _ = write!(
        body,
        "<div class=\"panel\" style=\"margin-top:1rem\"><table><caption>{}</caption><thead><tr><th scope=\"col\" class=\"n\">{}</th>",
        escape(&tr.t("terr-sizing")),
        escape(&tr.t("terr-territories")),
    );
    for (m, _) in &s.settings.balance {
        let _ = write!(
            body,
            "<th scope=\"col\" class=\"n\">{}</th>",
            escape(&tr.ta("terr-max-deviation-of", &[("measure", measure_label(tr, m.as_str()))]))
        );
    }
    let _ = write!(
        body,
        "<th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&tr.t("terr-travel")),
        escape(&tr.t("terr-accounts-per-rep")),
        escape(&tr.t("terr-workload-per-rep")),
        escape(&tr.t("terr-meets-tolerance")),
        escape(&tr.t("terr-within-capacity")),
    );
    let yes_no = |b: Option<bool>| match b {
        Some(true) => tr.t("yes"),
        Some(false) => tr.t("no"),
        None => "–".to_owned(),
    };
    for p in &s.points {
        let mark =
            if Some(p.territories) == s.recommended { " style=\"font-weight:700;background:#e7f5ea\"" } else { "" };
        let _ = write!(body, "<tr{mark}><th scope=\"row\" class=\"n\">{}</th>", tr.number(p.territories as i64));
        for d in &p.max_deviation {
            let _ = write!(body, "<td class=\"n\">{}</td>", escape(&tr.percent(*d, 1)));
        }
        let _ = write!(
            body,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&tr.ta("terr-km", &[("km", tr.decimal(p.mean_distance_km, 1))])),
            escape(&tr.decimal(p.accounts_per_rep, 1)),
            escape(&p.workload_per_rep.map_or("–".to_owned(), hours)),
            escape(&yes_no(Some(p.meets_tolerance))),
            escape(&yes_no(p.within_capacity)),
        );
    }
    body.push_str("</tbody></table></div>");
    if let Some(c) = s.capacity_per_rep {
        let _ = write!(body, "<p class=\"sub\">{}</p>", escape(&tr.ta("terr-capacity-note", &[("hours", hours(c))])));
    }
}
