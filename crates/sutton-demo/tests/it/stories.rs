//! The ten planted stories, each found in the stored data by analysis.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};
use sutton_demo::default_as_of;
use sutton_domain::*;

use crate::demo;

fn team_of(d: &Dataset, person: PersonId) -> Option<&str> {
    let team = d.people.iter().find(|p| p.id == person)?.team?;
    d.teams.iter().find(|t| t.id == team).map(|t| t.name.as_str())
}

fn quarter(date: NaiveDate) -> i32 {
    date.year() * 4 + date.month0() as i32 / 3
}

/// Sellers: account executives, whatever their team.
fn executives(d: &Dataset) -> Vec<&Person> {
    d.people.iter().filter(|p| p.role == SalesRole::AccountExecutive).collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Story 1: the team with the most volatile bookings has big contracts expiring in the
/// January after the as-of date, nothing renewing them, and about 10 % of January's need in
/// its pipeline.
#[test]
fn story_1_a_boom_and_bust_team_faces_a_january_renewal_cliff() {
    let d = demo();
    let as_of = default_as_of();
    let last_complete = quarter(as_of) - 1;
    let mut bookings: BTreeMap<&str, BTreeMap<i32, f64>> = BTreeMap::new();
    for o in d.opportunities.iter().filter(|o| o.status == OpportunityStatus::Won && o.kind != OpportunityType::Renewal)
    {
        let q = quarter(o.close_date);
        if q > last_complete - 8
            && q <= last_complete
            && let Some(team) = team_of(d, o.owner)
        {
            *bookings.entry(team).or_default().entry(q).or_default() += o.amount.to_major_f64();
        }
    }
    let cv = |series: &BTreeMap<i32, f64>| {
        let values: Vec<f64> =
            (last_complete - 7..=last_complete).map(|q| series.get(&q).copied().unwrap_or(0.0)).collect();
        let m = mean(&values);
        (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / values.len() as f64).sqrt() / m
    };
    let selling_teams = ["Field East", "Field West", "Inside Sales", "Key Accounts"];
    let (volatile, worst_cv) = selling_teams
        .iter()
        .map(|t| (*t, bookings.get(t).map_or(0.0, cv)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("teams");
    assert_eq!(volatile, "Field West", "the boom-and-bust team");
    let others: Vec<f64> =
        selling_teams.iter().filter(|t| **t != volatile).map(|t| bookings.get(t).map_or(0.0, cv)).collect();
    assert!(worst_cv > 1.5 * others.iter().cloned().fold(0.0, f64::max), "CV {worst_cv:.2} against {others:?}");
    // Boom follows bust: quarter-on-quarter changes alternate in sign.
    let series = &bookings[volatile];
    let values: Vec<f64> =
        (last_complete - 7..=last_complete).map(|q| series.get(&q).copied().unwrap_or(0.0)).collect();
    let alternations = values.windows(3).filter(|w| (w[1] - w[0]) * (w[2] - w[1]) < 0.0).count();
    assert!(alternations >= 5, "{values:?}");

    // Its accounts' contracts ending in January with nothing renewing them.
    let members: HashSet<PersonId> =
        d.people.iter().filter(|p| team_of(d, p.id) == Some(volatile)).map(|p| p.id).collect();
    let team_accounts: HashSet<AccountId> =
        d.accounts.iter().filter(|a| a.owner.is_some_and(|o| members.contains(&o))).map(|a| a.id).collect();
    let january = |date: NaiveDate| date.year() == as_of.year() + 1 && date.month() == 1;
    let cliff: Vec<&Contract> =
        d.contracts.iter().filter(|c| january(c.end) && team_accounts.contains(&c.account)).collect();
    let expiring: f64 = cliff.iter().map(|c| c.annual_value.to_major_f64()).sum();
    let yearly_bookings: f64 = values[4..].iter().sum();
    assert!(
        expiring > yearly_bookings / 4.0,
        "more than a quarter's bookings expire in one month: {expiring:.0} against a year's {yearly_bookings:.0}"
    );
    assert!(
        cliff.iter().all(|c| c.renewal_opportunity.is_none() && c.renewal_status == RenewalStatus::Pending),
        "nothing renews them"
    );
    assert!(cliff.iter().any(|c| (c.end - c.start).num_days() > 2 * 365), "multi-year contracts");

    // January's open pipeline against January's share of the quarter's quota.
    let pipeline: f64 = d
        .opportunities
        .iter()
        .filter(|o| o.is_open() && members.contains(&o.owner) && january(o.close_date))
        .map(|o| o.amount.to_major_f64())
        .sum();
    let team_id = d.teams.iter().find(|t| t.name == volatile).map(|t| t.id).expect("team");
    let q1 = Period::quarter(as_of.year() + 1, 1).expect("valid");
    let quota: f64 = d
        .quotas
        .iter()
        .filter(|q| q.owner == QuotaOwner::Team(team_id) && q.period == q1)
        .map(|q| match q.target {
            QuotaTarget::Money(m) => m.to_major_f64(),
            QuotaTarget::Count(_) => 0.0,
        })
        .sum();
    let coverage = pipeline / (quota / 3.0);
    assert!(
        (0.04..=0.2).contains(&coverage),
        "January coverage {coverage:.3} (pipeline {pipeline:.0}, quota {quota:.0})"
    );
}

/// Story 2: a rep who left about three months ago still owns accounts and open deals.
#[test]
fn story_2_a_departed_reps_accounts_were_never_reassigned() {
    let d = demo();
    let as_of = default_as_of();
    let orphaned: Vec<(&Person, usize, usize)> = d
        .people
        .iter()
        .filter(|p| p.leave_date.is_some_and(|l| l < as_of))
        .map(|p| {
            let accounts = d.accounts.iter().filter(|a| a.owner == Some(p.id)).count();
            let open = d.opportunities.iter().filter(|o| o.owner == p.id && o.is_open()).count();
            (p, accounts, open)
        })
        .filter(|(_, accounts, _)| *accounts > 0)
        .collect();
    assert_eq!(orphaned.len(), 1, "one departed rep still owns accounts");
    let (rep, accounts, open) = orphaned[0];
    let gone = (as_of - rep.leave_date.expect("left")).num_days();
    assert!((75..=110).contains(&gone), "left {gone} days ago");
    assert!(accounts >= 50 && open >= 5, "{accounts} accounts, {open} open deals");
    assert_eq!(team_of(d, rep.id), Some("Field West"));
    // No account executive has worked those accounts since (lead generation and customer
    // success still touch some of them, which is how nobody noticed).
    let theirs: HashSet<AccountId> = d.accounts.iter().filter(|a| a.owner == Some(rep.id)).map(|a| a.id).collect();
    let executives: HashSet<PersonId> = executives(d).iter().map(|p| p.id).collect();
    let after = d.activities.iter().filter(|a| {
        a.date > rep.leave_date.expect("left")
            && executives.contains(&a.person)
            && a.account.is_some_and(|x| theirs.contains(&x))
    });
    assert_eq!(after.count(), 0);
}

/// Story 3: one rep discounts far more than peers, at lower margins.
#[test]
fn story_3_one_rep_discounts_far_more_than_peers() {
    let d = demo();
    let mut discounts: HashMap<PersonId, Vec<f64>> = HashMap::new();
    let mut margins: HashMap<PersonId, Vec<f64>> = HashMap::new();
    for o in d.opportunities.iter().filter(|o| o.kind != OpportunityType::Renewal) {
        discounts.entry(o.owner).or_default().push(o.discount.to_f64());
        if let Some(m) = o.margin {
            margins.entry(o.owner).or_default().push(m.to_f64());
        }
    }
    let reps: Vec<(PersonId, f64, f64)> = executives(d)
        .iter()
        .filter_map(|p| Some((p.id, mean(discounts.get(&p.id)?), mean(margins.get(&p.id)?))))
        .collect();
    let typical = median(reps.iter().map(|r| r.1).collect());
    let typical_margin = median(reps.iter().map(|r| r.2).collect());
    let heavy: Vec<&(PersonId, f64, f64)> = reps.iter().filter(|r| r.1 > 2.5 * typical).collect();
    assert_eq!(heavy.len(), 1, "one heavy discounter (median discount {typical:.3})");
    let (rep, discount, margin) = *heavy[0];
    assert!(
        discount > 0.2 && margin < typical_margin - 0.05,
        "discount {discount:.3}, margin {margin:.3} against {typical_margin:.3}"
    );
    assert_eq!(team_of(d, rep), Some("Field East"));
}

/// Story 4: Inside Sales piles its recent pipeline onto one product line.
#[test]
fn story_4_one_team_pushes_one_product_line() {
    let d = demo();
    let as_of = default_as_of();
    let recent_from = quarter(as_of) - 1;
    let line_of =
        |o: &Opportunity| o.lines.first().and_then(|l| d.products.iter().find(|p| p.id == l.product)).map(|p| p.line);
    let mut shares: BTreeMap<(&str, bool), HashMap<ProductLineId, f64>> = BTreeMap::new();
    for o in d.opportunities.iter().filter(|o| o.kind != OpportunityType::Renewal) {
        let q = quarter(o.created_on);
        if q < recent_from - 4 {
            continue;
        }
        if let (Some(team), Some(line)) = (team_of(d, o.owner), line_of(o)) {
            *shares.entry((team, q >= recent_from)).or_default().entry(line).or_default() += o.amount.to_major_f64();
        }
    }
    let top = |m: &HashMap<ProductLineId, f64>| {
        let total: f64 = m.values().sum();
        m.iter().map(|(l, v)| (*l, v / total)).max_by(|a, b| a.1.total_cmp(&b.1)).expect("lines")
    };
    let (line, recent) = top(&shares[&("Inside Sales", true)]);
    let before = shares[&("Inside Sales", false)].get(&line).copied().unwrap_or(0.0)
        / shares[&("Inside Sales", false)].values().sum::<f64>();
    let name = d.product_lines.iter().find(|l| l.id == line).map(|l| l.name.as_str());
    assert_eq!(name, Some("Analytics Cloud"));
    assert!(recent > 0.75 && before < 0.5, "{recent:.2} of recent pipeline against {before:.2} before");
    for team in ["Field East", "Field West"] {
        let (_, share) = top(&shares[&(team, true)]);
        assert!(share < 0.6, "{team} keeps a mix ({share:.2})");
    }
}

/// Story 5: key accounts that hang on one contact.
#[test]
fn story_5_key_accounts_hang_on_a_single_contact() {
    let d = demo();
    let kams: HashSet<PersonId> =
        d.people.iter().filter(|p| team_of(d, p.id) == Some("Key Accounts")).map(|p| p.id).collect();
    let key: Vec<AccountId> =
        d.accounts.iter().filter(|a| a.owner.is_some_and(|o| kams.contains(&o))).map(|a| a.id).collect();
    let mut contacts: HashMap<AccountId, usize> = HashMap::new();
    for c in &d.contacts {
        if let Some(a) = c.account {
            *contacts.entry(a).or_default() += 1;
        }
    }
    let single = key.iter().filter(|a| contacts.get(a) == Some(&1)).count();
    let share = single as f64 / key.len() as f64;
    assert!(key.len() >= 100 && (0.2..=0.5).contains(&share), "{single} of {} key accounts", key.len());
}

/// Story 6: A accounts get fewer calls each than C accounts.
#[test]
fn story_6_a_accounts_are_under_called_while_c_accounts_are_over_called() {
    let d = demo();
    let as_of = default_as_of();
    let mut calls: HashMap<AccountId, u32> = HashMap::new();
    for a in d.activities.iter().filter(|a| a.category.is_direct_selling() && a.date > as_of - Duration::days(365)) {
        if let Some(account) = a.account {
            *calls.entry(account).or_default() += 1;
        }
    }
    // Within each rep's book: A = the accounts that make the first half of its potential,
    // C = those after 80 %. A good pattern calls A accounts several times as often as C.
    let mut by_owner: HashMap<PersonId, (Vec<f64>, Vec<f64>)> = HashMap::new();
    for p in executives(d) {
        let mut book: Vec<&Account> = d.accounts.iter().filter(|a| a.owner == Some(p.id)).collect();
        book.sort_by_key(|a| std::cmp::Reverse(a.potential.map(|p| p.minor())));
        let total: i64 = book.iter().filter_map(|a| a.potential).map(|p| p.minor()).sum();
        let mut running = 0;
        for a in book {
            let share = running as f64 / total.max(1) as f64;
            running += a.potential.map_or(0, |p| p.minor());
            let n = f64::from(calls.get(&a.id).copied().unwrap_or(0));
            let e = by_owner.entry(p.id).or_default();
            if share < 0.5 {
                e.0.push(n);
            } else if share >= 0.8 {
                e.1.push(n);
            }
        }
    }
    let inverted = by_owner.values().filter(|(a, c)| !a.is_empty() && !c.is_empty() && mean(a) < mean(c)).count();
    assert!(
        inverted * 10 >= by_owner.len() * 8,
        "{inverted} of {} reps call their C accounts more than their A accounts",
        by_owner.len()
    );
    let a_calls: Vec<f64> = by_owner.values().flat_map(|(a, _)| a.iter().copied()).collect();
    let c_calls: Vec<f64> = by_owner.values().flat_map(|(_, c)| c.iter().copied()).collect();
    let (a, c) = (mean(&a_calls), mean(&c_calls));
    assert!(a < 0.8 * c, "calls per A account {a:.1}, per C account {c:.1}");
}

/// Story 7: a hire cohort where some ramp in about four months and others take ten.
#[test]
fn story_7_one_hire_cohort_ramps_unevenly() {
    let d = demo();
    let cohort: Vec<&Person> = executives(d)
        .into_iter()
        .filter(|p| {
            p.hire_date.is_some_and(|h| {
                h >= NaiveDate::from_ymd_opt(2025, 1, 15).unwrap_or_default()
                    && h <= NaiveDate::from_ymd_opt(2025, 4, 15).unwrap_or_default()
            })
        })
        .collect();
    assert!(cohort.len() >= 4, "a cohort of {}", cohort.len());
    let months_to_first_win: Vec<f64> = cohort
        .iter()
        .map(|p| {
            let first = d
                .opportunities
                .iter()
                .filter(|o| o.owner == p.id && o.status == OpportunityStatus::Won)
                .map(|o| o.close_date)
                .min();
            first.map_or(99.0, |f| (f - p.hire_date.unwrap_or(f)).num_days() as f64 / 30.4)
        })
        .collect();
    let fast = months_to_first_win.iter().filter(|m| (3.0..=5.0).contains(*m)).count();
    let slow = months_to_first_win.iter().filter(|m| (9.0..=11.0).contains(*m)).count();
    assert!(fast >= 2 && slow >= 2, "months to first win: {months_to_first_win:?}");
}

/// Story 8: one reference client asked far too often, mostly lately.
#[test]
fn story_8_one_reference_client_is_asked_far_too_often() {
    let d = demo();
    let as_of = default_as_of();
    let mut uses: HashMap<ReferenceClientId, (u32, u32)> = HashMap::new();
    for u in &d.reference_uses {
        let e = uses.entry(u.reference).or_default();
        e.0 += 1;
        if u.used_on > as_of - Duration::days(183) {
            e.1 += 1;
        }
    }
    let mut counts: Vec<(u32, u32)> = uses.values().copied().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    let (most, recent) = counts[0];
    assert!(d.reference_clients.len() >= 15);
    assert!(most >= 4 * counts[1].0 && most >= 25, "uses per reference: {counts:?}");
    assert!(f64::from(recent) > 0.4 * f64::from(most), "{recent} of {most} in the last six months");
}

/// Story 9: field territories so uneven that some reps carry three times the work of others.
#[test]
fn story_9_field_territories_are_out_of_balance() {
    let d = demo();
    // Workload from the stored call patterns: field reps call A accounts twice a month and B
    // accounts monthly, an hour each.
    let minutes = |segment: &str| -> f64 {
        d.call_patterns
            .iter()
            .filter(|c| {
                c.segment.as_str() == segment && c.role == SalesRole::AccountExecutive && c.channel == Channel::Field
            })
            .map(|c| f64::from(c.calls_per_year() * c.duration_minutes))
            .sum()
    };
    let (a_minutes, b_minutes) = (minutes("A"), minutes("B"));
    for team in ["Field East", "Field West"] {
        let reps: Vec<&Person> = executives(d).into_iter().filter(|p| team_of(d, p.id) == Some(team)).collect();
        let all: Vec<&Account> =
            d.accounts.iter().filter(|a| a.owner.is_some_and(|o| reps.iter().any(|r| r.id == o))).collect();
        let mut sorted: Vec<i64> = all.iter().filter_map(|a| a.potential).map(|p| p.minor()).collect();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let total: i64 = sorted.iter().sum();
        let (mut running, mut a_cut, mut b_cut) = (0, i64::MAX, i64::MAX);
        for p in &sorted {
            running += p;
            if running as f64 <= 0.5 * total as f64 {
                a_cut = *p;
            }
            if running as f64 <= 0.8 * total as f64 {
                b_cut = *p;
            }
        }
        let workloads: Vec<f64> = reps
            .iter()
            .map(|r| {
                all.iter()
                    .filter(|a| a.owner == Some(r.id))
                    .map(|a| {
                        let p = a.potential.map_or(0, |p| p.minor());
                        if p >= a_cut {
                            a_minutes
                        } else if p >= b_cut {
                            b_minutes
                        } else {
                            0.0
                        }
                    })
                    .sum()
            })
            .collect();
        let (lo, hi) = workloads.iter().fold((f64::MAX, 0.0_f64), |(l, h), w| (l.min(*w), h.max(*w)));
        assert!(hi / lo >= 2.4, "{team}: heaviest/lightest workload {:.2} ({workloads:?})", hi / lo);
    }
}

/// Story 10: three reps spend well under 55 % of their time selling.
#[test]
fn story_10_some_reps_spend_too_little_time_selling() {
    let d = demo();
    let as_of = default_as_of();
    let mut time: HashMap<PersonId, (u64, u64)> = HashMap::new();
    for a in d.activities.iter().filter(|a| a.date > as_of - Duration::days(365)) {
        let e = time.entry(a.person).or_default();
        e.1 += u64::from(a.duration_minutes);
        if a.category.is_direct_selling() {
            e.0 += u64::from(a.duration_minutes);
        }
    }
    let shares: Vec<(PersonId, f64)> = d
        .people
        .iter()
        .filter(|p| p.role.carries_book() && time.get(&p.id).is_some_and(|t| t.1 > 0))
        .map(|p| {
            let (direct, all) = time[&p.id];
            (p.id, direct as f64 / all as f64)
        })
        .collect();
    let low: Vec<f64> = shares.iter().map(|s| s.1).filter(|s| *s < 0.5).collect();
    assert_eq!(low.len(), 3, "{low:?}");
    let rest: Vec<f64> = shares.iter().map(|s| s.1).filter(|s| *s >= 0.5).collect();
    let typical = median(rest);
    assert!((0.55..=0.65).contains(&typical), "typical direct-selling share {typical:.3}");
    // Time is itemised: the non-selling categories are named.
    let categories: HashSet<&str> =
        d.activities.iter().filter(|a| !a.category.is_direct_selling()).map(|a| a.category.as_str()).collect();
    for c in ["travel", "administration", "internal_meeting", "training"] {
        assert!(categories.contains(c), "{c} is recorded");
    }
}
