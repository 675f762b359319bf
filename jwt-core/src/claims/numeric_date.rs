//! `NumericDate` (RFC 7519 section 2): seconds since the epoch, integer or fraction.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::error::{truncate, Error, ErrorKind};
// Asked for first, to read fractions exactly; a deserializer that does not know it is
// read as a number instead.
use crate::json::names::CowStr;
use crate::json::raw::raw_value_request;

/// The largest magnitude accepted: 2^53 - 1 seconds, the integers every JSON implementation
/// holds exactly (RFC 7493 section 2.2).
pub const MAX_SECS: i64 = (1 << 53) - 1;

const NANOS: i128 = 1_000_000_000;

/// A point in time as JWT claims carry it: seconds since 1970-01-01T00:00:00Z UTC.
///
/// Values are exact: an integer in a token is kept as that integer (and serialized back
/// byte for byte), and a fraction is kept to the nanosecond, with any further non-zero digits
/// remembered, so that comparisons never round. `exp = 1300819380.4` is before
/// `1300819380.4000000001`, and both are after `1300819380`.
///
/// The magnitude is at most [`MAX_SECS`]; anything larger (`2^53`, `1e400`) is refused
/// when parsed.
///
/// Reading from `serde_json` takes the number's text, exactly; other deserializers (and
/// serde's buffering for `#[serde(flatten)]`) hand fractions over as a float, kept to the
/// float's shortest decimal. The verifier always checks registered claims from the token's
/// own text, and serializing always writes the exact value.
///
/// ```
/// use jwt_core::NumericDate;
/// let d: NumericDate = serde_json::from_str("1300819380").unwrap();
/// assert_eq!(d.secs(), 1300819380);
/// assert_eq!(serde_json::to_string(&d).unwrap(), "1300819380");
/// assert!(NumericDate::parse_json_number("1300819380.4").unwrap() > d);
/// assert!(NumericDate::parse_json_number("9007199254740992").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NumericDate {
    /// `2 * floor(value * 10^9) + (1 if value * 10^9 is not an integer)`: one exact, ordered
    /// integer per distinguishable value.
    scaled: i128,
}

impl NumericDate {
    /// The Unix epoch, `0`.
    pub const EPOCH: NumericDate = NumericDate { scaled: 0 };

    /// Whole seconds since the epoch.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaimType`] if `|secs|` is above [`MAX_SECS`].
    pub fn from_secs(secs: i64) -> Result<NumericDate, Error> {
        if secs.unsigned_abs() > MAX_SECS.unsigned_abs() {
            return Err(out_of_range());
        }
        Ok(NumericDate {
            scaled: i128::from(secs) * NANOS * 2,
        })
    }

    /// Seconds and nanoseconds since the epoch (`nanos` below one second).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaimType`] if the value is out of range or `nanos` is a second or more.
    pub fn from_secs_nanos(secs: i64, nanos: u32) -> Result<NumericDate, Error> {
        if i128::from(nanos) >= NANOS {
            return Err(out_of_range());
        }
        let value = i128::from(secs) * NANOS + i128::from(nanos);
        if value.abs() > i128::from(MAX_SECS) * NANOS {
            return Err(out_of_range());
        }
        Ok(NumericDate { scaled: value * 2 })
    }

    /// The current time of the system clock.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaimType`] if the system clock is beyond the range.
    pub fn now() -> Result<NumericDate, Error> {
        NumericDate::from_system_time(SystemTime::now())
    }

    /// Converts a `SystemTime`, keeping nanoseconds.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaimType`] if the time is more than 2^53 - 1 seconds from the epoch.
    pub fn from_system_time(t: SystemTime) -> Result<NumericDate, Error> {
        let (negative, d) = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => (false, d),
            Err(e) => (true, e.duration()),
        };
        let secs = i64::try_from(d.as_secs()).map_err(|_| out_of_range())?;
        let date = NumericDate::from_secs_nanos(secs, d.subsec_nanos())?;
        Ok(if negative { date.negate() } else { date })
    }

    /// Converts to a `SystemTime`, truncating below the nanosecond.
    #[must_use]
    pub fn to_system_time(self) -> SystemTime {
        let nanos = self.floor_nanos();
        let d = Duration::from_nanos(u64::try_from(nanos.unsigned_abs()).unwrap_or(u64::MAX));
        if nanos >= 0 {
            UNIX_EPOCH + d
        } else {
            UNIX_EPOCH - d
        }
    }

    /// Parses the text of a JSON number exactly, without going through a float.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaimType`] if the text is not a JSON number or its magnitude is
    /// above [`MAX_SECS`].
    pub fn parse_json_number(text: &str) -> Result<NumericDate, Error> {
        parse_decimal(text.as_bytes()).ok_or_else(|| {
            Error::with_detail(
                ErrorKind::InvalidClaimType("NumericDate".into()),
                "not a JSON number within +/-(2^53 - 1) seconds",
            )
        })
    }

    /// Whole seconds, rounded toward negative infinity.
    #[must_use]
    pub fn secs(self) -> i64 {
        // In range by construction: |secs| <= 2^53.
        i64::try_from(self.floor_nanos().div_euclid(NANOS)).unwrap_or(i64::MAX)
    }

    /// The nanoseconds past [`secs`](Self::secs), truncated.
    #[must_use]
    pub fn subsec_nanos(self) -> u32 {
        u32::try_from(self.floor_nanos().rem_euclid(NANOS)).unwrap_or(0)
    }

    /// Whether the value is a whole number of seconds.
    #[must_use]
    pub fn is_integer(self) -> bool {
        self.scaled.rem_euclid(NANOS * 2) == 0
    }

    /// This date plus `secs` seconds, or `None` if that leaves the range.
    #[must_use]
    pub fn checked_add_secs(self, secs: i64) -> Option<NumericDate> {
        let scaled = self.scaled.checked_add(i128::from(secs) * NANOS * 2)?;
        NumericDate::from_scaled(scaled)
    }

    /// The signed number of seconds from `earlier` to `self`, rounded toward negative infinity.
    #[must_use]
    pub fn secs_since(self, earlier: NumericDate) -> i64 {
        let diff = (self.scaled - earlier.scaled).div_euclid(NANOS * 2);
        i64::try_from(diff).unwrap_or(if diff > 0 { i64::MAX } else { i64::MIN })
    }

    pub(crate) fn scaled(self) -> i128 {
        self.scaled
    }

    /// Seconds expressed in the internal scale, for leeway arithmetic.
    pub(crate) fn scale_secs(secs: u64) -> i128 {
        i128::from(secs) * NANOS * 2
    }

    fn from_scaled(scaled: i128) -> Option<NumericDate> {
        (scaled.abs() <= i128::from(MAX_SECS) * NANOS * 2).then_some(NumericDate { scaled })
    }

    fn floor_nanos(self) -> i128 {
        self.scaled.div_euclid(2)
    }

    fn negate(self) -> NumericDate {
        NumericDate {
            scaled: -self.scaled,
        }
    }
}

fn out_of_range() -> Error {
    Error::with_detail(
        ErrorKind::InvalidClaimType("NumericDate".into()),
        "a NumericDate must be within +/-(2^53 - 1) seconds of the epoch",
    )
}

/// Exact parse of `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn parse_decimal(text: &[u8]) -> Option<NumericDate> {
    // The common case, a plain integer of at most 16 digits, without the general path.
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    if !digits.is_empty()
        && digits.len() <= 16
        && (digits[0] != b'0' || digits.len() == 1)
        && digits.iter().all(u8::is_ascii_digit)
    {
        let value = digits
            .iter()
            .fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
        if value > MAX_SECS {
            return None;
        }
        let scaled = i128::from(value) * NANOS * 2;
        return Some(NumericDate {
            scaled: if negative { -scaled } else { scaled },
        });
    }
    parse_decimal_general(text)
}

fn parse_decimal_general(text: &[u8]) -> Option<NumericDate> {
    let (negative, rest) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let int_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if int_len == 0 || (int_len > 1 && rest[0] == b'0') {
        return None;
    }
    let (int_digits, mut rest) = rest.split_at(int_len);
    let mut frac_digits: &[u8] = &[];
    if let Some((b'.', after)) = rest.split_first() {
        let n = after.iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        frac_digits = &after[..n];
        rest = &after[n..];
    }
    let mut exponent: i64 = 0;
    if let Some((b'e' | b'E', after)) = rest.split_first() {
        let (exp_negative, after) = match after.split_first() {
            Some((b'-', a)) => (true, a),
            Some((b'+', a)) => (false, a),
            _ => (false, after),
        };
        if after.is_empty() || !after.iter().all(u8::is_ascii_digit) {
            return None;
        }
        for &d in after {
            // Saturate: any exponent this large is out of range or rounds to zero anyway.
            exponent = (exponent * 10 + i64::from(d - b'0')).min(1_000_000);
        }
        if exp_negative {
            exponent = -exponent;
        }
        rest = &[];
    }
    if !rest.is_empty() {
        return None;
    }

    // All significant digits, and where the decimal point falls among them.
    let digits = || int_digits.iter().chain(frac_digits.iter()).copied();
    let leading_zeros = digits().take_while(|&d| d == b'0').count();
    let total = int_digits.len() + frac_digits.len();
    if leading_zeros == total {
        return Some(NumericDate::EPOCH);
    }
    let point = int_digits.len() as i64 + exponent - leading_zeros as i64;
    if point > 16 {
        // At least 10^16 > 2^53.
        return None;
    }
    let significant = || digits().skip(leading_zeros);
    let digit_at = |i: i64| -> u8 {
        // Digit i of the significant digits (0 is the first), zero past the end.
        if i < 0 {
            0
        } else {
            significant().nth(i as usize).map_or(0, |d| d - b'0')
        }
    };
    // Integer part: significant digits [0, point).
    let mut int_part: i128 = 0;
    for i in 0..point.max(0) {
        int_part = int_part * 10 + i128::from(digit_at(i));
    }
    // Nine fraction digits: significant digits [point, point + 9).
    let mut nanos: i128 = 0;
    for i in point..point + 9 {
        nanos = nanos * 10 + i128::from(digit_at(i));
    }
    let sig_len = (total - leading_zeros) as i64;
    let sticky = point + 9 < sig_len
        && significant()
            .skip(usize::try_from(point + 9).unwrap_or(0))
            .any(|d| d != b'0');
    let max = i128::from(MAX_SECS);
    if int_part > max || (int_part == max && (nanos > 0 || sticky)) {
        return None;
    }
    let scaled = (int_part * NANOS + nanos) * 2 + i128::from(sticky);
    Some(NumericDate {
        scaled: if negative { -scaled } else { scaled },
    })
}

impl fmt::Debug for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NumericDate({self})")
    }
}

impl fmt::Display for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.scaled.unsigned_abs();
        let sign = if self.scaled < 0 { "-" } else { "" };
        let floor_nanos = magnitude / 2;
        let sticky = magnitude % 2 == 1;
        let secs = floor_nanos / NANOS.unsigned_abs();
        let nanos = floor_nanos % NANOS.unsigned_abs();
        if nanos == 0 && !sticky {
            return write!(f, "{sign}{secs}");
        }
        let frac = format!("{nanos:09}");
        let frac = if sticky {
            frac
        } else {
            frac.trim_end_matches('0').to_owned()
        };
        write!(f, "{sign}{secs}.{frac}{}", if sticky { "..." } else { "" })
    }
}

impl NumericDate {
    /// The exact decimal text: `1300819380`, `1300819380.4`, `-1.5`; a value with digits
    /// beyond the nanosecond gets one more digit, which reads back as the same value.
    fn exact_text(self) -> String {
        let magnitude = self.scaled.unsigned_abs();
        let sign = if self.scaled < 0 { "-" } else { "" };
        let floor_nanos = magnitude / 2;
        let (secs, nanos) = (floor_nanos / 1_000_000_000, floor_nanos % 1_000_000_000);
        if magnitude % 2 == 1 {
            return format!("{sign}{secs}.{nanos:09}1");
        }
        if nanos == 0 {
            return format!("{sign}{secs}");
        }
        let frac = format!("{nanos:09}");
        format!("{sign}{secs}.{}", frac.trim_end_matches('0'))
    }
}

impl Serialize for NumericDate {
    /// Integers as JSON integers; fractions as a float when the float's shortest text is the
    /// exact value, otherwise (finer than a float holds) as the exact decimal through
    /// `serde_json`'s raw value, so that a token always carries the value exactly.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_integer() {
            return serializer.serialize_i64(self.secs());
        }
        let text = self.exact_text();
        if let Ok(float) = text.parse::<f64>() {
            if parse_decimal(format!("{float:?}").as_bytes()) == Some(*self) {
                return serializer.serialize_f64(float);
            }
        }
        serde_json::value::RawValue::from_string(text)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

/// Reads a NumericDate from a JSON number (through a float for fractions).
struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = NumericDate;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a NumericDate: a JSON number of seconds within +/-(2^53 - 1)")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
        i64::try_from(v)
            .ok()
            .and_then(|v| NumericDate::from_secs(v).ok())
            .ok_or_else(|| E::custom("NumericDate out of range"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
        NumericDate::from_secs(v).map_err(|_| E::custom("NumericDate out of range"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
        if !v.is_finite() {
            return Err(E::custom("NumericDate out of range"));
        }
        // Rust prints the shortest text that reads back as this float, which is the decimal
        // the token's author wrote whenever that fits in a float.
        let text = format!("{v:?}");
        parse_decimal(text.as_bytes()).ok_or_else(|| E::custom("NumericDate out of range"))
    }
}

/// Asks for the raw JSON text first, so that fractions are read exactly.
struct RawOrNumberVisitor;

impl<'de> Visitor<'de> for RawOrNumberVisitor {
    type Value = NumericDate;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        NumberVisitor.expecting(f)
    }
    /// `serde_json` answered with the raw text: one entry under the name of its request.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<NumericDate, A::Error> {
        let key: Option<CowStr<'de>> = map.next_key()?;
        let raw_key = key.as_ref().map(|k| &*k.0);
        if raw_key.is_none() || raw_key != raw_value_request() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &NumberVisitor));
        }
        let CowStr(raw) = map.next_value()?;
        if map.next_key::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &NumberVisitor));
        }
        parse_decimal(raw.as_bytes()).ok_or_else(|| {
            de::Error::custom(format_args!(
                "expected a NumericDate: a JSON number of seconds within +/-(2^53 - 1), found {}",
                truncate(&raw, 32)
            ))
        })
    }
    /// Any other deserializer: read the value as a number.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<NumericDate, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
        NumberVisitor.visit_u64(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
        NumberVisitor.visit_i64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
        NumberVisitor.visit_f64(v)
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `serde_json`'s raw-text request (see `json::raw`); any other name makes every
        // deserializer, `serde_json`'s included, hand over the number.
        let name = raw_value_request().unwrap_or("NumericDate");
        deserializer.deserialize_newtype_struct(name, RawOrNumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    /// An exact model of a decimal: sign, integer digits without leading zeros, fraction
    /// digits without trailing zeros.
    fn model(text: &str) -> (bool, String, String) {
        let (neg, rest) = text.strip_prefix('-').map_or((false, text), |r| (true, r));
        let (mantissa, exp) = match rest.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i64>().unwrap()),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: String = format!("{int}{frac}");
        let point = int.len() as i64 + exp;
        let (int, frac) = if point <= 0 {
            (
                String::new(),
                format!("{}{digits}", "0".repeat((-point) as usize)),
            )
        } else if point as usize >= digits.len() {
            (
                format!("{digits}{}", "0".repeat(point as usize - digits.len())),
                String::new(),
            )
        } else {
            (
                digits[..point as usize].to_owned(),
                digits[point as usize..].to_owned(),
            )
        };
        let int = int.trim_start_matches('0').to_owned();
        let frac = frac.trim_end_matches('0').to_owned();
        let zero = int.is_empty() && frac.is_empty();
        (neg && !zero, int, frac)
    }

    fn model_cmp(a: &(bool, String, String), b: &(bool, String, String)) -> Ordering {
        let magnitude = |x: &(bool, String, String), y: &(bool, String, String)| {
            x.1.len()
                .cmp(&y.1.len())
                .then_with(|| x.1.cmp(&y.1))
                .then_with(|| x.2.cmp(&y.2))
        };
        match (a.0, b.0) {
            (false, false) => magnitude(a, b),
            (true, true) => magnitude(b, a),
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
        }
    }

    /// Whether two model values agree to the nanosecond (same integer part and first nine
    /// fraction digits).
    fn same_nanosecond(a: &(bool, String, String), b: &(bool, String, String)) -> bool {
        let nine = |f: &str| format!("{f:0<9}")[..9].to_owned();
        a.0 == b.0 && a.1 == b.1 && nine(&a.2) == nine(&b.2)
    }

    fn number() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            "(0|[1-9][0-9]{0,15})",
            proptest::option::of("[0-9]{1,14}"),
            proptest::option::of(-20i64..20),
        )
            .prop_map(|(neg, int, frac, exp)| {
                let mut s = String::new();
                if neg {
                    s.push('-');
                }
                s.push_str(&int);
                if let Some(f) = frac {
                    s.push('.');
                    s.push_str(&f);
                }
                if let Some(e) = exp {
                    s.push_str(&format!("e{e}"));
                }
                s
            })
    }

    proptest! {
        /// Comparisons agree with the exact model: never inverted, equal only within the
        /// same nanosecond, and exact against whole nanoseconds (what clocks give).
        #[test]
        fn comparisons_agree_with_an_exact_model(a in number(), b in number()) {
            let (Some(x), Some(y)) = (parse_decimal(a.as_bytes()), parse_decimal(b.as_bytes())) else {
                return Ok(());
            };
            let (ma, mb) = (model(&a), model(&b));
            let exact = model_cmp(&ma, &mb);
            let ours = x.cmp(&y);
            if ours == Ordering::Equal {
                prop_assert!(exact == Ordering::Equal || same_nanosecond(&ma, &mb), "{a} {b}");
            } else {
                prop_assert_eq!(ours, exact, "{} vs {}", a, b);
            }
            if ma.2.len() <= 9 || mb.2.len() <= 9 {
                prop_assert_eq!(ours, exact, "{} vs {} (one on a nanosecond)", a, b);
            }
        }

        /// The range check agrees with the model: within +/-(2^53 - 1) is accepted.
        #[test]
        fn range_agrees_with_the_model(a in number()) {
            let m = model(&a);
            let max = (false, MAX_SECS.to_string(), String::new());
            let min = (true, MAX_SECS.to_string(), String::new());
            let in_range = model_cmp(&m, &max) != Ordering::Greater && model_cmp(&m, &min) != Ordering::Less;
            prop_assert_eq!(parse_decimal(a.as_bytes()).is_some(), in_range, "{}", a);
        }
    }

    fn p(s: &str) -> Option<NumericDate> {
        parse_decimal(s.as_bytes())
    }

    #[test]
    fn integers_and_fractions_parse_exactly() {
        assert_eq!(p("0"), Some(NumericDate::EPOCH));
        assert_eq!(p("-0"), Some(NumericDate::EPOCH));
        assert_eq!(p("0.0e5"), Some(NumericDate::EPOCH));
        assert_eq!(p("1300819380").unwrap().secs(), 1_300_819_380);
        assert_eq!(p("1.30081938e9"), p("1300819380"));
        assert_eq!(p("130081938000e-2"), p("1300819380"));
        let d = p("1300819380.4").unwrap();
        assert_eq!((d.secs(), d.subsec_nanos()), (1_300_819_380, 400_000_000));
        assert!(!d.is_integer());
        let tiny = p("1300819380.0000000001").unwrap();
        assert!(tiny > p("1300819380").unwrap());
        assert!(tiny < p("1300819380.000000001").unwrap());
        assert_eq!(tiny.to_string(), "1300819380.000000000...");
        assert_eq!(d.to_string(), "1300819380.4");
        let neg = p("-1.5").unwrap();
        assert_eq!((neg.secs(), neg.subsec_nanos()), (-2, 500_000_000));
        assert!(p("-1.0000000001").unwrap() < p("-1").unwrap());
        assert!(p("-1.0000000001").unwrap() > p("-1.000000001").unwrap());
        assert_eq!(p("-1.5").unwrap().to_string(), "-1.5");
    }

    #[test]
    fn range_is_2_pow_53_minus_1() {
        assert_eq!(p("9007199254740991").unwrap().secs(), MAX_SECS);
        assert_eq!(p("-9007199254740991").unwrap().secs(), -MAX_SECS);
        assert_eq!(p("9007199254740992"), None);
        assert_eq!(p("9007199254740991.5"), None);
        assert_eq!(p("9007199254740991.0000000000001"), None);
        assert_eq!(p("9007199254740991.000"), p("9007199254740991"));
        assert_eq!(p("1e400"), None);
        assert_eq!(p("1e16"), None);
        assert_eq!(p("1e-400"), Some(NumericDate { scaled: 1 }));
        assert_eq!(p("1e999999999999999999999"), None);
        assert!(NumericDate::from_secs(MAX_SECS).is_ok());
        assert!(NumericDate::from_secs(MAX_SECS + 1).is_err());
        assert!(NumericDate::from_secs(i64::MIN).is_err());
        assert_eq!(
            NumericDate::from_secs(MAX_SECS)
                .unwrap()
                .checked_add_secs(1),
            None
        );
    }

    #[test]
    fn not_numbers_are_refused() {
        for s in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1x", "NaN", "\"1\"", "1 ",
        ] {
            assert_eq!(p(s), None, "{s:?}");
        }
    }

    #[test]
    fn serde_is_strict_and_integers_round_trip() {
        for s in ["0", "1300819380", "-5", "9007199254740991"] {
            let d: NumericDate = serde_json::from_str(s).unwrap();
            assert_eq!(serde_json::to_string(&d).unwrap(), s);
        }
        let d: NumericDate = serde_json::from_str("1300819380.4").unwrap();
        assert_eq!(d, p("1300819380.4").unwrap());
        for bad in [
            "null",
            "\"1300819380\"",
            "true",
            "[1]",
            "{}",
            "1e400",
            "9007199254740992",
        ] {
            assert!(serde_json::from_str::<NumericDate>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fractions_deserialize_exactly_from_serde_json() {
        let exact = p("1700000206.000000001").unwrap();
        assert_eq!(
            serde_json::from_str::<NumericDate>("1700000206.000000001").unwrap(),
            exact
        );
        let v: serde_json::Value = serde_json::from_str("1700000206.000000001").unwrap();
        // A Value holds a float; the float's value is what it gives.
        assert_eq!(
            serde_json::from_value::<NumericDate>(v).unwrap(),
            p("1700000206").unwrap()
        );
        // The raw protocol never turns a JSON object or string into a date, not even an
        // object keyed by the protocol's own name.
        let raw_name = crate::json::raw::raw_value_request().unwrap();
        for bad in [
            format!(r#"{{"{raw_name}":"1"}}"#),
            r#""1""#.to_owned(),
            "[1]".to_owned(),
            "{}".to_owned(),
        ] {
            assert!(serde_json::from_str::<NumericDate>(&bad).is_err(), "{bad}");
        }
        #[derive(serde::Deserialize)]
        struct Flat {
            #[serde(flatten)]
            inner: Inner,
        }
        #[derive(serde::Deserialize)]
        struct Inner {
            t: NumericDate,
        }
        // Through serde's buffering (flatten): numbers only, read as a float.
        let f: Flat = serde_json::from_str(r#"{"t":1700000206.5}"#).unwrap();
        assert_eq!(f.inner.t, p("1700000206.5").unwrap());
        for bad in [
            format!(r#"{{"t":{{"{raw_name}":"1"}}}}"#),
            r#"{"t":"1"}"#.to_owned(),
        ] {
            assert!(serde_json::from_str::<Flat>(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fractions_serialize_exactly() {
        for (text, json) in [
            ("1300819380.4", "1300819380.4"),
            ("1700000206.000001", "1700000206.000001"),
            ("-1.5", "-1.5"),
            ("0.000000001", "1e-9"),
            ("1700000206.000000001", "1700000206.000000001"),
        ] {
            let d = p(text).unwrap();
            assert_eq!(serde_json::to_string(&d).unwrap(), json);
            assert_eq!(p(json), Some(d));
        }
        // Beyond the nanosecond: one more digit, the same value.
        let d = p("1700000206.0000000012345").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "1700000206.0000000011");
        assert_eq!(p(&json), Some(d));
        let d = p("-1700000206.0000000012345").unwrap();
        assert_eq!(p(&serde_json::to_string(&d).unwrap()), Some(d));
    }

    #[test]
    fn system_time_conversions() {
        let t = UNIX_EPOCH + Duration::new(1_700_000_000, 250);
        let d = NumericDate::from_system_time(t).unwrap();
        assert_eq!((d.secs(), d.subsec_nanos()), (1_700_000_000, 250));
        assert_eq!(d.to_system_time(), t);
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        let d = NumericDate::from_system_time(before).unwrap();
        assert_eq!((d.secs(), d.subsec_nanos()), (-2, 500_000_000));
        assert_eq!(d.to_system_time(), before);
    }

    #[test]
    fn system_time_at_the_ends_of_the_range_is_as_secs_and_nanos_say() {
        let max = MAX_SECS.unsigned_abs();
        for (secs, nanos) in [
            (0, 0),
            (0, 999_999_999),
            (max - 1, 999_999_999),
            (max, 0),
            (max, 1),
            (max + 1, 0),
            (u64::MAX, 999_999_999),
        ] {
            let Some(t) = UNIX_EPOCH.checked_add(Duration::new(secs, nanos)) else {
                continue;
            };
            let expected = i64::try_from(secs)
                .map_err(|_| ())
                .and_then(|s| NumericDate::from_secs_nanos(s, nanos).map_err(|_| ()));
            let got = NumericDate::from_system_time(t).map_err(|_| ());
            assert_eq!(got, expected, "{secs} {nanos}");
        }
        assert!(NumericDate::from_system_time(UNIX_EPOCH + Duration::new(max, 1)).is_err());
        assert!(NumericDate::from_system_time(UNIX_EPOCH + Duration::new(max, 0)).is_ok());
    }
}
