//! What every stored record has in common: a kind for messages, an id, and its own rules.

use crate::crm::{
    Account, Activity, Contact, Contract, Lead, Opportunity, OpportunityChange, Product, ProductLine, Proposal, Stage,
};
use crate::error::Result;
use crate::geo::GeoUnit;
use crate::org::{Person, Team};
use crate::plan::{
    Alignment, AuditEntry, CallPattern, Quota, ReferenceClient, ReferenceUse, Territory, Training, User,
};

/// A record with an id of its own and rules that span its fields.
pub trait Record {
    /// What it is called in messages: "account 12: …".
    const KIND: &'static str;
    fn raw_id(&self) -> i64;
    /// The record's own rules; references to other records are checked by [`crate::Dataset::check`].
    fn validate(&self) -> Result<()>;
}

/// Each record's `validate` is its inherent method, which takes precedence in `$t::validate`.
macro_rules! records {
    ($($t:ident => $kind:literal,)*) => {$(
        impl Record for $t {
            const KIND: &'static str = $kind;
            fn raw_id(&self) -> i64 {
                self.id.get()
            }
            fn validate(&self) -> Result<()> {
                $t::validate(self)
            }
        }
    )*};
}

records! {
    Team => "team",
    Person => "person",
    Account => "account",
    Contact => "contact",
    ProductLine => "product line",
    Product => "product",
    Stage => "stage",
    Opportunity => "opportunity",
    OpportunityChange => "opportunity change",
    Lead => "lead",
    Activity => "activity",
    Contract => "contract",
    Proposal => "proposal",
    Quota => "quota",
    GeoUnit => "geographic unit",
    Territory => "territory",
    Alignment => "alignment",
    CallPattern => "call pattern",
    ReferenceClient => "reference client",
    ReferenceUse => "reference use",
    Training => "training",
    AuditEntry => "audit entry",
    User => "user",
}
