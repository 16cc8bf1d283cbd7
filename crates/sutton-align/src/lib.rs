//! # sutton-align: balanced, contiguous, compact sales territories
//!
//! A territory is a set of small geographic units (counties, ZIP codes, or single accounts with a
//! location) served by one rep. This crate assigns every unit to one of `k` territories and says
//! how good the result is. It is a pure engine: no IO, no clock, and the only randomness comes
//! from the seed in [`Options`], so the same input and seed give the same alignment on every
//! machine, whatever the number of threads.
//!
//! ## The model
//!
//! - **Balance.** Each balanced attribute (workload, potential, account count, …) has a target per
//!   territory — its total split by the territories' target shares, equal unless stated — and a
//!   tolerance: `0.02` asks every territory to lie within ±2 % of its target.
//! - **Contiguity.** Every territory must be connected on the adjacency graph of the units. When
//!   no edges are given, adjacency comes from a Delaunay triangulation of the unit locations with
//!   over-long edges cut ([`delaunay_edges`]).
//! - **Compactness.** Minimise Σ weight × distance from each unit to its territory's centre (the
//!   weighted centroid of its units), or to its rep's home when homes are given. The weight is the
//!   first balanced attribute: a county with twice the workload counts twice as much travel.
//! - **Disruption.** Against a current alignment, the share of units (or of a named attribute)
//!   that change territory may be capped.
//! - **Locks.** Locked units stay in the territory they are locked to.
//!
//! Balance and disruption are treated as *hard* constraints to be met first; compactness is the
//! objective among solutions that meet them. The search therefore compares solutions
//! lexicographically: first by total violation (the summed relative distance of every territory
//! total outside its band, plus any disruption over the cap), then by the compactness objective.
//!
//! ## The algorithm
//!
//! 1. **Feasibility checks that need no search** ([`Violation::is_proven`]): a unit larger than the
//!    widest upper band, locked units that already overfill a territory, more disconnected parts of
//!    the graph than territories, more territories than units. These are reported with their
//!    figures, and the search still returns the best alignment it can.
//! 2. **Balanced seeding.** Without homes, locks or a current alignment, each connected part of
//!    the graph gets a share of the territories by weight and is split by recursive geometric
//!    bisection: cut along the principal axis of the units' weighted positions at the weighted
//!    quantile that matches the territory shares on each side (a random tilt of the axis differs
//!    per start). Bisection gives near-perfect balance and round shapes but may leave a territory
//!    in pieces (across a bay, around a lake); each territory keeps its heaviest piece and the rest
//!    are re-grown. With homes, locks or a current alignment, territories grow from their anchors
//!    instead. Growth is balanced region growing: the territory furthest below its target takes its
//!    nearest free neighbouring unit, so the result is contiguous by construction.
//! 3. **Contiguity-preserving local search with ejection chains.** A unit may leave its territory
//!    only if the territory stays connected: the units of the territory next to it must still reach
//!    each other without it (a breadth-first search inside the territory, stopped as soon as all are
//!    found — usually within two steps). A *chain* moves one unit into a neighbouring territory,
//!    then, if that territory is now too heavy, moves a unit out of it into another neighbour, and
//!    so on, up to a few steps (or pulls units inwards from a territory that is too light). A chain
//!    that returns to where it started is a swap or a rotation; an open chain carries weight along a
//!    path of territories from a heavy region to a light one. Chains are depth-first with a few
//!    candidates per step (at most two towards any one neighbour, so every direction is tried),
//!    ranked by balance and travel, and one is kept only if it makes the solution
//!    lexicographically better. Tight tolerances need this: with ±2 % on 200 county territories
//!    the band is narrower than the smallest county, so no single move can stay feasible and
//!    balance is only kept by trading units. When no short chain helps a territory outside its
//!    band, the search follows *routes*: shortest paths in the graph of territories to the
//!    nearest ones that can take (or give) a unit, passing one unit along each step, so weight
//!    travels from a crowded region to a thin one. Compaction chains look for their next move
//!    within two steps of the unit just moved, which keeps them cheap on large problems.
//! 4. **Lloyd-like rounds.** Each round recomputes the centres from the current territories, then
//!    repairs balance (chains from every territory outside its band, repeated while they succeed)
//!    and improves compactness (every boundary unit closer to a neighbouring centre starts a
//!    chain; after the first round only units near a territory that changed). Rounds stop when one
//!    gains less than 0.1 %. Fixed centres ignore that a territory's centre follows its units, so
//!    small problems (units² / territories ≤ 10⁴) search on the exact objective throughout, and
//!    mid-sized ones (≤ 10⁵) finish with a few exact rounds; the MIP oracle test found the
//!    difference.
//! 5. **Multi-start.** Several starts with different seeds (tilted bisection axes; on small
//!    problems also k-means++ seeds grown into territories) run across the available threads; the
//!    lexicographically best result wins (ties go to the lower start number, so the choice never
//!    depends on timing).
//!
//! ## Metrics and bounds
//!
//! [`Metrics`] are computed from the final assignment alone: per-territory totals, maximum
//! relative deviation and coefficient of variation per balanced attribute, contiguity, mean
//! weighted distance to centre, cut edges and disruption. The **lower bound** is a Lagrangian
//! relaxation of the balanced assignment problem (contiguity dropped): for fixed centres — the
//! homes when given, otherwise the final territories' centres — any multipliers on the band
//! constraints give a valid bound on the objective, and a subgradient ascent tightens it. With
//! homes it bounds the whole problem; without, it bounds every reassignment of units to the final
//! centres (moving the centres themselves is not bounded), and it is labelled as such.
//!
//! Failures are data: input that makes no sense comes back as an [`Error`] naming the field and
//! unit; constraints that cannot all hold come back as [`Violation`]s with the amounts, beside the
//! best alignment found. Nothing here panics on user data.

// The engine walks parallel arrays (units × attributes, territories × attributes) by index;
// iterator chains over several of them at once read worse than the plain loop.
#![allow(clippy::needless_range_loop)]

mod bound;
mod graph;
mod metrics;
mod rng;
mod search;
mod seed;

use std::sync::Mutex;

pub use graph::delaunay_edges;
pub use metrics::{BalanceMetrics, BoundBasis, DisruptionMetrics, LowerBound, Metrics, TerritoryMetrics, evaluate};

/// One attribute to balance across territories.
#[derive(Debug, Clone)]
pub struct Balance {
    pub name: String,
    /// One non-negative value per unit.
    pub values: Vec<f64>,
    /// Allowed relative deviation from each territory's target: 0.02 is ±2 %.
    pub tolerance: f64,
}

/// How disruption against the current alignment is measured.
#[derive(Debug, Clone)]
pub enum DisruptionMeasure {
    /// The share of units that change territory.
    Units,
    /// The share of an attribute's total (accounts, potential, …) on units that change territory.
    Attribute { name: String, values: Vec<f64> },
}

/// A cap on disruption against [`Problem::current`].
#[derive(Debug, Clone)]
pub struct DisruptionLimit {
    /// At most this share (0.1 = 10 %) may change territory.
    pub max_share: f64,
    pub measure: DisruptionMeasure,
}

/// What to align. Units are indices `0..locations.len()`; territories are `0..territories`.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Planar positions in kilometres (an equal-area projection for geographic data).
    pub locations: Vec<[f64; 2]>,
    /// Adjacency as pairs of unit indices; `None` derives it from the locations.
    pub edges: Option<Vec<[usize; 2]>>,
    pub territories: usize,
    /// Attributes to balance; the first also weighs distances in the compactness objective.
    pub balance: Vec<Balance>,
    /// Relative target size of each territory (any positive numbers; equal when `None`).
    pub target_shares: Option<Vec<f64>>,
    /// A home location per territory: compactness is then measured to the home.
    pub homes: Option<Vec<[f64; 2]>>,
    /// The current territory of each unit, if any: the search starts from it and disruption is
    /// measured against it.
    pub current: Option<Vec<Option<usize>>>,
    pub max_disruption: Option<DisruptionLimit>,
    /// `(unit, territory)`: the unit must end in that territory.
    pub locked: Vec<(usize, usize)>,
}

/// How to search.
#[derive(Debug, Clone)]
pub struct Options {
    pub seed: u64,
    /// Independent starts; the best wins.
    pub starts: usize,
    /// Threads to spread the starts over.
    pub threads: usize,
    /// Longest edge kept when adjacency is derived from locations (default: ten times the median
    /// Delaunay edge; spanning-tree edges are always kept).
    pub max_edge_km: Option<f64>,
}

impl Default for Options {
    fn default() -> Options {
        Options { seed: 1, starts: 4, threads: 2, max_edge_km: None }
    }
}

/// How far a run has come, for progress reports.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub starts_done: usize,
    pub starts: usize,
    /// The best start's total relative violation so far (0 = every constraint met).
    pub best_violation: f64,
    /// The best start's mean weighted distance to centre so far, in km.
    pub best_mean_distance: f64,
}

/// The result: every unit's territory, how good that is, and what could not be met.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Territory of each unit, in `0..territories`.
    pub assignment: Vec<usize>,
    pub metrics: Metrics,
    /// Constraints that do not hold, with amounts; empty when everything asked for was met.
    pub violations: Vec<Violation>,
    /// The adjacency used (given or derived), as unit index pairs.
    pub edges: Vec<[usize; 2]>,
    pub edges_derived: bool,
}

/// A constraint that does not hold, with the figures to show a person.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    /// A single unit is heavier than the upper band of every territory: proven infeasible.
    UnitAboveBand { attribute: String, unit: usize, value: f64, upper: f64, tolerance: f64, min_deviation: f64 },
    /// Locked units alone overfill a territory: proven infeasible.
    LockedAboveBand { attribute: String, territory: usize, locked: f64, upper: f64 },
    /// Units locked to one territory lie in different parts of the graph: it cannot be contiguous.
    LockedApart { territory: usize },
    /// The graph falls into more parts than there are territories: proven infeasible.
    TooManyParts { parts: usize, territories: usize },
    /// Fewer units than territories: some territories must be empty.
    TooFewUnits { units: usize, territories: usize },
    /// The tolerance was not reached (not proven impossible unless another violation says so).
    Balance { attribute: String, tolerance: f64, max_deviation: f64, territories_outside: usize },
    /// Some territories are not contiguous.
    NotContiguous { territories: Vec<usize> },
    /// Disruption above its cap.
    Disruption { max_share: f64, share: f64 },
}

impl Violation {
    /// True when the violation is proven to hold for every possible alignment, not just the one
    /// found.
    pub fn is_proven(&self) -> bool {
        matches!(
            self,
            Violation::UnitAboveBand { .. }
                | Violation::LockedAboveBand { .. }
                | Violation::LockedApart { .. }
                | Violation::TooManyParts { .. }
                | Violation::TooFewUnits { .. }
        )
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Violation::UnitAboveBand { attribute, unit, value, upper, tolerance, min_deviation } => write!(
                f,
                "infeasible: unit {unit} alone has {attribute} {value}, above the largest upper band {upper:.2} \
                 (target × {:.3}); ±{:.1} % cannot hold, its territory deviates by at least {:.1} %",
                1.0 + tolerance,
                tolerance * 100.0,
                min_deviation * 100.0
            ),
            Violation::LockedAboveBand { attribute, territory, locked, upper } => write!(
                f,
                "infeasible: units locked to territory {territory} already hold {attribute} {locked}, \
                 above its upper band {upper:.2}"
            ),
            Violation::LockedApart { territory } => write!(
                f,
                "infeasible: units locked to territory {territory} lie in different parts of the adjacency \
                 graph, so it cannot be contiguous"
            ),
            Violation::TooManyParts { parts, territories } => write!(
                f,
                "infeasible: the adjacency graph has {parts} separate parts but there are only {territories} \
                 territories, so at least {} territories cannot be contiguous",
                parts - territories
            ),
            Violation::TooFewUnits { units, territories } => {
                write!(f, "infeasible: {units} units cannot fill {territories} territories")
            }
            Violation::Balance { attribute, tolerance, max_deviation, territories_outside } => write!(
                f,
                "{attribute}: {territories_outside} territories outside ±{:.1} % (worst {:.2} %)",
                tolerance * 100.0,
                max_deviation * 100.0
            ),
            Violation::NotContiguous { territories } => {
                write!(f, "{} territories are not contiguous: {territories:?}", territories.len())
            }
            Violation::Disruption { max_share, share } => {
                write!(f, "disruption {:.2} % is above the cap of {:.2} %", share * 100.0, max_share * 100.0)
            }
        }
    }
}

/// Input that makes no sense, with what and where.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    #[error("there are no units to align")]
    NoUnits,
    #[error("the number of territories must be at least 1")]
    NoTerritories,
    #[error("{field} has {found} values but there are {expected}")]
    Length { field: String, expected: usize, found: usize },
    #[error("{field} of unit {unit} is {value}: it must be a finite number")]
    NotFinite { field: String, unit: usize, value: f64 },
    #[error("{field} of unit {unit} is {value}: it must not be negative")]
    Negative { field: String, unit: usize, value: f64 },
    #[error("edge {index} refers to unit {unit}, but units are numbered 0 to {last}")]
    EdgeOutOfRange { index: usize, unit: usize, last: usize },
    #[error("{field} refers to territory {territory}, but territories are numbered 0 to {last}")]
    TerritoryOutOfRange { field: String, territory: usize, last: usize },
    #[error("{field} refers to unit {unit}, but units are numbered 0 to {last}")]
    UnitOutOfRange { field: String, unit: usize, last: usize },
    #[error("unit {unit} is locked to territories {first} and {second}")]
    LockedTwice { unit: usize, first: usize, second: usize },
    #[error("the tolerance of {name} is {value}: it must be a share between 0 and 1 (0.02 = ±2 %)")]
    Tolerance { name: String, value: f64 },
    #[error("{name} totals {total}: a balanced attribute needs a positive total")]
    ZeroTotal { name: String, total: f64 },
    #[error("target share {index} is {value}: shares must be positive and finite")]
    Share { index: usize, value: f64 },
    #[error("the disruption cap is {value}: it must be a share between 0 and 1")]
    DisruptionCap { value: f64 },
    #[error("a disruption cap needs the current alignment")]
    DisruptionWithoutCurrent,
}

/// Aligns the units into territories. `progress` is called after each start (from the worker
/// threads; it must be cheap).
pub fn optimize(
    problem: &Problem,
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Alignment, Error> {
    let model = search::Model::new(problem, options)?;
    let starts = options.starts.max(1);
    let threads = options.threads.clamp(1, starts);
    let results: Mutex<Vec<Option<search::Outcome>>> = Mutex::new(vec![None; starts]);
    let best: Mutex<(usize, f64, f64)> = Mutex::new((0, f64::INFINITY, f64::INFINITY));
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let (model, results, best) = (&model, &results, &best);
            scope.spawn(move || {
                for start in (thread..starts).step_by(threads) {
                    let outcome = model.run_start(options.seed, start);
                    let report = {
                        let mut b = best.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                        b.0 += 1;
                        if search::better(outcome.violation, outcome.cost, b.1, b.2) {
                            b.1 = outcome.violation;
                            b.2 = outcome.cost;
                        }
                        Progress {
                            starts_done: b.0,
                            starts,
                            best_violation: b.1,
                            best_mean_distance: b.2 / model.total_weight(),
                        }
                    };
                    results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[start] = Some(outcome);
                    progress(report);
                }
            });
        }
    });
    let outcomes: Vec<search::Outcome> =
        results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).into_iter().flatten().collect();
    let mut chosen = &outcomes[0];
    for o in &outcomes[1..] {
        if search::better(o.violation, o.cost, chosen.violation, chosen.cost) {
            chosen = o;
        }
    }
    let assignment: Vec<usize> = chosen.assign.iter().map(|&t| t as usize).collect();
    Ok(model.finish(problem, assignment))
}
