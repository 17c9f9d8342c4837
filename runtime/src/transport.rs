//! For transport authors: the `Transport` trait and its plain request and response values;
//! reqwest is the default. The crates whose types appear in this API are re-exported here, so
//! an implementation uses the same versions.
//!
//! A transport only moves bytes: it sends one [`HttpRequest`] and hands back the status,
//! headers and a body to read. Retries, timeouts, the response size limit, status handling and
//! JSON decoding live above it, in the client core, so they hold for every transport.

pub use crate::reqwest_transport::ReqwestTransport;
pub use crate::transport_types::{
    Body, BoxError, BoxFuture, HttpRequest, HttpResponse, Method, Transport, TransportError, TransportErrorKind,
};
/// With feature `rustls`: the TLS library of [`ReqwestTransport::rustls_config`].
#[cfg(feature = "rustls")]
#[doc(no_inline)]
pub use rustls;
#[doc(no_inline)]
pub use {bytes, http, http_body, reqwest, url};
