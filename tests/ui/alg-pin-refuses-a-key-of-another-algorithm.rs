use jwt_core::{Claims, Hs256Key, KeySet, NumericDate};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(alg = "ES256")]
struct Pinned {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Serialize, Deserialize)]
#[claims(alg = "HS512")]
struct Hmac512 {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Serialize, Deserialize)]
#[claims(alg = "ES999")]
struct Unknown {
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {
    let key = Hs256Key::from_secret(&[1; 32]).unwrap();
    let exp = NumericDate::from_secs(1).unwrap();
    let _ = Pinned { exp }.sign(&key);
    let _ = Pinned::verifier(&key);
    let _ = Hmac512::verify("", &key);
    let _ = jwt_core::decode::verify::<Hmac512>("", &key, &jwt_core::Validation::new());
    // A key set fits any pinned type: its keys of other algorithms are refused at run time.
    let _ = Pinned::verifier(KeySet::new());
}
