//! Import and export use cases: CRM files in, with every rejected row reported and nothing
//! half-written; Sutton's data out in the shape each CRM takes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::cell::RefCell;

use sutton_domain::{AuditEntry, AuditId, Dataset, Opportunity, Record};
use sutton_io::export::{CustomFields, Format, Written};
use sutton_io::{IoError, Object, Options, Plan, Progress, Sheet, Source};
use sutton_store::{Access, StoreError, Tx};

use crate::{App, AppError};

/// What to import and how.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// Files, or folders whose CSV and XLSX files are all imported.
    pub paths: Vec<PathBuf>,
    pub from: Option<Source>,
    /// Write the valid rows and put the rejected ones in a rejects file.
    pub skip_invalid: bool,
    /// Plan and report, write nothing.
    pub dry_run: bool,
    /// Where rejects files go (default: the current directory).
    pub rejects_dir: Option<PathBuf>,
    /// Nothing else in this process uses the database while the import runs (the command
    /// line): a large import may then take an SQLite file for itself while it writes (see
    /// [`sutton_store::Store::write_bulk`]). A server leaves this off.
    pub sole: bool,
}

/// What an import did.
#[derive(Debug)]
pub struct ImportOutcome {
    /// The plan with its report (its data is dropped once written).
    pub plan: Plan,
    /// Whether anything was written.
    pub written: bool,
    /// Rejects files written under `--skip-invalid`.
    pub rejects_files: Vec<PathBuf>,
    skip_invalid: bool,
}

impl ImportOutcome {
    /// Rows were rejected and, without `--skip-invalid`, nothing was written because of them.
    pub fn failed(&self) -> bool {
        !self.plan.problems.is_empty() && !self.skip_invalid
    }
}

/// Progress of a long import or export, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Reading(&'a str),
    Rows { phase: &'a str, done: usize, total: usize },
    Writing,
}

impl App {
    /// Plans an import against the stored data and, unless rows were rejected (without
    /// `skip_invalid`) or this is a dry run, writes it in one transaction. Figures remembered
    /// for pages are forgotten once it has written.
    pub fn import(
        &self,
        request: &ImportRequest,
        progress: &mut dyn FnMut(Step<'_>),
    ) -> Result<ImportOutcome, AppError> {
        let outcome = self.plan_and_write(request, progress)?;
        if outcome.written {
            self.forget_figures();
        }
        Ok(outcome)
    }

    fn plan_and_write(
        &self,
        request: &ImportRequest,
        progress: &mut dyn FnMut(Step<'_>),
    ) -> Result<ImportOutcome, AppError> {
        let mut sheets = Vec::new();
        let mut skipped = Vec::new();
        for path in files(&request.paths)? {
            let name = path.display().to_string();
            progress(Step::Reading(&name));
            let lower = name.to_ascii_lowercase();
            if !(lower.ends_with(".csv")
                || lower.ends_with(".xlsx")
                || lower.ends_with(".xlsm")
                || lower.ends_with(".txt"))
            {
                skipped.push((name, "not a CSV or XLSX file".to_owned()));
                continue;
            }
            sheets.extend(Sheet::open(&path).map_err(AppError::from)?);
        }
        let existing = self.store.load()?;
        let options = Options { from: request.from, skip_invalid: request.skip_invalid };
        let (mut plan, written) = if request.dry_run || request.skip_invalid {
            let plan = sutton_io::plan(existing, &sheets, options, &mut |p| rows(progress, p));
            drop(sheets);
            if !request.dry_run {
                progress(Step::Writing);
                self.store.write_bulk(&WRITTEN_TABLES, access(request), |tx| write_planned(tx, &plan))?;
            }
            (plan, !request.dry_run)
        } else {
            self.plan_while_writing(existing, sheets, options, access(request), progress)?
        };
        plan.skipped.extend(skipped);
        let rejects_files = if written && !plan.problems.is_empty() {
            write_rejects(&plan, request.rejects_dir.as_deref().unwrap_or(Path::new(".")))?
        } else {
            Vec::new()
        };
        // A million records take a while to free, and nobody waits for that: free them on
        // a thread of their own (a command that ends first just lets the system take them).
        let data = std::mem::take(&mut plan.data);
        if data.opportunities.len() + data.accounts.len() + data.activities.len() > 100_000 {
            let _ = std::thread::Builder::new().name("import-free".to_owned()).spawn(move || drop(data));
        }
        Ok(ImportOutcome { plan, written, rejects_files, skip_invalid: request.skip_invalid })
    }

    /// An all-or-nothing import, planned on this thread while a second one writes: the plan
    /// streams new opportunities as soon as they are final ([`sutton_io::plan_streaming`]) and
    /// the writer inserts them inside the import's one transaction. When the plan is done, the
    /// writer gets the rest of it and commits — or, if any row was rejected, rolls everything
    /// back. Reading and checking a million rows takes about as long as writing them, so with
    /// both at once the import takes little more than the longer of the two. Returns the plan
    /// and whether it was written.
    fn plan_while_writing(
        &self,
        existing: Dataset,
        sheets: Vec<Sheet>,
        options: Options,
        access: Access,
        progress: &mut dyn FnMut(Step<'_>),
    ) -> Result<(Plan, bool), AppError> {
        // Two batches in flight at most, so a slow disk holds memory to ~20,000 copies.
        let (to_writer, inbox) = std::sync::mpsc::sync_channel::<ToWriter>(2);
        let progress = RefCell::new(progress);
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || {
                self.store.write_bulk(&WRITTEN_TABLES, access, |tx| -> Result<Box<Plan>, Unwritten> {
                    for message in inbox {
                        match message {
                            ToWriter::Opportunities(batch) => tx.insert_opportunities(&batch)?,
                            ToWriter::Finish(plan) => {
                                write_planned(tx, &plan).map_err(Unwritten::Failed)?;
                                return Ok(plan);
                            }
                            ToWriter::Abandon => break,
                        }
                    }
                    // Abandoned, or the planning thread is gone: roll back.
                    Err(Unwritten::Abandoned)
                })
            });
            let mut announced = false;
            let mut stream = |batch: Vec<Opportunity>| {
                if !announced {
                    announced = true;
                    (progress.borrow_mut())(Step::Writing);
                }
                // A writer that failed has stopped listening; its error is reported at the end.
                let _ = to_writer.send(ToWriter::Opportunities(batch));
            };
            let plan = sutton_io::plan_streaming(
                existing,
                &sheets,
                options,
                &mut |p| rows(*progress.borrow_mut(), p),
                Some(&mut stream),
            );
            drop(sheets);
            if !plan.problems.is_empty() {
                let _ = to_writer.send(ToWriter::Abandon);
                drop(to_writer);
                return match writer.join() {
                    Ok(Err(Unwritten::Failed(e))) => Err(e),
                    Err(panic) => std::panic::resume_unwind(panic),
                    Ok(_) => Ok((plan, false)),
                };
            }
            if !announced {
                (progress.borrow_mut())(Step::Writing);
            }
            let _ = to_writer.send(ToWriter::Finish(Box::new(plan)));
            drop(to_writer);
            match writer.join() {
                Ok(Ok(plan)) => Ok((*plan, true)),
                Ok(Err(Unwritten::Failed(e))) => Err(e),
                Ok(Err(Unwritten::Abandoned)) => {
                    Err(AppError::Internal("the import's writer stopped early".to_owned()))
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// Writes the stored data to `dir` in `format`.
    pub fn export(&self, format: Format, dir: &Path) -> Result<Vec<Written>, AppError> {
        let data = self.store.load()?;
        let mut custom: CustomFields = HashMap::new();
        for (object, id, name, value) in self.store.custom_fields()? {
            if let Some((o, _)) = Object::from_name(&object) {
                custom.entry((o, id)).or_default().insert(name, value);
            }
        }
        let segments = self.store.segments()?.into_iter().map(|s| (s.account.get(), s.segment.to_string())).collect();
        Ok(sutton_io::export::export_with(&data, &custom, &segments, format, dir)?)
    }
}

fn access(request: &ImportRequest) -> Access {
    if request.sole { Access::Sole } else { Access::Shared }
}

/// The tables an import writes, for [`sutton_store::Store::write_bulk`].
const WRITTEN_TABLES: [&str; 11] = [
    "teams",
    "people",
    "accounts",
    "contacts",
    "products",
    "leads",
    "opportunities",
    "opportunity_lines",
    "opportunity_team",
    "opportunity_changes",
    "activities",
];

/// What the planning thread of an import tells the writing thread.
enum ToWriter {
    /// New opportunities that are final: insert them.
    Opportunities(Vec<Opportunity>),
    /// The plan is done and rejected nothing: write the rest of it and commit.
    Finish(Box<Plan>),
    /// Rows were rejected: roll back.
    Abandon,
}

/// Why the writing thread rolled back.
enum Unwritten {
    Failed(AppError),
    Abandoned,
}

impl From<StoreError> for Unwritten {
    fn from(e: StoreError) -> Unwritten {
        Unwritten::Failed(e.into())
    }
}

fn rows(progress: &mut dyn FnMut(Step<'_>), p: Progress<'_>) {
    match p {
        Progress::Rows { phase, done, total } => progress(Step::Rows { phase, done, total }),
    }
}

/// Writes a plan's inserts and updates (but not the opportunities it already streamed), its
/// custom fields and an audit entry, inside the caller's transaction.
fn write_planned(tx: &mut Tx<'_>, plan: &Plan) -> Result<(), AppError> {
    let d = &plan.data;
    let summary: Vec<String> = plan
        .tallies
        .iter()
        .map(|(o, t)| format!("{}: {} created, {} updated", o.label(), t.created, t.updated))
        .collect();
    let lines: Vec<_> = d.product_lines.iter().filter(|l| plan.new_product_lines.contains(&l.id)).cloned().collect();
    tx.insert_product_lines(&lines)?;
    tx.insert_geo_units(&created(plan, Object::GeoUnit, &d.geo_units))?;
    tx.update_geo_units(&updated(plan, Object::GeoUnit, &d.geo_units))?;
    tx.insert_teams(&created(plan, Object::Team, &d.teams))?;
    tx.update_teams(&updated(plan, Object::Team, &d.teams))?;
    tx.insert_people(&created(plan, Object::Person, &d.people))?;
    tx.update_people(&updated(plan, Object::Person, &d.people))?;
    tx.insert_accounts(&created(plan, Object::Account, &d.accounts))?;
    tx.update_accounts(&updated(plan, Object::Account, &d.accounts))?;
    tx.insert_contacts(&created(plan, Object::Contact, &d.contacts))?;
    tx.update_contacts(&updated(plan, Object::Contact, &d.contacts))?;
    tx.insert_products(&created(plan, Object::Product, &d.products))?;
    tx.update_products(&updated(plan, Object::Product, &d.products))?;
    tx.insert_stages(&created(plan, Object::Stage, &d.stages))?;
    tx.update_stages(&updated(plan, Object::Stage, &d.stages))?;
    tx.insert_leads(&created(plan, Object::Lead, &d.leads))?;
    tx.update_leads(&updated(plan, Object::Lead, &d.leads))?;
    tx.insert_opportunities(&not_streamed(plan, &d.opportunities))?;
    tx.update_opportunities(&updated(plan, Object::Opportunity, &d.opportunities))?;
    tx.insert_opportunity_changes(&created(plan, Object::OpportunityChange, &d.opportunity_changes))?;
    tx.update_opportunity_changes(&updated(plan, Object::OpportunityChange, &d.opportunity_changes))?;
    tx.insert_activities(&created(plan, Object::Activity, &d.activities))?;
    tx.update_activities(&updated(plan, Object::Activity, &d.activities))?;
    let custom: Vec<(&str, i64, &str, &str)> = plan
        .custom_fields
        .iter()
        .flat_map(|(o, id, fields)| fields.iter().map(move |(k, v)| (o.native_name(), *id, k.as_str(), v.as_str())))
        .collect();
    tx.set_custom_fields(&custom)?;
    tx.audit(&[AuditEntry {
        id: AuditId(0),
        at: chrono::Utc::now(),
        actor: "sutton import".to_owned(),
        action: "import".to_owned(),
        entity: "data".to_owned(),
        entity_id: None,
        detail: summary.join("; "),
    }])?;
    Ok(())
}

/// The new opportunities of the plan that were not streamed (and so not written yet).
fn not_streamed<'a>(plan: &Plan, list: &'a [Opportunity]) -> std::borrow::Cow<'a, [Opportunity]> {
    if plan.streamed.is_empty() {
        return created(plan, Object::Opportunity, list);
    }
    let Some(ids) = plan.created.get(&Object::Opportunity) else { return std::borrow::Cow::Borrowed(&[]) };
    // Everything streamed was created, so equal sizes mean nothing is left.
    if ids.len() == plan.streamed.len() {
        return std::borrow::Cow::Borrowed(&[]);
    }
    let left = |r: &&Opportunity| ids.contains(&r.id.get()) && !plan.streamed.contains(&r.id.get());
    std::borrow::Cow::Owned(list.iter().filter(left).cloned().collect())
}

impl From<IoError> for AppError {
    fn from(e: IoError) -> AppError {
        AppError::Input(e.to_string())
    }
}

/// The records of `list` the plan creates: the whole list when it creates them all (a first
/// import), so a million rows are not copied.
fn created<'a, T: Record + Clone>(plan: &Plan, o: Object, list: &'a [T]) -> std::borrow::Cow<'a, [T]> {
    let Some(ids) = plan.created.get(&o) else { return std::borrow::Cow::Borrowed(&[]) };
    if ids.len() == list.len() {
        return std::borrow::Cow::Borrowed(list);
    }
    std::borrow::Cow::Owned(list.iter().filter(|r| ids.contains(&r.raw_id())).cloned().collect())
}

fn updated<T: Record + Clone>(plan: &Plan, o: Object, list: &[T]) -> Vec<T> {
    match plan.updated.get(&o) {
        Some(ids) if !ids.is_empty() => list.iter().filter(|r| ids.contains(&r.raw_id())).cloned().collect(),
        _ => Vec::new(),
    }
}

/// The files to import: each path, or the CSV and XLSX files in each folder, in name order.
fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, AppError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| AppError::Input(format!("cannot read folder {}: {e}", p.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            inside.sort();
            out.extend(inside);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(AppError::Input(format!("{} does not exist", p.display())));
        }
    }
    Ok(out)
}

/// One rejects file per input file: the rows exactly as they were, with the line they came
/// from and the reasons in two added columns.
fn write_rejects(plan: &Plan, dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::Input(format!("cannot create {}: {e}", dir.display())))?;
    let mut by_file: Vec<(&str, Vec<&sutton_io::RejectedRow>)> = Vec::new();
    for r in &plan.rejected_rows {
        match by_file.iter_mut().find(|(f, _)| *f == r.file) {
            Some((_, rows)) => rows.push(r),
            None => by_file.push((&r.file, vec![r])),
        }
    }
    let mut out = Vec::new();
    for (file, mut rows) in by_file {
        rows.sort_by_key(|r| r.line);
        let stem: String =
            file.chars().map(|c| if c.is_alphanumeric() || c == '.' || c == '-' { c } else { '_' }).collect();
        let path = dir.join(format!("{stem}.rejects.csv"));
        let write = || -> Result<(), Box<dyn std::error::Error>> {
            let mut w = csv::Writer::from_path(&path)?;
            let mut header = rows[0].headers.clone();
            header.extend(["sutton_line".to_owned(), "sutton_reason".to_owned()]);
            w.write_record(&header)?;
            for r in &rows {
                let mut cells = r.cells.clone();
                cells.resize(r.headers.len(), String::new());
                cells.push(r.line.to_string());
                cells.push(r.reasons.join("; "));
                w.write_record(&cells)?;
            }
            w.flush()?;
            Ok(())
        };
        write().map_err(|e| AppError::Input(format!("cannot write {}: {e}", path.display())))?;
        out.push(path);
    }
    Ok(out)
}
