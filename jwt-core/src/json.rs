//! Strict JSON, the shared pieces: the duplicate-name set, the nesting checks, the registered
//! names, and [`Known`], which hands a value over without a second parse. The claims
//! object's top level is read by `members.rs`; the header and the signer use these too.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{ClaimName, Error, ErrorKind};
use crate::validation::{Auds, Claim, Found, PlainStrings};

/// Nesting allowed in a header (objects and arrays, the header object counting as one).
pub(crate) const HEADER_MAX_DEPTH: usize = 16;

/// A string that borrows from the input when it has no escapes.
pub(crate) struct CowStr<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The member names of one object, for duplicate detection (after `\u` escapes are
/// resolved, so `"\u0061lg"` and `"alg"` are the same name). The first 16 names that
/// borrow from the input live inline, without allocating; escaped names and more than 16
/// names are kept in a hash set. A 64-bit filter of every name seen (by its length and
/// first and last bytes) lets most new names in without comparing any text.
#[derive(Clone)]
pub(crate) struct MemberSet<'de> {
    few: [&'de str; MemberSet::LINEAR],
    len: usize,
    filter: u64,
    others: Option<HashSet<Cow<'de, str>>>,
}

impl Default for MemberSet<'_> {
    fn default() -> Self {
        MemberSet {
            few: [""; MemberSet::LINEAR],
            len: 0,
            filter: 0,
            others: None,
        }
    }
}

impl<'de> MemberSet<'de> {
    const LINEAR: usize = 16;

    /// Adds a name; `false` if it was already there.
    #[allow(clippy::ptr_arg)] // the Cow is cloned, which keeps a borrowed name borrowed
    pub(crate) fn insert(&mut self, name: &Cow<'de, str>) -> bool {
        let text: &str = name;
        let bit = filter_bit(text);
        // Equal names set the same bit: without it, the name is new.
        if self.filter & bit != 0 {
            if self.few[..self.len].contains(&text) {
                return false;
            }
            if let Some(others) = &self.others {
                if others.contains(text) {
                    return false;
                }
            }
        }
        self.filter |= bit;
        match name {
            Cow::Borrowed(b) if self.len < Self::LINEAR => {
                self.few[self.len] = b;
                self.len += 1;
            }
            _ => {
                self.others
                    .get_or_insert_with(HashSet::new)
                    .insert(name.clone());
            }
        }
        true
    }
}

/// One of 64 bits, chosen by a name's length and its first and last bytes.
#[inline]
fn filter_bit(name: &str) -> u64 {
    let b = name.as_bytes();
    let ends = match b {
        [] => 0,
        [first, .., last] => u64::from(*first) | u64::from(*last) << 8,
        [only] => u64::from(*only),
    };
    let mixed = (ends | (b.len() as u64) << 16).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    1 << (mixed >> 58)
}

/// Why a document failed the pre-parse check.
pub(crate) enum ShapeError {
    NotObject,
    TooDeep(usize),
}

/// The refusal of a claims object that names a member twice (the signer's and the reader's).
pub(crate) fn duplicate_member(name: &str) -> Error {
    Error::with_detail(
        ErrorKind::MalformedClaims,
        format!("duplicate member {:?}", crate::key::truncate(name, 64)),
    )
}

/// JSON's white space (RFC 8259 section 2).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Checks that the text starts as a JSON object and nests at most `max_depth` levels,
/// without recursion, so a deep document is refused before any recursive parser sees it.
pub(crate) fn check_object_and_depth(text: &str, max_depth: usize) -> Result<(), ShapeError> {
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| !is_space(b))
        .ok_or(ShapeError::NotObject)?;
    if bytes[start] != b'{' {
        return Err(ShapeError::NotObject);
    }
    // Nesting cannot exceed the number of opening brackets, which a vectorized count finds
    // quickly; only a document with more of them than the limit needs the exact scan.
    let openings = count_openings(bytes);
    if openings <= max_depth {
        return Ok(());
    }
    if nesting(&bytes[start..]) > max_depth {
        return Err(ShapeError::TooDeep(max_depth));
    }
    Ok(())
}

/// The deepest nesting of objects and arrays in JSON text (brackets inside strings do not
/// count), without recursion.
pub(crate) fn nesting(text: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// The number of `{` and `[` bytes, eight at a time: `[` and `{` differ only in bit 5, so
/// setting that bit and comparing with `{` finds both, and the exact zero-byte mask of the
/// difference counts them.
fn count_openings(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const BIT5: u64 = 0x2020_2020_2020_2020;
    const BRACE: u64 = 0x7b7b_7b7b_7b7b_7b7b;
    let count = |word: u64| {
        let y = (word | BIT5) ^ BRACE;
        let zero = !(((y & LOW7) + LOW7) | y | LOW7);
        zero.count_ones() as usize
    };
    let (words, rest) = bytes.as_chunks::<8>();
    let n: usize = words.iter().map(|w| count(u64::from_le_bytes(*w))).sum();
    n + rest.iter().filter(|&&b| b | 0x20 == b'{').count()
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::NotObject => f.write_str("not a JSON object"),
            ShapeError::TooDeep(max) => write!(f, "JSON nested deeper than {max} levels"),
        }
    }
}

/// An error of `kind` carrying the parser's message and the parser error as source.
pub(crate) fn json_error(kind: ErrorKind, e: serde_json::Error) -> Error {
    Error::with_detail(kind, e.to_string()).with_source(e)
}

/// The registered claim a member name is, if any.
pub(crate) const fn registered(name: &str) -> Option<Claim> {
    match name.as_bytes() {
        b"iss" => Some(Claim::Iss),
        b"sub" => Some(Claim::Sub),
        b"aud" => Some(Claim::Aud),
        b"exp" => Some(Claim::Exp),
        b"nbf" => Some(Claim::Nbf),
        b"iat" => Some(Claim::Iat),
        b"jti" => Some(Claim::Jti),
        _ => None,
    }
}

/// A claim name for an error: static for registered claims, owned (and bounded) otherwise.
pub(crate) fn claim_name(name: &str) -> ClaimName {
    match registered(name) {
        Some(claim) => Cow::Borrowed(claim.name()),
        None => Cow::Owned(crate::key::truncate(name, 64)),
    }
}

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
    /// The value of `claim` as `found` recorded it from `text`, when it is one of the simple
    /// forms (`found` borrows strings only when they have no escapes).
    pub(crate) fn of(claim: Claim, text: &'de str, found: &Found<'de>) -> Option<Known<'de>> {
        let borrowed = |s: &Option<Cow<'de, str>>| match s {
            Some(Cow::Borrowed(s)) => Some(KnownValue::Str(s)),
            _ => None,
        };
        let value = match claim {
            Claim::Iss => borrowed(&found.iss)?,
            Claim::Sub => borrowed(&found.sub)?,
            Claim::Jti => borrowed(&found.jti)?,
            Claim::Exp | Claim::Nbf | Claim::Iat => {
                let date = match claim {
                    Claim::Exp => found.exp,
                    Claim::Nbf => found.nbf,
                    _ => found.iat,
                }?;
                // As the claims reader reads integers: whole text, serde_json's forms only.
                let v = match crate::members::integer_at(text.as_bytes(), 0) {
                    Some((end, Some(v))) if end == text.len() => v,
                    _ => return None,
                };
                debug_assert_eq!(v, date.secs());
                return Some(Known::int(text, v));
            }
            Claim::Aud => match found.aud.as_ref()? {
                Auds::One(Cow::Borrowed(one)) if text.starts_with('"') => KnownValue::Str(one),
                Auds::Many(all) if text.starts_with('"') => match all.as_slice() {
                    [Cow::Borrowed(one)] => KnownValue::Str(one),
                    _ => return None,
                },
                // An array with escapes is `Many`, and goes through `serde_json`.
                Auds::Plain(raw) if text.starts_with('[') => KnownValue::PlainArray(raw),
                _ => return None,
            },
        };
        Some(Known { text, value })
    }

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
        Known {
            text,
            value: KnownValue::PlainArray(text),
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

/// The name under which `serde_json` hands out and takes a value's raw text (its
/// `RawValue` protocol): read by `NumericDate` and [`Known`],
/// written by the signer's writer.
pub(crate) const SERDE_JSON_RAW: &str = "$serde_json::private::RawValue";

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
        if name == SERDE_JSON_RAW {
            visitor.visit_map(RawMap(Some(self.text)))
        } else {
            visitor.visit_newtype_struct(self)
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

/// `serde_json`'s answer to a `RawValue` request: one entry, its private name to the text.
struct RawMap<'de>(Option<&'de str>);

impl<'de> MapAccess<'de> for RawMap<'de> {
    type Error = serde_json::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(SERDE_JSON_RAW))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let text = self.0.take().unwrap_or_default();
        seed.deserialize(BorrowedStrDeserializer::new(text))
    }
}

/// A `serde_json::Value` that refuses duplicate member names at every depth.
pub(crate) struct StrictValue(pub(crate) serde_json::Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde_json::Value;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrictValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<StrictValue, E> {
                serde_json::Number::from_f64(v)
                    .map(|n| StrictValue(Value::Number(n)))
                    .ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::String(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::String(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
                let mut items = Vec::new();
                while let Some(StrictValue(v)) = seq.next_element()? {
                    items.push(v);
                }
                Ok(StrictValue(Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
                let mut object = serde_json::Map::new();
                while let Some(CowStr(name)) = map.next_key::<CowStr<'de>>()? {
                    if object.contains_key(&*name) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate member {:?}",
                            crate::key::truncate(&name, 64)
                        )));
                    }
                    let StrictValue(v) = map.next_value()?;
                    object.insert(name.into_owned(), v);
                }
                Ok(StrictValue(Value::Object(object)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A registered claim handed over without a second parse reaches every type as it
    /// would through serde_json: the same value, or an error from both.
    #[test]
    fn known_values_deserialize_as_serde_json_would() {
        use crate::{Audience, NumericDate};
        use serde_json::value::RawValue;

        #[derive(Debug, serde::Deserialize)]
        enum Unit {
            #[serde(rename = "abc")]
            Abc,
        }

        fn same<T: for<'de> Deserialize<'de> + fmt::Debug>(name: &str, text: &str) -> bool {
            let claim = registered(name).unwrap();
            let mut found = Found::default();
            if found.record(claim, text).is_err() {
                return false;
            }
            let Some(known) = Known::of(claim, text, &found) else {
                return false;
            };
            let ours = T::deserialize(known).map(|v| format!("{v:?}"));
            let theirs = serde_json::from_str::<T>(text).map(|v| format!("{v:?}"));
            match (ours, theirs) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b, "{name} {text} as {}", std::any::type_name::<T>())
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!(
                    "{name} {text} as {}: {a:?} vs {b:?}",
                    std::any::type_name::<T>()
                ),
            }
            true
        }

        let mut handled = 0;
        for (claim, text) in [
            ("exp", "0"),
            ("exp", "1700000000"),
            ("nbf", "-5"),
            ("iat", "999999999999999"),
            ("exp", "-0"),
            ("exp", "1.5"),
            ("exp", "1e3"),
            ("iss", r#""abc""#),
            ("sub", r#""""#),
            ("jti", r#""a\"b""#),
            ("aud", r#""abc""#),
            ("aud", r#"["a","b"]"#),
            ("aud", r#"[ "a" , "b" ]"#),
            ("aud", r#"["a\nb"]"#),
        ] {
            let mut any = false;
            any |= same::<u64>(claim, text);
            same::<i64>(claim, text);
            same::<u8>(claim, text);
            same::<u128>(claim, text);
            same::<f64>(claim, text);
            same::<bool>(claim, text);
            same::<Option<u64>>(claim, text);
            same::<NumericDate>(claim, text);
            same::<Option<NumericDate>>(claim, text);
            same::<String>(claim, text);
            same::<Option<String>>(claim, text);
            same::<Box<str>>(claim, text);
            same::<char>(claim, text);
            same::<Unit>(claim, text);
            same::<Vec<String>>(claim, text);
            same::<Option<Vec<String>>>(claim, text);
            same::<(String, String)>(claim, text);
            same::<Audience>(claim, text);
            same::<Box<RawValue>>(claim, text);
            same::<serde_json::Value>(claim, text);
            same::<de::IgnoredAny>(claim, text);
            handled += usize::from(any);
        }
        // The texts with fractions, `-0`, exponents and escapes go through serde_json.
        assert_eq!(handled, 9);
    }

    #[test]
    fn count_openings_counts_every_bracket_and_nothing_else() {
        for b in 0..=255u8 {
            for len in 1..20 {
                for pos in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[pos] = b;
                    let expected = usize::from(b == b'{' || b == b'[');
                    assert_eq!(count_openings(&bytes), expected, "{b:#x} at {pos} of {len}");
                }
            }
        }
        assert_eq!(count_openings(br#"{"a":[{},[[1]]],"b":"{"}"#), 6);
        assert_eq!(count_openings(b""), 0);
    }

    #[test]
    fn depth_check_ignores_brackets_in_strings() {
        assert!(check_object_and_depth(r#"{"a":"[[[[[[[[\"[[["}"#, 2).is_ok());
        assert!(matches!(
            check_object_and_depth(r#"{"a":[[1]]}"#, 2),
            Err(ShapeError::TooDeep(2))
        ));
        assert!(check_object_and_depth(r#"{"a":[[1]]}"#, 3).is_ok());
        assert!(matches!(
            check_object_and_depth(" [1]", 3),
            Err(ShapeError::NotObject)
        ));
        assert!(matches!(
            check_object_and_depth("", 3),
            Err(ShapeError::NotObject)
        ));
        assert!(matches!(
            check_object_and_depth("\"{\"", 3),
            Err(ShapeError::NotObject)
        ));
    }

    #[test]
    fn member_set_switches_to_hashing() {
        let mut set = MemberSet::default();
        let names: Vec<String> = (0..40).map(|i| format!("m{i}")).collect();
        for n in &names {
            assert!(set.insert(&Cow::Borrowed(n.as_str())));
        }
        for n in &names {
            assert!(!set.insert(&Cow::Borrowed(n.as_str())));
        }
    }

    /// Every string over two letters up to ten bytes, sixteen at a time (all inline): each
    /// is new once and a duplicate after, so the filter never confuses two names.
    #[test]
    fn member_set_is_exact_on_short_names() {
        let names: Vec<String> = (0..=10u32)
            .flat_map(|len| {
                (0..1u32 << len).map(move |bits| {
                    (0..len)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        for group in names.chunks(16) {
            let mut set = MemberSet::default();
            for n in group {
                assert!(set.insert(&Cow::Borrowed(n.as_str())), "{n:?}");
            }
            for n in group {
                assert!(!set.insert(&Cow::Borrowed(n.as_str())), "{n:?}");
            }
        }
    }

    #[test]
    fn member_set_tells_apart_names_that_share_a_filter_bit() {
        let mut set = MemberSet::default();
        for n in [
            "abcdefgX",
            "abcdefgY",
            "a",
            "a\0",
            "\0",
            "",
            "abcdefg",
            "abcdefgXZ",
        ] {
            assert!(set.insert(&Cow::Borrowed(n)), "{n:?}");
        }
        for n in ["abcdefgX", "abcdefgY", "a", "a\0", "\0", "", "abcdefg"] {
            assert!(!set.insert(&Cow::Owned(n.to_owned())), "{n:?}");
        }
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "\\PC{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 32, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::btree_map("\\PC{0,6}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// The signer's writer writes what serde_json writes, and finds in it what the
        /// verifier's parse finds.
        #[test]
        fn the_writer_agrees_with_serde_json_and_the_parse(members in proptest::collection::vec((
            proptest::prop_oneof![
                proptest::strategy::Just("exp".to_owned()), proptest::strategy::Just("nbf".to_owned()),
                proptest::strategy::Just("aud".to_owned()), proptest::strategy::Just("iss".to_owned()),
                proptest::strategy::Just("jti".to_owned()), "\\PC{0,6}",
            ],
            json_value(),
        ), 0..8)) {
            let map: serde_json::Map<String, serde_json::Value> = members.into_iter().collect();
            let text = serde_json::to_string(&map).unwrap();
            let mut written = crate::ser::Written::new();
            crate::ser::write_claims(&map, 32, &mut written).expect("writes");
            proptest::prop_assert_eq!(written.json(), text.as_bytes());
            let ours = written.found();
            let parsed = crate::members::parse_claims::<de::IgnoredAny>(&text, 32).map(|(_, f)| f);
            match (ours, parsed) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(format!("{a:?}"), format!("{b:?}")),
                (Err(a), Err(b)) => proptest::prop_assert_eq!(a.kind(), b.kind()),
                (a, b) => proptest::prop_assert!(false, "{}: writer {:?}, parse {:?}", text, a, b),
            }
        }
    }

    #[test]
    fn strict_value_refuses_nested_duplicates() {
        assert!(serde_json::from_str::<StrictValue>(r#"{"a":{"b":1,"b":2}}"#).is_err());
        assert!(serde_json::from_str::<StrictValue>(r#"[{"b":1,"\u0062":2}]"#).is_err());
        let StrictValue(v) = serde_json::from_str(r#"{"a":[1,2.5,"x",null,true]}"#).unwrap();
        assert_eq!(v["a"][1], 2.5);
    }
}
