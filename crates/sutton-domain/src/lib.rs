//! # sutton-domain — the vocabulary of a sales organisation
//!
//! Every other Sutton crate speaks in these types. They exist so that a wrong value cannot
//! travel far: it is refused at the edge (an importer, a form, the API) with a message that
//! says what is wrong and where, and inside Sutton a value of a type is a valid value.
//!
//! Key decisions:
//!
//! * **Ids are newtypes** over `i64` ([`id`]): an account id cannot be passed for a person id.
//!   Records imported from a CRM keep their **external id** beside ours (Salesforce ids
//!   normalised to 18 characters, HubSpot record ids), so re-imports update instead of duplicate.
//! * **Money is exact** ([`money`]): integer minor units with an ISO 4217 currency and its
//!   exponent; arithmetic across currencies is an error; rates are parts per million; a rate
//!   applied to money rounds once, half away from zero unless a rule is stated; splitting an
//!   amount gives parts that add up to the whole.
//! * **Fiscal calendars** start in any month; periods are named `FY2026`, `FY2026 Q1`,
//!   `FY2026 M01` after the calendar year the fiscal year ends in ([`calendar`]).
//! * **Records are plain structs** with public fields and a `validate` method for the rules
//!   that span fields (a close date before the creation date, an end before a start). Values
//!   with rules of their own — [`Money`], [`Rate`], [`Currency`], [`ExternalId`], [`DealTeam`]
//!   (revenue splits summing to exactly 100 %), [`Period`], [`LatLon`] — can only be made
//!   through constructors that check them.
//! * **Opportunity history is append-only** snapshots of stage, amount, probability, category
//!   and close date after each change ([`OpportunityChange`]); the state on any date is the last
//!   entry at or before it.
//! * A [`Dataset`] is the in-memory snapshot that the pure engines take; [`Dataset::check`]
//!   lists every dangling reference and invalid record at once.
//!
//! This crate does no IO and knows nothing of SQL, HTTP or files.

pub mod calendar;
mod choice;
pub mod crm;
pub mod dataset;
pub mod error;
pub mod geo;
pub mod id;
pub mod money;
pub mod org;
pub mod plan;
pub mod record;

pub use calendar::{FiscalCalendar, FiscalYearNaming, Period, PeriodKind};
pub use crm::{
    Account, AccountStatus, Activity, ActivityKind, BuyingRole, Contact, ContactMode, Contract, DealTeam,
    DealTeamMember, ForecastCategory, Lead, LeadStatus, Opportunity, OpportunityChange, OpportunityLine,
    OpportunityStatus, OpportunityType, Product, ProductLine, Proposal, ProposalStatus, RenewalStatus, SplitType,
    Stage, TimeCategory,
};
pub use dataset::{Dataset, IntegrityProblem};
pub use error::{DomainError, Result};
pub use geo::{GeoEdge, GeoUnit, GeoUnitKind, LatLon, Location};
pub use id::*;
pub use money::{Currency, Money, Rate, Rounding};
pub use org::{Channel, Organisation, Person, SalesRole, Team};
pub use plan::{
    AccessRole, AlignedUnit, Alignment, AlignmentStatus, AuditEntry, CallPattern, Language, Measure, Quota, QuotaOwner,
    QuotaTarget, ReferenceClient, ReferenceUse, Scope, Segment, Territory, TerritoryAssignment, TerritoryLevel,
    TerritoryRep, Training, User,
};
pub use record::Record;
