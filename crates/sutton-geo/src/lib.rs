//! # sutton-geo: the map under Sutton's territories
//!
//! Territory design assigns small geographic units to sales
//! representatives so that territories are contiguous, compact and
//! balanced. This crate supplies the units for the United States — counties
//! and ZIP codes — with everything the optimiser and the maps need: which
//! units touch, where each one is on a plane in which distances and areas
//! are honest, how big it is, and an outline to draw. Everything is
//! embedded in the binary and computed on demand: no files are read at run
//! time and nothing goes over the network.
//!
//! ## Data
//!
//! - **Counties**: `counties-10m.json` and `counties-albers-10m.json` from
//!   the npm package us-atlas 3.0.1 (ISC licence, Mike Bostock), which
//!   repackages the Census Bureau's 2017 cartographic boundary files
//!   (public domain) as TopoJSON simplified for 1:10m maps. The first, in
//!   longitude and latitude, is the source of every measure; the second is
//!   pre-projected to a 975×610 map with Alaska and Hawaii as insets and is
//!   used only for [`County::outline`].
//! - **ZIP codes**: `zipcodes.csv` from the npm package vega-datasets
//!   3.2.1, a 2017 snapshot of GeoNames' postal codes (CC BY 4.0: credit
//!   GeoNames wherever ZIP data is shown or redistributed). It was chosen
//!   over the `zipcodes` crate because it is a plain, attributable data
//!   file, it is what the shared territory benchmark used, and the crate
//!   would add a bzip2 dependency that decompresses ~700 kB at first use
//!   (1.4 s unoptimised) for data whose base layer comes from a commercial
//!   site with unclear terms.
//!
//! `data/README.md` at the workspace root records sources, licences and
//! checksums.
//!
//! ## Decisions
//!
//! - **Own TopoJSON decoder** ([`topojson`]): the subset needed here
//!   (quantized, delta-encoded arcs; polygons and multipolygons as arc
//!   references) is a few hundred lines on top of `serde_json`, and
//!   keeping arc references is what gives adjacency for free.
//! - **Adjacency** = two counties whose outlines reference the same arc,
//!   with the number of shared arcs as the edge weight. Arcs are shared
//!   only where boundaries coincide in the topology, so counties meeting
//!   across water (islands, bays) are not neighbours. A zero-length arc at
//!   a corner can be shared by three or four counties; every pair of them
//!   is then linked, as diagonal neighbours at a quadripoint.
//! - **Projection**: EPSG:5070 (NAD83 / Conus Albers: GRS80 ellipsoid,
//!   origin 23°N 96°W, standard parallels 29.5°N and 45.5°N), implemented
//!   from Snyder's formulas in [`projection`]. It is equal-area, so areas
//!   are true, and its distance distortion over the lower 48 is about 1 %,
//!   so planar distances in km are good enough to compare travel.
//! - **A county's point** (`x_km`, `y_km`, `lon`, `lat`) is an *interior
//!   point*, computed on the projected outline with the rule of GEOS's
//!   `InteriorPointArea` (shapely's `representative_point`, PostGIS's
//!   `ST_PointOnSurface`): the middle of the widest horizontal section at
//!   mid-height. The shared benchmark's coordinates turned out to be
//!   exactly this (they match to 10⁻⁵ km, the precision of its CSV, while
//!   the area centroid is off by a median 3.4 km and up to 78 km, for
//!   Monroe County, Florida: Everglades plus Keys). It is also the better
//!   label and distance anchor: always inside the county.
//!   The area-weighted centroid is kept too (`centroid_x_km`,
//!   `centroid_y_km`). `lon`/`lat` are the point projected back, so the
//!   planar and geographic coordinates describe the same place.
//! - **Area** is the shoelace area of the projected outline, holes
//!   subtracted. Rings that enclose nothing — simplification artefacts such
//!   as a one-point hole in Manassas, Virginia — are ignored for area and
//!   point (but their arcs still count for adjacency, as in the benchmark).
//! - **[`Scope::Contiguous`]** keeps the 48 contiguous states and DC and
//!   drops what cannot be part of a drivable, connected territory map:
//!   counties that share no arc with another (Nantucket, Massachusetts and
//!   San Juan, Washington — islands) and Falls Church, Virginia, which the
//!   1:10m simplification collapsed to a line of zero area. The result is
//!   one connected graph of 3,105 counties and 8,708 edges, identical to
//!   the shared benchmark `counties-units.csv` / `counties-edges.csv`.
//! - **ZIP → county** is a join on (state, county name), with the name
//!   rules described in [`zips`]; 99.98 % of ZIPs join.
//!
//! ## Cost
//!
//! [`us_counties`] decodes ~1.6 MB of JSON and projects ~47,000 arc points:
//! about 0.11 s in a debug build with optimised dependencies (as this
//! workspace's profile sets; the crate's own code, serde impls included,
//! stays unoptimised) and 0.045 s in release, on a 2-core machine.
//! [`zip_codes`] parses 42,049 CSV rows and decodes counties-10m.json for
//! the join: about 0.2 s debug, 0.06 s release. Call them once and keep
//! the result. The data adds ~3.7 MB to a binary that uses both.

pub mod counties;
pub mod planar;
pub mod projection;
pub mod states;
pub mod topojson;
pub mod zips;

pub use counties::{County, CountyGraph, MAP_SIZE, Scope, us_counties};
pub use projection::{Albers, epsg5070_km_to_lonlat, lonlat_to_epsg5070_km};
pub use states::{STATES, State, StateKind, state_by_abbr, state_by_fips, state_by_name};
pub use zips::{JoinReport, ZipCode, ZipCodes, zip_codes};
