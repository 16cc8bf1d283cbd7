//! Territory design on the organisation's own data: plan a scenario from counties with their
//! accounts and potential, publish it (the alignment in force changes and owners follow), and
//! see coverage — accounts per rep against a span, and accounts left without a working owner.
//!
//! Planning runs the `sutton-align` optimiser on the counties of the contiguous United States
//! that the organisation has (their adjacency from the embedded county borders, their points in
//! the equal-area EPSG:5070 plane), balancing the count and potential of the accounts the
//! territories cover (those of territory reps, of people who left, or of nobody), starting
//! from the current alignment and keeping disruption under a cap when given. New territories
//! are matched to current ones by the counties they share, so names and reps carry over.
//! Accounts assigned to a territory one by one (key accounts) keep their assignment.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sutton_domain::{
    AccountId, AlignedUnit, Alignment, AlignmentId, AlignmentStatus, AuditEntry, AuditId, PersonId, Territory,
    TerritoryAssignment, TerritoryId, TerritoryLevel, TerritoryRep,
};
use sutton_store::IdKind;

use crate::{App, AppError};

/// What to balance in a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanMeasure {
    Accounts,
    Potential,
    /// Call minutes a year that the call patterns ask for (segments A/B/C by potential).
    Workload,
}

impl PlanMeasure {
    pub fn parse(text: &str) -> Option<PlanMeasure> {
        match text.trim().to_ascii_lowercase().as_str() {
            "accounts" => Some(PlanMeasure::Accounts),
            "potential" => Some(PlanMeasure::Potential),
            "workload" => Some(PlanMeasure::Workload),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanMeasure::Accounts => "accounts",
            PlanMeasure::Potential => "potential",
            PlanMeasure::Workload => "workload",
        }
    }
}

/// A territory plan to make.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    pub name: String,
    /// Territories wanted; `None` keeps the current number.
    pub territories: Option<usize>,
    /// (measure, tolerance as a share).
    pub balance: Vec<(PlanMeasure, f64)>,
    /// At most this share of the counties may change territory.
    pub max_disruption: Option<f64>,
    pub seed: u64,
    /// Measure compactness to each rep's home (when the number of territories stays).
    pub homes: bool,
}

/// A planned scenario and how good it is.
#[derive(Debug, Clone)]
pub struct PlanOutcome {
    pub alignment: AlignmentId,
    pub units: usize,
    pub territories: usize,
    /// (measure, maximum relative deviation before, after).
    pub balance: Vec<(PlanMeasure, f64, f64)>,
    /// Share of counties that change territory against the current alignment.
    pub disruption: f64,
    pub mean_distance_km: f64,
    pub all_contiguous: bool,
    /// Constraints that could not all hold, in words with their figures.
    pub violations: Vec<String>,
}

/// What publishing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishOutcome {
    pub alignment: AlignmentId,
    pub accounts_moved: usize,
    /// Accounts in territories without exactly one working rep: left with their owner.
    pub accounts_unassignable: usize,
}

/// Accounts per rep and the accounts without a working owner.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub as_of: NaiveDate,
    /// The span of accounts per rep judged workable: ±25 % around the average of the reps who
    /// carry a book.
    pub span: (i64, i64),
    /// (rep, accounts they own).
    pub reps: Vec<(PersonId, String, i64)>,
    pub orphaned: Vec<Orphan>,
}

/// An account whose owner has left or is missing, with a proposed interim owner.
#[derive(Debug, Clone)]
pub struct Orphan {
    pub account: AccountId,
    pub name: String,
    pub owner: Option<String>,
    pub reason: String,
    pub proposed: Option<(PersonId, String)>,
}

fn max_deviation(totals: &[f64]) -> f64 {
    let mean = totals.iter().sum::<f64>() / totals.len().max(1) as f64;
    if mean <= 0.0 {
        return 0.0;
    }
    totals.iter().map(|t| (t / mean - 1.0).abs()).fold(0.0, f64::max)
}

impl App {
    /// Plans a territory scenario from the counties and stores it (status scenario, audited).
    pub fn plan_territories(&self, actor: &str, request: &PlanRequest) -> Result<PlanOutcome, AppError> {
        self.plan_territories_with(actor, request, &|_, _| {})
    }

    /// [`App::plan_territories`], reporting the optimiser's starts as they finish.
    pub fn plan_territories_with(
        &self,
        actor: &str,
        request: &PlanRequest,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<PlanOutcome, AppError> {
        let data = self.snapshot()?;
        let current = data.alignments.iter().find(|a| a.status == AlignmentStatus::Current);
        let with_workload = request.balance.iter().any(|(m, _)| *m == PlanMeasure::Workload);
        let model = self.county_model(&data, with_workload)?;
        let unit_of_geo = &model.unit_of_geo;
        let units: Vec<usize> = (0..model.geo.len()).collect();
        let locations = model.locations.clone();
        let edges = model.edges.clone();
        // The current alignment's territories, in a fixed order, and each unit's place in it.
        let mut current_territories: Vec<TerritoryId> = Vec::new();
        let mut current_of_unit: Vec<Option<usize>> = vec![None; units.len()];
        if let Some(cur) = current {
            for a in data.territory_assignments.iter().filter(|a| a.alignment == cur.id) {
                if let AlignedUnit::Geo(g) = a.unit
                    && let Some(&u) = unit_of_geo.get(&g.get())
                {
                    let t = match current_territories.iter().position(|t| *t == a.territory) {
                        Some(t) => t,
                        None => {
                            current_territories.push(a.territory);
                            current_territories.len() - 1
                        }
                    };
                    current_of_unit[u] = Some(t);
                }
            }
        }
        let k = request.territories.unwrap_or(current_territories.len()).max(1);
        let settings = crate::scenarios::ScenarioSettings {
            balance: request.balance.clone(),
            max_disruption: request.max_disruption,
            seed: request.seed,
            homes: request.homes,
        };
        let balance = model.balance(&settings)?;
        let starts_from_current = !current_territories.is_empty() && current_territories.len() == k;
        // Reps' homes anchor the territories they keep: only when the territories stay the same.
        let homes = (request.homes && starts_from_current).then(|| {
            current
                .map_or_else(Vec::new, |cur| self.homes(&data, &model, cur.id, &current_territories, &current_of_unit))
        });
        let problem = sutton_align::Problem {
            locations,
            edges: Some(edges),
            territories: k,
            balance: balance.clone(),
            target_shares: None,
            homes: homes.clone(),
            current: starts_from_current.then(|| current_of_unit.clone()),
            max_disruption: request.max_disruption.filter(|_| starts_from_current).map(|share| {
                sutton_align::DisruptionLimit { max_share: share, measure: sutton_align::DisruptionMeasure::Units }
            }),
            locked: Vec::new(),
        };
        let options = sutton_align::Options { seed: request.seed, ..sutton_align::Options::default() };
        let result = sutton_align::optimize(&problem, &options, &|p| progress(p.starts_done, p.starts))
            .map_err(|e| AppError::Input(e.to_string()))?;
        // Name the new territories after the current ones they overlap most.
        let mut overlap: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (u, &t) in result.assignment.iter().enumerate() {
            if let Some(c) = current_of_unit[u] {
                *overlap.entry((t, c)).or_default() += 1;
            }
        }
        let mut pairs: Vec<((usize, usize), usize)> = overlap.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut matched: Vec<Option<TerritoryId>> = vec![None; k];
        let mut taken = vec![false; current_territories.len()];
        if homes.is_some() {
            // Each territory grew around its rep's home: it keeps that rep's territory.
            for (t, id) in current_territories.iter().enumerate() {
                matched[t] = Some(*id);
                taken[t] = true;
            }
        }
        for ((t, c), _) in pairs {
            if matched[t].is_none() && !taken[c] {
                matched[t] = Some(current_territories[c]);
                taken[c] = true;
            }
        }
        let before: Vec<(PlanMeasure, f64)> = request
            .balance
            .iter()
            .map(|(m, _)| {
                let values = model.values(*m)?;
                let mut totals = vec![0.0; current_territories.len().max(1)];
                for (u, c) in current_of_unit.iter().enumerate() {
                    if let Some(c) = c {
                        totals[*c] += values[u];
                    }
                }
                Ok((*m, max_deviation(&totals)))
            })
            .collect::<Result<_, AppError>>()?;
        let after: Vec<f64> = request
            .balance
            .iter()
            .map(|(m, _)| {
                let values = model.values(*m)?;
                let mut totals = vec![0.0; k];
                for (u, &t) in result.assignment.iter().enumerate() {
                    totals[t] += values[u];
                }
                Ok(max_deviation(&totals))
            })
            .collect::<Result<_, AppError>>()?;
        let disruption = if starts_from_current {
            let moved = result
                .assignment
                .iter()
                .enumerate()
                .filter(|(u, t)| current_of_unit[*u].map(|c| current_territories[c]) != matched[**t])
                .count();
            moved as f64 / units.len() as f64
        } else {
            1.0
        };
        let today = self.today();
        let alignment_id = self.store.write(|tx| -> Result<AlignmentId, AppError> {
            let id = AlignmentId(tx.allocate_ids(IdKind::Alignment, 1)?);
            let fresh = matched.iter().filter(|m| m.is_none()).count() as u64;
            let mut next = if fresh > 0 { tx.allocate_ids(IdKind::Territory, fresh)? } else { 0 };
            let mut new_territories = Vec::new();
            let ids: Vec<TerritoryId> = matched
                .iter()
                .enumerate()
                .map(|(t, m)| match m {
                    Some(id) => *id,
                    None => {
                        let tid = TerritoryId(next);
                        next += 1;
                        new_territories.push(Territory {
                            id: tid,
                            name: format!("{} {}", request.name, t + 1),
                            level: TerritoryLevel::Territory,
                            parent: None,
                        });
                        tid
                    }
                })
                .collect();
            tx.insert_territories(&new_territories)?;
            tx.insert_alignments(&[Alignment {
                id,
                name: request.name.clone(),
                status: AlignmentStatus::Scenario,
                based_on: current.map(|c| c.id),
                created_on: today,
                note: Some(settings.note(k)),
            }])?;
            let mut assignments: Vec<TerritoryAssignment> = result
                .assignment
                .iter()
                .enumerate()
                .map(|(u, &t)| TerritoryAssignment {
                    alignment: id,
                    unit: AlignedUnit::Geo(model.geo[u]),
                    territory: ids[t],
                    locked: false,
                })
                .collect();
            if let Some(cur) = current {
                assignments.extend(
                    data.territory_assignments
                        .iter()
                        .filter(|a| a.alignment == cur.id && matches!(a.unit, AlignedUnit::Account(_)))
                        .map(|a| TerritoryAssignment { alignment: id, ..a.clone() }),
                );
                let reps: Vec<TerritoryRep> = data
                    .territory_reps
                    .iter()
                    .filter(|r| {
                        r.alignment == cur.id
                            && (ids.contains(&r.territory) || individually_kept(&data, cur.id, r.territory))
                    })
                    .map(|r| TerritoryRep { alignment: id, ..r.clone() })
                    .collect();
                tx.insert_territory_reps(&reps)?;
            }
            tx.insert_territory_assignments(&assignments)?;
            tx.audit(&[AuditEntry {
                id: AuditId(0),
                at: chrono::Utc::now(),
                actor: actor.to_owned(),
                action: "plan territories".to_owned(),
                entity: "alignment".to_owned(),
                entity_id: Some(id.get().to_string()),
                detail: format!(
                    "{}: {k} territories from {} counties, {:.1} % of counties move",
                    request.name,
                    units.len(),
                    disruption * 100.0
                ),
            }])?;
            Ok(id)
        })?;
        Ok(PlanOutcome {
            alignment: alignment_id,
            units: units.len(),
            territories: k,
            balance: before.iter().zip(&after).map(|((m, b), a)| (*m, *b, *a)).collect(),
            disruption,
            mean_distance_km: result.metrics.mean_distance_to_centre,
            all_contiguous: result.metrics.contiguous,
            violations: result.violations.iter().map(ToString::to_string).collect(),
        })
    }

    /// Makes a scenario the alignment in force (the current one is archived) and gives each
    /// account the working rep of its territory, in one transaction, audited. Only accounts the
    /// territories cover move: those owned by a territory rep, by someone who has left, or by
    /// nobody; accounts in territories without exactly one working rep keep their owner.
    pub fn publish_alignment(&self, actor: &str, id: AlignmentId) -> Result<PublishOutcome, AppError> {
        let data = self.snapshot()?;
        let today = self.today();
        let Some(scenario) = data.alignments.iter().find(|a| a.id == id) else {
            return Err(AppError::NotFound { what: "alignment", id: id.get().to_string() });
        };
        if scenario.status == AlignmentStatus::Current {
            return Err(AppError::Input(format!("alignment {} is already the current one", id.get())));
        }
        let working = |p: PersonId| {
            data.people.iter().any(|x| x.id == p && !x.placeholder && x.leave_date.is_none_or(|d| d > today))
        };
        let mut rep_of: HashMap<TerritoryId, Vec<PersonId>> = HashMap::new();
        for r in data.territory_reps.iter().filter(|r| r.alignment == id && working(r.person)) {
            rep_of.entry(r.territory).or_default().push(r.person);
        }
        let mut by_geo: HashMap<i64, TerritoryId> = HashMap::new();
        let mut by_account: HashMap<i64, TerritoryId> = HashMap::new();
        for a in data.territory_assignments.iter().filter(|a| a.alignment == id) {
            match a.unit {
                AlignedUnit::Geo(g) => by_geo.insert(g.get(), a.territory),
                AlignedUnit::Account(acc) => by_account.insert(acc.get(), a.territory),
            };
        }
        let covered = covered_accounts(&data, today, Some(id));
        let (mut moved, mut unassignable) = (Vec::new(), 0);
        let mut flows: BTreeMap<(String, String), usize> = BTreeMap::new();
        let name = |p: Option<PersonId>| {
            p.and_then(|p| data.people.iter().find(|x| x.id == p)).map_or("nobody".to_owned(), |x| x.name.clone())
        };
        for a in &data.accounts {
            let territory =
                by_account.get(&a.id.get()).or_else(|| a.location.geo_unit.and_then(|g| by_geo.get(&g.get())));
            let Some(territory) = territory else { continue };
            if !covered.contains(&a.id.get()) {
                continue;
            }
            match rep_of.get(territory).map(Vec::as_slice) {
                Some([rep]) => {
                    if a.owner != Some(*rep) {
                        *flows.entry((name(a.owner), name(Some(*rep)))).or_default() += 1;
                        let mut changed = a.clone();
                        changed.owner = Some(*rep);
                        moved.push(changed);
                    }
                }
                _ => unassignable += 1,
            }
        }
        let current: Vec<Alignment> = data
            .alignments
            .iter()
            .filter(|a| a.status == AlignmentStatus::Current)
            .map(|a| Alignment { status: AlignmentStatus::Archived, ..a.clone() })
            .collect();
        let published = Alignment { status: AlignmentStatus::Current, ..scenario.clone() };
        let detail = format!(
            "{} is current; {} accounts change owner{}{}",
            published.name,
            moved.len(),
            if flows.is_empty() { "" } else { ": " },
            flows.iter().take(20).map(|((f, t), n)| format!("{n} from {f} to {t}")).collect::<Vec<_>>().join(", ")
        );
        self.store.write(|tx| -> Result<(), AppError> {
            tx.update_alignments(&current)?;
            tx.update_alignments(std::slice::from_ref(&published))?;
            tx.update_accounts(&moved)?;
            tx.audit(&[AuditEntry {
                id: AuditId(0),
                at: chrono::Utc::now(),
                actor: actor.to_owned(),
                action: "publish territories".to_owned(),
                entity: "alignment".to_owned(),
                entity_id: Some(id.get().to_string()),
                detail: detail.clone(),
            }])?;
            Ok(())
        })?;
        self.forget_figures();
        Ok(PublishOutcome { alignment: id, accounts_moved: moved.len(), accounts_unassignable: unassignable })
    }

    /// Accounts per rep against a workable span, and accounts whose owner has left or is
    /// missing, each with a proposed interim owner: a working rep of the same team with the
    /// fewest accounts, else the team's manager.
    pub fn coverage(&self, scope: &sutton_domain::Scope) -> Result<Coverage, AppError> {
        let data = self.snapshot()?;
        let today = self.today();
        let working = |p: &sutton_domain::Person| !p.placeholder && p.leave_date.is_none_or(|d| d > today);
        let mut owned: HashMap<PersonId, i64> = HashMap::new();
        for a in &data.accounts {
            if let Some(o) = a.owner {
                *owned.entry(o).or_default() += 1;
            }
        }
        let sellers: Vec<&sutton_domain::Person> = data
            .people
            .iter()
            .filter(|p| working(p) && p.role.carries_book() && owned.get(&p.id).copied().unwrap_or(0) > 0)
            .collect();
        let mean = sellers.iter().map(|p| owned.get(&p.id).copied().unwrap_or(0)).sum::<i64>() as f64
            / sellers.len().max(1) as f64;
        let span = ((mean * 0.75).round() as i64, (mean * 1.25).round() as i64);
        let mut reps: Vec<(PersonId, String, i64)> = sellers
            .iter()
            .filter(|p| scope.sees(p.id))
            .map(|p| (p.id, p.name.clone(), owned.get(&p.id).copied().unwrap_or(0)))
            .collect();
        reps.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
        let mut orphaned = Vec::new();
        for a in &data.accounts {
            let owner = a.owner.and_then(|o| data.people.iter().find(|p| p.id == o));
            let reason = match owner {
                None => "no owner".to_owned(),
                Some(p) if !working(p) => match p.leave_date {
                    Some(d) => format!("{} left on {d}", p.name),
                    None => format!("{} is known only by a CRM id", p.name),
                },
                Some(_) => continue,
            };
            // Visible when the viewer sees the former owner or the account's team.
            if !a.owner.is_some_and(|o| scope.sees(o)) && !matches!(scope, sutton_domain::Scope::Everything) {
                continue;
            }
            let team = owner.and_then(|p| p.team);
            let proposed = data
                .people
                .iter()
                .filter(|p| working(p) && p.role.carries_book() && team.is_some() && p.team == team)
                .min_by_key(|p| (owned.get(&p.id).copied().unwrap_or(0), p.name.clone()))
                .or_else(|| {
                    team.and_then(|t| data.teams.iter().find(|x| x.id == t))
                        .and_then(|t| t.manager)
                        .and_then(|m| data.people.iter().find(|p| p.id == m && working(p)))
                })
                .map(|p| (p.id, p.name.clone()));
            orphaned.push(Orphan {
                account: a.id,
                name: a.name.clone(),
                owner: owner.map(|p| p.name.clone()),
                reason,
                proposed,
            });
        }
        orphaned.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Coverage { as_of: today, span, reps, orphaned })
    }
}

/// The accounts territories cover: owned by a rep named on a territory of the current
/// alignment (or of `also`), by someone who has left, or by nobody. Accounts owned by inside
/// sales, key accounts or customer success are theirs, not the map's.
pub(crate) fn covered_accounts(
    data: &sutton_domain::Dataset,
    today: NaiveDate,
    also: Option<AlignmentId>,
) -> std::collections::HashSet<i64> {
    let working =
        |p: PersonId| data.people.iter().any(|x| x.id == p && !x.placeholder && x.leave_date.is_none_or(|d| d > today));
    let reps: std::collections::HashSet<PersonId> = data
        .territory_reps
        .iter()
        .filter(|r| {
            Some(r.alignment) == also
                || data.alignments.iter().any(|a| a.id == r.alignment && a.status == AlignmentStatus::Current)
        })
        .map(|r| r.person)
        .collect();
    data.accounts
        .iter()
        .filter(|a| match a.owner {
            None => true,
            Some(o) => !working(o) || reps.contains(&o),
        })
        .map(|a| a.id.get())
        .collect()
}

/// Whether a territory of the current alignment holds accounts assigned one by one (its reps
/// are kept even when no county is matched to it).
fn individually_kept(data: &sutton_domain::Dataset, alignment: AlignmentId, territory: TerritoryId) -> bool {
    data.territory_assignments
        .iter()
        .any(|a| a.alignment == alignment && a.territory == territory && matches!(a.unit, AlignedUnit::Account(_)))
}
