//! Tokens for data types: response models (lenient, lossless) and request bodies (three-state
//! fields, a builder, and a `validate` that checks documented limits before any I/O).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, rust_type};
use crate::ir::{Endpoint, Field, Model, RequestBody, Type};

/// A response model: every optional field defaults when absent, and unknown keys are kept in
/// `extra`, so new API fields neither break decoding nor vanish on re-encoding.
pub fn model(model: &Model, source: &str, root: &TokenStream) -> TokenStream {
    let mut docs = model.docs.clone();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(format!("Schema: `{source}`"));
    let docs = doc_attrs(&docs);
    let name = format_ident!("{}", model.name);
    let fields = model.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let docs = doc_attrs(&field.docs);
        let deprecated = deprecated_attr(field);
        let mut ty = rust_type(&field.ty, root);
        if field.boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        if field.required && !field.nullable {
            let serde = serde_attr(field, quote!());
            quote! {
                #docs #serde #deprecated
                pub #ident: #ty,
            }
        } else {
            let serde = serde_attr(field, quote!(default, skip_serializing_if = "::std::option::Option::is_none"));
            quote! {
                #docs #serde #deprecated
                pub #ident: ::std::option::Option<#ty>,
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            /// Keys the schema does not declare (such as custom attributes sent at the top
            /// level), kept so that nothing the API sends is lost.
            #[serde(flatten)]
            pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    }
}

/// A request body with a builder. Optional fields are `Patch`es: unset fields are not sent,
/// `clear_*` sends `null`.
pub fn request(endpoint: &Endpoint, request: &RequestBody, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", request.type_name);
    let method = &endpoint.name.rust;
    let docs = doc_attrs(&[
        format!(
            "The body of [`Client::{method}`]({root_text}::Client::{method}).",
            root_text = root.to_string().replace(' ', "")
        ),
        String::new(),
        "Build it with `new` and the setters; only the fields you set are sent.".to_owned(),
    ]);
    let required: Vec<&Field> = request.fields.iter().filter(|field| field.required).collect();
    let derive_default = if required.is_empty() { quote!(Default,) } else { quote!() };

    let fields = request.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let docs = doc_attrs(&field.docs);
        let deprecated = deprecated_attr(field);
        let ty = rust_type(&field.ty, root);
        if field.required {
            let serde = serde_attr(field, quote!());
            quote! { #docs #serde #deprecated pub #ident: #ty, }
        } else {
            let serde = serde_attr(field, quote!(default, skip_serializing_if = "::usercom::Patch::is_unset"));
            quote! {
                #docs #serde #deprecated
                pub #ident: ::usercom::Patch<#ty>,
            }
        }
    });
    let custom_field = request.custom_attributes.as_ref().map(|custom_docs| {
        let docs = doc_attrs(custom_docs);
        quote! {
            #docs
            #[serde(flatten)]
            pub custom_attributes: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
    });

    let constructor_params = required.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let param = setter_param(&field.ty, root);
        quote!(#ident: #param)
    });
    let field_inits = request.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        if field.required {
            let value = convert(&field.ty, quote!(#ident));
            quote!(#ident: #value,)
        } else {
            quote!(#ident: ::usercom::Patch::Unset,)
        }
    });
    let custom_init =
        request.custom_attributes.as_ref().map(|_| quote!(custom_attributes: ::std::collections::BTreeMap::new(),));
    // Without required fields `Default` is derived, and `new` is just that.
    let new_body = if required.is_empty() {
        quote!(<Self as ::std::default::Default>::default())
    } else {
        quote!(Self { #(#field_inits)* #custom_init })
    };
    let new_docs = doc_attrs(&[if required.is_empty() {
        "A request that changes nothing until fields are set.".to_owned()
    } else {
        "A request with its required fields; set the optional ones with the setters.".to_owned()
    }]);

    let setters = request.fields.iter().filter(|field| !field.required).map(|field| setter(field, root));
    let custom_setter = request.custom_attributes.as_ref().map(|_| {
        quote! {
            /// Sets one custom attribute, sent as a top-level key of the body. The attribute must
            /// exist in the User.com app; its key is the attribute's `name_std`.
            pub fn custom_attribute(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::serde_json::Value>,
            ) -> Self {
                self.custom_attributes.insert(name.into(), value.into());
                self
            }
        }
    });
    let validate = validate_fn(request);

    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
            #custom_field
        }

        impl #name {
            #new_docs
            pub fn new(#(#constructor_params),*) -> Self {
                #new_body
            }

            #(#setters)*
            #custom_setter
            #validate
        }
    }
}

fn setter(field: &Field, root: &TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.name.rust);
    let clear = format_ident!("clear_{}", field.name.rust.trim_matches('_'));
    let param = setter_param(&field.ty, root);
    let value = convert(&field.ty, quote!(value));
    let summary = field.docs.first().cloned().unwrap_or_default();
    let set_docs = doc_attrs(&[format!("Sets `{}`. {summary}", field.name.wire).trim_end().to_owned()]);
    let clear_docs = doc_attrs(&[format!("Sends `{}` as `null`, clearing the stored value.", field.name.wire)]);
    let deprecated = deprecated_attr(field);
    quote! {
        #set_docs #deprecated
        pub fn #ident(mut self, value: #param) -> Self {
            self.#ident = ::usercom::Patch::Set(#value);
            self
        }
        #clear_docs #deprecated
        pub fn #clear(mut self) -> Self {
            self.#ident = ::usercom::Patch::Null;
            self
        }
    }
}

/// The parameter type a setter takes: `impl Into<String>` for strings, any iterable for lists.
fn setter_param(ty: &Type, root: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(impl ::std::convert::Into<::std::string::String>),
        Type::DateTime => quote!(impl ::std::convert::Into<::usercom::DateTime>),
        Type::Date => quote!(impl ::std::convert::Into<::usercom::Date>),
        Type::Json => quote!(impl ::std::convert::Into<::serde_json::Value>),
        Type::List(item) => {
            let item = setter_param(item, root);
            quote!(impl ::std::iter::IntoIterator<Item = #item>)
        }
        Type::Integer | Type::Number | Type::Boolean | Type::Model(_) => rust_type(ty, root),
    }
}

/// Turns a value of `setter_param(ty)` into the stored type.
fn convert(ty: &Type, value: TokenStream) -> TokenStream {
    match ty {
        Type::String | Type::DateTime | Type::Date | Type::Json => quote!(#value.into()),
        Type::List(item) => {
            let item_value = convert(item, quote!(item));
            if item_value.to_string() == "item" {
                quote!(#value.into_iter().collect())
            } else {
                quote!(#value.into_iter().map(|item| #item_value).collect())
            }
        }
        Type::Integer | Type::Number | Type::Boolean | Type::Model(_) => value,
    }
}

/// `validate` checks documented limits and custom attribute names; the client calls it before
/// sending, and callers may call it earlier.
fn validate_fn(request: &RequestBody) -> TokenStream {
    let length_checks = request.fields.iter().filter_map(|field| {
        let max = usize::try_from(field.max_length?).ok()?;
        let ident = format_ident!("{}", field.name.rust);
        let wire = &field.name.wire;
        Some(if field.required {
            quote!(::usercom::runtime::check_max_length(#wire, &self.#ident, #max)?;)
        } else {
            quote! {
                if let ::usercom::Patch::Set(value) = &self.#ident {
                    ::usercom::runtime::check_max_length(#wire, value, #max)?;
                }
            }
        })
    });
    let custom_check = request.custom_attributes.as_ref().map(|_| {
        let documented = request.fields.iter().map(|field| &field.name.wire);
        quote!(::usercom::runtime::check_custom_attributes(&self.custom_attributes, &[#(#documented),*])?;)
    });
    quote! {
        /// Checks the documented limits (such as maximum lengths) without sending anything.
        ///
        /// # Errors
        ///
        /// [`usercom::Error::InvalidInput`](::usercom::Error::InvalidInput) naming the first
        /// field that breaks a limit.
        pub fn validate(&self) -> ::std::result::Result<(), ::usercom::Error> {
            #(#length_checks)*
            #custom_check
            ::std::result::Result::Ok(())
        }
    }
}

/// `#[serde(..)]` attributes: the wire name where it differs, then `options`. Two short
/// attributes, because prettyplease spreads one long attribute over several lines.
fn serde_attr(field: &Field, options: TokenStream) -> TokenStream {
    let rename = (field.name.rust != field.name.wire).then(|| {
        let wire = &field.name.wire;
        quote!(#[serde(rename = #wire)])
    });
    let options = (!options.is_empty()).then(|| quote!(#[serde(#options)]));
    quote!(#rename #options)
}

fn deprecated_attr(field: &Field) -> TokenStream {
    match &field.deprecated {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}
