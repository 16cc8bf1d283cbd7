//! Pipeline reviews and the forecast record (DEAL-5, DEAL-6).
//!
//! `/pipeline/reviews` lists the reviews of the teams in the viewer's scope and lets managers,
//! VPs and administrators start one; `/pipeline/reviews/{id}` is the workspace: every deal as it
//! stood, its quality flags, a note and a decision per deal, and what changed since the team's
//! previous review. `/pipeline/forecast` shows the weighted and category forecasts of the coming
//! quarters and how past forecasts compared with what was won. A review of a team outside the
//! viewer's scope does not exist for them (404).

use std::collections::BTreeMap;
use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use sutton_app::App;
use sutton_app::domain::{AccessRole, Money, OpportunityId, TeamId};
use sutton_app::insight::{DealChange, DealFlag, Decision};

use crate::chart::{self, Datum, Series};
use crate::html::{card, escape, page};
use crate::i18n::Tr;
use crate::pages::actor;
use crate::session::Viewer;
use crate::{WebError, blocking};

const DECIDERS: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager];

fn money_or_dash(tr: &Tr, m: Option<Money>) -> String {
    m.map_or_else(|| "–".to_owned(), |m| escape(&tr.money_whole(&m)))
}

/// A flag in words, with its number.
pub(crate) fn flag_text(tr: &Tr, f: &DealFlag) -> String {
    match (f, f.number()) {
        (DealFlag::NoActivity { days: None }, _) => tr.t("flag-no_activity-never"),
        (DealFlag::OutsideIcp { score_ppm }, _) => {
            tr.ta("flag-outside_icp", &[("score", tr.percent(*score_ppm as f64 / 1e6, 0))])
        }
        (_, n) => tr.ta(&format!("flag-{}", f.kind()), &[("n", tr.number(n.unwrap_or(0)))]),
    }
}

fn flag_badges(tr: &Tr, flags: &[DealFlag]) -> String {
    flags
        .iter()
        .map(|f| format!("<span class=\"badge lost\">{}</span>", escape(&flag_text(tr, f))))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) async fn reviews(State(app): State<App>, v: Viewer) -> Result<Response, WebError> {
    let tr = v.tr;
    let scope = v.scope.clone();
    let (list, teams, today) =
        blocking(&app, move |app| Ok((app.reviews(&scope)?, app.review_teams(&scope)?, app.today()))).await?;
    let mut body =
        format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&tr.t("nav-reviews")), escape(&tr.t("reviews-intro")));
    if DECIDERS.contains(&v.user.role) && !teams.is_empty() {
        let _ = write!(
            body,
            "<form class=\"filters panel\" method=\"post\" action=\"/pipeline/reviews\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <label>{}<select name=\"team\">",
            escape(&v.csrf),
            escape(&tr.t("team"))
        );
        for (id, name) in &teams {
            let _ = write!(body, "<option value=\"{}\">{}</option>", id.get(), escape(name));
        }
        let _ = write!(
            body,
            "</select></label><label>{}<input type=\"date\" name=\"as_of\" value=\"{today}\"></label>\
             <button class=\"primary\" type=\"submit\">{}</button></form>",
            escape(&tr.t("date")),
            escape(&tr.t("reviews-start"))
        );
    }
    if list.is_empty() {
        let _ = write!(body, "<p class=\"empty\">{}</p>", escape(&tr.t("reviews-none")));
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
            escape(&tr.t("team")),
            escape(&tr.t("date")),
            escape(&tr.t("review-taken-by")),
            escape(&tr.t("review-deals")),
            escape(&tr.t("amount")),
            escape(&tr.t("review-flagged")),
            escape(&tr.t("review-decided")),
        );
        for r in &list {
            let _ = write!(
                body,
                "<tr><td><a href=\"/pipeline/reviews/{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                r.review.id,
                escape(&r.team_name),
                escape(&tr.date(r.review.as_of)),
                escape(&r.review.taken_by),
                tr.number(r.deals as i64),
                money_or_dash(&tr, r.amount),
                tr.number(r.flagged as i64),
                tr.number(r.decided as i64),
            );
        }
        body.push_str("</tbody></table>");
    }
    Ok(Html(page(&v, "/pipeline/reviews", &tr.t("nav-reviews"), &body)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct StartForm {
    csrf: String,
    team: String,
    as_of: Option<String>,
}

pub(crate) async fn start_review(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<StartForm>,
) -> Result<Response, WebError> {
    v.require(DECIDERS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let team = f
        .team
        .trim()
        .parse::<i64>()
        .map(TeamId)
        .map_err(|_| WebError::BadRequest(tr, tr.ta("bad-team", &[("value", f.team.clone())])))?;
    let as_of = match f.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| WebError::BadRequest(tr, tr.ta("bad-date", &[("value", text.to_owned())])))?,
        ),
        None => None,
    };
    let (actor, scope) = (actor(&v), v.scope.clone());
    let review = blocking(&app, move |app| app.start_review(&actor, &scope, team, as_of)).await?;
    Ok(Redirect::to(&format!("/pipeline/reviews/{}", review.id)).into_response())
}

fn change_text(tr: &Tr, c: &DealChange) -> String {
    let mut parts = Vec::new();
    if c.new {
        parts.push(format!("<span class=\"badge open\">{}</span>", escape(&tr.t("review-new"))));
    }
    if c.gone {
        parts.push(format!("<span class=\"badge lost\">{}</span>", escape(&tr.t("review-gone"))));
    }
    if let Some((a, b)) = &c.amount {
        parts.push(escape(&tr.ta("review-amount-change", &[("from", tr.money_whole(a)), ("to", tr.money_whole(b))])));
    }
    if let Some((a, b)) = &c.stage {
        parts.push(escape(&tr.ta("review-stage-change", &[("from", a.clone()), ("to", b.clone())])));
    }
    if let Some((a, b)) = &c.close_date {
        parts.push(escape(&tr.ta("review-close-change", &[("from", tr.date(*a)), ("to", tr.date(*b))])));
    }
    parts.join(" · ")
}

pub(crate) async fn review(State(app): State<App>, v: Viewer, Path(id): Path<i64>) -> Result<Response, WebError> {
    let tr = v.tr;
    let scope = v.scope.clone();
    let w = match blocking(&app, move |app| app.review_workspace(&scope, id)).await {
        Err(WebError::App(sutton_app::AppError::NotFound { .. })) => return Err(WebError::NotFound(tr)),
        other => other?,
    };
    let title = tr.ta("review-title", &[("team", w.team_name.clone()), ("date", tr.date(w.review.as_of))]);
    let mut body = format!(
        "<p><a href=\"/pipeline/reviews\">← {}</a></p><h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-reviews")),
        escape(&title),
        escape(
            &tr.ta("review-taken", &[("who", w.review.taken_by.clone()), ("date", tr.date(w.review.taken_at.date()))])
        )
    );
    let total = w.lines.iter().try_fold(None::<Money>, |acc, l| match acc {
        None => Some(Some(l.amount)),
        Some(m) => m.checked_add(l.amount).ok().map(Some),
    });
    let flagged = w.lines.iter().filter(|l| !l.flags.is_empty()).count();
    let decided = w.lines.iter().filter(|l| l.decision.is_some()).count();
    let _ = write!(
        body,
        "<div class=\"cards\">{}{}{}{}</div>",
        card(&tr.t("review-deals"), &tr.number(w.lines.len() as i64), ""),
        card(&tr.t("amount"), &total.flatten().map_or_else(|| "–".to_owned(), |m| tr.money_whole(&m)), ""),
        card(&tr.t("review-flagged"), &tr.number(flagged as i64), ""),
        card(&tr.t("review-decided"), &tr.number(decided as i64), ""),
    );
    // What changed since the previous review.
    let _ =
        write!(body, "<section class=\"panel\" style=\"margin:1rem 0\"><h2>{}</h2>", escape(&tr.t("review-changes")));
    match (&w.previous, &w.comparison) {
        (Some(p), Some(c)) => {
            let _ = write!(
                body,
                "<p>{}</p>",
                escape(&tr.ta(
                    "review-changes-summary",
                    &[
                        ("date", tr.date(p.as_of)),
                        ("before", tr.money_whole(&c.previous_total)),
                        ("gone", tr.money_whole(&c.gone_total)),
                        ("new", tr.money_whole(&c.new_total)),
                        ("change", tr.money_whole(&c.amount_change)),
                        ("after", tr.money_whole(&c.current_total)),
                    ]
                ))
            );
            if c.changes.is_empty() {
                let _ = write!(body, "<p>{}</p>", escape(&tr.t("review-no-changes")));
            } else {
                let _ = write!(
                    body,
                    "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                    escape(&tr.t("opportunity")),
                    escape(&tr.t("review-what-changed")),
                    escape(&tr.t("review-carried")),
                );
                for ch in &c.changes {
                    let carried = match (&ch.carried, &ch.carried_note) {
                        (None, None) => String::new(),
                        (d, n) => format!(
                            "{}{}",
                            d.map(|d| format!("<strong>{}</strong> ", escape(&tr.value("decision", d.as_str()))))
                                .unwrap_or_default(),
                            n.as_deref().map(escape).unwrap_or_default()
                        ),
                    };
                    let _ = write!(
                        body,
                        "<tr><td><a href=\"/opportunities/{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                        ch.opportunity.get(),
                        escape(&ch.name),
                        change_text(&tr, ch),
                        carried
                    );
                }
                body.push_str("</tbody></table>");
            }
        }
        _ => {
            let _ = write!(body, "<p>{}</p>", escape(&tr.t("review-first")));
        }
    }
    body.push_str("</section>");
    // The deals, each with its flags, note and decision.
    let can_decide = DECIDERS.contains(&v.user.role);
    let _ = write!(
        body,
        "<section class=\"panel\"><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&tr.t("review-deals")),
        escape(&tr.t("opportunity")),
        escape(&tr.t("owner")),
        escape(&tr.t("stage")),
        escape(&tr.t("close-date")),
        escape(&tr.t("amount")),
        escape(&tr.t("review-flags")),
        escape(&tr.t("review-decision")),
    );
    for l in &w.lines {
        let decision_cell = if can_decide {
            let mut options = format!("<option value=\"\">{}</option>", escape(&tr.t("review-undecided")));
            for d in Decision::ALL {
                let selected = if l.decision == Some(d) { " selected" } else { "" };
                let _ = write!(
                    options,
                    "<option value=\"{}\"{selected}>{}</option>",
                    d.as_str(),
                    escape(&tr.value("decision", d.as_str()))
                );
            }
            format!(
                "<form method=\"post\" action=\"/pipeline/reviews/{}/deals/{}\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                 <input type=\"text\" name=\"note\" aria-label=\"{}\" value=\"{}\"> <select name=\"decision\" aria-label=\"{}\">{options}</select> \
                 <button class=\"link\" type=\"submit\">{}</button></form>",
                w.review.id,
                l.opportunity.get(),
                escape(&v.csrf),
                escape(&tr.t("review-note")),
                escape(l.note.as_deref().unwrap_or("")),
                escape(&tr.t("review-decision")),
                escape(&tr.t("save")),
            )
        } else {
            format!(
                "{} {}",
                l.decision.map(|d| escape(&tr.value("decision", d.as_str()))).unwrap_or_default(),
                escape(l.note.as_deref().unwrap_or(""))
            )
        };
        let by = w
            .decided
            .get(&l.opportunity)
            .map(|(who, at)| {
                format!("<br><span class=\"sub\">{} · {}</span>", escape(who), escape(&tr.date(at.date())))
            })
            .unwrap_or_default();
        let _ = write!(
            body,
            "<tr id=\"deal-{}\"><td><a href=\"/opportunities/{}\">{}</a></td><td>{}</td><td>{} <span class=\"sub\">{}</span></td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{decision_cell}{by}</td></tr>",
            l.opportunity.get(),
            l.opportunity.get(),
            escape(&l.name),
            escape(&l.owner.name),
            escape(&l.stage),
            escape(&tr.value("forecast_category", l.category.as_str())),
            escape(&tr.date(l.close_date)),
            escape(&tr.money_whole(&l.amount)),
            flag_badges(&tr, &l.flags),
        );
    }
    body.push_str("</tbody></table></section>");
    Ok(Html(page(&v, "/pipeline/reviews", &title, &body)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecideForm {
    csrf: String,
    note: Option<String>,
    decision: Option<String>,
}

pub(crate) async fn decide(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path((id, opportunity)): Path<(i64, i64)>,
    Form(f): Form<DecideForm>,
) -> Result<Response, WebError> {
    v.require(DECIDERS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let (actor, scope) = (actor(&v), v.scope.clone());
    let result = blocking(&app, move |app| {
        app.decide_review(&actor, &scope, id, OpportunityId(opportunity), f.note.as_deref(), f.decision.as_deref())
    })
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/pipeline/reviews/{id}#deal-{opportunity}")).into_response()),
        Err(WebError::App(sutton_app::AppError::NotFound { .. })) => Err(WebError::NotFound(tr)),
        Err(WebError::App(sutton_app::AppError::Input(detail))) => Err(WebError::BadRequest(tr, detail)),
        Err(e) => Err(e),
    }
}

/// Forecast error as a signed share of the actual: (forecast − actual) ÷ actual.
fn error_share(forecast: &Money, actual: &Money) -> Option<f64> {
    (actual.minor() > 0).then(|| (forecast.minor() - actual.minor()) as f64 / actual.minor() as f64)
}

pub(crate) async fn forecast(State(app): State<App>, v: Viewer) -> Result<Response, WebError> {
    v.require(DECIDERS)?;
    let tr = v.tr;
    let scope = v.scope.clone();
    let r = blocking(&app, move |app| app.forecast_record(&scope, None, 4, 6)).await?;
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-forecast")),
        escape(&tr.ta("forecast-intro", &[("date", tr.date(r.as_of))]))
    );
    let pct = |x: Option<f64>| x.map_or_else(|| "–".to_owned(), |x| tr.percent(x, 0));
    // The coming quarters.
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.t("forecast-upcoming")),
        [
            ("period", ""),
            ("team", ""),
            ("quota", " class=\"n\""),
            ("won", " class=\"n\""),
            ("v-forecast_category-commit", " class=\"n\""),
            ("v-forecast_category-best_case", " class=\"n\""),
            ("v-forecast_category-pipeline", " class=\"n\""),
            ("forecast-weighted", " class=\"n\""),
            ("forecast-commit-forecast", " class=\"n\""),
            ("forecast-weighted-forecast", " class=\"n\""),
        ]
        .iter()
        .map(|(id, class)| format!("<th scope=\"col\"{class}>{}</th>", escape(&tr.t(id))))
        .collect::<String>()
    );
    for row in &r.rows {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            row.period,
            escape(&row.group.name),
            money_or_dash(&tr, row.quota),
            escape(&tr.money_whole(&row.won)),
            escape(&tr.money_whole(&row.commit)),
            escape(&tr.money_whole(&row.best_case)),
            escape(&tr.money_whole(&row.pipeline)),
            escape(&tr.money_whole(&row.weighted)),
            escape(&tr.money_whole(&row.commit_forecast)),
            escape(&tr.money_whole(&row.weighted_forecast)),
        );
    }
    body.push_str("</tbody></table></section>");
    // Accuracy of past quarters: a chart of the totals, then the table per team.
    let mut totals: BTreeMap<sutton_app::domain::Period, [i128; 3]> = BTreeMap::new();
    for a in &r.rebuilt {
        let t = totals.entry(a.period).or_default();
        t[0] += i128::from(a.commit_forecast.minor());
        t[1] += i128::from(a.weighted_forecast.minor());
        t[2] += i128::from(a.actual.minor());
    }
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><h2>{}</h2><p class=\"sub\">{}</p>",
        escape(&tr.t("forecast-accuracy")),
        escape(&tr.t("forecast-accuracy-explained"))
    );
    if let Some(currency) = r.rebuilt.first().map(|a| a.actual.currency()) {
        let money = |m: i128| Money::from_minor(i64::try_from(m).unwrap_or(i64::MAX), currency);
        let periods: Vec<String> = totals.keys().map(ToString::to_string).collect();
        let series = |name: &str, k: usize| Series {
            name: tr.t(name),
            values: totals
                .values()
                .map(|t| {
                    let m = money(t[k]);
                    Datum::new(m.to_major_f64(), tr.money_compact(&m))
                })
                .collect(),
        };
        let axis =
            |x: f64| tr.money_compact(&Money::from_minor((x * currency.minor_per_major() as f64) as i64, currency));
        let _ = write!(
            body,
            "{}",
            chart::lines(
                &tr.t("chart-forecast-accuracy"),
                &periods,
                &[
                    series("forecast-commit-forecast", 0),
                    series("forecast-weighted-forecast", 1),
                    series("forecast-actual", 2)
                ],
                axis
            )
        );
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
            escape(&tr.t("period")),
            escape(&tr.t("team")),
            escape(&tr.t("forecast-made-on")),
            escape(&tr.t("forecast-commit-forecast")),
            escape(&tr.t("forecast-weighted-forecast")),
            escape(&tr.t("forecast-actual")),
            escape(&tr.t("forecast-commit-error")),
            escape(&tr.t("forecast-weighted-error")),
        );
        for a in &r.rebuilt {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                a.period,
                escape(&a.group.name),
                escape(&tr.date(a.as_of)),
                escape(&tr.money_whole(&a.commit_forecast)),
                escape(&tr.money_whole(&a.weighted_forecast)),
                escape(&tr.money_whole(&a.actual)),
                pct(error_share(&a.commit_forecast, &a.actual)),
                pct(error_share(&a.weighted_forecast, &a.actual)),
            );
        }
        body.push_str("</tbody></table>");
    } else {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("none")));
    }
    body.push_str("</section>");
    // Recorded forecasts.
    let teams: BTreeMap<i64, String> = r
        .rows
        .iter()
        .map(|x| (x.group.id, x.group.name.clone()))
        .chain(r.rebuilt.iter().map(|x| (x.group.id, x.group.name.clone())))
        .collect();
    let _ = write!(body, "<section class=\"panel\"><h2>{}</h2>", escape(&tr.t("forecast-recorded")));
    if r.recorded.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("forecast-recorded-none")));
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
            escape(&tr.t("period")),
            escape(&tr.t("team")),
            escape(&tr.t("forecast-made-on")),
            escape(&tr.t("forecast-commit-forecast")),
            escape(&tr.t("forecast-best-case-forecast")),
            escape(&tr.t("forecast-weighted-forecast")),
            escape(&tr.t("forecast-actual")),
            escape(&tr.t("forecast-weighted-error")),
        );
        for (s, actual) in &r.recorded {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                s.period,
                escape(teams.get(&s.team.get()).map_or("–", String::as_str)),
                escape(&tr.date(s.as_of)),
                escape(&tr.money_whole(&s.commit)),
                escape(&tr.money_whole(&s.best_case)),
                escape(&tr.money_whole(&s.weighted)),
                money_or_dash(&tr, *actual),
                pct(actual.and_then(|a| error_share(&s.weighted, &a))),
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section>");
    Ok(Html(page(&v, "/pipeline/forecast", &tr.t("nav-forecast"), &body)).into_response())
}
