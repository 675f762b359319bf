//! The two payloads and one sign and one verify per library, shared by the criterion bench
//! and the allocation counter. Keys and verifiers are built once, outside the measurement.
#![allow(dead_code)]

pub mod asym;
pub mod rounds;

use jwt_core::{Claims, Hs256Key};
use serde::{Deserialize, Serialize};

/// A test key (32 bytes) for every library.
pub const SECRET: &[u8] = b"benchmark-test-key-0123456789abc";
pub const API_KEY: &str = "abcdefghijklmnopqrstuv"; // 22 characters, like a Zoom API key
pub const ISS: &str = "https://auth.example.com";
pub const AUD: &str = "api.example.com";

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

// ---- payload types --------------------------------------------------------------------------

include!("../../tests/common/twins.rs");

twins! {
    /// P1 for jwt-core (the Zoom API token), and `P1Serde` through serde's `Serialize`.
    #[derive(Clone, Debug)]
    pub struct P1 / P1Serde {
        #[claims(iss)]
        pub iss: String,
        #[claims(exp)]
        pub exp: u64,
    }
}

/// P1 as a plain serde struct, for the other libraries and the floor.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct P1Plain {
    pub iss: String,
    pub exp: u64,
}

twins! {
    /// P2 for jwt-core (a typical access token), and `P2Serde` through serde's `Serialize`.
    #[derive(Clone, Debug)]
    pub struct P2 / P2Serde {
        #[claims(iss)]
        pub iss: String,
        #[claims(sub)]
        pub sub: String,
        #[claims(aud)]
        pub aud: Vec<String>,
        #[claims(exp)]
        pub exp: u64,
        #[claims(nbf)]
        pub nbf: u64,
        #[claims(iat)]
        pub iat: u64,
        #[claims(jti)]
        pub jti: String,
        pub name: String,
        pub role: String,
        pub scopes: Vec<String>,
    }
}

/// P2 as a plain serde struct.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct P2Plain {
    pub iss: String,
    pub sub: String,
    pub aud: Vec<String>,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub jti: String,
    pub name: String,
    pub role: String,
    pub scopes: Vec<String>,
}

/// The private claims of P2, for libraries that keep registered claims themselves.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct P2Custom {
    pub name: String,
    pub role: String,
    pub scopes: Vec<String>,
}

pub fn p1() -> P1 {
    P1 {
        iss: API_KEY.into(),
        exp: now() + 3600,
    }
}

pub fn p1_plain() -> P1Plain {
    P1Plain {
        iss: API_KEY.into(),
        exp: now() + 3600,
    }
}

pub fn p2() -> P2 {
    let now = now();
    P2 {
        iss: ISS.into(),
        sub: "user-1234567890".into(),
        aud: vec![AUD.into(), "web.example.com".into()],
        exp: now + 3600,
        nbf: now - 60,
        iat: now - 60,
        jti: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f".into(),
        name: "Ada Lovelace-Byron".into(),
        role: "admin".into(),
        scopes: vec![
            "read".into(),
            "write".into(),
            "delete".into(),
            "admin".into(),
        ],
    }
}

pub fn p2_plain() -> P2Plain {
    let c = p2();
    P2Plain {
        iss: c.iss,
        sub: c.sub,
        aud: c.aud,
        exp: c.exp,
        nbf: c.nbf,
        iat: c.iat,
        jti: c.jti,
        name: c.name,
        role: c.role,
        scopes: c.scopes,
    }
}

pub fn p2_custom() -> P2Custom {
    let c = p2();
    P2Custom {
        name: c.name,
        role: c.role,
        scopes: c.scopes,
    }
}

// ---- jwt-core ---------------------------------------------------------------------------------

pub struct Ours {
    pub key: Hs256Key,
}

impl Ours {
    pub fn new() -> Self {
        Ours {
            key: Hs256Key::from_secret(SECRET).unwrap(),
        }
    }
}

// ---- jsonwebtoken -------------------------------------------------------------------------

pub struct JsonWebToken {
    pub enc: jsonwebtoken::EncodingKey,
    pub dec: jsonwebtoken::DecodingKey,
    pub header: jsonwebtoken::Header,
    pub v1: jsonwebtoken::Validation,
    pub v2: jsonwebtoken::Validation,
}

/// jsonwebtoken's checks for P1 (exp) and P2 (exp, nbf, iss, aud), no leeway, for `alg`.
pub fn jsonwebtoken_validations(
    alg: jsonwebtoken::Algorithm,
) -> (jsonwebtoken::Validation, jsonwebtoken::Validation) {
    let mut v1 = jsonwebtoken::Validation::new(alg);
    v1.set_required_spec_claims(&["exp"]);
    v1.leeway = 0;
    let mut v2 = jsonwebtoken::Validation::new(alg);
    v2.set_required_spec_claims(&["exp", "nbf", "iss", "aud"]);
    v2.validate_nbf = true;
    v2.leeway = 0;
    v2.set_issuer(&[ISS]);
    v2.set_audience(&[AUD]);
    (v1, v2)
}

impl JsonWebToken {
    pub fn new() -> Self {
        let (v1, v2) = jsonwebtoken_validations(jsonwebtoken::Algorithm::HS256);
        JsonWebToken {
            enc: jsonwebtoken::EncodingKey::from_secret(SECRET).unwrap(),
            dec: jsonwebtoken::DecodingKey::from_secret(SECRET).unwrap(),
            header: jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            v1,
            v2,
        }
    }
}

// ---- jwt-simple ---------------------------------------------------------------------------

pub struct JwtSimple {
    pub key: jwt_simple::prelude::HS256Key,
    pub o1: jwt_simple::prelude::VerificationOptions,
    pub o2: jwt_simple::prelude::VerificationOptions,
}

impl JwtSimple {
    pub fn new() -> Self {
        use jwt_simple::prelude::*;
        let o1 = VerificationOptions {
            time_tolerance: Some(Duration::from_secs(0)),
            ..Default::default()
        };
        let o2 = VerificationOptions {
            time_tolerance: Some(Duration::from_secs(0)),
            allowed_issuers: Some(HashSet::from([ISS.to_owned()])),
            allowed_audiences: Some(HashSet::from([AUD.to_owned()])),
            ..Default::default()
        };
        JwtSimple {
            key: HS256Key::from_bytes(SECRET),
            o1,
            o2,
        }
    }

    pub fn claims1(&self) -> jwt_simple::prelude::JWTClaims<jwt_simple::prelude::NoCustomClaims> {
        use jwt_simple::prelude::*;
        let mut c = Claims::create(Duration::from_hours(1)).with_issuer(API_KEY);
        c.issued_at = None;
        c.invalid_before = None;
        c
    }

    pub fn claims2(&self) -> jwt_simple::prelude::JWTClaims<P2Custom> {
        use jwt_simple::prelude::*;
        let p = p2();
        let mut c = Claims::with_custom_claims(p2_custom(), Duration::from_hours(1))
            .with_issuer(p.iss)
            .with_subject(p.sub)
            .with_audiences(HashSet::from_iter(p.aud))
            .with_jwt_id(p.jti);
        c.invalid_before = Some(Duration::from_secs(p.nbf));
        c
    }
}

// ---- jwt-compact --------------------------------------------------------------------------

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct CompactP1 {
    pub iss: String,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct CompactP2 {
    pub iss: String,
    pub sub: String,
    pub aud: Vec<String>,
    pub jti: String,
    pub name: String,
    pub role: String,
    pub scopes: Vec<String>,
}

pub struct JwtCompact {
    pub key: jwt_compact::alg::Hs256Key,
    pub time: jwt_compact::TimeOptions,
}

impl JwtCompact {
    pub fn new() -> Self {
        JwtCompact {
            key: jwt_compact::alg::Hs256Key::new(SECRET),
            time: jwt_compact::TimeOptions::new(chrono::Duration::zero(), chrono::Utc::now),
        }
    }

    pub fn claims1(&self) -> jwt_compact::Claims<CompactP1> {
        jwt_compact::Claims::new(CompactP1 {
            iss: API_KEY.into(),
        })
        .set_duration(&self.time, chrono::Duration::hours(1))
    }

    pub fn claims2(&self) -> jwt_compact::Claims<CompactP2> {
        let p = p2();
        let mut c = jwt_compact::Claims::new(CompactP2 {
            iss: p.iss,
            sub: p.sub,
            aud: p.aud,
            jti: p.jti,
            name: p.name,
            role: p.role,
            scopes: p.scopes,
        })
        .set_duration_and_issuance(&self.time, chrono::Duration::hours(1));
        c.not_before = chrono::DateTime::from_timestamp(p.nbf as i64, 0);
        c
    }
}

// ---- jwt (mikkyang) -----------------------------------------------------------------------

pub struct Jwt {
    pub key: hmac012::Hmac<sha2_010::Sha256>,
}

impl Jwt {
    pub fn new() -> Self {
        use hmac012::Mac;
        Jwt {
            key: hmac012::Hmac::new_from_slice(SECRET).unwrap(),
        }
    }
}

/// jwt (mikkyang) checks no claims: the bench checks the same ones by hand.
pub fn jwt_check_p1(c: &P1Plain) -> bool {
    c.exp > now()
}

pub fn jwt_check_p2(c: &P2Plain) -> bool {
    let now = now();
    c.exp > now && c.nbf <= now && c.iss == ISS && c.aud.iter().any(|a| a == AUD)
}

// ---- the floor: the same primitives with no checks --------------------------------------------

/// HMAC (the `hmac` crate, state precomputed), base64url and serde_json alone, with no checks.
/// `floor` encodes with the `base64` crate, as the benchmark's issue defines it;
/// `floor-simd` with the `base64-simd` crate, which `jwt-core` itself uses.
pub struct Floor {
    pub mac: hmac::Hmac<sha2::Sha256>,
    pub simd: bool,
}

pub const FLOOR_HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

impl Floor {
    pub fn new(simd: bool) -> Self {
        use hmac::KeyInit;
        Floor {
            mac: hmac::Hmac::new_from_slice(SECRET).unwrap(),
            simd,
        }
    }

    fn encode(&self, bytes: &[u8], out: &mut String) {
        use base64::Engine as _;
        if self.simd {
            base64_simd::URL_SAFE_NO_PAD.encode_append(bytes, out);
        } else {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(bytes, out);
        }
    }

    fn decode_tag(&self, text: &str, tag: &mut [u8; 32]) -> Option<()> {
        use base64::Engine as _;
        if self.simd {
            let b64 = base64_simd::URL_SAFE_NO_PAD;
            if b64.decoded_length(text.as_bytes()).ok()? != tag.len() {
                return None;
            }
            b64.decode(text.as_bytes(), base64_simd::AsOut::as_out(&mut tag[..]))
                .ok()?;
        } else {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode_slice(text, tag)
                .ok()?;
        }
        Some(())
    }

    fn decode(&self, text: &str) -> Option<Vec<u8>> {
        use base64::Engine as _;
        if self.simd {
            base64_simd::URL_SAFE_NO_PAD.decode_to_vec(text).ok()
        } else {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(text)
                .ok()
        }
    }

    pub fn sign<T: Serialize>(&self, claims: &T) -> String {
        use hmac::Mac;
        let json = serde_json::to_vec(claims).unwrap();
        let mut out = String::with_capacity(FLOOR_HEADER.len() + json.len() * 4 / 3 + 48);
        out.push_str(FLOOR_HEADER);
        out.push('.');
        self.encode(&json, &mut out);
        let tag = self
            .mac
            .clone()
            .chain_update(out.as_bytes())
            .finalize()
            .into_bytes();
        out.push('.');
        self.encode(&tag, &mut out);
        out
    }

    pub fn verify<T: serde::de::DeserializeOwned>(&self, token: &str) -> Option<T> {
        use hmac::Mac;
        let (input, sig) = token.rsplit_once('.')?;
        let (_, payload) = input.split_once('.')?;
        let mut tag = [0u8; 32];
        self.decode_tag(sig, &mut tag)?;
        self.mac
            .clone()
            .chain_update(input.as_bytes())
            .verify_slice(&tag)
            .ok()?;
        let json = self.decode(payload)?;
        serde_json::from_slice(&json).ok()
    }
}

// ---- every measurement for every library, from one fixture ----------------------------------

/// The four measurements, in table order.
pub const MEASUREMENTS: [&str; 4] = ["P1 sign", "P1 verify", "P2 sign", "P2 verify"];

/// The libraries, in table order; this project first, the floor last.
pub const LIBRARIES: [&str; 8] = [
    "jwt-core",
    "jsonwebtoken",
    "jwt-simple",
    "jwt-compact",
    "jwt",
    "floor",
    "floor-simd",
    "jwt-core (serde)",
];

/// Keys, claims and tokens for every library, built once.
pub struct Fixture {
    pub ours: Ours,
    pub jwt_rs: JsonWebToken,
    pub simple: JwtSimple,
    pub compact: JwtCompact,
    pub jwt: Jwt,
    pub floor: Floor,
    pub floor_simd: Floor,
    pub c1: P1,
    pub c2: P2,
    pub plain1: P1Plain,
    pub plain2: P2Plain,
    pub serde1: P1Serde,
    pub serde2: P2Serde,
    pub sc1: jwt_simple::prelude::JWTClaims<jwt_simple::prelude::NoCustomClaims>,
    pub sc2: jwt_simple::prelude::JWTClaims<P2Custom>,
    pub cc1: jwt_compact::Claims<CompactP1>,
    pub cc2: jwt_compact::Claims<CompactP2>,
    /// Tokens each library signed, for its own verify: `[P1, P2]`.
    pub tokens: [[String; 2]; 5],
}

impl Fixture {
    pub fn new() -> Self {
        use jwt::SignWithKey;
        use jwt_compact::AlgorithmExt;
        use jwt_simple::prelude::MACLike;
        let (ours, jwt_rs, simple, compact, jwt, floor) = (
            Ours::new(),
            JsonWebToken::new(),
            JwtSimple::new(),
            JwtCompact::new(),
            Jwt::new(),
            Floor::new(false),
        );
        let (c1, c2, plain1, plain2) = (p1(), p2(), p1_plain(), p2_plain());
        let (serde1, serde2) = (P1Serde::from(&c1), P2Serde::from(&c2));
        let (sc1, sc2, cc1, cc2) = (
            simple.claims1(),
            simple.claims2(),
            compact.claims1(),
            compact.claims2(),
        );
        let header = jwt_compact::Header::empty().with_token_type("JWT");
        let hs = jwt_compact::alg::Hs256;
        let tokens = [
            [c1.sign(&ours.key).unwrap(), c2.sign(&ours.key).unwrap()],
            [
                jsonwebtoken::encode(&jwt_rs.header, &plain1, &jwt_rs.enc).unwrap(),
                jsonwebtoken::encode(&jwt_rs.header, &plain2, &jwt_rs.enc).unwrap(),
            ],
            [
                simple.key.authenticate(sc1.clone()).unwrap(),
                simple.key.authenticate(sc2.clone()).unwrap(),
            ],
            [
                hs.token(&header, &cc1, &compact.key).unwrap(),
                hs.token(&header, &cc2, &compact.key).unwrap(),
            ],
            [
                plain1.clone().sign_with_key(&jwt.key).unwrap(),
                plain2.clone().sign_with_key(&jwt.key).unwrap(),
            ],
        ];
        Fixture {
            ours,
            jwt_rs,
            simple,
            compact,
            jwt,
            floor,
            floor_simd: Floor::new(true),
            c1,
            c2,
            plain1,
            plain2,
            serde1,
            serde2,
            sc1,
            sc2,
            cc1,
            cc2,
            tokens,
        }
    }

    /// This project's `measurement` on claims `c1` (P1) and `c2` (P2), whose tokens are
    /// `tokens`: `jwt-core` and `jwt-core (serde)` differ only in the claims types.
    fn ours_op<'a, A, B>(
        &'a self,
        c1: &'a A,
        c2: &'a B,
        measurement: usize,
        [t1, t2]: [&'a String; 2],
    ) -> Box<dyn FnMut() + 'a>
    where
        A: Claims,
        B: Claims + jwt_core::HasAudience + jwt_core::HasIssuer,
        Hs256Key: jwt_core::KeyFor<A> + jwt_core::KeyFor<B>,
    {
        use std::hint::black_box as bb;
        let key = &self.ours.key;
        match measurement {
            0 => Box::new(move || drop(bb(bb(c1).sign(key).unwrap()))),
            1 => {
                let v = A::verifier(key);
                Box::new(move || drop(bb(v.verify(bb(t1)).unwrap())))
            }
            2 => Box::new(move || drop(bb(bb(c2).sign(key).unwrap()))),
            _ => {
                let v = B::verifier(key).audience(AUD).issuer(ISS);
                Box::new(move || drop(bb(v.verify(bb(t2)).unwrap())))
            }
        }
    }

    /// One call of `library` doing `measurement` (indexes into [`LIBRARIES`] and
    /// [`MEASUREMENTS`]), its result passed through `black_box` and dropped. Verifiers and
    /// headers are built before the returned closure, outside any measurement.
    pub fn op(&self, measurement: usize, library: usize) -> Box<dyn FnMut() + '_> {
        use jwt::{SignWithKey, VerifyWithKey};
        use jwt_compact::AlgorithmExt;
        use jwt_simple::prelude::MACLike;
        use std::hint::black_box as bb;
        let hs = jwt_compact::alg::Hs256;
        let header = jwt_compact::Header::empty().with_token_type("JWT");
        // The floors verify this project's tokens.
        let [t1, t2] = &self.tokens[if library >= 5 { 0 } else { library }];
        match (library, measurement) {
            (0, _) => self.ours_op(&self.c1, &self.c2, measurement, [t1, t2]),
            (7, _) => self.ours_op(&self.serde1, &self.serde2, measurement, [t1, t2]),
            (1, 0) => Box::new(move || {
                let j = &self.jwt_rs;
                drop(bb(jsonwebtoken::encode(
                    &j.header,
                    bb(&self.plain1),
                    &j.enc,
                )
                .unwrap()))
            }),
            (1, 1) => Box::new(move || {
                let j = &self.jwt_rs;
                drop(bb(
                    jsonwebtoken::decode::<P1Plain>(bb(t1), &j.dec, &j.v1).unwrap()
                ))
            }),
            (1, 2) => Box::new(move || {
                let j = &self.jwt_rs;
                drop(bb(jsonwebtoken::encode(
                    &j.header,
                    bb(&self.plain2),
                    &j.enc,
                )
                .unwrap()))
            }),
            (1, 3) => Box::new(move || {
                let j = &self.jwt_rs;
                drop(bb(
                    jsonwebtoken::decode::<P2Plain>(bb(t2), &j.dec, &j.v2).unwrap()
                ))
            }),
            // jwt-simple and jwt consume their claims: their sign includes a clone.
            (2, 0) => Box::new(move || {
                drop(bb(self
                    .simple
                    .key
                    .authenticate(bb(&self.sc1).clone())
                    .unwrap()))
            }),
            (2, 1) => Box::new(move || {
                let s = &self.simple;
                let claims = s.key.verify_token::<jwt_simple::prelude::NoCustomClaims>(
                    bb(t1),
                    Some(s.o1.clone()),
                );
                drop(bb(claims.unwrap()))
            }),
            (2, 2) => Box::new(move || {
                drop(bb(self
                    .simple
                    .key
                    .authenticate(bb(&self.sc2).clone())
                    .unwrap()))
            }),
            (2, 3) => Box::new(move || {
                let s = &self.simple;
                let claims = s.key.verify_token::<P2Custom>(bb(t2), Some(s.o2.clone()));
                drop(bb(claims.unwrap()))
            }),
            (3, 0) => Box::new(move || {
                drop(bb(hs
                    .token(&header, bb(&self.cc1), &self.compact.key)
                    .unwrap()))
            }),
            (3, 1) => Box::new(move || {
                let u = jwt_compact::UntrustedToken::new(bb(t1)).unwrap();
                let t: jwt_compact::Token<CompactP1> =
                    hs.validator(&self.compact.key).validate(&u).unwrap();
                t.claims().validate_expiration(&self.compact.time).unwrap();
                drop(bb(t))
            }),
            (3, 2) => Box::new(move || {
                drop(bb(hs
                    .token(&header, bb(&self.cc2), &self.compact.key)
                    .unwrap()))
            }),
            (3, 3) => Box::new(move || {
                let u = jwt_compact::UntrustedToken::new(bb(t2)).unwrap();
                let t: jwt_compact::Token<CompactP2> =
                    hs.validator(&self.compact.key).validate(&u).unwrap();
                let c = t.claims();
                c.validate_expiration(&self.compact.time)
                    .unwrap()
                    .validate_maturity(&self.compact.time)
                    .unwrap();
                assert!(c.custom.iss == ISS && c.custom.aud.iter().any(|a| a == AUD));
                drop(bb(t))
            }),
            // jwt checks no claims: the same ones are checked by hand.
            (4, 0) => Box::new(move || {
                drop(bb(bb(&self.plain1)
                    .clone()
                    .sign_with_key(&self.jwt.key)
                    .unwrap()))
            }),
            (4, 1) => Box::new(move || {
                let c: P1Plain = bb(t1.as_str()).verify_with_key(&self.jwt.key).unwrap();
                assert!(jwt_check_p1(&c));
                drop(bb(c))
            }),
            (4, 2) => Box::new(move || {
                drop(bb(bb(&self.plain2)
                    .clone()
                    .sign_with_key(&self.jwt.key)
                    .unwrap()))
            }),
            (4, 3) => Box::new(move || {
                let c: P2Plain = bb(t2.as_str()).verify_with_key(&self.jwt.key).unwrap();
                assert!(jwt_check_p2(&c));
                drop(bb(c))
            }),
            (5 | 6, _) => {
                let floor = if library == 5 {
                    &self.floor
                } else {
                    &self.floor_simd
                };
                match measurement {
                    0 => Box::new(move || drop(bb(floor.sign(bb(&self.plain1))))),
                    1 => Box::new(move || drop(bb(floor.verify::<P1Plain>(bb(t1)).unwrap()))),
                    2 => Box::new(move || drop(bb(floor.sign(bb(&self.plain2))))),
                    _ => Box::new(move || drop(bb(floor.verify::<P2Plain>(bb(t2)).unwrap()))),
                }
            }
            _ => panic!("no measurement {measurement} for library {library}"),
        }
    }
}
