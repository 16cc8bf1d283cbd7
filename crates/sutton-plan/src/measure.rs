//! What an account is worth, read from the snapshot as of a date: the figures segmentation,
//! spend tiers and whitespace rank by.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sutton_domain::{AccountId, Currency, Dataset, Money, OpportunityStatus};

/// Won business per account over a trailing window: bookings and gross profit in minor units
/// of the organisation's currency. Deals in another currency are left out, not converted.
#[derive(Debug, Clone, Default)]
pub(crate) struct WonBusiness {
    pub bookings: HashMap<AccountId, i64>,
    pub gross_profit: HashMap<AccountId, i64>,
}

/// The first day of a trailing window of `days` ending on `as_of`.
pub(crate) fn window_start(as_of: NaiveDate, days: u32) -> NaiveDate {
    as_of.checked_sub_days(Days::new(u64::from(days.saturating_sub(1)))).unwrap_or(NaiveDate::MIN)
}

pub(crate) fn won_business(data: &Dataset, as_of: NaiveDate, window_days: u32) -> WonBusiness {
    let currency = data.organisation.currency;
    let from = window_start(as_of, window_days);
    let mut out = WonBusiness::default();
    for o in &data.opportunities {
        if o.status != OpportunityStatus::Won || o.close_date < from || o.close_date > as_of {
            continue;
        }
        if o.amount.currency() != currency {
            continue;
        }
        let b = out.bookings.entry(o.account).or_default();
        *b = b.saturating_add(o.amount.minor());
        if let Ok(Some(gp)) = o.gross_profit() {
            let g = out.gross_profit.entry(o.account).or_default();
            *g = g.saturating_add(gp.minor());
        }
    }
    out
}

/// An amount in the organisation's currency, as minor units; anything else is not comparable.
pub(crate) fn minor_in(amount: Option<Money>, currency: Currency) -> Option<i64> {
    amount.filter(|m| m.currency() == currency).map(|m| m.minor())
}
