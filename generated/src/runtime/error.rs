//! The one error type of the client; its texts name the request but never the API key.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use super::Method;

/// Everything that can go wrong when calling the API.
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
    /// The client cannot be built from the given settings (base URL, subdomain, API key).
    #[error("invalid configuration: {message}")]
    InvalidConfig {
        /// What is wrong.
        message: String,
    },
    /// The server answered with a status outside 2xx.
    #[error(transparent)]
    Status(Box<StatusError>),
    /// The request could not be sent or the response not received.
    #[error("{method} {path}: {}", transport_summary(source))]
    Transport {
        /// Method of the failed request.
        method: Method,
        /// URL path of the failed request.
        path: String,
        /// The underlying HTTP client error.
        source: reqwest::Error,
    },
    /// The server answered 2xx, but its body does not match the documented response.
    #[error(transparent)]
    Decode(Box<DecodeError>),
}

impl Error {
    /// The HTTP status code, when the server answered with a non-2xx status.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status(error) => Some(error.status),
            _ => None,
        }
    }
}

fn transport_summary(source: &reqwest::Error) -> &'static str {
    if source.is_timeout() {
        "request timed out"
    } else if source.is_connect() {
        "could not connect"
    } else {
        "request failed"
    }
}

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
    /// Response headers (`Retry-After`, request ids, ...).
    pub headers: HeaderMap,
    /// Raw response body, lossily decoded as UTF-8.
    pub body: String,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<serde_json::Value>,
}

impl StatusError {
    /// The `Retry-After` header, when it is given in seconds (as on 429 and 503 answers).
    pub fn retry_after(&self) -> Option<Duration> {
        let value = self.headers.get(RETRY_AFTER)?.to_str().ok()?;
        value.trim().parse().ok().map(Duration::from_secs)
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
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    const KEY: &str = "secret-api-key-0123456789";

    fn status_error(status: u16) -> StatusError {
        StatusError {
            method: Method::Put,
            path: "/api/public/users/7/".to_owned(),
            status,
            headers: HeaderMap::new(),
            body: r#"{"detail":"Not found."}"#.to_owned(),
            json: Some(serde_json::json!({ "detail": "Not found." })),
        }
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
        assert_eq!(error.status(), None);
    }

    #[test]
    fn invalid_config_display() {
        let error = Error::InvalidConfig { message: "base url `ftp://x/` must use http or https".to_owned() };
        assert_display(&error, "invalid configuration: base url `ftp://x/` must use http or https");
    }

    #[test]
    fn status_display() {
        let error = Error::Status(Box::new(status_error(404)));
        assert_display(&error, "PUT /api/public/users/7/: server answered 404 Not Found");
        assert_eq!(error.status(), Some(404));
    }

    #[test]
    fn status_display_without_known_reason() {
        let error = Error::Status(Box::new(status_error(599)));
        assert_display(&error, "PUT /api/public/users/7/: server answered 599");
    }

    #[test]
    fn retry_after_in_seconds() {
        let mut error = status_error(429);
        assert_eq!(error.retry_after(), None);
        error.headers.insert(RETRY_AFTER, HeaderValue::from_static("30"));
        assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
        let date = HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        error.headers.insert(RETRY_AFTER, date);
        assert_eq!(error.retry_after(), None);
    }

    #[test]
    fn transport_display() {
        // A relative URL fails inside reqwest before any I/O, which gives a real reqwest::Error.
        let Err(source) = reqwest::Client::new().get("not a url").build() else {
            panic!("a relative URL must not build a request");
        };
        let error = Error::Transport { method: Method::Get, path: "/api/public/users/7/".to_owned(), source };
        assert_display(&error, "GET /api/public/users/7/: request failed");
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn decode_display() {
        let error = Error::Decode(Box::new(DecodeError {
            method: Method::Put,
            path: "/api/public/users/7/".to_owned(),
            json_path: "companies[0].id".to_owned(),
            message: "invalid type: string \"x\", expected i64 at line 1 column 30".to_owned(),
            body: "{}".to_owned(),
        }));
        assert_display(
            &error,
            "PUT /api/public/users/7/: response does not decode at `companies[0].id`: \
             invalid type: string \"x\", expected i64 at line 1 column 30",
        );
    }

    #[test]
    fn error_is_send_sync_static() {
        fn assert_traits<T: Send + Sync + 'static>() {}
        assert_traits::<Error>();
    }
}
