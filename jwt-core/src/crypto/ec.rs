//! ECDSA keys (RFC 7518 section 3.4): ES256 on P-256, ES384 on P-384 (feature `ecdsa`) and
//! ES512 on P-521 (feature `es512`), through the RustCrypto `p256`/`p384`/`p521` crates.
//!
//! Signatures are the fixed-width `r || s` of RFC 7518 (64, 96 or 132 bytes); a DER
//! signature is refused by its length. Both halves must lie in `1..n`, so `r = 0` or `s = 0`
//! (the shape of CVE-2022-21449) never verifies. A high-S signature is accepted: RFC 7518
//! does not ask for low S, and a token's signature is not a transaction id. Signing is
//! deterministic (RFC 6979).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::base64url;
use crate::crypto::algorithm::AnyAlgorithm;
use crate::crypto::algorithm::{Algorithm, JwsAlgorithm};
use crate::crypto::key::sealed::{self, DynSign, DynVerify, Resolved, INLINE_SIG};
use crate::crypto::key::{FitsAlgorithm, JwsKey, SigningKey, VerifyingKey};
use crate::crypto::pem::{self, invalid, Document, Kind};
use crate::error::Error;

/// A type-level ECDSA algorithm: [`Es256`](crate::Es256), [`Es384`](crate::Es384) (feature
/// `ecdsa`) or [`Es512`](crate::Es512) (feature `es512`), the parameter of [`EcKey`] and
/// [`EcPublicKey`].
pub trait EcdsaAlgorithm: JwsAlgorithm {
    #[doc(hidden)]
    type Signing: Clone + Send + Sync + 'static;
    #[doc(hidden)]
    type Verifying: Clone + Send + Sync + 'static;
    /// The curve's name (`"P-256"`), as JWK's `crv` writes it.
    const CURVE: &'static str;
    /// The length of one coordinate or scalar in bytes (32, 48 or 66).
    #[doc(hidden)]
    const FIELD_LEN: usize;
    #[doc(hidden)]
    fn signing_from_pkcs8(der: &[u8]) -> Option<Self::Signing>;
    #[doc(hidden)]
    fn signing_from_sec1(der: &[u8]) -> Option<Self::Signing>;
    #[doc(hidden)]
    fn signing_from_scalar(d: &[u8]) -> Option<Self::Signing>;
    #[doc(hidden)]
    fn generate() -> Self::Signing;
    #[doc(hidden)]
    fn signing_to_pkcs8_pem(key: &Self::Signing) -> Option<Zeroizing<String>>;
    /// The private scalar, big-endian, [`EcdsaAlgorithm::FIELD_LEN`] bytes.
    #[doc(hidden)]
    fn signing_to_scalar(key: &Self::Signing) -> Zeroizing<Vec<u8>>;
    #[doc(hidden)]
    fn verifying_of(key: &Self::Signing) -> Self::Verifying;
    #[doc(hidden)]
    fn verifying_from_spki(der: &[u8]) -> Option<Self::Verifying>;
    #[doc(hidden)]
    fn verifying_from_sec1_point(point: &[u8]) -> Option<Self::Verifying>;
    #[doc(hidden)]
    fn verifying_to_sec1_point(key: &Self::Verifying) -> Vec<u8>;
    #[doc(hidden)]
    fn verifying_to_spki_pem(key: &Self::Verifying) -> Option<String>;
    /// Signs `msg`; the `r || s` signature in the first bytes of `out`, its length returned.
    #[doc(hidden)]
    fn sign(key: &Self::Signing, msg: &[u8], out: &mut [u8; INLINE_SIG]) -> Option<usize>;
    #[doc(hidden)]
    fn verify(key: &Self::Verifying, msg: &[u8], sig: &[u8]) -> bool;
}

macro_rules! curve {
    ($feature:literal, $alg:ty, $krate:ident, $curve:literal, $len:literal) => {
        #[cfg(feature = $feature)]
        impl EcdsaAlgorithm for $alg {
            type Signing = $krate::ecdsa::SigningKey;
            type Verifying = $krate::ecdsa::VerifyingKey;
            const CURVE: &'static str = $curve;
            const FIELD_LEN: usize = $len;
            fn signing_from_pkcs8(der: &[u8]) -> Option<Self::Signing> {
                use $krate::pkcs8::DecodePrivateKey;
                $krate::ecdsa::SigningKey::from_pkcs8_der(der).ok()
            }
            fn signing_from_sec1(der: &[u8]) -> Option<Self::Signing> {
                let secret = $krate::SecretKey::from_sec1_der(der).ok()?;
                Some(secret.into())
            }
            fn signing_from_scalar(d: &[u8]) -> Option<Self::Signing> {
                $krate::ecdsa::SigningKey::from_slice(d).ok()
            }
            fn generate() -> Self::Signing {
                use $krate::elliptic_curve::Generate;
                $krate::ecdsa::SigningKey::generate()
            }
            fn signing_to_pkcs8_pem(key: &Self::Signing) -> Option<Zeroizing<String>> {
                use $krate::pkcs8::{EncodePrivateKey, LineEnding};
                key.to_pkcs8_pem(LineEnding::LF).ok()
            }
            fn signing_to_scalar(key: &Self::Signing) -> Zeroizing<Vec<u8>> {
                Zeroizing::new(key.to_bytes().to_vec())
            }
            fn verifying_of(key: &Self::Signing) -> Self::Verifying {
                *key.verifying_key()
            }
            fn verifying_from_spki(der: &[u8]) -> Option<Self::Verifying> {
                use $krate::pkcs8::DecodePublicKey;
                $krate::ecdsa::VerifyingKey::from_public_key_der(der).ok()
            }
            fn verifying_from_sec1_point(point: &[u8]) -> Option<Self::Verifying> {
                $krate::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()
            }
            fn verifying_to_sec1_point(key: &Self::Verifying) -> Vec<u8> {
                key.to_sec1_point(false).as_bytes().to_vec()
            }
            fn verifying_to_spki_pem(key: &Self::Verifying) -> Option<String> {
                use $krate::pkcs8::{EncodePublicKey, LineEnding};
                key.to_public_key_pem(LineEnding::LF).ok()
            }
            fn sign(key: &Self::Signing, msg: &[u8], out: &mut [u8; INLINE_SIG]) -> Option<usize> {
                use $krate::ecdsa::signature::Signer;
                let sig: $krate::ecdsa::Signature = key.try_sign(msg).ok()?;
                let bytes = sig.to_bytes();
                out[..bytes.len()].copy_from_slice(&bytes);
                Some(bytes.len())
            }
            fn verify(key: &Self::Verifying, msg: &[u8], sig: &[u8]) -> bool {
                use $krate::ecdsa::signature::Verifier;
                match $krate::ecdsa::Signature::from_slice(sig) {
                    Ok(sig) => key.verify(msg, &sig).is_ok(),
                    Err(_) => false,
                }
            }
        }
    };
}

curve!("ecdsa", crate::crypto::algorithm::Es256, p256, "P-256", 32);
curve!("ecdsa", crate::crypto::algorithm::Es384, p384, "P-384", 48);
curve!("es512", crate::crypto::algorithm::Es512, p521, "P-521", 66);

fn curve_kind(curve: &str) -> Kind {
    match curve {
        "P-256" => Kind::P256,
        "P-384" => Kind::P384,
        _ => Kind::P521,
    }
}

/// An ECDSA public key for one algorithm, parsed once: it verifies tokens.
///
/// ```
/// # #[cfg(feature = "ecdsa")] {
/// use jwt_core::{Es256Key, Es256PublicKey};
/// let private = Es256Key::generate().with_kid("2026-12");
/// let public: Es256PublicKey = private.public_key();
/// assert_eq!(public.kid(), Some("2026-12"));
/// let again = Es256PublicKey::from_pem(&public.to_pem()).unwrap();
/// assert_eq!(again.coordinates(), public.coordinates());
/// assert_eq!(again.kid(), None); // a PEM document has no key id
/// # }
/// ```
pub struct EcPublicKey<A: EcdsaAlgorithm> {
    key: A::Verifying,
    kid: Option<Arc<str>>,
    _alg: PhantomData<A>,
}

/// An ECDSA private key for one algorithm, parsed once: it signs tokens, and verifies them
/// with its public half. Its secret scalar is zeroized when dropped and never shown by
/// `Debug`.
pub struct EcKey<A: EcdsaAlgorithm> {
    key: A::Signing,
    public: EcPublicKey<A>,
}

/// An ES256 private key (P-256).
#[cfg(feature = "ecdsa")]
pub type Es256Key = EcKey<crate::crypto::algorithm::Es256>;
/// An ES256 public key (P-256).
#[cfg(feature = "ecdsa")]
pub type Es256PublicKey = EcPublicKey<crate::crypto::algorithm::Es256>;
/// An ES384 private key (P-384).
#[cfg(feature = "ecdsa")]
pub type Es384Key = EcKey<crate::crypto::algorithm::Es384>;
/// An ES384 public key (P-384).
#[cfg(feature = "ecdsa")]
pub type Es384PublicKey = EcPublicKey<crate::crypto::algorithm::Es384>;
/// An ES512 private key (P-521).
#[cfg(feature = "es512")]
pub type Es512Key = EcKey<crate::crypto::algorithm::Es512>;
/// An ES512 public key (P-521).
#[cfg(feature = "es512")]
pub type Es512PublicKey = EcPublicKey<crate::crypto::algorithm::Es512>;

impl<A: EcdsaAlgorithm> EcPublicKey<A> {
    fn new(key: A::Verifying) -> Self {
        EcPublicKey {
            key,
            kid: None,
            _alg: PhantomData,
        }
    }

    /// Reads a PEM public key: `PUBLIC KEY` (SubjectPublicKeyInfo) on this algorithm's curve.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey), saying what the PEM holds
    /// when it is not such a key (another curve, an RSA key, a private key, ...).
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        match pem::read_pem(pem)? {
            Document::Spki(der) => Self::from_der(&der),
            Document::Pkcs8(_) | Document::Sec1(_) | Document::RsaPrivate(_) => {
                Err(invalid(format!(
                    "the PEM is a private key; an {} public key is a PUBLIC KEY",
                    A::ALGORITHM
                )))
            }
            Document::RsaPublic(_) => Err(invalid(format!(
                "the key is {}; an {} key needs {}",
                Kind::Rsa.describe(),
                A::ALGORITHM,
                curve_kind(A::CURVE).describe()
            ))),
        }
    }

    /// Reads a DER SubjectPublicKeyInfo on this algorithm's curve.
    ///
    /// # Errors
    ///
    /// As [`EcPublicKey::from_pem`].
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let kind = pem::spki_kind(der)?;
        pem::expect_kind(kind, curve_kind(A::CURVE), A::ALGORITHM.as_str())?;
        A::verifying_from_spki(der)
            .map(Self::new)
            .ok_or_else(|| invalid(format!("the {} public key is not a valid point", A::CURVE)))
    }

    /// A public key from its affine coordinates, each exactly the curve's field length
    /// (a JWK's `x` and `y`, RFC 7518 section 6.2.1).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if a coordinate has another
    /// length or the point is not on the curve.
    pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error> {
        if x.len() != A::FIELD_LEN || y.len() != A::FIELD_LEN {
            return Err(invalid(format!(
                "a {} coordinate is {} bytes, got {} and {}",
                A::CURVE,
                A::FIELD_LEN,
                x.len(),
                y.len()
            )));
        }
        let mut point = Vec::with_capacity(1 + 2 * A::FIELD_LEN);
        point.push(4);
        point.extend_from_slice(x);
        point.extend_from_slice(y);
        A::verifying_from_sec1_point(&point)
            .map(Self::new)
            .ok_or_else(|| invalid(format!("the point is not on {}", A::CURVE)))
    }

    /// The affine coordinates `(x, y)`, each the curve's field length.
    #[must_use]
    pub fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        let point = A::verifying_to_sec1_point(&self.key);
        let (x, y) = point[1..].split_at(A::FIELD_LEN);
        (x.to_vec(), y.to_vec())
    }

    /// The key as a PEM `PUBLIC KEY`.
    #[must_use]
    pub fn to_pem(&self) -> String {
        A::verifying_to_spki_pem(&self.key).unwrap_or_default()
    }

    /// The key as a JWK (RFC 7517, 7518 section 6.2): `kty`, `crv`, `x`, `y`, `alg`, `use`,
    /// and `kid` when the key has one.
    #[must_use]
    pub fn to_jwk(&self) -> String {
        let (x, y) = self.coordinates();
        let mut jwk = serde_json::json!({
            "kty": "EC",
            "crv": A::CURVE,
            "x": base64url::encode(&x),
            "y": base64url::encode(&y),
            "alg": A::ALGORITHM.as_str(),
            "use": "sig",
        });
        if let Some(kid) = &self.kid {
            jwk["kid"] = serde_json::Value::String(kid.to_string());
        }
        jwk.to_string()
    }

    /// Sets the key id: the name under which a [`KeySet`](crate::KeySet) finds it.
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(Arc::from(kid.into()));
        self
    }

    /// The key id, if one was set.
    #[must_use]
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The algorithm this key verifies.
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }
}

impl<A: EcdsaAlgorithm> EcKey<A> {
    fn new(key: A::Signing) -> Self {
        let public = EcPublicKey::new(A::verifying_of(&key));
        EcKey { key, public }
    }

    /// A new random key, from the operating system's generator.
    #[must_use]
    pub fn generate() -> Self {
        Self::new(A::generate())
    }

    /// Reads a PEM private key on this algorithm's curve: `PRIVATE KEY` (PKCS #8) or
    /// `EC PRIVATE KEY` (SEC1, RFC 5915).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey), saying what the PEM holds
    /// when it is not such a key. The message never repeats key material.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        match pem::read_pem(pem)? {
            Document::Pkcs8(der) => Self::from_pkcs8_der(&der),
            Document::Sec1(der) => Self::from_sec1_der(&der),
            Document::Spki(_) | Document::RsaPublic(_) => Err(invalid(format!(
                "the PEM is a public key; signing needs the {} private key",
                A::ALGORITHM
            ))),
            Document::RsaPrivate(_) => Err(invalid(format!(
                "the key is {}; an {} key needs {}",
                Kind::Rsa.describe(),
                A::ALGORITHM,
                curve_kind(A::CURVE).describe()
            ))),
        }
    }

    /// Reads a DER PKCS #8 private key on this algorithm's curve.
    ///
    /// # Errors
    ///
    /// As [`EcKey::from_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        let kind = pem::pkcs8_kind(der)?;
        pem::expect_kind(kind, curve_kind(A::CURVE), A::ALGORITHM.as_str())?;
        A::signing_from_pkcs8(der)
            .map(Self::new)
            .ok_or_else(|| invalid(format!("the {} private key is not valid", A::CURVE)))
    }

    /// Reads a DER SEC1 `ECPrivateKey` (RFC 5915) on this algorithm's curve.
    ///
    /// # Errors
    ///
    /// As [`EcKey::from_pem`].
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, Error> {
        use der::Decode;
        let parsed = sec1::EcPrivateKey::from_der(der)
            .map_err(|_| invalid("the private key is not a DER SEC1 ECPrivateKey"))?;
        if let Some(curve) = parsed.parameters.and_then(|p| p.named_curve()) {
            let kind = pem::curve_oid_kind(curve);
            pem::expect_kind(kind, curve_kind(A::CURVE), A::ALGORITHM.as_str())?;
        }
        A::signing_from_sec1(der)
            .map(Self::new)
            .ok_or_else(|| invalid(format!("the {} private key is not valid", A::CURVE)))
    }

    /// A private key from its scalar `d`, exactly the curve's field length (a JWK's `d`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if `d` has another length or
    /// is not in `1..n`.
    pub fn from_scalar(d: &[u8]) -> Result<Self, Error> {
        if d.len() != A::FIELD_LEN {
            return Err(invalid(format!(
                "a {} private scalar is {} bytes, got {}",
                A::CURVE,
                A::FIELD_LEN,
                d.len()
            )));
        }
        A::signing_from_scalar(d)
            .map(Self::new)
            .ok_or_else(|| invalid(format!("the {} private scalar is out of range", A::CURVE)))
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS #8), wiped when dropped.
    #[must_use]
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        A::signing_to_pkcs8_pem(&self.key).unwrap_or_default()
    }

    /// The key as a private JWK (RFC 7518 section 6.2.2): the public members of
    /// [`EcPublicKey::to_jwk`] and `d`, wiped when dropped. Keep it as secret as the key.
    #[must_use]
    pub fn to_private_jwk(&self) -> Zeroizing<String> {
        let d = A::signing_to_scalar(&self.key);
        crate::crypto::private_jwk(&self.public.to_jwk(), &[("d", &d)])
    }

    /// The public half, with this key's `kid`.
    #[must_use]
    pub fn public_key(&self) -> EcPublicKey<A> {
        self.public.clone()
    }

    /// Sets the key id: written into the `kid` header of the tokens this key signs.
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.public = self.public.with_kid(kid);
        self
    }

    /// The key id, if one was set.
    #[must_use]
    pub fn kid(&self) -> Option<&str> {
        self.public.kid()
    }

    /// The algorithm this key signs with.
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }
}

impl<A: EcdsaAlgorithm> Clone for EcPublicKey<A> {
    fn clone(&self) -> Self {
        EcPublicKey {
            key: self.key.clone(),
            kid: self.kid.clone(),
            _alg: PhantomData,
        }
    }
}

impl<A: EcdsaAlgorithm> Clone for EcKey<A> {
    fn clone(&self) -> Self {
        EcKey {
            key: self.key.clone(),
            public: self.public.clone(),
        }
    }
}

impl<A: EcdsaAlgorithm> fmt::Debug for EcPublicKey<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPublicKey")
            .field("alg", &A::ALGORITHM)
            .field("kid", &self.kid)
            .finish()
    }
}

impl<A: EcdsaAlgorithm> fmt::Debug for EcKey<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcKey")
            .field("alg", &A::ALGORITHM)
            .field("kid", &self.public.kid)
            .field("private", &"<redacted>")
            .finish()
    }
}

impl<A: EcdsaAlgorithm> sealed::Sealed for EcPublicKey<A> {}
impl<A: EcdsaAlgorithm> sealed::Sealed for EcKey<A> {}

impl<A: EcdsaAlgorithm> DynVerify for EcPublicKey<A> {
    fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }
    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
    fn signature_len(&self) -> usize {
        2 * A::FIELD_LEN
    }
    fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        A::verify(&self.key, data, signature)
    }
}

impl<A: EcdsaAlgorithm> DynVerify for EcKey<A> {
    fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }
    fn kid(&self) -> Option<&str> {
        self.public.kid()
    }
    fn signature_len(&self) -> usize {
        2 * A::FIELD_LEN
    }
    fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        self.public.verify(data, signature)
    }
}

impl<A: EcdsaAlgorithm> DynSign for EcKey<A> {
    fn sign_append(&self, out: &mut String) -> Result<(), Error> {
        let mut sig = [0u8; INLINE_SIG];
        let n = A::sign(&self.key, out.as_bytes(), &mut sig)
            .ok_or_else(|| invalid(format!("{} signing failed", A::ALGORITHM)))?;
        out.push('.');
        base64url::encode_into(&sig[..n], out);
        Ok(())
    }
}

impl<A: EcdsaAlgorithm> SigningKey for EcKey<A> {
    fn signer(&self) -> &dyn DynSign {
        self
    }
}

impl<A: EcdsaAlgorithm> VerifyingKey for EcPublicKey<A> {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(self)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(self))
    }
}

impl<A: EcdsaAlgorithm> VerifyingKey for EcKey<A> {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(&self.public)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(&self.public))
    }
}

impl<A: EcdsaAlgorithm> JwsKey for EcPublicKey<A> {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self)
    }
}

impl<A: EcdsaAlgorithm> JwsKey for EcKey<A> {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self.public)
    }
}

impl<A: EcdsaAlgorithm> FitsAlgorithm<A> for EcPublicKey<A> {}
impl<A: EcdsaAlgorithm> FitsAlgorithm<AnyAlgorithm> for EcPublicKey<A> {}
impl<A: EcdsaAlgorithm> FitsAlgorithm<A> for EcKey<A> {}
impl<A: EcdsaAlgorithm> FitsAlgorithm<AnyAlgorithm> for EcKey<A> {}
