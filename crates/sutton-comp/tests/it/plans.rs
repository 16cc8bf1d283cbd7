use sutton_comp::PlanBook;

use crate::common::ae_plan;

fn problems(text: &str) -> Vec<String> {
    PlanBook::parse(text).expect_err("the plan should be refused").problems
}

fn has(problems: &[String], needle: &str) {
    assert!(problems.iter().any(|p| p.contains(needle)), "no problem mentions {needle:?}: {problems:#?}");
}

#[test]
fn the_example_plan_in_the_docs_is_valid() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/comp-plans.toml")).unwrap();
    let book = PlanBook::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(book.plans.len() >= 3);
}

#[test]
fn overlapping_tiers_are_refused_with_the_fix() {
    let text = ae_plan("").replace("{ from = \"100%\", to = \"150%\"", "{ from = \"90%\", to = \"150%\"");
    has(
        &problems(&text),
        "tiers 1 and 2 overlap: tier 1 ends at 100 % but tier 2 starts at 90 %; start tier 2 at 100 %",
    );
}

#[test]
fn gaps_between_tiers_are_refused() {
    let text = ae_plan("").replace("{ from = \"100%\", to = \"150%\"", "{ from = \"110%\", to = \"150%\"");
    has(&problems(&text), "there is a gap between tier 1");
}

#[test]
fn weights_must_sum_to_one_hundred_percent() {
    let text = ae_plan("").replace("weight = \"100%\"", "weight = \"90%\"");
    has(&problems(&text), "sum to 90 %, not 100 %");
}

#[test]
fn a_threshold_above_the_first_tier_is_refused() {
    let text = ae_plan("").replace("threshold = \"50%\"", "threshold = \"120%\"");
    has(&problems(&text), "threshold 120 % is above the first tier (0 % to 100 %)");
}

#[test]
fn a_lower_rate_must_be_declared_a_decelerator() {
    let text = ae_plan("").replace("multiplier = \"3\"", "multiplier = \"0.5\"");
    has(&problems(&text), "tier 3 pays less than tier 2; if that is meant, mark it decelerator = true");
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = ae_plan("")
        .replace("weight = \"100%\"", "weight = \"90%\"")
        .replace("measure = \"bookings\"", "measure = \"bookings\"\ncap = \"10%\"")
        .replace("currency = \"USD\"", "currency = \"XXX\"");
    let found = problems(&text);
    has(&found, "currency");
    has(&found, "cap 10 % is below threshold 50 %");
    has(&found, "sum to 90 %");
}

#[test]
fn overlapping_versions_and_assignments_are_refused() {
    let text = format!(
        "{}\n{}",
        ae_plan(""),
        r#"
[[assignment]]
person = 1
plan = "ae"
from = 2026-01-01
until = 2026-03-01

[[assignment]]
person = 1
plan = "nope"
from = 2026-02-01
"#
    );
    let found = problems(&text);
    has(&found, "no plan has this id");
    has(&found, "overlap; end the first before the second starts");
    let twice = format!(
        "{}\n{}",
        ae_plan(""),
        ae_plan("")
            .replace("currency = \"USD\"\nrounding = \"half_away_from_zero\"", "")
            .replace("id = \"ae\"", "id = \"ae\"\nversion = 2")
    );
    has(&problems(&twice), "versions 1 and 2 are both in force");
}

#[test]
fn unreadable_numbers_name_their_place() {
    let text = ae_plan("").replace("\"10000.00\"", "\"10,000\"");
    has(&problems(&text), "plan ae v1: ");
}

#[test]
fn books_joined_over_a_year_keep_unchanged_plans_whole() {
    use crate::common::{book, day, payee};
    use sutton_comp::plan_changes;
    use sutton_domain::SalesRole;
    let first = book(&ae_plan(""));
    // The second book changes the threshold from 1 July; a manager plan is the same in both.
    let second = book(&ae_plan("").replace("threshold = \"50%\"", "threshold = \"60%\""));
    let year = (day(2026, 1, 1), day(2027, 1, 1));
    let joined = PlanBook::combine(&[(year.0, day(2026, 7, 1), &first), (day(2026, 7, 1), year.1, &second)])
        .expect("same currency and rule");
    assert_eq!(joined.plans.len(), 2, "the AE plan changed, so two pieces");
    assert_eq!(joined.plans[0].effective_until, Some(day(2026, 7, 1)));
    assert_eq!(joined.plans[1].effective_from, day(2026, 7, 1));
    let ae = payee(1, SalesRole::AccountExecutive);
    assert_eq!(plan_changes(&joined, &ae, year.0, year.1), 1);
    // The same book on both sides is one plan: nobody's plan changed.
    let same =
        PlanBook::combine(&[(year.0, day(2026, 7, 1), &first), (day(2026, 7, 1), year.1, &first)]).expect("joins");
    assert_eq!(same.plans.len(), 1);
    assert_eq!((same.plans[0].effective_from, same.plans[0].effective_until), (day(2026, 1, 1), Some(year.1)));
    assert_eq!(plan_changes(&same, &ae, year.0, year.1), 0);
    let yen = book(
        &ae_plan("")
            .replace("currency = \"USD\"", "currency = \"JPY\"")
            .replace("10000.00", "10000")
            .replace("100000.00", "100000"),
    );
    let err = PlanBook::combine(&[(year.0, day(2026, 7, 1), &first), (day(2026, 7, 1), year.1, &yen)])
        .expect_err("one currency per period");
    assert!(err.problems[0].contains("one currency"), "{err}");
    assert!(PlanBook::combine(&[]).is_err());
}

#[test]
fn line_kinds_and_credit_sources_read_back_as_written() {
    use sutton_comp::{CreditSource, LineKind};
    use sutton_domain::{LeadId, Rate};
    for kind in [
        LineKind::Tier(1),
        LineKind::Tier(12),
        LineKind::BelowThreshold,
        LineKind::NoQuota,
        LineKind::Cap,
        LineKind::Gate(2),
        LineKind::DrawTopUp,
        LineKind::DrawRecovery,
    ] {
        assert_eq!(LineKind::parse(&kind.to_string()), Some(kind));
    }
    assert_eq!(LineKind::parse("tier x"), None);
    for source in [
        CreditSource::Owner,
        CreditSource::RevenueSplit(Rate::from_ppm(333_334)),
        CreditSource::Overlay(Rate::from_percent(25)),
        CreditSource::LeadSource(LeadId(77)),
    ] {
        assert_eq!(CreditSource::parse_code(&source.code()), Some(source));
    }
    assert_eq!(CreditSource::parse_code("split:1"), None);
}
