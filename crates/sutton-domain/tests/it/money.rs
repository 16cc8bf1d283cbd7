//! Exact money and rates.

use proptest::prelude::*;
use sutton_domain::{Currency, DomainError, Money, Rate, Rounding};

use crate::assert_mentions;

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD)
}

fn clf() -> Currency {
    Currency::parse("CLF").expect("CLF is ISO 4217 with four decimals")
}

// ---------------------------------------------------------------------------------------------
// Currencies

#[test]
fn an_unknown_currency_is_refused_naming_the_code_and_what_to_write() {
    for code in ["XYZ", "", "US", "USDX", "€"] {
        let err = Currency::parse(code).unwrap_err();
        assert_eq!(err, DomainError::UnknownCurrency { code: code.to_owned() }, "{code:?}");
        let message = err.to_string();
        assert_mentions(&message, &[&format!("{code:?}"), "ISO 4217", "USD"]);
    }
}

#[test]
fn currency_codes_are_read_case_insensitively_with_their_minor_unit() {
    assert_eq!(Currency::parse("usd").unwrap(), Currency::USD);
    assert_eq!(Currency::parse(" eur ").unwrap(), Currency::EUR);
    assert_eq!("Nok".parse::<Currency>().unwrap(), Currency::NOK);
    // ISO 4217: the yen has no minor unit, the dollar cents, the Kuwaiti dinar fils (1/1000).
    assert_eq!(Currency::JPY.exponent(), 0);
    assert_eq!(Currency::JPY.minor_per_major(), 1);
    assert_eq!(Currency::USD.minor_per_major(), 100);
    assert_eq!(Currency::KWD.minor_per_major(), 1000);
    assert_eq!(clf().minor_per_major(), 10_000);
    assert_eq!(Currency::parse("BHD").unwrap().exponent(), 3);
    assert_eq!(Currency::parse("KRW").unwrap().exponent(), 0);
}

#[test]
fn every_listed_currency_parses_back_to_itself() {
    let all: Vec<Currency> = Currency::all().collect();
    assert!(all.len() > 150, "only {} currencies", all.len());
    for c in all {
        assert_eq!(Currency::parse(c.code()).unwrap(), c);
        assert_eq!(Currency::parse(&c.code().to_ascii_lowercase()).unwrap(), c);
        assert_eq!(c.to_string(), c.code());
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing amounts

#[test]
fn plain_decimals_parse_to_exact_minor_units() {
    let cases: &[(&str, Currency, i64)] = &[
        ("1234.56", Currency::USD, 123_456),
        ("-0.5", Currency::USD, -50),
        ("+12", Currency::USD, 1_200),
        ("  7.10 ", Currency::USD, 710),
        ("0.05", Currency::USD, 5),
        ("-0.05", Currency::USD, -5),
        // Trailing zeros add no precision, so they are not "too many decimals".
        ("1.2300", Currency::USD, 123),
        ("1200", Currency::JPY, 1_200),
        ("12.0", Currency::JPY, 12),
        ("1.234", Currency::KWD, 1_234),
        ("0.001", Currency::KWD, 1),
        ("0.0001", clf(), 1),
        ("0", Currency::EUR, 0),
        ("-0", Currency::EUR, 0),
    ];
    for &(text, currency, minor) in cases {
        let m = Money::parse_major("amount", text, currency).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(m, Money::from_minor(minor, currency), "{text:?} in {currency}");
    }
}

#[test]
fn more_decimals_than_the_currency_has_are_refused_not_rounded() {
    let cases: &[(&str, Currency, u8)] = &[
        ("12.5", Currency::JPY, 0),
        ("1.234", Currency::USD, 2),
        ("-0.001", Currency::EUR, 2),
        ("1.2345", Currency::KWD, 3),
    ];
    for &(text, currency, exponent) in cases {
        let err = Money::parse_major("deal amount", text, currency).unwrap_err();
        assert_eq!(
            err,
            DomainError::TooManyDecimals {
                field: "deal amount",
                text: text.to_owned(),
                currency: currency.code().to_owned(),
                exponent,
            }
        );
        assert_mentions(&err.to_string(), &["deal amount", &format!("{text:?}"), currency.code(), "decimals"]);
    }
}

#[test]
fn text_that_is_not_a_plain_decimal_is_refused_naming_field_and_text() {
    for text in ["12,5", "1e3", "", "   ", "--3", "+-3", "1.2.3", "$5", "5 USD", "1 000", ".", "-", "+", "0x10", "١٢"]
    {
        let err = Money::parse_major("list price", text, Currency::USD).unwrap_err();
        match &err {
            DomainError::InvalidAmount { field, text: t, reason } => {
                assert_eq!(*field, "list price");
                assert_eq!(t, text);
                assert!(!reason.is_empty());
            }
            other => panic!("{text:?}: expected InvalidAmount, got {other:?}"),
        }
        assert_mentions(&err.to_string(), &["list price", &format!("{text:?}"), "is not an amount"]);
    }
    // The message says how to write one when the characters are wrong.
    let err = Money::parse_major("list price", "12,5", Currency::USD).unwrap_err();
    assert_mentions(&err.to_string(), &["digits", "decimal point"]);
}

#[test]
fn an_amount_too_large_for_64_bits_is_refused_naming_field_and_text() {
    // i64::MAX minor units is 92,233,720,368,547,758.07 dollars: the largest and smallest fit.
    let max = Money::parse_major("amount", "92233720368547758.07", Currency::USD).unwrap();
    assert_eq!(max.minor(), i64::MAX);
    let min = Money::parse_major("amount", "-92233720368547758.08", Currency::USD).unwrap();
    assert_eq!(min.minor(), i64::MIN);

    for text in ["92233720368547758.08", "-92233720368547758.09", "100000000000000000000", "99999999999999999999999"] {
        let err = Money::parse_major("annual revenue", text, Currency::USD).unwrap_err();
        assert!(
            matches!(&err, DomainError::InvalidAmount { field: "annual revenue", text: t, .. } if t == text),
            "{err:?}"
        );
        assert_mentions(&err.to_string(), &["annual revenue", &format!("{text:?}"), "too large"]);
    }
    // Yen have no minor unit, so the bound is 100 times higher in major units.
    assert_eq!(Money::parse_major("amount", "9223372036854775807", Currency::JPY).unwrap().minor(), i64::MAX);
    assert!(Money::parse_major("amount", "9223372036854775808", Currency::JPY).is_err());
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

#[test]
fn amounts_in_different_currencies_cannot_be_combined() {
    let err = usd(100).checked_add(Money::from_minor(100, Currency::EUR)).unwrap_err();
    assert_eq!(err, DomainError::CurrencyMismatch { left: "USD".to_owned(), right: "EUR".to_owned() });
    assert_mentions(&err.to_string(), &["USD", "EUR", "convert"]);

    let err = Money::from_minor(5, Currency::NOK).checked_sub(Money::from_minor(5, Currency::DKK)).unwrap_err();
    assert_eq!(err, DomainError::CurrencyMismatch { left: "NOK".to_owned(), right: "DKK".to_owned() });
    assert_mentions(&err.to_string(), &["NOK", "DKK", "convert one currency first"]);

    let err = Money::sum(Currency::USD, [usd(1), Money::from_minor(1, Currency::JPY)]).unwrap_err();
    assert!(matches!(err, DomainError::CurrencyMismatch { .. }), "{err:?}");
    // A sum of nothing is zero of the currency asked for.
    assert_eq!(Money::sum(Currency::CNY, []).unwrap(), Money::zero(Currency::CNY));
}

#[test]
fn arithmetic_that_overflows_is_an_error_not_a_wrapped_amount() {
    let overflow = |r: sutton_domain::Result<Money>| {
        let err = r.unwrap_err();
        assert_eq!(err, DomainError::AmountOverflow);
        assert_mentions(&err.to_string(), &["overflow", "64-bit"]);
    };
    overflow(usd(i64::MAX).checked_add(usd(1)));
    overflow(usd(i64::MIN).checked_sub(usd(1)));
    overflow(usd(i64::MAX / 2 + 1).checked_mul(2));
    overflow(Money::from_major(i64::MAX / 10, Currency::USD));
    overflow(Money::sum(Currency::USD, [usd(i64::MAX), usd(1)]));
    overflow(usd(i64::MAX).apply_rate(Rate::from_percent(200), Rounding::HalfAwayFromZero));
    // The exact intermediate product is wider than 64 bits, but the result fits.
    assert_eq!(usd(i64::MAX).apply_rate(Rate::from_percent(50), Rounding::TowardZero).unwrap().minor(), i64::MAX / 2);
}

#[test]
fn simple_arithmetic_keeps_the_currency() {
    assert_eq!(usd(150).checked_add(usd(-50)).unwrap(), usd(100));
    assert_eq!(usd(150).checked_sub(usd(200)).unwrap(), usd(-50));
    assert_eq!(usd(-150).checked_mul(3).unwrap(), usd(-450));
    assert_eq!(usd(150).negate(), usd(-150));
    assert_eq!(Money::from_major(1200, Currency::USD).unwrap(), usd(120_000));
    assert_eq!(Money::from_major(1200, Currency::JPY).unwrap(), Money::from_minor(1200, Currency::JPY));
    assert_eq!(Money::sum(Currency::USD, [usd(1), usd(2), usd(3)]).unwrap(), usd(6));
    assert!(usd(-1).is_negative() && !usd(0).is_negative() && usd(0).is_zero());
}

// ---------------------------------------------------------------------------------------------
// Formatting

#[test]
fn amounts_format_as_exact_decimals_in_major_units() {
    assert_eq!(usd(-123_450).to_decimal_string(), "-1234.50");
    assert_eq!(usd(5).to_decimal_string(), "0.05");
    // The sign must not get lost below one major unit.
    assert_eq!(usd(-5).to_decimal_string(), "-0.05");
    assert_eq!(usd(0).to_decimal_string(), "0.00");
    assert_eq!(Money::from_minor(1200, Currency::JPY).to_decimal_string(), "1200");
    assert_eq!(Money::from_minor(-7, Currency::JPY).to_decimal_string(), "-7");
    assert_eq!(Money::from_minor(5, Currency::KWD).to_decimal_string(), "0.005");
    assert_eq!(Money::from_minor(-12_345, clf()).to_decimal_string(), "-1.2345");
    assert_eq!(usd(i64::MIN).to_decimal_string(), "-92233720368547758.08");
    assert_eq!(usd(-123_450).to_string(), "USD -1234.50");
    assert_eq!(format!("{:?}", Money::from_minor(1200, Currency::JPY)), "JPY 1200");
}

#[test]
fn the_extremes_round_trip_through_text() {
    for currency in [Currency::JPY, Currency::USD, Currency::KWD, clf()] {
        for minor in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX] {
            let m = Money::from_minor(minor, currency);
            assert_eq!(Money::parse_major("amount", &m.to_decimal_string(), currency).unwrap(), m);
        }
    }
}

fn currency_with_any_exponent() -> impl Strategy<Value = Currency> {
    // Exponents 0, 2, 3 and 4.
    prop_oneof![Just(Currency::JPY), Just(Currency::USD), Just(Currency::KWD), Just(clf())]
}

proptest! {
    #[test]
    fn formatting_then_parsing_gives_the_same_amount(minor in any::<i64>(), currency in currency_with_any_exponent()) {
        let m = Money::from_minor(minor, currency);
        let text = m.to_decimal_string();
        prop_assert_eq!(Money::parse_major("amount", &text, currency).unwrap(), m);
        // Exactly the currency's number of decimals, so a reader sees the precision.
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
        prop_assert_eq!(decimals, usize::from(currency.exponent()));
    }

    #[test]
    fn parsing_reads_whole_and_fraction_digits_exactly(
        negative in any::<bool>(),
        whole in 0_i64..1_000_000_000_000,
        frac in 0_i64..10_000,
        frac_digits in 0_u32..=4,
        currency in currency_with_any_exponent(),
    ) {
        let exponent = u32::from(currency.exponent());
        prop_assume!(frac_digits <= exponent);
        let frac = frac % 10_i64.pow(frac_digits);
        let text = if frac_digits == 0 {
            format!("{}{whole}", if negative { "-" } else { "" })
        } else {
            format!("{}{whole}.{frac:0w$}", if negative { "-" } else { "" }, w = frac_digits as usize)
        };
        // Model: whole × 10^e + frac × 10^(e − digits), with the sign.
        let magnitude = whole * 10_i64.pow(exponent) + frac * 10_i64.pow(exponent - frac_digits);
        let expected = if negative { -magnitude } else { magnitude };
        prop_assert_eq!(Money::parse_major("amount", &text, currency).unwrap().minor(), expected, "{}", text);
    }
}

// ---------------------------------------------------------------------------------------------
// Allocation

#[test]
fn allocation_hands_leftover_units_to_the_largest_remainders() {
    let parts = |m: Money, w: &[i64]| m.allocate(w).unwrap().iter().map(Money::minor).collect::<Vec<_>>();
    // $1.00 in three: 33.33… each; the one leftover cent goes to the first (ties to the earlier part).
    assert_eq!(parts(usd(100), &[1, 1, 1]), [34, 33, 33]);
    assert_eq!(parts(usd(-100), &[1, 1, 1]), [-34, -33, -33]);
    assert_eq!(parts(usd(5), &[1, 1]), [3, 2]);
    // ¥1000 in 50/30/20 divides exactly.
    assert_eq!(parts(Money::from_minor(1000, Currency::JPY), &[50, 30, 20]), [500, 300, 200]);
    // 10 cents as 1:2:3:4 ÷ 10… = 1, 2, 3, 4 exactly; 11 cents = 1.1, 2.2, 3.3, 4.4 → 1, 2, 3, 4 + 1 to 4.4.
    assert_eq!(parts(usd(10), &[1, 2, 3, 4]), [1, 2, 3, 4]);
    assert_eq!(parts(usd(11), &[1, 2, 3, 4]), [1, 2, 3, 5]);
    // A zero weight gets nothing.
    assert_eq!(parts(usd(7), &[0, 1, 0]), [0, 7, 0]);
    // Nothing to share: all weights zero is fine.
    assert_eq!(parts(usd(0), &[0, 0]), [0, 0]);
    assert!(usd(0).allocate(&[]).unwrap().is_empty());
}

#[test]
fn allocation_refuses_negative_weights_and_an_amount_with_nowhere_to_go() {
    let err = usd(100).allocate(&[1, -1]).unwrap_err();
    assert!(matches!(err, DomainError::Negative { field: "allocation weight", .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["allocation weight", "negative", "-1"]);

    let err = usd(100).allocate(&[0, 0]).unwrap_err();
    assert!(matches!(err, DomainError::Inconsistent { .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["weights are zero"]);
    assert!(usd(100).allocate(&[]).is_err());
}

fn weights() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(prop_oneof![0_i64..10, 0_i64..1_000_000, 0_i64..=i64::MAX], 1..8)
        .prop_filter("at least one positive weight", |w| w.iter().any(|x| *x > 0))
}

proptest! {
    #[test]
    fn allocated_parts_add_up_to_the_whole_and_stay_within_one_unit(minor in any::<i64>(), w in weights()) {
        let whole = Money::from_minor(minor, Currency::EUR);
        let parts = whole.allocate(&w).unwrap();
        prop_assert_eq!(parts.len(), w.len());
        prop_assert!(parts.iter().all(|p| p.currency() == Currency::EUR));
        let sum: i128 = parts.iter().map(|p| i128::from(p.minor())).sum();
        prop_assert_eq!(sum, i128::from(minor));
        // |part − whole × w / total| < 1 ⇔ |part × total − whole × w| < total.
        let total: i128 = w.iter().map(|x| i128::from(*x)).sum();
        for (p, wi) in parts.iter().zip(&w) {
            let error = i128::from(p.minor()) * total - i128::from(minor) * i128::from(*wi);
            prop_assert!(error.abs() < total, "part {} of weight {} for {} over {:?}", p.minor(), wi, minor, w);
        }
    }

    #[test]
    fn allocating_the_negated_amount_negates_every_part(minor in -1_000_000_000_i64..1_000_000_000, w in weights()) {
        let plus = Money::from_minor(minor, Currency::USD).allocate(&w).unwrap();
        let minus = Money::from_minor(-minor, Currency::USD).allocate(&w).unwrap();
        let negated: Vec<Money> = plus.into_iter().map(Money::negate).collect();
        prop_assert_eq!(minus, negated);
    }
}

// ---------------------------------------------------------------------------------------------
// Rates applied to money

/// `minor × ppm / 10^6` under each rule, worked out by hand in the comments.
#[test]
fn each_rounding_rule_on_hand_computed_cases() {
    use Rounding::{HalfAwayFromZero as Away, HalfEven as Even, TowardZero as Zero};
    let cases: &[(i64, i64, [i64; 3])] = &[
        // minor, rate in ppm, [half away from zero, half even, toward zero]
        (5, 500_000, [3, 2, 2]),                           // 2.5
        (7, 500_000, [4, 4, 3]),                           // 3.5
        (-5, 500_000, [-3, -2, -2]),                       // −2.5
        (-7, 500_000, [-4, -4, -3]),                       // −3.5
        (26, 100_000, [3, 3, 2]),                          // 2.6
        (-26, 100_000, [-3, -3, -2]),                      // −2.6
        (24, 100_000, [2, 2, 2]),                          // 2.4
        (-24, 100_000, [-2, -2, -2]),                      // −2.4
        (1_000, 1_500, [2, 2, 1]),                         // 0.15 % of 1000 = 1.5
        (3_000, 1_500, [5, 4, 4]),                         // 4.5
        (10, 333_333, [3, 3, 3]),                          // 3.33333
        (10, 666_667, [7, 7, 6]),                          // 6.66667
        (1_000_005, 125_000, [125_001, 125_001, 125_000]), // $10,000.05 × 12.5 % = $1,250.000625 → 125000.625 cents
        (123_456, 75_000, [9_259, 9_259, 9_259]),          // $1,234.56 × 7.5 % = 9259.2 cents
        (1, 500_000, [1, 0, 0]),                           // 0.5
        (-1, 500_000, [-1, 0, 0]),                         // −0.5
        (3, 500_000, [2, 2, 1]),                           // 1.5
        (100, -500_000, [-50, -50, -50]),                  // a negative rate, exact
        (3, -500_000, [-2, -2, -1]),                       // −1.5
        (0, 123_456, [0, 0, 0]),
        (999, 0, [0, 0, 0]),
        (999, 1_000_000, [999, 999, 999]), // 100 % changes nothing
    ];
    for &(minor, rate, [away, even, zero]) in cases {
        for (rule, expected) in [(Away, away), (Even, even), (Zero, zero)] {
            let got = usd(minor).apply_rate(Rate::from_ppm(rate), rule).unwrap();
            assert_eq!(got, usd(expected), "{minor} × {rate} ppm by {rule:?}");
        }
    }
    assert_eq!(Rounding::default(), Away);
    // The currency is kept.
    let yen = Money::from_minor(5, Currency::JPY).apply_rate(Rate::from_percent(50), Away).unwrap();
    assert_eq!(yen, Money::from_minor(3, Currency::JPY));
}

#[test]
fn scaling_pro_rates_with_one_rounding_and_refuses_a_bad_denominator() {
    // $1,000.00 for 10 of 31 days = 32258.06… cents.
    let m = usd(100_000).scale(10, 31, Rounding::HalfAwayFromZero).unwrap();
    assert_eq!(m, usd(32_258));
    // 5 × 1/2 = 2.5 → 2 by half-even.
    assert_eq!(usd(5).scale(1, 2, Rounding::HalfEven).unwrap(), usd(2));
    for den in [0, -3] {
        let err = usd(100).scale(1, den, Rounding::HalfAwayFromZero).unwrap_err();
        assert!(matches!(err, DomainError::Inconsistent { .. }), "{err:?}");
        assert_mentions(&err.to_string(), &["denominator must be positive", &den.to_string()]);
    }
}

proptest! {
    #[test]
    fn half_away_from_zero_is_within_half_a_unit_and_ties_go_away(
        minor in i64::MIN / 4..i64::MAX / 4,
        ppm in -3_000_000_i64..=3_000_000,
    ) {
        let got = usd(minor).apply_rate(Rate::from_ppm(ppm), Rounding::HalfAwayFromZero).unwrap().minor();
        // Exact result = minor × ppm / 10^6; compare 10^6 × got with minor × ppm exactly.
        let exact = i128::from(minor) * i128::from(ppm);
        let scaled = i128::from(got) * 1_000_000;
        let error = scaled - exact;
        prop_assert!(2 * error.abs() <= 1_000_000, "{} × {} ppm gave {}", minor, ppm, got);
        if 2 * error.abs() == 1_000_000 {
            // An exact half: the result lies farther from zero than the exact value.
            prop_assert!(scaled.abs() > exact.abs());
        }
    }

    #[test]
    fn half_even_is_within_half_a_unit_and_ties_go_to_even(
        minor in i64::MIN / 4..i64::MAX / 4,
        ppm in -3_000_000_i64..=3_000_000,
    ) {
        let got = usd(minor).apply_rate(Rate::from_ppm(ppm), Rounding::HalfEven).unwrap().minor();
        let error = i128::from(got) * 1_000_000 - i128::from(minor) * i128::from(ppm);
        prop_assert!(2 * error.abs() <= 1_000_000);
        if 2 * error.abs() == 1_000_000 {
            prop_assert_eq!(got % 2, 0);
        }
    }

    #[test]
    fn toward_zero_never_pays_more_than_was_earned(
        minor in i64::MIN / 4..i64::MAX / 4,
        ppm in -3_000_000_i64..=3_000_000,
    ) {
        let got = usd(minor).apply_rate(Rate::from_ppm(ppm), Rounding::TowardZero).unwrap().minor();
        let exact = i128::from(minor) * i128::from(ppm);
        let scaled = i128::from(got) * 1_000_000;
        prop_assert!(scaled.abs() <= exact.abs());
        prop_assert!((exact - scaled).abs() < 1_000_000);
        prop_assert!(got == 0 || (got < 0) == (exact < 0));
    }

    #[test]
    fn rules_agree_whenever_the_result_is_not_an_exact_half(
        minor in -1_000_000_000_i64..1_000_000_000,
        ppm in 0_i64..=1_000_000,
    ) {
        let exact = i128::from(minor) * i128::from(ppm);
        prop_assume!(exact.rem_euclid(1_000_000) != 500_000);
        let away = usd(minor).apply_rate(Rate::from_ppm(ppm), Rounding::HalfAwayFromZero).unwrap();
        let even = usd(minor).apply_rate(Rate::from_ppm(ppm), Rounding::HalfEven).unwrap();
        prop_assert_eq!(away, even);
    }
}

// ---------------------------------------------------------------------------------------------
// Rates

#[test]
fn percentages_parse_to_exact_parts_per_million() {
    let cases: &[(&str, i64)] = &[
        ("12.5", 125_000),
        ("12.5 %", 125_000),
        ("12.5%", 125_000),
        (" 0.125% ", 1_250),
        ("-3", -30_000),
        ("+3", 30_000),
        ("100", 1_000_000),
        ("33.3333", 333_333),
        ("0.0001", 1),
        ("7.50", 75_000),
        ("0", 0),
        ("250", 2_500_000),
    ];
    for &(text, ppm) in cases {
        assert_eq!(Rate::parse_percent("rate", text).unwrap(), Rate::from_ppm(ppm), "{text:?}");
    }
    assert_eq!(Rate::from_percent(12), Rate::from_ppm(120_000));
    assert_eq!(Rate::from_basis_points(125), Rate::from_ppm(12_500));
    assert_eq!(Rate::ONE, Rate::from_percent(100));
}

#[test]
fn percentages_that_are_not_numbers_or_too_precise_are_refused() {
    for (text, reason) in [
        ("12.34567", "four decimals"),
        ("0.00001", "four decimals"),
        ("abc", "12.5 %"),
        ("12,5", "12.5 %"),
        ("1e2", "12.5 %"),
        ("", "no digits"),
        ("%", "no digits"),
        ("--1", "12.5 %"),
        ("99999999999999999999", "too large"),
    ] {
        let err = Rate::parse_percent("commission rate", text).unwrap_err();
        assert!(
            matches!(&err, DomainError::InvalidRate { field: "commission rate", text: t, .. } if t == text),
            "{text:?}: {err:?}"
        );
        assert_mentions(&err.to_string(), &["commission rate", &format!("{text:?}"), "is not a rate", reason]);
    }
}

#[test]
fn rates_show_as_percentages_with_just_the_decimals_needed() {
    assert_eq!(Rate::from_ppm(125_000).to_string(), "12.5 %");
    assert_eq!(Rate::ONE.to_string(), "100 %");
    assert_eq!(Rate::ZERO.to_string(), "0 %");
    assert_eq!(Rate::from_ppm(1).to_string(), "0.0001 %");
    assert_eq!(Rate::from_ppm(10).to_string(), "0.001 %");
    assert_eq!(Rate::from_ppm(333_333).to_string(), "33.3333 %");
    assert_eq!(Rate::from_ppm(-30_000).to_string(), "-3 %");
    // The sign survives below one percent.
    assert_eq!(Rate::from_ppm(-5).to_string(), "-0.0005 %");
    assert_eq!(format!("{:?}", Rate::from_percent(40)), "40 %");
}

#[test]
fn a_rate_outside_its_range_is_refused_naming_the_field_and_the_bounds() {
    let err = Rate::from_percent(120).within("discount", Rate::ZERO, Rate::ONE).unwrap_err();
    assert_eq!(
        err,
        DomainError::RateOutOfRange {
            field: "discount",
            value: "120 %".to_owned(),
            min: "0 %".to_owned(),
            max: "100 %".to_owned()
        }
    );
    assert_eq!(err.to_string(), "discount must be between 0 % and 100 %, got 120 %");
    assert!(Rate::from_ppm(-1).within("discount", Rate::ZERO, Rate::ONE).is_err());
    // The bounds themselves are inside.
    assert_eq!(Rate::ONE.within("discount", Rate::ZERO, Rate::ONE).unwrap(), Rate::ONE);
    assert_eq!(Rate::ZERO.within("discount", Rate::ZERO, Rate::ONE).unwrap(), Rate::ZERO);
}

#[test]
fn ratios_round_to_the_nearest_part_per_million() {
    assert_eq!(Rate::ratio(1, 3), Some(Rate::from_ppm(333_333))); // 333333.33…
    assert_eq!(Rate::ratio(2, 3), Some(Rate::from_ppm(666_667))); // 666666.66…
    assert_eq!(Rate::ratio(1, -3), Some(Rate::from_ppm(-333_333)));
    assert_eq!(Rate::ratio(-2, 3), Some(Rate::from_ppm(-666_667)));
    assert_eq!(Rate::ratio(-1, -3), Some(Rate::from_ppm(333_333)));
    assert_eq!(Rate::ratio(7, 7), Some(Rate::ONE));
    assert_eq!(Rate::ratio(0, 5), Some(Rate::ZERO));
    assert_eq!(Rate::ratio(3, 2), Some(Rate::from_percent(150)));
    // Exactly half a ppm goes away from zero.
    assert_eq!(Rate::ratio(1, 2_000_000), Some(Rate::from_ppm(1)));
    assert_eq!(Rate::ratio(-1, 2_000_000), Some(Rate::from_ppm(-1)));
    assert_eq!(Rate::ratio(1, -2_000_000), Some(Rate::from_ppm(-1)));
    assert_eq!(Rate::ratio(1, 0), None);
    // Too large for an i64 of ppm.
    assert_eq!(Rate::ratio(i64::MAX, 1), None);
}

#[test]
fn a_complement_is_one_minus_the_rate() {
    assert_eq!(Rate::from_percent(15).complement(), Rate::from_percent(85));
    assert_eq!(Rate::ZERO.complement(), Rate::ONE);
    assert_eq!(Rate::from_percent(10).checked_add(Rate::from_ppm(5)), Some(Rate::from_ppm(100_005)));
    assert_eq!(Rate::from_ppm(i64::MAX).checked_add(Rate::from_ppm(1)), None);
}

proptest! {
    #[test]
    fn a_rate_shown_as_text_parses_back_to_itself(ppm in -1_000_000_000_000_i64..1_000_000_000_000) {
        let rate = Rate::from_ppm(ppm);
        prop_assert_eq!(Rate::parse_percent("rate", &rate.to_string()).unwrap(), rate);
    }

    #[test]
    fn a_percentage_with_up_to_four_decimals_shows_as_written(
        negative in any::<bool>(),
        whole in 0_u32..100_000,
        frac in 1_u32..10_000,
    ) {
        // Written without trailing zeros, as Display writes it.
        let frac = format!("{frac:04}");
        let frac = frac.trim_end_matches('0');
        let text = format!("{}{whole}.{frac} %", if negative { "-" } else { "" });
        let rate = Rate::parse_percent("rate", &text).unwrap();
        prop_assert_eq!(rate.to_string(), text);
    }

    #[test]
    fn a_ratio_is_within_half_a_ppm_of_the_exact_fraction(n in -1_000_000_000_i64..1_000_000_000, d in 1_i64..1_000_000_000) {
        let d = if n % 2 == 0 { d } else { -d };
        let r = Rate::ratio(n, d).unwrap();
        // |ppm − 10^6 n / d| ≤ 1/2 ⇔ |2 (ppm d − 10^6 n)| ≤ |d|.
        let error = i128::from(r.ppm()) * i128::from(d) - 1_000_000 * i128::from(n);
        prop_assert!(2 * error.abs() <= i128::from(d).abs());
    }
}
