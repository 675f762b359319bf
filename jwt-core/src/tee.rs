//! A registered claim read once: the claims type's `Deserialize` reads the value through a
//! wrapper that records it for validation as it passes.
//!
//! The common requests are served straight from the parser: an integer for a date, a string
//! for `iss`, `sub` and `jti`, an `Option` of either, and an audience array's strings one by
//! one (any other element request records the element from its text). A fraction offered
//! to an integer request is refused (no integer type holds it). Every other request first
//! takes the value's raw text from `serde_json`, records it exactly, and answers from that
//! text (as [`Known`] or through `serde_json` again). Whatever the path, a registered claim that
//! reaches the claims type has been recorded; the caller checks [`Tee::recorded`].

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, ErrorKind};
use crate::json::{json_error, CowStr, Known, SERDE_JSON_RAW};
use crate::validation::{Claim, Found};

/// The state of one registered claim's read.
pub(crate) struct Tee<'f, 'de> {
    pub(crate) claim: Claim,
    pub(crate) found: &'f mut Found<'de>,
    /// The precise error, when the wrapper refused the value itself.
    pub(crate) error: Option<Error>,
    /// Whether the value was recorded.
    pub(crate) recorded: bool,
}

impl Tee<'_, '_> {
    fn refuse<E: de::Error>(&mut self, error: Error) -> E {
        let message = error.to_string();
        self.error = Some(error);
        E::custom(message)
    }

    /// Refuses the value as the claim's type check refuses the JSON `text` (`null`, `[]`).
    fn refuse_as<E: de::Error>(&mut self, text: &'static str) -> E {
        let error = self
            .found
            .record(self.claim, text)
            .err()
            .unwrap_or_else(|| {
                Error::with_detail(
                    ErrorKind::InvalidClaimType(self.claim.name().into()),
                    format!("{text} is not a valid value"),
                )
            });
        self.refuse(error)
    }

    fn is_date(&self) -> bool {
        matches!(self.claim, Claim::Exp | Claim::Nbf | Claim::Iat)
    }

    fn is_string(&self) -> bool {
        matches!(self.claim, Claim::Iss | Claim::Sub | Claim::Jti)
    }

    fn record_int<E: de::Error>(&mut self, value: i64) -> Result<(), E> {
        match self.found.record_int(self.claim, value) {
            Ok(true) => {
                self.recorded = true;
                Ok(())
            }
            Ok(false) => Err(E::custom("not a date")),
            Err(e) => Err(self.refuse(e)),
        }
    }
}

/// The seed the claims type's value seed is wrapped in.
pub(crate) struct TeeSeed<'t, 'f, 'de, S> {
    pub(crate) seed: S,
    pub(crate) tee: &'t mut Tee<'f, 'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for TeeSeed<'_, '_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(TeeDe {
            inner: d,
            tee: self.tee,
        })
    }
}

struct TeeDe<'t, 'f, 'de, D> {
    inner: D,
    tee: &'t mut Tee<'f, 'de>,
}

/// The raw text of a value, from `serde_json`'s `RawValue` protocol.
struct RawText;

impl<'de> Visitor<'de> for RawText {
    type Value = &'de str;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<&'de str, A::Error> {
        map.next_key::<IgnoredAny>()?;
        map.next_value()
    }
}

impl<'t, 'f, 'de, D: Deserializer<'de>> TeeDe<'t, 'f, 'de, D> {
    /// Records the value from its raw text, then answers `visitor` from that text.
    fn fallback<V: Visitor<'de>>(
        self,
        visitor: V,
        known: impl FnOnce(Known<'_, 'de>, V) -> Result<V::Value, serde_json::Error>,
        json: impl FnOnce(
            &mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
            V,
        ) -> Result<V::Value, serde_json::Error>,
    ) -> Result<V::Value, D::Error> {
        let tee = self.tee;
        let text = self
            .inner
            .deserialize_newtype_struct(SERDE_JSON_RAW, RawText)?;
        if let Err(e) = tee.found.record(tee.claim, text) {
            return Err(tee.refuse(e));
        }
        tee.recorded = true;
        let result = match Known::of(tee.claim, text, tee.found) {
            Some(k) => known(k, visitor),
            None => json(&mut serde_json::Deserializer::from_str(text), visitor),
        };
        result.map_err(|e| {
            let claim = tee.claim.name();
            tee.refuse(json_error(ErrorKind::InvalidClaimType(claim.into()), e))
        })
    }
}

/// Methods answered from the raw text.
macro_rules! fallback {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.fallback(
                visitor,
                |k, v| k.$method($($arg,)* v),
                |d, v| d.$method($($arg,)* v),
            )
        })*
    };
}

/// Requests served from the parser through a recording visitor when the claim is of the
/// kind `$when` (integers for dates, strings for `iss`, `sub` and `jti`), else from the text.
macro_rules! served {
    ($when:ident, $recording:ident: $($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            if self.tee.$when() {
                self.inner.$method($recording { visitor, tee: self.tee })
            } else {
                self.fallback(visitor, |k, v| k.$method(v), |d, v| d.$method(v))
            }
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TeeDe<'_, '_, 'de, D> {
    type Error = D::Error;

    served! { is_date, IntTee:
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    served! { is_string, StrTee: deserialize_str deserialize_string }

    /// A sequence for `aud`: its strings recorded one by one as the type reads them.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        if self.tee.claim == Claim::Aud {
            self.inner.deserialize_seq(SeqTee {
                visitor,
                tee: self.tee,
            })
        } else {
            self.fallback(
                visitor,
                |k, v| k.deserialize_seq(v),
                |d, v| d.deserialize_seq(v),
            )
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_option(OptionTee {
            visitor,
            tee: self.tee,
        })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name != SERDE_JSON_RAW {
            return visitor.visit_newtype_struct(self);
        }
        // The raw text itself was asked for (as `NumericDate` does): the fallback records
        // it, and both of its answers hand the text on as `serde_json` does.
        self.fallback(
            visitor,
            |k, v| k.deserialize_newtype_struct(name, v),
            |d, v| d.deserialize_newtype_struct(name, v),
        )
    }

    fallback! {
        deserialize_any(); deserialize_bool(); deserialize_f32(); deserialize_f64();
        deserialize_char(); deserialize_bytes(); deserialize_byte_buf(); deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }
}

/// An integer for a date: recorded, then passed on.
struct IntTee<'t, 'f, 'de, V> {
    visitor: V,
    tee: &'t mut Tee<'f, 'de>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for IntTee<'_, '_, 'de, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        // Beyond i64 is beyond any date: the check refuses it.
        self.tee.record_int(i64::try_from(v).unwrap_or(i64::MAX))?;
        self.visitor.visit_u64(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.tee.record_int(v)?;
        self.visitor.visit_i64(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.tee.record_int(i64::try_from(v).unwrap_or(i64::MAX))?;
        self.visitor.visit_u128(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.tee.record_int(i64::try_from(v).unwrap_or(i64::MAX))?;
        self.visitor.visit_i128(v)
    }
    /// A fraction for an integer request: refused, as the integer types themselves do (and
    /// so that no value reaches the claims type unrecorded).
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        Err(E::invalid_type(de::Unexpected::Float(v), &self))
    }
}

/// A string for `iss`, `sub` or `jti`: recorded, then passed on.
struct StrTee<'t, 'f, 'de, V> {
    visitor: V,
    tee: &'t mut Tee<'f, 'de>,
}

impl<'de, V: Visitor<'de>> StrTee<'_, '_, 'de, V> {
    fn record(&mut self, text: Cow<'de, str>) {
        self.tee.recorded = self.tee.found.record_string(self.tee.claim, text);
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StrTee<'_, '_, 'de, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_borrowed_str<E: de::Error>(mut self, v: &'de str) -> Result<V::Value, E> {
        self.record(Cow::Borrowed(v));
        self.visitor.visit_borrowed_str(v)
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<V::Value, E> {
        self.record(Cow::Owned(v.to_owned()));
        self.visitor.visit_str(v)
    }
    fn visit_string<E: de::Error>(mut self, v: String) -> Result<V::Value, E> {
        self.record(Cow::Owned(v.clone()));
        self.visitor.visit_string(v)
    }
}

/// An optional claim: `null` is refused as the claim's type check refuses it.
struct OptionTee<'t, 'f, 'de, V> {
    visitor: V,
    tee: &'t mut Tee<'f, 'de>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for OptionTee<'_, '_, 'de, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        Err(self.tee.refuse_as("null"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visit_none()
    }
    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.visitor.visit_some(TeeDe {
            inner: d,
            tee: self.tee,
        })
    }
}

/// An audience array: the type reads the elements, each string is recorded as it passes;
/// an empty array is refused, as the claim's type check refuses it.
struct SeqTee<'t, 'f, 'de, V> {
    visitor: V,
    tee: &'t mut Tee<'f, 'de>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for SeqTee<'_, '_, 'de, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let mut values = Vec::new();
        let value = self.visitor.visit_seq(Elements {
            inner: seq,
            values: &mut values,
        })?;
        if values.is_empty() {
            return Err(self.tee.refuse_as("[]"));
        }
        // (A type that stops early leaves elements unread, which the parser refuses.)
        self.tee.found.aud = Some(values);
        self.tee.recorded = true;
        Ok(value)
    }
}

struct Elements<'v, 'de, A> {
    inner: A,
    values: &'v mut Vec<Cow<'de, str>>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Elements<'_, 'de, A> {
    type Error = A::Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.inner.next_element_seed(Element {
            seed,
            values: self.values,
        })
    }
    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct Element<'v, 'de, S> {
    seed: S,
    values: &'v mut Vec<Cow<'de, str>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Element<'_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(ElementDe {
            inner: d,
            values: self.values,
        })
    }
}

/// One audience element: a string request is served from the parser; any other first
/// records the element from its raw text (which must be a JSON string).
struct ElementDe<'v, 'de, D> {
    inner: D,
    values: &'v mut Vec<Cow<'de, str>>,
}

impl<'de, D: Deserializer<'de>> ElementDe<'_, 'de, D> {
    fn fallback<V: Visitor<'de>>(
        self,
        visitor: V,
        json: impl FnOnce(
            &mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
            V,
        ) -> Result<V::Value, serde_json::Error>,
    ) -> Result<V::Value, D::Error> {
        let text = self
            .inner
            .deserialize_newtype_struct(SERDE_JSON_RAW, RawText)?;
        let CowStr(value) = serde_json::from_str(text)
            .map_err(|_| de::Error::custom("an audience is a string or an array of strings"))?;
        self.values.push(value);
        json(&mut serde_json::Deserializer::from_str(text), visitor).map_err(de::Error::custom)
    }
}

macro_rules! element_fallback {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.fallback(visitor, |d, v| d.$method($($arg,)* v))
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ElementDe<'_, 'de, D> {
    type Error = D::Error;

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_str(ElementStr {
            visitor,
            values: self.values,
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_string(ElementStr {
            visitor,
            values: self.values,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        // `null` is no audience: the string request that follows refuses it.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name == SERDE_JSON_RAW {
            self.fallback(visitor, |d, v| d.deserialize_newtype_struct(name, v))
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    element_fallback! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
        deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
        deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
        deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_bytes();
        deserialize_byte_buf(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_seq(); deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }
}

/// An audience string: recorded, then passed on.
struct ElementStr<'v, 'de, V> {
    visitor: V,
    values: &'v mut Vec<Cow<'de, str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ElementStr<'_, 'de, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.values.push(Cow::Borrowed(v));
        self.visitor.visit_borrowed_str(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.values.push(Cow::Owned(v.to_owned()));
        self.visitor.visit_str(v)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.values.push(Cow::Owned(v.clone()));
        self.visitor.visit_string(v)
    }
}
