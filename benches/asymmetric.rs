//! ES256, EdDSA and RS256: `cargo bench -p jwt-benches --bench asymmetric [-- ROUNDS]`.
//!
//! jwt-core, jsonwebtoken (`rust_crypto`), jwt-simple (`pure-rust`) and jwt-compact sign and
//! verify P1 and P2 with the same key; `floor` is the primitive crate jwt-core uses signing
//! or verifying the same signing input, with nothing around it. Interleaved rounds, as in
//! `ratios` (see `common/rounds.rs`). `-- "ES256 P2 verify" jwt-core` runs one operation in a
//! loop, for a profiler.

mod common;

use common::asym::{AlgFixture, Claims3, LIBRARIES, OPERATIONS};

fn main() {
    let Some(args) = common::rounds::args() else {
        return;
    };
    let claims = Claims3::new();
    let fixtures = AlgFixture::all(&claims);
    let measurements = common::asym::measurements();
    common::rounds::run(&args, &measurements, &LIBRARIES, (51, 10_000), |m, l| {
        fixtures[m / OPERATIONS.len()].op(&claims, m % OPERATIONS.len(), l)
    });
}
