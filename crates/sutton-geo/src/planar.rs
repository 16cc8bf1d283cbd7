//! Planar measures of polygons: area, area-weighted centroid, a
//! representative interior point, and point-in-polygon.
//!
//! All functions take polygons as rings of `[x, y]` (exterior first, then
//! holes) and do not depend on ring orientation: us-atlas winds exterior
//! rings clockwise, other sources do the opposite.

use crate::topojson::{Point, Polygon, Ring};

/// Signed area of a ring by the shoelace formula: positive when
/// counter-clockwise in a y-up plane. Works whether or not the ring repeats
/// its first point at the end.
pub fn ring_signed_area(ring: &[Point]) -> f64 {
    let n = ring.len();
    let mut twice = 0.0;
    for i in 0..n {
        let [x0, y0] = ring[i];
        let [x1, y1] = ring[(i + 1) % n];
        twice += x0 * y1 - x1 * y0;
    }
    twice / 2.0
}

/// Whether a ring encloses any area. Rings of fewer than four positions
/// (three corners plus the closing repeat) or of zero area are artefacts of
/// simplification: us-atlas has a hole in Manassas, Virginia that is a
/// single point, and Falls Church, Virginia collapsed to a line.
pub fn is_proper_ring(ring: &[Point]) -> bool {
    ring.len() >= 4 && ring_signed_area(ring) != 0.0
}

/// The polygons with improper rings (see [`is_proper_ring`]) removed; a
/// polygon whose exterior ring is improper is removed whole.
pub fn proper_polygons(polygons: &[Polygon]) -> Vec<Polygon> {
    polygons
        .iter()
        .filter(|p| p.first().is_some_and(|shell| is_proper_ring(shell)))
        .map(|p| p.iter().filter(|r| is_proper_ring(r)).cloned().collect())
        .collect()
}

/// Area of polygons: each exterior minus its holes, summed.
pub fn area(polygons: &[Polygon]) -> f64 {
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let a = ring_signed_area(r).abs();
                    if i == 0 { a } else { -a }
                })
                .sum::<f64>()
        })
        .sum()
}

/// The area-weighted centroid (centre of mass of a uniform lamina) of
/// polygons, holes subtracted. `None` when the total area is zero.
pub fn centroid(polygons: &[Polygon]) -> Option<Point> {
    let (mut total, mut mx, mut my) = (0.0, 0.0, 0.0);
    for rings in polygons {
        for (i, ring) in rings.iter().enumerate() {
            let n = ring.len();
            let (mut twice_a, mut cx, mut cy) = (0.0, 0.0, 0.0);
            for j in 0..n {
                let [x0, y0] = ring[j];
                let [x1, y1] = ring[(j + 1) % n];
                let cross = x0 * y1 - x1 * y0;
                twice_a += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }
            if twice_a == 0.0 {
                continue;
            }
            // The ring's own centroid is (cx, cy) / (3 · twice_a); weight it
            // by the ring's unsigned area, negative for holes.
            let weight = if i == 0 { 1.0 } else { -1.0 } * (twice_a / 2.0).abs();
            total += weight;
            mx += weight * cx / (3.0 * twice_a);
            my += weight * cy / (3.0 * twice_a);
        }
    }
    (total != 0.0).then(|| [mx / total, my / total])
}

/// A point guaranteed to lie inside the polygons (for any polygon of
/// positive area), chosen by the rule of GEOS's `InteriorPointArea` — what
/// shapely's `representative_point()` and PostGIS's `ST_PointOnSurface`
/// return — so that results agree with those tools:
///
/// 1. For each polygon, pick a horizontal scan line: halfway between the
///    nearest vertex ordinates below-or-at and above the middle of the
///    polygon's vertical extent (this keeps the line off vertices).
/// 2. Intersect the line with every ring; consecutive pairs of sorted
///    crossings bound the sections inside the polygon.
/// 3. The polygon's point is the midpoint of its widest section; over all
///    polygons, the one with the widest section wins (the first on ties).
///
/// Unlike the centroid, this point never falls outside a crescent- or
/// L-shaped county, or in the sea between islands. A polygon without any
/// positive-width section yields its first vertex. `None` only when there
/// are no polygons at all.
pub fn interior_point(polygons: &[Polygon]) -> Option<Point> {
    let mut best: Option<(Point, f64)> = None;
    let mut crossings = Vec::new();
    for rings in polygons {
        let Some(shell) = rings.first().filter(|s| !s.is_empty()) else {
            continue;
        };
        let scan_y = scan_line_y(rings, shell);
        crossings.clear();
        for ring in rings {
            push_crossings(ring, scan_y, &mut crossings);
        }
        crossings.sort_by(f64::total_cmp);
        let mut width = 0.0;
        let mut point = shell[0];
        for pair in crossings.chunks_exact(2) {
            let w = pair[1] - pair[0];
            if w > width {
                width = w;
                point = [(pair[0] + pair[1]) / 2.0, scan_y];
            }
        }
        if best.is_none_or(|(_, best_width)| width > best_width) {
            best = Some((point, width));
        }
    }
    best.map(|(p, _)| p)
}

fn scan_line_y(rings: &[Ring], shell: &[Point]) -> f64 {
    let (min_y, max_y) =
        shell.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p[1]), hi.max(p[1])));
    let centre = (min_y + max_y) / 2.0;
    let (mut lo, mut hi) = (min_y, max_y);
    for p in rings.iter().flatten() {
        let y = p[1];
        if y <= centre {
            lo = lo.max(y);
        } else {
            hi = hi.min(y);
        }
    }
    (lo + hi) / 2.0
}

fn push_crossings(ring: &[Point], y: f64, out: &mut Vec<f64>) {
    for seg in ring.windows(2) {
        let ([x0, y0], [x1, y1]) = (seg[0], seg[1]);
        if (y0 > y && y1 > y) || (y0 < y && y1 < y) || y0 == y1 {
            continue;
        }
        // A segment ending on the line counts only if it comes from above,
        // so a vertex on the line between two segments is counted once.
        if (y0 == y && y1 < y) || (y1 == y && y0 < y) {
            continue;
        }
        let x = if x0 == x1 { x0 } else { x0 + (y - y0) * (x1 - x0) / (y1 - y0) };
        out.push(x);
    }
}

/// Whether `p` lies inside the polygons (even–odd rule over all rings, so
/// holes exclude). Points exactly on a boundary may go either way.
pub fn contains(polygons: &[Polygon], p: Point) -> bool {
    let [px, py] = p;
    let mut inside = false;
    for ring in polygons.iter().flatten() {
        for seg in ring.windows(2) {
            let ([x0, y0], [x1, y1]) = (seg[0], seg[1]);
            if (y0 > py) != (y1 > py) && px < x0 + (py - y0) * (x1 - x0) / (y1 - y0) {
                inside = !inside;
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, side: f64) -> Ring {
        vec![[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]
    }

    #[test]
    fn area_and_centroid_of_square_with_hole() {
        let mut hole = square(1.0, 1.0, 1.0);
        hole.reverse();
        let poly = vec![vec![square(0.0, 0.0, 4.0), hole]];
        assert_eq!(area(&poly), 15.0);
        let [cx, cy] = centroid(&poly).unwrap();
        // (16·2 − 1·1.5) / 15 on both axes.
        assert!((cx - 30.5 / 15.0).abs() < 1e-12 && (cy - 30.5 / 15.0).abs() < 1e-12);
        // Orientation does not matter.
        let mut cw = square(0.0, 0.0, 2.0);
        cw.reverse();
        assert_eq!(area(&[vec![cw.clone()]]), 4.0);
        assert_eq!(centroid(&[vec![cw]]), Some([1.0, 1.0]));
    }

    #[test]
    fn centroid_weights_parts_by_area() {
        let polys = vec![vec![square(0.0, 0.0, 1.0)], vec![square(10.0, 0.0, 3.0)]];
        let [cx, _] = centroid(&polys).unwrap();
        assert!((cx - (0.5 + 9.0 * 11.5) / 10.0).abs() < 1e-12);
        assert_eq!(centroid(&[]), None);
    }

    #[test]
    fn interior_point_of_l_shape_is_inside_where_centroid_is_not() {
        // An L whose centroid falls in the notch.
        let l =
            vec![vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 1.0], [1.0, 1.0], [1.0, 10.0], [0.0, 10.0], [0.0, 0.0]]]];
        let c = centroid(&l).unwrap();
        assert!(!contains(&l, c));
        let p = interior_point(&l).unwrap();
        assert!(contains(&l, p), "{p:?}");
        // Extent 0..10, centre 5; nearest vertex ordinates 1 below and 10
        // above, so the scan line is y = 5.5 and crosses x = 0 and x = 1.
        assert_eq!(p, [0.5, 5.5]);
    }

    #[test]
    fn interior_point_picks_the_widest_part_and_avoids_holes() {
        let polys = vec![vec![square(0.0, 0.0, 1.0)], vec![square(5.0, 0.0, 2.0)]];
        assert_eq!(interior_point(&polys), Some([6.0, 1.0]));
        // A hole in the middle of a 4×4 square: the widest section at the
        // scan line is one of the two strips beside the hole.
        let donut = vec![vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 2.0)]];
        let p = interior_point(&donut).unwrap();
        assert!(contains(&donut, p), "{p:?}");
        assert_eq!(interior_point(&[]), None);
    }

    #[test]
    fn improper_rings_are_dropped() {
        let point_hole = vec![[0.5, 0.5], [0.5, 0.5]];
        let line = vec![[0.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.0, 0.0]];
        assert!(!is_proper_ring(&point_hole));
        assert!(!is_proper_ring(&line));
        let polys = vec![vec![square(0.0, 0.0, 1.0), point_hole], vec![line.clone(), square(0.2, 0.2, 0.1)]];
        let kept = proper_polygons(&polys);
        assert_eq!(kept, vec![vec![square(0.0, 0.0, 1.0)]]);
        // A zero-width polygon still has a point: its first vertex.
        assert_eq!(interior_point(&[vec![line]]), Some([0.0, 0.0]));
    }

    #[test]
    fn contains_respects_holes() {
        let donut = vec![vec![square(0.0, 0.0, 4.0), square(1.0, 1.0, 2.0)]];
        assert!(contains(&donut, [0.5, 0.5]));
        assert!(!contains(&donut, [2.0, 2.0]));
        assert!(!contains(&donut, [5.0, 2.0]));
    }
}
