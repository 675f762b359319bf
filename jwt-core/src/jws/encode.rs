//! Signing: claims to a compact JWS, after the same checks a verifier would make.

use serde::Serialize;

use crate::base64url;
use crate::claims::capture::{write_claims, Written};
use crate::claims::clock::Clock;
use crate::claims::table::Members;
use crate::claims::validation::Validation;
use crate::crypto::key::sealed::MacKey;
use crate::crypto::key::SigningKey;
use crate::error::{Error, ErrorKind};
use crate::jws::header::Header;

/// Signs `claims` with `key` into a compact token.
///
/// The header is `{"alg":<the key's>,"typ":<validation's typ, or "JWT">}`, with `kid` when the
/// key has one. Before signing, the serialized claims go through the verifier's strict parse
/// and the rules of `validation` against its clock: a token that is already expired, issued in
/// the future, too old, missing a required claim, has a registered claim of the wrong type or a
/// duplicate member is not minted. Only `nbf` in the future is allowed (the token becomes
/// valid later), and the audience rule applies only when `validation` names an audience.
///
/// # Errors
///
/// [`ErrorKind::Serialization`] if `claims` does not serialize; otherwise the kind of the
/// first check that fails, as in [`decode::verify`](crate::decode::verify).
pub fn sign<C: Serialize + ?Sized>(
    claims: &C,
    key: &impl SigningKey,
    validation: &Validation<'_>,
) -> Result<String, Error> {
    sign_checked(
        claims,
        Members::NONE,
        key,
        validation,
        validation.clock,
        || Ok(()),
    )
}

/// [`sign`], with the typed rules of a claims type run after the registered-claim checks,
/// its table of top-level members, and "now" read from `clock`.
pub(crate) fn sign_checked<C: Serialize + ?Sized>(
    claims: &C,
    members: Members,
    key: &impl SigningKey,
    validation: &Validation<'_>,
    clock: &dyn Clock,
    rules: impl FnOnce() -> Result<(), Error>,
) -> Result<String, Error> {
    let mac = key.mac_key();
    // One pass writes the JSON and notes where the registered claims are, with the checks
    // of the verifier's parse (object, no duplicate names, claim types, nesting).
    let mut written = Written::expecting(members);
    write_claims(claims, validation.max_depth, &mut written)?;
    let payload = written.json();
    let found = written.found()?;
    validation.check_for_signing(&found, clock)?;
    rules()?;

    token(payload, mac, validation)
}

/// The token of `payload`: the header, the payload and the tag, each base64url.
pub(crate) fn token(
    payload: &[u8],
    mac: &dyn MacKey,
    validation: &Validation<'_>,
) -> Result<String, Error> {
    let typ = validation.typ.as_deref().unwrap_or("JWT");
    let [jwt_header, _] = mac.constant_headers();
    // The token is built as a string, its segments encoded straight into it.
    let mut out =
        String::with_capacity(jwt_header.len() + 2 + base64url::encoded_len(payload.len()) + 86);
    if typ == "JWT" && mac.kid().is_none() {
        out.push_str(jwt_header);
    } else {
        let header = Header {
            typ: Some(typ.to_owned()),
            kid: mac.kid().map(str::to_owned),
            ..Header::new(mac.algorithm().as_str())
        };
        let json = serde_json::to_vec(&header).map_err(|e| {
            Error::with_detail(ErrorKind::Serialization, e.to_string()).with_source(e)
        })?;
        base64url::encode_into(&json, &mut out);
    }
    out.push('.');
    base64url::encode_into(payload, &mut out);
    if out.len() + 1 + base64url::encoded_len(mac.algorithm().tag_len()) > validation.max_size {
        return Err(Error::with_detail(
            ErrorKind::LimitExceeded,
            format!(
                "the token would be longer than the limit of {} bytes",
                validation.max_size
            ),
        ));
    }
    let tag = mac.tag(out.as_bytes());
    out.push('.');
    base64url::encode_into(tag.as_bytes(), &mut out);
    Ok(out)
}
