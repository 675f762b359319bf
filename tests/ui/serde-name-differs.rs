use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Renamed {
    #[claims(exp)]
    expires: NumericDate,
    #[claims(iat)]
    #[serde(rename = "issued")]
    iat: NumericDate,
    #[claims(sub)]
    #[serde(alias = "subject")]
    sub: String,
}

#[derive(Claims, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
struct Shouting {
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {}
