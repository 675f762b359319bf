//! Zoom webhook signatures (Zoom's "Using webhooks" page): verifying `x-zm-signature` and
//! answering `endpoint.url_validation`.
//!
//! The signature is `v0=` followed by the lowercase hex HMAC-SHA256, keyed with the app's
//! webhook secret token, of `v0:{x-zm-request-timestamp}:{raw body bytes}`.
//!
//! ```
//! use jwt_core::zoom::webhook::{self, WebhookSecret};
//! use jwt_core::FixedClock;
//!
//! let secret = WebhookSecret::new("test-webhook-secret")?;
//! let body = br#"{"event":"meeting.started"}"#;
//! let signature = secret.sign("1700000000", body);
//! let clock = FixedClock::at_secs(1_700_000_010)?;
//! secret.verify("1700000000", &signature, body, 300, &clock)?;
//! # Ok::<(), jwt_core::Error>(())
//! ```

use serde::Serialize;

use crate::claims::clock::Clock;
use crate::crypto::algorithm::Hs256;
use crate::crypto::key::HmacKey;
use crate::error::{Error, ErrorKind};

/// The webhook secret token of a Zoom app, ready to sign and verify.
///
/// Its HMAC state is computed once, zeroized on drop and never shown by `Debug`.
#[derive(Clone)]
pub struct WebhookSecret {
    key: HmacKey<Hs256>,
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// The reply to Zoom's `endpoint.url_validation` event, to send as the JSON response body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlValidationResponse {
    /// The `payload.plainToken` of the event, echoed.
    #[serde(rename = "plainToken")]
    pub plain_token: String,
    /// Lowercase hex HMAC-SHA256 of the plain token under the webhook secret token.
    #[serde(rename = "encryptedToken")]
    pub encrypted_token: String,
}

/// The default tolerance between Zoom's timestamp and the clock: 5 minutes.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

impl WebhookSecret {
    /// The app's webhook secret token, as Zoom shows it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] if it is empty.
    pub fn new(secret_token: &str) -> Result<WebhookSecret, Error> {
        Ok(WebhookSecret {
            key: HmacKey::from_secret_unchecked(secret_token.as_bytes())?,
        })
    }

    /// The `x-zm-signature` value for a request: `v0=` and the hex HMAC of
    /// `v0:{timestamp}:{body}`.
    #[must_use]
    pub fn sign(&self, timestamp: &str, body: &[u8]) -> String {
        let tag = self.key.tag(&message(timestamp, body));
        format!("v0={}", hex(tag.as_bytes()))
    }

    /// Verifies a webhook request: the headers `x-zm-request-timestamp` and `x-zm-signature`
    /// and the raw body bytes, exactly as received.
    ///
    /// The timestamp must be whole seconds within `tolerance_secs` of `clock`'s now, in either
    /// direction (a replayed request is refused once it is older). The signature is compared
    /// in constant time.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::MalformedHeader`]: the timestamp is not whole seconds, or the signature
    ///   is not `v0=` and 64 hex digits;
    /// - [`ErrorKind::Expired`] / [`ErrorKind::NotYetValid`]: the timestamp is outside the
    ///   tolerance;
    /// - [`ErrorKind::InvalidSignature`]: the signature does not match the timestamp and body.
    pub fn verify(
        &self,
        timestamp: &str,
        signature: &str,
        body: &[u8],
        tolerance_secs: u64,
        clock: &dyn Clock,
    ) -> Result<(), Error> {
        let ts = parse_timestamp(timestamp)?;
        let Some(hex_tag) = signature.strip_prefix("v0=") else {
            return Err(Error::with_detail(
                ErrorKind::MalformedHeader,
                "x-zm-signature must start with v0=",
            ));
        };
        let mut tag = [0u8; 32];
        if hex_tag.len() != 64 || hex::decode_to_slice(hex_tag, &mut tag).is_err() {
            return Err(Error::with_detail(
                ErrorKind::MalformedHeader,
                "x-zm-signature must be v0= and 64 hex digits",
            ));
        }
        let now = i128::from(clock.now().secs());
        let age = now - i128::from(ts);
        if age > i128::from(tolerance_secs) {
            return Err(Error::with_detail(
                ErrorKind::Expired,
                format!("the webhook timestamp is {age}s old, the tolerance is {tolerance_secs}s"),
            ));
        }
        if -age > i128::from(tolerance_secs) {
            return Err(Error::with_detail(
                ErrorKind::NotYetValid,
                format!(
                    "the webhook timestamp is {}s ahead, the tolerance is {tolerance_secs}s",
                    -age
                ),
            ));
        }
        if !self.key.verify_tag(&message(timestamp, body), &tag) {
            return Err(Error::with_detail(
                ErrorKind::InvalidSignature,
                "x-zm-signature does not match the timestamp and body",
            ));
        }
        Ok(())
    }

    /// The reply to an `endpoint.url_validation` event carrying `plain_token`.
    #[must_use]
    pub fn url_validation_response(&self, plain_token: &str) -> UrlValidationResponse {
        UrlValidationResponse {
            plain_token: plain_token.to_owned(),
            encrypted_token: hex(self.key.tag(plain_token.as_bytes()).as_bytes()),
        }
    }
}

fn message(timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(4 + timestamp.len() + body.len());
    m.extend_from_slice(b"v0:");
    m.extend_from_slice(timestamp.as_bytes());
    m.push(b':');
    m.extend_from_slice(body);
    m
}

fn parse_timestamp(timestamp: &str) -> Result<i64, Error> {
    let malformed = || {
        Error::with_detail(
            ErrorKind::MalformedHeader,
            "x-zm-request-timestamp must be whole seconds since the epoch",
        )
    };
    if timestamp.is_empty()
        || timestamp.len() > 16
        || !timestamp.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(malformed());
    }
    timestamp.parse().map_err(|_| malformed())
}

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}
