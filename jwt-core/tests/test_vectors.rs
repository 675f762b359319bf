//! Published vectors: RFC 7515 appendix A.1 and RFC 7520 section 4.4.
//! (RFC 4231's HMAC cases run against the crate's MAC path in `src/crypto/key.rs`.)

use jwt_core::{decode, ErrorKind, FixedClock, Hs256Key, JwtClaims, Validation};

fn b64(bytes: &[u8]) -> String {
    use std::fmt::Write;
    // A tiny independent base64url encoder, so the test does not trust the crate's own.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            let c = ALPHABET[((n >> (18 - 6 * i)) & 63) as usize];
            write!(out, "{}", c as char).unwrap();
        }
    }
    out
}

/// RFC 7515 appendix A.1: the JWK `k` value.
const A1_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
/// RFC 7515 appendix A.1: the complete JWS.
const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[test]
fn rfc7515_a1_segments_are_the_published_bytes() {
    // The header and payload octets of A.1, with their CR LF and space.
    let header = b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    let payload =
        b"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    let built = format!("{}.{}.", b64(header), b64(payload));
    assert!(A1_TOKEN.starts_with(&built));
}

#[test]
fn rfc7515_a1_verifies_before_exp() {
    let key = Hs256Key::from_base64url(A1_K).unwrap();
    let clock = FixedClock::at_secs(1_300_819_370).unwrap();
    let claims: JwtClaims =
        decode::verify(A1_TOKEN, &key, &Validation::new().clock(clock)).unwrap();
    assert_eq!(claims.registered.iss.as_deref(), Some("joe"));
    assert_eq!(claims.registered.exp.unwrap().secs(), 1_300_819_380);
    assert_eq!(claims.extra["http://example.com/is_root"], true);

    // Checking the typ works on this header, whose members are in another order.
    let typed = decode::verify_with_header::<JwtClaims>(
        A1_TOKEN,
        &key,
        &Validation::new().clock(clock).typ("JWT"),
    )
    .unwrap();
    assert_eq!(typed.header.typ.as_deref(), Some("JWT"));
}

#[test]
fn rfc7515_a1_is_expired_at_exp_and_now() {
    let key = Hs256Key::from_base64url(A1_K).unwrap();
    // The first instant that is not before exp.
    let at_exp = FixedClock::at_secs(1_300_819_380).unwrap();
    let err =
        decode::verify::<JwtClaims>(A1_TOKEN, &key, &Validation::new().clock(at_exp)).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
    // The real time.
    let err = decode::verify::<JwtClaims>(A1_TOKEN, &key, &Validation::new()).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
}

/// RFC 7520 section 4.4 (HMAC-SHA2 integrity protection), figure 32's key and figure 37's JWS.
#[test]
fn rfc7520_4_4_verifies() {
    let key = Hs256Key::from_base64url("hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg")
        .unwrap()
        .with_kid("018c0ae5-4d9b-471b-bfd6-eef314bc7037");
    let payload = "It\u{2019}s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't keep your feet, there\u{2019}s no knowing where you might be swept off to.";
    let header = r#"{"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"}"#;
    let token = format!(
        "{}.{}.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0",
        b64(header.as_bytes()),
        b64(payload.as_bytes())
    );
    let verified = decode::verify_jws(&token, &key, &Validation::new()).unwrap();
    assert_eq!(verified.claims, payload.as_bytes());
    assert_eq!(
        verified.header.kid.as_deref(),
        Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037")
    );

    // Through a key set, chosen by that kid.
    let set = jwt_core::KeySet::new().with(key.clone()).unwrap();
    assert!(decode::verify_jws(&token, &set, &Validation::new()).is_ok());

    // The payload is not a claims set, so the JWT verifier refuses it after the MAC.
    let err = decode::verify::<JwtClaims>(&token, &key, &Validation::new()).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MalformedClaims);

    // One changed payload byte and the MAC fails.
    let tampered = token.replacen("SXTigJlz", "SXTigJly", 1);
    let err = decode::verify_jws(&tampered, &key, &Validation::new()).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidSignature);
}
