//! Explanations as figures, not sentences.
//!
//! A statement is read by its payee, in their language. The engine therefore says *why* a
//! line pays what it does with the figures that decide it — the band and the credit in it,
//! the rate, the threshold missed, the cap, the gate, the draw — and leaves the words to
//! whoever shows it: the web interface says it in each language with the local number and
//! money formats, while [`Display`](std::fmt::Display) gives plain English for the command
//! line and for the text kept beside stored runs.
//!
//! Runs stored before explanations had figures kept English text only; the `Text` variants
//! carry that text so an old statement still shows what it said.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_domain::{Currency, Money, OpportunityId, Rate};

use crate::credit::Quantity;
use crate::plan::{CompMeasure, TierPay};

/// Why a payout line pays what it pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    /// `credited` (rounded for showing) fell in the band `[from, to)` of attainment and is
    /// paid at `pay`; a target-incentive component pays it out of `target_incentive`
    /// weighted `weight` (both `None` for a rate component).
    Tier {
        credited: Quantity,
        from: Rate,
        to: Option<Rate>,
        decelerator: bool,
        pay: TierPay,
        target_incentive: Option<Money>,
        weight: Option<Rate>,
    },
    /// Attainment below the component's threshold: nothing is paid.
    BelowThreshold { attainment: Rate, threshold: Rate },
    /// No target for what the component counts (the team's, for team bookings): nothing is
    /// paid until one is stored or the component gets a fixed one.
    NoQuota { measure: CompMeasure, component: String },
    /// The component's tiers paid more than its amount cap (pro-rated to the segment).
    Cap { cap: Money },
    /// The bonus for reaching `at` attainment; `bonus` is the full period's, the line pays the
    /// segment's share of it.
    Gate { at: Rate, bonus: Money },
    /// Earnings below the draw for the period, topped up to it.
    DrawTopUp { earned: Money, draw: Money, recoverable: bool },
    /// Part of what earlier draws left owed, recovered from earnings above the draw.
    DrawRecovery { recovered: Money, owed: Money },
    /// English text kept by a run stored before explanations had figures.
    Text { text: String },
}

/// Why an adjustment pays or takes back what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AdjustmentReason {
    /// Deals counted differently: cancelled within the clawback window, no longer credited
    /// for another reason, or newly credited. At least one list is not empty.
    Deals { clawed_back: Vec<OpportunityId>, removed: Vec<OpportunityId>, added: Vec<OpportunityId> },
    /// The same deals, but credited amounts, a quota or the plan changed.
    Recomputed,
    /// English text kept by a run stored before reasons had figures.
    Text { text: String },
}

/// Why a credit was looked at but not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exclusion {
    /// The credit is money in another currency than the plan pays in.
    OtherCurrency { credited: Currency, plan: Currency },
    /// The deal was cancelled `days_after` days after closing, within the plan's clawback
    /// window of `window` days.
    Clawback { cancelled_on: NaiveDate, days_after: i64, window: u32 },
    /// English text kept by a run stored before exclusions had figures.
    Text { text: String },
}

impl Exclusion {
    /// True when the credit was taken back because its deal was cancelled.
    pub fn is_clawback(&self) -> bool {
        match self {
            Exclusion::Clawback { .. } => true,
            Exclusion::OtherCurrency { .. } => false,
            Exclusion::Text { text } => text.starts_with("cancelled"),
        }
    }
}

/// Deal ids as `1, 2, 3`.
pub fn deal_list(ids: &[OpportunityId]) -> String {
    ids.iter().map(|d| d.get().to_string()).collect::<Vec<_>>().join(", ")
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Explanation::Tier { credited, from, to, decelerator, pay, target_incentive, weight } => {
                write!(f, "{credited} credited in band ")?;
                match to {
                    Some(to) => write!(f, "{from} to {to}")?,
                    None => write!(f, "from {from}")?,
                }
                if *decelerator {
                    f.write_str(" (decelerator)")?;
                }
                write!(f, " at {pay}")?;
                if let Some(weight) = weight {
                    let ti = target_incentive.map_or_else(String::new, |t| t.to_string());
                    write!(f, " of a {ti} target incentive weighted {weight}")?;
                }
                Ok(())
            }
            Explanation::BelowThreshold { attainment, threshold } => {
                write!(f, "attainment {attainment} is below the threshold of {threshold}: nothing is paid")
            }
            Explanation::NoQuota { measure, component } => {
                let whose = if *measure == CompMeasure::TeamBookings { "their team" } else { "them" };
                let quota = measure.quota_measure();
                write!(f, "no {quota} quota for {whose}; add one, or give component {component:?} a fixed quota")
            }
            Explanation::Cap { cap } => write!(f, "held to the component's cap of {cap}"),
            Explanation::Gate { at, .. } => write!(f, "bonus for reaching {at} attainment"),
            Explanation::DrawTopUp { earned, draw, recoverable } => {
                let kind = if *recoverable { "recoverable" } else { "non-recoverable" };
                write!(f, "earnings {earned} are below the {kind} draw of {draw}: topped up")
            }
            Explanation::DrawRecovery { recovered, owed } => {
                write!(f, "recovers {recovered} of the {owed} owed from earlier draws, out of earnings above the draw")
            }
            Explanation::Text { text } => f.write_str(text),
        }
    }
}

impl std::fmt::Display for AdjustmentReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AdjustmentReason::Deals { clawed_back, removed, added } => {
                let mut parts = Vec::new();
                if !clawed_back.is_empty() {
                    parts.push(format!("clawback of deal(s) {} cancelled within the window", deal_list(clawed_back)));
                }
                if !removed.is_empty() {
                    parts.push(format!("deal(s) {} no longer credited", deal_list(removed)));
                }
                if !added.is_empty() {
                    parts.push(format!("deal(s) {} newly credited", deal_list(added)));
                }
                f.write_str(&parts.join("; "))
            }
            AdjustmentReason::Recomputed => f.write_str("credited amounts, quota or plan changed"),
            AdjustmentReason::Text { text } => f.write_str(text),
        }
    }
}

impl std::fmt::Display for Exclusion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exclusion::OtherCurrency { credited, plan } => write!(f, "in {credited}, the plan pays {plan}"),
            Exclusion::Clawback { cancelled_on, days_after, window } => write!(
                f,
                "cancelled on {cancelled_on}, {days_after} days after closing, within the {window}-day clawback window"
            ),
            Exclusion::Text { text } => f.write_str(text),
        }
    }
}
