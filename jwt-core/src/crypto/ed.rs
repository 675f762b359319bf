//! EdDSA keys with Ed25519 (RFC 8037), through `ed25519-dalek` (feature `eddsa`).
//!
//! Verification is strict: a signature must be canonical (`S < L`) and neither the public
//! key nor the signature's `R` may be of small order (`verify_strict`); a public key of
//! small order is refused when the key is built. Signatures are deterministic.

use std::fmt;
use std::sync::Arc;

use ed25519_dalek::Signer as _;
use zeroize::Zeroizing;

use crate::base64url;
use crate::crypto::algorithm::Algorithm;
use crate::crypto::algorithm::{AnyAlgorithm, EdDsa};
use crate::crypto::key::sealed::{self, DynSign, DynVerify, Resolved};
use crate::crypto::key::{FitsAlgorithm, JwsKey, SigningKey, VerifyingKey};
use crate::crypto::pem::{self, invalid, Document, Kind};
use crate::error::Error;

/// An Ed25519 public key, parsed once: it verifies EdDSA tokens.
///
/// ```
/// # #[cfg(feature = "eddsa")] {
/// use jwt_core::{Ed25519Key, Ed25519PublicKey};
/// let private = Ed25519Key::generate();
/// let public = Ed25519PublicKey::from_pem(&private.public_key().to_pem()).unwrap();
/// assert_eq!(public.to_bytes(), private.public_key().to_bytes());
/// # }
/// ```
#[derive(Clone)]
pub struct Ed25519PublicKey {
    key: ed25519_dalek::VerifyingKey,
    kid: Option<Arc<str>>,
}

/// An Ed25519 private key, parsed once: it signs EdDSA tokens and verifies them with its
/// public half. Zeroized when dropped; `Debug` never shows it.
#[derive(Clone)]
pub struct Ed25519Key {
    key: ed25519_dalek::SigningKey,
    public: Ed25519PublicKey,
}

const ALG: Algorithm = Algorithm::EdDSA;

impl Ed25519PublicKey {
    /// The public key of 32 bytes (a JWK's `x`, RFC 8037 section 2).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if the bytes are not 32, not
    /// a point, or a point of small order (a key any signature could match).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let bytes: &[u8; 32] = bytes.try_into().map_err(|_| {
            invalid(format!(
                "an Ed25519 public key is 32 bytes, got {}",
                bytes.len()
            ))
        })?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| invalid("the Ed25519 public key is not a point on the curve"))?;
        if key.is_weak() {
            return Err(invalid("the Ed25519 public key is of small order"));
        }
        Ok(Ed25519PublicKey { key, kid: None })
    }

    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) holding an Ed25519 key.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey), saying what the PEM holds
    /// when it is not such a key.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        match pem::read_pem(pem)? {
            Document::Spki(der) => Self::from_der(&der),
            Document::RsaPublic(_) => Err(wrong(Kind::Rsa)),
            _ => Err(invalid(
                "the PEM is a private key; an EdDSA public key is a PUBLIC KEY",
            )),
        }
    }

    /// Reads a DER SubjectPublicKeyInfo holding an Ed25519 key.
    ///
    /// # Errors
    ///
    /// As [`Ed25519PublicKey::from_pem`].
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        use der::Decode;
        pem::expect_kind(pem::spki_kind(der)?, Kind::Ed25519, ALG.as_str())?;
        let info = spki::SubjectPublicKeyInfoRef::from_der(der)
            .map_err(|_| invalid("the public key is not a DER SubjectPublicKeyInfo"))?;
        let bytes = info
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| invalid("the Ed25519 public key is not whole bytes"))?;
        Self::from_bytes(bytes)
    }

    /// The 32 bytes of the key.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The key as a PEM `PUBLIC KEY`.
    #[must_use]
    pub fn to_pem(&self) -> String {
        use ed25519_dalek::pkcs8::{spki::der::pem::LineEnding, EncodePublicKey};
        self.key
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    /// The key as a JWK (RFC 8037): `kty` `OKP`, `crv` `Ed25519`, `x`, `alg`, `use`, and
    /// `kid` when the key has one.
    #[must_use]
    pub fn to_jwk(&self) -> String {
        let mut jwk = serde_json::json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": base64url::encode(&self.to_bytes()),
            "alg": "EdDSA",
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

    /// [`Algorithm::EdDSA`].
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        ALG
    }
}

fn wrong(kind: Kind) -> Error {
    invalid(format!(
        "the key is {}; an EdDSA key needs {}",
        kind.describe(),
        Kind::Ed25519.describe()
    ))
}

impl Ed25519Key {
    fn new(key: ed25519_dalek::SigningKey) -> Self {
        let public = Ed25519PublicKey {
            key: key.verifying_key(),
            kid: None,
        };
        Ed25519Key { key, public }
    }

    /// A new random key, from the operating system's generator.
    #[must_use]
    pub fn generate() -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        // The system generator failing is not something a caller can handle; a key from a
        // partly filled seed would be worse than stopping.
        getrandom::fill(&mut *seed).expect("the operating system's random generator failed");
        Self::new(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// The private key from its 32-byte seed (a JWK's `d`, RFC 8037 section 2).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if the seed is not 32 bytes.
    pub fn from_seed(seed: &[u8]) -> Result<Self, Error> {
        let seed: &[u8; 32] = seed.try_into().map_err(|_| {
            invalid(format!(
                "an Ed25519 private key is 32 bytes, got {}",
                seed.len()
            ))
        })?;
        Ok(Self::new(ed25519_dalek::SigningKey::from_bytes(seed)))
    }

    /// Reads a PEM `PRIVATE KEY` (PKCS #8, RFC 8410) holding an Ed25519 key.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey), saying what the PEM holds
    /// when it is not such a key. The message never repeats key material.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        match pem::read_pem(pem)? {
            Document::Pkcs8(der) => Self::from_pkcs8_der(&der),
            Document::Sec1(_) => Err(invalid(
                "the key is an EC key (EC PRIVATE KEY); an EdDSA key needs an Ed25519 key",
            )),
            Document::RsaPrivate(_) => Err(wrong(Kind::Rsa)),
            Document::Spki(_) | Document::RsaPublic(_) => Err(invalid(
                "the PEM is a public key; signing needs the EdDSA private key",
            )),
        }
    }

    /// Reads a DER PKCS #8 private key holding an Ed25519 key.
    ///
    /// # Errors
    ///
    /// As [`Ed25519Key::from_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        use ed25519_dalek::pkcs8::DecodePrivateKey;
        pem::expect_kind(pem::pkcs8_kind(der)?, Kind::Ed25519, ALG.as_str())?;
        ed25519_dalek::SigningKey::from_pkcs8_der(der)
            .map(Self::new)
            .map_err(|_| invalid("the Ed25519 private key is not valid"))
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS #8 v1, RFC 8410: the seed alone, as OpenSSL
    /// writes it and every reader takes; some, such as `ed25519-compact`, refuse the v2
    /// form with the public key), wiped when dropped.
    #[must_use]
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        use ed25519_dalek::pkcs8::{spki::der::pem::LineEnding, EncodePrivateKey, KeypairBytes};
        let bytes = KeypairBytes {
            secret_key: self.key.to_bytes(),
            public_key: None,
        };
        bytes.to_pkcs8_pem(LineEnding::LF).unwrap_or_default()
    }

    /// The key as a private JWK (RFC 8037 section 2): the public members of
    /// [`Ed25519PublicKey::to_jwk`] and the seed as `d`, wiped when dropped. Keep it as
    /// secret as the key.
    #[must_use]
    pub fn to_private_jwk(&self) -> Zeroizing<String> {
        let seed = Zeroizing::new(self.key.to_bytes());
        crate::crypto::private_jwk(&self.public.to_jwk(), &[("d", &seed[..])])
    }

    /// The public half, with this key's `kid`.
    #[must_use]
    pub fn public_key(&self) -> Ed25519PublicKey {
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

    /// [`Algorithm::EdDSA`].
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        ALG
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519PublicKey")
            .field("alg", &ALG)
            .field("kid", &self.kid)
            .finish()
    }
}

impl fmt::Debug for Ed25519Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519Key")
            .field("alg", &ALG)
            .field("kid", &self.public.kid)
            .field("private", &"<redacted>")
            .finish()
    }
}

impl sealed::Sealed for Ed25519PublicKey {}
impl sealed::Sealed for Ed25519Key {}

impl DynVerify for Ed25519PublicKey {
    fn algorithm(&self) -> Algorithm {
        ALG
    }
    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
    fn signature_len(&self) -> usize {
        64
    }
    fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        match ed25519_dalek::Signature::from_slice(signature) {
            Ok(sig) => self.key.verify_strict(data, &sig).is_ok(),
            Err(_) => false,
        }
    }
}

impl DynVerify for Ed25519Key {
    fn algorithm(&self) -> Algorithm {
        ALG
    }
    fn kid(&self) -> Option<&str> {
        self.public.kid()
    }
    fn signature_len(&self) -> usize {
        64
    }
    fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        self.public.verify(data, signature)
    }
}

impl DynSign for Ed25519Key {
    fn sign_append(&self, out: &mut String) -> Result<(), Error> {
        let sig = self.key.sign(out.as_bytes()).to_bytes();
        out.push('.');
        base64url::encode_into(&sig, out);
        Ok(())
    }
}

impl SigningKey for Ed25519Key {
    fn signer(&self) -> &dyn DynSign {
        self
    }
}

impl VerifyingKey for Ed25519PublicKey {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(self)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(self))
    }
}

impl VerifyingKey for Ed25519Key {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(&self.public)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(&self.public))
    }
}

impl JwsKey for Ed25519PublicKey {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self)
    }
}

impl JwsKey for Ed25519Key {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self.public)
    }
}

impl FitsAlgorithm<EdDsa> for Ed25519PublicKey {}
impl FitsAlgorithm<AnyAlgorithm> for Ed25519PublicKey {}
impl FitsAlgorithm<EdDsa> for Ed25519Key {}
impl FitsAlgorithm<AnyAlgorithm> for Ed25519Key {}
