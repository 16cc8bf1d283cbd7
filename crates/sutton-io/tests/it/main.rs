//! Hand-written files in every shape Sutton reads, including the awkward ones.

use sutton_domain::*;
use sutton_io::export::{self, Format};
use sutton_io::{Object, Options, Plan, Sheet, Source};

fn sheet(name: &str, bytes: &[u8]) -> Sheet {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Sheet::from_bytes(name, stem, bytes).expect("readable")
}

fn plan_on(existing: Dataset, sheets: &[Sheet], options: Options) -> Plan {
    sutton_io::plan(existing, sheets, options, &mut |_| {})
}

fn plan(sheets: &[Sheet]) -> Plan {
    plan_on(Dataset::default(), sheets, Options::default())
}

fn assert_clean(p: &Plan) {
    let problems: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

const ACCOUNTS_15: &str = "\u{feff}Id,Name,Type,Industry,NumberOfEmployees,AnnualRevenue,BillingCity,BillingState,BillingPostalCode,BillingCountry,OwnerId,ParentId,CreatedDate,Region__c\n\
001D000000IqhSL,Acme Corp,Customer - Direct,Manufacturing,1200,\"1,250,000.50\",Tulsa,OK,74101,United States,005D000000AbcDe,,2023-04-01T09:30:00.000+0000,South\n\
001D000000IqhSM,Acme Tulsa Plant,Prospect,Manufacturing,80,,Tulsa,OK,74102,US,005D000000AbcDe,001D000000IqhSL,2023-05-02T10:00:00.000+0000,\n";

#[test]
fn a_salesforce_folder_without_users_imports_with_placeholders_and_skips_what_sutton_does_not_use() {
    // Opportunity.csv first: references resolve whatever the order. Semicolons, decimal
    // commas, Windows-1252 and a quoted newline, as a Norwegian Excel saves it.
    let opportunities = b"Id;Name;AccountId;OwnerId;StageName;IsClosed;IsWon;Probability;Amount;CloseDate;CreatedDate;Type;Description\n\
006D000000ZzYyX;Caf\xe9 sensors;001D000000IqhSLIAZ;005D000000AbcDe;Closed Won;1;1;100;1 234,50;2024-01-22;2023-11-02T08:00:00.000+0000;New Business;\"two\nlines\"\n\
006D000000ZzYyY;Plant gateway;001D000000IqhSM;005D000000XyZzz;Negotiation;0;;60;12.000;2024-03-31;2024-01-22T16:14:25.000+0000;Existing Business;\n";
    let sheets = vec![
        sheet("Opportunity.csv", opportunities),
        sheet("Account.csv", ACCOUNTS_15.as_bytes()),
        sheet("Case.csv", b"Id,Subject\n500D000000AAAAA,Broken\n"),
    ];
    let p = plan(&sheets);
    assert_clean(&p);
    let d = &p.data;
    assert_eq!(d.accounts.len(), 2);
    let acme = d.accounts.iter().find(|a| a.name == "Acme Corp").expect("acme");
    assert_eq!(acme.external_id.as_ref().map(ExternalId::value), Some("001D000000IqhSLIAZ"), "15-char id stored as 18");
    assert_eq!(acme.status, AccountStatus::Customer);
    assert_eq!(acme.annual_revenue.map(|m| m.minor()), Some(125_000_050));
    assert_eq!(acme.location.country.as_deref(), Some("US"));
    assert_eq!(acme.created_on.map(|d| d.to_string()).as_deref(), Some("2023-04-01"));
    let plant = d.accounts.iter().find(|a| a.name == "Acme Tulsa Plant").expect("plant");
    assert_eq!(plant.parent, Some(acme.id));
    let won = d.opportunities.iter().find(|o| o.name == "Café sensors").expect("cp1252 decoded");
    assert_eq!(won.amount.minor(), 123_450, "decimal comma");
    assert_eq!(won.status, OpportunityStatus::Won);
    assert_eq!(won.forecast_category, ForecastCategory::Closed);
    assert_eq!(won.account, acme.id, "18-char reference to a 15-char id");
    let open = d.opportunities.iter().find(|o| o.name == "Plant gateway").expect("open");
    assert_eq!(open.amount.minor(), 1_200_000, "thousands dot in a semicolon file");
    assert_eq!(open.kind, OpportunityType::Expansion);
    assert_eq!(open.created_on.to_string(), "2024-01-22");
    // Two owners, known only by id: placeholders, listed.
    assert_eq!(p.placeholders.len(), 2, "{:?}", p.placeholders);
    assert!(d.people.iter().all(|x| x.placeholder));
    assert_eq!(p.skipped.len(), 1);
    assert!(p.skipped[0].0.contains("Case"));
    assert!(p.ignored_columns.iter().any(|(f, c)| f == "Opportunity.csv" && c.contains(&"Description".to_owned())));
    assert_eq!(p.custom_fields.len(), 1, "Region__c carried along");
    let t = &p.tallies[&Object::Opportunity];
    assert_eq!((t.read, t.created, t.rejected), (2, 2, 0));

    // A later users file fills the placeholder in, and a re-import updates, not duplicates.
    let users = b"Id,FirstName,LastName,Email,Title,IsActive\n005D000000AbcDe,Ada,Lovelace,ada@example.com,Account Executive,true\n";
    let again = plan_on(
        p.data.clone(),
        &[sheet("User.csv", users), sheet("Account.csv", ACCOUNTS_15.as_bytes())],
        Options::default(),
    );
    assert_clean(&again);
    let ada = again.data.people.iter().find(|x| x.name == "Ada Lovelace").expect("filled in");
    assert!(!ada.placeholder);
    assert_eq!(again.data.people.len(), 2);
    assert_eq!(again.data.accounts.len(), 2, "updated by external id");
    let t = &again.tallies[&Object::Account];
    assert_eq!((t.created, t.unchanged), (0, 2));
    assert_eq!(again.tallies[&Object::Person].updated, 1);
}

#[test]
fn every_bad_row_is_reported_with_line_column_field_and_value() {
    let file = "Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate,CreatedDate,Probability\n\
006D000000ZzYy1,Good,001D000000IqhSL,005D000000AbcDe,Prospecting,100,2024-02-01,2024-01-01,10\n\
006D000000ZzYy2,Bad amount,001D000000IqhSL,005D000000AbcDe,Prospecting,12abc,2024-02-01,2024-01-01,10\n\
006D000000ZzYy3,Bad date,001D000000IqhSL,005D000000AbcDe,Prospecting,100,2024-02-30,2024-01-01,10\n\
006D000000ZzYy4,Unknown account,001D000000Nope1,005D000000AbcDe,Prospecting,100,2024-02-01,2024-01-01,10\n\
006D000000ZzYy5,Closes before created,001D000000IqhSL,005D000000AbcDe,Prospecting,100,2023-02-01,2024-01-01,10\n\
bad-id,Bad id,001D000000IqhSL,005D000000AbcDe,Prospecting,100,2024-02-01,2024-01-01,10\n\
006D000000ZzYy7,Too probable,001D000000IqhSL,005D000000AbcDe,Prospecting,100,2024-02-01,2024-01-01,250\n";
    let p = plan(&[sheet("Account.csv", ACCOUNTS_15.as_bytes()), sheet("Opportunity.csv", file.as_bytes())]);
    let lines: Vec<u64> = p.problems.iter().map(|x| x.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8], "{:#?}", p.problems);
    let by_line = |n: u64| p.problems.iter().find(|x| x.line == n).expect("reported");
    assert_eq!(by_line(3).column.as_deref(), Some("Amount"));
    assert_eq!(by_line(3).value, "12abc");
    assert_eq!(by_line(4).column.as_deref(), Some("CloseDate"));
    assert!(by_line(5).reason.contains("001D000000Nope1"), "{}", by_line(5).reason);
    assert!(by_line(6).reason.contains("before the creation date"), "{}", by_line(6).reason);
    assert_eq!(by_line(7).column.as_deref(), Some("Id"));
    assert!(by_line(8).reason.contains("probability"), "{}", by_line(8).reason);
    assert!(p.problems.iter().all(|x| x.file == "Opportunity.csv"));
    let t = &p.tallies[&Object::Opportunity];
    assert_eq!((t.read, t.created, t.rejected), (7, 1, 6), "valid + rejected = read");
    assert_eq!(p.rejected_rows.len(), 6);
    assert!(p.rejected_rows[0].cells.iter().any(|c| c == "12abc"), "rows are kept whole");
}

#[test]
fn report_exports_with_field_labels_resolve_by_name() {
    let accounts = "Account ID,Account Name,Billing City,Industry\n001D000000IqhSL,Acme Corp,Tulsa,Manufacturing\n";
    let report = "Opportunity Name,Account Name,Opportunity Owner,Stage,Amount,Close Date,Created Date,Probability (%)\n\
Sensors,Acme Corp,Grace Hopper,Closed Lost,\"$5,000.00\",1/22/2024,1/2/2024,0\n";
    let p = plan(&[sheet("accounts_report.csv", accounts.as_bytes()), sheet("report.csv", report.as_bytes())]);
    assert_clean(&p);
    let o = &p.data.opportunities[0];
    assert_eq!(o.status, OpportunityStatus::Lost);
    assert_eq!(o.amount.minor(), 500_000);
    assert_eq!(o.close_date.to_string(), "2024-01-22");
    assert_eq!(p.data.people[0].name, "Grace Hopper");
    assert_eq!(p.placeholders.len(), 1, "owner known by name only");
}

#[test]
fn hubspot_exports_with_labels_and_stage_ids() {
    let companies =
        "Record ID,Company name,Industry,City,Country/Region,Company owner\n9001,Nordlys AS,Energy,Oslo,Norway,77\n";
    let deals = "Record ID,Deal Name,Deal Stage,Amount,Close Date,Create Date,Deal owner,Associated Company IDs,Pipeline\n\
123,Nordlys pilot,closedwon,25000,2024-05-01 10:00,2024-02-01 09:00,77,9001,default\n\
124,Nordlys rollout,presentationscheduled,90000,2024-09-30,2024-05-02,77,9001;9002,default\n";
    let owners = "ID,First Name,Last Name,Email\n77,Kari,Nordmann,kari@example.com\n";
    let p = plan(&[
        sheet("deals.csv", deals.as_bytes()),
        sheet("companies.csv", companies.as_bytes()),
        sheet("owners.csv", owners.as_bytes()),
    ]);
    assert_clean(&p);
    assert!(p.files.iter().all(|(_, s, _)| *s == Source::Hubspot));
    let won = p.data.opportunities.iter().find(|o| o.name == "Nordlys pilot").expect("deal");
    assert_eq!((won.status, won.stage.as_str()), (OpportunityStatus::Won, "Closed Won"));
    let open = p.data.opportunities.iter().find(|o| o.name == "Nordlys rollout").expect("deal");
    assert_eq!(open.probability, Rate::from_percent(60));
    assert_eq!(open.stage, "Presentation Scheduled");
    assert_eq!(p.data.people.len(), 1);
    assert_eq!(p.data.people[0].name, "Kari Nordmann");
    assert!(p.placeholders.is_empty());
    assert_eq!(p.data.accounts[0].location.country.as_deref(), Some("NO"));
}

#[test]
fn danish_and_chinese_spreadsheet_numbers() {
    let da = "Id;Name;AnnualRevenue;CurrencyIsoCode;CreatedDate\n001D000000IqhSL;Kbh ApS;1.234.567,89;DKK;22.01.2024\n";
    let p = plan(&[sheet("Account.csv", da.as_bytes())]);
    assert_clean(&p);
    assert_eq!(p.data.accounts[0].annual_revenue, Some(Money::from_minor(123_456_789, Currency::DKK)));
    let zh = "Id,Name,AnnualRevenue,CurrencyIsoCode,CreatedDate\n001D000000IqhSL,上海仪器,\"￥12,345,678.90\",CNY,2024/1/22\n";
    let p = plan(&[sheet("Account.csv", zh.as_bytes())]);
    assert_clean(&p);
    assert_eq!(p.data.accounts[0].annual_revenue, Some(Money::from_minor(1_234_567_890, Currency::CNY)));
    assert_eq!(p.data.accounts[0].created_on.map(|d| d.to_string()).as_deref(), Some("2024-01-22"));
}

#[test]
fn skip_invalid_drops_rows_that_depend_on_rejected_rows() {
    let accounts = "Id,Name\n001D000000IqhSL,\n001D000000IqhSM,Fine\n";
    let opps = "Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate\n006D000000ZzYy1,Orphan,001D000000IqhSL,005D000000AbcDe,Prospecting,1,2024-01-01\n006D000000ZzYy2,Fine,001D000000IqhSM,005D000000AbcDe,Prospecting,1,2024-01-01\n";
    let p = plan_on(
        Dataset::default(),
        &[sheet("Account.csv", accounts.as_bytes()), sheet("Opportunity.csv", opps.as_bytes())],
        Options { from: None, skip_invalid: true },
    );
    assert_eq!(p.data.accounts.len(), 1);
    assert_eq!(p.data.opportunities.len(), 1);
    assert_eq!(p.problems.len(), 2, "{:#?}", p.problems);
    assert!(p.problems[1].reason.contains("was rejected (Account.csv line 2)"), "{}", p.problems[1].reason);
    assert!(p.data.check().is_empty());
}

fn sample() -> Dataset {
    let sheets = vec![
        sheet("Account.csv", ACCOUNTS_15.as_bytes()),
        sheet(
            "Opportunity.csv",
            b"Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate,CreatedDate,Sutton_Discount__c,Sutton_Margin__c\n006D000000ZzYyX,Sensors,001D000000IqhSL,005D000000AbcDe,Closed Won,1234.5,2024-01-22,2023-12-01,12.5,40\n",
        ),
        sheet("User.csv", b"Id,Name,Email\n005D000000AbcDe,Ada Lovelace,ada@example.com\n"),
        sheet(
            "OpportunityHistory.csv",
            b"Id,OpportunityId,CreatedDate,StageName,Probability,Amount,CloseDate\n008D000000AAAAA,006D000000ZzYyX,2023-12-01T10:00:00.000+0000,Prospecting,10,1000,2024-02-01\n",
        ),
        sheet(
            "Task.csv",
            b"Id,OwnerId,WhatId,ActivityDate,TaskSubtype,Subject,CallDurationInSeconds\n00TD000000AaBbC,005D000000AbcDe,006D000000ZzYyX,2023-12-05,Call,First call,600\n",
        ),
    ];
    let p = plan(&sheets);
    assert_clean(&p);
    p.data
}

#[test]
fn native_salesforce_and_xlsx_exports_read_back_to_the_same_records() {
    let data = sample();
    let act = &data.activities[0];
    assert_eq!((act.kind, act.duration_minutes, act.account.is_some()), (ActivityKind::Call, 10, true));
    for format in [Format::Native, Format::Salesforce, Format::Xlsx] {
        let dir = std::env::temp_dir().join(format!("sutton_io_export_{format:?}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let written = export::export(&data, &Default::default(), format, &dir).expect("export");
        assert!(!written.is_empty());
        let mut sheets = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("dir") {
            sheets.extend(Sheet::open(&entry.expect("entry").path()).expect("readable"));
        }
        let back = plan(&sheets);
        assert_clean(&back);
        assert_eq!(back.data.accounts, data.accounts, "{format:?}");
        assert_eq!(back.data.people, data.people, "{format:?}");
        assert_eq!(back.data.opportunities, data.opportunities, "{format:?}");
        assert_eq!(back.data.opportunity_changes, data.opportunity_changes, "{format:?}");
        assert_eq!(back.data.activities, data.activities, "{format:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn salesforce_export_is_shaped_for_an_update() {
    let data = sample();
    let dir = std::env::temp_dir().join(format!("sutton_io_sf_{}", std::process::id()));
    // The first account was segmented "A" by the last stored run; the others not at all.
    let first = data.accounts[0].id.get();
    let segments: export::Segments = [(first, "A".to_owned())].into_iter().collect();
    export::export_with(&data, &Default::default(), &segments, Format::Salesforce, &dir).expect("export");
    let account = std::fs::read_to_string(dir.join("Account.csv")).expect("file");
    let header: Vec<&str> = account.lines().next().expect("header").split(',').collect();
    for column in ["Id", "Sutton_Id__c", "OwnerId", "Segment__c", "Territory__c"] {
        assert!(header.contains(&column), "{column} in {header:?}");
    }
    assert!(account.contains("001D000000IqhSLIAZ"));
    let (sutton_id, segment) = (
        header.iter().position(|h| *h == "Sutton_Id__c").expect("id column"),
        header.iter().position(|h| *h == "Segment__c").expect("segment column"),
    );
    let rows: Vec<Vec<&str>> = account.lines().skip(1).map(|l| l.split(',').collect()).collect();
    for row in &rows {
        let expected = if row[sutton_id] == first.to_string() { "A" } else { "" };
        assert_eq!(row[segment], expected, "{row:?}");
    }
    assert!(rows.iter().any(|r| r[segment] == "A"), "the segmented account is exported");
    let hub = dir.join("hub");
    export::export(&data, &Default::default(), Format::Hubspot, &hub).expect("hubspot");
    let deals = std::fs::read_to_string(hub.join("deals.csv")).expect("deals");
    assert!(deals.starts_with("Sutton ID,Record ID,Deal Name"), "{deals}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Opportunities rows for the streaming tests: `n` deals on one account, ids `006D00000000001…`.
fn many_opportunities(n: usize, extra: &str) -> Sheet {
    let mut text = String::from("Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate\n");
    for i in 1..=n {
        text.push_str(&format!("006D00000{i:06},Deal {i},001D000000IqhSL,005D000000AbcDe,Prospecting,10,2024-03-01\n"));
    }
    text.push_str(extra);
    sheet("Opportunity.csv", text.as_bytes())
}

fn streamed(sheets: &[Sheet], options: Options) -> (Plan, Vec<i64>) {
    let mut out = Vec::new();
    let mut sink = |batch: Vec<Opportunity>| {
        assert!(batch.len() <= sutton_io::STREAM_BATCH);
        out.extend(batch.iter().map(|o| o.id.get()));
    };
    let plan = sutton_io::plan_streaming(Dataset::default(), sheets, options, &mut |_| {}, Some(&mut sink));
    (plan, out)
}

#[test]
fn new_opportunities_stream_once_final_and_one_that_two_rows_are_about_waits_for_the_end() {
    let n = sutton_io::STREAM_BATCH + 5;
    // The last row is about the first deal again: it updates what the first row created.
    let again = "006D00000000001,Deal 1 renamed,001D000000IqhSL,005D000000AbcDe,Prospecting,10,2024-03-01\n";
    let sheets = vec![sheet("Account.csv", ACCOUNTS_15.as_bytes()), many_opportunities(n, again)];
    let (plan, ids) = streamed(&sheets, Options::default());
    assert_clean(&plan);
    assert_eq!(ids.len(), n - 1, "all but the deal two rows are about");
    let first = plan.data.opportunities.iter().find(|o| o.name == "Deal 1 renamed").expect("renamed deal").id.get();
    assert!(!ids.contains(&first) && !plan.streamed.contains(&first));
    assert_eq!(plan.streamed, ids.iter().copied().collect());
    assert_eq!(plan.created[&Object::Opportunity].len(), n);
}

#[test]
fn nothing_streams_when_rows_may_still_be_dropped_or_later_files_change_opportunities() {
    let accounts = sheet("Account.csv", ACCOUNTS_15.as_bytes());
    let skip = Options { skip_invalid: true, ..Options::default() };
    let (plan, ids) = streamed(&[sheet("Account.csv", ACCOUNTS_15.as_bytes()), many_opportunities(20, "")], skip);
    assert_clean(&plan);
    assert!(ids.is_empty() && plan.streamed.is_empty(), "--skip-invalid can still drop rows at the end");

    let splits = sheet(
        "OpportunitySplit.csv",
        b"OpportunityId,SplitOwnerId,SplitPercentage,SplitTypeId\n006D000000000003,005D000000AbcDe,100,Revenue\n",
    );
    let (plan, ids) = streamed(&[accounts, many_opportunities(20, ""), splits], Options::default());
    assert!(plan.files.iter().any(|(_, _, o)| *o == Object::DealTeam), "{:?}", plan.files);
    assert!(ids.is_empty(), "a deal team file changes opportunities after their rows were read");
}

#[test]
fn a_large_file_read_on_two_cores_keys_and_reports_rows_as_one_would() {
    // Past the size at which a file's keys are read by two threads, with the rows that
    // depend on reading keys in order in both halves.
    let n = 70_000;
    let again = "006D00000000002,Deal 2 renamed,001D000000IqhSL,005D000000AbcDe,Prospecting,10,2024-03-01\n\
                 006D0000000000X!,Bad id late,001D000000IqhSL,005D000000AbcDe,Prospecting,10,2024-03-01\n";
    let sheets = vec![sheet("Account.csv", ACCOUNTS_15.as_bytes()), many_opportunities(n, again)];
    assert_eq!(sheets[1].row_estimate(), n + 2);
    let plan = plan(&sheets);
    let problems: Vec<(u64, String)> = plan.problems.iter().map(|p| (p.line, p.field.clone())).collect();
    // Line 1 is the header: deal i is on line i + 1, the renamed deal on n + 2, the bad id on n + 3.
    assert_eq!(problems, vec![(n as u64 + 3, "external_id".to_owned())], "{:?}", plan.problems);
    assert_eq!(plan.tallies[&Object::Opportunity].created, n);
    assert_eq!(plan.tallies[&Object::Opportunity].updated, 1, "the repeated id updates the deal it names");
    assert!(plan.data.opportunities.iter().any(|o| o.name == "Deal 2 renamed"));
    assert!(!plan.data.opportunities.iter().any(|o| o.name == "Deal 2"));
}
