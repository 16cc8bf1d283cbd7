//! Compensation pages: the runs and statements (everyone, in their scope: a rep sees their own
//! statement and nothing else), every line explained in the payee's language and printable,
//! with CSV and XLSX copies in that language too;
//! and for VPs and administrators the governance of the year's pay, the what-if on last
//! quarter's actuals, and the plan book versions with their editor.

use std::collections::BTreeMap;
use std::fmt::Write;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use sutton_app::App;
use sutton_app::comp::explain::deal_list;
use sutton_app::comp::{
    Adjustment, AdjustmentReason, Cell, CompMeasure, CompRunHeader, CreditSource, Exclusion, Explanation, LineKind,
    PayoutLine, Quantity, Run, Statement, TierPay, UNIT, governance,
};
use sutton_app::domain::{AccessRole, Language, Money, Period, PeriodKind, PersonId, Rate};

use crate::chart::{self, Datum};
use crate::html::{card, escape, page};
use crate::i18n::Tr;
use crate::pages::{NoticeQuery, actor, back_to, notices};
use crate::session::Viewer;
use crate::{WebError, blocking};

type PageResult = Result<Response, WebError>;

const LEADERS: &[AccessRole] = &[AccessRole::Admin, AccessRole::Vp];

fn html(body: String) -> PageResult {
    Ok(Html(body).into_response())
}

/// `12.5%` from parts per million.
fn percent(tr: &Tr, r: Rate) -> String {
    tr.percent(r.ppm() as f64 / 1e6, 1)
}

fn quantity(tr: &Tr, q: &Quantity) -> String {
    match q {
        Quantity::Money(m) => tr.money(m),
        Quantity::Units(u) => tr.decimal(*u as f64 / UNIT as f64, if u % UNIT == 0 { 0 } else { 2 }),
    }
}

fn line_kind(tr: &Tr, kind: LineKind) -> String {
    match kind {
        LineKind::Tier(n) => tr.ta("comp-kind-tier", &[("n", n.to_string())]),
        LineKind::BelowThreshold => tr.t("comp-kind-below-threshold"),
        LineKind::NoQuota => tr.t("comp-kind-no-quota"),
        LineKind::Cap => tr.t("comp-kind-cap"),
        LineKind::Gate(n) => tr.ta("comp-kind-gate", &[("n", n.to_string())]),
        LineKind::DrawTopUp => tr.t("comp-kind-draw-top-up"),
        LineKind::DrawRecovery => tr.t("comp-kind-draw-recovery"),
    }
}

fn band(tr: &Tr, band: Option<(Rate, Option<Rate>)>) -> String {
    match band {
        Some((from, Some(to))) => format!("{} – {}", plan_percent(tr, from), plan_percent(tr, to)),
        Some((from, None)) => format!("≥ {}", plan_percent(tr, from)),
        None => String::new(),
    }
}

fn source(tr: &Tr, s: CreditSource) -> String {
    match s {
        CreditSource::Owner => tr.t("comp-source-owner"),
        CreditSource::RevenueSplit(r) => tr.ta("comp-source-revenue", &[("share", percent(tr, r))]),
        CreditSource::Overlay(r) => tr.ta("comp-source-overlay", &[("share", percent(tr, r))]),
        CreditSource::LeadSource(l) => tr.ta("comp-source-lead", &[("lead", l.get().to_string())]),
    }
}

fn money_cell(tr: &Tr, m: &Money) -> String {
    let class = if m.is_negative() { "n neg" } else { "n" };
    format!("<td class=\"{class}\" data-v=\"{}\">{}</td>", m.minor(), escape(&tr.money(m)))
}

fn parse_id(tr: &Tr, text: &str) -> Result<i64, WebError> {
    text.trim().parse::<i64>().map_err(|_| WebError::NotFound(*tr))
}

fn statement_href(run: i64, payee: PersonId) -> String {
    format!("/comp/statements/{run}/{}", payee.get())
}

// ---- the runs ---------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct IndexQuery {
    run: Option<String>,
    year: Option<String>,
    done: Option<String>,
    error: Option<String>,
}

pub(crate) async fn index(State(app): State<App>, v: Viewer, Query(q): Query<IndexQuery>) -> PageResult {
    let tr = v.tr;
    let scope = v.scope.clone();
    let leader = LEADERS.contains(&v.user.role);
    let selected = q.run.as_deref().filter(|r| !r.is_empty()).map(|r| parse_id(&tr, r)).transpose()?;
    let year = q.year.as_deref().and_then(|y| y.trim().parse::<i32>().ok());
    let (runs, detail, governance, today_year, periods) = blocking(&app, move |app| {
        let runs = app.comp_runs(&scope)?;
        let pick = selected.or(runs.first().map(|r| r.header.id));
        let detail = match pick {
            Some(id) if runs.iter().any(|r| r.header.id == id) => app.comp_run_record(id, &scope)?,
            _ => None,
        };
        let calendar = app.store().organisation()?.calendar;
        let today = app.today();
        let today_year = calendar.fiscal_year_of(today);
        let governance = if leader { Some(app.comp_governance(year.unwrap_or(today_year))?) } else { None };
        let current = calendar.period_of(today, PeriodKind::Quarter);
        let periods: Vec<Period> = (0..8).map(|i| current.offset(-i)).collect();
        Ok((runs, detail, governance, today_year, periods))
    })
    .await?;
    if selected.is_some() && detail.is_none() {
        return Err(WebError::NotFound(tr));
    }
    let mut body =
        format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&tr.t("nav-comp")), escape(&tr.t("comp-intro")));
    notices(&tr, &NoticeQuery { done: q.done, error: q.error }, &mut body);
    if leader {
        let _ = write!(
            body,
            "<p class=\"no-print\"><a href=\"/comp/what-if\">{}</a> · <a href=\"/comp/plans\">{}</a></p>",
            escape(&tr.t("comp-what-if")),
            escape(&tr.t("comp-plans"))
        );
    }
    // Every run, newest first, with the figures of the viewer's scope.
    let _ = write!(body, "<section class=\"panel\"><h2>{}</h2>", escape(&tr.t("comp-runs")));
    if runs.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("comp-no-runs")));
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th>\
             <th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            escape(&tr.t("comp-run")),
            escape(&tr.t("period")),
            escape(&tr.t("comp-as-of")),
            escape(&tr.t("comp-run-by")),
            escape(&tr.t("comp-payees")),
            escape(&tr.t("comp-due")),
            escape(&tr.t("comp-to-pay")),
            escape(&tr.t("comp-plan-versions")),
        );
        for r in &runs {
            let h = &r.header;
            let to_pay = if h.previous.is_some() { r.adjustments } else { r.total };
            let here = if detail.as_ref().is_some_and(|d| d.header.id == h.id) { " aria-current=\"true\"" } else { "" };
            let versions = if h.plan_versions.is_empty() {
                tr.t("comp-plan-file")
            } else {
                h.plan_versions.iter().map(|v| format!("v{v}")).collect::<Vec<_>>().join(", ")
            };
            let _ = write!(
                body,
                "<tr{here}><td><a href=\"/comp?run={id}\">#{id}</a></td><td>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"n\">{}</td>{}{}<td>{}</td></tr>",
                escape(&h.period.to_string()),
                escape(&tr.date(h.as_of)),
                escape(&h.run_by),
                tr.number(r.payees),
                money_cell(&tr, &r.total),
                money_cell(&tr, &to_pay),
                escape(&versions),
                id = h.id,
            );
        }
        body.push_str("</tbody></table>");
    }
    if leader {
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/comp/runs\" class=\"filters no-print\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <label>{}<select name=\"period\">",
            escape(&v.csrf),
            escape(&tr.t("comp-run-period"))
        );
        for p in &periods {
            let _ = write!(body, "<option>{}</option>", escape(&p.to_string()));
        }
        let _ = write!(
            body,
            "</select></label><button class=\"primary\">{}</button></form>",
            escape(&tr.t("comp-run-button"))
        );
    }
    body.push_str("</section>");
    if let Some(d) = &detail {
        statements_of_run(&tr, &d.header, &d.statements, &d.adjustments, &mut body);
    }
    if let Some(g) = &governance {
        governance_section(&tr, g, today_year, &mut body);
    }
    html(page(&v, "/comp", &tr.t("nav-comp"), &body))
}

fn statements_of_run(
    tr: &Tr,
    h: &CompRunHeader,
    statements: &[Statement],
    adjustments: &[Adjustment],
    body: &mut String,
) {
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-top:1rem\"><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th>\
         <th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
        escape(&tr.ta("comp-statements-in", &[("run", h.id.to_string()), ("period", h.period.to_string())])),
        escape(&tr.t("name")),
        escape(&tr.t("comp-due")),
        escape(&tr.t("comp-adjustments")),
        escape(&tr.t("comp-draw-balance")),
        escape(&tr.t("comp-plan-changes")),
    );
    let mut adjusted: BTreeMap<PersonId, i64> = BTreeMap::new();
    for a in adjustments {
        *adjusted.entry(a.payee).or_default() += a.amount.minor();
    }
    for s in statements {
        let adjustment = Money::from_minor(adjusted.remove(&s.payee).unwrap_or(0), s.total.currency());
        let _ = write!(
            body,
            "<tr><td><a href=\"{}\">{}</a></td>{}{}{}<td class=\"n\">{}</td></tr>",
            statement_href(h.id, s.payee),
            escape(&s.name),
            money_cell(tr, &s.total),
            money_cell(tr, &adjustment),
            money_cell(tr, &s.draw_balance),
            tr.number(i64::from(s.plan_changes_in_year)),
        );
    }
    // Payees adjusted who have no statement in this run any more.
    for (payee, minor) in adjusted {
        let _ = write!(
            body,
            "<tr><td><a href=\"{}\">#{}</a></td><td></td>{}<td></td><td></td></tr>",
            statement_href(h.id, payee),
            payee.get(),
            money_cell(tr, &Money::from_minor(minor, h.currency)),
        );
    }
    body.push_str("</tbody></table></section>");
}

#[derive(Debug, Deserialize)]
pub(crate) struct RunForm {
    csrf: String,
    period: String,
}

pub(crate) async fn run(State(app): State<App>, v: Viewer, headers: HeaderMap, Form(f): Form<RunForm>) -> PageResult {
    v.require(LEADERS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let period = Period::parse(&f.period).map_err(|e| WebError::BadRequest(tr, e.to_string()))?;
    let actor = actor(&v);
    let result = blocking(&app, move |app| app.comp_run(period, None, true, &actor)).await;
    Ok(match result {
        Ok(run) => {
            let id = run.stored.unwrap_or(0);
            let done = tr.ta("comp-run-stored", &[("run", id.to_string()), ("period", period.to_string())]);
            axum::response::Redirect::to(&format!("/comp?run={id}&done={}", crate::html::url_encode(&done)))
                .into_response()
        }
        Err(WebError::App(e)) => back_to("/comp", Err(e.to_string())),
        Err(e) => return Err(e),
    })
}

// ---- one statement ------------------------------------------------------------------------------

/// A payee's statement as its reader may see it, with the language it is written in.
#[derive(Debug)]
struct StatementView {
    header: CompRunHeader,
    statement: Option<Statement>,
    adjustments: Vec<Adjustment>,
    payee: PersonId,
    /// The payee's language: see [`statement_language`].
    st: Tr,
}

/// The language a statement is written in: its payee's, whoever reads it, so that what a
/// leader reads, prints or downloads for someone says what that person reads. A payee reading
/// their own statement gets the language they are using (they may sign in more than one way).
/// A payee nobody signs in as has no language of their own, and Sutton keeps no
/// organisation-wide one: their statement is written in the reader's language.
fn statement_language(v: &Viewer, payee: PersonId, payee_language: Option<Language>) -> Tr {
    if v.user.person == Some(payee) {
        return v.tr;
    }
    payee_language.map_or(v.tr, Tr::new)
}

async fn load_statement(app: &App, v: &Viewer, run: &str, payee: &str) -> Result<StatementView, WebError> {
    let (run, payee) = (parse_id(&v.tr, run)?, PersonId(parse_id(&v.tr, payee)?));
    let scope = v.scope.clone();
    let found = blocking(app, move |app| {
        let Some(found) = app.comp_statement(run, payee, &scope)? else { return Ok(None) };
        Ok(Some((found, app.payee_language(payee)?)))
    })
    .await?;
    let Some(((header, statement, adjustments), language)) = found else { return Err(WebError::NotFound(v.tr)) };
    let payee = statement.as_ref().map_or_else(|| adjustments.first().map_or(payee, |a| a.payee), |s| s.payee);
    let st = statement_language(v, payee, language);
    Ok(StatementView { header, statement, adjustments, payee, st })
}

pub(crate) async fn statement(
    State(app): State<App>,
    v: Viewer,
    Path((run, payee)): Path<(String, String)>,
) -> PageResult {
    let tr = v.tr;
    let StatementView { header: h, statement: s, adjustments, payee, st } =
        load_statement(&app, &v, &run, &payee).await?;
    let name = s.as_ref().map_or_else(|| format!("#{}", payee.get()), |s| s.name.clone());
    let title = st.ta("comp-statement-title", &[("name", name.clone()), ("period", h.period.to_string())]);
    let versions = if h.plan_versions.is_empty() {
        st.t("comp-plan-file")
    } else {
        h.plan_versions.iter().map(|v| format!("v{v}")).collect::<Vec<_>>().join(", ")
    };
    // The statement itself is in the payee's language; the controls around it in the reader's.
    let mut body = format!(
        "<div lang=\"{}\"><h1>{}</h1><p class=\"sub\">{}</p></div>",
        st.language.tag(),
        escape(&title),
        escape(&st.ta(
            "comp-statement-sub",
            &[
                ("run", h.id.to_string()),
                ("from", st.date(h.start)),
                ("until", st.date(h.end.pred_opt().unwrap_or(h.end))),
                ("date", st.date(h.as_of)),
                ("versions", versions),
            ]
        ))
    );
    let href = statement_href(h.id, payee);
    let _ = write!(
        body,
        "<p class=\"no-print\"><button type=\"button\" data-print>{}</button> · <a href=\"{href}/csv\" download>{}</a> · \
         <a href=\"{href}/xlsx\" download>{}</a> · <a href=\"/comp?run={}\">{}</a></p>",
        escape(&tr.t("comp-print")),
        escape(&tr.t("comp-download-csv")),
        escape(&tr.t("comp-download-xlsx")),
        h.id,
        escape(&tr.t("comp-all-statements")),
    );
    let _ = write!(body, "<div lang=\"{}\"><div class=\"cards\">", st.language.tag());
    if let Some(s) = &s {
        body.push_str(&card(&st.t("comp-total"), &st.money(&s.total), &st.t("comp-total-detail")));
    }
    if h.previous.is_some() {
        let currency = s.as_ref().map_or(h.currency, |s| s.total.currency());
        let to_pay = Money::from_minor(adjustments.iter().map(|a| a.amount.minor()).sum(), currency);
        body.push_str(&card(
            &st.t("comp-to-pay"),
            &st.money(&to_pay),
            &st.ta("comp-to-pay-detail", &[("run", h.previous.unwrap_or(0).to_string())]),
        ));
    }
    if let Some(s) = &s {
        if !s.draw_balance.is_zero() {
            body.push_str(&card(&st.t("comp-draw-balance"), &st.money(&s.draw_balance), ""));
        }
        body.push_str(&card(
            &st.t("comp-plan-changes"),
            &st.number(i64::from(s.plan_changes_in_year)),
            &st.t("comp-plan-changes-detail"),
        ));
    }
    body.push_str("</div>");
    if let Some(s) = &s {
        statement_lines(&st, &h, s, &mut body);
        statement_credits(&st, s, &mut body);
        let problems = problems(&st, s);
        if !problems.is_empty() {
            let _ = write!(body, "<section class=\"error\"><h2>{}</h2><ul>", escape(&st.t("comp-problems")));
            for p in &problems {
                let _ = write!(body, "<li>{}</li>", escape(p));
            }
            body.push_str("</ul></section>");
        }
    }
    if !adjustments.is_empty() {
        adjustments_table(&st, h.previous, &adjustments, &mut body);
    }
    body.push_str("</div>");
    html(page(&v, "/comp", &title, &body))
}

/// What keeps the statement from paying in full: each line without a target, said in the
/// statement's language; as stored for runs kept before lines had figures.
fn problems(st: &Tr, s: &Statement) -> Vec<String> {
    let missing: Vec<&PayoutLine> = s.lines.iter().filter(|l| l.kind == LineKind::NoQuota).collect();
    if missing.len() == s.problems.len() && missing.iter().all(|l| !matches!(l.explanation, Explanation::Text { .. })) {
        missing.iter().map(|l| format!("{}: {}", component_label(st, l), explanation(st, &l.explanation))).collect()
    } else {
        s.problems.clone()
    }
}

fn statement_lines(tr: &Tr, h: &CompRunHeader, s: &Statement, body: &mut String) {
    let whole_period = |l: &PayoutLine| l.from == h.start && l.until == h.end;
    let split = s.lines.iter().any(|l| !whole_period(l));
    let _ = write!(body, "<section class=\"panel\"><h2>{}</h2><table><thead><tr>", escape(&tr.t("comp-lines")));
    let mut columns = vec![("comp-component", false)];
    if split {
        columns.push(("comp-days", false));
    }
    columns.extend([
        ("comp-line", false),
        ("comp-measure", false),
        ("comp-achieved", true),
        ("comp-quota", true),
        ("comp-attainment", true),
        ("comp-band", false),
        ("comp-rate", false),
        ("comp-amount", true),
        ("comp-why", false),
    ]);
    for (id, numeric) in &columns {
        let class = if *numeric { " class=\"n\"" } else { "" };
        let _ = write!(body, "<th scope=\"col\"{class}>{}</th>", escape(&tr.t(id)));
    }
    body.push_str("</tr></thead><tbody>");
    for l in &s.lines {
        let _ = write!(body, "<tr><td>{}</td>", escape(&component_label(tr, l)));
        if split {
            let _ = write!(
                body,
                "<td>{} – {}</td>",
                escape(&tr.date(l.from)),
                escape(&tr.date(l.until.pred_opt().unwrap_or(l.until)))
            );
        }
        let _ = write!(
            body,
            "<td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>",
            escape(&line_kind(tr, l.kind)),
            escape(&l.measure.map(|m| tr.value("comp_measure", m.as_str())).unwrap_or_default()),
            escape(&l.achieved.as_ref().map(|q| quantity(tr, q)).unwrap_or_default()),
            escape(&l.quota.as_ref().map(|q| quantity(tr, q)).unwrap_or_default()),
            escape(&l.attainment.map(|a| percent(tr, a)).unwrap_or_default()),
            escape(&band(tr, l.band)),
            escape(&rate(tr, l)),
            money_cell(tr, &l.amount),
            escape(&explanation(tr, &l.explanation)),
        );
    }
    let span = columns.len() - 2;
    let _ = write!(
        body,
        "</tbody><tfoot><tr><th scope=\"row\" colspan=\"{span}\">{}</th>{}<td></td></tr></tfoot></table></section>",
        escape(&tr.t("comp-total")),
        money_cell(tr, &s.total),
    );
}

fn component_label(tr: &Tr, l: &PayoutLine) -> String {
    if l.plan.is_empty() { tr.t("comp-draw") } else { format!("{} ({})", l.component, l.plan) }
}

fn statement_credits(tr: &Tr, s: &Statement, body: &mut String) {
    for c in s.components.iter().filter(|c| !c.credits.is_empty() || !c.excluded.is_empty()) {
        let _ = write!(
            body,
            "<section class=\"panel\" style=\"margin-top:1rem\"><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\">{}</th>\
             </tr></thead><tbody>",
            escape(&tr.ta("comp-credits", &[("component", c.component.clone()), ("plan", c.plan.clone())])),
            escape(&tr.t("comp-deal")),
            escape(&tr.t("comp-credited-on")),
            escape(&tr.t("comp-source")),
            escape(&tr.t("comp-quantity")),
            escape(&tr.t("comp-counted")),
        );
        let counted = c.credits.iter().map(|x| (std::borrow::Cow::Owned(x), None));
        let excluded = c.excluded.iter().map(|(x, why)| (std::borrow::Cow::Borrowed(x), Some(why)));
        for (credit, why) in counted.chain(excluded) {
            let status = match why {
                None => tr.t("comp-counted-yes"),
                Some(why) => tr.ta("comp-not-counted", &[("reason", exclusion(tr, why))]),
            };
            let _ = write!(
                body,
                "<tr><td><a href=\"/opportunities/{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                credit.deal.get(),
                escape(&credit.deal_name),
                escape(&tr.date(credit.date)),
                escape(&source(tr, credit.source)),
                escape(&quantity(tr, &credit.quantity)),
                escape(&status),
            );
        }
        let _ = write!(
            body,
            "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">{}</th><td class=\"n\">{}</td><td></td></tr></tfoot></table></section>",
            escape(&tr.t("comp-achieved")),
            escape(&quantity(tr, &c.achieved)),
        );
    }
}

fn adjustments_table(tr: &Tr, previous: Option<i64>, adjustments: &[Adjustment], body: &mut String) {
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-top:1rem\"><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th><th scope=\"col\" class=\"n\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&tr.ta("comp-adjustments-title", &[("run", previous.unwrap_or(0).to_string())])),
        escape(&tr.t("comp-component")),
        escape(&tr.t("comp-paid")),
        escape(&tr.t("comp-due")),
        escape(&tr.t("comp-adjustments")),
        escape(&tr.t("comp-why")),
    );
    for a in adjustments {
        let clawback = if a.clawback {
            format!(" <span class=\"badge lost\">{}</span>", escape(&tr.t("comp-clawback")))
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<tr><td>{}{clawback}</td>{}{}{}<td>{}</td></tr>",
            escape(&a.component),
            money_cell(tr, &a.paid),
            money_cell(tr, &a.due),
            money_cell(tr, &a.amount),
            escape(&reason(tr, &a.reason)),
        );
    }
    body.push_str("</tbody></table></section>");
}

/// The statement as a file, in the payee's language: every line, each adjustment, the total.
async fn statement_file(app: App, v: Viewer, run: String, payee: String, xlsx: bool) -> PageResult {
    let view = load_statement(&app, &v, &run, &payee).await?;
    let (headers, rows) = statement_rows(&view);
    let sheet = view.st.t("comp-file-sheet");
    let bytes = blocking(&app, move |_| {
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        sutton_app::comp::table_file(&sheet, &headers, &rows, xlsx)
    })
    .await?;
    let (kind, ext) = if xlsx {
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
    } else {
        ("text/csv; charset=utf-8", "csv")
    };
    let h = &view.header;
    let name = format!("statement-{}-{}-run{}.{ext}", payee.trim(), h.period.to_string().replace(' ', "-"), h.id);
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response())
}

/// A statement's file rows, headed and worded in its language: the command line's columns,
/// with each line's kind, measure, rate and explanation in words. Amounts, quantities,
/// attainment and dates stay typed cells (plain decimals in CSV, numbers and dates in XLSX) so
/// that a spreadsheet can still add them up; the explanations say the figures the local way.
fn statement_rows(view: &StatementView) -> (Vec<String>, Vec<Vec<Cell>>) {
    let tr = &view.st;
    let headers = vec![
        tr.t("comp-run"),
        tr.t("period"),
        tr.t("comp-file-payee"),
        tr.t("name"),
        tr.t("comp-file-plan"),
        tr.t("comp-component"),
        tr.t("comp-measure"),
        tr.t("comp-file-first-day"),
        tr.t("comp-file-last-day"),
        tr.t("comp-line"),
        tr.t("comp-achieved"),
        tr.t("comp-quota"),
        tr.t("comp-attainment"),
        tr.t("comp-rate"),
        tr.t("comp-amount"),
        tr.t("comp-file-currency"),
        tr.t("comp-file-deals"),
        tr.t("comp-why"),
    ];
    let h = &view.header;
    let leading = |payee: PersonId, period: Period, name: &str| {
        vec![Cell::Int(h.id), Cell::Text(period.to_string()), Cell::Int(payee.get()), text_cell(name.to_owned())]
    };
    let quantity_cell = |q: Option<Quantity>| match q {
        Some(Quantity::Money(m)) => Cell::Money(m),
        Some(Quantity::Units(u)) => Cell::Float(u as f64 / UNIT as f64),
        None => Cell::Empty,
    };
    let last_day = |d: chrono::NaiveDate| Cell::Date(d.pred_opt().unwrap_or(d));
    let name = view.statement.as_ref().map_or("", |s| s.name.as_str());
    let mut rows = Vec::new();
    for l in view.statement.as_ref().map_or(&[][..], |s| s.lines.as_slice()) {
        let mut row = leading(l.payee, l.period, name);
        row.extend([
            text_cell(l.plan.clone()),
            text_cell(if l.plan.is_empty() { tr.t("comp-draw") } else { l.component.clone() }),
            text_cell(l.measure.map(|m| tr.value("comp_measure", m.as_str())).unwrap_or_default()),
            Cell::Date(l.from),
            last_day(l.until),
            Cell::Text(line_kind(tr, l.kind)),
            quantity_cell(l.achieved),
            quantity_cell(l.quota),
            l.attainment.map_or(Cell::Empty, Cell::Rate),
            text_cell(rate(tr, l)),
            Cell::Money(l.amount),
            Cell::Text(l.amount.currency().code().to_owned()),
            text_cell(l.deals.iter().map(|d| d.get().to_string()).collect::<Vec<_>>().join(" ")),
            text_cell(explanation(tr, &l.explanation)),
        ]);
        rows.push(row);
    }
    for a in &view.adjustments {
        let mut row = leading(a.payee, a.period, name);
        row.extend([Cell::Empty, text_cell(a.component.clone()), Cell::Empty, Cell::Empty, Cell::Empty]);
        row.push(Cell::Text(tr.t(if a.clawback { "comp-clawback" } else { "comp-file-adjustment" })));
        row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
        row.push(Cell::Money(a.amount));
        row.push(Cell::Text(a.amount.currency().code().to_owned()));
        row.push(Cell::Empty);
        row.push(Cell::Text(tr.ta(
            "comp-file-adjustment-why",
            &[("paid", tr.money(&a.paid)), ("due", tr.money(&a.due)), ("reason", reason(tr, &a.reason))],
        )));
        rows.push(row);
    }
    if let Some(s) = &view.statement {
        let mut row = leading(s.payee, h.period, name);
        row.extend(std::iter::repeat_n(Cell::Empty, 5));
        row.push(Cell::Text(tr.t("comp-total")));
        row.extend(std::iter::repeat_n(Cell::Empty, 4));
        row.push(Cell::Money(s.total));
        row.push(Cell::Text(s.total.currency().code().to_owned()));
        row.extend(std::iter::repeat_n(Cell::Empty, 2));
        rows.push(row);
    }
    (headers, rows)
}

fn text_cell(text: String) -> Cell {
    if text.is_empty() { Cell::Empty } else { Cell::Text(text) }
}

pub(crate) async fn statement_csv(
    State(app): State<App>,
    v: Viewer,
    Path((run, payee)): Path<(String, String)>,
) -> PageResult {
    statement_file(app, v, run, payee, false).await
}

pub(crate) async fn statement_xlsx(
    State(app): State<App>,
    v: Viewer,
    Path((run, payee)): Path<(String, String)>,
) -> PageResult {
    statement_file(app, v, run, payee, true).await
}

// ---- a statement's words ------------------------------------------------------------------------

/// A figure of the plan (a threshold, a band's edge, a weight, a commission rate) exactly, to
/// the hundredth of a basis point it is kept in: `12.5%`, `0.25%`, `100%`.
fn plan_percent(tr: &Tr, r: Rate) -> String {
    tr.percent(r.ppm() as f64 / 1e6, places(r.ppm(), 4))
}

/// How many of its `digits` decimals a fixed-point figure needs to be shown exactly
/// (`125_000` with four decimals, 12.5, needs one).
fn places(fixed: i64, digits: u32) -> usize {
    let frac = fixed.unsigned_abs() % 10u64.pow(digits);
    if frac == 0 {
        return 0;
    }
    let text = format!("{frac:0width$}", width = digits as usize);
    text.trim_end_matches('0').len()
}

/// What a band pays per unit of attainment, money credited or unit counted.
fn pay(tr: &Tr, pay: TierPay) -> String {
    match pay {
        TierPay::Multiplier(m) => {
            let multiplier = tr.decimal(m.ppm() as f64 / 1e6, places(m.ppm(), 6));
            tr.ta("comp-pay-multiplier", &[("multiplier", multiplier)])
        }
        TierPay::Rate(r) => tr.ta("comp-pay-rate", &[("rate", plan_percent(tr, r))]),
        TierPay::PerUnit(m) => tr.ta("comp-pay-per-unit", &[("amount", tr.money(&m))]),
    }
}

/// The rate column: a band's pay, a gate's bonus; as stored for lines kept as text only.
fn rate(tr: &Tr, l: &PayoutLine) -> String {
    match &l.explanation {
        Explanation::Tier { pay: p, .. } => pay(tr, *p),
        Explanation::Gate { bonus, .. } => tr.money(bonus),
        Explanation::Text { .. } => l.rate.clone(),
        _ => String::new(),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// Why a line pays what it pays, in the language of `tr` with its number and money formats.
fn explanation(tr: &Tr, e: &Explanation) -> String {
    match e {
        Explanation::Tier { credited, from, to, decelerator, pay: p, target_incentive, weight } => {
            let mut args = vec![
                ("credited", quantity(tr, credited)),
                ("band", band(tr, Some((*from, *to)))),
                ("rate", pay(tr, *p)),
                ("decelerator", yes_no(*decelerator)),
            ];
            match weight {
                Some(weight) => {
                    args.push(("incentive", target_incentive.map(|t| tr.money(&t)).unwrap_or_default()));
                    args.push(("weight", plan_percent(tr, *weight)));
                    tr.ta("comp-why-tier-incentive", &args)
                }
                None => tr.ta("comp-why-tier", &args),
            }
        }
        Explanation::BelowThreshold { attainment, threshold } => tr.ta(
            "comp-why-below-threshold",
            &[("attainment", percent(tr, *attainment)), ("threshold", plan_percent(tr, *threshold))],
        ),
        Explanation::NoQuota { measure, component } => {
            let whose = if *measure == CompMeasure::TeamBookings { "team" } else { "own" };
            tr.ta(
                "comp-why-no-quota",
                &[
                    ("measure", tr.value("comp_measure", measure.as_str())),
                    ("whose", whose.to_owned()),
                    ("component", component.clone()),
                ],
            )
        }
        Explanation::Cap { cap } => tr.ta("comp-why-cap", &[("cap", tr.money(cap))]),
        Explanation::Gate { at, .. } => tr.ta("comp-why-gate", &[("at", plan_percent(tr, *at))]),
        Explanation::DrawTopUp { earned, draw, recoverable } => tr.ta(
            "comp-why-draw-top-up",
            &[("earned", tr.money(earned)), ("draw", tr.money(draw)), ("recoverable", yes_no(*recoverable))],
        ),
        Explanation::DrawRecovery { recovered, owed } => {
            tr.ta("comp-why-draw-recovery", &[("recovered", tr.money(recovered)), ("owed", tr.money(owed))])
        }
        Explanation::Text { text } => text.clone(),
    }
}

/// Why an adjustment pays or takes back what it does.
fn reason(tr: &Tr, r: &AdjustmentReason) -> String {
    match r {
        AdjustmentReason::Deals { clawed_back, removed, added } => {
            let mut parts = Vec::new();
            for (deals, id) in
                [(clawed_back, "comp-reason-clawback"), (removed, "comp-reason-removed"), (added, "comp-reason-added")]
            {
                if !deals.is_empty() {
                    let n = i64::try_from(deals.len()).unwrap_or(i64::MAX);
                    parts.push(tr.count_with(id, n, &[("deals", deal_list(deals))]));
                }
            }
            parts.join("; ")
        }
        AdjustmentReason::Recomputed => tr.t("comp-reason-recomputed"),
        AdjustmentReason::Text { text } => text.clone(),
    }
}

/// Why a credit was not counted.
fn exclusion(tr: &Tr, x: &Exclusion) -> String {
    match x {
        Exclusion::OtherCurrency { credited, plan } => tr.ta(
            "comp-exclusion-currency",
            &[("credited", credited.code().to_owned()), ("plan", plan.code().to_owned())],
        ),
        Exclusion::Clawback { cancelled_on, days_after, window } => tr.count_with(
            "comp-exclusion-clawback",
            *days_after,
            &[("date", tr.date(*cancelled_on)), ("window", tr.number(i64::from(*window)))],
        ),
        Exclusion::Text { text } => text.clone(),
    }
}

// ---- governance ---------------------------------------------------------------------------------

/// `50–55 %`-style labels for a distribution's bins.
fn bin_label(tr: &Tr, b: &governance::Bin) -> String {
    match b.to {
        Some(to) => format!("{}–{}", percent(tr, b.from).trim_end_matches(['%', '\u{a0}']), percent(tr, to)),
        None => format!("≥ {}", percent(tr, b.from)),
    }
}

/// A distribution's two histograms (payee-periods and payout by attainment) and the counts
/// either side of each line.
fn distribution_section(
    tr: &Tr,
    d: &governance::Distribution,
    currency: sutton_app::domain::Currency,
    body: &mut String,
) {
    let width = d.bins.first().and_then(|b| b.to.map(|t| t.ppm() - b.from.ppm())).unwrap_or(1).max(1);
    let marks: Vec<(usize, String)> = d
        .breakpoints
        .iter()
        .map(|b| {
            (
                usize::try_from(b.at.ppm() / width).unwrap_or(0),
                format!("{} {}", breakpoint_name(tr, &b.what), percent(tr, b.at)),
            )
        })
        .collect();
    let labels: Vec<String> = d.bins.iter().map(|b| bin_label(tr, b)).collect();
    let counts: Vec<(String, Datum)> = d
        .bins
        .iter()
        .zip(&labels)
        .map(|(b, l)| (l.clone(), Datum::new(f64::from(b.count), tr.number(i64::from(b.count)))))
        .collect();
    let paid: Vec<(String, Datum)> = d
        .bins
        .iter()
        .zip(&labels)
        .map(|(b, l)| (l.clone(), Datum::new(b.payout.to_major_f64(), tr.money(&b.payout))))
        .collect();
    let names = [("component", d.component.clone()), ("plan", d.plan.clone())];
    let axis_money =
        |x: f64| tr.money_compact(&Money::from_minor((x * currency.minor_per_major() as f64) as i64, currency));
    let _ = write!(
        body,
        "<div class=\"grid2\"><div>{}</div><div>{}</div></div>",
        chart::histogram(&tr.ta("comp-distribution", &names), &counts, &marks, 4, |x| tr.decimal(x, 0)),
        chart::histogram(&tr.ta("comp-distribution-pay", &names), &paid, &marks, 4, axis_money),
    );
    if !d.bunching.is_empty() {
        let _ = write!(
            body,
            "<table style=\"max-width:34rem\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th>\
             <th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
            escape(&tr.ta("comp-bunching", &[("width", percent(tr, Rate::from_ppm(width)))])),
            escape(&tr.t("comp-breakpoint")),
            escape(&tr.t("comp-just-below")),
            escape(&tr.t("comp-just-above")),
        );
        for b in &d.bunching {
            let crowded = b.just_above > 2 * b.just_below.max(1);
            let flag = if crowded { " <span class=\"badge lost\">!</span>" } else { "" };
            let _ = write!(
                body,
                "<tr><td>{} {}{flag}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(&breakpoint_name(tr, &b.breakpoint.what)),
                escape(&percent(tr, b.breakpoint.at)),
                tr.number(i64::from(b.just_below)),
                tr.number(i64::from(b.just_above)),
            );
        }
        body.push_str("</tbody></table>");
    }
}

fn breakpoint_name(tr: &Tr, what: &str) -> String {
    let numbered = |prefix: &str| what.strip_prefix(prefix).map(str::to_owned);
    if what == "threshold" {
        tr.t("comp-line-threshold")
    } else if what == "cap" {
        tr.t("comp-kind-cap")
    } else if let Some(n) = numbered("tier ") {
        tr.ta("comp-kind-tier", &[("n", n)])
    } else if let Some(n) = numbered("gate ") {
        tr.ta("comp-kind-gate", &[("n", n)])
    } else {
        what.to_owned()
    }
}

fn governance_section(tr: &Tr, g: &sutton_app::comp::Governance, today_year: i32, body: &mut String) {
    let _ = write!(
        body,
        "<section class=\"panel\" style=\"margin-top:1rem\" id=\"governance\"><h2>{}</h2><p class=\"sub\">{}</p>\
         <form method=\"get\" action=\"/comp#governance\" class=\"filters no-print\"><label>{}<select name=\"year\" data-autosubmit>",
        escape(&tr.ta("comp-governance", &[("year", format!("FY{}", g.fiscal_year))])),
        escape(&tr.t("comp-governance-intro")),
        escape(&tr.t("comp-year")),
    );
    for y in (today_year - 3..=today_year).rev() {
        let selected = if y == g.fiscal_year { " selected" } else { "" };
        let _ = write!(body, "<option value=\"{y}\"{selected}>FY{y}</option>");
    }
    let _ = write!(body, "</select></label><noscript><button>{}</button></noscript></form>", escape(&tr.t("apply")));
    if g.periods.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("comp-no-governance")));
    } else {
        let runs: Vec<String> = g.periods.iter().map(|(p, id)| format!("{p} (#{id})")).collect();
        let _ = write!(body, "<p>{}</p>", escape(&tr.ta("comp-governance-runs", &[("runs", runs.join(", "))])));
        let currency = g
            .distributions
            .iter()
            .flat_map(|d| d.bins.first())
            .map(|b| b.payout.currency())
            .next()
            .unwrap_or(sutton_app::domain::Currency::USD);
        for d in &g.distributions {
            distribution_section(tr, d, currency, body);
        }
    }
    let _ = write!(
        body,
        "<h3>{}</h3><p class=\"sub\">{}</p>",
        escape(&tr.ta("comp-plan-changes-title", &[("year", format!("FY{}", g.fiscal_year))])),
        escape(&tr.t("comp-plan-changes-intro")),
    );
    if g.plan_changes.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("comp-no-plan-changes")));
    } else {
        let _ = write!(
            body,
            "<table style=\"max-width:34rem\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"n\">{}</th></tr></thead><tbody>",
            escape(&tr.t("name")),
            escape(&tr.t("role")),
            escape(&tr.t("comp-changes")),
        );
        for (p, n) in &g.plan_changes {
            let flag = if *n > 1 { " <span class=\"badge lost\">!</span>" } else { "" };
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}{flag}</td></tr>",
                escape(&p.name),
                escape(&tr.value("sales_role", p.role.as_str())),
                tr.number(i64::from(*n)),
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section>");
}

// ---- what-if ------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct WhatIfForm {
    csrf: String,
    period: String,
    plan: String,
}

pub(crate) async fn what_if_form(State(app): State<App>, v: Viewer) -> PageResult {
    v.require(LEADERS)?;
    let (period, text) = blocking(&app, |app| {
        let period = app.comp_last_quarter()?;
        let calendar = app.store().organisation()?.calendar;
        let last_day = calendar.last_day(period);
        Ok((period, app.comp_plan_text_on(last_day)?))
    })
    .await?;
    html(what_if_page(&v, period, &text, None, None))
}

pub(crate) async fn what_if(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<WhatIfForm>,
) -> PageResult {
    v.require(LEADERS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let period = Period::parse(&f.period).map_err(|e| WebError::BadRequest(tr, e.to_string()))?;
    let text = f.plan.replace("\r\n", "\n");
    let proposed = text.clone();
    let result = blocking(&app, move |app| app.comp_what_if(period, &proposed)).await;
    match result {
        Ok(w) => html(what_if_page(&v, period, &text, None, Some(&w))),
        Err(WebError::App(sutton_app::AppError::Input(problems))) => {
            html(what_if_page(&v, period, &text, Some(&problems), None))
        }
        Err(e) => Err(e),
    }
}

/// The problems of a plan file as a list, each as the engine said it.
fn problems_list(tr: &Tr, problems: &str) -> String {
    let mut out = format!(
        "<div class=\"error\" role=\"alert\"><strong>{}</strong><ul class=\"problems\">",
        escape(&tr.t("comp-plan-problems"))
    );
    let items: Vec<&str> = problems.lines().filter_map(|l| l.trim().strip_prefix("- ")).collect();
    if items.is_empty() {
        let _ = write!(out, "<li>{}</li>", escape(problems.trim()));
    }
    for p in items {
        let _ = write!(out, "<li>{}</li>", escape(p));
    }
    out.push_str("</ul></div>");
    out
}

fn plan_textarea(tr: &Tr, text: &str) -> String {
    format!(
        "<label for=\"plan\"><strong>{}</strong></label><textarea id=\"plan\" name=\"plan\" class=\"code\" spellcheck=\"false\">{}</textarea>",
        escape(&tr.t("comp-plan-text")),
        escape(text)
    )
}

fn what_if_page(
    v: &Viewer,
    period: Period,
    text: &str,
    problems: Option<&str>,
    result: Option<&sutton_app::comp::WhatIf>,
) -> String {
    let tr = v.tr;
    let title = tr.ta("comp-what-if-title", &[("period", period.to_string())]);
    let mut body = format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&title), escape(&tr.t("comp-what-if-intro")));
    if let Some(w) = result {
        what_if_result(&tr, w, &mut body);
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/comp/what-if\" class=\"panel no-print\" style=\"margin-top:1rem\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\"><div class=\"grid2\"><div>{}</div><div>",
        escape(&v.csrf),
        plan_textarea(&tr, text),
    );
    if let Some(p) = problems {
        body.push_str(&problems_list(&tr, p));
    }
    let _ = write!(
        body,
        "<p><label>{} <input type=\"text\" name=\"period\" value=\"{}\" size=\"12\"></label></p>\
         <p><button class=\"primary\">{}</button></p><p><a href=\"/comp/plans\">{}</a></p></div></div></form>",
        escape(&tr.t("period")),
        escape(&period.to_string()),
        escape(&tr.t("comp-compute")),
        escape(&tr.t("comp-plans")),
    );
    page(v, "/comp", &title, &body)
}

fn what_if_result(tr: &Tr, w: &sutton_app::comp::WhatIf, body: &mut String) {
    let current = &w.current.run;
    let proposed = &w.proposed;
    let currency = w.proposed_book.currency;
    let difference = Money::from_minor(proposed.total.minor() - current.total.minor(), currency);
    let share = |m: &Money| {
        if w.bookings.minor() > 0 {
            tr.percent(m.minor() as f64 / w.bookings.minor() as f64, 1)
        } else {
            "–".to_owned()
        }
    };
    let bookings = tr.money_whole(&w.bookings);
    body.push_str("<div class=\"cards\">");
    body.push_str(&card(
        &tr.t("comp-current-plan"),
        &tr.money(&current.total),
        &tr.ta("comp-cost-detail", &[("share", share(&current.total)), ("bookings", bookings.clone())]),
    ));
    body.push_str(&card(
        &tr.t("comp-proposed-plan"),
        &tr.money(&proposed.total),
        &tr.ta("comp-cost-detail", &[("share", share(&proposed.total)), ("bookings", bookings)]),
    ));
    body.push_str(&card(&tr.t("comp-difference"), &tr.money(&difference), ""));
    body.push_str("</div>");
    // Per person: everyone either book pays.
    let by_payee = |run: &Run| -> BTreeMap<PersonId, (String, Money)> {
        run.statements.iter().map(|s| (s.payee, (s.name.clone(), s.total))).collect()
    };
    let (before, after) = (by_payee(current), by_payee(proposed));
    let mut people: Vec<(PersonId, String)> =
        before.iter().chain(after.iter()).map(|(id, (name, _))| (*id, name.clone())).collect();
    people.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    people.dedup();
    let _ = write!(
        body,
        "<section class=\"panel\"><h2>{}</h2><table><thead><tr><th scope=\"col\" data-sort>{}</th><th scope=\"col\" data-sort>{}</th>\
         <th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th><th scope=\"col\" class=\"n\" data-sort>{}</th></tr></thead><tbody>",
        escape(&tr.t("comp-per-person")),
        escape(&tr.t("name")),
        escape(&tr.t("role")),
        escape(&tr.t("comp-current-plan")),
        escape(&tr.t("comp-proposed-plan")),
        escape(&tr.t("comp-difference")),
    );
    let zero = Money::zero(currency);
    for (id, name) in &people {
        let b = before.get(id).map_or(zero, |x| x.1);
        let a = after.get(id).map_or(zero, |x| x.1);
        let role = w.roles.get(id).map(|r| tr.value("sales_role", r.as_str())).unwrap_or_default();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td>{}{}{}</tr>",
            escape(name),
            escape(&role),
            money_cell(tr, &b),
            money_cell(tr, &a),
            money_cell(tr, &Money::from_minor(a.minor() - b.minor(), currency)),
        );
    }
    let _ = write!(
        body,
        "</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">{}</th>{}{}{}</tr></tfoot></table></section>",
        escape(&tr.t("comp-total")),
        money_cell(tr, &current.total),
        money_cell(tr, &proposed.total),
        money_cell(tr, &difference),
    );
    let statements: Vec<(Period, &Statement)> = proposed.statements.iter().map(|s| (proposed.period, s)).collect();
    let distributions = governance::distributions(
        &statements,
        &w.proposed_book,
        Rate::from_percent(5),
        Rate::from_percent(200),
        currency,
    );
    if !distributions.is_empty() {
        let _ = write!(
            body,
            "<section class=\"panel\" style=\"margin-top:1rem\"><h2>{}</h2>",
            escape(&tr.t("comp-attainment-proposed"))
        );
        for d in &distributions {
            distribution_section(tr, d, currency, body);
        }
        body.push_str("</section>");
    }
}

// ---- plan versions ------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct PlansQuery {
    edit: Option<String>,
    done: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PlanForm {
    csrf: String,
    plan: String,
    from: String,
    until: Option<String>,
    note: Option<String>,
}

pub(crate) async fn plans(State(app): State<App>, v: Viewer, Query(q): Query<PlansQuery>) -> PageResult {
    v.require(LEADERS)?;
    let tr = v.tr;
    let edit = q.edit.as_deref().filter(|e| !e.is_empty()).map(|e| parse_id(&tr, e)).transpose()?;
    let (versions, today, next_quarter, text) = blocking(&app, move |app| {
        let versions = app.comp_plan_versions()?;
        let today = app.today();
        let calendar = app.store().organisation()?.calendar;
        let next_quarter = calendar.start(calendar.period_of(today, PeriodKind::Quarter).next());
        let text = match edit {
            Some(id) => versions.iter().find(|v| v.id == id).map(|v| v.text.clone()),
            None => Some(app.comp_plan_text_on(today)?),
        };
        Ok((versions, today, next_quarter, text))
    })
    .await?;
    let Some(text) = text else { return Err(WebError::NotFound(tr)) };
    let form = PlanFormState { text, from: next_quarter.to_string(), until: String::new(), note: String::new() };
    html(plans_page(&v, &versions, today, &form, &NoticeQuery { done: q.done, error: q.error }, None))
}

pub(crate) async fn save_plan(
    State(app): State<App>,
    v: Viewer,
    headers: HeaderMap,
    Form(f): Form<PlanForm>,
) -> PageResult {
    v.require(LEADERS)?;
    v.check_form(&headers, &f.csrf)?;
    let tr = v.tr;
    let form = PlanFormState {
        text: f.plan.replace("\r\n", "\n"),
        from: f.from.trim().to_owned(),
        until: f.until.unwrap_or_default().trim().to_owned(),
        note: f.note.unwrap_or_default(),
    };
    let date = |field: &str, text: &str| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| tr.ta("bad-field", &[("field", tr.t(field)), ("value", text.to_owned())]))
    };
    let parsed = date("comp-from", &form.from).and_then(|from| {
        let until = if form.until.is_empty() { None } else { Some(date("comp-until", &form.until)?) };
        Ok((from, until))
    });
    let outcome = match parsed {
        Err(problem) => Err(problem),
        Ok((from, until)) => {
            let (text, note, actor) = (form.text.clone(), form.note.clone(), actor(&v));
            match blocking(&app, move |app| app.comp_save_plan(&text, from, until, &note, &actor)).await {
                Ok(id) => Ok(id),
                Err(WebError::App(sutton_app::AppError::Input(problems))) => Err(problems),
                Err(e) => return Err(e),
            }
        }
    };
    match outcome {
        Ok(id) => Ok(back_to("/comp/plans", Ok(tr.ta("comp-version-saved", &[("id", id.to_string())])))),
        Err(problems) => {
            let (versions, today) = blocking(&app, |app| Ok((app.comp_plan_versions()?, app.today()))).await?;
            html(plans_page(&v, &versions, today, &form, &NoticeQuery { done: None, error: None }, Some(&problems)))
        }
    }
}

struct PlanFormState {
    text: String,
    from: String,
    until: String,
    note: String,
}

fn plans_page(
    v: &Viewer,
    versions: &[sutton_app::comp::StoredPlanVersion],
    today: chrono::NaiveDate,
    form: &PlanFormState,
    notice: &NoticeQuery,
    problems: Option<&str>,
) -> String {
    let tr = v.tr;
    let mut body =
        format!("<h1>{}</h1><p class=\"sub\">{}</p>", escape(&tr.t("comp-plans")), escape(&tr.t("comp-plans-intro")));
    notices(&tr, notice, &mut body);
    let in_force: Vec<i64> = sutton_app::comp::versions_in_force(versions, today, today.succ_opt().unwrap_or(today))
        .into_iter()
        .map(|(_, _, id)| id)
        .collect();
    body.push_str("<section class=\"panel\">");
    if versions.is_empty() {
        let _ = write!(body, "<p>{}</p>", escape(&tr.t("comp-default-plans")));
    } else {
        let _ = write!(
            body,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\"></th></tr></thead><tbody>",
            escape(&tr.t("comp-version")),
            escape(&tr.t("comp-from")),
            escape(&tr.t("comp-until")),
            escape(&tr.t("comp-note")),
            escape(&tr.t("comp-saved-by")),
            escape(&tr.t("comp-saved-at")),
        );
        for pv in versions.iter().rev() {
            let badge = if in_force.contains(&pv.id) {
                format!(" <span class=\"badge won\">{}</span>", escape(&tr.t("comp-in-force")))
            } else {
                String::new()
            };
            let _ = write!(
                body,
                "<tr><td>v{id}{badge}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/comp/plans?edit={id}#plan\">{}</a></td></tr>",
                escape(&tr.date(pv.effective_from)),
                escape(&pv.effective_until.map_or_else(|| tr.t("comp-until-replaced"), |u| tr.date(u))),
                escape(&pv.note),
                escape(&pv.saved_by),
                escape(&pv.saved_at.format("%Y-%m-%d %H:%M UTC").to_string()),
                escape(&tr.t("comp-edit")),
                id = pv.id,
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("</section>");
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/comp/plans\" class=\"panel no-print\" style=\"margin-top:1rem\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\"><div class=\"grid2\"><div>{}</div><div>",
        escape(&v.csrf),
        plan_textarea(&tr, &form.text),
    );
    if let Some(p) = problems {
        body.push_str(&problems_list(&tr, p));
    }
    let _ = write!(
        body,
        "<p><label>{} <input type=\"text\" name=\"from\" value=\"{}\" size=\"12\" placeholder=\"YYYY-MM-DD\" required></label></p>\
         <p><label>{} <input type=\"text\" name=\"until\" value=\"{}\" size=\"12\" placeholder=\"YYYY-MM-DD\"></label></p>\
         <p><label>{}<br><input type=\"text\" name=\"note\" value=\"{}\" size=\"40\"></label></p>\
         <p><button class=\"primary\">{}</button></p><p><a href=\"/comp/what-if\">{}</a></p></div></div></form>",
        escape(&tr.t("comp-from")),
        escape(&form.from),
        escape(&tr.t("comp-until")),
        escape(&form.until),
        escape(&tr.t("comp-note")),
        escape(&form.note),
        escape(&tr.t("comp-save-version")),
        escape(&tr.t("comp-what-if")),
    );
    page(v, "/comp", &tr.t("comp-plans"), &body)
}
