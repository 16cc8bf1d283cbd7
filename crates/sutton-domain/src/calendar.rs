//! Fiscal calendars and periods.
//!
//! A fiscal year may start in any month. **Naming convention:** a fiscal year is named after
//! the calendar year in which it *ends* (the common US practice: a year from July 2025 to June
//! 2026 is FY2026), unless the organisation chooses [`FiscalYearNaming::StartYear`]. With a
//! January start both conventions give the calendar year. Periods are written
//!
//! * `FY2026` — the fiscal year,
//! * `FY2026 Q1` … `FY2026 Q4` — fiscal quarters of three months,
//! * `FY2026 M01` … `FY2026 M12` — fiscal months, numbered from the first month of the year.
//!
//! Dates are calendar dates (`chrono::NaiveDate`); a period covers `[start, end)`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};

/// Which calendar year gives a fiscal year its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FiscalYearNaming {
    /// FY2026 ends in 2026 (the default).
    #[default]
    EndYear,
    /// FY2026 starts in 2026.
    StartYear,
}

/// An organisation's fiscal calendar: the month its year starts and how years are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FiscalCalendar {
    first_month: u32,
    naming: FiscalYearNaming,
}

impl Default for FiscalCalendar {
    fn default() -> Self {
        FiscalCalendar { first_month: 1, naming: FiscalYearNaming::EndYear }
    }
}

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    fn per_year(self) -> u32 {
        12 / self.months()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    pub fn parse(text: &str) -> Result<PeriodKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "month" | "m" => Ok(PeriodKind::Month),
            "quarter" | "q" => Ok(PeriodKind::Quarter),
            "year" | "y" => Ok(PeriodKind::Year),
            _ => Err(DomainError::InvalidChoice {
                field: "period kind",
                value: text.to_owned(),
                expected: "month, quarter, year".to_owned(),
            }),
        }
    }
}

/// A fiscal month, quarter or year. Its dates depend on the calendar it is read with.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    fiscal_year: i32,
    kind: PeriodKind,
    /// 1-based: month 1..=12, quarter 1..=4, year 1.
    index: u32,
}

impl Period {
    pub fn new(kind: PeriodKind, fiscal_year: i32, index: u32) -> Result<Period> {
        if index == 0 || index > kind.per_year() || !(1..=9999).contains(&fiscal_year) {
            return Err(DomainError::InvalidPeriod { text: format!("FY{fiscal_year} {} {index}", kind.as_str()) });
        }
        Ok(Period { fiscal_year, kind, index })
    }

    pub fn year(fiscal_year: i32) -> Result<Period> {
        Period::new(PeriodKind::Year, fiscal_year, 1)
    }

    pub fn quarter(fiscal_year: i32, quarter: u32) -> Result<Period> {
        Period::new(PeriodKind::Quarter, fiscal_year, quarter)
    }

    pub fn month(fiscal_year: i32, month: u32) -> Result<Period> {
        Period::new(PeriodKind::Month, fiscal_year, month)
    }

    /// Parses `FY2026`, `FY2026 Q3`, `FY2026 M07` (also `FY2026-Q3`, lower case).
    pub fn parse(text: &str) -> Result<Period> {
        let invalid = || DomainError::InvalidPeriod { text: text.to_owned() };
        let upper = text.trim().to_ascii_uppercase();
        let rest = upper.strip_prefix("FY").ok_or_else(invalid)?;
        let (year, part) = match rest.find([' ', '-']) {
            Some(i) => (&rest[..i], rest[i + 1..].trim()),
            None => (rest, ""),
        };
        let fiscal_year: i32 = year.parse().map_err(|_| invalid())?;
        if part.is_empty() {
            return Period::year(fiscal_year).map_err(|_| invalid());
        }
        let (kind, number) = if let Some(n) = part.strip_prefix('Q') {
            (PeriodKind::Quarter, n)
        } else if let Some(n) = part.strip_prefix('M') {
            (PeriodKind::Month, n)
        } else {
            return Err(invalid());
        };
        let index: u32 = number.parse().map_err(|_| invalid())?;
        Period::new(kind, fiscal_year, index).map_err(|_| invalid())
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    pub fn fiscal_year(&self) -> i32 {
        self.fiscal_year
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    /// The period `n` steps later (or earlier, for negative `n`) of the same kind.
    pub fn offset(self, n: i32) -> Period {
        let per_year = self.kind.per_year() as i32;
        let ordinal = self.fiscal_year * per_year + (self.index as i32 - 1) + n;
        Period {
            fiscal_year: ordinal.div_euclid(per_year),
            kind: self.kind,
            index: ordinal.rem_euclid(per_year) as u32 + 1,
        }
    }

    pub fn next(self) -> Period {
        self.offset(1)
    }

    pub fn previous(self) -> Period {
        self.offset(-1)
    }

    /// The fiscal-month offset of this period's first month from the start of its fiscal year.
    fn first_fiscal_month0(&self) -> u32 {
        (self.index - 1) * self.kind.months()
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Year => write!(f, "FY{}", self.fiscal_year),
            PeriodKind::Quarter => write!(f, "FY{} Q{}", self.fiscal_year, self.index),
            PeriodKind::Month => write!(f, "FY{} M{:02}", self.fiscal_year, self.index),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = DomainError;
    fn try_from(text: String) -> Result<Period> {
        Period::parse(&text)
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

impl std::str::FromStr for Period {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self> {
        Period::parse(s)
    }
}

impl FiscalCalendar {
    pub fn new(first_month: u32, naming: FiscalYearNaming) -> Result<FiscalCalendar> {
        if !(1..=12).contains(&first_month) {
            return Err(DomainError::InvalidFiscalMonth(first_month));
        }
        Ok(FiscalCalendar { first_month, naming })
    }

    pub fn first_month(&self) -> u32 {
        self.first_month
    }

    pub fn naming(&self) -> FiscalYearNaming {
        self.naming
    }

    /// The calendar year in which fiscal year `fy` starts.
    fn start_year(&self, fiscal_year: i32) -> i32 {
        match self.naming {
            FiscalYearNaming::EndYear if self.first_month != 1 => fiscal_year - 1,
            _ => fiscal_year,
        }
    }

    /// The fiscal year that contains `date`.
    pub fn fiscal_year_of(&self, date: NaiveDate) -> i32 {
        let start_year = if date.month() >= self.first_month { date.year() } else { date.year() - 1 };
        match self.naming {
            FiscalYearNaming::EndYear if self.first_month != 1 => start_year + 1,
            _ => start_year,
        }
    }

    /// The period of the given kind that contains `date`.
    pub fn period_of(&self, date: NaiveDate, kind: PeriodKind) -> Period {
        let fiscal_month0 = (date.month() + 12 - self.first_month) % 12;
        Period { fiscal_year: self.fiscal_year_of(date), kind, index: fiscal_month0 / kind.months() + 1 }
    }

    /// The first day of the period.
    pub fn start(&self, period: Period) -> NaiveDate {
        self.month_start(period.fiscal_year, period.first_fiscal_month0())
    }

    /// The day after the period's last day (periods are half-open).
    pub fn end(&self, period: Period) -> NaiveDate {
        self.month_start(period.fiscal_year, period.first_fiscal_month0() + period.kind.months())
    }

    /// The period's last day.
    pub fn last_day(&self, period: Period) -> NaiveDate {
        self.end(period).pred_opt().unwrap_or(NaiveDate::MIN)
    }

    pub fn contains(&self, period: Period, date: NaiveDate) -> bool {
        self.start(period) <= date && date < self.end(period)
    }

    /// The periods of `kind` from the one containing `from` to the one containing `to`.
    pub fn periods(&self, from: NaiveDate, to: NaiveDate, kind: PeriodKind) -> Vec<Period> {
        let mut out = Vec::new();
        let last = self.period_of(to, kind);
        let mut p = self.period_of(from, kind);
        while p <= last {
            out.push(p);
            p = p.next();
        }
        out
    }

    /// First day of fiscal month `fiscal_month0` (0-based, may run past 11) of fiscal year `fy`.
    fn month_start(&self, fiscal_year: i32, fiscal_month0: u32) -> NaiveDate {
        let month0 = self.first_month - 1 + fiscal_month0;
        let year = self.start_year(fiscal_year) + (month0 / 12) as i32;
        NaiveDate::from_ymd_opt(year, month0 % 12 + 1, 1).unwrap_or(NaiveDate::MIN)
    }
}
