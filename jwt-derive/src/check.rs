//! Rules across fields: a claim marked twice, `lifetime` without `exp` and `iat`, no `exp`.

use crate::ast::{self, Container};
use crate::attr::Lit;
use crate::ctxt::Ctxt;
use crate::symbol::{EXP, IAT, REGISTERED};

pub fn check(cx: &Ctxt, cont: &Container) {
    for claim in REGISTERED {
        let mut marked = cont.fields.iter().filter_map(|f| {
            f.attrs
                .marker
                .filter(|(c, _)| *c == claim)
                .map(|(_, s)| (f, s))
        });
        if let Some((first, _)) = marked.next() {
            for (_, span) in marked {
                cx.error_at(
                    span,
                    format!(
                        "duplicate #[claims({claim})] on this struct; field `{}` is already the `{claim}` claim",
                        first.ident
                    ),
                );
            }
        }
    }

    let has = |claim: &str| cont.fields.iter().any(|f| f.claim() == Some(claim));

    if let Some(lifetime) = &cont.attrs.lifetime {
        let missing: Vec<&str> = [EXP, IAT].into_iter().filter(|c| !has(c)).collect();
        if !missing.is_empty() {
            cx.error_at(
                lifetime.span,
                format!(
                    "lifetime(...) bounds exp - iat, so the struct needs #[claims(exp)] and #[claims(iat)] fields; missing {}",
                    missing.join(" and ")
                ),
            );
        }
        ast::check_bounds(
            cx,
            lifetime,
            "lifetime",
            |l| matches!(l, Lit::Int { neg: None, .. }),
            "a whole number of seconds",
        );
    }

    // A field that serializes as `exp` without the marker, or with a mistyped key, was
    // meant to be exp and has its own error already.
    let meant_exp = cont
        .fields
        .iter()
        .any(|f| f.ser_name == EXP || f.attrs.had_unknown);
    if !has(EXP) && !meant_exp {
        cx.error_at(
            cont.ident.span(),
            format!(
                "`{}` has no #[claims(exp)] field: tokens must expire; add `#[claims(exp)] exp: NumericDate`, or `#[claims(exp)] #[serde(skip_serializing_if = \"Option::is_none\")] exp: Option<NumericDate>` to accept tokens without one",
                cont.ident
            ),
        );
    }
}
