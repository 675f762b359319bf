//! A remote JWK Set for [`jwt_core`]: an OpenID Connect issuer's keys, fetched over HTTPS,
//! cached, refreshed when the issuer rotates them, and used to verify tokens without
//! waiting on the network in the common case.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use jwt_core::{Audience, Claims, NumericDate, Validation};
//! use jwt_jwks::RemoteJwks;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Claims, Serialize, Deserialize)]
//! struct Access {
//!     #[claims(iss, equals = "https://issuer.example")]
//!     iss: String,
//!     #[claims(aud)]
//!     aud: Audience,
//!     #[claims(exp)]
//!     exp: NumericDate,
//! }
//!
//! let jwks = RemoteJwks::from_issuer("https://issuer.example").await?;
//! jwks.fetch_now().await?; // at start-up, so the first request does not wait
//! let validation = Validation::new().audience("api.example");
//! # let token = "";
//! let access: Access = jwks.verify_with(token, &validation).await?;
//! # Ok(()) }
//! ```
//!
//! The rules, after panva/jose's remote key set:
//!
//! - **Fetching**: `https` only (`http` only to a loopback host, or with
//!   [`RemoteJwksBuilder::allow_http`]); redirects are not followed; the status must be 200,
//!   the `Content-Type` `application/json` or `application/jwk-set+json`, the body at most
//!   [`DEFAULT_MAX_BODY_BYTES`] and the set at most [`DEFAULT_MAX_KEYS`] keys (both
//!   configurable); one request at most [`DEFAULT_TIMEOUT`].
//! - **Caching**: a set is fresh for its `Cache-Control: max-age` (within
//!   [`RemoteJwksBuilder::max_age_bounds`]), or [`DEFAULT_CACHE_MAX_AGE`] without one. A token
//!   verified against a set past its age is still verified at once, and a refresh starts in
//!   the background (like every fetch but [`RemoteJwks::fetch_now`], at most one attempt
//!   per cooldown).
//! - **Single flight**: one request at a time; everyone who needs its answer waits for that
//!   one. Readers take the current set from an atomic pointer: no lock is held across a
//!   network wait.
//! - **Unknown `kid`**: the set is refetched only when the last attempt (failed or not, and
//!   also while no set was ever fetched) is older than the cooldown
//!   ([`DEFAULT_COOLDOWN`]); a `kid` that a fetch did not find is remembered (at most
//!   [`UNKNOWN_KID_CAPACITY`] of them, for [`DEFAULT_UNKNOWN_KID_TTL`]) and refused without
//!   another. A flood of random `kid` values costs at most one fetch per cooldown.
//! - **Stale while error**: a failed refresh keeps the last good set in use (reported
//!   through `tracing`) for at most [`DEFAULT_MAX_STALENESS`] past its age.
//! - **Order**: an answer to an older request never replaces a set from a newer one.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod error;
mod fetch;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use arc_swap::ArcSwapOption;
use jwt_core::{dangerous, decode, Claims, ErrorKind, KeySet, Validation};
use tokio::sync::watch;
use url::Url;

pub use error::{FetchError, FetchErrorKind, VerifyError};
use fetch::Limits;

/// How long a fetched set is used before it is refreshed, when its response has no
/// `Cache-Control: max-age`: 10 minutes.
pub const DEFAULT_CACHE_MAX_AGE: Duration = Duration::from_secs(600);
/// The least time between two fetch attempts for unknown keys: 30 seconds.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(30);
/// The longest one fetch may take: 5 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest JWK Set body read: 256 KiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;
/// The most keys a set may list: 100 (also jwt-core's own limit).
pub const DEFAULT_MAX_KEYS: usize = jwt_core::jwk::JWK_SET_MAX_KEYS;
/// How long past its age a set stays in use while refreshes fail: one day.
pub const DEFAULT_MAX_STALENESS: Duration = Duration::from_secs(86_400);
/// How long a `kid` that a fetch did not find is refused without another fetch: 60 seconds.
pub const DEFAULT_UNKNOWN_KID_TTL: Duration = Duration::from_secs(60);
/// The most unknown `kid` values remembered; the oldest is forgotten first.
pub const UNKNOWN_KID_CAPACITY: usize = 1024;
/// The bounds a response's `Cache-Control: max-age` is held to by default: 30 s to 1 day.
pub const DEFAULT_MAX_AGE_BOUNDS: (Duration, Duration) =
    (Duration::from_secs(30), Duration::from_secs(86_400));

const JWKS_ACCEPT: &str = "application/jwk-set+json, application/json";

/// An issuer's JWK Set, fetched on demand and cached; cheap to clone (clones share the cache).
#[derive(Clone)]
pub struct RemoteJwks {
    inner: Arc<Inner>,
}

struct Inner {
    url: Url,
    client: reqwest::Client,
    config: Config,
    current: ArcSwapOption<Snapshot>,
    control: Mutex<Control>,
}

#[derive(Debug, Clone, Copy)]
struct Config {
    limits: Limits,
    cache_max_age: Duration,
    max_age_bounds: (Duration, Duration),
    cooldown: Duration,
    max_staleness: Duration,
    unknown_kid_ttl: Duration,
}

struct Snapshot {
    keys: Arc<KeySet>,
    fetched: Instant,
    max_age: Duration,
    seq: u64,
}

type Outcome = Result<(), Arc<FetchError>>;

#[derive(Default)]
struct Control {
    last_attempt: Option<Instant>,
    in_flight: Option<(u64, watch::Receiver<Option<Outcome>>)>,
    next_seq: u64,
    last_error: Option<Arc<FetchError>>,
    unknown_kids: HashMap<String, Instant>,
}

/// Configures a [`RemoteJwks`]; from [`RemoteJwks::builder`].
#[derive(Debug, Clone)]
pub struct RemoteJwksBuilder {
    config: Config,
    client: Option<reqwest::Client>,
    allow_http: bool,
}

impl Default for RemoteJwksBuilder {
    fn default() -> Self {
        RemoteJwksBuilder {
            config: Config {
                limits: Limits {
                    timeout: DEFAULT_TIMEOUT,
                    max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                    max_keys: DEFAULT_MAX_KEYS,
                },
                cache_max_age: DEFAULT_CACHE_MAX_AGE,
                max_age_bounds: DEFAULT_MAX_AGE_BOUNDS,
                cooldown: DEFAULT_COOLDOWN,
                max_staleness: DEFAULT_MAX_STALENESS,
                unknown_kid_ttl: DEFAULT_UNKNOWN_KID_TTL,
            },
            client: None,
            allow_http: false,
        }
    }
}

impl RemoteJwksBuilder {
    /// How long a set whose response has no `Cache-Control: max-age` is used before it is
    /// refreshed ([`DEFAULT_CACHE_MAX_AGE`]).
    #[must_use]
    pub fn cache_max_age(mut self, age: Duration) -> Self {
        self.config.cache_max_age = age;
        self
    }

    /// The bounds a response's `Cache-Control: max-age` is held to
    /// ([`DEFAULT_MAX_AGE_BOUNDS`]); `no-cache` and `no-store` count as zero, so as the
    /// lower bound.
    #[must_use]
    pub fn max_age_bounds(mut self, min: Duration, max: Duration) -> Self {
        self.config.max_age_bounds = (min, max.max(min));
        self
    }

    /// The least time between two fetch attempts caused by tokens with unknown keys
    /// ([`DEFAULT_COOLDOWN`]), timed from the start of the last attempt.
    #[must_use]
    pub fn cooldown(mut self, cooldown: Duration) -> Self {
        self.config.cooldown = cooldown;
        self
    }

    /// The longest one fetch may take, answer and body ([`DEFAULT_TIMEOUT`]).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.limits.timeout = timeout;
        self
    }

    /// The largest body read ([`DEFAULT_MAX_BODY_BYTES`]).
    #[must_use]
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.config.limits.max_body_bytes = bytes;
        self
    }

    /// The most keys a set may list ([`DEFAULT_MAX_KEYS`]; jwt-core refuses more than its
    /// own [`JWK_SET_MAX_KEYS`](jwt_core::jwk::JWK_SET_MAX_KEYS) in any case).
    #[must_use]
    pub fn max_keys(mut self, keys: usize) -> Self {
        self.config.limits.max_keys = keys;
        self
    }

    /// How long past its age the last good set stays in use while refreshes fail
    /// ([`DEFAULT_MAX_STALENESS`]); after that, tokens are refused with
    /// [`VerifyError::KeysUnavailable`] until a fetch succeeds.
    #[must_use]
    pub fn max_staleness(mut self, staleness: Duration) -> Self {
        self.config.max_staleness = staleness;
        self
    }

    /// How long a `kid` that a fetch did not find is refused without a new fetch
    /// ([`DEFAULT_UNKNOWN_KID_TTL`]).
    #[must_use]
    pub fn unknown_kid_ttl(mut self, ttl: Duration) -> Self {
        self.config.unknown_kid_ttl = ttl;
        self
    }

    /// The HTTP client to fetch with, instead of one from [`client_builder`]. A client that
    /// follows redirects is still refused a redirected answer.
    #[must_use]
    pub fn client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// Allows `http` addresses of any host, not only loopback ones. Keys fetched over plain
    /// HTTP can be replaced by anyone on the path: only for a trusted network.
    #[must_use]
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// A key set fetched from `url` (nothing is fetched yet).
    ///
    /// # Errors
    ///
    /// [`FetchErrorKind::InsecureUrl`] for an address the rules refuse;
    /// [`FetchErrorKind::Http`] if the HTTP client cannot be built.
    pub fn build(self, url: &str) -> Result<RemoteJwks, FetchError> {
        let url = fetch::checked_url(url, self.allow_http)?;
        let client = match self.client {
            Some(client) => client,
            None => default_client()?,
        };
        Ok(RemoteJwks {
            inner: Arc::new(Inner {
                url,
                client,
                config: self.config,
                current: ArcSwapOption::empty(),
                control: Mutex::new(Control::default()),
            }),
        })
    }

    /// The key set of an OpenID Connect issuer: reads
    /// `{issuer}/.well-known/openid-configuration` (under the same fetch rules), checks that
    /// its `issuer` equals `issuer`, and uses its `jwks_uri`.
    ///
    /// # Errors
    ///
    /// A [`FetchError`] for the discovery document, or [`FetchErrorKind::InvalidDiscovery`]
    /// if it names another issuer or has no `jwks_uri`.
    pub async fn discover(self, issuer: &str) -> Result<RemoteJwks, FetchError> {
        let address = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let url = fetch::checked_url(&address, self.allow_http)?;
        let client = match &self.client {
            Some(client) => client.clone(),
            None => default_client()?,
        };
        let fetched = fetch::get(&client, &url, "application/json", self.config.limits).await?;
        let jwks_uri = fetch::jwks_uri(&url, &fetched.body, issuer)?;
        RemoteJwksBuilder {
            client: Some(client),
            ..self
        }
        .build(&jwks_uri)
    }
}

/// A reqwest client builder set up as [`RemoteJwks`] builds its own client: rustls with
/// graviola's cryptography (pure Rust, no C compiler, no process-wide provider needed), the
/// platform's root certificates, and no redirects. For a client of your own (a proxy, other
/// timeouts) to pass to [`RemoteJwksBuilder::client`].
///
/// # Errors
///
/// [`FetchErrorKind::Http`] if the platform's certificate verifier cannot be set up.
pub fn client_builder() -> Result<reqwest::ClientBuilder, FetchError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let tls =
        rustls::ClientConfig::builder_with_provider(Arc::new(rustls_graviola::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| client_failed(&e))?
            .with_platform_verifier()
            .map_err(|e| client_failed(&e))?
            .with_no_client_auth();
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none()))
}

fn client_failed(e: &dyn std::fmt::Display) -> FetchError {
    FetchError::new(
        FetchErrorKind::Http,
        format!("the HTTP client could not be built: {e}"),
    )
}

fn default_client() -> Result<reqwest::Client, FetchError> {
    client_builder()?.build().map_err(|e| client_failed(&e))
}

impl std::fmt::Debug for RemoteJwks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteJwks")
            .field("url", &self.inner.url.as_str())
            .field("keys", &self.current())
            .finish_non_exhaustive()
    }
}

impl RemoteJwks {
    /// A key set fetched from `url` with the default settings; see
    /// [`RemoteJwksBuilder::build`].
    ///
    /// # Errors
    ///
    /// As [`RemoteJwksBuilder::build`].
    pub fn new(url: &str) -> Result<RemoteJwks, FetchError> {
        RemoteJwks::builder().build(url)
    }

    /// The settings, to change before [`RemoteJwksBuilder::build`] or
    /// [`RemoteJwksBuilder::discover`].
    #[must_use]
    pub fn builder() -> RemoteJwksBuilder {
        RemoteJwksBuilder::default()
    }

    /// The key set of an OpenID Connect issuer, with the default settings; see
    /// [`RemoteJwksBuilder::discover`].
    ///
    /// # Errors
    ///
    /// As [`RemoteJwksBuilder::discover`].
    pub async fn from_issuer(issuer: &str) -> Result<RemoteJwks, FetchError> {
        RemoteJwks::builder().discover(issuer).await
    }

    /// The address the set is fetched from.
    #[must_use]
    pub fn url(&self) -> &str {
        self.inner.url.as_str()
    }

    /// Fetches the set now, whatever the cooldown, and waits for it: at start-up, so that
    /// the first request does not wait, or when the issuer says its keys changed. Returns
    /// the number of keys in use.
    ///
    /// # Errors
    ///
    /// The fetch's error; the previous set, if any, stays in use.
    pub async fn fetch_now(&self) -> Result<usize, Arc<FetchError>> {
        let rx = {
            let mut control = self.inner.lock();
            self.inner.start_fetch(&mut control)
        };
        wait(rx).await?;
        Ok(self.current().map_or(0, |keys| keys.len()))
    }

    /// The set in use, if one was fetched (however old).
    #[must_use]
    pub fn current(&self) -> Option<Arc<KeySet>> {
        self.inner.current.load().as_ref().map(|s| s.keys.clone())
    }

    /// The error of the last fetch, if it failed.
    #[must_use]
    pub fn last_error(&self) -> Option<Arc<FetchError>> {
        self.inner.lock().last_error.clone()
    }

    /// Verifies `token` under `C`'s own rules (see [`RemoteJwks::verify_with`]).
    ///
    /// # Errors
    ///
    /// As [`RemoteJwks::verify_with`].
    pub async fn verify<C: Claims>(&self, token: &str) -> Result<C, VerifyError> {
        self.verify_with(token, &own_validation::<C>()).await
    }

    /// Verifies `token` with the key its header names, under `validation` and `C`'s own rules.
    ///
    /// With a current set that holds the key, nothing waits. Otherwise (a `kid` the set
    /// does not hold, or no usable set) the set is fetched if the cooldown allows, or an
    /// in-flight fetch is joined, and the token is tried once more.
    ///
    /// # Errors
    ///
    /// [`VerifyError::Token`] with jwt-core's error (an unknown `kid` is
    /// [`ErrorKind::UnknownKeyId`]); [`VerifyError::KeysUnavailable`] when no set is usable.
    pub async fn verify_with<C: Claims>(
        &self,
        token: &str,
        validation: &Validation,
    ) -> Result<C, VerifyError> {
        let miss = match self.inner.usable(true) {
            Some(snapshot) => match decode::verify::<C>(token, &*snapshot.keys, validation) {
                Err(e) if *e.kind() == ErrorKind::UnknownKeyId => Some(e),
                done => return done.map_err(VerifyError::Token),
            },
            None => None,
        };
        // A token that does not even parse never causes a fetch.
        let kid = dangerous::decode_unverified(token)?.header.kid;
        let refused = |miss: Option<jwt_core::Error>| match miss {
            Some(e) => VerifyError::Token(e),
            None => VerifyError::KeysUnavailable(self.inner.lock().last_error.clone()),
        };
        let rx = {
            let mut control = self.inner.lock();
            if let Some(kid) = &kid {
                if self.inner.known_unknown(&mut control, kid) {
                    drop(control);
                    return Err(refused(miss));
                }
            }
            match self.inner.join_or_start(&mut control) {
                Some(rx) => rx,
                None => {
                    drop(control);
                    return Err(refused(miss));
                }
            }
        };
        // The fetch's failure is in last_error; the set, old or new, decides.
        let _ = wait(rx).await;
        let Some(snapshot) = self.inner.usable(false) else {
            return Err(VerifyError::KeysUnavailable(
                self.inner.lock().last_error.clone(),
            ));
        };
        match decode::verify::<C>(token, &*snapshot.keys, validation) {
            Err(e) if *e.kind() == ErrorKind::UnknownKeyId => {
                if let Some(kid) = kid {
                    self.inner.remember_unknown(kid);
                }
                Err(VerifyError::Token(e))
            }
            done => done.map_err(VerifyError::Token),
        }
    }

    /// Verifies `token` against the set in use without touching the network: no fetch, no
    /// refresh, whatever the set's age (within the allowed staleness).
    ///
    /// # Errors
    ///
    /// [`VerifyError::Token`] as jwt-core refuses it (a `kid` the set does not hold is
    /// [`ErrorKind::UnknownKeyId`]); [`VerifyError::KeysUnavailable`] without a usable set.
    pub fn try_verify_with<C: Claims>(
        &self,
        token: &str,
        validation: &Validation,
    ) -> Result<C, VerifyError> {
        match self.inner.usable(false) {
            Some(snapshot) => {
                decode::verify::<C>(token, &*snapshot.keys, validation).map_err(VerifyError::Token)
            }
            None => Err(VerifyError::KeysUnavailable(
                self.inner.lock().last_error.clone(),
            )),
        }
    }

    /// [`RemoteJwks::try_verify_with`] under `C`'s own rules.
    ///
    /// # Errors
    ///
    /// As [`RemoteJwks::try_verify_with`].
    pub fn try_verify<C: Claims>(&self, token: &str) -> Result<C, VerifyError> {
        self.try_verify_with(token, &own_validation::<C>())
    }
}

/// The validation `C`'s own verifier starts from (whether `exp` is required).
fn own_validation<C: Claims>() -> Validation {
    C::verifier(KeySet::new()).validation().clone()
}

async fn wait(mut rx: watch::Receiver<Option<Outcome>>) -> Outcome {
    match rx.wait_for(Option::is_some).await {
        Ok(outcome) => outcome.clone().unwrap_or(Ok(())),
        Err(_) => Err(Arc::new(FetchError::new(
            FetchErrorKind::Http,
            "the fetch task ended without an answer",
        ))),
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Control> {
        // The guarded state stays consistent at every step, so a panic elsewhere while it
        // was held leaves nothing half-done.
        self.control
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The current set if it is within its age plus the allowed staleness. Past its age
    /// (and when `refresh` is set) a refresh starts in the background, cooldown allowing.
    fn usable(self: &Arc<Self>, refresh: bool) -> Option<Arc<Snapshot>> {
        let snapshot = self.current.load_full()?;
        let age = snapshot.fetched.elapsed();
        if age > snapshot.max_age && refresh {
            let mut control = self.lock();
            let _ = self.join_or_start(&mut control);
        }
        (age <= snapshot.max_age.saturating_add(self.config.max_staleness)).then_some(snapshot)
    }

    /// The in-flight fetch, or a new one if the last attempt is older than the cooldown.
    fn join_or_start(
        self: &Arc<Self>,
        control: &mut Control,
    ) -> Option<watch::Receiver<Option<Outcome>>> {
        if let Some((_, rx)) = &control.in_flight {
            return Some(rx.clone());
        }
        if control
            .last_attempt
            .is_some_and(|at| at.elapsed() < self.config.cooldown)
        {
            return None;
        }
        Some(self.start_fetch(control))
    }

    /// Starts a fetch in its own task (a caller that gives up does not cancel it).
    fn start_fetch(self: &Arc<Self>, control: &mut Control) -> watch::Receiver<Option<Outcome>> {
        control.last_attempt = Some(Instant::now());
        let seq = control.next_seq;
        control.next_seq += 1;
        let (tx, rx) = watch::channel(None);
        control.in_flight = Some((seq, rx.clone()));
        let inner = Arc::clone(self);
        tokio::spawn(async move {
            let result = inner.fetch().await;
            let outcome = inner.finish(seq, result);
            let _ = tx.send(Some(outcome));
        });
        rx
    }

    async fn fetch(&self) -> Result<(KeySet, Duration), FetchError> {
        let fetched = fetch::get(&self.client, &self.url, JWKS_ACCEPT, self.config.limits).await?;
        let keys = fetch::key_set(&self.url, &fetched.body, self.config.limits.max_keys)?;
        let (min, max) = self.config.max_age_bounds;
        let max_age = fetched
            .max_age
            .map_or(self.config.cache_max_age, |age| age.clamp(min, max));
        Ok((keys, max_age))
    }

    fn finish(&self, seq: u64, result: Result<(KeySet, Duration), FetchError>) -> Outcome {
        let mut control = self.lock();
        if control.in_flight.as_ref().is_some_and(|(s, _)| *s == seq) {
            control.in_flight = None;
        }
        match result {
            Ok((keys, max_age)) => {
                let newer = self
                    .current
                    .load()
                    .as_ref()
                    .is_none_or(|current| current.seq < seq);
                if newer {
                    tracing::debug!(url = %self.url, keys = keys.len(), "JWK Set fetched");
                    for skipped in keys.skipped() {
                        tracing::debug!(url = %self.url, "JWK Set: {skipped}");
                    }
                    self.current.store(Some(Arc::new(Snapshot {
                        keys: Arc::new(keys),
                        fetched: Instant::now(),
                        max_age,
                        seq,
                    })));
                    control.last_error = None;
                } else {
                    tracing::debug!(
                        url = %self.url,
                        "an answer to an older request came after a newer one and is not used"
                    );
                }
                Ok(())
            }
            Err(e) => {
                let kept = if self.current.load().is_some() {
                    "the last good set stays in use"
                } else {
                    "no set yet"
                };
                tracing::warn!(url = %self.url, error = %e, "fetching the JWK Set failed; {kept}");
                let e = Arc::new(e);
                control.last_error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// Whether `kid` was not found by a fetch less than the unknown-kid lifetime ago.
    fn known_unknown(&self, control: &mut Control, kid: &str) -> bool {
        match control.unknown_kids.get(kid) {
            Some(at) if at.elapsed() < self.config.unknown_kid_ttl => true,
            Some(_) => {
                control.unknown_kids.remove(kid);
                false
            }
            None => false,
        }
    }

    fn remember_unknown(&self, kid: String) {
        // A kid longer than any real one is not kept (the cooldown still bounds its fetches).
        if kid.len() > 256 {
            return;
        }
        let mut control = self.lock();
        let unknown = &mut control.unknown_kids;
        if unknown.len() >= UNKNOWN_KID_CAPACITY {
            let ttl = self.config.unknown_kid_ttl;
            unknown.retain(|_, at| at.elapsed() < ttl);
            if unknown.len() >= UNKNOWN_KID_CAPACITY {
                if let Some(oldest) = unknown
                    .iter()
                    .min_by_key(|(_, at)| **at)
                    .map(|(k, _)| k.clone())
                {
                    unknown.remove(&oldest);
                }
            }
        }
        unknown.insert(kid, Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_client_builds_without_a_process_wide_provider() {
        assert!(default_client().is_ok());
    }

    #[test]
    fn debug_shows_the_address_and_no_keys() {
        let jwks = RemoteJwks::new("https://issuer.example/jwks").unwrap();
        assert_eq!(
            format!("{jwks:?}"),
            "RemoteJwks { url: \"https://issuer.example/jwks\", keys: None, .. }"
        );
    }
}
