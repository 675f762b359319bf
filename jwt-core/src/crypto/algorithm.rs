//! The signature algorithms: HS256, HS384 and HS512 (RFC 7518 section 3.2).
//!
//! There is deliberately no `none`: an unsigned token cannot be represented.

use std::fmt;

/// A JWS `alg` value this crate implements.
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
}

impl Algorithm {
    /// The `alg` header value, exactly as it appears in a token.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
        }
    }

    /// The minimum key length in bytes: the hash output size (RFC 7518 section 3.2).
    #[must_use]
    pub const fn min_key_len(self) -> usize {
        self.tag_len()
    }

    /// The length of the signature in bytes.
    #[must_use]
    pub const fn tag_len(self) -> usize {
        match self {
            Algorithm::HS256 => 32,
            Algorithm::HS384 => 48,
            Algorithm::HS512 => 64,
        }
    }

    /// Parses an `alg` value; case-sensitive, as RFC 7515 requires.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "HS256" => Some(Algorithm::HS256),
            "HS384" => Some(Algorithm::HS384),
            "HS512" => Some(Algorithm::HS512),
            _ => None,
        }
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
                f.write_str("an alg value this library implements (HS256, HS384, HS512)")
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

/// A type-level HMAC algorithm, the parameter of [`HmacKey`](crate::HmacKey).
///
/// Implemented by [`Hs256`], [`Hs384`] and [`Hs512`] only.
pub trait HmacAlgorithm: sealed::Sealed + Copy + Send + Sync + 'static {
    /// The algorithm as a value.
    const ALGORITHM: Algorithm;
    /// The SHA-2 function the `hmac` crate runs this algorithm's HMAC on.
    #[doc(hidden)]
    type Hash: crate::crypto::mac::Sha2;
    /// `base64url({"alg":"<alg>","typ":"JWT"})`, the header this crate writes by default.
    #[doc(hidden)]
    const JWT_HEADER_B64: &'static str;
    /// `base64url({"alg":"<alg>"})`.
    #[doc(hidden)]
    const BARE_HEADER_B64: &'static str;
}

macro_rules! hmac_alg {
    ($(#[$doc:meta])* $name:ident, $alg:ident, $digest:ty, $jwt:literal, $bare:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name;
        impl sealed::Sealed for $name {}
        impl HmacAlgorithm for $name {
            const ALGORITHM: Algorithm = Algorithm::$alg;
            type Hash = $digest;
            const JWT_HEADER_B64: &'static str = $jwt;
            const BARE_HEADER_B64: &'static str = $bare;
        }
    };
}

hmac_alg!(
    /// HS256: HMAC-SHA-256, 32-byte tag, keys of at least 32 bytes.
    Hs256, HS256, sha2::Sha256,
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
    "eyJhbGciOiJIUzI1NiJ9"
);
hmac_alg!(
    /// HS384: HMAC-SHA-384, 48-byte tag, keys of at least 48 bytes.
    Hs384, HS384, sha2::Sha384,
    "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
    "eyJhbGciOiJIUzM4NCJ9"
);
hmac_alg!(
    /// HS512: HMAC-SHA-512, 64-byte tag, keys of at least 64 bytes.
    Hs512, HS512, sha2::Sha512,
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
    "eyJhbGciOiJIUzUxMiJ9"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base64url;

    fn check<A: HmacAlgorithm>() {
        let alg = A::ALGORITHM.as_str();
        assert_eq!(
            base64url::encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes()),
            A::JWT_HEADER_B64
        );
        assert_eq!(
            base64url::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()),
            A::BARE_HEADER_B64
        );
    }

    #[test]
    fn constant_headers_match_their_json() {
        check::<Hs256>();
        check::<Hs384>();
        check::<Hs512>();
    }

    #[test]
    fn names_are_case_sensitive_and_none_does_not_exist() {
        assert_eq!(Algorithm::from_name("HS256"), Some(Algorithm::HS256));
        assert_eq!(Algorithm::from_name("hs256"), None);
        assert_eq!(Algorithm::from_name("none"), None);
        assert_eq!(Algorithm::from_name("RS256"), None);
        assert_eq!(Algorithm::HS384.min_key_len(), 48);
        assert_eq!(Algorithm::HS512.tag_len(), 64);
    }
}
