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

use common::{Fixture, LIBRARIES, MEASUREMENTS};

fn main() {
    let Some(args) = common::rounds::args() else {
        return;
    };
    let fixture = Fixture::new();
    let measurements: Vec<String> = MEASUREMENTS.iter().map(|m| (*m).to_owned()).collect();
    common::rounds::run(
        &args,
        &measurements,
        &LIBRARIES,
        (101, 1_000_000),
        |m, l| fixture.op(m, l),
    );
}
