//! External ids: Salesforce and HubSpot record ids, and ids from anywhere else.

use proptest::prelude::*;
use sutton_domain::{AccountId, DomainError, ExternalId, ExternalSystem};

use crate::assert_mentions;

// The 18-character form appends one character per block of five: bit i of the block is set when
// character i is an upper-case letter, and the 5-bit number indexes "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
//
// 001D000000IqhSL:  "001D0" → D at 1-based position 4 → bit 3 → 8  → 'I'
//                   "00000" → no capitals            → 0  → 'A'
//                   "IqhSL" → I, S, L at 0, 3, 4     → 1 + 8 + 16 = 25 → 'Z'
//                   → 001D000000IqhSLIAZ (the example in Salesforce's own documentation)
// 5003000000D8cuI:  "50030" → 0 → 'A';  "00000" → 0 → 'A';  "D8cuI" → D, I at 0, 4 → 1 + 16 = 17 → 'R'
//                   → 5003000000D8cuIAAR
// 0065g00000XyZaB:  "0065g" → 0 → 'A';  "00000" → 0 → 'A';  "XyZaB" → X, Z, B at 0, 2, 4 → 1 + 4 + 16 = 21 → 'V'
//                   → 0065g00000XyZaBAAV
// ABCDEABCDEABCDE:  every block all capitals → 31 → '5' each → ABCDEABCDEABCDE555
const SALESFORCE: &[(&str, &str)] = &[
    ("001D000000IqhSL", "001D000000IqhSLIAZ"),
    ("5003000000D8cuI", "5003000000D8cuIAAR"),
    ("0065g00000XyZaB", "0065g00000XyZaBAAV"),
    ("000000000000000", "000000000000000AAA"),
    ("ABCDEABCDEABCDE", "ABCDEABCDEABCDE555"),
];

#[test]
fn a_15_character_salesforce_id_is_stored_in_its_18_character_form() {
    for &(short, long) in SALESFORCE {
        let id = ExternalId::salesforce(short).unwrap();
        assert_eq!(id.value(), long);
        assert_eq!(id.system(), ExternalSystem::Salesforce);
        assert_eq!(id.to_string(), format!("salesforce:{long}"));
        // Both spellings of a record are the same id, so a re-import matches it.
        assert_eq!(ExternalId::salesforce(long).unwrap(), id);
        assert_eq!(ExternalId::parse(ExternalSystem::Salesforce, &format!("  {short}\t")).unwrap(), id);
    }
}

#[test]
fn an_18_character_salesforce_id_with_its_suffix_in_lower_case_is_the_same_id() {
    let lower = ExternalId::salesforce("001D000000IqhSLiaz").unwrap();
    assert_eq!(lower.value(), "001D000000IqhSLIAZ");
    assert_eq!(lower, ExternalId::salesforce("001D000000IqhSL").unwrap());
    assert_eq!(ExternalId::salesforce("5003000000D8cuIaAr").unwrap().value(), "5003000000D8cuIAAR");
}

#[test]
fn a_salesforce_id_of_the_wrong_length_is_refused_naming_the_length() {
    for (text, len) in [("001D000000IqhS", 14), ("001D000000IqhSLI", 16), ("001D000000IqhSLIAZX", 19), ("", 0)] {
        let err = ExternalId::salesforce(text).unwrap_err();
        assert!(
            matches!(&err, DomainError::InvalidExternalId { system: "Salesforce", value, .. } if value == text),
            "{text:?}: {err:?}"
        );
        assert_mentions(
            &err.to_string(),
            &["Salesforce id", &format!("{text:?}"), &format!("{len} characters"), "15 or 18"],
        );
    }
}

#[test]
fn a_salesforce_id_with_other_characters_is_refused() {
    for text in ["001D00000-IqhSL", "001D 00000IqhSL", "001D000000IqhSé", "001D000000IqhS_IAZ"] {
        let err = ExternalId::salesforce(text).unwrap_err();
        assert!(matches!(&err, DomainError::InvalidExternalId { system: "Salesforce", .. }), "{text:?}: {err:?}");
        assert_mentions(&err.to_string(), &[&format!("{text:?}"), "letters and digits"]);
    }
}

#[test]
fn an_18_character_id_whose_case_was_changed_is_refused_by_its_checksum() {
    // A spreadsheet lower-cased the D: the first block now has no capitals, so its check
    // character should be 'A', not 'I'.
    for text in ["001d000000IqhSLIAZ", "001D000000IQHSLIAZ", "001D000000iqhsliaz", "001D000000IqhSLIAA"] {
        let err = ExternalId::salesforce(text).unwrap_err();
        assert!(
            matches!(&err, DomainError::InvalidExternalId { system: "Salesforce", value, .. } if value == text),
            "{text:?}: {err:?}"
        );
        assert_mentions(&err.to_string(), &[&format!("{text:?}"), "last three characters", "case"]);
    }
    // It names the suffix the id it has would need ("001d0" → 'A').
    let err = ExternalId::salesforce("001d000000IqhSLIAZ").unwrap_err();
    assert_mentions(&err.to_string(), &["AAZ"]);
}

fn salesforce_15() -> impl Strategy<Value = String> {
    "[0-9A-Za-z]{15}"
}

proptest! {
    #[test]
    fn both_spellings_of_any_salesforce_id_agree(short in salesforce_15()) {
        let id = ExternalId::salesforce(&short).unwrap();
        let long = id.value().to_owned();
        prop_assert_eq!(long.len(), 18);
        prop_assert!(long.starts_with(&short));
        prop_assert!(long[15..].bytes().all(|b| b.is_ascii_uppercase() || (b'0'..=b'5').contains(&b)));
        prop_assert_eq!(ExternalId::salesforce(&long).unwrap(), id.clone());
        let lower_suffix = format!("{short}{}", long[15..].to_ascii_lowercase());
        prop_assert_eq!(ExternalId::salesforce(&lower_suffix).unwrap(), id);
    }

    #[test]
    fn changing_the_case_of_any_one_letter_breaks_the_checksum(short in salesforce_15(), at in 0_usize..15) {
        let long = ExternalId::salesforce(&short).unwrap().value().to_owned();
        let mut bytes = long.into_bytes();
        prop_assume!(bytes[at].is_ascii_alphabetic());
        bytes[at] ^= 0x20; // flips ASCII case
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(ExternalId::salesforce(&changed).is_err(), "{} was accepted", changed);
    }

    #[test]
    fn a_different_15_character_id_gives_a_different_id(a in salesforce_15(), b in salesforce_15()) {
        prop_assume!(a != b);
        prop_assert_ne!(ExternalId::salesforce(&a).unwrap(), ExternalId::salesforce(&b).unwrap());
    }
}

#[test]
fn hubspot_ids_are_positive_numbers_without_leading_zeros() {
    let id = ExternalId::hubspot("000123").unwrap();
    assert_eq!(id.value(), "123");
    assert_eq!(id.system(), ExternalSystem::Hubspot);
    assert_eq!(id, ExternalId::hubspot("123").unwrap());
    assert_eq!(id, ExternalId::hubspot(" 123 ").unwrap());
    assert_eq!(id.to_string(), "hubspot:123");
    assert_eq!(ExternalId::hubspot("10").unwrap().value(), "10");
    assert_eq!(ExternalId::parse(ExternalSystem::Hubspot, "42").unwrap().value(), "42");
    // The same text from another system is a different record.
    assert_ne!(ExternalId::hubspot("123").unwrap(), ExternalId::other("123").unwrap());
}

#[test]
fn a_hubspot_id_that_is_not_a_positive_number_is_refused() {
    for text in ["0", "000", "", "  ", "-5", "12a", "1.0", "1 2", "123456789012345678901", "١٢٣"] {
        let err = ExternalId::hubspot(text).unwrap_err();
        assert!(
            matches!(&err, DomainError::InvalidExternalId { system: "HubSpot", value, .. } if value == text),
            "{text:?}: {err:?}"
        );
        assert_mentions(&err.to_string(), &["HubSpot id", &format!("{text:?}"), "positive whole number"]);
    }
}

#[test]
fn other_ids_are_kept_as_given_but_not_blank() {
    let id = ExternalId::other("  Cust-0042/a ").unwrap();
    assert_eq!(id.value(), "Cust-0042/a");
    assert_eq!(id.system(), ExternalSystem::Other);
    let err = ExternalId::other("   ").unwrap_err();
    assert_eq!(err, DomainError::Empty { field: "external id" });
    assert_eq!(err.to_string(), "external id must not be empty");
    let err = ExternalId::other(&"x".repeat(256)).unwrap_err();
    assert_eq!(err, DomainError::TooLong { field: "external id", len: 256, max: 255 });
}

#[test]
fn external_systems_parse_by_name() {
    assert_eq!(ExternalSystem::parse("Salesforce").unwrap(), ExternalSystem::Salesforce);
    assert_eq!(ExternalSystem::parse("SFDC").unwrap(), ExternalSystem::Salesforce);
    assert_eq!(ExternalSystem::parse(" hubspot ").unwrap(), ExternalSystem::Hubspot);
    assert_eq!(ExternalSystem::parse("native").unwrap(), ExternalSystem::Other);
    let err = ExternalSystem::parse("pipedrive").unwrap_err();
    assert!(matches!(err, DomainError::InvalidChoice { field: "external system", .. }));
    assert_mentions(&err.to_string(), &["\"pipedrive\"", "salesforce, hubspot, other"]);
}

#[test]
fn typed_ids_show_their_kind_when_debugged() {
    assert_eq!(format!("{:?}", AccountId(7)), "AccountId(7)");
    assert_eq!(AccountId(7).to_string(), "7");
    assert_eq!(AccountId(7).get(), 7);
}

proptest! {
    /// The importer looks references up by `salesforce_base` without building the id: it must
    /// accept exactly what `salesforce` accepts, and name the same record.
    #[test]
    fn salesforce_base_accepts_what_salesforce_accepts(
        text in prop_oneof![
            "[0-9A-Za-z]{15}",
            "[0-9A-Za-z]{18}",
            "[0-9A-Za-z]{14,19}",
            " ?[0-9A-Z]{15}[A-Z0-5a-z]{3} ?",
            ".{0,20}",
        ],
    ) {
        let full = ExternalId::salesforce(&text);
        let base = ExternalId::salesforce_base(&text);
        prop_assert_eq!(base.is_some(), full.is_ok(), "{:?}", text);
        if let (Some(base), Ok(id)) = (base, full) {
            prop_assert_eq!(base, &id.value()[..15]);
        }
    }
}

#[test]
fn salesforce_base_reads_both_spellings_of_a_record_alike() {
    for &(short, long) in SALESFORCE {
        assert_eq!(ExternalId::salesforce_base(short), Some(short));
        assert_eq!(ExternalId::salesforce_base(long), Some(short));
        if short.bytes().any(|b| b.is_ascii_uppercase()) {
            // A spreadsheet that lower-cased the id changed which record it names.
            assert_eq!(ExternalId::salesforce_base(&long.to_lowercase()), None, "{long}");
        }
    }
}
