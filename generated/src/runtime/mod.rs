//! Hand-written runtime called by the generated client: transport, retries, auth, errors,
//! field types.
//!
//! Generated code uses only the items re-exported here; it never builds requests itself, which
//! keeps each endpoint a few lines long. A call goes
//! [`Core::call`] → retries ([`Config`]) → [`Transport::send`] → size limit → status
//! → JSON decoding; only the transport is pluggable. Paginated lists are read a [`Page`] at a
//! time, or walked by a [`Paginator`].

mod attributes;
#[cfg(feature = "blocking")]
mod blocking;
mod config;
mod core;
mod datetime;
mod decimal;
pub mod enums;
mod error;
mod key;
#[cfg(feature = "mock")]
pub mod mock;
mod page;
mod patch;
mod query;
mod retry;
mod transport;
mod validate;
#[doc(hidden)]
pub mod wire;

pub use attributes::custom_attributes;
#[cfg(feature = "blocking")]
pub use blocking::{BlockingCore, BlockingPaginator};
pub use config::Config;
pub use core::{ApiSettings, Core, Segment};
pub use datetime::{Date, DateTime, UnixTime};
pub use decimal::{Decimal, ParseDecimalError};
pub use error::{DecodeError, Error, StatusError};
pub use key::ApiKey;
pub use page::{Page, Paginator};
pub use patch::Patch;
pub use query::{Lookup, Query};
pub use transport::{
    Body, BoxError, BoxFuture, HttpRequest, HttpResponse, Method, ReqwestTransport, Transport, TransportError,
    TransportErrorKind,
};
pub use validate::{check_custom_attributes, check_max_length, expand_base_url};
#[doc(hidden)]
pub use {
    crate::__patch_setters as patch_setters, crate::__wire_enum as wire_enum, crate::__wire_object as wire_object,
};

/// The crates whose types appear in the [`Transport`] API, re-exported so an implementation
/// uses the same versions.
pub mod reexports {
    #[doc(no_inline)]
    pub use {bytes, http, http_body, reqwest, url};
}
