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
        // Most files are UTF-8 without a byte-order mark: keep their bytes as the text.
        let (text, encoding) = match String::from_utf8(bytes) {
            Ok(text) if !text.starts_with('\u{feff}') => (text, "UTF-8"),
            Ok(text) => decode(text.as_bytes()),
            Err(e) => decode(e.as_bytes()),
        };
        Sheet::from_text(&name, &stem, text, encoding).map(|s| vec![s])
    }

    /// Parses CSV bytes: detects the encoding and the separator, reads the header.
    pub fn from_bytes(name: &str, stem: &str, bytes: &[u8]) -> Result<Sheet, IoError> {
        let (text, encoding) = decode(bytes);
        Sheet::from_text(name, stem, text, encoding)
    }

    /// Detects the separator of decoded CSV text and reads its header.
    fn from_text(name: &str, stem: &str, text: String, encoding: &'static str) -> Result<Sheet, IoError> {
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
                while let Some(line) = self.next_row(&mut reader, &mut record)? {
                    visit(line, &record);
                }
                Ok(())
            }
            Body::Cells(rows) => {
                for (line, record) in rows {
                    visit(*line, record);
                }
                Ok(())
            }
        }
    }

    /// The next row that is not blank, into `record`, with the line it starts on; `None` at
    /// the end of the file.
    fn next_row(&self, reader: &mut csv::Reader<&[u8]>, record: &mut StringRecord) -> Result<Option<u64>, IoError> {
        loop {
            let line = reader.position().line();
            match reader.read_record(record) {
                Ok(true) => {
                    if record.len() == 1 && record[0].trim().is_empty() {
                        continue;
                    }
                    return Ok(Some(record.position().map_or(line, |p| p.line())));
                }
                Ok(false) => return Ok(None),
                Err(e) => {
                    let line = e.position().map_or(line, |p| p.line());
                    return Err(IoError::Malformed { file: self.name.clone(), line, detail: e.to_string() });
                }
            }
        }
    }

    /// Like [`Sheet::rows`], with a large CSV body split into rows on a second thread while
    /// `visit` works on the rows already split: the same rows, lines and error, in order.
    pub fn rows_read_ahead(&self, mut visit: impl FnMut(u64, &StringRecord)) -> Result<(), IoError> {
        match &self.body {
            Body::Csv(text) if text.len() >= SPLIT_BYTES => self.read_ahead(text, &mut visit),
            _ => self.rows(visit),
        }
    }

    fn read_ahead(&self, text: &str, visit: &mut impl FnMut(u64, &StringRecord)) -> Result<(), IoError> {
        /// Rows per hand-over: enough that handing over costs little per row.
        const BATCH: usize = 256;
        enum Chunk {
            Rows(Vec<(u64, StringRecord)>, usize),
            End(Result<(), IoError>),
        }
        // Batches go back to the reader to be filled again, so rows cost no allocation.
        let (full, filled) = std::sync::mpsc::sync_channel::<Chunk>(4);
        let (recycle, empties) = std::sync::mpsc::channel::<Vec<(u64, StringRecord)>>();
        std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                let mut reader = csv_reader(text.as_bytes(), self.style.delimiter);
                loop {
                    let mut batch = empties.try_recv().unwrap_or_default();
                    let mut n = 0;
                    let mut end = None;
                    while n < BATCH {
                        if batch.len() == n {
                            batch.push((0, StringRecord::new()));
                        }
                        let (line, record) = &mut batch[n];
                        match self.next_row(&mut reader, record) {
                            Ok(Some(at)) => *line = at,
                            Ok(None) => end = Some(Ok(())),
                            Err(e) => end = Some(Err(e)),
                        }
                        if end.is_some() {
                            break;
                        }
                        n += 1;
                    }
                    // The planning thread stopped listening only if it is unwinding.
                    if full.send(Chunk::Rows(batch, n)).is_err() {
                        return;
                    }
                    if let Some(end) = end {
                        let _ = full.send(Chunk::End(end));
                        return;
                    }
                }
            });
            for chunk in filled {
                match chunk {
                    Chunk::Rows(batch, n) => {
                        for (line, record) in &batch[..n] {
                            visit(*line, record);
                        }
                        let _ = recycle.send(batch);
                    }
                    Chunk::End(result) => return result,
                }
            }
            // The reader ended without a word: it panicked.
            match reader.join() {
                Err(panic) => std::panic::resume_unwind(panic),
                Ok(()) => unreachable!("the reader always ends with an End chunk"),
            }
        })
    }

    /// Like [`Sheet::rows`], with the rows' own work shared between two cores: `prepare` turns
    /// a row into a value on whichever thread reads it, and `visit(line, value)` gets the
    /// values in file order on this thread. A large CSV body is cut in two at a record
    /// boundary and its second part read on a second thread while this one reads the first.
    ///
    /// Where to cut is guessed from the quotes before the cut, which a stray quote in an
    /// unquoted cell can mislead; the guess is only used when this thread's reader, reading
    /// the file from the start, ends a record exactly there. Otherwise (or when the second
    /// part has a row the reader cannot split) this thread reads on by itself, so the rows,
    /// their lines and any error are exactly those of [`Sheet::rows`].
    pub fn rows_prepared<T: Send>(
        &self,
        prepare: impl Fn(&StringRecord) -> T + Sync,
        mut visit: impl FnMut(u64, T),
    ) -> Result<(), IoError> {
        let text = match &self.body {
            Body::Csv(text) => text,
            Body::Cells(_) => return self.rows(|line, record| visit(line, prepare(record))),
        };
        let cut = (text.len() >= SPLIT_BYTES).then(|| record_boundary_near(text.as_bytes(), text.len() * 9 / 20));
        match cut.flatten() {
            Some(cut) => self.rows_cut_at(text, cut, &prepare, &mut visit).map(|_| ()),
            None => self.rows(|line, record| visit(line, prepare(record))),
        }
    }

    /// [`Sheet::rows_prepared`] with the second part of `text` starting at `cut`. Says whether
    /// the second thread's reading was used.
    fn rows_cut_at<T: Send>(
        &self,
        text: &str,
        cut: usize,
        prepare: &(impl Fn(&StringRecord) -> T + Sync),
        visit: &mut impl FnMut(u64, T),
    ) -> Result<bool, IoError> {
        let delimiter = self.style.delimiter;
        std::thread::scope(|scope| {
            let second = scope.spawn(move || {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(&text.as_bytes()[cut..]);
                let mut record = StringRecord::new();
                let mut out = Vec::new();
                loop {
                    match self.next_row(&mut reader, &mut record) {
                        Ok(Some(line)) => out.push((line, prepare(&record))),
                        Ok(None) => return Some(out),
                        Err(_) => return None,
                    }
                }
            });
            let mut reader = csv_reader(text.as_bytes(), delimiter);
            let mut record = StringRecord::new();
            let mut second = Some(second);
            loop {
                if let Some(at) = second.take_if(|_| reader.position().byte() >= cut as u64) {
                    let exact = reader.position().byte() == cut as u64;
                    // A thread that panicked only costs its half: this one reads on.
                    if let Some(rows) = at.join().ok().flatten().filter(|_| exact) {
                        // The second reader counts lines from 1 at the cut.
                        let line = reader.position().line();
                        for (l, value) in rows {
                            visit(line + l - 1, value);
                        }
                        return Ok(true);
                    }
                }
                match self.next_row(&mut reader, &mut record)? {
                    Some(line) => visit(line, prepare(&record)),
                    None => return Ok(false),
                }
            }
        })
    }

    /// About how many rows the sheet has, for progress: lines after the header (a quoted
    /// newline counts twice), without parsing.
    pub fn row_estimate(&self) -> usize {
        match &self.body {
            Body::Cells(rows) => rows.len(),
            Body::Csv(text) => count_byte(text.trim_end().as_bytes(), b'\n'),
        }
    }
}

/// How many times `needle` occurs in `bytes`. Counted in runs of 255 into a byte-sized
/// counter, which the compiler turns into wide vector compares: a large file is counted
/// several times faster than byte by byte.
fn count_byte(bytes: &[u8], needle: u8) -> usize {
    bytes.chunks(255).map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(b == needle)))).sum()
}

/// Bodies smaller than this are read by one thread: a second one would cost more to start
/// than it saves.
const SPLIT_BYTES: usize = 4 << 20;

/// The start of the first line at or after `near` that is not inside a quoted cell, judged by
/// the parity of the quotes before it; `None` when no line starts there.
fn record_boundary_near(bytes: &[u8], near: usize) -> Option<usize> {
    let mut quoted = count_byte(&bytes[..near], b'"') % 2 == 1;
    for (i, &b) in bytes[near..].iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return Some(near + i + 1).filter(|&at| at < bytes.len()),
            _ => {}
        }
    }
    None
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
    fn bytes_are_counted_in_runs_of_any_length() {
        for len in [0, 1, 254, 255, 256, 510, 511, 1000] {
            let bytes: Vec<u8> = (0..len).map(|i| if i % 3 == 0 { b'\n' } else { b'x' }).collect();
            assert_eq!(count_byte(&bytes, b'\n'), bytes.iter().filter(|&&b| b == b'\n').count(), "{len}");
        }
        assert_eq!(count_byte(&[b'"'; 1000], b'"'), 1000, "a run of 255 matches does not overflow");
    }

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

    type Walk = (Vec<(u64, Vec<String>)>, Option<String>);

    /// Every row with its line, or the error that stopped the walk, read one way or the other;
    /// and whether the second thread's part was used.
    fn walk(sheet: &Sheet, cut: Option<usize>) -> (Walk, bool) {
        let mut rows = Vec::new();
        let prepare = |r: &StringRecord| r.iter().map(str::to_owned).collect::<Vec<_>>();
        let mut visit = |line, cells| rows.push((line, cells));
        let result = match (cut, &sheet.body) {
            (Some(cut), Body::Csv(text)) => sheet.rows_cut_at(text, cut, &prepare, &mut visit),
            _ => sheet.rows(|line, r| visit(line, prepare(r))).map(|_| false),
        };
        let used = result.as_ref().is_ok_and(|used| *used);
        ((rows, result.err().map(|e| e.to_string())), used)
    }

    #[test]
    fn rows_read_on_two_threads_are_the_rows_read_on_one_wherever_the_cut_falls() {
        let files = [
            "Id,Name,Note\n1,a,x\n2,\"b, c\",\"two\nlines\"\n\n3,\"say \"\"hi\"\"\nthere\",z\n4,d,\n",
            // A stray quote inside an unquoted cell misleads the guess at where rows start.
            "Id,Name\r\n1,5\" screen\r\n2,\"quoted\r\nacross\"\r\n3,x\r\n4,\"y\"\r\n",
            "Id;Amount\n1;\"1 234,50\"\n2;7\n\n\n3;\"\n\"\n",
            // A row the reader cannot split, after good ones: the same error on the same line.
            "Id,Name\n1,a\n2,b\n3,\"c\"d\"\n4,e\n",
        ];
        for (n, file) in files.iter().enumerate() {
            let sheet = Sheet::from_bytes("t.csv", "t", file.as_bytes()).expect("parses");
            let (one, _) = walk(&sheet, None);
            let mut shared = 0;
            for near in 0..file.len() {
                let Some(cut) = record_boundary_near(file.as_bytes(), near) else { continue };
                let (two, used) = walk(&sheet, Some(cut));
                assert_eq!(two, one, "{file:?} cut at {cut}");
                shared += usize::from(used);
            }
            if n == 0 {
                assert!(shared > 0, "a well-formed file is shared between the threads");
            }
            // And cuts anywhere at all, not only where a line starts.
            for cut in 1..file.len() {
                if file.is_char_boundary(cut) {
                    assert_eq!(walk(&sheet, Some(cut)).0, one, "{file:?} cut at {cut}");
                }
            }
        }
    }

    #[test]
    fn rows_split_ahead_on_a_second_thread_are_the_rows_read_on_one() {
        let mut big = String::from("Id,Name,Note\n");
        for i in 0..1_000 {
            big.push_str(&format!("{i},\"n{i}\",\"{}\"\n", if i % 7 == 0 { "two\nlines" } else { "" }));
            if i % 100 == 0 {
                big.push('\n');
            }
        }
        let broken = format!("{big}1001,\"a\"b\",x\n1002,y,z\n");
        for file in [big.as_str(), broken.as_str(), "Id\n", "Id,Name\n1,\"unterminated\n"] {
            let sheet = Sheet::from_bytes("t.csv", "t", file.as_bytes()).expect("parses");
            let (one, _) = walk(&sheet, None);
            let mut rows = Vec::new();
            let Body::Csv(text) = &sheet.body else { unreachable!("a CSV body") };
            let result = sheet.read_ahead(text, &mut |line, r: &StringRecord| {
                rows.push((line, r.iter().map(str::to_owned).collect::<Vec<_>>()))
            });
            assert_eq!((rows, result.err().map(|e| e.to_string())), one, "{file:?}");
        }
    }

    #[test]
    fn quoted_newlines_stay_in_their_cell_and_lines_are_counted() {
        let sheet = Sheet::from_bytes("a.csv", "a", b"Id,Note\n1,\"two\nlines\"\n2,x\n").expect("parses");
        let mut seen = Vec::new();
        sheet.rows(|line, r| seen.push((line, r[1].to_owned()))).expect("rows");
        assert_eq!(seen, vec![(2, "two\nlines".to_owned()), (4, "x".to_owned())]);
    }
}
