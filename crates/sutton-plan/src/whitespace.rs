//! SEG-4: whitespace — the product lines a customer does not yet buy, valued by what similar
//! customers spend on them.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sutton_domain::{
    AccountId, AccountStatus, Dataset, Money, OpportunityStatus, PersonId, ProductId, ProductLineId, Rate, Rounding,
};

use crate::measure::window_start;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhitespaceOptions {
    /// Trailing days of won business that make a peer's spend on a line.
    pub window_days: u32,
    /// Fewer other customers than this in the industry: compare with every customer instead.
    pub min_peers: u32,
}

impl Default for WhitespaceOptions {
    fn default() -> Self {
        WhitespaceOptions { window_days: 365, min_peers: 5 }
    }
}

/// Whom a customer is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerGroup {
    Industry(String),
    AllCustomers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhitespaceItem {
    pub account: AccountId,
    pub owner: Option<PersonId>,
    pub line: ProductLineId,
    /// Mean spend on the line over the window per peer (buyers and non-buyers alike): what a
    /// similar customer spends on it. Rounded half away from zero, once.
    pub expected: Money,
    pub peers: u32,
    /// Share of the peers that have ever bought the line.
    pub penetration: Rate,
    pub peer_group: PeerGroup,
}

/// Per owner (unowned customers under `None`), the lines their customers do not buy, the most
/// valuable first. Lines no peer spent on in the window are left out: nothing says they sell.
pub fn whitespace(
    data: &Dataset,
    as_of: NaiveDate,
    options: &WhitespaceOptions,
) -> BTreeMap<Option<PersonId>, Vec<WhitespaceItem>> {
    let currency = data.organisation.currency;
    let line_of: HashMap<ProductId, ProductLineId> = data.products.iter().map(|p| (p.id, p.line)).collect();
    let from = window_start(as_of, options.window_days);
    let mut bought: HashMap<AccountId, HashSet<ProductLineId>> = HashMap::new();
    let mut spend: HashMap<(AccountId, ProductLineId), i128> = HashMap::new();
    for o in data.opportunities.iter().filter(|o| o.status == OpportunityStatus::Won && o.close_date <= as_of) {
        for l in &o.lines {
            let Some(line) = line_of.get(&l.product) else { continue };
            bought.entry(o.account).or_default().insert(*line);
            if o.close_date >= from
                && let Ok(net) = l.net_amount()
                && net.currency() == currency
            {
                *spend.entry((o.account, *line)).or_default() += i128::from(net.minor());
            }
        }
    }
    for c in data.contracts.iter().filter(|c| c.start <= as_of) {
        if let Some(line) = c.product_line {
            bought.entry(c.account).or_default().insert(line);
        }
    }

    let customers: Vec<_> = data.accounts.iter().filter(|a| a.status == AccountStatus::Customer).collect();
    let industry = |a: &sutton_domain::Account| a.industry.as_deref().map(|i| i.trim().to_lowercase());
    let mut by_industry: HashMap<Option<String>, Vec<AccountId>> = HashMap::new();
    for a in &customers {
        by_industry.entry(industry(a)).or_default().push(a.id);
    }
    let everyone: Vec<AccountId> = customers.iter().map(|a| a.id).collect();
    let lines: Vec<ProductLineId> = data.product_lines.iter().map(|l| l.id).collect();

    let mut out: BTreeMap<Option<PersonId>, Vec<WhitespaceItem>> = BTreeMap::new();
    for a in &customers {
        let key = industry(a);
        let same = key.as_ref().and_then(|k| by_industry.get(&Some(k.clone())));
        let (pool, group) = match (same, &a.industry) {
            (Some(ids), Some(name)) if ids.len() as u32 > options.min_peers => {
                (ids, PeerGroup::Industry(name.trim().to_owned()))
            }
            _ => (&everyone, PeerGroup::AllCustomers),
        };
        let peers: Vec<AccountId> = pool.iter().copied().filter(|p| *p != a.id).collect();
        if peers.is_empty() {
            continue;
        }
        let mine = bought.get(&a.id);
        for line in &lines {
            if mine.is_some_and(|m| m.contains(line)) {
                continue;
            }
            let total: i128 = peers.iter().map(|p| spend.get(&(*p, *line)).copied().unwrap_or(0)).sum();
            let mean = Rounding::HalfAwayFromZero.divide(total, peers.len() as i128);
            let Ok(mean) = i64::try_from(mean) else { continue };
            if mean <= 0 {
                continue;
            }
            let buying = peers.iter().filter(|p| bought.get(p).is_some_and(|b| b.contains(line))).count();
            out.entry(a.owner).or_default().push(WhitespaceItem {
                account: a.id,
                owner: a.owner,
                line: *line,
                expected: Money::from_minor(mean, currency),
                peers: peers.len() as u32,
                penetration: Rate::ratio(buying as i64, peers.len() as i64).unwrap_or(Rate::ZERO),
                peer_group: group.clone(),
            });
        }
    }
    for items in out.values_mut() {
        items.sort_by(|x, y| {
            y.expected.minor().cmp(&x.expected.minor()).then(x.account.cmp(&y.account)).then(x.line.cmp(&y.line))
        });
    }
    out
}
