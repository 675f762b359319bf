//! The checks on registered claims, and the settings a verifier applies.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::claims::claim::Claim;
use crate::claims::clock::{Clock, IntoClock, SystemClock};
use crate::claims::found::Found;
use crate::claims::numeric_date::NumericDate;
use crate::crypto::algorithm::Algorithm;
use crate::error::{truncate, Error, ErrorKind};

/// The default limit on a token's length in bytes (8 KiB), checked before any decoding.
pub const DEFAULT_MAX_SIZE: usize = 8 * 1024;

/// The default limit on nesting in the claims (objects and arrays; the claims object is 1).
pub const DEFAULT_MAX_DEPTH: usize = 32;

/// The largest leeway (clock-skew tolerance on `exp`, `nbf`, `iat`) a verifier accepts, in
/// seconds: one day. A larger one would accept tokens that expired that long ago.
pub const LEEWAY_LIMIT: u64 = 86_400;

/// The largest `max_age` (on `iat`) a verifier accepts, in seconds: 366 days.
pub const MAX_AGE_LIMIT: u64 = 366 * 86_400;

/// What a verifier expects of a token beyond its signature.
///
/// The default: `exp` required, no leeway, the system clock, no issuer, audience, subject or
/// `typ` expected, tokens up to [`DEFAULT_MAX_SIZE`] bytes and claims nested at most
/// [`DEFAULT_MAX_DEPTH`] levels. `exp` and `nbf` are checked whenever present. A token that
/// carries `aud` is refused unless [`audience`](Self::audience) names one of its values
/// (RFC 7519 section 4.1.3).
///
/// A claims type's own rules (`#[derive(Claims)]`) are applied on top wherever the type is
/// verified: its `typ` and leeway unless this validation sets its own, its `max_age` and
/// every rule on its claims and fields.
///
/// Owned and `Send + Sync + 'static`: keep one in a server's state. Cloning is cheap (the
/// settings are shared, and copied only when a clone is changed).
///
/// ```
/// use jwt_core::{FixedClock, Validation};
/// let clock = FixedClock::at_secs(1_700_000_000).unwrap();
/// let v = Validation::new()
///     .issuer("https://auth.example.com")
///     .audience("api")
///     .leeway(30)?
///     .clock(clock);
/// # let _ = v;
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Validation {
    inner: Arc<Settings>,
}

/// A validation's settings.
#[derive(Clone)]
pub(crate) struct Settings {
    /// `None`: the claims type's leeway, or none.
    leeway: Option<u64>,
    /// `None`: the system clock.
    clock: Option<Arc<dyn Clock>>,
    required: u8,
    issuers: Vec<String>,
    audiences: Vec<String>,
    subjects: Vec<String>,
    /// `None`: the claims type's `typ`, or none.
    typ: Option<Cow<'static, str>>,
    max_age: Option<u64>,
    pub(crate) max_size: usize,
    pub(crate) max_depth: usize,
}

impl Settings {
    /// The defaults, with `exp` required or not.
    const fn defaults(exp_required: bool) -> Settings {
        Settings {
            leeway: None,
            clock: None,
            required: if exp_required { Claim::Exp.bit() } else { 0 },
            issuers: Vec::new(),
            audiences: Vec::new(),
            subjects: Vec::new(),
            typ: None,
            max_age: None,
            max_size: DEFAULT_MAX_SIZE,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

/// The default settings with `exp` required, and without: what a claims type signs with.
pub(crate) static DEFAULTS: [Settings; 2] = [Settings::defaults(false), Settings::defaults(true)];

impl Default for Validation {
    fn default() -> Self {
        Validation::new()
    }
}

impl fmt::Debug for Validation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &*self.inner;
        f.debug_struct("Validation")
            .field("leeway", &s.leeway)
            .field("now", &self.now())
            .field("required", &self.required_claims().collect::<Vec<_>>())
            .field("issuers", &s.issuers)
            .field("audiences", &s.audiences)
            .field("subjects", &s.subjects)
            .field("typ", &s.typ)
            .field("max_age", &s.max_age)
            .field("max_size", &s.max_size)
            .field("max_depth", &s.max_depth)
            .finish()
    }
}

impl Validation {
    /// The defaults described above.
    #[must_use]
    #[inline]
    pub fn new() -> Self {
        Validation {
            inner: Arc::new(Settings::defaults(true)),
        }
    }

    /// The settings, to change (copied first if another clone shares them).
    fn edit(&mut self) -> &mut Settings {
        Arc::make_mut(&mut self.inner)
    }

    /// Uses this clock for "now" instead of the system clock: a clock by value (kept), a
    /// `&FixedClock` or `&SystemClock` (copied), or an `Arc` of any clock (shared).
    #[must_use]
    pub fn clock(mut self, clock: impl IntoClock) -> Self {
        self.edit().clock = Some(clock.into_clock());
        self
    }

    /// Seconds of tolerance for clock skew on `exp`, `nbf` and `iat`, at most
    /// [`LEEWAY_LIMIT`] (one day). Without it, a claims type's `#[claims(leeway = ...)]`
    /// applies, else none; a field's own `#[claims(leeway = ...)]` wins for that claim.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidConfiguration`] above the limit: a larger leeway would accept
    /// tokens that expired that long ago (and `u64::MAX` would turn `exp` and `nbf` off).
    #[inline]
    pub fn leeway(mut self, secs: u64) -> Result<Self, Error> {
        within_limit("leeway", secs, LEEWAY_LIMIT, "one day")?;
        self.edit().leeway = Some(secs);
        Ok(self)
    }

    /// Accepts this issuer; called more than once, any of them. Requires `iss`.
    #[must_use]
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.edit().issuers.push(iss.into());
        self
    }

    /// Identifies the verifier with this audience; called more than once, any of them.
    /// Requires `aud` to contain one of them.
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.edit().audiences.push(aud.into());
        self
    }

    /// Accepts this subject; called more than once, any of them. Requires `sub`.
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.edit().subjects.push(sub.into());
        self
    }

    /// Requires the header's `typ` to be this media type (compared case-insensitively, with an
    /// optional `application/` prefix, as RFC 7515 section 4.1.9 describes), instead of a
    /// claims type's `#[claims(typ = ...)]`. Signing writes it.
    #[must_use]
    #[inline]
    pub fn typ(mut self, typ: impl Into<Cow<'static, str>>) -> Self {
        self.edit().typ = Some(typ.into());
        self
    }

    /// Requires `iat` and refuses tokens issued more than `secs` seconds ago (plus leeway),
    /// at most [`MAX_AGE_LIMIT`] (366 days). A claims type's own `max_age` applies as well.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidConfiguration`] above the limit.
    #[inline]
    pub fn max_age(mut self, secs: u64) -> Result<Self, Error> {
        within_limit("max_age", secs, MAX_AGE_LIMIT, "366 days")?;
        self.edit().max_age = Some(secs);
        Ok(self)
    }

    /// Requires a claim to be present.
    #[must_use]
    pub fn require(mut self, claim: Claim) -> Self {
        self.edit().required |= claim.bit();
        self
    }

    /// Whether `exp` is required (the default). `exp` is still checked when present.
    #[must_use]
    #[inline]
    pub fn require_exp(mut self, required: bool) -> Self {
        let settings = self.edit();
        if required {
            settings.required |= Claim::Exp.bit();
        } else {
            settings.required &= !Claim::Exp.bit();
        }
        self
    }

    /// The longest token accepted, in bytes.
    #[must_use]
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.edit().max_size = bytes;
        self
    }

    /// The deepest nesting of objects and arrays accepted in the claims.
    #[must_use]
    pub fn max_depth(mut self, levels: usize) -> Self {
        self.edit().max_depth = levels;
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
        .filter(|c| self.inner.required & c.bit() != 0)
    }

    /// The current time of this validation's clock.
    #[must_use]
    pub fn now(&self) -> NumericDate {
        self.inner.now()
    }

    /// These settings with a claims type's rules: what a verification checks.
    #[inline]
    pub(crate) fn with<'a>(&'a self, rules: &'a StructRules) -> Checks<'a> {
        Checks {
            settings: &self.inner,
            rules,
        }
    }
}

impl Settings {
    fn now(&self) -> NumericDate {
        match &self.clock {
            Some(clock) => clock.now(),
            None => SystemClock.now(),
        }
    }
}

/// A validation's settings with a claims type's rules: what one verification or one signing
/// checks. Where both set something, the settings win for `typ` and the general leeway, and
/// both apply for `max_age`; the type's rules on its claims always apply.
#[derive(Clone, Copy)]
pub(crate) struct Checks<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) rules: &'a StructRules,
}

impl<'a> Checks<'a> {
    /// A claims type's rules on the default settings (`exp` required as the type says).
    pub(crate) fn for_type(rules: &'a StructRules) -> Checks<'a> {
        Checks {
            settings: &DEFAULTS[usize::from(rules.require_exp)],
            rules,
        }
    }

    /// The `typ` a token must have, and signing writes.
    #[inline]
    pub(crate) fn typ(&self) -> Option<&'a str> {
        self.settings.typ.as_deref().or(self.rules.typ)
    }

    /// The current time of the settings' clock.
    pub(crate) fn now(&self) -> NumericDate {
        self.settings.now()
    }

    /// Checks the header's `alg` against the one the claims type is pinned to, if any.
    pub(crate) fn check_alg(&self, alg: Algorithm) -> Result<(), Error> {
        match self.rules.alg {
            Some(pinned) if pinned != alg => Err(Error::with_detail(
                ErrorKind::AlgorithmNotAllowed,
                format!("the token says {alg}, the claims type takes only {pinned}"),
            )),
            _ => Ok(()),
        }
    }

    /// Checks the header's `typ` against the expected one, if any.
    pub(crate) fn check_typ(&self, typ: Option<&str>) -> Result<(), Error> {
        let Some(expected) = self.typ() else {
            return Ok(());
        };
        match typ {
            Some(t) if media_type_eq(t, expected) => Ok(()),
            Some(t) => Err(Error::with_detail(
                ErrorKind::InvalidTyp,
                format!("expected {expected:?}, got {:?}", truncate(t, 64)),
            )),
            None => Err(Error::with_detail(
                ErrorKind::InvalidTyp,
                format!("expected {expected:?}, the header has none"),
            )),
        }
    }

    /// A claim's leeway: the claims type's own for it, else the settings' general one, else
    /// the type's general one; never above [`LEEWAY_LIMIT`] (the builders and the derive
    /// refuse more; this bounds the rest).
    #[inline]
    fn leeway_of(&self, own: Option<u64>) -> u64 {
        own.or(self.settings.leeway)
            .or(self.rules.leeway)
            .unwrap_or(0)
            .min(LEEWAY_LIMIT)
    }

    /// The `max_age` that applies: the smaller of the settings' and the type's.
    #[inline]
    fn max_age(&self) -> Option<u64> {
        let age = match (self.settings.max_age, self.rules.max_age) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        age.map(|s| s.min(MAX_AGE_LIMIT))
    }

    /// The registered-claim checks, in the order of the design: presence, exp, nbf, iat,
    /// iss, aud, sub.
    pub(crate) fn check(&self, found: &Found<'_>) -> Result<(), Error> {
        self.check_inner(found, false, self.now())
    }

    /// The same checks before signing, except that `nbf` may be in the future and `aud` is
    /// only compared when an audience is named (the signer is rarely the audience). "Now" is
    /// read from `clock` (the settings' own, or the one a claims type signs with).
    pub(crate) fn check_for_signing(
        &self,
        found: &Found<'_>,
        now: NumericDate,
    ) -> Result<(), Error> {
        self.check_inner(found, true, now)
    }

    fn check_inner(&self, found: &Found<'_>, signing: bool, now: NumericDate) -> Result<(), Error> {
        let (settings, rules) = (self.settings, self.rules);
        let max_age = self.max_age();
        let present = found.present();
        let mut missing = settings.required & !present;
        if max_age.is_some() {
            missing |= Claim::Iat.bit() & !present;
        }
        if !settings.issuers.is_empty() {
            missing |= Claim::Iss.bit() & !present;
        }
        if !settings.audiences.is_empty() {
            missing |= Claim::Aud.bit() & !present;
        }
        if !settings.subjects.is_empty() {
            missing |= Claim::Sub.bit() & !present;
        }
        if missing != 0 {
            return Err(missing_claim(missing));
        }

        let now_s = now.scaled();
        if let Some(exp) = found.exp {
            // RFC 7519 4.1.4: the current time must be before exp.
            let leeway = self.leeway_of(rules.leeway_exp);
            if now_s >= exp.scaled() + NumericDate::scale_secs(leeway) {
                return Err(Error::with_detail(
                    ErrorKind::Expired,
                    format!("exp {exp} is not after now {now}{}", leeway_note(leeway)),
                ));
            }
        }
        if let Some(nbf) = found.nbf.filter(|_| !signing) {
            // RFC 7519 4.1.5: the current time must be at or after nbf.
            let leeway = self.leeway_of(rules.leeway_nbf);
            if now_s + NumericDate::scale_secs(leeway) < nbf.scaled() {
                return Err(Error::with_detail(
                    ErrorKind::NotYetValid,
                    format!("nbf {nbf} is after now {now}{}", leeway_note(leeway)),
                ));
            }
        }
        if let Some(iat) = found.iat {
            let leeway = self.leeway_of(rules.leeway_iat);
            if iat.scaled() > now_s + NumericDate::scale_secs(leeway) {
                return Err(Error::with_detail(
                    ErrorKind::IssuedInFuture,
                    format!("iat {iat} is after now {now}{}", leeway_note(leeway)),
                ));
            }
            if let Some(max_age) = max_age {
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
        if let (Some((min, max)), Some(exp), Some(iat)) = (rules.lifetime, found.exp, found.iat) {
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
            rules.iss,
            &settings.issuers,
        )?;

        if let Some(aud) = &found.aud {
            let names_one = !settings.audiences.is_empty() || !rules.aud.is_empty();
            if !names_one && !signing {
                return Err(Error::with_detail(
                    ErrorKind::InvalidAudience,
                    "the token has an audience (aud) and the verifier names none",
                ));
            }
            let meets = |accepted: &[&str]| aud.iter().any(|a| accepted.contains(&a));
            if !rules.aud.is_empty() && !meets(rules.aud) {
                return Err(Error::with_detail(
                    ErrorKind::InvalidAudience,
                    format!("aud must contain one of {:?}", rules.aud),
                ));
            }
            if !settings.audiences.is_empty()
                && !aud
                    .iter()
                    .any(|a| settings.audiences.iter().any(|e| e == a))
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
            rules.sub,
            &settings.subjects,
        )?;
        Ok(())
    }
}

/// A setting of at most `limit` seconds.
fn within_limit(name: &str, secs: u64, limit: u64, spelled: &str) -> Result<(), Error> {
    if secs > limit {
        return Err(Error::with_detail(
            ErrorKind::InvalidConfiguration,
            format!("{name} {secs}s is above its limit of {limit}s ({spelled})"),
        ));
    }
    Ok(())
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
            truncate(value, 64)
        ),
    )
}

/// Rules that come from a claims type (`#[derive(Claims)]`), checked on the token's own
/// registered claims. Unlike the runtime expectations, they apply only when the claim is
/// present (a required claim is required by the type itself).
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub struct StructRules {
    /// The header's `typ` (`#[claims(typ = ...)]`), unless a validation sets one.
    pub typ: Option<&'static str>,
    /// The general leeway (`#[claims(leeway = ...)]`), unless a validation sets one.
    pub leeway: Option<u64>,
    /// `#[claims(iat, max_age = ...)]`.
    pub max_age: Option<u64>,
    /// Whether the type's `exp` field is required (not an `Option`): its own verifier and
    /// signer require `exp` then.
    pub require_exp: bool,
    pub iss: &'static [&'static str],
    pub sub: &'static [&'static str],
    pub aud: &'static [&'static str],
    pub leeway_exp: Option<u64>,
    pub leeway_nbf: Option<u64>,
    pub leeway_iat: Option<u64>,
    pub lifetime: Option<(u64, u64)>,
    /// The one algorithm the type's tokens may have (`#[claims(alg = ...)]`).
    pub alg: Option<Algorithm>,
}

impl StructRules {
    /// No rules.
    pub const NONE: StructRules = StructRules {
        typ: None,
        leeway: None,
        max_age: None,
        require_exp: false,
        iss: &[],
        sub: &[],
        aud: &[],
        leeway_exp: None,
        leeway_nbf: None,
        leeway_iat: None,
        lifetime: None,
        alg: None,
    };
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
}
