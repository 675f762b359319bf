//! One HTTP GET under the fetch rules: an allowed address, no redirect, status 200, a JSON
//! content type, a capped body, a timeout; and reading the answer as a JWK Set or an OpenID
//! Connect discovery document.

use std::time::Duration;

use jwt_core::KeySet;
use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use serde::Deserialize;
use serde_json::value::RawValue;
use url::{Host, Url};

use crate::error::{FetchError, FetchErrorKind};

/// The limits one fetch runs under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub timeout: Duration,
    pub max_body_bytes: usize,
    pub max_keys: usize,
}

/// Parses `address` and checks that it may be fetched: `https`, or `http` to a loopback
/// host (`localhost`, 127.0.0.0/8, `::1`), or any `http` when `allow_http` is set.
pub(crate) fn checked_url(address: &str, allow_http: bool) -> Result<Url, FetchError> {
    let url = Url::parse(address).map_err(|e| {
        FetchError::new(
            FetchErrorKind::InsecureUrl,
            format!("{address:?} is not an absolute URL ({e})"),
        )
    })?;
    let loopback = match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    let allowed = match url.scheme() {
        "https" => url.host().is_some(),
        "http" => loopback || (allow_http && url.host().is_some()),
        _ => false,
    };
    if !allowed {
        return Err(FetchError::new(
            FetchErrorKind::InsecureUrl,
            format!(
                "{url} is not fetched: keys come over https (http only from a loopback host, \
                 or with allow_http)"
            ),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::new(
            FetchErrorKind::InsecureUrl,
            "a key set address must not carry a user name or password",
        ));
    }
    Ok(url)
}

/// A body and the lifetime its `Cache-Control: max-age` (or `no-cache`, `no-store`: zero)
/// gives it, if any.
pub(crate) struct Fetched {
    pub body: String,
    pub max_age: Option<Duration>,
}

/// GETs `url` under the fetch rules.
pub(crate) async fn get(
    client: &reqwest::Client,
    url: &Url,
    accept: &'static str,
    limits: Limits,
) -> Result<Fetched, FetchError> {
    match tokio::time::timeout(limits.timeout, get_inner(client, url, accept, limits)).await {
        Ok(result) => result,
        Err(_) => Err(timeout(url, limits.timeout)),
    }
}

fn timeout(url: &Url, after: Duration) -> FetchError {
    FetchError::new(
        FetchErrorKind::Timeout,
        format!("{url}: no complete answer within {} ms", after.as_millis()),
    )
}

async fn get_inner(
    client: &reqwest::Client,
    url: &Url,
    accept: &'static str,
    limits: Limits,
) -> Result<Fetched, FetchError> {
    let http = |e: reqwest::Error| {
        if e.is_timeout() {
            timeout(url, limits.timeout)
        } else {
            // reqwest's message names the address and the cause; no body is in it.
            FetchError::new(FetchErrorKind::Http, format!("{url}: {e}"))
        }
    };
    let mut response = client
        .get(url.clone())
        .header(ACCEPT, accept)
        .timeout(limits.timeout)
        .send()
        .await
        .map_err(http)?;
    let status = response.status();
    // A client of the caller's may follow redirects; its answer then comes from elsewhere.
    if status.is_redirection() || response.url() != url {
        return Err(FetchError::new(
            FetchErrorKind::Redirect,
            format!("{url}: answered with a redirect ({status}), which is not followed"),
        ));
    }
    if status != reqwest::StatusCode::OK {
        return Err(FetchError::new(
            FetchErrorKind::Status(status.as_u16()),
            format!("{url}: answered {status}, not 200"),
        ));
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !is_json(content_type) {
        return Err(FetchError::new(
            FetchErrorKind::ContentType,
            format!(
                "{url}: Content-Type {:?} is not application/json or application/jwk-set+json",
                content_type.chars().take(64).collect::<String>()
            ),
        ));
    }
    let max_age = response
        .headers()
        .get(CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .and_then(cache_max_age);
    let too_large = || {
        FetchError::new(
            FetchErrorKind::TooLarge,
            format!(
                "{url}: the body is longer than {} bytes",
                limits.max_body_bytes
            ),
        )
    };
    if response
        .content_length()
        .is_some_and(|n| n > limits.max_body_bytes as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(http)? {
        if body.len() + chunk.len() > limits.max_body_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    let body = String::from_utf8(body).map_err(|_| {
        FetchError::new(
            FetchErrorKind::InvalidKeySet,
            format!("{url}: the body is not UTF-8"),
        )
    })?;
    Ok(Fetched { body, max_age })
}

/// `application/json` or `application/jwk-set+json`, parameters (a charset) allowed.
fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.eq_ignore_ascii_case("application/jwk-set+json")
}

/// The lifetime a `Cache-Control` value gives: `max-age=N` seconds, or zero for `no-cache`
/// and `no-store` (the caller bounds it).
pub(crate) fn cache_max_age(value: &str) -> Option<Duration> {
    let mut found = None;
    for directive in value.split(',') {
        let directive = directive.trim();
        if directive.eq_ignore_ascii_case("no-store") || directive.eq_ignore_ascii_case("no-cache")
        {
            return Some(Duration::ZERO);
        }
        if let Some((name, secs)) = directive.split_once('=') {
            if name.trim().eq_ignore_ascii_case("max-age") {
                found = secs.trim().trim_matches('"').parse::<u64>().ok();
            }
        }
    }
    found.map(Duration::from_secs)
}

/// Reads a fetched body as a JWK Set of at most `max_keys` keys.
pub(crate) fn key_set(url: &Url, body: &str, max_keys: usize) -> Result<KeySet, FetchError> {
    #[derive(Deserialize)]
    struct Document<'a> {
        #[serde(borrow)]
        keys: Vec<&'a RawValue>,
    }
    let invalid =
        |why: String| FetchError::new(FetchErrorKind::InvalidKeySet, format!("{url}: {why}"));
    let document: Document<'_> =
        serde_json::from_str(body).map_err(|e| invalid(format!("not a JWK Set ({e})")))?;
    if document.keys.len() > max_keys {
        return Err(FetchError::new(
            FetchErrorKind::TooManyKeys,
            format!(
                "{url}: the set has {} keys, the limit is {max_keys}",
                document.keys.len()
            ),
        ));
    }
    KeySet::from_jwk_set(body).map_err(|e| invalid(e.to_string()))
}

/// Reads an OpenID Connect discovery document: its `issuer` must equal `issuer`, and its
/// `jwks_uri` is returned.
pub(crate) fn jwks_uri(url: &Url, body: &str, issuer: &str) -> Result<String, FetchError> {
    #[derive(Deserialize)]
    struct Discovery {
        issuer: String,
        jwks_uri: String,
    }
    let doc: Discovery = serde_json::from_str(body).map_err(|e| {
        FetchError::new(
            FetchErrorKind::InvalidDiscovery,
            format!("{url}: not a discovery document with issuer and jwks_uri ({e})"),
        )
    })?;
    if doc.issuer != issuer {
        return Err(FetchError::new(
            FetchErrorKind::InvalidDiscovery,
            format!(
                "{url}: the document is for issuer {:?}, not {issuer:?}",
                doc.issuer.chars().take(200).collect::<String>()
            ),
        ));
    }
    Ok(doc.jwks_uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        for ok in [
            "https://issuer.example/jwks",
            "http://127.0.0.1:8080/jwks",
            "http://127.9.9.9/jwks",
            "http://[::1]:80/jwks",
            "http://LOCALHOST/jwks",
        ] {
            assert!(checked_url(ok, false).is_ok(), "{ok}");
        }
        for refused in [
            "http://issuer.example/jwks",
            "http://10.0.0.1/jwks",
            "http://localhost.example/jwks",
            "ftp://issuer.example/jwks",
            "file:///etc/jwks.json",
            "https://user:pw@issuer.example/jwks",
            "issuer.example/jwks",
        ] {
            let err = checked_url(refused, false).unwrap_err();
            assert_eq!(err.kind(), &FetchErrorKind::InsecureUrl, "{refused}");
        }
        assert!(checked_url("http://issuer.example/jwks", true).is_ok());
    }

    #[test]
    fn cache_control() {
        assert_eq!(
            cache_max_age("public, max-age=21000, must-revalidate"),
            Some(Duration::from_secs(21000))
        );
        assert_eq!(cache_max_age("no-store"), Some(Duration::ZERO));
        assert_eq!(cache_max_age("MAX-AGE = 5"), Some(Duration::from_secs(5)));
        assert_eq!(cache_max_age("public"), None);
        assert_eq!(cache_max_age("max-age=soon"), None);
    }

    #[test]
    fn content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("Application/JWK-Set+JSON"));
        assert!(!is_json("text/html"));
        assert!(!is_json("application/jsonp"));
        assert!(!is_json(""));
    }
}
