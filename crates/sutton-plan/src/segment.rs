//! SEG-1: ABC segmentation with its explanation, and manual overrides that outlive re-runs.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_domain::{AccountId, Dataset, PersonId, Rate, Segment};

use crate::error::{ConfigError, Result};
use crate::icp::{IcpProfile, score_accounts};
use crate::measure::{minor_in, won_business};

/// What accounts are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentMeasure {
    /// The account's potential (what it could spend with us a year), minor units.
    Potential,
    /// Won bookings over the trailing window, minor units.
    Revenue,
    /// Gross profit of the won deals over the trailing window, minor units.
    GrossProfit,
    /// Fit to an ideal-client profile, parts per million.
    IcpScore,
}

impl SegmentMeasure {
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentMeasure::Potential => "potential",
            SegmentMeasure::Revenue => "revenue",
            SegmentMeasure::GrossProfit => "gross_profit",
            SegmentMeasure::IcpScore => "icp_score",
        }
    }

    pub fn parse(text: &str) -> Result<SegmentMeasure> {
        match text.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "potential" => Ok(SegmentMeasure::Potential),
            "revenue" | "bookings" => Ok(SegmentMeasure::Revenue),
            "gross_profit" | "profit" | "margin" => Ok(SegmentMeasure::GrossProfit),
            "icp" | "icp_score" | "fit" => Ok(SegmentMeasure::IcpScore),
            _ => Err(ConfigError::new(
                "segment measure",
                format!("{text:?} is not a measure; use potential, revenue, gross_profit or icp_score"),
            )),
        }
    }

    /// Measured in money (minor units of the organisation's currency) rather than a score.
    pub fn is_money(self) -> bool {
        !matches!(self, SegmentMeasure::IcpScore)
    }
}

/// How the ranked accounts are cut into segments. Cut-offs and floors separate consecutive
/// segments, so there is one fewer than there are segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentMethod {
    /// Cumulative share of the measure: with cuts 50 % and 80 %, A is the accounts that make
    /// the first half of the total (the account that crosses 50 % included), B the next 30 %.
    Pareto { cuts: Vec<Rate> },
    /// Share of accounts ranked above: with cuts 20 % and 50 %, A is the top fifth by rank.
    Percentile { cuts: Vec<Rate> },
    /// Fixed floors on the measure, highest first: an account belongs to the first segment whose
    /// floor it reaches.
    Threshold { floors: Vec<i64> },
}

/// Whether accounts compete with the whole organisation or within their owner's book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentScope {
    Organisation,
    /// Each owner's book is ranked on its own (unowned accounts form one book): every rep has
    /// their own A accounts.
    OwnerBook,
}

/// A complete segmentation rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentationRule {
    pub measure: SegmentMeasure,
    pub method: SegmentMethod,
    /// Segment names, most valuable first.
    pub names: Vec<Segment>,
    pub scope: SegmentScope,
    /// Trailing days of won business for the revenue and gross-profit measures.
    pub window_days: u32,
}

impl SegmentationRule {
    /// A, B, C by Pareto cut-offs at 50 % and 80 % of potential, across the organisation.
    pub fn abc_by_potential() -> SegmentationRule {
        SegmentationRule {
            measure: SegmentMeasure::Potential,
            method: SegmentMethod::Pareto { cuts: vec![Rate::from_percent(50), Rate::from_percent(80)] },
            names: default_names(3),
            scope: SegmentScope::Organisation,
            window_days: 365,
        }
    }

    /// Refuses names that repeat, cut-offs that overlap or do not match the number of segments.
    pub fn validate(&self) -> Result<()> {
        if self.names.is_empty() {
            return Err(ConfigError::new("segment names", "give at least one segment name"));
        }
        let mut seen = HashSet::new();
        for n in &self.names {
            if !seen.insert(n.as_str()) {
                return Err(ConfigError::new("segment names", format!("{n} is named twice; names must differ")));
            }
        }
        let want = self.names.len() - 1;
        match &self.method {
            SegmentMethod::Pareto { cuts } | SegmentMethod::Percentile { cuts } => {
                if cuts.len() != want {
                    return Err(ConfigError::new(
                        "segment cut-offs",
                        format!("{} segments need {want} cut-offs, not {}", self.names.len(), cuts.len()),
                    ));
                }
                for c in cuts {
                    if c.ppm() <= 0 || c.ppm() >= Rate::ONE.ppm() {
                        return Err(ConfigError::new(
                            "segment cut-offs",
                            format!("{c} is outside 0–100 %; each cut-off must lie strictly between"),
                        ));
                    }
                }
                if let Some(w) = cuts.windows(2).find(|w| w[0] >= w[1]) {
                    return Err(ConfigError::new(
                        "segment cut-offs",
                        format!(
                            "{} then {} overlap; cut-offs must rise from the first segment to the last",
                            w[0], w[1]
                        ),
                    ));
                }
            }
            SegmentMethod::Threshold { floors } => {
                if floors.len() != want {
                    return Err(ConfigError::new(
                        "segment thresholds",
                        format!("{} segments need {want} thresholds, not {}", self.names.len(), floors.len()),
                    ));
                }
                if let Some(f) = floors.iter().find(|f| **f <= 0) {
                    return Err(ConfigError::new("segment thresholds", format!("{f} must be above zero")));
                }
                if let Some(w) = floors.windows(2).find(|w| w[0] <= w[1]) {
                    return Err(ConfigError::new(
                        "segment thresholds",
                        format!(
                            "{} then {} overlap; thresholds must fall from the first segment to the last",
                            w[0], w[1]
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// `count` names: A, B, C… (at most 26).
pub fn default_names(count: usize) -> Vec<Segment> {
    (b'A'..=b'Z').take(count).filter_map(|c| Segment::parse(&char::from(c).to_string()).ok()).collect()
}

/// A segment set by hand, with the reason. It is an input to every run, so it survives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentOverride {
    pub account: AccountId,
    pub segment: Segment,
    pub reason: String,
    pub set_by: String,
    pub set_on: NaiveDate,
}

/// One account to segment: its owner (for book scope) and its measure (`None`: not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentInput {
    pub account: AccountId,
    pub owner: Option<PersonId>,
    pub measure: Option<i64>,
}

/// An account's segment and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountSegment {
    pub account: AccountId,
    pub owner: Option<PersonId>,
    /// The segment in force: the override's if there is one, else the computed one.
    pub segment: Segment,
    /// What the rule gave.
    pub computed: Segment,
    /// 0 for the first (most valuable) segment.
    pub segment_index: usize,
    pub measure: Option<i64>,
    /// 1-based; tied accounts share a rank.
    pub rank: u32,
    /// Accounts ranked in the same scope.
    pub of: u32,
    /// Share of the scope's measure held by the accounts ranked above (ties excluded).
    pub share_before: Rate,
    /// Share held by the accounts ranked above and those tied with this one.
    pub cumulative_share: Rate,
    /// The rule, in words, as it applied to this account.
    pub explanation: String,
    pub overridden: Option<SegmentOverride>,
}

/// Per segment: how many accounts and how much of the measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSummary {
    pub segment: Segment,
    pub accounts: u32,
    pub measure: i128,
    pub share_of_measure: Rate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segmentation {
    pub rule: SegmentationRule,
    /// In ranking order within each scope (scopes in owner order).
    pub accounts: Vec<AccountSegment>,
    pub summary: Vec<SegmentSummary>,
    /// Overrides that could not apply (their account is gone), with the reason.
    pub unused_overrides: Vec<(SegmentOverride, String)>,
}

impl Segmentation {
    pub fn index(&self) -> HashMap<AccountId, &AccountSegment> {
        self.accounts.iter().map(|a| (a.account, a)).collect()
    }

    pub fn segment_of(&self, account: AccountId) -> Option<&AccountSegment> {
        self.accounts.iter().find(|a| a.account == account)
    }
}

/// Reads each account's measure from the snapshot as of `as_of`. The ICP measure needs the
/// profile; money measures in another currency than the organisation's are not known.
pub fn segment_inputs(
    data: &Dataset,
    measure: SegmentMeasure,
    window_days: u32,
    as_of: NaiveDate,
    icp: Option<&IcpProfile>,
) -> Result<Vec<SegmentInput>> {
    let currency = data.organisation.currency;
    let values: HashMap<AccountId, i64> = match measure {
        SegmentMeasure::Potential => {
            data.accounts.iter().filter_map(|a| minor_in(a.potential, currency).map(|m| (a.id, m))).collect()
        }
        SegmentMeasure::Revenue => won_business(data, as_of, window_days).bookings,
        SegmentMeasure::GrossProfit => won_business(data, as_of, window_days).gross_profit,
        SegmentMeasure::IcpScore => {
            let profile = icp.ok_or_else(|| {
                ConfigError::new("segment measure", "segmenting by ICP score needs an ideal-client profile")
            })?;
            score_accounts(data, profile)?.into_iter().map(|s| (s.account, s.score.ppm())).collect()
        }
    };
    let revenue_like = matches!(measure, SegmentMeasure::Revenue | SegmentMeasure::GrossProfit);
    Ok(data
        .accounts
        .iter()
        .map(|a| SegmentInput {
            account: a.id,
            owner: a.owner,
            // No won business in the window is a known zero, not an unknown.
            measure: values.get(&a.id).copied().or(if revenue_like { Some(0) } else { None }),
        })
        .collect())
}

/// Segments the accounts. Accounts with no measure, or a measure of zero or less, go to the
/// last segment (there is nothing to rank them by); tied accounts always share a segment.
pub fn segment(
    inputs: &[SegmentInput],
    rule: &SegmentationRule,
    overrides: &[SegmentOverride],
) -> Result<Segmentation> {
    rule.validate()?;
    let names = &rule.names;
    let mut by_account: HashMap<AccountId, &SegmentOverride> = HashMap::new();
    for o in overrides {
        if !names.contains(&o.segment) {
            return Err(ConfigError::new(
                "segment override",
                format!(
                    "account {} is set to {}, which is not one of the segments ({})",
                    o.account,
                    o.segment,
                    names.iter().map(Segment::as_str).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        // The latest override of an account wins; equal dates keep the later entry.
        match by_account.get(&o.account) {
            Some(prev) if prev.set_on > o.set_on => {}
            _ => {
                by_account.insert(o.account, o);
            }
        }
    }

    let mut scopes: BTreeMap<Option<PersonId>, Vec<SegmentInput>> = BTreeMap::new();
    for i in inputs {
        let key = match rule.scope {
            SegmentScope::Organisation => None,
            SegmentScope::OwnerBook => i.owner,
        };
        scopes.entry(key).or_default().push(*i);
    }

    let mut accounts = Vec::with_capacity(inputs.len());
    for (_, mut group) in scopes {
        segment_scope(&mut group, rule, &by_account, &mut accounts);
    }

    let present: HashSet<AccountId> = inputs.iter().map(|i| i.account).collect();
    let unused_overrides = by_account
        .values()
        .filter(|o| !present.contains(&o.account))
        .map(|o| ((*o).clone(), format!("account {} is not among the accounts segmented", o.account)))
        .collect();

    let total: i128 = accounts.iter().map(|a| i128::from(positive(a.measure))).sum();
    let summary = names
        .iter()
        .map(|n| {
            let mine = accounts.iter().filter(|a| &a.segment == n);
            let (count, measure) = mine.fold((0u32, 0i128), |(c, m), a| (c + 1, m + i128::from(positive(a.measure))));
            SegmentSummary { segment: n.clone(), accounts: count, measure, share_of_measure: share(measure, total) }
        })
        .collect();
    Ok(Segmentation { rule: rule.clone(), accounts, summary, unused_overrides })
}

fn positive(measure: Option<i64>) -> i64 {
    measure.unwrap_or(0).max(0)
}

fn share(part: i128, total: i128) -> Rate {
    if total <= 0 {
        return Rate::ZERO;
    }
    let ppm = part * i128::from(Rate::PPM_PER_UNIT) / total;
    Rate::from_ppm(i64::try_from(ppm).unwrap_or(i64::MAX))
}

fn segment_scope(
    group: &mut [SegmentInput],
    rule: &SegmentationRule,
    overrides: &HashMap<AccountId, &SegmentOverride>,
    out: &mut Vec<AccountSegment>,
) {
    group.sort_by(|a, b| positive(b.measure).cmp(&positive(a.measure)).then(a.account.cmp(&b.account)));
    let n = group.len();
    let total: i128 = group.iter().map(|i| i128::from(positive(i.measure))).sum();
    let last = rule.names.len() - 1;
    let what = rule.measure.as_str().replace('_', " ");
    let mut start = 0;
    let mut before: i128 = 0;
    while start < n {
        let value = positive(group[start].measure);
        let end = start + group[start..].iter().take_while(|i| positive(i.measure) == value).count();
        let tied: i128 = i128::from(value) * (end - start) as i128;
        let rank = start as u32 + 1;
        let (index, rule_text) = if value <= 0 {
            (last, format!("no {what} to rank by: last segment"))
        } else {
            place(rule, start, n, before, total, value)
        };
        for input in &group[start..end] {
            let computed = rule.names[index].clone();
            let overridden = overrides.get(&input.account).map(|o| (*o).clone());
            let (segment, segment_index, explanation) = match &overridden {
                Some(o) => (
                    o.segment.clone(),
                    rule.names.iter().position(|s| s == &o.segment).unwrap_or(index),
                    format!(
                        "set to {} by {} on {} ({}); the rule gives {computed}: {rule_text}",
                        o.segment, o.set_by, o.set_on, o.reason
                    ),
                ),
                None => (computed.clone(), index, format!("{what} rank {rank} of {n}; {rule_text}")),
            };
            out.push(AccountSegment {
                account: input.account,
                owner: input.owner,
                segment,
                computed,
                segment_index,
                measure: input.measure,
                rank,
                of: n as u32,
                share_before: share(before, total),
                cumulative_share: share(before + tied, total),
                explanation,
                overridden,
            });
        }
        before += tied;
        start = end;
    }
}

/// The segment index of a tie group whose first member is at `start` and the rule in words.
fn place(rule: &SegmentationRule, start: usize, n: usize, before: i128, total: i128, value: i64) -> (usize, String) {
    let names = &rule.names;
    match &rule.method {
        SegmentMethod::Pareto { cuts } => {
            // Exact: before / total ≥ cut  ⇔  before · 10⁶ ≥ cut_ppm · total.
            let index =
                cuts.iter().filter(|c| before * i128::from(Rate::PPM_PER_UNIT) >= i128::from(c.ppm()) * total).count();
            let bound = match cuts.get(index) {
                Some(c) => format!("under {c}"),
                None => match index.checked_sub(1).and_then(|i| cuts.get(i)) {
                    Some(c) => format!("at or over {c}"),
                    None => "any share".to_owned(),
                },
            };
            (
                index,
                format!("accounts ranked above hold {} of the total ({bound}): {}", share(before, total), names[index]),
            )
        }
        SegmentMethod::Percentile { cuts } => {
            let above = start as i128;
            let index = cuts
                .iter()
                .filter(|c| above * i128::from(Rate::PPM_PER_UNIT) >= i128::from(c.ppm()) * n as i128)
                .count();
            (index, format!("{} of the accounts rank above it: {}", share(above, n as i128), names[index]))
        }
        SegmentMethod::Threshold { floors } => {
            let index = floors.iter().position(|f| value >= *f).unwrap_or(floors.len());
            let text = match floors.get(index) {
                Some(f) => format!("{value} reaches the floor {f} of {}", names[index]),
                None => format!("{value} is under every floor: {}", names[index]),
            };
            (index, text)
        }
    }
}
