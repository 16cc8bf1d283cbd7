//! SEG-3: spend tiers ("account list management") and the accounts in the wrong hands.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_domain::{AccountId, Channel, Dataset, Person, PersonId, SalesRole, TeamId};

use crate::error::{ConfigError, Result};
use crate::measure::won_business;

/// Who should own an account of a tier: a role, and if it matters a channel and a team (key
/// accounts are often an account executive in a key-account team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLevel {
    pub name: String,
    pub role: SalesRole,
    pub channel: Option<Channel>,
    pub team: Option<TeamId>,
}

impl StaffLevel {
    pub fn fits(&self, p: &Person) -> bool {
        p.role == self.role
            && self.channel.is_none_or(|c| p.channel == Some(c))
            && self.team.is_none_or(|t| p.team == Some(t))
    }
}

/// A tier: accounts spending at least `min_spend` (minor units of the organisation's currency)
/// over the window, and the staff level that serves them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpendTier {
    pub name: String,
    pub min_spend: i64,
    pub staff: StaffLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierRule {
    /// Highest spend first.
    pub tiers: Vec<SpendTier>,
    /// Trailing days of won bookings that make an account's spend.
    pub window_days: u32,
}

impl TierRule {
    pub fn validate(&self) -> Result<()> {
        if self.tiers.is_empty() {
            return Err(ConfigError::new("spend tiers", "give at least one tier"));
        }
        let mut names = HashSet::new();
        for t in &self.tiers {
            if !names.insert(t.name.as_str()) {
                return Err(ConfigError::new("spend tiers", format!("{} is named twice; names must differ", t.name)));
            }
            if t.min_spend < 0 {
                return Err(ConfigError::new("spend tiers", format!("{}: a minimum spend cannot be negative", t.name)));
            }
        }
        if let Some(w) = self.tiers.windows(2).find(|w| w[0].min_spend <= w[1].min_spend) {
            return Err(ConfigError::new(
                "spend tiers",
                format!("{} and {} overlap; list tiers from the highest minimum spend down", w[0].name, w[1].name),
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTier {
    pub account: AccountId,
    pub owner: Option<PersonId>,
    pub spend: i64,
    pub tier: String,
    pub tier_index: usize,
    /// Why the owner does not suit the tier; `None` when they do.
    pub mismatch: Option<String>,
}

/// Places every account that reaches a tier, and checks its owner against the tier's staff
/// level as of `as_of` (an owner who has left never matches).
pub fn spend_tiers(data: &Dataset, rule: &TierRule, as_of: NaiveDate) -> Result<Vec<AccountTier>> {
    rule.validate()?;
    let spend = won_business(data, as_of, rule.window_days).bookings;
    let people: HashMap<PersonId, &Person> = data.people.iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::new();
    for a in &data.accounts {
        let s = spend.get(&a.id).copied().unwrap_or(0);
        let Some(index) = rule.tiers.iter().position(|t| s >= t.min_spend) else { continue };
        let tier = &rule.tiers[index];
        let mismatch = match a.owner.map(|o| (o, people.get(&o))) {
            None => Some(format!("no owner; {} accounts belong with a {}", tier.name, tier.staff.name)),
            Some((o, None)) => Some(format!("owner {o} is not in the organisation")),
            Some((_, Some(p))) if !p.is_active_on(as_of) => {
                Some(format!("{} has left; {} accounts belong with a {}", p.name, tier.name, tier.staff.name))
            }
            Some((_, Some(p))) if !tier.staff.fits(p) => Some(format!(
                "{} is a {}{}; {} accounts belong with a {}",
                p.name,
                p.role,
                p.channel.map(|c| format!(" ({c})")).unwrap_or_default(),
                tier.name,
                tier.staff.name
            )),
            Some(_) => None,
        };
        out.push(AccountTier {
            account: a.id,
            owner: a.owner,
            spend: s,
            tier: tier.name.clone(),
            tier_index: index,
            mismatch,
        });
    }
    Ok(out)
}
