//! The typed model of a claims struct, built from syn by [`Container::from_ast`], with the
//! checks that concern one field at a time (does the rule fit the claim and the type).

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, Type};

use crate::attr::{self, Lit};
use crate::ctxt::Ctxt;
use crate::symbol::{self, AUD, IAT, ISS, JTI, SUB};

/// One named field.
pub struct Field<'a> {
    pub ident: &'a Ident,
    /// The field's type. What it is (an `Option`, a string, a time) is for the generated
    /// code to find out through traits, never from the type's name.
    pub ty: &'a Type,
    pub attrs: attr::Field,
    /// The JSON member name when serialized and when deserialized.
    pub ser_name: String,
    pub de_name: String,
}

impl Field<'_> {
    pub fn claim(&self) -> Option<&'static str> {
        self.attrs.marker.map(|(c, _)| c)
    }

    /// Whether serde writes or reads this field as a member of the top-level object.
    pub fn is_member(&self) -> bool {
        self.attrs.serde.flatten.is_none()
            && !(self.attrs.serde.skip_ser.is_some() && self.attrs.serde.skip_de.is_some())
    }
}

/// The struct.
pub struct Container<'a> {
    pub ident: &'a Ident,
    pub input: &'a DeriveInput,
    pub attrs: attr::Container,
    pub fields: Vec<Field<'a>>,
}

impl<'a> Container<'a> {
    /// Whether a `#[serde(...)]` key of the struct or a field could not be read (serde then
    /// reports it and derives no `Deserialize`).
    pub fn serde_unreadable(&self) -> bool {
        !self.attrs.serde_unreadable.is_empty()
            || self
                .fields
                .iter()
                .any(|f| !f.attrs.serde.unreadable.is_empty())
    }

    /// The fields `Serialize` writes, in field order (all but the skipped): the members of
    /// the type's table, and, with `serialize`, what its `Serialize` and writer write, by
    /// place in that table.
    pub fn written(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|f| f.attrs.serde.skip_ser.is_none())
    }

    /// The model, or `None` when the input is not a struct with named fields.
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Container<'a>> {
        let attrs = attr::Container::from_attrs(cx, &input.attrs);
        let named = match &input.data {
            Data::Struct(s) => match &s.fields {
                Fields::Named(named) => named,
                Fields::Unnamed(_) => {
                    cx.error_at(
                        input.ident.span(),
                        "#[derive(Claims)] needs named fields, one per claim; a tuple struct has none",
                    );
                    return None;
                }
                Fields::Unit => {
                    cx.error_at(
                        input.ident.span(),
                        "#[derive(Claims)] needs a struct with named fields; a unit struct has no claims",
                    );
                    return None;
                }
            },
            Data::Enum(e) => {
                cx.error_at(
                    e.enum_token.span,
                    "#[derive(Claims)] works on structs with named fields, not enums",
                );
                return None;
            }
            Data::Union(u) => {
                cx.error_at(
                    u.union_token.span,
                    "#[derive(Claims)] works on structs with named fields, not unions",
                );
                return None;
            }
        };
        let fields = named
            .named
            .iter()
            .filter_map(|f| {
                let ident = f.ident.as_ref()?;
                let field_attrs = attr::Field::from_attrs(cx, &f.attrs);
                let raw = ident.to_string();
                let name = raw.strip_prefix("r#").unwrap_or(&raw);
                let s = &field_attrs.serde;
                let ser_name = s.rename_ser.clone().unwrap_or_else(|| {
                    attr::apply_rename_all(attrs.rename_all.ser.as_deref(), name)
                });
                let de_name = s.rename_de.clone().unwrap_or_else(|| {
                    attr::apply_rename_all(attrs.rename_all.de.as_deref(), name)
                });
                let field = Field {
                    ident,
                    ty: &f.ty,
                    attrs: field_attrs,
                    ser_name,
                    de_name,
                };
                check_field(cx, &field);
                Some(field)
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            input,
            attrs,
            fields,
        })
    }
}

/// The checks on one field: serde naming, the marker against the type, each rule against
/// the claim and the type.
fn check_field(cx: &Ctxt, f: &Field) {
    let s = &f.attrs.serde;
    match f.attrs.marker {
        Some((claim, span)) => check_marker(cx, f, claim, span),
        None => {
            // A field with an unknown key was meant to be something; that error is enough.
            if f.is_member() && !f.attrs.had_unknown {
                for name in [&f.ser_name, &f.de_name] {
                    if let Some(claim) = symbol::registered(name) {
                        cx.error_at(
                            f.ident.span(),
                            format!(
                                "field `{}` serializes as the registered claim `{claim}` but is not marked; add #[claims({claim})] so it is validated",
                                f.ident
                            ),
                        );
                        break;
                    }
                }
                for alias in &s.aliases {
                    if let Some(claim) = symbol::registered(&alias.value()) {
                        cx.error_spanned_by(
                            alias,
                            format!("a serde alias may not be the registered claim `{claim}`: the claim would be read without being validated"),
                        );
                    }
                }
            }
        }
    }
    check_rules(cx, f);
}

fn check_marker(cx: &Ctxt, f: &Field, claim: &'static str, span: Span) {
    let s = &f.attrs.serde;
    if let Some(flat) = s.flatten {
        cx.error_at(
            flat,
            format!("the `{claim}` claim cannot be a flattened field"),
        );
        return;
    }
    if let Some(skip) = s.skip_ser.or(s.skip_de) {
        cx.error_at(
            skip,
            format!(
                "the `{claim}` claim cannot be skipped by serde: it would go unsigned or unread"
            ),
        );
    }
    for (name, dir) in [(&f.ser_name, "serializes"), (&f.de_name, "deserializes")] {
        if name != claim {
            cx.error_at(
                span,
                format!(
                    "#[claims({claim})] marks a field that {dir} as `{name}`; rename the field to `{claim}` or add #[serde(rename = \"{claim}\")]"
                ),
            );
            break;
        }
    }
    for alias in &s.aliases {
        cx.error_spanned_by(
            alias,
            format!("the `{claim}` claim cannot have a serde alias: the claim could arrive under another name, unchecked"),
        );
    }
    // Whether the type can hold the claim, and whether an `Option` of one skips `null`, is
    // for the generated code to check through the claim's trait (the type's name would
    // mislead: an alias, a user's type named like a std one).
}

fn check_rules(cx: &Ctxt, f: &Field) {
    let a = &f.attrs;
    let claim = f.claim();
    let time = claim.is_some_and(symbol::is_time);
    let what = claim.map_or_else(
        || format!("field `{}`", f.ident),
        |c| format!("the `{c}` claim"),
    );

    if let (Some(_), Some((span, _))) = (&a.equals, &a.one_of) {
        cx.error_at(*span, "use either `equals` or `one_of`, not both");
    }
    let literals: Vec<(&Lit, &str)> = a
        .equals
        .iter()
        .map(|l| (l, "equals"))
        .chain(
            a.one_of
                .iter()
                .flat_map(|(_, ls)| ls.iter().map(|l| (l, "one_of"))),
        )
        .collect();
    for (lit, key) in &literals {
        if time {
            cx.error_at(
                lit.span(),
                format!("`{key}` does not apply to {what}; bound times with lifetime(...), max_age or leeway"),
            );
        } else if matches!(claim, Some(ISS | SUB | AUD | JTI)) && !matches!(lit, Lit::Str(_)) {
            cx.error_at(
                lit.span(),
                format!(
                    "`{key}` on {what} needs a string, but {} is {}",
                    lit.text(),
                    lit.kind()
                ),
            );
        }
        // Other literals are compared by the generated code through traits: a literal that
        // does not fit the field's type is rustc's error at the literal.
    }

    // `len` and `range` on a time claim; on other fields the generated code needs the
    // field's type to have a length (`ClaimLen`) or to be a number (`ClaimInt`,
    // `ClaimFloat`), and rustc says so at the field otherwise.
    if let Some(len) = &a.len {
        if time {
            cx.error_at(
                len.span,
                format!("`len` does not apply to {what}; bound times with lifetime(...), max_age or leeway"),
            );
        }
        check_bounds(
            cx,
            len,
            "len",
            |l| matches!(l, Lit::Int { neg: None, .. }),
            "a whole number",
        );
    }

    if let Some(range) = &a.range {
        if time {
            cx.error_at(
                range.span,
                format!("`range` does not apply to {what}; bound times with lifetime(...), max_age or leeway"),
            );
        }
        check_bounds(
            cx,
            range,
            "range",
            |l| matches!(l, Lit::Int { .. } | Lit::Float { .. }),
            "a number",
        );
    }

    if let Some((_, span)) = a.max_age {
        if claim != Some(IAT) {
            cx.error_at(span, "#[claims(max_age)] only applies to the iat claim");
        }
    }
    if let Some((_, span)) = a.leeway {
        if !time {
            cx.error_at(span, "#[claims(leeway)] on a field only applies to exp, nbf and iat; put a general leeway on the struct");
        }
    }
}

/// Literal kinds and min <= max for `len`, `range` and `lifetime`.
pub fn check_bounds(
    cx: &Ctxt,
    b: &attr::Bounds,
    key: &str,
    kind_ok: impl Fn(&Lit) -> bool,
    kind_name: &str,
) {
    for lit in b.min.iter().chain(b.max.iter()) {
        if !kind_ok(lit) {
            cx.error_at(
                lit.span(),
                format!(
                    "`{key}` bounds must be {kind_name}, but {} is {}",
                    lit.text(),
                    lit.kind()
                ),
            );
        }
    }
    if let (Some(min), Some(max)) = (&b.min, &b.max) {
        if let (Some(lo), Some(hi)) = (min.as_f64(), max.as_f64()) {
            if lo > hi {
                cx.error_at(
                    max.span(),
                    format!(
                        "`{key}` has min {} greater than max {}; swap them",
                        min.text(),
                        max.text()
                    ),
                );
            }
        }
    }
}
