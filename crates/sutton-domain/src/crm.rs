//! What a CRM holds: accounts, contacts, products, opportunities with their history and deal
//! teams, leads, activities, contracts and proposals.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::choice::choice;
use crate::error::{DomainError, Result, check_text};
use crate::geo::Location;
use crate::id::{
    AccountId, ActivityId, ContactId, ContractId, ExternalId, LeadId, OpportunityChangeId, OpportunityId,
    OpportunityLineId, PersonId, ProductId, ProductLineId, ProposalId, StageId,
};
use crate::money::{Currency, Money, Rate, Rounding};
use crate::org::validate_email;

choice! {
    pub enum AccountStatus ("account status") {
        Prospect = "prospect",
        Customer = "customer" | "active",
        Former = "former" | "former_customer" | "churned",
    }
}

/// A company Sutton's users sell to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub external_id: Option<ExternalId>,
    pub name: String,
    pub status: AccountStatus,
    pub industry: Option<String>,
    pub employees: Option<u32>,
    pub annual_revenue: Option<Money>,
    /// What the account could spend with us per year: the basis of segmentation by potential.
    pub potential: Option<Money>,
    pub location: Location,
    pub owner: Option<PersonId>,
    pub parent: Option<AccountId>,
    pub created_on: Option<NaiveDate>,
}

impl Account {
    pub fn validate(&self) -> Result<()> {
        check_text("account name", &self.name, 255)?;
        for (field, amount) in [("annual revenue", self.annual_revenue), ("potential", self.potential)] {
            if let Some(m) = amount
                && m.is_negative()
            {
                return Err(DomainError::Negative { field, value: m.to_string() });
            }
        }
        if let (Some(r), Some(p)) = (self.annual_revenue, self.potential)
            && r.currency() != p.currency()
        {
            return Err(DomainError::CurrencyMismatch {
                left: r.currency().to_string(),
                right: p.currency().to_string(),
            });
        }
        if self.parent == Some(self.id) {
            return Err(DomainError::Inconsistent {
                what: "account hierarchy",
                detail: format!("{} cannot be its own parent", self.name),
            });
        }
        self.location.validate()
    }
}

choice! {
    /// The part a contact plays in a purchase.
    pub enum BuyingRole ("buying role") {
        DecisionMaker = "decision_maker",
        EconomicBuyer = "economic_buyer",
        TechnicalBuyer = "technical_buyer",
        Champion = "champion",
        Influencer = "influencer",
        User = "user" | "end_user",
        Gatekeeper = "gatekeeper",
        Other = "other",
    }
}

/// A person at an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub external_id: Option<ExternalId>,
    pub account: Option<AccountId>,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub buying_role: Option<BuyingRole>,
    /// Actively engaged in the relationship (met, replied, attended) — single-threaded accounts
    /// are those with one engaged contact.
    pub engaged: bool,
}

impl Contact {
    pub fn validate(&self) -> Result<()> {
        check_text("contact name", &self.name, 255)?;
        if let Some(email) = &self.email {
            validate_email(email)?;
        }
        Ok(())
    }
}

/// A product line: the level at which mix, whitespace and skew are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductLine {
    pub id: ProductLineId,
    pub external_id: Option<ExternalId>,
    pub name: String,
}

impl ProductLine {
    pub fn validate(&self) -> Result<()> {
        check_text("product line name", &self.name, 200).map(|_| ())
    }
}

/// A sellable product with its list price and unit cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub id: ProductId,
    pub external_id: Option<ExternalId>,
    pub name: String,
    pub code: Option<String>,
    pub line: ProductLineId,
    pub list_price: Money,
    pub unit_cost: Money,
    pub active: bool,
}

impl Product {
    pub fn validate(&self) -> Result<()> {
        check_text("product name", &self.name, 255)?;
        if self.list_price.is_negative() {
            return Err(DomainError::Negative { field: "list price", value: self.list_price.to_string() });
        }
        if self.unit_cost.is_negative() {
            return Err(DomainError::Negative { field: "unit cost", value: self.unit_cost.to_string() });
        }
        if self.list_price.currency() != self.unit_cost.currency() {
            return Err(DomainError::CurrencyMismatch {
                left: self.list_price.currency().to_string(),
                right: self.unit_cost.currency().to_string(),
            });
        }
        Ok(())
    }
}

choice! {
    pub enum ForecastCategory ("forecast category") {
        Pipeline = "pipeline",
        BestCase = "best_case" | "upside",
        Commit = "commit",
        Closed = "closed" | "closed_won" | "won",
        Omitted = "omitted" | "closed_lost" | "lost",
    }
}

choice! {
    pub enum OpportunityType ("opportunity type") {
        NewBusiness = "new_business" | "new" | "new_customer",
        Expansion = "expansion" | "existing_business" | "upsell" | "cross_sell" | "add_on",
        Renewal = "renewal",
    }
}

choice! {
    pub enum OpportunityStatus ("opportunity status") {
        Open = "open",
        Won = "won" | "closed_won",
        Lost = "lost" | "closed_lost",
    }
}

/// A stage of the organisation's sales process, with its default probability and category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    pub sort_order: i32,
    pub probability: Rate,
    pub forecast_category: ForecastCategory,
    pub status: OpportunityStatus,
}

impl Stage {
    pub fn validate(&self) -> Result<()> {
        check_text("stage name", &self.name, 100)?;
        self.probability.within("stage probability", Rate::ZERO, Rate::ONE)?;
        Ok(())
    }
}

choice! {
    /// A revenue split shares the deal's credit (all revenue splits sum to 100 %); an overlay
    /// split gives extra credit to specialists and may exceed it.
    pub enum SplitType ("split type") {
        Revenue = "revenue",
        Overlay = "overlay",
    }
}

/// One person on a deal team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealTeamMember {
    pub person: PersonId,
    /// What they do on the deal (account executive, sales engineer, executive sponsor…).
    pub role: String,
    pub split_type: SplitType,
    pub split: Rate,
}

/// A cross-functional deal team (seed 000) whose revenue splits sum to exactly 100 %.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<DealTeamMember>", into = "Vec<DealTeamMember>")]
pub struct DealTeam {
    members: Vec<DealTeamMember>,
}

impl DealTeam {
    /// Validates the team: each split between 0 and 100 % (overlay splits up to 1000 %), each
    /// person at most once per split type, revenue splits summing to exactly 100 %. An empty
    /// team is allowed and means the owner takes all credit.
    pub fn new(members: Vec<DealTeamMember>) -> Result<DealTeam> {
        if members.is_empty() {
            return Ok(DealTeam { members });
        }
        let mut seen = std::collections::HashSet::new();
        let mut revenue = Rate::ZERO;
        for m in &members {
            if !seen.insert((m.person, m.split_type)) {
                return Err(DomainError::DuplicateTeamMember { person: m.person.get() });
            }
            match m.split_type {
                SplitType::Revenue => {
                    m.split.within("revenue split", Rate::ZERO, Rate::ONE)?;
                    revenue = revenue.checked_add(m.split).ok_or(DomainError::AmountOverflow)?;
                }
                SplitType::Overlay => {
                    m.split.within("overlay split", Rate::ZERO, Rate::from_percent(1000))?;
                }
            }
        }
        if !members.iter().any(|m| m.split_type == SplitType::Revenue) {
            return Err(DomainError::NoRevenueSplit);
        }
        if revenue != Rate::ONE {
            return Err(DomainError::SplitsDoNotSum { total: revenue.to_string() });
        }
        Ok(DealTeam { members })
    }

    pub fn members(&self) -> &[DealTeamMember] {
        &self.members
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Each revenue-split member's share of `amount`; the shares add up to `amount` exactly.
    pub fn revenue_credit(&self, amount: Money) -> Result<Vec<(PersonId, Money)>> {
        let revenue: Vec<&DealTeamMember> =
            self.members.iter().filter(|m| m.split_type == SplitType::Revenue).collect();
        let weights: Vec<i64> = revenue.iter().map(|m| m.split.ppm()).collect();
        let parts = amount.allocate(&weights)?;
        Ok(revenue.iter().map(|m| m.person).zip(parts).collect())
    }
}

impl TryFrom<Vec<DealTeamMember>> for DealTeam {
    type Error = DomainError;
    fn try_from(members: Vec<DealTeamMember>) -> Result<DealTeam> {
        DealTeam::new(members)
    }
}

impl From<DealTeam> for Vec<DealTeamMember> {
    fn from(team: DealTeam) -> Vec<DealTeamMember> {
        team.members
    }
}

/// A product on an opportunity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpportunityLine {
    pub id: OpportunityLineId,
    pub external_id: Option<ExternalId>,
    pub product: ProductId,
    pub quantity: i64,
    /// Per unit, before discount.
    pub list_price: Money,
    pub discount: Rate,
    /// Per unit.
    pub unit_cost: Money,
}

impl OpportunityLine {
    pub fn validate(&self) -> Result<()> {
        if self.quantity <= 0 {
            return Err(DomainError::Inconsistent {
                what: "line quantity",
                detail: format!("must be a positive whole number, got {}", self.quantity),
            });
        }
        self.discount.within("line discount", Rate::ZERO, Rate::ONE)?;
        if self.list_price.currency() != self.unit_cost.currency() {
            return Err(DomainError::CurrencyMismatch {
                left: self.list_price.currency().to_string(),
                right: self.unit_cost.currency().to_string(),
            });
        }
        Ok(())
    }

    /// Quantity × list price.
    pub fn list_amount(&self) -> Result<Money> {
        self.list_price.checked_mul(self.quantity)
    }

    /// List amount less the discount, rounded once.
    pub fn net_amount(&self) -> Result<Money> {
        self.list_amount()?.apply_rate(self.discount.complement(), Rounding::HalfAwayFromZero)
    }

    pub fn cost(&self) -> Result<Money> {
        self.unit_cost.checked_mul(self.quantity)
    }
}

/// A deal in progress or closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: OpportunityId,
    pub external_id: Option<ExternalId>,
    pub name: String,
    pub account: AccountId,
    pub owner: PersonId,
    pub kind: OpportunityType,
    pub stage: String,
    pub status: OpportunityStatus,
    pub probability: Rate,
    pub forecast_category: ForecastCategory,
    /// Where it came from: a lead source, a campaign, a partner.
    pub source: Option<String>,
    pub lead: Option<LeadId>,
    pub created_on: NaiveDate,
    /// Expected close date while open; the date it closed once won or lost.
    pub close_date: NaiveDate,
    /// Net amount after discount.
    pub amount: Money,
    /// Share taken off the list price.
    pub discount: Rate,
    /// Gross margin as a share of the net amount, when known.
    pub margin: Option<Rate>,
    pub lines: Vec<OpportunityLine>,
    pub team: DealTeam,
}

impl Opportunity {
    pub fn validate(&self) -> Result<()> {
        check_text("opportunity name", &self.name, 255)?;
        if self.close_date < self.created_on {
            return Err(DomainError::CloseBeforeCreated { created: self.created_on, close: self.close_date });
        }
        if self.amount.is_negative() {
            return Err(DomainError::Negative { field: "amount", value: self.amount.to_string() });
        }
        self.probability.within("probability", Rate::ZERO, Rate::ONE)?;
        self.discount.within("discount", Rate::ZERO, Rate::ONE)?;
        if let Some(margin) = self.margin {
            margin.within("margin", Rate::from_percent(-1000), Rate::ONE)?;
        }
        let consistent = match self.status {
            OpportunityStatus::Open => {
                !matches!(self.forecast_category, ForecastCategory::Closed | ForecastCategory::Omitted)
            }
            OpportunityStatus::Won => self.forecast_category == ForecastCategory::Closed,
            OpportunityStatus::Lost => self.forecast_category == ForecastCategory::Omitted,
        };
        if !consistent {
            return Err(DomainError::Inconsistent {
                what: "forecast category",
                detail: format!(
                    "a {} opportunity cannot be in forecast category {}",
                    self.status, self.forecast_category
                ),
            });
        }
        for line in &self.lines {
            line.validate()?;
            if line.list_price.currency() != self.amount.currency() {
                return Err(DomainError::CurrencyMismatch {
                    left: self.amount.currency().to_string(),
                    right: line.list_price.currency().to_string(),
                });
            }
        }
        Ok(())
    }

    pub fn currency(&self) -> Currency {
        self.amount.currency()
    }

    pub fn is_open(&self) -> bool {
        self.status == OpportunityStatus::Open
    }

    /// Amount × margin, when the margin is known.
    pub fn gross_profit(&self) -> Result<Option<Money>> {
        self.margin.map(|m| self.amount.apply_rate(m, Rounding::HalfAwayFromZero)).transpose()
    }

    /// Who is credited with how much of `amount` (the deal's amount, or a part of it such as
    /// gross profit): the revenue splits of the deal team, or the owner alone when nobody
    /// shares. The parts add up to `amount` exactly.
    pub fn revenue_credit(&self, amount: Money) -> Result<Vec<(PersonId, Money)>> {
        if self.team.is_empty() {
            return Ok(vec![(self.owner, amount)]);
        }
        self.team.revenue_credit(amount)
    }

    /// Amount × probability.
    pub fn weighted_amount(&self) -> Result<Money> {
        self.amount.apply_rate(self.probability, Rounding::HalfAwayFromZero)
    }
}

/// One entry of an opportunity's append-only history: its state right after a change of stage,
/// amount or close date (the shape of Salesforce's OpportunityHistory). The state on any date
/// is the last entry at or before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpportunityChange {
    pub id: OpportunityChangeId,
    pub opportunity: OpportunityId,
    pub changed_at: NaiveDateTime,
    pub changed_by: Option<PersonId>,
    pub stage: String,
    pub status: OpportunityStatus,
    pub probability: Rate,
    pub forecast_category: ForecastCategory,
    pub amount: Money,
    pub close_date: NaiveDate,
}

impl OpportunityChange {
    pub fn validate(&self) -> Result<()> {
        check_text("stage", &self.stage, 100)?;
        self.probability.within("probability", Rate::ZERO, Rate::ONE)?;
        if self.amount.is_negative() {
            return Err(DomainError::Negative { field: "amount", value: self.amount.to_string() });
        }
        Ok(())
    }
}

choice! {
    pub enum LeadStatus ("lead status") {
        Open = "open" | "new",
        Working = "working" | "contacted",
        Qualified = "qualified",
        Converted = "converted",
        Disqualified = "disqualified" | "unqualified",
    }
}

/// A lead before it becomes an opportunity (seed 002's first stage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: LeadId,
    pub external_id: Option<ExternalId>,
    pub name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub status: LeadStatus,
    pub owner: Option<PersonId>,
    pub created_on: NaiveDate,
    pub converted_on: Option<NaiveDate>,
    pub converted_account: Option<AccountId>,
    pub converted_opportunity: Option<OpportunityId>,
}

impl Lead {
    pub fn validate(&self) -> Result<()> {
        check_text("lead name", &self.name, 255)?;
        if let Some(email) = &self.email {
            validate_email(email)?;
        }
        match (self.status, self.converted_on) {
            (LeadStatus::Converted, None) => Err(DomainError::Inconsistent {
                what: "lead conversion",
                detail: "a converted lead needs the date it converted".to_owned(),
            }),
            (status, Some(_)) if status != LeadStatus::Converted => Err(DomainError::Inconsistent {
                what: "lead conversion",
                detail: format!("a {status} lead cannot have a conversion date"),
            }),
            (_, Some(on)) if on < self.created_on => Err(DomainError::EndBeforeStart {
                what: "lead (created to converted)",
                start: self.created_on,
                end: on,
            }),
            _ => Ok(()),
        }
    }
}

choice! {
    pub enum ActivityKind ("activity kind") {
        Call = "call",
        Visit = "visit",
        Meeting = "meeting",
        Email = "email",
        /// Time spent on something other than a customer conversation (travel, admin, training).
        Task = "task",
    }
}

choice! {
    /// How a customer is reached.
    pub enum ContactMode ("contact mode") {
        FaceToFace = "face_to_face" | "in_person" | "visit",
        Phone = "phone",
        Video = "video" | "online",
        Email = "email",
        /// No customer contact (internal work).
        None = "none",
    }
}

/// Where a rep's time goes: direct selling, or a named non-selling category (seed 000's
/// 55–65 % target is the direct-selling share).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum TimeCategory {
    DirectSelling,
    NonSelling(String),
}

impl TimeCategory {
    pub const DIRECT: &'static str = "direct_selling";
    /// The non-selling categories the demo and the default reports use; any other name is allowed.
    pub const COMMON_NON_SELLING: &'static [&'static str] =
        &["travel", "administration", "internal_meeting", "training", "service", "prospecting_research"];

    pub fn parse(text: &str) -> Result<TimeCategory> {
        let key = crate::choice::normalise(text);
        match key.as_str() {
            "" => Err(DomainError::Empty { field: "time category" }),
            "direct_selling" | "direct" | "selling" => Ok(TimeCategory::DirectSelling),
            _ if key.chars().count() > 64 => {
                Err(DomainError::TooLong { field: "time category", len: key.chars().count(), max: 64 })
            }
            _ => Ok(TimeCategory::NonSelling(key)),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            TimeCategory::DirectSelling => TimeCategory::DIRECT,
            TimeCategory::NonSelling(name) => name,
        }
    }

    pub fn is_direct_selling(&self) -> bool {
        matches!(self, TimeCategory::DirectSelling)
    }
}

impl From<TimeCategory> for String {
    fn from(c: TimeCategory) -> String {
        c.as_str().to_owned()
    }
}

impl TryFrom<String> for TimeCategory {
    type Error = DomainError;
    fn try_from(s: String) -> Result<TimeCategory> {
        TimeCategory::parse(&s)
    }
}

/// A logged call, visit, meeting, e-mail or block of non-selling time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub external_id: Option<ExternalId>,
    pub person: PersonId,
    pub account: Option<AccountId>,
    pub contact: Option<ContactId>,
    pub opportunity: Option<OpportunityId>,
    pub kind: ActivityKind,
    pub mode: ContactMode,
    pub date: NaiveDate,
    pub duration_minutes: u32,
    pub category: TimeCategory,
    pub outcome: Option<String>,
    pub subject: Option<String>,
}

impl Activity {
    pub fn validate(&self) -> Result<()> {
        if self.duration_minutes > 24 * 60 {
            return Err(DomainError::Inconsistent {
                what: "activity duration",
                detail: format!("{} minutes is longer than a day", self.duration_minutes),
            });
        }
        if self.category.is_direct_selling() && self.account.is_none() && self.opportunity.is_none() {
            return Err(DomainError::Inconsistent {
                what: "activity",
                detail: "direct selling time must name the account or opportunity it was spent on".to_owned(),
            });
        }
        Ok(())
    }
}

choice! {
    pub enum RenewalStatus ("renewal status") {
        /// Not yet worked.
        Pending = "pending" | "open",
        InNegotiation = "in_negotiation" | "negotiating",
        Renewed = "renewed",
        Lost = "lost" | "churned" | "cancelled",
    }
}

/// A customer's contract for a product line: what expires when, for renewal-cliff warnings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub id: ContractId,
    pub external_id: Option<ExternalId>,
    pub account: AccountId,
    pub product_line: Option<ProductLineId>,
    pub start: NaiveDate,
    /// The last day covered.
    pub end: NaiveDate,
    pub annual_value: Money,
    pub renewal_status: RenewalStatus,
    pub renewal_opportunity: Option<OpportunityId>,
}

impl Contract {
    pub fn validate(&self) -> Result<()> {
        if self.end < self.start {
            return Err(DomainError::EndBeforeStart { what: "contract", start: self.start, end: self.end });
        }
        if self.annual_value.is_negative() {
            return Err(DomainError::Negative { field: "annual value", value: self.annual_value.to_string() });
        }
        Ok(())
    }
}

choice! {
    pub enum ProposalStatus ("proposal status") {
        Draft = "draft",
        Sent = "sent",
        Accepted = "accepted" | "won",
        Rejected = "rejected" | "lost",
        Withdrawn = "withdrawn",
    }
}

/// A proposal sent for an opportunity (seed 002: count them and see which succeed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: ProposalId,
    pub opportunity: OpportunityId,
    pub sent_on: NaiveDate,
    pub amount: Money,
    pub status: ProposalStatus,
}

impl Proposal {
    pub fn validate(&self) -> Result<()> {
        if self.amount.is_negative() {
            return Err(DomainError::Negative { field: "proposal amount", value: self.amount.to_string() });
        }
        Ok(())
    }
}
