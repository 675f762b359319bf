//! Zoom payloads: the golden tokens, every rule at its boundary on sign and on verify, the
//! short-secret constructor, and webhook signatures.

mod common;

use jwt_core::zoom::webhook::{UrlValidationResponse, WebhookSecret};
use jwt_core::zoom::{
    self, ApiToken, CobrowseToken, MeetingSdkToken, VideoSdkToken, ROLE_HOST, ROLE_PARTICIPANT,
};
use jwt_core::{Claims, ErrorKind, FixedClock, Hs256Key};
use serde::Serialize;

/// The test secret of the Zoom golden vectors (not a real secret).
const ZOOM_TEST_SECRET: &str = "zoom-test-secret-0123456789abcdef";

fn key() -> Hs256Key {
    zoom::hs256_key_from_zoom_secret(ZOOM_TEST_SECRET).unwrap()
}

fn at(secs: i64) -> FixedClock {
    FixedClock::at_secs(secs).unwrap()
}

/// Signs a raw payload with the hmac crate directly, bypassing every rule.
fn raw(claims: &impl Serialize) -> String {
    let payload = serde_json::to_vec(claims).unwrap();
    common::hs256_token(ZOOM_TEST_SECRET.as_bytes(), common::JWT_HEADER, payload)
}

// ---- golden tokens ---------------------------------------------------------------------------

const MEETING_GOLDEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBLZXkiOiJhYmMxMjMiLCJzZGtLZXkiOiJhYmMxMjMiLCJtbiI6IjEyMzQ1Njc4OSIsInJvbGUiOjAsImlhdCI6MTY0NjkzNzU1MywiZXhwIjoxNjQ2OTQ0NzUzLCJ0b2tlbkV4cCI6MTY0Njk0NDc1M30.hIdhbBdxP7BHPYVM6t6PugUXsV4q6olo6wORSB5PhYs";
const VIDEO_GOLDEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBfa2V5IjoiVklERU9fU0RLX0tFWSIsInJvbGVfdHlwZSI6MSwidHBjIjoiQ29vbCBDYXJzIiwidmVyc2lvbiI6MSwiaWF0IjoxNjQ2MjQ4Nzk2LCJleHAiOjE2NDYyNTU5OTYsInVzZXJfaWRlbnRpdHkiOiJ1c2VyMTIzIiwic2Vzc2lvbl9rZXkiOiJzZXNzaW9uMTIzIn0.953jMiZwFMi4qVbrPBKj25uky-5frq_0E3UC3EC95K4";

#[test]
fn meeting_sdk_golden() {
    let clock = at(1_646_937_553);
    let claims = MeetingSdkToken::new_at("abc123", &clock).meeting("123456789", ROLE_PARTICIPANT);
    assert_eq!(
        serde_json::to_string(&claims).unwrap(),
        r#"{"appKey":"abc123","sdkKey":"abc123","mn":"123456789","role":0,"iat":1646937553,"exp":1646944753,"tokenExp":1646944753}"#
    );
    assert_eq!(
        claims.sign_with_clock(&key(), &clock).unwrap(),
        MEETING_GOLDEN
    );
    assert_eq!(
        MeetingSdkToken::verifier(&key())
            .clock(clock)
            .verify(MEETING_GOLDEN)
            .unwrap(),
        claims
    );
}

#[test]
fn video_sdk_golden() {
    let clock = at(1_646_248_796);
    let mut claims = VideoSdkToken::new_at("VIDEO_SDK_KEY", "Cool Cars", ROLE_HOST, &clock);
    claims.user_identity = Some("user123".into());
    claims.session_key = Some("session123".into());
    assert_eq!(
        serde_json::to_string(&claims).unwrap(),
        r#"{"app_key":"VIDEO_SDK_KEY","role_type":1,"tpc":"Cool Cars","version":1,"iat":1646248796,"exp":1646255996,"user_identity":"user123","session_key":"session123"}"#
    );
    assert_eq!(
        claims.sign_with_clock(&key(), &clock).unwrap(),
        VIDEO_GOLDEN
    );
    assert_eq!(
        VideoSdkToken::verifier(&key())
            .clock(clock)
            .verify(VIDEO_GOLDEN)
            .unwrap(),
        claims
    );
}

#[test]
fn native_meeting_token_omits_mn_and_role() {
    let clock = at(1_646_937_553);
    let claims = MeetingSdkToken::new_at("abc123", &clock);
    assert_eq!(
        serde_json::to_string(&claims).unwrap(),
        r#"{"appKey":"abc123","sdkKey":"abc123","iat":1646937553,"exp":1646944753,"tokenExp":1646944753}"#
    );
    assert!(claims.sign_with_clock(&key(), &clock).is_ok());
}

// ---- rules at their boundaries, on sign and on verify --------------------------------------

const NOW: i64 = 1_700_000_000;

/// Sign and verify both accept `claims`, or both refuse with `kind`; returns the message.
fn both<C: Claims + Clone + PartialEq + std::fmt::Debug>(
    claims: &C,
    kind: Option<ErrorKind>,
) -> String
where
    jwt_core::Hs256Key: jwt_core::KeyFor<C>,
{
    let clock = at(NOW);
    let signed = claims.sign_with_clock(&key(), &clock);
    let verified = C::verifier(&key()).clock(clock).verify(&raw(claims));
    match kind {
        None => {
            assert!(signed.is_ok(), "sign: {}", signed.unwrap_err());
            assert_eq!(&verified.unwrap(), claims);
            String::new()
        }
        Some(kind) => {
            let e = signed.unwrap_err();
            assert_eq!(e.kind(), &kind, "sign: {e}");
            let v = verified.unwrap_err();
            assert_eq!(v.kind(), &kind, "verify: {v}");
            assert_eq!(e.to_string(), v.to_string());
            e.to_string()
        }
    }
}

fn invalid(name: &'static str) -> Option<ErrorKind> {
    Some(ErrorKind::InvalidClaim(name.into()))
}

fn meeting() -> MeetingSdkToken {
    MeetingSdkToken::new_at("sdk-key", &at(NOW)).meeting("123456789", ROLE_HOST)
}

#[test]
fn meeting_sdk_lifetime_window() {
    both(&meeting().expires_in(1800), None);
    both(&meeting().expires_in(172_800), None);
    let msg = both(&meeting().expires_in(1799), invalid("exp"));
    assert_eq!(
        msg,
        "invalid claim `exp`: exp - iat is 1799s, the lifetime must be between 1800s and 172800s"
    );
    both(&meeting().expires_in(172_801), invalid("exp"));
}

#[test]
fn meeting_sdk_fields() {
    both(&meeting().meeting("123456789", ROLE_PARTICIPANT), None);
    let msg = both(&meeting().meeting("123456789", 2), invalid("role"));
    assert_eq!(msg, "invalid claim `role`: must be one of 0, 1");
    both(&meeting().video_webrtc_mode(1), None);
    both(
        &meeting().video_webrtc_mode(2),
        invalid("video_webrtc_mode"),
    );
    both(&meeting().meeting("12345678901234567890", ROLE_HOST), None);
    both(
        &meeting().meeting("123456789012345678901", ROLE_HOST),
        invalid("mn"),
    );
    both(&meeting().meeting("", ROLE_HOST), invalid("mn"));
    both(&meeting().meeting("123-456", ROLE_HOST), invalid("mn"));
    let mut c = meeting();
    c.role = None;
    let msg = both(&c, invalid("mn"));
    assert!(msg.contains("mn and role come together"), "{msg}");
    let mut c = MeetingSdkToken::new_at("sdk-key", &at(NOW));
    c.role = Some(0);
    both(&c, invalid("mn"));
    let mut c = meeting();
    c.app_key = "other".into();
    both(&c, invalid("appKey"));
    let mut c = meeting();
    c.token_exp += 1;
    both(&c, invalid("tokenExp"));
    let mut c = meeting();
    c.sdk_key = String::new();
    c.app_key = String::new();
    both(&c, invalid("appKey"));
}

fn video() -> VideoSdkToken {
    VideoSdkToken::new_at("video-key", "Cool Cars", ROLE_HOST, &at(NOW))
}

macro_rules! video_case {
    ($field:ident = $value:expr, $kind:expr) => {{
        let mut c = video();
        c.$field = $value;
        both(&c, $kind)
    }};
}

#[test]
fn video_sdk_fields() {
    both(&video().expires_in(1800), None);
    both(&video().expires_in(172_800), None);
    both(&video().expires_in(1799), invalid("exp"));
    both(&video().expires_in(172_801), invalid("exp"));
    video_case!(role_type = 0, None);
    video_case!(role_type = 2, invalid("role_type"));
    video_case!(tpc = "x".into(), None);
    video_case!(tpc = "x".repeat(200), None);
    video_case!(tpc = String::new(), invalid("tpc"));
    let msg = video_case!(tpc = "x".repeat(201), invalid("tpc"));
    assert_eq!(
        msg,
        "invalid claim `tpc`: its length must be between 1 and 200, it is 201"
    );
    video_case!(tpc = " ~".into(), None);
    video_case!(tpc = "tab\there".into(), invalid("tpc"));
    video_case!(tpc = "caf\u{e9}".into(), invalid("tpc"));
    video_case!(version = 2, invalid("version"));
    video_case!(user_identity = Some("u".repeat(35)), None);
    video_case!(
        user_identity = Some("u".repeat(36)),
        invalid("user_identity")
    );
    video_case!(user_key = Some("u".repeat(36)), None);
    video_case!(user_key = Some("u".repeat(37)), invalid("user_key"));
    video_case!(session_key = Some("s".repeat(36)), None);
    let msg = video_case!(session_key = Some("s".repeat(37)), invalid("session_key"));
    assert_eq!(
        msg,
        "invalid claim `session_key`: its length must be at most 36, it is 37"
    );
    video_case!(geo_regions = Some("US".into()), None);
    video_case!(geo_regions = Some(zoom::GEO_REGIONS.join(",")), None);
    video_case!(geo_regions = Some("US,XX".into()), invalid("geo_regions"));
    video_case!(geo_regions = Some("US,US".into()), invalid("geo_regions"));
    video_case!(geo_regions = Some("us".into()), invalid("geo_regions"));
    video_case!(geo_regions = Some("US, DE".into()), invalid("geo_regions"));
    video_case!(geo_regions = Some(String::new()), invalid("geo_regions"));
    video_case!(cloud_recording_option = Some(1), None);
    video_case!(
        cloud_recording_option = Some(2),
        invalid("cloud_recording_option")
    );
    video_case!(cloud_recording_election = Some(1), None);
    video_case!(
        cloud_recording_election = Some(2),
        invalid("cloud_recording_election")
    );
    video_case!(cloud_recording_transcript_option = Some(2), None);
    video_case!(
        cloud_recording_transcript_option = Some(3),
        invalid("cloud_recording_transcript_option")
    );
    video_case!(video_webrtc_mode = Some(1), None);
    video_case!(video_webrtc_mode = Some(2), invalid("video_webrtc_mode"));
    video_case!(audio_webrtc_mode = Some(1), None);
    video_case!(audio_webrtc_mode = Some(2), invalid("audio_webrtc_mode"));
    video_case!(telemetry_tracking_id = Some("t-1".into()), None);
    // cloud_recording_option is for hosts only.
    let mut c = video();
    c.role_type = ROLE_PARTICIPANT;
    c.cloud_recording_option = Some(0);
    let msg = both(&c, invalid("cloud_recording_option"));
    assert!(msg.contains("only a host"), "{msg}");
}

fn cobrowse() -> CobrowseToken {
    CobrowseToken::new_at(
        "cobrowse-key",
        zoom::COBROWSE_AGENT,
        "u-1",
        "Agent Smith",
        &at(NOW),
    )
}

#[test]
fn cobrowse_fields() {
    both(&cobrowse(), None);
    both(&cobrowse().expires_in(1799), invalid("exp"));
    both(&cobrowse().expires_in(172_800), None);
    for (role, ok) in [(0, false), (1, true), (2, true), (3, false)] {
        let mut c = cobrowse();
        c.role_type = role;
        both(
            &c,
            (!ok).then_some(ErrorKind::InvalidClaim("role_type".into())),
        );
    }
    let mut c = cobrowse();
    c.user_name = "n".repeat(80);
    both(&c, None);
    c.user_name = "n".repeat(81);
    let msg = both(&c, invalid("user_name"));
    assert_eq!(
        msg,
        "invalid claim `user_name`: its length must be between 1 and 80, it is 81"
    );
    let mut c = cobrowse();
    c.enable_byop = Some(1);
    both(&c, None);
    c.enable_byop = Some(0);
    both(&c, invalid("enable_byop"));
}

#[test]
fn api_token() {
    let clock = at(NOW);
    let c = ApiToken::new_at("abcdefghijklmnopqrstuv", 3600, &clock);
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"{"iss":"abcdefghijklmnopqrstuv","exp":1700003600,"iat":1700000000}"#
    );
    both(&c, None);
    let mut empty = c.clone();
    empty.iss = String::new();
    both(&empty, invalid("iss"));
    let mut no_iat = c.clone();
    no_iat.iat = None;
    assert_eq!(
        serde_json::to_string(&no_iat).unwrap(),
        r#"{"iss":"abcdefghijklmnopqrstuv","exp":1700003600}"#
    );
    both(&no_iat, None);
    // An expired API token is not minted.
    let expired = ApiToken::new_at("k", 0, &clock);
    assert_eq!(
        expired.sign_with_clock(&key(), &clock).unwrap_err().kind(),
        &ErrorKind::Expired
    );
}

#[test]
fn zoom_secrets_below_the_floor_sign_only_through_the_named_constructor() {
    assert_eq!(
        Hs256Key::from_secret(b"short-zoom-secret")
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidKey
    );
    let key = zoom::hs256_key_from_zoom_secret("short-zoom-secret").unwrap();
    let clock = at(NOW);
    let token = meeting().sign_with_clock(&key, &clock).unwrap();
    assert!(MeetingSdkToken::verifier(&key)
        .clock(clock)
        .verify(&token)
        .is_ok());
    assert_eq!(
        zoom::hs256_key_from_zoom_secret("").unwrap_err().kind(),
        &ErrorKind::InvalidKey
    );
}

// ---- webhooks -----------------------------------------------------------------------------

const WEBHOOK_TEST_SECRET: &str = "test-webhook-secret-token";

/// The recipe, computed independently: v0= + hex(HMAC-SHA256(secret, "v0:{ts}:{body}")).
fn recipe(ts: &str, body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(WEBHOOK_TEST_SECRET.as_bytes()).unwrap();
    m.update(format!("v0:{ts}:").as_bytes());
    m.update(body);
    let tag = m.finalize().into_bytes();
    format!(
        "v0={}",
        tag.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

#[test]
fn webhook_signatures() {
    let secret = WebhookSecret::new(WEBHOOK_TEST_SECRET).unwrap();
    let body = br#"{"event":"meeting.started","payload":{"object":{"id":"1"}}}"#;
    let ts = "1700000000";
    let sig = recipe(ts, body);
    assert_eq!(secret.sign(ts, body), sig);
    let clock = at(NOW);
    let verify = |ts: &str, sig: &str, body: &[u8], clock: &FixedClock| {
        secret
            .verify(ts, sig, body, 300, clock)
            .map_err(|e| e.kind().clone())
    };
    assert_eq!(verify(ts, &sig, body, &clock), Ok(()));
    // A changed body, timestamp or signature.
    let mut changed = body.to_vec();
    changed[10] ^= 1;
    assert_eq!(
        verify(ts, &sig, &changed, &clock),
        Err(ErrorKind::InvalidSignature)
    );
    assert_eq!(
        verify(ts, &sig, &body[..body.len() - 1], &clock),
        Err(ErrorKind::InvalidSignature)
    );
    assert_eq!(
        verify("1700000001", &sig, body, &clock),
        Err(ErrorKind::InvalidSignature)
    );
    let mut flipped = sig.clone().into_bytes();
    flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
    assert_eq!(
        verify(ts, std::str::from_utf8(&flipped).unwrap(), body, &clock),
        Err(ErrorKind::InvalidSignature)
    );
    // Stale: accepted at exactly the tolerance, refused one second later; also ahead.
    assert_eq!(verify(ts, &sig, body, &at(NOW + 300)), Ok(()));
    assert_eq!(
        verify(ts, &sig, body, &at(NOW + 301)),
        Err(ErrorKind::Expired)
    );
    assert_eq!(verify(ts, &sig, body, &at(NOW - 300)), Ok(()));
    assert_eq!(
        verify(ts, &sig, body, &at(NOW - 301)),
        Err(ErrorKind::NotYetValid)
    );
    // Malformed headers.
    let hex = &sig[3..];
    for bad in [
        hex.to_owned(),
        format!("v1={hex}"),
        format!("v0={}", &hex[..63]),
        format!("v0={hex}0"),
        format!("v0={}g", &hex[..63]),
        String::new(),
        "v0=".into(),
        format!(" v0={hex}"),
    ] {
        assert_eq!(
            verify(ts, &bad, body, &clock),
            Err(ErrorKind::MalformedHeader),
            "{bad}"
        );
    }
    for bad_ts in [
        "",
        "-1",
        "1700000000.5",
        "17e8",
        " 1700000000",
        "99999999999999999",
    ] {
        assert_eq!(
            verify(bad_ts, &sig, body, &clock),
            Err(ErrorKind::MalformedHeader),
            "{bad_ts}"
        );
    }
    assert!(!format!("{secret:?}").contains(WEBHOOK_TEST_SECRET));
}

#[test]
fn url_validation_reply() {
    let secret = WebhookSecret::new(WEBHOOK_TEST_SECRET).unwrap();
    let reply = secret.url_validation_response("qgg8vlvZRS6UYooatFL8Aw");
    let expected = recipe_plain("qgg8vlvZRS6UYooatFL8Aw");
    assert_eq!(
        reply,
        UrlValidationResponse {
            plain_token: "qgg8vlvZRS6UYooatFL8Aw".into(),
            encrypted_token: expected.clone()
        }
    );
    assert_eq!(
        serde_json::to_string(&reply).unwrap(),
        format!(r#"{{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":"{expected}"}}"#)
    );
}

fn recipe_plain(plain: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(WEBHOOK_TEST_SECRET.as_bytes()).unwrap();
    m.update(plain.as_bytes());
    m.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
