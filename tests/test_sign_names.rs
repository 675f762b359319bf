//! The signer's and reader's checks on member names hold whatever the claims' `Serialize`
//! writes or the token holds.
//!
//! `#[derive(Claims)]` hands the signer and the reader a table of the members the struct's
//! fields write, so that names met exactly as the table has them need no duplicate lookup.
//! The table only speeds up the check: members out of order, repeated, or ones the table
//! does not have must be signed, or refused, exactly as the rules say. Each outcome here is
//! judged against an expectation built from `serde_json`'s own reading of the members
//! (`common::expect`), never against another path through the same reader.

mod common;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use common::{at, expect, key};
use jwt_core::{Claims, ErrorKind, NumericDate, Validation};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const NOW: i64 = 1_700_000_000;

/// The payload of `token` as text.
fn payload(token: &str) -> String {
    let segment = token.split('.').nth(1).unwrap();
    String::from_utf8(URL_SAFE_NO_PAD.decode(segment).unwrap()).unwrap()
}

/// Declares `iss`, `exp` and `role` (the derive's table), but writes the members in
/// `write`, in that order, by hand.
#[derive(Claims, Deserialize, Debug)]
#[allow(dead_code)] // the fields only give the derive its table; `write` is what is written
struct Hand {
    #[claims(iss)]
    iss: String,
    #[claims(exp)]
    exp: NumericDate,
    role: String,
    #[serde(skip)]
    write: Vec<(&'static str, Value)>,
}

impl Serialize for Hand {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Hand", self.write.len())?;
        for (name, value) in &self.write {
            s.serialize_field(name, value)?;
        }
        s.end()
    }
}

fn hand(write: &[(&'static str, Value)]) -> Hand {
    Hand {
        iss: String::new(),
        exp: NumericDate::from_secs(NOW + 60).unwrap(),
        role: String::new(),
        write: write.to_vec(),
    }
}

/// Signs through the derive (with its table), judged against `expect::registered` for the members
/// as written; a token's payload must be what `serde_json` writes for the same claims. The
/// table-free signer (`dangerous::sign_serde`; `Hand` has no rules of its own) must agree.
fn sign_checked(claims: &Hand) -> Result<String, (ErrorKind, String)> {
    let clock = at(NOW);
    let with_table = claims
        .sign_with_clock(&key(), &clock)
        .map_err(|e| (e.kind().clone(), e.to_string()));
    let json = serde_json::to_string(claims).unwrap();
    let want = expect::registered(&expect::members(&json), true, NOW, None);
    expect::judge(&with_table, &want, &claims.write);
    if let Ok(token) = &with_table {
        assert_eq!(payload(token), json);
    }
    let without = jwt_core::dangerous::sign_serde(claims, &key(), &Validation::new().clock(clock))
        .map_err(|e| (e.kind().clone(), e.to_string()));
    assert_eq!(with_table, without, "{:?}", claims.write);
    with_table
}

#[test]
fn members_in_any_order_are_signed_as_written() {
    let exp = json!(NOW + 60);
    let cases: [&[(&str, Value)]; 4] = [
        &[
            ("iss", json!("a")),
            ("exp", exp.clone()),
            ("role", json!("r")),
        ],
        &[
            ("exp", exp.clone()),
            ("iss", json!("a")),
            ("role", json!("r")),
        ],
        &[("role", json!("r")), ("exp", exp.clone())],
        // A member the table does not have, between two it has.
        &[
            ("exp", exp.clone()),
            ("extra", json!([1])),
            ("role", json!("r")),
        ],
    ];
    for write in cases {
        let claims = hand(write);
        let token = sign_checked(&claims).unwrap();
        let expected: serde_json::Map<String, Value> = write
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect();
        assert_eq!(
            payload(&token),
            serde_json::to_string(&claims).unwrap(),
            "{write:?}"
        );
        let back: Value = serde_json::from_str(&payload(&token)).unwrap();
        assert_eq!(back, Value::Object(expected));
    }
}

#[test]
fn a_repeated_member_is_refused_wherever_it_comes() {
    let exp = json!(NOW + 60);
    let cases: [(&[(&str, Value)], &str); 5] = [
        // Both from the table's place: the second is past the cursor.
        (
            &[
                ("iss", json!("a")),
                ("iss", json!("b")),
                ("exp", exp.clone()),
            ],
            "iss",
        ),
        (
            &[
                ("iss", json!("a")),
                ("exp", exp.clone()),
                ("role", json!("r")),
                ("iss", json!("b")),
            ],
            "iss",
        ),
        // The table is left at `iss` (behind the cursor); `exp` came from it before.
        (
            &[
                ("exp", exp.clone()),
                ("role", json!("r")),
                ("iss", json!("a")),
                ("exp", exp.clone()),
            ],
            "exp",
        ),
        // Not in the table at all.
        (
            &[("exp", exp.clone()), ("x", json!(1)), ("x", json!(2))],
            "x",
        ),
        (
            &[("x", json!(1)), ("exp", exp.clone()), ("x", json!(2))],
            "x",
        ),
    ];
    for (write, name) in cases {
        let (kind, message) = sign_checked(&hand(write)).unwrap_err();
        assert_eq!(kind, ErrorKind::MalformedClaims, "{write:?}");
        assert!(
            message.contains(&format!("duplicate member \"{name}\"")),
            "{write:?}: {message}"
        );
    }
}

#[test]
fn registered_claims_are_checked_on_and_off_the_table() {
    let exp = json!(NOW + 60);
    // From the table's place: the value is still the written one, checked.
    let (kind, _) =
        sign_checked(&hand(&[("iss", json!("a")), ("exp", json!("soon"))])).unwrap_err();
    assert_eq!(kind, ErrorKind::InvalidClaimType("exp".into()));
    let (kind, _) = sign_checked(&hand(&[("exp", json!(NOW))])).unwrap_err();
    assert_eq!(kind, ErrorKind::Expired);
    // Off the table (after leaving it, and a claim it does not have).
    let (kind, _) = sign_checked(&hand(&[
        ("role", json!("r")),
        ("iss", json!(7)),
        ("exp", exp.clone()),
    ]))
    .unwrap_err();
    assert_eq!(kind, ErrorKind::InvalidClaimType("iss".into()));
    let (kind, _) = sign_checked(&hand(&[
        ("exp", exp.clone()),
        ("nbf", json!(NOW + 10)),
        ("iat", json!("x")),
    ]))
    .unwrap_err();
    assert_eq!(kind, ErrorKind::InvalidClaimType("iat".into()));
    // No exp at all: missing, whichever way the rest was written.
    let (kind, _) = sign_checked(&hand(&[("iss", json!("a")), ("role", json!("r"))])).unwrap_err();
    assert_eq!(kind, ErrorKind::MissingClaim("exp".into()));
}

/// Derived `Serialize`, with the shapes the table has to follow: members skipped when
/// empty, a name that needs an escape, a nested object with a registered name.
#[derive(Claims, Serialize, Deserialize, Debug, PartialEq)]
struct Shapes {
    #[claims(sub)]
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(rename = "say \"hi\"")]
    quoted: u8,
    #[claims(exp)]
    exp: NumericDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<u8>,
    nested: Inner,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Inner {
    exp: String,
    iss: Vec<u8>,
}

#[test]
fn derived_members_skipped_escaped_and_nested_are_written_as_serde_json_writes_them() {
    for (sub, note, last) in [
        (None, None, None),
        (Some("s"), None, Some(1)),
        (None, Some("n"), None),
        (Some("s"), Some("n"), Some(2)),
    ] {
        let claims = Shapes {
            sub: sub.map(String::from),
            note: note.map(String::from),
            quoted: 3,
            exp: NumericDate::from_secs(NOW + 60).unwrap(),
            last,
            nested: Inner {
                exp: "not a date".into(),
                iss: vec![1],
            },
        };
        let clock = at(NOW);
        let token = claims.sign_with_clock(&key(), &clock).unwrap();
        assert_eq!(payload(&token), serde_json::to_string(&claims).unwrap());
        let back = Shapes::verifier(&key())
            .clock(clock)
            .verify(&token)
            .unwrap();
        assert_eq!(back, claims);
    }
}

/// Two fields that serialize under one name: not in the table, refused by the signer.
#[derive(Claims, Serialize, Deserialize, Debug)]
struct Twice {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(rename(serialize = "x"))]
    a: u8,
    #[serde(rename(serialize = "x"))]
    b: u8,
}

#[test]
fn two_fields_under_one_name_are_refused() {
    let claims = Twice {
        exp: NumericDate::from_secs(NOW + 60).unwrap(),
        a: 1,
        b: 2,
    };
    let err = claims.sign_with_clock(&key(), &at(NOW)).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MalformedClaims);
    assert!(err.to_string().contains("duplicate member \"x\""), "{err}");
}

proptest::proptest! {
    /// Any sequence of members, from the table's names and others, repeated or not, in any
    /// order, with values of any kind: signed or refused as the rules say.
    #[test]
    fn any_sequence_of_members_is_signed_or_refused_as_the_rules_say(
        write in proptest::collection::vec(
            (
                proptest::sample::select(vec!["iss", "exp", "role", "sub", "nbf", "x", "y"]),
                proptest::prop_oneof![
                    proptest::strategy::Just(json!(NOW + 60)),
                    proptest::strategy::Just(json!(NOW - 60)),
                    proptest::strategy::Just(json!("text")),
                    proptest::strategy::Just(json!([1, "a"])),
                    proptest::strategy::Just(json!({"exp": 1})),
                ],
            ),
            0..8,
        )
    ) {
        // `sign_checked` judges the outcome and the token's payload.
        let _ = sign_checked(&hand(&write));
    }
}

// ---- the claims reader's use of the table -------------------------------------------------------

/// A derived type, read through its verifier and through `decode::verify`.
#[derive(Claims, Serialize, Deserialize, Debug, PartialEq)]
struct Read {
    #[claims(iss)]
    #[serde(skip_serializing_if = "Option::is_none")]
    iss: Option<String>,
    #[claims(exp)]
    exp: i64,
    #[serde(default)]
    role: Option<Value>,
}

/// Reads `payload` (any JSON object, signed as it is) through the verifier (with the
/// table) and `decode::verify`, judged against `expect::registered` for the members `serde_json`
/// reads; accepted claims must be what `serde_json` deserializes from the same text.
fn read_checked(payload: &str) -> Result<Read, (ErrorKind, String)> {
    let token = common::hs256_token(common::TEST_SECRET, common::JWT_HEADER, payload);
    let clock = at(NOW);
    let k = key();
    let verified = Read::verifier(&k)
        .clock(clock)
        .verify(&token)
        .map_err(|e| (e.kind().clone(), e.to_string()));
    let want = expect::registered(&expect::members(payload), false, NOW, None);
    expect::judge(&verified, &want, &payload);
    if let Ok(read) = &verified {
        assert_eq!(
            read,
            &serde_json::from_str::<Read>(payload).unwrap(),
            "{payload}"
        );
    }
    let decoded = jwt_core::decode::verify::<Read>(&token, &k, &Validation::new().clock(clock))
        .map_err(|e| (e.kind().clone(), e.to_string()));
    assert_eq!(verified, decoded, "{payload}");
    verified
}

#[test]
fn the_reader_takes_names_from_the_table_only_in_order_and_once() {
    let exp = NOW + 60;
    let ok = read_checked(&format!(r#"{{"iss":"a","exp":{exp},"role":1}}"#)).unwrap();
    assert_eq!(ok.iss.as_deref(), Some("a"));
    // Out of order, skipped, escaped, unknown: read as without the table.
    for payload in [
        format!(r#"{{"exp":{exp},"iss":"a"}}"#),
        format!(r#"{{"exp":{exp}}}"#),
        format!(r#"{{"\u0069ss":"a","exp":{exp}}}"#),
        format!(r#"{{"iss":"a","x":[1],"exp":{exp}}}"#),
    ] {
        assert!(read_checked(&payload).is_ok(), "{payload}");
    }
    // Repeated, whichever way each copy is read: refused.
    for payload in [
        format!(r#"{{"iss":"a","iss":"b","exp":{exp}}}"#),
        format!(r#"{{"iss":"a","exp":{exp},"role":1,"iss":"b"}}"#),
        format!(r#"{{"exp":{exp},"iss":"a","exp":{exp}}}"#),
        format!(r#"{{"iss":"a","exp":{exp},"\u0069ss":"b"}}"#),
        format!(r#"{{"x":1,"iss":"a","exp":{exp},"x":2}}"#),
    ] {
        let (kind, message) = read_checked(&payload).unwrap_err();
        assert_eq!(kind, ErrorKind::MalformedClaims, "{payload}");
        assert!(message.contains("duplicate member"), "{payload}: {message}");
    }
    // Registered claims on and off the table are checked.
    let (kind, _) = read_checked(&format!(r#"{{"iss":"a","exp":{NOW}}}"#)).unwrap_err();
    assert_eq!(kind, ErrorKind::Expired);
    let (kind, _) =
        read_checked(&format!(r#"{{"exp":{exp},"iss":"a","nbf":{}}}"#, NOW + 9)).unwrap_err();
    assert_eq!(kind, ErrorKind::NotYetValid);
}

proptest::proptest! {
    /// Any sequence of members, with or without escapes in the names: read as the rules
    /// say.
    #[test]
    fn any_sequence_of_members_is_read_as_the_rules_say(
        members in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "iss", "exp", "role", r"\u0069ss", r"\u0065xp", "nbf", "sub", "x",
                ]),
                proptest::sample::select(vec![
                    (NOW + 60).to_string(),
                    NOW.to_string(),
                    r#""text""#.to_string(),
                    "[1,2]".to_string(),
                    "null".to_string(),
                ]),
            ),
            0..7,
        )
    ) {
        let body: Vec<String> = members.iter().map(|(n, v)| format!(r#""{n}":{v}"#)).collect();
        let _ = read_checked(&format!("{{{}}}", body.join(",")));
    }
}
