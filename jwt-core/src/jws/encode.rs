//! Signing: claims to a compact JWS, after the same checks a verifier would make. The public
//! entry point, with its documentation, is in `encode.rs` at the top of the crate.

use serde::Serialize;

use crate::base64url;
use crate::claims::capture::{write_claims, Written};
use crate::claims::numeric_date::NumericDate;
use crate::claims::table::Members;
use crate::claims::validation::Checks;
use crate::crypto::key::sealed::DynSign;
use crate::crypto::key::SigningKey;
use crate::error::{Error, ErrorKind};
use crate::jws::header::Header;

/// Signs `claims` (written through their `Serialize`, named by the type's table `members`,
/// a hint) after the checks a verifier would make at `now`, then the type's own rules
/// (`rules`).
pub(crate) fn sign_checked<C: Serialize + ?Sized>(
    claims: &C,
    members: Members,
    key: &impl SigningKey,
    checks: Checks<'_>,
    now: NumericDate,
    rules: impl FnOnce() -> Result<(), Error>,
) -> Result<String, Error> {
    let mac = key.signer();
    // One pass writes the JSON and notes where the registered claims are, with the checks
    // of the verifier's parse (object, no duplicate names, claim types, nesting).
    let mut written = Written::expecting(members);
    write_claims(claims, checks.settings.max_depth, &mut written)?;
    let payload = written.json();
    let found = written.found()?;
    checks.check_for_signing(&found, now)?;
    rules()?;

    token(payload, mac, checks)
}

/// The token of `payload`: the header, the payload and the signature, each base64url.
pub(crate) fn token(
    payload: &[u8],
    mac: &dyn DynSign,
    checks: Checks<'_>,
) -> Result<String, Error> {
    checks.check_alg(mac.algorithm())?;
    let typ = checks.typ().unwrap_or("JWT");
    let max_size = checks.settings.max_size;
    let [jwt_header, _] = mac.constant_headers();
    // The token is built as a string, its segments encoded straight into it.
    let mut out = String::with_capacity(
        jwt_header.len()
            + 2
            + base64url::encoded_len(payload.len())
            + base64url::encoded_len(mac.signature_len()),
    );
    if typ == "JWT" && mac.kid().is_none() {
        out.push_str(jwt_header);
    } else {
        let header = Header {
            typ: Some(typ.to_owned()),
            kid: mac.kid().map(str::to_owned),
            ..Header::new(mac.algorithm())
        };
        let json = serde_json::to_vec(&header).map_err(|e| {
            Error::with_detail(ErrorKind::Serialization, e.to_string()).with_source(e)
        })?;
        base64url::encode_into(&json, &mut out);
    }
    out.push('.');
    base64url::encode_into(payload, &mut out);
    if out.len() + 1 + base64url::encoded_len(mac.signature_len()) > max_size {
        return Err(Error::with_detail(
            ErrorKind::LimitExceeded,
            format!("the token would be longer than the limit of {max_size} bytes"),
        ));
    }
    mac.sign_append(&mut out)?;
    Ok(out)
}
