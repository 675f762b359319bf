//! Claims: `NumericDate`, `Audience`, the clock, the registered claims and their checks
//! (`Validation`), the claims object's reader, and the writer's sink that notes the claims
//! for signing. Imports `json` and the leaves; knows nothing of keys or tokens.

pub(crate) mod audience;
pub(crate) mod capture;
pub(crate) mod claim;
pub(crate) mod clock;
pub(crate) mod direct;
pub(crate) mod found;
pub(crate) mod numeric_date;
pub(crate) mod reader;
pub mod serde_as;
pub(crate) mod table;
pub(crate) mod validation;
