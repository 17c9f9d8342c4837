//! Tokens for data types: response models (lenient, lossless) and request bodies (three-state
//! fields, a builder, and a `validate` that checks documented limits before any I/O).

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::docs::{self, doc_attrs, inert_doc_line};
use crate::ir::{
    Api, CustomAttributeList, Endpoint, Enum, EnumKind, Field, Model, QueryParams, RequestBody, Scalar, Slot, Type,
};
use crate::schema::ArrayStyle;

/// A model: every optional field defaults when absent, and unknown keys are kept in `extra`, so
/// new API fields neither break decoding nor vanish on re-encoding. A model that requests send
/// also gets a builder, and its optional nullable fields are `Patch`es.
pub fn model(api: &Api, model: &Model, source: &str, root: &TokenStream) -> TokenStream {
    let docs = doc_attrs(&docs::model(model, source));
    let name = format_ident!("{}", model.name);
    let fields = model.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let docs = field_docs(field);
        let deprecated = deprecated_attr(field);
        let ty = slot_type(field.slot, field_type(field, root));
        quote! {
            #docs #deprecated
            pub #ident: #ty,
        }
    });
    // Unknown top-level keys of a model with custom attributes are those attributes.
    let rest = if model.custom_attributes.is_some() { quote!(extra, open) } else { quote!(extra) };
    let wire =
        wire_object(&name, &model.fields, |field| field.required && (!field.nullable || model.request), Some(rest));
    let accessors: Vec<TokenStream> = model
        .fields
        .iter()
        .filter(|field| !field.aliases.is_empty())
        .map(|field| alias_accessor(model, field, root))
        .collect();
    let custom = model.custom_attributes.as_ref().and_then(|spec| custom_attributes_accessor(api, model, spec));
    let builder = model.request.then(|| model_builder(model, root));
    let allow_deprecated =
        model.fields.iter().any(|field| field.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]));
    let methods = (!accessors.is_empty() || custom.is_some() || builder.is_some()).then(|| {
        quote! {
            #allow_deprecated
            impl #name {
                #builder
                #(#accessors)*
                #custom
            }
        }
    });
    // A model sent in requests without required fields starts from `Default` (nothing set).
    let derive_default = (model.request && !model.fields.iter().any(|field| field.required)).then(|| quote!(Default,));
    // `non_exhaustive`: a field the docs add later is a minor release, not a breaking one;
    // callers build models with the builder or decode them.
    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Keys the schema does not declare, kept so that nothing the API sends is lost:
            /// decoding and encoding again gives every key back.
            pub extra: ::apigen_runtime::JsonObject,
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
    quote!(::apigen_runtime::__codegen::wire_object!(#name { #(#fields),* } #rest);)
}

/// The Rust type of a field's value, boxed where the model contains itself.
fn field_type(field: &Field, root: &TokenStream) -> TokenStream {
    let ty = rust_type(&field.ty, root);
    if field.boxed { quote!(Box<#ty>) } else { ty }
}

fn slot_type(slot: Slot, ty: TokenStream) -> TokenStream {
    match slot {
        Slot::Plain => ty,
        Slot::Option => quote!(Option<#ty>),
        Slot::Patch => quote!(::apigen_runtime::Patch<#ty>),
    }
}

/// The empty value of an optional slot.
fn slot_unset(slot: Slot) -> TokenStream {
    match slot {
        Slot::Patch => quote!(::apigen_runtime::Patch::Unset),
        Slot::Option | Slot::Plain => quote!(Option::None),
    }
}

/// `self.<field>` of a model as an `Option<&T>`.
fn model_field_ref(field: &Field, owner: TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.name.rust);
    match field.slot {
        Slot::Plain => quote!(Option::Some(&#owner.#ident)),
        Slot::Option => quote!(#owner.#ident.as_ref()),
        Slot::Patch => quote!(#owner.#ident.as_set()),
    }
}

/// `new` and the setters of a model that requests send.
fn model_builder(model: &Model, root: &TokenStream) -> TokenStream {
    let required: Vec<&Field> = model.fields.iter().filter(|field| field.required).collect();
    let params = required.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let param = match field.slot {
            Slot::Plain => required_param(field, root),
            _ => {
                let ty = field_type(field, root);
                quote!(Option<#ty>)
            }
        };
        quote!(#ident: #param)
    });
    let body = if required.is_empty() {
        quote!(<Self as Default>::default())
    } else {
        let inits = model.fields.iter().map(|field| {
            let ident = format_ident!("{}", field.name.rust);
            match field.slot {
                Slot::Plain => {
                    let value = required_value(field, quote!(#ident));
                    if ident == value.to_string() { quote!(#ident,) } else { quote!(#ident: #value,) }
                }
                Slot::Option if field.required => quote!(#ident,),
                slot => {
                    let unset = slot_unset(slot);
                    quote!(#ident: #unset,)
                }
            }
        });
        quote!(Self { #(#inits)* extra: ::apigen_runtime::serde_json::Map::new() })
    };
    let docs = doc_attrs(&[if required.is_empty() {
        "An object with nothing set, to fill in with the setters.".to_owned()
    } else {
        "An object with its required fields; set the optional ones with the setters.".to_owned()
    }]);
    let setters = setters(&model.fields, root);
    quote! {
        #docs
        #[inline]
        pub fn new(#(#params),*) -> Self {
            #body
        }

        #(#setters)*
    }
}

/// The parameter type of a required field in `new`.
fn required_param(field: &Field, root: &TokenStream) -> TokenStream {
    if field.boxed {
        let ty = field_type(field, root);
        quote!(impl Into<#ty>)
    } else {
        setter_param(&field.ty, root)
    }
}

/// Turns a `required_param` value into the stored type.
fn required_value(field: &Field, value: TokenStream) -> TokenStream {
    if field.boxed { quote!(#value.into()) } else { convert(&field.ty, value) }
}

/// `fn key(&self)`: the field, or the first alias that is present.
fn alias_accessor(model: &Model, field: &Field, root: &TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.name.rust);
    let ty = field_type(field, root);
    let as_option = |field: &Field| model_field_ref(field, quote!(self));
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
        pub fn #ident(&self) -> Option<&#ty> {
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
    let slot = |slot: Slot| match slot {
        Slot::Plain => quote!(plain),
        Slot::Option => quote!(opt),
        Slot::Patch => quote!(patch),
    };
    let (list_ident, list_slot) = (format_ident!("{}", list.name.rust), slot(list.slot));
    let (name_ident, name_slot) = (format_ident!("{}", name.name.rust), slot(name.slot));
    let (value_ident, value_slot) = (format_ident!("{}", value.name.rust), slot(value.slot));
    let (list_wire, by) = (&list.name.wire, &spec.name);
    Some(quote! {
        ::apigen_runtime::__codegen::custom_attributes_fn!(
            #list_wire by #by: #list_ident #list_slot, #name_ident #name_slot, #value_ident #value_slot
        );
    })
}

/// An enum that keeps values it does not know in `Unrecognized`, so a new value from the API
/// never fails a decode.
pub fn enumeration(enumeration: &Enum, source: &str) -> TokenStream {
    let name = format_ident!("{}", enumeration.name);
    let docs = doc_attrs(&docs::enumeration(enumeration, source));
    let variants: Vec<_> = enumeration.variants.iter().map(|variant| format_ident!("{}", variant.rust)).collect();
    let variant_docs = enumeration.variants.iter().map(|variant| match variant.code {
        Some(code) => doc_attrs(&[format!("`{code}`: {}.", variant.label)]),
        None => doc_attrs(&[format!("`{}`", variant.label)]),
    });
    let labels: Vec<&String> = enumeration.variants.iter().map(|variant| &variant.label).collect();
    // The wire methods (`as_str`/`from_wire`, or `code`/`from_code`/`label`), `Display` and
    // serde come from the runtime's `wire_enum!`.
    if enumeration.kind == EnumKind::Codes {
        let codes =
            enumeration.variants.iter().filter_map(|variant| variant.code).map(proc_macro2::Literal::i64_unsuffixed);
        return quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variant_docs #variants,)*
                /// A code this version of the client does not know, kept as sent.
                Unrecognized(i64),
            }
            ::apigen_runtime::__codegen::wire_enum!(code #name { #(#variants = #codes: #labels),* });
        };
    }
    // `non_exhaustive`: a value the docs add later is a minor release.
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the client does not know, kept as sent.
            Unrecognized(String),
        }
        ::apigen_runtime::__codegen::wire_enum!(#name { #(#variants = #labels),* });
    }
}

/// The query parameters of an endpoint: a builder, and `to_query` for the runtime.
pub fn query(endpoint: &Endpoint, query: &QueryParams, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", query.type_name);
    let method = &endpoint.name.rust;
    let root_text = root.to_string().replace(' ', "");
    let docs = doc_attrs(&[format!("The query parameters of [`Client::{method}`]({root_text}::Endpoints::{method}).")]);
    let required: Vec<&Field> = query.fields.iter().filter(|field| field.required).collect();
    let derive_default = if required.is_empty() { quote!(Default,) } else { quote!() };
    let fields = query.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let docs = field_docs(field);
        let ty = rust_type(&field.ty, root);
        if field.required { quote!(#docs pub #ident: #ty,) } else { quote!(#docs pub #ident: Option<#ty>,) }
    });
    let filters_field = query.filters.then(|| {
        quote! {
            /// `<field>__<lookup>=<value>` filters, added with [`filter`](Self::filter).
            pub filters: ::apigen_runtime::__codegen::Query,
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
            quote!(#ident: Option::None,)
        }
    });
    let filters_init = query.filters.then(|| quote!(filters: ::apigen_runtime::__codegen::Query::new(),));
    let new_body = if required.is_empty() {
        quote!(<Self as Default>::default())
    } else {
        quote!(Self { #(#inits)* #filters_init })
    };
    let optional: Vec<&Field> = query.fields.iter().filter(|field| !field.required).collect();
    let setters = (!optional.is_empty()).then(|| {
        let entries = optional.iter().filter_map(|field| {
            let (kind, ty) = setter_kind(field, root)?;
            let ident = format_ident!("{}", field.name.rust);
            let summary = docs::field_summary(field);
            let doc = inert_doc_line(format!("Sets `{}`. {summary}", field.name.wire).trim_end());
            Some(quote!(#ident: #kind(#ty) => #doc))
        });
        quote!(::apigen_runtime::__codegen::option_setters!(#(#entries),*);)
    });
    let filter_method = query.filters.then(|| {
        quote! {
            /// Adds a `<field>__<lookup>=<value>` filter, such as `score__gte=10`; `field` may be
            /// any standard or custom attribute.
            pub fn filter(mut self, field: &str, lookup: ::apigen_runtime::Lookup, value: impl ToString) -> Self {
                self.filters.filter(field, lookup, value);
                self
            }
        }
    });
    let constants = query.constants.iter().map(|(name, value)| quote!(#name = #value));
    let pushes = query.fields.iter().map(|field| {
        let kind = if field.required { quote!(req) } else { quote!(opt) };
        let ident = format_ident!("{}", field.name.rust);
        let wire = &field.name.wire;
        let style = field.array_style.map(|style| match style {
            ArrayStyle::Repeat => quote!(as Repeat),
            ArrayStyle::Comma => quote!(as Comma),
            ArrayStyle::Brackets => quote!(as Brackets),
        });
        if field.name.rust == *wire { quote!(#kind #ident #style) } else { quote!(#kind #ident = #wire #style) }
    });
    let filters_push = query.filters.then(|| quote!(; filters));
    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #filters_field
        }

        impl #name {
            /// A query with its required parameters.
            #[inline]
            pub fn new(#(#constructor_params),*) -> Self {
                #new_body
            }

            #setters
            #filter_method
            ::apigen_runtime::__codegen::to_query!(#(#constants),*; #(#pushes),* #filters_push);
        }
    }
}

/// A request body with a builder. Unset optional fields are not sent; nullable ones are
/// `Patch`es, whose `clear_*` sends `null`; the others are `Option`s, which cannot be `null`.
pub fn request(endpoint: &Endpoint, request: &RequestBody, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", request.type_name);
    let method = &endpoint.name.rust;
    let docs = doc_attrs(&[
        format!(
            "The body of [`Client::{method}`]({root_text}::Endpoints::{method}).",
            root_text = root.to_string().replace(' ', "")
        ),
        String::new(),
        "Build it with `new` and the setters; only the fields you set are sent.".to_owned(),
    ]);
    let required: Vec<&Field> = request.fields.iter().filter(|field| field.required).collect();
    let derive_default = if required.is_empty() { quote!(Default,) } else { quote!() };

    let fields = request.fields.iter().map(|field| {
        let ident = format_ident!("{}", field.name.rust);
        let docs = field_docs(field);
        let deprecated = deprecated_attr(field);
        let ty = slot_type(field.slot, rust_type(&field.ty, root));
        quote! { #docs #deprecated pub #ident: #ty, }
    });
    let custom_field = request.custom_attributes.as_ref().map(|custom| {
        let docs = doc_attrs(&docs::custom_attributes(custom));
        quote! {
            #docs
            pub custom_attributes: ::apigen_runtime::Attributes,
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
            let unset = slot_unset(field.slot);
            quote!(#ident: #unset,)
        }
    });
    let custom_init =
        request.custom_attributes.as_ref().map(|_| quote!(custom_attributes: ::std::collections::BTreeMap::new(),));
    // Without required fields `Default` is derived, and `new` is just that.
    let new_body = if required.is_empty() {
        quote!(<Self as Default>::default())
    } else {
        quote!(Self { #(#field_inits)* #custom_init })
    };
    let new_docs = doc_attrs(&[if required.is_empty() {
        "A request that changes nothing until fields are set.".to_owned()
    } else {
        "A request with its required fields; set the optional ones with the setters.".to_owned()
    }]);

    let setters = setters(&request.fields, root);
    let custom_setter =
        request.custom_attributes.as_ref().map(|_| quote!(::apigen_runtime::__codegen::custom_attribute_setter!();));
    let validate = validate_fn(request);
    // The builder itself must touch deprecated fields; callers still get the warning.
    let allow_deprecated =
        request.fields.iter().any(|field| field.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]));

    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #custom_field
        }
        #wire

        #allow_deprecated
        impl #name {
            #new_docs
            #[inline]
            pub fn new(#(#constructor_params),*) -> Self {
                #new_body
            }

            #(#setters)*
            #custom_setter
            #validate
        }
    }
}

/// The setters of the optional fields: from the runtime's `patch_setters!` (with `clear_`) and
/// `option_setters!` (without), except the few shapes they have no form for, one call per
/// field so that each reads on a line of its own.
fn setters(fields: &[Field], root: &TokenStream) -> Vec<TokenStream> {
    let (plain, special): (Vec<&Field>, Vec<&Field>) = fields
        .iter()
        .filter(|field| !field.required)
        .partition(|field| field.deprecated.is_none() && setter_kind(field, root).is_some());
    let macro_setters = plain.iter().filter_map(|field| {
        let (kind, ty) = setter_kind(field, root)?;
        let ident = format_ident!("{}", field.name.rust);
        let wire = &field.name.wire;
        let summary = inert_doc_line(&docs::field_summary(field));
        let doc = format!("Sets `{wire}`. {summary}").trim_end().to_owned();
        Some(if field.slot == Slot::Patch {
            let clear = format_ident!("{}", crate::names::clear_method(&field.name.rust));
            quote!(::apigen_runtime::__codegen::patch_setters!(#ident / #clear = #wire: #kind(#ty) => #doc);)
        } else {
            quote!(::apigen_runtime::__codegen::option_setters!(#ident: #kind(#ty) => #doc);)
        })
    });
    let special = special.iter().map(|field| setter(field, field.slot, root));
    macro_setters.chain(special).collect()
}

fn setter(field: &Field, slot: Slot, root: &TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.name.rust);
    let (param, value) = if field.boxed {
        let ty = field_type(field, root);
        (quote!(impl Into<#ty>), quote!(value.into()))
    } else {
        (setter_param(&field.ty, root), convert(&field.ty, quote!(value)))
    };
    let summary = docs::field_summary(field);
    let set_docs = doc_attrs(&[format!("Sets `{}`. {summary}", field.name.wire).trim_end().to_owned()]);
    let deprecated = deprecated_attr(field);
    let stored = match slot {
        Slot::Patch => quote!(::apigen_runtime::Patch::Set(#value)),
        Slot::Option | Slot::Plain => quote!(Option::Some(#value)),
    };
    let clear = (slot == Slot::Patch).then(|| {
        let clear = format_ident!("{}", crate::names::clear_method(&field.name.rust));
        let clear_docs = doc_attrs(&[format!("Sends `{}` as `null`, clearing the stored value.", field.name.wire)]);
        quote! {
            #clear_docs #deprecated
            pub fn #clear(mut self) -> Self {
                self.#ident = ::apigen_runtime::Patch::Null;
                self
            }
        }
    });
    quote! {
        #set_docs #deprecated
        pub fn #ident(mut self, value: #param) -> Self {
            self.#ident = #stored;
            self
        }
        #clear
    }
}

/// How `patch_setters!` takes a field (`into`, `plain`, `list_into`, `list`) and the type it
/// names; `None` for shapes it has no form for (lists of lists). A boxed model is taken `into`
/// its box.
fn setter_kind(field: &Field, root: &TokenStream) -> Option<(TokenStream, TokenStream)> {
    let into = |ty: &Type| {
        matches!(
            ty,
            Type::String | Type::FormattedString(_) | Type::DateTime | Type::Date | Type::Json | Type::Timestamp
        )
    };
    if field.boxed {
        return Some((quote!(into), field_type(field, root)));
    }
    match &field.ty {
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
        Type::String | Type::FormattedString(_) => quote!(impl Into<String>),
        Type::DateTime => {
            let ty = rust_type(ty, root);
            quote!(impl Into<#ty>)
        }
        Type::Date => quote!(impl Into<::apigen_runtime::Date>),
        Type::Json => quote!(impl Into<::apigen_runtime::serde_json::Value>),
        Type::Timestamp => quote!(impl Into<::apigen_runtime::UnixTime>),
        Type::List(item) => {
            let item = setter_param(item, root);
            quote!(impl IntoIterator<Item = #item>)
        }
        Type::Map(value) => {
            let value = setter_param(value, root);
            quote!(impl IntoIterator<Item = (impl Into<String>, #value)>)
        }
        Type::Integer
        | Type::Int32
        | Type::UInt64
        | Type::Number
        | Type::Boolean
        | Type::Decimal
        | Type::Model(_)
        | Type::Enum(_) => rust_type(ty, root),
    }
}

/// Turns a value of `setter_param(ty)` into the stored type.
fn convert(ty: &Type, value: TokenStream) -> TokenStream {
    match ty {
        Type::String | Type::FormattedString(_) | Type::DateTime | Type::Date | Type::Json | Type::Timestamp => {
            quote!(#value.into())
        }
        Type::List(item) => {
            let item_value = convert(item, quote!(item));
            if item_value.to_string() == "item" {
                quote!(#value.into_iter().collect())
            } else {
                quote!(#value.into_iter().map(|item| #item_value).collect())
            }
        }
        Type::Map(item) => {
            let item_value = convert(item, quote!(item));
            quote!(#value.into_iter().map(|(key, item)| (key.into(), #item_value)).collect())
        }
        Type::Integer
        | Type::Int32
        | Type::UInt64
        | Type::Number
        | Type::Boolean
        | Type::Decimal
        | Type::Model(_)
        | Type::Enum(_) => value,
    }
}

/// `validate` checks documented limits and custom attribute names; the client calls it before
/// sending, and callers may call it earlier. The runtime's `validate!` writes it.
fn validate_fn(request: &RequestBody) -> TokenStream {
    let checks = request.fields.iter().filter_map(|field| {
        let length = |limit: Option<u32>| {
            limit.and_then(|limit| usize::try_from(limit).ok()).map(proc_macro2::Literal::usize_unsuffixed)
        };
        let min_length = length(field.min_length).map(|min| quote!(>= #min));
        let max_length = length(field.max_length).map(|max| quote!(<= #max));
        let minimum = field.minimum.as_ref().map(|min| {
            let min = bound_literal(min);
            quote!(min #min)
        });
        let maximum = field.maximum.as_ref().map(|max| {
            let max = bound_literal(max);
            quote!(max #max)
        });
        if min_length.is_none() && max_length.is_none() && minimum.is_none() && maximum.is_none() {
            return None;
        }
        let ident = format_ident!("{}", field.name.rust);
        let wire = &field.name.wire;
        let name = if field.name.rust == *wire { quote!(#ident) } else { quote!(#ident = #wire) };
        Some(quote!(#name #min_length #max_length #minimum #maximum))
    });
    let custom_check = request.custom_attributes.as_ref().map(|_| quote!(; custom_attributes));
    quote!(::apigen_runtime::__codegen::validate!(#(#checks),* #custom_check);)
}

/// A numeric bound as a literal of its field's Rust type (`i64` or `f64`).
fn bound_literal(bound: &Scalar) -> TokenStream {
    match bound {
        Scalar::Integer(value) => proc_macro2::Literal::i64_unsuffixed(*value).into_token_stream(),
        Scalar::Number(value) => proc_macro2::Literal::f64_unsuffixed(*value).into_token_stream(),
        Scalar::String(_) | Scalar::Boolean(_) => quote!(),
    }
}

/// A field's docs as doc attributes.
fn field_docs(field: &Field) -> TokenStream {
    doc_attrs(&docs::field(field))
}

/// `#[deprecated]` with the field's deprecation text, made inert: rustdoc renders the note as
/// Markdown, as it does docs.
fn deprecated_attr(field: &Field) -> TokenStream {
    match &field.deprecated {
        Some(note) => {
            let note = inert_doc_line(&note.replace(['\n', '\r'], " "));
            quote!(#[deprecated(note = #note)])
        }
        None => quote!(),
    }
}

/// The Rust type of a schema type. Runtime paths are fully qualified; std's prelude types are
/// named plainly, which is safe in the generated modules because `names` refuses schema types
/// named like a prelude item (and the root file, which a macro expands in the caller's scope,
/// names no field types).
pub(super) fn rust_type(ty: &Type, root: &TokenStream) -> TokenStream {
    match ty {
        Type::String | Type::FormattedString(_) => quote!(String),
        Type::Integer => quote!(i64),
        Type::Int32 => quote!(i32),
        Type::UInt64 => quote!(u64),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        // The root re-exports the runtime's date-time type of the API's `datetime_format`.
        Type::DateTime => quote!(#root::DateTime),
        Type::Date => quote!(::apigen_runtime::Date),
        Type::Json => quote!(::apigen_runtime::serde_json::Value),
        Type::Timestamp => quote!(::apigen_runtime::UnixTime),
        Type::Decimal => quote!(::apigen_runtime::Decimal),
        Type::List(item) => {
            let item = rust_type(item, root);
            quote!(Vec<#item>)
        }
        Type::Map(value) => {
            let value = rust_type(value, root);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        Type::Model(name) | Type::Enum(name) => {
            let ident = format_ident!("{}", name);
            quote!(#root::#ident)
        }
    }
}
