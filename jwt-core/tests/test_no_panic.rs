//! No panic on any input: every truncation and many mutations of valid tokens, verified and
//! read unverified, each ending in a specific refusal.

mod common;

use common::{clock, token};
use jwt_core::dangerous::decode_unverified;
use jwt_core::{decode, ErrorKind, JwtClaims, Validation};

fn inputs() -> Vec<String> {
    vec![
        token(r#"{"exp":1700000060,"sub":"x","aud":["a"],"n":{"m":[1,2,{"o":null}]}}"#),
        common::raw_token(
            r#"{"alg":"HS256","kid":"k","typ":"JWT","crit":["x"]}"#,
            r#"{"exp":1}"#,
        ),
        common::raw_token(
            r#"{"alg":"HS256"}"#,
            r#"{"exp":1.5e9,"nbf":-1,"iat":0.000000001}"#,
        ),
    ]
}

/// Refusals a mutated token may legitimately get.
fn is_refusal(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::MalformedToken
            | ErrorKind::MalformedHeader
            | ErrorKind::MalformedClaims
            | ErrorKind::LimitExceeded
            | ErrorKind::AlgorithmNotAllowed
            | ErrorKind::UnsupportedCriticalHeader
            | ErrorKind::InvalidSignature
            | ErrorKind::InvalidClaimType(_)
            | ErrorKind::MissingClaim(_)
            | ErrorKind::Expired
            | ErrorKind::NotYetValid
            | ErrorKind::InvalidAudience
    )
}

fn exercise(candidate: &str, original: &str) {
    let clock = clock();
    let v = Validation::new().clock(clock).audience("a");
    let result = decode::verify::<JwtClaims>(candidate, &common::key(), &v);
    if candidate != original {
        let err = result.expect_err(candidate);
        assert!(is_refusal(err.kind()), "{candidate}: {err:?}");
    }
    // Reading unverified must never panic either; its answer is not judged here.
    let _ = decode_unverified(candidate);
}

#[test]
fn truncations() {
    for t in inputs() {
        for end in 0..t.len() {
            exercise(&t[..end], &t);
        }
        for start in 1..t.len() {
            exercise(&t[start..], &t);
        }
    }
}

#[test]
fn substitutions_insertions_and_deletions() {
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u{0}\u{e9}"
            .chars()
            .collect();
    for t in inputs() {
        let chars: Vec<char> = t.chars().collect();
        for i in 0..chars.len() {
            // Deletion.
            let mut c = chars.clone();
            c.remove(i);
            exercise(&c.iter().collect::<String>(), &t);
            // A spread of substitutions and insertions (every 7th alphabet letter, offset by i).
            for j in (i % 7..alphabet.len()).step_by(7) {
                let mut c = chars.clone();
                if c[i] != alphabet[j] {
                    c[i] = alphabet[j];
                    exercise(&c.iter().collect::<String>(), &t);
                }
                let mut c = chars.clone();
                c.insert(i, alphabet[j]);
                exercise(&c.iter().collect::<String>(), &t);
            }
        }
    }
}

#[test]
fn hostile_documents_under_a_valid_mac() {
    let bodies = [
        "{".repeat(10_000),
        "[".repeat(10_000),
        format!(r#"{{"exp":1700000060,"s":"{}"}}"#, "\\u".repeat(1000)),
        r#"{"exp":1700000060,"s":"\udfff"}"#.to_owned(),
        r#"{"exp":1e99999999999999999999}"#.to_owned(),
        r#"{"exp":-0.0e-0}"#.to_owned(),
        r#"{"exp":1700000060,"aud":[]}"#.to_owned(),
        "\u{0}".to_owned(),
        String::new(),
    ];
    for body in bodies {
        let t = token(&body);
        let clock = clock();
        let v = Validation::new().clock(clock).max_size(1 << 20);
        let err = decode::verify::<JwtClaims>(&t, &common::key(), &v).unwrap_err();
        assert!(is_refusal(err.kind()), "{body:.40}: {err:?}");
    }
}
