use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(lifetime(min = 100, max = 10))]
struct Inverted {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(iat)]
    iat: NumericDate,
    #[claims(len(min = 5, max = 1))]
    name: String,
    #[claims(range(min = 10, max = -10))]
    level: i32,
    #[claims(len())]
    empty: String,
}

fn main() {}
