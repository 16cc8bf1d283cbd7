use chrono::NaiveDate;
use sutton_comp::{CompMeasure, CreditSource, Quantity, UNIT, credits_from};
use sutton_domain::{
    AccountId, Currency, Dataset, DealTeam, DealTeamMember, ForecastCategory, Lead, LeadId, LeadStatus, Money,
    Opportunity, OpportunityId, OpportunityStatus, OpportunityType, PersonId, Rate, SplitType,
};

use crate::common::day;

pub fn deal(id: i64, owner: i64, minor: i64, team: Vec<(i64, SplitType, i64)>) -> Opportunity {
    Opportunity {
        id: OpportunityId(id),
        external_id: None,
        name: format!("Deal {id}"),
        account: AccountId(1),
        owner: PersonId(owner),
        kind: OpportunityType::NewBusiness,
        stage: "Closed Won".to_owned(),
        status: OpportunityStatus::Won,
        probability: Rate::ONE,
        forecast_category: ForecastCategory::Closed,
        source: None,
        lead: None,
        created_on: day(2026, 1, 5),
        close_date: day(2026, 2, 5),
        amount: Money::from_minor(minor, Currency::USD),
        discount: Rate::ZERO,
        margin: Some(Rate::from_percent(40)),
        lines: Vec::new(),
        team: DealTeam::new(
            team.into_iter()
                .map(|(p, t, ppm)| DealTeamMember {
                    person: PersonId(p),
                    role: "seller".to_owned(),
                    split_type: t,
                    split: Rate::from_ppm(ppm),
                })
                .collect(),
        )
        .unwrap(),
    }
}

pub fn q1_credits(data: &Dataset) -> Vec<sutton_comp::Credit> {
    let (credits, skipped) = credits_from(data, day(2026, 1, 1), day(2026, 4, 1));
    assert!(skipped.is_empty(), "{skipped:?}");
    credits
}

#[test]
fn revenue_splits_share_the_deal_and_overlays_come_on_top() {
    let data = Dataset {
        opportunities: vec![deal(
            1,
            1,
            100_001,
            vec![(1, SplitType::Revenue, 333_334), (2, SplitType::Revenue, 666_666), (3, SplitType::Overlay, 500_000)],
        )],
        ..Dataset::default()
    };
    let credits = q1_credits(&data);
    let bookings: Vec<_> = credits.iter().filter(|c| c.measure == CompMeasure::Bookings).collect();
    let revenue: i64 = bookings.iter().filter(|c| !c.source.is_overlay()).map(|c| c.quantity.raw()).sum();
    assert_eq!(revenue, 100_001);
    let overlay = bookings.iter().find(|c| c.source.is_overlay()).unwrap();
    assert_eq!(overlay.payee, PersonId(3));
    assert_eq!(overlay.quantity, Quantity::Money(Money::from_minor(50_001, Currency::USD)));
    assert!(bookings.iter().all(|c| c.deal == OpportunityId(1)));
    // A new logo is shared the same way: one logo between the revenue splits.
    let logos: i64 = credits
        .iter()
        .filter(|c| c.measure == CompMeasure::NewLogos && !c.source.is_overlay())
        .map(|c| c.quantity.raw())
        .sum();
    assert_eq!(logos, UNIT);
    // Gross profit is 40 % of the amount, split too.
    let gp: i64 = credits
        .iter()
        .filter(|c| c.measure == CompMeasure::GrossProfit && !c.source.is_overlay())
        .map(|c| c.quantity.raw())
        .sum();
    assert_eq!(gp, 40_000);
}

#[test]
fn the_owner_takes_everything_when_nobody_shares() {
    let data = Dataset { opportunities: vec![deal(1, 4, 5_000, vec![])], ..Dataset::default() };
    let credits = q1_credits(&data);
    let b = credits.iter().find(|c| c.measure == CompMeasure::Bookings).unwrap();
    assert_eq!((b.payee, b.source), (PersonId(4), CreditSource::Owner));
}

#[test]
fn a_lead_that_became_an_opportunity_credits_the_lead_owner() {
    let mut o = deal(1, 1, 5_000, vec![]);
    o.status = OpportunityStatus::Open;
    o.forecast_category = ForecastCategory::Pipeline;
    o.lead = Some(LeadId(9));
    let lead = Lead {
        id: LeadId(9),
        external_id: None,
        name: "Inbound".to_owned(),
        company: None,
        email: None,
        source: Some("web".to_owned()),
        status: LeadStatus::Converted,
        owner: Some(PersonId(7)),
        created_on: day(2026, 1, 2),
        converted_on: Some(day(2026, 1, 5)),
        converted_account: None,
        converted_opportunity: Some(OpportunityId(1)),
    };
    let data = Dataset { opportunities: vec![o], leads: vec![lead], ..Dataset::default() };
    let credits = q1_credits(&data);
    assert_eq!(credits.len(), 1);
    assert_eq!(credits[0].payee, PersonId(7));
    assert_eq!(credits[0].source, CreditSource::LeadSource(LeadId(9)));
    assert_eq!(credits[0].date, day(2026, 1, 5));
}

#[test]
fn a_deal_won_then_lost_carries_its_cancellation() {
    use sutton_domain::{OpportunityChange, OpportunityChangeId};
    let mut o = deal(1, 1, 5_000, vec![]);
    o.status = OpportunityStatus::Lost;
    o.forecast_category = ForecastCategory::Omitted;
    o.close_date = day(2026, 3, 1);
    let change = |id, on: NaiveDate, status| OpportunityChange {
        id: OpportunityChangeId(id),
        opportunity: OpportunityId(1),
        changed_at: on.and_hms_opt(9, 0, 0).unwrap(),
        changed_by: None,
        stage: "x".to_owned(),
        status,
        probability: Rate::ZERO,
        forecast_category: ForecastCategory::Closed,
        amount: Money::from_minor(5_000, Currency::USD),
        close_date: if status == OpportunityStatus::Won { day(2026, 2, 5) } else { on },
    };
    let data = Dataset {
        opportunities: vec![o],
        opportunity_changes: vec![
            change(1, day(2026, 2, 5), OpportunityStatus::Won),
            change(2, day(2026, 3, 1), OpportunityStatus::Lost),
        ],
        ..Dataset::default()
    };
    let credits = q1_credits(&data);
    let b = credits.iter().find(|c| c.measure == CompMeasure::Bookings).unwrap();
    assert_eq!(b.date, day(2026, 2, 5));
    assert_eq!(b.cancelled_on, Some(day(2026, 3, 1)));
}
