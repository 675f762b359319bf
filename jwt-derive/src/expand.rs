//! Code generation. It never reports user errors: those are found before it runs.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{DeriveInput, LitFloat};

use crate::ast::{Container, Field};
use crate::attr::Lit;
use crate::ctxt::Ctxt;
use crate::symbol::{self, AUD, EXP, IAT, ISS, NBF, SUB};
use crate::{check, fallback};

/// The whole derive: `from_ast` → `check` → `expand`, or the errors and a stub.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let cont = Container::from_ast(&cx, input);
    if let Some(cont) = &cont {
        check::check(&cx, cont);
        check::check_serialize(&cx, cont);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) => expand(&cont),
        // A struct with a mistake still gets a stub impl, so uses of it compile quietly.
        (Err(errors), Some(cont)) => fallback::stub(
            input,
            cont.attrs.krate.as_ref(),
            cont.attrs.serialize.is_some(),
            cont.serde_unreadable(),
            &errors,
        ),
        // Not a struct with named fields: nothing to stand in for.
        (Err(errors), None) => errors.to_compile_error(),
        (Ok(()), None) => TokenStream::new(),
    }
}

fn expand(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let generics = &cont.input.generics;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let mut where_clause = generics
        .where_clause
        .clone()
        .unwrap_or_else(|| syn::WhereClause {
            where_token: Default::default(),
            predicates: syn::punctuated::Punctuated::new(),
        });
    if !generics.params.is_empty() {
        where_clause.predicates.push(syn::parse_quote!(
            Self: _jwt::__private::serde::Serialize + _jwt::__private::serde::de::DeserializeOwned
        ));
    }
    // A user's `crate = "..."` is written with the literal's span, so a path that does not
    // resolve is reported at the literal.
    let use_krate = match (&cont.attrs.krate, cont.attrs.krate_span) {
        (Some(path), Some(span)) => {
            let path = respan(path.to_token_stream(), span);
            quote_spanned!(span=> use #path as _jwt;)
        }
        _ => quote!(
            use ::jwt_core as _jwt;
        ),
    };

    let struct_rules = struct_rules(cont);
    // The algorithm marker keys must fit (`alg = ...`), checked by rustc at each call.
    let pinned = match &cont.attrs.alg {
        Some((lit, marker)) => {
            let marker = syn::Ident::new(marker, lit.span());
            quote!(_jwt::#marker)
        }
        None => quote!(_jwt::__private::AnyAlgorithm),
    };
    let members = members(cont);
    // Constants, outside the impl: checked whether or not the struct is used.
    let assertions = cont.fields.iter().filter_map(|f| assertion(cont, f));
    let generic_assertions = cont
        .fields
        .iter()
        .filter_map(|f| generic_assertion(cont, f));
    let rules = cont.fields.iter().map(field_rules);
    let container_validate = cont.attrs.validate.as_ref().map(|path| {
        // Only the call carries the user's span: a wrong signature is reported at the path.
        let call = quote_spanned!(path.span()=> #path(self));
        quote! {
            if let _jwt::__private::Err(e) = #call {
                return _jwt::__private::Err(_jwt::__private::validator_failed("claims", e));
            }
        }
    });

    let has = |claim: &str| cont.fields.iter().any(|f| f.claim() == Some(claim));
    let marker = |claim: &str, tr: TokenStream| {
        has(claim).then(|| {
            quote! {
                #[automatically_derived]
                impl #impl_generics #tr for #ident #ty_generics #where_clause {}
            }
        })
    };
    let (serialize, direct) = match cont.attrs.serialize {
        Some(_) => (serialize_impl(cont), direct_writer(cont)),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let has_iss = marker(ISS, quote!(_jwt::HasIssuer));
    let has_aud = marker(AUD, quote!(_jwt::HasAudience));
    let has_sub = marker(SUB, quote!(_jwt::HasSubject));
    // With serde attributes serde itself refuses, the type gets no `Deserialize`: `Claims`
    // (which needs it) would only add errors to serde's.
    let claims = (!cont.serde_unreadable()).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics _jwt::Claims for #ident #ty_generics #where_clause {}
            #has_iss
            #has_aud
            #has_sub
        }
    });

    quote! {
        #[doc(hidden)]
        const _: () = {
            #use_krate

            #[automatically_derived]
            impl #impl_generics _jwt::__private::ClaimsImpl for #ident #ty_generics #where_clause {
                const __RULES: _jwt::__private::StructRules = #struct_rules;
                type __Alg = #pinned;

                #members
                #direct

                #[allow(clippy::float_cmp, clippy::manual_range_contains)]
                fn __check(&self) -> _jwt::__private::Result<(), _jwt::Error> {
                    #[allow(unused_imports)]
                    use _jwt::__private::{PresentOption as _, PresentValue as _};
                    #(#generic_assertions)*
                    #(#rules)*
                    #container_validate
                    _jwt::__private::Ok(())
                }
            }

            #claims
            #serialize
            #(#assertions)*
        };
    }
}

/// `#[claims(serialize)]`: `Serialize` as serde's derive writes it for the attributes
/// `check_serialize` lets through (names, skips, `skip_serializing_if`).
fn serialize_impl(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let struct_name = ident.to_string();
    let counts = cont.written().map(|f| {
        let field = f.ident;
        match &f.attrs.serde.skip_if_path {
            Some(path) => quote!(if #path(&self.#field) { 0 } else { 1 }),
            None => quote!(1),
        }
    });
    let fields = cont.written().map(|f| {
        let field = f.ident;
        let name = &f.ser_name;
        let write = quote_spanned! {at_type(f)=>
            _jwt::__private::serde::ser::SerializeStruct::serialize_field(
                &mut __state,
                #name,
                &self.#field,
            )?;
        };
        match &f.attrs.serde.skip_if_path {
            Some(path) => quote! {
                if #path(&self.#field) {
                    _jwt::__private::serde::ser::SerializeStruct::skip_field(&mut __state, #name)?;
                } else {
                    #write
                }
            },
            None => write,
        }
    });
    quote! {
        #[automatically_derived]
        impl _jwt::__private::serde::Serialize for #ident {
            fn serialize<__S: _jwt::__private::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> _jwt::__private::Result<__S::Ok, __S::Error> {
                let __len: usize = 0 #(+ #counts)*;
                let mut __state = _jwt::__private::serde::Serializer::serialize_struct(
                    __serializer,
                    #struct_name,
                    __len,
                )?;
                #(#fields)*
                _jwt::__private::serde::ser::SerializeStruct::end(__state)
            }
        }
    }
}

/// `#[claims(serialize)]`: the signer's writer, member by member, as [`serialize_impl`]
/// writes them. How each field is written is decided by its type, through traits: a claim's
/// field by the trait of its claim (string claims, integer times and `aud` are handed to the
/// checks from the fields; `Direct`'s methods say when a value is read back from the text
/// instead), any other field by autoref specialization (`Vec<String>` as an array of strings,
/// anything else through its `Serialize`).
fn direct_writer(cont: &Container) -> TokenStream {
    let members = cont.written().enumerate().map(|(i, f)| {
        let field = f.ident;
        let write = match f.claim() {
            Some(ISS | SUB | symbol::JTI) => quote_spanned! {at_type(f)=>
                _jwt::__private::ClaimString::write_str::<#i, _>(&self.#field, __out)?;
            },
            Some(AUD) => quote_spanned! {at_type(f)=>
                _jwt::__private::ClaimAudience::write_aud::<#i, _>(&self.#field, __out)?;
            },
            Some(_) => quote_spanned! {at_type(f)=>
                _jwt::__private::NumberTime::write_time::<#i, _>(&self.#field, __out)?;
            },
            None => quote_spanned! {at_type(f)=>
                (&_jwt::__private::Spec(&self.#field)).write_member::<#i, _>(__out)?;
            },
        };
        match &f.attrs.serde.skip_if_path {
            Some(path) => quote! {
                if !#path(&self.#field) {
                    #write
                }
            },
            None => write,
        }
    });
    quote! {
        const __DIRECT: bool = true;

        fn __write<'__c>(
            &'__c self,
            __out: &mut _jwt::__private::Direct<'_, '__c, Self>,
        ) -> _jwt::__private::Result<(), _jwt::__private::Stop> {
            #[allow(unused_imports)]
            use _jwt::__private::{WriteSerialize as _, WriteStrings as _};
            // Members by their place in `__MEMBERS` (the same fields, in the same order).
            #(#members)*
            _jwt::__private::Ok(())
        }
    }
}

/// The table of the members the struct writes, in field order, for the signer's name
/// checks. Left out (the signer then checks every name itself): a struct with a flattened
/// field (it writes a map), names written by more than one field (the signer refuses the
/// duplicate), and structs of more than 64 members.
fn members(cont: &Container) -> TokenStream {
    if cont.fields.iter().any(|f| f.attrs.serde.flatten.is_some()) {
        return TokenStream::new();
    }
    let written: Vec<&str> = cont.written().map(|f| f.ser_name.as_str()).collect();
    let once: Vec<&str> = written
        .iter()
        .copied()
        .filter(|name| written.iter().filter(|n| *n == name).count() == 1)
        .collect();
    if once.is_empty() || once.len() > 64 {
        return TokenStream::new();
    }
    quote! {
        const __MEMBERS: _jwt::__private::Members = _jwt::__private::Members::new(&[
            #(_jwt::__private::Member::new(#once)),*
        ]);
    }
}

fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            tt.set_span(span);
            tt
        })
        .collect()
}

fn opt<T: ToTokens>(v: Option<T>) -> TokenStream {
    match v {
        Some(v) => quote!(_jwt::__private::Some(#v)),
        None => quote!(_jwt::__private::None),
    }
}

/// The rules on the header and the registered claims, as a constant `StructRules`.
fn struct_rules(cont: &Container) -> TokenStream {
    let typ = opt(cont.attrs.typ.as_ref());
    let leeway = opt(cont.attrs.leeway.map(|n| n.value));
    let field = |claim: &str| cont.fields.iter().find(|f| f.claim() == Some(claim));
    // Required unless its type is an `Option` (through an alias too): the claim's trait says.
    let exp_required = match field(EXP) {
        Some(f) => {
            let ty = f.ty;
            let tr = claim_trait(f);
            quote_spanned!(ty.span()=> !<#ty as _jwt::__private::#tr>::OPTIONAL)
        }
        None => quote!(false),
    };
    let max_age = opt(field(IAT)
        .and_then(|f| f.attrs.max_age)
        .map(|(n, _)| n.value));
    let field_leeway = |claim: &str| {
        opt(field(claim)
            .and_then(|f| f.attrs.leeway)
            .map(|(n, _)| n.value))
    };
    let (leeway_exp, leeway_nbf, leeway_iat) =
        (field_leeway(EXP), field_leeway(NBF), field_leeway(IAT));
    let accepted = |claim: &str| {
        let values: Vec<&Lit> = field(claim)
            .map(|f| {
                f.attrs
                    .equals
                    .iter()
                    .chain(f.attrs.one_of.iter().flat_map(|(_, l)| l))
                    .collect()
            })
            .unwrap_or_default();
        quote!(&[#(#values),*])
    };
    let (iss, sub, aud) = (accepted(ISS), accepted(SUB), accepted(AUD));
    let lifetime = opt(cont.attrs.lifetime.as_ref().map(|b| {
        let bound = |l: &Option<Lit>, default: TokenStream| match l {
            Some(Lit::Int { lit, .. }) => {
                let v: u64 = lit.base10_parse().unwrap_or_default();
                quote!(#v)
            }
            _ => default,
        };
        let min = bound(&b.min, quote!(0u64));
        let max = bound(&b.max, quote!(u64::MAX));
        quote!((#min, #max))
    }));
    let alg = match &cont.attrs.alg {
        Some((lit, _)) => {
            let variant = syn::Ident::new(&lit.value(), lit.span());
            quote!(_jwt::__private::Some(_jwt::Algorithm::#variant))
        }
        None => quote!(_jwt::__private::None),
    };
    quote! {
        _jwt::__private::StructRules {
            typ: #typ,
            leeway: #leeway,
            max_age: #max_age,
            require_exp: #exp_required,
            iss: #iss,
            sub: #sub,
            aud: #aud,
            leeway_exp: #leeway_exp,
            leeway_nbf: #leeway_nbf,
            leeway_iat: #leeway_iat,
            lifetime: #lifetime,
            alg: #alg,
        }
    }
}

/// The trait a claim's field must implement: its claim's, by the field's type.
fn claim_trait(f: &Field) -> TokenStream {
    match f.claim() {
        Some(AUD) => quote!(ClaimAudience),
        Some(c) if symbol::is_time(c) => {
            if f.attrs.serde.with.is_some() {
                quote!(ClaimTime)
            } else {
                quote!(NumberTime)
            }
        }
        _ => quote!(ClaimString),
    }
}

/// Compile-time checks of one field: reported at the field's type, that the type can hold
/// its claim (the claim's trait, with its message) and that an `Option` of one is not
/// written as `null` when absent; reported at a literal, that an integer literal in
/// `equals`, `one_of` or `range` fits the field's type. Constants, evaluated whether or not
/// the struct is used. `None` for a field with nothing to check, or of a generic struct
/// (checked in [`generic_assertion`]).
fn assertion(cont: &Container, f: &Field) -> Option<TokenStream> {
    if !cont.input.generics.params.is_empty() {
        return None;
    }
    let checks = field_checks(f);
    (!checks.is_empty()).then(|| quote!(#(const _: () = #checks;)*))
}

/// [`assertion`] for a generic struct: inline constants in `__check`, evaluated for each
/// instance.
fn generic_assertion(cont: &Container, f: &Field) -> Option<TokenStream> {
    if cont.input.generics.params.is_empty() {
        return None;
    }
    let checks = field_checks(f);
    (!checks.is_empty()).then(|| quote!(#(const { #checks };)*))
}

fn field_checks(f: &Field) -> Vec<TokenStream> {
    let mut checks: Vec<TokenStream> = f
        .claim()
        .map(|c| optional_check(f, c))
        .into_iter()
        .collect();
    checks.extend(
        rule_literals(f)
            .into_iter()
            .filter_map(|lit| literal_fits(f, lit)),
    );
    checks
}

fn optional_check(f: &Field, claim: &str) -> TokenStream {
    let ty = f.ty;
    let tr = claim_trait(f);
    let skipped = f.attrs.serde.skip_serializing_if;
    let message = format!(
        "an absent optional `{claim}` would serialize as `null`, which is not a valid `{claim}`; add #[serde(skip_serializing_if = \"Option::is_none\")] to field `{}`",
        f.ident
    );
    quote_spanned! {ty.span()=>
        _jwt::__private::optional_claim_needs_skip(
            <#ty as _jwt::__private::#tr>::OPTIONAL,
            #skipped,
            #message,
        )
    }
}

/// The literals the field's value is compared with: `equals`, `one_of` and `range` bounds,
/// except on `iss`, `sub` and `aud`, whose rules run on the token's own value.
fn rule_literals<'f>(f: &'f Field<'_>) -> Vec<&'f Lit> {
    let a = &f.attrs;
    if matches!(f.claim(), Some(ISS | SUB | AUD)) {
        return Vec::new();
    }
    let range = a
        .range
        .iter()
        .flat_map(|r| r.min.iter().chain(r.max.iter()));
    a.equals
        .iter()
        .chain(a.one_of.iter().flat_map(|(_, l)| l))
        .chain(range)
        .collect()
}

/// For an integer literal, a check spanned at it that it lies within the field type's
/// range (a literal that cannot fit would make the rule always or never hold).
fn literal_fits(f: &Field, lit: &Lit) -> Option<TokenStream> {
    let Lit::Int { neg, lit: int } = lit else {
        return None;
    };
    // The type is named at the literal: a field type that is no number is then reported
    // once there (as by the comparison in `__check`), not a second time at the field.
    let ty = located_at(f.ty.to_token_stream(), lit.span());
    let v = syn::LitInt::new(&format!("{}i128", int.base10_digits()), int.span());
    let message = if neg.is_some() {
        format!(
            "the literal {} is below the smallest value of field `{}`'s type (an unsigned type is never negative); use a signed type or a literal in range",
            lit.text(),
            f.ident
        )
    } else {
        format!(
            "the literal {} is above the largest value of field `{}`'s type; use a wider type or a literal in range",
            lit.text(),
            f.ident
        )
    };
    Some(quote_spanned! {lit.span()=>
        _jwt::__private::int_literal_fits(
            <#ty as _jwt::__private::ClaimInt>::MIN,
            <#ty as _jwt::__private::ClaimInt>::MAX,
            #neg #v,
            #message,
        )
    })
}

/// The typed rules of one field, run on its value: an `Option` field's only when it is
/// present (decided by its type, through traits).
fn field_rules(f: &Field) -> TokenStream {
    let a = &f.attrs;
    let name = &f.ser_name;
    let registered_value_rule = matches!(f.claim(), Some(ISS | SUB | AUD));
    let mut body = TokenStream::new();

    let literals: Vec<&Lit> = if registered_value_rule {
        Vec::new() // checked on the token's own value, with the claim's error kind
    } else {
        a.equals
            .iter()
            .chain(a.one_of.iter().flat_map(|(_, l)| l))
            .collect()
    };
    if !literals.is_empty() {
        let conds = literals.iter().map(|lit| compare(lit));
        let list = literals
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join(", ");
        let message = if literals.len() == 1 {
            format!("must equal {list}")
        } else {
            format!("must be one of {list}")
        };
        body.extend(quote! {
            if !(#(#conds)||*) {
                return _jwt::__private::Err(_jwt::__private::rule_failed(#name, #message.into()));
            }
        });
    }

    if let Some(len) = &a.len {
        let bound = |l: &Option<Lit>| match l {
            Some(Lit::Int { lit, .. }) => {
                let v: usize = lit.base10_parse().unwrap_or_default();
                quote!(_jwt::__private::Some(#v))
            }
            _ => quote!(_jwt::__private::None),
        };
        let (min, max) = (bound(&len.min), bound(&len.max));
        body.extend(quote_spanned! {at_type(f)=>
            _jwt::__private::check_len(#name, __value, #min, #max)?;
        });
    }

    if let Some(range) = &a.range {
        let lo = range.min.as_ref().map(|l| {
            order(
                l,
                quote!(::core::cmp::Ordering::Greater | ::core::cmp::Ordering::Equal),
            )
        });
        let hi = range.max.as_ref().map(|l| {
            order(
                l,
                quote!(::core::cmp::Ordering::Less | ::core::cmp::Ordering::Equal),
            )
        });
        let conds: Vec<TokenStream> = lo.into_iter().chain(hi).collect();
        let message = match (&range.min, &range.max) {
            (Some(min), Some(max)) => format!("must be between {} and {}", min.text(), max.text()),
            (Some(min), None) => format!("must be at least {}", min.text()),
            (None, Some(max)) => format!("must be at most {}", max.text()),
            (None, None) => String::new(),
        };
        body.extend(quote! {
            if !(#(#conds)&&*) {
                return _jwt::__private::Err(_jwt::__private::rule_failed(#name, #message.into()));
            }
        });
    }

    if let Some(path) = &a.validate {
        let call = quote_spanned!(path.span()=> #path(__value));
        body.extend(quote! {
            if let _jwt::__private::Err(e) = #call {
                return _jwt::__private::Err(_jwt::__private::validator_failed(#name, e));
            }
        });
    }

    if body.is_empty() {
        return body;
    }
    let ident = f.ident;
    quote_spanned! {at_type(f)=>
        if let _jwt::__private::Some(__value) = (&_jwt::__private::Spec(&self.#ident)).present() {
            #body
        }
    }
}

/// `value == literal`, spanned at the literal so a type mismatch points there, through the
/// trait of the literal's kind (string, bool, integer or float).
fn compare(lit: &Lit) -> TokenStream {
    let span = lit.span();
    match lit {
        Lit::Str(s) => quote_spanned! {span=>
            _jwt::__private::ClaimStr::eq_lit(__value, #s)
        },
        Lit::Bool(b) => {
            let b = b.value;
            quote_spanned!(span=> _jwt::__private::ClaimBool::eq_lit(__value, #b))
        }
        Lit::Int { .. } | Lit::Float { .. } => order(lit, quote!(::core::cmp::Ordering::Equal)),
    }
}

/// Whether the value's order against a numeric literal is one of `orders` (a pattern of
/// `Ordering`s; a NaN is ordered against nothing and matches none).
fn order(lit: &Lit, orders: TokenStream) -> TokenStream {
    // Only the comparison carries the literal's span (a type mismatch is reported there);
    // the rest is the derive's own code.
    let span = lit.span();
    let cmp = match lit {
        Lit::Int { neg, lit: int } => {
            let v = syn::LitInt::new(&format!("{}i128", int.base10_digits()), int.span());
            quote_spanned! {span=>
                _jwt::__private::ClaimInt::cmp_int(__value, #neg #v)
            }
        }
        Lit::Float { neg, lit: float } => {
            let v = LitFloat::new(&format!("{}f64", float.base10_digits()), float.span());
            let v32 = LitFloat::new(&format!("{}f32", float.base10_digits()), float.span());
            quote_spanned! {span=>
                _jwt::__private::ClaimFloat::cmp_float(__value, #neg #v, #neg #v32)
            }
        }
        // Refused before code is generated (bounds are numbers).
        Lit::Str(_) | Lit::Bool(_) => return quote!(false),
    };
    quote! {
        ::core::matches!(#cmp, _jwt::__private::Some(#orders))
    }
}

/// `tokens`, each shown at `span` (keeping the name resolution it has).
fn located_at(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let proc_macro2::TokenTree::Group(g) = &tt {
                let mut group =
                    proc_macro2::Group::new(g.delimiter(), located_at(g.stream(), span));
                group.set_span(g.span().located_at(span));
                tt = proc_macro2::TokenTree::Group(group);
            } else {
                tt.set_span(tt.span().located_at(span));
            }
            tt
        })
        .collect()
}

/// The field type's place with the derive's own hygiene, for generated code that names
/// `self` and locals: a type passed through `macro_rules!` carries that macro's hygiene.
fn at_type(f: &Field) -> Span {
    Span::call_site().located_at(f.ty.span())
}
