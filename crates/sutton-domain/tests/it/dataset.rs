//! `Dataset::check`: every dangling reference, hierarchy loop and invalid record, all at once.

use std::collections::HashSet;

use sutton_domain::{
    AccountId, Activity, ActivityId, ActivityKind, AlignedUnit, Alignment, AlignmentId, AlignmentStatus, BuyingRole,
    CallPattern, CallPatternId, Channel, Contact, ContactId, ContactMode, Dataset, DealTeam, ForecastCategory, GeoEdge,
    GeoUnit, GeoUnitId, GeoUnitKind, IntegrityProblem, LeadId, LeadStatus, Measure, OpportunityChange,
    OpportunityChangeId, OpportunityId, OpportunityStatus, Organisation, Period, PeriodKind, PersonId, Product,
    ProductId, ProductLine, ProductLineId, Proposal, ProposalId, ProposalStatus, Quota, QuotaId, QuotaOwner,
    QuotaTarget, Rate, ReferenceClient, ReferenceClientId, ReferenceUse, ReferenceUseId, SalesRole, Segment, SplitType,
    Stage, StageId, Team, TeamId, Territory, TerritoryAssignment, TerritoryId, TerritoryLevel, TerritoryRep,
    TimeCategory, Training, TrainingId,
};

use crate::d;
use crate::fixtures::{account, contract, lead, line, member, opportunity, person, usd};

fn team(id: i64, name: &str, parent: Option<i64>, manager: Option<i64>) -> Team {
    Team { id: TeamId(id), name: name.to_owned(), parent: parent.map(TeamId), manager: manager.map(PersonId) }
}

fn territory(id: i64, name: &str, level: TerritoryLevel, parent: Option<i64>) -> Territory {
    Territory { id: TerritoryId(id), name: name.to_owned(), level, parent: parent.map(TerritoryId) }
}

fn alignment(id: i64, status: AlignmentStatus, based_on: Option<i64>) -> Alignment {
    Alignment {
        id: AlignmentId(id),
        name: format!("Alignment {id}"),
        status,
        based_on: based_on.map(AlignmentId),
        created_on: d(2026, 1, 2),
        note: None,
    }
}

fn geo_unit(id: i64, code: &str, name: &str) -> GeoUnit {
    GeoUnit {
        id: GeoUnitId(id),
        kind: GeoUnitKind::County,
        code: code.to_owned(),
        name: name.to_owned(),
        region: Some("MA".to_owned()),
        centroid: None,
        area_km2: Some(1_500.0),
    }
}

/// A small organisation in which every kind of record refers to every kind it can, correctly.
///
/// People 1 (manager) and 2 (rep); teams 1 ⊃ 2; accounts 10 ⊃ 11; contact 20; product line 30 with
/// product 31; stages 40, 41; opportunity 50 from lead 60 with change 51; activity 70; contract 80;
/// proposal 90; quotas 95, 96; county units 100 – 101; territories 110 ⊃ 111; alignments 120
/// (current) and 121 (a scenario based on it); call pattern 130; reference 140 used once (141);
/// training 150.
fn valid() -> Dataset {
    let mut manager = person(1, "Ada Lovelace", SalesRole::Manager);
    manager.team = Some(TeamId(1));
    let mut rep = person(2, "Bob Smith", SalesRole::AccountExecutive);
    rep.team = Some(TeamId(2));
    rep.manager = Some(PersonId(1));
    rep.home.geo_unit = Some(GeoUnitId(101));

    let mut acme = account(10, "Acme Corp", Some(2));
    acme.location.geo_unit = Some(GeoUnitId(100));
    let mut subsidiary = account(11, "Acme Boston", Some(2));
    subsidiary.parent = Some(AccountId(10));

    let mut deal = opportunity(50, 10, 2);
    deal.lead = Some(LeadId(60));
    deal.lines = vec![line(31, 3, usd(125_000), Rate::from_percent(15), usd(40_000))];
    deal.amount = usd(318_750);
    deal.team =
        DealTeam::new(vec![member(2, SplitType::Revenue, 1_000_000), member(1, SplitType::Overlay, 500_000)]).unwrap();

    let mut converted = lead(60);
    converted.created_on = d(2026, 1, 2);
    converted.status = LeadStatus::Converted;
    converted.converted_on = Some(d(2026, 1, 9));
    converted.converted_account = Some(AccountId(10));
    converted.converted_opportunity = Some(OpportunityId(50));
    converted.owner = Some(PersonId(2));

    let mut renewal = contract(80, 10);
    renewal.product_line = Some(ProductLineId(30));
    renewal.renewal_opportunity = Some(OpportunityId(50));

    Dataset {
        organisation: Organisation::default(),
        teams: vec![team(1, "Company", None, Some(1)), team(2, "East", Some(1), Some(1))],
        people: vec![manager, rep],
        accounts: vec![acme, subsidiary],
        contacts: vec![Contact {
            id: ContactId(20),
            external_id: None,
            account: Some(AccountId(10)),
            name: "Carol Chen".to_owned(),
            title: Some("VP Operations".to_owned()),
            email: Some("carol.chen@acme.example".to_owned()),
            phone: None,
            buying_role: Some(BuyingRole::DecisionMaker),
            engaged: true,
        }],
        product_lines: vec![ProductLine { id: ProductLineId(30), external_id: None, name: "Pumps".to_owned() }],
        products: vec![Product {
            id: ProductId(31),
            external_id: None,
            name: "Pump X200".to_owned(),
            code: Some("X200".to_owned()),
            line: ProductLineId(30),
            list_price: usd(125_000),
            unit_cost: usd(40_000),
            active: true,
        }],
        stages: vec![
            Stage {
                id: StageId(40),
                name: "Prospecting".to_owned(),
                sort_order: 1,
                probability: Rate::from_percent(20),
                forecast_category: ForecastCategory::Pipeline,
                status: OpportunityStatus::Open,
            },
            Stage {
                id: StageId(41),
                name: "Closed Won".to_owned(),
                sort_order: 9,
                probability: Rate::ONE,
                forecast_category: ForecastCategory::Closed,
                status: OpportunityStatus::Won,
            },
        ],
        opportunities: vec![deal.clone()],
        opportunity_changes: vec![OpportunityChange {
            id: OpportunityChangeId(51),
            opportunity: OpportunityId(50),
            changed_at: d(2026, 1, 10).and_hms_opt(9, 30, 0).unwrap(),
            changed_by: Some(PersonId(2)),
            stage: deal.stage.clone(),
            status: deal.status,
            probability: deal.probability,
            forecast_category: deal.forecast_category,
            amount: deal.amount,
            close_date: deal.close_date,
        }],
        leads: vec![converted],
        activities: vec![Activity {
            id: ActivityId(70),
            external_id: None,
            person: PersonId(2),
            account: Some(AccountId(10)),
            contact: Some(ContactId(20)),
            opportunity: Some(OpportunityId(50)),
            kind: ActivityKind::Visit,
            mode: ContactMode::FaceToFace,
            date: d(2026, 1, 20),
            duration_minutes: 90,
            category: TimeCategory::DirectSelling,
            outcome: Some("Demo booked".to_owned()),
            subject: None,
        }],
        contracts: vec![renewal],
        proposals: vec![Proposal {
            id: ProposalId(90),
            opportunity: OpportunityId(50),
            sent_on: d(2026, 2, 1),
            amount: usd(318_750),
            status: ProposalStatus::Sent,
        }],
        quotas: vec![
            Quota {
                id: QuotaId(95),
                owner: QuotaOwner::Person(PersonId(2)),
                period: Period::quarter(2026, 1).unwrap(),
                measure: Measure::Bookings,
                target: QuotaTarget::Money(usd(25_000_000)),
            },
            Quota {
                id: QuotaId(96),
                owner: QuotaOwner::Team(TeamId(2)),
                period: Period::year(2026).unwrap(),
                measure: Measure::NewLogos,
                target: QuotaTarget::Count(12),
            },
        ],
        geo_units: vec![geo_unit(100, "25025", "Suffolk County"), geo_unit(101, "25017", "Middlesex County")],
        geo_edges: vec![GeoEdge::new(GeoUnitId(100), GeoUnitId(101)).unwrap()],
        territories: vec![
            territory(110, "East Region", TerritoryLevel::Region, None),
            territory(111, "Boston", TerritoryLevel::Territory, Some(110)),
        ],
        alignments: vec![
            alignment(120, AlignmentStatus::Current, None),
            alignment(121, AlignmentStatus::Scenario, Some(120)),
        ],
        territory_assignments: vec![
            TerritoryAssignment {
                alignment: AlignmentId(120),
                unit: AlignedUnit::Geo(GeoUnitId(100)),
                territory: TerritoryId(111),
                locked: false,
            },
            TerritoryAssignment {
                alignment: AlignmentId(120),
                unit: AlignedUnit::Account(AccountId(10)),
                territory: TerritoryId(111),
                locked: true,
            },
        ],
        territory_reps: vec![TerritoryRep {
            alignment: AlignmentId(120),
            territory: TerritoryId(111),
            person: PersonId(2),
        }],
        call_patterns: vec![CallPattern {
            id: CallPatternId(130),
            segment: Segment::parse("A").unwrap(),
            role: SalesRole::AccountExecutive,
            channel: Channel::Field,
            mode: ContactMode::FaceToFace,
            calls: 1,
            per: PeriodKind::Month,
            duration_minutes: 60,
        }],
        reference_clients: vec![ReferenceClient {
            id: ReferenceClientId(140),
            account: AccountId(10),
            since: d(2025, 6, 1),
            until: None,
            circumstances: vec!["Replacing a legacy pump fleet".to_owned()],
            note: None,
        }],
        reference_uses: vec![ReferenceUse {
            id: ReferenceUseId(141),
            reference: ReferenceClientId(140),
            requested_by: PersonId(2),
            opportunity: Some(OpportunityId(50)),
            used_on: d(2026, 2, 10),
        }],
        trainings: vec![Training {
            id: TrainingId(150),
            person: PersonId(2),
            course: "Value selling".to_owned(),
            skill: Some("discovery".to_owned()),
            completed_on: d(2025, 11, 20),
            hours: 8,
        }],
    }
}

/// One problem that must be reported: the record, its id when it has one, and words the message
/// must contain.
struct Expected {
    record: &'static str,
    id: Option<i64>,
    words: &'static [&'static str],
}

impl Expected {
    fn matches(&self, p: &IntegrityProblem) -> bool {
        p.record == self.record
            && self.id.is_none_or(|id| p.id == id)
            && self.words.iter().all(|w| p.problem.contains(w))
    }
}

/// Every expected problem is reported exactly once and nothing else is.
#[track_caller]
fn assert_problems(problems: &[IntegrityProblem], expected: &[Expected]) {
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for e in expected {
        let hits = problems.iter().filter(|p| e.matches(p)).count();
        assert_eq!(hits, 1, "{} {:?} with {:?}: {hits} matches in {shown:#?}", e.record, e.id, e.words);
    }
    for p in problems {
        assert!(expected.iter().any(|e| e.matches(p)), "unexpected problem {p} in {shown:#?}");
    }
    assert_eq!(problems.len(), expected.len(), "{shown:#?}");
}

#[test]
fn a_consistent_dataset_has_no_problems() {
    let data = valid();
    assert_eq!(data.check(), Vec::<IntegrityProblem>::new());
    // An empty one neither.
    assert!(Dataset::default().check().is_empty());
}

#[test]
fn the_valid_dataset_holds_every_kind_of_record() {
    // Otherwise "no problems" above would prove less than it claims.
    let data = valid();
    let counts = [
        data.teams.len(),
        data.people.len(),
        data.accounts.len(),
        data.contacts.len(),
        data.product_lines.len(),
        data.products.len(),
        data.stages.len(),
        data.opportunities.len(),
        data.opportunity_changes.len(),
        data.leads.len(),
        data.activities.len(),
        data.contracts.len(),
        data.proposals.len(),
        data.quotas.len(),
        data.geo_units.len(),
        data.geo_edges.len(),
        data.territories.len(),
        data.alignments.len(),
        data.territory_assignments.len(),
        data.territory_reps.len(),
        data.call_patterns.len(),
        data.reference_clients.len(),
        data.reference_uses.len(),
        data.trainings.len(),
    ];
    assert!(counts.iter().all(|n| *n > 0), "{counts:?}");
}

#[test]
fn every_planted_problem_is_reported_not_just_the_first() {
    let mut data = valid();
    // 1. An account owned by someone who does not exist.
    data.accounts[0].owner = Some(PersonId(99));
    // 2–3. An opportunity on an account that does not exist, in a stage nobody defined.
    let mut orphan = opportunity(52, 77, 2);
    orphan.stage = "Negotiation/Review".to_owned();
    data.opportunities.push(orphan);
    // 4–5. Two teams that are each other's parent.
    data.teams.push(team(3, "Alpha", Some(4), None));
    data.teams.push(team(4, "Beta", Some(3), None));
    // 6. Two current alignments.
    data.alignments[1].status = AlignmentStatus::Current;
    // 7. A contract that ends before it starts.
    data.contracts[0].end = d(2025, 6, 30);

    assert_problems(
        &data.check(),
        &[
            Expected { record: "account", id: Some(10), words: &["owner 99", "does not exist"] },
            Expected { record: "opportunity", id: Some(52), words: &["account 77", "does not exist"] },
            Expected { record: "opportunity", id: Some(52), words: &["\"Negotiation/Review\"", "not a known stage"] },
            Expected { record: "team", id: Some(3), words: &["Alpha", "own ancestor"] },
            Expected { record: "team", id: Some(4), words: &["Beta", "own ancestor"] },
            Expected { record: "alignment", id: None, words: &["2 alignments", "current", "at most one"] },
            Expected { record: "contract", id: Some(80), words: &["end 2025-06-30", "start 2026-01-01"] },
        ],
    );
}

#[test]
fn each_record_kind_reports_its_own_invalid_values() {
    let mut data = valid();
    data.people[1].email = Some("bob at example.com".to_owned());
    data.accounts[1].potential = Some(usd(-1));
    data.opportunities[0].close_date = d(2025, 12, 31);
    data.leads[0].converted_on = None;
    data.quotas[1].target = QuotaTarget::Money(usd(100));
    data.stages[0].probability = Rate::from_percent(150);
    data.teams[1].name = String::new();

    assert_problems(
        &data.check(),
        &[
            Expected { record: "person", id: Some(2), words: &["\"bob at example.com\"", "name@example.com"] },
            Expected { record: "account", id: Some(11), words: &["potential", "negative"] },
            Expected { record: "opportunity", id: Some(50), words: &["close date 2025-12-31", "2026-01-10"] },
            Expected { record: "lead", id: Some(60), words: &["converted lead needs the date"] },
            Expected { record: "quota", id: Some(96), words: &["new_logos", "whole number"] },
            Expected { record: "stage", id: Some(40), words: &["stage probability", "150 %"] },
            Expected { record: "team", id: Some(2), words: &["team name", "empty"] },
        ],
    );
}

#[test]
fn every_kind_of_dangling_reference_is_reported() {
    let mut data = valid();
    data.teams[1].manager = Some(PersonId(901));
    data.people[1].team = Some(TeamId(902));
    data.accounts[1].parent = Some(AccountId(903));
    data.contacts[0].account = Some(AccountId(904));
    data.products[0].line = ProductLineId(905);
    data.opportunities[0].lines[0].product = ProductId(906);
    data.opportunities[0].team =
        DealTeam::new(vec![member(907, SplitType::Revenue, 1_000_000)]).expect("a valid team of a stranger");
    data.opportunity_changes[0].opportunity = OpportunityId(908);
    data.leads[0].converted_opportunity = Some(OpportunityId(909));
    data.activities[0].contact = Some(ContactId(910));
    data.contracts[0].product_line = Some(ProductLineId(911));
    data.proposals[0].opportunity = OpportunityId(912);
    data.quotas[0].owner = QuotaOwner::Person(PersonId(913));
    data.territories[1].parent = Some(TerritoryId(914));
    data.territory_assignments[0].unit = AlignedUnit::Geo(GeoUnitId(915));
    data.territory_reps[0].person = PersonId(916);
    data.reference_uses[0].reference = ReferenceClientId(917);
    data.trainings[0].person = PersonId(918);
    data.geo_edges = vec![GeoEdge::new(GeoUnitId(100), GeoUnitId(919)).unwrap()];

    let problems = data.check();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 19, "{shown:#?}");
    for target in 901..=919 {
        let hits = problems.iter().filter(|p| p.problem.contains(&format!(" {target} does not exist"))).count();
        assert_eq!(hits, 1, "{target} in {shown:#?}");
    }
}

#[test]
fn references_outside_the_usual_paths_are_checked_too() {
    let mut data = valid();
    data.alignments[1].based_on = Some(AlignmentId(921));
    data.reference_uses[0].opportunity = Some(OpportunityId(922));
    data.opportunity_changes[0].changed_by = Some(PersonId(923));
    data.people[1].home.geo_unit = Some(GeoUnitId(924));

    assert_problems(
        &data.check(),
        &[
            Expected { record: "alignment", id: Some(121), words: &["alignment 921 does not exist"] },
            Expected { record: "reference use", id: Some(141), words: &["opportunity 922 does not exist"] },
            Expected { record: "opportunity change", id: Some(51), words: &["person 923 does not exist"] },
            Expected { record: "person", id: Some(2), words: &["geographic unit 924 does not exist"] },
        ],
    );
}

#[test]
fn loops_in_any_hierarchy_are_reported_for_every_record_on_the_loop() {
    let mut data = valid();
    // Accounts 10 → 11 → 10.
    data.accounts[0].parent = Some(AccountId(11));
    // Territories 110 → 111 → 110.
    data.territories[0].parent = Some(TerritoryId(111));
    // People 1 and 2 manage each other.
    data.people[0].manager = Some(PersonId(2));
    // Teams 5 → 6 → 7 → 5, and team 8 hangs below the loop without being on it.
    data.teams.push(team(5, "North", Some(6), None));
    data.teams.push(team(6, "South", Some(7), None));
    data.teams.push(team(7, "West", Some(5), None));
    data.teams.push(team(8, "Below", Some(5), None));

    assert_problems(
        &data.check(),
        &[
            Expected { record: "account", id: Some(10), words: &["Acme Corp", "own ancestor"] },
            Expected { record: "account", id: Some(11), words: &["Acme Boston", "own ancestor"] },
            Expected { record: "territory", id: Some(110), words: &["East Region", "own ancestor"] },
            Expected { record: "territory", id: Some(111), words: &["Boston", "own ancestor"] },
            Expected { record: "person", id: Some(1), words: &["Ada Lovelace", "own manager"] },
            Expected { record: "person", id: Some(2), words: &["Bob Smith", "own manager"] },
            Expected { record: "team", id: Some(5), words: &["North", "own ancestor"] },
            Expected { record: "team", id: Some(6), words: &["South", "own ancestor"] },
            Expected { record: "team", id: Some(7), words: &["West", "own ancestor"] },
        ],
    );
}

#[test]
fn stage_names_are_only_checked_when_stages_are_defined() {
    let mut data = valid();
    data.opportunities[0].stage = "Whatever the CRM said".to_owned();
    assert_eq!(data.check().len(), 1);
    data.stages.clear();
    assert!(data.check().is_empty(), "{:?}", data.check());
}

#[test]
fn a_team_and_its_descendants() {
    let mut data = valid();
    data.teams.push(team(3, "Boston", Some(2), None));
    data.teams.push(team(4, "West", Some(1), None));
    data.teams.push(team(5, "Elsewhere", None, None));
    let below_east = data.team_and_descendants(TeamId(2));
    assert_eq!(below_east, HashSet::from([TeamId(2), TeamId(3)]));
    let everyone = data.team_and_descendants(TeamId(1));
    assert_eq!(everyone, HashSet::from([TeamId(1), TeamId(2), TeamId(3), TeamId(4)]));
    // A loop does not hang the walk.
    data.teams.push(team(6, "A", Some(7), None));
    data.teams.push(team(7, "B", Some(6), None));
    assert_eq!(data.team_and_descendants(TeamId(6)), HashSet::from([TeamId(6), TeamId(7)]));
}

#[test]
fn an_integrity_problem_reads_as_record_id_and_problem() {
    let p = IntegrityProblem { record: "account", id: 10, problem: "owner 99 does not exist".to_owned() };
    assert_eq!(p.to_string(), "account 10: owner 99 does not exist");
}
