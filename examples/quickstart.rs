//! The main job: mint a Zoom Meeting SDK token with a built-in DEMO key and secret, print
//! it, read it back without verifying, then verify it.
//!
//! Run with `cargo run --example quickstart`. The demo credentials below are published here
//! and belong to no Zoom app: Zoom will refuse the token. For real credentials see
//! `examples/zoom_meeting_sdk.rs`.

use jwt_core::dangerous::decode_unverified;
use jwt_core::zoom::{self, MeetingSdkToken, ROLE_PARTICIPANT};
use jwt_core::Claims;

/// DEMO SDK key: not a real Zoom credential.
const DEMO_SDK_KEY: &str = "demo-sdk-key";
/// DEMO SDK secret: not a real Zoom credential, never use it for anything.
const DEMO_SDK_SECRET: &str = "demo-sdk-secret-do-not-use-0123456789";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = zoom::hs256_key_from_zoom_secret(DEMO_SDK_SECRET)?;

    // A web token for meeting 123456789 as a participant, issued now, valid for 2 hours.
    let claims = MeetingSdkToken::new(DEMO_SDK_KEY).meeting("123456789", ROLE_PARTICIPANT);
    let token = claims.sign(&key)?;
    println!("Meeting SDK token (signed with the DEMO secret):\n{token}\n");

    let unverified = decode_unverified(&token)?;
    println!(
        "header (not verified): {}",
        serde_json::to_string(&unverified.header)?
    );
    println!(
        "claims (not verified): {}\n",
        serde_json::to_string(&unverified.claims)?
    );

    let verified = MeetingSdkToken::verify(&token, &key)?;
    println!(
        "verified: meeting {} as role {}, expires at {}",
        verified.mn.as_deref().unwrap_or("-"),
        verified.role.unwrap_or_default(),
        verified.exp
    );
    Ok(())
}
