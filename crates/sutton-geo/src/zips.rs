//! US ZIP codes with their coordinates, joined to us-atlas counties.
//!
//! Source: `data/zipcodes.csv` of the npm package vega-datasets 3.2.1, a
//! 2017 snapshot of GeoNames' US postal codes (CC BY 4.0): 42,049 ZIPs with
//! latitude, longitude, city, state and county *name*. The county FIPS code
//! is found by joining on (state, county name), which needs care because
//! the two sources spell names differently:
//!
//! - diacritics and punctuation: "Dona Ana" / "Doña Ana", "Saint Louis" /
//!   "St. Louis", "Prince Georges" / "Prince George's";
//! - spacing: "Du Page" / "DuPage", "De Witt" / "DeWitt", "La Salle" /
//!   "LaSalle" — names are compared with spaces removed;
//! - kind words: "… County", "… Parish", "… Borough", "… Census Area" are
//!   dropped;
//! - independent cities: GeoNames writes "Richmond City" where us-atlas
//!   has two "Richmond"s in Virginia, the county (51159) and the city
//!   (51760). A trailing "City" that is not part of the name selects the
//!   county equivalent with a county code of 500 or more, which is how FIPS
//!   numbers independent cities (Virginia's, Baltimore, St. Louis, Carson
//!   City). Without it, a name shared by both means the county.
//! - changes between the snapshot and us-atlas' 2017 boundaries: a short
//!   table ([`ALIASES`]) of renamed, merged and split counties. Where one
//!   old county became several, the ZIP goes to the one whose outline
//!   contains its point (or the nearest, for points off the simplified
//!   coast).
//!
//! What is left unjoined are the 7 ZIPs of the freely associated states
//! (Micronesia, Marshall Islands, Palau), which have no counties.

use std::collections::{BTreeMap, HashMap};

use crate::counties::{CountyShape, county_shapes};
use crate::planar;
use crate::projection::{Albers, lonlat_to_epsg5070_km};
use crate::states::state_by_abbr;

const ZIPCODES_CSV: &str = include_str!("../../../data/vega-datasets/zipcodes.csv");
const HEADER: &str = "zip_code,latitude,longitude,city,state,county";

/// Counties in the ZIP data whose name does not match us-atlas, with the
/// counties they correspond to: (state, name as in the ZIP data, FIPS
/// codes, why).
pub const ALIASES: &[(&str, &str, &[&str], &str)] = &[
    ("AK", "Wade Hampton", &["02158"], "renamed Kusilvak Census Area in 2015"),
    ("AK", "Prince Wales Ketchikan", &["02198"], "Prince of Wales-Outer Ketchikan, now Prince of Wales-Hyder"),
    ("AK", "Skagway Hoonah Angoon", &["02230", "02105"], "split in 2007 into Skagway and Hoonah-Angoon"),
    ("AK", "Wrangell Petersburg", &["02275", "02195"], "split in 2008 into Wrangell and Petersburg"),
    ("SD", "Shannon", &["46102"], "renamed Oglala Lakota County in 2015"),
    ("VA", "Clifton Forge City", &["51005"], "became a town in Alleghany County in 2001"),
    ("AS", "American Samoa", &["60010", "60020", "60050"], "whole territory given; us-atlas has its districts"),
    (
        "MP",
        "Northern Mariana Islands",
        &["69085", "69100", "69110", "69120"],
        "whole territory given; us-atlas has its municipalities",
    ),
];

/// One ZIP code.
#[derive(Debug, Clone, PartialEq)]
pub struct ZipCode {
    /// Five digits, leading zeros kept, e.g. `"02134"`.
    pub zip: String,
    /// Latitude of the ZIP's centre point (WGS84).
    pub lat: f64,
    /// Longitude of the ZIP's centre point (WGS84).
    pub lon: f64,
    /// USPS state abbreviation, e.g. `"NY"`; includes `"FM"`, `"MH"`,
    /// `"PW"` for the freely associated states.
    pub state: String,
    /// Place name.
    pub city: String,
    /// County name as the ZIP source writes it, e.g. `"Saint Louis City"`.
    pub county: String,
    /// FIPS code of the us-atlas county, when the join found one.
    pub county_fips: Option<String>,
}

impl ZipCode {
    /// The ZIP's point in EPSG:5070, km.
    pub fn xy_km(&self) -> [f64; 2] {
        lonlat_to_epsg5070_km(self.lon, self.lat)
    }
}

/// How well the ZIPs joined to counties.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JoinReport {
    /// ZIP codes in the data.
    pub total: usize,
    /// ZIP codes with a county FIPS code.
    pub joined: usize,
    /// Of `joined`, those that needed the [`ALIASES`] table.
    pub via_alias: usize,
    /// (state, county name as in the ZIP data) → ZIPs left unjoined.
    pub unjoined: BTreeMap<(String, String), usize>,
}

impl JoinReport {
    /// Share of ZIPs joined, 0 to 1.
    pub fn rate(&self) -> f64 {
        if self.total == 0 { 0.0 } else { self.joined as f64 / self.total as f64 }
    }
}

/// All ZIP codes, sorted, with lookup by code.
#[derive(Debug, Clone)]
pub struct ZipCodes {
    codes: Vec<ZipCode>,
    by_zip: HashMap<String, usize>,
    report: JoinReport,
}

impl ZipCodes {
    /// The ZIP code `zip` (five digits; a ZIP+4 such as `"10001-2345"` is
    /// looked up by its first five).
    pub fn get(&self, zip: &str) -> Option<&ZipCode> {
        let five = zip.get(..5).filter(|_| zip.len() == 5 || zip.as_bytes()[5] == b'-')?;
        self.by_zip.get(five).map(|&i| &self.codes[i])
    }

    /// All ZIP codes, sorted by code.
    pub fn as_slice(&self) -> &[ZipCode] {
        &self.codes
    }

    /// Iterates over all ZIP codes in order.
    pub fn iter(&self) -> std::slice::Iter<'_, ZipCode> {
        self.codes.iter()
    }

    /// Number of ZIP codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are none (never, for the embedded data).
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The outcome of the county join.
    pub fn join_report(&self) -> &JoinReport {
        &self.report
    }
}

impl<'a> IntoIterator for &'a ZipCodes {
    type Item = &'a ZipCode;
    type IntoIter = std::slice::Iter<'a, ZipCode>;
    fn into_iter(self) -> Self::IntoIter {
        self.codes.iter()
    }
}

/// Parses the embedded ZIP data and joins it to counties. Like
/// [`crate::us_counties`], this decodes the embedded files on each call.
pub fn zip_codes() -> ZipCodes {
    let mut lines = ZIPCODES_CSV.lines();
    assert_eq!(lines.next(), Some(HEADER), "embedded data/vega-datasets/zipcodes.csv has the expected header");
    let index = CountyIndex::new(county_shapes());
    let mut report = JoinReport::default();
    let mut codes: Vec<ZipCode> = lines
        .enumerate()
        .map(|(i, line)| {
            // The file has no quoting and no commas inside fields (checked
            // when it was added; the field count is checked here).
            let f: Vec<&str> = line.split(',').collect();
            let [zip, lat, lon, city, state, county] = f[..] else {
                panic!("embedded zipcodes.csv line {} has 6 fields: {line:?}", i + 2);
            };
            let number = |s: &str| -> f64 {
                s.parse().unwrap_or_else(|_| panic!("embedded zipcodes.csv line {} has numbers", i + 2))
            };
            let (lat, lon) = (number(lat), number(lon));
            let joined = index.resolve(state, county, lon, lat);
            report.total += 1;
            match &joined {
                Some((_, alias)) => {
                    report.joined += 1;
                    report.via_alias += usize::from(*alias);
                }
                None => {
                    *report.unjoined.entry((state.to_string(), county.to_string())).or_default() += 1;
                }
            }
            ZipCode {
                zip: zip.to_string(),
                lat,
                lon,
                state: state.to_string(),
                city: city.to_string(),
                county: county.to_string(),
                county_fips: joined.map(|(fips, _)| fips),
            }
        })
        .collect();
    codes.sort_by(|a, b| a.zip.cmp(&b.zip));
    let by_zip = codes.iter().enumerate().map(|(i, z)| (z.zip.clone(), i)).collect();
    ZipCodes { codes, by_zip, report }
}

/// us-atlas counties indexed by (state abbreviation, name key).
struct CountyIndex {
    shapes: Vec<CountyShape>,
    by_key: HashMap<(&'static str, String), Vec<usize>>,
    aliases: HashMap<(&'static str, String), Vec<usize>>,
}

impl CountyIndex {
    fn new(shapes: Vec<CountyShape>) -> CountyIndex {
        let mut by_key: HashMap<(&'static str, String), Vec<usize>> = HashMap::new();
        for (i, s) in shapes.iter().enumerate() {
            if let Some(st) = crate::states::state_by_fips(&s.fips[..2]) {
                by_key.entry((st.abbr, name_key(&s.name).concat())).or_default().push(i);
            }
        }
        let position = |fips: &str| {
            shapes
                .binary_search_by(|s| s.fips.as_str().cmp(fips))
                .expect("every alias target is a county in the embedded us-atlas data")
        };
        let aliases = ALIASES
            .iter()
            .map(|&(state, name, fips, _)| {
                let st = state_by_abbr(state).expect("alias states are in the table");
                let targets = fips.iter().map(|f| position(f)).collect();
                ((st.abbr, name_key(name).concat()), targets)
            })
            .collect();
        CountyIndex { shapes, by_key, aliases }
    }

    /// The FIPS code for a county name in a state, and whether the alias
    /// table was needed.
    fn resolve(&self, state: &str, county: &str, lon: f64, lat: f64) -> Option<(String, bool)> {
        let st = state_by_abbr(state)?.abbr;
        let tokens = name_key(county);
        let fips = |i: usize| self.shapes[i].fips.clone();
        let code = |i: usize| self.shapes[i].fips[2..].parse::<u32>().unwrap_or(0);
        if let Some(found) = self.by_key.get(&(st, tokens.concat())) {
            // A name shared by a county and an independent city, given
            // without "City", is the county.
            let pick = found.iter().copied().min_by_key(|&i| code(i) >= 500)?;
            return Some((fips(pick), false));
        }
        if tokens.len() > 1 && tokens.last().is_some_and(|t| t == "city") {
            let base = tokens[..tokens.len() - 1].concat();
            if let Some(found) = self.by_key.get(&(st, base)) {
                // Prefer the independent city; a lone county of that name
                // is a former city merged into it (Bedford, Virginia, 2013).
                let pick = found.iter().copied().max_by_key(|&i| code(i) >= 500)?;
                return Some((fips(pick), false));
            }
        }
        let targets = self.aliases.get(&(st, tokens.concat()))?;
        let pick = match targets[..] {
            [one] => one,
            _ => self.locate(targets, lon, lat),
        };
        Some((fips(pick), true))
    }

    /// Of several counties, the one containing the point, else the one
    /// whose outline has the nearest vertex.
    fn locate(&self, candidates: &[usize], lon: f64, lat: f64) -> usize {
        let p = Albers::epsg5070().forward_km(lon, lat);
        if let Some(&i) = candidates.iter().find(|&&i| planar::contains(&self.shapes[i].polygons_km, p)) {
            return i;
        }
        let distance = |i: usize| {
            self.shapes[i]
                .polygons_km
                .iter()
                .flatten()
                .flatten()
                .map(|q| (q[0] - p[0]).hypot(q[1] - p[1]))
                .fold(f64::INFINITY, f64::min)
        };
        candidates.iter().copied().min_by(|&a, &b| distance(a).total_cmp(&distance(b))).unwrap_or(candidates[0])
    }
}

/// A county name reduced to comparable tokens: lower case, diacritics
/// folded, periods and apostrophes dropped, hyphens as spaces, "saint"
/// written "st", and a trailing kind word ("county", "parish", "borough",
/// "census area", "city and borough", "municipality", "municipio")
/// removed. Joined without spaces it is the lookup key.
fn name_key(name: &str) -> Vec<String> {
    let mut folded = String::with_capacity(name.len());
    for ch in name.chars().flat_map(char::to_lowercase) {
        match ch {
            '.' | '\'' | '’' => {}
            '-' => folded.push(' '),
            'á' | 'à' | 'â' | 'ä' | 'ã' => folded.push('a'),
            'é' | 'è' | 'ê' | 'ë' => folded.push('e'),
            'í' | 'ì' | 'î' | 'ï' => folded.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => folded.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => folded.push('u'),
            'ñ' => folded.push('n'),
            'ç' => folded.push('c'),
            c => folded.push(c),
        }
    }
    let mut tokens: Vec<String> = folded
        .split_whitespace()
        .map(|t| match t {
            "saint" => "st".to_string(),
            "sainte" => "ste".to_string(),
            _ => t.to_string(),
        })
        .collect();
    const KINDS: [&[&str]; 7] = [
        &["city", "and", "borough"],
        &["census", "area"],
        &["county"],
        &["parish"],
        &["borough"],
        &["municipality"],
        &["municipio"],
    ];
    for kind in KINDS {
        let start = tokens.len().saturating_sub(kind.len());
        if start > 0 && tokens[start..].iter().zip(kind).all(|(t, k)| t == k) {
            tokens.truncate(tokens.len() - kind.len());
            break;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_fold_spelling_differences() {
        let key = |s: &str| name_key(s).concat();
        assert_eq!(key("Doña Ana"), key("Dona Ana County"));
        assert_eq!(key("Saint Louis City"), "stlouiscity");
        assert_eq!(key("St. Louis"), "stlouis");
        assert_eq!(key("Ste. Genevieve"), key("Sainte Genevieve"));
        assert_eq!(key("Prince George's"), key("Prince Georges"));
        assert_eq!(key("Du Page"), key("DuPage"));
        assert_eq!(key("Matanuska-Susitna Borough"), "matanuskasusitna");
        assert_eq!(key("Juneau City and Borough"), "juneau");
        assert_eq!(key("Bethel Census Area"), "bethel");
        assert_eq!(key("Orleans Parish"), "orleans");
        assert_eq!(key("Adjuntas Municipio"), "adjuntas");
        // A kind word that is the whole name stays.
        assert_eq!(key("Borough"), "borough");
        assert_eq!(name_key("Charles City"), ["charles", "city"]);
    }

    #[test]
    fn only_city_county_pairs_share_a_name_key() {
        let index = CountyIndex::new(county_shapes());
        let mut shared: Vec<&str> = Vec::new();
        for ((_, key), found) in &index.by_key {
            if found.len() > 1 {
                let codes: Vec<u32> = found.iter().map(|&i| index.shapes[i].fips[2..].parse().unwrap()).collect();
                assert_eq!(found.len(), 2, "{key}");
                assert_eq!(codes.iter().filter(|&&c| c >= 500).count(), 1, "{key}");
                shared.push(key);
            }
        }
        shared.sort_unstable();
        assert_eq!(shared, ["baltimore", "fairfax", "franklin", "richmond", "roanoke", "stlouis"]);
    }

    #[test]
    fn joined_zips_mostly_lie_in_their_county() {
        // The join is by name; where the point falls is an independent
        // check. ZIPs straddle county lines and the outlines are simplified,
        // so agreement is high but not total.
        let zips = zip_codes();
        let index = CountyIndex::new(county_shapes());
        let (mut inside, mut checked) = (0usize, 0usize);
        for z in zips.iter().filter(|z| state_by_abbr(&z.state).is_some_and(|s| s.is_contiguous())) {
            let Some(fips) = &z.county_fips else { continue };
            let i = index.shapes.binary_search_by(|s| s.fips.as_str().cmp(fips)).unwrap();
            checked += 1;
            inside += usize::from(planar::contains(&index.shapes[i].polygons_km, z.xy_km()));
        }
        let share = inside as f64 / checked as f64;
        eprintln!("{inside} of {checked} joined contiguous ZIPs lie in their county ({share:.4})");
        assert!(share > 0.95, "{share}");
    }
}
