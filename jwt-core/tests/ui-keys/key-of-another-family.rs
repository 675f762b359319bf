use jwt_core::{Claims, Ed25519Key, Es256Key, KeySet, NumericDate, Ps256Key, Rs256Key};
use serde::{Deserialize, Serialize};

#[derive(Claims, Serialize, Deserialize)]
#[claims(alg = "ES256")]
struct Es256Only {
    #[claims(exp)]
    exp: NumericDate,
}

#[derive(Claims, Serialize, Deserialize)]
#[claims(alg = "RS256")]
struct Rs256Only {
    #[claims(exp)]
    exp: NumericDate,
}

fn main() {
    let exp = NumericDate::from_secs(1).unwrap();
    // Another family, and another algorithm of the same family.
    let rsa = Rs256Key::from_pem("").unwrap();
    let _ = Es256Only::verifier(rsa.public_key());
    let pss = Ps256Key::from_pem("").unwrap();
    let _ = Rs256Only { exp }.sign(&pss);
    let _ = Es256Only { exp }.sign(&Ed25519Key::generate());
    // A public key does not sign; a key set does not sign either.
    let _ = Es256Only { exp }.sign(&Es256Key::generate().public_key());
    let _ = Es256Only { exp }.sign(&KeySet::new());
    // Only keys go into a key set.
    let _ = KeySet::new().with("-----BEGIN PUBLIC KEY-----");
}
