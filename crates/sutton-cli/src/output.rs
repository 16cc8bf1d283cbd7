//! Printing for the reporting commands: aligned text tables, CSV and JSON.

use serde::Serialize;
use sutton_app::domain::Rate;

pub(crate) fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Rows of text cells, printed aligned or as CSV.
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(header: &[&str]) -> Table {
        Table { header: header.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub(crate) fn print_text(&self) {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(k, (c, w))| if k < 2 { format!("{c:<w$}") } else { format!("{c:>w$}") })
                .collect();
            println!("{}", padded.join("  ").trim_end());
        };
        line(&self.header);
        for r in &self.rows {
            line(r);
        }
    }

    pub(crate) fn print_csv(&self) -> anyhow::Result<()> {
        let mut w = csv::Writer::from_writer(std::io::stdout());
        w.write_record(&self.header)?;
        for r in &self.rows {
            w.write_record(r)?;
        }
        w.flush()?;
        Ok(())
    }
}

/// A share as a percentage with one decimal; empty when there is none.
pub(crate) fn percent(r: Option<Rate>) -> String {
    r.map(|r| format!("{:.1} %", r.to_f64() * 100.0)).unwrap_or_default()
}
