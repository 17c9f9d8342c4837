//! The default transport: reqwest's async client, set up from the client's `Config` (connect
//! timeout, no redirects, TLS by rustls with the platform's verifier or by the platform's
//! library).

// The TLS setup is where rustls and reqwest renamed and deprecated their builders; an old name
// here is an error, not a warning to overlook.
#![deny(deprecated)]

use reqwest::redirect;

use super::config::Config;
use super::error::Error;
use super::transport_types::{Body, BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

/// The default [`Transport`]: an async reqwest client (TLS by rustls or the platform's library,
/// as the crate features `rustls` and `native-tls` choose), a connection pool shared
/// by every clone, and no redirects followed.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A reqwest client set up from `config`: its connect timeout, no redirects.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] when the TLS backend cannot be set up.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            // A redirect to another host would carry the key along; surface 3xx instead.
            .redirect(redirect::Policy::none());
        #[cfg(feature = "rustls")]
        let builder = builder.tls_backend_preconfigured(Self::rustls_config()?);
        let client = builder
            .build()
            .map_err(|error| Error::InvalidConfig { message: format!("the http client cannot be built: {error}") })?;
        Ok(ReqwestTransport { client })
    }

    /// Sends through a reqwest client built by the caller (proxies, custom roots, ...). It
    /// should not follow redirects: build it with `redirect(reqwest::redirect::Policy::none())`.
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }

    /// The TLS setup of feature `rustls`: the process's default crypto provider when one is
    /// installed, `ring` otherwise, and the platform's certificate verifier (system roots).
    ///
    /// This crate builds reqwest without a crypto provider of its own (no aws-lc build), so a
    /// reqwest client built elsewhere in the process needs one: either this configuration,
    /// `reqwest::Client::builder().tls_backend_preconfigured(ReqwestTransport::rustls_config()?)`,
    /// or an installed default (`rustls::crypto::ring::default_provider().install_default()`),
    /// or reqwest's own `rustls` feature.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] when the platform's verifier cannot be set up.
    #[cfg(feature = "rustls")]
    pub fn rustls_config() -> Result<rustls::ClientConfig, Error> {
        use rustls_platform_verifier::BuilderVerifierExt as _;
        let provider = rustls::crypto::CryptoProvider::get_default().cloned().unwrap_or_else(ring_provider);
        let invalid = |error: rustls::Error| Error::InvalidConfig { message: format!("TLS cannot be set up: {error}") };
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(invalid)?
            .with_platform_verifier()
            .map_err(invalid)?
            .with_no_client_auth();
        // The runtime builds reqwest without HTTP/2.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(config)
    }
}

/// The *ring* crypto provider, which the `rustls` feature builds (no aws-lc C build).
///
/// rustls 0.23.48 deprecates `ring::default_provider` to steer users to aws-lc-rs, whose
/// provider offers post-quantum key exchange; *ring* has no such groups and no non-deprecated
/// constructor, so this one call is allowed, on purpose. A process that wants post-quantum key
/// exchange installs the aws-lc-rs provider as rustls's default
/// (`CryptoProvider::install_default`), which [`ReqwestTransport::rustls_config`] uses first.
#[cfg(feature = "rustls")]
#[allow(deprecated)]
fn ring_provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    std::sync::Arc::new(rustls::crypto::ring::default_provider())
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let mut builder =
                self.client.request(http::Method::from(request.method), request.url).headers(request.headers);
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let response = builder.send().await.map_err(TransportError::from_reqwest)?;
            let status = response.status().as_u16();
            let (parts, body) = http::Response::from(response).into_parts();
            Ok(HttpResponse::new(status, parts.headers, Body::from_http_body(body)))
        })
    }
}
