//! Parsing `#[claims(...)]` (and the parts of `#[serde(...)]` that decide a member's name)
//! with `parse_nested_meta`. Every value keeps its span.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Attribute, LitBool, LitFloat, LitInt, LitStr, Path, Token};

use crate::ctxt::Ctxt;
use crate::symbol::{self, *};

/// A literal in a rule: `"x"`, `5`, `-5`, `1.5`, `true`.
#[derive(Clone)]
pub enum Lit {
    Str(LitStr),
    Int {
        neg: Option<Token![-]>,
        lit: LitInt,
    },
    Float {
        neg: Option<Token![-]>,
        lit: LitFloat,
    },
    Bool(LitBool),
}

impl Lit {
    pub fn span(&self) -> Span {
        match self {
            Lit::Str(l) => l.span(),
            Lit::Int { neg, lit } => neg.map_or(lit.span(), |n| n.span),
            Lit::Float { neg, lit } => neg.map_or(lit.span(), |n| n.span),
            Lit::Bool(l) => l.span,
        }
    }

    /// The literal as the user wrote it, for messages.
    pub fn text(&self) -> String {
        match self {
            Lit::Str(l) => format!("{:?}", l.value()),
            Lit::Int { neg, lit } => format!("{}{}", if neg.is_some() { "-" } else { "" }, lit),
            Lit::Float { neg, lit } => format!("{}{}", if neg.is_some() { "-" } else { "" }, lit),
            Lit::Bool(l) => l.value.to_string(),
        }
    }

    /// The value as a number, for comparing bounds.
    pub fn as_f64(&self) -> Option<f64> {
        let (neg, digits) = match self {
            Lit::Int { neg, lit } => (neg.is_some(), lit.base10_digits()),
            Lit::Float { neg, lit } => (neg.is_some(), lit.base10_digits()),
            _ => return None,
        };
        let v: f64 = digits.parse().ok()?;
        Some(if neg { -v } else { v })
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Lit::Str(_) => "a string",
            Lit::Int { .. } => "an integer",
            Lit::Float { .. } => "a float",
            Lit::Bool(_) => "a bool",
        }
    }
}

impl ToTokens for Lit {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Lit::Str(l) => l.to_tokens(tokens),
            Lit::Int { neg, lit } => {
                neg.to_tokens(tokens);
                lit.to_tokens(tokens);
            }
            Lit::Float { neg, lit } => {
                neg.to_tokens(tokens);
                lit.to_tokens(tokens);
            }
            Lit::Bool(l) => l.to_tokens(tokens),
        }
    }
}

fn parse_lit(input: ParseStream) -> syn::Result<Lit> {
    let neg: Option<Token![-]> = input.parse()?;
    let lit: syn::Lit = input.parse()?;
    match (neg, lit) {
        (None, syn::Lit::Str(l)) => Ok(Lit::Str(l)),
        (None, syn::Lit::Bool(l)) => Ok(Lit::Bool(l)),
        (neg, syn::Lit::Int(lit)) => Ok(Lit::Int { neg, lit }),
        (neg, syn::Lit::Float(lit)) => Ok(Lit::Float { neg, lit }),
        (_, other) => Err(syn::Error::new(
            other.span(),
            "expected a string, number or bool literal",
        )),
    }
}

/// An unsigned number of seconds.
#[derive(Clone, Copy)]
pub struct Num {
    pub value: u64,
}

fn u64_of(lit: &syn::Lit, what: &str) -> syn::Result<u64> {
    match lit {
        syn::Lit::Int(i) => i
            .base10_parse::<u64>()
            .map_err(|_| syn::Error::new(i.span(), format!("{what} must be a whole number"))),
        other => Err(syn::Error::new(
            other.span(),
            format!("{what} must be a whole number, like `{what} = 60`"),
        )),
    }
}

/// `leeway = N` or `max_age = N`: whole seconds, at most `limit` (the runtime's own limit;
/// above it, an error at the literal, collected, and the limit in its place).
fn parse_secs(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    what: &str,
    limit: u64,
    spelled: &str,
) -> syn::Result<Num> {
    let lit: syn::Lit = meta.value()?.parse()?;
    let value = u64_of(&lit, what)?;
    if value > limit {
        let why = if what == symbol::LEEWAY {
            "; a larger leeway would accept tokens long expired"
        } else {
            ""
        };
        cx.error_spanned_by(
            &lit,
            format!("`{what}` is at most {limit} seconds ({spelled}){why}"),
        );
        return Ok(Num { value: limit });
    }
    Ok(Num { value })
}

/// `len(min = N, max = N)`, `range(min = N, max = N)`, `lifetime(min = N, max = N)`.
#[derive(Clone)]
pub struct Bounds {
    pub span: Span,
    pub min: Option<Lit>,
    pub max: Option<Lit>,
}

fn parse_bounds(cx: &Ctxt, meta: &ParseNestedMeta, key: &str) -> syn::Result<Bounds> {
    let span = meta.path.span();
    let mut bounds = Bounds {
        span,
        min: None,
        max: None,
    };
    let empty = {
        let fork = meta.input.fork();
        let content;
        syn::parenthesized!(content in fork);
        content.is_empty()
    };
    if !meta.input.peek(syn::token::Paren) || empty {
        return Err(meta.error(format!(
            "`{key}` needs bounds, like `{key}(min = 1, max = 10)`"
        )));
    }
    meta.parse_nested_meta(|inner| {
        let name = ident_of(&inner.path);
        let slot = match name.as_str() {
            MIN => &mut bounds.min,
            MAX => &mut bounds.max,
            _ => {
                cx.error_spanned_by(
                    &inner.path,
                    format!("unknown bound `{name}` in `{key}(...)`; expected `min` or `max`"),
                );
                return skip_value(&inner);
            }
        };
        if slot.is_some() {
            cx.error_spanned_by(&inner.path, format!("duplicate `{name}` in `{key}(...)`"));
        }
        *slot = Some(parse_lit(inner.value()?)?);
        Ok(())
    })?;
    if bounds.min.is_none() && bounds.max.is_none() {
        cx.error_at(span, format!("`{key}` needs `min`, `max` or both"));
    }
    Ok(bounds)
}

fn parse_path(meta: &ParseNestedMeta) -> syn::Result<Path> {
    let input = meta.value()?;
    if input.peek(LitStr) {
        let s: LitStr = input.parse()?;
        s.parse::<Path>()
            .map_err(|_| syn::Error::new(s.span(), format!("{:?} is not a path", s.value())))
    } else {
        input.parse()
    }
}

fn ident_of(path: &Path) -> String {
    path.get_ident()
        .map_or_else(|| path.to_token_stream().to_string(), ToString::to_string)
}

/// Reads each key of a `#[serde(...)]` attribute on its own with `read`: a key this derive
/// cannot read (its value is not what serde takes, or not what this derive understands)
/// does not stop it reading the others; each such key's error is returned.
fn each_serde_key(
    attr: &Attribute,
    mut read: impl FnMut(ParseNestedMeta) -> syn::Result<()>,
) -> Vec<syn::Error> {
    let list = match attr.meta.require_list() {
        Ok(list) => list,
        Err(e) => return vec![e],
    };
    // The keys are separated by commas outside any group: split there, then parse each.
    let mut keys: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for tt in list.tokens.clone() {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => keys.push(Vec::new()),
            _ => keys.last_mut().into_iter().for_each(|k| k.push(tt.clone())),
        }
    }
    let mut errors = Vec::new();
    for key in keys.into_iter().filter(|k| !k.is_empty()) {
        let key: TokenStream = key.into_iter().collect();
        let parser = syn::meta::parser(&mut read);
        if let Err(e) = syn::parse::Parser::parse2(parser, key) {
            errors.push(e);
        }
    }
    errors
}

/// Consumes whatever value an unknown key has, so parsing can go on to the next key.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let value = meta.value()?;
        while !value.is_empty() && !value.peek(Token![,]) {
            value.parse::<TokenTree>()?;
        }
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, known: &[&str], other: &[&str], place: &str) {
    let name = ident_of(&meta.path);
    let mut msg = format!("unknown claims attribute `{name}`");
    if other.contains(&name.as_str()) {
        let (here, there) = if place == "field" {
            ("a field", "the struct")
        } else {
            ("the struct", "a field")
        };
        msg = format!("`{name}` does not go on {here}; put it on {there}");
    } else if let Some(close) = symbol::closest(&name, known) {
        msg.push_str(&format!("; did you mean `{close}`?"));
    } else {
        msg.push_str(&format!("; expected one of {}", known.join(", ")));
    }
    cx.error_spanned_by(&meta.path, msg);
}

/// `#[claims(...)]` on the struct.
#[derive(Default)]
pub struct Container {
    pub typ: Option<LitStr>,
    /// `alg = "ES256"`: the one algorithm the type's tokens are signed with, and the name of
    /// its marker type in jwt-core.
    pub alg: Option<(LitStr, &'static str)>,
    pub leeway: Option<Num>,
    pub lifetime: Option<Bounds>,
    pub validate: Option<Path>,
    pub krate: Option<Path>,
    pub krate_span: Option<Span>,
    pub rename_all: RenameAll,
    /// `serialize`: the derive implements `Serialize` and signs through its own writer.
    pub serialize: Option<Span>,
    /// The struct's serde keys other than `rename_all`, for `serialize` to refuse those that
    /// change what `Serialize` writes.
    pub serde_keys: Vec<(String, Span)>,
    /// The struct's serde keys this derive could not read.
    pub serde_unreadable: Vec<syn::Error>,
}

impl Container {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Container {
        let mut c = Container::default();
        let mut seen: Vec<String> = Vec::new();
        for attr in attrs {
            if attr.path().is_ident("serde") {
                let unreadable = c.rename_all.read(attr, &mut c.serde_keys);
                c.serde_unreadable.extend(unreadable);
                continue;
            }
            if !attr.path().is_ident("claims") {
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                let name = ident_of(&meta.path);
                if CONTAINER_KEYS.contains(&name.as_str()) {
                    if seen.contains(&name) {
                        cx.error_spanned_by(
                            &meta.path,
                            format!("duplicate `{name}` in #[claims(...)] on this struct"),
                        );
                    }
                    seen.push(name.clone());
                }
                match name.as_str() {
                    TYP => {
                        let lit: LitStr = meta.value()?.parse()?;
                        if lit.value().is_empty() {
                            cx.error_spanned_by(&lit, "`typ` must not be empty");
                        }
                        c.typ = Some(lit);
                    }
                    ALG => {
                        let lit: LitStr = meta.value()?.parse()?;
                        match ALGORITHMS.iter().find(|(name, _)| *name == lit.value()) {
                            Some((_, marker)) => c.alg = Some((lit, marker)),
                            None => {
                                let names: Vec<&str> =
                                    ALGORITHMS.iter().map(|(name, _)| *name).collect();
                                cx.error_spanned_by(
                                    &lit,
                                    format!(
                                        "`alg` names a JWS algorithm, case-sensitive: one of {}",
                                        names.join(", ")
                                    ),
                                );
                            }
                        }
                    }
                    LEEWAY => {
                        c.leeway = Some(parse_secs(cx, &meta, LEEWAY, LEEWAY_LIMIT, "one day")?)
                    }
                    LIFETIME => c.lifetime = Some(parse_bounds(cx, &meta, LIFETIME)?),
                    VALIDATE => c.validate = Some(parse_path(&meta)?),
                    SERIALIZE => {
                        if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                            cx.error_spanned_by(
                                &meta.path,
                                "`serialize` takes no value: write #[claims(serialize)]",
                            );
                            skip_value(&meta)?;
                        }
                        c.serialize = Some(meta.path.span());
                    }
                    CRATE => {
                        let lit: LitStr = meta.value()?.parse()?;
                        c.krate_span = Some(lit.span());
                        match lit.parse::<Path>() {
                            Ok(path) => c.krate = Some(path),
                            Err(_) => cx.error_spanned_by(
                                &lit,
                                format!(
                                    "`crate` must be a path, like `crate = \"jwt_core\"`; {:?} is not one",
                                    lit.value()
                                ),
                            ),
                        }
                    }
                    _ => {
                        unknown_key(cx, &meta, &CONTAINER_KEYS, &FIELD_KEYS, "struct");
                        skip_value(&meta)?;
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        c
    }
}

/// `#[claims(...)]` on a field, and the serde attributes that matter for it.
#[derive(Default)]
pub struct Field {
    pub marker: Option<(&'static str, Span)>,
    pub equals: Option<Lit>,
    pub one_of: Option<(Span, Vec<Lit>)>,
    pub len: Option<Bounds>,
    pub range: Option<Bounds>,
    pub max_age: Option<(Num, Span)>,
    pub leeway: Option<(Num, Span)>,
    pub validate: Option<Path>,
    pub serde: SerdeField,
    /// The field had a key this derive does not know (already reported).
    pub had_unknown: bool,
}

impl Field {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Field {
        let mut f = Field::default();
        let mut seen: Vec<String> = Vec::new();
        for attr in attrs {
            if attr.path().is_ident("serde") {
                f.serde.read(attr);
                continue;
            }
            if !attr.path().is_ident("claims") {
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                let name = ident_of(&meta.path);
                let span = meta.path.span();
                if let Some(claim) = symbol::registered(&name) {
                    match f.marker {
                        Some((first, _)) if first == claim => cx.error_at(
                            span,
                            format!("duplicate `{claim}` in #[claims(...)] on this field"),
                        ),
                        Some((first, _)) => cx.error_at(
                            span,
                            format!(
                                "this field is already the `{first}` claim; a field carries one claim marker"
                            ),
                        ),
                        None => f.marker = Some((claim, span)),
                    }
                    return Ok(());
                }
                if FIELD_KEYS.contains(&name.as_str()) {
                    if seen.contains(&name) {
                        cx.error_at(
                            span,
                            format!("duplicate `{name}` in #[claims(...)] on this field"),
                        );
                    }
                    seen.push(name.clone());
                }
                match name.as_str() {
                    EQUALS => f.equals = Some(parse_lit(meta.value()?)?),
                    ONE_OF => {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let lits = content
                            .parse_terminated(parse_lit, Token![,])?
                            .into_iter()
                            .collect::<Vec<_>>();
                        if lits.is_empty() {
                            cx.error_at(span, "`one_of` needs at least one value, like `one_of(0, 1)`");
                        }
                        f.one_of = Some((span, lits));
                    }
                    LEN => f.len = Some(parse_bounds(cx, &meta, LEN)?),
                    RANGE => f.range = Some(parse_bounds(cx, &meta, RANGE)?),
                    MAX_AGE => {
                        let n = parse_secs(cx, &meta, MAX_AGE, MAX_AGE_LIMIT, "366 days")?;
                        f.max_age = Some((n, span));
                    }
                    LEEWAY => {
                        let n = parse_secs(cx, &meta, LEEWAY, LEEWAY_LIMIT, "one day")?;
                        f.leeway = Some((n, span));
                    }
                    VALIDATE => f.validate = Some(parse_path(&meta)?),
                    _ => {
                        unknown_key(cx, &meta, &FIELD_KEYS, &CONTAINER_KEYS, "field");
                        f.had_unknown = true;
                        skip_value(&meta)?;
                    }
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        f
    }
}

/// The serde attributes of a field that decide its JSON member name and presence.
#[derive(Default)]
pub struct SerdeField {
    pub rename_ser: Option<String>,
    pub rename_de: Option<String>,
    pub aliases: Vec<LitStr>,
    pub skip_ser: Option<Span>,
    pub skip_de: Option<Span>,
    pub flatten: Option<Span>,
    pub with: Option<Span>,
    /// `with` or `serialize_with`: the field is written by a function of the user's.
    pub ser_with: Option<Span>,
    pub skip_serializing_if: bool,
    /// The function of `skip_serializing_if = "..."`.
    pub skip_if_path: Option<syn::ExprPath>,
    pub default: bool,
    /// Keys this derive does not read, with their spans.
    pub others: Vec<(String, Span)>,
    /// Keys this derive could not read, each with why (serde reports its own syntax errors;
    /// `serialize`, which writes what these keys say, refuses them).
    pub unreadable: Vec<syn::Error>,
}

impl SerdeField {
    fn read(&mut self, attr: &Attribute) {
        let unreadable = each_serde_key(attr, |meta| {
            let name = ident_of(&meta.path);
            let span = meta.path.span();
            match name.as_str() {
                "rename" => {
                    let (ser, de) = read_ser_de(&meta)?;
                    if ser.is_some() {
                        self.rename_ser = ser;
                    }
                    if de.is_some() {
                        self.rename_de = de;
                    }
                }
                "alias" => self.aliases.push(meta.value()?.parse()?),
                "skip" => {
                    self.skip_ser = Some(span);
                    self.skip_de = Some(span);
                }
                "skip_serializing" => self.skip_ser = Some(span),
                "skip_deserializing" => self.skip_de = Some(span),
                "flatten" => self.flatten = Some(span),
                "with" | "serialize_with" | "deserialize_with" => {
                    self.with = Some(span);
                    if name != "deserialize_with" {
                        self.ser_with = Some(span);
                    }
                    skip_value(&meta)?;
                }
                "skip_serializing_if" => {
                    self.skip_serializing_if = true;
                    let lit: LitStr = meta.value()?.parse()?;
                    self.skip_if_path = lit.parse().ok();
                }
                "default" => {
                    self.default = true;
                    skip_value(&meta)?;
                }
                _ => {
                    self.others.push((name, span));
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        self.unreadable.extend(unreadable);
    }
}

/// `rename = "x"` or `rename(serialize = "x", deserialize = "y")`.
fn read_ser_de(meta: &ParseNestedMeta) -> syn::Result<(Option<String>, Option<String>)> {
    if meta.input.peek(Token![=]) {
        let s: LitStr = meta.value()?.parse()?;
        return Ok((Some(s.value()), Some(s.value())));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        let s: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("serialize") {
            ser = Some(s.value());
        } else if inner.path.is_ident("deserialize") {
            de = Some(s.value());
        }
        Ok(())
    })?;
    Ok((ser, de))
}

/// `#[serde(rename_all = "...")]` on the struct.
#[derive(Default)]
pub struct RenameAll {
    pub ser: Option<String>,
    pub de: Option<String>,
}

impl RenameAll {
    /// Reads `rename_all`, notes every other key of the struct's `#[serde(...)]` in
    /// `others`, and returns the keys it could not read.
    fn read(&mut self, attr: &Attribute, others: &mut Vec<(String, Span)>) -> Vec<syn::Error> {
        each_serde_key(attr, |meta| {
            if !meta.path.is_ident("rename_all") {
                others.push((ident_of(&meta.path), meta.path.span()));
            }
            if meta.path.is_ident("rename_all") {
                let (ser, de) = read_ser_de(&meta)?;
                if ser.is_some() {
                    self.ser = ser;
                }
                if de.is_some() {
                    self.de = de;
                }
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        })
    }
}

/// Applies a serde `rename_all` rule to a snake_case field name.
pub fn apply_rename_all(rule: Option<&str>, field: &str) -> String {
    let words = || field.split('_').filter(|w| !w.is_empty());
    let capitalize = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    match rule {
        Some("lowercase") => field.to_lowercase(),
        Some("UPPERCASE") => field.to_uppercase(),
        Some("PascalCase") => words().map(capitalize).collect(),
        Some("camelCase") => {
            let pascal: String = words().map(capitalize).collect();
            let mut c = pascal.chars();
            c.next()
                .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        Some("SCREAMING_SNAKE_CASE") => field.to_uppercase(),
        Some("kebab-case") => field.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => field.replace('_', "-").to_uppercase(),
        _ => field.to_owned(),
    }
}
