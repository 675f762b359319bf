//! Claims types for verifying without a struct of one's own.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::claims::audience::Audience;
use crate::claims::numeric_date::NumericDate;
use crate::claims::table::{Member, Members};
use crate::claims::validation::StructRules;
use crate::crypto::algorithm::AnyAlgorithm;
use crate::error::{truncate, Error};
use crate::json::names::{CowStr, MemberSet};
use crate::json::strict::StrictValue;
use crate::typed::{Claims, ClaimsImpl, HasAudience, HasIssuer, HasSubject};

/// The seven registered claims of RFC 7519 section 4.1, each optional.
///
/// Absent claims are omitted when serialized. When parsed, a claim that is present must have
/// its type: `"exp": null` or `"exp": "1"` is an error, never "absent".
///
/// It implements [`Claims`](crate::Claims) with every claim optional: verifying with this
/// type accepts a token without `exp` (and still refuses an expired one). To require `exp`,
/// verify with [`JwtClaims`] or a struct of your own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RegisteredClaims {
    /// `iss`: who issued the token.
    pub iss: Option<String>,
    /// `sub`: whom the token is about.
    pub sub: Option<String>,
    /// `aud`: who the token is meant for.
    pub aud: Option<Audience>,
    /// `exp`: when the token expires.
    pub exp: Option<NumericDate>,
    /// `nbf`: when the token becomes valid.
    pub nbf: Option<NumericDate>,
    /// `iat`: when the token was issued.
    pub iat: Option<NumericDate>,
    /// `jti`: the token's unique id.
    pub jti: Option<String>,
}

/// Written by hand (not through the derive, which is an optional feature): every claim
/// optional, no rules; the member table is the derive's for these seven fields.
impl ClaimsImpl for RegisteredClaims {
    type __Alg = AnyAlgorithm;
    const __RULES: StructRules = StructRules::NONE;
    const __MEMBERS: Members = Members::new(&[
        Member::new("iss"),
        Member::new("sub"),
        Member::new("aud"),
        Member::new("exp"),
        Member::new("nbf"),
        Member::new("iat"),
        Member::new("jti"),
    ]);

    fn __check(&self) -> Result<(), Error> {
        Ok(())
    }
}

impl Claims for RegisteredClaims {}
impl HasIssuer for RegisteredClaims {}
impl HasAudience for RegisteredClaims {}
impl HasSubject for RegisteredClaims {}

/// The claims that are present, in the order of the fields; absent ones are skipped.
/// Written by hand rather than derived, so that this crate needs serde's derive only for the
/// Zoom payloads.
impl Serialize for RegisteredClaims {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let present = [
            self.iss.is_some(),
            self.sub.is_some(),
            self.aud.is_some(),
            self.exp.is_some(),
            self.nbf.is_some(),
            self.iat.is_some(),
            self.jti.is_some(),
        ];
        let len = present.iter().filter(|p| **p).count();
        let mut state = serializer.serialize_struct("RegisteredClaims", len)?;
        macro_rules! field {
            ($($name:ident),*) => {$(
                match &self.$name {
                    Some(value) => state.serialize_field(stringify!($name), value)?,
                    None => state.skip_field(stringify!($name))?,
                }
            )*};
        }
        field!(iss, sub, aud, exp, nbf, iat, jti);
        state.end()
    }
}

/// Any member order; unknown members are skipped, a claim named twice is an error, and a
/// claim that is present must have its type (`null` is not "absent").
impl<'de> Deserialize<'de> for RegisteredClaims {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RegisteredClaims;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object of claims")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RegisteredClaims, A::Error> {
                let mut r = RegisteredClaims::default();
                while let Some(CowStr(name)) = map.next_key::<CowStr<'de>>()? {
                    macro_rules! claim {
                        ($field:ident) => {{
                            if r.$field.is_some() {
                                return Err(de::Error::duplicate_field(stringify!($field)));
                            }
                            r.$field = Some(map.next_value()?);
                        }};
                    }
                    match &*name {
                        "iss" => claim!(iss),
                        "sub" => claim!(sub),
                        "aud" => claim!(aud),
                        "exp" => claim!(exp),
                        "nbf" => claim!(nbf),
                        "iat" => claim!(iat),
                        "jti" => claim!(jti),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(r)
            }
        }
        const FIELDS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];
        deserializer.deserialize_struct("RegisteredClaims", FIELDS, V)
    }
}

/// Any claims: the registered ones typed, every other member kept as JSON.
///
/// Parsing refuses duplicate member names at every depth, and registered claims of the wrong
/// type. Serializing writes the registered claims first, then the others in name order.
///
/// ```
/// use jwt_core::JwtClaims;
/// let c: JwtClaims = serde_json::from_str(r#"{"sub":"42","role":"admin","exp":1700000000}"#).unwrap();
/// assert_eq!(c.registered.sub.as_deref(), Some("42"));
/// assert_eq!(c.extra["role"], "admin");
/// assert!(serde_json::from_str::<JwtClaims>(r#"{"a":1,"a":2}"#).is_err());
/// assert!(serde_json::from_str::<JwtClaims>(r#"{"exp":null}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct JwtClaims {
    /// The registered claims.
    pub registered: RegisteredClaims,
    /// Every other member.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl JwtClaims {
    /// No claims at all.
    #[must_use]
    pub fn new() -> Self {
        JwtClaims::default()
    }
}

impl Serialize for JwtClaims {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = &self.registered;
        let mut map = serializer.serialize_map(None)?;
        if let Some(v) = &r.iss {
            map.serialize_entry("iss", v)?;
        }
        if let Some(v) = &r.sub {
            map.serialize_entry("sub", v)?;
        }
        if let Some(v) = &r.aud {
            map.serialize_entry("aud", v)?;
        }
        if let Some(v) = &r.exp {
            map.serialize_entry("exp", v)?;
        }
        if let Some(v) = &r.nbf {
            map.serialize_entry("nbf", v)?;
        }
        if let Some(v) = &r.iat {
            map.serialize_entry("iat", v)?;
        }
        if let Some(v) = &r.jti {
            map.serialize_entry("jti", v)?;
        }
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for JwtClaims {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JwtClaims;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object of claims")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JwtClaims, A::Error> {
                let mut seen = MemberSet::default();
                let mut claims = JwtClaims::default();
                let r = &mut claims.registered;
                while let Some(CowStr(name)) = map.next_key::<CowStr<'de>>()? {
                    if !seen.insert(&name) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate member {:?}",
                            truncate(&name, 64)
                        )));
                    }
                    match &*name {
                        "iss" => r.iss = Some(map.next_value()?),
                        "sub" => r.sub = Some(map.next_value()?),
                        "aud" => r.aud = Some(map.next_value()?),
                        "exp" => r.exp = Some(map.next_value()?),
                        "nbf" => r.nbf = Some(map.next_value()?),
                        "iat" => r.iat = Some(map.next_value()?),
                        "jti" => r.jti = Some(map.next_value()?),
                        _ => {
                            let StrictValue(v) = map.next_value()?;
                            claims.extra.insert(name.into_owned(), v);
                        }
                    }
                }
                Ok(claims)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// No rules of its own; its own verifier and signer require `exp`, as
/// [`Validation::new`](crate::Validation::new) does (through [`decode::verify`](crate::decode::verify) the validation decides).
impl ClaimsImpl for JwtClaims {
    type __Alg = AnyAlgorithm;
    const __RULES: StructRules = StructRules {
        require_exp: true,
        ..StructRules::NONE
    };

    fn __check(&self) -> Result<(), Error> {
        Ok(())
    }
}

impl Claims for JwtClaims {}

impl HasIssuer for JwtClaims {}
impl HasAudience for JwtClaims {}
impl HasSubject for JwtClaims {}
