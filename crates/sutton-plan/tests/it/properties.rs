//! Segments are total, ordered and stable under ties; workload and compliance add up.

use std::collections::HashSet;

use proptest::prelude::*;
use sutton_domain::*;
use sutton_plan::*;

fn rule(method: u8, owner_book: bool) -> SegmentationRule {
    let mut r = SegmentationRule::abc_by_potential();
    r.method = match method {
        0 => SegmentMethod::Pareto { cuts: vec![Rate::from_percent(50), Rate::from_percent(80)] },
        1 => SegmentMethod::Percentile { cuts: vec![Rate::from_percent(20), Rate::from_percent(50)] },
        _ => SegmentMethod::Threshold { floors: vec![500, 50] },
    };
    if owner_book {
        r.scope = SegmentScope::OwnerBook;
    }
    r
}

fn inputs() -> impl Strategy<Value = Vec<SegmentInput>> {
    proptest::collection::vec((proptest::option::weighted(0.9, 0i64..1000), 0i64..3), 0..60).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (m, o))| SegmentInput {
                account: AccountId(i as i64 + 1),
                owner: Some(PersonId(o + 1)),
                measure: m,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn every_account_gets_exactly_one_segment(inputs in inputs(), method in 0u8..3, book in any::<bool>()) {
        let s = segment(&inputs, &rule(method, book), &[]).expect("valid rule");
        prop_assert_eq!(s.accounts.len(), inputs.len());
        let ids: HashSet<AccountId> = s.accounts.iter().map(|a| a.account).collect();
        prop_assert_eq!(ids.len(), inputs.len());
        prop_assert_eq!(s.summary.iter().map(|x| x.accounts as usize).sum::<usize>(), inputs.len());
        for a in &s.accounts {
            prop_assert_eq!(&s.rule.names[a.segment_index], &a.segment);
        }
    }

    #[test]
    fn cumulative_shares_rise_with_rank(inputs in inputs(), method in 0u8..3) {
        let s = segment(&inputs, &rule(method, false), &[]).expect("valid rule");
        for w in s.accounts.windows(2) {
            prop_assert!(w[0].rank <= w[1].rank);
            prop_assert!(w[0].cumulative_share <= w[1].cumulative_share);
            prop_assert!(w[0].share_before <= w[1].share_before);
            prop_assert!(w[0].share_before <= w[0].cumulative_share);
        }
    }

    /// Without overrides a higher measure never gets a lower segment, and equal measures the
    /// same one: every A account's measure is at least every B account's.
    #[test]
    fn segments_are_ordered_by_measure(inputs in inputs(), method in 0u8..3) {
        let s = segment(&inputs, &rule(method, false), &[]).expect("valid rule");
        let value = |a: &AccountSegment| a.measure.unwrap_or(0).max(0);
        for x in &s.accounts {
            for y in &s.accounts {
                if value(x) > value(y) {
                    prop_assert!(x.segment_index <= y.segment_index);
                }
                if value(x) == value(y) {
                    prop_assert_eq!(x.segment_index, y.segment_index);
                }
            }
        }
    }

    /// Workload is additive: the accounts' minutes are the people's plus the unserved calls'.
    #[test]
    fn workload_adds_up(inputs in inputs()) {
        let mut data = Dataset::default();
        for o in 1..=3 {
            let channel = if o == 3 { Channel::Inside } else { Channel::Field };
            data.people.push(crate::person(o, SalesRole::AccountExecutive, channel, Some(o % 2), None));
        }
        data.accounts = inputs.iter().map(|i| crate::account(i.account.get(), i.owner.map(|o| o.get()), i.measure)).collect();
        data.call_patterns = vec![
            crate::pattern(1, "A", SalesRole::AccountExecutive, Channel::Field, ContactMode::FaceToFace, 2, PeriodKind::Month, 60),
            crate::pattern(2, "B", SalesRole::AccountExecutive, Channel::Inside, ContactMode::Video, 1, PeriodKind::Month, 30),
            crate::pattern(3, "C", SalesRole::AccountExecutive, Channel::Field, ContactMode::Phone, 1, PeriodKind::Quarter, 20),
        ];
        let s = segment(&inputs, &rule(0, false), &[]).expect("valid rule");
        let w = workload(&data, &s, crate::day(2026, 1, 1), &WorkloadOptions::default()).expect("valid");
        let accounts: u64 = w.accounts.iter().map(AccountWorkload::minutes_per_year).sum();
        let people: u64 = w.people.values().map(Load::minutes).sum();
        let unserved: u64 = w.accounts.iter().flat_map(|a| &a.calls).filter(|c| c.caller.is_none()).map(PatternCalls::minutes_per_year).sum();
        prop_assert_eq!(accounts, people + unserved);
        prop_assert_eq!(w.sizing.iter().map(|r| r.minutes_per_year).sum::<u64>(), accounts);

        let c = compliance(&data, &s, crate::day(2026, 1, 1), crate::day(2026, 3, 31)).expect("valid");
        let parts: f64 = c.by_segment.values().map(|t| t.planned).sum();
        prop_assert!((parts - c.total.planned).abs() < 1e-9);
        prop_assert_eq!(c.by_segment.values().map(|t| t.accounts).sum::<u32>(), c.total.accounts);
    }
}
