//! Tokens for the client: the `Client` type with its constructors (from the API settings), and
//! one short method per endpoint that hands a request description to the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{self, doc_attrs};
use super::types::rust_type;
use crate::ir::{
    Api, DateTimeFormat, Endpoint, ErrorBody, ErrorType, HttpMethod, PathSegment, Response, Settings, StatusMatch, Type,
};

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
        quote!(::apigen_runtime::__codegen::ClientHeader { name: #name, secret: #secret })
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
    let constructors = constructors_for(
        settings,
        quote!(SETTINGS),
        quote!(|core| ::std::result::Result::Ok(Self { endpoints: Endpoints { core } })),
    );
    let errors = error_table(&settings.errors, &quote!(self));
    quote! {
        #docs
        #[derive(Clone)]
        pub struct Client {
            endpoints: Endpoints<::apigen_runtime::__codegen::Core>,
        }

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client").field("core", &self.endpoints.core).finish()
            }
        }

        /// The endpoint methods, one definition for both clients: [`Client`] dereferences to
        /// `Endpoints<Core>`, whose methods return a future to `.await`
        /// ([`CallFuture`](::apigen_runtime::CallFuture)), and `BlockingClient` (the runtime's
        /// `blocking` feature) to `Endpoints<BlockingCore>`, whose methods return the result.
        /// Either way the result is `Result<T, Error>` with the `T` a method's signature names.
        #[derive(Debug, Clone)]
        pub struct Endpoints<C> {
            core: C,
        }

        impl ::std::ops::Deref for Client {
            type Target = Endpoints<::apigen_runtime::__codegen::Core>;

            fn deref(&self) -> &Self::Target {
                &self.endpoints
            }
        }

        /// The date-time type of every `datetime` field, writing the API's format.
        #date_time

        /// What every request shares, from the schema's `api` section.
        static SETTINGS: ::apigen_runtime::__codegen::ApiSettings = ::apigen_runtime::__codegen::ApiSettings {
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
        quote!(|core| ::std::result::Result::Ok(Self {
            endpoints: #root::Endpoints { core: ::apigen_runtime::__codegen::BlockingCore::from_core(core)? }
        })),
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
        #[derive(Clone)]
        pub struct BlockingClient {
            endpoints: #root::Endpoints<::apigen_runtime::__codegen::BlockingCore>,
        }

        impl ::std::fmt::Debug for BlockingClient {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("BlockingClient").field("core", &self.endpoints.core).finish()
            }
        }

        impl ::std::ops::Deref for BlockingClient {
            type Target = #root::Endpoints<::apigen_runtime::__codegen::BlockingCore>;

            fn deref(&self) -> &Self::Target {
                &self.endpoints
            }
        }

        impl BlockingClient {
            #constructors
        }
    }
}

/// The `# Errors` line of `new` and `builder`: what of their arguments can be refused (base URL
/// placeholders, the key, client header values).
fn constructor_errors(settings: &Settings, no_auth: bool) -> String {
    let mut sent: Vec<&str> = Vec::new();
    if !no_auth {
        sent.push("the key");
    }
    if !settings.client_headers.is_empty() {
        sent.push("a header argument");
    }
    let mut clauses = Vec::new();
    if !settings.base_url_params.is_empty() {
        clauses.push("an argument cannot be part of the base URL".to_owned());
    }
    if !sent.is_empty() {
        clauses.push(format!("{} cannot be sent in a header", sent.join(" or ")));
    }
    let when = if clauses.is_empty() { "the base URL is refused".to_owned() } else { clauses.join(", or ") };
    format!("[`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when {when}.")
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
    let sent_as = match settings.auth_scheme.as_str() {
        "" => format!("sent as the whole value of the header `{}`", settings.auth_header),
        scheme => format!("sent as `{}: {scheme} <key>`", settings.auth_header),
    };
    // An API without auth (`auth` left out) takes no key: the constructors lose the argument.
    let no_auth = settings.auth_header.is_empty();
    let mut argument_docs = if no_auth {
        vec!["The API takes no authentication: no key is sent.".to_owned()]
    } else {
        vec![format!("`api_key`: {key_docs} It is {sent_as}, and never shown in `Debug` output.")]
    };
    let key_param = (!no_auth).then(|| quote!(api_key: impl ::std::convert::Into<::apigen_runtime::ApiKey>,));
    let key_arg = (!no_auth).then(|| quote!(api_key,));
    let key_value = if no_auth { quote!(::apigen_runtime::ApiKey::from("")) } else { quote!(api_key.into()) };
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
    new_docs.extend([String::new(), "# Errors".to_owned(), String::new(), constructor_errors(settings, no_auth)]);
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
            #key_param
            #header_args
        ) -> ::std::result::Result<Self, ::apigen_runtime::Error> {
            Self::builder(#(#url_params,)* #key_arg #(#header_params),*).build()
        }

        #builder_docs
        pub fn builder(
            #url_args
            #key_param
            #header_args
        ) -> ::apigen_runtime::ClientBuilder<Self> {
            let base_url = ::apigen_runtime::__codegen::expand_base_url(#template, &[#((#param_wires, #url_params)),*]);
            ::apigen_runtime::ClientBuilder::new(base_url, #key_value, &[#(#header_params),*], &#settings_static, #make)
        }

        /// A client for any base URL, such as a local test server
        /// (`http://127.0.0.1:8080/api/`), with the default [`Config`](::apigen_runtime::Config).
        /// A missing trailing `/` is added.
        ///
        /// # Errors
        ///
        /// [`Error::InvalidConfig`](::apigen_runtime::Error::InvalidConfig) when the URL
        /// does not start with `https://` (or `http://` to a loopback address), has credentials,
        /// a query, a fragment or `.`/`..` segments, or its host is not a DNS name, four decimal
        /// numbers or an IPv6 address in brackets (percent-encoding, `_` and non-ASCII hosts are
        /// refused).
        pub fn with_base_url(
            base_url: &str,
            #key_param
            #header_args
        ) -> ::std::result::Result<Self, ::apigen_runtime::Error> {
            Self::with_config(base_url, #key_arg #(#header_params,)* ::apigen_runtime::Config::default())
        }

        /// A client for any base URL with explicit retries, timeouts, limits and transport.
        ///
        /// # Errors
        ///
        /// As [`with_base_url`](Self::with_base_url).
        pub fn with_config(
            base_url: &str,
            #key_param
            #header_args
            config: ::apigen_runtime::Config,
        ) -> ::std::result::Result<Self, ::apigen_runtime::Error> {
            let base_url = ::std::result::Result::Ok(::std::borrow::ToOwned::to_owned(base_url));
            ::apigen_runtime::ClientBuilder::new(base_url, #key_value, &[#(#header_params),*], &#settings_static, #make)
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
        quote!(::apigen_runtime::__codegen::ErrorBody {
            status: ::apigen_runtime::__codegen::StatusMatch::#status,
            decode: ::apigen_runtime::__codegen::decode_as::<#ty>,
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

/// One endpoint method, generic over the client's `apigen_runtime::__codegen::Flavor`: it
/// describes the call (validated body, path parameters, query) and its core sends it, so the
/// same definition serves `Client` and `BlockingClient`. Generated types are named from
/// `root`, the generated root as seen from the file the tokens go to.
pub fn endpoint(api: &Api, endpoint: &Endpoint, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", endpoint.name.rust);
    let root_text = root.to_string().replace(' ', "");

    let params = endpoint.path_params.iter().map(|param| {
        let ident = format_ident!("{}", param.name.rust);
        let ty = match param.ty {
            Type::String | Type::FormattedString(_) => quote!(&str),
            _ => rust_type(&param.ty, root),
        };
        quote!(#ident: #ty,)
    });
    let params: Vec<TokenStream> = params.collect();
    // The values in path order; the runtime fills the template's placeholders with them.
    let values: Vec<TokenStream> = endpoint
        .segments
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Literal(_) => None,
            PathSegment::Param(index) => {
                let ident = format_ident!("{}", endpoint.path_params[*index].name.rust);
                Some(quote!(&#ident))
            }
        })
        .collect();
    let constructor = call_constructor(endpoint.method);
    let template = &endpoint.path_template;
    let mut call = quote!(self.core.#constructor(#template, &[#(#values),*]));
    // Callers pass a query value when there are parameters; constants are added either way.
    let query_param = match &endpoint.query {
        Some(query) if query.is_parameter() => {
            let ty = format_ident!("{}", query.type_name);
            call = quote!(#call.query(query.to_query()));
            quote!(query: &#root::#ty,)
        }
        Some(query) => {
            for (name, value) in &query.constants {
                call = quote!(#call.constant(#name, #value));
            }
            quote!()
        }
        None => quote!(),
    };
    let mut extras = TokenStream::new();
    if endpoint.retry_safe {
        extras = quote!(#extras.retry_safe());
    }
    if !endpoint.errors.is_empty() {
        let errors = error_table(&endpoint.errors, root);
        extras = quote!(#extras.errors(#errors));
    }
    // The paginated walk sends the same call without a body; the method adds the body.
    let pages_call = quote!(#call #extras);
    let body_param = match &endpoint.request {
        Some(request) => {
            let ty = format_ident!("{}", request.type_name);
            call = quote!(#call.body(body));
            quote!(body: &#root::#ty,)
        }
        None => quote!(),
    };
    let call = quote!(#call #extras);
    let (response, send) = match &endpoint.response {
        Response::Value(ty) => (rust_type(ty, root), quote!(send)),
        Response::Page(item) => {
            let item = rust_type(item, root);
            (quote!(::apigen_runtime::Page<#item>), quote!(send))
        }
        Response::Nothing => (quote!(()), quote!(send_empty)),
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
            quote! {
                #all_docs
                pub fn #all_name(&self, #(#params)* #query_param) -> C::Pages<#item> {
                    #pages_call.pages()
                }
            }
        }
        _ => TokenStream::new(),
    };
    let mut docs = docs::endpoint(endpoint);
    docs.extend(error_docs(api, endpoint, &root_text));
    let docs = doc_attrs(&docs);
    quote! {
        #docs
        pub fn #name(&self, #(#params)* #query_param #body_param) -> C::Reply<#response> {
            #call.#send()
        }
        #all
    }
}

/// The runtime's constructor of a call with `method` (`Call::put`, `Flavor::put`, ...).
pub fn call_constructor(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(get),
        HttpMethod::Post => quote!(post),
        HttpMethod::Put => quote!(put),
        HttpMethod::Patch => quote!(patch),
        HttpMethod::Delete => quote!(delete),
    }
}
