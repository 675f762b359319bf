//! Mints a Video SDK token from real credentials in the environment.
//!
//! ```sh
//! ZOOM_VIDEO_SDK_KEY=... ZOOM_VIDEO_SDK_SECRET=... ZOOM_SESSION="Cool Cars" ZOOM_ROLE=1 \
//!     cargo run --example zoom_video_sdk
//! ```

use jwt_core::zoom::{self, VideoSdkToken};
use jwt_core::Claims;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the top of this file)"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = zoom::hs256_key_from_zoom_secret(&env("ZOOM_VIDEO_SDK_SECRET")?)?;
    let role = std::env::var("ZOOM_ROLE")
        .unwrap_or_else(|_| "0".into())
        .parse()?;
    let mut claims = VideoSdkToken::new(env("ZOOM_VIDEO_SDK_KEY")?, env("ZOOM_SESSION")?, role);
    claims.user_identity = std::env::var("ZOOM_USER_IDENTITY").ok();
    claims.session_key = std::env::var("ZOOM_SESSION_KEY").ok();
    println!("{}", claims.sign(&key)?);
    Ok(())
}
