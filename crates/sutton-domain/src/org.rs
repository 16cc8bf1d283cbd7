//! The sales organisation: its settings, teams and people.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::FiscalCalendar;
use crate::choice::choice;
use crate::error::{DomainError, Result, check_text, required_text};
use crate::geo::Location;
use crate::id::{ExternalId, PersonId, TeamId};
use crate::money::Currency;

/// Organisation-wide settings every engine needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    /// The currency reports are in; records in other currencies are shown in their own.
    pub currency: Currency,
    pub calendar: FiscalCalendar,
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation { name: "Sutton".to_owned(), currency: Currency::USD, calendar: FiscalCalendar::default() }
    }
}

choice! {
    /// What a person in the sales organisation does (seed 002's three stages, plus leaders and
    /// support).
    pub enum SalesRole ("role") {
        /// Lead generation: SDR/BDR, books first meetings.
        LeadGeneration = "lead_generation" | "sdr" | "bdr" | "lead_gen",
        /// Closes new business and expansion.
        AccountExecutive = "account_executive" | "ae" | "sales_rep" | "rep",
        /// Customer success / account management: onboards, retains, renews, expands.
        CustomerSuccess = "customer_success" | "csm" | "account_manager" | "am",
        Manager = "manager" | "sales_manager",
        Vp = "vp" | "vice_president" | "head_of_sales",
        /// Sales engineers and other technical or service support.
        SalesEngineer = "sales_engineer" | "se" | "support" | "presales",
        /// Sales operations and administration.
        Operations = "operations" | "sales_operations" | "sales_ops" | "admin",
    }
}

impl SalesRole {
    /// Whether the role carries its own book of accounts and deals (a quota-carrying seller).
    pub fn carries_book(self) -> bool {
        matches!(self, SalesRole::LeadGeneration | SalesRole::AccountExecutive | SalesRole::CustomerSuccess)
    }
}

choice! {
    /// Field (outside) reps visit; inside reps sell by phone and video.
    pub enum Channel ("channel") {
        Field = "field" | "outside",
        Inside = "inside",
    }
}

/// A team in the hierarchy (company → region → team).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub parent: Option<TeamId>,
    pub manager: Option<PersonId>,
}

impl Team {
    pub fn validate(&self) -> Result<()> {
        check_text("team name", &self.name, 200)?;
        if self.parent == Some(self.id) {
            return Err(DomainError::Inconsistent {
                what: "team hierarchy",
                detail: format!("team {} cannot be its own parent", self.name),
            });
        }
        Ok(())
    }
}

/// Anyone in the sales organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub external_id: Option<ExternalId>,
    pub name: String,
    pub email: Option<String>,
    pub role: SalesRole,
    pub channel: Option<Channel>,
    pub team: Option<TeamId>,
    pub manager: Option<PersonId>,
    /// Home base: where field travel starts.
    pub home: Location,
    pub hire_date: Option<NaiveDate>,
    pub leave_date: Option<NaiveDate>,
    /// Working time available per week, in minutes (a full week is 2,400).
    pub weekly_capacity_minutes: u32,
    /// Known only by an external id so far (an owner referenced by an import before the users
    /// file arrived); a later import fills the record in.
    pub placeholder: bool,
}

impl Person {
    /// A standard 40-hour week.
    pub const FULL_WEEK_MINUTES: u32 = 40 * 60;

    pub fn validate(&self) -> Result<()> {
        check_text("person name", &self.name, 200)?;
        if let Some(email) = &self.email {
            validate_email(email)?;
        }
        if let (Some(start), Some(end)) = (self.hire_date, self.leave_date)
            && end < start
        {
            return Err(DomainError::EndBeforeStart { what: "employment (hire date to leave date)", start, end });
        }
        if self.weekly_capacity_minutes > 7 * 24 * 60 {
            return Err(DomainError::Inconsistent {
                what: "weekly capacity",
                detail: format!("{} minutes is more than a week has", self.weekly_capacity_minutes),
            });
        }
        if self.manager == Some(self.id) {
            return Err(DomainError::Inconsistent {
                what: "manager",
                detail: format!("{} cannot manage themselves", self.name),
            });
        }
        self.home.validate()
    }

    /// Employed on `date`: hired on or before it (or hire date unknown) and not yet left.
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.hire_date.is_none_or(|h| h <= date) && self.leave_date.is_none_or(|l| date < l)
    }
}

/// Checks the shape of an e-mail address (one `@`, something on each side, no spaces).
pub fn validate_email(text: &str) -> Result<String> {
    let email = required_text("email", text, 254)?;
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.contains('@') && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    if !ok {
        return Err(DomainError::InvalidChoice {
            field: "email",
            value: text.to_owned(),
            expected: "an address such as name@example.com".to_owned(),
        });
    }
    Ok(email)
}
