//! SEG-2: ideal-client-profile fit, and how much of the new-business pipeline fits.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_domain::{
    Account, AccountId, AccountStatus, Dataset, OpportunityStatus, OpportunityType, PersonId, Rate, TeamId,
};

use crate::error::{ConfigError, Result};
use crate::measure::minor_in;

/// An account attribute a criterion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IcpAttribute {
    /// Size: number of employees.
    Employees,
    /// Budget: the account's own annual revenue, minor units of the organisation's currency.
    AnnualRevenue,
    /// What it could spend with us a year, minor units.
    Potential,
    Industry,
    /// State or region.
    Region,
    /// Buying habits: already a customer.
    Customer,
    /// Buying circumstance: part of a group (has a parent account).
    PartOfGroup,
}

impl IcpAttribute {
    fn kind(self) -> &'static str {
        match self {
            IcpAttribute::Employees | IcpAttribute::AnnualRevenue | IcpAttribute::Potential => "number",
            IcpAttribute::Industry | IcpAttribute::Region => "text",
            IcpAttribute::Customer | IcpAttribute::PartOfGroup => "yes/no",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IcpAttribute::Employees => "employees",
            IcpAttribute::AnnualRevenue => "annual_revenue",
            IcpAttribute::Potential => "potential",
            IcpAttribute::Industry => "industry",
            IcpAttribute::Region => "region",
            IcpAttribute::Customer => "customer",
            IcpAttribute::PartOfGroup => "part_of_group",
        }
    }
}

/// What the attribute must be for the criterion to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IcpTest {
    /// `min ≤ value ≤ max`, either end open.
    Range {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// One of these values (compared without regard to case or surrounding spaces).
    OneOf(Vec<String>),
    Is(bool),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcpCriterion {
    pub name: String,
    pub attribute: IcpAttribute,
    pub test: IcpTest,
    pub weight: u32,
}

/// A named ideal-client profile: weighted criteria, and the score from which an account fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcpProfile {
    pub name: String,
    pub criteria: Vec<IcpCriterion>,
    pub fit_from: Rate,
}

impl IcpProfile {
    /// Refuses a test that does not suit its attribute, empty ranges and sets, and a profile
    /// whose weights add to nothing.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(ConfigError::new("ICP profile", "give the profile a name"));
        }
        if self.criteria.iter().map(|c| u64::from(c.weight)).sum::<u64>() == 0 {
            return Err(ConfigError::new(
                "ICP profile",
                format!("{}: give at least one criterion a weight", self.name),
            ));
        }
        if !(0..=Rate::ONE.ppm()).contains(&self.fit_from.ppm()) {
            return Err(ConfigError::new(
                "ICP fit threshold",
                format!("{} must be between 0 and 100 %", self.fit_from),
            ));
        }
        for c in &self.criteria {
            let kind = c.attribute.kind();
            let suits = match &c.test {
                IcpTest::Range { min, max } => {
                    if let (Some(lo), Some(hi)) = (min, max)
                        && lo > hi
                    {
                        return Err(ConfigError::new(
                            "ICP criterion",
                            format!("{}: the range {lo}–{hi} is empty; put the smaller bound first", c.name),
                        ));
                    }
                    kind == "number"
                }
                IcpTest::OneOf(values) => {
                    if values.is_empty() {
                        return Err(ConfigError::new("ICP criterion", format!("{}: list at least one value", c.name)));
                    }
                    kind == "text"
                }
                IcpTest::Is(_) => kind == "yes/no",
            };
            if !suits {
                return Err(ConfigError::new(
                    "ICP criterion",
                    format!("{}: {} is a {kind} attribute; use a test for a {kind}", c.name, c.attribute.as_str()),
                ));
            }
        }
        Ok(())
    }
}

/// One criterion as it applied to an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub criterion: String,
    pub weight: u32,
    /// `None`: the account does not record the attribute (counts as not met).
    pub met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcpScore {
    pub account: AccountId,
    /// Weight of the criteria met ÷ total weight.
    pub score: Rate,
    pub fits: bool,
    pub criteria: Vec<CriterionResult>,
}

/// Scores every account against the profile.
pub fn score_accounts(data: &Dataset, profile: &IcpProfile) -> Result<Vec<IcpScore>> {
    profile.validate()?;
    let total: u64 = profile.criteria.iter().map(|c| u64::from(c.weight)).sum();
    Ok(data
        .accounts
        .iter()
        .map(|a| {
            let criteria: Vec<CriterionResult> = profile
                .criteria
                .iter()
                .map(|c| CriterionResult { criterion: c.name.clone(), weight: c.weight, met: meets(data, a, c) })
                .collect();
            let met: u64 = criteria.iter().filter(|r| r.met == Some(true)).map(|r| u64::from(r.weight)).sum();
            let score = Rate::ratio(met as i64, total as i64).unwrap_or(Rate::ZERO);
            IcpScore { account: a.id, score, fits: score >= profile.fit_from, criteria }
        })
        .collect())
}

fn meets(data: &Dataset, a: &Account, c: &IcpCriterion) -> Option<bool> {
    let currency = data.organisation.currency;
    match (&c.test, c.attribute) {
        (IcpTest::Range { min, max }, attr) => {
            let value = match attr {
                IcpAttribute::Employees => a.employees.map(i64::from),
                IcpAttribute::AnnualRevenue => minor_in(a.annual_revenue, currency),
                IcpAttribute::Potential => minor_in(a.potential, currency),
                _ => None,
            }?;
            Some(min.is_none_or(|lo| value >= lo) && max.is_none_or(|hi| value <= hi))
        }
        (IcpTest::OneOf(values), attr) => {
            let value = match attr {
                IcpAttribute::Industry => a.industry.as_deref(),
                IcpAttribute::Region => a.location.region.as_deref(),
                _ => None,
            }?;
            let value = value.trim();
            Some(values.iter().any(|v| v.trim().eq_ignore_ascii_case(value)))
        }
        (IcpTest::Is(wanted), attr) => {
            let value = match attr {
                IcpAttribute::Customer => a.status == AccountStatus::Customer,
                IcpAttribute::PartOfGroup => a.parent.is_some(),
                _ => return None,
            };
            Some(value == *wanted)
        }
    }
}

/// Open new-business pipeline and the part of it on accounts that fit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineFit {
    pub deals: u32,
    pub fitting_deals: u32,
    /// Minor units of the organisation's currency.
    pub amount: i64,
    pub fitting_amount: i64,
}

impl PipelineFit {
    /// Fitting share of the amount.
    pub fn share(&self) -> Rate {
        Rate::ratio(self.fitting_amount, self.amount).unwrap_or(Rate::ZERO)
    }

    fn add(&mut self, amount: i64, fits: bool) {
        self.deals += 1;
        self.amount = self.amount.saturating_add(amount);
        if fits {
            self.fitting_deals += 1;
            self.fitting_amount = self.fitting_amount.saturating_add(amount);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineFitReport {
    pub total: PipelineFit,
    pub by_rep: BTreeMap<PersonId, PipelineFit>,
    /// By the owner's team; owners without a team are in the total only.
    pub by_team: BTreeMap<TeamId, PipelineFit>,
}

/// The share of open new-business pipeline on fitting accounts: deals created on or before
/// `as_of` and open now, in the organisation's currency.
pub fn pipeline_fit(data: &Dataset, scores: &[IcpScore], as_of: NaiveDate) -> PipelineFitReport {
    let fits: HashMap<AccountId, bool> = scores.iter().map(|s| (s.account, s.fits)).collect();
    let team: HashMap<PersonId, Option<TeamId>> = data.people.iter().map(|p| (p.id, p.team)).collect();
    let currency = data.organisation.currency;
    let mut report =
        PipelineFitReport { total: PipelineFit::default(), by_rep: BTreeMap::new(), by_team: BTreeMap::new() };
    for o in &data.opportunities {
        if o.status != OpportunityStatus::Open
            || o.kind != OpportunityType::NewBusiness
            || o.created_on > as_of
            || o.amount.currency() != currency
        {
            continue;
        }
        let fit = fits.get(&o.account).copied().unwrap_or(false);
        let amount = o.amount.minor();
        report.total.add(amount, fit);
        report.by_rep.entry(o.owner).or_default().add(amount, fit);
        if let Some(Some(t)) = team.get(&o.owner) {
            report.by_team.entry(*t).or_default().add(amount, fit);
        }
    }
    report
}
