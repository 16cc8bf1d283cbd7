//! Pipeline reviews: a team's open pipeline with its flags, and what changed between two
//! reviews, worked by hand; the "outside ICP" flag and figures by segment when those exist.

use std::collections::HashMap;

use proptest::prelude::*;
use sutton_domain::*;
use sutton_insight::*;

use crate::{Org, day, usd};

/// East has three open deals on 1 February; by 1 March one grew and was pushed, one was won
/// and one arrived.
fn org() -> Org {
    let mut org = Org::new();
    org.deal(
        1,
        day(2026, 1, 5),
        &[
            (day(2026, 1, 5), "Prospecting", 1_000, day(2026, 3, 15)),
            (day(2026, 2, 10), "Proposal", 1_400, day(2026, 4, 30)),
        ],
    );
    org.deal(
        1,
        day(2026, 1, 6),
        &[
            (day(2026, 1, 6), "Negotiation", 500, day(2026, 2, 20)),
            (day(2026, 2, 18), "Closed Won", 500, day(2026, 2, 18)),
        ],
    );
    org.deal(1, day(2026, 1, 7), &[(day(2026, 1, 7), "Proposal", 300, day(2026, 3, 31))]);
    org.deal(1, day(2026, 2, 12), &[(day(2026, 2, 12), "Prospecting", 250, day(2026, 5, 31))]);
    // West's deal never shows in East's review.
    org.deal(2, day(2026, 1, 8), &[(day(2026, 1, 8), "Proposal", 9_000, day(2026, 3, 1))]);
    org
}

#[test]
fn a_review_holds_the_teams_open_deals_largest_first_with_their_flags() {
    let org = org();
    let f = Facts::new(&org.data);
    let lines = review_lines(&f, day(2026, 2, 1), TeamId(1), &FlagRules::default());
    let amounts: Vec<Money> = lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, vec![usd(1_000), usd(500), usd(300)], "East only, as they stood on 1 February");
    assert_eq!(lines[0].stage, "Prospecting");
    assert_eq!(lines[0].close_date, day(2026, 3, 15));
    assert_eq!(lines[1].category, ForecastCategory::Commit);
    // Nobody has met anyone at Account 1: every deal is quiet and single-threaded.
    assert!(lines.iter().all(|l| l.flags.contains(&DealFlag::SingleThreaded { contacts: 0 })));
    assert!(lines.iter().all(|l| !l.flags.iter().any(|f| f.kind() == "outside_icp")), "no scores, no ICP flag");
}

#[test]
fn the_next_review_says_what_changed_and_carries_the_decisions() {
    let org = org();
    let f = Facts::new(&org.data);
    let rules = FlagRules::default();
    let mut first = review_lines(&f, day(2026, 2, 1), TeamId(1), &rules);
    first[0].decision = Some(Decision::Commit);
    first[0].note = Some("Budget confirmed".to_owned());
    first[1].decision = Some(Decision::Commit);
    let second = review_lines(&f, day(2026, 3, 1), TeamId(1), &rules);
    let c = compare_reviews(&first, &second);
    // 1,000 + 500 + 300 = 1,800 before; 1,400 + 300 + 250 = 1,950 after:
    // 1,800 − 500 gone + 250 new + 400 grown = 1,950.
    assert_eq!((c.previous_total, c.current_total), (usd(1_800), usd(1_950)));
    assert_eq!((c.gone_total, c.new_total, c.amount_change), (usd(500), usd(250), usd(400)));
    assert!(c.reconciles());
    let grown = c.changes.iter().find(|x| x.opportunity == OpportunityId(1)).expect("changed");
    assert_eq!(grown.amount, Some((usd(1_000), usd(1_400))));
    assert_eq!(grown.stage, Some(("Prospecting".to_owned(), "Proposal".to_owned())));
    assert_eq!(grown.close_date, Some((day(2026, 3, 15), day(2026, 4, 30))));
    assert_eq!(grown.carried, Some(Decision::Commit));
    assert_eq!(grown.carried_note.as_deref(), Some("Budget confirmed"));
    let won = c.changes.iter().find(|x| x.opportunity == OpportunityId(2)).expect("gone");
    assert!(won.gone && won.carried == Some(Decision::Commit));
    assert!(c.changes.iter().any(|x| x.opportunity == OpportunityId(4) && x.new));
    assert!(!c.changes.iter().any(|x| x.opportunity == OpportunityId(3)), "nothing to say about an unchanged deal");
}

#[test]
fn decisions_and_flags_read_back_from_their_text() {
    for d in Decision::ALL {
        assert_eq!(Decision::parse(d.as_str()), Ok(d));
    }
    assert!(Decision::parse("maybe").unwrap_err().contains("commit, downgrade, remove"));
    let flags = vec![
        DealFlag::Stale { days: 75 },
        DealFlag::Pushed { times: 3 },
        DealFlag::NoActivity { days: None },
        DealFlag::SingleThreaded { contacts: 1 },
        DealFlag::Overdue { days: 4 },
        DealFlag::OutsideIcp { score_ppm: 250_000 },
    ];
    let text = encode_flags(&flags);
    assert_eq!(text, "stale:75 pushed:3 no_activity:- single_threaded:1 overdue:4 outside_icp:250000");
    assert_eq!(decode_flags(&text), flags);
    assert_eq!(decode_flags("stale:9 mystery:1"), vec![DealFlag::Stale { days: 9 }]);
}

#[test]
fn deals_at_accounts_outside_the_ideal_client_profile_are_flagged_when_scores_exist() {
    let org = org();
    let fits = HashMap::from([(AccountId(1), (Rate::from_percent(25), false)), (AccountId(2), (Rate::ONE, true))]);
    let f = Facts::new(&org.data).with_icp(fits);
    let flagged = flag_deals(&f, day(2026, 2, 1), &FlagRules::default());
    for d in &flagged {
        let outside = d.flags.contains(&DealFlag::OutsideIcp { score_ppm: 250_000 });
        assert_eq!(outside, d.team.id == 1, "{d:?}");
    }
}

#[test]
fn conversion_by_segment_reads_the_accounts_segment() {
    let org = org();
    let f = Facts::new(&org.data).with_segments(HashMap::from([(AccountId(1), "A".to_owned())]));
    let rows = conversion(&f, day(2026, 3, 1), 90, Dimension::Segment);
    let a = rows.iter().find(|r| r.group.name == "A").expect("segment A");
    assert_eq!((a.won, a.lost), (1, 0));
    assert_eq!(a.won_amount, usd(500));
}

fn line(id: i64, amount: i64, stage: usize, close: u32) -> ReviewLine {
    ReviewLine {
        opportunity: OpportunityId(id),
        name: format!("Deal {id}"),
        owner: Group::new(1, "Ada"),
        amount: usd(amount),
        stage: ["Prospecting", "Proposal", "Negotiation"][stage].to_owned(),
        close_date: day(2026, 1, 1) + chrono::Duration::days(i64::from(close)),
        category: ForecastCategory::Pipeline,
        flags: Vec::new(),
        note: None,
        decision: None,
    }
}

fn lines() -> impl Strategy<Value = Vec<ReviewLine>> {
    prop::collection::btree_map(0i64..30, (0i64..100_000, 0usize..3, 0u32..200), 0..20)
        .prop_map(|m| m.into_iter().map(|(id, (a, s, c))| line(id, a, s, c)).collect())
}

proptest! {
    /// Whatever the two reviews hold, the comparison reconciles, every deal in only one of them
    /// is listed as new or gone, and a review compared with itself has no news.
    #[test]
    fn review_comparisons_reconcile(previous in lines(), current in lines()) {
        let c = compare_reviews(&previous, &current);
        prop_assert!(c.reconciles());
        for l in &current {
            let was = previous.iter().any(|p| p.opportunity == l.opportunity);
            prop_assert_eq!(c.changes.iter().any(|x| x.opportunity == l.opportunity && x.new), !was);
        }
        for p in &previous {
            let is = current.iter().any(|l| l.opportunity == p.opportunity);
            prop_assert_eq!(c.changes.iter().any(|x| x.opportunity == p.opportunity && x.gone), !is);
        }
        let same = compare_reviews(&current, &current);
        prop_assert!(same.changes.is_empty());
        prop_assert_eq!(same.amount_change.minor(), 0);
    }
}
