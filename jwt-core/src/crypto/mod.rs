//! Algorithms and keys: every JWS algorithm, the keys of each family (HMAC always; ECDSA,
//! EdDSA and RSA behind features), reading key documents, and key sets that choose a key
//! by `kid` and algorithm. Knows nothing of JSON, headers or claims: it imports only the
//! leaves (`error`, `base64url`).

pub mod algorithm;
#[cfg(any(feature = "ecdsa", feature = "es512"))]
pub(crate) mod ec;
#[cfg(feature = "eddsa")]
pub(crate) mod ed;
pub(crate) mod key;
pub(crate) mod mac;
#[cfg(feature = "pem")]
pub(crate) mod pem;
#[cfg(feature = "rsa")]
pub(crate) mod rsa;
