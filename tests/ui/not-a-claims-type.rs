use jwt_core::{Claims, Hs256Key};
use serde::{Deserialize, Serialize};

// Serde alone, without `#[derive(Claims)]`.
#[derive(Serialize, Deserialize)]
struct Session {
    sub: String,
    exp: u64,
}

fn verify_any<C: Claims>(token: &str, key: &Hs256Key) -> Option<C> {
    C::verify(token, key).ok()
}

fn main() {
    let key = Hs256Key::from_secret(&[0u8; 32]).unwrap();
    let _ = verify_any::<Session>("a.b.c", &key);
}
