//! Compensation runs: load the organisation's snapshot, credit the period's deals and leads,
//! and hand them with the plan book to the pure engine in `sutton-comp`.

use std::collections::BTreeMap;

pub use sutton_comp::*;

use sutton_domain::Period;

use crate::{App, AppError};

/// The plan book used when none is given: `docs/comp-plans.toml`, which fits the demo.
pub const DEFAULT_PLANS: &str = include_str!("../../../docs/comp-plans.toml");

/// A computed run with what kept some credit or pay out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompRun {
    pub run: Run,
    pub book: PlanBook,
    /// Deals whose money was not credited (another currency than the plans').
    pub skipped: Vec<String>,
}

impl App {
    /// Every payee's payout for `period` under the plan book `plans` (the default plans when
    /// `None`). Recoverable draws start from nothing owed: runs are not stored yet.
    pub fn comp_run(&self, period: Period, plans: Option<&str>) -> Result<CompRun, AppError> {
        let book = PlanBook::parse(plans.unwrap_or(DEFAULT_PLANS)).map_err(|e| AppError::Input(e.to_string()))?;
        let data = self.snapshot()?;
        let calendar = data.organisation.calendar;
        let (start, end) = (calendar.start(period), calendar.end(period));
        let year = Period::year(period.fiscal_year()).map_err(|e| AppError::Input(e.to_string()))?;
        let (credits, skipped) = credits_from(&data, start, end);
        let payees: Vec<Payee> = data
            .people
            .iter()
            .filter(|p| !p.placeholder)
            .map(|p| Payee {
                person: p.id,
                name: p.name.clone(),
                role: p.role,
                team: p.team,
                active_from: p.hire_date,
                active_until: p.leave_date,
            })
            .collect();
        let balances = BTreeMap::new();
        let input = RunInput {
            book: &book,
            period,
            start,
            end,
            payees: &payees,
            credits: &credits,
            quotas: &data.quotas,
            draw_balances: &balances,
            year: (calendar.start(year), calendar.end(year)),
        };
        let run = run(&input).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(CompRun { run, book, skipped })
    }
}
