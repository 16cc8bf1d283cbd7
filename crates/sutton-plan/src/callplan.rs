//! CALL-7: response-based call allocation (Lodish's CALLPLAN).
//!
//! Each account answers calls along a response curve in the ADBUDG form
//! `r(n) = a + (b − a)·nᶜ / (d + nᶜ)`: `a` is the share of its yearly gross-profit value the
//! account brings with no calls, `b` the share at saturation, `d` sets where the curve bends
//! (half the lift at `n = d^(1/c)` calls) and `c` its shape (concave for `c ≤ 1`, S-shaped
//! above). A curve that decreases (`b < a`) is refused: more calls would mean less profit and
//! the plan would be nonsense.
//!
//! The expected gross profit of `n` calls a year is `value × r(n)`, rounded once to minor units,
//! so every comparison after that is exact in integers. Each rep has a yearly budget of selling
//! minutes; a call on an account costs its duration plus travel. The allocation maximises the
//! rep's total expected gross profit within the budget:
//!
//! * **Greedy by marginal gain** when every account's profit table is concave (each extra call
//!   brings no more than the one before) and all the rep's calls cost the same time: then
//!   taking the best next call until the budget is spent is exactly optimal.
//! * **Dynamic programming over integer call counts** otherwise (S-shaped curves, or calls of
//!   different lengths): exact over the budget counted in steps of `quantum_minutes`, the
//!   greatest common divisor of the call times, widened only if the budget would need more than
//!   [`CallPlanOptions::max_steps`] steps (each call's time is then rounded up to whole steps,
//!   so the plan always fits the real budget; the quantum is reported).
//!
//! The result sets the optimum beside the current pattern (its calls, minutes and expected
//! profit) and gives the expected gain.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde::{Deserialize, Serialize};
use sutton_domain::{AccountId, PersonId, Segment};

use crate::error::{ConfigError, Result};

/// `r(n) = a + (b − a)·nᶜ / (d + nᶜ)`, as shares of the account's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ResponseCurve {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
}

impl ResponseCurve {
    /// The response at `n` calls a year.
    pub fn at(&self, n: u32) -> f64 {
        if n == 0 {
            return self.a;
        }
        let nc = f64::from(n).powf(self.c);
        self.a + (self.b - self.a) * nc / (self.d + nc)
    }

    /// Concave over whole call counts (`c ≤ 1`); S-shaped above.
    pub fn is_concave(&self) -> bool {
        self.c <= 1.0
    }

    /// Refuses a curve that decreases or cannot be evaluated, saying what to change.
    pub fn validate(&self, whose: &str) -> Result<()> {
        let finite = [self.a, self.b, self.c, self.d].iter().all(|x| x.is_finite());
        if !finite {
            return Err(ConfigError::new("response curve", format!("{whose}: a, b, c and d must be numbers")));
        }
        if self.a < 0.0 || self.b < 0.0 {
            return Err(ConfigError::new(
                "response curve",
                format!("{whose}: a ({}) and b ({}) are shares of the account's value; give 0 or more", self.a, self.b),
            ));
        }
        if self.b < self.a {
            return Err(ConfigError::new(
                "response curve",
                format!(
                    "{whose}: the curve decreases (b = {} is below a = {}), so more calls would bring less; \
                     give b at least a (b is the response at saturation, a with no calls)",
                    self.b, self.a
                ),
            ));
        }
        if self.c <= 0.0 {
            return Err(ConfigError::new(
                "response curve",
                format!("{whose}: c = {} must be above 0 (1 or less is concave, above 1 S-shaped)", self.c),
            ));
        }
        if self.d <= 0.0 {
            return Err(ConfigError::new(
                "response curve",
                format!("{whose}: d = {} must be above 0 (half the lift comes at d^(1/c) calls)", self.d),
            ));
        }
        Ok(())
    }

    /// Default curves for segments, most valuable first: the first segments respond in an S
    /// (little happens until calls are regular), the last ones concavely and early.
    pub fn defaults(segments: &[Segment]) -> BTreeMap<Segment, ResponseCurve> {
        let n = segments.len().max(1);
        segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // From 0 (most valuable) to 1 (least valuable).
                let t = if n == 1 { 0.0 } else { i as f64 / (n - 1) as f64 };
                let c = 1.6 - 0.8 * t;
                let half_at: f64 = 12.0 - 9.0 * t;
                (s.clone(), ResponseCurve { a: 0.2, b: 0.7 - 0.2 * t, c, d: half_at.powf(c) })
            })
            .collect()
    }
}

/// One account to plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallPlanAccount {
    pub account: AccountId,
    pub rep: PersonId,
    pub segment: Segment,
    /// Yearly gross-profit value at which the response is measured, minor units.
    pub value: i64,
    /// Duration plus travel of one call, minutes (at least 1).
    pub minutes_per_call: u32,
    /// Calls a year the current pattern asks for.
    pub current_calls: u32,
    pub curve: ResponseCurve,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CallPlanOptions {
    /// Most calls a year on any one account.
    pub max_calls: u32,
    /// Most budget steps the dynamic programme may use per rep.
    pub max_steps: u32,
}

impl Default for CallPlanOptions {
    fn default() -> Self {
        CallPlanOptions { max_calls: 52, max_steps: 2000 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallPlanMethod {
    Greedy,
    DynamicProgramming,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPlan {
    pub account: AccountId,
    pub segment: Segment,
    pub current_calls: u32,
    pub planned_calls: u32,
    pub current_profit: i64,
    pub planned_profit: i64,
    pub minutes_per_call: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepPlan {
    pub rep: PersonId,
    pub budget_minutes: u64,
    pub method: CallPlanMethod,
    /// The budget step the dynamic programme counted in (1 call-minute step is exact).
    pub quantum_minutes: u32,
    pub current_minutes: u64,
    pub planned_minutes: u64,
    pub current_profit: i64,
    pub planned_profit: i64,
    pub accounts: Vec<AccountPlan>,
}

impl RepPlan {
    pub fn gain(&self) -> i64 {
        self.planned_profit - self.current_profit
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallPlan {
    pub options: CallPlanOptions,
    pub reps: Vec<RepPlan>,
    pub current_profit: i64,
    pub planned_profit: i64,
}

impl CallPlan {
    pub fn gain(&self) -> i64 {
        self.planned_profit - self.current_profit
    }
}

/// Expected gross profit of 0..=max calls, minor units.
pub fn profit_table(value: i64, curve: &ResponseCurve, max_calls: u32) -> Vec<i64> {
    (0..=max_calls).map(|n| (value as f64 * curve.at(n)).round() as i64).collect()
}

fn is_concave_table(t: &[i64]) -> bool {
    t.windows(3).all(|w| w[2] - w[1] <= w[1] - w[0])
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Plans every rep's calls within their budget (yearly selling minutes). Accounts of a rep
/// with no budget entry get a budget of 0 (no calls).
pub fn callplan(
    accounts: &[CallPlanAccount],
    budgets: &BTreeMap<PersonId, u64>,
    options: &CallPlanOptions,
) -> Result<CallPlan> {
    if options.max_steps == 0 {
        return Err(ConfigError::new("call plan", "give at least one budget step"));
    }
    if options.max_calls == 0 || options.max_calls > 255 {
        return Err(ConfigError::new(
            "call plan",
            format!("most calls a year per account is {}; give 1 to 255", options.max_calls),
        ));
    }
    let mut by_rep: BTreeMap<PersonId, Vec<&CallPlanAccount>> = BTreeMap::new();
    for a in accounts {
        a.curve.validate(&format!("account {} ({})", a.account, a.segment))?;
        if a.value < 0 {
            return Err(ConfigError::new("call plan", format!("account {}: value must not be negative", a.account)));
        }
        if a.minutes_per_call == 0 {
            return Err(ConfigError::new(
                "call plan",
                format!("account {}: a call takes at least one minute", a.account),
            ));
        }
        by_rep.entry(a.rep).or_default().push(a);
    }
    for rep in budgets.keys() {
        by_rep.entry(*rep).or_default();
    }
    let mut plan = CallPlan { options: *options, reps: Vec::new(), current_profit: 0, planned_profit: 0 };
    for (rep, list) in by_rep {
        let budget = budgets.get(&rep).copied().unwrap_or(0);
        let r = plan_rep(rep, &list, budget, options);
        plan.current_profit += r.current_profit;
        plan.planned_profit += r.planned_profit;
        plan.reps.push(r);
    }
    Ok(plan)
}

fn plan_rep(rep: PersonId, accounts: &[&CallPlanAccount], budget: u64, options: &CallPlanOptions) -> RepPlan {
    let tables: Vec<Vec<i64>> = accounts.iter().map(|a| profit_table(a.value, &a.curve, options.max_calls)).collect();
    let same_cost = accounts.windows(2).all(|w| w[0].minutes_per_call == w[1].minutes_per_call);
    let concave = tables.iter().all(|t| is_concave_table(t));
    let (method, quantum, counts) = if concave && same_cost {
        (CallPlanMethod::Greedy, 1, greedy(accounts, &tables, budget))
    } else {
        let (q, c) = dynamic(accounts, &tables, budget, options);
        (CallPlanMethod::DynamicProgramming, q, c)
    };
    let mut out = RepPlan {
        rep,
        budget_minutes: budget,
        method,
        quantum_minutes: quantum,
        current_minutes: 0,
        planned_minutes: 0,
        current_profit: 0,
        planned_profit: 0,
        accounts: Vec::with_capacity(accounts.len()),
    };
    for ((a, t), n) in accounts.iter().zip(&tables).zip(counts) {
        let current = a.current_calls.min(options.max_calls);
        let p = AccountPlan {
            account: a.account,
            segment: a.segment.clone(),
            current_calls: a.current_calls,
            planned_calls: n,
            current_profit: t[current as usize],
            planned_profit: t[n as usize],
            minutes_per_call: a.minutes_per_call,
        };
        out.current_minutes += u64::from(a.current_calls) * u64::from(a.minutes_per_call);
        out.planned_minutes += u64::from(n) * u64::from(a.minutes_per_call);
        out.current_profit += p.current_profit;
        out.planned_profit += p.planned_profit;
        out.accounts.push(p);
    }
    out
}

/// Best next call first, while it fits; ties to the earlier account.
fn greedy(accounts: &[&CallPlanAccount], tables: &[Vec<i64>], budget: u64) -> Vec<u32> {
    let mut counts = vec![0u32; accounts.len()];
    let mut left = budget;
    // (marginal gain, earlier account first)
    let mut heap: BinaryHeap<(i64, Reverse<usize>)> = BinaryHeap::new();
    for (i, t) in tables.iter().enumerate() {
        if t.len() > 1 {
            heap.push((t[1] - t[0], Reverse(i)));
        }
    }
    while let Some((gain, Reverse(i))) = heap.pop() {
        let cost = u64::from(accounts[i].minutes_per_call);
        if gain <= 0 || cost > left {
            // Every call costs the same here: if this one does not fit, none does; and a call
            // that brings nothing is not worth the time.
            break;
        }
        left -= cost;
        counts[i] += 1;
        let n = counts[i] as usize;
        if n + 1 < tables[i].len() {
            heap.push((tables[i][n + 1] - tables[i][n], Reverse(i)));
        }
    }
    counts
}

/// Exact over the budget in steps of the returned quantum.
fn dynamic(
    accounts: &[&CallPlanAccount],
    tables: &[Vec<i64>],
    budget: u64,
    options: &CallPlanOptions,
) -> (u32, Vec<u32>) {
    let g = accounts.iter().fold(0u64, |g, a| gcd(g, u64::from(a.minutes_per_call))).max(1);
    let floor = budget.div_ceil(u64::from(options.max_steps)).max(1);
    let quantum = if budget / g <= u64::from(options.max_steps) { g } else { floor.max(g) };
    let steps = (budget / quantum) as usize;
    let cost: Vec<usize> = accounts.iter().map(|a| u64::from(a.minutes_per_call).div_ceil(quantum) as usize).collect();
    // best[b] = the most profit from the accounts so far within b steps; choice[i][b] = calls
    // on account i in that optimum.
    const NONE: i64 = i64::MIN / 4;
    let mut best = vec![0i64; steps + 1];
    let mut next = vec![NONE; steps + 1];
    let mut choice: Vec<Vec<u8>> = Vec::with_capacity(accounts.len());
    for (i, t) in tables.iter().enumerate() {
        let c = cost[i];
        let mut pick = vec![0u8; steps + 1];
        let most = steps.checked_div(c).map_or(0, |fit| (t.len() - 1).min(fit));
        for b in 0..=steps {
            let mut top = best[b] + t[0];
            let mut k = 0usize;
            let reach = most.min(b / c.max(1));
            for n in 1..=reach {
                let v = best[b - n * c] + t[n];
                if v > top {
                    top = v;
                    k = n;
                }
            }
            next[b] = top;
            pick[b] = k as u8;
        }
        std::mem::swap(&mut best, &mut next);
        choice.push(pick);
    }
    // best is non-decreasing in b (0 calls always fit), so the full budget is the optimum.
    let mut counts = vec![0u32; accounts.len()];
    let mut b = steps;
    for i in (0..accounts.len()).rev() {
        let n = usize::from(choice[i][b]);
        counts[i] = n as u32;
        b -= n * cost[i];
    }
    (quantum as u32, counts)
}
