//! Tokens for the contract test: one call through the generated client for every endpoint
//! with a documented example, sent to an outside mock server that validates each request
//! against the exported OpenAPI document. Path and query values are fixed samples; the body is
//! the docs' request example, or the required fields filled with samples. The checks (which
//! server, what counts as a violation) live in the hand-written `contract_support` module.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::samples::Samples;
use crate::ir::{Api, Endpoint};

/// The generated module of the contract test: `exercise`, which makes one call per endpoint
/// with an example. The test around it (`super::Contract`) is hand-written.
pub fn contract_test(api: &Api, krate: &str) -> TokenStream {
    let samples = Samples::new(api, krate);
    let calls: Vec<TokenStream> = api
        .modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .filter(|endpoint| endpoint.request_example.is_some() || endpoint.response_example.is_some())
        .map(|endpoint| call(endpoint, &samples))
        .collect();
    let krate_ident = &samples.krate;
    quote! {
        /// Calls every endpoint that has a documented example, recording each outcome.
        pub async fn exercise(contract: &super::Contract, client: &#krate_ident::Client) {
            #(#calls)*
        }
    }
}

/// One call: `begin` names the endpoint (and whether the server should answer with its own
/// documented example), then the call's outcome is recorded. An endpoint whose sample values
/// cannot be built is reported, not skipped.
fn call(endpoint: &Endpoint, samples: &Samples) -> TokenStream {
    let krate = &samples.krate;
    let wire = &endpoint.name.wire;
    let name = format_ident!("{}", endpoint.name.rust);
    let has_example = endpoint.response_example.is_some();
    let begin = quote!(contract.begin(#wire, #has_example););
    let mut args: Vec<TokenStream> = endpoint.path_params.iter().map(|param| samples.path_param(&param.ty).0).collect();
    if let Some(query) = endpoint.query.as_ref().filter(|query| query.is_parameter()) {
        let mut required = Vec::new();
        for field in query.fields.iter().filter(|field| field.required) {
            match samples.query_param(&field.ty) {
                Some((value, _)) => required.push(value),
                None => {
                    let message = format!("no sample value for the query parameter `{}`", field.name.wire);
                    return quote!(#begin contract.unsupported(#message););
                }
            }
        }
        let ty = format_ident!("{}", query.type_name);
        args.push(quote!(&#krate::#ty::new(#(#required),*)));
    }
    let Some(request) = &endpoint.request else {
        return quote! {
            #begin
            let result = client.#name(#(#args),*).await;
            contract.record(result.map(drop));
        };
    };
    let body = endpoint.request_example.clone().unwrap_or_else(|| samples.body(&request.fields).to_string());
    let ty = format_ident!("{}", request.type_name);
    quote! {
        #begin
        if let ::std::option::Option::Some(body) = contract.body::<#krate::#ty>(#body) {
            let result = client.#name(#(#args,)* &body).await;
            contract.record(result.map(drop));
        }
    }
}
