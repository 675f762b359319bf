use jwt_core::{Claims, KeySet};
use serde::{Deserialize, Serialize};

// Serde alone, without `#[derive(Claims)]`.
#[derive(Serialize, Deserialize)]
struct Session {
    sub: String,
    exp: u64,
}

// A key set fits every claims type, pinned or not: no `KeyFor` bound is needed here.
fn verify_any<C: Claims>(token: &str, keys: &KeySet) -> Option<C> {
    C::verify(token, keys).ok()
}

fn main() {
    let _ = verify_any::<Session>("a.b.c", &KeySet::new());
}
