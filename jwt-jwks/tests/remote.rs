//! The remote JWK Set against a real server on loopback: each fetch rule and each
//! unknown-`kid` rule, with the request count the server saw.

mod issuer;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use issuer::{set_of, Answer, Issuer};
use jwt_core::{
    Audience, Claims, Clock, ErrorKind, Es256Key, NumericDate, SystemClock, Validation,
};
use jwt_jwks::{FetchErrorKind, RemoteJwks, VerifyError};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize, Debug)]
struct Access {
    #[claims(sub)]
    sub: String,
    #[claims(aud)]
    aud: Audience,
    #[claims(exp)]
    exp: NumericDate,
}

/// Test keys, generated once per test binary.
fn key(kid: &str) -> Es256Key {
    static KEYS: OnceLock<Es256Key> = OnceLock::new();
    static OTHER: OnceLock<Es256Key> = OnceLock::new();
    let base = if kid == "k2" {
        OTHER.get_or_init(Es256Key::generate)
    } else {
        KEYS.get_or_init(Es256Key::generate)
    };
    base.clone().with_kid(kid)
}

fn jwk(kid: &str) -> String {
    key(kid).public_key().to_jwk()
}

fn token(kid: &str) -> String {
    token_for(kid, "api")
}

fn token_for(kid: &str, aud: &str) -> String {
    let exp = NumericDate::from_secs(SystemClock.now().secs() + 600).unwrap();
    Access {
        sub: "42".into(),
        aud: aud.into(),
        exp,
    }
    .sign(&key(kid))
    .unwrap()
}

fn validation() -> Validation {
    Validation::new().audience("api")
}

fn token_kind(result: Result<Access, VerifyError>) -> ErrorKind {
    match result {
        Err(VerifyError::Token(e)) => e.kind().clone(),
        other => panic!("expected a token error, got {other:?}"),
    }
}

fn fetch_kind(result: Result<usize, Arc<jwt_jwks::FetchError>>) -> FetchErrorKind {
    result.expect_err("the fetch should fail").kind().clone()
}

async fn serving(kids: &[&str]) -> Issuer {
    Issuer::start(set_of(&kids.iter().map(|k| jwk(k)).collect::<Vec<_>>())).await
}

/// Waits (up to 3 s) until the server has seen `n` requests.
async fn until_hits(issuer: &Issuer, n: usize) {
    let start = Instant::now();
    while issuer.hits() < n && start.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_fetched_set_verifies_without_another_request() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    assert_eq!(jwks.fetch_now().await.unwrap(), 1);
    for _ in 0..20 {
        let access: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
        assert_eq!(access.sub, "42");
    }
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused_without_a_fetch() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    jwks.fetch_now().await.unwrap();
    let result = jwks
        .verify_with(&token_for("k1", "other"), &validation())
        .await;
    assert_eq!(token_kind(result), ErrorKind::InvalidAudience);
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test]
async fn the_first_token_verified_fetches_the_set() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    let access: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
    assert_eq!(access.sub, "42");
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test]
async fn rotation_is_picked_up_on_the_first_token_with_the_new_kid() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cooldown(Duration::from_millis(100))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    issuer.rotate(set_of(&[jwk("k1"), jwk("k2")]));
    tokio::time::sleep(Duration::from_millis(150)).await;
    let access: Access = jwks.verify_with(&token("k2"), &validation()).await.unwrap();
    assert_eq!(access.sub, "42");
    assert_eq!(issuer.hits(), 2);
    // The old key is still in the set, and nothing more is fetched.
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
    assert_eq!(issuer.hits(), 2);
}

#[tokio::test]
async fn concurrent_misses_share_one_request() {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::Delay(Duration::from_millis(300)));
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    let token = token("k1");
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (jwks, token) = (jwks.clone(), token.clone());
            tokio::spawn(async move { jwks.verify_with::<Access>(&token, &validation()).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().sub, "42");
    }
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_random_kids_costs_at_most_one_fetch_per_cooldown() {
    let issuer = serving(&["k1"]).await;
    let cooldown = Duration::from_millis(500);
    let jwks = RemoteJwks::builder()
        .cooldown(cooldown)
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    // Tokens with unknown kids; their signatures do not matter (the kid is refused first).
    let signer = key("k1");
    let exp = NumericDate::from_secs(SystemClock.now().secs() + 600).unwrap();
    let claims = Access {
        sub: "42".into(),
        aud: "api".into(),
        exp,
    };
    let tokens: Vec<String> = (0..10_000)
        .map(|i| {
            claims
                .sign(&signer.clone().with_kid(format!("random-{i}-{}", i * 7919)))
                .unwrap()
        })
        .collect();
    tokio::time::sleep(cooldown).await;
    let start = Instant::now();
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|token| {
            let jwks = jwks.clone();
            tokio::spawn(async move { jwks.verify_with::<Access>(&token, &validation()).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(token_kind(task.await.unwrap()), ErrorKind::UnknownKeyId);
    }
    let elapsed = start.elapsed();
    let allowed = 1 + (elapsed.as_millis() / cooldown.as_millis()) as usize;
    let fetches = issuer.hits() - 1;
    assert!(
        fetches >= 1,
        "the first unknown kid after the cooldown fetches"
    );
    assert!(
        fetches <= allowed,
        "{fetches} fetches in {elapsed:?} with a {cooldown:?} cooldown"
    );
}

#[tokio::test]
async fn an_unknown_kid_is_remembered_beyond_the_cooldown() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cooldown(Duration::from_millis(50))
        .unknown_kid_ttl(Duration::from_secs(60))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    tokio::time::sleep(Duration::from_millis(80)).await;
    let ghost = token("ghost");
    assert_eq!(
        token_kind(jwks.verify_with(&ghost, &validation()).await),
        ErrorKind::UnknownKeyId
    );
    assert_eq!(issuer.hits(), 2);
    tokio::time::sleep(Duration::from_millis(80)).await;
    // The cooldown is over, but this kid was just looked for.
    assert_eq!(
        token_kind(jwks.verify_with(&ghost, &validation()).await),
        ErrorKind::UnknownKeyId
    );
    assert_eq!(issuer.hits(), 2);
    // Another kid is looked for.
    let other = token("ghost-2");
    assert_eq!(
        token_kind(jwks.verify_with(&other, &validation()).await),
        ErrorKind::UnknownKeyId
    );
    assert_eq!(issuer.hits(), 3);
}

#[tokio::test]
async fn an_unknown_kid_is_looked_for_again_once_forgotten() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cooldown(Duration::from_millis(50))
        .unknown_kid_ttl(Duration::from_millis(100))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    tokio::time::sleep(Duration::from_millis(80)).await;
    let _ = jwks
        .verify_with::<Access>(&token("k2"), &validation())
        .await;
    assert_eq!(issuer.hits(), 2);
    issuer.rotate(set_of(&[jwk("k1"), jwk("k2")]));
    tokio::time::sleep(Duration::from_millis(150)).await;
    let access: Access = jwks.verify_with(&token("k2"), &validation()).await.unwrap();
    assert_eq!(access.sub, "42");
    assert_eq!(issuer.hits(), 3);
}

#[tokio::test]
async fn the_cooldown_runs_from_the_last_attempt_not_the_last_success() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cooldown(Duration::from_millis(300))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    tokio::time::sleep(Duration::from_millis(350)).await;
    issuer.answer(Answer::Status(500));
    assert_eq!(
        token_kind(jwks.verify_with(&token("a"), &validation()).await),
        ErrorKind::UnknownKeyId
    );
    assert_eq!(issuer.hits(), 2);
    // The last success is 350 ms old, the last attempt just now: no fetch.
    assert_eq!(
        token_kind(jwks.verify_with(&token("b"), &validation()).await),
        ErrorKind::UnknownKeyId
    );
    assert_eq!(issuer.hits(), 2);
    // The failed refresh left the good set in use.
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
}

#[tokio::test]
async fn the_cooldown_holds_while_no_set_was_ever_fetched() {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::Status(500));
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    assert_eq!(
        fetch_kind(jwks.fetch_now().await),
        FetchErrorKind::Status(500)
    );
    for _ in 0..5 {
        match jwks
            .verify_with::<Access>(&token("k1"), &validation())
            .await
        {
            Err(VerifyError::KeysUnavailable(Some(e))) => {
                assert_eq!(e.kind(), &FetchErrorKind::Status(500));
            }
            other => panic!("expected KeysUnavailable, got {other:?}"),
        }
    }
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::Redirect);
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    assert_eq!(fetch_kind(jwks.fetch_now().await), FetchErrorKind::Redirect);
    assert_eq!(issuer.moved_hits(), 0);
    assert!(jwks.current().is_none());
}

#[tokio::test]
async fn a_redirect_followed_by_the_callers_client_is_refused() {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::Redirect);
    let follows = jwt_jwks::client_builder()
        .unwrap()
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap();
    let jwks = RemoteJwks::builder()
        .client(follows)
        .build(&issuer.url())
        .unwrap();
    assert_eq!(fetch_kind(jwks.fetch_now().await), FetchErrorKind::Redirect);
    assert_eq!(issuer.moved_hits(), 1);
    assert!(jwks.current().is_none());
}

#[tokio::test]
async fn a_status_other_than_200_is_refused() {
    for status in [201, 204, 404, 500, 503] {
        let issuer = serving(&["k1"]).await;
        issuer.answer(Answer::Status(status));
        let jwks = RemoteJwks::new(&issuer.url()).unwrap();
        assert_eq!(
            fetch_kind(jwks.fetch_now().await),
            FetchErrorKind::Status(status)
        );
    }
}

#[tokio::test]
async fn the_content_type_must_be_json() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    for (content_type, ok) in [
        ("text/html", false),
        ("text/plain", false),
        ("application/octet-stream", false),
        ("application/jwk-set+json", true),
        ("application/json; charset=utf-8", true),
    ] {
        issuer.answer(Answer::ContentType(content_type));
        let result = jwks.fetch_now().await;
        if ok {
            assert_eq!(result.unwrap(), 1, "{content_type}");
        } else {
            assert_eq!(
                fetch_kind(result),
                FetchErrorKind::ContentType,
                "{content_type}"
            );
        }
    }
}

#[tokio::test]
async fn a_huge_body_is_refused() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    for answer in [Answer::Huge, Answer::HugeStreamed] {
        issuer.answer(answer);
        assert_eq!(fetch_kind(jwks.fetch_now().await), FetchErrorKind::TooLarge);
    }
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_refused_before_the_body() {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::LengthThenHang);
    let jwks = RemoteJwks::builder()
        .timeout(Duration::from_secs(3))
        .build(&issuer.url())
        .unwrap();
    let start = Instant::now();
    assert_eq!(fetch_kind(jwks.fetch_now().await), FetchErrorKind::TooLarge);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn the_body_cap_is_configurable() {
    let issuer = serving(&["k1", "k2"]).await;
    let body_len = set_of(&[jwk("k1"), jwk("k2")]).len();
    let small = RemoteJwks::builder()
        .max_body_bytes(body_len - 1)
        .build(&issuer.url())
        .unwrap();
    assert_eq!(
        fetch_kind(small.fetch_now().await),
        FetchErrorKind::TooLarge
    );
    let exact = RemoteJwks::builder()
        .max_body_bytes(body_len)
        .build(&issuer.url())
        .unwrap();
    assert_eq!(exact.fetch_now().await.unwrap(), 2);
}

#[tokio::test]
async fn the_key_count_is_capped() {
    let issuer = serving(&["k1", "k2"]).await;
    let one = RemoteJwks::builder()
        .max_keys(1)
        .build(&issuer.url())
        .unwrap();
    assert_eq!(
        fetch_kind(one.fetch_now().await),
        FetchErrorKind::TooManyKeys
    );
    let two = RemoteJwks::builder()
        .max_keys(2)
        .build(&issuer.url())
        .unwrap();
    assert_eq!(two.fetch_now().await.unwrap(), 2);
}

#[tokio::test]
async fn bad_json_is_refused_and_the_old_set_kept() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    jwks.fetch_now().await.unwrap();
    issuer.answer(Answer::BadJson);
    assert_eq!(
        fetch_kind(jwks.fetch_now().await),
        FetchErrorKind::InvalidKeySet
    );
    assert_eq!(
        jwks.last_error().map(|e| e.kind().clone()),
        Some(FetchErrorKind::InvalidKeySet)
    );
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
}

#[tokio::test]
async fn a_hung_server_times_out_and_the_old_set_keeps_serving() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .timeout(Duration::from_millis(300))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    issuer.answer(Answer::Hang);
    let start = Instant::now();
    let result = tokio::time::timeout(Duration::from_secs(5), jwks.fetch_now())
        .await
        .expect("the fetch should give up by itself");
    assert_eq!(fetch_kind(result), FetchErrorKind::Timeout);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
}

#[tokio::test]
async fn an_older_slow_answer_does_not_replace_a_newer_one() {
    let issuer = serving(&["k1"]).await;
    issuer.then(Answer::Delay(Duration::from_millis(400)));
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    let slow = {
        let jwks = jwks.clone();
        tokio::spawn(async move { jwks.fetch_now().await })
    };
    until_hits(&issuer, 1).await;
    issuer.rotate(set_of(&[jwk("k2")]));
    assert_eq!(jwks.fetch_now().await.unwrap(), 1);
    // The slow answer (the set with k1 only) arrives after the fast one (k2 only).
    slow.await.unwrap().unwrap();
    assert_eq!(
        jwks.current()
            .unwrap()
            .keys()
            .map(|(_, kid)| kid.map(str::to_owned))
            .collect::<Vec<_>>(),
        vec![Some("k2".to_owned())]
    );
    let _: Access = jwks.try_verify_with(&token("k2"), &validation()).unwrap();
}

/// Serves the set with `cache_control`, fetches it, waits `wait`, verifies a token (at once,
/// from the aged set), and checks that a refresh followed in the background.
async fn refreshed_after(
    cache_control: &'static str,
    bounds: (Duration, Duration),
    wait: Duration,
) {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::CacheControl(cache_control));
    let jwks = RemoteJwks::builder()
        .max_age_bounds(bounds.0, bounds.1)
        .cooldown(Duration::from_millis(50))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    tokio::time::sleep(wait).await;
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
    until_hits(&issuer, 2).await;
    assert_eq!(issuer.hits(), 2);
}

#[tokio::test]
async fn cache_control_max_age_is_respected() {
    let bounds = (Duration::from_millis(100), Duration::from_secs(3600));
    refreshed_after("public, max-age=1", bounds, Duration::from_millis(1100)).await;
}

#[tokio::test]
async fn cache_control_max_age_is_bounded() {
    let bounds = (Duration::from_millis(100), Duration::from_millis(200));
    refreshed_after("max-age=31536000", bounds, Duration::from_millis(300)).await;
}

#[tokio::test]
async fn a_set_within_its_age_is_not_refetched() {
    let issuer = serving(&["k1"]).await;
    issuer.answer(Answer::CacheControl("max-age=3600"));
    let jwks = RemoteJwks::builder()
        .cache_max_age(Duration::from_millis(100))
        .cooldown(Duration::from_millis(10))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test]
async fn stale_while_error_then_unavailable_past_the_staleness_bound() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cache_max_age(Duration::from_millis(100))
        .max_staleness(Duration::from_millis(400))
        .cooldown(Duration::from_millis(10))
        .build(&issuer.url())
        .unwrap();
    jwks.fetch_now().await.unwrap();
    issuer.answer(Answer::Status(500));
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Past its age, within the staleness: still used, and the refresh failure recorded.
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
    until_hits(&issuer, 2).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        jwks.last_error().map(|e| e.kind().clone()),
        Some(FetchErrorKind::Status(500))
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    match jwks
        .verify_with::<Access>(&token("k1"), &validation())
        .await
    {
        Err(VerifyError::KeysUnavailable(Some(e))) => {
            assert_eq!(e.kind(), &FetchErrorKind::Status(500));
        }
        other => panic!("expected KeysUnavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn try_verify_never_fetches() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cache_max_age(Duration::from_millis(10))
        .cooldown(Duration::from_millis(1))
        .build(&issuer.url())
        .unwrap();
    assert!(matches!(
        jwks.try_verify_with::<Access>(&token("k1"), &validation()),
        Err(VerifyError::KeysUnavailable(None))
    ));
    assert_eq!(issuer.hits(), 0);
    jwks.fetch_now().await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let _: Access = jwks.try_verify_with(&token("k1"), &validation()).unwrap();
    let unknown = jwks.try_verify_with::<Access>(&token("k2"), &validation());
    assert_eq!(token_kind(unknown), ErrorKind::UnknownKeyId);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(issuer.hits(), 1);
}

#[tokio::test]
async fn a_malformed_token_never_causes_a_fetch() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::builder()
        .cooldown(Duration::from_millis(1))
        .build(&issuer.url())
        .unwrap();
    for bad in ["", "a.b", "not-a-token", "eyJhbGciOiJub25lIn0.e30."] {
        let result = jwks.verify_with::<Access>(bad, &validation()).await;
        assert!(
            matches!(result, Err(VerifyError::Token(_))),
            "{bad}: {result:?}"
        );
    }
    assert_eq!(issuer.hits(), 0);
}

#[tokio::test]
async fn plain_http_is_only_for_loopback() {
    let err = RemoteJwks::new("http://issuer.example/jwks").unwrap_err();
    assert_eq!(err.kind(), &FetchErrorKind::InsecureUrl);
    assert!(RemoteJwks::new("https://issuer.example/jwks").is_ok());
    assert!(RemoteJwks::builder()
        .allow_http(true)
        .build("http://issuer.example/jwks")
        .is_ok());
}

#[tokio::test]
async fn discovery_reads_jwks_uri_of_the_same_issuer() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::from_issuer(&issuer.base()).await.unwrap();
    assert_eq!(jwks.url(), issuer.url());
    let _: Access = jwks.verify_with(&token("k1"), &validation()).await.unwrap();
    // A trailing slash on the issuer given is the same issuer only if the document says so.
    let err = RemoteJwks::from_issuer(&format!("{}/", issuer.base()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &FetchErrorKind::InvalidDiscovery);
}

#[tokio::test]
async fn discovery_refuses_a_document_for_another_issuer() {
    let issuer = serving(&["k1"]).await;
    issuer.set_discovery_issuer("https://attacker.example".into());
    let err = RemoteJwks::from_issuer(&issuer.base()).await.unwrap_err();
    assert_eq!(err.kind(), &FetchErrorKind::InvalidDiscovery);
    assert_eq!(issuer.hits(), 0);
}

#[tokio::test]
async fn discovery_holds_jwks_uri_to_the_fetch_rules() {
    let err = RemoteJwks::from_issuer("http://issuer.example")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &FetchErrorKind::InsecureUrl);
}

#[derive(Claims, Serialize, Deserialize, Debug)]
struct Plain {
    #[claims(sub)]
    sub: String,
    #[claims(exp)]
    exp: NumericDate,
}

#[tokio::test]
async fn verify_applies_the_types_own_rules() {
    let issuer = serving(&["k1"]).await;
    let jwks = RemoteJwks::new(&issuer.url()).unwrap();
    let exp = NumericDate::from_secs(SystemClock.now().secs() + 600).unwrap();
    let token = Plain {
        sub: "7".into(),
        exp,
    }
    .sign(&key("k1"))
    .unwrap();
    assert_eq!(jwks.verify::<Plain>(&token).await.unwrap().sub, "7");
    let past = NumericDate::from_secs(SystemClock.now().secs() - 600).unwrap();
    let then = jwt_core::FixedClock::at_secs(past.secs() - 60).unwrap();
    let expired = Plain {
        sub: "7".into(),
        exp: past,
    }
    .sign_with_clock(&key("k1"), &then)
    .unwrap();
    let result = jwks.verify::<Plain>(&expired).await;
    assert!(
        matches!(result, Err(VerifyError::Token(ref e)) if *e.kind() == ErrorKind::Expired),
        "{result:?}"
    );
    assert_eq!(jwks.try_verify::<Plain>(&token).unwrap().sub, "7");
}
