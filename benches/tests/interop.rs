//! jwt-core against two other libraries, both ways, for every algorithm they share:
//! `jsonwebtoken` (RustCrypto backend: ES256, ES384, EdDSA, RS256-PS512) and `jwt-compact`
//! (ES256, EdDSA, RS256-PS512). They sign and we verify; we sign and they verify; and a public
//! key crosses as a JWK each way. ES512 is in neither; it is held to RFC 7515 A.4, RFC 7520
//! 4.3 and Wycheproof instead. Keys are made by jwt-core and handed over as PEM or JWK, as
//! between two services.

use jwt_core::{
    decode, encode, Ed25519Key, Es256Key, Es384Key, JwtClaims, KeySet, Ps256Key, Ps384Key,
    Ps512Key, Rs256Key, Rs384Key, Rs512Key, SigningKey, Validation, VerifyingKey,
};
use serde_json::{json, Value};

/// A test RSA key (RFC 7520 section 3.4), as PEM from jwt-core.
fn rsa_pem() -> String {
    const JWK: &str = include_str!("../../jwt-core/tests/vectors/rfc_jose_examples.json");
    let doc: Value = serde_json::from_str(JWK).unwrap();
    Rs256Key::from_jwk(&doc["rfc7520_3_4_rsa_private"].to_string())
        .unwrap()
        .to_pkcs8_pem()
        .to_string()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn claims() -> Value {
    json!({"sub": "interop", "iss": "jwt-core", "exp": now() + 600})
}

/// Our verdict on a token: the claims, as JSON.
fn ours(token: &str, key: &impl VerifyingKey) -> Value {
    let c: JwtClaims = decode::verify(token, key, &Validation::new()).unwrap();
    serde_json::to_value(c).unwrap()
}

fn our_token(key: &impl SigningKey) -> String {
    let c: JwtClaims = serde_json::from_value(claims()).unwrap();
    encode::sign(&c, key, &Validation::new()).unwrap()
}

mod with_jsonwebtoken {
    use super::*;
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};

    fn theirs_verify(token: &str, key: &DecodingKey, alg: Algorithm) -> Value {
        let mut v = jsonwebtoken::Validation::new(alg);
        v.set_issuer(&["jwt-core"]);
        jsonwebtoken::decode::<Value>(token, key, &v)
            .unwrap()
            .claims
    }

    fn theirs_sign(key: &EncodingKey, alg: Algorithm) -> String {
        jsonwebtoken::encode(&Header::new(alg), &claims(), key).unwrap()
    }

    /// Both ways with one key pair: their token through our public key, ours through
    /// theirs, and our public JWK read by them.
    fn both_ways<K: SigningKey + VerifyingKey>(
        ours_key: &K,
        public_jwk: &str,
        enc: EncodingKey,
        dec: DecodingKey,
        alg: Algorithm,
    ) {
        let token = theirs_sign(&enc, alg);
        assert_eq!(
            ours(&token, ours_key),
            theirs_verify(&token, &dec, alg),
            "{alg:?}"
        );
        let token = our_token(ours_key);
        assert_eq!(
            theirs_verify(&token, &dec, alg)["sub"],
            "interop",
            "{alg:?}"
        );
        let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_str(public_jwk).unwrap();
        let from_jwk = DecodingKey::from_jwk(&jwk).unwrap();
        assert_eq!(
            theirs_verify(&token, &from_jwk, alg)["sub"],
            "interop",
            "{alg:?}"
        );
        // A JWK Set with that key, read by us, verifies their token.
        let set = KeySet::from_jwk_set(&format!(r#"{{"keys":[{public_jwk}]}}"#)).unwrap();
        let token = theirs_sign(&enc, alg);
        assert_eq!(ours(&token, &set)["sub"], "interop", "{alg:?}");
    }

    #[test]
    fn ecdsa() {
        let es256 = Es256Key::generate();
        both_ways(
            &es256,
            &es256.public_key().to_jwk(),
            EncodingKey::from_ec_pem(es256.to_pkcs8_pem().as_bytes()).unwrap(),
            DecodingKey::from_ec_pem(es256.public_key().to_pem().as_bytes()).unwrap(),
            Algorithm::ES256,
        );
        let es384 = Es384Key::generate();
        both_ways(
            &es384,
            &es384.public_key().to_jwk(),
            EncodingKey::from_ec_pem(es384.to_pkcs8_pem().as_bytes()).unwrap(),
            DecodingKey::from_ec_pem(es384.public_key().to_pem().as_bytes()).unwrap(),
            Algorithm::ES384,
        );
    }

    #[test]
    fn eddsa() {
        let ed = Ed25519Key::generate();
        both_ways(
            &ed,
            &ed.public_key().to_jwk(),
            EncodingKey::from_ed_pem(ed.to_pkcs8_pem().as_bytes()).unwrap(),
            DecodingKey::from_ed_pem(ed.public_key().to_pem().as_bytes()).unwrap(),
            Algorithm::EdDSA,
        );
    }

    #[test]
    fn rsa_pkcs1_and_pss() {
        let pem = rsa_pem();
        let enc = || EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
        macro_rules! alg {
            ($key:ty, $alg:ident) => {{
                let key = <$key>::from_pem(&pem).unwrap();
                let public = key.public_key();
                both_ways(
                    &key,
                    &public.to_jwk(),
                    enc(),
                    DecodingKey::from_rsa_pem(public.to_pem().as_bytes()).unwrap(),
                    Algorithm::$alg,
                );
            }};
        }
        alg!(Rs256Key, RS256);
        alg!(Rs384Key, RS384);
        alg!(Rs512Key, RS512);
        alg!(Ps256Key, PS256);
        alg!(Ps384Key, PS384);
        alg!(Ps512Key, PS512);
    }
}

mod with_jwt_compact {
    use super::*;
    use jwt_compact::alg::{Ed25519, Es256, Rsa, RsaPrivateKey, RsaPublicKey};
    use jwt_compact::jwk::JsonWebKey;
    use jwt_compact::{AlgorithmExt, Claims, Header, TimeOptions, UntrustedToken};

    fn their_claims() -> Claims<Value> {
        let mut c = Claims::new(json!({"sub": "interop", "iss": "jwt-core"}));
        c.expiration = Some(chrono::DateTime::from_timestamp(now() as i64 + 600, 0).unwrap());
        c
    }

    /// Their token through ours; ours through theirs; keys crossing as JWKs both ways.
    fn both_ways<A: AlgorithmExt, K: SigningKey + VerifyingKey>(
        alg: &A,
        ours_key: &K,
        public_jwk: &str,
        sk: &A::SigningKey,
        vk: &A::VerifyingKey,
    ) where
        for<'a> JsonWebKey<'a>: From<&'a A::VerifyingKey>,
        for<'a> A::VerifyingKey: TryFrom<&'a JsonWebKey<'a>>,
    {
        let header = Header::empty().with_token_type("JWT");
        let token = alg.token(&header, &their_claims(), sk).unwrap();
        assert_eq!(ours(&token, ours_key)["sub"], "interop", "{}", alg.name());
        // Their public key as a JWK, in a set we read.
        let their_jwk = serde_json::to_string(&JsonWebKey::from(vk)).unwrap();
        let set = KeySet::from_jwk_set(&format!(r#"{{"keys":[{their_jwk}]}}"#)).unwrap();
        assert_eq!(ours(&token, &set)["sub"], "interop", "{}", alg.name());

        let token = our_token(ours_key);
        let untrusted = UntrustedToken::new(&token).unwrap();
        let checked = alg.validator::<Value>(vk).validate(&untrusted).unwrap();
        checked
            .claims()
            .validate_expiration(&TimeOptions::default())
            .unwrap();
        assert_eq!(checked.claims().custom["sub"], "interop");
        // Our public key as a JWK, read by them.
        let jwk: JsonWebKey<'_> = serde_json::from_str(public_jwk).unwrap();
        let vk2 = A::VerifyingKey::try_from(&jwk)
            .unwrap_or_else(|_| panic!("{} JWK refused", alg.name()));
        assert!(alg.validator::<Value>(&vk2).validate(&untrusted).is_ok());
    }

    #[test]
    fn es256() {
        use p256_013::pkcs8::{DecodePrivateKey, DecodePublicKey};
        let ours_key = Es256Key::generate();
        let sk = p256_013::ecdsa::SigningKey::from_pkcs8_pem(&ours_key.to_pkcs8_pem()).unwrap();
        let vk =
            p256_013::ecdsa::VerifyingKey::from_public_key_pem(&ours_key.public_key().to_pem())
                .unwrap();
        both_ways(&Es256, &ours_key, &ours_key.public_key().to_jwk(), &sk, &vk);
    }

    #[test]
    fn eddsa() {
        use ed25519_dalek2::pkcs8::{DecodePrivateKey, DecodePublicKey};
        let ours_key = Ed25519Key::generate();
        let sk = ed25519_dalek2::SigningKey::from_pkcs8_pem(&ours_key.to_pkcs8_pem()).unwrap();
        let vk = ed25519_dalek2::VerifyingKey::from_public_key_pem(&ours_key.public_key().to_pem())
            .unwrap();
        both_ways(
            &Ed25519,
            &ours_key,
            &ours_key.public_key().to_jwk(),
            &sk,
            &vk,
        );
    }

    #[test]
    fn rsa_pkcs1_and_pss() {
        use rsa09::pkcs8::DecodePrivateKey;
        let pem = rsa_pem();
        let sk = RsaPrivateKey::from_pkcs8_pem(&pem).unwrap();
        let vk = RsaPublicKey::from(&sk);
        macro_rules! alg {
            ($key:ty, $ctor:ident) => {{
                let key = <$key>::from_pem(&pem).unwrap();
                both_ways(&Rsa::$ctor(), &key, &key.public_key().to_jwk(), &sk, &vk);
            }};
        }
        alg!(Rs256Key, rs256);
        alg!(Rs384Key, rs384);
        alg!(Rs512Key, rs512);
        alg!(Ps256Key, ps256);
        alg!(Ps384Key, ps384);
        alg!(Ps512Key, ps512);
    }
}
