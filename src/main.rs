//! The `jwt` command-line tool. Only its usage is implemented so far.

use std::process::ExitCode;

const USAGE: &str = "\
jwt: mint, inspect and verify HMAC-signed JSON Web Tokens

usage:
  jwt encode  [--alg HS256|HS384|HS512] SECRET [--kid K] [--typ T] [--expires-in SECS] [--iat] CLAIMS_JSON|-
  jwt decode  TOKEN|-
  jwt verify  [--alg ...] SECRET [--now SECS] [--leeway SECS] [--iss S]... [--aud S]... [--sub S]
              [--typ T] [--no-exp] TOKEN|-
  jwt zoom    api | meeting-sdk | video-sdk | cobrowse ...
SECRET is one of: --secret-env NAME | --secret-file PATH | --secret-base64url K

The commands are not implemented yet; this build only prints this text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprint!("error: the command {other:?} is not implemented yet\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
