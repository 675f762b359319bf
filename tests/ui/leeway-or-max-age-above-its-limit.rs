use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

// One second over jwt_core::LEEWAY_LIMIT (one day) and MAX_AGE_LIMIT (366 days).
#[derive(Claims, Serialize, Deserialize)]
#[claims(leeway = 86401)]
struct TooLenient {
    #[claims(exp, leeway = 18446744073709551615)]
    exp: NumericDate,
    #[claims(iat, max_age = 31622401, leeway = 90000)]
    iat: NumericDate,
}

fn main() {}
