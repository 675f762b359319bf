//! The few operations that skip a check. Everything here is named for what it skips; none of
//! it belongs on the path that decides whether to trust a token.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::claims::reader::parse_claims;
use crate::claims::table::Members;
use crate::claims::validation::{StructRules, Validation, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE};
use crate::crypto::algorithm::HmacAlgorithm;
use crate::crypto::key::{HmacKey, SigningKey, VerifyingKey};
use crate::error::{Error, ErrorKind};
use crate::jws::decode::{decode_claims_into, parse_header_segment, run, Parts};
use crate::jws::encode::sign_checked;
use crate::jws::header::Header;
use crate::jwt_claims::JwtClaims;

/// Verifies `token` like [`decode::verify`](crate::decode::verify) and deserializes its
/// claims into a type that is only `Deserialize`, **without any claims type's own rules**.
///
/// Every step of the pipeline runs (signature, strict parse, the registered claims against
/// `validation`), but `T` has no rules of its own here: a `#[derive(Claims)]` type passed as
/// `T` has its `typ`, leeway, `max_age`, `lifetime`, `one_of`, `equals`, `len`, `range` and
/// validators **skipped**. For such a type, and for [`JwtClaims`], use
/// [`decode::verify`](crate::decode::verify), which applies them.
///
/// # Errors
///
/// As [`decode::verify`](crate::decode::verify).
pub fn verify_serde<T: DeserializeOwned>(
    token: &str,
    key: &impl VerifyingKey,
    validation: &Validation,
) -> Result<T, Error> {
    let checks = validation.with(&StructRules::NONE);
    run(token, key, checks, Members::NONE).map(|(_, claims)| claims)
}

/// Signs `claims` of a type that is only `Serialize` like [`encode::sign`](crate::encode::sign),
/// **without any claims type's own rules**: the registered claims are checked against
/// `validation` before signing, but a `#[derive(Claims)]` type's rules are **skipped** (use
/// [`encode::sign`](crate::encode::sign) for such a type).
///
/// # Errors
///
/// As [`encode::sign`](crate::encode::sign).
pub fn sign_serde<T: Serialize + ?Sized>(
    claims: &T,
    key: &impl SigningKey,
    validation: &Validation,
) -> Result<String, Error> {
    let checks = validation.with(&StructRules::NONE);
    sign_checked(claims, Members::NONE, key, checks, checks.now(), || Ok(()))
}

/// A token's header and claims, read **without verifying anything**.
///
/// Never trust these values: anyone can write any header and claims. Use them to show a
/// token to a person, or to choose a key, then verify with [`decode::verify`](crate::decode::verify).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Unverified {
    /// The header, as the token claims it.
    pub header: Header,
    /// The claims, as the token claims them.
    pub claims: JwtClaims,
}

/// Reads a token's header and claims **without checking its signature, algorithm, times or
/// anything else**.
///
/// The token is still parsed strictly (size limit, shape, strict base64url, UTF-8, JSON objects
/// without duplicate members, registered claims of the right type), because a display of a
/// token that the verifier would read differently is worse than none. A header with `crit` is
/// shown, not refused.
///
/// # Errors
///
/// `LimitExceeded`, `MalformedToken`, `MalformedHeader`, `MalformedClaims` or
/// `InvalidClaimType`, as the verifier would report them.
///
/// ```
/// use jwt_core::dangerous::decode_unverified;
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl";
/// let unverified = decode_unverified(token).unwrap();
/// assert_eq!(unverified.header.alg, jwt_core::Algorithm::HS256);
/// assert_eq!(unverified.claims.registered.sub.as_deref(), Some("42"));
/// ```
pub fn decode_unverified(token: &str) -> Result<Unverified, Error> {
    let parts = Parts::split(token, DEFAULT_MAX_SIZE)?;
    let header = parse_header_segment(parts.header)?;
    let (mut stack, mut heap) = ([0u8; 512], Vec::new());
    let text = decode_claims_into(parts.payload, &mut stack, &mut heap)?;
    let (claims, _) = parse_claims::<JwtClaims>(text, DEFAULT_MAX_DEPTH)?;
    Ok(Unverified { header, claims })
}

/// Builds an HMAC key from a secret shorter than the algorithm's hash output.
///
/// RFC 7518 section 3.2 requires at least 32, 48 or 64 bytes for HS256, HS384 and HS512: a
/// shorter secret is easier to guess offline from any token it signed. Use this only for a
/// secret you do not choose (an external system's), never for a new one. An empty secret is
/// still refused.
///
/// # Errors
///
/// [`ErrorKind::InvalidKey`] if the secret is empty.
pub fn short_hmac_key<A: HmacAlgorithm>(secret: &[u8]) -> Result<HmacKey<A>, Error> {
    HmacKey::from_secret_unchecked(secret)
}

/// The HMAC of arbitrary bytes under a JWT key, **outside any token structure**.
///
/// A key that signs tokens should not also MAC other messages: a MAC made here could be
/// mistaken for a token signature by anyone who can arrange the bytes. This exists for test
/// vectors and protocols that define their own MAC input; prefer a separate key for those.
#[must_use]
pub fn hmac<A: HmacAlgorithm>(key: &HmacKey<A>, data: &[u8]) -> Vec<u8> {
    key.tag(data).as_bytes().to_vec()
}

/// Checks a full-length HMAC of arbitrary bytes in constant time (see [`hmac()`] for why this
/// is in `dangerous`).
///
/// # Errors
///
/// [`ErrorKind::InvalidSignature`] if the tag is not the
/// full-length HMAC of `data`.
pub fn verify_hmac<A: HmacAlgorithm>(
    key: &HmacKey<A>,
    data: &[u8],
    tag: &[u8],
) -> Result<(), Error> {
    if key.verify_tag(data, tag) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::InvalidSignature))
    }
}

/// Signs an arbitrary JWS signing input (`base64url(header).base64url(payload)`, as given)
/// with `key` and returns the signature, base64url: **no check of the header, the payload or
/// any claim**. For test vectors and interoperability checks (RFC 7515, RFC 7520, RFC 8037);
/// tokens are made with [`encode::sign`](crate::encode::sign).
///
/// # Errors
///
/// [`ErrorKind::InvalidKey`] if the key fails to sign (an RSA or ECDSA failure).
pub fn sign_signing_input(signing_input: &str, key: &impl SigningKey) -> Result<String, Error> {
    let mut out = signing_input.to_owned();
    key.signer().sign_append(&mut out)?;
    Ok(out.split_off(signing_input.len() + 1))
}

/// Checks `signature` over arbitrary bytes `data` with a single key, **outside any token
/// structure** (no header, no `alg` check, no claims): the exact signature length of the key,
/// then the algorithm's verification. For test vectors (Wycheproof's raw messages) and
/// protocols that sign their own bytes; tokens are verified with
/// [`decode::verify`](crate::decode::verify).
///
/// # Errors
///
/// [`ErrorKind::InvalidSignature`] if the signature is not valid for `data`;
/// [`ErrorKind::InvalidKey`] if `key` is a key set (which has no single key to use).
pub fn verify_signature(
    key: &impl VerifyingKey,
    data: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let key = key.single().ok_or_else(|| {
        Error::with_detail(
            ErrorKind::InvalidKey,
            "a key set has no single key to verify with",
        )
    })?;
    if signature.len() == key.signature_len() && key.verify(data, signature) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::InvalidSignature))
    }
}
