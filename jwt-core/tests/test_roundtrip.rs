//! Sign-then-verify for every algorithm, cross-algorithm refusal, key sets, and the checks
//! signing shares with verifying.

mod common;

use common::{clock, NOW};
use jwt_core::dangerous::decode_unverified;
use jwt_core::{
    decode, encode, ErrorKind, HmacAlgorithm, HmacKey, Hs256Key, Hs384Key, Hs512Key, JwtClaims,
    KeySet, NumericDate, Validation,
};

fn claims(json: &str) -> JwtClaims {
    serde_json::from_str(json).unwrap()
}

const CLAIMS: &str = r#"{"iss":"https://issuer.test","sub":"42","aud":["api","web"],"exp":1700000600,"nbf":1699999990,"iat":1700000000,"jti":"id-1","n":{"deep":[1,2.5,null,true]},"name":"Test User","scopes":["read","write"]}"#;

fn round_trip<A: HmacAlgorithm>(secret: &[u8]) {
    let key = HmacKey::<A>::from_secret(secret).unwrap();
    let clock = clock();
    let v = Validation::new()
        .clock(clock)
        .audience("api")
        .issuer("https://issuer.test");
    let original = claims(CLAIMS);
    let token = encode::sign(&original, &key, &v).unwrap();
    let back: JwtClaims = decode::verify(&token, &key, &v).unwrap();
    assert_eq!(back, original);
    // The payload is the claims' JSON, byte for byte (registered claims first, then the
    // others in name order).
    let unverified = decode_unverified(&token).unwrap();
    assert_eq!(unverified.header.alg, A::ALGORITHM);
    assert_eq!(unverified.header.typ.as_deref(), Some("JWT"));
    assert_eq!(serde_json::to_string(&unverified.claims).unwrap(), CLAIMS);
}

#[test]
fn round_trips_for_all_algorithms() {
    round_trip::<jwt_core::Hs256>(&[0x11; 32]);
    round_trip::<jwt_core::Hs384>(&[0x22; 48]);
    round_trip::<jwt_core::Hs512>(&[0x33; 64]);
}

#[test]
fn one_algorithm_is_refused_by_a_key_of_another_with_the_same_secret() {
    let secret = [0x5a; 64];
    let clock = clock();
    let v = Validation::new().clock(clock);
    let c = claims(r#"{"exp":1700000600}"#);
    let t256 = encode::sign(&c, &Hs256Key::from_secret(&secret).unwrap(), &v).unwrap();
    let t384 = encode::sign(&c, &Hs384Key::from_secret(&secret).unwrap(), &v).unwrap();
    let t512 = encode::sign(&c, &Hs512Key::from_secret(&secret).unwrap(), &v).unwrap();
    let k256 = Hs256Key::from_secret(&secret).unwrap();
    let k384 = Hs384Key::from_secret(&secret).unwrap();
    let k512 = Hs512Key::from_secret(&secret).unwrap();
    let kind = |r: Result<JwtClaims, jwt_core::Error>| r.unwrap_err().kind().clone();
    assert_eq!(
        kind(decode::verify(&t384, &k256, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(decode::verify(&t512, &k256, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(decode::verify(&t256, &k384, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(decode::verify(&t512, &k384, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(decode::verify(&t256, &k512, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        kind(decode::verify(&t384, &k512, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    // A header rewritten to the key's algorithm keeps the other algorithm's tag.
    let (_, rest) = t384.split_once('.').unwrap();
    let forged = format!("{}.{rest}", common::b64(r#"{"alg":"HS256","typ":"JWT"}"#));
    assert_eq!(
        kind(decode::verify(&forged, &k256, &v)),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn key_set_chooses_by_kid_and_algorithm_and_never_falls_back() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let old = Hs256Key::from_secret(&[1; 32]).unwrap().with_kid("2025");
    let new = Hs512Key::from_secret(&[2; 64]).unwrap().with_kid("2026");
    let c = claims(r#"{"exp":1700000600}"#);
    let t_old = encode::sign(&c, &old, &v).unwrap();
    let t_new = encode::sign(&c, &new, &v).unwrap();
    let set = KeySet::new().with(old.clone()).unwrap().with(new).unwrap();
    assert!(decode::verify::<JwtClaims>(&t_old, &set, &v).is_ok());
    assert!(decode::verify::<JwtClaims>(&t_new, &set, &v).is_ok());
    assert_eq!(
        decode_unverified(&t_old).unwrap().header.kid.as_deref(),
        Some("2025")
    );

    let unknown = Hs256Key::from_secret(&[1; 32]).unwrap().with_kid("2024");
    let t_unknown = encode::sign(&c, &unknown, &v).unwrap();
    let err = decode::verify::<JwtClaims>(&t_unknown, &set, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnknownKeyId);
    // No kid: the set's only HS256 key verifies it; with a second HS256 key in the set the
    // token could be for either and is refused (unless the set is asked to try each).
    let no_kid = Hs256Key::from_secret(&[1; 32]).unwrap();
    let t_no_kid = encode::sign(&c, &no_kid, &v).unwrap();
    assert!(decode::verify::<JwtClaims>(&t_no_kid, &set, &v).is_ok());
    let third = Hs256Key::from_secret(&[4; 32]).unwrap().with_kid("2027");
    let set = set.with(third).unwrap();
    let err = decode::verify::<JwtClaims>(&t_no_kid, &set, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnknownKeyId);
    let each = set.try_each_without_kid(true);
    assert!(decode::verify::<JwtClaims>(&t_no_kid, &each, &v).is_ok());
    let stranger = Hs256Key::from_secret(&[5; 32]).unwrap();
    let t_stranger = encode::sign(&c, &stranger, &v).unwrap();
    let err = decode::verify::<JwtClaims>(&t_stranger, &each, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidSignature);
    let set = each.try_each_without_kid(false);
    // The kid of the HS512 key on an HS256 token: the key's algorithm still decides.
    let swapped = Hs256Key::from_secret(&[2; 32]).unwrap().with_kid("2026");
    let t_swapped = encode::sign(&c, &swapped, &v).unwrap();
    let err = decode::verify::<JwtClaims>(&t_swapped, &set, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::AlgorithmNotAllowed);
    // A single key ignores kid.
    assert!(decode::verify::<JwtClaims>(&t_old, &no_kid, &v).is_ok());
}

#[test]
fn signing_runs_the_verifier_rules() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let key = Hs256Key::from_secret(&[3; 32]).unwrap();
    let sign = |json: &str| encode::sign(&claims(json), &key, &v).map(|_| ());
    let kind = |json: &str| sign(json).unwrap_err().kind().clone();
    // An expired token is not minted (the clock is injected).
    assert_eq!(kind(&format!(r#"{{"exp":{NOW}}}"#)), ErrorKind::Expired);
    assert_eq!(
        kind(&format!(r#"{{"exp":{}}}"#, NOW - 3600)),
        ErrorKind::Expired
    );
    assert!(sign(&format!(r#"{{"exp":{}}}"#, NOW + 1)).is_ok());
    assert_eq!(
        kind(r#"{"sub":"x"}"#),
        ErrorKind::MissingClaim("exp".into())
    );
    assert_eq!(
        kind(&format!(r#"{{"exp":{},"iat":{}}}"#, NOW + 60, NOW + 1)),
        ErrorKind::IssuedInFuture
    );
    // A future nbf is allowed when signing: the token becomes valid later.
    assert!(sign(&format!(r#"{{"exp":{},"nbf":{}}}"#, NOW + 600, NOW + 60)).is_ok());
    // The audience rule only applies when the signer names an audience.
    assert!(sign(&format!(r#"{{"exp":{},"aud":"api"}}"#, NOW + 60)).is_ok());
    let for_web = v.clone().audience("web");
    let err = encode::sign(
        &claims(&format!(r#"{{"exp":{},"aud":"api"}}"#, NOW + 60)),
        &key,
        &for_web,
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidAudience);

    // Claims that serialize a registered claim twice or with the wrong type are refused.
    let mut dup = claims(&format!(r#"{{"exp":{}}}"#, NOW + 60));
    dup.extra.insert("exp".into(), serde_json::json!(NOW + 60));
    assert_eq!(
        encode::sign(&dup, &key, &v).unwrap_err().kind(),
        &ErrorKind::MalformedClaims
    );
    let mut wrong = claims(&format!(r#"{{"exp":{}}}"#, NOW + 60));
    wrong
        .extra
        .insert("nbf".into(), serde_json::json!("tomorrow"));
    // nbf is in `extra` only if it bypassed parsing; either way it is not a NumericDate.
    wrong.extra.insert("iat".into(), serde_json::Value::Null);
    assert_eq!(
        encode::sign(&wrong, &key, &v).unwrap_err().kind(),
        &ErrorKind::InvalidClaimType("iat".into())
    );
    assert_eq!(
        jwt_core::dangerous::sign_serde(&vec![1, 2], &key, &v)
            .unwrap_err()
            .kind(),
        &ErrorKind::MalformedClaims
    );
    // The size limit applies to the token that would be minted.
    let big = serde_json::json!({"exp": NOW + 60, "pad": "a".repeat(9000)});
    assert_eq!(
        jwt_core::dangerous::sign_serde(&big, &key, &v)
            .unwrap_err()
            .kind(),
        &ErrorKind::LimitExceeded
    );
}

#[test]
fn typ_and_kid_go_into_the_header() {
    let clock = clock();
    let v = Validation::new().clock(clock).typ("at+jwt");
    let key = Hs256Key::from_secret(&[4; 32]).unwrap().with_kid("k-1");
    let token = encode::sign(&claims(r#"{"exp":1700000600}"#), &key, &v).unwrap();
    let header = decode_unverified(&token).unwrap().header;
    assert_eq!(header.typ.as_deref(), Some("at+jwt"));
    assert_eq!(header.kid.as_deref(), Some("k-1"));
    assert!(decode::verify::<JwtClaims>(&token, &key, &v).is_ok());
    // A verifier expecting JWT refuses it.
    let jwt = Validation::new().clock(clock).typ("JWT");
    assert_eq!(
        decode::verify::<JwtClaims>(&token, &key, &jwt)
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidTyp
    );
}

#[test]
fn fractional_dates_survive_a_round_trip() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let key = Hs256Key::from_secret(&[5; 32]).unwrap();
    let token = encode::sign(&claims(r#"{"exp":1700000000.5}"#), &key, &v).unwrap();
    let back: JwtClaims = decode::verify(&token, &key, &v).unwrap();
    assert_eq!(
        back.registered.exp,
        Some(NumericDate::from_secs_nanos(1_700_000_000, 500_000_000).unwrap())
    );
}

#[test]
fn decode_unverified_is_strict_but_checks_nothing() {
    let key = Hs256Key::from_secret(&[6; 32]).unwrap();
    let clock = jwt_core::FixedClock::at_secs(100).unwrap();
    let token = encode::sign(
        &claims(r#"{"exp":200}"#),
        &key,
        &Validation::new().clock(clock),
    )
    .unwrap();
    // Expired now, and the signature is not checked.
    let (input, _) = token.rsplit_once('.').unwrap();
    let unverified = decode_unverified(&format!("{input}.AAAA")).unwrap();
    assert_eq!(unverified.claims.registered.exp.unwrap().secs(), 200);
    // Still strict about what it reads.
    let dup = common::raw_token(r#"{"alg":"HS256"}"#, r#"{"a":1,"a":2}"#);
    assert_eq!(
        decode_unverified(&dup).unwrap_err().kind(),
        &ErrorKind::MalformedClaims
    );
    let crit = common::raw_token(r#"{"alg":"HS256","crit":["x"]}"#, r#"{"a":1}"#);
    assert_eq!(
        decode_unverified(&crit)
            .unwrap()
            .header
            .unsupported_extension(),
        Some("crit")
    );
}

#[test]
fn claims_that_do_not_serialize_are_a_serialization_error() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let key = Hs256Key::from_secret(&[7; 32]).unwrap();
    // JSON object keys must be strings.
    let mut bad = std::collections::BTreeMap::new();
    bad.insert(vec![1u8], 1);
    let err = jwt_core::dangerous::sign_serde(&bad, &key, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Serialization);
    assert!(std::error::Error::source(&err).is_some());
}

/// Regression (found by the round-trip property test): fractional NumericDates finer than a
/// float were written through f64 and lost digits; they are now written exactly.
#[test]
fn nanosecond_fractions_are_signed_exactly() {
    let clock = clock();
    let v = Validation::new().clock(clock);
    let key = Hs256Key::from_secret(&[8; 32]).unwrap();
    let token = encode::sign(&claims(r#"{"exp":1700000206.000000001}"#), &key, &v).unwrap();
    let payload = decode_unverified(&token).unwrap().claims;
    assert_eq!(
        payload.registered.exp,
        Some(NumericDate::from_secs_nanos(1_700_000_206, 1).unwrap())
    );
    // Validation sees the exact value: at 1700000206.000000001 the token has just expired.
    let at = jwt_core::FixedClock(NumericDate::from_secs_nanos(1_700_000_206, 1).unwrap());
    let err = decode::verify::<JwtClaims>(&token, &key, &Validation::new().clock(at)).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
    let before = jwt_core::FixedClock(NumericDate::from_secs_nanos(1_700_000_206, 0).unwrap());
    assert!(decode::verify::<JwtClaims>(&token, &key, &Validation::new().clock(before)).is_ok());
}
