//! Hand-written runtime called by the generated client: transport, auth, errors, field types.
//!
//! Generated code uses only the items re-exported here; it never builds requests itself, which
//! keeps each endpoint a few lines long.

mod datetime;
mod error;
mod key;
mod patch;
mod transport;
mod validate;

pub use datetime::{Date, DateTime};
pub use error::{DecodeError, Error, StatusError};
pub use key::ApiKey;
pub use patch::Patch;
pub use transport::{ApiSettings, Core, Method, Segment};
pub use validate::{check_custom_attributes, check_max_length, expand_base_url};
