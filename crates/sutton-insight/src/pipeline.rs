//! Pipeline measures (DEAL-3…6, DEAL-8): the open pipeline cube, coverage against remaining
//! quota with the required coverage learnt from history, movement between two dates, stage
//! conversion and cycle times, deal-quality flags, forecasts with their past accuracy, and
//! proposals' win rate.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap as Map;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use sutton_domain::{
    ForecastCategory, Money, OpportunityId, OpportunityStatus, Period, PeriodKind, ProposalStatus, Rate, Rounding,
    TeamId,
};

use crate::facts::{DealState, Dimension, Facts, Group, clamp, ratio};

/// Open pipeline summed by expected-close period × team × rep × product line × stage × forecast
/// category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineCell {
    pub period: Period,
    pub team: Group,
    pub rep: Group,
    pub product: Group,
    pub stage: Group,
    pub category: ForecastCategory,
    pub deals: u32,
    pub amount: Money,
    /// Σ amount × probability, each deal rounded once (half away from zero).
    pub weighted: Money,
}

/// Every open deal on `as_of`, as it stood then, summed into cells.
pub fn open_pipeline(f: &Facts<'_>, as_of: NaiveDate, kind: PeriodKind) -> Vec<PipelineCell> {
    type Key = (Period, Group, Group, Group, Group, ForecastCategory);
    let mut cells: BTreeMap<Key, (u32, i128, i128)> = BTreeMap::new();
    for i in 0..f.opportunities().len() {
        let Some(s) = open_state(f, i, as_of) else { continue };
        let key = (
            f.expected_period(&s, as_of, kind),
            f.group_of(i, &s, Dimension::Team),
            f.group_of(i, &s, Dimension::Rep),
            f.group_of(i, &s, Dimension::Product),
            f.group_of(i, &s, Dimension::Stage),
            s.category,
        );
        let cell = cells.entry(key).or_default();
        cell.0 += 1;
        cell.1 += i128::from(s.amount);
        cell.2 += i128::from(weighted(s.amount, s.probability));
    }
    cells
        .into_iter()
        .map(|((period, team, rep, product, stage, category), (deals, amount, w))| PipelineCell {
            period,
            team,
            rep,
            product,
            stage,
            category,
            deals,
            amount: f.money(amount),
            weighted: f.money(w),
        })
        .collect()
}

/// Coverage of one group's remaining quota in one upcoming period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    pub period: Period,
    pub group: Group,
    pub quota: Option<Money>,
    /// Won in the period up to the as-of date.
    pub booked: Money,
    /// Quota less bookings so far, never below zero.
    pub remaining: Option<Money>,
    /// Open pipeline expected to close in the period.
    pub pipeline: Money,
    pub deals: u32,
    /// Pipeline ÷ remaining quota.
    pub coverage: Option<Rate>,
    /// The coverage history says is needed at this distance from the period.
    pub required: Option<Rate>,
    /// Where `required` was learnt: the group's team, or the whole company when the team's
    /// history is too thin.
    pub required_from: Option<String>,
    /// Required coverage × remaining quota − pipeline, when positive.
    pub gap: Option<Money>,
}

/// How coverage is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoverageOptions {
    pub kind: PeriodKind,
    /// Upcoming periods, the current one first.
    pub periods: u32,
    /// Complete past periods the required coverage is learnt from.
    pub history: u32,
    pub by: Dimension,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        CoverageOptions { kind: PeriodKind::Quarter, periods: 4, history: 6, by: Dimension::Team }
    }
}

/// What history says about converting pipeline at a given distance from a period: pipeline
/// that was open at the same point before each past period, and what was then won in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ConversionHistory {
    pub periods: u32,
    pub pipeline_then: i128,
    pub booked_after: i128,
}

impl ConversionHistory {
    /// Pipeline needed per unit of bookings: pipeline then ÷ booked after.
    pub fn required(&self) -> Option<Rate> {
        ratio(self.pipeline_then, self.booked_after)
    }
}

/// The upcoming periods from the one holding `as_of`.
pub fn upcoming(f: &Facts<'_>, as_of: NaiveDate, kind: PeriodKind, n: u32) -> Vec<Period> {
    let first = f.calendar.period_of(as_of, kind);
    (0..n.max(1) as i32).map(|k| first.offset(k)).collect()
}

/// The required coverage per team (and for the company under `None`) for `target`, seen from
/// `as_of`: for each of the last `history` complete periods P, the pipeline open at the same
/// distance before P (expected to close in P) against the bookings in P after that point.
pub fn conversion_history(
    f: &Facts<'_>,
    as_of: NaiveDate,
    target: Period,
    history: u32,
) -> HashMap<Option<TeamId>, ConversionHistory> {
    let current = f.calendar.period_of(as_of, target.kind());
    let lead = as_of - f.calendar.start(target);
    let mut out: HashMap<Option<TeamId>, ConversionHistory> = HashMap::new();
    let first_created = f.opportunities().iter().map(|o| o.created_on).min();
    // What had been won by the as-of date, read once for every past period: (team, close, amount).
    let won: Vec<(Option<TeamId>, NaiveDate, i64)> = (0..f.opportunities().len())
        .filter_map(|i| {
            let s = f.state_on(i, as_of).filter(|s| s.status == OpportunityStatus::Won && f.counts(i))?;
            Some((f.team_of_deal(i), s.close, s.amount))
        })
        .collect();
    for back in 1..=history as i32 {
        let past = current.offset(-back);
        let (start, end) = (f.calendar.start(past), f.calendar.end(past));
        let then = start + lead;
        if end > as_of || first_created.is_none_or(|d| then < d) {
            continue;
        }
        let mut pipeline: Map<Option<TeamId>, i128> = Map::default();
        let mut booked: Map<Option<TeamId>, i128> = Map::default();
        for i in 0..f.opportunities().len() {
            if let Some(s) = open_state(f, i, then)
                && f.expected_period(&s, then, past.kind()) == past
            {
                *pipeline.entry(f.team_of_deal(i)).or_default() += i128::from(s.amount);
            }
        }
        for &(team, close, amount) in &won {
            if close > then && close >= start && close < end {
                *booked.entry(team).or_default() += i128::from(amount);
            }
        }
        let mut teams: Vec<Option<TeamId>> = pipeline.keys().chain(booked.keys()).copied().collect();
        teams.sort_unstable();
        teams.dedup();
        for team in teams {
            let (p, b) = (pipeline.get(&team).copied().unwrap_or(0), booked.get(&team).copied().unwrap_or(0));
            for key in [team, None] {
                let h = out.entry(key).or_default();
                h.pipeline_then += p;
                h.booked_after += b;
            }
        }
        for key in out.keys().copied().collect::<Vec<_>>() {
            if let Some(h) = out.get_mut(&key) {
                h.periods += 1;
            }
        }
    }
    out
}

/// Coverage of remaining quota per upcoming period and team (or rep), with the required
/// coverage from each team's history and the gap in money.
pub fn coverage(f: &Facts<'_>, as_of: NaiveDate, options: &CoverageOptions) -> Vec<CoverageRow> {
    let by = if options.by == Dimension::Rep { Dimension::Rep } else { Dimension::Team };
    // Each period reads every deal and its own history, independently: one per free core.
    let periods = upcoming(f, as_of, options.kind, options.periods);
    let per_period = crate::par_map(&periods, |&period| {
        let mut rows = Vec::new();
        let learnt = conversion_history(f, as_of, period, options.history);
        let (start, end) = (f.calendar.start(period), f.calendar.end(period));
        let mut groups: BTreeMap<Group, (Option<TeamId>, i128, i128, u32)> = BTreeMap::new();
        for i in 0..f.opportunities().len() {
            let Some(s) = f.state_on(i, as_of).filter(|_| f.counts(i)) else { continue };
            let group = f.group_of(i, &s, by);
            let team = f.team_of_deal(i);
            if s.is_open() && f.expected_period(&s, as_of, options.kind) == period {
                let g = groups.entry(group).or_insert((team, 0, 0, 0));
                g.2 += i128::from(s.amount);
                g.3 += 1;
            } else if s.status == OpportunityStatus::Won && s.close >= start && s.close < end {
                groups.entry(group).or_insert((team, 0, 0, 0)).1 += i128::from(s.amount);
            }
        }
        // Groups with a quota but nothing booked or open still need a row.
        if by == Dimension::Team {
            for team in f.selling_teams() {
                if f.team_quota(team, period).is_some() {
                    groups.entry(Group::new(team.get(), f.team_name(team))).or_insert((Some(team), 0, 0, 0));
                }
            }
        }
        for (group, (team, booked, pipeline, deals)) in groups {
            let quota = match by {
                Dimension::Rep => f.person_quota(sutton_domain::PersonId(group.id), period),
                _ => team.and_then(|t| f.team_quota(t, period)),
            };
            let remaining = quota.map(|q| (i128::from(q) - booked).max(0));
            let team_history = learnt.get(&team).copied().filter(|h| h.periods >= 2 && h.required().is_some());
            let (required, required_from) = match team_history {
                Some(h) => (h.required(), Some("team".to_owned())),
                None => match learnt.get(&None).and_then(ConversionHistory::required) {
                    Some(r) => (Some(r), Some("company".to_owned())),
                    None => (None, None),
                },
            };
            let gap = match (remaining, required) {
                (Some(rem), Some(req)) => {
                    let needed = Rounding::HalfAwayFromZero.divide(rem * i128::from(req.ppm()), 1_000_000);
                    Some(f.money((needed - pipeline).max(0)))
                }
                _ => None,
            };
            rows.push(CoverageRow {
                period,
                group,
                quota: quota.map(|q| f.money(i128::from(q))),
                booked: f.money(booked),
                remaining: remaining.map(|r| f.money(r)),
                pipeline: f.money(pipeline),
                deals,
                coverage: remaining.and_then(|r| ratio(pipeline, r)),
                required,
                required_from,
                gap,
            });
        }
        rows
    });
    per_period.into_iter().flatten().collect()
}

/// Where a group's pipeline went between two dates. Amounts leaving the pipeline (pushed out,
/// shrunk, won, lost) are positive numbers that subtract:
/// `end = start + new + pulled_in + grown − pushed_out − shrunk − won − lost`, exactly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    pub group: Group,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Pipeline expected to close in `[window_start, window_end)`.
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub start: Money,
    /// Created after `from`.
    pub new: Money,
    /// Open on `from` but expected outside the window (or closed then and reopened since).
    pub pulled_in: Money,
    /// Still open on `to` but now expected outside the window.
    pub pushed_out: Money,
    pub grown: Money,
    pub shrunk: Money,
    /// Won since, at the amount it had on `from`.
    pub won: Money,
    /// Lost since, at the amount it had on `from`.
    pub lost: Money,
    pub end: Money,
    pub deals_start: u32,
    pub deals_end: u32,
}

impl Movement {
    /// Whether the parts add up to the difference (always, by construction; tests hold us to it).
    pub fn reconciles(&self) -> bool {
        let sum = i128::from(self.start.minor())
            + i128::from(self.new.minor())
            + i128::from(self.pulled_in.minor())
            + i128::from(self.grown.minor())
            - i128::from(self.pushed_out.minor())
            - i128::from(self.shrunk.minor())
            - i128::from(self.won.minor())
            - i128::from(self.lost.minor());
        sum == i128::from(self.end.minor())
    }
}

/// Pipeline movement between `from` and `to` for deals expected to close in the window, by a
/// static dimension (team, rep, product or source; stage and category group by `to`'s state).
pub fn movement(
    f: &Facts<'_>,
    from: NaiveDate,
    to: NaiveDate,
    window: (NaiveDate, NaiveDate),
    by: Dimension,
) -> Vec<Movement> {
    let in_window = |s: &DealState<'_>, on: NaiveDate| {
        let expected = s.close.max(on);
        s.is_open() && expected >= window.0 && expected < window.1
    };
    #[derive(Default)]
    struct Parts {
        v: [i128; 9],
        deals_start: u32,
        deals_end: u32,
    }
    const START: usize = 0;
    const NEW: usize = 1;
    const PULLED: usize = 2;
    const PUSHED: usize = 3;
    const GROWN: usize = 4;
    const SHRUNK: usize = 5;
    const WON: usize = 6;
    const LOST: usize = 7;
    const END: usize = 8;
    let mut groups: BTreeMap<Group, Parts> = BTreeMap::new();
    for i in 0..f.opportunities().len() {
        if !f.counts(i) {
            continue;
        }
        let before = f.state_on(i, from);
        let after = f.state_on(i, to);
        let was = before.filter(|s| in_window(s, from));
        let is = after.filter(|s| in_window(s, to));
        if was.is_none() && is.is_none() {
            continue;
        }
        let Some(label_state) = after.or(before) else { continue };
        let p = groups.entry(f.group_of(i, &label_state, by)).or_default();
        match (was, is) {
            (Some(a), Some(b)) => {
                p.v[START] += i128::from(a.amount);
                p.v[END] += i128::from(b.amount);
                let diff = i128::from(b.amount) - i128::from(a.amount);
                if diff > 0 {
                    p.v[GROWN] += diff;
                } else {
                    p.v[SHRUNK] -= diff;
                }
                p.deals_start += 1;
                p.deals_end += 1;
            }
            (Some(a), None) => {
                p.v[START] += i128::from(a.amount);
                p.deals_start += 1;
                let part = match after.map(|s| s.status) {
                    Some(OpportunityStatus::Won) => WON,
                    Some(OpportunityStatus::Lost) => LOST,
                    _ => PUSHED,
                };
                p.v[part] += i128::from(a.amount);
            }
            (None, Some(b)) => {
                p.v[END] += i128::from(b.amount);
                p.deals_end += 1;
                let part = match before {
                    Some(s) if s.is_open() => PULLED,
                    Some(_) => PULLED,
                    None => NEW,
                };
                p.v[part] += i128::from(b.amount);
            }
            (None, None) => {}
        }
    }
    groups
        .into_iter()
        .map(|(group, p)| Movement {
            group,
            from,
            to,
            window_start: window.0,
            window_end: window.1,
            start: f.money(p.v[START]),
            new: f.money(p.v[NEW]),
            pulled_in: f.money(p.v[PULLED]),
            pushed_out: f.money(p.v[PUSHED]),
            grown: f.money(p.v[GROWN]),
            shrunk: f.money(p.v[SHRUNK]),
            won: f.money(p.v[WON]),
            lost: f.money(p.v[LOST]),
            end: f.money(p.v[END]),
            deals_start: p.deals_start,
            deals_end: p.deals_end,
        })
        .collect()
}

/// One stage of the funnel for the deals closed in a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageFlow {
    pub stage: String,
    /// Deals that reached this stage (won deals reached every open stage).
    pub reached: u32,
    /// Of those, deals that went on to a later stage or were won.
    pub advanced: u32,
    pub conversion: Option<Rate>,
    /// Mean days spent in the stage by deals that passed through it.
    pub mean_days: Option<f64>,
}

/// Win rate, deal size, cycle length, stage conversion and proposals for one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConversionRow {
    pub group: Group,
    pub won: u32,
    pub lost: u32,
    /// Won ÷ closed, by count.
    pub win_rate: Option<Rate>,
    /// Won ÷ closed, by value.
    pub value_win_rate: Option<Rate>,
    pub won_amount: Money,
    pub average_won: Option<Money>,
    /// Mean days from creation to close of the won deals.
    pub mean_cycle_days: Option<f64>,
    pub stages: Vec<StageFlow>,
    pub proposals: u32,
    /// Opportunities with at least one proposal.
    pub deals_with_proposals: u32,
    pub proposals_won: u32,
    pub proposals_lost: u32,
    /// Proposals on deals won ÷ proposals on deals decided.
    pub proposal_win_rate: Option<Rate>,
}

/// Conversion measures over the deals that closed in `(as_of − days, as_of]`.
pub fn conversion(f: &Facts<'_>, as_of: NaiveDate, days: i64, by: Dimension) -> Vec<ConversionRow> {
    let from = as_of - Duration::days(days);
    let mut open_stages: Vec<(&str, i32)> = f
        .data
        .stages
        .iter()
        .filter(|s| s.status == OpportunityStatus::Open)
        .map(|s| (s.name.as_str(), s.sort_order))
        .collect();
    open_stages.sort_by_key(|s| s.1);
    #[derive(Default)]
    struct Acc {
        won: u32,
        lost: u32,
        won_amount: i128,
        lost_amount: i128,
        cycle_days: i64,
        reached: Vec<u32>,
        advanced: Vec<u32>,
        stage_days: Vec<(i64, u32)>,
        proposals: u32,
        deals_with_proposals: u32,
        proposals_won: u32,
        proposals_lost: u32,
    }
    let mut proposals_of: Map<OpportunityId, u32> = Map::default();
    for p in f.data.proposals.iter().filter(|p| p.sent_on <= as_of && p.status != ProposalStatus::Draft) {
        *proposals_of.entry(p.opportunity).or_default() += 1;
    }
    let mut groups: BTreeMap<Group, Acc> = BTreeMap::new();
    for i in 0..f.opportunities().len() {
        let Some(s) = f.state_on(i, as_of).filter(|s| !s.is_open() && f.counts(i)) else { continue };
        if s.close <= from || s.close > as_of {
            continue;
        }
        let o = &f.opportunities()[i];
        let a = groups.entry(f.group_of(i, &s, by)).or_insert_with(|| Acc {
            reached: vec![0; open_stages.len()],
            advanced: vec![0; open_stages.len()],
            stage_days: vec![(0, 0); open_stages.len()],
            ..Acc::default()
        });
        let won = s.status == OpportunityStatus::Won;
        if won {
            a.won += 1;
            a.won_amount += i128::from(s.amount);
            a.cycle_days += (s.close - o.created_on).num_days();
        } else {
            a.lost += 1;
            a.lost_amount += i128::from(s.amount);
        }
        if let Some(&n) = proposals_of.get(&o.id) {
            a.proposals += n;
            a.deals_with_proposals += 1;
            if won {
                a.proposals_won += n;
            } else {
                a.proposals_lost += n;
            }
        }
        // Stages: the furthest open stage reached, and days in each from the history.
        let history = f.history(i);
        let position = |stage: &str| open_stages.iter().position(|(n, _)| *n == stage);
        let mut furthest: Option<usize> = None;
        let mut spans: Vec<(usize, NaiveDate)> = Vec::new();
        for c in history.iter().filter(|c| c.changed_at.date() <= as_of) {
            if let Some(p) = position(&c.stage) {
                furthest = Some(furthest.map_or(p, |x: usize| x.max(p)));
                if spans.last().is_none_or(|(last, _)| *last != p) {
                    spans.push((p, c.changed_at.date()));
                }
            } else if spans.last().is_none_or(|(last, _)| *last != usize::MAX) {
                spans.push((usize::MAX, c.changed_at.date()));
            }
        }
        if history.is_empty() {
            furthest = position(o.stage.as_str());
        }
        let furthest = if won { open_stages.len().checked_sub(1) } else { furthest };
        if let Some(top) = furthest {
            for k in 0..=top {
                a.reached[k] += 1;
                if k < top || won {
                    a.advanced[k] += 1;
                }
            }
        }
        for w in spans.windows(2) {
            if w[0].0 != usize::MAX {
                let d = &mut a.stage_days[w[0].0];
                d.0 += (w[1].1 - w[0].1).num_days();
                d.1 += 1;
            }
        }
    }
    groups
        .into_iter()
        .map(|(group, a)| {
            let closed = a.won + a.lost;
            ConversionRow {
                group,
                won: a.won,
                lost: a.lost,
                win_rate: ratio(a.won.into(), closed.into()),
                value_win_rate: ratio(a.won_amount, a.won_amount + a.lost_amount),
                won_amount: f.money(a.won_amount),
                average_won: (a.won > 0)
                    .then(|| f.money(Rounding::HalfAwayFromZero.divide(a.won_amount, i128::from(a.won)))),
                mean_cycle_days: (a.won > 0).then(|| a.cycle_days as f64 / f64::from(a.won)),
                stages: open_stages
                    .iter()
                    .enumerate()
                    .map(|(k, (name, _))| StageFlow {
                        stage: (*name).to_owned(),
                        reached: a.reached[k],
                        advanced: a.advanced[k],
                        conversion: ratio(a.advanced[k].into(), a.reached[k].into()),
                        mean_days: (a.stage_days[k].1 > 0)
                            .then(|| a.stage_days[k].0 as f64 / f64::from(a.stage_days[k].1)),
                    })
                    .collect(),
                proposals: a.proposals,
                deals_with_proposals: a.deals_with_proposals,
                proposals_won: a.proposals_won,
                proposals_lost: a.proposals_lost,
                proposal_win_rate: ratio(a.proposals_won.into(), (a.proposals_won + a.proposals_lost).into()),
            }
        })
        .collect()
}

/// When a deal deserves a reviewer's question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagRules {
    /// No change of stage, amount or close date for this many days.
    pub stale_days: i64,
    /// Close date pushed back at least this many times.
    pub pushes: u32,
    /// No selling activity on the deal or its account for this many days.
    pub quiet_days: i64,
}

impl Default for FlagRules {
    fn default() -> Self {
        FlagRules { stale_days: 60, pushes: 2, quiet_days: 30 }
    }
}

/// Why a deal was flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum DealFlag {
    Stale {
        days: i64,
    },
    Pushed {
        times: u32,
    },
    NoActivity {
        days: Option<i64>,
    },
    SingleThreaded {
        contacts: u32,
    },
    Overdue {
        days: i64,
    },
    /// The account's ideal-client fit score is below the profile's threshold (only when scores
    /// exist).
    OutsideIcp {
        score_ppm: i64,
    },
}

impl DealFlag {
    /// The flag's kind, as stored and as message ids name it.
    pub fn kind(&self) -> &'static str {
        match self {
            DealFlag::Stale { .. } => "stale",
            DealFlag::Pushed { .. } => "pushed",
            DealFlag::NoActivity { .. } => "no_activity",
            DealFlag::SingleThreaded { .. } => "single_threaded",
            DealFlag::Overdue { .. } => "overdue",
            DealFlag::OutsideIcp { .. } => "outside_icp",
        }
    }

    /// The flag's number (days, times, contacts, score in ppm); `None` for "never".
    pub fn number(&self) -> Option<i64> {
        match *self {
            DealFlag::Stale { days } | DealFlag::Overdue { days } => Some(days),
            DealFlag::Pushed { times } => Some(i64::from(times)),
            DealFlag::NoActivity { days } => days,
            DealFlag::SingleThreaded { contacts } => Some(i64::from(contacts)),
            DealFlag::OutsideIcp { score_ppm } => Some(score_ppm),
        }
    }

    /// One flag from its kind and number; `None` for an unknown kind.
    pub fn from_parts(kind: &str, number: Option<i64>) -> Option<DealFlag> {
        let n = number.unwrap_or(0);
        let small = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        Some(match kind {
            "stale" => DealFlag::Stale { days: n },
            "pushed" => DealFlag::Pushed { times: small(n) },
            "no_activity" => DealFlag::NoActivity { days: number },
            "single_threaded" => DealFlag::SingleThreaded { contacts: small(n) },
            "overdue" => DealFlag::Overdue { days: n },
            "outside_icp" => DealFlag::OutsideIcp { score_ppm: n },
            _ => return None,
        })
    }
}

/// Flags as one line of text for storing: `stale:75 pushed:3 no_activity:-`.
pub fn encode_flags(flags: &[DealFlag]) -> String {
    flags
        .iter()
        .map(|f| format!("{}:{}", f.kind(), f.number().map_or_else(|| "-".to_owned(), |n| n.to_string())))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Flags back from [`encode_flags`]' text; parts it does not know are skipped.
pub fn decode_flags(text: &str) -> Vec<DealFlag> {
    text.split_whitespace()
        .filter_map(|part| {
            let (kind, number) = part.split_once(':').unwrap_or((part, "-"));
            DealFlag::from_parts(kind, number.parse().ok())
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedDeal {
    pub opportunity: OpportunityId,
    pub name: String,
    pub owner: Group,
    pub team: Group,
    pub stage: String,
    pub amount: Money,
    pub close_date: NaiveDate,
    pub flags: Vec<DealFlag>,
}

/// Open deals on `as_of` with at least one quality flag, largest first.
pub fn flag_deals(f: &Facts<'_>, as_of: NaiveDate, rules: &FlagRules) -> Vec<FlaggedDeal> {
    let mut out = Vec::new();
    for i in 0..f.opportunities().len() {
        let Some(s) = open_state(f, i, as_of) else { continue };
        let o = &f.opportunities()[i];
        let flags = deal_flags(f, i, &s, as_of, rules);
        if flags.is_empty() {
            continue;
        }
        out.push(FlaggedDeal {
            opportunity: o.id,
            name: o.name.clone(),
            owner: f.group_of(i, &s, Dimension::Rep),
            team: f.group_of(i, &s, Dimension::Team),
            stage: s.stage.to_owned(),
            amount: f.money(s.amount.into()),
            close_date: s.close,
            flags,
        });
    }
    out.sort_by(|a, b| b.amount.minor().cmp(&a.amount.minor()).then(a.opportunity.cmp(&b.opportunity)));
    out
}

/// The quality flags of deal `i` in state `s` on `as_of` (empty when nothing is wrong).
pub fn deal_flags(f: &Facts<'_>, i: usize, s: &DealState<'_>, as_of: NaiveDate, rules: &FlagRules) -> Vec<DealFlag> {
    let o = &f.opportunities()[i];
    let mut flags = Vec::new();
    let history: Vec<_> = f.history(i).iter().filter(|c| c.changed_at.date() <= as_of).collect();
    let last_change = history.last().map_or(o.created_on, |c| c.changed_at.date());
    let still = (as_of - last_change).num_days();
    if still >= rules.stale_days {
        flags.push(DealFlag::Stale { days: still });
    }
    let pushes = history.windows(2).filter(|w| w[1].close_date > w[0].close_date).count() as u32;
    if pushes >= rules.pushes {
        flags.push(DealFlag::Pushed { times: pushes });
    }
    let last =
        [f.last_deal_activity(o.id, as_of), f.last_account_activity(o.account, as_of)].into_iter().flatten().max();
    let quiet = last.map(|d| (as_of - d).num_days());
    if quiet.is_none_or(|d| d >= rules.quiet_days) {
        flags.push(DealFlag::NoActivity { days: quiet });
    }
    let threads = f.threads(o.account, as_of);
    if threads <= 1 {
        flags.push(DealFlag::SingleThreaded { contacts: threads });
    }
    if s.close < as_of {
        flags.push(DealFlag::Overdue { days: (as_of - s.close).num_days() });
    }
    if let Some((score, false)) = f.icp_fit(o.account) {
        flags.push(DealFlag::OutsideIcp { score_ppm: score.ppm() });
    }
    flags
}

/// A forecast for one period and group: won so far plus open pipeline by category, weighted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastRow {
    pub period: Period,
    pub group: Group,
    pub quota: Option<Money>,
    pub won: Money,
    pub commit: Money,
    pub best_case: Money,
    pub pipeline: Money,
    /// Σ open amount × probability.
    pub weighted: Money,
    /// Won + commit.
    pub commit_forecast: Money,
    /// Won + weighted.
    pub weighted_forecast: Money,
}

/// A past period's forecast as it stood at the same point of the period, against what was won.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccuracyRow {
    pub period: Period,
    pub group: Group,
    pub as_of: NaiveDate,
    pub commit_forecast: Money,
    pub weighted_forecast: Money,
    pub actual: Money,
    /// Forecast ÷ actual.
    pub commit_accuracy: Option<Rate>,
    pub weighted_accuracy: Option<Rate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub rows: Vec<ForecastRow>,
    pub accuracy: Vec<AccuracyRow>,
}

/// Weighted and category forecasts for the upcoming periods, and for the last `history`
/// complete periods the forecast made at the same point in the period against the actual.
pub fn forecast(f: &Facts<'_>, as_of: NaiveDate, options: &CoverageOptions) -> Forecast {
    let by = options.by;
    let mut rows = Vec::new();
    for period in upcoming(f, as_of, options.kind, options.periods) {
        for (group, t) in forecast_at(f, as_of, period, by) {
            let quota = match by {
                Dimension::Team => f.team_quota(TeamId(group.id), period),
                Dimension::Rep => f.person_quota(sutton_domain::PersonId(group.id), period),
                _ => None,
            };
            rows.push(ForecastRow {
                period,
                group,
                quota: quota.map(|q| f.money(q.into())),
                won: f.money(t[0]),
                commit: f.money(t[1]),
                best_case: f.money(t[2]),
                pipeline: f.money(t[3]),
                weighted: f.money(t[4]),
                commit_forecast: f.money(t[0] + t[1]),
                weighted_forecast: f.money(t[0] + t[4]),
            });
        }
    }
    let current = f.calendar.period_of(as_of, options.kind);
    let into = as_of - f.calendar.start(current);
    let mut accuracy = Vec::new();
    for back in (1..=options.history as i32).rev() {
        let period = current.offset(-back);
        let then = f.calendar.start(period) + into;
        let end = f.calendar.end(period);
        if then >= end {
            continue;
        }
        let actual = forecast_at(f, as_of, period, by);
        for (group, t) in forecast_at(f, then, period, by) {
            let won = actual.get(&group).map_or(0, |a| a[0]);
            accuracy.push(AccuracyRow {
                period,
                group,
                as_of: then,
                commit_forecast: f.money(t[0] + t[1]),
                weighted_forecast: f.money(t[0] + t[4]),
                actual: f.money(won),
                commit_accuracy: ratio(t[0] + t[1], won),
                weighted_accuracy: ratio(t[0] + t[4], won),
            });
        }
    }
    Forecast { rows, accuracy }
}

/// One period's forecast per group as it stood on `on` (no quota): what was won in the period
/// by then, and the open pipeline expected in it by category, weighted. Seen after the period
/// has ended, `won` is the actual.
pub fn period_forecast(f: &Facts<'_>, on: NaiveDate, period: Period, by: Dimension) -> Vec<ForecastRow> {
    forecast_at(f, on, period, by)
        .into_iter()
        .map(|(group, t)| ForecastRow {
            period,
            group,
            quota: None,
            won: f.money(t[0]),
            commit: f.money(t[1]),
            best_case: f.money(t[2]),
            pipeline: f.money(t[3]),
            weighted: f.money(t[4]),
            commit_forecast: f.money(t[0] + t[1]),
            weighted_forecast: f.money(t[0] + t[4]),
        })
        .collect()
}

/// Per group on `on`, for `period`: [won, commit, best case, pipeline, weighted].
fn forecast_at(f: &Facts<'_>, on: NaiveDate, period: Period, by: Dimension) -> BTreeMap<Group, [i128; 5]> {
    let (start, end) = (f.calendar.start(period), f.calendar.end(period));
    let mut out: BTreeMap<Group, [i128; 5]> = BTreeMap::new();
    for i in 0..f.opportunities().len() {
        let Some(s) = f.state_on(i, on).filter(|_| f.counts(i)) else { continue };
        let slot = if s.is_open() {
            if f.expected_period(&s, on, period.kind()) != period {
                continue;
            }
            match s.category {
                ForecastCategory::Commit => Some(1),
                ForecastCategory::BestCase => Some(2),
                ForecastCategory::Pipeline => Some(3),
                ForecastCategory::Closed | ForecastCategory::Omitted => None,
            }
        } else if s.status == OpportunityStatus::Won && s.close >= start && s.close < end {
            Some(0)
        } else {
            continue;
        };
        let t = out.entry(f.group_of(i, &s, by)).or_default();
        if let Some(k) = slot {
            t[k] += i128::from(s.amount);
        }
        if s.is_open() {
            t[4] += i128::from(weighted(s.amount, s.probability));
        }
    }
    out
}

/// The deal's state on `on` if it was open then (and in the organisation's currency).
pub(crate) fn open_state<'a>(f: &Facts<'a>, i: usize, on: NaiveDate) -> Option<DealState<'a>> {
    f.state_on(i, on).filter(|s| s.is_open() && f.counts(i))
}

fn weighted(amount: i64, probability: Rate) -> i64 {
    clamp(Rounding::HalfAwayFromZero.divide(i128::from(amount) * i128::from(probability.ppm()), 1_000_000))
}
