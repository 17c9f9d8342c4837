//! Tokens for data types: response models (lenient, lossless) and request bodies (three-state
//! fields, a builder, and a `validate` that checks documented limits before any I/O).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, rust_type};
use crate::ir::{Api, CustomAttributeList, Endpoint, Enum, Field, Model, QueryParams, RequestBody, Type};

/// A response model: every optional field defaults when absent, and unknown keys are kept in
/// `extra`, so new API fields neither break decoding nor vanish on re-encoding.
pub fn model(api: &Api, model: &Model, source: &str, root: &TokenStream) -> TokenStream {
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
            quote! {
                #docs #deprecated
                pub #ident: #ty,
            }
        } else {
            quote! {
                #docs #deprecated
                pub #ident: ::std::option::Option<#ty>,
            }
        }
    });
    // Unknown top-level keys of a model with custom attributes are those attributes.
    let rest = if model.custom_attributes.is_some() { quote!(extra, open) } else { quote!(extra) };
    let wire = wire_object(&name, &model.fields, |field| !is_optional(field), Some(rest));
    let accessors: Vec<TokenStream> = model
        .fields
        .iter()
        .filter(|field| !field.aliases.is_empty())
        .map(|field| alias_accessor(model, field, root))
        .collect();
    let custom = model.custom_attributes.as_ref().and_then(|spec| custom_attributes_accessor(api, model, spec));
    let allow_deprecated =
        model.fields.iter().any(|field| field.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]));
    let methods = (!accessors.is_empty() || custom.is_some()).then(|| {
        quote! {
            #allow_deprecated
            impl #name {
                #(#accessors)*
                #custom
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
            /// Keys the schema does not declare, kept so that nothing the API sends is lost:
            /// decoding and encoding again gives every key back.
            pub extra: ::apigen_runtime::serde_json::Map<::std::string::String, ::apigen_runtime::serde_json::Value>,
        }
        #wire
        #methods
    }
}

/// `Serialize` and `Deserialize` through the runtime's `wire_object!`: each field `req` or
/// `opt`, with its wire name where it differs, and the map that keeps unknown keys. It reads
/// the object in one pass (serde's `flatten` would buffer it whole first).
fn wire_object(
    name: &proc_macro2::Ident,
    fields: &[Field],
    required: impl Fn(&Field) -> bool,
    rest: Option<TokenStream>,
) -> TokenStream {
    let fields = fields.iter().map(|field| {
        let kind = if required(field) { quote!(req) } else { quote!(opt) };
        let ident = format_ident!("{}", field.name.rust);
        let wire = &field.name.wire;
        if field.name.rust == field.name.wire { quote!(#kind #ident) } else { quote!(#kind #ident = #wire) }
    });
    quote!(::apigen_runtime::wire_object!(#name { #(#fields),* } #rest);)
}

/// Whether a model field is an `Option` in Rust.
fn is_optional(field: &Field) -> bool {
    !field.required || field.nullable
}

/// `fn key(&self)`: the field, or the first alias that is present.
fn alias_accessor(model: &Model, field: &Field, root: &TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.name.rust);
    let mut ty = rust_type(&field.ty, root);
    if field.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    let as_option = |field: &Field| {
        let ident = format_ident!("{}", field.name.rust);
        if is_optional(field) {
            quote!(self.#ident.as_ref())
        } else {
            quote!(::std::option::Option::Some(&self.#ident))
        }
    };
    let first = as_option(field);
    let others =
        field.aliases.iter().filter_map(|alias| model.fields.iter().find(|other| &other.name.rust == alias)).map(
            |other| {
                let value = as_option(other);
                quote!(.or(#value))
            },
        );
    let names: Vec<String> = field
        .aliases
        .iter()
        .filter_map(|alias| model.fields.iter().find(|other| &other.name.rust == alias))
        .map(|other| format!("`{}`", other.name.wire))
        .collect();
    let docs = doc_attrs(&[format!(
        "`{}`, or the same value under {} when only that is present.",
        field.name.wire,
        names.join(" or ")
    )]);
    quote! {
        #docs
        pub fn #ident(&self) -> ::std::option::Option<&#ty> {
            #first #(#others)*
        }
    }
}

/// `fn custom_attributes(&self)`: the attribute list and unknown top-level keys, as one map.
fn custom_attributes_accessor(api: &Api, model: &Model, spec: &CustomAttributeList) -> Option<TokenStream> {
    let item = api.modules.iter().flat_map(|module| &module.models).find(|other| other.name == spec.item)?;
    let list = model.fields.iter().find(|field| field.name.rust == spec.list)?;
    let name = item.fields.iter().find(|field| field.name.wire == spec.name)?;
    let value = item.fields.iter().find(|field| field.name.wire == spec.value)?;
    let list_ident = format_ident!("{}", list.name.rust);
    let name_ident = format_ident!("{}", name.name.rust);
    let value_ident = format_ident!("{}", value.name.rust);
    let items =
        if is_optional(list) { quote!(self.#list_ident.iter().flatten()) } else { quote!(self.#list_ident.iter()) };
    let name_expr =
        if is_optional(name) { quote!(item.#name_ident.as_deref()?) } else { quote!(item.#name_ident.as_str()) };
    let value_expr = if is_optional(value) { quote!(item.#value_ident.as_ref()?) } else { quote!(&item.#value_ident) };
    let docs = doc_attrs(&[
        format!(
            "Every custom attribute: the `{}` list (by `{}`) and the unknown top-level keys, which is",
            list.name.wire, spec.name
        ),
        "where newer responses put them. List entries win when both name the same attribute.".to_owned(),
    ]);
    Some(quote! {
        #docs
        pub fn custom_attributes(&self) -> ::std::collections::BTreeMap<::std::string::String, ::apigen_runtime::serde_json::Value> {
            ::apigen_runtime::custom_attributes(
                #items.filter_map(|item| ::std::option::Option::Some((#name_expr, #value_expr))),
                &self.extra,
            )
        }
    })
}

/// An enum that keeps values it does not know in `Unrecognized`, so a new value from the API
/// never fails a decode.
pub fn enumeration(enumeration: &Enum, source: &str) -> TokenStream {
    let name = format_ident!("{}", enumeration.name);
    let mut docs = enumeration.docs.clone();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(format!("Schema: `{source}`"));
    let docs = doc_attrs(&docs);
    let variants: Vec<_> = enumeration.variants.iter().map(|variant| format_ident!("{}", variant.rust)).collect();
    let variant_docs = enumeration.variants.iter().map(|variant| match variant.code {
        Some(code) => doc_attrs(&[format!("`{code}`: {}.", variant.label)]),
        None => doc_attrs(&[format!("`{}`", variant.label)]),
    });
    let labels: Vec<&String> = enumeration.variants.iter().map(|variant| &variant.label).collect();
    // The wire methods (`as_str`/`from_wire`, or `code`/`from_code`/`label`), `Display` and
    // serde come from the runtime's `wire_enum!`.
    if enumeration.integer {
        let codes =
            enumeration.variants.iter().filter_map(|variant| variant.code).map(proc_macro2::Literal::i64_unsuffixed);
        return quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variant_docs #variants,)*
                /// A code this version of the client does not know, kept as sent.
                Unrecognized(i64),
            }
            ::apigen_runtime::wire_enum!(code #name { #(#variants = #codes: #labels),* });
        };
    }
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the client does not know, kept as sent.
            Unrecognized(::std::string::String),
        }
        ::apigen_runtime::wire_enum!(#name { #(#variants = #labels),* });
    }
}

/// The query parameters of an endpoint: a builder, and `to_query` for the runtime.
pub fn query(endpoint: &Endpoint, query: &QueryParams, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", query.type_name);
    let method = &endpoint.name.rust;
    let root_text = root.to_string().replace(' ', "");
    let docs = doc_attrs(&[format!("The query parameters of [`Client::{method}`]({root_text}::Client::{method}).")]);
    let required: Vec<&Field> = query.fields.iter().filter(|field| field.required).collect();
    let derive_default = if required.is_empty() { quote!(Default,) } else { quote!() };
    let fields = query.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let docs = doc_attrs(&field.docs);
        let ty = rust_type(&field.ty, root);
        if field.required {
            quote!(#docs pub #ident: #ty,)
        } else {
            quote!(#docs pub #ident: ::std::option::Option<#ty>,)
        }
    });
    let filters_field = query.filters.then(|| {
        quote! {
            /// `<field>__<lookup>=<value>` filters, added with [`filter`](Self::filter).
            pub filters: ::apigen_runtime::Query,
        }
    });
    let constructor_params = required.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let param = setter_param(&field.ty, root);
        quote!(#ident: #param)
    });
    let inits = query.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        if field.required {
            let value = convert(&field.ty, quote!(#ident));
            if ident == value.to_string() { quote!(#ident,) } else { quote!(#ident: #value,) }
        } else {
            quote!(#ident: ::std::option::Option::None,)
        }
    });
    let filters_init = query.filters.then(|| quote!(filters: ::apigen_runtime::Query::new(),));
    let new_body = if required.is_empty() {
        quote!(<Self as ::std::default::Default>::default())
    } else {
        quote!(Self { #(#inits)* #filters_init })
    };
    let setters = query.fields.iter().filter(|field| !field.required).map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let param = setter_param(&field.ty, root);
        let value = convert(&field.ty, quote!(value));
        let summary = field.docs.first().cloned().unwrap_or_default();
        let docs = doc_attrs(&[format!("Sets `{}`. {summary}", field.name.wire).trim_end().to_owned()]);
        quote! {
            #docs
            pub fn #ident(mut self, value: #param) -> Self {
                self.#ident = ::std::option::Option::Some(#value);
                self
            }
        }
    });
    let filter_method = query.filters.then(|| {
        quote! {
            /// Adds a `<field>__<lookup>=<value>` filter, such as `score__gte=10`; `field` may be
            /// any standard or custom attribute.
            pub fn filter(mut self, field: &str, lookup: ::apigen_runtime::Lookup, value: impl ::std::string::ToString) -> Self {
                self.filters.filter(field, lookup, value);
                self
            }
        }
    });
    let constants = query.constants.iter().map(|(name, value)| quote!(query.push(#name, #value);));
    let pushes = query.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let wire = &field.name.wire;
        let text = query_text(&field.ty, quote!(value));
        if field.required {
            quote! { let value = &self.#ident; query.push(#wire, #text); }
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &self.#ident {
                    query.push(#wire, #text);
                }
            }
        }
    });
    let filters_push = query.filters.then(|| quote!(query.extend(self.filters.pairs().iter().cloned());));
    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq)]
        pub struct #name {
            #(#fields)*
            #filters_field
        }

        impl #name {
            /// A query with its required parameters.
            pub fn new(#(#constructor_params),*) -> Self {
                #new_body
            }

            #(#setters)*
            #filter_method

            /// The query string pairs, constants first.
            pub fn to_query(&self) -> ::apigen_runtime::Query {
                let mut query = ::apigen_runtime::Query::new();
                #(#constants)*
                #(#pushes)*
                #filters_push
                query
            }
        }
    }
}

/// How a query value is written: integer enums by code, everything else by `Display`.
fn query_text(ty: &Type, value: TokenStream) -> TokenStream {
    match ty {
        Type::Timestamp => quote!(#value.secs()),
        _ => quote!(#value),
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
            quote! { #docs #deprecated pub #ident: #ty, }
        } else {
            quote! {
                #docs #deprecated
                pub #ident: ::apigen_runtime::Patch<#ty>,
            }
        }
    });
    let custom_field = request.custom_attributes.as_ref().map(|custom_docs| {
        let docs = doc_attrs(custom_docs);
        quote! {
            #docs
            pub custom_attributes: ::std::collections::BTreeMap<::std::string::String, ::apigen_runtime::serde_json::Value>,
        }
    });
    let wire = wire_object(
        &name,
        &request.fields,
        |field| field.required,
        request.custom_attributes.as_ref().map(|_| quote!(custom_attributes)),
    );

    let constructor_params = required.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let param = setter_param(&field.ty, root);
        quote!(#ident: #param)
    });
    let field_inits = request.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        if field.required {
            let value = convert(&field.ty, quote!(#ident));
            if ident == value.to_string() { quote!(#ident,) } else { quote!(#ident: #value,) }
        } else {
            quote!(#ident: ::apigen_runtime::Patch::Unset,)
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

    // Setters come from the runtime's `patch_setters!`, except the few it has no form for.
    let (plain, special): (Vec<&Field>, Vec<&Field>) = request
        .fields
        .iter()
        .filter(|field| !field.required)
        .partition(|field| field.deprecated.is_none() && setter_kind(&field.ty, root).is_some());
    // One call per field, so that each reads on a line of its own.
    let patch_setters = plain.iter().filter_map(|field| {
        let (kind, ty) = setter_kind(&field.ty, root)?;
        let ident = format_ident!("{}", field.name.rust);
        let clear = format_ident!("{}", crate::names::clear_method(&field.name.rust));
        let wire = &field.name.wire;
        let summary = field.docs.first().map(|line| super::inert_doc_line(line)).unwrap_or_default();
        let doc = format!("Sets `{wire}`. {summary}").trim_end().to_owned();
        Some(quote!(::apigen_runtime::patch_setters!(#ident / #clear = #wire: #kind(#ty) => #doc);))
    });
    let setters: Vec<TokenStream> = patch_setters.chain(special.iter().map(|field| setter(field, root))).collect();
    let custom_setter = request.custom_attributes.as_ref().map(|_| {
        quote! {
            /// Sets one custom attribute, sent as a top-level key of the body. The attribute must
            /// exist in the API; its key is the attribute's name.
            pub fn custom_attribute(
                mut self,
                name: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::apigen_runtime::serde_json::Value>,
            ) -> Self {
                self.custom_attributes.insert(name.into(), value.into());
                self
            }
        }
    });
    let validate = validate_fn(request);
    // The builder itself must touch deprecated fields; callers still get the warning.
    let allow_deprecated =
        request.fields.iter().any(|field| field.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]));

    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq)]
        pub struct #name {
            #(#fields)*
            #custom_field
        }
        #wire

        #allow_deprecated
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
    let clear = format_ident!("{}", crate::names::clear_method(&field.name.rust));
    let param = setter_param(&field.ty, root);
    let value = convert(&field.ty, quote!(value));
    let summary = field.docs.first().cloned().unwrap_or_default();
    let set_docs = doc_attrs(&[format!("Sets `{}`. {summary}", field.name.wire).trim_end().to_owned()]);
    let clear_docs = doc_attrs(&[format!("Sends `{}` as `null`, clearing the stored value.", field.name.wire)]);
    let deprecated = deprecated_attr(field);
    quote! {
        #set_docs #deprecated
        pub fn #ident(mut self, value: #param) -> Self {
            self.#ident = ::apigen_runtime::Patch::Set(#value);
            self
        }
        #clear_docs #deprecated
        pub fn #clear(mut self) -> Self {
            self.#ident = ::apigen_runtime::Patch::Null;
            self
        }
    }
}

/// How `patch_setters!` takes a field of this type (`into`, `plain`, `list_into`, `list`) and
/// the type it names; `None` for shapes it has no form for (lists of lists).
fn setter_kind(ty: &Type, root: &TokenStream) -> Option<(TokenStream, TokenStream)> {
    let into = |ty: &Type| matches!(ty, Type::String | Type::DateTime | Type::Date | Type::Json | Type::Timestamp);
    match ty {
        Type::List(item) if matches!(**item, Type::List(_)) => None,
        Type::List(item) if into(item) => Some((quote!(list_into), rust_type(item, root))),
        Type::List(item) => Some((quote!(list), rust_type(item, root))),
        ty if into(ty) => Some((quote!(into), rust_type(ty, root))),
        ty => Some((quote!(plain), rust_type(ty, root))),
    }
}

/// The parameter type a setter takes: `impl Into<String>` for strings, any iterable for lists.
fn setter_param(ty: &Type, root: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(impl ::std::convert::Into<::std::string::String>),
        Type::DateTime => {
            let ty = rust_type(ty, root);
            quote!(impl ::std::convert::Into<#ty>)
        }
        Type::Date => quote!(impl ::std::convert::Into<::apigen_runtime::Date>),
        Type::Json => quote!(impl ::std::convert::Into<::apigen_runtime::serde_json::Value>),
        Type::Timestamp => quote!(impl ::std::convert::Into<::apigen_runtime::UnixTime>),
        Type::List(item) => {
            let item = setter_param(item, root);
            quote!(impl ::std::iter::IntoIterator<Item = #item>)
        }
        Type::Integer | Type::Number | Type::Boolean | Type::Decimal | Type::Model(_) | Type::Enum(_) => {
            rust_type(ty, root)
        }
    }
}

/// Turns a value of `setter_param(ty)` into the stored type.
fn convert(ty: &Type, value: TokenStream) -> TokenStream {
    match ty {
        Type::String | Type::DateTime | Type::Date | Type::Json | Type::Timestamp => quote!(#value.into()),
        Type::List(item) => {
            let item_value = convert(item, quote!(item));
            if item_value.to_string() == "item" {
                quote!(#value.into_iter().collect())
            } else {
                quote!(#value.into_iter().map(|item| #item_value).collect())
            }
        }
        Type::Integer | Type::Number | Type::Boolean | Type::Decimal | Type::Model(_) | Type::Enum(_) => value,
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
            quote!(::apigen_runtime::check_max_length(#wire, &self.#ident, #max)?;)
        } else {
            quote! {
                if let ::apigen_runtime::Patch::Set(value) = &self.#ident {
                    ::apigen_runtime::check_max_length(#wire, value, #max)?;
                }
            }
        })
    });
    let custom_check = request.custom_attributes.as_ref().map(|_| {
        let documented = request.fields.iter().map(|field| &field.name.wire);
        quote!(::apigen_runtime::check_custom_attributes(&self.custom_attributes, &[#(#documented),*])?;)
    });
    quote! {
        /// Checks the documented limits (such as maximum lengths) without sending anything.
        ///
        /// # Errors
        ///
        /// [`Error::InvalidInput`](::apigen_runtime::Error::InvalidInput) naming the first
        /// field that breaks a limit.
        pub fn validate(&self) -> ::std::result::Result<(), ::apigen_runtime::Error> {
            #(#length_checks)*
            #custom_check
            ::std::result::Result::Ok(())
        }
    }
}

fn deprecated_attr(field: &Field) -> TokenStream {
    match &field.deprecated {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}
