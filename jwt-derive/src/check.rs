//! Rules across fields: a claim marked twice, `lifetime` without `exp` and `iat`, no `exp`,
//! and what `serialize` cannot write.

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

/// `#[claims(serialize)]`: the derive writes `Serialize` itself, so every serde attribute
/// that changes what `Serialize` writes must be one it implements; the others are refused
/// here, never ignored.
pub fn check_serialize(cx: &Ctxt, cont: &Container) {
    let Some(span) = cont.attrs.serialize else {
        return;
    };
    let fix = "leave out `serialize` and derive Serialize instead";
    if let Some(param) = cont.input.generics.params.first() {
        cx.error_spanned_by(
            param,
            format!("#[claims(serialize)] does not take generic structs; {fix}"),
        );
    }
    // Deserialize-only keys; `rename_all` is read where names are worked out.
    const STRUCT_OK: [&str; 5] = [
        "deny_unknown_fields",
        "default",
        "from",
        "try_from",
        "expecting",
    ];
    // A key this derive cannot read might say anything about what is written.
    let unreadable = cont
        .attrs
        .serde_unreadable
        .iter()
        .chain(cont.fields.iter().flat_map(|f| &f.attrs.serde.unreadable));
    for e in unreadable {
        cx.error_at(
            e.span(),
            format!("#[claims(serialize)] cannot read this serde attribute ({e}), so it cannot write what it says; {fix}"),
        );
    }
    for (key, span) in &cont.attrs.serde_keys {
        if !STRUCT_OK.contains(&key.as_str()) {
            cx.error_at(
                *span,
                format!(
                    "#[claims(serialize)] does not implement #[serde({key})] on the struct; {fix}"
                ),
            );
        }
    }
    for f in &cont.fields {
        let s = &f.attrs.serde;
        if let Some(flat) = s.flatten {
            cx.error_at(
                flat,
                format!("#[claims(serialize)] cannot write flattened fields; {fix}"),
            );
        }
        if let Some(with) = s.ser_with {
            cx.error_at(
                with,
                format!("#[claims(serialize)] cannot write fields through `with` or `serialize_with`; {fix}"),
            );
        }
        if s.skip_serializing_if && s.skip_if_path.is_none() {
            cx.error_at(
                f.ident.span(),
                "`skip_serializing_if` needs a function path, like \"Option::is_none\"",
            );
        }
        for (key, span) in &s.others {
            if key != "borrow" {
                cx.error_at(
                    *span,
                    format!("#[claims(serialize)] does not implement #[serde({key})]; {fix}"),
                );
            }
        }
    }
    let written: Vec<&ast::Field> = cont.written().collect();
    for (i, f) in written.iter().enumerate() {
        if let Some(first) = written[..i].iter().find(|g| g.ser_name == f.ser_name) {
            cx.error_at(
                f.ident.span(),
                format!(
                    "field `{}` serializes as `{}`, as field `{}` does; a member name may appear once",
                    f.ident, f.ser_name, first.ident
                ),
            );
        }
    }
    if written.is_empty() {
        cx.error_at(span, "#[claims(serialize)] needs a field that is written");
    }
    if written.len() > 64 {
        cx.error_at(
            span,
            format!(
                "#[claims(serialize)] writes at most 64 members, this struct has {}; {fix}",
                written.len()
            ),
        );
    }
}
