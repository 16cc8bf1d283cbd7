//! Measures of an alignment, computed from the assignment alone, so that any alignment — ours,
//! the current one, another tool's — is judged by the same rules.

use crate::graph::{Graph, distance};
use crate::{DisruptionMeasure, Error, Problem};

/// How good an alignment is.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub territories: Vec<TerritoryMetrics>,
    /// One entry per balanced attribute, in the order of [`Problem::balance`].
    pub balance: Vec<BalanceMetrics>,
    /// True when every territory with units is connected on the adjacency graph.
    pub contiguous: bool,
    /// Mean over units of weight × distance to the territory's weighted centroid, divided by the
    /// total weight (km). The weight is the first balanced attribute (1 per unit without one).
    pub mean_distance_to_centre: f64,
    /// The same to the territory's home, when homes are given.
    pub mean_distance_to_home: Option<f64>,
    /// The compactness objective: Σ weight × distance to the home (when given) or the centre.
    pub objective: f64,
    /// Edges whose two units lie in different territories.
    pub cut_edges: usize,
    /// Against the current alignment, when one is given.
    pub disruption: Option<DisruptionMetrics>,
    /// A lower bound on [`Metrics::objective`], when one could be computed.
    pub lower_bound: Option<LowerBound>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TerritoryMetrics {
    pub units: usize,
    /// Total of each balanced attribute.
    pub totals: Vec<f64>,
    /// Target of each balanced attribute.
    pub targets: Vec<f64>,
    /// Weighted centroid of the units (km); the unweighted mean when their weight is zero, and
    /// `[NaN, NaN]` for an empty territory.
    pub centre: [f64; 2],
    /// Mean weighted distance of the territory's units to its centre (km).
    pub mean_distance: f64,
    pub contiguous: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BalanceMetrics {
    pub name: String,
    pub tolerance: f64,
    /// max over territories of |total / target − 1|.
    pub max_deviation: f64,
    /// Coefficient of variation of total / target over territories (population standard
    /// deviation; equal to σ/μ of the totals when targets are equal).
    pub cv: f64,
    /// Territories outside ±tolerance.
    pub outside: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisruptionMetrics {
    /// Units whose territory differs from the current one (units with no current territory are
    /// not counted as moved).
    pub units_moved: usize,
    pub unit_share: f64,
    /// The share measured as the disruption cap asks (by units or by an attribute).
    pub share: f64,
}

/// What a lower bound on the compactness objective holds for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundBasis {
    /// Distances to the reps' homes: a bound on every balanced alignment.
    Homes,
    /// Distances to the final territories' centres: a bound on every balanced reassignment of the
    /// units to those centres (it does not bound moving the centres).
    FinalCentres,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LowerBound {
    pub objective: f64,
    /// The bound divided by the total weight (km), comparable with the mean distance.
    pub mean_distance: f64,
    /// (objective − bound) / objective.
    pub gap: f64,
    pub basis: BoundBasis,
}

/// Measures an assignment (`assignment[u]` = territory of unit `u`) of `problem` on the given
/// adjacency. The lower bound is left out: it needs the search's model.
pub fn evaluate(problem: &Problem, edges: &[[usize; 2]], assignment: &[usize]) -> Result<Metrics, Error> {
    crate::search::validate(problem)?;
    let n = problem.locations.len();
    let k = problem.territories;
    if assignment.len() != n {
        return Err(Error::Length { field: "assignment".into(), expected: n, found: assignment.len() });
    }
    if let Some(&t) = assignment.iter().find(|&&t| t >= k) {
        return Err(Error::TerritoryOutOfRange { field: "assignment".into(), territory: t, last: k.saturating_sub(1) });
    }
    if let Some((index, e)) = edges.iter().enumerate().find(|(_, e)| e[0] >= n || e[1] >= n) {
        let unit = if e[0] >= n { e[0] } else { e[1] };
        return Err(Error::EdgeOutOfRange { index, unit, last: n.saturating_sub(1) });
    }
    let m = problem.balance.len();
    let shares = normalised_shares(problem.target_shares.as_deref(), k);
    let weight = |u: usize| problem.balance.first().map_or(1.0, |b| b.values[u]);
    let mut territories: Vec<TerritoryMetrics> = (0..k)
        .map(|t| TerritoryMetrics {
            units: 0,
            totals: vec![0.0; m],
            targets: problem.balance.iter().map(|b| b.values.iter().sum::<f64>() * shares[t]).collect(),
            centre: [f64::NAN; 2],
            mean_distance: 0.0,
            contiguous: true,
        })
        .collect();
    let mut sums = vec![[0.0f64; 5]; k]; // weight, weight·x, weight·y, x, y
    for (u, &t) in assignment.iter().enumerate() {
        let tm = &mut territories[t];
        tm.units += 1;
        for (a, b) in problem.balance.iter().enumerate() {
            tm.totals[a] += b.values[u];
        }
        let [x, y] = problem.locations[u];
        let w = weight(u);
        let s = &mut sums[t];
        s[0] += w;
        s[1] += w * x;
        s[2] += w * y;
        s[3] += x;
        s[4] += y;
    }
    for (tm, s) in territories.iter_mut().zip(&sums) {
        if tm.units > 0 {
            tm.centre =
                if s[0] > 0.0 { [s[1] / s[0], s[2] / s[0]] } else { [s[3] / tm.units as f64, s[4] / tm.units as f64] };
        }
    }
    let mut to_centre = vec![0.0; k];
    let mut to_home = 0.0;
    for (u, &t) in assignment.iter().enumerate() {
        to_centre[t] += weight(u) * distance(problem.locations[u], territories[t].centre);
        if let Some(homes) = &problem.homes {
            to_home += weight(u) * distance(problem.locations[u], homes[t]);
        }
    }
    let total_weight: f64 = sums.iter().map(|s| s[0]).sum();
    let per_weight = |x: f64| if total_weight > 0.0 { x / total_weight } else { 0.0 };
    for (t, tm) in territories.iter_mut().enumerate() {
        tm.mean_distance = if sums[t][0] > 0.0 { to_centre[t] / sums[t][0] } else { 0.0 };
    }
    let graph = Graph::from_edges(n, edges);
    let contiguity = contiguity(&graph, assignment, k);
    for (tm, ok) in territories.iter_mut().zip(&contiguity) {
        tm.contiguous = *ok;
    }
    let balance = problem
        .balance
        .iter()
        .enumerate()
        .map(|(a, b)| {
            let ratios: Vec<f64> = territories.iter().map(|tm| tm.totals[a] / tm.targets[a]).collect();
            let mean = ratios.iter().sum::<f64>() / k as f64;
            let var = ratios.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / k as f64;
            BalanceMetrics {
                name: b.name.clone(),
                tolerance: b.tolerance,
                max_deviation: ratios.iter().map(|r| (r - 1.0).abs()).fold(0.0, f64::max),
                cv: if mean > 0.0 { var.sqrt() / mean } else { 0.0 },
                outside: ratios.iter().filter(|r| (*r - 1.0).abs() > b.tolerance + 1e-12).count(),
            }
        })
        .collect();
    let cut_edges = edges.iter().filter(|e| e[0] != e[1] && assignment[e[0]] != assignment[e[1]]).count();
    let disruption = problem.current.as_ref().map(|current| {
        let moved = |u: usize| current.get(u).copied().flatten().is_some_and(|c| c != assignment[u]);
        let units_moved = (0..n).filter(|&u| moved(u)).count();
        let unit_share = units_moved as f64 / n as f64;
        let share = match problem.max_disruption.as_ref().map(|d| &d.measure) {
            Some(DisruptionMeasure::Attribute { values, .. }) => {
                let total: f64 = values.iter().sum();
                let moved_total: f64 = (0..n).filter(|&u| moved(u)).map(|u| values[u]).sum();
                if total > 0.0 { moved_total / total } else { 0.0 }
            }
            _ => unit_share,
        };
        DisruptionMetrics { units_moved, unit_share, share }
    });
    let objective_to_centre: f64 = to_centre.iter().sum();
    Ok(Metrics {
        territories,
        balance,
        contiguous: contiguity.iter().all(|&ok| ok),
        mean_distance_to_centre: per_weight(objective_to_centre),
        mean_distance_to_home: problem.homes.as_ref().map(|_| per_weight(to_home)),
        objective: if problem.homes.is_some() { to_home } else { objective_to_centre },
        cut_edges,
        disruption,
        lower_bound: None,
    })
}

/// Target shares scaled to sum to 1 (equal shares when none are given).
pub(crate) fn normalised_shares(shares: Option<&[f64]>, k: usize) -> Vec<f64> {
    match shares {
        Some(s) if s.len() == k && s.iter().sum::<f64>() > 0.0 => {
            let total: f64 = s.iter().sum();
            s.iter().map(|x| x / total).collect()
        }
        _ => vec![1.0 / k as f64; k],
    }
}

/// Whether each territory's units are connected (an empty territory counts as contiguous).
pub(crate) fn contiguity(graph: &Graph, assignment: &[usize], k: usize) -> Vec<bool> {
    let n = graph.len();
    let mut seen = vec![false; n];
    let mut pieces = vec![0usize; k];
    let mut stack = Vec::new();
    for root in 0..n {
        if seen[root] {
            continue;
        }
        let t = assignment[root];
        pieces[t] += 1;
        seen[root] = true;
        stack.push(root);
        while let Some(u) = stack.pop() {
            for &v in graph.neighbours(u) {
                let v = v as usize;
                if !seen[v] && assignment[v] == t {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
    }
    pieces.iter().map(|&p| p <= 1).collect()
}
