//! Derived code fires no lint in a user's crate: a struct with every feature compiles under
//! the strictest settings (clippy reads this file in CI through `--all-targets`).
#![deny(warnings, clippy::pedantic, unused_qualifications)]

use jwt_core::{Audience, Claims, FixedClock, Hs256Key, NumericDate, RuleError};
use serde::{Deserialize, Serialize};

fn short(value: &str) -> Result<(), RuleError> {
    if value.len() > 64 {
        return Err(RuleError::new("too long"));
    }
    Ok(())
}

fn whole(claims: &Everything) -> Result<(), RuleError> {
    if claims.role == 1 && claims.scopes.is_empty() {
        return Err(RuleError::for_claim("scopes", "a host needs a scope"));
    }
    Ok(())
}

/// Every attribute of the derive on one struct.
#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[claims(typ = "JWT", leeway = 5, lifetime(min = 60, max = 86400), validate = whole)]
#[serde(rename_all = "snake_case")]
pub struct Everything {
    #[claims(iss, one_of("https://a.example", "https://b.example"))]
    pub iss: String,
    #[claims(sub, len(min = 1, max = 64), validate = short)]
    pub sub: String,
    #[claims(aud, equals = "api")]
    pub aud: Audience,
    #[claims(exp, leeway = 0)]
    pub exp: NumericDate,
    #[claims(nbf)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    #[claims(iat, max_age = 3600)]
    pub iat: i64,
    #[claims(jti, len(max = 36))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    #[claims(one_of(0, 1))]
    pub role: u8,
    #[claims(range(min = -1.5, max = 1.5))]
    pub score: f64,
    #[claims(equals = true)]
    pub active: bool,
    #[claims(len(max = 4))]
    pub scopes: Vec<String>,
    #[claims(equals = "fixed")]
    #[serde(rename = "kind")]
    pub kind_of: String,
}

/// A generic claims struct with flattened members.
#[derive(Claims, Serialize, Deserialize, Debug)]
pub struct WithExtra<T> {
    #[claims(exp)]
    pub exp: u64,
    #[serde(flatten)]
    pub extra: T,
}

#[test]
fn everything_round_trips() {
    let key = Hs256Key::from_secret(b"test-secret-0123456789abcdef-HS2").unwrap();
    let now = 1_700_000_000;
    let claims = Everything {
        iss: "https://b.example".into(),
        sub: "42".into(),
        aud: "api".into(),
        exp: NumericDate::from_secs(now + 600).unwrap(),
        nbf: None,
        iat: now,
        jti: Some("id".into()),
        role: 1,
        score: -1.5,
        active: true,
        scopes: vec!["read".into()],
        kind_of: "fixed".into(),
    };
    let clock = FixedClock::at_secs(now).unwrap();
    let token = claims.sign_with_clock(&key, &clock).unwrap();
    let back = Everything::verifier(&key)
        .clock(clock)
        .verify(&token)
        .unwrap();
    assert_eq!(back, claims);
}
