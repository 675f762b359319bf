//! Keys that do not fit where they are used are compile errors: a key of another algorithm
//! for a pinned claims type, a public key or key set where signing needs a private key,
//! anything else in a key set. Each file under `tests/ui-keys/` with its `.stderr`
//! (regenerate with `TRYBUILD=overwrite` when the toolchain's wording changes, and read the
//! diff); the key types exist with the asymmetric features, so this runs with all of them.
#![cfg(all(
    feature = "ecdsa",
    feature = "eddsa",
    feature = "rsa",
    feature = "derive"
))]

#[test]
fn ui_keys() {
    trybuild::TestCases::new().compile_fail("tests/ui-keys/*.rs");
}
