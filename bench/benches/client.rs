//! Criterion: the runtime's cost per call. `client.update_user(id, &body)` (validate, build the
//! request, send it, decode the `User`) against a bare reqwest call that sends the very same
//! bytes (method, URL, headers and body, as the first call of the client was seen by the
//! server) and decodes the same `User` from the answer; both to one loopback HTTP/1.1 server
//! (a few lines of tokio) that answers every request with the seed response. Server and calls
//! share one current-thread runtime: with a server thread of its own, both calls moved between
//! about 25 and 75 µs from run to run on a shared 2-core machine, as the scheduler placed the
//! two threads. One criterion group, `client_call`; `cargo xtask bench` reads its medians into
//! BENCHMARKS.md.

use std::hint::black_box;
use std::sync::{Arc, Mutex};

use bench::{RESPONSE, seed_request};
use criterion::{Criterion, criterion_group, criterion_main};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use usercom::runtime::transport::{bytes::Bytes, reqwest};

/// One request as the server read it: the head (request line and headers) and the body.
#[derive(Debug, Clone, Default)]
struct Seen {
    head: String,
    body: Vec<u8>,
}

/// Serves keep-alive HTTP/1.1 on a loopback port, as a task of `runtime` (the one the calls
/// run on: one thread, so no measurement depends on how the scheduler places a second one):
/// every request gets the seed response. The first request is kept in `seen`.
fn serve(runtime: &tokio::runtime::Runtime, seen: Arc<Mutex<Option<Seen>>>) -> u16 {
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = std_listener.local_addr().expect("its address").port();
    std_listener.set_nonblocking(true).expect("non-blocking");
    {
        let _entered = runtime.enter();
        tokio::spawn(async move {
            let listener = TcpListener::from_std(std_listener).expect("a tokio listener");
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{RESPONSE}",
                RESPONSE.len()
            );
            let answer: &'static [u8] = Box::leak(answer.into_bytes().into_boxed_slice());
            loop {
                let Ok((mut stream, _)) = listener.accept().await else { continue };
                let _ = stream.set_nodelay(true);
                let seen = Arc::clone(&seen);
                tokio::spawn(async move {
                    let mut buffer = Vec::with_capacity(8192);
                    loop {
                        // Read until a whole request (head and `content-length` bytes) is in.
                        let (head_end, length) = loop {
                            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                                let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                                let length = head
                                    .lines()
                                    .find_map(|line| line.strip_prefix("content-length:"))
                                    .and_then(|value| value.trim().parse::<usize>().ok())
                                    .unwrap_or(0);
                                if buffer.len() >= end + 4 + length {
                                    break (end + 4, length);
                                }
                            }
                            let mut chunk = [0u8; 8192];
                            match stream.read(&mut chunk).await {
                                Ok(0) | Err(_) => return,
                                Ok(read) => buffer.extend_from_slice(&chunk[..read]),
                            }
                        };
                        {
                            let mut seen = seen.lock().expect("not poisoned");
                            if seen.is_none() {
                                *seen = Some(Seen {
                                    head: String::from_utf8_lossy(&buffer[..head_end - 4]).into_owned(),
                                    body: buffer[head_end..head_end + length].to_vec(),
                                });
                            }
                        }
                        buffer.drain(..head_end + length);
                        if stream.write_all(answer).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    }
    port
}

fn client_call(c: &mut Criterion) {
    let seen = Arc::new(Mutex::new(None));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let port = serve(&runtime, Arc::clone(&seen));
    let base = format!("http://127.0.0.1:{port}/api/public/");
    let client = usercom::Client::with_base_url(&base, "bench-key").expect("a client");
    let body = seed_request();
    let user = runtime.block_on(client.update_user(19678376, &body)).expect("the call succeeds");
    assert_eq!(user.id, 19678376);

    // The bare call replays what the server saw of the client's call.
    let Seen { head, body: sent } = seen.lock().expect("not poisoned").clone().expect("a request was seen");
    let mut lines = head.lines();
    let request_line = lines.next().expect("a request line");
    let mut parts = request_line.split(' ');
    let method = reqwest::Method::from_bytes(parts.next().expect("a method").as_bytes()).expect("a method");
    let url = format!("http://127.0.0.1:{port}{}", parts.next().expect("a target"));
    let mut headers = reqwest::header::HeaderMap::new();
    for line in lines {
        let (name, value) = line.split_once(':').expect("a header line");
        let name = reqwest::header::HeaderName::from_bytes(name.trim().as_bytes()).expect("a header name");
        // reqwest writes these two itself, as it did for the client.
        if name == reqwest::header::HOST || name == reqwest::header::CONTENT_LENGTH {
            continue;
        }
        headers.append(name, value.trim().parse().expect("a header value"));
    }
    let sent = Bytes::from(sent);
    // Set up as the client's own reqwest client: no redirects, the runtime's TLS (reqwest is
    // built without a crypto provider of its own).
    let tls = usercom::runtime::transport::ReqwestTransport::rustls_config().expect("TLS");
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_backend_preconfigured(tls)
        .build()
        .expect("a client");
    let bare_call = || async {
        let response =
            bare.request(method.clone(), &url).headers(headers.clone()).body(sent.clone()).send().await.expect("sent");
        assert!(response.status().is_success());
        let bytes = response.bytes().await.expect("a body");
        serde_json::from_slice::<usercom::User>(&bytes).expect("decodes")
    };
    assert_eq!(runtime.block_on(bare_call()).id, 19678376);

    let mut group = c.benchmark_group("client_call");
    group.bench_function("usercom_update_user", |b| {
        b.iter(|| {
            runtime.block_on(client.update_user(black_box(19678376), black_box(&body))).expect("the call succeeds")
        })
    });
    group.bench_function("bare_reqwest", |b| b.iter(|| runtime.block_on(bare_call())));
    group.finish();
}

criterion_group!(benches, client_call);
criterion_main!(benches);
