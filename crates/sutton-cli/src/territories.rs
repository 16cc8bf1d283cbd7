//! `sutton territories optimize`: the alignment optimiser on plain CSV files, for users outside
//! the database and for benchmarks.
//!
//! Files (header row required, columns in any order, extra columns ignored):
//! - UNITS: `id`, a location as `x_km,y_km` (planar km) or `lon,lat` (degrees, projected to
//!   EPSG:5070 equal-area km), and the columns named by `--balance`.
//! - EDGES: `u,v` unit ids of adjacent units. Without it, adjacency comes from a Delaunay
//!   triangulation of the locations with over-long edges cut.
//! - HOMES: `territory` and a location as above, one row per territory, optionally `share` (the
//!   territory's relative target size).
//! - CURRENT: `id,territory`. LOCKED: `id` and optionally `territory` (default: the current one).
//! - ASSIGNMENT (written): `id,territory`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use sutton_align::{Alignment, Balance, DisruptionLimit, DisruptionMeasure, Options, Problem, Violation};

/// What `sutton territories optimize` was asked.
#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// Units: id, x_km,y_km or lon,lat, and the balanced columns.
    #[arg(long, value_name = "UNITS.csv")]
    pub units: PathBuf,
    /// Adjacency: u,v (derived from the locations when omitted).
    #[arg(long, value_name = "EDGES.csv")]
    pub edges: Option<PathBuf>,
    /// Number of territories.
    #[arg(long, value_name = "K")]
    pub territories: usize,
    /// A column to balance and its tolerance as a share (0.02 = ±2 %; default 0.05). Repeat for
    /// more columns; the first also weighs distances.
    #[arg(long, value_name = "COLUMN[:TOLERANCE]", required = true)]
    pub balance: Vec<String>,
    /// Reps' homes: territory, x_km,y_km or lon,lat, optional share.
    #[arg(long, value_name = "HOMES.csv")]
    pub homes: Option<PathBuf>,
    /// The current alignment: id,territory.
    #[arg(long, value_name = "CURRENT.csv")]
    pub current: Option<PathBuf>,
    /// Most that may change territory, as a share of units, or of a column with SHARE:COLUMN.
    #[arg(long, value_name = "SHARE[:COLUMN]", requires = "current")]
    pub max_disruption: Option<String>,
    /// Units that must stay: id and optionally territory (default: their current territory).
    #[arg(long, value_name = "LOCKED.csv")]
    pub locked: Option<PathBuf>,
    /// Seed: the same input and seed give the same alignment.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Independent starts spread over the cores (two threads); the best is kept.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub starts: usize,
    /// Where to write id,territory.
    #[arg(long, value_name = "ASSIGNMENT.csv")]
    pub out: PathBuf,
    /// Where to write the metrics as JSON.
    #[arg(long, value_name = "METRICS.json")]
    pub metrics: Option<PathBuf>,
}

pub fn optimize(args: &OptimizeArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    if args.territories == 0 {
        bail!("--territories must be at least 1");
    }
    let mut balances = Vec::new();
    for spec in &args.balance {
        balances.push(parse_balance(spec)?);
    }
    let disruption = args.max_disruption.as_deref().map(parse_disruption).transpose()?;
    let mut wanted: Vec<String> = balances.iter().map(|(c, _)| c.clone()).collect();
    if let Some((_, Some(column))) = &disruption {
        wanted.push(column.clone());
    }
    let units = read_units(&args.units, &wanted)?;
    let index: HashMap<&str, usize> = units.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let edges = args.edges.as_deref().map(|p| read_edges(p, &index)).transpose()?;
    let mut labels = Labels::default();
    let homes = args.homes.as_deref().map(|p| read_homes(p, args.territories, &mut labels)).transpose()?;
    let current = args.current.as_deref().map(|p| read_pairs(p, &index, &mut labels)).transpose()?;
    let locked = match &args.locked {
        Some(p) => read_locked(p, &index, current.as_deref(), &mut labels)?,
        None => Vec::new(),
    };
    if labels.names.len() > args.territories {
        bail!(
            "the input names {} territories ({}), more than --territories {}",
            labels.names.len(),
            labels.names.join(", "),
            args.territories
        );
    }
    labels.fill(args.territories);
    let n = units.ids.len();
    let problem = Problem {
        locations: units.locations,
        edges,
        territories: args.territories,
        balance: balances
            .iter()
            .enumerate()
            .map(|(a, (name, tolerance))| Balance {
                name: name.clone(),
                values: units.columns[a].clone(),
                tolerance: *tolerance,
            })
            .collect(),
        target_shares: homes.as_ref().and_then(|h| h.1.clone()),
        homes: homes.map(|h| h.0),
        current: current.map(|c| {
            let mut per_unit = vec![None; n];
            for (u, t) in c {
                per_unit[u] = Some(t);
            }
            per_unit
        }),
        max_disruption: disruption.map(|(share, column)| DisruptionLimit {
            max_share: share,
            measure: match column {
                Some(name) => DisruptionMeasure::Attribute { values: units.columns[balances.len()].clone(), name },
                None => DisruptionMeasure::Units,
            },
        }),
        locked,
    };
    let options = Options { seed: args.seed, starts: args.starts.max(1), ..Options::default() };
    eprintln!(
        "Aligning {n} units into {} territories ({} starts on {} threads)…",
        args.territories, options.starts, options.threads
    );
    let alignment = sutton_align::optimize(&problem, &options, &|p| {
        eprintln!(
            "{:>7.2} s  start {}/{} done; best so far: violation {:.4}, mean distance {:.1} km",
            started.elapsed().as_secs_f64(),
            p.starts_done,
            p.starts,
            p.best_violation,
            p.best_mean_distance
        );
    })
    .context("aligning the territories")?;
    let seconds = started.elapsed().as_secs_f64();
    write_assignment(&args.out, &units.ids, &labels.names, &alignment.assignment)?;
    if let Some(path) = &args.metrics {
        let json = metrics_json(&alignment, &units.ids, &labels.names, &problem, seconds);
        let text = serde_json::to_string_pretty(&json).context("encoding the metrics")?;
        std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    print_summary(&alignment, &problem, &units.ids, &labels.names, seconds);
    Ok(())
}

fn parse_balance(spec: &str) -> anyhow::Result<(String, f64)> {
    let (column, tolerance) = match spec.rsplit_once(':') {
        Some((c, t)) => {
            let t: f64 = t.trim().parse().map_err(|_| {
                anyhow::anyhow!("--balance {spec}: {t:?} is not a tolerance; write a share such as 0.02 for ±2 %")
            })?;
            (c, t)
        }
        None => (spec, 0.05),
    };
    if !(0.0..1.0).contains(&tolerance) {
        bail!("--balance {spec}: the tolerance must be a share between 0 and 1 (0.02 = ±2 %)");
    }
    if column.trim().is_empty() {
        bail!("--balance {spec}: name a column of the units file");
    }
    Ok((column.trim().to_owned(), tolerance))
}

fn parse_disruption(spec: &str) -> anyhow::Result<(f64, Option<String>)> {
    let (share, column) = match spec.split_once(':') {
        Some((s, c)) => (s, Some(c.trim().to_owned())),
        None => (spec, None),
    };
    let share: f64 = share
        .trim()
        .parse()
        .ok()
        .filter(|s: &f64| (0.0..=1.0).contains(s))
        .ok_or_else(|| anyhow::anyhow!("--max-disruption {spec}: write a share between 0 and 1, e.g. 0.1"))?;
    Ok((share, column))
}

/// Territory names as the files give them; index = territory number in the engine.
#[derive(Debug, Default)]
struct Labels {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Labels {
    fn get_or_add(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), self.names.len() - 1);
        self.names.len() - 1
    }

    /// Names the territories no file named: the smallest numbers not already taken.
    fn fill(&mut self, k: usize) {
        let mut next = 0usize;
        while self.names.len() < k {
            let name = next.to_string();
            if !self.index.contains_key(&name) {
                self.get_or_add(&name);
            }
            next += 1;
        }
    }
}

/// A CSV file with its header, read record by record with line numbers for errors.
struct Table {
    path: PathBuf,
    header: Vec<String>,
    reader: csv::Reader<std::fs::File>,
}

impl Table {
    fn open(path: &Path) -> anyhow::Result<Table> {
        let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(file);
        let header: Vec<String> = reader
            .headers()
            .with_context(|| format!("{}: reading the header row", path.display()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        Ok(Table { path: path.to_owned(), header, reader })
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    fn require(&self, name: &str) -> anyhow::Result<usize> {
        self.column(name).ok_or_else(|| {
            anyhow::anyhow!("{} has no column {name:?} (its columns: {})", self.path.display(), self.header.join(", "))
        })
    }

    /// Every record with its line number.
    fn rows(&mut self) -> impl Iterator<Item = anyhow::Result<(u64, csv::StringRecord)>> + '_ {
        let path = self.path.clone();
        self.reader.records().map(move |r| {
            let record = r.map_err(|e| match e.position() {
                Some(p) => anyhow::anyhow!("{} line {}: {e}", path.display(), p.line()),
                None => anyhow::anyhow!("{}: {e}", path.display()),
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            Ok((line, record))
        })
    }

    fn number(&self, line: u64, record: &csv::StringRecord, column: usize) -> anyhow::Result<f64> {
        let text = record.get(column).unwrap_or("");
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => bail!("{} line {line}, field {}: {text:?} is not a number", self.path.display(), self.header[column]),
        }
    }

    fn text<'r>(&self, line: u64, record: &'r csv::StringRecord, column: usize) -> anyhow::Result<&'r str> {
        match record.get(column) {
            Some(t) if !t.is_empty() => Ok(t),
            _ => bail!("{} line {line}, field {}: empty", self.path.display(), self.header[column]),
        }
    }

    /// Where a location is: `x_km,y_km` if present, else `lon,lat`.
    fn location_columns(&self) -> anyhow::Result<(usize, usize, bool)> {
        match (self.column("x_km"), self.column("y_km"), self.column("lon"), self.column("lat")) {
            (Some(x), Some(y), _, _) => Ok((x, y, false)),
            (_, _, Some(x), Some(y)) => Ok((x, y, true)),
            _ => bail!(
                "{} needs a location: columns x_km,y_km (planar km) or lon,lat (degrees); its columns: {}",
                self.path.display(),
                self.header.join(", ")
            ),
        }
    }

    fn location(
        &self,
        line: u64,
        record: &csv::StringRecord,
        columns: (usize, usize, bool),
    ) -> anyhow::Result<[f64; 2]> {
        let (a, b) = (self.number(line, record, columns.0)?, self.number(line, record, columns.1)?);
        if !columns.2 {
            return Ok([a, b]);
        }
        if !(-180.0..=180.0).contains(&a) || !(-90.0..=90.0).contains(&b) {
            bail!("{} line {line}: lon,lat ({a}, {b}) is not a position on Earth", self.path.display());
        }
        Ok(sutton_geo::projection::lonlat_to_epsg5070_km(a, b))
    }

    fn unit(
        &self,
        line: u64,
        record: &csv::StringRecord,
        column: usize,
        index: &HashMap<&str, usize>,
    ) -> anyhow::Result<usize> {
        let id = self.text(line, record, column)?;
        index.get(id).copied().ok_or_else(|| {
            anyhow::anyhow!(
                "{} line {line}, field {}: no unit {id:?} in the units file",
                self.path.display(),
                self.header[column]
            )
        })
    }
}

struct Units {
    ids: Vec<String>,
    locations: Vec<[f64; 2]>,
    columns: Vec<Vec<f64>>,
}

fn read_units(path: &Path, wanted: &[String]) -> anyhow::Result<Units> {
    let mut table = Table::open(path)?;
    let id = table.require("id")?;
    let location = table.location_columns()?;
    let columns: Vec<usize> = wanted.iter().map(|c| table.require(c)).collect::<anyhow::Result<_>>()?;
    let mut units = Units { ids: Vec::new(), locations: Vec::new(), columns: vec![Vec::new(); wanted.len()] };
    let mut seen: HashMap<String, u64> = HashMap::new();
    let rows: Vec<(u64, csv::StringRecord)> = table.rows().collect::<anyhow::Result<_>>()?;
    for (line, record) in rows {
        let name = table.text(line, &record, id)?.to_owned();
        if let Some(first) = seen.insert(name.clone(), line) {
            bail!("{} line {line}, field id: {name:?} appears again (first on line {first})", path.display());
        }
        units.locations.push(table.location(line, &record, location)?);
        for (values, &c) in units.columns.iter_mut().zip(&columns) {
            let v = table.number(line, &record, c)?;
            if v < 0.0 {
                bail!("{} line {line}, field {}: {v} is negative", path.display(), table.header[c]);
            }
            values.push(v);
        }
        units.ids.push(name);
    }
    if units.ids.is_empty() {
        bail!("{} has no units", path.display());
    }
    Ok(units)
}

fn read_edges(path: &Path, index: &HashMap<&str, usize>) -> anyhow::Result<Vec<[usize; 2]>> {
    let mut table = Table::open(path)?;
    let (u, v) = (table.require("u")?, table.require("v")?);
    let rows: Vec<(u64, csv::StringRecord)> = table.rows().collect::<anyhow::Result<_>>()?;
    rows.iter().map(|(line, r)| Ok([table.unit(*line, r, u, index)?, table.unit(*line, r, v, index)?])).collect()
}

/// Homes in file order (each row names a territory) and target shares if given.
/// Homes (one per territory, in file order) and their target shares when the file has them.
type Homes = (Vec<[f64; 2]>, Option<Vec<f64>>);

fn read_homes(path: &Path, k: usize, labels: &mut Labels) -> anyhow::Result<Homes> {
    let mut table = Table::open(path)?;
    let territory = table.require("territory")?;
    let location = table.location_columns()?;
    let share = table.column("share");
    let rows: Vec<(u64, csv::StringRecord)> = table.rows().collect::<anyhow::Result<_>>()?;
    if rows.len() != k {
        bail!("{} has {} homes but --territories is {k}: give one home per territory", path.display(), rows.len());
    }
    let mut homes = Vec::new();
    let mut shares = Vec::new();
    for (line, record) in &rows {
        let name = table.text(*line, record, territory)?;
        if labels.index.contains_key(name) {
            bail!("{} line {line}, field territory: {name:?} has a home already", path.display());
        }
        labels.get_or_add(name);
        homes.push(table.location(*line, record, location)?);
        if let Some(c) = share {
            let s = table.number(*line, record, c)?;
            if s <= 0.0 {
                bail!("{} line {line}, field share: {s} must be positive", path.display());
            }
            shares.push(s);
        }
    }
    Ok((homes, share.map(|_| shares)))
}

fn read_pairs(path: &Path, index: &HashMap<&str, usize>, labels: &mut Labels) -> anyhow::Result<Vec<(usize, usize)>> {
    let mut table = Table::open(path)?;
    let (id, territory) = (table.require("id")?, table.require("territory")?);
    let rows: Vec<(u64, csv::StringRecord)> = table.rows().collect::<anyhow::Result<_>>()?;
    let mut pairs = Vec::new();
    for (line, record) in &rows {
        let u = table.unit(*line, record, id, index)?;
        pairs.push((u, labels.get_or_add(table.text(*line, record, territory)?)));
    }
    Ok(pairs)
}

fn read_locked(
    path: &Path,
    index: &HashMap<&str, usize>,
    current: Option<&[(usize, usize)]>,
    labels: &mut Labels,
) -> anyhow::Result<Vec<(usize, usize)>> {
    let mut table = Table::open(path)?;
    let id = table.require("id")?;
    let territory = table.column("territory");
    let now: HashMap<usize, usize> = current.unwrap_or_default().iter().copied().collect();
    let rows: Vec<(u64, csv::StringRecord)> = table.rows().collect::<anyhow::Result<_>>()?;
    let mut locked = Vec::new();
    for (line, record) in &rows {
        let u = table.unit(*line, record, id, index)?;
        let named = territory.and_then(|c| record.get(c)).filter(|t| !t.is_empty());
        let t = match named {
            Some(name) => labels.get_or_add(name),
            None => *now.get(&u).ok_or_else(|| {
                anyhow::anyhow!(
                    "{} line {line}: unit {:?} has no territory column and no current territory to stay in",
                    path.display(),
                    record.get(id).unwrap_or("")
                )
            })?,
        };
        locked.push((u, t));
    }
    Ok(locked)
}

fn write_assignment(path: &Path, ids: &[String], names: &[String], assignment: &[usize]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_path(path).with_context(|| format!("creating {}", path.display()))?;
    writer.write_record(["id", "territory"])?;
    for (id, &t) in ids.iter().zip(assignment) {
        writer.write_record([id.as_str(), names[t].as_str()])?;
    }
    writer.flush().with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn metrics_json(a: &Alignment, ids: &[String], names: &[String], problem: &Problem, seconds: f64) -> serde_json::Value {
    use serde_json::json;
    let m = &a.metrics;
    json!({
        "seconds": seconds,
        "units": a.assignment.len(),
        "territories": names.len(),
        "edges": a.edges.len(),
        "edges_derived": a.edges_derived,
        "feasible": a.violations.is_empty(),
        "violations": a.violations.iter().map(|v| json!({
            "proven": v.is_proven(),
            "message": describe(v, ids, names),
        })).collect::<Vec<_>>(),
        "balance": m.balance.iter().map(|b| json!({
            "column": b.name,
            "tolerance": b.tolerance,
            "max_deviation": b.max_deviation,
            "cv": b.cv,
            "territories_outside": b.outside,
        })).collect::<Vec<_>>(),
        "contiguous": m.contiguous,
        "mean_distance_to_centre_km": m.mean_distance_to_centre,
        "mean_distance_to_home_km": m.mean_distance_to_home,
        "objective": m.objective,
        "lower_bound": m.lower_bound.as_ref().map(|l| json!({
            "objective": l.objective,
            "mean_distance_km": l.mean_distance,
            "gap": l.gap,
            "basis": match l.basis {
                sutton_align::BoundBasis::Homes => "homes",
                sutton_align::BoundBasis::FinalCentres => "final centres",
            },
        })),
        "cut_edges": m.cut_edges,
        "disruption": m.disruption.as_ref().map(|d| json!({
            "units_moved": d.units_moved,
            "unit_share": d.unit_share,
            "share": d.share,
            "max_share": problem.max_disruption.as_ref().map(|x| x.max_share),
        })),
        "per_territory": m.territories.iter().enumerate().map(|(t, tm)| json!({
            "territory": names[t],
            "units": tm.units,
            "totals": problem.balance.iter().zip(&tm.totals).map(|(b, v)| (b.name.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
            "targets": problem.balance.iter().zip(&tm.targets).map(|(b, v)| (b.name.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
            "centre_km": if tm.units > 0 { json!(tm.centre) } else { serde_json::Value::Null },
            "mean_distance_km": tm.mean_distance,
            "contiguous": tm.contiguous,
        })).collect::<Vec<_>>(),
    })
}

fn print_summary(a: &Alignment, problem: &Problem, ids: &[String], names: &[String], seconds: f64) {
    let m = &a.metrics;
    println!(
        "{} units in {} territories in {seconds:.2} s ({} edges{})",
        a.assignment.len(),
        problem.territories,
        a.edges.len(),
        if a.edges_derived { ", derived from the locations" } else { "" }
    );
    for b in &m.balance {
        println!(
            "  {}: max deviation {:.2} % (tolerance ±{:.1} %), CV {:.4}, {} territories outside",
            b.name,
            b.max_deviation * 100.0,
            b.tolerance * 100.0,
            b.cv,
            b.outside
        );
    }
    println!("  contiguous: {}", if m.contiguous { "all territories" } else { "NO" });
    println!("  mean weighted distance to centre: {:.1} km", m.mean_distance_to_centre);
    if let Some(h) = m.mean_distance_to_home {
        println!("  mean weighted distance to home: {h:.1} km");
    }
    if let Some(l) = &m.lower_bound {
        let basis = match l.basis {
            sutton_align::BoundBasis::Homes => "any balanced alignment",
            sutton_align::BoundBasis::FinalCentres => "any balanced reassignment to these centres",
        };
        println!("  lower bound ({basis}): {:.1} km, gap {:.1} %", l.mean_distance, l.gap * 100.0);
    }
    println!("  cut edges: {}", m.cut_edges);
    if let Some(d) = &m.disruption {
        println!(
            "  disruption: {} units moved ({:.1} %), measured share {:.1} %",
            d.units_moved,
            d.unit_share * 100.0,
            d.share * 100.0
        );
    }
    for v in &a.violations {
        eprintln!("warning: {}", describe(v, ids, names));
    }
}

/// A violation in words, with the units' ids and territories' names from the files.
fn describe(v: &Violation, ids: &[String], names: &[String]) -> String {
    let name = |t: &usize| names.get(*t).map_or_else(|| t.to_string(), Clone::clone);
    let note = match v {
        Violation::UnitAboveBand { unit, .. } => format!(" [unit {unit} is id {:?}]", ids[*unit]),
        Violation::LockedAboveBand { territory, .. } | Violation::LockedApart { territory } => {
            format!(" [territory {territory} is {:?}]", name(territory))
        }
        Violation::NotContiguous { territories } => {
            format!(" [named {}]", territories.iter().map(name).collect::<Vec<_>>().join(", "))
        }
        _ => String::new(),
    };
    format!("{v}{note}")
}
