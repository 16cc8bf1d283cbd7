//! A small organisation that uses every kind of record and every optional field at least once.

use chrono::NaiveDate;
use sutton_domain::*;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn usd(major: i64) -> Money {
    Money::from_major(major, Currency::USD).expect("small amount")
}

pub fn account(id: i64, name: &str) -> Account {
    Account {
        id: AccountId(id),
        external_id: None,
        name: name.to_owned(),
        status: AccountStatus::Prospect,
        industry: None,
        employees: None,
        annual_revenue: None,
        potential: None,
        location: Location::default(),
        owner: None,
        parent: None,
        created_on: None,
    }
}

pub fn dataset() -> Dataset {
    let calendar = FiscalCalendar::new(2, FiscalYearNaming::EndYear).expect("February start");
    let organisation = Organisation { name: "Acme Sensors".to_owned(), currency: Currency::USD, calendar };
    let county = GeoUnit {
        id: GeoUnitId(1),
        kind: GeoUnitKind::County,
        code: "06037".to_owned(),
        name: "Los Angeles".to_owned(),
        region: Some("CA".to_owned()),
        centroid: Some(LatLon::new(34.3209, -118.2247).expect("on the globe")),
        area_km2: Some(10_510.5),
    };
    let neighbour = GeoUnit {
        id: GeoUnitId(2),
        kind: GeoUnitKind::PostalCode,
        code: "93510".to_owned(),
        name: "Acton".to_owned(),
        region: None,
        centroid: None,
        area_km2: None,
    };
    let teams = vec![
        Team { id: TeamId(1), name: "Company".to_owned(), parent: None, manager: Some(PersonId(1)) },
        Team { id: TeamId(2), name: "West".to_owned(), parent: Some(TeamId(1)), manager: Some(PersonId(2)) },
    ];
    let person = |id: i64, name: &str, role: SalesRole, team: i64, manager: Option<i64>| Person {
        id: PersonId(id),
        external_id: None,
        name: name.to_owned(),
        email: None,
        role,
        channel: None,
        team: Some(TeamId(team)),
        manager: manager.map(PersonId),
        home: Location::default(),
        hire_date: None,
        leave_date: None,
        weekly_capacity_minutes: Person::FULL_WEEK_MINUTES,
        placeholder: false,
    };
    let mut rep = person(3, "Rita Rep", SalesRole::AccountExecutive, 2, Some(2));
    rep.external_id = Some(ExternalId::salesforce("005D000000AbcDe").expect("valid id"));
    rep.email = Some("rita@acme.example".to_owned());
    rep.channel = Some(Channel::Field);
    rep.home = Location {
        country: Some("US".to_owned()),
        postal_code: Some("90012".to_owned()),
        city: Some("Los Angeles".to_owned()),
        region: Some("CA".to_owned()),
        coordinates: Some(LatLon::new(34.0614, -118.2385).expect("on the globe")),
        geo_unit: Some(GeoUnitId(1)),
    };
    rep.hire_date = Some(day(2024, 3, 1));
    rep.leave_date = Some(day(2026, 8, 15));
    rep.weekly_capacity_minutes = 2_100;
    let mut placeholder = person(4, "005D000000XyzAb", SalesRole::AccountExecutive, 2, None);
    placeholder.team = None;
    placeholder.placeholder = true;
    let people = vec![
        person(1, "Vera VP", SalesRole::Vp, 1, None),
        person(2, "Max Manager", SalesRole::Manager, 2, Some(1)),
        rep,
        placeholder,
        person(5, "Sam Engineer", SalesRole::SalesEngineer, 2, Some(2)),
    ];
    let mut customer = account(1, "Globex");
    customer.external_id = Some(ExternalId::hubspot("000987654").expect("valid id"));
    customer.status = AccountStatus::Customer;
    customer.industry = Some("Manufacturing".to_owned());
    customer.employees = Some(1_200);
    customer.annual_revenue = Some(usd(250_000_000));
    customer.potential = Some(Money::from_minor(12_345_678, Currency::USD));
    customer.location = rep_home_like();
    customer.owner = Some(PersonId(3));
    customer.created_on = Some(day(2023, 5, 2));
    let mut subsidiary = account(2, "Globex Japan");
    subsidiary.parent = Some(AccountId(1));
    subsidiary.potential = Some(Money::from_minor(5_000_000, Currency::JPY));
    let accounts = vec![customer, subsidiary];
    let contacts = vec![
        Contact {
            id: ContactId(1),
            external_id: Some(ExternalId::other("C-1").expect("valid id")),
            account: Some(AccountId(1)),
            name: "Hank Scorpio".to_owned(),
            title: Some("CEO".to_owned()),
            email: Some("hank@globex.example".to_owned()),
            phone: Some("+1 555 0100".to_owned()),
            buying_role: Some(BuyingRole::EconomicBuyer),
            engaged: true,
        },
        Contact {
            id: ContactId(2),
            external_id: None,
            account: None,
            name: "Unattached".to_owned(),
            title: None,
            email: None,
            phone: None,
            buying_role: None,
            engaged: false,
        },
    ];
    let product_lines = vec![ProductLine { id: ProductLineId(1), external_id: None, name: "Sensors".to_owned() }];
    let products = vec![Product {
        id: ProductId(1),
        external_id: Some(ExternalId::salesforce("01tD0000000AbCd").expect("valid id")),
        name: "Thermo X".to_owned(),
        code: Some("TX-1".to_owned()),
        line: ProductLineId(1),
        list_price: usd(1_000),
        unit_cost: usd(400),
        active: true,
    }];
    let stages = vec![
        Stage {
            id: StageId(1),
            name: "Qualify".to_owned(),
            sort_order: 1,
            probability: Rate::from_percent(10),
            forecast_category: ForecastCategory::Pipeline,
            status: OpportunityStatus::Open,
        },
        Stage {
            id: StageId(2),
            name: "Closed Won".to_owned(),
            sort_order: 9,
            probability: Rate::ONE,
            forecast_category: ForecastCategory::Closed,
            status: OpportunityStatus::Won,
        },
    ];
    let leads = vec![Lead {
        id: LeadId(1),
        external_id: None,
        name: "Hank Scorpio".to_owned(),
        company: Some("Globex".to_owned()),
        email: Some("hank@globex.example".to_owned()),
        source: Some("Webinar".to_owned()),
        status: LeadStatus::Converted,
        owner: Some(PersonId(3)),
        created_on: day(2025, 1, 10),
        converted_on: Some(day(2025, 1, 20)),
        converted_account: Some(AccountId(1)),
        converted_opportunity: Some(OpportunityId(1)),
    }];
    let team = DealTeam::new(vec![
        DealTeamMember {
            person: PersonId(3),
            role: "Account executive".to_owned(),
            split_type: SplitType::Revenue,
            split: Rate::from_ppm(666_667),
        },
        DealTeamMember {
            person: PersonId(2),
            role: "Manager".to_owned(),
            split_type: SplitType::Revenue,
            split: Rate::from_ppm(333_333),
        },
        DealTeamMember {
            person: PersonId(5),
            role: "Sales engineer".to_owned(),
            split_type: SplitType::Overlay,
            split: Rate::from_percent(50),
        },
    ])
    .expect("splits sum to 100 %");
    let opportunities = vec![Opportunity {
        id: OpportunityId(1),
        external_id: Some(ExternalId::salesforce("006D000000ZzYyX").expect("valid id")),
        name: "Globex thermo roll-out".to_owned(),
        account: AccountId(1),
        owner: PersonId(3),
        kind: OpportunityType::NewBusiness,
        stage: "Closed Won".to_owned(),
        status: OpportunityStatus::Won,
        probability: Rate::ONE,
        forecast_category: ForecastCategory::Closed,
        source: Some("Webinar".to_owned()),
        lead: Some(LeadId(1)),
        created_on: day(2025, 1, 20),
        close_date: day(2025, 6, 30),
        amount: Money::from_minor(8_500_000, Currency::USD),
        discount: Rate::from_percent(15),
        margin: Some(Rate::from_ppm(529_412)),
        lines: vec![OpportunityLine {
            id: OpportunityLineId(1),
            external_id: None,
            product: ProductId(1),
            quantity: 100,
            list_price: usd(1_000),
            discount: Rate::from_percent(15),
            unit_cost: usd(400),
        }],
        team,
    }];
    let at = |d: NaiveDate, h: u32| d.and_hms_milli_opt(h, 14, 25, 123).expect("valid time");
    let opportunity_changes = vec![
        OpportunityChange {
            id: OpportunityChangeId(1),
            opportunity: OpportunityId(1),
            changed_at: at(day(2025, 1, 20), 9),
            changed_by: Some(PersonId(3)),
            stage: "Qualify".to_owned(),
            status: OpportunityStatus::Open,
            probability: Rate::from_percent(10),
            forecast_category: ForecastCategory::Pipeline,
            amount: usd(100_000),
            close_date: day(2025, 5, 31),
        },
        OpportunityChange {
            id: OpportunityChangeId(2),
            opportunity: OpportunityId(1),
            changed_at: at(day(2025, 6, 30), 16),
            changed_by: None,
            stage: "Closed Won".to_owned(),
            status: OpportunityStatus::Won,
            probability: Rate::ONE,
            forecast_category: ForecastCategory::Closed,
            amount: Money::from_minor(8_500_000, Currency::USD),
            close_date: day(2025, 6, 30),
        },
    ];
    let activities = vec![
        Activity {
            id: ActivityId(1),
            external_id: Some(ExternalId::salesforce("00TD000000AaBbC").expect("valid id")),
            person: PersonId(3),
            account: Some(AccountId(1)),
            contact: Some(ContactId(1)),
            opportunity: Some(OpportunityId(1)),
            kind: ActivityKind::Visit,
            mode: ContactMode::FaceToFace,
            date: day(2025, 2, 3),
            duration_minutes: 90,
            category: TimeCategory::DirectSelling,
            outcome: Some("Demo booked".to_owned()),
            subject: Some("Site visit".to_owned()),
        },
        Activity {
            id: ActivityId(2),
            external_id: None,
            person: PersonId(3),
            account: None,
            contact: None,
            opportunity: None,
            kind: ActivityKind::Task,
            mode: ContactMode::None,
            date: day(2025, 2, 3),
            duration_minutes: 45,
            category: TimeCategory::parse("Travel").expect("a category"),
            outcome: None,
            subject: None,
        },
    ];
    let contracts = vec![Contract {
        id: ContractId(1),
        external_id: None,
        account: AccountId(1),
        product_line: Some(ProductLineId(1)),
        start: day(2025, 7, 1),
        end: day(2027, 1, 31),
        annual_value: Money::from_minor(5_666_667, Currency::USD),
        renewal_status: RenewalStatus::Pending,
        renewal_opportunity: Some(OpportunityId(1)),
    }];
    let proposals = vec![Proposal {
        id: ProposalId(1),
        opportunity: OpportunityId(1),
        sent_on: day(2025, 5, 2),
        amount: usd(85_000),
        status: ProposalStatus::Accepted,
    }];
    let quotas = vec![
        Quota {
            id: QuotaId(1),
            owner: QuotaOwner::Person(PersonId(3)),
            period: Period::parse("FY2026 Q2").expect("valid period"),
            measure: Measure::Bookings,
            target: QuotaTarget::Money(usd(300_000)),
        },
        Quota {
            id: QuotaId(2),
            owner: QuotaOwner::Team(TeamId(2)),
            period: Period::parse("FY2026 M03").expect("valid period"),
            measure: Measure::NewLogos,
            target: QuotaTarget::Count(4),
        },
    ];
    let territories = vec![
        Territory { id: TerritoryId(1), name: "West region".to_owned(), level: TerritoryLevel::Region, parent: None },
        Territory {
            id: TerritoryId(2),
            name: "LA Basin".to_owned(),
            level: TerritoryLevel::Territory,
            parent: Some(TerritoryId(1)),
        },
    ];
    let alignments = vec![
        Alignment {
            id: AlignmentId(1),
            name: "FY2026".to_owned(),
            status: AlignmentStatus::Current,
            based_on: None,
            created_on: day(2025, 2, 1),
            note: None,
        },
        Alignment {
            id: AlignmentId(2),
            name: "Balanced proposal".to_owned(),
            status: AlignmentStatus::Scenario,
            based_on: Some(AlignmentId(1)),
            created_on: day(2025, 10, 1),
            note: Some("±5 % workload".to_owned()),
        },
    ];
    let territory_assignments = vec![
        TerritoryAssignment {
            alignment: AlignmentId(1),
            unit: AlignedUnit::Geo(GeoUnitId(1)),
            territory: TerritoryId(2),
            locked: false,
        },
        TerritoryAssignment {
            alignment: AlignmentId(1),
            unit: AlignedUnit::Account(AccountId(2)),
            territory: TerritoryId(2),
            locked: true,
        },
    ];
    let territory_reps =
        vec![TerritoryRep { alignment: AlignmentId(1), territory: TerritoryId(2), person: PersonId(3) }];
    let call_patterns = vec![CallPattern {
        id: CallPatternId(1),
        segment: Segment::parse("A").expect("valid segment"),
        role: SalesRole::AccountExecutive,
        channel: Channel::Field,
        mode: ContactMode::FaceToFace,
        calls: 1,
        per: PeriodKind::Month,
        duration_minutes: 60,
    }];
    let reference_clients = vec![ReferenceClient {
        id: ReferenceClientId(1),
        account: AccountId(1),
        since: day(2025, 9, 1),
        until: None,
        circumstances: vec!["Replacing a legacy vendor".to_owned(), "Multi-site roll-out".to_owned()],
        note: Some("Prefers calls on Fridays".to_owned()),
    }];
    let reference_uses = vec![ReferenceUse {
        id: ReferenceUseId(1),
        reference: ReferenceClientId(1),
        requested_by: PersonId(3),
        opportunity: Some(OpportunityId(1)),
        used_on: day(2025, 10, 3),
    }];
    let trainings = vec![Training {
        id: TrainingId(1),
        person: PersonId(3),
        course: "Value selling".to_owned(),
        skill: Some("Discovery".to_owned()),
        completed_on: day(2025, 4, 4),
        hours: 16,
    }];
    Dataset {
        organisation,
        teams,
        people,
        accounts,
        contacts,
        product_lines,
        products,
        stages,
        opportunities,
        opportunity_changes,
        leads,
        activities,
        contracts,
        proposals,
        quotas,
        geo_units: vec![county, neighbour],
        geo_edges: vec![GeoEdge::new(GeoUnitId(2), GeoUnitId(1)).expect("two units")],
        territories,
        alignments,
        territory_assignments,
        territory_reps,
        call_patterns,
        reference_clients,
        reference_uses,
        trainings,
    }
}

fn rep_home_like() -> Location {
    Location {
        country: Some("US".to_owned()),
        postal_code: Some("90245".to_owned()),
        city: Some("El Segundo".to_owned()),
        region: Some("CA".to_owned()),
        coordinates: Some(LatLon::new(33.9192, -118.4165).expect("on the globe")),
        geo_unit: Some(GeoUnitId(1)),
    }
}
