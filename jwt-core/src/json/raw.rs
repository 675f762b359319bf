//! How `serde_json` passes raw JSON text through serde, learned from its public types.
//!
//! `serde_json::value::RawValue` (and `Number`, when its `arbitrary_precision` feature is on)
//! travel through serde as a newtype or struct under a name private to `serde_json`. This
//! crate uses that protocol (to read a `NumericDate` exactly from its text, to hand raw text
//! to a `RawValue` without a second parse, and to write raw text when signing) without naming
//! it: at first use, `RawValue`'s and `Number`'s own `Deserialize`/`Serialize` impls are run
//! against a serializer and a deserializer of this module that note the name they are given.
//! If a `serde_json` release changes the name, this learns the new one; if it stops using
//! one, the answers are `None` and the callers fall back to the plain data model (a
//! `NumericDate` is then read through a float, and the tests of exact fractions fail).

use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{self, Impossible, Serialize, Serializer};
use serde_json::value::RawValue;

/// The newtype name `RawValue`'s `Deserialize` asks a deserializer for: `serde_json`
/// answers such a request with a map of one entry, this name to the raw text.
pub(crate) fn raw_value_request() -> Option<&'static str> {
    static NAME: OnceLock<Option<&'static str>> = OnceLock::new();
    *NAME.get_or_init(|| {
        let mut spy = NameSpy(None);
        let _ = <Box<RawValue>>::deserialize(&mut spy);
        spy.0
    })
}

/// The struct names under which `serde_json` serializes raw text (`RawValue`, and `Number`
/// with `arbitrary_precision`), each with one field of that name holding the text.
pub(crate) fn raw_text_structs() -> [Option<&'static str>; 2] {
    static NAMES: OnceLock<[Option<&'static str>; 2]> = OnceLock::new();
    *NAMES.get_or_init(|| {
        let raw = RawValue::from_string("1".to_owned()).ok();
        let number = serde_json::Number::from_f64(0.5);
        [
            raw.as_deref().and_then(struct_name),
            number.as_ref().and_then(struct_name),
        ]
    })
}

/// The struct name `value` serializes itself under, if it serializes as a struct.
fn struct_name<T: Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    let mut name = None;
    let _ = value.serialize(StructSpy(&mut name));
    name
}

/// The spies' error: they stop every serde call once they noted what they look for.
#[derive(Debug)]
struct Noted;

impl fmt::Display for Noted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("noted")
    }
}

impl std::error::Error for Noted {}

impl de::Error for Noted {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Noted
    }
}

impl ser::Error for Noted {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Noted
    }
}

/// A deserializer that notes the name of a newtype request and answers nothing.
struct NameSpy(Option<&'static str>);

impl<'de> Deserializer<'de> for &mut NameSpy {
    type Error = Noted;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Noted> {
        Err(Noted)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: V,
    ) -> Result<V::Value, Noted> {
        self.0 = Some(name);
        Err(Noted)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// A serializer that notes the name of a struct, when one is serialized, and writes nothing.
struct StructSpy<'a>(&'a mut Option<&'static str>);

macro_rules! nothing {
    ($($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), Noted> {
            Err(Noted)
        })*
    };
}

impl Serializer for StructSpy<'_> {
    type Ok = ();
    type Error = Noted;
    type SerializeSeq = Impossible<(), Noted>;
    type SerializeTuple = Impossible<(), Noted>;
    type SerializeTupleStruct = Impossible<(), Noted>;
    type SerializeTupleVariant = Impossible<(), Noted>;
    type SerializeMap = Impossible<(), Noted>;
    type SerializeStruct = Impossible<(), Noted>;
    type SerializeStructVariant = Impossible<(), Noted>;

    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Noted> {
        *self.0 = Some(name);
        Err(Noted)
    }

    nothing! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
        serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
        serialize_f64(f64); serialize_char(char); serialize_str(&str); serialize_bytes(&[u8]);
        serialize_none(); serialize_unit(); serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Noted> {
        Err(Noted)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Noted> {
        Err(Noted)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Noted> {
        Err(Noted)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Noted> {
        Err(Noted)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Noted> {
        Err(Noted)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Noted> {
        Err(Noted)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Noted> {
        Err(Noted)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Noted> {
        Err(Noted)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Noted> {
        Err(Noted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The protocol is found, and it is the one `serde_json` answers: a `RawValue` read
    /// through serde_json's deserializer keeps the text exactly.
    #[test]
    fn the_names_are_learned_and_serde_json_answers_them() {
        let request = raw_value_request().expect("RawValue asks for its text by a name");
        let [raw, _number] = raw_text_structs();
        assert_eq!(
            raw,
            Some(request),
            "RawValue writes under the name it reads by"
        );
        let text = "1300819380.40000000000000000001";
        let r: Box<RawValue> = serde_json::from_str(text).unwrap();
        assert_eq!(r.get(), text);
    }
}
