//! Typed payloads for Zoom's HS256 tokens, and Zoom webhook signatures (feature `zoom`).
//!
//! Every payload is a `#[derive(Claims)]` struct, so Zoom's rules are checked before a
//! token is minted (and again when one is verified). All use the header
//! `{"alg":"HS256","typ":"JWT"}`, whole seconds for times, and omit unset optional claims.
//! The rules come from Zoom's developer documentation ("Meeting SDK authorization",
//! "Video SDK authorization", "Cobrowse SDK authorization", "Using webhooks") and Zoom's
//! official sample signature generators; each field's docs say which rule applies.
//!
//! ```
//! use jwt_core::zoom::{self, MeetingSdkToken};
//! use jwt_core::{Claims, FixedClock};
//!
//! // Zoom issues the SDK key and secret; these are test values.
//! let key = zoom::hs256_key_from_zoom_secret("zoom-test-secret-0123456789abcdef")?;
//! let clock = FixedClock::at_secs(1_646_937_553)?;
//! let claims = MeetingSdkToken::new_at("abc123", &clock).meeting("123456789", zoom::ROLE_PARTICIPANT);
//! let token = claims.sign_with_clock(&key, &clock)?;
//! assert_eq!(
//!     token,
//!     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBLZXkiOiJhYmMxMjMiLCJzZGtLZXkiOiJhYmMxMjMiLCJtbiI6IjEyMzQ1Njc4OSIsInJvbGUiOjAsImlhdCI6MTY0NjkzNzU1MywiZXhwIjoxNjQ2OTQ0NzUzLCJ0b2tlbkV4cCI6MTY0Njk0NDc1M30.hIdhbBdxP7BHPYVM6t6PugUXsV4q6olo6wORSB5PhYs"
//! );
//! # Ok::<(), jwt_core::Error>(())
//! ```

use serde::Deserialize;

use crate::claims::clock::{Clock, SystemClock};
use crate::crypto::algorithm::Hs256;
use crate::crypto::key::HmacKey;
use crate::error::Error;
use crate::typed::RuleError;

pub mod webhook;

/// A participant (`role` 0 in the Meeting SDK, `role_type` 0 in the Video SDK).
pub const ROLE_PARTICIPANT: u8 = 0;
/// A host (`role` 1 in the Meeting SDK, `role_type` 1 in the Video SDK).
pub const ROLE_HOST: u8 = 1;
/// A Cobrowse customer (`role_type` 1).
pub const COBROWSE_CUSTOMER: u8 = 1;
/// A Cobrowse agent (`role_type` 2).
pub const COBROWSE_AGENT: u8 = 2;

/// The shortest lifetime Zoom accepts for SDK tokens: 30 minutes.
pub const MIN_SDK_LIFETIME: u64 = 1800;
/// The longest lifetime Zoom accepts for SDK tokens: 48 hours.
pub const MAX_SDK_LIFETIME: u64 = 172_800;
/// The lifetime the builders give an SDK token: 2 hours.
pub const DEFAULT_SDK_LIFETIME: u64 = 7200;

/// The regions `geo_regions` may name (Video SDK).
pub const GEO_REGIONS: [&str; 12] = [
    "AU", "BR", "CA", "CN", "DE", "HK", "IN", "JP", "MX", "NL", "SG", "US",
];

/// A key for Zoom's HS256 tokens from the secret Zoom issued (SDK secret, client secret or
/// API secret).
///
/// Zoom chooses these secrets, not you, and some are shorter than the 32 bytes RFC 7518
/// asks of an HS256 key. This constructor accepts any non-empty secret, for Zoom's tokens
/// only; for secrets you choose, use [`Hs256Key::from_secret`](crate::Hs256Key::from_secret).
///
/// # Errors
///
/// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) if the secret is empty.
pub fn hs256_key_from_zoom_secret(secret: &str) -> Result<HmacKey<Hs256>, Error> {
    HmacKey::from_secret_unchecked(secret.as_bytes())
}

fn now_secs(clock: &dyn Clock) -> u64 {
    u64::try_from(clock.now().secs()).unwrap_or(0)
}

fn digits(value: &str) -> Result<(), RuleError> {
    if value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(RuleError::new("must be the meeting number's digits"))
    }
}

fn visible_ascii(value: &str) -> Result<(), RuleError> {
    if value.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        Ok(())
    } else {
        Err(RuleError::new(
            "must be visible ASCII characters and spaces",
        ))
    }
}

fn geo_regions(value: &str) -> Result<(), RuleError> {
    let mut seen: Vec<&str> = Vec::new();
    for region in value.split(',') {
        if !GEO_REGIONS.contains(&region) {
            return Err(RuleError::new(format!(
                "{region:?} is not one of {}",
                GEO_REGIONS.join(", ")
            )));
        }
        if seen.contains(&region) {
            return Err(RuleError::new(format!("{region} appears twice")));
        }
        seen.push(region);
    }
    Ok(())
}

/// The legacy Zoom API token ("JWT app").
///
/// **Deprecated by Zoom**: the JWT app type was switched off in September 2023; use
/// Server-to-Server OAuth for the REST API. The same payload (API key as `iss`, `exp`) is still
/// used with API key/secret pairs by some Zoom APIs.
#[derive(jwt_derive::Claims, Deserialize, Debug, Clone, PartialEq, Eq)]
#[claims(crate = "crate", alg = "HS256", typ = "JWT", serialize)]
pub struct ApiToken {
    /// The API key.
    #[claims(iss, len(min = 1))]
    pub iss: String,
    /// Expiry, whole seconds.
    #[claims(exp)]
    pub exp: u64,
    /// Issued at, whole seconds (optional).
    #[claims(iat)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
}

impl ApiToken {
    /// A token for `api_key`, issued now by `clock` and expiring in `expires_in` seconds.
    #[must_use]
    pub fn new_at(api_key: impl Into<String>, expires_in: u64, clock: &dyn Clock) -> ApiToken {
        let iat = now_secs(clock);
        ApiToken {
            iss: api_key.into(),
            exp: iat.saturating_add(expires_in),
            iat: Some(iat),
        }
    }
}

/// The Meeting SDK signature (a JWT), from Zoom's "Meeting SDK authorization" page.
///
/// A web token carries `mn` and `role`; a native (iOS, Android, desktop) token leaves both
/// out. `exp` is between `iat + 1800` and `iat + 172800`, and `tokenExp` equals `exp`.
#[derive(jwt_derive::Claims, Deserialize, Debug, Clone, PartialEq, Eq)]
#[claims(
    serialize,
    crate = "crate",
    alg = "HS256",
    typ = "JWT",
    lifetime(min = 1800, max = 172800),
    validate = Self::check_pairs
)]
pub struct MeetingSdkToken {
    /// The SDK key (client ID); must equal `sdkKey`.
    #[serde(rename = "appKey")]
    #[claims(len(min = 1))]
    pub app_key: String,
    /// The SDK key (client ID).
    #[serde(rename = "sdkKey")]
    #[claims(len(min = 1))]
    pub sdk_key: String,
    /// The meeting or webinar number, as a JSON string of digits (web tokens only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(len(min = 1, max = 20), validate = digits)]
    pub mn: Option<String>,
    /// 0 participant, 1 host (web tokens only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1))]
    pub role: Option<u8>,
    /// Issued at, whole seconds.
    #[claims(iat)]
    pub iat: u64,
    /// Expiry, whole seconds.
    #[claims(exp)]
    pub exp: u64,
    /// Equal to `exp`.
    #[serde(rename = "tokenExp")]
    pub token_exp: u64,
    /// 0 or 1: the web client's WebRTC video mode (optional, web only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1))]
    pub video_webrtc_mode: Option<u8>,
}

impl MeetingSdkToken {
    /// A native token for `sdk_key`, issued now and valid for 2 hours.
    #[must_use]
    pub fn new(sdk_key: impl Into<String>) -> MeetingSdkToken {
        MeetingSdkToken::new_at(sdk_key, &SystemClock)
    }

    /// A native token for `sdk_key`, issued at `clock`'s now and valid for 2 hours.
    #[must_use]
    pub fn new_at(sdk_key: impl Into<String>, clock: &dyn Clock) -> MeetingSdkToken {
        let key = sdk_key.into();
        let iat = now_secs(clock);
        let exp = iat.saturating_add(DEFAULT_SDK_LIFETIME);
        MeetingSdkToken {
            app_key: key.clone(),
            sdk_key: key,
            mn: None,
            role: None,
            iat,
            exp,
            token_exp: exp,
            video_webrtc_mode: None,
        }
    }

    /// Makes it a web token for meeting `number` with `role` (0 participant, 1 host).
    #[must_use]
    pub fn meeting(mut self, number: impl Into<String>, role: u8) -> MeetingSdkToken {
        self.mn = Some(number.into());
        self.role = Some(role);
        self
    }

    /// Sets `exp` and `tokenExp` to `iat + secs` (Zoom accepts 1800 to 172800).
    #[must_use]
    pub fn expires_in(mut self, secs: u64) -> MeetingSdkToken {
        self.exp = self.iat.saturating_add(secs);
        self.token_exp = self.exp;
        self
    }

    /// Sets `video_webrtc_mode` (0 or 1).
    #[must_use]
    pub fn video_webrtc_mode(mut self, mode: u8) -> MeetingSdkToken {
        self.video_webrtc_mode = Some(mode);
        self
    }

    fn check_pairs(&self) -> Result<(), RuleError> {
        if self.app_key != self.sdk_key {
            return Err(RuleError::for_claim("appKey", "must equal sdkKey"));
        }
        if self.token_exp != self.exp {
            return Err(RuleError::for_claim("tokenExp", "must equal exp"));
        }
        if self.mn.is_some() != self.role.is_some() {
            return Err(RuleError::for_claim(
                "mn",
                "mn and role come together (a web token) or are both left out (a native token)",
            ));
        }
        Ok(())
    }
}

/// The Video SDK token, from Zoom's "Video SDK authorization" page.
#[derive(jwt_derive::Claims, Deserialize, Debug, Clone, PartialEq, Eq)]
#[claims(
    serialize,
    crate = "crate",
    alg = "HS256",
    typ = "JWT",
    lifetime(min = 1800, max = 172800),
    validate = Self::check_host_only
)]
pub struct VideoSdkToken {
    /// The Video SDK key.
    #[claims(len(min = 1))]
    pub app_key: String,
    /// 0 participant, 1 host.
    #[claims(one_of(0, 1))]
    pub role_type: u8,
    /// The session name: 1 to 200 visible ASCII characters or spaces.
    #[claims(len(min = 1, max = 200), validate = visible_ascii)]
    pub tpc: String,
    /// Always 1.
    #[claims(equals = 1)]
    pub version: u8,
    /// Issued at, whole seconds.
    #[claims(iat)]
    pub iat: u64,
    /// Expiry, whole seconds (`iat + 1800` to `iat + 172800`).
    #[claims(exp)]
    pub exp: u64,
    /// The user's identity, at most 35 characters (the older name of `user_key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(len(max = 35))]
    pub user_identity: Option<String>,
    /// A session key, at most 36 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(len(max = 36))]
    pub session_key: Option<String>,
    /// The user's key, at most 36 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(len(max = 36))]
    pub user_key: Option<String>,
    /// A comma-joined subset of [`GEO_REGIONS`], like `"US,DE"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(len(min = 2), validate = geo_regions)]
    pub geo_regions: Option<String>,
    /// 0 or 1; a host only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1))]
    pub cloud_recording_option: Option<u8>,
    /// 0 or 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1))]
    pub cloud_recording_election: Option<u8>,
    /// 0, 1 or 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1, 2))]
    pub cloud_recording_transcript_option: Option<u8>,
    /// An identifier for Zoom's telemetry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telemetry_tracking_id: Option<String>,
    /// 0 or 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1))]
    pub video_webrtc_mode: Option<u8>,
    /// 0 or 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(0, 1))]
    pub audio_webrtc_mode: Option<u8>,
}

impl VideoSdkToken {
    /// A token for session `topic` with `role_type` (0 participant, 1 host), issued now and
    /// valid for 2 hours.
    #[must_use]
    pub fn new(
        app_key: impl Into<String>,
        topic: impl Into<String>,
        role_type: u8,
    ) -> VideoSdkToken {
        VideoSdkToken::new_at(app_key, topic, role_type, &SystemClock)
    }

    /// As [`VideoSdkToken::new`], issued at `clock`'s now.
    #[must_use]
    pub fn new_at(
        app_key: impl Into<String>,
        topic: impl Into<String>,
        role_type: u8,
        clock: &dyn Clock,
    ) -> VideoSdkToken {
        let iat = now_secs(clock);
        VideoSdkToken {
            app_key: app_key.into(),
            role_type,
            tpc: topic.into(),
            version: 1,
            iat,
            exp: iat.saturating_add(DEFAULT_SDK_LIFETIME),
            user_identity: None,
            session_key: None,
            user_key: None,
            geo_regions: None,
            cloud_recording_option: None,
            cloud_recording_election: None,
            cloud_recording_transcript_option: None,
            telemetry_tracking_id: None,
            video_webrtc_mode: None,
            audio_webrtc_mode: None,
        }
    }

    /// Sets `exp` to `iat + secs` (Zoom accepts 1800 to 172800).
    #[must_use]
    pub fn expires_in(mut self, secs: u64) -> VideoSdkToken {
        self.exp = self.iat.saturating_add(secs);
        self
    }

    fn check_host_only(&self) -> Result<(), RuleError> {
        if self.cloud_recording_option.is_some() && self.role_type != ROLE_HOST {
            return Err(RuleError::for_claim(
                "cloud_recording_option",
                "only a host (role_type 1) may set it",
            ));
        }
        Ok(())
    }
}

/// The Cobrowse SDK token, from Zoom's "Cobrowse SDK authorization" page.
#[derive(jwt_derive::Claims, Deserialize, Debug, Clone, PartialEq, Eq)]
#[claims(
    crate = "crate",
    alg = "HS256",
    typ = "JWT",
    lifetime(min = 1800, max = 172800),
    serialize
)]
pub struct CobrowseToken {
    /// The SDK key.
    #[claims(len(min = 1))]
    pub app_key: String,
    /// 1 customer, 2 agent.
    #[claims(one_of(1, 2))]
    pub role_type: u8,
    /// The user's id.
    #[claims(len(min = 1))]
    pub user_id: String,
    /// The user's display name, at most 80 characters.
    #[claims(len(min = 1, max = 80))]
    pub user_name: String,
    /// Issued at, whole seconds.
    #[claims(iat)]
    pub iat: u64,
    /// Expiry, whole seconds (`iat + 1800` to `iat + 172800`).
    #[claims(exp)]
    pub exp: u64,
    /// 1 to bring your own storage (optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[claims(one_of(1))]
    pub enable_byop: Option<u8>,
}

impl CobrowseToken {
    /// A token for a customer (1) or agent (2), issued at `clock`'s now and valid for 2 hours.
    #[must_use]
    pub fn new_at(
        app_key: impl Into<String>,
        role_type: u8,
        user_id: impl Into<String>,
        user_name: impl Into<String>,
        clock: &dyn Clock,
    ) -> CobrowseToken {
        let iat = now_secs(clock);
        CobrowseToken {
            app_key: app_key.into(),
            role_type,
            user_id: user_id.into(),
            user_name: user_name.into(),
            iat,
            exp: iat.saturating_add(DEFAULT_SDK_LIFETIME),
            enable_byop: None,
        }
    }

    /// Sets `exp` to `iat + secs` (Zoom accepts 1800 to 172800).
    #[must_use]
    pub fn expires_in(mut self, secs: u64) -> CobrowseToken {
        self.exp = self.iat.saturating_add(secs);
        self
    }
}
