//! Strict JSON, the pieces the header parser, the claims reader and the signer share: byte
//! scans, the duplicate-name set, the nesting check, [`known::Known`] (a value handed over
//! without a second parse), a duplicate-refusing `Value`, and the one-pass writer. Knows
//! nothing of tokens, keys or claims: it imports only the leaves (`error`).

pub(crate) mod buf;
pub(crate) mod depth;
pub(crate) mod known;
pub(crate) mod names;
pub(crate) mod raw;
pub(crate) mod scan;
pub(crate) mod strict;
pub(crate) mod write;
