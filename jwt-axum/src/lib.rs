//! axum extractors for [`jwt_core`].
//!
//! - [`Verified<C>`] (and `Option<Verified<C>>`) reads `Authorization: Bearer <token>`,
//!   verifies it with the [`Authenticator<C>`] in the router's state (a static key, a
//!   [`KeySet`](jwt_core::KeySet), or with the `jwks` feature a remote JWK Set), and
//!   answers a request it refuses as RFC 6750 says ([`BearerError`]).
//! - [`BearerLayer`] does the same for routes that need a valid token without reading it.
//! - [`ZoomWebhook<T>`] (feature `zoom`) checks a Zoom webhook's signature over the raw body,
//!   answers Zoom's URL validation challenge, and hands the typed event to the handler.
//!
//! ```
//! use axum::{routing::get, Router};
//! use jwt_axum::{Authenticator, Verified};
//! use jwt_core::{Audience, Claims, Hs256Key, NumericDate};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Claims, Serialize, Deserialize)]
//! struct Session {
//!     #[claims(sub)]
//!     sub: String,
//!     #[claims(aud)]
//!     aud: Audience,
//!     #[claims(exp)]
//!     exp: NumericDate,
//! }
//!
//! async fn me(Verified(session): Verified<Session>) -> String {
//!     session.sub
//! }
//!
//! let key = Hs256Key::from_secret(b"test-only-secret-0123456789abcdef").unwrap();
//! let auth = Authenticator::<Session>::new(key).audience("api.example").realm("api");
//! let app: Router = Router::new().route("/me", get(me)).with_state(auth);
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod authenticator;
mod bearer;
mod layer;
#[cfg(feature = "zoom")]
mod zoom;

pub use authenticator::Authenticator;
pub use bearer::{BearerError, Verified};
pub use layer::{BearerLayer, BearerService};
#[cfg(feature = "zoom")]
pub use zoom::{ZoomEvent, ZoomRejection, ZoomWebhook, ZoomWebhookConfig};
