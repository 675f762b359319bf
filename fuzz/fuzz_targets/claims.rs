//! Any text as the claims of a validly signed token, verified into `serde_json::Value`: the
//! claims reader must agree with `serde_json`. Whatever it accepts, `serde_json` reads as the
//! same object; whatever `serde_json` refuses, it refuses; it may refuse more only for a
//! repeated top-level name, a registered claim (its type or its rule) or the nesting limit.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use jwt_core::{decode, ErrorKind, FixedClock, Hs256Key, Validation};
use libfuzzer_sys::fuzz_target;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

const SECRET: &[u8] = b"fuzz-test-key-0123456789abcdef01";
const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The top-level names of an object, repeats kept.
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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let input = format!("eyJhbGciOiJIUzI1NiJ9.{}", URL_SAFE_NO_PAD.encode(text));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(input.as_bytes());
    let token = format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()));

    let key = Hs256Key::from_secret(SECRET).unwrap();
    let clock = FixedClock::at_secs(1_700_000_000).unwrap();
    let v = Validation::new()
        .clock(&clock)
        .require_exp(false)
        .max_size(1 << 20);
    let ours = decode::verify::<Value>(&token, &key, &v);
    let theirs = serde_json::from_str::<Value>(text).ok().filter(Value::is_object);
    match (ours, theirs) {
        (Ok(a), Some(b)) => assert_eq!(a, b),
        (Ok(a), None) => panic!("accepted {text:?} as {a}"),
        (Err(e), Some(_)) => {
            let names = serde_json::from_str::<Names>(text).unwrap().0;
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
            assert!(explained, "refused {text:?}: {e}");
        }
        (Err(_), None) => {}
    }
});
