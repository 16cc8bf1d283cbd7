//! The planning engines' reasons in the reader's language: an account's segment, and why, put
//! in words from the figures the engine gives (`AccountSegment::reason`), with shares, money
//! and dates written the reader's way.

use sutton_app::PlanContext;
use sutton_app::domain::{Currency, Money, Rate};
use sutton_app::planning::{AccountSegment, RuleProblem, SegmentMeasure, SegmentReason};

use crate::i18n::Tr;

/// Why an account is in its segment: the override and who set it, or its rank and the rule.
pub(crate) fn segment_why(tr: &Tr, context: &PlanContext, a: &AccountSegment) -> String {
    let s = &context.segmentation;
    let rule = &s.rule;
    let currency = context.data.organisation.currency;
    let measure = crate::plan_pages::measure_label(tr, rule.measure);
    let segment = |i: usize| rule.names.get(i).map(ToString::to_string).unwrap_or_default();
    let share = |r: Rate| tr.percent(r.to_f64(), 1);
    let computed = segment(a.computed_index);
    let why = match a.reason(rule) {
        SegmentReason::NothingToRank => tr.ta("segwhy-nothing", &[("measure", measure.clone())]),
        SegmentReason::Pareto { share_before, under: Some(cut), .. } => tr.ta(
            "segwhy-pareto-under",
            &[("share", share(share_before)), ("cut", share(cut)), ("segment", computed.clone())],
        ),
        SegmentReason::Pareto { share_before, reached: Some(cut), .. } => tr.ta(
            "segwhy-pareto-over",
            &[("share", share(share_before)), ("cut", share(cut)), ("segment", computed.clone())],
        ),
        SegmentReason::Pareto { share_before, .. } => {
            tr.ta("segwhy-pareto-any", &[("share", share(share_before)), ("segment", computed.clone())])
        }
        SegmentReason::Percentile { share_above } => {
            tr.ta("segwhy-percentile", &[("share", share(share_above)), ("segment", computed.clone())])
        }
        SegmentReason::Threshold { value, floor: Some(floor) } => tr.ta(
            "segwhy-threshold",
            &[
                ("value", measure_value(tr, currency, rule.measure, value)),
                ("floor", measure_value(tr, currency, rule.measure, floor)),
                ("segment", computed.clone()),
            ],
        ),
        SegmentReason::Threshold { value, floor: None } => tr.ta(
            "segwhy-threshold-under",
            &[("value", measure_value(tr, currency, rule.measure, value)), ("segment", computed.clone())],
        ),
    };
    match &a.overridden {
        Some(o) => tr.ta(
            "segwhy-override",
            &[
                ("segment", o.segment.to_string()),
                ("who", o.set_by.clone()),
                ("date", tr.date(o.set_on)),
                ("reason", o.reason.clone()),
                ("computed", computed),
                ("why", why),
            ],
        ),
        None => tr.ta(
            "segwhy-rank",
            &[
                ("measure", measure),
                ("rank", tr.number(i64::from(a.rank))),
                ("of", tr.number(i64::from(a.of))),
                ("why", why),
            ],
        ),
    }
}

/// A value of the measure: money in `currency`, or a fit score as a share.
fn measure_value(tr: &Tr, currency: Currency, measure: SegmentMeasure, value: i64) -> String {
    if measure.is_money() {
        tr.money_whole(&Money::from_minor(value, currency))
    } else {
        tr.percent(Rate::from_ppm(value).to_f64(), 1)
    }
}

/// Why a segmentation rule is refused, in the reader's words; floors as money in `currency`
/// (or as a share for the ICP score).
pub(crate) fn rule_problem(tr: &Tr, measure: SegmentMeasure, currency: Currency, p: &RuleProblem) -> String {
    let share = |r: &Rate| crate::plan_pages::percent_exact(tr, *r);
    let floor = |v: &i64| measure_value(tr, currency, measure, *v);
    match p {
        RuleProblem::NoNames => tr.t("rule-problem-no-names"),
        RuleProblem::NameTwice(n) => tr.ta("rule-problem-name-twice", &[("name", n.to_string())]),
        RuleProblem::CutCount { segments, given } => tr.ta(
            "rule-problem-cut-count",
            &[
                ("segments", tr.number(*segments as i64)),
                ("want", tr.number(segments.saturating_sub(1) as i64)),
                ("given", tr.number(*given as i64)),
            ],
        ),
        RuleProblem::CutOutside(c) => tr.ta("rule-problem-cut-outside", &[("cut", share(c))]),
        RuleProblem::CutsOverlap(a, b) => {
            tr.ta("rule-problem-cuts-overlap", &[("first", share(a)), ("second", share(b))])
        }
        RuleProblem::FloorCount { segments, given } => tr.ta(
            "rule-problem-floor-count",
            &[
                ("segments", tr.number(*segments as i64)),
                ("want", tr.number(segments.saturating_sub(1) as i64)),
                ("given", tr.number(*given as i64)),
            ],
        ),
        RuleProblem::FloorNotPositive(v) => tr.ta("rule-problem-floor-not-positive", &[("floor", floor(v))]),
        RuleProblem::FloorsOverlap(a, b) => {
            tr.ta("rule-problem-floors-overlap", &[("first", floor(a)), ("second", floor(b))])
        }
    }
}
