//! The claims reader against `serde_json` (the oracle in `common/oracle.rs`), on generated
//! documents, compact and pretty, and on the same documents with a few characters changed.
//! The `claims` fuzz target applies the same oracle to arbitrary text.

mod common;

use common::oracle::disagreement;
use common::*;
use jwt_core::Validation;
use proptest::prelude::*;
use serde_json::Value;

fn check(text: &str) -> Result<(), TestCaseError> {
    let clock = clock();
    let v = Validation::new()
        .clock(clock)
        .require_exp(false)
        .max_depth(16)
        .max_size(1 << 20);
    let ours = jwt_core::dangerous::verify_serde::<Value>(&token(text), &key(), &v);
    match disagreement(text, ours) {
        None => Ok(()),
        Some(why) => Err(TestCaseError::fail(why)),
    }
}

fn json_object() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-99i64..99).prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z\"\\\\\u{1}é]{0,6}".prop_map(Value::from),
        "[a-z]{0,12}".prop_map(Value::from),
    ];
    let value = leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec("[a-z]{0,5}".prop_map(Value::from), 0..4)
                .prop_map(Value::Array),
            proptest::collection::btree_map("[a-c\"é]{0,3}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    proptest::collection::btree_map("[a-z\"\\\\é]{0,4}|exp|iss|aud", value, 0..6)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

fn text(doc: &Value, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(doc).unwrap()
    } else {
        serde_json::to_string(doc).unwrap()
    }
}

/// Edits at character boundaries: delete, insert or replace one character each.
fn mutate(text: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, op, c) in edits {
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let at = at % chars.len();
        match op % 3 {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, c),
            _ => chars[at] = c,
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn documents_read_as_serde_json_reads_them(doc in json_object(), pretty in any::<bool>()) {
        check(&text(&doc, pretty))?;
    }

    #[test]
    fn changed_documents_are_refused_as_serde_json_refuses_them(
        doc in json_object(),
        pretty in any::<bool>(),
        edits in proptest::collection::vec(
            (any::<usize>(), any::<u8>(), proptest::sample::select(
                "{}[]\":,\\ \t\n-+0123456789.eEnultrfax\u{1}é".chars().collect::<Vec<_>>(),
            )),
            1..4,
        ),
    ) {
        check(&mutate(&text(&doc, pretty), &edits))?;
    }
}

/// Cases the property tests found or that sit on the reader's fast paths.
#[test]
fn known_cases() {
    for text in [
        r#"{"xp":{]}"#,
        r#"{"a":["x"],"b":["x","y" ],"c":[ ]}"#,
        r#"{"a":-0,"b":0,"c":-12,"d":12345678901234567,"e":1.5,"f":1e2}"#,
        r#"{"a":"\u0041","\u0062":"plain","c":"x\"y"}"#,
        "{\"a\":\"\u{1}\"}",
        r#"{"a":[1,]}"#,
        r#"{"a":01}"#,
        r#"{"exp":1700000060,"iss":"x"} "#,
    ] {
        check(text).unwrap();
    }
}
