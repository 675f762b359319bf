//! `#[derive(Claims)]` for `jwt-core`.
//!
//! This is the proc-macro half of `jwt-core`: depend on `jwt-core`, which re-exports the
//! derive and documents its attributes. The stages follow one file each: `attr` parses
//! `#[claims(...)]`, `ast` builds the typed model and checks each field, `check` checks
//! rules across fields, `expand` writes the code, and `fallback` writes a stub after an
//! error so that only the user's mistake is reported.
//!
//! The derive never looks at how a field's type is spelled: whether it is an `Option`, a
//! time, a string or a number is for the generated code to find out through traits in
//! `jwt_core::__private`, so aliases work and a mismatch is rustc's error at the field.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod symbol;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Implements `jwt_core::Claims` for a struct with named fields; see the `jwt-core` docs for
/// the `#[claims(...)]` attributes.
#[proc_macro_derive(Claims, attributes(claims))]
pub fn derive_claims(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
