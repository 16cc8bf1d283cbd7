//! The demo company: the planted stories found, and the whiplash warning two quarters early.

use std::sync::OnceLock;

use chrono::NaiveDate;
use sutton_demo::{DemoConfig, Scale, default_as_of, generate};
use sutton_domain::Dataset;
use sutton_insight::*;

use crate::day;

fn demo() -> &'static Dataset {
    static DEMO: OnceLock<Dataset> = OnceLock::new();
    DEMO.get_or_init(|| {
        generate(
            &DemoConfig { seed: sutton_demo::DEFAULT_SEED, scale: Scale::Default, as_of: default_as_of() },
            &mut |_| {},
        )
    })
}

fn report(as_of: NaiveDate) -> WhiplashReport {
    let facts = Facts::new(demo());
    whiplash(&facts, as_of, &WhiplashOptions::default())
}

fn team<'r>(r: &'r WhiplashReport, name: &str) -> &'r TeamRisk {
    r.teams.iter().find(|t| t.team.name == name).expect("team in the report")
}

fn flagged(t: &TeamRisk, kind: CauseKind) -> Option<&Cause> {
    t.causes.iter().find(|c| c.kind == kind)
}

/// Story 1 seen early: two quarters before Field West's January cliff, and on the demo's
/// "today", the whiplash report flags Field West's forward coverage and renewal cliff among its
/// top three causes, and Field West is the team most at risk.
#[test]
fn backtest_field_west_is_warned_two_quarters_before_its_january_cliff() {
    for as_of in [day(2026, 7, 15), default_as_of()] {
        let r = report(as_of);
        let fw = team(&r, "Field West");
        let top: Vec<CauseKind> = fw.causes.iter().take(3).map(|c| c.kind).collect();
        assert!(top.contains(&CauseKind::ForwardCoverage), "{as_of}: {top:?}");
        assert!(top.contains(&CauseKind::RenewalCliff), "{as_of}: {top:?}");
        let cliff = flagged(fw, CauseKind::RenewalCliff).expect("cliff");
        assert_eq!(cliff.period.map(|p| p.to_string()).as_deref(), Some("FY2027 M01"), "{as_of}: the January cliff");
        let riskiest = r.teams.iter().max_by_key(|t| t.risk).expect("teams");
        assert_eq!(riskiest.team.name, "Field West", "{as_of}");
        assert!(r.alerts.iter().any(|a| a.team.name == "Field West" && a.kind == CauseKind::RenewalCliff));
    }
    // On the demo's today, the forward-coverage warning is January's, at about the seed's 10 %.
    let r = report(default_as_of());
    let coverage = flagged(team(&r, "Field West"), CauseKind::ForwardCoverage).expect("flagged");
    assert_eq!(coverage.period.map(|p| p.to_string()).as_deref(), Some("FY2027 M01"));
    assert!(coverage.value < 0.2, "{coverage:?}");
}

/// Before any cliff is in sight the same team is not flagged for either.
#[test]
fn backtest_before_the_cliff_field_west_is_not_flagged_for_it() {
    let r = report(day(2025, 3, 15));
    let fw = team(&r, "Field West");
    assert!(flagged(fw, CauseKind::ForwardCoverage).is_none(), "{:?}", fw.causes);
    assert!(flagged(fw, CauseKind::RenewalCliff).is_none(), "{:?}", fw.causes);
}

/// Story 1's other half: Field West's bookings boom and bust, more than any other team's.
#[test]
fn story_1_field_west_bookings_boom_and_bust() {
    let r = report(default_as_of());
    let cv = |t: &TeamRisk| t.checks.iter().find(|c| c.kind == CauseKind::Volatility).map_or(0.0, |c| c.value);
    let fw = team(&r, "Field West");
    assert!(flagged(fw, CauseKind::Volatility).is_some());
    for other in r.teams.iter().filter(|t| t.team.name != "Field West") {
        assert!(cv(other) < cv(fw), "{} {} against {}", other.team.name, cv(other), cv(fw));
    }
}

/// Story 4: Inside Sales' recent pipeline piles onto Analytics Cloud.
#[test]
fn story_4_inside_sales_skews_to_analytics_cloud() {
    let r = report(default_as_of());
    let skew = flagged(team(&r, "Inside Sales"), CauseKind::ProductSkew).expect("product skew flagged");
    assert!(skew.explanation.starts_with("Analytics Cloud"), "{}", skew.explanation);
    for other in ["Field East", "Field West", "Key Accounts"] {
        assert!(flagged(team(&r, other), CauseKind::ProductSkew).is_none(), "{other}");
    }
}

/// Story 5: the key accounts hang on single contacts; the field and inside books do not.
#[test]
fn story_5_key_accounts_are_single_threaded() {
    let r = report(default_as_of());
    assert!(flagged(team(&r, "Key Accounts"), CauseKind::SingleThreaded).is_some());
    for other in ["Field East", "Field West", "Inside Sales"] {
        assert!(flagged(team(&r, other), CauseKind::SingleThreaded).is_none(), "{other}");
    }
}

/// The pipeline measures on the whole demo: movement reconciles for every team, and coverage
/// shows Field West's January quarter short with a gap in money.
#[test]
fn pipeline_measures_on_the_demo() {
    let facts = Facts::new(demo());
    let as_of = default_as_of();
    let q = sutton_domain::Period::quarter(2027, 1).expect("valid");
    let window = (facts.calendar.start(q), facts.calendar.end(q));
    let moves = movement(&facts, as_of - chrono::Duration::days(90), as_of, window, Dimension::Team);
    assert!(moves.len() >= 4 && moves.iter().all(Movement::reconciles));
    let rows = coverage(&facts, as_of, &CoverageOptions::default());
    let fw = rows.iter().find(|r| r.group.name == "Field West" && r.period == q).expect("row");
    let fe = rows.iter().find(|r| r.group.name == "Field East" && r.period == q).expect("row");
    assert!(fw.gap.is_some_and(|g| g.minor() > 0));
    assert!(fw.coverage < fe.coverage, "{:?} against {:?}", fw.coverage, fe.coverage);
    let conv = conversion(&facts, as_of, 365, Dimension::Product);
    assert!(conv.iter().all(|c| c.win_rate.is_some()));
    let flags = flag_deals(&facts, as_of, &FlagRules::default());
    assert!(flags.iter().any(|d| d.flags.iter().any(|f| matches!(f, DealFlag::Pushed { .. }))));
}
