//! [`Found`]: the registered claims a token carries, read exactly from its text, and the
//! audience in the forms it comes in.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use crate::claims::claim::Claim;
use crate::claims::numeric_date::NumericDate;
use crate::error::{Error, ErrorKind};
use crate::json::known::Known;
use crate::json::names::CowStr;
use crate::json::scan::{integer_at, plain_array_end, PlainStrings};

/// The registered claims a token carries, read exactly from its JSON text.
#[derive(Debug, Default)]
pub(crate) struct Found<'a> {
    pub(crate) iss: Option<Cow<'a, str>>,
    pub(crate) sub: Option<Cow<'a, str>>,
    pub(crate) aud: Option<Auds<'a>>,
    pub(crate) exp: Option<NumericDate>,
    pub(crate) nbf: Option<NumericDate>,
    pub(crate) iat: Option<NumericDate>,
    pub(crate) jti: Option<Cow<'a, str>>,
}

impl<'a> Found<'a> {
    pub(crate) fn present(&self) -> u8 {
        let mut bits = 0;
        for (present, claim) in [
            (self.iss.is_some(), Claim::Iss),
            (self.sub.is_some(), Claim::Sub),
            (self.aud.is_some(), Claim::Aud),
            (self.exp.is_some(), Claim::Exp),
            (self.nbf.is_some(), Claim::Nbf),
            (self.iat.is_some(), Claim::Iat),
            (self.jti.is_some(), Claim::Jti),
        ] {
            if present {
                bits |= claim.bit();
            }
        }
        bits
    }

    /// Records registered claim `claim` from a value known to be the JSON string `text`
    /// (without escapes), as [`Found::record`] would from its text; `false` if the claim
    /// does not take a string, which [`Found::record`] must then refuse.
    pub(crate) fn record_str(&mut self, claim: Claim, text: &'a str) -> bool {
        self.record_string(claim, Cow::Borrowed(text))
    }

    /// Records registered claim `claim` from `text`, known to be a JSON array of strings
    /// without escapes, as [`Found::record`] would; `false` if the claim does not take it
    /// (not `aud`, or the array is empty), which [`Found::record`] must then refuse.
    pub(crate) fn record_plain_array(&mut self, claim: Claim, text: &'a str) -> bool {
        if claim != Claim::Aud || !text.contains('"') {
            return false;
        }
        self.aud = Some(Auds::Plain(text));
        true
    }

    /// Records a non-empty `aud` array taken from a claims field.
    pub(crate) fn record_aud_strings(&mut self, values: &'a [String]) {
        self.aud = Some(Auds::Strings(values));
    }

    /// [`Found::record_str`] for a string already unescaped.
    pub(crate) fn record_string(&mut self, claim: Claim, text: Cow<'a, str>) -> bool {
        let slot = match claim {
            Claim::Iss => &mut self.iss,
            Claim::Sub => &mut self.sub,
            Claim::Jti => &mut self.jti,
            Claim::Aud => {
                self.aud = Some(Auds::One(text));
                return true;
            }
            Claim::Exp | Claim::Nbf | Claim::Iat => return false,
        };
        *slot = Some(text);
        true
    }

    /// Records registered claim `claim` from a value known to be the JSON integer `value`,
    /// as [`Found::record`] would from its text; `Ok(false)` if the claim is not a date,
    /// which [`Found::record`] must then refuse.
    pub(crate) fn record_int(&mut self, claim: Claim, value: i64) -> Result<bool, Error> {
        let slot = match claim {
            Claim::Exp => &mut self.exp,
            Claim::Nbf => &mut self.nbf,
            Claim::Iat => &mut self.iat,
            Claim::Iss | Claim::Sub | Claim::Aud | Claim::Jti => return Ok(false),
        };
        let date = NumericDate::from_secs(value).map_err(|_| {
            Error::with_detail(
                ErrorKind::InvalidClaimType(claim.name().into()),
                "expected a number of seconds within +/-(2^53 - 1)",
            )
        })?;
        *slot = Some(date);
        Ok(true)
    }

    /// Parses the raw JSON of registered claim `claim` into its typed slot.
    pub(crate) fn record(&mut self, claim: Claim, raw: &'a str) -> Result<(), Error> {
        let invalid = |what: &str| {
            Error::with_detail(
                ErrorKind::InvalidClaimType(claim.name().into()),
                format!("expected {what}"),
            )
        };
        let string = || {
            // `raw` is valid JSON text: a string without escapes is what lies between its quotes.
            if raw.len() >= 2 && raw.starts_with('"') && !raw.contains('\\') {
                return Ok(Cow::Borrowed(&raw[1..raw.len() - 1]));
            }
            serde_json::from_str::<CowStr<'a>>(raw)
                .map(|s| s.0)
                .map_err(|_| invalid("a string"))
        };
        let date = || {
            NumericDate::parse_json_number(raw)
                .map_err(|_| invalid("a number of seconds within +/-(2^53 - 1)"))
        };
        match claim {
            Claim::Iss => self.iss = Some(string()?),
            Claim::Sub => self.sub = Some(string()?),
            Claim::Jti => self.jti = Some(string()?),
            Claim::Exp => self.exp = Some(date()?),
            Claim::Nbf => self.nbf = Some(date()?),
            Claim::Iat => self.iat = Some(date()?),
            Claim::Aud => {
                let values = if is_plain_array(raw) {
                    Auds::Plain(raw)
                } else {
                    Auds::Many(
                        serde_json::from_str::<AudRef<'a>>(raw)
                            .map_err(|_| invalid("a string or a non-empty array of strings"))?
                            .0,
                    )
                };
                self.aud = Some(values);
            }
        }
        Ok(())
    }
}

/// The value of `claim` as `found` recorded it from `text`, handed over without a second
/// parse when it is one of the simple forms (`found` borrows strings only when they have no
/// escapes).
pub(crate) fn known<'de>(claim: Claim, text: &'de str, found: &Found<'de>) -> Option<Known<'de>> {
    let borrowed = |s: &Option<Cow<'de, str>>| match s {
        Some(Cow::Borrowed(s)) => Some(Known::plain(text, s)),
        _ => None,
    };
    match claim {
        Claim::Iss => borrowed(&found.iss),
        Claim::Sub => borrowed(&found.sub),
        Claim::Jti => borrowed(&found.jti),
        Claim::Exp | Claim::Nbf | Claim::Iat => {
            let date = match claim {
                Claim::Exp => found.exp,
                Claim::Nbf => found.nbf,
                _ => found.iat,
            }?;
            // As the claims reader reads integers: whole text, serde_json's forms only.
            let v = match integer_at(text.as_bytes(), 0) {
                Some((end, Some(v))) if end == text.len() => v,
                _ => return None,
            };
            debug_assert_eq!(v, date.secs());
            Some(Known::int(text, v))
        }
        Claim::Aud => match found.aud.as_ref()? {
            Auds::One(Cow::Borrowed(one)) if text.starts_with('"') => Some(Known::plain(text, one)),
            Auds::Many(all) if text.starts_with('"') => match all.as_slice() {
                [Cow::Borrowed(one)] => Some(Known::plain(text, one)),
                _ => None,
            },
            // An array with escapes is `Many`, and goes through `serde_json`.
            Auds::Plain(raw) if text.starts_with('[') => Some(Known::plain_array_of(text, raw)),
            _ => None,
        },
    }
}

/// A token's audience as recorded, without allocating for the common forms.
#[derive(Debug)]
pub(crate) enum Auds<'a> {
    /// A single string.
    One(Cow<'a, str>),
    /// A non-empty array of strings without escapes: its JSON text, read as needed.
    Plain(&'a str),
    /// Any other audience (a string or an array with escapes), parsed.
    Many(Vec<Cow<'a, str>>),
    /// A non-empty array, taken from a claims field by the signer.
    Strings(&'a [String]),
}

impl Auds<'_> {
    /// The audience's strings, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, plain, many, strings) = match self {
            Auds::One(s) => (Some(&**s), None, None, None),
            Auds::Plain(raw) => (None, Some(PlainStrings(raw)), None, None),
            Auds::Many(all) => (None, None, Some(all.iter().map(|s| &**s)), None),
            Auds::Strings(all) => (None, None, None, Some(all.iter().map(String::as_str))),
        };
        one.into_iter()
            .chain(plain.into_iter().flatten().map(|q| &q[1..q.len() - 1]))
            .chain(many.into_iter().flatten())
            .chain(strings.into_iter().flatten())
    }
}

/// Whether `raw` is a non-empty array of strings without escapes (the common audience), as
/// the claims reader's scan finds it; anything else goes through `serde_json`.
fn is_plain_array(raw: &str) -> bool {
    raw.starts_with('[')
        && plain_array_end(raw.as_bytes(), 0) == Some(raw.len())
        && raw.contains('"')
}

struct AudRef<'a>(Vec<Cow<'a, str>>);

impl<'de> Deserialize<'de> for AudRef<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AudRef<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a non-empty array of strings")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(AudRef(vec![Cow::Borrowed(v)]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(AudRef(vec![Cow::Owned(v.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                while let Some(CowStr(v)) = seq.next_element()? {
                    values.push(v);
                }
                if values.is_empty() {
                    return Err(de::Error::invalid_length(0, &self));
                }
                Ok(AudRef(values))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::claim::registered;

    /// The parser-free audience reading agrees with the serde_json one wherever it answers.
    #[test]
    fn plain_audience_arrays_read_as_serde_json_reads_them() {
        for raw in [
            r#"["a","b"]"#,
            r#"[ "a" , "b" ]"#,
            r#"[""]"#,
            r#"["a"]"#,
            r#"["a",]"#,
            r#"[,"a"]"#,
            r#"["a" "b"]"#,
            r#"["a",1]"#,
            r#"[]"#,
            r#"["a\"b"]"#,
            r#"["a"]]"#,
            r#"[["a"]]"#,
        ] {
            let theirs = serde_json::from_str::<AudRef<'_>>(raw).ok().map(|a| a.0);
            if is_plain_array(raw) {
                let plain = Auds::Plain(raw);
                let ours: Vec<_> = plain.iter().map(Cow::Borrowed).collect();
                assert_eq!(Some(ours), theirs, "{raw}");
            }
        }
        assert!(is_plain_array(r#"["a","b"]"#));
        assert!(!is_plain_array(r#"[]"#));
    }

    #[test]
    fn record_is_strict() {
        let mut f = Found::default();
        assert!(f.record(Claim::Exp, "1").is_ok());
        assert_eq!(
            f.record(Claim::Exp, "\"1\"").unwrap_err().kind(),
            &ErrorKind::InvalidClaimType("exp".into())
        );
        assert_eq!(
            f.record(Claim::Aud, "[]").unwrap_err().kind(),
            &ErrorKind::InvalidClaimType("aud".into())
        );
        assert_eq!(
            f.record(Claim::Iss, "null").unwrap_err().kind(),
            &ErrorKind::InvalidClaimType("iss".into())
        );
    }

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
            let Some(known) = known(claim, text, &found) else {
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
}
