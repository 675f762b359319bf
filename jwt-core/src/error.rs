//! The one error type of the crate.

use std::borrow::Cow;
use std::fmt;

/// The name of a claim, as it appears in the token (`"exp"`, `"aud"`, or a private claim name).
pub type ClaimName = Cow<'static, str>;

/// What went wrong, as a value that can be matched on.
///
/// Each variant names one failure of the verify pipeline (or of signing, or of building a key).
/// New kinds may be added in later versions, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The token is not three base64url segments separated by dots (or a segment is empty
    /// where it must not be, or it contains a character outside `[A-Za-z0-9_-.]`).
    MalformedToken,
    /// The header segment is not strict base64url of a UTF-8 JSON object with well-typed,
    /// unique members.
    MalformedHeader,
    /// The claims segment is not strict base64url of a UTF-8 JSON object with unique members,
    /// or it does not deserialize into the claims type.
    MalformedClaims,
    /// A size or nesting limit was exceeded; the limit is in the message.
    LimitExceeded,
    /// The header's `alg` is not the algorithm of the key that verifies the token.
    AlgorithmNotAllowed,
    /// The header carries `crit` (or another extension this crate does not implement, such as `b64`).
    UnsupportedCriticalHeader,
    /// The header's `typ` is missing or differs from the one expected.
    InvalidTyp,
    /// The signature is not a valid tag for this key over the received bytes.
    InvalidSignature,
    /// The key material is unusable (too short, empty, or not strict base64url).
    InvalidKey,
    /// A verifier or signer setting is outside its documented range (a leeway or `max_age`
    /// above its limit); the limit is in the message.
    InvalidConfiguration,
    /// A key set has no key for the token's `kid`, or the token has no `kid`.
    UnknownKeyId,
    /// A claim that must be present is absent.
    MissingClaim(ClaimName),
    /// A claim is present with the wrong JSON type or an out-of-range value (`null` included).
    InvalidClaimType(ClaimName),
    /// A claim's value breaks a validation rule of the claims type.
    InvalidClaim(ClaimName),
    /// The current time is at or after `exp` (plus leeway).
    Expired,
    /// The current time is before `nbf` (minus leeway).
    NotYetValid,
    /// `iat` is later than the current time (plus leeway).
    IssuedInFuture,
    /// `iat` is further in the past than the maximum age allows.
    TooOld,
    /// The token's `aud` does not contain an audience the verifier identifies with.
    InvalidAudience,
    /// The token's `iss` is not one of the expected issuers.
    InvalidIssuer,
    /// The token's `sub` is not the expected subject.
    InvalidSubject,
    /// The claims could not be serialized when signing.
    Serialization,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::MalformedToken => f.write_str("malformed token"),
            ErrorKind::MalformedHeader => f.write_str("malformed header"),
            ErrorKind::MalformedClaims => f.write_str("malformed claims"),
            ErrorKind::LimitExceeded => f.write_str("limit exceeded"),
            ErrorKind::AlgorithmNotAllowed => f.write_str("algorithm not allowed"),
            ErrorKind::UnsupportedCriticalHeader => f.write_str("unsupported critical header"),
            ErrorKind::InvalidTyp => f.write_str("invalid typ"),
            ErrorKind::InvalidSignature => f.write_str("invalid signature"),
            ErrorKind::InvalidKey => f.write_str("invalid key"),
            ErrorKind::InvalidConfiguration => f.write_str("invalid configuration"),
            ErrorKind::UnknownKeyId => f.write_str("unknown key id"),
            ErrorKind::MissingClaim(name) => write!(f, "missing claim `{name}`"),
            ErrorKind::InvalidClaimType(name) => write!(f, "invalid type for claim `{name}`"),
            ErrorKind::InvalidClaim(name) => write!(f, "invalid claim `{name}`"),
            ErrorKind::Expired => f.write_str("token expired"),
            ErrorKind::NotYetValid => f.write_str("token not yet valid"),
            ErrorKind::IssuedInFuture => f.write_str("token issued in the future"),
            ErrorKind::TooOld => f.write_str("token too old"),
            ErrorKind::InvalidAudience => f.write_str("invalid audience"),
            ErrorKind::InvalidIssuer => f.write_str("invalid issuer"),
            ErrorKind::InvalidSubject => f.write_str("invalid subject"),
            ErrorKind::Serialization => f.write_str("claims could not be serialized"),
        }
    }
}

/// The error of every fallible operation in this crate.
///
/// [`Error::kind`] says what failed; `Display` gives a one-line, lowercase reason that never
/// contains key material; [`std::error::Error::source`] gives the underlying parser error
/// where there is one.
///
/// One pointer wide (its contents are boxed), so a `Result` carrying it stays small on the
/// paths that succeed.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    detail: Option<Cow<'static, str>>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// An error of this kind, with no further detail.
    #[must_use]
    #[cold]
    pub fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Inner {
            kind,
            detail: None,
            source: None,
        }))
    }

    /// An error of this kind with a detail shown after the kind in `Display`.
    ///
    /// The detail must not contain secrets; it is meant for limits, times and claim values
    /// that the caller may log.
    #[must_use]
    #[cold]
    pub fn with_detail(kind: ErrorKind, detail: impl Into<Cow<'static, str>>) -> Self {
        Error(Box::new(Inner {
            kind,
            detail: Some(detail.into()),
            source: None,
        }))
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.0.source = Some(Box::new(source));
        self
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The detail after the kind, if any (a limit, a time, the offending position).
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.0.kind);
        if let Some(detail) = &self.0.detail {
            d.field("detail", detail);
        }
        if let Some(source) = &self.0.source {
            d.field("source", source);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.kind, f)?;
        if let Some(detail) = &self.0.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Bounds attacker-chosen text that goes into an error message.
pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    let mut out: String = s.chars().take(max_chars).collect();
    if s.chars().nth(max_chars).is_some() {
        out.push_str("...");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn display_is_lowercase_without_final_period() {
        let kinds = [
            ErrorKind::MalformedToken,
            ErrorKind::MissingClaim("exp".into()),
            ErrorKind::InvalidClaimType("aud".into()),
            ErrorKind::Expired,
            ErrorKind::InvalidAudience,
        ];
        for kind in kinds {
            let text = Error::new(kind).to_string();
            assert!(text.starts_with(|c: char| c.is_ascii_lowercase()), "{text}");
            assert!(!text.ends_with('.'), "{text}");
        }
        assert_eq!(
            Error::new(ErrorKind::MissingClaim("exp".into())).to_string(),
            "missing claim `exp`"
        );
        assert_eq!(
            Error::with_detail(ErrorKind::LimitExceeded, "token is 9000 bytes, limit 8192")
                .to_string(),
            "limit exceeded: token is 9000 bytes, limit 8192"
        );
    }

    #[test]
    fn source_is_kept() {
        let json_err = serde_json::from_str::<u8>("x").unwrap_err();
        let err = Error::new(ErrorKind::MalformedClaims).with_source(json_err);
        assert!(err.source().is_some());
        assert!(Error::new(ErrorKind::Expired).source().is_none());
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        assert_eq!(
            std::mem::size_of::<Result<(), Error>>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: Send + Sync + 'static + std::error::Error>() {}
        assert_traits::<Error>();
    }
}
