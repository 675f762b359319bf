//! The few operations that skip a check. Everything here is named for what it skips; none of
//! it belongs on the path that decides whether to trust a token.

use crate::claims::reader::parse_claims;
use crate::claims::validation::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE};
use crate::crypto::algorithm::HmacAlgorithm;
use crate::crypto::key::HmacKey;
use crate::error::{Error, ErrorKind};
use crate::jws::decode::{decode_claims_into, parse_header_segment, Parts};
use crate::jws::header::Header;
use crate::jwt_claims::JwtClaims;

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
/// assert_eq!(unverified.header.alg, "HS256");
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
