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
            prop_assert!(a.segment_index < s.rule.names.len() && a.computed_index < s.rule.names.len());
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

    /// Against a slow oracle written from the definitions: rank is one more than the accounts
    /// of the scope with a larger measure, the share before is their share of the scope's
    /// total, the segment follows from the rule, and the list runs scope by scope (owners in
    /// order) with accounts by measure then id; accounts come in any order, some overridden.
    #[test]
    fn segmentation_matches_the_definitions(
        inputs in inputs(),
        method in 0u8..3,
        book in any::<bool>(),
        shuffle in any::<u64>(),
        pins in proptest::collection::vec((1i64..70, 0usize..3), 0..4),
    ) {
        let mut inputs = inputs;
        // Deterministic shuffle, so the engine cannot rely on the accounts arriving in id order.
        let mut state = shuffle | 1;
        for i in (1..inputs.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            inputs.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let rule = rule(method, book);
        let overrides: Vec<SegmentOverride> = pins
            .iter()
            .map(|&(account, segment)| SegmentOverride {
                account: AccountId(account),
                segment: rule.names[segment].clone(),
                reason: "by hand".to_owned(),
                set_by: "vp".to_owned(),
                set_on: crate::day(2026, 1, 1),
            })
            .collect();
        let s = segment(&inputs, &rule, &overrides).expect("valid rule");

        let value = |i: &SegmentInput| i.measure.unwrap_or(0).max(0);
        let scope_of = |i: &SegmentInput| if book { i.owner } else { None };
        let mut expected: Vec<(Option<PersonId>, i64, AccountId, u32, Rate, usize)> = Vec::new();
        for x in &inputs {
            let scope: Vec<&SegmentInput> = inputs.iter().filter(|y| scope_of(y) == scope_of(x)).collect();
            let total: i128 = scope.iter().map(|y| i128::from(value(y))).sum();
            let above: Vec<&&SegmentInput> = scope.iter().filter(|y| value(y) > value(x)).collect();
            let before: i128 = above.iter().map(|y| i128::from(value(y))).sum();
            let share = if total > 0 { Rate::from_ppm((before * 1_000_000 / total) as i64) } else { Rate::ZERO };
            let index = if value(x) == 0 {
                2
            } else {
                match &rule.method {
                    SegmentMethod::Pareto { cuts } => {
                        cuts.iter().filter(|c| before * 1_000_000 >= i128::from(c.ppm()) * total).count()
                    }
                    SegmentMethod::Percentile { cuts } => cuts
                        .iter()
                        .filter(|c| above.len() as i128 * 1_000_000 >= i128::from(c.ppm()) * scope.len() as i128)
                        .count(),
                    SegmentMethod::Threshold { floors } => {
                        floors.iter().position(|f| value(x) >= *f).unwrap_or(floors.len())
                    }
                }
            };
            expected.push((scope_of(x), -value(x), x.account, above.len() as u32 + 1, share, index));
        }
        expected.sort_by_key(|e| (e.0, e.1, e.2));
        prop_assert_eq!(s.accounts.len(), expected.len());
        for (a, e) in s.accounts.iter().zip(&expected) {
            prop_assert_eq!((a.account, a.rank, a.share_before, a.computed_index), (e.2, e.3, e.4, e.5));
            prop_assert_eq!(s.computed(a), &rule.names[e.5]);
            let pin = overrides.iter().rev().find(|o| o.account == a.account);
            prop_assert_eq!(s.segment(a), pin.map_or(s.computed(a), |o| &o.segment));
            prop_assert_eq!(a.overridden.is_some(), pin.is_some());
            let marker = if pin.is_some() { "by hand" } else { " rank " };
            prop_assert!(s.explanation(a).contains(marker), "{}", s.explanation(a));
        }
        let present: HashSet<AccountId> = inputs.iter().map(|i| i.account).collect();
        let missing: HashSet<AccountId> = overrides.iter().map(|o| o.account).filter(|a| !present.contains(a)).collect();
        prop_assert_eq!(s.unused_overrides.len(), missing.len());
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
