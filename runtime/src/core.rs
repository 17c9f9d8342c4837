//! `Core`: sends one JSON call with retries, timeouts and a size limit, and decodes its answer;
//! every generated method calls it. The bytes travel through a [`Transport`]; following
//! pages is [`Paginator`](super::Paginator)'s job.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use tracing::Instrument;
use tracing::field::Empty;
use url::Url;

use super::base_url::parse_base_url;
use super::call::{Call, Segment, fill};
use super::config::Config;
use super::error::{DecodeError, Error, StatusError};
use super::error_body::ErrorBody;
use super::header_names::{HeaderPlace, check_header_names};
use super::key::ApiKey;
use super::query::Query;
use super::redact::Redactor;
use super::retry::{Schedule, retry_after};
use super::transport::{HttpRequest, HttpResponse, Method, ReqwestTransport, Transport};

/// Bytes left as they are in a path segment: the unreserved characters of RFC 3986. Every
/// other byte is percent-encoded, `/`, `?`, `#`, `%`, ` ` and `@` included.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What every request to the API shares; generated as a `static`.
#[derive(Debug)]
pub struct ApiSettings {
    /// The API's short name, the `api` field of every trace span (e.g. the generated crate's
    /// name).
    pub name: &'static str,
    /// The `User-Agent` header of every request, e.g. `my-client/1.0.0`.
    pub user_agent: &'static str,
    /// Name of the header carrying the key, e.g. `Authorization`; empty when the API takes no
    /// auth (then no key is sent).
    pub auth_header: &'static str,
    /// Text before the key in that header, e.g. `Token`; empty for the bare key.
    pub auth_scheme: &'static str,
    /// Headers sent with every request, e.g. `("Accept", "application/json")`.
    pub headers: &'static [(&'static str, &'static str)],
    /// Headers whose value the caller gives once, when the client is made (a tenant id, a
    /// second secret); their values are the `header_values` of [`Core::with_headers`].
    pub client_headers: &'static [ClientHeader],
    /// Whether every path ends in `/`.
    pub trailing_slash: bool,
    /// The error bodies every endpoint may answer with, by status; an endpoint's own table
    /// ([`Call::errors`]) comes first at each level of [`ErrorBody::find`].
    pub errors: &'static [ErrorBody],
}

/// A header whose value the caller supplies when the client is made.
#[derive(Debug)]
pub struct ClientHeader {
    /// The header name, e.g. `X-Customer-Id`.
    pub name: &'static str,
    /// Whether the value is a secret: then it is marked sensitive, so no `Debug` of the
    /// headers shows it.
    pub secret: bool,
}

/// The shared request machinery behind a generated `Client`: base URL, headers, [`Config`]
/// and [`Transport`].
///
/// Cheap to clone: clones share one transport and so one connection pool. `Send + Sync`, so
/// one `Core` serves any number of tasks at once. Its `Debug` output shows the base URL only.
#[derive(Clone)]
pub struct Core {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Arc<dyn Transport>,
    base_url: Url,
    headers: HeaderMap,
    settings: &'static ApiSettings,
    config: Config,
    /// The key and the secret client headers, cut out of what errors keep of an answer.
    secrets: Arc<Redactor>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core").field("base_url", &self.inner.base_url.as_str()).finish_non_exhaustive()
    }
}

/// One call, checked and serialized, ready for its tries.
pub(crate) struct Prepared {
    pub(crate) method: Method,
    pub(crate) path_template: &'static str,
    pub(crate) url: Url,
    pub(crate) body: Option<Bytes>,
    pub(crate) retry_safe: bool,
    /// The endpoint's declared error bodies.
    pub(crate) errors: &'static [ErrorBody],
}

impl Core {
    /// A core with the default [`Config`]. See [`Core::with_config`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`], as for [`Core::with_config`].
    pub fn new(base_url: &str, api_key: ApiKey, settings: &'static ApiSettings) -> Result<Core, Error> {
        Core::with_config(base_url, api_key, settings, Config::default())
    }

    /// Checks the base URL and the config, and builds the headers and the transport (the one
    /// set with [`Config::transport`], else a [`ReqwestTransport`]).
    ///
    /// The base URL must be `https`, or `http` to a loopback address (`127.0.0.0/8`, `::1`,
    /// `localhost`) unless [`Config::allow_insecure_http`] is set; it must have no query or
    /// fragment; a missing trailing `/` is added.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] for a refused URL, a key that cannot be a header value, zero
    /// `max_attempts` or a zero timeout.
    pub fn with_config(
        base_url: &str,
        api_key: ApiKey,
        settings: &'static ApiSettings,
        config: Config,
    ) -> Result<Core, Error> {
        Core::with_headers(base_url, api_key, settings, &[], config)
    }

    /// [`Core::with_config`] for an API with client headers: `header_values` are the values of
    /// [`ApiSettings::client_headers`], in order.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] as for [`Core::with_config`], and when a value is missing or
    /// cannot be a header value (a CR or LF, say); a secret value is not shown.
    pub fn with_headers(
        base_url: &str,
        api_key: ApiKey,
        settings: &'static ApiSettings,
        header_values: &[&str],
        config: Config,
    ) -> Result<Core, Error> {
        let base_url = parse_base_url(base_url, config.allow_insecure_http)?;
        check_config(&config)?;
        let headers = build_headers(&api_key, settings, header_values)?;
        let transport: Arc<dyn Transport> = match &config.transport {
            Some(transport) => Arc::clone(transport),
            None => Arc::new(ReqwestTransport::new(&config)?),
        };
        let secret_headers = settings.client_headers.iter().zip(header_values).filter(|(header, _)| header.secret);
        let secrets =
            Arc::new(Redactor::new(std::iter::once(api_key.expose()).chain(secret_headers.map(|(_, value)| *value))));
        Ok(Core { inner: Arc::new(Inner { transport, base_url, headers, settings, config, secrets }) })
    }

    /// [`Core::with_config`] with `transport` in place of the config's.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`], as for [`Core::with_config`].
    pub fn with_transport(
        base_url: &str,
        api_key: ApiKey,
        settings: &'static ApiSettings,
        config: Config,
        transport: impl Transport,
    ) -> Result<Core, Error> {
        Core::with_config(base_url, api_key, settings, config.transport(transport))
    }

    /// The base URL every path is appended to; it ends in `/`.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// The settings this core was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Sends a [`Call`] built by a generated method: checks and builds it, then
    /// [`run`](Core::run)s it. Not generic: compiled once for every endpoint and both flavors.
    pub(crate) async fn send_call(&self, call: Call) -> Result<Answer, Error> {
        let prepared = self.prepare(call)?;
        self.run(prepared).await
    }

    /// A `GET` of a URL already built and checked, such as a page's `next` link.
    pub(crate) async fn get_url(
        &self,
        path_template: &'static str,
        url: Url,
        errors: &'static [ErrorBody],
    ) -> Result<Answer, Error> {
        self.run(Prepared { method: Method::Get, path_template, url, body: None, retry_safe: false, errors }).await
    }

    /// The parsed base URL.
    pub(crate) fn parsed_base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// `text` with the client's secrets cut out, for an error that quotes what a server sent.
    pub(crate) fn redact(&self, text: &str) -> String {
        self.inner.secrets.text(text).into_owned()
    }

    /// Makes the tries of one call; the answer is a 2xx one. Not generic: compiled once.
    pub(crate) async fn run(&self, call: Prepared) -> Result<Answer, Error> {
        let span = tracing::info_span!(
            "api.call",
            api = self.inner.settings.name,
            method = call.method.as_str(),
            path = call.path_template,
            attempts = Empty,
            status = Empty,
            duration_ms = Empty,
        );
        let started = Instant::now();
        let result = self.run_tries(&call, started).instrument(span.clone()).await;
        span.record("duration_ms", millis(started.elapsed()));
        let (attempts, status) = match &result {
            Ok(answer) => (answer.attempts, Some(answer.status)),
            Err(error) => (error.attempts(), error.status()),
        };
        span.record("attempts", attempts);
        if let Some(status) = status {
            span.record("status", status);
        }
        result
    }

    async fn run_tries(&self, call: &Prepared, started: Instant) -> Result<Answer, Error> {
        let config = &self.inner.config;
        let may_retry = call.retry_safe || call.method.is_idempotent();
        let mut schedule = Schedule::new(config);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let error = match self.try_once(call, attempt).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            if !(may_retry && error.is_retryable()) {
                return Err(error);
            }
            let Some(backoff) = schedule.next_wait() else { return Err(error) };
            let wait = match &error {
                Error::Status(status) => match retry_after(&status.headers, SystemTime::now()) {
                    Some(asked) if asked > config.retry_after_cap => return Err(error),
                    Some(asked) => asked,
                    None => backoff,
                },
                _ => backoff,
            };
            if started.elapsed().saturating_add(wait) > config.max_retry_time {
                return Err(error);
            }
            tracing::info!(attempt, wait_ms = millis(wait), reason = %RetryReason(&error), "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// One try, bounded by the request timeout; a non-2xx answer is an error.
    async fn try_once(&self, call: &Prepared, attempt: u32) -> Result<Answer, Error> {
        let config = &self.inner.config;
        let span = tracing::debug_span!(
            "api.request",
            api = self.inner.settings.name,
            attempt,
            status = Empty,
            duration_ms = Empty
        );
        let started = Instant::now();
        let exchange = self.exchange(call, attempt).instrument(span.clone());
        let result = match tokio::time::timeout(config.request_timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(Failure::Timeout),
        };
        span.record("duration_ms", millis(started.elapsed()));
        // The path may come from a server's `next` link, so it is redacted like a body.
        let secrets = &self.inner.secrets;
        let path = || secrets.text(call.url.path()).into_owned();
        let method = call.method;
        match result {
            Ok((status, headers, bytes)) => {
                span.record("status", status);
                if (200..300).contains(&status) {
                    Ok(Answer { method, path: path(), status, attempts: attempt, bytes, secrets: Arc::clone(secrets) })
                } else {
                    // A server may echo the request: nothing of the key reaches the error.
                    let bytes = secrets.bytes(&bytes);
                    let headers = secrets.headers(headers);
                    let typed = ErrorBody::decode(status, &bytes, call.errors, self.inner.settings.errors);
                    let error = StatusError::new(method, path(), status, headers, &bytes, attempt);
                    Err(Error::Status(Box::new(error.with_typed_body(typed))))
                }
            }
            Err(Failure::Transport(source)) => {
                Err(Error::Transport { method, path: path(), attempts: attempt, source })
            }
            Err(Failure::Timeout) => {
                Err(Error::Timeout { method, path: path(), attempts: attempt, timeout: config.request_timeout })
            }
            Err(Failure::TooLarge(status)) => {
                span.record("status", status);
                let limit = config.max_response_bytes;
                Err(Error::ResponseTooLarge { method, path: path(), attempts: attempt, status, limit })
            }
        }
    }

    /// Sends the request and reads the whole answer, up to the size limit.
    async fn exchange(&self, call: &Prepared, attempt: u32) -> Result<(u16, HeaderMap, Vec<u8>), Failure> {
        let mut headers = self.inner.headers.clone();
        if call.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let request = HttpRequest {
            method: call.method,
            url: call.url.clone(),
            headers,
            body: call.body.clone(),
            path_template: call.path_template,
            attempt,
        };
        let HttpResponse { status, headers, mut body } =
            self.inner.transport.send(request).await.map_err(Failure::Transport)?;
        let limit = self.inner.config.max_response_bytes;
        let announced = headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.trim().parse::<u64>().ok());
        if announced.is_some_and(|length| length > limit) {
            return Err(Failure::TooLarge(status));
        }
        let capacity = announced.unwrap_or(0).min(limit).min(1024 * 1024);
        let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        while let Some(chunk) = body.next_chunk().await {
            let chunk = chunk.map_err(Failure::Transport)?;
            if (bytes.len() as u64).saturating_add(chunk.len() as u64) > limit {
                return Err(Failure::TooLarge(status));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok((status, headers, bytes))
    }

    /// The base URL, then the segments, each percent-encoded, then the query.
    pub(crate) fn url(
        &self,
        path_template: &'static str,
        segments: &[Segment<'_>],
        query: &Query,
    ) -> Result<Url, Error> {
        let mut url = self.inner.base_url.clone();
        // The base path is already encoded and ends in `/`.
        let mut path = url.path().trim_end_matches('/').to_owned();
        for segment in segments {
            match *segment {
                Segment::Literal(text) => {
                    for piece in text.split('/').filter(|piece| !piece.is_empty()) {
                        path.push('/');
                        path.extend(utf8_percent_encode(piece, SEGMENT));
                    }
                }
                Segment::Param(value) => {
                    // `.` and `..` would be read as "this" and "parent" segment.
                    if matches!(value, "" | "." | "..") {
                        return Err(Error::InvalidInput {
                            field: "path".to_owned(),
                            message: format!(
                                "a path parameter of `{path_template}` is {value:?}; \
                                 it must not be empty, `.` or `..`"
                            ),
                        });
                    }
                    path.push('/');
                    path.extend(utf8_percent_encode(value, SEGMENT));
                }
            }
        }
        if self.inner.settings.trailing_slash || path.is_empty() {
            path.push('/');
        }
        // Only unreserved characters and `%XX` escapes are left, which `set_path` keeps as
        // they are. A parameter cannot become a `.` or `..` segment: those values are refused
        // above, and the `%` of a `%2E` in a value is itself encoded.
        url.set_path(&path);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.pairs().iter().map(|(name, value)| (name, value)));
        }
        Ok(url)
    }
}

/// How one try failed below the status line.
enum Failure {
    Transport(super::transport::TransportError),
    Timeout,
    TooLarge(u16),
}

/// Why a retry happens, for the trace: the status, or the transport failure's summary.
struct RetryReason<'a>(&'a Error);

impl fmt::Display for RetryReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Error::Status(error) => write!(f, "status {}", error.status),
            Error::Transport { source, .. } => f.write_str(source.kind().summary()),
            _ => f.write_str("failure"),
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A 2xx answer, not yet decoded.
pub(crate) struct Answer {
    method: Method,
    path: String,
    status: u16,
    attempts: u32,
    bytes: Vec<u8>,
    /// Cut out of a decode error's body and message.
    secrets: Arc<Redactor>,
}

impl Answer {
    pub(crate) fn decode<R: DeserializeOwned>(self) -> Result<R, Error> {
        let bytes: &[u8] = if self.bytes.iter().all(u8::is_ascii_whitespace) { b"null" } else { &self.bytes };
        // Decoding without tracking the path is about twice as fast; only a body that does not
        // decode is read again, with the path tracked, for the error (the same error).
        if let Ok(value) = serde_json::from_slice(bytes) {
            return Ok(value);
        }
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let (json_path, error) = match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(value) => match deserializer.end() {
                Ok(()) => return Ok(value),
                Err(error) => (".".to_owned(), error),
            },
            Err(error) => (error.path().to_string(), error.into_inner()),
        };
        Err(self.decode_error(json_path, &error))
    }

    fn decode_error(self, json_path: String, error: &serde_json::Error) -> Error {
        Error::Decode(Box::new(DecodeError {
            method: self.method,
            path: self.path,
            json_path,
            message: self.secrets.text(&error.to_string()).into_owned(),
            body: self.secrets.text(&String::from_utf8_lossy(&self.bytes)).into_owned(),
            attempts: self.attempts,
        }))
    }
}

impl Core {
    /// The URL of `call`, on this core's base URL.
    pub(crate) fn call_url(&self, call: &Call) -> Result<Url, Error> {
        self.url(call.path_template, &fill(call.path_template, &call.params)?, &call.query)
    }

    /// The URL and body of `call`, ready to send: everything that can fail before I/O. The
    /// body's own errors come first.
    pub(crate) fn prepare(&self, call: Call) -> Result<Prepared, Error> {
        let url = self.call_url(&call);
        Ok(Prepared {
            body: call.body?,
            url: url?,
            method: call.method,
            path_template: call.path_template,
            retry_safe: call.retry_safe,
            errors: call.errors,
        })
    }
}

fn config_error(message: String) -> Error {
    Error::InvalidConfig { message }
}

fn check_config(config: &Config) -> Result<(), Error> {
    if config.max_attempts == 0 {
        return Err(config_error("`max_attempts` must be at least 1".to_owned()));
    }
    if config.max_pages == 0 {
        return Err(config_error("`max_pages` must be at least 1".to_owned()));
    }
    for (name, timeout) in [("connect_timeout", config.connect_timeout), ("request_timeout", config.request_timeout)] {
        if timeout.is_zero() {
            return Err(config_error(format!("`{name}` must be more than zero")));
        }
    }
    Ok(())
}

fn build_headers(api_key: &ApiKey, settings: &ApiSettings, header_values: &[&str]) -> Result<HeaderMap, Error> {
    // An empty `auth_header`: the API takes no auth, and the key is not sent.
    let authenticated = !settings.auth_header.is_empty();
    let named = authenticated
        .then_some((settings.auth_header, HeaderPlace::Auth))
        .into_iter()
        .chain(settings.headers.iter().map(|&(name, _)| (name, HeaderPlace::Fixed)))
        .chain(
            settings.client_headers.iter().map(|header| (header.name, HeaderPlace::Client { secret: header.secret })),
        );
    check_header_names(named)?;
    let header_name = |name: &str| {
        HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| config_error(format!("`{name}` is not a valid HTTP header name")))
    };
    let mut headers = HeaderMap::new();
    let agent = HeaderValue::from_str(settings.user_agent).map_err(|_| {
        config_error(format!("the user agent {:?} is not a valid http header value", settings.user_agent))
    })?;
    headers.insert(USER_AGENT, agent);
    for &(name, value) in settings.headers {
        let value = HeaderValue::from_str(value)
            .map_err(|_| config_error(format!("the value of header `{name}` is not a valid http header value")))?;
        headers.insert(header_name(name)?, value);
    }
    if header_values.len() != settings.client_headers.len() {
        return Err(config_error(format!(
            "{} client header values were given; the api declares {}",
            header_values.len(),
            settings.client_headers.len()
        )));
    }
    for (header, value) in settings.client_headers.iter().zip(header_values) {
        let mut value = HeaderValue::from_str(value).map_err(|_| {
            let shown = if header.secret { "the secret value".to_owned() } else { format!("{value:?}") };
            config_error(format!(
                "{shown} of header `{}` is not a valid http header value (no control characters such as CR or LF)",
                header.name
            ))
        })?;
        value.set_sensitive(header.secret);
        headers.insert(header_name(header.name)?, value);
    }
    if !authenticated {
        return Ok(headers);
    }
    let credentials = match settings.auth_scheme {
        "" => api_key.expose().to_owned(),
        scheme => format!("{scheme} {}", api_key.expose()),
    };
    let mut auth = HeaderValue::from_str(&credentials)
        .map_err(|_| config_error("the api key has characters not allowed in an http header".to_owned()))?;
    // Keeps the key out of every `Debug` of the headers, ours, reqwest's and hyper's.
    auth.set_sensitive(true);
    headers.insert(header_name(settings.auth_header)?, auth);
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::super::transport::{TransportError, TransportErrorKind};
    use super::*;

    static SETTINGS: ApiSettings = ApiSettings {
        name: "example",
        user_agent: "example-client/1.2.3",
        auth_header: "Authorization",
        auth_scheme: "Token",
        headers: &[("Accept", "*/*; version=2")],
        client_headers: &[],
        trailing_slash: true,
        errors: &[],
    };

    static NO_SLASH: ApiSettings = ApiSettings { trailing_slash: false, ..SETTINGS };

    const KEY: &str = "secret-api-key-0123456789";

    fn core(base_url: &str, settings: &'static ApiSettings) -> Result<Core, Error> {
        Core::new(base_url, ApiKey::from(KEY), settings)
    }

    fn config_message(base_url: &str) -> String {
        match core(base_url, &SETTINGS) {
            Err(error) => error.to_string(),
            Ok(core) => format!("unexpected success: {core:?}"),
        }
    }

    fn url(core: &Core, segments: &[Segment<'_>]) -> Result<String, Error> {
        core.url("/users/:id/", segments, &Query::new()).map(String::from)
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let core = core("https://acme.example.com/api/public", &SETTINGS);
        assert_eq!(core.ok().map(|c| c.base_url().to_owned()).as_deref(), Some("https://acme.example.com/api/public/"));
    }

    #[test]
    fn refuses_bad_base_urls() {
        assert_eq!(
            config_message("ftp://acme.example.com/"),
            "invalid configuration: base url `ftp://acme.example.com/` must start with `https://` or `http://`"
        );
        assert_eq!(
            config_message("HTTPS://acme.example.com/"),
            "invalid configuration: base url `HTTPS://acme.example.com/` must start with `https://` or `http://`"
        );
        for dotted in
            ["https://acme.example.com/a/../b/", "https://acme.example.com/./", "https://acme.example.com/%2E%2e/"]
        {
            assert_eq!(
                config_message(dotted),
                format!("invalid configuration: base url `{dotted}` must not have `.` or `..` segments")
            );
        }
        assert_eq!(
            config_message("https://acme.example.com/api/?x=1"),
            "invalid configuration: base url `https://acme.example.com/api/?x=1` must not have \
             a query or fragment"
        );
        assert_eq!(
            config_message("https://acme.example.com/api/#top"),
            "invalid configuration: base url `https://acme.example.com/api/#top` must not have \
             a query or fragment"
        );
        let credentials = config_message("https://admin:hunter2@acme.example.com/api/");
        assert_eq!(
            credentials,
            "invalid configuration: the base url must not hold user credentials (`user:password@`); the api \
             key is sent in its header"
        );
        assert_eq!(
            config_message("acme.example.com"),
            "invalid configuration: base url `acme.example.com` must start with `https://` or `http://`"
        );
    }

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        assert_eq!(
            config_message("http://acme.example.com/api/public/"),
            "invalid configuration: base url `http://acme.example.com/api/public/` uses plain http, \
             which would send the api key readable; use https, or allow it with \
             `Config::allow_insecure_http(true)`"
        );
        for refused in ["http://10.0.0.1/", "http://128.0.0.1/", "http://[::2]/", "http://localhost.evil.com/"] {
            assert!(config_message(refused).contains("uses plain http"), "{refused}");
        }
        for loopback in ["http://127.0.0.1:8080/", "http://127.1.2.3/", "http://[::1]:9/", "http://LocalHost/"] {
            assert!(core(loopback, &SETTINGS).is_ok(), "{loopback}");
        }
        let allowed = Core::with_config(
            "http://acme.example.com/",
            ApiKey::from(KEY),
            &SETTINGS,
            Config::new().allow_insecure_http(true),
        );
        assert!(allowed.is_ok());
    }

    #[test]
    fn refuses_bad_configs() {
        let message = |config: Config| {
            Core::with_config("https://acme.example.com/", ApiKey::from(KEY), &SETTINGS, config)
                .err()
                .map(|error| error.to_string())
        };
        assert_eq!(
            message(Config::new().max_attempts(0)).as_deref(),
            Some("invalid configuration: `max_attempts` must be at least 1")
        );
        assert_eq!(
            message(Config::new().request_timeout(Duration::ZERO)).as_deref(),
            Some("invalid configuration: `request_timeout` must be more than zero")
        );
        assert_eq!(
            message(Config::new().connect_timeout(Duration::ZERO)).as_deref(),
            Some("invalid configuration: `connect_timeout` must be more than zero")
        );
    }

    #[test]
    fn refuses_a_key_that_cannot_be_a_header_without_showing_it() {
        let result = Core::new("https://acme.example.com/", ApiKey::from("bad\nkey"), &SETTINGS);
        let message = result.err().map(|error| error.to_string());
        assert_eq!(
            message.as_deref(),
            Some("invalid configuration: the api key has characters not allowed in an http header")
        );
    }

    #[test]
    fn headers_carry_key_and_settings() {
        let headers = build_headers(&ApiKey::from(KEY), &SETTINGS, &[]);
        let headers = headers.ok().unwrap_or_default();
        let auth = headers.get("authorization");
        assert_eq!(auth.and_then(|v| v.to_str().ok()), Some("Token secret-api-key-0123456789"));
        assert!(auth.is_some_and(HeaderValue::is_sensitive));
        let accept = headers.get("accept").and_then(|v| v.to_str().ok());
        assert_eq!(accept, Some("*/*; version=2"));
        let agent = headers.get("user-agent").and_then(|v| v.to_str().ok());
        assert_eq!(agent, Some("example-client/1.2.3"));
        assert!(!format!("{headers:?}").contains(KEY));
    }

    #[test]
    fn debug_hides_the_key() {
        let text = format!("{:?}", core("https://acme.example.com/api/public/", &SETTINGS));
        assert_eq!(text, "Ok(Core { base_url: \"https://acme.example.com/api/public/\", .. })");
    }

    #[test]
    fn builds_urls_from_segments() -> Result<(), Error> {
        let core = core("https://acme.example.com/api/public/", &SETTINGS)?;
        let users = Segment::Literal("users");
        assert_eq!(url(&core, &[users, Segment::Param("7")])?, "https://acme.example.com/api/public/users/7/");
        assert_eq!(
            url(&core, &[users, Segment::Param("a/b ?#%")])?,
            "https://acme.example.com/api/public/users/a%2Fb%20%3F%23%25/"
        );
        assert_eq!(
            url(&core, &[users, Segment::Param("user@123+x&y=z;ü~._-")])?,
            "https://acme.example.com/api/public/users/user%40123%2Bx%26y%3Dz%3B%C3%BC~._-/"
        );
        assert_eq!(
            url(&core, &[users, Segment::Param("%2e%2E")])?,
            "https://acme.example.com/api/public/users/%252e%252E/"
        );
        assert_eq!(url(&core, &[users, Segment::Param("...")])?, "https://acme.example.com/api/public/users/.../");
        assert_eq!(
            url(&core, &[Segment::Literal("users/search"), Segment::Literal("x")])?,
            "https://acme.example.com/api/public/users/search/x/"
        );
        assert_eq!(url(&core, &[])?, "https://acme.example.com/api/public/");
        let bare = self::core("https://acme.example.com/api/public", &NO_SLASH)?;
        assert_eq!(url(&bare, &[users])?, "https://acme.example.com/api/public/users");
        let root = self::core("https://acme.example.com", &NO_SLASH)?;
        assert_eq!(url(&root, &[])?, "https://acme.example.com/");
        assert_eq!(url(&root, &[users])?, "https://acme.example.com/users");
        Ok(())
    }

    #[test]
    fn appends_the_query_encoded_in_order() -> Result<(), Error> {
        let core = core("https://acme.example.com/api/public/", &SETTINGS)?;
        let mut query = Query::new();
        query.filter("email", super::super::Lookup::Contains, "@example.com");
        query.push("a&b=c", "x y+z/é#?");
        query.push("many", true);
        let url = core.url("/users/search/", &[Segment::Literal("users/search")], &query)?;
        assert_eq!(
            url.as_str(),
            "https://acme.example.com/api/public/users/search/\
             ?email__contains=%40example.com&a%26b%3Dc=x+y%2Bz%2F%C3%A9%23%3F&many=true"
        );
        let pairs: Vec<(String, String)> = url.query_pairs().map(|(n, v)| (n.into_owned(), v.into_owned())).collect();
        assert_eq!(pairs, query.pairs());
        Ok(())
    }

    #[test]
    fn refuses_params_that_would_change_the_path() -> Result<(), Error> {
        let core = core("https://acme.example.com/api/public/", &SETTINGS)?;
        let message =
            |value| url(&core, &[Segment::Literal("users"), Segment::Param(value)]).err().map(|e| e.to_string());
        assert_eq!(
            message("..").as_deref(),
            Some("invalid input: a path parameter of `/users/:id/` is \"..\"; it must not be empty, `.` or `..`")
        );
        assert!(message(".").is_some() && message("").is_some());
        Ok(())
    }

    #[test]
    fn decodes_answers() {
        let answer = |body: &'static str| Answer {
            method: Method::Put,
            path: "/api/public/users/7/".to_owned(),
            status: 200,
            attempts: 2,
            bytes: body.as_bytes().to_vec(),
            secrets: Arc::new(Redactor::default()),
        };
        assert_eq!(answer(r#"{"id": 7}"#).decode::<serde_json::Value>().ok(), Some(serde_json::json!({"id": 7})));
        assert!(answer("").decode::<()>().is_ok());
        assert_eq!(answer(" \n").decode::<Option<u8>>().ok(), Some(None));
        let error = |body| answer(body).decode::<Vec<u8>>().err();
        assert_eq!(
            error("[1, \"x\"]").map(|e| e.to_string()).as_deref(),
            Some(
                "PUT /api/public/users/7/: response does not decode at `[1]`: invalid type: string \"x\", expected u8 at line 1 column 7"
            )
        );
        assert_eq!(
            error("[1] x").map(|e| e.to_string()).as_deref(),
            Some("PUT /api/public/users/7/: response does not decode at `.`: trailing characters at line 1 column 5")
        );
        assert_eq!(error("[1] x").map(|e| e.attempts()), Some(2));
    }

    #[test]
    fn retry_reasons_name_no_secret() {
        let status =
            Error::Status(Box::new(StatusError::new(Method::Get, "/".to_owned(), 503, HeaderMap::new(), b"", 1)));
        assert_eq!(RetryReason(&status).to_string(), "status 503");
        let kinds = [
            TransportErrorKind::Connect,
            TransportErrorKind::Io,
            TransportErrorKind::Timeout,
            TransportErrorKind::Other,
        ];
        for kind in kinds {
            let error = Error::Transport {
                method: Method::Get,
                path: "/".to_owned(),
                attempts: 1,
                source: TransportError::new(kind, "x"),
            };
            assert_eq!(RetryReason(&error).to_string(), kind.summary());
        }
        let other = Error::Runtime { message: String::new() };
        assert_eq!(RetryReason(&other).to_string(), "failure");
    }

    #[test]
    fn core_is_clone_send_sync() {
        fn assert_traits<T: Clone + Send + Sync + 'static>() {}
        assert_traits::<Core>();
    }
}
