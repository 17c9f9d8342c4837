//! `ClientBuilder`: how a generated client is made when more than the defaults are wanted (a
//! [`Config`], another base URL). It only gathers arguments; the client core checks them.

use std::fmt;

use super::config::Config;
use super::core::{ApiSettings, Core};
use super::error::Error;
use super::key::ApiKey;

/// Builds a generated client: `Client::builder(<base URL placeholders>, api_key, <client
/// parameters>)`, then [`config`](Self::config) and [`base_url`](Self::base_url) as needed,
/// then [`build`](Self::build).
///
/// ```no_run
/// # fn run(builder: apigen_runtime::ClientBuilder<()>) -> Result<(), apigen_runtime::Error> {
/// use std::time::Duration;
///
/// // let builder = Client::builder("acme", api_key);
/// let client = builder.config(apigen_runtime::Config::new().request_timeout(Duration::from_secs(5))).build()?;
/// # Ok(())
/// # }
/// ```
///
/// Its `Debug` output shows the base URL only: never the key or a client parameter.
pub struct ClientBuilder<C> {
    base_url: Result<String, Error>,
    api_key: ApiKey,
    header_values: Vec<String>,
    config: Config,
    settings: &'static ApiSettings,
    make: fn(Core) -> Result<C, Error>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let base_url = self.base_url.as_deref().unwrap_or("<invalid>");
        f.debug_struct("ClientBuilder").field("base_url", &base_url).finish_non_exhaustive()
    }
}

impl<C> ClientBuilder<C> {
    /// A builder for the client `make` turns a client core into; generated `builder` methods
    /// call it. `base_url` is the expanded template (or why it could not be expanded);
    /// `header_values` are the values of `settings.client_headers`, in order.
    #[doc(hidden)]
    pub fn new(
        base_url: Result<String, Error>,
        api_key: ApiKey,
        header_values: &[&str],
        settings: &'static ApiSettings,
        make: fn(Core) -> Result<C, Error>,
    ) -> Self {
        let header_values = header_values.iter().map(|value| (*value).to_owned()).collect();
        ClientBuilder { base_url, api_key, header_values, config: Config::default(), settings, make }
    }

    /// Retries, timeouts, limits and transport; [`Config::default`] otherwise.
    #[must_use]
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Any base URL instead of the API's own (such as a local test server,
    /// `http://127.0.0.1:8080/api/`); a missing trailing `/` is added.
    #[must_use]
    pub fn base_url(mut self, base_url: &str) -> Self {
        self.base_url = Ok(base_url.to_owned());
        self
    }

    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] when the base URL is refused (it must start with `https://`, or
    /// `http://` to a loopback address unless [`Config::allow_insecure_http`] is set, with no
    /// credentials, query, fragment or `.`/`..` segments, and a host that is a DNS name, four decimal numbers or an IPv6
    /// address in brackets, with no percent-encoding), a base URL placeholder or client
    /// parameter cannot be sent, or the config is invalid;
    /// [`Error::Runtime`] when a blocking client cannot start its thread.
    pub fn build(self) -> Result<C, Error> {
        let values: Vec<&str> = self.header_values.iter().map(String::as_str).collect();
        let core = Core::with_headers(&self.base_url?, self.api_key, self.settings, &values, self.config)?;
        (self.make)(core)
    }
}
