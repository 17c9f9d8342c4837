//! Tokens for the client: the `Client` type with its constructors (from the API settings), and
//! one short method per endpoint that hands a request description to the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, rust_type};
use crate::ir::{Api, Endpoint, ErrorBody, ErrorType, HttpMethod, PathSegment, Response, Settings, StatusMatch, Type};
use crate::schema::DateTimeFormat;

/// `Client`, its settings and its constructors.
pub fn client(settings: &Settings) -> TokenStream {
    let mut docs = vec![format!("Client for the {}.", settings.name)];
    for line in &settings.description {
        if docs.len() == 1 {
            docs.push(String::new());
        }
        docs.push(line.clone());
    }
    docs.push(String::new());
    docs.push("Cheap to clone: clones share one connection pool. `Debug` output never shows the API key.".to_owned());
    if let Some(url) = &settings.docs {
        docs.push(String::new());
        docs.push(format!("Docs: <{url}>"));
    }
    docs.push(String::new());
    docs.push(format!("Schema: `{}`", settings.source));
    let docs = doc_attrs(&docs);

    let auth_header = &settings.auth_header;
    let auth_scheme = &settings.auth_scheme;
    let trailing_slash = settings.trailing_slash;
    let header_pairs = settings.headers.iter().map(|(name, value)| quote!((#name, #value)));
    let client_headers = settings.client_headers.iter().map(|header| {
        let name = &header.header;
        let secret = header.secret;
        quote!(::apigen_runtime::ClientHeader { name: #name, secret: #secret })
    });
    // The generated crate's own name and version, unless the schema sets the agent.
    let user_agent = match &settings.user_agent {
        Some(agent) => quote!(#agent),
        None => quote!(::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION"))),
    };
    let date_time = match settings.datetime_format {
        DateTimeFormat::Rfc3339 => quote!(
            #[allow(unused_imports)]
            pub use ::apigen_runtime::DateTime;
        ),
        DateTimeFormat::Rfc3339Micros => {
            quote!(
                #[allow(unused_imports)]
                pub use ::apigen_runtime::DateTimeMicros as DateTime;
            )
        }
    };
    let constructors =
        constructors_for(settings, quote!(SETTINGS), quote!(|core| ::std::result::Result::Ok(Self { core })));
    let errors = error_table(&settings.errors, &quote!(self));
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct Client {
            core: ::apigen_runtime::Core,
        }

        /// The date-time type of every `datetime` field, writing the API's format.
        #date_time

        /// What every request shares, from the schema's `api` section.
        static SETTINGS: ::apigen_runtime::ApiSettings = ::apigen_runtime::ApiSettings {
            name: ::std::env!("CARGO_PKG_NAME"),
            user_agent: #user_agent,
            auth_header: #auth_header,
            auth_scheme: #auth_scheme,
            headers: &[#(#header_pairs),*],
            client_headers: &[#(#client_headers),*],
            trailing_slash: #trailing_slash,
            errors: #errors,
        };

        impl Client {
            #constructors
        }
    }
}

/// `BlockingClient` and its constructors, for the file of blocking items (`root` is the
/// generated root as seen from that file).
pub fn blocking_client(settings: &Settings, root: &TokenStream) -> TokenStream {
    let constructors = constructors_for(
        settings,
        quote!(#root::SETTINGS),
        quote!(|core| ::std::result::Result::Ok(Self { core: ::apigen_runtime::BlockingCore::from_core(core)? })),
    );
    let root_text = root.to_string().replace(' ', "");
    let docs = doc_attrs(&[
        format!(
            "The same calls as [`Client`]({root_text}::Client), from synchronous code (the runtime's `blocking` feature)."
        ),
        String::new(),
        "Calls run on a background thread of the client's own; clones share it.".to_owned(),
    ]);
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct BlockingClient {
            core: ::apigen_runtime::BlockingCore,
        }

        impl BlockingClient {
            #constructors
        }
    }
}

/// `new` (from the base URL template), `builder`, `with_base_url` and `with_config`; `make`
/// turns a runtime `Core` into `Self`.
fn constructors_for(settings: &Settings, settings_static: TokenStream, make: TokenStream) -> TokenStream {
    let template = &settings.base_url_template;
    let url_params: Vec<_> = settings.base_url_params.iter().map(|name| format_ident!("{}", name.rust)).collect();
    let param_wires = settings.base_url_params.iter().map(|name| &name.wire);
    let header_params: Vec<_> =
        settings.client_headers.iter().map(|header| format_ident!("{}", header.param.rust)).collect();
    let key_docs = settings.auth_description.clone().unwrap_or_else(|| "The API key.".to_owned());
    let mut argument_docs = vec![format!("`api_key`: {key_docs}")];
    for header in &settings.client_headers {
        let what = header.description.clone().unwrap_or_else(|| "Its value.".to_owned());
        argument_docs.push(String::new());
        argument_docs.push(format!(
            "`{}`: sent as the header `{}` with every request. {what}",
            header.param.rust, header.header
        ));
    }
    let mut new_docs = vec![
        format!("A client for `{template}`, with the default [`Config`](::apigen_runtime::Config)."),
        String::new(),
    ];
    new_docs.extend(argument_docs.iter().cloned());
    new_docs.extend([
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        match (settings.base_url_params.is_empty(), settings.client_headers.is_empty()) {
            (true, true) => "[`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when the key cannot be sent in a header.",
            (false, true) => "[`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when an argument cannot be part of the base URL, or the key cannot be sent in a header.",
            (true, false) => "[`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when the key or a header argument cannot be sent in a header.",
            (false, false) => "[`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when an argument cannot be part of the base URL, or the key or a header argument cannot be sent in a header.",
        }
        .to_owned(),
    ]);
    let new_docs = doc_attrs(&new_docs);
    let mut builder_docs = vec![
        format!(
            "A builder for a client of `{template}`: set a [`Config`](::apigen_runtime::Config) with `.config(..)`"
        ),
        "or another base URL with `.base_url(..)`, then `.build()`.".to_owned(),
        String::new(),
    ];
    builder_docs.extend(argument_docs);
    let builder_docs = doc_attrs(&builder_docs);
    let url_args = quote!(#(#url_params: &str,)*);
    let header_args = quote!(#(#header_params: &str,)*);
    quote! {
        #new_docs
        pub fn new(
            #url_args
            api_key: impl ::std::convert::Into<::apigen_runtime::ApiKey>,
            #header_args
        ) -> ::std::result::Result<Self, ::apigen_runtime::Error> {
            Self::builder(#(#url_params,)* api_key, #(#header_params),*).build()
        }

        #builder_docs
        pub fn builder(
            #url_args
            api_key: impl ::std::convert::Into<::apigen_runtime::ApiKey>,
            #header_args
        ) -> ::apigen_runtime::ClientBuilder<Self> {
            let base_url = ::apigen_runtime::expand_base_url(#template, &[#((#param_wires, #url_params)),*]);
            ::apigen_runtime::ClientBuilder::new(base_url, api_key.into(), &[#(#header_params),*], &#settings_static, #make)
        }

        /// A client for any base URL, such as a local test server
        /// (`http://127.0.0.1:8080/api/`), with the default [`Config`](::apigen_runtime::Config).
        /// A missing trailing `/` is added.
        ///
        /// # Errors
        ///
        /// [`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when the URL
        /// does not parse, is not `https` (or `http` to a loopback address), or has a query.
        pub fn with_base_url(
            base_url: &str,
            api_key: impl ::std::convert::Into<::apigen_runtime::ApiKey>,
            #header_args
        ) -> ::std::result::Result<Self, ::apigen_runtime::Error> {
            Self::with_config(base_url, api_key, #(#header_params,)* ::apigen_runtime::Config::default())
        }

        /// A client for any base URL with explicit retries, timeouts, limits and transport.
        ///
        /// # Errors
        ///
        /// As [`with_base_url`](Self::with_base_url).
        pub fn with_config(
            base_url: &str,
            api_key: impl ::std::convert::Into<::apigen_runtime::ApiKey>,
            #header_args
            config: ::apigen_runtime::Config,
        ) -> ::std::result::Result<Self, ::apigen_runtime::Error> {
            let base_url = ::std::result::Result::Ok(::std::borrow::ToOwned::to_owned(base_url));
            ::apigen_runtime::ClientBuilder::new(base_url, api_key.into(), &[#(#header_params),*], &#settings_static, #make)
                .config(config)
                .build()
        }
    }
}

/// A table of declared error bodies for the runtime (`&[]` when empty); `root` names the
/// generated root, where every model is re-exported.
fn error_table(rows: &[ErrorBody], root: &TokenStream) -> TokenStream {
    let rows = rows.iter().map(|row| {
        let status = match row.status {
            StatusMatch::Exact(status) => quote!(Exact(#status)),
            StatusMatch::Class(class) => quote!(Class(#class)),
            StatusMatch::Default => quote!(Default),
        };
        let ty = match &row.body {
            ErrorType::Model(name) => {
                let ident = format_ident!("{}", name);
                quote!(#root::#ident)
            }
            ErrorType::Problem => quote!(::apigen_runtime::ProblemDetails),
        };
        quote!(::apigen_runtime::ErrorBody {
            status: ::apigen_runtime::StatusMatch::#status,
            decode: ::apigen_runtime::decode_as::<#ty>,
        })
    });
    quote!(&[#(#rows),*])
}

/// The `# Errors` lines of a method's docs: what can fail, and the declared error bodies
/// (the endpoint's, then the API's for other statuses), most specific first.
fn error_docs(api: &Api, endpoint: &Endpoint, root_text: &str) -> Vec<String> {
    let mut docs = vec![
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        "[`Error`](::apigen_runtime::Error): invalid input (before sending), an error status, a transport failure, or a response that does not decode.".to_owned(),
    ];
    let rows = endpoint.effective_errors(&api.settings.errors);
    if rows.is_empty() {
        return docs;
    }
    docs.push(String::new());
    docs.push(
        "Declared error bodies, by status; [`Error::typed_body`](::apigen_runtime::Error::typed_body) returns them:"
            .to_owned(),
    );
    docs.push(String::new());
    for row in rows {
        let ty = match &row.body {
            ErrorType::Model(name) => format!("[`{name}`]({root_text}::{name})"),
            ErrorType::Problem => {
                "[`ProblemDetails`](::apigen_runtime::ProblemDetails) (RFC 9457 problem details)".to_owned()
            }
        };
        let status = match row.status {
            StatusMatch::Default => "any other error status".to_owned(),
            status => format!("`{}`", status.label()),
        };
        docs.push(format!("- {status}: {ty}"));
    }
    docs
}

/// Which client a method is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// The `Client` impl of the endpoint, for its module's file.
    Async,
    /// The methods of the `BlockingClient` twin, for the file of blocking items.
    Blocking,
}

/// One client method: validate the body, build the path, let the runtime send it. Generated
/// types are named from `root`, the generated root as seen from the file the tokens go to.
pub fn endpoint(api: &Api, endpoint: &Endpoint, root: &TokenStream, flavor: Flavor) -> TokenStream {
    let name = format_ident!("{}", endpoint.name.rust);
    let root_text = root.to_string().replace(' ', "");
    let errors = error_table(&endpoint.errors, root);

    let params = endpoint.path_params.iter().map(|param| {
        let ident = format_ident!("{}", param.name.rust);
        let ty = match param.ty {
            Type::String => quote!(&str),
            _ => rust_type(&param.ty, root),
        };
        quote!(#ident: #ty,)
    });
    // Integer parameters are formatted once; string parameters are used as they are.
    let param_strings = endpoint.path_params.iter().filter(|param| param.ty != Type::String).map(|param| {
        let ident = format_ident!("{}", param.name.rust);
        quote!(let #ident = ::std::string::ToString::to_string(&#ident);)
    });
    let segments = endpoint.segments.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(::apigen_runtime::Segment::Literal(#text)),
        PathSegment::Param(index) => {
            let param = &endpoint.path_params[*index];
            let ident = format_ident!("{}", param.name.rust);
            // String parameters are `&str` already; others were formatted into a `String`.
            let value = if param.ty == Type::String { quote!(#ident) } else { quote!(&#ident) };
            quote!(::apigen_runtime::Segment::Param(#value))
        }
    });
    let (body_param, validate, body_arg) = match &endpoint.request {
        Some(request) => {
            let ty = format_ident!("{}", request.type_name);
            (quote!(body: &#root::#ty,), quote!(body.validate()?;), quote!(::std::option::Option::Some(body)))
        }
        None => (quote!(), quote!(), quote!(::std::option::Option::None::<&()>)),
    };
    // Callers pass a query value when there are parameters; constants are added either way.
    let (query_param, query_build) = match &endpoint.query {
        Some(query) if query.is_parameter() => {
            let ty = format_ident!("{}", query.type_name);
            (quote!(query: &#root::#ty,), quote!(let query = query.to_query();))
        }
        Some(query) => {
            let pushes = query.constants.iter().map(|(name, value)| quote!(query.push(#name, #value);));
            (quote!(), quote!(let mut query = ::apigen_runtime::Query::new(); #(#pushes)*))
        }
        None => (quote!(), quote!(let query = ::apigen_runtime::Query::new();)),
    };
    let method = match endpoint.method {
        HttpMethod::Get => quote!(Get),
        HttpMethod::Post => quote!(Post),
        HttpMethod::Put => quote!(Put),
        HttpMethod::Patch => quote!(Patch),
        HttpMethod::Delete => quote!(Delete),
    };
    let template = &endpoint.path_template;
    let retry_safe = endpoint.retry_safe;
    let params: Vec<TokenStream> = params.collect();
    let param_strings: Vec<TokenStream> = param_strings.collect();
    let segments: Vec<TokenStream> = segments.collect();
    let args = quote! {
        ::apigen_runtime::Method::#method, #template, &[#(#segments),*], &query, #body_arg, #retry_safe, #errors
    };
    let (response, call, blocking_call) = match &endpoint.response {
        Response::Value(ty) => {
            (rust_type(ty, root), quote!(self.core.call(#args).await), quote!(self.core.call(#args)))
        }
        Response::Page(item) => {
            let item = rust_type(item, root);
            (quote!(::apigen_runtime::Page<#item>), quote!(self.core.call(#args).await), quote!(self.core.call(#args)))
        }
        Response::Nothing => {
            (quote!(()), quote!(self.core.call_no_content(#args).await), quote!(self.core.call_no_content(#args)))
        }
    };
    let signature = quote! {
        (&self, #(#params)* #query_param #body_param) -> ::std::result::Result<#response, ::apigen_runtime::Error>
    };
    let prelude = quote! {
        #validate
        #(#param_strings)*
        #query_build
    };
    let all = match &endpoint.response {
        Response::Page(item) => {
            let item = rust_type(item, root);
            let all_name = format_ident!("{}", crate::names::all_pages_method(&endpoint.name.rust));
            let all_docs = doc_attrs(&[
                format!(
                    "Every item of [`{name}`](Self::{name}), page after page: follows each absolute `next`",
                    name = endpoint.name.rust
                ),
                "URL (only to the configured host) until it is `null`. Nothing is sent until the first".to_owned(),
                "item is asked for.".to_owned(),
            ]);
            let segment_args = quote!(&[#(#segments),*]);
            let async_all = quote! {
                #all_docs
                pub fn #all_name(&self, #(#params)* #query_param) -> ::apigen_runtime::Paginator<#item> {
                    #(#param_strings)*
                    #query_build
                    ::apigen_runtime::Paginator::new(self.core.clone(), #template, #segment_args, &query, #errors)
                }
            };
            let blocking_all = quote! {
                #all_docs
                pub fn #all_name(&self, #(#params)* #query_param) -> ::apigen_runtime::BlockingPaginator<#item> {
                    #(#param_strings)*
                    #query_build
                    ::apigen_runtime::BlockingPaginator::new(self.core.clone(), #template, #segment_args, &query, #errors)
                }
            };
            Some((async_all, blocking_all))
        }
        _ => None,
    };
    let (async_all, blocking_all) = all.unzip();
    // The blocking twin points to the async method's docs instead of repeating them.
    let blocking_docs = doc_attrs(&[format!(
        "[`Client::{method}`]({root_text}::Client::{method}), blocking the calling thread.",
        method = endpoint.name.rust
    )]);
    match flavor {
        Flavor::Async => {
            // The full docs are the async method's; the twin points to them.
            let mut docs = endpoint.docs.clone();
            docs.extend(error_docs(api, endpoint, &root_text));
            let docs = doc_attrs(&docs);
            quote! {
                impl #root::Client {
                    #docs
                    pub async fn #name #signature {
                        #prelude
                        #call
                    }
                    #async_all
                }
            }
        }
        Flavor::Blocking => quote! {
            #blocking_docs
            pub fn #name #signature {
                #prelude
                #blocking_call
            }
            #blocking_all
        },
    }
}
