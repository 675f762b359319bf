use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(lifetime(min = 60, max = 3600))]
struct NoIat {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Serialize, Deserialize)]
struct NoExp {
    #[claims(sub)]
    sub: String,
}

fn main() {}
