//! A `serde_json::Value` that refuses duplicate names at every depth, and parser errors as
//! this crate's.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{truncate, Error, ErrorKind};
use crate::json::names::CowStr;

/// An error of `kind` carrying the parser's message and the parser error as source.
pub(crate) fn json_error(kind: ErrorKind, e: serde_json::Error) -> Error {
    Error::with_detail(kind, e.to_string()).with_source(e)
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
                            truncate(&name, 64)
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

    #[test]
    fn strict_value_refuses_nested_duplicates() {
        assert!(serde_json::from_str::<StrictValue>(r#"{"a":{"b":1,"b":2}}"#).is_err());
        assert!(serde_json::from_str::<StrictValue>(r#"[{"b":1,"\u0062":2}]"#).is_err());
        let StrictValue(v) = serde_json::from_str(r#"{"a":[1,2.5,"x",null,true]}"#).unwrap();
        assert_eq!(v["a"][1], 2.5);
    }
}
