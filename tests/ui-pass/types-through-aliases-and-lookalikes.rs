// What a field is (optional, a time, a string) is decided by its type through traits, never
// by the name it is written with: aliases work, and a user type that shares a std type's name
// is just that type. Runs: each struct signs, verifies, and its rules hold.
use jwt_core::{Claims, ErrorKind, FixedClock, Hs256Key, NumericDate, RuleError};
use serde::{Deserialize, Serialize};

type Secs = u64;
type MaybeTime = Option<NumericDate>;
type Name = String;
type Level = u8;
type Names = Vec<String>;

mod lookalike {
    use serde::{Deserialize, Serialize};

    /// Not std's Option: always holds a value.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    pub struct Option<T>(pub T);

    /// Not std's Vec.
    #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
    pub struct Vec {
        pub first: String,
    }
}

fn positive(v: &lookalike::Option<i32>) -> Result<(), RuleError> {
    if v.0 > 0 {
        Ok(())
    } else {
        Err(RuleError::new("must be positive"))
    }
}

fn non_empty(v: &lookalike::Vec) -> Result<(), RuleError> {
    if v.first.is_empty() {
        Err(RuleError::new("must not be empty"))
    } else {
        Ok(())
    }
}

#[derive(Claims, Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Aliased {
    #[claims(sub, len(max = 8))]
    sub: Name,
    // An optional exp through an alias: tokens without one are accepted.
    #[claims(exp)]
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: MaybeTime,
    #[claims(iat)]
    iat: Secs,
    #[claims(range(min = 1, max = 3))]
    level: Level,
    #[claims(len(min = 1))]
    roles: Names,
}

#[derive(Claims, Deserialize, Debug, Clone, PartialEq)]
#[claims(serialize)]
struct AliasedWritten {
    #[claims(sub)]
    sub: Name,
    #[claims(exp)]
    exp: Secs,
    roles: Names,
}

#[derive(Claims, Deserialize, Debug, Clone, PartialEq)]
#[claims(serialize)]
struct Lookalikes {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(validate = positive)]
    count: lookalike::Option<i32>,
    #[claims(validate = non_empty)]
    list: lookalike::Vec,
}

fn main() {
    let key = Hs256Key::from_secret(b"test-secret-0123456789abcdef-HS2").unwrap();
    let clock = FixedClock::at_secs(1_700_000_000).unwrap();

    let aliased = Aliased {
        sub: "alice".into(),
        exp: None,
        iat: 1_700_000_000,
        level: 2,
        roles: vec!["admin".into()],
    };
    let token = aliased.sign_with_clock(&key, &clock).unwrap();
    let verified = Aliased::verifier(&key).clock(clock).verify(&token).unwrap();
    assert_eq!(verified, aliased);
    let mut high = aliased.clone();
    high.level = 4;
    let err = high.sign_with_clock(&key, &clock).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidClaim("level".into()));

    let written = AliasedWritten {
        sub: "bob".into(),
        exp: 1_700_003_600,
        roles: vec!["a".into(), "b".into()],
    };
    let token = written.sign_with_clock(&key, &clock).unwrap();
    assert_eq!(
        AliasedWritten::verifier(&key).clock(clock).verify(&token).unwrap(),
        written
    );
    assert_eq!(
        serde_json::to_string(&written).unwrap(),
        r#"{"sub":"bob","exp":1700003600,"roles":["a","b"]}"#
    );

    let look = Lookalikes {
        exp: NumericDate::from_secs(1_700_003_600).unwrap(),
        count: lookalike::Option(3),
        list: lookalike::Vec { first: "x".into() },
    };
    let token = look.sign_with_clock(&key, &clock).unwrap();
    assert_eq!(
        Lookalikes::verifier(&key).clock(clock).verify(&token).unwrap(),
        look
    );
    let mut zero = look.clone();
    zero.count = lookalike::Option(0);
    let err = zero.sign_with_clock(&key, &clock).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidClaim("count".into()));
}
