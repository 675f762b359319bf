//! An example service: a route for tokens from an OpenID Connect issuer's JWK Set (ES256),
//! a route for tokens signed with a shared secret (HS256), and a Zoom webhook route.
//!
//! It is its own demo issuer: it serves a JWK Set with a key generated at start-up, reads
//! it back over HTTP like any remote set (prefetched before the first request), and mints
//! demo tokens at `/demo/token/es256` and `/demo/token/hs256`. The HS256 and webhook
//! secrets are test-only values; a real service takes them from its secret store.
//!
//! ```sh
//! cargo run -p jwt-axum --example axum_service            # listens on 127.0.0.1:3000
//! curl -H "Authorization: Bearer $(curl -s localhost:3000/demo/token/es256)" localhost:3000/me
//! ```
//!
//! The README's "Example service" section has the other requests.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{FromRef, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use jwt_axum::{Authenticator, Verified, ZoomEvent, ZoomWebhook, ZoomWebhookConfig};
use jwt_core::zoom::webhook::WebhookSecret;
use jwt_core::{Audience, Claims, Clock, Es256Key, Hs256Key, NumericDate, SystemClock};
use jwt_jwks::RemoteJwks;
use serde::{Deserialize, Serialize};

/// The claims this service's protected routes take.
#[derive(Claims, Serialize, Deserialize)]
#[claims(lifetime(max = 3600))]
struct Session {
    #[claims(iss, equals = "http://demo-issuer.localhost")]
    iss: String,
    #[claims(sub, len(max = 64))]
    sub: String,
    #[claims(aud)]
    aud: Audience,
    #[claims(exp)]
    exp: NumericDate,
    #[claims(iat)]
    iat: NumericDate,
}

/// A test-only HMAC secret (a real one comes from a secret store).
const DEMO_HS256_SECRET: &[u8] = b"test-only-demo-secret-0123456789abcdef";
/// A test-only Zoom webhook secret token.
const DEMO_ZOOM_SECRET: &str = "test-only-zoom-webhook-secret";
const AUDIENCE: &str = "demo-api";

/// The router's state: one authenticator per key source, the webhook settings, and the
/// demo issuer's signing keys.
#[derive(Clone, FromRef)]
struct AppState {
    remote: Authenticator<Session>,
    zoom: ZoomWebhookConfig,
    issuer: Arc<DemoIssuer>,
}

struct DemoIssuer {
    es256: Es256Key,
    hs256: Hs256Key,
    jwks: String,
}

/// `/hs/me` verifies with the static HS256 key; its authenticator lives in its own router.
fn hs256_routes() -> Result<Router, jwt_core::Error> {
    let auth = Authenticator::<Session>::new(Hs256Key::from_secret(DEMO_HS256_SECRET)?)
        .audience(AUDIENCE)
        .realm("demo");
    Ok(Router::new().route("/hs/me", get(me)).with_state(auth))
}

async fn me(Verified(session): Verified<Session>) -> String {
    format!("hello {}\n", session.sub)
}

async fn zoom(ZoomWebhook(event): ZoomWebhook<ZoomEvent>) -> StatusCode {
    println!("zoom event {}", event.event);
    StatusCode::NO_CONTENT
}

async fn jwks(
    State(issuer): State<Arc<DemoIssuer>>,
) -> ([(&'static str, &'static str); 1], String) {
    (
        [("content-type", "application/jwk-set+json")],
        issuer.jwks.clone(),
    )
}

async fn demo_token(
    State(issuer): State<Arc<DemoIssuer>>,
    Path(alg): Path<String>,
) -> Result<String, (StatusCode, String)> {
    let now = SystemClock.now().secs();
    let at = |secs| NumericDate::from_secs(secs).map_err(internal);
    let session = Session {
        iss: "http://demo-issuer.localhost".into(),
        sub: "demo-user".into(),
        aud: AUDIENCE.into(),
        exp: at(now + 3600)?,
        iat: at(now)?,
    };
    match alg.as_str() {
        "es256" => session.sign(&issuer.es256).map_err(internal),
        "hs256" => session.sign(&issuer.hs256).map_err(internal),
        _ => Err((StatusCode::NOT_FOUND, "es256 or hs256\n".into())),
    }
}

fn internal(e: jwt_core::Error) -> (StatusCode, String) {
    (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().init();
    let addr: SocketAddr = std::env::var("ADDR")
        .unwrap_or_else(|_| "127.0.0.1:3000".into())
        .parse()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;

    let es256 = Es256Key::generate().with_kid("demo-es256");
    let issuer = Arc::new(DemoIssuer {
        jwks: format!("{{\"keys\":[{}]}}", es256.public_key().to_jwk()),
        es256,
        hs256: Hs256Key::from_secret(DEMO_HS256_SECRET)?,
    });
    // A loopback http address is allowed; a real issuer's is https.
    let remote = RemoteJwks::new(&format!("http://{addr}/.well-known/jwks.json"))?;
    let state = AppState {
        remote: Authenticator::remote(remote.clone())
            .audience(AUDIENCE)
            .realm("demo"),
        zoom: ZoomWebhookConfig::new(WebhookSecret::new(DEMO_ZOOM_SECRET)?),
        issuer,
    };
    let app = Router::new()
        .route("/me", get(me))
        .route("/zoom/webhook", post(zoom))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/demo/token/{alg}", get(demo_token))
        .with_state(state)
        .merge(hs256_routes()?);

    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    // Start-up prefetch: the first request does not wait for the key set.
    let keys = remote.fetch_now().await?;
    println!("listening on http://{addr} ({keys} key in the JWK Set)");
    server.await??;
    Ok(())
}
