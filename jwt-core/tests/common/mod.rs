//! Test recipes: tokens built from raw header and payload bytes with an HMAC computed by the
//! `hmac` crate directly, independently of the code under test.
#![allow(dead_code)]

pub mod oracle;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};

/// The test key (32 bytes): never a real secret.
pub const TEST_SECRET: &[u8] = b"test-secret-0123456789abcdef-HS2";
/// A clock reading for tests: 2023-11-14T22:13:20Z.
pub const NOW: i64 = 1_700_000_000;

pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hs256_tag(secret: &[u8], input: &str) -> Vec<u8> {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// `b64(header).b64(payload).b64(HS256 tag)` over raw bytes.
pub fn raw_token(header: impl AsRef<[u8]>, payload: impl AsRef<[u8]>) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    sign_input(&input)
}

/// Signs already-encoded segments `input` with the test key.
pub fn sign_input(input: &str) -> String {
    format!("{input}.{}", b64(hs256_tag(TEST_SECRET, input)))
}

/// A token with the common header and these claims.
pub fn token(claims: &str) -> String {
    raw_token(r#"{"alg":"HS256","typ":"JWT"}"#, claims)
}

pub fn key() -> jwt_core::Hs256Key {
    jwt_core::Hs256Key::from_secret(TEST_SECRET).unwrap()
}

pub fn clock() -> jwt_core::FixedClock {
    jwt_core::FixedClock::at_secs(NOW).unwrap()
}
