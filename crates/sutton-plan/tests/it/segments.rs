//! SEG-1 and SEG-2 worked by hand.

use sutton_domain::*;
use sutton_plan::*;

use crate::{account, day, seg, usd};

fn inputs(measures: &[Option<i64>]) -> Vec<SegmentInput> {
    measures
        .iter()
        .enumerate()
        .map(|(i, m)| SegmentInput { account: AccountId(i as i64 + 1), owner: None, measure: *m })
        .collect()
}

fn names(s: &Segmentation) -> Vec<(i64, String)> {
    let mut v: Vec<(i64, String)> = s.accounts.iter().map(|a| (a.account.get(), s.segment(a).to_string())).collect();
    v.sort();
    v
}

fn expect(pairs: &[(i64, &str)]) -> Vec<(i64, String)> {
    pairs.iter().map(|(a, s)| (*a, (*s).to_owned())).collect()
}

#[test]
fn pareto_cut_offs_place_the_crossing_account_and_keep_ties_and_zeros_together() {
    // Total 100: A holds the first half (account 1 crosses nothing: it starts at 0 %), B runs
    // from 50 % to 80 % — the tie at 10 starts at 70 % so both are B — and C the rest.
    let rule = SegmentationRule::abc_by_potential();
    let s = segment(&inputs(&[Some(50), Some(20), Some(10), Some(10), Some(5), Some(5), Some(0), None]), &rule, &[])
        .expect("valid rule");
    assert_eq!(names(&s), expect(&[(1, "A"), (2, "B"), (3, "B"), (4, "B"), (5, "C"), (6, "C"), (7, "C"), (8, "C")]));
    let a3 = s.segment_of(AccountId(3)).expect("account 3");
    assert_eq!((a3.rank, a3.of), (3, 8));
    assert_eq!(a3.share_before, Rate::from_percent(70));
    assert_eq!(a3.cumulative_share, Rate::from_percent(90));
    let why = a3.explanation(&rule);
    assert!(why.starts_with("potential rank 3 of 8; accounts ranked above hold 70"), "{why}");
    assert!(why.ends_with("(under 80%): B") || why.ends_with("(under 80 %): B"), "{why}");
    assert_eq!(s.segment_of(AccountId(4)).map(|a| a.rank), Some(3));
    let zero = s.segment_of(AccountId(7)).expect("account 7");
    assert!(s.explanation(zero).contains("no potential"), "{}", s.explanation(zero));
    let summary: Vec<(String, u32, i128)> =
        s.summary.iter().map(|x| (x.segment.to_string(), x.accounts, x.measure)).collect();
    assert_eq!(summary, vec![("A".into(), 1, 50), ("B".into(), 3, 40), ("C".into(), 4, 10)]);

    // A tie that straddles the cut-off stays whole, on the side where it starts.
    let s = segment(&inputs(&[Some(40), Some(20), Some(20), Some(20)]), &rule, &[]).expect("valid");
    assert_eq!(names(&s), expect(&[(1, "A"), (2, "A"), (3, "A"), (4, "A")]));

    // Nothing to rank by: everyone is in the last segment.
    let s = segment(&inputs(&[Some(0), None, Some(0)]), &rule, &[]).expect("valid");
    assert!(s.accounts.iter().all(|a| s.segment(a) == &seg("C")));
}

#[test]
fn percentile_and_threshold_methods() {
    let mut rule = SegmentationRule::abc_by_potential();
    rule.method = SegmentMethod::Percentile { cuts: vec![Rate::from_percent(20), Rate::from_percent(50)] };
    let measures: Vec<Option<i64>> = (1..=10).rev().map(Some).collect();
    let s = segment(&inputs(&measures), &rule, &[]).expect("valid");
    let got = names(&s);
    let want: Vec<(i64, String)> = (1..=10)
        .map(|i| {
            (
                i,
                if i <= 2 {
                    "A"
                } else if i <= 5 {
                    "B"
                } else {
                    "C"
                }
                .to_owned(),
            )
        })
        .collect();
    assert_eq!(got, want);

    rule.method = SegmentMethod::Threshold { floors: vec![1000, 100] };
    let s = segment(&inputs(&[Some(1000), Some(999), Some(100), Some(99), None]), &rule, &[]).expect("valid");
    assert_eq!(names(&s), expect(&[(1, "A"), (2, "B"), (3, "B"), (4, "C"), (5, "C")]));
}

#[test]
fn overrides_survive_reruns_and_unknown_segments_are_refused() {
    let rule = SegmentationRule::abc_by_potential();
    let pin = SegmentOverride {
        account: AccountId(3),
        segment: seg("A"),
        reason: "strategic logo".to_owned(),
        set_by: "vp".to_owned(),
        set_on: day(2026, 3, 1),
    };
    let gone = SegmentOverride { account: AccountId(99), ..pin.clone() };
    for measures in [[Some(60), Some(30), Some(10)], [Some(10), Some(30), Some(1)]] {
        let s = segment(&inputs(&measures), &rule, &[pin.clone(), gone.clone()]).expect("valid");
        let a = s.segment_of(AccountId(3)).expect("account 3");
        assert_eq!(s.segment(a), &seg("A"));
        assert_eq!(s.computed(a), &seg("C"));
        assert!(s.explanation(a).contains("strategic logo"), "{}", s.explanation(a));
        assert_eq!(s.unused_overrides.len(), 1);
    }
    let bad = SegmentOverride { segment: seg("Z"), ..pin };
    let err = segment(&inputs(&[Some(1)]), &rule, &[bad]).expect_err("Z is not a segment");
    assert!(err.to_string().contains("not one of the segments"), "{err}");
}

#[test]
fn bad_rules_are_refused_with_what_to_fix() {
    let mut rule = SegmentationRule::abc_by_potential();
    rule.method = SegmentMethod::Pareto { cuts: vec![Rate::from_percent(80), Rate::from_percent(50)] };
    assert!(rule.validate().expect_err("overlap").to_string().contains("overlap"));
    rule.method = SegmentMethod::Pareto { cuts: vec![Rate::from_percent(80)] };
    assert!(rule.validate().expect_err("count").to_string().contains("need 2 cut-offs"));
    rule.method = SegmentMethod::Threshold { floors: vec![10, 10] };
    assert!(rule.validate().is_err());
    assert!(SegmentMeasure::parse("potential").is_ok());
    assert!(SegmentMeasure::parse("mood").is_err());
}

#[test]
fn segmentation_by_owner_book_ranks_each_book_on_its_own() {
    let mut rule = SegmentationRule::abc_by_potential();
    rule.scope = SegmentScope::OwnerBook;
    let data = Dataset {
        accounts: vec![
            account(1, Some(1), Some(1000)),
            account(2, Some(1), Some(10)),
            account(3, Some(2), Some(5)),
            account(4, Some(2), Some(1)),
        ],
        ..Dataset::default()
    };
    let inputs = segment_inputs(&data, rule.measure, rule.window_days, day(2026, 1, 1), None).expect("inputs");
    let s = segment(&inputs, &rule, &[]).expect("valid");
    // Account 3 is small beside account 1 but the biggest in its own book.
    assert_eq!(s.segment_of(AccountId(3)).map(|a| s.segment(a).clone()), Some(seg("A")));
    assert_eq!(s.segment_of(AccountId(2)).map(|a| s.segment(a).clone()), Some(seg("C")));
}

fn icp_profile() -> IcpProfile {
    IcpProfile {
        name: "Mid-size makers".to_owned(),
        criteria: vec![
            IcpCriterion {
                name: "size".to_owned(),
                attribute: IcpAttribute::Employees,
                test: IcpTest::Range { min: Some(100), max: Some(1000) },
                weight: 3,
            },
            IcpCriterion {
                name: "industry".to_owned(),
                attribute: IcpAttribute::Industry,
                test: IcpTest::OneOf(vec!["Manufacturing".to_owned(), "Energy".to_owned()]),
                weight: 2,
            },
            IcpCriterion {
                name: "new logo".to_owned(),
                attribute: IcpAttribute::Customer,
                test: IcpTest::Is(false),
                weight: 1,
            },
        ],
        fit_from: Rate::from_percent(60),
    }
}

#[test]
fn icp_scores_and_the_fitting_share_of_new_business_pipeline() {
    let mut data = Dataset {
        people: vec![crate::person(1, SalesRole::AccountExecutive, Channel::Field, Some(1), None)],
        ..Dataset::default()
    };
    let mut a = account(1, Some(1), None);
    a.employees = Some(500);
    a.industry = Some("Manufacturing".to_owned());
    let mut b = account(2, Some(1), None);
    b.employees = Some(50);
    b.industry = Some("manufacturing".to_owned());
    let mut c = account(3, Some(1), None);
    c.industry = Some(" energy ".to_owned());
    c.status = AccountStatus::Customer;
    data.accounts = vec![a, b, c];
    let scores = score_accounts(&data, &icp_profile()).expect("valid profile");
    let got: Vec<(i64, bool)> = scores.iter().map(|s| (s.score.ppm(), s.fits)).collect();
    assert_eq!(got, vec![(1_000_000, true), (500_000, false), (333_333, false)]);
    assert_eq!(scores[2].criteria[0].met, None, "employees unknown");

    let deal = |id: i64, account: i64, dollars: i64, kind: OpportunityType, status: OpportunityStatus| Opportunity {
        id: OpportunityId(id),
        external_id: None,
        name: format!("Deal {id}"),
        account: AccountId(account),
        owner: PersonId(1),
        kind,
        stage: "Proposal".to_owned(),
        status,
        probability: Rate::from_percent(50),
        forecast_category: ForecastCategory::Pipeline,
        source: None,
        lead: None,
        created_on: day(2026, 1, 10),
        close_date: day(2026, 6, 30),
        amount: usd(dollars),
        discount: Rate::ZERO,
        margin: None,
        lines: vec![],
        team: DealTeam::default(),
    };
    data.opportunities = vec![
        deal(1, 1, 1000, OpportunityType::NewBusiness, OpportunityStatus::Open),
        deal(2, 2, 3000, OpportunityType::NewBusiness, OpportunityStatus::Open),
        deal(3, 1, 9000, OpportunityType::NewBusiness, OpportunityStatus::Won),
        deal(4, 3, 9000, OpportunityType::Expansion, OpportunityStatus::Open),
    ];
    let fit = pipeline_fit(&data, &scores, day(2026, 2, 1));
    assert_eq!((fit.total.deals, fit.total.fitting_deals), (2, 1));
    assert_eq!(fit.total.share(), Rate::from_percent(25));
    assert_eq!(fit.by_rep[&PersonId(1)], fit.total);
    assert_eq!(fit.by_team[&TeamId(1)], fit.total);
    // Not yet created on the date: not in the pipeline.
    assert_eq!(pipeline_fit(&data, &scores, day(2026, 1, 9)).total.deals, 0);

    let mut bad = icp_profile();
    bad.criteria[1].test = IcpTest::Range { min: Some(1), max: None };
    assert!(score_accounts(&data, &bad).expect_err("range on text").to_string().contains("text attribute"));
}

/// A list long enough to be sorted on two threads comes out the same as a plain sort of the
/// accounts by measure then id, with ranks shared by ties; the accounts arrive out of order.
#[test]
fn a_large_list_ranks_as_a_plain_sort_does() {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let measures: Vec<Option<i64>> = (0..150_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Rounded so that ties are common; one in fifty unknown.
            (!state.is_multiple_of(50)).then_some((state % 4_000) as i64 * 100)
        })
        .collect();
    let mut list = inputs(&measures);
    list.reverse();
    let s = segment(&list, &SegmentationRule::abc_by_potential(), &[]).expect("valid rule");
    let value = |m: Option<i64>| m.unwrap_or(0).max(0);
    let mut sorted = list.clone();
    sorted.sort_by(|a, b| value(b.measure).cmp(&value(a.measure)).then(a.account.cmp(&b.account)));
    let got: Vec<AccountId> = s.accounts.iter().map(|a| a.account).collect();
    let want: Vec<AccountId> = sorted.iter().map(|a| a.account).collect();
    assert_eq!(got, want);
    let mut first = 0;
    for (i, a) in s.accounts.iter().enumerate() {
        if value(sorted[i].measure) != value(sorted[first].measure) {
            first = i;
        }
        assert_eq!(a.rank as usize, first + 1, "account {}", a.account);
    }
    assert_eq!(s.summary.iter().map(|x| x.accounts).sum::<u32>(), 150_000);
}
