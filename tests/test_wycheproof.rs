//! Project Wycheproof (C2SP/wycheproof, `testvectors_v1/`, commit dac1dd4, Apache-2.0; the
//! files and license are in `tests/vectors/wycheproof/`): every HMAC-keyed case of
//! `json_web_signature_test.json` and `json_web_key_test.json`, and the full-length tag cases
//! of `hmac_sha{256,384,512}_test.json`, through this crate's own code.

use jwt_core::dangerous::{self, short_hmac_key};
use jwt_core::{
    decode, ErrorKind, HmacAlgorithm, HmacKey, Hs256, Hs256Key, Hs384, Hs512, KeySet, Validation,
};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Label errata (see `../shared/vectors/README.md`): the expected result overrides.
fn expected(file: &str, tc_id: u64, label: &str) -> bool {
    match (file, tc_id) {
        // Byte-identical to valid test 357, labelled invalid upstream (C2SP/wycheproof#236).
        ("jws", 367 | 370) => true,
        // Contain `?`, which is not base64url, yet labelled valid; a strict decoder refuses them.
        ("jws", 372 | 373) => false,
        _ => label == "valid",
    }
}

/// The error kind each invalid JWS case must get, by its comment.
fn jws_kind(comment: &str) -> ErrorKind {
    match comment {
        // The MAC covers the received bytes, so any change to them is a bad signature.
        "rejectsModifiedSignature"
        | "rejectsMissingSignature"
        | "rejectsModifiedPayload"
        | "rejectsMissingPayload"
        | "rejectsModifiedHeader"
        | "ModifiedUnusedBitsInPayload" => ErrorKind::InvalidSignature,
        "rejectsNoneAlgorithmAndMissingSignature" => ErrorKind::AlgorithmNotAllowed,
        // A valid MAC over a non-canonical payload: refused when the payload is decoded.
        "MacOfIncorrectlyEncodedMessage" => ErrorKind::MalformedClaims,
        // Missing or extra segments, spaces, `?`, `#`, padding, the JSON serialization.
        _ => ErrorKind::MalformedToken,
    }
}

fn jws_text(t: &Value) -> String {
    match &t["jws"] {
        Value::String(s) => s.clone(),
        other => other.to_string(), // the JWS JSON serialization: not a compact token
    }
}

#[test]
fn json_web_signature_hmac_cases() {
    let doc = load("json_web_signature_test.json");
    let mut count = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        let jwk = &group["private"];
        if jwk["kty"] != "oct" {
            continue;
        }
        assert_eq!(jwk["alg"], "HS256");
        let key = Hs256Key::from_base64url(jwk["k"].as_str().unwrap()).unwrap();
        let set = KeySet::new()
            .with(key.clone().with_kid(jwk["kid"].as_str().unwrap()))
            .unwrap();
        for t in group["tests"].as_array().unwrap() {
            let id = t["tcId"].as_u64().unwrap();
            let comment = t["comment"].as_str().unwrap();
            let jws = jws_text(t);
            let valid = expected("jws", id, t["result"].as_str().unwrap());
            for (by_kid, result) in [
                (
                    false,
                    decode::verify_jws(&jws, &key, &Validation::new()).map(|_| ()),
                ),
                (
                    true,
                    decode::verify_jws(&jws, &set, &Validation::new()).map(|_| ()),
                ),
            ] {
                if valid {
                    assert!(
                        result.is_ok(),
                        "tc {id} {comment}: {:?}",
                        result.unwrap_err()
                    );
                } else {
                    let err = result.expect_err(&format!("tc {id} {comment} accepted"));
                    // The modified header changed the kid, which a key set does not hold.
                    let kind = if by_kid && comment == "rejectsModifiedHeader" {
                        ErrorKind::UnknownKeyId
                    } else {
                        jws_kind(comment)
                    };
                    assert_eq!(
                        err.kind(),
                        &kind,
                        "tc {id} {comment} (key set: {by_kid}): {err}"
                    );
                }
            }
            count += 1;
        }
    }
    assert_eq!(count, 40);
}

#[test]
fn json_web_key_hmac_cases() {
    let doc = load("json_web_key_test.json");
    let mut count = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        let jwks = &group["private"];
        let keys = jwks["keys"].as_array().unwrap();
        if !keys
            .iter()
            .any(|k| k["kty"] == "oct" && k["alg"].as_str().is_some_and(|a| a.starts_with("HS")))
        {
            continue;
        }
        let set = KeySet::from_jwk_set(&jwks.to_string());
        for t in group["tests"].as_array().unwrap() {
            let id = t["tcId"].as_u64().unwrap();
            let comment = t["comment"].as_str().unwrap();
            let valid = expected("jwk", id, t["result"].as_str().unwrap());
            let outcome = set.as_ref().map_err(|e| e.kind().clone()).and_then(|set| {
                decode::verify_jws(t["jws"].as_str().unwrap(), set, &Validation::new())
                    .map(|_| ())
                    .map_err(|e| e.kind().clone())
            });
            if valid {
                assert_eq!(outcome, Ok(()), "tc {id} {comment}");
            } else if comment == "rejectsModifiedSignature" {
                assert_eq!(
                    outcome,
                    Err(ErrorKind::InvalidSignature),
                    "tc {id} {comment}"
                );
            } else {
                // Mixed, duplicate, short and empty keys are refused when the set is built.
                assert_eq!(outcome, Err(ErrorKind::InvalidKey), "tc {id} {comment}");
            }
            count += 1;
        }
    }
    assert_eq!(count, 13);
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn hmac_file<A: HmacAlgorithm>(name: &str) -> usize {
    let doc = load(name);
    let full = A::ALGORITHM.signature_len().unwrap() * 8;
    let mut count = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        if group["tagSize"].as_u64().unwrap() as usize != full {
            continue; // truncated tags do not occur in JWS
        }
        for t in group["tests"].as_array().unwrap() {
            let id = t["tcId"].as_u64().unwrap();
            let (secret, msg, tag) = (
                unhex(t["key"].as_str().unwrap()),
                unhex(t["msg"].as_str().unwrap()),
                unhex(t["tag"].as_str().unwrap()),
            );
            let key: HmacKey<A> = if secret.len() >= A::ALGORITHM.min_key_len().unwrap() {
                HmacKey::from_secret(&secret).unwrap()
            } else {
                // Below the floor, from_secret refuses; the MAC itself is still checked.
                assert_eq!(
                    HmacKey::<A>::from_secret(&secret).unwrap_err().kind(),
                    &ErrorKind::InvalidKey
                );
                short_hmac_key(&secret).unwrap()
            };
            let verdict = dangerous::verify_hmac(&key, &msg, &tag);
            if t["result"] == "valid" {
                assert!(verdict.is_ok(), "{name} tc {id}");
                assert_eq!(dangerous::hmac(&key, &msg), tag, "{name} tc {id}");
            } else {
                assert_eq!(
                    verdict.unwrap_err().kind(),
                    &ErrorKind::InvalidSignature,
                    "{name} tc {id}"
                );
            }
            count += 1;
        }
    }
    count
}

#[test]
fn hmac_full_length_tags() {
    let counts = [
        hmac_file::<Hs256>("hmac_sha256_test.json"),
        hmac_file::<Hs384>("hmac_sha384_test.json"),
        hmac_file::<Hs512>("hmac_sha512_test.json"),
    ];
    assert!(counts.iter().all(|&c| c > 80), "{counts:?}");
    eprintln!("full-length HMAC cases: {counts:?}");
}
