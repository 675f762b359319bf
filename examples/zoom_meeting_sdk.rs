//! Mints a Meeting SDK token from real credentials in the environment.
//!
//! ```sh
//! ZOOM_SDK_KEY=... ZOOM_SDK_SECRET=... ZOOM_MEETING_NUMBER=123456789 ZOOM_ROLE=0 \
//!     cargo run --example zoom_meeting_sdk
//! ```
//! Without `ZOOM_MEETING_NUMBER` it mints a native (iOS, Android, desktop) token.

use jwt_core::zoom::{self, MeetingSdkToken};
use jwt_core::Claims;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the top of this file)"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = zoom::hs256_key_from_zoom_secret(&env("ZOOM_SDK_SECRET")?)?;
    let mut claims = MeetingSdkToken::new(env("ZOOM_SDK_KEY")?);
    if let Ok(number) = std::env::var("ZOOM_MEETING_NUMBER") {
        let role = std::env::var("ZOOM_ROLE")
            .unwrap_or_else(|_| "0".into())
            .parse()?;
        claims = claims.meeting(number, role);
    }
    println!("{}", claims.sign(&key)?);
    Ok(())
}
