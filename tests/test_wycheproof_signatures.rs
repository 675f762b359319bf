//! Project Wycheproof (C2SP/wycheproof, `testvectors_v1/`, commit dac1dd4, Apache-2.0; files
//! and license in `tests/vectors/wycheproof/`): every case of the ECDSA P1363 (P-256, P-384,
//! P-521), Ed25519, RSASSA-PKCS1-v1_5 (2048, 3072, 4096 bits) and RSASSA-PSS files, through
//! this crate's keys (read from the group's DER public key, which must agree with its PEM and
//! JWK) and `dangerous::verify_signature` (the key's length check and verification, as a
//! token's signature step runs them). `acceptable` cases are recorded, not judged.
#![cfg(feature = "asymmetric")]

use jwt_core::dangerous::verify_signature;
use jwt_core::{
    Ed25519PublicKey, ErrorKind, Es256PublicKey, Es384PublicKey, Es512PublicKey, Ps256PublicKey,
    Ps384PublicKey, Ps512PublicKey, Rs256PublicKey, Rs384PublicKey, Rs512PublicKey, VerifyingKey,
};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// What one file gave: cases accepted and refused as labelled, and the `acceptable` ones.
#[derive(Debug, Default)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_refused: usize,
}

/// Runs every case of `file`, each group's key read by `key` from the group.
fn run<K: VerifyingKey>(file: &str, key: impl Fn(&Value) -> K) -> Tally {
    let doc = load(file);
    let mut tally = Tally::default();
    for group in doc["testGroups"].as_array().unwrap() {
        let key = key(group);
        for t in group["tests"].as_array().unwrap() {
            let id = t["tcId"].as_u64().unwrap();
            let (msg, sig) = (
                unhex(t["msg"].as_str().unwrap()),
                unhex(t["sig"].as_str().unwrap()),
            );
            let outcome = verify_signature(&key, &msg, &sig).map_err(|e| e.kind().clone());
            match t["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(outcome, Ok(()), "{file} tc {id} {}", t["comment"]);
                    tally.valid += 1;
                }
                "invalid" => {
                    assert_eq!(
                        outcome,
                        Err(ErrorKind::InvalidSignature),
                        "{file} tc {id} {} {}",
                        t["comment"],
                        t["flags"]
                    );
                    tally.invalid += 1;
                }
                _ => match outcome {
                    Ok(()) => tally.acceptable_accepted += 1,
                    Err(_) => tally.acceptable_refused += 1,
                },
            }
        }
    }
    tally
}

fn der(group: &Value) -> Vec<u8> {
    unhex(group["publicKeyDer"].as_str().unwrap())
}

/// The group's key from DER, checked against the same key read from its PEM and its JWK.
macro_rules! key_of {
    ($ty:ty, $jwk:literal) => {
        |group: &Value| -> $ty {
            let key = <$ty>::from_der(&der(group)).unwrap();
            let from_pem = <$ty>::from_pem(group["publicKeyPem"].as_str().unwrap()).unwrap();
            assert_eq!(from_pem.to_jwk(), key.to_jwk());
            let jwk = &group[$jwk];
            if !jwk.is_null() {
                let mut jwk = jwk.clone();
                jwk.as_object_mut().unwrap().remove("kid");
                let from_jwk = <$ty>::from_jwk(&jwk.to_string()).unwrap();
                assert_eq!(from_jwk.to_jwk(), key.to_jwk());
            }
            key
        }
    };
}

/// `(valid, invalid, acceptable accepted, acceptable refused)`.
fn counts(t: &Tally) -> (usize, usize, usize, usize) {
    (
        t.valid,
        t.invalid,
        t.acceptable_accepted,
        t.acceptable_refused,
    )
}

#[test]
fn ecdsa_p1363_every_case() {
    // High-S signatures are valid in these files, as RFC 7518 wants; r or s of 0, r or s of
    // n, and every DER-encoded or truncated signature are refused.
    let t = run(
        "ecdsa_secp256r1_sha256_p1363_test.json",
        key_of!(Es256PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (173, 89, 0, 0));
    let t = run(
        "ecdsa_secp384r1_sha384_p1363_test.json",
        key_of!(Es384PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (193, 87, 0, 0));
    let t = run(
        "ecdsa_secp521r1_sha512_p1363_test.json",
        key_of!(Es512PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (231, 87, 0, 0));
}

#[test]
fn ed25519_every_case() {
    let t = run(
        "ed25519_test.json",
        key_of!(Ed25519PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (88, 63, 0, 0));
}

#[test]
fn rsa_pkcs1_every_case() {
    // Each file has one `acceptable` case (a DigestInfo without the NULL parameter); the
    // `rsa` crate refuses it, as a strict verifier may.
    let t = run(
        "rsa_signature_2048_sha256_test.json",
        key_of!(Rs256PublicKey, "keyJwk"),
    );
    assert_eq!(counts(&t), (9, 249, 0, 1));
    let t = run(
        "rsa_signature_3072_sha256_test.json",
        key_of!(Rs256PublicKey, "keyJwk"),
    );
    assert_eq!(counts(&t), (8, 250, 0, 1));
    let t = run(
        "rsa_signature_2048_sha384_test.json",
        key_of!(Rs384PublicKey, "keyJwk"),
    );
    assert_eq!(counts(&t), (7, 250, 0, 1));
    let t = run(
        "rsa_signature_2048_sha512_test.json",
        key_of!(Rs512PublicKey, "keyJwk"),
    );
    assert_eq!(counts(&t), (8, 250, 0, 1));
    let t = run(
        "rsa_signature_4096_sha512_test.json",
        key_of!(Rs512PublicKey, "keyJwk"),
    );
    assert_eq!(counts(&t), (7, 251, 0, 1));
}

#[test]
fn rsa_pss_every_case() {
    let t = run(
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        key_of!(Ps256PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (63, 45, 0, 0));
    let t = run(
        "rsa_pss_2048_sha384_mgf1_48_test.json",
        key_of!(Ps384PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (95, 46, 0, 0));
    let t = run(
        "rsa_pss_4096_sha512_mgf1_64_test.json",
        key_of!(Ps512PublicKey, "publicKeyJwk"),
    );
    assert_eq!(counts(&t), (132, 47, 0, 0));
}
