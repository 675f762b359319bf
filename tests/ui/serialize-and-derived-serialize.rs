// With `#[claims(serialize)]` the derive implements `Serialize`; deriving it as well is a
// conflict rustc reports, so one of the two always goes.
use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(serialize)]
struct Twice {
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {}
