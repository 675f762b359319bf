//! Mints a legacy Zoom API token (API key as `iss`, one hour) from the environment.
//!
//! Zoom switched off JWT apps in September 2023; this payload remains for the APIs that
//! still take API key/secret tokens.
//!
//! ```sh
//! ZOOM_API_KEY=... ZOOM_API_SECRET=... cargo run --example zoom_api
//! ```

use jwt_core::zoom::{self, ApiToken};
use jwt_core::{Claims, SystemClock};

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the top of this file)"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = zoom::hs256_key_from_zoom_secret(&env("ZOOM_API_SECRET")?)?;
    let claims = ApiToken::new_at(env("ZOOM_API_KEY")?, 3600, &SystemClock);
    println!("{}", claims.sign(&key)?);
    Ok(())
}
