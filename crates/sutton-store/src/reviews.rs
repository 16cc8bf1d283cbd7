//! Pipeline reviews and recorded forecasts (DEAL-5, DEAL-6). A review is stored with a copy of
//! every deal it looked at; notes and decisions are written onto those copies. Forecast
//! snapshots are appended and never changed.

use chrono::{NaiveDate, NaiveDateTime};
use sutton_domain::{Currency, Money, OpportunityId, Period, PersonId, TeamId};

use crate::backend::{Row, Value};
use crate::error::StoreResult;
use crate::{IdKind, Store, Tx};

/// A review's head: which team, as of when, who took it, and the review before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    pub id: i64,
    pub team: TeamId,
    pub as_of: NaiveDate,
    pub taken_at: NaiveDateTime,
    pub taken_by: String,
    pub previous: Option<i64>,
}

/// One deal as a review saw it, with the reviewer's note and decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReviewDeal {
    pub opportunity: OpportunityId,
    pub name: String,
    pub owner: PersonId,
    pub owner_name: String,
    pub amount: Money,
    pub stage: String,
    pub close_date: NaiveDate,
    pub forecast_category: String,
    /// The quality flags, as the insight engine writes them.
    pub flags: String,
    pub note: Option<String>,
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

/// A team's forecast for a period as it stood on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredForecast {
    pub id: i64,
    pub team: TeamId,
    pub period: Period,
    pub as_of: NaiveDate,
    pub recorded_at: NaiveDateTime,
    /// What recorded it: `review` or `cli`.
    pub source: String,
    pub won: Money,
    pub commit: Money,
    pub best_case: Money,
    pub weighted: Money,
}

const REVIEW_COLUMNS: &[&str] = &["id", "team_id", "as_of", "taken_at", "taken_by", "previous_id"];

const DEAL_COLUMNS: &[&str] = &[
    "review_id",
    "opportunity_id",
    "name",
    "owner_id",
    "owner_name",
    "currency",
    "amount_minor",
    "stage",
    "close_date",
    "forecast_category",
    "flags",
    "note",
    "decision",
    "decided_by",
    "decided_at",
];

const FORECAST_COLUMNS: &[&str] = &[
    "id",
    "team_id",
    "period",
    "as_of",
    "recorded_at",
    "source",
    "currency",
    "won_minor",
    "commit_minor",
    "best_case_minor",
    "weighted_minor",
];

fn review_from_row(r: &Row<'_>) -> StoreResult<StoredReview> {
    Ok(StoredReview {
        id: r.i64(0)?,
        team: TeamId(r.i64(1)?),
        as_of: r.date(2)?,
        taken_at: r.timestamp(3)?,
        taken_by: r.text(4)?,
        previous: r.opt_i64(5)?,
    })
}

fn deal_from_row(r: &Row<'_>) -> StoreResult<StoredReviewDeal> {
    let currency = Currency::parse(&r.text(5)?)?;
    Ok(StoredReviewDeal {
        opportunity: OpportunityId(r.i64(1)?),
        name: r.text(2)?,
        owner: PersonId(r.i64(3)?),
        owner_name: r.text(4)?,
        amount: Money::from_minor(r.i64(6)?, currency),
        stage: r.text(7)?,
        close_date: r.date(8)?,
        forecast_category: r.text(9)?,
        flags: r.text(10)?,
        note: r.opt_text(11)?,
        decision: r.opt_text(12)?,
        decided_by: r.opt_text(13)?,
        decided_at: r.opt_timestamp(14)?,
    })
}

fn forecast_from_row(r: &Row<'_>) -> StoreResult<StoredForecast> {
    let currency = Currency::parse(&r.text(6)?)?;
    let money = |at: usize| -> StoreResult<Money> { Ok(Money::from_minor(r.i64(at)?, currency)) };
    Ok(StoredForecast {
        id: r.i64(0)?,
        team: TeamId(r.i64(1)?),
        period: Period::parse(&r.text(2)?)?,
        as_of: r.date(3)?,
        recorded_at: r.timestamp(4)?,
        source: r.text(5)?,
        won: money(7)?,
        commit: money(8)?,
        best_case: money(9)?,
        weighted: money(10)?,
    })
}

impl Store {
    /// The reviews of the given teams (all teams for `None`), newest first.
    pub fn reviews(&self, teams: Option<&[TeamId]>) -> StoreResult<Vec<StoredReview>> {
        let mut conn = self.pool.get()?;
        let sql = format!("SELECT {} FROM pipeline_reviews ORDER BY id DESC", REVIEW_COLUMNS.join(", "));
        let all = conn.query(&sql, &[], review_from_row)?;
        Ok(match teams {
            None => all,
            Some(teams) => all.into_iter().filter(|r| teams.contains(&r.team)).collect(),
        })
    }

    /// One review's head, if it exists.
    pub fn review(&self, id: i64) -> StoreResult<Option<StoredReview>> {
        let mut conn = self.pool.get()?;
        let sql = format!("SELECT {} FROM pipeline_reviews WHERE id = ?", REVIEW_COLUMNS.join(", "));
        Ok(conn.query(&sql, &[Value::Int(id)], review_from_row)?.into_iter().next())
    }

    /// The deals of a review, largest first.
    pub fn review_deals(&self, review: i64) -> StoreResult<Vec<StoredReviewDeal>> {
        let mut conn = self.pool.get()?;
        let sql = format!(
            "SELECT {} FROM pipeline_review_deals WHERE review_id = ? ORDER BY amount_minor DESC, opportunity_id",
            DEAL_COLUMNS.join(", ")
        );
        conn.query(&sql, &[Value::Int(review)], deal_from_row)
    }

    /// Recorded forecasts of the given teams (all for `None`), by team, period and date.
    pub fn forecast_snapshots(&self, teams: Option<&[TeamId]>) -> StoreResult<Vec<StoredForecast>> {
        let mut conn = self.pool.get()?;
        let sql = format!(
            "SELECT {} FROM forecast_snapshots ORDER BY team_id, period, as_of, id",
            FORECAST_COLUMNS.join(", ")
        );
        let all = conn.query(&sql, &[], forecast_from_row)?;
        Ok(match teams {
            None => all,
            Some(teams) => all.into_iter().filter(|f| teams.contains(&f.team)).collect(),
        })
    }
}

impl Tx<'_> {
    /// Stores a review and its deals; the id is assigned here and returned. The previous review
    /// is the team's latest before this one.
    pub fn insert_review(
        &mut self,
        team: TeamId,
        as_of: NaiveDate,
        taken_at: NaiveDateTime,
        taken_by: &str,
        deals: &[StoredReviewDeal],
    ) -> StoreResult<StoredReview> {
        let previous = self
            .conn
            .query("SELECT MAX(id) FROM pipeline_reviews WHERE team_id = ?", &[Value::Int(team.get())], |r| {
                r.opt_i64(0)
            })?
            .into_iter()
            .next()
            .flatten();
        let id = self.allocate_ids(IdKind::Review, 1)?;
        let head = StoredReview { id, team, as_of, taken_at, taken_by: taken_by.to_owned(), previous };
        let row = vec![
            Value::Int(id),
            Value::Int(team.get()),
            Value::from(as_of),
            Value::from(taken_at),
            Value::from(taken_by),
            previous.map_or(Value::Null, Value::Int),
        ];
        self.conn.insert_rows("pipeline_reviews", REVIEW_COLUMNS, [row])?;
        let rows = deals.iter().map(|d| {
            vec![
                Value::Int(id),
                Value::Int(d.opportunity.get()),
                Value::from(d.name.as_str()),
                Value::Int(d.owner.get()),
                Value::from(d.owner_name.as_str()),
                Value::from(d.amount.currency_code()),
                Value::Int(d.amount.minor()),
                Value::from(d.stage.as_str()),
                Value::from(d.close_date),
                Value::from(d.forecast_category.as_str()),
                Value::from(d.flags.as_str()),
                Value::from(d.note.as_deref()),
                Value::from(d.decision.as_deref()),
                Value::from(d.decided_by.as_deref()),
                Value::from(d.decided_at),
            ]
        });
        self.conn.insert_rows("pipeline_review_deals", DEAL_COLUMNS, rows)?;
        Ok(head)
    }

    /// Writes the note and decision on one deal of a review (`None` clears them). Returns
    /// whether the review holds the deal.
    pub fn decide_review_deal(
        &mut self,
        review: i64,
        opportunity: OpportunityId,
        note: Option<&str>,
        decision: Option<&str>,
        by: &str,
        at: NaiveDateTime,
    ) -> StoreResult<bool> {
        let changed = self.conn.execute(
            "UPDATE pipeline_review_deals SET note = ?, decision = ?, decided_by = ?, decided_at = ? \
             WHERE review_id = ? AND opportunity_id = ?",
            &[
                Value::from(note),
                Value::from(decision),
                Value::from(by),
                Value::from(at),
                Value::Int(review),
                Value::Int(opportunity.get()),
            ],
        )?;
        Ok(changed > 0)
    }

    /// Appends recorded forecasts (ids assigned here).
    pub fn insert_forecast_snapshots(&mut self, snapshots: &[StoredForecast]) -> StoreResult<()> {
        if snapshots.is_empty() {
            return Ok(());
        }
        let first = self.allocate_ids(IdKind::ForecastSnapshot, snapshots.len() as u64)?;
        let rows = snapshots.iter().enumerate().map(|(k, s)| {
            vec![
                Value::Int(first + k as i64),
                Value::Int(s.team.get()),
                Value::from(s.period.to_string()),
                Value::from(s.as_of),
                Value::from(s.recorded_at),
                Value::from(s.source.as_str()),
                Value::from(s.won.currency_code()),
                Value::Int(s.won.minor()),
                Value::Int(s.commit.minor()),
                Value::Int(s.best_case.minor()),
                Value::Int(s.weighted.minor()),
            ]
        });
        self.conn.insert_rows("forecast_snapshots", FORECAST_COLUMNS, rows)?;
        Ok(())
    }
}
