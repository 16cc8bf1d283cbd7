//! A Lagrangian lower bound on the compactness objective for fixed centres.
//!
//! With centres fixed, the best balanced assignment (contiguity dropped) is
//! min Σ_u Σ_t w_u·d(u, c_t)·x_ut subject to Σ_t x_ut = 1 and L_ta ≤ Σ_u a_ua·x_ut ≤ U_ta.
//! Pricing each band with multipliers α_ta, β_ta ≥ 0 gives, for any such prices,
//! Σ_u min_t [w_u·d(u, c_t) + Σ_a (α_ta − β_ta)·a_ua] − Σ_ta (α_ta·U_ta − β_ta·L_ta),
//! which is at most the optimum (weak duality). Subgradient ascent with Polyak steps towards
//! the known solution's value raises it; locked units keep their territory.

use crate::graph::distance;
use crate::search::{Model, NONE};

pub(crate) fn lagrangian(md: &Model, centres: &[[f64; 2]], upper_value: f64, threads: usize) -> f64 {
    let (k, m) = (md.k, md.m());
    let nearest = nearest_centres(md, centres);
    let mut alpha = vec![0.0; k * m];
    let mut beta = vec![0.0; k * m];
    let mut best = 0.0f64;
    let mut theta = 1.0;
    let mut stalled = 0;
    for _ in 0..ITERATIONS {
        let price: Vec<f64> = alpha.iter().zip(&beta).map(|(a, b)| a - b).collect();
        let (value, load) = relaxed(md, centres, &nearest, &price, threads);
        let mut dual = value;
        let mut gradient = vec![0.0; 2 * k * m];
        for i in 0..k * m {
            dual -= alpha[i] * md.upper[i] - beta[i] * md.lower[i];
            gradient[i] = load[i] - md.upper[i];
            gradient[k * m + i] = md.lower[i] - load[i];
        }
        if dual > best + 1e-9 * best.abs() {
            best = dual;
            stalled = 0;
        } else {
            stalled += 1;
            if stalled >= 5 {
                theta /= 2.0;
                stalled = 0;
            }
        }
        // Only directions that can move: a zero multiplier with a negative gradient stays zero.
        let mut norm = 0.0;
        for i in 0..k * m {
            if alpha[i] > 0.0 || gradient[i] > 0.0 {
                norm += gradient[i] * gradient[i];
            }
            if beta[i] > 0.0 || gradient[k * m + i] > 0.0 {
                norm += gradient[k * m + i] * gradient[k * m + i];
            }
        }
        if norm <= 0.0 || upper_value <= dual {
            break;
        }
        let step = theta * (upper_value - dual) / norm;
        for i in 0..k * m {
            alpha[i] = (alpha[i] + step * gradient[i]).max(0.0);
            beta[i] = (beta[i] + step * gradient[k * m + i]).max(0.0);
        }
    }
    best
}

const ITERATIONS: usize = 60;
/// Centres kept per unit; the others are checked only when prices could make one of them win.
const NEAREST: usize = 12;

/// Each unit's nearest centres, nearest first, with distances.
fn nearest_centres(md: &Model, centres: &[[f64; 2]]) -> Vec<Vec<(f64, u32)>> {
    (0..md.n)
        .map(|u| {
            let mut all: Vec<(f64, u32)> =
                centres.iter().enumerate().map(|(t, &c)| (distance(md.loc[u], c), t as u32)).collect();
            let keep = NEAREST.min(all.len());
            if keep < all.len() {
                all.select_nth_unstable_by(keep, |a, b| a.0.total_cmp(&b.0));
                all.truncate(keep + 1);
            }
            all.sort_by(|a, b| a.0.total_cmp(&b.0));
            all
        })
        .collect()
}

/// Σ_u min_t reduced cost, and the loads of that choice, split over threads by units. Only the
/// nearest centres are priced unless the cheapest conceivable other centre (the next distance
/// with the lowest prices) could beat them; then all are.
fn relaxed(
    md: &Model,
    centres: &[[f64; 2]],
    nearest: &[Vec<(f64, u32)>],
    price: &[f64],
    threads: usize,
) -> (f64, Vec<f64>) {
    let (n, k, m) = (md.n, md.k, md.m());
    let lowest: Vec<f64> = (0..m).map(|a| (0..k).map(|t| price[t * m + a]).fold(f64::INFINITY, f64::min)).collect();
    let chunk = n.div_ceil(threads.max(1)).max(1);
    let parts: Vec<(f64, Vec<f64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|begin| {
                let lowest = &lowest;
                scope.spawn(move || {
                    let mut value = 0.0;
                    let mut load = vec![0.0; k * m];
                    for u in begin..(begin + chunk).min(n) {
                        let priced = |t: usize, d: f64| {
                            let mut c = md.weight[u] * d;
                            for a in 0..m {
                                c += price[t * m + a] * md.attr[u * m + a];
                            }
                            c
                        };
                        let (mut best_t, mut best_c) = (0, f64::INFINITY);
                        if md.locked[u] != NONE {
                            best_t = md.locked[u] as usize;
                            best_c = priced(best_t, distance(md.loc[u], centres[best_t]));
                        } else {
                            let list = &nearest[u];
                            let kept = if list.len() > NEAREST { NEAREST } else { list.len() };
                            for &(d, t) in &list[..kept] {
                                let c = priced(t as usize, d);
                                if c < best_c {
                                    best_c = c;
                                    best_t = t as usize;
                                }
                            }
                            if kept < list.len() {
                                let mut floor = md.weight[u] * list[kept].0;
                                for a in 0..m {
                                    floor += lowest[a] * md.attr[u * m + a];
                                }
                                if floor < best_c {
                                    for (t, &c) in centres.iter().enumerate() {
                                        let c = priced(t, distance(md.loc[u], c));
                                        if c < best_c {
                                            best_c = c;
                                            best_t = t;
                                        }
                                    }
                                }
                            }
                        }
                        value += best_c;
                        for a in 0..m {
                            load[best_t * m + a] += md.attr[u * m + a];
                        }
                    }
                    (value, load)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let mut value = 0.0;
    let mut load = vec![0.0; k * m];
    for (v, l) in parts {
        value += v;
        for (x, y) in load.iter_mut().zip(l) {
            *x += y;
        }
    }
    (value, load)
}
