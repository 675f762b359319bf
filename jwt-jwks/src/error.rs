//! What can go wrong fetching a JWK Set, and verifying a token against one.

use std::fmt;
use std::sync::Arc;

/// Why a fetch of a JWK Set (or of an OpenID Connect discovery document) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchErrorKind {
    /// The address is not `https` (and not a loopback `http` address, and `http` was not
    /// allowed), or does not parse.
    InsecureUrl,
    /// The server answered with a redirect; redirects are never followed.
    Redirect,
    /// The server answered with a status other than 200.
    Status(u16),
    /// The response's `Content-Type` is not JSON.
    ContentType,
    /// The body is longer than the configured cap.
    TooLarge,
    /// The set has more keys than the configured cap.
    TooManyKeys,
    /// No complete answer within the configured timeout.
    Timeout,
    /// The connection or the HTTP exchange failed.
    Http,
    /// The body is not a JWK Set this crate can use (not JSON, no `keys`, no usable key).
    InvalidKeySet,
    /// The discovery document is not JSON, has no `jwks_uri`, or names another issuer.
    InvalidDiscovery,
}

/// A failed fetch: its kind, and a message for logs (the address and the reason, never key
/// material).
#[derive(Debug, Clone)]
pub struct FetchError {
    kind: FetchErrorKind,
    message: String,
}

impl FetchError {
    pub(crate) fn new(kind: FetchErrorKind, message: impl Into<String>) -> Self {
        FetchError {
            kind,
            message: message.into(),
        }
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &FetchErrorKind {
        &self.kind
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FetchError {}

/// Why a token was not verified against a remote JWK Set.
#[derive(Debug)]
#[non_exhaustive]
pub enum VerifyError {
    /// The token was refused: malformed, signed by no key of the set (after a refresh, when
    /// the cooldown allowed one), expired, and so on. The client's fault.
    Token(jwt_core::Error),
    /// No usable key set: none was fetched yet, or the last good one is older than the
    /// allowed staleness. The server's trouble, not the client's; the last fetch error, if
    /// any, is attached.
    KeysUnavailable(Option<Arc<FetchError>>),
}

impl VerifyError {
    /// The token error, if the token was at fault.
    #[must_use]
    pub fn token_error(&self) -> Option<&jwt_core::Error> {
        match self {
            VerifyError::Token(e) => Some(e),
            VerifyError::KeysUnavailable(_) => None,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Token(e) => write!(f, "{e}"),
            VerifyError::KeysUnavailable(Some(e)) => {
                write!(f, "no usable JWK Set (the last fetch failed: {e})")
            }
            VerifyError::KeysUnavailable(None) => f.write_str("no usable JWK Set yet"),
        }
    }
}

impl std::error::Error for VerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VerifyError::Token(e) => Some(e),
            VerifyError::KeysUnavailable(Some(e)) => Some(&**e),
            VerifyError::KeysUnavailable(None) => None,
        }
    }
}

impl From<jwt_core::Error> for VerifyError {
    fn from(e: jwt_core::Error) -> Self {
        VerifyError::Token(e)
    }
}
