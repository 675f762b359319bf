//! Compact JSON from any `Serialize`, into a [`JsonBuf`], in one pass: the bytes
//! `serde_json::to_string` writes (held to it by tests), with nesting bounded. What it notes
//! of the top-level members (their names, where each value lies) goes to a [`Sink`]; the
//! signer's sink (`claims::capture`) checks names and records registered claims there.

use std::fmt;

use serde::ser::{self, Serialize};
use serde_json::ser::Formatter as _;

use crate::json::buf::JsonBuf;
use crate::json::depth::nesting;
use crate::json::raw::raw_text_structs;
use crate::json::scan::{lone_surrogate, plain_end, ESCAPE};

/// Whether `name` is a struct name under which `serde_json` passes raw JSON text
/// (`RawValue`, and `Number` when its `arbitrary_precision` feature is on): its one field,
/// of the same name, is written as it is.
fn is_raw_text(name: &str) -> bool {
    raw_text_structs().contains(&Some(name))
}

/// A top-level member's name: a struct field's own, or where a map key lies in the buffer
/// (with its quotes and escapes), or what the sink knew of a name it wrote itself.
#[derive(Clone, Copy)]
pub(crate) enum Key<K> {
    /// No name (yet).
    None,
    /// A struct field's name.
    Static(&'static str),
    /// A map key, written from this byte to that one.
    Written(usize, usize),
    /// A name the sink recognised and wrote ([`Sink::field`]), with what it knows of it.
    Known(K),
}

/// A top-level value as the writer wrote it, so that the sink needs no parse of the simple
/// ones.
#[derive(Clone, Copy, Default)]
pub(crate) enum Scalar {
    /// Anything else: read from its text.
    #[default]
    Other,
    /// An integer.
    Int(i64),
    /// A string without escapes.
    Plain,
}

/// Why serialization stopped.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// Nesting beyond the limit.
    TooDeep,
    /// The `Serialize` impl's own error.
    Custom(String),
    /// `serde_json`'s error, for what it writes on the writer's behalf (unusual map keys).
    Json(serde_json::Error),
    /// A map key that is not a string (tried again through `serde_json`).
    NotAString,
    /// Raw JSON text with a `\u` escape that is not Unicode (a lone surrogate), which the
    /// verifier refuses (I-JSON, RFC 7493 section 2.1).
    LoneSurrogate,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::TooDeep => f.write_str("JSON nested too deep"),
            WriteError::Custom(m) => f.write_str(m),
            WriteError::Json(e) => fmt::Display::fmt(e, f),
            WriteError::NotAString => f.write_str("key must be a string"),
            WriteError::LoneSurrogate => f.write_str(
                "a raw JSON value has a lone surrogate escape (not Unicode; RFC 7493 2.1)",
            ),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WriteError::Custom(msg.to_string())
    }
}

/// Where the writer writes, and what it tells of the top-level members.
pub(crate) trait Sink {
    /// What the sink knows of a name it recognised.
    type Known: Copy;

    /// The buffer the JSON goes into.
    fn buf(&mut self) -> &mut JsonBuf;

    /// A top-level struct field named `name` comes next: when the sink recognises the name,
    /// it writes it (`"name"`) into the buffer itself and returns what it knows of it;
    /// `None` and the writer writes the name.
    fn field(&mut self, name: &'static str) -> Option<Self::Known>;

    /// A top-level map key comes next (names the sink cannot recognise from here on).
    fn map_key(&mut self);

    /// A top-level member was written: its name, where its value lies (`value.0..value.1`)
    /// and what the value was.
    fn member(&mut self, key: Key<Self::Known>, value: (usize, usize), scalar: Scalar);
}

/// The serializer: writes into its sink's buffer, counting the nesting.
pub(crate) struct Writer<'o, S: Sink> {
    pub(crate) out: &'o mut S,
    /// What the last value written at the top level's depth was.
    scalar: Scalar,
    depth: usize,
    pub(crate) max_depth: usize,
}

impl<'o, S: Sink> Writer<'o, S> {
    /// A writer at the top (nothing open yet) into `out`.
    #[inline(always)]
    pub(crate) fn new(out: &'o mut S, max_depth: usize) -> Self {
        Writer {
            out,
            scalar: Scalar::Other,
            depth: 0,
            max_depth,
        }
    }

    /// Writes the value of a top-level member and notes the member (`key`), where its value
    /// lies and what the value was.
    #[inline]
    pub(crate) fn member_value<T: Serialize + ?Sized>(
        &mut self,
        key: Key<S::Known>,
        value: &T,
    ) -> Result<(), WriteError> {
        let start = self.out.buf().len();
        self.scalar = Scalar::Other;
        value.serialize(&mut *self)?;
        let end = self.out.buf().len();
        self.out.member(key, (start, end), self.scalar);
        Ok(())
    }

    #[inline]
    pub(crate) fn open(&mut self, bracket: u8) -> Result<(), WriteError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(WriteError::TooDeep);
        }
        self.out.buf().byte(bracket);
        Ok(())
    }

    #[inline]
    pub(crate) fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        self.out.buf().byte(bracket);
    }

    #[inline]
    pub(crate) fn string(&mut self, s: &str) {
        if self.out.buf().plain_string(s.as_bytes()) {
            if self.depth == 1 {
                self.scalar = Scalar::Plain;
            }
            return;
        }
        let buf = self.out.buf();
        buf.byte(b'"');
        let bytes = s.as_bytes();
        // Plain runs eight bytes at a time, each escape as serde_json writes it.
        let mut start = 0;
        loop {
            let i = plain_end(bytes, start);
            buf.push(&bytes[start..i]);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let escape = ESCAPE[usize::from(b)];
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.push(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
            } else {
                buf.push(&[b'\\', escape]);
            }
            start = i + 1;
        }
        buf.byte(b'"');
    }

    #[inline]
    fn integer<I: itoa::Integer + TryInto<i64>>(&mut self, v: I) {
        self.out
            .buf()
            .push(itoa::Buffer::new().format(v).as_bytes());
        if self.depth == 1 {
            // Beyond i64 is beyond any date, whichever the sign: the check refuses it.
            self.scalar = Scalar::Int(v.try_into().unwrap_or(i64::MAX));
        }
    }

    /// Raw JSON text from `serde_json` (`RawValue`): written as it is, its nesting counted.
    fn raw(&mut self, text: &str) -> Result<(), WriteError> {
        if self.depth + nesting(text.as_bytes()) > self.max_depth {
            return Err(WriteError::TooDeep);
        }
        if lone_surrogate(text.as_bytes()).is_some() {
            return Err(WriteError::LoneSurrogate);
        }
        self.out.buf().push(text.as_bytes());
        Ok(())
    }
}

/// An array or object being written.
pub(crate) struct Compound<'a, 'o, S: Sink> {
    w: &'a mut Writer<'o, S>,
    first: bool,
    /// This is the top-level object: note where its members are.
    top: bool,
    /// The name of the member being written.
    key: Key<S::Known>,
    /// A `RawValue`, not an object.
    raw: bool,
}

impl<'a, 'o, S: Sink> Compound<'a, 'o, S> {
    fn new(w: &'a mut Writer<'o, S>) -> Self {
        let top = w.depth == 1;
        Compound {
            w,
            first: true,
            top,
            key: Key::None,
            raw: false,
        }
    }

    #[inline]
    fn comma(&mut self) {
        if !self.first {
            self.w.out.buf().byte(b',');
        }
        self.first = false;
    }

    #[inline]
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.comma();
        if self.top {
            self.w.out.map_key();
        }
        let start = self.w.out.buf().len();
        match key.serialize(KeyProbe(&mut *self.w)) {
            Ok(()) => {}
            Err(WriteError::NotAString) => {
                // Anything but a string: serde_json decides (numbers and bools become
                // strings, the rest is refused), as the first key of a one-member object.
                let text = serde_json::to_vec(&OneKey(key)).map_err(WriteError::Json)?;
                self.w
                    .out
                    .buf()
                    .push(&text[1..text.len() - b":null}".len()]);
            }
            Err(e) => return Err(e),
        }
        self.key = Key::Written(start, self.w.out.buf().len());
        Ok(())
    }

    #[inline]
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.w.out.buf().byte(b':');
        if self.top {
            self.w.member_value(self.key, value)
        } else {
            value.serialize(&mut *self.w)
        }
    }
}

/// `{key: null}`, to let `serde_json` write a map key that is not a string.
struct OneKey<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for OneKey<'_, T> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, &())?;
        map.end()
    }
}

impl<'w, 'o, S: Sink> ser::Serializer for &'w mut Writer<'o, S> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'w, 'o, S>;
    type SerializeTuple = Compound<'w, 'o, S>;
    type SerializeTupleStruct = Compound<'w, 'o, S>;
    type SerializeTupleVariant = Compound<'w, 'o, S>;
    type SerializeMap = Compound<'w, 'o, S>;
    type SerializeStruct = Compound<'w, 'o, S>;
    type SerializeStructVariant = Compound<'w, 'o, S>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out.buf().push(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), WriteError> {
        self.integer(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), WriteError> {
        if v.is_finite() {
            let mut f = serde_json::ser::CompactFormatter;
            f.write_f32(self.out.buf(), v)
                .map_err(|e| WriteError::Custom(e.to_string()))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
        if v.is_finite() {
            let mut f = serde_json::ser::CompactFormatter;
            f.write_f64(self.out.buf(), v)
                .map_err(|e| WriteError::Custom(e.to_string()))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        self.out.buf().push(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.open(b'{')?;
        self.string(variant);
        self.out.buf().byte(b':');
        value.serialize(&mut *self)?;
        self.close(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'o, S>, WriteError> {
        self.open(b'[')?;
        Ok(Compound::new(self))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'o, S>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o, S>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o, S>, WriteError> {
        self.open(b'{')?;
        self.string(variant);
        self.out.buf().byte(b':');
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'o, S>, WriteError> {
        self.open(b'{')?;
        Ok(Compound::new(self))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o, S>, WriteError> {
        if is_raw_text(name) {
            // Not an object: the one field is raw text, written by `SerializeStruct` below.
            let mut c = Compound::new(self);
            c.raw = true;
            return Ok(c);
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o, S>, WriteError> {
        self.open(b'{')?;
        self.string(variant);
        self.out.buf().byte(b':');
        self.serialize_map(Some(len))
    }
}

impl<S: Sink> ser::SerializeSeq for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), WriteError> {
        self.w.close(b']');
        Ok(())
    }
}

impl<S: Sink> ser::SerializeTuple for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), WriteError> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink> ser::SerializeTupleStruct for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), WriteError> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink> ser::SerializeTupleVariant for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), WriteError> {
        self.w.close(b']');
        self.w.close(b'}');
        Ok(())
    }
}

impl<S: Sink> ser::SerializeMap for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.value(value)
    }
    fn end(self) -> Result<(), WriteError> {
        self.w.close(b'}');
        Ok(())
    }
}

impl<S: Sink> ser::SerializeStruct for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        if self.raw {
            return if is_raw_text(key) {
                value.serialize(RawText(self.w))
            } else {
                Err(WriteError::Custom("unexpected raw value".into()))
            };
        }
        self.comma();
        if self.top {
            if let Some(known) = self.w.out.field(key) {
                self.key = Key::Known(known);
                return self.value(value);
            }
        }
        self.w.string(key);
        self.key = Key::Static(key);
        self.value(value)
    }
    fn end(self) -> Result<(), WriteError> {
        if !self.raw {
            self.w.close(b'}');
        }
        Ok(())
    }
}

impl<S: Sink> ser::SerializeStructVariant for Compound<'_, '_, S> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), WriteError> {
        self.w.close(b'}');
        self.w.close(b'}');
        Ok(())
    }
}

/// Writes a map key when it is a string; anything else is [`WriteError::NotAString`].
struct KeyProbe<'a, 'o, S: Sink>(&'a mut Writer<'o, S>);

/// Writes the raw text of a `RawValue`.
struct RawText<'a, 'o, S: Sink>(&'a mut Writer<'o, S>);

macro_rules! refuse {
    ($err:expr; $($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), WriteError> {
            Err($err)
        })*
    };
}

macro_rules! only_strings {
    ($ty:ident, $err:expr, |$w:ident, $s:ident| $write:expr) => {
        impl<S: Sink> ser::Serializer for $ty<'_, '_, S> {
            type Ok = ();
            type Error = WriteError;
            type SerializeSeq = ser::Impossible<(), WriteError>;
            type SerializeTuple = ser::Impossible<(), WriteError>;
            type SerializeTupleStruct = ser::Impossible<(), WriteError>;
            type SerializeTupleVariant = ser::Impossible<(), WriteError>;
            type SerializeMap = ser::Impossible<(), WriteError>;
            type SerializeStruct = ser::Impossible<(), WriteError>;
            type SerializeStructVariant = ser::Impossible<(), WriteError>;

            fn serialize_str(self, $s: &str) -> Result<(), WriteError> {
                let $w = self.0;
                $write
            }
            refuse! { $err;
                serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
                serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
                serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
                serialize_f64(f64); serialize_char(char); serialize_bytes(&[u8]);
                serialize_unit(); serialize_none(); serialize_unit_struct(&'static str);
                serialize_unit_variant(&'static str, u32, &'static str);
            }
            fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), WriteError> {
                Err($err)
            }
            fn serialize_newtype_struct<T: Serialize + ?Sized>(
                self,
                _name: &'static str,
                value: &T,
            ) -> Result<(), WriteError> {
                value.serialize(self)
            }
            fn serialize_newtype_variant<T: Serialize + ?Sized>(
                self,
                _: &'static str,
                _: u32,
                _: &'static str,
                _: &T,
            ) -> Result<(), WriteError> {
                Err($err)
            }
            fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
                Err($err)
            }
            fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
                Err($err)
            }
            fn serialize_tuple_struct(
                self,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeTupleStruct, WriteError> {
                Err($err)
            }
            fn serialize_tuple_variant(
                self,
                _: &'static str,
                _: u32,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeTupleVariant, WriteError> {
                Err($err)
            }
            fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
                Err($err)
            }
            fn serialize_struct(
                self,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeStruct, WriteError> {
                Err($err)
            }
            fn serialize_struct_variant(
                self,
                _: &'static str,
                _: u32,
                _: &'static str,
                _: usize,
            ) -> Result<Self::SerializeStructVariant, WriteError> {
                Err($err)
            }
        }
    };
}

only_strings!(KeyProbe, WriteError::NotAString, |w, s| {
    w.string(s);
    Ok(())
});

only_strings!(
    RawText,
    WriteError::Custom("a raw JSON value must be text".into()),
    |w, s| w.raw(s)
);

/// The buffer alone, as a sink that recognises no name and notes nothing: the writer's
/// bytes without the signer's checks.
#[cfg(test)]
impl Sink for JsonBuf {
    type Known = ();
    fn buf(&mut self) -> &mut JsonBuf {
        self
    }
    fn field(&mut self, _name: &'static str) -> Option<()> {
        None
    }
    fn map_key(&mut self) {}
    fn member(&mut self, _key: Key<()>, _value: (usize, usize), _scalar: Scalar) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::buf::INLINE;
    use std::collections::{BTreeMap, HashMap};

    fn write_json<T: Serialize + ?Sized>(
        value: &T,
        max_depth: usize,
    ) -> Result<Vec<u8>, WriteError> {
        let mut buf = JsonBuf::new();
        value.serialize(&mut Writer::new(&mut buf, max_depth))?;
        Ok(buf.as_bytes().to_vec())
    }

    fn same_as_serde_json<T: Serialize>(value: &T) {
        match (write_json(value, 64), serde_json::to_vec(value)) {
            (Ok(a), Ok(b)) => assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b)),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("ours {a:?}, serde_json {b:?}"),
        }
    }

    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, &'static str),
        Struct { a: Option<u8>, b: () },
    }

    #[derive(serde::Serialize)]
    struct Unit;

    #[derive(serde::Serialize)]
    struct Newtype(Vec<u8>);

    #[derive(serde::Serialize)]
    struct Tuple(i8, f32);

    #[derive(serde::Serialize)]
    struct All {
        s: &'static str,
        c: char,
        b: bool,
        n: (i8, i16, i32, i64, i128, u8, u16, u32, u64, u128),
        f: (f32, f64, f64, f64, f64),
        #[serde(with = "serde_bytes_as_bytes")]
        bytes: Vec<u8>,
        unit: Unit,
        newtype: Newtype,
        tuple: Tuple,
        e: [E; 4],
        none: Option<u8>,
        empty: (Vec<u8>, BTreeMap<u8, u8>),
        keys: (BTreeMap<i32, u8>, BTreeMap<bool, u8>, BTreeMap<char, u8>),
        raw: Box<serde_json::value::RawValue>,
        #[serde(flatten)]
        more: BTreeMap<String, u8>,
    }

    mod serde_bytes_as_bytes {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let all = All {
            s: "q\"b\\s/\u{0}\u{1f}\u{7f}\u{8}\t\n\u{c}\r é \u{1F600}",
            c: '"',
            b: true,
            n: (
                i8::MIN,
                -1,
                i32::MAX,
                i64::MIN,
                i128::MIN,
                255,
                0,
                7,
                u64::MAX,
                u128::MAX,
            ),
            f: (1.5, -0.0, f64::NAN, 1e300, 0.1),
            bytes: vec![0, 1, 255],
            unit: Unit,
            newtype: Newtype(vec![]),
            tuple: Tuple(-3, f32::INFINITY),
            e: [
                E::Unit,
                E::New(1),
                E::Tuple(2, "x"),
                E::Struct { a: None, b: () },
            ],
            none: None,
            empty: (vec![], BTreeMap::new()),
            keys: (
                BTreeMap::from([(-1, 1), (2, 2)]),
                BTreeMap::from([(true, 1)]),
                BTreeMap::from([('k', 1)]),
            ),
            raw: serde_json::value::RawValue::from_string("[1, {\"a\" : 2}]".into()).unwrap(),
            more: BTreeMap::from([("m".into(), 1), ("\u{1}".into(), 2)]),
        };
        same_as_serde_json(&all);
        same_as_serde_json(&HashMap::from([("only", 1)]));
        same_as_serde_json(&BTreeMap::from([(vec![1u8], 1)])); // refused by both
        same_as_serde_json(&BTreeMap::from([(f64::NAN.to_bits(), 1)]));
        same_as_serde_json(&Some(E::Unit));
        same_as_serde_json(&"not an object");
    }

    /// The fast path writes exactly the plain strings, at any length and place in the
    /// buffer, and leaves the others to the escaping path.
    #[test]
    fn plain_strings_at_every_length_and_offset() {
        for offset in [0, 1, 7, INLINE - 40, INLINE - 12, INLINE - 3] {
            for len in 0..30usize {
                for special in [None, Some(0), Some(len / 2), Some(len.saturating_sub(1))] {
                    let mut text: String = (0..len)
                        .map(|i| char::from(b'a' + (i % 26) as u8))
                        .collect();
                    if let Some(at) = special.filter(|&at| at < len) {
                        text.replace_range(at..=at, "\"");
                    }
                    let mut out = JsonBuf::new();
                    out.push(&vec![b'x'; offset]);
                    let mut w = Writer::new(&mut out, 8);
                    w.string(&text);
                    let mut expected = vec![b'x'; offset];
                    expected.extend(serde_json::to_vec(&text).unwrap());
                    assert_eq!(out.as_bytes(), expected.as_slice(), "{text:?} at {offset}");
                }
            }
        }
    }
}
