//! The key source and expectations a route verifies bearer tokens with.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use jwt_core::{
    decode, Claims, Error, HasAudience, HasIssuer, HasSubject, IntoClock, KeyFor, KeySet,
    Validation, VerifyingKey,
};

use crate::bearer::BearerError;

type Local<C> = dyn Fn(&str, &Validation) -> Result<C, Error> + Send + Sync;

enum Source<C> {
    Local(Arc<Local<C>>),
    #[cfg(feature = "jwks")]
    Remote(jwt_jwks::RemoteJwks),
}

impl<C> Clone for Source<C> {
    fn clone(&self) -> Self {
        match self {
            Source::Local(f) => Source::Local(f.clone()),
            #[cfg(feature = "jwks")]
            Source::Remote(r) => Source::Remote(r.clone()),
        }
    }
}

/// Verifies bearer tokens as claims type `C`: a key source and the runtime expectations
/// (audience, issuer, leeway, clock) on top of `C`'s own rules. Keep one in the router's
/// state (directly, or through [`FromRef`](axum::extract::FromRef)); cloning it is cheap.
pub struct Authenticator<C> {
    source: Source<C>,
    validation: Validation,
    realm: Option<Arc<str>>,
}

impl<C> Clone for Authenticator<C> {
    fn clone(&self) -> Self {
        Authenticator {
            source: self.source.clone(),
            validation: self.validation.clone(),
            realm: self.realm.clone(),
        }
    }
}

impl<C> fmt::Debug for Authenticator<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Local(_) => "local key",
            #[cfg(feature = "jwks")]
            Source::Remote(_) => "remote JWK Set",
        };
        f.debug_struct("Authenticator")
            .field("claims", &std::any::type_name::<C>())
            .field("source", &source)
            .field("validation", &self.validation)
            .field("realm", &self.realm)
            .finish()
    }
}

impl<C: Claims> Authenticator<C> {
    /// Verifies with `key`: a key, a [`KeySet`], or an `Arc` of one.
    pub fn new<K>(key: K) -> Self
    where
        K: VerifyingKey + KeyFor<C> + Send + Sync + 'static,
    {
        let verify = move |token: &str, validation: &Validation| {
            decode::verify::<C>(token, &key, validation)
        };
        Authenticator::with_source(Source::Local(Arc::new(verify)))
    }

    /// Verifies with the keys of a remote JWK Set (fetched and refreshed as
    /// [`RemoteJwks`](jwt_jwks::RemoteJwks) says).
    #[cfg(feature = "jwks")]
    pub fn remote(jwks: jwt_jwks::RemoteJwks) -> Self {
        Authenticator::with_source(Source::Remote(jwks))
    }

    fn with_source(source: Source<C>) -> Self {
        // The validation `C`'s own verifier starts from (whether `exp` is required).
        let validation = C::verifier(KeySet::new()).validation().clone();
        Authenticator {
            source,
            validation,
            realm: None,
        }
    }

    /// The `realm` named in the `WWW-Authenticate` challenges.
    #[must_use]
    pub fn realm(mut self, realm: impl Into<Arc<str>>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// Accepts tokens for this audience; called more than once, any of them.
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self
    where
        C: HasAudience,
    {
        self.validation = self.validation.audience(aud);
        self
    }

    /// Accepts tokens from this issuer; called more than once, any of them.
    #[must_use]
    pub fn issuer(mut self, iss: impl Into<String>) -> Self
    where
        C: HasIssuer,
    {
        self.validation = self.validation.issuer(iss);
        self
    }

    /// Accepts this subject; called more than once, any of them.
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self
    where
        C: HasSubject,
    {
        self.validation = self.validation.subject(sub);
        self
    }

    /// Seconds of tolerance for clock skew.
    ///
    /// # Errors
    ///
    /// As [`Validation::leeway`].
    pub fn leeway(mut self, secs: u64) -> Result<Self, Error> {
        self.validation = self.validation.leeway(secs)?;
        Ok(self)
    }

    /// Reads "now" from `clock` instead of the system clock.
    #[must_use]
    pub fn clock(mut self, clock: impl IntoClock) -> Self {
        self.validation = self.validation.clock(clock);
        self
    }

    /// Requires the header's `typ` to be this media type.
    #[must_use]
    pub fn typ(mut self, typ: impl Into<Cow<'static, str>>) -> Self {
        self.validation = self.validation.typ(typ);
        self
    }

    /// The validation applied (`C`'s own rules come on top).
    #[must_use]
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    pub(crate) fn realm_str(&self) -> Option<&Arc<str>> {
        self.realm.as_ref()
    }

    /// Verifies `token` (the bearer token itself, without the scheme).
    ///
    /// # Errors
    ///
    /// A [`BearerError`] ready to answer with: 401 `invalid_token` for a refused token, 503
    /// when a remote key set is unavailable.
    pub async fn verify(&self, token: &str) -> Result<C, BearerError> {
        let realm = self.realm.clone();
        match &self.source {
            Source::Local(verify) => {
                verify(token, &self.validation).map_err(|e| BearerError::invalid_token(&e, realm))
            }
            #[cfg(feature = "jwks")]
            Source::Remote(jwks) => jwks
                .verify_with::<C>(token, &self.validation)
                .await
                .map_err(|e| match e {
                    jwt_jwks::VerifyError::Token(e) => BearerError::invalid_token(&e, realm),
                    _ => BearerError::unavailable(),
                }),
        }
    }
}
