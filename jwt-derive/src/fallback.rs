//! After an error: the errors, plus a stub impl so the user sees no follow-on noise.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn stub(
    input: &DeriveInput,
    krate: Option<&syn::Path>,
    serialize: bool,
    serde_unreadable: bool,
    errors: &syn::Error,
) -> TokenStream {
    let errors = errors.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let krate = krate.map_or_else(|| quote!(::jwt_core), |p| quote!(#p));
    // With `serialize` the derive owns `Serialize` too: stand in for it as well.
    let serialize = serialize.then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics _jwt::__private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: _jwt::__private::serde::Serializer>(
                    &self,
                    _: __S,
                ) -> _jwt::__private::Result<__S::Ok, __S::Error> {
                    ::core::unreachable!()
                }
            }
        }
    });
    // With serde attributes serde itself refuses, the type gets no `Deserialize`: `Claims`
    // (which needs it) would only add errors to serde's.
    let claims = (!serde_unreadable).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics _jwt::Claims for #ident #ty_generics #where_clause {}
            #[automatically_derived]
            impl #impl_generics _jwt::HasIssuer for #ident #ty_generics #where_clause {}
            #[automatically_derived]
            impl #impl_generics _jwt::HasAudience for #ident #ty_generics #where_clause {}
            #[automatically_derived]
            impl #impl_generics _jwt::HasSubject for #ident #ty_generics #where_clause {}
        }
    });
    quote! {
        #errors
        const _: () = {
            use #krate as _jwt;
            #serialize
            #[automatically_derived]
            impl #impl_generics _jwt::__private::ClaimsImpl for #ident #ty_generics #where_clause {
                const __RULES: _jwt::__private::StructRules = _jwt::__private::StructRules::NONE;
                type __Alg = _jwt::__private::AnyAlgorithm;
                fn __check(&self) -> _jwt::__private::Result<(), _jwt::Error> {
                    ::core::unreachable!()
                }
            }
            #claims
        };
    }
}
