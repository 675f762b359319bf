//! Showing NumericDates to people: UTC, and relative to now ("in 59m", "3h ago").

use jwt_core::NumericDate;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `2023-11-14T22:13:20Z`, or the number itself when it is beyond the calendar's range.
pub fn utc(date: NumericDate) -> String {
    OffsetDateTime::from_unix_timestamp(date.secs())
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("{date} seconds"))
}

/// A duration in its largest whole unit: `5s`, `59m`, `3h`, `12d`.
pub fn span(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m", secs / 60),
        3600..=86_399 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    }
}

/// `in 59m` or `3h ago`.
pub fn relative(date: NumericDate, now: NumericDate) -> String {
    let diff = date.secs_since(now);
    if diff >= 0 {
        format!("in {}", span(diff.unsigned_abs()))
    } else {
        format!("{} ago", span(diff.unsigned_abs()))
    }
}

/// A line describing one time claim, like `exp  2023-11-14T22:13:20Z  (expired 3h ago)`.
pub fn describe(claim: &str, date: NumericDate, now: NumericDate) -> String {
    let past = date <= now;
    let rel = relative(date, now);
    let note = match (claim, past) {
        ("exp", true) => format!("expired {rel}"),
        ("exp", false) => format!("expires {rel}"),
        ("nbf", true) => format!("valid since {rel}"),
        ("nbf", false) => format!("not valid until {rel}"),
        ("iat", _) => format!("issued {rel}"),
        _ => rel,
    };
    format!("{claim}: {} ({note})", utc(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(secs: i64) -> NumericDate {
        NumericDate::from_secs(secs).unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(utc(d(1_700_000_000)), "2023-11-14T22:13:20Z");
        assert_eq!(span(59), "59s");
        assert_eq!(span(3599), "59m");
        assert_eq!(span(3 * 3600 + 5), "3h");
        assert_eq!(span(86_400 * 2), "2d");
        assert_eq!(relative(d(100), d(105)), "5s ago");
        assert_eq!(relative(d(100 + 3599), d(100)), "in 59m");
        assert_eq!(
            describe("exp", d(1_700_000_000), d(1_700_010_800)),
            "exp: 2023-11-14T22:13:20Z (expired 3h ago)"
        );
        assert_eq!(
            describe("exp", d(1_700_003_599), d(1_700_000_000)),
            "exp: 2023-11-14T23:13:19Z (expires in 59m)"
        );
        assert_eq!(utc(d(jwt_core::MAX_SECS)), "9007199254740991 seconds");
    }
}
