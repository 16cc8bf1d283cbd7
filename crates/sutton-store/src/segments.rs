//! Account segments and their manual overrides (SEG-1). A run replaces every stored segment;
//! overrides are kept apart and change only when someone sets or clears one.

use chrono::NaiveDate;
use sutton_domain::{AccountId, Rate, Segment};

use crate::backend::{Row, Value};
use crate::error::StoreResult;
use crate::{Store, Tx};

/// An account's segment from the latest run, with the rule's own answer and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSegment {
    pub account: AccountId,
    pub segment: Segment,
    pub computed: Segment,
    /// What the run ranked by (`potential`, `revenue`…).
    pub measure: String,
    pub value: Option<i64>,
    pub rank: i64,
    pub cumulative_share: Rate,
    pub explanation: String,
    pub assigned_on: NaiveDate,
}

/// A segment set by hand, with who, when and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOverride {
    pub account: AccountId,
    pub segment: Segment,
    pub reason: String,
    pub set_by: String,
    pub set_on: NaiveDate,
}

const SEGMENT_COLUMNS: &[&str] = &[
    "account_id",
    "segment",
    "computed_segment",
    "measure",
    "measure_value",
    "segment_rank",
    "cumulative_share_ppm",
    "explanation",
    "assigned_on",
];

const OVERRIDE_COLUMNS: &[&str] = &["account_id", "segment", "reason", "set_by", "set_on"];

fn segment_from_row(r: &Row<'_>) -> StoreResult<StoredSegment> {
    Ok(StoredSegment {
        account: AccountId(r.i64(0)?),
        segment: Segment::parse(&r.text(1)?)?,
        computed: Segment::parse(&r.text(2)?)?,
        measure: r.text(3)?,
        value: r.opt_i64(4)?,
        rank: r.i64(5)?,
        cumulative_share: Rate::from_ppm(r.i64(6)?),
        explanation: r.text(7)?,
        assigned_on: r.date(8)?,
    })
}

fn override_from_row(r: &Row<'_>) -> StoreResult<StoredOverride> {
    Ok(StoredOverride {
        account: AccountId(r.i64(0)?),
        segment: Segment::parse(&r.text(1)?)?,
        reason: r.text(2)?,
        set_by: r.text(3)?,
        set_on: r.date(4)?,
    })
}

impl Store {
    /// Every account's stored segment, by account id.
    pub fn segments(&self) -> StoreResult<Vec<StoredSegment>> {
        let mut conn = self.pool.get()?;
        let sql = format!("SELECT {} FROM account_segments ORDER BY account_id", SEGMENT_COLUMNS.join(", "));
        conn.query(&sql, &[], segment_from_row)
    }

    /// Every manual override, by account id.
    pub fn segment_overrides(&self) -> StoreResult<Vec<StoredOverride>> {
        let mut conn = self.pool.get()?;
        let sql = format!("SELECT {} FROM segment_overrides ORDER BY account_id", OVERRIDE_COLUMNS.join(", "));
        conn.query(&sql, &[], override_from_row)
    }
}

impl Tx<'_> {
    /// Replaces the stored segments with a run's (overrides are untouched).
    pub fn replace_segments(&mut self, segments: &[StoredSegment]) -> StoreResult<()> {
        self.conn.execute("DELETE FROM account_segments", &[])?;
        let rows = segments.iter().map(|s| {
            vec![
                Value::from(s.account.get()),
                Value::from(s.segment.as_str()),
                Value::from(s.computed.as_str()),
                Value::from(s.measure.as_str()),
                s.value.map_or(Value::Null, Value::from),
                Value::from(s.rank),
                Value::from(s.cumulative_share.ppm()),
                Value::from(s.explanation.as_str()),
                Value::from(s.assigned_on),
            ]
        });
        self.conn.insert_rows("account_segments", SEGMENT_COLUMNS, rows)?;
        Ok(())
    }

    /// Sets (or replaces) an account's override.
    pub fn set_segment_override(&mut self, o: &StoredOverride) -> StoreResult<()> {
        self.clear_segment_override(o.account)?;
        let row = vec![
            Value::from(o.account.get()),
            Value::from(o.segment.as_str()),
            Value::from(o.reason.as_str()),
            Value::from(o.set_by.as_str()),
            Value::from(o.set_on),
        ];
        self.conn.insert_rows("segment_overrides", OVERRIDE_COLUMNS, [row])?;
        Ok(())
    }

    /// Removes an account's override; the next run gives it the rule's segment. Returns whether
    /// there was one.
    pub fn clear_segment_override(&mut self, account: AccountId) -> StoreResult<bool> {
        Ok(self.conn.execute("DELETE FROM segment_overrides WHERE account_id = ?", &[Value::from(account.get())])? > 0)
    }
}
