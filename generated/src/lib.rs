//! Typed async client for the [User.com public REST API](https://apidocs.user.com/).
//!
//! The request and response types and one `Client` method per endpoint are generated from
//! the YAML files in `schema/` by `cargo xtask gen`; the small runtime they call (transport,
//! authentication, errors, three-state fields, date formats) is the vendor-neutral crate
//! `apigen-runtime`, re-exported here as [`runtime`].
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
//!
//! # Configuration
//!
//! `Client::with_config(base_url, api_key, config)` takes a [`Config`]; `Client::new` and
//! `Client::with_base_url` use its defaults:
//!
//! | setting | default |
//! | --- | --- |
//! | `max_attempts` (tries per call, the first included) | 3 |
//! | `max_retry_time` (no retry starts later than this after the first try) | 30 s |
//! | `initial_backoff` / `max_backoff` (exponential, with jitter) | 500 ms / 8 s |
//! | `retry_after_cap` (longest `Retry-After` waited for; longer ends the call) | 20 s |
//! | `connect_timeout` / `request_timeout` (per try, up to the last body byte) | 10 s / 30 s |
//! | `max_response_bytes` | 8 MiB |
//! | `allow_insecure_http` (plain `http` beyond loopback) | `false` |
//! | `max_pages` (pages one `*_all` walk reads; a list going on past it is `Error::PageLimit`) | 10,000 |
//! | `transport` | [`runtime::transport::ReqwestTransport`] |
//!
//! Retried: `429`, `502`, `503`, `504` and connection failures, for `GET`, `PUT`, `DELETE`
//! and endpoints marked safe to retry; `Retry-After` (seconds or HTTP date) is honoured.
//! Never retried: other `POST`/`PATCH` calls, timeouts, other statuses.
//!
//! # Security
//!
//! The base URL must be `https` (plain `http` only to `127.0.0.0/8`, `::1`, `localhost`, or
//! with `allow_insecure_http`). Redirects are not followed, so the key never goes to another
//! host; a 3xx answer is an [`Error::Status`]. The [`ApiKey`] prints as a placeholder and
//! appears in no error, `Debug` output or trace.
//!
//! # Observability
//!
//! Each call is a `tracing` span `api.call` (fields `api` = `usercom`, `method`, `path` — the
//! template, e.g. `/users/:id/` — `attempts`, `status`, `duration_ms`), each try an
//! `api.request` span inside it (`api`, `attempt`, `status`, `duration_ms`), and each retry an
//! event `retrying` (`attempt`, `wait_ms`, `reason`). No key, no body. Requests carry
//! `User-Agent: usercom/<version>`.
//!
//! # Blocking calls
//!
//! With the cargo feature `blocking`, `BlockingClient` makes the same calls from synchronous
//! code, on a background thread of its own.
#![warn(missing_docs)]

/// The hand-written runtime the generated code calls (the crate `apigen-runtime`): transport,
/// retries, errors, pagination, field types.
pub use apigen_runtime as runtime;

#[cfg(feature = "blocking")]
pub use runtime::BlockingPaginator;
pub use runtime::transport::Method;
pub use runtime::{
    ApiKey, Config, Date, Decimal, DecodeError, Error, Lookup, Page, Paginator, Patch, StatusError, UnixTime, time,
};

// The README's examples are compiled as doctests, so the README cannot go stale. A private
// module: a type here would hide a generated type of its name from the glob below.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
mod readme_doctests {}

// `gen` is a reserved keyword in edition 2024, hence the raw identifier.
#[rustfmt::skip]
mod r#gen;
pub use r#gen::*;

/// Test doubles for the tests of crates that call User.com (cargo feature `mock`): a local
/// mock of the API, programmed per endpoint with the generated types.
///
/// ```no_run
/// # async fn run() -> Result<(), usercom::Error> {
/// use usercom::mock::MockServer;
///
/// let mock = MockServer::start().await;
/// let user: usercom::User = serde_json::from_value(serde_json::json!({"id": 7})).expect("a user");
/// let request = usercom::UpdateUserRequest::new().email("john@example.org");
/// // Answers `PUT /users/7/` with exactly this body, once.
/// mock.update_user(7).body(&request).times(1).respond(&user).await;
///
/// let updated = mock.client().update_user(7, &request).await?;
/// assert_eq!(updated.id, 7);
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "mock")]
pub mod mock {
    pub use crate::r#gen::MockServer;
    pub use crate::runtime::mock::{MOCK_API_KEY, MockQuery, NoBody, NoQuery, Server, When, wiremock};
}
