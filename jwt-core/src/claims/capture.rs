//! Claims to compact JSON for signing, in one pass, with what the signer checks noted as the
//! members are written.
//!
//! [`write_claims`] drives the claims' `Serialize` through the JSON writer (`json::write`)
//! into a stack buffer, while [`Written`], the writer's sink, notes where each top-level
//! member's name and value lie. The signer then checks names for duplicates and reads the
//! registered claims from those places, with no second pass over the text. A derived claims
//! type also hands over a table of its member names ([`Members`]); a name written exactly as
//! the table has it needs no duplicate lookup.

use std::borrow::Cow;
use std::fmt;

use serde::ser::Serialize;

use crate::claims::claim::{duplicate_member, registered, Claim};
use crate::claims::found::Found;
use crate::claims::table::{Member, Members, TableCursor};
use crate::error::{Error, ErrorKind};
use crate::json::buf::JsonBuf;
use crate::json::names::MemberSet;
use crate::json::write::{Key, Scalar, Sink, WriteError, Writer};

/// A top-level member that is a registered claim: which one, its place among the members,
/// where its value lies in the buffer, and what the writer saw the value to be.
#[derive(Clone, Copy)]
struct Registered {
    claim: Claim,
    index: usize,
    value: (usize, usize),
    scalar: Scalar,
}

/// A top-level member named by a map key: its name is read from the buffer once the writing
/// is done, when it can borrow from it.
#[derive(Clone, Copy)]
struct Deferred {
    index: usize,
    key: (usize, usize),
    value: (usize, usize),
    scalar: Scalar,
}

/// The serialized claims, with what the signer checks noted as the members were written:
/// their names (for duplicates) and where the registered claims lie. A struct's field names
/// are checked as they are written; a map's keys (`JwtClaims`, flattened members) after.
pub(crate) struct Written {
    pub(crate) buf: JsonBuf,
    /// The names checked one by one (made on the first: a derived type whose names all
    /// come from its table needs none).
    names: Option<MemberSet<'static>>,
    /// The top-level members written so far.
    pub(crate) members: usize,
    /// Each registered claim named by a field, once, in member order.
    registered: [Option<Registered>; 7],
    registered_len: usize,
    /// The first duplicate field name and its place among the members.
    duplicate: Option<(usize, &'static str)>,
    /// The members named by map keys.
    deferred: Vec<Deferred>,
    /// Where the writing is in the claims type's table of member names.
    table: TableCursor,
}

impl fmt::Debug for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Written")
            .field("json", &String::from_utf8_lossy(self.json()))
            .finish_non_exhaustive()
    }
}

impl Written {
    #[cfg(test)]
    pub(crate) fn new() -> Self {
        Written::expecting(Members::NONE)
    }

    /// An empty writer for a claims type whose top-level members are `members`
    /// ([`Members::NONE`] when it has no table).
    #[inline(always)]
    pub(crate) fn expecting(members: Members) -> Self {
        Written {
            buf: JsonBuf::new(),
            names: None,
            members: 0,
            registered: [None; 7],
            registered_len: 0,
            duplicate: None,
            deferred: Vec::new(),
            table: TableCursor::new(members),
        }
    }

    /// The table's member named `key`, when the writer may write the name as the table has
    /// it; otherwise the signer checks this and every further name itself.
    #[inline]
    fn table_member(&mut self, key: &str) -> Option<Member> {
        let member = self.table.take(key, true);
        if member.is_none() {
            self.leave_table();
        }
        member
    }

    /// From here on every member is checked by name: the table's members written so far go
    /// into the duplicate set first, so a later member cannot repeat one of them unseen.
    #[cold]
    fn leave_table(&mut self) {
        let names = self.names.get_or_insert_with(MemberSet::default);
        self.table.leave_into(names);
    }

    pub(crate) fn json(&self) -> &[u8] {
        self.buf.as_bytes()
    }

    /// Notes a top-level member: a field's name for duplicates, and its value when it is a
    /// registered claim; a map key's member for [`Written::found`].
    pub(crate) fn note_member(
        &mut self,
        key: Key<Option<Claim>>,
        value: (usize, usize),
        scalar: Scalar,
    ) {
        let index = self.members;
        self.members += 1;
        let claim = match key {
            // A table name: distinct from the others taken from it, its claim known.
            Key::Known(claim) => claim,
            Key::Static(name) => {
                let names = self.names.get_or_insert_with(MemberSet::default);
                if !names.insert(&Cow::Borrowed(name)) {
                    self.duplicate.get_or_insert((index, name));
                    return;
                }
                registered(name)
            }
            Key::Written(start, end) => {
                self.deferred.push(Deferred {
                    index,
                    key: (start, end),
                    value,
                    scalar,
                });
                return;
            }
            Key::None => return,
        };
        if let Some(claim) = claim {
            // A name is new here, so each claim comes at most once: seven slots suffice.
            self.registered[self.registered_len] = Some(Registered {
                claim,
                index,
                value,
                scalar,
            });
            self.registered_len += 1;
        }
    }

    /// The registered claims, with the checks of the verifier's parse: a JSON object, no
    /// member name twice (after escapes), each registered claim of its type; a failure is
    /// reported for the first member that has one, as the parse would.
    pub(crate) fn found(&self) -> Result<Found<'_>, Error> {
        let text = self.buf.as_bytes();
        if text.first() != Some(&b'{') {
            return Err(Error::with_detail(
                ErrorKind::MalformedClaims,
                "not a JSON object",
            ));
        }
        // The writer cuts only next to ASCII punctuation, so the pieces are whole UTF-8.
        let piece = |(start, end): (usize, usize)| {
            std::str::from_utf8(&text[start..end]).map_err(|e| {
                Error::with_detail(ErrorKind::Serialization, "the claims are not UTF-8")
                    .with_source(e)
            })
        };
        let mut duplicate = self.duplicate.map(|(at, name)| (at, Cow::Borrowed(name)));
        let mut merged;
        let claims = if self.deferred.is_empty() {
            &self.registered[..self.registered_len]
        } else {
            // Map keys, after the field names (a top-level object is usually all one or all
            // the other).
            merged = self.registered;
            let mut len = self.registered_len;
            let mut names = self.names.clone().unwrap_or_default();
            for d in &self.deferred {
                let quoted = piece(d.key)?;
                let name = if quoted.contains('\\') {
                    Cow::Owned(serde_json::from_str::<String>(quoted).map_err(|e| {
                        Error::with_detail(ErrorKind::Serialization, e.to_string()).with_source(e)
                    })?)
                } else {
                    Cow::Borrowed(&quoted[1..quoted.len() - 1])
                };
                if !names.insert(&name) {
                    if duplicate.as_ref().is_none_or(|(at, _)| d.index < *at) {
                        duplicate = Some((d.index, name));
                    }
                    continue;
                }
                if let Some(claim) = registered(&name) {
                    // New names only, across fields and keys: the seven slots still suffice.
                    merged[len] = Some(Registered {
                        claim,
                        index: d.index,
                        value: d.value,
                        scalar: d.scalar,
                    });
                    len += 1;
                }
            }
            merged[..len].sort_by_key(|r| r.map(|r| r.index));
            &merged[..len]
        };
        let mut found = Found::default();
        for r in claims.iter().flatten() {
            if let Some((at, name)) = &duplicate {
                if *at < r.index {
                    return Err(duplicate_member(name));
                }
            }
            let recorded = match r.scalar {
                Scalar::Int(v) => found.record_int(r.claim, v)?,
                Scalar::Plain => found.record_str(r.claim, piece((r.value.0 + 1, r.value.1 - 1))?),
                Scalar::Other => false,
            };
            if !recorded {
                found.record(r.claim, piece(r.value)?.trim_ascii())?;
            }
        }
        if let Some((_, name)) = &duplicate {
            return Err(duplicate_member(name));
        }
        Ok(found)
    }
}

impl Sink for Written {
    /// The registered claim a table member is, if any.
    type Known = Option<Claim>;

    #[inline(always)]
    fn buf(&mut self) -> &mut JsonBuf {
        &mut self.buf
    }

    /// A name the table has, at the cursor: written as the table has it (no duplicate
    /// lookup); any other name leaves the table.
    #[inline]
    fn field(&mut self, name: &'static str) -> Option<Option<Claim>> {
        let m = self.table_member(name)?;
        self.buf.quoted_name(&m.quoted, m.name.len() + 2);
        Some(m.claim())
    }

    #[inline]
    fn map_key(&mut self) {
        self.leave_table();
    }

    #[inline]
    fn member(&mut self, key: Key<Option<Claim>>, value: (usize, usize), scalar: Scalar) {
        self.note_member(key, value, scalar);
    }
}

/// Serializes `claims` as compact JSON, refusing nesting deeper than `max_depth` (the
/// top-level object counting as one).
///
/// # Errors
///
/// [`ErrorKind::LimitExceeded`] for nesting, [`ErrorKind::Serialization`] for anything the
/// claims' `Serialize` or JSON refuses (such as a map key that is not a string).
pub(crate) fn write_claims<C: Serialize + ?Sized>(
    claims: &C,
    max_depth: usize,
    out: &mut Written,
) -> Result<(), Error> {
    let mut w = Writer::new(out, max_depth);
    claims
        .serialize(&mut w)
        .map_err(|e| write_error(e, max_depth))
}

/// [`write_claims`]'s error for a [`WriteError`].
pub(crate) fn write_error(e: WriteError, max_depth: usize) -> Error {
    match e {
        WriteError::TooDeep => Error::with_detail(
            ErrorKind::LimitExceeded,
            format!("JSON nested deeper than {max_depth} levels"),
        ),
        // What the verifier would refuse as malformed claims.
        e @ WriteError::LoneSurrogate => {
            Error::with_detail(ErrorKind::MalformedClaims, e.to_string())
        }
        e => Error::with_detail(ErrorKind::Serialization, e.to_string()).with_source(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::buf::INLINE;
    use serde::ser;
    use std::collections::BTreeMap;

    fn write_claims<C: Serialize + ?Sized>(claims: &C, max_depth: usize) -> Result<Written, Error> {
        let mut out = Written::new();
        super::write_claims(claims, max_depth, &mut out).map(|()| out)
    }

    /// Map entries as given, repeats kept.
    struct Entries(&'static [(&'static str, &'static str)]);

    impl Serialize for Entries {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeMap;
            let mut map = s.serialize_map(None)?;
            for (k, v) in self.0 {
                map.serialize_entry(
                    k,
                    &serde_json::value::RawValue::from_string((*v).into()).unwrap(),
                )?;
            }
            map.end()
        }
    }

    /// Map keys are checked after the writing, in member order, as the verifier's parse checks
    /// them: the first member with a fault decides the error.
    #[test]
    fn map_keys_are_checked_in_member_order() {
        let kind = |entries| {
            let written = write_claims(&Entries(entries), 32).unwrap();
            let text = std::str::from_utf8(written.json()).unwrap().to_owned();
            let ours = written.found().map(|_| ()).map_err(|e| e.kind().clone());
            let parsed = crate::claims::reader::parse_claims::<serde::de::IgnoredAny>(&text, 32)
                .map(|_| ())
                .map_err(|e| e.kind().clone());
            assert_eq!(ours, parsed, "{text}");
            ours
        };
        let dup = Err(ErrorKind::MalformedClaims);
        let exp = Err(ErrorKind::InvalidClaimType("exp".into()));
        assert_eq!(kind(&[("a", "1"), ("exp", "2"), ("iss", "\"x\"")]), Ok(()));
        assert_eq!(kind(&[("a", "1"), ("exp", "\"x\""), ("a", "2")]), exp);
        assert_eq!(kind(&[("a", "1"), ("a", "2"), ("exp", "\"x\"")]), dup);
        assert_eq!(kind(&[("exp", "1"), ("exp", "2")]), dup);
        // A key the writer escapes is compared unescaped.
        assert_eq!(kind(&[("a\"", "1"), ("b", "2"), ("a\"", "3")]), dup);
        assert_eq!(kind(&[("a\"", "1"), ("b\n", "2")]), Ok(()));
    }

    #[test]
    fn bounds_nesting_including_raw_values() {
        let nested = serde_json::json!({"a": [[[1]]]});
        assert!(write_claims(&nested, 4).is_ok());
        assert_eq!(
            write_claims(&nested, 3).unwrap_err().kind(),
            &ErrorKind::LimitExceeded
        );
        let raw = BTreeMap::from([(
            "a",
            serde_json::value::RawValue::from_string("[[[1]]]".into()).unwrap(),
        )]);
        assert!(write_claims(&raw, 4).is_ok());
        assert_eq!(
            write_claims(&raw, 3).unwrap_err().kind(),
            &ErrorKind::LimitExceeded
        );
        // Brackets inside strings do not count.
        assert!(write_claims(&serde_json::json!({"a": "[[[[[[", "b": ["]]]"]}), 2).is_ok());
    }

    #[test]
    fn spills_to_the_heap() {
        let long = "x".repeat(3 * INLINE);
        let doc = BTreeMap::from([("a", long.as_str()), ("b", "y")]);
        let w = write_claims(&doc, 8).unwrap();
        assert_eq!(w.json(), serde_json::to_vec(&doc).unwrap());
        assert_eq!(w.found().unwrap().iss, None);
    }

    #[test]
    fn finds_registered_claims_and_duplicates() {
        let doc = serde_json::json!({"exp": 10, "iss": "a\"b", "aud": ["x", "y"], "n": {"exp": "nested"}});
        let w = write_claims(&doc, 8).unwrap();
        let found = w.found().unwrap();
        assert_eq!(found.exp.map(|d| d.secs()), Some(10));
        assert_eq!(found.iss.as_deref(), Some("a\"b"));
        assert_eq!(found.aud.as_ref().map(|a| a.iter().count()), Some(2));

        // Duplicates come from a flattened map that repeats a field's name; names that
        // need escapes are compared after the escapes are resolved.
        #[derive(serde::Serialize)]
        struct Dup {
            exp: u64,
            #[serde(rename = "q\"\u{1}")]
            odd: u64,
            #[serde(flatten)]
            more: BTreeMap<&'static str, u64>,
        }
        for name in ["exp", "q\"\u{1}"] {
            let dup = Dup {
                exp: 1,
                odd: 2,
                more: BTreeMap::from([(name, 3)]),
            };
            let w = write_claims(&dup, 8).unwrap();
            assert_eq!(w.found().unwrap_err().kind(), &ErrorKind::MalformedClaims);
        }
        let fine = Dup {
            exp: 1,
            odd: 2,
            more: BTreeMap::from([("q\"", 3)]),
        };
        assert_eq!(
            write_claims(&fine, 8)
                .unwrap()
                .found()
                .unwrap()
                .exp
                .map(|d| d.secs()),
            Some(1)
        );
        // Integers of every width reach the date check, which refuses those beyond 2^53 - 1.
        #[derive(serde::Serialize)]
        struct Wide {
            exp: i8,
            nbf: u128,
            iat: i128,
        }
        let wide = Wide {
            exp: -5,
            nbf: u128::MAX,
            iat: 0,
        };
        assert_eq!(
            write_claims(&wide, 8).unwrap().found().unwrap_err().kind(),
            &ErrorKind::InvalidClaimType("nbf".into())
        );
        let wide = Wide {
            exp: -5,
            nbf: 9_007_199_254_740_991,
            iat: i128::MIN,
        };
        assert_eq!(
            write_claims(&wide, 8).unwrap().found().unwrap_err().kind(),
            &ErrorKind::InvalidClaimType("iat".into())
        );
        let wide = Wide {
            exp: -5,
            nbf: 9_007_199_254_740_991,
            iat: -9_007_199_254_740_991,
        };
        let written = write_claims(&wide, 8).unwrap();
        let found = written.found().unwrap();
        assert_eq!(found.exp.map(|d| d.secs()), Some(-5));
        assert_eq!(found.nbf.map(|d| d.secs()), Some(9_007_199_254_740_991));
        assert_eq!(found.iat.map(|d| d.secs()), Some(-9_007_199_254_740_991));
        let wrong = serde_json::json!({"exp": "soon"});
        assert_eq!(
            write_claims(&wrong, 8).unwrap().found().unwrap_err().kind(),
            &ErrorKind::InvalidClaimType("exp".into())
        );
        assert_eq!(
            write_claims(&[1, 2], 8)
                .unwrap()
                .found()
                .unwrap_err()
                .kind(),
            &ErrorKind::MalformedClaims
        );
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
            let mut written = Written::new();
            super::write_claims(&map, 32, &mut written).expect("writes");
            proptest::prop_assert_eq!(written.json(), text.as_bytes());
            let ours = written.found();
            let parsed = crate::claims::reader::parse_claims::<serde::de::IgnoredAny>(&text, 32).map(|(_, f)| f);
            match (ours, parsed) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(format!("{a:?}"), format!("{b:?}")),
                (Err(a), Err(b)) => proptest::prop_assert_eq!(a.kind(), b.kind()),
                (a, b) => proptest::prop_assert!(false, "{}: writer {:?}, parse {:?}", text, a, b),
            }
        }
    }
}
