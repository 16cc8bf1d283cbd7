//! Integration tests of the vocabulary, through its public API only.
//!
//! * `money` — exact amounts and rates: parsing, formatting, rounding, allocation.
//! * `calendar` — fiscal calendars and periods for any first month and both namings.
//! * `ids` — Salesforce and HubSpot external ids.
//! * `records` — the rules of single records, choices, deal teams and the amounts derived from them.
//! * `dataset` — `Dataset::check` over a whole organisation.
//! * `fixtures` — small valid records the other modules start from.
//!
//! Expected values are worked out by hand (shown in comments) or by an independent model in the
//! test (integer arithmetic on the exact rational result), never copied from the implementation.

mod calendar;
mod dataset;
mod fixtures;
mod ids;
mod money;
mod records;
mod serde;

use chrono::NaiveDate;

/// A calendar date that is known to exist.
pub fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date")
}

/// Asserts that an error message contains every one of `parts`, showing the message when not.
#[track_caller]
pub fn assert_mentions(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "message {message:?} should mention {part:?}");
    }
}
