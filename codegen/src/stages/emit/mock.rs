//! Tokens for the test doubles (the runtime's `mock` feature): the `MockServer` type, and one
//! method per endpoint that starts a typed `apigen_runtime::mock::When` for that endpoint's
//! path, body, query and response. The matching and answering live in the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::types::rust_type;
use crate::ir::{Endpoint, PathSegment, Response, Settings, Type};

/// `MockServer`: a local mock of the API, and a `Client` pointed at it.
pub fn mock_server(settings: &Settings, root: &TokenStream) -> TokenStream {
    let docs = doc_attrs(&[
        format!(
            "A local mock of the {} for tests (the runtime's `mock` feature), on a free port of 127.0.0.1.",
            settings.name
        ),
        String::new(),
        "Program it per endpoint with the generated types, then call it with [`client`](Self::client):".to_owned(),
        "`mock.<endpoint>(<path parameters>).respond(&value).await` answers that call with `value`. Each".to_owned(),
        "endpoint method returns a [`When`](::apigen_runtime::mock::When), which can also match the body".to_owned(),
        "(`.body(&request)`) and query (`.query(&query)`), expect a number of calls (`.times(1)`), or".to_owned(),
        "answer with any status (`.respond_status(404, &json)`). Unmatched requests get a `404`.".to_owned(),
    ]);
    quote! {
        #docs
        #[derive(Debug)]
        pub struct MockServer {
            server: ::apigen_runtime::mock::Server,
        }

        impl MockServer {
            /// Starts the mock on a free port of 127.0.0.1.
            ///
            /// # Panics
            ///
            /// When no local port can be bound.
            pub async fn start() -> Self {
                Self { server: ::apigen_runtime::mock::Server::start(&#root::SETTINGS).await }
            }

            /// A client of the mock, with the default configuration and the key
            /// [`MOCK_API_KEY`](::apigen_runtime::mock::MOCK_API_KEY).
            pub fn client(&self) -> #root::Client {
                #root::Client { endpoints: #root::Endpoints { core: self.server.core() } }
            }

            /// The mock's base URL, for a client built by hand (`Client::with_config`).
            pub fn base_url(&self) -> &str {
                self.server.base_url()
            }

            /// The runtime's mock: the wiremock server underneath, received requests, `verify`.
            pub fn server(&self) -> &::apigen_runtime::mock::Server {
                &self.server
            }
        }
    }
}

/// The `MockServer` methods of a module's endpoints (one `impl` block), and how the mock
/// matches their query types.
pub fn endpoints(endpoints: &[Endpoint], root: &TokenStream) -> TokenStream {
    if endpoints.is_empty() {
        return TokenStream::new();
    }
    let methods = endpoints.iter().map(|endpoint| method(endpoint, root));
    let query_impls =
        endpoints.iter().filter_map(|endpoint| endpoint.query.as_ref()).filter(|query| query.is_parameter()).map(
            |query| {
                let ty = format_ident!("{}", query.type_name);
                quote! {
                    impl ::apigen_runtime::mock::MockQuery for #root::#ty {
                        fn pairs(&self) -> ::apigen_runtime::__codegen::Query {
                            self.to_query()
                        }
                    }
                }
            },
        );
    quote! {
        impl #root::MockServer {
            #(#methods)*
        }
        #(#query_impls)*
    }
}

/// One endpoint's method: a `When` typed with its response, body and query, for the path
/// with these parameters (passed in path order; the runtime fills the template).
fn method(endpoint: &Endpoint, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", endpoint.name.rust);
    let root_text = root.to_string().replace(' ', "");
    let docs = doc_attrs(&[format!(
        "Programs the answer to [`Client::{name}`]({root_text}::Endpoints::{name}): `{} {}`.",
        endpoint.method.as_str(),
        endpoint.path_template
    )]);
    let params = endpoint.path_params.iter().map(|param| {
        let ident = format_ident!("{}", param.name.rust);
        let ty = match param.ty {
            Type::String | Type::FormattedString(_) => quote!(&str),
            _ => rust_type(&param.ty, root),
        };
        quote!(#ident: #ty)
    });
    let values = endpoint.segments.iter().filter_map(|segment| match segment {
        PathSegment::Literal(_) => None,
        PathSegment::Param(index) => {
            let ident = format_ident!("{}", endpoint.path_params[*index].name.rust);
            Some(quote!(&#ident))
        }
    });
    let response = match &endpoint.response {
        Response::Value(ty) => rust_type(ty, root),
        Response::Page(item) => {
            let item = rust_type(item, root);
            quote!(::apigen_runtime::Page<#item>)
        }
        Response::Nothing => quote!(()),
    };
    let body = endpoint.request.as_ref().map(|request| {
        let ty = format_ident!("{}", request.type_name);
        quote!(#root::#ty)
    });
    let query = endpoint.query.as_ref().filter(|query| query.is_parameter()).map(|query| {
        let ty = format_ident!("{}", query.type_name);
        quote!(#root::#ty)
    });
    // `When<'_, R, B = NoBody, Q = NoQuery>`: name only what differs from the defaults.
    let type_args = match (body, query) {
        (None, None) => quote!(#response),
        (Some(body), None) => quote!(#response, #body),
        (body, Some(query)) => {
            let body = body.unwrap_or_else(|| quote!(::apigen_runtime::mock::NoBody));
            quote!(#response, #body, #query)
        }
    };
    let constructor = super::client::call_constructor(endpoint.method);
    let template = &endpoint.path_template;
    let constants =
        endpoint.query.iter().flat_map(|query| &query.constants).map(|(name, value)| quote!(.constant(#name, #value)));
    quote! {
        #docs
        pub fn #name(&self, #(#params),*) -> ::apigen_runtime::mock::When<'_, #type_args> {
            self.server.when(::apigen_runtime::__codegen::Call::#constructor(#template, &[#(#values),*]) #(#constants)*)
        }
    }
}
