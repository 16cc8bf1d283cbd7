//! SEG-3 and SEG-4 worked by hand: five customers, two product lines.

use sutton_domain::*;
use sutton_plan::*;

use crate::{account, day, person, usd};

fn won(id: i64, account: i64, owner: i64, product: i64, dollars: i64) -> Opportunity {
    Opportunity {
        id: OpportunityId(id),
        external_id: None,
        name: format!("Deal {id}"),
        account: AccountId(account),
        owner: PersonId(owner),
        kind: OpportunityType::NewBusiness,
        stage: "Closed Won".to_owned(),
        status: OpportunityStatus::Won,
        probability: Rate::ONE,
        forecast_category: ForecastCategory::Closed,
        source: None,
        lead: None,
        created_on: day(2025, 6, 1),
        close_date: day(2025, 9, 1),
        amount: usd(dollars),
        discount: Rate::ZERO,
        margin: None,
        lines: vec![OpportunityLine {
            id: OpportunityLineId(id),
            external_id: None,
            product: ProductId(product),
            quantity: 1,
            list_price: usd(dollars),
            discount: Rate::ZERO,
            unit_cost: usd(0),
        }],
        team: DealTeam::default(),
    }
}

/// Customers 1–4 in Energy (1–3 owned by rep 1, 4 by rep 2), customer 5 in Retail (rep 2).
fn market() -> Dataset {
    let mut data = Dataset {
        people: vec![
            person(1, SalesRole::AccountExecutive, Channel::Field, Some(1), None),
            person(2, SalesRole::AccountExecutive, Channel::Inside, Some(1), None),
        ],
        ..Dataset::default()
    };
    for (id, owner, industry) in
        [(1, 1, "Energy"), (2, 1, "Energy"), (3, 1, "energy"), (4, 2, "Energy"), (5, 2, "Retail")]
    {
        let mut a = account(id, Some(owner), None);
        a.status = AccountStatus::Customer;
        a.industry = Some(industry.to_owned());
        data.accounts.push(a);
    }
    data.accounts.push(account(6, None, None));
    for (id, name) in [(1, "Sensors"), (2, "Cloud")] {
        data.product_lines.push(ProductLine { id: ProductLineId(id), external_id: None, name: name.to_owned() });
        data.products.push(Product {
            id: ProductId(id),
            external_id: None,
            name: name.to_owned(),
            code: None,
            line: ProductLineId(id),
            list_price: usd(1),
            unit_cost: usd(0),
            active: true,
        });
    }
    data.opportunities = vec![
        won(1, 1, 1, 1, 100),
        won(2, 1, 1, 2, 300),
        won(3, 2, 1, 1, 200),
        won(4, 3, 1, 2, 90),
        won(5, 5, 2, 1, 1000),
        won(6, 6, 1, 1, 50),
    ];
    data.contracts.push(Contract {
        id: ContractId(1),
        external_id: None,
        account: AccountId(4),
        product_line: Some(ProductLineId(1)),
        start: day(2024, 1, 1),
        end: day(2026, 12, 31),
        annual_value: usd(10),
        renewal_status: RenewalStatus::Pending,
        renewal_opportunity: None,
    });
    data
}

#[test]
fn whitespace_values_missing_lines_at_what_similar_customers_spend() {
    let data = market();
    let options = WhitespaceOptions { window_days: 365, min_peers: 2 };
    let w = whitespace(&data, day(2026, 3, 1), &options);
    let rows = |owner: i64| -> Vec<(i64, i64, i64, i64)> {
        w[&Some(PersonId(owner))]
            .iter()
            .map(|i| (i.account.get(), i.line.get(), i.expected.minor(), i.penetration.ppm()))
            .collect()
    };
    // Customer 2's Energy peers (1, 3, 4) spent 300 + 90 + 0 on Cloud: $130 each on average;
    // customer 3's peers (1, 2, 4) 100 + 200 + 0 on Sensors, all three having bought it (4 by
    // contract). Customer 1 buys both lines: no whitespace.
    assert_eq!(rows(1), vec![(2, 2, 13_000, 666_667), (3, 1, 10_000, 1_000_000)]);
    // Customer 5 is alone in Retail, so it is compared with every other customer: 390 / 4.
    assert_eq!(rows(2), vec![(4, 2, 13_000, 666_667), (5, 2, 9_750, 500_000)]);
    let five = &w[&Some(PersonId(2))][1];
    assert_eq!((five.peers, five.peer_group.clone()), (4, PeerGroup::AllCustomers));
    assert_eq!(w[&Some(PersonId(1))][0].peer_group, PeerGroup::Industry("Energy".to_owned()));
}

#[test]
fn spend_tiers_find_accounts_in_the_wrong_hands() {
    let data = market();
    let key = StaffLevel {
        name: "key-account manager".to_owned(),
        role: SalesRole::AccountExecutive,
        channel: Some(Channel::Field),
        team: None,
    };
    let any_rep = StaffLevel { name: "inside rep".to_owned(), channel: Some(Channel::Inside), ..key.clone() };
    let rule = TierRule {
        tiers: vec![
            SpendTier { name: "Key".to_owned(), min_spend: 100_000, staff: key },
            SpendTier { name: "Core".to_owned(), min_spend: 1, staff: any_rep },
        ],
        window_days: 365,
    };
    let tiers = spend_tiers(&data, &rule, day(2026, 3, 1)).expect("valid tiers");
    let rows: Vec<(i64, &str, bool)> =
        tiers.iter().map(|t| (t.account.get(), t.tier.as_str(), t.mismatch.is_some())).collect();
    // $1,000 at customer 5 makes it Key, but its owner is an inside rep; Core accounts owned by
    // the field rep are in the wrong hands the other way; the unowned account has no one.
    assert_eq!(
        rows,
        vec![(1, "Core", true), (2, "Core", true), (3, "Core", true), (5, "Key", true), (6, "Core", true)]
    );
    assert!(tiers[3].mismatch.as_deref().is_some_and(|m| m.contains("key-account manager")), "{:?}", tiers[3]);
    assert!(tiers[4].mismatch.as_deref().is_some_and(|m| m.contains("no owner")));

    let mut bad = rule.clone();
    bad.tiers.reverse();
    assert!(spend_tiers(&data, &bad, day(2026, 3, 1)).expect_err("upside down").to_string().contains("overlap"));
}
