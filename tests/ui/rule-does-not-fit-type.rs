use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Misfits {
    #[claims(exp, range(min = 1, max = 2))]
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
    #[claims(iss, equals = 1)]
    iss: String,
}

fn main() {}
