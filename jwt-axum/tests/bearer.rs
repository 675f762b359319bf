//! `Verified<C>`, `Option<Verified<C>>` and `BearerLayer` through a router, with real HTTP
//! requests: RFC 6750's answers, the header's syntax, and what the answers never contain.
#![cfg(feature = "jwks")]

#[path = "../../jwt-jwks/tests/issuer/mod.rs"]
mod issuer;

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::{Extension, FromRef};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use http_body_util::BodyExt;
use jwt_axum::{Authenticator, BearerError, BearerLayer, Verified};
use jwt_core::{Audience, Claims, Clock, Es256Key, FixedClock, Hs256Key, NumericDate, SystemClock};
use jwt_jwks::RemoteJwks;
use serde::{Deserialize, Serialize};
use tower::ServiceExt;

#[derive(Claims, Serialize, Deserialize, Debug, Clone)]
struct Session {
    #[claims(sub)]
    sub: String,
    #[claims(aud)]
    aud: Audience,
    #[claims(exp)]
    exp: NumericDate,
    #[serde(default)]
    scope: String,
}

fn hs_key() -> Hs256Key {
    Hs256Key::from_secret(b"test-only-secret-0123456789abcdef").unwrap()
}

fn es_key() -> Es256Key {
    static KEY: OnceLock<Es256Key> = OnceLock::new();
    KEY.get_or_init(|| Es256Key::generate().with_kid("test-es256"))
        .clone()
}

fn session(aud: &str, exp_in: i64, scope: &str) -> Session {
    let exp = NumericDate::from_secs(SystemClock.now().secs() + exp_in).unwrap();
    Session {
        sub: "42".into(),
        aud: aud.into(),
        exp,
        scope: scope.into(),
    }
}

fn token() -> String {
    session("api", 600, "read").sign(&hs_key()).unwrap()
}

async fn me(Verified(s): Verified<Session>) -> String {
    s.sub
}

async fn maybe(session: Option<Verified<Session>>) -> String {
    session.map_or_else(|| "anonymous".to_owned(), |s| s.0.sub)
}

async fn admin(Verified(s): Verified<Session>) -> Result<String, BearerError> {
    if s.scope.split(' ').any(|x| x == "admin") {
        Ok("welcome".into())
    } else {
        Err(BearerError::insufficient_scope("admin").with_realm("api"))
    }
}

async fn layered(Extension(s): Extension<Arc<Session>>) -> String {
    format!("layered {}", s.sub)
}

fn auth() -> Authenticator<Session> {
    Authenticator::new(hs_key()).audience("api").realm("api")
}

fn app() -> Router {
    Router::new()
        .route("/me", get(me))
        .route("/maybe", get(maybe))
        .route("/admin", get(admin))
        .with_state(auth())
        .merge(
            Router::new()
                .route("/layered", get(layered))
                .route_layer(BearerLayer::new(auth())),
        )
}

struct Answer {
    status: StatusCode,
    challenge: Option<String>,
    body: String,
}

async fn call(app: Router, path: &str, authorization: &[&[u8]]) -> Answer {
    let mut request = Request::get(path);
    for value in authorization {
        request = request.header(AUTHORIZATION, HeaderValue::from_bytes(value).unwrap());
    }
    let response = app
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let challenge = response
        .headers()
        .get(WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        challenge,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

async fn get_with(path: &str, authorization: &str) -> Answer {
    call(app(), path, &[authorization.as_bytes()]).await
}

#[tokio::test]
async fn a_valid_token_reaches_the_handler_whatever_the_schemes_case() {
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let answer = get_with("/me", &format!("{scheme} {}", token())).await;
        assert_eq!(answer.status, StatusCode::OK, "{scheme}");
        assert_eq!(answer.body, "42");
        assert_eq!(answer.challenge, None);
    }
}

#[tokio::test]
async fn no_token_is_401_with_a_challenge_and_no_error_code() {
    let answer = call(app(), "/me", &[]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.challenge.as_deref(), Some("Bearer realm=\"api\""));
    // Another scheme is no bearer token either.
    let answer = get_with("/me", "Basic dXNlcjpwYXNz").await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.challenge.as_deref(), Some("Bearer realm=\"api\""));
}

#[tokio::test]
async fn a_refused_token_is_401_invalid_token_with_a_fixed_description() {
    let cases = [
        (
            session("other", 600, ""),
            "the token is for another audience",
        ),
        (session("api", -600, ""), "the token has expired"),
    ];
    for (claims, description) in cases {
        let then = FixedClock::at_secs(claims.exp.secs() - 1000).unwrap();
        let token = claims.sign_with_clock(&hs_key(), &then).unwrap();
        let answer = get_with("/me", &format!("Bearer {token}")).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            answer.challenge.as_deref(),
            Some(&*format!(
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"{description}\""
            ))
        );
        assert_eq!(answer.body, description);
    }
    let wrong_key = Hs256Key::from_secret(&[7u8; 32]).unwrap();
    let forged = session("api", 600, "").sign(&wrong_key).unwrap();
    let answer = get_with("/me", &format!("Bearer {forged}")).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer
        .challenge
        .unwrap()
        .ends_with("error_description=\"the token's signature is invalid\""));
}

#[tokio::test]
async fn the_answer_never_repeats_the_token() {
    // A kid with quotes and markup, a garbage token, a token for another audience.
    let kid_key = hs_key().with_kid("\"<xss>kid-marker");
    let tokens = [
        session("other", 600, "").sign(&kid_key).unwrap(),
        "eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24tbWFya2Vy.c2ln".to_owned(),
        session("other-marker", 600, "").sign(&hs_key()).unwrap(),
    ];
    for token in tokens {
        let answer = get_with("/me", &format!("Bearer {token}")).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        let challenge = answer.challenge.unwrap();
        for part in token.split('.').chain(["marker", "<xss>"]) {
            assert!(!challenge.contains(part), "{part:?} in {challenge}");
            assert!(!answer.body.contains(part), "{}", answer.body);
        }
    }
}

#[tokio::test]
async fn a_malformed_authorization_header_is_400_invalid_request() {
    let token = token();
    let malformed = [
        "Bearer".to_owned(),
        "Bearer ".to_owned(),
        format!("Bearer  {token}"),
        format!("Bearer {token} extra"),
        format!("Bearer {token}=x"),
        "Bearer a,b".to_owned(),
        "Bearer \"quoted\"".to_owned(),
        "Bearer ====".to_owned(),
    ];
    for value in &malformed {
        let answer = get_with("/me", value).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{value}");
        let challenge = answer.challenge.unwrap();
        assert!(
            challenge.starts_with("Bearer realm=\"api\", error=\"invalid_request\""),
            "{challenge}"
        );
    }
    // Bytes outside ASCII.
    let answer = call(app(), "/me", &[b"Bearer \xff\xfe"]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    // Two Authorization headers.
    let value = format!("Bearer {token}");
    let answer = call(app(), "/me", &[value.as_bytes(), value.as_bytes()]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer
        .challenge
        .unwrap()
        .contains("more than one Authorization header"));
}

#[tokio::test]
async fn padding_is_allowed_at_the_end_of_a_b64token() {
    // Syntax is accepted; the token itself is then refused by the verifier.
    let answer = get_with("/me", &format!("Bearer {}==", token())).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer
        .challenge
        .unwrap()
        .contains("error=\"invalid_token\""));
}

#[tokio::test]
async fn an_oversized_header_is_refused_without_verifying() {
    let huge = format!("Bearer {}", "a".repeat(64 * 1024));
    let answer = get_with("/me", &huge).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.challenge.as_deref(),
        Some("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"the token is too long\"")
    );
}

#[tokio::test]
async fn an_optional_token_is_none_when_absent_and_refused_when_bad() {
    assert_eq!(call(app(), "/maybe", &[]).await.body, "anonymous");
    assert_eq!(
        get_with("/maybe", &format!("Bearer {}", token()))
            .await
            .body,
        "42"
    );
    let bad = get_with("/maybe", "Bearer not.a.token").await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.challenge.unwrap().contains("error=\"invalid_token\""));
}

#[tokio::test]
async fn insufficient_scope_is_403_naming_the_scope() {
    let answer = get_with("/admin", &format!("Bearer {}", token())).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        answer.challenge.as_deref(),
        Some(
            "Bearer realm=\"api\", error=\"insufficient_scope\", \
             error_description=\"the token lacks a scope this request needs\", scope=\"admin\""
        )
    );
    let admin = session("api", 600, "read admin").sign(&hs_key()).unwrap();
    assert_eq!(
        get_with("/admin", &format!("Bearer {admin}")).await.body,
        "welcome"
    );
}

#[tokio::test]
async fn the_layer_refuses_and_admits_as_the_extractor_does() {
    let answer = call(app(), "/layered", &[]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.challenge.as_deref(), Some("Bearer realm=\"api\""));
    let answer = get_with("/layered", "Bearer not.a.token").await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let answer = get_with("/layered", &format!("Bearer {}", token())).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, "layered 42");
}

/// A state with more than one thing in it: the authenticator comes out through `FromRef`.
#[derive(Clone, FromRef)]
struct AppState {
    auth: Authenticator<Session>,
    name: &'static str,
}

/// Over real HTTP (a server on 127.0.0.1:0, a reqwest client), with ES256 keys from a
/// remote JWK Set served by another real server.
#[tokio::test]
async fn over_real_http_with_a_remote_jwk_set() {
    let jwks_server =
        issuer::Issuer::start(issuer::set_of(&[es_key().public_key().to_jwk()])).await;
    let jwks = RemoteJwks::new(&jwks_server.url()).unwrap();
    jwks.fetch_now().await.unwrap();
    let state = AppState {
        auth: Authenticator::remote(jwks).audience("api").realm("api"),
        name: "real",
    };
    let app = Router::new()
        .route("/me", get(me))
        .with_state(state.clone());
    assert_eq!(state.name, "real");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = jwt_jwks::client_builder().unwrap().build().unwrap();
    let url = format!("http://{addr}/me");

    let good = session("api", 600, "").sign(&es_key()).unwrap();
    let response = client.get(&url).bearer_auth(&good).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "42");

    let other = session("other", 600, "").sign(&es_key()).unwrap();
    let response = client.get(&url).bearer_auth(&other).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE],
        "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"the token is for another audience\""
    );

    let huge = "a".repeat(20 * 1024);
    let response = client.get(&url).bearer_auth(&huge).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert!(response.headers()[WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .ends_with("error_description=\"the token is too long\""));

    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(jwks_server.hits(), 1);
}

#[tokio::test]
async fn unavailable_keys_are_503_not_a_token_error() {
    let jwks_server = issuer::Issuer::start(issuer::set_of(&[])).await;
    jwks_server.answer(issuer::Answer::Status(500));
    let jwks = RemoteJwks::new(&jwks_server.url()).unwrap();
    let app = Router::new()
        .route("/me", get(me))
        .with_state(Authenticator::<Session>::remote(jwks).audience("api"));
    let good = session("api", 600, "").sign(&es_key()).unwrap();
    let answer = call(app, "/me", &[format!("Bearer {good}").as_bytes()]).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.challenge, None);
    assert_eq!(jwks_server.hits(), 1);
}
