//! `ZoomWebhook<T>` through a router: signed events reach the handler, the URL validation
//! challenge is answered, and everything else is refused before the handler runs.
#![cfg(feature = "zoom")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::Router;
use http_body_util::BodyExt;
use jwt_axum::{ZoomEvent, ZoomWebhook, ZoomWebhookConfig};
use jwt_core::zoom::webhook::WebhookSecret;
use jwt_core::FixedClock;
use serde::Deserialize;
use tower::ServiceExt;

const NOW: i64 = 1_700_000_000;

fn secret() -> WebhookSecret {
    WebhookSecret::new("test-only-webhook-secret-token").unwrap()
}

#[derive(Deserialize)]
struct Started {
    object: Meeting,
}

#[derive(Deserialize)]
struct Meeting {
    id: u64,
}

async fn hook(ZoomWebhook(event): ZoomWebhook<ZoomEvent<Started>>) -> String {
    format!("{} {}", event.event, event.payload.object.id)
}

fn app() -> Router {
    let config = ZoomWebhookConfig::new(secret())
        .clock(FixedClock::at_secs(NOW).unwrap())
        .max_body_bytes(4096);
    Router::new().route("/zoom", post(hook)).with_state(config)
}

async fn send(headers: &[(&str, String)], body: &str) -> (StatusCode, String) {
    let mut request = Request::post("/zoom").header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = app()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn signed(timestamp: i64, body: &str) -> Vec<(&'static str, String)> {
    let ts = timestamp.to_string();
    vec![
        ("x-zm-signature", secret().sign(&ts, body.as_bytes())),
        ("x-zm-request-timestamp", ts),
    ]
}

const STARTED: &str =
    r#"{"event":"meeting.started","event_ts":1700000000000,"payload":{"object":{"id":85746065}}}"#;

#[tokio::test]
async fn a_signed_event_reaches_the_handler_typed() {
    let (status, body) = send(&signed(NOW, STARTED), STARTED).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "meeting.started 85746065");
}

#[tokio::test]
async fn the_url_validation_challenge_is_answered() {
    let challenge = r#"{"event":"endpoint.url_validation","event_ts":1700000000000,"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"}}"#;
    let (status, body) = send(&signed(NOW, challenge), challenge).await;
    assert_eq!(status, StatusCode::OK);
    let expected = secret().url_validation_response("qgg8vlvZRS6UYooatFL8Aw");
    assert_eq!(
        body,
        format!(
            r#"{{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":"{}"}}"#,
            expected.encrypted_token
        )
    );
    assert_eq!(expected.encrypted_token.len(), 64);
    // Unsigned, it is refused like any other event.
    let (status, _) = send(&[], challenge).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_bad_signature_or_timestamp_is_401() {
    let tampered = STARTED.replace("85746065", "85746066");
    type Headers = Vec<(&'static str, String)>;
    let cases: Vec<(Headers, &str, &str)> = vec![
        (
            signed(NOW, STARTED),
            &tampered,
            "the webhook signature does not match",
        ),
        (
            signed(NOW - 301, STARTED),
            STARTED,
            "the webhook timestamp is too old",
        ),
        (
            signed(NOW + 301, STARTED),
            STARTED,
            "the webhook timestamp is in the future",
        ),
        (
            vec![],
            STARTED,
            "x-zm-signature and x-zm-request-timestamp are required",
        ),
        (
            vec![
                ("x-zm-signature", "v0=zz".into()),
                ("x-zm-request-timestamp", NOW.to_string()),
            ],
            STARTED,
            "the webhook signature headers are malformed",
        ),
    ];
    for (headers, body, why) in cases {
        assert_eq!(
            send(&headers, body).await,
            (StatusCode::UNAUTHORIZED, why.to_owned())
        );
    }
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let big = format!(
        r#"{{"event":"x","payload":{{"pad":"{}"}}}}"#,
        "a".repeat(8192)
    );
    let (status, _) = send(&signed(NOW, &big), &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_signed_body_of_the_wrong_shape_is_400() {
    let other = r#"{"event":"meeting.ended","payload":{"object":{"id":"not a number"}}}"#;
    let (status, body) = send(&signed(NOW, other), other).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.starts_with("the event does not parse"), "{body}");
    let (status, _) = send(&signed(NOW, "[1,2]"), "[1,2]").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
