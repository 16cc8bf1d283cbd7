//! Files as people have them: bytes in some encoding, a separator to guess, or a workbook.
//!
//! A [`Sheet`] is one table (a CSV file, or one worksheet of a workbook) with its header and
//! its rows, each row knowing the line it started on so that every message can point at it.
//! CSV text is kept decoded in memory and parsed when the rows are walked, with one reused
//! record, so a million-row export costs its own size and no allocation per row.

use std::path::Path;

use csv::StringRecord;

use crate::IoError;

/// One table to import: a CSV file or one worksheet.
#[derive(Debug)]
pub struct Sheet {
    /// What messages call it: the file name, or `workbook.xlsx[Sheet]`.
    pub name: String,
    /// The object the name suggests (the file stem or the sheet name).
    pub stem: String,
    pub headers: Vec<String>,
    /// How the file was written, for numbers and dates whose reading depends on it.
    pub style: TextStyle,
    body: Body,
}

/// What the file's form says about how its numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    pub encoding: &'static str,
    pub delimiter: u8,
    /// Semicolon-separated files come from spreadsheets in locales that write `1 234,56`.
    pub decimal_comma: bool,
}

#[derive(Debug)]
enum Body {
    Csv(String),
    Cells(Vec<(u64, StringRecord)>),
}

impl Sheet {
    /// Reads a CSV file or every worksheet of an XLSX workbook.
    pub fn open(path: &Path) -> Result<Vec<Sheet>, IoError> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
            return read_workbook(path, &name);
        }
        let bytes = std::fs::read(path)
            .map_err(|e| IoError::Read { file: path.display().to_string(), detail: e.to_string() })?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Sheet::from_bytes(&name, &stem, &bytes).map(|s| vec![s])
    }

    /// Parses CSV bytes: detects the encoding and the separator, reads the header.
    pub fn from_bytes(name: &str, stem: &str, bytes: &[u8]) -> Result<Sheet, IoError> {
        let (text, encoding) = decode(bytes);
        let delimiter = sniff_delimiter(&text);
        let style = TextStyle { encoding, delimiter, decimal_comma: delimiter == b';' };
        let mut reader = csv_reader(text.as_bytes(), delimiter);
        let headers = reader
            .headers()
            .map_err(|e| IoError::Malformed { file: name.to_owned(), line: 1, detail: e.to_string() })?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>();
        if headers.iter().all(String::is_empty) {
            return Err(IoError::Malformed {
                file: name.to_owned(),
                line: 1,
                detail: "the file has no header row".to_owned(),
            });
        }
        Ok(Sheet { name: name.to_owned(), stem: stem.to_owned(), headers, style, body: Body::Csv(text) })
    }

    /// A table already split into cells (a worksheet): the first row is the header.
    pub fn from_cells(name: &str, stem: &str, mut rows: Vec<Vec<String>>) -> Sheet {
        let headers = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
        let headers = headers.into_iter().map(|h| h.trim().to_owned()).collect();
        let body = rows
            .into_iter()
            .enumerate()
            .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
            .map(|(i, r)| (i as u64 + 2, StringRecord::from(r)))
            .collect();
        let style = TextStyle { encoding: "XLSX", delimiter: b',', decimal_comma: false };
        Sheet { name: name.to_owned(), stem: stem.to_owned(), headers, style, body: Body::Cells(body) }
    }

    /// Walks the rows in order: `visit(line, record)`. A row the CSV reader cannot split stops
    /// the walk with an error naming its line.
    pub fn rows(&self, mut visit: impl FnMut(u64, &StringRecord)) -> Result<(), IoError> {
        match &self.body {
            Body::Csv(text) => {
                let mut reader = csv_reader(text.as_bytes(), self.style.delimiter);
                let mut record = StringRecord::new();
                loop {
                    let line = reader.position().line();
                    match reader.read_record(&mut record) {
                        Ok(true) => {
                            let line = record.position().map_or(line, |p| p.line());
                            if record.len() == 1 && record[0].trim().is_empty() {
                                continue;
                            }
                            visit(line, &record);
                        }
                        Ok(false) => return Ok(()),
                        Err(e) => {
                            let line = e.position().map_or(line, |p| p.line());
                            return Err(IoError::Malformed { file: self.name.clone(), line, detail: e.to_string() });
                        }
                    }
                }
            }
            Body::Cells(rows) => {
                for (line, record) in rows {
                    visit(*line, record);
                }
                Ok(())
            }
        }
    }

    /// About how many rows the sheet has, for progress: lines after the header (a quoted
    /// newline counts twice), without parsing.
    pub fn row_estimate(&self) -> usize {
        match &self.body {
            Body::Cells(rows) => rows.len(),
            Body::Csv(text) => text.trim_end().bytes().filter(|&b| b == b'\n').count(),
        }
    }
}

fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(bytes)
}

/// UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark (Excel's "Unicode
/// text"), and otherwise Windows-1252, which is what Excel writes on Western Windows and which
/// decodes every byte.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, encoding, _) = encoding_rs::UTF_16LE.decode(bytes);
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The separator of the header line: whichever of comma, semicolon and tab occurs most often
/// outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn read_workbook(path: &Path, name: &str) -> Result<Vec<Sheet>, IoError> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let err = |detail: String| IoError::Read { file: path.display().to_string(), detail };
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e: calamine::XlsxError| err(e.to_string()))?;
    let mut out = Vec::new();
    for sheet_name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet_name).map_err(|e| err(e.to_string()))?;
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Int(i) => i.to_string(),
                        // Whole numbers without ".0"; other numbers as the shortest text that
                        // reads back to the same double, which is what the cell showed.
                        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                        Data::Float(f) => f.to_string(),
                        Data::Bool(b) => b.to_string(),
                        Data::DateTime(d) => match d.as_datetime() {
                            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                            Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
                            None => d.to_string(),
                        },
                        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                        Data::Error(e) => format!("#{e:?}"),
                    })
                    .collect()
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(Sheet::from_cells(&format!("{name}[{sheet_name}]"), &sheet_name, rows));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode(b"\xEF\xBB\xBFName\n").0, "Name\n");
        let (text, enc) = decode(b"Caf\xe9 \x80\n");
        assert_eq!((text.as_str(), enc), ("Café €\n", "Windows-1252"));
        assert_eq!(decode("Å".as_bytes()).1, "UTF-8");
    }

    #[test]
    fn the_separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter("Id;Name;\"Amount, total\"\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("Id,Name\n"), b',');
        assert_eq!(sniff_delimiter("Id\tName\tX\n"), b'\t');
    }

    #[test]
    fn quoted_newlines_stay_in_their_cell_and_lines_are_counted() {
        let sheet = Sheet::from_bytes("a.csv", "a", b"Id,Note\n1,\"two\nlines\"\n2,x\n").expect("parses");
        let mut seen = Vec::new();
        sheet.rows(|line, r| seen.push((line, r[1].to_owned()))).expect("rows");
        assert_eq!(seen, vec![(2, "two\nlines".to_owned()), (4, "x".to_owned())]);
    }
}
