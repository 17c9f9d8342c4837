//! Downloads one docs page over HTTP(S) with the limits of the client runtime: a connect
//! timeout and a timeout for the whole answer, a cap on the body's size, redirects followed
//! only on the same host, and every failure as one sentence. It uses reqwest (which the runtime
//! builds) with the runtime's TLS setup, on a one-thread tokio runtime.

use std::time::Duration;

use reqwest::Url;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION, USER_AGENT};

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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 8 << 20,
            max_redirects: 10,
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
        let tls = apigen_runtime::ReqwestTransport::rustls_config().map_err(|error| error.to_string())?;
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
        self.runtime.block_on(self.get_async(url.clone()))
    }

    async fn get_async(&self, mut url: Url) -> Result<Fetched, String> {
        let limits = self.limits;
        let mut redirects = 0;
        loop {
            let mut response = self
                .client
                .get(url.clone())
                .header(ACCEPT, "text/html, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1")
                .header(USER_AGENT, concat!("apigen-importer/", env!("CARGO_PKG_VERSION"), " (docs refresh)"))
                .send()
                .await
                .map_err(|error| describe(&error, limits))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .ok_or_else(|| format!("answered {status} without a Location"))?;
                let next = url
                    .join(location)
                    .map_err(|error| format!("answered {status} to `{location}`, not a URL: {error}"))?;
                if next.host_str() != url.host_str() || next.port_or_known_default() != url.port_or_known_default() {
                    return Err(format!(
                        "answered {status}, a redirect to another host ({next}); only redirects on the same host \
                         are followed"
                    ));
                }
                redirects += 1;
                if redirects > limits.max_redirects {
                    return Err(format!("more than {} redirects (the last to {next})", limits.max_redirects));
                }
                url = next;
                continue;
            }
            if !status.is_success() {
                return Err(format!("answered {status}"));
            }
            let too_large = || format!("the page is larger than the limit of {}", bytes(limits.max_bytes));
            if response.content_length().is_some_and(|length| length > limits.max_bytes) {
                return Err(too_large());
            }
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .map(|value| value.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|error| describe(&error, limits))? {
                if (body.len() + chunk.len()) as u64 > limits.max_bytes {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            return Ok(Fetched { url, content_type, body });
        }
    }
}

/// A reqwest failure as a sentence: timeouts and connection failures said plainly.
fn describe(error: &reqwest::Error, limits: Limits) -> String {
    let mut source = String::new();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(error);
    while let Some(inner) = cause {
        source = inner.to_string();
        cause = inner.source();
    }
    let detail = if source.is_empty() { String::new() } else { format!(" ({source})") };
    if error.is_timeout() {
        format!("no complete answer within {} (timed out)", seconds(limits.timeout))
    } else if error.is_connect() {
        format!("could not connect{detail}")
    } else if error.is_body() || error.is_decode() {
        format!("the connection failed before the answer was complete{detail}")
    } else {
        format!("request failed{detail}")
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
