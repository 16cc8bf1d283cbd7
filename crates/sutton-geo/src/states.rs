//! States, the District of Columbia and the territories that us-atlas
//! covers: FIPS code, USPS abbreviation and Census name.

/// A state-level unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct State {
    /// Two-digit FIPS code, e.g. `"06"`.
    pub fips: &'static str,
    /// USPS two-letter abbreviation, e.g. `"CA"`.
    pub abbr: &'static str,
    /// Name as the Census Bureau (and us-atlas) writes it.
    pub name: &'static str,
    /// What kind of unit it is.
    pub kind: StateKind,
}

/// Whether a unit is a state, the federal district or a territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateKind {
    /// One of the 50 states.
    State,
    /// The District of Columbia.
    District,
    /// An inhabited territory (American Samoa, Guam, Northern Mariana
    /// Islands, Puerto Rico, US Virgin Islands).
    Territory,
}

impl State {
    /// One of the 48 contiguous states or DC: the part of the country that
    /// a field force can drive across, and the scope of EPSG:5070.
    pub fn is_contiguous(&self) -> bool {
        self.kind != StateKind::Territory && self.abbr != "AK" && self.abbr != "HI"
    }
}

const fn s(fips: &'static str, abbr: &'static str, name: &'static str) -> State {
    State { fips, abbr, name, kind: StateKind::State }
}

const fn t(fips: &'static str, abbr: &'static str, name: &'static str) -> State {
    State { fips, abbr, name, kind: StateKind::Territory }
}

/// All 56 units, in FIPS order: 50 states, DC and 5 territories.
pub const STATES: [State; 56] = [
    s("01", "AL", "Alabama"),
    s("02", "AK", "Alaska"),
    s("04", "AZ", "Arizona"),
    s("05", "AR", "Arkansas"),
    s("06", "CA", "California"),
    s("08", "CO", "Colorado"),
    s("09", "CT", "Connecticut"),
    s("10", "DE", "Delaware"),
    State { fips: "11", abbr: "DC", name: "District of Columbia", kind: StateKind::District },
    s("12", "FL", "Florida"),
    s("13", "GA", "Georgia"),
    s("15", "HI", "Hawaii"),
    s("16", "ID", "Idaho"),
    s("17", "IL", "Illinois"),
    s("18", "IN", "Indiana"),
    s("19", "IA", "Iowa"),
    s("20", "KS", "Kansas"),
    s("21", "KY", "Kentucky"),
    s("22", "LA", "Louisiana"),
    s("23", "ME", "Maine"),
    s("24", "MD", "Maryland"),
    s("25", "MA", "Massachusetts"),
    s("26", "MI", "Michigan"),
    s("27", "MN", "Minnesota"),
    s("28", "MS", "Mississippi"),
    s("29", "MO", "Missouri"),
    s("30", "MT", "Montana"),
    s("31", "NE", "Nebraska"),
    s("32", "NV", "Nevada"),
    s("33", "NH", "New Hampshire"),
    s("34", "NJ", "New Jersey"),
    s("35", "NM", "New Mexico"),
    s("36", "NY", "New York"),
    s("37", "NC", "North Carolina"),
    s("38", "ND", "North Dakota"),
    s("39", "OH", "Ohio"),
    s("40", "OK", "Oklahoma"),
    s("41", "OR", "Oregon"),
    s("42", "PA", "Pennsylvania"),
    s("44", "RI", "Rhode Island"),
    s("45", "SC", "South Carolina"),
    s("46", "SD", "South Dakota"),
    s("47", "TN", "Tennessee"),
    s("48", "TX", "Texas"),
    s("49", "UT", "Utah"),
    s("50", "VT", "Vermont"),
    s("51", "VA", "Virginia"),
    s("53", "WA", "Washington"),
    s("54", "WV", "West Virginia"),
    s("55", "WI", "Wisconsin"),
    s("56", "WY", "Wyoming"),
    t("60", "AS", "American Samoa"),
    t("66", "GU", "Guam"),
    t("69", "MP", "Commonwealth of the Northern Mariana Islands"),
    t("72", "PR", "Puerto Rico"),
    t("78", "VI", "United States Virgin Islands"),
];

/// The unit with this two-digit FIPS code.
pub fn state_by_fips(fips: &str) -> Option<&'static State> {
    STATES.iter().find(|s| s.fips == fips)
}

/// The unit with this USPS abbreviation (case-insensitive).
pub fn state_by_abbr(abbr: &str) -> Option<&'static State> {
    STATES.iter().find(|s| s.abbr.eq_ignore_ascii_case(abbr))
}

/// The unit with this name (case-insensitive, as in [`State::name`]).
pub fn state_by_name(name: &str) -> Option<&'static State> {
    STATES.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_consistent() {
        let count = |k: StateKind| STATES.iter().filter(|s| s.kind == k).count();
        assert_eq!(count(StateKind::State), 50);
        assert_eq!(count(StateKind::District), 1);
        assert_eq!(count(StateKind::Territory), 5);
        assert!(STATES.windows(2).all(|w| w[0].fips < w[1].fips));
        assert_eq!(STATES.iter().filter(|s| s.is_contiguous()).count(), 49);
        for s in &STATES {
            assert_eq!(state_by_fips(s.fips), Some(s));
            assert_eq!(state_by_abbr(&s.abbr.to_lowercase()), Some(s));
            assert_eq!(state_by_name(s.name), Some(s));
        }
        assert_eq!(state_by_abbr("FM"), None);
        assert_eq!(state_by_fips("03"), None);
    }
}
