//! Tokens for the contract test: one call through the generated client for every endpoint
//! with a documented example, sent to an outside mock server that validates each request
//! against the exported OpenAPI document. Path and query values are fixed samples; the body is
//! the docs' request example, or the required fields filled with samples. The checks (which
//! server, what counts as a violation) live in the hand-written `contract_support` module.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value, json};

use crate::ir::{Api, Endpoint, Enum, Field, Model, Type};

/// The sample of integer path and query values.
const SAMPLE_INTEGER: i64 = 7;
/// The sample of string path and query values.
const SAMPLE_TEXT: &str = "sample";
/// How deep sample bodies follow required model fields.
const MAX_SAMPLE_DEPTH: usize = 4;

/// The generated module of the contract test: `exercise`, which makes one call per endpoint
/// with an example. The test around it (`super::Contract`) is hand-written.
pub fn contract_test(api: &Api) -> TokenStream {
    let enums: BTreeMap<&str, &Enum> =
        api.modules.iter().flat_map(|module| &module.enums).map(|item| (item.name.as_str(), item)).collect();
    let models: BTreeMap<&str, &Model> =
        api.modules.iter().flat_map(|module| &module.models).map(|model| (model.name.as_str(), model)).collect();
    let calls: Vec<TokenStream> = api
        .modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .filter(|endpoint| endpoint.request_example.is_some() || endpoint.response_example.is_some())
        .map(|endpoint| call(endpoint, &enums, &models))
        .collect();
    quote! {
        /// Calls every endpoint that has a documented example, recording each outcome.
        pub async fn exercise(contract: &super::Contract, client: &usercom::Client) {
            #(#calls)*
        }
    }
}

/// One call: `begin` names the endpoint (and whether the server should answer with its own
/// documented example), then the call's outcome is recorded. An endpoint whose sample values
/// cannot be built is reported, not skipped.
fn call(endpoint: &Endpoint, enums: &BTreeMap<&str, &Enum>, models: &BTreeMap<&str, &Model>) -> TokenStream {
    let wire = &endpoint.name.wire;
    let name = format_ident!("{}", endpoint.name.rust);
    let has_example = endpoint.response_example.is_some();
    let begin = quote!(contract.begin(#wire, #has_example););
    let mut args = Vec::new();
    for param in &endpoint.path_params {
        args.push(match param.ty {
            Type::String => quote!(#SAMPLE_TEXT),
            _ => quote!(#SAMPLE_INTEGER),
        });
    }
    if let Some(query) = endpoint.query.as_ref().filter(|query| query.is_parameter()) {
        let mut required = Vec::new();
        for field in query.fields.iter().filter(|field| field.required) {
            match query_sample(&field.ty, enums) {
                Some(value) => required.push(value),
                None => {
                    let message = format!("no sample value for the query parameter `{}`", field.name.wire);
                    return quote!(#begin contract.unsupported(#message););
                }
            }
        }
        let ty = format_ident!("{}", query.type_name);
        args.push(quote!(&usercom::#ty::new(#(#required),*)));
    }
    let Some(request) = &endpoint.request else {
        return quote! {
            #begin
            let result = client.#name(#(#args),*).await;
            contract.record(result.map(drop));
        };
    };
    let body = match &endpoint.request_example {
        Some(example) => example.clone(),
        None => sample_object(&request.fields, enums, models, 0).to_string(),
    };
    let ty = format_ident!("{}", request.type_name);
    quote! {
        #begin
        if let ::std::option::Option::Some(body) = contract.body::<usercom::#ty>(#body) {
            let result = client.#name(#(#args,)* &body).await;
            contract.record(result.map(drop));
        }
    }
}

/// A Rust value for a required query parameter, of the type its `new` takes.
fn query_sample(ty: &Type, enums: &BTreeMap<&str, &Enum>) -> Option<TokenStream> {
    Some(match ty {
        Type::String => quote!(#SAMPLE_TEXT),
        Type::Integer => quote!(#SAMPLE_INTEGER),
        Type::Number => quote!(1.5),
        Type::Boolean => quote!(true),
        Type::Timestamp => quote!(usercom::UnixTime::from_secs(1_497_425_346)),
        Type::DateTime => quote!(usercom::DateTime(usercom::time::OffsetDateTime::UNIX_EPOCH)),
        Type::Date => quote!(usercom::Date(usercom::time::OffsetDateTime::UNIX_EPOCH.date())),
        Type::Decimal => quote!(usercom::Decimal::from(7)),
        Type::Enum(name) => {
            let item = enums.get(name.as_str())?;
            let ident = format_ident!("{}", item.name);
            let variant = format_ident!("{}", item.variants.first()?.rust);
            quote!(usercom::#ident::#variant)
        }
        Type::Json | Type::List(_) | Type::Model(_) => return None,
    })
}

/// A JSON object with every required field of a table set to a sample.
fn sample_object(
    fields: &[Field],
    enums: &BTreeMap<&str, &Enum>,
    models: &BTreeMap<&str, &Model>,
    depth: usize,
) -> Value {
    let object: Map<String, Value> = fields
        .iter()
        .filter(|field| field.required)
        .map(|field| (field.name.wire.clone(), sample_json(&field.ty, enums, models, depth)))
        .collect();
    Value::Object(object)
}

/// A JSON sample of a type, as the API would accept it.
fn sample_json(ty: &Type, enums: &BTreeMap<&str, &Enum>, models: &BTreeMap<&str, &Model>, depth: usize) -> Value {
    match ty {
        Type::String => json!(SAMPLE_TEXT),
        Type::Integer => json!(SAMPLE_INTEGER),
        Type::Number => json!(1.5),
        Type::Boolean => json!(true),
        Type::DateTime => json!("2017-06-14T07:29:06.976662Z"),
        Type::Date => json!("2017-06-14"),
        Type::Json => json!(SAMPLE_TEXT),
        Type::Timestamp => json!(1_497_425_346),
        Type::Decimal => json!("7.00"),
        Type::List(_) => json!([]),
        Type::Enum(name) => match enums.get(name.as_str()).and_then(|item| item.variants.first()) {
            Some(variant) => variant.code.map_or_else(|| json!(variant.label), |code| json!(code)),
            None => Value::Null,
        },
        Type::Model(name) => match models.get(name.as_str()) {
            Some(model) if depth < MAX_SAMPLE_DEPTH => sample_object(&model.fields, enums, models, depth + 1),
            _ => json!({}),
        },
    }
}
