//! Values read from JSON (the API, stored settings) pass the same checks as values built in code.

use sutton_domain::*;

use crate::fixtures::{member, opportunity, usd};

#[test]
fn a_deal_team_from_json_must_still_sum_to_100_percent() {
    let good = DealTeam::new(vec![member(1, SplitType::Revenue, 600_000), member(2, SplitType::Revenue, 400_000)])
        .expect("valid");
    let json = serde_json::to_string(&good).expect("serialises");
    assert_eq!(serde_json::from_str::<DealTeam>(&json).expect("round trip"), good);

    let short = json.replace("400000", "300000");
    let err = serde_json::from_str::<DealTeam>(&short).expect_err("90 % is refused");
    assert!(err.to_string().contains("sum to 90 %"), "{err}");
}

#[test]
fn periods_are_written_as_their_names_and_checked_when_read() {
    let p = Period::parse("FY2026 Q3").expect("valid");
    assert_eq!(serde_json::to_string(&p).expect("serialises"), "\"FY2026 Q3\"");
    assert_eq!(serde_json::from_str::<Period>("\"FY2026 Q3\"").expect("reads"), p);
    let err = serde_json::from_str::<Period>("\"FY2026 Q5\"").expect_err("no fifth quarter");
    assert!(err.to_string().contains("FY2026 Q5"), "{err}");
}

#[test]
fn coordinates_ids_and_edges_from_json_are_validated() {
    assert!(serde_json::from_str::<LatLon>(r#"{"lat": 95.0, "lon": 10.0}"#).is_err());
    assert!(serde_json::from_str::<LatLon>(r#"{"lat": 59.9, "lon": 10.7}"#).is_ok());

    let sf = r#"{"system": "salesforce", "value": "001D000000IqhSL"}"#;
    let id: ExternalId = serde_json::from_str(sf).expect("a 15-character id");
    assert_eq!(id.value(), "001D000000IqhSLIAZ", "normalised like the constructor does");
    let changed_case = r#"{"system": "salesforce", "value": "001d000000iqhslIAZ"}"#;
    assert!(serde_json::from_str::<ExternalId>(changed_case).is_err());

    assert!(serde_json::from_str::<GeoEdge>(r#"{"a": 3, "b": 3}"#).is_err());
    let edge: GeoEdge = serde_json::from_str(r#"{"a": 9, "b": 3}"#).expect("two units");
    assert_eq!((edge.a(), edge.b()), (GeoUnitId(3), GeoUnitId(9)), "stored smaller first");
}

#[test]
fn a_deal_without_a_team_credits_its_owner_with_everything() {
    let mut deal = opportunity(1, 1, 7);
    deal.team = DealTeam::default();
    assert_eq!(deal.revenue_credit(usd(12_345)).expect("credit"), vec![(PersonId(7), usd(12_345))]);

    deal.team = DealTeam::new(vec![member(7, SplitType::Revenue, 333_333), member(8, SplitType::Revenue, 666_667)])
        .expect("valid");
    let credit = deal.revenue_credit(usd(100)).expect("credit");
    assert_eq!(credit.iter().map(|(_, m)| m.minor()).sum::<i64>(), 100, "parts add up to the whole");
    assert_eq!(credit, vec![(PersonId(7), usd(33)), (PersonId(8), usd(67))]);
}
