//! The generator: organisation, geography and territories, accounts and contacts, leads and
//! opportunities with history, contracts and renewals, activities, quotas, references and
//! training — in that order, each from its own random stream.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use sutton_domain::*;

use crate::names::*;
use crate::rng::{Rng, Table};
use crate::{DemoConfig, ORGANISATION_NAME, Scale};

// ---- the catalogue ------------------------------------------------------------------------

struct LineSpec {
    name: &'static str,
    /// Median days from creation to close.
    cycle_days: f64,
    products: &'static [ProductSpec],
}

struct ProductSpec {
    name: &'static str,
    code: &'static str,
    list_cents: i64,
    cost_cents: i64,
    qty: (i64, i64),
    /// Sold as an annual subscription: a win becomes a contract that comes up for renewal.
    recurring: bool,
}

const SENSORS: usize = 0;
const GATEWAYS: usize = 1;
const CLOUD: usize = 2;
const PDM: usize = 3;
const SERVICES: usize = 4;
const SUPPORT: usize = 5;

const LINES: &[LineSpec] = &[
    LineSpec {
        name: "Sensors",
        cycle_days: 35.0,
        products: &[
            ProductSpec {
                name: "S1 vibration sensor",
                code: "S1",
                list_cents: 48_000,
                cost_cents: 23_000,
                qty: (10, 240),
                recurring: false,
            },
            ProductSpec {
                name: "S3 multi-sensor",
                code: "S3",
                list_cents: 125_000,
                cost_cents: 56_000,
                qty: (5, 120),
                recurring: false,
            },
        ],
    },
    LineSpec {
        name: "Gateways",
        cycle_days: 55.0,
        products: &[
            ProductSpec {
                name: "G2 edge gateway",
                code: "G2",
                list_cents: 390_000,
                cost_cents: 205_000,
                qty: (1, 20),
                recurring: false,
            },
            ProductSpec {
                name: "G5 industrial gateway",
                code: "G5",
                list_cents: 980_000,
                cost_cents: 470_000,
                qty: (1, 12),
                recurring: false,
            },
        ],
    },
    LineSpec {
        name: "Analytics Cloud",
        cycle_days: 80.0,
        products: &[
            ProductSpec {
                name: "Analytics Cloud Standard (annual)",
                code: "AC-STD",
                list_cents: 1_800_000,
                cost_cents: 310_000,
                qty: (1, 3),
                recurring: true,
            },
            ProductSpec {
                name: "Analytics Cloud Enterprise (annual)",
                code: "AC-ENT",
                list_cents: 7_200_000,
                cost_cents: 1_080_000,
                qty: (1, 3),
                recurring: true,
            },
        ],
    },
    LineSpec {
        name: "Predictive Maintenance",
        cycle_days: 160.0,
        products: &[ProductSpec {
            name: "PdM Suite (annual)",
            code: "PDM",
            list_cents: 14_500_000,
            cost_cents: 3_400_000,
            qty: (1, 2),
            recurring: true,
        }],
    },
    LineSpec {
        name: "Services",
        cycle_days: 25.0,
        products: &[ProductSpec {
            name: "Implementation day",
            code: "SVC-DAY",
            list_cents: 195_000,
            cost_cents: 120_000,
            qty: (5, 60),
            recurring: false,
        }],
    },
    LineSpec {
        name: "Training & Support",
        cycle_days: 20.0,
        products: &[
            ProductSpec {
                name: "Premium support (annual)",
                code: "SUP-PRM",
                list_cents: 1_250_000,
                cost_cents: 460_000,
                qty: (1, 3),
                recurring: true,
            },
            ProductSpec {
                name: "Operator training seat",
                code: "TRN-SEAT",
                list_cents: 290_000,
                cost_cents: 110_000,
                qty: (2, 20),
                recurring: false,
            },
        ],
    },
];

/// (name, probability %, forecast category, status) in process order; the last two close.
const STAGES: &[(&str, i64, ForecastCategory, OpportunityStatus)] = &[
    ("Prospecting", 10, ForecastCategory::Pipeline, OpportunityStatus::Open),
    ("Qualification", 20, ForecastCategory::Pipeline, OpportunityStatus::Open),
    ("Solution", 40, ForecastCategory::BestCase, OpportunityStatus::Open),
    ("Proposal", 60, ForecastCategory::BestCase, OpportunityStatus::Open),
    ("Negotiation", 80, ForecastCategory::Commit, OpportunityStatus::Open),
    ("Closed Won", 100, ForecastCategory::Closed, OpportunityStatus::Won),
    ("Closed Lost", 0, ForecastCategory::Omitted, OpportunityStatus::Lost),
];
const OPEN_STAGES: usize = 5;
const WON: usize = 5;
const LOST: usize = 6;

// ---- the organisation ---------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    Company,
    FieldSales,
    FieldEast,
    FieldWest,
    Inside,
    KeyAccounts,
    LeadGeneration,
    CustomerSuccess,
    SalesEngineering,
}

/// A team of the organisation and who is in it.
struct TeamSpec {
    unit: Unit,
    name: &'static str,
    parent: Option<Unit>,
    /// The role of its members (its leader is a manager, or the VP for the company).
    role: SalesRole,
    channel: Option<Channel>,
    /// Members at scale factor 1.
    members: usize,
}

const TEAMS: &[TeamSpec] = &[
    TeamSpec {
        unit: Unit::Company,
        name: "Borealis Sales",
        parent: None,
        role: SalesRole::Vp,
        channel: Some(Channel::Field),
        members: 0,
    },
    TeamSpec {
        unit: Unit::FieldSales,
        name: "Field Sales",
        parent: Some(Unit::Company),
        role: SalesRole::Manager,
        channel: Some(Channel::Field),
        members: 0,
    },
    TeamSpec {
        unit: Unit::FieldEast,
        name: "Field East",
        parent: Some(Unit::FieldSales),
        role: SalesRole::AccountExecutive,
        channel: Some(Channel::Field),
        members: 8,
    },
    TeamSpec {
        unit: Unit::FieldWest,
        name: "Field West",
        parent: Some(Unit::FieldSales),
        role: SalesRole::AccountExecutive,
        channel: Some(Channel::Field),
        members: 8,
    },
    TeamSpec {
        unit: Unit::Inside,
        name: "Inside Sales",
        parent: Some(Unit::Company),
        role: SalesRole::AccountExecutive,
        channel: Some(Channel::Inside),
        members: 10,
    },
    TeamSpec {
        unit: Unit::KeyAccounts,
        name: "Key Accounts",
        parent: Some(Unit::Company),
        role: SalesRole::AccountExecutive,
        channel: Some(Channel::Field),
        members: 4,
    },
    TeamSpec {
        unit: Unit::LeadGeneration,
        name: "Lead Generation",
        parent: Some(Unit::Company),
        role: SalesRole::LeadGeneration,
        channel: Some(Channel::Inside),
        members: 8,
    },
    TeamSpec {
        unit: Unit::CustomerSuccess,
        name: "Customer Success",
        parent: Some(Unit::Company),
        role: SalesRole::CustomerSuccess,
        channel: Some(Channel::Inside),
        members: 8,
    },
    TeamSpec {
        unit: Unit::SalesEngineering,
        name: "Sales Engineering",
        parent: Some(Unit::Company),
        role: SalesRole::SalesEngineer,
        channel: Some(Channel::Field),
        members: 6,
    },
];

/// What the generator knows about a person beyond the record.
#[derive(Debug, Clone)]
struct Profile {
    unit: Unit,
    /// Win-rate multiplier around 1.
    skill: f64,
    /// Typical discount as a share of list.
    discount: f64,
    /// Share of working time in direct selling.
    direct_share: f64,
    /// Months from hire to full productivity; the first win comes no earlier than this.
    ramp_months: f64,
    in_cohort: bool,
    /// Field reps' region (true = East) for homes and SDR coverage.
    east: bool,
}

struct Params {
    accounts: usize,
    people_factor: usize,
    opp_rate: f64,
    lead_rate: f64,
    activity_rate: f64,
    /// Activities are generated for this many days before the as-of date.
    activity_days: i64,
}

fn params(scale: Scale) -> Params {
    match scale {
        Scale::Small => Params {
            accounts: 2_000,
            people_factor: 1,
            opp_rate: 0.35,
            lead_rate: 0.35,
            activity_rate: 0.12,
            activity_days: 365,
        },
        Scale::Default => Params {
            accounts: 20_000,
            people_factor: 1,
            opp_rate: 1.0,
            lead_rate: 1.0,
            activity_rate: 1.0,
            activity_days: 3 * 365,
        },
        Scale::Large => Params {
            accounts: 200_000,
            people_factor: 10,
            opp_rate: 6.3,
            lead_rate: 6.0,
            activity_rate: 1.75,
            activity_days: 3 * 365,
        },
    }
}

// ---- accounts -----------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    A,
    B,
    C,
}

struct AccountInfo {
    county: usize,
    east: bool,
    potential_cents: i64,
    /// A, B or C within its owner's book by cumulative potential.
    class: Class,
    /// The customer-success manager who renews it, once it is a customer.
    csm: Option<PersonId>,
    key: bool,
    contacts: Vec<ContactId>,
}

struct CountyInfo {
    unit: GeoUnitId,
    x: f64,
    y: f64,
    east: bool,
    zip_count: usize,
    city: String,
    state: String,
}

// ---- opportunities in the making ----------------------------------------------------------

struct DealPlan {
    account: AccountId,
    owner: PersonId,
    kind: OpportunityType,
    created: NaiveDate,
    line: usize,
    source: Option<String>,
    lead: Option<LeadId>,
    /// Force the outcome (renewals decided elsewhere, planted deals).
    outcome: Option<bool>,
    /// Multiplies quantities (key accounts buy more).
    size: f64,
    cycle_days: Option<f64>,
    /// A renewal's price: one subscription line at this annual value, no discount.
    fixed_price: Option<i64>,
}

pub(crate) struct Generator {
    config: DemoConfig,
    p: Params,
    rng: Rng,
    start: NaiveDate,
    d: Dataset,
    profiles: Vec<Profile>,
    counties: Vec<CountyInfo>,
    accounts: Vec<AccountInfo>,
    products: Vec<Vec<ProductId>>,
    /// Won opportunities that became contracts, processed for renewals later.
    contract_queue: Vec<ContractId>,
    next_change: i64,
    next_line: i64,
    next_activity: i64,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = NaiveDate::from_ymd_opt(y + i32::from(m == 12), m % 12 + 1, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day());
    day(y, m, date.day().min(last))
}

fn cents(c: i64) -> Money {
    Money::from_minor(c, Currency::USD)
}

fn quarter_start(d: NaiveDate) -> NaiveDate {
    day(d.year(), (d.month0() / 3) * 3 + 1, 1)
}

impl Generator {
    pub(crate) fn new(config: &DemoConfig) -> Generator {
        let as_of = config.as_of;
        // Three years of history, from the first of the month.
        let start = day(as_of.year() - 3, as_of.month(), 1);
        Generator {
            config: *config,
            p: params(config.scale),
            rng: Rng::new(config.seed),
            start,
            d: Dataset::default(),
            profiles: Vec::new(),
            counties: Vec::new(),
            accounts: Vec::new(),
            products: Vec::new(),
            contract_queue: Vec::new(),
            next_change: 1,
            next_line: 1,
            next_activity: 1,
        }
    }

    pub(crate) fn run(mut self, progress: &mut dyn FnMut(&str)) -> Dataset {
        self.d.organisation = Organisation {
            name: ORGANISATION_NAME.to_owned(),
            currency: Currency::USD,
            calendar: FiscalCalendar::default(),
        };
        progress("catalogue and sales stages");
        self.catalogue();
        progress("counties and their borders");
        self.geography();
        progress("teams and people");
        self.people();
        progress("accounts and contacts");
        self.accounts();
        progress("territories");
        self.territories();
        progress("customers' existing contracts");
        self.legacy_contracts();
        progress("leads and opportunities");
        self.opportunities();
        progress("contracts and renewals");
        self.renewals();
        progress("account status");
        self.account_status();
        progress("quotas");
        self.quotas();
        progress("activities");
        self.activities();
        progress("references, training and call patterns");
        self.references();
        self.trainings();
        self.call_patterns();
        self.d
    }

    fn as_of(&self) -> NaiveDate {
        self.config.as_of
    }

    // ---- catalogue --------------------------------------------------------------------------

    fn catalogue(&mut self) {
        let mut product_id = 1;
        for (i, line) in LINES.iter().enumerate() {
            let line_id = ProductLineId(i as i64 + 1);
            self.d.product_lines.push(ProductLine { id: line_id, external_id: None, name: line.name.to_owned() });
            let mut ids = Vec::new();
            for spec in line.products {
                self.d.products.push(Product {
                    id: ProductId(product_id),
                    external_id: None,
                    name: spec.name.to_owned(),
                    code: Some(spec.code.to_owned()),
                    line: line_id,
                    list_price: cents(spec.list_cents),
                    unit_cost: cents(spec.cost_cents),
                    active: true,
                });
                ids.push(ProductId(product_id));
                product_id += 1;
            }
            self.products.push(ids);
        }
        for (i, (name, probability, category, status)) in STAGES.iter().enumerate() {
            self.d.stages.push(Stage {
                id: StageId(i as i64 + 1),
                name: (*name).to_owned(),
                sort_order: i as i32 + 1,
                probability: Rate::from_percent(*probability),
                forecast_category: *category,
                status: *status,
            });
        }
    }

    // ---- geography ----------------------------------------------------------------------------

    fn geography(&mut self) {
        let graph = sutton_geo::us_counties(sutton_geo::Scope::Contiguous);
        let zips = sutton_geo::zip_codes();
        let mut zip_count: HashMap<&str, usize> = HashMap::new();
        let mut cities: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
        for z in zips.iter() {
            if let Some(f) = &z.county_fips {
                *zip_count.entry(f.as_str()).or_default() += 1;
                *cities.entry(f.as_str()).or_default().entry(z.city.as_str()).or_default() += 1;
            }
        }
        for (i, c) in graph.counties.iter().enumerate() {
            let unit = GeoUnitId(i as i64 + 1);
            let city = cities
                .get(c.fips.as_str())
                .and_then(|m| m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(c, _)| (*c).to_owned()))
                .unwrap_or_else(|| c.name.clone());
            self.d.geo_units.push(GeoUnit {
                id: unit,
                kind: GeoUnitKind::County,
                code: c.fips.clone(),
                name: format!("{}, {}", c.name, c.state),
                region: Some(c.state.clone()),
                centroid: LatLon::new(c.lat, c.lon).ok(),
                area_km2: Some((c.area_km2 * 10.0).round() / 10.0),
            });
            self.counties.push(CountyInfo {
                unit,
                x: c.x_km,
                y: c.y_km,
                east: c.lon > -90.0,
                zip_count: zip_count.get(c.fips.as_str()).copied().unwrap_or(0),
                city,
                state: c.state.clone(),
            });
        }
        for (u, v, _) in &graph.edges {
            if let Ok(e) = GeoEdge::new(GeoUnitId(i64::from(*u) + 1), GeoUnitId(i64::from(*v) + 1)) {
                self.d.geo_edges.push(e);
            }
        }
    }

    // ---- people ------------------------------------------------------------------------------

    fn people(&mut self) {
        let mut rng = self.rng.fork("people");
        let as_of = self.as_of();
        let factor = self.p.people_factor;
        let mut team_ids: HashMap<Unit, TeamId> = HashMap::new();
        let mut managers: HashMap<Unit, PersonId> = HashMap::new();
        let mut used_names = std::collections::HashSet::new();
        for (i, spec) in TEAMS.iter().enumerate() {
            let id = TeamId(i as i64 + 1);
            team_ids.insert(spec.unit, id);
            let parent = spec.parent.and_then(|p| team_ids.get(&p).copied());
            self.d.teams.push(Team { id, name: spec.name.to_owned(), parent, manager: None });
        }
        let hq = Location {
            country: Some("US".to_owned()),
            postal_code: Some("55401".to_owned()),
            city: Some("Minneapolis".to_owned()),
            region: Some("MN".to_owned()),
            coordinates: LatLon::new(44.9833, -93.2667).ok(),
            geo_unit: self.unit_of_fips("27053"),
        };
        let cohort_start = day(2025, 2, 3);
        for TeamSpec { unit, role: member_role, channel, members: count, .. } in TEAMS {
            // The leader of each team: the VP for the company, a manager elsewhere.
            let leader_role = if *unit == Unit::Company { SalesRole::Vp } else { SalesRole::Manager };
            let leader = self.add_person(
                &mut rng,
                &mut used_names,
                leader_role,
                *channel,
                *unit,
                &team_ids,
                &managers,
                &hq,
                None,
            );
            managers.insert(*unit, leader);
            if let Some(t) = team_ids.get(unit) {
                self.d.teams[(t.0 - 1) as usize].manager = Some(leader);
            }
            for n in 0..count * factor {
                let id = self.add_person(
                    &mut rng,
                    &mut used_names,
                    *member_role,
                    *channel,
                    *unit,
                    &team_ids,
                    &managers,
                    &hq,
                    Some(n),
                );
                let i = (id.0 - 1) as usize;
                let story_index = n % count.max(&1);
                let block = n / count.max(&1);
                // Planted people live in the first block of each team.
                if block == 0 {
                    match (unit, story_index) {
                        (Unit::FieldEast, 2) => {
                            self.profiles[i].discount = 0.30;
                        }
                        (Unit::FieldWest, 5) => {
                            self.d.people[i].leave_date = Some(as_of - Duration::days(93));
                        }
                        (Unit::Inside, 3) | (Unit::Inside, 7) | (Unit::FieldEast, 6) => {
                            self.profiles[i].direct_share = 0.36 + rng.f64() * 0.08;
                        }
                        _ => {}
                    }
                    // The 2025 hire cohort: two field reps and four inside reps.
                    let cohort = matches!(
                        (unit, story_index),
                        (Unit::FieldEast, 7) | (Unit::FieldWest, 7) | (Unit::Inside, 6..=9)
                    );
                    if cohort {
                        // Two intakes: early February and early March.
                        let intake = if story_index >= 8 { 28 } else { 0 };
                        let hired = cohort_start + Duration::days(intake + rng.range(0, 7));
                        self.d.people[i].hire_date = Some(hired);
                        let fast =
                            matches!((unit, story_index), (Unit::FieldEast, 7) | (Unit::Inside, 6) | (Unit::Inside, 8));
                        self.profiles[i].ramp_months = if fast { 4.0 } else { 10.0 };
                        self.profiles[i].in_cohort = true;
                    }
                }
            }
        }
    }

    #[expect(clippy::too_many_arguments, reason = "one call site per kind of person; a struct would only rename them")]
    fn add_person(
        &mut self,
        rng: &mut Rng,
        used: &mut std::collections::HashSet<String>,
        role: SalesRole,
        channel: Option<Channel>,
        unit: Unit,
        teams: &HashMap<Unit, TeamId>,
        managers: &HashMap<Unit, PersonId>,
        hq: &Location,
        index: Option<usize>,
    ) -> PersonId {
        let id = PersonId(self.d.people.len() as i64 + 1);
        let name = loop {
            let candidate = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
            if used.insert(candidate.clone()) {
                break candidate;
            }
        };
        let email = format!("{}@borealis.example", name.to_ascii_lowercase().replace(' ', "."));
        let manager = match index {
            Some(_) => managers.get(&unit).copied(),
            None => {
                TEAMS.iter().find(|t| t.unit == unit).and_then(|t| t.parent).and_then(|p| managers.get(&p).copied())
            }
        };
        let east = match unit {
            Unit::FieldEast => true,
            Unit::FieldWest => false,
            _ => index.is_some_and(|i| i % 2 == 0),
        };
        let hired = day(rng.range(2015, 2023) as i32, rng.range(1, 12) as u32, rng.range(1, 28) as u32);
        let capacity = if rng.chance(0.06) { Person::FULL_WEEK_MINUTES * 3 / 4 } else { Person::FULL_WEEK_MINUTES };
        self.d.people.push(Person {
            id,
            external_id: None,
            name,
            email: Some(email),
            role,
            channel,
            team: teams.get(&unit).copied(),
            manager,
            home: hq.clone(),
            hire_date: Some(hired),
            leave_date: None,
            weekly_capacity_minutes: capacity,
            placeholder: false,
        });
        self.profiles.push(Profile {
            unit,
            skill: (1.0 + 0.15 * rng.normal()).clamp(0.6, 1.45),
            discount: 0.05 + rng.f64() * 0.07,
            direct_share: 0.56 + rng.f64() * 0.09,
            ramp_months: 3.0,
            in_cohort: false,
            east,
        });
        id
    }

    fn unit_of_fips(&self, fips: &str) -> Option<GeoUnitId> {
        self.d.geo_units.iter().find(|u| u.code == fips).map(|u| u.id)
    }

    fn members(&self, unit: Unit) -> Vec<PersonId> {
        self.d
            .people
            .iter()
            .zip(&self.profiles)
            .filter(|(p, pr)| pr.unit == unit && p.role != SalesRole::Manager && p.role != SalesRole::Vp)
            .map(|(p, _)| p.id)
            .collect()
    }

    fn person(&self, id: PersonId) -> &Person {
        &self.d.people[(id.0 - 1) as usize]
    }

    fn profile(&self, id: PersonId) -> &Profile {
        &self.profiles[(id.0 - 1) as usize]
    }

    /// Working and not yet gone on `date`.
    fn active(&self, id: PersonId, date: NaiveDate) -> bool {
        self.person(id).is_active_on(date)
    }

    // ---- accounts and contacts ---------------------------------------------------------------

    fn accounts(&mut self) {
        let mut rng = self.rng.fork("accounts");
        let zips = sutton_geo::zip_codes();
        let fips_index: HashMap<&str, usize> =
            self.d.geo_units.iter().enumerate().map(|(i, u)| (u.code.as_str(), i)).collect();
        let placeable: Vec<(&sutton_geo::ZipCode, usize)> = zips
            .iter()
            .filter_map(|z| z.county_fips.as_deref().and_then(|f| fips_index.get(f)).map(|&i| (z, i)))
            .collect();
        let industry_table = Table::new(INDUSTRIES.iter().map(|i| i.1));
        let mut used_names = std::collections::HashSet::new();
        let start = self.start;
        for n in 0..self.p.accounts {
            let (zip, county) = placeable[rng.below(placeable.len() as u64) as usize];
            let (industry, _, suffixes) = INDUSTRIES[industry_table.draw(&mut rng)];
            let base = format!("{} {}", rng.pick(COMPANY_STEMS), rng.pick(suffixes));
            let name = if used_names.insert(base.clone()) {
                base
            } else {
                let with_city = format!("{base} of {}", title_case(&zip.city));
                if used_names.insert(with_city.clone()) { with_city } else { format!("{base} #{}", n + 1) }
            };
            let employees = rng.lognormal(140.0, 1.25).clamp(5.0, 90_000.0).round() as u32;
            let revenue = (f64::from(employees) * rng.lognormal(230_000.0, 0.35) / 1000.0).round() as i64 * 1000 * 100;
            let potential =
                ((f64::from(employees) * rng.lognormal(700.0, 0.7)).max(4_000.0) / 100.0).round() as i64 * 100 * 100;
            let id = AccountId(n as i64 + 1);
            let created = start - Duration::days(rng.range(30, 6 * 365));
            self.d.accounts.push(Account {
                id,
                external_id: None,
                name,
                status: AccountStatus::Prospect,
                industry: Some(industry.to_owned()),
                employees: Some(employees),
                annual_revenue: Some(cents(revenue)),
                potential: Some(cents(potential)),
                location: Location {
                    country: Some("US".to_owned()),
                    postal_code: Some(zip.zip.clone()),
                    city: Some(title_case(&zip.city)),
                    region: Some(zip.state.clone()),
                    coordinates: LatLon::new(zip.lat, zip.lon).ok(),
                    geo_unit: Some(self.counties[county].unit),
                },
                owner: None,
                parent: None,
                created_on: Some(created),
            });
            self.accounts.push(AccountInfo {
                county,
                east: self.counties[county].east,
                potential_cents: potential,
                class: Class::C,
                csm: None,
                key: false,
                contacts: Vec::new(),
            });
        }
        // Key accounts: the largest by potential, shared among the key-account managers.
        let mut by_potential: Vec<usize> = (0..self.accounts.len()).collect();
        by_potential
            .sort_by(|a, b| self.accounts[*b].potential_cents.cmp(&self.accounts[*a].potential_cents).then(a.cmp(b)));
        let kams = self.members(Unit::KeyAccounts);
        let key_count = (self.accounts.len() * 6 / 1000).max(12);
        for (k, &i) in by_potential.iter().take(key_count).enumerate() {
            self.accounts[i].key = true;
            self.d.accounts[i].owner = Some(kams[k % kams.len()]);
        }
        // Initial customers, more likely among the large.
        for (rank, &i) in by_potential.iter().enumerate() {
            let p = if self.accounts[i].key {
                0.7
            } else if rank < self.accounts.len() / 4 {
                0.28
            } else {
                0.1
            };
            if rng.chance(p) {
                self.d.accounts[i].status = AccountStatus::Customer;
            }
        }
        self.contacts(&mut rng);
    }

    fn contacts(&mut self, rng: &mut Rng) {
        let roles = [
            BuyingRole::DecisionMaker,
            BuyingRole::EconomicBuyer,
            BuyingRole::TechnicalBuyer,
            BuyingRole::Champion,
            BuyingRole::Influencer,
            BuyingRole::User,
        ];
        let mut next = 1;
        for i in 0..self.d.accounts.len() {
            let key = self.accounts[i].key;
            // Story 5: about a third of key accounts hang on one contact.
            let count = if key {
                if rng.chance(0.34) { 1 } else { rng.range(3, 8) }
            } else if rng.chance(0.22) {
                1
            } else {
                rng.range(2, 5)
            };
            let domain = self.d.accounts[i]
                .name
                .to_ascii_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(18)
                .collect::<String>();
            for c in 0..count {
                let first = rng.pick(FIRST_NAMES);
                let last = rng.pick(LAST_NAMES);
                let id = ContactId(next);
                next += 1;
                self.d.contacts.push(Contact {
                    id,
                    external_id: None,
                    account: Some(self.d.accounts[i].id),
                    name: format!("{first} {last}"),
                    title: Some((*rng.pick(TITLES)).to_owned()),
                    email: Some(format!(
                        "{}.{}@{domain}.example",
                        first.to_ascii_lowercase(),
                        last.to_ascii_lowercase()
                    )),
                    phone: Some(format!("+1 {:03} 555 {:04}", rng.range(201, 989), rng.range(0, 9999))),
                    buying_role: Some(if c == 0 { BuyingRole::DecisionMaker } else { *rng.pick(&roles) }),
                    engaged: c == 0 || rng.chance(0.55),
                });
                self.accounts[i].contacts.push(id);
            }
        }
    }

    // ---- territories -------------------------------------------------------------------------

    /// Field territories: each region's counties in Hilbert-curve order, cut into runs for its
    /// reps with deliberately unequal shares (story 9). Smaller accounts go to inside reps by
    /// state; customers get a customer-success manager by state.
    fn territories(&mut self) {
        let mut rng = self.rng.fork("territories");
        // Field-eligible: non-key accounts in the top 40 % by potential.
        let mut potentials: Vec<i64> = self.accounts.iter().filter(|a| !a.key).map(|a| a.potential_cents).collect();
        potentials.sort_unstable();
        let threshold = potentials.get(potentials.len() * 6 / 10).copied().unwrap_or(0);
        let mut accounts_in_county = vec![0usize; self.counties.len()];
        for a in self.accounts.iter().filter(|a| !a.key && a.potential_cents >= threshold) {
            accounts_in_county[a.county] += 1;
        }
        let (min_x, min_y) = self.counties.iter().fold((f64::MAX, f64::MAX), |(x, y), c| (x.min(c.x), y.min(c.y)));
        let span = self.counties.iter().fold(1.0_f64, |s, c| s.max(c.x - min_x).max(c.y - min_y));
        let mut county_rep: Vec<Option<PersonId>> = vec![None; self.counties.len()];
        let mut region_territories = Vec::new();
        let alignment = AlignmentId(1);
        self.d.alignments.push(Alignment {
            id: alignment,
            name: format!("FY{} alignment", self.as_of().year()),
            status: AlignmentStatus::Current,
            based_on: None,
            created_on: day(self.as_of().year(), 1, 5),
            note: Some("Drawn by hand from last year's map; never rebalanced.".to_owned()),
        });
        for (unit, east, region_name) in [(Unit::FieldEast, true, "East"), (Unit::FieldWest, false, "West")] {
            let reps = self.members(unit);
            let region = TerritoryId(self.d.territories.len() as i64 + 1);
            self.d.territories.push(Territory {
                id: region,
                name: format!("{region_name} region"),
                level: TerritoryLevel::Region,
                parent: None,
            });
            region_territories.push(region);
            let mut order: Vec<usize> = (0..self.counties.len()).filter(|&i| self.counties[i].east == east).collect();
            order.sort_by_key(|&i| {
                hilbert(1 << 12, (self.counties[i].x - min_x) / span, (self.counties[i].y - min_y) / span)
            });
            // Story 9: the heaviest territory carries about three times the lightest.
            let mut weights: Vec<f64> =
                (0..reps.len()).map(|i| [3.0, 2.5, 2.0, 1.6, 1.3, 1.1, 1.0, 1.0][i % 8]).collect();
            rng.shuffle(&mut weights);
            let total_weight: f64 = weights.iter().sum();
            let total_accounts: usize = order.iter().map(|&i| accounts_in_county[i]).sum();
            let mut cumulative = 0usize;
            let mut rep_index = 0;
            let mut bound = weights[0] / total_weight * total_accounts as f64;
            let mut runs: Vec<Vec<usize>> = vec![Vec::new(); reps.len()];
            for &c in &order {
                while rep_index + 1 < reps.len() && cumulative as f64 >= bound {
                    rep_index += 1;
                    bound += weights[rep_index] / total_weight * total_accounts as f64;
                }
                cumulative += accounts_in_county[c];
                runs[rep_index].push(c);
                county_rep[c] = Some(reps[rep_index]);
            }
            for (r, run) in runs.iter().enumerate() {
                let rep = reps[r];
                // The rep lives in the territory's county with the most ZIP codes.
                let home = run.iter().copied().max_by_key(|&c| (self.counties[c].zip_count, std::cmp::Reverse(c)));
                let territory = TerritoryId(self.d.territories.len() as i64 + 1);
                let city =
                    home.map(|c| format!("{}, {}", self.counties[c].city, self.counties[c].state)).unwrap_or_default();
                self.d.territories.push(Territory {
                    id: territory,
                    name: format!("{region_name} {} – {city}", r + 1),
                    level: TerritoryLevel::Territory,
                    parent: Some(region),
                });
                if let Some(h) = home {
                    let g = &self.d.geo_units[h];
                    let person = &mut self.d.people[(rep.0 - 1) as usize];
                    person.home = Location {
                        country: Some("US".to_owned()),
                        postal_code: None,
                        city: Some(self.counties[h].city.clone()),
                        region: Some(self.counties[h].state.clone()),
                        coordinates: g.centroid,
                        geo_unit: Some(g.id),
                    };
                }
                for &c in run {
                    self.d.territory_assignments.push(TerritoryAssignment {
                        alignment,
                        unit: AlignedUnit::Geo(self.counties[c].unit),
                        territory,
                        locked: false,
                    });
                }
                self.d.territory_reps.push(TerritoryRep { alignment, territory, person: rep });
            }
        }
        // Key accounts as named accounts in one territory per key-account manager.
        let key_region = TerritoryId(self.d.territories.len() as i64 + 1);
        self.d.territories.push(Territory {
            id: key_region,
            name: "Key accounts".to_owned(),
            level: TerritoryLevel::Region,
            parent: None,
        });
        let mut key_territory: HashMap<PersonId, TerritoryId> = HashMap::new();
        for kam in self.members(Unit::KeyAccounts) {
            let t = TerritoryId(self.d.territories.len() as i64 + 1);
            let name = format!("Key accounts – {}", self.person(kam).name);
            self.d.territories.push(Territory {
                id: t,
                name,
                level: TerritoryLevel::Territory,
                parent: Some(key_region),
            });
            self.d.territory_reps.push(TerritoryRep { alignment, territory: t, person: kam });
            key_territory.insert(kam, t);
        }
        let inside = self.members(Unit::Inside);
        let csms = self.members(Unit::CustomerSuccess);
        let states: Vec<String> = {
            let mut s: Vec<String> = self.counties.iter().map(|c| c.state.clone()).collect();
            s.sort();
            s.dedup();
            s
        };
        let state_index: HashMap<&str, usize> = states.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
        for i in 0..self.accounts.len() {
            let state_i = state_index.get(self.counties[self.accounts[i].county].state.as_str()).copied().unwrap_or(0);
            if self.accounts[i].key {
                if let Some(owner) = self.d.accounts[i].owner
                    && let Some(&t) = key_territory.get(&owner)
                {
                    self.d.territory_assignments.push(TerritoryAssignment {
                        alignment,
                        unit: AlignedUnit::Account(self.d.accounts[i].id),
                        territory: t,
                        locked: true,
                    });
                }
            } else if self.accounts[i].potential_cents >= threshold {
                self.d.accounts[i].owner = county_rep[self.accounts[i].county];
            } else {
                // Inside reps cover small accounts by state, with a little spread so no rep
                // depends on one state.
                self.d.accounts[i].owner = Some(inside[(state_i * 3 + i % 3) % inside.len()]);
            }
            self.accounts[i].csm = Some(csms[(state_i + i % 2) % csms.len()]);
        }
        // A, B, C within each owner's book by cumulative potential (50 % / 80 %).
        let mut books: BTreeMap<PersonId, Vec<usize>> = BTreeMap::new();
        for (i, a) in self.d.accounts.iter().enumerate() {
            if let Some(o) = a.owner {
                books.entry(o).or_default().push(i);
            }
        }
        for book in books.values_mut() {
            book.sort_by(|a, b| {
                self.accounts[*b].potential_cents.cmp(&self.accounts[*a].potential_cents).then(a.cmp(b))
            });
            let total: i64 = book.iter().map(|&i| self.accounts[i].potential_cents).sum();
            let mut running = 0;
            for &i in book.iter() {
                let share = running as f64 / total.max(1) as f64;
                self.accounts[i].class = if share < 0.5 {
                    Class::A
                } else if share < 0.8 {
                    Class::B
                } else {
                    Class::C
                };
                running += self.accounts[i].potential_cents;
            }
        }
    }

    // ---- contracts that predate the history --------------------------------------------------

    fn legacy_contracts(&mut self) {
        let mut rng = self.rng.fork("legacy contracts");
        let start = self.start;
        for i in 0..self.d.accounts.len() {
            if self.d.accounts[i].status != AccountStatus::Customer {
                continue;
            }
            for _ in 0..rng.range(1, 2) {
                let line = [CLOUD, CLOUD, SUPPORT, PDM][rng.below(4) as usize];
                let years = rng.range(1, 3) as i32;
                let end = start + Duration::days(rng.range(20, 3 * 365));
                let begin = add_months(end, -12 * years) + Duration::days(1);
                let share = 0.08 + rng.f64() * 0.3;
                let annual =
                    ((self.accounts[i].potential_cents as f64 * share / 10_000.0).round() as i64 * 10_000).max(500_000);
                self.add_contract(self.d.accounts[i].id, line, begin, end, annual);
            }
        }
    }

    fn add_contract(
        &mut self,
        account: AccountId,
        line: usize,
        start: NaiveDate,
        end: NaiveDate,
        annual_cents: i64,
    ) -> ContractId {
        let id = ContractId(self.d.contracts.len() as i64 + 1);
        self.d.contracts.push(Contract {
            id,
            external_id: None,
            account,
            product_line: Some(ProductLineId(line as i64 + 1)),
            start,
            end,
            annual_value: cents(annual_cents),
            renewal_status: RenewalStatus::Pending,
            renewal_opportunity: None,
        });
        self.contract_queue.push(id);
        id
    }

    // ---- leads and opportunities -------------------------------------------------------------

    fn opportunities(&mut self) {
        let mut rng = self.rng.fork("opportunities");
        let as_of = self.as_of();
        self.whiplash_deals(&mut rng);
        let sellers: Vec<PersonId> = self
            .d
            .people
            .iter()
            .zip(&self.profiles)
            .filter(|(p, pr)| {
                p.role != SalesRole::Manager
                    && p.role != SalesRole::Vp
                    && matches!(
                        pr.unit,
                        Unit::FieldEast | Unit::FieldWest | Unit::Inside | Unit::KeyAccounts | Unit::CustomerSuccess
                    )
            })
            .map(|(p, _)| p.id)
            .collect();
        let mut prospects: HashMap<PersonId, Vec<AccountId>> = HashMap::new();
        let mut customers: HashMap<PersonId, Vec<AccountId>> = HashMap::new();
        for (a, info) in self.d.accounts.iter().zip(&self.accounts) {
            if let Some(owner) = a.owner {
                let list = if a.status == AccountStatus::Customer { &mut customers } else { &mut prospects };
                list.entry(owner).or_default().push(a.id);
            }
            if a.status == AccountStatus::Customer
                && let Some(csm) = info.csm
            {
                customers.entry(csm).or_default().push(a.id);
            }
        }
        let mut month = self.start;
        while month <= as_of {
            let month_end = add_months(month, 1);
            for &seller in &sellers {
                let unit = self.profile(seller).unit;
                let base = match unit {
                    Unit::FieldEast | Unit::FieldWest => 9.0,
                    Unit::Inside => 14.0,
                    Unit::KeyAccounts => 5.0,
                    _ => 4.0,
                };
                let mid = month + Duration::days(14);
                if !self.active(seller, mid) {
                    continue;
                }
                let n = rng.poisson(base * self.p.opp_rate * self.ramp(seller, mid));
                for _ in 0..n {
                    let created = month + Duration::days(rng.below((month_end - month).num_days() as u64) as i64);
                    if created > as_of || !self.active(seller, created) {
                        continue;
                    }
                    let expansion = unit == Unit::CustomerSuccess || rng.chance(0.3);
                    let pool = if expansion { customers.get(&seller) } else { prospects.get(&seller) };
                    let Some(pool) = pool.filter(|p| !p.is_empty()) else { continue };
                    let account = *rng.pick(pool);
                    let line = self.choose_line(&mut rng, unit, created);
                    let size = if unit == Unit::KeyAccounts {
                        3.0
                    } else if unit == Unit::Inside {
                        0.5
                    } else {
                        1.0
                    };
                    let cycle = LINES[line].cycle_days * rng.lognormal(1.0, 0.35) * if size > 1.0 { 1.4 } else { 1.0 };
                    let source = Some(
                        (*rng.pick(&["Outbound", "Outbound", "Referral", "Partner", "Customer event", "Website"]))
                            .to_owned(),
                    );
                    let kind = if expansion { OpportunityType::Expansion } else { OpportunityType::NewBusiness };
                    self.deal(
                        &mut rng,
                        DealPlan {
                            account,
                            owner: seller,
                            kind,
                            created,
                            line,
                            source,
                            lead: None,
                            outcome: None,
                            size,
                            cycle_days: Some(cycle),
                            fixed_price: None,
                        },
                        None,
                    );
                }
            }
            month = month_end;
        }
        self.leads(&mut rng, &prospects);
        self.cohort_first_wins(&mut rng);
    }

    /// The January after the as-of date: when Field West's big contracts run out.
    fn cliff_month(&self) -> (i32, u32) {
        (self.as_of().year() + 1, 1)
    }

    /// Productivity from 0 at hire to 1 after the ramp.
    fn ramp(&self, person: PersonId, date: NaiveDate) -> f64 {
        let profile = self.profile(person);
        let Some(hired) = self.person(person).hire_date else { return 1.0 };
        let months = (date - hired).num_days() as f64 / 30.4;
        (months / profile.ramp_months).clamp(0.15, 1.0)
    }

    fn choose_line(&self, rng: &mut Rng, unit: Unit, created: NaiveDate) -> usize {
        // Story 4: in the last two quarters Inside Sales pushes Analytics Cloud.
        let push_from = add_months(quarter_start(self.as_of()), -3);
        let weights: [f64; 6] = match unit {
            Unit::Inside if created >= push_from => [0.6, 0.2, 12.0, 0.05, 0.2, 0.4],
            Unit::Inside => [3.0, 1.0, 2.5, 0.2, 0.6, 2.0],
            Unit::KeyAccounts => [1.0, 2.0, 3.0, 3.0, 1.5, 1.0],
            Unit::CustomerSuccess => [1.5, 1.0, 2.0, 0.8, 1.0, 3.0],
            _ => [3.0, 3.0, 2.0, 1.2, 1.0, 0.8],
        };
        rng.weighted(&weights)
    }

    /// Story 1's planted deals: three large multi-year contracts won by Field West three years
    /// before the cliff, ending with the January after the as-of date.
    fn whiplash_deals(&mut self, rng: &mut Rng) {
        let (year, month) = self.cliff_month();
        let end = day(year, month, 31);
        let start = day(year - 3, 2, 1);
        let reps: Vec<PersonId> =
            self.members(Unit::FieldWest).into_iter().filter(|p| self.person(*p).leave_date.is_none()).collect();
        let mut candidates: Vec<usize> = (0..self.d.accounts.len())
            .filter(|&i| self.d.accounts[i].owner.is_some_and(|o| reps.contains(&o)))
            .collect();
        candidates
            .sort_by(|a, b| self.accounts[*b].potential_cents.cmp(&self.accounts[*a].potential_cents).then(a.cmp(b)));
        for &i in candidates.iter().take(3) {
            let owner = self.d.accounts[i].owner.unwrap_or(reps[0]);
            self.d.accounts[i].status = AccountStatus::Customer;
            let created = start - Duration::days(150 + rng.range(0, 30));
            let cycle = (start - Duration::days(10) - created).num_days() as f64;
            let plan = DealPlan {
                account: self.d.accounts[i].id,
                owner,
                kind: OpportunityType::NewBusiness,
                created,
                line: PDM,
                source: Some("Trade show".to_owned()),
                lead: None,
                outcome: Some(true),
                size: 6.0,
                cycle_days: Some(cycle),
                fixed_price: None,
            };
            self.deal(rng, plan, Some((start, end)));
        }
    }

    /// Story 7: each cohort rep's first win lands at the end of their ramp (four or ten
    /// months), and nothing closes won before it.
    fn cohort_first_wins(&mut self, rng: &mut Rng) {
        let cohort: Vec<PersonId> =
            self.d.people.iter().zip(&self.profiles).filter(|(_, pr)| pr.in_cohort).map(|(p, _)| p.id).collect();
        for rep in cohort {
            let Some(hired) = self.person(rep).hire_date else { continue };
            let first = hired + Duration::days((self.profile(rep).ramp_months * 30.4).round() as i64);
            let Some(account) = self
                .d
                .accounts
                .iter()
                .find(|a| a.owner == Some(rep) && a.status == AccountStatus::Prospect)
                .map(|a| a.id)
            else {
                continue;
            };
            let created = first - Duration::days(40);
            let plan = DealPlan {
                account,
                owner: rep,
                kind: OpportunityType::NewBusiness,
                created,
                line: SENSORS,
                source: Some("Outbound".to_owned()),
                lead: None,
                outcome: Some(true),
                size: 1.0,
                cycle_days: Some(40.0),
                fixed_price: None,
            };
            self.deal(rng, plan, None);
        }
    }

    fn leads(&mut self, rng: &mut Rng, prospects: &HashMap<PersonId, Vec<AccountId>>) {
        let as_of = self.as_of();
        let sdrs = self.members(Unit::LeadGeneration);
        let east_prospects: Vec<AccountId> = self
            .d
            .accounts
            .iter()
            .zip(&self.accounts)
            .filter(|(a, i)| i.east && a.status == AccountStatus::Prospect)
            .map(|(a, _)| a.id)
            .collect();
        let west_prospects: Vec<AccountId> = self
            .d
            .accounts
            .iter()
            .zip(&self.accounts)
            .filter(|(a, i)| !i.east && a.status == AccountStatus::Prospect)
            .map(|(a, _)| a.id)
            .collect();
        let source_table = Table::new(LEAD_SOURCES.iter().map(|s| s.1));
        let _ = prospects;
        let mut month = self.start;
        while month <= as_of {
            let month_end = add_months(month, 1);
            for &sdr in &sdrs {
                if !self.active(sdr, month + Duration::days(14)) {
                    continue;
                }
                let pool = if self.profile(sdr).east { &east_prospects } else { &west_prospects };
                if pool.is_empty() {
                    continue;
                }
                for _ in 0..rng.poisson(30.0 * self.p.lead_rate * self.ramp(sdr, month)) {
                    let created = month + Duration::days(rng.below((month_end - month).num_days() as u64) as i64);
                    if created > as_of {
                        continue;
                    }
                    let account = *rng.pick(pool);
                    let a = (account.0 - 1) as usize;
                    let first = rng.pick(FIRST_NAMES);
                    let last = rng.pick(LAST_NAMES);
                    let source = LEAD_SOURCES[source_table.draw(rng)].0.to_owned();
                    let id = LeadId(self.d.leads.len() as i64 + 1);
                    let age = (as_of - created).num_days();
                    let converts = rng.chance(0.22);
                    let lag = rng.range(5, 30);
                    let owner = self.d.accounts[a].owner;
                    let mut lead = Lead {
                        id,
                        external_id: None,
                        name: format!("{first} {last}"),
                        company: Some(self.d.accounts[a].name.clone()),
                        email: Some(format!(
                            "{}.{}@example.com",
                            first.to_ascii_lowercase(),
                            last.to_ascii_lowercase()
                        )),
                        source: Some(source.clone()),
                        status: LeadStatus::Open,
                        owner: Some(sdr),
                        created_on: created,
                        converted_on: None,
                        converted_account: None,
                        converted_opportunity: None,
                    };
                    let converted_on = created + Duration::days(lag);
                    let seller = owner.filter(|o| {
                        converted_on <= as_of
                            && self.active(*o, converted_on)
                            && self.profile(*o).unit != Unit::CustomerSuccess
                    });
                    if converts && let Some(seller) = seller {
                        lead.status = LeadStatus::Converted;
                        lead.converted_on = Some(converted_on);
                        lead.converted_account = Some(account);
                        self.d.leads.push(lead);
                        let unit = self.profile(seller).unit;
                        let line = self.choose_line(rng, unit, converted_on);
                        let plan = DealPlan {
                            account,
                            owner: seller,
                            kind: OpportunityType::NewBusiness,
                            created: converted_on,
                            line,
                            source: Some(source),
                            lead: Some(id),
                            outcome: None,
                            size: 1.0,
                            cycle_days: None,
                            fixed_price: None,
                        };
                        match self.deal(rng, plan, None) {
                            Some(opp) => self.d.leads[(id.0 - 1) as usize].converted_opportunity = Some(opp),
                            None => {
                                let lead = &mut self.d.leads[(id.0 - 1) as usize];
                                lead.status = LeadStatus::Qualified;
                                lead.converted_on = None;
                                lead.converted_account = None;
                            }
                        }
                        continue;
                    }
                    lead.status = if age < 10 {
                        LeadStatus::Open
                    } else if age < 45 {
                        LeadStatus::Working
                    } else if rng.chance(0.2) {
                        LeadStatus::Qualified
                    } else {
                        LeadStatus::Disqualified
                    };
                    self.d.leads.push(lead);
                }
            }
            month = month_end;
        }
    }

    /// Creates one opportunity with its lines, team, history and proposals, and a contract if
    /// it was won with subscription lines (`term` fixes the contract's dates). Returns `None`
    /// for the Field West deals that story 1 keeps out of the January pipeline.
    fn deal(&mut self, rng: &mut Rng, plan: DealPlan, term: Option<(NaiveDate, NaiveDate)>) -> Option<OpportunityId> {
        let as_of = self.as_of();
        let id = OpportunityId(self.d.opportunities.len() as i64 + 1);
        let profile = self.profile(plan.owner).clone();
        // Lines: the main product, sometimes services or support alongside.
        let mut lines = Vec::new();
        let mut picks = vec![plan.line];
        if matches!(plan.line, GATEWAYS | PDM | CLOUD) && rng.chance(0.3) {
            picks.push(SERVICES);
        }
        if plan.line != SUPPORT && rng.chance(0.2) {
            picks.push(SUPPORT);
        }
        let discount_mean = profile.discount;
        if let Some(price) = plan.fixed_price {
            // Renewals carry the contract's value forward: one subscription line, no discount.
            let which = LINES[plan.line].products.iter().position(|p| p.recurring).unwrap_or(0);
            lines.push(OpportunityLine {
                id: OpportunityLineId(self.next_line),
                external_id: None,
                product: self.products[plan.line][which],
                quantity: 1,
                list_price: cents(price),
                discount: Rate::ZERO,
                unit_cost: cents(price * 22 / 100),
            });
            self.next_line += 1;
            picks.clear();
        }
        for line in picks {
            let products = &LINES[line].products;
            let which = if products.len() > 1 && (plan.size < 1.0 || rng.chance(0.6)) { 0 } else { products.len() - 1 };
            let spec = &products[which];
            let qty = ((rng.range(spec.qty.0, spec.qty.1) as f64) * plan.size).round().max(1.0) as i64;
            let discount = ((discount_mean * rng.lognormal(1.0, 0.25)).clamp(0.0, 0.6) * 200.0).round() / 200.0;
            lines.push(OpportunityLine {
                id: OpportunityLineId(self.next_line),
                external_id: None,
                product: self.products[line][which],
                quantity: qty,
                list_price: cents(spec.list_cents),
                discount: Rate::from_ppm((discount * 1_000_000.0).round() as i64),
                unit_cost: cents(spec.cost_cents),
            });
            self.next_line += 1;
        }
        let net: i64 = lines.iter().map(|l| l.net_amount().map_or(0, |m| m.minor())).sum();
        let list: i64 = lines.iter().map(|l| l.list_amount().map_or(0, |m| m.minor())).sum();
        let cost: i64 = lines.iter().map(|l| l.cost().map_or(0, |m| m.minor())).sum();
        let recurring: i64 = lines
            .iter()
            .filter(|l| {
                LINES
                    .iter()
                    .flat_map(|ls| ls.products.iter())
                    .zip(self.d.products.iter())
                    .any(|(s, p)| p.id == l.product && s.recurring)
            })
            .map(|l| l.net_amount().map_or(0, |m| m.minor()))
            .sum();

        // Outcome and timeline.
        let base_win = match plan.kind {
            OpportunityType::NewBusiness => 0.27,
            OpportunityType::Expansion => 0.45,
            OpportunityType::Renewal => 0.82,
        };
        let mut won = plan
            .outcome
            .unwrap_or_else(|| rng.chance((base_win * profile.skill + profile.discount * 0.3).clamp(0.03, 0.95)));
        let cycle = plan.cycle_days.unwrap_or_else(|| LINES[plan.line].cycle_days * rng.lognormal(1.0, 0.35)).max(5.0);
        let reached = if won { OPEN_STAGES - 1 } else { rng.below(OPEN_STAGES as u64) as usize };
        let mut end_days =
            if won { cycle } else { cycle * (reached as f64 + 1.0) / OPEN_STAGES as f64 * (0.7 + rng.f64() * 0.6) };
        let mut expected = plan.created + Duration::days(cycle.round() as i64);
        // Pushed close dates: a third of deals slip once or twice.
        let pushes = if plan.outcome.is_some() { 0 } else { [0, 0, 0, 0, 1, 1, 2][rng.below(7) as usize] };
        let mut events: Vec<(f64, Event)> = Vec::new();
        for s in 1..=reached {
            events.push((cycle * s as f64 / OPEN_STAGES as f64, Event::Stage(s)));
        }
        for _ in 0..pushes {
            let at = cycle * (0.3 + rng.f64() * 0.55);
            let by = rng.range(14, 60);
            events.push((at, Event::Push(by)));
            end_days += by as f64;
        }
        if won && profile.unit == Unit::FieldWest && plan.outcome.is_none() {
            // Boom and bust: Field West's wins bunch into alternate quarters.
            let close = plan.created + Duration::days(end_days.round() as i64);
            let quarter = close.year() * 4 + close.month0() as i32 / 3;
            if quarter % 2 == 1 && rng.chance(0.8) {
                let next = add_months(quarter_start(close), 3) + Duration::days(rng.range(0, 45));
                let by = (next - close).num_days();
                events.push((end_days * 0.9, Event::Push(by)));
                end_days += by as f64;
            }
        }
        let close_date = plan.created + Duration::days(end_days.round() as i64);
        if won && profile.in_cohort {
            // Story 7: nothing is won before the ramp ends.
            let hired = self.person(plan.owner).hire_date.unwrap_or(plan.created);
            if close_date < hired + Duration::days((profile.ramp_months * 30.4) as i64) && plan.outcome.is_none() {
                won = false;
            }
        }
        let amount_changes = plan.outcome.is_none() && rng.chance(0.25);
        let initial_amount = if amount_changes {
            ((net as f64 * (0.8 + rng.f64() * 0.5)) / 10_000.0).round() as i64 * 10_000
        } else {
            net
        };
        if amount_changes {
            events.push((cycle * 0.55, Event::Amount));
        }
        events.push((end_days, Event::Close));
        events.sort_by(|a, b| a.0.total_cmp(&b.0));

        // Replay the timeline up to the as-of date, recording each change.
        let mut stage = 0usize;
        let mut amount = initial_amount;
        let mut changes = Vec::new();
        let stamp = |rng: &mut Rng, d: NaiveDate| -> NaiveDateTime {
            d.and_hms_opt(8 + rng.below(10) as u32, rng.below(60) as u32, rng.below(60) as u32).unwrap_or_default()
        };
        changes.push((stamp(rng, plan.created), stage, amount, expected));
        let mut proposal_on = None;
        for (t, event) in &events {
            let date = plan.created + Duration::days(t.round() as i64);
            if date > as_of {
                break;
            }
            match event {
                Event::Stage(s) => stage = *s,
                Event::Push(by) => expected += Duration::days(*by),
                Event::Amount => amount = net,
                Event::Close => {
                    stage = if won { WON } else { LOST };
                    amount = net;
                    expected = close_date;
                }
            }
            if stage == 3 && proposal_on.is_none() {
                proposal_on = Some(date);
            }
            changes.push((stamp(rng, date), stage, amount, expected));
        }
        // Story 1: Field West has almost nothing lined up for the January cliff.
        let open = stage < OPEN_STAGES;
        if open
            && profile.unit == Unit::FieldWest
            && plan.outcome.is_none()
            && (expected.year(), expected.month()) == self.cliff_month()
            && rng.chance(0.93)
        {
            return None;
        }
        for (at, s, amount, close) in &changes {
            let (name, probability, category, status) = STAGES[*s];
            self.d.opportunity_changes.push(OpportunityChange {
                id: OpportunityChangeId(self.next_change),
                opportunity: id,
                changed_at: *at,
                changed_by: Some(plan.owner),
                stage: name.to_owned(),
                status,
                probability: Rate::from_percent(probability),
                forecast_category: category,
                amount: cents(*amount),
                close_date: (*close).max(plan.created),
            });
            self.next_change += 1;
        }
        let (name, probability, category, status) = STAGES[stage];
        let team = self.deal_team(rng, plan.owner, net, plan.kind);
        let account_name = self.d.accounts[(plan.account.0 - 1) as usize].name.clone();
        let label = match plan.kind {
            OpportunityType::NewBusiness => LINES[plan.line].name.to_owned(),
            OpportunityType::Expansion => format!("{} expansion", LINES[plan.line].name),
            OpportunityType::Renewal => format!("{} renewal", LINES[plan.line].name),
        };
        self.d.opportunities.push(Opportunity {
            id,
            external_id: None,
            name: format!("{account_name} – {label}"),
            account: plan.account,
            owner: plan.owner,
            kind: plan.kind,
            stage: name.to_owned(),
            status,
            probability: Rate::from_percent(probability),
            forecast_category: category,
            source: plan.source,
            lead: plan.lead,
            created_on: plan.created,
            close_date: expected.max(plan.created),
            amount: cents(amount),
            discount: Rate::ratio(list - net, list.max(1)).unwrap_or(Rate::ZERO),
            margin: Rate::ratio(net - cost, net.max(1)),
            lines,
            team,
        });
        if let Some(sent) = proposal_on {
            let status = match status {
                OpportunityStatus::Won => ProposalStatus::Accepted,
                OpportunityStatus::Lost => ProposalStatus::Rejected,
                OpportunityStatus::Open => ProposalStatus::Sent,
            };
            self.d.proposals.push(Proposal {
                id: ProposalId(self.d.proposals.len() as i64 + 1),
                opportunity: id,
                sent_on: sent,
                amount: cents(net),
                status,
            });
        }
        if won && close_date <= as_of && recurring > 0 {
            let (start, end) = term.unwrap_or_else(|| {
                let years = [1, 1, 1, 2, 3][rng.below(5) as usize] + i32::from(net > 50_000_000);
                let start = close_date + Duration::days(1);
                (start, add_months(start, 12 * years.min(3)) - Duration::days(1))
            });
            let line = if LINES[plan.line].products.iter().any(|p| p.recurring) { plan.line } else { SUPPORT };
            self.add_contract(plan.account, line, start, end, recurring);
        }
        Some(id)
    }

    fn deal_team(&self, rng: &mut Rng, owner: PersonId, net: i64, kind: OpportunityType) -> DealTeam {
        if net < 6_000_000 {
            return DealTeam::default();
        }
        let unit = self.profile(owner).unit;
        let mut members = Vec::new();
        let peers: Vec<PersonId> = self.members(unit).into_iter().filter(|p| *p != owner).collect();
        if !peers.is_empty() && rng.chance(0.15) {
            let partner = *rng.pick(&peers);
            members.push(DealTeamMember {
                person: owner,
                role: "Owner".to_owned(),
                split_type: SplitType::Revenue,
                split: Rate::from_percent(60),
            });
            members.push(DealTeamMember {
                person: partner,
                role: "Co-seller".to_owned(),
                split_type: SplitType::Revenue,
                split: Rate::from_percent(40),
            });
        } else {
            members.push(DealTeamMember {
                person: owner,
                role: "Owner".to_owned(),
                split_type: SplitType::Revenue,
                split: Rate::ONE,
            });
        }
        let engineers = self.members(Unit::SalesEngineering);
        if !engineers.is_empty() && rng.chance(0.7) {
            members.push(DealTeamMember {
                person: *rng.pick(&engineers),
                role: "Sales engineer".to_owned(),
                split_type: SplitType::Overlay,
                split: Rate::ONE,
            });
        }
        if kind == OpportunityType::Expansion && unit != Unit::CustomerSuccess && rng.chance(0.3) {
            let csms = self.members(Unit::CustomerSuccess);
            if !csms.is_empty() {
                members.push(DealTeamMember {
                    person: *rng.pick(&csms),
                    role: "Customer success".to_owned(),
                    split_type: SplitType::Overlay,
                    split: Rate::from_percent(50),
                });
            }
        }
        DealTeam::new(members).unwrap_or_default()
    }

    // ---- renewals ------------------------------------------------------------------------------

    /// Every contract that ends before the horizon gets a renewal (except Field West's in the
    /// cliff month: story 1), whose win
    /// becomes the next contract, which may come up for renewal in turn.
    fn renewals(&mut self) {
        let mut rng = self.rng.fork("renewals");
        let as_of = self.as_of();
        let horizon = as_of + Duration::days(200);
        let (cy, cm) = self.cliff_month();
        let csms = self.members(Unit::CustomerSuccess);
        let mut next = 0;
        while next < self.contract_queue.len() {
            let cid = self.contract_queue[next];
            next += 1;
            let c = self.d.contracts[(cid.0 - 1) as usize].clone();
            if c.end > horizon {
                continue;
            }
            // Story 1: nobody is working Field West's January renewals.
            let owner_unit = self.d.accounts[(c.account.0 - 1) as usize].owner.map(|o| self.profile(o).unit);
            if (c.end.year(), c.end.month()) == (cy, cm) && owner_unit == Some(Unit::FieldWest) {
                continue;
            }
            let created = c.end - Duration::days(110 + rng.range(-15, 15));
            if created > as_of {
                continue;
            }
            let info = &self.accounts[(c.account.0 - 1) as usize];
            let owner = info
                .csm
                .filter(|p| self.active(*p, created))
                .or_else(|| csms.iter().copied().find(|p| self.active(*p, created)));
            let Some(owner) = owner else { continue };
            let line = c.product_line.map_or(SUPPORT, |l| (l.0 - 1) as usize);
            let uplift = 1.0 + rng.f64() * 0.06;
            let years = [1, 1, 2, 3][rng.below(4) as usize];
            let start = c.end + Duration::days(1);
            let end = add_months(start, 12 * years) - Duration::days(1);
            let price = ((c.annual_value.minor() as f64 * uplift) / 100.0).round() as i64 * 100;
            let cycle = (c.end - created).num_days() as f64 - rng.range(0, 20) as f64;
            let plan = DealPlan {
                account: c.account,
                owner,
                kind: OpportunityType::Renewal,
                created,
                line,
                source: Some("Renewal".to_owned()),
                lead: None,
                outcome: None,
                size: 1.0,
                cycle_days: Some(cycle),
                fixed_price: Some(price),
            };
            let Some(opp) = self.deal(&mut rng, plan, Some((start, end))) else { continue };
            let o = &self.d.opportunities[(opp.0 - 1) as usize];
            let status = match (o.status, o.stage.as_str()) {
                (OpportunityStatus::Won, _) => RenewalStatus::Renewed,
                (OpportunityStatus::Lost, _) => RenewalStatus::Lost,
                (_, "Proposal" | "Negotiation") => RenewalStatus::InNegotiation,
                _ => RenewalStatus::Pending,
            };
            let contract = &mut self.d.contracts[(cid.0 - 1) as usize];
            contract.renewal_opportunity = Some(opp);
            contract.renewal_status = status;
        }
    }

    fn account_status(&mut self) {
        let as_of = self.as_of();
        let year_ago = as_of - Duration::days(365);
        let mut active = vec![false; self.d.accounts.len()];
        let mut ever = vec![false; self.d.accounts.len()];
        for c in &self.d.contracts {
            let i = (c.account.0 - 1) as usize;
            ever[i] = true;
            if c.start <= as_of && as_of <= c.end {
                active[i] = true;
            }
        }
        for o in self.d.opportunities.iter().filter(|o| o.status == OpportunityStatus::Won) {
            let i = (o.account.0 - 1) as usize;
            ever[i] = true;
            if o.close_date >= year_ago {
                active[i] = true;
            }
        }
        for (i, a) in self.d.accounts.iter_mut().enumerate() {
            a.status = if active[i] {
                AccountStatus::Customer
            } else if ever[i] {
                AccountStatus::Former
            } else {
                AccountStatus::Prospect
            };
        }
    }

    // ---- quotas --------------------------------------------------------------------------------

    /// Quarterly bookings quotas per seller: what their role booked per rep-quarter over the
    /// history, plus 10 %, ramped for new hires; team quotas are the sum of their members'.
    /// Lead-generation reps get a count of leads. Quotas run two quarters past the as-of date.
    fn quotas(&mut self) {
        let as_of = self.as_of();
        let calendar = self.d.organisation.calendar;
        let first = calendar.period_of(self.start, PeriodKind::Quarter).next();
        let current = calendar.period_of(as_of, PeriodKind::Quarter);
        let last = current.offset(2);
        let mut booked: HashMap<Unit, (i64, i64)> = HashMap::new();
        let mut won_by: HashMap<(PersonId, Period), i64> = HashMap::new();
        for o in self.d.opportunities.iter().filter(|o| o.status == OpportunityStatus::Won) {
            *won_by.entry((o.owner, calendar.period_of(o.close_date, PeriodKind::Quarter))).or_default() +=
                o.amount.minor();
        }
        let mut leads_by: HashMap<(PersonId, Period), i64> = HashMap::new();
        for l in &self.d.leads {
            if let Some(owner) = l.owner {
                *leads_by.entry((owner, calendar.period_of(l.created_on, PeriodKind::Quarter))).or_default() += 1;
            }
        }
        let mut p = first;
        while p < current {
            let start = calendar.start(p);
            for (person, profile) in self.d.people.iter().zip(&self.profiles) {
                if !person.is_active_on(start) || matches!(person.role, SalesRole::Manager | SalesRole::Vp) {
                    continue;
                }
                let entry = booked.entry(profile.unit).or_default();
                entry.0 += if profile.unit == Unit::LeadGeneration {
                    leads_by.get(&(person.id, p)).copied().unwrap_or(0)
                } else {
                    won_by.get(&(person.id, p)).copied().unwrap_or(0)
                };
                entry.1 += 1;
            }
            p = p.next();
        }
        let mut next_id = 1;
        let mut team_totals: BTreeMap<(TeamId, Period), i64> = BTreeMap::new();
        let mut p = first;
        while p <= last {
            let start = calendar.start(p);
            let end = calendar.end(p);
            for (person, profile) in self.d.people.iter().zip(&self.profiles) {
                let Some(&(total, count)) = booked.get(&profile.unit) else { continue };
                let working = person.hire_date.is_none_or(|h| h < end) && person.leave_date.is_none_or(|l| l > start);
                if !working
                    || count == 0
                    || matches!(person.role, SalesRole::Manager | SalesRole::Vp | SalesRole::SalesEngineer)
                {
                    continue;
                }
                let quarters_in = person.hire_date.map_or(8, |h| (start - h).num_days().max(0) / 91);
                let ramp = [0.25, 0.5, 0.75].get(quarters_in as usize).copied().unwrap_or(1.0);
                let average = total as f64 / count as f64;
                let (measure, target) = if profile.unit == Unit::LeadGeneration {
                    (Measure::LeadsCreated, QuotaTarget::Count(((average * 1.1 * ramp) / 5.0).round() as i64 * 5))
                } else {
                    let minor = ((average * 1.1 * ramp) / 500_000.0).round() as i64 * 500_000;
                    if let Some(team) = person.team {
                        *team_totals.entry((team, p)).or_default() += minor;
                    }
                    (Measure::Bookings, QuotaTarget::Money(cents(minor)))
                };
                self.d.quotas.push(Quota {
                    id: QuotaId(next_id),
                    owner: QuotaOwner::Person(person.id),
                    period: p,
                    measure,
                    target,
                });
                next_id += 1;
            }
            p = p.next();
        }
        for ((team, period), minor) in team_totals {
            self.d.quotas.push(Quota {
                id: QuotaId(next_id),
                owner: QuotaOwner::Team(team),
                period,
                measure: Measure::Bookings,
                target: QuotaTarget::Money(cents(minor)),
            });
            next_id += 1;
        }
    }

    // ---- activities ------------------------------------------------------------------------------

    fn activities(&mut self) {
        let mut rng = self.rng.fork("activities");
        let as_of = self.as_of();
        let from = (as_of - Duration::days(self.p.activity_days)).max(self.start);
        let mut opps_by_account: HashMap<AccountId, Vec<usize>> = HashMap::new();
        for (i, o) in self.d.opportunities.iter().enumerate() {
            opps_by_account.entry(o.account).or_default().push(i);
        }
        let mut se_accounts: HashMap<PersonId, Vec<AccountId>> = HashMap::new();
        for o in &self.d.opportunities {
            for m in o.team.members().iter().filter(|m| m.split_type == SplitType::Overlay) {
                se_accounts.entry(m.person).or_default().push(o.account);
            }
        }
        let big_accounts: Vec<AccountId> =
            self.d.opportunities.iter().filter(|o| o.amount.minor() >= 10_000_000).map(|o| o.account).collect();
        let region_prospects: [Vec<AccountId>; 2] = [false, true].map(|east| {
            self.d
                .accounts
                .iter()
                .zip(&self.accounts)
                .filter(|(a, i)| i.east == east && a.status != AccountStatus::Customer)
                .map(|(a, _)| a.id)
                .collect()
        });
        let mut books: HashMap<PersonId, Vec<AccountId>> = HashMap::new();
        for (a, info) in self.d.accounts.iter().zip(&self.accounts) {
            if let Some(o) = a.owner {
                books.entry(o).or_default().push(a.id);
            }
            if a.status == AccountStatus::Customer
                && let Some(c) = info.csm
            {
                books.entry(c).or_default().push(a.id);
            }
        }
        let people: Vec<(PersonId, Profile)> =
            self.d.people.iter().map(|p| p.id).zip(self.profiles.iter().cloned()).collect();
        for (person, profile) in people {
            let role = self.person(person).role;
            let book: Vec<AccountId> = match (role, profile.unit) {
                (SalesRole::LeadGeneration, _) => {
                    let pool = &region_prospects[usize::from(profile.east)];
                    (0..400.min(pool.len())).map(|_| *rng.pick(pool)).collect()
                }
                (SalesRole::SalesEngineer, _) => se_accounts.get(&person).cloned().unwrap_or_default(),
                (SalesRole::Manager | SalesRole::Vp, _) => big_accounts.iter().step_by(7).copied().collect(),
                _ => books.get(&person).cloned().unwrap_or_default(),
            };
            if book.is_empty() {
                continue;
            }
            // Story 6: A accounts get fewer calls each than C accounts.
            let table = Table::new(book.iter().map(|a| match self.accounts[(a.0 - 1) as usize].class {
                Class::A => 0.5,
                Class::B => 1.0,
                Class::C => 1.6,
            }));
            let (direct_per_day, kinds): (f64, &[(ActivityKind, ContactMode, f64, f64)]) = match (role, profile.unit) {
                (SalesRole::LeadGeneration, _) => (
                    12.0,
                    &[
                        (ActivityKind::Call, ContactMode::Phone, 8.0, 6.0),
                        (ActivityKind::Email, ContactMode::Email, 5.0, 4.0),
                    ],
                ),
                (SalesRole::SalesEngineer, _) => (
                    2.5,
                    &[
                        (ActivityKind::Meeting, ContactMode::Video, 60.0, 3.0),
                        (ActivityKind::Visit, ContactMode::FaceToFace, 120.0, 1.0),
                    ],
                ),
                (SalesRole::CustomerSuccess, _) => (
                    4.5,
                    &[
                        (ActivityKind::Meeting, ContactMode::Video, 45.0, 3.0),
                        (ActivityKind::Call, ContactMode::Phone, 25.0, 3.0),
                        (ActivityKind::Email, ContactMode::Email, 8.0, 2.0),
                        (ActivityKind::Visit, ContactMode::FaceToFace, 90.0, 1.0),
                    ],
                ),
                (SalesRole::Manager | SalesRole::Vp, _) => (
                    1.2,
                    &[
                        (ActivityKind::Meeting, ContactMode::Video, 45.0, 2.0),
                        (ActivityKind::Visit, ContactMode::FaceToFace, 90.0, 1.0),
                    ],
                ),
                (_, Unit::Inside) => (
                    6.5,
                    &[
                        (ActivityKind::Call, ContactMode::Phone, 20.0, 5.0),
                        (ActivityKind::Meeting, ContactMode::Video, 40.0, 3.0),
                        (ActivityKind::Email, ContactMode::Email, 8.0, 3.0),
                    ],
                ),
                _ => (
                    4.0,
                    &[
                        (ActivityKind::Visit, ContactMode::FaceToFace, 75.0, 3.0),
                        (ActivityKind::Call, ContactMode::Phone, 20.0, 4.0),
                        (ActivityKind::Email, ContactMode::Email, 8.0, 2.0),
                        (ActivityKind::Meeting, ContactMode::Video, 45.0, 1.0),
                    ],
                ),
            };
            let kind_weights: Vec<f64> = kinds.iter().map(|k| k.3).collect();
            let direct_share = match role {
                SalesRole::Manager | SalesRole::Vp => 0.3,
                SalesRole::SalesEngineer => 0.5,
                _ => profile.direct_share,
            };
            let non_selling: &[(&str, f64)] = match (role, profile.unit) {
                (SalesRole::LeadGeneration, _) => {
                    &[("prospecting_research", 5.0), ("administration", 3.0), ("internal_meeting", 2.0)]
                }
                (SalesRole::CustomerSuccess, _) => {
                    &[("service", 4.0), ("administration", 3.0), ("internal_meeting", 3.0)]
                }
                (SalesRole::Manager | SalesRole::Vp, _) => {
                    &[("internal_meeting", 5.0), ("administration", 3.0), ("training", 1.0)]
                }
                (_, Unit::Inside) => &[
                    ("administration", 4.0),
                    ("internal_meeting", 3.5),
                    ("prospecting_research", 1.5),
                    ("training", 1.0),
                ],
                _ => &[("administration", 3.0), ("internal_meeting", 2.5), ("training", 1.0)],
            };
            let ns_weights: Vec<f64> = non_selling.iter().map(|c| c.1).collect();
            let capacity = f64::from(self.person(person).weekly_capacity_minutes) / 5.0;
            let mut date = from;
            while date <= as_of {
                let working = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && self.active(person, date);
                if working && !rng.chance(0.04) {
                    self.day_of_work(
                        &mut rng,
                        person,
                        date,
                        &book,
                        &table,
                        kinds,
                        &kind_weights,
                        direct_per_day,
                        direct_share,
                        capacity,
                        non_selling,
                        &ns_weights,
                        &opps_by_account,
                    );
                }
                date += Duration::days(1);
            }
        }
    }

    #[expect(clippy::too_many_arguments, reason = "the per-person plan computed once by the caller")]
    fn day_of_work(
        &mut self,
        rng: &mut Rng,
        person: PersonId,
        date: NaiveDate,
        book: &[AccountId],
        table: &Table,
        kinds: &[(ActivityKind, ContactMode, f64, f64)],
        kind_weights: &[f64],
        direct_per_day: f64,
        direct_share: f64,
        capacity: f64,
        non_selling: &[(&str, f64)],
        ns_weights: &[f64],
        opps_by_account: &HashMap<AccountId, Vec<usize>>,
    ) {
        let available = capacity * (0.9 + rng.f64() * 0.2);
        let direct_minutes = available * direct_share * (0.9 + rng.f64() * 0.2);
        let n = ((direct_per_day * self.p.activity_rate * (0.7 + rng.f64() * 0.6)).round() as usize).max(1);
        let chosen: Vec<usize> = (0..n).map(|_| rng.weighted(kind_weights)).collect();
        let base: f64 = chosen.iter().map(|&k| kinds[k].2).sum();
        let mut visits = 0;
        let mut spent = 0;
        for &k in &chosen {
            let (kind, mode, minutes, _) = kinds[k];
            let duration = ((minutes * direct_minutes / base / 5.0).round() as u32 * 5).max(5);
            spent += duration;
            if mode == ContactMode::FaceToFace {
                visits += 1;
            }
            let account = book[table.draw(rng)];
            let info = &self.accounts[(account.0 - 1) as usize];
            let contact = if info.contacts.is_empty() {
                None
            } else {
                Some(info.contacts[rng.below(info.contacts.len() as u64) as usize])
            };
            let opportunity = opps_by_account.get(&account).and_then(|list| {
                list.iter()
                    .map(|&i| &self.d.opportunities[i])
                    .find(|o| {
                        o.created_on <= date
                            && (o.status == OpportunityStatus::Open || o.close_date >= date)
                            && (o.owner == person || o.team.members().iter().any(|m| m.person == person))
                    })
                    .map(|o| o.id)
            });
            let outcome = match kind {
                ActivityKind::Call => {
                    ["Connected", "Left voicemail", "Meeting booked", "No answer"][rng.below(4) as usize]
                }
                ActivityKind::Email => ["Sent", "Replied"][rng.below(2) as usize],
                ActivityKind::Visit => {
                    ["Site walk-through", "Demo held", "Business review", "Proposal discussed"][rng.below(4) as usize]
                }
                _ => ["Discovery", "Demo held", "Technical deep dive", "Next steps agreed"][rng.below(4) as usize],
            };
            self.push_activity(
                person,
                Some(account),
                contact,
                opportunity.filter(|_| rng.chance(0.6)),
                kind,
                mode,
                date,
                duration,
                TimeCategory::DirectSelling,
                Some(outcome),
            );
        }
        // Non-selling time fills the rest of the day; field visits bring travel with them.
        let mut left = (available - f64::from(spent)).max(15.0);
        if visits > 0 {
            let travel = ((f64::from(visits) * (35.0 + rng.f64() * 40.0)).min(left * 0.6) / 5.0).round() as u32 * 5;
            if travel > 0 {
                left -= f64::from(travel);
                self.push_task(person, date, travel, "travel");
            }
        }
        let blocks = ((2.0 * self.p.activity_rate).round() as usize).max(1);
        for b in 0..blocks {
            let category = non_selling[rng.weighted(ns_weights)].0;
            let share = if b + 1 == blocks { 1.0 } else { 1.0 / (blocks - b) as f64 * (0.6 + rng.f64() * 0.8) };
            let minutes = ((left * share / 5.0).round() as u32 * 5).max(5);
            left = (left - f64::from(minutes)).max(0.0);
            self.push_task(person, date, minutes, category);
        }
    }

    /// A block of non-selling time (travel, administration…), not tied to any account.
    fn push_task(&mut self, person: PersonId, date: NaiveDate, minutes: u32, category: &str) {
        let category = TimeCategory::NonSelling(category.to_owned());
        self.push_activity(
            person,
            None,
            None,
            None,
            ActivityKind::Task,
            ContactMode::None,
            date,
            minutes,
            category,
            None,
        );
    }

    #[expect(clippy::too_many_arguments, reason = "mirrors the record's fields")]
    fn push_activity(
        &mut self,
        person: PersonId,
        account: Option<AccountId>,
        contact: Option<ContactId>,
        opportunity: Option<OpportunityId>,
        kind: ActivityKind,
        mode: ContactMode,
        date: NaiveDate,
        duration_minutes: u32,
        category: TimeCategory,
        outcome: Option<&str>,
    ) {
        self.d.activities.push(Activity {
            id: ActivityId(self.next_activity),
            external_id: None,
            person,
            account,
            contact,
            opportunity,
            kind,
            mode,
            date,
            duration_minutes: duration_minutes.min(24 * 60),
            category,
            outcome: outcome.map(str::to_owned),
            subject: None,
        });
        self.next_activity += 1;
    }

    // ---- references, training, call patterns -----------------------------------------------

    /// Reference clients and how often each was asked (story 8: one asked far too often).
    fn references(&mut self) {
        let mut rng = self.rng.fork("references");
        let as_of = self.as_of();
        let mut value: HashMap<AccountId, i64> = HashMap::new();
        let mut first_start: HashMap<AccountId, NaiveDate> = HashMap::new();
        for c in self.d.contracts.iter().filter(|c| c.start <= as_of) {
            *value.entry(c.account).or_default() += c.annual_value.minor();
            let e = first_start.entry(c.account).or_insert(c.start);
            *e = (*e).min(c.start);
        }
        let mut candidates: Vec<AccountId> = self
            .d
            .accounts
            .iter()
            .filter(|a| {
                a.status == AccountStatus::Customer
                    && first_start.get(&a.id).is_some_and(|s| *s <= as_of - Duration::days(400))
            })
            .map(|a| a.id)
            .collect();
        candidates.sort_by(|a, b| value.get(b).cmp(&value.get(a)).then(a.cmp(b)));
        candidates.truncate(120 * self.p.people_factor);
        rng.shuffle(&mut candidates[1..]);
        let count = (20 * self.p.people_factor).min(candidates.len());
        let requesters: Vec<PersonId> = self
            .d
            .people
            .iter()
            .zip(&self.profiles)
            .filter(|(_, pr)| matches!(pr.unit, Unit::FieldEast | Unit::FieldWest | Unit::Inside | Unit::KeyAccounts))
            .map(|(p, _)| p.id)
            .collect();
        let mut opps_by_owner: HashMap<PersonId, Vec<usize>> = HashMap::new();
        for (i, o) in self.d.opportunities.iter().enumerate() {
            opps_by_owner.entry(o.owner).or_default().push(i);
        }
        for (n, &account) in candidates.iter().take(count).enumerate() {
            let id = ReferenceClientId(n as i64 + 1);
            let since = first_start.get(&account).copied().unwrap_or(self.start).max(self.start)
                + Duration::days(rng.range(60, 200));
            let since = since.min(as_of - Duration::days(60));
            let mut circumstances: Vec<String> = Vec::new();
            for _ in 0..rng.range(1, 3) {
                let c = (*rng.pick(BUYING_CIRCUMSTANCES)).to_owned();
                if !circumstances.contains(&c) {
                    circumstances.push(c);
                }
            }
            let note = if n == 0 {
                Some("Our largest customer; happy to help, but their CIO has asked us to go easy.".to_owned())
            } else {
                None
            };
            self.d.reference_clients.push(ReferenceClient { id, account, since, until: None, circumstances, note });
            let mut month = since;
            while month <= as_of {
                let recent = month >= as_of - Duration::days(183);
                let rate = match (n, recent) {
                    (0, true) => 3.5,
                    (0, false) => 0.9,
                    _ => 0.12,
                };
                for _ in 0..rng.poisson(rate) {
                    let used_on = (month + Duration::days(rng.range(0, 29))).min(as_of);
                    let requester = *rng.pick(&requesters);
                    let opportunity = opps_by_owner.get(&requester).and_then(|list| {
                        list.iter()
                            .map(|&i| &self.d.opportunities[i])
                            .find(|o| o.created_on <= used_on && o.close_date >= used_on)
                            .map(|o| o.id)
                    });
                    self.d.reference_uses.push(ReferenceUse {
                        id: ReferenceUseId(self.d.reference_uses.len() as i64 + 1),
                        reference: id,
                        requested_by: requester,
                        opportunity,
                        used_on,
                    });
                }
                month = add_months(month, 1);
            }
        }
    }

    fn trainings(&mut self) {
        let mut rng = self.rng.fork("training");
        let as_of = self.as_of();
        for i in 0..self.d.people.len() {
            let person = &self.d.people[i];
            let from = person.hire_date.unwrap_or(self.start).max(self.start);
            let to = person.leave_date.unwrap_or(as_of).min(as_of);
            if to <= from {
                continue;
            }
            let mut taken = Vec::new();
            for _ in 0..rng.poisson(2.5) + 1 {
                let (course, skill, hours) = *rng.pick(COURSES);
                if taken.contains(&course) {
                    continue;
                }
                taken.push(course);
                let completed_on = from + Duration::days(rng.below((to - from).num_days() as u64 + 1) as i64);
                self.d.trainings.push(Training {
                    id: TrainingId(self.d.trainings.len() as i64 + 1),
                    person: self.d.people[i].id,
                    course: course.to_owned(),
                    skill: Some(skill.to_owned()),
                    completed_on,
                    hours,
                });
            }
        }
    }

    /// The call patterns the organisation says it follows (seed 004 step 2).
    fn call_patterns(&mut self) {
        let patterns = [
            ("A", SalesRole::AccountExecutive, Channel::Field, ContactMode::FaceToFace, 2, PeriodKind::Month, 60),
            ("A", SalesRole::Vp, Channel::Field, ContactMode::FaceToFace, 1, PeriodKind::Quarter, 90),
            ("B", SalesRole::AccountExecutive, Channel::Field, ContactMode::FaceToFace, 1, PeriodKind::Month, 60),
            ("B", SalesRole::AccountExecutive, Channel::Inside, ContactMode::Video, 1, PeriodKind::Month, 40),
            ("C", SalesRole::AccountExecutive, Channel::Inside, ContactMode::Phone, 1, PeriodKind::Quarter, 20),
            ("A", SalesRole::CustomerSuccess, Channel::Inside, ContactMode::Video, 1, PeriodKind::Month, 45),
        ];
        for (i, (segment, role, channel, mode, calls, per, minutes)) in patterns.into_iter().enumerate() {
            if let Ok(segment) = Segment::parse(segment) {
                self.d.call_patterns.push(CallPattern {
                    id: CallPatternId(i as i64 + 1),
                    segment,
                    role,
                    channel,
                    mode,
                    calls,
                    per,
                    duration_minutes: minutes,
                });
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Event {
    Stage(usize),
    Push(i64),
    Amount,
    Close,
}

/// "HOLTSVILLE" or "holtsville" → "Holtsville"; mixed case is kept.
fn title_case(text: &str) -> String {
    if text.chars().any(|c| c.is_lowercase()) && text.chars().any(|c| c.is_uppercase()) {
        return text.to_owned();
    }
    text.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Position along a Hilbert curve over an `n`×`n` grid (n a power of two) of a point in the
/// unit square: nearby positions are nearby places, so runs of it are compact regions.
fn hilbert(n: u32, x: f64, y: f64) -> u64 {
    let last = n - 1;
    let mut x = (x.clamp(0.0, 1.0) * f64::from(last)).round() as u32;
    let mut y = (y.clamp(0.0, 1.0) * f64::from(last)).round() as u32;
    let mut d: u64 = 0;
    let mut s = n / 2;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += u64::from(s) * u64::from(s) * u64::from((3 * rx) ^ ry);
        // Rotate the quadrant so the curve's pieces join end to end.
        if ry == 0 {
            if rx == 1 {
                x = last - x;
                y = last - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    d
}
