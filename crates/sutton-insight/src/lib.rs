//! # sutton-insight — reading the pipeline, and seeing the bust before it lands
//!
//! Pure engines over a [`Dataset`](sutton_domain::Dataset): no IO, no clock (every measure takes
//! its "as of" date), no panics on user data. [`Facts`] indexes the snapshot once; the measures
//! read it. Money is summed exactly in `i128` minor units and handed back as
//! [`Money`](sutton_domain::Money); ratios of money are [`Rate`](sutton_domain::Rate)s (parts
//! per million); only statistics that are not money (a coefficient of variation, mean days in a
//! stage, the risk score's parts) are `f64`.
//!
//! ## Deals as they stood
//!
//! Every measure sees deals **as they stood on a date**, rebuilt from the append-only history
//! (the last entry on or before the date; deals created later do not exist yet). That is what
//! makes a backtest honest: run the whiplash report "as of" last July on today's data and it
//! sees July's pipeline, July's stages and July's close dates, not what happened since. An open
//! deal whose close date has passed counts in the period of the date it is seen on (it is
//! overdue, not gone). Money in another currency than the organisation's is left out of sums
//! rather than mixed in.
//!
//! ## Pipeline (DEAL-3…6, DEAL-8) — [`pipeline`]
//!
//! * **Open pipeline** — every open deal summed by expected-close period × team × rep × product
//!   line (the line carrying most of the deal's net value) × stage × forecast category, with
//!   the weighted amount (amount × probability, each deal rounded once).
//! * **Coverage** — per upcoming period and team (or rep): open pipeline expected to close in
//!   the period ÷ quota still to book (quota less what is already won in the period). The
//!   **required coverage** is not a fixed 3×: for each of the last few complete periods P we
//!   rebuild the pipeline that was open *at the same distance before P* (expected in P) and
//!   divide it by what the team then booked in P after that point. Pooled over those periods,
//!   pipeline-then ÷ booked-after is how much pipeline this team needs, this far out, per unit it
//!   will book. A team with fewer than two usable periods borrows the company's figure (and
//!   says so). **Gap** = required × remaining quota − pipeline, when positive.
//! * **Movement** — between two dates, for pipeline expected to close in a window: *new*
//!   (created since), *pulled in* (existed, now expected in the window), *pushed out* (still
//!   open, now expected outside), *grown*/*shrunk* (amount changes), *won*/*lost* (at the amount
//!   it had at the start). `end = start + new + pulled in + grown − pushed out − shrunk − won −
//!   lost`, exactly, by construction (and by property test).
//! * **Conversion** — deals closed in a window: win rate by count and by value, average won
//!   deal, mean cycle (created → won), and per open stage how many deals reached it, how many went
//!   on (a won deal went through every stage), and the mean days spent in it; proposals sent on
//!   those deals, per deal, and the share on deals won.
//! * **Deal-quality flags** — stale (no change of stage, amount or close date in 60 days), close
//!   date pushed at least twice, no selling activity on the deal or its account in 30 days,
//!   single-threaded (at most one contact engaged or met in the last year), overdue, and outside
//!   the ideal-client profile when fit scores are given ([`Facts::with_icp`]).
//! * **Forecast** — per period: won so far, commit, best case, pipeline and weighted; the commit
//!   forecast (won + commit) and the weighted forecast (won + weighted); and for past periods
//!   the forecast as it stood at the same point in the period against what was won (accuracy =
//!   forecast ÷ actual).
//!
//! ## Pipeline reviews (DEAL-5) — [`review`]
//!
//! A team's open pipeline on a date with every deal's flags ([`review_lines`]), and what
//! changed since the team's previous review ([`compare_reviews`]): new deals, deals gone,
//! amount, stage and close-date changes, and the decisions taken last time, carried; the
//! totals reconcile exactly.
//!
//! ## Whiplash (WHIP-1…9) — [`whiplash`]
//!
//! Per selling team and for the company, over the upcoming periods (the current one first):
//!
//! 1. **volatility** — coefficient of variation of new and expansion bookings over the last eight
//!    complete quarters (threshold 0.35), with how often boom followed bust;
//! 2. **forward_coverage** — read **month by month** over the horizon (the seed's bust was one
//!    January): coverage of the month's remaining quota (a third of the quarter's) ÷ the coverage
//!    history says is needed at that distance, in the worst month; a warning below 60 % when the
//!    gap is at least a fifth of the month's quota. Months so far out that history shows under
//!    0.2× in place at that distance are skipped: an empty pipeline there is normal;
//! 3. **renewal_cliff** — per month, annual value of contracts ending and not yet renewed, less
//!    open renewal pipeline and other pipeline at the same accounts, ÷ the team's typical month
//!    of expiring value (median over the twelve months before and the months ahead); a cliff
//!    above 1.5×;
//! 4. **concentration** — share of the last year's bookings in the top three deals (threshold
//!    50 %), with the top five customers' share and the Herfindahl index over customers;
//! 5. **engagement_gap** — share of customer value (contracts in force plus the last year's
//!    bookings) whose owner has left or that nobody has had a selling conversation with in 180
//!    days (threshold 30 %);
//! 6. **single_threaded** — share of customer and open-pipeline value at accounts that hang on
//!    one person: at most one contact engaged or met in a selling activity in the last year
//!    (threshold 30 %);
//! 7. **funnel_starvation** — new pipeline created per day since the start of the last complete
//!    quarter ÷ the pace of the year before (warning below 75 %) while closing effort (selling
//!    activity on deals at 50 % probability or more, else deals closed) holds or rises;
//! 8. **product_skew** — the largest rise of one product line's share of new pipeline over the
//!    same two windows (threshold 25 points).
//!
//! Each measure beyond its threshold gets a **severity** from 0.3 (just beyond) to 1 (far
//! beyond); its **contribution** to the 0–100 **risk** is severity × its weight (forward coverage
//! and renewal cliff 25 each, volatility 15, concentration and funnel starvation 8, product skew
//! 7, engagement gap and single-threading 6). Causes are ranked by contribution and explained
//! in words and numbers. Causes of severity 0.5 or more become alerts, and so does every flagged
//! cause that names the month the bust lands in (forward coverage, renewal cliff).

pub mod facts;
pub mod pipeline;
pub mod review;
pub mod whiplash;

pub use facts::{DealState, Dimension, Facts, Group};
pub use pipeline::{
    AccuracyRow, ConversionHistory, ConversionRow, CoverageOptions, CoverageRow, DealFlag, FlagRules, FlaggedDeal,
    Forecast, ForecastRow, Movement, PipelineCell, StageFlow, conversion, conversion_history, coverage, deal_flags,
    decode_flags, encode_flags, flag_deals, forecast, movement, open_pipeline, period_forecast, upcoming,
};
pub use review::{DealChange, Decision, ReviewComparison, ReviewLine, compare_reviews, review_lines};
pub use whiplash::{
    Alert, Cause, CauseFigures, CauseKind, NotMeasured, Outlook, TeamRisk, WhiplashOptions, WhiplashReport, whiplash,
};

/// `f` over `items` on the machine's cores, the answers in the items' order. Items are handed
/// out one at a time, as each core is free, since they seldom cost the same. The answer does
/// not depend on the number of cores.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            all.extend(h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}
