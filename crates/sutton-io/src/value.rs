//! Cell values as CRMs and spreadsheets write them, parsed exactly.
//!
//! Numbers arrive as `1234.56`, `1,234.56`, `1 234,56`, `1.234,56` or `1234,56` depending on
//! who saved the file; [`decimal`] turns each into a plain `1234.56` without ever passing
//! through a float, so money stays exact. A lone comma followed by three digits is the one
//! ambiguous case (`1,234`): in a semicolon-separated file (a Norwegian, Danish or German
//! spreadsheet) it is a decimal comma, otherwise a thousands separator.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use sutton_domain::{Currency, Money, Rate};

/// Normalises a number to `-1234.56` form. `decimal_comma` says how to read `1,234` and `1.234`.
pub fn decimal(text: &str, decimal_comma: bool) -> Result<String, String> {
    let mut t: String =
        text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')).collect();
    for symbol in ["$", "€", "£", "¥", "￥", "kr.", "kr", "%"] {
        if let Some(rest) = t.strip_suffix(symbol) {
            t = rest.to_owned();
        }
        if let Some(rest) = t.strip_prefix(symbol) {
            t = rest.to_owned();
        }
    }
    let (sign, body) = match t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        Some(rest) => ("-", rest.to_owned()),
        None => ("", t.strip_prefix('+').unwrap_or(&t).to_owned()),
    };
    // Accounting negatives: (1,234.00)
    let (sign, body) = match body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        Some(inner) => ("-", inner.to_owned()),
        None => (sign, body),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return Err(format!("{text:?} is not a number"));
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let decimal_mark = match (commas, dots) {
        (0, 0) => None,
        (_, 0) if commas > 1 => None,
        (0, _) if dots > 1 => None,
        (1, 0) => {
            let after = body.len() - body.find(',').unwrap_or(0) - 1;
            if after == 3 && !decimal_comma { None } else { Some(',') }
        }
        (0, 1) => {
            let after = body.len() - body.find('.').unwrap_or(0) - 1;
            if after == 3 && decimal_comma { None } else { Some('.') }
        }
        _ => {
            let last_comma = body.rfind(',').unwrap_or(0);
            let last_dot = body.rfind('.').unwrap_or(0);
            if last_comma > last_dot { Some(',') } else { Some('.') }
        }
    };
    let (whole, frac) = match decimal_mark {
        Some(mark) => {
            let at = body.rfind(mark).unwrap_or(0);
            (&body[..at], &body[at + 1..])
        }
        None => (body.as_str(), ""),
    };
    if frac.contains([',', '.']) {
        return Err(format!("{text:?} is not a number"));
    }
    let thousands = match decimal_mark {
        Some(',') => '.',
        Some(_) => ',',
        None if whole.contains('.') => '.',
        None => ',',
    };
    let groups: Vec<&str> = whole.split([thousands]).collect();
    if whole.contains(if thousands == ',' { '.' } else { ',' })
        || (groups.len() > 1 && groups.iter().skip(1).any(|g| g.len() != 3))
    {
        return Err(format!("{text:?} has misplaced thousands separators"));
    }
    let whole: String = groups.concat();
    let whole = if whole.is_empty() { "0".to_owned() } else { whole };
    Ok(if frac.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{frac}") })
}

/// [`decimal`], borrowing the text when it is already plain (`1234.56`, `-5`): what exports
/// write in nearly every cell, read without building a new string.
fn plain(text: &str, decimal_comma: bool) -> Result<Cow<'_, str>, String> {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let body = t.strip_prefix('-').unwrap_or(t);
    let already_plain = match body.split_once('.') {
        None => digits(body),
        // With decimal commas, `1.234` is a thousand and more: leave it to the full reading.
        Some((whole, frac)) => !decimal_comma && digits(whole) && digits(frac),
    };
    if already_plain { Ok(Cow::Borrowed(t)) } else { decimal(text, decimal_comma).map(Cow::Owned) }
}

pub fn money(field: &'static str, text: &str, currency: Currency, decimal_comma: bool) -> Result<Money, String> {
    let plain = plain(text, decimal_comma)?;
    Money::parse_major(field, &plain, currency).map_err(|e| e.to_string())
}

/// A percentage written `12.5`, `12,5 %` or `12.5%`.
pub fn percent(field: &'static str, text: &str, decimal_comma: bool) -> Result<Rate, String> {
    let plain = plain(text, decimal_comma)?;
    Rate::parse_percent(field, &plain).map_err(|e| e.to_string())
}

pub fn integer(text: &str, decimal_comma: bool) -> Result<i64, String> {
    let plain = plain(text, decimal_comma)?;
    let whole = match plain.split_once('.') {
        Some((w, f)) if f.bytes().all(|b| b == b'0') => w,
        Some(_) => return Err(format!("{text:?} is not a whole number")),
        None => &plain,
    };
    whole.parse::<i64>().map_err(|_| format!("{text:?} is not a whole number"))
}

pub fn float(text: &str, decimal_comma: bool) -> Result<f64, String> {
    plain(text, decimal_comma)?.parse::<f64>().map_err(|_| format!("{text:?} is not a number"))
}

/// `1`, `true`, `yes`, `x` (and the Norwegian, Danish and Chinese words) are true; empty, `0`,
/// `false`, `no` are false.
pub fn boolean(text: &str) -> Result<bool, String> {
    // Salesforce writes 1/0 or true/false: no lower-casing copy for those.
    match text.trim() {
        "1" | "true" => return Ok(true),
        "" | "0" | "false" => return Ok(false),
        _ => {}
    }
    match text.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "x" | "ja" | "sant" | "是" | "真" => Ok(true),
        "" | "0" | "false" | "no" | "n" | "nei" | "nej" | "usant" | "falsk" | "否" | "假" => Ok(false),
        _ => Err(format!("{text:?} is not a yes/no value: write 1 or 0, true or false")),
    }
}

/// A date: ISO `2024-01-22`, a timestamp (its date in UTC), `22.01.2024`, `2024/1/22`, or
/// `1/22/2024` — with slashes, day first when the day is over 12 or the file writes decimal
/// commas, month first otherwise (Salesforce's US reports).
pub fn date(text: &str, decimal_comma: bool) -> Result<NaiveDate, String> {
    let t = text.trim();
    // The common cases, without parsing a format string per cell: an ISO date, or a UTC
    // timestamp whose date is its first ten characters.
    let utc = t.len() == 10 || t.ends_with("+0000") || t.ends_with('Z') || (t.len() == 19 && t.as_bytes()[10] == b'T');
    if utc && let Some(d) = iso_date(t) {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    if t.len() > 10
        && let Ok(ts) = timestamp(t, decimal_comma)
    {
        return Ok(ts.date());
    }
    let bad = || format!("{text:?} is not a date: write YYYY-MM-DD");
    let parts: Vec<&str> = t.split(['.', '/', '-']).collect();
    if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(bad());
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if t.contains('.') || n[0] > 12 || (decimal_comma && n[1] <= 12) {
        (n[2], n[1], n[0])
    } else {
        (n[2], n[0], n[1])
    };
    let y = if y < 100 { y + 2000 } else { y };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)
}

fn iso_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T' && b[10] != b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> { t.get(r)?.parse().ok() };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// A moment in UTC: Salesforce's `2024-01-22T16:14:25.000+0000`, RFC 3339, `2024-01-22 16:14`,
/// or a date alone (midnight).
pub fn timestamp(text: &str, decimal_comma: bool) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(t, format) {
            return Ok(dt.naive_utc());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.naive_utc());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(dt);
        }
    }
    if t.len() <= 10 {
        return date(t, decimal_comma)
            .map(|d| d.and_time(NaiveTime::MIN))
            .map_err(|_| format!("{text:?} is not a date and time: write 2024-01-22T16:14:25Z"));
    }
    Err(format!("{text:?} is not a date and time: write 2024-01-22T16:14:25Z"))
}

/// Salesforce's timestamp form, which its Data Loader reads back.
pub fn salesforce_timestamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f+0000").to_string()
}

/// A percentage as a plain decimal number (`12.5`), the way CRMs take percent fields.
pub fn percent_text(rate: Rate) -> String {
    let ppm = rate.ppm();
    let sign = if ppm < 0 { "-" } else { "" };
    let abs = ppm.unsigned_abs();
    let (whole, frac) = (abs / 10_000, abs % 10_000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{}", format!("{frac:04}").trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_spreadsheet_style() {
        for (text, comma, want) in [
            ("1234.56", false, "1234.56"),
            ("1,234.56", false, "1234.56"),
            ("1 234,56", true, "1234.56"),
            ("1\u{a0}234,56", false, "1234.56"),
            ("1.234.567,8", true, "1234567.8"),
            ("1.234,50", false, "1234.50"),
            ("1234,5", false, "1234.5"),
            ("1,234", false, "1234"),
            ("1,234", true, "1.234"),
            ("1.234", true, "1234"),
            ("1,234,567", false, "1234567"),
            ("¥12,000.00", false, "12000.00"),
            ("-0,5", true, "-0.5"),
            ("(1,200.00)", false, "-1200.00"),
            ("12,5 %", true, "12.5"),
            (",5", true, "0.5"),
        ] {
            assert_eq!(decimal(text, comma).as_deref(), Ok(want), "{text:?}");
        }
        for bad in ["", "abc", "1,23,4.5", "1.2.3,4,5", "12 apples"] {
            assert!(decimal(bad, false).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn money_is_exact() {
        let m = money("amount", "1 234 567,89", Currency::NOK, true).expect("parses");
        assert_eq!(m.minor(), 123_456_789);
        assert!(money("amount", "1.005", Currency::USD, false).is_err(), "three decimals for USD");
    }

    #[test]
    fn salesforce_timestamps_and_dates() {
        let t = timestamp("2024-01-22T16:14:25.000+0000", false).expect("salesforce form");
        assert_eq!(salesforce_timestamp(t), "2024-01-22T16:14:25.000+0000");
        assert_eq!(timestamp("2024-01-22T18:14:25.000+0200", false), Ok(t));
        assert_eq!(date("2024-01-22T23:30:00.000-0200", false).expect("date").to_string(), "2024-01-23");
        assert_eq!(date("1/22/2024", false).expect("US").to_string(), "2024-01-22");
        assert_eq!(date("22.01.2024", true).expect("nb").to_string(), "2024-01-22");
        assert_eq!(date("02/03/2024", true).expect("da").to_string(), "2024-03-02");
        assert_eq!(date("2024/1/22", false).expect("zh").to_string(), "2024-01-22");
        assert!(date("2024-02-30", false).is_err());
    }

    #[test]
    fn booleans_and_percentages() {
        assert_eq!(boolean("1"), Ok(true));
        assert_eq!(boolean(""), Ok(false));
        assert_eq!(boolean("TRUE"), Ok(true));
        assert!(boolean("maybe").is_err());
        assert_eq!(percent("p", "12,5", true).map(Rate::ppm), Ok(125_000));
        assert_eq!(percent_text(Rate::from_ppm(125_000)), "12.5");
        assert_eq!(percent_text(Rate::from_ppm(1_000_000)), "100");
    }
}
