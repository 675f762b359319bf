//! The asymmetric algorithms against their published examples (RFC 7515 A.2-A.4, RFC 7520
//! 4.1-4.3, RFC 8037 A.1-A.4, RFC 7638 3.1), each way a key can be read, and what a wrong
//! key, a wrong document or a confused algorithm gets.
#![cfg(all(
    feature = "ecdsa",
    feature = "es512",
    feature = "eddsa",
    feature = "rsa"
))]

mod common;

use jwt_core::dangerous::sign_signing_input;
use jwt_core::Claims as _;
use jwt_core::{
    decode, encode, Algorithm, Ed25519Key, Ed25519PublicKey, ErrorKind, Es256Key, Es256PublicKey,
    Es384Key, Es384PublicKey, Es512Key, Es512PublicKey, Hs256Key, JwtClaims, KeySet, Ps256Key,
    Ps384Key, Ps384PublicKey, Rs256Key, Rs256PublicKey, Rs384Key, Rs512Key, SigningKey, Validation,
    VerifyingKey,
};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/rfc_jose_examples.json")).unwrap()
}

fn jwk(v: &Value) -> String {
    v.to_string()
}

/// Verifies the compact JWS `header.payload.signature` (any payload) with `key`.
fn verifies(
    key: &impl VerifyingKey,
    header: &str,
    payload: &str,
    signature: &str,
) -> Result<(), ErrorKind> {
    let token = format!("{header}.{payload}.{signature}");
    decode::verify_jws(&token, key, &Validation::new())
        .map(drop)
        .map_err(|e| e.kind().clone())
}

#[test]
fn rfc7515_a2_rs256_signs_and_verifies_as_published() {
    let v = vectors();
    let a2 = &v["rfc7515_a2"];
    let private = Rs256Key::from_jwk(&jwk(&a2["jwk"])).unwrap();
    let payload = v["rfc7515_payload"].as_str().unwrap();
    let header = a2["header"].as_str().unwrap();
    let sig = a2["signature"].as_str().unwrap();
    // PKCS #1 v1.5 is deterministic: the same signature, byte for byte.
    assert_eq!(
        sign_signing_input(&format!("{header}.{payload}"), &private).unwrap(),
        sig
    );
    assert_eq!(
        verifies(&private.public_key(), header, payload, sig),
        Ok(())
    );
    let mut public = a2["jwk"].clone();
    for m in ["d", "p", "q"] {
        public.as_object_mut().unwrap().remove(m);
    }
    let public = Rs256PublicKey::from_jwk(&public.to_string()).unwrap();
    assert_eq!(verifies(&public, header, payload, sig), Ok(()));
    assert_eq!(public.bits(), 2048);
}

#[test]
fn rfc7515_a3_and_a4_ecdsa_verify_as_published() {
    let v = vectors();
    let payload = v["rfc7515_payload"].as_str().unwrap();
    let a3 = &v["rfc7515_a3"];
    let es256 = Es256PublicKey::from_jwk(&jwk(&a3["jwk"])).unwrap();
    // The A.3 signature has a high S: RFC 7518 accepts it, and so do we.
    let (h, s) = (
        a3["header"].as_str().unwrap(),
        a3["signature"].as_str().unwrap(),
    );
    assert_eq!(verifies(&es256, h, payload, s), Ok(()));
    // The private JWK's d matches its x and y, and signs tokens its public key verifies.
    let private = Es256Key::from_jwk(&jwk(&a3["jwk"])).unwrap();
    let own = sign_signing_input(&format!("{h}.{payload}"), &private).unwrap();
    assert_eq!(verifies(&es256, h, payload, &own), Ok(()));

    let a4 = &v["rfc7515_a4"];
    let es512 = Es512PublicKey::from_jwk(&jwk(&a4["jwk"])).unwrap();
    let (h, p, s) = (
        a4["header"].as_str().unwrap(),
        a4["payload"].as_str().unwrap(),
        a4["signature"].as_str().unwrap(),
    );
    assert_eq!(verifies(&es512, h, p, s), Ok(()));
    assert_eq!(
        verifies(&es512, h, "UGF5bG9hZB", s),
        Err(ErrorKind::InvalidSignature)
    );
}

#[test]
fn rfc7520_rs256_ps384_es512_verify_as_published() {
    let v = vectors();
    let payload = v["rfc7520_payload"].as_str().unwrap();
    let rsa = jwk(&v["rfc7520_3_4_rsa_private"]);
    let rs256 = Rs256Key::from_jwk(&rsa).unwrap();
    assert_eq!(rs256.kid(), Some("bilbo.baggins@hobbiton.example"));
    let c41 = &v["rfc7520_4_1"];
    let (h, s) = (
        c41["header"].as_str().unwrap(),
        c41["signature"].as_str().unwrap(),
    );
    assert_eq!(
        sign_signing_input(&format!("{h}.{payload}"), &rs256).unwrap(),
        s
    );
    assert_eq!(verifies(&rs256.public_key(), h, payload, s), Ok(()));

    let ps384 = Ps384PublicKey::from_jwk(&rsa).unwrap();
    let c42 = &v["rfc7520_4_2"];
    let (h, s) = (
        c42["header"].as_str().unwrap(),
        c42["signature"].as_str().unwrap(),
    );
    assert_eq!(verifies(&ps384, h, payload, s), Ok(()));
    // The same signature is not a PKCS #1 v1.5 one, nor PSS with another hash.
    let rs384 = Rs384Key::from_jwk(&rsa).unwrap().public_key();
    let as_rs384 = format!("eyJhbGciOiJSUzM4NCJ9.{payload}.{s}");
    assert_eq!(
        decode::verify_jws(&as_rs384, &rs384, &Validation::new())
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidSignature
    );

    let es512 = Es512Key::from_jwk(&jwk(&v["rfc7520_3_2_ec_private"])).unwrap();
    let c43 = &v["rfc7520_4_3"];
    let (h, s) = (
        c43["header"].as_str().unwrap(),
        c43["signature"].as_str().unwrap(),
    );
    assert_eq!(verifies(&es512.public_key(), h, payload, s), Ok(()));
}

#[test]
fn rfc8037_ed25519_signs_and_verifies_as_published() {
    let v = vectors();
    let key = Ed25519Key::from_jwk(&jwk(&v["rfc8037_a1"])).unwrap();
    let a4 = &v["rfc8037_a4"];
    let (h, p, s) = (
        a4["header"].as_str().unwrap(),
        a4["payload"].as_str().unwrap(),
        a4["signature"].as_str().unwrap(),
    );
    assert_eq!(sign_signing_input(&format!("{h}.{p}"), &key).unwrap(), s);
    let public = Ed25519PublicKey::from_jwk(&key.public_key().to_jwk()).unwrap();
    assert_eq!(verifies(&public, h, p, s), Ok(()));
    let mut pub_jwk = v["rfc8037_a1"].clone();
    pub_jwk.as_object_mut().unwrap().remove("d");
    assert_eq!(
        jwt_core::jwk::thumbprint(&pub_jwk.to_string()).unwrap(),
        v["rfc8037_a3_thumbprint"].as_str().unwrap()
    );
}

#[test]
fn rfc7638_thumbprint_of_the_published_key() {
    let v = vectors();
    let c = &v["rfc7638_3_1"];
    assert_eq!(
        jwt_core::jwk::thumbprint(&jwk(&c["jwk"])).unwrap(),
        c["thumbprint"].as_str().unwrap()
    );
    // The thumbprint is of the key, whatever the optional members and their order.
    let again = format!(
        r#"{{"n":{},"kid":"other","e":"AQAB","kty":"RSA"}}"#,
        c["jwk"]["n"]
    );
    assert_eq!(
        jwt_core::jwk::thumbprint(&again).unwrap(),
        c["thumbprint"].as_str().unwrap()
    );
}

/// Signs claims with `key` and verifies them with `public`, through the typed entry
/// points; then the public key read back from its PEM and its JWK verifies them too.
fn round_trip<K, P>(key: &K, public: &P, alg: Algorithm)
where
    K: SigningKey,
    P: VerifyingKey,
{
    let clock = common::clock();
    let v = Validation::new().clock(clock);
    let claims: JwtClaims = serde_json::from_str(r#"{"sub":"42","exp":1700000060}"#).unwrap();
    let token = encode::sign(&claims, key, &v).unwrap();
    let verified = decode::verify_with_header::<JwtClaims>(&token, public, &v).unwrap();
    assert_eq!(verified.header.alg, alg);
    assert_eq!(verified.claims, claims);
    // A changed payload byte is a bad signature.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = common::b64(r#"{"sub":"43","exp":1700000060}"#);
    let forged = parts.join(".");
    assert_eq!(
        decode::verify::<JwtClaims>(&forged, public, &v)
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidSignature,
        "{alg}"
    );
}

#[test]
fn every_algorithm_round_trips_and_its_keys_read_back() {
    let v = vectors();
    let rsa_jwk = jwk(&v["rfc7520_3_4_rsa_private"]);

    let es256 = Es256Key::generate();
    round_trip(&es256, &es256.public_key(), Algorithm::ES256);
    round_trip(
        &es256,
        &Es256PublicKey::from_pem(&es256.public_key().to_pem()).unwrap(),
        Algorithm::ES256,
    );
    round_trip(
        &Es256Key::from_pem(&es256.to_pkcs8_pem()).unwrap(),
        &es256,
        Algorithm::ES256,
    );
    let es384 = Es384Key::generate();
    round_trip(
        &es384,
        &Es384PublicKey::from_jwk(&es384.public_key().to_jwk()).unwrap(),
        Algorithm::ES384,
    );
    let es512 = Es512Key::generate();
    round_trip(&es512, &es512.public_key(), Algorithm::ES512);
    let ed = Ed25519Key::generate();
    round_trip(
        &ed,
        &Ed25519PublicKey::from_pem(&ed.public_key().to_pem()).unwrap(),
        Algorithm::EdDSA,
    );
    round_trip(
        &Ed25519Key::from_pem(&ed.to_pkcs8_pem()).unwrap(),
        &ed.public_key(),
        Algorithm::EdDSA,
    );

    let rs256 = Rs256Key::from_jwk(&rsa_jwk).unwrap();
    round_trip(
        &rs256,
        &Rs256PublicKey::from_pem(&rs256.public_key().to_pem()).unwrap(),
        Algorithm::RS256,
    );
    round_trip(
        &Rs256Key::from_pem(&rs256.to_pkcs8_pem()).unwrap(),
        &rs256.public_key(),
        Algorithm::RS256,
    );
    let rs512 = Rs512Key::from_jwk(&rsa_jwk).unwrap();
    round_trip(&rs512, &rs512.public_key(), Algorithm::RS512);
    let ps256 = Ps256Key::from_jwk(&rsa_jwk).unwrap();
    round_trip(&ps256, &ps256.public_key(), Algorithm::PS256);
    let ps512 = jwt_core::Ps512Key::from_jwk(&rsa_jwk).unwrap();
    round_trip(
        &ps512,
        &jwt_core::Ps512PublicKey::from_jwk(&ps512.public_key().to_jwk()).unwrap(),
        Algorithm::PS512,
    );
}

#[test]
fn a_key_of_the_wrong_kind_is_refused_with_a_sentence() {
    let p384 = Es384Key::generate();
    let err = Es256PublicKey::from_pem(&p384.public_key().to_pem()).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidKey);
    assert_eq!(
        err.to_string(),
        "invalid key: the key is a P-384 key; an ES256 key needs a P-256 key"
    );
    let err = Es256Key::from_pem(&p384.to_pkcs8_pem()).unwrap_err();
    assert!(
        err.to_string()
            .contains("a P-384 key; an ES256 key needs a P-256 key"),
        "{err}"
    );
    let ed = Ed25519Key::generate();
    let err = Rs256PublicKey::from_pem(&ed.public_key().to_pem()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid key: the key is an Ed25519 key; an RS256 key needs an RSA key"
    );
    let err = Ed25519PublicKey::from_pem(&p384.public_key().to_pem()).unwrap_err();
    assert!(
        err.to_string()
            .contains("the key is a P-384 key; an EdDSA key needs an Ed25519 key"),
        "{err}"
    );
    // A private PEM where a public key is wanted, and the other way round.
    let err = Es256PublicKey::from_pem(&Es256Key::generate().to_pkcs8_pem()).unwrap_err();
    assert!(err.to_string().contains("is a private key"), "{err}");
    let err = Es256Key::from_pem(&Es256Key::generate().public_key().to_pem()).unwrap_err();
    assert!(err.to_string().contains("is a public key"), "{err}");
    // JWKs of another curve or type.
    let err = Es256PublicKey::from_jwk(&p384.public_key().to_jwk()).unwrap_err();
    assert!(err.to_string().contains("\"alg\" is ES384"), "{err}");
    let err =
        Es512PublicKey::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("an ES512 key is an EC key on P-521"),
        "{err}"
    );
    // None of it is a panic, and no message repeats the key.
    let pem = p384.to_pkcs8_pem();
    let body: String = pem.lines().nth(1).unwrap().to_owned();
    assert!(!Es256Key::from_pem(&pem)
        .unwrap_err()
        .to_string()
        .contains(&body));
}

#[test]
fn malformed_documents_and_jwks_get_clear_errors() {
    let cases: Vec<(Result<(), jwt_core::Error>, &str)> = vec![
        (Es256PublicKey::from_pem("").map(drop), "not a PEM document"),
        (
            Es256PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
                .map(drop),
            "not a DER SubjectPublicKeyInfo",
        ),
        (
            Es256PublicKey::from_der(&[0x30, 0x00]).map(drop),
            "not a DER SubjectPublicKeyInfo",
        ),
        (
            Rs256PublicKey::from_pkcs1_der(&[1, 2, 3]).map(drop),
            "not valid",
        ),
        (
            Es256PublicKey::from_jwk("{}").map(drop),
            "\"kty\" is missing",
        ),
        (
            Es256PublicKey::from_jwk(
                r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#,
            )
            .map(drop),
            "\"y\" is missing",
        ),
        (
            Es256PublicKey::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"AA==","y":"AA"}"#).map(drop),
            "\"x\" is not strict base64url",
        ),
        (
            Es256PublicKey::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#)
                .map(drop),
            "coordinate is 32 bytes",
        ),
        (
            Es256PublicKey::from_jwk(r#"{"kty":"EC","crv":"P-256","x":1,"y":"AA"}"#).map(drop),
            "\"x\" is not a string",
        ),
        (
            Es256PublicKey::from_jwk(r#"{"kty":"EC","kty":"EC"}"#).map(drop),
            "duplicate",
        ),
        (
            Es256PublicKey::from_jwk("[1]").map(drop),
            "not a JSON object",
        ),
        (
            Rs256PublicKey::from_jwk(r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#).map(drop),
            "bits",
        ),
        (
            Ed25519PublicKey::from_jwk(r#"{"kty":"OKP","crv":"Ed25519","x":"AA"}"#).map(drop),
            "32 bytes",
        ),
        (
            Ed25519PublicKey::from_jwk(r#"{"kty":"OKP","crv":"Ed25519","use":"enc","x":"AA"}"#)
                .map(drop),
            "\"use\" is \"enc\"",
        ),
    ];
    for (result, expected) in cases {
        let err = result.unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidKey),
            "{expected}: {err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains(expected),
            "{msg:?} should contain {expected:?}"
        );
    }
    let big = format!(r#"{{"kty":"EC","pad":"{}"}}"#, "a".repeat(20_000));
    assert_eq!(
        Es256PublicKey::from_jwk(&big).unwrap_err().kind(),
        &ErrorKind::LimitExceeded
    );
}

#[test]
fn a_jwk_set_skips_keys_it_does_not_use_and_never_fails_for_one() {
    let es = Es256Key::generate().with_kid("ec");
    let ed = Ed25519Key::generate().with_kid("ed");
    let dup = Es256Key::generate().with_kid("dup");
    let keys = [
        es.public_key().to_jwk(),
        ed.public_key().to_jwk(),
        r#"{"kty":"EC","crv":"secp256k1","kid":"k1","x":"AA","y":"AA"}"#.to_owned(),
        r#"{"kty":"OKP","crv":"X25519","kid":"x","x":"AA"}"#.to_owned(),
        r#"{"kty":"OKP","crv":"Ed448","kid":"e448","x":"AA"}"#.to_owned(),
        r#"{"kty":"AKP","alg":"ML-DSA-65","kid":"pq","pub":"AA"}"#.to_owned(),
        r#"{"kty":"RSA","use":"enc","alg":"RSA-OAEP","kid":"enc","n":"AQAB","e":"AQAB"}"#
            .to_owned(),
        r#"{"kty":"EC","crv":"P-256","kid":"ops","key_ops":["encrypt"],"x":"AA","y":"AA"}"#
            .to_owned(),
        r#"{"kty":"oct","kid":"noalg","k":"AAAA"}"#.to_owned(),
        r#""not an object""#.to_owned(),
        dup.public_key().to_jwk(),
        Es256Key::generate().with_kid("dup").public_key().to_jwk(),
        format!(
            r#"{{"kty":"oct","alg":"HS256","kid":"secret","k":"{}"}}"#,
            "A".repeat(43)
        ),
    ];
    let json = format!(r#"{{"keys":[{}]}}"#, keys.join(","));
    let set = KeySet::from_jwk_set(&json).unwrap();
    let found: Vec<(Algorithm, Option<&str>)> = set.keys().collect();
    assert_eq!(
        found,
        [
            (Algorithm::ES256, Some("ec")),
            (Algorithm::EdDSA, Some("ed"))
        ]
    );
    let skipped = set.skipped();
    assert_eq!(skipped.len(), 11, "{skipped:#?}");
    for (i, expected) in [
        (0, "key 2 (kid \"k1\"): EC curve \"secp256k1\" is not implemented"),
        (1, "key 3 (kid \"x\"): OKP curve \"X25519\""),
        (2, "key 4 (kid \"e448\"): OKP curve \"Ed448\""),
        (3, "key 5 (kid \"pq\"): \"kty\" \"AKP\" is not implemented"),
        (4, "key 6 (kid \"enc\"): \"use\" is \"enc\""),
        (5, "key 7 (kid \"ops\"): \"key_ops\" does not allow \"verify\""),
        (6, "key 8 (kid \"noalg\"): a symmetric (\"oct\") key in a set of public keys is not used"),
        (7, "key 9: not a JSON object"),
        (8, "key 10 (kid \"dup\"): another key in the set has the same kid and algorithm; neither is used"),
        (9, "key 11 (kid \"dup\"): another key in the set has the same kid and algorithm; neither is used"),
        (10, "key 12 (kid \"secret\"): a symmetric (\"oct\") key in a set of public keys is not used"),
    ] {
        assert!(skipped[i].starts_with(expected), "{:?} vs {expected:?}", skipped[i]);
    }
    // Tokens of both usable keys verify through the set; one of the duplicated kid does not.
    let clock = common::clock();
    let v = Validation::new().clock(clock);
    let claims: JwtClaims = serde_json::from_str(r#"{"exp":1700000060}"#).unwrap();
    for token in [
        encode::sign(&claims, &es, &v).unwrap(),
        encode::sign(&claims, &ed, &v).unwrap(),
    ] {
        assert!(decode::verify::<JwtClaims>(&token, &set, &v).is_ok());
    }
    let token = encode::sign(&claims, &dup, &v).unwrap();
    assert_eq!(
        decode::verify::<JwtClaims>(&token, &set, &v)
            .unwrap_err()
            .kind(),
        &ErrorKind::UnknownKeyId
    );
    // A set with nothing usable is an error naming why.
    let err = KeySet::from_jwk_set(r#"{"keys":[{"kty":"AKP","kid":"pq"}]}"#).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidKey);
    assert!(
        err.to_string()
            .contains("no usable key: key 0 (kid \"pq\")"),
        "{err}"
    );
    assert!(KeySet::from_jwk_set(r#"{"keys":[]}"#)
        .unwrap_err()
        .to_string()
        .contains("has no keys"));
}

#[test]
fn an_rsa_jwk_without_alg_verifies_every_rsa_algorithm_and_clashes_are_skipped() {
    // RFC 7520 3.4's key has no "alg": in a set it serves RS256 to PS512, as in other
    // libraries' key sets; each (kid, algorithm) it then holds is listed once.
    let v = vectors();
    let private = jwk(&v["rfc7520_3_4_rsa_private"]);
    let public = Rs256Key::from_jwk(&private).unwrap().public_key().to_jwk();
    let public: Value = serde_json::from_str(&public).unwrap();
    assert_eq!(public.get("alg").map(Value::as_str), Some(Some("RS256")));
    let mut without_alg = public.clone();
    without_alg.as_object_mut().unwrap().remove("alg");
    let set = KeySet::from_jwk_set(&format!(r#"{{"keys":[{without_alg}]}}"#)).unwrap();
    let kid = Some("bilbo.baggins@hobbiton.example");
    let found: Vec<(Algorithm, Option<&str>)> = set.keys().collect();
    assert_eq!(
        found,
        [
            (Algorithm::RS256, kid),
            (Algorithm::RS384, kid),
            (Algorithm::RS512, kid),
            (Algorithm::PS256, kid),
            (Algorithm::PS384, kid),
            (Algorithm::PS512, kid),
        ]
    );
    let clock = common::clock();
    let val = Validation::new().clock(clock);
    let claims: JwtClaims = serde_json::from_str(r#"{"exp":1700000060}"#).unwrap();
    for token in [
        encode::sign(&claims, &Rs384Key::from_jwk(&private).unwrap(), &val).unwrap(),
        encode::sign(&claims, &Ps256Key::from_jwk(&private).unwrap(), &val).unwrap(),
    ] {
        let verified = decode::verify::<JwtClaims>(&token, &set, &val).unwrap();
        assert_eq!(verified, claims);
    }
    // The same kid once without "alg" and once with "alg": "PS256": the documents differ,
    // the keys read from them share (kid, PS256), so neither key is used (and the set does
    // not fail for it); a third key still is.
    let mut with_alg = public.clone();
    with_alg["alg"] = Value::from("PS256");
    let ec = Es256Key::generate().with_kid("ec");
    let json = format!(
        r#"{{"keys":[{without_alg},{with_alg},{}]}}"#,
        ec.public_key().to_jwk()
    );
    let set = KeySet::from_jwk_set(&json).unwrap();
    let found: Vec<(Algorithm, Option<&str>)> = set.keys().collect();
    assert_eq!(found, [(Algorithm::ES256, Some("ec"))]);
    let skipped = set.skipped();
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    for (i, s) in skipped.iter().enumerate() {
        assert_eq!(
            s,
            &format!(
                "key {i} (kid \"bilbo.baggins@hobbiton.example\"): another key in the set has \
                 the same kid and algorithm; neither is used"
            )
        );
    }
}

#[test]
fn private_keys_export_as_the_published_jwk_and_read_back() {
    // RFC 7520 3.2 (P-521) and 3.4 (RSA): every private member comes out as published.
    let v = vectors();
    let private_members = |doc: &Value, names: &[&str]| -> Vec<(String, Value)> {
        names
            .iter()
            .map(|n| ((*n).to_owned(), doc[*n].clone()))
            .collect()
    };
    let ec = &v["rfc7520_3_2_ec_private"];
    let key = Es512Key::from_jwk(&ec.to_string()).unwrap();
    let out: Value = serde_json::from_str(&key.to_private_jwk()).unwrap();
    let names = ["kty", "crv", "x", "y", "d"];
    assert_eq!(private_members(&out, &names), private_members(ec, &names));
    let rsa = &v["rfc7520_3_4_rsa_private"];
    let key = Ps256Key::from_jwk(&rsa.to_string()).unwrap();
    let out: Value = serde_json::from_str(&key.to_private_jwk()).unwrap();
    let names = ["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"];
    assert_eq!(private_members(&out, &names), private_members(rsa, &names));
    assert_eq!(out["alg"], "PS256");
    // RFC 8037 A.1: the Ed25519 seed is `d`.
    let ed = &v["rfc8037_a1"];
    let key = Ed25519Key::from_jwk(&ed.to_string()).unwrap();
    let out: Value = serde_json::from_str(&key.to_private_jwk()).unwrap();
    let names = ["kty", "crv", "x", "d"];
    assert_eq!(private_members(&out, &names), private_members(ed, &names));
    // A generated key's private JWK reads back to a key that signs what its public key
    // verifies; the kid goes along.
    let es = Es256Key::generate().with_kid("gen");
    let back = Es256Key::from_jwk(&es.to_private_jwk()).unwrap();
    assert_eq!(back.kid(), Some("gen"));
    round_trip(&back, &es.public_key(), Algorithm::ES256);
    let es = Es384Key::generate();
    round_trip(
        &Es384Key::from_jwk(&es.to_private_jwk()).unwrap(),
        &es.public_key(),
        Algorithm::ES384,
    );
    let ed = Ed25519Key::generate();
    // Its PKCS #8 is v1 (RFC 8410's 48 bytes, as OpenSSL writes it; ed25519-compact, under
    // jwt-simple, reads no other form), and reads back.
    let pem = ed.to_pkcs8_pem();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    use base64::Engine as _;
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    assert_eq!(der.len(), 48);
    round_trip(
        &Ed25519Key::from_pem(&pem).unwrap(),
        &ed.public_key(),
        Algorithm::EdDSA,
    );
    round_trip(
        &Ed25519Key::from_jwk(&ed.to_private_jwk()).unwrap(),
        &ed.public_key(),
        Algorithm::EdDSA,
    );
}

#[test]
fn describe_key_tells_format_algorithm_and_privacy_from_content() {
    use jwt_core::jwk::{describe_key, KeyFormat};
    let der = |pem: &str| {
        use base64::Engine as _;
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    };
    let es384 = Es384Key::generate();
    let ed = Ed25519Key::generate();
    let v = vectors();
    let rsa = Rs256Key::from_jwk(&jwk(&v["rfc7520_3_4_rsa_private"])).unwrap();
    let cases: Vec<(Vec<u8>, Algorithm, bool, KeyFormat)> = vec![
        (
            es384.to_pkcs8_pem().as_bytes().to_vec(),
            Algorithm::ES384,
            true,
            KeyFormat::Pem,
        ),
        (
            der(&es384.to_pkcs8_pem()),
            Algorithm::ES384,
            true,
            KeyFormat::Der,
        ),
        (
            es384.public_key().to_pem().into_bytes(),
            Algorithm::ES384,
            false,
            KeyFormat::Pem,
        ),
        (
            der(&ed.public_key().to_pem()),
            Algorithm::EdDSA,
            false,
            KeyFormat::Der,
        ),
        (
            ed.to_private_jwk().as_bytes().to_vec(),
            Algorithm::EdDSA,
            true,
            KeyFormat::Jwk,
        ),
        (
            rsa.public_key().to_pem().into_bytes(),
            Algorithm::RS256,
            false,
            KeyFormat::Pem,
        ),
        (
            der(&rsa.to_pkcs8_pem()),
            Algorithm::RS256,
            true,
            KeyFormat::Der,
        ),
        (
            // An RSA JWK's alg wins over the RS256 its kty implies.
            Ps384Key::from_jwk(&jwk(&v["rfc7520_3_4_rsa_private"]))
                .unwrap()
                .public_key()
                .to_jwk()
                .into_bytes(),
            Algorithm::PS384,
            false,
            KeyFormat::Jwk,
        ),
        (
            format!(
                r#"  {{"kty":"oct","alg":"HS512","k":"{}"}}"#,
                "A".repeat(86)
            )
            .into_bytes(),
            Algorithm::HS512,
            true,
            KeyFormat::Jwk,
        ),
    ];
    for (doc, alg, private, format) in cases {
        let d = describe_key(&doc).unwrap();
        assert_eq!(
            (d.algorithm, d.private, d.format),
            (alg, private, format),
            "{}",
            String::from_utf8_lossy(&doc[..20])
        );
    }
    for (doc, expected) in [
        (&br#"{"keys":[]}"#[..], "is a JWK Set, not one JWK"),
        (br#"{"kty":"OKP","crv":"X25519","x":"AA"}"#, "X25519"),
        (
            br#"{"kty":"oct","k":"AAAA"}"#,
            "an \"oct\" key needs an \"alg\"",
        ),
        (b"\x30\x03\x02\x01\x00", "the document is not a key"),
        (
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "is a certificate",
        ),
    ] {
        let e = describe_key(doc).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidKey);
        assert!(e.to_string().contains(expected), "{e}");
    }
}

#[test]
fn a_jwk_set_is_bounded() {
    let one = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    let many = format!(r#"{{"keys":[{}]}}"#, vec![one; 10_000].join(","));
    let err = KeySet::from_jwk_set(&many).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::LimitExceeded);
    let err =
        KeySet::from_jwk_set(&format!(r#"{{"keys":[{}]}}"#, vec![one; 101].join(","))).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::LimitExceeded);
    assert!(
        err.to_string().contains("101 keys, the limit is 100"),
        "{err}"
    );
    let huge = format!(r#"{{"keys":[],"pad":"{}"}}"#, "a".repeat(1 << 20));
    assert_eq!(
        KeySet::from_jwk_set(&huge).unwrap_err().kind(),
        &ErrorKind::LimitExceeded
    );
}

#[test]
fn hmac_with_a_public_key_as_the_secret_is_refused_before_any_mac() {
    // The classic confusion: an attacker signs HS256 with the verifier's public key bytes
    // (PEM, DER or JWK text) as the HMAC secret.
    let clock = common::clock();
    let v = Validation::new().clock(clock);
    let claims: JwtClaims = serde_json::from_str(r#"{"exp":1700000060}"#).unwrap();
    let rsa = Rs256Key::from_jwk(&vectors()["rfc7520_3_4_rsa_private"].to_string()).unwrap();
    let es = Es256Key::generate();
    let ed = Ed25519Key::generate();
    let forge = |secret: &str| {
        let hs = Hs256Key::from_secret(secret.as_bytes()).unwrap();
        encode::sign(&claims, &hs, &v).unwrap()
    };
    let kind = |r: Result<JwtClaims, jwt_core::Error>| r.unwrap_err().kind().clone();
    // A single key refuses the HS256 alg outright, whatever document the secret was.
    let rs_public = rsa.public_key();
    for secret in [rs_public.to_pem(), rs_public.to_jwk()] {
        let token = forge(&secret);
        assert_eq!(
            kind(decode::verify::<JwtClaims>(&token, &rs_public, &v)),
            ErrorKind::AlgorithmNotAllowed
        );
    }
    let token = forge(&es.public_key().to_jwk());
    assert_eq!(
        kind(decode::verify::<JwtClaims>(&token, &es.public_key(), &v)),
        ErrorKind::AlgorithmNotAllowed
    );
    // A key set has no HS256 key to choose: the token's kid is irrelevant.
    let set = KeySet::new().with(ed.public_key().with_kid("ed")).unwrap();
    let token = forge(&ed.public_key().to_pem());
    assert_eq!(
        kind(decode::verify::<JwtClaims>(&token, &set, &v)),
        ErrorKind::UnknownKeyId
    );
    let with_kid = Hs256Key::from_secret(ed.public_key().to_pem().as_bytes())
        .unwrap()
        .with_kid("ed");
    let token = encode::sign(&claims, &with_kid, &v).unwrap();
    assert_eq!(
        kind(decode::verify::<JwtClaims>(&token, &set, &v)),
        ErrorKind::AlgorithmNotAllowed
    );
}

/// A claims type pinned to ES256: its tokens carry that algorithm, and a key set holding
/// keys of other algorithms refuses their tokens for it at run time (a single key of another
/// algorithm does not compile: `tests/ui/alg-pin-refuses-a-key-of-another-algorithm.rs`).
#[derive(jwt_core::Claims, serde::Serialize, serde::Deserialize, Debug, PartialEq)]
#[claims(alg = "ES256")]
struct PinnedEs256 {
    #[claims(sub)]
    sub: String,
    #[claims(exp)]
    exp: u64,
}

#[test]
fn a_pinned_claims_type_takes_tokens_of_its_algorithm_only() {
    let clock = common::clock();
    let es = Es256Key::generate().with_kid("es");
    let hs = Hs256Key::from_secret(&[9; 32]).unwrap().with_kid("hs");
    let claims = PinnedEs256 {
        sub: "a".into(),
        exp: 1_700_000_060,
    };
    let token = claims.sign_with_clock(&es, &clock).unwrap();
    let header = jwt_core::dangerous::decode_unverified(&token)
        .unwrap()
        .header;
    assert_eq!(header.alg, Algorithm::ES256);
    let set = KeySet::new()
        .with(es.public_key())
        .unwrap()
        .with(hs.clone())
        .unwrap();
    let verifier = PinnedEs256::verifier(&set).clock(clock);
    assert_eq!(verifier.verify(&token).unwrap(), claims);
    // An HS256 token of the same claims, under a key the set holds: refused for this type.
    let v = Validation::new().clock(clock);
    let hs_token = jwt_core::dangerous::sign_serde(&claims, &hs, &v).unwrap();
    let err = verifier.verify(&hs_token).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::AlgorithmNotAllowed);
    assert_eq!(
        err.to_string(),
        "algorithm not allowed: the token says HS256, the claims type takes only ES256"
    );
    // The same token verifies as a type without a pin.
    assert!(decode::verify::<JwtClaims>(&hs_token, &set, &v).is_ok());
}

/// Token-level attacks on the asymmetric algorithms, each with its exact refusal.
#[test]
fn asymmetric_attacks_are_refused_with_their_exact_kind() {
    use jwt_core::Error;
    let clock = common::clock();
    let v = Validation::new().clock(clock);
    let claims: JwtClaims = serde_json::from_str(r#"{"exp":1700000060}"#).unwrap();
    let es = Es256Key::generate();
    let public = es.public_key();
    let good = encode::sign(&claims, &es, &v).unwrap();
    let parts: Vec<&str> = good.split('.').collect();
    let with = |header: &str, sig: &[u8]| {
        format!("{}.{}.{}", common::b64(header), parts[1], common::b64(sig))
    };
    let sig = {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[2])
            .unwrap()
    };
    let kind = |r: Result<JwtClaims, Error>| r.unwrap_err().kind().clone();
    let check = |token: &str| kind(decode::verify::<JwtClaims>(token, &public, &v));
    // The algorithm swapped within the family, or to another family: refused by name.
    for alg in [
        "ES384", "ES512", "EdDSA", "RS256", "PS256", "HS256", "none", "es256",
    ] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        assert_eq!(
            check(&with(&header, &sig)),
            ErrorKind::AlgorithmNotAllowed,
            "{alg}"
        );
    }
    let header = r#"{"alg":"ES256","typ":"JWT"}"#;
    // Zero signatures (the shape of CVE-2022-21449), r or s zero, all ones.
    let mut zero_s = sig.clone();
    zero_s[32..].fill(0);
    let mut zero_r = sig.clone();
    zero_r[..32].fill(0);
    for bad in [vec![0u8; 64], zero_r, zero_s, vec![0xff; 64]] {
        assert_eq!(check(&with(header, &bad)), ErrorKind::InvalidSignature);
    }
    // Truncated, extended, or DER-encoded: the length alone refuses it.
    for bad in [
        sig[..63].to_vec(),
        [sig.clone(), vec![0]].concat(),
        der_of(&sig),
    ] {
        assert_eq!(check(&with(header, &bad)), ErrorKind::InvalidSignature);
    }
    // The attacker's own key embedded in the header is never used.
    let attacker = Es256Key::generate();
    let embedded = format!(
        r#"{{"alg":"ES256","jwk":{}}}"#,
        attacker.public_key().to_jwk()
    );
    let forged = jwt_core::dangerous::sign_signing_input(
        &format!("{}.{}", common::b64(&embedded), parts[1]),
        &attacker,
    )
    .unwrap();
    let token = format!("{}.{}.{forged}", common::b64(&embedded), parts[1]);
    assert_eq!(check(&token), ErrorKind::InvalidSignature);
    // A key of the right algorithm but another curve's point cannot even be read.
    let p384 = Es384Key::generate().public_key();
    let (x, y) = p384.coordinates();
    assert_eq!(
        Es256PublicKey::from_coordinates(&x, &y).unwrap_err().kind(),
        &ErrorKind::InvalidKey
    );
    // An Ed25519 signature of all zeros, and one of a small-order key, do not verify.
    let ed = Ed25519Key::generate();
    let ed_token = encode::sign(&claims, &ed, &v).unwrap();
    let ed_parts: Vec<&str> = ed_token.split('.').collect();
    let zero = format!("{}.{}.{}", ed_parts[0], ed_parts[1], common::b64([0u8; 64]));
    assert_eq!(
        kind(decode::verify::<JwtClaims>(&zero, &ed.public_key(), &v)),
        ErrorKind::InvalidSignature
    );
    let mut small_order = [0u8; 32];
    small_order[0] = 1; // the identity point
    assert_eq!(
        Ed25519PublicKey::from_bytes(&small_order)
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidKey
    );
}

/// `r || s` as the DER SEQUENCE of two INTEGERs some libraries produce.
fn der_of(sig: &[u8]) -> Vec<u8> {
    let int = |x: &[u8]| {
        let x: Vec<u8> = x.iter().copied().skip_while(|&b| b == 0).collect();
        let mut v = if x.first().is_some_and(|&b| b & 0x80 != 0) {
            [vec![0], x].concat()
        } else {
            x
        };
        let mut out = vec![2, v.len() as u8];
        out.append(&mut v);
        out
    };
    let body = [int(&sig[..32]), int(&sig[32..])].concat();
    [vec![0x30, body.len() as u8], body].concat()
}
