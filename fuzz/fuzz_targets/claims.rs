//! Any text as the claims of a validly signed token, verified into `serde_json::Value`: the
//! claims reader must agree with `serde_json` (the oracle shared with
//! `jwt-core/tests/test_claims_json.rs`).
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use jwt_core::{FixedClock, Hs256Key, Validation};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[path = "../../jwt-core/tests/common/oracle.rs"]
mod oracle;

const SECRET: &[u8] = b"fuzz-test-key-0123456789abcdef01";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let input = format!("eyJhbGciOiJIUzI1NiJ9.{}", URL_SAFE_NO_PAD.encode(text));
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET).unwrap();
    mac.update(input.as_bytes());
    let token = format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()));

    let key = Hs256Key::from_secret(SECRET).unwrap();
    let clock = FixedClock::at_secs(1_700_000_000).unwrap();
    let v = Validation::new()
        .clock(clock)
        .require_exp(false)
        .max_size(1 << 20);
    let ours = jwt_core::dangerous::verify_serde::<Value>(&token, &key, &v);
    if let Some(why) = oracle::disagreement(text, ours) {
        panic!("{why}");
    }
});
