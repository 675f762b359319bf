//! Verifying a compact JWS, in the order of the design (the order is a security property):
//! size, shape, header, signature, claims, rules.

use crate::claims::validation::{StructRules, Validation};
use crate::crypto::key::VerifyingKey;
use crate::error::Error;
pub use crate::jws::decode::Verified;
use crate::typed::{verify_as, verify_with_header_as, Claims, KeyFor};

/// Verifies `token` with `key` and `validation` and returns its claims, with `C`'s own rules
/// (`#[derive(Claims)]`) applied on top of `validation`.
///
/// The steps, each refusing with its own [`ErrorKind`](crate::ErrorKind):
/// 1. size: longer than the limit (default 8 KiB) → `LimitExceeded`, before any decoding;
/// 2. shape: exactly three segments of `[A-Za-z0-9_-]`, header non-empty → `MalformedToken`;
/// 3. header: strict base64url, UTF-8, a JSON object without duplicate members →
///    `MalformedHeader`; `crit` or `b64` → `UnsupportedCriticalHeader`; `kid` chooses the key
///    of a key set → `UnknownKeyId`; `alg` must be the key's algorithm →
///    `AlgorithmNotAllowed`; `typ` when expected → `InvalidTyp`;
/// 4. signature: strict base64url of exactly the tag length, checked in constant time over
///    the received `header.payload` bytes → `InvalidSignature`;
/// 5. claims, only after the signature verified (a forged payload is never decoded,
///    allocated or parsed): strict base64url, UTF-8, a JSON object
///    without duplicate members, nested at most the limit, then `C`'s `Deserialize` →
///    `MalformedClaims`, `LimitExceeded`, `InvalidClaimType`, `MissingClaim`;
/// 6. rules: `exp`, `nbf`, `iat`, `iss`, `aud`, `sub` (see [`Validation`]), then `C`'s rules
///    on its claims and fields → `InvalidClaim` and the kinds above.
///
/// `C` is any [`Claims`] type: a `#[derive(Claims)]` struct, or [`JwtClaims`](crate::JwtClaims)
/// for any token. A type that is only `Deserialize` goes through
/// [`dangerous::verify_serde`](crate::dangerous::verify_serde).
///
/// # Errors
///
/// The first step that fails, as above.
///
/// ```
/// use jwt_core::{decode, encode, FixedClock, Hs256Key, JwtClaims, Validation};
/// let key = Hs256Key::from_secret(b"test-key-0123456789abcdef01234567").unwrap();
/// let clock = FixedClock::at_secs(1_700_000_000).unwrap();
/// let validation = Validation::new().clock(clock);
/// let claims: JwtClaims = serde_json::from_str(r#"{"sub":"42","exp":1700000060}"#).unwrap();
/// let token = encode::sign(&claims, &key, &validation).unwrap();
/// let back: JwtClaims = decode::verify(&token, &key, &validation).unwrap();
/// assert_eq!(back.registered.sub.as_deref(), Some("42"));
/// ```
pub fn verify<C: Claims>(
    token: &str,
    key: &(impl VerifyingKey + KeyFor<C>),
    validation: &Validation,
) -> Result<C, Error> {
    verify_as(token, key, validation.with(&C::__RULES))
}

/// Like [`verify`], and also returns the header.
///
/// # Errors
///
/// As [`verify`].
pub fn verify_with_header<C: Claims>(
    token: &str,
    key: &(impl VerifyingKey + KeyFor<C>),
    validation: &Validation,
) -> Result<Verified<C>, Error> {
    verify_with_header_as(token, key, validation.with(&C::__RULES))
}

/// Verifies a compact JWS whose payload is not a JWT claims set: steps 1 to 4 of [`verify`]
/// (size, shape, header, signature) and nothing else. Returns the header and the payload bytes.
///
/// No claim is read or checked, so this is only for JWS payloads that carry no `exp`; for
/// tokens use [`verify`].
///
/// # Errors
///
/// As steps 1 to 4 of [`verify`], and `MalformedClaims` if the payload is not base64url.
pub fn verify_jws(
    token: &str,
    key: &impl VerifyingKey,
    validation: &Validation,
) -> Result<Verified<Vec<u8>>, Error> {
    crate::jws::decode::verify_jws(token, key, validation.with(&StructRules::NONE))
}
