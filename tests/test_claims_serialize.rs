//! `#[claims(serialize)]`: the derive writes `Serialize` itself, and signs through a writer
//! of its own (names known when compiled, string, time and audience claims taken from the
//! fields). Both must be what serde's own derive and the ordinary signer give.
//!
//! Each type here has a twin with the same fields and attributes that derives `Serialize`
//! with serde instead. For any values: the two serialize to the same JSON, and sign to the
//! same token, or fail with the same error kind and message.

mod common;

use std::borrow::Cow;

use common::{at, key};
use jwt_core::{Audience, Claims, ErrorKind, NumericDate};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: i64 = 1_700_000_000;

include!("common/twins.rs");

twins! {
    #[derive(Debug, Clone, PartialEq)]
    #[claims(lifetime(max = 86400))]
    struct Access / AccessTwin {
        #[claims(iss)]
        iss: String,
        #[claims(sub, len(max = 12))]
        sub: String,
        #[claims(aud)]
        aud: Vec<String>,
        #[claims(exp)]
        exp: u64,
        #[claims(nbf)]
        nbf: i64,
        #[claims(iat)]
        iat: u64,
        #[claims(jti)]
        jti: String,
        name: String,
        scopes: Vec<String>,
        level: u8,
    }
}

fn no_cache() -> u32 {
    7
}

twins! {
    #[derive(Debug, Clone, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Optional / OptionalTwin {
        #[claims(iss, equals = "https://auth.example.com")]
        #[serde(skip_serializing_if = "Option::is_none")]
        iss: Option<String>,
        #[claims(aud)]
        aud: Audience,
        #[claims(exp)]
        exp: NumericDate,
        #[claims(iat)]
        #[serde(skip_serializing_if = "Option::is_none")]
        iat: Option<i64>,
        #[serde(rename = "x-tenant")]
        tenant: String,
        #[serde(rename = "q\"uote\\d")]
        quoted: bool,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        user_roles: Vec<String>,
        #[serde(skip, default = "no_cache")]
        cache: u32,
        extra: Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    }
}

twins! {
    #[derive(Debug, Clone, PartialEq)]
    struct Single / SingleTwin {
        #[claims(aud, one_of("api", "web"))]
        aud: String,
        #[claims(sub)]
        #[serde(rename = "sub")]
        subject_id: Box<str>,
        #[claims(exp)]
        #[serde(rename = "exp")]
        expires: i64,
        #[claims(jti)]
        jti: Cow<'static, str>,
    }
}

type Outcome = Result<String, (ErrorKind, String)>;

/// The direct type and its twin: the same JSON from `Serialize`, the same outcome from
/// signing at `NOW`. Returns that outcome.
fn same<D, T>(direct: &D) -> Outcome
where
    D: Claims + std::fmt::Debug,
    T: Claims + for<'a> From<&'a D>,
    jwt_core::Hs256Key: jwt_core::KeyFor<D> + jwt_core::KeyFor<T>,
{
    assert!(D::__DIRECT && !T::__DIRECT, "the types are not twins");
    let twin = T::from(direct);
    let json = |r: serde_json::Result<String>| r.map_err(|e| e.to_string());
    assert_eq!(
        json(serde_json::to_string(direct)),
        json(serde_json::to_string(&twin)),
        "{direct:?}"
    );
    let clock = at(NOW);
    let sign =
        |r: Result<String, jwt_core::Error>| r.map_err(|e| (e.kind().clone(), e.to_string()));
    let a = sign(direct.sign_with_clock(&key(), &clock));
    let b = sign(twin.sign_with_clock(&key(), &clock));
    assert_eq!(a, b, "{direct:?}");
    a
}

fn access() -> Access {
    Access {
        iss: "https://auth.example.com".into(),
        sub: "user-1".into(),
        aud: vec!["api".into(), "web".into()],
        exp: (NOW + 600) as u64,
        nbf: NOW - 10,
        iat: (NOW - 10) as u64,
        jti: "6f1c2d4e".into(),
        name: "Ada".into(),
        scopes: vec!["read".into(), "write".into()],
        level: 3,
    }
}

fn optional() -> Optional {
    Optional {
        iss: Some("https://auth.example.com".into()),
        aud: Audience::Many(vec!["api".into()]),
        exp: NumericDate::from_secs_nanos(NOW + 600, 500_000_000).unwrap(),
        iat: None,
        tenant: "t".into(),
        quoted: true,
        user_roles: vec![],
        cache: 7,
        extra: json!({"a": [1, 2.5, null]}),
        note: None,
    }
}

fn single() -> Single {
    Single {
        aud: "api".into(),
        subject_id: "42".into(),
        expires: NOW + 600,
        jti: Cow::Borrowed("id"),
    }
}

#[test]
fn the_direct_writer_signs_what_serde_writes() {
    let token = same::<Access, AccessTwin>(&access()).unwrap();
    // And the token verifies as the struct it was signed from.
    let clock = at(NOW);
    let back = Access::verifier(&key())
        .audience("api")
        .clock(clock)
        .verify(&token)
        .unwrap();
    assert_eq!(back, access());

    let token = same::<Optional, OptionalTwin>(&optional()).unwrap();
    let back = Optional::verifier(&key())
        .audience("api")
        .clock(clock)
        .verify(&token)
        .unwrap();
    assert_eq!(back, optional());

    same::<Single, SingleTwin>(&single()).unwrap();
}

#[test]
fn the_generated_serialize_writes_names_escapes_and_skips_as_serde() {
    let text = serde_json::to_string(&optional()).unwrap();
    assert_eq!(
        text,
        r#"{"iss":"https://auth.example.com","aud":["api"],"exp":1700000600.5,"x-tenant":"t","q\"uote\\d":true,"extra":{"a":[1,2.5,null]}}"#
    );
}

#[test]
fn each_check_fails_as_it_does_through_serialize() {
    let cases: Vec<(Access, ErrorKind)> = vec![
        (
            Access {
                exp: (NOW - 1) as u64,
                ..access()
            },
            ErrorKind::Expired,
        ),
        (
            // Beyond 2^53 - 1 seconds: read back from the text and refused there.
            Access {
                exp: 1 << 60,
                ..access()
            },
            ErrorKind::InvalidClaimType("exp".into()),
        ),
        (
            // Beyond i64: the same.
            Access {
                iat: u64::MAX,
                ..access()
            },
            ErrorKind::InvalidClaimType("iat".into()),
        ),
        (
            // An empty audience is not an audience.
            Access {
                aud: vec![],
                ..access()
            },
            ErrorKind::InvalidClaimType("aud".into()),
        ),
        (
            Access {
                iat: (NOW + 60) as u64,
                ..access()
            },
            ErrorKind::IssuedInFuture,
        ),
        (
            // A typed rule, after the registered claims.
            Access {
                sub: "a-much-too-long-subject".into(),
                ..access()
            },
            ErrorKind::InvalidClaim("sub".into()),
        ),
        (
            // The lifetime rule: exp - iat at most a day.
            Access {
                exp: (NOW + 2 * 86400) as u64,
                ..access()
            },
            ErrorKind::InvalidClaim("exp".into()),
        ),
    ];
    for (claims, kind) in cases {
        let (got, _) = same::<Access, AccessTwin>(&claims).unwrap_err();
        assert_eq!(got, kind, "{claims:?}");
    }
    // Two failures: the first member's is reported, as through `Serialize`.
    let both = Access {
        aud: vec![],
        exp: 1 << 60,
        ..access()
    };
    let (kind, _) = same::<Access, AccessTwin>(&both).unwrap_err();
    assert_eq!(kind, ErrorKind::InvalidClaimType("aud".into()));

    let wrong_issuer = Optional {
        iss: Some("https://other.example.com".into()),
        ..optional()
    };
    let (kind, _) = same::<Optional, OptionalTwin>(&wrong_issuer).unwrap_err();
    assert_eq!(kind, ErrorKind::InvalidIssuer);

    let wrong_audience = Single {
        aud: "mail".into(),
        ..single()
    };
    let (kind, _) = same::<Single, SingleTwin>(&wrong_audience).unwrap_err();
    assert_eq!(kind, ErrorKind::InvalidAudience);
}

#[test]
fn nesting_beyond_the_limit_is_refused_as_through_serialize() {
    let mut deep = json!(1);
    for _ in 0..200 {
        deep = json!([deep]);
    }
    let claims = Optional {
        extra: deep,
        ..optional()
    };
    let (kind, _) = same::<Optional, OptionalTwin>(&claims).unwrap_err();
    assert_eq!(kind, ErrorKind::LimitExceeded);
}

/// Strings with what JSON escapes, and more.
fn text() -> impl Strategy<Value = String> {
    "[a-z0-9\"\\\\/\u{0}-\u{1f}\u{7f}é€😀 ]{0,24}"
}

fn seconds() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => (NOW as u64 - 100)..(NOW as u64 + 100_000),
        1 => any::<u64>(),
    ]
}

/// Mostly at or before `NOW` (an `iat` a signer accepts), sometimes anything.
fn past_seconds() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => (NOW as u64 - 90_000)..=(NOW as u64),
        1 => any::<u64>(),
    ]
}

fn access_strategy() -> impl Strategy<Value = Access> {
    (
        (text(), text(), prop::collection::vec(text(), 0..3)),
        (seconds(), any::<i64>(), past_seconds(), text()),
        (text(), prop::collection::vec(text(), 0..5), any::<u8>()),
    )
        .prop_map(
            |((iss, sub, aud), (exp, nbf, iat, jti), (name, scopes, level))| Access {
                iss,
                sub,
                aud,
                exp,
                nbf: nbf % (NOW * 2),
                iat,
                jti,
                name,
                scopes,
                level,
            },
        )
}

fn optional_strategy() -> impl Strategy<Value = Optional> {
    (
        (
            prop::option::of(prop_oneof![
                Just("https://auth.example.com".to_owned()),
                text()
            ]),
            prop_oneof![
                text().prop_map(Audience::One),
                prop::collection::vec(text(), 0..3).prop_map(Audience::Many)
            ],
            (-10i64..100_000, 0u32..1_000_000_000),
            prop::option::of(prop_oneof![
                4 => (NOW - 90_000)..=NOW,
                1 => any::<i64>(),
            ]),
        ),
        (
            text(),
            any::<bool>(),
            prop::collection::vec(text(), 0..3),
            prop::option::of(text()),
            text(),
        ),
    )
        .prop_map(
            |((iss, aud, (exp, nanos), iat), (tenant, quoted, user_roles, note, extra))| Optional {
                iss,
                aud,
                exp: NumericDate::from_secs_nanos(NOW + exp, nanos).unwrap(),
                iat,
                tenant,
                quoted,
                user_roles,
                cache: 7,
                extra: json!({ "e": extra }),
                note,
            },
        )
}

/// Signs `direct` (and its twin, through [`same`]) and judges the outcome against what the
/// rules make of the members `serde_json` writes for the twin (`common::expect`), then
/// `extra`, the type's own rules; a token's payload must be `serde_json`'s text.
fn judged<D, T>(direct: &D, lifetime: Option<(i64, i64)>, extra: impl Fn(&T) -> Option<ErrorKind>)
where
    D: Claims + std::fmt::Debug,
    T: Claims + for<'a> From<&'a D>,
    jwt_core::Hs256Key: jwt_core::KeyFor<D> + jwt_core::KeyFor<T>,
{
    let outcome = same::<D, T>(direct);
    let twin = T::from(direct);
    let json = serde_json::to_string(&twin).unwrap();
    let want = common::expect::registered(&common::expect::members(&json), true, NOW, lifetime)
        .and_then(|()| extra(&twin).map_or(Ok(()), |kind| Err((kind, String::new()))));
    common::expect::judge(&outcome, &want, direct);
    if let Ok(token) = &outcome {
        let payload = token.split('.').nth(1).unwrap();
        let payload =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .unwrap();
        assert_eq!(String::from_utf8(payload).unwrap(), json);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_access_claims_sign_as_through_serialize(claims in access_strategy()) {
        judged::<Access, AccessTwin>(&claims, Some((0, 86400)), |c| {
            (c.sub.chars().count() > 12).then(|| ErrorKind::InvalidClaim("sub".into()))
        });
    }

    #[test]
    fn any_optional_claims_sign_as_through_serialize(claims in optional_strategy()) {
        judged::<Optional, OptionalTwin>(&claims, None, |c| {
            c.iss
                .as_deref()
                .is_some_and(|iss| iss != "https://auth.example.com")
                .then_some(ErrorKind::InvalidIssuer)
        });
    }

    #[test]
    fn any_single_claims_sign_as_through_serialize(
        aud in prop_oneof![Just("api".to_owned()), text()],
        sub in text(),
        exp in prop_oneof![4 => (NOW - 100)..(NOW + 100_000), 1 => any::<i64>()],
        jti in text(),
    ) {
        let claims = Single {
            aud,
            subject_id: sub.into(),
            expires: exp,
            jti: Cow::Owned(jti),
        };
        judged::<Single, SingleTwin>(&claims, None, |c| {
            (c.aud != "api" && c.aud != "web").then_some(ErrorKind::InvalidAudience)
        });
    }
}

/// A claims type whose `__write` is written by hand, to misuse the writer as generated code
/// never does: `writes` are the table places it writes, in order.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct ByHand {
    iss: String,
    exp: u64,
    #[serde(skip)]
    writes: Vec<usize>,
}

impl jwt_core::__private::ClaimsImpl for ByHand {
    type __Alg = jwt_core::AnyAlgorithm;
    const __RULES: jwt_core::__private::StructRules = jwt_core::__private::StructRules {
        require_exp: true,
        ..jwt_core::__private::StructRules::NONE
    };
    fn __check(&self) -> Result<(), jwt_core::Error> {
        Ok(())
    }
    const __MEMBERS: jwt_core::__private::Members = jwt_core::__private::Members::new(&[
        jwt_core::__private::Member::new("iss"),
        jwt_core::__private::Member::new("exp"),
    ]);
    const __DIRECT: bool = true;
    fn __write<'c>(
        &'c self,
        out: &mut jwt_core::__private::Direct<'_, 'c, Self>,
    ) -> Result<(), jwt_core::__private::Stop> {
        for &i in &self.writes {
            match i {
                0 => out.claim_str::<0>(&self.iss)?,
                1 => out.claim_int::<1, _>(self.exp)?,
                2 => out.member::<2, _>(&self.iss)?,
                _ => out.member::<64, _>(&self.iss)?,
            }
        }
        Ok(())
    }
}

/// With the hidden items implemented, `Claims` itself has nothing left to write.
impl Claims for ByHand {}

#[test]
fn the_writer_writes_each_table_member_once_whatever_the_generated_code_does() {
    let claims = |writes: Vec<usize>| ByHand {
        iss: "a".into(),
        exp: (NOW + 60) as u64,
        writes,
    };
    let sign = |c: &ByHand| {
        c.sign_with_clock(&key(), &at(NOW))
            .map_err(|e| (e.kind().clone(), e.to_string()))
    };
    // As generated: each member once, in order.
    let token = sign(&claims(vec![0, 1])).unwrap();
    assert_eq!(token.split('.').count(), 3);
    // A member twice, or one outside the table: refused, never a token with a repeated name.
    for writes in [vec![0, 1, 0], vec![1, 1], vec![0, 1, 2], vec![0, 1, 64]] {
        let (kind, message) = sign(&claims(writes.clone())).unwrap_err();
        assert_eq!(kind, ErrorKind::Serialization, "{writes:?}");
        assert!(
            message.contains("written twice or not in its table"),
            "{message}"
        );
    }
}
