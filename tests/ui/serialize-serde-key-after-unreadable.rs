// Under `#[claims(serialize)]` the derive writes `Serialize` from the serde attributes it
// reads; a key it cannot read is refused, and so is every unimplemented key after it (one
// unreadable key does not stop the reading).
use jwt_core::{Claims, NumericDate};
use serde::Deserialize;

#[derive(Claims, Deserialize)]
#[claims(serialize)]
struct FieldKeys {
    #[claims(exp)]
    exp: NumericDate,
    #[serde(rename = 5, getter = "level")]
    level: u8,
    #[serde(alias = 1, skip_serializing)]
    secret: u8,
}

#[derive(Claims, Deserialize)]
#[claims(serialize)]
#[serde(rename_all = 7, tag = "kind")]
struct StructKeys {
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {}
