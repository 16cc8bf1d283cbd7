//! Segmentation and call-execution use cases: load the snapshot and the stored overrides, run
//! the pure engines in `sutton-plan` as of a date, and keep a segmentation run (with an audit
//! entry) when asked.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use sutton_domain::{AccountId, AuditEntry, AuditId, Dataset, PersonId, Rate, Segment};
use sutton_domain::{OpportunityStatus, Person};
use sutton_plan::{
    CallPlan, CallPlanAccount, CallPlanOptions, Compliance, QueueItem, ResponseCurve, SegmentMeasure, SegmentOverride,
    Segmentation, TimeAllocation, Workload, WorkloadOptions,
};
use sutton_store::{StoredOverride, StoredSegment};

use crate::{App, AppError, SegmentRule};

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
        rule: &SegmentRule,
        as_of: Option<NaiveDate>,
        save: bool,
        actor: &str,
    ) -> Result<SegmentRun, AppError> {
        let context = self.plan_context(rule, as_of)?;
        let before: HashMap<AccountId, Segment> =
            self.store.segments()?.into_iter().map(|s| (s.account, s.segment)).collect();
        let s = &context.segmentation;
        let changed = s.accounts.iter().filter(|a| before.get(&a.account) != Some(s.segment(a))).count();
        if save {
            let rows: Vec<StoredSegment> = s
                .accounts
                .iter()
                .map(|a| StoredSegment {
                    account: a.account,
                    segment: s.segment(a).clone(),
                    computed: s.computed(a).clone(),
                    measure: rule.rule.measure.as_str().to_owned(),
                    value: a.measure,
                    rank: i64::from(a.rank),
                    cumulative_share: a.cumulative_share,
                    explanation: s.explanation(a),
                    assigned_on: context.as_of,
                })
                .collect();
            let counts: Vec<String> = s.summary.iter().map(|x| format!("{} {}", x.segment, x.accounts)).collect();
            let detail = format!(
                "{} accounts by {} as of {}: {}; {changed} changed segment; {} overrides applied",
                rows.len(),
                rule.rule.measure.as_str(),
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

    /// The snapshot segmented by `rule` (for the organisation's own, [`App::segment_rule`]) with
    /// the stored overrides, as of the date.
    pub fn plan_context(&self, rule: &SegmentRule, as_of: Option<NaiveDate>) -> Result<PlanContext, AppError> {
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
        let profile = match rule.rule.measure {
            SegmentMeasure::IcpScore => {
                let name = rule.icp_profile.as_deref().unwrap_or_default();
                let profile = self.icp_profiles()?.into_iter().find(|p| p.name == name);
                Some(profile.ok_or_else(|| {
                    AppError::Input(format!(
                        "segment measure: the rule ranks by fit to the ideal-client profile '{name}', which is not stored; choose a stored profile for the rule"
                    ))
                })?)
            }
            _ => None,
        };
        let r = &rule.rule;
        let inputs = sutton_plan::segment_inputs(&data, r.measure, r.window_days, as_of, profile.as_ref())
            .map_err(plan_error)?;
        let segmentation = sutton_plan::segment(&inputs, r, &overrides).map_err(plan_error)?;
        Ok(PlanContext { as_of, data, segmentation })
    }

    /// Planned against actual calls over the `days` days up to the as-of date.
    pub fn calls_compliance(
        &self,
        rule: &SegmentRule,
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
        rule: &SegmentRule,
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
        rule: &SegmentRule,
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

impl App {
    /// Each person's direct-selling share month by month: the `months` whole calendar months
    /// before the as-of date's month, then that month up to the date.
    pub fn time_trend(
        &self,
        as_of: Option<NaiveDate>,
        months: u32,
    ) -> Result<Vec<(NaiveDate, Vec<TimeAllocation>)>, AppError> {
        use chrono::Datelike;
        let as_of = as_of.unwrap_or_else(|| self.today());
        let data = self.snapshot()?;
        let this_month = as_of.with_day(1).unwrap_or(as_of);
        let mut out = Vec::new();
        for back in (0..=months).rev() {
            let Some(start) = this_month.checked_sub_months(chrono::Months::new(back)) else { continue };
            let end =
                start.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(start).min(as_of);
            let t = sutton_plan::time_allocation(&data, start, end, Rate::from_percent(55), Rate::from_percent(65));
            out.push((start, t));
        }
        Ok(out)
    }
}

/// What a CALLPLAN what-if is asked with.
#[derive(Debug, Clone)]
pub struct CallPlanRequest {
    /// Curves by segment; segments not named get the default curve.
    pub curves: BTreeMap<Segment, ResponseCurve>,
    /// Share of each rep's capacity that is selling time the plan may use.
    pub selling_share: Rate,
    pub options: CallPlanOptions,
    pub workload: WorkloadOptions,
    /// Plan only these reps (none: every rep with a book).
    pub reps: Option<Vec<PersonId>>,
}

impl Default for CallPlanRequest {
    fn default() -> Self {
        CallPlanRequest {
            curves: BTreeMap::new(),
            selling_share: Rate::from_percent(60),
            options: CallPlanOptions::default(),
            workload: WorkloadOptions::default(),
            reps: None,
        }
    }
}

/// A CALLPLAN run with what it was run on.
#[derive(Debug)]
pub struct CallPlanRun {
    pub context: PlanContext,
    pub curves: BTreeMap<Segment, ResponseCurve>,
    /// Gross profit ÷ bookings of last year's won deals, applied to potential to value accounts.
    pub margin: Rate,
    pub plan: CallPlan,
}

impl App {
    /// CALL-7: allocates each rep's selling time over their accounts by response curve, against
    /// the calls the current patterns ask of them. An account's value is its potential at last
    /// year's gross margin; a call costs the owner's pattern duration plus travel.
    pub fn callplan(
        &self,
        rule: &SegmentRule,
        as_of: Option<NaiveDate>,
        request: &CallPlanRequest,
    ) -> Result<CallPlanRun, AppError> {
        let context = self.plan_context(rule, as_of)?;
        let mut curves = ResponseCurve::defaults(&context.segmentation.rule.names);
        for (segment, curve) in self.response_curves()? {
            if let Some(c) = curves.get_mut(&segment) {
                *c = curve;
            }
        }
        for (segment, curve) in &request.curves {
            if !curves.contains_key(segment) {
                return Err(AppError::Input(format!(
                    "response curve for segment {segment}: the segmentation has no such segment ({})",
                    curves.keys().map(Segment::as_str).collect::<Vec<_>>().join(", ")
                )));
            }
            curve.validate(&format!("segment {segment}")).map_err(plan_error)?;
            curves.insert(segment.clone(), *curve);
        }
        let w = sutton_plan::workload(&context.data, &context.segmentation, context.as_of, &request.workload)
            .map_err(plan_error)?;
        let margin = last_year_margin(&context.data, context.as_of);
        let currency = context.data.organisation.currency;
        let potential: HashMap<AccountId, i64> = context
            .data
            .accounts
            .iter()
            .filter_map(|a| Some((a.id, a.potential.filter(|m| m.currency() == currency)?.minor())))
            .collect();
        let people: HashMap<PersonId, &Person> = context.data.people.iter().map(|p| (p.id, p)).collect();
        let wanted = |p: PersonId| request.reps.as_ref().is_none_or(|r| r.contains(&p));
        let mut accounts = Vec::new();
        let mut budgets = BTreeMap::new();
        for a in &w.accounts {
            let Some(owner) = a.owner.filter(|o| wanted(*o)) else { continue };
            let Some(person) = people.get(&owner).filter(|p| p.is_active_on(context.as_of) && p.role.carries_book())
            else {
                continue;
            };
            let own: Vec<_> = a.calls.iter().filter(|c| c.caller == Some(owner)).collect();
            let current_calls: u32 = own.iter().map(|c| c.calls_per_year).sum();
            let minutes: u64 = own.iter().map(|c| c.minutes_per_year()).sum();
            let minutes_per_call = if current_calls > 0 {
                (minutes as f64 / f64::from(current_calls)).round().max(1.0) as u32
            } else {
                a.calls.iter().map(|c| c.duration_minutes + c.travel_minutes).max().unwrap_or(60).max(1)
            };
            let value = potential.get(&a.account).copied().unwrap_or(0);
            let value = (value as f64 * margin.ppm() as f64 / 1_000_000.0).round() as i64;
            budgets.entry(owner).or_insert_with(|| {
                let capacity = u64::from(person.weekly_capacity_minutes) * u64::from(request.workload.working_weeks);
                capacity * request.selling_share.ppm().max(0) as u64 / 1_000_000
            });
            accounts.push(CallPlanAccount {
                account: a.account,
                rep: owner,
                segment: a.segment.clone(),
                value,
                minutes_per_call,
                current_calls,
                curve: curves[&a.segment],
            });
        }
        let plan = sutton_plan::callplan(&accounts, &budgets, &request.options).map_err(plan_error)?;
        Ok(CallPlanRun { context, curves, margin, plan })
    }
}

/// Gross profit ÷ bookings of the deals won in the year up to `as_of` that carry a margin (100 %
/// when there are none).
fn last_year_margin(data: &Dataset, as_of: NaiveDate) -> Rate {
    let from = trailing_start(as_of, 365);
    let (mut bookings, mut profit) = (0i64, 0i64);
    for o in data.opportunities.iter().filter(|o| {
        o.status == OpportunityStatus::Won
            && o.close_date >= from
            && o.close_date <= as_of
            && o.amount.currency() == data.organisation.currency
    }) {
        if let Ok(Some(gp)) = o.gross_profit() {
            bookings = bookings.saturating_add(o.amount.minor());
            profit = profit.saturating_add(gp.minor());
        }
    }
    Rate::ratio(profit, bookings).filter(|r| *r > Rate::ZERO).unwrap_or(Rate::ONE)
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
