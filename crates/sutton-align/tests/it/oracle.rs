//! An exact oracle on small instances: a mixed-integer programme solved by good_lp's pure-Rust
//! microlp backend.
//!
//! The oracle model is the classical districting programme with centres at units (Hess's model)
//! and flow-based contiguity (Shirabe's):
//! - `x[u][c]` = 1 when unit `u` belongs to the territory centred at unit `c`; `x[c][c]` = 1 when
//!   `c` is a centre; exactly `k` centres; every unit in one territory; `x[u][c] ≤ x[c][c]`.
//! - balance: `L·x[c][c] ≤ Σ_u a_u·x[u][c] ≤ U·x[c][c]` with the engine's bands.
//! - contiguity: for each centre `c` a flow on the directed edges, allowed only between units of
//!   `c`'s territory (`f ≤ (n − 1)·x`), in which every other member consumes one unit: a territory
//!   is feasible exactly when its centre reaches every member inside it.
//! - objective: Σ weight × distance to the centre unit.
//!
//! The engine measures distance to the territories' weighted centroid instead, so its alignment
//! is scored here the way the programme scores it: each territory at its best centre unit (its
//! weighted medoid). The engine's alignment is feasible for the programme, so the optimum is never
//! above it; the test asks that the engine be within 2 % of the optimum.

use good_lp::{Expression, ProblemVariables, Solution, SolverModel, Variable, microlp, variable};
use sutton_align::{Options, Problem, optimize};

use crate::common::{Lcg, grid, random_planar};

fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// Σ over territories of the best centre unit's weighted distance sum.
fn medoid_objective(problem: &Problem, assignment: &[usize]) -> f64 {
    let values = &problem.balance[0].values;
    let n = assignment.len();
    (0..problem.territories)
        .map(|t| {
            let members: Vec<usize> = (0..n).filter(|&u| assignment[u] == t).collect();
            members
                .iter()
                .map(|&c| {
                    members.iter().map(|&u| values[u] * distance(problem.locations[u], problem.locations[c])).sum()
                })
                .fold(f64::INFINITY, f64::min)
        })
        .sum()
}

/// The exact optimum of the oracle model.
fn mip_optimum(problem: &Problem, edges: &[[usize; 2]]) -> f64 {
    let n = problem.locations.len();
    let k = problem.territories;
    let values = &problem.balance[0].values;
    let total: f64 = values.iter().sum();
    let tolerance = problem.balance[0].tolerance;
    let (lower, upper) = (total / k as f64 * (1.0 - tolerance), total / k as f64 * (1.0 + tolerance));
    let arcs: Vec<(usize, usize)> = edges.iter().flat_map(|&[u, v]| [(u, v), (v, u)]).collect();
    let mut vars = ProblemVariables::new();
    let x: Vec<Vec<Variable>> = (0..n).map(|_| (0..n).map(|_| vars.add(variable().binary())).collect()).collect();
    let flow: Vec<Vec<Variable>> =
        (0..n).map(|_| arcs.iter().map(|_| vars.add(variable().min(0.0))).collect()).collect();
    let mut objective = Expression::from(0.0);
    for u in 0..n {
        for c in 0..n {
            objective += values[u] * distance(problem.locations[u], problem.locations[c]) * x[u][c];
        }
    }
    let mut model = vars.minimise(objective).using(microlp);
    let mut centres = Expression::from(0.0);
    for c in 0..n {
        centres += x[c][c];
        let mut load = Expression::from(0.0);
        for u in 0..n {
            load += values[u] * x[u][c];
            if u != c {
                model.add_constraint((x[u][c] - x[c][c]).leq(0.0));
            }
        }
        model.add_constraint((load.clone() - upper * x[c][c]).leq(0.0));
        model.add_constraint((load - lower * x[c][c]).geq(0.0));
        for u in (0..n).filter(|&u| u != c) {
            let mut net = Expression::from(0.0);
            for (i, &(a, b)) in arcs.iter().enumerate() {
                if b == u {
                    net += flow[c][i];
                }
                if a == u {
                    net -= flow[c][i];
                }
            }
            model.add_constraint((net - x[u][c]).eq(0.0));
        }
        for (i, &(a, b)) in arcs.iter().enumerate() {
            model.add_constraint((flow[c][i] - (n as f64 - 1.0) * x[a][c]).leq(0.0));
            model.add_constraint((flow[c][i] - (n as f64 - 1.0) * x[b][c]).leq(0.0));
        }
    }
    model.add_constraint(centres.eq(k as f64));
    for row in &x {
        let mut once = Expression::from(0.0);
        for &v in row {
            once += v;
        }
        model.add_constraint(once.eq(1.0));
    }
    let solution = model.solve().expect("the oracle instance is feasible");
    let mut value = 0.0;
    for u in 0..n {
        for c in 0..n {
            value += values[u] * distance(problem.locations[u], problem.locations[c]) * solution.value(x[u][c]);
        }
    }
    value
}

fn compare(problem: &Problem) {
    let options = Options { seed: 3, starts: 8, threads: 2, max_edge_km: None };
    let result = optimize(problem, &options, &|_| {}).expect("valid input");
    assert!(result.violations.is_empty(), "{:?}", result.violations);
    let ours = medoid_objective(problem, &result.assignment);
    let optimum = mip_optimum(problem, &result.edges);
    assert!(optimum <= ours + 1e-6 * ours, "the programme's optimum {optimum} is above a feasible {ours}");
    assert!(ours <= optimum * 1.02 + 1e-9, "engine {ours:.3} is more than 2 % above the optimum {optimum:.3}");
}

#[test]
fn grid_of_sixteen_into_three() {
    let mut rng = Lcg::new(41);
    let values: Vec<f64> = (0..16).map(|_| (1 + rng.next() % 4) as f64).collect();
    compare(&grid(4, 4, 3, 0.15, values));
}

#[test]
fn grid_of_twenty_into_four() {
    let mut rng = Lcg::new(42);
    let values: Vec<f64> = (0..20).map(|_| (2 + rng.next() % 3) as f64).collect();
    compare(&grid(5, 4, 4, 0.15, values));
}

#[test]
fn random_points_into_three() {
    compare(&random_planar(43, 18, 3, 0.15, 4));
}
