//! # sutton-plan — where the money is, and who calls on it how often
//!
//! Pure engines over a [`Dataset`](sutton_domain::Dataset) for the first half of territory
//! management: rank and segment the accounts, say how often each segment is called and by whom,
//! turn that into workload and head-count, and check what was done against what was planned.
//! No IO and no clock: every question that depends on time takes its dates. Bad configuration
//! (overlapping cut-offs, a pattern for a segment that does not exist, a test that does not suit
//! its attribute) comes back as a [`ConfigError`] that says what to fix; data never panics.
//!
//! ## Segments (SEG-1) — [`mod@segment`]
//!
//! Accounts are ranked by a measure (potential, trailing won revenue or gross profit, or an ICP
//! score) across the organisation or within each owner's book, and cut by one of three methods:
//! **Pareto** cut-offs on the cumulative share of the measure, **percentile** cut-offs on rank,
//! or fixed **thresholds**. Two decisions make the result explainable and stable:
//!
//! * An account's place is decided by the share held by the accounts **ranked above it**: with a
//!   50 % cut-off, A is the accounts that make the first half of the total, the one that crosses
//!   the line included (a single account holding 70 % is an A, not nothing).
//! * **Ties share a segment**: tied accounts are placed as a group, so the same measure never
//!   gives two answers and a higher measure never gives a lower segment. Accounts with no measure
//!   (or zero) go to the last segment; there is nothing to rank them by.
//!
//! Shares are compared exactly in integers (`before × 10⁶ ≥ cut × total`), never in floats.
//! Manual **overrides** are an input to every run with their reason, author and date; they win
//! over the rule, the rule's answer stays beside them, and overrides of accounts that are gone
//! are handed back rather than dropped silently.
//!
//! ## Fit, tiers and whitespace (SEG-2…4) — [`icp`], [`tiers`], [`mod@whitespace`]
//!
//! An ideal-client profile is weighted criteria (ranges over numbers, sets over text, yes/no);
//! the score is the weight met over the total weight, an unknown attribute counting as not met.
//! The report that matters is the share of open new-business pipeline on fitting accounts, per
//! rep and team. Spend tiers map trailing spend to the staff level that should own the account
//! and list the accounts in the wrong hands. Whitespace values each product line a customer
//! does not yet buy at what a similar customer (same industry, else any customer) spends on it.
//!
//! ## Calls (CALL-1, 2, 4, 5, 6) — [`calls`]
//!
//! A call pattern says: accounts of this segment get so many calls per month, quarter or year by
//! this role on this channel, of this type and length. The **caller** is the account's owner if
//! the owner is of that role and channel, else the nearest manager above the owner who is (the VP
//! on the quarterly A visit); calls nobody can make are listed as unserved, which is itself a
//! finding. **Workload** = calls × (duration + travel); travel is for face-to-face calls only,
//! from the caller's home to the account and back by great-circle distance at a stated speed,
//! rounded once per call to whole minutes, so workload sums exactly and is additive over
//! accounts. It is summed per person, team and territory against capacity (weekly capacity ×
//! working weeks), and per role into the number of people the patterns need.
//!
//! **Compliance** counts customer conversations (calls, visits, meetings by phone, video or in
//! person, in selling time — not e-mail) against planned calls for a window; whole calendar
//! months count as twelfths of a year so a quarter plans exactly a quarter of a year's calls.
//! An account is overdue when more days than its interval (365 ÷ calls a year) have passed
//! since its last call, or it was never called. Each rep's **work queue** puts overdue accounts
//! first, A before C, the longest waiting first. **Calls by segment** shows whether a rep's A
//! accounts get more calls each than their C accounts, and **time allocation** each person's
//! direct-selling share against the 55–65 % band, with the rest itemised.
//!
//! ## Response-based allocation (CALL-7) — [`mod@callplan`]
//!
//! Lodish's CALLPLAN: each account's response to calls a year is an editable ADBUDG curve
//! (defaults per segment), and each rep's selling time goes where it brings the most expected
//! gross profit — greedy by marginal gain where that is exact (concave responses, calls of one
//! length), dynamic programming over whole call counts otherwise — set beside the current
//! pattern with the expected gain.

pub mod callplan;
pub mod calls;
mod error;
pub mod icp;
mod measure;
pub mod segment;
pub mod tiers;
pub mod whitespace;

pub use callplan::*;
pub use calls::*;
pub use error::{ConfigError, Result};
pub use icp::*;
pub use segment::*;
pub use tiers::*;
pub use whitespace::*;
