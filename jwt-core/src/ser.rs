//! Claims to compact JSON for signing, in one pass.
//!
//! [`write_claims`] drives the claims' `Serialize` into a stack buffer and writes the bytes
//! `serde_json::to_string` would write (a property test holds it to that), while it bounds the
//! nesting and notes where each top-level member's name and value lie. The signer then checks
//! names for duplicates and reads the registered claims from those places, with no second
//! pass over the text. A derived claims type also hands over a table of its member names
//! ([`Members`]); a name written exactly as the table has it needs no duplicate lookup.
//!
//! A claims type with `#[claims(serialize)]` is written by code its derive generates instead
//! ([`Direct`]): the same writer for each value, with no `Serialize` dispatch for the object.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::marker::PhantomData;

use serde::ser::{self, Serialize};
use serde_json::ser::Formatter as _;

use crate::error::{Error, ErrorKind};
use crate::json::{duplicate_member, registered, MemberSet, SERDE_JSON_RAW};
use crate::numeric_date::NumericDate;
use crate::typed::Claims;
use crate::validation::{Claim, Found};

/// Bytes kept on the stack before the buffer moves to the heap.
const INLINE: usize = 512;

/// The struct names under which `serde_json` passes raw JSON text (`RawValue`, and `Number`
/// when its `arbitrary_precision` feature is on); their one field is written as it is.
const RAW_TOKENS: [&str; 2] = [SERDE_JSON_RAW, "$serde_json::private::Number"];

/// A byte buffer on the stack that moves to the heap when it outgrows [`INLINE`].
pub(crate) struct JsonBuf {
    inline: [u8; INLINE],
    len: usize,
    heap: Option<Vec<u8>>,
}

impl JsonBuf {
    #[inline(always)]
    fn new() -> Self {
        JsonBuf {
            inline: [0; INLINE],
            len: 0,
            heap: None,
        }
    }

    #[inline(always)]
    fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if end <= INLINE && self.heap.is_none() {
            self.inline[self.len..end].copy_from_slice(bytes);
            self.len = end;
        } else {
            self.push_slow(bytes);
        }
    }

    #[cold]
    #[inline(never)]
    fn push_slow(&mut self, bytes: &[u8]) {
        let heap = self.heap.get_or_insert_with(|| {
            let mut heap = Vec::with_capacity(2 * INLINE + bytes.len());
            heap.extend_from_slice(&self.inline[..self.len]);
            heap
        });
        heap.extend_from_slice(bytes);
    }

    /// Writes `"bytes"` when they need no escape and fit the inline buffer with eight bytes
    /// to spare, copying and checking eight bytes at a time; `false`, with nothing written,
    /// otherwise (the bytes past the end may have changed; they are not part of the text).
    #[inline(always)]
    fn plain_string(&mut self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        let start = self.len;
        if self.heap.is_some() || start + n + 2 + 8 > INLINE {
            return false;
        }
        let buf = &mut self.inline;
        buf[start] = b'"';
        let end = start + 1 + n;
        let mut escapes = 0u64;
        if let Some(last) = bytes.last_chunk::<8>() {
            let (words, _) = bytes.as_chunks::<8>();
            let mut pos = start + 1;
            for w in words {
                escapes |= escape_bits(u64::from_le_bytes(*w));
                buf[pos..pos + 8].copy_from_slice(w);
                pos += 8;
            }
            // The last eight bytes, over the end of the words already written.
            escapes |= escape_bits(u64::from_le_bytes(*last));
            buf[end - 8..end].copy_from_slice(last);
        } else {
            for (slot, &b) in buf[start + 1..end].iter_mut().zip(bytes) {
                *slot = b;
                escapes |= u64::from(ESCAPE[usize::from(b)]);
            }
        }
        if escapes != 0 {
            return false;
        }
        buf[end] = b'"';
        self.len = end + 1;
        true
    }

    /// Writes the first `len` bytes of `padded`, copying all of it when there is room (the
    /// bytes past `len` are not part of the text).
    #[inline(always)]
    fn quoted_name<const N: usize>(&mut self, padded: &[u8; N], len: usize) {
        let start = self.len;
        if self.heap.is_none() && start + N <= INLINE {
            if let Some(slot) = self.inline.get_mut(start..start + N) {
                slot.copy_from_slice(padded);
                self.len = start + len.min(N);
                return;
            }
        }
        self.push(&padded[..len.min(N)]);
    }

    /// Writes `magnitude` in decimal, after a `-` when `negative` (as `itoa` writes it),
    /// straight into the inline buffer when there is room.
    #[inline(always)]
    fn decimal(&mut self, magnitude: u64, negative: bool) {
        const PAIRS: &[u8; 200] = b"\
            0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let digits = magnitude.checked_ilog10().map_or(1, |d| d as usize + 1);
        let n = digits + usize::from(negative);
        let start = self.len;
        let slot = match self.inline.get_mut(start..start + n) {
            Some(slot) if self.heap.is_none() => slot,
            _ => {
                let mut text = itoa::Buffer::new();
                let text = if negative {
                    text.format(-i128::from(magnitude))
                } else {
                    text.format(magnitude)
                };
                return self.push(text.as_bytes());
            }
        };
        if negative {
            slot[0] = b'-';
        }
        let (mut v, mut i) = (magnitude, n);
        while v >= 100 {
            let pair = (v % 100) as usize * 2;
            v /= 100;
            i -= 2;
            slot[i..i + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if v >= 10 {
            let pair = v as usize * 2;
            slot[i - 2..i].copy_from_slice(&PAIRS[pair..pair + 2]);
        } else {
            slot[i - 1] = b'0' + v as u8;
        }
        self.len = start + n;
    }

    #[inline(always)]
    fn byte(&mut self, b: u8) {
        if self.len < INLINE && self.heap.is_none() {
            self.inline[self.len] = b;
            self.len += 1;
        } else {
            self.push_slow(&[b]);
        }
    }

    #[inline]
    fn len(&self) -> usize {
        match &self.heap {
            Some(heap) => heap.len(),
            None => self.len,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.heap {
            Some(heap) => heap,
            None => &self.inline[..self.len],
        }
    }
}

impl io::Write for JsonBuf {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A top-level member's name: a struct field's own, or where a map key lies in the buffer
/// (with its quotes and escapes).
#[derive(Clone, Copy)]
enum Key {
    None,
    Static(&'static str),
    Written(usize, usize),
    /// A member of the claims type's table: the registered claim it is, if any.
    Known(Option<Claim>),
}

/// A top-level member that is a registered claim: which one, its place among the members,
/// where its value lies in the buffer, and what the writer saw the value to be.
#[derive(Clone, Copy)]
struct Registered {
    claim: Claim,
    index: usize,
    value: (usize, usize),
    scalar: Scalar,
}

/// A top-level value the writer wrote itself, so that its registered claim needs no parse.
#[derive(Clone, Copy, Default)]
enum Scalar {
    /// Anything else: read from its text.
    #[default]
    Other,
    /// An integer.
    Int(i64),
    /// A string without escapes.
    Plain,
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
    buf: JsonBuf,
    /// The names checked one by one (made on the first: a derived type whose names all
    /// come from its table needs none).
    names: Option<MemberSet<'static>>,
    members: usize,
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
    fn note_member(&mut self, key: Key, value: (usize, usize), scalar: Scalar) {
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

/// A top-level member of a claims type, as `#[derive(Claims)]` knows it from a field: its
/// name, whether the name needs no escape, and the registered claim by that name, all worked
/// out here (at compile time) from the name alone.
///
/// The signer and the claims reader use the table only for names: each value is still
/// written by the type's own `Serialize` (and read by its `Deserialize`), and a member is
/// taken from the table only when the name at hand is exactly its name ([`TableCursor`]).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Member {
    name: &'static str,
    /// `"name"` (when `plain`), padded so that it is copied in fixed-size words.
    quoted: [u8; Member::QUOTED],
    plain: bool,
    claim: Option<Claim>,
}

impl Member {
    /// Room for a quoted name of up to 22 bytes.
    const QUOTED: usize = 24;

    /// The member named `name`.
    #[must_use]
    pub const fn new(name: &'static str) -> Member {
        let bytes = name.as_bytes();
        let mut plain = bytes.len() + 2 <= Member::QUOTED;
        let mut quoted = [0u8; Member::QUOTED];
        let mut i = 0;
        while i < bytes.len() {
            if ESCAPE[bytes[i] as usize] != 0 {
                plain = false;
            }
            if i + 1 < Member::QUOTED {
                quoted[i + 1] = bytes[i];
            }
            i += 1;
        }
        if plain {
            quoted[0] = b'"';
            quoted[bytes.len() + 1] = b'"';
        }
        Member {
            name,
            quoted,
            plain,
            claim: registered(name),
        }
    }

    /// The registered claim by this name, if any.
    pub(crate) fn claim(&self) -> Option<Claim> {
        self.claim
    }

    /// Whether `key` is this member's name: the same text (the same literal, most often,
    /// which the compiler stores once).
    #[inline(always)]
    fn is(&self, key: &str) -> bool {
        let (a, b) = (self.name.as_bytes(), key.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        if std::ptr::eq(a.as_ptr(), b.as_ptr()) {
            return true;
        }
        a == b
    }
}

/// A claims type's top-level members in field order: at most 64, each name once.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Members(&'static [Member]);

impl Members {
    /// No table: every member is checked by name.
    pub const NONE: Members = Members(&[]);

    /// The table of `list`.
    ///
    /// # Panics
    ///
    /// When two members share a name or there are more than 64; as the derive uses it, in a
    /// constant, that is a compile-time error (the derive leaves such names out).
    #[must_use]
    pub const fn new(list: &'static [Member]) -> Members {
        assert!(list.len() <= 64, "at most 64 members in a table");
        assert!(distinct(list), "a member name twice in a table");
        Members(list)
    }
}

/// Where a writer or reader is in a claims type's table of member names: the next place to
/// look, and which members were taken from the table.
///
/// A name found at or after the cursor is taken and needs no duplicate check (the table's
/// names are distinct, and each is taken at most once); any other name leaves the table for
/// the rest of the object, and the names taken so far go to the caller's duplicate set
/// ([`TableCursor::leave_into`]), which checks every further name.
#[derive(Clone, Copy)]
pub(crate) struct TableCursor {
    table: &'static [Member],
    next: usize,
    taken: u64,
}

impl TableCursor {
    /// At the start of `members`.
    #[inline(always)]
    pub(crate) fn new(members: Members) -> Self {
        TableCursor {
            table: members.0,
            next: 0,
            taken: 0,
        }
    }

    /// The member named `key` at or after the cursor (with a name that needs no escape, when
    /// `plain`), which the cursor moves past; `None` for any other name, and for every name
    /// once one has left the table.
    #[inline(always)]
    pub(crate) fn take(&mut self, key: &str, plain: bool) -> Option<Member> {
        // The next member, most often; else one further on (members skipped when empty).
        let j = match self.table.get(self.next) {
            Some(m) if m.is(key) => self.next,
            Some(_) => match self.table[self.next + 1..].iter().position(|m| m.is(key)) {
                Some(k) => self.next + 1 + k,
                None => return self.miss(),
            },
            None => return self.miss(),
        };
        let member = self.table[j];
        if plain && !member.plain {
            return self.miss();
        }
        self.next = j + 1;
        self.taken |= 1 << j;
        Some(member)
    }

    /// A name not taken from the table: the table is left for the rest of the object.
    #[cold]
    fn miss(&mut self) -> Option<Member> {
        self.next = usize::MAX;
        None
    }

    /// Leaves the table, if not yet left: the names taken from it so far go into `names`
    /// (once), where every further name is then checked against them.
    pub(crate) fn leave_into<'n>(&mut self, names: &mut MemberSet<'n>) {
        self.next = usize::MAX;
        let mut bits = std::mem::take(&mut self.taken);
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            // Distinct names (the table's own check), so every insert is new.
            names.insert(&Cow::Borrowed(self.table[i].name));
        }
    }
}

/// Byte equality, in a constant.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
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
    let mut w = Writer {
        out,
        scalar: Scalar::Other,
        depth: 0,
        max_depth,
    };
    claims
        .serialize(&mut w)
        .map_err(|e| write_error(e, max_depth))
}

/// [`write_claims`]'s error for a [`WriteError`].
fn write_error(e: WriteError, max_depth: usize) -> Error {
    match e {
        WriteError::TooDeep => Error::with_detail(
            ErrorKind::LimitExceeded,
            format!("JSON nested deeper than {max_depth} levels"),
        ),
        e => Error::with_detail(ErrorKind::Serialization, e.to_string()).with_source(e),
    }
}

/// The writer of a claims type with `#[claims(serialize)]`: the code `#[derive(Claims)]`
/// generates writes the members one by one, in field order, each name known when compiled
/// and each value written as its `Serialize` drives the writer (what the derive's own
/// `Serialize` impl for the type writes too).
///
/// Members are named by their place in the type's own table ([`Claims::__MEMBERS`], whose
/// names [`Members::new`] checks are distinct, in a constant), a constant in the generated
/// code, and each may be written once: no member name is written twice whatever the
/// generated code does, and none goes into a duplicate set.
///
/// A string claim (`iss`, `sub`, `jti`), a time claim held in `u64` or `i64` and `aud` are
/// recorded from the field itself, so the signer reads none of them back from the text;
/// every other registered claim (an `Option`, a `NumericDate`, a time beyond the dates, an
/// empty audience) is read back from what was written, as for any claims type.
#[doc(hidden)]
pub struct Direct<'w, 'c, C: ?Sized> {
    w: Writer<'w>,
    /// The places in `C`'s table ([`Claims::__MEMBERS`]) written so far: each at most once.
    taken: u64,
    first: bool,
    values: &'w mut ClaimValues<'c>,
    /// Why writing stopped, for the signer to report.
    error: Option<WriteError>,
    claims: PhantomData<fn(&C)>,
}

/// Writing stopped; the reason is kept in the [`Direct`] writer.
#[doc(hidden)]
#[derive(Debug)]
pub struct Stop;

/// The registered claims a [`Direct`] writer took from the fields.
#[derive(Default)]
pub(crate) struct ClaimValues<'c> {
    iss: Option<&'c str>,
    sub: Option<&'c str>,
    jti: Option<&'c str>,
    aud: Option<&'c str>,
    aud_strings: Option<&'c [String]>,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
}

impl<'c> ClaimValues<'c> {
    /// Puts the claims into `found`, which holds the others.
    pub(crate) fn record(self, found: &mut Found<'c>) {
        for (claim, value) in [
            (Claim::Iss, self.iss),
            (Claim::Sub, self.sub),
            (Claim::Jti, self.jti),
            (Claim::Aud, self.aud),
        ] {
            if let Some(value) = value {
                found.record_string(claim, Cow::Borrowed(value));
            }
        }
        if let Some(values) = self.aud_strings {
            found.record_aud_strings(values);
        }
        found.exp = self.exp.or(found.exp);
        found.nbf = self.nbf.or(found.nbf);
        found.iat = self.iat.or(found.iat);
    }
}

/// An integer field that holds a time claim (`u64` or `i64` seconds), for
/// [`Direct::claim_int`].
#[doc(hidden)]
pub trait SecondsField: Copy {
    /// The value as `i64`, when it is one.
    fn secs(self) -> Option<i64>;
    /// The magnitude, and whether the value is negative.
    fn sign_magnitude(self) -> (u64, bool);
}

impl SecondsField for u64 {
    fn secs(self) -> Option<i64> {
        i64::try_from(self).ok()
    }
    fn sign_magnitude(self) -> (u64, bool) {
        (self, false)
    }
}

impl SecondsField for i64 {
    fn secs(self) -> Option<i64> {
        Some(self)
    }
    fn sign_magnitude(self) -> (u64, bool) {
        (self.unsigned_abs(), self < 0)
    }
}

/// An `aud` field's value, for [`Direct::claim_aud`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum AudParts<'c> {
    /// One string.
    One(&'c str),
    /// An array.
    Many(&'c [String]),
}

impl<'w, 'c, C: Claims> Direct<'w, 'c, C> {
    /// A writer into `out`, the object opened, that puts the claims it takes from the fields
    /// into `values`.
    pub(crate) fn new(
        out: &'w mut Written,
        values: &'w mut ClaimValues<'c>,
        max_depth: usize,
    ) -> Self {
        let mut w = Writer {
            out,
            scalar: Scalar::Other,
            depth: 0,
            max_depth,
        };
        let error = w.open(b'{').err();
        Direct {
            w,
            taken: 0,
            first: true,
            values,
            error,
            claims: PhantomData,
        }
    }

    /// Closes the object, or says why writing stopped (`written_all` is false when the
    /// derived writer stopped).
    pub(crate) fn finish(mut self, written_all: bool) -> Result<(), Error> {
        if let Some(e) = self.error.take() {
            return Err(write_error(e, self.w.max_depth));
        }
        if !written_all {
            return Err(Error::with_detail(
                ErrorKind::Serialization,
                "the claims type's writer stopped",
            ));
        }
        self.w.close(b'}');
        Ok(())
    }

    fn stop(&mut self, e: WriteError) -> Stop {
        self.error = Some(e);
        Stop
    }

    /// Member `I` of `C`'s table, taken: once each, and not after a stop.
    #[inline(always)]
    fn take<const I: usize>(&mut self) -> Result<&'static Member, Stop> {
        let bit = 1u64.checked_shl(I as u32).unwrap_or(0);
        match C::__MEMBERS.0.get(I) {
            Some(m) if bit != 0 && self.taken & bit == 0 && self.error.is_none() => {
                self.taken |= bit;
                Ok(m)
            }
            _ => Err(self.refuse(I)),
        }
    }

    #[cold]
    fn refuse(&mut self, i: usize) -> Stop {
        if self.error.is_none() {
            self.error = Some(WriteError::Custom(format!(
                "member {i} of the claims type written twice or not in its table"
            )));
        }
        Stop
    }

    /// `,"name":` (no comma first).
    #[inline(always)]
    fn name(&mut self, m: &Member) {
        if !self.first {
            self.w.out.buf.byte(b',');
        }
        self.first = false;
        if m.plain {
            self.w.out.buf.quoted_name(&m.quoted, m.name.len() + 2);
        } else {
            self.w.string(m.name);
        }
        self.w.out.buf.byte(b':');
    }

    /// Writes member `I` of the type's table with `value`.
    ///
    /// # Errors
    ///
    /// [`Stop`] when the value cannot be written, or member `I` was written already or is
    /// not in the table (the reason is kept).
    #[inline]
    pub fn member<const I: usize, T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let m = self.take::<I>()?;
        self.member_at(m, value)
    }

    /// Writes member `m`, taken already, with `value`.
    #[inline]
    fn member_at<T: Serialize + ?Sized>(&mut self, m: &Member, value: &T) -> Result<(), Stop> {
        self.name(m);
        self.w
            .member_value(Key::Known(m.claim), value)
            .map_err(|e| self.stop(e))
    }

    /// Writes member `I` of the type's table, a string claim, with `value` (a string
    /// field's text), and records the claim from it.
    ///
    /// # Errors
    ///
    /// As [`Direct::member`].
    #[inline]
    pub fn claim_str<const I: usize>(&mut self, value: &'c str) -> Result<(), Stop> {
        let m = self.take::<I>()?;
        self.claim_str_at(m, value)
    }

    #[inline(always)]
    fn claim_str_at(&mut self, m: &Member, value: &'c str) -> Result<(), Stop> {
        let slot = match m.claim {
            Some(Claim::Iss) => &mut self.values.iss,
            Some(Claim::Sub) => &mut self.values.sub,
            Some(Claim::Jti) => &mut self.values.jti,
            Some(Claim::Aud) => &mut self.values.aud,
            // Not a string claim: read back from the text, as any other member.
            _ => return self.member_at(m, value),
        };
        *slot = Some(value);
        self.name(m);
        self.w.string(value);
        self.w.out.members += 1;
        Ok(())
    }

    /// Writes member `I` of the type's table, a time claim, with `value` (an integer
    /// field), and records the claim from it; a value beyond the dates is read back from the
    /// text, as any other member (and refused there, in member order).
    ///
    /// # Errors
    ///
    /// As [`Direct::member`].
    #[inline]
    pub fn claim_int<const I: usize, S: SecondsField>(&mut self, value: S) -> Result<(), Stop> {
        let m = self.take::<I>()?;
        self.name(m);
        let start = self.w.out.buf.len();
        let (magnitude, negative) = value.sign_magnitude();
        self.w.out.buf.decimal(magnitude, negative);
        let secs = value.secs();
        let slot = match m.claim {
            Some(Claim::Exp) => &mut self.values.exp,
            Some(Claim::Nbf) => &mut self.values.nbf,
            Some(Claim::Iat) => &mut self.values.iat,
            _ => return self.read_back(m, start, secs),
        };
        match secs.and_then(|v| NumericDate::from_secs(v).ok()) {
            Some(date) => {
                *slot = Some(date);
                self.w.out.members += 1;
                Ok(())
            }
            None => self.read_back(m, start, secs),
        }
    }

    /// Notes member `m`, an integer written from `start`, for the signer to read back.
    #[cold]
    fn read_back(&mut self, m: &Member, start: usize, value: Option<i64>) -> Result<(), Stop> {
        let end = self.w.out.buf.len();
        let scalar = Scalar::Int(value.unwrap_or(i64::MAX));
        self.w
            .out
            .note_member(Key::Known(m.claim), (start, end), scalar);
        Ok(())
    }

    /// Writes member `I` of the type's table, the `aud` claim, with `value`, and records the
    /// claim from it; an empty array is written and read back as any other member (and
    /// refused).
    ///
    /// # Errors
    ///
    /// As [`Direct::member`].
    #[inline]
    pub fn claim_aud<const I: usize>(&mut self, value: AudParts<'c>) -> Result<(), Stop> {
        let m = self.take::<I>()?;
        match value {
            AudParts::One(one) => self.claim_str_at(m, one),
            AudParts::Many(all) if !all.is_empty() && m.claim == Some(Claim::Aud) => {
                self.values.aud_strings = Some(all);
                self.name(m);
                self.string_array(all)?;
                self.w.out.members += 1;
                Ok(())
            }
            AudParts::Many(all) => self.member_at(m, all),
        }
    }

    /// Writes member `I` of the type's table with `values`, an array of strings.
    ///
    /// # Errors
    ///
    /// As [`Direct::member`].
    #[inline]
    pub fn strings<const I: usize>(&mut self, values: &[String]) -> Result<(), Stop> {
        let m = self.take::<I>()?;
        self.name(m);
        let start = self.w.out.buf.len();
        self.string_array(values)?;
        let end = self.w.out.buf.len();
        self.w
            .out
            .note_member(Key::Known(m.claim), (start, end), Scalar::Other);
        Ok(())
    }

    /// `["a","b"]`, nested one level below the object.
    #[inline(always)]
    fn string_array(&mut self, values: &[String]) -> Result<(), Stop> {
        if let Err(e) = self.w.open(b'[') {
            return Err(self.stop(e));
        }
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.w.out.buf.byte(b',');
            }
            self.w.string(v);
        }
        self.w.close(b']');
        Ok(())
    }
}

/// Whether `list` names each member once.
const fn distinct(list: &[Member]) -> bool {
    let mut i = 0;
    while i < list.len() {
        let mut j = i + 1;
        while j < list.len() {
            if same(list[i].name.as_bytes(), list[j].name.as_bytes()) {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
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
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::TooDeep => f.write_str("JSON nested too deep"),
            WriteError::Custom(m) => f.write_str(m),
            WriteError::Json(e) => fmt::Display::fmt(e, f),
            WriteError::NotAString => f.write_str("key must be a string"),
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

struct Writer<'o> {
    out: &'o mut Written,
    /// What the last value written at the top level's depth was.
    scalar: Scalar,
    depth: usize,
    max_depth: usize,
}

/// The escape of each byte in a JSON string: 0 for none, `u` for `\u00XX`, else the letter
/// after the backslash (as `serde_json` writes them).
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Non-zero when any of the eight bytes of `x` needs an escape: the bit trick "has a byte
/// below n" (exact for n <= 128) on the word, and on it xor `"` and xor `\`.
#[inline(always)]
fn escape_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGHS;
    below(x, 0x20)
        | below(x ^ (ONES * u64::from(b'"')), 1)
        | below(x ^ (ONES * u64::from(b'\\')), 1)
}

/// Where the plain part of a string starting at `i` ends: the first `"`, `\\` or control
/// character at or after `i` (or the end of the text), eight bytes at a time. The writer
/// escapes from there; the claims reader stops there.
#[inline]
pub(crate) fn plain_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        // The lowest flagged byte of the word is exact (a borrow only moves upward).
        let flagged = escape_bits(u64::from_le_bytes(*word));
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ESCAPE[usize::from(bytes[i])] == 0 {
        i += 1;
    }
    i
}

impl Writer<'_> {
    /// Writes the value of a top-level member and notes the member (`key`), where its value
    /// lies and what the value was.
    #[inline]
    fn member_value<T: Serialize + ?Sized>(
        &mut self,
        key: Key,
        value: &T,
    ) -> Result<(), WriteError> {
        let start = self.out.buf.len();
        self.scalar = Scalar::Other;
        value.serialize(&mut *self)?;
        let end = self.out.buf.len();
        self.out.note_member(key, (start, end), self.scalar);
        Ok(())
    }

    #[inline]
    fn open(&mut self, bracket: u8) -> Result<(), WriteError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(WriteError::TooDeep);
        }
        self.out.buf.byte(bracket);
        Ok(())
    }

    #[inline]
    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        self.out.buf.byte(bracket);
    }

    #[inline]
    fn string(&mut self, s: &str) {
        if self.out.buf.plain_string(s.as_bytes()) {
            if self.depth == 1 {
                self.scalar = Scalar::Plain;
            }
            return;
        }
        let buf = &mut self.out.buf;
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
        self.out.buf.push(itoa::Buffer::new().format(v).as_bytes());
        if self.depth == 1 {
            // Beyond i64 is beyond any date, whichever the sign: the check refuses it.
            self.scalar = Scalar::Int(v.try_into().unwrap_or(i64::MAX));
        }
    }

    /// Raw JSON text from `serde_json` (`RawValue`): written as it is, its nesting counted.
    fn raw(&mut self, text: &str) -> Result<(), WriteError> {
        if self.depth + crate::json::nesting(text.as_bytes()) > self.max_depth {
            return Err(WriteError::TooDeep);
        }
        self.out.buf.push(text.as_bytes());
        Ok(())
    }
}

/// An array or object being written.
struct Compound<'a, 'o> {
    w: &'a mut Writer<'o>,
    first: bool,
    /// This is the top-level object: note where its members are.
    top: bool,
    /// The name of the member being written.
    key: Key,
    /// A `RawValue`, not an object.
    raw: bool,
}

impl<'a, 'o> Compound<'a, 'o> {
    fn new(w: &'a mut Writer<'o>) -> Self {
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
            self.w.out.buf.byte(b',');
        }
        self.first = false;
    }

    #[inline]
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.comma();
        if self.top {
            self.w.out.leave_table();
        }
        let start = self.w.out.buf.len();
        match key.serialize(KeyProbe(self.w)) {
            Ok(()) => {}
            Err(WriteError::NotAString) => {
                // Anything but a string: serde_json decides (numbers and bools become
                // strings, the rest is refused), as the first key of a one-member object.
                let text = serde_json::to_vec(&OneKey(key)).map_err(WriteError::Json)?;
                self.w.out.buf.push(&text[1..text.len() - b":null}".len()]);
            }
            Err(e) => return Err(e),
        }
        self.key = Key::Written(start, self.w.out.buf.len());
        Ok(())
    }

    #[inline]
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.w.out.buf.byte(b':');
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

impl<'w, 'o> ser::Serializer for &'w mut Writer<'o> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'w, 'o>;
    type SerializeTuple = Compound<'w, 'o>;
    type SerializeTupleStruct = Compound<'w, 'o>;
    type SerializeTupleVariant = Compound<'w, 'o>;
    type SerializeMap = Compound<'w, 'o>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = Compound<'w, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out.buf.push(if v { b"true" } else { b"false" });
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
            f.write_f32(&mut self.out.buf, v)
                .map_err(|e| WriteError::Custom(e.to_string()))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
        if v.is_finite() {
            let mut f = serde_json::ser::CompactFormatter;
            f.write_f64(&mut self.out.buf, v)
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
        self.out.buf.push(b"null");
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
        self.out.buf.byte(b':');
        value.serialize(&mut *self)?;
        self.close(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'o>, WriteError> {
        self.open(b'[')?;
        Ok(Compound::new(self))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'o>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, WriteError> {
        self.open(b'{')?;
        self.string(variant);
        self.out.buf.byte(b':');
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'o>, WriteError> {
        self.open(b'{')?;
        Ok(Compound::new(self))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, WriteError> {
        if RAW_TOKENS.contains(&name) {
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
    ) -> Result<Compound<'w, 'o>, WriteError> {
        self.open(b'{')?;
        self.string(variant);
        self.out.buf.byte(b':');
        self.serialize_map(Some(len))
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
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

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), WriteError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), WriteError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
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

impl ser::SerializeMap for Compound<'_, '_> {
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

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        if self.raw {
            return if RAW_TOKENS.contains(&key) {
                value.serialize(RawText(self.w))
            } else {
                Err(WriteError::Custom("unexpected raw value".into()))
            };
        }
        self.comma();
        if self.top {
            if let Some(m) = self.w.out.table_member(key) {
                self.w.out.buf.quoted_name(&m.quoted, m.name.len() + 2);
                self.key = Key::Known(m.claim);
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

impl ser::SerializeStructVariant for Compound<'_, '_> {
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
struct KeyProbe<'a, 'o>(&'a mut Writer<'o>);

/// Writes the raw text of a `RawValue`.
struct RawText<'a, 'o>(&'a mut Writer<'o>);

macro_rules! refuse {
    ($err:expr; $($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), WriteError> {
            Err($err)
        })*
    };
}

macro_rules! only_strings {
    ($ty:ident, $err:expr, |$w:ident, $s:ident| $write:expr) => {
        impl ser::Serializer for $ty<'_, '_> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    fn write_claims<C: Serialize + ?Sized>(claims: &C, max_depth: usize) -> Result<Written, Error> {
        let mut out = Written::new();
        super::write_claims(claims, max_depth, &mut out).map(|()| out)
    }

    fn same_as_serde_json<T: Serialize>(value: &T) {
        let ours = write_claims(value, 64).map(|w| w.json().to_vec());
        match (ours, serde_json::to_vec(value)) {
            (Ok(a), Ok(b)) => assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b)),
            (Err(a), Err(_)) => assert_eq!(a.kind(), &ErrorKind::Serialization),
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
            let parsed = crate::members::parse_claims::<serde::de::IgnoredAny>(&text, 32)
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

    #[test]
    fn plain_end_finds_every_byte_that_needs_an_escape_anywhere() {
        for b in 0..=255u8 {
            let needs = b < 0x20 || b == b'"' || b == b'\\';
            for len in 1..20 {
                for pos in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[pos] = b;
                    let expected = if needs { pos } else { len };
                    assert_eq!(plain_end(&bytes, 0), expected, "{b:#x} at {pos} of {len}");
                    // From any start up to the byte, the same place.
                    assert_eq!(plain_end(&bytes, pos), expected, "{b:#x} at {pos} of {len}");
                }
            }
        }
        assert_eq!(plain_end(b"", 0), 0);
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
                    let mut out = Written::new();
                    out.buf.push(&vec![b'x'; offset]);
                    let mut w = Writer {
                        out: &mut out,
                        scalar: Scalar::Other,
                        depth: 0,
                        max_depth: 8,
                    };
                    w.string(&text);
                    let mut expected = vec![b'x'; offset];
                    expected.extend(serde_json::to_vec(&text).unwrap());
                    assert_eq!(out.json(), expected.as_slice(), "{text:?} at {offset}");
                }
            }
        }
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
}

#[cfg(test)]
mod table_tests {
    use super::{Member, Members};
    use crate::validation::Claim;

    #[test]
    fn a_member_knows_its_claim_and_whether_its_name_is_written_as_it_is() {
        let exp = Member::new("exp");
        assert!(exp.plain);
        assert_eq!(exp.claim, Some(Claim::Exp));
        assert_eq!(&exp.quoted[..5], b"\"exp\"");
        let role = Member::new("role");
        assert_eq!(role.claim, None);
        // Escapes, control bytes and names too long for the padded copy stay off the table.
        for name in [
            "say \"hi\"",
            "a\\b",
            "tab\there",
            "\u{1}",
            "a-name-of-twenty-three-",
        ] {
            assert!(!Member::new(name).plain, "{name:?}");
        }
        let longest = "a-name-of-twenty-two-b";
        assert_eq!(longest.len(), 22);
        let m = Member::new(longest);
        assert!(m.plain);
        assert_eq!(&m.quoted[..], format!("\"{longest}\"").as_bytes());
        // Not ASCII: written as it is, as serde_json writes it.
        assert!(Member::new("café").plain);
        assert!(Member::new("").plain);
    }

    #[test]
    fn a_member_is_its_name_whichever_copy_of_the_text() {
        let m = Member::new("iss");
        let other = String::from("iss");
        assert!(m.is("iss"));
        assert!(m.is(&other));
        assert!(!m.is("is"));
        assert!(!m.is("iss "));
    }

    #[test]
    #[should_panic(expected = "a member name twice in a table")]
    fn a_table_refuses_a_name_twice() {
        static LIST: [Member; 3] = [Member::new("a"), Member::new("b"), Member::new("a")];
        let _ = Members::new(&LIST);
    }

    #[test]
    #[should_panic(expected = "at most 64 members in a table")]
    fn a_table_holds_at_most_64() {
        static LIST: [Member; 65] = [Member::new("a"); 65];
        let _ = Members::new(&LIST);
    }
}

#[cfg(test)]
mod decimal_tests {
    use super::{JsonBuf, INLINE};
    use proptest::prelude::*;

    /// `JsonBuf::decimal` of `v` after `before` bytes already written.
    fn decimal(v: i128, before: usize) -> String {
        let mut buf = JsonBuf::new();
        buf.push(&vec![b' '; before]);
        buf.decimal(v.unsigned_abs() as u64, v < 0);
        String::from_utf8(buf.as_bytes()[before..].to_vec()).unwrap()
    }

    #[test]
    fn every_length_and_the_extremes_as_itoa_writes_them() {
        let mut cases: Vec<i128> = vec![0, i128::from(u64::MAX), i128::from(i64::MIN)];
        for digits in 0..20 {
            let p = 10i128.pow(digits);
            cases.extend([p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]);
        }
        for v in cases {
            if v < i128::from(i64::MIN) || v > i128::from(u64::MAX) {
                continue;
            }
            // In the inline buffer, and at its end (where it falls back to `itoa`).
            for before in [0, INLINE - 3, INLINE] {
                assert_eq!(decimal(v, before), v.to_string(), "{v} after {before}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_u64_or_i64_as_itoa_writes_it(u in any::<u64>(), i in any::<i64>(), before in 0..INLINE + 4) {
            prop_assert_eq!(decimal(i128::from(u), before), u.to_string());
            prop_assert_eq!(decimal(i128::from(i), before), i.to_string());
        }
    }
}
