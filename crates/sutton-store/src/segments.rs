//! Account segments, their manual overrides and the organisation's segmentation rule (SEG-1). A
//! run replaces every stored segment; overrides are kept apart and change only when someone sets
//! or clears one; the rule is one row and its segments, replaced whole when it is saved.

use chrono::NaiveDate;
use sutton_domain::{AccountId, CallPatternId, Currency, Rate, Segment};

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

/// The organisation's segmentation rule as stored. The store keeps its parts as the planning
/// use cases name them (`measure`, `method` and `scope` in their snake-case words) and does not
/// interpret them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSegmentRule {
    pub measure: String,
    pub method: String,
    pub scope: String,
    pub window_days: i64,
    /// The ideal-client profile the ICP-score measure scores with.
    pub icp_profile: Option<String>,
    /// The currency of money floors.
    pub currency: Currency,
    /// Most valuable first.
    pub segments: Vec<StoredRuleSegment>,
    pub updated_by: String,
    pub updated_on: NaiveDate,
}

/// A segment of the stored rule and the boundary between it and the next (none for the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRuleSegment {
    pub name: Segment,
    /// Pareto and percentile methods.
    pub cut_off: Option<Rate>,
    /// Threshold method, in the measure's unit.
    pub floor: Option<i64>,
}

const RULE_COLUMNS: &[&str] =
    &["id", "measure", "method", "scope", "window_days", "icp_profile", "currency", "updated_by", "updated_on"];

const RULE_SEGMENT_COLUMNS: &[&str] = &["place", "name", "cut_off_ppm", "floor_value"];

impl Store {
    /// The saved segmentation rule, if one was saved.
    pub fn segment_rule(&self) -> StoreResult<Option<StoredSegmentRule>> {
        let mut conn = self.pool.get()?;
        let sql = format!("SELECT {} FROM segment_rule WHERE id = 1", RULE_COLUMNS[1..].join(", "));
        let mut rules = conn.query(&sql, &[], |r| {
            Ok(StoredSegmentRule {
                measure: r.text(0)?,
                method: r.text(1)?,
                scope: r.text(2)?,
                window_days: r.i64(3)?,
                icp_profile: r.opt_text(4)?,
                currency: Currency::parse(&r.text(5)?)?,
                segments: Vec::new(),
                updated_by: r.text(6)?,
                updated_on: r.date(7)?,
            })
        })?;
        let Some(mut rule) = rules.pop() else { return Ok(None) };
        let sql = format!("SELECT {} FROM segment_rule_segments ORDER BY place", RULE_SEGMENT_COLUMNS[1..].join(", "));
        rule.segments = conn.query(&sql, &[], |r| {
            Ok(StoredRuleSegment {
                name: Segment::parse(&r.text(0)?)?,
                cut_off: r.opt_i64(1)?.map(Rate::from_ppm),
                floor: r.opt_i64(2)?,
            })
        })?;
        Ok(Some(rule))
    }
}

impl Tx<'_> {
    /// Saves the organisation's segmentation rule, replacing the one before.
    pub fn save_segment_rule(&mut self, rule: &StoredSegmentRule) -> StoreResult<()> {
        self.conn.execute("DELETE FROM segment_rule_segments", &[])?;
        self.conn.execute("DELETE FROM segment_rule", &[])?;
        let row = vec![
            Value::from(1_i64),
            Value::from(rule.measure.as_str()),
            Value::from(rule.method.as_str()),
            Value::from(rule.scope.as_str()),
            Value::from(rule.window_days),
            rule.icp_profile.as_deref().map_or(Value::Null, Value::from),
            Value::from(rule.currency.code()),
            Value::from(rule.updated_by.as_str()),
            Value::from(rule.updated_on),
        ];
        self.conn.insert_rows("segment_rule", RULE_COLUMNS, [row])?;
        let rows = rule.segments.iter().enumerate().map(|(i, s)| {
            vec![
                Value::from(i as i64),
                Value::from(s.name.as_str()),
                s.cut_off.map_or(Value::Null, |c| Value::from(c.ppm())),
                s.floor.map_or(Value::Null, Value::from),
            ]
        });
        self.conn.insert_rows("segment_rule_segments", RULE_SEGMENT_COLUMNS, rows)?;
        Ok(())
    }

    /// Moves a call pattern to another segment (when the rule renames its segments).
    pub fn set_call_pattern_segment(&mut self, id: CallPatternId, segment: &Segment) -> StoreResult<bool> {
        Ok(self.conn.execute(
            "UPDATE call_patterns SET segment = ? WHERE id = ?",
            &[Value::from(segment.as_str()), Value::from(id.get())],
        )? > 0)
    }
}
