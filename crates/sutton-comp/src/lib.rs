//! # sutton-comp — paying people for the behaviour the business needs, exact to the cent
//!
//! "Salespeople use their comp plan as a job description": what a plan pays for is what gets
//! done. This crate turns a plan written by sales operations into every payee's payout for a
//! period, with each line explained so a seller can check it and trust it. It is a pure engine:
//! no IO, no clock, no panics on user data; the application loads the data and keeps the runs.
//!
//! ## Plans ([`plan`])
//!
//! A **plan book** is one TOML file (`docs/comp-plans.md`): its currency, the **one rounding
//! rule**, plan versions with the days they are in force and the roles they cover, and explicit
//! assignments of people to plans. A plan has a target incentive, an optional **draw**
//! (recoverable or not), a **clawback window**, and components. A component has a **measure**
//! (bookings, gross profit, new logos, leads that became opportunities, deals closed, renewals,
//! team bookings), a **weight**, a **quota** (stored per person or team, or fixed in the plan),
//! a **basis** (target incentive × multiplier, or a rate on money / an amount per unit), a
//! **minimum performance threshold**, **tiers** paid marginally band by band (accelerators above
//! quota, declared **decelerators**), an attainment **cap** or an amount cap (or neither:
//! uncapped), and **gates** paying a flat bonus. Validation reports every problem at once and
//! says what to fix: overlapping tiers, gaps, weights not summing to 100 %, a threshold above
//! the first tier, an undeclared decelerator.
//!
//! ## Crediting ([`credit`])
//!
//! Credit lines come from deal owners, revenue splits (which add up to the deal to the minor
//! unit), overlay splits (on top), and the owners of the leads deals came from. Every line
//! names its deal. Deals won and later cancelled carry the day they were cancelled.
//!
//! ## Payouts ([`payout`])
//!
//! A payee's period is cut into segments where their plan changes, each pro-rated by days.
//! Attainment is an exact fraction; the threshold, bands, caps and gates are decided on it
//! exactly and shown rounded to a millionth. Each line — one per band reached, a cap, a gate,
//! a draw top-up or recovery — is computed exactly in `i128` fractions and rounded once; the
//! totals are sums of rounded lines. Amounts are integer minor units of the plan book's
//! currency (0, 2 or 3 decimals alike). Lines, adjustments and credits left out are explained
//! in figures ([`explain`]), not in sentences, so that each payee reads them in their language.
//!
//! ## Governance ([`governance`])
//!
//! Attainment and payout binned around each component's threshold, band edges, cap and gates,
//! with who landed just below and just above each line: bunching just over a line is the
//! sign of deals timed to clear it.
//!
//! ## Adjustments ([`adjust`])
//!
//! A paid run is never rewritten: recomputing a period after deals changed gives adjustment
//! lines against what was paid, clawbacks among them, and none when nothing changed.

pub mod adjust;
pub mod credit;
pub mod explain;
mod frac;
pub mod governance;
pub mod payout;
pub mod plan;

pub use adjust::{Adjustment, adjustments};
pub use credit::{
    Credit, CreditIter, CreditLines, CreditPool, CreditPoolPart, CreditSource, Quantity, UNIT, credits_from,
};
pub use explain::{AdjustmentReason, Exclusion, Explanation};
pub use payout::{
    ComponentResult, LineKind, Payee, PayoutLine, Run, RunError, RunInput, Statement, plan_changes, run, segments,
};
pub use plan::{
    Assignment, Basis, CompMeasure, Component, Draw, Gate, Plan, PlanBook, PlanError, QuotaSource, Tier, TierPay,
};
