//! Sign and verify for two payloads, against jsonwebtoken, jwt-simple, jwt-compact, jwt
//! (mikkyang) and the floor, in one criterion run: `cargo bench --bench compare`.

mod common;

use common::*;
use criterion::{criterion_group, criterion_main, Criterion};
use jwt_core::Claims;
use std::hint::black_box;

fn bench_p1(c: &mut Criterion) {
    let ours = Ours::new();
    let jwt_rs = JsonWebToken::new();
    let simple = JwtSimple::new();
    let compact = JwtCompact::new();
    let jwt = Jwt::new();
    let floor = Floor::new();

    let mut g = c.benchmark_group("P1 sign");
    let claims = common::p1();
    g.bench_function("jwt-core", |b| {
        b.iter(|| black_box(&claims).sign(&ours.key).unwrap())
    });
    let plain = p1_plain();
    g.bench_function("jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::encode(&jwt_rs.header, black_box(&plain), &jwt_rs.enc).unwrap())
    });
    g.bench_function("jwt-simple", |b| {
        use jwt_simple::prelude::*;
        b.iter(|| {
            simple
                .key
                .authenticate(black_box(simple.claims1()))
                .unwrap()
        })
    });
    let cc = compact.claims1();
    g.bench_function("jwt-compact", |b| {
        use jwt_compact::AlgorithmExt;
        let header = jwt_compact::Header::empty().with_token_type("JWT");
        b.iter(|| {
            jwt_compact::alg::Hs256
                .token(&header, black_box(&cc), &compact.key)
                .unwrap()
        })
    });
    g.bench_function("jwt", |b| {
        use jwt::SignWithKey;
        b.iter(|| black_box(&plain).clone().sign_with_key(&jwt.key).unwrap())
    });
    g.bench_function("floor", |b| b.iter(|| floor.sign(black_box(&plain))));
    g.finish();

    let token = claims.sign(&ours.key).unwrap();
    let mut g = c.benchmark_group("P1 verify");
    let verifier = P1::verifier(&ours.key);
    g.bench_function("jwt-core", |b| {
        b.iter(|| verifier.verify(black_box(&token)).unwrap())
    });
    let t = jsonwebtoken::encode(&jwt_rs.header, &plain, &jwt_rs.enc).unwrap();
    g.bench_function("jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::decode::<P1Plain>(black_box(&t), &jwt_rs.dec, &jwt_rs.v1).unwrap())
    });
    let t = {
        use jwt_simple::prelude::*;
        simple.key.authenticate(simple.claims1()).unwrap()
    };
    g.bench_function("jwt-simple", |b| {
        use jwt_simple::prelude::*;
        b.iter(|| {
            simple
                .key
                .verify_token::<NoCustomClaims>(black_box(&t), Some(simple.o1.clone()))
                .unwrap()
        })
    });
    let t = {
        use jwt_compact::AlgorithmExt;
        jwt_compact::alg::Hs256
            .token(&jwt_compact::Header::empty(), &cc, &compact.key)
            .unwrap()
    };
    g.bench_function("jwt-compact", |b| {
        use jwt_compact::AlgorithmExt;
        b.iter(|| {
            let untrusted = jwt_compact::UntrustedToken::new(black_box(&t)).unwrap();
            let token: jwt_compact::Token<CompactP1> = jwt_compact::alg::Hs256
                .validator(&compact.key)
                .validate(&untrusted)
                .unwrap();
            token.claims().validate_expiration(&compact.time).unwrap();
            token
        })
    });
    let t = {
        use jwt::SignWithKey;
        plain.clone().sign_with_key(&jwt.key).unwrap()
    };
    g.bench_function("jwt", |b| {
        use jwt::VerifyWithKey;
        b.iter(|| {
            let c: P1Plain = black_box(t.as_str()).verify_with_key(&jwt.key).unwrap();
            assert!(jwt_check_p1(&c));
            c
        })
    });
    g.bench_function("floor", |b| {
        b.iter(|| floor.verify::<P1Plain>(black_box(&token)).unwrap())
    });
    g.finish();
}

fn bench_p2(c: &mut Criterion) {
    let ours = Ours::new();
    let jwt_rs = JsonWebToken::new();
    let simple = JwtSimple::new();
    let compact = JwtCompact::new();
    let jwt = Jwt::new();
    let floor = Floor::new();

    let mut g = c.benchmark_group("P2 sign");
    let claims = common::p2();
    g.bench_function("jwt-core", |b| {
        b.iter(|| black_box(&claims).sign(&ours.key).unwrap())
    });
    let plain = p2_plain();
    g.bench_function("jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::encode(&jwt_rs.header, black_box(&plain), &jwt_rs.enc).unwrap())
    });
    let sc = simple.claims2();
    g.bench_function("jwt-simple", |b| {
        use jwt_simple::prelude::*;
        b.iter(|| simple.key.authenticate(black_box(&sc).clone()).unwrap())
    });
    let cc = compact.claims2();
    g.bench_function("jwt-compact", |b| {
        use jwt_compact::AlgorithmExt;
        let header = jwt_compact::Header::empty().with_token_type("JWT");
        b.iter(|| {
            jwt_compact::alg::Hs256
                .token(&header, black_box(&cc), &compact.key)
                .unwrap()
        })
    });
    g.bench_function("jwt", |b| {
        use jwt::SignWithKey;
        b.iter(|| black_box(&plain).clone().sign_with_key(&jwt.key).unwrap())
    });
    g.bench_function("floor", |b| b.iter(|| floor.sign(black_box(&plain))));
    g.finish();

    let token = claims.sign(&ours.key).unwrap();
    let mut g = c.benchmark_group("P2 verify");
    let verifier = P2::verifier(&ours.key).audience(AUD).issuer(ISS);
    g.bench_function("jwt-core", |b| {
        b.iter(|| verifier.verify(black_box(&token)).unwrap())
    });
    let t = jsonwebtoken::encode(&jwt_rs.header, &plain, &jwt_rs.enc).unwrap();
    g.bench_function("jsonwebtoken", |b| {
        b.iter(|| jsonwebtoken::decode::<P2Plain>(black_box(&t), &jwt_rs.dec, &jwt_rs.v2).unwrap())
    });
    let t = {
        use jwt_simple::prelude::*;
        simple.key.authenticate(sc.clone()).unwrap()
    };
    g.bench_function("jwt-simple", |b| {
        use jwt_simple::prelude::*;
        b.iter(|| {
            simple
                .key
                .verify_token::<P2Custom>(black_box(&t), Some(simple.o2.clone()))
                .unwrap()
        })
    });
    let t = {
        use jwt_compact::AlgorithmExt;
        jwt_compact::alg::Hs256
            .token(&jwt_compact::Header::empty(), &cc, &compact.key)
            .unwrap()
    };
    g.bench_function("jwt-compact", |b| {
        use jwt_compact::AlgorithmExt;
        b.iter(|| {
            let untrusted = jwt_compact::UntrustedToken::new(black_box(&t)).unwrap();
            let token: jwt_compact::Token<CompactP2> = jwt_compact::alg::Hs256
                .validator(&compact.key)
                .validate(&untrusted)
                .unwrap();
            let c = token.claims();
            c.validate_expiration(&compact.time)
                .unwrap()
                .validate_maturity(&compact.time)
                .unwrap();
            assert!(c.custom.iss == ISS && c.custom.aud.iter().any(|a| a == AUD));
            token
        })
    });
    let t = {
        use jwt::SignWithKey;
        plain.clone().sign_with_key(&jwt.key).unwrap()
    };
    g.bench_function("jwt", |b| {
        use jwt::VerifyWithKey;
        b.iter(|| {
            let c: P2Plain = black_box(t.as_str()).verify_with_key(&jwt.key).unwrap();
            assert!(jwt_check_p2(&c));
            c
        })
    });
    g.bench_function("floor", |b| {
        b.iter(|| floor.verify::<P2Plain>(black_box(&token)).unwrap())
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(60)
}

criterion_group! { name = benches; config = config(); targets = bench_p1, bench_p2 }
criterion_main!(benches);
