//! Fault injection against a real server on 127.0.0.1: rate limits, outages, refused and
//! silent connections, broken and oversized bodies, HTML, redirects and load. Each test counts
//! exactly what the server received and checks the exact error.

mod common;

use std::time::{Duration, SystemTime};

use apigen_runtime::{
    __codegen::{Core, Flavor},
    Config, Error,
    transport::{Method, TransportErrorKind},
};
use common::{Json, KEY, Recorded, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::{Value, json};

fn core(server_url: &str, config: Config) -> Core {
    Core::with_config(server_url, KEY.into(), &SETTINGS, config).expect("valid settings")
}

async fn get_user(core: &Core, id: &str) -> Result<Value, Error> {
    common::get_user(core, id).await
}

async fn call(core: &Core, method: Method, body: &Value) -> Result<Value, Error> {
    common::call_user(core, method, "7", body).await
}

/// A port with nothing listening: bound, then released.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("free port").port()
}

#[tokio::test]
async fn rate_limited_with_retry_after_1_then_success() {
    bounded(async {
        let server = Server::start(|n, _| match n {
            0 => Reply::json(429, r#"{"detail":"Request was throttled."}"#).with_header("retry-after", "1"),
            _ => Reply::json(200, r#"{"id":7}"#),
        })
        .await;
        let core = core(&server.base_url(), fast_config());

        let user = get_user(&core, "7").await.expect("the retry succeeds");

        assert_eq!(user, json!({"id": 7}));
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        let waited = requests[1].at.duration_since(requests[0].at);
        assert!(waited >= Duration::from_millis(950), "Retry-After: 1 was honoured, waited {waited:?}");
    })
    .await;
}

#[tokio::test]
async fn unavailable_three_times_then_success() {
    bounded(async {
        let server =
            Server::start(|n, _| if n < 3 { Reply::status(503) } else { Reply::json(200, r#"{"id":7}"#) }).await;
        let core = core(&server.base_url(), fast_config());

        let user = call(&core, Method::Put, &json!({"first_name": "Jane"})).await.expect("the fourth try succeeds");

        assert_eq!(user, json!({"id": 7}));
        let requests = server.requests();
        assert_eq!(requests.len(), 4);
        for request in &requests {
            assert_eq!((request.method.as_str(), request.path.as_str()), ("PUT", "/api/public/users/7/"));
            assert_eq!(request.body, br#"{"first_name":"Jane"}"#);
            assert_eq!(request.header("authorization"), Some(format!("Token {KEY}").as_str()));
        }
    })
    .await;
}

#[tokio::test]
async fn unavailable_forever_gives_up_after_the_configured_attempts() {
    bounded(async {
        let server = Server::start(|n, _| {
            Reply::json(503, r#"{"detail":"Down for maintenance."}"#).with_header("x-request-id", format!("req-{n}"))
        })
        .await;
        let core = core(&server.base_url(), fast_config().max_attempts(3));

        let error = get_user(&core, "7").await.expect_err("never succeeds");

        assert_eq!(server.request_count(), 3);
        assert_eq!(error.to_string(), "GET /api/public/users/7/: server answered 503 Service Unavailable");
        assert_eq!((error.status(), error.attempts(), error.is_retryable()), (Some(503), 3, true));
        let status = error.as_status().expect("a status error");
        assert_eq!(status.detail(), Some("Down for maintenance."));
        assert_eq!(status.request_id(), Some("req-2"), "the last answer is kept");
    })
    .await;
}

#[tokio::test]
async fn post_with_503_is_not_retried() {
    bounded(async {
        let server = Server::start(|_, _| Reply::status(503)).await;
        let core = core(&server.base_url(), fast_config());

        let error = call(&core, Method::Post, &json!({"name": "x"})).await.expect_err("503");

        assert_eq!(server.request_count(), 1);
        assert_eq!(error.to_string(), "POST /api/public/users/7/: server answered 503 Service Unavailable");
        assert_eq!((error.attempts(), error.is_retryable()), (1, true));

        let error = call(&core, Method::Patch, &json!({})).await.expect_err("503");
        assert_eq!((server.request_count(), error.attempts()), (2, 1), "PATCH is not retried either");
    })
    .await;
}

#[tokio::test]
async fn post_marked_retry_safe_is_retried() {
    bounded(async {
        let server =
            Server::start(|n, _| if n == 0 { Reply::status(503) } else { Reply::json(200, r#"{"ok":true}"#) }).await;
        let core = core(&server.base_url(), fast_config());

        let body = json!({"q": 1});
        let answer: Value =
            core.post("/users/search/", &[]).body(&Json(&body)).retry_safe().send().await.expect("retried");

        assert_eq!(answer, json!({"ok": true}));
        assert_eq!(server.request_count(), 2);
    })
    .await;
}

#[tokio::test]
async fn connection_refused() {
    bounded(async {
        let core = core(&format!("http://127.0.0.1:{}/api/public/", closed_port()), fast_config());

        let error = get_user(&core, "7").await.expect_err("refused");

        assert_eq!(error.to_string(), "GET /api/public/users/7/: could not connect");
        assert!(
            matches!(&error, Error::Transport { source, attempts: 4, .. } if source.kind() == TransportErrorKind::Connect),
            "{error:?}"
        );
        assert!(error.is_retryable());
        assert!(std::error::Error::source(&error).is_some_and(|source| source.source().is_some()));

        let error = call(&core, Method::Post, &json!({})).await.expect_err("refused");
        assert_eq!((error.to_string().as_str(), error.attempts()), ("POST /api/public/users/7/: could not connect", 1));
    })
    .await;
}

#[tokio::test]
async fn a_server_that_accepts_and_never_answers_times_out() {
    bounded(async {
        let server = Server::start(|_, _| Reply::Hang).await;
        let core = core(&server.base_url(), fast_config().request_timeout(Duration::from_millis(300)));

        let error = get_user(&core, "7").await.expect_err("no answer");

        assert_eq!(error.to_string(), "GET /api/public/users/7/: no complete answer within 300ms");
        assert!(matches!(error, Error::Timeout { attempts: 1, .. }), "{error:?}");
        assert!(!error.is_retryable());
        assert_eq!(server.request_count(), 1, "a timed-out try is not retried");
    })
    .await;
}

#[tokio::test]
async fn a_body_that_stalls_times_out_too() {
    bounded(async {
        // The head at once, then part of the body and silence: the timeout covers the whole answer.
        let server =
            Server::start(|_, _| Reply::Stall(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n{\"id\"".to_vec())).await;
        let core = core(&server.base_url(), fast_config().request_timeout(Duration::from_millis(300)));

        let error = get_user(&core, "7").await.expect_err("the body never completes");

        assert_eq!(error.to_string(), "GET /api/public/users/7/: no complete answer within 300ms");
        assert_eq!(server.request_count(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_body_cut_off_mid_json() {
    bounded(async {
        let server = Server::start(|_, _| {
            Reply::Raw(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\": 7, \"na"
                    .to_vec(),
            )
        })
        .await;
        let core = core(&server.base_url(), fast_config());

        let error = get_user(&core, "7").await.expect_err("cut off");

        assert_eq!(error.to_string(), "GET /api/public/users/7/: the connection failed before the answer was complete");
        assert!(
            matches!(&error, Error::Transport { source, attempts: 4, .. } if source.kind() == TransportErrorKind::Io),
            "{error:?}"
        );
        assert_eq!(server.request_count(), 4, "a broken answer to a GET is retried");

        let error = call(&core, Method::Post, &json!({})).await.expect_err("cut off");
        assert_eq!(error.attempts(), 1);
        assert_eq!(server.request_count(), 5, "a broken answer to a POST is not");
    })
    .await;
}

fn chunked(body: &[u8], chunk: usize) -> Vec<u8> {
    let mut raw = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for piece in body.chunks(chunk) {
        raw.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        raw.extend_from_slice(piece);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    raw
}

/// A JSON string of exactly `len` bytes.
fn json_of_len(len: usize) -> Vec<u8> {
    let mut body = vec![b'a'; len];
    body[0] = b'"';
    body[len - 1] = b'"';
    body
}

#[tokio::test]
async fn a_20_mib_body_is_refused_at_the_cap() {
    bounded(async {
        let big = json_of_len(20 * 1024 * 1024);
        let announced = big.clone();
        let server =
            Server::start(move |_, _| Reply::Respond { status: 200, headers: Vec::new(), body: announced.clone() })
                .await;
        let core = core(&server.base_url(), fast_config());

        let error = get_user(&core, "7").await.expect_err("too large");

        assert_eq!(
            error.to_string(),
            "GET /api/public/users/7/: the response body is larger than the limit of 8388608 bytes"
        );
        assert!(matches!(error, Error::ResponseTooLarge { attempts: 1, status: 200, limit: 8388608, .. }), "{error:?}");
        assert_eq!(server.request_count(), 1, "not retried");

        // Without Content-Length the client counts while reading, and stops at the cap.
        let streamed = chunked(&big, 64 * 1024);
        let server = Server::start(move |_, _| Reply::Raw(streamed.clone())).await;
        let core = self::core(&server.base_url(), fast_config());
        let error = get_user(&core, "7").await.expect_err("too large");
        assert_eq!(
            error.to_string(),
            "GET /api/public/users/7/: the response body is larger than the limit of 8388608 bytes"
        );
        assert_eq!(server.request_count(), 1);
    })
    .await;
}

#[tokio::test]
async fn the_cap_is_inclusive_and_applies_to_error_bodies() {
    bounded(async {
        let server = Server::start(|n, _| match n {
            0 => Reply::Respond { status: 200, headers: Vec::new(), body: json_of_len(1024) },
            1 => Reply::Raw(chunked(&json_of_len(1025), 100)),
            _ => Reply::Respond { status: 400, headers: Vec::new(), body: json_of_len(1025) },
        })
        .await;
        let core = core(&server.base_url(), fast_config().max_response_bytes(1024));

        let exact = get_user(&core, "7").await.expect("exactly at the cap");
        assert_eq!(exact.as_str().map(str::len), Some(1022));
        let streamed = get_user(&core, "7").await.expect_err("one byte over, counted while reading");
        assert_eq!(
            streamed.to_string(),
            "GET /api/public/users/7/: the response body is larger than the limit of 1024 bytes"
        );
        let error_body = get_user(&core, "7").await.expect_err("over, on an error answer");
        assert!(matches!(error_body, Error::ResponseTooLarge { status: 400, .. }), "{error_body:?}");
    })
    .await;
}

#[tokio::test]
async fn html_instead_of_json() {
    bounded(async {
        let html = "<html><body><h1>Maintenance</h1></body></html>";
        let server = Server::start(move |n, _| Reply::Respond {
            status: if n == 0 { 200 } else { 502 },
            headers: vec![("content-type", "text/html".to_owned())],
            body: html.as_bytes().to_vec(),
        })
        .await;
        let core = core(&server.base_url(), fast_config().max_attempts(2));

        let error = get_user(&core, "7").await.expect_err("not JSON");
        assert_eq!(
            error.to_string(),
            "GET /api/public/users/7/: response does not decode at `.`: expected value at line 1 column 1"
        );
        let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
        assert_eq!((decode.body.as_str(), decode.attempts), (html, 1));

        let error = get_user(&core, "7").await.expect_err("502 with HTML");
        assert_eq!(error.to_string(), "GET /api/public/users/7/: server answered 502 Bad Gateway");
        let status = error.as_status().expect("status error");
        assert_eq!((status.body.as_str(), status.json.as_ref(), status.attempts), (html, None, 2));
        assert_eq!(server.request_count(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    bounded(async {
        let elsewhere = Server::start(|_, _| Reply::json(200, r#"{"stolen":true}"#)).await;
        let target = format!("http://localhost:{}/api/public/users/7/", elsewhere.port());
        let statuses = [301u16, 302, 303, 307, 308];
        let server =
            Server::start(move |n, _| Reply::status(statuses[n % 5]).with_header("location", target.clone())).await;
        let core = core(&server.base_url(), fast_config());

        for expected in statuses {
            let error = call(&core, Method::Put, &json!({"email": "a@b.c"})).await.expect_err("3xx");
            assert_eq!(error.status(), Some(expected));
            let location = error.as_status().and_then(|status| status.headers.get("location")).cloned();
            assert_eq!(
                location.as_ref().and_then(|v| v.to_str().ok()),
                Some(format!("http://localhost:{}/api/public/users/7/", elsewhere.port()).as_str())
            );
            assert_eq!(error.attempts(), 1);
        }
        assert_eq!(server.request_count(), 5);
        assert_eq!(elsewhere.request_count(), 0, "nothing, so no key, reached the other host");
        assert_eq!(elsewhere.connection_count(), 0);
    })
    .await;
}

fn echo_id(_: usize, request: &Recorded) -> Reply {
    let id = request.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
    Reply::json(200, &format!(r#"{{"id":"{id}"}}"#))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_calls_through_one_client() {
    bounded(async {
        let server = Server::start(echo_id).await;
        let core = core(&server.base_url(), fast_config());

        let mut calls = tokio::task::JoinSet::new();
        for n in 0..200 {
            let core = core.clone();
            calls.spawn(async move { (n, get_user(&core, &n.to_string()).await) });
        }
        let mut answered = Vec::new();
        while let Some(joined) = calls.join_next().await {
            let (n, answer) = joined.expect("the task ran");
            assert_eq!(answer.expect("every call succeeds"), json!({"id": n.to_string()}));
            answered.push(n);
        }

        answered.sort_unstable();
        assert_eq!(answered, (0..200).collect::<Vec<_>>());
        assert_eq!(server.request_count(), 200);
        assert!((1..=200).contains(&server.connection_count()), "{}", server.connection_count());
    })
    .await;
}

#[tokio::test]
async fn clones_share_one_connection_pool() {
    bounded(async {
        let server = Server::start(echo_id).await;
        let core = core(&server.base_url(), fast_config());
        let clone = core.clone();

        get_user(&core, "1").await.expect("first call");
        get_user(&clone, "2").await.expect("second call, through a clone");
        get_user(&core.clone(), "3").await.expect("third call");

        assert_eq!(server.request_count(), 3);
        assert_eq!(server.connection_count(), 1, "one kept-alive connection served all three");
    })
    .await;
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_ends_the_call() {
    bounded(async {
        let server = Server::start(|_, _| Reply::status(429).with_header("retry-after", "3600")).await;
        let core = core(&server.base_url(), fast_config());

        let error = get_user(&core, "7").await.expect_err("429");

        assert_eq!(server.request_count(), 1);
        assert_eq!(error.to_string(), "GET /api/public/users/7/: server answered 429 Too Many Requests");
        assert_eq!((error.retry_after(), error.attempts()), (Some(Duration::from_secs(3600)), 1));
    })
    .await;
}

#[tokio::test]
async fn a_wait_beyond_the_max_retry_time_ends_the_call() {
    bounded(async {
        let server = Server::start(|_, _| Reply::status(503).with_header("retry-after", "1")).await;
        let core = core(&server.base_url(), fast_config().max_retry_time(Duration::from_millis(500)));

        let error = get_user(&core, "7").await.expect_err("503");

        assert_eq!((server.request_count(), error.attempts(), error.status()), (1, 1, Some(503)));
    })
    .await;
}

#[tokio::test]
async fn retry_after_as_an_http_date() {
    bounded(async {
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(60));
        let server = Server::start(move |n, _| match n {
            0 => Reply::status(503).with_header("retry-after", past.clone()),
            _ => Reply::json(200, "{}"),
        })
        .await;
        let core = core(&server.base_url(), fast_config());

        get_user(&core, "7").await.expect("a date in the past means retry now");

        assert_eq!(server.request_count(), 2);
    })
    .await;
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    bounded(async {
        let server = Server::start(|n, _| Reply::status([500, 400, 401, 404][n % 4])).await;
        let core = core(&server.base_url(), fast_config());
        for expected in [500, 400, 401, 404] {
            let error = get_user(&core, "7").await.expect_err("error status");
            assert_eq!((error.status(), error.attempts(), error.is_retryable()), (Some(expected), 1, false));
        }
        assert_eq!(server.request_count(), 4);
    })
    .await;
}

#[tokio::test]
async fn a_connection_that_cannot_be_opened_in_time() {
    bounded(async {
        // A listener that never accepts, with its accept queue full: the kernel drops further
        // SYNs, so a new connection hangs in the handshake until the connect timeout.
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket.bind("127.0.0.1:0".parse().expect("address")).expect("bind");
        let listener = socket.listen(1).expect("listen");
        let addr = listener.local_addr().expect("address");
        let mut fillers = Vec::new();
        for _ in 0..8 {
            let socket = tokio::net::TcpSocket::new_v4().expect("socket");
            match tokio::time::timeout(Duration::from_millis(200), socket.connect(addr)).await {
                Ok(Ok(stream)) => fillers.push(stream),
                _ => break,
            }
        }
        let config = fast_config().max_attempts(2).connect_timeout(Duration::from_millis(200));
        let core = core(&format!("http://{addr}/api/public/"), config);

        let error = get_user(&core, "7").await.expect_err("no connection");

        assert_eq!(error.to_string(), "GET /api/public/users/7/: could not connect");
        assert!(
            matches!(&error, Error::Transport { source, attempts: 2, .. } if source.kind() == TransportErrorKind::Connect),
            "{error:?}"
        );
        let cause = std::error::Error::source(&error).and_then(|source| source.source());
        let cause = cause.and_then(|cause| cause.downcast_ref::<apigen_runtime::transport::reqwest::Error>());
        assert!(cause.is_some_and(|cause| cause.is_connect() && cause.is_timeout()), "{cause:?}");
        drop((fillers, listener));
    })
    .await;
}
