//! The sales-whiplash early warning (WHIP-1…9): eight measures per team and for the company,
//! each against a stated threshold, a risk score that adds up their contributions, and alerts.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashMap as Map;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use sutton_domain::{AccountId, Money, OpportunityStatus, Period, PeriodKind, ProductLineId, Rate, TeamId};

use crate::facts::{Facts, Group, ratio};
use crate::pipeline::{ConversionHistory, conversion_history, upcoming};

/// The eight causes of whiplash the report looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    Volatility,
    ForwardCoverage,
    RenewalCliff,
    Concentration,
    EngagementGap,
    SingleThreaded,
    FunnelStarvation,
    ProductSkew,
}

impl CauseKind {
    pub const ALL: [CauseKind; 8] = [
        CauseKind::ForwardCoverage,
        CauseKind::RenewalCliff,
        CauseKind::Volatility,
        CauseKind::Concentration,
        CauseKind::FunnelStarvation,
        CauseKind::ProductSkew,
        CauseKind::EngagementGap,
        CauseKind::SingleThreaded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CauseKind::Volatility => "volatility",
            CauseKind::ForwardCoverage => "forward_coverage",
            CauseKind::RenewalCliff => "renewal_cliff",
            CauseKind::Concentration => "concentration",
            CauseKind::EngagementGap => "engagement_gap",
            CauseKind::SingleThreaded => "single_threaded",
            CauseKind::FunnelStarvation => "funnel_starvation",
            CauseKind::ProductSkew => "product_skew",
        }
    }

    /// Points of the 0–100 risk this cause carries at full severity. The two that say the bust
    /// is already scheduled (no pipeline, contracts running out) weigh most.
    pub fn weight(self) -> f64 {
        match self {
            CauseKind::ForwardCoverage | CauseKind::RenewalCliff => 25.0,
            CauseKind::Volatility => 15.0,
            CauseKind::Concentration | CauseKind::FunnelStarvation => 8.0,
            CauseKind::ProductSkew => 7.0,
            CauseKind::EngagementGap | CauseKind::SingleThreaded => 6.0,
        }
    }
}

/// One measure for one team, against its threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cause {
    pub kind: CauseKind,
    /// The period the measure is about, where it is about one.
    pub period: Option<Period>,
    pub value: f64,
    pub threshold: f64,
    /// Beyond the threshold.
    pub flagged: bool,
    /// 0 when not flagged; up to 1 the further beyond the threshold.
    pub severity: f64,
    /// Points of the risk score: weight × severity.
    pub contribution: f64,
    /// In English words, for the command line and its JSON.
    pub explanation: String,
    /// The figures the explanation is made of, for putting it in other languages.
    #[serde(skip)]
    pub figures: CauseFigures,
}

/// Why a measure could not be read for a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotMeasured {
    /// Forward coverage: no quota, or no history to read the required coverage from.
    NoCoverageBasis,
    /// Renewal cliff: no contract ended in the last twelve months to compare with.
    NoContractsEnded,
    /// Volatility: fewer than four complete quarters of bookings.
    FewQuarters,
    /// Concentration: nothing booked in the last year.
    NothingBooked,
    /// Engagement gap: no customers in force.
    NoCustomers,
    /// Single-threading: no customers and no open deals.
    NoCustomersOrDeals,
    /// Funnel starvation: no pipeline created in the year before.
    NoPipelineBefore,
    /// Product skew: too little new pipeline to compare.
    TooLittlePipeline,
    /// Product skew: no product lines.
    NoProductLines,
}

impl NotMeasured {
    fn english(self) -> &'static str {
        match self {
            NotMeasured::NoCoverageBasis => "no quota or no history to read coverage against",
            NotMeasured::NoContractsEnded => "no contracts ended in the last twelve months",
            NotMeasured::FewQuarters => "fewer than four complete quarters of bookings",
            NotMeasured::NothingBooked => "nothing booked in the last year",
            NotMeasured::NoCustomers => "no customers in force",
            NotMeasured::NoCustomersOrDeals => "no customers or open deals",
            NotMeasured::NoPipelineBefore => "no pipeline created in the year before",
            NotMeasured::TooLittlePipeline => "too little new pipeline to compare",
            NotMeasured::NoProductLines => "no product lines",
        }
    }
}

/// A cause's reading in figures: shares are fractions (0.25 is 25 %), money is exact.
#[derive(Debug, Clone, PartialEq)]
pub enum CauseFigures {
    NotMeasured(NotMeasured),
    /// The month whose pipeline is furthest below what history says it needs.
    ForwardCoverage {
        share: f64,
        month: Period,
        month_start: NaiveDate,
        pipeline: Money,
        remaining: Money,
        required: f64,
        coverage: f64,
        gap: Option<Money>,
        /// Other months short of the threshold, with their share.
        also_short: Vec<(Period, f64)>,
    },
    NoUncoveredContracts,
    RenewalCliff {
        expiring: Money,
        contracts: u32,
        month: Period,
        month_start: NaiveDate,
        renewing: Money,
        replacing: Money,
        uncovered: Money,
        /// Uncovered value ÷ a typical month's expiring value.
        ratio: f64,
        typical: Money,
        /// Uncovered value ÷ the quarter's quota, when there is one.
        of_quota: Option<f64>,
    },
    Volatility {
        quarters: usize,
        cv: f64,
        low: Money,
        high: Money,
        reversals: usize,
        chances: usize,
    },
    Concentration {
        deals: usize,
        top3: f64,
        booked: Money,
        top5: f64,
        hhi: f64,
    },
    EngagementGap {
        share: f64,
        orphaned: u32,
        orphaned_value: Money,
        quiet: u32,
        quiet_value: Money,
        quiet_days: i64,
    },
    SingleThreaded {
        share: f64,
        value: Money,
        accounts: u32,
        of_accounts: usize,
        deals: u32,
        of_deals: u32,
    },
    FunnelStarvation {
        since: NaiveDate,
        created_ratio: f64,
        recent: Money,
        before: Money,
        effort_ratio: f64,
    },
    ProductSkew {
        /// `None`: pipeline with no product.
        line: Option<String>,
        since: NaiveDate,
        now: f64,
        then: f64,
    },
}

impl CauseFigures {
    /// The figures in English words.
    pub fn english(&self) -> String {
        match self {
            CauseFigures::NotMeasured(why) => format!("not measured: {}", why.english()),
            CauseFigures::ForwardCoverage {
                share,
                month,
                month_start,
                pipeline,
                remaining,
                required,
                coverage,
                gap,
                also_short,
            } => {
                let mut text = format!(
                    "{} of the pipeline needed for {} ({}) is in place: {} open against {} of quota still to book; at this distance history needs {:.2}× coverage, this has {:.2}×{}",
                    percent(*share),
                    month,
                    month_name(*month_start),
                    money(*pipeline),
                    money(*remaining),
                    required,
                    coverage,
                    gap.map(|g| format!(", a gap of {}", money(g))).unwrap_or_default(),
                );
                if !also_short.is_empty() {
                    let others: Vec<String> = also_short.iter().map(|(m, s)| format!("{m} {}", percent(*s))).collect();
                    text.push_str(&format!(" (also short: {})", others.join(", ")));
                }
                text
            }
            CauseFigures::NoUncoveredContracts => "no contract value ends uncovered in the coming months".to_owned(),
            CauseFigures::RenewalCliff {
                expiring,
                contracts,
                month,
                month_start,
                renewing,
                replacing,
                uncovered,
                ratio,
                typical,
                of_quota,
            } => format!(
                "{} of contracts (annual value, {} contracts) end in {} ({}) with {} of renewal and {} of other pipeline at those accounts: {} uncovered, {:.1}× a typical month's expiring value ({}){}",
                money(*expiring),
                contracts,
                month,
                month_name(*month_start),
                money(*renewing),
                money(*replacing),
                money(*uncovered),
                ratio,
                money(*typical),
                of_quota.map(|q| format!("; that is {} of the quarter's quota", percent(q))).unwrap_or_default(),
            ),
            CauseFigures::Volatility { quarters, cv, low, high, reversals, chances } => format!(
                "quarterly bookings over the last {} quarters vary by {} of their mean (coefficient of variation {:.2}); from {} to {}, and the direction reversed {} times in {} chances",
                quarters,
                percent(*cv),
                cv,
                money(*low),
                money(*high),
                reversals,
                chances,
            ),
            CauseFigures::Concentration { deals, top3, booked, top5, hhi } => format!(
                "the top 3 of {} deals won in the last year bring {} of {} booked; the top 5 customers {}; Herfindahl index over customers {:.3}",
                deals,
                percent(*top3),
                money(*booked),
                percent(*top5),
                hhi
            ),
            CauseFigures::EngagementGap { share, orphaned, orphaned_value, quiet, quiet_value, quiet_days } => format!(
                "{} of customer value has no one watching: {} customers ({}) whose owner has left, {} ({}) with no selling contact in {} days",
                percent(*share),
                orphaned,
                money(*orphaned_value),
                quiet,
                money(*quiet_value),
                quiet_days
            ),
            CauseFigures::SingleThreaded { share, value, accounts, of_accounts, deals, of_deals } => format!(
                "{} of customer and pipeline value ({}) sits at {} of {} accounts that hang on one contact; {} of {} open deals are single-threaded",
                percent(*share),
                money(*value),
                accounts,
                of_accounts,
                deals,
                of_deals
            ),
            CauseFigures::FunnelStarvation { since, created_ratio, recent, before, effort_ratio } => format!(
                "new pipeline created since {since} runs at {} of the pace of the year before ({} against {} a quarter), while closing effort is {} of what it was",
                percent(*created_ratio),
                money(*recent),
                money(*before),
                percent(*effort_ratio)
            ),
            CauseFigures::ProductSkew { line, since, now, then } => format!(
                "{} takes {} of new pipeline created since {since} against {} in the year before ({:+.0} points), leaving the other lines' pipeline thin",
                line.as_deref().unwrap_or("(no product)"),
                percent(*now),
                percent(*then),
                (now - then) * 100.0
            ),
        }
    }
}

/// What one upcoming period looks like for a team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    pub period: Period,
    pub quota: Option<Money>,
    pub booked: Money,
    pub pipeline: Money,
    pub coverage: Option<Rate>,
    pub required: Option<Rate>,
    /// Contract value (annual) ending in the period and not renewed by the as-of date.
    pub expiring: Money,
    /// Open renewal pipeline for those contracts.
    pub renewing: Money,
    /// Other open pipeline at the same accounts.
    pub replacing: Money,
}

/// A team's (or the company's) whiplash risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamRisk {
    /// Id 0 is the whole company.
    pub team: Group,
    pub risk: u32,
    /// Flagged causes, largest contribution first.
    pub causes: Vec<Cause>,
    /// Every measure, flagged or not, in a fixed order.
    pub checks: Vec<Cause>,
    /// Bookings (new and expansion, renewals aside) per complete quarter, oldest first.
    pub bookings: Vec<(Period, Money)>,
    pub outlook: Vec<Outlook>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub team: Group,
    pub kind: CauseKind,
    pub period: Option<Period>,
    pub severity: f64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhiplashReport {
    pub as_of: NaiveDate,
    pub periods: Vec<Period>,
    pub teams: Vec<TeamRisk>,
    pub company: TeamRisk,
    /// Causes of severity 0.5 or more, and every flagged cause that names the period where the
    /// bust lands (forward coverage, renewal cliff); most severe first.
    pub alerts: Vec<Alert>,
}

/// Thresholds and horizons. Each threshold is the point where a sales leader should look;
/// the defaults are stated in the crate's opening essay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WhiplashOptions {
    /// Upcoming periods, the current one first.
    pub periods: u32,
    pub kind: PeriodKind,
    /// Complete past periods the required coverage is learnt from.
    pub history: u32,
    /// Complete quarters of bookings the volatility is read over.
    pub volatility_quarters: u32,
    pub volatility_cv: f64,
    /// Coverage ÷ required coverage below this is a warning.
    pub coverage_share: f64,
    /// Uncovered expiring value in one month ÷ a typical month's expiring value above this is a
    /// cliff.
    pub cliff_ratio: f64,
    /// Share of the last year's bookings in the top three deals.
    pub top_deals_share: f64,
    /// Share of customer value with no owner at work or no contact for `quiet_days`.
    pub engagement_share: f64,
    pub quiet_days: i64,
    /// Share of customer and pipeline value on accounts with at most one engaged contact.
    pub single_threaded_share: f64,
    /// New pipeline of the last two quarters ÷ the four before, per quarter.
    pub starvation_ratio: f64,
    /// Rise of one line's share of new pipeline, in share points, against its history.
    pub skew_points: f64,
}

impl Default for WhiplashOptions {
    fn default() -> Self {
        WhiplashOptions {
            periods: 4,
            kind: PeriodKind::Quarter,
            history: 6,
            volatility_quarters: 8,
            volatility_cv: 0.35,
            coverage_share: 0.6,
            cliff_ratio: 1.5,
            top_deals_share: 0.5,
            engagement_share: 0.3,
            quiet_days: 180,
            single_threaded_share: 0.3,
            starvation_ratio: 0.75,
            skew_points: 0.25,
        }
    }
}

/// The whole report: every selling team and the company.
pub fn whiplash(f: &Facts<'_>, as_of: NaiveDate, options: &WhiplashOptions) -> WhiplashReport {
    let periods = upcoming(f, as_of, options.kind, options.periods);
    // What history says each upcoming period and month needs: a pass over every deal and
    // past period for each, independent of one another, so shared among the cores.
    let last_day = periods.last().map_or(as_of, |p| f.calendar.last_day(*p));
    let months = f.calendar.periods(as_of, last_day, PeriodKind::Month);
    let targets: Vec<Period> = periods.iter().chain(&months).copied().collect();
    let mut learnt = crate::par_map(&targets, |p| conversion_history(f, as_of, *p, options.history));
    let learnt_months = learnt.split_off(periods.len());
    let ctx = Context::new(f, as_of, options, &periods, &learnt, months, learnt_months);
    // Every team and the company (`None`, last), each on the first free core.
    let mut scopes: Vec<Option<TeamId>> = f.selling_teams().into_iter().map(Some).collect();
    scopes.push(None);
    let mut teams: Vec<TeamRisk> = crate::par_map(&scopes, |t| ctx.team(*t));
    let company = teams.pop().unwrap_or_else(|| ctx.team(None));
    let mut alerts: Vec<Alert> = teams
        .iter()
        .chain(std::iter::once(&company))
        .flat_map(|t| {
            t.causes.iter().filter(|c| c.severity >= 0.5 || c.period.is_some()).map(|c| Alert {
                team: t.team.clone(),
                kind: c.kind,
                period: c.period,
                severity: c.severity,
                message: format!("{}: {}", t.team.name, c.explanation),
            })
        })
        .collect();
    alerts.sort_by(|a, b| b.severity.total_cmp(&a.severity).then(a.team.cmp(&b.team)).then(a.kind.cmp(&b.kind)));
    WhiplashReport { as_of, periods, teams, company, alerts }
}

struct Context<'f, 'a> {
    f: &'f Facts<'a>,
    as_of: NaiveDate,
    o: &'f WhiplashOptions,
    periods: &'f [Period],
    learnt: &'f [HashMap<Option<TeamId>, ConversionHistory>],
    /// The months of the horizon, from the as-of date's month to the end of the last period.
    months: Vec<Period>,
    learnt_months: Vec<HashMap<Option<TeamId>, ConversionHistory>>,
    /// Deals' states on the as-of date (`None`: not created yet).
    states: Vec<Option<crate::facts::DealState<'a>>>,
    /// Per team (and `None` for the company), read in one pass over the deals when first
    /// asked for, rather than once per team: new pipeline per line in the two windows…
    created: std::sync::OnceLock<ByTeam<BTreeMap<Option<ProductLineId>, [i128; 2]>>>,
    /// …and late-stage selling activity in the two windows.
    effort: std::sync::OnceLock<ByTeam<[f64; 2]>>,
}

type ByTeam<T> = Map<Option<TeamId>, T>;

impl<'f, 'a> Context<'f, 'a> {
    fn new(
        f: &'f Facts<'a>,
        as_of: NaiveDate,
        o: &'f WhiplashOptions,
        periods: &'f [Period],
        learnt: &'f [HashMap<Option<TeamId>, ConversionHistory>],
        months: Vec<Period>,
        learnt_months: Vec<HashMap<Option<TeamId>, ConversionHistory>>,
    ) -> Context<'f, 'a> {
        let states = (0..f.opportunities().len()).map(|i| f.state_on(i, as_of).filter(|_| f.counts(i))).collect();
        Context {
            f,
            as_of,
            o,
            periods,
            learnt,
            months,
            learnt_months,
            states,
            created: std::sync::OnceLock::new(),
            effort: std::sync::OnceLock::new(),
        }
    }

    /// The keys a deal counts under in per-team figures: its team's, and the company's (`None`).
    fn counted_under(&self, i: usize) -> impl Iterator<Item = Option<TeamId>> {
        [self.f.team_of_deal(i).map(Some), Some(None)].into_iter().flatten()
    }

    fn in_scope(&self, i: usize, team: Option<TeamId>) -> bool {
        team.is_none_or(|t| self.f.team_of_deal(i) == Some(t))
    }

    fn account_in_scope(&self, account: AccountId, team: Option<TeamId>) -> bool {
        team.is_none_or(|t| self.f.owner_of_account(account).and_then(|p| self.f.team_of(p)) == Some(t))
    }

    fn quota(&self, team: Option<TeamId>, period: Period) -> Option<i64> {
        match team {
            Some(t) => self.f.team_quota(t, period),
            None => {
                let sum: i128 =
                    self.f.selling_teams().iter().filter_map(|t| self.f.team_quota(*t, period)).map(i128::from).sum();
                (sum > 0).then(|| crate::facts::clamp(sum))
            }
        }
    }

    fn team(&self, team: Option<TeamId>) -> TeamRisk {
        let name = match team {
            Some(t) => Group::new(t.get(), self.f.team_name(t)),
            None => Group::new(0, "Company"),
        };
        let bookings = self.bookings(team);
        let outlook = self.outlook(team);
        let mut checks = vec![
            self.forward_coverage(team),
            self.renewal_cliff(team),
            self.volatility(&bookings),
            self.concentration(team),
            self.funnel_starvation(team),
            self.product_skew(team),
            self.engagement_gap(team),
            self.single_threaded(team),
        ];
        for c in &mut checks {
            c.contribution = round2(c.kind.weight() * c.severity);
        }
        let risk = checks.iter().map(|c| c.contribution).sum::<f64>().round().clamp(0.0, 100.0) as u32;
        let mut causes: Vec<Cause> = checks.iter().filter(|c| c.flagged).cloned().collect();
        causes.sort_by(|a, b| b.contribution.total_cmp(&a.contribution).then(a.kind.cmp(&b.kind)));
        let bookings = bookings.into_iter().map(|(p, v)| (p, self.f.money(v))).collect();
        TeamRisk { team: name, risk, causes, checks, bookings, outlook }
    }

    /// New and expansion bookings per complete quarter, the last `volatility_quarters`.
    fn bookings(&self, team: Option<TeamId>) -> Vec<(Period, i128)> {
        let current = self.f.calendar.period_of(self.as_of, PeriodKind::Quarter);
        let quarters: Vec<Period> = (1..=self.o.volatility_quarters as i32).rev().map(|k| current.offset(-k)).collect();
        let mut sums: Map<Period, i128> = Map::default();
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s.filter(|s| s.status == OpportunityStatus::Won) else { continue };
            if self.f.is_renewal(i) || !self.in_scope(i, team) {
                continue;
            }
            *sums.entry(self.f.calendar.period_of(s.close, PeriodKind::Quarter)).or_default() += i128::from(s.amount);
        }
        let first_deal = self.f.opportunities().iter().map(|o| o.created_on).min();
        quarters
            .into_iter()
            .filter(|q| first_deal.is_some_and(|d| self.f.calendar.start(*q) >= d))
            .map(|q| (q, sums.get(&q).copied().unwrap_or(0)))
            .collect()
    }

    fn outlook(&self, team: Option<TeamId>) -> Vec<Outlook> {
        let f = self.f;
        let kind = self.o.kind;
        let index: Map<Period, usize> = self.periods.iter().enumerate().map(|(k, p)| (*p, k)).collect();
        let n = self.periods.len();
        let (mut booked, mut pipeline) = (vec![0i128; n], vec![0i128; n]);
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s else { continue };
            if !self.in_scope(i, team) {
                continue;
            }
            if s.is_open() {
                if let Some(&k) = index.get(&f.expected_period(s, self.as_of, kind)) {
                    pipeline[k] += i128::from(s.amount);
                }
            } else if s.status == OpportunityStatus::Won
                && let Some(&k) = index.get(&f.calendar.period_of(s.close, kind))
            {
                booked[k] += i128::from(s.amount);
            }
        }
        let expiry = self.expiry(team, self.periods);
        (0..n)
            .map(|k| {
                let period = self.periods[k];
                let quota = self.quota(team, period);
                let remaining = quota.map(|q| (i128::from(q) - booked[k]).max(0));
                let required = self.learnt.get(k).and_then(|l| required_for(l, team));
                Outlook {
                    period,
                    quota: quota.map(|q| f.money(q.into())),
                    booked: f.money(booked[k]),
                    pipeline: f.money(pipeline[k]),
                    coverage: remaining.and_then(|r| ratio(pipeline[k], r)),
                    required,
                    expiring: f.money(expiry[k].0[0]),
                    renewing: f.money(expiry[k].0[1]),
                    replacing: f.money(expiry[k].0[2]),
                }
            })
            .collect()
    }

    /// WHIP-2: coverage against the coverage history says is needed, month by month over the
    /// horizon; the worst month. Months so far ahead that history shows almost no pipeline in
    /// place at that distance (required below 0.2×) say nothing and are skipped.
    fn forward_coverage(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.coverage_share;
        let f = self.f;
        let n = self.months.len();
        let index: Map<Period, usize> = self.months.iter().enumerate().map(|(k, p)| (*p, k)).collect();
        let (mut booked, mut pipeline) = (vec![0i128; n], vec![0i128; n]);
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s else { continue };
            if !self.in_scope(i, team) {
                continue;
            }
            if s.is_open() {
                if let Some(&k) = index.get(&f.expected_period(s, self.as_of, PeriodKind::Month)) {
                    pipeline[k] += i128::from(s.amount);
                }
            } else if s.status == OpportunityStatus::Won
                && let Some(&k) = index.get(&f.calendar.period_of(s.close, PeriodKind::Month))
            {
                booked[k] += i128::from(s.amount);
            }
        }
        struct Reading {
            month: Period,
            share: f64,
            remaining: i128,
            pipeline: i128,
            coverage: f64,
            required: f64,
        }
        let mut readings = Vec::new();
        for (k, month) in self.months.iter().enumerate() {
            let Some(quota) = self.quota(team, *month) else { continue };
            let remaining = (i128::from(quota) - booked[k]).max(0);
            let Some(required) = self.learnt_months.get(k).and_then(|l| required_for(l, team)) else { continue };
            if remaining <= 0 || required.to_f64() < 0.2 {
                continue;
            }
            let coverage = pipeline[k] as f64 / remaining as f64;
            readings.push(Reading {
                month: *month,
                share: coverage / required.to_f64(),
                remaining,
                pipeline: pipeline[k],
                coverage,
                required: required.to_f64(),
            });
        }
        let Some(worst) = readings.iter().min_by(|a, b| a.share.total_cmp(&b.share).then(a.month.cmp(&b.month))) else {
            return not_measured(CauseKind::ForwardCoverage, threshold, NotMeasured::NoCoverageBasis);
        };
        let gap = (worst.remaining as f64 * worst.required) as i128 - worst.pipeline;
        // A shortfall that is small in money (far-off months, where little pipeline is ever in
        // place) is noise, not a warning: the gap must be a fifth of the month's quota or more.
        let material = gap * 5 >= worst.remaining;
        let flagged = worst.share < threshold && material;
        let severity = if flagged { (0.3 + 0.7 * (threshold - worst.share) / threshold).min(1.0) } else { 0.0 };
        let figures = CauseFigures::ForwardCoverage {
            share: worst.share,
            month: worst.month,
            month_start: f.calendar.start(worst.month),
            pipeline: f.money(worst.pipeline),
            remaining: f.money(worst.remaining),
            required: worst.required,
            coverage: worst.coverage,
            gap: (gap > 0).then(|| f.money(gap)),
            also_short: readings
                .iter()
                .filter(|r| r.month != worst.month && r.share < threshold)
                .map(|r| (r.month, r.share))
                .collect(),
        };
        Cause {
            kind: CauseKind::ForwardCoverage,
            period: Some(worst.month),
            value: round3(worst.share),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// Per period: annual contract value ending in it and not renewed by the as-of date, open
    /// renewal pipeline for those contracts (linked, or renewal deals at the same accounts), and
    /// other open pipeline at those accounts; and the number of contracts.
    fn expiry(&self, team: Option<TeamId>, periods: &[Period]) -> Vec<([i128; 3], u32)> {
        let f = self.f;
        let index: Map<Period, usize> = periods.iter().enumerate().map(|(k, p)| (*p, k)).collect();
        let n = periods.len();
        let mut out = vec![([0i128; 3], 0u32); n];
        let mut accounts: Map<AccountId, Vec<usize>> = Map::default();
        let mut linked: HashSet<(usize, usize)> = HashSet::new();
        for c in &f.data.contracts {
            if c.start > self.as_of
                || c.end < self.as_of
                || c.annual_value.currency() != f.currency
                || !self.account_in_scope(c.account, team)
            {
                continue;
            }
            let Some(&k) =
                periods.first().map(|p| p.kind()).and_then(|kind| index.get(&f.calendar.period_of(c.end, kind)))
            else {
                continue;
            };
            let renewal = c.renewal_opportunity.and_then(|id| f.index_of(id));
            let renewal_state = renewal.and_then(|r| self.states[r]);
            if renewal_state.is_some_and(|s| s.status == OpportunityStatus::Won) {
                continue;
            }
            out[k].0[0] += i128::from(c.annual_value.minor());
            out[k].1 += 1;
            let list = accounts.entry(c.account).or_default();
            if !list.contains(&k) {
                list.push(k);
            }
            if let (Some(r), Some(s)) = (renewal, renewal_state)
                && s.is_open()
                && linked.insert((k, r))
            {
                out[k].0[1] += i128::from(s.amount);
            }
        }
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s.filter(|s| s.is_open()) else { continue };
            let Some(ks) = accounts.get(&f.opportunities()[i].account) else { continue };
            for &k in ks {
                if linked.contains(&(k, i)) {
                    continue;
                }
                let slot = if f.is_renewal(i) { 1 } else { 2 };
                out[k].0[slot] += i128::from(s.amount);
            }
        }
        out
    }

    /// WHIP-3: the month over the horizon where the most contract value ends without renewal or
    /// replacement pipeline, against the team's typical month of expiring contracts (the median
    /// over the twelve months before and the months ahead).
    fn renewal_cliff(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.cliff_ratio;
        let f = self.f;
        let this_month = f.calendar.period_of(self.as_of, PeriodKind::Month);
        let past: Vec<Period> = (1..=12).map(|k| this_month.offset(-k)).collect();
        let (past_start, past_end) = (f.calendar.start(past[11]), f.calendar.start(this_month));
        let mut monthly: Map<Period, i128> = Map::default();
        for c in &f.data.contracts {
            if c.end >= past_start
                && c.end < past_end
                && c.start <= self.as_of
                && c.annual_value.currency() == f.currency
                && self.account_in_scope(c.account, team)
            {
                *monthly.entry(f.calendar.period_of(c.end, PeriodKind::Month)).or_default() +=
                    i128::from(c.annual_value.minor());
            }
        }
        // The typical month: the median over the twelve months before and the months ahead, all
        // contracts ending then whether renewed or not (the team's normal renewal load).
        let mut ahead: Map<Period, i128> = Map::default();
        for c in &f.data.contracts {
            if c.start <= self.as_of
                && c.end >= past_end
                && c.annual_value.currency() == f.currency
                && self.account_in_scope(c.account, team)
            {
                *ahead.entry(f.calendar.period_of(c.end, PeriodKind::Month)).or_default() +=
                    i128::from(c.annual_value.minor());
            }
        }
        let mut typical: Vec<i128> = past
            .iter()
            .map(|p| monthly.get(p).copied().unwrap_or(0))
            .chain(self.months.iter().map(|p| ahead.get(p).copied().unwrap_or(0)))
            .collect();
        typical.sort_unstable();
        let mid = typical.len() / 2;
        let baseline =
            if typical.len().is_multiple_of(2) { (typical[mid - 1] + typical[mid]) / 2 } else { typical[mid] };
        if baseline <= 0 {
            return not_measured(CauseKind::RenewalCliff, threshold, NotMeasured::NoContractsEnded);
        }
        let expiry = self.expiry(team, &self.months);
        let mut worst: Option<(usize, i128)> = None;
        for (k, (v, _)) in expiry.iter().enumerate() {
            let uncovered = v[0] - (v[1] + v[2]).min(v[0]);
            if uncovered > 0 && worst.is_none_or(|(_, w)| uncovered > w) {
                worst = Some((k, uncovered));
            }
        }
        let Some((k, uncovered)) = worst else {
            return Cause {
                kind: CauseKind::RenewalCliff,
                period: None,
                value: 0.0,
                threshold,
                flagged: false,
                severity: 0.0,
                contribution: 0.0,
                explanation: CauseFigures::NoUncoveredContracts.english(),
                figures: CauseFigures::NoUncoveredContracts,
            };
        };
        let month = self.months[k];
        let ([expiring, renewing, replacing], contracts) = expiry[k];
        let value = uncovered as f64 / baseline as f64;
        let flagged = value > threshold;
        let severity = if flagged { (0.3 + 0.7 * (value - threshold) / threshold).min(1.0) } else { 0.0 };
        let quota = self.quota(team, f.calendar.period_of(f.calendar.start(month), PeriodKind::Quarter));
        let figures = CauseFigures::RenewalCliff {
            expiring: f.money(expiring),
            contracts,
            month,
            month_start: f.calendar.start(month),
            renewing: f.money(renewing),
            replacing: f.money(replacing),
            uncovered: f.money(uncovered),
            ratio: value,
            typical: f.money(baseline),
            of_quota: quota.filter(|q| *q > 0).map(|q| uncovered as f64 / q as f64),
        };
        Cause {
            kind: CauseKind::RenewalCliff,
            period: Some(month),
            value: round3(value),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// WHIP-1: coefficient of variation of quarterly bookings, and how often boom follows bust.
    fn volatility(&self, bookings: &[(Period, i128)]) -> Cause {
        let threshold = self.o.volatility_cv;
        if bookings.len() < 4 {
            return not_measured(CauseKind::Volatility, threshold, NotMeasured::FewQuarters);
        }
        let values: Vec<f64> = bookings.iter().map(|(_, v)| *v as f64).collect();
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        let cv = if mean > 0.0 { sd / mean } else { 0.0 };
        let swings = values.windows(3).filter(|w| (w[1] - w[0]) * (w[2] - w[1]) < 0.0).count();
        let possible = values.len().saturating_sub(2);
        let flagged = cv > threshold;
        let alternation = if possible > 0 { swings as f64 / possible as f64 } else { 0.0 };
        let severity =
            if flagged { (0.3 + 0.5 * (cv - threshold) / threshold + 0.2 * alternation).min(1.0) } else { 0.0 };
        let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let currency = self.f.currency;
        let figures = CauseFigures::Volatility {
            quarters: bookings.len(),
            cv,
            low: Money::from_minor(lo as i64, currency),
            high: Money::from_minor(hi as i64, currency),
            reversals: swings,
            chances: possible,
        };
        Cause {
            kind: CauseKind::Volatility,
            period: None,
            value: round3(cv),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// WHIP-4: share of the last year's bookings in the top three deals and top five customers;
    /// Herfindahl index over customers.
    fn concentration(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.top_deals_share;
        let from = self.as_of - Duration::days(365);
        let mut deals: Vec<i128> = Vec::new();
        let mut customers: Map<AccountId, i128> = Map::default();
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s.filter(|s| s.status == OpportunityStatus::Won && s.close > from) else { continue };
            if !self.in_scope(i, team) {
                continue;
            }
            deals.push(s.amount.into());
            *customers.entry(self.f.opportunities()[i].account).or_default() += i128::from(s.amount);
        }
        let total: i128 = deals.iter().sum();
        if total <= 0 {
            return not_measured(CauseKind::Concentration, threshold, NotMeasured::NothingBooked);
        }
        deals.sort_unstable_by(|a, b| b.cmp(a));
        let mut by_customer: Vec<i128> = customers.values().copied().collect();
        by_customer.sort_unstable_by(|a, b| b.cmp(a));
        let top3 = deals.iter().take(3).sum::<i128>() as f64 / total as f64;
        let top5 = by_customer.iter().take(5).sum::<i128>() as f64 / total as f64;
        let hhi: f64 = by_customer.iter().map(|v| (*v as f64 / total as f64).powi(2)).sum();
        let flagged = top3 > threshold;
        let severity =
            if flagged { (0.3 + 0.7 * (top3 - threshold) / (1.0 - threshold).max(0.01)).min(1.0) } else { 0.0 };
        let figures = CauseFigures::Concentration { deals: deals.len(), top3, booked: self.f.money(total), top5, hhi };
        Cause {
            kind: CauseKind::Concentration,
            period: None,
            value: round3(top3),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// Customer accounts in scope with their value: annual value of contracts in force on the
    /// as-of date plus what they booked in the last year.
    fn customers(&self, team: Option<TeamId>) -> Map<AccountId, i128> {
        let mut value: Map<AccountId, i128> = Map::default();
        for c in &self.f.data.contracts {
            if c.start <= self.as_of
                && self.as_of <= c.end
                && c.annual_value.currency() == self.f.currency
                && self.account_in_scope(c.account, team)
            {
                *value.entry(c.account).or_default() += i128::from(c.annual_value.minor());
            }
        }
        let from = self.as_of - Duration::days(365);
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s.filter(|s| s.status == OpportunityStatus::Won && s.close > from) else { continue };
            let account = self.f.opportunities()[i].account;
            if self.account_in_scope(account, team) {
                *value.entry(account).or_default() += i128::from(s.amount);
            }
        }
        value
    }

    /// WHIP-5: customer value nobody is watching: the owner has left, or no one has had a
    /// selling conversation with the account for `quiet_days`.
    fn engagement_gap(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.engagement_share;
        let customers = self.customers(team);
        let total: i128 = customers.values().sum();
        if total <= 0 {
            return not_measured(CauseKind::EngagementGap, threshold, NotMeasured::NoCustomers);
        }
        let quiet_from = self.as_of - Duration::days(self.o.quiet_days);
        let (mut orphaned, mut quiet, mut orphaned_n, mut quiet_n) = (0i128, 0i128, 0u32, 0u32);
        for (account, v) in &customers {
            let owner = self.f.owner_of_account(*account);
            let owner_gone = owner
                .and_then(|p| self.f.data.people.iter().find(|x| x.id == p))
                .is_none_or(|p| !p.is_active_on(self.as_of));
            if owner_gone {
                orphaned += v;
                orphaned_n += 1;
            } else if self.f.last_account_activity(*account, self.as_of).is_none_or(|d| d < quiet_from) {
                quiet += v;
                quiet_n += 1;
            }
        }
        let share = (orphaned + quiet) as f64 / total as f64;
        let flagged = share > threshold;
        let severity = if flagged { (0.3 + 0.7 * (share - threshold) / (1.0 - threshold)).min(1.0) } else { 0.0 };
        let figures = CauseFigures::EngagementGap {
            share,
            orphaned: orphaned_n,
            orphaned_value: self.f.money(orphaned),
            quiet: quiet_n,
            quiet_value: self.f.money(quiet),
            quiet_days: self.o.quiet_days,
        };
        Cause {
            kind: CauseKind::EngagementGap,
            period: None,
            value: round3(share),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// WHIP-6: customer and open-pipeline value on accounts that hang on one engaged contact.
    fn single_threaded(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.single_threaded_share;
        let mut value = self.customers(team);
        let mut single_deals = 0u32;
        let mut deals = 0u32;
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s.filter(|s| s.is_open()) else { continue };
            if !self.in_scope(i, team) {
                continue;
            }
            let account = self.f.opportunities()[i].account;
            *value.entry(account).or_default() += i128::from(s.amount);
            deals += 1;
            if self.f.threads(account, self.as_of) <= 1 {
                single_deals += 1;
            }
        }
        let total: i128 = value.values().sum();
        if total <= 0 {
            return not_measured(CauseKind::SingleThreaded, threshold, NotMeasured::NoCustomersOrDeals);
        }
        let (mut single, mut single_n) = (0i128, 0u32);
        for (account, v) in &value {
            if self.f.threads(*account, self.as_of) <= 1 {
                single += v;
                single_n += 1;
            }
        }
        let share = single as f64 / total as f64;
        let flagged = share > threshold;
        let severity = if flagged { (0.3 + 0.7 * (share - threshold) / (1.0 - threshold)).min(1.0) } else { 0.0 };
        let figures = CauseFigures::SingleThreaded {
            share,
            value: self.f.money(single),
            accounts: single_n,
            of_accounts: value.len(),
            deals: single_deals,
            of_deals: deals,
        };
        Cause {
            kind: CauseKind::SingleThreaded,
            period: None,
            value: round3(share),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// The two windows trends are read over: "recent" is the last complete quarter and the
    /// current one up to the as-of date; "before" the four quarters before that. Returns
    /// `(before_start, recent_start, end)` with `end` the day after the as-of date.
    fn windows(&self) -> (NaiveDate, NaiveDate, NaiveDate) {
        let current = self.f.calendar.period_of(self.as_of, PeriodKind::Quarter);
        let recent_start = self.f.calendar.start(current.offset(-1));
        let before_start = self.f.calendar.start(current.offset(-5));
        (before_start, recent_start, self.as_of + Duration::days(1))
    }

    /// Days in the two windows, to compare them per day.
    fn window_days(&self) -> [f64; 2] {
        let (before_start, recent_start, end) = self.windows();
        [(recent_start - before_start).num_days().max(1) as f64, (end - recent_start).num_days().max(1) as f64]
    }

    /// New (non-renewal) pipeline created in the two windows, per product line.
    fn created(&self, team: Option<TeamId>) -> BTreeMap<Option<ProductLineId>, [i128; 2]> {
        let all = self.created.get_or_init(|| {
            let (before_start, recent_start, end) = self.windows();
            let mut all: ByTeam<BTreeMap<Option<ProductLineId>, [i128; 2]>> = Map::default();
            for (i, o) in self.f.opportunities().iter().enumerate() {
                if o.created_on < before_start || o.created_on >= end || self.f.is_renewal(i) {
                    continue;
                }
                let Some(s) = self.f.state_on(i, o.created_on).filter(|_| self.f.counts(i)) else { continue };
                let window = usize::from(o.created_on >= recent_start);
                for key in self.counted_under(i) {
                    all.entry(key).or_default().entry(self.f.line_of(i)).or_default()[window] += i128::from(s.amount);
                }
            }
            all
        });
        all.get(&team).cloned().unwrap_or_default()
    }

    /// Late-stage selling activity (on deals open at the time with a probability of at least
    /// 50 %) per team in the two windows.
    fn late_effort(&self, team: Option<TeamId>) -> [f64; 2] {
        let all = self.effort.get_or_init(|| {
            let (before_start, recent_start, end) = self.windows();
            let mut all: ByTeam<[f64; 2]> = Map::default();
            for (i, date) in self.f.deal_activities() {
                if date < before_start || date >= end {
                    continue;
                }
                let late =
                    self.f.state_on(i, date).is_some_and(|s| s.is_open() && s.probability >= Rate::from_percent(50));
                if late {
                    let window = usize::from(date >= recent_start);
                    for key in self.counted_under(i) {
                        all.entry(key).or_default()[window] += 1.0;
                    }
                }
            }
            all
        });
        all.get(&team).copied().unwrap_or_default()
    }

    /// WHIP-7: new pipeline created falling while closing effort (selling activity on deals in
    /// their late stages, else deals closed) holds or rises; both per day, recent window against
    /// the one before.
    fn funnel_starvation(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.starvation_ratio;
        let by_line = self.created(team);
        let recent: i128 = by_line.values().map(|v| v[1]).sum();
        let before: i128 = by_line.values().map(|v| v[0]).sum();
        if before <= 0 {
            return not_measured(CauseKind::FunnelStarvation, threshold, NotMeasured::NoPipelineBefore);
        }
        let days = self.window_days();
        let per_day = |x: [f64; 2]| if x[0] <= 0.0 { None } else { Some((x[1] / days[1]) / (x[0] / days[0])) };
        let created_ratio = per_day([before as f64, recent as f64]).unwrap_or(1.0);
        let (before_start, recent_start, end) = self.windows();
        let effort = self.late_effort(team);
        let mut closed = [0f64; 2];
        for (i, s) in self.states.iter().enumerate() {
            let Some(s) = s.filter(|s| !s.is_open()) else { continue };
            if s.close < before_start || s.close >= end || !self.in_scope(i, team) {
                continue;
            }
            closed[usize::from(s.close >= recent_start)] += 1.0;
        }
        let effort_ratio = per_day(effort).or(per_day(closed)).unwrap_or(1.0);
        let flagged = created_ratio < threshold && effort_ratio >= 1.0;
        let severity = if flagged { (0.3 + 0.7 * (threshold - created_ratio) / threshold).min(1.0) } else { 0.0 };
        let currency = self.f.currency;
        let per_quarter = |v: i128, d: f64| Money::from_minor((v as f64 / d * 91.0) as i64, currency);
        let figures = CauseFigures::FunnelStarvation {
            since: recent_start,
            created_ratio,
            recent: per_quarter(recent, days[1]),
            before: per_quarter(before, days[0]),
            effort_ratio,
        };
        Cause {
            kind: CauseKind::FunnelStarvation,
            period: None,
            value: round3(created_ratio),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }

    /// WHIP-8: one line's share of new pipeline in the last two quarters against its share in
    /// the four before.
    fn product_skew(&self, team: Option<TeamId>) -> Cause {
        let threshold = self.o.skew_points;
        let by_line = self.created(team);
        let recent: i128 = by_line.values().map(|v| v[1]).sum();
        let before: i128 = by_line.values().map(|v| v[0]).sum();
        let (_, recent_start, _) = self.windows();
        if recent <= 0 || before <= 0 {
            return not_measured(CauseKind::ProductSkew, threshold, NotMeasured::TooLittlePipeline);
        }
        let mut worst: Option<(f64, Option<ProductLineId>, f64, f64)> = None;
        for (line, v) in &by_line {
            let now = v[1] as f64 / recent as f64;
            let then = v[0] as f64 / before as f64;
            if worst.is_none_or(|w| now - then > w.0) {
                worst = Some((now - then, *line, now, then));
            }
        }
        let Some((rise, line, now, then)) = worst else {
            return not_measured(CauseKind::ProductSkew, threshold, NotMeasured::NoProductLines);
        };
        let flagged = rise > threshold;
        let severity = if flagged { (0.3 + 0.7 * (rise - threshold) / (1.0 - threshold)).min(1.0) } else { 0.0 };
        let figures =
            CauseFigures::ProductSkew { line: line.map(|l| self.f.line_name(l)), since: recent_start, now, then };
        Cause {
            kind: CauseKind::ProductSkew,
            period: None,
            value: round3(rise),
            threshold,
            flagged,
            severity: round3(severity),
            contribution: 0.0,
            explanation: figures.english(),
            figures,
        }
    }
}

fn required_for(learnt: &HashMap<Option<TeamId>, ConversionHistory>, team: Option<TeamId>) -> Option<Rate> {
    learnt
        .get(&team)
        .filter(|h| h.periods >= 2)
        .and_then(ConversionHistory::required)
        .or_else(|| learnt.get(&None).and_then(ConversionHistory::required))
}

fn not_measured(kind: CauseKind, threshold: f64, why: NotMeasured) -> Cause {
    let figures = CauseFigures::NotMeasured(why);
    Cause {
        kind,
        period: None,
        value: 0.0,
        threshold,
        flagged: false,
        severity: 0.0,
        contribution: 0.0,
        explanation: figures.english(),
        figures,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Whole units of the currency with thousands separators, for explanations.
pub(crate) fn money(m: Money) -> String {
    let major = m.minor() / m.currency().minor_per_major().max(1);
    let digits = major.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if major < 0 { "-" } else { "" };
    format!("{sign}{} {}", m.currency(), out)
}

fn month_name(start: NaiveDate) -> String {
    start.format("%B %Y").to_string()
}
