//! US counties from us-atlas: outlines, measures in EPSG:5070, and the
//! adjacency graph that territory design works on.

use std::collections::{BTreeMap, HashMap};

use crate::planar;
use crate::projection::Albers;
use crate::states::state_by_fips;
use crate::topojson::{Polygon, Topology};

/// counties-10m.json: county, state and nation outlines in longitude and
/// latitude. The source of every measure.
pub(crate) const COUNTIES_10M: &str = include_str!("../../../data/us-atlas/counties-10m.json");
/// counties-albers-10m.json: the same outlines pre-projected for a 975×610
/// map with Alaska and Hawaii as insets. Used for drawing only.
pub(crate) const COUNTIES_ALBERS_10M: &str = include_str!("../../../data/us-atlas/counties-albers-10m.json");

/// Width and height of the pixel space of [`County::outline`].
pub const MAP_SIZE: [f32; 2] = [975.0, 610.0];

/// A county or county equivalent (parish, borough, census area,
/// independent city, municipio, district).
#[derive(Debug, Clone, PartialEq)]
pub struct County {
    /// Five-digit FIPS code, e.g. `"06037"`.
    pub fips: String,
    /// Name without its kind, as us-atlas writes it, e.g. `"Los Angeles"`,
    /// `"Doña Ana"`, `"St. Louis"`.
    pub name: String,
    /// Two-digit state FIPS code (the first two digits of `fips`).
    pub state_fips: String,
    /// USPS abbreviation of the state, e.g. `"CA"`.
    pub state: String,
    /// Longitude of the county's point (`x_km`, `y_km` projected back).
    pub lon: f64,
    /// Latitude of the county's point.
    pub lat: f64,
    /// The county's point in EPSG:5070, km: an interior point chosen by
    /// GEOS's rule (see [`planar::interior_point`]), which is what the
    /// shared territory benchmark uses. Always inside the county, unlike
    /// the centroid.
    pub x_km: f64,
    /// See [`County::x_km`].
    pub y_km: f64,
    /// Area in km², measured in EPSG:5070 (equal-area) on the simplified
    /// outline. Cartographic boundaries are cut at the coastline but keep
    /// inland water, so this is land plus lakes and rivers. Zero for a county that simplification collapsed
    /// (Falls Church, Virginia).
    pub area_km2: f64,
    /// Area-weighted centroid in EPSG:5070, km. May lie outside the county
    /// (crescents, island chains); equal to the point when the area is 0.
    pub centroid_x_km: f64,
    /// See [`County::centroid_x_km`].
    pub centroid_y_km: f64,
    /// Rings (exteriors and holes, all polygons) from
    /// counties-albers-10m.json in its 975×610 pixel space, y down, ready
    /// for an SVG path with `fill-rule="evenodd"`. Empty for the
    /// territories, which that map does not show.
    pub outline: Vec<Vec<[f32; 2]>>,
}

impl County {
    /// The outline as SVG path data (`M…L…Z` per ring), in the 975×610
    /// pixel space, to one decimal (a tenth of a pixel).
    pub fn svg_path(&self) -> String {
        use std::fmt::Write;
        let mut d = String::new();
        for ring in &self.outline {
            for (i, [x, y]) in ring.iter().enumerate() {
                let cmd = if i == 0 { 'M' } else { 'L' };
                // Writing to a String cannot fail.
                let _ = write!(d, "{cmd}{x:.1},{y:.1}");
            }
            if !ring.is_empty() {
                d.push('Z');
            }
        }
        d
    }
}

/// Which counties [`us_counties`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every county in the data: 50 states, DC, Puerto Rico and the other
    /// territories (3,231).
    All,
    /// The 48 contiguous states and DC, without counties that share no
    /// border with another one (islands: Nantucket MA, San Juan WA) or that
    /// have no area at this resolution (Falls Church VA). This is the
    /// connected graph of the shared territory benchmark: 3,105 counties,
    /// 8,708 edges.
    Contiguous,
}

/// Counties and their adjacency.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyGraph {
    /// Counties sorted by FIPS code.
    pub counties: Vec<County>,
    /// `(u, v, shared_arcs)` with `u < v` indices into `counties`, sorted:
    /// the two counties share `shared_arcs` boundary arcs of the topology.
    /// More shared arcs roughly means a longer or more broken common
    /// border; a single arc can be a point where four counties meet.
    pub edges: Vec<(u32, u32, u32)>,
}

impl CountyGraph {
    /// Index of the county with this FIPS code.
    pub fn index_of(&self, fips: &str) -> Option<usize> {
        self.counties.binary_search_by(|c| c.fips.as_str().cmp(fips)).ok()
    }

    /// Neighbour lists, one per county, each sorted.
    pub fn adjacency(&self) -> Vec<Vec<u32>> {
        let mut adj = vec![Vec::new(); self.counties.len()];
        for &(u, v, _) in &self.edges {
            adj[u as usize].push(v);
            adj[v as usize].push(u);
        }
        for list in &mut adj {
            list.sort_unstable();
        }
        adj
    }

    /// Number of connected components (0 for an empty graph).
    pub fn component_count(&self) -> usize {
        let adj = self.adjacency();
        let mut seen = vec![false; adj.len()];
        let mut components = 0;
        let mut stack = Vec::new();
        for start in 0..adj.len() {
            if seen[start] {
                continue;
            }
            components += 1;
            seen[start] = true;
            stack.push(start);
            while let Some(u) = stack.pop() {
                for &v in &adj[u] {
                    if !seen[v as usize] {
                        seen[v as usize] = true;
                        stack.push(v as usize);
                    }
                }
            }
        }
        components
    }

    /// Whether every county can be reached from every other over edges.
    pub fn is_connected(&self) -> bool {
        self.component_count() == 1
    }
}

/// A county's geometry from counties-10m.json, projected to EPSG:5070 km.
pub(crate) struct CountyShape {
    pub fips: String,
    pub name: String,
    /// Every ring as decoded, including degenerate ones.
    pub polygons_km: Vec<Polygon>,
    /// Arc indices referenced, deduplicated.
    pub arcs: Vec<usize>,
}

/// Decodes counties-10m.json and projects it, one entry per county sorted
/// by FIPS. Geometries without an id, name or ring (none in the embedded
/// data) cannot be addressed and are skipped.
pub(crate) fn county_shapes() -> Vec<CountyShape> {
    let topology = Topology::parse(COUNTIES_10M).expect("embedded data/us-atlas/counties-10m.json is valid TopoJSON");
    let albers = Albers::epsg5070();
    // Projecting the arcs, not the rings, projects each shared boundary
    // point once and keeps both sides of a border identical.
    let projected = topology.map_points(|[lon, lat]| albers.forward_km(lon, lat));
    let geometries = projected.object("counties").expect("embedded counties-10m.json has a \"counties\" object");
    let mut shapes: Vec<CountyShape> = geometries
        .iter()
        .filter_map(|g| {
            let fips = g.id.clone()?;
            let name = g.name()?.to_string();
            let polygons_km = projected.resolve(g);
            if polygons_km.iter().flatten().all(Vec::is_empty) {
                return None;
            }
            let mut arcs: Vec<usize> = g.arc_indices().collect();
            arcs.sort_unstable();
            arcs.dedup();
            Some(CountyShape { fips, name, polygons_km, arcs })
        })
        .collect();
    shapes.sort_by(|a, b| a.fips.cmp(&b.fips));
    shapes
}

/// Outlines from counties-albers-10m.json by FIPS.
fn albers_outlines() -> HashMap<String, Vec<Vec<[f32; 2]>>> {
    let topology = Topology::parse(COUNTIES_ALBERS_10M)
        .expect("embedded data/us-atlas/counties-albers-10m.json is valid TopoJSON");
    let geometries = topology.object("counties").expect("embedded counties-albers-10m.json has a \"counties\" object");
    geometries
        .iter()
        .filter_map(|g| {
            let rings = topology
                .resolve(g)
                .into_iter()
                .flatten()
                .map(|ring| ring.iter().map(|&[x, y]| [x as f32, y as f32]).collect())
                .collect();
            Some((g.id.clone()?, rings))
        })
        .collect()
}

/// The US counties in `scope` with their adjacency. Parses the embedded
/// TopoJSON on every call (see the crate documentation for the cost), so
/// keep the result rather than calling it repeatedly.
pub fn us_counties(scope: Scope) -> CountyGraph {
    let shapes = county_shapes();
    let mut outlines = albers_outlines();
    let albers = Albers::epsg5070();

    let counties: Vec<County> = shapes
        .iter()
        .map(|shape| {
            let proper = planar::proper_polygons(&shape.polygons_km);
            let area_km2 = planar::area(&proper);
            // A county with no proper ring (collapsed to a line) still gets a
            // point on its line, so that it can be drawn and joined.
            let point = planar::interior_point(&proper)
                .or_else(|| planar::interior_point(&shape.polygons_km))
                .expect("county_shapes keeps only counties with at least one ring");
            let centroid = planar::centroid(&proper).unwrap_or(point);
            let [lon, lat] = albers.inverse_km(point[0], point[1]);
            let state_fips = shape.fips[..2].to_string();
            let state = state_by_fips(&state_fips)
                .expect("every county in the embedded us-atlas data is in a state of the table")
                .abbr
                .to_string();
            County {
                fips: shape.fips.clone(),
                name: shape.name.clone(),
                state_fips,
                state,
                lon,
                lat,
                x_km: point[0],
                y_km: point[1],
                area_km2,
                centroid_x_km: centroid[0],
                centroid_y_km: centroid[1],
                outline: outlines.remove(&shape.fips).unwrap_or_default(),
            }
        })
        .collect();
    let edges = shared_arc_edges(&shapes);
    let all = CountyGraph { counties, edges };
    match scope {
        Scope::All => all,
        Scope::Contiguous => contiguous(all),
    }
}

/// Edges between counties that reference a common arc, each pair counted
/// once per arc. An arc used by three or more counties (a zero-length arc
/// at a corner where several meet) links every pair of them.
fn shared_arc_edges(shapes: &[CountyShape]) -> Vec<(u32, u32, u32)> {
    let arc_count = shapes.iter().flat_map(|s| s.arcs.iter()).max().map_or(0, |&m| m + 1);
    let mut users: Vec<Vec<u32>> = vec![Vec::new(); arc_count];
    for (i, shape) in shapes.iter().enumerate() {
        // `arcs` is deduplicated, so each county appears once per arc.
        for &a in &shape.arcs {
            users[a].push(i as u32);
        }
    }
    let mut shared: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for list in &users {
        for (k, &u) in list.iter().enumerate() {
            for &v in &list[k + 1..] {
                *shared.entry((u.min(v), u.max(v))).or_default() += 1;
            }
        }
    }
    shared.into_iter().map(|((u, v), n)| (u, v, n)).collect()
}

/// Restricts the full graph to [`Scope::Contiguous`].
fn contiguous(all: CountyGraph) -> CountyGraph {
    let mut keep: Vec<bool> = all
        .counties
        .iter()
        .map(|c| {
            c.area_km2 > 0.0 && state_by_fips(&c.state_fips).expect("county states are in the table").is_contiguous()
        })
        .collect();
    // Islands: kept counties without a kept neighbour. Dropping a county
    // that has no neighbour cannot strand another one, so one pass does.
    let mut has_neighbour = vec![false; keep.len()];
    for &(u, v, _) in &all.edges {
        if keep[u as usize] && keep[v as usize] {
            has_neighbour[u as usize] = true;
            has_neighbour[v as usize] = true;
        }
    }
    for (k, n) in keep.iter_mut().zip(&has_neighbour) {
        *k &= *n;
    }
    let mut new_index = vec![u32::MAX; keep.len()];
    let mut counties = Vec::new();
    for (i, county) in all.counties.into_iter().enumerate() {
        if keep[i] {
            new_index[i] = counties.len() as u32;
            counties.push(county);
        }
    }
    // Old indices are in FIPS order and renumbering keeps that order, so
    // the filtered edges stay sorted with u < v.
    let edges = all
        .edges
        .into_iter()
        .filter(|&(u, v, _)| keep[u as usize] && keep[v as usize])
        .map(|(u, v, n)| (new_index[u as usize], new_index[v as usize], n))
        .collect();
    CountyGraph { counties, edges }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn county(fips: &str) -> County {
        County {
            fips: fips.to_string(),
            name: String::new(),
            state_fips: fips[..2].to_string(),
            state: String::new(),
            lon: 0.0,
            lat: 0.0,
            x_km: 0.0,
            y_km: 0.0,
            area_km2: 1.0,
            centroid_x_km: 0.0,
            centroid_y_km: 0.0,
            outline: vec![vec![[1.0, 2.0], [3.26, 4.0], [1.0, 2.0]]],
        }
    }

    #[test]
    fn contiguous_drops_islands_and_noncontiguous_states() {
        // 0–1 neighbours in Alabama, 2 an Alabama island, 3 in Alaska next to 1.
        let all = CountyGraph {
            counties: vec![county("01001"), county("01003"), county("01005"), county("02013")],
            edges: vec![(0, 1, 2), (1, 3, 1)],
        };
        assert_eq!(all.component_count(), 2);
        let c = contiguous(all);
        let fips: Vec<&str> = c.counties.iter().map(|c| c.fips.as_str()).collect();
        assert_eq!(fips, ["01001", "01003"]);
        assert_eq!(c.edges, vec![(0, 1, 2)]);
        assert!(c.is_connected());
        assert_eq!(c.index_of("01003"), Some(1));
        assert_eq!(c.index_of("01005"), None);
    }

    #[test]
    fn svg_path_has_one_subpath_per_ring() {
        assert_eq!(county("01001").svg_path(), "M1.0,2.0L3.3,4.0L1.0,2.0Z");
    }
}
