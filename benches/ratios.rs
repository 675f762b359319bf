//! Speed ratios that survive a noisy machine: `cargo bench -p jwt-benches --bench ratios`.
//!
//! On a shared virtual machine the speed of the whole machine drifts by tens of percent over
//! seconds, so libraries measured one after another (as criterion does) are compared at
//! different speeds. Here every library runs in short batches (about 2 ms), one after the
//! other in each round, for many rounds; each round gives a ratio of every library to
//! `jwt-core` measured within a few milliseconds, and the table reports the median over the
//! rounds (and the median time per call).
//!
//! `cargo bench -p jwt-benches --bench ratios -- ROUNDS` sets the number of rounds (default 101).
//! `cargo bench -p jwt-benches --bench ratios -- "P2 verify" jwt-core` runs one operation in a loop for a
//! sampling profiler (`perf record -g target/release/deps/ratios-* "P2 verify" jwt-core`).

mod common;

use common::rounds::{table, time};
use common::{Fixture, LIBRARIES, MEASUREMENTS};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // `cargo test --benches` runs bench binaries with `--test`: nothing to measure then.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let fixture = Fixture::new();

    if let [measurement, library, rest @ ..] = args.as_slice() {
        let m = MEASUREMENTS.iter().position(|x| x == measurement);
        let l = LIBRARIES.iter().position(|x| x == library);
        let (Some(m), Some(l)) = (m, l) else {
            eprintln!("measurements: {MEASUREMENTS:?}; libraries: {LIBRARIES:?}");
            std::process::exit(2);
        };
        let calls = rest
            .first()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1_000_000);
        let mut op = fixture.op(m, l);
        println!("{measurement} {library}: {:.0} ns", time(&mut op, calls));
        return;
    }

    let rounds: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(101);
    let measurements: Vec<String> = MEASUREMENTS.iter().map(|m| (*m).to_owned()).collect();
    table(&measurements, &LIBRARIES, rounds, |m, l| fixture.op(m, l));
}
