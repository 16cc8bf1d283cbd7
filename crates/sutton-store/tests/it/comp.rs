//! Compensation plan versions and runs: written once, read back whole, and read through a
//! scope — the same on every backend.

use chrono::{DateTime, NaiveDate, Utc};
use sutton_domain::*;
use sutton_store::{
    CompRunHeader, CompRunRecord, StoredAdjustment, StoredCredit, StoredLine, StoredPlanVersion, StoredStatement,
};

use crate::harness::each_backend;
use crate::sample::{dataset, day, usd};

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).expect("valid")
}

fn version(text: &str, from: NaiveDate, until: Option<NaiveDate>) -> StoredPlanVersion {
    StoredPlanVersion {
        id: 0,
        text: text.to_owned(),
        effective_from: from,
        effective_until: until,
        note: "why".to_owned(),
        saved_by: "ops".to_owned(),
        saved_at: at(1_763_900_000),
    }
}

fn line(person: i64, component: &str, amount: i64) -> StoredLine {
    StoredLine {
        person: PersonId(person),
        plan: "ae v1".to_owned(),
        component: component.to_owned(),
        measure: Some("bookings".to_owned()),
        from: day(2026, 4, 1),
        until: day(2026, 7, 1),
        kind: "tier 1".to_owned(),
        achieved: Some(8_500_000),
        quota: Some(30_000_000),
        attainment_ppm: Some(283_333),
        band: Some((0, Some(1_000_000))),
        rate: "1× target incentive".to_owned(),
        amount: usd(amount),
        explanation: "85,000.00 credited in band 0 % to 100 %".to_owned(),
        explanation_data: Some(r#"{"kind":"tier","from":0,"to":1000000}"#.to_owned()),
        deals: vec![OpportunityId(1)],
        clawed_back: Vec::new(),
    }
}

fn run(previous: Option<i64>, versions: Vec<i64>, amount_for_3: i64) -> CompRunRecord {
    let period = Period::parse("FY2026 Q2").expect("period");
    let statement = |person: i64, name: &str, total: i64| StoredStatement {
        person: PersonId(person),
        name: name.to_owned(),
        total: usd(total),
        draw_balance: usd(if person == 3 { 500 } else { 0 }),
        plan_changes_in_year: 1,
        problems: if person == 2 { vec!["no quota".to_owned(), "second".to_owned()] } else { Vec::new() },
    };
    let mut draw = line(3, "draw", 100);
    draw.measure = None;
    draw.kind = "draw top-up".to_owned();
    draw.achieved = None;
    draw.quota = None;
    draw.attainment_ppm = None;
    draw.band = None;
    draw.rate = String::new();
    draw.deals = Vec::new();
    // As stored before explanations had figures: the English text only.
    draw.explanation_data = None;
    let mut band_open = line(2, "Bookings", 7);
    band_open.band = Some((1_500_000, None));
    band_open.clawed_back = vec![OpportunityId(1)];
    CompRunRecord {
        header: CompRunHeader {
            id: 0,
            period,
            start: day(2026, 4, 1),
            end: day(2026, 7, 1),
            as_of: day(2026, 11, 15),
            run_by: "cli:ops".to_owned(),
            run_at: at(1_763_900_100),
            currency: Currency::USD,
            previous,
            plan_versions: versions,
            plan_text: None,
        },
        statements: vec![statement(3, "Rita Rep", amount_for_3 + 100), statement(2, "Manny Manager", 7)],
        lines: vec![line(3, "Bookings", amount_for_3), draw, band_open],
        credits: vec![
            StoredCredit {
                person: PersonId(3),
                plan: "ae v1".to_owned(),
                component: "Bookings".to_owned(),
                segment_from: day(2026, 4, 1),
                measure: "bookings".to_owned(),
                date: day(2026, 5, 20),
                quantity: 8_500_000,
                currency: Some(Currency::USD),
                deal: OpportunityId(1),
                deal_name: "Big deal".to_owned(),
                source: "revenue:600000".to_owned(),
                cancelled_on: None,
                excluded: None,
                excluded_data: None,
            },
            StoredCredit {
                person: PersonId(3),
                plan: "ae v1".to_owned(),
                component: "New logos".to_owned(),
                segment_from: day(2026, 4, 1),
                measure: "new_logos".to_owned(),
                date: day(2026, 5, 20),
                quantity: 600_000,
                currency: None,
                deal: OpportunityId(1),
                deal_name: "Big deal".to_owned(),
                source: "owner".to_owned(),
                cancelled_on: Some(day(2026, 6, 1)),
                excluded: Some("cancelled within the window".to_owned()),
                excluded_data: Some(r#"{"kind":"clawback","days_after":12}"#.to_owned()),
            },
        ],
        adjustments: if previous.is_some() {
            vec![StoredAdjustment {
                person: PersonId(3),
                period,
                component: "Bookings".to_owned(),
                paid: usd(1_000),
                due: usd(amount_for_3),
                amount: usd(amount_for_3 - 1_000),
                clawback: true,
                reason: "clawback of deal(s) 1".to_owned(),
                reason_data: Some(r#"{"kind":"deals","clawed_back":[1]}"#.to_owned()),
            }]
        } else {
            Vec::new()
        },
    }
}

#[test]
fn plan_versions_are_kept_as_saved_in_order() {
    each_backend(|db, store| {
        assert!(store.comp_plan_versions().expect("read").is_empty(), "{}", db.name);
        let first = version("currency = \"USD\"\n", day(2026, 1, 1), None);
        let second = version("currency = \"EUR\"\n", day(2026, 7, 1), Some(day(2027, 1, 1)));
        let a = store.write(|tx| tx.insert_comp_plan_version(&first)).expect("save");
        let b = store.write(|tx| tx.insert_comp_plan_version(&second)).expect("save");
        assert!(b > a);
        let read = store.comp_plan_versions().expect("read");
        assert_eq!(
            read,
            vec![StoredPlanVersion { id: a, ..first }, StoredPlanVersion { id: b, ..second }],
            "{}",
            db.name
        );
        let backwards = version("x", day(2026, 7, 1), Some(day(2026, 7, 1)));
        assert!(store.write(|tx| tx.insert_comp_plan_version(&backwards)).is_err(), "an empty range is refused");
        assert_eq!(store.comp_plan_versions().expect("read").len(), 2);
    });
}

#[test]
fn a_run_comes_back_whole_and_each_rerun_is_a_new_run() {
    each_backend(|db, store| {
        store.write(|tx| tx.insert_dataset(&dataset())).expect("sample");
        let v = store.write(|tx| tx.insert_comp_plan_version(&version("book", day(2026, 1, 1), None))).expect("v");
        let period = Period::parse("FY2026 Q2").expect("period");
        assert_eq!(store.latest_comp_run(period).expect("latest"), None);
        let first = run(None, vec![v], 1_000);
        let id = store.write(|tx| tx.insert_comp_run(&first)).expect("store");
        let read = store.comp_run(id, &Scope::Everything, None).expect("read").expect("found");
        let mut expected = first.clone();
        expected.header.id = id;
        // Statements come by name; lines, credits and adjustments by person, then in order.
        expected.statements.reverse();
        expected.lines = vec![expected.lines[2].clone(), expected.lines[0].clone(), expected.lines[1].clone()];
        assert_eq!(read, expected, "{}", db.name);

        let second = run(Some(id), vec![v], 1_250);
        let again = store.write(|tx| tx.insert_comp_run(&second)).expect("store");
        assert!(again > id);
        assert_eq!(store.latest_comp_run(period).expect("latest"), Some(again), "{}", db.name);
        let read_first = store.comp_run(id, &Scope::Everything, None).expect("read").expect("found");
        assert_eq!(read_first, read, "{}: the first run is untouched", db.name);
        let read_second = store.comp_run(again, &Scope::Everything, None).expect("read").expect("found");
        assert_eq!(read_second.header.previous, Some(id));
        assert_eq!(read_second.adjustments, second.adjustments, "{}", db.name);
        assert_eq!(store.comp_run(again + 1, &Scope::Everything, None).expect("read"), None);

        let runs = store.comp_runs(&Scope::Everything).expect("list");
        assert_eq!(runs.iter().map(|r| r.header.id).collect::<Vec<_>>(), vec![again, id], "newest first");
        assert_eq!((runs[0].payees, runs[0].total, runs[0].adjustments), (2, usd(1_357), usd(250)));
        assert_eq!(runs[1].header.plan_versions, vec![v]);
        assert_eq!(store.counts().expect("counts").get("compensation runs"), Some(2), "{}: runs are counted", db.name);
    });
}

#[test]
fn a_scoped_reader_sees_only_their_own_rows() {
    each_backend(|db, store| {
        store.write(|tx| tx.insert_dataset(&dataset())).expect("sample");
        let id = store.write(|tx| tx.insert_comp_run(&run(None, Vec::new(), 1_000))).expect("store");
        let rep = Scope::People([PersonId(3)].into());
        let mine = store.comp_run(id, &rep, None).expect("read").expect("the run exists");
        assert_eq!(mine.statements.iter().map(|s| s.person).collect::<Vec<_>>(), vec![PersonId(3)], "{}", db.name);
        assert!(mine.lines.iter().all(|l| l.person == PersonId(3)));
        assert_eq!(mine.credits.len(), 2);
        let runs = store.comp_runs(&rep).expect("list");
        assert_eq!((runs.len(), runs[0].payees, runs[0].total), (1, 1, usd(1_100)), "{}: only their figures", db.name);
        let theirs = store.comp_run(id, &rep, Some(PersonId(2))).expect("read").expect("run");
        assert!(
            theirs.statements.is_empty() && theirs.lines.is_empty(),
            "{}: another payee's rows stay hidden",
            db.name
        );
        let nobody = Scope::People(Default::default());
        assert!(store.comp_runs(&nobody).expect("list").is_empty());
        assert_eq!(
            store.comp_draw_balances(day(2026, 7, 1)).expect("balances").into_iter().collect::<Vec<_>>(),
            vec![(PersonId(3), usd(500))],
            "{}: draws carry over from the period that ended",
            db.name
        );
        assert!(store.comp_draw_balances(day(2026, 6, 30)).expect("balances").is_empty(), "not before it ended");
    });
}
