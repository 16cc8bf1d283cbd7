//! Albers conic equal-area projection on an ellipsoid, and its EPSG:5070
//! instance (NAD83 / Conus Albers).
//!
//! Formulas are Snyder's (*Map Projections — A Working Manual*, USGS
//! Professional Paper 1395, 1987, pp. 101–102), which is also what PROJ
//! implements for `+proj=aea`. Equal area is the property that matters
//! here: county areas and distances between territory centres are then
//! measured in one planar system in which a square kilometre is a square
//! kilometre everywhere in the lower 48.

/// An Albers equal-area conic projection on an ellipsoid, with no false
/// easting or northing. Build once and reuse: the constructor does the
/// trigonometry that every point shares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Albers {
    /// Semi-major axis in metres.
    a: f64,
    /// First eccentricity squared.
    e2: f64,
    /// First eccentricity.
    e: f64,
    /// Longitude of the central meridian, radians.
    lon0: f64,
    /// Cone constant `n`.
    n: f64,
    /// Snyder's `C`.
    c: f64,
    /// Radius of the parallel of origin, metres.
    rho0: f64,
}

/// GRS80 semi-major axis, metres. NAD83 is defined on GRS80; the
/// difference from WGS84's flattening moves points by well under a
/// millimetre, so this also serves WGS84 longitudes and latitudes.
pub const GRS80_A: f64 = 6_378_137.0;
/// GRS80 inverse flattening.
pub const GRS80_INV_F: f64 = 298.257_222_101;

impl Albers {
    /// A projection for the ellipsoid with semi-major axis `a` (metres) and
    /// eccentricity squared `e2`, origin latitude `lat0`, central meridian
    /// `lon0` and standard parallels `lat1`, `lat2` (degrees).
    pub fn new(a: f64, e2: f64, lat0: f64, lon0: f64, lat1: f64, lat2: f64) -> Albers {
        let e = e2.sqrt();
        let (p0, p1, p2) = (lat0.to_radians(), lat1.to_radians(), lat2.to_radians());
        let m = |phi: f64| phi.cos() / (1.0 - e2 * phi.sin().powi(2)).sqrt();
        let q = |phi: f64| q_of(phi.sin(), e, e2);
        let (m1, m2) = (m(p1), m(p2));
        let (q0, q1, q2) = (q(p0), q(p1), q(p2));
        // Snyder 14-14; with equal standard parallels the cone constant is
        // the limit sin(lat1).
        let n = if (p1 - p2).abs() < 1e-12 { p1.sin() } else { (m1 * m1 - m2 * m2) / (q2 - q1) };
        let c = m1 * m1 + n * q1;
        let rho0 = a * (c - n * q0).max(0.0).sqrt() / n;
        Albers { a, e2, e, lon0: lon0.to_radians(), n, c, rho0 }
    }

    /// EPSG:5070, NAD83 / Conus Albers: GRS80, origin 23°N 96°W, standard
    /// parallels 29.5°N and 45.5°N, no false easting or northing.
    pub fn epsg5070() -> Albers {
        let f = 1.0 / GRS80_INV_F;
        Albers::new(GRS80_A, 2.0 * f - f * f, 23.0, -96.0, 29.5, 45.5)
    }

    /// Projects longitude and latitude (degrees) to `[x, y]` in metres.
    pub fn forward(&self, lon: f64, lat: f64) -> [f64; 2] {
        let q = q_of(lat.to_radians().sin(), self.e, self.e2);
        // Clamped at 0 for points beyond the cone's apex region, which only
        // far outside the projection's domain can reach.
        let rho = self.a * (self.c - self.n * q).max(0.0).sqrt() / self.n;
        // Longitude difference wrapped to [-180°, 180°) as PROJ does, so
        // that the Aleutians east of the antimeridian (lon +179°) land next
        // to the rest of Alaska instead of on the far side of the cone.
        let dlon = wrap_pi(lon.to_radians() - self.lon0);
        let theta = self.n * dlon;
        [rho * theta.sin(), self.rho0 - rho * theta.cos()]
    }

    /// Inverse of [`Albers::forward`]: `[x, y]` in metres to
    /// `[longitude, latitude]` in degrees. Latitude comes from Snyder's
    /// fixed-point iteration (3-16), which converges to 1e-14 rad within a
    /// few steps for any latitude the forward projection produces.
    pub fn inverse(&self, x: f64, y: f64) -> [f64; 2] {
        let dy = self.rho0 - y;
        let rho = x.hypot(dy);
        // Snyder 14-11: for a southern cone (n < 0) the signs flip.
        let theta = if self.n >= 0.0 { x.atan2(dy) } else { (-x).atan2(-dy) };
        let q = (self.c - (rho * self.n / self.a).powi(2)) / self.n;
        let lat = self.latitude_from_q(q);
        let lon = wrap_pi(self.lon0 + theta / self.n);
        [lon.to_degrees(), lat.to_degrees()]
    }

    /// Projects to kilometres, the unit the rest of the crate uses.
    pub fn forward_km(&self, lon: f64, lat: f64) -> [f64; 2] {
        let [x, y] = self.forward(lon, lat);
        [x / 1000.0, y / 1000.0]
    }

    /// Inverse from kilometres.
    pub fn inverse_km(&self, x_km: f64, y_km: f64) -> [f64; 2] {
        self.inverse(x_km * 1000.0, y_km * 1000.0)
    }

    fn latitude_from_q(&self, q: f64) -> f64 {
        let (e, e2) = (self.e, self.e2);
        // q at the poles; beyond it there is no latitude, so clamp.
        let q_pole = q_of(1.0, e, e2);
        if q.abs() >= q_pole {
            return std::f64::consts::FRAC_PI_2.copysign(q);
        }
        if e == 0.0 {
            return (q / 2.0).asin();
        }
        let mut phi = (q / 2.0).clamp(-1.0, 1.0).asin();
        for _ in 0..25 {
            let (s, c) = phi.sin_cos();
            let w = 1.0 - e2 * s * s;
            let step = w * w / (2.0 * c) * (q / (1.0 - e2) - s / w + ((1.0 - e * s) / (1.0 + e * s)).ln() / (2.0 * e));
            phi += step;
            if step.abs() < 1e-14 {
                break;
            }
        }
        phi
    }
}

/// Snyder's `q` (3-12) as a function of sin(latitude).
fn q_of(sin_phi: f64, e: f64, e2: f64) -> f64 {
    if e == 0.0 {
        return 2.0 * sin_phi;
    }
    let es = e * sin_phi;
    (1.0 - e2) * (sin_phi / (1.0 - es * es) - ((1.0 - es) / (1.0 + es)).ln() / (2.0 * e))
}

fn wrap_pi(angle: f64) -> f64 {
    use std::f64::consts::{PI, TAU};
    let a = (angle + PI).rem_euclid(TAU) - PI;
    // rem_euclid can return TAU itself for tiny negative inputs.
    if a >= PI { a - TAU } else { a }
}

/// Longitude and latitude (degrees) to EPSG:5070 `[x, y]` in kilometres.
/// Convenience for one-off points; in a loop build [`Albers::epsg5070`]
/// once.
pub fn lonlat_to_epsg5070_km(lon: f64, lat: f64) -> [f64; 2] {
    Albers::epsg5070().forward_km(lon, lat)
}

/// EPSG:5070 `[x, y]` in kilometres to `[longitude, latitude]` in degrees.
pub fn epsg5070_km_to_lonlat(x_km: f64, y_km: f64) -> [f64; 2] {
    Albers::epsg5070().inverse_km(x_km, y_km)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snyder_worked_example_clarke_1866() {
        // Snyder (1987) p. 292: Clarke 1866, standard parallels 29.5° and
        // 45.5°, origin 23°N 96°W; 35°N 75°W projects to
        // x = 1,885,472.7 m, y = 1,535,925.0 m.
        let p = Albers::new(6_378_206.4, 0.006_768_66, 23.0, -96.0, 29.5, 45.5);
        let [x, y] = p.forward(-75.0, 35.0);
        assert!((x - 1_885_472.7).abs() < 0.1, "x = {x}");
        assert!((y - 1_535_925.0).abs() < 0.1, "y = {y}");
        let [lon, lat] = p.inverse(x, y);
        assert!((lon + 75.0).abs() < 1e-9 && (lat - 35.0).abs() < 1e-9);
    }

    #[test]
    fn origin_maps_to_zero() {
        let [x, y] = Albers::epsg5070().forward(-96.0, 23.0);
        assert!(x.abs() < 1e-6 && y.abs() < 1e-6, "{x} {y}");
    }

    #[test]
    fn wraps_longitude() {
        assert!((wrap_pi(3.0 * std::f64::consts::PI) + std::f64::consts::PI).abs() < 1e-12);
        assert!((wrap_pi(-0.5) + 0.5).abs() < 1e-15);
        let p = Albers::epsg5070();
        let east = p.forward(179.9, 52.0);
        let west = p.forward(-180.1, 52.0);
        assert!((east[0] - west[0]).abs() < 1e-6 && (east[1] - west[1]).abs() < 1e-6);
    }

    #[test]
    fn spherical_case_is_finite() {
        let p = Albers::new(6_371_000.0, 0.0, 23.0, -96.0, 29.5, 45.5);
        let [x, y] = p.forward(-80.0, 40.0);
        let [lon, lat] = p.inverse(x, y);
        assert!((lon + 80.0).abs() < 1e-9 && (lat - 40.0).abs() < 1e-9);
    }
}
