//! ES256, EdDSA and RS256: `cargo bench -p jwt-benches --bench asymmetric [-- ROUNDS]`.
//!
//! jwt-core, jsonwebtoken (`rust_crypto`), jwt-simple (`pure-rust`) and jwt-compact sign and
//! verify P1 and P2 with the same key; `floor` is the primitive crate jwt-core uses signing
//! or verifying the same signing input, with nothing around it. Interleaved rounds, as in
//! `ratios` (see `common/rounds.rs`). `-- "ES256 P2 verify" jwt-core` runs one operation in a
//! loop, for a profiler.

mod common;

use common::asym::{AlgFixture, Claims3, LIBRARIES, OPERATIONS};
use common::rounds::{table, time};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let claims = Claims3::new();
    let fixtures = AlgFixture::all(&claims);
    let measurements = common::asym::measurements();
    let op =
        |m: usize, l: usize| fixtures[m / OPERATIONS.len()].op(&claims, m % OPERATIONS.len(), l);

    if let [measurement, library, rest @ ..] = args.as_slice() {
        let m = measurements.iter().position(|x| x == measurement);
        let l = LIBRARIES.iter().position(|x| x == library);
        let (Some(m), Some(l)) = (m, l) else {
            eprintln!("measurements: {measurements:?}; libraries: {LIBRARIES:?}");
            std::process::exit(2);
        };
        let calls = rest.first().and_then(|n| n.parse().ok()).unwrap_or(10_000);
        let mut f = op(m, l);
        println!("{measurement} {library}: {:.0} ns", time(&mut f, calls));
        return;
    }
    let rounds: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(51);
    table(&measurements, &LIBRARIES, rounds, op);
}
