//! The plain values of the transport API (the `Transport` trait, requests, responses, bodies,
//! transport errors), apart from the default transport so that the configuration and the errors
//! can name them without reaching reqwest's client; `transport` shows them to transport authors.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bytes::Bytes;
use http::HeaderMap;
use http_body_util::BodyExt;
use http_body_util::combinators::UnsyncBoxBody;
use url::Url;

/// A boxed future that can move between threads, as returned by [`Transport::send`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Any error a transport or a body stream may carry as its cause.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent on the wire, e.g. `"PUT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once (`GET`, `PUT`,
    /// `DELETE`); only such requests are retried unless the endpoint is marked safe to retry.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Method> for http::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Patch => http::Method::PATCH,
            Method::Delete => http::Method::DELETE,
        }
    }
}

/// Sends one HTTP request and returns the answer: the one seam between the client and an
/// HTTP stack.
///
/// Implement it to use another HTTP client, or to wrap [`ReqwestTransport`](crate::transport::ReqwestTransport) in middleware
/// (logging, metrics, signing), then pass it to [`Config::transport`](crate::Config::transport). An implementation must
/// not follow redirects: the request carries the API key, which must not reach another host.
///
/// ```
/// use apigen_runtime::{transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError}};
///
/// /// Counts requests, then lets reqwest send them.
/// struct Counting {
///     inner: apigen_runtime::transport::ReqwestTransport,
///     sent: std::sync::atomic::AtomicUsize,
/// }
///
/// impl Transport for Counting {
///     fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
///         self.sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///         self.inner.send(request)
///     }
/// }
/// ```
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and resolves to the answer once its status and headers have arrived;
    /// the body may still be streaming. Fails only when no answer arrived (a status outside
    /// 2xx is an answer, not an error).
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// One request, ready to send: what a [`Transport`] receives.
///
/// Its `Debug` output shows the auth header as `Sensitive`, never the key.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The full URL, path parameters already percent-encoded.
    pub url: Url,
    /// Every header to send: the auth header (marked sensitive), `Accept`, `User-Agent` and,
    /// with a body, `Content-Type: application/json`.
    pub headers: HeaderMap,
    /// The JSON body, if any.
    pub body: Option<Bytes>,
    /// The endpoint's path template, e.g. `/users/:id/`: a low-cardinality name for metrics.
    pub path_template: &'static str,
    /// Which try of the call this is, from 1.
    pub attempt: u32,
}

impl HttpRequest {
    /// A request with no headers and no body, as a first try of an unnamed endpoint: for
    /// testing a transport. The client builds its requests itself.
    pub fn new(method: Method, url: Url) -> Self {
        HttpRequest { method, url, headers: HeaderMap::new(), body: None, path_template: "", attempt: 1 }
    }
}

/// An answer from the server: status and headers, with the body still to be read.
#[derive(Debug)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The status code, e.g. `200`.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body, read by the client up to [`Config::max_response_bytes`](crate::Config::max_response_bytes).
    pub body: Body,
}

impl HttpResponse {
    /// An answer with this status, headers and body.
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Body>) -> Self {
        HttpResponse { status, headers, body: body.into() }
    }
}

/// A response body: bytes already in memory, or an [`http_body::Body`] still streaming.
///
/// The client reads a streaming body frame by frame and stops at the size limit, so a
/// transport should hand the body over unread.
pub struct Body(BodyKind);

enum BodyKind {
    Full(Bytes),
    Streaming(UnsyncBoxBody<Bytes, BoxError>),
}

impl Body {
    /// A body with no bytes.
    pub fn empty() -> Body {
        Body(BodyKind::Full(Bytes::new()))
    }

    /// A body read frame by frame from any [`http_body::Body`], such as hyper's `Incoming`.
    ///
    /// An error of the body becomes a [`TransportError`]: kept as it is when it is one,
    /// otherwise of kind [`TransportErrorKind::Io`].
    pub fn from_http_body<B>(body: B) -> Body
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        Body(BodyKind::Streaming(body.map_err(Into::into).boxed_unsync()))
    }

    /// The next chunk of bytes; `None` at the end.
    pub(crate) async fn next_chunk(&mut self) -> Option<Result<Bytes, TransportError>> {
        match &mut self.0 {
            BodyKind::Full(bytes) => {
                if bytes.is_empty() {
                    None
                } else {
                    Some(Ok(std::mem::take(bytes)))
                }
            }
            BodyKind::Streaming(body) => loop {
                match body.frame().await? {
                    Err(error) => return Some(Err(TransportError::from_body_error(error))),
                    // Trailers carry no bytes of the body.
                    Ok(frame) => match frame.into_data() {
                        Ok(data) if !data.is_empty() => return Some(Ok(data)),
                        Ok(_) | Err(_) => {}
                    },
                }
            },
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            BodyKind::Full(bytes) => write!(f, "Body({} bytes)", bytes.len()),
            BodyKind::Streaming(_) => f.write_str("Body(streaming)"),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body(BodyKind::Full(bytes))
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from(Bytes::from(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from(Bytes::from(text))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from(Bytes::from_static(bytes))
    }
}

/// What kind of failure a [`TransportError`] is; it decides whether the client retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be opened (refused, unreachable, DNS, TLS handshake, connect
    /// timeout). Retried for idempotent calls.
    Connect,
    /// The connection failed after the request started: reset, or closed before the whole
    /// answer arrived. Retried for idempotent calls.
    Io,
    /// The transport's own timeout ran out. Not retried.
    Timeout,
    /// Anything else, such as a request the transport cannot send. Not retried.
    Other,
}

impl TransportErrorKind {
    /// A short description, used in error messages, e.g. `could not connect`.
    pub fn summary(self) -> &'static str {
        match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Io => "the connection failed before the answer was complete",
            TransportErrorKind::Timeout => "request timed out",
            TransportErrorKind::Other => "request failed",
        }
    }
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.summary())
    }
}

/// A request that got no complete answer, as reported by a [`Transport`].
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
}

impl TransportError {
    /// A failure of `kind`, caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        TransportError { kind, source: source.into() }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Classifies an error of reqwest (the default transport). Its URL is dropped: it may hold
    /// whatever a server put in a `next` link, and the error's own `path` says where it was.
    pub fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if error.is_request() || error.is_body() || error.is_decode() {
            TransportErrorKind::Io
        } else {
            TransportErrorKind::Other
        };
        TransportError::new(kind, error)
    }

    fn from_body_error(error: BoxError) -> Self {
        match error.downcast::<TransportError>() {
            Ok(error) => *error,
            Err(error) => match error.downcast::<reqwest::Error>() {
                Ok(error) => TransportError::from_reqwest(*error),
                Err(error) => TransportError::new(TransportErrorKind::Io, error),
            },
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.summary())
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

#[cfg(test)]
mod tests {
    use url::Url;

    use std::error::Error as StdError;

    use bytes::Bytes;

    use super::*;

    #[test]
    fn method_names() {
        assert_eq!(Method::Put.to_string(), "PUT");
        assert_eq!(Method::Delete.as_str(), "DELETE");
        assert_eq!(http::Method::from(Method::Patch), http::Method::PATCH);
        let idempotent: Vec<_> = [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete]
            .into_iter()
            .filter(|method| method.is_idempotent())
            .collect();
        assert_eq!(idempotent, [Method::Get, Method::Put, Method::Delete]);
    }

    #[test]
    fn transport_error_display_and_source() {
        let error = TransportError::new(TransportErrorKind::Connect, "refused");
        assert_eq!(error.to_string(), "could not connect");
        assert_eq!(error.kind(), TransportErrorKind::Connect);
        assert_eq!(StdError::source(&error).map(ToString::to_string).as_deref(), Some("refused"));
        assert_eq!(TransportErrorKind::Io.to_string(), "the connection failed before the answer was complete");
        assert_eq!(TransportErrorKind::Timeout.summary(), "request timed out");
        assert_eq!(TransportErrorKind::Other.summary(), "request failed");
    }

    #[test]
    fn body_errors_keep_their_kind() {
        let kept = TransportError::from_body_error(Box::new(TransportError::new(TransportErrorKind::Timeout, "slow")));
        assert_eq!(kept.kind(), TransportErrorKind::Timeout);
        let other = TransportError::from_body_error("broken pipe".into());
        assert_eq!(other.kind(), TransportErrorKind::Io);
    }

    #[test]
    fn a_bare_request() -> Result<(), url::ParseError> {
        let request = HttpRequest::new(Method::Get, Url::parse("https://acme.example.com/")?);
        assert_eq!((request.headers.len(), request.body, request.path_template, request.attempt), (0, None, "", 1));
        Ok(())
    }

    #[tokio::test]
    async fn full_bodies_yield_their_bytes_once() {
        let mut body = Body::from("abc");
        assert_eq!(format!("{body:?}"), "Body(3 bytes)");
        assert_eq!(body.next_chunk().await.and_then(Result::ok), Some(Bytes::from_static(b"abc")));
        assert!(body.next_chunk().await.is_none());
        assert!(Body::empty().next_chunk().await.is_none());
        assert!(Body::from(Vec::new()).next_chunk().await.is_none());
    }

    #[tokio::test]
    async fn streaming_bodies_skip_empty_frames() {
        let stream = http_body_util::Full::new(Bytes::from_static(b"xyz"));
        let mut body = Body::from_http_body(stream);
        assert_eq!(format!("{body:?}"), "Body(streaming)");
        assert_eq!(body.next_chunk().await.and_then(Result::ok), Some(Bytes::from_static(b"xyz")));
        assert!(body.next_chunk().await.is_none());
    }
}
