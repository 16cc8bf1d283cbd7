use proptest::prelude::*;
use sutton_comp::{CompMeasure, CreditPoolPart, CreditSource, Quantity, UNIT, adjustments};
use sutton_domain::{Currency, Dataset, LeadId, Money, Rate, SalesRole, SplitType, TeamId};

use crate::common::*;
use crate::crediting::{deal, q1_credits};

fn tiered_book(threshold: u32, bands: &[(u32, u32)], cap: Option<u32>) -> sutton_comp::PlanBook {
    // bands: (width in %, multiplier in tenths), non-decreasing multipliers.
    let mut tiers = Vec::new();
    let mut from = 0;
    let mut mults: Vec<u32> = bands.iter().map(|b| b.1).collect();
    mults.sort_unstable();
    for (i, ((width, _), m)) in bands.iter().zip(&mults).enumerate() {
        let mult = format!("{}.{}", m / 10, m % 10);
        if i + 1 == bands.len() {
            tiers.push(format!("{{ from = \"{from}%\", multiplier = \"{mult}\" }}"));
        } else {
            tiers.push(format!("{{ from = \"{from}%\", to = \"{}%\", multiplier = \"{mult}\" }}", from + width));
        }
        from += width;
    }
    let first_to = bands.first().map_or(1000, |b| b.0);
    let threshold = threshold.min(first_to.saturating_sub(1));
    let cap = cap.map(|c| format!("cap = \"{}%\"", c.max(threshold + 1))).unwrap_or_default();
    book(&format!(
        r#"
currency = "USD"
[[plan]]
id = "p"
name = "P"
effective_from = 2026-01-01
roles = ["account_executive"]
target_incentive = "12345.67"
[[plan.component]]
name = "B"
measure = "bookings"
weight = "100%"
quota = "98765.43"
basis = "target_incentive"
threshold = "{threshold}%"
{cap}
tiers = [ {} ]
"#,
        tiers.join(", ")
    ))
}

proptest! {
    #[test]
    fn payout_never_falls_as_attainment_rises_without_decelerators(
        threshold in 0u32..80,
        bands in proptest::collection::vec((10u32..80, 0u32..40), 1..5),
        cap in proptest::option::of(50u32..400),
        a in 0i64..40_000_000,
        extra in 0i64..10_000_000,
    ) {
        let book = tiered_book(threshold, &bands, cap);
        let people = [payee(1, SalesRole::AccountExecutive)];
        let low = pay(&book, &people, &[booking(1, 1, day(2026, 1, 9), a, Currency::USD)]);
        let high = pay(&book, &people, &[booking(1, 1, day(2026, 1, 9), a + extra, Currency::USD)]);
        prop_assert!(low.statements[0].total.minor() <= high.statements[0].total.minor());
    }

    #[test]
    fn revenue_split_credits_sum_to_the_deal_amount(
        amount in 0i64..1_000_000_000_000,
        weights in proptest::collection::vec(1i64..1000, 1..6),
    ) {
        let total: i64 = weights.iter().sum();
        let mut ppm: Vec<i64> = weights.iter().map(|w| w * 1_000_000 / total).collect();
        let short = 1_000_000 - ppm.iter().sum::<i64>();
        ppm[0] += short;
        let team = ppm.iter().enumerate().map(|(i, p)| (i as i64 + 1, SplitType::Revenue, *p)).collect();
        let data = Dataset { opportunities: vec![deal(1, 1, amount, team)], ..Dataset::default() };
        let credits = q1_credits(&data);
        let sum: i64 = credits.iter().filter(|c| c.measure == CompMeasure::Bookings).map(|c| c.quantity.raw()).sum();
        prop_assert_eq!(sum, amount);
    }

    #[test]
    fn rerunning_an_unchanged_period_gives_no_adjustment(
        amounts in proptest::collection::vec(0i64..5_000_000, 0..8),
    ) {
        let book = book(&ae_plan("gates = [ { at = \"100%\", bonus = \"500.00\" } ]"));
        let people = [payee(1, SalesRole::AccountExecutive), payee(2, SalesRole::AccountExecutive)];
        let credits: Vec<_> = amounts
            .iter()
            .enumerate()
            .map(|(i, m)| booking(1 + (i as i64 % 2), i as i64, day(2026, 1, 1 + i as u32), *m, Currency::USD))
            .collect();
        let first: Vec<_> = pay(&book, &people, &credits).lines().cloned().collect();
        let second: Vec<_> = pay(&book, &people, &credits).lines().cloned().collect();
        prop_assert!(adjustments(&first, &second).is_empty());
    }
}

proptest! {
    /// However a run's credits are cut into parts (as parallel readers make them), each
    /// statement counts the same credits and pays the same.
    #[test]
    fn a_pool_in_parts_pays_as_one_list(
        amounts in proptest::collection::vec(0i64..5_000_000, 0..40),
        cuts in proptest::collection::vec(0usize..40, 0..5),
    ) {
        let book = book(&ae_plan(""));
        let people = [payee(1, SalesRole::AccountExecutive), payee(2, SalesRole::AccountExecutive)];
        // Every kind of credit the pool packs: teams or none, each source, names repeated or
        // not, counts and money in two currencies, cancellations.
        let credits: Vec<_> = amounts
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let k = i as i64;
                let mut c = booking(1 + k % 2, k, day(2026, 1, 1 + (i as u32 % 28)), *m, Currency::USD);
                c.team = [None, Some(TeamId(1)), Some(TeamId(7))][i % 3];
                c.source = [
                    CreditSource::Owner,
                    CreditSource::RevenueSplit(Rate::from_ppm(400_000 + k)),
                    CreditSource::Overlay(Rate::from_ppm(250_000)),
                    CreditSource::LeadSource(LeadId(90 + k)),
                ][i % 4];
                c.deal_name = format!("Deal {}", k % 5);
                if i % 5 == 3 {
                    c.quantity = Quantity::Units(UNIT / 2);
                    c.measure = CompMeasure::NewLogos;
                }
                if i % 7 == 6 {
                    c.quantity = Quantity::Money(Money::from_minor(*m, Currency::JPY));
                }
                if i % 6 == 5 {
                    c.cancelled_on = Some(day(2026, 3, 30));
                }
                c
            })
            .collect();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(credits.len())).collect();
        cuts.sort_unstable();
        let mut parts = Vec::new();
        let mut from = 0;
        for c in cuts.into_iter().chain([credits.len()]) {
            let mut part = CreditPoolPart::with_capacity(c - from);
            for credit in &credits[from..c] {
                part.push(credit);
            }
            parts.push(part);
            from = c;
        }
        let pool = sutton_comp::CreditPool::from_parts(parts);
        prop_assert_eq!(pool.len(), credits.len());
        for (i, c) in credits.iter().enumerate() {
            prop_assert_eq!(pool.get(i), Some(c.clone()));
        }
        prop_assert!(pool.iter().eq(credits.iter().cloned()));
        prop_assert_eq!(pool.get(credits.len()), None);
        let whole = pay(&book, &people, &credits);
        let (period, start, end) = q1();
        let balances = std::collections::BTreeMap::new();
        let cut = sutton_comp::run(&sutton_comp::RunInput {
            book: &book,
            period,
            start,
            end,
            payees: &people,
            credits: &std::sync::Arc::new(pool),
            quotas: &[],
            draw_balances: &balances,
            year: (day(2026, 1, 1), day(2027, 1, 1)),
        })
        .unwrap();
        prop_assert_eq!(&whole, &cut);
        let counted: usize = cut
            .statements
            .iter()
            .flat_map(|s| &s.components)
            .map(|c| c.credits.len() + c.excluded.len())
            .sum();
        let bookings = credits.iter().filter(|c| c.measure == CompMeasure::Bookings).count();
        prop_assert_eq!(counted, bookings);
    }
}
