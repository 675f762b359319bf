//! The writer of a claims type with `#[claims(serialize)]`: the code the derive generates
//! writes its members one by one through it, with no `Serialize` dispatch for the object.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::ser::Serialize;

use crate::claims::capture::{write_error, Written};
use crate::claims::claim::Claim;
use crate::claims::found::Found;
use crate::claims::numeric_date::NumericDate;
use crate::claims::table::{Member, MemberTable};
use crate::error::{Error, ErrorKind};
use crate::json::write::{Key, Scalar, WriteError, Writer};

/// The writer of a claims type with `#[claims(serialize)]`: the code `#[derive(Claims)]`
/// generates writes the members one by one, in field order, each name known when compiled
/// and each value written as its `Serialize` drives the writer (what the derive's own
/// `Serialize` impl for the type writes too).
///
/// Members are named by their place in the type's own table ([`MemberTable::MEMBERS`], whose
/// names `Members::new` checks are distinct, in a constant), a constant in the generated
/// code, and each may be written once: no member name is written twice whatever the
/// generated code does, and none goes into a duplicate set.
///
/// A string claim (`iss`, `sub`, `jti`), a time claim held in `u64` or `i64` and `aud` are
/// recorded from the field itself, so the signer reads none of them back from the text;
/// every other registered claim (an `Option`, a `NumericDate`, a time beyond the dates, an
/// empty audience) is read back from what was written, as for any claims type.
#[doc(hidden)]
pub struct Direct<'w, 'c, C: ?Sized> {
    w: Writer<'w, Written>,
    /// The places in `C`'s table ([`MemberTable::MEMBERS`]) written so far: each at most
    /// once.
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

impl<'w, 'c, C: MemberTable + ?Sized> Direct<'w, 'c, C> {
    /// A writer into `out`, the object opened, that puts the claims it takes from the fields
    /// into `values`.
    pub(crate) fn new(
        out: &'w mut Written,
        values: &'w mut ClaimValues<'c>,
        max_depth: usize,
    ) -> Self {
        let mut w = Writer::new(out, max_depth);
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
        match C::MEMBERS.0.get(I) {
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
