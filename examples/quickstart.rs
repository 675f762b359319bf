//! Mints a token with a built-in demo key, prints it, reads it back unverified, then verifies it.
//!
//! Run with `cargo run --example quickstart`.

use jwt_core::dangerous::decode_unverified;
use jwt_core::{decode, encode, Hs256Key, JwtClaims, NumericDate, Validation};

/// A demo secret, published here: never use it for anything real.
const DEMO_SECRET: &[u8] = b"demo-secret-do-not-use-0123456789";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = Hs256Key::from_secret(DEMO_SECRET)?;
    let now = NumericDate::now()?;
    let exp = now.checked_add_secs(3600).ok_or("clock out of range")?;

    let claims: JwtClaims = serde_json::from_value(serde_json::json!({
        "iss": "quickstart",
        "sub": "demo-user",
        "iat": now.secs(),
        "exp": exp.secs(),
    }))?;
    let validation = Validation::new().issuer("quickstart");

    let token = encode::sign(&claims, &key, &validation)?;
    println!("token (signed with the DEMO key):\n{token}\n");

    let unverified = decode_unverified(&token)?;
    println!(
        "header (unverified): {}",
        serde_json::to_string(&unverified.header)?
    );
    println!(
        "claims (unverified): {}\n",
        serde_json::to_string(&unverified.claims)?
    );

    let verified: JwtClaims = decode::verify(&token, &key, &validation)?;
    println!("verified: {}", serde_json::to_string(&verified)?);
    Ok(())
}
