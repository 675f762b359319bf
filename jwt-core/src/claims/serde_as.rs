//! Serde adapters that write time types as a JWT NumericDate (a JSON number of seconds).
//!
//! `SystemTime`, `chrono::DateTime<Utc>` and `time::OffsetDateTime` serialize as structs or
//! strings by default; a time claim of one of these types needs
//! `#[serde(with = "jwt_core::serde_as::...")]`, which `#[derive(Claims)]` asks for.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::claims::numeric_date::NumericDate;

/// `std::time::SystemTime` as a NumericDate.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// #[derive(Serialize, Deserialize)]
/// struct T {
///     #[serde(with = "jwt_core::serde_as::system_time")]
///     exp: SystemTime,
/// }
/// let t = T { exp: UNIX_EPOCH + Duration::from_secs(1_700_000_000) };
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"exp":1700000000}"#);
/// ```
pub mod system_time {
    use super::*;
    use std::time::SystemTime;

    /// Serializes as a NumericDate.
    ///
    /// # Errors
    ///
    /// If the time is beyond the NumericDate range.
    pub fn serialize<S: Serializer>(t: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        NumericDate::from_system_time(*t)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    /// Deserializes from a NumericDate.
    ///
    /// # Errors
    ///
    /// If the value is not a NumericDate.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        NumericDate::deserialize(d).map(NumericDate::to_system_time)
    }
}

/// `chrono::DateTime<Utc>` as a NumericDate (feature `chrono`).
#[cfg(feature = "chrono")]
pub mod chrono_utc {
    use super::*;
    use chrono::{DateTime, Utc};

    /// Serializes as a NumericDate.
    ///
    /// # Errors
    ///
    /// If the time is beyond the NumericDate range.
    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        NumericDate::from_secs_nanos(t.timestamp(), t.timestamp_subsec_nanos())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    /// Deserializes from a NumericDate.
    ///
    /// # Errors
    ///
    /// If the value is not a NumericDate or is beyond chrono's range.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let n = NumericDate::deserialize(d)?;
        DateTime::from_timestamp(n.secs(), n.subsec_nanos())
            .ok_or_else(|| serde::de::Error::custom("NumericDate out of chrono's range"))
    }
}

/// `time::OffsetDateTime` as a NumericDate (feature `time`).
#[cfg(feature = "time")]
pub mod offset_date_time {
    use super::*;
    use time::OffsetDateTime;

    /// Serializes as a NumericDate.
    ///
    /// # Errors
    ///
    /// If the time is beyond the NumericDate range.
    pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        NumericDate::from_secs_nanos(t.unix_timestamp(), t.nanosecond())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    /// Deserializes from a NumericDate.
    ///
    /// # Errors
    ///
    /// If the value is not a NumericDate or is beyond time's range.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let n = NumericDate::deserialize(d)?;
        let nanos = i128::from(n.secs()) * 1_000_000_000 + i128::from(n.subsec_nanos());
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map_err(|_| serde::de::Error::custom("NumericDate out of time's range"))
    }
}
