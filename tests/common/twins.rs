// `twins!`, shared (by `include!`) with `benches/common/mod.rs` and the `resigned` fuzz target.

/// Declares `$direct`, with `#[claims(serialize)]` (the derive implements `Serialize` and signs
/// through its own writer), and `$twin`, the same fields and attributes deriving serde's
/// `Serialize`, and `From<&$direct>` for the twin: the two must serialize and sign alike.
macro_rules! twins {
    (
        $(#[$meta:meta])*
        $vis:vis struct $direct:ident / $twin:ident {
            $( $(#[$field_meta:meta])* $field_vis:vis $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        #[derive(jwt_core::Claims, serde::Deserialize)]
        #[claims(serialize)]
        $(#[$meta])*
        $vis struct $direct {
            $( $(#[$field_meta])* $field_vis $field: $ty ),*
        }

        #[derive(jwt_core::Claims, serde::Serialize, serde::Deserialize)]
        $(#[$meta])*
        $vis struct $twin {
            $( $(#[$field_meta])* $field_vis $field: $ty ),*
        }

        impl From<&$direct> for $twin {
            fn from(d: &$direct) -> $twin {
                $twin { $( $field: d.$field.clone() ),* }
            }
        }
    };
}
