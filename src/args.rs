//! The command line, as clap types. This is a stable, scriptable interface.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Mint, inspect and verify JSON Web Tokens: HMAC (HS256/384/512) with a secret; ES256/384/512,
/// EdDSA and RS256-PS512 with a key file (in builds with the `asymmetric` feature).
///
/// Exit codes: 0 success; 1 the token is invalid; 2 a usage or input error.
#[derive(Debug, Parser)]
#[command(name = "jwt", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a JSON object of claims into a token.
    Encode(Encode),
    /// Show a token's header and claims WITHOUT verifying it (offline; nothing leaves the machine).
    Decode(Decode),
    /// Verify a token and print its claims as JSON.
    Verify(Verify),
    /// Mint a Zoom token, checked against Zoom's rules first.
    #[command(subcommand)]
    Zoom(Zoom),
    /// Make a new key: a private key file and its public key (PEM; also JWK with --jwk), or
    /// an HMAC secret as a JWK.
    Keygen(Keygen),
    /// Work with JWKs.
    #[command(subcommand)]
    Jwk(JwkCommand),
}

/// The algorithm; the token's header never chooses it.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Alg {
    #[value(name = "HS256")]
    Hs256,
    #[value(name = "HS384")]
    Hs384,
    #[value(name = "HS512")]
    Hs512,
    #[value(name = "ES256")]
    Es256,
    #[value(name = "ES384")]
    Es384,
    #[value(name = "ES512")]
    Es512,
    #[value(name = "EdDSA")]
    EdDsa,
    #[value(name = "RS256")]
    Rs256,
    #[value(name = "RS384")]
    Rs384,
    #[value(name = "RS512")]
    Rs512,
    #[value(name = "PS256")]
    Ps256,
    #[value(name = "PS384")]
    Ps384,
    #[value(name = "PS512")]
    Ps512,
}

impl Alg {
    /// The JWS name (RFC 7518, RFC 8037).
    pub fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
            Alg::Es256 => "ES256",
            Alg::Es384 => "ES384",
            Alg::Es512 => "ES512",
            Alg::EdDsa => "EdDSA",
            Alg::Rs256 => "RS256",
            Alg::Rs384 => "RS384",
            Alg::Rs512 => "RS512",
            Alg::Ps256 => "PS256",
            Alg::Ps384 => "PS384",
            Alg::Ps512 => "PS512",
        }
    }
}

/// The key of `encode` and `verify`: exactly one of a secret (HMAC), a key file, or (verify
/// only) a JWK Set file.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct KeyArgs {
    /// Read the HMAC secret from this environment variable.
    #[arg(long, value_name = "NAME")]
    pub secret_env: Option<String>,
    /// Read the HMAC secret from this file (one trailing newline is removed).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
    /// The HMAC secret as base64url (a JWK `k` value). It may start with `-`.
    #[arg(long, value_name = "K", allow_hyphen_values = true)]
    pub secret_base64url: Option<String>,
    /// A key file: PEM, DER or JWK, told apart by content. Its algorithm is the key's
    /// (ES256 for a P-256 key, RS256 for RSA...) unless --alg names another of its family.
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,
    /// (verify) A JWK Set file, as an issuer publishes it; the token's kid and alg choose
    /// the key.
    #[arg(long, value_name = "PATH")]
    pub jwks_file: Option<PathBuf>,
}

impl KeyArgs {
    /// The secret options alone.
    pub fn secret(&self) -> Secret {
        Secret {
            secret_env: self.secret_env.clone(),
            secret_file: self.secret_file.clone(),
            secret_base64url: self.secret_base64url.clone(),
        }
    }
}

/// Where the secret comes from: exactly one of these.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Secret {
    /// Read the secret from this environment variable.
    #[arg(long, value_name = "NAME")]
    pub secret_env: Option<String>,
    /// Read the secret from this file (one trailing newline is removed).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
    /// The secret as base64url (a JWK `k` value). It may start with `-`.
    #[arg(long, value_name = "K", allow_hyphen_values = true)]
    pub secret_base64url: Option<String>,
}

#[derive(Debug, Args)]
pub struct Encode {
    /// The algorithm: HS256 for a secret, the key's own for a key file.
    #[arg(long, value_enum, ignore_case = true)]
    pub alg: Option<Alg>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Put this key id in the header.
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// The header's typ (default JWT).
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Add exp = now + SECS.
    #[arg(long, value_name = "SECS")]
    pub expires_in: Option<u64>,
    /// Add iat = now.
    #[arg(long)]
    pub iat: bool,
    /// Allow a token without exp.
    #[arg(long)]
    pub no_exp: bool,
    /// The claims: a JSON object, or - to read it from stdin.
    #[arg(value_name = "CLAIMS_JSON|-", allow_hyphen_values = true)]
    pub claims: String,
}

#[derive(Debug, Args)]
pub struct Decode {
    /// Print machine-readable JSON.
    #[arg(long)]
    pub json: bool,
    /// The token, or - to read it from stdin.
    #[arg(value_name = "TOKEN|-", allow_hyphen_values = true)]
    pub token: String,
}

#[derive(Debug, Args)]
pub struct Verify {
    /// The algorithm: HS256 for a secret, the key's own for a key file; a JWK Set's keys
    /// carry theirs.
    #[arg(long, value_enum, ignore_case = true)]
    pub alg: Option<Alg>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Use this time (seconds since the epoch) as now.
    #[arg(long, value_name = "SECS")]
    pub now: Option<i64>,
    /// Seconds of clock-skew tolerance for exp, nbf and iat (at most 86400, one day).
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 0,
        value_parser = clap::value_parser!(u64).range(..=jwt_core::LEEWAY_LIMIT)
    )]
    pub leeway: u64,
    /// An accepted issuer (repeat for any of several).
    #[arg(long, value_name = "S")]
    pub iss: Vec<String>,
    /// An audience this verifier accepts (repeat for any of several).
    #[arg(long, value_name = "S")]
    pub aud: Vec<String>,
    /// The required subject.
    #[arg(long, value_name = "S")]
    pub sub: Option<String>,
    /// The required header typ.
    #[arg(long, value_name = "TYP")]
    pub typ: Option<String>,
    /// Accept a token without exp (exp is still checked when present).
    #[arg(long)]
    pub no_exp: bool,
    /// The longest token accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = jwt_core::DEFAULT_MAX_SIZE)]
    pub max_size: usize,
    /// The token, or - to read it from stdin.
    #[arg(value_name = "TOKEN|-", allow_hyphen_values = true)]
    pub token: String,
}

#[derive(Debug, Subcommand)]
pub enum Zoom {
    /// The legacy API token (iss = API key); deprecated by Zoom in 2023.
    Api(ZoomApi),
    /// The Meeting SDK signature.
    MeetingSdk(ZoomMeetingSdk),
    /// The Video SDK token.
    VideoSdk(ZoomVideoSdk),
    /// The Cobrowse SDK token.
    Cobrowse(ZoomCobrowse),
}

#[derive(Debug, Args)]
pub struct ZoomApi {
    #[arg(long, value_name = "KEY")]
    pub api_key: String,
    #[command(flatten)]
    pub secret: Secret,
    #[arg(long, value_name = "SECS", default_value_t = 3600)]
    pub expires_in: u64,
}

#[derive(Debug, Args)]
pub struct ZoomMeetingSdk {
    #[arg(long, value_name = "KEY")]
    pub sdk_key: String,
    #[command(flatten)]
    pub secret: Secret,
    /// The meeting number (a web token; needs --role).
    #[arg(long, value_name = "N", requires = "role")]
    pub meeting: Option<String>,
    /// 0 participant, 1 host (a web token; needs --meeting).
    #[arg(long, value_name = "0|1", requires = "meeting")]
    pub role: Option<u8>,
    #[arg(long, value_name = "SECS", default_value_t = jwt_core::zoom::DEFAULT_SDK_LIFETIME)]
    pub expires_in: u64,
    #[arg(long, value_name = "0|1")]
    pub video_webrtc_mode: Option<u8>,
}

#[derive(Debug, Args)]
pub struct ZoomVideoSdk {
    #[arg(long, value_name = "KEY")]
    pub sdk_key: String,
    #[command(flatten)]
    pub secret: Secret,
    /// The session name.
    #[arg(long, value_name = "T")]
    pub topic: String,
    /// 0 participant, 1 host.
    #[arg(long, value_name = "0|1")]
    pub role: u8,
    #[arg(long, value_name = "K")]
    pub session_key: Option<String>,
    #[arg(long, value_name = "U")]
    pub user_key: Option<String>,
    #[arg(long, value_name = "U")]
    pub user_identity: Option<String>,
    /// Comma-joined regions, like US,DE.
    #[arg(long, value_name = "REGIONS")]
    pub geo_regions: Option<String>,
    #[arg(long, value_name = "SECS", default_value_t = jwt_core::zoom::DEFAULT_SDK_LIFETIME)]
    pub expires_in: u64,
    #[arg(long, value_name = "0|1")]
    pub cloud_recording_option: Option<u8>,
    #[arg(long, value_name = "0|1")]
    pub cloud_recording_election: Option<u8>,
    #[arg(long, value_name = "0|1|2")]
    pub cloud_recording_transcript_option: Option<u8>,
    #[arg(long, value_name = "ID")]
    pub telemetry_tracking_id: Option<String>,
    #[arg(long, value_name = "0|1")]
    pub video_webrtc_mode: Option<u8>,
    #[arg(long, value_name = "0|1")]
    pub audio_webrtc_mode: Option<u8>,
}

#[derive(Debug, Args)]
pub struct ZoomCobrowse {
    #[arg(long, value_name = "KEY")]
    pub sdk_key: String,
    #[command(flatten)]
    pub secret: Secret,
    /// 1 customer, 2 agent.
    #[arg(long, value_name = "1|2")]
    pub role: u8,
    #[arg(long, value_name = "ID")]
    pub user_id: String,
    #[arg(long, value_name = "NAME")]
    pub user_name: String,
    #[arg(long, value_name = "SECS", default_value_t = jwt_core::zoom::DEFAULT_SDK_LIFETIME)]
    pub expires_in: u64,
    /// Set enable_byop = 1.
    #[arg(long)]
    pub enable_byop: bool,
}

#[derive(Debug, Args)]
pub struct Keygen {
    /// The algorithm of the new key.
    #[arg(long, value_enum, ignore_case = true)]
    pub alg: Alg,
    /// The directory to write into (default: the current one). Existing files are never
    /// overwritten; the private key file is readable by its owner only.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Also write the keys as JWK (the secret of an HMAC key is always a JWK).
    #[arg(long)]
    pub jwk: bool,
    /// The JWKs' kid (default: the key's RFC 7638 thumbprint).
    #[arg(long, value_name = "KID")]
    pub kid: Option<String>,
    /// RSA modulus size in bits (2048 to 8192).
    #[arg(
        long,
        value_name = "BITS",
        default_value_t = 2048,
        value_parser = clap::value_parser!(u32).range(2048..=8192)
    )]
    pub bits: u32,
}

#[derive(Debug, Subcommand)]
pub enum JwkCommand {
    /// Print a JWK's RFC 7638 thumbprint (SHA-256, base64url).
    Thumbprint(JwkFile),
}

#[derive(Debug, Args)]
pub struct JwkFile {
    /// The JWK file, or - to read it from stdin.
    #[arg(value_name = "FILE|-", allow_hyphen_values = true)]
    pub file: PathBuf,
}
