//! Keys from files: `--key-file` (PEM, DER or JWK, told apart by content) and `--jwks-file`,
//! and `jwt keygen`. Without the `asymmetric` feature, an asymmetric algorithm or key file
//! is an input error that says how to get one.

use std::io::Read;
use std::path::Path;

use jwt_core::jwk::{describe_key, KeyDescription, KeyFormat};
use jwt_core::{Algorithm, HmacKey, Hs256, Hs384, Hs512, KeySet, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::args::{Alg, KeyArgs};
use crate::secret;
use crate::Failure;

/// The largest key file read: a 8192-bit RSA private key as JWK is under 10 KB; a JWK Set
/// is bounded by jwt-core at 256 KiB.
const KEY_FILE_MAX: u64 = 1 << 20;

/// A file's bytes, wiped when dropped (it may hold a private key), at most
/// [`KEY_FILE_MAX`].
pub fn read_file(path: &Path, what: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let cannot = |e: std::io::Error| {
        Failure::Input(format!("cannot read the {what} {}: {e}", path.display()))
    };
    let mut bytes = Zeroizing::new(Vec::new());
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(KEY_FILE_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > KEY_FILE_MAX {
        return Err(Failure::Input(format!(
            "the {what} {} is larger than {} KiB; it is not a key",
            path.display(),
            KEY_FILE_MAX >> 10
        )));
    }
    Ok(bytes)
}

/// The algorithm of a name from the command line.
pub fn algorithm(alg: Alg) -> Algorithm {
    Algorithm::from_name(alg.name()).unwrap_or(Algorithm::HS256)
}

/// The key `encode` signs with: a secret (HS256 unless `--alg` says otherwise) or a
/// `--key-file` (its algorithm unless `--alg` names another of the same family).
pub fn signing_key(
    alg: Option<Alg>,
    kid: Option<String>,
    keys: &KeyArgs,
) -> Result<Box<dyn SigningKey>, Failure> {
    if let Some(path) = &keys.jwks_file {
        return Err(Failure::Input(format!(
            "--jwks-file {} holds public keys, which only verify; sign with --key-file and a \
             private key",
            path.display()
        )));
    }
    let Some(path) = &keys.key_file else {
        return secret_key(alg.unwrap_or(Alg::Hs256), kid, keys).map(Private::into_signing);
    };
    let bytes = read_file(path, "key file")?;
    let described = describe(path, &bytes)?;
    let alg = chosen(alg, &described, path)?;
    if !described.private {
        return Err(Failure::Input(format!(
            "{} holds a public key; signing needs the private key",
            path.display()
        )));
    }
    let at = |e: jwt_core::Error| Failure::Input(format!("{}: {e}", path.display()));
    read_private(alg, described.format, &bytes, kid)
        .map(Private::into_signing)
        .map_err(at)
}

/// The key `verify` checks with: a secret, a `--key-file` (public or private), or a
/// `--jwks-file` (the token's `kid` and `alg` choose the key; keys the set's reader skipped
/// are listed on stderr).
pub fn verifying_key(alg: Option<Alg>, keys: &KeyArgs) -> Result<Box<dyn VerifyingKey>, Failure> {
    if let Some(path) = &keys.jwks_file {
        if let Some(alg) = alg {
            return Err(Failure::Input(format!(
                "--alg {} with --jwks-file: each key in a JWK Set has its algorithm; drop --alg",
                alg.name()
            )));
        }
        let bytes = read_file(path, "JWK Set file")?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            Failure::Input(format!(
                "{} is not UTF-8 text, so not a JWK Set",
                path.display()
            ))
        })?;
        let set = KeySet::from_jwk_set(text)
            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
        for reason in set.skipped() {
            eprintln!("note: {}: skipped {reason}", path.display());
        }
        return Ok(Box::new(set));
    }
    let Some(path) = &keys.key_file else {
        return secret_key(alg.unwrap_or(Alg::Hs256), None, keys).map(Private::into_verifying);
    };
    let bytes = read_file(path, "key file")?;
    let described = describe(path, &bytes)?;
    let alg = chosen(alg, &described, path)?;
    let at = |e: jwt_core::Error| Failure::Input(format!("{}: {e}", path.display()));
    if described.private {
        // A private key verifies as its public half does.
        return read_private(alg, described.format, &bytes, None)
            .map(Private::into_verifying)
            .map_err(at);
    }
    read_public(alg, described.format, &bytes).map_err(at)
}

/// What the file holds, or why it is not a key.
fn describe(path: &Path, bytes: &[u8]) -> Result<KeyDescription, Failure> {
    #[cfg(not(feature = "asymmetric"))]
    if !bytes.trim_ascii_start().starts_with(b"{") {
        return Err(Failure::Input(format!(
            "{}: this jwt was built without the asymmetric algorithms, so it reads key files \
             only as JWK; install it with `cargo install --path . --features asymmetric`",
            path.display()
        )));
    }
    describe_key(bytes).map_err(|e| {
        let hint = if e.to_string().contains("JWK Set") {
            " (give a JWK Set with --jwks-file)"
        } else {
            ""
        };
        Failure::Input(format!("{}: {e}{hint}", path.display()))
    })
}

/// The algorithm to use: `--alg` when given (which must be of the key's family), else the
/// one the key implies.
fn chosen(alg: Option<Alg>, described: &KeyDescription, path: &Path) -> Result<Algorithm, Failure> {
    let implied = described.algorithm;
    let Some(alg) = alg else {
        return Ok(implied);
    };
    let wanted = algorithm(alg);
    if wanted.family() != implied.family() {
        return Err(Failure::Input(format!(
            "--alg {wanted}: {} holds {} key ({})",
            path.display(),
            family_name(implied),
            implied
        )));
    }
    Ok(wanted)
}

fn family_name(alg: Algorithm) -> &'static str {
    match alg.family() {
        jwt_core::algorithm::Family::Hmac => "a symmetric (HMAC)",
        jwt_core::algorithm::Family::Ecdsa => "an ECDSA",
        jwt_core::algorithm::Family::EdDsa => "an EdDSA",
        _ => "an RSA",
    }
}

/// An HMAC key from `--secret-*`.
fn secret_key(alg: Alg, kid: Option<String>, keys: &KeyArgs) -> Result<Private, Failure> {
    let alg = algorithm(alg);
    if alg.family() != jwt_core::algorithm::Family::Hmac {
        return Err(Failure::Input(format!(
            "--alg {alg} needs --key-file ({} key); a secret is for HS256, HS384 and HS512",
            family_name(alg)
        )));
    }
    let bytes = secret::read(&keys.secret())?;
    let input = |e: jwt_core::Error| Failure::Input(e.to_string());
    let key = match alg {
        Algorithm::HS384 => Private::Hs384(HmacKey::from_secret(&bytes).map_err(input)?),
        Algorithm::HS512 => Private::Hs512(HmacKey::from_secret(&bytes).map_err(input)?),
        _ => Private::Hs256(HmacKey::from_secret(&bytes).map_err(input)?),
    };
    Ok(match kid {
        Some(kid) => key.with_kid(kid),
        None => key,
    })
}

/// Applies `$f` to the key in any variant of [`Private`].
macro_rules! each {
    ($key:expr, |$k:ident| $body:expr) => {
        match $key {
            Private::Hs256($k) => $body,
            Private::Hs384($k) => $body,
            Private::Hs512($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Es256($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Es384($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Es512($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::EdDsa($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Rs256($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Rs384($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Rs512($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Ps256($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Ps384($k) => $body,
            #[cfg(feature = "asymmetric")]
            Private::Ps512($k) => $body,
        }
    };
}

/// A signing key of any algorithm.
pub enum Private {
    Hs256(HmacKey<Hs256>),
    Hs384(HmacKey<Hs384>),
    Hs512(HmacKey<Hs512>),
    #[cfg(feature = "asymmetric")]
    Es256(jwt_core::Es256Key),
    #[cfg(feature = "asymmetric")]
    Es384(jwt_core::Es384Key),
    #[cfg(feature = "asymmetric")]
    Es512(jwt_core::Es512Key),
    #[cfg(feature = "asymmetric")]
    EdDsa(jwt_core::Ed25519Key),
    #[cfg(feature = "asymmetric")]
    Rs256(jwt_core::Rs256Key),
    #[cfg(feature = "asymmetric")]
    Rs384(jwt_core::Rs384Key),
    #[cfg(feature = "asymmetric")]
    Rs512(jwt_core::Rs512Key),
    #[cfg(feature = "asymmetric")]
    Ps256(jwt_core::Ps256Key),
    #[cfg(feature = "asymmetric")]
    Ps384(jwt_core::Ps384Key),
    #[cfg(feature = "asymmetric")]
    Ps512(jwt_core::Ps512Key),
}

impl Private {
    fn with_kid(self, kid: String) -> Self {
        macro_rules! kid {
            ($($v:ident),*) => {
                match self {
                    $(Private::$v(k) => Private::$v(k.with_kid(kid)),)*
                    #[allow(unreachable_patterns)]
                    other => other,
                }
            };
        }
        #[cfg(feature = "asymmetric")]
        return kid!(
            Hs256, Hs384, Hs512, Es256, Es384, Es512, EdDsa, Rs256, Rs384, Rs512, Ps256, Ps384,
            Ps512
        );
        #[cfg(not(feature = "asymmetric"))]
        return kid!(Hs256, Hs384, Hs512);
    }

    pub fn into_signing(self) -> Box<dyn SigningKey> {
        each!(self, |k| Box::new(k))
    }

    pub fn into_verifying(self) -> Box<dyn VerifyingKey> {
        each!(self, |k| Box::new(k))
    }
}

/// The error for an asymmetric algorithm in a build without them.
#[cfg(not(feature = "asymmetric"))]
fn not_built(alg: Algorithm) -> jwt_core::Error {
    jwt_core::Error::with_detail(
        jwt_core::ErrorKind::InvalidKey,
        format!(
            "this jwt was built without the asymmetric algorithms ({alg}); install it with \
             `cargo install --path . --features asymmetric`"
        ),
    )
}

/// A key document as text (JWK and PEM are).
fn text(bytes: &[u8]) -> Result<&str, jwt_core::Error> {
    std::str::from_utf8(bytes).map_err(|_| {
        jwt_core::Error::with_detail(jwt_core::ErrorKind::InvalidKey, "the key is not UTF-8")
    })
}

/// Reads a private key (or an HMAC JWK) of `alg` written as `format`.
fn read_private(
    alg: Algorithm,
    format: KeyFormat,
    bytes: &[u8],
    kid: Option<String>,
) -> Result<Private, jwt_core::Error> {
    let text = || text(bytes);
    let key = match (alg, format) {
        (Algorithm::HS256, KeyFormat::Jwk) => Private::Hs256(HmacKey::from_jwk(text()?)?),
        (Algorithm::HS384, KeyFormat::Jwk) => Private::Hs384(HmacKey::from_jwk(text()?)?),
        (Algorithm::HS512, KeyFormat::Jwk) => Private::Hs512(HmacKey::from_jwk(text()?)?),
        #[cfg(feature = "asymmetric")]
        (alg, format) => asymmetric::read_private(alg, format, bytes)?,
        #[cfg(not(feature = "asymmetric"))]
        (alg, _) => return Err(not_built(alg)),
    };
    Ok(match kid {
        Some(kid) => key.with_kid(kid),
        None => key,
    })
}

/// Reads a public key of `alg` written as `format`.
fn read_public(
    alg: Algorithm,
    format: KeyFormat,
    bytes: &[u8],
) -> Result<Box<dyn VerifyingKey>, jwt_core::Error> {
    #[cfg(feature = "asymmetric")]
    return asymmetric::read_public(alg, format, bytes);
    #[cfg(not(feature = "asymmetric"))]
    {
        let _ = (format, bytes);
        Err(not_built(alg))
    }
}

#[cfg(feature = "asymmetric")]
mod asymmetric {
    use jwt_core::jwk::KeyFormat;
    use jwt_core::{
        Algorithm, Ed25519Key, Ed25519PublicKey, Error, ErrorKind, Es256Key, Es256PublicKey,
        Es384Key, Es384PublicKey, Es512Key, Es512PublicKey, Ps256Key, Ps256PublicKey, Ps384Key,
        Ps384PublicKey, Ps512Key, Ps512PublicKey, Rs256Key, Rs256PublicKey, Rs384Key,
        Rs384PublicKey, Rs512Key, Rs512PublicKey, VerifyingKey,
    };

    use super::{text, Private};

    /// A constructor from DER.
    type FromDer<T> = fn(&[u8]) -> Result<T, Error>;

    /// The first DER reader that accepts the bytes, else the first one's error.
    fn first<T>(bytes: &[u8], readers: &[FromDer<T>]) -> Result<T, Error> {
        let mut first_error = None;
        for read in readers {
            match read(bytes) {
                Ok(key) => return Ok(key),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| Error::new(ErrorKind::InvalidKey)))
    }

    macro_rules! private {
        ($variant:ident, $ty:ty, $format:expr, $bytes:expr, [$($der:path),*]) => {
            Private::$variant(match $format {
                KeyFormat::Jwk => <$ty>::from_jwk(text($bytes)?)?,
                KeyFormat::Pem => <$ty>::from_pem(text($bytes)?)?,
                _ => first($bytes, &[$($der),*])?,
            })
        };
    }

    macro_rules! public {
        ($ty:ty, $format:expr, $bytes:expr, [$($der:path),*]) => {
            Box::new(match $format {
                KeyFormat::Jwk => <$ty>::from_jwk(text($bytes)?)?,
                KeyFormat::Pem => <$ty>::from_pem(text($bytes)?)?,
                _ => first($bytes, &[$($der),*])?,
            })
        };
    }

    pub(super) fn read_private(
        alg: Algorithm,
        format: KeyFormat,
        bytes: &[u8],
    ) -> Result<Private, Error> {
        Ok(match alg {
            Algorithm::ES256 => private!(
                Es256,
                Es256Key,
                format,
                bytes,
                [Es256Key::from_pkcs8_der, Es256Key::from_sec1_der]
            ),
            Algorithm::ES384 => private!(
                Es384,
                Es384Key,
                format,
                bytes,
                [Es384Key::from_pkcs8_der, Es384Key::from_sec1_der]
            ),
            Algorithm::ES512 => private!(
                Es512,
                Es512Key,
                format,
                bytes,
                [Es512Key::from_pkcs8_der, Es512Key::from_sec1_der]
            ),
            Algorithm::EdDSA => private!(
                EdDsa,
                Ed25519Key,
                format,
                bytes,
                [Ed25519Key::from_pkcs8_der]
            ),
            Algorithm::RS256 => private!(
                Rs256,
                Rs256Key,
                format,
                bytes,
                [Rs256Key::from_pkcs8_der, Rs256Key::from_pkcs1_der]
            ),
            Algorithm::RS384 => private!(
                Rs384,
                Rs384Key,
                format,
                bytes,
                [Rs384Key::from_pkcs8_der, Rs384Key::from_pkcs1_der]
            ),
            Algorithm::RS512 => private!(
                Rs512,
                Rs512Key,
                format,
                bytes,
                [Rs512Key::from_pkcs8_der, Rs512Key::from_pkcs1_der]
            ),
            Algorithm::PS256 => private!(
                Ps256,
                Ps256Key,
                format,
                bytes,
                [Ps256Key::from_pkcs8_der, Ps256Key::from_pkcs1_der]
            ),
            Algorithm::PS384 => private!(
                Ps384,
                Ps384Key,
                format,
                bytes,
                [Ps384Key::from_pkcs8_der, Ps384Key::from_pkcs1_der]
            ),
            Algorithm::PS512 => private!(
                Ps512,
                Ps512Key,
                format,
                bytes,
                [Ps512Key::from_pkcs8_der, Ps512Key::from_pkcs1_der]
            ),
            other => {
                return Err(Error::with_detail(
                    ErrorKind::InvalidKey,
                    format!(
                        "an {other} key is an HMAC secret; give it as a JWK or with --secret-*"
                    ),
                ))
            }
        })
    }

    pub(super) fn read_public(
        alg: Algorithm,
        format: KeyFormat,
        bytes: &[u8],
    ) -> Result<Box<dyn VerifyingKey>, Error> {
        Ok(match alg {
            Algorithm::ES256 => public!(Es256PublicKey, format, bytes, [Es256PublicKey::from_der]),
            Algorithm::ES384 => public!(Es384PublicKey, format, bytes, [Es384PublicKey::from_der]),
            Algorithm::ES512 => public!(Es512PublicKey, format, bytes, [Es512PublicKey::from_der]),
            Algorithm::EdDSA => public!(
                Ed25519PublicKey,
                format,
                bytes,
                [Ed25519PublicKey::from_der]
            ),
            Algorithm::RS256 => public!(
                Rs256PublicKey,
                format,
                bytes,
                [Rs256PublicKey::from_der, Rs256PublicKey::from_pkcs1_der]
            ),
            Algorithm::RS384 => public!(
                Rs384PublicKey,
                format,
                bytes,
                [Rs384PublicKey::from_der, Rs384PublicKey::from_pkcs1_der]
            ),
            Algorithm::RS512 => public!(
                Rs512PublicKey,
                format,
                bytes,
                [Rs512PublicKey::from_der, Rs512PublicKey::from_pkcs1_der]
            ),
            Algorithm::PS256 => public!(
                Ps256PublicKey,
                format,
                bytes,
                [Ps256PublicKey::from_der, Ps256PublicKey::from_pkcs1_der]
            ),
            Algorithm::PS384 => public!(
                Ps384PublicKey,
                format,
                bytes,
                [Ps384PublicKey::from_der, Ps384PublicKey::from_pkcs1_der]
            ),
            Algorithm::PS512 => public!(
                Ps512PublicKey,
                format,
                bytes,
                [Ps512PublicKey::from_der, Ps512PublicKey::from_pkcs1_der]
            ),
            other => {
                return Err(Error::with_detail(
                    ErrorKind::InvalidKey,
                    format!("an {other} key is an HMAC secret, never public"),
                ))
            }
        })
    }
}
