//! # sutton-demo — a company to try Sutton on
//!
//! `generate` builds a fictional sales organisation, Borealis Instruments (industrial sensors,
//! gateways, an analytics cloud, a predictive-maintenance suite, services and support), with
//! three years of history up to an "as of" date. It exists so that every page and every engine
//! has something real to show, and so that tests and benchmarks have realistic data at three
//! scales.
//!
//! Key decisions:
//!
//! * **Deterministic.** All randomness comes from one seeded generator ([`rng::Rng`], written
//!   here so no dependency update can change the company). Each part of the company draws from
//!   its own forked stream, so the same seed and scale give the same records, in the same
//!   order, with the same ids, every time.
//! * **Real geography.** Accounts sit at real US ZIP codes (drawn uniformly over ZIPs, so they
//!   are denser where ZIP codes are), in real counties; field territories are built from
//!   counties with the real adjacency graph, so territory design is real work.
//! * **Honest shape.** Deal sizes, cycle lengths and margins differ by product line; win rates
//!   by deal type; discounts and skill by rep; stage and close-date history is recorded as it
//!   would be in a CRM (append-only snapshots), including pushed close dates and stale deals.
//! * **Planted stories** (see [`STORIES`]): ten situations a sales leader should find, each
//!   made to happen by the generator and each checked by a test that reads the stored data.
//! * **Pure.** `generate` returns a [`Dataset`]; writing it is the caller's business (the
//!   application writes it through the same store API an import uses). Progress is reported
//!   through a callback so long runs can show it.

mod generate;
mod names;
pub mod rng;

use chrono::NaiveDate;
use sutton_domain::Dataset;

/// The organisation name the demo writes, by which a database is recognised as a demo.
pub const ORGANISATION_NAME: &str = "Borealis Instruments (demo)";
pub const DEFAULT_SEED: u64 = 2026;

/// The demo's "today" unless told otherwise.
pub fn default_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or(NaiveDate::MIN)
}

/// How big a company to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// About 2,000 accounts and 60 people: for tests.
    Small,
    /// About 20,000 accounts, 60 people, 300,000 activities: the demo.
    Default,
    /// About 200,000 accounts, 1,000,000 opportunities and 5,000,000 activities: for benchmarks.
    Large,
}

impl Scale {
    pub fn parse(text: &str) -> Option<Scale> {
        match text.trim().to_ascii_lowercase().as_str() {
            "small" => Some(Scale::Small),
            "default" => Some(Scale::Default),
            "large" => Some(Scale::Large),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Small => "small",
            Scale::Default => "default",
            Scale::Large => "large",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub scale: Scale,
    pub as_of: NaiveDate,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig { seed: DEFAULT_SEED, scale: Scale::Default, as_of: default_as_of() }
    }
}

/// Generates the company. `progress` is told each stage as it starts.
pub fn generate(config: &DemoConfig, progress: &mut dyn FnMut(&str)) -> Dataset {
    generate::Generator::new(config).run(progress)
}

/// The planted stories, as the README lists them: what to look for and where.
pub const STORIES: &[(&str, &str)] = &[
    (
        "Sales whiplash",
        "Field West's bookings boom and bust quarter to quarter; three large multi-year contracts it won in early 2024 expire in January 2027 with no renewal in progress, and its pipeline closing in January 2027 covers about 10 % of its January quota.",
    ),
    (
        "Orphaned accounts",
        "A Field West rep left three months before the as-of date; their accounts and open deals were never reassigned.",
    ),
    (
        "The discounter",
        "One Field East rep discounts far more than peers (around 30 % against 5–12 %), at lower margins.",
    ),
    (
        "Product push",
        "Inside Sales piles onto Analytics Cloud in the last two quarters at the expense of its other lines.",
    ),
    ("Single-threaded key accounts", "About a third of the key accounts hang on a single contact."),
    ("Calls in the wrong places", "A accounts get fewer calls per account than C accounts."),
    (
        "Uneven ramp",
        "Of the cohort hired in February and March 2025, some closed their first deal in about four months, others took ten.",
    ),
    (
        "Over-used reference",
        "One reference client has been asked far more often than any other, most of it in the last six months.",
    ),
    (
        "Unbalanced territories",
        "Field territories were drawn unevenly: some field reps carry about three times the workload of others.",
    ),
    ("Too little selling time", "Three reps spend well under 55 % of their time in direct selling."),
];
