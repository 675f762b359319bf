//! The compact JWS: the header, signing (`encode`) and the verify pipeline (`decode`) in the
//! order of the design. Imports `claims`, `json`, `crypto` and the leaves.

pub(crate) mod decode;
pub(crate) mod encode;
pub(crate) mod header;
