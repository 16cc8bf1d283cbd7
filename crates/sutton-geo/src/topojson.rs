//! A minimal TopoJSON decoder: enough of the specification for polygon
//! topologies such as us-atlas.
//!
//! A topology stores every boundary line once, as an *arc*, and each polygon
//! ring as a list of references to arcs; a negative reference `!i` (that is
//! `-i - 1`) means arc `i` walked backwards. This sharing is what makes
//! adjacency cheap to find (two counties are neighbours when they reference
//! the same arc), so the decoder keeps the references instead of resolving
//! everything to coordinates up front.
//!
//! Supported: `Topology` with an optional quantization `transform` (arcs
//! delta-encoded, positions scaled and translated), `GeometryCollection`,
//! `Polygon` and `MultiPolygon`. Other geometry types (points and lines)
//! are kept as [`Shape::Other`] so their ids survive, but carry no rings.
//! Positions with more than two coordinates keep only the first two.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, SeqAccess, Visitor};

/// A decoded position, `[x, y]` (longitude and latitude in an unprojected
/// topology).
pub type Point = [f64; 2];
/// A closed ring: the first point is repeated at the end.
pub type Ring = Vec<Point>;
/// A polygon: its exterior ring first, then its holes.
pub type Polygon = Vec<Ring>;

/// Why a text could not be decoded as a TopoJSON topology.
#[derive(Debug)]
pub enum Error {
    /// The text is not JSON of the expected shape.
    Json(serde_json::Error),
    /// The JSON is well formed but breaks a rule of TopoJSON.
    Invalid(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json(e) => write!(f, "TopoJSON is not valid JSON of the expected shape: {e}"),
            Error::Invalid(msg) => write!(f, "invalid TopoJSON: {msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Json(e) => Some(e),
            Error::Invalid(_) => None,
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// A decoded topology: absolute arc coordinates and the named objects.
#[derive(Debug, Clone)]
pub struct Topology {
    /// Every arc as absolute positions (quantization already undone).
    pub arcs: Vec<Vec<Point>>,
    /// Each named object flattened to its list of geometries; a single
    /// geometry that is not a collection becomes a list of one.
    pub objects: BTreeMap<String, Vec<Geometry>>,
}

/// One geometry of an object, with its arc references still unresolved.
#[derive(Debug, Clone)]
pub struct Geometry {
    /// The `id` member, as text (numbers are written in decimal).
    pub id: Option<String>,
    /// The `properties` member (empty when absent).
    pub properties: serde_json::Map<String, serde_json::Value>,
    /// The shape, as arc references.
    pub shape: Shape,
}

/// Arc references of a ring: `i` is arc `i`, `!i` is arc `i` reversed.
pub type ArcRing = Vec<i32>;

/// The shape of a geometry, as arc references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Rings of one polygon, exterior first.
    Polygon(Vec<ArcRing>),
    /// Polygons, each a list of rings with the exterior first.
    MultiPolygon(Vec<Vec<ArcRing>>),
    /// A point, line or null geometry: no area, so no rings.
    Other,
}

impl Geometry {
    /// The `name` property, when it is a string.
    pub fn name(&self) -> Option<&str> {
        self.properties.get("name").and_then(|v| v.as_str())
    }

    /// The rings of the shape grouped by polygon, as arc references.
    pub fn polygons(&self) -> Vec<&[ArcRing]> {
        match &self.shape {
            Shape::Polygon(rings) => vec![rings.as_slice()],
            Shape::MultiPolygon(polys) => polys.iter().map(Vec::as_slice).collect(),
            Shape::Other => Vec::new(),
        }
    }

    /// Every arc index the shape references, with direction dropped and in
    /// order of appearance (an arc may repeat).
    pub fn arc_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.polygons().into_iter().flat_map(|rings| rings.iter()).flat_map(|ring| ring.iter()).map(|&r| arc_index(r))
    }
}

/// The arc that a reference points at, whichever direction it walks it in.
pub fn arc_index(reference: i32) -> usize {
    // `!r` turns the reversed reference -i-1 back into i without overflow.
    if reference >= 0 { reference as usize } else { (!reference) as usize }
}

impl Topology {
    /// Decodes a TopoJSON text.
    pub fn parse(text: &str) -> Result<Topology, Error> {
        let raw: RawTopology = serde_json::from_str(text)?;
        if raw.kind != "Topology" {
            return Err(Error::Invalid(format!("top-level type is {:?}, not \"Topology\"", raw.kind)));
        }
        let arcs = decode_arcs(raw.arcs, raw.transform.as_ref());
        let mut objects = BTreeMap::new();
        for (name, object) in raw.objects {
            let mut geometries = Vec::new();
            flatten(object, &mut geometries)?;
            for g in &geometries {
                for i in g.arc_indices() {
                    if i >= arcs.len() {
                        return Err(Error::Invalid(format!(
                            "object {name:?} references arc {i} but there are only {}",
                            arcs.len()
                        )));
                    }
                }
            }
            objects.insert(name, geometries);
        }
        Ok(Topology { arcs, objects })
    }

    /// The geometries of a named object, if present.
    pub fn object(&self, name: &str) -> Option<&[Geometry]> {
        self.objects.get(name).map(Vec::as_slice)
    }

    /// A copy with every position mapped through `f`, e.g. a map
    /// projection. Projecting arcs rather than rings projects each shared
    /// boundary point once and keeps neighbours' boundaries identical.
    pub fn map_points(&self, mut f: impl FnMut(Point) -> Point) -> Topology {
        Topology {
            arcs: self.arcs.iter().map(|arc| arc.iter().map(|&p| f(p)).collect()).collect(),
            objects: self.objects.clone(),
        }
    }

    /// Resolves a ring's arc references to positions. Consecutive arcs
    /// share their joining point, which is kept once, so a ring built from
    /// closed arcs comes out closed.
    ///
    /// # Panics
    /// Never for geometries of this topology: [`Topology::parse`] has
    /// checked every reference. A ring from elsewhere with an out-of-range
    /// reference panics with the index.
    pub fn ring(&self, refs: &[i32]) -> Ring {
        let mut out: Ring = Vec::new();
        for &r in refs {
            let arc = &self.arcs[arc_index(r)];
            let skip = usize::from(!out.is_empty());
            if r >= 0 {
                out.extend(arc.iter().skip(skip));
            } else {
                out.extend(arc.iter().rev().skip(skip));
            }
        }
        out
    }

    /// Resolves a geometry to polygons of positions.
    pub fn resolve(&self, geometry: &Geometry) -> Vec<Polygon> {
        geometry.polygons().into_iter().map(|rings| rings.iter().map(|r| self.ring(r)).collect()).collect()
    }
}

fn decode_arcs(raw: Vec<Vec<RawPosition>>, transform: Option<&RawTransform>) -> Vec<Vec<Point>> {
    raw.into_iter()
        .map(|arc| match transform {
            // Quantized: each position after the first is a delta from the
            // previous one, in integer grid units. Summing in f64 is exact
            // for grid coordinates (integers far below 2^53).
            Some(t) => {
                let (mut qx, mut qy) = (0.0, 0.0);
                arc.into_iter()
                    .map(|RawPosition([dx, dy])| {
                        qx += dx;
                        qy += dy;
                        [qx * t.scale[0] + t.translate[0], qy * t.scale[1] + t.translate[1]]
                    })
                    .collect()
            }
            None => arc.into_iter().map(|RawPosition(p)| p).collect(),
        })
        .collect()
}

fn flatten(raw: RawGeometry, out: &mut Vec<Geometry>) -> Result<(), Error> {
    let id = match raw.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(Error::Invalid(format!("geometry id must be a string or a number, found {other}")));
        }
    };
    let properties = raw.properties.unwrap_or_default();
    let missing = |kind: &str| Error::Invalid(format!("{kind} without \"arcs\""));
    let shape = match raw.kind.as_deref().unwrap_or_default() {
        "GeometryCollection" => {
            for g in raw.geometries.unwrap_or_default() {
                flatten(g, out)?;
            }
            return Ok(());
        }
        "Polygon" => {
            let arcs = raw.arcs.ok_or_else(|| missing("Polygon"))?;
            Shape::Polygon(serde_json::from_value(arcs)?)
        }
        "MultiPolygon" => {
            let arcs = raw.arcs.ok_or_else(|| missing("MultiPolygon"))?;
            Shape::MultiPolygon(serde_json::from_value(arcs)?)
        }
        _ => Shape::Other,
    };
    out.push(Geometry { id, properties, shape });
    Ok(())
}

#[derive(Deserialize)]
struct RawTopology {
    #[serde(rename = "type")]
    kind: String,
    transform: Option<RawTransform>,
    objects: BTreeMap<String, RawGeometry>,
    arcs: Vec<Vec<RawPosition>>,
}

#[derive(Deserialize)]
struct RawTransform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct RawGeometry {
    // `null` for a geometry without shape, which the specification allows.
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<serde_json::Value>,
    properties: Option<serde_json::Map<String, serde_json::Value>>,
    // Kept as a JSON value until the type is known: its nesting depth
    // depends on the geometry type, and the per-geometry lists are small.
    arcs: Option<serde_json::Value>,
    geometries: Option<Vec<RawGeometry>>,
}

/// A position read as its first two numbers; any further ones (elevation)
/// are skipped. Hand-written because `[f64; 2]` would reject them, and a
/// `Vec<f64>` per position would allocate for each of ~100k points.
struct RawPosition([f64; 2]);

impl<'de> Deserialize<'de> for RawPosition {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionVisitor;
        impl<'de> Visitor<'de> for PositionVisitor {
            type Value = RawPosition;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a position: an array of at least two numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawPosition, A::Error> {
                let x = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let y = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(1, &self))?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(RawPosition([x, y]))
            }
        }
        deserializer.deserialize_seq(PositionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two unit squares side by side sharing the arc x = 1, quantized on a
    // grid of 0.5 with the origin moved to (10, 20).
    const TWO_SQUARES: &str = r#"{
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "objects": {"squares": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "a", "properties": {"name": "A"}, "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "id": 7, "arcs": [[[-1, 2]]]},
            {"type": "Point", "coordinates": [0, 0]},
            {"type": null}
        ]}},
        "arcs": [
            [[2, 0], [0, 2]],
            [[2, 2], [-2, 0], [0, -2], [2, 0]],
            [[2, 0], [2, 0], [0, 2], [-2, 0]]
        ]
    }"#;

    #[test]
    fn decodes_quantized_delta_arcs() {
        let t = Topology::parse(TWO_SQUARES).unwrap();
        assert_eq!(t.arcs[0], vec![[11.0, 20.0], [11.0, 21.0]]);
        assert_eq!(t.arcs[1], vec![[11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0]]);
    }

    #[test]
    fn stitches_rings_and_reverses_negative_references() {
        let t = Topology::parse(TWO_SQUARES).unwrap();
        let g = t.object("squares").unwrap();
        assert_eq!(g.len(), 4);
        assert_eq!(g[0].id.as_deref(), Some("a"));
        assert_eq!(g[0].name(), Some("A"));
        assert_eq!(g[1].id.as_deref(), Some("7"));
        assert_eq!(g[2].shape, Shape::Other);
        let left = t.resolve(&g[0]);
        assert_eq!(left, vec![vec![vec![[11.0, 20.0], [11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0]]]]);
        let right = t.resolve(&g[1]);
        assert_eq!(right[0][0], vec![[11.0, 21.0], [11.0, 20.0], [12.0, 20.0], [12.0, 21.0], [11.0, 21.0]]);
        assert_eq!(g[0].arc_indices().collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(g[1].arc_indices().collect::<Vec<_>>(), vec![0, 2]);
    }

    #[test]
    fn untransformed_positions_are_absolute_and_extra_coordinates_dropped() {
        let text = r#"{"type":"Topology","objects":{"o":{"type":"Polygon","arcs":[[0]]}},
            "arcs":[[[0.5,0.5,9],[1.5,0.5,9],[1.5,1.5,9],[0.5,0.5,9]]]}"#;
        let t = Topology::parse(text).unwrap();
        assert_eq!(t.arcs[0][1], [1.5, 0.5]);
        assert_eq!(t.object("o").unwrap().len(), 1);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(matches!(Topology::parse("[]"), Err(Error::Json(_))));
        let not_topology = r#"{"type":"FeatureCollection","objects":{},"arcs":[]}"#;
        assert!(matches!(Topology::parse(not_topology), Err(Error::Invalid(_))));
        let dangling = r#"{"type":"Topology","objects":{"o":{"type":"Polygon","arcs":[[-3]]}},"arcs":[]}"#;
        let err = Topology::parse(dangling).unwrap_err();
        assert!(err.to_string().contains("arc 2"), "{err}");
        let short = r#"{"type":"Topology","objects":{},"arcs":[[[1]]]}"#;
        assert!(Topology::parse(short).is_err());
    }
}
