//! Any bytes as a token: verify (into the general claims and a derived struct) with an HMAC
//! key, with ES256, EdDSA and RS256 public keys (RFC 7515 A.3, RFC 8037, RFC 7515 A.2) and
//! a key set of all four; read unverified; verify Zoom webhooks. Nothing may panic or hang,
//! and whatever verifies must verify under the primitive crate itself, on the exact bytes.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{KeyInit, Mac};
use jwt_core::{decode, Claims, FixedClock, Hs256Key, JwtClaims, NumericDate, Validation};
use jwt_core::{Ed25519PublicKey, Es256PublicKey, KeySet, Rs256PublicKey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

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

/// The public test keys of the RFC examples, as the library and as the primitives.
struct Public {
    es256: Es256PublicKey,
    ed25519: Ed25519PublicKey,
    rs256: Rs256PublicKey,
    set: KeySet,
    p256: p256::ecdsa::VerifyingKey,
    dalek: ed25519_dalek::VerifyingKey,
    rsa: rsa::pkcs1v15::VerifyingKey<sha2::Sha256>,
}

fn public() -> &'static Public {
    static KEYS: OnceLock<Public> = OnceLock::new();
    KEYS.get_or_init(|| {
        let doc: serde_json::Value = serde_json::from_str(include_str!(
            "../../jwt-core/tests/vectors/rfc_jose_examples.json"
        ))
        .unwrap();
        let b64 = |v: &serde_json::Value| URL_SAFE_NO_PAD.decode(v.as_str().unwrap()).unwrap();
        let ec = &doc["rfc7515_a3"]["jwk"];
        let ed = &doc["rfc8037_a1"];
        let rs = &doc["rfc7515_a2"]["jwk"];
        let es256 = Es256PublicKey::from_jwk(&ec.to_string()).unwrap();
        let ed25519 = Ed25519PublicKey::from_jwk(&ed.to_string()).unwrap();
        let rs256 = Rs256PublicKey::from_jwk(&rs.to_string()).unwrap();
        let mut point = vec![4u8];
        point.extend(b64(&ec["x"]));
        point.extend(b64(&ec["y"]));
        let n = rsa::BoxedUint::from_be_slice_vartime(&b64(&rs["n"]));
        let e = rsa::BoxedUint::from_be_slice_vartime(&b64(&rs["e"]));
        Public {
            set: KeySet::new()
                .with(es256.clone())
                .and_then(|s| s.with(ed25519.clone()))
                .and_then(|s| s.with(rs256.clone()))
                .and_then(|s| s.with(Hs256Key::from_secret(SECRET).unwrap()))
                .unwrap(),
            es256,
            ed25519,
            rs256,
            p256: p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap(),
            dalek: ed25519_dalek::VerifyingKey::from_bytes(&b64(&ed["x"]).try_into().unwrap())
                .unwrap(),
            rsa: rsa::pkcs1v15::VerifyingKey::new(rsa::PublicKey::new(n, e).unwrap()),
        }
    })
}

/// Whether the primitive crate verifies `token`'s signature over its signing input with
/// the key of `alg` (the oracle for a token the library accepted).
fn primitive_verifies(token: &str, alg: &str) -> bool {
    let keys = public();
    let Some((input, sig)) = token.rsplit_once('.') else {
        return false;
    };
    let Ok(sig) = URL_SAFE_NO_PAD.decode(sig) else {
        return false;
    };
    match alg {
        "ES256" => {
            use p256::ecdsa::signature::Verifier;
            p256::ecdsa::Signature::from_slice(&sig)
                .is_ok_and(|s| keys.p256.verify(input.as_bytes(), &s).is_ok())
        }
        "EdDSA" => ed25519_dalek::Signature::from_slice(&sig)
            .is_ok_and(|s| keys.dalek.verify_strict(input.as_bytes(), &s).is_ok()),
        "RS256" => {
            use rsa::signature::Verifier;
            rsa::pkcs1v15::Signature::try_from(&sig[..])
                .is_ok_and(|s| keys.rsa.verify(input.as_bytes(), &s).is_ok())
        }
        "HS256" => genuinely_signed(token),
        _ => false,
    }
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
    // The asymmetric keys, at the RFC examples' time so that their tokens verify whole.
    let keys = public();
    let rfc = FixedClock::at_secs(1_300_000_000).unwrap();
    let v_rfc = Validation::new().clock(rfc);
    for (alg, result) in [
        ("ES256", decode::verify::<JwtClaims>(token, &keys.es256, &v_rfc).map(drop)),
        ("EdDSA", decode::verify::<JwtClaims>(token, &keys.ed25519, &v_rfc).map(drop)),
        ("RS256", decode::verify::<JwtClaims>(token, &keys.rs256, &v_rfc).map(drop)),
    ] {
        if result.is_ok() {
            assert!(primitive_verifies(token, alg), "{alg} accepted {token:?}");
        }
    }
    if let Ok(verified) = decode::verify_with_header::<JwtClaims>(token, &keys.set, &v_rfc) {
        let alg = verified.header.alg.as_str();
        assert!(primitive_verifies(token, alg), "the set accepted {token:?} as {alg}");
    }
    let _ = jwt_core::dangerous::decode_unverified(token);
    let secret = jwt_core::zoom::webhook::WebhookSecret::new("fuzz-webhook").unwrap();
    let (ts, rest) = token.split_once(' ').unwrap_or((token, ""));
    assert!(secret.verify(ts, rest, data, 300, &clock).is_err());
});
