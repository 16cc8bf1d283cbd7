//! Every kind of line, adjustment and left-out credit explains itself in figures — the ones
//! that decided it, computed here by hand — so each payee can read it in their language.

use std::collections::BTreeMap;

use sutton_comp::{
    AdjustmentReason, CompMeasure, Exclusion, Explanation, LineKind, PayoutLine, Quantity, TierPay, adjustments,
};
use sutton_domain::{Currency, OpportunityId, PersonId, Rate, SalesRole};

use crate::common::*;

fn lines(plan: &str, booked_minor: i64, balances: &BTreeMap<PersonId, sutton_domain::Money>) -> Vec<PayoutLine> {
    let credits =
        if booked_minor > 0 { vec![booking(1, 10, day(2026, 2, 10), booked_minor, Currency::USD)] } else { Vec::new() };
    let run = pay_with(&book(plan), &[payee(1, SalesRole::AccountExecutive)], &credits, balances);
    run.statements[0].lines.clone()
}

fn line(lines: &[PayoutLine], kind: LineKind) -> &PayoutLine {
    lines.iter().find(|l| l.kind == kind).unwrap_or_else(|| panic!("a {kind} line in {lines:?}"))
}

fn dollars(whole: i64) -> Quantity {
    Quantity::Money(usd(whole * 100))
}

#[test]
fn each_band_names_the_credit_in_it_its_edges_and_its_rate() {
    // $160,000 on a $100,000 quota: $100,000 in 0–100 % at 1×, $50,000 in 100–150 % at 2×,
    // $10,000 from 150 % at 3×, each of the $10,000 target incentive weighted 100 %.
    let got = lines(&ae_plan(""), 16_000_000, &BTreeMap::new());
    let tier = |credited: i64, from: i64, to: Option<i64>, multiplier: i64| Explanation::Tier {
        credited: dollars(credited),
        from: Rate::from_percent(from),
        to: to.map(Rate::from_percent),
        decelerator: false,
        pay: TierPay::Multiplier(Rate::from_percent(multiplier * 100)),
        target_incentive: Some(usd(1_000_000)),
        weight: Some(Rate::from_percent(100)),
    };
    assert_eq!(line(&got, LineKind::Tier(1)).explanation, tier(100_000, 0, Some(100), 1));
    assert_eq!(line(&got, LineKind::Tier(2)).explanation, tier(50_000, 100, Some(150), 2));
    assert_eq!(line(&got, LineKind::Tier(3)).explanation, tier(10_000, 150, None, 3));
    // The command line reads the same figures in plain English.
    assert_eq!(
        line(&got, LineKind::Tier(2)).explanation.to_string(),
        "USD 50000.00 credited in band 100 % to 150 % at 2× target incentive of a USD 10000.00 target incentive weighted 100 %"
    );
}

#[test]
fn a_rate_band_has_no_target_incentive_and_says_its_units() {
    // Three converted leads at $150 a lead, no quota: all three in the one open band.
    let credits: Vec<_> = (1..=3)
        .map(|i| sutton_comp::Credit {
            measure: CompMeasure::LeadsConverted,
            quantity: Quantity::Units(sutton_comp::UNIT),
            source: sutton_comp::CreditSource::LeadSource(sutton_domain::LeadId(i)),
            ..booking(7, 100 + i, day(2026, 3, 1), 0, Currency::USD)
        })
        .collect();
    let book = book(
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
    );
    let run = pay(&book, &[payee(7, SalesRole::LeadGeneration)], &credits);
    assert_eq!(
        run.statements[0].lines[0].explanation,
        Explanation::Tier {
            credited: Quantity::Units(3 * sutton_comp::UNIT),
            from: Rate::ZERO,
            to: None,
            decelerator: false,
            pay: TierPay::PerUnit(usd(15_000)),
            target_incentive: None,
            weight: None,
        }
    );
}

#[test]
fn threshold_quota_cap_and_gate_lines_carry_what_decided_them() {
    // $40,000 is 40 % of quota, under the 50 % threshold.
    let below = lines(&ae_plan(""), 4_000_000, &BTreeMap::new());
    assert_eq!(
        line(&below, LineKind::BelowThreshold).explanation,
        Explanation::BelowThreshold { attainment: Rate::from_percent(40), threshold: Rate::from_percent(50) }
    );
    // No stored quota: nothing paid until there is one.
    let stored = ae_plan("").replace("quota = \"100000.00\"", "quota = \"stored\"");
    let missing = lines(&stored, 4_000_000, &BTreeMap::new());
    assert_eq!(
        line(&missing, LineKind::NoQuota).explanation,
        Explanation::NoQuota { measure: CompMeasure::Bookings, component: "Bookings".to_owned() }
    );
    // Tiers pay $23,000 on $160,000; the $15,000 amount cap takes $8,000 off.
    let capped = lines(&ae_plan("cap_amount = \"15000.00\""), 16_000_000, &BTreeMap::new());
    let cap = line(&capped, LineKind::Cap);
    assert_eq!((cap.amount, &cap.explanation), (usd(-800_000), &Explanation::Cap { cap: usd(1_500_000) }));
    // Reaching 100 % pays the $1,000 gate bonus.
    let gated = lines(&ae_plan("gates = [ { at = \"100%\", bonus = \"1000.00\" } ]"), 10_000_000, &BTreeMap::new());
    let gate = line(&gated, LineKind::Gate(1));
    assert_eq!(
        (gate.amount, &gate.explanation),
        (usd(100_000), &Explanation::Gate { at: Rate::from_percent(100), bonus: usd(100_000) })
    );
    assert_eq!(gate.rate, "USD 1000.00");
}

#[test]
fn draw_lines_carry_the_earnings_the_draw_and_what_is_owed() {
    let plan = ae_plan("")
        .replace("clawback_days = 90", "clawback_days = 90\ndraw = { amount = \"3000.00\", recoverable = true }");
    // Nothing earned: the $3,000 recoverable draw is paid in full.
    let lean = lines(&plan, 0, &BTreeMap::new());
    let top_up = line(&lean, LineKind::DrawTopUp);
    assert_eq!(top_up.amount, usd(300_000));
    assert_eq!(top_up.explanation, Explanation::DrawTopUp { earned: usd(0), draw: usd(300_000), recoverable: true });
    // $50,000 booked earns $5,000, $2,000 above the draw: it recovers $2,000 of the $3,000 owed.
    let owed = BTreeMap::from([(PersonId(1), usd(300_000))]);
    let good = lines(&plan, 5_000_000, &owed);
    let recovery = line(&good, LineKind::DrawRecovery);
    assert_eq!(recovery.amount, usd(-200_000));
    assert_eq!(recovery.explanation, Explanation::DrawRecovery { recovered: usd(200_000), owed: usd(300_000) });
}

#[test]
fn adjustments_and_left_out_credits_name_their_deals_and_dates() {
    let book = book(&ae_plan(""));
    let people = [payee(1, SalesRole::AccountExecutive)];
    let deal_a = booking(1, 1, day(2026, 1, 10), 6_000_000, Currency::USD);
    let deal_b = booking(1, 2, day(2026, 1, 20), 4_000_000, Currency::USD);
    let paid: Vec<_> = pay(&book, &people, &[deal_a.clone(), deal_b.clone()]).lines().cloned().collect();

    // Deal 2 cancelled on 19 February, 30 days after it closed, inside the 90-day window.
    let cancelled = sutton_comp::Credit { cancelled_on: Some(day(2026, 2, 19)), ..deal_b.clone() };
    let due = pay(&book, &people, &[deal_a.clone(), cancelled]);
    assert_eq!(
        due.statements[0].components[0].excluded[0].1,
        Exclusion::Clawback { cancelled_on: day(2026, 2, 19), days_after: 30, window: 90 }
    );
    let adj = adjustments(&paid, &due.lines().cloned().collect::<Vec<_>>());
    assert_eq!(
        adj[0].reason,
        AdjustmentReason::Deals { clawed_back: vec![OpportunityId(2)], removed: Vec::new(), added: Vec::new() }
    );

    // A deal in euros on a dollar plan is left out, saying so.
    let euros = booking(1, 3, day(2026, 1, 25), 1_000_000, Currency::parse("EUR").expect("euro"));
    let mixed = pay(&book, &people, &[deal_a.clone(), deal_b.clone(), euros]);
    assert_eq!(
        mixed.statements[0].components[0].excluded[0].1,
        Exclusion::OtherCurrency { credited: Currency::parse("EUR").expect("euro"), plan: Currency::USD }
    );

    // A new deal is newly credited; the same deals for more money is a recomputation.
    let more = booking(1, 4, day(2026, 2, 1), 1_000_000, Currency::USD);
    let grown = pay(&book, &people, &[deal_a.clone(), deal_b.clone(), more]);
    let adj = adjustments(&paid, &grown.lines().cloned().collect::<Vec<_>>());
    assert_eq!(
        adj[0].reason,
        AdjustmentReason::Deals { clawed_back: Vec::new(), removed: Vec::new(), added: vec![OpportunityId(4)] }
    );
    let bigger = sutton_comp::Credit { quantity: Quantity::Money(usd(5_000_000)), ..deal_b };
    let changed = pay(&book, &people, &[deal_a, bigger]);
    let adj = adjustments(&paid, &changed.lines().cloned().collect::<Vec<_>>());
    // $110,000 pays $10,000 + $10,000 × 2 × 10 % = $12,000 instead of $10,000.
    assert_eq!((adj[0].amount, &adj[0].reason), (usd(200_000), &AdjustmentReason::Recomputed));
}

#[test]
fn explanations_read_back_from_their_stored_form() {
    // Runs store explanations as JSON: every kind must come back exactly as it went.
    let plan = ae_plan("gates = [ { at = \"100%\", bonus = \"1000.00\" } ]\ncap_amount = \"15000.00\"")
        .replace("clawback_days = 90", "clawback_days = 90\ndraw = { amount = \"30000.00\", recoverable = false }");
    let mut all: Vec<Explanation> =
        lines(&plan, 16_000_000, &BTreeMap::new()).into_iter().map(|l| l.explanation).collect();
    all.push(Explanation::BelowThreshold { attainment: Rate::from_ppm(123_456), threshold: Rate::from_percent(50) });
    all.push(Explanation::NoQuota { measure: CompMeasure::TeamBookings, component: "Team".to_owned() });
    all.push(Explanation::Text { text: "as an earlier version wrote it".to_owned() });
    let kinds: Vec<&str> = all
        .iter()
        .map(|e| match e {
            Explanation::Tier { .. } => "tier",
            Explanation::Cap { .. } => "cap",
            Explanation::Gate { .. } => "gate",
            Explanation::DrawTopUp { .. } => "draw top-up",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds[..6], ["tier", "tier", "tier", "cap", "gate", "draw top-up"], "{all:?}");
    for e in &all {
        let json = serde_json::to_string(e).expect("JSON");
        assert_eq!(&serde_json::from_str::<Explanation>(&json).expect("reads back"), e, "{json}");
    }
    for r in [
        AdjustmentReason::Deals {
            clawed_back: vec![OpportunityId(2)],
            removed: Vec::new(),
            added: vec![OpportunityId(9)],
        },
        AdjustmentReason::Recomputed,
    ] {
        let json = serde_json::to_string(&r).expect("JSON");
        assert_eq!(serde_json::from_str::<AdjustmentReason>(&json).expect("reads back"), r, "{json}");
    }
    let x = Exclusion::Clawback { cancelled_on: day(2026, 2, 19), days_after: 30, window: 90 };
    let json = serde_json::to_string(&x).expect("JSON");
    assert_eq!(serde_json::from_str::<Exclusion>(&json).expect("reads back"), x, "{json}");
}
