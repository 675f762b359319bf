//! Where "now" comes from: the system clock, or a fixed one for tests.

use std::sync::Arc;

use crate::claims::numeric_date::{NumericDate, MAX_SECS};
use crate::error::Error;

/// A source of the current time, injectable into verification and signing.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> NumericDate;
}

/// The operating system's clock.
///
/// A system clock beyond the `NumericDate` range (past the year 285 million) reads as the
/// largest date, which makes every token look expired rather than valid.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NumericDate {
        NumericDate::now()
            .unwrap_or_else(|_| NumericDate::from_secs(MAX_SECS).unwrap_or(NumericDate::EPOCH))
    }
}

/// A clock that always reads the same time.
///
/// ```
/// use jwt_core::{Clock, FixedClock, NumericDate};
/// let clock = FixedClock::at_secs(1_300_819_370).unwrap();
/// assert_eq!(clock.now().secs(), 1_300_819_370);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub NumericDate);

impl FixedClock {
    /// A clock fixed at `secs` seconds after the epoch.
    ///
    /// # Errors
    ///
    /// As [`NumericDate::from_secs`].
    pub fn at_secs(secs: i64) -> Result<FixedClock, Error> {
        NumericDate::from_secs(secs).map(FixedClock)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> NumericDate {
        self.0
    }
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now(&self) -> NumericDate {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for Box<C> {
    fn now(&self) -> NumericDate {
        (**self).now()
    }
}

/// What [`Validation::clock`](crate::Validation::clock) and
/// [`Verifier::clock`](crate::Verifier::clock) take, to keep: any clock by value, a
/// `&FixedClock` or `&SystemClock` (copied), or an `Arc` of a clock (shared, for a clock
/// that changes under test).
///
/// ```
/// use std::sync::Arc;
/// use jwt_core::{Clock, FixedClock, Validation};
/// let clock = FixedClock::at_secs(1_700_000_000).unwrap();
/// let a = Validation::new().clock(clock);
/// let b = Validation::new().clock(&clock);
/// let shared: Arc<dyn Clock> = Arc::new(clock);
/// let c = Validation::new().clock(shared.clone());
/// assert_eq!(a.now(), b.now());
/// assert_eq!(b.now(), c.now());
/// ```
pub trait IntoClock {
    /// The clock, owned.
    fn into_clock(self) -> Arc<dyn Clock>;
}

impl<C: Clock + 'static> IntoClock for C {
    fn into_clock(self) -> Arc<dyn Clock> {
        Arc::new(self)
    }
}

impl IntoClock for &FixedClock {
    fn into_clock(self) -> Arc<dyn Clock> {
        Arc::new(*self)
    }
}

impl IntoClock for &SystemClock {
    fn into_clock(self) -> Arc<dyn Clock> {
        Arc::new(SystemClock)
    }
}
