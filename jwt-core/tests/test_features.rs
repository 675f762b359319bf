//! The features do what they say: without `derive`, jwt-core compiles no procedural macro at
//! all (neither jwt-derive nor syn, nor serde's derive); with it, jwt-derive and its syn. The
//! default compiles no asymmetric family; each family brings its own crates only; all of them
//! together share one `sha2`, `digest` and `hmac` (one RustCrypto generation).

use std::process::Command;

/// The crates `cargo tree` lists for jwt-core's normal dependencies with these features.
fn tree(features: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "-p", "jwt-core", "-e", "normal", "--prefix", "none"])
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn has(tree: &str, krate: &str) -> bool {
    tree.lines().any(|l| l.split(' ').next() == Some(krate))
}

#[test]
fn without_derive_no_procedural_macro_is_compiled() {
    let none = tree(&["--no-default-features"]);
    for krate in ["jwt-derive", "syn", "serde_derive", "proc-macro2", "quote"] {
        assert!(!has(&none, krate), "{krate} in:\n{none}");
    }
    assert!(has(&none, "serde") && has(&none, "hmac"), "{none}");
    let derive = tree(&["--no-default-features", "--features", "derive"]);
    assert!(
        has(&derive, "jwt-derive") && has(&derive, "syn"),
        "{derive}"
    );
    assert!(!has(&derive, "serde_derive"), "{derive}");
    // The Zoom payloads derive serde's Deserialize: that feature brings serde's derive.
    let zoom = tree(&["--no-default-features", "--features", "zoom"]);
    assert!(
        has(&zoom, "jwt-derive") && has(&zoom, "serde_derive"),
        "{zoom}"
    );
}

/// The crates of each asymmetric family.
const ASYMMETRIC: [&str; 8] = [
    "p256",
    "p384",
    "p521",
    "ecdsa",
    "ed25519-dalek",
    "curve25519-dalek",
    "rsa",
    "pem-rfc7468",
];

#[test]
fn the_default_features_compile_nothing_asymmetric() {
    let default = tree(&[]);
    for krate in ASYMMETRIC {
        assert!(!has(&default, krate), "{krate} in:\n{default}");
    }
    let ecdsa = tree(&["--no-default-features", "--features", "ecdsa"]);
    assert!(has(&ecdsa, "p256") && has(&ecdsa, "p384"), "{ecdsa}");
    assert!(!has(&ecdsa, "p521") && !has(&ecdsa, "rsa"), "{ecdsa}");
    let eddsa = tree(&["--no-default-features", "--features", "eddsa"]);
    assert!(
        has(&eddsa, "ed25519-dalek") && !has(&eddsa, "p256"),
        "{eddsa}"
    );
    let rsa = tree(&["--no-default-features", "--features", "rsa"]);
    assert!(has(&rsa, "rsa") && !has(&rsa, "ed25519-dalek"), "{rsa}");
}

#[test]
fn every_family_shares_one_sha2_and_one_digest() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "jwt-core",
            "-e",
            "normal",
            "--all-features",
            "-d",
        ])
        .args(["--prefix", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let duplicates = String::from_utf8(out.stdout).unwrap();
    for krate in [
        "sha2",
        "digest",
        "hmac",
        "signature",
        "rand_core",
        "der",
        "spki",
        "pkcs8",
    ] {
        assert!(
            !has(&duplicates, krate),
            "two versions of {krate}:\n{duplicates}"
        );
    }
}
