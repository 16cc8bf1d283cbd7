//! The one error type of the vocabulary. Every message says what was wrong with which value and,
//! where it is not obvious, what to do about it, because these messages reach people through
//! importers, forms and the API.

use chrono::NaiveDate;

/// A value that Sutton refuses, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("unknown currency {code:?}: use a three-letter ISO 4217 code such as USD, EUR, NOK, DKK or CNY")]
    UnknownCurrency { code: String },
    #[error("cannot combine {left} and {right} amounts: convert one currency first")]
    CurrencyMismatch { left: String, right: String },
    #[error("amount overflow: the result does not fit in a 64-bit count of minor units")]
    AmountOverflow,
    #[error("{field}: {text:?} is not an amount: {reason}")]
    InvalidAmount { field: &'static str, text: String, reason: String },
    #[error("{field}: {text:?} has more decimals than {currency} allows ({exponent})")]
    TooManyDecimals { field: &'static str, text: String, currency: String, exponent: u8 },
    #[error("{field}: {text:?} is not a rate: {reason}")]
    InvalidRate { field: &'static str, text: String, reason: String },
    #[error("{field} must be between {min} and {max}, got {value}")]
    RateOutOfRange { field: &'static str, value: String, min: String, max: String },
    #[error("{field} must not be negative, got {value}")]
    Negative { field: &'static str, value: String },
    #[error("revenue splits sum to {total}; they must sum to exactly 100 %")]
    SplitsDoNotSum { total: String },
    #[error("person {person} appears twice in the deal team with the same split type")]
    DuplicateTeamMember { person: i64 },
    #[error("a deal team needs at least one revenue split (the owner's 100 % when nobody shares)")]
    NoRevenueSplit,
    #[error("close date {close} is before the creation date {created}")]
    CloseBeforeCreated { created: NaiveDate, close: NaiveDate },
    #[error("{what}: end {end} is before start {start}")]
    EndBeforeStart { what: &'static str, start: NaiveDate, end: NaiveDate },
    #[error("{system} id {value:?} is invalid: {reason}")]
    InvalidExternalId { system: &'static str, value: String, reason: String },
    #[error("fiscal year first month must be 1 to 12, got {0}")]
    InvalidFiscalMonth(u32),
    #[error("{text:?} is not a period: write FY2026, FY2026 Q1 or FY2026 M01")]
    InvalidPeriod { text: String },
    #[error("latitude {lat} / longitude {lon} is off the globe (latitude -90..90, longitude -180..180)")]
    InvalidCoordinates { lat: String, lon: String },
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long ({len} characters; at most {max})")]
    TooLong { field: &'static str, len: usize, max: usize },
    #[error("{field}: {value:?} is not one of {expected}")]
    InvalidChoice { field: &'static str, value: String, expected: String },
    #[error("{field}: {value:?} is not a date: write YYYY-MM-DD")]
    InvalidDate { field: &'static str, value: String },
    #[error("{what}: {detail}")]
    Inconsistent { what: &'static str, detail: String },
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;

/// Checks a required free-text field: trimmed, not empty, at most `max` characters.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String> {
    check_text(field, value, max).map(str::to_owned)
}

/// What [`required_text`] checks, without making the trimmed copy: for records' own
/// validation, which runs on every record written.
pub fn check_text<'a>(field: &'static str, value: &'a str, max: usize) -> Result<&'a str> {
    match trimmed_within(field, value, max)? {
        "" => Err(DomainError::Empty { field }),
        value => Ok(value),
    }
}

/// Checks an optional free-text field: blank becomes `None`.
pub fn optional_text(field: &'static str, value: &str, max: usize) -> Result<Option<String>> {
    trimmed_within(field, value, max).map(|v| (!v.is_empty()).then(|| v.to_owned()))
}

/// The trimmed text, if it has at most `max` characters.
fn trimmed_within<'a>(field: &'static str, value: &'a str, max: usize) -> Result<&'a str> {
    let value = value.trim();
    // A character is at least one byte: only longer texts need counting.
    if value.len() > max {
        let len = value.chars().count();
        if len > max {
            return Err(DomainError::TooLong { field, len, max });
        }
    }
    Ok(value)
}

/// Parses an ISO date (`2026-11-15`), naming the field when it is not one.
pub fn parse_date(field: &'static str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| DomainError::InvalidDate { field, value: value.to_owned() })
}
