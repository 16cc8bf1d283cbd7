//! Fiscal calendars and periods.

use chrono::{Datelike, Days, Months, NaiveDate};
use proptest::prelude::*;
use sutton_domain::{DomainError, FiscalCalendar, FiscalYearNaming, Period, PeriodKind};

use crate::{assert_mentions, d};

use FiscalYearNaming::{EndYear, StartYear};

fn cal(first_month: u32, naming: FiscalYearNaming) -> FiscalCalendar {
    FiscalCalendar::new(first_month, naming).expect("a valid first month")
}

fn p(text: &str) -> Period {
    Period::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Hand-checked calendars

/// (first month, naming, date, fiscal year, quarter, month), worked out on a paper calendar.
type Case = (u32, FiscalYearNaming, (i32, u32, u32), &'static str, &'static str, &'static str);

const CASES: &[Case] = &[
    // January start: both namings give the calendar year.
    (1, EndYear, (2026, 1, 1), "FY2026", "FY2026 Q1", "FY2026 M01"),
    (1, EndYear, (2026, 4, 1), "FY2026", "FY2026 Q2", "FY2026 M04"),
    (1, EndYear, (2026, 12, 31), "FY2026", "FY2026 Q4", "FY2026 M12"),
    (1, StartYear, (2026, 1, 1), "FY2026", "FY2026 Q1", "FY2026 M01"),
    (1, StartYear, (2025, 12, 31), "FY2025", "FY2025 Q4", "FY2025 M12"),
    // February start (retail): Feb 2026 – Jan 2027 is FY2026 by start year, FY2027 by end year.
    (2, StartYear, (2026, 1, 15), "FY2025", "FY2025 Q4", "FY2025 M12"),
    (2, StartYear, (2026, 2, 1), "FY2026", "FY2026 Q1", "FY2026 M01"),
    (2, StartYear, (2026, 4, 30), "FY2026", "FY2026 Q1", "FY2026 M03"),
    (2, StartYear, (2026, 5, 1), "FY2026", "FY2026 Q2", "FY2026 M04"),
    (2, EndYear, (2026, 1, 15), "FY2026", "FY2026 Q4", "FY2026 M12"),
    (2, EndYear, (2026, 2, 1), "FY2027", "FY2027 Q1", "FY2027 M01"),
    // April start (UK, Japan, India): Apr 2025 – Mar 2026.
    (4, EndYear, (2025, 4, 1), "FY2026", "FY2026 Q1", "FY2026 M01"),
    (4, EndYear, (2025, 12, 25), "FY2026", "FY2026 Q3", "FY2026 M09"),
    (4, EndYear, (2026, 3, 31), "FY2026", "FY2026 Q4", "FY2026 M12"),
    (4, StartYear, (2025, 4, 1), "FY2025", "FY2025 Q1", "FY2025 M01"),
    (4, StartYear, (2026, 1, 1), "FY2025", "FY2025 Q4", "FY2025 M10"),
    (4, StartYear, (2026, 3, 31), "FY2025", "FY2025 Q4", "FY2025 M12"),
    // July start: Jul 2025 – Jun 2026.
    (7, EndYear, (2025, 6, 30), "FY2025", "FY2025 Q4", "FY2025 M12"),
    (7, EndYear, (2025, 7, 1), "FY2026", "FY2026 Q1", "FY2026 M01"),
    (7, EndYear, (2025, 10, 15), "FY2026", "FY2026 Q2", "FY2026 M04"),
    (7, EndYear, (2026, 1, 1), "FY2026", "FY2026 Q3", "FY2026 M07"),
    (7, EndYear, (2026, 6, 30), "FY2026", "FY2026 Q4", "FY2026 M12"),
    (7, StartYear, (2025, 7, 1), "FY2025", "FY2025 Q1", "FY2025 M01"),
    (7, StartYear, (2026, 6, 30), "FY2025", "FY2025 Q4", "FY2025 M12"),
    // October start (US federal government): FY2026 began on 1 October 2025.
    (10, EndYear, (2025, 9, 30), "FY2025", "FY2025 Q4", "FY2025 M12"),
    (10, EndYear, (2025, 10, 1), "FY2026", "FY2026 Q1", "FY2026 M01"),
    (10, EndYear, (2026, 1, 1), "FY2026", "FY2026 Q2", "FY2026 M04"),
    (10, EndYear, (2024, 2, 29), "FY2024", "FY2024 Q2", "FY2024 M05"),
    (10, StartYear, (2025, 10, 1), "FY2025", "FY2025 Q1", "FY2025 M01"),
    (10, StartYear, (2026, 9, 30), "FY2025", "FY2025 Q4", "FY2025 M12"),
];

#[test]
fn the_period_containing_a_date_in_hand_checked_calendars() {
    for &(first, naming, (y, m, day), year, quarter, month) in CASES {
        let c = cal(first, naming);
        let date = d(y, m, day);
        let label = format!("{date} with first month {first}, {naming:?}");
        assert_eq!(c.period_of(date, PeriodKind::Year).to_string(), year, "{label}");
        assert_eq!(c.period_of(date, PeriodKind::Quarter).to_string(), quarter, "{label}");
        assert_eq!(c.period_of(date, PeriodKind::Month).to_string(), month, "{label}");
        assert_eq!(c.period_of(date, PeriodKind::Year), p(year), "{label}");
        assert_eq!(c.fiscal_year_of(date), p(year).fiscal_year(), "{label}");
        for text in [year, quarter, month] {
            assert!(c.contains(p(text), date), "{label}: {text}");
        }
    }
}

#[test]
fn period_dates_in_hand_checked_calendars() {
    // (first month, naming, period, first day, day after the last, last day)
    let cases: &[(u32, FiscalYearNaming, &str, NaiveDate, NaiveDate, NaiveDate)] = &[
        (7, EndYear, "FY2026", d(2025, 7, 1), d(2026, 7, 1), d(2026, 6, 30)),
        (7, EndYear, "FY2026 Q2", d(2025, 10, 1), d(2026, 1, 1), d(2025, 12, 31)),
        (7, EndYear, "FY2026 M07", d(2026, 1, 1), d(2026, 2, 1), d(2026, 1, 31)),
        (7, StartYear, "FY2025", d(2025, 7, 1), d(2026, 7, 1), d(2026, 6, 30)),
        (4, StartYear, "FY2025 Q4", d(2026, 1, 1), d(2026, 4, 1), d(2026, 3, 31)),
        (4, EndYear, "FY2026 Q1", d(2025, 4, 1), d(2025, 7, 1), d(2025, 6, 30)),
        (10, EndYear, "FY2024 M05", d(2024, 2, 1), d(2024, 3, 1), d(2024, 2, 29)),
        (10, EndYear, "FY2026", d(2025, 10, 1), d(2026, 10, 1), d(2026, 9, 30)),
        (1, EndYear, "FY2026 Q4", d(2026, 10, 1), d(2027, 1, 1), d(2026, 12, 31)),
        (1, StartYear, "FY2026", d(2026, 1, 1), d(2027, 1, 1), d(2026, 12, 31)),
        (2, StartYear, "FY2025 M12", d(2026, 1, 1), d(2026, 2, 1), d(2026, 1, 31)),
        (2, StartYear, "FY2025", d(2025, 2, 1), d(2026, 2, 1), d(2026, 1, 31)),
        (2, EndYear, "FY2026", d(2025, 2, 1), d(2026, 2, 1), d(2026, 1, 31)),
    ];
    for &(first, naming, text, start, end, last) in cases {
        let c = cal(first, naming);
        let period = p(text);
        let label = format!("{text} with first month {first}, {naming:?}");
        assert_eq!(c.start(period), start, "{label}");
        assert_eq!(c.end(period), end, "{label}");
        assert_eq!(c.last_day(period), last, "{label}");
        assert!(c.contains(period, start) && c.contains(period, last), "{label}");
        assert!(!c.contains(period, end), "{label}: periods are half-open");
        assert!(!c.contains(period, start.pred_opt().unwrap()), "{label}");
    }
}

#[test]
fn the_default_calendar_is_the_calendar_year() {
    let c = FiscalCalendar::default();
    assert_eq!((c.first_month(), c.naming()), (1, EndYear));
    assert_eq!(c.period_of(d(2026, 8, 9), PeriodKind::Quarter), p("FY2026 Q3"));
}

#[test]
fn a_fiscal_first_month_outside_1_to_12_is_refused() {
    for month in [0, 13, 99] {
        let err = FiscalCalendar::new(month, EndYear).unwrap_err();
        assert_eq!(err, DomainError::InvalidFiscalMonth(month));
        assert_mentions(&err.to_string(), &["first month", "1 to 12", &format!("got {month}")]);
    }
}

// ---------------------------------------------------------------------------------------------
// Period names

#[test]
fn periods_are_read_in_the_documented_spellings() {
    assert_eq!(p("FY2026"), Period::year(2026).unwrap());
    assert_eq!(p("FY2026 Q3"), Period::quarter(2026, 3).unwrap());
    assert_eq!(p("fy2026 q3"), Period::quarter(2026, 3).unwrap());
    assert_eq!(p("FY2026-Q3"), Period::quarter(2026, 3).unwrap());
    assert_eq!(p("FY2026 M07"), Period::month(2026, 7).unwrap());
    assert_eq!(p("  FY2026 M7 "), Period::month(2026, 7).unwrap());
    assert_eq!("FY2026 M12".parse::<Period>().unwrap(), Period::month(2026, 12).unwrap());
    assert_eq!(Period::month(2026, 7).unwrap().to_string(), "FY2026 M07");
    assert_eq!(format!("{:?}", Period::quarter(2026, 1).unwrap()), "FY2026 Q1");
    let q = p("FY2026 Q3");
    assert_eq!((q.kind(), q.fiscal_year(), q.index()), (PeriodKind::Quarter, 2026, 3));
}

#[test]
fn text_that_is_not_a_period_is_refused_with_the_spellings_to_use() {
    for text in [
        "FY2026 Q5",
        "2026 Q1",
        "FY2026 M13",
        "FY2026 M00",
        "FY2026 Q0",
        "FY2026 Q",
        "FY2026 X1",
        "FY2026Q1",
        "FY2026 Q1 extra",
        "FY",
        "FYabcd",
        "FY0",
        "FY10000",
        "",
        "Q1 2026",
        // Not ASCII after the separator: refused, not a panic.
        "FY2026 É1",
        "FY2026 Ⅳ",
        "FY2026 Q١",
    ] {
        let err = Period::parse(text).unwrap_err();
        assert_eq!(err, DomainError::InvalidPeriod { text: text.to_owned() }, "{text:?}");
        assert_mentions(&err.to_string(), &[&format!("{text:?}"), "is not a period", "FY2026 Q1", "FY2026 M01"]);
    }
}

#[test]
fn periods_with_an_index_outside_the_year_cannot_be_made() {
    for (kind, index) in
        [(PeriodKind::Quarter, 5), (PeriodKind::Quarter, 0), (PeriodKind::Month, 13), (PeriodKind::Year, 2)]
    {
        let err = Period::new(kind, 2026, index).unwrap_err();
        assert!(matches!(err, DomainError::InvalidPeriod { .. }), "{kind:?} {index}: {err:?}");
        assert_mentions(&err.to_string(), &["2026", "is not a period"]);
    }
    assert!(Period::year(0).is_err());
    assert!(Period::year(10_000).is_err());
}

#[test]
fn period_kinds_parse_from_words_and_letters() {
    assert_eq!(PeriodKind::parse("Month").unwrap(), PeriodKind::Month);
    assert_eq!(PeriodKind::parse("q").unwrap(), PeriodKind::Quarter);
    assert_eq!(PeriodKind::parse(" year ").unwrap(), PeriodKind::Year);
    let err = PeriodKind::parse("week").unwrap_err();
    assert!(matches!(err, DomainError::InvalidChoice { field: "period kind", .. }));
    assert_mentions(&err.to_string(), &["\"week\"", "month, quarter, year"]);
}

#[test]
fn offsets_cross_fiscal_years() {
    assert_eq!(p("FY2026 M12").next(), p("FY2027 M01"));
    assert_eq!(p("FY2026 Q1").previous(), p("FY2025 Q4"));
    assert_eq!(p("FY2026 M03").offset(-14), p("FY2025 M01"));
    assert_eq!(p("FY2026 Q2").offset(7), p("FY2028 Q1"));
    assert_eq!(p("FY2026").offset(-3), p("FY2023"));
    assert_eq!(p("FY2026 M05").offset(0), p("FY2026 M05"));
}

#[test]
fn the_periods_between_two_dates_in_a_july_calendar() {
    let c = cal(7, EndYear);
    let quarters = c.periods(d(2025, 8, 15), d(2026, 2, 1), PeriodKind::Quarter);
    assert_eq!(quarters, [p("FY2026 Q1"), p("FY2026 Q2"), p("FY2026 Q3")]);
    let years = c.periods(d(2025, 6, 30), d(2025, 7, 1), PeriodKind::Year);
    assert_eq!(years, [p("FY2025"), p("FY2026")]);
    let one = c.periods(d(2025, 7, 2), d(2025, 7, 30), PeriodKind::Month);
    assert_eq!(one, [p("FY2026 M01")]);
}

// ---------------------------------------------------------------------------------------------
// Properties over every first month, both namings and three centuries of dates

fn calendar() -> impl Strategy<Value = FiscalCalendar> {
    (1_u32..=12, any::<bool>()).prop_map(|(m, start)| cal(m, if start { StartYear } else { EndYear }))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0_u64..110_000).prop_map(|n| d(1900, 1, 1) + Days::new(n))
}

fn kind() -> impl Strategy<Value = PeriodKind> {
    prop_oneof![Just(PeriodKind::Month), Just(PeriodKind::Quarter), Just(PeriodKind::Year)]
}

fn per_year(kind: PeriodKind) -> u32 {
    12 / kind.months()
}

/// `date` moved by `n` calendar months (either way).
fn add_months(date: NaiveDate, n: i64) -> NaiveDate {
    let m = Months::new(u32::try_from(n.unsigned_abs()).unwrap());
    let moved = if n >= 0 { date.checked_add_months(m) } else { date.checked_sub_months(m) };
    moved.expect("a date within chrono's range")
}

proptest! {
    #[test]
    fn the_period_of_a_date_contains_it(c in calendar(), date in date(), kind in kind()) {
        let period = c.period_of(date, kind);
        prop_assert_eq!(period.kind(), kind);
        prop_assert!(c.start(period) <= date && date < c.end(period), "{} not in {}", date, period);
        prop_assert!(c.contains(period, date));
        prop_assert!(c.start(period) <= c.last_day(period) && c.last_day(period) < c.end(period));
        // A period is whole calendar months long.
        prop_assert_eq!(c.start(period).day(), 1);
        prop_assert_eq!(add_months(c.start(period), i64::from(kind.months())), c.end(period));
        prop_assert_eq!(c.fiscal_year_of(date), period.fiscal_year());
    }

    #[test]
    fn a_fiscal_month_is_a_calendar_month(c in calendar(), date in date()) {
        let month = c.period_of(date, PeriodKind::Month);
        prop_assert_eq!(c.start(month), d(date.year(), date.month(), 1));
        // The first fiscal month starts in the calendar's first month.
        let first = Period::month(month.fiscal_year(), 1).unwrap();
        prop_assert_eq!(c.start(first).month(), c.first_month());
    }

    #[test]
    fn a_fiscal_year_is_named_after_the_calendar_year_the_naming_says(c in calendar(), date in date()) {
        let year = c.period_of(date, PeriodKind::Year);
        let named_after = match c.naming() {
            EndYear => c.last_day(year).year(),
            StartYear => c.start(year).year(),
        };
        prop_assert_eq!(year.fiscal_year(), named_after);
        // The two namings differ by one year unless the year starts in January.
        let other = cal(c.first_month(), if c.naming() == EndYear { StartYear } else { EndYear });
        let end_named = if c.naming() == EndYear { year.fiscal_year() } else { other.fiscal_year_of(date) };
        let start_named = if c.naming() == StartYear { year.fiscal_year() } else { other.fiscal_year_of(date) };
        prop_assert_eq!(end_named - start_named, i32::from(c.first_month() != 1));
    }

    #[test]
    fn consecutive_periods_tile_without_gap_or_overlap(c in calendar(), date in date(), kind in kind()) {
        let period = c.period_of(date, kind);
        prop_assert_eq!(c.end(period), c.start(period.next()));
        prop_assert_eq!(c.start(period), c.end(period.previous()));
        prop_assert_eq!(c.period_of(c.end(period), kind), period.next());
        prop_assert_eq!(c.period_of(c.last_day(period), kind), period);
        prop_assert_eq!(c.period_of(c.start(period), kind), period);
    }

    #[test]
    fn a_year_is_four_quarters_and_twelve_months_that_partition_it(c in calendar(), date in date()) {
        let year = c.period_of(date, PeriodKind::Year);
        let fy = year.fiscal_year();
        let days = (c.end(year) - c.start(year)).num_days();
        prop_assert!(days == 365 || days == 366, "{} has {} days", year, days);

        let quarters: Vec<Period> = (1..=4).map(|q| Period::quarter(fy, q).unwrap()).collect();
        let months: Vec<Period> = (1..=12).map(|m| Period::month(fy, m).unwrap()).collect();
        for parts in [&quarters, &months] {
            prop_assert_eq!(c.start(parts[0]), c.start(year));
            prop_assert_eq!(c.end(*parts.last().unwrap()), c.end(year));
            for pair in parts.windows(2) {
                prop_assert_eq!(c.end(pair[0]), c.start(pair[1]));
                prop_assert_eq!(pair[0].next(), pair[1]);
            }
            let total: i64 = parts.iter().map(|p| (c.end(*p) - c.start(*p)).num_days()).sum();
            prop_assert_eq!(total, days);
        }
        // Fiscal months 1–3 are the first quarter, 4–6 the second…
        for (i, m) in months.iter().enumerate() {
            let q = quarters[i / 3];
            prop_assert!(c.start(q) <= c.start(*m) && c.end(*m) <= c.end(q), "{} in {}", m, q);
            prop_assert_eq!(c.period_of(c.start(*m), PeriodKind::Quarter), q);
            prop_assert_eq!(c.period_of(c.start(*m), PeriodKind::Year), year);
        }
    }

    #[test]
    fn offsetting_moves_by_whole_periods_and_back(c in calendar(), date in date(), kind in kind(), n in -1_000_i32..1_000) {
        let period = c.period_of(date, kind);
        let moved = period.offset(n);
        prop_assert_eq!(moved.offset(-n), period);
        prop_assert_eq!(moved.kind(), kind);
        prop_assert!((1..=per_year(kind)).contains(&moved.index()));
        // The moved period starts n × (its length) calendar months later.
        let months = i64::from(n) * i64::from(kind.months());
        prop_assert_eq!(c.start(moved), add_months(c.start(period), months));
        prop_assert_eq!(period.offset(n).offset(3), period.offset(n + 3));
    }

    #[test]
    fn periods_print_and_parse_back(kind in kind(), fy in 1_i32..=9999, index in 1_u32..=12) {
        let index = (index - 1) % per_year(kind) + 1;
        let period = Period::new(kind, fy, index).unwrap();
        let text = period.to_string();
        prop_assert_eq!(Period::parse(&text).unwrap(), period);
        prop_assert_eq!(Period::parse(&text.to_lowercase()).unwrap(), period);
        prop_assert_eq!(Period::parse(&text.replacen(' ', "-", 1)).unwrap(), period);
        let expected = match kind {
            PeriodKind::Year => format!("FY{fy}"),
            PeriodKind::Quarter => format!("FY{fy} Q{index}"),
            PeriodKind::Month => format!("FY{fy} M{index:02}"),
        };
        prop_assert_eq!(text, expected);
    }

    #[test]
    fn the_periods_between_two_dates_are_contiguous_and_cover_both(
        c in calendar(),
        a in date(),
        b in date(),
        kind in kind(),
    ) {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        let periods = c.periods(from, to, kind);
        prop_assert!(!periods.is_empty());
        prop_assert!(c.contains(periods[0], from));
        prop_assert!(c.contains(*periods.last().unwrap(), to));
        prop_assert!(periods.iter().all(|p| p.kind() == kind));
        for pair in periods.windows(2) {
            prop_assert_eq!(c.end(pair[0]), c.start(pair[1]));
        }
        // As many as there are period starts between the first period's start and `to`.
        let months = (to.year() - c.start(periods[0]).year()) * 12 + to.month() as i32 - c.start(periods[0]).month() as i32;
        prop_assert_eq!(periods.len() as i32, months / kind.months() as i32 + 1);
    }
}
