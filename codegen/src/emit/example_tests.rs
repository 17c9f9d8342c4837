//! Tokens for the wire tests of the documented examples: one test per endpoint with an example,
//! which sends the docs' request through the generated client to a local server, checks the
//! exact request (method, path, query, headers, body), and decodes the docs' response without
//! loss. The tests call `example_support`, a small hand-written module next to them, and are
//! included by the hand-written `tests/examples.rs` under `#[rustfmt::skip]`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Endpoint, Enum, PathSegment, Response, Type};

/// The sample value of integer path parameters.
const SAMPLE_ID: i64 = 7;
/// The sample value of string path parameters: a custom id with characters that must be
/// percent-encoded into one segment.
const SAMPLE_CUSTOM_ID: &str = "user@123/a b";

/// The test file, or `None` when no endpoint has an example.
pub fn example_tests(api: &Api) -> Option<TokenStream> {
    let enums: Vec<&Enum> = api.modules.iter().flat_map(|module| &module.enums).collect();
    let tests: Vec<TokenStream> = api
        .modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .filter(|endpoint| endpoint.request_example.is_some() || endpoint.response_example.is_some())
        .filter_map(|endpoint| example_test(endpoint, &enums))
        .collect();
    if tests.is_empty() {
        return None;
    }
    Some(quote! {
        use super::example_support::Wire;

        #(#tests)*
    })
}

fn example_test(endpoint: &Endpoint, enums: &[&Enum]) -> Option<TokenStream> {
    let name = format_ident!("{}", endpoint.name.rust);
    let method = endpoint.method.as_str();
    let mut path = String::from("/api/public");
    let mut args = Vec::new();
    for segment in &endpoint.segments {
        match segment {
            PathSegment::Literal(text) => path.push_str(&format!("/{text}")),
            PathSegment::Param(index) => {
                if endpoint.path_params[*index].ty == Type::String {
                    path.push_str(&format!("/{}", encode_segment(SAMPLE_CUSTOM_ID)));
                    args.push(quote!(#SAMPLE_CUSTOM_ID));
                } else {
                    path.push_str(&format!("/{SAMPLE_ID}"));
                    args.push(quote!(#SAMPLE_ID));
                }
            }
        }
    }
    path.push('/');

    let mut query_pairs: Vec<String> = endpoint
        .query
        .iter()
        .flat_map(|query| &query.constants)
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if let Some(query) = endpoint.query.as_ref().filter(|query| query.is_parameter()) {
        let mut query_args = Vec::new();
        for field in query.fields.iter().filter(|field| field.required) {
            let (value, text) = sample(&field.ty, enums)?;
            query_args.push(value);
            query_pairs.push(format!("{}={text}", field.name.wire));
        }
        let ty = format_ident!("{}", query.type_name);
        args.push(quote!(&usercom::#ty::new(#(#query_args),*)));
    }
    let query = if query_pairs.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        let text = query_pairs.join("&");
        quote!(::std::option::Option::Some(#text))
    };

    let request_example = endpoint.request_example.as_deref();
    let (body_setup, sent) = match &endpoint.request {
        Some(request) => {
            let ty = format_ident!("{}", request.type_name);
            let setup = match request_example {
                Some(example) => quote!(let body: usercom::#ty = wire.request_body(#example);),
                None => {
                    let mut required = Vec::new();
                    for field in request.fields.iter().filter(|field| field.required) {
                        required.push(sample(&field.ty, enums)?.0);
                    }
                    quote!(let body = usercom::#ty::new(#(#required),*);)
                }
            };
            args.push(quote!(&body));
            let sent = match request_example {
                Some(example) => quote!(::std::option::Option::Some(#example)),
                None => quote!(::std::option::Option::Some(&serde_json::to_string(&body).expect("encodes"))),
            };
            (setup, sent)
        }
        None => (quote!(), quote!(::std::option::Option::None)),
    };

    let response_example = endpoint.response_example.as_deref();
    let answer = match (&endpoint.response, response_example) {
        (_, Some(example)) => quote!(#example),
        (Response::Nothing, None) => quote!(""),
        // Nothing documented: the test checks the request only.
        (_, None) => quote!("{}"),
    };
    let outcome = match (&endpoint.response, response_example) {
        (Response::Nothing, _) => quote!(result.expect("an empty answer is success");),
        (_, Some(example)) => quote!(wire.assert_lossless(&result.expect("the documented answer decodes"), #example);),
        (_, None) => quote!(let _ = result;),
    };
    let test_name = format_ident!("{}_example", endpoint.name.rust);
    Some(quote! {
        #[tokio::test]
        async fn #test_name() {
            let wire = Wire::start(#answer).await;
            #body_setup
            let result = wire.client().#name(#(#args),*).await;
            wire.assert_request(#method, #path, #query, #sent).await;
            #outcome
        }
    })
}

/// A value for a required parameter, and how it appears in a query string.
fn sample(ty: &Type, enums: &[&Enum]) -> Option<(TokenStream, String)> {
    match ty {
        Type::String => Some((quote!("sample"), "sample".to_owned())),
        Type::Integer => Some((quote!(#SAMPLE_ID), SAMPLE_ID.to_string())),
        Type::Boolean => Some((quote!(true), "true".to_owned())),
        Type::Number => Some((quote!(1.5), "1.5".to_owned())),
        Type::Json => Some((quote!(serde_json::Value::from("sample")), "sample".to_owned())),
        Type::List(item) if matches!(item.as_ref(), Type::String | Type::Integer) => {
            let (value, _) = sample(item, enums)?;
            Some((quote!([#value]), String::new()))
        }
        Type::Timestamp => Some((quote!(usercom::UnixTime::from_secs(1426967129)), "1426967129".to_owned())),
        Type::Enum(name) => {
            let enumeration = enums.iter().find(|candidate| &candidate.name == name)?;
            let first = enumeration.variants.first()?;
            let ident = format_ident!("{}", enumeration.name);
            let variant = format_ident!("{}", first.rust);
            let text = match first.code {
                Some(code) => code.to_string(),
                None if first.label.bytes().all(|b| b.is_ascii_alphanumeric()) => first.label.clone(),
                None => return None,
            };
            Some((quote!(usercom::#ident::#variant), text))
        }
        _ => None,
    }
}

/// Percent-encodes a path segment the way the runtime does: all but `A-Z a-z 0-9 - . _ ~`.
fn encode_segment(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
