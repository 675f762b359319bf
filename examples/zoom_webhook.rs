//! Verifies a Zoom webhook request, or answers a URL validation, with the secret token from
//! the environment.
//!
//! ```sh
//! ZOOM_WEBHOOK_SECRET=... cargo run --example zoom_webhook -- TIMESTAMP SIGNATURE < body.json
//! ZOOM_WEBHOOK_SECRET=... cargo run --example zoom_webhook -- --validate PLAIN_TOKEN
//! ```

use std::io::Read;

use jwt_core::zoom::webhook::{WebhookSecret, DEFAULT_TOLERANCE_SECS};
use jwt_core::SystemClock;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("ZOOM_WEBHOOK_SECRET").map_err(|_| "set ZOOM_WEBHOOK_SECRET")?;
    let secret = WebhookSecret::new(&secret)?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, plain] if flag == "--validate" => {
            println!(
                "{}",
                serde_json::to_string(&secret.url_validation_response(plain))?
            );
        }
        [timestamp, signature] => {
            let mut body = Vec::new();
            std::io::stdin().read_to_end(&mut body)?;
            secret.verify(
                timestamp,
                signature,
                &body,
                DEFAULT_TOLERANCE_SECS,
                &SystemClock,
            )?;
            println!("signature verified");
        }
        _ => {
            return Err(
                "usage: zoom_webhook TIMESTAMP SIGNATURE < body | --validate PLAIN_TOKEN".into(),
            )
        }
    }
    Ok(())
}
