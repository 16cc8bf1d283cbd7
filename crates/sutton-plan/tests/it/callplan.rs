//! CALLPLAN against brute-force enumeration of every allocation on small cases, by property, and
//! the curves it refuses.

use std::collections::BTreeMap;

use proptest::prelude::*;
use sutton_domain::{AccountId, PersonId};
use sutton_plan::*;

use crate::seg;

fn curve() -> impl Strategy<Value = ResponseCurve> {
    (0.0f64..0.5, 0.0f64..1.0, 0.3f64..3.0, 0.5f64..30.0).prop_map(|(a, lift, c, d)| ResponseCurve {
        a,
        b: a + lift,
        c,
        d,
    })
}

fn accounts(max_accounts: usize, same_cost: bool) -> impl Strategy<Value = Vec<CallPlanAccount>> {
    prop::collection::vec((curve(), 0i64..5_000_000, 1u32..6, 0u32..5), 1..=max_accounts).prop_map(move |v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (curve, value, cost, current))| CallPlanAccount {
                account: AccountId(i as i64 + 1),
                rep: PersonId(1),
                segment: seg("A"),
                value,
                minutes_per_call: if same_cost { 30 } else { cost * 15 },
                current_calls: current,
                curve,
            })
            .collect()
    })
}

/// The best total over every allocation of 0..=max calls per account within the budget.
fn brute_force(accounts: &[CallPlanAccount], budget: u64, max_calls: u32) -> i64 {
    let tables: Vec<Vec<i64>> = accounts.iter().map(|a| profit_table(a.value, &a.curve, max_calls)).collect();
    let mut best = i64::MIN;
    let mut counts = vec![0u32; accounts.len()];
    loop {
        let minutes: u64 =
            counts.iter().zip(accounts).map(|(n, a)| u64::from(*n) * u64::from(a.minutes_per_call)).sum();
        if minutes <= budget {
            best = best.max(counts.iter().zip(&tables).map(|(n, t)| t[*n as usize]).sum());
        }
        let mut i = 0;
        loop {
            if i == counts.len() {
                return best;
            }
            counts[i] += 1;
            if counts[i] <= max_calls {
                break;
            }
            counts[i] = 0;
            i += 1;
        }
    }
}

fn options() -> CallPlanOptions {
    CallPlanOptions { max_calls: 4, ..CallPlanOptions::default() }
}

fn plan(accounts: &[CallPlanAccount], budget: u64) -> RepPlan {
    let budgets = BTreeMap::from([(PersonId(1), budget)]);
    let p = callplan(accounts, &budgets, &options()).expect("valid curves");
    assert_eq!(p.reps.len(), 1);
    p.reps.into_iter().next().expect("one rep")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any mix of concave and S-shaped curves and call lengths: the same optimum as trying
    /// every allocation, within the budget.
    #[test]
    fn the_plan_is_the_brute_force_optimum(accounts in accounts(4, false), budget in 0u64..400) {
        let r = plan(&accounts, budget);
        prop_assert_eq!(r.planned_profit, brute_force(&accounts, budget, 4));
        prop_assert!(r.planned_minutes <= budget);
        prop_assert_eq!(r.planned_profit, r.accounts.iter().map(|a| a.planned_profit).sum::<i64>());
    }

    /// Concave curves and calls of one length: the greedy is used, and it is exact.
    #[test]
    fn greedy_is_exact_for_concave_curves(
        accounts in accounts(4, true).prop_map(|v| v.into_iter().map(|mut a| { a.curve.c = a.curve.c.min(1.0); a }).collect::<Vec<_>>()),
        budget in 0u64..400,
    ) {
        let r = plan(&accounts, budget);
        let tables_concave = accounts.iter().all(|a| {
            let t = profit_table(a.value, &a.curve, 4);
            t.windows(3).all(|w| w[2] - w[1] <= w[1] - w[0])
        });
        if tables_concave {
            prop_assert_eq!(r.method, CallPlanMethod::Greedy);
        }
        prop_assert_eq!(r.planned_profit, brute_force(&accounts, budget, 4));
    }

    /// When the current pattern fits the budget, the plan never expects less than it; more
    /// budget never lowers the optimum.
    #[test]
    fn the_plan_beats_any_pattern_that_fits(accounts in accounts(5, false), budget in 0u64..600, extra in 0u64..200) {
        let r = plan(&accounts, budget);
        if r.current_minutes <= budget {
            prop_assert!(r.gain() >= 0, "gain {}", r.gain());
        }
        prop_assert!(plan(&accounts, budget + extra).planned_profit >= r.planned_profit);
    }
}

#[test]
fn a_decreasing_curve_is_refused_with_what_to_fix() {
    let a = CallPlanAccount {
        account: AccountId(7),
        rep: PersonId(1),
        segment: seg("B"),
        value: 100_000,
        minutes_per_call: 30,
        current_calls: 4,
        curve: ResponseCurve { a: 0.6, b: 0.2, c: 1.0, d: 4.0 },
    };
    let e = callplan(&[a], &BTreeMap::new(), &CallPlanOptions::default()).expect_err("decreasing");
    assert!(e.to_string().contains("decreases"), "{e}");
    assert!(e.to_string().contains("account 7"), "{e}");
}

/// Two accounts, one worth ten times the other, and time for four calls: the calls go to the
/// valuable account until its next call brings less than the first call on the other.
#[test]
fn calls_move_to_where_they_bring_most() {
    let curve = ResponseCurve { a: 0.0, b: 1.0, c: 1.0, d: 2.0 };
    let make = |id, value, current| CallPlanAccount {
        account: AccountId(id),
        rep: PersonId(1),
        segment: seg("A"),
        value,
        minutes_per_call: 60,
        current_calls: current,
        curve,
    };
    // r(n) = n / (2 + n): 0, 1/3, 1/2, 3/5, 2/3 of the value.
    let accounts = [make(1, 1_000_000, 2), make(2, 100_000, 2)];
    let r = plan(&accounts, 240);
    let planned: Vec<u32> = r.accounts.iter().map(|a| a.planned_calls).collect();
    assert_eq!(planned, vec![4, 0]);
    assert_eq!(r.planned_profit, 666_667);
    assert_eq!(r.current_profit, 500_000 + 50_000);
    assert_eq!(r.gain(), 116_667);
}

#[test]
fn default_curves_put_an_s_on_the_first_segment_and_rise() {
    let names = default_names(3);
    let d = ResponseCurve::defaults(&names);
    assert!(!d[&names[0]].is_concave());
    assert!(d[&names[2]].is_concave());
    for c in d.values() {
        c.validate("default").expect("defaults are valid");
        assert!((0..20).all(|n| c.at(n + 1) >= c.at(n)));
    }
}
