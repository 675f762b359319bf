//! Signing: claims to a compact JWS, after the same checks a verifier would make.

use crate::claims::validation::Validation;
use crate::crypto::key::SigningKey;
use crate::error::Error;
use crate::typed::{sign_as, Claims, KeyFor};

/// Signs `claims` with `key` into a compact token, with `C`'s own rules (`#[derive(Claims)]`)
/// applied on top of `validation`.
///
/// The header is `{"alg":<the key's>,"typ":<validation's typ, or the type's, or "JWT">}`, with
/// `kid` when the key has one. Before signing, the serialized claims go through the verifier's
/// strict parse and the rules of `validation` and `C` against the validation's clock: a token
/// that is already expired, issued in the future, too old, missing a required claim, has a
/// registered claim of the wrong type or a duplicate member, or breaks one of `C`'s rules is
/// not minted. Only `nbf` in the future is allowed (the token becomes valid later), and the
/// audience rule applies only when `validation` or `C` names an audience.
///
/// `C` is any [`Claims`] type: a `#[derive(Claims)]` struct, or [`JwtClaims`](crate::JwtClaims).
/// A type that is only `Serialize` goes through
/// [`dangerous::sign_serde`](crate::dangerous::sign_serde).
///
/// # Errors
///
/// [`ErrorKind::Serialization`](crate::ErrorKind::Serialization) if `claims` does not
/// serialize; otherwise the kind of the first check that fails, as in
/// [`decode::verify`](crate::decode::verify).
pub fn sign<C: Claims>(
    claims: &C,
    key: &(impl SigningKey + KeyFor<C>),
    validation: &Validation,
) -> Result<String, Error> {
    let checks = validation.with(&C::__RULES);
    sign_as(claims, key, checks, checks.now())
}
