//! The asymmetric benchmark's fixture: ES256, EdDSA and RS256, each signing and verifying
//! P1 and P2, by jwt-core, jsonwebtoken (`rust_crypto`), jwt-simple (`pure-rust`),
//! jwt-compact, and the floor: the primitive crate jwt-core itself uses (`p256` 0.14,
//! `ed25519-dalek` 3, `rsa` 0.10) signing or verifying the same signing input, with no JSON,
//! base64 or checks around it. Every library gets the same key, handed over as PEM.

use std::hint::black_box as bb;

use jwt_core::{
    Claims, Ed25519Key, Ed25519PublicKey, Es256Key, Es256PublicKey, HasAudience, HasIssuer, KeyFor,
    Rs256Key, Rs256PublicKey, SigningKey, VerifyingKey,
};

use super::{
    p1, p1_plain, p2, p2_plain, JwtCompact, JwtSimple, P1Plain, P2Custom, P2Plain, AUD, ISS, P1, P2,
};

pub const ALGORITHMS: [&str; 3] = ["ES256", "EdDSA", "RS256"];
pub const OPERATIONS: [&str; 4] = ["P1 sign", "P1 verify", "P2 sign", "P2 verify"];
pub const LIBRARIES: [&str; 5] = [
    "jwt-core",
    "jsonwebtoken",
    "jwt-simple",
    "jwt-compact",
    "floor",
];

/// "ES256 P1 sign", ...: the rows, algorithm-major.
pub fn measurements() -> Vec<String> {
    ALGORITHMS
        .iter()
        .flat_map(|a| OPERATIONS.iter().map(move |o| format!("{a} {o}")))
        .collect()
}

/// The RSA test key of RFC 7520 section 3.4 (2048 bits), as PEM from jwt-core.
fn rsa_pem() -> String {
    const DOC: &str = include_str!("../../jwt-core/tests/vectors/rfc_jose_examples.json");
    let doc: serde_json::Value = serde_json::from_str(DOC).unwrap();
    Rs256Key::from_jwk(&doc["rfc7520_3_4_rsa_private"].to_string())
        .unwrap()
        .to_pkcs8_pem()
        .to_string()
}

/// The primitive itself, on bytes.
// One value per algorithm, made once: size does not matter here.
#[allow(clippy::large_enum_variant)]
pub enum Primitive {
    Es256(p256_014::ecdsa::SigningKey, p256_014::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek3::SigningKey, ed25519_dalek3::VerifyingKey),
    Rs256(
        rsa010::pkcs1v15::SigningKey<sha2::Sha256>,
        rsa010::pkcs1v15::VerifyingKey<sha2::Sha256>,
    ),
}

impl Primitive {
    fn sign(&self, input: &[u8]) -> Vec<u8> {
        use p256_014::ecdsa::signature::Signer;
        match self {
            Primitive::Es256(sk, _) => {
                let s: p256_014::ecdsa::Signature = sk.sign(input);
                s.to_bytes().to_vec()
            }
            Primitive::Ed25519(sk, _) => sk.sign(input).to_bytes().to_vec(),
            Primitive::Rs256(sk, _) => {
                use rsa010::signature::SignatureEncoding;
                sk.try_sign(input).unwrap().to_vec()
            }
        }
    }

    fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        use p256_014::ecdsa::signature::Verifier;
        match self {
            Primitive::Es256(_, vk) => {
                let s = p256_014::ecdsa::Signature::from_slice(sig).unwrap();
                vk.verify(input, &s).is_ok()
            }
            Primitive::Ed25519(_, vk) => {
                let s = ed25519_dalek3::Signature::from_slice(sig).unwrap();
                vk.verify_strict(input, &s).is_ok()
            }
            Primitive::Rs256(_, vk) => {
                let s = rsa010::pkcs1v15::Signature::try_from(sig).unwrap();
                vk.verify(input, &s).is_ok()
            }
        }
    }
}

/// One algorithm's keys in every library, and the tokens each signed: `[library][P1, P2]`.
pub struct AlgFixture {
    pub name: &'static str,
    ours: Box<dyn Ours>,
    jwt_rs: (
        jsonwebtoken::EncodingKey,
        jsonwebtoken::DecodingKey,
        jsonwebtoken::Header,
        jsonwebtoken::Validation,
        jsonwebtoken::Validation,
    ),
    simple: Simple,
    compact: Compact,
    primitive: Primitive,
    /// The signing inputs and raw signatures of jwt-core's tokens, for the floor.
    floor_inputs: [(String, Vec<u8>); 2],
    /// jwt-simple's verification options for P1 and P2 (the HMAC benchmark's).
    simple_options: (
        jwt_simple::prelude::VerificationOptions,
        jwt_simple::prelude::VerificationOptions,
    ),
    tokens: [[String; 2]; 4],
}

/// jwt-core's side, whatever the key types.
trait Ours {
    fn sign1(&self, c: &P1) -> String;
    fn sign2(&self, c: &P2) -> String;
    fn verify1(&self) -> Box<dyn Fn(&str) + '_>;
    fn verify2(&self) -> Box<dyn Fn(&str) + '_>;
}

struct OursKeys<K, P> {
    key: K,
    public: P,
}

impl<K, P> Ours for OursKeys<K, P>
where
    K: SigningKey + KeyFor<P1> + KeyFor<P2>,
    P: VerifyingKey + KeyFor<P1> + KeyFor<P2> + Clone + 'static,
    P1: Claims,
    P2: Claims + HasAudience + HasIssuer,
{
    fn sign1(&self, c: &P1) -> String {
        c.sign(&self.key).unwrap()
    }
    fn sign2(&self, c: &P2) -> String {
        c.sign(&self.key).unwrap()
    }
    fn verify1(&self) -> Box<dyn Fn(&str) + '_> {
        let v = P1::verifier(&self.public);
        Box::new(move |t| drop(bb(v.verify(bb(t)).unwrap())))
    }
    fn verify2(&self) -> Box<dyn Fn(&str) + '_> {
        let v = P2::verifier(&self.public).audience(AUD).issuer(ISS);
        Box::new(move |t| drop(bb(v.verify(bb(t)).unwrap())))
    }
}

// One value per algorithm, made once: size does not matter here.
#[allow(clippy::large_enum_variant)]
enum Simple {
    Es256(
        jwt_simple::prelude::ES256KeyPair,
        jwt_simple::prelude::ES256PublicKey,
    ),
    Ed25519(
        jwt_simple::prelude::Ed25519KeyPair,
        jwt_simple::prelude::Ed25519PublicKey,
    ),
    Rs256(
        jwt_simple::prelude::RS256KeyPair,
        jwt_simple::prelude::RS256PublicKey,
    ),
}

// One value per algorithm, made once: size does not matter here.
#[allow(clippy::large_enum_variant)]
enum Compact {
    Es256(p256_013::ecdsa::SigningKey, p256_013::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek2::SigningKey, ed25519_dalek2::VerifyingKey),
    Rs256(rsa09::RsaPrivateKey, rsa09::RsaPublicKey),
}

/// The claims for jwt-simple and jwt-compact (their own claim types), shared by all
/// algorithms.
pub struct Claims3 {
    c1: P1,
    c2: P2,
    plain1: P1Plain,
    plain2: P2Plain,
    sc1: jwt_simple::prelude::JWTClaims<jwt_simple::prelude::NoCustomClaims>,
    sc2: jwt_simple::prelude::JWTClaims<P2Custom>,
    cc1: jwt_compact::Claims<super::CompactP1>,
    cc2: jwt_compact::Claims<super::CompactP2>,
    simple: JwtSimple,
    compact: JwtCompact,
}

impl Claims3 {
    pub fn new() -> Self {
        let simple = JwtSimple::new();
        let compact = JwtCompact::new();
        Claims3 {
            c1: p1(),
            c2: p2(),
            plain1: p1_plain(),
            plain2: p2_plain(),
            sc1: simple.claims1(),
            sc2: simple.claims2(),
            cc1: compact.claims1(),
            cc2: compact.claims2(),
            simple,
            compact,
        }
    }
}

fn jsonwebtoken_keys(
    alg: jsonwebtoken::Algorithm,
    enc: jsonwebtoken::EncodingKey,
    dec: jsonwebtoken::DecodingKey,
) -> (
    jsonwebtoken::EncodingKey,
    jsonwebtoken::DecodingKey,
    jsonwebtoken::Header,
    jsonwebtoken::Validation,
    jsonwebtoken::Validation,
) {
    let (v1, v2) = super::jsonwebtoken_validations(alg);
    (enc, dec, jsonwebtoken::Header::new(alg), v1, v2)
}

impl AlgFixture {
    /// All three algorithms, keys made once.
    pub fn all(claims: &Claims3) -> Vec<AlgFixture> {
        use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
        let es = Es256Key::generate();
        let es_private = es.to_pkcs8_pem().to_string();
        let es_public = es.public_key().to_pem();
        let ed = Ed25519Key::generate();
        let ed_private = ed.to_pkcs8_pem().to_string();
        let ed_public = ed.public_key().to_pem();
        let rsa_private = rsa_pem();
        let rs = Rs256Key::from_pem(&rsa_private).unwrap();
        let rsa_public = rs.public_key().to_pem();

        let es_fixture = {
            use p256_014::pkcs8::{DecodePrivateKey, DecodePublicKey};
            let sk = p256_014::ecdsa::SigningKey::from_pkcs8_pem(&es_private).unwrap();
            let vk = p256_014::ecdsa::VerifyingKey::from_public_key_pem(&es_public).unwrap();
            Self::new(
                "ES256",
                claims,
                Box::new(OursKeys {
                    public: Es256PublicKey::from_pem(&es_public).unwrap(),
                    key: es,
                }),
                jsonwebtoken_keys(
                    Algorithm::ES256,
                    EncodingKey::from_ec_pem(es_private.as_bytes()).unwrap(),
                    DecodingKey::from_ec_pem(es_public.as_bytes()).unwrap(),
                ),
                Simple::Es256(
                    jwt_simple::prelude::ES256KeyPair::from_pem(&es_private).unwrap(),
                    jwt_simple::prelude::ES256PublicKey::from_pem(&es_public).unwrap(),
                ),
                {
                    use p256_013::pkcs8::{DecodePrivateKey, DecodePublicKey};
                    Compact::Es256(
                        p256_013::ecdsa::SigningKey::from_pkcs8_pem(&es_private).unwrap(),
                        p256_013::ecdsa::VerifyingKey::from_public_key_pem(&es_public).unwrap(),
                    )
                },
                Primitive::Es256(sk, vk),
            )
        };
        let ed_fixture = {
            use ed25519_dalek3::pkcs8::{DecodePrivateKey, DecodePublicKey};
            let sk = ed25519_dalek3::SigningKey::from_pkcs8_pem(&ed_private).unwrap();
            let vk = ed25519_dalek3::VerifyingKey::from_public_key_pem(&ed_public).unwrap();
            Self::new(
                "EdDSA",
                claims,
                Box::new(OursKeys {
                    public: Ed25519PublicKey::from_pem(&ed_public).unwrap(),
                    key: ed,
                }),
                jsonwebtoken_keys(
                    Algorithm::EdDSA,
                    EncodingKey::from_ed_pem(ed_private.as_bytes()).unwrap(),
                    DecodingKey::from_ed_pem(ed_public.as_bytes()).unwrap(),
                ),
                Simple::Ed25519(
                    jwt_simple::prelude::Ed25519KeyPair::from_pem(&ed_private).unwrap(),
                    jwt_simple::prelude::Ed25519PublicKey::from_pem(&ed_public).unwrap(),
                ),
                {
                    use ed25519_dalek2::pkcs8::{DecodePrivateKey, DecodePublicKey};
                    Compact::Ed25519(
                        ed25519_dalek2::SigningKey::from_pkcs8_pem(&ed_private).unwrap(),
                        ed25519_dalek2::VerifyingKey::from_public_key_pem(&ed_public).unwrap(),
                    )
                },
                Primitive::Ed25519(sk, vk),
            )
        };
        let rs_fixture = {
            use rsa010::pkcs8::{DecodePrivateKey, DecodePublicKey};
            let sk = rsa010::PrivateKey::from_pkcs8_pem(&rsa_private).unwrap();
            let vk = rsa010::PublicKey::from_public_key_pem(&rsa_public).unwrap();
            Self::new(
                "RS256",
                claims,
                Box::new(OursKeys {
                    public: Rs256PublicKey::from_pem(&rsa_public).unwrap(),
                    key: rs,
                }),
                jsonwebtoken_keys(
                    Algorithm::RS256,
                    EncodingKey::from_rsa_pem(rsa_private.as_bytes()).unwrap(),
                    DecodingKey::from_rsa_pem(rsa_public.as_bytes()).unwrap(),
                ),
                Simple::Rs256(
                    jwt_simple::prelude::RS256KeyPair::from_pem(&rsa_private).unwrap(),
                    jwt_simple::prelude::RS256PublicKey::from_pem(&rsa_public).unwrap(),
                ),
                {
                    use rsa09::pkcs8::DecodePrivateKey;
                    let sk = rsa09::RsaPrivateKey::from_pkcs8_pem(&rsa_private).unwrap();
                    let vk = rsa09::RsaPublicKey::from(&sk);
                    Compact::Rs256(sk, vk)
                },
                Primitive::Rs256(
                    rsa010::pkcs1v15::SigningKey::new(sk),
                    rsa010::pkcs1v15::VerifyingKey::new(vk),
                ),
            )
        };
        vec![es_fixture, ed_fixture, rs_fixture]
    }

    #[allow(clippy::too_many_arguments)]
    fn new(
        name: &'static str,
        c: &Claims3,
        ours: Box<dyn Ours>,
        jwt_rs: (
            jsonwebtoken::EncodingKey,
            jsonwebtoken::DecodingKey,
            jsonwebtoken::Header,
            jsonwebtoken::Validation,
            jsonwebtoken::Validation,
        ),
        simple: Simple,
        compact: Compact,
        primitive: Primitive,
    ) -> Self {
        let ours_tokens = [ours.sign1(&c.c1), ours.sign2(&c.c2)];
        let floor_inputs = ours_tokens.clone().map(|t| {
            use base64::Engine as _;
            let (input, sig) = t.rsplit_once('.').unwrap();
            let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(sig)
                .unwrap();
            (input.to_owned(), sig)
        });
        let mut f = AlgFixture {
            name,
            ours,
            jwt_rs,
            simple,
            compact,
            primitive,
            floor_inputs,
            simple_options: (c.simple.o1.clone(), c.simple.o2.clone()),
            tokens: [
                ours_tokens,
                [String::new(), String::new()],
                [String::new(), String::new()],
                [String::new(), String::new()],
            ],
        };
        for library in 1..4 {
            f.tokens[library] = [f.sign(library, 1, c), f.sign(library, 2, c)];
        }
        // Each library's tokens verify with it (and the floor's input with the primitive).
        for library in 0..LIBRARIES.len() {
            for payload in [1, 2] {
                f.verify_fn(library, payload)();
            }
        }
        f
    }

    /// One signature by `library` of payload 1 or 2.
    fn sign(&self, library: usize, payload: u8, c: &Claims3) -> String {
        use jwt_compact::AlgorithmExt;
        let (enc, _, header, _, _) = &self.jwt_rs;
        let compact_header = jwt_compact::Header::empty().with_token_type("JWT");
        match (library, payload) {
            (0, 1) => self.ours.sign1(bb(&c.c1)),
            (0, _) => self.ours.sign2(bb(&c.c2)),
            (1, 1) => jsonwebtoken::encode(header, bb(&c.plain1), enc).unwrap(),
            (1, _) => jsonwebtoken::encode(header, bb(&c.plain2), enc).unwrap(),
            (2, p) => {
                use jwt_simple::prelude::*;
                // jwt-simple consumes its claims: its sign includes a clone.
                match (&self.simple, p) {
                    (Simple::Es256(k, _), 1) => k.sign(bb(&c.sc1).clone()).unwrap(),
                    (Simple::Es256(k, _), _) => k.sign(bb(&c.sc2).clone()).unwrap(),
                    (Simple::Ed25519(k, _), 1) => k.sign(bb(&c.sc1).clone()).unwrap(),
                    (Simple::Ed25519(k, _), _) => k.sign(bb(&c.sc2).clone()).unwrap(),
                    (Simple::Rs256(k, _), 1) => k.sign(bb(&c.sc1).clone()).unwrap(),
                    (Simple::Rs256(k, _), _) => k.sign(bb(&c.sc2).clone()).unwrap(),
                }
            }
            (3, p) => {
                let h = &compact_header;
                match (&self.compact, p) {
                    (Compact::Es256(k, _), 1) => jwt_compact::alg::Es256.token(h, bb(&c.cc1), k),
                    (Compact::Es256(k, _), _) => jwt_compact::alg::Es256.token(h, bb(&c.cc2), k),
                    (Compact::Ed25519(k, _), 1) => {
                        jwt_compact::alg::Ed25519.token(h, bb(&c.cc1), k)
                    }
                    (Compact::Ed25519(k, _), _) => {
                        jwt_compact::alg::Ed25519.token(h, bb(&c.cc2), k)
                    }
                    (Compact::Rs256(k, _), 1) => {
                        jwt_compact::alg::Rsa::rs256().token(h, bb(&c.cc1), k)
                    }
                    (Compact::Rs256(k, _), _) => {
                        jwt_compact::alg::Rsa::rs256().token(h, bb(&c.cc2), k)
                    }
                }
                .unwrap()
            }
            (_, p) => {
                let (input, _) = &self.floor_inputs[usize::from(p - 1)];
                drop(bb(self.primitive.sign(bb(input.as_bytes()))));
                String::new()
            }
        }
    }

    /// One verification by `library` of its own token of payload 1 or 2 (the floor: the
    /// primitive on jwt-core's signing input and signature).
    fn verify_fn(&self, library: usize, payload: u8) -> Box<dyn Fn() + '_> {
        use jwt_compact::AlgorithmExt;
        let i = usize::from(payload - 1);
        let token = self
            .tokens
            .get(library)
            .map(|t| t[i].as_str())
            .unwrap_or("");
        match library {
            0 => {
                let v = if payload == 1 {
                    self.ours.verify1()
                } else {
                    self.ours.verify2()
                };
                Box::new(move || v(token))
            }
            1 => {
                let (_, dec, _, v1, v2) = &self.jwt_rs;
                if payload == 1 {
                    Box::new(move || {
                        drop(bb(
                            jsonwebtoken::decode::<P1Plain>(bb(token), dec, v1).unwrap()
                        ))
                    })
                } else {
                    Box::new(move || {
                        drop(bb(
                            jsonwebtoken::decode::<P2Plain>(bb(token), dec, v2).unwrap()
                        ))
                    })
                }
            }
            2 => {
                use jwt_simple::prelude::*;
                let (o1, o2) = self.simple_options.clone();
                macro_rules! verify {
                    ($k:expr) => {
                        if payload == 1 {
                            Box::new(move || {
                                drop(bb($k
                                    .verify_token::<NoCustomClaims>(bb(token), Some(o1.clone()))
                                    .unwrap()))
                            })
                        } else {
                            Box::new(move || {
                                drop(bb($k
                                    .verify_token::<P2Custom>(bb(token), Some(o2.clone()))
                                    .unwrap()))
                            })
                        }
                    };
                }
                match &self.simple {
                    Simple::Es256(_, k) => verify!(k),
                    Simple::Ed25519(_, k) => verify!(k),
                    Simple::Rs256(_, k) => verify!(k),
                }
            }
            3 => {
                let time =
                    jwt_compact::TimeOptions::new(chrono::Duration::zero(), chrono::Utc::now);
                macro_rules! verify {
                    ($alg:expr, $k:expr) => {
                        if payload == 1 {
                            Box::new(move || {
                                let u = jwt_compact::UntrustedToken::new(bb(token)).unwrap();
                                let t: jwt_compact::Token<super::CompactP1> =
                                    $alg.validator($k).validate(&u).unwrap();
                                t.claims().validate_expiration(&time).unwrap();
                                drop(bb(t))
                            })
                        } else {
                            Box::new(move || {
                                let u = jwt_compact::UntrustedToken::new(bb(token)).unwrap();
                                let t: jwt_compact::Token<super::CompactP2> =
                                    $alg.validator($k).validate(&u).unwrap();
                                let c = t.claims();
                                c.validate_expiration(&time)
                                    .unwrap()
                                    .validate_maturity(&time)
                                    .unwrap();
                                assert!(
                                    c.custom.iss == ISS && c.custom.aud.iter().any(|a| a == AUD)
                                );
                                drop(bb(t))
                            })
                        }
                    };
                }
                match &self.compact {
                    Compact::Es256(_, k) => verify!(jwt_compact::alg::Es256, k),
                    Compact::Ed25519(_, k) => verify!(jwt_compact::alg::Ed25519, k),
                    Compact::Rs256(_, k) => verify!(jwt_compact::alg::Rsa::rs256(), k),
                }
            }
            _ => {
                let (input, sig) = &self.floor_inputs[i];
                Box::new(move || assert!(self.primitive.verify(bb(input.as_bytes()), bb(sig))))
            }
        }
    }

    /// One call of `library` doing operation `op` (an index into [`OPERATIONS`]).
    pub fn op<'a>(&'a self, c: &'a Claims3, op: usize, library: usize) -> Box<dyn FnMut() + 'a> {
        let payload = if op < 2 { 1 } else { 2 };
        if op.is_multiple_of(2) {
            Box::new(move || drop(bb(self.sign(library, payload, c))))
        } else {
            let f = self.verify_fn(library, payload);
            Box::new(f)
        }
    }
}
