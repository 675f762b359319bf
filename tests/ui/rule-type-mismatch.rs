// Rules whose fit depends on the field's type are checked by rustc through traits, so the
// errors point at the field or the literal and an alias of a fitting type is accepted.
use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Misfits {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(len(max = 3))]
    role: u8,
    #[claims(range(min = 1, max = 10))]
    name: String,
    #[claims(equals = 5)]
    topic: String,
    #[claims(equals = "admin")]
    level: u32,
    #[claims(one_of(-1, 0))]
    count: u64,
    #[claims(range(min = 300))]
    small: u8,
    #[claims(equals = true)]
    admin: String,
    #[claims(equals = 1.5)]
    ratio: u32,
}

fn main() {}
