//! The rules of single records, the closed sets of values, deal teams and derived amounts.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use proptest::prelude::*;
use sutton_domain::{
    AccessRole, AccountId, AccountStatus, Activity, ActivityId, ActivityKind, AlignmentStatus, BuyingRole, CallPattern,
    CallPatternId, Channel, Contact, ContactId, ContactMode, Currency, DealTeam, DomainError, ForecastCategory,
    GeoEdge, GeoUnitId, GeoUnitKind, LatLon, LeadStatus, Location, Measure, Money, OpportunityStatus, OpportunityType,
    Period, PeriodKind, PersonId, ProposalStatus, Quota, QuotaId, QuotaOwner, QuotaTarget, Rate, RenewalStatus,
    SalesRole, Segment, SplitType, Stage, StageId, TeamId, TerritoryLevel, TimeCategory,
};

use crate::fixtures::{account, contract, lead, line, member, opportunity, person, usd};
use crate::{assert_mentions, d};

// ---------------------------------------------------------------------------------------------
// Choices

#[test]
fn an_unknown_choice_is_refused_listing_the_allowed_values() {
    let err = AccountStatus::parse("maybe").unwrap_err();
    assert!(
        matches!(&err, DomainError::InvalidChoice { field: "account status", value, .. } if value == "maybe"),
        "{err:?}"
    );
    assert_mentions(&err.to_string(), &["account status", "\"maybe\"", "prospect", "customer", "former"]);

    let err = "Closed Maybe".parse::<ForecastCategory>().unwrap_err();
    assert_mentions(&err.to_string(), &["forecast category", "\"Closed Maybe\"", "pipeline", "best_case", "commit"]);
    let err = SalesRole::parse("").unwrap_err();
    assert_mentions(&err.to_string(), &["role", "account_executive"]);
}

#[test]
fn choices_are_read_leniently_from_crm_spellings() {
    assert_eq!(OpportunityType::parse("New Business").unwrap(), OpportunityType::NewBusiness);
    assert_eq!(OpportunityType::parse("Existing Business").unwrap(), OpportunityType::Expansion);
    assert_eq!(ForecastCategory::parse("closed-won").unwrap(), ForecastCategory::Closed);
    assert_eq!(ForecastCategory::parse("Best Case").unwrap(), ForecastCategory::BestCase);
    assert_eq!(OpportunityStatus::parse("Closed Won").unwrap(), OpportunityStatus::Won);
    assert_eq!(OpportunityStatus::parse("closed / lost").unwrap(), OpportunityStatus::Lost);
    assert_eq!(SalesRole::parse("SDR").unwrap(), SalesRole::LeadGeneration);
    assert_eq!(SalesRole::parse("Account Executive").unwrap(), SalesRole::AccountExecutive);
    assert_eq!(SalesRole::parse("  customer-success ").unwrap(), SalesRole::CustomerSuccess);
    assert_eq!(LeadStatus::parse("Unqualified").unwrap(), LeadStatus::Disqualified);
    assert_eq!(AccountStatus::parse("Former Customer").unwrap(), AccountStatus::Former);
    assert_eq!(BuyingRole::parse("Decision Maker").unwrap(), BuyingRole::DecisionMaker);
    assert_eq!(ContactMode::parse("Face-to-face").unwrap(), ContactMode::FaceToFace);
    assert_eq!(GeoUnitKind::parse("ZIP Code").unwrap(), GeoUnitKind::PostalCode);
    assert_eq!(Measure::parse("Pipeline Created").unwrap(), Measure::OpportunitiesCreated);
    assert_eq!(RenewalStatus::parse("Churned").unwrap(), RenewalStatus::Lost);
}

/// Every value's stored spelling parses back to it, also in other case and with spaces.
fn round_trips<T>(all: &[T])
where
    T: Copy + PartialEq + Debug + Display + FromStr<Err = DomainError>,
{
    assert!(!all.is_empty());
    for &value in all {
        let text = value.to_string();
        assert!(
            text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{value:?} is stored as {text:?}, not snake_case"
        );
        assert_eq!(text.parse::<T>().unwrap(), value);
        assert_eq!(text.to_uppercase().replace('_', " ").parse::<T>().unwrap(), value);
        assert_eq!(text.replace('_', "-").parse::<T>().unwrap(), value);
    }
    let mut texts: Vec<String> = all.iter().map(ToString::to_string).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), all.len(), "two values share a spelling");
}

#[test]
fn every_choice_round_trips_through_its_text() {
    round_trips(AccountStatus::ALL);
    round_trips(BuyingRole::ALL);
    round_trips(ForecastCategory::ALL);
    round_trips(OpportunityType::ALL);
    round_trips(OpportunityStatus::ALL);
    round_trips(SplitType::ALL);
    round_trips(LeadStatus::ALL);
    round_trips(ActivityKind::ALL);
    round_trips(ContactMode::ALL);
    round_trips(RenewalStatus::ALL);
    round_trips(ProposalStatus::ALL);
    round_trips(SalesRole::ALL);
    round_trips(Channel::ALL);
    round_trips(Measure::ALL);
    round_trips(TerritoryLevel::ALL);
    round_trips(AlignmentStatus::ALL);
    round_trips(AccessRole::ALL);
    round_trips(GeoUnitKind::ALL);
}

#[test]
fn time_categories_are_direct_selling_or_a_named_non_selling_category() {
    assert_eq!(TimeCategory::parse("Direct Selling").unwrap(), TimeCategory::DirectSelling);
    assert!(TimeCategory::parse("selling").unwrap().is_direct_selling());
    let travel = TimeCategory::parse("Internal Meeting").unwrap();
    assert_eq!(travel, TimeCategory::NonSelling("internal_meeting".to_owned()));
    assert!(!travel.is_direct_selling());
    assert_eq!(TimeCategory::parse(" ").unwrap_err(), DomainError::Empty { field: "time category" });
    let err = TimeCategory::parse(&"x".repeat(65)).unwrap_err();
    assert_eq!(err, DomainError::TooLong { field: "time category", len: 65, max: 64 });
}

// ---------------------------------------------------------------------------------------------
// Deal teams

#[test]
fn revenue_splits_must_sum_to_exactly_100_percent() {
    let err = DealTeam::new(vec![member(1, SplitType::Revenue, 600_000), member(2, SplitType::Revenue, 300_000)])
        .unwrap_err();
    assert_eq!(err, DomainError::SplitsDoNotSum { total: "90 %".to_owned() });
    assert_mentions(&err.to_string(), &["90 %", "exactly 100 %"]);

    let err = DealTeam::new(vec![member(1, SplitType::Revenue, 600_000), member(2, SplitType::Revenue, 500_000)])
        .unwrap_err();
    assert_eq!(err, DomainError::SplitsDoNotSum { total: "110 %".to_owned() });
    assert_mentions(&err.to_string(), &["110 %", "exactly 100 %"]);

    // Three-way splits a spreadsheet shows as 33.33 % each are 0.01 % short.
    let err = DealTeam::new(vec![
        member(1, SplitType::Revenue, 333_300),
        member(2, SplitType::Revenue, 333_300),
        member(3, SplitType::Revenue, 333_300),
    ])
    .unwrap_err();
    assert_mentions(&err.to_string(), &["99.99 %"]);
}

#[test]
fn a_single_split_over_100_percent_is_refused_by_its_range() {
    let err = DealTeam::new(vec![member(1, SplitType::Revenue, 1_200_000)]).unwrap_err();
    assert!(matches!(err, DomainError::RateOutOfRange { field: "revenue split", .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["revenue split", "120 %", "between 0 % and 100 %"]);
    let err =
        DealTeam::new(vec![member(1, SplitType::Revenue, 1_000_000), member(2, SplitType::Overlay, -1)]).unwrap_err();
    assert_mentions(&err.to_string(), &["overlay split", "-0.0001 %"]);
}

#[test]
fn a_person_appears_once_per_split_type() {
    let err = DealTeam::new(vec![member(7, SplitType::Revenue, 500_000), member(7, SplitType::Revenue, 500_000)])
        .unwrap_err();
    assert_eq!(err, DomainError::DuplicateTeamMember { person: 7 });
    assert_mentions(&err.to_string(), &["person 7", "twice", "split type"]);
    // A revenue split and an overlay for the same person is two different credits.
    let team = DealTeam::new(vec![member(7, SplitType::Revenue, 1_000_000), member(7, SplitType::Overlay, 500_000)]);
    assert!(team.is_ok(), "{team:?}");
}

#[test]
fn a_team_of_overlays_only_has_nobody_to_book_the_revenue() {
    let err = DealTeam::new(vec![member(1, SplitType::Overlay, 1_000_000), member(2, SplitType::Overlay, 500_000)])
        .unwrap_err();
    assert_eq!(err, DomainError::NoRevenueSplit);
    assert_mentions(&err.to_string(), &["at least one revenue split", "100 %"]);
}

#[test]
fn revenue_credit_follows_the_splits_and_ignores_overlays() {
    let team = DealTeam::new(vec![
        member(1, SplitType::Revenue, 333_333),
        member(2, SplitType::Overlay, 2_000_000),
        member(3, SplitType::Revenue, 333_333),
        member(4, SplitType::Revenue, 333_334),
    ])
    .unwrap();
    assert_eq!(team.members().len(), 4);
    // $100.00: 3333.33, 3333.33 and 3333.34 cents; the one leftover cent goes to the largest
    // remainder (.34), so the parts still add up to $100.00.
    let credit = team.revenue_credit(usd(10_000)).unwrap();
    assert_eq!(credit, [(PersonId(1), usd(3_333)), (PersonId(3), usd(3_333)), (PersonId(4), usd(3_334))]);
    // A 60/40 split of ¥1,000,001: 600000.6 and 400000.4 → the odd yen goes to the 60 % rep.
    let team =
        DealTeam::new(vec![member(5, SplitType::Revenue, 600_000), member(6, SplitType::Revenue, 400_000)]).unwrap();
    let yen = Money::from_minor(1_000_001, Currency::JPY);
    let credit = team.revenue_credit(yen).unwrap();
    let jpy = |m| Money::from_minor(m, Currency::JPY);
    assert_eq!(credit, [(PersonId(5), jpy(600_001)), (PersonId(6), jpy(400_000))]);
    assert!(DealTeam::new(Vec::new()).unwrap().is_empty());
}

/// 1–6 revenue splits that sum to exactly 1,000,000 ppm (cut points in [0, 10^6]), plus overlays.
fn valid_team() -> impl Strategy<Value = DealTeam> {
    (prop::collection::vec(0_i64..=1_000_000, 0..6), prop::collection::vec(0_i64..=10_000_000, 0..3)).prop_map(
        |(mut cuts, overlays)| {
            cuts.push(0);
            cuts.push(1_000_000);
            cuts.sort_unstable();
            let mut members: Vec<_> = cuts
                .windows(2)
                .enumerate()
                .map(|(i, w)| member(i as i64 + 1, SplitType::Revenue, w[1] - w[0]))
                .collect();
            members
                .extend(overlays.iter().enumerate().map(|(i, &ppm)| member(100 + i as i64, SplitType::Overlay, ppm)));
            DealTeam::new(members).expect("splits sum to 100 %")
        },
    )
}

proptest! {
    #[test]
    fn revenue_credit_shares_add_up_to_the_deal_amount(team in valid_team(), minor in -1_000_000_000_000_i64..1_000_000_000_000) {
        let amount = Money::from_minor(minor, Currency::USD);
        let credit = team.revenue_credit(amount).unwrap();
        let revenue: Vec<_> = team.members().iter().filter(|m| m.split_type == SplitType::Revenue).collect();
        prop_assert_eq!(credit.len(), revenue.len());
        let total = Money::sum(Currency::USD, credit.iter().map(|(_, m)| *m)).unwrap();
        prop_assert_eq!(total, amount);
        for ((person, share), m) in credit.iter().zip(&revenue) {
            prop_assert_eq!(*person, m.person);
            // Within one cent of amount × split.
            let error = i128::from(share.minor()) * 1_000_000 - i128::from(minor) * i128::from(m.split.ppm());
            prop_assert!(error.abs() < 1_000_000);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Opportunities and their lines

#[test]
fn a_valid_opportunity_passes() {
    let mut o = opportunity(1, 10, 2);
    assert_eq!(o.validate(), Ok(()));
    o.status = OpportunityStatus::Won;
    o.forecast_category = ForecastCategory::Closed;
    assert_eq!(o.validate(), Ok(()));
    o.status = OpportunityStatus::Lost;
    o.forecast_category = ForecastCategory::Omitted;
    assert_eq!(o.validate(), Ok(()));
    // Created and closed the same day.
    o.close_date = o.created_on;
    assert_eq!(o.validate(), Ok(()));
}

#[test]
fn a_close_date_before_the_creation_date_is_refused_naming_both() {
    let mut o = opportunity(1, 10, 2);
    o.close_date = d(2026, 1, 9);
    let err = o.validate().unwrap_err();
    assert_eq!(err, DomainError::CloseBeforeCreated { created: d(2026, 1, 10), close: d(2026, 1, 9) });
    assert_mentions(&err.to_string(), &["close date 2026-01-09", "creation date 2026-01-10"]);
}

#[test]
fn status_and_forecast_category_must_agree() {
    for (status, category) in [
        (OpportunityStatus::Won, ForecastCategory::Pipeline),
        (OpportunityStatus::Won, ForecastCategory::Commit),
        (OpportunityStatus::Lost, ForecastCategory::Closed),
        (OpportunityStatus::Open, ForecastCategory::Closed),
        (OpportunityStatus::Open, ForecastCategory::Omitted),
    ] {
        let mut o = opportunity(1, 10, 2);
        o.status = status;
        o.forecast_category = category;
        let err = o.validate().unwrap_err();
        assert!(matches!(err, DomainError::Inconsistent { what: "forecast category", .. }), "{err:?}");
        assert_mentions(&err.to_string(), &["forecast category", status.as_str(), category.as_str()]);
    }
    let mut o = opportunity(1, 10, 2);
    o.status = OpportunityStatus::Won;
    assert_eq!(
        o.validate().unwrap_err().to_string(),
        "forecast category: a won opportunity cannot be in forecast category pipeline"
    );
}

#[test]
fn opportunity_amounts_and_rates_are_checked() {
    let mut o = opportunity(1, 10, 2);
    o.amount = usd(-1);
    let err = o.validate().unwrap_err();
    assert_eq!(err, DomainError::Negative { field: "amount", value: "USD -0.01".to_owned() });
    assert_mentions(&err.to_string(), &["amount", "negative", "USD -0.01"]);

    let mut o = opportunity(1, 10, 2);
    o.probability = Rate::from_percent(120);
    assert_mentions(&o.validate().unwrap_err().to_string(), &["probability", "120 %"]);

    let mut o = opportunity(1, 10, 2);
    o.discount = Rate::from_percent(-5);
    assert_mentions(&o.validate().unwrap_err().to_string(), &["discount", "-5 %"]);

    let mut o = opportunity(1, 10, 2);
    o.name = "  ".to_owned();
    assert_eq!(o.validate().unwrap_err(), DomainError::Empty { field: "opportunity name" });

    let mut o = opportunity(1, 10, 2);
    let eur = |m| Money::from_minor(m, Currency::EUR);
    o.lines = vec![line(1, 1, eur(100), Rate::ZERO, eur(50))];
    let err = o.validate().unwrap_err();
    assert_eq!(err, DomainError::CurrencyMismatch { left: "USD".to_owned(), right: "EUR".to_owned() });
}

#[test]
fn a_line_nets_its_discount_once_and_costs_quantity_times_unit_cost() {
    // 3 × $1,250.00 = $3,750.00; less 15 % = $3,187.50; cost 3 × $400.00 = $1,200.00.
    let l = line(1, 3, usd(125_000), Rate::from_percent(15), usd(40_000));
    assert_eq!(l.validate(), Ok(()));
    assert_eq!(l.list_amount().unwrap(), usd(375_000));
    assert_eq!(l.net_amount().unwrap(), usd(318_750));
    assert_eq!(l.cost().unwrap(), usd(120_000));
    // 7 × $19.99 = $139.93; less 12.5 % = $122.43875 → $122.44 (rounded once, on the total).
    let l = line(2, 7, usd(1_999), Rate::from_ppm(125_000), usd(825));
    assert_eq!(l.net_amount().unwrap(), usd(12_244));
    assert_eq!(l.cost().unwrap(), usd(5_775));
    // $0.99 at half price is 49.5 cents → 50 cents (half away from zero).
    assert_eq!(line(3, 1, usd(99), Rate::from_percent(50), usd(10)).net_amount().unwrap(), usd(50));
    // Given away.
    assert_eq!(line(4, 2, usd(99), Rate::ONE, usd(10)).net_amount().unwrap(), usd(0));
    // Too many units to count.
    assert_eq!(line(5, i64::MAX, usd(2), Rate::ZERO, usd(1)).list_amount().unwrap_err(), DomainError::AmountOverflow);
}

#[test]
fn a_line_needs_a_positive_quantity_a_sane_discount_and_one_currency() {
    for quantity in [0, -2] {
        let err = line(1, quantity, usd(100), Rate::ZERO, usd(50)).validate().unwrap_err();
        assert_mentions(&err.to_string(), &["quantity", &quantity.to_string(), "positive"]);
    }
    let err = line(1, 1, usd(100), Rate::from_percent(120), usd(50)).validate().unwrap_err();
    assert!(matches!(err, DomainError::RateOutOfRange { field: "line discount", .. }), "{err:?}");
    let err = line(1, 1, usd(100), Rate::ZERO, Money::from_minor(50, Currency::NOK)).validate().unwrap_err();
    assert_eq!(err, DomainError::CurrencyMismatch { left: "USD".to_owned(), right: "NOK".to_owned() });
}

#[test]
fn gross_profit_and_weighted_amount_round_once() {
    let mut o = opportunity(1, 10, 2);
    o.amount = usd(318_750);
    assert_eq!(o.gross_profit().unwrap(), None, "no margin known");
    // $3,187.50 × 62.35 % = $1,987.40625 → $1,987.41.
    o.margin = Some(Rate::from_ppm(623_500));
    assert_eq!(o.gross_profit().unwrap(), Some(usd(198_741)));
    // A loss-making deal: × −12.5 % = −$398.4375 → −$398.44.
    o.margin = Some(Rate::from_ppm(-125_000));
    assert_eq!(o.gross_profit().unwrap(), Some(usd(-39_844)));
    // × 35 % = $1,115.625 → $1,115.63 (an exact half cent rounds away from zero).
    o.probability = Rate::from_percent(35);
    assert_eq!(o.weighted_amount().unwrap(), usd(111_563));
    o.probability = Rate::ZERO;
    assert_eq!(o.weighted_amount().unwrap(), usd(0));
    o.probability = Rate::ONE;
    assert_eq!(o.weighted_amount().unwrap(), o.amount);
    assert_eq!(o.currency(), Currency::USD);
    assert!(o.is_open());
}

// ---------------------------------------------------------------------------------------------
// Other records

#[test]
fn a_contract_cannot_end_before_it_starts() {
    let mut c = contract(1, 10);
    assert_eq!(c.validate(), Ok(()));
    c.end = c.start; // a one-day contract: the end is the last day covered
    assert_eq!(c.validate(), Ok(()));
    c.end = d(2025, 12, 31);
    let err = c.validate().unwrap_err();
    assert_eq!(err, DomainError::EndBeforeStart { what: "contract", start: d(2026, 1, 1), end: d(2025, 12, 31) });
    assert_mentions(&err.to_string(), &["contract", "end 2025-12-31", "start 2026-01-01"]);
    let mut c = contract(1, 10);
    c.annual_value = usd(-100);
    assert!(matches!(c.validate().unwrap_err(), DomainError::Negative { field: "annual value", .. }));
}

#[test]
fn a_converted_lead_needs_its_conversion_date() {
    let mut l = lead(1);
    assert_eq!(l.validate(), Ok(()));
    l.status = LeadStatus::Converted;
    let err = l.validate().unwrap_err();
    assert!(matches!(err, DomainError::Inconsistent { what: "lead conversion", .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["lead conversion", "converted lead", "date"]);

    l.converted_on = Some(d(2026, 3, 1));
    assert_eq!(l.validate(), Ok(()));

    l.converted_on = Some(d(2026, 2, 4));
    let err = l.validate().unwrap_err();
    assert!(matches!(err, DomainError::EndBeforeStart { .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["2026-02-04", "2026-02-05"]);

    // Only a converted lead has a conversion date.
    let mut l = lead(1);
    l.status = LeadStatus::Working;
    l.converted_on = Some(d(2026, 3, 1));
    assert_mentions(&l.validate().unwrap_err().to_string(), &["working lead", "conversion date"]);
}

fn quota(measure: Measure, target: QuotaTarget) -> Quota {
    Quota {
        id: QuotaId(1),
        owner: QuotaOwner::Person(PersonId(2)),
        period: Period::quarter(2026, 1).unwrap(),
        measure,
        target,
    }
}

#[test]
fn a_quota_target_must_match_its_measure() {
    let err = quota(Measure::Bookings, QuotaTarget::Count(10)).validate().unwrap_err();
    assert!(matches!(err, DomainError::Inconsistent { what: "quota", .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["bookings", "money", "amount with a currency"]);

    let err = quota(Measure::Calls, QuotaTarget::Money(usd(100))).validate().unwrap_err();
    assert!(matches!(err, DomainError::Inconsistent { what: "quota", .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["calls", "count", "whole number"]);

    assert_eq!(quota(Measure::GrossProfit, QuotaTarget::Money(usd(100))).validate(), Ok(()));
    assert_eq!(quota(Measure::NewLogos, QuotaTarget::Count(12)).validate(), Ok(()));
    let mut team_quota = quota(Measure::Renewals, QuotaTarget::Money(usd(0)));
    team_quota.owner = QuotaOwner::Team(TeamId(1));
    assert_eq!(team_quota.validate(), Ok(()));

    let err = quota(Measure::Bookings, QuotaTarget::Money(usd(-1))).validate().unwrap_err();
    assert!(matches!(err, DomainError::Negative { field: "quota", .. }));
    let err = quota(Measure::DealsClosed, QuotaTarget::Count(-1)).validate().unwrap_err();
    assert!(matches!(err, DomainError::Negative { field: "quota", .. }));
}

#[test]
fn a_contact_with_a_malformed_email_is_refused_with_an_example() {
    let contact = |email: &str| Contact {
        id: ContactId(1),
        external_id: None,
        account: Some(AccountId(10)),
        name: "Ola Nordmann".to_owned(),
        title: Some("CFO".to_owned()),
        email: Some(email.to_owned()),
        phone: None,
        buying_role: Some(BuyingRole::EconomicBuyer),
        engaged: true,
    };
    for email in ["ola.nordmann@example.com", " ola@example.no ", "o+crm@mail.example.co.uk"] {
        assert_eq!(contact(email).validate(), Ok(()), "{email:?}");
    }
    for email in ["ola at example.com", "ola@", "@example.com", "ola@example", "ola nordmann@example.com", "a@b@c.com"]
    {
        let err = contact(email).validate().unwrap_err();
        assert!(matches!(&err, DomainError::InvalidChoice { field: "email", value, .. } if value == email), "{err:?}");
        assert_mentions(&err.to_string(), &["email", &format!("{email:?}"), "name@example.com"]);
    }
    assert_eq!(contact("").validate().unwrap_err(), DomainError::Empty { field: "email" });
    let mut no_email = contact("x");
    no_email.email = None;
    assert_eq!(no_email.validate(), Ok(()));
}

#[test]
fn a_person_is_active_from_the_hire_date_until_the_leave_date() {
    let mut p = person(1, "Ada Lovelace", SalesRole::AccountExecutive);
    p.hire_date = Some(d(2025, 3, 1));
    p.leave_date = Some(d(2026, 1, 31));
    assert!(!p.is_active_on(d(2025, 2, 28)), "the day before the hire date");
    assert!(p.is_active_on(d(2025, 3, 1)), "the hire date");
    assert!(p.is_active_on(d(2026, 1, 30)), "the day before leaving");
    assert!(!p.is_active_on(d(2026, 1, 31)), "the leave date: gone");
    assert!(!p.is_active_on(d(2027, 1, 1)));
    p.leave_date = None;
    assert!(p.is_active_on(d(2099, 12, 31)), "still employed");
    p.hire_date = None;
    p.leave_date = Some(d(2026, 1, 31));
    assert!(p.is_active_on(d(1990, 1, 1)), "hire date unknown");
    assert!(!p.is_active_on(d(2026, 2, 1)));
}

#[test]
fn a_person_record_is_checked() {
    let p = person(1, "Ada Lovelace", SalesRole::AccountExecutive);
    assert_eq!(p.validate(), Ok(()));

    let mut left_early = p.clone();
    left_early.leave_date = Some(d(2023, 12, 31));
    let err = left_early.validate().unwrap_err();
    assert!(matches!(err, DomainError::EndBeforeStart { .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["employment", "2023-12-31", "2024-01-15"]);

    let mut own_manager = p.clone();
    own_manager.manager = Some(PersonId(1));
    assert_mentions(&own_manager.validate().unwrap_err().to_string(), &["Ada Lovelace", "manage themselves"]);

    let mut overworked = p.clone();
    overworked.weekly_capacity_minutes = 7 * 24 * 60 + 1;
    assert_mentions(&overworked.validate().unwrap_err().to_string(), &["10081 minutes", "more than a week"]);

    let mut bad_email = p;
    bad_email.email = Some("ada".to_owned());
    assert!(matches!(bad_email.validate().unwrap_err(), DomainError::InvalidChoice { field: "email", .. }));
    assert!(SalesRole::AccountExecutive.carries_book() && !SalesRole::Manager.carries_book());
}

#[test]
fn an_account_record_is_checked() {
    let a = account(10, "Acme Corp", Some(2));
    assert_eq!(a.validate(), Ok(()));

    let mut negative = a.clone();
    negative.potential = Some(usd(-5));
    assert_eq!(
        negative.validate().unwrap_err(),
        DomainError::Negative { field: "potential", value: "USD -0.05".to_owned() }
    );
    let mut own_parent = a.clone();
    own_parent.parent = Some(AccountId(10));
    assert_mentions(&own_parent.validate().unwrap_err().to_string(), &["Acme Corp", "its own parent"]);

    let mut bad_country = a;
    bad_country.location.country = Some("U1".to_owned());
    let err = bad_country.validate().unwrap_err();
    assert!(matches!(err, DomainError::InvalidChoice { field: "country", .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["\"U1\"", "two-letter"]);
    assert_eq!(Location::parse_country(" no ").unwrap(), Some("NO".to_owned()));
    assert_eq!(Location::parse_country("").unwrap(), None);
}

#[test]
fn a_stage_probability_is_a_share() {
    let stage = |percent| Stage {
        id: StageId(1),
        name: "Negotiation".to_owned(),
        sort_order: 4,
        probability: Rate::from_percent(percent),
        forecast_category: ForecastCategory::Commit,
        status: OpportunityStatus::Open,
    };
    assert_eq!(stage(80).validate(), Ok(()));
    let err = stage(110).validate().unwrap_err();
    assert!(matches!(err, DomainError::RateOutOfRange { field: "stage probability", .. }), "{err:?}");
}

#[test]
fn an_activity_is_at_most_a_day_and_selling_time_names_whom() {
    let activity = |minutes, account: Option<i64>, category: &str| Activity {
        id: ActivityId(1),
        external_id: None,
        person: PersonId(2),
        account: account.map(AccountId),
        contact: None,
        opportunity: None,
        kind: ActivityKind::Visit,
        mode: ContactMode::FaceToFace,
        date: d(2026, 3, 3),
        duration_minutes: minutes,
        category: TimeCategory::parse(category).unwrap(),
        outcome: None,
        subject: None,
    };
    assert_eq!(activity(90, Some(10), "direct selling").validate(), Ok(()));
    assert_eq!(activity(90, None, "travel").validate(), Ok(()));
    assert_mentions(&activity(1441, Some(10), "travel").validate().unwrap_err().to_string(), &["1441 minutes", "day"]);
    assert_mentions(&activity(90, None, "direct").validate().unwrap_err().to_string(), &["account or opportunity"]);
}

#[test]
fn call_patterns_count_calls_per_year() {
    let pattern = |calls, per| CallPattern {
        id: CallPatternId(1),
        segment: Segment::parse(" A ").unwrap(),
        role: SalesRole::AccountExecutive,
        channel: Channel::Field,
        mode: ContactMode::FaceToFace,
        calls,
        per,
        duration_minutes: 60,
    };
    assert_eq!(pattern(12, PeriodKind::Month).calls_per_year(), 144);
    assert_eq!(pattern(1, PeriodKind::Quarter).calls_per_year(), 4);
    assert_eq!(pattern(6, PeriodKind::Year).calls_per_year(), 6);
    assert_eq!(pattern(1, PeriodKind::Month).segment.as_str(), "A");
    assert_mentions(&pattern(0, PeriodKind::Month).validate().unwrap_err().to_string(), &["at least one call"]);
    let mut no_time = pattern(1, PeriodKind::Month);
    no_time.duration_minutes = 0;
    assert_mentions(&no_time.validate().unwrap_err().to_string(), &["between 1 and 1440"]);
    assert_eq!(Segment::parse("").unwrap_err(), DomainError::Empty { field: "segment" });
}

// ---------------------------------------------------------------------------------------------
// Places

#[test]
fn coordinates_off_the_globe_are_refused_naming_them() {
    for (lat, lon) in [(91.0, 0.0), (-90.5, 10.0), (0.0, 180.5), (45.0, -181.0), (f64::NAN, 0.0), (0.0, f64::INFINITY)]
    {
        let err = LatLon::new(lat, lon).unwrap_err();
        assert_eq!(err, DomainError::InvalidCoordinates { lat: lat.to_string(), lon: lon.to_string() });
        assert_mentions(&err.to_string(), &[&lat.to_string(), &lon.to_string(), "off the globe", "-90..90"]);
    }
    for (lat, lon) in [(90.0, 180.0), (-90.0, -180.0), (59.9139, 10.7522)] {
        let p = LatLon::new(lat, lon).unwrap();
        assert!((p.lat() - lat).abs() < 1e-12 && (p.lon() - lon).abs() < 1e-12);
    }
}

#[test]
fn great_circle_distances_on_a_6371_km_sphere() {
    let at = |lat, lon| LatLon::new(lat, lon).unwrap();
    // One degree along a meridian: 6371 × π / 180 = 111.195 km.
    let one_degree = at(0.0, 0.0).distance_km(&at(1.0, 0.0));
    assert!((one_degree - 111.195).abs() < 0.001, "{one_degree}");
    // Half the equator: 6371 × π = 20015.09 km.
    let half = at(0.0, 0.0).distance_km(&at(0.0, 180.0));
    assert!((half - 20_015.087).abs() < 0.01, "{half}");
    // Oslo to Copenhagen, about 483 km by air.
    let oslo_cph = at(59.9139, 10.7522).distance_km(&at(55.6761, 12.5683));
    assert!((475.0..490.0).contains(&oslo_cph), "{oslo_cph}");
    assert!(at(10.0, 20.0).distance_km(&at(10.0, 20.0)).abs() < 1e-9);
}

#[test]
fn an_adjacency_is_stored_once_and_never_to_itself() {
    let e = GeoEdge::new(GeoUnitId(5), GeoUnitId(3)).unwrap();
    assert_eq!(e, GeoEdge::new(GeoUnitId(3), GeoUnitId(5)).unwrap());
    assert_eq!((e.a(), e.b()), (GeoUnitId(3), GeoUnitId(5)));
    let err = GeoEdge::new(GeoUnitId(4), GeoUnitId(4)).unwrap_err();
    assert_mentions(&err.to_string(), &["unit 4", "border itself"]);
}

#[test]
fn text_limits_count_characters_not_bytes() {
    use sutton_domain::error::{check_text, optional_text, required_text};
    // 255 two-byte characters are 510 bytes and within a 255-character limit.
    let name = "å".repeat(255);
    assert_eq!(check_text("opportunity name", &format!("  {name} "), 255), Ok(name.as_str()));
    assert_eq!(required_text("opportunity name", &name, 255), Ok(name.clone()));
    let longer = "å".repeat(256);
    let too_long = DomainError::TooLong { field: "opportunity name", len: 256, max: 255 };
    assert_eq!(check_text("opportunity name", &longer, 255), Err(too_long.clone()));
    assert_eq!(optional_text("opportunity name", &longer, 255), Err(too_long));
    assert_eq!(check_text("opportunity name", " \t", 255), Err(DomainError::Empty { field: "opportunity name" }));
    assert_eq!(optional_text("opportunity name", " \t", 255), Ok(None));
    // The record's own check says the same as the parser.
    let mut deal = opportunity(1, 1, 1);
    deal.name = longer;
    assert!(matches!(deal.validate(), Err(DomainError::TooLong { len: 256, .. })));
}
