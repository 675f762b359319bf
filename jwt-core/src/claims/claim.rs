//! The registered claims (RFC 7519 section 4.1) by name, and claim names in errors.

use std::borrow::Cow;

use crate::error::{truncate, ClaimName, Error, ErrorKind};

/// A registered claim (RFC 7519 section 4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`, the issuer.
    Iss,
    /// `sub`, the subject.
    Sub,
    /// `aud`, the audience.
    Aud,
    /// `exp`, the expiration time.
    Exp,
    /// `nbf`, the not-before time.
    Nbf,
    /// `iat`, the issued-at time.
    Iat,
    /// `jti`, the token id.
    Jti,
}

impl Claim {
    /// The claim's name in a token.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Claim::Iss => "iss",
            Claim::Sub => "sub",
            Claim::Aud => "aud",
            Claim::Exp => "exp",
            Claim::Nbf => "nbf",
            Claim::Iat => "iat",
            Claim::Jti => "jti",
        }
    }

    pub(crate) const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The registered claim a member name is, if any.
pub(crate) const fn registered(name: &str) -> Option<Claim> {
    match name.as_bytes() {
        b"iss" => Some(Claim::Iss),
        b"sub" => Some(Claim::Sub),
        b"aud" => Some(Claim::Aud),
        b"exp" => Some(Claim::Exp),
        b"nbf" => Some(Claim::Nbf),
        b"iat" => Some(Claim::Iat),
        b"jti" => Some(Claim::Jti),
        _ => None,
    }
}

/// A claim name for an error: static for registered claims, owned (and bounded) otherwise.
pub(crate) fn claim_name(name: &str) -> ClaimName {
    match registered(name) {
        Some(claim) => Cow::Borrowed(claim.name()),
        None => Cow::Owned(truncate(name, 64)),
    }
}

/// The refusal of a claims object that names a member twice (the signer's and the reader's).
pub(crate) fn duplicate_member(name: &str) -> Error {
    Error::with_detail(
        ErrorKind::MalformedClaims,
        format!("duplicate member {:?}", truncate(name, 64)),
    )
}
