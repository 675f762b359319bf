//! The JOSE header (RFC 7515 section 4).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Serialize;

use crate::crypto::algorithm::Algorithm;
use crate::error::{truncate, Error, ErrorKind};
use crate::json::depth::{check_object_and_depth, ShapeError};
use crate::json::names::{CowStr, MemberSet};
use crate::json::scan::lone_surrogate;
use crate::json::strict::json_error;

/// Nesting allowed in a header (objects and arrays, the header object counting as one).
pub(crate) const HEADER_MAX_DEPTH: usize = 16;

/// The members of a JOSE header this crate reads.
///
/// Parsing is strict: the header must be a JSON object with unique member names, `alg` one
/// of the algorithms this crate implements (any other, `none` included, is refused before a
/// header is handed out), and `typ`, `kid` and `cty` strings when present. Other members are
/// ignored; in particular `jku`, `x5u`, `jwk` and `x5c` are never used to find a key. A header
/// with `crit` (or the `b64` extension) parses, but every verification refuses it.
///
/// It implements `Deserialize` (with the same rules, but for duplicate names, which only
/// the token parser can see) for tools that read headers themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header {
    /// The algorithm the token claims to use. Verification compares it with the key's.
    pub alg: Algorithm,
    /// The media type of the whole token, usually `JWT`.
    pub typ: Option<String>,
    /// The key id; only ever used to choose a key from a [`KeySet`](crate::KeySet).
    pub kid: Option<String>,
    /// The content type of the payload.
    pub cty: Option<String>,
    pub(crate) extension: Option<&'static str>,
}

/// `alg`, then `typ`, `kid` and `cty` when set: the header this crate writes when it signs.
impl Serialize for Header {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let optional = [&self.typ, &self.kid, &self.cty];
        let len = 1 + optional.iter().filter(|v| v.is_some()).count();
        let mut state = serializer.serialize_struct("Header", len)?;
        state.serialize_field("alg", &self.alg)?;
        for (name, value) in ["typ", "kid", "cty"].into_iter().zip(optional) {
            match value {
                Some(value) => state.serialize_field(name, value)?,
                None => state.skip_field(name)?,
            }
        }
        state.end()
    }
}

impl Header {
    /// A header with this `alg` and nothing else.
    #[must_use]
    pub fn new(alg: Algorithm) -> Header {
        Header {
            alg,
            typ: None,
            kid: None,
            cty: None,
            extension: None,
        }
    }

    /// The name of an extension member the header carries that this crate does not
    /// implement (`crit` or `b64`), which makes every verification refuse the token.
    #[must_use]
    pub fn unsupported_extension(&self) -> Option<&'static str> {
        self.extension
    }

    /// Parses decoded header bytes strictly.
    pub(crate) fn parse(bytes: &[u8]) -> Result<Header, Error> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Error::with_detail(ErrorKind::MalformedHeader, "the header is not UTF-8").with_source(e)
        })?;
        check_object_and_depth(text, HEADER_MAX_DEPTH).map_err(|e| {
            let kind = match e {
                ShapeError::NotObject => ErrorKind::MalformedHeader,
                ShapeError::TooDeep(_) => ErrorKind::LimitExceeded,
            };
            Error::with_detail(kind, e.to_string())
        })?;
        // Also in members this crate skips, which `serde_json` does not check.
        if let Some(at) = lone_surrogate(text.as_bytes()) {
            return Err(Error::with_detail(
                ErrorKind::MalformedHeader,
                format!("a lone surrogate escape at byte {at} (not Unicode; RFC 7493 2.1)"),
            ));
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let mut duplicate = None;
        let result = de.deserialize_map(HeaderVisitor {
            duplicate: &mut duplicate,
        });
        let parsed =
            result
                .and_then(|h| de.end().map(|()| h))
                .map_err(|e| match duplicate.take() {
                    Some(name) => Error::with_detail(
                        ErrorKind::MalformedHeader,
                        format!("duplicate member {name:?}"),
                    ),
                    None => json_error(ErrorKind::MalformedHeader, e),
                })?;
        // The whole header is strict JSON first; then its algorithm must be one of ours.
        parsed.into_header().map_err(|alg| {
            Error::with_detail(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "the token says {alg:?}, which is not an algorithm this library implements"
                ),
            )
        })
    }
}

/// A header as read, before its `alg` is known to be one of ours.
struct Parsed {
    /// The algorithm, or the (bounded) name of one this crate does not implement.
    alg: Result<Algorithm, String>,
    typ: Option<String>,
    kid: Option<String>,
    cty: Option<String>,
    extension: Option<&'static str>,
}

impl Parsed {
    /// The header, or the name of the algorithm this crate does not implement.
    fn into_header(self) -> Result<Header, String> {
        Ok(Header {
            alg: self.alg?,
            typ: self.typ,
            kid: self.kid,
            cty: self.cty,
            extension: self.extension,
        })
    }
}

struct HeaderVisitor<'a> {
    duplicate: &'a mut Option<String>,
}

impl<'de> Visitor<'de> for HeaderVisitor<'_> {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JOSE header object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut seen = MemberSet::default();
        let mut alg = None;
        let (mut typ, mut kid, mut cty, mut extension) = (None, None, None, None);
        while let Some(name) = map.next_key::<CowStr<'de>>()? {
            let name = name.0;
            if !seen.insert(&name) {
                *self.duplicate = Some(truncate(&name, 64));
                return Err(de::Error::custom("duplicate member"));
            }
            match &*name {
                "alg" => {
                    let CowStr(value) = map.next_value::<CowStr<'de>>()?;
                    alg = Some(Algorithm::from_name(&value).ok_or_else(|| truncate(&value, 32)));
                }
                "typ" => typ = Some(map.next_value::<String>()?),
                "kid" => kid = Some(map.next_value::<String>()?),
                "cty" => cty = Some(map.next_value::<String>()?),
                "crit" => {
                    map.next_value::<IgnoredAny>()?;
                    extension = Some("crit");
                }
                "b64" => {
                    map.next_value::<IgnoredAny>()?;
                    extension.get_or_insert("b64");
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(alg) = alg else {
            return Err(de::Error::missing_field("alg"));
        };
        Ok(Parsed {
            alg,
            typ,
            kid,
            cty,
            extension,
        })
    }
}

impl<'de> Deserialize<'de> for Header {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut duplicate = None;
        let parsed = deserializer.deserialize_map(HeaderVisitor {
            duplicate: &mut duplicate,
        })?;
        parsed.into_header().map_err(|alg| {
            de::Error::custom(format_args!(
                "the algorithm {alg:?} is not one this library implements"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(json: &str) -> ErrorKind {
        Header::parse(json.as_bytes()).unwrap_err().kind().clone()
    }

    #[test]
    fn parses_the_rfc7515_header_with_crlf() {
        let h = Header::parse(b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}").unwrap();
        assert_eq!(h.alg, Algorithm::HS256);
        assert_eq!(h.typ.as_deref(), Some("JWT"));
        assert_eq!(h.unsupported_extension(), None);
    }

    #[test]
    fn strict_members() {
        assert_eq!(
            kind(r#"{"alg":"HS256","alg":"HS256"}"#),
            ErrorKind::MalformedHeader
        );
        assert_eq!(
            kind(r#"{"alg":"HS256","\u0061lg":"HS512"}"#),
            ErrorKind::MalformedHeader
        );
        assert_eq!(
            kind(r#"{"alg":"HS256","x":1,"x":2}"#),
            ErrorKind::MalformedHeader
        );
        assert_eq!(kind(r#"{"alg":5}"#), ErrorKind::MalformedHeader);
        assert_eq!(kind(r#"{"alg":null}"#), ErrorKind::MalformedHeader);
        assert_eq!(
            kind(r#"{"alg":"HS256","typ":1}"#),
            ErrorKind::MalformedHeader
        );
        assert_eq!(
            kind(r#"{"alg":"HS256","kid":null}"#),
            ErrorKind::MalformedHeader
        );
        assert_eq!(kind(r#"{"typ":"JWT"}"#), ErrorKind::MalformedHeader);
        assert_eq!(kind(r#"["alg"]"#), ErrorKind::MalformedHeader);
        assert_eq!(kind(r#"{"alg":"HS256"} x"#), ErrorKind::MalformedHeader);
        assert_eq!(kind(r#"{"alg":"HS256",}"#), ErrorKind::MalformedHeader);
        assert_eq!(
            kind("\u{feff}{\"alg\":\"HS256\"}"),
            ErrorKind::MalformedHeader
        );
        assert_eq!(
            Header::parse(b"{\"alg\":\"\xff\"}").unwrap_err().kind(),
            &ErrorKind::MalformedHeader
        );
        let err = Header::parse(br#"{"alg":"HS256","alg":"none"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "malformed header: duplicate member \"alg\""
        );
    }

    #[test]
    fn extensions_are_flagged_and_unknown_members_ignored() {
        let h = Header::parse(br#"{"alg":"HS256","crit":["exp"],"exp":1}"#).unwrap();
        assert_eq!(h.unsupported_extension(), Some("crit"));
        let h = Header::parse(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#).unwrap();
        assert_eq!(h.unsupported_extension(), Some("crit"));
        let h = Header::parse(
            br#"{"alg":"HS256","jku":"https://evil","jwk":{"k":"x"},"x5u":"u","x5c":[]}"#,
        )
        .unwrap();
        assert_eq!(h.unsupported_extension(), None);
        assert_eq!(h.kid, None);
    }
}
