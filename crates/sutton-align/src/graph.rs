//! The adjacency graph in compressed form, its connected parts, and adjacency derived from unit
//! locations when none is given.

/// Adjacency lists in one array (compressed sparse rows): ids are indices, neighbours of `u` are
/// `adj[start[u]..start[u + 1]]`, sorted and without duplicates or self-loops.
#[derive(Debug, Clone)]
pub(crate) struct Graph {
    start: Vec<u32>,
    adj: Vec<u32>,
}

impl Graph {
    pub(crate) fn from_edges(n: usize, edges: &[[usize; 2]]) -> Graph {
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); n];
        for &[u, v] in edges {
            if u != v && u < n && v < n {
                lists[u].push(v as u32);
                lists[v].push(u as u32);
            }
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut adj = Vec::new();
        start.push(0);
        for list in &mut lists {
            list.sort_unstable();
            list.dedup();
            adj.extend_from_slice(list);
            start.push(adj.len() as u32);
        }
        Graph { start, adj }
    }

    pub(crate) fn len(&self) -> usize {
        self.start.len() - 1
    }

    pub(crate) fn adjacent(&self, u: usize, v: u32) -> bool {
        self.neighbours(u).binary_search(&v).is_ok()
    }

    pub(crate) fn neighbours(&self, u: usize) -> &[u32] {
        &self.adj[self.start[u] as usize..self.start[u + 1] as usize]
    }

    /// The connected part of every unit (numbered from 0 in order of their lowest unit) and how
    /// many parts there are.
    pub(crate) fn components(&self) -> (Vec<u32>, usize) {
        let n = self.len();
        let mut part = vec![u32::MAX; n];
        let mut count = 0;
        let mut stack = Vec::new();
        for root in 0..n {
            if part[root] != u32::MAX {
                continue;
            }
            part[root] = count as u32;
            stack.push(root as u32);
            while let Some(u) = stack.pop() {
                for &v in self.neighbours(u as usize) {
                    if part[v as usize] == u32::MAX {
                        part[v as usize] = count as u32;
                        stack.push(v);
                    }
                }
            }
            count += 1;
        }
        (part, count)
    }
}

pub(crate) fn distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    // Plain square root rather than `hypot`: coordinates are kilometres, far from overflow, and
    // this is the innermost operation of the search.
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    (dx * dx + dy * dy).sqrt()
}

/// Edges between units from a Delaunay triangulation of their locations, with over-long edges
/// cut. An edge is cut when it is longer than `max_edge_km` (default: ten times the median edge
/// length), except that edges of the Euclidean minimum spanning tree are always kept: cutting
/// them would split the units into parts that no territory could bridge. Units at the same
/// location are linked to each other.
pub fn delaunay_edges(points: &[[f64; 2]], max_edge_km: Option<f64>) -> Vec<[usize; 2]> {
    let n = points.len();
    if n < 2 {
        return Vec::new();
    }
    // One representative per distinct location; the others are linked to it.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        points[a][0].total_cmp(&points[b][0]).then(points[a][1].total_cmp(&points[b][1])).then(a.cmp(&b))
    });
    let mut edges: Vec<[usize; 2]> = Vec::new();
    let mut distinct: Vec<usize> = Vec::with_capacity(n);
    for &i in &order {
        match distinct.last() {
            Some(&rep) if points[rep] == points[i] => edges.push([rep, i]),
            _ => distinct.push(i),
        }
    }
    let coincident = edges.len();
    let pts: Vec<delaunator::Point> =
        distinct.iter().map(|&i| delaunator::Point { x: points[i][0], y: points[i][1] }).collect();
    let triangulation = delaunator::triangulate(&pts);
    let mut candidate: Vec<[usize; 2]> = Vec::new();
    if triangulation.triangles.is_empty() {
        // All points on one line (or fewer than three distinct): link them in order along it.
        let mut line: Vec<usize> = (0..distinct.len()).collect();
        line.sort_by(|&a, &b| pts[a].x.total_cmp(&pts[b].x).then(pts[a].y.total_cmp(&pts[b].y)));
        for pair in line.windows(2) {
            candidate.push([pair[0], pair[1]]);
        }
    } else {
        for tri in triangulation.triangles.chunks_exact(3) {
            for (a, b) in [(tri[0], tri[1]), (tri[1], tri[2]), (tri[2], tri[0])] {
                candidate.push([a.min(b), a.max(b)]);
            }
        }
        candidate.sort_unstable();
        candidate.dedup();
    }
    let length = |e: &[usize; 2]| distance(points[distinct[e[0]]], points[distinct[e[1]]]);
    candidate.sort_by(|a, b| length(a).total_cmp(&length(b)).then(a.cmp(b)));
    let limit = max_edge_km.unwrap_or_else(|| {
        if candidate.is_empty() { f64::INFINITY } else { 10.0 * length(&candidate[candidate.len() / 2]) }
    });
    // Kruskal over the sorted edges: tree edges are kept whatever their length.
    let mut parent: Vec<usize> = (0..distinct.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for e in &candidate {
        let (ra, rb) = (find(&mut parent, e[0]), find(&mut parent, e[1]));
        let in_tree = ra != rb;
        if in_tree {
            parent[ra] = rb;
        }
        if in_tree || length(e) <= limit {
            edges.push([distinct[e[0]], distinct[e[1]]]);
        }
    }
    edges[coincident..].sort_unstable();
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_with_centre_is_triangulated_and_connected() {
        let points = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [5.0, 5.0]];
        let edges = delaunay_edges(&points, None);
        let graph = Graph::from_edges(points.len(), &edges);
        assert_eq!(graph.components().1, 1);
        assert_eq!(graph.neighbours(4).len(), 4);
    }

    #[test]
    fn collinear_and_coincident_points_stay_connected() {
        let points = [[0.0, 0.0], [2.0, 0.0], [1.0, 0.0], [1.0, 0.0], [3.0, 0.0]];
        let graph = Graph::from_edges(points.len(), &delaunay_edges(&points, Some(0.5)));
        assert_eq!(graph.components().1, 1);
    }

    #[test]
    fn long_edges_are_cut_but_never_the_spanning_tree() {
        // Two tight clusters far apart: the long edges between them go, except one.
        let mut points = Vec::new();
        for i in 0..4 {
            points.push([f64::from(i % 2), f64::from(i / 2)]);
            points.push([100.0 + f64::from(i % 2), f64::from(i / 2)]);
        }
        let edges = delaunay_edges(&points, Some(5.0));
        let long = edges.iter().filter(|e| distance(points[e[0]], points[e[1]]) > 5.0).count();
        assert_eq!(long, 1);
        assert_eq!(Graph::from_edges(points.len(), &edges).components().1, 1);
    }
}
