//! The key traits, HMAC keys, and key sets that choose a key by `kid` and algorithm. The
//! asymmetric keys are in their own files (`ec.rs`, `ed.rs`, `rsa.rs`), each behind its
//! feature.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::base64url;
use crate::crypto::algorithm::{Algorithm, AnyAlgorithm, HmacAlgorithm, Hs256, Hs384, Hs512, Pin};
use crate::crypto::mac::{Keyed, MAX_OUT};
use crate::error::{truncate, Error, ErrorKind};

/// An HMAC key for one algorithm, ready to sign and verify.
///
/// The HMAC inner and outer states are computed once, when the key is built; signing and
/// verifying clone them. The secret bytes are not kept; the precomputed states are zeroized
/// when the key is dropped, and `Debug` never shows them.
///
/// ```
/// use jwt_core::Hs256Key;
/// let key = Hs256Key::from_secret(b"test-secret-of-at-least-32-bytes!!").unwrap().with_kid("2026-11");
/// assert_eq!(key.kid(), Some("2026-11"));
/// assert!(format!("{key:?}").contains("redacted"));
///
/// let short = Hs256Key::from_secret(b"too short").unwrap_err();
/// assert_eq!(short.to_string(), "invalid key: an HS256 secret must be at least 32 bytes, got 9");
/// ```
pub struct HmacKey<A: HmacAlgorithm> {
    mac: Keyed<A::Hash>,
    kid: Option<Arc<str>>,
    _alg: PhantomData<A>,
}

/// An HS256 key (HMAC-SHA-256; secrets of at least 32 bytes).
pub type Hs256Key = HmacKey<Hs256>;
/// An HS384 key (HMAC-SHA-384; secrets of at least 48 bytes).
pub type Hs384Key = HmacKey<Hs384>;
/// An HS512 key (HMAC-SHA-512; secrets of at least 64 bytes).
pub type Hs512Key = HmacKey<Hs512>;

impl<A: HmacAlgorithm> HmacKey<A> {
    /// Builds a key from raw secret bytes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] if the secret is shorter than the hash output (32, 48 or
    /// 64 bytes; RFC 7518 section 3.2) or empty. Shorter secrets are only accepted through
    /// [`dangerous::short_hmac_key`](crate::dangerous::short_hmac_key).
    pub fn from_secret(secret: &[u8]) -> Result<Self, Error> {
        let min = A::ALGORITHM.min_key_len().unwrap_or(0);
        if secret.len() < min {
            return Err(Error::with_detail(
                ErrorKind::InvalidKey,
                format!(
                    "an {} secret must be at least {min} bytes, got {}",
                    A::ALGORITHM,
                    secret.len()
                ),
            ));
        }
        Self::from_secret_unchecked(secret)
    }

    /// Builds a key from a JWK `k` value: the secret in strict base64url without padding.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] if `k` is not strict base64url or the decoded secret is too
    /// short (see [`HmacKey::from_secret`]). The message never repeats the key's text.
    pub fn from_base64url(k: &str) -> Result<Self, Error> {
        let secret = Zeroizing::new(base64url::decode(k.as_bytes()).map_err(|_| {
            Error::with_detail(ErrorKind::InvalidKey, "the key is not strict base64url")
        })?);
        Self::from_secret(&secret)
    }

    /// Any non-empty secret; the length floor is the caller's responsibility.
    pub(crate) fn from_secret_unchecked(secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(Error::with_detail(
                ErrorKind::InvalidKey,
                "the secret is empty",
            ));
        }
        let mac = Keyed::new(secret).map_err(|_| {
            Error::with_detail(ErrorKind::InvalidKey, "the HMAC key length is not accepted")
        })?;
        Ok(HmacKey {
            mac,
            kid: None,
            _alg: PhantomData,
        })
    }

    /// Sets the key id: written into the `kid` header of the tokens this key signs, and the
    /// name under which a [`KeySet`] finds it.
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

    /// The algorithm this key signs and verifies with.
    #[must_use]
    pub fn algorithm(&self) -> Algorithm {
        A::ALGORITHM
    }

    /// The tag of `data` under this key.
    pub(crate) fn tag(&self, data: &[u8]) -> Tag {
        let mut bytes = [0u8; MAX_OUT];
        let len = self.mac.tag(data, &mut bytes);
        Tag::new(bytes, len)
    }

    /// Constant-time check of `tag` over `data`; `tag` must have the full length.
    pub(crate) fn verify_tag(&self, data: &[u8], tag: &[u8]) -> bool {
        self.mac.verify(data, tag)
    }
}

impl<A: HmacAlgorithm> Clone for HmacKey<A> {
    fn clone(&self) -> Self {
        HmacKey {
            mac: self.mac.clone(),
            kid: self.kid.clone(),
            _alg: PhantomData,
        }
    }
}

impl<A: HmacAlgorithm> fmt::Debug for HmacKey<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacKey")
            .field("alg", &A::ALGORITHM)
            .field("kid", &self.kid)
            .field("secret", &"<redacted>")
            .finish()
    }
}

pub(crate) mod sealed {
    use super::*;

    /// A MAC tag: up to 64 bytes, kept inline.
    #[derive(Clone, Copy)]
    pub struct Tag {
        bytes: [u8; 64],
        len: usize,
    }

    impl Tag {
        pub(crate) fn new(bytes: [u8; 64], len: usize) -> Tag {
            Tag {
                bytes,
                len: len.min(64),
            }
        }

        pub fn as_bytes(&self) -> &[u8] {
            &self.bytes[..self.len]
        }
    }

    /// The largest signature a verifier decodes on the stack (an ES512 `r || s`); longer
    /// ones (RSA) are decoded on the heap.
    pub const INLINE_SIG: usize = 132;

    /// One concrete key that verifies, seen without its type parameter.
    pub trait DynVerify: Send + Sync {
        fn algorithm(&self) -> Algorithm;
        fn kid(&self) -> Option<&str>;
        /// The exact length of this key's signatures, in bytes.
        fn signature_len(&self) -> usize;
        /// Whether `signature` (already of [`DynVerify::signature_len`] bytes) is valid for
        /// `data`.
        fn verify(&self, data: &[u8], signature: &[u8]) -> bool;
        /// The header segments whose content is known without decoding:
        /// `{"alg":A,"typ":"JWT"}` and `{"alg":A}`.
        fn constant_headers(&self) -> [&'static str; 2] {
            let alg = self.algorithm();
            [alg.jwt_header_b64(), alg.bare_header_b64()]
        }
    }

    /// One concrete key that signs.
    pub trait DynSign: DynVerify {
        /// Signs the whole of `out` (a JWS signing input) and appends a dot and the
        /// signature, base64url.
        fn sign_append(&self, out: &mut String) -> Result<(), Error>;
    }

    /// The keys a token may be verified with: one, or (a key set asked to try each key of
    /// the algorithm for a token without `kid`) several, tried in turn.
    pub enum Resolved<'k> {
        One(&'k dyn DynVerify),
        Each(Vec<&'k dyn DynVerify>),
    }

    impl<A: HmacAlgorithm> DynVerify for HmacKey<A> {
        fn algorithm(&self) -> Algorithm {
            A::ALGORITHM
        }
        fn kid(&self) -> Option<&str> {
            self.kid.as_deref()
        }
        fn signature_len(&self) -> usize {
            A::ALGORITHM.signature_len().unwrap_or(0)
        }
        fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
            HmacKey::verify_tag(self, data, signature)
        }
        fn constant_headers(&self) -> [&'static str; 2] {
            [
                A::ALGORITHM.jwt_header_b64(),
                A::ALGORITHM.bare_header_b64(),
            ]
        }
    }

    impl<A: HmacAlgorithm> DynSign for HmacKey<A> {
        fn sign_append(&self, out: &mut String) -> Result<(), Error> {
            let tag = HmacKey::tag(self, out.as_bytes());
            out.push('.');
            base64url::encode_into(tag.as_bytes(), out);
            Ok(())
        }
    }

    pub trait Sealed {}
    impl<A: HmacAlgorithm> Sealed for HmacKey<A> {}
    impl Sealed for KeySet {}
    impl<T: Sealed + ?Sized> Sealed for &T {}
    impl<T: Sealed + ?Sized> Sealed for std::sync::Arc<T> {}
}

use sealed::{DynSign, DynVerify, Resolved, Tag};

/// A key that signs tokens: an [`HmacKey`], or a private key of an asymmetric algorithm
/// (with its feature).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot sign tokens",
    label = "not a signing key",
    note = "tokens are signed with an HMAC key or a private key (EcKey, Ed25519Key, RsaKey); a public key or a key set only verifies"
)]
pub trait SigningKey: sealed::Sealed + FitsAlgorithm<AnyAlgorithm> {
    #[doc(hidden)]
    fn signer(&self) -> &dyn DynSign;
}

/// What verifies a token: a single key (which ignores `kid`; a private key verifies with
/// its public half) or a [`KeySet`] (which chooses by `kid` and algorithm).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot verify tokens",
    label = "not a key of this crate",
    note = "tokens are verified with a key (HmacKey, a public or private key) or a KeySet; read keys with from_pem, from_der or from_jwk"
)]
pub trait VerifyingKey: sealed::Sealed + FitsAlgorithm<AnyAlgorithm> {
    /// The single key, when there is no choice to make; lets the verifier recognise the
    /// common constant headers without decoding them.
    #[doc(hidden)]
    fn single(&self) -> Option<&dyn DynVerify>;

    /// The key (or, for a key set asked to try each, the keys) for a token whose header has
    /// this `kid` and `alg`. The algorithm of a single key is checked by the caller.
    #[doc(hidden)]
    fn resolve(&self, kid: Option<&str>, alg: Algorithm) -> Result<Resolved<'_>, Error>;
}

/// A key that fits algorithm `P`, a claims type's pin (`#[claims(alg = "ES256")]`): a key
/// of that algorithm, or a [`KeySet`] (whose keys of other algorithms are refused when a
/// token names them). Every key fits [`AnyAlgorithm`], the default. Claims-level code uses
/// [`KeyFor`](crate::KeyFor).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a key for `{P}`, the algorithm the claims type is pinned to",
    label = "a key of another algorithm",
    note = "the struct's #[claims(alg = \"...\")] pins its tokens to one algorithm: use a key of that algorithm (or a KeySet)"
)]
pub trait FitsAlgorithm<P: Pin> {}

impl<A: HmacAlgorithm> FitsAlgorithm<A> for HmacKey<A> {}
impl<A: HmacAlgorithm> FitsAlgorithm<AnyAlgorithm> for HmacKey<A> {}
impl<P: Pin> FitsAlgorithm<P> for KeySet {}
impl<P: Pin, T: FitsAlgorithm<P> + ?Sized> FitsAlgorithm<P> for &T {}
impl<P: Pin, T: FitsAlgorithm<P> + ?Sized> FitsAlgorithm<P> for Arc<T> {}

/// Any key of this crate, as a [`KeySet`] holds it: HMAC keys, public keys, and private keys
/// (kept as their public halves).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a key a KeySet can hold",
    label = "not a key of this crate",
    note = "a KeySet holds HMAC keys and public or private keys, each read with from_pem, from_der or from_jwk; a JWK Set is read whole with KeySet::from_jwk_set"
)]
pub trait JwsKey: sealed::Sealed + Send + Sync + 'static {
    #[doc(hidden)]
    fn into_verifier(self) -> Box<dyn DynVerify>;
}

impl<A: HmacAlgorithm> SigningKey for HmacKey<A> {
    fn signer(&self) -> &dyn DynSign {
        self
    }
}

impl<A: HmacAlgorithm> VerifyingKey for HmacKey<A> {
    fn single(&self) -> Option<&dyn DynVerify> {
        Some(self)
    }
    fn resolve(&self, _kid: Option<&str>, _alg: Algorithm) -> Result<Resolved<'_>, Error> {
        Ok(Resolved::One(self))
    }
}

impl<A: HmacAlgorithm> JwsKey for HmacKey<A> {
    fn into_verifier(self) -> Box<dyn DynVerify> {
        Box::new(self)
    }
}

impl<T: SigningKey + ?Sized> SigningKey for &T {
    fn signer(&self) -> &dyn DynSign {
        (**self).signer()
    }
}

impl<T: SigningKey + ?Sized> SigningKey for Arc<T> {
    fn signer(&self) -> &dyn DynSign {
        (**self).signer()
    }
}

impl<T: VerifyingKey + ?Sized> VerifyingKey for Arc<T> {
    fn single(&self) -> Option<&dyn DynVerify> {
        (**self).single()
    }
    fn resolve(&self, kid: Option<&str>, alg: Algorithm) -> Result<Resolved<'_>, Error> {
        (**self).resolve(kid, alg)
    }
}

impl<T: VerifyingKey + ?Sized> VerifyingKey for &T {
    fn single(&self) -> Option<&dyn DynVerify> {
        (**self).single()
    }
    fn resolve(&self, kid: Option<&str>, alg: Algorithm) -> Result<Resolved<'_>, Error> {
        (**self).resolve(kid, alg)
    }
}

/// The most keys a [`KeySet`] tries for one token without `kid`, when asked to.
pub const TRY_EACH_LIMIT: usize = 8;

/// Several keys, for key rotation and for an issuer's JWK Set.
///
/// A token is verified by the key whose `kid` and algorithm equal the token header's `kid`
/// and `alg`, and only by that key: a `kid` the set does not hold is refused with
/// [`ErrorKind::UnknownKeyId`], a `kid` held only for another algorithm with
/// [`ErrorKind::AlgorithmNotAllowed`]; there is no fallback to another key. A token without
/// `kid` is verified by the set's only key of its algorithm; when the set has several, it is
/// refused unless [`KeySet::try_each_without_kid`] allows trying them (at most
/// [`TRY_EACH_LIMIT`]).
///
/// ```
/// use jwt_core::{Hs256Key, Hs512Key, KeySet};
/// let old = Hs256Key::from_secret(&[1u8; 32]).unwrap().with_kid("2025");
/// let new = Hs512Key::from_secret(&[2u8; 64]).unwrap().with_kid("2026");
/// let keys = KeySet::new().with(old).unwrap().with(new).unwrap();
/// assert_eq!(keys.len(), 2);
/// ```
#[derive(Default)]
pub struct KeySet {
    keys: Vec<Box<dyn DynVerify>>,
    try_each: bool,
    skipped: Vec<String>,
}

impl KeySet {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        KeySet::default()
    }

    /// Adds a key (a private key is kept as its public half).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] if the set already has a key with the same `kid` for the
    /// same algorithm.
    pub fn with(mut self, key: impl JwsKey) -> Result<Self, Error> {
        self.insert(key)?;
        Ok(self)
    }

    /// Adds a key, as [`KeySet::with`].
    ///
    /// # Errors
    ///
    /// As [`KeySet::with`].
    pub fn insert(&mut self, key: impl JwsKey) -> Result<(), Error> {
        self.insert_dyn(key.into_verifier())
    }

    pub(crate) fn insert_dyn(&mut self, key: Box<dyn DynVerify>) -> Result<(), Error> {
        if let Some(kid) = key.kid() {
            if self
                .keys
                .iter()
                .any(|k| k.kid() == Some(kid) && k.algorithm() == key.algorithm())
            {
                return Err(Error::with_detail(
                    ErrorKind::InvalidKey,
                    format!(
                        "the key set already has a {} key with kid {:?}",
                        key.algorithm(),
                        truncate(kid, 64)
                    ),
                ));
            }
        }
        self.keys.push(key);
        Ok(())
    }

    /// Lets a token without `kid` be tried against each key of its algorithm (at most
    /// [`TRY_EACH_LIMIT`]) when the set has more than one; off by default, since the token
    /// then costs one verification per key.
    #[must_use]
    pub fn try_each_without_kid(mut self, on: bool) -> Self {
        self.try_each = on;
        self
    }

    /// The number of keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no keys.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Why each key of the JWK Set this set was read from was left out (by index and
    /// `kid`, never by key material); empty for a set built key by key.
    #[must_use]
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    pub(crate) fn skip(&mut self, reason: String) {
        self.skipped.push(reason);
    }

    /// The `(algorithm, kid)` of each key, in the order they were added.
    pub fn keys(&self) -> impl Iterator<Item = (Algorithm, Option<&str>)> {
        self.keys.iter().map(|k| (k.algorithm(), k.kid()))
    }
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.keys.iter().map(|k| (k.algorithm(), k.kid())))
            .finish()
    }
}

impl VerifyingKey for KeySet {
    fn single(&self) -> Option<&dyn DynVerify> {
        None
    }
    fn resolve(&self, kid: Option<&str>, alg: Algorithm) -> Result<Resolved<'_>, Error> {
        if let Some(kid) = kid {
            let mut same_kid = self.keys.iter().filter(|k| k.kid() == Some(kid)).peekable();
            if same_kid.peek().is_none() {
                return Err(Error::with_detail(
                    ErrorKind::UnknownKeyId,
                    format!("no key with kid {:?}", truncate(kid, 64)),
                ));
            }
            let mut others = Vec::new();
            for k in same_kid {
                if k.algorithm() == alg {
                    return Ok(Resolved::One(&**k));
                }
                others.push(k.algorithm().as_str());
            }
            return Err(Error::with_detail(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "the token says {alg}, the key with kid {:?} is {}",
                    truncate(kid, 64),
                    others.join(", ")
                ),
            ));
        }
        let of_alg: Vec<&dyn DynVerify> = self
            .keys
            .iter()
            .filter(|k| k.algorithm() == alg)
            .map(|k| &**k)
            .collect();
        match of_alg.len() {
            0 => Err(Error::with_detail(
                ErrorKind::UnknownKeyId,
                format!("the token has no kid, and the key set has no {alg} key"),
            )),
            1 => Ok(Resolved::One(of_alg[0])),
            n if self.try_each && n <= TRY_EACH_LIMIT => Ok(Resolved::Each(of_alg)),
            n => Err(Error::with_detail(
                ErrorKind::UnknownKeyId,
                format!(
                    "the token has no kid, and {n} {alg} keys in the set could verify it{}",
                    if self.try_each {
                        format!(" (more than the {TRY_EACH_LIMIT} tried)")
                    } else {
                        String::new()
                    }
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 4231 section 4: (key, data, HMAC-SHA-256, HMAC-SHA-384, HMAC-SHA-512).
    /// Test case 5 is truncated to 128 bits in the RFC, so only a prefix is compared.
    const RFC4231: [(&str, &str, &str, &str, &str); 7] = [
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
         "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
         "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
         "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
         "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
         "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27",
         "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819",
         "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
         "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb",
         "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"),
        ("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e",
         "a3b6167473100ee06e0c796c2955552b",
         "3abf34c3503b2a23a46efc619baef897",
         "415fad6271580a531d4179bc891d87a6"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
         "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
         "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
         "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e",
         "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"),
    ];

    fn check_case<A: HmacAlgorithm>(key: &[u8], data: &[u8], expected: &[u8]) {
        let min = A::ALGORITHM.min_key_len().unwrap();
        let checked = HmacKey::<A>::from_secret(key);
        if key.len() < min {
            let err = checked.unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::InvalidKey);
            assert_eq!(
                err.to_string(),
                format!(
                    "invalid key: an {} secret must be at least {min} bytes, got {}",
                    A::ALGORITHM,
                    key.len()
                )
            );
        } else {
            let k = checked.unwrap();
            let tag = k.tag(data);
            assert_eq!(&tag.as_bytes()[..expected.len()], expected);
            if Some(expected.len()) == A::ALGORITHM.signature_len() {
                assert!(k.verify_tag(data, expected));
            }
        }
        // Every case also holds through the short-key path (`dangerous::short_hmac_key`).
        let k = HmacKey::<A>::from_secret_unchecked(key).unwrap();
        assert_eq!(&k.tag(data).as_bytes()[..expected.len()], expected);
    }

    #[test]
    fn rfc4231_cases_1_to_7() {
        let mut accepted = 0;
        for (key, data, s256, s384, s512) in RFC4231 {
            let (key, data) = (hex(key), hex(data));
            check_case::<Hs256>(&key, &data, &hex(s256));
            check_case::<Hs384>(&key, &data, &hex(s384));
            check_case::<Hs512>(&key, &data, &hex(s512));
            accepted += usize::from(key.len() >= 64);
        }
        // Cases 6 and 7 (131-byte keys) pass from_secret for every algorithm.
        assert_eq!(accepted, 2);
    }

    #[test]
    fn key_floor_is_the_hash_size() {
        assert!(Hs256Key::from_secret(&[7; 32]).is_ok());
        assert_eq!(
            Hs256Key::from_secret(&[7; 31]).unwrap_err().kind(),
            &ErrorKind::InvalidKey
        );
        assert!(Hs384Key::from_secret(&[7; 48]).is_ok());
        assert_eq!(
            Hs384Key::from_secret(&[7; 47]).unwrap_err().kind(),
            &ErrorKind::InvalidKey
        );
        assert!(Hs512Key::from_secret(&[7; 64]).is_ok());
        assert_eq!(
            Hs512Key::from_secret(&[7; 63]).unwrap_err().kind(),
            &ErrorKind::InvalidKey
        );
        let empty = Hs256Key::from_secret(b"").unwrap_err();
        assert_eq!(empty.kind(), &ErrorKind::InvalidKey);
        assert_eq!(
            HmacKey::<Hs256>::from_secret_unchecked(b"")
                .unwrap_err()
                .to_string(),
            "invalid key: the secret is empty"
        );
    }

    #[test]
    fn from_base64url_is_strict_and_never_echoes_the_key() {
        let k = base64url::encode(&[9u8; 32]);
        assert!(Hs256Key::from_base64url(&k).is_ok());
        let padded = format!("{k}=");
        let err = Hs256Key::from_base64url(&padded).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidKey);
        assert!(!err.to_string().contains(&k));
        assert!(std::error::Error::source(&err).is_none());
        let std_alphabet = "a+b/".repeat(11);
        assert_eq!(
            Hs256Key::from_base64url(&std_alphabet).unwrap_err().kind(),
            &ErrorKind::InvalidKey
        );
    }

    #[test]
    fn debug_redacts_the_secret() {
        let secret = b"a secret that must never be printed";
        let key = Hs256Key::from_secret(secret).unwrap().with_kid("k1");
        let debug = format!("{key:?}");
        assert_eq!(
            debug,
            r#"HmacKey { alg: HS256, kid: Some("k1"), secret: "<redacted>" }"#
        );
    }

    #[test]
    fn key_set_refuses_a_duplicate_kid_for_one_algorithm() {
        let a = || Hs256Key::from_secret(&[1; 32]).unwrap().with_kid("a");
        let err = KeySet::new().with(a()).unwrap().with(a()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidKey);
        assert_eq!(
            err.to_string(),
            r#"invalid key: the key set already has a HS256 key with kid "a""#
        );
        // The same kid for another algorithm is another key (RFC 7517 4.5 allows it).
        let a512 = Hs512Key::from_secret(&[1; 64]).unwrap().with_kid("a");
        assert_eq!(
            KeySet::new().with(a()).unwrap().with(a512).unwrap().len(),
            2
        );
        // Keys without kid are kept; a token without kid finds the only one of its alg.
        let no_kid = Hs256Key::from_secret(&[1; 32]).unwrap();
        assert_eq!(KeySet::new().with(no_kid).unwrap().len(), 1);
    }

    fn resolved_kids(
        set: &KeySet,
        kid: Option<&str>,
        alg: Algorithm,
    ) -> Result<Vec<Option<String>>, ErrorKind> {
        match set.resolve(kid, alg) {
            Ok(Resolved::One(k)) => Ok(vec![k.kid().map(str::to_owned)]),
            Ok(Resolved::Each(ks)) => Ok(ks.iter().map(|k| k.kid().map(str::to_owned)).collect()),
            Err(e) => Err(e.kind().clone()),
        }
    }

    #[test]
    fn key_set_chooses_by_kid_and_algorithm() {
        let k = |kid: &str, byte: u8| Hs256Key::from_secret(&[byte; 32]).unwrap().with_kid(kid);
        let set = KeySet::new()
            .with(k("a", 1))
            .unwrap()
            .with(k("b", 2))
            .unwrap()
            .with(Hs512Key::from_secret(&[3; 64]).unwrap().with_kid("c"))
            .unwrap();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            resolved_kids(&set, Some("b"), Algorithm::HS256),
            Ok(vec![some("b")])
        );
        assert_eq!(
            resolved_kids(&set, Some("x"), Algorithm::HS256),
            Err(ErrorKind::UnknownKeyId)
        );
        assert_eq!(
            resolved_kids(&set, Some("c"), Algorithm::HS256),
            Err(ErrorKind::AlgorithmNotAllowed)
        );
        // Without kid: the only HS512 key; two HS256 keys are ambiguous unless tried each.
        assert_eq!(
            resolved_kids(&set, None, Algorithm::HS512),
            Ok(vec![some("c")])
        );
        assert_eq!(
            resolved_kids(&set, None, Algorithm::HS256),
            Err(ErrorKind::UnknownKeyId)
        );
        assert_eq!(
            resolved_kids(&set, None, Algorithm::HS384),
            Err(ErrorKind::UnknownKeyId)
        );
        let set = set.try_each_without_kid(true);
        assert_eq!(
            resolved_kids(&set, None, Algorithm::HS256),
            Ok(vec![some("a"), some("b")])
        );
        // Bounded: more than TRY_EACH_LIMIT keys of one algorithm are not tried.
        let mut many = KeySet::new().try_each_without_kid(true);
        for i in 0..=TRY_EACH_LIMIT {
            many.insert(k(&i.to_string(), 1)).unwrap();
        }
        assert_eq!(
            resolved_kids(&many, None, Algorithm::HS256),
            Err(ErrorKind::UnknownKeyId)
        );
    }
}
