//! The insight engines on small hand-made organisations (exact figures worked by hand), by
//! property (movement always reconciles), and on the demo (the planted stories are found, and
//! the whiplash warning comes two quarters early in a backtest).

mod demo;
mod handmade;
mod properties;
mod review;

use chrono::{NaiveDate, NaiveDateTime};
use sutton_domain::*;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn usd(dollars: i64) -> Money {
    Money::from_minor(dollars * 100, Currency::USD)
}

fn noon(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(12, 0, 0).expect("valid time")
}

/// A tiny organisation: two teams of one rep each, the standard stages, one product line.
#[derive(Debug)]
pub struct Org {
    pub data: Dataset,
}

impl Default for Org {
    fn default() -> Org {
        Org::new()
    }
}

impl Org {
    pub fn new() -> Org {
        let mut data = Dataset {
            teams: vec![
                Team { id: TeamId(1), name: "East".to_owned(), parent: None, manager: None },
                Team { id: TeamId(2), name: "West".to_owned(), parent: None, manager: None },
            ],
            ..Dataset::default()
        };
        for (id, name, team) in [(1, "Ada", 1), (2, "Bo", 2)] {
            data.people.push(Person {
                id: PersonId(id),
                external_id: None,
                name: name.to_owned(),
                email: None,
                role: SalesRole::AccountExecutive,
                channel: Some(Channel::Field),
                team: Some(TeamId(team)),
                manager: None,
                home: Location::default(),
                hire_date: None,
                leave_date: None,
                weekly_capacity_minutes: Person::FULL_WEEK_MINUTES,
                placeholder: false,
            });
        }
        for (k, (name, p, cat, status)) in [
            ("Prospecting", 10, ForecastCategory::Pipeline, OpportunityStatus::Open),
            ("Proposal", 50, ForecastCategory::BestCase, OpportunityStatus::Open),
            ("Negotiation", 80, ForecastCategory::Commit, OpportunityStatus::Open),
            ("Closed Won", 100, ForecastCategory::Closed, OpportunityStatus::Won),
            ("Closed Lost", 0, ForecastCategory::Omitted, OpportunityStatus::Lost),
        ]
        .into_iter()
        .enumerate()
        {
            data.stages.push(Stage {
                id: StageId(k as i64 + 1),
                name: name.to_owned(),
                sort_order: k as i32,
                probability: Rate::from_percent(p),
                forecast_category: cat,
                status,
            });
        }
        data.product_lines.push(ProductLine { id: ProductLineId(1), external_id: None, name: "Sensors".to_owned() });
        data.products.push(Product {
            id: ProductId(1),
            external_id: None,
            name: "S1".to_owned(),
            code: None,
            line: ProductLineId(1),
            list_price: usd(1),
            unit_cost: usd(0),
            active: true,
        });
        for (id, owner) in [(1, 1), (2, 2)] {
            data.accounts.push(Account {
                id: AccountId(id),
                external_id: None,
                name: format!("Account {id}"),
                status: AccountStatus::Customer,
                industry: None,
                employees: None,
                annual_revenue: None,
                potential: None,
                location: Location::default(),
                owner: Some(PersonId(owner)),
                parent: None,
                created_on: None,
            });
        }
        Org { data }
    }

    pub fn quota(&mut self, team: i64, period: Period, dollars: i64) {
        let id = QuotaId(self.data.quotas.len() as i64 + 1);
        self.data.quotas.push(Quota {
            id,
            owner: QuotaOwner::Team(TeamId(team)),
            period,
            measure: Measure::Bookings,
            target: QuotaTarget::Money(usd(dollars)),
        });
    }

    /// A deal owned by `owner` (at their account), with history entries
    /// `(date, stage, amount in dollars, close date)`; the last entry is its current state.
    pub fn deal(&mut self, owner: i64, created: NaiveDate, history: &[(NaiveDate, &str, i64, NaiveDate)]) -> usize {
        let id = OpportunityId(self.data.opportunities.len() as i64 + 1);
        for (at, stage, amount, close) in history {
            let s = self.stage(stage);
            self.data.opportunity_changes.push(OpportunityChange {
                id: OpportunityChangeId(self.data.opportunity_changes.len() as i64 + 1),
                opportunity: id,
                changed_at: noon(*at),
                changed_by: None,
                stage: s.name.clone(),
                status: s.status,
                probability: s.probability,
                forecast_category: s.forecast_category,
                amount: usd(*amount),
                close_date: *close,
            });
        }
        let (_, stage, amount, close) = *history.last().expect("a deal has history");
        let s = self.stage(stage);
        self.data.opportunities.push(Opportunity {
            id,
            external_id: None,
            name: format!("Deal {}", id.get()),
            account: AccountId(owner),
            owner: PersonId(owner),
            kind: OpportunityType::NewBusiness,
            stage: s.name.clone(),
            status: s.status,
            probability: s.probability,
            forecast_category: s.forecast_category,
            source: Some("Referral".to_owned()),
            lead: None,
            created_on: created,
            close_date: close,
            amount: usd(amount),
            discount: Rate::ZERO,
            margin: None,
            lines: vec![OpportunityLine {
                id: OpportunityLineId(id.get()),
                external_id: None,
                product: ProductId(1),
                quantity: amount.max(1),
                list_price: usd(1),
                discount: Rate::ZERO,
                unit_cost: usd(0),
            }],
            team: DealTeam::default(),
        });
        self.data.opportunities.len() - 1
    }

    fn stage(&self, name: &str) -> Stage {
        self.data.stages.iter().find(|s| s.name == name).cloned().expect("known stage")
    }
}
