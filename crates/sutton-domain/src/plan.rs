//! The plans leaders make over the records: quotas, segments, call patterns, territories and
//! alignments; and the records about people and references the practices ask for.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Period, PeriodKind};
use crate::choice::choice;
use crate::crm::ContactMode;
use crate::error::{DomainError, Result, check_text, required_text};
use crate::id::{
    AccountId, AlignmentId, AuditId, CallPatternId, GeoUnitId, OpportunityId, PersonId, QuotaId, ReferenceClientId,
    ReferenceUseId, TeamId, TerritoryId, TrainingId, UserId,
};
use crate::money::Money;
use crate::org::{Channel, SalesRole};

choice! {
    /// What a quota, goal or comp component counts.
    pub enum Measure ("measure") {
        Bookings = "bookings" | "revenue",
        GrossProfit = "gross_profit" | "margin",
        NewLogos = "new_logos",
        LeadsCreated = "leads_created" | "leads",
        OpportunitiesCreated = "opportunities_created" | "pipeline_created",
        DealsClosed = "deals_closed" | "deals_won",
        Renewals = "renewals",
        Calls = "calls" | "activities",
    }
}

impl Measure {
    /// Measured in money (else in counts).
    pub fn is_money(self) -> bool {
        matches!(self, Measure::Bookings | Measure::GrossProfit | Measure::Renewals)
    }
}

/// Whose quota it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaOwner {
    Person(PersonId),
    Team(TeamId),
}

/// A target in money or in a count, matching its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaTarget {
    Money(Money),
    Count(i64),
}

/// A quota: owner × period × measure → target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    pub id: QuotaId,
    pub owner: QuotaOwner,
    pub period: Period,
    pub measure: Measure,
    pub target: QuotaTarget,
}

impl Quota {
    pub fn validate(&self) -> Result<()> {
        match (self.measure.is_money(), self.target) {
            (true, QuotaTarget::Money(m)) if m.is_negative() => {
                Err(DomainError::Negative { field: "quota", value: m.to_string() })
            }
            (false, QuotaTarget::Count(n)) if n < 0 => {
                Err(DomainError::Negative { field: "quota", value: n.to_string() })
            }
            (true, QuotaTarget::Money(_)) | (false, QuotaTarget::Count(_)) => Ok(()),
            (true, QuotaTarget::Count(_)) => Err(DomainError::Inconsistent {
                what: "quota",
                detail: format!("{} is measured in money; give an amount with a currency", self.measure),
            }),
            (false, QuotaTarget::Money(_)) => Err(DomainError::Inconsistent {
                what: "quota",
                detail: format!("{} is a count; give a whole number", self.measure),
            }),
        }
    }
}

/// A segment name ("A", "B", "C", "Strategic"…): short, non-empty. Shared, so that giving
/// each of a million accounts its segment copies a pointer rather than the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Segment(Arc<str>);

impl Segment {
    pub fn parse(text: &str) -> Result<Segment> {
        required_text("segment", text, 32).map(|s| Segment(s.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Segment {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Segment> {
        Segment::parse(&s)
    }
}

impl From<Segment> for String {
    fn from(s: Segment) -> String {
        s.0.to_string()
    }
}

impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How often a segment's accounts are called by a role on a channel, and how (seed 004 step 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallPattern {
    pub id: CallPatternId,
    pub segment: Segment,
    pub role: SalesRole,
    pub channel: Channel,
    pub mode: ContactMode,
    /// `calls` per `per`: 1 per month, 4 per year…
    pub calls: u32,
    pub per: PeriodKind,
    pub duration_minutes: u32,
}

impl CallPattern {
    pub fn validate(&self) -> Result<()> {
        if self.calls == 0 {
            return Err(DomainError::Inconsistent {
                what: "call pattern",
                detail: "a pattern needs at least one call per period; delete it to stop calling".to_owned(),
            });
        }
        if self.duration_minutes == 0 || self.duration_minutes > 24 * 60 {
            return Err(DomainError::Inconsistent {
                what: "call pattern",
                detail: format!("call duration {} minutes must be between 1 and 1440", self.duration_minutes),
            });
        }
        Ok(())
    }

    /// Calls a year (12 a month → 144; 1 a quarter → 4).
    pub fn calls_per_year(&self) -> u32 {
        self.calls * (12 / self.per.months())
    }
}

choice! {
    pub enum TerritoryLevel ("territory level") {
        Territory = "territory",
        District = "district",
        Region = "region",
    }
}

/// A territory, district or region. Which units it holds depends on the alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Territory {
    pub id: TerritoryId,
    pub name: String,
    pub level: TerritoryLevel,
    pub parent: Option<TerritoryId>,
}

impl Territory {
    pub fn validate(&self) -> Result<()> {
        check_text("territory name", &self.name, 200)?;
        if self.parent == Some(self.id) {
            return Err(DomainError::Inconsistent {
                what: "territory hierarchy",
                detail: format!("{} cannot be its own parent", self.name),
            });
        }
        Ok(())
    }
}

choice! {
    pub enum AlignmentStatus ("alignment status") {
        /// The alignment in force: at most one.
        Current = "current",
        /// A proposal under study.
        Scenario = "scenario" | "proposed",
        /// A former current alignment, kept for history.
        Archived = "archived",
    }
}

/// A version of the territory map: which units and named accounts belong to which territory,
/// and who covers each territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub id: AlignmentId,
    pub name: String,
    pub status: AlignmentStatus,
    pub based_on: Option<AlignmentId>,
    pub created_on: NaiveDate,
    pub note: Option<String>,
}

impl Alignment {
    pub fn validate(&self) -> Result<()> {
        check_text("alignment name", &self.name, 200).map(|_| ())
    }
}

/// What an alignment assigns: a geographic unit, or an account named individually (named
/// accounts override the geography they sit in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlignedUnit {
    Geo(GeoUnitId),
    Account(AccountId),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerritoryAssignment {
    pub alignment: AlignmentId,
    pub unit: AlignedUnit,
    pub territory: TerritoryId,
    /// Locked units stay where they are when the alignment is re-optimised.
    pub locked: bool,
}

/// A rep covering a territory in an alignment (a territory may have several, or none: vacant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerritoryRep {
    pub alignment: AlignmentId,
    pub territory: TerritoryId,
    pub person: PersonId,
}

/// A client who will speak for us, and the buying circumstances it can speak to (seed 001
/// key 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceClient {
    pub id: ReferenceClientId,
    pub account: AccountId,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub circumstances: Vec<String>,
    pub note: Option<String>,
}

impl ReferenceClient {
    pub fn validate(&self) -> Result<()> {
        if let Some(until) = self.until
            && until < self.since
        {
            return Err(DomainError::EndBeforeStart { what: "reference client", start: self.since, end: until });
        }
        for c in &self.circumstances {
            check_text("buying circumstance", c, 100)?;
        }
        Ok(())
    }
}

/// One time a reference was asked to help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceUse {
    pub id: ReferenceUseId,
    pub reference: ReferenceClientId,
    pub requested_by: PersonId,
    pub opportunity: Option<OpportunityId>,
    pub used_on: NaiveDate,
}

impl ReferenceUse {
    /// A use has no rules of its own beyond its references.
    pub fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// A completed training (PERF-4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Training {
    pub id: TrainingId,
    pub person: PersonId,
    pub course: String,
    pub skill: Option<String>,
    pub completed_on: NaiveDate,
    pub hours: u32,
}

impl Training {
    pub fn validate(&self) -> Result<()> {
        check_text("course", &self.course, 200)?;
        Ok(())
    }
}

choice! {
    /// What a signed-in user may see (PLAT-4).
    pub enum AccessRole ("access role") {
        /// Configures and imports; sees everything.
        Admin = "admin" | "operations",
        /// The whole organisation.
        Vp = "vp",
        /// Their own team and the teams below it.
        Manager = "manager",
        /// Their own accounts, deals, activities and pay.
        Rep = "rep",
    }
}

/// A change to plans, territories, segments, users or roles: who, what, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    /// The user or process that made the change ("cli", "import", a login).
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub detail: String,
}

impl AuditEntry {
    pub fn validate(&self) -> Result<()> {
        check_text("audit action", &self.action, 100)?;
        check_text("audit actor", &self.actor, 200)?;
        check_text("audit entity", &self.entity, 100).map(|_| ())
    }
}

choice! {
    /// The interface languages (PLAT-6).
    pub enum Language ("language") {
        English = "en" | "english" | "en_us" | "en_gb",
        NorwegianBokmal = "nb" | "no" | "nb_no" | "norsk" | "bokmal" | "bokmål",
        Danish = "da" | "da_dk" | "dansk",
        SimplifiedChinese = "zh_cn" | "zh" | "zh_hans" | "中文",
    }
}

impl Language {
    /// The BCP 47 tag (`zh-CN`), for `lang` attributes and message bundles.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::NorwegianBokmal => "nb",
            Language::Danish => "da",
            Language::SimplifiedChinese => "zh-CN",
        }
    }

    /// The language's own name, for the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::NorwegianBokmal => "Norsk bokmål",
            Language::Danish => "Dansk",
            Language::SimplifiedChinese => "简体中文",
        }
    }
}

/// Someone who signs in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub login: String,
    pub display_name: String,
    pub role: AccessRole,
    /// The person in the sales organisation this user is (reps and managers must have one).
    pub person: Option<PersonId>,
    pub language: Language,
    pub disabled: bool,
}

impl User {
    pub fn validate(&self) -> Result<()> {
        let login = required_text("login", &self.login, 64)?;
        if !login.chars().all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c)) {
            return Err(DomainError::InvalidChoice {
                field: "login",
                value: self.login.clone(),
                expected: "letters, digits and . _ - @".to_owned(),
            });
        }
        check_text("display name", &self.display_name, 200)?;
        if matches!(self.role, AccessRole::Manager | AccessRole::Rep) && self.person.is_none() {
            return Err(DomainError::Inconsistent {
                what: "user",
                detail: format!("a {} must be linked to a person in the sales organisation", self.role),
            });
        }
        Ok(())
    }
}

/// Which people's records a viewer may see. Accounts, deals and activities are visible when
/// their owner (or the person who logged them) is visible; an account that is visible shows
/// everything attached to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Everything,
    People(std::collections::BTreeSet<PersonId>),
}

impl Scope {
    pub fn sees(&self, person: PersonId) -> bool {
        match self {
            Scope::Everything => true,
            Scope::People(set) => set.contains(&person),
        }
    }

    /// The scope of a user: admins and VPs see everything; a manager sees the people of every
    /// team they manage and the teams below it (and themselves); a rep sees themselves.
    pub fn of(user: &User, teams: &[crate::org::Team], people: &[crate::org::Person]) -> Scope {
        match (user.role, user.person) {
            (AccessRole::Admin | AccessRole::Vp, _) => Scope::Everything,
            (_, None) => Scope::People(Default::default()),
            (AccessRole::Rep, Some(me)) => Scope::People([me].into()),
            (AccessRole::Manager, Some(me)) => {
                let mut visible_teams = std::collections::BTreeSet::new();
                let mut frontier: Vec<TeamId> = teams.iter().filter(|t| t.manager == Some(me)).map(|t| t.id).collect();
                while let Some(t) = frontier.pop() {
                    if visible_teams.insert(t) {
                        frontier.extend(teams.iter().filter(|c| c.parent == Some(t)).map(|c| c.id));
                    }
                }
                let mut set: std::collections::BTreeSet<PersonId> = people
                    .iter()
                    .filter(|p| p.team.is_some_and(|t| visible_teams.contains(&t)) || p.manager == Some(me))
                    .map(|p| p.id)
                    .collect();
                set.insert(me);
                Scope::People(set)
            }
        }
    }
}
