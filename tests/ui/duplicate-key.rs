use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(typ = "JWT", typ = "at+jwt")]
struct Duplicates {
    #[claims(exp, exp)]
    exp: NumericDate,
    #[claims(iat, nbf)]
    iat: NumericDate,
    #[claims(len(max = 3), len(max = 4))]
    name: String,
}

fn main() {}
