//! The typed model of a claims struct, built from syn by [`Container::from_ast`], with the
//! checks that concern one field at a time (does the rule fit the claim and the type).

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr::{self, Lit};
use crate::ctxt::Ctxt;
use crate::symbol::{self, AUD, IAT, ISS, JTI, SUB};

/// What the derive can tell about a field's type from its tokens.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
    Str,
    Int {
        signed: bool,
        time_ok: bool,
    },
    Float,
    Bool,
    Seq,
    NumericDate,
    Audience,
    /// A time type whose serde form is not a number: `SystemTime`, chrono's `DateTime`,
    /// time's `OffsetDateTime`; the `&str` is the `serde_as` module to use.
    ForeignTime(&'static str),
    Other,
}

impl Class {
    fn describe(self) -> &'static str {
        match self {
            Class::Str => "a string",
            Class::Int { .. } => "an integer",
            Class::Float => "a float",
            Class::Bool => "a bool",
            Class::Seq => "a sequence",
            Class::NumericDate | Class::ForeignTime(_) => "a time",
            Class::Audience => "an Audience",
            Class::Other => "this type",
        }
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        // A type passed through `macro_rules!` as `$t:ty` arrives in an invisible group.
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

fn generic_arg(seg: &syn::PathSegment) -> Option<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// Whether the type is written `Vec<String>`.
pub fn is_vec_of_string(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|seg| {
        seg.ident == "Vec"
            && generic_arg(seg)
                .and_then(last_segment)
                .is_some_and(|s| s.ident == "String" && s.arguments.is_empty())
    })
}

/// `Option<T>` → `Some(T)`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let seg = last_segment(ty)?;
    (seg.ident == "Option").then(|| generic_arg(seg)).flatten()
}

fn is_str(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => last_segment(&r.elem).is_some_and(|s| s.ident == "str"),
        _ => last_segment(ty).is_some_and(|s| s.ident == "str"),
    }
}

pub fn classify(ty: &Type) -> Class {
    match ty {
        Type::Array(_) | Type::Slice(_) => return Class::Seq,
        Type::Reference(r) => {
            return if is_str(ty) {
                Class::Str
            } else {
                match &*r.elem {
                    Type::Slice(_) | Type::Array(_) => Class::Seq,
                    _ => Class::Other,
                }
            }
        }
        Type::Group(g) => return classify(&g.elem),
        Type::Paren(p) => return classify(&p.elem),
        _ => {}
    }
    let Some(seg) = last_segment(ty) else {
        return Class::Other;
    };
    match seg.ident.to_string().as_str() {
        "String" | "str" => Class::Str,
        "Box" | "Cow" | "Rc" | "Arc" if generic_arg(seg).is_some_and(is_str) => Class::Str,
        "u64" | "i64" => Class::Int {
            signed: seg.ident == "i64",
            time_ok: true,
        },
        "u8" | "u16" | "u32" | "u128" | "usize" => Class::Int {
            signed: false,
            time_ok: false,
        },
        "i8" | "i16" | "i32" | "i128" | "isize" => Class::Int {
            signed: true,
            time_ok: false,
        },
        "f32" | "f64" => Class::Float,
        "bool" => Class::Bool,
        "Vec" | "VecDeque" | "HashSet" | "BTreeSet" => Class::Seq,
        "NumericDate" => Class::NumericDate,
        "Audience" => Class::Audience,
        "SystemTime" => Class::ForeignTime("system_time"),
        "DateTime" => Class::ForeignTime("chrono_utc"),
        "OffsetDateTime" => Class::ForeignTime("offset_date_time"),
        _ => Class::Other,
    }
}

/// One named field.
pub struct Field<'a> {
    pub ident: &'a Ident,
    /// `T` of `Option<T>`, or the type itself.
    pub inner: &'a Type,
    pub optional: bool,
    pub class: Class,
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
                let (inner, optional) = match option_inner(&f.ty) {
                    Some(inner) => (inner, true),
                    None => (&f.ty, false),
                };
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
                    inner,
                    optional,
                    class: classify(inner),
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

fn type_text(ty: &Type) -> String {
    let mut text = ty.to_token_stream().to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
    ] {
        text = text.replace(from, to);
    }
    text
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
    if f.optional && !s.skip_serializing_if {
        cx.error_at(
            span,
            format!(
                "an absent optional `{claim}` would serialize as `null`, which is not a valid `{claim}`; add #[serde(skip_serializing_if = \"Option::is_none\")]"
            ),
        );
    }
    let ty = f.inner;
    let found = type_text(ty);
    if symbol::is_time(claim) {
        match f.class {
            Class::NumericDate | Class::Other | Class::Int { time_ok: true, .. } => {}
            Class::ForeignTime(module) => {
                if s.with.is_none() {
                    cx.error_spanned_by(
                        ty,
                        format!(
                            "`{found}` does not serialize as a number of seconds; add #[serde(with = \"jwt_core::serde_as::{module}\")] to this field"
                        ),
                    );
                }
            }
            Class::Int { .. } => cx.error_spanned_by(
                ty,
                format!("#[claims({claim})] needs NumericDate, u64 or i64, found `{found}`"),
            ),
            Class::Float => cx.error_spanned_by(
                ty,
                format!("#[claims({claim})] needs NumericDate, u64 or i64, found `{found}`; NumericDate keeps fractions exactly"),
            ),
            _ => cx.error_spanned_by(
                ty,
                format!("#[claims({claim})] needs a time type (NumericDate, u64 or i64), found `{found}`"),
            ),
        }
    } else if claim == AUD {
        if !matches!(
            f.class,
            Class::Audience | Class::Str | Class::Seq | Class::Other
        ) {
            cx.error_spanned_by(
                ty,
                format!("#[claims(aud)] needs jwt_core::Audience, String or Vec<String>, found `{found}`"),
            );
        }
    } else if !matches!(f.class, Class::Str | Class::Other) {
        cx.error_spanned_by(
            ty,
            format!("#[claims({claim})] needs a String, found `{found}`"),
        );
    }
}

fn check_lit_fits(cx: &Ctxt, f: &Field, lit: &Lit, key: &str) {
    let fits = match (f.class, lit) {
        (Class::Other, _) => true,
        (Class::Str | Class::Audience | Class::Seq, Lit::Str(_)) => true,
        (Class::Int { signed, .. }, Lit::Int { neg, .. }) => {
            if neg.is_some() && !signed {
                cx.error_at(
                    lit.span(),
                    format!(
                        "`{key}` has a negative value but `{}` is unsigned",
                        type_text(f.inner)
                    ),
                );
            }
            true
        }
        (Class::Float, Lit::Int { .. } | Lit::Float { .. }) => true,
        (Class::Bool, Lit::Bool(_)) => true,
        _ => false,
    };
    if !fits {
        cx.error_at(
            lit.span(),
            format!(
                "`{key}` needs a value of the field's type: `{}` is {}, but {} is {}",
                type_text(f.inner),
                f.class.describe(),
                lit.text(),
                lit.kind()
            ),
        );
    }
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
        } else if matches!(claim, Some(ISS | SUB | AUD | JTI)) {
            if !matches!(lit, Lit::Str(_)) {
                cx.error_at(
                    lit.span(),
                    format!(
                        "`{key}` on {what} needs a string, but {} is {}",
                        lit.text(),
                        lit.kind()
                    ),
                );
            }
        } else {
            check_lit_fits(cx, f, lit, key);
        }
    }

    if let Some(len) = &a.len {
        let fits = match f.class {
            Class::Str | Class::Seq | Class::Audience | Class::Other => !time,
            _ => false,
        };
        if !fits {
            let hint = if matches!(f.class, Class::Int { .. } | Class::Float) && !time {
                "; use range(...) for numbers"
            } else {
                ""
            };
            cx.error_at(
                len.span,
                format!(
                    "`len` applies to strings and sequences, but {what} is {}{hint}",
                    f.class.describe()
                ),
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
        let fits = matches!(f.class, Class::Int { .. } | Class::Float | Class::Other) && !time;
        if !fits {
            let hint = if matches!(f.class, Class::Str | Class::Seq) {
                "; use len(...) for strings and sequences"
            } else if time {
                "; bound times with lifetime(...), max_age or leeway"
            } else {
                ""
            };
            cx.error_at(
                range.span,
                format!(
                    "`range` applies to numbers, but {what} is {}{hint}",
                    f.class.describe()
                ),
            );
        } else {
            for lit in range.min.iter().chain(range.max.iter()) {
                check_lit_fits(cx, f, lit, "range");
            }
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
