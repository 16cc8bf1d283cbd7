//! The organisation's segmentation rule (SEG-1): read (the A/B/C Pareto rule on potential until
//! one is saved), and saved after the engine has checked it, with an audit entry that says what
//! changed. Every page, API route and command that segments uses the saved rule unless it is
//! told otherwise.
//!
//! Segment names are positions: the first is the most valuable. When a saved rule renames the
//! segments, the call patterns, hand-set overrides and response curves of each old segment move
//! to the new segment in the same place, in the same transaction, so nothing the organisation
//! set up is left pointing at a segment that no longer exists. A rule with fewer segments is
//! refused while a pattern or an override still names a segment it would drop.

use std::collections::HashMap;

use chrono::NaiveDate;
use sutton_domain::{AuditEntry, AuditId, Currency, Money, Rate, Segment};
use sutton_plan::{SegmentMeasure, SegmentMethod, SegmentScope, SegmentationRule};
use sutton_store::{StoredCurve, StoredOverride, StoredRuleSegment, StoredSegmentRule};

use crate::{App, AppError};

/// The longest trailing window of won business a rule may read, in days (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3_660;

/// A segmentation rule as the organisation keeps it: the engine's rule and, when it ranks by
/// ICP score, the name of the stored ideal-client profile it scores with.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRule {
    pub rule: SegmentationRule,
    pub icp_profile: Option<String>,
}

impl From<SegmentationRule> for SegmentRule {
    fn from(rule: SegmentationRule) -> SegmentRule {
        SegmentRule { rule, icp_profile: None }
    }
}

impl Default for SegmentRule {
    /// A, B, C by Pareto cut-offs at 50 % and 80 % of potential, across the organisation.
    fn default() -> SegmentRule {
        SegmentationRule::abc_by_potential().into()
    }
}

impl SegmentRule {
    /// The rule in plain English (for the audit log and the command line), money floors in
    /// `currency`.
    pub fn describe(&self, currency: Currency) -> String {
        let r = &self.rule;
        let names: Vec<&str> = r.names.iter().map(Segment::as_str).collect();
        format!(
            "{} by {}; {}; {}",
            names.join(", "),
            self.measure_words(),
            method_words(r, currency),
            match r.scope {
                SegmentScope::Organisation => "across the organisation",
                SegmentScope::OwnerBook => "within each owner's book",
            }
        )
    }

    fn measure_words(&self) -> String {
        let r = &self.rule;
        match r.measure {
            SegmentMeasure::Potential => "potential".to_owned(),
            SegmentMeasure::Revenue => format!("revenue won over the last {} days", r.window_days),
            SegmentMeasure::GrossProfit => format!("gross profit won over the last {} days", r.window_days),
            SegmentMeasure::IcpScore => {
                format!("fit to the ideal-client profile {}", self.icp_profile.as_deref().unwrap_or("(none)"))
            }
        }
    }
}

/// The method and its cut-offs or floors in words.
fn method_words(r: &SegmentationRule, currency: Currency) -> String {
    let percents = |cuts: &[Rate]| cuts.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    match &r.method {
        SegmentMethod::Pareto { cuts } => format!("Pareto cut-offs at {} of the cumulative total", percents(cuts)),
        SegmentMethod::Percentile { cuts } => format!("rank cut-offs at the top {} of the accounts", percents(cuts)),
        SegmentMethod::Threshold { floors } => {
            let floors: Vec<String> = floors
                .iter()
                .map(|f| {
                    if r.measure.is_money() {
                        format!("{} {}", Money::from_minor(*f, currency).to_decimal_string(), currency.code())
                    } else {
                        Rate::from_ppm(*f).to_string()
                    }
                })
                .collect();
            format!("floors {}", floors.join(", "))
        }
    }
}

fn unreadable(problem: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("the saved segmentation rule cannot be read ({problem}); save the rule again"))
}

/// The stored rows as a rule, checked as the engine would check it.
fn from_stored(s: StoredSegmentRule, currency: Currency) -> Result<SegmentRule, AppError> {
    let measure = SegmentMeasure::parse(&s.measure).map_err(unreadable)?;
    let (bounds, names): (Vec<_>, Vec<_>) = s.segments.into_iter().map(|x| ((x.cut_off, x.floor), x.name)).unzip();
    let inner = bounds.len().saturating_sub(1);
    let method = match s.method.as_str() {
        "pareto" | "percentile" => {
            let cuts = bounds[..inner].iter().map(|(c, _)| c.ok_or_else(|| unreadable("a cut-off is missing")));
            let cuts = cuts.collect::<Result<Vec<Rate>, _>>()?;
            if s.method == "pareto" { SegmentMethod::Pareto { cuts } } else { SegmentMethod::Percentile { cuts } }
        }
        "threshold" => {
            if measure.is_money() && s.currency != currency {
                return Err(AppError::Input(format!(
                    "the saved segmentation rule's floors are in {}, the organisation's currency is {}; save the rule again in {}",
                    s.currency.code(),
                    currency.code(),
                    currency.code()
                )));
            }
            let floors = bounds[..inner].iter().map(|(_, f)| f.ok_or_else(|| unreadable("a floor is missing")));
            SegmentMethod::Threshold { floors: floors.collect::<Result<Vec<i64>, _>>()? }
        }
        other => return Err(unreadable(format!("unknown method {other}"))),
    };
    let scope = match s.scope.as_str() {
        "organisation" => SegmentScope::Organisation,
        "owner_book" => SegmentScope::OwnerBook,
        other => return Err(unreadable(format!("unknown scope {other}"))),
    };
    let window_days = u32::try_from(s.window_days).map_err(unreadable)?;
    let rule = SegmentationRule { measure, method, names, scope, window_days };
    rule.validate().map_err(unreadable)?;
    Ok(SegmentRule { rule, icp_profile: s.icp_profile })
}

/// What saving a rule did besides storing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSaved {
    /// What changed, in words (as audited); empty when the rule was saved unchanged.
    pub changes: Vec<String>,
    /// Call patterns, overrides and response curves moved to a renamed segment.
    pub patterns_moved: usize,
    pub overrides_moved: usize,
    pub curves_moved: usize,
}

impl App {
    /// The organisation's segmentation rule: the saved one, else A, B, C by Pareto 50 % / 80 %
    /// of potential.
    pub fn segment_rule(&self) -> Result<SegmentRule, AppError> {
        match self.store.segment_rule()? {
            Some(s) => from_stored(s, self.store.organisation()?.currency),
            None => Ok(SegmentRule::default()),
        }
    }

    /// Checks and saves the organisation's segmentation rule, moving patterns, overrides and
    /// curves of renamed segments to their new names; audited with what changed. The stored
    /// segments are not re-run here: the caller runs them (`segments_run`) when it wants them.
    pub fn segment_rule_save(&self, new: &SegmentRule, actor: &str) -> Result<RuleSaved, AppError> {
        let input = AppError::Input;
        new.rule.validate().map_err(|e| input(e.to_string()))?;
        if !(1..=MAX_WINDOW_DAYS).contains(&new.rule.window_days) {
            return Err(input(format!(
                "trailing window: {} days is outside 1 to {MAX_WINDOW_DAYS}; give the days of won business to read",
                new.rule.window_days
            )));
        }
        let mut new = new.clone();
        if new.rule.measure == SegmentMeasure::IcpScore {
            let wanted = new.icp_profile.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
            let profiles = self.icp_profiles()?;
            let Some(name) = wanted else {
                return Err(input(
                    "segment measure: ranking by ICP score needs one of the stored ideal-client profiles; choose one (or save one on the ICP page first)"
                        .to_owned(),
                ));
            };
            if !profiles.iter().any(|p| p.name == name) {
                return Err(AppError::NotFound { what: "ICP profile", id: name });
            }
            new.icp_profile = Some(name);
        } else {
            new.icp_profile = None;
        }
        let old = self.segment_rule()?;
        let currency = self.store.organisation()?.currency;

        // Segments renamed in place: old name → new name of the same position.
        let renamed: HashMap<&Segment, &Segment> =
            old.rule.names.iter().zip(&new.rule.names).filter(|(o, n)| o != n).collect();
        let dropped: Vec<&Segment> = old.rule.names.iter().skip(new.rule.names.len()).collect();
        let patterns = self.snapshot()?.call_patterns;
        let overrides = self.store.segment_overrides()?;
        if let Some(p) = patterns.iter().find(|p| dropped.contains(&&p.segment)) {
            return Err(input(format!(
                "segment names: call pattern {} is for segment {}, which the new rule drops; delete the pattern first or keep {} segments",
                p.id,
                p.segment,
                old.rule.names.len()
            )));
        }
        if let Some(o) = overrides.iter().find(|o| dropped.contains(&&o.segment)) {
            return Err(input(format!(
                "segment names: account {} is set by hand to {}, which the new rule drops; clear the override first or keep {} segments",
                o.account,
                o.segment,
                old.rule.names.len()
            )));
        }
        let moved_patterns: Vec<_> =
            patterns.iter().filter_map(|p| renamed.get(&p.segment).map(|to| (p.id, (*to).clone()))).collect();
        let moved_overrides: Vec<StoredOverride> = overrides
            .iter()
            .filter_map(|o| renamed.get(&o.segment).map(|to| StoredOverride { segment: (*to).clone(), ..o.clone() }))
            .collect();
        let curves = self.store.response_curves()?;
        let moved_curves: Vec<(Segment, StoredCurve)> = curves
            .iter()
            .filter_map(|c| {
                renamed
                    .get(&c.segment)
                    .map(|to| (c.segment.clone(), StoredCurve { segment: (*to).clone(), ..c.clone() }))
            })
            .collect();

        let mut changes = Vec::new();
        let (was, now) = (old.measure_words(), new.measure_words());
        if was != now {
            changes.push(format!("measure {was} → {now}"));
        }
        let (was, now) = (method_words(&old.rule, currency), method_words(&new.rule, currency));
        if was != now {
            changes.push(format!("method {was} → {now}"));
        }
        if old.rule.names != new.rule.names {
            let join = |n: &[Segment]| n.iter().map(Segment::as_str).collect::<Vec<_>>().join(", ");
            changes.push(format!("segments {} → {}", join(&old.rule.names), join(&new.rule.names)));
        }
        if old.rule.scope != new.rule.scope {
            changes.push(format!("scope {} → {}", old.rule.scope.as_str(), new.rule.scope.as_str()));
        }
        if old.rule.window_days != new.rule.window_days
            && !matches!(new.rule.measure, SegmentMeasure::Revenue | SegmentMeasure::GrossProfit)
        {
            changes.push(format!("trailing window {} → {} days", old.rule.window_days, new.rule.window_days));
        }
        let saved = RuleSaved {
            changes,
            patterns_moved: moved_patterns.len(),
            overrides_moved: moved_overrides.len(),
            curves_moved: moved_curves.len(),
        };
        let mut detail = if saved.changes.is_empty() { "saved unchanged".to_owned() } else { saved.changes.join("; ") };
        if !renamed.is_empty() {
            detail.push_str(&format!(
                "; moved to the new names: {} call patterns, {} overrides, {} response curves",
                saved.patterns_moved, saved.overrides_moved, saved.curves_moved
            ));
        }
        let inner = new.rule.names.len() - 1;
        let segments = new
            .rule
            .names
            .iter()
            .enumerate()
            .map(|(i, name)| StoredRuleSegment {
                name: name.clone(),
                cut_off: match &new.rule.method {
                    SegmentMethod::Pareto { cuts } | SegmentMethod::Percentile { cuts } if i < inner => Some(cuts[i]),
                    _ => None,
                },
                floor: match &new.rule.method {
                    SegmentMethod::Threshold { floors } if i < inner => Some(floors[i]),
                    _ => None,
                },
            })
            .collect();
        let stored = StoredSegmentRule {
            measure: new.rule.measure.as_str().to_owned(),
            method: new.rule.method.as_str().to_owned(),
            scope: new.rule.scope.as_str().to_owned(),
            window_days: i64::from(new.rule.window_days),
            icp_profile: new.icp_profile.clone(),
            currency,
            segments,
            updated_by: actor.to_owned(),
            updated_on: self.today(),
        };
        let entry = AuditEntry {
            id: AuditId(0),
            at: chrono::Utc::now(),
            actor: actor.to_owned(),
            action: "save segmentation rule".to_owned(),
            entity: "segmentation rule".to_owned(),
            entity_id: None,
            detail: format!("{detail}. Now: {}", new.describe(currency)),
        };
        self.store.write(|tx| {
            tx.save_segment_rule(&stored)?;
            for (id, segment) in &moved_patterns {
                tx.set_call_pattern_segment(*id, segment)?;
            }
            for o in &moved_overrides {
                tx.set_segment_override(o)?;
            }
            // Every moving curve leaves before any arrives, so swapped names do not collide.
            for (from, _) in &moved_curves {
                tx.clear_response_curve(from)?;
            }
            for (_, c) in &moved_curves {
                tx.save_response_curve(c)?;
            }
            tx.audit(&[entry])
        })?;
        Ok(saved)
    }

    /// The day the saved rule was last changed and by whom, if it was saved.
    pub fn segment_rule_updated(&self) -> Result<Option<(String, NaiveDate)>, AppError> {
        Ok(self.store.segment_rule()?.map(|s| (s.updated_by, s.updated_on)))
    }
}
