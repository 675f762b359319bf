use jwt_core::{Claims, Hs256Key, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
struct NoAudience {
    #[claims(exp)]
    exp: NumericDate,
    name: String,
}

fn main() {
    let key = Hs256Key::from_secret(&[0u8; 32]).unwrap();
    let _ = NoAudience::verifier(&key).audience("api");
    let _ = NoAudience::verifier(&key).issuer("me");
    let _ = NoAudience::verifier(&key).subject("42");
}
