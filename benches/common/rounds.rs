//! Interleaved rounds: each library runs in short batches (about 2 ms), one after the other
//! in each round, for many rounds; each round gives a ratio of every library to the first
//! (`jwt-core`) measured within a few milliseconds, and the table reports the median over
//! the rounds (and the median time per call). Shared by `ratios` and `asymmetric`.

use std::time::{Duration, Instant};

pub const BATCH: Duration = Duration::from_millis(2);

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Nanoseconds per call over `n` calls.
pub fn time(op: &mut dyn FnMut(), n: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        op();
    }
    start.elapsed().as_nanos() as f64 / n as f64
}

/// A time for the table: nanoseconds below 10 µs, else microseconds.
fn show(ns: f64) -> String {
    if ns < 10_000.0 {
        format!("{ns:.0} ns")
    } else {
        format!("{:.1} µs", ns / 1000.0)
    }
}

/// Prints the markdown table: one row per measurement, one column per library, each cell
/// the median time and (after the first column) the median ratio to the first column.
pub fn table<'a>(
    measurements: &[String],
    libraries: &[&str],
    rounds: usize,
    mut op: impl FnMut(usize, usize) -> Box<dyn FnMut() + 'a>,
) {
    println!(
        "{rounds} rounds of about {BATCH:?} per library; ratios are medians over the rounds of"
    );
    println!(
        "(that library's time / jwt-core's time) in the same round; times are medians per call.\n"
    );
    println!("| | {} |", libraries.join(" | "));
    println!("|---|{}", "---:|".repeat(libraries.len()));
    for (m, measurement) in measurements.iter().enumerate() {
        let mut ops: Vec<Box<dyn FnMut() + 'a>> = (0..libraries.len()).map(|l| op(m, l)).collect();
        // Calls per batch, from a warm-up.
        let calls: Vec<u64> = ops
            .iter_mut()
            .map(|op| {
                time(op, 20);
                let per_call = time(op, 100).max(1.0);
                ((BATCH.as_nanos() as f64 / per_call) as u64).max(1)
            })
            .collect();
        let mut times = vec![Vec::with_capacity(rounds); libraries.len()];
        let mut ratios = vec![Vec::with_capacity(rounds); libraries.len()];
        for round in 0..rounds {
            let mut this = vec![0.0; libraries.len()];
            // A different library goes first in each round.
            for k in 0..libraries.len() {
                let l = (round + k) % libraries.len();
                this[l] = time(&mut ops[l], calls[l]);
            }
            for l in 0..libraries.len() {
                times[l].push(this[l]);
                ratios[l].push(this[l] / this[0]);
            }
        }
        let cells: Vec<String> = (0..libraries.len())
            .map(|l| {
                let ns = median(times[l].clone());
                if l == 0 {
                    show(ns)
                } else {
                    format!("{} ({:.2}x)", show(ns), median(ratios[l].clone()))
                }
            })
            .collect();
        println!("| {measurement} | {} |", cells.join(" | "));
    }
    println!("\n(x) = that library's time over jwt-core's; for a floor, below 1 means jwt-core is slower.");
}

/// The bench's arguments without flags, or `None` when cargo runs it as a test
/// (`cargo test --benches` passes `--test`) or lists it: nothing to measure then, and no
/// fixture to build.
pub fn args() -> Option<Vec<String>> {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return None;
    }
    Some(
        std::env::args()
            .skip(1)
            .filter(|a| !a.starts_with("--"))
            .collect(),
    )
}

/// What a bench binary does with its arguments: `MEASUREMENT LIBRARY [CALLS]` runs that one
/// operation `CALLS` times (default `calls`) and prints the time per call, for a sampling
/// profiler; otherwise `[ROUNDS]` (default `rounds`) prints the [`table`].
pub fn run<'a>(
    args: &[String],
    measurements: &[String],
    libraries: &[&str],
    (rounds, calls): (usize, u64),
    mut op: impl FnMut(usize, usize) -> Box<dyn FnMut() + 'a>,
) {
    if let [measurement, library, rest @ ..] = args {
        let m = measurements.iter().position(|x| x == measurement);
        let l = libraries.iter().position(|x| x == library);
        let (Some(m), Some(l)) = (m, l) else {
            eprintln!("measurements: {measurements:?}; libraries: {libraries:?}");
            std::process::exit(2);
        };
        let calls = rest.first().and_then(|n| n.parse().ok()).unwrap_or(calls);
        let mut f = op(m, l);
        println!("{measurement} {library}: {:.0} ns", time(&mut f, calls));
        return;
    }
    let rounds: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(rounds);
    table(measurements, libraries, rounds, op);
}
