//! JWK Sets (RFC 7517 section 5): key sets read from their JSON. Above `crypto` (the keys)
//! and `json` (the strict reader), which know nothing of each other.

use crate::crypto::algorithm::Algorithm;
use crate::crypto::key::{Hs256Key, Hs384Key, Hs512Key, KeySet};
use crate::error::{Error, ErrorKind};
use crate::json::strict::StrictValue;

impl KeySet {
    /// Builds a key set from a JWK Set (RFC 7517 section 5) of symmetric keys.
    ///
    /// Every key must be `"kty": "oct"` with an `alg` of HS256, HS384 or HS512, a `k` of at
    /// least the hash size, a `kid` unique in the set, and `use` (when present) `"sig"`.
    /// Anything else refuses the whole set: a set that mixes in other key types is ambiguous.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the first key at fault (by index, never by its `k`).
    pub fn from_jwk_set(json: &str) -> Result<KeySet, Error> {
        let bad = |detail: String| Error::with_detail(ErrorKind::InvalidKey, detail);
        let StrictValue(doc) = serde_json::from_str(json).map_err(|_| {
            bad("the JWK Set is not a JSON object without duplicate members".into())
        })?;
        let keys = doc
            .get("keys")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| bad("the JWK Set has no \"keys\" array".into()))?;
        let mut set = KeySet::new();
        for (i, jwk) in keys.iter().enumerate() {
            let field = |name: &str| jwk.get(name).and_then(serde_json::Value::as_str);
            if field("kty") != Some("oct") {
                return Err(bad(format!(
                    "key {i} is not a symmetric (\"kty\": \"oct\") key"
                )));
            }
            if jwk.get("use").is_some() && field("use") != Some("sig") {
                return Err(bad(format!("key {i} is not for signatures (\"use\")")));
            }
            let kid = field("kid").ok_or_else(|| bad(format!("key {i} has no kid")))?;
            let k = field("k").ok_or_else(|| bad(format!("key {i} has no k")))?;
            let at = |e: Error| bad(format!("key {i}: {}", e.detail().unwrap_or("unusable")));
            match field("alg").and_then(Algorithm::from_name) {
                Some(Algorithm::HS256) => {
                    set.insert(Hs256Key::from_base64url(k).map_err(at)?.with_kid(kid))?
                }
                Some(Algorithm::HS384) => {
                    set.insert(Hs384Key::from_base64url(k).map_err(at)?.with_kid(kid))?
                }
                Some(Algorithm::HS512) => {
                    set.insert(Hs512Key::from_base64url(k).map_err(at)?.with_kid(kid))?
                }
                _ => return Err(bad(format!("key {i} has no alg of HS256, HS384 or HS512"))),
            }
        }
        Ok(set)
    }
}
