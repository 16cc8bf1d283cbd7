//! Governance: is the plan paying for performance, or for timing? Where attainment lands
//! against a component's threshold, accelerator and cap lines shows it: a plan people trust
//! gives a smooth spread, one they play gives a crowd just above each line (deals pulled in or
//! held back to clear it) and a gap just below. This module bins attainment and payout and
//! counts who landed just below and just above every breakpoint.

use serde::Serialize;
use sutton_domain::{Currency, Money, Period, PersonId, Rate};

use crate::payout::Statement;
use crate::plan::{Component, PlanBook};

/// One payee's attainment on a component for one period segment, and what it paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub payee: PersonId,
    pub period: Period,
    pub attainment: Rate,
    pub payout: Money,
}

/// A line of the plan where pay changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breakpoint {
    pub at: Rate,
    /// `threshold`, `tier 2`, `cap`, `gate 1`.
    pub what: String,
}

/// Attainment in `[from, to)` (the last bin is open above).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bin {
    pub from: Rate,
    pub to: Option<Rate>,
    pub count: u32,
    pub payout: Money,
}

/// Who landed within one bin's width below and above a breakpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bunching {
    pub breakpoint: Breakpoint,
    pub just_below: u32,
    pub just_above: u32,
}

/// The attainment distribution of one component (a plan id and a component name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Distribution {
    pub plan: String,
    pub component: String,
    pub breakpoints: Vec<Breakpoint>,
    pub bins: Vec<Bin>,
    pub bunching: Vec<Bunching>,
    pub points: usize,
}

/// Where a component's pay changes: its threshold, the start of each band after the first,
/// its attainment cap and its gates, in order.
pub fn breakpoints(c: &Component) -> Vec<Breakpoint> {
    let mut out = Vec::new();
    if c.threshold > Rate::ZERO {
        out.push(Breakpoint { at: c.threshold, what: "threshold".to_owned() });
    }
    for (i, t) in c.tiers.iter().enumerate().skip(1) {
        out.push(Breakpoint { at: t.from, what: format!("tier {}", i + 1) });
    }
    if let Some(cap) = c.cap {
        out.push(Breakpoint { at: cap, what: "cap".to_owned() });
    }
    for (i, g) in c.gates.iter().enumerate() {
        out.push(Breakpoint { at: g.at, what: format!("gate {}", i + 1) });
    }
    out.sort_by_key(|b| b.at);
    out.dedup_by_key(|b| b.at);
    out
}

/// The id of a plan from the label lines carry (`ae v2` → `ae`).
pub fn plan_id(label: &str) -> &str {
    label.rsplit_once(" v").map_or(label, |(id, _)| id)
}

/// Attainment distributions of every component with a target in `statements`, binned by
/// `width` up to `top` (the last bin holds everything above), with the breakpoints the
/// components have in `book`. Components come in the order first met.
pub fn distributions(
    statements: &[(Period, &Statement)],
    book: &PlanBook,
    width: Rate,
    top: Rate,
    currency: Currency,
) -> Vec<Distribution> {
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut points: Vec<Vec<Point>> = Vec::new();
    for (period, s) in statements {
        for c in &s.components {
            let Some(attainment) = c.attainment else { continue };
            let key = (plan_id(&c.plan).to_owned(), c.component.clone());
            let i = match keys.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    keys.push(key);
                    points.push(Vec::new());
                    keys.len() - 1
                }
            };
            let paid: i64 = s
                .lines
                .iter()
                .filter(|l| l.plan == c.plan && l.component == c.component && l.from == c.from)
                .map(|l| l.amount.minor())
                .sum();
            points[i].push(Point {
                payee: s.payee,
                period: *period,
                attainment,
                payout: Money::from_minor(paid, currency),
            });
        }
    }
    keys.into_iter()
        .zip(points)
        .map(|((plan, component), points)| {
            let mut lines: Vec<Breakpoint> = book
                .plans
                .iter()
                .filter(|p| p.id == plan)
                .flat_map(|p| p.components.iter().filter(|c| c.name == component).flat_map(breakpoints))
                .collect();
            lines.sort_by_key(|b| b.at);
            lines.dedup_by_key(|b| b.at);
            distribution(plan, component, &points, lines, width, top, currency)
        })
        .collect()
}

/// Bins `points` and counts who landed just either side of each breakpoint.
pub fn distribution(
    plan: String,
    component: String,
    points: &[Point],
    breakpoints: Vec<Breakpoint>,
    width: Rate,
    top: Rate,
    currency: Currency,
) -> Distribution {
    let width = width.ppm().max(1);
    let n = usize::try_from((top.ppm().max(width) + width - 1) / width).unwrap_or(1);
    let mut bins: Vec<Bin> = (0..=n)
        .map(|i| {
            let from = i as i64 * width;
            Bin {
                from: Rate::from_ppm(from),
                to: (i < n).then(|| Rate::from_ppm(from + width)),
                count: 0,
                payout: Money::zero(currency),
            }
        })
        .collect();
    for p in points {
        let i = usize::try_from(p.attainment.ppm().max(0) / width).unwrap_or(0).min(n);
        bins[i].count += 1;
        bins[i].payout = Money::from_minor(bins[i].payout.minor() + p.payout.minor(), currency);
    }
    let bunching = breakpoints
        .iter()
        .map(|b| {
            let at = b.at.ppm();
            let within = |lo: i64, hi: i64| points.iter().filter(|p| (lo..hi).contains(&p.attainment.ppm())).count();
            Bunching {
                breakpoint: b.clone(),
                just_below: u32::try_from(within(at - width, at)).unwrap_or(u32::MAX),
                just_above: u32::try_from(within(at, at + width)).unwrap_or(u32::MAX),
            }
        })
        .collect();
    Distribution { plan, component, breakpoints, bins, bunching, points: points.len() }
}
