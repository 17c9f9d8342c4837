//! The pluggable transport: a caller's own `Transport` gets plain request values and the
//! retries, timeouts and size limit above it still apply; middleware can wrap reqwest.

mod common;

use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use apigen_runtime::transport::bytes::Bytes;
use apigen_runtime::transport::http::HeaderMap;
use apigen_runtime::transport::http_body::{self, Frame};
use apigen_runtime::{
    __codegen::{Core, Flavor},
    Error,
    transport::{
        Body, BoxFuture, HttpRequest, HttpResponse, Method, ReqwestTransport, Transport, TransportError,
        TransportErrorKind,
    },
};
use common::{Json, KEY, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::{Value, json};

type Answer = Box<dyn Fn(usize) -> Result<HttpResponse, TransportError> + Send + Sync>;

/// A transport without any network: it records each request and answers from a script.
struct Scripted {
    seen: Mutex<Vec<HttpRequest>>,
    answer: Answer,
}

impl Scripted {
    fn new(answer: impl Fn(usize) -> Result<HttpResponse, TransportError> + Send + Sync + 'static) -> Arc<Self> {
        Arc::new(Scripted { seen: Mutex::new(Vec::new()), answer: Box::new(answer) })
    }

    fn seen(&self) -> Vec<HttpRequest> {
        self.seen.lock().map(|seen| seen.clone()).unwrap_or_default()
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let answer = match self.seen.lock() {
            Ok(mut seen) => {
                seen.push(request);
                (self.answer)(seen.len() - 1)
            }
            Err(_) => Err(TransportError::new(TransportErrorKind::Other, "poisoned")),
        };
        Box::pin(async move { answer })
    }
}

fn ok_json(body: &'static str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(200, HeaderMap::new(), body))
}

fn core_with(transport: impl Transport) -> Core {
    Core::with_transport("https://acme.user.com/api/public", KEY.into(), &SETTINGS, fast_config(), transport)
        .expect("valid settings")
}

async fn put_user(core: &Core) -> Result<Value, Error> {
    core.put("/users/:id/", &[&"a b"]).body(&Json(&json!({"email": "x@y.z"}))).send().await
}

#[tokio::test]
async fn a_custom_transport_gets_plain_requests_and_its_answers_are_decoded() {
    let transport = Scripted::new(|_| ok_json(r#"{"id": 7}"#));
    let core = core_with(Arc::clone(&transport));

    assert_eq!(put_user(&core).await.expect("decoded"), json!({"id": 7}));

    let seen = transport.seen();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.method, Method::Put);
    assert_eq!(request.url.as_str(), "https://acme.user.com/api/public/users/a%20b/");
    assert_eq!((request.path_template, request.attempt), ("/users/:id/", 1));
    assert_eq!(request.body.as_deref(), Some(&br#"{"email":"x@y.z"}"#[..]));
    let header = |name: &str| request.headers.get(name).and_then(|value| value.to_str().ok());
    assert_eq!(header("authorization"), Some(format!("Token {KEY}").as_str()));
    assert_eq!(header("accept"), Some("*/*; version=2"));
    assert_eq!(header("content-type"), Some("application/json"));
    assert_eq!(header("user-agent"), Some(concat!("usercom/", env!("CARGO_PKG_VERSION"))));
    let printed = format!("{request:?}");
    assert!(printed.contains("\"authorization\": Sensitive"), "{printed}");
    assert!(!printed.contains(KEY), "{printed}");
}

#[tokio::test]
async fn retries_apply_above_any_transport() {
    let transport = Scripted::new(|n| match n {
        0 => Err(TransportError::new(TransportErrorKind::Connect, "refused")),
        1 => Err(TransportError::new(TransportErrorKind::Io, "reset")),
        2 => Ok(HttpResponse::new(503, HeaderMap::new(), Body::empty())),
        _ => ok_json("[]"),
    });
    let core = core_with(Arc::clone(&transport));

    assert_eq!(put_user(&core).await.expect("fourth try"), json!([]));

    let attempts: Vec<u32> = transport.seen().iter().map(|request| request.attempt).collect();
    assert_eq!(attempts, [1, 2, 3, 4]);
}

#[tokio::test]
async fn transport_timeouts_and_other_failures_are_not_retried() {
    for kind in [TransportErrorKind::Timeout, TransportErrorKind::Other] {
        let transport = Scripted::new(move |_| Err(TransportError::new(kind, "gave up")));
        let core = core_with(Arc::clone(&transport));

        let error = put_user(&core).await.expect_err("fails");

        assert_eq!(error.to_string(), format!("PUT /api/public/users/a%20b/: {}", kind.summary()));
        assert_eq!((error.attempts(), transport.seen().len()), (1, 1));
    }
}

#[tokio::test]
async fn the_request_timeout_applies_to_any_transport() {
    struct Never;
    impl Transport for Never {
        fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(std::future::pending())
        }
    }
    let config = fast_config().request_timeout(Duration::from_millis(50));
    let core = Core::with_transport("https://acme.user.com/", KEY.into(), &SETTINGS, config, Never).expect("core");

    let error = put_user(&core).await.expect_err("times out");

    assert_eq!(error.to_string(), "PUT /users/a%20b/: no complete answer within 50ms");
}

/// An endless body that counts the frames the client pulled.
struct Endless {
    pulled: Arc<AtomicUsize>,
}

const FRAME: usize = 64 * 1024;

impl http_body::Body for Endless {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.pulled.fetch_add(1, Ordering::SeqCst);
        Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(&[b' '; FRAME])))))
    }
}

#[tokio::test]
async fn a_streaming_body_is_read_no_further_than_the_cap() {
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&pulled);
    let transport = Scripted::new(move |_| {
        let body = Body::from_http_body(Endless { pulled: Arc::clone(&counter) });
        Ok(HttpResponse::new(200, HeaderMap::new(), body))
    });
    let config = fast_config().max_response_bytes(10 * FRAME as u64);
    let core = Core::with_transport("https://acme.user.com/", KEY.into(), &SETTINGS, config, transport).expect("core");

    let error = put_user(&core).await.expect_err("endless");

    assert_eq!(error.to_string(), "PUT /users/a%20b/: the response body is larger than the limit of 655360 bytes");
    assert_eq!(pulled.load(Ordering::SeqCst), 11, "ten frames fit, the eleventh is over the cap");
}

#[tokio::test]
async fn a_content_length_over_the_cap_is_refused_unread() {
    let pulled = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&pulled);
    let transport = Scripted::new(move |_| {
        let mut headers = HeaderMap::new();
        headers.insert("content-length", "1048577".parse().expect("header value"));
        let body = Body::from_http_body(Endless { pulled: Arc::clone(&counter) });
        Ok(HttpResponse::new(200, headers, body))
    });
    let config = fast_config().max_response_bytes(1024 * 1024);
    let core = Core::with_transport("https://acme.user.com/", KEY.into(), &SETTINGS, config, transport).expect("core");

    let error = put_user(&core).await.expect_err("too large");

    assert!(matches!(error, Error::ResponseTooLarge { limit: 1048576, .. }), "{error:?}");
    assert_eq!(pulled.load(Ordering::SeqCst), 0);
}

/// Middleware: counts requests, records their URLs, then lets reqwest send them.
struct Recording {
    inner: ReqwestTransport,
    urls: Mutex<Vec<String>>,
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        if let Ok(mut urls) = self.urls.lock() {
            urls.push(request.url.to_string());
        }
        self.inner.send(request)
    }
}

#[tokio::test]
async fn middleware_around_the_default_transport() {
    bounded(async {
        let server =
            Server::start(|n, _| if n == 0 { Reply::status(502) } else { Reply::json(200, r#"{"id":1}"#) }).await;
        let config = fast_config();
        let recording = Arc::new(Recording {
            inner: ReqwestTransport::new(&config).expect("reqwest"),
            urls: Mutex::new(Vec::new()),
        });
        let core =
            Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, config.transport(Arc::clone(&recording)))
                .expect("core");

        let answer: Value = core.get("/users/", &[]).send().await.expect("ok");

        assert_eq!(answer, json!({"id": 1}));
        let urls = recording.urls.lock().map(|urls| urls.clone()).unwrap_or_default();
        let expected = format!("{}users/", server.base_url());
        assert_eq!(urls, [expected.clone(), expected]);
        assert_eq!(server.request_count(), 2);
        assert!(format!("{:?}", core.config()).contains("transport: \"custom\""));
    })
    .await;
}

#[test]
fn core_and_client_are_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Core>();
    assert_traits::<apigen_runtime::__codegen::BlockingCore>();
    assert_traits::<apigen_runtime::Config>();
    assert_traits::<ReqwestTransport>();
    fn assert_send<T: Send + 'static>() {}
    assert_send::<HttpRequest>();
    assert_send::<HttpResponse>();
    assert_send::<Error>();
}
