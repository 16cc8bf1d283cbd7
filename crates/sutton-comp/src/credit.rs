//! Crediting: who gets credit for what, each credit line traceable to its deal.
//!
//! * **Owners and revenue splits.** A won deal's amount (or gross profit) goes to its revenue
//!   splits, which sum to exactly 100 % and whose parts add up to the amount to the minor unit
//!   ([`Opportunity::revenue_credit`]); with no deal team the owner takes it all.
//! * **Overlay credit** goes to overlay members on top, amount × their split (rounded once,
//!   half away from zero), and may take the deal past 100 %. Overlay credit counts for the
//!   overlay member's own measures but never for team bookings, which would count it twice.
//! * **Counts** (new logos, deals closed) are shared the same way, in millionths of a deal.
//! * **Lead sources.** A lead that became an opportunity credits the lead's owner with one
//!   conversion on the day the opportunity was created: the lead-generation rep is paid for
//!   the pipeline they create, not only for what closes.
//! * **Cancellations.** A deal that was won and later marked lost carries the day it was
//!   cancelled, from its history; the payout engine takes its credit back when the plan's
//!   clawback window covers that day.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use sutton_domain::{
    Currency, Dataset, LeadId, Money, OpportunityChange, OpportunityId, OpportunityStatus, OpportunityType, PersonId,
    Rate, Rounding, SplitType, TeamId,
};

use crate::plan::CompMeasure;

/// Millionths of one unit: a half share of a deal is 500,000.
pub const UNIT: i64 = 1_000_000;

/// How much was credited: money, or a count in millionths of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Quantity {
    Money(Money),
    Units(i64),
}

impl Quantity {
    /// Minor units or millionths of a unit.
    pub fn raw(self) -> i64 {
        match self {
            Quantity::Money(m) => m.minor(),
            Quantity::Units(u) => u,
        }
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantity::Money(m) => write!(f, "{m}"),
            Quantity::Units(u) => f.write_str(&crate::plan::decimal_of_ppm(*u)),
        }
    }
}

/// Why a person holds a credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CreditSource {
    /// The deal's owner, with nobody sharing.
    Owner,
    /// A revenue split of the deal team.
    RevenueSplit(Rate),
    /// Overlay credit on top of the revenue splits.
    Overlay(Rate),
    /// The owner of the lead the deal came from.
    LeadSource(LeadId),
}

impl CreditSource {
    pub fn is_overlay(self) -> bool {
        matches!(self, CreditSource::Overlay(_))
    }

    /// A compact code for storing: `owner`, `revenue:PPM`, `overlay:PPM`, `lead:ID`.
    pub fn code(self) -> String {
        match self {
            CreditSource::Owner => "owner".to_owned(),
            CreditSource::RevenueSplit(r) => format!("revenue:{}", r.ppm()),
            CreditSource::Overlay(r) => format!("overlay:{}", r.ppm()),
            CreditSource::LeadSource(l) => format!("lead:{}", l.get()),
        }
    }

    /// Reads a [`code`](Self::code) back.
    pub fn parse_code(code: &str) -> Option<CreditSource> {
        if code == "owner" {
            return Some(CreditSource::Owner);
        }
        let (kind, n) = code.split_once(':')?;
        let n: i64 = n.parse().ok()?;
        match kind {
            "revenue" => Some(CreditSource::RevenueSplit(Rate::from_ppm(n))),
            "overlay" => Some(CreditSource::Overlay(Rate::from_ppm(n))),
            "lead" => Some(CreditSource::LeadSource(LeadId(n))),
            _ => None,
        }
    }
}

impl std::fmt::Display for CreditSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreditSource::Owner => f.write_str("owner"),
            CreditSource::RevenueSplit(r) => write!(f, "revenue split {r}"),
            CreditSource::Overlay(r) => write!(f, "overlay {r}"),
            CreditSource::LeadSource(l) => write!(f, "lead {}", l.get()),
        }
    }
}

/// One credit: a payee, a measure, a quantity, and the deal it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credit {
    pub payee: PersonId,
    /// The payee's team, for team bookings.
    pub team: Option<TeamId>,
    pub measure: CompMeasure,
    /// The day it counts on: the close date, or the creation of the opportunity a lead became.
    pub date: NaiveDate,
    pub quantity: Quantity,
    pub deal: OpportunityId,
    pub deal_name: String,
    pub source: CreditSource,
    /// Set when the deal was won and later cancelled.
    pub cancelled_on: Option<NaiveDate>,
}

/// A run's credits, shared by every statement that counts some of them: a large run holds
/// millions, and each component's list names its own by position instead of copying them.
///
/// The pool keeps each credit packed in 40 bytes (a third of a [`Credit`]): deal names, teams
/// and what a deal's credits share sit once in tables of the part they were read into, and a credit is put back together
/// when it is asked for. On machines where fresh memory is costly to touch, the memory a
/// large run holds is most of its time. The pool may be made of parts (as several threads
/// read them) so they are never copied into one list; a position counts through the parts
/// in order.
#[derive(Debug, Clone, Default)]
pub struct CreditPool {
    parts: Vec<CreditPoolPart>,
    /// Where each part starts in the whole.
    starts: Vec<usize>,
    len: usize,
}

/// Credits being read into a [`CreditPool`], one part per reader.
#[derive(Debug, Clone)]
pub struct CreditPoolPart {
    rows: Vec<Packed>,
    /// What credits share, each once: `Packed::extra` indexes it.
    extras: Vec<Extra>,
    extra_index: rustc_hash::FxHashMap<Extra, u32>,
    /// Deal names, each once, the empty name first; `Extra::name` indexes it.
    names: Vec<String>,
    name_index: rustc_hash::FxHashMap<String, u32>,
    /// Teams, each once; `Extra::team` is 1 + an index in it, or 0 for none.
    teams: Vec<TeamId>,
}

/// A credit as the pool keeps it: 40 bytes, what many credits share kept once as an [`Extra`].
#[derive(Debug, Clone, Copy)]
struct Packed {
    payee: PersonId,
    deal: OpportunityId,
    /// Minor units or millionths of a unit.
    raw: i64,
    date: NaiveDate,
    extra: u32,
    measure: CompMeasure,
    /// Bit 0: money (else units); bits 1–2: owner, revenue split, overlay, lead source.
    flags: u8,
}

/// The parts of a credit that many share: a deal's credits, or all of a plain run's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Extra {
    /// The split's rate in parts per million, or the lead's id.
    source_value: i64,
    cancelled_on: Option<NaiveDate>,
    name: u32,
    team: u32,
    currency: Currency,
}

const MONEY: u8 = 1;
const SOURCE_SHIFT: u8 = 1;

/// A credit in the pool, read in place: what the engine reads of a large run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    part: &'a CreditPoolPart,
    p: &'a Packed,
}

impl Row<'_> {
    pub(crate) fn payee(&self) -> PersonId {
        self.p.payee
    }

    pub(crate) fn deal(&self) -> OpportunityId {
        self.p.deal
    }

    pub(crate) fn date(&self) -> NaiveDate {
        self.p.date
    }

    pub(crate) fn measure(&self) -> CompMeasure {
        self.p.measure
    }

    fn extra(&self) -> &Extra {
        &self.part.extras[self.p.extra as usize]
    }

    pub(crate) fn cancelled_on(&self) -> Option<NaiveDate> {
        self.extra().cancelled_on
    }

    pub(crate) fn quantity(&self) -> Quantity {
        if self.p.flags & MONEY != 0 {
            Quantity::Money(Money::from_minor(self.p.raw, self.extra().currency))
        } else {
            Quantity::Units(self.p.raw)
        }
    }

    pub(crate) fn is_overlay(&self) -> bool {
        (self.p.flags >> SOURCE_SHIFT) & 3 == 2
    }

    fn source(&self) -> CreditSource {
        let value = self.extra().source_value;
        match (self.p.flags >> SOURCE_SHIFT) & 3 {
            0 => CreditSource::Owner,
            1 => CreditSource::RevenueSplit(Rate::from_ppm(value)),
            2 => CreditSource::Overlay(Rate::from_ppm(value)),
            _ => CreditSource::LeadSource(LeadId(value)),
        }
    }

    pub(crate) fn team(&self) -> Option<TeamId> {
        let team = self.extra().team;
        (team > 0).then(|| self.part.teams[team as usize - 1])
    }

    /// The whole credit, put back together.
    pub(crate) fn credit(&self) -> Credit {
        Credit {
            payee: self.p.payee,
            team: self.team(),
            measure: self.p.measure,
            date: self.p.date,
            quantity: self.quantity(),
            deal: self.p.deal,
            deal_name: self.part.names[self.extra().name as usize].clone(),
            source: self.source(),
            cancelled_on: self.cancelled_on(),
        }
    }
}

/// `Extra::name` of a credit without a deal name.
const NO_NAME: u32 = 0;

impl Default for CreditPoolPart {
    fn default() -> CreditPoolPart {
        CreditPoolPart::with_capacity(0)
    }
}

impl CreditPoolPart {
    pub fn with_capacity(credits: usize) -> CreditPoolPart {
        CreditPoolPart {
            rows: Vec::with_capacity(credits),
            extras: Vec::new(),
            extra_index: rustc_hash::FxHashMap::default(),
            names: vec![String::new()],
            name_index: rustc_hash::FxHashMap::default(),
            teams: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn push(&mut self, c: &Credit) {
        // No name is the first; a deal's credits come together, so its name is most often
        // the one kept last.
        let last = self.names.len() - 1;
        let name = if c.deal_name.is_empty() {
            NO_NAME
        } else if last > 0 && self.names[last].len() == c.deal_name.len() && self.names[last] == c.deal_name {
            last as u32
        } else {
            match self.name_index.get(c.deal_name.as_str()) {
                Some(&k) => k,
                None => {
                    let k = self.names.len() as u32;
                    self.names.push(c.deal_name.clone());
                    self.name_index.insert(c.deal_name.clone(), k);
                    k
                }
            }
        };
        let team = match c.team {
            None => 0,
            Some(t) => match self.teams.iter().position(|x| *x == t) {
                Some(k) => k as u32 + 1,
                None => {
                    self.teams.push(t);
                    self.teams.len() as u32
                }
            },
        };
        let (raw, currency, money) = match c.quantity {
            Quantity::Money(m) => (m.minor(), m.currency(), MONEY),
            Quantity::Units(u) => (u, Currency::USD, 0),
        };
        let (kind, source_value) = match c.source {
            CreditSource::Owner => (0, 0),
            CreditSource::RevenueSplit(r) => (1, r.ppm()),
            CreditSource::Overlay(r) => (2, r.ppm()),
            CreditSource::LeadSource(l) => (3, l.get()),
        };
        let extra = Extra { source_value, cancelled_on: c.cancelled_on, name, team, currency };
        // Most often the same as the credit before.
        let extra = match self.rows.last() {
            Some(p) if self.extras[p.extra as usize] == extra => p.extra,
            _ => *self.extra_index.entry(extra).or_insert_with(|| {
                self.extras.push(extra);
                self.extras.len() as u32 - 1
            }),
        };
        self.rows.push(Packed {
            payee: c.payee,
            deal: c.deal,
            raw,
            date: c.date,
            extra,
            measure: c.measure,
            flags: money | (kind << SOURCE_SHIFT),
        });
    }
}

impl CreditPool {
    /// The parts in order, as one pool.
    pub fn from_parts(parts: Vec<CreditPoolPart>) -> CreditPool {
        let parts: Vec<CreditPoolPart> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        let mut starts = Vec::with_capacity(parts.len());
        let mut len = 0;
        for p in &parts {
            starts.push(len);
            len += p.len();
        }
        CreditPool { parts, starts, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn locate(&self, i: usize) -> Option<Row<'_>> {
        let k = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
        let part = &self.parts[k];
        Some(Row { part, p: part.rows.get(i - self.starts[k])? })
    }

    /// The credit at a position; `None` past the end.
    pub fn get(&self, i: usize) -> Option<Credit> {
        self.locate(i).map(|r| r.credit())
    }

    /// Every credit, in order.
    pub fn iter(&self) -> impl Iterator<Item = Credit> + '_ {
        self.rows().map(|r| r.credit())
    }

    /// Every credit as kept, in order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.parts.iter().flat_map(|part| part.rows.iter().map(move |p| Row { part, p }))
    }

    /// The credit at a position, as kept. Positions come from the engine, which only makes
    /// valid ones.
    pub(crate) fn row(&self, i: u32) -> Row<'_> {
        match self.locate(i as usize) {
            Some(r) => r,
            None => panic!("credit {i} of a pool of {}", self.len),
        }
    }
}

impl From<Vec<Credit>> for CreditPool {
    fn from(credits: Vec<Credit>) -> CreditPool {
        let mut part = CreditPoolPart::with_capacity(credits.len());
        for c in &credits {
            part.push(c);
        }
        CreditPool::from_parts(vec![part])
    }
}

impl PartialEq for CreditPool {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for CreditPool {}

/// Positions in a [`CreditPool`], in order, kept as runs of consecutive ones: a payee's
/// credits often come together (a file written payee by payee), and then a run of ten
/// thousand is two numbers rather than ten thousand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Positions {
    /// `[start, end)` of each run.
    runs: Vec<(u32, u32)>,
    len: usize,
}

impl Positions {
    pub(crate) fn push(&mut self, i: u32) {
        match self.runs.last_mut() {
            Some((_, end)) if *end == i => *end += 1,
            _ => self.runs.push((i, i + 1)),
        }
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.runs.iter().flat_map(|&(start, end)| start..end)
    }

    fn get(&self, mut k: usize) -> Option<u32> {
        for &(start, end) in &self.runs {
            let n = (end - start) as usize;
            if k < n {
                return Some(start + k as u32);
            }
            k -= n;
        }
        None
    }
}

/// The credits one component counted: positions in the run's [`CreditPool`], in the order the
/// credits came in.
#[derive(Clone)]
pub struct CreditLines {
    pool: Arc<CreditPool>,
    picks: Positions,
}

impl CreditLines {
    /// Positions in `pool`; each must be below its length (the engine only makes valid ones).
    pub(crate) fn picked(pool: &Arc<CreditPool>, picks: Positions) -> CreditLines {
        debug_assert!(picks.iter().all(|i| (i as usize) < pool.len()));
        CreditLines { pool: Arc::clone(pool), picks }
    }

    /// Lines that are all their own, as read back from a stored run.
    pub fn owned(credits: Vec<Credit>) -> CreditLines {
        let mut picks = Positions::default();
        for i in 0..credits.len() as u32 {
            picks.push(i);
        }
        CreditLines { pool: Arc::new(CreditPool::from(credits)), picks }
    }

    pub fn len(&self) -> usize {
        self.picks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.picks.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<Credit> {
        self.picks.get(i).and_then(|p| self.pool.get(p as usize))
    }

    /// The credits, each put back together as it is reached.
    pub fn iter(&self) -> CreditIter<'_> {
        CreditIter { pool: &self.pool, picks: Box::new(self.picks.iter()), left: self.picks.len() }
    }
}

impl Default for CreditLines {
    fn default() -> Self {
        CreditLines::owned(Vec::new())
    }
}

/// The credits of a [`CreditLines`], in order.
pub struct CreditIter<'a> {
    pool: &'a CreditPool,
    picks: Box<dyn DoubleEndedIterator<Item = u32> + 'a>,
    left: usize,
}

impl std::fmt::Debug for CreditIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreditIter").field("left", &self.left).finish()
    }
}

impl Iterator for CreditIter<'_> {
    type Item = Credit;

    fn next(&mut self) -> Option<Credit> {
        let p = self.picks.next()?;
        self.left -= 1;
        self.pool.get(p as usize)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for CreditIter<'_> {
    fn next_back(&mut self) -> Option<Credit> {
        let p = self.picks.next_back()?;
        self.left -= 1;
        self.pool.get(p as usize)
    }
}

impl ExactSizeIterator for CreditIter<'_> {}

impl<'a> IntoIterator for &'a CreditLines {
    type Item = Credit;
    type IntoIter = CreditIter<'a>;

    fn into_iter(self) -> CreditIter<'a> {
        self.iter()
    }
}

impl PartialEq for CreditLines {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for CreditLines {}

impl std::fmt::Debug for CreditLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for CreditLines {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Every credit dated in `[from, until)` from the snapshot, in a stable order (deal, measure,
/// payee). Bookings, gross profit and renewals in another currency than `currency` are left
/// out and listed in the second part of the answer, so nothing is silently converted.
pub fn credits_from(data: &Dataset, from: NaiveDate, until: NaiveDate) -> (Vec<Credit>, Vec<String>) {
    // Indexed once: an organisation has many deals, and each looks up people, its lead and
    // (when lost) its history.
    let teams: HashMap<PersonId, Option<TeamId>> = data.people.iter().map(|p| (p.id, p.team)).collect();
    let team_of = |p: PersonId| teams.get(&p).copied().flatten();
    let leads: HashMap<LeadId, &sutton_domain::Lead> = data.leads.iter().map(|l| (l.id, l)).collect();
    let mut history: HashMap<OpportunityId, Vec<&OpportunityChange>> = HashMap::new();
    for c in &data.opportunity_changes {
        history.entry(c.opportunity).or_default().push(c);
    }
    let currency = data.organisation.currency;
    let mut credits = Vec::new();
    let mut skipped = Vec::new();
    for o in &data.opportunities {
        let cancelled = match o.status {
            OpportunityStatus::Lost => history.get_mut(&o.id).and_then(|h| cancellation(h)),
            _ => None,
        };
        let cancelled_on = cancelled.map(|(_, on)| on);
        // A cancelled deal counts on the day it was won, as it was paid.
        let closed = cancelled.map_or(o.close_date, |(won, _)| won);
        let won = o.status == OpportunityStatus::Won || cancelled.is_some();
        if won && from <= closed && closed < until {
            let mut push = |payee: PersonId, measure: CompMeasure, quantity: Quantity, source: CreditSource| {
                credits.push(Credit {
                    payee,
                    team: team_of(payee),
                    measure,
                    date: closed,
                    quantity,
                    deal: o.id,
                    deal_name: o.name.clone(),
                    source,
                    cancelled_on,
                });
            };
            let shares = shares(o);
            let counts = split_units(&shares);
            for ((person, share), units) in shares.iter().zip(&counts) {
                push(*person, CompMeasure::DealsClosed, Quantity::Units(*units), *share);
                if o.kind == OpportunityType::NewBusiness {
                    push(*person, CompMeasure::NewLogos, Quantity::Units(*units), *share);
                }
            }
            if o.currency() != currency {
                skipped.push(format!(
                    "deal {} ({}) is in {}, the plans pay {}: its money is not credited",
                    o.id.get(),
                    o.name,
                    o.currency(),
                    currency
                ));
            } else {
                let mut money_measures = vec![(CompMeasure::Bookings, Some(o.amount))];
                if o.kind == OpportunityType::Renewal {
                    money_measures.push((CompMeasure::Renewals, Some(o.amount)));
                }
                money_measures.push((CompMeasure::GrossProfit, o.gross_profit().ok().flatten()));
                for (measure, amount) in money_measures {
                    let Some(amount) = amount else { continue };
                    for (person, part, source) in money_shares(o, amount) {
                        push(person, measure, Quantity::Money(part), source);
                    }
                }
            }
        }
        if let Some(lead_id) = o.lead
            && from <= o.created_on
            && o.created_on < until
            && let Some(lead) = leads.get(&lead_id)
            && let Some(owner) = lead.owner
        {
            credits.push(Credit {
                payee: owner,
                team: team_of(owner),
                measure: CompMeasure::LeadsConverted,
                date: o.created_on,
                quantity: Quantity::Units(UNIT),
                deal: o.id,
                deal_name: o.name.clone(),
                source: CreditSource::LeadSource(lead_id),
                cancelled_on: None,
            });
        }
    }
    credits.sort_by_key(|c| (c.deal, c.measure, c.payee));
    (credits, skipped)
}

/// Who shares a deal and how: revenue splits (or the owner) then overlays.
fn shares(o: &sutton_domain::Opportunity) -> Vec<(PersonId, CreditSource)> {
    if o.team.is_empty() {
        return vec![(o.owner, CreditSource::Owner)];
    }
    let mut out: Vec<(PersonId, CreditSource)> = o
        .team
        .members()
        .iter()
        .filter(|m| m.split_type == SplitType::Revenue)
        .map(|m| (m.person, CreditSource::RevenueSplit(m.split)))
        .collect();
    out.extend(
        o.team
            .members()
            .iter()
            .filter(|m| m.split_type == SplitType::Overlay)
            .map(|m| (m.person, CreditSource::Overlay(m.split))),
    );
    out
}

/// Count credit per share: revenue splits share one deal exactly (allocated so they sum to
/// one), overlays get their split of a deal on top.
fn split_units(shares: &[(PersonId, CreditSource)]) -> Vec<i64> {
    let weights: Vec<i64> = shares
        .iter()
        .map(|(_, s)| match s {
            CreditSource::RevenueSplit(r) => r.ppm(),
            CreditSource::Owner => UNIT,
            _ => 0,
        })
        .collect();
    let revenue = allocate_units(&weights);
    shares
        .iter()
        .zip(revenue)
        .map(|((_, s), r)| match s {
            CreditSource::Overlay(rate) => rate.ppm(),
            _ => r,
        })
        .collect()
}

fn allocate_units(weights: &[i64]) -> Vec<i64> {
    let unit = Money::from_minor(UNIT, Currency::JPY);
    unit.allocate(weights)
        .map(|parts| parts.iter().map(Money::minor).collect())
        .unwrap_or_else(|_| vec![0; weights.len()])
}

/// Money credit per share: revenue splits add up to `amount` exactly; overlays on top.
pub fn money_shares(o: &sutton_domain::Opportunity, amount: Money) -> Vec<(PersonId, Money, CreditSource)> {
    let mut out = Vec::new();
    if let Ok(parts) = o.revenue_credit(amount) {
        for (person, part) in parts {
            let source = o
                .team
                .members()
                .iter()
                .find(|m| m.person == person && m.split_type == SplitType::Revenue)
                .map_or(CreditSource::Owner, |m| CreditSource::RevenueSplit(m.split));
            out.push((person, part, source));
        }
    }
    for m in o.team.members().iter().filter(|m| m.split_type == SplitType::Overlay) {
        if let Ok(part) = amount.apply_rate(m.split, Rounding::HalfAwayFromZero) {
            out.push((m.person, part, CreditSource::Overlay(m.split)));
        }
    }
    out
}

/// For a won deal later marked lost, from its history: the close date it was won with, and the
/// day it was cancelled (the first change to lost after the change to won).
fn cancellation(history: &mut [&OpportunityChange]) -> Option<(NaiveDate, NaiveDate)> {
    history.sort_by_key(|c| c.changed_at);
    let won_at = history.iter().position(|c| c.status == OpportunityStatus::Won)?;
    let won_close = history[won_at].close_date;
    history[won_at..].iter().find(|c| c.status == OpportunityStatus::Lost).map(|c| (won_close, c.changed_at.date()))
}

#[cfg(test)]
mod tests {
    use super::Positions;

    /// Runs of consecutive positions read back as the positions pushed, in order and by index.
    #[test]
    fn positions_read_back_as_pushed() {
        let pushed = [3u32, 4, 5, 9, 10, 12, 13, 14, 15, 40];
        let mut p = Positions::default();
        for i in pushed {
            p.push(i);
        }
        assert_eq!(p.runs, vec![(3, 6), (9, 11), (12, 16), (40, 41)]);
        assert_eq!(p.len(), pushed.len());
        assert_eq!(p.iter().collect::<Vec<_>>(), pushed);
        assert_eq!(p.iter().rev().collect::<Vec<_>>(), pushed.iter().rev().copied().collect::<Vec<_>>());
        for (k, i) in pushed.iter().enumerate() {
            assert_eq!(p.get(k), Some(*i));
        }
        assert_eq!(p.get(pushed.len()), None);
    }
}
