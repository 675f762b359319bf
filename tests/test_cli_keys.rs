//! The `jwt` binary with key files (feature `asymmetric`): keygen, --key-file in PEM, DER
//! and JWK, --jwks-file, jwk thumbprint, and what each wrong input gets (exit 2 for input,
//! exit 1 for a refused token), never echoing key material.
#![cfg(feature = "asymmetric")]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use common::cli::{self, code, stderr as err, stdout as out};
use serde_json::Value;

mod common;

fn jwt(args: &[&str]) -> Output {
    jwt_in(args, None)
}

fn jwt_in(args: &[&str], stdin: Option<&str>) -> Output {
    cli::run(args, stdin, &[])
}

/// Exit 2 (input), nothing on stdout; the one error line.
fn input_error(o: &Output) -> String {
    assert_eq!(code(o), 2, "stdout {} stderr {}", out(o), err(o));
    assert!(out(o).is_empty());
    let e = err(o);
    assert!(e.starts_with("error: ") && e.lines().count() == 1, "{e:?}");
    e
}

/// Exit 1 (the token is refused), nothing on stdout.
fn refused(o: &Output) -> String {
    assert_eq!(code(o), 1, "stdout {} stderr {}", out(o), err(o));
    assert!(out(o).is_empty());
    err(o)
}

/// A new empty directory under the target's temporary directory.
fn fresh_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-keys-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_owned()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Signs `claims` with the key file; the token.
fn sign(key_file: &str, extra: &[&str], claims: &str) -> String {
    let mut args = vec!["encode", "--key-file", key_file, "--expires-in", "600"];
    args.extend(extra);
    args.push(claims);
    let o = jwt(&args);
    assert_eq!(code(&o), 0, "{}", err(&o));
    out(&o).trim_end().to_owned()
}

/// Verifies with the key file; the claims.
fn verify(key_args: &[&str], token: &str) -> Output {
    let mut args = vec!["verify"];
    args.extend(key_args);
    args.push(token);
    jwt(&args)
}

fn header(token: &str) -> Value {
    let b64 = token.split('.').next().unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn keygen_writes_key_pairs_that_sign_and_verify_in_every_format() {
    for (alg, stem, extra) in [
        ("ES256", "es256", &[][..]),
        ("ES384", "es384", &[][..]),
        ("ES512", "es512", &[][..]),
        ("EdDSA", "eddsa", &[][..]),
        ("RS256", "rs256", &["--bits", "2048"][..]),
    ] {
        let dir = fresh_dir();
        let mut args = vec![
            "keygen",
            "--alg",
            alg,
            "--jwk",
            "--out",
            dir.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = jwt(&args);
        assert_eq!(code(&o), 0, "{alg}: {}", err(&o));
        let names = [
            format!("{stem}-private.pem"),
            format!("{stem}-public.pem"),
            format!("{stem}-private.jwk"),
            format!("{stem}-public.jwk"),
        ];
        let report = out(&o);
        for name in &names {
            assert!(report.contains(&path(&dir, name)), "{report}");
        }
        #[cfg(unix)]
        for name in &names {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            if name.contains("private") {
                assert_eq!(mode, 0o600, "{name}");
            } else {
                assert_ne!(mode & 0o044, 0, "{name} is meant to be readable");
            }
        }
        assert!(read(&dir, &names[0]).starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(read(&dir, &names[1]).starts_with("-----BEGIN PUBLIC KEY-----\n"));
        // The JWKs' kid is the public key's RFC 7638 thumbprint, as `jwt jwk thumbprint`
        // prints it.
        let public_jwk: Value = serde_json::from_str(&read(&dir, &names[3])).unwrap();
        assert_eq!(public_jwk["alg"], alg);
        assert!(public_jwk.get("d").is_none());
        let o = jwt(&["jwk", "thumbprint", &path(&dir, &names[3])]);
        assert_eq!(code(&o), 0, "{}", err(&o));
        let thumbprint = out(&o).trim_end().to_owned();
        assert_eq!(public_jwk["kid"], thumbprint.as_str());
        let private_jwk: Value = serde_json::from_str(&read(&dir, &names[2])).unwrap();
        assert_eq!(private_jwk["kid"], thumbprint.as_str());
        assert!(private_jwk["d"].is_string());

        // Signed with the PEM (no kid) and with the JWK (its kid in the header); each
        // verifies with the public PEM, the public JWK and the private key.
        let from_pem = sign(&path(&dir, &names[0]), &[], r#"{"sub":"cli"}"#);
        assert_eq!(
            header(&from_pem),
            serde_json::json!({"alg": alg, "typ": "JWT"})
        );
        let from_jwk = sign(&path(&dir, &names[2]), &[], r#"{"sub":"cli"}"#);
        assert_eq!(header(&from_jwk)["kid"], thumbprint.as_str());
        for token in [&from_pem, &from_jwk] {
            for key in [&names[1], &names[3], &names[0]] {
                let o = verify(&["--key-file", &path(&dir, key)], token);
                assert_eq!(code(&o), 0, "{alg} {key}: {}", err(&o));
                let claims: Value = serde_json::from_str(&out(&o)).unwrap();
                assert_eq!(claims["sub"], "cli");
            }
        }
        // A changed payload is refused.
        let mut parts: Vec<&str> = from_pem.split('.').collect();
        parts[1] = "eyJzdWIiOiJ4In0";
        let forged = parts.join(".");
        let e = refused(&verify(&["--key-file", &path(&dir, &names[1])], &forged));
        assert!(e.contains("signature"), "{e}");
        // Nothing is overwritten: a second keygen into the same directory changes nothing.
        let before = read(&dir, &names[0]);
        let e = input_error(&jwt(&[
            "keygen",
            "--alg",
            alg,
            "--out",
            dir.to_str().unwrap(),
        ]));
        assert!(e.contains("exists; keygen never overwrites"), "{e}");
        assert_eq!(read(&dir, &names[0]), before);
    }
}

#[test]
fn keygen_hmac_writes_a_secret_jwk_and_rsa_bits_are_bounded() {
    for (alg, bytes) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let dir = fresh_dir();
        let o = jwt(&[
            "keygen",
            "--alg",
            alg,
            "--out",
            dir.to_str().unwrap(),
            "--kid",
            "mine",
        ]);
        assert_eq!(code(&o), 0, "{}", err(&o));
        let name = format!("{}-secret.jwk", alg.to_ascii_lowercase());
        let jwk: Value = serde_json::from_str(&read(&dir, &name)).unwrap();
        assert_eq!(jwk["kty"], "oct");
        assert_eq!(jwk["alg"], alg);
        assert_eq!(jwk["kid"], "mine");
        let k = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(jwk["k"].as_str().unwrap())
            .unwrap();
        assert_eq!(k.len(), bytes);
        // Usable as --key-file, and the same bytes as --secret-base64url.
        let token = sign(&path(&dir, &name), &[], r#"{"sub":"h"}"#);
        assert_eq!(header(&token)["kid"], "mine");
        assert_eq!(header(&token)["alg"], alg);
        let o = verify(
            &[
                "--alg",
                alg,
                "--secret-base64url",
                jwk["k"].as_str().unwrap(),
            ],
            &token,
        );
        assert_eq!(code(&o), 0, "{}", err(&o));
    }
    let dir = fresh_dir();
    for bits in ["1024", "2047", "8193"] {
        let o = jwt(&[
            "keygen",
            "--alg",
            "RS256",
            "--bits",
            bits,
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 2, "{bits}");
        assert!(err(&o).contains("2048..=8192"), "{}", err(&o));
    }
    let e = input_error(&jwt(&[
        "keygen",
        "--alg",
        "ES256",
        "--out",
        "/nonexistent/dir",
    ]));
    assert!(
        e.contains("cannot write /nonexistent/dir/es256-private.pem"),
        "{e}"
    );
}

/// One key pair of each kind, made once (RSA generation is the slow part).
struct Keys {
    dir: PathBuf,
}

fn keys() -> &'static Keys {
    static KEYS: std::sync::OnceLock<Keys> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = fresh_dir();
        for (alg, kid) in [("ES256", "ec-1"), ("RS256", "rsa-1"), ("EdDSA", "ed-1")] {
            let o = jwt(&[
                "keygen",
                "--alg",
                alg,
                "--jwk",
                "--kid",
                kid,
                "--out",
                dir.to_str().unwrap(),
            ]);
            assert_eq!(code(&o), 0, "{}", err(&o));
        }
        Keys { dir }
    })
}

impl Keys {
    fn path(&self, name: &str) -> String {
        path(&self.dir, name)
    }
    fn read(&self, name: &str) -> String {
        read(&self.dir, name)
    }
    /// `name` (a PEM file) as DER in a file whose name says nothing of its format.
    fn der(&self, name: &str) -> String {
        let pem = self.read(name);
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        let target = self.dir.join(format!("{name}.bin"));
        std::fs::write(&target, der).unwrap();
        target.to_str().unwrap().to_owned()
    }
}

#[test]
fn key_files_are_read_by_content_pem_der_or_jwk() {
    let k = keys();
    for (private, public, alg) in [
        ("es256-private.pem", "es256-public.pem", "ES256"),
        ("rs256-private.pem", "rs256-public.pem", "RS256"),
        ("eddsa-private.pem", "eddsa-public.pem", "EdDSA"),
    ] {
        let private_der = k.der(private);
        let public_der = k.der(public);
        let token = sign(&private_der, &[], r#"{"sub":"der"}"#);
        assert_eq!(header(&token)["alg"], alg);
        for key in [&public_der, &k.path(public), &private_der] {
            let o = verify(&["--key-file", key], &token);
            assert_eq!(code(&o), 0, "{alg} {key}: {}", err(&o));
        }
    }
    // An RSA key signs and verifies any RSA algorithm named with --alg.
    for alg in ["RS384", "RS512", "PS256", "PS384", "PS512"] {
        let token = sign(
            &k.path("rs256-private.pem"),
            &["--alg", alg],
            r#"{"sub":"r"}"#,
        );
        assert_eq!(header(&token)["alg"], alg);
        let o = verify(
            &["--alg", alg, "--key-file", &k.path("rs256-public.pem")],
            &token,
        );
        assert_eq!(code(&o), 0, "{alg}: {}", err(&o));
        // Without --alg the PEM key is RS256, and the token's algorithm does not change it.
        let e = refused(&verify(
            &["--key-file", &k.path("rs256-public.pem")],
            &token,
        ));
        assert!(
            e.contains(&format!("the token says {alg}, the key is RS256")),
            "{e}"
        );
    }
}

#[test]
fn a_jwk_set_file_chooses_the_key_by_kid_and_lists_what_it_skipped() {
    let k = keys();
    let set = format!(
        r#"{{"keys":[{},{},{},{{"kty":"AKP","alg":"ML-DSA-65","kid":"pq","pub":"AA"}}]}}"#,
        k.read("es256-public.jwk").trim_end(),
        k.read("rs256-public.jwk").trim_end(),
        k.read("eddsa-public.jwk").trim_end(),
    );
    let set_file = k.dir.join("jwks.json");
    std::fs::write(&set_file, set).unwrap();
    let set_file = set_file.to_str().unwrap();
    for (private, kid) in [
        ("es256-private.jwk", "ec-1"),
        ("rs256-private.jwk", "rsa-1"),
        ("eddsa-private.jwk", "ed-1"),
    ] {
        let token = sign(&k.path(private), &[], r#"{"sub":"set"}"#);
        assert_eq!(header(&token)["kid"], kid);
        let o = verify(&["--jwks-file", set_file], &token);
        assert_eq!(code(&o), 0, "{kid}: {}", err(&o));
        assert_eq!(
            err(&o),
            format!("note: {set_file}: skipped key 3 (kid \"pq\"): \"kty\" \"AKP\" is not implemented\n")
        );
    }
    // A kid the set does not have; a kid-less token against a set of several keys of its
    // algorithm is fine when only one has that algorithm (ES256 here).
    let token = sign(
        &k.path("es256-private.pem"),
        &["--kid", "other"],
        r#"{"sub":"x"}"#,
    );
    let e = refused(&verify(&["--jwks-file", set_file], &token));
    assert!(e.contains("unknown key id"), "{e}");
    let token = sign(&k.path("es256-private.pem"), &[], r#"{"sub":"x"}"#);
    assert_eq!(code(&verify(&["--jwks-file", set_file], &token)), 0);
    // Options that make no sense with a set.
    let e = input_error(&verify(
        &["--alg", "ES256", "--jwks-file", set_file],
        &token,
    ));
    assert!(e.contains("drop --alg"), "{e}");
    let e = input_error(&jwt(&["encode", "--jwks-file", set_file, "--no-exp", "{}"]));
    assert!(e.contains("holds public keys, which only verify"), "{e}");
    // A set given as one key, and one key given as a set.
    let e = input_error(&verify(&["--key-file", set_file], &token));
    assert!(
        e.contains("is a JWK Set, not one JWK (give a JWK Set with --jwks-file)"),
        "{e}"
    );
    let e = input_error(&verify(
        &["--jwks-file", &k.path("es256-public.jwk")],
        &token,
    ));
    assert!(e.contains("no \"keys\" array"), "{e}");
}

#[test]
fn wrong_keys_get_a_clear_error_and_never_their_material() {
    let k = keys();
    let private_jwk: Value = serde_json::from_str(&k.read("es256-private.jwk")).unwrap();
    let d = private_jwk["d"].as_str().unwrap().to_owned();
    let token = sign(&k.path("es256-private.pem"), &[], r#"{"sub":"w"}"#);
    let garbage = k.dir.join("garbage.key");
    std::fs::write(&garbage, b"\x00\x01not a key at all").unwrap();
    let truncated = k.dir.join("truncated.pem");
    let pem = k.read("es256-private.pem");
    std::fs::write(&truncated, &pem[..pem.len() / 2]).unwrap();
    let missing = k.dir.join("missing-d.jwk");
    std::fs::write(&missing, r#"{"kty":"EC","crv":"P-256","x":"AA"}"#).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "encode".into(),
                "--key-file".into(),
                k.path("es256-public.pem"),
                "--no-exp".into(),
                "{}".into(),
            ],
            "holds a public key; signing needs the private key",
        ),
        (
            vec![
                "encode".into(),
                "--alg".into(),
                "RS256".into(),
                "--key-file".into(),
                k.path("es256-private.pem"),
                "--no-exp".into(),
                "{}".into(),
            ],
            "--alg RS256: ",
        ),
        (
            vec![
                "encode".into(),
                "--alg".into(),
                "ES256".into(),
                "--secret-base64url".into(),
                "A".repeat(43),
                "--no-exp".into(),
                "{}".into(),
            ],
            "--alg ES256 needs --key-file (an ECDSA key)",
        ),
        (
            vec![
                "verify".into(),
                "--key-file".into(),
                garbage.to_str().unwrap().into(),
                token.clone(),
            ],
            "the document is not a key",
        ),
        (
            vec![
                "verify".into(),
                "--key-file".into(),
                truncated.to_str().unwrap().into(),
                token.clone(),
            ],
            "not a PEM document",
        ),
        (
            vec![
                "verify".into(),
                "--key-file".into(),
                missing.to_str().unwrap().into(),
                token.clone(),
            ],
            "\"y\"",
        ),
        (
            vec![
                "verify".into(),
                "--key-file".into(),
                "/nonexistent/key.pem".into(),
                token.clone(),
            ],
            "cannot read the key file /nonexistent/key.pem",
        ),
        (
            vec![
                "jwk".into(),
                "thumbprint".into(),
                garbage.to_str().unwrap().into(),
            ],
            "invalid key: the JWK is not JSON (line 1, column 1)",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let e = input_error(&jwt(&args));
        assert!(e.contains(expected), "{args:?}: {e}");
        assert!(!e.contains(&d), "{e}");
        assert!(!e.contains("BEGIN"), "{e}");
    }
    // Key confusion: an HS256 token whose secret is the public key file's bytes, against
    // that public key, is refused before any MAC (exit 1, the algorithm named).
    let public_pem = k.read("rs256-public.pem");
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(public_pem.as_bytes());
    let o = jwt(&[
        "encode",
        "--secret-base64url",
        &secret,
        "--no-exp",
        r#"{"admin":true}"#,
    ]);
    assert_eq!(code(&o), 0, "{}", err(&o));
    let forged = out(&o).trim_end().to_owned();
    let e = refused(&verify(
        &["--no-exp", "--key-file", &k.path("rs256-public.pem")],
        &forged,
    ));
    assert!(e.contains("the token says HS256, the key is RS256"), "{e}");
}

#[test]
fn jwk_thumbprint_prints_the_rfc_7638_value() {
    // RFC 7638 section 3.1's key and its thumbprint.
    let jwk = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
    let k = keys();
    let file = k.dir.join("rfc7638.jwk");
    std::fs::write(&file, jwk).unwrap();
    let expected = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n";
    let o = jwt(&["jwk", "thumbprint", file.to_str().unwrap()]);
    assert_eq!((code(&o), out(&o).as_str()), (0, expected), "{}", err(&o));
    let o = jwt_in(&["jwk", "thumbprint", "-"], Some(jwk));
    assert_eq!((code(&o), out(&o).as_str()), (0, expected), "{}", err(&o));
    let e = input_error(&jwt_in(
        &["jwk", "thumbprint", "-"],
        Some(r#"{"kty":"EC"}"#),
    ));
    assert!(e.contains("crv"), "{e}");
}
