use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Optional {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(sub)]
    #[serde(skip)]
    sub: String,
    #[claims(jti)]
    #[serde(flatten)]
    jti: std::collections::BTreeMap<String, String>,
}

fn main() {}
