//! `jwt`: mint, inspect and verify JSON Web Tokens (HMAC; ECDSA, EdDSA and RSA with the
//! `asymmetric` feature), make keys, and mint Zoom tokens.
//!
//! Exit codes: 0 success; 1 the token is invalid (one line on stderr starting `error: `);
//! 2 a usage or input error. No secret is taken as a bare argument or ever printed; `keygen`
//! writes new keys to files only.

mod args;
mod keygen;
mod keys;
mod run;
mod secret;
mod when;

use std::process::ExitCode;

use clap::Parser;

/// How a command failed, which decides the exit code.
#[derive(Debug)]
pub enum Failure {
    /// The token is invalid: exit 1.
    Invalid(String),
    /// A usage or input error: exit 2.
    Input(String),
}

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; usage errors exit 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(reason)) => {
            eprintln!("error: {reason}");
            ExitCode::from(1)
        }
        Err(Failure::Input(reason)) => {
            eprintln!("error: {reason}");
            ExitCode::from(2)
        }
    }
}
