//! Pipeline reviews (DEAL-5; seed 001 key 7: formal, periodic reviews, quality over quantity).
//! A review is a team's open pipeline frozen on a date, each deal with its quality flags; the
//! reviewer adds a note and a decision per deal. Comparing a review with the one before says
//! what changed in between: deals new to the pipeline, deals gone from it, and the amount,
//! stage and close-date changes of the deals in both, with the decision taken last time carried
//! beside each deal still there.
//!
//! The comparison reconciles exactly: `current total = previous total − gone + new + Σ amount
//! changes`, in integer minor units.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sutton_domain::{ForecastCategory, Money, OpportunityId, TeamId};

use crate::facts::{Dimension, Facts, Group};
use crate::pipeline::{DealFlag, FlagRules, deal_flags, open_state};

/// What a reviewer decided about a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// In the forecast: the team stands behind it this period.
    Commit,
    /// Still pursued, but out of the commit (a lower category, a later date).
    Downgrade,
    /// Out of the pipeline: to be closed as lost or taken off.
    Remove,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Commit, Decision::Downgrade, Decision::Remove];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Commit => "commit",
            Decision::Downgrade => "downgrade",
            Decision::Remove => "remove",
        }
    }

    /// Parses `commit`, `downgrade` or `remove`; the error says which are accepted.
    pub fn parse(text: &str) -> Result<Decision, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "commit" => Ok(Decision::Commit),
            "downgrade" => Ok(Decision::Downgrade),
            "remove" => Ok(Decision::Remove),
            other => Err(format!("decision {other:?} is not one of commit, downgrade, remove")),
        }
    }
}

/// One deal as a review saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewLine {
    pub opportunity: OpportunityId,
    pub name: String,
    pub owner: Group,
    pub amount: Money,
    pub stage: String,
    pub close_date: NaiveDate,
    pub category: ForecastCategory,
    pub flags: Vec<DealFlag>,
    pub note: Option<String>,
    pub decision: Option<Decision>,
}

/// The team's open pipeline on `as_of` (deals owned by its members, in the organisation's
/// currency), each deal with its flags, largest first.
pub fn review_lines(f: &Facts<'_>, as_of: NaiveDate, team: TeamId, rules: &FlagRules) -> Vec<ReviewLine> {
    let mut out = Vec::new();
    for i in 0..f.opportunities().len() {
        if f.team_of_deal(i) != Some(team) {
            continue;
        }
        let Some(s) = open_state(f, i, as_of) else { continue };
        let o = &f.opportunities()[i];
        out.push(ReviewLine {
            opportunity: o.id,
            name: o.name.clone(),
            owner: f.group_of(i, &s, Dimension::Rep),
            amount: f.money(s.amount.into()),
            stage: s.stage.to_owned(),
            close_date: s.close,
            category: s.category,
            flags: deal_flags(f, i, &s, as_of, rules),
            note: None,
            decision: None,
        });
    }
    out.sort_by(|a, b| b.amount.minor().cmp(&a.amount.minor()).then(a.opportunity.cmp(&b.opportunity)));
    out
}

/// How one deal changed between two reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealChange {
    pub opportunity: OpportunityId,
    pub name: String,
    /// In this review, not in the previous one.
    pub new: bool,
    /// In the previous review, not in this one (won, lost, moved to another team, or removed).
    pub gone: bool,
    /// (before, after), when the amount changed.
    pub amount: Option<(Money, Money)>,
    pub stage: Option<(String, String)>,
    pub close_date: Option<(NaiveDate, NaiveDate)>,
    /// The decision and note of the previous review, for a deal in both.
    pub carried: Option<Decision>,
    pub carried_note: Option<String>,
}

/// What changed between two reviews of a team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewComparison {
    pub previous_total: Money,
    pub current_total: Money,
    pub new_total: Money,
    pub gone_total: Money,
    /// Σ (after − before) over the deals in both.
    pub amount_change: Money,
    /// Deals with something to say (new, gone, changed, or a decision carried), largest first.
    pub changes: Vec<DealChange>,
}

impl ReviewComparison {
    /// Whether previous − gone + new + amount changes is the current total (always, by
    /// construction; tests hold us to it).
    pub fn reconciles(&self) -> bool {
        i128::from(self.previous_total.minor()) - i128::from(self.gone_total.minor())
            + i128::from(self.new_total.minor())
            + i128::from(self.amount_change.minor())
            == i128::from(self.current_total.minor())
    }
}

/// Compares a review with the previous one of the same team. Amounts in another currency than
/// the first line's are left out of the totals (a review holds one currency).
pub fn compare_reviews(previous: &[ReviewLine], current: &[ReviewLine]) -> ReviewComparison {
    let currency = current.first().or(previous.first()).map(|l| l.amount.currency());
    let currency = currency.unwrap_or(sutton_domain::Currency::USD);
    let minor = |l: &ReviewLine| if l.amount.currency() == currency { i128::from(l.amount.minor()) } else { 0 };
    let money = |m: i128| Money::from_minor(crate::facts::clamp(m), currency);
    let before: HashMap<OpportunityId, &ReviewLine> = previous.iter().map(|l| (l.opportunity, l)).collect();
    let after: HashMap<OpportunityId, &ReviewLine> = current.iter().map(|l| (l.opportunity, l)).collect();
    let (mut prev_total, mut cur_total, mut new_total, mut gone_total, mut delta) = (0i128, 0i128, 0i128, 0i128, 0i128);
    let mut changes: Vec<(i128, DealChange)> = Vec::new();
    for l in current {
        cur_total += minor(l);
        let change = match before.get(&l.opportunity) {
            None => {
                new_total += minor(l);
                DealChange {
                    opportunity: l.opportunity,
                    name: l.name.clone(),
                    new: true,
                    gone: false,
                    amount: None,
                    stage: None,
                    close_date: None,
                    carried: None,
                    carried_note: None,
                }
            }
            Some(p) => {
                delta += minor(l) - minor(p);
                DealChange {
                    opportunity: l.opportunity,
                    name: l.name.clone(),
                    new: false,
                    gone: false,
                    amount: (p.amount != l.amount).then_some((p.amount, l.amount)),
                    stage: (p.stage != l.stage).then(|| (p.stage.clone(), l.stage.clone())),
                    close_date: (p.close_date != l.close_date).then_some((p.close_date, l.close_date)),
                    carried: p.decision,
                    carried_note: p.note.clone(),
                }
            }
        };
        let says = change.new
            || change.amount.is_some()
            || change.stage.is_some()
            || change.close_date.is_some()
            || change.carried.is_some()
            || change.carried_note.is_some();
        if says {
            changes.push((minor(l), change));
        }
    }
    for p in previous {
        prev_total += minor(p);
        if !after.contains_key(&p.opportunity) {
            gone_total += minor(p);
            changes.push((
                minor(p),
                DealChange {
                    opportunity: p.opportunity,
                    name: p.name.clone(),
                    new: false,
                    gone: true,
                    amount: None,
                    stage: None,
                    close_date: None,
                    carried: p.decision,
                    carried_note: p.note.clone(),
                },
            ));
        }
    }
    changes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.opportunity.cmp(&b.1.opportunity)));
    ReviewComparison {
        previous_total: money(prev_total),
        current_total: money(cur_total),
        new_total: money(new_total),
        gone_total: money(gone_total),
        amount_change: money(delta),
        changes: changes.into_iter().map(|(_, c)| c).collect(),
    }
}
