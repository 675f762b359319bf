//! Reading the secret: from an environment variable, a file, or a base64url flag. The bytes
//! are wiped after the key is built, and no message ever contains them.

use std::io::Read;

use zeroize::Zeroizing;

use crate::args::Secret;
use crate::Failure;

/// The secret's bytes, as given.
pub fn read(secret: &Secret) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if let Some(name) = &secret.secret_env {
        let value = std::env::var_os(name)
            .ok_or_else(|| Failure::Input(format!("the environment variable {name} is not set")))?;
        let value = value
            .into_string()
            .map_err(|_| Failure::Input(format!("the environment variable {name} is not UTF-8")))?;
        return Ok(Zeroizing::new(value.into_bytes()));
    }
    if let Some(path) = &secret.secret_file {
        let mut bytes = Zeroizing::new(Vec::new());
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|e| {
                Failure::Input(format!(
                    "cannot read the secret file {}: {e}",
                    path.display()
                ))
            })?;
        if bytes.ends_with(b"\r\n") {
            let n = bytes.len() - 2;
            bytes.truncate(n);
        } else if bytes.ends_with(b"\n") {
            let n = bytes.len() - 1;
            bytes.truncate(n);
        }
        return Ok(bytes);
    }
    if let Some(k) = &secret.secret_base64url {
        use base64::Engine as _;
        return base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(k)
            .map(Zeroizing::new)
            .map_err(|_| {
                Failure::Input("--secret-base64url is not strict base64url (no padding)".into())
            });
    }
    Err(Failure::Input(
        "give the secret with --secret-env, --secret-file or --secret-base64url".into(),
    ))
}

/// A key for Zoom tokens: Zoom issues the secret, so it may be below the 32-byte floor.
pub fn zoom_key(secret: &Secret) -> Result<jwt_core::Hs256Key, Failure> {
    let bytes = read(secret)?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Failure::Input("a Zoom secret is text; this one is not UTF-8".into()))?;
    jwt_core::zoom::hs256_key_from_zoom_secret(text).map_err(|e| Failure::Input(e.to_string()))
}
