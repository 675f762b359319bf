//! `NumericDate` and the claims reader read times exactly from `serde_json`'s text through
//! `serde_json`'s public raw-value protocol only, and still read them correctly from any
//! other deserializer.

use jwt_core::{JwtClaims, NumericDate};
use serde::de::value::{Error as ValueError, F64Deserializer, I64Deserializer, U64Deserializer};
use serde::de::{Deserialize, IntoDeserializer};
use serde_json::Value;

fn from_value(v: Value) -> Result<NumericDate, serde_json::Error> {
    NumericDate::deserialize(v)
}

/// `serde_json::Value` is a deserializer that is not `serde_json`'s text reader: it never
/// answers the raw-text request, and times still read as the numbers they are.
#[test]
fn times_read_from_a_value_and_from_plain_deserializers() {
    assert_eq!(
        from_value(Value::from(1_700_000_000u64)).unwrap().secs(),
        1_700_000_000
    );
    assert_eq!(from_value(Value::from(-5)).unwrap().secs(), -5);
    let half = from_value(Value::from(1.5)).unwrap();
    assert_eq!((half.secs(), half.subsec_nanos()), (1, 500_000_000));
    assert_eq!(half, NumericDate::parse_json_number("1.5").unwrap());
    assert!(from_value(Value::from(u64::MAX)).is_err());
    assert!(from_value(Value::from(9_007_199_254_740_992u64)).is_err());
    assert!(from_value(Value::from("1700000000")).is_err());
    assert!(from_value(Value::Null).is_err());
    let d: U64Deserializer<ValueError> = 1_700_000_000u64.into_deserializer();
    assert_eq!(NumericDate::deserialize(d).unwrap().secs(), 1_700_000_000);
    let d: I64Deserializer<ValueError> = (-1i64).into_deserializer();
    assert_eq!(NumericDate::deserialize(d).unwrap().secs(), -1);
    let d: F64Deserializer<ValueError> = 0.25f64.into_deserializer();
    assert_eq!(
        NumericDate::deserialize(d).unwrap().subsec_nanos(),
        250_000_000
    );
    // A whole claims object through a Value, too.
    let claims: JwtClaims =
        serde_json::from_value(serde_json::json!({"exp": 1700000000.5, "iss": "a"})).unwrap();
    assert_eq!(claims.registered.exp.unwrap().subsec_nanos(), 500_000_000);
}

/// From `serde_json`'s text a time is read exactly, finer than any float (the raw-text
/// protocol is in use), and written back exactly.
#[test]
fn times_read_from_serde_json_text_are_exact() {
    let fine = "1300819380.4000000000000001";
    let d: NumericDate = serde_json::from_str(fine).unwrap();
    let coarse: NumericDate = serde_json::from_str("1300819380.4").unwrap();
    assert!(d > coarse, "read through a float, the two would be equal");
    assert_eq!(d, NumericDate::parse_json_number(fine).unwrap());
    let back = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<NumericDate>(&back).unwrap(), d);
    // The same inside claims, and handed to a raw value without a second parse.
    let claims: JwtClaims = serde_json::from_str(&format!(r#"{{"exp":{fine}}}"#)).unwrap();
    assert_eq!(claims.registered.exp, Some(d));
}

/// No name private to `serde_json` (or to another crate) is written in jwt-core's sources:
/// the raw-text protocol is learned from `RawValue`'s and `Number`'s own impls.
#[test]
fn jwt_core_names_no_private_item_of_another_crate() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            seen += 1;
            for (i, line) in text.lines().enumerate() {
                assert!(
                    !line.contains("$serde_json") && !line.contains("::private::"),
                    "{}:{}: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
    assert!(seen > 20);
}
