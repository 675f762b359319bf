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
use std::time::{Duration, Instant};

const BATCH: Duration = Duration::from_millis(2);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Nanoseconds per call over `n` calls.
fn time(op: &mut dyn FnMut(), n: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        op();
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

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
    println!(
        "{rounds} rounds of about {BATCH:?} per library; ratios are medians over the rounds of"
    );
    println!("(that library's time / jwt-core's time) in the same round; times are medians, ns per call.\n");
    println!("| | {} |", LIBRARIES.join(" | "));
    println!("|---|{}", "---:|".repeat(LIBRARIES.len()));
    for (m, measurement) in MEASUREMENTS.iter().enumerate() {
        let mut ops: Vec<Box<dyn FnMut() + '_>> =
            (0..LIBRARIES.len()).map(|l| fixture.op(m, l)).collect();
        // Calls per batch, from a warm-up.
        let calls: Vec<u64> = ops
            .iter_mut()
            .map(|op| {
                time(op, 200);
                let per_call = time(op, 1000).max(1.0);
                ((BATCH.as_nanos() as f64 / per_call) as u64).max(1)
            })
            .collect();
        let mut times = vec![Vec::with_capacity(rounds); LIBRARIES.len()];
        let mut ratios = vec![Vec::with_capacity(rounds); LIBRARIES.len()];
        for round in 0..rounds {
            let mut this = vec![0.0; LIBRARIES.len()];
            // A different library goes first in each round.
            for k in 0..LIBRARIES.len() {
                let l = (round + k) % LIBRARIES.len();
                this[l] = time(&mut ops[l], calls[l]);
            }
            for l in 0..LIBRARIES.len() {
                times[l].push(this[l]);
                ratios[l].push(this[l] / this[0]);
            }
        }
        let cells: Vec<String> = (0..LIBRARIES.len())
            .map(|l| {
                let ns = median(times[l].clone());
                if l == 0 {
                    format!("{ns:.0} ns")
                } else {
                    format!("{ns:.0} ns ({:.2}x)", median(ratios[l].clone()))
                }
            })
            .collect();
        println!("| {measurement} | {} |", cells.join(" | "));
    }
    println!("\n(x) = that library's time over jwt-core's; for the floors, below 1 means jwt-core is slower.");
}
