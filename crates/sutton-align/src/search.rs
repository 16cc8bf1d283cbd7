//! The prepared model and the contiguity-preserving local search with ejection chains.

use crate::graph::{Graph, delaunay_edges, distance};
use crate::metrics::{BoundBasis, LowerBound, evaluate, normalised_shares};
use crate::rng::Rng;
use crate::{Alignment, DisruptionMeasure, Error, Options, Problem, Violation, bound, seed};

/// "No territory" in the engine's compact `u32` assignments.
pub(crate) const NONE: u32 = u32::MAX;

const EPS_VIOLATION: f64 = 1e-9;

/// Lexicographic comparison: less violation first, then lower cost.
pub(crate) fn better(violation: f64, cost: f64, than_violation: f64, than_cost: f64) -> bool {
    violation < than_violation - EPS_VIOLATION
        || (violation <= than_violation + EPS_VIOLATION && cost < than_cost - 1e-9 * (1.0 + than_cost.abs()))
}

/// The problem in compact form: indices, flat arrays, bands per territory and attribute.
#[derive(Debug)]
pub(crate) struct Model {
    pub(crate) n: usize,
    pub(crate) k: usize,
    m: usize,
    pub(crate) graph: Graph,
    edges: Vec<[usize; 2]>,
    edges_derived: bool,
    pub(crate) loc: Vec<[f64; 2]>,
    /// `attr[u * m + a]`
    pub(crate) attr: Vec<f64>,
    /// Distance weight of each unit (the first balanced attribute, or 1).
    pub(crate) weight: Vec<f64>,
    total_weight: f64,
    pub(crate) shares: Vec<f64>,
    /// Per `t * m + a`.
    pub(crate) lower: Vec<f64>,
    pub(crate) upper: Vec<f64>,
    pub(crate) target: Vec<f64>,
    pub(crate) homes: Option<Vec<[f64; 2]>>,
    pub(crate) locked: Vec<u32>,
    pub(crate) current: Option<Vec<u32>>,
    dis_weight: Vec<f64>,
    dis_total: f64,
    dis_limit: Option<f64>,
    pub(crate) part: Vec<u32>,
    pub(crate) parts: usize,
    /// Exchange rate between relative violation and weighted km, for ranking candidates only.
    lambda: f64,
    proven: Vec<Violation>,
    threads: usize,
}

/// One start's result.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub(crate) assign: Vec<u32>,
    pub(crate) violation: f64,
    pub(crate) cost: f64,
}

pub(crate) fn validate(problem: &Problem) -> Result<(), Error> {
    let n = problem.locations.len();
    let k = problem.territories;
    if n == 0 {
        return Err(Error::NoUnits);
    }
    if k == 0 {
        return Err(Error::NoTerritories);
    }
    let finite = |field: &str, values: &mut dyn Iterator<Item = (usize, f64)>, non_negative: bool| {
        for (unit, value) in values {
            if !value.is_finite() {
                return Err(Error::NotFinite { field: field.to_owned(), unit, value });
            }
            if non_negative && value < 0.0 {
                return Err(Error::Negative { field: field.to_owned(), unit, value });
            }
        }
        Ok(())
    };
    finite("location", &mut problem.locations.iter().enumerate().flat_map(|(u, p)| [(u, p[0]), (u, p[1])]), false)?;
    for b in &problem.balance {
        if b.values.len() != n {
            return Err(Error::Length { field: b.name.clone(), expected: n, found: b.values.len() });
        }
        finite(&b.name, &mut b.values.iter().copied().enumerate(), true)?;
        if !(b.tolerance.is_finite() && (0.0..1.0).contains(&b.tolerance)) {
            return Err(Error::Tolerance { name: b.name.clone(), value: b.tolerance });
        }
        let total: f64 = b.values.iter().sum();
        if total <= 0.0 {
            return Err(Error::ZeroTotal { name: b.name.clone(), total });
        }
    }
    if let Some(shares) = &problem.target_shares {
        if shares.len() != k {
            return Err(Error::Length { field: "target shares".into(), expected: k, found: shares.len() });
        }
        if let Some((index, &value)) = shares.iter().enumerate().find(|(_, s)| !(s.is_finite() && **s > 0.0)) {
            return Err(Error::Share { index, value });
        }
    }
    if let Some(homes) = &problem.homes {
        if homes.len() != k {
            return Err(Error::Length { field: "homes".into(), expected: k, found: homes.len() });
        }
        finite("home", &mut homes.iter().enumerate().flat_map(|(t, p)| [(t, p[0]), (t, p[1])]), false)?;
    }
    if let Some(edges) = &problem.edges {
        for (index, e) in edges.iter().enumerate() {
            if let Some(&unit) = e.iter().find(|&&u| u >= n) {
                return Err(Error::EdgeOutOfRange { index, unit, last: n - 1 });
            }
        }
    }
    if let Some(current) = &problem.current {
        if current.len() != n {
            return Err(Error::Length { field: "current alignment".into(), expected: n, found: current.len() });
        }
        if let Some(&t) = current.iter().flatten().find(|&&t| t >= k) {
            return Err(Error::TerritoryOutOfRange { field: "current alignment".into(), territory: t, last: k - 1 });
        }
    }
    let mut locked = vec![NONE; n];
    for &(unit, territory) in &problem.locked {
        if unit >= n {
            return Err(Error::UnitOutOfRange { field: "locked".into(), unit, last: n - 1 });
        }
        if territory >= k {
            return Err(Error::TerritoryOutOfRange { field: "locked".into(), territory, last: k - 1 });
        }
        if locked[unit] != NONE && locked[unit] != territory as u32 {
            return Err(Error::LockedTwice { unit, first: locked[unit] as usize, second: territory });
        }
        locked[unit] = territory as u32;
    }
    if let Some(limit) = &problem.max_disruption {
        if !(limit.max_share.is_finite() && (0.0..=1.0).contains(&limit.max_share)) {
            return Err(Error::DisruptionCap { value: limit.max_share });
        }
        if problem.current.is_none() {
            return Err(Error::DisruptionWithoutCurrent);
        }
        if let DisruptionMeasure::Attribute { name, values } = &limit.measure {
            if values.len() != n {
                return Err(Error::Length { field: name.clone(), expected: n, found: values.len() });
            }
            finite(name, &mut values.iter().copied().enumerate(), true)?;
        }
    }
    Ok(())
}

impl Model {
    pub(crate) fn new(problem: &Problem, options: &Options) -> Result<Model, Error> {
        validate(problem)?;
        let n = problem.locations.len();
        let k = problem.territories;
        let m = problem.balance.len();
        let (edges, edges_derived) = match &problem.edges {
            Some(edges) => (edges.clone(), false),
            None => (delaunay_edges(&problem.locations, options.max_edge_km), true),
        };
        let mut proven = Vec::new();
        let mut graph = Graph::from_edges(n, &edges);
        let (mut part, mut parts) = graph.components();
        if parts > k {
            // Contiguity is impossible; bridge the parts along the spanning tree of the locations
            // so that the search still balances, and report it.
            proven.push(Violation::TooManyParts { parts, territories: k });
            let mut search_edges = edges.clone();
            search_edges.extend(delaunay_edges(&problem.locations, Some(0.0)));
            graph = Graph::from_edges(n, &search_edges);
            (part, parts) = graph.components();
        }
        if n < k {
            proven.push(Violation::TooFewUnits { units: n, territories: k });
        }
        let mut attr = vec![0.0; n * m];
        for (a, b) in problem.balance.iter().enumerate() {
            for u in 0..n {
                attr[u * m + a] = b.values[u];
            }
        }
        let weight: Vec<f64> = match problem.balance.first() {
            Some(b) => b.values.clone(),
            None => vec![1.0; n],
        };
        let total_weight: f64 = weight.iter().sum();
        let shares = normalised_shares(problem.target_shares.as_deref(), k);
        let (mut lower, mut upper, mut target) = (vec![0.0; k * m], vec![0.0; k * m], vec![0.0; k * m]);
        for (a, b) in problem.balance.iter().enumerate() {
            let total: f64 = b.values.iter().sum();
            for t in 0..k {
                target[t * m + a] = total * shares[t];
                lower[t * m + a] = total * shares[t] * (1.0 - b.tolerance);
                upper[t * m + a] = total * shares[t] * (1.0 + b.tolerance);
            }
            let widest = (0..k).map(|t| upper[t * m + a]).fold(0.0, f64::max);
            let largest_target = (0..k).map(|t| target[t * m + a]).fold(0.0, f64::max);
            let heaviest = (0..n).max_by(|&x, &y| b.values[x].total_cmp(&b.values[y]).then(y.cmp(&x)));
            if let Some(unit) = heaviest.filter(|&u| b.values[u] > widest * (1.0 + 1e-12)) {
                proven.push(Violation::UnitAboveBand {
                    attribute: b.name.clone(),
                    unit,
                    value: b.values[unit],
                    upper: widest,
                    tolerance: b.tolerance,
                    min_deviation: b.values[unit] / largest_target - 1.0,
                });
            }
        }
        let mut locked = vec![NONE; n];
        for &(u, t) in &problem.locked {
            locked[u] = t as u32;
        }
        for (a, b) in problem.balance.iter().enumerate() {
            let mut held = vec![0.0; k];
            for u in (0..n).filter(|&u| locked[u] != NONE) {
                held[locked[u] as usize] += b.values[u];
            }
            for t in 0..k {
                if held[t] > upper[t * m + a] * (1.0 + 1e-12) {
                    proven.push(Violation::LockedAboveBand {
                        attribute: b.name.clone(),
                        territory: t,
                        locked: held[t],
                        upper: upper[t * m + a],
                    });
                }
            }
        }
        let mut lock_part = vec![NONE; k];
        for u in (0..n).filter(|&u| locked[u] != NONE) {
            let t = locked[u] as usize;
            if lock_part[t] == NONE {
                lock_part[t] = part[u];
            } else if lock_part[t] != part[u] && !proven.contains(&Violation::LockedApart { territory: t }) {
                proven.push(Violation::LockedApart { territory: t });
            }
        }
        let current: Option<Vec<u32>> =
            problem.current.as_ref().map(|c| c.iter().map(|t| t.map_or(NONE, |t| t as u32)).collect());
        let dis_weight: Vec<f64> = match problem.max_disruption.as_ref().map(|d| &d.measure) {
            Some(DisruptionMeasure::Attribute { values, .. }) => values.clone(),
            _ => vec![1.0; n],
        };
        let dis_total: f64 = dis_weight.iter().sum();
        let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in &problem.locations {
            for i in 0..2 {
                min[i] = min[i].min(p[i]);
                max[i] = max[i].max(p[i]);
            }
        }
        let area = ((max[0] - min[0]) * (max[1] - min[1])).max(1e-6);
        let radius = (area / k as f64).sqrt() / 2.0;
        Ok(Model {
            n,
            k,
            m,
            graph,
            edges,
            edges_derived,
            loc: problem.locations.clone(),
            attr,
            weight,
            total_weight,
            shares,
            lower,
            upper,
            target,
            homes: problem.homes.clone(),
            locked,
            current,
            dis_weight,
            dis_total,
            dis_limit: problem.max_disruption.as_ref().map(|d| d.max_share),
            part,
            parts,
            lambda: (total_weight / k as f64).max(1e-9) * radius.max(1e-6),
            proven,
            threads: options.threads.max(1),
        })
    }

    pub(crate) fn total_weight(&self) -> f64 {
        if self.total_weight > 0.0 { self.total_weight } else { 1.0 }
    }

    pub(crate) fn run_start(&self, seed: u64, start: usize) -> Outcome {
        let mut rng = Rng::new(seed, start as u64);
        let assign = seed::initial(self, &mut rng, start);
        let mut state = State::new(self, assign);
        state.improve(&mut rng);
        state.refresh();
        Outcome { violation: state.violation(), cost: state.cost, assign: state.assign }
    }

    /// Metrics, bound and violations of the chosen assignment.
    pub(crate) fn finish(&self, problem: &Problem, assignment: Vec<usize>) -> Alignment {
        let mut metrics = match evaluate(problem, &self.edges, &assignment) {
            Ok(m) => m,
            Err(e) => unreachable!("the problem was validated and the assignment is in range: {e}"),
        };
        let mut violations = self.proven.clone();
        for b in &metrics.balance {
            if b.outside > 0 {
                violations.push(Violation::Balance {
                    attribute: b.name.clone(),
                    tolerance: b.tolerance,
                    max_deviation: b.max_deviation,
                    territories_outside: b.outside,
                });
            }
        }
        let broken: Vec<usize> = (0..self.k).filter(|&t| !metrics.territories[t].contiguous).collect();
        if !broken.is_empty() {
            violations.push(Violation::NotContiguous { territories: broken });
        }
        if let (Some(limit), Some(d)) = (self.dis_limit, &metrics.disruption)
            && d.share > limit + 1e-12
        {
            violations.push(Violation::Disruption { max_share: limit, share: d.share });
        }
        if metrics.balance.iter().all(|b| b.outside == 0) && metrics.objective > 0.0 {
            let (centres, basis) = match &self.homes {
                Some(homes) => (homes.clone(), BoundBasis::Homes),
                None => (metrics.territories.iter().map(|t| t.centre).collect(), BoundBasis::FinalCentres),
            };
            if centres.iter().all(|c| c[0].is_finite() && c[1].is_finite()) {
                let value = bound::lagrangian(self, &centres, metrics.objective, self.threads).min(metrics.objective);
                metrics.lower_bound = Some(LowerBound {
                    objective: value,
                    mean_distance: value / self.total_weight(),
                    gap: (metrics.objective - value) / metrics.objective,
                    basis,
                });
            }
        }
        Alignment { assignment, metrics, violations, edges: self.edges.clone(), edges_derived: self.edges_derived }
    }

    /// Small enough to search on the exact objective throughout.
    pub(crate) fn is_small(&self) -> bool {
        (self.n * self.n) as f64 / self.k as f64 <= EXACT_THROUGHOUT
    }

    pub(crate) fn m(&self) -> usize {
        self.m
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// The open territory is too heavy: move a unit out of it.
    Push,
    /// The open territory is too light: move a unit into it.
    Pull,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    unit: u32,
    to: u32,
    score: f64,
}

/// Candidates per step, by remaining depth.
const BALANCE_DEPTH: usize = 5;
const BALANCE_WIDTH: [usize; BALANCE_DEPTH + 1] = [0, 2, 2, 3, 5, 10];
const PER_TERRITORY: usize = 2;
const BALANCE_BUDGET: u32 = 2_000;
const COMPACT_DEPTH: usize = 3;
const COMPACT_WIDTH: [usize; COMPACT_DEPTH + 1] = [0, 2, 3, 4];
const COMPACT_BUDGET: u32 = 40;
const MAX_ROUNDS: usize = 60;
/// Up to this many same-territory neighbours, removability is first checked among them alone.
const LOCAL_CHECK: usize = 12;
/// The exact-objective finish runs when units² / territories is at most this (so on county-sized
/// problems, not on tens of thousands of ZIP codes) for at most this many rounds.
const EXACT_WORK: f64 = 1e5;
const EXACT_ROUNDS: usize = 4;
const EXACT_THROUGHOUT: f64 = 1e4;
/// Disruption over its cap outweighs any balance gain: the cap is a hard limit, and the search
/// starts from the current alignment, which meets it.
const DISRUPTION_WEIGHT: f64 = 1e6;
const REPAIRS_PER_TERRITORY: usize = 200;
/// A round that improves the cost by less than this share (and not the violation) is the last.
const MIN_ROUND_GAIN: f64 = 1e-3;
/// Routes: paths of territories from one outside its band to the nearest ones with room.
const ROUTES: usize = 3;
const ROUTE_MAX_LENGTH: usize = 64;
const ROUTE_WIDTH: usize = 2;
const ROUTE_BUDGET: u32 = 300;

/// A complete assignment with running totals, for fast move evaluation.
struct State<'a> {
    md: &'a Model,
    assign: Vec<u32>,
    members: Vec<Vec<u32>>,
    pos: Vec<u32>,
    totals: Vec<f64>,
    centre: Vec<[f64; 2]>,
    /// Per territory: weight, weight·x, weight·y, x, y summed over its units.
    sums: Vec<[f64; 5]>,
    /// Per territory: Σ weight × distance to its centre.
    territory_cost: Vec<f64>,
    pen: Vec<f64>,
    pen_sum: f64,
    disrupted: f64,
    cost: f64,
    mark: Vec<u32>,
    target_mark: Vec<u32>,
    stamp: u32,
    queue: Vec<u32>,
    moved: Vec<u32>,
    chain_stamp: u32,
    /// The round in which each territory last changed (by an accepted chain).
    touched: Vec<u32>,
    round: u32,
    /// The smallest positive value of each balanced attribute (what one move shifts at least).
    smallest: Vec<f64>,
    /// Whether moves recompute both centres (the exact objective) or keep them fixed until the
    /// next round (Lloyd-like, cheaper).
    exact: bool,
    /// The round looks at every boundary unit, not only those near recent changes.
    full_scan: bool,
}

impl<'a> State<'a> {
    fn new(md: &'a Model, assign: Vec<u32>) -> State<'a> {
        let mut state = State {
            md,
            members: vec![Vec::new(); md.k],
            pos: vec![0; md.n],
            totals: vec![0.0; md.k * md.m],
            centre: vec![[0.0; 2]; md.k],
            sums: vec![[0.0; 5]; md.k],
            territory_cost: vec![0.0; md.k],
            pen: vec![0.0; md.k],
            pen_sum: 0.0,
            disrupted: 0.0,
            cost: 0.0,
            mark: vec![0; md.n],
            target_mark: vec![0; md.n],
            stamp: 0,
            queue: Vec::new(),
            moved: vec![0; md.n],
            chain_stamp: 0,
            touched: vec![0; md.k],
            round: 0,
            exact: false,
            full_scan: true,
            smallest: (0..md.m)
                .map(|a| (0..md.n).map(|u| md.attr[u * md.m + a]).filter(|&v| v > 0.0).fold(f64::INFINITY, f64::min))
                .collect(),
            assign,
        };
        for u in 0..md.n {
            let t = state.assign[u] as usize;
            state.pos[u] = state.members[t].len() as u32;
            state.members[t].push(u as u32);
        }
        state.refresh();
        state
    }

    /// Recomputes totals, centres, penalties and costs from scratch (removing rounding drift).
    fn refresh(&mut self) {
        let md = self.md;
        let m = md.m;
        self.totals.iter_mut().for_each(|x| *x = 0.0);
        let mut sums = vec![[0.0f64; 5]; md.k];
        self.disrupted = 0.0;
        for u in 0..md.n {
            let t = self.assign[u] as usize;
            for a in 0..m {
                self.totals[t * m + a] += md.attr[u * m + a];
            }
            let [x, y] = md.loc[u];
            let s = &mut sums[t];
            s[0] += md.weight[u];
            s[1] += md.weight[u] * x;
            s[2] += md.weight[u] * y;
            s[3] += x;
            s[4] += y;
            if let Some(cur) = &md.current
                && cur[u] != NONE
                && cur[u] != t as u32
            {
                self.disrupted += md.dis_weight[u];
            }
        }
        self.sums = sums;
        for t in 0..md.k {
            self.settle(t);
            self.pen[t] = self.penalty_of(t, None);
        }
        self.pen_sum = self.pen.iter().sum();
        self.cost = self.territory_cost.iter().sum();
    }

    /// Territory `t`'s centre (its weighted centroid, or the home) and cost from its sums.
    fn settle(&mut self, t: usize) {
        let md = self.md;
        let s = self.sums[t];
        let count = self.members[t].len().max(1) as f64;
        let centre = match &md.homes {
            Some(homes) => homes[t],
            None if s[0] > 0.0 => [s[1] / s[0], s[2] / s[0]],
            None => [s[3] / count, s[4] / count],
        };
        self.centre[t] = centre;
        self.territory_cost[t] =
            self.members[t].iter().map(|&v| md.weight[v as usize] * distance(md.loc[v as usize], centre)).sum();
    }

    /// Relative distance outside the bands of territory `t`, optionally with unit `u` added
    /// (`sign` +1) or removed (−1).
    fn penalty_of(&self, t: usize, change: Option<(usize, f64)>) -> f64 {
        let md = self.md;
        let m = md.m;
        let mut p = 0.0;
        for a in 0..m {
            let i = t * m + a;
            let mut v = self.totals[i];
            if let Some((u, sign)) = change {
                v += sign * md.attr[u * m + a];
            }
            if v > md.upper[i] {
                p += (v - md.upper[i]) / md.target[i];
            } else if v < md.lower[i] {
                p += (md.lower[i] - v) / md.target[i];
            }
        }
        p
    }

    fn disruption_penalty(&self, disrupted: f64) -> f64 {
        match self.md.dis_limit {
            Some(limit) if self.md.dis_total > 0.0 => {
                DISRUPTION_WEIGHT * (disrupted / self.md.dis_total - limit - 1e-12).max(0.0)
            }
            _ => 0.0,
        }
    }

    fn violation(&self) -> f64 {
        self.pen_sum + self.disruption_penalty(self.disrupted)
    }

    fn disrupted_after(&self, u: usize, to: u32) -> f64 {
        let md = self.md;
        let Some(cur) = &md.current else { return self.disrupted };
        let from = self.assign[u];
        let before = cur[u] != NONE && cur[u] != from;
        let after = cur[u] != NONE && cur[u] != to;
        self.disrupted + md.dis_weight[u] * (f64::from(u8::from(after)) - f64::from(u8::from(before)))
    }

    /// (change in violation, change in cost) of moving `u` to `to`.
    fn delta(&self, u: usize, to: u32) -> (f64, f64) {
        let md = self.md;
        let from = self.assign[u] as usize;
        let to = to as usize;
        let mut dp = self.penalty_of(from, Some((u, -1.0))) - self.pen[from] + self.penalty_of(to, Some((u, 1.0)))
            - self.pen[to];
        if md.current.is_some() {
            dp += self.disruption_penalty(self.disrupted_after(u, to as u32)) - self.disruption_penalty(self.disrupted);
        }
        let dc = md.weight[u] * (distance(md.loc[u], self.centre[to]) - distance(md.loc[u], self.centre[from]));
        (dp, dc)
    }

    fn apply(&mut self, u: usize, to: u32) {
        let md = self.md;
        let from = self.assign[u];
        if from == to {
            return;
        }
        let (f, t) = (from as usize, to as usize);
        self.disrupted = self.disrupted_after(u, to);
        let [x, y] = md.loc[u];
        let w = md.weight[u];
        for (i, d) in [w, w * x, w * y, x, y].into_iter().enumerate() {
            self.sums[f][i] -= d;
            self.sums[t][i] += d;
        }
        for a in 0..md.m {
            self.totals[f * md.m + a] -= md.attr[u * md.m + a];
            self.totals[t * md.m + a] += md.attr[u * md.m + a];
        }
        let p = self.pos[u] as usize;
        self.members[f].swap_remove(p);
        if let Some(&other) = self.members[f].get(p) {
            self.pos[other as usize] = p as u32;
        }
        self.pos[u] = self.members[t].len() as u32;
        self.members[t].push(u as u32);
        self.assign[u] = to;
        if self.exact {
            // Both centres move with the unit.
            let before = self.territory_cost[f] + self.territory_cost[t];
            self.settle(f);
            self.settle(t);
            self.cost += self.territory_cost[f] + self.territory_cost[t] - before;
        } else {
            let (to_t, to_f) = (distance(md.loc[u], self.centre[t]), distance(md.loc[u], self.centre[f]));
            self.territory_cost[f] -= w * to_f;
            self.territory_cost[t] += w * to_t;
            self.cost += w * (to_t - to_f);
        }
        let (pf, pt) = (self.penalty_of(f, None), self.penalty_of(t, None));
        self.pen_sum += pf - self.pen[f] + pt - self.pen[t];
        self.pen[f] = pf;
        self.pen[t] = pt;
    }

    fn next_stamp(&mut self) -> u32 {
        if self.stamp == u32::MAX {
            self.mark.iter_mut().for_each(|x| *x = 0);
            self.target_mark.iter_mut().for_each(|x| *x = 0);
            self.stamp = 0;
        }
        self.stamp += 1;
        self.stamp
    }

    /// Whether `u` may leave its territory: it is not locked, the territory keeps at least one
    /// unit, and the territory's units next to `u` still reach each other without it.
    fn can_remove(&mut self, u: usize) -> bool {
        let md = self.md;
        let s = self.assign[u];
        if md.locked[u] != NONE || self.members[s as usize].len() <= 1 {
            return false;
        }
        let stamp = self.next_stamp();
        let mut first = NONE;
        let mut targets = 0;
        for &v in md.graph.neighbours(u) {
            if self.assign[v as usize] == s {
                self.target_mark[v as usize] = stamp;
                targets += 1;
                if first == NONE {
                    first = v;
                }
            }
        }
        if targets <= 1 {
            return true;
        }
        if targets <= LOCAL_CHECK && self.neighbours_linked(u, s) {
            return true;
        }
        self.mark[u] = stamp;
        self.mark[first as usize] = stamp;
        self.queue.clear();
        self.queue.push(first);
        let mut found = 1;
        let mut head = 0;
        while head < self.queue.len() {
            let x = self.queue[head] as usize;
            head += 1;
            for &y in md.graph.neighbours(x) {
                let y = y as usize;
                if self.assign[y] == s && self.mark[y] != stamp {
                    self.mark[y] = stamp;
                    if self.target_mark[y] == stamp {
                        found += 1;
                        if found == targets {
                            return true;
                        }
                    }
                    self.queue.push(y as u32);
                }
            }
        }
        false
    }

    /// Whether `u`'s neighbours in territory `s` are connected among themselves (directly, without
    /// `u`): then removing `u` cannot disconnect `s`. On planar adjacency this settles most cases
    /// without a search.
    fn neighbours_linked(&self, u: usize, s: u32) -> bool {
        let md = self.md;
        let mut list = [0u32; LOCAL_CHECK];
        let mut len = 0;
        for &v in md.graph.neighbours(u) {
            if self.assign[v as usize] == s {
                list[len] = v;
                len += 1;
            }
        }
        // Grow one group from the first neighbour; linked when it takes them all.
        let mut in_group = [false; LOCAL_CHECK];
        in_group[0] = true;
        let mut grouped = 1;
        let mut grew = true;
        while grew && grouped < len {
            grew = false;
            for i in 0..len {
                if in_group[i] {
                    continue;
                }
                if (0..len).any(|j| in_group[j] && md.graph.adjacent(list[j] as usize, list[i])) {
                    in_group[i] = true;
                    grouped += 1;
                    grew = true;
                }
            }
        }
        grouped == len
    }

    /// The best few single moves out of (`Push`) or into (`Pull`) territory `open`, never to a
    /// territory already on the chain except its origin, never of a unit already moved.
    fn candidates(
        &mut self,
        open: u32,
        dir: Direction,
        path: &[u32],
        width: usize,
        route: Option<&[u32]>,
        near: Option<u32>,
    ) -> Vec<Candidate> {
        let md = self.md;
        let origin = path[0];
        let next_on_route = route.map(|r| r.get(path.len()).copied().unwrap_or(NONE));
        let allowed = |r: u32| match next_on_route {
            Some(next) => r == next,
            None => true,
        };
        let _ = origin;
        let mut all: Vec<Candidate> = Vec::new();
        let offer = |all: &mut Vec<Candidate>, c: Candidate| all.push(c);
        // Compaction chains look only near the unit just moved (two steps around it); balance
        // repairs look at the whole territory.
        let scan: Vec<u32> = match near {
            Some(u) => {
                let seen = self.next_stamp();
                let mut list = Vec::new();
                for &a in md.graph.neighbours(u as usize) {
                    for b in std::iter::once(a).chain(md.graph.neighbours(a as usize).iter().copied()) {
                        if self.assign[b as usize] == open && self.target_mark[b as usize] != seen {
                            self.target_mark[b as usize] = seen;
                            list.push(b);
                        }
                    }
                }
                list
            }
            None => self.members[open as usize].clone(),
        };
        let stamp = self.next_stamp();
        for x in scan {
            let x = x as usize;
            match dir {
                Direction::Push => {
                    if md.locked[x] != NONE || self.moved[x] == self.chain_stamp {
                        continue;
                    }
                    let mut seen: [u32; 8] = [NONE; 8];
                    let mut seen_len = 0;
                    for &y in md.graph.neighbours(x) {
                        let r = self.assign[y as usize];
                        if r == open || !allowed(r) || seen[..seen_len].contains(&r) {
                            continue;
                        }
                        if seen_len < seen.len() {
                            seen[seen_len] = r;
                            seen_len += 1;
                        }
                        let (dp, dc) = self.delta(x, r);
                        offer(&mut all, Candidate { unit: x as u32, to: r, score: dp * md.lambda + dc });
                    }
                }
                Direction::Pull => {
                    for &y in md.graph.neighbours(x) {
                        let y = y as usize;
                        let r = self.assign[y];
                        if r == open
                            || self.mark[y] == stamp
                            || md.locked[y] != NONE
                            || self.moved[y] == self.chain_stamp
                            || !allowed(r)
                        {
                            continue;
                        }
                        self.mark[y] = stamp;
                        let (dp, dc) = self.delta(y, open);
                        offer(&mut all, Candidate { unit: y as u32, to: open, score: dp * md.lambda + dc });
                    }
                }
            }
        }
        // The best few, at most two per neighbouring territory, so that every direction is tried.
        all.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.unit.cmp(&b.unit)).then(a.to.cmp(&b.to)));
        let mut best: Vec<Candidate> = Vec::with_capacity(width);
        let mut per: Vec<(u32, usize)> = Vec::new();
        for c in all {
            let other = if dir == Direction::Push { c.to } else { self.assign[c.unit as usize] };
            // Along a route every candidate comes from the one next territory: no cap then.
            let cap = if route.is_some() { usize::MAX } else { PER_TERRITORY };
            match per.iter_mut().find(|(t, _)| *t == other) {
                Some((_, n)) if *n >= cap => continue,
                Some((_, n)) => *n += 1,
                None => per.push((other, 1)),
            }
            best.push(c);
            if best.len() == width {
                break;
            }
        }
        best
    }

    /// Depth-first search for a chain of moves that makes the solution lexicographically better
    /// than `(p0, c0)`; on success the moves stay applied.
    #[allow(clippy::too_many_arguments)]
    fn chain(
        &mut self,
        open: u32,
        dir: Direction,
        depth: usize,
        widths: &[usize],
        p0: f64,
        c0: f64,
        path: &mut Vec<u32>,
        budget: &mut u32,
        route: Option<&[u32]>,
        near: Option<u32>,
    ) -> bool {
        if better(self.violation(), self.cost, p0, c0) {
            for &t in path.iter() {
                self.touched[t as usize] = self.round;
            }
            return true;
        }
        if depth == 0 || *budget == 0 {
            return false;
        }
        // Units that would cut their territory in two are skipped without using up the width.
        let mut tried = 0;
        for c in self.candidates(open, dir, path, widths[depth] * 4, route, near) {
            if *budget == 0 || tried == widths[depth] {
                break;
            }
            *budget -= 1;
            let u = c.unit as usize;
            if !self.can_remove(u) {
                continue;
            }
            tried += 1;
            let from = self.assign[u];
            self.apply(u, c.to);
            self.moved[u] = self.chain_stamp;
            let next = if dir == Direction::Push { c.to } else { from };
            path.push(next);
            if self.chain(next, dir, depth - 1, widths, p0, c0, path, budget, route, near.map(|_| c.unit)) {
                return true;
            }
            path.pop();
            self.apply(u, from);
            self.moved[u] = 0;
        }
        false
    }

    fn new_chain(&mut self) {
        self.chain_stamp = self.chain_stamp.wrapping_add(1).max(1);
        if self.chain_stamp == 1 {
            self.moved.iter_mut().for_each(|x| *x = 0);
        }
    }

    /// Chains that start from each territory outside its band, repeated while they succeed.
    fn repair_balance(&mut self) -> bool {
        let md = self.md;
        let mut improved = false;
        let mut order: Vec<u32> = (0..md.k as u32).filter(|&t| self.pen[t as usize] > 0.0).collect();
        order.sort_by(|&a, &b| self.pen[b as usize].total_cmp(&self.pen[a as usize]).then(a.cmp(&b)));
        for t in order {
            for _ in 0..REPAIRS_PER_TERRITORY {
                if self.pen[t as usize] <= 0.0 || !self.repair_one(t) {
                    break;
                }
                improved = true;
            }
        }
        improved
    }

    /// One chain, free or along a route, that lowers the violation starting from territory `t`.
    fn repair_one(&mut self, t: u32) -> bool {
        let md = self.md;
        let m = md.m;
        let over = (0..m).any(|a| self.totals[t as usize * m + a] > md.upper[t as usize * m + a]);
        let dir = if over { Direction::Push } else { Direction::Pull };
        self.new_chain();
        let (p0, c0) = (self.violation(), self.cost);
        let mut path = vec![t];
        let mut budget = BALANCE_BUDGET;
        if self.chain(t, dir, BALANCE_DEPTH, &BALANCE_WIDTH, p0, c0, &mut path, &mut budget, None, None) {
            return true;
        }
        for route in self.routes(t, dir) {
            self.new_chain();
            let depth = route.len() - 1;
            let widths = vec![ROUTE_WIDTH; depth + 1];
            let mut path = vec![t];
            let mut budget = ROUTE_BUDGET;
            if self.chain(t, dir, depth, &widths, p0, c0, &mut path, &mut budget, Some(&route), None) {
                return true;
            }
        }
        false
    }

    /// Shortest paths in the graph of territories from `t` to the nearest territories that can take
    /// weight (for `Push`: below target on the attribute `t` exceeds) or give it (for `Pull`).
    fn routes(&mut self, t: u32, dir: Direction) -> Vec<Vec<u32>> {
        let md = self.md;
        let m = md.m;
        let ti = t as usize;
        let Some(a) = (0..m).find(|&a| {
            let v = self.totals[ti * m + a];
            if dir == Direction::Push { v > md.upper[ti * m + a] } else { v < md.lower[ti * m + a] }
        }) else {
            return Vec::new();
        };
        // A territory that can take (or give) the smallest unit and stay in its band; failing
        // that, one on the right side of its target.
        let smallest = self.smallest[a];
        let room = |state: &State<'_>, r: usize| {
            let v = state.totals[r * m + a];
            if dir == Direction::Push {
                v + smallest <= md.upper[r * m + a]
            } else {
                // It must be able to give one of its own units.
                let own = state.members[r].iter().map(|&u| md.attr[u as usize * m + a]).fold(f64::INFINITY, f64::min);
                state.members[r].len() > 1 && v - own >= md.lower[r * m + a]
            }
        };
        let strict = (0..md.k).any(|r| r != ti && room(self, r));
        let has_room = |state: &State<'_>, r: usize| {
            let v = state.totals[r * m + a];
            if strict {
                room(state, r)
            } else if dir == Direction::Push {
                v < md.target[r * m + a]
            } else {
                v > md.target[r * m + a]
            }
        };
        let mut parent = vec![NONE; md.k];
        let mut depth = vec![0usize; md.k];
        parent[ti] = t;
        let mut queue = std::collections::VecDeque::from([t]);
        let mut found = Vec::new();
        while let Some(x) = queue.pop_front() {
            let xi = x as usize;
            if xi != ti && has_room(self, xi) {
                found.push(x);
                if found.len() == ROUTES {
                    break;
                }
                continue;
            }
            if depth[xi] >= ROUTE_MAX_LENGTH {
                continue;
            }
            for &u in &self.members[xi] {
                for &v in md.graph.neighbours(u as usize) {
                    let r = self.assign[v as usize];
                    if parent[r as usize] == NONE {
                        parent[r as usize] = x;
                        depth[r as usize] = depth[xi] + 1;
                        queue.push_back(r);
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|end| {
                let mut route = vec![end];
                let mut x = end;
                while x != t {
                    x = parent[x as usize];
                    route.push(x);
                }
                route.reverse();
                route
            })
            .collect()
    }

    /// Units away from their current territory go back when that helps (disruption over its cap).
    fn repair_disruption(&mut self) -> bool {
        let md = self.md;
        let Some(cur) = &md.current else { return false };
        if self.disruption_penalty(self.disrupted) <= 0.0 {
            return false;
        }
        let mut improved = false;
        for u in 0..md.n {
            let (from, home) = (self.assign[u], cur[u]);
            if home == NONE || home == from || !md.graph.neighbours(u).iter().any(|&v| self.assign[v as usize] == home)
            {
                continue;
            }
            if improved && self.disruption_penalty(self.disrupted) <= 0.0 {
                break;
            }
            if self.try_first_move(u, home, from) {
                improved = true;
            }
        }
        improved
    }

    /// Moves `u` to `to` and looks for a chain that absorbs the consequences.
    fn try_first_move(&mut self, u: usize, to: u32, from: u32) -> bool {
        if !self.can_remove(u) {
            return false;
        }
        self.new_chain();
        let (p0, c0) = (self.violation(), self.cost);
        self.apply(u, to);
        self.moved[u] = self.chain_stamp;
        // Large problems look for the chain's next moves near the unit moved; small ones afford
        // the whole territory.
        let near = if self.md.is_small() { None } else { Some(u as u32) };
        let mut path = vec![from, to];
        let mut budget = COMPACT_BUDGET;
        if self.chain(to, Direction::Push, COMPACT_DEPTH, &COMPACT_WIDTH, p0, c0, &mut path, &mut budget, None, near) {
            return true;
        }
        let mut path = vec![to, from];
        let mut budget = COMPACT_BUDGET;
        if self.chain(from, Direction::Pull, COMPACT_DEPTH, &COMPACT_WIDTH, p0, c0, &mut path, &mut budget, None, near)
        {
            return true;
        }
        self.apply(u, from);
        false
    }

    /// Every boundary unit that is nearer a neighbouring territory's centre starts a chain.
    fn compact(&mut self, rng: &mut Rng) -> bool {
        let md = self.md;
        // After the first round only units next to a territory that changed in the last round can
        // have a new improving chain: elsewhere centres and neighbours are as they were.
        let recent = self.round.saturating_sub(1);
        let changed = |state: &State<'_>, t: u32| state.full_scan || state.touched[t as usize] >= recent;
        let mut boundary: Vec<u32> = (0..md.n as u32)
            .filter(|&u| {
                let t = self.assign[u as usize];
                let neighbours = md.graph.neighbours(u as usize);
                md.locked[u as usize] == NONE
                    && neighbours.iter().any(|&v| self.assign[v as usize] != t)
                    && (changed(self, t) || neighbours.iter().any(|&v| changed(self, self.assign[v as usize])))
            })
            .collect();
        rng.shuffle(&mut boundary);
        let mut improved = false;
        for u in boundary {
            let u = u as usize;
            let from = self.assign[u];
            let mut tried: [u32; 8] = [NONE; 8];
            let mut tried_len = 0;
            for i in 0..md.graph.neighbours(u).len() {
                let r = self.assign[md.graph.neighbours(u)[i] as usize];
                if r == from || tried[..tried_len].contains(&r) {
                    continue;
                }
                if tried_len < tried.len() {
                    tried[tried_len] = r;
                    tried_len += 1;
                }
                let (_, dc) = self.delta(u, r);
                if dc >= 0.0 {
                    continue;
                }
                if self.try_first_move(u, r, from) {
                    improved = true;
                    break;
                }
            }
        }
        improved
    }

    fn improve(&mut self, rng: &mut Rng) {
        let (n, k) = (self.md.n as f64, self.md.k as f64);
        // Small problems afford the exact objective from the start.
        self.exact = self.md.is_small();
        self.full_scan = true;
        for round in 1..=MAX_ROUNDS {
            self.round = round as u32;
            self.refresh();
            if !self.round_improves(rng) {
                break;
            }
            self.full_scan = false;
        }
        // Fixed centres ignore that a territory's centre follows its units; where territories are
        // small enough for it to matter and cheap enough to afford, finish on the exact objective.
        if !self.exact && n * n / k <= EXACT_WORK {
            self.exact = true;
            self.full_scan = true;
            self.refresh();
            for _ in 0..EXACT_ROUNDS {
                self.round += 1;
                if !self.round_improves(rng) {
                    break;
                }
                self.full_scan = false;
            }
        }
    }

    /// One round of balance repair and compaction; false when it found nothing worth another.
    fn round_improves(&mut self, rng: &mut Rng) -> bool {
        let (p0, c0) = (self.violation(), self.cost);
        let mut changed = false;
        if self.violation() > 0.0 {
            changed |= self.repair_balance();
            changed |= self.repair_disruption();
        }
        changed |= self.compact(rng);
        if !changed {
            return false;
        }
        self.refresh();
        // Recentring may undo the round's gain, or the gain may be too small to pay for another
        // round: a fixed point of the Lloyd iteration, near enough.
        p0 - self.violation() > EPS_VIOLATION || self.cost <= c0 * (1.0 - MIN_ROUND_GAIN)
    }
}
