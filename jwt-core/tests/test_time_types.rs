//! Time claims held as chrono and time types (features `chrono` and `time`), through the
//! serde adapters the derive asks for.
#![cfg(all(feature = "derive", feature = "chrono", feature = "time"))]

use jwt_core::{Claims, ErrorKind, FixedClock, Hs256Key};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize, Debug, PartialEq)]
#[claims(lifetime(min = 60, max = 3600))]
struct Foreign {
    #[claims(exp)]
    #[serde(with = "jwt_core::serde_as::chrono_utc")]
    exp: chrono::DateTime<chrono::Utc>,
    #[claims(iat)]
    #[serde(with = "jwt_core::serde_as::offset_date_time")]
    iat: time::OffsetDateTime,
}

const NOW: i64 = 1_700_000_000;

#[test]
fn chrono_and_time_fields_are_numeric_dates() {
    let key = Hs256Key::from_secret(&[9; 32]).unwrap();
    let claims = Foreign {
        exp: chrono::DateTime::from_timestamp(NOW + 600, 0).unwrap(),
        iat: time::OffsetDateTime::from_unix_timestamp(NOW).unwrap(),
    };
    assert_eq!(
        serde_json::to_string(&claims).unwrap(),
        r#"{"exp":1700000600,"iat":1700000000}"#
    );
    let clock = FixedClock::at_secs(NOW).unwrap();
    let token = claims.sign_with_clock(&key, &clock).unwrap();
    assert_eq!(
        Foreign::verifier(&key).clock(clock).verify(&token).unwrap(),
        claims
    );

    // The same rules hold: a lifetime one second too long is refused before signing.
    let too_long = Foreign {
        exp: chrono::DateTime::from_timestamp(NOW + 3601, 0).unwrap(),
        iat: time::OffsetDateTime::from_unix_timestamp(NOW).unwrap(),
    };
    assert_eq!(
        too_long.sign_with_clock(&key, &clock).unwrap_err().kind(),
        &ErrorKind::InvalidClaim("exp".into())
    );
    // And the token expires on time.
    let later = FixedClock::at_secs(NOW + 600).unwrap();
    assert_eq!(
        Foreign::verifier(&key)
            .clock(later)
            .verify(&token)
            .unwrap_err()
            .kind(),
        &ErrorKind::Expired
    );
}
