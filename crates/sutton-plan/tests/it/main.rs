//! The planning engines on small hand-made organisations (figures worked by hand), by property
//! (segments are total and monotone, workload adds up), and on the demo (stories 6 and 10).

mod callplan;
mod calls;
mod demo;
mod market;
mod properties;
mod segments;

use chrono::NaiveDate;
use sutton_domain::*;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn usd(dollars: i64) -> Money {
    Money::from_minor(dollars * 100, Currency::USD)
}

pub fn seg(name: &str) -> Segment {
    Segment::parse(name).expect("segment name")
}

pub fn place(lat: f64, lon: f64) -> Location {
    Location { coordinates: Some(LatLon::new(lat, lon).expect("coordinates")), ..Location::default() }
}

pub fn person(id: i64, role: SalesRole, channel: Channel, team: Option<i64>, manager: Option<i64>) -> Person {
    Person {
        id: PersonId(id),
        external_id: None,
        name: format!("Person {id}"),
        email: None,
        role,
        channel: Some(channel),
        team: team.map(TeamId),
        manager: manager.map(PersonId),
        home: Location::default(),
        hire_date: None,
        leave_date: None,
        weekly_capacity_minutes: Person::FULL_WEEK_MINUTES,
        placeholder: false,
    }
}

pub fn account(id: i64, owner: Option<i64>, potential_dollars: Option<i64>) -> Account {
    Account {
        id: AccountId(id),
        external_id: None,
        name: format!("Account {id}"),
        status: AccountStatus::Prospect,
        industry: None,
        employees: None,
        annual_revenue: None,
        potential: potential_dollars.map(usd),
        location: Location::default(),
        owner: owner.map(PersonId),
        parent: None,
        created_on: None,
    }
}

#[expect(clippy::too_many_arguments, reason = "one logged activity reads best as one row")]
pub fn activity(
    id: i64,
    person: i64,
    account: Option<i64>,
    kind: ActivityKind,
    mode: ContactMode,
    date: NaiveDate,
    minutes: u32,
    category: &str,
) -> Activity {
    Activity {
        id: ActivityId(id),
        external_id: None,
        person: PersonId(person),
        account: account.map(AccountId),
        contact: None,
        opportunity: None,
        kind,
        mode,
        date,
        duration_minutes: minutes,
        category: TimeCategory::parse(category).expect("category"),
        outcome: None,
        subject: None,
    }
}

#[expect(clippy::too_many_arguments, reason = "one call pattern reads best as one row")]
pub fn pattern(
    id: i64,
    segment: &str,
    role: SalesRole,
    channel: Channel,
    mode: ContactMode,
    calls: u32,
    per: PeriodKind,
    minutes: u32,
) -> CallPattern {
    CallPattern {
        id: CallPatternId(id),
        segment: seg(segment),
        role,
        channel,
        mode,
        calls,
        per,
        duration_minutes: minutes,
    }
}
