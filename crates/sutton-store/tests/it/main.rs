//! The store contract: the same tests against SQLite (always) and PostgreSQL (when
//! `SUTTON_TEST_POSTGRES_URL` is set — and then an unreachable server fails the suite instead of
//! skipping it).

mod access;
mod bulk;
mod comp;
mod contract;
mod harness;
mod sample;
