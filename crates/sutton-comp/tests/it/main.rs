//! Hand-computed cases for every plan feature, and property tests.

mod common;
mod crediting;
mod explanations;
mod payouts;
mod plans;
mod properties;
