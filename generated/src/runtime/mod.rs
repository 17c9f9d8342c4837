//! Hand-written runtime called by the generated client: transport, retries, auth, errors,
//! field types.
//!
//! Generated code uses only the items re-exported here; it never builds requests itself, which
//! keeps each endpoint a few lines long. A call goes
//! [`Core::execute`] → retries ([`Config`]) → [`Transport::send`] → size limit → status
//! → JSON decoding; only the transport is pluggable.

#[cfg(feature = "blocking")]
mod blocking;
mod config;
mod core;
mod datetime;
mod error;
mod key;
mod patch;
mod retry;
mod transport;
mod validate;

#[cfg(feature = "blocking")]
pub use blocking::BlockingCore;
pub use config::Config;
pub use core::{ApiSettings, Core, Segment};
pub use datetime::{Date, DateTime};
pub use error::{DecodeError, Error, StatusError};
pub use key::ApiKey;
pub use patch::Patch;
pub use transport::{
    Body, BoxError, BoxFuture, HttpRequest, HttpResponse, Method, ReqwestTransport, Transport, TransportError,
    TransportErrorKind,
};
pub use validate::{check_custom_attributes, check_max_length, expand_base_url};

/// The crates whose types appear in the [`Transport`] API, re-exported so an implementation
/// uses the same versions.
pub mod reexports {
    #[doc(no_inline)]
    pub use {bytes, http, http_body, reqwest, url};
}
