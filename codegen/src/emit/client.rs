//! Tokens for the client: the `Client` type with its constructors (from the API settings), and
//! one short method per endpoint that hands a request description to the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, rust_type};
use crate::ir::{Api, Endpoint, HttpMethod, PathSegment, Response, Settings, Type};

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
    let constructors = constructors_for(settings, quote!(::usercom::runtime::Core));
    let blocking_constructors = constructors_for(settings, quote!(::usercom::runtime::BlockingCore));
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct Client {
            core: ::usercom::runtime::Core,
        }

        /// What every request shares, from the schema's `api` section.
        static SETTINGS: ::usercom::runtime::ApiSettings = ::usercom::runtime::ApiSettings {
            auth_header: #auth_header,
            auth_scheme: #auth_scheme,
            headers: &[#(#header_pairs),*],
            trailing_slash: #trailing_slash,
        };

        impl Client {
            #constructors
        }

        /// The same calls as [`Client`], from synchronous code (cargo feature `blocking`).
        ///
        /// Calls run on a background thread of the client's own; clones share it.
        #[cfg(feature = "blocking")]
        #[derive(Debug, Clone)]
        pub struct BlockingClient {
            core: ::usercom::runtime::BlockingCore,
        }

        #[cfg(feature = "blocking")]
        impl BlockingClient {
            #blocking_constructors
        }
    }
}

/// `new` (from the base URL template), `with_base_url` and `with_config`, building `core`.
fn constructors_for(settings: &Settings, core: TokenStream) -> TokenStream {
    let template = &settings.base_url_template;
    let params: Vec<_> = settings.base_url_params.iter().map(|name| format_ident!("{}", name.rust)).collect();
    let param_wires = settings.base_url_params.iter().map(|name| &name.wire);
    let key_docs = settings.auth_description.clone().unwrap_or_else(|| "The API key.".to_owned());
    let new_docs = doc_attrs(&[
        format!("A client for `{template}`, with the default [`Config`](::usercom::Config)."),
        String::new(),
        format!("`api_key`: {key_docs}"),
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        "[`usercom::Error::InvalidConfig`](::usercom::Error::InvalidConfig) when an argument cannot be part of a host name.".to_owned(),
    ]);
    quote! {
        #new_docs
        pub fn new(
            #(#params: &str,)*
            api_key: impl ::std::convert::Into<::usercom::ApiKey>,
        ) -> ::std::result::Result<Self, ::usercom::Error> {
            let base_url = ::usercom::runtime::expand_base_url(#template, &[#((#param_wires, #params)),*])?;
            Self::with_base_url(&base_url, api_key)
        }

        /// A client for any base URL, such as a local test server
        /// (`http://127.0.0.1:8080/api/public/`), with the default [`Config`](::usercom::Config).
        /// A missing trailing `/` is added.
        ///
        /// # Errors
        ///
        /// [`usercom::Error::InvalidConfig`](::usercom::Error::InvalidConfig) when the URL
        /// does not parse, is not `https` (or `http` to a loopback address), or has a query.
        pub fn with_base_url(
            base_url: &str,
            api_key: impl ::std::convert::Into<::usercom::ApiKey>,
        ) -> ::std::result::Result<Self, ::usercom::Error> {
            Self::with_config(base_url, api_key, ::usercom::Config::default())
        }

        /// A client for any base URL with explicit retries, timeouts, limits and transport.
        ///
        /// # Errors
        ///
        /// As [`with_base_url`](Self::with_base_url).
        pub fn with_config(
            base_url: &str,
            api_key: impl ::std::convert::Into<::usercom::ApiKey>,
            config: ::usercom::Config,
        ) -> ::std::result::Result<Self, ::usercom::Error> {
            ::std::result::Result::Ok(Self {
                core: #core::with_config(base_url, api_key.into(), &SETTINGS, config)?,
            })
        }
    }
}

/// One client method: validate the body, build the path, let the runtime send it.
pub fn endpoint(_api: &Api, endpoint: &Endpoint, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", endpoint.name.rust);
    let mut docs = endpoint.docs.clone();
    docs.extend([
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        "[`usercom::Error`](::usercom::Error): invalid input (before sending), an error status, a transport failure, or a response that does not decode.".to_owned(),
    ]);
    let docs = doc_attrs(&docs);

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
        PathSegment::Literal(text) => quote!(::usercom::runtime::Segment::Literal(#text)),
        PathSegment::Param(index) => {
            let param = &endpoint.path_params[*index];
            let ident = format_ident!("{}", param.name.rust);
            // String parameters are `&str` already; others were formatted into a `String`.
            let value = if param.ty == Type::String { quote!(#ident) } else { quote!(&#ident) };
            quote!(::usercom::runtime::Segment::Param(#value))
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
            (quote!(), quote!(let mut query = ::usercom::runtime::Query::new(); #(#pushes)*))
        }
        None => (quote!(), quote!(let query = ::usercom::runtime::Query::new();)),
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
        ::usercom::runtime::Method::#method, #template, &[#(#segments),*], &query, #body_arg, #retry_safe
    };
    let (response, call, blocking_call) = match &endpoint.response {
        Response::Value(ty) => {
            (rust_type(ty, root), quote!(self.core.call(#args).await), quote!(self.core.call(#args)))
        }
        Response::Page(item) => {
            let item = rust_type(item, root);
            (
                quote!(::usercom::runtime::Page<#item>),
                quote!(self.core.call(#args).await),
                quote!(self.core.call(#args)),
            )
        }
        Response::Nothing => {
            (quote!(()), quote!(self.core.call_no_content(#args).await), quote!(self.core.call_no_content(#args)))
        }
    };
    let signature = quote! {
        (&self, #(#params)* #query_param #body_param) -> ::std::result::Result<#response, ::usercom::Error>
    };
    let prelude = quote! {
        #validate
        #(#param_strings)*
        #query_build
    };
    let all = match &endpoint.response {
        Response::Page(item) => {
            let item = rust_type(item, root);
            let all_name = format_ident!("{}_all", endpoint.name.rust);
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
                pub fn #all_name(&self, #(#params)* #query_param) -> ::usercom::runtime::Paginator<#item> {
                    #(#param_strings)*
                    #query_build
                    ::usercom::runtime::Paginator::new(self.core.clone(), #template, #segment_args, &query)
                }
            };
            let blocking_all = quote! {
                #all_docs
                pub fn #all_name(&self, #(#params)* #query_param) -> ::usercom::runtime::BlockingPaginator<#item> {
                    #(#param_strings)*
                    #query_build
                    ::usercom::runtime::BlockingPaginator::new(self.core.clone(), #template, #segment_args, &query)
                }
            };
            Some((async_all, blocking_all))
        }
        _ => None,
    };
    let (async_all, blocking_all) = all.unzip();
    // The blocking twin points to the async method's docs instead of repeating them.
    let root_text = root.to_string().replace(' ', "");
    let blocking_docs = doc_attrs(&[format!(
        "[`Client::{method}`]({root_text}::Client::{method}), blocking the calling thread.",
        method = endpoint.name.rust
    )]);
    quote! {
        impl #root::Client {
            #docs
            pub async fn #name #signature {
                #prelude
                #call
            }
            #async_all
        }

        #[cfg(feature = "blocking")]
        impl #root::BlockingClient {
            #blocking_docs
            pub fn #name #signature {
                #prelude
                #blocking_call
            }
            #blocking_all
        }
    }
}
