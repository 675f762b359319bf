//! Registered claims are recorded exactly from the token's text, then handed to the claims
//! type without a second parse where the value is a plain string or integer. These tests go
//! through each way a type can ask for a value (integers, strings, options, raw text,
//! anything else) and check that the value is both handed over and validated, exactly.

mod common;

use common::*;
use jwt_core::{ErrorKind, FixedClock, NumericDate, Validation};
use serde::Deserialize;

fn verify<T: serde::de::DeserializeOwned>(
    claims: &str,
    v: &Validation,
) -> Result<T, jwt_core::Error> {
    jwt_core::dangerous::verify_serde::<T>(&token(claims), &key(), v)
}

fn at(secs: i64, nanos: u32) -> FixedClock {
    FixedClock(NumericDate::from_secs_nanos(secs, nanos).unwrap())
}

fn invalid(name: &'static str) -> ErrorKind {
    ErrorKind::InvalidClaimType(name.into())
}

#[derive(Deserialize, Debug, PartialEq)]
struct Ints {
    exp: u64,
    nbf: i64,
    iat: Option<u32>,
}

#[test]
fn integer_fields_are_recorded_and_checked() {
    let clock = at(NOW, 0);
    let v = Validation::new().clock(clock);
    let ok: Ints = verify(r#"{"exp":1700000060,"nbf":-5,"iat":1699999999}"#, &v).unwrap();
    assert_eq!(
        ok,
        Ints {
            exp: 1_700_000_060,
            nbf: -5,
            iat: Some(1_699_999_999)
        }
    );
    // The values the type read are the ones validated.
    let err = verify::<Ints>(r#"{"exp":1700000000,"nbf":0}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
    let err = verify::<Ints>(r#"{"exp":1700000060,"nbf":1700000001}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotYetValid);
    let err = verify::<Ints>(r#"{"exp":1700000060,"nbf":0,"iat":1700000001}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::IssuedInFuture);
    // A fraction, an exponent, null, a string or a value beyond 2^53 - 1: the claim's type.
    for (claims, name) in [
        (r#"{"exp":1700000060.5,"nbf":0}"#, "exp"),
        (r#"{"exp":17e8,"nbf":0}"#, "exp"),
        (r#"{"exp":1700000060,"nbf":0,"iat":null}"#, "iat"),
        (r#"{"exp":"1700000060","nbf":0}"#, "exp"),
        (r#"{"exp":1700000060,"nbf":9007199254740992}"#, "nbf"),
        (r#"{"exp":18446744073709551615,"nbf":0}"#, "exp"),
        (r#"{"exp":1700000060,"nbf":-9007199254740992}"#, "nbf"),
    ] {
        let err = verify::<Ints>(claims, &v).unwrap_err();
        assert_eq!(err.kind(), &invalid(name), "{claims}");
    }
    // Bad JSON inside a claim's value is a malformed document, not a type error.
    let err = verify::<Ints>(r#"{"exp":1700000060,"nbf":01}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MalformedClaims);
}

#[derive(Deserialize, Debug, PartialEq)]
struct Strings {
    exp: u64,
    iss: String,
    sub: Option<Box<str>>,
    jti: Option<String>,
}

#[test]
fn string_fields_are_recorded_and_checked_with_escapes_resolved() {
    let clock = at(NOW, 0);
    let v = Validation::new().clock(clock).issuer("a\"b").subject("é");
    let ok: Strings = verify(
        r#"{"exp":1700000060,"iss":"a\"b","sub":"\u00e9","jti":"j"}"#,
        &v,
    )
    .unwrap();
    assert_eq!(ok.iss, "a\"b");
    assert_eq!(ok.sub.as_deref(), Some("é"));
    let err = verify::<Strings>(r#"{"exp":1700000060,"iss":"a\"c","sub":"é"}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidIssuer);
    let err = verify::<Strings>(r#"{"exp":1700000060,"iss":"a\"b","sub":"e"}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidSubject);
    for (claims, name) in [
        (r#"{"exp":1700000060,"iss":5}"#, "iss"),
        (r#"{"exp":1700000060,"iss":"a\"b","sub":null}"#, "sub"),
        (r#"{"exp":1700000060,"iss":"a\"b","jti":["j"]}"#, "jti"),
    ] {
        let err = verify::<Strings>(claims, &v).unwrap_err();
        assert_eq!(err.kind(), &invalid(name), "{claims}");
    }
}

#[derive(Deserialize, Debug)]
struct Loose {
    exp: f64,
    nbf: NumericDate,
    iat: serde_json::Value,
    iss: serde_json::Value,
    aud: Vec<String>,
}

/// Types that ask for anything (a float, a `Value`, the raw text) get the value from its
/// text, which is recorded exactly first.
#[test]
fn other_fields_are_read_from_the_recorded_text() {
    fn v_at(clock: &FixedClock) -> Validation {
        Validation::new().clock(clock).audience("web")
    }
    let claims = r#"{"exp":1700000000.000000002,"nbf":1699999999.5,"iat":1699999999,"iss":"x","aud":["api","web"]}"#;
    let just_before = at(NOW, 1);
    let ok: Loose = verify(claims, &v_at(&just_before)).unwrap();
    assert_eq!(ok.iss, "x");
    assert_eq!(ok.iat, 1_699_999_999);
    assert_eq!(ok.nbf.subsec_nanos(), 500_000_000);
    assert_eq!(ok.aud, ["api", "web"]);
    assert_eq!(ok.exp, 1_700_000_000.0); // the float cannot hold the 2 ns
                                         // The float the type holds rounds the nanoseconds away; the check does not.
    let at_expiry = at(NOW, 2);
    let err = verify::<Loose>(claims, &v_at(&at_expiry)).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
    let err = verify::<Loose>(
        r#"{"exp":1700000060,"nbf":0,"iat":"soon","iss":"x","aud":["web"]}"#,
        &v_at(&just_before),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &invalid("iat"));
    let err = verify::<Loose>(
        r#"{"exp":1700000060,"nbf":0,"iat":0,"iss":["x"],"aud":["web"]}"#,
        &v_at(&just_before),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &invalid("iss"));
    let err = verify::<Loose>(
        r#"{"exp":1700000060,"nbf":0,"iat":0,"iss":"x","aud":[]}"#,
        &v_at(&just_before),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &invalid("aud"));
}

/// A type that does not read its value at all.
#[derive(Debug)]
struct Unread;

impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Ok(Unread)
    }
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)] // read only through Debug
struct Careless {
    exp: Unread,
}

/// A registered claim is recorded before the claims type sees it: a type that skips reading
/// it still gets a token whose claim was checked.
#[test]
fn a_registered_claim_the_type_does_not_read_is_still_checked() {
    let clock = at(NOW, 0);
    let v = Validation::new().clock(clock);
    // If the value went unrecorded, `exp` would look absent (MissingClaim) or pass unchecked.
    let err = verify::<Careless>(r#"{"exp":1}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
    let err = verify::<Careless>(r#"{"exp":"1700000060"}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &invalid("exp"));
    let err = verify::<Careless>(r#"{"exp":1700000060.5e}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MalformedClaims);
    verify::<Careless>(r#"{"exp":1700000060}"#, &v).unwrap();
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)] // `exp` is there for the default validation, which requires it
struct Audiences {
    exp: u64,
    aud: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)] // `exp` is there for the default validation, which requires it
struct OddAudiences {
    exp: u64,
    aud: Option<Vec<serde_json::Value>>,
}

/// An audience array read as a sequence: each string is recorded as the type reads it.
#[test]
fn audience_sequences_are_recorded_element_by_element() {
    let clock = at(NOW, 0);
    let v = Validation::new().clock(clock).audience("w\"b");
    let ok: Audiences = verify(r#"{"exp":1700000060,"aud":["api","w\"b"]}"#, &v).unwrap();
    assert_eq!(ok.aud, ["api", "w\"b"]);
    let err = verify::<Audiences>(r#"{"exp":1700000060,"aud":["api","web"]}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidAudience);
    for claims in [
        r#"{"exp":1700000060,"aud":[]}"#,
        r#"{"exp":1700000060,"aud":["w\"b",1]}"#,
        r#"{"exp":1700000060,"aud":["w\"b",null]}"#,
        r#"{"exp":1700000060,"aud":"w\"b"}"#,
        r#"{"exp":1700000060,"aud":[["w\"b"]]}"#,
    ] {
        let err = verify::<Audiences>(claims, &v).unwrap_err();
        assert_eq!(err.kind(), &invalid("aud"), "{claims}");
    }
    // Elements read some other way are recorded from their text, which must be a string.
    let ok: OddAudiences = verify(r#"{"exp":1700000060,"aud":["x","w\"b"]}"#, &v).unwrap();
    assert_eq!(ok.aud.unwrap()[1], "w\"b");
    let err = verify::<OddAudiences>(r#"{"exp":1700000060,"aud":["w\"b",{}]}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &invalid("aud"));
    let err = verify::<OddAudiences>(r#"{"exp":1700000060,"aud":["x"]}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidAudience);
    let err = verify::<OddAudiences>(r#"{"exp":1700000060,"aud":null}"#, &v).unwrap_err();
    assert_eq!(err.kind(), &invalid("aud"));
}
