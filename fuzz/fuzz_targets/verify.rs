//! Any bytes as a token: verify (into the general claims and a derived struct), read
//! unverified, and verify Zoom webhooks. Nothing may panic, hang or accept a forgery.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use jwt_core::{decode, Claims, FixedClock, Hs256Key, JwtClaims, NumericDate, Validation};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"fuzz-test-key-0123456789abcdef01";

/// Whether `token` is exactly `input.tag` with the canonical HS256 tag of `input`: the only
/// form a token that verifies may have.
fn genuinely_signed(token: &str) -> bool {
    let Some((input, tag)) = token.rsplit_once('.') else {
        return false;
    };
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(input.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()) == tag
}

#[derive(Claims, serde::Serialize, serde::Deserialize)]
struct Typed {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(sub, len(max = 64))]
    sub: String,
}

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    let key = Hs256Key::from_secret(SECRET).unwrap();
    let clock = FixedClock::at_secs(1_700_000_000).unwrap();
    let v = Validation::new().clock(clock);
    // Only a genuinely signed token may verify: any other success is a forgery.
    if decode::verify::<JwtClaims>(token, &key, &v).is_ok() {
        assert!(genuinely_signed(token));
    }
    if Typed::verifier(&key).clock(clock).verify(token).is_ok() {
        assert!(genuinely_signed(token));
    }
    let _ = jwt_core::dangerous::decode_unverified(token);
    let secret = jwt_core::zoom::webhook::WebhookSecret::new("fuzz-webhook").unwrap();
    let (ts, rest) = token.split_once(' ').unwrap_or((token, ""));
    assert!(secret.verify(ts, rest, data, 300, &clock).is_err());
});
