//! JSON Web Keys and JWK Sets (RFC 7517, RFC 7518 section 6, RFC 8037), thumbprints
//! (RFC 7638). Above `crypto` (the keys) and `json` (the strict reader), which know nothing
//! of each other.
//!
//! A JWK is read strictly (a JSON object without duplicate members, base64url without
//! padding) and checked against what it is used for: `use` absent or `"sig"`, `key_ops`
//! absent or holding `"verify"` (or `"sign"` for a private key), `alg` when present equal to
//! the key's algorithm. In a JWK Set, a key this crate does not use (another `kty`, `crv` or
//! `alg`, an encryption key, a key it cannot read) is skipped with its reason, and never
//! fails the set; a set left without a usable key is an error.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::base64url;
use crate::crypto::algorithm::{Algorithm, Family, HmacAlgorithm};
use crate::crypto::key::sealed::DynVerify;
use crate::crypto::key::{HmacKey, KeySet};
use crate::error::{truncate, Error, ErrorKind};
use crate::json::strict::StrictValue;

/// The largest JWK Set read, in bytes of JSON.
pub const JWK_SET_MAX_BYTES: usize = 256 * 1024;
/// The most keys a JWK Set may list (usable or not).
pub const JWK_SET_MAX_KEYS: usize = 100;
/// The largest single JWK read, in bytes of JSON.
pub const JWK_MAX_BYTES: usize = 16 * 1024;

fn invalid(detail: impl Into<String>) -> Error {
    Error::with_detail(ErrorKind::InvalidKey, detail.into())
}

/// Parses `json` as one JSON object without duplicate members, at most `max` bytes.
fn object(json: &str, max: usize, what: &str) -> Result<Map<String, Value>, Error> {
    if json.len() > max {
        return Err(Error::with_detail(
            ErrorKind::LimitExceeded,
            format!("the {what} is {} bytes, the limit is {max}", json.len()),
        ));
    }
    match serde_json::from_str::<StrictValue>(json) {
        Ok(StrictValue(Value::Object(map))) => Ok(map),
        Ok(_) => Err(invalid(format!("the {what} is not a JSON object"))),
        Err(e) if e.is_syntax() || e.is_eof() => Err(invalid(format!(
            "the {what} is not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))),
        Err(_) => Err(invalid(format!(
            "the {what} is not a JSON object without duplicate members"
        ))),
    }
}

/// A JWK's members, read one at a time, with errors that name the member and never its
/// value.
struct Jwk<'a>(&'a Map<String, Value>);

impl<'a> Jwk<'a> {
    fn str(&self, name: &str) -> Result<Option<&'a str>, String> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(format!("\"{name}\" is not a string")),
        }
    }

    fn required(&self, name: &str) -> Result<&'a str, String> {
        self.str(name)?
            .ok_or_else(|| format!("\"{name}\" is missing"))
    }

    /// A required base64url member, decoded; wiped when dropped.
    fn bytes(&self, name: &str) -> Result<Zeroizing<Vec<u8>>, String> {
        let text = self.required(name)?;
        base64url::decode(text.as_bytes())
            .map(Zeroizing::new)
            .map_err(|_| format!("\"{name}\" is not strict base64url"))
    }

    fn kty(&self) -> Result<&'a str, String> {
        self.required("kty")
    }

    /// `use` absent or `sig`, `key_ops` absent or holding `op`.
    fn check_use(&self, op: &str) -> Result<(), String> {
        match self.str("use")? {
            None | Some("sig") => {}
            Some(other) => {
                return Err(format!("\"use\" is {:?}, not \"sig\"", truncate(other, 20)))
            }
        }
        match self.0.get("key_ops") {
            None => Ok(()),
            Some(Value::Array(ops)) => {
                if ops.iter().any(|o| o.as_str() == Some(op)) {
                    Ok(())
                } else {
                    Err(format!("\"key_ops\" does not allow \"{op}\""))
                }
            }
            Some(_) => Err("\"key_ops\" is not an array".into()),
        }
    }

    /// The `alg` member: `None` when absent; an algorithm this crate does not implement is
    /// an error (the key is for something else).
    fn alg(&self) -> Result<Option<Algorithm>, String> {
        match self.str("alg")? {
            None => Ok(None),
            Some(name) => Algorithm::from_name(name).map(Some).ok_or_else(|| {
                format!(
                    "\"alg\" {:?} is not a JWS algorithm this crate implements",
                    truncate(name, 20)
                )
            }),
        }
    }

    /// The key's algorithm: `alg` if present (which must fit `kty`/`crv`), else the one its
    /// `kty` and `crv` imply (RS256 for an RSA key without `alg`, which [`verifiers`] widens
    /// to every RSA algorithm).
    fn algorithm(&self) -> Result<Algorithm, String> {
        let kty = self.kty()?;
        let implied = match kty {
            "EC" => match self.required("crv")? {
                "P-256" => Algorithm::ES256,
                "P-384" => Algorithm::ES384,
                "P-521" => Algorithm::ES512,
                other => {
                    return Err(format!(
                        "EC curve {:?} is not implemented",
                        truncate(other, 20)
                    ))
                }
            },
            "OKP" => match self.required("crv")? {
                "Ed25519" => Algorithm::EdDSA,
                other => {
                    return Err(format!(
                        "OKP curve {:?} is not a signature curve this crate implements",
                        truncate(other, 20)
                    ))
                }
            },
            "RSA" => Algorithm::RS256,
            "oct" => {
                return self
                    .alg()?
                    .filter(|a| a.family() == Family::Hmac)
                    .ok_or_else(|| {
                        "an \"oct\" key needs an \"alg\" of HS256, HS384 or HS512".into()
                    })
            }
            other => {
                return Err(format!(
                    "\"kty\" {:?} is not implemented",
                    truncate(other, 20)
                ))
            }
        };
        match self.alg()? {
            None => Ok(implied),
            Some(alg) if alg == implied || (kty == "RSA" && alg.family() == Family::Rsa) => Ok(alg),
            Some(alg) => Err(format!("\"alg\" {alg} does not fit this {kty} key")),
        }
    }
}

/// Why a key that shares its kid and algorithm with another is not used.
const DUPLICATE: &str = "another key in the set has the same kid and algorithm; neither is used";

/// The verifying keys a JWK describes (its public half), or why it is not usable: one, of
/// its algorithm; for an RSA key without `alg`, one for each RSA algorithm (as a key set of
/// other libraries matches such a key to any RS or PS token).
fn verifiers(jwk: &Jwk<'_>) -> Result<Vec<Box<dyn DynVerify>>, String> {
    jwk.check_use("verify")?;
    let alg = jwk.algorithm()?;
    if jwk.kty()? == "RSA" && jwk.alg()?.is_none() {
        return [
            Algorithm::RS256,
            Algorithm::RS384,
            Algorithm::RS512,
            Algorithm::PS256,
            Algorithm::PS384,
            Algorithm::PS512,
        ]
        .into_iter()
        .map(|alg| verifier(jwk, alg))
        .collect();
    }
    verifier(jwk, alg).map(|k| vec![k])
}

/// The verifying key of a JWK for `alg`.
fn verifier(jwk: &Jwk<'_>, alg: Algorithm) -> Result<Box<dyn DynVerify>, String> {
    let kid = jwk.str("kid")?.map(str::to_owned);
    let at = |e: Error| e.detail().unwrap_or("unusable key").to_owned();
    let key: Box<dyn DynVerify> = match alg {
        Algorithm::HS256 => Box::new(hmac::<crate::Hs256>(jwk, kid).map_err(at)?),
        Algorithm::HS384 => Box::new(hmac::<crate::Hs384>(jwk, kid).map_err(at)?),
        Algorithm::HS512 => Box::new(hmac::<crate::Hs512>(jwk, kid).map_err(at)?),
        #[cfg(feature = "ecdsa")]
        Algorithm::ES256 => Box::new(ec::public::<crate::Es256>(jwk, kid)?),
        #[cfg(feature = "ecdsa")]
        Algorithm::ES384 => Box::new(ec::public::<crate::Es384>(jwk, kid)?),
        #[cfg(feature = "es512")]
        Algorithm::ES512 => Box::new(ec::public::<crate::Es512>(jwk, kid)?),
        #[cfg(feature = "eddsa")]
        Algorithm::EdDSA => Box::new(ed::public(jwk, kid)?),
        #[cfg(feature = "rsa")]
        Algorithm::RS256 => Box::new(rsa::public::<crate::Rs256>(jwk, kid)?),
        #[cfg(feature = "rsa")]
        Algorithm::RS384 => Box::new(rsa::public::<crate::Rs384>(jwk, kid)?),
        #[cfg(feature = "rsa")]
        Algorithm::RS512 => Box::new(rsa::public::<crate::Rs512>(jwk, kid)?),
        #[cfg(feature = "rsa")]
        Algorithm::PS256 => Box::new(rsa::public::<crate::Ps256>(jwk, kid)?),
        #[cfg(feature = "rsa")]
        Algorithm::PS384 => Box::new(rsa::public::<crate::Ps384>(jwk, kid)?),
        #[cfg(feature = "rsa")]
        Algorithm::PS512 => Box::new(rsa::public::<crate::Ps512>(jwk, kid)?),
        #[allow(unreachable_patterns)]
        other => {
            return Err(format!(
                "{other} is not compiled in (enable the `{}` feature)",
                feature_of(other)
            ))
        }
    };
    Ok(key)
}

/// The feature that compiles `alg` in.
pub(crate) fn feature_of(alg: Algorithm) -> &'static str {
    match alg {
        Algorithm::ES256 | Algorithm::ES384 => "ecdsa",
        Algorithm::ES512 => "es512",
        Algorithm::EdDSA => "eddsa",
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => "default",
        _ => "rsa",
    }
}

fn hmac<A: HmacAlgorithm>(jwk: &Jwk<'_>, kid: Option<String>) -> Result<HmacKey<A>, Error> {
    let k = jwk.bytes("k").map_err(invalid)?;
    let key = HmacKey::<A>::from_secret(&k)?;
    Ok(match kid {
        Some(kid) => key.with_kid(kid),
        None => key,
    })
}

#[cfg(any(feature = "ecdsa", feature = "es512"))]
mod ec {
    use super::*;
    use crate::crypto::ec::{EcKey, EcPublicKey, EcdsaAlgorithm};

    pub(super) fn public<A: EcdsaAlgorithm>(
        jwk: &Jwk<'_>,
        kid: Option<String>,
    ) -> Result<EcPublicKey<A>, String> {
        if jwk.kty()? != "EC" || jwk.required("crv")? != A::CURVE {
            return Err(format!(
                "an {} key is an EC key on {}",
                A::ALGORITHM,
                A::CURVE
            ));
        }
        let (x, y) = (jwk.bytes("x")?, jwk.bytes("y")?);
        let key = EcPublicKey::<A>::from_coordinates(&x, &y)
            .map_err(|e| e.detail().unwrap_or("invalid EC key").to_owned())?;
        Ok(match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }

    pub(super) fn private<A: EcdsaAlgorithm>(
        jwk: &Jwk<'_>,
        kid: Option<String>,
    ) -> Result<EcKey<A>, String> {
        let public = public::<A>(jwk, None)?;
        let key = EcKey::<A>::from_scalar(&jwk.bytes("d")?)
            .map_err(|e| e.detail().unwrap_or("invalid EC key").to_owned())?;
        if key.public_key().coordinates() != public.coordinates() {
            return Err("\"x\" and \"y\" are not the public key of \"d\"".into());
        }
        Ok(match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }

    impl<A: EcdsaAlgorithm> EcPublicKey<A> {
        /// Reads a public JWK (RFC 7518 section 6.2): `kty` `EC`, `crv` this algorithm's
        /// curve, `x`, `y`; `alg`, `use` and `key_ops` when present must allow verifying
        /// with this algorithm. `kid` becomes the key's id. A `d` is ignored.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
        pub fn from_jwk(json: &str) -> Result<Self, Error> {
            let map = object(json, JWK_MAX_BYTES, "JWK")?;
            let jwk = Jwk(&map);
            (|| {
                jwk.check_use("verify")?;
                expect_alg(&jwk, A::ALGORITHM)?;
                public::<A>(&jwk, jwk.str("kid")?.map(str::to_owned))
            })()
            .map_err(invalid)
        }
    }

    impl<A: EcdsaAlgorithm> EcKey<A> {
        /// Reads a private JWK (RFC 7518 section 6.2.2): as
        /// [`EcPublicKey::from_jwk`], with `d`, which must be the private key of `x`, `y`.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
        pub fn from_jwk(json: &str) -> Result<Self, Error> {
            let map = object(json, JWK_MAX_BYTES, "JWK")?;
            let jwk = Jwk(&map);
            (|| {
                jwk.check_use("sign")?;
                expect_alg(&jwk, A::ALGORITHM)?;
                private::<A>(&jwk, jwk.str("kid")?.map(str::to_owned))
            })()
            .map_err(invalid)
        }
    }
}

#[cfg(feature = "eddsa")]
mod ed {
    use super::*;
    use crate::crypto::ed::{Ed25519Key, Ed25519PublicKey};

    pub(super) fn public(jwk: &Jwk<'_>, kid: Option<String>) -> Result<Ed25519PublicKey, String> {
        if jwk.kty()? != "OKP" || jwk.required("crv")? != "Ed25519" {
            return Err("an EdDSA key is an OKP key on Ed25519".into());
        }
        let key = Ed25519PublicKey::from_bytes(&jwk.bytes("x")?)
            .map_err(|e| e.detail().unwrap_or("invalid Ed25519 key").to_owned())?;
        Ok(match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }

    impl Ed25519PublicKey {
        /// Reads a public JWK (RFC 8037): `kty` `OKP`, `crv` `Ed25519`, `x`; `alg`, `use` and
        /// `key_ops` when present must allow verifying with EdDSA. A `d` is ignored.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
        pub fn from_jwk(json: &str) -> Result<Self, Error> {
            let map = object(json, JWK_MAX_BYTES, "JWK")?;
            let jwk = Jwk(&map);
            (|| {
                jwk.check_use("verify")?;
                expect_alg(&jwk, Algorithm::EdDSA)?;
                public(&jwk, jwk.str("kid")?.map(str::to_owned))
            })()
            .map_err(invalid)
        }
    }

    impl Ed25519Key {
        /// Reads a private JWK (RFC 8037): as [`Ed25519PublicKey::from_jwk`], with `d`,
        /// which must be the private key of `x`.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
        pub fn from_jwk(json: &str) -> Result<Self, Error> {
            let map = object(json, JWK_MAX_BYTES, "JWK")?;
            let jwk = Jwk(&map);
            (|| {
                jwk.check_use("sign")?;
                expect_alg(&jwk, Algorithm::EdDSA)?;
                let public = public(&jwk, None)?;
                let key = Ed25519Key::from_seed(&jwk.bytes("d")?)
                    .map_err(|e| e.detail().unwrap_or("invalid Ed25519 key").to_owned())?;
                if key.public_key().to_bytes() != public.to_bytes() {
                    return Err("\"x\" is not the public key of \"d\"".to_owned());
                }
                Ok(match jwk.str("kid")? {
                    Some(kid) => key.with_kid(kid),
                    None => key,
                })
            })()
            .map_err(invalid)
        }
    }
}

#[cfg(feature = "rsa")]
mod rsa {
    use super::*;
    use crate::crypto::rsa::{RsaAlgorithm, RsaKey, RsaPublicKey};

    pub(super) fn public<A: RsaAlgorithm>(
        jwk: &Jwk<'_>,
        kid: Option<String>,
    ) -> Result<RsaPublicKey<A>, String> {
        if jwk.kty()? != "RSA" {
            return Err(format!("an {} key is an RSA key", A::ALGORITHM));
        }
        let key = RsaPublicKey::<A>::from_components(&jwk.bytes("n")?, &jwk.bytes("e")?)
            .map_err(|e| e.detail().unwrap_or("invalid RSA key").to_owned())?;
        Ok(match kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }

    impl<A: RsaAlgorithm> RsaPublicKey<A> {
        /// Reads a public JWK (RFC 7518 section 6.3): `kty` `RSA`, `n`, `e`; `alg`, `use`
        /// and `key_ops` when present must allow verifying with this algorithm. Private
        /// members are ignored.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
        pub fn from_jwk(json: &str) -> Result<Self, Error> {
            let map = object(json, JWK_MAX_BYTES, "JWK")?;
            let jwk = Jwk(&map);
            (|| {
                jwk.check_use("verify")?;
                expect_alg(&jwk, A::ALGORITHM)?;
                public::<A>(&jwk, jwk.str("kid")?.map(str::to_owned))
            })()
            .map_err(invalid)
        }
    }

    impl<A: RsaAlgorithm> RsaKey<A> {
        /// Reads a private JWK (RFC 7518 section 6.3.2): `n`, `e`, `d`, `p` and `q` (the CRT
        /// members are recomputed). `alg`, `use` and `key_ops` as for
        /// [`RsaPublicKey::from_jwk`], for signing.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
        pub fn from_jwk(json: &str) -> Result<Self, Error> {
            let map = object(json, JWK_MAX_BYTES, "JWK")?;
            let jwk = Jwk(&map);
            (|| {
                jwk.check_use("sign")?;
                expect_alg(&jwk, A::ALGORITHM)?;
                if jwk.kty()? != "RSA" {
                    return Err(format!("an {} key is an RSA key", A::ALGORITHM));
                }
                let key = RsaKey::<A>::from_components(
                    &jwk.bytes("n")?,
                    &jwk.bytes("e")?,
                    &jwk.bytes("d")?,
                    &jwk.bytes("p")?,
                    &jwk.bytes("q")?,
                )
                .map_err(|e| e.detail().unwrap_or("invalid RSA key").to_owned())?;
                Ok(match jwk.str("kid")? {
                    Some(kid) => key.with_kid(kid),
                    None => key,
                })
            })()
            .map_err(invalid)
        }
    }
}

/// `alg`, when present, must be `wanted`.
fn expect_alg(jwk: &Jwk<'_>, wanted: Algorithm) -> Result<(), String> {
    match jwk.alg()? {
        Some(alg) if alg != wanted => {
            Err(format!("\"alg\" is {alg}, the key type is for {wanted}"))
        }
        _ => Ok(()),
    }
}

impl<A: HmacAlgorithm> HmacKey<A> {
    /// Reads a symmetric JWK (RFC 7518 section 6.4): `kty` `oct`, `k` of at least the
    /// hash size; `alg`, `use` and `key_ops` when present must allow this algorithm.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the member at fault (never its value).
    pub fn from_jwk(json: &str) -> Result<Self, Error> {
        let map = object(json, JWK_MAX_BYTES, "JWK")?;
        let jwk = Jwk(&map);
        (|| {
            if jwk.kty()? != "oct" {
                return Err(format!("an {} key is an \"oct\" key", A::ALGORITHM));
            }
            jwk.check_use("verify")?;
            expect_alg(&jwk, A::ALGORITHM)?;
            hmac::<A>(&jwk, jwk.str("kid")?.map(str::to_owned))
                .map_err(|e| e.detail().unwrap_or("invalid key").to_owned())
        })()
        .map_err(invalid)
    }
}

impl KeySet {
    /// Builds a key set from a JWK Set (RFC 7517 section 5), as an issuer publishes it.
    ///
    /// Each key is used for verifying only (a private member is ignored); its algorithm is
    /// its `alg`, or the one its `kty`/`crv` imply; an RSA key without `alg` verifies any of
    /// RS256 to PS512 (it is listed once per algorithm in [`KeySet::keys`]). A
    /// key this crate does not use is skipped, with its reason in [`KeySet::skipped`]: an
    /// unknown `kty`, `crv` or `alg` (including post-quantum and encryption algorithms),
    /// `use` other than `sig`, `key_ops` without `verify`, an algorithm whose feature is
    /// not compiled in, a key that does not parse or is too weak (an RSA modulus under 2048
    /// bits or with the ROCA fingerprint), a symmetric key in a set that also has public
    /// keys, and both of two keys with the same `kid` and algorithm.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] if the document is not a JSON object with a `keys` array,
    /// or if no key is usable (the reasons listed); [`ErrorKind::LimitExceeded`] above
    /// [`JWK_SET_MAX_BYTES`] or [`JWK_SET_MAX_KEYS`].
    pub fn from_jwk_set(json: &str) -> Result<KeySet, Error> {
        let doc = object(json, JWK_SET_MAX_BYTES, "JWK Set")?;
        let keys = doc
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid("the JWK Set has no \"keys\" array"))?;
        if keys.len() > JWK_SET_MAX_KEYS {
            return Err(Error::with_detail(
                ErrorKind::LimitExceeded,
                format!(
                    "the JWK Set has {} keys, the limit is {JWK_SET_MAX_KEYS}",
                    keys.len()
                ),
            ));
        }
        let label = |i: usize, key: &Value| {
            let kid = key
                .get("kid")
                .and_then(Value::as_str)
                .map(|k| format!(" (kid {:?})", truncate(k, 64)))
                .unwrap_or_default();
            format!("key {i}{kid}")
        };
        // Judged on the documents, before any key is read (a second key that does not even
        // parse still makes the first one ambiguous): two keys with one kid for one
        // algorithm (or, without `alg`, one `kty`) are neither used, since which one a
        // token means is unknown; and a set that lists any public key is a public
        // document, so a symmetric key in it is not used (Wycheproof's mixed key set).
        let identity = |key: &Value| -> Option<(String, String)> {
            let kid = key.get("kid")?.as_str()?;
            let alg = key
                .get("alg")
                .and_then(Value::as_str)
                .or_else(|| key.get("kty").and_then(Value::as_str))?;
            Some((kid.to_owned(), alg.to_owned()))
        };
        let public_document = keys.iter().any(|k| {
            k.get("kty")
                .and_then(Value::as_str)
                .is_some_and(|kty| kty != "oct")
        });
        let mut outcomes: Vec<Result<Vec<Box<dyn DynVerify>>, String>> = keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let duplicated = identity(key).is_some_and(|id| {
                    keys.iter()
                        .enumerate()
                        .any(|(j, other)| j != i && identity(other).as_ref() == Some(&id))
                });
                match key {
                    _ if duplicated => Err(DUPLICATE.to_owned()),
                    Value::Object(map) => {
                        if public_document && key.get("kty").and_then(Value::as_str) == Some("oct")
                        {
                            Err(
                                "a symmetric (\"oct\") key in a set of public keys is not used"
                                    .to_owned(),
                            )
                        } else {
                            verifiers(&Jwk(map))
                        }
                    }
                    _ => Err("not a JSON object".to_owned()),
                }
            })
            .collect();
        // Judged again on the keys read: one kid for one algorithm from two keys that the
        // documents did not show as the same (one with `alg`, one whose algorithm is implied).
        let pairs: Vec<(usize, String, Algorithm)> = outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.as_ref().ok().map(|ks| (i, ks)))
            .flat_map(|(i, ks)| {
                ks.iter()
                    .filter_map(move |k| Some((i, k.kid()?.to_owned(), k.algorithm())))
            })
            .collect();
        for (i, outcome) in outcomes.iter_mut().enumerate() {
            let clash = pairs.iter().any(|(a, kid, alg)| {
                *a == i
                    && pairs
                        .iter()
                        .any(|(b, k2, a2)| *b != i && k2 == kid && a2 == alg)
            });
            if clash {
                *outcome = Err(DUPLICATE.to_owned());
            }
        }
        let mut set = KeySet::new();
        let mut reasons: Vec<(usize, String)> = Vec::new();
        for (i, outcome) in outcomes.into_iter().enumerate() {
            match outcome {
                Ok(keys) => {
                    for k in keys {
                        set.insert_dyn(k)?;
                    }
                }
                Err(reason) => reasons.push((i, reason)),
            }
        }
        reasons.sort_by_key(|(i, _)| *i);
        for (i, reason) in reasons {
            set.skip(format!("{}: {reason}", label(i, &keys[i])));
        }
        if set.is_empty() {
            let reasons = set.skipped().join("; ");
            return Err(invalid(if reasons.is_empty() {
                "the JWK Set has no keys".to_owned()
            } else {
                format!("the JWK Set has no usable key: {reasons}")
            }));
        }
        Ok(set)
    }
}

/// How a key document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyFormat {
    /// A JWK (RFC 7517), JSON text.
    Jwk,
    /// PEM text (RFC 7468).
    Pem,
    /// Binary DER.
    Der,
}

/// What a key document holds, read from its content by [`describe_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyDescription {
    /// The algorithm the document implies (see [`describe_key`]).
    pub algorithm: Algorithm,
    /// Whether it is a private key (or an HMAC secret).
    pub private: bool,
    /// How it is written.
    pub format: KeyFormat,
}

/// Reads what a key document holds, for a tool that takes a key file without being told its
/// format or algorithm. The format is found from the content (JSON, PEM, else DER). The
/// algorithm is a JWK's `alg`, else what its `kty` and `crv` imply (RS256 for `RSA`; an
/// `oct` key must say which HMAC it is for); for PEM and DER, the curve (ES256, ES384, ES512), EdDSA for Ed25519, RS256
/// for RSA. An RSA key serves RS384 to PS512 just as well when the caller names one. The key
/// itself is then read by the key type's constructor for that format.
///
/// # Errors
///
/// [`ErrorKind::InvalidKey`] if the document is not a key, is a JWK Set, or holds a key of
/// a kind no JWS algorithm here uses (naming it). PEM and DER need an asymmetric feature.
pub fn describe_key(document: &[u8]) -> Result<KeyDescription, Error> {
    let invalid = |detail: String| Error::with_detail(ErrorKind::InvalidKey, detail);
    let text = std::str::from_utf8(document).ok().map(str::trim_start);
    if let Some(json) = text.filter(|t| t.starts_with('{')) {
        let map = object(json, JWK_MAX_BYTES, "JWK")?;
        if map.contains_key("keys") {
            return Err(invalid("the document is a JWK Set, not one JWK".to_owned()));
        }
        let jwk = Jwk(&map);
        let algorithm = jwk.algorithm().map_err(invalid)?;
        let private = jwk.kty().map_err(invalid)? == "oct" || map.contains_key("d");
        return Ok(KeyDescription {
            algorithm,
            private,
            format: KeyFormat::Jwk,
        });
    }
    #[cfg(feature = "pem")]
    {
        use crate::crypto::pem::{document_kind, Kind};
        let (kind, private) = document_kind(document)?;
        let algorithm = match kind {
            Kind::P256 => Algorithm::ES256,
            Kind::P384 => Algorithm::ES384,
            Kind::P521 => Algorithm::ES512,
            Kind::Ed25519 => Algorithm::EdDSA,
            Kind::Rsa => Algorithm::RS256,
            other => {
                return Err(invalid(format!(
                    "the key is {}, which no JWS algorithm here uses",
                    other.describe()
                )))
            }
        };
        let pem = text.is_some_and(|t| t.starts_with("-----BEGIN"));
        Ok(KeyDescription {
            algorithm,
            private,
            format: if pem { KeyFormat::Pem } else { KeyFormat::Der },
        })
    }
    #[cfg(not(feature = "pem"))]
    {
        Err(invalid(
            "the document is not a JWK; PEM and DER keys need an asymmetric feature (ecdsa, \
             es512, eddsa or rsa)"
                .to_owned(),
        ))
    }
}

/// The RFC 7638 thumbprint of a public JWK: SHA-256 over its required members in
/// lexicographic order, base64url. Works for `EC`, `OKP`, `RSA` and `oct` keys.
///
/// ```
/// // RFC 7638 section 3.1.
/// let jwk = r#"{"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#;
/// assert_eq!(
///     jwt_core::jwk::thumbprint(jwk).unwrap(),
///     "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
/// );
/// ```
///
/// # Errors
///
/// [`ErrorKind::InvalidKey`] if `json` is not a JWK with the members its `kty` requires.
pub fn thumbprint(json: &str) -> Result<String, Error> {
    use sha2::Digest as _;
    let map = object(json, JWK_MAX_BYTES, "JWK")?;
    let jwk = Jwk(&map);
    let canonical = (|| -> Result<String, String> {
        let members: &[&str] = match jwk.kty()? {
            "EC" => &["crv", "kty", "x", "y"],
            "OKP" => &["crv", "kty", "x"],
            "RSA" => &["e", "kty", "n"],
            "oct" => &["k", "kty"],
            other => {
                return Err(format!(
                    "\"kty\" {:?} has no thumbprint members defined",
                    truncate(other, 20)
                ))
            }
        };
        // RFC 7638 section 3.3: the required members only, names in lexicographic order
        // (as listed above), no whitespace, the values as JSON strings.
        let mut canonical = String::from("{");
        for (i, name) in members.iter().enumerate() {
            if i > 0 {
                canonical.push(',');
            }
            let value = serde_json::to_string(jwk.required(name)?).map_err(|e| e.to_string())?;
            canonical.push_str(&format!("\"{name}\":{value}"));
        }
        canonical.push('}');
        Ok(canonical)
    })()
    .map_err(invalid)?;
    Ok(base64url::encode(&sha2::Sha256::digest(
        canonical.as_bytes(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oct_sets_read_as_before() {
        let k = base64url::encode(&[7u8; 32]);
        let json = format!(r#"{{"keys":[{{"kty":"oct","alg":"HS256","kid":"a","k":"{k}"}}]}}"#);
        let set = KeySet::from_jwk_set(&json).unwrap();
        assert_eq!(set.len(), 1);
        assert!(set.skipped().is_empty());
    }

    #[test]
    fn an_oct_key_needs_its_alg() {
        let k = base64url::encode(&[7u8; 32]);
        let json = format!(
            r#"{{"keys":[{{"kty":"oct","alg":"HS256","kid":"a","k":"{k}"}},{{"kty":"oct","kid":"b","k":"{k}"}},{{"kty":"oct","alg":"RS256","kid":"c","k":"{k}"}}]}}"#
        );
        let set = KeySet::from_jwk_set(&json).unwrap();
        assert_eq!(set.len(), 1);
        assert_eq!(
            set.skipped(),
            [
                r#"key 1 (kid "b"): an "oct" key needs an "alg" of HS256, HS384 or HS512"#,
                r#"key 2 (kid "c"): an "oct" key needs an "alg" of HS256, HS384 or HS512"#,
            ]
        );
    }
}
