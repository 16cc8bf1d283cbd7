//! The alignment engine from the outside: properties on random planar instances, reported
//! infeasibility, and an exact MIP oracle on small instances.

// Tests index parallel arrays (units × territories) the way the formulas read.
#![allow(clippy::needless_range_loop)]

mod common;
mod infeasible;
mod oracle;
mod properties;
