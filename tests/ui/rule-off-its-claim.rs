use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct OffClaim {
    #[claims(exp, max_age = 60)]
    exp: NumericDate,
    #[claims(leeway = 5)]
    name: String,
    #[claims(iat, equals = 5)]
    iat: NumericDate,
    #[claims(equals = 1, one_of(1, 2))]
    role: u8,
}

fn main() {}
