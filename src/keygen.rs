//! `jwt keygen` and `jwt jwk thumbprint`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use jwt_core::Algorithm;
use zeroize::Zeroizing;

use crate::args::{JwkFile, Keygen};
use crate::keys::algorithm;
use crate::Failure;

/// One file to write: its name in the output directory, its text, whether it is secret.
struct Output {
    name: String,
    text: Zeroizing<String>,
    secret: bool,
    what: &'static str,
}

pub fn keygen(a: &Keygen) -> Result<(), Failure> {
    let alg = algorithm(a.alg);
    let stem = alg.as_str().to_ascii_lowercase();
    let outputs = match alg {
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => hmac(alg, &stem, a)?,
        _ => asymmetric(alg, &stem, a)?,
    };
    // Nothing is written when any file exists already.
    let paths: Vec<PathBuf> = outputs.iter().map(|o| a.out.join(&o.name)).collect();
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(Failure::Input(format!(
            "{} exists; keygen never overwrites a file (choose another --out)",
            existing.display()
        )));
    }
    let mut report = String::new();
    for (output, path) in outputs.iter().zip(&paths) {
        write_new(path, &output.text, output.secret)?;
        report.push_str(&format!("{}: {}\n", output.what, path.display()));
    }
    crate::run::out(&report)
}

/// An HMAC secret of the algorithm's minimum length, as an `oct` JWK.
fn hmac(alg: Algorithm, stem: &str, a: &Keygen) -> Result<Vec<Output>, Failure> {
    let len = alg.min_key_len().unwrap_or(64);
    let mut secret = Zeroizing::new(vec![0u8; len]);
    getrandom::fill(&mut secret)
        .map_err(|e| Failure::Input(format!("the system's random generator failed: {e}")))?;
    use base64::Engine as _;
    let k = Zeroizing::new(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&*secret));
    let bare = Zeroizing::new(format!(r#"{{"kty":"oct","k":"{}","alg":"{alg}"}}"#, &*k));
    let kid = match &a.kid {
        Some(kid) => kid.clone(),
        None => thumbprint_of(&bare)?,
    };
    let kid_json = serde_json::to_string(&kid).map_err(|e| Failure::Input(e.to_string()))?;
    let jwk = Zeroizing::new(format!(
        r#"{{"kty":"oct","k":"{}","alg":"{alg}","kid":{kid_json}}}"#,
        &*k
    ));
    let mut text = jwk;
    text.push('\n');
    Ok(vec![Output {
        name: format!("{stem}-secret.jwk"),
        text,
        secret: true,
        what: "secret (use with --key-file; keep it secret)",
    }])
}

fn thumbprint_of(jwk: &str) -> Result<String, Failure> {
    jwt_core::jwk::thumbprint(jwk).map_err(|e| Failure::Input(e.to_string()))
}

#[cfg(not(feature = "asymmetric"))]
fn asymmetric(alg: Algorithm, _stem: &str, _a: &Keygen) -> Result<Vec<Output>, Failure> {
    Err(Failure::Input(format!(
        "this jwt was built without the asymmetric algorithms ({alg}); install it with \
         `cargo install --path . --features asymmetric`"
    )))
}

/// A new key pair: PEM files, and JWK files with `--jwk`.
#[cfg(feature = "asymmetric")]
fn asymmetric(alg: Algorithm, stem: &str, a: &Keygen) -> Result<Vec<Output>, Failure> {
    use jwt_core::{Ed25519Key, Es256Key, Es384Key, Es512Key, Ps256Key, Ps384Key, Ps512Key};
    use jwt_core::{Rs256Key, Rs384Key, Rs512Key};

    /// The four texts of a key: private and public PEM, private and public JWK (after
    /// setting the kid: given, or the public key's thumbprint).
    macro_rules! texts {
        ($key:expr) => {{
            let key = $key;
            let kid = match &a.kid {
                Some(kid) => kid.clone(),
                None => thumbprint_of(&key.public_key().to_jwk())?,
            };
            let key = key.with_kid(kid);
            (
                key.to_pkcs8_pem(),
                Zeroizing::new(key.public_key().to_pem()),
                key.to_private_jwk(),
                Zeroizing::new(key.public_key().to_jwk()),
            )
        }};
    }
    macro_rules! rsa {
        ($ty:ty) => {
            texts!(<$ty>::generate(a.bits).map_err(|e| Failure::Input(e.to_string()))?)
        };
    }
    let (private_pem, public_pem, private_jwk, public_jwk) = match alg {
        Algorithm::ES256 => texts!(Es256Key::generate()),
        Algorithm::ES384 => texts!(Es384Key::generate()),
        Algorithm::ES512 => texts!(Es512Key::generate()),
        Algorithm::EdDSA => texts!(Ed25519Key::generate()),
        Algorithm::RS256 => rsa!(Rs256Key),
        Algorithm::RS384 => rsa!(Rs384Key),
        Algorithm::RS512 => rsa!(Rs512Key),
        Algorithm::PS256 => rsa!(Ps256Key),
        Algorithm::PS384 => rsa!(Ps384Key),
        Algorithm::PS512 => rsa!(Ps512Key),
        other => return Err(Failure::Input(format!("{other} has no key pair"))),
    };
    let line = |text: &str| {
        let mut t = Zeroizing::new(String::with_capacity(text.len() + 1));
        t.push_str(text);
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t
    };
    let mut outputs = vec![
        Output {
            name: format!("{stem}-private.pem"),
            text: line(&private_pem),
            secret: true,
            what: "private key (keep it secret)",
        },
        Output {
            name: format!("{stem}-public.pem"),
            text: line(&public_pem),
            secret: false,
            what: "public key",
        },
    ];
    if a.jwk {
        outputs.push(Output {
            name: format!("{stem}-private.jwk"),
            text: line(&private_jwk),
            secret: true,
            what: "private JWK (keep it secret)",
        });
        outputs.push(Output {
            name: format!("{stem}-public.jwk"),
            text: line(&public_jwk),
            secret: false,
            what: "public JWK",
        });
    }
    Ok(outputs)
}

/// Creates `path` (never replacing a file); a secret is readable by its owner only.
fn write_new(path: &Path, text: &str, secret: bool) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    options
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Failure::Input(format!("cannot write {}: {e}", path.display())))
}

pub fn thumbprint(a: &JwkFile) -> Result<(), Failure> {
    let text = if a.file.as_os_str() == "-" {
        let mut text = Zeroizing::new(String::new());
        std::io::stdin()
            .take((1 << 20) + 1)
            .read_to_string(&mut text)
            .map_err(|e| Failure::Input(format!("cannot read the JWK from stdin: {e}")))?;
        text
    } else {
        let bytes = crate::keys::read_file(&a.file, "JWK file")?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            Failure::Input(format!(
                "{} is not UTF-8 text, so not a JWK",
                a.file.display()
            ))
        })?;
        Zeroizing::new(text.to_owned())
    };
    let print = jwt_core::jwk::thumbprint(&text)
        .map_err(|e| Failure::Input(format!("{}: {e}", a.file.display())))?;
    crate::run::out(&format!("{print}\n"))
}
