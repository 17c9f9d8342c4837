//! Typed async client for the [User.com public REST API](https://apidocs.user.com/).
//!
//! The request and response types and one `Client` method per endpoint are generated from
//! the YAML files in `schema/` by `cargo xtask gen`; the small runtime they call (transport,
//! authentication, errors, three-state fields, date formats) is hand-written in [`runtime`].
//!
//! ```no_run
//! # async fn run() -> Result<(), usercom::Error> {
//! use usercom::UpdateUserRequest;
//!
//! // Talks to https://acme.user.com/api/public/ with your 64-character API key.
//! let client = usercom::Client::new("acme", "key")?;
//!
//! let req = UpdateUserRequest::new()
//!     .email("john@example.org")
//!     .tags(["updated", "verified"])
//!     .custom_attribute("favourite_colour", "green");
//! let user = client.update_user(19678376, &req).await?;
//! println!("{user:?}");
//! # Ok(())
//! # }
//! ```
//!
//! Fields of update requests are [`Patch`]es: left unset they are not sent, so a call only
//! changes what it names. Every failure is an [`Error`]; none of them shows the API key.
#![warn(missing_docs)]

// Generated code names the runtime `::usercom::runtime::...`, also from inside this crate.
extern crate self as usercom;

pub mod runtime;

pub use runtime::{ApiKey, Date, DateTime, DecodeError, Error, Method, Patch, StatusError};
pub use time;

// `gen` is a reserved keyword in edition 2024, hence the raw identifier.
#[rustfmt::skip]
mod r#gen;
pub use r#gen::*;
