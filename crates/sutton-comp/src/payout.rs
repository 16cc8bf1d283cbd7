//! Payouts: per payee and period, every line explained.
//!
//! A payee's period is cut into **segments** wherever their plan changes: an assignment starts
//! or ends, a new plan version comes into force, they join or leave. Each segment is paid on its
//! own: credits dated inside it, the quota and every fixed amount (gate bonuses, the draw, an
//! amount cap) pro-rated by its days out of the period's. Within a component the bands are paid
//! **marginally**: the part of attainment that falls in each band is paid at that band's rate.
//! Every line is rounded once by the plan book's rule; totals are sums of rounded lines.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sutton_domain::{
    Measure, Money, OpportunityId, Period, PersonId, Quota, QuotaOwner, QuotaTarget, Rate, SalesRole, TeamId,
};

use crate::credit::{Credit, CreditLines, CreditPool, Positions, Quantity, UNIT};
use crate::explain::{Exclusion, Explanation};
use crate::frac::{Frac, Overflow};
use crate::plan::{Basis, CompMeasure, Component, Plan, PlanBook, QuotaSource, TierPay};

/// Someone who may be paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payee {
    pub person: PersonId,
    pub name: String,
    pub role: SalesRole,
    pub team: Option<TeamId>,
    /// First day employed, when known.
    pub active_from: Option<NaiveDate>,
    /// First day no longer employed, when known.
    pub active_until: Option<NaiveDate>,
}

/// Everything a run needs, already loaded.
#[derive(Debug, Clone, Copy)]
pub struct RunInput<'a> {
    pub book: &'a PlanBook,
    pub period: Period,
    /// First day of the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
    pub payees: &'a [Payee],
    /// Shared with the statements, which name the credits they counted.
    pub credits: &'a Arc<CreditPool>,
    pub quotas: &'a [Quota],
    /// What each payee still owes from recoverable draws paid before this period.
    pub draw_balances: &'a BTreeMap<PersonId, Money>,
    /// The fiscal year around the period, `[start, end)`, for counting plan changes.
    pub year: (NaiveDate, NaiveDate),
}

/// What a payout line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum LineKind {
    /// The part of attainment in band `n` (1-based).
    Tier(usize),
    /// Attainment below the threshold: nothing is paid.
    BelowThreshold,
    /// The component's target could not be found: nothing is paid until it is.
    NoQuota,
    /// Taken off to hold the component to its amount cap.
    Cap,
    /// A flat bonus for reaching an attainment gate (1-based).
    Gate(usize),
    DrawTopUp,
    DrawRecovery,
}

impl LineKind {
    /// Reads back what [`Display`](std::fmt::Display) wrote (`tier 2`, `cap`, `draw top-up`…).
    pub fn parse(text: &str) -> Option<LineKind> {
        let numbered = |prefix: &str| text.strip_prefix(prefix).and_then(|n| n.trim().parse::<usize>().ok());
        Some(match text.trim() {
            "below threshold" => LineKind::BelowThreshold,
            "no quota" => LineKind::NoQuota,
            "cap" => LineKind::Cap,
            "draw top-up" => LineKind::DrawTopUp,
            "draw recovery" => LineKind::DrawRecovery,
            _ => {
                if let Some(n) = numbered("tier ") {
                    LineKind::Tier(n)
                } else {
                    LineKind::Gate(numbered("gate ")?)
                }
            }
        })
    }
}

impl std::fmt::Display for LineKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineKind::Tier(n) => write!(f, "tier {n}"),
            LineKind::BelowThreshold => f.write_str("below threshold"),
            LineKind::NoQuota => f.write_str("no quota"),
            LineKind::Cap => f.write_str("cap"),
            LineKind::Gate(n) => write!(f, "gate {n}"),
            LineKind::DrawTopUp => f.write_str("draw top-up"),
            LineKind::DrawRecovery => f.write_str("draw recovery"),
        }
    }
}

/// One line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayoutLine {
    pub payee: PersonId,
    pub period: Period,
    /// `id v2`, or empty for draw lines.
    pub plan: String,
    /// The component's name, or `draw`.
    pub component: String,
    pub measure: Option<CompMeasure>,
    /// The segment of the period the line pays for, `[from, until)`.
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub kind: LineKind,
    pub achieved: Option<Quantity>,
    /// The target for the segment (pro-rated), rounded for showing.
    pub quota: Option<Quantity>,
    /// Shown to a millionth; decisions use the exact fraction.
    pub attainment: Option<Rate>,
    pub band: Option<(Rate, Option<Rate>)>,
    /// The rate applied, in English words (`2× target incentive`, `5 % of credit`); the
    /// explanation carries it as figures.
    pub rate: String,
    pub amount: Money,
    pub explanation: Explanation,
    /// The deals whose credit the component counted (shared by the component's lines).
    pub deals: Arc<[OpportunityId]>,
    /// Deals cancelled within the clawback window and so not counted.
    pub clawed_back: Arc<[OpportunityId]>,
}

/// One component's reckoning for one segment, with its credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentResult {
    pub plan: String,
    pub component: String,
    pub measure: CompMeasure,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub achieved: Quantity,
    pub quota: Option<Quantity>,
    pub attainment: Option<Rate>,
    pub credits: CreditLines,
    /// Credits not counted, with the reason.
    pub excluded: Vec<(Credit, Exclusion)>,
}

/// A payee's statement for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub payee: PersonId,
    pub name: String,
    pub lines: Vec<PayoutLine>,
    pub components: Vec<ComponentResult>,
    pub total: Money,
    /// What the payee owes from recoverable draws after this period.
    pub draw_balance: Money,
    /// How many times the payee's plan changed in the fiscal year (seed 001: too often and
    /// sellers stop trusting it).
    pub plan_changes_in_year: u32,
    /// Data that kept a line from being paid (a missing quota), for sales operations to fix.
    pub problems: Vec<String>,
}

/// Every payee's statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub period: Period,
    pub statements: Vec<Statement>,
    pub total: Money,
}

impl Run {
    pub fn lines(&self) -> impl Iterator<Item = &PayoutLine> {
        self.statements.iter().flat_map(|s| s.lines.iter())
    }
}

/// A run that could not finish: amounts beyond what exact arithmetic holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunError(pub String);

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RunError {}

/// Computes every payee's statement. Payees on no plan for the whole period get no statement.
pub fn run(input: &RunInput<'_>) -> Result<Run, RunError> {
    let currency = input.book.currency;
    let mut statements = Vec::new();
    // Credits are named by their position in the pool.
    if u32::try_from(input.credits.len()).is_err() {
        return Err(RunError(format!("{} credit lines are more than one run can hold", input.credits.len())));
    }
    // Each payee's and team's credit positions, in the order the credits came in. Hashed,
    // not ordered: a large run groups millions of credits.
    let mut by_payee: FxHashMap<PersonId, Positions> = FxHashMap::default();
    by_payee.reserve(input.payees.len());
    let mut by_team: FxHashMap<TeamId, Positions> = FxHashMap::default();
    for (i, c) in (0u32..).zip(input.credits.rows()) {
        by_payee.entry(c.payee()).or_default().push(i);
        if c.measure() == CompMeasure::Bookings
            && !c.is_overlay()
            && let Some(team) = c.team()
        {
            by_team.entry(team).or_default().push(i);
        }
    }
    let quotas: Quotas<'_> =
        input.quotas.iter().filter(|q| q.period == input.period).map(|q| ((q.owner, q.measure), q)).collect();
    // Payees are paid independently: a large organisation's are split between the machine's
    // cores, and the statements joined back in the payees' order, so the run is the same
    // whatever the number of threads.
    let none = Positions::default();
    let pay_some = |payees: &[Payee]| -> Result<Vec<Statement>, RunError> {
        let mut out = Vec::with_capacity(payees.len());
        for payee in payees {
            let segments = segments(input.book, payee, input.start, input.end);
            if segments.is_empty() {
                continue;
            }
            let own = by_payee.get(&payee.person).unwrap_or(&none);
            let team = payee.team.and_then(|t| by_team.get(&t)).unwrap_or(&none);
            let statement = pay(input, &quotas, payee, &segments, own, team)
                .map_err(|_| RunError(format!("the amounts for {} are too large to compute exactly", payee.name)))?;
            out.push(statement);
        }
        Ok(out)
    };
    let threads =
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(input.payees.len() / 512 + 1);
    if threads <= 1 {
        statements = pay_some(input.payees)?;
    } else {
        let chunk = input.payees.len().div_ceil(threads);
        let parts: Vec<Result<Vec<Statement>, RunError>> = std::thread::scope(|s| {
            let workers: Vec<_> = input.payees.chunks(chunk).map(|part| s.spawn(move || pay_some(part))).collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|_| Err(RunError("a payout worker stopped unexpectedly".to_owned()))))
                .collect()
        });
        for part in parts {
            statements.append(&mut part?);
        }
    }
    let total = Money::sum(currency, statements.iter().map(|s| s.total))
        .map_err(|e| RunError(format!("the run's total: {e}")))?;
    Ok(Run { period: input.period, statements, total })
}

/// The plan versions a payee is on over `[start, end)`, as `(from, until, plan)`, adjacent days
/// on the same version merged.
pub fn segments<'b>(
    book: &'b PlanBook,
    payee: &Payee,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate, &'b Plan)> {
    let mut cuts = vec![start, end];
    let own: Vec<_> = book.assignments.iter().filter(|a| a.person == payee.person).collect();
    for a in &own {
        cuts.push(a.from);
        cuts.extend(a.until);
    }
    for p in &book.plans {
        cuts.push(p.effective_from);
        cuts.extend(p.effective_until);
    }
    cuts.extend(payee.active_from);
    cuts.extend(payee.active_until);
    cuts.retain(|d| start <= *d && *d <= end);
    cuts.sort();
    cuts.dedup();
    let mut out: Vec<(NaiveDate, NaiveDate, &Plan)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let active = payee.active_from.is_none_or(|f| f <= a) && payee.active_until.is_none_or(|u| a < u);
        if !active {
            continue;
        }
        let assigned = own.iter().find(|x| x.from <= a && x.until.is_none_or(|u| a < u));
        let plan = match assigned {
            Some(x) => book.version_on(&x.plan, a),
            None => book.plan_for_role(payee.role, a),
        };
        let Some(plan) = plan else { continue };
        match out.last_mut() {
            Some(last) if last.1 == a && std::ptr::eq(last.2, plan) => last.1 = b,
            _ => out.push((a, b, plan)),
        }
    }
    out
}

/// How many times the payee's plan (or its version) changed within `[start, end)`.
pub fn plan_changes(book: &PlanBook, payee: &Payee, start: NaiveDate, end: NaiveDate) -> u32 {
    let segs = segments(book, payee, start, end);
    segs.windows(2).filter(|w| !std::ptr::eq(w[0].2, w[1].2)).count() as u32
}

/// The period's quotas by owner and measure, found once per run.
type Quotas<'a> = FxHashMap<(QuotaOwner, Measure), &'a Quota>;

fn pay(
    input: &RunInput<'_>,
    quotas: &Quotas<'_>,
    payee: &Payee,
    segments: &[(NaiveDate, NaiveDate, &Plan)],
    own: &Positions,
    team: &Positions,
) -> Result<Statement, Overflow> {
    let currency = input.book.currency;
    let rounding = input.book.rounding;
    let period_days = days(input.start, input.end);
    let mut lines = Vec::new();
    let mut components = Vec::new();
    let mut problems = Vec::new();
    let mut draw_due = Frac::ZERO;
    let mut recoverable = false;
    for &(from, until, plan) in segments {
        let share = Frac::new(i128::from(days(from, until)), i128::from(period_days))?;
        for component in &plan.components {
            let source = if component.measure == CompMeasure::TeamBookings { team } else { own };
            let seg = Segment { input, quotas, payee, plan, component, from, until, share };
            let (result, mut component_lines, problem) = seg.pay(source)?;
            components.push(result);
            lines.append(&mut component_lines);
            problems.extend(problem);
        }
        if let Some(draw) = plan.draw {
            draw_due = draw_due.add(Frac::int(i128::from(draw.amount.minor())).mul(share)?)?;
            recoverable = draw.recoverable;
        }
    }
    let earned: i64 = lines.iter().map(|l: &PayoutLine| l.amount.minor()).sum();
    let owed_before = input.draw_balances.get(&payee.person).map_or(0, |m| m.minor());
    let mut owed = owed_before;
    let draw_due = draw_due.round(rounding)?;
    let (first, last) = (segments[0].0, segments[segments.len() - 1].1);
    let draw_line = |kind: LineKind, amount: i64, explanation: Explanation| PayoutLine {
        payee: payee.person,
        period: input.period,
        plan: String::new(),
        component: "draw".to_owned(),
        measure: None,
        from: first,
        until: last,
        kind,
        achieved: None,
        quota: None,
        attainment: None,
        band: None,
        rate: String::new(),
        amount: Money::from_minor(amount, currency),
        explanation,
        deals: Arc::from([]),
        clawed_back: Arc::from([]),
    };
    if earned < draw_due {
        let top_up = draw_due - earned;
        lines.push(draw_line(
            LineKind::DrawTopUp,
            top_up,
            Explanation::DrawTopUp {
                earned: Money::from_minor(earned, currency),
                draw: Money::from_minor(draw_due, currency),
                recoverable,
            },
        ));
        if recoverable {
            owed += top_up;
        }
    } else if owed > 0 {
        let recovered = owed.min(earned - draw_due);
        if recovered > 0 {
            lines.push(draw_line(
                LineKind::DrawRecovery,
                -recovered,
                Explanation::DrawRecovery {
                    recovered: Money::from_minor(recovered, currency),
                    owed: Money::from_minor(owed, currency),
                },
            ));
            owed -= recovered;
        }
    }
    let total: i64 = lines.iter().map(|l| l.amount.minor()).sum();
    Ok(Statement {
        payee: payee.person,
        name: payee.name.clone(),
        lines,
        components,
        total: Money::from_minor(total, currency),
        draw_balance: Money::from_minor(owed, currency),
        plan_changes_in_year: plan_changes(input.book, payee, input.year.0, input.year.1),
        problems,
    })
}

struct Segment<'s, 'a> {
    input: &'s RunInput<'a>,
    quotas: &'s Quotas<'a>,
    payee: &'s Payee,
    plan: &'s Plan,
    component: &'s Component,
    from: NaiveDate,
    until: NaiveDate,
    /// Days of the segment ÷ days of the period.
    share: Frac,
}

type Paid = (ComponentResult, Vec<PayoutLine>, Option<String>);

impl Segment<'_, '_> {
    fn pay(&self, source: &Positions) -> Result<Paid, Overflow> {
        let c = self.component;
        let currency = self.input.book.currency;
        let wanted = if c.measure == CompMeasure::TeamBookings { CompMeasure::Bookings } else { c.measure };
        let pool = self.input.credits;
        let mut picks = Positions::default();
        let mut excluded = Vec::new();
        let mut achieved_raw: i64 = 0;
        for i in source.iter() {
            let credit = pool.row(i);
            let date = credit.date();
            if credit.measure() != wanted || date < self.from || self.until <= date {
                continue;
            }
            let quantity = credit.quantity();
            if let Quantity::Money(m) = quantity
                && m.currency() != currency
            {
                excluded.push((credit.credit(), Exclusion::OtherCurrency { credited: m.currency(), plan: currency }));
            } else if let Some(reason) = self.clawback(date, credit.cancelled_on()) {
                excluded.push((credit.credit(), reason));
            } else {
                achieved_raw = achieved_raw.checked_add(quantity.raw()).ok_or(Overflow)?;
                picks.push(i);
            }
        }
        let achieved = self.quantity(achieved_raw);
        let quota_raw = self.quota();
        let quota_seg = match quota_raw {
            Some(q) => Some(Frac::int(i128::from(q)).mul(self.share)?),
            None => None,
        };
        let attainment = match quota_seg {
            Some(q) if q.is_positive() => Some(Frac::int(i128::from(achieved_raw)).div(q)?),
            _ => None,
        };
        let quota_shown = match quota_seg {
            Some(q) => Some(self.quantity(q.round(sutton_domain::Rounding::HalfAwayFromZero)?)),
            None => None,
        };
        let attainment_shown = attainment.map(|a| Rate::from_ppm(a.to_ppm()));
        let mut deals: Vec<OpportunityId> = picks.iter().map(|i| pool.row(i).deal()).collect();
        deals.dedup();
        let deals: Arc<[OpportunityId]> = deals.into();
        let credits = CreditLines::picked(pool, picks);
        let mut clawed_back: Vec<OpportunityId> =
            excluded.iter().filter(|(_, r)| r.is_clawback()).map(|(x, _)| x.deal).collect();
        clawed_back.dedup();
        let clawed_back: Arc<[OpportunityId]> = clawed_back.into();
        let result = ComponentResult {
            plan: self.plan.label(),
            component: c.name.clone(),
            measure: c.measure,
            from: self.from,
            until: self.until,
            achieved,
            quota: quota_shown,
            attainment: attainment_shown,
            credits,
            excluded,
        };
        let line = |kind: LineKind,
                    band: Option<(Rate, Option<Rate>)>,
                    rate: String,
                    amount: i64,
                    explanation: Explanation| {
            PayoutLine {
                payee: self.payee.person,
                period: self.input.period,
                plan: self.plan.label(),
                component: c.name.clone(),
                measure: Some(c.measure),
                from: self.from,
                until: self.until,
                kind,
                achieved: Some(achieved),
                quota: quota_shown,
                attainment: attainment_shown,
                band,
                rate,
                amount: Money::from_minor(amount, currency),
                explanation,
                deals: deals.clone(),
                clawed_back: clawed_back.clone(),
            }
        };
        let mut lines = Vec::new();
        if c.quota != QuotaSource::None && attainment.is_none() {
            let problem = format!(
                "{}: no {} quota for {} in {}; add one, or give component {:?} a fixed quota",
                self.payee.name,
                c.measure.quota_measure(),
                if c.measure == CompMeasure::TeamBookings { "their team" } else { "them" },
                self.input.period,
                c.name
            );
            let explanation = Explanation::NoQuota { measure: c.measure, component: c.name.clone() };
            lines.push(line(LineKind::NoQuota, None, String::new(), 0, explanation));
            return Ok((result, lines, Some(problem)));
        }
        if let Some(a) = attainment
            && a.cmp_to(Frac::ppm(c.threshold.ppm())).is_lt()
        {
            lines.push(line(
                LineKind::BelowThreshold,
                None,
                String::new(),
                0,
                Explanation::BelowThreshold { attainment: Rate::from_ppm(a.to_ppm()), threshold: c.threshold },
            ));
            return Ok((result, lines, None));
        }
        // Credit that counts for pay: up to the attainment cap.
        let achieved_f = Frac::int(i128::from(achieved_raw));
        let effective = match (c.cap, quota_seg) {
            (Some(cap), Some(q)) => achieved_f.min(Frac::ppm(cap.ppm()).mul(q)?),
            _ => achieved_f,
        };
        let rounding = self.input.book.rounding;
        let mut tier_total: i64 = 0;
        for (i, tier) in c.tiers.iter().enumerate() {
            let (lo, hi) = match quota_seg {
                Some(q) => {
                    (Frac::ppm(tier.from.ppm()).mul(q)?, tier.to.map(|t| Frac::ppm(t.ppm()).mul(q)).transpose()?)
                }
                None => (Frac::ZERO, None),
            };
            let top = hi.map_or(effective, |h| effective.min(h));
            let covered = top.sub(lo)?.max(Frac::ZERO);
            if i > 0 && !covered.is_positive() {
                break;
            }
            let exact = match tier.pay {
                TierPay::Multiplier(m) => {
                    let ti = self.plan.target_incentive.map_or(0, |t| t.minor());
                    let q = quota_raw.unwrap_or(1);
                    Frac::int(i128::from(ti))
                        .mul(Frac::ppm(c.weight.ppm()))?
                        .mul(Frac::ppm(m.ppm()))?
                        .mul(covered)?
                        .div(Frac::int(i128::from(q)))?
                }
                TierPay::Rate(r) => covered.mul(Frac::ppm(r.ppm()))?,
                TierPay::PerUnit(u) => {
                    covered.mul(Frac::int(i128::from(u.minor())))?.div(Frac::int(i128::from(UNIT)))?
                }
            };
            let amount = exact.round(rounding)?;
            tier_total += amount;
            let credited = self.quantity(covered.round(sutton_domain::Rounding::HalfAwayFromZero)?);
            let (target_incentive, weight) = match c.basis {
                Basis::TargetIncentive => (self.plan.target_incentive, Some(c.weight)),
                Basis::Rate => (None, None),
            };
            lines.push(line(
                LineKind::Tier(i + 1),
                Some((tier.from, tier.to)),
                tier.pay.to_string(),
                amount,
                Explanation::Tier {
                    credited,
                    from: tier.from,
                    to: tier.to,
                    decelerator: tier.decelerator,
                    pay: tier.pay,
                    target_incentive,
                    weight,
                },
            ));
        }
        if let Some(cap) = c.cap_amount {
            let cap_seg = Frac::int(i128::from(cap.minor())).mul(self.share)?.round(rounding)?;
            if tier_total > cap_seg {
                lines.push(line(
                    LineKind::Cap,
                    None,
                    String::new(),
                    cap_seg - tier_total,
                    Explanation::Cap { cap: Money::from_minor(cap_seg, currency) },
                ));
            }
        }
        for (i, gate) in c.gates.iter().enumerate() {
            if let Some(a) = attainment
                && a.cmp_to(Frac::ppm(gate.at.ppm())).is_ge()
            {
                let bonus = Frac::int(i128::from(gate.bonus.minor())).mul(self.share)?.round(rounding)?;
                lines.push(line(
                    LineKind::Gate(i + 1),
                    None,
                    gate.bonus.to_string(),
                    bonus,
                    Explanation::Gate { at: gate.at, bonus: gate.bonus },
                ));
            }
        }
        Ok((result, lines, None))
    }

    /// Why a credit is taken back, when its deal was cancelled within the plan's window.
    fn clawback(&self, date: NaiveDate, cancelled_on: Option<NaiveDate>) -> Option<Exclusion> {
        let cancelled = cancelled_on?;
        let window = self.plan.clawback_days?;
        let after = (cancelled - date).num_days();
        (after <= i64::from(window)).then_some(Exclusion::Clawback {
            cancelled_on: cancelled,
            days_after: after,
            window,
        })
    }

    /// The full-period target in raw units (minor units or millionths of a unit).
    fn quota(&self) -> Option<i64> {
        let c = self.component;
        match c.quota {
            QuotaSource::Amount(m) => Some(m.minor()),
            QuotaSource::Count(n) => n.checked_mul(UNIT),
            QuotaSource::None => None,
            QuotaSource::Stored => {
                let owner = if c.measure == CompMeasure::TeamBookings {
                    QuotaOwner::Team(self.payee.team?)
                } else {
                    QuotaOwner::Person(self.payee.person)
                };
                let q = self.quotas.get(&(owner, c.measure.quota_measure()))?;
                match q.target {
                    QuotaTarget::Money(m) if m.currency() == self.input.book.currency && m.minor() > 0 => {
                        Some(m.minor())
                    }
                    QuotaTarget::Count(n) if n > 0 => n.checked_mul(UNIT),
                    _ => None,
                }
            }
        }
    }

    fn quantity(&self, raw: i64) -> Quantity {
        if self.component.measure.is_money() {
            Quantity::Money(Money::from_minor(raw, self.input.book.currency))
        } else {
            Quantity::Units(raw)
        }
    }
}

fn days(from: NaiveDate, until: NaiveDate) -> i64 {
    (until - from).num_days().max(1)
}
