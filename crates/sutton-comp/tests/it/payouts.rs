use std::collections::BTreeMap;

use sutton_comp::{LineKind, PlanBook, adjustments};
use sutton_domain::{Currency, Money, PersonId, Rounding, SalesRole};

use crate::common::*;

fn ae_total(extra: &str, booked_minor: i64) -> (sutton_comp::Run, Money) {
    let book = book(&ae_plan(extra));
    let run = pay(
        &book,
        &[payee(1, SalesRole::AccountExecutive)],
        &[booking(1, 10, day(2026, 2, 10), booked_minor, Currency::USD)],
    );
    let total = run.statements[0].total;
    (run, total)
}

#[test]
fn below_the_threshold_nothing_is_paid() {
    let (run, total) = ae_total("", 4_000_000);
    assert_eq!(total, usd(0));
    let line = &run.statements[0].lines[0];
    assert_eq!(line.kind, LineKind::BelowThreshold);
    assert_eq!(line.attainment.unwrap().to_string(), "40 %");
    assert!(line.explanation.to_string().contains("below the threshold of 50 %"), "{}", line.explanation);
}

#[test]
fn exactly_at_the_threshold_pays_the_first_band_from_zero() {
    // 50 % of quota × 1 × $10,000 = $5,000.00
    let (run, total) = ae_total("", 5_000_000);
    assert_eq!(total, usd(500_000));
    assert_eq!(run.statements[0].lines[0].kind, LineKind::Tier(1));
    // One cent below the threshold pays nothing.
    assert_eq!(ae_total("", 4_999_999).1, usd(0));
}

#[test]
fn crossing_two_tiers_in_one_period_pays_each_band_at_its_rate() {
    // $160,000: band 1 $100,000 × 1 → $10,000; band 2 $50,000 × 2 → $10,000;
    // band 3 $10,000 × 3 → $3,000 (each × $10,000 ÷ $100,000).
    let (run, total) = ae_total("", 16_000_000);
    let amounts: Vec<i64> = run.statements[0].lines.iter().map(|l| l.amount.minor()).collect();
    assert_eq!(amounts, vec![1_000_000, 1_000_000, 300_000]);
    assert_eq!(total, usd(2_300_000));
    let band3 = &run.statements[0].lines[2];
    assert_eq!(band3.kind, LineKind::Tier(3));
    assert_eq!(band3.rate, "3× target incentive");
    assert_eq!(*band3.deals, [sutton_domain::OpportunityId(10)]);
}

#[test]
fn an_attainment_cap_stops_the_bands_and_an_amount_cap_holds_the_total() {
    // Capped at 150 %: $160,000 pays as $150,000 → $20,000.
    assert_eq!(ae_total("cap = \"150%\"", 16_000_000).1, usd(2_000_000));
    // Capped at $15,000: tiers pay $23,000, a cap line takes off $8,000.
    let (run, total) = ae_total("cap_amount = \"15000.00\"", 16_000_000);
    assert_eq!(total, usd(1_500_000));
    let cap = run.statements[0].lines.iter().find(|l| l.kind == LineKind::Cap).unwrap();
    assert_eq!(cap.amount, usd(-800_000));
}

#[test]
fn uncapped_keeps_paying_at_the_top_rate() {
    // $300,000: $10,000 + $10,000 + $150,000 × 3 × 0.1 = $65,000.
    assert_eq!(ae_total("", 30_000_000).1, usd(6_500_000));
}

#[test]
fn a_gate_pays_its_bonus_once_reached() {
    let extra = "gates = [ { at = \"100%\", bonus = \"1000.00\" } ]";
    // $99,990 is 99.99 %: $9,999.00 and no bonus.
    assert_eq!(ae_total(extra, 9_999_000).1, usd(999_900));
    assert_eq!(ae_total(extra, 10_000_000).1, usd(1_000_000 + 100_000));
}

#[test]
fn a_decelerator_pays_less_above_its_line() {
    let text = ae_plan("").replace(
        "{ from = \"150%\", multiplier = \"3\" }",
        "{ from = \"150%\", multiplier = \"0.5\", decelerator = true }",
    );
    let book = book(&text);
    let run = pay(
        &book,
        &[payee(1, SalesRole::AccountExecutive)],
        &[booking(1, 1, day(2026, 1, 5), 20_000_000, Currency::USD)],
    );
    // $10,000 + $10,000 + $50,000 × 0.5 × 0.1 = $22,500.
    assert_eq!(run.statements[0].total, usd(2_250_000));
}

fn sdr_book() -> PlanBook {
    book(
        r#"
currency = "USD"
[[plan]]
id = "sdr"
name = "Lead generation"
effective_from = 2026-01-01
roles = ["lead_generation"]

[[plan.component]]
name = "Lead bounty"
measure = "leads_converted"
basis = "rate"
tiers = [ { from = "0%", per_unit = "150.00" } ]
"#,
    )
}

#[test]
fn lead_bounties_pay_per_lead_that_became_an_opportunity() {
    let book = sdr_book();
    let credits: Vec<_> = (1..=3)
        .map(|i| sutton_comp::Credit {
            measure: sutton_comp::CompMeasure::LeadsConverted,
            quantity: sutton_comp::Quantity::Units(sutton_comp::UNIT),
            source: sutton_comp::CreditSource::LeadSource(sutton_domain::LeadId(i)),
            ..booking(7, 100 + i, day(2026, 3, 1), 0, Currency::USD)
        })
        .collect();
    let run = pay(&book, &[payee(7, SalesRole::LeadGeneration)], &credits);
    assert_eq!(run.statements[0].total, usd(45_000));
    assert_eq!(run.statements[0].components[0].credits.len(), 3);
}

#[test]
fn a_cancelled_deal_is_clawed_back_within_the_window_only() {
    let book = book(&ae_plan(""));
    let people = [payee(1, SalesRole::AccountExecutive)];
    let deal_a = booking(1, 1, day(2026, 1, 10), 6_000_000, Currency::USD);
    let deal_b = booking(1, 2, day(2026, 1, 20), 4_000_000, Currency::USD);
    let paid = pay(&book, &people, &[deal_a.clone(), deal_b.clone()]);
    assert_eq!(paid.statements[0].total, usd(1_000_000));

    // Deal 2 cancelled 30 days after closing, inside the 90-day window: attainment falls to
    // 60 %, pay to $6,000, and the difference is a clawback of $4,000.
    let cancelled = sutton_comp::Credit { cancelled_on: Some(day(2026, 2, 19)), ..deal_b.clone() };
    let due = pay(&book, &people, &[deal_a.clone(), cancelled]);
    assert_eq!(due.statements[0].total, usd(600_000));
    let paid_lines: Vec<_> = paid.lines().cloned().collect();
    let due_lines: Vec<_> = due.lines().cloned().collect();
    let adj = adjustments(&paid_lines, &due_lines);
    assert_eq!(adj.len(), 1);
    assert_eq!(adj[0].amount, usd(-400_000));
    assert!(adj[0].clawback, "{}", adj[0].reason);
    assert!(adj[0].reason.to_string().contains("clawback of deal(s) 2"), "{}", adj[0].reason);

    // Cancelled 120 days after closing: outside the window, nothing changes.
    let late = sutton_comp::Credit { cancelled_on: Some(day(2026, 5, 20)), ..deal_b };
    let again = pay(&book, &people, &[deal_a, late]);
    assert!(adjustments(&paid_lines, &again.lines().cloned().collect::<Vec<_>>()).is_empty());
}

#[test]
fn a_mid_period_plan_change_pays_each_part_pro_rata() {
    let text = format!(
        "{}\n{}",
        ae_plan(""),
        r#"
[[plan]]
id = "hunter"
name = "Commission only"
effective_from = 2026-01-01

[[plan.component]]
name = "Commission"
measure = "bookings"
basis = "rate"
tiers = [ { from = "0%", rate = "5%" } ]

[[assignment]]
person = 1
plan = "ae"
from = 2026-01-01
until = 2026-02-15

[[assignment]]
person = 1
plan = "hunter"
from = 2026-02-15
"#
    );
    let book = book(&text);
    // 45 of 90 days on the AE plan: quota $50,000 for that part; $50,000 booked there is 100 %
    // → $5,000. Then 5 % of the $20,000 booked on the commission plan → $1,000.
    let credits = [
        booking(1, 1, day(2026, 2, 1), 5_000_000, Currency::USD),
        booking(1, 2, day(2026, 3, 1), 2_000_000, Currency::USD),
    ];
    let run = pay(&book, &[payee(1, SalesRole::AccountExecutive)], &credits);
    let s = &run.statements[0];
    assert_eq!(s.total, usd(600_000));
    assert_eq!(s.components.len(), 2);
    assert_eq!(s.components[0].quota, Some(sutton_comp::Quantity::Money(usd(5_000_000))));
    assert_eq!(s.components[0].attainment.unwrap().to_string(), "100 %");
    assert_eq!(s.plan_changes_in_year, 1);
}

#[test]
fn yen_have_no_decimals_and_each_line_rounds_once() {
    let text = ae_plan("")
        .replace("currency = \"USD\"", "currency = \"JPY\"")
        .replace("\"10000.00\"", "\"1000000\"")
        .replace("\"100000.00\"", "\"10000000\"")
        .replace("threshold = \"50%\"", "threshold = \"0%\"");
    let book = book(&text);
    // ¥3,333,333 of ¥10,000,000 × ¥1,000,000 = ¥333,333.3 → ¥333,333.
    let run = pay(
        &book,
        &[payee(1, SalesRole::AccountExecutive)],
        &[booking(1, 1, day(2026, 1, 2), 3_333_333, Currency::JPY)],
    );
    assert_eq!(run.statements[0].total, Money::from_minor(333_333, Currency::JPY));
    // A USD credit under a JPY plan is refused, not converted.
    let wrong =
        pay(&book, &[payee(1, SalesRole::AccountExecutive)], &[booking(1, 1, day(2026, 1, 2), 100, Currency::USD)]);
    assert_eq!(wrong.statements[0].components[0].excluded.len(), 1);
}

#[test]
fn dollars_round_by_the_rule_the_plan_states() {
    let commission = |rule: &str| {
        book(&format!(
            r#"
currency = "USD"
rounding = "{rule}"
[[plan]]
id = "c"
name = "Commission"
effective_from = 2026-01-01
roles = ["account_executive"]
[[plan.component]]
name = "Commission"
measure = "bookings"
basis = "rate"
tiers = [ {{ from = "0%", rate = "5%" }} ]
"#
        ))
    };
    // 5 % of $10.10 = 50.5 cents.
    for (rule, cents) in [("half_away_from_zero", 51), ("half_even", 50), ("toward_zero", 50)] {
        let b = commission(rule);
        assert_eq!(
            b.rounding,
            match rule {
                "half_even" => Rounding::HalfEven,
                "toward_zero" => Rounding::TowardZero,
                _ => Rounding::HalfAwayFromZero,
            }
        );
        let run =
            pay(&b, &[payee(1, SalesRole::AccountExecutive)], &[booking(1, 1, day(2026, 1, 2), 1010, Currency::USD)]);
        assert_eq!(run.statements[0].total, usd(cents), "{rule}");
    }
}

#[test]
fn a_recoverable_draw_tops_up_then_is_recovered() {
    let text = ae_plan("")
        .replace("clawback_days = 90", "clawback_days = 90\ndraw = { amount = \"3000.00\", recoverable = true }");
    let book = book(&text);
    let people = [payee(1, SalesRole::AccountExecutive)];
    let lean = pay(&book, &people, &[]);
    let s = &lean.statements[0];
    assert_eq!(s.total, usd(300_000));
    assert_eq!(s.draw_balance, usd(300_000));
    // Next period $5,000 earned: $2,000 above the draw recovers $2,000 of the $3,000 owed.
    let balances = BTreeMap::from([(PersonId(1), usd(300_000))]);
    let good = pay_with(&book, &people, &[booking(1, 1, day(2026, 1, 3), 5_000_000, Currency::USD)], &balances);
    let s = &good.statements[0];
    assert_eq!(s.total, usd(300_000));
    assert_eq!(s.draw_balance, usd(100_000));
    assert_eq!(s.lines.last().unwrap().kind, LineKind::DrawRecovery);
}

#[test]
fn team_bookings_count_the_team_without_overlays() {
    let text = r#"
currency = "USD"
[[plan]]
id = "mgr"
name = "Manager"
effective_from = 2026-01-01
roles = ["manager"]
target_incentive = "5000.00"
[[plan.component]]
name = "Team"
measure = "team_bookings"
weight = "100%"
quota = "200000.00"
basis = "target_incentive"
tiers = [ { from = "0%", multiplier = "1" } ]
"#;
    let book = book(text);
    let overlay = sutton_comp::Credit {
        source: sutton_comp::CreditSource::Overlay(sutton_domain::Rate::from_percent(50)),
        ..booking(3, 1, day(2026, 1, 2), 5_000_000, Currency::USD)
    };
    let credits = [booking(1, 1, day(2026, 1, 2), 10_000_000, Currency::USD), overlay];
    let run = pay(&book, &[payee(9, SalesRole::Manager)], &credits);
    // $100,000 of $200,000 → half of $5,000.
    assert_eq!(run.statements[0].total, usd(250_000));
}

#[test]
fn governance_bins_attainment_and_counts_who_landed_either_side_of_each_line() {
    use sutton_comp::governance::{breakpoints, distributions};
    use sutton_domain::Rate;
    let book = book(&ae_plan(""));
    let payees: Vec<_> = (1..=4).map(|i| payee(i, SalesRole::AccountExecutive)).collect();
    // Attainments 49 %, 51 %, 52 % and 160 % of the $100,000 quota.
    let credits: Vec<_> = [(1, 4_900_000), (2, 5_100_000), (3, 5_200_000), (4, 16_000_000)]
        .iter()
        .map(|&(p, minor)| booking(p, p, day(2026, 2, 1), minor, Currency::USD))
        .collect();
    let run = pay(&book, &payees, &credits);
    let lines = breakpoints(&book.plans[0].components[0]);
    let at: Vec<(i64, &str)> = lines.iter().map(|b| (b.at.ppm(), b.what.as_str())).collect();
    assert_eq!(at, vec![(500_000, "threshold"), (1_000_000, "tier 2"), (1_500_000, "tier 3")]);
    let period = run.period;
    let statements: Vec<_> = run.statements.iter().map(|s| (period, s)).collect();
    let d = distributions(&statements, &book, Rate::from_percent(5), Rate::from_percent(200), Currency::USD);
    assert_eq!(d.len(), 1);
    let d = &d[0];
    assert_eq!((d.plan.as_str(), d.component.as_str(), d.points), ("ae", "Bookings", 4));
    assert_eq!(d.bins.len(), 41, "40 bins of 5 % up to 200 %, and one above");
    assert_eq!(d.bins[9].count, 1, "49 % in 45–50 %");
    assert_eq!(d.bins[10].count, 2, "51 % and 52 % in 50–55 %");
    assert_eq!(d.bins[32].count, 1, "160 % in 160–165 %");
    // Below the threshold nothing is paid; the two just over it are paid from zero.
    assert_eq!(d.bins[9].payout, usd(0));
    assert_eq!(d.bins[10].payout, usd(510_000 + 520_000));
    let threshold = &d.bunching[0];
    assert_eq!((threshold.just_below, threshold.just_above), (1, 2));
    let total: i64 = d.bins.iter().map(|b| b.payout.minor()).sum();
    assert_eq!(total, run.total.minor(), "every payout lands in a bin");
}
