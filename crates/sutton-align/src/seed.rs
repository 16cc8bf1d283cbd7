//! Starting alignments: balanced and contiguous before the local search begins.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::graph::distance;
use crate::rng::Rng;
use crate::search::{Model, NONE};

/// A complete, contiguous (locks permitting) assignment to start the search from.
pub(crate) fn initial(md: &Model, rng: &mut Rng, start: usize) -> Vec<u32> {
    let mut assign = vec![NONE; md.n];
    let mut anchors: Vec<[f64; 2]> = vec![[f64::NAN; 2]; md.k];
    if let Some(current) = &md.current {
        assign.copy_from_slice(current);
    } else if md.homes.is_some() || md.locked.iter().any(|&t| t != NONE) || (start % 2 == 1 && md.is_small()) {
        // On small problems odd starts grow from k-means++ seeds instead of bisecting, to reach
        // other basins; on large ones bisection's balance saves more time than the variety buys.
        anchored_seeds(md, rng, &mut assign, &mut anchors);
    } else {
        for (part, territories) in territories_per_part(md).into_iter().enumerate() {
            let mut units: Vec<u32> = (0..md.n as u32).filter(|&u| md.part[u as usize] == part as u32).collect();
            bisect(md, rng, start, &mut units, &territories, &mut assign);
        }
    }
    for (u, &t) in md.locked.iter().enumerate() {
        if t != NONE {
            assign[u] = t;
        }
    }
    keep_main_pieces(md, &mut assign);
    for (t, anchor) in anchors.iter_mut().enumerate() {
        if let Some(homes) = &md.homes {
            *anchor = homes[t];
        } else if anchor[0].is_nan() {
            *anchor = centroid(md, &assign, t as u32).unwrap_or(*anchor);
        }
    }
    grow(md, &mut assign, &anchors);
    cover_every_part(md, &mut assign, &mut anchors);
    fill_empty_territories(md, &mut assign);
    // A unit no territory could reach (impossible on a connected graph) still gets one, so that
    // the output is complete; the metrics will show the territory as not contiguous.
    for t in assign.iter_mut().filter(|t| **t == NONE) {
        *t = 0;
    }
    assign
}

/// How many territories each connected part of the graph gets: every part at least one, the rest
/// one at a time to the part with the most weight per territory (never more than its units).
pub(crate) fn territories_per_part(md: &Model) -> Vec<Vec<u32>> {
    let mut weight = vec![0.0; md.parts];
    let mut units = vec![0usize; md.parts];
    for u in 0..md.n {
        weight[md.part[u] as usize] += md.weight[u] + 1e-9;
        units[md.part[u] as usize] += 1;
    }
    let mut quota = vec![1usize; md.parts];
    for _ in md.parts..md.k {
        let best = (0..md.parts)
            .filter(|&p| quota[p] < units[p])
            .max_by(|&a, &b| (weight[a] / quota[a] as f64).total_cmp(&(weight[b] / quota[b] as f64)).then(b.cmp(&a)));
        match best {
            Some(p) => quota[p] += 1,
            None => break,
        }
    }
    let mut next = 0u32;
    quota
        .iter()
        .map(|&q| {
            let list: Vec<u32> = (next..next + q as u32).filter(|&t| (t as usize) < md.k).collect();
            next += q as u32;
            list
        })
        .collect()
}

/// Recursive geometric bisection: split the units along their principal axis (tilted at random
/// after the first start) at the weighted quantile matching the two halves' target shares.
fn bisect(md: &Model, rng: &mut Rng, start: usize, units: &mut [u32], territories: &[u32], assign: &mut [u32]) {
    if territories.is_empty() {
        return;
    }
    if territories.len() == 1 || units.len() <= 1 {
        for &u in units.iter() {
            assign[u as usize] = territories[0];
        }
        return;
    }
    let k1 = territories.len() / 2;
    let share = |ts: &[u32]| ts.iter().map(|&t| md.shares[t as usize]).sum::<f64>();
    let fraction = share(&territories[..k1]) / share(territories);
    let w = |u: u32| md.weight[u as usize] + 1e-9;
    let (mut sw, mut sx, mut sy) = (0.0, 0.0, 0.0);
    for &u in units.iter() {
        let [x, y] = md.loc[u as usize];
        sw += w(u);
        sx += w(u) * x;
        sy += w(u) * y;
    }
    let (mx, my) = (sx / sw, sy / sw);
    let (mut cxx, mut cyy, mut cxy) = (0.0, 0.0, 0.0);
    for &u in units.iter() {
        let [x, y] = md.loc[u as usize];
        cxx += w(u) * (x - mx) * (x - mx);
        cyy += w(u) * (y - my) * (y - my);
        cxy += w(u) * (x - mx) * (y - my);
    }
    let mut angle = 0.5 * (2.0 * cxy).atan2(cxx - cyy);
    if start > 0 {
        angle += (rng.unit() - 0.5) * 0.7;
    }
    let (c, s) = (angle.cos(), angle.sin());
    let key = |u: u32| {
        let [x, y] = md.loc[u as usize];
        x * c + y * s
    };
    units.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
    let goal = fraction * sw;
    let len = units.len();
    let lo = k1.min(len);
    let hi = len.saturating_sub(territories.len() - k1).max(lo);
    let mut cumulative = 0.0;
    let mut split = lo;
    let mut best = f64::INFINITY;
    for i in 0..=len {
        if (lo..=hi).contains(&i) && (cumulative - goal).abs() < best {
            best = (cumulative - goal).abs();
            split = i;
        }
        if i < len {
            cumulative += w(units[i]);
        }
    }
    let (left, right) = units.split_at_mut(split);
    bisect(md, rng, start, left, &territories[..k1], assign);
    bisect(md, rng, start, right, &territories[k1..], assign);
}

/// Seeds for territories tied to places: locked units stay with their territory, a home takes
/// the free unit nearest to it, and the remaining territories are seeded by weighted D² sampling
/// (k-means++) away from the seeds already placed.
fn anchored_seeds(md: &Model, rng: &mut Rng, assign: &mut [u32], anchors: &mut [[f64; 2]]) {
    let mut seeded = vec![false; md.k];
    for (u, &t) in md.locked.iter().enumerate() {
        if t != NONE {
            assign[u] = t;
            seeded[t as usize] = true;
        }
    }
    if let Some(homes) = &md.homes {
        for t in 0..md.k {
            anchors[t] = homes[t];
            if seeded[t] {
                continue;
            }
            let nearest = (0..md.n)
                .filter(|&u| assign[u] == NONE)
                .min_by(|&a, &b| distance(md.loc[a], homes[t]).total_cmp(&distance(md.loc[b], homes[t])));
            if let Some(u) = nearest {
                assign[u] = t as u32;
                seeded[t] = true;
            }
        }
    }
    let mut nearest = vec![f64::INFINITY; md.n];
    let refresh = |nearest: &mut [f64], p: [f64; 2]| {
        for (u, d) in nearest.iter_mut().enumerate() {
            *d = d.min(distance(md.loc[u], p));
        }
    };
    for u in 0..md.n {
        if assign[u] != NONE {
            refresh(&mut nearest, md.loc[u]);
        }
    }
    for t in 0..md.k {
        if seeded[t] {
            continue;
        }
        let free: Vec<usize> = (0..md.n).filter(|&u| assign[u] == NONE).collect();
        if free.is_empty() {
            break;
        }
        let score = |u: usize| {
            let d = if nearest[u].is_finite() { nearest[u] } else { 1.0 };
            (md.weight[u] + 1e-9) * d * d
        };
        let total: f64 = free.iter().map(|&u| score(u)).sum();
        let mut pick = rng.unit() * total;
        let mut chosen = free[free.len() - 1];
        for &u in &free {
            pick -= score(u);
            if pick <= 0.0 {
                chosen = u;
                break;
            }
        }
        assign[chosen] = t as u32;
        anchors[t] = md.loc[chosen];
        seeded[t] = true;
        refresh(&mut nearest, md.loc[chosen]);
    }
}

/// Each territory keeps its largest connected piece (the one with locked units first); the other
/// pieces become free to be grown into again. Locked units are never freed.
fn keep_main_pieces(md: &Model, assign: &mut [u32]) {
    let mut piece = vec![NONE; md.n];
    let mut best: Vec<(usize, f64, u32)> = vec![(0, -1.0, NONE); md.k];
    let mut stack = Vec::new();
    let mut next = 0u32;
    for root in 0..md.n {
        let t = assign[root];
        if t == NONE || piece[root] != NONE {
            continue;
        }
        let (mut locked, mut weight) = (0usize, 0.0);
        piece[root] = next;
        stack.push(root as u32);
        while let Some(u) = stack.pop() {
            let u = u as usize;
            locked += usize::from(md.locked[u] != NONE);
            weight += md.weight[u] + 1e-9;
            for &v in md.graph.neighbours(u) {
                if assign[v as usize] == t && piece[v as usize] == NONE {
                    piece[v as usize] = next;
                    stack.push(v);
                }
            }
        }
        let b = &mut best[t as usize];
        if (locked, weight) > (b.0, b.1) {
            *b = (locked, weight, next);
        }
        next += 1;
    }
    for u in 0..md.n {
        let t = assign[u];
        if t != NONE && piece[u] != best[t as usize].2 && md.locked[u] == NONE {
            assign[u] = NONE;
        }
    }
}

fn centroid(md: &Model, assign: &[u32], t: u32) -> Option<[f64; 2]> {
    let (mut sw, mut sx, mut sy) = (0.0, 0.0, 0.0);
    for u in (0..md.n).filter(|&u| assign[u] == t) {
        let w = md.weight[u] + 1e-9;
        sw += w;
        sx += w * md.loc[u][0];
        sy += w * md.loc[u][1];
    }
    (sw > 0.0).then(|| [sx / sw, sy / sw])
}

/// Balanced region growing: the territory furthest below its target (relative to its share)
/// takes the free neighbouring unit nearest its anchor, until no territory can grow.
fn grow(md: &Model, assign: &mut [u32], anchors: &[[f64; 2]]) {
    let key = |d: f64| d.max(0.0).to_bits();
    let mut load = vec![0.0; md.k];
    let mut frontier: Vec<BinaryHeap<Reverse<(u64, u32)>>> = vec![BinaryHeap::new(); md.k];
    for u in 0..md.n {
        let t = assign[u];
        if t == NONE {
            continue;
        }
        load[t as usize] += md.weight[u] / md.shares[t as usize];
        for &v in md.graph.neighbours(u) {
            if assign[v as usize] == NONE {
                let d = distance(md.loc[v as usize], anchors[t as usize]);
                frontier[t as usize].push(Reverse((key(d), v)));
            }
        }
    }
    let mut queue: BinaryHeap<Reverse<(u64, u32)>> =
        (0..md.k).filter(|&t| !frontier[t].is_empty()).map(|t| Reverse((key(load[t]), t as u32))).collect();
    while let Some(Reverse((_, t))) = queue.pop() {
        let t = t as usize;
        let next = loop {
            match frontier[t].pop() {
                Some(Reverse((_, v))) if assign[v as usize] == NONE => break Some(v as usize),
                Some(_) => continue,
                None => break None,
            }
        };
        let Some(v) = next else { continue };
        assign[v] = t as u32;
        load[t] += md.weight[v] / md.shares[t];
        for &x in md.graph.neighbours(v) {
            if assign[x as usize] == NONE {
                frontier[t].push(Reverse((key(distance(md.loc[x as usize], anchors[t])), x)));
            }
        }
        queue.push(Reverse((key(load[t]), t as u32)));
    }
}

/// When a connected part of the graph got no territory (a current alignment or anchors that miss
/// it), the lightest territory that shares its part with another one moves there.
fn cover_every_part(md: &Model, assign: &mut [u32], anchors: &mut [[f64; 2]]) {
    for _ in 0..md.k {
        let Some(orphan) = (0..md.n).find(|&u| assign[u] == NONE) else { return };
        let mut per_part = vec![0usize; md.parts];
        let mut part_of = vec![NONE; md.k];
        let mut load = vec![0.0; md.k];
        let mut has_lock = vec![false; md.k];
        for u in 0..md.n {
            let t = assign[u];
            if t != NONE {
                load[t as usize] += md.weight[u] + 1e-9;
                has_lock[t as usize] |= md.locked[u] != NONE;
                if part_of[t as usize] == NONE {
                    part_of[t as usize] = md.part[u];
                    per_part[md.part[u] as usize] += 1;
                }
            }
        }
        let donor = (0..md.k)
            .filter(|&t| !has_lock[t] && (part_of[t] == NONE || per_part[part_of[t] as usize] >= 2))
            .min_by(|&a, &b| load[a].total_cmp(&load[b]).then(a.cmp(&b)));
        let Some(donor) = donor else { return };
        for t in assign.iter_mut().filter(|t| **t == donor as u32) {
            *t = NONE;
        }
        assign[orphan] = donor as u32;
        anchors[donor] = md.loc[orphan];
        grow(md, assign, anchors);
    }
}

/// A territory left without units takes one from the territory with the most units: its member
/// farthest from the centroid whose removal leaves that territory connected.
fn fill_empty_territories(md: &Model, assign: &mut [u32]) {
    for t in 0..md.k as u32 {
        if assign.contains(&t) {
            continue;
        }
        let mut count = vec![0usize; md.k];
        for &s in assign.iter().filter(|&&s| s != NONE) {
            count[s as usize] += 1;
        }
        let Some(donor) = (0..md.k).filter(|&s| count[s] >= 2).max_by_key(|&s| (count[s], Reverse(s))) else {
            return;
        };
        let centre = centroid(md, assign, donor as u32).unwrap_or([0.0, 0.0]);
        let mut members: Vec<usize> =
            (0..md.n).filter(|&u| assign[u] == donor as u32 && md.locked[u] == NONE).collect();
        members.sort_by(|&a, &b| distance(md.loc[b], centre).total_cmp(&distance(md.loc[a], centre)));
        if let Some(&u) = members.iter().find(|&&u| stays_connected_without(md, assign, u)) {
            assign[u] = t;
        }
    }
}

/// Whether `u`'s territory stays connected when `u` leaves it (whole-territory search; used only
/// while seeding, the local search has its own faster test).
pub(crate) fn stays_connected_without(md: &Model, assign: &[u32], u: usize) -> bool {
    let t = assign[u];
    let Some(&first) = md.graph.neighbours(u).iter().find(|&&v| assign[v as usize] == t) else {
        return false;
    };
    let size = assign.iter().filter(|&&s| s == t).count();
    let mut seen = vec![false; md.n];
    seen[u] = true;
    seen[first as usize] = true;
    let mut stack = vec![first];
    let mut reached = 1;
    while let Some(x) = stack.pop() {
        for &y in md.graph.neighbours(x as usize) {
            if !seen[y as usize] && assign[y as usize] == t {
                seen[y as usize] = true;
                reached += 1;
                stack.push(y);
            }
        }
    }
    reached == size - 1
}
