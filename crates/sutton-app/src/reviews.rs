//! Pipeline reviews and the forecast record (DEAL-5, DEAL-6): take a review of a team's open
//! pipeline (and record the team's forecast with it), note and decide per deal, and compare with
//! the team's previous review; read the forecasts of past periods against what was won, both
//! those recorded and those rebuilt from the opportunity history.
//!
//! Who may see what: a review belongs to a team, and a viewer sees the reviews of the teams
//! whose people (or manager) are in their scope; inside a review only the deals of people in
//! scope are shown, so a rep sees their own deals of their own team's review.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, Utc};
use sutton_domain::{
    AccountId, AuditEntry, AuditId, ForecastCategory, Money, OpportunityId, Period, PeriodKind, Rate, Scope, TeamId,
};
use sutton_insight::{
    AccuracyRow, CoverageOptions, Decision, Dimension, Facts, FlagRules, ForecastRow, ReviewComparison, ReviewLine,
    compare_reviews, decode_flags, encode_flags, review_lines,
};
use sutton_store::{StoredForecast, StoredReview, StoredReviewDeal};

use crate::{App, AppError};

/// A review in a list: its head and a few totals.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSummary {
    pub review: StoredReview,
    pub team_name: String,
    pub deals: usize,
    pub amount: Option<Money>,
    pub flagged: usize,
    pub decided: usize,
}

/// A review as its workspace shows it: the deals (those the viewer may see) with their flags,
/// notes and decisions, and what changed since the team's previous review.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewWorkspace {
    pub review: StoredReview,
    pub team_name: String,
    pub lines: Vec<ReviewLine>,
    /// Who decided each deal, and when.
    pub decided: HashMap<OpportunityId, (String, chrono::NaiveDateTime)>,
    pub previous: Option<StoredReview>,
    pub comparison: Option<ReviewComparison>,
}

/// Forecasts for the upcoming quarters, and past quarters' forecasts against what was won.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastRecord {
    pub as_of: NaiveDate,
    pub rows: Vec<ForecastRow>,
    /// Rebuilt from the opportunity history: each past quarter's forecast as it stood at the
    /// same point of the quarter as today is of this one.
    pub rebuilt: Vec<AccuracyRow>,
    /// Forecasts recorded when reviews were taken or by `sutton pipeline forecast --record`, with
    /// the actual bookings of their period (for periods that have ended).
    pub recorded: Vec<(StoredForecast, Option<Money>)>,
}

impl App {
    /// The teams whose reviews and team figures a scope may see: `None` for all.
    pub fn visible_teams(&self, scope: &Scope) -> Result<Option<BTreeSet<TeamId>>, AppError> {
        if matches!(scope, Scope::Everything) {
            return Ok(None);
        }
        let teams = self.store.teams()?;
        let people = self.store.people(scope)?;
        Ok(Some(
            teams
                .iter()
                .filter(|t| t.manager.is_some_and(|m| scope.sees(m)) || people.iter().any(|p| p.team == Some(t.id)))
                .map(|t| t.id)
                .collect(),
        ))
    }

    /// The teams a scope may see, with their names, by name.
    pub fn review_teams(&self, scope: &Scope) -> Result<Vec<(TeamId, String)>, AppError> {
        let visible = self.visible_teams(scope)?;
        let mut teams: Vec<(TeamId, String)> = self
            .store
            .teams()?
            .into_iter()
            .filter(|t| visible.as_ref().is_none_or(|v| v.contains(&t.id)))
            .map(|t| (t.id, t.name))
            .collect();
        teams.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(teams)
    }

    /// The reviews of the teams a scope may see, newest first.
    pub fn reviews(&self, scope: &Scope) -> Result<Vec<ReviewSummary>, AppError> {
        let visible = self.visible_teams(scope)?;
        let teams: HashMap<TeamId, String> = self.store.teams()?.into_iter().map(|t| (t.id, t.name)).collect();
        let allowed: Option<Vec<TeamId>> = visible.map(|v| v.into_iter().collect());
        let mut out = Vec::new();
        for review in self.store.reviews(allowed.as_deref())? {
            let deals: Vec<StoredReviewDeal> =
                self.store.review_deals(review.id)?.into_iter().filter(|d| scope.sees(d.owner)).collect();
            let amount = deals.iter().try_fold(None::<Money>, |acc, d| match acc {
                None => Some(Some(d.amount)),
                Some(m) => m.checked_add(d.amount).ok().map(Some),
            });
            out.push(ReviewSummary {
                team_name: teams.get(&review.team).cloned().unwrap_or_else(|| format!("team {}", review.team)),
                deals: deals.len(),
                amount: amount.flatten(),
                flagged: deals.iter().filter(|d| !d.flags.trim().is_empty()).count(),
                decided: deals.iter().filter(|d| d.decision.is_some()).count(),
                review,
            });
        }
        Ok(out)
    }

    /// Takes a review of a team's open pipeline as of `as_of` (default today), records the
    /// team's forecast for the current and next quarter with it, and audits both.
    pub fn start_review(
        &self,
        actor: &str,
        scope: &Scope,
        team: TeamId,
        as_of: Option<NaiveDate>,
    ) -> Result<StoredReview, AppError> {
        let not_found = || AppError::NotFound { what: "team", id: team.to_string() };
        if self.visible_teams(scope)?.is_some_and(|v| !v.contains(&team)) {
            return Err(not_found());
        }
        let data = self.pipeline_snapshot()?;
        if !data.teams.iter().any(|t| t.id == team) {
            return Err(not_found());
        }
        let as_of = as_of.unwrap_or_else(|| self.today());
        let facts = Facts::new(&data).with_icp(self.icp_fits(&data)?);
        let deals: Vec<StoredReviewDeal> =
            review_lines(&facts, as_of, team, &FlagRules::default()).into_iter().map(stored_line).collect();
        let now = Utc::now().naive_utc();
        let forecasts = team_forecasts(&facts, as_of, Some(team), 2, "review", now);
        let total = deals.iter().map(|d| i128::from(d.amount.minor())).sum::<i128>();
        let detail = format!("{} open deals as of {as_of}, {total} minor units", deals.len());
        let review = self.store.write(|tx| -> Result<StoredReview, AppError> {
            let review = tx.insert_review(team, as_of, now, actor, &deals)?;
            tx.insert_forecast_snapshots(&forecasts)?;
            tx.audit(&[entry(actor, "start review", &review.id.to_string(), &detail)])?;
            Ok(review)
        })?;
        Ok(review)
    }

    /// Each account's fit to the stored ideal-client profiles, for the "outside ICP" deal flag:
    /// an account fits when it fits any profile, and its score is its best. Empty when no
    /// profile is stored (then no deal is flagged for fit).
    fn icp_fits(&self, data: &sutton_domain::Dataset) -> Result<HashMap<AccountId, (Rate, bool)>, AppError> {
        let mut fits: HashMap<AccountId, (Rate, bool)> = HashMap::new();
        for profile in self.icp_profiles()? {
            let scores = sutton_plan::score_accounts(data, &profile).map_err(|e| AppError::Input(e.to_string()))?;
            for s in scores {
                let fit = fits.entry(s.account).or_insert((s.score, s.fits));
                *fit = (fit.0.max(s.score), fit.1 || s.fits);
            }
        }
        Ok(fits)
    }

    /// A review's workspace, if the scope may see its team (`NotFound` otherwise).
    pub fn review_workspace(&self, scope: &Scope, id: i64) -> Result<ReviewWorkspace, AppError> {
        let review = self.visible_review(scope, id)?;
        let team_name = self
            .store
            .teams()?
            .into_iter()
            .find(|t| t.id == review.team)
            .map_or_else(|| format!("team {}", review.team), |t| t.name);
        let read = |id: i64| -> Result<Vec<StoredReviewDeal>, AppError> {
            Ok(self.store.review_deals(id)?.into_iter().filter(|d| scope.sees(d.owner)).collect())
        };
        let stored = read(review.id)?;
        let decided =
            stored.iter().filter_map(|d| Some((d.opportunity, (d.decided_by.clone()?, d.decided_at?)))).collect();
        let lines: Vec<ReviewLine> = stored.into_iter().map(line_of).collect();
        let previous = match review.previous {
            Some(p) => self.store.review(p)?,
            None => None,
        };
        let comparison = match &previous {
            Some(p) => {
                let before: Vec<ReviewLine> = read(p.id)?.into_iter().map(line_of).collect();
                Some(compare_reviews(&before, &lines))
            }
            None => None,
        };
        Ok(ReviewWorkspace { review, team_name, lines, decided, previous, comparison })
    }

    /// Writes a note and a decision on one deal of a review (empty note and no decision clear
    /// them), audited.
    pub fn decide_review(
        &self,
        actor: &str,
        scope: &Scope,
        id: i64,
        opportunity: OpportunityId,
        note: Option<&str>,
        decision: Option<&str>,
    ) -> Result<(), AppError> {
        let review = self.visible_review(scope, id)?;
        let decision = match decision.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(Decision::parse(d).map_err(AppError::Input)?),
            None => None,
        };
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > 2_000) {
            return Err(AppError::Input("a note holds at most 2,000 characters; shorten it".to_owned()));
        }
        let owner = self.store.review_deals(review.id)?.into_iter().find(|d| d.opportunity == opportunity);
        if owner.as_ref().is_none_or(|d| !scope.sees(d.owner)) {
            return Err(AppError::NotFound { what: "deal in review", id: format!("{id}/{opportunity}") });
        }
        let detail = format!(
            "deal {opportunity}: decision {}, note {}",
            decision.map_or("none", Decision::as_str),
            if note.is_some() { "written" } else { "cleared" }
        );
        let now = Utc::now().naive_utc();
        self.store.write(|tx| -> Result<(), AppError> {
            tx.decide_review_deal(review.id, opportunity, note, decision.map(Decision::as_str), actor, now)?;
            tx.audit(&[entry(actor, "decide review deal", &review.id.to_string(), &detail)])?;
            Ok(())
        })
    }

    /// Records every team's forecast for the upcoming `periods` quarters as of `as_of` (default
    /// today), audited; returns what was recorded.
    pub fn record_forecasts(
        &self,
        actor: &str,
        as_of: Option<NaiveDate>,
        periods: u32,
    ) -> Result<Vec<StoredForecast>, AppError> {
        let data = self.pipeline_snapshot()?;
        let as_of = as_of.unwrap_or_else(|| self.today());
        let now = Utc::now().naive_utc();
        let facts = Facts::new(&data);
        let snapshots = team_forecasts(&facts, as_of, None, periods.max(1), "cli", now);
        let detail = format!("{} team forecasts as of {as_of}", snapshots.len());
        self.store.write(|tx| -> Result<(), AppError> {
            tx.insert_forecast_snapshots(&snapshots)?;
            tx.audit(&[AuditEntry {
                entity: "forecast".to_owned(),
                ..entry(actor, "record forecasts", "all teams", &detail)
            }])?;
            Ok(())
        })?;
        Ok(snapshots)
    }

    /// The forecast page's figures by team for the teams a scope may see: upcoming quarters,
    /// past quarters' forecasts rebuilt from history (`history` quarters back) and the recorded
    /// ones, each against what was won.
    pub fn forecast_record(
        &self,
        scope: &Scope,
        as_of: Option<NaiveDate>,
        periods: u32,
        history: u32,
    ) -> Result<ForecastRecord, AppError> {
        let visible = self.visible_teams(scope)?;
        let shown = |t: i64| visible.as_ref().is_none_or(|v| v.contains(&TeamId(t)));
        let data = self.pipeline_snapshot()?;
        let as_of = as_of.unwrap_or_else(|| self.today());
        let facts = Facts::new(&data);
        let options =
            CoverageOptions { periods: periods.max(1), history, by: Dimension::Team, ..CoverageOptions::default() };
        let f = sutton_insight::forecast(&facts, as_of, &options);
        let allowed: Option<Vec<TeamId>> = visible.as_ref().map(|v| v.iter().copied().collect());
        let mut recorded = Vec::new();
        let mut actuals: std::collections::BTreeMap<Period, HashMap<i64, Money>> = Default::default();
        for s in self.store.forecast_snapshots(allowed.as_deref())? {
            let ended = facts.calendar.end(s.period) <= as_of;
            let actual = if ended {
                let by_team = actuals.entry(s.period).or_insert_with(|| won_by_team(&facts, as_of, s.period));
                Some(by_team.get(&s.team.get()).copied().unwrap_or(Money::zero(facts.currency)))
            } else {
                None
            };
            recorded.push((s, actual));
        }
        Ok(ForecastRecord {
            as_of,
            rows: f.rows.into_iter().filter(|r| shown(r.group.id)).collect(),
            rebuilt: f.accuracy.into_iter().filter(|r| shown(r.group.id)).collect(),
            recorded,
        })
    }

    fn visible_review(&self, scope: &Scope, id: i64) -> Result<StoredReview, AppError> {
        let not_found = || AppError::NotFound { what: "review", id: id.to_string() };
        let review = self.store.review(id)?.ok_or_else(not_found)?;
        if self.visible_teams(scope)?.is_some_and(|v| !v.contains(&review.team)) {
            return Err(not_found());
        }
        Ok(review)
    }
}

/// Won bookings per team (by id) in a period, as known on `as_of`.
fn won_by_team(facts: &Facts<'_>, as_of: NaiveDate, period: Period) -> HashMap<i64, Money> {
    sutton_insight::period_forecast(facts, as_of, period, Dimension::Team)
        .into_iter()
        .map(|row| (row.group.id, row.won))
        .collect()
}

fn team_forecasts(
    facts: &Facts<'_>,
    as_of: NaiveDate,
    team: Option<TeamId>,
    periods: u32,
    source: &str,
    now: chrono::NaiveDateTime,
) -> Vec<StoredForecast> {
    let options = CoverageOptions { kind: PeriodKind::Quarter, periods, history: 0, by: Dimension::Team };
    sutton_insight::forecast(facts, as_of, &options)
        .rows
        .into_iter()
        .filter(|r| r.group.id > 0 && team.is_none_or(|t| t.get() == r.group.id))
        .map(|r| StoredForecast {
            id: 0,
            team: TeamId(r.group.id),
            period: r.period,
            as_of,
            recorded_at: now,
            source: source.to_owned(),
            won: r.won,
            commit: r.commit_forecast,
            best_case: r.won.checked_add(r.commit).and_then(|m| m.checked_add(r.best_case)).unwrap_or(r.won),
            weighted: r.weighted_forecast,
        })
        .collect()
}

fn stored_line(l: ReviewLine) -> StoredReviewDeal {
    StoredReviewDeal {
        opportunity: l.opportunity,
        name: l.name,
        owner: sutton_domain::PersonId(l.owner.id),
        owner_name: l.owner.name,
        amount: l.amount,
        stage: l.stage,
        close_date: l.close_date,
        forecast_category: l.category.as_str().to_owned(),
        flags: encode_flags(&l.flags),
        note: None,
        decision: None,
        decided_by: None,
        decided_at: None,
    }
}

fn line_of(d: StoredReviewDeal) -> ReviewLine {
    ReviewLine {
        opportunity: d.opportunity,
        name: d.name,
        owner: sutton_insight::Group::new(d.owner.get(), d.owner_name),
        amount: d.amount,
        stage: d.stage,
        close_date: d.close_date,
        category: ForecastCategory::parse(&d.forecast_category).unwrap_or(ForecastCategory::Pipeline),
        flags: decode_flags(&d.flags),
        note: d.note,
        decision: d.decision.as_deref().and_then(|d| Decision::parse(d).ok()),
    }
}

fn entry(actor: &str, action: &str, id: &str, detail: &str) -> AuditEntry {
    AuditEntry {
        id: AuditId(0),
        at: Utc::now(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        entity: "pipeline review".to_owned(),
        entity_id: Some(id.to_owned()),
        detail: detail.to_owned(),
    }
}
