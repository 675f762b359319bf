use jwt_core::Claims;
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct Times {
    #[claims(exp)]
    exp: String,
    #[claims(iat)]
    iat: f64,
    #[claims(nbf)]
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<u32>,
}

#[derive(Claims, Serialize, Deserialize)]
struct Foreign {
    #[claims(exp)]
    exp: std::time::SystemTime,
}

fn main() {}
