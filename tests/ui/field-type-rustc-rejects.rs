use jwt_core::Claims;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Issuer {
    name: String,
}

#[derive(Serialize, Deserialize)]
struct Stamp(u64);

fn wrong_signature(_: &u8) -> Result<(), jwt_core::RuleError> {
    Ok(())
}

#[derive(Claims, Serialize, Deserialize)]
struct Custom {
    #[claims(exp)]
    exp: Stamp,
    #[claims(iss)]
    iss: Issuer,
    #[claims(len(max = 3))]
    tags: Issuer,
    #[claims(validate = wrong_signature)]
    name: String,
}

fn main() {}
