//! Exact money and exact rates.
//!
//! * [`Money`] is a count of **minor units** (cents, øre, fen; yen have none) in an `i64` with
//!   its [`Currency`]. Arithmetic across currencies is refused, never guessed.
//! * [`Rate`] is an exact ratio in **parts per million** (1 % = 10,000 ppm). Basis points are
//!   too coarse for commission rates such as 0.125 % and for three-way splits of 33.3333 %.
//! * **Rounding rule.** Whenever a rate is applied to money the exact result (computed in
//!   `i128`, so it cannot overflow on the way) is rounded once, to a whole minor unit, by
//!   [`Rounding::HalfAwayFromZero`] — the commercial rule spreadsheets and invoices use — unless
//!   the caller states another rule (a comp plan may state half-even). Splitting an amount into
//!   shares uses [`Money::allocate`], whose parts always add up to the whole.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};

/// ISO 4217 active codes with their minor-unit exponent, sorted by code for binary search.
const ISO_4217: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// An ISO 4217 currency with its minor-unit exponent (JPY 0, USD 2, KWD 3, CLF 4).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

impl Currency {
    pub const USD: Currency = Currency::known(*b"USD", 2);
    pub const EUR: Currency = Currency::known(*b"EUR", 2);
    pub const GBP: Currency = Currency::known(*b"GBP", 2);
    pub const NOK: Currency = Currency::known(*b"NOK", 2);
    pub const DKK: Currency = Currency::known(*b"DKK", 2);
    pub const SEK: Currency = Currency::known(*b"SEK", 2);
    pub const CNY: Currency = Currency::known(*b"CNY", 2);
    pub const JPY: Currency = Currency::known(*b"JPY", 0);
    pub const KWD: Currency = Currency::known(*b"KWD", 3);

    const fn known(code: [u8; 3], exponent: u8) -> Currency {
        Currency { code, exponent }
    }

    /// Parses an ISO 4217 code, case-insensitively (`usd` is USD).
    pub fn parse(code: &str) -> Result<Currency> {
        // A stored code is already three capitals: look it up without making a copy.
        let upper = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(code)
        } else {
            std::borrow::Cow::Owned(code.trim().to_ascii_uppercase())
        };
        let index = ISO_4217
            .binary_search_by(|(c, _)| (*c).cmp(upper.as_ref()))
            .map_err(|_| DomainError::UnknownCurrency { code: code.to_owned() })?;
        let (c, exponent) = ISO_4217[index];
        let b = c.as_bytes();
        Ok(Currency { code: [b[0], b[1], b[2]], exponent })
    }

    pub fn code(&self) -> &str {
        // The bytes come from the ASCII table above.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// Number of decimal places of the minor unit.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }

    /// Minor units in one major unit (100 for USD, 1 for JPY).
    pub fn minor_per_major(&self) -> i64 {
        10_i64.pow(u32::from(self.exponent))
    }

    /// Every currency Sutton knows, for pickers and validation messages.
    pub fn all() -> impl Iterator<Item = Currency> {
        ISO_4217.iter().map(|(c, e)| {
            let b = c.as_bytes();
            Currency { code: [b[0], b[1], b[2]], exponent: *e }
        })
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self> {
        Currency::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How an exact fraction of a minor unit becomes a whole one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 0.5 → 1, −0.5 → −1. Sutton's default everywhere.
    #[default]
    HalfAwayFromZero,
    /// 0.5 → 0, 1.5 → 2 ("banker's rounding"), for plans that state it.
    HalfEven,
    /// Towards zero: never pay a fraction that was not earned.
    TowardZero,
}

impl Rounding {
    /// Divides exactly and rounds once. `den` must be positive.
    pub fn divide(self, num: i128, den: i128) -> i128 {
        debug_assert!(den > 0);
        let q = num / den;
        let r = num % den;
        if r == 0 {
            return q;
        }
        let away = if num < 0 { q - 1 } else { q + 1 };
        match self {
            Rounding::TowardZero => q,
            Rounding::HalfAwayFromZero => {
                if 2 * r.abs() >= den {
                    away
                } else {
                    q
                }
            }
            Rounding::HalfEven => match (2 * r.abs()).cmp(&den) {
                std::cmp::Ordering::Greater => away,
                std::cmp::Ordering::Less => q,
                std::cmp::Ordering::Equal => {
                    if q % 2 == 0 {
                        q
                    } else {
                        away
                    }
                }
            },
        }
    }
}

/// An exact amount: integer minor units of one currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Whole major units (`Money::from_major(1200, USD)` is $1,200.00).
    pub fn from_major(major: i64, currency: Currency) -> Result<Money> {
        major
            .checked_mul(currency.minor_per_major())
            .map(|minor| Money { minor, currency })
            .ok_or(DomainError::AmountOverflow)
    }

    /// Parses a plain decimal in major units: `1234.56`, `-0.5`, `+12`. Locale forms (`1 234,56`)
    /// are normalised by the importers before they get here. More decimals than the currency has
    /// are refused rather than rounded: an amount is never silently changed.
    pub fn parse_major(field: &'static str, text: &str, currency: Currency) -> Result<Money> {
        let invalid =
            |reason: &str| DomainError::InvalidAmount { field, text: text.to_owned(), reason: reason.to_owned() };
        let (negative, digits) = split_sign(text.trim());
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(invalid("no digits"));
        }
        if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid("use digits with an optional sign and one decimal point"));
        }
        let exponent = usize::from(currency.exponent());
        let frac_trimmed = frac.trim_end_matches('0');
        if frac_trimmed.len() > exponent {
            return Err(DomainError::TooManyDecimals {
                field,
                text: text.to_owned(),
                currency: currency.code().to_owned(),
                exponent: currency.exponent(),
            });
        }
        let mut minor: i64 = 0;
        let padding = std::iter::repeat_n(b'0', exponent - frac_trimmed.len());
        for b in whole.bytes().chain(frac_trimmed.bytes()).chain(padding) {
            let digit = i64::from(b - b'0');
            // Accumulated towards its sign, so that the most negative amount parses too.
            minor = minor
                .checked_mul(10)
                .and_then(|m| if negative { m.checked_sub(digit) } else { m.checked_add(digit) })
                .ok_or_else(|| {
                    let largest = Money { minor: i64::MAX, currency }.to_decimal_string();
                    invalid(&format!("too large: the largest {} amount is {largest}", currency.code()))
                })?;
        }
        Ok(Money { minor, currency })
    }

    pub fn minor(&self) -> i64 {
        self.minor
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The ISO code of the currency, borrowed from the amount (for writers that bind it
    /// without copying).
    pub fn currency_code(&self) -> &str {
        self.currency.code()
    }

    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        self.minor
            .checked_add(other.minor)
            .map(|minor| Money { minor, currency: self.currency })
            .ok_or(DomainError::AmountOverflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        self.minor
            .checked_sub(other.minor)
            .map(|minor| Money { minor, currency: self.currency })
            .ok_or(DomainError::AmountOverflow)
    }

    pub fn checked_mul(self, factor: i64) -> Result<Money> {
        self.minor
            .checked_mul(factor)
            .map(|minor| Money { minor, currency: self.currency })
            .ok_or(DomainError::AmountOverflow)
    }

    pub fn negate(self) -> Money {
        Money { minor: -self.minor, currency: self.currency }
    }

    /// Adds up amounts of one currency; an empty list is zero of `currency`.
    pub fn sum<I: IntoIterator<Item = Money>>(currency: Currency, amounts: I) -> Result<Money> {
        amounts.into_iter().try_fold(Money::zero(currency), Money::checked_add)
    }

    /// This amount times a rate, rounded once by `rounding`.
    pub fn apply_rate(self, rate: Rate, rounding: Rounding) -> Result<Money> {
        let exact = i128::from(self.minor) * i128::from(rate.ppm());
        let minor = rounding.divide(exact, i128::from(Rate::PPM_PER_UNIT));
        i64::try_from(minor)
            .map(|minor| Money { minor, currency: self.currency })
            .map_err(|_| DomainError::AmountOverflow)
    }

    /// `self × numerator / denominator`, rounded once (pro-rating by days, quantities).
    pub fn scale(self, numerator: i64, denominator: i64, rounding: Rounding) -> Result<Money> {
        if denominator <= 0 {
            return Err(DomainError::Inconsistent {
                what: "scaling an amount",
                detail: format!("denominator must be positive, got {denominator}"),
            });
        }
        let exact = i128::from(self.minor) * i128::from(numerator);
        let minor = rounding.divide(exact, i128::from(denominator));
        i64::try_from(minor)
            .map(|minor| Money { minor, currency: self.currency })
            .map_err(|_| DomainError::AmountOverflow)
    }

    /// Splits this amount in proportion to `weights` so that the parts add up to exactly this
    /// amount: each part is rounded toward zero, then the leftover minor units go one each to
    /// the parts with the largest remainders (ties to the earlier part). All weights zero gives
    /// all parts zero only when the amount is zero; otherwise it is refused.
    pub fn allocate(self, weights: &[i64]) -> Result<Vec<Money>> {
        if weights.iter().any(|w| *w < 0) {
            return Err(DomainError::Negative { field: "allocation weight", value: format!("{weights:?}") });
        }
        let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
        if total == 0 {
            if self.minor == 0 {
                return Ok(weights.iter().map(|_| Money::zero(self.currency)).collect());
            }
            return Err(DomainError::Inconsistent {
                what: "allocating an amount",
                detail: "all weights are zero".to_owned(),
            });
        }
        let whole = i128::from(self.minor);
        let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
        let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
        for (i, w) in weights.iter().enumerate() {
            let exact = whole * i128::from(*w);
            parts.push(exact / total);
            remainders.push(((exact % total).abs(), i));
        }
        let mut left = whole - parts.iter().sum::<i128>();
        remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let step = left.signum();
        for (_, i) in remainders {
            if left == 0 {
                break;
            }
            parts[i] += step;
            left -= step;
        }
        parts
            .into_iter()
            .map(|p| {
                i64::try_from(p)
                    .map(|minor| Money { minor, currency: self.currency })
                    .map_err(|_| DomainError::AmountOverflow)
            })
            .collect()
    }

    /// The amount in major units as an exact decimal string: `-1234.50`, `1200` for JPY.
    pub fn to_decimal_string(&self) -> String {
        let exponent = u32::from(self.currency.exponent());
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exponent == 0 {
            return format!("{sign}{abs}");
        }
        let unit = 10_u64.pow(exponent);
        format!("{sign}{}.{:0width$}", abs / unit, abs % unit, width = exponent as usize)
    }

    /// For charts and statistics only, never for arithmetic on money.
    pub fn to_major_f64(&self) -> f64 {
        self.minor as f64 / self.currency.minor_per_major() as f64
    }

    fn same_currency(&self, other: Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(DomainError::CurrencyMismatch {
                left: self.currency.code().to_owned(),
                right: other.currency.code().to_owned(),
            })
        }
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.to_decimal_string())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.to_decimal_string())
    }
}

/// An exact ratio in parts per million: probabilities, discounts, margins, splits, commission
/// rates. Stored as an integer; shown as a percentage.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rate(i64);

impl Rate {
    pub const PPM_PER_UNIT: i64 = 1_000_000;
    pub const ZERO: Rate = Rate(0);
    pub const ONE: Rate = Rate(Rate::PPM_PER_UNIT);

    pub const fn from_ppm(ppm: i64) -> Rate {
        Rate(ppm)
    }

    pub const fn from_basis_points(bp: i64) -> Rate {
        Rate(bp * 100)
    }

    pub const fn from_percent(percent: i64) -> Rate {
        Rate(percent * 10_000)
    }

    pub const fn ppm(self) -> i64 {
        self.0
    }

    /// `numerator / denominator`, rounded to the nearest ppm (half away from zero).
    pub fn ratio(numerator: i64, denominator: i64) -> Option<Rate> {
        if denominator == 0 {
            return None;
        }
        let (n, d) = if denominator < 0 {
            (-i128::from(numerator), -i128::from(denominator))
        } else {
            (i128::from(numerator), i128::from(denominator))
        };
        let ppm = Rounding::HalfAwayFromZero.divide(n * i128::from(Rate::PPM_PER_UNIT), d);
        i64::try_from(ppm).ok().map(Rate)
    }

    /// Parses a percentage, with or without `%`: `12.5`, `12.5 %`, `-3`, `0.125%`. Up to four
    /// decimals (1 ppm); more are refused rather than rounded.
    pub fn parse_percent(field: &'static str, text: &str) -> Result<Rate> {
        let invalid =
            |reason: &str| DomainError::InvalidRate { field, text: text.to_owned(), reason: reason.to_owned() };
        let t = text.trim().trim_end_matches('%').trim_end();
        let (negative, digits) = split_sign(t);
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && frac.is_empty() {
            return Err(invalid("no digits"));
        }
        if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid("write a percentage such as 12.5 or 12.5 %"));
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 4 {
            return Err(invalid("at most four decimals of a percent"));
        }
        let mut ppm: i64 = 0;
        let padding = std::iter::repeat_n(b'0', 4 - frac.len());
        for b in whole.bytes().chain(frac.bytes()).chain(padding) {
            ppm = ppm
                .checked_mul(10)
                .and_then(|p| p.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| invalid("too large"))?;
        }
        Ok(Rate(if negative { -ppm } else { ppm }))
    }

    /// Refuses rates outside `[min, max]`, naming the field.
    pub fn within(self, field: &'static str, min: Rate, max: Rate) -> Result<Rate> {
        if self < min || self > max {
            return Err(DomainError::RateOutOfRange {
                field,
                value: self.to_string(),
                min: min.to_string(),
                max: max.to_string(),
            });
        }
        Ok(self)
    }

    pub fn checked_add(self, other: Rate) -> Option<Rate> {
        self.0.checked_add(other.0).map(Rate)
    }

    /// `1 − self` (the complement of a discount or a probability).
    pub fn complement(self) -> Rate {
        Rate(Rate::PPM_PER_UNIT - self.0)
    }

    /// For charts and statistics only.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / Rate::PPM_PER_UNIT as f64
    }
}

impl fmt::Debug for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Percent with as many decimals as needed and no more: `12.5 %`, `100 %`, `0.0001 %`.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = abs / 10_000;
        let frac = abs % 10_000;
        if frac == 0 {
            write!(f, "{sign}{whole} %")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{sign}{whole}.{} %", digits.trim_end_matches('0'))
        }
    }
}

fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-') { (true, rest) } else { (false, text.strip_prefix('+').unwrap_or(text)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_table_is_sorted_and_unique_so_lookup_is_correct() {
        for pair in ISO_4217.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
    }

    #[test]
    fn exponents_follow_iso_4217() {
        for (code, exp) in [("JPY", 0), ("USD", 2), ("NOK", 2), ("DKK", 2), ("CNY", 2), ("KWD", 3), ("CLF", 4)] {
            assert_eq!(Currency::parse(code).unwrap().exponent(), exp, "{code}");
        }
        assert_eq!(Currency::parse("nok").unwrap(), Currency::NOK);
    }

    #[test]
    fn rounding_rules_differ_only_on_exact_halves() {
        let r = |rule: Rounding, n, d| rule.divide(n, d);
        assert_eq!(r(Rounding::HalfAwayFromZero, 5, 2), 3);
        assert_eq!(r(Rounding::HalfAwayFromZero, -5, 2), -3);
        assert_eq!(r(Rounding::HalfEven, 5, 2), 2);
        assert_eq!(r(Rounding::HalfEven, 7, 2), 4);
        assert_eq!(r(Rounding::HalfEven, -5, 2), -2);
        assert_eq!(r(Rounding::TowardZero, -7, 2), -3);
        assert_eq!(r(Rounding::HalfEven, 26, 10), 3);
        assert_eq!(r(Rounding::HalfAwayFromZero, 24, 10), 2);
    }
}
