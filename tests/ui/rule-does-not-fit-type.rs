use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Misfits {
    #[claims(exp, range(min = 1, max = 2))]
    exp: NumericDate,
    #[claims(iss, equals = 1)]
    iss: String,
}

fn main() {}
