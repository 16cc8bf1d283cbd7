//! Writing Sutton's data in each format: native CSV, Salesforce and HubSpot update files, and
//! an XLSX workbook.
//!
//! Salesforce files carry each record's Salesforce `Id` when Sutton knows it (an update) and
//! always `Sutton_Id__c`, an external-id field to upsert on, so records Sutton created insert
//! cleanly and come back matched. References are written both ways: the Salesforce id
//! (`AccountId`) and the relationship by external id (`Account.Sutton_Id__c`, the Bulk API's
//! notation). Sutton's results ride along as fields: `Segment__c`, `Territory__c` and the
//! owner.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use sutton_domain::*;

use crate::IoError;
use crate::schema::{Field, Object, Source};
use crate::value;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Native,
    Salesforce,
    Hubspot,
    Xlsx,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "native" | "sutton" | "csv" => Some(Format::Native),
            "salesforce" | "sfdc" => Some(Format::Salesforce),
            "hubspot" => Some(Format::Hubspot),
            "xlsx" | "excel" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Custom fields kept from imports, per record.
pub type CustomFields = HashMap<(Object, i64), BTreeMap<String, String>>;

/// One file written: its path and how many records it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub records: usize,
}

/// Writes `data` into `dir` (created if needed) in `format`.
pub fn export(data: &Dataset, custom: &CustomFields, format: Format, dir: &Path) -> Result<Vec<Written>, IoError> {
    export_with(data, custom, &Segments::new(), format, dir)
}

/// Each account's stored segment name, by account id.
pub type Segments = HashMap<i64, String>;

/// Like [`export`], with each account's segment as the last segmentation stored it
/// (`Segment__c` for Salesforce, "Sutton Segment" for HubSpot, `segment` natively).
pub fn export_with(
    data: &Dataset,
    custom: &CustomFields,
    segments: &Segments,
    format: Format,
    dir: &Path,
) -> Result<Vec<Written>, IoError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| IoError::Write { file: dir.display().to_string(), detail: e.to_string() })?;
    let ex = Ex::new(data, custom, segments);
    match format {
        Format::Native => write_csv_set(&ex, dir, Source::Native),
        Format::Salesforce => write_csv_set(&ex, dir, Source::Salesforce),
        Format::Hubspot => write_csv_set(&ex, dir, Source::Hubspot),
        Format::Xlsx => write_xlsx(&ex, &dir.join("sutton.xlsx")),
    }
}

/// A value before it is written as text or as a typed cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    Money(Money),
    Rate(Rate),
    Date(NaiveDate),
    Timestamp(NaiveDateTime),
    Bool(bool),
}

impl Cell {
    fn text(&self, source: Source) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => f.to_string(),
            Cell::Money(m) => m.to_decimal_string(),
            Cell::Rate(r) => value::percent_text(*r),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Timestamp(t) => match source {
                Source::Salesforce => value::salesforce_timestamp(*t),
                _ => t.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
            },
            Cell::Bool(b) => b.to_string(),
        }
    }
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Cell) -> Cell {
    v.map_or(Cell::Empty, f)
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) }
}

fn opt_text(s: &Option<String>) -> Cell {
    opt(s.as_deref(), text)
}

/// Lookups the writers need: external ids of referenced records, territory of each account.
struct Ex<'a> {
    data: &'a Dataset,
    custom: &'a CustomFields,
    segments: &'a Segments,
    external: HashMap<(Object, i64), &'a ExternalId>,
    territory: HashMap<i64, &'a str>,
    lines: BTreeMap<i64, &'a str>,
}

impl<'a> Ex<'a> {
    fn new(data: &'a Dataset, custom: &'a CustomFields, segments: &'a Segments) -> Ex<'a> {
        let mut external = HashMap::new();
        let mut put = |o: Object, id: i64, e: &'a Option<ExternalId>| {
            if let Some(e) = e {
                external.insert((o, id), e);
            }
        };
        data.people.iter().for_each(|r| put(Object::Person, r.id.get(), &r.external_id));
        data.accounts.iter().for_each(|r| put(Object::Account, r.id.get(), &r.external_id));
        data.contacts.iter().for_each(|r| put(Object::Contact, r.id.get(), &r.external_id));
        data.products.iter().for_each(|r| put(Object::Product, r.id.get(), &r.external_id));
        data.leads.iter().for_each(|r| put(Object::Lead, r.id.get(), &r.external_id));
        data.opportunities.iter().for_each(|r| put(Object::Opportunity, r.id.get(), &r.external_id));
        data.activities.iter().for_each(|r| put(Object::Activity, r.id.get(), &r.external_id));
        Ex {
            data,
            custom,
            segments,
            external,
            territory: territories(data),
            lines: data.product_lines.iter().map(|l| (l.id.get(), l.name.as_str())).collect(),
        }
    }

    /// The referenced record's id in `source`'s system, when Sutton knows it.
    fn ext_ref(&self, o: Object, id: Option<i64>, source: Source) -> Cell {
        let Some(id) = id else { return Cell::Empty };
        match self.external.get(&(o, id)) {
            Some(e) if system_matches(e.system(), source) => text(e.value()),
            _ => Cell::Empty,
        }
    }
}

fn system_matches(system: ExternalSystem, source: Source) -> bool {
    matches!(
        (system, source),
        (ExternalSystem::Salesforce, Source::Salesforce) | (ExternalSystem::Hubspot, Source::Hubspot)
    )
}

/// Each account's territory in the current alignment: named accounts first, then the
/// territory of the geographic unit the account sits in.
fn territories(data: &Dataset) -> HashMap<i64, &str> {
    let Some(current) = data.alignments.iter().find(|a| a.status == AlignmentStatus::Current) else {
        return HashMap::new();
    };
    let names: HashMap<TerritoryId, &str> = data.territories.iter().map(|t| (t.id, t.name.as_str())).collect();
    let mut by_unit = HashMap::new();
    let mut by_account = HashMap::new();
    for a in data.territory_assignments.iter().filter(|a| a.alignment == current.id) {
        let Some(name) = names.get(&a.territory).copied() else { continue };
        match a.unit {
            AlignedUnit::Geo(u) => by_unit.insert(u, name),
            AlignedUnit::Account(x) => by_account.insert(x, name),
        };
    }
    data.accounts
        .iter()
        .filter_map(|a| {
            by_account
                .get(&a.id)
                .or_else(|| a.location.geo_unit.and_then(|u| by_unit.get(&u)))
                .map(|name| (a.id.get(), *name))
        })
        .collect()
}

/// A record of any object, as the writers walk them.
enum Rec<'a> {
    Geo(&'a GeoUnit),
    Team(&'a Team),
    Person(&'a Person),
    Account(&'a Account),
    Contact(&'a Contact),
    Product(&'a Product),
    Stage(&'a Stage),
    Lead(&'a Lead),
    Opportunity(&'a Opportunity),
    Line(&'a Opportunity, &'a OpportunityLine),
    Member(&'a Opportunity, &'a DealTeamMember),
    Change(&'a OpportunityChange),
    Activity(&'a Activity),
}

impl Rec<'_> {
    fn id(&self) -> i64 {
        match self {
            Rec::Geo(r) => r.id.get(),
            Rec::Team(r) => r.id.get(),
            Rec::Person(r) => r.id.get(),
            Rec::Account(r) => r.id.get(),
            Rec::Contact(r) => r.id.get(),
            Rec::Product(r) => r.id.get(),
            Rec::Stage(r) => r.id.get(),
            Rec::Lead(r) => r.id.get(),
            Rec::Opportunity(r) => r.id.get(),
            Rec::Line(_, l) => l.id.get(),
            Rec::Member(o, _) => o.id.get(),
            Rec::Change(r) => r.id.get(),
            Rec::Activity(r) => r.id.get(),
        }
    }
}

fn records(o: Object, d: &Dataset) -> Vec<Rec<'_>> {
    match o {
        Object::GeoUnit => d.geo_units.iter().map(Rec::Geo).collect(),
        Object::Team => d.teams.iter().map(Rec::Team).collect(),
        Object::Person => d.people.iter().map(Rec::Person).collect(),
        Object::Account => d.accounts.iter().map(Rec::Account).collect(),
        Object::Contact => d.contacts.iter().map(Rec::Contact).collect(),
        Object::Product => d.products.iter().map(Rec::Product).collect(),
        Object::Stage => d.stages.iter().map(Rec::Stage).collect(),
        Object::Lead => d.leads.iter().map(Rec::Lead).collect(),
        Object::Opportunity => d.opportunities.iter().map(Rec::Opportunity).collect(),
        Object::OpportunityLine => {
            d.opportunities.iter().flat_map(|o| o.lines.iter().map(move |l| Rec::Line(o, l))).collect()
        }
        Object::DealTeam => {
            d.opportunities.iter().flat_map(|o| o.team.members().iter().map(move |m| Rec::Member(o, m))).collect()
        }
        Object::OpportunityChange => d.opportunity_changes.iter().map(Rec::Change).collect(),
        Object::Activity => d.activities.iter().map(Rec::Activity).collect(),
    }
}

fn own_ext(e: &Option<ExternalId>, source: Source) -> Cell {
    match (e, source) {
        (Some(e), Source::Native) => Cell::Text(e.to_string()),
        (Some(e), s) if system_matches(e.system(), s) => text(e.value()),
        _ => Cell::Empty,
    }
}

fn id(v: i64) -> Cell {
    Cell::Int(v)
}

fn location(l: &Location, key: &str) -> Cell {
    match key {
        "country" => opt_text(&l.country),
        "postal_code" => opt_text(&l.postal_code),
        "city" => opt_text(&l.city),
        "region" => opt_text(&l.region),
        "lat" => opt(l.coordinates, |c| Cell::Float(c.lat())),
        "lon" => opt(l.coordinates, |c| Cell::Float(c.lon())),
        "geo_unit" => opt(l.geo_unit, |u| id(u.get())),
        _ => Cell::Empty,
    }
}

/// The value of one field of one record, for `source`.
fn cell(rec: &Rec<'_>, key: &str, ex: &Ex<'_>, source: Source) -> Cell {
    let r = |o: Object, v: Option<i64>| ex.ext_ref(o, v, source);
    match rec {
        Rec::Geo(g) => match key {
            "id" => id(g.id.get()),
            "kind" => text(g.kind.as_str()),
            "code" => text(&g.code),
            "name" => text(&g.name),
            "region" => opt_text(&g.region),
            "lat" => opt(g.centroid, |c| Cell::Float(c.lat())),
            "lon" => opt(g.centroid, |c| Cell::Float(c.lon())),
            "area_km2" => opt(g.area_km2, Cell::Float),
            _ => Cell::Empty,
        },
        Rec::Team(t) => match key {
            "id" => id(t.id.get()),
            "name" => text(&t.name),
            "parent" => opt(t.parent, |p| id(p.get())),
            "manager" => opt(t.manager, |p| id(p.get())),
            _ => Cell::Empty,
        },
        Rec::Person(p) => match key {
            "id" => id(p.id.get()),
            "external_id" => own_ext(&p.external_id, source),
            "name" => text(&p.name),
            "email" => opt_text(&p.email),
            "role" => text(p.role.as_str()),
            "channel" => opt(p.channel, |c| text(c.as_str())),
            "team" => opt(p.team, |t| id(t.get())),
            "manager" => opt(p.manager, |m| id(m.get())),
            "manager_ref" => r(Object::Person, p.manager.map(PersonId::get)),
            "hire_date" => opt(p.hire_date, Cell::Date),
            "leave_date" => opt(p.leave_date, Cell::Date),
            "weekly_capacity_minutes" => Cell::Int(i64::from(p.weekly_capacity_minutes)),
            "placeholder" => Cell::Bool(p.placeholder),
            k if k.starts_with("home_") => location(&p.home, &k[5..]),
            _ => Cell::Empty,
        },
        Rec::Account(a) => match key {
            "id" => id(a.id.get()),
            "external_id" => own_ext(&a.external_id, source),
            "name" => text(&a.name),
            "status" => text(a.status.as_str()),
            "industry" => opt_text(&a.industry),
            "employees" => opt(a.employees, |n| Cell::Int(i64::from(n))),
            "currency" => opt(a.annual_revenue.or(a.potential), |m| text(m.currency().code())),
            "annual_revenue" => opt(a.annual_revenue, Cell::Money),
            "potential" => opt(a.potential, Cell::Money),
            "owner" => opt(a.owner, |p| id(p.get())),
            "owner_ref" => r(Object::Person, a.owner.map(PersonId::get)),
            "parent" => opt(a.parent, |p| id(p.get())),
            "parent_ref" => r(Object::Account, a.parent.map(AccountId::get)),
            "created_on" => opt(a.created_on, Cell::Date),
            "territory" => opt(ex.territory.get(&a.id.get()), |t| text(t)),
            "segment" => opt(ex.segments.get(&a.id.get()), |s| text(s)),
            k => location(&a.location, k),
        },
        Rec::Contact(c) => match key {
            "id" => id(c.id.get()),
            "external_id" => own_ext(&c.external_id, source),
            "name" => text(&c.name),
            "account" => opt(c.account, |a| id(a.get())),
            "account_ref" => r(Object::Account, c.account.map(AccountId::get)),
            "title" => opt_text(&c.title),
            "email" => opt_text(&c.email),
            "phone" => opt_text(&c.phone),
            "buying_role" => opt(c.buying_role, |b| text(b.as_str())),
            "engaged" => Cell::Bool(c.engaged),
            _ => Cell::Empty,
        },
        Rec::Product(p) => match key {
            "id" => id(p.id.get()),
            "external_id" => own_ext(&p.external_id, source),
            "name" => text(&p.name),
            "code" => opt_text(&p.code),
            "product_line" => opt(ex.lines.get(&p.line.get()), |n| text(n)),
            "currency" => text(p.list_price.currency().code()),
            "list_price" => Cell::Money(p.list_price),
            "unit_cost" => Cell::Money(p.unit_cost),
            "active" => Cell::Bool(p.active),
            _ => Cell::Empty,
        },
        Rec::Stage(s) => match key {
            "id" => id(s.id.get()),
            "name" => text(&s.name),
            "sort_order" => Cell::Int(i64::from(s.sort_order)),
            "probability" => Cell::Rate(s.probability),
            "forecast_category" => text(s.forecast_category.as_str()),
            "status" => text(s.status.as_str()),
            _ => Cell::Empty,
        },
        Rec::Lead(l) => match key {
            "id" => id(l.id.get()),
            "external_id" => own_ext(&l.external_id, source),
            "name" => text(&l.name),
            "company" => opt_text(&l.company),
            "email" => opt_text(&l.email),
            "source" => opt_text(&l.source),
            "status" => text(l.status.as_str()),
            "owner" => opt(l.owner, |p| id(p.get())),
            "owner_ref" => r(Object::Person, l.owner.map(PersonId::get)),
            "created_on" => Cell::Date(l.created_on),
            "converted_on" => opt(l.converted_on, Cell::Date),
            "converted_account" => opt(l.converted_account, |a| id(a.get())),
            "converted_account_ref" => r(Object::Account, l.converted_account.map(AccountId::get)),
            "converted_opportunity" => opt(l.converted_opportunity, |o| id(o.get())),
            "converted_opportunity_ref" => r(Object::Opportunity, l.converted_opportunity.map(OpportunityId::get)),
            _ => Cell::Empty,
        },
        Rec::Opportunity(o) => match key {
            "id" => id(o.id.get()),
            "external_id" => own_ext(&o.external_id, source),
            "name" => text(&o.name),
            "account" => id(o.account.get()),
            "account_ref" => r(Object::Account, Some(o.account.get())),
            "owner" => id(o.owner.get()),
            "owner_ref" => r(Object::Person, Some(o.owner.get())),
            "kind" => text(o.kind.as_str()),
            "stage" => text(&o.stage),
            "status" => text(o.status.as_str()),
            "probability" => Cell::Rate(o.probability),
            "forecast_category" => text(o.forecast_category.as_str()),
            "source" => opt_text(&o.source),
            "lead" => opt(o.lead, |l| id(l.get())),
            "created_on" => Cell::Date(o.created_on),
            "close_date" => Cell::Date(o.close_date),
            "currency" => text(o.amount.currency().code()),
            "amount" => Cell::Money(o.amount),
            "discount" => Cell::Rate(o.discount),
            "margin" => opt(o.margin, Cell::Rate),
            "territory" => opt(ex.territory.get(&o.account.get()), |t| text(t)),
            _ => Cell::Empty,
        },
        Rec::Line(o, l) => match key {
            "id" => id(l.id.get()),
            "external_id" => own_ext(&l.external_id, source),
            "opportunity" => id(o.id.get()),
            "opportunity_ref" => r(Object::Opportunity, Some(o.id.get())),
            "product" => id(l.product.get()),
            "product_ref" => r(Object::Product, Some(l.product.get())),
            "quantity" => Cell::Int(l.quantity),
            "currency" => text(l.list_price.currency().code()),
            "list_price" => Cell::Money(l.list_price),
            "discount" => Cell::Rate(l.discount),
            "unit_cost" => Cell::Money(l.unit_cost),
            _ => Cell::Empty,
        },
        Rec::Member(o, m) => match key {
            "opportunity" => id(o.id.get()),
            "opportunity_ref" => r(Object::Opportunity, Some(o.id.get())),
            "person" => id(m.person.get()),
            "person_ref" => r(Object::Person, Some(m.person.get())),
            "role" => text(&m.role),
            "split_type" => text(match m.split_type {
                SplitType::Revenue => "Revenue",
                SplitType::Overlay => "Overlay",
            }),
            "split" => Cell::Rate(m.split),
            _ => Cell::Empty,
        },
        Rec::Change(c) => match key {
            "id" => id(c.id.get()),
            "opportunity" => id(c.opportunity.get()),
            "opportunity_ref" => r(Object::Opportunity, Some(c.opportunity.get())),
            "changed_at" => Cell::Timestamp(c.changed_at),
            "changed_by" => opt(c.changed_by, |p| id(p.get())),
            "changed_by_ref" => r(Object::Person, c.changed_by.map(PersonId::get)),
            "stage" => text(&c.stage),
            "status" => text(c.status.as_str()),
            "probability" => Cell::Rate(c.probability),
            "forecast_category" => text(c.forecast_category.as_str()),
            "currency" => text(c.amount.currency().code()),
            "amount" => Cell::Money(c.amount),
            "close_date" => Cell::Date(c.close_date),
            _ => Cell::Empty,
        },
        Rec::Activity(a) => match key {
            "id" => id(a.id.get()),
            "external_id" => own_ext(&a.external_id, source),
            "person" => id(a.person.get()),
            "person_ref" => r(Object::Person, Some(a.person.get())),
            "account" => opt(a.account, |x| id(x.get())),
            "account_ref" => r(Object::Account, a.account.map(AccountId::get)),
            "contact" => opt(a.contact, |x| id(x.get())),
            "contact_ref" => r(Object::Contact, a.contact.map(ContactId::get)),
            "opportunity" => opt(a.opportunity, |x| id(x.get())),
            "opportunity_ref" => r(Object::Opportunity, a.opportunity.map(OpportunityId::get)),
            "kind" => text(a.kind.as_str()),
            "mode" => text(a.mode.as_str()),
            "date" => Cell::Date(a.date),
            "duration_minutes" => Cell::Int(i64::from(a.duration_minutes)),
            "category" => text(a.category.as_str()),
            "outcome" => opt_text(&a.outcome),
            "subject" => opt_text(&a.subject),
            _ => Cell::Empty,
        },
    }
}

/// The columns a format writes for an object, with their headers.
fn columns(o: Object, source: Source) -> Vec<(&'static Field, &'static str)> {
    o.fields()
        .iter()
        .filter_map(|f| match source {
            Source::Native => f.native_export.then_some((f, f.key)),
            Source::Salesforce => {
                let wanted = f.native_export || (f.key.ends_with("_ref") && f.key != "what_ref");
                f.salesforce.first().filter(|_| wanted).map(|h| (f, *h))
            }
            Source::Hubspot => {
                let wanted = f.native_export || matches!(f.key, "owner_ref" | "account_ref");
                f.hubspot.first().filter(|_| wanted).map(|h| (f, *h))
            }
        })
        .collect()
}

/// The objects each format carries.
fn objects(source: Source) -> Vec<Object> {
    match source {
        Source::Hubspot => vec![Object::Account, Object::Contact, Object::Opportunity],
        _ => Object::ALL.to_vec(),
    }
}

fn file_name(o: Object, source: Source) -> &'static str {
    match source {
        Source::Native => o.native_name(),
        Source::Salesforce => o.salesforce_name(),
        Source::Hubspot => o.hubspot_name().unwrap_or(o.native_name()),
    }
}

fn write_csv_set(ex: &Ex<'_>, dir: &Path, source: Source) -> Result<Vec<Written>, IoError> {
    let mut out = Vec::new();
    for o in objects(source) {
        let cols = columns(o, source);
        let all = records(o, ex.data);
        // Salesforce keeps calls, e-mails and to-dos as Tasks, meetings and visits as Events.
        let groups: Vec<(&str, Vec<&Rec<'_>>)> = if source == Source::Salesforce && o == Object::Activity {
            let (events, tasks): (Vec<&Rec<'_>>, Vec<&Rec<'_>>) = all.iter().partition(
                |r| matches!(r, Rec::Activity(a) if matches!(a.kind, ActivityKind::Meeting | ActivityKind::Visit)),
            );
            vec![("Task", tasks), ("Event", events)]
        } else {
            vec![(file_name(o, source), all.iter().collect())]
        };
        for (name, recs) in groups {
            let custom_keys: BTreeSet<&String> = if source == Source::Salesforce {
                recs.iter().filter_map(|r| ex.custom.get(&(o, r.id()))).flat_map(|m| m.keys()).collect()
            } else {
                BTreeSet::new()
            };
            let path = dir.join(format!("{name}.csv"));
            let err =
                |e: &dyn std::fmt::Display| IoError::Write { file: path.display().to_string(), detail: e.to_string() };
            let file = std::fs::File::create(&path).map_err(|e| err(&e))?;
            let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
            let mut header: Vec<&str> = Vec::new();
            if source == Source::Salesforce && !cols.iter().any(|(f, _)| f.key == "external_id") {
                header.push("Id");
            }
            header.extend(cols.iter().map(|(_, h)| *h));
            header.extend(custom_keys.iter().map(|k| k.as_str()));
            w.write_record(&header).map_err(|e| err(&e))?;
            let mut row: Vec<String> = Vec::with_capacity(header.len());
            for rec in &recs {
                row.clear();
                if source == Source::Salesforce && !cols.iter().any(|(f, _)| f.key == "external_id") {
                    row.push(String::new());
                }
                row.extend(cols.iter().map(|(f, _)| cell(rec, f.key, ex, source).text(source)));
                let custom = ex.custom.get(&(o, rec.id()));
                row.extend(custom_keys.iter().map(|k| custom.and_then(|m| m.get(*k)).cloned().unwrap_or_default()));
                w.write_record(&row).map_err(|e| err(&e))?;
            }
            w.flush().map_err(|e| err(&e))?;
            out.push(Written { path, records: recs.len() });
        }
    }
    Ok(out)
}

fn write_xlsx(ex: &Ex<'_>, path: &Path) -> Result<Vec<Written>, IoError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let err = |e: &dyn std::fmt::Display| IoError::Write { file: path.display().to_string(), detail: e.to_string() };
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    let formats = XlsxFormats::new();
    let mut written = Vec::new();
    for o in Object::ALL {
        let cols = columns(o, Source::Native);
        let recs = records(o, ex.data);
        let sheet = book.add_worksheet();
        sheet.set_name(o.native_name()).map_err(|e| err(&e))?;
        for (c, (_, h)) in cols.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(|e| err(&e))?;
        }
        sheet.set_freeze_panes(1, 0).map_err(|e| err(&e))?;
        for (i, rec) in recs.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, (f, _)) in cols.iter().enumerate() {
                formats.write(sheet, row, c as u16, cell(rec, f.key, ex, Source::Native)).map_err(|e| err(&e))?;
            }
        }
        sheet.autofit();
        written.push(Written { path: path.to_owned(), records: recs.len() });
    }
    let buffer = book.save_to_buffer().map_err(|e| err(&e))?;
    let mut file = std::fs::File::create(path).map_err(|e| err(&e))?;
    file.write_all(&buffer).map_err(|e| err(&e))?;
    Ok(written)
}

/// The number formats typed cells are written with.
struct XlsxFormats {
    date: rust_xlsxwriter::Format,
    stamp: rust_xlsxwriter::Format,
    percent: rust_xlsxwriter::Format,
}

impl XlsxFormats {
    fn new() -> XlsxFormats {
        use rust_xlsxwriter::Format as XFormat;
        XlsxFormats {
            date: XFormat::new().set_num_format("yyyy-mm-dd"),
            stamp: XFormat::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            percent: XFormat::new().set_num_format("0.####\" %\""),
        }
    }

    /// Writes one cell as a typed value (empty cells are skipped).
    fn write(
        &self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        row: u32,
        col: u16,
        value: Cell,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{ExcelDateTime, Format as XFormat};
        match value {
            Cell::Empty => Ok(()),
            Cell::Text(s) => sheet.write_string(row, col, s).map(|_| ()),
            Cell::Int(n) => sheet.write_number(row, col, n as f64).map(|_| ()),
            Cell::Float(x) => sheet.write_number(row, col, x).map(|_| ()),
            // A typed number, shown with the currency's decimals; the exact amount is also what
            // the decimal text reads back to.
            Cell::Money(m) => {
                let decimals = "0".repeat(usize::from(m.currency().exponent()));
                let pattern = if decimals.is_empty() { "#,##0".to_owned() } else { format!("#,##0.{decimals}") };
                let number: f64 = m.to_decimal_string().parse().unwrap_or(0.0);
                sheet.write_number_with_format(row, col, number, &XFormat::new().set_num_format(pattern)).map(|_| ())
            }
            Cell::Rate(r) => {
                let number: f64 = value::percent_text(r).parse().unwrap_or(0.0);
                sheet.write_number_with_format(row, col, number, &self.percent).map(|_| ())
            }
            Cell::Date(d) => {
                let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                sheet.write_datetime_with_format(row, col, &x, &self.date).map(|_| ())
            }
            Cell::Timestamp(t) => {
                let x = ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?.and_hms(
                    t.hour() as u16,
                    t.minute() as u8,
                    t.second(),
                )?;
                sheet.write_datetime_with_format(row, col, &x, &self.stamp).map(|_| ())
            }
            Cell::Bool(b) => sheet.write_boolean(row, col, b).map(|_| ()),
        }
    }
}

/// One table as CSV: a header row, then the rows, each cell written as the native export
/// writes it (exact decimals, ISO dates).
pub fn table_csv(headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, IoError> {
    let err = |e: &dyn std::fmt::Display| IoError::Write { file: "table.csv".to_owned(), detail: e.to_string() };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(|e| err(&e))?;
    for row in rows {
        w.write_record(row.iter().map(|c| c.text(Source::Native))).map_err(|e| err(&e))?;
    }
    w.into_inner().map_err(|e| err(&e))
}

/// One table as an XLSX workbook of one sheet, with typed cells (money as numbers with the
/// currency's decimals, dates as dates).
pub fn table_xlsx(sheet_name: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<Vec<u8>, IoError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let err = |e: &dyn std::fmt::Display| IoError::Write { file: format!("{sheet_name}.xlsx"), detail: e.to_string() };
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    let formats = XlsxFormats::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(|e| err(&e))?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(|e| err(&e))?;
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| err(&e))?;
    for (i, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            formats.write(sheet, i as u32 + 1, c as u16, value.clone()).map_err(|e| err(&e))?;
        }
    }
    sheet.autofit();
    book.save_to_buffer().map_err(|e| err(&e))
}
