//! The signature algorithms of RFC 7518 section 3 and RFC 8037: HMAC (HS256, HS384, HS512),
//! ECDSA (ES256, ES384, ES512), EdDSA with Ed25519, and RSA (RS256..RS512 with PKCS #1 v1.5,
//! PS256..PS512 with PSS). Each has a marker type; keys are typed by it.
//!
//! There is deliberately no `none`: an unsigned token cannot be represented. Every algorithm
//! here is a value of [`Algorithm`] whatever the features, so a token naming one whose
//! family is not compiled in is still refused as a mismatch with the key, by name.

use std::fmt;

/// A JWS `alg` value this crate knows.
///
/// The key decides the algorithm; a token's header only has to agree with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// ECDSA with P-256 and SHA-256.
    ES256,
    /// ECDSA with P-384 and SHA-384.
    ES384,
    /// ECDSA with P-521 and SHA-512.
    ES512,
    /// EdDSA (RFC 8037); this crate implements it with Ed25519.
    EdDSA,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256 (MGF1 with SHA-256, 32-byte salt).
    PS256,
    /// RSASSA-PSS with SHA-384 (MGF1 with SHA-384, 48-byte salt).
    PS384,
    /// RSASSA-PSS with SHA-512 (MGF1 with SHA-512, 64-byte salt).
    PS512,
}

/// The kind of key an algorithm needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// A shared secret (`kty: "oct"`).
    Hmac,
    /// An elliptic-curve key on a NIST curve (`kty: "EC"`).
    Ecdsa,
    /// An Ed25519 key (`kty: "OKP"`).
    EdDsa,
    /// An RSA key (`kty: "RSA"`).
    Rsa,
}

impl Algorithm {
    /// Every algorithm, in the order of RFC 7518's table.
    pub const ALL: [Algorithm; 13] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::EdDSA,
    ];

    /// The `alg` header value, exactly as it appears in a token.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
        }
    }

    /// The kind of key the algorithm needs.
    #[must_use]
    pub const fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 => Family::Ecdsa,
            Algorithm::EdDSA => Family::EdDsa,
            Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512 => Family::Rsa,
        }
    }

    /// For HMAC, the minimum secret length in bytes: the hash output size (RFC 7518 section
    /// 3.2). `None` for the other families, whose keys are not byte strings of a length.
    #[must_use]
    pub const fn min_key_len(self) -> Option<usize> {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => self.signature_len(),
            _ => None,
        }
    }

    /// The length of a signature in bytes, when the algorithm fixes it: the HMAC tag, the
    /// ECDSA `r || s` (RFC 7518 section 3.4) and the Ed25519 signature. `None` for RSA, whose
    /// signatures are as long as the key's modulus.
    #[must_use]
    pub const fn signature_len(self) -> Option<usize> {
        match self {
            Algorithm::HS256 => Some(32),
            Algorithm::HS384 => Some(48),
            Algorithm::HS512 => Some(64),
            Algorithm::ES256 => Some(64),
            Algorithm::ES384 => Some(96),
            Algorithm::ES512 => Some(132),
            Algorithm::EdDSA => Some(64),
            _ => None,
        }
    }

    /// `base64url({"alg":"<alg>","typ":"JWT"})`, the header this crate writes by default.
    #[must_use]
    pub(crate) const fn jwt_header_b64(self) -> &'static str {
        match self {
            Algorithm::HS256 => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            Algorithm::HS384 => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
            Algorithm::HS512 => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
            Algorithm::ES256 => "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9",
            Algorithm::ES384 => "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9",
            Algorithm::ES512 => "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9",
            Algorithm::EdDSA => "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9",
            Algorithm::RS256 => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9",
            Algorithm::RS384 => "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9",
            Algorithm::RS512 => "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9",
            Algorithm::PS256 => "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9",
            Algorithm::PS384 => "eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9",
            Algorithm::PS512 => "eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9",
        }
    }

    /// `base64url({"alg":"<alg>"})`.
    #[must_use]
    pub(crate) const fn bare_header_b64(self) -> &'static str {
        match self {
            Algorithm::HS256 => "eyJhbGciOiJIUzI1NiJ9",
            Algorithm::HS384 => "eyJhbGciOiJIUzM4NCJ9",
            Algorithm::HS512 => "eyJhbGciOiJIUzUxMiJ9",
            Algorithm::ES256 => "eyJhbGciOiJFUzI1NiJ9",
            Algorithm::ES384 => "eyJhbGciOiJFUzM4NCJ9",
            Algorithm::ES512 => "eyJhbGciOiJFUzUxMiJ9",
            Algorithm::EdDSA => "eyJhbGciOiJFZERTQSJ9",
            Algorithm::RS256 => "eyJhbGciOiJSUzI1NiJ9",
            Algorithm::RS384 => "eyJhbGciOiJSUzM4NCJ9",
            Algorithm::RS512 => "eyJhbGciOiJSUzUxMiJ9",
            Algorithm::PS256 => "eyJhbGciOiJQUzI1NiJ9",
            Algorithm::PS384 => "eyJhbGciOiJQUzM4NCJ9",
            Algorithm::PS512 => "eyJhbGciOiJQUzUxMiJ9",
        }
    }

    /// Parses an `alg` value; case-sensitive, as RFC 7515 requires.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// As its `alg` value (`"HS256"`).
impl serde::Serialize for Algorithm {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// From its `alg` value, case-sensitive; any other string (`none` included) is refused.
impl<'de> serde::Deserialize<'de> for Algorithm {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Algorithm;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an alg value of RFC 7518 or RFC 8037 (HS256, ES256, EdDSA, RS256, ...)",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Algorithm, E> {
                Algorithm::from_name(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(V)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A type-level algorithm: the parameter of the typed keys.
///
/// Implemented by the marker types [`Hs256`] ... [`Ps512`] only.
pub trait JwsAlgorithm: sealed::Sealed + Copy + Send + Sync + 'static {
    /// The algorithm as a value.
    const ALGORITHM: Algorithm;
}

/// A type-level HMAC algorithm, the parameter of [`HmacKey`](crate::HmacKey).
///
/// Implemented by [`Hs256`], [`Hs384`] and [`Hs512`] only.
pub trait HmacAlgorithm: JwsAlgorithm {
    /// The SHA-2 function the `hmac` crate runs this algorithm's HMAC on.
    #[doc(hidden)]
    type Hash: crate::crypto::mac::Sha2;
}

macro_rules! marker {
    ($(#[$doc:meta])* $name:ident, $alg:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name;
        impl sealed::Sealed for $name {}
        impl JwsAlgorithm for $name {
            const ALGORITHM: Algorithm = Algorithm::$alg;
        }
    };
}

marker!(
    /// HS256: HMAC-SHA-256, 32-byte tag, keys of at least 32 bytes.
    Hs256, HS256
);
marker!(
    /// HS384: HMAC-SHA-384, 48-byte tag, keys of at least 48 bytes.
    Hs384, HS384
);
marker!(
    /// HS512: HMAC-SHA-512, 64-byte tag, keys of at least 64 bytes.
    Hs512, HS512
);
marker!(
    /// ES256: ECDSA on P-256 with SHA-256; 64-byte `r || s` signatures.
    Es256, ES256
);
marker!(
    /// ES384: ECDSA on P-384 with SHA-384; 96-byte `r || s` signatures.
    Es384, ES384
);
marker!(
    /// ES512: ECDSA on P-521 with SHA-512; 132-byte `r || s` signatures.
    Es512, ES512
);
marker!(
    /// EdDSA with Ed25519 (RFC 8037); 64-byte signatures.
    EdDsa, EdDSA
);
marker!(
    /// RS256: RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256, RS256
);
marker!(
    /// RS384: RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384, RS384
);
marker!(
    /// RS512: RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512, RS512
);
marker!(
    /// PS256: RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
    Ps256, PS256
);
marker!(
    /// PS384: RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt.
    Ps384, PS384
);
marker!(
    /// PS512: RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt.
    Ps512, PS512
);

/// No pinned algorithm: the default of a claims type without `#[claims(alg = "...")]`,
/// which any key fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnyAlgorithm;

/// What a claims type may be pinned to: an algorithm's marker type, or [`AnyAlgorithm`].
pub trait Pin: sealed::Sealed + Send + Sync + 'static {}
impl sealed::Sealed for AnyAlgorithm {}
impl Pin for AnyAlgorithm {}
impl<A: JwsAlgorithm> Pin for A {}

impl HmacAlgorithm for Hs256 {
    type Hash = sha2::Sha256;
}
impl HmacAlgorithm for Hs384 {
    type Hash = sha2::Sha384;
}
impl HmacAlgorithm for Hs512 {
    type Hash = sha2::Sha512;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base64url;

    #[test]
    fn constant_headers_match_their_json() {
        for alg in Algorithm::ALL {
            let name = alg.as_str();
            assert_eq!(
                base64url::encode(format!(r#"{{"alg":"{name}","typ":"JWT"}}"#).as_bytes()),
                alg.jwt_header_b64()
            );
            assert_eq!(
                base64url::encode(format!(r#"{{"alg":"{name}"}}"#).as_bytes()),
                alg.bare_header_b64()
            );
            assert_eq!(Algorithm::from_name(name), Some(alg));
        }
    }

    #[test]
    fn names_are_case_sensitive_and_none_does_not_exist() {
        assert_eq!(Algorithm::from_name("HS256"), Some(Algorithm::HS256));
        assert_eq!(Algorithm::from_name("hs256"), None);
        assert_eq!(Algorithm::from_name("none"), None);
        assert_eq!(Algorithm::from_name("EDDSA"), None);
        assert_eq!(Algorithm::from_name("Ed25519"), None);
        assert_eq!(Algorithm::from_name("RS256"), Some(Algorithm::RS256));
        assert_eq!(Algorithm::HS384.min_key_len(), Some(48));
        assert_eq!(Algorithm::ES256.min_key_len(), None);
        assert_eq!(Algorithm::HS512.signature_len(), Some(64));
        assert_eq!(Algorithm::ES512.signature_len(), Some(132));
        assert_eq!(Algorithm::PS256.signature_len(), None);
        assert_eq!(Algorithm::EdDSA.family(), Family::EdDsa);
    }

    #[test]
    fn marker_types_name_their_algorithm() {
        assert_eq!(Es384::ALGORITHM, Algorithm::ES384);
        assert_eq!(EdDsa::ALGORITHM, Algorithm::EdDSA);
        assert_eq!(Ps512::ALGORITHM, Algorithm::PS512);
    }
}
