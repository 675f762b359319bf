//! RSA keys (RFC 7518 sections 3.3 and 3.5): RS256/384/512 with RSASSA-PKCS1-v1_5 and
//! PS256/384/512 with RSASSA-PSS (MGF1 with the same hash, a salt of the hash's length),
//! through the RustCrypto `rsa` crate (feature `rsa`).
//!
//! Moduli from 2048 to 8192 bits are accepted; anything else is refused when the key is
//! built, as is a modulus with the ROCA fingerprint (CVE-2017-15361). Verification uses only the public key. Signing uses the private key with blinding
//! from the operating system's generator; see SECURITY.md for RUSTSEC-2023-0071.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use zeroize::Zeroizing;

use crate::base64url;
use crate::crypto::algorithm::AnyAlgorithm;
use crate::crypto::algorithm::{Algorithm, JwsAlgorithm, Ps256, Ps384, Ps512, Rs256, Rs384, Rs512};
use crate::crypto::key::sealed::{self, DynSign, DynVerify, Resolved};
use crate::crypto::key::{FitsAlgorithm, JwsKey, SigningKey, VerifyingKey};
use crate::crypto::pem::{self, invalid, Document, Kind};
use crate::error::Error;

/// The smallest modulus accepted, in bits.
pub const RSA_MIN_BITS: u32 = 2048;
/// The largest modulus accepted, in bits.
pub const RSA_MAX_BITS: u32 = 8192;

/// A type-level RSA algorithm: [`Rs256`] ... [`Rs512`] (PKCS #1 v1.5) or [`Ps256`] ...
/// [`Ps512`] (PSS), the parameter of [`RsaKey`] and [`RsaPublicKey`].
pub trait RsaAlgorithm: JwsAlgorithm {
    #[doc(hidden)]
    type Signer: Clone + Send + Sync + 'static;
    #[doc(hidden)]
    type Verifier: Clone + Send + Sync + 'static;
    #[doc(hidden)]
    fn signer(key: rsa::PrivateKey) -> Self::Signer;
    #[doc(hidden)]
    fn verifier(key: rsa::PublicKey) -> Self::Verifier;
    #[doc(hidden)]
    fn private_key(key: &Self::Signer) -> &rsa::PrivateKey;
    #[doc(hidden)]
    fn sign(key: &Self::Signer, msg: &[u8]) -> Option<Box<[u8]>>;
    #[doc(hidden)]
    fn verify(key: &Self::Verifier, msg: &[u8], sig: &[u8]) -> bool;
}

macro_rules! pkcs1v15 {
    ($alg:ty, $hash:ty) => {
        impl RsaAlgorithm for $alg {
            type Signer = rsa::pkcs1v15::SigningKey<$hash>;
            type Verifier = rsa::pkcs1v15::VerifyingKey<$hash>;
            fn signer(key: rsa::PrivateKey) -> Self::Signer {
                rsa::pkcs1v15::SigningKey::new(key)
            }
            fn verifier(key: rsa::PublicKey) -> Self::Verifier {
                rsa::pkcs1v15::VerifyingKey::new(key)
            }
            fn private_key(key: &Self::Signer) -> &rsa::PrivateKey {
                key.as_ref()
            }
            fn sign(key: &Self::Signer, msg: &[u8]) -> Option<Box<[u8]>> {
                key.try_sign(msg).ok().map(|s| s.to_bytes())
            }
            fn verify(key: &Self::Verifier, msg: &[u8], sig: &[u8]) -> bool {
                match rsa::pkcs1v15::Signature::try_from(sig) {
                    Ok(sig) => key.verify(msg, &sig).is_ok(),
                    Err(_) => false,
                }
            }
        }
    };
}

macro_rules! pss {
    ($alg:ty, $hash:ty) => {
        impl RsaAlgorithm for $alg {
            type Signer = rsa::pss::SigningKey<$hash>;
            type Verifier = rsa::pss::VerifyingKey<$hash>;
            fn signer(key: rsa::PrivateKey) -> Self::Signer {
                rsa::pss::SigningKey::new(key)
            }
            fn verifier(key: rsa::PublicKey) -> Self::Verifier {
                rsa::pss::VerifyingKey::new(key)
            }
            fn private_key(key: &Self::Signer) -> &rsa::PrivateKey {
                key.as_ref()
            }
            fn sign(key: &Self::Signer, msg: &[u8]) -> Option<Box<[u8]>> {
                key.try_sign_with_rng(&mut getrandom::SysRng, msg)
                    .ok()
                    .map(|s| s.to_bytes())
            }
            fn verify(key: &Self::Verifier, msg: &[u8], sig: &[u8]) -> bool {
                match rsa::pss::Signature::try_from(sig) {
                    Ok(sig) => key.verify(msg, &sig).is_ok(),
                    Err(_) => false,
                }
            }
        }
    };
}

pkcs1v15!(Rs256, sha2::Sha256);
pkcs1v15!(Rs384, sha2::Sha384);
pkcs1v15!(Rs512, sha2::Sha512);
pss!(Ps256, sha2::Sha256);
pss!(Ps384, sha2::Sha384);
pss!(Ps512, sha2::Sha512);

/// An RSA public key for one algorithm, parsed once: it verifies tokens.
pub struct RsaPublicKey<A: RsaAlgorithm> {
    key: rsa::PublicKey,
    verifier: A::Verifier,
    kid: Option<Arc<str>>,
    _alg: PhantomData<A>,
}

/// An RSA private key for one algorithm, parsed once: it signs tokens and verifies them
/// with its public half. `Debug` never shows it.
pub struct RsaKey<A: RsaAlgorithm> {
    signer: A::Signer,
    public: RsaPublicKey<A>,
}

/// An RS256 private key.
pub type Rs256Key = RsaKey<Rs256>;
/// An RS256 public key.
pub type Rs256PublicKey = RsaPublicKey<Rs256>;
/// An RS384 private key.
pub type Rs384Key = RsaKey<Rs384>;
/// An RS384 public key.
pub type Rs384PublicKey = RsaPublicKey<Rs384>;
/// An RS512 private key.
pub type Rs512Key = RsaKey<Rs512>;
/// An RS512 public key.
pub type Rs512PublicKey = RsaPublicKey<Rs512>;
/// A PS256 private key.
pub type Ps256Key = RsaKey<Ps256>;
/// A PS256 public key.
pub type Ps256PublicKey = RsaPublicKey<Ps256>;
/// A PS384 private key.
pub type Ps384Key = RsaKey<Ps384>;
/// A PS384 public key.
pub type Ps384PublicKey = RsaPublicKey<Ps384>;
/// A PS512 private key.
pub type Ps512Key = RsaKey<Ps512>;
/// A PS512 public key.
pub type Ps512PublicKey = RsaPublicKey<Ps512>;

fn check_size(key: &rsa::PublicKey) -> Result<(), Error> {
    let bits = key.n().bit_width_vartime();
    if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
        return Err(invalid(format!(
            "the RSA modulus is {bits} bits; {RSA_MIN_BITS} to {RSA_MAX_BITS} are accepted"
        )));
    }
    if has_roca_fingerprint(&key.n().to_be_bytes()) {
        return Err(invalid(
            "the RSA modulus has the ROCA fingerprint (CVE-2017-15361): it was made by a generator whose keys can be factored; replace the key",
        ));
    }
    Ok(())
}

/// Whether the modulus `n` (big-endian) has the fingerprint of keys from the generator of
/// CVE-2017-15361 (ROCA; Nemec et al., CCS 2017): such a modulus is, modulo every small prime
/// `p` up to 167, a power of 65537. A random modulus passes this test for all 38 primes with
/// negligible probability. Public data only, so a variable-time check.
fn has_roca_fingerprint(n: &[u8]) -> bool {
    const PRIMES: [u32; 38] = [
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    ];
    PRIMES.iter().all(|&p| {
        let residue = n.iter().fold(0u32, |r, &b| (r * 256 + u32::from(b)) % p);
        // The powers of 65537 modulo p: walk the cycle from 1.
        let g = 65537 % p;
        let mut power = 1u32;
        loop {
            if power == residue {
                return true;
            }
            power = power * g % p;
            if power == 1 {
                return false;
            }
        }
    })
}

fn wrong(found: Kind, alg: Algorithm) -> Error {
    invalid(format!(
        "the key is {}; an {alg} key needs {}",
        found.describe(),
        Kind::Rsa.describe()
    ))
}

impl<A: RsaAlgorithm> RsaPublicKey<A> {
    fn new(key: rsa::PublicKey) -> Result<Self, Error> {
        check_size(&key)?;
        Ok(RsaPublicKey {
            verifier: A::verifier(key.clone()),
            key,
            kid: None,
            _alg: PhantomData,
        })
    }

    /// Reads a PEM public key: `PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY`
    /// (PKCS #1).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey), saying what the PEM holds
    /// when it is not such a key, or the modulus size when it is out of range.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        match pem::read_pem(pem)? {
            Document::Spki(der) => Self::from_der(&der),
            Document::RsaPublic(der) => Self::from_pkcs1_der(&der),
            _ => Err(invalid(format!(
                "the PEM is a private key; an {} public key is a PUBLIC KEY",
                A::ALGORITHM
            ))),
        }
    }

    /// Reads a DER SubjectPublicKeyInfo holding an RSA key.
    ///
    /// # Errors
    ///
    /// As [`RsaPublicKey::from_pem`].
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        use rsa::pkcs8::DecodePublicKey;
        let kind = pem::spki_kind(der)?;
        if kind != Kind::Rsa {
            return Err(wrong(kind, A::ALGORITHM));
        }
        let key = rsa::PublicKey::from_public_key_der(der)
            .map_err(|e| invalid(format!("the RSA public key is not valid ({e})")))?;
        Self::new(key)
    }

    /// Reads a DER PKCS #1 `RSAPublicKey`.
    ///
    /// # Errors
    ///
    /// As [`RsaPublicKey::from_pem`].
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        use rsa::pkcs1::DecodeRsaPublicKey;
        let key = rsa::PublicKey::from_pkcs1_der(der)
            .map_err(|e| invalid(format!("the RSA public key is not valid ({e})")))?;
        Self::new(key)
    }

    /// A public key from its modulus `n` and exponent `e`, big-endian (a JWK's `n` and `e`,
    /// RFC 7518 section 6.3.1).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if the modulus size is out
    /// of range or the exponent is not one the `rsa` crate accepts.
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = rsa::BoxedUint::from_be_slice_vartime(n);
        let e = rsa::BoxedUint::from_be_slice_vartime(e);
        let bits = n.bit_width_vartime();
        if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
            return Err(invalid(format!(
                "the RSA modulus is {bits} bits; {RSA_MIN_BITS} to {RSA_MAX_BITS} are accepted"
            )));
        }
        let key = rsa::PublicKey::new_with_size_limits(
            n,
            e,
            RSA_MIN_BITS as usize..=RSA_MAX_BITS as usize,
        )
        .map_err(|e| invalid(format!("the RSA public key is not valid ({e})")))?;
        Self::new(key)
    }

    /// The modulus and exponent, big-endian without leading zeros.
    #[must_use]
    pub fn components(&self) -> (Vec<u8>, Vec<u8>) {
        (
            self.key.n().to_be_bytes_trimmed_vartime().to_vec(),
            self.key.e().to_be_bytes_trimmed_vartime().to_vec(),
        )
    }

    /// The modulus size in bits.
    #[must_use]
    pub fn bits(&self) -> u32 {
        self.key.n().bit_width_vartime()
    }

    /// The key as a PEM `PUBLIC KEY`.
    #[must_use]
    pub fn to_pem(&self) -> String {
        use rsa::pkcs8::{EncodePublicKey, LineEnding};
        self.key
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    /// The key as a JWK (RFC 7518 section 6.3): `kty`, `n`, `e`, `alg`, `use`, and `kid`
    /// when the key has one.
    #[must_use]
    pub fn to_jwk(&self) -> String {
        let (n, e) = self.components();
        let mut jwk = serde_json::json!({
            "kty": "RSA",
            "n": base64url::encode(&n),
            "e": base64url::encode(&e),
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

impl<A: RsaAlgorithm> RsaKey<A> {
    fn new(key: rsa::PrivateKey) -> Result<Self, Error> {
        let public = RsaPublicKey::new(key.to_public_key())?;
        Ok(RsaKey {
            signer: A::signer(key),
            public,
        })
    }

    /// A new random key of `bits` (2048 to 8192), from the operating system's generator.
    /// Slow: seconds for 4096 bits in an unoptimized build.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if `bits` is out of range or
    /// generation fails.
    pub fn generate(bits: u32) -> Result<Self, Error> {
        if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
            return Err(invalid(format!(
                "an RSA key of {bits} bits; {RSA_MIN_BITS} to {RSA_MAX_BITS} are accepted"
            )));
        }
        let key = rsa::PrivateKey::new(&mut getrandom::SysRng, bits as usize)
            .map_err(|e| invalid(format!("RSA key generation failed ({e})")))?;
        Self::new(key)
    }

    /// A private key from its components, big-endian: modulus `n`, exponents `e` and `d`,
    /// primes `p` and `q` (a JWK's `n`, `e`, `d`, `p`, `q`, RFC 7518 section 6.3.2).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if the components do not form
    /// a valid key or the modulus size is out of range.
    pub fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
    ) -> Result<Self, Error> {
        let int = rsa::BoxedUint::from_be_slice_vartime;
        let bits = int(n).bit_width_vartime();
        if !(RSA_MIN_BITS..=RSA_MAX_BITS).contains(&bits) {
            return Err(invalid(format!(
                "the RSA modulus is {bits} bits; {RSA_MIN_BITS} to {RSA_MAX_BITS} are accepted"
            )));
        }
        let key = rsa::PrivateKey::from_components(int(n), int(e), int(d), vec![int(p), int(q)])
            .map_err(|_| invalid("the RSA private key components do not form a valid key"))?;
        Self::new(key)
    }

    /// Reads a PEM private key: `PRIVATE KEY` (PKCS #8) or `RSA PRIVATE KEY` (PKCS #1).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey), saying what the PEM holds
    /// when it is not such a key, or the modulus size when it is out of range. The message
    /// never repeats key material.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        match pem::read_pem(pem)? {
            Document::Pkcs8(der) => Self::from_pkcs8_der(&der),
            Document::RsaPrivate(der) => Self::from_pkcs1_der(&der),
            Document::Sec1(_) => Err(invalid(format!(
                "the key is an EC key (EC PRIVATE KEY); an {} key needs an RSA key",
                A::ALGORITHM
            ))),
            Document::Spki(_) | Document::RsaPublic(_) => Err(invalid(format!(
                "the PEM is a public key; signing needs the {} private key",
                A::ALGORITHM
            ))),
        }
    }

    /// Reads a DER PKCS #8 private key holding an RSA key.
    ///
    /// # Errors
    ///
    /// As [`RsaKey::from_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        use rsa::pkcs8::DecodePrivateKey;
        let kind = pem::pkcs8_kind(der)?;
        if kind != Kind::Rsa {
            return Err(wrong(kind, A::ALGORITHM));
        }
        let key = rsa::PrivateKey::from_pkcs8_der(der)
            .map_err(|_| invalid("the RSA private key is not valid"))?;
        Self::new(key)
    }

    /// Reads a DER PKCS #1 `RSAPrivateKey`.
    ///
    /// # Errors
    ///
    /// As [`RsaKey::from_pem`].
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        let key = rsa::PrivateKey::from_pkcs1_der(der)
            .map_err(|_| invalid("the RSA private key is not valid"))?;
        Self::new(key)
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS #8), wiped when dropped.
    #[must_use]
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        use rsa::pkcs8::{EncodePrivateKey, LineEnding};
        A::private_key(&self.signer)
            .to_pkcs8_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    /// The key as a private JWK (RFC 7518 section 6.3.2): the public members of
    /// [`RsaPublicKey::to_jwk`] and `d`, `p`, `q`, `dp`, `dq`, `qi`, wiped when dropped.
    /// Keep it as secret as the key.
    #[must_use]
    pub fn to_private_jwk(&self) -> Zeroizing<String> {
        use rsa::traits::PrivateKeyParts;
        let key = A::private_key(&self.signer);
        let bytes = |n: &rsa::BoxedUint| Zeroizing::new(n.to_be_bytes_trimmed_vartime().to_vec());
        let d = bytes(key.d());
        let primes = key.primes();
        let (p, q) = (bytes(&primes[0]), bytes(&primes[1]));
        // A key read or made by this crate has its CRT values computed; an empty member
        // would only mean the library changed that, and the JWK would then be refused.
        let dp = key.dp().map(bytes).unwrap_or_default();
        let dq = key.dq().map(bytes).unwrap_or_default();
        let qi = key.crt_coefficient().map(|c| bytes(&c)).unwrap_or_default();
        crate::crypto::private_jwk(
            &self.public.to_jwk(),
            &[
                ("d", &d),
                ("p", &p),
                ("q", &q),
                ("dp", &dp),
                ("dq", &dq),
                ("qi", &qi),
            ],
        )
    }

    /// The public half, with this key's `kid`.
    #[must_use]
    pub fn public_key(&self) -> RsaPublicKey<A> {
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

impl<A: RsaAlgorithm> Clone for RsaPublicKey<A> {
    fn clone(&self) -> Self {
        RsaPublicKey {
            key: self.key.clone(),
            verifier: self.verifier.clone(),
            kid: self.kid.clone(),
            _alg: PhantomData,
        }
    }
}

impl<A: RsaAlgorithm> Clone for RsaKey<A> {
    fn clone(&self) -> Self {
        RsaKey {
            signer: self.signer.clone(),
            public: self.public.clone(),
        }
    }
}

impl<A: RsaAlgorithm> fmt::Debug for RsaPublicKey<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("alg", &A::ALGORITHM)
            .field("kid", &self.kid)
            .field("bits", &self.bits())
            .finish()
    }
}

impl<A: RsaAlgorithm> fmt::Debug for RsaKey<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaKey")
            .field("alg", &A::ALGORITHM)
            .field("kid", &self.public.kid)
            .field("bits", &self.public.bits())
            .field("private", &"<redacted>")
            .finish()
    }
}

impl<A: RsaAlgorithm> sealed::Sealed for RsaPublicKey<A> {}
impl<A: RsaAlgorithm> sealed::Sealed for RsaKey<A> {}

impl<A: RsaAlgorithm> DynVerify for RsaPublicKey<A> {
    fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }
    fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
    fn signature_len(&self) -> usize {
        self.key.size()
    }
    fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        A::verify(&self.verifier, data, signature)
    }
}

impl<A: RsaAlgorithm> DynVerify for RsaKey<A> {
    fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }
    fn kid(&self) -> Option<&str> {
        self.public.kid()
    }
    fn signature_len(&self) -> usize {
        self.public.signature_len()
    }
    fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        self.public.verify(data, signature)
    }
}

impl<A: RsaAlgorithm> DynSign for RsaKey<A> {
    fn sign_append(&self, out: &mut String) -> Result<(), Error> {
        let sig = A::sign(&self.signer, out.as_bytes())
            .ok_or_else(|| invalid(format!("{} signing failed", A::ALGORITHM)))?;
        out.push('.');
        base64url::encode_into(&sig, out);
        Ok(())
    }
}

impl<A: RsaAlgorithm> SigningKey for RsaKey<A> {
    fn signer(&self) -> &dyn DynSign {
        self
    }
}

impl<A: RsaAlgorithm> VerifyingKey for RsaPublicKey<A> {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(self)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(self))
    }
}

impl<A: RsaAlgorithm> VerifyingKey for RsaKey<A> {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(&self.public)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(&self.public))
    }
}

impl<A: RsaAlgorithm> JwsKey for RsaPublicKey<A> {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self)
    }
}

impl<A: RsaAlgorithm> JwsKey for RsaKey<A> {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self.public)
    }
}

impl<A: RsaAlgorithm> FitsAlgorithm<A> for RsaPublicKey<A> {}
impl<A: RsaAlgorithm> FitsAlgorithm<AnyAlgorithm> for RsaPublicKey<A> {}
impl<A: RsaAlgorithm> FitsAlgorithm<A> for RsaKey<A> {}
impl<A: RsaAlgorithm> FitsAlgorithm<AnyAlgorithm> for RsaKey<A> {}
