//! One operation in a loop, for profilers and quick A/B checks:
//! `cargo bench --bench profile -- OP [ITERATIONS]`, where OP is `LIB-PAYLOAD-ACTION`
//! (`ours`, `floor` or `jsonwebtoken`; `p1` or `p2`; `sign` or `verify`), e.g. `ours-p2-sign`.
//! Prints the best of several batches in nanoseconds per call. Under a sampling profiler:
//! `perf record -g target/release/deps/profile-* ours-p2-sign 2000000`.

mod common;

use common::*;
use jwt_core::Claims;
use std::hint::black_box;
use std::time::Instant;

fn run(iterations: u64, mut op: impl FnMut()) -> f64 {
    let batch = (iterations / 8).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..8 {
        let start = Instant::now();
        for _ in 0..batch {
            op();
        }
        let ns = start.elapsed().as_nanos() as f64 / batch as f64;
        best = best.min(ns);
    }
    best
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(op) = args.first() else {
        eprintln!("usage: profile LIB-PAYLOAD-ACTION [ITERATIONS]   (e.g. ours-p2-sign)");
        return;
    };
    let iterations: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(400_000);

    let ours = Ours::new();
    let jwt_rs = JsonWebToken::new();
    let floor = Floor::new();
    let (c1, c2) = (p1(), p2());
    let (plain1, plain2) = (p1_plain(), p2_plain());
    let (t1, t2) = (c1.sign(&ours.key).unwrap(), c2.sign(&ours.key).unwrap());
    let (v1, v2) = (
        P1::verifier(&ours.key),
        P2::verifier(&ours.key).issuer(ISS).audience(AUD),
    );

    let ns = match op.as_str() {
        "ours-p1-sign" => run(iterations, || drop(black_box(&c1).sign(&ours.key).unwrap())),
        "ours-p2-sign" => run(iterations, || drop(black_box(&c2).sign(&ours.key).unwrap())),
        "ours-p1-verify" => run(iterations, || drop(v1.verify(black_box(&t1)).unwrap())),
        "ours-p2-verify" => run(iterations, || drop(v2.verify(black_box(&t2)).unwrap())),
        "floor-p1-sign" => run(iterations, || drop(floor.sign(black_box(&plain1)))),
        "floor-p2-sign" => run(iterations, || drop(floor.sign(black_box(&plain2)))),
        "floor-p1-verify" => run(iterations, || {
            drop(floor.verify::<P1Plain>(black_box(&t1)).unwrap())
        }),
        "floor-p2-verify" => run(iterations, || {
            drop(floor.verify::<P2Plain>(black_box(&t2)).unwrap())
        }),
        "jsonwebtoken-p1-sign" => run(iterations, || {
            drop(jsonwebtoken::encode(&jwt_rs.header, black_box(&plain1), &jwt_rs.enc).unwrap())
        }),
        "jsonwebtoken-p2-sign" => run(iterations, || {
            drop(jsonwebtoken::encode(&jwt_rs.header, black_box(&plain2), &jwt_rs.enc).unwrap())
        }),
        "jsonwebtoken-p1-verify" => run(iterations, || {
            drop(jsonwebtoken::decode::<P1Plain>(black_box(&t1), &jwt_rs.dec, &jwt_rs.v1).unwrap())
        }),
        "jsonwebtoken-p2-verify" => run(iterations, || {
            drop(jsonwebtoken::decode::<P2Plain>(black_box(&t2), &jwt_rs.dec, &jwt_rs.v2).unwrap())
        }),
        other => {
            eprintln!("unknown operation {other:?}");
            std::process::exit(2);
        }
    };
    println!("{op}: {ns:.0} ns");
}
