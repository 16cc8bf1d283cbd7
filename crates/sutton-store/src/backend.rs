//! The thin layer over the two database drivers: one connection type, one value type, one row
//! reader, and SQL written once with `?` placeholders (rewritten to `$1, $2, …` for PostgreSQL).
//!
//! Both drivers are synchronous on purpose: the engines are synchronous, bulk writes are tight
//! loops over prepared statements, and the web layer calls the store from a blocking pool.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};

use crate::error::{StoreError, StoreResult};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A value bound to SQL. Dates are ISO text in SQLite and `DATE` in PostgreSQL; booleans are 0/1
/// in SQLite and `BOOLEAN` in PostgreSQL.
///
/// Text borrows from the record being written where it can: a bulk write binds a million rows'
/// names and ids straight from the records, without copying each into a new string first.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Bool(bool),
    Date(NaiveDate),
    Timestamp(NaiveDateTime),
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Value<'_> {
    fn from(v: String) -> Self {
        Value::Text(Cow::Owned(v))
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(v: NaiveDate) -> Self {
        Value::Date(v)
    }
}

impl From<NaiveDateTime> for Value<'_> {
    fn from(v: NaiveDateTime) -> Self {
        Value::Timestamp(v)
    }
}

impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

const DATE_FORMAT: &str = "%Y-%m-%d";
const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S%.f";

/// `YYYY-MM-DD`, as `DATE_FORMAT` writes it, without interpreting a format string: a bulk write
/// formats two dates per opportunity.
fn iso_date(d: NaiveDate) -> String {
    let mut buffer = [0; 10];
    match iso_date_in(d, &mut buffer) {
        Some(text) => text.to_owned(),
        None => d.format(DATE_FORMAT).to_string(),
    }
}

/// [`iso_date`] written into `buffer`, for binding without an allocation; `None` for years
/// outside 0–9999, which need `DATE_FORMAT`.
fn iso_date_in(d: NaiveDate, buffer: &mut [u8; 10]) -> Option<&str> {
    let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    put_digits(&mut buffer[0..4], year);
    buffer[4] = b'-';
    put_digits(&mut buffer[5..7], d.month());
    buffer[7] = b'-';
    put_digits(&mut buffer[8..10], d.day());
    std::str::from_utf8(buffer).ok()
}

/// `n` in decimal, zero-padded to fill `out`.
fn put_digits(out: &mut [u8], mut n: u32) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Reads `YYYY-MM-DD` without interpreting a format string; `None` for anything else (the
/// caller then parses it the slow way, with a proper error).
fn parse_iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(digits(&b[0..4])?).ok()?, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// Reads `YYYY-MM-DD HH:MM:SS` with an optional fraction of up to nine digits, as
/// `TIMESTAMP_FORMAT` writes it; `None` for anything else.
fn parse_iso_timestamp(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() < 19 || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = parse_iso_date(&b[..10])?;
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..] if !fraction.is_empty() && fraction.len() <= 9 => {
            digits(fraction)? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    date.and_hms_nano_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?, nanos)
}

/// The value of a run of ASCII digits (at most nine); `None` if any byte is not a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value as V, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bool(b) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*b))),
            Value::Date(d) => ToSqlOutput::Owned(V::Text(iso_date(*d))),
            Value::Timestamp(t) => ToSqlOutput::Owned(V::Text(t.format(TIMESTAMP_FORMAT).to_string())),
        })
    }
}

impl ToSql for Value<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) if *ty == Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
            Value::Int(i) if *ty == Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
            Value::Int(i) => i.to_sql(ty, out),
            Value::Real(f) => f.to_sql(ty, out),
            Value::Text(s) => s.as_ref().to_sql(ty, out),
            Value::Bool(b) => b.to_sql(ty, out),
            Value::Date(d) => d.to_sql(ty, out),
            Value::Timestamp(t) => t.to_sql(ty, out),
        }
    }

    // The variant decides the wire format; PostgreSQL reports a mismatch with the column.
    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// One open connection to either database.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Conn::Sqlite(_) => "Conn::Sqlite",
            Conn::Postgres(_) => "Conn::Postgres",
        })
    }
}

/// A row being read, from either driver, with typed getters that accept both drivers'
/// representations of the same logical type.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Conn {
    pub fn backend(&self) -> Backend {
        match self {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs several statements with no parameters (DDL, transaction control).
    pub fn batch(&mut self, sql: &str) -> StoreResult<()> {
        match self {
            Conn::Sqlite(c) => c.execute_batch(sql).map_err(|e| StoreError::sqlite(sql, e)),
            Conn::Postgres(c) => c.batch_execute(sql).map_err(|e| StoreError::postgres(sql, e)),
        }
    }

    /// Runs one statement; returns the number of rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> StoreResult<u64> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql).map_err(|e| StoreError::sqlite(sql, e))?;
                stmt.execute(rusqlite::params_from_iter(params.iter()))
                    .map(|n| n as u64)
                    .map_err(|e| StoreError::sqlite(sql, e))
            }
            Conn::Postgres(c) => {
                let pg = dollar_placeholders(sql);
                let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
                c.execute(pg.as_str(), &refs).map_err(|e| StoreError::postgres(sql, e))
            }
        }
    }

    /// Runs a query and maps each row; a mapping error stops the query and is returned.
    pub fn query<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        map: impl FnMut(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        self.query_sized(sql, params, 0, map)
    }

    /// Like [`Conn::query`], with room made for `expected` rows up front: a list of millions
    /// of records then fills one allocation instead of being copied each time it outgrows one
    /// (and fresh memory is costly to touch on some machines).
    pub fn query_sized<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        expected: usize,
        mut map: impl FnMut(&Row<'_>) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql).map_err(|e| StoreError::sqlite(sql, e))?;
                let mut rows =
                    stmt.query(rusqlite::params_from_iter(params.iter())).map_err(|e| StoreError::sqlite(sql, e))?;
                let mut out = Vec::with_capacity(expected);
                while let Some(row) = rows.next().map_err(|e| StoreError::sqlite(sql, e))? {
                    out.push(map(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Conn::Postgres(c) => {
                let pg = dollar_placeholders(sql);
                let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
                let rows = c.query(pg.as_str(), &refs).map_err(|e| StoreError::postgres(sql, e))?;
                rows.iter().map(|r| map(&Row::Postgres(r))).collect()
            }
        }
    }

    /// Inserts many rows into `table`. SQLite runs one cached prepared statement per row, which
    /// inside a transaction is as fast as SQLite goes; PostgreSQL gets multi-row `INSERT`s of up
    /// to 1,000 rows (well under its 65,535-parameter limit), one round trip each.
    pub fn insert_rows<'a>(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: impl IntoIterator<Item = Vec<Value<'a>>>,
    ) -> StoreResult<u64> {
        let width = columns.len();
        let column_list = columns.join(", ");
        match self {
            Conn::Sqlite(c) => {
                let placeholders = vec!["?"; width].join(", ");
                let sql = format!("INSERT INTO {table} ({column_list}) VALUES ({placeholders})");
                let mut stmt = c.prepare_cached(&sql).map_err(|e| StoreError::sqlite(&sql, e))?;
                let mut n = 0;
                for row in rows {
                    debug_assert_eq!(row.len(), width);
                    for (i, value) in row.iter().enumerate() {
                        // Dates are bound from the stack: a bulk write binds two per deal.
                        let mut buffer = [0; 10];
                        let bound = match value {
                            Value::Date(d) => match iso_date_in(*d, &mut buffer) {
                                Some(text) => stmt.raw_bind_parameter(i + 1, text),
                                None => stmt.raw_bind_parameter(i + 1, value),
                            },
                            _ => stmt.raw_bind_parameter(i + 1, value),
                        };
                        bound.map_err(|e| StoreError::sqlite(&sql, e))?;
                    }
                    stmt.raw_execute().map_err(|e| StoreError::sqlite(&sql, e))?;
                    n += 1;
                }
                Ok(n)
            }
            Conn::Postgres(c) => {
                const CHUNK: usize = 1000;
                let mut n = 0;
                let mut buffer: Vec<Value<'a>> = Vec::with_capacity(CHUNK * width);
                let mut rows = rows.into_iter().peekable();
                while rows.peek().is_some() {
                    buffer.clear();
                    let mut count = 0;
                    for row in rows.by_ref().take(CHUNK) {
                        debug_assert_eq!(row.len(), width);
                        buffer.extend(row);
                        count += 1;
                    }
                    let sql = multi_row_insert(table, &column_list, width, count);
                    let stmt = c.prepare(&sql).map_err(|e| StoreError::postgres(&sql, e))?;
                    let refs: Vec<&(dyn ToSql + Sync)> = buffer.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
                    n += c.execute(&stmt, &refs).map_err(|e| StoreError::postgres(&sql, e))?;
                }
                Ok(n)
            }
        }
    }
}

impl Conn {
    /// Rewrites rows by id: `columns[0]` is the id, the others are set from each row's values.
    pub fn update_rows<'a>(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: impl IntoIterator<Item = Vec<Value<'a>>>,
    ) -> StoreResult<u64> {
        let set: Vec<String> = columns[1..].iter().map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE {table} SET {} WHERE {} = ?", set.join(", "), columns[0]);
        let mut n = 0;
        for mut row in rows {
            let id = row.remove(0);
            row.push(id);
            n += self.execute(&sql, &row)?;
        }
        Ok(n)
    }
}

fn multi_row_insert(table: &str, column_list: &str, width: usize, rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({column_list}) VALUES ");
    let mut p = 1;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&p.to_string());
            p += 1;
        }
        sql.push(')');
    }
    sql
}

/// Rewrites `?` placeholders as `$1, $2, …`, leaving quoted text alone.
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut quoted = false;
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

impl Row<'_> {
    fn column_error(&self, index: usize, expected: &str, detail: String) -> StoreError {
        StoreError::Decode { column: index, expected: expected.to_owned(), detail }
    }

    pub fn opt_i64(&self, index: usize) -> StoreResult<Option<i64>> {
        match self {
            Row::Sqlite(r) => {
                r.get::<_, Option<i64>>(index).map_err(|e| self.column_error(index, "integer", e.to_string()))
            }
            Row::Postgres(r) => {
                let ty = r.columns()[index].type_().clone();
                let v = if ty == Type::INT4 {
                    r.try_get::<_, Option<i32>>(index).map(|v| v.map(i64::from))
                } else if ty == Type::INT2 {
                    r.try_get::<_, Option<i16>>(index).map(|v| v.map(i64::from))
                } else {
                    r.try_get::<_, Option<i64>>(index)
                };
                v.map_err(|e| self.column_error(index, "integer", e.to_string()))
            }
        }
    }

    pub fn i64(&self, index: usize) -> StoreResult<i64> {
        self.opt_i64(index)?.ok_or_else(|| self.column_error(index, "integer", "NULL".to_owned()))
    }

    pub fn opt_f64(&self, index: usize) -> StoreResult<Option<f64>> {
        match self {
            Row::Sqlite(r) => {
                r.get::<_, Option<f64>>(index).map_err(|e| self.column_error(index, "real", e.to_string()))
            }
            Row::Postgres(r) => {
                r.try_get::<_, Option<f64>>(index).map_err(|e| self.column_error(index, "real", e.to_string()))
            }
        }
    }

    pub fn opt_text(&self, index: usize) -> StoreResult<Option<String>> {
        match self {
            Row::Sqlite(r) => {
                r.get::<_, Option<String>>(index).map_err(|e| self.column_error(index, "text", e.to_string()))
            }
            Row::Postgres(r) => {
                r.try_get::<_, Option<String>>(index).map_err(|e| self.column_error(index, "text", e.to_string()))
            }
        }
    }

    pub fn text(&self, index: usize) -> StoreResult<String> {
        self.opt_text(index)?.ok_or_else(|| self.column_error(index, "text", "NULL".to_owned()))
    }

    pub fn bool(&self, index: usize) -> StoreResult<bool> {
        match self {
            Row::Sqlite(r) => {
                r.get::<_, i64>(index).map(|v| v != 0).map_err(|e| self.column_error(index, "boolean", e.to_string()))
            }
            Row::Postgres(r) => {
                r.try_get::<_, bool>(index).map_err(|e| self.column_error(index, "boolean", e.to_string()))
            }
        }
    }

    pub fn opt_date(&self, index: usize) -> StoreResult<Option<NaiveDate>> {
        match self {
            Row::Sqlite(r) => {
                // Read in place: a snapshot reads millions of dates, written as `iso_date` writes them.
                if let Ok(rusqlite::types::ValueRef::Text(bytes)) = r.get_ref(index)
                    && let Some(d) = parse_iso_date(bytes)
                {
                    return Ok(Some(d));
                }
                let text: Option<String> = r.get(index).map_err(|e| self.column_error(index, "date", e.to_string()))?;
                text.map(|t| {
                    NaiveDate::parse_from_str(&t, DATE_FORMAT)
                        .map_err(|e| self.column_error(index, "date", format!("{t:?}: {e}")))
                })
                .transpose()
            }
            Row::Postgres(r) => {
                r.try_get::<_, Option<NaiveDate>>(index).map_err(|e| self.column_error(index, "date", e.to_string()))
            }
        }
    }

    pub fn date(&self, index: usize) -> StoreResult<NaiveDate> {
        self.opt_date(index)?.ok_or_else(|| self.column_error(index, "date", "NULL".to_owned()))
    }

    pub fn opt_timestamp(&self, index: usize) -> StoreResult<Option<NaiveDateTime>> {
        let is_null = match self {
            Row::Sqlite(r) => matches!(r.get_ref(index), Ok(rusqlite::types::ValueRef::Null)),
            Row::Postgres(r) => r.try_get::<_, Option<NaiveDateTime>>(index).is_ok_and(|v| v.is_none()),
        };
        if is_null { Ok(None) } else { self.timestamp(index).map(Some) }
    }

    pub fn timestamp(&self, index: usize) -> StoreResult<NaiveDateTime> {
        match self {
            Row::Sqlite(r) => {
                if let Ok(rusqlite::types::ValueRef::Text(bytes)) = r.get_ref(index)
                    && let Some(t) = parse_iso_timestamp(bytes)
                {
                    return Ok(t);
                }
                let t: String = r.get(index).map_err(|e| self.column_error(index, "timestamp", e.to_string()))?;
                NaiveDateTime::parse_from_str(&t, TIMESTAMP_FORMAT)
                    .map_err(|e| self.column_error(index, "timestamp", format!("{t:?}: {e}")))
            }
            Row::Postgres(r) => {
                r.try_get::<_, NaiveDateTime>(index).map_err(|e| self.column_error(index, "timestamp", e.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    /// The in-place readers agree with chrono on what the store writes, and hand anything else
    /// back to the slow path rather than guess.
    #[test]
    fn dates_and_timestamps_read_in_place_as_chrono_reads_them() {
        let mut d = NaiveDate::from_ymd_opt(1999, 12, 25).expect("date");
        for step in 0..3_000 {
            let text = iso_date(d);
            assert_eq!(parse_iso_date(text.as_bytes()), Some(d), "{text}");
            let t = d.and_hms_nano_opt(step % 24, step % 60, (step * 7) % 60, step * 333_331).expect("time");
            let written = t.format(TIMESTAMP_FORMAT).to_string();
            assert_eq!(parse_iso_timestamp(written.as_bytes()), Some(t), "{written}");
            d = d.succ_opt().expect("next day");
        }
        let whole = NaiveDate::from_ymd_opt(2024, 1, 22).and_then(|d| d.and_hms_opt(16, 14, 25)).expect("time");
        assert_eq!(parse_iso_timestamp(b"2024-01-22 16:14:25"), Some(whole));
        assert_eq!(parse_iso_timestamp(b"2024-01-22 16:14:25.5"), whole.with_nanosecond(500_000_000));
        for bad in [&b"2024-02-30"[..], b"2024-1-22", b"24-01-22xx", b"2024/01/22", b"2024-01-2a", b""] {
            assert_eq!(parse_iso_date(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        for bad in [&b"2024-01-22T16:14:25"[..], b"2024-01-22 16:14", b"2024-01-22 16:14:25.", b"2024-01-22 25:00:00"] {
            assert_eq!(parse_iso_timestamp(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn placeholders_are_numbered_outside_quotes_only() {
        assert_eq!(dollar_placeholders("SELECT ? , '?' , ?"), "SELECT $1 , '?' , $2");
        assert_eq!(multi_row_insert("t", "a, b", 2, 2), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
    }

    #[test]
    fn dates_are_written_as_the_format_string_would() {
        for (y, m, d) in [(2024, 1, 2), (999, 12, 31), (9999, 6, 15), (-5, 1, 1), (10_000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(iso_date(date), date.format(DATE_FORMAT).to_string());
        }
    }
}
