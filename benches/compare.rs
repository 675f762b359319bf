//! Sign and verify for two payloads, against jsonwebtoken, jwt-simple, jwt-compact, jwt
//! (mikkyang) and the floor, in one criterion run: `cargo bench -p jwt-benches --bench compare`.
//! The operations themselves are in `common/mod.rs` (`Fixture::op`), shared with the
//! `ratios` and `allocations` benches.

mod common;

use common::{Fixture, LIBRARIES, MEASUREMENTS};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let fixture = Fixture::new();
    for (m, measurement) in MEASUREMENTS.iter().enumerate() {
        let mut g = c.benchmark_group(*measurement);
        for (l, library) in LIBRARIES.iter().enumerate() {
            let mut op = fixture.op(m, l);
            g.bench_function(*library, |b| b.iter(&mut op));
        }
        g.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(60)
}

criterion_group! { name = benches; config = config(); targets = bench }
criterion_main!(benches);
