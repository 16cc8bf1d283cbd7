//! Planning settings people edit, with an audit entry for each change: named ideal-client
//! profiles and their fit (SEG-2), call patterns (CALL-1) and CALLPLAN response curves (CALL-7).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sutton_domain::{AuditEntry, AuditId, CallPattern, CallPatternId, Dataset, Segment};
use sutton_plan::{IcpProfile, IcpScore, PipelineFitReport, ResponseCurve};
use sutton_store::{StoredCurve, StoredIcpProfile};

use crate::{App, AppError};

/// A profile's fit on the accounts and the open new-business pipeline.
#[derive(Debug)]
pub struct IcpFit {
    pub as_of: NaiveDate,
    pub data: Dataset,
    pub profile: IcpProfile,
    pub scores: Vec<IcpScore>,
    pub pipeline: PipelineFitReport,
}

fn audit(actor: &str, action: &str, entity: &str, id: Option<String>, detail: String) -> AuditEntry {
    AuditEntry {
        id: AuditId(0),
        at: chrono::Utc::now(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        entity: entity.to_owned(),
        entity_id: id,
        detail,
    }
}

/// "a,b,c,d" as a curve.
pub fn parse_curve(text: &str) -> Result<ResponseCurve, AppError> {
    let v: Vec<f64> = text
        .split(',')
        .map(|x| x.trim().parse::<f64>().map_err(|_| AppError::Input(format!("response curve: '{x}' is not a number"))))
        .collect::<Result<_, _>>()?;
    let [a, b, c, d] = v[..] else {
        return Err(AppError::Input(format!("response curve '{text}': give four numbers a,b,c,d")));
    };
    Ok(ResponseCurve { a, b, c, d })
}

impl App {
    /// Every stored ideal-client profile, by name.
    pub fn icp_profiles(&self) -> Result<Vec<IcpProfile>, AppError> {
        self.store
            .icp_profiles()?
            .into_iter()
            .map(|p| {
                serde_json::from_str(&p.definition)
                    .map_err(|e| AppError::Internal(format!("the stored ICP profile '{}' cannot be read: {e}", p.name)))
            })
            .collect()
    }

    /// Stores a profile (replacing one of the same name) after checking it; audited.
    pub fn icp_profile_save(&self, profile: &IcpProfile, actor: &str) -> Result<(), AppError> {
        profile.validate().map_err(|e| AppError::Input(e.to_string()))?;
        let definition = serde_json::to_string(profile).map_err(|e| AppError::Internal(e.to_string()))?;
        let stored = StoredIcpProfile {
            name: profile.name.trim().to_owned(),
            definition,
            updated_by: actor.to_owned(),
            updated_on: self.today(),
        };
        let detail = format!("{} criteria, fits from {}", profile.criteria.len(), profile.fit_from);
        self.store.write(|tx| {
            tx.save_icp_profile(&stored)?;
            tx.audit(&[audit(actor, "save ICP profile", "ICP profile", Some(stored.name.clone()), detail)])
        })?;
        Ok(())
    }

    /// Removes a profile; audited. Returns whether there was one. The profile the segmentation
    /// rule ranks by cannot be removed.
    pub fn icp_profile_delete(&self, name: &str, actor: &str) -> Result<bool, AppError> {
        if self.segment_rule()?.icp_profile.as_deref() == Some(name) {
            return Err(AppError::Input(format!(
                "ICP profile {name}: the segmentation rule ranks by it; give the rule another measure or profile first"
            )));
        }
        self.store.write(|tx| {
            let gone = tx.delete_icp_profile(name)?;
            if gone {
                tx.audit(&[audit(actor, "delete ICP profile", "ICP profile", Some(name.to_owned()), String::new())])?;
            }
            Ok::<bool, AppError>(gone)
        })
    }

    /// Scores every account against the named profile and measures the open new-business
    /// pipeline that fits, per rep and team.
    pub fn icp_fit(&self, name: &str, as_of: Option<NaiveDate>) -> Result<IcpFit, AppError> {
        let profile = self
            .icp_profiles()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| AppError::NotFound { what: "ICP profile", id: name.to_owned() })?;
        let as_of = as_of.unwrap_or_else(|| self.today());
        let data = self.snapshot()?;
        let scores = sutton_plan::score_accounts(&data, &profile).map_err(|e| AppError::Input(e.to_string()))?;
        let pipeline = sutton_plan::pipeline_fit(&data, &scores, as_of);
        Ok(IcpFit { as_of, data, profile, scores, pipeline })
    }

    /// The segment names call patterns may use: those of the organisation's rule, most valuable
    /// first.
    pub fn segment_names(&self) -> Result<Vec<Segment>, AppError> {
        Ok(self.segment_rule()?.rule.names)
    }

    /// Adds a call pattern after checking it and its segment; audited. Returns its id.
    pub fn call_pattern_add(&self, pattern: &CallPattern, actor: &str) -> Result<CallPatternId, AppError> {
        let names = self.segment_names()?;
        sutton_plan::check_patterns(std::slice::from_ref(pattern), &names)
            .map_err(|e| AppError::Input(e.to_string()))?;
        let detail = format!(
            "{} {} per {} by {} ({}, {}), {} min",
            pattern.segment,
            pattern.calls,
            pattern.per.as_str(),
            pattern.role,
            pattern.channel,
            pattern.mode,
            pattern.duration_minutes
        );
        self.store.write(|tx| {
            let id = tx.add_call_pattern(pattern)?;
            tx.audit(&[audit(actor, "add call pattern", "call pattern", Some(id.to_string()), detail)])?;
            Ok::<CallPatternId, AppError>(id)
        })
    }

    /// Removes a call pattern; audited. Returns whether there was one.
    pub fn call_pattern_delete(&self, id: CallPatternId, actor: &str) -> Result<bool, AppError> {
        self.store.write(|tx| {
            let gone = tx.delete_call_pattern(id)?;
            if gone {
                tx.audit(&[audit(actor, "delete call pattern", "call pattern", Some(id.to_string()), String::new())])?;
            }
            Ok::<bool, AppError>(gone)
        })
    }

    /// The stored response curves by segment (segments without one use the default).
    pub fn response_curves(&self) -> Result<BTreeMap<Segment, ResponseCurve>, AppError> {
        self.store.response_curves()?.into_iter().map(|c| Ok((c.segment, parse_curve(&c.curve)?))).collect()
    }

    /// Stores a segment's response curve after refusing a decreasing or unusable one; audited.
    pub fn response_curve_save(&self, segment: &Segment, curve: &ResponseCurve, actor: &str) -> Result<(), AppError> {
        curve.validate(&format!("segment {segment}")).map_err(|e| AppError::Input(e.to_string()))?;
        let text = format!("{},{},{},{}", curve.a, curve.b, curve.c, curve.d);
        let stored = StoredCurve {
            segment: segment.clone(),
            curve: text.clone(),
            updated_by: actor.to_owned(),
            updated_on: self.today(),
        };
        self.store.write(|tx| {
            tx.save_response_curve(&stored)?;
            tx.audit(&[audit(actor, "save response curve", "response curve", Some(segment.to_string()), text)])
        })?;
        Ok(())
    }
}

/// A call to log (CALL-3): on an account the caller may see, by a person of theirs.
#[derive(Debug, Clone)]
pub struct NewCall {
    pub person: sutton_domain::PersonId,
    pub account: sutton_domain::AccountId,
    pub date: NaiveDate,
    pub kind: sutton_domain::ActivityKind,
    pub mode: sutton_domain::ContactMode,
    pub duration_minutes: u32,
    pub subject: Option<String>,
}

impl App {
    /// Logs a customer call in direct-selling time. The person and the account's owner must be
    /// inside `scope` (a rep logs their own calls on their own book); audited.
    pub fn log_call(
        &self,
        scope: &sutton_domain::Scope,
        call: &NewCall,
        actor: &str,
    ) -> Result<sutton_domain::ActivityId, AppError> {
        use sutton_domain::{Activity, ActivityId, ActivityKind, TimeCategory};
        if !scope.sees(call.person) {
            return Err(AppError::NotFound { what: "person", id: call.person.to_string() });
        }
        if !matches!(call.kind, ActivityKind::Call | ActivityKind::Visit | ActivityKind::Meeting) {
            return Err(AppError::Input(format!("activity kind {}: log a call, visit or meeting here", call.kind)));
        }
        if call.date > self.today() {
            return Err(AppError::Input(format!("date {}: a call is logged once it has happened", call.date)));
        }
        let account = self
            .store
            .account_detail(scope, call.account)?
            .map(|d| d.account)
            .ok_or_else(|| AppError::NotFound { what: "account", id: call.account.to_string() })?;
        let detail = format!("{} {} on {} ({} min)", call.mode, call.kind, call.date, call.duration_minutes);
        self.store.write(|tx| {
            let id = ActivityId(tx.allocate_ids(sutton_store::IdKind::Activity, 1)?);
            let activity = Activity {
                id,
                external_id: None,
                person: call.person,
                account: Some(account.id),
                contact: None,
                opportunity: None,
                kind: call.kind,
                mode: call.mode,
                date: call.date,
                duration_minutes: call.duration_minutes,
                category: TimeCategory::DirectSelling,
                outcome: None,
                subject: call.subject.clone().filter(|s| !s.trim().is_empty()),
            };
            tx.insert_activities(std::slice::from_ref(&activity))?;
            tx.audit(&[audit(actor, "log call", "activity", Some(id.to_string()), detail)])?;
            Ok::<_, AppError>(id)
        })
    }
}
