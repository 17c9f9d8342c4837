//! `Config`: retries, timeouts, size limits and the transport of a client; not the URL or key.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::transport_types::Transport;

/// How a client retries, waits and limits: every knob with a safe default.
///
/// Build one with [`Config::new`] (or `Config::default()`) and the setters, which consume and
/// return it:
///
/// ```
/// use std::time::Duration;
///
/// let config = apigen_runtime::Config::new()
///     .max_attempts(5)
///     .request_timeout(Duration::from_secs(10))
///     .max_response_bytes(1024 * 1024);
/// # let _ = config;
/// ```
///
/// | setting | default | meaning |
/// | --- | --- | --- |
/// | [`max_attempts`](Config::max_attempts) | 3 | tries per call, the first included |
/// | [`max_retry_time`](Config::max_retry_time) | 30 s | no retry starts after this, counted from the first try |
/// | [`initial_backoff`](Config::initial_backoff) | 500 ms | first wait between tries; it doubles each time |
/// | [`max_backoff`](Config::max_backoff) | 8 s | longest wait between tries |
/// | [`retry_after_cap`](Config::retry_after_cap) | 20 s | longest `Retry-After` honoured; a longer one ends the call |
/// | [`connect_timeout`](Config::connect_timeout) | 10 s | time to open a connection (default transport) |
/// | [`request_timeout`](Config::request_timeout) | 30 s | time for one try, from sending to the last body byte |
/// | [`max_response_bytes`](Config::max_response_bytes) | 8 MiB | largest response body read |
/// | [`allow_insecure_http`](Config::allow_insecure_http) | `false` | plain `http` to hosts other than loopback |
/// | [`max_pages`](Config::max_pages) | 10,000 | pages one paginated walk reads at most |
/// | [`transport`](Config::transport) | reqwest | the HTTP stack that sends each request |
///
/// Retries happen on `429`, `502`, `503`, `504` and connection failures, for `GET`, `PUT` and
/// `DELETE` and for endpoints marked safe to retry; never for other `POST` or `PATCH` calls,
/// and never after a try ran out of `request_timeout` (the server may still be working on it).
/// The wait before a retry is the server's `Retry-After` when it sends one, else an
/// exponential backoff with random jitter: the *n*th wait is between `initial_backoff * 2^(n-1)`
/// and twice that, never more than `max_backoff`.
#[derive(Clone)]
pub struct Config {
    pub(crate) max_attempts: u32,
    pub(crate) max_retry_time: Duration,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) retry_after_cap: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) request_timeout: Duration,
    pub(crate) max_response_bytes: u64,
    pub(crate) allow_insecure_http: bool,
    pub(crate) max_pages: u32,
    pub(crate) transport: Option<Arc<dyn Transport>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_attempts: 3,
            max_retry_time: Duration::from_secs(30),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            retry_after_cap: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 8 * 1024 * 1024,
            allow_insecure_http: false,
            max_pages: 10_000,
            transport: None,
        }
    }
}

impl Config {
    /// The defaults listed on [`Config`].
    pub fn new() -> Self {
        Config::default()
    }

    /// Tries per call, the first one included; `1` turns retries off. Must be at least 1.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// No retry starts once this much time has passed since the first try, nor when its wait
    /// would end later than that. A try already running is bounded by
    /// [`request_timeout`](Config::request_timeout) instead.
    pub fn max_retry_time(mut self, time: Duration) -> Self {
        self.max_retry_time = time;
        self
    }

    /// The first wait between tries, before jitter; each later wait doubles it.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest wait between tries, jitter included.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// The longest `Retry-After` the client waits for. When the server asks for more, the call
    /// ends with the server's answer at once; [`Error::retry_after`](crate::Error::retry_after)
    /// tells how long the server asked for.
    pub fn retry_after_cap(mut self, wait: Duration) -> Self {
        self.retry_after_cap = wait;
        self
    }

    /// Time allowed to open a connection (TCP and TLS). Used by the default reqwest transport;
    /// a transport set with [`transport`](Config::transport) brings its own. Must not be zero.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one try, from sending the request to the last byte of the response.
    /// A try that takes longer fails with [`Error::Timeout`](crate::Error::Timeout) and is not
    /// retried. Applies to every transport. Must not be zero.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The largest response body read, in bytes. A larger answer (by its `Content-Length` or by
    /// counting while reading) fails with
    /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge) and is read no further.
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Allows a plain `http` base URL for hosts other than loopback addresses (`127.0.0.0/8`,
    /// `::1`, `localhost`), which always may use it. Off by default: over plain HTTP the API
    /// key travels readable.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The most pages one walk of a [`Paginator`](super::Paginator) (or
    /// `BlockingPaginator`) reads. When the last page allowed still
    /// has a `next` link to follow, the walk ends with
    /// [`Error::PageLimit`](crate::Error::PageLimit) instead of requesting it; the items of the
    /// pages read are handed out first. The default, 10,000, is far beyond a real list at any
    /// usual page size, yet bounds a server that keeps inventing `next` links. Retries of a
    /// page do not count as pages. Must be at least 1.
    pub fn max_pages(mut self, pages: u32) -> Self {
        self.max_pages = pages;
        self
    }

    /// Sends requests through `transport` instead of the default reqwest client: another HTTP
    /// stack, or middleware around [`ReqwestTransport`](crate::transport::ReqwestTransport). Retries,
    /// timeouts, the size limit and decoding still apply, above the transport.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("max_attempts", &self.max_attempts)
            .field("max_retry_time", &self.max_retry_time)
            .field("initial_backoff", &self.initial_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("retry_after_cap", &self.retry_after_cap)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("max_pages", &self.max_pages)
            .field("transport", &if self.transport.is_some() { "custom" } else { "reqwest" })
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_defaults() {
        assert_eq!(
            format!("{:?}", Config::new()),
            "Config { max_attempts: 3, max_retry_time: 30s, initial_backoff: 500ms, max_backoff: 8s, \
             retry_after_cap: 20s, connect_timeout: 10s, request_timeout: 30s, \
             max_response_bytes: 8388608, allow_insecure_http: false, max_pages: 10000, \
             transport: \"reqwest\" }"
        );
    }

    #[test]
    fn setters_set() {
        let config = Config::new()
            .max_attempts(5)
            .max_retry_time(Duration::from_secs(1))
            .initial_backoff(Duration::from_millis(1))
            .max_backoff(Duration::from_millis(2))
            .retry_after_cap(Duration::from_millis(3))
            .connect_timeout(Duration::from_millis(4))
            .request_timeout(Duration::from_millis(5))
            .max_response_bytes(6)
            .allow_insecure_http(true)
            .max_pages(7);
        assert_eq!(
            format!("{config:?}"),
            "Config { max_attempts: 5, max_retry_time: 1s, initial_backoff: 1ms, max_backoff: 2ms, \
             retry_after_cap: 3ms, connect_timeout: 4ms, request_timeout: 5ms, \
             max_response_bytes: 6, allow_insecure_http: true, max_pages: 7, transport: \"reqwest\" }"
        );
    }
}
