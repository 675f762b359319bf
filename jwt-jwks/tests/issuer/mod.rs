//! A real JWK Set server for the tests, on 127.0.0.1 port 0: it serves a set, counts the
//! requests, and can be told to rotate keys, delay, fail, redirect, send a huge body or bad
//! JSON, or hang.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// How the server answers a request for the set.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The set, as `application/json`.
    Serve,
    /// The set as it was when the request came, after a delay.
    Delay(Duration),
    /// This status, with the set as body.
    Status(u16),
    /// 302 to `/moved`, which serves the set.
    Redirect,
    /// 10 MiB of JSON, streamed without a Content-Length.
    HugeStreamed,
    /// 10 MiB of JSON with a Content-Length.
    Huge,
    /// Headers declaring a 10 MiB body, then nothing.
    LengthThenHang,
    /// Not JSON.
    BadJson,
    /// Never answers.
    Hang,
    /// The set with this Content-Type.
    ContentType(&'static str),
    /// The set with this Cache-Control.
    CacheControl(&'static str),
}

pub struct Issuer {
    pub addr: SocketAddr,
    state: Arc<Shared>,
}

struct Shared {
    hits: AtomicUsize,
    moved_hits: AtomicUsize,
    set: Mutex<String>,
    answer: Mutex<Answer>,
    script: Mutex<VecDeque<Answer>>,
    issuer: Mutex<String>,
    addr: SocketAddr,
}

impl Issuer {
    /// A server that serves `set` (a JWK Set document).
    pub async fn start(set: String) -> Issuer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Shared {
            hits: AtomicUsize::new(0),
            moved_hits: AtomicUsize::new(0),
            set: Mutex::new(set),
            answer: Mutex::new(Answer::Serve),
            script: Mutex::new(VecDeque::new()),
            issuer: Mutex::new(format!("http://{addr}")),
            addr,
        });
        let app = Router::new()
            .route("/jwks", get(jwks))
            .route("/moved", get(moved))
            .route("/.well-known/openid-configuration", get(discovery))
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Issuer { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}/jwks", self.addr)
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests for `/jwks` so far.
    pub fn hits(&self) -> usize {
        self.state.hits.load(Ordering::SeqCst)
    }

    /// Requests for `/moved` (the redirect's target) so far.
    pub fn moved_hits(&self) -> usize {
        self.state.moved_hits.load(Ordering::SeqCst)
    }

    /// Serves `set` from now on (key rotation).
    pub fn rotate(&self, set: String) {
        *self.state.set.lock().unwrap() = set;
    }

    /// Answers every request this way from now on.
    pub fn answer(&self, answer: Answer) {
        *self.state.answer.lock().unwrap() = answer;
    }

    /// Answers the next requests this way, one each, before the standing answer.
    pub fn then(&self, answer: Answer) {
        self.state.script.lock().unwrap().push_back(answer);
    }

    /// The `issuer` the discovery document names.
    pub fn set_discovery_issuer(&self, issuer: String) {
        *self.state.issuer.lock().unwrap() = issuer;
    }
}

fn json(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn jwks(State(s): State<Arc<Shared>>) -> Response {
    s.hits.fetch_add(1, Ordering::SeqCst);
    let answer = s
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| s.answer.lock().unwrap().clone());
    let set = s.set.lock().unwrap().clone();
    match answer {
        Answer::Serve => json(set),
        Answer::Delay(d) => {
            tokio::time::sleep(d).await;
            json(set)
        }
        Answer::Status(code) => {
            let mut r = json(set);
            *r.status_mut() = StatusCode::from_u16(code).unwrap();
            r
        }
        Answer::Redirect => (
            StatusCode::FOUND,
            [(header::LOCATION, HeaderValue::from_static("/moved"))],
        )
            .into_response(),
        Answer::Huge => json(huge()),
        Answer::HugeStreamed => {
            let chunks = (0..160).map(|_| Ok::<_, std::io::Error>(vec![b' '; 64 * 1024]));
            let body = Body::from_stream(futures_util::stream::iter(chunks));
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Answer::LengthThenHang => {
            let never = futures_util::stream::pending::<Result<Vec<u8>, std::io::Error>>();
            (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CONTENT_LENGTH, "10485760"),
                ],
                Body::from_stream(never),
            )
                .into_response()
        }
        Answer::BadJson => json("{\"keys\": [".to_owned()),
        Answer::Hang => std::future::pending().await,
        Answer::ContentType(ct) => ([(header::CONTENT_TYPE, ct)], set).into_response(),
        Answer::CacheControl(cc) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, cc),
            ],
            set,
        )
            .into_response(),
    }
}

/// A 10 MiB JSON document.
fn huge() -> String {
    let mut s = String::with_capacity(10 << 20);
    s.push_str("{\"keys\":[],\"pad\":\"");
    s.extend(std::iter::repeat_n('x', (10 << 20) - 30));
    s.push_str("\"}");
    s
}

async fn moved(State(s): State<Arc<Shared>>) -> Response {
    s.moved_hits.fetch_add(1, Ordering::SeqCst);
    json(s.set.lock().unwrap().clone())
}

async fn discovery(State(s): State<Arc<Shared>>) -> Response {
    let issuer = s.issuer.lock().unwrap().clone();
    let own = format!("http://{}", s.addr);
    json(
        serde_json::json!({
            "issuer": issuer,
            "jwks_uri": format!("{own}/jwks"),
            "id_token_signing_alg_values_supported": ["ES256"],
        })
        .to_string(),
    )
}

/// A JWK Set document of these public JWKs.
pub fn set_of(jwks: &[String]) -> String {
    format!("{{\"keys\":[{}]}}", jwks.join(","))
}
