//! Shared by the root package's tests: a token signed by the `hmac` crate directly, with
//! no rule applied, to build tokens the library itself would refuse to mint.
#![allow(dead_code)]

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
