//! A derived type's rules run whichever public entry point verifies or signs it, and the
//! verifiers can live in a server's state (owned, `Send + Sync + 'static`, cheap to clone).

mod common;

use std::sync::Arc;

use common::{at, hs256_token, key, TEST_SECRET};
use jwt_core::{
    decode, encode, Claims, Error, ErrorKind, HmacKey, Hs256, Hs256Key, JwtClaims, KeySet,
    NumericDate, RuleError, Validation, Verifier,
};
use serde::{Deserialize, Serialize};

const NOW: i64 = 1_700_000_000;

fn no_x(name: &str) -> Result<(), RuleError> {
    if name.contains('x') {
        return Err(RuleError::new("must not contain x"));
    }
    Ok(())
}

/// One rule of each kind the derive generates, each checked on the token's claims or on the
/// typed values.
#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[claims(typ = "at+jwt", leeway = 0, lifetime(min = 60, max = 3600))]
struct Strict {
    #[claims(iss, one_of("a", "b"))]
    iss: String,
    #[claims(aud, equals = "api")]
    aud: String,
    #[claims(exp, leeway = 5)]
    exp: NumericDate,
    #[claims(iat, max_age = 600)]
    iat: NumericDate,
    #[claims(range(min = 1, max = 3))]
    level: u8,
    #[claims(len(max = 8), validate = no_x)]
    name: String,
}

/// The claims of a token `Strict` accepts at `NOW`, as JSON, with `change` applied.
fn claims_with(change: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = serde_json::json!({
        "iss": "a", "aud": "api", "exp": NOW + 600, "iat": NOW - 10, "level": 2, "name": "ann",
    });
    change(&mut v);
    v.to_string()
}

fn token(header: &str, claims: &str) -> String {
    hs256_token(TEST_SECRET, header, claims)
}

const AT_JWT: &str = r#"{"alg":"HS256","typ":"at+jwt"}"#;

/// Each public way of verifying a `Strict` token: the error kind of each.
fn through_every_entry_point(token: &str) -> Vec<(&'static str, Result<(), ErrorKind>)> {
    let key = key();
    let clock = at(NOW);
    let v = Validation::new().clock(clock);
    let kind = |r: Result<(), Error>| r.map_err(|e| e.kind().clone());
    let verifier = Strict::verifier(&key).clock(clock);
    let owned = Strict::verifier(key.clone()).clock(clock);
    vec![
        (
            "decode::verify",
            kind(decode::verify::<Strict>(token, &key, &v).map(drop)),
        ),
        (
            "decode::verify_with_header",
            kind(decode::verify_with_header::<Strict>(token, &key, &v).map(drop)),
        ),
        ("Verifier::verify", kind(verifier.verify(token).map(drop))),
        (
            "Verifier::verify_with_header",
            kind(verifier.verify_with_header(token).map(drop)),
        ),
        (
            "owned Verifier::verify",
            kind(owned.verify(token).map(drop)),
        ),
    ]
}

#[test]
fn a_derived_types_rules_run_through_every_verify_entry_point() {
    // The token that passes every rule passes everywhere.
    let good = token(AT_JWT, &claims_with(|_| {}));
    for (entry, result) in through_every_entry_point(&good) {
        assert_eq!(result, Ok(()), "{entry}");
    }
    assert!(Strict::verify(&good, &key()).is_err()); // the system clock: long expired

    let invalid = |name: &str| ErrorKind::InvalidClaim(name.to_owned().into());
    let cases: Vec<(&str, String, ErrorKind)> = vec![
        (
            "typ",
            token(r#"{"alg":"HS256","typ":"JWT"}"#, &claims_with(|_| {})),
            ErrorKind::InvalidTyp,
        ),
        (
            "one_of on iss",
            token(AT_JWT, &claims_with(|c| c["iss"] = "c".into())),
            ErrorKind::InvalidIssuer,
        ),
        (
            "equals on aud",
            token(AT_JWT, &claims_with(|c| c["aud"] = "web".into())),
            ErrorKind::InvalidAudience,
        ),
        (
            "lifetime",
            token(
                AT_JWT,
                &claims_with(|c| c["exp"] = (NOW - 10 + 3601).into()),
            ),
            invalid("exp"),
        ),
        (
            "max_age",
            token(
                AT_JWT,
                &claims_with(|c| {
                    c["iat"] = (NOW - 601).into();
                    c["exp"] = (NOW + 100).into();
                }),
            ),
            ErrorKind::TooOld,
        ),
        (
            "per-claim leeway (expired 6 s ago, leeway 5)",
            token(
                AT_JWT,
                &claims_with(|c| {
                    c["iat"] = (NOW - 100).into();
                    c["exp"] = (NOW - 6).into();
                }),
            ),
            ErrorKind::Expired,
        ),
        (
            "range",
            token(AT_JWT, &claims_with(|c| c["level"] = 4.into())),
            invalid("level"),
        ),
        (
            "len",
            token(AT_JWT, &claims_with(|c| c["name"] = "annabella".into())),
            invalid("name"),
        ),
        (
            "validate",
            token(AT_JWT, &claims_with(|c| c["name"] = "rex".into())),
            invalid("name"),
        ),
    ];
    for (rule, token, expected) in cases {
        for (entry, result) in through_every_entry_point(&token) {
            assert_eq!(result, Err(expected.clone()), "{rule} through {entry}");
        }
    }
    // Within the per-claim leeway: accepted everywhere.
    let late = token(
        AT_JWT,
        &claims_with(|c| {
            c["iat"] = (NOW - 100).into();
            c["exp"] = (NOW - 4).into();
        }),
    );
    for (entry, result) in through_every_entry_point(&late) {
        assert_eq!(result, Ok(()), "{entry}");
    }
}

/// A validation's own settings come on top of the type's: an audience it names, and its
/// `typ` instead of the type's.
#[test]
fn the_validation_and_the_types_rules_both_apply() {
    let key = key();
    let good = token(AT_JWT, &claims_with(|_| {}));
    let v = Validation::new().clock(at(NOW));
    assert!(decode::verify::<Strict>(&good, &key, &v.clone().issuer("a")).is_ok());
    assert_eq!(
        decode::verify::<Strict>(&good, &key, &v.clone().issuer("b"))
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidIssuer
    );
    let jwt = token(r#"{"alg":"HS256","typ":"JWT"}"#, &claims_with(|_| {}));
    assert!(decode::verify::<Strict>(&jwt, &key, &v.clone().typ("JWT")).is_ok());
    // max_age: the smaller of the two applies.
    let old = token(AT_JWT, &claims_with(|c| c["iat"] = (NOW - 300).into()));
    assert!(decode::verify::<Strict>(&old, &key, &v).is_ok());
    let stricter = v.clone().max_age(200).unwrap();
    assert_eq!(
        decode::verify::<Strict>(&old, &key, &stricter)
            .unwrap_err()
            .kind(),
        &ErrorKind::TooOld
    );
}

/// Signing through `encode::sign` runs the type's rules as its own `sign` does.
#[test]
fn a_derived_types_rules_run_through_every_sign_entry_point() {
    let key = key();
    let strict = Strict {
        iss: "a".into(),
        aud: "api".into(),
        exp: NumericDate::from_secs(NOW + 600).unwrap(),
        iat: NumericDate::from_secs(NOW - 10).unwrap(),
        level: 9,
        name: "ann".into(),
    };
    let v = Validation::new().clock(at(NOW));
    let by_encode = encode::sign(&strict, &key, &v).unwrap_err();
    let by_method = strict.sign_with_clock(&key, &at(NOW)).unwrap_err();
    assert_eq!(by_encode.kind(), &ErrorKind::InvalidClaim("level".into()));
    assert_eq!(by_method.kind(), by_encode.kind());
    let fixed = Strict { level: 2, ..strict };
    let by_encode = encode::sign(&fixed, &key, &v).unwrap();
    // The type's typ is written, and both tokens verify.
    assert_eq!(by_encode, fixed.sign_with_clock(&key, &at(NOW)).unwrap());
    let header = jwt_core::dangerous::decode_unverified(&by_encode)
        .unwrap()
        .header;
    assert_eq!(header.typ.as_deref(), Some("at+jwt"));
}

/// A verifier owns its key and validation: built once, moved into threads (a server's
/// state), cloned cheaply.
#[test]
fn verifiers_are_owned_shareable_and_cheap_to_clone() {
    fn shareable<T: Send + Sync + 'static>() {}
    fn cloneable<T: Clone + Send + Sync + 'static>() {}
    cloneable::<Validation>();
    cloneable::<Hs256Key>();
    cloneable::<Verifier<Strict, HmacKey<Hs256>>>();
    cloneable::<Verifier<JwtClaims, Arc<KeySet>>>();
    shareable::<KeySet>();
    shareable::<Error>();

    let good = token(AT_JWT, &claims_with(|_| {}));
    let verifier = Strict::verifier(key()).clock(at(NOW));
    let set = Arc::new(KeySet::new().with(key().with_kid("k1")).unwrap());
    let by_set = JwtClaims::verifier(set).clock(at(NOW)).audience("api");
    let with_kid = hs256_token(
        TEST_SECRET,
        r#"{"alg":"HS256","kid":"k1"}"#,
        claims_with(|_| {}),
    );
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (verifier, by_set) = (verifier.clone(), by_set.clone());
            let (good, with_kid) = (good.clone(), with_kid.clone());
            std::thread::spawn(move || {
                (
                    verifier.verify(&good).map(|c| c.name),
                    by_set.verify(&with_kid).map(|c| c.registered.iss),
                )
            })
        })
        .collect();
    for t in threads {
        let (a, b) = t.join().unwrap();
        assert_eq!(a.unwrap(), "ann");
        assert_eq!(b.unwrap().as_deref(), Some("a"));
    }
}
