//! Heap allocations per sign and per verify, for each library, counted by a global
//! allocator: `cargo bench --bench allocations`. Prints a Markdown table.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use jwt_core::Claims;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed through.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `dealloc`'s contract, passed through.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `realloc`'s contract, passed through.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations per call of `f`, averaged over many calls after a warm-up.
fn count<R>(mut f: impl FnMut() -> R) -> f64 {
    for _ in 0..10 {
        std::hint::black_box(f());
    }
    const N: usize = 1000;
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..N {
        std::hint::black_box(f());
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / N as f64
}

fn main() {
    // `cargo test --benches` runs this too; only count when benchmarking.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let ours = Ours::new();
    let jwt_rs = JsonWebToken::new();
    let simple = JwtSimple::new();
    let compact = JwtCompact::new();
    let jwt = Jwt::new();
    let floor = Floor::new();
    let (c1, c2) = (p1(), p2());
    let (plain1, plain2) = (p1_plain(), p2_plain());
    let (sc1, sc2) = (simple.claims1(), simple.claims2());
    let (cc1, cc2) = (compact.claims1(), compact.claims2());
    let header = jwt_compact::Header::empty().with_token_type("JWT");

    let mut rows: Vec<(&str, [f64; 4])> = Vec::new();

    let t1 = c1.sign(&ours.key).unwrap();
    let t2 = c2.sign(&ours.key).unwrap();
    let v1 = P1::verifier(&ours.key);
    let v2 = P2::verifier(&ours.key).audience(AUD).issuer(ISS);
    rows.push((
        "jwt-core",
        [
            count(|| c1.sign(&ours.key).unwrap()),
            count(|| v1.verify(&t1).unwrap()),
            count(|| c2.sign(&ours.key).unwrap()),
            count(|| v2.verify(&t2).unwrap()),
        ],
    ));

    let j1 = jsonwebtoken::encode(&jwt_rs.header, &plain1, &jwt_rs.enc).unwrap();
    let j2 = jsonwebtoken::encode(&jwt_rs.header, &plain2, &jwt_rs.enc).unwrap();
    rows.push((
        "jsonwebtoken",
        [
            count(|| jsonwebtoken::encode(&jwt_rs.header, &plain1, &jwt_rs.enc).unwrap()),
            count(|| jsonwebtoken::decode::<P1Plain>(&j1, &jwt_rs.dec, &jwt_rs.v1).unwrap()),
            count(|| jsonwebtoken::encode(&jwt_rs.header, &plain2, &jwt_rs.enc).unwrap()),
            count(|| jsonwebtoken::decode::<P2Plain>(&j2, &jwt_rs.dec, &jwt_rs.v2).unwrap()),
        ],
    ));

    {
        use jwt_simple::prelude::*;
        let s1 = simple.key.authenticate(sc1.clone()).unwrap();
        let s2 = simple.key.authenticate(sc2.clone()).unwrap();
        rows.push((
            "jwt-simple",
            [
                count(|| simple.key.authenticate(sc1.clone()).unwrap()),
                count(|| {
                    simple
                        .key
                        .verify_token::<NoCustomClaims>(&s1, Some(simple.o1.clone()))
                        .unwrap()
                }),
                count(|| simple.key.authenticate(sc2.clone()).unwrap()),
                count(|| {
                    simple
                        .key
                        .verify_token::<P2Custom>(&s2, Some(simple.o2.clone()))
                        .unwrap()
                }),
            ],
        ));
    }

    {
        use jwt_compact::AlgorithmExt;
        let hs = jwt_compact::alg::Hs256;
        let k1 = hs.token(&header, &cc1, &compact.key).unwrap();
        let k2 = hs.token(&header, &cc2, &compact.key).unwrap();
        rows.push((
            "jwt-compact",
            [
                count(|| hs.token(&header, &cc1, &compact.key).unwrap()),
                count(|| {
                    let u = jwt_compact::UntrustedToken::new(&k1).unwrap();
                    let t: jwt_compact::Token<CompactP1> =
                        hs.validator(&compact.key).validate(&u).unwrap();
                    t.claims().validate_expiration(&compact.time).unwrap();
                    t
                }),
                count(|| hs.token(&header, &cc2, &compact.key).unwrap()),
                count(|| {
                    let u = jwt_compact::UntrustedToken::new(&k2).unwrap();
                    let t: jwt_compact::Token<CompactP2> =
                        hs.validator(&compact.key).validate(&u).unwrap();
                    let c = t.claims();
                    c.validate_expiration(&compact.time)
                        .unwrap()
                        .validate_maturity(&compact.time)
                        .unwrap();
                    assert!(c.custom.iss == ISS && c.custom.aud.iter().any(|a| a == AUD));
                    t
                }),
            ],
        ));
    }

    {
        use jwt::{SignWithKey, VerifyWithKey};
        let m1 = plain1.clone().sign_with_key(&jwt.key).unwrap();
        let m2 = plain2.clone().sign_with_key(&jwt.key).unwrap();
        rows.push((
            "jwt",
            [
                count(|| plain1.clone().sign_with_key(&jwt.key).unwrap()),
                count(|| {
                    let c: P1Plain = m1.as_str().verify_with_key(&jwt.key).unwrap();
                    assert!(jwt_check_p1(&c));
                    c
                }),
                count(|| plain2.clone().sign_with_key(&jwt.key).unwrap()),
                count(|| {
                    let c: P2Plain = m2.as_str().verify_with_key(&jwt.key).unwrap();
                    assert!(jwt_check_p2(&c));
                    c
                }),
            ],
        ));
    }

    rows.push((
        "floor",
        [
            count(|| floor.sign(&plain1)),
            count(|| floor.verify::<P1Plain>(&t1).unwrap()),
            count(|| floor.sign(&plain2)),
            count(|| floor.verify::<P2Plain>(&t2).unwrap()),
        ],
    ));

    println!("| library | P1 sign | P1 verify | P2 sign | P2 verify |");
    println!("|---|---:|---:|---:|---:|");
    for (name, counts) in rows {
        let cells: Vec<String> = counts.iter().map(|c| format!("{c:.1}")).collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
    println!("\n(the jwt and jwt-simple sign columns include cloning the claims they consume)");
}
