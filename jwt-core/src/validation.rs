//! The checks on registered claims, and the settings a verifier applies.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind};
use crate::json::CowStr;
use crate::numeric_date::NumericDate;
use crate::ser::Members;

/// The default limit on a token's length in bytes (8 KiB), checked before any decoding.
pub const DEFAULT_MAX_SIZE: usize = 8 * 1024;

/// The default limit on nesting in the claims (objects and arrays; the claims object is 1).
pub const DEFAULT_MAX_DEPTH: usize = 32;

/// A registered claim (RFC 7519 section 4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`, the issuer.
    Iss,
    /// `sub`, the subject.
    Sub,
    /// `aud`, the audience.
    Aud,
    /// `exp`, the expiration time.
    Exp,
    /// `nbf`, the not-before time.
    Nbf,
    /// `iat`, the issued-at time.
    Iat,
    /// `jti`, the token id.
    Jti,
}

impl Claim {
    /// The claim's name in a token.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Claim::Iss => "iss",
            Claim::Sub => "sub",
            Claim::Aud => "aud",
            Claim::Exp => "exp",
            Claim::Nbf => "nbf",
            Claim::Iat => "iat",
            Claim::Jti => "jti",
        }
    }

    const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What a verifier expects of a token beyond its signature.
///
/// The default: `exp` required, no leeway, the system clock, no issuer, audience, subject or
/// `typ` expected, tokens up to [`DEFAULT_MAX_SIZE`] bytes and claims nested at most
/// [`DEFAULT_MAX_DEPTH`] levels. `exp` and `nbf` are checked whenever present. A token that
/// carries `aud` is refused unless [`audience`](Self::audience) names one of its values
/// (RFC 7519 section 4.1.3).
///
/// ```
/// use jwt_core::{FixedClock, Validation};
/// let clock = FixedClock::at_secs(1_700_000_000).unwrap();
/// let v = Validation::new()
///     .issuer("https://auth.example.com")
///     .audience("api")
///     .leeway(30)
///     .clock(&clock);
/// # let _ = v;
/// ```
#[derive(Clone)]
pub struct Validation<'c> {
    pub(crate) leeway: u64,
    pub(crate) clock: &'c dyn Clock,
    required: u8,
    issuers: Vec<String>,
    audiences: Vec<String>,
    subjects: Vec<String>,
    pub(crate) typ: Option<Cow<'static, str>>,
    pub(crate) rules: StructRules,
    max_age: Option<u64>,
    pub(crate) max_size: usize,
    pub(crate) max_depth: usize,
    /// The claims type's table of member names, for the claims reader (a hint: any claims
    /// are read and checked the same with or without it).
    pub(crate) members: Members,
}

impl Default for Validation<'static> {
    fn default() -> Self {
        Validation::new()
    }
}

impl fmt::Debug for Validation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validation")
            .field("leeway", &self.leeway)
            .field("now", &self.clock.now())
            .field("required", &self.required_claims().collect::<Vec<_>>())
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("subjects", &self.subjects)
            .field("rules", &self.rules)
            .field("typ", &self.typ)
            .field("max_age", &self.max_age)
            .field("max_size", &self.max_size)
            .field("max_depth", &self.max_depth)
            .finish()
    }
}

static SYSTEM_CLOCK: SystemClock = SystemClock;

impl Validation<'static> {
    /// The defaults described above.
    #[must_use]
    #[inline]
    pub fn new() -> Self {
        Validation {
            leeway: 0,
            clock: &SYSTEM_CLOCK,
            required: Claim::Exp.bit(),
            issuers: Vec::new(),
            audiences: Vec::new(),
            subjects: Vec::new(),
            typ: None,
            rules: StructRules::NONE,
            max_age: None,
            max_size: DEFAULT_MAX_SIZE,
            max_depth: DEFAULT_MAX_DEPTH,
            members: Members::NONE,
        }
    }
}

impl<'c> Validation<'c> {
    /// Uses this clock for "now" instead of the system clock.
    #[must_use]
    #[inline]
    pub fn clock<'d>(self, clock: &'d dyn Clock) -> Validation<'d>
    where
        'c: 'd,
    {
        Validation { clock, ..self }
    }

    /// Seconds of tolerance for clock skew on `exp`, `nbf` and `iat`.
    #[must_use]
    #[inline]
    pub fn leeway(mut self, secs: u64) -> Self {
        self.leeway = secs;
        self
    }

    /// Accepts this issuer; called more than once, any of them. Requires `iss`.
    #[must_use]
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.issuers.push(iss.into());
        self
    }

    /// Identifies the verifier with this audience; called more than once, any of them.
    /// Requires `aud` to contain one of them.
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.audiences.push(aud.into());
        self
    }

    /// Accepts this subject; called more than once, any of them. Requires `sub`.
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.subjects.push(sub.into());
        self
    }

    /// Requires the header's `typ` to be this media type (compared case-insensitively, with an
    /// optional `application/` prefix, as RFC 7515 section 4.1.9 describes). Signing writes it.
    #[must_use]
    #[inline]
    pub fn typ(mut self, typ: impl Into<Cow<'static, str>>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Requires `iat` and refuses tokens issued more than `secs` seconds ago (plus leeway).
    #[must_use]
    #[inline]
    pub fn max_age(mut self, secs: u64) -> Self {
        self.max_age = Some(secs);
        self
    }

    /// Requires a claim to be present.
    #[must_use]
    pub fn require(mut self, claim: Claim) -> Self {
        self.required |= claim.bit();
        self
    }

    /// Whether `exp` is required (the default). `exp` is still checked when present.
    #[must_use]
    #[inline]
    pub fn require_exp(mut self, required: bool) -> Self {
        if required {
            self.required |= Claim::Exp.bit();
        } else {
            self.required &= !Claim::Exp.bit();
        }
        self
    }

    /// The longest token accepted, in bytes.
    #[must_use]
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// The deepest nesting of objects and arrays accepted in the claims.
    #[must_use]
    pub fn max_depth(mut self, levels: usize) -> Self {
        self.max_depth = levels;
        self
    }

    /// The claims this validation requires.
    pub fn required_claims(&self) -> impl Iterator<Item = Claim> + '_ {
        [
            Claim::Iss,
            Claim::Sub,
            Claim::Aud,
            Claim::Exp,
            Claim::Nbf,
            Claim::Iat,
            Claim::Jti,
        ]
        .into_iter()
        .filter(|c| self.required & c.bit() != 0)
    }

    /// The current time of this validation's clock.
    #[must_use]
    pub fn now(&self) -> NumericDate {
        self.clock.now()
    }

    /// Checks the header's `typ` against the expected one, if any.
    pub(crate) fn check_typ(&self, typ: Option<&str>) -> Result<(), Error> {
        let Some(expected) = &self.typ else {
            return Ok(());
        };
        match typ {
            Some(t) if media_type_eq(t, expected) => Ok(()),
            Some(t) => Err(Error::with_detail(
                ErrorKind::InvalidTyp,
                format!(
                    "expected {expected:?}, got {:?}",
                    crate::key::truncate(t, 64)
                ),
            )),
            None => Err(Error::with_detail(
                ErrorKind::InvalidTyp,
                format!("expected {expected:?}, the header has none"),
            )),
        }
    }

    /// The registered-claim checks, in the order of the design: presence, exp, nbf, iat,
    /// iss, aud, sub.
    pub(crate) fn check(&self, found: &Found<'_>) -> Result<(), Error> {
        self.check_inner(found, false, self.clock)
    }

    /// The same checks before signing, except that `nbf` may be in the future and `aud` is
    /// only compared when an audience is named (the signer is rarely the audience). "Now" is
    /// read from `clock` (this validation's own, or the one a claims type signs with).
    pub(crate) fn check_for_signing(
        &self,
        found: &Found<'_>,
        clock: &dyn Clock,
    ) -> Result<(), Error> {
        self.check_inner(found, true, clock)
    }

    fn check_inner(
        &self,
        found: &Found<'_>,
        signing: bool,
        clock: &dyn Clock,
    ) -> Result<(), Error> {
        let present = found.present();
        let mut missing = self.required & !present;
        if self.max_age.is_some() {
            missing |= Claim::Iat.bit() & !present;
        }
        if !self.issuers.is_empty() {
            missing |= Claim::Iss.bit() & !present;
        }
        if !self.audiences.is_empty() {
            missing |= Claim::Aud.bit() & !present;
        }
        if !self.subjects.is_empty() {
            missing |= Claim::Sub.bit() & !present;
        }
        if missing != 0 {
            return Err(missing_claim(missing));
        }

        let now = clock.now();
        let now_s = now.scaled();
        if let Some(exp) = found.exp {
            // RFC 7519 4.1.4: the current time must be before exp.
            let leeway = self.rules.leeway_exp.unwrap_or(self.leeway);
            if now_s >= exp.scaled() + NumericDate::scale_secs(leeway) {
                return Err(Error::with_detail(
                    ErrorKind::Expired,
                    format!("exp {exp} is not after now {now}{}", leeway_note(leeway)),
                ));
            }
        }
        if let Some(nbf) = found.nbf.filter(|_| !signing) {
            // RFC 7519 4.1.5: the current time must be at or after nbf.
            let leeway = self.rules.leeway_nbf.unwrap_or(self.leeway);
            if now_s + NumericDate::scale_secs(leeway) < nbf.scaled() {
                return Err(Error::with_detail(
                    ErrorKind::NotYetValid,
                    format!("nbf {nbf} is after now {now}{}", leeway_note(leeway)),
                ));
            }
        }
        if let Some(iat) = found.iat {
            let leeway = self.rules.leeway_iat.unwrap_or(self.leeway);
            if iat.scaled() > now_s + NumericDate::scale_secs(leeway) {
                return Err(Error::with_detail(
                    ErrorKind::IssuedInFuture,
                    format!("iat {iat} is after now {now}{}", leeway_note(leeway)),
                ));
            }
            if let Some(max_age) = self.max_age {
                if now_s > iat.scaled() + NumericDate::scale_secs(max_age.saturating_add(leeway)) {
                    return Err(Error::with_detail(
                        ErrorKind::TooOld,
                        format!(
                            "iat {iat} is more than {max_age}s before now {now}{}",
                            leeway_note(leeway)
                        ),
                    ));
                }
            }
        }
        if let (Some((min, max)), Some(exp), Some(iat)) =
            (self.rules.lifetime, found.exp, found.iat)
        {
            let span = exp.scaled() - iat.scaled();
            if span < NumericDate::scale_secs(min) || span > NumericDate::scale_secs(max) {
                return Err(Error::with_detail(
                    ErrorKind::InvalidClaim("exp".into()),
                    format!(
                        "exp - iat is {}s, the lifetime must be between {min}s and {max}s",
                        exp.secs_since(iat)
                    ),
                ));
            }
        }

        check_one_of(
            ErrorKind::InvalidIssuer,
            "iss",
            found.iss.as_deref(),
            self.rules.iss,
            &self.issuers,
        )?;

        if let Some(aud) = &found.aud {
            let names_one = !self.audiences.is_empty() || !self.rules.aud.is_empty();
            if !names_one && !signing {
                return Err(Error::with_detail(
                    ErrorKind::InvalidAudience,
                    "the token has an audience (aud) and the verifier names none",
                ));
            }
            let meets = |accepted: &[&str]| aud.iter().any(|a| accepted.contains(&a));
            if !self.rules.aud.is_empty() && !meets(self.rules.aud) {
                return Err(Error::with_detail(
                    ErrorKind::InvalidAudience,
                    format!("aud must contain one of {:?}", self.rules.aud),
                ));
            }
            if !self.audiences.is_empty()
                && !aud.iter().any(|a| self.audiences.iter().any(|e| e == a))
            {
                return Err(Error::with_detail(
                    ErrorKind::InvalidAudience,
                    "no audience (aud) of the token is one the verifier accepts",
                ));
            }
        }

        check_one_of(
            ErrorKind::InvalidSubject,
            "sub",
            found.sub.as_deref(),
            self.rules.sub,
            &self.subjects,
        )?;
        Ok(())
    }
}

/// The first of the `missing` claims, in the order of the design.
#[cold]
fn missing_claim(missing: u8) -> Error {
    let claim = [
        Claim::Exp,
        Claim::Nbf,
        Claim::Iat,
        Claim::Iss,
        Claim::Aud,
        Claim::Sub,
        Claim::Jti,
    ]
    .into_iter()
    .find(|c| missing & c.bit() != 0)
    .unwrap_or(Claim::Exp);
    Error::new(ErrorKind::MissingClaim(claim.name().into()))
}

/// `iss` or `sub` against the type's rule (when the claim is present; a required claim is
/// required by the type itself) and against the runtime expectation (which requires it; its
/// presence was checked with the other required claims).
#[inline]
fn check_one_of(
    kind: ErrorKind,
    claim: &str,
    value: Option<&str>,
    rule: &[&str],
    runtime: &[String],
) -> Result<(), Error> {
    // Most claims types name no accepted values: nothing to compare.
    if rule.is_empty() && runtime.is_empty() {
        return Ok(());
    }
    check_one_of_values(kind, claim, value, rule, runtime)
}

/// [`check_one_of`] when there is a rule or an expectation to compare with.
fn check_one_of_values(
    kind: ErrorKind,
    claim: &str,
    value: Option<&str>,
    rule: &[&str],
    runtime: &[String],
) -> Result<(), Error> {
    if let Some(v) = value.filter(|_| !rule.is_empty()) {
        if !rule.contains(&v) {
            return Err(invalid_value(kind, claim, v, rule));
        }
    }
    if !runtime.is_empty() {
        let v = value.unwrap_or_default();
        if !runtime.iter().any(|e| e == v) {
            return Err(invalid_value(kind, claim, v, runtime));
        }
    }
    Ok(())
}

fn leeway_note(leeway: u64) -> String {
    if leeway == 0 {
        String::new()
    } else {
        format!(" (leeway {leeway}s)")
    }
}

fn invalid_value<T: fmt::Debug>(
    kind: ErrorKind,
    claim: &str,
    value: &str,
    accepted: &[T],
) -> Error {
    Error::with_detail(
        kind,
        format!(
            "{claim} {:?} is not one of {accepted:?}",
            crate::key::truncate(value, 64)
        ),
    )
}

/// Rules that come from a claims type (`#[derive(Claims)]`), checked on the token's own
/// registered claims. Unlike the runtime expectations, they apply only when the claim is
/// present (a required claim is required by the type itself).
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub struct StructRules {
    pub iss: &'static [&'static str],
    pub sub: &'static [&'static str],
    pub aud: &'static [&'static str],
    pub leeway_exp: Option<u64>,
    pub leeway_nbf: Option<u64>,
    pub leeway_iat: Option<u64>,
    pub lifetime: Option<(u64, u64)>,
}

impl StructRules {
    /// No rules.
    pub const NONE: StructRules = StructRules {
        iss: &[],
        sub: &[],
        aud: &[],
        leeway_exp: None,
        leeway_nbf: None,
        leeway_iat: None,
        lifetime: None,
    };
}

impl<'c> Validation<'c> {
    /// Sets the rules of a claims type.
    #[doc(hidden)]
    #[must_use]
    #[inline]
    pub fn __with_rules(mut self, rules: StructRules) -> Self {
        self.rules = rules;
        self
    }
}

/// `typ` comparison per RFC 7515 section 4.1.9: case-insensitive, `application/` optional.
fn media_type_eq(a: &str, b: &str) -> bool {
    fn strip(s: &str) -> &str {
        match s.get(..12) {
            Some(p) if p.eq_ignore_ascii_case("application/") => &s[12..],
            _ => s,
        }
    }
    strip(a).eq_ignore_ascii_case(strip(b))
}

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
    fn present(&self) -> u8 {
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

/// The strings of a JSON array of strings without escapes (valid JSON), each with its quotes.
pub(crate) struct PlainStrings<'s>(pub(crate) &'s str);

impl<'s> Iterator for PlainStrings<'s> {
    type Item = &'s str;
    fn next(&mut self) -> Option<&'s str> {
        let open = memchr::memchr(b'"', self.0.as_bytes())?;
        let close = open + 1 + memchr::memchr(b'"', &self.0.as_bytes()[open + 1..])?;
        let quoted = &self.0[open..=close];
        self.0 = &self.0[close + 1..];
        Some(quoted)
    }
}

/// Whether `raw` is a non-empty array of strings without escapes (the common audience), as
/// the claims reader's scan finds it; anything else goes through `serde_json`.
fn is_plain_array(raw: &str) -> bool {
    raw.starts_with('[')
        && crate::members::plain_array_end(raw.as_bytes(), 0) == Some(raw.len())
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

    #[test]
    fn media_types() {
        assert!(media_type_eq("JWT", "JWT"));
        assert!(media_type_eq("jwt", "JWT"));
        assert!(media_type_eq("application/JWT", "JWT"));
        assert!(media_type_eq("at+jwt", "application/at+JWT"));
        assert!(!media_type_eq("JWS", "JWT"));
        assert!(!media_type_eq("application/", "JWT"));
        assert!(!media_type_eq("JWT ", "JWT"));
    }

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
}
