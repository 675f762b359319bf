//! Strict, typed JSON Web Tokens signed with HMAC (HS256, HS384, HS512).
//!
//! `jwt-core` signs and verifies compact JWS tokens (RFC 7515, RFC 7519, RFC 7518) with a
//! verifier that refuses anything it is not sure of: the key fixes the algorithm (`none` does
//! not exist), base64url is canonical, duplicate JSON members are errors, a registered claim
//! of the wrong type is never "absent", `exp` is required by default and a token meant for an
//! audience is refused unless the verifier names that audience.
//!
//! ```
//! use jwt_core::{decode, encode, ErrorKind, FixedClock, Hs256Key, JwtClaims, Validation};
//!
//! // A test key; real secrets come from a secret store and are at least 32 bytes for HS256.
//! let key = Hs256Key::from_secret(b"test-only-secret-0123456789abcdef")?;
//! let clock = FixedClock::at_secs(1_700_000_000)?;
//! let validation = Validation::new().issuer("https://auth.example.com").clock(clock);
//!
//! let claims: JwtClaims = serde_json::from_str(
//!     r#"{"iss":"https://auth.example.com","sub":"42","exp":1700000600}"#,
//! )?;
//! let token = encode::sign(&claims, &key, &validation)?;
//!
//! let verified: JwtClaims = decode::verify(&token, &key, &validation)?;
//! assert_eq!(verified.registered.sub.as_deref(), Some("42"));
//!
//! // Ten minutes later the token has expired.
//! let later = FixedClock::at_secs(1_700_000_600)?;
//! let err = decode::verify::<JwtClaims>(&token, &key, &validation.clone().clock(later)).unwrap_err();
//! assert_eq!(err.kind(), &ErrorKind::Expired);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With a struct of your own, `#[derive(Claims)]` (the default feature `derive`) checks the
//! claim definitions at compile time and generates typed sign and verify code:
#![cfg_attr(
    feature = "derive",
    doc = r##"
```
use jwt_core::{Claims, ErrorKind, FixedClock, Hs256Key, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(typ = "JWT")]
struct Session {
    #[claims(sub)]
    sub: String,
    #[claims(exp)]
    exp: NumericDate,
    #[claims(one_of(0, 1))]
    role: u8,
}

let key = Hs256Key::from_secret(b"test-only-secret-0123456789abcdef")?;
let clock = FixedClock::at_secs(1_700_000_000)?;
let session = Session { sub: "42".into(), exp: NumericDate::from_secs(1_700_000_600)?, role: 2 };
// A rule that fails is refused before anything is signed.
let err = session.sign_with_clock(&key, &clock).unwrap_err();
assert_eq!(err.kind(), &ErrorKind::InvalidClaim("role".into()));
# Ok::<(), Box<dyn std::error::Error>>(())
```
"##
)]
#![cfg_attr(
    not(feature = "derive"),
    doc = "(The example needs the `derive` feature.)"
)]
//!
//! Every attribute is listed, with what it checks, in the README of the repository.
//!
//! Key rotation uses a [`KeySet`], which picks the key by the header's `kid` and never falls
//! back to another. Reading a token without verifying it lives in [`dangerous`].

#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate self as jwt_core;

#[doc = include_str!("../../README.md")]
#[cfg(all(
    doctest,
    feature = "zoom",
    feature = "ecdsa",
    feature = "eddsa",
    feature = "rsa"
))]
pub struct ReadmeDoctests;

// The modules are layers, lowest first: error and base64url; crypto; json; jwk; claims;
// jws; typed; private; jwt_claims; decode and encode; dangerous; zoom. Each imports only
// those before it (CONTRIBUTING.md has the map; `tests/test_layers.rs` checks it).
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod base64url;
mod claims;
mod crypto;
pub mod dangerous;
pub mod decode;
pub mod encode;
mod error;
mod json;
pub mod jwk;
mod jws;
mod jwt_claims;
mod typed;
#[cfg(feature = "zoom")]
pub mod zoom;

pub use claims::audience::Audience;
pub use claims::claim::Claim;
pub use claims::clock::{Clock, FixedClock, IntoClock, SystemClock};
pub use claims::numeric_date::{NumericDate, MAX_SECS};
pub use claims::serde_as;
pub use claims::validation::{
    Validation, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE, LEEWAY_LIMIT, MAX_AGE_LIMIT,
};
pub use crypto::algorithm;
pub use crypto::algorithm::{
    Algorithm, AnyAlgorithm, EdDsa, Es256, Es384, Es512, Family, HmacAlgorithm, Hs256, Hs384,
    Hs512, JwsAlgorithm, Pin, Ps256, Ps384, Ps512, Rs256, Rs384, Rs512,
};
#[cfg(any(feature = "ecdsa", feature = "es512"))]
pub use crypto::ec::{EcKey, EcPublicKey, EcdsaAlgorithm};
#[cfg(feature = "ecdsa")]
pub use crypto::ec::{Es256Key, Es256PublicKey, Es384Key, Es384PublicKey};
#[cfg(feature = "es512")]
pub use crypto::ec::{Es512Key, Es512PublicKey};
#[cfg(feature = "eddsa")]
pub use crypto::ed::{Ed25519Key, Ed25519PublicKey};
pub use crypto::key::{
    HmacKey, Hs256Key, Hs384Key, Hs512Key, JwsKey, KeySet, SigningKey, VerifyingKey, TRY_EACH_LIMIT,
};
#[cfg(feature = "rsa")]
pub use crypto::rsa::{
    Ps256Key, Ps256PublicKey, Ps384Key, Ps384PublicKey, Ps512Key, Ps512PublicKey, Rs256Key,
    Rs256PublicKey, Rs384Key, Rs384PublicKey, Rs512Key, Rs512PublicKey, RsaAlgorithm, RsaKey,
    RsaPublicKey, RSA_MAX_BITS, RSA_MIN_BITS,
};
pub use error::{ClaimName, Error, ErrorKind};
pub use jws::header::Header;
pub use jwt_claims::{JwtClaims, RegisteredClaims};
/// `#[derive(Claims)]`: see the crate docs for its attributes.
#[cfg(feature = "derive")]
pub use jwt_derive::Claims;
pub use typed::{Claims, HasAudience, HasIssuer, HasSubject, KeyFor, RuleError, Verifier};
