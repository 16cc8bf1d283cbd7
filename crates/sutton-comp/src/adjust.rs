//! Prior-period processing: what a new computation changes against what was already paid.
//!
//! A run, once paid, is never rewritten. When a deal changes afterwards (its amount, its
//! splits, or it is cancelled inside the clawback window) the period is computed again and
//! compared with the lines that were paid: per payee, period and component the difference is
//! an **adjustment line**, paid or recovered in the current period, with the deals whose
//! credit came or went. Unchanged periods give no adjustment at all.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sutton_domain::{Money, OpportunityId, Period, PersonId};

use crate::explain::AdjustmentReason;
use crate::payout::PayoutLine;

/// A difference between what was paid and what is now due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    pub payee: PersonId,
    /// The period the difference belongs to (the one recomputed).
    pub period: Period,
    pub component: String,
    pub paid: Money,
    pub due: Money,
    /// `due − paid`: positive is owed to the payee, negative is taken back.
    pub amount: Money,
    /// True when the difference comes from deals cancelled within the clawback window.
    pub clawback: bool,
    pub reason: AdjustmentReason,
}

/// Adjustments that turn `paid` into `due`, ordered by payee, period and component. Lines
/// in another currency than the first line's are compared in their own currency.
pub fn adjustments(paid: &[PayoutLine], due: &[PayoutLine]) -> Vec<Adjustment> {
    type Key = (PersonId, Period, String, sutton_domain::Currency);
    #[derive(Default)]
    struct Side {
        amount: i64,
        deals: BTreeSet<OpportunityId>,
        clawed_back: BTreeSet<OpportunityId>,
    }
    let mut sides: BTreeMap<Key, (Side, Side)> = BTreeMap::new();
    for (lines, which) in [(paid, 0), (due, 1)] {
        for l in lines {
            let key = (l.payee, l.period, l.component.clone(), l.amount.currency());
            let entry = sides.entry(key).or_default();
            let side = if which == 0 { &mut entry.0 } else { &mut entry.1 };
            side.amount += l.amount.minor();
            side.deals.extend(l.deals.iter().copied());
            side.clawed_back.extend(l.clawed_back.iter().copied());
        }
    }
    let mut out = Vec::new();
    for ((payee, period, component, currency), (before, after)) in sides {
        if before.amount == after.amount {
            continue;
        }
        let removed: Vec<_> = before.deals.difference(&after.deals).copied().collect();
        let added: Vec<_> = after.deals.difference(&before.deals).copied().collect();
        let clawed: Vec<_> = removed.iter().filter(|d| after.clawed_back.contains(d)).copied().collect();
        let other_removed: Vec<_> = removed.iter().filter(|d| !clawed.contains(d)).copied().collect();
        let clawback = !clawed.is_empty();
        let reason = if clawed.is_empty() && other_removed.is_empty() && added.is_empty() {
            AdjustmentReason::Recomputed
        } else {
            AdjustmentReason::Deals { clawed_back: clawed, removed: other_removed, added }
        };
        out.push(Adjustment {
            payee,
            period,
            component,
            paid: Money::from_minor(before.amount, currency),
            due: Money::from_minor(after.amount, currency),
            amount: Money::from_minor(after.amount - before.amount, currency),
            clawback,
            reason,
        });
    }
    out
}
