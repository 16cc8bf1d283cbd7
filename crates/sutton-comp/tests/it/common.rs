use std::collections::BTreeMap;

use chrono::NaiveDate;
use sutton_comp::{CompMeasure, Credit, CreditSource, Payee, PlanBook, Quantity, Run, RunInput, run};
use sutton_domain::{Currency, Money, OpportunityId, Period, PersonId, SalesRole, TeamId};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// FY2026 Q1 on a January calendar: 1 January to 31 March 2026, 90 days.
pub fn q1() -> (Period, NaiveDate, NaiveDate) {
    (Period::quarter(2026, 1).unwrap(), day(2026, 1, 1), day(2026, 4, 1))
}

pub fn book(text: &str) -> PlanBook {
    PlanBook::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn payee(id: i64, role: SalesRole) -> Payee {
    Payee {
        person: PersonId(id),
        name: format!("Person {id}"),
        role,
        team: Some(TeamId(1)),
        active_from: None,
        active_until: None,
    }
}

pub fn booking(payee: i64, deal: i64, on: NaiveDate, minor: i64, currency: Currency) -> Credit {
    Credit {
        payee: PersonId(payee),
        team: Some(TeamId(1)),
        measure: CompMeasure::Bookings,
        date: on,
        quantity: Quantity::Money(Money::from_minor(minor, currency)),
        deal: OpportunityId(deal),
        deal_name: format!("Deal {deal}"),
        source: CreditSource::Owner,
        cancelled_on: None,
    }
}

pub fn pay(book: &PlanBook, payees: &[Payee], credits: &[Credit]) -> Run {
    pay_with(book, payees, credits, &BTreeMap::new())
}

pub fn pay_with(book: &PlanBook, payees: &[Payee], credits: &[Credit], balances: &BTreeMap<PersonId, Money>) -> Run {
    let (period, start, end) = q1();
    run(&RunInput {
        book,
        period,
        start,
        end,
        payees,
        credits: &std::sync::Arc::new(credits.to_vec().into()),
        quotas: &[],
        draw_balances: balances,
        year: (day(2026, 1, 1), day(2027, 1, 1)),
    })
    .unwrap()
}

/// One AE plan: $10,000 target incentive on a $100,000 bookings quota, 50 % threshold,
/// 1× to 100 %, 2× to 150 %, 3× beyond; `extra` is added to the component.
pub fn ae_plan(extra: &str) -> String {
    format!(
        r#"
currency = "USD"
rounding = "half_away_from_zero"

[[plan]]
id = "ae"
name = "Account executive"
effective_from = 2026-01-01
roles = ["account_executive"]
target_incentive = "10000.00"
clawback_days = 90

[[plan.component]]
name = "Bookings"
measure = "bookings"
weight = "100%"
quota = "100000.00"
basis = "target_incentive"
threshold = "50%"
{extra}
tiers = [
  {{ from = "0%", to = "100%", multiplier = "1" }},
  {{ from = "100%", to = "150%", multiplier = "2" }},
  {{ from = "150%", multiplier = "3" }},
]
"#
    )
}

pub fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}
