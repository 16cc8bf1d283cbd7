//! The in-memory snapshot engines take: every record of an organisation, loaded once.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::crm::{
    Account, Activity, Contact, Contract, Lead, Opportunity, OpportunityChange, Product, ProductLine, Proposal, Stage,
};
use crate::geo::{GeoEdge, GeoUnit};
use crate::id::{AccountId, PersonId, TeamId, TerritoryId};
use crate::org::{Organisation, Person, Team};
use crate::plan::{
    AlignedUnit, Alignment, AlignmentStatus, CallPattern, Quota, QuotaOwner, ReferenceClient, ReferenceUse, Territory,
    TerritoryAssignment, TerritoryRep, Training,
};
use crate::record::Record;

/// Everything Sutton knows about one organisation, as plain vectors sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub organisation: Organisation,
    pub teams: Vec<Team>,
    pub people: Vec<Person>,
    pub accounts: Vec<Account>,
    pub contacts: Vec<Contact>,
    pub product_lines: Vec<ProductLine>,
    pub products: Vec<Product>,
    pub stages: Vec<Stage>,
    pub opportunities: Vec<Opportunity>,
    pub opportunity_changes: Vec<OpportunityChange>,
    pub leads: Vec<Lead>,
    pub activities: Vec<Activity>,
    pub contracts: Vec<Contract>,
    pub proposals: Vec<Proposal>,
    pub quotas: Vec<Quota>,
    pub geo_units: Vec<GeoUnit>,
    pub geo_edges: Vec<GeoEdge>,
    pub territories: Vec<Territory>,
    pub alignments: Vec<Alignment>,
    pub territory_assignments: Vec<TerritoryAssignment>,
    pub territory_reps: Vec<TerritoryRep>,
    pub call_patterns: Vec<CallPattern>,
    pub reference_clients: Vec<ReferenceClient>,
    pub reference_uses: Vec<ReferenceUse>,
    pub trainings: Vec<Training>,
}

/// A reference from one record to another that does not exist, or a loop in a hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{record} {id}: {problem}")]
pub struct IntegrityProblem {
    pub record: &'static str,
    pub id: i64,
    pub problem: String,
}

impl Dataset {
    /// Every dangling reference and hierarchy loop, and every record that fails its own
    /// validation: the whole list, not the first.
    pub fn check(&self) -> Vec<IntegrityProblem> {
        let mut out = Vec::new();
        let teams = ids(&self.teams, |t| t.id);
        let people = ids(&self.people, |p| p.id);
        let accounts = ids(&self.accounts, |a| a.id);
        let contacts = ids(&self.contacts, |c| c.id);
        let lines = ids(&self.product_lines, |l| l.id);
        let products = ids(&self.products, |p| p.id);
        let opportunities = ids(&self.opportunities, |o| o.id);
        let leads = ids(&self.leads, |l| l.id);
        let units = ids(&self.geo_units, |u| u.id);
        let territories = ids(&self.territories, |t| t.id);
        let alignments = ids(&self.alignments, |a| a.id);
        let references = ids(&self.reference_clients, |r| r.id);
        let stages: FxHashSet<&str> = self.stages.iter().map(|s| s.name.as_str()).collect();

        invalid(&mut out, &self.teams);
        invalid(&mut out, &self.people);
        invalid(&mut out, &self.accounts);
        invalid(&mut out, &self.contacts);
        invalid(&mut out, &self.product_lines);
        invalid(&mut out, &self.products);
        invalid(&mut out, &self.stages);
        invalid(&mut out, &self.opportunities);
        invalid(&mut out, &self.opportunity_changes);
        invalid(&mut out, &self.leads);
        invalid(&mut out, &self.activities);
        invalid(&mut out, &self.contracts);
        invalid(&mut out, &self.proposals);
        invalid(&mut out, &self.quotas);
        invalid(&mut out, &self.geo_units);
        invalid(&mut out, &self.territories);
        invalid(&mut out, &self.alignments);
        invalid(&mut out, &self.call_patterns);
        invalid(&mut out, &self.reference_clients);
        invalid(&mut out, &self.reference_uses);
        invalid(&mut out, &self.trainings);

        if !self.stages.is_empty() {
            for o in self.opportunities.iter().filter(|o| !stages.contains(o.stage.as_str())) {
                out.push(IntegrityProblem {
                    record: "opportunity",
                    id: o.id.get(),
                    problem: format!("stage {:?} is not a known stage", o.stage),
                });
            }
        }
        let mut missing = |record: &'static str, id: i64, what: &str, target: i64, found: bool| {
            if !found {
                out.push(IntegrityProblem { record, id, problem: format!("{what} {target} does not exist") });
            }
        };
        for t in &self.teams {
            if let Some(p) = t.parent {
                missing("team", t.id.get(), "parent team", p.get(), teams.contains(&p));
            }
            if let Some(m) = t.manager {
                missing("team", t.id.get(), "manager", m.get(), people.contains(&m));
            }
        }
        for p in &self.people {
            if let Some(t) = p.team {
                missing("person", p.id.get(), "team", t.get(), teams.contains(&t));
            }
            if let Some(m) = p.manager {
                missing("person", p.id.get(), "manager", m.get(), people.contains(&m));
            }
            if let Some(u) = p.home.geo_unit {
                missing("person", p.id.get(), "geographic unit", u.get(), units.contains(&u));
            }
        }
        for a in &self.accounts {
            if let Some(o) = a.owner {
                missing("account", a.id.get(), "owner", o.get(), people.contains(&o));
            }
            if let Some(p) = a.parent {
                missing("account", a.id.get(), "parent account", p.get(), accounts.contains(&p));
            }
            if let Some(u) = a.location.geo_unit {
                missing("account", a.id.get(), "geographic unit", u.get(), units.contains(&u));
            }
        }
        for c in &self.contacts {
            if let Some(a) = c.account {
                missing("contact", c.id.get(), "account", a.get(), accounts.contains(&a));
            }
        }
        for p in &self.products {
            missing("product", p.id.get(), "product line", p.line.get(), lines.contains(&p.line));
        }
        for o in &self.opportunities {
            let id = o.id.get();
            missing("opportunity", id, "account", o.account.get(), accounts.contains(&o.account));
            missing("opportunity", id, "owner", o.owner.get(), people.contains(&o.owner));
            if let Some(l) = o.lead {
                missing("opportunity", id, "lead", l.get(), leads.contains(&l));
            }
            for line in &o.lines {
                missing("opportunity", id, "product", line.product.get(), products.contains(&line.product));
            }
            for m in o.team.members() {
                missing("opportunity", id, "deal team member", m.person.get(), people.contains(&m.person));
            }
        }
        for c in &self.opportunity_changes {
            missing(
                "opportunity change",
                c.id.get(),
                "opportunity",
                c.opportunity.get(),
                opportunities.contains(&c.opportunity),
            );
            if let Some(p) = c.changed_by {
                missing("opportunity change", c.id.get(), "person", p.get(), people.contains(&p));
            }
        }
        for l in &self.leads {
            if let Some(o) = l.owner {
                missing("lead", l.id.get(), "owner", o.get(), people.contains(&o));
            }
            if let Some(a) = l.converted_account {
                missing("lead", l.id.get(), "converted account", a.get(), accounts.contains(&a));
            }
            if let Some(o) = l.converted_opportunity {
                missing("lead", l.id.get(), "converted opportunity", o.get(), opportunities.contains(&o));
            }
        }
        for a in &self.activities {
            let id = a.id.get();
            missing("activity", id, "person", a.person.get(), people.contains(&a.person));
            if let Some(x) = a.account {
                missing("activity", id, "account", x.get(), accounts.contains(&x));
            }
            if let Some(x) = a.contact {
                missing("activity", id, "contact", x.get(), contacts.contains(&x));
            }
            if let Some(x) = a.opportunity {
                missing("activity", id, "opportunity", x.get(), opportunities.contains(&x));
            }
        }
        for c in &self.contracts {
            missing("contract", c.id.get(), "account", c.account.get(), accounts.contains(&c.account));
            if let Some(l) = c.product_line {
                missing("contract", c.id.get(), "product line", l.get(), lines.contains(&l));
            }
            if let Some(o) = c.renewal_opportunity {
                missing("contract", c.id.get(), "renewal opportunity", o.get(), opportunities.contains(&o));
            }
        }
        for p in &self.proposals {
            missing("proposal", p.id.get(), "opportunity", p.opportunity.get(), opportunities.contains(&p.opportunity));
        }
        for q in &self.quotas {
            match q.owner {
                QuotaOwner::Person(p) => missing("quota", q.id.get(), "person", p.get(), people.contains(&p)),
                QuotaOwner::Team(t) => missing("quota", q.id.get(), "team", t.get(), teams.contains(&t)),
            }
        }
        for e in &self.geo_edges {
            for u in [e.a(), e.b()] {
                missing("adjacency", u.get(), "geographic unit", u.get(), units.contains(&u));
            }
        }
        for t in &self.territories {
            if let Some(p) = t.parent {
                missing("territory", t.id.get(), "parent territory", p.get(), territories.contains(&p));
            }
        }
        for a in &self.alignments {
            if let Some(b) = a.based_on {
                missing("alignment", a.id.get(), "alignment", b.get(), alignments.contains(&b));
            }
        }
        for a in &self.territory_assignments {
            let id = a.alignment.get();
            missing("territory assignment", id, "alignment", id, alignments.contains(&a.alignment));
            missing("territory assignment", id, "territory", a.territory.get(), territories.contains(&a.territory));
            match a.unit {
                AlignedUnit::Geo(u) => {
                    missing("territory assignment", id, "geographic unit", u.get(), units.contains(&u))
                }
                AlignedUnit::Account(x) => {
                    missing("territory assignment", id, "account", x.get(), accounts.contains(&x))
                }
            }
        }
        for r in &self.territory_reps {
            let id = r.alignment.get();
            missing("territory rep", id, "alignment", id, alignments.contains(&r.alignment));
            missing("territory rep", id, "territory", r.territory.get(), territories.contains(&r.territory));
            missing("territory rep", id, "person", r.person.get(), people.contains(&r.person));
        }
        for r in &self.reference_clients {
            missing("reference client", r.id.get(), "account", r.account.get(), accounts.contains(&r.account));
        }
        for u in &self.reference_uses {
            missing(
                "reference use",
                u.id.get(),
                "reference client",
                u.reference.get(),
                references.contains(&u.reference),
            );
            missing("reference use", u.id.get(), "person", u.requested_by.get(), people.contains(&u.requested_by));
            if let Some(o) = u.opportunity {
                missing("reference use", u.id.get(), "opportunity", o.get(), opportunities.contains(&o));
            }
        }
        for t in &self.trainings {
            missing("training", t.id.get(), "person", t.person.get(), people.contains(&t.person));
        }

        let current = self.alignments.iter().filter(|a| a.status == AlignmentStatus::Current).count();
        if current > 1 {
            out.push(IntegrityProblem {
                record: "alignment",
                id: 0,
                problem: format!("{current} alignments are marked current; at most one may be"),
            });
        }
        let teams = self.teams.iter().map(|t| (t.id, t.parent, format!("team {} is its own ancestor", t.name)));
        out.extend(cycles("team", teams, TeamId::get));
        let accounts =
            self.accounts.iter().map(|a| (a.id, a.parent, format!("account {} is its own ancestor", a.name)));
        out.extend(cycles("account", accounts, AccountId::get));
        let territories =
            self.territories.iter().map(|t| (t.id, t.parent, format!("territory {} is its own ancestor", t.name)));
        out.extend(cycles("territory", territories, TerritoryId::get));
        let managers = self
            .people
            .iter()
            .map(|p| (p.id, p.manager, format!("{} is their own manager, through the managers above them", p.name)));
        out.extend(cycles("person", managers, PersonId::get));
        out
    }

    /// A team and every team below it.
    pub fn team_and_descendants(&self, root: TeamId) -> HashSet<TeamId> {
        let mut children: HashMap<TeamId, Vec<TeamId>> = HashMap::new();
        for t in &self.teams {
            if let Some(p) = t.parent {
                children.entry(p).or_default().push(t.id);
            }
        }
        let mut out = HashSet::from([root]);
        let mut stack = vec![root];
        while let Some(t) = stack.pop() {
            for &c in children.get(&t).map(Vec::as_slice).unwrap_or_default() {
                if out.insert(c) {
                    stack.push(c);
                }
            }
        }
        out
    }
}

/// Adds a problem for every record that fails its own rules.
fn invalid<R: Record>(out: &mut Vec<IntegrityProblem>, records: &[R]) {
    out.extend(records.iter().filter_map(|r| {
        r.validate().err().map(|e| IntegrityProblem { record: R::KIND, id: r.raw_id(), problem: e.to_string() })
    }));
}

/// The ids of `records`, for membership tests. FxHash: the ids are our own (no one chooses
/// them to collide), and a million opportunities' ids hash several times faster than with
/// SipHash.
fn ids<T, I: Eq + Hash>(records: &[T], id: impl Fn(&T) -> I) -> FxHashSet<I> {
    records.iter().map(id).collect()
}

/// The records whose parent chain comes back to themselves: one problem for each record on a
/// loop. `records` gives each record's id, its parent and the problem to report for it.
fn cycles<I: Copy + Eq + Hash>(
    record: &'static str,
    records: impl Iterator<Item = (I, Option<I>, String)>,
    raw: impl Fn(I) -> i64,
) -> Vec<IntegrityProblem> {
    let records: Vec<(I, Option<I>, String)> = records.collect();
    let parent: HashMap<I, I> = records.iter().filter_map(|(id, p, _)| p.map(|p| (*id, p))).collect();
    let mut out = Vec::new();
    for (id, _, problem) in records {
        let mut seen = HashSet::from([id]);
        let mut at = id;
        while let Some(&p) = parent.get(&at) {
            if p == id {
                out.push(IntegrityProblem { record, id: raw(id), problem });
                break;
            }
            if !seen.insert(p) {
                break;
            }
            at = p;
        }
    }
    out
}
