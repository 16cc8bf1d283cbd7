//! The demo company: the planted stories the planning engines are there to find.

use std::sync::OnceLock;

use chrono::Days;
use sutton_demo::{DemoConfig, Scale, default_as_of, generate};
use sutton_domain::*;
use sutton_plan::*;

fn demo() -> &'static Dataset {
    static DEMO: OnceLock<Dataset> = OnceLock::new();
    DEMO.get_or_init(|| {
        generate(
            &DemoConfig { seed: sutton_demo::DEFAULT_SEED, scale: Scale::Small, as_of: default_as_of() },
            &mut |_| {},
        )
    })
}

fn last_year() -> (chrono::NaiveDate, chrono::NaiveDate) {
    let to = default_as_of();
    (to.checked_sub_days(Days::new(364)).expect("date"), to)
}

/// Story 6, "calls in the wrong places": with each rep's book cut A/B/C by potential, most reps
/// give their A accounts fewer calls each than their C accounts.
#[test]
fn story_6_a_accounts_get_fewer_calls_each_than_c_accounts() {
    let data = demo();
    let mut rule = SegmentationRule::abc_by_potential();
    rule.scope = SegmentScope::OwnerBook;
    let inputs = segment_inputs(data, rule.measure, rule.window_days, default_as_of(), None).expect("inputs");
    let s = segment(&inputs, &rule, &[]).expect("valid rule");
    let (from, to) = last_year();
    let reps: Vec<RepSegmentCalls> =
        calls_by_segment(data, &s, from, to).into_iter().filter(|r| r.first_to_last.is_some()).collect();
    let inverted = reps.iter().filter(|r| r.inverted()).count();
    assert!(reps.len() >= 5, "reps with A and C accounts and calls: {}", reps.len());
    assert!(inverted * 2 > reps.len(), "{inverted} of {} reps call A accounts less than C accounts", reps.len());

    // The same books through the compliance view: A accounts are further behind plan than C.
    let c = compliance(data, &s, from, to).expect("the demo's patterns name A, B and C");
    let ratio = |name: &str| c.by_segment.get(&Segment::parse(name).expect("name")).and_then(|t| t.ratio());
    assert!(ratio("A") < ratio("C"), "A {:?} vs C {:?}", ratio("A"), ratio("C"));
}

/// Story 10, "too little selling time": three reps spend well under 55 % of their time in
/// direct selling.
#[test]
fn story_10_three_reps_sell_well_under_55_percent_of_their_time() {
    let data = demo();
    let (from, to) = last_year();
    let t = time_allocation(data, from, to, Rate::from_percent(55), Rate::from_percent(65));
    let reps: std::collections::HashMap<PersonId, &Person> = data.people.iter().map(|p| (p.id, p)).collect();
    let low: Vec<&TimeAllocation> = t
        .iter()
        .filter(|x| reps.get(&x.person).is_some_and(|p| p.role.carries_book()))
        .filter(|x| x.direct_share < Rate::from_percent(50))
        .collect();
    assert_eq!(low.len(), 3, "{:?}", low.iter().map(|x| (x.person, x.direct_share)).collect::<Vec<_>>());
    assert!(low.iter().all(|x| x.band == SellingBand::Below && !x.non_selling.is_empty()));
}

/// The demo's call patterns build a workload on its people without refusing anything.
#[test]
fn demo_workload_and_queues() {
    let data = demo();
    let s = {
        let rule = SegmentationRule::abc_by_potential();
        let inputs = segment_inputs(data, rule.measure, rule.window_days, default_as_of(), None).expect("inputs");
        segment(&inputs, &rule, &[]).expect("valid")
    };
    let w = workload(data, &s, default_as_of(), &WorkloadOptions::default()).expect("valid");
    assert!(w.people.values().any(|l| l.minutes() > 0));
    assert!(w.sizing.iter().all(|r| r.people_needed >= 0.0));
    let (from, to) = last_year();
    let c = compliance(data, &s, from, to).expect("valid");
    let queues = work_queues(&c);
    assert!(!queues.is_empty());
}

/// Story 9, "uneven territories": the demo's field territories were cut with unequal shares, so
/// the call patterns load the busiest field rep with at least twice the calls and hours of the
/// least busy one.
#[test]
fn story_9_workload_is_imbalanced_across_field_reps() {
    let data = demo();
    let rule = SegmentationRule::abc_by_potential();
    let inputs = segment_inputs(data, rule.measure, rule.window_days, default_as_of(), None).expect("inputs");
    let s = segment(&inputs, &rule, &[]).expect("valid");
    let w = workload(data, &s, default_as_of(), &WorkloadOptions::default()).expect("valid");
    let field: Vec<(PersonId, u64)> = data
        .people
        .iter()
        .filter(|p| p.role == SalesRole::AccountExecutive && p.channel == Some(Channel::Field))
        .filter_map(|p| w.people.get(&p.id).map(|l| (p.id, l.minutes())))
        .filter(|(_, m)| *m > 0)
        .collect();
    assert!(field.len() >= 6, "{field:?}");
    let most = field.iter().map(|(_, m)| *m).max().expect("some");
    let least = field.iter().map(|(_, m)| *m).min().expect("some");
    assert!(most >= 2 * least, "busiest {most} min against least busy {least} min: {field:?}");
}
