//! Segmentation and call-execution use cases: load the snapshot and the stored overrides, run
//! the pure engines in `sutton-plan` as of a date, and keep a segmentation run (with an audit
//! entry) when asked.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use sutton_domain::{AccountId, AuditEntry, AuditId, Dataset, PersonId, Rate, Segment};
use sutton_plan::{
    Compliance, QueueItem, SegmentOverride, Segmentation, SegmentationRule, TimeAllocation, Workload, WorkloadOptions,
};
use sutton_store::{StoredOverride, StoredSegment};

use crate::{App, AppError};

/// A segmentation run and what changed against the stored one.
#[derive(Debug, Clone)]
pub struct SegmentRun {
    pub as_of: NaiveDate,
    pub segmentation: Segmentation,
    /// Accounts whose segment differs from the one stored before the run (all, on a first run).
    pub changed: usize,
    pub saved: bool,
}

/// The snapshot and the segments the call engines work on.
#[derive(Debug)]
pub struct PlanContext {
    pub as_of: NaiveDate,
    pub data: Dataset,
    pub segmentation: Segmentation,
}

impl PlanContext {
    pub fn person_name(&self, id: PersonId) -> String {
        self.data.people.iter().find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    pub fn account_name(&self, id: AccountId) -> String {
        self.data.accounts.iter().find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}

fn plan_error(e: sutton_plan::ConfigError) -> AppError {
    AppError::Input(e.to_string())
}

impl App {
    /// Segments every account by `rule` as of the date, respecting the stored overrides; with
    /// `save`, replaces the stored segments in one transaction and audits the run.
    pub fn segments_run(
        &self,
        rule: &SegmentationRule,
        as_of: Option<NaiveDate>,
        save: bool,
        actor: &str,
    ) -> Result<SegmentRun, AppError> {
        let context = self.plan_context(rule, as_of)?;
        let before: HashMap<AccountId, Segment> =
            self.store.segments()?.into_iter().map(|s| (s.account, s.segment)).collect();
        let s = &context.segmentation;
        let changed = s.accounts.iter().filter(|a| before.get(&a.account) != Some(&a.segment)).count();
        if save {
            let rows: Vec<StoredSegment> = s
                .accounts
                .iter()
                .map(|a| StoredSegment {
                    account: a.account,
                    segment: a.segment.clone(),
                    computed: a.computed.clone(),
                    measure: rule.measure.as_str().to_owned(),
                    value: a.measure,
                    rank: i64::from(a.rank),
                    cumulative_share: a.cumulative_share,
                    explanation: a.explanation.clone(),
                    assigned_on: context.as_of,
                })
                .collect();
            let counts: Vec<String> = s.summary.iter().map(|x| format!("{} {}", x.segment, x.accounts)).collect();
            let detail = format!(
                "{} accounts by {} as of {}: {}; {changed} changed segment; {} overrides applied",
                rows.len(),
                rule.measure.as_str(),
                context.as_of,
                counts.join(", "),
                s.accounts.iter().filter(|a| a.overridden.is_some()).count()
            );
            self.store.write(|tx| {
                tx.replace_segments(&rows)?;
                tx.audit(&[audit(actor, "run segmentation", None, &detail)])
            })?;
        }
        Ok(SegmentRun { as_of: context.as_of, segmentation: context.segmentation, changed, saved: save })
    }

    /// Sets an account's segment by hand; every later run keeps it until it is cleared.
    pub fn segment_override(
        &self,
        account: AccountId,
        segment: &str,
        reason: &str,
        actor: &str,
    ) -> Result<(), AppError> {
        let segment = Segment::parse(segment).map_err(|e| AppError::Input(e.to_string()))?;
        if reason.trim().is_empty() {
            return Err(AppError::Input("say why the account is set by hand (--reason)".to_owned()));
        }
        let data = self.snapshot()?;
        if !data.accounts.iter().any(|a| a.id == account) {
            return Err(AppError::NotFound { what: "account", id: account.to_string() });
        }
        let o = StoredOverride {
            account,
            segment: segment.clone(),
            reason: reason.trim().to_owned(),
            set_by: actor.to_owned(),
            set_on: self.today(),
        };
        let detail = format!("set to {segment}: {}", o.reason);
        self.store.write(|tx| {
            tx.set_segment_override(&o)?;
            tx.audit(&[audit(actor, "override segment", Some(account), &detail)])
        })?;
        Ok(())
    }

    /// Removes an account's override; the next run gives it the rule's segment.
    pub fn segment_override_clear(&self, account: AccountId, actor: &str) -> Result<bool, AppError> {
        let cleared = self.store.write(|tx| {
            let cleared = tx.clear_segment_override(account)?;
            if cleared {
                tx.audit(&[audit(actor, "clear segment override", Some(account), "back to the rule")])?;
            }
            Ok::<bool, AppError>(cleared)
        })?;
        Ok(cleared)
    }

    /// The snapshot segmented by `rule` with the stored overrides, as of the date.
    pub fn plan_context(&self, rule: &SegmentationRule, as_of: Option<NaiveDate>) -> Result<PlanContext, AppError> {
        let as_of = as_of.unwrap_or_else(|| self.today());
        let data = self.snapshot()?;
        let overrides: Vec<SegmentOverride> = self
            .store
            .segment_overrides()?
            .into_iter()
            .map(|o| SegmentOverride {
                account: o.account,
                segment: o.segment,
                reason: o.reason,
                set_by: o.set_by,
                set_on: o.set_on,
            })
            .collect();
        let inputs =
            sutton_plan::segment_inputs(&data, rule.measure, rule.window_days, as_of, None).map_err(plan_error)?;
        let segmentation = sutton_plan::segment(&inputs, rule, &overrides).map_err(plan_error)?;
        Ok(PlanContext { as_of, data, segmentation })
    }

    /// Planned against actual calls over the `days` days up to the as-of date.
    pub fn calls_compliance(
        &self,
        rule: &SegmentationRule,
        as_of: Option<NaiveDate>,
        days: u32,
    ) -> Result<(PlanContext, Compliance), AppError> {
        let context = self.plan_context(rule, as_of)?;
        let from = trailing_start(context.as_of, days);
        let c =
            sutton_plan::compliance(&context.data, &context.segmentation, from, context.as_of).map_err(plan_error)?;
        Ok((context, c))
    }

    /// The workload the call patterns make, per person, team and territory, and the people
    /// each role needs.
    pub fn calls_workload(
        &self,
        rule: &SegmentationRule,
        as_of: Option<NaiveDate>,
        options: &WorkloadOptions,
    ) -> Result<(PlanContext, Workload), AppError> {
        let context = self.plan_context(rule, as_of)?;
        let w =
            sutton_plan::workload(&context.data, &context.segmentation, context.as_of, options).map_err(plan_error)?;
        Ok((context, w))
    }

    /// Each rep's work queue as of the date (how overdue is read from the calls of the `days`
    /// days before it, and from any earlier last call).
    pub fn calls_queue(
        &self,
        rule: &SegmentationRule,
        as_of: Option<NaiveDate>,
        days: u32,
    ) -> Result<(PlanContext, BTreeMap<PersonId, Vec<QueueItem>>), AppError> {
        let (context, c) = self.calls_compliance(rule, as_of, days)?;
        let queues = sutton_plan::work_queues(&c);
        Ok((context, queues))
    }

    /// Each person's direct-selling share over the `days` days up to the date, against 55–65 %.
    pub fn time_allocation(
        &self,
        as_of: Option<NaiveDate>,
        days: u32,
    ) -> Result<(NaiveDate, Dataset, Vec<TimeAllocation>), AppError> {
        let as_of = as_of.unwrap_or_else(|| self.today());
        let data = self.snapshot()?;
        let t = sutton_plan::time_allocation(
            &data,
            trailing_start(as_of, days),
            as_of,
            Rate::from_percent(55),
            Rate::from_percent(65),
        );
        Ok((as_of, data, t))
    }
}

fn trailing_start(as_of: NaiveDate, days: u32) -> NaiveDate {
    as_of.checked_sub_days(Days::new(u64::from(days.max(1) - 1))).unwrap_or(NaiveDate::MIN)
}

fn audit(actor: &str, action: &str, account: Option<AccountId>, detail: &str) -> AuditEntry {
    AuditEntry {
        id: AuditId(0),
        at: chrono::Utc::now(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        entity: if account.is_some() { "account segment" } else { "segments" }.to_owned(),
        entity_id: account.map(|a| a.to_string()),
        detail: detail.to_owned(),
    }
}
