//! Instance builders and an independent recomputation of the metrics.

use sutton_align::{Balance, Problem};

/// A deterministic generator for test instances (kept apart from the engine's own).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
}

/// `n` random points in a 100 km square with integer weights 1..=max_weight, adjacency derived.
pub fn random_planar(seed: u64, n: usize, k: usize, tolerance: f64, max_weight: u64) -> Problem {
    let mut rng = Lcg::new(seed);
    let locations: Vec<[f64; 2]> = (0..n).map(|_| [rng.unit() * 100.0, rng.unit() * 100.0]).collect();
    let values: Vec<f64> = (0..n).map(|_| (1 + rng.next() % max_weight) as f64).collect();
    Problem {
        locations,
        edges: None,
        territories: k,
        balance: vec![Balance { name: "workload".into(), values, tolerance }],
        ..Problem::default()
    }
}

/// A `width` × `height` grid with 4-neighbour adjacency and the given weights (row by row).
pub fn grid(width: usize, height: usize, k: usize, tolerance: f64, values: Vec<f64>) -> Problem {
    let mut edges = Vec::new();
    for y in 0..height {
        for x in 0..width {
            let u = y * width + x;
            if x + 1 < width {
                edges.push([u, u + 1]);
            }
            if y + 1 < height {
                edges.push([u, u + width]);
            }
        }
    }
    Problem {
        locations: (0..width * height).map(|u| [(u % width) as f64 * 10.0, (u / width) as f64 * 10.0]).collect(),
        edges: Some(edges),
        territories: k,
        balance: vec![Balance { name: "workload".into(), values, tolerance }],
        ..Problem::default()
    }
}

/// Whether every territory's units are connected on `edges` (checked from scratch).
pub fn all_contiguous(n: usize, edges: &[[usize; 2]], assignment: &[usize]) -> bool {
    let mut neighbours = vec![Vec::new(); n];
    for &[u, v] in edges {
        neighbours[u].push(v);
        neighbours[v].push(u);
    }
    let mut territories: Vec<usize> = assignment.to_vec();
    territories.sort_unstable();
    territories.dedup();
    territories.iter().all(|&t| {
        let members: Vec<usize> = (0..n).filter(|&u| assignment[u] == t).collect();
        let mut seen = vec![false; n];
        let mut stack = vec![members[0]];
        seen[members[0]] = true;
        let mut reached = 1;
        while let Some(u) = stack.pop() {
            for &v in &neighbours[u] {
                if !seen[v] && assignment[v] == t {
                    seen[v] = true;
                    reached += 1;
                    stack.push(v);
                }
            }
        }
        reached == members.len()
    })
}
