//! Territory scenarios after planning (TERR-2, TERR-3): every stored alignment measured by the
//! same rules as the optimiser's (`sutton_align::evaluate`), hand edits (move a county, lock
//! it), re-optimisation that keeps the locks, and the "how many reps" curve.
//!
//! A scenario's settings — what it balances and within what tolerance, the disruption cap, the
//! seed and whether reps' homes anchor it — are written in the alignment's note in a fixed
//! form ("balance accounts ±5 %, potential ±10 %; max disruption 20 %; seed 7; homes"), which a
//! person can read and [`ScenarioSettings::from_note`] reads back. Locks are the assignments'
//! `locked` flags; a county moved by hand is locked, so a re-optimisation keeps it.

use std::collections::{BTreeSet, HashMap};

use sutton_domain::{
    AlignedUnit, Alignment, AlignmentId, AlignmentStatus, AuditEntry, AuditId, Dataset, GeoUnitId, GeoUnitKind,
    PersonId, TerritoryAssignment, TerritoryId,
};

use crate::territories::PlanMeasure;
use crate::{App, AppError};

/// What a scenario balances and how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSettings {
    /// (measure, tolerance as a share).
    pub balance: Vec<(PlanMeasure, f64)>,
    pub max_disruption: Option<f64>,
    pub seed: u64,
    /// Compactness measured to each rep's home instead of the territory's centre.
    pub homes: bool,
}

impl Default for ScenarioSettings {
    fn default() -> ScenarioSettings {
        ScenarioSettings { balance: vec![(PlanMeasure::Accounts, 0.10)], max_disruption: None, seed: 1, homes: false }
    }
}

fn percent_text(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 { format!("{p:.0}") } else { format!("{p:.1}") }
}

impl ScenarioSettings {
    /// The note stored with the alignment: readable, and read back by [`Self::from_note`].
    pub fn note(&self, territories: usize) -> String {
        let mut parts = vec![
            format!("{territories} territories"),
            format!(
                "balance {}",
                self.balance
                    .iter()
                    .map(|(m, t)| format!("{} ±{} %", m.as_str(), percent_text(*t)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ];
        if let Some(d) = self.max_disruption {
            parts.push(format!("max disruption {} %", percent_text(d)));
        }
        parts.push(format!("seed {}", self.seed));
        if self.homes {
            parts.push("homes".to_owned());
        }
        parts.join("; ")
    }

    /// Reads settings from a note written by [`Self::note`]; anything missing takes its default
    /// (accounts ±10 %), so alignments drawn elsewhere are still measured.
    pub fn from_note(note: Option<&str>) -> ScenarioSettings {
        let mut s = ScenarioSettings { balance: Vec::new(), ..ScenarioSettings::default() };
        let number = |text: &str| text.trim().trim_end_matches('%').trim().replace(',', ".").parse::<f64>().ok();
        for part in note.unwrap_or("").split(';').map(str::trim) {
            if let Some(list) = part.strip_prefix("balance ") {
                for item in list.split(',') {
                    let Some((name, tolerance)) = item.trim().split_once('±') else { continue };
                    if let (Some(m), Some(t)) = (PlanMeasure::parse(name), number(tolerance))
                        && t > 0.0
                        && t < 100.0
                    {
                        s.balance.push((m, t / 100.0));
                    }
                }
            } else if let Some(d) = part.strip_prefix("max disruption ") {
                s.max_disruption = number(d).map(|d| d / 100.0);
            } else if let Some(seed) = part.strip_prefix("seed ") {
                s.seed = seed.trim().parse().unwrap_or(1);
            } else if part == "homes" {
                s.homes = true;
            }
        }
        if s.balance.is_empty() {
            s.balance = ScenarioSettings::default().balance;
        }
        s
    }
}

/// The organisation's US counties as optimiser units, with what each holds.
#[derive(Debug, Clone)]
pub(crate) struct CountyModel {
    pub geo: Vec<GeoUnitId>,
    pub fips: Vec<String>,
    pub names: Vec<String>,
    pub locations: Vec<[f64; 2]>,
    pub edges: Vec<[usize; 2]>,
    pub accounts: Vec<f64>,
    pub potential: Vec<f64>,
    /// Call minutes a year the call patterns ask for, when asked for.
    pub workload: Option<Vec<f64>>,
    pub unit_of_geo: HashMap<i64, usize>,
    /// Every county on the map by geographic unit id, for homes outside the units.
    pub county_xy: HashMap<i64, ([f64; 2], String)>,
}

impl CountyModel {
    pub fn values(&self, m: PlanMeasure) -> Result<Vec<f64>, AppError> {
        Ok(match m {
            PlanMeasure::Accounts => self.accounts.clone(),
            PlanMeasure::Potential => self.potential.clone(),
            PlanMeasure::Workload => self.workload.clone().ok_or_else(|| {
                AppError::Input("workload needs the call patterns' workload; none could be computed".to_owned())
            })?,
        })
    }

    pub fn balance(&self, settings: &ScenarioSettings) -> Result<Vec<sutton_align::Balance>, AppError> {
        settings
            .balance
            .iter()
            .map(|(m, t)| {
                Ok(sutton_align::Balance { name: m.as_str().to_owned(), values: self.values(*m)?, tolerance: *t })
            })
            .collect()
    }
}

/// The contiguous US counties with their adjacency, built once per process (projecting and
/// joining three thousand outlines is not work to repeat on every click).
static COUNTIES: std::sync::LazyLock<(sutton_geo::CountyGraph, Vec<Vec<u32>>)> = std::sync::LazyLock::new(|| {
    let graph = sutton_geo::us_counties(sutton_geo::Scope::Contiguous);
    let adjacency = graph.adjacency();
    (graph, adjacency)
});

/// The current alignment, if any.
pub(crate) fn current_alignment(data: &Dataset) -> Option<&Alignment> {
    data.alignments.iter().find(|a| a.status == AlignmentStatus::Current)
}

/// A territory of a scenario, with who covers it and where they live.
#[derive(Debug, Clone)]
pub struct ScenarioTerritory {
    pub id: TerritoryId,
    pub name: String,
    pub reps: Vec<(PersonId, String)>,
    /// The county code (FIPS) of the first rep's home, when known.
    pub home: Option<String>,
}

/// A county in a scenario.
#[derive(Debug, Clone)]
pub struct ScenarioUnit {
    pub geo: GeoUnitId,
    pub fips: String,
    pub name: String,
    /// Index into [`ScenarioView::territories`].
    pub territory: usize,
    pub locked: bool,
    /// The territory it has in the current alignment, if any.
    pub current: Option<TerritoryId>,
    /// Its value of each balanced measure, in the order of the metrics' balance.
    pub values: Vec<f64>,
}

/// A stored alignment measured: the map, the territories and the optimiser's metrics.
#[derive(Debug, Clone)]
pub struct ScenarioView {
    pub alignment: Alignment,
    pub settings: ScenarioSettings,
    pub territories: Vec<ScenarioTerritory>,
    pub units: Vec<ScenarioUnit>,
    /// Balance in the order of `settings.balance`; `disruption` is left empty (see below).
    pub metrics: sutton_align::Metrics,
    /// Counties whose territory differs from the current alignment's, and their share.
    pub moved: usize,
    pub moved_share: f64,
}

impl ScenarioView {
    /// Territories (indices) that are not contiguous.
    pub fn broken(&self) -> Vec<usize> {
        self.metrics.territories.iter().enumerate().filter(|(_, t)| !t.contiguous).map(|(i, _)| i).collect()
    }

    pub fn is_editable(&self) -> bool {
        self.alignment.status == AlignmentStatus::Scenario
    }
}

/// One hand edit of a scenario's county.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitEdit {
    /// Into this territory; the county is locked there.
    Move(TerritoryId),
    Lock,
    Unlock,
}

/// One point of the "how many reps" curve.
#[derive(Debug, Clone)]
pub struct SizingPoint {
    pub territories: usize,
    /// Largest deviation from target per balanced measure, in the order of the settings.
    pub max_deviation: Vec<f64>,
    pub mean_distance_km: f64,
    pub contiguous: bool,
    pub accounts_per_rep: f64,
    /// Call minutes a year per rep, when the call patterns give a workload.
    pub workload_per_rep: Option<f64>,
    pub meets_tolerance: bool,
    /// Workload within capacity (none when either is unknown).
    pub within_capacity: Option<bool>,
}

/// How balance, travel and workload change with the number of territories.
#[derive(Debug, Clone)]
pub struct Sizing {
    pub current: usize,
    pub settings: ScenarioSettings,
    /// A rep's yearly capacity in minutes (weekly capacity × 46 working weeks, averaged over
    /// the territory reps).
    pub capacity_per_rep: Option<f64>,
    pub points: Vec<SizingPoint>,
    /// The fewest territories that meet every tolerance and stay within capacity.
    pub recommended: Option<usize>,
}

/// Working weeks a year, as the call workload counts them.
const WORKING_WEEKS: f64 = 46.0;

impl App {
    /// The organisation's counties as optimiser units (`with_workload` also computes the call
    /// patterns' workload per county).
    pub(crate) fn county_model(&self, data: &Dataset, with_workload: bool) -> Result<CountyModel, AppError> {
        let current = current_alignment(data);
        let (graph, adjacency) = (&COUNTIES.0, &COUNTIES.1);
        let fips_index: HashMap<&str, usize> =
            graph.counties.iter().enumerate().map(|(i, c)| (c.fips.as_str(), i)).collect();
        let county_xy: HashMap<i64, ([f64; 2], String)> = data
            .geo_units
            .iter()
            .filter(|g| g.kind == GeoUnitKind::County)
            .filter_map(|g| {
                fips_index
                    .get(g.code.as_str())
                    .map(|&i| (g.id.get(), ([graph.counties[i].x_km, graph.counties[i].y_km], g.code.clone())))
            })
            .collect();
        let units: Vec<(&sutton_domain::GeoUnit, usize)> = data
            .geo_units
            .iter()
            .filter(|g| g.kind == GeoUnitKind::County)
            .filter_map(|g| fips_index.get(g.code.as_str()).map(|&i| (g, i)))
            .collect();
        if units.is_empty() {
            return Err(AppError::Input("there are no US counties to plan territories from".to_owned()));
        }
        let unit_of_county: HashMap<usize, usize> = units.iter().enumerate().map(|(u, (_, c))| (*c, u)).collect();
        let unit_of_geo: HashMap<i64, usize> = units.iter().enumerate().map(|(u, (g, _))| (g.id.get(), u)).collect();
        let mut edges = Vec::new();
        for (u, (_, c)) in units.iter().enumerate() {
            for &n in &adjacency[*c] {
                if let Some(&v) = unit_of_county.get(&(n as usize))
                    && u < v
                {
                    edges.push([u, v]);
                }
            }
        }
        let locations: Vec<[f64; 2]> =
            units.iter().map(|(_, c)| [graph.counties[*c].x_km, graph.counties[*c].y_km]).collect();
        // Accounts assigned one by one in the current alignment stay out of the plan.
        let individually: std::collections::HashSet<i64> = current
            .map(|cur| {
                data.territory_assignments
                    .iter()
                    .filter(|a| a.alignment == cur.id)
                    .filter_map(|a| match a.unit {
                        AlignedUnit::Account(id) => Some(id.get()),
                        AlignedUnit::Geo(_) => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let currency = data.organisation.currency;
        let covered = crate::territories::covered_accounts(data, self.today(), None);
        let mut accounts = vec![0.0; units.len()];
        let mut potential = vec![0.0; units.len()];
        let mut unit_of_account: HashMap<i64, usize> = HashMap::new();
        for a in &data.accounts {
            if individually.contains(&a.id.get()) || !covered.contains(&a.id.get()) {
                continue;
            }
            let Some(u) = a.location.geo_unit.and_then(|g| unit_of_geo.get(&g.get())) else { continue };
            unit_of_account.insert(a.id.get(), *u);
            accounts[*u] += 1.0;
            if let Some(p) = a.potential.filter(|p| p.currency() == currency) {
                potential[*u] += p.to_major_f64();
            }
        }
        let workload = if with_workload {
            let (_, w) = self.calls_workload(&self.segment_rule()?, None, &sutton_plan::WorkloadOptions::default())?;
            let mut minutes = vec![0.0; units.len()];
            for aw in &w.accounts {
                if let Some(&u) = unit_of_account.get(&aw.account.get()) {
                    minutes[u] += aw.minutes_per_year() as f64;
                }
            }
            (minutes.iter().sum::<f64>() > 0.0).then_some(minutes)
        } else {
            None
        };
        Ok(CountyModel {
            geo: units.iter().map(|(g, _)| g.id).collect(),
            fips: units.iter().map(|(g, _)| g.code.clone()).collect(),
            names: units.iter().map(|(g, _)| g.name.clone()).collect(),
            locations,
            edges,
            accounts,
            potential,
            workload,
            unit_of_geo,
            county_xy,
        })
    }

    /// Home locations per territory for the optimiser: the first working rep's home county,
    /// else the weighted centre of the territory's counties in `assignment` (any unit index
    /// pointing at the territory), else the centre of all units.
    pub(crate) fn homes(
        &self,
        data: &Dataset,
        model: &CountyModel,
        alignment: AlignmentId,
        territories: &[TerritoryId],
        assignment: &[Option<usize>],
    ) -> Vec<[f64; 2]> {
        let today = self.today();
        territories
            .iter()
            .enumerate()
            .map(|(t, id)| {
                let rep_home = data
                    .territory_reps
                    .iter()
                    .filter(|r| r.alignment == alignment && r.territory == *id)
                    .filter_map(|r| data.people.iter().find(|p| p.id == r.person))
                    .filter(|p| !p.placeholder && p.leave_date.is_none_or(|d| d > today))
                    .find_map(|p| p.home.geo_unit.and_then(|g| model.county_xy.get(&g.get())).map(|(xy, _)| *xy));
                rep_home.unwrap_or_else(|| {
                    let (mut w, mut x, mut y) = (0.0, 0.0, 0.0);
                    for (u, a) in assignment.iter().enumerate() {
                        if *a == Some(t) {
                            let weight = model.accounts[u].max(1e-3);
                            w += weight;
                            x += weight * model.locations[u][0];
                            y += weight * model.locations[u][1];
                        }
                    }
                    if w == 0.0 {
                        let n = model.locations.len() as f64;
                        let sx: f64 = model.locations.iter().map(|l| l[0]).sum();
                        let sy: f64 = model.locations.iter().map(|l| l[1]).sum();
                        [sx / n, sy / n]
                    } else {
                        [x / w, y / w]
                    }
                })
            })
            .collect()
    }

    fn view_of(&self, data: &Dataset, model: &CountyModel, alignment: &Alignment) -> Result<ScenarioView, AppError> {
        let settings = ScenarioSettings::from_note(alignment.note.as_deref());
        let current = current_alignment(data);
        let current_of: HashMap<i64, TerritoryId> = current
            .map(|c| {
                data.territory_assignments
                    .iter()
                    .filter(|a| a.alignment == c.id)
                    .filter_map(|a| match a.unit {
                        AlignedUnit::Geo(g) => Some((g.get(), a.territory)),
                        AlignedUnit::Account(_) => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Units of this alignment, in the model's order.
        let mut placed: Vec<(usize, TerritoryId, bool)> = data
            .territory_assignments
            .iter()
            .filter(|a| a.alignment == alignment.id)
            .filter_map(|a| match a.unit {
                AlignedUnit::Geo(g) => model.unit_of_geo.get(&g.get()).map(|&u| (u, a.territory, a.locked)),
                AlignedUnit::Account(_) => None,
            })
            .collect();
        placed.sort_by_key(|p| p.0);
        if placed.is_empty() {
            return Err(AppError::Input(format!("alignment {} has no counties on the map", alignment.id.get())));
        }
        let ids: Vec<TerritoryId> = placed.iter().map(|p| p.1).collect::<BTreeSet<TerritoryId>>().into_iter().collect();
        let index: HashMap<TerritoryId, usize> = ids.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        let today = self.today();
        let territories: Vec<ScenarioTerritory> = ids
            .iter()
            .map(|id| {
                let reps: Vec<(PersonId, String)> = data
                    .territory_reps
                    .iter()
                    .filter(|r| r.alignment == alignment.id && r.territory == *id)
                    .filter_map(|r| data.people.iter().find(|p| p.id == r.person))
                    .map(|p| (p.id, p.name.clone()))
                    .collect();
                let home = data
                    .territory_reps
                    .iter()
                    .filter(|r| r.alignment == alignment.id && r.territory == *id)
                    .filter_map(|r| data.people.iter().find(|p| p.id == r.person))
                    .filter(|p| !p.placeholder && p.leave_date.is_none_or(|d| d > today))
                    .find_map(|p| p.home.geo_unit.and_then(|g| model.county_xy.get(&g.get())).map(|(_, f)| f.clone()));
                ScenarioTerritory {
                    id: *id,
                    name: data
                        .territories
                        .iter()
                        .find(|t| t.id == *id)
                        .map_or_else(|| id.get().to_string(), |t| t.name.clone()),
                    reps,
                    home,
                }
            })
            .collect();
        let sub: Vec<usize> = placed.iter().map(|p| p.0).collect();
        let position: HashMap<usize, usize> = sub.iter().enumerate().map(|(i, u)| (*u, i)).collect();
        let edges: Vec<[usize; 2]> =
            model.edges.iter().filter_map(|e| Some([*position.get(&e[0])?, *position.get(&e[1])?])).collect();
        let pick = |values: &[f64]| sub.iter().map(|&u| values[u]).collect::<Vec<f64>>();
        let balance = model
            .balance(&settings)?
            .into_iter()
            .map(|b| sutton_align::Balance { values: pick(&b.values), ..b })
            .collect::<Vec<_>>();
        // A measure that totals zero here (no accounts in these counties) cannot be measured.
        let balance: Vec<sutton_align::Balance> =
            balance.into_iter().filter(|b| b.values.iter().sum::<f64>() > 0.0).collect();
        let assignment: Vec<usize> = placed.iter().map(|p| index[&p.1]).collect();
        let problem = sutton_align::Problem {
            locations: sub.iter().map(|&u| model.locations[u]).collect(),
            edges: Some(edges.clone()),
            territories: ids.len(),
            balance,
            target_shares: None,
            homes: None,
            current: None,
            max_disruption: None,
            locked: Vec::new(),
        };
        let metrics =
            sutton_align::evaluate(&problem, &edges, &assignment).map_err(|e| AppError::Input(e.to_string()))?;
        let unit_values: Vec<Vec<f64>> =
            (0..sub.len()).map(|i| problem.balance.iter().map(|b| b.values[i]).collect()).collect();
        let units: Vec<ScenarioUnit> = placed
            .iter()
            .zip(unit_values)
            .map(|((u, t, locked), values)| ScenarioUnit {
                geo: model.geo[*u],
                fips: model.fips[*u].clone(),
                name: model.names[*u].clone(),
                territory: index[t],
                locked: *locked,
                current: current_of.get(&model.geo[*u].get()).copied(),
                values,
            })
            .collect();
        let moved = units.iter().filter(|u| u.current.is_some_and(|c| c != ids[u.territory])).count();
        let moved_share = moved as f64 / units.len() as f64;
        Ok(ScenarioView { alignment: alignment.clone(), settings, territories, units, metrics, moved, moved_share })
    }

    fn model_for(&self, data: &Dataset, alignments: &[&Alignment]) -> Result<CountyModel, AppError> {
        let workload = alignments.iter().any(|a| {
            ScenarioSettings::from_note(a.note.as_deref()).balance.iter().any(|(m, _)| *m == PlanMeasure::Workload)
        });
        self.county_model(data, workload)
    }

    /// The current alignment and every scenario, measured; the current first, then the newest.
    pub fn scenarios(&self) -> Result<Vec<ScenarioView>, AppError> {
        let data = self.snapshot()?;
        let mut alignments: Vec<&Alignment> =
            data.alignments.iter().filter(|a| a.status != AlignmentStatus::Archived).collect();
        alignments.sort_by_key(|a| (a.status != AlignmentStatus::Current, std::cmp::Reverse(a.id)));
        let model = self.model_for(&data, &alignments)?;
        alignments
            .iter()
            .filter_map(|a| match self.view_of(&data, &model, a) {
                Err(AppError::Input(_)) => None,
                other => Some(other),
            })
            .collect()
    }

    /// One alignment measured.
    pub fn scenario(&self, id: AlignmentId) -> Result<ScenarioView, AppError> {
        let data = self.snapshot()?;
        let Some(alignment) = data.alignments.iter().find(|a| a.id == id) else {
            return Err(AppError::NotFound { what: "alignment", id: id.get().to_string() });
        };
        let model = self.model_for(&data, &[alignment])?;
        self.view_of(&data, &model, alignment)
    }

    /// Moves a county of a scenario to another of its territories (and locks it there), or
    /// locks or unlocks it; audited. Returns the scenario measured again.
    pub fn edit_scenario(
        &self,
        actor: &str,
        id: AlignmentId,
        unit: GeoUnitId,
        edit: UnitEdit,
    ) -> Result<ScenarioView, AppError> {
        let before = self.scenario(id)?;
        if !before.is_editable() {
            return Err(AppError::Input(format!(
                "{} is the {} alignment: only scenarios can be edited",
                before.alignment.name,
                before.alignment.status.as_str()
            )));
        }
        let Some(u) = before.units.iter().find(|u| u.geo == unit) else {
            return Err(AppError::NotFound { what: "county in the scenario", id: unit.get().to_string() });
        };
        let from = &before.territories[u.territory];
        let (territory, locked, detail) = match edit {
            UnitEdit::Move(to) => {
                let Some(target) = before.territories.iter().find(|t| t.id == to) else {
                    return Err(AppError::Input(format!(
                        "territory {} is not in scenario {}: choose one of its {} territories",
                        to.get(),
                        before.alignment.name,
                        before.territories.len()
                    )));
                };
                (to, true, format!("{} moved from {} to {} and locked", u.name, from.name, target.name))
            }
            UnitEdit::Lock => (from.id, true, format!("{} locked in {}", u.name, from.name)),
            UnitEdit::Unlock => (from.id, false, format!("{} unlocked", u.name)),
        };
        self.store.write(|tx| -> Result<(), AppError> {
            tx.set_unit_assignment(id, unit, territory, locked)?;
            tx.audit(&[AuditEntry {
                id: AuditId(0),
                at: chrono::Utc::now(),
                actor: actor.to_owned(),
                action: "edit territory scenario".to_owned(),
                entity: "alignment".to_owned(),
                entity_id: Some(id.get().to_string()),
                detail: format!("{}: {detail}", before.alignment.name),
            }])?;
            Ok(())
        })?;
        self.scenario(id)
    }

    /// Runs the optimiser again on a scenario's territories with its settings, starting from the
    /// current alignment; locked counties (and so every county moved by hand) stay where they
    /// are. Audited; returns the scenario measured again.
    pub fn reoptimise_scenario(
        &self,
        actor: &str,
        id: AlignmentId,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(ScenarioView, Vec<String>), AppError> {
        let data = self.snapshot()?;
        let Some(alignment) = data.alignments.iter().find(|a| a.id == id) else {
            return Err(AppError::NotFound { what: "alignment", id: id.get().to_string() });
        };
        let model = self.model_for(&data, &[alignment])?;
        let view = self.view_of(&data, &model, alignment)?;
        if !view.is_editable() {
            return Err(AppError::Input(format!(
                "{} is not a scenario: only scenarios are re-optimised",
                alignment.name
            )));
        }
        let ids: Vec<TerritoryId> = view.territories.iter().map(|t| t.id).collect();
        let index: HashMap<TerritoryId, usize> = ids.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        // The scenario's own counties only (those on the map when it was planned).
        let sub: Vec<usize> = view.units.iter().map(|u| model.unit_of_geo[&u.geo.get()]).collect();
        let position: HashMap<usize, usize> = sub.iter().enumerate().map(|(i, u)| (*u, i)).collect();
        let edges: Vec<[usize; 2]> =
            model.edges.iter().filter_map(|e| Some([*position.get(&e[0])?, *position.get(&e[1])?])).collect();
        let current: Vec<Option<usize>> =
            view.units.iter().map(|u| u.current.and_then(|c| index.get(&c).copied())).collect();
        let has_current = current.iter().any(Option::is_some);
        let locked: Vec<(usize, usize)> =
            view.units.iter().enumerate().filter(|(_, u)| u.locked).map(|(i, u)| (i, u.territory)).collect();
        let balance: Vec<sutton_align::Balance> = model
            .balance(&view.settings)?
            .into_iter()
            .map(|b| sutton_align::Balance { values: sub.iter().map(|&u| b.values[u]).collect(), ..b })
            .collect();
        let sub_model = CountyModel {
            locations: sub.iter().map(|&u| model.locations[u]).collect(),
            accounts: sub.iter().map(|&u| model.accounts[u]).collect(),
            ..model.clone()
        };
        let homes = view.settings.homes.then(|| {
            let start: Vec<Option<usize>> = view.units.iter().map(|u| Some(u.territory)).collect();
            self.homes(&data, &sub_model, id, &ids, &start)
        });
        let problem = sutton_align::Problem {
            locations: sub_model.locations.clone(),
            edges: Some(edges),
            territories: ids.len(),
            balance,
            target_shares: None,
            homes,
            current: has_current.then(|| current.clone()),
            max_disruption: view.settings.max_disruption.filter(|_| has_current).map(|share| {
                sutton_align::DisruptionLimit { max_share: share, measure: sutton_align::DisruptionMeasure::Units }
            }),
            locked: locked.clone(),
        };
        let options = sutton_align::Options { seed: view.settings.seed, ..sutton_align::Options::default() };
        let result = sutton_align::optimize(&problem, &options, &|p| progress(p.starts_done, p.starts))
            .map_err(|e| AppError::Input(e.to_string()))?;
        let assignments: Vec<TerritoryAssignment> = view
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| TerritoryAssignment {
                alignment: id,
                unit: AlignedUnit::Geo(u.geo),
                territory: ids[result.assignment[i]],
                locked: u.locked,
            })
            .collect();
        let moved = view.units.iter().enumerate().filter(|(i, u)| u.territory != result.assignment[*i]).count();
        self.store.write(|tx| -> Result<(), AppError> {
            tx.replace_unit_assignments(id, &assignments)?;
            tx.audit(&[AuditEntry {
                id: AuditId(0),
                at: chrono::Utc::now(),
                actor: actor.to_owned(),
                action: "re-optimise territory scenario".to_owned(),
                entity: "alignment".to_owned(),
                entity_id: Some(id.get().to_string()),
                detail: format!(
                    "{}: {moved} counties changed territory, {} locked counties kept",
                    alignment.name,
                    locked.len()
                ),
            }])?;
            Ok(())
        })?;
        Ok((self.scenario(id)?, result.violations.iter().map(ToString::to_string).collect()))
    }

    /// The "how many reps" curve: the optimiser run for each number of territories in `range`
    /// with the same settings, from the current alignment's counties.
    pub fn territory_sizing(
        &self,
        range: std::ops::RangeInclusive<usize>,
        settings: &ScenarioSettings,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Sizing, AppError> {
        let data = self.snapshot()?;
        let model = self.county_model(&data, true)?;
        let current = current_alignment(&data);
        let current_k = current
            .map(|c| {
                data.territory_assignments
                    .iter()
                    .filter(|a| a.alignment == c.id && matches!(a.unit, AlignedUnit::Geo(_)))
                    .map(|a| a.territory)
                    .collect::<BTreeSet<_>>()
                    .len()
            })
            .unwrap_or(0);
        let today = self.today();
        let reps: BTreeSet<PersonId> = current
            .map(|c| data.territory_reps.iter().filter(|r| r.alignment == c.id).map(|r| r.person).collect())
            .unwrap_or_default();
        let capacities: Vec<f64> = data
            .people
            .iter()
            .filter(|p| reps.contains(&p.id) && !p.placeholder && p.leave_date.is_none_or(|d| d > today))
            .filter(|p| p.weekly_capacity_minutes > 0)
            .map(|p| f64::from(p.weekly_capacity_minutes) * WORKING_WEEKS)
            .collect();
        let capacity_per_rep =
            (!capacities.is_empty()).then(|| capacities.iter().sum::<f64>() / capacities.len() as f64);
        let balance = model.balance(settings)?;
        let ks: Vec<usize> = range.filter(|k| *k >= 1 && *k <= model.locations.len()).collect();
        let total_accounts: f64 = model.accounts.iter().sum();
        let total_workload: Option<f64> = model.workload.as_ref().map(|w| w.iter().sum());
        let mut points = Vec::new();
        for (i, &k) in ks.iter().enumerate() {
            progress(i, ks.len());
            let problem = sutton_align::Problem {
                locations: model.locations.clone(),
                edges: Some(model.edges.clone()),
                territories: k,
                balance: balance.clone(),
                ..sutton_align::Problem::default()
            };
            let options = sutton_align::Options { seed: settings.seed, starts: 2, ..sutton_align::Options::default() };
            let result =
                sutton_align::optimize(&problem, &options, &|_| {}).map_err(|e| AppError::Input(e.to_string()))?;
            let m = &result.metrics;
            let workload_per_rep = total_workload.map(|w| w / k as f64);
            points.push(SizingPoint {
                territories: k,
                max_deviation: m.balance.iter().map(|b| b.max_deviation).collect(),
                mean_distance_km: m.mean_distance_to_centre,
                contiguous: m.contiguous,
                accounts_per_rep: total_accounts / k as f64,
                workload_per_rep,
                meets_tolerance: m.balance.iter().all(|b| b.outside == 0) && m.contiguous,
                within_capacity: workload_per_rep.zip(capacity_per_rep).map(|(w, c)| w <= c),
            });
        }
        progress(ks.len(), ks.len());
        let recommended =
            points.iter().find(|p| p.meets_tolerance && p.within_capacity != Some(false)).map(|p| p.territories);
        Ok(Sizing { current: current_k, settings: settings.clone(), capacity_per_rep, points, recommended })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_the_note_and_old_notes_still_read() {
        let s = ScenarioSettings {
            balance: vec![(PlanMeasure::Accounts, 0.05), (PlanMeasure::Potential, 0.125)],
            max_disruption: Some(0.2),
            seed: 7,
            homes: true,
        };
        let note = s.note(12);
        assert_eq!(
            note,
            "12 territories; balance accounts ±5 %, potential ±12.5 %; max disruption 20 %; seed 7; homes"
        );
        assert_eq!(ScenarioSettings::from_note(Some(&note)), s);
        let old = ScenarioSettings::from_note(Some("16 territories; balance potential ±3 %"));
        assert_eq!(old.balance, vec![(PlanMeasure::Potential, 0.03)]);
        assert!(!old.homes && old.max_disruption.is_none());
        assert_eq!(ScenarioSettings::from_note(Some("Drawn by hand")), ScenarioSettings::default());
    }
}
