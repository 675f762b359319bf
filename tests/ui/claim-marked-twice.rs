use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Twice {
    #[claims(exp)]
    exp: NumericDate,
    #[claims(exp)]
    #[serde(rename = "exp")]
    expires: NumericDate,
    #[claims(aud)]
    aud: Audience,
    #[claims(aud)]
    #[serde(rename = "aud")]
    audience: Audience,
}

fn main() {}
