use jwt_core::Claims;
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
enum Role {
    Admin,
}

#[derive(Claims, Serialize, Deserialize)]
struct Tuple(u64);

#[derive(Claims)]
union Bits {
    a: u32,
}

fn main() {}
