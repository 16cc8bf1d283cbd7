//! The alignment engine from the outside: properties on random planar instances, reported
//! infeasibility, and an exact MIP oracle on small instances.

mod common;
mod infeasible;
