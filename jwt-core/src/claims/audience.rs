//! `aud` (RFC 7519 section 4.1.3): one string or a non-empty array of strings.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

/// The audience of a token: a single string, or a non-empty array of strings.
///
/// The form is kept, so a token's `aud` serializes back as it came. Matching is exact and
/// case-sensitive.
///
/// ```
/// use jwt_core::Audience;
/// let aud: Audience = serde_json::from_str(r#"["api", "web"]"#).unwrap();
/// assert!(aud.contains("web"));
/// assert!(!aud.contains("WEB"));
/// assert!(serde_json::from_str::<Audience>("[]").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Audience {
    /// `"aud": "value"`.
    One(String),
    /// `"aud": ["a", "b"]`; never empty when parsed.
    Many(Vec<String>),
}

impl Audience {
    /// Whether `value` is one of the audiences, compared exactly.
    #[must_use]
    pub fn contains(&self, value: &str) -> bool {
        self.iter().any(|a| a == value)
    }

    /// The audience values, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let slice = match self {
            Audience::One(one) => std::slice::from_ref(one),
            Audience::Many(many) => many.as_slice(),
        };
        slice.iter().map(String::as_str)
    }
}

impl From<&str> for Audience {
    fn from(value: &str) -> Self {
        Audience::One(value.to_owned())
    }
}

impl From<String> for Audience {
    fn from(value: String) -> Self {
        Audience::One(value)
    }
}

impl Serialize for Audience {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Audience::One(one) => serializer.serialize_str(one),
            Audience::Many(many) => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Audience;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a non-empty array of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Audience, E> {
                Ok(Audience::One(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Audience, E> {
                Ok(Audience::One(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Audience, A::Error> {
                let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
                while let Some(v) = seq.next_element::<String>()? {
                    values.push(v);
                }
                if values.is_empty() {
                    return Err(de::Error::invalid_length(0, &self));
                }
                Ok(Audience::Many(values))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_round_trip() {
        for s in [r#""a""#, r#"["a"]"#, r#"["a","b"]"#] {
            let aud: Audience = serde_json::from_str(s).unwrap();
            assert_eq!(serde_json::to_string(&aud).unwrap(), s);
        }
    }

    #[test]
    fn wrong_types_are_refused() {
        for s in [
            "[]",
            "null",
            "1",
            "{}",
            r#"["a",1]"#,
            r#"["a",null]"#,
            r#"[["a"]]"#,
            "true",
        ] {
            assert!(serde_json::from_str::<Audience>(s).is_err(), "{s}");
        }
    }
}
