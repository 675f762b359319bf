use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Unmarked {
    #[claims(exp)]
    exp: NumericDate,
    nbf: u64,
    #[serde(rename = "aud")]
    audience: String,
    #[serde(alias = "iss")]
    issuer: String,
}

#[derive(Claims, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(non_snake_case)]
struct ByRenameAll {
    #[claims(exp)]
    exp: NumericDate,
    JTI: String,
}

fn main() {}
