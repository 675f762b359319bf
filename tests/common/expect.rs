//! What the registered-claim rules make of a claims set, worked out from `serde_json`'s own
//! reading of its members: the expectation tests judge the signer and the reader against,
//! so that no outcome is checked against another path through the same code.

use jwt_core::ErrorKind;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

/// The largest magnitude of a NumericDate in seconds (2^53 - 1).
const MAX_SECS: i128 = (1 << 53) - 1;

/// An expected refusal: its kind, and text its message must contain (often empty).
pub type Refusal = (ErrorKind, String);

/// The members of a JSON object in order, repeats kept, names decoded by `serde_json`, each
/// value with its exact text.
pub fn members(json: &str) -> Vec<(String, Box<RawValue>)> {
    struct Pairs(Vec<(String, Box<RawValue>)>);
    impl<'de> Deserialize<'de> for Pairs {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Pairs;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        pairs.push(entry);
                    }
                    Ok(Pairs(pairs))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_str::<Pairs>(json).expect(json).0
}

/// A JSON number's text as nanoseconds, exactly (plain decimals; an exponent goes through
/// `f64`). `None` if it is no number or beyond a NumericDate's range.
pub fn nanos(text: &str) -> Option<i128> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let magnitude = if digits.contains(['e', 'E']) {
        let v: f64 = digits.parse().ok()?;
        if !v.is_finite() || v > 1e16 {
            return None;
        }
        #[allow(clippy::cast_possible_truncation)]
        let n = (v * 1e9).round() as i128;
        n
    } else {
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 20 {
            return None;
        }
        let frac9: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
        // Digits past the ninth only matter for equality at the boundary; round them up.
        let beyond = frac.len() > 9 && frac[9..].bytes().any(|b| b != b'0');
        int.parse::<i128>().ok()? * 1_000_000_000 + frac9.parse::<i128>().ok()? + i128::from(beyond)
    };
    (magnitude <= MAX_SECS * 1_000_000_000).then_some(if neg { -magnitude } else { magnitude })
}

/// What the registered-claim rules make of `members` (in order) at `now`, with no audience,
/// issuer or subject configured: the first repeated name is refused with its name, then a
/// registered claim of the wrong type, each in order; then a missing or expired `exp`, an
/// `nbf` in the future (when verifying; a signer may mint a token valid later), an `iat` in
/// the future, and `exp - iat` outside `lifetime` (seconds) when both are present.
pub fn registered(
    members: &[(String, Box<RawValue>)],
    signing: bool,
    now: i64,
    lifetime: Option<(i64, i64)>,
) -> Result<(), Refusal> {
    let mut seen = std::collections::HashSet::new();
    for (name, raw) in members {
        if !seen.insert(name.as_str()) {
            return Err((
                ErrorKind::MalformedClaims,
                format!("duplicate member {name:?}"),
            ));
        }
        let value: Value = serde_json::from_str(raw.get()).unwrap();
        let fits = match name.as_str() {
            "iss" | "sub" | "jti" => value.is_string(),
            "aud" => {
                value.is_string()
                    || value
                        .as_array()
                        .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string))
            }
            "exp" | "nbf" | "iat" => value.is_number() && nanos(raw.get()).is_some(),
            _ => true,
        };
        if !fits {
            return Err((
                ErrorKind::InvalidClaimType(name.clone().into()),
                String::new(),
            ));
        }
    }
    let time = |name: &str| {
        members
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, raw)| nanos(raw.get()))
    };
    let now = i128::from(now) * 1_000_000_000;
    let refuse = |kind: ErrorKind| Err((kind, String::new()));
    let exp = time("exp");
    match exp {
        None => return refuse(ErrorKind::MissingClaim("exp".into())),
        Some(exp) if exp <= now => return refuse(ErrorKind::Expired),
        Some(_) => {}
    }
    if !signing && time("nbf").is_some_and(|nbf| nbf > now) {
        return refuse(ErrorKind::NotYetValid);
    }
    let iat = time("iat");
    if iat.is_some_and(|iat| iat > now) {
        return refuse(ErrorKind::IssuedInFuture);
    }
    if let (Some((min, max)), Some(exp), Some(iat)) = (lifetime, exp, iat) {
        let span = exp - iat;
        if span < i128::from(min) * 1_000_000_000 || span > i128::from(max) * 1_000_000_000 {
            return refuse(ErrorKind::InvalidClaim("exp".into()));
        }
    }
    Ok(())
}

/// `actual` against `want`: the same kind, and the message contains what `want` says.
pub fn judge<T: std::fmt::Debug>(
    actual: &Result<T, Refusal>,
    want: &Result<(), Refusal>,
    what: &dyn std::fmt::Debug,
) {
    match (actual, want) {
        (Ok(_), Ok(())) => {}
        (Err((kind, message)), Err((want_kind, want_message))) => {
            assert_eq!(kind, want_kind, "{what:?}: {message}");
            assert!(
                message.contains(want_message.as_str()),
                "{what:?}: {message}"
            );
        }
        _ => panic!("{what:?}: got {actual:?}, expected {want:?}"),
    }
}
