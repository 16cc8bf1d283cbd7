//! SEG-1: ABC segmentation with its explanation, and manual overrides that outlive re-runs.

use std::collections::{HashMap, HashSet};

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

impl SegmentMethod {
    /// The method's name as stored and in forms: `pareto`, `percentile`, `threshold`.
    pub fn as_str(&self) -> &'static str {
        match self {
            SegmentMethod::Pareto { .. } => "pareto",
            SegmentMethod::Percentile { .. } => "percentile",
            SegmentMethod::Threshold { .. } => "threshold",
        }
    }
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

impl SegmentScope {
    /// The scope's name as stored and in forms: `organisation`, `owner_book`.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentScope::Organisation => "organisation",
            SegmentScope::OwnerBook => "owner_book",
        }
    }
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
        match self.problem() {
            None => Ok(()),
            Some(p) => Err(ConfigError::new(p.what(), p.to_string())),
        }
    }

    /// What is wrong with the rule, in figures, for a page to say in the reader's words
    /// (`validate` says it in English).
    pub fn problem(&self) -> Option<RuleProblem> {
        if self.names.is_empty() {
            return Some(RuleProblem::NoNames);
        }
        let mut seen = HashSet::new();
        if let Some(n) = self.names.iter().find(|n| !seen.insert(n.as_str())) {
            return Some(RuleProblem::NameTwice(n.clone()));
        }
        let segments = self.names.len();
        let want = segments - 1;
        match &self.method {
            SegmentMethod::Pareto { cuts } | SegmentMethod::Percentile { cuts } => {
                if cuts.len() != want {
                    return Some(RuleProblem::CutCount { segments, given: cuts.len() });
                }
                if let Some(c) = cuts.iter().find(|c| c.ppm() <= 0 || c.ppm() >= Rate::ONE.ppm()) {
                    return Some(RuleProblem::CutOutside(*c));
                }
                if let Some(w) = cuts.windows(2).find(|w| w[0] >= w[1]) {
                    return Some(RuleProblem::CutsOverlap(w[0], w[1]));
                }
            }
            SegmentMethod::Threshold { floors } => {
                if floors.len() != want {
                    return Some(RuleProblem::FloorCount { segments, given: floors.len() });
                }
                if let Some(f) = floors.iter().find(|f| **f <= 0) {
                    return Some(RuleProblem::FloorNotPositive(*f));
                }
                if let Some(w) = floors.windows(2).find(|w| w[0] <= w[1]) {
                    return Some(RuleProblem::FloorsOverlap(w[0], w[1]));
                }
            }
        }
        None
    }
}

/// Why a segmentation rule is refused (see [`SegmentationRule::problem`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleProblem {
    NoNames,
    NameTwice(Segment),
    /// Pareto or percentile: `segments` segments need one cut-off fewer than that.
    CutCount {
        segments: usize,
        given: usize,
    },
    CutOutside(Rate),
    /// Two consecutive cut-offs that do not rise.
    CutsOverlap(Rate, Rate),
    FloorCount {
        segments: usize,
        given: usize,
    },
    FloorNotPositive(i64),
    /// Two consecutive floors that do not fall.
    FloorsOverlap(i64, i64),
}

impl RuleProblem {
    /// The part of the rule at fault.
    pub fn what(&self) -> &'static str {
        match self {
            RuleProblem::NoNames | RuleProblem::NameTwice(_) => "segment names",
            RuleProblem::CutCount { .. } | RuleProblem::CutOutside(_) | RuleProblem::CutsOverlap(..) => {
                "segment cut-offs"
            }
            RuleProblem::FloorCount { .. } | RuleProblem::FloorNotPositive(_) | RuleProblem::FloorsOverlap(..) => {
                "segment thresholds"
            }
        }
    }
}

impl std::fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleProblem::NoNames => f.write_str("give at least one segment name"),
            RuleProblem::NameTwice(n) => write!(f, "{n} is named twice; names must differ"),
            RuleProblem::CutCount { segments, given } => {
                write!(f, "{segments} segments need {} cut-offs, not {given}", segments - 1)
            }
            RuleProblem::CutOutside(c) => write!(f, "{c} is outside 0–100 %; each cut-off must lie strictly between"),
            RuleProblem::CutsOverlap(a, b) => {
                write!(f, "{a} then {b} overlap; cut-offs must rise from the first segment to the last")
            }
            RuleProblem::FloorCount { segments, given } => {
                write!(f, "{segments} segments need {} thresholds, not {given}", segments - 1)
            }
            RuleProblem::FloorNotPositive(v) => write!(f, "{v} must be above zero"),
            RuleProblem::FloorsOverlap(a, b) => {
                write!(f, "{a} then {b} overlap; thresholds must fall from the first segment to the last")
            }
        }
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
    /// The segment in force, as its place among the rule's names (0 for the first, most
    /// valuable one): the override's if there is one, else what the rule gave. Names by index,
    /// so a million accounts do not each carry their segment's name; `Segmentation::segment`
    /// and `AccountSegment::segment` give the name.
    pub segment_index: usize,
    /// What the rule gave, likewise.
    pub computed_index: usize,
    pub measure: Option<i64>,
    /// 1-based; tied accounts share a rank.
    pub rank: u32,
    /// Accounts ranked in the same scope.
    pub of: u32,
    /// Share of the scope's measure held by the accounts ranked above (ties excluded).
    pub share_before: Rate,
    /// Share held by the accounts ranked above and those tied with this one.
    pub cumulative_share: Rate,
    pub overridden: Option<Box<SegmentOverride>>,
}

impl AccountSegment {
    /// The segment in force, named by `rule` (the rule of the segmentation it comes from).
    pub fn segment<'r>(&self, rule: &'r SegmentationRule) -> &'r Segment {
        &rule.names[self.segment_index]
    }

    /// The segment the rule gave, named by `rule`.
    pub fn computed<'r>(&self, rule: &'r SegmentationRule) -> &'r Segment {
        &rule.names[self.computed_index]
    }

    /// The rule, in words, as it applied to this account under `rule` (the rule of the
    /// segmentation it comes from), and the override when one is in force. Written when asked
    /// for, so a run over a million accounts does not write a million sentences nobody reads.
    pub fn explanation(&self, rule: &SegmentationRule) -> String {
        let rule_text = self.rule_text(rule);
        match &self.overridden {
            Some(o) => format!(
                "set to {} by {} on {} ({}); the rule gives {}: {rule_text}",
                o.segment,
                o.set_by,
                o.set_on,
                o.reason,
                self.computed(rule)
            ),
            None => {
                format!("{} rank {} of {}; {rule_text}", rule.measure.as_str().replace('_', " "), self.rank, self.of)
            }
        }
    }

    /// Why the rule gave the account its computed segment, in figures, for a page to put in
    /// the reader's words.
    pub fn reason(&self, rule: &SegmentationRule) -> SegmentReason {
        let index = self.computed_index;
        let value = positive(self.measure);
        if value <= 0 {
            return SegmentReason::NothingToRank;
        }
        match &rule.method {
            SegmentMethod::Pareto { cuts } => {
                let (under, reached) = match cuts.get(index) {
                    Some(c) => (Some(*c), None),
                    None => (None, index.checked_sub(1).and_then(|i| cuts.get(i)).copied()),
                };
                SegmentReason::Pareto { share_before: self.share_before, under, reached }
            }
            SegmentMethod::Percentile { .. } => SegmentReason::Percentile {
                share_above: share(i128::from(self.rank.saturating_sub(1)), i128::from(self.of)),
            },
            SegmentMethod::Threshold { floors } => {
                SegmentReason::Threshold { value, floor: floors.get(index).copied() }
            }
        }
    }

    fn rule_text(&self, rule: &SegmentationRule) -> String {
        let name = rule.names.get(self.computed_index).map_or("", Segment::as_str);
        match self.reason(rule) {
            SegmentReason::NothingToRank => {
                format!("no {} to rank by: last segment", rule.measure.as_str().replace('_', " "))
            }
            SegmentReason::Pareto { share_before, under, reached } => {
                let bound = match (under, reached) {
                    (Some(c), _) => format!("under {c}"),
                    (None, Some(c)) => format!("at or over {c}"),
                    (None, None) => "any share".to_owned(),
                };
                format!("accounts ranked above hold {share_before} of the total ({bound}): {name}")
            }
            SegmentReason::Percentile { share_above } => format!("{share_above} of the accounts rank above it: {name}"),
            SegmentReason::Threshold { value, floor: Some(f) } => format!("{value} reaches the floor {f} of {name}"),
            SegmentReason::Threshold { value, floor: None } => format!("{value} is under every floor: {name}"),
        }
    }
}

/// Why an account's computed segment is what it is (see [`AccountSegment::reason`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentReason {
    /// No measure above zero: nothing to rank by, so the last segment.
    NothingToRank,
    /// The accounts ranked above hold `share_before` of the total: under the cut-off `under`,
    /// or past the last one, `reached` (neither: a single segment takes any share).
    Pareto { share_before: Rate, under: Option<Rate>, reached: Option<Rate> },
    /// This share of the accounts ranks above it.
    Percentile { share_above: Rate },
    /// The measure reaches `floor` (`None`: it is under every floor).
    Threshold { value: i64, floor: Option<i64> },
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
    /// Overrides that could not apply (their account is gone), with the reason, by account.
    pub unused_overrides: Vec<(SegmentOverride, String)>,
}

impl Segmentation {
    pub fn index(&self) -> HashMap<AccountId, &AccountSegment> {
        self.accounts.iter().map(|a| (a.account, a)).collect()
    }

    pub fn segment_of(&self, account: AccountId) -> Option<&AccountSegment> {
        self.accounts.iter().find(|a| a.account == account)
    }

    /// An account's segment in force.
    pub fn segment(&self, account: &AccountSegment) -> &Segment {
        account.segment(&self.rule)
    }

    /// The segment the rule gave an account.
    pub fn computed(&self, account: &AccountSegment) -> &Segment {
        account.computed(&self.rule)
    }

    /// An account's explanation under this segmentation's rule.
    pub fn explanation(&self, account: &AccountSegment) -> String {
        account.explanation(&self.rule)
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
        // Read straight off the account: no lookup needed.
        SegmentMeasure::Potential => {
            return Ok(data
                .accounts
                .iter()
                .map(|a| SegmentInput { account: a.id, owner: a.owner, measure: minor_in(a.potential, currency) })
                .collect());
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
    // Few next to the accounts: looked up by binary search, which costs nothing when empty.
    let mut in_force: Vec<(AccountId, &SegmentOverride)> = by_account.into_iter().collect();
    in_force.sort_unstable_by_key(|(a, _)| *a);
    let mut ranker = Ranker {
        inputs,
        rule,
        overrides: &in_force,
        used: vec![false; in_force.len()],
        per_segment: vec![(0, 0); names.len()],
    };

    // The inputs in the order their scopes are ranked: by account, within owner for book scope.
    // Inputs already in account order (as the store reads them) need no reordering for an
    // organisation-wide rule.
    let too_many = || ConfigError::new("segmentation", "more than 4,294,967,295 accounts cannot be ranked at once");
    let n = u32::try_from(inputs.len()).map_err(|_| too_many())?;
    let at = |i: u32| &inputs[i as usize];
    let mut accounts = Vec::with_capacity(inputs.len());
    match rule.scope {
        SegmentScope::Organisation if inputs.is_sorted_by_key(|i| i.account) => {
            ranker.rank(Scope::All(inputs.len()), &mut accounts);
        }
        SegmentScope::Organisation => {
            let mut order: Vec<u32> = (0..n).collect();
            order.sort_by_key(|&i| at(i).account);
            ranker.rank(Scope::Of(&order), &mut accounts);
        }
        SegmentScope::OwnerBook => {
            let mut order: Vec<u32> = (0..n).collect();
            order.sort_by_key(|&i| (at(i).owner, at(i).account));
            for book in order.chunk_by(|&a, &b| at(a).owner == at(b).owner) {
                ranker.rank(Scope::Of(book), &mut accounts);
            }
        }
    }

    let unused_overrides = in_force
        .iter()
        .zip(&ranker.used)
        .filter(|(_, used)| !**used)
        .map(|((account, o), _)| ((*o).clone(), format!("account {account} is not among the accounts segmented")))
        .collect();

    let total: i128 = ranker.per_segment.iter().map(|(_, m)| m).sum();
    let summary = names
        .iter()
        .zip(ranker.per_segment)
        .map(|(n, (count, measure))| SegmentSummary {
            segment: n.clone(),
            accounts: count,
            measure,
            share_of_measure: share(measure, total),
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

struct Ranker<'a> {
    inputs: &'a [SegmentInput],
    rule: &'a SegmentationRule,
    /// Overrides in force, by account.
    overrides: &'a [(AccountId, &'a SegmentOverride)],
    /// Whether each override met its account.
    used: Vec<bool>,
    /// Accounts and measure per segment in force.
    per_segment: Vec<(u32, i128)>,
}

impl<'a> Ranker<'a> {
    /// Ranks one scope, whose inputs are in account order, and appends its accounts in ranking
    /// order (measure descending, ties by account).
    fn rank(&mut self, scope: Scope<'_>, out: &mut Vec<AccountSegment>) {
        let inputs = self.inputs;
        let names = &self.rule.names;
        // A large scope is read and sorted in two halves on two threads; the ranking below
        // merges them as it goes.
        let (left, right) = if scope.len() >= PARALLEL_FROM {
            let mid = scope.len() / 2;
            std::thread::scope(|s| {
                let left = s.spawn(|| sorted_rows(inputs, scope, 0..mid));
                let right = sorted_rows(inputs, scope, mid..scope.len());
                (left.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), right)
            })
        } else {
            (sorted_rows(inputs, scope, 0..scope.len()), Vec::new())
        };
        let n = scope.len();
        let of = u32::try_from(n).unwrap_or(u32::MAX);
        let total: i128 = left.iter().chain(&right).map(|r| i128::from(r.value())).sum();
        let last = names.len() - 1;
        let (mut i, mut j) = (0, 0);
        let mut before: i128 = 0;
        while i < left.len() || j < right.len() {
            // The next tie group: the largest measure left at either head, and where it ends in each.
            let group = match (left.get(i), right.get(j)) {
                (Some(l), Some(r)) => l.group().min(r.group()),
                (Some(l), None) => l.group(),
                (None, Some(r)) => r.group(),
                (None, None) => break,
            };
            let left_end = i + left[i..].iter().take_while(|r| r.group() == group).count();
            let right_end = j + right[j..].iter().take_while(|r| r.group() == group).count();
            let start = i + j;
            let count = (left_end - i) + (right_end - j);
            let value = i64::MAX - group as i64;
            let tied: i128 = i128::from(value) * count as i128;
            let index = if value <= 0 { last } else { place(self.rule, start, n, before, total, value) };
            let rank = u32::try_from(start + 1).unwrap_or(u32::MAX);
            let (share_before, cumulative_share) = (share(before, total), share(before + tied, total));
            while i < left_end || j < right_end {
                let row = if j >= right_end || (i < left_end && left[i].key <= right[j].key) {
                    i += 1;
                    &left[i - 1]
                } else {
                    j += 1;
                    &right[j - 1]
                };
                // A positive measure is the key's; nothing, zero or less is read back.
                let measure = if value > 0 { Some(value) } else { inputs[scope.input(row.position())].measure };
                let overridden = self.override_of(row.account);
                let segment_index =
                    overridden.and_then(|o| names.iter().position(|s| s == &o.segment)).unwrap_or(index);
                let slot = &mut self.per_segment[segment_index];
                slot.0 += 1;
                slot.1 += i128::from(value);
                out.push(AccountSegment {
                    account: row.account,
                    owner: (row.key & 1 == 1).then_some(PersonId(row.owner)),
                    segment_index,
                    computed_index: index,
                    measure,
                    rank,
                    of,
                    share_before,
                    cumulative_share,
                    overridden: overridden.map(|o| Box::new(o.clone())),
                });
            }
            before += tied;
        }
    }

    fn override_of(&mut self, account: AccountId) -> Option<&'a SegmentOverride> {
        if self.overrides.is_empty() {
            return None;
        }
        let at = self.overrides.binary_search_by_key(&account, |(a, _)| *a).ok()?;
        self.used[at] = true;
        Some(self.overrides[at].1)
    }
}

/// Scopes at least this large are sorted on two threads.
const PARALLEL_FROM: usize = 1 << 16;

/// An account as it is ranked: the sort key and what the output needs, in 32 bytes. The key is
/// the measure (descending) in the high half, then the position in the scope, then whether
/// `owner` is set.
#[derive(Debug, Clone, Copy)]
struct Row {
    key: u128,
    account: AccountId,
    owner: i64,
}

impl Row {
    /// Equal for tied accounts; smaller for a larger measure.
    fn group(&self) -> u64 {
        (self.key >> 64) as u64
    }

    fn value(&self) -> i64 {
        i64::MAX - self.group() as i64
    }

    fn position(&self) -> usize {
        ((self.key as u64) >> 1) as usize
    }
}

/// The accounts of one scope, in account order: all the inputs, or those at the positions given.
#[derive(Debug, Clone, Copy)]
enum Scope<'s> {
    All(usize),
    Of(&'s [u32]),
}

impl Scope<'_> {
    fn len(self) -> usize {
        match self {
            Scope::All(n) => n,
            Scope::Of(positions) => positions.len(),
        }
    }

    /// The input at place `p` of the scope.
    fn input(self, p: usize) -> usize {
        match self {
            Scope::All(_) => p,
            Scope::Of(positions) => positions[p] as usize,
        }
    }
}

/// The rows of the places `part` of a scope, sorted by measure, descending; a stable sort, so
/// ties stay in account order.
fn sorted_rows(inputs: &[SegmentInput], scope: Scope<'_>, part: std::ops::Range<usize>) -> Vec<Row> {
    let mut rows: Vec<Row> = part
        .map(|p| {
            let input = &inputs[scope.input(p)];
            let descending = (i64::MAX - positive(input.measure)) as u64;
            let (owned, owner) = input.owner.map_or((0, 0), |o| (1, o.get()));
            let key = (u128::from(descending) << 64) | (p as u128) << 1 | owned;
            Row { key, account: input.account, owner }
        })
        .collect();
    rows.sort_by_key(Row::group);
    rows
}

/// The segment index of a tie group whose first member is at `start`.
fn place(rule: &SegmentationRule, start: usize, n: usize, before: i128, total: i128, value: i64) -> usize {
    match &rule.method {
        // Exact: before / total ≥ cut  ⇔  before · 10⁶ ≥ cut_ppm · total.
        SegmentMethod::Pareto { cuts } => {
            cuts.iter().filter(|c| before * i128::from(Rate::PPM_PER_UNIT) >= i128::from(c.ppm()) * total).count()
        }
        SegmentMethod::Percentile { cuts } => {
            let above = start as i128;
            cuts.iter().filter(|c| above * i128::from(Rate::PPM_PER_UNIT) >= i128::from(c.ppm()) * n as i128).count()
        }
        SegmentMethod::Threshold { floors } => floors.iter().position(|f| value >= *f).unwrap_or(floors.len()),
    }
}
