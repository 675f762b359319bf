//! Zoom webhooks: the signature over the raw body, the URL validation challenge, the event.

use std::fmt;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jwt_core::zoom::webhook::{UrlValidationResponse, WebhookSecret, DEFAULT_TOLERANCE_SECS};
use jwt_core::{Clock, ErrorKind, SystemClock};
use serde::de::DeserializeOwned;
use serde::Deserialize;

// The largest webhook body read by default: 1 MiB.
const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// A Zoom event as Zoom sends it: its name, its time (milliseconds since the epoch) and a
/// payload of the event's own shape (by default any JSON).
#[derive(Debug, Clone, Deserialize)]
pub struct ZoomEvent<P = serde_json::Value> {
    /// The event's name, such as `meeting.started`.
    pub event: String,
    /// When it happened, in milliseconds since the epoch.
    pub event_ts: Option<i64>,
    /// What happened.
    pub payload: P,
}

/// The webhook secret token and the checks' settings; in the router's state (directly or
/// through [`FromRef`]) for [`ZoomWebhook`].
#[derive(Clone)]
pub struct ZoomWebhookConfig {
    secret: WebhookSecret,
    tolerance_secs: u64,
    max_body_bytes: usize,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for ZoomWebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZoomWebhookConfig")
            .field("secret", &self.secret)
            .field("tolerance_secs", &self.tolerance_secs)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish_non_exhaustive()
    }
}

impl ZoomWebhookConfig {
    /// Checks webhooks with the app's secret token, a timestamp tolerance of
    /// [`DEFAULT_TOLERANCE_SECS`] and bodies up to 1 MiB.
    #[must_use]
    pub fn new(secret: WebhookSecret) -> Self {
        ZoomWebhookConfig {
            secret,
            tolerance_secs: DEFAULT_TOLERANCE_SECS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            clock: Arc::new(SystemClock),
        }
    }

    /// How old (or how far ahead) `x-zm-request-timestamp` may be, in seconds.
    #[must_use]
    pub fn tolerance_secs(mut self, secs: u64) -> Self {
        self.tolerance_secs = secs;
        self
    }

    /// The largest body read.
    #[must_use]
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Reads "now" from `clock` instead of the system clock.
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }
}

/// A Zoom webhook event whose signature checked out, as `T` (such as [`ZoomEvent`]).
///
/// The extractor reads the raw body, checks `x-zm-signature` against
/// `x-zm-request-timestamp` and the body with the [`ZoomWebhookConfig`] in the state, then:
/// for `endpoint.url_validation` it answers Zoom's challenge itself (the handler does not
/// run); for any other event it parses the body as `T`. A request that fails is answered
/// with a [`ZoomRejection`].
#[derive(Debug, Clone)]
pub struct ZoomWebhook<T>(pub T);

/// Why a webhook request was not handed to the handler, or the challenge answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum ZoomRejection {
    /// `endpoint.url_validation`: answered with 200 and the challenge's response.
    UrlValidation(UrlValidationResponse),
    /// A signature or timestamp header is missing or malformed, the signature does not
    /// match, or the timestamp is outside the tolerance: 401.
    Unauthorized(&'static str),
    /// The body is larger than allowed: 413.
    TooLarge,
    /// The signed body is not the expected JSON: 400.
    BadEvent(String),
}

impl IntoResponse for ZoomRejection {
    fn into_response(self) -> Response {
        match self {
            ZoomRejection::UrlValidation(answer) => match serde_json::to_string(&answer) {
                Ok(json) => ([(CONTENT_TYPE, "application/json")], json).into_response(),
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            },
            ZoomRejection::Unauthorized(why) => (StatusCode::UNAUTHORIZED, why).into_response(),
            ZoomRejection::TooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, "the body is too large").into_response()
            }
            ZoomRejection::BadEvent(why) => (StatusCode::BAD_REQUEST, why).into_response(),
        }
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str, ZoomRejection> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value
            .to_str()
            .map_err(|_| ZoomRejection::Unauthorized("a webhook header is not ASCII")),
        (None, _) => Err(ZoomRejection::Unauthorized(
            "x-zm-signature and x-zm-request-timestamp are required",
        )),
        (Some(_), Some(_)) => Err(ZoomRejection::Unauthorized("a webhook header is repeated")),
    }
}

impl<S, T> FromRequest<S> for ZoomWebhook<T>
where
    T: DeserializeOwned,
    ZoomWebhookConfig: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ZoomRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, ZoomRejection> {
        let config = ZoomWebhookConfig::from_ref(state);
        let (parts, body) = request.into_parts();
        let signature = header(&parts.headers, "x-zm-signature")?;
        let timestamp = header(&parts.headers, "x-zm-request-timestamp")?;
        let body: Bytes = axum::body::to_bytes(body, config.max_body_bytes)
            .await
            .map_err(|_| ZoomRejection::TooLarge)?;
        config
            .secret
            .verify(
                timestamp,
                signature,
                &body,
                config.tolerance_secs,
                &*config.clock,
            )
            .map_err(|e| {
                ZoomRejection::Unauthorized(match e.kind() {
                    ErrorKind::Expired => "the webhook timestamp is too old",
                    ErrorKind::NotYetValid => "the webhook timestamp is in the future",
                    ErrorKind::InvalidSignature => "the webhook signature does not match",
                    _ => "the webhook signature headers are malformed",
                })
            })?;
        #[derive(Deserialize)]
        struct Challenge {
            event: String,
            payload: Option<ChallengePayload>,
        }
        #[derive(Deserialize)]
        struct ChallengePayload {
            #[serde(rename = "plainToken")]
            plain_token: Option<String>,
        }
        let challenge: Challenge = serde_json::from_slice(&body)
            .map_err(|e| ZoomRejection::BadEvent(format!("the body is not a Zoom event: {e}")))?;
        if challenge.event == "endpoint.url_validation" {
            let plain_token = challenge
                .payload
                .and_then(|p| p.plain_token)
                .ok_or_else(|| {
                    ZoomRejection::BadEvent("endpoint.url_validation without plainToken".into())
                })?;
            return Err(ZoomRejection::UrlValidation(
                config.secret.url_validation_response(&plain_token),
            ));
        }
        serde_json::from_slice(&body)
            .map(ZoomWebhook)
            .map_err(|e| ZoomRejection::BadEvent(format!("the event does not parse: {e}")))
    }
}
