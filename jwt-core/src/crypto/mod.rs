//! Algorithms and keys: the HMAC algorithms, the keys that sign and verify, and key sets
//! that choose a key by `kid`. Knows nothing of JSON, headers or claims: it imports only the
//! leaves (`error`, `base64url`).

pub mod algorithm;
pub(crate) mod key;
pub(crate) mod mac;
