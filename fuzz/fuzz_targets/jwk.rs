//! Any bytes as a key document: every key type's `from_jwk`, `KeySet::from_jwk_set`,
//! `jwk::describe_key`, `jwk::thumbprint`, and PEM/DER through `from_pem`/`from_der`.
//! Nothing may panic or hang; a set that reads has a key, within the documented bounds.
#![no_main]

use jwt_core::{
    Ed25519Key, Ed25519PublicKey, Es256Key, Es256PublicKey, Es384PublicKey, Es512Key,
    Es512PublicKey, Hs256Key, KeySet, Ps256PublicKey, Rs256Key, Rs256PublicKey,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jwt_core::jwk::describe_key(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(set) = KeySet::from_jwk_set(text) {
            let n = set.keys().count();
            // At most 100 documents, each at most six keys (an RSA key without alg).
            assert!(n >= 1 && n <= 600, "{n} keys");
        }
        let _ = jwt_core::jwk::thumbprint(text);
        let _ = Hs256Key::from_jwk(text);
        let _ = Es256PublicKey::from_jwk(text);
        let _ = Es384PublicKey::from_jwk(text);
        let _ = Es512PublicKey::from_jwk(text);
        let _ = Ed25519PublicKey::from_jwk(text);
        let _ = Rs256PublicKey::from_jwk(text);
        let _ = Ps256PublicKey::from_jwk(text);
        if let Ok(key) = Es256Key::from_jwk(text) {
            // A private key read back from its own export is the same key.
            let again = Es256Key::from_jwk(&key.to_private_jwk()).unwrap();
            assert_eq!(again.public_key().coordinates(), key.public_key().coordinates());
        }
        let _ = Es512Key::from_jwk(text);
        let _ = Ed25519Key::from_jwk(text);
        let _ = Rs256Key::from_jwk(text);
        let _ = Es256PublicKey::from_pem(text);
        let _ = Rs256PublicKey::from_pem(text);
        let _ = Ed25519Key::from_pem(text);
    }
    let _ = Es256PublicKey::from_der(data);
    let _ = Es512Key::from_pkcs8_der(data);
    let _ = Es256Key::from_sec1_der(data);
    let _ = Ed25519PublicKey::from_der(data);
    let _ = Rs256PublicKey::from_der(data);
    let _ = Rs256PublicKey::from_pkcs1_der(data);
    let _ = Rs256Key::from_pkcs1_der(data);
});
