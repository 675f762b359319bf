//! A tower layer that refuses requests without a valid bearer token.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use jwt_core::Claims;
use tower_layer::Layer;
use tower_service::Service;

use crate::authenticator::Authenticator;
use crate::bearer::verify_request;

/// Refuses requests without a valid bearer token for claims type `C` (as [`Verified`]
/// would: same answers), before the inner service runs; the claims of an accepted request
/// are in its extensions as an `Arc<C>` (an `Extension<Arc<C>>` for handlers that want them).
///
/// ```
/// # use axum::{routing::get, Router};
/// # use jwt_core::{Claims, Hs256Key, NumericDate};
/// # use serde::{Deserialize, Serialize};
/// # #[derive(Claims, Serialize, Deserialize)]
/// # struct Session { #[claims(exp)] exp: NumericDate }
/// use jwt_axum::{Authenticator, BearerLayer};
/// let key = Hs256Key::from_secret(b"test-only-secret-0123456789abcdef").unwrap();
/// let app: Router = Router::new()
///     .route("/admin/stats", get(|| async { "ok" }))
///     .route_layer(BearerLayer::new(Authenticator::<Session>::new(key)));
/// ```
///
/// [`Verified`]: crate::Verified
pub struct BearerLayer<C> {
    auth: Authenticator<C>,
}

impl<C> Clone for BearerLayer<C> {
    fn clone(&self) -> Self {
        BearerLayer {
            auth: self.auth.clone(),
        }
    }
}

impl<C> BearerLayer<C> {
    /// A layer verifying with `auth`.
    pub fn new(auth: Authenticator<C>) -> Self {
        BearerLayer { auth }
    }
}

impl<S, C> Layer<S> for BearerLayer<C> {
    type Service = BearerService<S, C>;
    fn layer(&self, inner: S) -> Self::Service {
        BearerService {
            inner,
            auth: self.auth.clone(),
        }
    }
}

/// The service [`BearerLayer`] wraps around a route.
pub struct BearerService<S, C> {
    inner: S,
    auth: Authenticator<C>,
}

impl<S: Clone, C> Clone for BearerService<S, C> {
    fn clone(&self) -> Self {
        BearerService {
            inner: self.inner.clone(),
            auth: self.auth.clone(),
        }
    }
}

impl<S, C> Service<Request> for BearerService<S, C>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    C: Claims + Send + Sync + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        // The clone that was polled ready serves this request; a fresh clone stays behind.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let auth = self.auth.clone();
        Box::pin(async move {
            match verify_request(&auth, request.headers()).await {
                Ok(claims) => {
                    request.extensions_mut().insert(Arc::new(claims));
                    inner.call(request).await
                }
                Err(e) => Ok(e.into_response()),
            }
        })
    }
}
