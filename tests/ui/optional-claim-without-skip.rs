use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

type MaybeTime = Option<NumericDate>;

#[derive(Claims, Serialize, Deserialize)]
struct Optional {
    #[claims(exp)]
    exp: Option<NumericDate>,
}

// The check goes through the type, so an alias is seen as the Option it is.
#[derive(Claims, Serialize, Deserialize)]
struct Aliased {
    #[claims(nbf)]
    nbf: MaybeTime,
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {}
