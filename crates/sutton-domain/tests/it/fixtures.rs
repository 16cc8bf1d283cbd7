//! Small valid records to start a test from; each test changes only what it is about.

use sutton_domain::{
    Account, AccountId, AccountStatus, Contract, ContractId, Currency, DealTeam, DealTeamMember, ForecastCategory,
    Lead, LeadId, LeadStatus, Location, Money, Opportunity, OpportunityId, OpportunityLine, OpportunityLineId,
    OpportunityStatus, OpportunityType, Person, PersonId, ProductId, Rate, RenewalStatus, SalesRole, SplitType,
};

use crate::d;

pub fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}

pub fn person(id: i64, name: &str, role: SalesRole) -> Person {
    Person {
        id: PersonId(id),
        external_id: None,
        name: name.to_owned(),
        email: Some(format!("{}@example.com", name.to_lowercase().replace(' ', "."))),
        role,
        channel: None,
        team: None,
        manager: None,
        home: Location::default(),
        hire_date: Some(d(2024, 1, 15)),
        leave_date: None,
        weekly_capacity_minutes: Person::FULL_WEEK_MINUTES,
        placeholder: false,
    }
}

pub fn account(id: i64, name: &str, owner: Option<i64>) -> Account {
    Account {
        id: AccountId(id),
        external_id: None,
        name: name.to_owned(),
        status: AccountStatus::Customer,
        industry: Some("Manufacturing".to_owned()),
        employees: Some(250),
        annual_revenue: Some(usd(4_500_000_000)),
        potential: Some(usd(12_000_000)),
        location: Location { country: Some("US".to_owned()), ..Location::default() },
        owner: owner.map(PersonId),
        parent: None,
        created_on: Some(d(2024, 3, 1)),
    }
}

/// An open $50,000.00 deal in the "Prospecting" stage, created 10 January, closing 31 March 2026.
pub fn opportunity(id: i64, account: i64, owner: i64) -> Opportunity {
    Opportunity {
        id: OpportunityId(id),
        external_id: None,
        name: format!("Deal {id}"),
        account: AccountId(account),
        owner: PersonId(owner),
        kind: OpportunityType::NewBusiness,
        stage: "Prospecting".to_owned(),
        status: OpportunityStatus::Open,
        probability: Rate::from_percent(20),
        forecast_category: ForecastCategory::Pipeline,
        source: None,
        lead: None,
        created_on: d(2026, 1, 10),
        close_date: d(2026, 3, 31),
        amount: usd(5_000_000),
        discount: Rate::ZERO,
        margin: None,
        lines: Vec::new(),
        team: DealTeam::default(),
    }
}

pub fn line(product: i64, quantity: i64, list_price: Money, discount: Rate, unit_cost: Money) -> OpportunityLine {
    OpportunityLine {
        id: OpportunityLineId(product * 10),
        external_id: None,
        product: ProductId(product),
        quantity,
        list_price,
        discount,
        unit_cost,
    }
}

pub fn member(person: i64, split_type: SplitType, split_ppm: i64) -> DealTeamMember {
    DealTeamMember {
        person: PersonId(person),
        role: "Account executive".to_owned(),
        split_type,
        split: Rate::from_ppm(split_ppm),
    }
}

/// A one-year contract, 1 January to 31 December 2026.
pub fn contract(id: i64, account: i64) -> Contract {
    Contract {
        id: ContractId(id),
        external_id: None,
        account: AccountId(account),
        product_line: None,
        start: d(2026, 1, 1),
        end: d(2026, 12, 31),
        annual_value: usd(2_400_000),
        renewal_status: RenewalStatus::Pending,
        renewal_opportunity: None,
    }
}

/// An open lead created 5 February 2026.
pub fn lead(id: i64) -> Lead {
    Lead {
        id: LeadId(id),
        external_id: None,
        name: "Kari Nordmann".to_owned(),
        company: Some("Nordic Pumps AS".to_owned()),
        email: Some("kari@nordicpumps.no".to_owned()),
        source: Some("Web".to_owned()),
        status: LeadStatus::Open,
        owner: None,
        created_on: d(2026, 2, 5),
        converted_on: None,
        converted_account: None,
        converted_opportunity: None,
    }
}
