//! The one error type of the client; its texts name the request but never the API key.

use std::any::Any;
use std::fmt;
use std::time::{Duration, SystemTime};

use http::StatusCode;
use http::header::{HeaderMap, SET_COOKIE};

use super::error_body::TypedBody;
use super::retry::{is_retryable_status, retry_after};
use super::transport_types::{Method, TransportError, TransportErrorKind};

/// Everything that can go wrong when calling the API.
///
/// Messages name the method and path of the request (`PUT /api/public/users/7/: ...`) and
/// never contain the API key, in `Display` or `Debug`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A request value breaks a documented rule; refused before any I/O.
    #[error("invalid input: {message}")]
    InvalidInput {
        /// Wire name of the offending field; `custom_attributes`, `path` (a path parameter)
        /// or `body` (the whole body) when no single field is at fault.
        field: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The client cannot be built from the given settings (base URL, subdomain, API key,
    /// [`Config`](super::Config)).
    #[error("invalid configuration: {message}")]
    InvalidConfig {
        /// What is wrong.
        message: String,
    },
    /// The server answered with a status outside 2xx (after any retries).
    #[error(transparent)]
    Status(Box<StatusError>),
    /// The request got no complete answer: no connection, or the connection failed.
    #[error("{method} {path}: {}", source.kind())]
    Transport {
        /// Method of the failed request.
        method: Method,
        /// URL path of the failed request.
        path: String,
        /// Tries made, the first included.
        attempts: u32,
        /// What the transport reported.
        source: TransportError,
    },
    /// A try took longer than [`Config::request_timeout`](super::Config::request_timeout).
    #[error("{method} {path}: no complete answer within {timeout:?}")]
    Timeout {
        /// Method of the request.
        method: Method,
        /// URL path of the request.
        path: String,
        /// Tries made, the first included.
        attempts: u32,
        /// The timeout that ran out.
        timeout: Duration,
    },
    /// The response body is larger than
    /// [`Config::max_response_bytes`](super::Config::max_response_bytes); it was not read
    /// further.
    #[error("{method} {path}: the response body is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// Method of the request.
        method: Method,
        /// URL path of the request.
        path: String,
        /// Tries made, the first included.
        attempts: u32,
        /// The status of the answer whose body was too large.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The server answered 2xx, but its body does not match the documented response.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A paginated list's `next` link was not followed, and nothing was sent to it: it leads
    /// to another scheme, host or port than the base URL, carries user credentials, does not
    /// parse, or repeats a page already read (which would loop forever). The items read before
    /// it are valid.
    #[error("GET {path}: {message}")]
    Pagination {
        /// URL path of the page whose `next` link this is.
        path: String,
        /// What is wrong with the link; it names the foreign host.
        message: String,
    },
    /// A paginated list goes on past [`Config::max_pages`](super::Config::max_pages): that many
    /// pages were read (their items are valid), and the `next` link of the last one was not
    /// followed.
    #[error(
        "GET {path}: the list goes on past {max_pages} pages, the cap set by `Config::max_pages`; the next page was not requested"
    )]
    PageLimit {
        /// URL path of the last page read.
        path: String,
        /// The cap that was reached: [`Config::max_pages`](super::Config::max_pages).
        max_pages: u32,
    },
    /// The blocking client's background runtime could not be started or stopped answering.
    #[error("blocking client: {message}")]
    Runtime {
        /// What happened.
        message: String,
    },
}

impl Error {
    /// The HTTP status code, when the server answered with a non-2xx status.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status(error) => Some(error.status),
            _ => None,
        }
    }

    /// Whether the failure is one the client retries for idempotent calls: a `429`, `502`,
    /// `503` or `504` answer, or a connection that could not be opened or broke off.
    ///
    /// When this is `true` on a returned error, the retries were used up (or not allowed for
    /// the method); trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Status(error) => error.is_retryable(),
            Error::Transport { source, .. } => {
                matches!(source.kind(), TransportErrorKind::Connect | TransportErrorKind::Io)
            }
            _ => false,
        }
    }

    /// How many tries were made, the first included; `0` when the call failed before any I/O
    /// (for [`Error::Pagination`] and [`Error::PageLimit`]: nothing was sent to the link not
    /// followed).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Status(error) => error.attempts,
            Error::Decode(error) => error.attempts,
            Error::Transport { attempts, .. }
            | Error::Timeout { attempts, .. }
            | Error::ResponseTooLarge { attempts, .. } => *attempts,
            Error::InvalidInput { .. }
            | Error::InvalidConfig { .. }
            | Error::Pagination { .. }
            | Error::PageLimit { .. }
            | Error::Runtime { .. } => 0,
        }
    }

    /// The wait the server asked for with `Retry-After`, on a status error that has one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Status(error) => error.retry_after(),
            _ => None,
        }
    }

    /// The status error, when the server answered with a non-2xx status.
    pub fn as_status(&self) -> Option<&StatusError> {
        match self {
            Error::Status(error) => Some(error),
            _ => None,
        }
    }

    /// The error body decoded into the type the schema declares for its status, when it is a
    /// `T`: see [`StatusError::typed_body`].
    pub fn typed_body<T: Any>(&self) -> Option<&T> {
        self.as_status()?.typed_body()
    }
}

/// Request-id headers, in the order they are looked up by [`StatusError::request_id`].
const REQUEST_ID_HEADERS: [&str; 4] = ["x-request-id", "request-id", "x-correlation-id", "cf-ray"];

/// A non-2xx answer, with everything the server sent back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub struct StatusError {
    /// Method of the request.
    pub method: Method,
    /// URL path of the request, e.g. `/api/public/users/7/`.
    pub path: String,
    /// HTTP status code.
    pub status: u16,
    /// Response headers (`Retry-After`, request ids, ...); `Set-Cookie` values are marked
    /// sensitive, so `Debug` does not show them.
    pub headers: HeaderMap,
    /// Raw response body, lossily decoded as UTF-8.
    pub body: String,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<serde_json::Value>,
    /// Tries made, the first included; this answer came from the last one.
    pub attempts: u32,
    /// The body decoded into the type declared for the status, when one is and it decodes.
    typed: Option<TypedBody>,
}

impl StatusError {
    pub(crate) fn new(
        method: Method,
        path: String,
        status: u16,
        mut headers: HeaderMap,
        bytes: &[u8],
        attempts: u32,
    ) -> Self {
        if let http::header::Entry::Occupied(mut cookies) = headers.entry(SET_COOKIE) {
            cookies.iter_mut().for_each(|value| value.set_sensitive(true));
        }
        StatusError {
            method,
            path,
            status,
            headers,
            body: String::from_utf8_lossy(bytes).into_owned(),
            json: serde_json::from_slice(bytes).ok(),
            attempts,
            typed: None,
        }
    }

    /// Keeps `typed`, the body decoded into its declared type.
    pub(crate) fn with_typed_body(mut self, typed: Option<TypedBody>) -> Self {
        self.typed = typed;
        self
    }

    /// The body decoded into the type the schema declares for this status (in the
    /// endpoint's `errors` table or the API's), when it is a `T`.
    ///
    /// `None` when no type is declared for the status, when the body does not decode as the
    /// declared type, or when `T` is another type; the raw [`body`](StatusError::body) and
    /// [`json`](StatusError::json) are there either way.
    ///
    /// ```
    /// # fn run(error: apigen_runtime::Error) {
    /// use apigen_runtime::ProblemDetails;
    ///
    /// if let Some(problem) = error.as_status().and_then(|status| status.typed_body::<ProblemDetails>()) {
    ///     println!("{}: {:?}", problem.problem_type(), problem.detail);
    /// }
    /// # }
    /// ```
    pub fn typed_body<T: Any>(&self) -> Option<&T> {
        self.typed.as_ref()?.downcast_ref()
    }

    /// The wait the server asked for with `Retry-After` (as on 429 and 503 answers), given in
    /// seconds or as an HTTP date (then counted from now; a past date is no wait).
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers, SystemTime::now())
    }

    /// The request id the server or a proxy assigned, from the first of `X-Request-Id`,
    /// `Request-Id`, `X-Correlation-Id` and `CF-Ray` that is present: quote it to support.
    pub fn request_id(&self) -> Option<&str> {
        REQUEST_ID_HEADERS.iter().find_map(|name| self.headers.get(*name)?.to_str().ok())
    }

    /// The text of a `{"detail": "..."}` body (the form Django REST Framework APIs give their errors), if the body has one.
    pub fn detail(&self) -> Option<&str> {
        self.json.as_ref()?.get("detail")?.as_str()
    }

    /// The value of an `{"errors": ...}` body, the API's form for validation errors (400),
    /// e.g. `{"email": ["Enter a valid email address."]}`.
    pub fn errors(&self) -> Option<&serde_json::Value> {
        self.json.as_ref()?.get("errors")
    }

    /// Whether the status is one the client retries: `429`, `502`, `503` or `504`.
    pub fn is_retryable(&self) -> bool {
        is_retryable_status(self.status)
    }
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: server answered {}", self.method, self.path, self.status)?;
        let reason = StatusCode::from_u16(self.status).ok().and_then(|status| status.canonical_reason());
        match reason {
            Some(reason) => write!(f, " {reason}"),
            None => Ok(()),
        }
    }
}

/// A 2xx answer whose body does not decode into the documented response type.
#[derive(Debug, thiserror::Error)]
#[error("{method} {path}: response does not decode at `{json_path}`: {message}")]
#[non_exhaustive]
pub struct DecodeError {
    /// Method of the request.
    pub method: Method,
    /// URL path of the request.
    pub path: String,
    /// Where in the body decoding failed, e.g. `companies[0].id` (`.` is the top level).
    pub json_path: String,
    /// Why decoding failed.
    pub message: String,
    /// Raw response body, lossily decoded as UTF-8.
    pub body: String,
    /// Tries made, the first included; this answer came from the last one.
    pub attempts: u32,
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;
    use http::header::RETRY_AFTER;

    use super::*;

    const KEY: &str = "secret-api-key-0123456789";

    fn status_error(status: u16) -> StatusError {
        StatusError::new(
            Method::Put,
            "/api/public/users/7/".to_owned(),
            status,
            HeaderMap::new(),
            br#"{"detail":"Not found."}"#,
            1,
        )
    }

    fn assert_display(error: &Error, expected: &str) {
        let text = error.to_string();
        assert_eq!(text, expected);
        assert!(!text.contains(KEY));
        assert!(!format!("{error:?}").contains(KEY));
    }

    #[test]
    fn invalid_input_display() {
        let error = Error::InvalidInput {
            field: "first_name".to_owned(),
            message: "`first_name` is 41 characters long; the limit is 40".to_owned(),
        };
        assert_display(&error, "invalid input: `first_name` is 41 characters long; the limit is 40");
        assert_eq!((error.status(), error.attempts(), error.is_retryable()), (None, 0, false));
    }

    #[test]
    fn invalid_config_display() {
        let error =
            Error::InvalidConfig { message: "base url `ftp://x/` must start with `https://` or `http://`".to_owned() };
        assert_display(&error, "invalid configuration: base url `ftp://x/` must start with `https://` or `http://`");
    }

    #[test]
    fn status_display() {
        let error = Error::Status(Box::new(status_error(404)));
        assert_display(&error, "PUT /api/public/users/7/: server answered 404 Not Found");
        assert_eq!((error.status(), error.attempts(), error.is_retryable()), (Some(404), 1, false));
        assert_eq!(error.as_status().and_then(StatusError::detail), Some("Not found."));
    }

    #[test]
    fn status_display_without_known_reason() {
        let error = Error::Status(Box::new(status_error(599)));
        assert_display(&error, "PUT /api/public/users/7/: server answered 599");
    }

    #[test]
    fn retryable_statuses() {
        for (status, retryable) in [(429, true), (502, true), (503, true), (504, true), (500, false), (400, false)] {
            assert_eq!(Error::Status(Box::new(status_error(status))).is_retryable(), retryable, "{status}");
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let mut error = status_error(429);
        assert_eq!(error.retry_after(), None);
        error.headers.insert(RETRY_AFTER, HeaderValue::from_static("30"));
        assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
        let past = HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        error.headers.insert(RETRY_AFTER, past);
        assert_eq!(error.retry_after(), Some(Duration::ZERO));
        assert_eq!(Error::Status(Box::new(error)).retry_after(), Some(Duration::ZERO));
    }

    #[test]
    fn body_helpers() {
        let errors = StatusError::new(
            Method::Post,
            "/api/public/users/".to_owned(),
            400,
            HeaderMap::new(),
            br#"{"errors": {"email": ["Enter a valid email address."]}}"#,
            1,
        );
        assert_eq!(errors.errors(), Some(&serde_json::json!({"email": ["Enter a valid email address."]})));
        assert_eq!(errors.detail(), None);
        let html = StatusError::new(Method::Get, "/".to_owned(), 502, HeaderMap::new(), b"<html>\xff</html>", 3);
        assert_eq!((html.body.as_str(), html.json.as_ref(), html.errors()), ("<html>\u{fffd}</html>", None, None));
    }

    #[test]
    fn request_ids_and_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert("cf-ray", HeaderValue::from_static("8a1b"));
        headers.insert(SET_COOKIE, HeaderValue::from_static("session=s3cr3t"));
        let error = StatusError::new(Method::Get, "/".to_owned(), 500, headers.clone(), b"", 1);
        assert_eq!(error.request_id(), Some("8a1b"));
        assert!(!format!("{error:?}").contains("s3cr3t"));
        headers.insert("x-request-id", HeaderValue::from_static("req-1"));
        let error = StatusError::new(Method::Get, "/".to_owned(), 500, headers, b"", 1);
        assert_eq!(error.request_id(), Some("req-1"));
    }

    #[test]
    fn typed_bodies_are_reached_from_the_error() {
        let problem = br#"{"title": "Conflict", "status": 409, "detail": "taken"}"#;
        let typed = crate::__codegen::decode_as::<crate::ProblemDetails>(problem);
        let status = StatusError::new(Method::Put, "/things/7".to_owned(), 409, HeaderMap::new(), problem, 1);
        let error = Error::Status(Box::new(status.with_typed_body(typed)));
        let expected = crate::ProblemDetails {
            title: Some("Conflict".to_owned()),
            status: Some(409),
            detail: Some("taken".to_owned()),
            ..crate::ProblemDetails::default()
        };
        assert_eq!(error.typed_body::<crate::ProblemDetails>(), Some(&expected));
        assert_eq!(error.as_status().and_then(StatusError::typed_body::<crate::ProblemDetails>), Some(&expected));
        assert_eq!(error.typed_body::<serde_json::Value>(), None);
        assert_eq!(error.as_status().and_then(|status| status.json.clone()), serde_json::from_slice(problem).ok());
        assert_display(&error, "PUT /things/7: server answered 409 Conflict");
        assert!(format!("{error:?}").contains(r#"typed: Some(ProblemDetails { type_: None, title: Some("Conflict")"#));
        // Errors that are not status errors, and status errors without a declared body, have none.
        assert_eq!(Error::Runtime { message: String::new() }.typed_body::<crate::ProblemDetails>(), None);
        assert_eq!(status_error(409).typed_body::<crate::ProblemDetails>(), None);
    }

    #[test]
    fn transport_display() {
        let source = TransportError::new(TransportErrorKind::Other, "a relative url");
        let error =
            Error::Transport { method: Method::Get, path: "/api/public/users/7/".to_owned(), attempts: 1, source };
        assert_display(&error, "GET /api/public/users/7/: request failed");
        assert!(std::error::Error::source(&error).is_some());
        assert!(!error.is_retryable());
        let source = TransportError::new(TransportErrorKind::Io, "reset");
        let error = Error::Transport { method: Method::Get, path: "/".to_owned(), attempts: 3, source };
        assert_eq!((error.is_retryable(), error.attempts()), (true, 3));
    }

    #[test]
    fn timeout_and_size_display() {
        let timeout = Error::Timeout {
            method: Method::Get,
            path: "/api/public/users/7/".to_owned(),
            attempts: 1,
            timeout: Duration::from_millis(300),
        };
        assert_display(&timeout, "GET /api/public/users/7/: no complete answer within 300ms");
        let large = Error::ResponseTooLarge {
            method: Method::Get,
            path: "/api/public/users/7/".to_owned(),
            attempts: 2,
            status: 200,
            limit: 1024,
        };
        assert_display(&large, "GET /api/public/users/7/: the response body is larger than the limit of 1024 bytes");
        assert_eq!((timeout.is_retryable(), large.attempts()), (false, 2));
    }

    #[test]
    fn decode_display() {
        let error = Error::Decode(Box::new(DecodeError {
            method: Method::Put,
            path: "/api/public/users/7/".to_owned(),
            json_path: "companies[0].id".to_owned(),
            message: "invalid type: string \"x\", expected i64 at line 1 column 30".to_owned(),
            body: "{}".to_owned(),
            attempts: 2,
        }));
        assert_display(
            &error,
            "PUT /api/public/users/7/: response does not decode at `companies[0].id`: \
             invalid type: string \"x\", expected i64 at line 1 column 30",
        );
        assert_eq!(error.attempts(), 2);
    }

    #[test]
    fn pagination_display() {
        let error = Error::Pagination {
            path: "/api/public/users/".to_owned(),
            message: "the `next` link leads to `http://evil.example`".to_owned(),
        };
        assert_display(&error, "GET /api/public/users/: the `next` link leads to `http://evil.example`");
        assert_eq!((error.status(), error.attempts(), error.is_retryable()), (None, 0, false));
    }

    #[test]
    fn runtime_display() {
        let error = Error::Runtime { message: "the runtime thread stopped".to_owned() };
        assert_display(&error, "blocking client: the runtime thread stopped");
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: Send + Sync + 'static>() {}
        assert_traits::<Error>();
    }
}
