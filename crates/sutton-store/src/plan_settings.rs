//! Planning settings people edit: named ideal-client profiles (SEG-2), each segment's CALLPLAN
//! response curve (CALL-7), and the call patterns (CALL-1) one by one.

use chrono::NaiveDate;
use sutton_domain::{CallPattern, CallPatternId, Segment};

use crate::backend::{Row, Value};
use crate::error::StoreResult;
use crate::{Store, Tx};

/// A named profile as stored: its definition is the profile's JSON, read by the planning use
/// cases (the store does not interpret it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIcpProfile {
    pub name: String,
    pub definition: String,
    pub updated_by: String,
    pub updated_on: NaiveDate,
}

/// A segment's response curve as "a,b,c,d".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCurve {
    pub segment: Segment,
    pub curve: String,
    pub updated_by: String,
    pub updated_on: NaiveDate,
}

fn profile_from_row(r: &Row<'_>) -> StoreResult<StoredIcpProfile> {
    Ok(StoredIcpProfile { name: r.text(0)?, definition: r.text(1)?, updated_by: r.text(2)?, updated_on: r.date(3)? })
}

fn curve_from_row(r: &Row<'_>) -> StoreResult<StoredCurve> {
    Ok(StoredCurve {
        segment: Segment::parse(&r.text(0)?)?,
        curve: r.text(1)?,
        updated_by: r.text(2)?,
        updated_on: r.date(3)?,
    })
}

impl Store {
    /// Every stored ideal-client profile, by name.
    pub fn icp_profiles(&self) -> StoreResult<Vec<StoredIcpProfile>> {
        let mut conn = self.pool.get()?;
        conn.query(
            "SELECT name, definition, updated_by, updated_on FROM icp_profiles ORDER BY name",
            &[],
            profile_from_row,
        )
    }

    /// Every segment's stored response curve, by segment.
    pub fn response_curves(&self) -> StoreResult<Vec<StoredCurve>> {
        let mut conn = self.pool.get()?;
        conn.query(
            "SELECT segment, curve, updated_by, updated_on FROM response_curves ORDER BY segment",
            &[],
            curve_from_row,
        )
    }
}

impl Tx<'_> {
    /// Stores a profile under its name, replacing one of the same name.
    pub fn save_icp_profile(&mut self, p: &StoredIcpProfile) -> StoreResult<()> {
        self.conn.execute("DELETE FROM icp_profiles WHERE name = ?", &[Value::from(p.name.as_str())])?;
        let row = vec![
            Value::from(p.name.as_str()),
            Value::from(p.definition.as_str()),
            Value::from(p.updated_by.as_str()),
            Value::from(p.updated_on),
        ];
        self.conn.insert_rows("icp_profiles", &["name", "definition", "updated_by", "updated_on"], [row])?;
        Ok(())
    }

    /// Removes a profile; returns whether there was one.
    pub fn delete_icp_profile(&mut self, name: &str) -> StoreResult<bool> {
        Ok(self.conn.execute("DELETE FROM icp_profiles WHERE name = ?", &[Value::from(name)])? > 0)
    }

    /// Stores a segment's curve, replacing the one before.
    pub fn save_response_curve(&mut self, c: &StoredCurve) -> StoreResult<()> {
        self.clear_response_curve(&c.segment)?;
        let row = vec![
            Value::from(c.segment.as_str()),
            Value::from(c.curve.as_str()),
            Value::from(c.updated_by.as_str()),
            Value::from(c.updated_on),
        ];
        self.conn.insert_rows("response_curves", &["segment", "curve", "updated_by", "updated_on"], [row])?;
        Ok(())
    }

    /// Removes a segment's curve (the default applies again); returns whether there was one.
    pub fn clear_response_curve(&mut self, segment: &Segment) -> StoreResult<bool> {
        Ok(self.conn.execute("DELETE FROM response_curves WHERE segment = ?", &[Value::from(segment.as_str())])? > 0)
    }

    /// Adds a call pattern under a new id; returns it.
    pub fn add_call_pattern(&mut self, p: &CallPattern) -> StoreResult<CallPatternId> {
        let id = CallPatternId(self.allocate_ids(crate::IdKind::CallPattern, 1)?);
        self.insert_call_patterns(&[CallPattern { id, ..p.clone() }])?;
        Ok(id)
    }

    /// Removes a call pattern; returns whether there was one.
    pub fn delete_call_pattern(&mut self, id: CallPatternId) -> StoreResult<bool> {
        Ok(self.conn.execute("DELETE FROM call_patterns WHERE id = ?", &[Value::from(id.get())])? > 0)
    }
}
