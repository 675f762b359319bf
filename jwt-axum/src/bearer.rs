//! `Authorization: Bearer` (RFC 6750 section 2.1), the [`Verified`] extractor, and the
//! answers of section 3.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jwt_core::{Claims, ErrorKind};

use crate::authenticator::Authenticator;

/// Claims of type `C` from a verified bearer token.
///
/// As an extractor it reads the request's `Authorization: Bearer` header and verifies the
/// token with the [`Authenticator<C>`] in the state; a request it refuses gets a
/// [`BearerError`]. `Option<Verified<C>>` is `None` for a request without an
/// `Authorization` header, and refuses a request whose token is bad (a bad token is never
/// silently treated as none).
#[derive(Debug, Clone)]
pub struct Verified<C>(pub C);

impl<C> std::ops::Deref for Verified<C> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.0
    }
}

impl<S, C> FromRequestParts<S> for Verified<C>
where
    C: Claims + Send + 'static,
    Authenticator<C>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = BearerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, BearerError> {
        let auth = Authenticator::<C>::from_ref(state);
        verify_request(&auth, &parts.headers).await.map(Verified)
    }
}

impl<S, C> OptionalFromRequestParts<S> for Verified<C>
where
    C: Claims + Send + 'static,
    Authenticator<C>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = BearerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Option<Self>, BearerError> {
        if !parts.headers.contains_key(AUTHORIZATION) {
            return Ok(None);
        }
        <Verified<C> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map(Some)
    }
}

/// The longest `Authorization` header read: jwt-core's largest token, plus the scheme.
const MAX_HEADER_BYTES: usize = jwt_core::DEFAULT_MAX_SIZE + "Bearer ".len();

/// Verifies a request's bearer token: the extractor's and the layer's one path.
pub(crate) async fn verify_request<C: Claims>(
    auth: &Authenticator<C>,
    headers: &HeaderMap,
) -> Result<C, BearerError> {
    match bearer_token(headers, auth.realm_str())? {
        Some(token) => auth.verify(token).await,
        None => Err(BearerError::missing(auth.realm_str().cloned())),
    }
}

/// The bearer token of a request: `None` without an `Authorization` header or with another
/// scheme (`Basic`, say), an error for one that says `Bearer` but is malformed.
fn bearer_token<'h>(
    headers: &'h HeaderMap,
    realm: Option<&Arc<str>>,
) -> Result<Option<&'h str>, BearerError> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let invalid = |why: &'static str| BearerError::invalid_request(why, realm.cloned());
    if values.next().is_some() {
        return Err(invalid("more than one Authorization header"));
    }
    let value = value.as_bytes();
    let scheme_end = value.iter().position(|&b| b == b' ').unwrap_or(value.len());
    if !value[..scheme_end].eq_ignore_ascii_case(b"bearer") {
        return Ok(None);
    }
    if value.len() > MAX_HEADER_BYTES {
        return Err(BearerError::invalid_token_because(
            "the token is too long",
            realm.cloned(),
        ));
    }
    // `Bearer`, exactly one space, a b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~"
    // / "+" / "/" ) *"=".
    let Some(token) = value.get(scheme_end + 1..).filter(|t| !t.is_empty()) else {
        return Err(invalid("the Bearer scheme needs one space and a token"));
    };
    let body_end = token
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)))
        .unwrap_or(token.len());
    if body_end == 0 || token[body_end..].iter().any(|&b| b != b'=') {
        return Err(invalid("the bearer token is not a b64token"));
    }
    // Checked to be ASCII above.
    Ok(std::str::from_utf8(token).ok())
}

/// A refused request, answered as RFC 6750 section 3 says: 401 with a `WWW-Authenticate:
/// Bearer` challenge (with `error="invalid_token"` for a token that was refused, without an
/// error code when there was no token), 400 `invalid_request` for a malformed
/// `Authorization` header, 403 `insufficient_scope` from
/// [`BearerError::insufficient_scope`], and 503 when the keys to verify with are
/// unavailable. The description never repeats any part of the token.
#[derive(Clone)]
pub struct BearerError {
    status: StatusCode,
    error: Option<&'static str>,
    description: Option<Cow<'static, str>>,
    realm: Option<Arc<str>>,
    scope: Option<String>,
}

impl BearerError {
    fn missing(realm: Option<Arc<str>>) -> Self {
        BearerError {
            status: StatusCode::UNAUTHORIZED,
            error: None,
            description: None,
            realm,
            scope: None,
        }
    }

    fn invalid_request(why: &'static str, realm: Option<Arc<str>>) -> Self {
        BearerError {
            status: StatusCode::BAD_REQUEST,
            error: Some("invalid_request"),
            description: Some(Cow::Borrowed(why)),
            realm,
            scope: None,
        }
    }

    pub(crate) fn invalid_token(e: &jwt_core::Error, realm: Option<Arc<str>>) -> Self {
        Self::invalid_token_because(describe(e.kind()), realm)
    }

    fn invalid_token_because(why: impl Into<Cow<'static, str>>, realm: Option<Arc<str>>) -> Self {
        BearerError {
            status: StatusCode::UNAUTHORIZED,
            error: Some("invalid_token"),
            description: Some(why.into()),
            realm,
            scope: None,
        }
    }

    #[cfg(feature = "jwks")]
    pub(crate) fn unavailable() -> Self {
        BearerError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: None,
            description: Some(Cow::Borrowed(
                "the keys to verify tokens with are unavailable",
            )),
            realm: None,
            scope: None,
        }
    }

    /// 403 with `error="insufficient_scope"` and the `scope` the request needs: for a
    /// handler whose verified token lacks a scope.
    #[must_use]
    pub fn insufficient_scope(scope: &str) -> Self {
        // A scope is space-separated NQCHARs (RFC 6749 section 3.3); anything else is left out.
        let scope: String = scope
            .chars()
            .filter(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~'))
            .take(256)
            .collect();
        BearerError {
            status: StatusCode::FORBIDDEN,
            error: Some("insufficient_scope"),
            description: Some(Cow::Borrowed("the token lacks a scope this request needs")),
            realm: None,
            scope: Some(scope),
        }
    }

    /// The same answer with this `realm` in its challenge.
    #[must_use]
    pub fn with_realm(mut self, realm: impl Into<Arc<str>>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// The status answered.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The RFC 6750 error code, if any (`invalid_token`, `invalid_request`,
    /// `insufficient_scope`).
    #[must_use]
    pub fn error_code(&self) -> Option<&'static str> {
        self.error
    }

    /// The human-readable description, if any.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The `WWW-Authenticate` value, if the answer has one.
    #[must_use]
    pub fn challenge(&self) -> Option<String> {
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            return None;
        }
        let mut params = Vec::new();
        if let Some(realm) = &self.realm {
            params.push(format!("realm=\"{}\"", quoted(realm)));
        }
        if let Some(error) = self.error {
            params.push(format!("error=\"{error}\""));
            if let Some(description) = &self.description {
                params.push(format!("error_description=\"{}\"", quoted(description)));
            }
        }
        if let Some(scope) = &self.scope {
            params.push(format!("scope=\"{scope}\""));
        }
        Some(if params.is_empty() {
            "Bearer".to_owned()
        } else {
            format!("Bearer {}", params.join(", "))
        })
    }
}

/// The characters RFC 6750 allows in a quoted value: %x20-21 / %x23-5B / %x5D-7E.
fn quoted(s: &str) -> String {
    s.chars()
        .filter(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~'))
        .take(200)
        .collect()
}

/// A fixed description for each way a token is refused: nothing from the token itself.
fn describe(kind: &ErrorKind) -> Cow<'static, str> {
    Cow::Borrowed(match kind {
        ErrorKind::MalformedToken | ErrorKind::MalformedHeader | ErrorKind::MalformedClaims => {
            "the token is malformed"
        }
        ErrorKind::LimitExceeded => "the token is too large",
        ErrorKind::AlgorithmNotAllowed => "the token's algorithm is not accepted",
        ErrorKind::UnsupportedCriticalHeader => "the token has an unsupported critical header",
        ErrorKind::InvalidTyp => "the token's type is not accepted",
        ErrorKind::InvalidSignature => "the token's signature is invalid",
        ErrorKind::UnknownKeyId => "the token's key is unknown",
        ErrorKind::MissingClaim(_) => "the token lacks a required claim",
        ErrorKind::InvalidClaimType(_) | ErrorKind::InvalidClaim(_) => {
            "a claim of the token is invalid"
        }
        ErrorKind::Expired => "the token has expired",
        ErrorKind::NotYetValid => "the token is not valid yet",
        ErrorKind::IssuedInFuture => "the token was issued in the future",
        ErrorKind::TooOld => "the token is too old",
        ErrorKind::InvalidAudience => "the token is for another audience",
        ErrorKind::InvalidIssuer => "the token is from another issuer",
        ErrorKind::InvalidSubject => "the token's subject is not accepted",
        _ => "the token is invalid",
    })
}

impl fmt::Debug for BearerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BearerError")
            .field("status", &self.status)
            .field("error", &self.error)
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for BearerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.error, &self.description) {
            (Some(e), Some(d)) => write!(f, "{} {e}: {d}", self.status),
            (Some(e), None) => write!(f, "{} {e}", self.status),
            (None, Some(d)) => write!(f, "{}: {d}", self.status),
            (None, None) => write!(f, "{}: a bearer token is required", self.status),
        }
    }
}

impl std::error::Error for BearerError {}

impl IntoResponse for BearerError {
    fn into_response(self) -> Response {
        let body = match &self.description {
            Some(d) => d.to_string(),
            None => "a bearer token is required".to_owned(),
        };
        let mut response = (self.status, body).into_response();
        if let Some(challenge) = self.challenge() {
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response.headers_mut().insert(WWW_AUTHENTICATE, value);
            }
        }
        response
    }
}
