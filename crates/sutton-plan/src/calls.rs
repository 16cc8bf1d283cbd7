//! CALL-1, 2, 4, 5, 6: call patterns checked against the segments, the workload they make and
//! the people it needs, planned against actual calls, each rep's work queue, calls per account
//! by segment, and where each person's time goes.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sutton_domain::{
    AccountId, Activity, ActivityKind, AlignedUnit, AlignmentStatus, CallPattern, CallPatternId, Channel, ContactMode,
    Dataset, Person, PersonId, Rate, SalesRole, Segment, TeamId, TerritoryId,
};

use crate::error::{ConfigError, Result};
use crate::segment::Segmentation;

/// Refuses patterns that are invalid in themselves or name a segment the segmentation does not
/// have.
pub fn check_patterns(patterns: &[CallPattern], segments: &[Segment]) -> Result<()> {
    for p in patterns {
        p.validate().map_err(|e| ConfigError::new("call pattern", format!("pattern {}: {e}", p.id)))?;
        if !segments.contains(&p.segment) {
            return Err(ConfigError::new(
                "call pattern",
                format!(
                    "pattern {} is for segment {}, which the segmentation does not have ({}); rename the pattern's segment or delete it",
                    p.id,
                    p.segment,
                    segments.iter().map(Segment::as_str).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// How workload is built up.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WorkloadOptions {
    /// Average door-to-door speed for face-to-face calls, km/h.
    pub speed_kmh: u32,
    /// Each face-to-face call is a trip out and back from the caller's home.
    pub round_trip: bool,
    /// Working weeks a year, to turn weekly capacity into yearly.
    pub working_weeks: u32,
}

impl Default for WorkloadOptions {
    fn default() -> Self {
        WorkloadOptions { speed_kmh: 50, round_trip: true, working_weeks: 46 }
    }
}

/// One pattern's calls on one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatternCalls {
    pub pattern: CallPatternId,
    pub role: SalesRole,
    pub channel: Channel,
    pub mode: ContactMode,
    /// Who makes them: the owner if the owner is of the pattern's role and channel, else the
    /// nearest manager above the owner who is; `None` if nobody is.
    pub caller: Option<PersonId>,
    pub calls_per_year: u32,
    pub duration_minutes: u32,
    /// Travel per call (face-to-face calls with both places known), whole minutes.
    pub travel_minutes: u32,
}

impl PatternCalls {
    /// calls × (duration + travel).
    pub fn minutes_per_year(&self) -> u64 {
        u64::from(self.calls_per_year) * u64::from(self.duration_minutes + self.travel_minutes)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountWorkload {
    pub account: AccountId,
    pub segment: Segment,
    pub owner: Option<PersonId>,
    pub territory: Option<TerritoryId>,
    pub calls: Vec<PatternCalls>,
}

impl AccountWorkload {
    pub fn calls_per_year(&self) -> u32 {
        self.calls.iter().map(|c| c.calls_per_year).sum()
    }

    pub fn minutes_per_year(&self) -> u64 {
        self.calls.iter().map(PatternCalls::minutes_per_year).sum()
    }
}

/// Yearly minutes against yearly capacity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Load {
    pub accounts: u32,
    pub calls_per_year: u64,
    pub call_minutes: u64,
    pub travel_minutes: u64,
    pub capacity_minutes: u64,
}

impl Load {
    pub fn minutes(&self) -> u64 {
        self.call_minutes + self.travel_minutes
    }

    /// Workload ÷ capacity (none when there is no capacity).
    pub fn utilisation(&self) -> Option<Rate> {
        Rate::ratio(self.minutes() as i64, self.capacity_minutes as i64)
    }

    fn add_calls(&mut self, c: &PatternCalls) {
        self.calls_per_year += u64::from(c.calls_per_year);
        self.call_minutes += u64::from(c.calls_per_year) * u64::from(c.duration_minutes);
        self.travel_minutes += u64::from(c.calls_per_year) * u64::from(c.travel_minutes);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleSizing {
    pub role: SalesRole,
    pub channel: Channel,
    /// All the pattern's calls, served or not (travel only where the caller is known).
    pub minutes_per_year: u64,
    /// Mean yearly capacity of the active people in the role (a 40-hour week if there are none).
    pub capacity_per_person: u64,
    pub people_now: u32,
    /// minutes ÷ capacity per person.
    pub people_needed: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    pub options: WorkloadOptions,
    pub accounts: Vec<AccountWorkload>,
    /// Every active person with a book or with calls to make.
    pub people: BTreeMap<PersonId, Load>,
    pub teams: BTreeMap<TeamId, Load>,
    /// By territory of the current alignment (accounts named in it, else by their geographic unit).
    pub territories: BTreeMap<TerritoryId, Load>,
    pub sizing: Vec<RoleSizing>,
    /// Pattern calls nobody is there to make: (account, pattern).
    pub unserved: Vec<(AccountId, CallPatternId)>,
    /// Face-to-face calls whose travel could not be estimated (a place without coordinates).
    pub calls_without_travel: u32,
}

/// Builds up the workload the patterns make on the segmented accounts, as of `as_of` (people who
/// have left do not call; the call passes up to their manager).
pub fn workload(
    data: &Dataset,
    segmentation: &Segmentation,
    as_of: NaiveDate,
    options: &WorkloadOptions,
) -> Result<Workload> {
    check_patterns(&data.call_patterns, &segmentation.rule.names)?;
    if options.speed_kmh == 0 {
        return Err(ConfigError::new("travel speed", "give a speed above 0 km/h"));
    }
    let people: HashMap<PersonId, &Person> = data.people.iter().map(|p| (p.id, p)).collect();
    let accounts = AccountsById::new(&data.accounts);
    let territory_of = territories_of(data);
    // Patterns by the index of their segment among the rule's names (all are there: checked).
    let names = &segmentation.rule.names;
    let mut by_segment: Vec<Vec<&CallPattern>> = vec![Vec::new(); names.len()];
    for p in &data.call_patterns {
        if let Some(i) = names.iter().position(|n| n == &p.segment) {
            by_segment[i].push(p);
        }
    }

    let mut out = Workload {
        options: *options,
        accounts: Vec::new(),
        people: BTreeMap::new(),
        teams: BTreeMap::new(),
        territories: BTreeMap::new(),
        sizing: Vec::new(),
        unserved: Vec::new(),
        calls_without_travel: 0,
    };
    for p in data.people.iter().filter(|p| p.is_active_on(as_of) && p.role.carries_book()) {
        out.people.insert(p.id, capacity_load(p, options));
    }

    let mut role_minutes: BTreeMap<(SalesRole, Channel), u64> = BTreeMap::new();
    for s in &segmentation.accounts {
        let mut calls = Vec::new();
        for p in by_segment.get(s.segment_index).into_iter().flatten() {
            let caller = caller_for(&people, s.owner, p.role, p.channel, as_of);
            let mut travel_minutes = 0;
            if p.mode == ContactMode::FaceToFace {
                let from = caller.and_then(|c| people.get(&c)).and_then(|c| c.home.coordinates);
                // Looked up only for the calls that travel: an account the snapshot lacks has
                // no place, so its travel is unknown.
                let there = accounts.get(s.account).and_then(|a| a.location.coordinates);
                match (from, there) {
                    (Some(home), Some(there)) => {
                        let km = home.distance_km(&there) * if options.round_trip { 2.0 } else { 1.0 };
                        travel_minutes = (km / f64::from(options.speed_kmh) * 60.0).round() as u32;
                    }
                    _ => out.calls_without_travel += p.calls_per_year(),
                }
            }
            let line = PatternCalls {
                pattern: p.id,
                role: p.role,
                channel: p.channel,
                mode: p.mode,
                caller,
                calls_per_year: p.calls_per_year(),
                duration_minutes: p.duration_minutes,
                travel_minutes,
            };
            *role_minutes.entry((p.role, p.channel)).or_default() += line.minutes_per_year();
            if caller.is_none() {
                out.unserved.push((s.account, p.id));
            }
            calls.push(line);
        }
        let w = AccountWorkload {
            account: s.account,
            segment: segmentation.segment(s).clone(),
            owner: s.owner,
            territory: territory_of.get(&s.account).copied(),
            calls,
        };
        // An account counts once for each person calling it (a handful of patterns at most).
        let mut counted: Vec<PersonId> = Vec::new();
        for c in &w.calls {
            let Some(caller) = c.caller else { continue };
            let load = match out.people.entry(caller) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => match people.get(&caller) {
                    Some(p) => e.insert(capacity_load(p, options)),
                    None => continue,
                },
            };
            load.add_calls(c);
            if !counted.contains(&caller) {
                counted.push(caller);
                load.accounts += 1;
            }
        }
        if let Some(t) = w.territory {
            let load = out.territories.entry(t).or_default();
            load.accounts += 1;
            w.calls.iter().for_each(|c| load.add_calls(c));
        }
        out.accounts.push(w);
    }

    for (person, load) in &out.people {
        if let Some(team) = people.get(person).and_then(|p| p.team) {
            let t = out.teams.entry(team).or_default();
            t.accounts += load.accounts;
            t.calls_per_year += load.calls_per_year;
            t.call_minutes += load.call_minutes;
            t.travel_minutes += load.travel_minutes;
            t.capacity_minutes += load.capacity_minutes;
        }
    }

    for ((role, channel), minutes) in role_minutes {
        let now: Vec<&Person> = data
            .people
            .iter()
            .filter(|p| p.is_active_on(as_of) && p.role == role && p.channel.is_none_or(|c| c == channel))
            .collect();
        let capacity_per_person = if now.is_empty() {
            u64::from(Person::FULL_WEEK_MINUTES) * u64::from(options.working_weeks)
        } else {
            now.iter().map(|p| capacity_load(p, options).capacity_minutes).sum::<u64>() / now.len() as u64
        };
        let people_needed = if capacity_per_person == 0 { 0.0 } else { minutes as f64 / capacity_per_person as f64 };
        out.sizing.push(RoleSizing {
            role,
            channel,
            minutes_per_year: minutes,
            capacity_per_person,
            people_now: now.len() as u32,
            people_needed,
        });
    }
    Ok(out)
}

/// Accounts by id: a binary search when the snapshot lists them in id order (as the store
/// reads them), so a million accounts need no index built; a hash index otherwise.
enum AccountsById<'d> {
    Sorted(&'d [sutton_domain::Account]),
    Indexed(HashMap<AccountId, &'d sutton_domain::Account>),
}

impl<'d> AccountsById<'d> {
    fn new(accounts: &'d [sutton_domain::Account]) -> Self {
        if accounts.is_sorted_by_key(|a| a.id) {
            AccountsById::Sorted(accounts)
        } else {
            AccountsById::Indexed(accounts.iter().map(|a| (a.id, a)).collect())
        }
    }

    fn get(&self, id: AccountId) -> Option<&'d sutton_domain::Account> {
        match self {
            AccountsById::Sorted(list) => list.binary_search_by_key(&id, |a| a.id).ok().map(|i| &list[i]),
            AccountsById::Indexed(map) => map.get(&id).copied(),
        }
    }
}

fn capacity_load(p: &Person, options: &WorkloadOptions) -> Load {
    Load {
        capacity_minutes: u64::from(p.weekly_capacity_minutes) * u64::from(options.working_weeks),
        ..Load::default()
    }
}

/// The owner if they are of the role and channel and still here; else the nearest such manager
/// above them.
fn caller_for(
    people: &HashMap<PersonId, &Person>,
    owner: Option<PersonId>,
    role: SalesRole,
    channel: Channel,
    as_of: NaiveDate,
) -> Option<PersonId> {
    let mut current = owner;
    // A manager chain longer than the organisation is a cycle in bad data: stop there.
    for _ in 0..=people.len() {
        let person = people.get(&current?)?;
        if person.role == role && person.channel.is_none_or(|c| c == channel) && person.is_active_on(as_of) {
            return Some(person.id);
        }
        current = person.manager;
    }
    None
}

/// Each account's territory in the current alignment: named accounts first, then the
/// geographic unit the account sits in.
pub fn territories_of(data: &Dataset) -> HashMap<AccountId, TerritoryId> {
    let Some(current) = data.alignments.iter().find(|a| a.status == AlignmentStatus::Current) else {
        return HashMap::new();
    };
    let mut named = HashMap::new();
    let mut units = HashMap::new();
    for t in data.territory_assignments.iter().filter(|t| t.alignment == current.id) {
        match t.unit {
            AlignedUnit::Account(a) => {
                named.insert(a, t.territory);
            }
            AlignedUnit::Geo(u) => {
                units.insert(u, t.territory);
            }
        }
    }
    data.accounts
        .iter()
        .filter_map(|a| {
            let t = named.get(&a.id).or_else(|| a.location.geo_unit.and_then(|u| units.get(&u)))?;
            Some((a.id, *t))
        })
        .collect()
}

/// A customer conversation: a call, visit or meeting in direct selling time, in person, by
/// phone or video. E-mails and internal work are not calls.
pub fn is_call(a: &Activity) -> bool {
    matches!(a.kind, ActivityKind::Call | ActivityKind::Visit | ActivityKind::Meeting)
        && matches!(a.mode, ContactMode::FaceToFace | ContactMode::Phone | ContactMode::Video)
        && a.category.is_direct_selling()
}

/// Fraction of a year the inclusive window `from..=to` covers: whole calendar months count as
/// twelfths (a quarter is exactly ¼), any other window as days ÷ 365.
pub fn year_fraction(from: NaiveDate, to: NaiveDate) -> f64 {
    if to < from {
        return 0.0;
    }
    let whole_months = from.day() == 1 && to.succ_opt().is_none_or(|next| next.day() == 1);
    if whole_months {
        let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
        f64::from(months) / 12.0
    } else {
        ((to - from).num_days() + 1) as f64 / 365.0
    }
}

/// Planned against actual calls, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplianceTotals {
    pub accounts: u32,
    pub planned: f64,
    pub actual: u64,
    /// Accounts with fewer calls than planned.
    pub behind: u32,
    pub overdue: u32,
}

impl ComplianceTotals {
    /// Actual ÷ planned (none when nothing was planned).
    pub fn ratio(&self) -> Option<f64> {
        (self.planned > 0.0).then(|| self.actual as f64 / self.planned)
    }

    fn add(&mut self, a: &AccountCompliance) {
        self.accounts += 1;
        self.planned += a.planned;
        self.actual += u64::from(a.actual);
        self.behind += u32::from(a.behind());
        self.overdue += u32::from(a.overdue);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountCompliance {
    pub account: AccountId,
    pub segment: Segment,
    pub segment_index: usize,
    pub owner: Option<PersonId>,
    pub team: Option<TeamId>,
    /// Pattern calls a year × the window's share of a year.
    pub planned: f64,
    pub actual: u32,
    /// The latest call on or before the end of the window.
    pub last_call: Option<NaiveDate>,
    /// Days between calls the pattern asks for (365 ÷ calls a year).
    pub interval_days: f64,
    /// Days past the interval at the end of the window (0 when not due; none if never called).
    pub days_overdue: Option<i64>,
    pub overdue: bool,
}

impl AccountCompliance {
    pub fn behind(&self) -> bool {
        f64::from(self.actual) < self.planned
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compliance {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Accounts with a pattern, in segmentation order.
    pub accounts: Vec<AccountCompliance>,
    pub total: ComplianceTotals,
    pub by_segment: BTreeMap<Segment, ComplianceTotals>,
    pub by_rep: BTreeMap<PersonId, ComplianceTotals>,
    pub by_team: BTreeMap<TeamId, ComplianceTotals>,
}

/// CALL-4: planned calls (from the patterns of each account's segment) against the calls made
/// on it by anyone in `from..=to`; overdue as of `to`.
pub fn compliance(data: &Dataset, segmentation: &Segmentation, from: NaiveDate, to: NaiveDate) -> Result<Compliance> {
    check_patterns(&data.call_patterns, &segmentation.rule.names)?;
    if to < from {
        return Err(ConfigError::new("compliance period", format!("{to} is before {from}; give the start first")));
    }
    let fraction = year_fraction(from, to);
    let mut per_year: HashMap<&Segment, u32> = HashMap::new();
    for p in &data.call_patterns {
        *per_year.entry(&p.segment).or_default() += p.calls_per_year();
    }
    let team: HashMap<PersonId, Option<TeamId>> = data.people.iter().map(|p| (p.id, p.team)).collect();
    let mut made: HashMap<AccountId, u32> = HashMap::new();
    let mut last: HashMap<AccountId, NaiveDate> = HashMap::new();
    for a in data.activities.iter().filter(|a| is_call(a) && a.date <= to) {
        let Some(account) = a.account else { continue };
        if a.date >= from {
            *made.entry(account).or_default() += 1;
        }
        let l = last.entry(account).or_insert(a.date);
        *l = (*l).max(a.date);
    }
    let mut out = Compliance {
        from,
        to,
        accounts: Vec::new(),
        total: ComplianceTotals::default(),
        by_segment: BTreeMap::new(),
        by_rep: BTreeMap::new(),
        by_team: BTreeMap::new(),
    };
    for s in &segmentation.accounts {
        let calls_per_year = per_year.get(segmentation.segment(s)).copied().unwrap_or(0);
        if calls_per_year == 0 {
            continue;
        }
        let interval_days = 365.0 / f64::from(calls_per_year);
        let last_call = last.get(&s.account).copied();
        let days_overdue = last_call.map(|l| (((to - l).num_days() as f64) - interval_days).floor().max(0.0) as i64);
        let a = AccountCompliance {
            account: s.account,
            segment: segmentation.segment(s).clone(),
            segment_index: s.segment_index,
            owner: s.owner,
            team: s.owner.and_then(|o| team.get(&o).copied().flatten()),
            planned: f64::from(calls_per_year) * fraction,
            actual: made.get(&s.account).copied().unwrap_or(0),
            last_call,
            interval_days,
            days_overdue,
            overdue: days_overdue.is_none_or(|d| d > 0),
        };
        out.total.add(&a);
        out.by_segment.entry(a.segment.clone()).or_default().add(&a);
        if let Some(o) = a.owner {
            out.by_rep.entry(o).or_default().add(&a);
        }
        if let Some(t) = a.team {
            out.by_team.entry(t).or_default().add(&a);
        }
        out.accounts.push(a);
    }
    Ok(out)
}

/// One account in a rep's work queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub account: AccountId,
    pub segment: Segment,
    pub last_call: Option<NaiveDate>,
    pub days_overdue: Option<i64>,
    pub overdue: bool,
    /// Days since the last call ÷ the interval; none if never called (the most overdue).
    pub due_ratio: Option<f64>,
}

/// CALL-5: each owner's accounts, overdue ones first, then by segment (A before C), then by how
/// far past their interval they are (never called first).
pub fn work_queues(c: &Compliance) -> BTreeMap<PersonId, Vec<QueueItem>> {
    let mut queues: BTreeMap<PersonId, Vec<(usize, QueueItem)>> = BTreeMap::new();
    for a in &c.accounts {
        let Some(owner) = a.owner else { continue };
        let due_ratio = a.last_call.map(|l| (c.to - l).num_days() as f64 / a.interval_days);
        queues.entry(owner).or_default().push((
            a.segment_index,
            QueueItem {
                account: a.account,
                segment: a.segment.clone(),
                last_call: a.last_call,
                days_overdue: a.days_overdue,
                overdue: a.overdue,
                due_ratio,
            },
        ));
    }
    queues
        .into_iter()
        .map(|(owner, mut items)| {
            items.sort_by(|(sa, a), (sb, b)| {
                b.overdue
                    .cmp(&a.overdue)
                    .then(sa.cmp(sb))
                    .then_with(|| match (a.due_ratio, b.due_ratio) {
                        (None, None) => std::cmp::Ordering::Equal,
                        (None, Some(_)) => std::cmp::Ordering::Less,
                        (Some(_), None) => std::cmp::Ordering::Greater,
                        (Some(x), Some(y)) => y.total_cmp(&x),
                    })
                    .then(a.account.cmp(&b.account))
            });
            (owner, items.into_iter().map(|(_, i)| i).collect())
        })
        .collect()
}

/// A rep's calls on their own book in one segment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentCalls {
    pub accounts: u32,
    pub calls: u32,
}

impl SegmentCalls {
    pub fn per_account(&self) -> Option<f64> {
        (self.accounts > 0).then(|| f64::from(self.calls) / f64::from(self.accounts))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepSegmentCalls {
    pub person: PersonId,
    /// Indexed like the segmentation's names.
    pub segments: Vec<SegmentCalls>,
    /// Calls per account in the first segment ÷ calls per account in the last: under 100 %
    /// means the least valuable accounts get more attention each than the most valuable.
    pub first_to_last: Option<Rate>,
}

impl RepSegmentCalls {
    pub fn inverted(&self) -> bool {
        self.first_to_last.is_some_and(|r| r < Rate::ONE)
    }
}

/// Calls each owner made on their own accounts in `from..=to`, by segment (demo story 6).
pub fn calls_by_segment(
    data: &Dataset,
    segmentation: &Segmentation,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<RepSegmentCalls> {
    let n = segmentation.rule.names.len();
    let index = segmentation.index();
    let mut reps: BTreeMap<PersonId, Vec<SegmentCalls>> = BTreeMap::new();
    for s in &segmentation.accounts {
        if let Some(o) = s.owner {
            reps.entry(o).or_insert_with(|| vec![SegmentCalls::default(); n])[s.segment_index].accounts += 1;
        }
    }
    for a in data.activities.iter().filter(|a| is_call(a) && a.date >= from && a.date <= to) {
        let Some(s) = a.account.and_then(|x| index.get(&x)) else { continue };
        if s.owner == Some(a.person)
            && let Some(row) = reps.get_mut(&a.person)
        {
            row[s.segment_index].calls += 1;
        }
    }
    reps.into_iter()
        .map(|(person, segments)| {
            let (first, last) = (segments[0], segments[n - 1]);
            let first_to_last = if n > 1 && first.accounts > 0 && last.accounts > 0 {
                let num = i64::from(first.calls) * i64::from(last.accounts);
                let den = i64::from(first.accounts) * i64::from(last.calls);
                Rate::ratio(num, den)
            } else {
                None
            };
            RepSegmentCalls { person, segments, first_to_last }
        })
        .collect()
}

/// Where the direct-selling share stands against the target band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SellingBand {
    Below,
    Within,
    Above,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeAllocation {
    pub person: PersonId,
    pub total_minutes: u64,
    pub direct_minutes: u64,
    pub direct_share: Rate,
    pub band: SellingBand,
    /// Non-selling minutes by category, largest first.
    pub non_selling: Vec<(String, u64)>,
}

/// CALL-6: each person's logged time in `from..=to` and the share in direct selling against
/// the band `low..=high` (seed 000: 55–65 %). People who logged nothing are left out.
pub fn time_allocation(data: &Dataset, from: NaiveDate, to: NaiveDate, low: Rate, high: Rate) -> Vec<TimeAllocation> {
    let mut by_person: BTreeMap<PersonId, BTreeMap<String, u64>> = BTreeMap::new();
    for a in data.activities.iter().filter(|a| a.date >= from && a.date <= to) {
        *by_person.entry(a.person).or_default().entry(a.category.as_str().to_owned()).or_default() +=
            u64::from(a.duration_minutes);
    }
    by_person
        .into_iter()
        .filter_map(|(person, minutes)| {
            let total: u64 = minutes.values().sum();
            if total == 0 {
                return None;
            }
            let direct = minutes.get(sutton_domain::TimeCategory::DIRECT).copied().unwrap_or(0);
            let direct_share = Rate::ratio(direct as i64, total as i64).unwrap_or(Rate::ZERO);
            let band = if direct_share < low {
                SellingBand::Below
            } else if direct_share > high {
                SellingBand::Above
            } else {
                SellingBand::Within
            };
            let mut non_selling: Vec<(String, u64)> =
                minutes.into_iter().filter(|(c, _)| c != sutton_domain::TimeCategory::DIRECT).collect();
            non_selling.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Some(TimeAllocation {
                person,
                total_minutes: total,
                direct_minutes: direct,
                direct_share,
                band,
                non_selling,
            })
        })
        .collect()
}
