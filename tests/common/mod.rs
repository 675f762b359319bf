//! Shared by the root package's tests: a token signed by the `hmac` crate directly, with
//! no rule applied, to build tokens the library itself would refuse to mint.
#![allow(dead_code)]

pub mod cli;
pub mod expect;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};

/// `b64(header).b64(payload).b64(HMAC-SHA-256(secret, those two))`.
pub fn hs256_token(secret: &[u8], header: impl AsRef<[u8]>, payload: impl AsRef<[u8]>) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

/// The common header: `{"alg":"HS256","typ":"JWT"}`.
pub const JWT_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// The HS256 test secret of the derive and signing tests (32 bytes; a test key only).
pub const TEST_SECRET: &[u8] = b"test-secret-0123456789abcdef-HS2";

/// The HS256 key of [`TEST_SECRET`].
pub fn key() -> jwt_core::Hs256Key {
    jwt_core::Hs256Key::from_secret(TEST_SECRET).unwrap()
}

/// A clock fixed at `secs`.
pub fn at(secs: i64) -> jwt_core::FixedClock {
    jwt_core::FixedClock::at_secs(secs).unwrap()
}
