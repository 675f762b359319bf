//! Mints a Cobrowse SDK token from real credentials in the environment.
//!
//! ```sh
//! ZOOM_COBROWSE_KEY=... ZOOM_COBROWSE_SECRET=... ZOOM_ROLE=2 ZOOM_USER_ID=u-1 ZOOM_USER_NAME="Ann" \
//!     cargo run --example zoom_cobrowse
//! ```

use jwt_core::zoom::{self, CobrowseToken};
use jwt_core::{Claims, SystemClock};

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the top of this file)"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = zoom::hs256_key_from_zoom_secret(&env("ZOOM_COBROWSE_SECRET")?)?;
    let claims = CobrowseToken::new_at(
        env("ZOOM_COBROWSE_KEY")?,
        env("ZOOM_ROLE")?.parse()?,
        env("ZOOM_USER_ID")?,
        env("ZOOM_USER_NAME")?,
        &SystemClock,
    );
    println!("{}", claims.sign(&key)?);
    Ok(())
}
