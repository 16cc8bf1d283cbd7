//! CALL-2, 4, 5, 6 worked by hand on a three-person organisation.

use sutton_domain::*;
use sutton_plan::*;

use crate::{account, activity, day, pattern, person, place};

/// A field VP (1) over a field AE (2, team 1) and an inside AE (3, team 2); accounts 1 (A, owned
/// by 2, half a degree of longitude east of 2's home on the equator), 2 (B, owned by 3) and 3
/// (C, owned by 2).
fn org() -> Dataset {
    let mut data = Dataset::default();
    let mut vp = person(1, SalesRole::Vp, Channel::Field, None, None);
    vp.home = place(0.0, 0.5);
    let mut field = person(2, SalesRole::AccountExecutive, Channel::Field, Some(1), Some(1));
    field.home = place(0.0, 0.0);
    let inside = person(3, SalesRole::AccountExecutive, Channel::Inside, Some(2), Some(1));
    data.people = vec![vp, field, inside];
    let mut a1 = account(1, Some(2), Some(100));
    a1.location = place(0.0, 0.5);
    data.accounts = vec![a1, account(2, Some(3), Some(30)), account(3, Some(2), Some(10))];
    data.call_patterns = vec![
        pattern(1, "A", SalesRole::AccountExecutive, Channel::Field, ContactMode::FaceToFace, 2, PeriodKind::Month, 60),
        pattern(2, "A", SalesRole::Vp, Channel::Field, ContactMode::FaceToFace, 1, PeriodKind::Quarter, 90),
        pattern(3, "B", SalesRole::AccountExecutive, Channel::Inside, ContactMode::Video, 1, PeriodKind::Month, 40),
        pattern(4, "C", SalesRole::AccountExecutive, Channel::Inside, ContactMode::Phone, 1, PeriodKind::Quarter, 20),
    ];
    let d = "direct_selling";
    data.activities = vec![
        activity(1, 2, Some(1), ActivityKind::Visit, ContactMode::FaceToFace, day(2026, 1, 5), 60, d),
        activity(2, 2, Some(1), ActivityKind::Visit, ContactMode::FaceToFace, day(2026, 1, 20), 60, d),
        activity(3, 2, Some(1), ActivityKind::Visit, ContactMode::FaceToFace, day(2026, 2, 10), 60, d),
        activity(4, 2, Some(1), ActivityKind::Visit, ContactMode::FaceToFace, day(2026, 3, 1), 60, d),
        activity(5, 2, Some(1), ActivityKind::Call, ContactMode::Phone, day(2026, 3, 20), 30, d),
        activity(6, 2, Some(1), ActivityKind::Email, ContactMode::Email, day(2026, 3, 25), 10, d),
        activity(7, 2, Some(1), ActivityKind::Call, ContactMode::Phone, day(2025, 12, 15), 30, d),
        activity(8, 3, Some(2), ActivityKind::Meeting, ContactMode::Video, day(2026, 1, 15), 40, d),
        activity(9, 2, None, ActivityKind::Task, ContactMode::None, day(2026, 2, 2), 600, "administration"),
        activity(10, 2, None, ActivityKind::Task, ContactMode::None, day(2026, 2, 3), 120, "travel"),
    ];
    data
}

fn segments(data: &Dataset) -> Segmentation {
    let rule = SegmentationRule::abc_by_potential();
    let inputs = segment_inputs(data, rule.measure, rule.window_days, day(2026, 3, 31), None).expect("inputs");
    segment(&inputs, &rule, &[]).expect("valid rule")
}

#[test]
fn workload_is_calls_times_duration_plus_travel_and_sizes_each_role() {
    let data = org();
    let s = segments(&data);
    let seg_of = |a: i64| s.segment_of(AccountId(a)).map(|x| s.segment(x).to_string());
    assert_eq!((seg_of(1), seg_of(2), seg_of(3)), (Some("A".into()), Some("B".into()), Some("C".into())));

    let w = workload(&data, &s, day(2026, 3, 31), &WorkloadOptions::default()).expect("valid patterns");
    // 0.5° of longitude on the equator is 6371 km × π/360 = 55.6 km; out and back at 50 km/h
    // is 133.4 minutes, rounded once to 133.
    let a1 = &w.accounts[0];
    assert_eq!(a1.account, AccountId(1));
    assert_eq!(a1.calls[0].caller, Some(PersonId(2)));
    assert_eq!(a1.calls[0].travel_minutes, 133);
    assert_eq!(a1.calls[0].minutes_per_year(), 24 * (60 + 133));
    // The quarterly VP visit passes up the owner's manager chain to the VP, who lives there.
    assert_eq!((a1.calls[1].caller, a1.calls[1].travel_minutes), (Some(PersonId(1)), 0));
    assert_eq!(a1.minutes_per_year(), 4632 + 360);

    let ae = w.people[&PersonId(2)];
    assert_eq!((ae.accounts, ae.calls_per_year, ae.call_minutes, ae.travel_minutes), (1, 24, 1440, 3192));
    assert_eq!(ae.capacity_minutes, 2400 * 46);
    assert_eq!(ae.utilisation(), Rate::ratio(4632, 110_400));
    assert_eq!(w.people[&PersonId(1)].minutes(), 360);
    assert_eq!(w.people[&PersonId(3)].minutes(), 480);
    assert_eq!(w.teams[&TeamId(1)].minutes(), 4632);
    assert_eq!(w.teams[&TeamId(2)].minutes(), 480);

    // The C account's pattern wants an inside rep; its owner is a field rep with no inside
    // manager above: nobody makes those calls.
    assert_eq!(w.unserved, vec![(AccountId(3), CallPatternId(4))]);
    let sizing: Vec<(SalesRole, Channel, u64, u32)> =
        w.sizing.iter().map(|r| (r.role, r.channel, r.minutes_per_year, r.people_now)).collect();
    assert!(sizing.contains(&(SalesRole::AccountExecutive, Channel::Field, 4632, 1)));
    assert!(sizing.contains(&(SalesRole::AccountExecutive, Channel::Inside, 560, 1)));
    assert!(sizing.contains(&(SalesRole::Vp, Channel::Field, 360, 1)));
    let field = w.sizing.iter().find(|r| r.channel == Channel::Field && r.role == SalesRole::AccountExecutive);
    assert!(field.is_some_and(|r| (r.people_needed - 4632.0 / 110_400.0).abs() < 1e-12));
}

#[test]
fn compliance_counts_calls_against_the_plan_and_finds_overdue_accounts() {
    let data = org();
    let s = segments(&data);
    let c = compliance(&data, &s, day(2026, 1, 1), day(2026, 3, 31)).expect("valid");
    // A quarter is exactly a quarter of a year: A plans (24 + 4) / 4 = 7, B 3, C 1.
    let rows: Vec<(i64, f64, u32, bool, Option<i64>)> =
        c.accounts.iter().map(|a| (a.account.get(), a.planned, a.actual, a.overdue, a.days_overdue)).collect();
    assert_eq!(rows, vec![(1, 7.0, 5, false, Some(0)), (2, 3.0, 1, true, Some(44)), (3, 1.0, 0, true, None)]);
    assert_eq!(c.accounts[0].last_call, Some(day(2026, 3, 20)));
    assert_eq!((c.total.planned, c.total.actual, c.total.behind, c.total.overdue), (11.0, 6, 3, 2));
    assert_eq!((c.by_rep[&PersonId(2)].planned, c.by_rep[&PersonId(2)].actual), (8.0, 5));
    assert_eq!(c.by_team[&TeamId(2)].actual, 1);
    assert_eq!(c.by_segment[&crate::seg("A")].actual, 5);

    let queues = work_queues(&c);
    let order: Vec<i64> = queues[&PersonId(2)].iter().map(|q| q.account.get()).collect();
    assert_eq!(order, vec![3, 1], "the overdue C account before the A account that is not due");

    let by_segment = calls_by_segment(&data, &s, day(2026, 1, 1), day(2026, 3, 31));
    let ae = by_segment.iter().find(|r| r.person == PersonId(2)).expect("rep 2");
    assert_eq!(ae.segments[0], SegmentCalls { accounts: 1, calls: 5 });
    assert_eq!(ae.segments[2], SegmentCalls { accounts: 1, calls: 0 });
    assert!(!ae.inverted());

    assert!(compliance(&data, &s, day(2026, 3, 31), day(2026, 1, 1)).is_err());
    assert!((year_fraction(day(2026, 1, 1), day(2026, 1, 10)) - 10.0 / 365.0).abs() < 1e-12);
}

#[test]
fn time_allocation_itemises_non_selling_time_and_flags_a_low_selling_share() {
    let data = org();
    let t = time_allocation(&data, day(2026, 1, 1), day(2026, 3, 31), Rate::from_percent(55), Rate::from_percent(65));
    let ae = t.iter().find(|x| x.person == PersonId(2)).expect("rep 2");
    assert_eq!((ae.direct_minutes, ae.total_minutes), (280, 1000));
    assert_eq!(ae.direct_share, Rate::from_percent(28));
    assert_eq!(ae.band, SellingBand::Below);
    assert_eq!(ae.non_selling, vec![("administration".to_owned(), 600), ("travel".to_owned(), 120)]);
    let inside = t.iter().find(|x| x.person == PersonId(3)).expect("rep 3");
    assert_eq!(inside.band, SellingBand::Above);
}

#[test]
fn a_pattern_for_an_unknown_segment_is_refused() {
    let mut data = org();
    data.call_patterns.push(pattern(
        9,
        "Gold",
        SalesRole::AccountExecutive,
        Channel::Field,
        ContactMode::Phone,
        1,
        PeriodKind::Month,
        10,
    ));
    let s = segments(&data);
    let err = workload(&data, &s, day(2026, 3, 31), &WorkloadOptions::default()).expect_err("Gold is unknown");
    assert!(err.to_string().contains("segment Gold"), "{err}");
}
