//! Algorithms and keys: every JWS algorithm, the keys of each family (HMAC always; ECDSA,
//! EdDSA and RSA behind features), reading key documents, and key sets that choose a key
//! by `kid` and algorithm. Knows nothing of JSON, headers or claims: it imports only the
//! leaves (`error`, `base64url`).

pub mod algorithm;
#[cfg(any(feature = "ecdsa", feature = "es512"))]
pub(crate) mod ec;
#[cfg(feature = "eddsa")]
pub(crate) mod ed;
pub(crate) mod key;
pub(crate) mod mac;
#[cfg(feature = "pem")]
pub(crate) mod pem;
#[cfg(feature = "rsa")]
pub(crate) mod rsa;

/// A private JWK: the members of `public_jwk` (a JSON object as this crate writes it) and
/// then `private`, each base64url; wiped when dropped, as are the encoded members.
#[cfg(any(
    feature = "ecdsa",
    feature = "es512",
    feature = "eddsa",
    feature = "rsa"
))]
pub(crate) fn private_jwk(
    public_jwk: &str,
    private: &[(&str, &[u8])],
) -> zeroize::Zeroizing<String> {
    let body = public_jwk.strip_suffix('}').unwrap_or(public_jwk);
    let mut out = zeroize::Zeroizing::new(String::with_capacity(
        public_jwk.len()
            + private
                .iter()
                .map(|(_, v)| v.len() * 4 / 3 + 8)
                .sum::<usize>(),
    ));
    out.push_str(body);
    for (name, value) in private {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":\"");
        crate::base64url::encode_into(value, &mut out);
        out.push('"');
    }
    out.push('}');
    out
}
