//! [`Known`]: a value already read, handed to a `Deserialize` without a second parse.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::json::raw::raw_value_request;
use crate::json::scan::PlainStrings;

/// A value the claims reader has already read, handed to the claims type without a second
/// parse: an integer, a string without escapes or control characters, or an array of such
/// strings (for a registered claim, as [`Found::record`] recorded it). It answers every
/// request as `serde_json` would for the same text (anything else goes through `serde_json`
/// itself).
pub(crate) struct Known<'de> {
    /// The value's JSON text.
    text: &'de str,
    value: KnownValue<'de>,
}

enum KnownValue<'de> {
    Unsigned(u64),
    Negative(i64),
    Str(&'de str),
    /// The text of an array of strings without escapes or control characters.
    PlainArray(&'de str),
}

impl<'de> Known<'de> {
    /// A string without escapes or control characters: `text` is the JSON, `content` what
    /// lies between its quotes.
    pub(crate) fn plain(text: &'de str, content: &'de str) -> Known<'de> {
        Known {
            text,
            value: KnownValue::Str(content),
        }
    }

    /// An array of strings without escapes or control characters, as checked by the
    /// claims reader: `text` is its JSON.
    pub(crate) fn plain_array(text: &'de str) -> Known<'de> {
        Known::plain_array_of(text, text)
    }

    /// [`Known::plain_array`] whose strings are read from `strings`, the same array's text
    /// as recorded elsewhere.
    pub(crate) fn plain_array_of(text: &'de str, strings: &'de str) -> Known<'de> {
        Known {
            text,
            value: KnownValue::PlainArray(strings),
        }
    }

    /// A JSON integer that `serde_json` reads as one (not `-0`): `text` is its JSON.
    pub(crate) fn int(text: &'de str, v: i64) -> Known<'de> {
        let value = match u64::try_from(v) {
            Ok(u) => KnownValue::Unsigned(u),
            Err(_) => KnownValue::Negative(v),
        };
        Known { text, value }
    }
}

impl<'de> Deserializer<'de> for Known<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            KnownValue::Unsigned(v) => visitor.visit_u64(v),
            KnownValue::Negative(v) => visitor.visit_i64(v),
            KnownValue::Str(s) => visitor.visit_borrowed_str(s),
            KnownValue::PlainArray(text) => visitor.visit_seq(PlainSeq(PlainStrings(text))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match raw_value_request() {
            Some(raw) if name == raw => visitor.visit_map(RawMap(Some((raw, self.text)))),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value {
            KnownValue::Str(s) => BorrowedStrDeserializer::<serde_json::Error>::new(s)
                .deserialize_enum(name, variants, visitor),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

/// The strings of an array the claims reader checked to be strings without escapes or
/// control characters, read as they are asked for.
struct PlainSeq<'de>(PlainStrings<'de>);

impl<'de> SeqAccess<'de> for PlainSeq<'de> {
    type Error = serde_json::Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        match self.0.next() {
            Some(quoted) => seed
                .deserialize(Known::plain(quoted, &quoted[1..quoted.len() - 1]))
                .map(Some),
            None => Ok(None),
        }
    }
}

/// `serde_json`'s answer to a `RawValue` request: one entry, the request's name to the text.
struct RawMap<'de>(Option<(&'static str, &'de str)>);

impl<'de> MapAccess<'de> for RawMap<'de> {
    type Error = serde_json::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.0 {
            Some((name, _)) => seed
                .deserialize(BorrowedStrDeserializer::new(name))
                .map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let text = self.0.take().map_or("", |(_, text)| text);
        seed.deserialize(BorrowedStrDeserializer::new(text))
    }
}
