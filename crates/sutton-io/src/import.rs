//! Turning sheets into changes to a [`Dataset`], with every rejected row explained.
//!
//! The plan is made in memory against the organisation's current data, in two passes over
//! the rows:
//!
//! 1. **Keys.** Every row's own key (Sutton id, external id, or a natural key such as a stage
//!    name) is resolved to an existing record or a newly reserved id, for every file, before
//!    any field is read. References between files therefore resolve whatever order the files
//!    came in, and a record may point at one that appears later in the same file.
//! 2. **Fields.** Files are applied in dependency order ([`Object`]'s order). Each row is laid
//!    over a copy of its record (an update keeps what the file does not mention), every cell
//!    is parsed, every reference is resolved, and the record's own rules are checked. A row
//!    with any problem is rejected with all of them.
//!
//! Finally [`Dataset::check`] runs over the whole result, so nothing the store would refuse
//! at commit gets that far. The caller writes the plan in one transaction, or not at all.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use csv::StringRecord;
use rustc_hash::{FxHashMap, FxHashSet};
use sutton_domain::*;

use crate::read::Sheet;
use crate::schema::{Object, Source, normalise};
use crate::value;

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The source of every file; detected per file from its name and header when absent.
    pub from: Option<Source>,
    /// Keep the valid rows when some are rejected (the default rejects the whole import).
    pub skip_invalid: bool,
}

/// One rejected row's problem: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    /// The header of the offending column, when one cell is to blame.
    pub column: Option<String>,
    pub field: String,
    pub value: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}", self.file, self.line)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c:?}")?;
        }
        write!(f, " ({}", self.field)?;
        if !self.value.is_empty() {
            write!(f, " = {:?}", self.value)?;
        }
        write!(f, "): {}", self.reason)
    }
}

/// A rejected row kept whole, for the rejects file.
#[derive(Debug, Clone)]
pub struct RejectedRow {
    pub file: String,
    pub headers: Vec<String>,
    pub line: u64,
    pub cells: Vec<String>,
    pub reasons: Vec<String>,
}

/// Rows read, and what became of them, for one object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub read: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

/// The result of planning an import: the data as it will be, what changed, and the report.
#[derive(Debug, Default)]
pub struct Plan {
    pub data: Dataset,
    /// Ids of records to insert, per object (deal team members travel with their opportunity).
    pub created: BTreeMap<Object, BTreeSet<i64>>,
    /// Ids of existing records whose stored row changes. An opportunity listed here has its
    /// lines and deal team rewritten too.
    pub updated: BTreeMap<Object, BTreeSet<i64>>,
    /// Salesforce custom fields (`…__c`) Sutton does not use, kept per record.
    pub custom_fields: Vec<(Object, i64, BTreeMap<String, String>)>,
    pub tallies: BTreeMap<Object, Tally>,
    pub problems: Vec<Problem>,
    pub rejected_rows: Vec<RejectedRow>,
    /// Files or sheets not imported, with the reason (objects Sutton does not use).
    pub skipped: Vec<(String, String)>,
    /// People known only by a reference so far: (id, how they were referenced).
    pub placeholders: Vec<(PersonId, String)>,
    /// Columns no field matched, per file, so users can see what was left out.
    pub ignored_columns: Vec<(String, Vec<String>)>,
    /// Stage names met in opportunities and added to the sales process.
    pub new_stages: Vec<String>,
    /// Product lines named by products for the first time.
    pub new_product_lines: Vec<ProductLineId>,
    /// Which source and object each sheet was read as.
    pub files: Vec<(String, Source, Object)>,
    /// Ids of the new opportunities handed to the stream of [`plan_streaming`] (also in
    /// `created`): the caller has written them already.
    pub streamed: BTreeSet<i64>,
}

impl Plan {
    pub fn rows_read(&self) -> usize {
        self.tallies.values().map(|t| t.read).sum()
    }

    pub fn rows_rejected(&self) -> usize {
        self.tallies.values().map(|t| t.rejected).sum()
    }

    pub fn is_created(&self, o: Object, id: i64) -> bool {
        self.created.get(&o).is_some_and(|s| s.contains(&id))
    }

    pub fn is_updated(&self, o: Object, id: i64) -> bool {
        self.updated.get(&o).is_some_and(|s| s.contains(&id))
    }
}

/// What the caller hears while a long import runs.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// Rows done of rows total, in the named phase.
    Rows { phase: &'a str, done: usize, total: usize },
}

/// Works out the source and object of a sheet: `--from` if given, else the file name, else
/// the header.
pub fn detect(sheet: &Sheet, from: Option<Source>) -> Option<(Source, Object)> {
    let headers: HashSet<String> = sheet.headers.iter().map(|h| normalise(h)).collect();
    let has = |h: &str| headers.contains(&normalise(h));
    let by_header_source = || {
        if has("Record ID") {
            Source::Hubspot
        } else if headers.iter().any(|h| h.ends_with("suttonidc") || h.ends_with('c') && h.contains("__"))
            || has("Id")
            || has("OwnerId")
            || has("StageName")
        {
            Source::Salesforce
        } else if has("id") && !sheet.headers.iter().any(|h| h.contains(' ')) {
            Source::Native
        } else {
            Source::Salesforce
        }
    };
    if let Some((object, source)) = Object::from_name(&sheet.stem) {
        let source = from.or(source).unwrap_or_else(by_header_source);
        return Some((source, object));
    }
    let object = if has("StageName") || has("Opportunity Name") || has("Deal Name") || has("Deal Stage") {
        Object::Opportunity
    } else if has("Company name") || has("Account Name") && (has("Billing City") || has("Industry") || has("Type")) {
        Object::Account
    } else if has("SplitPercentage") {
        Object::DealTeam
    } else if has("Product2Id") || has("ListPrice") {
        Object::OpportunityLine
    } else if has("ProductCode") || has("Family") {
        Object::Product
    } else if has("ActivityDate") || has("TaskSubtype") || has("Call outcome") || has("Activity date") {
        Object::Activity
    } else if has("ConvertedDate") || has("Lead Status") || has("Company") && has("Status") {
        Object::Lead
    } else if has("Title") && (has("AccountId") || has("FirstName")) || has("Job Title") {
        Object::Contact
    } else if has("Username") || has("UserRoleId") || has("ManagerId") {
        Object::Person
    } else {
        return None;
    };
    Some((from.unwrap_or_else(by_header_source), object))
}

/// Plans the import of `sheets` into `existing`. Never fails: what cannot be imported is in
/// the plan's problems and skipped lists.
pub fn plan(existing: Dataset, sheets: &[Sheet], options: Options, progress: &mut dyn FnMut(Progress<'_>)) -> Plan {
    plan_streaming(existing, sheets, options, progress, None)
}

/// Opportunities handed out while the plan is still being made, in batches of this many.
pub const STREAM_BATCH: usize = 10_000;

/// Like [`plan`], handing new opportunities to `stream` in batches as soon as they are final,
/// so that a caller can write them while the rest of the files is read. An opportunity is
/// final when its row has been read and nothing later can change it: it is new, no other row
/// of the import is about the same opportunity, and no line-item or deal-team file is part of
/// the import. Nothing is streamed with `skip_invalid` (a row can still be dropped at the end).
///
/// What was streamed is listed in [`Plan::streamed`]; it is still in the plan's data (the
/// final check needs it). The plan's verdict is unchanged: if it rejects any row, the caller
/// must undo what it wrote from the stream.
pub fn plan_streaming(
    existing: Dataset,
    sheets: &[Sheet],
    options: Options,
    progress: &mut dyn FnMut(Progress<'_>),
    mut stream: Option<&mut dyn FnMut(Vec<Opportunity>)>,
) -> Plan {
    let mut st = State::new(existing);
    let mut work: Vec<Work> = Vec::new();
    for (index, sheet) in sheets.iter().enumerate() {
        match detect(sheet, options.from) {
            None => st.plan.skipped.push((
                sheet.name.clone(),
                "not an object Sutton imports (its name and columns match none)".to_owned(),
            )),
            Some((source, object)) => {
                let mut columns = Vec::new();
                let mut ignored = Vec::new();
                let mut custom = Vec::new();
                for (col, header) in sheet.headers.iter().enumerate() {
                    match object.field_for(header, source) {
                        Some(field) if !columns.iter().any(|(k, _)| *k == field.key) => columns.push((field.key, col)),
                        Some(_) => ignored.push(format!("{header} (repeats a column)")),
                        None if header.ends_with("__c") => custom.push((header.clone(), col)),
                        None if !header.is_empty() => ignored.push(header.clone()),
                        None => {}
                    }
                }
                if !ignored.is_empty() {
                    st.plan.ignored_columns.push((sheet.name.clone(), ignored));
                }
                st.plan.files.push((sheet.name.clone(), source, object));
                let columns = Columns::new(columns);
                let rows = sheet.row_estimate();
                work.push(Work { sheet: index, source, object, columns, custom, rows, keys: Vec::new() });
            }
        }
    }
    work.sort_by_key(|w| w.object);
    let changes_opportunities_later =
        work.iter().any(|w| matches!(w.object, Object::OpportunityLine | Object::DealTeam));
    if stream.is_some() && !options.skip_invalid && !changes_opportunities_later {
        st.outbox = Some(Vec::with_capacity(STREAM_BATCH));
    }
    let total: usize = work.iter().map(|w| w.rows).sum();

    // Pass 1: every row's own key. The maps a large file fills are sized for it up front:
    // a million external ids grown by doubling are copied again and again, into fresh memory
    // each time.
    let mut done = 0;
    for w in &mut work {
        let sheet = &sheets[w.sheet];
        let rows = w.rows;
        st.external.entry(w.object).or_default().reserve(w.source, rows);
        st.reserved.entry(w.object).or_default().reserve(rows);
        let mut keys = Vec::with_capacity(rows);
        let (object, source, columns) = (w.object, w.source, &w.columns);
        let read = |record: &StringRecord| RowKey::read(object, source, &Cells { record, columns });
        let result = sheet.rows_prepared(read, |_, key| {
            keys.push(st.register(object, key).map_err(Box::new));
            done += 1;
            if done % 50_000 == 0 {
                progress(Progress::Rows { phase: "reading keys", done, total });
            }
        });
        if let Err(e) = result {
            st.plan.problems.push(Problem {
                file: sheet.name.clone(),
                line: 0,
                column: None,
                field: "file".to_owned(),
                value: String::new(),
                reason: e.to_string(),
            });
        }
        w.keys = keys;
    }

    // Pass 2: fields, in dependency order.
    st.origin.reserve(work.iter().map(|w| w.keys.len()).sum());
    for w in &work {
        st.reserve_records(w.object, w.keys.len());
    }
    let mut done = 0;
    for w in &work {
        let sheet = &sheets[w.sheet];
        let mut row_index = 0;
        let _ = sheet.rows_read_ahead(|line, record| {
            let key = match w.keys.get(row_index) {
                Some(Ok(key)) => Ok(*key),
                Some(Err(fail)) => Err((**fail).clone()),
                None => Err(("row".to_owned(), String::new(), "unreadable".to_owned())),
            };
            row_index += 1;
            st.apply_row(w, sheet, line, record, key);
            if let (Some(outbox), Some(send)) = (&mut st.outbox, &mut stream)
                && outbox.len() >= STREAM_BATCH
            {
                send(std::mem::replace(outbox, Vec::with_capacity(STREAM_BATCH)));
            }
            done += 1;
            if done % 50_000 == 0 {
                progress(Progress::Rows { phase: "checking rows", done, total });
            }
        });
    }
    if let (Some(outbox), Some(send)) = (st.outbox.take(), &mut stream)
        && !outbox.is_empty()
    {
        send(outbox);
    }
    st.finish_deal_teams();
    st.check_integrity(sheets, options.skip_invalid);
    progress(Progress::Rows { phase: "checked", done: total, total });
    st.plan.data = st.data;
    st.plan
}

struct Work {
    sheet: usize,
    source: Source,
    object: Object,
    columns: Columns,
    custom: Vec<(String, usize)>,
    /// About how many rows the sheet has ([`Sheet::row_estimate`], counted once).
    rows: usize,
    /// Per row, in order: the record id the row is about, or why its key is unusable (boxed:
    /// a million rows keep their keys between the passes, and nearly all are good).
    keys: Vec<Result<Key, Box<Fail>>>,
}

#[derive(Debug, Clone, Copy)]
struct Key {
    id: i64,
    existed: bool,
}

/// What a row says about which record it is, read without looking at any other row (so that
/// rows can be read on several threads before their keys are registered in order).
struct RowKey {
    sutton_id: Option<i64>,
    ext: Option<ExtKey>,
    natural: Option<String>,
}

impl RowKey {
    fn read(o: Object, source: Source, cells: &Cells<'_>) -> Result<RowKey, Fail> {
        if o == Object::DealTeam {
            return Ok(RowKey { sutton_id: None, ext: None, natural: None });
        }
        let sutton_id = match cells.value("id") {
            Some(text) => match text.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return Err((
                        "id".to_owned(),
                        text.to_owned(),
                        "a Sutton id is a positive whole number".to_owned(),
                    ));
                }
            },
            None => None,
        };
        let ext = match cells.value("external_id") {
            Some(text) => match ExtKey::read(source, text) {
                Ok(e) => Some(e),
                Err(reason) => return Err(("external_id".to_owned(), text.to_owned(), reason)),
            },
            None => None,
        };
        let natural = match o {
            Object::Team | Object::Stage => cells.value("name").map(str::to_lowercase),
            Object::GeoUnit => match (cells.value("kind"), cells.value("code")) {
                (Some(k), Some(c)) => GeoUnitKind::parse(k).ok().map(|k| format!("{k}:{c}")),
                _ => None,
            },
            _ => None,
        };
        Ok(RowKey { sutton_id, ext, natural })
    }
}

/// Record ids by external id, for one object. Salesforce ids (nearly every key of a large
/// Salesforce export) are kept as numbers: fifteen case-sensitive letters and digits fit in
/// 90 bits, so a million of them hash and compare as integers, and a row's key or reference
/// is looked up without building its id.
#[derive(Default)]
struct ExternalIndex {
    salesforce: FxHashMap<u128, i64>,
    other: FxHashMap<ExternalId, i64>,
}

/// An external id as [`ExternalIndex`] keys it.
enum ExtKey {
    /// The first fifteen characters of a Salesforce id, six bits each.
    Salesforce(u128),
    Other(ExternalId),
}

impl ExtKey {
    /// The key of a Salesforce id given by [`ExternalId::salesforce_base`].
    fn salesforce(base: &str) -> ExtKey {
        ExtKey::Salesforce(base.bytes().fold(0u128, |acc, b| {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'A'..=b'Z' => b - b'A' + 10,
                _ => b.wrapping_sub(b'a').wrapping_add(36),
            };
            (acc << 6) | u128::from(digit)
        }))
    }

    fn of(e: ExternalId) -> ExtKey {
        match e.system() {
            ExternalSystem::Salesforce => ExtKey::salesforce(&e.value()[..15]),
            _ => ExtKey::Other(e),
        }
    }

    /// The key of an external id cell, or why the cell is not one (as [`parse_external`]).
    fn read(source: Source, text: &str) -> std::result::Result<ExtKey, String> {
        if source == Source::Salesforce
            && let Some(base) = ExternalId::salesforce_base(text)
        {
            return Ok(ExtKey::salesforce(base));
        }
        parse_external(source, text).map(ExtKey::of)
    }
}

impl ExternalIndex {
    fn reserve(&mut self, source: Source, rows: usize) {
        match source {
            Source::Salesforce => self.salesforce.reserve(rows),
            _ => self.other.reserve(rows),
        }
    }

    fn insert(&mut self, e: ExternalId, id: i64) {
        self.insert_key(ExtKey::of(e), id);
    }

    fn insert_key(&mut self, key: ExtKey, id: i64) {
        match key {
            ExtKey::Salesforce(k) => self.salesforce.insert(k, id),
            ExtKey::Other(e) => self.other.insert(e, id),
        };
    }

    fn get(&self, e: &ExternalId) -> Option<i64> {
        match e.system() {
            ExternalSystem::Salesforce => self.get_key(&ExtKey::salesforce(&e.value()[..15])),
            _ => self.other.get(e).copied(),
        }
    }

    fn get_key(&self, key: &ExtKey) -> Option<i64> {
        match key {
            ExtKey::Salesforce(k) => self.salesforce.get(k),
            ExtKey::Other(e) => self.other.get(e),
        }
        .copied()
    }
}

/// A file's columns by field key, each found with a probe or two instead of a search: a row
/// asks for its fields dozens of times, a million rows for tens of millions.
struct Columns {
    keys: Vec<(&'static str, usize)>,
    /// Open addressing over `keys`: position + 1, or 0 for an empty slot.
    slots: [u8; Columns::SLOTS],
}

impl Columns {
    const SLOTS: usize = 64;

    fn new(keys: Vec<(&'static str, usize)>) -> Columns {
        // A file's fields are distinct (the caller drops repeated ones) and no object has
        // anywhere near half as many fields as there are slots; past that, `find` searches.
        let mut slots = [0u8; Columns::SLOTS];
        if keys.len() < Columns::SLOTS / 2 {
            for (i, (key, _)) in keys.iter().enumerate() {
                let mut at = Columns::home(key);
                while slots[at] != 0 {
                    at = (at + 1) % Columns::SLOTS;
                }
                slots[at] = (i + 1) as u8;
            }
        }
        Columns { keys, slots }
    }

    fn home(key: &str) -> usize {
        let b = key.as_bytes();
        let (first, last) = (b.first().copied().unwrap_or(0) as usize, b.last().copied().unwrap_or(0) as usize);
        (b.len() * 7 + first * 3 + last * 5) % Columns::SLOTS
    }

    /// The column of a field.
    fn find(&self, key: &str) -> Option<usize> {
        if self.keys.len() >= Columns::SLOTS / 2 {
            return self.keys.iter().find(|(k, _)| *k == key).map(|(_, c)| *c);
        }
        let mut at = Columns::home(key);
        loop {
            let (k, c) = *self.keys.get(usize::from(self.slots[at]).checked_sub(1)?)?;
            if k == key {
                return Some(c);
            }
            at = (at + 1) % Columns::SLOTS;
        }
    }
}

/// A row's cells by field key.
struct Cells<'a> {
    record: &'a StringRecord,
    columns: &'a Columns,
}

impl<'a> Cells<'a> {
    /// The trimmed cell of a field; `None` when the file has no such column.
    fn get(&self, key: &str) -> Option<&'a str> {
        self.columns.find(key).map(|c| self.record.get(c).unwrap_or("").trim())
    }

    /// The cell, when the column exists and the cell is not blank.
    fn value(&self, key: &str) -> Option<&'a str> {
        self.get(key).filter(|v| !v.is_empty())
    }
}

/// Everything the passes share. The maps hash with FxHash: their keys are our own ids and
/// the external ids of the files being imported, a million of each for a large export, and
/// SipHash's resistance to chosen keys buys nothing here but costs a tenth of the planning.
struct State {
    data: Dataset,
    plan: Plan,
    index: FxHashMap<Object, FxHashMap<i64, usize>>,
    /// Record ids by external id, per object.
    external: FxHashMap<Object, ExternalIndex>,
    natural: FxHashMap<(Object, String), i64>,
    /// Ids reserved by pass 1 for records this import creates.
    reserved: FxHashMap<Object, FxHashSet<i64>>,
    /// Reserved ids whose row was rejected: references to them fail.
    rejected: FxHashMap<(Object, i64), String>,
    next: FxHashMap<Object, i64>,
    /// Which rows produced each record, for mapping integrity problems back to rows.
    /// Which sheet and line produced each record (cells are re-read only for rejected rows).
    origin: FxHashMap<(Object, i64), (usize, u64)>,
    /// Deal team members read, per opportunity, with the rows they came from.
    teams: BTreeMap<i64, Vec<(DealTeamMember, Origin)>>,
    /// Which opportunity each line belongs to.
    line_owner: FxHashMap<i64, i64>,
    people_by_name: FxHashMap<String, Vec<i64>>,
    accounts_by_name: FxHashMap<String, Vec<i64>>,
    /// Records that more than one row of the import is about (they are final only at the end).
    repeated: FxHashSet<(Object, i64)>,
    /// New opportunities waiting to be streamed, when the plan streams.
    outbox: Option<Vec<Opportunity>>,
}

type Fail = (String, String, String);

/// The row a record came from: file, line, header and cells.
type Origin = (String, u64, Vec<String>, Vec<String>);

/// A stored record as the indexes see it: object, id, position, external id, natural key.
type Known = (Object, i64, usize, Option<ExternalId>, Option<String>);

impl State {
    fn new(data: Dataset) -> State {
        let mut st = State {
            data,
            plan: Plan::default(),
            index: FxHashMap::default(),
            external: FxHashMap::default(),
            natural: FxHashMap::default(),
            reserved: FxHashMap::default(),
            rejected: FxHashMap::default(),
            next: FxHashMap::default(),
            origin: FxHashMap::default(),
            teams: BTreeMap::new(),
            line_owner: FxHashMap::default(),
            people_by_name: FxHashMap::default(),
            accounts_by_name: FxHashMap::default(),
            repeated: FxHashSet::default(),
            outbox: None,
        };
        let d = &st.data;
        let mut ids: Vec<Known> = Vec::new();
        ids.extend(
            d.geo_units
                .iter()
                .enumerate()
                .map(|(i, r)| (Object::GeoUnit, r.id.get(), i, None, Some(format!("{}:{}", r.kind, r.code)))),
        );
        ids.extend(
            d.teams.iter().enumerate().map(|(i, r)| (Object::Team, r.id.get(), i, None, Some(r.name.to_lowercase()))),
        );
        ids.extend(
            d.people.iter().enumerate().map(|(i, r)| (Object::Person, r.id.get(), i, r.external_id.clone(), None)),
        );
        ids.extend(
            d.accounts.iter().enumerate().map(|(i, r)| (Object::Account, r.id.get(), i, r.external_id.clone(), None)),
        );
        ids.extend(
            d.contacts.iter().enumerate().map(|(i, r)| (Object::Contact, r.id.get(), i, r.external_id.clone(), None)),
        );
        ids.extend(
            d.products.iter().enumerate().map(|(i, r)| (Object::Product, r.id.get(), i, r.external_id.clone(), None)),
        );
        ids.extend(
            d.stages.iter().enumerate().map(|(i, r)| (Object::Stage, r.id.get(), i, None, Some(r.name.to_lowercase()))),
        );
        ids.extend(d.leads.iter().enumerate().map(|(i, r)| (Object::Lead, r.id.get(), i, r.external_id.clone(), None)));
        ids.extend(
            d.opportunities
                .iter()
                .enumerate()
                .map(|(i, r)| (Object::Opportunity, r.id.get(), i, r.external_id.clone(), None)),
        );
        ids.extend(d.opportunity_changes.iter().enumerate().map(|(i, r)| {
            (Object::OpportunityChange, r.id.get(), i, None, Some(format!("{}@{}", r.opportunity, r.changed_at)))
        }));
        ids.extend(
            d.activities
                .iter()
                .enumerate()
                .map(|(i, r)| (Object::Activity, r.id.get(), i, r.external_id.clone(), None)),
        );
        for o in &d.opportunities {
            for l in &o.lines {
                ids.push((Object::OpportunityLine, l.id.get(), 0, l.external_id.clone(), None));
                st.line_owner.insert(l.id.get(), o.id.get());
            }
        }
        for (object, id, at, ext, natural) in ids {
            st.index.entry(object).or_default().insert(id, at);
            if let Some(ext) = ext {
                st.external.entry(object).or_default().insert(ext, id);
            }
            if let Some(n) = natural {
                st.natural.insert((object, n), id);
            }
            let next = st.next.entry(object).or_insert(1);
            *next = (*next).max(id + 1);
        }
        for p in &st.data.people {
            st.people_by_name.entry(p.name.to_lowercase()).or_default().push(p.id.get());
        }
        for a in &st.data.accounts {
            st.accounts_by_name.entry(a.name.to_lowercase()).or_default().push(a.id.get());
        }
        for l in &st.data.product_lines {
            st.natural.insert((Object::Product, format!("line:{}", l.name.to_lowercase())), l.id.get());
        }
        st
    }

    /// Room for `rows` more records of `o`, so that reading a large file grows nothing.
    fn reserve_records(&mut self, o: Object, rows: usize) {
        self.index.entry(o).or_default().reserve(rows);
        let d = &mut self.data;
        match o {
            Object::GeoUnit => d.geo_units.reserve(rows),
            Object::Team => d.teams.reserve(rows),
            Object::Person => d.people.reserve(rows),
            Object::Account => d.accounts.reserve(rows),
            Object::Contact => d.contacts.reserve(rows),
            Object::Product => d.products.reserve(rows),
            Object::Stage => d.stages.reserve(rows),
            Object::Lead => d.leads.reserve(rows),
            Object::Opportunity => d.opportunities.reserve(rows),
            Object::OpportunityChange => d.opportunity_changes.reserve(rows),
            Object::Activity => d.activities.reserve(rows),
            Object::OpportunityLine | Object::DealTeam => {}
        }
    }

    fn external_id(&self, o: Object, e: &ExternalId) -> Option<i64> {
        self.external.get(&o).and_then(|m| m.get(e))
    }

    fn exists(&self, o: Object, id: i64) -> bool {
        self.index.get(&o).is_some_and(|m| m.contains_key(&id))
            || self.reserved.get(&o).is_some_and(|s| s.contains(&id))
    }

    fn reserve(&mut self, o: Object, id: Option<i64>) -> i64 {
        let id = id.unwrap_or_else(|| *self.next.get(&o).unwrap_or(&1));
        let next = self.next.entry(o).or_insert(1);
        *next = (*next).max(id + 1);
        self.reserved.entry(o).or_default().insert(id);
        id
    }

    /// Pass 1: the record a row is about.
    fn register(&mut self, o: Object, key: Result<RowKey, Fail>) -> Result<Key, Fail> {
        if o == Object::DealTeam {
            return Ok(Key { id: 0, existed: false });
        }
        let RowKey { sutton_id, ext, natural } = key?;
        let found = ext
            .as_ref()
            .and_then(|e| self.external.get(&o).and_then(|m| m.get_key(e)))
            .or_else(|| sutton_id.filter(|id| self.exists(o, *id)))
            .or_else(|| natural.as_ref().and_then(|n| self.natural.get(&(o, n.clone())).copied()));
        let key = match found {
            Some(id) => {
                self.repeated.insert((o, id));
                Key { id, existed: self.index.get(&o).is_some_and(|m| m.contains_key(&id)) }
            }
            None => {
                if o == Object::OpportunityChange && sutton_id.is_none() {
                    // Matched on (opportunity, time) when the fields are read.
                    return Ok(Key { id: 0, existed: false });
                }
                Key { id: self.reserve(o, sutton_id), existed: false }
            }
        };
        if let Some(e) = ext {
            self.external.entry(o).or_default().insert_key(e, key.id);
        }
        if let Some(n) = natural {
            self.natural.insert((o, n), key.id);
        }
        Ok(key)
    }

    fn apply_row(&mut self, w: &Work, sheet: &Sheet, line: u64, record: &StringRecord, key: Result<Key, Fail>) {
        let tally = self.plan.tallies.entry(w.object).or_default();
        tally.read += 1;
        let cells = Cells { record, columns: &w.columns };
        let mut cx = Cx { source: w.source, comma: sheet.style.decimal_comma, errors: Vec::new() };
        let key = match key {
            Ok(k) => k,
            Err((field, value, reason)) => {
                cx.errors.push((field, value, reason));
                self.reject_row(w, sheet, line, record, None, cx.errors);
                return;
            }
        };
        let outcome = match w.object {
            Object::GeoUnit => self.apply_geo(key, &cells, &mut cx),
            Object::Team => self.apply_team(key, &cells, &mut cx),
            Object::Person => self.apply_person(key, &cells, &mut cx),
            Object::Account => self.apply_account(key, &cells, &mut cx),
            Object::Contact => self.apply_contact(key, &cells, &mut cx),
            Object::Product => self.apply_product(key, &cells, &mut cx),
            Object::Stage => self.apply_stage(key, &cells, &mut cx),
            Object::Lead => self.apply_lead(key, &cells, &mut cx),
            Object::Opportunity => self.apply_opportunity(key, &cells, &mut cx),
            Object::OpportunityLine => self.apply_line(key, &cells, &mut cx),
            Object::DealTeam => {
                self.apply_team_member(sheet, line, record, &cells, &mut cx);
                None
            }
            Object::OpportunityChange => self.apply_change(key, &cells, &mut cx),
            Object::Activity => self.apply_activity(key, &cells, &mut cx),
        };
        if w.object == Object::DealTeam {
            if !cx.errors.is_empty() {
                self.reject_row(w, sheet, line, record, None, cx.errors);
            }
            return;
        }
        match outcome {
            None => {
                let id = (!key.existed && key.id > 0).then_some(key.id);
                self.reject_row(w, sheet, line, record, id, cx.errors);
            }
            Some((id, change)) => {
                let tally = self.plan.tallies.entry(w.object).or_default();
                match change {
                    Change::Created => {
                        tally.created += 1;
                        self.plan.created.entry(w.object).or_default().insert(id);
                        if w.object == Object::Opportunity {
                            self.stream_if_final(id);
                        }
                    }
                    Change::Updated => {
                        tally.updated += 1;
                        if !self.plan.is_created(w.object, id) {
                            self.plan.updated.entry(w.object).or_default().insert(id);
                        }
                    }
                    Change::Unchanged => tally.unchanged += 1,
                }
                self.origin.insert((w.object, id), (w.sheet, line));
                if !w.custom.is_empty() {
                    let fields: BTreeMap<String, String> = w
                        .custom
                        .iter()
                        .filter_map(|(h, c)| {
                            record.get(*c).filter(|v| !v.trim().is_empty()).map(|v| (h.clone(), v.to_owned()))
                        })
                        .collect();
                    if !fields.is_empty() {
                        self.plan.custom_fields.push((w.object, id, fields));
                    }
                }
            }
        }
    }

    /// Puts a new opportunity in the outbox, if the plan streams and no other row is about it.
    fn stream_if_final(&mut self, id: i64) {
        let Some(outbox) = &mut self.outbox else { return };
        if self.repeated.contains(&(Object::Opportunity, id)) {
            return;
        }
        let Some(&at) = self.index.get(&Object::Opportunity).and_then(|m| m.get(&id)) else { return };
        outbox.push(self.data.opportunities[at].clone());
        self.plan.streamed.insert(id);
    }

    fn reject_row(
        &mut self,
        w: &Work,
        sheet: &Sheet,
        line: u64,
        record: &StringRecord,
        id: Option<i64>,
        errors: Vec<Fail>,
    ) {
        self.plan.tallies.entry(w.object).or_default().rejected += 1;
        if let Some(id) = id {
            self.rejected.insert((w.object, id), format!("{} line {line}", sheet.name));
        }
        let mut reasons = Vec::new();
        for (field, value, reason) in errors {
            let column = w.columns.find(&field).map(|c| sheet.headers[c].clone());
            reasons.push(match &column {
                Some(c) => format!("{c}: {reason}"),
                None => reason.clone(),
            });
            self.plan.problems.push(Problem { file: sheet.name.clone(), line, column, field, value, reason });
        }
        self.plan.rejected_rows.push(RejectedRow {
            file: sheet.name.clone(),
            headers: sheet.headers.clone(),
            line,
            cells: record.iter().map(str::to_owned).collect(),
            reasons,
        });
    }

    /// Stores a record: replaces the one with its id, or appends it.
    fn store<T: Clone + PartialEq>(
        &mut self,
        o: Object,
        key: Key,
        rec: T,
        list: fn(&mut Dataset) -> &mut Vec<T>,
    ) -> Change {
        let at = self.index.get(&o).and_then(|m| m.get(&key.id)).copied();
        match at {
            Some(i) => {
                let slot = &mut list(&mut self.data)[i];
                if *slot == rec {
                    Change::Unchanged
                } else {
                    *slot = rec;
                    Change::Updated
                }
            }
            None => {
                let v = list(&mut self.data);
                v.push(rec);
                let i = v.len() - 1;
                self.index.entry(o).or_default().insert(key.id, i);
                Change::Created
            }
        }
    }

    /// A record to lay the row over: the stored one, or `blank` for a new one.
    fn base<T: Clone>(&self, o: Object, key: Key, list: fn(&Dataset) -> &Vec<T>, blank: impl FnOnce() -> T) -> T {
        match self.index.get(&o).and_then(|m| m.get(&key.id)) {
            Some(&i) => list(&self.data)[i].clone(),
            None => blank(),
        }
    }

    /// Resolves a reference given by Sutton id (`key`), external id (`key_ref`) or name
    /// (`key_name`). `None`: no such column, leave as is; `Some(None)`: blank, clear it.
    fn reference(&mut self, o: Object, cells: &Cells<'_>, cx: &mut Cx, key: &str) -> Option<Option<i64>> {
        let (by_ref, by_name) = companions(key);
        let present = cells.get(key).is_some() || cells.get(by_ref).is_some() || cells.get(by_name).is_some();
        if !present {
            return None;
        }
        if let Some(text) = cells.value(key) {
            return match text.parse::<i64>() {
                Ok(id) if self.exists(o, id) => self.not_rejected(o, id, key, text, cx),
                _ => {
                    cx.fail(key, text, format!("{} {text} does not exist", singular(o)));
                    None
                }
            };
        }
        if let Some(text) = cells.value(by_ref) {
            // HubSpot lists associations separated by semicolons: the first is the primary.
            let first = text.split(';').next().unwrap_or("").trim();
            if o == Object::Person && cx.source == Source::Hubspot && !first.bytes().all(|b| b.is_ascii_digit()) {
                return Some(Some(self.person_by_name(first)));
            }
            // Most references name a record that is there: find it without building the id.
            if cx.source == Source::Salesforce
                && let Some(base) = ExternalId::salesforce_base(first)
                && let Some(id) = self.external.get(&o).and_then(|m| m.get_key(&ExtKey::salesforce(base)))
            {
                return self.not_rejected(o, id, by_ref, text, cx);
            }
            let ext = match parse_external(cx.source, first) {
                Ok(e) => e,
                Err(reason) => {
                    cx.fail(by_ref, text, reason);
                    return None;
                }
            };
            return match self.external_id(o, &ext) {
                Some(id) => self.not_rejected(o, id, by_ref, text, cx),
                None if o == Object::Person => Some(Some(self.placeholder(Some(ext), None))),
                None => {
                    cx.fail(
                        by_ref,
                        text,
                        format!("{} {} is neither in this import nor in the database", singular(o), ext.value()),
                    );
                    None
                }
            };
        }
        if let Some(text) = cells.value(by_name) {
            let found = match o {
                Object::Person => return Some(Some(self.person_by_name(text))),
                Object::Account => self.accounts_by_name.get(&text.to_lowercase()).cloned().unwrap_or_default(),
                Object::Team | Object::Stage => {
                    self.natural.get(&(o, text.to_lowercase())).map(|id| vec![*id]).unwrap_or_default()
                }
                Object::Product => self
                    .data
                    .products
                    .iter()
                    .filter(|p| p.name.eq_ignore_ascii_case(text))
                    .map(|p| p.id.get())
                    .collect(),
                _ => Vec::new(),
            };
            return match found.as_slice() {
                [id] => Some(Some(*id)),
                [] => {
                    cx.fail(by_name, text, format!("no {} is called {text:?}", singular(o)));
                    None
                }
                many => {
                    cx.fail(
                        by_name,
                        text,
                        format!("{} {}s are called {text:?}; give the id instead", many.len(), singular(o)),
                    );
                    None
                }
            };
        }
        Some(None)
    }

    fn not_rejected(&self, o: Object, id: i64, key: &str, text: &str, cx: &mut Cx) -> Option<Option<i64>> {
        match self.rejected.get(&(o, id)) {
            Some(at) => {
                cx.fail(key, text, format!("{} {text} was rejected ({at})", singular(o)));
                None
            }
            None => Some(Some(id)),
        }
    }

    fn person_by_name(&mut self, name: &str) -> i64 {
        match self.people_by_name.get(&name.to_lowercase()).and_then(|v| v.first()) {
            Some(id) => *id,
            None => self.placeholder(None, Some(name)),
        }
    }

    /// A person known only by a reference, to be filled in by a later users file.
    fn placeholder(&mut self, ext: Option<ExternalId>, name: Option<&str>) -> i64 {
        let id = self.reserve(Object::Person, None);
        let label = match (&ext, name) {
            (Some(e), _) => format!("{} user {}", system_label(e.system()), e.value()),
            (None, Some(n)) => n.to_owned(),
            (None, None) => format!("person {id}"),
        };
        let person = Person {
            id: PersonId(id),
            external_id: ext.clone(),
            name: name.map_or_else(|| format!("Unknown ({label})"), str::to_owned),
            email: None,
            role: SalesRole::AccountExecutive,
            channel: None,
            team: None,
            manager: None,
            home: Location::default(),
            hire_date: None,
            leave_date: None,
            weekly_capacity_minutes: Person::FULL_WEEK_MINUTES,
            placeholder: true,
        };
        if let Some(e) = ext {
            self.external.entry(Object::Person).or_default().insert(e, id);
        }
        self.people_by_name.entry(person.name.to_lowercase()).or_default().push(id);
        self.data.people.push(person);
        self.index.entry(Object::Person).or_default().insert(id, self.data.people.len() - 1);
        self.plan.created.entry(Object::Person).or_default().insert(id);
        self.plan.placeholders.push((PersonId(id), label));
        id
    }

    fn default_currency(&self) -> Currency {
        self.data.organisation.currency
    }
}

/// What a deal takes from the stage it is in, when its file does not say.
#[derive(Debug, Clone, Copy)]
struct KnownStage {
    status: OpportunityStatus,
    probability: Rate,
    forecast_category: ForecastCategory,
}

impl KnownStage {
    fn of(s: &Stage) -> KnownStage {
        KnownStage { status: s.status, probability: s.probability, forecast_category: s.forecast_category }
    }
}

enum Change {
    Created,
    Updated,
    Unchanged,
}

/// A row being read: its source, its number style and the problems found so far.
struct Cx {
    source: Source,
    comma: bool,
    errors: Vec<Fail>,
}

impl Cx {
    fn fail(&mut self, field: &str, value: &str, reason: impl Into<String>) {
        self.errors.push((field.to_owned(), value.to_owned(), reason.into()));
    }

    /// Parses a present cell: `None` when the column is absent or the cell invalid (the
    /// problem is recorded); `Some(None)` when blank.
    fn parse<T>(
        &mut self,
        cells: &Cells<'_>,
        key: &str,
        f: impl FnOnce(&str, bool) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let text = cells.get(key)?;
        if text.is_empty() {
            return Some(None);
        }
        match f(text, self.comma) {
            Ok(v) => Some(Some(v)),
            Err(reason) => {
                self.fail(key, text, reason);
                None
            }
        }
    }

    fn required<T>(
        &mut self,
        cells: &Cells<'_>,
        key: &str,
        f: impl FnOnce(&str, bool) -> Result<T, String>,
    ) -> Option<T> {
        match self.parse(cells, key, f) {
            Some(Some(v)) => Some(v),
            Some(None) => {
                self.fail(key, "", format!("{key} is required"));
                None
            }
            None => None,
        }
    }

    fn text(&mut self, cells: &Cells<'_>, key: &'static str, max: usize) -> Option<Option<String>> {
        self.parse(cells, key, |t, _| error::optional_text(key, t, max).map_err(|e| e.to_string())).map(Option::flatten)
    }

    /// The record's own rules, once its cells have read cleanly (a bad cell would only
    /// produce a second, confusing message).
    fn check(&mut self, result: Result<()>) {
        if !self.errors.is_empty() {
            return;
        }
        if let Err(e) = result {
            self.errors.push(("record".to_owned(), String::new(), e.to_string()));
        }
    }
}

/// The columns that give a reference by external id and by name, beside its Sutton id column.
fn companions(key: &str) -> (&'static str, &'static str) {
    match key {
        "account" => ("account_ref", "account_name"),
        "owner" => ("owner_ref", "owner_name"),
        "person" => ("person_ref", "person_name"),
        "opportunity" => ("opportunity_ref", "opportunity_name"),
        "product" => ("product_ref", "product_name"),
        "contact" => ("contact_ref", "contact_name"),
        "parent" => ("parent_ref", "parent_name"),
        "manager" => ("manager_ref", "manager_name"),
        "team" => ("team_ref", "team_name"),
        "changed_by" => ("changed_by_ref", "changed_by_name"),
        "converted_account" => ("converted_account_ref", "converted_account_name"),
        "converted_opportunity" => ("converted_opportunity_ref", "converted_opportunity_name"),
        "lead" => ("lead_ref", "lead_name"),
        "geo_unit" => ("geo_unit_ref", "geo_unit_name"),
        "home_geo_unit" => ("home_geo_unit_ref", "home_geo_unit_name"),
        _ => ("", ""),
    }
}

fn singular(o: Object) -> &'static str {
    match o {
        Object::GeoUnit => "geographic unit",
        Object::Team => "team",
        Object::Person => "person",
        Object::Account => "account",
        Object::Contact => "contact",
        Object::Product => "product",
        Object::Stage => "stage",
        Object::Lead => "lead",
        Object::Opportunity => "opportunity",
        Object::OpportunityLine => "opportunity line",
        Object::DealTeam => "deal team member",
        Object::OpportunityChange => "opportunity change",
        Object::Activity => "activity",
    }
}

fn system_label(s: ExternalSystem) -> &'static str {
    match s {
        ExternalSystem::Salesforce => "Salesforce",
        ExternalSystem::Hubspot => "HubSpot",
        ExternalSystem::Other => "external",
    }
}

/// An external id as the source writes it; native files write `system:value`.
fn parse_external(source: Source, text: &str) -> std::result::Result<ExternalId, String> {
    let r = match source {
        Source::Salesforce => ExternalId::salesforce(text),
        Source::Hubspot => ExternalId::hubspot(text),
        Source::Native => match text.split_once(':') {
            Some((system, value)) => ExternalSystem::parse(system).and_then(|s| ExternalId::parse(s, value)),
            None => ExternalId::other(text),
        },
    };
    r.map_err(|e| e.to_string())
}

fn choice<T>(parse: fn(&str) -> Result<T>) -> impl Fn(&str, bool) -> std::result::Result<T, String> {
    move |t, _| parse(t).map_err(|e| e.to_string())
}

fn uint(t: &str, comma: bool) -> std::result::Result<u32, String> {
    let n = value::integer(t, comma)?;
    u32::try_from(n).map_err(|_| format!("{t:?} must be a whole number from 0 to {}", u32::MAX))
}

fn lat_lon(cx: &mut Cx, cells: &Cells<'_>, lat: &str, lon: &str, current: Option<LatLon>) -> Option<LatLon> {
    let la = cx.parse(cells, lat, value::float);
    let lo = cx.parse(cells, lon, value::float);
    match (la, lo) {
        (None, None) => current,
        (Some(Some(a)), Some(Some(o))) => match LatLon::new(a, o) {
            Ok(p) => Some(p),
            Err(e) => {
                cx.fail(lat, &a.to_string(), e.to_string());
                None
            }
        },
        (Some(None), Some(None)) => None,
        _ => {
            cx.fail(lat, "", "give both latitude and longitude, or neither");
            None
        }
    }
}

/// Country codes, and the English names CRMs write instead of them.
fn country(text: &str, _comma: bool) -> std::result::Result<String, String> {
    let names: &[(&str, &str)] = &[
        ("united states", "US"),
        ("united states of america", "US"),
        ("usa", "US"),
        ("u.s.", "US"),
        ("canada", "CA"),
        ("mexico", "MX"),
        ("norway", "NO"),
        ("norge", "NO"),
        ("denmark", "DK"),
        ("danmark", "DK"),
        ("sweden", "SE"),
        ("finland", "FI"),
        ("germany", "DE"),
        ("france", "FR"),
        ("united kingdom", "GB"),
        ("uk", "GB"),
        ("ireland", "IE"),
        ("netherlands", "NL"),
        ("spain", "ES"),
        ("italy", "IT"),
        ("china", "CN"),
        ("中国", "CN"),
        ("japan", "JP"),
        ("india", "IN"),
        ("australia", "AU"),
        ("brazil", "BR"),
    ];
    let key = text.trim().to_lowercase();
    if let Some((_, code)) = names.iter().find(|(n, _)| *n == key) {
        return Ok((*code).to_owned());
    }
    Location::parse_country(text).map(Option::unwrap_or_default).map_err(|e| e.to_string())
}

/// A person's name from `name`, or from first and last name columns.
fn full_name(cx: &mut Cx, cells: &Cells<'_>) -> Option<Option<String>> {
    if let Some(name) = cx.text(cells, "name", 255) {
        return Some(name);
    }
    let first = cells.get("first_name");
    let last = cells.get("last_name");
    if first.is_none() && last.is_none() {
        return None;
    }
    let joined = [first.unwrap_or(""), last.unwrap_or("")]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Some((!joined.is_empty()).then_some(joined))
}

/// What a Salesforce or HubSpot stage name says about a deal, when nothing else does.
fn status_from_stage(stage: &str) -> OpportunityStatus {
    let s = normalise(stage);
    if s.contains("closedwon") || s == "won" {
        OpportunityStatus::Won
    } else if s.contains("closedlost") || s == "lost" {
        OpportunityStatus::Lost
    } else {
        OpportunityStatus::Open
    }
}

/// HubSpot's default sales pipeline: internal stage id → label, probability (%), status.
const HUBSPOT_STAGES: &[(&str, &str, i64, OpportunityStatus)] = &[
    ("appointmentscheduled", "Appointment Scheduled", 20, OpportunityStatus::Open),
    ("qualifiedtobuy", "Qualified To Buy", 40, OpportunityStatus::Open),
    ("presentationscheduled", "Presentation Scheduled", 60, OpportunityStatus::Open),
    ("decisionmakerboughtin", "Decision Maker Bought-In", 80, OpportunityStatus::Open),
    ("contractsent", "Contract Sent", 90, OpportunityStatus::Open),
    ("closedwon", "Closed Won", 100, OpportunityStatus::Won),
    ("closedlost", "Closed Lost", 0, OpportunityStatus::Lost),
];

fn default_category(status: OpportunityStatus) -> ForecastCategory {
    match status {
        OpportunityStatus::Open => ForecastCategory::Pipeline,
        OpportunityStatus::Won => ForecastCategory::Closed,
        OpportunityStatus::Lost => ForecastCategory::Omitted,
    }
}

impl State {
    fn apply_geo(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let mut r = self.base(
            Object::GeoUnit,
            key,
            |d| &d.geo_units,
            || GeoUnit {
                id: GeoUnitId(key.id),
                kind: GeoUnitKind::Custom,
                code: String::new(),
                name: String::new(),
                region: None,
                centroid: None,
                area_km2: None,
            },
        );
        if let Some(Some(v)) = cx.parse(c, "kind", choice(GeoUnitKind::parse)) {
            r.kind = v;
        }
        if let Some(v) = cx.text(c, "code", 64) {
            r.code = v.unwrap_or_default();
        }
        if let Some(v) = cx.text(c, "name", 200) {
            r.name = v.unwrap_or_default();
        }
        if let Some(v) = cx.text(c, "region", 100) {
            r.region = v;
        }
        r.centroid = lat_lon(cx, c, "lat", "lon", r.centroid);
        if let Some(v) = cx.parse(c, "area_km2", value::float) {
            r.area_km2 = v;
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::GeoUnit, key, r, |d| &mut d.geo_units)))
    }

    fn apply_team(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let mut r = self.base(
            Object::Team,
            key,
            |d| &d.teams,
            || Team { id: TeamId(key.id), name: String::new(), parent: None, manager: None },
        );
        if let Some(v) = cx.text(c, "name", 200) {
            r.name = v.unwrap_or_default();
        }
        if let Some(v) = self.reference(Object::Team, c, cx, "parent") {
            r.parent = v.map(TeamId);
        }
        if let Some(v) = self.reference(Object::Person, c, cx, "manager") {
            r.manager = v.map(PersonId);
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Team, key, r, |d| &mut d.teams)))
    }

    fn apply_person(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let mut r = self.base(
            Object::Person,
            key,
            |d| &d.people,
            || Person {
                id: PersonId(key.id),
                external_id: None,
                name: String::new(),
                email: None,
                role: SalesRole::AccountExecutive,
                channel: None,
                team: None,
                manager: None,
                home: Location::default(),
                hire_date: None,
                leave_date: None,
                weekly_capacity_minutes: Person::FULL_WEEK_MINUTES,
                placeholder: false,
            },
        );
        let was_placeholder = r.placeholder;
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        if let Some(v) = full_name(cx, c) {
            r.name = v.unwrap_or_default();
        }
        if let Some(v) = cx.text(c, "email", 254) {
            r.email = v;
        }
        if let Some(v) = cells_role(cx, c) {
            r.role = v;
        }
        if let Some(v) = cx.parse(c, "channel", choice(Channel::parse)) {
            r.channel = v;
        }
        if let Some(v) = self.reference(Object::Team, c, cx, "team") {
            r.team = v.map(TeamId);
        }
        if let Some(v) = self.reference(Object::Person, c, cx, "manager") {
            r.manager = v.map(PersonId);
        }
        if let Some(v) = cx.parse(c, "home_country", country) {
            r.home.country = v;
        }
        if let Some(v) = cx.text(c, "home_postal_code", 20) {
            r.home.postal_code = v;
        }
        if let Some(v) = cx.text(c, "home_city", 100) {
            r.home.city = v;
        }
        if let Some(v) = cx.text(c, "home_region", 100) {
            r.home.region = v;
        }
        r.home.coordinates = lat_lon(cx, c, "home_lat", "home_lon", r.home.coordinates);
        if let Some(v) = self.reference(Object::GeoUnit, c, cx, "home_geo_unit") {
            r.home.geo_unit = v.map(GeoUnitId);
        }
        if let Some(v) = cx.parse(c, "hire_date", value::date) {
            r.hire_date = v;
        }
        if let Some(v) = cx.parse(c, "leave_date", value::date) {
            r.leave_date = v;
        }
        if let Some(Some(v)) = cx.parse(c, "weekly_capacity_minutes", uint) {
            r.weekly_capacity_minutes = v;
        }
        r.placeholder = match cx.parse(c, "placeholder", |t, _| value::boolean(t)) {
            Some(v) => v.unwrap_or(false),
            // A row about a person fills the placeholder in.
            None => false,
        };
        if was_placeholder && !r.placeholder {
            self.plan.placeholders.retain(|(p, _)| p.get() != key.id);
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Person, key, r, |d| &mut d.people)))
    }

    fn apply_account(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let mut r = self.base(
            Object::Account,
            key,
            |d| &d.accounts,
            || Account {
                id: AccountId(key.id),
                external_id: None,
                name: String::new(),
                status: AccountStatus::Prospect,
                industry: None,
                employees: None,
                annual_revenue: None,
                potential: None,
                location: Location::default(),
                owner: None,
                parent: None,
                created_on: None,
            },
        );
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        if let Some(v) = cx.text(c, "name", 255) {
            r.name = v.unwrap_or_default();
        }
        if let Some(Some(v)) = cx.parse(c, "status", |t, _| Ok(account_status(t))) {
            r.status = v;
        }
        if let Some(v) = cx.text(c, "industry", 100) {
            r.industry = v;
        }
        if let Some(v) = cx.parse(c, "employees", uint) {
            r.employees = v;
        }
        let currency = self.currency(c, cx, r.annual_revenue.or(r.potential).map(|m| m.currency()));
        if let Some(v) = cx.parse(c, "annual_revenue", |t, comma| value::money("annual revenue", t, currency, comma)) {
            r.annual_revenue = v;
        }
        if let Some(v) = cx.parse(c, "potential", |t, comma| value::money("potential", t, currency, comma)) {
            r.potential = v;
        }
        if let Some(v) = cx.parse(c, "country", country) {
            r.location.country = v;
        }
        if let Some(v) = cx.text(c, "postal_code", 20) {
            r.location.postal_code = v;
        }
        if let Some(v) = cx.text(c, "city", 100) {
            r.location.city = v;
        }
        if let Some(v) = cx.text(c, "region", 100) {
            r.location.region = v;
        }
        r.location.coordinates = lat_lon(cx, c, "lat", "lon", r.location.coordinates);
        if let Some(v) = self.reference(Object::GeoUnit, c, cx, "geo_unit") {
            r.location.geo_unit = v.map(GeoUnitId);
        }
        if let Some(v) = self.reference(Object::Person, c, cx, "owner") {
            r.owner = v.map(PersonId);
        }
        if let Some(v) = self.reference(Object::Account, c, cx, "parent") {
            r.parent = v.map(AccountId);
        }
        if let Some(v) = cx.parse(c, "created_on", value::date) {
            r.created_on = v;
        }
        cx.check(r.validate());
        if !cx.errors.is_empty() {
            return None;
        }
        self.accounts_by_name.entry(r.name.to_lowercase()).or_default().push(key.id);
        Some((key.id, self.store(Object::Account, key, r, |d| &mut d.accounts)))
    }

    /// The currency of a row's amounts: its currency column, else the record's, else the
    /// organisation's.
    fn currency(&self, c: &Cells<'_>, cx: &mut Cx, current: Option<Currency>) -> Currency {
        match cx.parse(c, "currency", choice(Currency::parse)) {
            Some(Some(cur)) => cur,
            _ => current.unwrap_or_else(|| self.default_currency()),
        }
    }

    fn apply_contact(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let mut r = self.base(
            Object::Contact,
            key,
            |d| &d.contacts,
            || Contact {
                id: ContactId(key.id),
                external_id: None,
                account: None,
                name: String::new(),
                title: None,
                email: None,
                phone: None,
                buying_role: None,
                engaged: false,
            },
        );
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        if let Some(v) = full_name(cx, c) {
            r.name = v.unwrap_or_default();
        }
        if let Some(v) = self.reference(Object::Account, c, cx, "account") {
            r.account = v.map(AccountId);
        }
        if let Some(v) = cx.text(c, "title", 200) {
            r.title = v;
        }
        if let Some(v) = cx.text(c, "email", 254) {
            r.email = v;
        }
        if let Some(v) = cx.text(c, "phone", 50) {
            r.phone = v;
        }
        if let Some(v) = cx.parse(c, "buying_role", choice(BuyingRole::parse)) {
            r.buying_role = v;
        }
        if let Some(v) = cx.parse(c, "engaged", |t, _| value::boolean(t)) {
            r.engaged = v.unwrap_or(false);
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Contact, key, r, |d| &mut d.contacts)))
    }

    fn apply_product(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let usd = self.default_currency();
        let mut r = self.base(
            Object::Product,
            key,
            |d| &d.products,
            || Product {
                id: ProductId(key.id),
                external_id: None,
                name: String::new(),
                code: None,
                line: ProductLineId(0),
                list_price: Money::zero(usd),
                unit_cost: Money::zero(usd),
                active: true,
            },
        );
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        if let Some(v) = cx.text(c, "name", 255) {
            r.name = v.unwrap_or_default();
        }
        if let Some(v) = cx.text(c, "code", 100) {
            r.code = v;
        }
        let line = cx.text(c, "product_line", 200).map(|name| self.product_line(name.as_deref().unwrap_or("Other")));
        if let Some(l) = line {
            r.line = l;
        } else if r.line.get() == 0 {
            r.line = self.product_line("Other");
        }
        let currency = self.currency(c, cx, Some(r.list_price.currency()));
        r.list_price = Money::from_minor(r.list_price.minor(), currency);
        r.unit_cost = Money::from_minor(r.unit_cost.minor(), currency);
        if let Some(v) = cx.parse(c, "list_price", |t, comma| value::money("list price", t, currency, comma)) {
            r.list_price = v.unwrap_or(Money::zero(currency));
        }
        if let Some(v) = cx.parse(c, "unit_cost", |t, comma| value::money("unit cost", t, currency, comma)) {
            r.unit_cost = v.unwrap_or(Money::zero(currency));
        }
        if let Some(v) = cx.parse(c, "active", |t, _| value::boolean(t)) {
            r.active = v.unwrap_or(false);
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Product, key, r, |d| &mut d.products)))
    }

    /// A product line by name, created when new.
    fn product_line(&mut self, name: &str) -> ProductLineId {
        let natural = (Object::Product, format!("line:{}", name.to_lowercase()));
        if let Some(id) = self.natural.get(&natural) {
            return ProductLineId(*id);
        }
        let id = self.data.product_lines.iter().map(|l| l.id.get()).max().unwrap_or(0) + 1;
        self.data.product_lines.push(ProductLine { id: ProductLineId(id), external_id: None, name: name.to_owned() });
        self.natural.insert(natural, id);
        self.plan.new_product_lines.push(ProductLineId(id));
        ProductLineId(id)
    }

    fn apply_stage(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let order = self.data.stages.iter().map(|s| s.sort_order).max().unwrap_or(0) + 1;
        let mut r = self.base(
            Object::Stage,
            key,
            |d| &d.stages,
            || Stage {
                id: StageId(key.id),
                name: String::new(),
                sort_order: order,
                probability: Rate::ZERO,
                forecast_category: ForecastCategory::Pipeline,
                status: OpportunityStatus::Open,
            },
        );
        if let Some(v) = cx.text(c, "name", 100) {
            r.name = v.unwrap_or_default();
        }
        if let Some(Some(v)) = cx.parse(c, "sort_order", value::integer) {
            r.sort_order = i32::try_from(v).unwrap_or(i32::MAX);
        }
        if let Some(Some(v)) = cx.parse(c, "probability", |t, comma| value::percent("probability", t, comma)) {
            r.probability = v;
        }
        if let Some(Some(v)) = cx.parse(c, "forecast_category", |t, _| forecast_category(t)) {
            r.forecast_category = v;
        }
        let closed = cx.parse(c, "is_closed", |t, _| value::boolean(t)).flatten();
        let won = cx.parse(c, "is_won", |t, _| value::boolean(t)).flatten();
        match cx.parse(c, "status", choice(OpportunityStatus::parse)) {
            Some(Some(s)) => r.status = s,
            _ => {
                if let Some(closed) = closed {
                    r.status = match (closed, won.unwrap_or(false)) {
                        (false, _) => OpportunityStatus::Open,
                        (true, true) => OpportunityStatus::Won,
                        (true, false) => OpportunityStatus::Lost,
                    };
                }
            }
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Stage, key, r, |d| &mut d.stages)))
    }

    fn apply_lead(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let mut r = self.base(
            Object::Lead,
            key,
            |d| &d.leads,
            || Lead {
                id: LeadId(key.id),
                external_id: None,
                name: String::new(),
                company: None,
                email: None,
                source: None,
                status: LeadStatus::Open,
                owner: None,
                created_on: NaiveDate::MIN,
                converted_on: None,
                converted_account: None,
                converted_opportunity: None,
            },
        );
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        if let Some(v) = full_name(cx, c) {
            r.name = v.unwrap_or_default();
        }
        if let Some(v) = cx.text(c, "company", 255) {
            r.company = v;
        }
        if let Some(v) = cx.text(c, "email", 254) {
            r.email = v;
        }
        if let Some(v) = cx.text(c, "source", 100) {
            r.source = v;
        }
        if let Some(Some(v)) = cx.parse(c, "status", |t, _| lead_status(t)) {
            r.status = v;
        }
        if let Some(v) = self.reference(Object::Person, c, cx, "owner") {
            r.owner = v.map(PersonId);
        }
        if let Some(v) = cx.required(c, "created_on", value::date) {
            r.created_on = v;
        }
        if let Some(v) = cx.parse(c, "converted_on", value::date) {
            r.converted_on = v;
        }
        if let Some(v) = self.reference(Object::Account, c, cx, "converted_account") {
            r.converted_account = v.map(AccountId);
        }
        if let Some(v) = self.reference(Object::Opportunity, c, cx, "converted_opportunity") {
            r.converted_opportunity = v.map(OpportunityId);
        }
        if r.created_on == NaiveDate::MIN && cx.errors.is_empty() {
            cx.fail("created_on", "", "the date the lead was created is required");
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Lead, key, r, |d| &mut d.leads)))
    }

    fn apply_opportunity(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let currency = self.default_currency();
        let existed = key.existed;
        let mut r = self.base(
            Object::Opportunity,
            key,
            |d| &d.opportunities,
            || Opportunity {
                id: OpportunityId(key.id),
                external_id: None,
                name: String::new(),
                account: AccountId(0),
                owner: PersonId(0),
                kind: OpportunityType::NewBusiness,
                stage: String::new(),
                status: OpportunityStatus::Open,
                probability: Rate::ZERO,
                forecast_category: ForecastCategory::Pipeline,
                source: None,
                lead: None,
                created_on: NaiveDate::MIN,
                close_date: NaiveDate::MIN,
                amount: Money::zero(currency),
                discount: Rate::ZERO,
                margin: None,
                lines: Vec::new(),
                team: DealTeam::default(),
            },
        );
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        if let Some(v) = cx.text(c, "name", 255) {
            r.name = v.unwrap_or_default();
        }
        match self.reference(Object::Account, c, cx, "account") {
            Some(Some(a)) => r.account = AccountId(a),
            Some(None) => cx.fail("account", "", "an opportunity needs its account"),
            None if !existed && cx.errors.is_empty() => {
                cx.fail("account", "", "an opportunity needs its account: add an AccountId column")
            }
            None => {}
        }
        match self.reference(Object::Person, c, cx, "owner") {
            Some(Some(p)) => r.owner = PersonId(p),
            Some(None) => cx.fail("owner", "", "an opportunity needs its owner"),
            None if !existed && cx.errors.is_empty() => {
                cx.fail("owner", "", "an opportunity needs its owner: add an OwnerId column")
            }
            None => {}
        }
        if let Some(Some(v)) = cx.parse(c, "kind", choice(OpportunityType::parse)) {
            r.kind = v;
        }
        let mut stage_given = false;
        let mut hubspot_stage = None;
        if let Some(Some(v)) =
            cx.parse(c, "stage", |t, _| error::required_text("stage", t, 100).map_err(|e| e.to_string()))
        {
            stage_given = true;
            if cx.source == Source::Hubspot {
                let key = normalise(&v);
                hubspot_stage = HUBSPOT_STAGES.iter().find(|(id, label, _, _)| *id == key || normalise(label) == key);
            }
            r.stage = match (cx.source, hubspot_stage) {
                (Source::Hubspot, Some((_, label, _, _))) => (*label).to_owned(),
                _ => v,
            };
        }
        let known = self.known_stage(&mut r.stage);
        let closed = cx.parse(c, "is_closed", |t, _| value::boolean(t)).flatten();
        let won = cx.parse(c, "is_won", |t, _| value::boolean(t)).flatten();
        let status_given = match cx.parse(c, "status", choice(OpportunityStatus::parse)) {
            Some(Some(s)) => {
                r.status = s;
                true
            }
            _ => false,
        };
        if !status_given && (stage_given || closed.is_some()) {
            r.status = match (closed, won) {
                (Some(false), _) => OpportunityStatus::Open,
                (Some(true), Some(true)) => OpportunityStatus::Won,
                (Some(true), _) => OpportunityStatus::Lost,
                (None, _) => match (&known, hubspot_stage) {
                    (Some(s), _) => s.status,
                    (None, Some((_, _, _, status))) => *status,
                    (None, None) => status_from_stage(&r.stage),
                },
            };
        }
        match cx.parse(c, "probability", |t, comma| value::percent("probability", t, comma)) {
            Some(Some(p)) => r.probability = p,
            _ if stage_given => {
                r.probability = match (&known, hubspot_stage) {
                    (Some(s), _) => s.probability,
                    (None, Some((_, _, p, _))) => Rate::from_percent(*p),
                    (None, None) => match r.status {
                        OpportunityStatus::Won => Rate::ONE,
                        _ => r.probability,
                    },
                }
            }
            _ => {}
        }
        match cx.parse(c, "forecast_category", |t, _| forecast_category(t)) {
            Some(Some(f)) => r.forecast_category = f,
            _ if stage_given || status_given => {
                r.forecast_category = match &known {
                    Some(s) if s.status == r.status => s.forecast_category,
                    _ => default_category(r.status),
                }
            }
            _ => {}
        }
        if let Some(v) = cx.text(c, "source", 100) {
            r.source = v;
        }
        if let Some(v) = self.reference(Object::Lead, c, cx, "lead") {
            r.lead = v.map(LeadId);
        }
        if let Some(v) = cx.required(c, "created_on", value::date) {
            r.created_on = v;
        }
        if let Some(v) = cx.required(c, "close_date", value::date) {
            r.close_date = v;
        }
        if r.created_on == NaiveDate::MIN {
            // CRMs that do not export a creation date: the deal existed by its close date.
            r.created_on = r.close_date;
        }
        if r.close_date == NaiveDate::MIN && cx.errors.is_empty() {
            cx.fail("close_date", "", "the close date is required");
        }
        let currency = self.currency(c, cx, Some(r.amount.currency()));
        r.amount = Money::from_minor(r.amount.minor(), currency);
        if let Some(v) = cx.parse(c, "amount", |t, comma| value::money("amount", t, currency, comma)) {
            r.amount = v.unwrap_or(Money::zero(currency));
        }
        if let Some(v) = cx.parse(c, "discount", |t, comma| value::percent("discount", t, comma)) {
            r.discount = v.unwrap_or(Rate::ZERO);
        }
        if let Some(v) = cx.parse(c, "margin", |t, comma| value::percent("margin", t, comma)) {
            r.margin = v;
        }
        if r.stage.is_empty() && cx.errors.is_empty() {
            cx.fail("stage", "", "the stage is required");
        }
        cx.check(r.validate());
        if !cx.errors.is_empty() {
            return None;
        }
        if known.is_none() && !self.data.stages.is_empty() {
            self.add_stage(&r);
        }
        Some((key.id, self.store(Object::Opportunity, key, r, |d| &mut d.opportunities)))
    }

    /// The sales-process stage a deal's stage names, whatever its case; `stage` takes the
    /// process's spelling.
    fn known_stage(&self, stage: &mut String) -> Option<KnownStage> {
        let s = self.data.stages.iter().find(|s| s.name.eq_ignore_ascii_case(stage))?;
        if *stage != s.name {
            s.name.clone_into(stage);
        }
        Some(KnownStage::of(s))
    }

    /// A stage met in opportunities but not in the sales process: added after the others.
    fn add_stage(&mut self, o: &Opportunity) {
        let id = self.reserve(Object::Stage, None);
        let order = self.data.stages.iter().map(|s| s.sort_order).max().unwrap_or(0) + 1;
        self.data.stages.push(Stage {
            id: StageId(id),
            name: o.stage.clone(),
            sort_order: order,
            probability: o.probability,
            forecast_category: o.forecast_category,
            status: o.status,
        });
        self.index.entry(Object::Stage).or_default().insert(id, self.data.stages.len() - 1);
        self.natural.insert((Object::Stage, o.stage.to_lowercase()), id);
        self.plan.created.entry(Object::Stage).or_default().insert(id);
        self.plan.new_stages.push(o.stage.clone());
    }

    fn apply_line(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let opp = match self.reference(Object::Opportunity, c, cx, "opportunity") {
            Some(Some(o)) => Some(o),
            Some(None) | None => {
                let owner = self.line_owner.get(&key.id).copied();
                if owner.is_none() && cx.errors.is_empty() {
                    cx.fail("opportunity", "", "a line needs its opportunity: add an OpportunityId column");
                }
                owner
            }
        }?;
        let Some(&at) = self.index.get(&Object::Opportunity).and_then(|m| m.get(&opp)) else {
            cx.fail("opportunity", &opp.to_string(), "the opportunity was rejected");
            return None;
        };
        let currency = self.data.opportunities[at].amount.currency();
        let old_owner = self.line_owner.get(&key.id).copied();
        let existing = old_owner.and_then(|o| {
            let i = *self.index.get(&Object::Opportunity)?.get(&o)?;
            self.data.opportunities[i].lines.iter().find(|l| l.id.get() == key.id).cloned()
        });
        let mut r = existing.clone().unwrap_or(OpportunityLine {
            id: OpportunityLineId(key.id),
            external_id: None,
            product: ProductId(0),
            quantity: 1,
            list_price: Money::zero(currency),
            discount: Rate::ZERO,
            unit_cost: Money::zero(currency),
        });
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        match self.reference(Object::Product, c, cx, "product") {
            Some(Some(p)) => r.product = ProductId(p),
            Some(None) => cx.fail("product", "", "a line needs its product"),
            None if existing.is_none() && cx.errors.is_empty() => {
                cx.fail("product", "", "a line needs its product: add a Product2Id column")
            }
            None => {}
        }
        if let Some(Some(q)) = cx.parse(c, "quantity", value::integer) {
            r.quantity = q;
        }
        let currency = self.currency(c, cx, Some(currency));
        r.list_price = Money::from_minor(r.list_price.minor(), currency);
        r.unit_cost = Money::from_minor(r.unit_cost.minor(), currency);
        if let Some(v) = cx.parse(c, "list_price", |t, comma| value::money("list price", t, currency, comma)) {
            r.list_price = v.unwrap_or(Money::zero(currency));
        }
        if let Some(v) = cx.parse(c, "discount", |t, comma| value::percent("discount", t, comma)) {
            r.discount = v.unwrap_or(Rate::ZERO);
        }
        if let Some(v) = cx.parse(c, "unit_cost", |t, comma| value::money("unit cost", t, currency, comma)) {
            r.unit_cost = v.unwrap_or(Money::zero(currency));
        }
        cx.check(r.validate());
        if !cx.errors.is_empty() {
            return None;
        }
        let change = match &existing {
            Some(old) if *old == r && old_owner == Some(opp) => Change::Unchanged,
            Some(_) => Change::Updated,
            None => Change::Created,
        };
        if let Some(old) = old_owner.filter(|o| *o != opp)
            && let Some(&i) = self.index.get(&Object::Opportunity).and_then(|m| m.get(&old))
        {
            self.data.opportunities[i].lines.retain(|l| l.id.get() != key.id);
            self.touch_opportunity(old);
        }
        let lines = &mut self.data.opportunities[at].lines;
        match lines.iter_mut().find(|l| l.id.get() == key.id) {
            Some(slot) => *slot = r,
            None => lines.push(r),
        }
        self.line_owner.insert(key.id, opp);
        if !matches!(change, Change::Unchanged) {
            self.touch_opportunity(opp);
        }
        Some((key.id, change))
    }

    /// An existing opportunity whose lines or team changed is rewritten whole.
    fn touch_opportunity(&mut self, id: i64) {
        if !self.plan.is_created(Object::Opportunity, id) {
            self.plan.updated.entry(Object::Opportunity).or_default().insert(id);
        }
    }

    fn apply_team_member(&mut self, sheet: &Sheet, line: u64, record: &StringRecord, c: &Cells<'_>, cx: &mut Cx) {
        let opp = self.reference(Object::Opportunity, c, cx, "opportunity").flatten();
        let person = self.reference(Object::Person, c, cx, "person").flatten();
        let role = cx.text(c, "role", 100).flatten().unwrap_or_else(|| "Owner".to_owned());
        let split_type = match cx.parse(c, "split_type", |t, _| {
            let key = normalise(t);
            if key.contains("overlay") {
                Ok(SplitType::Overlay)
            } else if key.contains("revenue") || key.is_empty() {
                Ok(SplitType::Revenue)
            } else {
                SplitType::parse(t).map_err(|e| e.to_string())
            }
        }) {
            Some(Some(s)) => s,
            _ => SplitType::Revenue,
        };
        let split = cx.required(c, "split", |t, comma| value::percent("split", t, comma));
        if opp.is_none() && cx.errors.is_empty() {
            cx.fail("opportunity", "", "a deal team member needs the opportunity");
        }
        if person.is_none() && cx.errors.is_empty() {
            cx.fail("person", "", "a deal team member needs the person");
        }
        let (Some(opp), Some(person), Some(split)) = (opp, person, split) else { return };
        if !cx.errors.is_empty() {
            return;
        }
        self.teams.entry(opp).or_default().push((
            DealTeamMember { person: PersonId(person), role, split_type, split },
            (sheet.name.clone(), line, sheet.headers.clone(), record.iter().map(str::to_owned).collect()),
        ));
    }

    /// Each opportunity named in a deal team file gets exactly the members listed there.
    fn finish_deal_teams(&mut self) {
        let teams = std::mem::take(&mut self.teams);
        for (opp, rows) in teams {
            let members: Vec<DealTeamMember> = rows.iter().map(|r| r.0.clone()).collect();
            let Some(&at) = self.index.get(&Object::Opportunity).and_then(|m| m.get(&opp)) else { continue };
            match DealTeam::new(members) {
                Ok(team) => {
                    let tally = self.plan.tallies.entry(Object::DealTeam).or_default();
                    let n = rows.len();
                    if self.data.opportunities[at].team == team {
                        tally.unchanged += n;
                    } else {
                        if self.data.opportunities[at].team.is_empty() {
                            tally.created += n;
                        } else {
                            tally.updated += n;
                        }
                        self.data.opportunities[at].team = team;
                        self.touch_opportunity(opp);
                    }
                }
                Err(e) => {
                    for (_, (file, line, headers, cells)) in rows {
                        self.plan.tallies.entry(Object::DealTeam).or_default().rejected += 1;
                        let reason = format!("the deal team of opportunity {opp}: {e}");
                        self.plan.problems.push(Problem {
                            file: file.clone(),
                            line,
                            column: None,
                            field: "split".to_owned(),
                            value: String::new(),
                            reason: reason.clone(),
                        });
                        self.plan.rejected_rows.push(RejectedRow { file, headers, line, cells, reasons: vec![reason] });
                    }
                }
            }
        }
    }

    fn apply_change(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let opp = match self.reference(Object::Opportunity, c, cx, "opportunity") {
            Some(Some(o)) => o,
            _ => {
                if cx.errors.is_empty() {
                    cx.fail("opportunity", "", "a history entry needs its opportunity");
                }
                return None;
            }
        };
        let at = cx.required(c, "changed_at", value::timestamp)?;
        let key = if key.id == 0 {
            match self.natural.get(&(Object::OpportunityChange, format!("{opp}@{at}"))) {
                Some(&id) => {
                    Key { id, existed: self.index.get(&Object::OpportunityChange).is_some_and(|m| m.contains_key(&id)) }
                }
                None => Key { id: self.reserve(Object::OpportunityChange, None), existed: false },
            }
        } else {
            key
        };
        self.natural.insert((Object::OpportunityChange, format!("{opp}@{at}")), key.id);
        let parent =
            self.index.get(&Object::Opportunity).and_then(|m| m.get(&opp)).map(|&i| self.data.opportunities[i].clone());
        let fallback = parent.clone();
        let mut r = self.base(
            Object::OpportunityChange,
            key,
            |d| &d.opportunity_changes,
            || {
                let p = fallback.as_ref();
                OpportunityChange {
                    id: OpportunityChangeId(key.id),
                    opportunity: OpportunityId(opp),
                    changed_at: at,
                    changed_by: None,
                    stage: p.map(|p| p.stage.clone()).unwrap_or_default(),
                    status: p.map_or(OpportunityStatus::Open, |p| p.status),
                    probability: p.map_or(Rate::ZERO, |p| p.probability),
                    forecast_category: p.map_or(ForecastCategory::Pipeline, |p| p.forecast_category),
                    amount: p.map_or(Money::zero(Currency::USD), |p| p.amount),
                    close_date: p.map_or(at.date(), |p| p.close_date),
                }
            },
        );
        r.opportunity = OpportunityId(opp);
        r.changed_at = at;
        if let Some(v) = self.reference(Object::Person, c, cx, "changed_by") {
            r.changed_by = v.map(PersonId);
        }
        let mut stage_given = false;
        if let Some(Some(v)) =
            cx.parse(c, "stage", |t, _| error::required_text("stage", t, 100).map_err(|e| e.to_string()))
        {
            stage_given = true;
            r.stage = v;
        }
        let known = self.data.stages.iter().find(|s| s.name.eq_ignore_ascii_case(&r.stage)).map(KnownStage::of);
        match cx.parse(c, "status", choice(OpportunityStatus::parse)) {
            Some(Some(s)) => r.status = s,
            _ if stage_given => r.status = known.as_ref().map_or_else(|| status_from_stage(&r.stage), |s| s.status),
            _ => {}
        }
        if let Some(Some(p)) = cx.parse(c, "probability", |t, comma| value::percent("probability", t, comma)) {
            r.probability = p;
        }
        match cx.parse(c, "forecast_category", |t, _| forecast_category(t)) {
            Some(Some(f)) => r.forecast_category = f,
            _ if stage_given => {
                r.forecast_category = known.as_ref().map_or_else(|| default_category(r.status), |s| s.forecast_category)
            }
            _ => {}
        }
        let currency = self.currency(c, cx, Some(parent.as_ref().map_or(r.amount.currency(), |p| p.amount.currency())));
        r.amount = Money::from_minor(r.amount.minor(), currency);
        if let Some(v) = cx.parse(c, "amount", |t, comma| value::money("amount", t, currency, comma)) {
            r.amount = v.unwrap_or(Money::zero(currency));
        }
        if let Some(Some(v)) = cx.parse(c, "close_date", value::date) {
            r.close_date = v;
        }
        if r.stage.is_empty() && cx.errors.is_empty() {
            cx.fail("stage", "", "the stage is required");
        }
        cx.check(r.validate());
        cx.errors
            .is_empty()
            .then(|| (key.id, self.store(Object::OpportunityChange, key, r, |d| &mut d.opportunity_changes)))
    }

    fn apply_activity(&mut self, key: Key, c: &Cells<'_>, cx: &mut Cx) -> Option<(i64, Change)> {
        let existed = key.existed;
        let mut r = self.base(
            Object::Activity,
            key,
            |d| &d.activities,
            || Activity {
                id: ActivityId(key.id),
                external_id: None,
                person: PersonId(0),
                account: None,
                contact: None,
                opportunity: None,
                kind: ActivityKind::Task,
                mode: ContactMode::None,
                date: NaiveDate::MIN,
                duration_minutes: 0,
                category: TimeCategory::DirectSelling,
                outcome: None,
                subject: None,
            },
        );
        let source = cx.source;
        if let Some(Some(e)) = cx.parse(c, "external_id", |t, _| parse_external(source, t)) {
            r.external_id = Some(e);
        }
        match self.reference(Object::Person, c, cx, "person") {
            Some(Some(p)) => r.person = PersonId(p),
            Some(None) => cx.fail("person", "", "an activity needs the person who did it"),
            None if !existed && cx.errors.is_empty() => {
                cx.fail("person", "", "an activity needs the person who did it: add an OwnerId column")
            }
            None => {}
        }
        if let Some(v) = self.reference(Object::Account, c, cx, "account") {
            r.account = v.map(AccountId);
        }
        if let Some(v) = self.reference(Object::Contact, c, cx, "contact") {
            r.contact = v.map(ContactId);
        }
        if let Some(v) = self.reference(Object::Opportunity, c, cx, "opportunity") {
            r.opportunity = v.map(OpportunityId);
        }
        // Salesforce's WhatId points at an account (001…) or an opportunity (006…).
        if let Some(text) = c.value("what_ref") {
            let object = match &text.get(..3) {
                Some("001") => Some(Object::Account),
                Some("006") => Some(Object::Opportunity),
                _ => None,
            };
            if let Some(o) = object {
                match ExternalId::salesforce(text).ok().and_then(|e| self.external_id(o, &e)) {
                    Some(id) if o == Object::Account => r.account = Some(AccountId(id)),
                    Some(id) => {
                        r.opportunity = Some(OpportunityId(id));
                        if r.account.is_none() {
                            let i = self.index.get(&Object::Opportunity).and_then(|m| m.get(&id)).copied();
                            r.account = i.map(|i| self.data.opportunities[i].account);
                        }
                    }
                    None => cx.fail(
                        "what_ref",
                        text,
                        format!("{} {text} is neither in this import nor in the database", singular(o)),
                    ),
                }
            }
        }
        let kind_text = c.value("kind");
        if let Some(Some(k)) = cx.parse(c, "kind", |t, _| activity_kind(t)) {
            r.kind = k;
        }
        match cx.parse(c, "mode", choice(ContactMode::parse)) {
            Some(Some(m)) => r.mode = m,
            _ if kind_text.is_some() => {
                r.mode = match r.kind {
                    ActivityKind::Call => ContactMode::Phone,
                    ActivityKind::Visit => ContactMode::FaceToFace,
                    ActivityKind::Meeting => ContactMode::Video,
                    ActivityKind::Email => ContactMode::Email,
                    ActivityKind::Task => ContactMode::None,
                }
            }
            _ => {}
        }
        if let Some(v) = cx.required(c, "date", value::date) {
            r.date = v;
        }
        if r.date == NaiveDate::MIN && cx.errors.is_empty() {
            cx.fail("date", "", "the activity date is required");
        }
        if let Some(Some(v)) = cx.parse(c, "duration_minutes", uint) {
            r.duration_minutes = v;
        } else if let Some(Some(v)) = cx.parse(c, "duration_seconds", uint) {
            r.duration_minutes = v.div_ceil(60);
        } else if let Some(Some(v)) = cx.parse(c, "duration_ms", duration_ms) {
            r.duration_minutes = v;
        }
        match cx.parse(c, "category", choice(TimeCategory::parse)) {
            Some(Some(v)) => r.category = v,
            _ if !existed => {
                r.category = if r.kind == ActivityKind::Task && r.account.is_none() && r.opportunity.is_none() {
                    TimeCategory::NonSelling("administration".to_owned())
                } else {
                    TimeCategory::DirectSelling
                }
            }
            _ => {}
        }
        if let Some(v) = cx.text(c, "outcome", 200) {
            r.outcome = v;
        }
        if let Some(v) = cx.text(c, "subject", 255) {
            r.subject = v;
        }
        cx.check(r.validate());
        cx.errors.is_empty().then(|| (key.id, self.store(Object::Activity, key, r, |d| &mut d.activities)))
    }

    /// The whole result must hold together: problems found now are pinned on the rows that
    /// made the records involved. With `skip_invalid`, those rows are dropped and the check
    /// runs again until nothing is left to drop.
    fn check_integrity(&mut self, sheets: &[Sheet], skip_invalid: bool) {
        loop {
            let problems = self.data.check();
            if problems.is_empty() {
                return;
            }
            let mut dropped = false;
            for p in problems {
                let object = match p.record {
                    "geographic unit" => Object::GeoUnit,
                    "team" => Object::Team,
                    "person" => Object::Person,
                    "account" => Object::Account,
                    "contact" => Object::Contact,
                    "product" => Object::Product,
                    "stage" => Object::Stage,
                    "lead" => Object::Lead,
                    "opportunity" => Object::Opportunity,
                    "opportunity change" => Object::OpportunityChange,
                    "activity" => Object::Activity,
                    _ => Object::DealTeam,
                };
                match self.origin.remove(&(object, p.id)) {
                    Some((sheet, line)) => {
                        self.plan.tallies.entry(object).or_default().rejected += 1;
                        let reason = p.to_string();
                        let file = sheets[sheet].name.clone();
                        self.plan.problems.push(Problem {
                            file: file.clone(),
                            line,
                            column: None,
                            field: singular(object).to_owned(),
                            value: String::new(),
                            reason: reason.clone(),
                        });
                        let cells = row_cells(&sheets[sheet], line);
                        let headers = sheets[sheet].headers.clone();
                        self.plan.rejected_rows.push(RejectedRow { file, headers, line, cells, reasons: vec![reason] });
                        if skip_invalid {
                            self.drop_record(object, p.id);
                            dropped = true;
                        }
                    }
                    None => self.plan.problems.push(Problem {
                        file: "(database)".to_owned(),
                        line: 0,
                        column: None,
                        field: p.record.to_owned(),
                        value: String::new(),
                        reason: p.to_string(),
                    }),
                }
            }
            if !dropped {
                return;
            }
        }
    }

    /// Takes a record planned by this import back out (an update is undone by leaving the
    /// stored row alone: the writer skips it).
    fn drop_record(&mut self, o: Object, id: i64) {
        let created = self.plan.created.get_mut(&o).is_some_and(|s| s.remove(&id));
        if let Some(s) = self.plan.updated.get_mut(&o) {
            s.remove(&id);
        }
        let tally = self.plan.tallies.entry(o).or_default();
        if created {
            tally.created = tally.created.saturating_sub(1);
        } else {
            tally.updated = tally.updated.saturating_sub(1);
        }
        macro_rules! remove {
            ($field:ident) => {
                self.data.$field.retain(|r| r.id.get() != id)
            };
        }
        match o {
            Object::GeoUnit => remove!(geo_units),
            Object::Team => remove!(teams),
            Object::Person => remove!(people),
            Object::Account => remove!(accounts),
            Object::Contact => remove!(contacts),
            Object::Product => remove!(products),
            Object::Stage => remove!(stages),
            Object::Lead => remove!(leads),
            Object::Opportunity => remove!(opportunities),
            Object::OpportunityChange => remove!(opportunity_changes),
            Object::Activity => remove!(activities),
            Object::OpportunityLine | Object::DealTeam => {}
        }
        self.plan.custom_fields.retain(|(obj, rid, _)| !(*obj == o && *rid == id));
        self.reindex(o);
    }

    fn reindex(&mut self, o: Object) {
        let d = &self.data;
        let map: FxHashMap<i64, usize> = match o {
            Object::GeoUnit => d.geo_units.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Team => d.teams.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Person => d.people.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Account => d.accounts.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Contact => d.contacts.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Product => d.products.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Stage => d.stages.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Lead => d.leads.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::Opportunity => d.opportunities.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::OpportunityChange => {
                d.opportunity_changes.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect()
            }
            Object::Activity => d.activities.iter().enumerate().map(|(i, r)| (r.id.get(), i)).collect(),
            Object::OpportunityLine | Object::DealTeam => return,
        };
        self.index.insert(o, map);
    }
}

fn cells_role(cx: &mut Cx, c: &Cells<'_>) -> Option<SalesRole> {
    let text = c.value("role")?;
    match SalesRole::parse(text) {
        Ok(r) => Some(r),
        Err(e) => {
            // Salesforce titles and profiles are free text: read the common ones.
            let t = text.to_lowercase();
            let guess = if t.contains("vp") || t.contains("vice president") || t.contains("head of") {
                Some(SalesRole::Vp)
            } else if t.contains("manager") || t.contains("director") {
                Some(SalesRole::Manager)
            } else if t.contains("sdr") || t.contains("bdr") || t.contains("development") {
                Some(SalesRole::LeadGeneration)
            } else if t.contains("success") || t.contains("account manager") {
                Some(SalesRole::CustomerSuccess)
            } else if t.contains("engineer") || t.contains("presales") {
                Some(SalesRole::SalesEngineer)
            } else if t.contains("operations") || t.contains("admin") {
                Some(SalesRole::Operations)
            } else if t.contains("account executive") || t.contains("sales") || t.contains("rep") {
                Some(SalesRole::AccountExecutive)
            } else {
                None
            };
            if guess.is_none() && cx.source == Source::Native {
                cx.fail("role", text, e.to_string());
            }
            guess
        }
    }
}

/// The cells of the row that starts on `line` (walks the sheet: only for rejected rows).
fn row_cells(sheet: &Sheet, line: u64) -> Vec<String> {
    let mut out = Vec::new();
    let _ = sheet.rows(|l, record| {
        if l == line {
            out = record.iter().map(str::to_owned).collect();
        }
    });
    out
}

/// Forecast categories as Sutton writes them and as Salesforce's API does (`BestCase`).
fn forecast_category(text: &str) -> std::result::Result<ForecastCategory, String> {
    if text.trim().eq_ignore_ascii_case("bestcase") {
        return Ok(ForecastCategory::BestCase);
    }
    ForecastCategory::parse(text).map_err(|e| e.to_string())
}

/// Salesforce account types and HubSpot lifecycle stages as account statuses.
fn account_status(text: &str) -> AccountStatus {
    if let Ok(s) = AccountStatus::parse(text) {
        return s;
    }
    let t = normalise(text);
    if t.contains("former") || t.contains("churn") || t.contains("lost") {
        AccountStatus::Former
    } else if t.contains("customer") || t.contains("evangelist") {
        AccountStatus::Customer
    } else {
        AccountStatus::Prospect
    }
}

/// Salesforce's lead statuses ("Open - Not Contacted", "Closed - Converted"…).
fn lead_status(text: &str) -> std::result::Result<LeadStatus, String> {
    if let Ok(s) = LeadStatus::parse(text) {
        return Ok(s);
    }
    let t = normalise(text);
    if t.contains("notconverted") || t.contains("unqualified") || t.contains("disqualified") {
        Ok(LeadStatus::Disqualified)
    } else if t.contains("converted") {
        Ok(LeadStatus::Converted)
    } else if t.starts_with("open") || t.contains("notcontacted") {
        Ok(LeadStatus::Open)
    } else if t.contains("working") || t.contains("contacted") || t.contains("progress") {
        Ok(LeadStatus::Working)
    } else if t.contains("qualified") {
        Ok(LeadStatus::Qualified)
    } else if t.contains("open") || t.contains("new") {
        Ok(LeadStatus::Open)
    } else {
        Err(format!("{text:?} is not a lead status Sutton knows: open, working, qualified, converted or disqualified"))
    }
}

/// Salesforce task subtypes and HubSpot engagement types as activity kinds.
fn activity_kind(text: &str) -> std::result::Result<ActivityKind, String> {
    if let Ok(k) = ActivityKind::parse(text) {
        return Ok(k);
    }
    let t = normalise(text);
    Ok(if t.contains("call") {
        ActivityKind::Call
    } else if t.contains("email") {
        ActivityKind::Email
    } else if t.contains("visit") || t.contains("onsite") {
        ActivityKind::Visit
    } else if t.contains("meeting") || t.contains("event") || t.contains("demo") {
        ActivityKind::Meeting
    } else {
        ActivityKind::Task
    })
}

/// HubSpot writes call durations in milliseconds or as `HH:mm:ss`.
fn duration_ms(text: &str, comma: bool) -> std::result::Result<u32, String> {
    if text.contains(':') {
        let parts: Vec<u32> = text.split(':').map(|p| p.trim().parse().unwrap_or(0)).collect();
        let seconds = parts.iter().fold(0u32, |acc, p| acc * 60 + p);
        return Ok(seconds.div_ceil(60));
    }
    let ms = value::integer(text, comma)?;
    u32::try_from((ms + 59_999) / 60_000).map_err(|_| format!("{text:?} is too long a duration"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salesforce_api_picklist_values_are_read() {
        assert_eq!(forecast_category("BestCase"), Ok(ForecastCategory::BestCase));
        assert_eq!(forecast_category("Best Case"), Ok(ForecastCategory::BestCase));
        assert_eq!(forecast_category("Omitted"), Ok(ForecastCategory::Omitted));
        assert_eq!(lead_status("Closed - Not Converted"), Ok(LeadStatus::Disqualified));
        assert_eq!(lead_status("Open - Not Contacted"), Ok(LeadStatus::Open));
        assert_eq!(account_status("Customer - Channel"), AccountStatus::Customer);
        assert_eq!(duration_ms("00:02:30", false), Ok(3));
    }

    #[test]
    fn a_file_finds_each_of_its_columns_and_no_other() {
        for object in Object::ALL {
            let keys: Vec<&'static str> = object.fields().iter().map(|f| f.key).collect();
            // Every subset a file might have: all fields, every other one, each alone.
            let mut shapes: Vec<Vec<&'static str>> = vec![keys.clone(), keys.iter().copied().step_by(2).collect()];
            shapes.extend(keys.iter().map(|k| vec![*k]));
            for shape in shapes {
                let columns = Columns::new(shape.iter().enumerate().map(|(i, k)| (*k, i * 3 + 1)).collect());
                for (i, key) in keys.iter().enumerate() {
                    let expected = shape.iter().position(|k| k == key).map(|at| at * 3 + 1);
                    assert_eq!(columns.find(key), expected, "{object:?} {key} in {shape:?} ({i})");
                }
                for other in ["", "x", "account_refs", "id ", "nam"] {
                    assert_eq!(columns.find(other), None, "{other:?}");
                }
            }
        }
    }

    #[test]
    fn salesforce_ids_key_the_same_record_however_they_are_written() {
        let mut index = ExternalIndex::default();
        let long = ExternalId::salesforce("001D000000IqhSLIAZ").expect("valid");
        index.insert(long.clone(), 7);
        assert_eq!(index.get(&ExternalId::salesforce("001D000000IqhSL").expect("valid")), Some(7));
        let key = ExtKey::read(Source::Salesforce, " 001D000000IqhSLiaz ").expect("valid");
        assert_eq!(index.get_key(&key), Some(7));
        // Case matters in the first fifteen characters: another record.
        assert_eq!(index.get(&ExternalId::salesforce("001D000000IQHSL").expect("valid")), None);
        assert!(ExtKey::read(Source::Salesforce, "001D000000IqhSLAAA").is_err(), "a suffix that does not match");
        // Other systems' ids are kept as they are, apart from Salesforce's.
        let hubspot = ExternalId::hubspot("12345").expect("valid");
        index.insert(hubspot.clone(), 8);
        assert_eq!(index.get(&hubspot), Some(8));
        assert_eq!(index.get_key(&ExtKey::read(Source::Hubspot, "12345").expect("valid")), Some(8));
        assert_eq!(index.get_key(&ExtKey::read(Source::Salesforce, "000000000012345").expect("valid")), None);
    }
}
