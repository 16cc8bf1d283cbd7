//! The whiplash page: what a VP reads in a minute. Per team a risk from 0 to 100, the causes
//! ranked by how much of the risk they carry with the engine's explanation in numbers, and a
//! chart of what is coming: quota, what is booked and in the pipeline, and the contract value
//! running out, period by period, beside the bookings history that shows the boom and bust.
//!
//! Managers see the teams they lead; VPs and administrators also see the whole company. The
//! report is computed by `sutton-insight` and reused for a few minutes.

use std::collections::BTreeSet;
use std::fmt::Write;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use sutton_app::App;
use sutton_app::domain::{AccessRole, Money, Scope};
use sutton_app::insight::{Cause, CauseFigures, ConversionRow, NotMeasured, TeamRisk, WhiplashReport};

use crate::chart::{self, Datum, Series};
use crate::html::{escape, page};
use crate::i18n::Tr;
use crate::session::Viewer;
use crate::{WebError, blocking};

/// Upcoming quarters the page looks at.
const PERIODS: u32 = 4;

fn risk_colour(risk: u32) -> &'static str {
    match risk {
        0..=19 => "#2f9e55",
        20..=39 => "#E69F00",
        _ => "#C62828",
    }
}

/// A small horizontal bar for a 0–100 risk, with the number beside it.
fn risk_bar(risk: u32) -> String {
    format!(
        "<svg width=\"120\" height=\"14\" role=\"img\" aria-label=\"{risk} / 100\"><rect width=\"100\" height=\"14\" fill=\"#e8edf3\"/>\
         <rect width=\"{}\" height=\"14\" fill=\"{}\"/></svg> <strong>{risk}</strong>",
        risk.min(100),
        risk_colour(risk)
    )
}

fn cause_label(tr: &Tr, c: &Cause) -> String {
    let kind = tr.value("cause", c.kind.as_str());
    match c.period {
        Some(p) => format!("{kind} ({p})"),
        None => kind,
    }
}

/// A cause's reading in the reader's language, from the engine's figures: shares, money,
/// months and ratios written the reader's way.
fn cause_text(tr: &Tr, c: &Cause) -> String {
    let share = |x: f64| tr.percent(x, 0);
    let times = |x: f64, places: usize| tr.decimal(x, places);
    let money = |m: &Money| tr.money_whole(m);
    match &c.figures {
        CauseFigures::NotMeasured(why) => {
            let why = match why {
                NotMeasured::NoCoverageBasis => "whycause-nm-coverage-basis",
                NotMeasured::NoContractsEnded => "whycause-nm-contracts-ended",
                NotMeasured::FewQuarters => "whycause-nm-few-quarters",
                NotMeasured::NothingBooked => "whycause-nm-nothing-booked",
                NotMeasured::NoCustomers => "whycause-nm-no-customers",
                NotMeasured::NoCustomersOrDeals => "whycause-nm-no-customers-deals",
                NotMeasured::NoPipelineBefore => "whycause-nm-no-pipeline-before",
                NotMeasured::TooLittlePipeline => "whycause-nm-little-pipeline",
                NotMeasured::NoProductLines => "whycause-nm-no-lines",
            };
            tr.ta("whycause-not-measured", &[("why", tr.t(why))])
        }
        CauseFigures::ForwardCoverage {
            share: s,
            month,
            month_start,
            pipeline,
            remaining,
            required,
            coverage,
            gap,
            also_short,
        } => {
            let mut text = tr.ta(
                "whycause-coverage",
                &[
                    ("share", share(*s)),
                    ("period", month.to_string()),
                    ("month", tr.month(*month_start)),
                    ("pipeline", money(pipeline)),
                    ("remaining", money(remaining)),
                    ("required", times(*required, 2)),
                    ("coverage", times(*coverage, 2)),
                ],
            );
            if let Some(g) = gap {
                text.push_str(&tr.ta("whycause-coverage-gap", &[("gap", money(g))]));
            }
            if !also_short.is_empty() {
                let months: Vec<String> = also_short.iter().map(|(m, s)| format!("{m} {}", share(*s))).collect();
                text.push_str(&tr.ta("whycause-also-short", &[("months", months.join(", "))]));
            }
            text
        }
        CauseFigures::NoUncoveredContracts => tr.t("whycause-no-uncovered"),
        CauseFigures::RenewalCliff {
            expiring,
            contracts,
            month,
            month_start,
            renewing,
            replacing,
            uncovered,
            ratio,
            typical,
            of_quota,
        } => {
            let mut text = tr.ta(
                "whycause-cliff",
                &[
                    ("expiring", money(expiring)),
                    ("contracts", tr.number(i64::from(*contracts))),
                    ("period", month.to_string()),
                    ("month", tr.month(*month_start)),
                    ("renewing", money(renewing)),
                    ("replacing", money(replacing)),
                    ("uncovered", money(uncovered)),
                    ("ratio", times(*ratio, 1)),
                    ("typical", money(typical)),
                ],
            );
            if let Some(q) = of_quota {
                text.push_str(&tr.ta("whycause-cliff-quota", &[("share", share(*q))]));
            }
            text
        }
        CauseFigures::Volatility { quarters, cv, low, high, reversals, chances } => tr.ta(
            "whycause-volatility",
            &[
                ("quarters", tr.number(*quarters as i64)),
                ("spread", share(*cv)),
                ("cv", times(*cv, 2)),
                ("low", money(low)),
                ("high", money(high)),
                ("reversals", tr.number(*reversals as i64)),
                ("chances", tr.number(*chances as i64)),
            ],
        ),
        CauseFigures::Concentration { deals, top3, booked, top5, hhi } => tr.ta(
            "whycause-concentration",
            &[
                ("deals", tr.number(*deals as i64)),
                ("top3", share(*top3)),
                ("booked", money(booked)),
                ("top5", share(*top5)),
                ("hhi", times(*hhi, 3)),
            ],
        ),
        CauseFigures::EngagementGap { share: s, orphaned, orphaned_value, quiet, quiet_value, quiet_days } => tr.ta(
            "whycause-engagement",
            &[
                ("share", share(*s)),
                ("orphaned", tr.number(i64::from(*orphaned))),
                ("orphaned_value", money(orphaned_value)),
                ("quiet", tr.number(i64::from(*quiet))),
                ("quiet_value", money(quiet_value)),
                ("days", tr.number(*quiet_days)),
            ],
        ),
        CauseFigures::SingleThreaded { share: s, value, accounts, of_accounts, deals, of_deals } => tr.ta(
            "whycause-single",
            &[
                ("share", share(*s)),
                ("value", money(value)),
                ("accounts", tr.number(i64::from(*accounts))),
                ("of_accounts", tr.number(*of_accounts as i64)),
                ("deals", tr.number(i64::from(*deals))),
                ("of_deals", tr.number(i64::from(*of_deals))),
            ],
        ),
        CauseFigures::FunnelStarvation { since, created_ratio, recent, before, effort_ratio } => tr.ta(
            "whycause-starvation",
            &[
                ("since", tr.date(*since)),
                ("pace", share(*created_ratio)),
                ("recent", money(recent)),
                ("before", money(before)),
                ("effort", share(*effort_ratio)),
            ],
        ),
        CauseFigures::ProductSkew { line, since, now, then } => {
            let points = (now - then) * 100.0;
            let sign = if points >= 0.0 { "+" } else { "" };
            tr.ta(
                "whycause-skew",
                &[
                    ("line", line.clone().unwrap_or_else(|| tr.t("whycause-no-product"))),
                    ("now", share(*now)),
                    ("since", tr.date(*since)),
                    ("then", share(*then)),
                    ("points", format!("{sign}{}", times(points, 0))),
                ],
            )
        }
    }
}

/// An alert's cause in the reader's language (the alert names its team and cause).
fn alert_text(tr: &Tr, report: &WhiplashReport, a: &sutton_app::insight::Alert) -> String {
    report
        .teams
        .iter()
        .chain(std::iter::once(&report.company))
        .filter(|t| t.team.id == a.team.id)
        .flat_map(|t| &t.causes)
        .find(|c| c.kind == a.kind && c.period == a.period)
        .map_or_else(|| a.message.clone(), |c| cause_text(tr, c))
}

fn major(m: &Money) -> f64 {
    m.to_major_f64()
}

fn team_section(tr: &Tr, t: &TeamRisk, body: &mut String) {
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\" id=\"team-{}\"><h2>{} · {}</h2>",
        t.team.id,
        escape(&t.team.name),
        risk_bar(t.risk)
    );
    if t.causes.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("whiplash-no-causes")));
    } else {
        body.push_str("<ol>");
        for c in &t.causes {
            let _ = write!(
                body,
                "<li><strong>{}</strong> — {} <span class=\"sub\">({})</span></li>",
                escape(&cause_label(tr, c)),
                escape(&cause_text(tr, c)),
                escape(&tr.ta("risk-points", &[("points", tr.decimal(c.contribution, 0))]))
            );
        }
        body.push_str("</ol>");
    }
    body.push_str("<div class=\"grid2\">");
    if let Some(currency) =
        t.bookings.first().map(|(_, m)| m.currency()).or(t.outlook.first().map(|o| o.booked.currency()))
    {
        let axis =
            |x: f64| tr.money_compact(&Money::from_minor((x * currency.minor_per_major() as f64) as i64, currency));
        let periods: Vec<String> = t.outlook.iter().map(|o| o.period.to_string()).collect();
        let zero = Money::zero(currency);
        let series = vec![
            Series {
                name: tr.t("quota"),
                values: t
                    .outlook
                    .iter()
                    .map(|o| {
                        let q = o.quota.unwrap_or(zero);
                        Datum::new(major(&q), tr.money_compact(&q))
                    })
                    .collect(),
            },
            Series {
                name: tr.t("booked-plus-pipeline"),
                values: t
                    .outlook
                    .iter()
                    .map(|o| {
                        let m = o.booked.checked_add(o.pipeline).unwrap_or(o.booked);
                        Datum::new(major(&m), tr.money_compact(&m))
                    })
                    .collect(),
            },
            Series {
                name: tr.t("expiring-contracts"),
                values: t
                    .outlook
                    .iter()
                    .map(|o| Datum::new(major(&o.expiring), tr.money_compact(&o.expiring)))
                    .collect(),
            },
        ];
        let _ = write!(
            body,
            "<div>{}</div>",
            chart::lines(&tr.ta("chart-whiplash-outlook", &[("team", t.team.name.clone())]), &periods, &series, axis)
        );
        let history: Vec<String> = t.bookings.iter().map(|(p, _)| p.to_string()).collect();
        let booked = [Series {
            name: tr.t("bookings"),
            values: t.bookings.iter().map(|(_, m)| Datum::new(major(m), tr.money_compact(m))).collect(),
        }];
        let _ = write!(
            body,
            "<div>{}</div>",
            chart::stacked_columns(
                &tr.ta("chart-bookings-history", &[("team", t.team.name.clone())]),
                &history,
                &booked,
                None,
                axis
            )
        );
    }
    body.push_str("</div></section>");
}

pub(crate) async fn whiplash(State(app): State<App>, v: Viewer) -> Result<Response, WebError> {
    v.require(&[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager])?;
    let tr = v.tr;
    let scope = v.scope.clone();
    let (report, teams, people) = blocking(&app, move |app| {
        Ok((app.whiplash_today(PERIODS)?, app.store().teams()?, app.store().people(&scope)?))
    })
    .await?;
    let visible = visible_teams(&v, &teams, &people);
    let shown = |id: i64| visible.as_ref().is_none_or(|set| set.contains(&id));
    let mut ranked: Vec<&TeamRisk> = report.teams.iter().filter(|t| shown(t.team.id)).collect();
    ranked.sort_by(|a, b| b.risk.cmp(&a.risk).then(a.team.name.cmp(&b.team.name)));
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-whiplash")),
        escape(
            &tr.ta("whiplash-intro", &[("date", tr.date(report.as_of)), ("periods", tr.number(i64::from(PERIODS)))])
        )
    );
    // Alerts first: what to act on.
    let alerts: Vec<_> =
        report.alerts.iter().filter(|a| if a.team.id == 0 { visible.is_none() } else { shown(a.team.id) }).collect();
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><h2>{}</h2>",
        escape(&tr.t("whiplash-alerts"))
    );
    if alerts.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("whiplash-no-alerts")));
    } else {
        body.push_str("<ul>");
        for a in alerts {
            let _ = write!(
                body,
                "<li><span class=\"badge {}\">{}</span> <a href=\"#team-{}\">{}</a>: {}</li>",
                if a.severity >= 0.5 { "lost" } else { "open" },
                escape(&tr.value("cause", a.kind.as_str())),
                a.team.id,
                escape(&a.team.name),
                escape(&alert_text(&tr, &report, a))
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</section>");
    // Every team at a glance.
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&tr.t("whiplash-by-team")),
        escape(&tr.t("team")),
        escape(&tr.t("risk")),
        escape(&tr.t("causes")),
    );
    let mut rows: Vec<&TeamRisk> = ranked.clone();
    if visible.is_none() {
        rows.insert(0, &report.company);
    }
    for t in &rows {
        let causes: Vec<String> = t.causes.iter().take(3).map(|c| cause_label(&tr, c)).collect();
        let _ = write!(
            body,
            "<tr><th scope=\"row\"><a href=\"#team-{}\">{}</a></th><td data-v=\"{}\">{}</td><td>{}</td></tr>",
            t.team.id,
            escape(&t.team.name),
            t.risk,
            risk_bar(t.risk),
            escape(&causes.join(", "))
        );
    }
    body.push_str("</tbody></table></section>");
    if visible.is_none() {
        team_section(&tr, &report.company, &mut body);
    }
    for t in ranked {
        team_section(&tr, t, &mut body);
    }
    Ok(Html(page(&v, "/whiplash", &tr.t("nav-whiplash"), &body)).into_response())
}

/// The teams a viewer may see in team-level figures: all for VPs and administrators, the teams
/// a manager leads or has people in.
fn visible_teams(
    v: &Viewer,
    teams: &[sutton_app::domain::Team],
    people: &[sutton_app::domain::Person],
) -> Option<BTreeSet<i64>> {
    match &v.scope {
        Scope::Everything => None,
        scope => Some(
            teams
                .iter()
                .filter(|t| t.manager.is_some_and(|m| scope.sees(m)) || people.iter().any(|p| p.team == Some(t.id)))
                .map(|t| t.id.get())
                .collect(),
        ),
    }
}

pub(crate) async fn pipeline(State(app): State<App>, v: Viewer) -> Result<Response, WebError> {
    v.require(&[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager])?;
    let tr = v.tr;
    let scope = v.scope.clone();
    let (o, teams, people) =
        blocking(&app, move |app| Ok((app.pipeline_overview()?, app.store().teams()?, app.store().people(&scope)?)))
            .await?;
    let visible = visible_teams(&v, &teams, &people);
    let shown = |id: i64| visible.as_ref().is_none_or(|set| set.contains(&id));
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-pipeline")),
        escape(&tr.ta("as-of", &[("date", tr.date(o.as_of))]))
    );
    // Coverage: period × team, how much of the required coverage is in place.
    let periods: Vec<_> = {
        let mut p: Vec<_> = o.coverage.iter().map(|r| r.period).collect();
        p.sort();
        p.dedup();
        p
    };
    let mut groups: Vec<(i64, String)> =
        o.coverage.iter().filter(|r| shown(r.group.id)).map(|r| (r.group.id, r.group.name.clone())).collect();
    groups.sort_by(|a, b| a.1.cmp(&b.1));
    groups.dedup();
    let cell = |g: i64, p| o.coverage.iter().find(|r| r.group.id == g && r.period == p);
    let rows: Vec<String> = groups.iter().map(|(_, n)| n.clone()).collect();
    let columns: Vec<String> = periods.iter().map(ToString::to_string).collect();
    let cells: Vec<Vec<Datum>> = groups
        .iter()
        .map(|(g, _)| {
            periods
                .iter()
                .map(|p| match cell(*g, *p) {
                    Some(r) => {
                        let have = r.coverage.map(|c| c.to_f64());
                        let need = r.required.map(|c| c.to_f64());
                        let share = match (have, need) {
                            (Some(h), Some(n)) if n > 0.0 => (h / n).min(1.0),
                            _ => 1.0,
                        };
                        let label = match (have, need) {
                            (Some(h), Some(n)) => {
                                tr.ta("coverage-cell", &[("have", tr.decimal(h, 2)), ("need", tr.decimal(n, 2))])
                            }
                            _ => tr.t("no-quota"),
                        };
                        // Darker is worse: the missing share of the required coverage.
                        Datum::new(1.0 - share, label)
                    }
                    None => Datum::new(0.0, "–"),
                })
                .collect()
        })
        .collect();
    if !rows.is_empty() {
        let _ = write!(
            body,
            "<section class=\"panel\" style=\"margin-bottom:1rem\">{}<p class=\"sub\">{}</p>",
            chart::heatmap(&tr.t("chart-coverage"), &rows, &columns, &cells),
            escape(&tr.t("coverage-explained"))
        );
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
            escape(&tr.t("team")),
            escape(&tr.t("period")),
            escape(&tr.t("quota")),
            escape(&tr.t("booked")),
            escape(&tr.t("open-pipeline")),
            escape(&tr.t("coverage")),
            escape(&tr.t("gap")),
        );
        for (g, name) in &groups {
            for p in &periods {
                let Some(r) = cell(*g, *p) else { continue };
                let short = matches!((r.coverage, r.required), (Some(h), Some(n)) if h < n);
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    escape(name),
                    p,
                    r.quota.map(|q| escape(&tr.money_whole(&q))).unwrap_or_else(|| "–".into()),
                    escape(&tr.money_whole(&r.booked)),
                    escape(&tr.money_whole(&r.pipeline)),
                    match (r.coverage, r.required) {
                        (Some(h), Some(n)) => format!(
                            "<span class=\"badge {}\">{}</span>",
                            if short { "lost" } else { "won" },
                            escape(&tr.ta(
                                "coverage-cell",
                                &[("have", tr.decimal(h.to_f64(), 2)), ("need", tr.decimal(n.to_f64(), 2))]
                            ))
                        ),
                        _ => "–".into(),
                    },
                    r.gap.map(|m| escape(&tr.money_whole(&m))).unwrap_or_default(),
                );
            }
        }
        body.push_str("</tbody></table></section>");
    }
    // Movement of this quarter's pipeline over the last 30 days, for the teams shown.
    let moves: Vec<_> = o.movement.iter().filter(|m| shown(m.group.id)).collect();
    if let Some(first) = moves.first() {
        let sum = |f: &dyn Fn(&sutton_app::insight::Movement) -> Money| {
            moves.iter().fold(Money::zero(first.start.currency()), |acc, m| acc.checked_add(f(m)).unwrap_or(acc))
        };
        let step = |label: &str, m: Money, sign: f64| {
            let text = if sign < 0.0 && !m.is_zero() {
                format!("−{}", tr.money_compact(&m))
            } else {
                format!("+{}", tr.money_compact(&m))
            };
            (tr.t(label), Datum::new(sign * major(&m), text))
        };
        let start = sum(&|m| m.start);
        let end = sum(&|m| m.end);
        let steps = vec![
            step("move-new", sum(&|m| m.new), 1.0),
            step("move-pulled-in", sum(&|m| m.pulled_in), 1.0),
            step("move-grown", sum(&|m| m.grown), 1.0),
            step("move-pushed-out", sum(&|m| m.pushed_out), -1.0),
            step("move-shrunk", sum(&|m| m.shrunk), -1.0),
            step("move-won", sum(&|m| m.won), -1.0),
            step("move-lost", sum(&|m| m.lost), -1.0),
        ];
        let _ = write!(
            body,
            "<div class=\"grid2\"><section class=\"panel\">{}</section>",
            chart::waterfall(
                &tr.ta(
                    "chart-movement",
                    &[("from", tr.date(first.from)), ("to", tr.date(first.to)), ("start", tr.date(first.window_start))]
                ),
                (tr.date(first.from), Datum::new(major(&start), tr.money_compact(&start))),
                &steps,
                (tr.date(first.to), Datum::new(major(&end), tr.money_compact(&end))),
            )
        );
    } else {
        body.push_str("<div class=\"grid2\">");
    }
    // Conversion over the last year, by team; then by source and segment below.
    let by_team: Vec<&ConversionRow> = o.conversion.iter().filter(|c| shown(c.group.id)).collect();
    let _ = write!(
        body,
        "<section class=\"panel\">{}</section></div>",
        conversion_table(&tr, &tr.t("conversion-title"), &tr.t("team"), &by_team)
    );
    // Segments and sources are not teams: a manager's view keeps to the team figures.
    if visible.is_none() {
        let mut more = String::new();
        let by_source: Vec<&ConversionRow> = o.conversion_by_source.iter().collect();
        if !by_source.is_empty() {
            let _ = write!(
                more,
                "<section class=\"panel\">{}</section>",
                conversion_table(&tr, &tr.t("conversion-by-source"), &tr.t("conversion-source"), &by_source)
            );
        }
        let by_segment: Vec<&ConversionRow> = o.conversion_by_segment.iter().collect();
        if !by_segment.is_empty() {
            let _ = write!(
                more,
                "<section class=\"panel\">{}</section>",
                conversion_table(&tr, &tr.t("conversion-by-segment"), &tr.t("conversion-segment"), &by_segment)
            );
        }
        if !more.is_empty() {
            let _ = write!(body, "<div class=\"grid2\" style=\"margin-top:1rem\">{more}</div>");
        }
    }
    Ok(Html(page(&v, "/pipeline", &tr.t("nav-pipeline"), &body)).into_response())
}

/// Win rates, deal size, cycle and proposals (DEAL-4, DEAL-8) for groups of closed deals.
fn conversion_table(tr: &Tr, caption: &str, first: &str, rows: &[&ConversionRow]) -> String {
    let mut out = format!(
        "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(caption),
        escape(first),
        escape(&tr.t("win-rate")),
        escape(&tr.t("value-win-rate")),
        escape(&tr.t("average-won")),
        escape(&tr.t("cycle-days")),
        escape(&tr.t("proposals-per-deal")),
        escape(&tr.t("proposal-win-rate")),
    );
    let pct = |r: Option<sutton_app::domain::Rate>| r.map_or("–".to_owned(), |r| tr.percent(r.to_f64(), 0));
    for c in rows {
        let per_deal = if c.deals_with_proposals > 0 {
            tr.decimal(f64::from(c.proposals) / f64::from(c.deals_with_proposals), 1)
        } else {
            "–".to_owned()
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&c.group.name),
            pct(c.win_rate),
            pct(c.value_win_rate),
            c.average_won.map(|m| escape(&tr.money_whole(&m))).unwrap_or_else(|| "–".into()),
            c.mean_cycle_days.map_or("–".to_owned(), |d| tr.decimal(d, 0)),
            per_deal,
            pct(c.proposal_win_rate),
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// TERR-4: accounts per rep against a workable span, and the accounts left without a working
/// owner, each with a proposed interim owner.
pub(crate) async fn coverage(State(app): State<App>, v: Viewer) -> Result<Response, WebError> {
    v.require(&[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager])?;
    let tr = v.tr;
    let scope = v.scope.clone();
    let c = blocking(&app, move |app| app.coverage(&scope)).await?;
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&tr.t("nav-coverage")),
        escape(&tr.ta(
            "coverage-intro",
            &[("date", tr.date(c.as_of)), ("low", tr.number(c.span.0)), ("high", tr.number(c.span.1))]
        ))
    );
    let items: Vec<(String, Datum)> = c
        .reps
        .iter()
        .map(|(_, name, n)| {
            let flag = if *n < c.span.0 {
                format!(" · {}", tr.t("below-span"))
            } else if *n > c.span.1 {
                format!(" · {}", tr.t("above-span"))
            } else {
                String::new()
            };
            (name.clone(), Datum::new(*n as f64, format!("{}{flag}", tr.number(*n))))
        })
        .collect();
    let _ = write!(
        body,
        "<div class=\"grid2\"><section class=\"panel\">{}</section>",
        chart::bars(&tr.t("chart-accounts-per-rep"), &items)
    );
    let _ = write!(
        body,
        "<section class=\"panel\"><h2>{}</h2>",
        escape(&tr.count("orphaned-count", c.orphaned.len() as i64))
    );
    if c.orphaned.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("none")));
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th></tr></thead><tbody>",
            escape(&tr.t("account")),
            escape(&tr.t("why-uncovered")),
            escape(&tr.t("proposed-owner")),
        );
        for o in &c.orphaned {
            let _ = write!(
                body,
                "<tr><td><a href=\"/accounts/{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
                o.account.get(),
                escape(&o.name),
                escape(&o.reason),
                o.proposed.as_ref().map_or("–".to_owned(), |(_, n)| escape(n))
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section></div>");
    Ok(Html(page(&v, "/coverage", &tr.t("nav-coverage"), &body)).into_response())
}
