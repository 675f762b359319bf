//! `serde_json` as the oracle for the claims reader, shared by `test_claims_json.rs` and the
//! `claims` fuzz target (which includes this file by path).
//!
//! For any text: whatever the reader accepts, `serde_json` reads as the same object; whatever
//! `serde_json` refuses, the reader refuses; the reader may refuse more only for a repeated
//! top-level name, a registered claim (its type or its rule) or the nesting limit.
#![allow(dead_code)]

use jwt_core::ErrorKind;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The top-level names of a JSON object, in order, repeats kept.
struct Names(Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Names;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        d.deserialize_map(V)
    }
}

/// Whether `ours`, the reader's answer for `text`, agrees with `serde_json`; if not, why.
pub fn disagreement(text: &str, ours: Result<Value, jwt_core::Error>) -> Option<String> {
    let theirs = serde_json::from_str::<Value>(text)
        .ok()
        .filter(Value::is_object);
    match (ours, theirs) {
        (Ok(a), Some(b)) if a == b => None,
        (Ok(a), Some(b)) => Some(format!("read {text:?} as {a}, serde_json as {b}")),
        (Ok(a), None) => Some(format!("accepted {text:?} as {a}; serde_json refuses it")),
        (Err(e), Some(_)) => {
            let names = serde_json::from_str::<Names>(text).ok()?.0;
            let mut unique = names.clone();
            unique.sort();
            unique.dedup();
            let repeated = unique.len() < names.len();
            let registered = names.iter().any(|n| REGISTERED.contains(&n.as_str()));
            let explained = match e.kind() {
                ErrorKind::MalformedClaims => repeated,
                ErrorKind::LimitExceeded => true,
                _ => registered,
            };
            (!explained).then(|| format!("refused {text:?}, which serde_json reads: {e}"))
        }
        (Err(_), None) => None,
    }
}
