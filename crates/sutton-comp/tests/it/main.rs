//! Hand-computed cases for every plan feature, and property tests.

mod common;
mod crediting;
mod payouts;
mod plans;
mod properties;
