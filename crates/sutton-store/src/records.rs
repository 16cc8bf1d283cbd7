//! How each domain record maps to rows: its table, its columns, its values, and back.
//!
//! One [`Stored`] impl per table keeps the column list, the values written and the values read
//! side by side, so a column cannot be added to one and forgotten in the other without the
//! round-trip contract test failing.

use chrono::{NaiveDate, NaiveDateTime};
use sutton_domain::*;

use crate::backend::{Row, Value};
use crate::error::{StoreError, StoreResult};

/// A domain record stored as one row of its own table.
pub(crate) trait Stored: Record + Sized {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    fn values(&self) -> Vec<Value<'_>>;
    fn from_row(row: &Row<'_>) -> StoreResult<Self>;
}

// ---- helpers shared by the impls -------------------------------------------------------------

fn ext(e: &Option<ExternalId>) -> [Value<'_>; 2] {
    match e {
        Some(e) => [Value::from(e.system().as_str()), Value::from(e.value())],
        None => [Value::Null, Value::Null],
    }
}

fn read_ext(row: &Row<'_>, at: usize) -> StoreResult<Option<ExternalId>> {
    match (row.opt_text(at)?, row.opt_text(at + 1)?) {
        (Some(system), Some(value)) => Ok(Some(ExternalId::parse(ExternalSystem::parse(&system)?, &value)?)),
        _ => Ok(None),
    }
}

fn opt_id(v: Option<i64>) -> Value<'static> {
    v.map_or(Value::Null, Value::Int)
}

fn currency(row: &Row<'_>, at: usize) -> StoreResult<Currency> {
    Ok(Currency::parse(&row.text(at)?)?)
}

fn coordinates(row: &Row<'_>, lat: usize) -> StoreResult<Option<LatLon>> {
    match (row.opt_f64(lat)?, row.opt_f64(lat + 1)?) {
        (Some(la), Some(lo)) => Ok(Some(LatLon::new(la, lo)?)),
        _ => Ok(None),
    }
}

fn location_values(l: &Location) -> [Value<'_>; 7] {
    [
        Value::from(l.country.as_deref()),
        Value::from(l.postal_code.as_deref()),
        Value::from(l.city.as_deref()),
        Value::from(l.region.as_deref()),
        Value::from(l.coordinates.map(|c| c.lat())),
        Value::from(l.coordinates.map(|c| c.lon())),
        opt_id(l.geo_unit.map(GeoUnitId::get)),
    ]
}

fn read_location(row: &Row<'_>, at: usize) -> StoreResult<Location> {
    Ok(Location {
        country: row.opt_text(at)?,
        postal_code: row.opt_text(at + 1)?,
        city: row.opt_text(at + 2)?,
        region: row.opt_text(at + 3)?,
        coordinates: coordinates(row, at + 4)?,
        geo_unit: row.opt_i64(at + 6)?.map(GeoUnitId),
    })
}

/// An integer column that must fit a narrower type (a count of minutes, a year).
fn int_column<T: TryFrom<i64>>(row: &Row<'_>, at: usize, field: &'static str) -> StoreResult<T> {
    let v = row.i64(at)?;
    T::try_from(v).map_err(|_| StoreError::Decode {
        column: at,
        expected: field.to_owned(),
        detail: format!("{v} is out of range"),
    })
}

fn date(v: NaiveDate) -> Value<'static> {
    Value::Date(v)
}

fn timestamp(v: NaiveDateTime) -> Value<'static> {
    Value::Timestamp(v)
}

// ---- organisation and people ------------------------------------------------------------------

impl Stored for Team {
    const TABLE: &'static str = "teams";
    const COLUMNS: &'static [&'static str] = &["id", "name", "parent_id", "manager_id"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::from(self.name.as_str()),
            opt_id(self.parent.map(TeamId::get)),
            opt_id(self.manager.map(PersonId::get)),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Team {
            id: TeamId(r.i64(0)?),
            name: r.text(1)?,
            parent: r.opt_i64(2)?.map(TeamId),
            manager: r.opt_i64(3)?.map(PersonId),
        })
    }
}

impl Stored for Person {
    const TABLE: &'static str = "people";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "name",
        "email",
        "role",
        "channel",
        "team_id",
        "manager_id",
        "home_country",
        "home_postal_code",
        "home_city",
        "home_region",
        "home_lat",
        "home_lon",
        "home_geo_unit_id",
        "hire_date",
        "leave_date",
        "weekly_capacity_minutes",
        "placeholder",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::from(self.name.as_str()),
            Value::from(self.email.as_deref()),
            Value::from(self.role.as_str()),
            Value::from(self.channel.map(Channel::as_str)),
            opt_id(self.team.map(TeamId::get)),
            opt_id(self.manager.map(PersonId::get)),
        ]);
        v.extend(location_values(&self.home));
        v.extend([
            Value::from(self.hire_date),
            Value::from(self.leave_date),
            Value::Int(i64::from(self.weekly_capacity_minutes)),
            Value::Bool(self.placeholder),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Person {
            id: PersonId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            name: r.text(3)?,
            email: r.opt_text(4)?,
            role: SalesRole::parse(&r.text(5)?)?,
            channel: r.opt_text(6)?.map(|c| Channel::parse(&c)).transpose()?,
            team: r.opt_i64(7)?.map(TeamId),
            manager: r.opt_i64(8)?.map(PersonId),
            home: read_location(r, 9)?,
            hire_date: r.opt_date(16)?,
            leave_date: r.opt_date(17)?,
            weekly_capacity_minutes: int_column(r, 18, "weekly capacity")?,
            placeholder: r.bool(19)?,
        })
    }
}

// ---- accounts and contacts -------------------------------------------------------------------

impl Stored for Account {
    const TABLE: &'static str = "accounts";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "name",
        "status",
        "industry",
        "employees",
        "currency",
        "annual_revenue_minor",
        "potential_minor",
        "country",
        "postal_code",
        "city",
        "region",
        "lat",
        "lon",
        "geo_unit_id",
        "owner_id",
        "parent_id",
        "created_on",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let currency = self.annual_revenue.or(self.potential).map(|m| m.currency().code().to_owned());
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::from(self.name.as_str()),
            Value::from(self.status.as_str()),
            Value::from(self.industry.as_deref()),
            opt_id(self.employees.map(i64::from)),
            Value::from(currency),
            opt_id(self.annual_revenue.map(|m| m.minor())),
            opt_id(self.potential.map(|m| m.minor())),
        ]);
        v.extend(location_values(&self.location));
        v.extend([
            opt_id(self.owner.map(PersonId::get)),
            opt_id(self.parent.map(AccountId::get)),
            Value::from(self.created_on),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        let money = |at: usize| -> StoreResult<Option<Money>> {
            match r.opt_i64(at)? {
                Some(minor) => Ok(Some(Money::from_minor(minor, currency(r, 7)?))),
                None => Ok(None),
            }
        };
        Ok(Account {
            id: AccountId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            name: r.text(3)?,
            status: AccountStatus::parse(&r.text(4)?)?,
            industry: r.opt_text(5)?,
            employees: r.opt_i64(6)?.map(|_| int_column(r, 6, "employees")).transpose()?,
            annual_revenue: money(8)?,
            potential: money(9)?,
            location: read_location(r, 10)?,
            owner: r.opt_i64(17)?.map(PersonId),
            parent: r.opt_i64(18)?.map(AccountId),
            created_on: r.opt_date(19)?,
        })
    }
}

impl Stored for Contact {
    const TABLE: &'static str = "contacts";
    const COLUMNS: &'static [&'static str] =
        &["id", "ext_system", "ext_id", "account_id", "name", "title", "email", "phone", "buying_role", "engaged"];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            opt_id(self.account.map(AccountId::get)),
            Value::from(self.name.as_str()),
            Value::from(self.title.as_deref()),
            Value::from(self.email.as_deref()),
            Value::from(self.phone.as_deref()),
            Value::from(self.buying_role.map(BuyingRole::as_str)),
            Value::Bool(self.engaged),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Contact {
            id: ContactId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            account: r.opt_i64(3)?.map(AccountId),
            name: r.text(4)?,
            title: r.opt_text(5)?,
            email: r.opt_text(6)?,
            phone: r.opt_text(7)?,
            buying_role: r.opt_text(8)?.map(|b| BuyingRole::parse(&b)).transpose()?,
            engaged: r.bool(9)?,
        })
    }
}

// ---- products and stages ---------------------------------------------------------------------

impl Stored for ProductLine {
    const TABLE: &'static str = "product_lines";
    const COLUMNS: &'static [&'static str] = &["id", "ext_system", "ext_id", "name"];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.push(Value::from(self.name.as_str()));
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(ProductLine { id: ProductLineId(r.i64(0)?), external_id: read_ext(r, 1)?, name: r.text(3)? })
    }
}

impl Stored for Product {
    const TABLE: &'static str = "products";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "name",
        "code",
        "line_id",
        "currency",
        "list_price_minor",
        "unit_cost_minor",
        "active",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::from(self.name.as_str()),
            Value::from(self.code.as_deref()),
            Value::Int(self.line.get()),
            Value::from(self.list_price.currency_code()),
            Value::Int(self.list_price.minor()),
            Value::Int(self.unit_cost.minor()),
            Value::Bool(self.active),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        let c = currency(r, 6)?;
        Ok(Product {
            id: ProductId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            name: r.text(3)?,
            code: r.opt_text(4)?,
            line: ProductLineId(r.i64(5)?),
            list_price: Money::from_minor(r.i64(7)?, c),
            unit_cost: Money::from_minor(r.i64(8)?, c),
            active: r.bool(9)?,
        })
    }
}

impl Stored for Stage {
    const TABLE: &'static str = "stages";
    const COLUMNS: &'static [&'static str] =
        &["id", "name", "sort_order", "probability_ppm", "forecast_category", "status"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::from(self.name.as_str()),
            Value::Int(i64::from(self.sort_order)),
            Value::Int(self.probability.ppm()),
            Value::from(self.forecast_category.as_str()),
            Value::from(self.status.as_str()),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Stage {
            id: StageId(r.i64(0)?),
            name: r.text(1)?,
            sort_order: int_column(r, 2, "sort order")?,
            probability: Rate::from_ppm(r.i64(3)?),
            forecast_category: ForecastCategory::parse(&r.text(4)?)?,
            status: OpportunityStatus::parse(&r.text(5)?)?,
        })
    }
}

// ---- opportunities -----------------------------------------------------------------------------

/// Opportunities without their lines and team (those live in their own tables).
impl Stored for Opportunity {
    const TABLE: &'static str = "opportunities";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "name",
        "account_id",
        "owner_id",
        "kind",
        "stage",
        "status",
        "probability_ppm",
        "forecast_category",
        "source",
        "lead_id",
        "created_on",
        "close_date",
        "currency",
        "amount_minor",
        "discount_ppm",
        "margin_ppm",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::from(self.name.as_str()),
            Value::Int(self.account.get()),
            Value::Int(self.owner.get()),
            Value::from(self.kind.as_str()),
            Value::from(self.stage.as_str()),
            Value::from(self.status.as_str()),
            Value::Int(self.probability.ppm()),
            Value::from(self.forecast_category.as_str()),
            Value::from(self.source.as_deref()),
            opt_id(self.lead.map(LeadId::get)),
            date(self.created_on),
            date(self.close_date),
            Value::from(self.amount.currency_code()),
            Value::Int(self.amount.minor()),
            Value::Int(self.discount.ppm()),
            opt_id(self.margin.map(Rate::ppm)),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Opportunity {
            id: OpportunityId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            name: r.text(3)?,
            account: AccountId(r.i64(4)?),
            owner: PersonId(r.i64(5)?),
            kind: OpportunityType::parse(&r.text(6)?)?,
            stage: r.text(7)?,
            status: OpportunityStatus::parse(&r.text(8)?)?,
            probability: Rate::from_ppm(r.i64(9)?),
            forecast_category: ForecastCategory::parse(&r.text(10)?)?,
            source: r.opt_text(11)?,
            lead: r.opt_i64(12)?.map(LeadId),
            created_on: r.date(13)?,
            close_date: r.date(14)?,
            amount: Money::from_minor(r.i64(16)?, currency(r, 15)?),
            discount: Rate::from_ppm(r.i64(17)?),
            margin: r.opt_i64(18)?.map(Rate::from_ppm),
            lines: Vec::new(),
            team: DealTeam::default(),
        })
    }
}

pub(crate) const LINE_COLUMNS: &[&str] = &[
    "id",
    "ext_system",
    "ext_id",
    "opportunity_id",
    "product_id",
    "quantity",
    "currency",
    "list_price_minor",
    "discount_ppm",
    "unit_cost_minor",
];

pub(crate) fn line_values(opportunity: OpportunityId, l: &OpportunityLine) -> Vec<Value<'_>> {
    let mut v = vec![Value::Int(l.id.get())];
    v.extend(ext(&l.external_id));
    v.extend([
        Value::Int(opportunity.get()),
        Value::Int(l.product.get()),
        Value::Int(l.quantity),
        Value::from(l.list_price.currency_code()),
        Value::Int(l.list_price.minor()),
        Value::Int(l.discount.ppm()),
        Value::Int(l.unit_cost.minor()),
    ]);
    v
}

/// Reads a line with the opportunity it belongs to.
pub(crate) fn line_from_row(r: &Row<'_>) -> StoreResult<(OpportunityId, OpportunityLine)> {
    let c = currency(r, 6)?;
    Ok((
        OpportunityId(r.i64(3)?),
        OpportunityLine {
            id: OpportunityLineId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            product: ProductId(r.i64(4)?),
            quantity: r.i64(5)?,
            list_price: Money::from_minor(r.i64(7)?, c),
            discount: Rate::from_ppm(r.i64(8)?),
            unit_cost: Money::from_minor(r.i64(9)?, c),
        },
    ))
}

pub(crate) const TEAM_COLUMNS: &[&str] =
    &["opportunity_id", "person_id", "role", "split_type", "split_ppm", "position"];

pub(crate) fn team_values(opportunity: OpportunityId, position: usize, m: &DealTeamMember) -> Vec<Value<'_>> {
    vec![
        Value::Int(opportunity.get()),
        Value::Int(m.person.get()),
        Value::from(m.role.as_str()),
        Value::from(m.split_type.as_str()),
        Value::Int(m.split.ppm()),
        Value::Int(position as i64),
    ]
}

pub(crate) fn team_member_from_row(r: &Row<'_>) -> StoreResult<(OpportunityId, DealTeamMember)> {
    Ok((
        OpportunityId(r.i64(0)?),
        DealTeamMember {
            person: PersonId(r.i64(1)?),
            role: r.text(2)?,
            split_type: SplitType::parse(&r.text(3)?)?,
            split: Rate::from_ppm(r.i64(4)?),
        },
    ))
}

impl Stored for OpportunityChange {
    const TABLE: &'static str = "opportunity_changes";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "opportunity_id",
        "changed_at",
        "changed_by",
        "stage",
        "status",
        "probability_ppm",
        "forecast_category",
        "currency",
        "amount_minor",
        "close_date",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::Int(self.opportunity.get()),
            timestamp(self.changed_at),
            opt_id(self.changed_by.map(PersonId::get)),
            Value::from(self.stage.as_str()),
            Value::from(self.status.as_str()),
            Value::Int(self.probability.ppm()),
            Value::from(self.forecast_category.as_str()),
            Value::from(self.amount.currency_code()),
            Value::Int(self.amount.minor()),
            date(self.close_date),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(OpportunityChange {
            id: OpportunityChangeId(r.i64(0)?),
            opportunity: OpportunityId(r.i64(1)?),
            changed_at: r.timestamp(2)?,
            changed_by: r.opt_i64(3)?.map(PersonId),
            stage: r.text(4)?,
            status: OpportunityStatus::parse(&r.text(5)?)?,
            probability: Rate::from_ppm(r.i64(6)?),
            forecast_category: ForecastCategory::parse(&r.text(7)?)?,
            amount: Money::from_minor(r.i64(9)?, currency(r, 8)?),
            close_date: r.date(10)?,
        })
    }
}

impl Stored for Lead {
    const TABLE: &'static str = "leads";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "name",
        "company",
        "email",
        "source",
        "status",
        "owner_id",
        "created_on",
        "converted_on",
        "converted_account_id",
        "converted_opportunity_id",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::from(self.name.as_str()),
            Value::from(self.company.as_deref()),
            Value::from(self.email.as_deref()),
            Value::from(self.source.as_deref()),
            Value::from(self.status.as_str()),
            opt_id(self.owner.map(PersonId::get)),
            date(self.created_on),
            Value::from(self.converted_on),
            opt_id(self.converted_account.map(AccountId::get)),
            opt_id(self.converted_opportunity.map(OpportunityId::get)),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Lead {
            id: LeadId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            name: r.text(3)?,
            company: r.opt_text(4)?,
            email: r.opt_text(5)?,
            source: r.opt_text(6)?,
            status: LeadStatus::parse(&r.text(7)?)?,
            owner: r.opt_i64(8)?.map(PersonId),
            created_on: r.date(9)?,
            converted_on: r.opt_date(10)?,
            converted_account: r.opt_i64(11)?.map(AccountId),
            converted_opportunity: r.opt_i64(12)?.map(OpportunityId),
        })
    }
}

impl Stored for Activity {
    const TABLE: &'static str = "activities";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "person_id",
        "account_id",
        "contact_id",
        "opportunity_id",
        "kind",
        "mode",
        "activity_date",
        "duration_minutes",
        "category",
        "outcome",
        "subject",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::Int(self.person.get()),
            opt_id(self.account.map(AccountId::get)),
            opt_id(self.contact.map(ContactId::get)),
            opt_id(self.opportunity.map(OpportunityId::get)),
            Value::from(self.kind.as_str()),
            Value::from(self.mode.as_str()),
            date(self.date),
            Value::Int(i64::from(self.duration_minutes)),
            Value::from(self.category.as_str()),
            Value::from(self.outcome.as_deref()),
            Value::from(self.subject.as_deref()),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Activity {
            id: ActivityId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            person: PersonId(r.i64(3)?),
            account: r.opt_i64(4)?.map(AccountId),
            contact: r.opt_i64(5)?.map(ContactId),
            opportunity: r.opt_i64(6)?.map(OpportunityId),
            kind: ActivityKind::parse(&r.text(7)?)?,
            mode: ContactMode::parse(&r.text(8)?)?,
            date: r.date(9)?,
            duration_minutes: int_column(r, 10, "duration")?,
            category: TimeCategory::parse(&r.text(11)?)?,
            outcome: r.opt_text(12)?,
            subject: r.opt_text(13)?,
        })
    }
}

impl Stored for Contract {
    const TABLE: &'static str = "contracts";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "ext_system",
        "ext_id",
        "account_id",
        "product_line_id",
        "start_date",
        "end_date",
        "currency",
        "annual_value_minor",
        "renewal_status",
        "renewal_opportunity_id",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let mut v = vec![Value::Int(self.id.get())];
        v.extend(ext(&self.external_id));
        v.extend([
            Value::Int(self.account.get()),
            opt_id(self.product_line.map(ProductLineId::get)),
            date(self.start),
            date(self.end),
            Value::from(self.annual_value.currency_code()),
            Value::Int(self.annual_value.minor()),
            Value::from(self.renewal_status.as_str()),
            opt_id(self.renewal_opportunity.map(OpportunityId::get)),
        ]);
        v
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Contract {
            id: ContractId(r.i64(0)?),
            external_id: read_ext(r, 1)?,
            account: AccountId(r.i64(3)?),
            product_line: r.opt_i64(4)?.map(ProductLineId),
            start: r.date(5)?,
            end: r.date(6)?,
            annual_value: Money::from_minor(r.i64(8)?, currency(r, 7)?),
            renewal_status: RenewalStatus::parse(&r.text(9)?)?,
            renewal_opportunity: r.opt_i64(10)?.map(OpportunityId),
        })
    }
}

impl Stored for Proposal {
    const TABLE: &'static str = "proposals";
    const COLUMNS: &'static [&'static str] = &["id", "opportunity_id", "sent_on", "currency", "amount_minor", "status"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::Int(self.opportunity.get()),
            date(self.sent_on),
            Value::from(self.amount.currency_code()),
            Value::Int(self.amount.minor()),
            Value::from(self.status.as_str()),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Proposal {
            id: ProposalId(r.i64(0)?),
            opportunity: OpportunityId(r.i64(1)?),
            sent_on: r.date(2)?,
            amount: Money::from_minor(r.i64(4)?, currency(r, 3)?),
            status: ProposalStatus::parse(&r.text(5)?)?,
        })
    }
}

// ---- plans -------------------------------------------------------------------------------------

impl Stored for Quota {
    const TABLE: &'static str = "quotas";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "person_id",
        "team_id",
        "period_kind",
        "fiscal_year",
        "period_index",
        "measure",
        "currency",
        "target_minor",
        "target_count",
    ];
    fn values(&self) -> Vec<Value<'_>> {
        let (person, team) = match self.owner {
            QuotaOwner::Person(p) => (Value::Int(p.get()), Value::Null),
            QuotaOwner::Team(t) => (Value::Null, Value::Int(t.get())),
        };
        let (currency, minor, count) = match &self.target {
            QuotaTarget::Money(m) => (Value::from(m.currency_code()), Value::Int(m.minor()), Value::Null),
            QuotaTarget::Count(n) => (Value::Null, Value::Null, Value::Int(*n)),
        };
        vec![
            Value::Int(self.id.get()),
            person,
            team,
            Value::from(self.period.kind().as_str()),
            Value::Int(i64::from(self.period.fiscal_year())),
            Value::Int(i64::from(self.period.index())),
            Value::from(self.measure.as_str()),
            currency,
            minor,
            count,
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        let owner = match (r.opt_i64(1)?, r.opt_i64(2)?) {
            (Some(p), _) => QuotaOwner::Person(PersonId(p)),
            (None, Some(t)) => QuotaOwner::Team(TeamId(t)),
            (None, None) => {
                return Err(StoreError::Decode {
                    column: 1,
                    expected: "quota owner".to_owned(),
                    detail: "NULL".to_owned(),
                });
            }
        };
        let year = int_column(r, 4, "fiscal year")?;
        let index = int_column(r, 5, "period index")?;
        let target = match r.opt_i64(8)? {
            Some(minor) => QuotaTarget::Money(Money::from_minor(minor, currency(r, 7)?)),
            None => QuotaTarget::Count(r.i64(9)?),
        };
        Ok(Quota {
            id: QuotaId(r.i64(0)?),
            owner,
            period: Period::new(PeriodKind::parse(&r.text(3)?)?, year, index)?,
            measure: Measure::parse(&r.text(6)?)?,
            target,
        })
    }
}

impl Stored for GeoUnit {
    const TABLE: &'static str = "geo_units";
    const COLUMNS: &'static [&'static str] = &["id", "kind", "code", "name", "region", "lat", "lon", "area_km2"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::from(self.kind.as_str()),
            Value::from(self.code.as_str()),
            Value::from(self.name.as_str()),
            Value::from(self.region.as_deref()),
            Value::from(self.centroid.map(|c| c.lat())),
            Value::from(self.centroid.map(|c| c.lon())),
            Value::from(self.area_km2),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(GeoUnit {
            id: GeoUnitId(r.i64(0)?),
            kind: GeoUnitKind::parse(&r.text(1)?)?,
            code: r.text(2)?,
            name: r.text(3)?,
            region: r.opt_text(4)?,
            centroid: coordinates(r, 5)?,
            area_km2: r.opt_f64(7)?,
        })
    }
}

impl Stored for Territory {
    const TABLE: &'static str = "territories";
    const COLUMNS: &'static [&'static str] = &["id", "name", "level", "parent_id"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::from(self.name.as_str()),
            Value::from(self.level.as_str()),
            opt_id(self.parent.map(TerritoryId::get)),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Territory {
            id: TerritoryId(r.i64(0)?),
            name: r.text(1)?,
            level: TerritoryLevel::parse(&r.text(2)?)?,
            parent: r.opt_i64(3)?.map(TerritoryId),
        })
    }
}

impl Stored for Alignment {
    const TABLE: &'static str = "alignments";
    const COLUMNS: &'static [&'static str] = &["id", "name", "status", "based_on_id", "created_on", "note"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::from(self.name.as_str()),
            Value::from(self.status.as_str()),
            opt_id(self.based_on.map(AlignmentId::get)),
            date(self.created_on),
            Value::from(self.note.as_deref()),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Alignment {
            id: AlignmentId(r.i64(0)?),
            name: r.text(1)?,
            status: AlignmentStatus::parse(&r.text(2)?)?,
            based_on: r.opt_i64(3)?.map(AlignmentId),
            created_on: r.date(4)?,
            note: r.opt_text(5)?,
        })
    }
}

impl Stored for CallPattern {
    const TABLE: &'static str = "call_patterns";
    const COLUMNS: &'static [&'static str] =
        &["id", "segment", "role", "channel", "mode", "calls", "per", "duration_minutes"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::from(self.segment.as_str()),
            Value::from(self.role.as_str()),
            Value::from(self.channel.as_str()),
            Value::from(self.mode.as_str()),
            Value::Int(i64::from(self.calls)),
            Value::from(self.per.as_str()),
            Value::Int(i64::from(self.duration_minutes)),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(CallPattern {
            id: CallPatternId(r.i64(0)?),
            segment: Segment::parse(&r.text(1)?)?,
            role: SalesRole::parse(&r.text(2)?)?,
            channel: Channel::parse(&r.text(3)?)?,
            mode: ContactMode::parse(&r.text(4)?)?,
            calls: int_column(r, 5, "calls")?,
            per: PeriodKind::parse(&r.text(6)?)?,
            duration_minutes: int_column(r, 7, "duration")?,
        })
    }
}

/// Reference clients without their circumstances (those live in their own table).
impl Stored for ReferenceClient {
    const TABLE: &'static str = "reference_clients";
    const COLUMNS: &'static [&'static str] = &["id", "account_id", "since", "until", "note"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::Int(self.account.get()),
            date(self.since),
            Value::from(self.until),
            Value::from(self.note.as_deref()),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(ReferenceClient {
            id: ReferenceClientId(r.i64(0)?),
            account: AccountId(r.i64(1)?),
            since: r.date(2)?,
            until: r.opt_date(3)?,
            circumstances: Vec::new(),
            note: r.opt_text(4)?,
        })
    }
}

impl Stored for ReferenceUse {
    const TABLE: &'static str = "reference_uses";
    const COLUMNS: &'static [&'static str] = &["id", "reference_id", "requested_by", "opportunity_id", "used_on"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::Int(self.reference.get()),
            Value::Int(self.requested_by.get()),
            opt_id(self.opportunity.map(OpportunityId::get)),
            date(self.used_on),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(ReferenceUse {
            id: ReferenceUseId(r.i64(0)?),
            reference: ReferenceClientId(r.i64(1)?),
            requested_by: PersonId(r.i64(2)?),
            opportunity: r.opt_i64(3)?.map(OpportunityId),
            used_on: r.date(4)?,
        })
    }
}

impl Stored for Training {
    const TABLE: &'static str = "trainings";
    const COLUMNS: &'static [&'static str] = &["id", "person_id", "course", "skill", "completed_on", "hours"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            Value::Int(self.person.get()),
            Value::from(self.course.as_str()),
            Value::from(self.skill.as_deref()),
            date(self.completed_on),
            Value::Int(i64::from(self.hours)),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(Training {
            id: TrainingId(r.i64(0)?),
            person: PersonId(r.i64(1)?),
            course: r.text(2)?,
            skill: r.opt_text(3)?,
            completed_on: r.date(4)?,
            hours: int_column(r, 5, "hours")?,
        })
    }
}

impl Stored for AuditEntry {
    const TABLE: &'static str = "audit_log";
    const COLUMNS: &'static [&'static str] = &["id", "at", "actor", "action", "entity", "entity_id", "detail"];
    fn values(&self) -> Vec<Value<'_>> {
        vec![
            Value::Int(self.id.get()),
            timestamp(self.at.naive_utc()),
            Value::from(self.actor.as_str()),
            Value::from(self.action.as_str()),
            Value::from(self.entity.as_str()),
            Value::from(self.entity_id.as_deref()),
            Value::from(self.detail.as_str()),
        ]
    }
    fn from_row(r: &Row<'_>) -> StoreResult<Self> {
        Ok(AuditEntry {
            id: AuditId(r.i64(0)?),
            at: r.timestamp(1)?.and_utc(),
            actor: r.text(2)?,
            action: r.text(3)?,
            entity: r.text(4)?,
            entity_id: r.opt_text(5)?,
            detail: r.text(6)?,
        })
    }
}
