//! The headline figures of a viewer's scope: pipeline, bookings against quota, win rate,
//! where the time goes, and where the accounts are. Computed from scope-filtered rows and kept
//! for a minute per scope, so a dashboard that a hundred people refresh costs one computation.
//! When a minute is up, one request recomputes while the others are answered from the figures
//! just expired, and a cold start computes once while concurrent requests wait for it: a busy
//! dashboard never stalls every caller at once.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sutton_domain::*;

use crate::{App, AppError};

const FRESH_FOR: Duration = Duration::from_secs(60);

/// Bookings and quota of one quarter, in the organisation's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterFigures {
    pub period: Period,
    pub bookings: Money,
    pub quota: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// The organisation's name, currency and fiscal calendar the figures are in.
    pub organisation: Organisation,
    pub currency: Currency,
    pub today: NaiveDate,
    pub open_deals: usize,
    pub open_pipeline: Money,
    /// Open pipeline weighted by probability is not kept per deal here; the category split is.
    pub quarters: Vec<QuarterFigures>,
    /// Closed won ÷ closed in the last four complete quarters, by count.
    pub win_rate: Option<Rate>,
    /// Open pipeline per stage, in process order: (stage, deals, amount).
    pub stages: Vec<(String, usize, Money)>,
    /// Open pipeline by month of expected close × forecast category, for the next six months.
    pub months: Vec<(Period, Vec<(ForecastCategory, Money)>)>,
    /// Minutes logged by category over the last 90 days, direct selling first.
    pub time: Vec<(TimeCategory, u64)>,
    pub accounts: Vec<(AccountStatus, i64)>,
    /// Accounts and potential per geographic unit.
    pub units: Vec<(GeoUnitId, i64, Money)>,
}

impl Dashboard {
    pub fn direct_selling_share(&self) -> Option<Rate> {
        let total: u64 = self.time.iter().map(|(_, m)| m).sum();
        let direct: u64 = self.time.iter().filter(|(c, _)| c.is_direct_selling()).map(|(_, m)| m).sum();
        Rate::ratio(direct as i64, total as i64)
    }

    /// The current quarter's figures, if quotas or bookings exist for it.
    pub fn this_quarter(&self) -> Option<&QuarterFigures> {
        self.quarters.last()
    }
}

#[derive(Debug, Default)]
pub(crate) struct Cache {
    entries: HashMap<String, (Instant, NaiveDate, Arc<Dashboard>)>,
    /// One lock per scope, held by whoever is computing that scope's figures.
    computing: HashMap<String, Arc<Mutex<()>>>,
}

impl Cache {
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

fn scope_key(scope: &Scope) -> String {
    match scope {
        Scope::Everything => "*".to_owned(),
        Scope::People(set) => set.iter().map(|p| p.get().to_string()).collect::<Vec<_>>().join(","),
    }
}

impl App {
    /// The dashboard of a scope from memory, when computed less than a minute ago (no IO: safe
    /// to call from async code). `None` means "ask [`App::dashboard`]".
    pub fn remembered_dashboard(&self, scope: &Scope, today: NaiveDate) -> Option<Arc<Dashboard>> {
        let cache = self.cache();
        let (at, day, d) = cache.entries.get(&scope_key(scope))?;
        (*day == today && at.elapsed() < FRESH_FOR).then(|| d.clone())
    }

    /// The dashboard of a scope as of `today`.
    pub fn dashboard(&self, scope: &Scope, today: NaiveDate) -> Result<Arc<Dashboard>, AppError> {
        let key = scope_key(scope);
        let lookup = |app: &App| app.cache().entries.get(&key).filter(|(_, day, _)| *day == today).cloned();
        let cached = lookup(self);
        if let Some((at, _, d)) = &cached
            && at.elapsed() < FRESH_FOR
        {
            return Ok(d.clone());
        }
        let lock = self.cache().computing.entry(key.clone()).or_default().clone();
        let _guard = match (lock.try_lock(), cached) {
            (Ok(guard), _) => guard,
            // Someone else is recomputing: the figures of a minute ago will do meanwhile.
            (Err(_), Some((_, _, stale))) => return Ok(stale),
            // Nothing to show yet: wait for the computation under way, then use it.
            (Err(_), None) => {
                let guard = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some((at, _, d)) = lookup(self)
                    && at.elapsed() < FRESH_FOR
                {
                    return Ok(d);
                }
                guard
            }
        };
        let dashboard = Arc::new(self.compute_dashboard(scope, today)?);
        self.cache().entries.insert(key, (Instant::now(), today, dashboard.clone()));
        Ok(dashboard)
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.shared.dashboards.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn compute_dashboard(&self, scope: &Scope, today: NaiveDate) -> Result<Dashboard, AppError> {
        let org = self.store.organisation()?;
        let currency = org.currency;
        let calendar = org.calendar;
        let zero = Money::zero(currency);
        let add = |a: &mut Money, b: Money| {
            // Other currencies are left out of the organisation-currency totals, never mixed in.
            if let Ok(sum) = a.checked_add(b) {
                *a = sum;
            }
        };
        let deals = self.store.deal_facts(scope)?;
        let current = calendar.period_of(today, PeriodKind::Quarter);
        let first = current.offset(-7);
        let mut bookings: BTreeMap<Period, Money> = BTreeMap::new();
        let (mut won, mut closed) = (0_i64, 0_i64);
        let mut open_pipeline = zero;
        let mut open_deals = 0;
        let stage_order: HashMap<String, i32> =
            self.store.load_stages()?.into_iter().map(|s| (s.name, s.sort_order)).collect();
        let mut stages: BTreeMap<(i32, String), (usize, Money)> = BTreeMap::new();
        let this_month = calendar.period_of(today, PeriodKind::Month);
        let mut months: BTreeMap<Period, BTreeMap<ForecastCategory, Money>> = BTreeMap::new();
        for d in &deals {
            let quarter = calendar.period_of(d.close_date, PeriodKind::Quarter);
            match d.status {
                OpportunityStatus::Won => {
                    if quarter >= first && quarter <= current {
                        add(bookings.entry(quarter).or_insert(zero), d.amount);
                    }
                    if quarter >= current.offset(-4) && quarter < current {
                        won += 1;
                        closed += 1;
                    }
                }
                OpportunityStatus::Lost => {
                    if quarter >= current.offset(-4) && quarter < current {
                        closed += 1;
                    }
                }
                OpportunityStatus::Open => {
                    open_deals += 1;
                    add(&mut open_pipeline, d.amount);
                    let order = stage_order.get(&d.stage).copied().unwrap_or(i32::MAX);
                    let e = stages.entry((order, d.stage.clone())).or_insert((0, zero));
                    e.0 += 1;
                    add(&mut e.1, d.amount);
                    let month = calendar.period_of(d.close_date, PeriodKind::Month);
                    if month >= this_month && month < this_month.offset(6) {
                        add(months.entry(month).or_default().entry(d.forecast_category).or_insert(zero), d.amount);
                    }
                }
            }
        }
        let mut quota: BTreeMap<Period, Money> = BTreeMap::new();
        for q in self.store.quotas(scope)? {
            if q.measure == Measure::Bookings
                && q.period.kind() == PeriodKind::Quarter
                && let QuotaTarget::Money(m) = q.target
            {
                add(quota.entry(q.period).or_insert(zero), m);
            }
        }
        let quarters = (0..8)
            .map(|i| {
                let period = first.offset(i);
                QuarterFigures {
                    period,
                    bookings: bookings.get(&period).copied().unwrap_or(zero),
                    quota: quota.get(&period).copied().unwrap_or(zero),
                }
            })
            .collect();
        let mut time: BTreeMap<TimeCategory, u64> = BTreeMap::new();
        for a in self.store.activity_facts(scope, today - chrono::Duration::days(90))? {
            *time.entry(a.category).or_default() += u64::from(a.minutes);
        }
        let mut time: Vec<(TimeCategory, u64)> = time.into_iter().collect();
        time.sort_by_key(|(c, m)| (!c.is_direct_selling(), std::cmp::Reverse(*m)));
        let months = (0..6)
            .map(|i| {
                let month = this_month.offset(i);
                let by_category = months.remove(&month).unwrap_or_default().into_iter().collect();
                (month, by_category)
            })
            .collect();
        Ok(Dashboard {
            organisation: org.clone(),
            currency,
            today,
            open_deals,
            open_pipeline,
            quarters,
            win_rate: Rate::ratio(won, closed),
            stages: stages.into_iter().map(|((_, name), (n, m))| (name, n, m)).collect(),
            months,
            time,
            accounts: self.store.account_counts(scope)?,
            units: self
                .store
                .accounts_by_unit(scope, currency)?
                .into_iter()
                .map(|(u, n, minor)| (u, n, Money::from_minor(minor, currency)))
                .collect(),
        })
    }
}
