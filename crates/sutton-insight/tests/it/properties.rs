//! Properties that hold for any history: movement always reconciles, and its start and end are
//! the pipeline open in the window on the two dates.

use proptest::prelude::*;
use sutton_insight::*;

use crate::{Org, day};

const STAGES: [&str; 5] = ["Prospecting", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];

/// A deal: created on day `c` of 2026; then changes `(after days, stage, amount, close in days
/// from the change)`.
type DealSpec = (u32, Vec<(u32, usize, i64, u32)>);

fn deals() -> impl Strategy<Value = Vec<DealSpec>> {
    let change = (0u32..40, 0usize..5, 0i64..10_000, 0u32..120);
    prop::collection::vec((0u32..200, prop::collection::vec(change, 1..5)), 0..25)
}

fn build(specs: &[DealSpec]) -> Org {
    let mut org = Org::new();
    let start = day(2026, 1, 1);
    for (k, (c, changes)) in specs.iter().enumerate() {
        let created = start + chrono::Duration::days(i64::from(*c));
        let mut at = created;
        let mut history = Vec::new();
        for (after, stage, amount, close) in changes {
            at += chrono::Duration::days(i64::from(*after));
            let stage = STAGES[*stage];
            history.push((at, stage, *amount, at + chrono::Duration::days(i64::from(*close))));
            if stage.starts_with("Closed") {
                break;
            }
        }
        org.deal(1 + (k as i64 % 2), created, &history);
    }
    org
}

proptest! {
    #[test]
    fn movement_always_reconciles(specs in deals(), from in 0i64..250, span in 0i64..120, w in 0i64..300, len in 1i64..150) {
        let org = build(&specs);
        let f = Facts::new(&org.data);
        let base = day(2026, 1, 1);
        let (from, to) = (base + chrono::Duration::days(from), base + chrono::Duration::days(from + span));
        let window = (base + chrono::Duration::days(w), base + chrono::Duration::days(w + len));
        let rows = movement(&f, from, to, window, Dimension::Team);
        let open_in_window = |on: chrono::NaiveDate| -> i64 {
            (0..org.data.opportunities.len())
                .filter_map(|i| f.state_on(i, on))
                .filter(|s| s.is_open() && s.close.max(on) >= window.0 && s.close.max(on) < window.1)
                .map(|s| s.amount)
                .sum()
        };
        let (mut start, mut end) = (0, 0);
        for m in &rows {
            prop_assert!(m.reconciles(), "{m:?}");
            start += m.start.minor();
            end += m.end.minor();
        }
        prop_assert_eq!(start, open_in_window(from));
        prop_assert_eq!(end, open_in_window(to));
    }

    #[test]
    fn open_pipeline_cells_sum_to_the_open_deals(specs in deals(), on in 0i64..300) {
        let org = build(&specs);
        let f = Facts::new(&org.data);
        let on = day(2026, 1, 1) + chrono::Duration::days(on);
        let cells = open_pipeline(&f, on, sutton_domain::PeriodKind::Quarter);
        let total: i64 = cells.iter().map(|c| c.amount.minor()).sum();
        let expected: i64 = (0..org.data.opportunities.len())
            .filter_map(|i| f.state_on(i, on))
            .filter(|s| s.is_open())
            .map(|s| s.amount)
            .sum();
        prop_assert_eq!(total, expected);
        for c in &cells {
            prop_assert!(c.weighted.minor() <= c.amount.minor());
        }
    }
}

proptest! {
    /// A deal's state on any date is what its history says, read the slow way: the last entry on
    /// or before the date (the first entry before it), or, for a deal without history, the deal
    /// as it stands, still open before its close date; nothing before it was created.
    #[test]
    fn state_on_matches_the_history_read_directly(specs in deals(), bare in 0usize..3, on in 0i64..400) {
        let mut org = build(&specs);
        // Some deals lose their history, as deals imported without it have none.
        let keep: std::collections::HashSet<_> =
            org.data.opportunities.iter().enumerate().filter(|(i, _)| i % 3 != bare).map(|(_, o)| o.id).collect();
        org.data.opportunity_changes.retain(|c| keep.contains(&c.opportunity));
        let f = Facts::new(&org.data);
        let on = day(2026, 1, 1) + chrono::Duration::days(on);
        for (i, o) in org.data.opportunities.iter().enumerate() {
            let mut history: Vec<_> = org.data.opportunity_changes.iter().filter(|c| c.opportunity == o.id).collect();
            history.sort_by_key(|c| (c.changed_at, c.id));
            let expected = if o.created_on > on {
                None
            } else {
                let before = history.iter().filter(|c| c.changed_at.date() <= on).count();
                match history.get(before.saturating_sub(1)) {
                    Some(c) => Some((c.stage.as_str(), c.status, c.probability, c.forecast_category, c.amount.minor(), c.close_date)),
                    None if !o.is_open() && o.close_date > on => Some((
                        o.stage.as_str(),
                        sutton_domain::OpportunityStatus::Open,
                        o.probability,
                        sutton_domain::ForecastCategory::Pipeline,
                        o.amount.minor(),
                        o.close_date,
                    )),
                    None => Some((o.stage.as_str(), o.status, o.probability, o.forecast_category, o.amount.minor(), o.close_date)),
                }
            };
            let got = f.state_on(i, on).map(|s| (s.stage, s.status, s.probability, s.category, s.amount, s.close));
            prop_assert_eq!(got, expected, "deal {}", i);
        }
    }
}
