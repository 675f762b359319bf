use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(typo = "JWT")]
struct Misspelled {
    #[claims(exq)]
    exp: NumericDate,
    #[claims(one_off(0, 1))]
    role: u8,
    #[claims(lifetime(min = 1, max = 2))]
    name: String,
    #[claims(frobnicate)]
    other: String,
}

fn main() {}
