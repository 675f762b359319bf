//! Property tests: sign-then-verify round trips over generated claims, and every
//! single-character change to a valid token is refused.

use jwt_core::{Audience, Claims, FixedClock, Hs256Key, NumericDate};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

const NOW: i64 = 1_700_000_000;

fn key() -> Hs256Key {
    Hs256Key::from_secret(b"property-test-key-0123456789abcd").unwrap()
}

#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[claims(lifetime(min = 1, max = 86400))]
struct Generated {
    #[claims(sub, len(min = 1, max = 40))]
    sub: String,
    #[claims(aud)]
    aud: Audience,
    #[claims(exp)]
    exp: NumericDate,
    #[claims(iat)]
    iat: i64,
    #[claims(range(min = 0, max = 3))]
    role: u8,
    #[claims(len(max = 5))]
    scopes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    score: f64,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        "\\PC{1,40}",
        prop_oneof![
            "[a-z]{1,10}".prop_map(Audience::One),
            proptest::collection::vec("[a-z]{1,10}", 1..4).prop_map(Audience::Many),
        ],
        1i64..86400,
        0u32..1_000_000_000,
        0i64..1000,
        0u8..=3,
        proptest::collection::vec("\\PC{0,12}", 0..=5),
        proptest::option::of("\\PC{0,30}"),
        -1e9f64..1e9,
    )
        .prop_map(
            |(sub, aud, lifetime, nanos, age, role, scopes, note, score)| Generated {
                sub,
                aud,
                exp: NumericDate::from_secs_nanos(NOW - age + lifetime, nanos).unwrap(),
                iat: NOW - age,
                role,
                scopes,
                note,
                score,
            },
        )
}

proptest! {
    #[test]
    fn sign_then_verify_round_trips(claims in generated()) {
        let clock = FixedClock::at_secs(NOW).unwrap();
        let audience = claims.aud.iter().next().unwrap().to_owned();
        let result = claims.sign_with_clock(&key(), &clock);
        // exp - iat may fall below the lifetime minimum, or exp before now: refused on sign.
        let exp_ok = claims.exp > NumericDate::from_secs(NOW).unwrap();
        let lifetime_ok = claims.exp >= NumericDate::from_secs(claims.iat + 1).unwrap();
        prop_assert_eq!(result.is_ok(), exp_ok && lifetime_ok, "{:?}", result);
        if let Ok(token) = result {
            let k = key();
            let back = Generated::verifier(&k).audience(audience).clock(clock).verify(&token).unwrap();
            prop_assert_eq!(back, claims);
        }
    }

    #[test]
    fn any_single_character_change_is_refused(claims in generated(), position in any::<prop::sample::Index>(), ch in "[A-Za-z0-9_.=+/ -]", op in 0u8..3) {
        let clock = FixedClock::at_secs(NOW).unwrap();
        let Ok(token) = claims.sign_with_clock(&key(), &clock) else { return Ok(()) };
        let mut chars: Vec<char> = token.chars().collect();
        let i = position.index(chars.len());
        let c = ch.chars().next().unwrap();
        match op {
            0 if chars[i] != c => chars[i] = c,
            0 => return Ok(()),
            1 => chars.insert(i, c),
            _ => { chars.remove(i); }
        }
        let changed: String = chars.into_iter().collect();
        let k = key();
        let audience = claims.aud.iter().next().unwrap().to_owned();
        prop_assert!(Generated::verifier(&k).audience(audience).clock(clock).verify(&changed).is_err());
    }
}

/// Every substitution, insertion and deletion of one character, exhaustively, on one token.
#[test]
fn every_single_character_change_of_one_token_is_refused() {
    let clock = FixedClock::at_secs(NOW).unwrap();
    let claims = Generated {
        sub: "user".into(),
        aud: "api".into(),
        exp: NumericDate::from_secs(NOW + 60).unwrap(),
        iat: NOW,
        role: 1,
        scopes: vec!["read".into()],
        note: None,
        score: 0.5,
    };
    let token = claims.sign_with_clock(&key(), &clock).unwrap();
    let k = key();
    let verifier = Generated::verifier(&k).audience("api").clock(clock);
    assert!(verifier.verify(&token).is_ok());
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ "
            .chars()
            .collect();
    let chars: Vec<char> = token.chars().collect();
    let mut tried = 0;
    for i in 0..=chars.len() {
        for &c in &alphabet {
            let mut inserted = chars.clone();
            inserted.insert(i, c);
            assert!(verifier
                .verify(&inserted.iter().collect::<String>())
                .is_err());
            tried += 1;
            if i < chars.len() && chars[i] != c {
                let mut substituted = chars.clone();
                substituted[i] = c;
                assert!(verifier
                    .verify(&substituted.iter().collect::<String>())
                    .is_err());
                tried += 1;
            }
        }
        if i < chars.len() {
            let mut deleted = chars.clone();
            deleted.remove(i);
            assert!(verifier
                .verify(&deleted.iter().collect::<String>())
                .is_err());
            tried += 1;
        }
    }
    assert!(tried > 20_000, "{tried}");
}
