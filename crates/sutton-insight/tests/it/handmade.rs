//! Exact figures on a hand-made organisation, worked out by hand in the comments.

use sutton_domain::*;
use sutton_insight::*;

use crate::{Org, day};

/// East (team 1, Ada) with two past quarters of history and a first quarter of 2026 in
/// progress; the as-of date is 15 February 2026.
fn east() -> Org {
    let mut org = Org::new();
    let q1 = Period::quarter(2026, 1).expect("valid");
    org.quota(1, q1, 1_000);
    // FY2025 Q3: 2,000 open on 15 August (45 days in), 1,000 of it won after.
    org.deal(
        1,
        day(2025, 7, 1),
        &[
            (day(2025, 7, 1), "Prospecting", 1_000, day(2025, 9, 15)),
            (day(2025, 9, 10), "Closed Won", 1_000, day(2025, 9, 10)),
        ],
    );
    org.deal(
        1,
        day(2025, 7, 1),
        &[
            (day(2025, 7, 1), "Prospecting", 1_000, day(2025, 9, 20)),
            (day(2025, 9, 18), "Closed Lost", 1_000, day(2025, 9, 18)),
        ],
    );
    // FY2025 Q4: 1,200 open on 15 November, 600 + 300 (a deal created later) won after.
    org.deal(
        1,
        day(2025, 10, 1),
        &[
            (day(2025, 10, 1), "Prospecting", 600, day(2025, 12, 10)),
            (day(2025, 12, 1), "Closed Won", 600, day(2025, 12, 1)),
        ],
    );
    org.deal(
        1,
        day(2025, 10, 1),
        &[
            (day(2025, 10, 1), "Prospecting", 600, day(2025, 12, 15)),
            (day(2025, 12, 10), "Closed Lost", 600, day(2025, 12, 10)),
        ],
    );
    org.deal(
        1,
        day(2025, 11, 20),
        &[
            (day(2025, 11, 20), "Proposal", 300, day(2025, 12, 20)),
            (day(2025, 12, 20), "Closed Won", 300, day(2025, 12, 20)),
        ],
    );
    // The quarter in progress: one deal of each movement.
    org.deal(
        1,
        day(2025, 12, 1),
        &[
            (day(2025, 12, 1), "Prospecting", 100, day(2026, 2, 15)),
            (day(2026, 1, 20), "Proposal", 150, day(2026, 2, 15)), // grown by 50
        ],
    );
    org.deal(
        1,
        day(2025, 12, 1),
        &[
            (day(2025, 12, 1), "Prospecting", 200, day(2026, 3, 1)),
            (day(2026, 1, 25), "Prospecting", 200, day(2026, 5, 1)), // pushed out
        ],
    );
    org.deal(
        1,
        day(2025, 12, 1),
        &[
            (day(2025, 12, 1), "Proposal", 300, day(2026, 3, 10)),
            (day(2026, 2, 1), "Closed Won", 320, day(2026, 2, 1)), // won (300 of pipeline)
        ],
    );
    org.deal(
        1,
        day(2025, 12, 1),
        &[
            (day(2025, 12, 1), "Proposal", 400, day(2026, 2, 20)),
            (day(2026, 2, 5), "Closed Lost", 400, day(2026, 2, 5)), // lost
        ],
    );
    org.deal(1, day(2026, 1, 10), &[(day(2026, 1, 10), "Prospecting", 50, day(2026, 3, 20))]); // new
    org.deal(
        1,
        day(2025, 11, 1),
        &[
            (day(2025, 11, 1), "Prospecting", 70, day(2026, 5, 15)),
            (day(2026, 2, 10), "Negotiation", 70, day(2026, 3, 25)), // pulled in
        ],
    );
    org.deal(
        1,
        day(2025, 12, 1),
        &[
            (day(2025, 12, 1), "Negotiation", 500, day(2026, 2, 28)),
            (day(2026, 1, 15), "Negotiation", 450, day(2026, 2, 28)), // shrunk by 50
        ],
    );
    assert!(org.data.check().is_empty(), "{:?}", org.data.check());
    org
}

#[test]
fn movement_parts_add_up_to_the_difference_by_hand() {
    let org = east();
    let f = Facts::new(&org.data);
    let rows = movement(&f, day(2026, 1, 5), day(2026, 2, 15), (day(2026, 1, 1), day(2026, 4, 1)), Dimension::Team);
    assert_eq!(rows.len(), 1);
    let m = &rows[0];
    let d = |x: i64| crate::usd(x);
    // Start: 100 + 200 + 300 + 400 + 500; end: 150 + 50 + 70 + 450.
    assert_eq!((m.start, m.end), (d(1_500), d(720)));
    assert_eq!((m.new, m.pulled_in, m.grown), (d(50), d(70), d(50)));
    assert_eq!((m.pushed_out, m.shrunk, m.won, m.lost), (d(200), d(50), d(300), d(400)));
    assert_eq!((m.deals_start, m.deals_end), (5, 4));
    assert!(m.reconciles());
}

#[test]
fn coverage_and_the_required_coverage_by_hand() {
    let org = east();
    let f = Facts::new(&org.data);
    let options = CoverageOptions { periods: 1, ..CoverageOptions::default() };
    let rows = coverage(&f, day(2026, 2, 15), &options);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.period, Period::quarter(2026, 1).expect("valid"));
    assert_eq!(r.group.name, "East");
    // Quota 1,000, 320 won: 680 to book; 150 + 50 + 70 + 450 = 720 open in the quarter.
    assert_eq!(r.quota, Some(crate::usd(1_000)));
    assert_eq!(r.booked, crate::usd(320));
    assert_eq!(r.remaining, Some(crate::usd(680)));
    assert_eq!(r.pipeline, crate::usd(720));
    assert_eq!(r.deals, 4);
    assert_eq!(r.coverage, Rate::ratio(720, 680));
    // 45 days into the quarter. Q3: 2,000 open on 15 August, 1,000 won after; Q4: 1,200 open on
    // 15 November, 900 won after. Required = 3,200 / 1,900.
    assert_eq!(r.required, Rate::ratio(3_200, 1_900));
    assert_eq!(r.required.map(Rate::ppm), Some(1_684_211));
    assert_eq!(r.required_from.as_deref(), Some("team"));
    // 680 × 1.684211 = 1,145.26 (rounded to the cent) − 720 = 425.26.
    assert_eq!(r.gap, Some(Money::from_minor(42_526, Currency::USD)));
}

#[test]
fn conversion_win_rates_deal_size_and_cycle_by_hand() {
    let org = east();
    let f = Facts::new(&org.data);
    let rows = conversion(&f, day(2026, 2, 15), 365, Dimension::Team);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    // Won: 1,000, 600, 300, 320; lost: 1,000, 600, 400.
    assert_eq!((r.won, r.lost), (4, 3));
    assert_eq!(r.win_rate, Rate::ratio(4, 7));
    assert_eq!(r.value_win_rate, Rate::ratio(2_220, 4_220));
    assert_eq!(r.won_amount, crate::usd(2_220));
    assert_eq!(r.average_won, Some(crate::usd(555)));
    // Cycles: 71, 61, 30 and 62 days.
    assert_eq!(r.mean_cycle_days, Some((71.0 + 61.0 + 30.0 + 62.0) / 4.0));
    // Every closed deal reached the first stage or started past it; the won ones went through all.
    let negotiation = r.stages.iter().find(|s| s.stage == "Negotiation").expect("stage");
    assert_eq!(negotiation.advanced, 4);
}

#[test]
fn forecast_by_category_and_weighted() {
    let org = east();
    let f = Facts::new(&org.data);
    let options = CoverageOptions { periods: 1, ..CoverageOptions::default() };
    let fc = forecast(&f, day(2026, 2, 15), &options);
    let r = &fc.rows[0];
    // Won 320; commit: 70 + 450; best case: 150; pipeline: 50.
    assert_eq!(r.won, crate::usd(320));
    assert_eq!(r.commit, crate::usd(520));
    assert_eq!(r.best_case, crate::usd(150));
    assert_eq!(r.pipeline, crate::usd(50));
    // Weighted: 70 × 80 % + 450 × 80 % + 150 × 50 % + 50 × 10 % = 56 + 360 + 75 + 5.
    assert_eq!(r.weighted, crate::usd(496));
    assert_eq!(r.commit_forecast, crate::usd(840));
    assert_eq!(r.weighted_forecast, crate::usd(816));
}

#[test]
fn deal_flags_see_pushes_silence_and_single_threads() {
    let mut org = east();
    // A deal pushed twice.
    org.deal(
        1,
        day(2025, 12, 1),
        &[
            (day(2025, 12, 1), "Prospecting", 80, day(2026, 1, 10)),
            (day(2025, 12, 20), "Prospecting", 80, day(2026, 2, 1)),
            (day(2026, 1, 5), "Prospecting", 80, day(2026, 3, 1)),
        ],
    );
    let f = Facts::new(&org.data);
    let flagged = flag_deals(&f, day(2026, 2, 15), &FlagRules::default());
    let pushed = flagged.iter().find(|d| d.amount == crate::usd(80)).expect("flagged");
    assert!(pushed.flags.contains(&DealFlag::Pushed { times: 2 }));
    // Nobody has met anyone at the account: no activity, and single-threaded (no contacts).
    assert!(pushed.flags.contains(&DealFlag::NoActivity { days: None }));
    assert!(pushed.flags.contains(&DealFlag::SingleThreaded { contacts: 0 }));
}

#[test]
fn state_on_a_past_date_is_read_from_the_history() {
    let org = east();
    let f = Facts::new(&org.data);
    let grown = 5; // the deal that grew from 100 to 150 on 20 January
    assert_eq!(f.state_on(grown, day(2025, 11, 30)), None, "not created yet");
    assert_eq!(f.state_on(grown, day(2026, 1, 19)).map(|s| s.amount), Some(10_000));
    assert_eq!(f.state_on(grown, day(2026, 1, 20)).map(|s| (s.amount, s.stage)), Some((15_000, "Proposal")));
}
