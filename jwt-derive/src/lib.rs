//! `#[derive(Claims)]` for `jwt-core`.
//!
//! This crate is the proc-macro half of `jwt-core`; depend on `jwt-core`, which re-exports
//! the derive. The derive itself is not implemented yet: this is the crate's skeleton.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
