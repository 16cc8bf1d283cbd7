//! The snapshot, indexed once for every measure: who is in which team, which line a deal
//! sells, each deal's history in time order, contacts and activity dates per account and deal.
//! Everything here reads the [`Dataset`] as given; "as of" dates are applied by the measures.

use std::collections::HashMap;

use rustc_hash::FxHashMap as Map;

use chrono::NaiveDate;
use serde::Serialize;
use sutton_domain::{
    AccountId, Currency, Dataset, FiscalCalendar, ForecastCategory, Money, Opportunity, OpportunityChange,
    OpportunityId, OpportunityStatus, OpportunityType, Period, PeriodKind, PersonId, ProductLineId, QuotaOwner,
    QuotaTarget, Rate, TeamId,
};

/// A deal's state on one date, reconstructed from its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DealState<'a> {
    pub stage: &'a str,
    pub status: OpportunityStatus,
    pub probability: Rate,
    pub category: ForecastCategory,
    /// Minor units of the organisation's currency.
    pub amount: i64,
    pub close: NaiveDate,
}

impl DealState<'_> {
    pub fn is_open(&self) -> bool {
        self.status == OpportunityStatus::Open
    }
}

/// How figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Team,
    Rep,
    Product,
    Source,
    Stage,
    Category,
    /// The account's stored segment (see [`Facts::with_segments`]).
    Segment,
}

impl Dimension {
    pub fn parse(text: &str) -> Option<Dimension> {
        match text.trim().to_ascii_lowercase().as_str() {
            "team" => Some(Dimension::Team),
            "rep" | "person" | "owner" => Some(Dimension::Rep),
            "product" | "product_line" | "line" => Some(Dimension::Product),
            "source" => Some(Dimension::Source),
            "stage" => Some(Dimension::Stage),
            "category" | "forecast_category" => Some(Dimension::Category),
            "segment" => Some(Dimension::Segment),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Team => "team",
            Dimension::Rep => "rep",
            Dimension::Product => "product",
            Dimension::Source => "source",
            Dimension::Stage => "stage",
            Dimension::Category => "category",
            Dimension::Segment => "segment",
        }
    }
}

/// A group's name: the id it stands for where it has one (0 for "none" and for text keys).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Group {
    pub id: i64,
    pub name: String,
}

impl Group {
    pub fn new(id: i64, name: impl Into<String>) -> Group {
        Group { id, name: name.into() }
    }
}

/// Per deal: when it was created, its owner's team, whether its amount is in the organisation's
/// currency, and where its stretches start.
#[derive(Debug, Clone, Copy)]
struct DealFacts {
    created: NaiveDate,
    team: Option<TeamId>,
    counts: bool,
    stretches: u32,
}

/// From `from` on (until the deal's next stretch), the deal stood like this. 24 bytes.
#[derive(Debug, Clone, Copy)]
struct Stretch {
    from: NaiveDate,
    close: NaiveDate,
    amount: i64,
    probability_ppm: i32,
    stage: u16,
    status: OpportunityStatus,
    category: ForecastCategory,
}

/// Who was met where and when, from the contacts and the direct-selling activities.
#[derive(Debug, Default)]
struct Met {
    engaged_contacts: Map<AccountId, u32>,
    contacts_on_record: Map<AccountId, u32>,
    /// Per account: (date, contact) of every selling activity that named a contact, by date.
    contacts_met: Map<AccountId, Vec<(NaiveDate, sutton_domain::ContactId)>>,
    account_activity: Map<AccountId, Vec<NaiveDate>>,
    opp_activity: Map<OpportunityId, Vec<NaiveDate>>,
}

impl Met {
    fn read(data: &Dataset) -> Met {
        let mut engaged_contacts: Map<AccountId, u32> = Map::default();
        for c in data.contacts.iter().filter(|c| c.engaged) {
            if let Some(a) = c.account {
                *engaged_contacts.entry(a).or_default() += 1;
            }
        }
        let mut contacts_on_record: Map<AccountId, u32> = Map::default();
        for c in &data.contacts {
            if let Some(a) = c.account {
                *contacts_on_record.entry(a).or_default() += 1;
            }
        }
        let mut contacts_met: Map<AccountId, Vec<(NaiveDate, sutton_domain::ContactId)>> = Map::default();
        let mut account_activity: Map<AccountId, Vec<NaiveDate>> = Map::default();
        let mut opp_activity: Map<OpportunityId, Vec<NaiveDate>> = Map::default();
        for a in data.activities.iter().filter(|a| a.category.is_direct_selling()) {
            if let Some(acc) = a.account {
                account_activity.entry(acc).or_default().push(a.date);
                if let Some(c) = a.contact {
                    contacts_met.entry(acc).or_default().push((a.date, c));
                }
            }
            if let Some(o) = a.opportunity {
                opp_activity.entry(o).or_default().push(a.date);
            }
        }
        account_activity.values_mut().for_each(|v| v.sort_unstable());
        opp_activity.values_mut().for_each(|v| v.sort_unstable());
        contacts_met.values_mut().for_each(|v| v.sort_unstable());
        Met { engaged_contacts, contacts_on_record, contacts_met, account_activity, opp_activity }
    }
}

/// The indexed snapshot the measures read.
#[derive(Debug)]
pub struct Facts<'a> {
    pub data: &'a Dataset,
    pub currency: Currency,
    pub calendar: FiscalCalendar,
    person_team: Map<PersonId, TeamId>,
    person_name: Map<PersonId, &'a str>,
    team_name: Map<TeamId, &'a str>,
    line_name: Map<ProductLineId, &'a str>,
    account_owner: Map<AccountId, PersonId>,
    opp_index: Map<OpportunityId, usize>,
    /// Per opportunity (parallel to `data.opportunities`): the line carrying most of its value.
    opp_line: Vec<Option<ProductLineId>>,
    /// Per opportunity, what the measures ask of it most often, kept together and small so
    /// that a pass over a million deals reads memory in order.
    deals: Vec<DealFacts>,
    /// Every deal's life as stretches of one state each, deal after deal (`DealFacts::stretches`
    /// says where each deal's are): the compact form of the history `state_on` reads.
    stretches: Vec<Stretch>,
    /// Stage names, indexed by `Stretch::stage`.
    stage_names: Vec<&'a str>,
    /// Per opportunity: its range in `changes`.
    change_range: Vec<(u32, u32)>,
    changes: Vec<&'a OpportunityChange>,
    stage_order: Map<&'a str, i32>,
    met: Met,
    /// Per account: its ideal-client fit score and whether it fits, when scores exist.
    icp: HashMap<AccountId, (Rate, bool)>,
    /// Per account: its segment, when segments are stored.
    segments: HashMap<AccountId, String>,
}

impl<'a> Facts<'a> {
    pub fn new(data: &'a Dataset) -> Facts<'a> {
        // Who was met where and when comes from the activities and contacts, apart from the
        // deals' history: it is read on a second core while this one lays out the deals.
        std::thread::scope(|scope| {
            let met = scope.spawn(|| Met::read(data));
            let mut facts = Facts::deals(data);
            facts.met = met.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            facts
        })
    }

    /// Everything but [`Met`].
    fn deals(data: &'a Dataset) -> Facts<'a> {
        let person_team: Map<PersonId, TeamId> = data.people.iter().filter_map(|p| Some((p.id, p.team?))).collect();
        let person_name = data.people.iter().map(|p| (p.id, p.name.as_str())).collect();
        let team_name = data.teams.iter().map(|t| (t.id, t.name.as_str())).collect();
        let line_name = data.product_lines.iter().map(|l| (l.id, l.name.as_str())).collect();
        let account_owner = data.accounts.iter().filter_map(|a| Some((a.id, a.owner?))).collect();
        let opp_index: Map<OpportunityId, usize> =
            data.opportunities.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        let product_line: Map<_, _> = data.products.iter().map(|p| (p.id, p.line)).collect();
        let opp_line = data
            .opportunities
            .iter()
            .map(|o| {
                let mut by_line: Vec<(ProductLineId, i64)> = Vec::new();
                for l in &o.lines {
                    let Some(&line) = product_line.get(&l.product) else { continue };
                    let net = l.net_amount().map_or(0, |m| m.minor());
                    match by_line.iter_mut().find(|(x, _)| *x == line) {
                        Some(entry) => entry.1 += net,
                        None => by_line.push((line, net)),
                    }
                }
                // The largest line; the first listed wins a tie.
                let mut best: Option<(ProductLineId, i64)> = None;
                for (line, net) in by_line {
                    if best.is_none_or(|(_, b)| net > b) {
                        best = Some((line, net));
                    }
                }
                best.map(|(line, _)| line)
            })
            .collect();
        // Each deal's history in order of time (then id): placed deal by deal by counting (a
        // deal has a handful of entries among millions), then each deal's few sorted.
        let owner: Vec<Option<usize>> =
            data.opportunity_changes.iter().map(|c| opp_index.get(&c.opportunity).copied()).collect();
        let mut change_range = vec![(0u32, 0u32); data.opportunities.len()];
        for i in owner.iter().flatten() {
            change_range[*i].1 += 1;
        }
        let mut at = 0u32;
        for r in &mut change_range {
            let n = r.1;
            *r = (at, at);
            at += n;
        }
        let mut changes: Vec<Option<&OpportunityChange>> = vec![None; at as usize];
        for (c, i) in data.opportunity_changes.iter().zip(&owner) {
            if let Some(i) = i {
                let slot = &mut change_range[*i].1;
                changes[*slot as usize] = Some(c);
                *slot += 1;
            }
        }
        let mut changes: Vec<&OpportunityChange> = changes.into_iter().flatten().collect();
        for &(start, end) in &change_range {
            changes[start as usize..end as usize].sort_by(|a, b| a.changed_at.cmp(&b.changed_at).then(a.id.cmp(&b.id)));
        }
        let mut stage_names: Vec<&'a str> = Vec::new();
        let mut stage_index: Map<&'a str, u16> = Map::default();
        let mut stage_of = |name: &'a str| -> u16 {
            *stage_index.entry(name).or_insert_with(|| {
                stage_names.push(name);
                u16::try_from(stage_names.len() - 1).unwrap_or(u16::MAX)
            })
        };
        let ppm = |r: Rate| i32::try_from(r.ppm()).unwrap_or(i32::MAX);
        let mut deals = Vec::with_capacity(data.opportunities.len());
        let mut stretches = Vec::with_capacity(changes.len() + data.opportunities.len());
        for (i, o) in data.opportunities.iter().enumerate() {
            deals.push(DealFacts {
                created: o.created_on,
                team: person_team.get(&o.owner).copied(),
                counts: o.amount.currency() == data.organisation.currency,
                stretches: u32::try_from(stretches.len()).unwrap_or(u32::MAX),
            });
            let (start, end) = change_range[i];
            let history = &changes[start as usize..end as usize];
            if history.is_empty() {
                // No history: the deal as it stands now, still open on the days before it closed.
                let now = Stretch {
                    from: NaiveDate::MIN,
                    close: o.close_date,
                    amount: o.amount.minor(),
                    probability_ppm: ppm(o.probability),
                    stage: stage_of(o.stage.as_str()),
                    status: o.status,
                    category: o.forecast_category,
                };
                if !o.is_open() {
                    stretches.push(Stretch {
                        status: OpportunityStatus::Open,
                        category: ForecastCategory::Pipeline,
                        ..now
                    });
                    stretches.push(Stretch { from: o.close_date, ..now });
                } else {
                    stretches.push(now);
                }
            } else {
                // Created before its first entry, a deal takes that entry's state.
                for (k, c) in history.iter().enumerate() {
                    stretches.push(Stretch {
                        from: if k == 0 { NaiveDate::MIN } else { c.changed_at.date() },
                        close: c.close_date,
                        amount: c.amount.minor(),
                        probability_ppm: ppm(c.probability),
                        stage: stage_of(c.stage.as_str()),
                        status: c.status,
                        category: c.forecast_category,
                    });
                }
            }
        }
        deals.push(DealFacts {
            created: NaiveDate::MAX,
            team: None,
            counts: false,
            stretches: u32::try_from(stretches.len()).unwrap_or(u32::MAX),
        });
        let stage_order = data.stages.iter().map(|s| (s.name.as_str(), s.sort_order)).collect();
        Facts {
            data,
            currency: data.organisation.currency,
            calendar: data.organisation.calendar,
            person_team,
            person_name,
            team_name,
            line_name,
            account_owner,
            opp_index,
            opp_line,
            deals,
            stretches,
            stage_names,
            change_range,
            changes,
            stage_order,
            met: Met::default(),
            icp: HashMap::new(),
            segments: HashMap::new(),
        }
    }

    /// The same facts with ideal-client fit scores (score, fits) per account: deals at accounts
    /// that do not fit get the "outside ICP" flag.
    pub fn with_icp(mut self, fits: HashMap<AccountId, (Rate, bool)>) -> Facts<'a> {
        self.icp = fits;
        self
    }

    /// The same facts with each account's segment, for figures by segment.
    pub fn with_segments(mut self, segments: HashMap<AccountId, String>) -> Facts<'a> {
        self.segments = segments;
        self
    }

    /// The account's ideal-client fit (score, fits), if scores exist.
    pub fn icp_fit(&self, account: AccountId) -> Option<(Rate, bool)> {
        self.icp.get(&account).copied()
    }

    pub fn opportunities(&self) -> &'a [Opportunity] {
        &self.data.opportunities
    }

    /// Whether an opportunity's money is in the organisation's currency (others are left out of
    /// sums rather than mixed in).
    pub fn counts(&self, i: usize) -> bool {
        self.deals[i].counts
    }

    pub fn index_of(&self, id: OpportunityId) -> Option<usize> {
        self.opp_index.get(&id).copied()
    }

    pub fn team_of(&self, person: PersonId) -> Option<TeamId> {
        self.person_team.get(&person).copied()
    }

    pub fn team_of_deal(&self, i: usize) -> Option<TeamId> {
        self.deals[i].team
    }

    pub fn owner_of_account(&self, account: AccountId) -> Option<PersonId> {
        self.account_owner.get(&account).copied()
    }

    pub fn team_name(&self, team: TeamId) -> String {
        self.team_name.get(&team).map_or_else(|| format!("team {team}"), |n| (*n).to_owned())
    }

    pub fn person_name(&self, person: PersonId) -> String {
        self.person_name.get(&person).map_or_else(|| format!("person {person}"), |n| (*n).to_owned())
    }

    pub fn line_of(&self, i: usize) -> Option<ProductLineId> {
        self.opp_line[i]
    }

    pub fn line_name(&self, line: ProductLineId) -> String {
        self.line_name.get(&line).map_or_else(|| format!("line {line}"), |n| (*n).to_owned())
    }

    pub fn stage_order(&self, stage: &str) -> Option<i32> {
        self.stage_order.get(stage).copied()
    }

    /// Engaged contacts at an account (the domain's measure of how many threads hold it).
    pub fn engaged_contacts(&self, account: AccountId) -> u32 {
        self.met.engaged_contacts.get(&account).copied().unwrap_or(0)
    }

    /// How many people hold the relationship on `as_of`: contacts flagged engaged, or, if more,
    /// distinct contacts met in a selling activity in the year to `as_of` — never more than
    /// the contacts on record. One or none is a single-threaded account.
    pub fn threads(&self, account: AccountId, as_of: NaiveDate) -> u32 {
        let engaged = self.engaged_contacts(account);
        let met = self.met.contacts_met.get(&account).map_or(0, |v| {
            let from = as_of - chrono::Duration::days(365);
            let mut seen: Vec<sutton_domain::ContactId> =
                v.iter().filter(|(d, _)| *d > from && *d <= as_of).map(|(_, c)| *c).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len() as u32
        });
        let on_record = self.met.contacts_on_record.get(&account).copied().unwrap_or(0);
        engaged.max(met).min(on_record.max(engaged))
    }

    /// The last direct-selling activity at the account on or before `as_of`.
    pub fn last_account_activity(&self, account: AccountId, as_of: NaiveDate) -> Option<NaiveDate> {
        last_on_or_before(self.met.account_activity.get(&account)?, as_of)
    }

    /// The last direct-selling activity on the deal on or before `as_of`.
    pub fn last_deal_activity(&self, id: OpportunityId, as_of: NaiveDate) -> Option<NaiveDate> {
        last_on_or_before(self.met.opp_activity.get(&id)?, as_of)
    }

    /// Direct-selling activities at the account in `[from, to]`.
    pub fn account_activities_between(&self, account: AccountId, from: NaiveDate, to: NaiveDate) -> usize {
        let Some(dates) = self.met.account_activity.get(&account) else { return 0 };
        dates.partition_point(|d| *d <= to) - dates.partition_point(|d| *d < from)
    }

    /// Direct-selling activities linked to deals, with the deal's index: the raw material of
    /// "closing effort".
    pub fn deal_activities(&self) -> impl Iterator<Item = (usize, NaiveDate)> + '_ {
        self.met
            .opp_activity
            .iter()
            .filter_map(|(id, dates)| self.index_of(*id).map(|i| (i, dates)))
            .flat_map(|(i, dates)| dates.iter().map(move |d| (i, *d)))
    }

    /// The deal's history entries in time order.
    pub fn history(&self, i: usize) -> &[&'a OpportunityChange] {
        let (start, end) = self.change_range[i];
        &self.changes[start as usize..end as usize]
    }

    /// The deal's state at the end of `date`, or `None` if it did not exist yet. The state is the
    /// last history entry on or before the date; a deal created before its first entry takes the
    /// first entry's state; a deal without history is taken as it stands now, still open on
    /// dates before it closed.
    pub fn state_on(&self, i: usize, date: NaiveDate) -> Option<DealState<'a>> {
        let deal = &self.deals[i];
        if deal.created > date {
            return None;
        }
        let stretches = &self.stretches[deal.stretches as usize..self.deals[i + 1].stretches as usize];
        let at = stretches.partition_point(|s| s.from <= date).saturating_sub(1);
        let s = stretches.get(at)?;
        Some(DealState {
            stage: self.stage_names.get(usize::from(s.stage)).copied().unwrap_or(""),
            status: s.status,
            probability: Rate::from_ppm(i64::from(s.probability_ppm)),
            category: s.category,
            amount: s.amount,
            close: s.close,
        })
    }

    /// The period an open deal is expected to close in, seen on `date`: overdue deals count in
    /// the period of `date` itself.
    pub fn expected_period(&self, state: &DealState<'_>, date: NaiveDate, kind: PeriodKind) -> Period {
        self.calendar.period_of(state.close.max(date), kind)
    }

    /// The group a deal falls in, for a dimension (stage and category from `state`).
    pub fn group_of(&self, i: usize, state: &DealState<'_>, dimension: Dimension) -> Group {
        let o = &self.data.opportunities[i];
        match dimension {
            Dimension::Team => match self.team_of(o.owner) {
                Some(t) => Group::new(t.get(), self.team_name(t)),
                None => Group::new(0, "(no team)"),
            },
            Dimension::Rep => Group::new(o.owner.get(), self.person_name(o.owner)),
            Dimension::Product => match self.line_of(i) {
                Some(l) => Group::new(l.get(), self.line_name(l)),
                None => Group::new(0, "(no product)"),
            },
            Dimension::Source => Group::new(0, o.source.clone().unwrap_or_else(|| "(no source)".to_owned())),
            Dimension::Stage => Group::new(i64::from(self.stage_order(state.stage).unwrap_or(0)), state.stage),
            Dimension::Category => Group::new(0, state.category.as_str()),
            Dimension::Segment => {
                Group::new(0, self.segments.get(&o.account).cloned().unwrap_or_else(|| "(no segment)".to_owned()))
            }
        }
    }

    /// A team's bookings quota for a period: its own, or else the sum of its members'.
    pub fn team_quota(&self, team: TeamId, period: Period) -> Option<i64> {
        let own = self.quota_sum(period, |owner| owner == QuotaOwner::Team(team));
        own.or_else(|| {
            self.quota_sum(period, |owner| match owner {
                QuotaOwner::Person(p) => self.team_of(p) == Some(team),
                QuotaOwner::Team(_) => false,
            })
        })
    }

    pub fn person_quota(&self, person: PersonId, period: Period) -> Option<i64> {
        self.quota_sum(period, |owner| owner == QuotaOwner::Person(person))
    }

    /// The bookings quota for a period at the quota's own granularity: a month's quota is a
    /// third of its quarter's when only quarterly quotas exist (and a quarter's the sum of its
    /// months'), so coverage can be read by month too.
    fn quota_sum(&self, period: Period, owner: impl Fn(QuotaOwner) -> bool) -> Option<i64> {
        let mut direct: Option<i128> = None;
        let mut derived: Option<i128> = None;
        let start = self.calendar.start(period);
        let end = self.calendar.end(period);
        for q in &self.data.quotas {
            if !q.measure.is_money() || q.measure != sutton_domain::Measure::Bookings || !owner(q.owner) {
                continue;
            }
            let QuotaTarget::Money(m) = q.target else { continue };
            if m.currency() != self.currency {
                continue;
            }
            if q.period == period {
                *direct.get_or_insert(0) += i128::from(m.minor());
                continue;
            }
            // Overlap in months, prorated exactly on the quota's own months.
            let (qs, qe) = (self.calendar.start(q.period), self.calendar.end(q.period));
            let overlap_start = qs.max(start);
            let overlap_end = qe.min(end);
            if overlap_start >= overlap_end {
                continue;
            }
            let months = |a: NaiveDate, b: NaiveDate| {
                use chrono::Datelike;
                i128::from((b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32)
            };
            let share = months(overlap_start, overlap_end);
            let whole = months(qs, qe).max(1);
            *derived.get_or_insert(0) += i128::from(m.minor()) * share / whole;
        }
        direct.or(derived).map(clamp)
    }

    /// Teams that sell: those whose members own opportunities, in id order.
    pub fn selling_teams(&self) -> Vec<TeamId> {
        let mut teams: Vec<TeamId> =
            self.data.opportunities.iter().filter_map(|o| self.team_of(o.owner)).collect::<Vec<_>>();
        teams.sort_unstable();
        teams.dedup();
        teams
    }

    pub fn is_renewal(&self, i: usize) -> bool {
        self.data.opportunities[i].kind == OpportunityType::Renewal
    }

    pub fn money(&self, minor: i128) -> Money {
        Money::from_minor(clamp(minor), self.currency)
    }
}

/// An i128 sum back to i64 minor units, saturating (sums of i64 amounts cannot exceed it in
/// practice; saturation keeps a corrupt input from panicking).
pub fn clamp(minor: i128) -> i64 {
    i64::try_from(minor).unwrap_or(if minor < 0 { i64::MIN } else { i64::MAX })
}

/// `numerator / denominator` as a rate, `None` when the denominator is not positive.
pub fn ratio(numerator: i128, denominator: i128) -> Option<Rate> {
    if denominator <= 0 {
        return None;
    }
    // Scale both down together if they do not fit i64 (only for absurd inputs).
    let (mut n, mut d) = (numerator, denominator);
    while i64::try_from(n).is_err() || i64::try_from(d).is_err() {
        n /= 2;
        d /= 2;
    }
    Rate::ratio(n as i64, d.max(1) as i64)
}

fn last_on_or_before(dates: &[NaiveDate], as_of: NaiveDate) -> Option<NaiveDate> {
    let n = dates.partition_point(|d| *d <= as_of);
    n.checked_sub(1).map(|i| dates[i])
}
