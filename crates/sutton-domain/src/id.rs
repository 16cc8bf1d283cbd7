//! Typed ids, and the ids records carry in the systems they came from.
//!
//! Our ids are `i64` newtypes so an account id can never be passed where a person id is
//! expected. External ids sit beside ours so that a re-import of the same CRM export updates
//! records instead of duplicating them; they are validated and normalised on the way in
//! (Salesforce 15-character ids become their 18-character form, so both spellings of the same
//! record match).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

ids! {
    /// A customer, prospect or former customer.
    AccountId;
    /// A person at an account.
    ContactId;
    /// Anyone in the sales organisation: reps, managers, engineers, the VP.
    PersonId;
    TeamId;
    ProductLineId;
    ProductId;
    StageId;
    OpportunityId;
    OpportunityLineId;
    /// One entry in an opportunity's append-only change history.
    OpportunityChangeId;
    LeadId;
    ActivityId;
    ContractId;
    QuotaId;
    ProposalId;
    ReferenceClientId;
    ReferenceUseId;
    TrainingId;
    /// A county, a postal code or any imported area with a location.
    GeoUnitId;
    TerritoryId;
    /// A versioned assignment of units and accounts to territories (current or a scenario).
    AlignmentId;
    CallPatternId;
    SegmentationId;
    UserId;
    AuditId;
}

/// The system an external id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExternalSystem {
    Salesforce,
    Hubspot,
    /// Any other source (a native CSV, another CRM): the id is kept as given.
    Other,
}

impl ExternalSystem {
    pub fn as_str(self) -> &'static str {
        match self {
            ExternalSystem::Salesforce => "salesforce",
            ExternalSystem::Hubspot => "hubspot",
            ExternalSystem::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<ExternalSystem> {
        match text.trim().to_ascii_lowercase().as_str() {
            "salesforce" | "sfdc" => Ok(ExternalSystem::Salesforce),
            "hubspot" => Ok(ExternalSystem::Hubspot),
            "other" | "native" => Ok(ExternalSystem::Other),
            _ => Err(DomainError::InvalidChoice {
                field: "external system",
                value: text.to_owned(),
                expected: "salesforce, hubspot, other".to_owned(),
            }),
        }
    }
}

/// A record's id in the system it was imported from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawExternalId")]
pub struct ExternalId {
    system: ExternalSystem,
    value: String,
}

#[derive(Deserialize)]
struct RawExternalId {
    system: ExternalSystem,
    value: String,
}

impl TryFrom<RawExternalId> for ExternalId {
    type Error = DomainError;
    fn try_from(raw: RawExternalId) -> Result<ExternalId> {
        ExternalId::parse(raw.system, &raw.value)
    }
}

impl ExternalId {
    /// A Salesforce record id: 15 case-sensitive characters, or 18 where the last three encode
    /// the case of the first fifteen. Stored in the 18-character form.
    pub fn salesforce(text: &str) -> Result<ExternalId> {
        let value = text.trim();
        let invalid =
            |reason: String| DomainError::InvalidExternalId { system: "Salesforce", value: text.to_owned(), reason };
        if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(invalid("only letters and digits are allowed".to_owned()));
        }
        let base = match value.len() {
            15 | 18 => &value[..15],
            n => return Err(invalid(format!("{n} characters; Salesforce ids have 15 or 18"))),
        };
        let suffix = salesforce_suffix(base);
        // The alphabet is ASCII, so the suffix always is text.
        let suffix = std::str::from_utf8(&suffix).unwrap_or_default();
        if value.len() == 18 && !value[15..].eq_ignore_ascii_case(suffix) {
            return Err(invalid(format!(
                "the last three characters should be {suffix} for {base}; was the id's case changed (by a spreadsheet)?"
            )));
        }
        let mut canonical = String::with_capacity(18);
        canonical.push_str(base);
        canonical.push_str(suffix);
        Ok(ExternalId { system: ExternalSystem::Salesforce, value: canonical })
    }

    /// What identifies a Salesforce id, without building one: its first fifteen characters,
    /// when [`ExternalId::salesforce`] would accept `text`; `None` when it would not.
    pub fn salesforce_base(text: &str) -> Option<&str> {
        let value = text.trim();
        if !matches!(value.len(), 15 | 18) || !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let base = &value[..15];
        if value.len() == 18 && !value.as_bytes()[15..].eq_ignore_ascii_case(&salesforce_suffix(base)) {
            return None;
        }
        Some(base)
    }

    /// A HubSpot record id: a positive decimal number.
    pub fn hubspot(text: &str) -> Result<ExternalId> {
        let value = text.trim();
        let ok = !value.is_empty()
            && value.len() <= 20
            && value.bytes().all(|b| b.is_ascii_digit())
            && value.bytes().any(|b| b != b'0');
        if !ok {
            return Err(DomainError::InvalidExternalId {
                system: "HubSpot",
                value: text.to_owned(),
                reason: "a HubSpot record id is a positive whole number".to_owned(),
            });
        }
        Ok(ExternalId { system: ExternalSystem::Hubspot, value: value.trim_start_matches('0').to_owned() })
    }

    /// Any other system's id, kept as given (trimmed; at most 255 characters).
    pub fn other(text: &str) -> Result<ExternalId> {
        let value = crate::error::required_text("external id", text, 255)?;
        Ok(ExternalId { system: ExternalSystem::Other, value })
    }

    pub fn parse(system: ExternalSystem, text: &str) -> Result<ExternalId> {
        match system {
            ExternalSystem::Salesforce => ExternalId::salesforce(text),
            ExternalSystem::Hubspot => ExternalId::hubspot(text),
            ExternalSystem::Other => ExternalId::other(text),
        }
    }

    pub fn system(&self) -> ExternalSystem {
        self.system
    }

    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for ExternalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.system.as_str(), self.value)
    }
}

/// The three characters Salesforce appends to a 15-character id: for each block of five, a
/// bit per upper-case letter, read as an index into `A–Z0–5`.
fn salesforce_suffix(base: &str) -> [u8; 3] {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    let mut suffix = [b'A'; 3];
    for (slot, chunk) in suffix.iter_mut().zip(base.as_bytes().chunks(5)) {
        let bits =
            chunk.iter().enumerate().filter(|(_, b)| b.is_ascii_uppercase()).fold(0usize, |acc, (i, _)| acc | (1 << i));
        *slot = ALPHABET[bits];
    }
    suffix
}
