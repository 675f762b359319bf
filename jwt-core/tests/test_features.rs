//! The features do what they say: without `derive`, jwt-core compiles no procedural macro at
//! all (neither jwt-derive nor syn, nor serde's derive); with it, jwt-derive and its syn.

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
