//! Project Wycheproof (C2SP/wycheproof, `testvectors_v1/`, commit dac1dd4, Apache-2.0; the
//! files and license are in `tests/vectors/wycheproof/`): every HMAC-keyed case of
//! `json_web_signature_test.json` and `json_web_key_test.json`, and the full-length tag cases
//! of `hmac_sha{256,384,512}_test.json`, through this crate's own code; with the feature
//! `asymmetric`, every other case of the two JOSE files too (the signature files of each
//! algorithm are in `test_wycheproof_signatures.rs`).

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

/// Without the asymmetric algorithms, the HMAC sets only (with them, every case is in
/// `asymmetric::json_web_key_every_case`).
#[cfg(not(feature = "asymmetric"))]
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

/// The asymmetric groups of the JOSE files: every case, with the exact error kind.
#[cfg(feature = "asymmetric")]
mod asymmetric {
    use super::*;
    use jwt_core::{
        Ed25519PublicKey, Error, Es256PublicKey, Es384PublicKey, Es512PublicKey, Ps256PublicKey,
        Ps384PublicKey, Ps512PublicKey, Rs256PublicKey, Rs384PublicKey, Rs512PublicKey,
    };

    type Verify = Box<dyn Fn(&str) -> Result<(), Error>>;

    /// A single verifying key from a group's JWK, of the algorithm its `alg` names (or its
    /// `kty` and `crv` imply), or why the JWK is refused.
    fn single_key(jwk: &Value) -> Result<Verify, ErrorKind> {
        fn boxed<K: jwt_core::VerifyingKey + 'static>(
            key: Result<K, Error>,
        ) -> Result<Verify, ErrorKind> {
            let key = key.map_err(|e| e.kind().clone())?;
            Ok(Box::new(move |token: &str| {
                decode::verify_jws(token, &key, &Validation::new()).map(drop)
            }))
        }
        let text = jwk.to_string();
        let alg = jwk["alg"]
            .as_str()
            .unwrap_or(match (jwk["kty"].as_str(), jwk["crv"].as_str()) {
                (Some("EC"), Some("P-256")) => "ES256",
                (Some("EC"), Some("P-521")) => "ES512",
                (Some("OKP"), _) => "EdDSA",
                _ => "RS256",
            });
        match alg {
            "HS256" => boxed(Hs256Key::from_jwk(&text)),
            "ES256" => boxed(Es256PublicKey::from_jwk(&text)),
            "ES384" => boxed(Es384PublicKey::from_jwk(&text)),
            "ES512" => boxed(Es512PublicKey::from_jwk(&text)),
            "EdDSA" => boxed(Ed25519PublicKey::from_jwk(&text)),
            "RS256" => boxed(Rs256PublicKey::from_jwk(&text)),
            "RS384" => boxed(Rs384PublicKey::from_jwk(&text)),
            "RS512" => boxed(Rs512PublicKey::from_jwk(&text)),
            "PS256" => boxed(Ps256PublicKey::from_jwk(&text)),
            "PS384" => boxed(Ps384PublicKey::from_jwk(&text)),
            "PS512" => boxed(Ps512PublicKey::from_jwk(&text)),
            // "ES521" (the RFC 7520 groups' JWKs): no such JWS algorithm, so the key is
            // refused as the JWK's `alg` demands; see the override below.
            _ => boxed(Es512PublicKey::from_jwk(&text)),
        }
    }

    /// The `alg` of a compact token's header, if it has one.
    fn header_alg(token: &str) -> Option<String> {
        use base64::Engine as _;
        let header = token.split('.').next()?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(header)
            .ok()?;
        let json: Value = serde_json::from_slice(&bytes).ok()?;
        json["alg"].as_str().map(str::to_owned)
    }

    /// The error each invalid case gets, by its comment (the general cases by `jws_kind`),
    /// for a key of algorithm `key_alg`.
    fn kind_for(comment: &str, token: &str, key_alg: &str) -> ErrorKind {
        match comment {
            // A signature made with another algorithm: refused by the header's `alg` when it
            // says so, else by the signature (the pairs of PS512 cases do both).
            "UsingPS256" | "UsingPS384" | "UsingRS256" | "UsingRS384" | "UsingRS512" => {
                if header_alg(token).as_deref() == Some(key_alg) {
                    ErrorKind::InvalidSignature
                } else {
                    ErrorKind::AlgorithmNotAllowed
                }
            }
            // The header names another algorithm than the key's, or `none`.
            "rejectsSymmetryConfusionAttacks_aesKeyFromEcVerificationKeyBytes" | "algIsNone" => {
                ErrorKind::AlgorithmNotAllowed
            }
            // A key for encryption is refused when it is read.
            "rejectWrongUse" | "rejectWrongKeyOps" => ErrorKind::InvalidKey,
            // The header's embedded `jwk` is never used: the token's key is the verifier's,
            // and the attacker's signature does not verify with it.
            "rejectsAttackerProvidedEmbeddedJwk" => ErrorKind::InvalidSignature,
            c if c.starts_with("rejects")
                || c.starts_with("reject")
                || c == "rejectsValidJsonSerialization" =>
            {
                jws_kind(c)
            }
            // Everything else (ASN.1 and PSS manipulations, r/s edge cases, signatures too
            // long or short) is a signature that does not verify.
            _ => ErrorKind::InvalidSignature,
        }
    }

    #[test]
    fn json_web_signature_every_asymmetric_case() {
        let doc = load("json_web_signature_test.json");
        let mut count = 0;
        for group in doc["testGroups"].as_array().unwrap() {
            let jwk = if group["public"].is_null() {
                &group["private"]
            } else {
                &group["public"]
            };
            if jwk["kty"] == "oct" {
                continue; // the HMAC groups are above
            }
            let key = single_key(jwk);
            for t in group["tests"].as_array().unwrap() {
                let id = t["tcId"].as_u64().unwrap();
                let comment = t["comment"].as_str().unwrap();
                let outcome = key
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|verify| verify(&jws_text(t)).map_err(|e| e.kind().clone()));
                let want = match (jwk["alg"].as_str(), t["result"].as_str().unwrap()) {
                    // Erratum: the RFC 7520 ES512 groups give their JWK `"alg": "ES521"`,
                    // which is no JWS algorithm; a JWK reader that honours `alg` (RFC 7517
                    // 4.4) refuses the key, so this valid Figure 27 token cannot verify.
                    (Some("ES521"), _) => Err(ErrorKind::InvalidKey),
                    // Erratum: the RFC 7520 groups' JWK says `"alg": "PS256"`, but Figure 20
                    // is the PS384 token of RFC 7520 4.2; a JWK's `alg` restricts the key to
                    // that algorithm, so the PS384 header is refused.
                    (Some("PS256"), _) if comment == "Figure20" => {
                        Err(ErrorKind::AlgorithmNotAllowed)
                    }
                    (_, "valid") => Ok(()),
                    _ => Err(kind_for(
                        comment,
                        &jws_text(t),
                        jwk["alg"].as_str().unwrap_or("RS256"),
                    )),
                };
                assert_eq!(outcome, want, "tc {id} {comment}");
                count += 1;
            }
        }
        assert_eq!(count, 361);
    }

    #[test]
    fn json_web_key_every_case() {
        let doc = load("json_web_key_test.json");
        let mut count = 0;
        for group in doc["testGroups"].as_array().unwrap() {
            let set = KeySet::from_jwk_set(&group["private"].to_string());
            for t in group["tests"].as_array().unwrap() {
                let id = t["tcId"].as_u64().unwrap();
                let comment = t["comment"].as_str().unwrap();
                let outcome = set.as_ref().map_err(|e| e.kind().clone()).and_then(|set| {
                    decode::verify_jws(t["jws"].as_str().unwrap(), set, &Validation::new())
                        .map(drop)
                        .map_err(|e| e.kind().clone())
                });
                let want = match (t["result"].as_str().unwrap(), comment) {
                    ("valid", _) => Ok(()),
                    (_, "rejectsModifiedSignature") => Err(ErrorKind::InvalidSignature),
                    // The symmetric key of a set that also has public keys is not used: the
                    // HS256 token's kid finds no key.
                    (_, "rejectsValid") => Err(ErrorKind::UnknownKeyId),
                    // Every other set has no usable key: both keys of a duplicated kid are
                    // left out, or its only key is unusable (encryption use or algorithm, a
                    // ROCA, 1024-bit or e = 1 RSA modulus, a short or empty secret, a point
                    // off the curve, alg and curve or kty disagreeing).
                    _ => Err(ErrorKind::InvalidKey),
                };
                assert_eq!(
                    outcome,
                    want,
                    "tc {id} {comment}: {:?}",
                    set.as_ref().map(KeySet::skipped)
                );
                count += 1;
            }
        }
        assert_eq!(count, 26);
    }
}
