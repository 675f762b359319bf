use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(crate = "not a path!")]
struct NotAPath {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Serialize, Deserialize)]
#[claims(crate = "jwt_kore")]
struct NoSuchCrate {
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {}
