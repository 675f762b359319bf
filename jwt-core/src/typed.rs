//! The `Claims` trait that `#[derive(Claims)]` implements, its typed verifier, and the typed
//! sign and verify that every entry point goes through.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::claims::capture::Written;
use crate::claims::clock::{Clock, IntoClock, SystemClock};
use crate::claims::direct::{ClaimValues, Direct, Stop};
use crate::claims::table::{MemberTable, Members};
use crate::claims::validation::{Checks, StructRules, Validation};
use crate::crypto::algorithm::Pin;
use crate::crypto::key::VerifyingKey;
use crate::crypto::key::{FitsAlgorithm, SigningKey};
use crate::error::{ClaimName, Error, ErrorKind};
use crate::jws::decode::{self, Verified};
use crate::jws::encode;

/// A claims type with typed, validated sign and verify.
///
/// Implemented by `#[derive(Claims)]` (see the crate docs for the attributes), which also
/// implements the hidden trait behind it from the struct's `#[claims(...)]` rules. With
/// `#[claims(serialize)]` the derive also implements `Serialize`, and signing writes the JSON
/// through code generated from the same fields.
///
/// Verifying parses the payload once into `Self`, then checks the registered claims (those
/// the struct declares and those it does not), then the struct's rules, then the verifier's
/// runtime expectations and custom validators. Signing runs the same checks against the
/// clock first, so a token that would fail its own verifier is never minted. A type's rules
/// run whichever way it is verified or signed: these methods, [`Verifier`],
/// [`decode::verify`](crate::decode::verify) and [`encode::sign`](crate::encode::sign).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a claims type",
    label = "`{Self}` does not implement `jwt_core::Claims`",
    note = "add `#[derive(Claims, Serialize, Deserialize)]` to `{Self}` and mark its registered claims, such as `#[claims(exp)]` on its `exp` field"
)]
pub trait Claims: Serialize + DeserializeOwned + ClaimsImpl {
    /// Signs these claims with `key`, after checking them against the system clock.
    ///
    /// # Errors
    ///
    /// The first check that fails (an expired or wrongly typed claim, a broken rule), or
    /// [`ErrorKind::Serialization`].
    fn sign(&self, key: &(impl SigningKey + KeyFor<Self>)) -> Result<String, Error> {
        self.sign_with_clock(key, &SystemClock)
    }

    /// Signs these claims with `key`, checking them against `clock`.
    ///
    /// # Errors
    ///
    /// As [`Claims::sign`].
    fn sign_with_clock(
        &self,
        key: &(impl SigningKey + KeyFor<Self>),
        clock: &dyn Clock,
    ) -> Result<String, Error> {
        sign_as(self, key, Checks::for_type(&Self::__RULES), clock.now())
    }

    /// Verifies `token` with `key` under this type's rules and the system clock.
    ///
    /// For runtime expectations (an audience, an issuer, leeway, an injected clock) use
    /// [`Claims::verifier`].
    ///
    /// # Errors
    ///
    /// The first step of the pipeline that fails; see [`decode::verify`](crate::decode::verify).
    fn verify(token: &str, key: &(impl VerifyingKey + KeyFor<Self>)) -> Result<Self, Error> {
        verify_as(token, key, Checks::for_type(&Self::__RULES))
    }

    /// A verifier for this type, to configure once and use for many tokens. It owns `key`:
    /// pass the key itself (or an `Arc` of it) for a verifier that lives in a server's state,
    /// or a reference to borrow it.
    fn verifier<K: VerifyingKey + KeyFor<Self>>(key: K) -> Verifier<Self, K> {
        Verifier {
            key,
            validation: Validation::new().require_exp(Self::__RULES.require_exp),
            _claims: PhantomData,
        }
    }
}

/// What `#[derive(Claims)]` implements besides [`Claims`]: the type's rules and its writer.
/// Not a public API (no stability promise); implement it through the derive.
#[doc(hidden)]
pub trait ClaimsImpl {
    /// The rules on the header and the registered claims.
    const __RULES: StructRules;

    /// The algorithm keys must fit (`#[claims(alg = ...)]`), or [`AnyAlgorithm`].
    type __Alg: Pin;

    /// The top-level members the type's fields write, for the signer's and the reader's
    /// name checks.
    const __MEMBERS: Members = Members::NONE;

    /// Whether the derive wrote [`ClaimsImpl::__write`] (`#[claims(serialize)]`): signing
    /// then writes the members through it instead of through `Serialize`.
    const __DIRECT: bool = false;

    /// The rules on the typed values (`equals`, `one_of`, `len`, `range`, `validate`).
    ///
    /// # Errors
    ///
    /// The first rule that fails, as [`ErrorKind::InvalidClaim`] naming the claim.
    fn __check(&self) -> Result<(), Error>;

    /// Writes the members in field order (`#[claims(serialize)]`).
    ///
    /// # Errors
    ///
    /// [`Stop`] when a value cannot be written (the writer keeps the reason); always, for a
    /// type without a writer of its own.
    fn __write<'c>(&'c self, _out: &mut Direct<'_, 'c, Self>) -> Result<(), Stop> {
        Err(Stop)
    }
}

/// A key that fits claims type `C`: any key, unless `C` is pinned to one algorithm by
/// `#[claims(alg = "...")]`, then a key of that algorithm or a
/// [`KeySet`](crate::KeySet). Implemented for every key that fits; generic code over a claims
/// type `C` states it as `where K: KeyFor<C>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a key for `{C}`",
    label = "`{C}` takes keys of the algorithm it is pinned to",
    note = "a claims type with #[claims(alg = \"...\")] takes keys of that algorithm only (or a KeySet); generic code over claims types states `where {Self}: KeyFor<{C}>`"
)]
pub trait KeyFor<C: Claims>: FitsAlgorithm<C::__Alg> {}

impl<C: Claims, K: FitsAlgorithm<C::__Alg> + ?Sized> KeyFor<C> for K {}

/// The derive's table of a claims type, for the [`Direct`] writer.
impl<C: ClaimsImpl> MemberTable for C {
    const MEMBERS: Members = C::__MEMBERS;
}

/// Verifies `token` into claims type `C` with `checks` (a validation with `C`'s rules), then
/// `C`'s typed rules: every typed entry point.
pub(crate) fn verify_as<C: Claims>(
    token: &str,
    key: &impl VerifyingKey,
    checks: Checks<'_>,
) -> Result<C, Error> {
    let (_, claims) = decode::run::<C>(token, key, checks, C::__MEMBERS)?;
    claims.__check()?;
    Ok(claims)
}

/// [`verify_as`], with the header.
pub(crate) fn verify_with_header_as<C: Claims>(
    token: &str,
    key: &impl VerifyingKey,
    checks: Checks<'_>,
) -> Result<Verified<C>, Error> {
    let (header, claims) = decode::run::<C>(token, key, checks, C::__MEMBERS)?;
    claims.__check()?;
    Ok(Verified {
        header: header.into_header(),
        claims,
    })
}

/// Signs `claims` with `checks` (a validation with `C`'s rules) at `now`, then `C`'s typed
/// rules: every typed entry point.
pub(crate) fn sign_as<C: Claims>(
    claims: &C,
    key: &impl SigningKey,
    checks: Checks<'_>,
    now: crate::claims::numeric_date::NumericDate,
) -> Result<String, Error> {
    if C::__DIRECT {
        return sign_direct(claims, key, checks, now);
    }
    let rules = || claims.__check();
    encode::sign_checked(claims, C::__MEMBERS, key, checks, now, rules)
}

/// Signing for a claims type with `#[claims(serialize)]`: its derived writer writes the
/// members of its table, each once (no duplicate set: the table's names are distinct), and
/// hands over most registered claims straight from the fields; then the checks of
/// [`encode::sign_checked`].
fn sign_direct<C: Claims>(
    claims: &C,
    key: &impl SigningKey,
    checks: Checks<'_>,
    now: crate::claims::numeric_date::NumericDate,
) -> Result<String, Error> {
    let mac = key.signer();
    let mut written = Written::expecting(Members::NONE);
    let mut values = ClaimValues::default();
    {
        let mut direct = Direct::<C>::new(&mut written, &mut values, checks.settings.max_depth);
        let written_all = claims.__write(&mut direct).is_ok();
        direct.finish(written_all)?;
    }
    let payload = written.json();
    let mut found = written.found()?;
    values.record(&mut found);
    checks.check_for_signing(&found, now)?;
    claims.__check()?;
    encode::token(payload, mac, checks)
}

/// Claims types that declare `iss`: their verifier has [`Verifier::issuer`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares no `iss` claim, so its verifier has no `.issuer()`",
    note = "add a field marked `#[claims(iss)]` to `{Self}`"
)]
pub trait HasIssuer: Claims {}

/// Claims types that declare `aud`: their verifier has [`Verifier::audience`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares no `aud` claim, so its verifier has no `.audience()`",
    note = "add a field marked `#[claims(aud)]` to `{Self}`"
)]
pub trait HasAudience: Claims {}

/// Claims types that declare `sub`: their verifier has [`Verifier::subject`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` declares no `sub` claim, so its verifier has no `.subject()`",
    note = "add a field marked `#[claims(sub)]` to `{Self}`"
)]
pub trait HasSubject: Claims {}

/// A configured verifier for claims type `C` with key (or key set) `K`: build it once, then
/// call [`verify`](Verifier::verify) for each token.
///
/// It owns its key and validation: with an owned key (or an `Arc` of a key set) it is
/// `Send + Sync + 'static`, to keep in a web framework's state, and cloning it is cheap
/// (`K`'s clone, and a shared validation).
///
/// `.issuer()`, `.audience()` and `.subject()` compile only when `C` declares that claim;
/// otherwise rustc says which `#[claims(...)]` marker the struct is missing.
pub struct Verifier<C, K> {
    key: K,
    validation: Validation,
    _claims: PhantomData<fn() -> C>,
}

impl<C, K> fmt::Debug for Verifier<C, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("claims", &std::any::type_name::<C>())
            .field("validation", &self.validation)
            .finish_non_exhaustive()
    }
}

impl<C, K: Clone> Clone for Verifier<C, K> {
    fn clone(&self) -> Self {
        Verifier {
            key: self.key.clone(),
            validation: self.validation.clone(),
            _claims: PhantomData,
        }
    }
}

impl<C: Claims, K: VerifyingKey> Verifier<C, K> {
    /// Seconds of tolerance for clock skew on `exp`, `nbf` and `iat`, instead of the type's
    /// `#[claims(leeway = ...)]` (a field's own leeway still wins for that claim).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidConfiguration`] above [`LEEWAY_LIMIT`](crate::LEEWAY_LIMIT) (one
    /// day).
    pub fn leeway(mut self, secs: u64) -> Result<Self, Error> {
        self.validation = self.validation.leeway(secs)?;
        Ok(self)
    }

    /// Reads "now" from `clock` instead of the system clock (see [`IntoClock`] for what it
    /// takes).
    #[must_use]
    pub fn clock(mut self, clock: impl IntoClock) -> Self {
        self.validation = self.validation.clock(clock);
        self
    }

    /// Requires the header's `typ` to be this media type, instead of the type's
    /// `#[claims(typ = ...)]`.
    #[must_use]
    pub fn typ(mut self, typ: impl Into<Cow<'static, str>>) -> Self {
        self.validation = self.validation.typ(typ);
        self
    }

    /// Accepts this issuer; called more than once, any of them. On top of the type's own rules.
    ///
    /// Only for claims types that declare `iss` (`#[claims(iss)]` on a field).
    #[must_use]
    pub fn issuer(mut self, iss: impl Into<String>) -> Self
    where
        C: HasIssuer,
    {
        self.validation = self.validation.issuer(iss);
        self
    }

    /// Identifies this verifier with an audience; called more than once, any of them. The
    /// token's `aud` must contain one.
    ///
    /// Only for claims types that declare `aud` (`#[claims(aud)]` on a field).
    #[must_use]
    pub fn audience(mut self, aud: impl Into<String>) -> Self
    where
        C: HasAudience,
    {
        self.validation = self.validation.audience(aud);
        self
    }

    /// Accepts this subject; called more than once, any of them.
    ///
    /// Only for claims types that declare `sub` (`#[claims(sub)]` on a field).
    #[must_use]
    pub fn subject(mut self, sub: impl Into<String>) -> Self
    where
        C: HasSubject,
    {
        self.validation = self.validation.subject(sub);
        self
    }

    /// The longest token accepted, in bytes (default 8 KiB).
    #[must_use]
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.validation = self.validation.max_size(bytes);
        self
    }

    /// The validation this verifier applies (the type's own rules come on top).
    #[must_use]
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// The key this verifier verifies with.
    #[must_use]
    pub fn key(&self) -> &K {
        &self.key
    }

    /// Verifies `token` and returns its claims.
    ///
    /// # Errors
    ///
    /// The first step of the pipeline that fails; see [`decode::verify`](crate::decode::verify).
    pub fn verify(&self, token: &str) -> Result<C, Error> {
        verify_as(token, &self.key, self.validation.with(&C::__RULES))
    }

    /// Verifies `token` and returns its header and claims.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify_with_header(&self, token: &str) -> Result<Verified<C>, Error> {
        verify_with_header_as(token, &self.key, self.validation.with(&C::__RULES))
    }
}

/// Why a custom validator (`#[claims(validate = path)]`) refused a value.
///
/// ```
/// use jwt_core::RuleError;
/// // On a `String` field, a validator may take `&str`: the field is passed by reference.
/// fn no_spaces(topic: &str) -> Result<(), RuleError> {
///     if topic.contains(' ') {
///         return Err(RuleError::new("must not contain spaces"));
///     }
///     Ok(())
/// }
/// assert!(no_spaces("a b").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    claim: Option<ClaimName>,
    message: Cow<'static, str>,
}

impl RuleError {
    /// A refusal with this message (lowercase, no final period, no secrets). On a field, the
    /// error names that field's claim.
    pub fn new(message: impl Into<Cow<'static, str>>) -> RuleError {
        RuleError {
            claim: None,
            message: message.into(),
        }
    }

    /// A refusal that names `claim` (for container validators that check several claims).
    pub fn for_claim(
        claim: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> RuleError {
        RuleError {
            claim: Some(claim.into()),
            message: message.into(),
        }
    }

    /// The message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn into_error(self, default_claim: &'static str) -> Error {
        let claim = self.claim.unwrap_or(Cow::Borrowed(default_claim));
        Error::with_detail(ErrorKind::InvalidClaim(claim), self.message)
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}
