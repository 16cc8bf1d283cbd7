//! Segments and call execution in the browser: the segments under the organisation's rule with
//! their Pareto curve in the rule's measure, the rule editor and the overrides, ideal-client
//! profiles edited as a form and their fit, call patterns, workload and sizing, compliance from
//! team to rep to account, each rep's work queue with a quick form to log a call, time allocation
//! against the 55–65 % band, and the CALLPLAN what-if.
//!
//! Every page runs the engines in `sutton-plan` through `sutton-app` with the organisation's saved
//! segmentation rule, and shows only what the viewer may see: a rep their own book, a manager
//! their teams, VPs and administrators all. Forms post with the session's CSRF token; every
//! change is audited by the use case. The rule and profile editors keep what was typed when the
//! engine refuses it: the page comes back (422) with the engine's reason beside the form. Their
//! rows repeat the same field names, so rows added by our small script need no numbering, and
//! a few spare rows let the forms grow without it. Money is typed in major units and read
//! exactly into minor units.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use sutton_app::domain::{
    AccessRole, AccountId, ActivityKind, CallPattern, CallPatternId, Channel, ContactMode, Currency, Money, PeriodKind,
    PersonId, Rate, SalesRole, Scope, Segment,
};
use sutton_app::planning::{
    IcpAttribute, IcpCriterion, IcpProfile, IcpTest, ResponseCurve, SegmentMeasure, SegmentMethod, SegmentScope,
    SegmentationRule, WorkloadOptions,
};
use sutton_app::{App, AppError, CallPlanRequest, NewCall, PlanContext, SegmentRule};

use crate::chart::{self, Datum, Series};
use crate::html::{card, escape, page, url_encode};
use crate::i18n::Tr;
use crate::pages::{CsrfForm, NoticeQuery, actor, back_to, notices};
use crate::session::Viewer;
use crate::{WebError, blocking};

type PageResult = Result<Response, WebError>;

const ALL: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager, AccessRole::Rep];
const LEADS: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp, AccessRole::Manager];
const EDITORS: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp];
/// Days of logged calls the compliance and queue pages read.
const WINDOW_DAYS: u32 = 91;

fn sees(scope: &Scope, owner: Option<PersonId>) -> bool {
    match scope {
        Scope::Everything => true,
        s => owner.is_some_and(|o| s.sees(o)),
    }
}

fn percent(tr: &Tr, r: Rate) -> String {
    tr.percent(r.to_f64(), 1)
}

fn hours(tr: &Tr, minutes: u64) -> String {
    tr.decimal(minutes as f64 / 60.0, 0)
}

fn th(tr: &Tr, ids: &[&str]) -> String {
    ids.iter().map(|id| format!("<th scope=\"col\">{}</th>", escape(&tr.t(id)))).collect()
}

fn csrf_field(v: &Viewer) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", escape(&v.csrf))
}

fn ok(v: &Viewer, current: &str, title: &str, body: &str) -> PageResult {
    Ok(Html(page(v, current, title, body)).into_response())
}

/// The teams a viewer may see (none: all of them).
fn visible_teams(v: &Viewer, context: &PlanContext) -> Option<BTreeSet<i64>> {
    match &v.scope {
        Scope::Everything => None,
        scope => Some(
            context
                .data
                .teams
                .iter()
                .filter(|t| {
                    t.manager.is_some_and(|m| scope.sees(m))
                        || context.data.people.iter().any(|p| p.team == Some(t.id) && scope.sees(p.id))
                })
                .map(|t| t.id.get())
                .collect(),
        ),
    }
}

fn team_name(context: &PlanContext, id: sutton_app::domain::TeamId) -> String {
    context.data.teams.iter().find(|t| t.id == id).map_or_else(|| id.to_string(), |t| t.name.clone())
}

fn account_link(context: &PlanContext, id: AccountId) -> String {
    format!("<a href=\"/accounts/{}\">{}</a>", id.get(), escape(&context.account_name(id)))
}

fn money(tr: &Tr, context: &PlanContext, minor: i64) -> String {
    tr.money_whole(&Money::from_minor(minor, context.data.organisation.currency))
}

// ---- segments ---------------------------------------------------------------------------------

pub(crate) async fn segments(State(app): State<App>, v: Viewer, Query(n): Query<NoticeQuery>) -> PageResult {
    v.require(ALL)?;
    segments_page(&app, &v, &n, None).await
}

/// The segments page; `refused` is a rule the viewer tried to save, as typed, and why it was
/// refused (the page then answers 422 with the form as it was).
async fn segments_page(app: &App, v: &Viewer, n: &NoticeQuery, refused: Option<(RuleDraft, String)>) -> PageResult {
    let tr = v.tr;
    let status = if refused.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let (rule, context, overrides, profiles, updated, (currency, today)) = blocking(app, |app| {
        let rule = app.segment_rule()?;
        // A rule the data no longer suits (a profile or override gone astray) still shows the
        // editor, with why, so that it can be mended here.
        let context = match app.plan_context(&rule, None) {
            Ok(context) => Ok(context),
            Err(AppError::Input(problem)) => Err(problem),
            Err(e) => return Err(e),
        };
        let profiles: Vec<String> = app.icp_profiles()?.into_iter().map(|p| p.name).collect();
        let currency = (app.store().organisation()?.currency, app.today());
        Ok((rule, context, app.store().segment_overrides()?, profiles, app.segment_rule_updated()?, currency))
    })
    .await?;
    let title = tr.t("nav-segments");
    let as_of = context.as_ref().map_or(today, |c| c.as_of);
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&title),
        escape(&tr.ta("plan-segments-intro", &[("date", tr.date(as_of))]))
    );
    let _ = write!(body, "<p>{}", escape(&tr.ta("plan-rule-current", &[("rule", rule_words(&tr, &rule, currency))])));
    match &updated {
        Some((who, on)) => {
            let _ = write!(
                body,
                " <span class=\"sub\">{}</span>",
                escape(&tr.ta("plan-rule-saved-by", &[("who", who.clone()), ("date", tr.date(*on))]))
            );
        }
        None => {
            let _ = write!(body, " <span class=\"sub\">{}</span>", escape(&tr.t("plan-rule-default")));
        }
    }
    body.push_str("</p>");
    notices(&tr, n, &mut body);
    let (draft, problem) = match refused {
        Some((draft, problem)) => (draft, Some(problem)),
        None => (RuleDraft::of(&rule, currency), None),
    };
    let context = match context {
        Ok(context) => context,
        Err(e) => {
            let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", escape(&e));
            if EDITORS.contains(&v.user.role) {
                rule_editor(v, &draft, problem.as_deref(), &profiles, currency, &mut body);
            }
            return Ok((status, Html(page(v, "/segments", &title, &body))).into_response());
        }
    };
    let s = &context.segmentation;
    // Distribution, in the measure the rule ranks by.
    let measure = measure_label(&tr, rule.rule.measure);
    let visible: Vec<_> = s.accounts.iter().filter(|a| sees(&v.scope, a.owner)).collect();
    let names = &s.rule.names;
    let mut counts = vec![0i64; names.len()];
    let mut totals = vec![0i64; names.len()];
    for a in &visible {
        counts[a.segment_index] += 1;
        totals[a.segment_index] = totals[a.segment_index].saturating_add(a.measure.unwrap_or(0).max(0));
    }
    let grand: i64 = totals.iter().fold(0i64, |t, x| t.saturating_add(*x));
    body.push_str("<div class=\"cards\">");
    for (i, name) in names.iter().enumerate() {
        let share = Rate::ratio(totals[i], grand).unwrap_or(Rate::ZERO);
        body.push_str(&card(
            &tr.ta("plan-segment-name", &[("segment", name.to_string())]),
            &tr.number(counts[i]),
            &tr.ta("plan-share-of", &[("share", percent(&tr, share)), ("measure", measure.clone())]),
        ));
    }
    body.push_str("</div><div class=\"grid2\">");
    let bars: Vec<(String, Datum)> =
        names.iter().zip(&counts).map(|(name, c)| (name.to_string(), Datum::new(*c as f64, tr.number(*c)))).collect();
    let _ = write!(body, "<div>{}</div>", chart::bars(&tr.t("plan-chart-distribution"), &bars));
    // Pareto curve of the visible accounts: share of the measure held by the top x % of them.
    let mut measures: Vec<i64> = visible.iter().map(|a| a.measure.unwrap_or(0).max(0)).collect();
    measures.sort_unstable_by(|a, b| b.cmp(a));
    let total: i128 = measures.iter().map(|m| i128::from(*m)).sum();
    let mut categories = Vec::new();
    let mut values = Vec::new();
    for decile in 0..=10usize {
        let upto = measures.len() * decile / 10;
        let held: i128 = measures[..upto].iter().map(|m| i128::from(*m)).sum();
        let share = if total > 0 { held as f64 / total as f64 } else { 0.0 };
        categories.push(tr.percent(decile as f64 / 10.0, 0));
        values.push(Datum::new(share * 100.0, tr.percent(share, 1)));
    }
    let _ = write!(
        body,
        "<div>{}</div></div>",
        chart::lines(
            &tr.ta("plan-chart-pareto", &[("measure", measure.clone())]),
            &categories,
            &[Series { name: tr.ta("plan-share-of-measure", &[("measure", measure.clone())]), values }],
            |x| tr.percent(x / 100.0, 0)
        )
    );
    if EDITORS.contains(&v.user.role) {
        rule_editor(v, &draft, problem.as_deref(), &profiles, currency, &mut body);
    }
    // Overrides.
    let index = s.index();
    let may_edit = LEADS.contains(&v.user.role);
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><h2>{}</h2><table><thead><tr>{}{}</tr></thead><tbody>",
        escape(&tr.t("plan-overrides")),
        th(&tr, &["account", "plan-segment", "plan-rule-segment", "plan-reason", "plan-set-by", "date"]),
        if may_edit { "<th></th>" } else { "" }
    );
    let mut shown = 0;
    for o in &overrides {
        let Some(a) = index.get(&o.account) else { continue };
        if !sees(&v.scope, a.owner) {
            continue;
        }
        shown += 1;
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            account_link(&context, o.account),
            escape(o.segment.as_str()),
            escape(context.segmentation.computed(a).as_str()),
            escape(&o.reason),
            escape(&o.set_by),
            escape(&tr.date(o.set_on))
        );
        if may_edit {
            let _ = write!(
                body,
                "<td><form method=\"post\" action=\"/segments/clear\">{}<input type=\"hidden\" name=\"account\" value=\"{}\"><button type=\"submit\">{}</button></form></td>",
                csrf_field(v),
                o.account.get(),
                escape(&tr.t("plan-clear-override"))
            );
        }
        body.push_str("</tr>");
    }
    if shown == 0 {
        let _ = write!(body, "<tr><td colspan=\"7\">{}</td></tr>", escape(&tr.t("plan-no-overrides")));
    }
    body.push_str("</tbody></table>");
    if may_edit {
        let _ = write!(
            body,
            "<h3>{}</h3><form class=\"filters\" method=\"post\" action=\"/segments/override\">{}\
             <label>{}<input name=\"account\" inputmode=\"numeric\" required></label>\
             <label>{}<select name=\"segment\">",
            escape(&tr.t("plan-set-override")),
            csrf_field(v),
            escape(&tr.t("plan-account-id")),
            escape(&tr.t("plan-segment"))
        );
        for name in names {
            let _ = write!(body, "<option>{}</option>", escape(name.as_str()));
        }
        let _ = write!(
            body,
            "</select></label><label>{}<input name=\"reason\" required></label><button type=\"submit\">{}</button></form>",
            escape(&tr.t("plan-reason")),
            escape(&tr.t("save"))
        );
    }
    body.push_str("</section>");
    // The most valuable visible accounts with their explanation.
    let _ = write!(
        body,
        "<section class=\"panel\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.t("plan-top-accounts")),
        th(&tr, &["account", "plan-segment", "plan-rank", "plan-explanation"])
    );
    for a in visible.iter().take(25) {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            account_link(&context, a.account),
            escape(context.segmentation.segment(a).as_str()),
            tr.number(i64::from(a.rank)),
            escape(&crate::plan_words::segment_why(&tr, &context, a))
        );
    }
    body.push_str("</tbody></table></section>");
    Ok((status, Html(page(v, "/segments", &title, &body))).into_response())
}

// ---- the segmentation rule --------------------------------------------------------------------

const MEASURES: [SegmentMeasure; 4] =
    [SegmentMeasure::Potential, SegmentMeasure::Revenue, SegmentMeasure::GrossProfit, SegmentMeasure::IcpScore];

pub(crate) fn measure_label(tr: &Tr, measure: SegmentMeasure) -> String {
    tr.value("segment_measure", measure.as_str())
}

/// A rate as typed into a percent field: `50`, `12.5`.
fn percent_input(r: Rate) -> String {
    let (whole, frac) = (r.ppm() / 10_000, (r.ppm() % 10_000).abs());
    if frac == 0 { whole.to_string() } else { format!("{whole}.{}", format!("{frac:04}").trim_end_matches('0')) }
}

/// A rate as the page writes it, with as many decimals as it has (up to two).
pub(crate) fn percent_exact(tr: &Tr, r: Rate) -> String {
    tr.percent(r.to_f64(), if r.ppm() % 10_000 == 0 { 0 } else { 2 })
}

/// The rule in words, in the viewer's language.
fn rule_words(tr: &Tr, rule: &SegmentRule, currency: Currency) -> String {
    let r = &rule.rule;
    let mut measure = measure_label(tr, r.measure);
    match r.measure {
        SegmentMeasure::Revenue | SegmentMeasure::GrossProfit => {
            let days = tr.ta("plan-rule-window-days", &[("days", tr.number(i64::from(r.window_days)))]);
            measure = format!("{measure} {days}");
        }
        SegmentMeasure::IcpScore => {
            measure = tr.ta("plan-rule-icp", &[("profile", rule.icp_profile.clone().unwrap_or_default())]);
        }
        SegmentMeasure::Potential => {}
    }
    let list = |items: Vec<String>| items.join(", ");
    let method = match &r.method {
        SegmentMethod::Pareto { cuts } => {
            tr.ta("plan-rule-pareto", &[("cuts", list(cuts.iter().map(|c| percent_exact(tr, *c)).collect()))])
        }
        SegmentMethod::Percentile { cuts } => {
            tr.ta("plan-rule-percentile", &[("cuts", list(cuts.iter().map(|c| percent_exact(tr, *c)).collect()))])
        }
        SegmentMethod::Threshold { floors } => {
            let floors = floors.iter().map(|f| {
                if r.measure.is_money() {
                    tr.money(&Money::from_minor(*f, currency))
                } else {
                    percent_exact(tr, Rate::from_ppm(*f))
                }
            });
            tr.ta("plan-rule-threshold", &[("floors", list(floors.collect()))])
        }
    };
    tr.ta(
        "plan-rule-words",
        &[
            ("names", list(r.names.iter().map(ToString::to_string).collect())),
            ("measure", measure),
            ("method", method),
            ("scope", tr.value("segment_scope", r.scope.as_str())),
        ],
    )
}

/// The rule editor's fields as typed, so that a refused rule comes back as the viewer left it.
#[derive(Debug, Clone, Default)]
struct RuleDraft {
    measure: String,
    icp_profile: String,
    method: String,
    scope: String,
    window_days: String,
    /// Per segment, most valuable first: name, cut-off (%) and floor.
    rows: Vec<[String; 3]>,
}

impl RuleDraft {
    fn of(rule: &SegmentRule, currency: Currency) -> RuleDraft {
        let r = &rule.rule;
        let inner = r.names.len().saturating_sub(1);
        let rows = r
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let (cut, floor) = match &r.method {
                    SegmentMethod::Pareto { cuts } | SegmentMethod::Percentile { cuts } if i < inner => {
                        (percent_input(cuts[i]), String::new())
                    }
                    SegmentMethod::Threshold { floors } if i < inner => {
                        let f = if r.measure.is_money() {
                            Money::from_minor(floors[i], currency).to_decimal_string()
                        } else {
                            percent_input(Rate::from_ppm(floors[i]))
                        };
                        (String::new(), f)
                    }
                    _ => (String::new(), String::new()),
                };
                [name.to_string(), cut, floor]
            })
            .collect();
        RuleDraft {
            measure: r.measure.as_str().to_owned(),
            icp_profile: rule.icp_profile.clone().unwrap_or_default(),
            method: r.method.as_str().to_owned(),
            scope: r.scope.as_str().to_owned(),
            window_days: r.window_days.to_string(),
            rows,
        }
    }

    /// The draft from a posted form, whose rows repeat `name`, `cut` and `floor` in order.
    fn from_form(fields: &[(String, String)]) -> RuleDraft {
        let one = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        let many = |key: &str| fields.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect::<Vec<_>>();
        let (names, cuts, floors) = (many("name"), many("cut"), many("floor"));
        let count = names.len().max(cuts.len()).max(floors.len());
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        RuleDraft {
            measure: one("measure"),
            icp_profile: one("icp_profile"),
            method: one("method"),
            scope: one("scope"),
            window_days: one("window_days"),
            rows: (0..count).map(|i| [at(&names, i), at(&cuts, i), at(&floors, i)]).collect(),
        }
    }

    /// The rule the draft describes; the engine checks it when it is saved. Money floors are
    /// read exactly in major units of `currency`.
    fn parse(&self, tr: &Tr, currency: Currency) -> Result<SegmentRule, String> {
        let bad = |field: &str, value: &str| tr.ta("bad-field", &[("field", tr.t(field)), ("value", value.to_owned())]);
        let measure = SegmentMeasure::parse(&self.measure).map_err(|e| e.to_string())?;
        let scope = match self.scope.as_str() {
            "organisation" => SegmentScope::Organisation,
            "owner_book" => SegmentScope::OwnerBook,
            other => return Err(bad("plan-rule-scope", other)),
        };
        let window_days =
            self.window_days.trim().parse::<u32>().map_err(|_| bad("plan-rule-window", &self.window_days))?;
        let rows: Vec<&[String; 3]> = self.rows.iter().filter(|r| r.iter().any(|x| !x.trim().is_empty())).collect();
        let mut names = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let name = &row[0];
            if name.trim().is_empty() {
                return Err(tr.ta("plan-rule-row-unnamed", &[("row", tr.number(i as i64 + 1))]));
            }
            names.push(Segment::parse(name.trim()).map_err(|e| e.to_string())?);
        }
        let given = |col: usize| rows.iter().map(move |r| r[col].trim()).filter(|x| !x.is_empty());
        let cuts = || -> Result<Vec<Rate>, String> {
            given(1).map(|c| Rate::parse_percent("cut-off", c).map_err(|e| e.to_string())).collect()
        };
        let method = match self.method.as_str() {
            "pareto" => SegmentMethod::Pareto { cuts: cuts()? },
            "percentile" => SegmentMethod::Percentile { cuts: cuts()? },
            "threshold" => SegmentMethod::Threshold {
                floors: given(2)
                    .map(|f| {
                        if measure.is_money() {
                            Money::parse_major("floor", f, currency).map(|m| m.minor()).map_err(|e| e.to_string())
                        } else {
                            Rate::parse_percent("floor", f).map(|r| r.ppm()).map_err(|e| e.to_string())
                        }
                    })
                    .collect::<Result<_, _>>()?,
            },
            other => return Err(bad("plan-rule-method", other)),
        };
        let icp_profile = Some(self.icp_profile.trim().to_owned()).filter(|p| !p.is_empty());
        Ok(SegmentRule { rule: SegmentationRule { measure, method, names, scope, window_days }, icp_profile })
    }
}

/// `<option>`s with `selected` on the current value.
fn options(values: &[(String, String)], current: &str) -> String {
    values
        .iter()
        .map(|(value, label)| {
            let selected = if value == current { " selected" } else { "" };
            format!("<option value=\"{}\"{selected}>{}</option>", escape(value), escape(label))
        })
        .collect()
}

/// Empty rows a form offers beyond the filled ones, so that it can grow without JavaScript.
const SPARE_ROWS: usize = 2;

fn rule_editor(
    v: &Viewer,
    draft: &RuleDraft,
    problem: Option<&str>,
    profiles: &[String],
    currency: Currency,
    body: &mut String,
) {
    let tr = v.tr;
    let _ = write!(
        body,
        "<section class=\"panel\" id=\"rule\" style=\"margin-bottom:1rem\"><h2>{}</h2>",
        escape(&tr.t("plan-rule-editor"))
    );
    if let Some(problem) = problem {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(&tr.ta("plan-rule-refused", &[("problem", problem.to_owned())]))
        );
    }
    let measures: Vec<(String, String)> =
        MEASURES.iter().map(|m| (m.as_str().to_owned(), measure_label(&tr, *m))).collect();
    let mut profile_options = vec![(String::new(), "—".to_owned())];
    profile_options.extend(profiles.iter().map(|p| (p.clone(), p.clone())));
    if !draft.icp_profile.is_empty() && !profiles.contains(&draft.icp_profile) {
        profile_options.push((draft.icp_profile.clone(), draft.icp_profile.clone()));
    }
    let methods: Vec<(String, String)> = ["pareto", "percentile", "threshold"]
        .iter()
        .map(|m| ((*m).to_owned(), tr.value("segment_method", m)))
        .collect();
    let scopes: Vec<(String, String)> =
        ["organisation", "owner_book"].iter().map(|s| ((*s).to_owned(), tr.value("segment_scope", s))).collect();
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/segments/rule\" data-rule>{}<div class=\"filters\">\
         <label>{}<select name=\"measure\">{}</select></label>\
         <label>{}<select name=\"icp_profile\">{}</select></label>\
         <label>{}<select name=\"method\">{}</select></label>\
         <label>{}<select name=\"scope\">{}</select></label>\
         <label>{}<input name=\"window_days\" inputmode=\"numeric\" size=\"5\" value=\"{}\"></label></div>",
        csrf_field(v),
        escape(&tr.t("plan-rule-measure")),
        options(&measures, &draft.measure),
        escape(&tr.t("plan-rule-icp-profile")),
        options(&profile_options, &draft.icp_profile),
        escape(&tr.t("plan-rule-method")),
        options(&methods, &draft.method),
        escape(&tr.t("plan-rule-scope")),
        options(&scopes, &draft.scope),
        escape(&tr.t("plan-rule-window")),
        escape(&draft.window_days)
    );
    let (name_label, cut_label, floor_label) = (
        tr.t("plan-rule-segment-name"),
        tr.t("plan-rule-cut-off"),
        tr.ta("plan-rule-floor", &[("currency", currency.code().to_owned())]),
    );
    let _ = write!(
        body,
        "<table data-rows><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" data-col=\"cut\">{}</th><th scope=\"col\" data-col=\"floor\">{}</th><th></th></tr></thead><tbody>",
        escape(&name_label),
        escape(&cut_label),
        escape(&floor_label)
    );
    let blank = [String::new(), String::new(), String::new()];
    for [name, cut, floor] in draft.rows.iter().chain(std::iter::repeat_n(&blank, SPARE_ROWS)) {
        let _ = write!(
            body,
            "<tr><td><input name=\"name\" value=\"{}\" maxlength=\"32\" aria-label=\"{}\"></td>\
             <td data-col=\"cut\"><input name=\"cut\" value=\"{}\" inputmode=\"decimal\" size=\"6\" aria-label=\"{}\"></td>\
             <td data-col=\"floor\"><input name=\"floor\" value=\"{}\" inputmode=\"decimal\" size=\"12\" aria-label=\"{}\"></td>\
             <td><button type=\"button\" data-remove-row>{}</button></td></tr>",
            escape(name),
            escape(&name_label),
            escape(cut),
            escape(&cut_label),
            escape(floor),
            escape(&floor_label),
            escape(&tr.t("plan-remove-row"))
        );
    }
    let _ = write!(
        body,
        "</tbody></table><p><button type=\"button\" data-add-row>{}</button> <button type=\"submit\">{}</button></p>\
         <p class=\"sub\">{}</p></form></section>",
        escape(&tr.t("plan-add-row")),
        escape(&tr.t("plan-rule-save")),
        escape(&tr.ta("plan-rule-editor-help", &[("currency", currency.code().to_owned())]))
    );
}

pub(crate) async fn segment_rule_save(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    v.require(EDITORS)?;
    let csrf = fields.iter().find(|(k, _)| k == "csrf").map_or("", |(_, v)| v.as_str());
    v.check_form(&headers, csrf)?;
    let tr = v.tr;
    let draft = RuleDraft::from_form(&fields);
    let currency = blocking(&app, |app| Ok(app.store().organisation()?.currency)).await?;
    let rule = match draft.parse(&tr, currency) {
        Ok(rule) => rule,
        Err(problem) => return segments_page(&app, &v, &NoticeQuery::default(), Some((draft, problem))).await,
    };
    // The engine's own objection, said in the reader's words (the use case would refuse the
    // rule with it in English).
    if let Some(problem) = rule.rule.problem() {
        let why = crate::plan_words::rule_problem(&tr, rule.rule.measure, currency, &problem);
        return segments_page(&app, &v, &NoticeQuery::default(), Some((draft, why))).await;
    }
    let actor = actor(&v);
    let saving = actor.clone();
    match blocking(&app, move |app| app.segment_rule_save(&rule, &saving)).await {
        Ok(_) => {}
        Err(WebError::App(e @ (AppError::Input(_) | AppError::NotFound { .. }))) => {
            return segments_page(&app, &v, &NoticeQuery::default(), Some((draft, e.to_string()))).await;
        }
        Err(e) => return Err(e),
    }
    // Saved: the stored segments follow the new rule at once.
    let run = blocking(&app, move |app| app.segments_run(&app.segment_rule()?, None, true, &actor)).await;
    Ok(back_to(
        "/segments",
        match run {
            Ok(run) => Ok(tr.ta(
                "plan-rule-saved",
                &[
                    ("accounts", tr.number(run.segmentation.accounts.len() as i64)),
                    ("changed", tr.number(run.changed as i64)),
                ],
            )),
            Err(WebError::App(e)) => Err(tr.ta("plan-rule-saved-not-run", &[("problem", e.to_string())])),
            Err(e) => return Err(e),
        },
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct OverrideForm {
    csrf: String,
    account: String,
    segment: Option<String>,
    reason: Option<String>,
}

async fn account_in_scope(app: &App, v: &Viewer, text: &str) -> Result<Option<AccountId>, WebError> {
    let Ok(id) = text.trim().parse::<i64>() else { return Ok(None) };
    let scope = v.scope.clone();
    let found = blocking(app, move |app| Ok(app.store().account_detail(&scope, AccountId(id))?)).await?;
    Ok(found.map(|d| d.account.id))
}

pub(crate) async fn segment_override(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<OverrideForm>,
) -> PageResult {
    v.require(LEADS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let Some(account) = account_in_scope(&app, &v, &f.account).await? else {
        return Ok(back_to("/segments", Err(tr.ta("plan-no-such-account", &[("account", f.account.clone())]))));
    };
    let (segment, reason, actor) = (f.segment.unwrap_or_default(), f.reason.unwrap_or_default(), actor(&v));
    let done_segment = segment.clone();
    let result = blocking(&app, move |app| app.segment_override(account, &segment, &reason, &actor)).await;
    Ok(back_to(
        "/segments",
        match result {
            Ok(()) => {
                Ok(tr.ta("plan-override-set", &[("account", account.get().to_string()), ("segment", done_segment)]))
            }
            Err(WebError::App(e)) => Err(e.to_string()),
            Err(e) => return Err(e),
        },
    ))
}

pub(crate) async fn segment_clear(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<OverrideForm>,
) -> PageResult {
    v.require(LEADS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let Some(account) = account_in_scope(&app, &v, &f.account).await? else {
        return Ok(back_to("/segments", Err(tr.ta("plan-no-such-account", &[("account", f.account.clone())]))));
    };
    let actor = actor(&v);
    blocking(&app, move |app| app.segment_override_clear(account, &actor)).await?;
    Ok(back_to("/segments", Ok(tr.ta("plan-override-cleared", &[("account", account.get().to_string())]))))
}

// ---- ICP --------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub(crate) struct IcpQuery {
    profile: Option<String>,
    /// Start a new profile in the editor rather than edit the one shown.
    new: Option<String>,
    done: Option<String>,
    error: Option<String>,
}

const ATTRIBUTES: [IcpAttribute; 7] = [
    IcpAttribute::Employees,
    IcpAttribute::AnnualRevenue,
    IcpAttribute::Potential,
    IcpAttribute::Industry,
    IcpAttribute::Region,
    IcpAttribute::Customer,
    IcpAttribute::PartOfGroup,
];

/// Attributes measured in money: their ranges are typed in major units of the organisation's
/// currency and kept exactly in minor units.
fn is_money_attribute(a: IcpAttribute) -> bool {
    matches!(a, IcpAttribute::AnnualRevenue | IcpAttribute::Potential)
}

/// One criterion row of the profile editor as typed.
#[derive(Debug, Clone, Default)]
struct CriterionDraft {
    name: String,
    attribute: String,
    test: String,
    min: String,
    max: String,
    values: String,
    is: String,
    weight: String,
}

impl CriterionDraft {
    fn is_blank(&self) -> bool {
        [&self.name, &self.min, &self.max, &self.values, &self.weight].iter().all(|x| x.trim().is_empty())
    }
}

/// The profile editor's fields as typed, so that a refused profile comes back as it was left.
#[derive(Debug, Clone, Default)]
struct IcpDraft {
    name: String,
    fit_from: String,
    criteria: Vec<CriterionDraft>,
}

impl IcpDraft {
    fn of(p: &IcpProfile, currency: Currency) -> IcpDraft {
        let amount = |a: IcpAttribute, v: Option<i64>| match v {
            Some(v) if is_money_attribute(a) => Money::from_minor(v, currency).to_decimal_string(),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        IcpDraft {
            name: p.name.clone(),
            fit_from: percent_input(p.fit_from),
            criteria: p
                .criteria
                .iter()
                .map(|c| {
                    let mut d = CriterionDraft {
                        name: c.name.clone(),
                        attribute: c.attribute.as_str().to_owned(),
                        weight: c.weight.to_string(),
                        is: "true".to_owned(),
                        ..CriterionDraft::default()
                    };
                    match &c.test {
                        IcpTest::Range { min, max } => {
                            d.test = "range".to_owned();
                            d.min = amount(c.attribute, *min);
                            d.max = amount(c.attribute, *max);
                        }
                        IcpTest::OneOf(values) => {
                            d.test = "one_of".to_owned();
                            d.values = values.join(", ");
                        }
                        IcpTest::Is(b) => {
                            d.test = "is".to_owned();
                            d.is = b.to_string();
                        }
                    }
                    d
                })
                .collect(),
        }
    }

    /// The draft from a posted form, whose rows repeat the `c_…` fields in order.
    fn from_form(fields: &[(String, String)]) -> IcpDraft {
        let one = |key: &str| fields.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        let many = |key: &str| fields.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect::<Vec<_>>();
        let columns = ["c_name", "c_attribute", "c_test", "c_min", "c_max", "c_values", "c_is", "c_weight"].map(many);
        let count = columns.iter().map(Vec::len).max().unwrap_or(0);
        let at = |c: usize, i: usize| columns[c].get(i).cloned().unwrap_or_default();
        IcpDraft {
            name: one("name"),
            fit_from: one("fit_from"),
            criteria: (0..count)
                .map(|i| CriterionDraft {
                    name: at(0, i),
                    attribute: at(1, i),
                    test: at(2, i),
                    min: at(3, i),
                    max: at(4, i),
                    values: at(5, i),
                    is: at(6, i),
                    weight: at(7, i),
                })
                .collect(),
        }
    }

    /// The profile the draft describes; `IcpProfile::validate` checks it when it is saved.
    fn parse(&self, tr: &Tr, currency: Currency) -> Result<IcpProfile, String> {
        let fit_from = Rate::parse_percent("fit threshold", self.fit_from.trim()).map_err(|e| e.to_string())?;
        let mut criteria = Vec::new();
        for (i, c) in self.criteria.iter().filter(|c| !c.is_blank()).enumerate() {
            let row = |problem: String| {
                tr.ta("plan-icp-row-problem", &[("row", tr.number(i as i64 + 1)), ("problem", problem)])
            };
            let bad = |field: &str, value: &str| {
                row(tr.ta("bad-field", &[("field", tr.t(field)), ("value", value.to_owned())]))
            };
            let attribute = ATTRIBUTES
                .iter()
                .copied()
                .find(|a| a.as_str() == c.attribute)
                .ok_or_else(|| bad("plan-icp-attribute", &c.attribute))?;
            let bound = |text: &str| -> Result<Option<i64>, String> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(None);
                }
                if is_money_attribute(attribute) {
                    Money::parse_major("range", text, currency).map(|m| Some(m.minor())).map_err(|e| row(e.to_string()))
                } else {
                    text.parse::<i64>().map(Some).map_err(|_| bad("plan-icp-bound", text))
                }
            };
            let test = match c.test.as_str() {
                "range" => IcpTest::Range { min: bound(&c.min)?, max: bound(&c.max)? },
                "one_of" => IcpTest::OneOf(
                    c.values.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect(),
                ),
                "is" => IcpTest::Is(c.is == "true"),
                other => return Err(bad("plan-icp-test", other)),
            };
            let weight = c.weight.trim().parse::<u32>().map_err(|_| bad("plan-icp-weight", &c.weight))?;
            let name = match c.name.trim() {
                "" => tr.value("icp_attribute", attribute.as_str()),
                n => n.to_owned(),
            };
            criteria.push(IcpCriterion { name, attribute, test, weight });
        }
        Ok(IcpProfile { name: self.name.trim().to_owned(), criteria, fit_from })
    }
}

pub(crate) async fn icp(State(app): State<App>, v: Viewer, Query(q): Query<IcpQuery>) -> PageResult {
    v.require(LEADS)?;
    icp_page(&app, &v, q, None).await
}

/// The ICP page; `refused` is a profile the viewer tried to save, as typed, and why it was
/// refused (the page then answers 422 with the form as it was).
async fn icp_page(app: &App, v: &Viewer, q: IcpQuery, refused: Option<(IcpDraft, String)>) -> PageResult {
    let tr = v.tr;
    let status = if refused.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let wanted = q.profile.clone();
    let (profiles, fit, currency) = blocking(app, move |app| {
        let profiles = app.icp_profiles()?;
        let name = wanted.or_else(|| profiles.first().map(|p| p.name.clone()));
        let fit = match name {
            Some(n) if profiles.iter().any(|p| p.name == n) => Some(app.icp_fit(&n, None)?),
            _ => None,
        };
        Ok((profiles, fit, app.store().organisation()?.currency))
    })
    .await?;
    let title = tr.t("nav-icp");
    let mut body = format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&title), escape(&tr.t("plan-icp-intro")));
    notices(&tr, &NoticeQuery { done: q.done, error: q.error }, &mut body);
    if !profiles.is_empty() {
        let _ = write!(body, "<p>{}: ", escape(&tr.t("plan-icp-profiles")));
        for p in &profiles {
            let _ = write!(body, "<a href=\"/segments/icp?profile={}\">{}</a> ", url_encode(&p.name), escape(&p.name));
        }
        body.push_str("</p>");
    }
    if let Some(fit) = &fit {
        icp_fit_section(v, fit, &mut body);
    } else {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("plan-icp-none")));
    }
    if EDITORS.contains(&v.user.role) {
        let (draft, problem) = match refused {
            Some((draft, problem)) => (draft, Some(problem)),
            None => match fit.as_ref().filter(|_| q.new.is_none()) {
                Some(f) => (IcpDraft::of(&f.profile, currency), None),
                None => (IcpDraft { fit_from: "60".to_owned(), ..IcpDraft::default() }, None),
            },
        };
        icp_editor(v, &draft, problem.as_deref(), currency, &mut body);
    }
    Ok((status, Html(page(v, "/segments/icp", &title, &body))).into_response())
}

fn icp_fit_section(v: &Viewer, fit: &sutton_app::IcpFit, body: &mut String) {
    let tr = v.tr;
    let currency = fit.data.organisation.currency;
    let visible: Vec<_> = fit
        .scores
        .iter()
        .filter(|s| {
            let owner = fit.data.accounts.iter().find(|a| a.id == s.account).and_then(|a| a.owner);
            sees(&v.scope, owner)
        })
        .collect();
    let mut bands = [0i64; 4];
    for s in &visible {
        bands[((s.score.to_f64() * 4.0) as usize).min(3)] += 1;
    }
    let labels = ["0–25 %", "25–50 %", "50–75 %", "75–100 %"];
    let items: Vec<(String, Datum)> =
        labels.iter().zip(bands).map(|(l, n)| ((*l).to_owned(), Datum::new(n as f64, tr.number(n)))).collect();
    let fitting = visible.iter().filter(|s| s.fits).count() as i64;
    let _ = write!(
        body,
        "<div class=\"cards\">{}{}</div><div class=\"grid2\"><div>{}</div><div>",
        card(
            &tr.t("plan-icp-fitting-accounts"),
            &tr.number(fitting),
            &tr.ta("plan-icp-of-accounts", &[("accounts", tr.number(visible.len() as i64))])
        ),
        card(
            &tr.t("plan-icp-pipeline-share"),
            &percent(&tr, fit.pipeline.total.share()),
            &tr.ta("plan-icp-fit-from", &[("share", percent(&tr, fit.profile.fit_from))])
        ),
        chart::bars(&tr.ta("plan-chart-fit", &[("profile", fit.profile.name.clone())]), &items)
    );
    let _ = write!(
        body,
        "<table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.t("plan-icp-pipeline-by")),
        th(&tr, &["plan-who", "plan-deals", "plan-icp-fitting-deals", "plan-icp-pipeline-share"])
    );
    let row = |who: String, p: &sutton_app::planning::PipelineFit| {
        format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} <span class=\"sub\">{}</span></td></tr>",
            escape(&who),
            tr.number(i64::from(p.deals)),
            tr.number(i64::from(p.fitting_deals)),
            percent(&tr, p.share()),
            escape(&tr.money_compact(&Money::from_minor(p.fitting_amount, currency)))
        )
    };
    let teams_seen: Option<BTreeSet<i64>> = match &v.scope {
        Scope::Everything => None,
        scope => Some(
            fit.data
                .teams
                .iter()
                .filter(|t| fit.data.people.iter().any(|p| p.team == Some(t.id) && scope.sees(p.id)))
                .map(|t| t.id.get())
                .collect(),
        ),
    };
    for (team, p) in &fit.pipeline.by_team {
        if teams_seen.as_ref().is_none_or(|s| s.contains(&team.get())) {
            let name =
                fit.data.teams.iter().find(|t| t.id == *team).map_or_else(|| team.to_string(), |t| t.name.clone());
            body.push_str(&row(format!("{} · {name}", tr.t("team")), p));
        }
    }
    for (rep, p) in &fit.pipeline.by_rep {
        if v.scope.sees(*rep) {
            let name =
                fit.data.people.iter().find(|x| x.id == *rep).map_or_else(|| rep.to_string(), |x| x.name.clone());
            body.push_str(&row(name, p));
        }
    }
    body.push_str("</tbody></table></div></div>");
}

fn icp_editor(v: &Viewer, draft: &IcpDraft, problem: Option<&str>, currency: Currency, body: &mut String) {
    let tr = v.tr;
    let _ = write!(body, "<section class=\"panel\" id=\"profile\"><h2>{}</h2>", escape(&tr.t("plan-icp-editor")));
    if let Some(problem) = problem {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}</p>",
            escape(&tr.ta("plan-icp-refused", &[("problem", problem.to_owned())]))
        );
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/segments/icp\">{}<div class=\"filters\">\
         <label>{}<input name=\"name\" value=\"{}\" required></label>\
         <label>{}<input name=\"fit_from\" value=\"{}\" inputmode=\"decimal\" size=\"6\" required></label></div>",
        csrf_field(v),
        escape(&tr.t("plan-icp-name")),
        escape(&draft.name),
        escape(&tr.t("plan-icp-fit-threshold")),
        escape(&draft.fit_from)
    );
    let heads = [
        "plan-icp-criterion",
        "plan-icp-attribute",
        "plan-icp-test",
        "plan-icp-min",
        "plan-icp-max",
        "plan-icp-values",
        "plan-icp-yes-no",
        "plan-icp-weight",
    ];
    let labels: Vec<String> = heads.iter().map(|h| tr.t(h)).collect();
    let _ = write!(body, "<table data-rows><thead><tr>{}<th></th></tr></thead><tbody>", th(&tr, &heads));
    let attributes: Vec<(String, String)> =
        ATTRIBUTES.iter().map(|a| (a.as_str().to_owned(), tr.value("icp_attribute", a.as_str()))).collect();
    let tests: Vec<(String, String)> =
        ["range", "one_of", "is"].iter().map(|t| ((*t).to_owned(), tr.value("icp_test", t))).collect();
    let yes_no = [("true".to_owned(), tr.t("yes")), ("false".to_owned(), tr.t("no"))];
    let spare = if draft.criteria.is_empty() { 3 } else { SPARE_ROWS };
    let blank = CriterionDraft::default();
    for c in draft.criteria.iter().chain(std::iter::repeat_n(&blank, spare)) {
        let _ = write!(
            body,
            "<tr><td><input name=\"c_name\" value=\"{}\" aria-label=\"{}\"></td>\
             <td><select name=\"c_attribute\" aria-label=\"{}\">{}</select></td>\
             <td><select name=\"c_test\" aria-label=\"{}\">{}</select></td>\
             <td><input name=\"c_min\" value=\"{}\" inputmode=\"decimal\" size=\"10\" aria-label=\"{}\"></td>\
             <td><input name=\"c_max\" value=\"{}\" inputmode=\"decimal\" size=\"10\" aria-label=\"{}\"></td>\
             <td><input name=\"c_values\" value=\"{}\" aria-label=\"{}\"></td>\
             <td><select name=\"c_is\" aria-label=\"{}\">{}</select></td>\
             <td><input name=\"c_weight\" value=\"{}\" inputmode=\"numeric\" size=\"3\" aria-label=\"{}\"></td>\
             <td><button type=\"button\" data-remove-row>{}</button></td></tr>",
            escape(&c.name),
            escape(&labels[0]),
            escape(&labels[1]),
            options(&attributes, &c.attribute),
            escape(&labels[2]),
            options(&tests, &c.test),
            escape(&c.min),
            escape(&labels[3]),
            escape(&c.max),
            escape(&labels[4]),
            escape(&c.values),
            escape(&labels[5]),
            escape(&labels[6]),
            options(&yes_no, &c.is),
            escape(&c.weight),
            escape(&labels[7]),
            escape(&tr.t("plan-remove-row"))
        );
    }
    let _ = write!(
        body,
        "</tbody></table><p><button type=\"button\" data-add-row>{}</button> <button type=\"submit\">{}</button> \
         <a href=\"/segments/icp?new=1\">{}</a></p><p class=\"sub\">{}</p></form></section>",
        escape(&tr.t("plan-add-row")),
        escape(&tr.t("save")),
        escape(&tr.t("plan-icp-new")),
        escape(&tr.ta("plan-icp-editor-help", &[("currency", currency.code().to_owned())]))
    );
}

pub(crate) async fn icp_save(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    v.require(EDITORS)?;
    let csrf = fields.iter().find(|(k, _)| k == "csrf").map_or("", |(_, v)| v.as_str());
    v.check_form(&headers, csrf)?;
    let tr = v.tr;
    let draft = IcpDraft::from_form(&fields);
    let currency = blocking(&app, |app| Ok(app.store().organisation()?.currency)).await?;
    let profile = match draft.parse(&tr, currency) {
        Ok(p) => p,
        Err(problem) => return icp_page(&app, &v, IcpQuery::default(), Some((draft, problem))).await,
    };
    let name = profile.name.clone();
    let actor = actor(&v);
    match blocking(&app, move |app| app.icp_profile_save(&profile, &actor)).await {
        Ok(()) => {
            let path = format!("/segments/icp?profile={}", url_encode(&name));
            Ok(back_to(&path, Ok(tr.ta("plan-icp-saved", &[("profile", name)]))))
        }
        Err(WebError::App(e @ AppError::Input(_))) => {
            icp_page(&app, &v, IcpQuery::default(), Some((draft, e.to_string()))).await
        }
        Err(e) => Err(e),
    }
}

// ---- call patterns ----------------------------------------------------------------------------

pub(crate) async fn patterns(State(app): State<App>, v: Viewer, Query(n): Query<NoticeQuery>) -> PageResult {
    v.require(LEADS)?;
    let tr = v.tr;
    let (patterns, names) = blocking(&app, |app| Ok((app.snapshot()?.call_patterns, app.segment_names()?))).await?;
    let title = tr.t("nav-call-patterns");
    let mut body = format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&title), escape(&tr.t("plan-patterns-intro")));
    notices(&tr, &n, &mut body);
    let may_edit = EDITORS.contains(&v.user.role);
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><thead><tr>{}{}</tr></thead><tbody>",
        th(
            &tr,
            &["plan-segment", "role", "channel", "plan-mode", "plan-frequency", "plan-duration", "plan-calls-a-year"]
        ),
        if may_edit { "<th></th>" } else { "" }
    );
    let mut sorted = patterns.clone();
    sorted.sort_by(|a, b| a.segment.cmp(&b.segment).then(a.id.cmp(&b.id)));
    for p in &sorted {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            escape(p.segment.as_str()),
            escape(&tr.value("sales_role", p.role.as_str())),
            escape(&tr.value("channel", p.channel.as_str())),
            escape(&tr.value("contact_mode", p.mode.as_str())),
            escape(&tr.ta(
                "plan-per",
                &[("calls", tr.number(i64::from(p.calls))), ("period", tr.value("period_kind", p.per.as_str()))]
            )),
            escape(&tr.ta("plan-minutes", &[("minutes", tr.number(i64::from(p.duration_minutes)))])),
            tr.number(i64::from(p.calls_per_year()))
        );
        if may_edit {
            let _ = write!(
                body,
                "<td><form method=\"post\" action=\"/calls/patterns/{}/delete\">{}<button type=\"submit\">{}</button></form></td>",
                p.id.get(),
                csrf_field(&v),
                escape(&tr.t("plan-delete"))
            );
        }
        body.push_str("</tr>");
    }
    body.push_str("</tbody></table></section>");
    if may_edit {
        let options = |values: Vec<(String, String)>| -> String {
            values
                .into_iter()
                .map(|(v, l)| format!("<option value=\"{}\">{}</option>", escape(&v), escape(&l)))
                .collect()
        };
        let _ = write!(
            body,
            "<section class=\"panel\"><h2>{}</h2><form class=\"filters\" method=\"post\" action=\"/calls/patterns\">{}\
             <label>{}<select name=\"segment\">{}</select></label>\
             <label>{}<select name=\"role\">{}</select></label>\
             <label>{}<select name=\"channel\">{}</select></label>\
             <label>{}<select name=\"mode\">{}</select></label>\
             <label>{}<input name=\"calls\" inputmode=\"numeric\" value=\"1\" required></label>\
             <label>{}<select name=\"per\">{}</select></label>\
             <label>{}<input name=\"duration\" inputmode=\"numeric\" value=\"30\" required></label>\
             <button type=\"submit\">{}</button></form></section>",
            escape(&tr.t("plan-add-pattern")),
            csrf_field(&v),
            escape(&tr.t("plan-segment")),
            options(names.iter().map(|s| (s.to_string(), s.to_string())).collect()),
            escape(&tr.t("role")),
            options(
                SalesRole::ALL.iter().map(|r| (r.as_str().to_owned(), tr.value("sales_role", r.as_str()))).collect()
            ),
            escape(&tr.t("channel")),
            options(Channel::ALL.iter().map(|c| (c.as_str().to_owned(), tr.value("channel", c.as_str()))).collect()),
            escape(&tr.t("plan-mode")),
            options(
                [ContactMode::FaceToFace, ContactMode::Phone, ContactMode::Video]
                    .iter()
                    .map(|m| (m.as_str().to_owned(), tr.value("contact_mode", m.as_str())))
                    .collect()
            ),
            escape(&tr.t("plan-calls")),
            escape(&tr.t("plan-per-period")),
            options(
                [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year]
                    .iter()
                    .map(|p| (p.as_str().to_owned(), tr.value("period_kind", p.as_str())))
                    .collect()
            ),
            escape(&tr.t("plan-duration")),
            escape(&tr.t("save"))
        );
    }
    ok(&v, "/calls/patterns", &title, &body)
}

#[derive(Debug, Deserialize)]
pub(crate) struct PatternForm {
    csrf: String,
    segment: String,
    role: String,
    channel: String,
    mode: String,
    calls: String,
    per: String,
    duration: String,
}

pub(crate) async fn pattern_add(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<PatternForm>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let bad =
        |field: &str, value: &str| tr.ta("bad-field", &[("field", field.to_owned()), ("value", value.to_owned())]);
    let pattern = (|| -> Result<CallPattern, String> {
        Ok(CallPattern {
            id: CallPatternId(0),
            segment: Segment::parse(f.segment.trim()).map_err(|e| e.to_string())?,
            role: SalesRole::parse(&f.role).map_err(|e| e.to_string())?,
            channel: Channel::parse(&f.channel).map_err(|e| e.to_string())?,
            mode: ContactMode::parse(&f.mode).map_err(|e| e.to_string())?,
            calls: f.calls.trim().parse().map_err(|_| bad("calls", &f.calls))?,
            per: PeriodKind::parse(&f.per).map_err(|e| e.to_string())?,
            duration_minutes: f.duration.trim().parse().map_err(|_| bad("duration", &f.duration))?,
        })
    })();
    let pattern = match pattern {
        Ok(p) => p,
        Err(e) => return Ok(back_to("/calls/patterns", Err(e))),
    };
    let actor = actor(&v);
    let result = blocking(&app, move |app| app.call_pattern_add(&pattern, &actor)).await;
    Ok(back_to(
        "/calls/patterns",
        match result {
            Ok(id) => Ok(tr.ta("plan-pattern-added", &[("id", id.to_string())])),
            Err(WebError::App(e)) => Err(e.to_string()),
            Err(e) => return Err(e),
        },
    ))
}

pub(crate) async fn pattern_delete(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let actor = actor(&v);
    let gone = blocking(&app, move |app| app.call_pattern_delete(CallPatternId(id), &actor)).await?;
    if !gone {
        return Err(WebError::NotFound(tr));
    }
    Ok(back_to("/calls/patterns", Ok(tr.ta("plan-pattern-deleted", &[("id", id.to_string())]))))
}

// ---- workload ---------------------------------------------------------------------------------

pub(crate) async fn workload(State(app): State<App>, v: Viewer) -> PageResult {
    v.require(ALL)?;
    let tr = v.tr;
    let (context, w) =
        blocking(&app, |app| app.calls_workload(&app.segment_rule()?, None, &WorkloadOptions::default())).await?;
    let title = tr.t("nav-workload");
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&title),
        escape(&tr.ta(
            "plan-workload-intro",
            &[
                ("speed", tr.number(i64::from(w.options.speed_kmh))),
                ("weeks", tr.number(i64::from(w.options.working_weeks)))
            ]
        ))
    );
    let people: Vec<_> = w.people.iter().filter(|(p, _)| v.scope.sees(**p)).collect();
    let items: Vec<(String, Datum)> = people
        .iter()
        .map(|(p, l)| {
            let u = l.utilisation().map_or(0.0, |r| r.to_f64());
            (context.person_name(**p), Datum::new(u * 100.0, tr.percent(u, 0)))
        })
        .collect();
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\">{}</section>",
        chart::bars(&tr.t("plan-chart-utilisation"), &items)
    );
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.t("plan-workload-by-person")),
        th(
            &tr,
            &[
                "person",
                "accounts",
                "plan-calls-a-year",
                "plan-call-hours",
                "plan-travel-hours",
                "plan-capacity-hours",
                "plan-utilisation"
            ]
        )
    );
    let row = |name: String, l: &sutton_app::planning::Load| {
        format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&name),
            tr.number(i64::from(l.accounts)),
            tr.number(l.calls_per_year as i64),
            hours(&tr, l.call_minutes),
            hours(&tr, l.travel_minutes),
            hours(&tr, l.capacity_minutes),
            l.utilisation().map_or_else(String::new, |r| percent(&tr, r))
        )
    };
    for (p, l) in &people {
        body.push_str(&row(context.person_name(**p), l));
    }
    body.push_str("</tbody></table></section>");
    if v.user.role != AccessRole::Rep {
        let teams = visible_teams(&v, &context);
        let _ = write!(
            body,
            "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
            escape(&tr.t("plan-workload-by-team")),
            th(
                &tr,
                &[
                    "team",
                    "accounts",
                    "plan-calls-a-year",
                    "plan-call-hours",
                    "plan-travel-hours",
                    "plan-capacity-hours",
                    "plan-utilisation"
                ]
            )
        );
        for (t, l) in &w.teams {
            if teams.as_ref().is_none_or(|s| s.contains(&t.get())) {
                body.push_str(&row(team_name(&context, *t), l));
            }
        }
        body.push_str("</tbody></table></section>");
        let _ = write!(
            body,
            "<section class=\"panel\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
            escape(&tr.t("plan-sizing")),
            th(
                &tr,
                &[
                    "role",
                    "channel",
                    "plan-hours-needed",
                    "plan-capacity-per-person",
                    "plan-people-now",
                    "plan-people-needed"
                ]
            )
        );
        for r in &w.sizing {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><strong>{}</strong></td></tr>",
                escape(&tr.value("sales_role", r.role.as_str())),
                escape(&tr.value("channel", r.channel.as_str())),
                hours(&tr, r.minutes_per_year),
                hours(&tr, r.capacity_per_person),
                tr.number(i64::from(r.people_now)),
                tr.decimal(r.people_needed, 1)
            );
        }
        body.push_str("</tbody></table>");
        if !w.unserved.is_empty() {
            let _ = write!(
                body,
                "<p class=\"error\">{}</p>",
                escape(&tr.ta("plan-unserved", &[("calls", tr.number(w.unserved.len() as i64))]))
            );
        }
        body.push_str("</section>");
    }
    ok(&v, "/calls/workload", &title, &body)
}

// ---- compliance -------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DrillQuery {
    team: Option<i64>,
    rep: Option<i64>,
}

fn ratio_text(tr: &Tr, t: &sutton_app::planning::ComplianceTotals) -> String {
    t.ratio().map_or_else(String::new, |r| tr.percent(r, 0))
}

pub(crate) async fn compliance(State(app): State<App>, v: Viewer, Query(q): Query<DrillQuery>) -> PageResult {
    v.require(ALL)?;
    let tr = v.tr;
    let (context, c) = blocking(&app, |app| app.calls_compliance(&app.segment_rule()?, None, WINDOW_DAYS)).await?;
    let title = tr.t("nav-compliance");
    let mut body = format!(
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        escape(&title),
        escape(&tr.ta("plan-compliance-intro", &[("from", tr.date(c.from)), ("to", tr.date(c.to))]))
    );
    let teams = visible_teams(&v, &context);
    let head = th(
        &tr,
        &["plan-who", "accounts", "plan-planned", "plan-actual", "plan-compliance", "plan-behind", "plan-overdue"],
    );
    let line = |who: String, t: &sutton_app::planning::ComplianceTotals| {
        format!(
            "<tr><td>{who}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            tr.number(i64::from(t.accounts)),
            tr.decimal(t.planned, 1),
            tr.number(t.actual as i64),
            ratio_text(&tr, t),
            tr.number(i64::from(t.behind)),
            tr.number(i64::from(t.overdue))
        )
    };
    let own_rep = (v.user.role == AccessRole::Rep).then_some(v.user.person).flatten();
    let rep = q.rep.map(PersonId).or(own_rep).filter(|r| v.scope.sees(*r));
    if let Some(rep) = rep {
        let _ = write!(
            body,
            "<p><a href=\"/calls/compliance\">{}</a></p><section class=\"panel\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
            escape(&tr.t("plan-all-teams")),
            escape(&tr.ta("plan-accounts-of", &[("who", context.person_name(rep))])),
            th(&tr, &["account", "plan-segment", "plan-planned", "plan-actual", "plan-last-call", "plan-days-overdue"])
        );
        for a in c.accounts.iter().filter(|a| a.owner == Some(rep)) {
            let _ = write!(
                body,
                "<tr{}><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                if a.overdue { " class=\"overdue\"" } else { "" },
                account_link(&context, a.account),
                escape(a.segment.as_str()),
                tr.decimal(a.planned, 1),
                tr.number(i64::from(a.actual)),
                a.last_call.map_or_else(|| escape(&tr.t("plan-never")), |d| tr.date(d)),
                a.days_overdue.map_or_else(|| escape(&tr.t("plan-never")), |d| tr.number(d))
            );
        }
        body.push_str("</tbody></table></section>");
        return ok(&v, "/calls/compliance", &title, &body);
    }
    if let Some(team) = q.team.filter(|t| teams.as_ref().is_none_or(|s| s.contains(t))) {
        let team_id = sutton_app::domain::TeamId(team);
        let _ = write!(
            body,
            "<p><a href=\"/calls/compliance\">{}</a></p><section class=\"panel\"><table><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>",
            escape(&tr.t("plan-all-teams")),
            escape(&tr.ta("plan-reps-of", &[("team", team_name(&context, team_id))]))
        );
        for (person, t) in &c.by_rep {
            let in_team = context.data.people.iter().any(|p| p.id == *person && p.team == Some(team_id));
            if in_team && v.scope.sees(*person) {
                body.push_str(&line(
                    format!(
                        "<a href=\"/calls/compliance?rep={}\">{}</a>",
                        person.get(),
                        escape(&context.person_name(*person))
                    ),
                    t,
                ));
            }
        }
        body.push_str("</tbody></table></section>");
        return ok(&v, "/calls/compliance", &title, &body);
    }
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>",
        escape(&tr.t("plan-compliance-by-team"))
    );
    for (team, t) in &c.by_team {
        if teams.as_ref().is_none_or(|s| s.contains(&team.get())) {
            body.push_str(&line(
                format!(
                    "<a href=\"/calls/compliance?team={}\">{}</a>",
                    team.get(),
                    escape(&team_name(&context, *team))
                ),
                t,
            ));
        }
    }
    if teams.is_none() {
        for (segment, t) in &c.by_segment {
            body.push_str(&line(escape(&tr.ta("plan-segment-name", &[("segment", segment.to_string())])), t));
        }
        body.push_str(&line(escape(&tr.t("plan-total")), &c.total));
    }
    body.push_str("</tbody></table></section>");
    // Overdue accounts, the most valuable segment first, the longest overdue first.
    let mut overdue: Vec<_> = c.accounts.iter().filter(|a| a.overdue && sees(&v.scope, a.owner)).collect();
    overdue.sort_by(|a, b| {
        a.segment_index
            .cmp(&b.segment_index)
            .then(b.days_overdue.unwrap_or(i64::MAX).cmp(&a.days_overdue.unwrap_or(i64::MAX)))
    });
    let _ = write!(
        body,
        "<section class=\"panel\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.ta("plan-overdue-accounts", &[("count", tr.number(overdue.len() as i64))])),
        th(&tr, &["account", "plan-segment", "owner", "plan-last-call", "plan-days-overdue"])
    );
    for a in overdue.iter().take(50) {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            account_link(&context, a.account),
            escape(a.segment.as_str()),
            a.owner.map_or_else(String::new, |o| escape(&context.person_name(o))),
            a.last_call.map_or_else(|| escape(&tr.t("plan-never")), |d| tr.date(d)),
            a.days_overdue.map_or_else(|| escape(&tr.t("plan-never")), |d| tr.number(d))
        );
    }
    body.push_str("</tbody></table></section>");
    ok(&v, "/calls/compliance", &title, &body)
}

// ---- work queue and logging a call --------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub(crate) struct QueueQuery {
    rep: Option<i64>,
    done: Option<String>,
    error: Option<String>,
}

pub(crate) async fn queue(State(app): State<App>, v: Viewer, Query(q): Query<QueueQuery>) -> PageResult {
    v.require(ALL)?;
    let tr = v.tr;
    let (context, queues) = blocking(&app, |app| app.calls_queue(&app.segment_rule()?, None, WINDOW_DAYS)).await?;
    let title = tr.t("nav-queue");
    let mut body = format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&title), escape(&tr.t("plan-queue-intro")));
    notices(&tr, &NoticeQuery { done: q.done, error: q.error }, &mut body);
    let reps: Vec<PersonId> = queues.keys().copied().filter(|p| v.scope.sees(*p)).collect();
    let rep = q
        .rep
        .map(PersonId)
        .filter(|r| v.scope.sees(*r))
        .or(v.user.person.filter(|p| reps.contains(p)))
        .or(reps.first().copied());
    if reps.len() > 1 {
        let _ = write!(
            body,
            "<form class=\"filters\" method=\"get\" action=\"/calls/queue\"><label>{}<select name=\"rep\" data-autosubmit>",
            escape(&tr.t("person"))
        );
        for r in &reps {
            let selected = if Some(*r) == rep { " selected" } else { "" };
            let _ =
                write!(body, "<option value=\"{}\"{selected}>{}</option>", r.get(), escape(&context.person_name(*r)));
        }
        let _ = write!(
            body,
            "</select></label><noscript><button>{}</button></noscript></form>",
            escape(&tr.t("plan-show"))
        );
    }
    let Some(rep) = rep else {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("plan-queue-empty")));
        return ok(&v, "/calls/queue", &title, &body);
    };
    let items = queues.get(&rep).map(Vec::as_slice).unwrap_or_default();
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.ta("plan-queue-of", &[("who", context.person_name(rep))])),
        th(&tr, &["plan-position", "account", "plan-segment", "plan-last-call", "plan-days-overdue"])
    );
    for (k, item) in items.iter().take(25).enumerate() {
        let _ = write!(
            body,
            "<tr{}><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            if item.overdue { " class=\"overdue\"" } else { "" },
            k + 1,
            account_link(&context, item.account),
            escape(item.segment.as_str()),
            item.last_call.map_or_else(|| escape(&tr.t("plan-never")), |d| tr.date(d)),
            item.days_overdue.map_or_else(|| escape(&tr.t("plan-never")), |d| tr.number(d))
        );
    }
    body.push_str("</tbody></table></section>");
    // Quick log-a-call form.
    let _ = write!(
        body,
        "<section class=\"panel\"><h2>{}</h2><form class=\"filters\" method=\"post\" action=\"/calls/log\">{}\
         <input type=\"hidden\" name=\"rep\" value=\"{}\"><label>{}<select name=\"account\">",
        escape(&tr.t("plan-log-call")),
        csrf_field(&v),
        rep.get(),
        escape(&tr.t("account"))
    );
    for item in items.iter().take(100) {
        let _ = write!(
            body,
            "<option value=\"{}\">{} ({})</option>",
            item.account.get(),
            escape(&context.account_name(item.account)),
            escape(item.segment.as_str())
        );
    }
    let _ = write!(
        body,
        "</select></label><label>{}<input type=\"date\" name=\"date\" value=\"{}\" required></label><label>{}<select name=\"mode\">",
        escape(&tr.t("date")),
        context.as_of,
        escape(&tr.t("plan-mode"))
    );
    for m in [ContactMode::Phone, ContactMode::FaceToFace, ContactMode::Video] {
        let _ =
            write!(body, "<option value=\"{}\">{}</option>", m.as_str(), escape(&tr.value("contact_mode", m.as_str())));
    }
    let _ = write!(
        body,
        "</select></label><label>{}<input name=\"duration\" inputmode=\"numeric\" value=\"30\" required></label>\
         <label>{}<input name=\"subject\"></label><button type=\"submit\">{}</button></form></section>",
        escape(&tr.t("plan-duration")),
        escape(&tr.t("plan-subject")),
        escape(&tr.t("plan-log"))
    );
    ok(&v, "/calls/queue", &title, &body)
}

#[derive(Debug, Deserialize)]
pub(crate) struct LogForm {
    csrf: String,
    rep: i64,
    account: String,
    date: String,
    mode: String,
    duration: String,
    subject: Option<String>,
}

pub(crate) async fn log_call(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<LogForm>,
) -> PageResult {
    v.require(ALL)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let path = format!("/calls/queue?rep={}", f.rep);
    let bad =
        |field: &str, value: &str| tr.ta("bad-field", &[("field", field.to_owned()), ("value", value.to_owned())]);
    let call = (|| -> Result<NewCall, String> {
        let mode = ContactMode::parse(&f.mode).map_err(|e| e.to_string())?;
        Ok(NewCall {
            person: PersonId(f.rep),
            account: AccountId(f.account.trim().parse().map_err(|_| bad("account", &f.account))?),
            date: f.date.trim().parse().map_err(|_| bad("date", &f.date))?,
            kind: if mode == ContactMode::FaceToFace { ActivityKind::Visit } else { ActivityKind::Call },
            mode,
            duration_minutes: f.duration.trim().parse().map_err(|_| bad("duration", &f.duration))?,
            subject: f.subject.clone(),
        })
    })();
    let call = match call {
        Ok(c) => c,
        Err(e) => return Ok(back_to(&path, Err(e))),
    };
    let (scope, actor) = (v.scope.clone(), actor(&v));
    let result = blocking(&app, move |app| app.log_call(&scope, &call, &actor)).await;
    Ok(back_to(
        &path,
        match result {
            Ok(id) => Ok(tr.ta("plan-call-logged", &[("id", id.to_string())])),
            Err(WebError::App(AppError::NotFound { .. })) => return Err(WebError::NotFound(tr)),
            Err(WebError::App(e)) => Err(e.to_string()),
            Err(e) => return Err(e),
        },
    ))
}

// ---- time allocation --------------------------------------------------------------------------

pub(crate) async fn time(State(app): State<App>, v: Viewer) -> PageResult {
    v.require(ALL)?;
    let tr = v.tr;
    let (trend, people) =
        blocking(&app, |app| Ok((app.time_trend(None, 11)?, app.store().people(&Scope::Everything)?))).await?;
    let name = |id: PersonId| people.iter().find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.name.clone());
    let title = tr.t("nav-time");
    let mut body = format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&title), escape(&tr.t("plan-time-intro")));
    // Trend: the visible people's direct-selling share month by month against the band.
    let mut categories = Vec::new();
    let mut share = Vec::new();
    for (month, rows) in &trend {
        let (direct, total) = rows
            .iter()
            .filter(|r| v.scope.sees(r.person))
            .fold((0u64, 0u64), |(d, t), r| (d + r.direct_minutes, t + r.total_minutes));
        let s = if total > 0 { direct as f64 / total as f64 } else { 0.0 };
        categories.push(tr.month(*month));
        share.push(Datum::new(s * 100.0, tr.percent(s, 1)));
    }
    let band = |p: f64, id: &str| Series {
        name: tr.t(id),
        values: categories.iter().map(|_| Datum::new(p, tr.percent(p / 100.0, 0))).collect(),
    };
    let series = [
        Series { name: tr.t("plan-direct-share"), values: share },
        band(55.0, "plan-target-low"),
        band(65.0, "plan-target-high"),
    ];
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\">{}</section>",
        chart::lines(&tr.t("plan-chart-time-trend"), &categories, &series, |x| tr.percent(x / 100.0, 0))
    );
    // The latest three months per person, with the non-selling time itemised.
    let latest: BTreeMap<PersonId, (u64, u64, BTreeMap<String, u64>)> =
        trend.iter().rev().take(3).fold(BTreeMap::new(), |mut acc, (_, rows)| {
            for r in rows.iter().filter(|r| v.scope.sees(r.person)) {
                let e = acc.entry(r.person).or_insert_with(|| (0, 0, BTreeMap::new()));
                e.0 += r.direct_minutes;
                e.1 += r.total_minutes;
                for (c, m) in &r.non_selling {
                    *e.2.entry(c.clone()).or_default() += m;
                }
            }
            acc
        });
    let categories: BTreeSet<String> = latest.values().flat_map(|(_, _, n)| n.keys().cloned()).collect();
    let _ = write!(
        body,
        "<section class=\"panel\"><table><caption>{}</caption><thead><tr>{}",
        escape(&tr.t("plan-time-by-person")),
        th(&tr, &["person", "plan-direct-share", "plan-band", "plan-logged-hours"])
    );
    for c in &categories {
        let _ = write!(body, "<th scope=\"col\">{}</th>", escape(&tr.value("time", c)));
    }
    body.push_str("</tr></thead><tbody>");
    for (person, (direct, total, non)) in &latest {
        let s = if *total > 0 { *direct as f64 / *total as f64 } else { 0.0 };
        let band = if s < 0.55 {
            "plan-band-below"
        } else if s > 0.65 {
            "plan-band-above"
        } else {
            "plan-band-within"
        };
        let _ = write!(
            body,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td>",
            escape(&name(*person)),
            tr.percent(s, 1),
            escape(&tr.t(band)),
            hours(&tr, *total)
        );
        for c in &categories {
            let _ = write!(body, "<td class=\"num\">{}</td>", hours(&tr, non.get(c).copied().unwrap_or(0)));
        }
        body.push_str("</tr>");
    }
    body.push_str("</tbody></table></section>");
    ok(&v, "/calls/time", &title, &body)
}

// ---- CALLPLAN ---------------------------------------------------------------------------------

/// Query of the what-if: `curve_A=a,b,c,d`… and `share` (percent of capacity for selling).
fn callplan_request(v: &Viewer, q: &BTreeMap<String, String>) -> Result<(CallPlanRequest, Option<PersonId>), WebError> {
    let mut request = CallPlanRequest::default();
    for (key, value) in q {
        if let Some(segment) = key.strip_prefix("curve_") {
            if value.trim().is_empty() {
                continue;
            }
            let segment = Segment::parse(segment).map_err(|e| WebError::BadRequest(v.tr, e.to_string()))?;
            let curve = sutton_app::parse_curve(value).map_err(|e| WebError::BadRequest(v.tr, e.to_string()))?;
            request.curves.insert(segment, curve);
        }
    }
    if let Some(share) = q.get("share").filter(|s| !s.trim().is_empty()) {
        request.selling_share = Rate::parse_percent("share", share.trim())
            .ok()
            .filter(|r| *r > Rate::ZERO && *r <= Rate::ONE)
            .ok_or_else(|| {
                WebError::BadRequest(
                    v.tr,
                    v.tr.ta("bad-field", &[("field", "share".to_owned()), ("value", share.clone())]),
                )
            })?;
    }
    request.options.max_calls = 26;
    request.options.max_steps = 600;
    if let Scope::People(set) = &v.scope {
        request.reps = Some(set.iter().copied().collect());
    }
    let rep = q.get("rep").and_then(|r| r.parse::<i64>().ok()).map(PersonId).filter(|r| v.scope.sees(*r));
    Ok((request, rep))
}

fn curve_text(c: &ResponseCurve) -> String {
    format!("{},{},{},{}", c.a, c.b, c.c, (c.d * 100.0).round() / 100.0)
}

pub(crate) async fn callplan(
    State(app): State<App>,
    v: Viewer,
    Query(q): Query<BTreeMap<String, String>>,
) -> PageResult {
    v.require(ALL)?;
    let tr = v.tr;
    let (request, rep) = callplan_request(&v, &q)?;
    let share = request.selling_share;
    let result = blocking(&app, move |app| app.callplan(&app.segment_rule()?, None, &request)).await;
    let title = tr.t("nav-callplan");
    let mut body = format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&title), escape(&tr.t("plan-callplan-intro")));
    notices(&tr, &NoticeQuery { done: q.get("done").cloned(), error: q.get("error").cloned() }, &mut body);
    let run = match result {
        Ok(run) => run,
        Err(WebError::App(AppError::Input(e))) => {
            let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", escape(&e));
            return ok(&v, "/calls/callplan", &title, &body);
        }
        Err(e) => return Err(e),
    };
    let context = &run.context;
    // The what-if form: one curve per segment and the selling share.
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><form class=\"filters\" method=\"get\" action=\"/calls/callplan\">"
    );
    for (segment, c) in &run.curves {
        let _ = write!(
            body,
            "<label>{}<input name=\"curve_{}\" value=\"{}\" size=\"18\"></label>",
            escape(&tr.ta("plan-curve-of", &[("segment", segment.to_string())])),
            escape(segment.as_str()),
            escape(&curve_text(c))
        );
    }
    let _ = write!(
        body,
        "<label>{}<input name=\"share\" value=\"{}\" size=\"4\"></label><button type=\"submit\">{}</button></form><p class=\"sub\">{}</p>",
        escape(&tr.t("plan-selling-share")),
        tr.decimal(share.to_f64() * 100.0, 0),
        escape(&tr.t("plan-what-if")),
        escape(&tr.ta("plan-callplan-how", &[("margin", percent(&tr, run.margin))]))
    );
    if EDITORS.contains(&v.user.role) {
        let _ = write!(body, "<form method=\"post\" action=\"/calls/callplan/curves\">{}", csrf_field(&v));
        for (segment, c) in &run.curves {
            let _ = write!(
                body,
                "<input type=\"hidden\" name=\"curve_{}\" value=\"{}\">",
                escape(segment.as_str()),
                escape(&curve_text(c))
            );
        }
        let _ = write!(body, "<button type=\"submit\">{}</button></form>", escape(&tr.t("plan-save-curves")));
    }
    body.push_str("</section>");
    let plan = &run.plan;
    let reps: Vec<_> = plan.reps.iter().filter(|r| v.scope.sees(r.rep)).collect();
    let current: i64 = reps.iter().map(|r| r.current_profit).sum();
    let planned: i64 = reps.iter().map(|r| r.planned_profit).sum();
    let _ = write!(
        body,
        "<div class=\"cards\">{}{}{}</div>",
        card(&tr.t("plan-current-profit"), &money(&tr, context, current), &tr.t("plan-a-year")),
        card(&tr.t("plan-planned-profit"), &money(&tr, context, planned), &tr.t("plan-a-year")),
        card(&tr.t("plan-gain"), &money(&tr, context, planned - current), &tr.t("plan-a-year"))
    );
    let items: Vec<(String, Datum)> = reps
        .iter()
        .map(|r| {
            let g = Money::from_minor(r.gain(), context.data.organisation.currency);
            (context.person_name(r.rep), Datum::new(g.to_major_f64(), tr.money_compact(&g)))
        })
        .collect();
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\">{}</section>",
        chart::bars(&tr.t("plan-chart-gain"), &items)
    );
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-bottom:1rem\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
        escape(&tr.t("plan-callplan-by-rep")),
        th(
            &tr,
            &[
                "person",
                "accounts",
                "plan-budget-hours",
                "plan-current-hours",
                "plan-planned-hours",
                "plan-current-profit",
                "plan-planned-profit",
                "plan-gain",
                "plan-gain-why"
            ]
        )
    );
    for r in &reps {
        // A plan below the current figure needs saying why: the current pattern does not fit
        // the rep's selling time (so its figure is out of reach), or the calls' lengths were
        // rounded up to the dynamic programme's time steps.
        let why = if r.gain() >= 0 {
            String::new()
        } else if r.current_minutes > r.budget_minutes {
            tr.ta(
                "plan-gain-over-budget",
                &[("current", hours(&tr, r.current_minutes)), ("budget", hours(&tr, r.budget_minutes))],
            )
        } else {
            tr.ta("plan-gain-steps", &[("minutes", tr.number(i64::from(r.quantum_minutes)))])
        };
        let _ = write!(
            body,
            "<tr><td><a href=\"/calls/callplan?rep={}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            r.rep.get(),
            escape(&context.person_name(r.rep)),
            tr.number(r.accounts.len() as i64),
            hours(&tr, r.budget_minutes),
            hours(&tr, r.current_minutes),
            hours(&tr, r.planned_minutes),
            money(&tr, context, r.current_profit),
            money(&tr, context, r.planned_profit),
            money(&tr, context, r.gain()),
            escape(&why)
        );
    }
    body.push_str("</tbody></table></section>");
    let focus = rep.or_else(|| (reps.len() == 1).then(|| reps[0].rep));
    if let Some(r) = focus.and_then(|f| reps.iter().find(|r| r.rep == f)) {
        let mut changes: Vec<_> = r.accounts.iter().collect();
        changes.sort_by_key(|a| std::cmp::Reverse((i64::from(a.planned_calls) - i64::from(a.current_calls)).abs()));
        let _ = write!(
            body,
            "<section class=\"panel\"><table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>",
            escape(&tr.ta("plan-callplan-accounts-of", &[("who", context.person_name(r.rep))])),
            th(
                &tr,
                &[
                    "account",
                    "plan-segment",
                    "plan-current-calls",
                    "plan-planned-calls",
                    "plan-current-profit",
                    "plan-planned-profit"
                ]
            )
        );
        for a in changes.iter().take(40) {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                account_link(context, a.account),
                escape(a.segment.as_str()),
                tr.number(i64::from(a.current_calls)),
                tr.number(i64::from(a.planned_calls)),
                money(&tr, context, a.current_profit),
                money(&tr, context, a.planned_profit)
            );
        }
        body.push_str("</tbody></table></section>");
    }
    ok(&v, "/calls/callplan", &title, &body)
}

pub(crate) async fn callplan_curves(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<BTreeMap<String, String>>,
) -> PageResult {
    v.require(EDITORS)?;
    v.check_form(&headers, f.get("csrf").map_or("", String::as_str))?;
    let tr = v.tr;
    let (request, _) = callplan_request(&v, &f)?;
    let actor = actor(&v);
    let result = blocking(&app, move |app| {
        for (segment, curve) in &request.curves {
            app.response_curve_save(segment, curve, &actor)?;
        }
        Ok(request.curves.len())
    })
    .await;
    Ok(back_to(
        "/calls/callplan",
        match result {
            Ok(n) => Ok(tr.ta("plan-curves-saved", &[("count", tr.number(n as i64))])),
            Err(WebError::App(e)) => Err(e.to_string()),
            Err(e) => return Err(e),
        },
    ))
}
