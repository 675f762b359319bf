//! The claims object's top level, read by this crate; each member's value by `serde_json`, or
//! handed over directly when it is a plain string or integer.
//!
//! The claims type's `Deserialize` sees a map. Its names are read here, checked for
//! duplicates (after escapes) and handed out; each value's extent is found here. A registered
//! claim is recorded exactly from its text before the claims type sees it, whatever the type
//! does with it. The structure between values (braces, names, colons, commas, white space)
//! is checked here; every value is either one of the simple forms checked here (a string
//! without escapes or control characters, an integer) or goes through `serde_json` whole,
//! so the document is accepted only if it is JSON.

use std::borrow::Cow;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::claims::claim::{claim_name, duplicate_member, registered, Claim};
use crate::claims::found::{known, Found};
use crate::claims::table::{Members, TableCursor};
use crate::error::{Error, ErrorKind};
use crate::json::known::Known;
use crate::json::names::MemberSet;
use crate::json::scan::{
    container_end, integer_at, is_space, lone_surrogate, plain_array_end, plain_end, string_end,
};
use crate::json::strict::json_error;

/// Parses a claims object into `T` in one pass, returning the registered claims seen.
pub(crate) fn parse_claims<'de, T: Deserialize<'de>>(
    text: &'de str,
    max_depth: usize,
) -> Result<(T, Found<'de>), Error> {
    parse_claims_expecting(text, max_depth, Members::NONE)
}

/// [`parse_claims`] for a claims type whose top-level members are `members`: a name found
/// in that table, in order, needs no duplicate lookup (see [`TableCursor`]).
pub(crate) fn parse_claims_expecting<'de, T: Deserialize<'de>>(
    text: &'de str,
    max_depth: usize,
    members: Members,
) -> Result<(T, Found<'de>), Error> {
    let start = text
        .bytes()
        .position(|b| !is_space(b))
        .filter(|&i| text.as_bytes()[i] == b'{')
        .ok_or_else(|| Error::with_detail(ErrorKind::MalformedClaims, "not a JSON object"))?;
    if max_depth == 0 {
        return Err(Error::with_detail(
            ErrorKind::LimitExceeded,
            "JSON nested deeper than 0 levels",
        ));
    }
    let mut top = Top {
        text,
        pos: start,
        max_depth,
        state: State::Before,
        found: Found::default(),
        members: MemberSet::default(),
        table: TableCursor::new(members),
        claim: None,
        in_value: None,
        error: None,
    };
    let result = T::deserialize(&mut top).and_then(|value| top.end().map(|()| value));
    // An error this reader kept wins, even over a result the claims type made despite it.
    match (result, top.error.take()) {
        (_, Some(err)) => Err(err),
        (Ok(value), None) => Ok((value, top.found)),
        (Err(e), None) => Err(classify(e, top.in_value.as_deref())),
    }
}

/// A `serde_json` error as this crate's: a missing field is a missing claim, a wrong type
/// inside a value is that claim's type error, the rest a malformed document.
fn classify(e: serde_json::Error, in_value: Option<&str>) -> Error {
    let message = e.to_string();
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some(name) = rest.split('`').next() {
            let name = claim_name(name);
            return Error::new(ErrorKind::MissingClaim(name)).with_source(e);
        }
    }
    // A repeated name inside a claim's value is a malformed document, not a wrong type.
    let duplicate =
        message.starts_with("duplicate member") || message.starts_with("duplicate field");
    match (e.classify(), in_value) {
        (serde_json::error::Category::Data, Some(name)) if !duplicate => {
            json_error(ErrorKind::InvalidClaimType(claim_name(name)), e)
        }
        _ => json_error(ErrorKind::MalformedClaims, e),
    }
}

/// Where the reader is in the object.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the opening brace.
    Before,
    /// After the opening brace, before any member.
    First,
    /// After a name and its colon.
    Value,
    /// After a value.
    Next,
    /// After the closing brace.
    Done,
}

/// A value's form, as far as the reader checked it.
enum Shape<'de> {
    /// A string without escapes or control characters: its content.
    Plain(&'de str),
    /// `-?(0|[1-9][0-9]*)`, with its value when [`integer_at`] gives one.
    Integer(Option<i64>),
    /// An array of plain strings.
    PlainArray,
    /// Anything else: `serde_json` reads it.
    Other,
}

struct Top<'de> {
    text: &'de str,
    pos: usize,
    max_depth: usize,
    state: State,
    found: Found<'de>,
    members: MemberSet<'de>,
    /// Where the reading is in the claims type's table of member names.
    table: TableCursor,
    /// The registered claim whose value comes next.
    claim: Option<Claim>,
    /// The member whose value is being read, for errors.
    in_value: Option<Cow<'de, str>>,
    /// The precise error, when this reader refused the document itself.
    error: Option<Error>,
}

impl<'de> Top<'de> {
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn skip_space(&mut self) {
        let bytes = self.bytes();
        while self.pos < bytes.len() && is_space(bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Refuses the document with `message`, kept as the precise error (unless one was kept
    /// already: the first one wins).
    fn fail(&mut self, message: &str) -> serde_json::Error {
        let error = Error::with_detail(
            ErrorKind::MalformedClaims,
            format!("{message} at byte {}", self.pos),
        );
        self.refuse(error)
    }

    /// Keeps `error` as the precise one unless one was kept already (the first one wins),
    /// and gives the claims type a parser error to stop on.
    fn refuse(&mut self, error: Error) -> serde_json::Error {
        let message = error.to_string();
        self.error.get_or_insert(error);
        de::Error::custom(message)
    }

    /// Keeps a value's error as this crate's (the first one wins): the document is refused
    /// even if the claims type goes on past the error.
    fn keep(&mut self, e: serde_json::Error) -> serde_json::Error {
        if self.error.is_some() {
            return e;
        }
        let error = classify(e, self.in_value.as_deref());
        self.refuse(error)
    }

    /// After the claims type is done: the object closed, only white space after it.
    fn end(&mut self) -> Result<(), serde_json::Error> {
        if self.state != State::Done {
            return Err(self.fail("the claims type stopped before the end of the object"));
        }
        self.skip_space();
        if self.pos != self.text.len() {
            return Err(self.fail("trailing characters after the claims object"));
        }
        Ok(())
    }

    /// A member name, after its opening quote: borrowed when it has no escapes.
    fn name(&mut self) -> Result<Cow<'de, str>, serde_json::Error> {
        let bytes = self.bytes();
        let start = self.pos;
        let i = plain_end(bytes, start);
        match bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                Ok(Cow::Borrowed(&self.text[start..i]))
            }
            Some(b'\\') => self.escaped_name(start - 1),
            _ => {
                self.pos = i;
                Err(self.fail("a member name is not a valid string"))
            }
        }
    }

    /// A member name with escapes, from its opening quote, unescaped by `serde_json`.
    #[cold]
    fn escaped_name(&mut self, quote: usize) -> Result<Cow<'de, str>, serde_json::Error> {
        self.pos = quote;
        let end = string_end(self.bytes(), quote);
        match serde_json::from_str::<String>(&self.text[quote..end]) {
            Ok(name) => {
                self.pos = end;
                Ok(Cow::Owned(name))
            }
            Err(_) => Err(self.fail("a member name is not a valid string")),
        }
    }

    /// The value at the reader, its extent and form; the reader moves past it. A container
    /// nested deeper than the limit is refused here, before any parser recurses into it.
    fn value(&mut self) -> Result<(&'de str, Shape<'de>), serde_json::Error> {
        let bytes = self.bytes();
        let start = self.pos;
        let (end, shape) = match bytes.get(start) {
            Some(b'"') => {
                let i = plain_end(bytes, start + 1);
                if bytes.get(i) == Some(&b'"') {
                    (i + 1, Shape::Plain(&self.text[start + 1..i]))
                } else {
                    (string_end(bytes, start), Shape::Other)
                }
            }
            Some(b'[' | b'{') => {
                let plain = match bytes[start] {
                    b'[' => plain_array_end(bytes, start),
                    _ => None,
                };
                let (end, shape, depth) = match plain {
                    Some(end) => (end, Shape::PlainArray, 1),
                    None => {
                        let (end, depth) = container_end(bytes, start);
                        (end, Shape::Other, depth)
                    }
                };
                // The claims object is the first level.
                if depth >= self.max_depth {
                    return Err(self.too_deep());
                }
                (end, shape)
            }
            _ => match integer_at(bytes, start) {
                Some((end, value)) => (end, Shape::Integer(value)),
                None => {
                    let mut i = start;
                    while i < bytes.len()
                        && !matches!(bytes[i], b',' | b'}' | b']')
                        && !is_space(bytes[i])
                    {
                        i += 1;
                    }
                    (i, Shape::Other)
                }
            },
        };
        // A value a type may skip or keep raw, which `serde_json` does not check for this.
        if matches!(shape, Shape::Other) {
            if let Some(at) = lone_surrogate(&bytes[start..end]) {
                self.pos = start + at;
                return Err(self.fail("a lone surrogate escape (not Unicode; RFC 7493 2.1)"));
            }
        }
        self.pos = end;
        Ok((&self.text[start..end], shape))
    }

    fn too_deep(&mut self) -> serde_json::Error {
        let message = format!("JSON nested deeper than {} levels", self.max_depth);
        self.refuse(Error::with_detail(ErrorKind::LimitExceeded, message))
    }
}

impl<'de> Deserializer<'de> for &mut Top<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if self.state != State::Before {
            return Err(self.fail("the claims object was read twice"));
        }
        // `parse_claims` found the brace.
        self.pos += 1;
        self.state = State::First;
        visitor.visit_map(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Top<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.skip_space();
        match (self.state, self.peek()) {
            (State::First | State::Next, Some(b'}')) => {
                self.pos += 1;
                self.state = State::Done;
                return Ok(None);
            }
            (State::First, Some(b'"')) => {}
            (State::Next, Some(b',')) => {
                self.pos += 1;
                self.skip_space();
                if self.peek() != Some(b'"') {
                    return Err(self.fail("expected a member name"));
                }
            }
            (State::First | State::Next, _) => {
                return Err(self.fail("expected a member name or `}`"))
            }
            (State::Value | State::Before | State::Done, _) => {
                return Err(self.fail("a member name was asked for out of turn"))
            }
        }
        self.pos += 1;
        let name = self.name()?;
        self.skip_space();
        if self.peek() != Some(b':') {
            return Err(self.fail("expected `:` after a member name"));
        }
        self.pos += 1;
        self.claim = match self.table.take(&name, false) {
            // A table name: distinct from the others taken from it, its claim known.
            Some(member) => member.claim(),
            None => {
                self.table.leave_into(&mut self.members);
                if !self.members.insert(&name) {
                    return Err(self.refuse(duplicate_member(&name)));
                }
                registered(&name)
            }
        };
        self.state = State::Value;
        let key = match &name {
            Cow::Borrowed(s) => seed.deserialize(BorrowedStrDeserializer::new(s)),
            Cow::Owned(s) => seed.deserialize(StringDeserializer::new(s.clone())),
        };
        match key {
            Ok(key) => {
                self.in_value = Some(name);
                Ok(Some(key))
            }
            Err(e) => Err(self.keep(e)),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        if self.state != State::Value {
            return Err(self.fail("a value was asked for out of turn"));
        }
        self.skip_space();
        let (raw, shape) = self.value()?;
        self.state = State::Next;
        let value = match self.claim.take() {
            Some(claim) => self.registered_value(claim, raw, shape, seed),
            None => match shape {
                Shape::Plain(s) => seed.deserialize(Known::plain(raw, s)),
                Shape::Integer(Some(v)) => seed.deserialize(Known::int(raw, v)),
                Shape::Integer(None) => through_serde_json(raw, seed),
                Shape::PlainArray => seed.deserialize(Known::plain_array(raw)),
                Shape::Other => through_serde_json(raw, seed),
            },
        };
        match value {
            Ok(value) => {
                self.in_value = None;
                Ok(value)
            }
            Err(e) => Err(self.keep(e)),
        }
    }
}

impl<'de> Top<'de> {
    /// A registered claim's value: recorded exactly from its text, then handed to the type.
    fn registered_value<V: DeserializeSeed<'de>>(
        &mut self,
        claim: Claim,
        raw: &'de str,
        shape: Shape<'de>,
        seed: V,
    ) -> Result<V::Value, serde_json::Error> {
        let recorded = match shape {
            Shape::Plain(s) => {
                if self.found.record_str(claim, s) {
                    return seed.deserialize(Known::plain(raw, s));
                }
                Ok(false)
            }
            Shape::Integer(Some(v)) => match self.found.record_int(claim, v) {
                Ok(true) => return seed.deserialize(Known::int(raw, v)),
                other => other,
            },
            Shape::Integer(None) => Ok(false),
            Shape::PlainArray => {
                if self.found.record_plain_array(claim, raw) {
                    return seed.deserialize(Known::plain_array(raw));
                }
                Ok(false)
            }
            Shape::Other => {
                // Checked as JSON first: bad JSON is a malformed document, not a wrong type.
                if let Err(e) = serde_json::from_str::<IgnoredAny>(raw) {
                    self.in_value = None;
                    return Err(self.keep(e));
                }
                Ok(false)
            }
        };
        let recorded = match recorded {
            Ok(true) => Ok(()),
            Ok(false) => self.found.record(claim, raw),
            Err(e) => Err(e),
        };
        if let Err(e) = recorded {
            return Err(self.refuse(e));
        }
        match known(claim, raw, &self.found) {
            Some(known) => seed.deserialize(known),
            None => through_serde_json(raw, seed),
        }
    }
}

/// Hands `raw`, one JSON value, to `seed` through `serde_json`, which checks all of it.
fn through_serde_json<'de, V: DeserializeSeed<'de>>(
    raw: &'de str,
    seed: V,
) -> Result<V::Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(raw);
    let value = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn parse(text: &str) -> Result<Value, Error> {
        parse_claims::<Value>(text, 16).map(|(v, _)| v)
    }

    fn kind(text: &str) -> ErrorKind {
        parse(text).unwrap_err().kind().clone()
    }

    #[test]
    fn the_structure_is_checked() {
        for text in [
            r#"{"a":1,}"#,
            r#"{"a":1 "b":2}"#,
            r#"{"a" 1}"#,
            r#"{a:1}"#,
            r#"{"a":}"#,
            r#"{"a":1}}"#,
            r#"{"a":1} x"#,
            r#"{"a":1"#,
            r#"{"a":[1,]}"#,
            r#"{"a":"x"#,
            "{\"a\u{1}\":1}",
            "{\"a\":\"\u{1f}\"}",
            r#"{"a":01}"#,
            r#"{"a":tru}"#,
            r#"{"a":["x",]}"#,
            r#"{"a":["x""y"]}"#,
            r#"{"a":{"b":1]}"#,
            r#"{"a":{]}"#,
            r#"{"a":{"x"]}"#,
            r#"{"a":[}"#,
        ] {
            assert_eq!(kind(text), ErrorKind::MalformedClaims, "{text}");
        }
        for text in ["", "  ", "[1]", "\"{\"", "null"] {
            assert_eq!(kind(text), ErrorKind::MalformedClaims, "{text}");
        }
        assert_eq!(
            parse(" \t{ \"a\" :\n[ \"x\" , \"y\" ] , \"b\":-0 } \r\n").unwrap(),
            serde_json::json!({"a": ["x", "y"], "b": -0.0})
        );
    }

    #[test]
    fn duplicates_and_depth_are_refused() {
        assert_eq!(kind(r#"{"a":1,"a":2}"#), ErrorKind::MalformedClaims);
        assert_eq!(kind(r#"{"a":1,"\u0061":2}"#), ErrorKind::MalformedClaims);
        let deep = |n: usize| format!(r#"{{"a":{}1{}}}"#, "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(15)).is_ok());
        assert_eq!(kind(&deep(16)), ErrorKind::LimitExceeded);
        // Brackets inside strings do not count.
        assert!(parse(&format!(r#"{{"a":["{}"]}}"#, "[".repeat(40))).is_ok());
        assert_eq!(
            parse_claims::<Value>("{}", 0).unwrap_err().kind(),
            &ErrorKind::LimitExceeded
        );
        assert_eq!(
            parse_claims::<Value>(r#"{"a":[]}"#, 1).unwrap_err().kind(),
            &ErrorKind::LimitExceeded
        );
        assert!(parse_claims::<Value>(r#"{"a":1}"#, 1).is_ok());
    }

    /// Reads every member as a `u64` and ignores the errors.
    struct Careless;

    impl<'de> Deserialize<'de> for Careless {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Careless;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Careless, A::Error> {
                    while map.next_key::<IgnoredAny>()?.is_some() {
                        let _ = map.next_value::<u64>();
                    }
                    Ok(Careless)
                }
            }
            d.deserialize_map(V)
        }
    }

    #[test]
    fn an_error_the_claims_type_ignores_still_refuses_the_document() {
        let kind = |text: &str| parse_claims::<Careless>(text, 16).map(|_| ()).unwrap_err();
        assert!(parse_claims::<Careless>(r#"{"a":1,"exp":2}"#, 16).is_ok());
        assert_eq!(
            kind(r#"{"a":1x,"b":1}"#).kind(),
            &ErrorKind::MalformedClaims
        );
        // The type's error comes first here; the text after it is still not accepted.
        assert_eq!(
            kind(r#"{"a":[1,x],"b":1}"#).kind(),
            &ErrorKind::InvalidClaimType("a".into())
        );
        assert_eq!(
            kind(r#"{"a":"x","b":1}"#).kind(),
            &ErrorKind::InvalidClaimType("a".into())
        );
        assert_eq!(
            kind(r#"{"exp":01,"b":1}"#).kind(),
            &ErrorKind::MalformedClaims
        );
        assert_eq!(
            kind(r#"{"exp":"1","b":1}"#).kind(),
            &ErrorKind::InvalidClaimType("exp".into())
        );
        // The first error is the one reported.
        assert_eq!(
            kind(r#"{"exp":"1","iat":01}"#).kind(),
            &ErrorKind::InvalidClaimType("exp".into())
        );
    }
}
