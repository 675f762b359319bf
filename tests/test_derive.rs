//! #[derive(Claims)] at runtime: the quick example of the design, every rule at its
//! boundary (accepted at the limit, refused one step outside with the exact kind).

mod common;

use jwt_core::{Audience, Claims, Error, ErrorKind, NumericDate, RuleError, Validation};
use serde::{Deserialize, Serialize};
use serde_json::json;

const NOW: i64 = 1_700_000_000;
use common::{at, key, TEST_SECRET};

fn date(secs: i64) -> NumericDate {
    NumericDate::from_secs(secs).unwrap()
}

#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[claims(typ = "JWT", lifetime(min = 1800, max = 172800))]
struct SessionClaims {
    #[claims(iss, equals = "https://auth.example.com")]
    iss: String,
    #[claims(aud)]
    aud: Audience,
    #[claims(exp)]
    exp: NumericDate,
    #[claims(iat, max_age = 86400)]
    iat: NumericDate,
    #[claims(one_of(0, 1))]
    role: u8,
    #[claims(len(max = 200))]
    topic: String,
}

fn session() -> SessionClaims {
    SessionClaims {
        iss: "https://auth.example.com".into(),
        aud: "api.example.com".into(),
        exp: date(NOW + 3600),
        iat: date(NOW),
        role: 1,
        topic: "cars".into(),
    }
}

#[test]
fn design_quick_example() {
    let key = key();
    let clock = at(NOW);
    let token = session().sign_with_clock(&key, &clock).unwrap();
    let verifier = SessionClaims::verifier(&key)
        .audience("api.example.com")
        .leeway(30)
        .unwrap()
        .clock(clock);
    assert_eq!(verifier.verify(&token).unwrap(), session());
    // Without naming the audience the token is refused (RFC 7519 4.1.3).
    let err = SessionClaims::verifier(&key)
        .clock(clock)
        .verify(&token)
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidAudience);
    // The header's typ comes from the struct.
    let header = jwt_core::dangerous::decode_unverified(&token)
        .unwrap()
        .header;
    assert_eq!(header.typ.as_deref(), Some("JWT"));
}

#[test]
fn signing_an_expired_token_is_refused() {
    let mut c = session();
    c.exp = date(NOW);
    c.iat = date(NOW - 3600);
    let err = c.sign_with_clock(&key(), &at(NOW)).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
    // The same claims sign at an earlier clock, and the token is then refused as expired.
    let token = c.sign_with_clock(&key(), &at(NOW - 1)).unwrap();
    let clock = at(NOW);
    let err = SessionClaims::verifier(&key())
        .audience("api.example.com")
        .clock(clock)
        .verify(&token)
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Expired);
}

/// Signs a raw payload with the test key and no checks at all, to build tokens that break
/// a struct's rules on purpose.
fn raw(payload: &str) -> String {
    common::hs256_token(TEST_SECRET, common::JWT_HEADER, payload)
}

fn mint(claims: serde_json::Value) -> String {
    raw(&claims.to_string())
}

#[test]
fn the_raw_minter_agrees_with_the_library() {
    let clock = at(NOW);
    let v = Validation::new().clock(clock);
    let claims = json!({"exp": NOW + 1, "a": [1, "b"]});
    assert_eq!(
        mint(claims.clone()),
        jwt_core::dangerous::sign_serde(&claims, &key(), &v).unwrap()
    );
}

fn invalid(name: &'static str) -> ErrorKind {
    ErrorKind::InvalidClaim(name.into())
}

/// Verify at NOW with the given audience.
fn verify_session(token: &str) -> Result<SessionClaims, Error> {
    let clock = at(NOW);
    SessionClaims::verifier(&key())
        .audience("api.example.com")
        .clock(clock)
        .verify(token)
}

fn session_json() -> serde_json::Value {
    json!({"iss":"https://auth.example.com","aud":"api.example.com","exp":NOW + 3600,"iat":NOW,"role":1,"topic":"cars"})
}

fn with(mut v: serde_json::Value, key: &str, value: serde_json::Value) -> serde_json::Value {
    v[key] = value;
    v
}

/// Both directions: `claims` signs and verifies, or both refuse with `kind`.
fn both(claims: SessionClaims, kind: Option<ErrorKind>) {
    let signed = claims.sign_with_clock(&key(), &at(NOW));
    let json = serde_json::to_value(&claims).unwrap();
    let verified = verify_session(&mint(json));
    match kind {
        None => {
            assert!(signed.is_ok(), "{:?}", signed.unwrap_err());
            assert_eq!(verified.unwrap(), claims);
        }
        Some(kind) => {
            let e = signed.unwrap_err();
            assert_eq!(e.kind(), &kind, "sign: {e}");
            let e = verified.unwrap_err();
            assert_eq!(e.kind(), &kind, "verify: {e}");
        }
    }
}

#[test]
fn equals_on_iss() {
    both(session(), None);
    let mut c = session();
    c.iss = "https://auth.example.co".into();
    both(c, Some(ErrorKind::InvalidIssuer));
    let err = verify_session(&mint(with(
        session_json(),
        "iss",
        json!("https://auth.example.comm"),
    )))
    .unwrap_err();
    assert!(err.to_string().contains("iss"), "{err}");
}

#[test]
fn one_of_on_a_private_claim() {
    for role in [0, 1] {
        let mut c = session();
        c.role = role;
        both(c, None);
    }
    let mut c = session();
    c.role = 2;
    both(c.clone(), Some(invalid("role")));
    let err = c.sign_with_clock(&key(), &at(NOW)).unwrap_err();
    assert_eq!(err.to_string(), "invalid claim `role`: must be one of 0, 1");
}

#[test]
fn len_max_counts_characters() {
    let mut c = session();
    c.topic = "é".repeat(200);
    both(c, None);
    let mut c = session();
    c.topic = "é".repeat(201);
    both(c.clone(), Some(invalid("topic")));
    let err = c.sign_with_clock(&key(), &at(NOW)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid claim `topic`: its length must be at most 200, it is 201"
    );
}

#[test]
fn lifetime_bounds_exp_minus_iat() {
    for (lifetime, ok) in [
        (1800, true),
        (1799, false),
        (172_800, true),
        (172_801, false),
    ] {
        let mut c = session();
        c.iat = date(NOW);
        c.exp = date(NOW + lifetime);
        both(c, (!ok).then(|| invalid("exp")));
    }
    let token = mint(with(session_json(), "exp", json!(NOW + 1799)));
    let err = verify_session(&token).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid claim `exp`: exp - iat is 1799s, the lifetime must be between 1800s and 172800s"
    );
    // Fractions count exactly: 1799.9 is still below the minimum.
    let token = mint(with(session_json(), "exp", json!(1_700_001_799.9)));
    assert_eq!(verify_session(&token).unwrap_err().kind(), &invalid("exp"));
    let token = mint(with(session_json(), "exp", json!(1_700_001_800.0)));
    assert!(verify_session(&token).is_ok());
}

#[test]
fn max_age_on_iat() {
    // Accepted at iat + 86400 (exp is later), refused one second later.
    let mut c = session();
    c.exp = date(NOW + 90_000);
    let token = mint(serde_json::to_value(&c).unwrap());
    let verify_at = |secs| {
        let clock = at(secs);
        SessionClaims::verifier(&key())
            .audience("api.example.com")
            .clock(clock)
            .verify(&token)
    };
    assert!(verify_at(NOW + 86_400).is_ok());
    assert_eq!(
        verify_at(NOW + 86_401).unwrap_err().kind(),
        &ErrorKind::TooOld
    );
    // Runtime leeway stretches it.
    let clock = at(NOW + 86_430);
    let k = key();
    let lenient = SessionClaims::verifier(&k)
        .audience("api.example.com")
        .leeway(30)
        .unwrap()
        .clock(clock);
    assert!(lenient.verify(&token).is_ok());
}

// ---- a struct with every other rule ---------------------------------------------------------

fn no_spaces(s: &str) -> Result<(), RuleError> {
    if s.contains(' ') {
        return Err(RuleError::new("must not contain spaces"));
    }
    Ok(())
}

fn consistent(c: &Rules) -> Result<(), RuleError> {
    if c.admin && c.level < 5 {
        return Err(RuleError::for_claim(
            "level",
            "an admin needs level 5 or more",
        ));
    }
    Ok(())
}

#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[claims(leeway = 5, validate = consistent)]
struct Rules {
    #[claims(sub, one_of("alice", "bob"))]
    sub: String,
    #[claims(aud, one_of("api", "web"))]
    aud: Audience,
    #[claims(jti, equals = "fixed-id")]
    jti: String,
    #[claims(exp, leeway = 0)]
    exp: u64,
    #[claims(nbf, leeway = 10)]
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<i64>,
    #[claims(iat)]
    #[serde(with = "jwt_core::serde_as::system_time")]
    iat: std::time::SystemTime,
    #[claims(equals = true)]
    verified: bool,
    #[claims(range(min = -10, max = 10))]
    level: i32,
    #[claims(range(min = 0, max = 1.5))]
    weight: f64,
    #[claims(len(min = 1, max = 3))]
    scopes: Vec<String>,
    #[claims(len(min = 2), validate = no_spaces)]
    #[serde(skip_serializing_if = "Option::is_none")]
    nick: Option<String>,
    admin: bool,
}

fn rules() -> Rules {
    Rules {
        sub: "alice".into(),
        aud: Audience::Many(vec!["other".into(), "web".into()]),
        jti: "fixed-id".into(),
        exp: (NOW + 600) as u64,
        nbf: Some(NOW),
        iat: std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW as u64),
        verified: true,
        level: 0,
        weight: 1.0,
        scopes: vec!["read".into()],
        nick: Some("al".into()),
        admin: false,
    }
}

fn rules_both(claims: Rules, kind: Option<ErrorKind>) {
    let signed = claims.sign_with_clock(&key(), &at(NOW));
    let token = mint(serde_json::to_value(&claims).unwrap());
    let clock = at(NOW);
    let verified = Rules::verifier(&key()).clock(clock).verify(&token);
    match kind {
        None => {
            assert!(signed.is_ok(), "{:?}", signed.unwrap_err());
            assert_eq!(verified.unwrap(), claims);
        }
        Some(kind) => {
            assert_eq!(signed.unwrap_err().kind(), &kind, "sign");
            assert_eq!(verified.unwrap_err().kind(), &kind, "verify");
        }
    }
}

macro_rules! case {
    ($field:ident = $value:expr, $kind:expr) => {{
        let mut c = rules();
        c.$field = $value;
        rules_both(c, $kind);
    }};
}

#[test]
fn registered_value_rules() {
    rules_both(rules(), None);
    case!(sub = "bob".into(), None);
    case!(sub = "carol".into(), Some(ErrorKind::InvalidSubject));
    case!(aud = "api".into(), None);
    case!(
        aud = Audience::Many(vec!["apis".into(), "Web".into()]),
        Some(ErrorKind::InvalidAudience)
    );
    case!(jti = "fixed-id2".into(), Some(invalid("jti")));
}

#[test]
fn equals_on_bool_and_ranges() {
    case!(verified = false, Some(invalid("verified")));
    case!(level = -10, None);
    case!(level = 10, None);
    case!(level = -11, Some(invalid("level")));
    case!(level = 11, Some(invalid("level")));
    case!(weight = 0.0, None);
    case!(weight = 1.5, None);
    case!(weight = -0.000001, Some(invalid("weight")));
    case!(weight = 1.500001, Some(invalid("weight")));
}

/// Literals compare with each numeric type as rustc would read them for that type: an `f32`
/// field against the literal as an `f32`, integers exactly at the type's edges, an optional
/// number only when present.
#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Numbers {
    #[claims(exp)]
    exp: u64,
    #[claims(equals = 0.1)]
    ratio: f32,
    #[claims(range(min = -0.5, max = 2))]
    temp: f32,
    #[claims(range(min = 1, max = 18446744073709551615))]
    big: u64,
    #[claims(one_of(-128, 127))]
    edge: i8,
    #[claims(range(max = 3))]
    #[serde(skip_serializing_if = "Option::is_none")]
    maybe: Option<u16>,
}

#[test]
fn numeric_literals_on_each_number_type() {
    let base = Numbers {
        exp: (NOW + 600) as u64,
        ratio: 0.1,
        temp: -0.5,
        big: u64::MAX,
        edge: -128,
        maybe: None,
    };
    let check = |change: &dyn Fn(&mut Numbers), kind: Option<ErrorKind>| {
        let mut c = base.clone();
        change(&mut c);
        let signed = c.sign_with_clock(&key(), &at(NOW));
        match kind {
            None => {
                let token = signed.unwrap();
                let verified = Numbers::verifier(&key()).clock(at(NOW)).verify(&token);
                assert_eq!(verified.unwrap(), c);
            }
            Some(kind) => assert_eq!(signed.unwrap_err().kind(), &kind),
        }
    };
    check(&|_| {}, None);
    check(&|c| c.ratio = 0.100_000_01, Some(invalid("ratio")));
    check(&|c| c.temp = 2.0, None);
    check(&|c| c.temp = 2.000_001, Some(invalid("temp")));
    check(&|c| c.temp = -0.500_001, Some(invalid("temp")));
    check(&|c| c.big = 1, None);
    check(&|c| c.big = 0, Some(invalid("big")));
    check(&|c| c.edge = 127, None);
    check(&|c| c.edge = 0, Some(invalid("edge")));
    check(&|c| c.maybe = Some(3), None);
    check(&|c| c.maybe = Some(4), Some(invalid("maybe")));
}

#[test]
fn len_on_sequences_and_optional_fields() {
    case!(scopes = vec![], Some(invalid("scopes")));
    case!(scopes = vec!["a".into(); 3], None);
    case!(scopes = vec!["a".into(); 4], Some(invalid("scopes")));
    // Optional: rules apply only when present.
    case!(nick = None, None);
    case!(nick = Some("a".into()), Some(invalid("nick")));
    case!(nick = Some("a b".into()), Some(invalid("nick")));
    let mut c = rules();
    c.nick = Some("a b".into());
    let err = c.sign_with_clock(&key(), &at(NOW)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid claim `nick`: must not contain spaces"
    );
}

#[test]
fn container_validator() {
    let mut c = rules();
    c.admin = true;
    c.level = 4;
    rules_both(c.clone(), Some(invalid("level")));
    c.level = 5;
    rules_both(c, None);
}

/// Verifies `token` as `Rules` with the clock at `secs`.
fn verify_rules_at(token: &str, secs: i64) -> Result<(), Error> {
    let clock = at(secs);
    Rules::verifier(&key())
        .clock(clock)
        .verify(token)
        .map(|_| ())
}

#[test]
fn field_leeway_overrides_the_container_leeway() {
    let mut c = rules();
    c.iat = std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW as u64 - 100);
    let token = mint(serde_json::to_value(c).unwrap());
    let verify_at = |secs| verify_rules_at(&token, secs);
    // exp has leeway 0 although the struct says 5.
    assert!(verify_at(NOW + 599).is_ok());
    assert_eq!(
        verify_at(NOW + 600).unwrap_err().kind(),
        &ErrorKind::Expired
    );
    // nbf has leeway 10: accepted 10s early, refused 11s early.
    assert!(verify_at(NOW - 10).is_ok());
    assert_eq!(
        verify_at(NOW - 11).unwrap_err().kind(),
        &ErrorKind::NotYetValid
    );
    // iat has the struct's leeway 5 (nbf is checked first, so make nbf absent).
    let mut c = rules();
    c.nbf = None;
    let token = mint(serde_json::to_value(c).unwrap());
    let verify_at = |secs| verify_rules_at(&token, secs);
    assert!(verify_at(NOW - 5).is_ok());
    assert_eq!(
        verify_at(NOW - 6).unwrap_err().kind(),
        &ErrorKind::IssuedInFuture
    );
}

#[test]
fn missing_and_mistyped_claims_name_the_claim() {
    let clock = at(NOW);
    let verify = |v: serde_json::Value| Rules::verifier(&key()).clock(clock).verify(&mint(v));
    let full = serde_json::to_value(rules()).unwrap();
    let mut no_level = full.clone();
    no_level.as_object_mut().unwrap().remove("level");
    assert_eq!(
        verify(no_level).unwrap_err().kind(),
        &ErrorKind::MissingClaim("level".into())
    );
    let mut no_exp = full.clone();
    no_exp.as_object_mut().unwrap().remove("exp");
    assert_eq!(
        verify(no_exp).unwrap_err().kind(),
        &ErrorKind::MissingClaim("exp".into())
    );
    assert_eq!(
        verify(with(full.clone(), "level", json!("high")))
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidClaimType("level".into())
    );
    assert_eq!(
        verify(with(full.clone(), "exp", json!(1.5e9)))
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidClaimType("exp".into())
    );
    assert_eq!(
        verify(with(full, "nbf", serde_json::Value::Null))
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidClaimType("nbf".into())
    );
}

// ---- undeclared registered claims, generic structs, flatten --------------------------------

#[derive(Claims, Serialize, Deserialize, Debug, PartialEq)]
struct Minimal {
    #[claims(exp)]
    exp: NumericDate,
    name: String,
}

#[test]
fn undeclared_registered_claims_are_enforced() {
    let clock = at(NOW);
    let verify = |v: serde_json::Value| Minimal::verifier(&key()).clock(clock).verify(&mint(v));
    assert!(verify(json!({"exp": NOW + 1, "name": "x"})).is_ok());
    assert_eq!(
        verify(json!({"exp": NOW + 1, "name": "x", "nbf": NOW + 1}))
            .unwrap_err()
            .kind(),
        &ErrorKind::NotYetValid
    );
    assert_eq!(
        verify(json!({"exp": NOW + 1, "name": "x", "aud": "api"}))
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidAudience
    );
    assert_eq!(
        verify(json!({"exp": NOW + 1, "name": "x", "iat": "yesterday"}))
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidClaimType("iat".into())
    );
    assert_eq!(
        verify(json!({"name": "x"})).unwrap_err().kind(),
        &ErrorKind::MissingClaim("exp".into())
    );
}

#[derive(Claims, Serialize, Deserialize, Debug, PartialEq)]
struct Generic<T> {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(sub)]
    sub: String,
    #[serde(flatten)]
    extra: T,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Extra {
    tenant: String,
    plan: u8,
}

#[test]
fn generic_struct_with_flattened_members() {
    let c = Generic {
        exp: date(NOW + 60),
        sub: "42".into(),
        extra: Extra {
            tenant: "acme".into(),
            plan: 2,
        },
    };
    let token = c.sign_with_clock(&key(), &at(NOW)).unwrap();
    let clock = at(NOW);
    let back = Generic::<Extra>::verifier(&key())
        .subject("42")
        .clock(clock)
        .verify(&token)
        .unwrap();
    assert_eq!(back, c);
    // Duplicates among flattened members are refused, also through escapes.
    let clock = at(NOW);
    let forged = raw;
    let k = key();
    let verifier = Generic::<Extra>::verifier(&k).clock(clock);
    let ok = forged(&format!(
        r#"{{"exp":{},"sub":"42","tenant":"acme","plan":2}}"#,
        NOW + 60
    ));
    assert!(verifier.verify(&ok).is_ok());
    for dup in [
        r#""tenant":"acme","plan":2,"tenant":"evil""#,
        r#""tenant":"acme","plan":2,"tenant":"evil""#,
        r#""tenant":"acme","plan":2,"plan":3"#,
    ] {
        let t = forged(&format!(r#"{{"exp":{},"sub":"42",{dup}}}"#, NOW + 60));
        assert_eq!(
            verifier.verify(&t).unwrap_err().kind(),
            &ErrorKind::MalformedClaims,
            "{dup}"
        );
    }
    // A generic struct over a map keeps unknown members; a map value is still strict.
    let generic_map =
        Generic::<std::collections::BTreeMap<String, serde_json::Value>>::verifier(&k).clock(clock);
    let t = forged(&format!(r#"{{"exp":{},"sub":"42","a":1,"a":2}}"#, NOW + 60));
    assert_eq!(
        generic_map.verify(&t).unwrap_err().kind(),
        &ErrorKind::MalformedClaims
    );
}

#[test]
fn registered_claims_struct_is_derived_and_optional() {
    use jwt_core::RegisteredClaims;
    let clock = at(NOW);
    let ok = mint(json!({"sub": "x"}));
    assert_eq!(
        RegisteredClaims::verifier(&key())
            .clock(clock)
            .verify(&ok)
            .unwrap()
            .sub
            .as_deref(),
        Some("x")
    );
    let expired = mint(json!({"sub": "x", "exp": NOW}));
    assert_eq!(
        RegisteredClaims::verifier(&key())
            .clock(clock)
            .verify(&expired)
            .unwrap_err()
            .kind(),
        &ErrorKind::Expired
    );
}

#[test]
fn the_struct_typ_is_required_on_verify() {
    let sign_with_header =
        |header: &str| common::hs256_token(TEST_SECRET, header, session_json().to_string());
    assert!(verify_session(&sign_with_header(r#"{"alg":"HS256","typ":"JWT"}"#)).is_ok());
    assert!(verify_session(&sign_with_header(r#"{"typ":"jwt","alg":"HS256"}"#)).is_ok());
    for header in [
        r#"{"alg":"HS256"}"#,
        r#"{"alg":"HS256","typ":"at+jwt"}"#,
        r#"{"alg":"HS256","typ":"JWS"}"#,
    ] {
        let err = verify_session(&sign_with_header(header)).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidTyp, "{header}");
    }
}

/// The derive takes a leeway and max_age up to the runtime's limits (above them it is a
/// compile error, `tests/ui/leeway-or-max-age-above-its-limit.rs`), and so does the
/// verifier's builder; above, the builder refuses.
#[derive(Claims, Serialize, Deserialize, Debug, PartialEq)]
#[claims(leeway = 86400)]
struct AtTheLimits {
    #[claims(exp, leeway = 86400)]
    exp: NumericDate,
    #[claims(iat, max_age = 31622400)]
    iat: NumericDate,
}

#[test]
fn leeway_and_max_age_up_to_their_limits() {
    let k = key();
    let claims = AtTheLimits {
        exp: NumericDate::from_secs(NOW + 60).unwrap(),
        iat: NumericDate::from_secs(NOW).unwrap(),
    };
    let token = claims.sign_with_clock(&k, &at(NOW)).unwrap();
    let verify_at = |secs| AtTheLimits::verifier(&k).clock(at(secs)).verify(&token);
    assert_eq!(verify_at(NOW + 60 + 86_399).unwrap(), claims);
    assert_eq!(
        verify_at(NOW + 60 + 86_400).unwrap_err().kind(),
        &ErrorKind::Expired
    );
    assert!(AtTheLimits::verifier(&k)
        .leeway(jwt_core::LEEWAY_LIMIT)
        .is_ok());
    assert_eq!(
        AtTheLimits::verifier(&k)
            .leeway(jwt_core::LEEWAY_LIMIT + 1)
            .unwrap_err()
            .kind(),
        &ErrorKind::InvalidConfiguration
    );
}
