//! Compensation plan book versions and payout runs (COMP-2, COMP-3). Both are written once and
//! never updated: a new plan version supersedes the ones saved before it where their days
//! overlap, and re-running a period stores a new run with its adjustments against the last.
//!
//! The rows here are plain values of the domain's vocabulary; the application turns them into
//! the compensation engine's types and back (this crate knows no engine). Statements, lines,
//! credits and adjustments are read through the viewer's [`Scope`]: a rep reading a run gets
//! their own rows and nothing else.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use sutton_domain::{Currency, Money, OpportunityId, Period, PersonId, Scope};

use crate::backend::{Row, Value};
use crate::error::{StoreError, StoreResult};
use crate::read::scope_filter;
use crate::{IdKind, Store, Tx};

/// A plan book as saved: its TOML text, the days it is in force, who saved it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPlanVersion {
    pub id: i64,
    pub text: String,
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    pub note: String,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
}

/// What a run was: the period, when and by whom, and which plans it paid under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompRunHeader {
    pub id: i64,
    pub period: Period,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    pub run_by: String,
    pub run_at: DateTime<Utc>,
    pub currency: Currency,
    /// The period's run this one adjusts against.
    pub previous: Option<i64>,
    /// The stored plan versions in force during the period.
    pub plan_versions: Vec<i64>,
    /// The plan book's text when it came from a file rather than the stored versions.
    pub plan_text: Option<String>,
}

/// A run as one viewer sees it in a list: figures over the statements in their scope only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompRunSummary {
    pub header: CompRunHeader,
    pub payees: i64,
    pub total: Money,
    pub adjustments: Money,
}

/// A payee's statement header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStatement {
    pub person: PersonId,
    pub name: String,
    pub total: Money,
    pub draw_balance: Money,
    pub plan_changes_in_year: u32,
    pub problems: Vec<String>,
}

/// One payout line; `achieved` and `quota` are minor units or millionths of a unit, as the
/// measure says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLine {
    pub person: PersonId,
    pub plan: String,
    pub component: String,
    pub measure: Option<String>,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub kind: String,
    pub achieved: Option<i64>,
    pub quota: Option<i64>,
    pub attainment_ppm: Option<i64>,
    pub band: Option<(i64, Option<i64>)>,
    pub rate: String,
    pub amount: Money,
    /// In English.
    pub explanation: String,
    /// The explanation as figures, in the application's format; `None` on runs stored before
    /// explanations had figures.
    pub explanation_data: Option<String>,
    pub deals: Vec<OpportunityId>,
    pub clawed_back: Vec<OpportunityId>,
}

/// A credit a component looked at, with its deal; `excluded` says why it was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCredit {
    pub person: PersonId,
    pub plan: String,
    pub component: String,
    pub segment_from: NaiveDate,
    pub measure: String,
    pub date: NaiveDate,
    /// Minor units of `currency`, or millionths of a unit when `currency` is `None`.
    pub quantity: i64,
    pub currency: Option<Currency>,
    pub deal: OpportunityId,
    pub deal_name: String,
    pub source: String,
    pub cancelled_on: Option<NaiveDate>,
    /// In English.
    pub excluded: Option<String>,
    /// Why it was not counted as figures, in the application's format; `None` when it was
    /// counted or the run was stored before exclusions had figures.
    pub excluded_data: Option<String>,
}

/// A difference between what was paid for a period and what is due now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAdjustment {
    pub person: PersonId,
    pub period: Period,
    pub component: String,
    pub paid: Money,
    pub due: Money,
    pub amount: Money,
    pub clawback: bool,
    /// In English.
    pub reason: String,
    /// The reason as figures, in the application's format; `None` on runs stored before
    /// reasons had figures.
    pub reason_data: Option<String>,
}

/// A run with its rows: to write (every row), or as read (the rows in the reader's scope).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompRunRecord {
    pub header: CompRunHeader,
    pub statements: Vec<StoredStatement>,
    pub lines: Vec<StoredLine>,
    pub credits: Vec<StoredCredit>,
    pub adjustments: Vec<StoredAdjustment>,
}

const VERSION_COLUMNS: &str = "id, plan_text, effective_from, effective_until, note, saved_by, saved_at";
const RUN_COLUMNS: &str = "r.id, r.period, r.period_start, r.period_end, r.as_of, r.run_by, r.run_at, r.currency, r.previous_run_id, r.plan_text";
const STATEMENT_COLUMNS: &[&str] = &[
    "run_id",
    "person_id",
    "name",
    "total_minor",
    "draw_balance_minor",
    "currency",
    "plan_changes_in_year",
    "problems",
];
const LINE_COLUMNS: &[&str] = &[
    "run_id",
    "person_id",
    "position",
    "plan",
    "component",
    "measure",
    "segment_from",
    "segment_until",
    "kind",
    "achieved",
    "quota",
    "attainment_ppm",
    "band_from_ppm",
    "band_to_ppm",
    "rate",
    "amount_minor",
    "currency",
    "explanation",
    "deals",
    "clawed_back",
    "explanation_data",
];
const CREDIT_COLUMNS: &[&str] = &[
    "run_id",
    "person_id",
    "position",
    "plan",
    "component",
    "segment_from",
    "measure",
    "credited_on",
    "quantity",
    "currency",
    "opportunity_id",
    "deal_name",
    "source",
    "cancelled_on",
    "excluded_reason",
    "excluded_data",
];
const ADJUSTMENT_COLUMNS: &[&str] = &[
    "run_id",
    "person_id",
    "position",
    "period",
    "component",
    "paid_minor",
    "due_minor",
    "amount_minor",
    "currency",
    "clawback",
    "reason",
    "reason_data",
];

fn utc(at: chrono::NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(at, Utc)
}

fn version_from_row(r: &Row<'_>) -> StoreResult<StoredPlanVersion> {
    Ok(StoredPlanVersion {
        id: r.i64(0)?,
        text: r.text(1)?,
        effective_from: r.date(2)?,
        effective_until: r.opt_date(3)?,
        note: r.text(4)?,
        saved_by: r.text(5)?,
        saved_at: utc(r.timestamp(6)?),
    })
}

fn header_from_row(r: &Row<'_>) -> StoreResult<CompRunHeader> {
    Ok(CompRunHeader {
        id: r.i64(0)?,
        period: Period::parse(&r.text(1)?)?,
        start: r.date(2)?,
        end: r.date(3)?,
        as_of: r.date(4)?,
        run_by: r.text(5)?,
        run_at: utc(r.timestamp(6)?),
        currency: Currency::parse(&r.text(7)?)?,
        previous: r.opt_i64(8)?,
        plan_versions: Vec::new(),
        plan_text: r.opt_text(9)?,
    })
}

fn deal_list(ids: &[OpportunityId]) -> String {
    ids.iter().map(|d| d.get().to_string()).collect::<Vec<_>>().join(" ")
}

fn parse_deal_list(text: &str) -> StoreResult<Vec<OpportunityId>> {
    text.split_whitespace()
        .map(|t| {
            t.parse::<i64>().map(OpportunityId).map_err(|e| StoreError::Decode {
                column: 0,
                expected: "deal ids".to_owned(),
                detail: format!("{t:?}: {e}"),
            })
        })
        .collect()
}

fn money(r: &Row<'_>, minor: usize, currency: usize) -> StoreResult<Money> {
    Ok(Money::from_minor(r.i64(minor)?, Currency::parse(&r.text(currency)?)?))
}

impl Store {
    /// Every saved plan book version, oldest first.
    pub fn comp_plan_versions(&self) -> StoreResult<Vec<StoredPlanVersion>> {
        let mut conn = self.pool.get()?;
        conn.query(&format!("SELECT {VERSION_COLUMNS} FROM comp_plan_versions ORDER BY id"), &[], version_from_row)
    }

    /// The runs a viewer may see, newest first, each with the figures of the statements and
    /// adjustments in their scope. A run with nothing in the scope is left out.
    pub fn comp_runs(&self, scope: &Scope) -> StoreResult<Vec<CompRunSummary>> {
        let mut conn = self.pool.get()?;
        let mut headers =
            conn.query(&format!("SELECT {RUN_COLUMNS} FROM comp_runs r ORDER BY r.id DESC"), &[], header_from_row)?;
        attach_plan_versions(&mut conn, &mut headers)?;
        let mut params = Vec::new();
        let visible = scope_filter(scope, "person_id", &mut params);
        let statements: BTreeMap<i64, (i64, i64)> = conn
            .query(
                &format!(
                    "SELECT run_id, COUNT(*), CAST(SUM(total_minor) AS BIGINT) FROM comp_statements WHERE {visible} GROUP BY run_id"
                ),
                &params,
                |r| Ok((r.i64(0)?, (r.i64(1)?, r.opt_i64(2)?.unwrap_or(0)))),
            )?
            .into_iter()
            .collect();
        let adjustments: BTreeMap<i64, (i64, i64)> = conn
            .query(
                &format!(
                    "SELECT run_id, COUNT(*), CAST(SUM(amount_minor) AS BIGINT) FROM comp_run_adjustments WHERE {visible} GROUP BY run_id"
                ),
                &params,
                |r| Ok((r.i64(0)?, (r.i64(1)?, r.opt_i64(2)?.unwrap_or(0)))),
            )?
            .into_iter()
            .collect();
        Ok(headers
            .into_iter()
            .filter_map(|header| {
                let (payees, total) = statements.get(&header.id).copied().unwrap_or((0, 0));
                let (adjusted, adjustment) = adjustments.get(&header.id).copied().unwrap_or((0, 0));
                let everything = *scope == Scope::Everything;
                (everything || payees > 0 || adjusted > 0).then(|| CompRunSummary {
                    payees,
                    total: Money::from_minor(total, header.currency),
                    adjustments: Money::from_minor(adjustment, header.currency),
                    header,
                })
            })
            .collect())
    }

    /// A run with the rows in the viewer's scope, only `person`'s when given; `None` when
    /// there is no such run.
    pub fn comp_run(&self, id: i64, scope: &Scope, person: Option<PersonId>) -> StoreResult<Option<CompRunRecord>> {
        let mut conn = self.pool.get()?;
        let mut headers = conn.query(
            &format!("SELECT {RUN_COLUMNS} FROM comp_runs r WHERE r.id = ?"),
            &[Value::Int(id)],
            header_from_row,
        )?;
        attach_plan_versions(&mut conn, &mut headers)?;
        let Some(header) = headers.pop() else { return Ok(None) };
        let mut params = vec![Value::Int(id)];
        let mut filter = scope_filter(scope, "person_id", &mut params);
        if let Some(p) = person {
            filter.push_str(" AND person_id = ?");
            params.push(Value::Int(p.get()));
        }
        let statements = conn.query(
            &format!(
                "SELECT {} FROM comp_statements WHERE run_id = ? AND {filter} ORDER BY name, person_id",
                STATEMENT_COLUMNS[1..].join(", ")
            ),
            &params,
            |r| {
                Ok(StoredStatement {
                    person: PersonId(r.i64(0)?),
                    name: r.text(1)?,
                    total: money(r, 2, 4)?,
                    draw_balance: money(r, 3, 4)?,
                    plan_changes_in_year: u32::try_from(r.i64(5)?).unwrap_or(0),
                    problems: r.text(6)?.lines().map(str::to_owned).collect(),
                })
            },
        )?;
        let lines = conn.query(
            &format!(
                "SELECT {} FROM comp_run_lines WHERE run_id = ? AND {filter} ORDER BY person_id, position",
                LINE_COLUMNS[1..].join(", ")
            ),
            &params,
            |r| {
                let band = match r.opt_i64(11)? {
                    Some(from) => Some((from, r.opt_i64(12)?)),
                    None => None,
                };
                Ok(StoredLine {
                    person: PersonId(r.i64(0)?),
                    plan: r.text(2)?,
                    component: r.text(3)?,
                    measure: r.opt_text(4)?,
                    from: r.date(5)?,
                    until: r.date(6)?,
                    kind: r.text(7)?,
                    achieved: r.opt_i64(8)?,
                    quota: r.opt_i64(9)?,
                    attainment_ppm: r.opt_i64(10)?,
                    band,
                    rate: r.text(13)?,
                    amount: money(r, 14, 15)?,
                    explanation: r.text(16)?,
                    deals: parse_deal_list(&r.text(17)?)?,
                    clawed_back: parse_deal_list(&r.text(18)?)?,
                    explanation_data: r.opt_text(19)?,
                })
            },
        )?;
        let credits = conn.query(
            &format!(
                "SELECT {} FROM comp_run_credits WHERE run_id = ? AND {filter} ORDER BY person_id, position",
                CREDIT_COLUMNS[1..].join(", ")
            ),
            &params,
            |r| {
                Ok(StoredCredit {
                    person: PersonId(r.i64(0)?),
                    plan: r.text(2)?,
                    component: r.text(3)?,
                    segment_from: r.date(4)?,
                    measure: r.text(5)?,
                    date: r.date(6)?,
                    quantity: r.i64(7)?,
                    currency: r.opt_text(8)?.map(|c| Currency::parse(&c)).transpose()?,
                    deal: OpportunityId(r.i64(9)?),
                    deal_name: r.text(10)?,
                    source: r.text(11)?,
                    cancelled_on: r.opt_date(12)?,
                    excluded: r.opt_text(13)?,
                    excluded_data: r.opt_text(14)?,
                })
            },
        )?;
        let adjustments = conn.query(
            &format!(
                "SELECT {} FROM comp_run_adjustments WHERE run_id = ? AND {filter} ORDER BY person_id, position",
                ADJUSTMENT_COLUMNS[1..].join(", ")
            ),
            &params,
            |r| {
                Ok(StoredAdjustment {
                    person: PersonId(r.i64(0)?),
                    period: Period::parse(&r.text(2)?)?,
                    component: r.text(3)?,
                    paid: money(r, 4, 7)?,
                    due: money(r, 5, 7)?,
                    amount: money(r, 6, 7)?,
                    clawback: r.bool(8)?,
                    reason: r.text(9)?,
                    reason_data: r.opt_text(10)?,
                })
            },
        )?;
        Ok(Some(CompRunRecord { header, statements, lines, credits, adjustments }))
    }

    /// The id of the latest run of `period`, if it was ever run.
    pub fn latest_comp_run(&self, period: Period) -> StoreResult<Option<i64>> {
        let mut conn = self.pool.get()?;
        let ids =
            conn.query("SELECT MAX(id) FROM comp_runs WHERE period = ?", &[Value::from(period.to_string())], |r| {
                r.opt_i64(0)
            })?;
        Ok(ids.into_iter().flatten().next())
    }

    /// What each payee owed from recoverable draws at `day`: the balances of the latest run of
    /// the latest period that ended on or before it (none owed when no such run exists).
    pub fn comp_draw_balances(&self, day: NaiveDate) -> StoreResult<BTreeMap<PersonId, Money>> {
        let mut conn = self.pool.get()?;
        let run = conn.query(
            "SELECT id FROM comp_runs WHERE period_end <= ? ORDER BY period_end DESC, id DESC LIMIT 1",
            &[Value::from(day)],
            |r| r.i64(0),
        )?;
        let Some(run) = run.first() else { return Ok(BTreeMap::new()) };
        let rows = conn.query(
            "SELECT person_id, draw_balance_minor, currency FROM comp_statements WHERE run_id = ? AND draw_balance_minor <> 0",
            &[Value::Int(*run)],
            |r| Ok((PersonId(r.i64(0)?), money(r, 1, 2)?)),
        )?;
        Ok(rows.into_iter().collect())
    }
}

/// Fills each header's plan versions from `comp_run_plans`.
fn attach_plan_versions(conn: &mut crate::backend::Conn, headers: &mut [CompRunHeader]) -> StoreResult<()> {
    if headers.is_empty() {
        return Ok(());
    }
    let (sql, params) = if let [one] = headers {
        (
            "SELECT run_id, plan_version_id FROM comp_run_plans WHERE run_id = ? ORDER BY run_id, plan_version_id",
            vec![Value::Int(one.id)],
        )
    } else {
        ("SELECT run_id, plan_version_id FROM comp_run_plans ORDER BY run_id, plan_version_id", Vec::new())
    };
    let mut by_run: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (run, version) in conn.query(sql, &params, |r| Ok((r.i64(0)?, r.i64(1)?)))? {
        by_run.entry(run).or_default().push(version);
    }
    for h in headers {
        h.plan_versions = by_run.remove(&h.id).unwrap_or_default();
    }
    Ok(())
}

impl Tx<'_> {
    /// Saves a plan book version (its `id` is ignored); returns the id given to it.
    pub fn insert_comp_plan_version(&mut self, v: &StoredPlanVersion) -> StoreResult<i64> {
        if let Some(until) = v.effective_until
            && until <= v.effective_from
        {
            return Err(StoreError::Domain(sutton_domain::DomainError::Inconsistent {
                what: "plan version",
                detail: format!("effective_until {until} is not after effective_from {}", v.effective_from),
            }));
        }
        let id = self.allocate_ids(IdKind::CompPlanVersion, 1)?;
        self.conn.insert_rows(
            "comp_plan_versions",
            &["id", "plan_text", "effective_from", "effective_until", "note", "saved_by", "saved_at"],
            [vec![
                Value::Int(id),
                Value::from(v.text.as_str()),
                Value::from(v.effective_from),
                Value::from(v.effective_until),
                Value::from(v.note.as_str()),
                Value::from(v.saved_by.as_str()),
                Value::from(v.saved_at.naive_utc()),
            ]],
        )?;
        Ok(id)
    }

    /// Stores a run with all its rows (the header's `id` is ignored); returns the run's id.
    pub fn insert_comp_run(&mut self, run: &CompRunRecord) -> StoreResult<i64> {
        let id = self.allocate_ids(IdKind::CompRun, 1)?;
        let h = &run.header;
        self.conn.insert_rows(
            "comp_runs",
            &[
                "id",
                "period",
                "period_start",
                "period_end",
                "as_of",
                "run_by",
                "run_at",
                "currency",
                "previous_run_id",
                "plan_text",
            ],
            [vec![
                Value::Int(id),
                Value::from(h.period.to_string()),
                Value::from(h.start),
                Value::from(h.end),
                Value::from(h.as_of),
                Value::from(h.run_by.as_str()),
                Value::from(h.run_at.naive_utc()),
                Value::from(h.currency.code()),
                Value::from(h.previous),
                Value::from(h.plan_text.as_deref()),
            ]],
        )?;
        self.conn.insert_rows(
            "comp_run_plans",
            &["run_id", "plan_version_id"],
            h.plan_versions.iter().map(|v| vec![Value::Int(id), Value::Int(*v)]),
        )?;
        self.conn.insert_rows(
            "comp_statements",
            STATEMENT_COLUMNS,
            run.statements.iter().map(|s| {
                vec![
                    Value::Int(id),
                    Value::Int(s.person.get()),
                    Value::from(s.name.as_str()),
                    Value::Int(s.total.minor()),
                    Value::Int(s.draw_balance.minor()),
                    Value::from(s.total.currency().code().to_owned()),
                    Value::Int(i64::from(s.plan_changes_in_year)),
                    Value::from(s.problems.join("\n")),
                ]
            }),
        )?;
        let lines = positioned(&run.lines, |l| l.person).map(|(position, l)| {
            vec![
                Value::Int(id),
                Value::Int(l.person.get()),
                Value::Int(position),
                Value::from(l.plan.as_str()),
                Value::from(l.component.as_str()),
                Value::from(l.measure.as_deref()),
                Value::from(l.from),
                Value::from(l.until),
                Value::from(l.kind.as_str()),
                Value::from(l.achieved),
                Value::from(l.quota),
                Value::from(l.attainment_ppm),
                Value::from(l.band.map(|b| b.0)),
                Value::from(l.band.and_then(|b| b.1)),
                Value::from(l.rate.as_str()),
                Value::Int(l.amount.minor()),
                Value::from(l.amount.currency().code().to_owned()),
                Value::from(l.explanation.as_str()),
                Value::from(deal_list(&l.deals)),
                Value::from(deal_list(&l.clawed_back)),
                Value::from(l.explanation_data.as_deref()),
            ]
        });
        self.conn.insert_rows("comp_run_lines", LINE_COLUMNS, lines)?;
        let credits = positioned(&run.credits, |c| c.person).map(|(position, c)| {
            vec![
                Value::Int(id),
                Value::Int(c.person.get()),
                Value::Int(position),
                Value::from(c.plan.as_str()),
                Value::from(c.component.as_str()),
                Value::from(c.segment_from),
                Value::from(c.measure.as_str()),
                Value::from(c.date),
                Value::Int(c.quantity),
                Value::from(c.currency.map(|c| c.code().to_owned())),
                Value::Int(c.deal.get()),
                Value::from(c.deal_name.as_str()),
                Value::from(c.source.as_str()),
                Value::from(c.cancelled_on),
                Value::from(c.excluded.as_deref()),
                Value::from(c.excluded_data.as_deref()),
            ]
        });
        self.conn.insert_rows("comp_run_credits", CREDIT_COLUMNS, credits)?;
        let adjustments = positioned(&run.adjustments, |a| a.person).map(|(position, a)| {
            vec![
                Value::Int(id),
                Value::Int(a.person.get()),
                Value::Int(position),
                Value::from(a.period.to_string()),
                Value::from(a.component.as_str()),
                Value::Int(a.paid.minor()),
                Value::Int(a.due.minor()),
                Value::Int(a.amount.minor()),
                Value::from(a.amount.currency().code().to_owned()),
                Value::Bool(a.clawback),
                Value::from(a.reason.as_str()),
                Value::from(a.reason_data.as_deref()),
            ]
        });
        self.conn.insert_rows("comp_run_adjustments", ADJUSTMENT_COLUMNS, adjustments)?;
        Ok(id)
    }
}

/// Each row with its position among the rows of the same person (0, 1, 2…), keeping order.
fn positioned<T>(rows: &[T], person: impl Fn(&T) -> PersonId) -> impl Iterator<Item = (i64, &T)> {
    let mut next: BTreeMap<PersonId, i64> = BTreeMap::new();
    rows.iter().map(move |r| {
        let n = next.entry(person(r)).or_insert(0);
        let position = *n;
        *n += 1;
        (position, r)
    })
}
