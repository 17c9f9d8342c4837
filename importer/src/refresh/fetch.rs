//! Downloads one docs page over HTTP(S) with the limits of the client runtime (its defaults):
//! a connect timeout and a timeout for the whole answer, a cap on the body's size, retries of
//! transient failures with backoff and `Retry-After`, plain http to loopback only, redirects
//! followed only on the same host, and every failure as one sentence. It uses reqwest (which the runtime
//! builds) with the runtime's TLS setup, on a one-thread tokio runtime.

use std::time::{Duration, Instant};

use apigen_runtime::transport::{TransportError, TransportErrorKind};
use reqwest::Url;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION, RETRY_AFTER, USER_AGENT};
use url::Host;

/// The limits of one download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time to open a connection (the runtime's default `connect_timeout`).
    pub connect_timeout: Duration,
    /// Time for one request, from sending to the last body byte (the runtime's default
    /// `request_timeout`).
    pub timeout: Duration,
    /// The largest body read.
    pub max_bytes: u64,
    /// Redirects followed on the same host before giving up.
    pub max_redirects: usize,
    /// Tries of one download, the first included (the runtime's `max_attempts`).
    pub max_attempts: u32,
    /// No retry starts after this, counted from the first try (`max_retry_time`).
    pub max_retry_time: Duration,
    /// The first wait between tries; it doubles each time, up to `max_backoff`.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// The longest `Retry-After` waited for; a longer one ends the download.
    pub retry_after_cap: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 8 << 20,
            max_redirects: 10,
            max_attempts: 3,
            max_retry_time: Duration::from_secs(30),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            retry_after_cap: Duration::from_secs(20),
        }
    }
}

/// A downloaded page.
#[derive(Debug)]
pub struct Fetched {
    /// Where the page was found in the end (after redirects).
    pub url: Url,
    /// The `Content-Type` header, without parameters, lower case.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Downloads pages, one at a time.
pub struct Fetcher {
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
    limits: Limits,
}

impl Fetcher {
    pub fn new(limits: Limits) -> Result<Fetcher, String> {
        let tls = apigen_runtime::transport::ReqwestTransport::rustls_config().map_err(|error| error.to_string())?;
        let client = reqwest::Client::builder()
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.timeout)
            // Redirects are followed below, on the same host only (as the runtime, which
            // follows none, never sends a request to a host it was not given).
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(tls)
            .build()
            .map_err(|error| format!("the HTTP client cannot be built: {error}"))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| format!("the HTTP client cannot start: {error}"))?;
        Ok(Fetcher { client, runtime, limits })
    }

    /// The page at `url`, or why not (one sentence, without the URL).
    pub fn get(&self, url: &Url) -> Result<Fetched, String> {
        self.runtime.block_on(self.get_with_retries(url))
    }

    /// Tries again as the runtime does for a `GET`: after `429`, `502`, `503`, `504` or a
    /// failed connection, waiting the server's `Retry-After` (seconds; a longer one than the cap
    /// ends the download) or a doubling backoff; never after a timeout.
    async fn get_with_retries(&self, url: &Url) -> Result<Fetched, String> {
        let limits = self.limits;
        let started = Instant::now();
        let mut backoff = limits.initial_backoff;
        let mut attempt = 1;
        loop {
            let (message, retry_after) = match self.get_once(url.clone()).await {
                Ok(fetched) => return Ok(fetched),
                Err(Failure::Final(message)) => return Err(message),
                Err(Failure::Transient(message, retry_after)) => (message, retry_after),
            };
            let tries = |attempt: u32| if attempt == 1 { String::new() } else { format!(" (after {attempt} tries)") };
            let wait = match retry_after {
                Some(wait) if wait > limits.retry_after_cap => {
                    return Err(format!(
                        "{message}, and asks to retry after {}; more than {} is not waited for{}",
                        seconds(wait),
                        seconds(limits.retry_after_cap),
                        tries(attempt)
                    ));
                }
                Some(wait) => wait,
                None => backoff,
            };
            if attempt >= limits.max_attempts || started.elapsed() + wait > limits.max_retry_time {
                return Err(format!("{message}{}", tries(attempt)));
            }
            tokio::time::sleep(wait).await;
            backoff = (backoff * 2).min(limits.max_backoff);
            attempt += 1;
        }
    }

    async fn get_once(&self, mut url: Url) -> Result<Fetched, Failure> {
        let limits = self.limits;
        let mut redirects = 0;
        loop {
            if url.scheme() == "http" && !is_loopback(&url) {
                return Err(Failure::Final(format!(
                    "plain http to a host other than loopback is refused ({url}); the page's URL must be https"
                )));
            }
            let mut response = self
                .client
                .get(url.clone())
                .header(ACCEPT, "text/html, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1")
                .header(USER_AGENT, concat!("apigen-importer/", env!("CARGO_PKG_VERSION"), " (docs refresh)"))
                .send()
                .await
                .map_err(|error| describe(error, limits))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .ok_or_else(|| Failure::Final(format!("answered {status} without a Location")))?;
                let next = url.join(location).map_err(|error| {
                    Failure::Final(format!("answered {status} to `{location}`, not a URL: {error}"))
                })?;
                if next.host_str() != url.host_str() || next.port_or_known_default() != url.port_or_known_default() {
                    return Err(Failure::Final(format!(
                        "answered {status}, a redirect to another host ({next}); only redirects on the same host \
                         are followed"
                    )));
                }
                redirects += 1;
                if redirects > limits.max_redirects {
                    return Err(Failure::Final(format!(
                        "more than {} redirects (the last to {next})",
                        limits.max_redirects
                    )));
                }
                url = next;
                continue;
            }
            if !status.is_success() {
                let message = format!("answered {status}");
                return Err(match status.as_u16() {
                    429 | 502 | 503 | 504 => Failure::Transient(message, retry_after(response.headers())),
                    _ => Failure::Final(message),
                });
            }
            let too_large =
                || Failure::Final(format!("the page is larger than the limit of {}", bytes(limits.max_bytes)));
            if response.content_length().is_some_and(|length| length > limits.max_bytes) {
                return Err(too_large());
            }
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .map(|value| value.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|error| describe(error, limits))? {
                if (body.len() + chunk.len()) as u64 > limits.max_bytes {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            return Ok(Fetched { url, content_type, body });
        }
    }
}

/// Why one try failed: for good, or for now (with the server's `Retry-After`, if any).
enum Failure {
    Final(String),
    Transient(String, Option<Duration>),
}

/// `Retry-After` in seconds (the date form is left to the backoff).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Loopback hosts, the only ones plain http may reach (as the runtime's `allow_insecure_http`
/// default).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// A reqwest failure as a sentence, classified by the runtime: a failed connection (before
/// or during the answer) may be tried again, a timeout or anything else not.
fn describe(error: reqwest::Error, limits: Limits) -> Failure {
    let mut source = String::new();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(&error);
    while let Some(inner) = cause {
        source = inner.to_string();
        cause = inner.source();
    }
    let detail = if source.is_empty() { String::new() } else { format!(" ({source})") };
    let kind = TransportError::from_reqwest(error).kind();
    match kind {
        TransportErrorKind::Timeout => {
            Failure::Final(format!("no complete answer within {} (timed out)", seconds(limits.timeout)))
        }
        TransportErrorKind::Connect | TransportErrorKind::Io => {
            Failure::Transient(format!("{}{detail}", kind.summary()), None)
        }
        _ => Failure::Final(format!("{}{detail}", kind.summary())),
    }
}

/// `30 s`, `0.5 s`.
pub fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// `8 MiB`, `1000 bytes`.
fn bytes(count: u64) -> String {
    if count >= 1 << 20 && count.is_multiple_of(1 << 20) {
        format!("{} MiB", count >> 20)
    } else {
        format!("{count} bytes")
    }
}
