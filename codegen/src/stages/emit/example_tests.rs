//! Tokens for the wire tests of the documented examples: one test per endpoint with an example,
//! which sends the docs' request through the generated client to a local server, checks the
//! exact request (method, path, query, headers, body), and decodes the docs' response without
//! loss. The tests call `example_support`, a small hand-written module next to them, and are
//! included by the hand-written `tests/examples.rs` under `#[rustfmt::skip]`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::samples::Samples;
use crate::ir::{Api, Endpoint, PathSegment, Response};

/// The test file, or `None` when no endpoint has an example.
pub fn example_tests(api: &Api, krate: &str) -> Option<TokenStream> {
    let samples = Samples::new(api, krate);
    let tests: Vec<TokenStream> = api
        .modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .filter(|endpoint| endpoint.request_example.is_some() || endpoint.response_example.is_some())
        .filter_map(|endpoint| example_test(endpoint, &samples))
        .collect();
    if tests.is_empty() {
        return None;
    }
    Some(quote! {
        use super::example_support::Wire;

        #(#tests)*
    })
}

fn example_test(endpoint: &Endpoint, samples: &Samples) -> Option<TokenStream> {
    let krate = &samples.krate;
    let name = format_ident!("{}", endpoint.name.rust);
    let method = endpoint.method.as_str();
    let mut path = String::from("/api/public");
    let mut args = Vec::new();
    for segment in &endpoint.segments {
        match segment {
            PathSegment::Literal(text) => path.push_str(&format!("/{text}")),
            PathSegment::Param(index) => {
                let (value, on_wire) = samples.path_param(&endpoint.path_params[*index].ty);
                path.push_str(&format!("/{on_wire}"));
                args.push(value);
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
            let (value, text) = samples.query_param(&field.ty)?;
            query_args.push(value);
            query_pairs.push(format!("{}={text}", field.name.wire));
        }
        let ty = format_ident!("{}", query.type_name);
        args.push(quote!(&#krate::#ty::new(#(#query_args),*)));
    }
    let query = if query_pairs.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        let text = query_pairs.join("&");
        quote!(::std::option::Option::Some(#text))
    };

    // The docs' request body, or the required fields filled with samples.
    let (body_setup, sent) = match &endpoint.request {
        Some(request) => {
            let ty = format_ident!("{}", request.type_name);
            let body = endpoint.request_example.clone().unwrap_or_else(|| samples.body(&request.fields).to_string());
            args.push(quote!(&body));
            (quote!(let body: #krate::#ty = wire.request_body(#body);), quote!(::std::option::Option::Some(#body)))
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
