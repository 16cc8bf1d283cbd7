//! Places: coordinates, locations of accounts and homes, geographic units and their adjacency.

use serde::{Deserialize, Serialize};

use crate::choice::choice;
use crate::error::{DomainError, Result, check_text, optional_text};
use crate::id::GeoUnitId;

/// A WGS 84 position in degrees. Not money: floats are right here.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawLatLon")]
pub struct LatLon {
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct RawLatLon {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawLatLon> for LatLon {
    type Error = DomainError;
    fn try_from(raw: RawLatLon) -> Result<LatLon> {
        LatLon::new(raw.lat, raw.lon)
    }
}

impl LatLon {
    pub fn new(lat: f64, lon: f64) -> Result<LatLon> {
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(DomainError::InvalidCoordinates { lat: lat.to_string(), lon: lon.to_string() });
        }
        Ok(LatLon { lat, lon })
    }

    pub fn lat(&self) -> f64 {
        self.lat
    }

    pub fn lon(&self) -> f64 {
        self.lon
    }

    /// Great-circle distance in km (haversine on a sphere of radius 6,371 km): good to about
    /// 0.5 %, which is far finer than travel-time estimates need.
    pub fn distance_km(&self, other: &LatLon) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.sqrt().asin()
    }
}

/// Where an account, or a person's home base, is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Location {
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// State, province or county name as the source wrote it.
    pub region: Option<String>,
    pub coordinates: Option<LatLon>,
    /// The geographic unit (county, ZIP area…) the location falls in, once resolved.
    pub geo_unit: Option<GeoUnitId>,
}

impl Location {
    /// Validates a country code and normalises it to upper case.
    pub fn parse_country(text: &str) -> Result<Option<String>> {
        let Some(code) = optional_text("country", text, 2)? else { return Ok(None) };
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(DomainError::InvalidChoice {
                field: "country",
                value: text.to_owned(),
                expected: "a two-letter ISO 3166 code such as US, NO, DK or CN".to_owned(),
            });
        }
        Ok(Some(code.to_ascii_uppercase()))
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(country) = &self.country {
            Location::parse_country(country)?;
        }
        Ok(())
    }
}

choice! {
    /// What a geographic unit is.
    pub enum GeoUnitKind ("geographic unit kind") {
        County = "county",
        PostalCode = "postal_code" | "zip" | "zip_code",
        /// Any imported area with a location (a brick, a trading area…).
        Custom = "custom",
    }
}

/// A building block of territories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoUnit {
    pub id: GeoUnitId,
    pub kind: GeoUnitKind,
    /// The unit's code in its own scheme: 5-digit FIPS for US counties, the ZIP code…
    pub code: String,
    pub name: String,
    /// The larger area it belongs to (the state's postal abbreviation for US units).
    pub region: Option<String>,
    pub centroid: Option<LatLon>,
    pub area_km2: Option<f64>,
}

impl GeoUnit {
    pub fn validate(&self) -> Result<()> {
        check_text("geographic unit code", &self.code, 64)?;
        check_text("geographic unit name", &self.name, 200)?;
        if let Some(area) = self.area_km2
            && !(area >= 0.0 && area.is_finite())
        {
            return Err(DomainError::Negative { field: "area_km2", value: area.to_string() });
        }
        Ok(())
    }
}

/// Two units that border each other. Stored once, with `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawGeoEdge")]
pub struct GeoEdge {
    a: GeoUnitId,
    b: GeoUnitId,
}

#[derive(Deserialize)]
struct RawGeoEdge {
    a: GeoUnitId,
    b: GeoUnitId,
}

impl TryFrom<RawGeoEdge> for GeoEdge {
    type Error = DomainError;
    fn try_from(raw: RawGeoEdge) -> Result<GeoEdge> {
        GeoEdge::new(raw.a, raw.b)
    }
}

impl GeoEdge {
    pub fn new(x: GeoUnitId, y: GeoUnitId) -> Result<GeoEdge> {
        if x == y {
            return Err(DomainError::Inconsistent {
                what: "adjacency",
                detail: format!("unit {x} cannot border itself"),
            });
        }
        Ok(if x < y { GeoEdge { a: x, b: y } } else { GeoEdge { a: y, b: x } })
    }

    pub fn a(&self) -> GeoUnitId {
        self.a
    }

    pub fn b(&self) -> GeoUnitId {
        self.b
    }
}
