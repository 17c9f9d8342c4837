//! A scripted HTTP/1.1 server on 127.0.0.1 for fault injection: it records every request and
//! answers each with a [`Reply`] chosen by its index, including broken answers no real HTTP
//! library would send. It stops when dropped. Shared by the runtime's tests and the generated
//! client's (`generated/tests/common` includes this file).

#![allow(dead_code)] // each test binary uses a part

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apigen_runtime::Config;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// A key to look for in everything the client prints.
pub const KEY: &str = "k3y-d0-n0t-l3ak-0123456789abcdef0123456789abcdef0123456789abcdef";

/// Settings that keep fault tests short: tiny backoff, short timeouts.
pub fn fast_config() -> Config {
    Config::new()
        .max_attempts(4)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .max_retry_time(Duration::from_secs(10))
        .retry_after_cap(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
        .request_timeout(Duration::from_secs(5))
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Lower-case names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// What the server does with one request.
pub enum Reply {
    /// A well-formed answer with `Content-Length`; the connection stays open.
    Respond { status: u16, headers: Vec<(&'static str, String)>, body: Vec<u8> },
    /// These exact bytes, then the connection is closed.
    Raw(Vec<u8>),
    /// No answer: the connection stays open, unread, until the client leaves (at most 60 s).
    Hang,
    /// These bytes (say, a head and part of a body), then nothing more, as [`Reply::Hang`].
    Stall(Vec<u8>),
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::Respond { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn with_header(self, name: &'static str, value: impl Into<String>) -> Reply {
        match self {
            Reply::Respond { status, mut headers, body } => {
                headers.push((name, value.into()));
                Reply::Respond { status, headers, body }
            }
            other => other,
        }
    }
}

type Script = dyn Fn(usize, &Recorded) -> Reply + Send + Sync;

struct Shared {
    script: Box<Script>,
    requests: Mutex<Vec<Recorded>>,
    connections: AtomicUsize,
}

/// The running server.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Server {
    /// Listens on a free port of 127.0.0.1 and answers request number `n` (from 0, over all
    /// connections) with `script(n, &request)`.
    pub async fn start(script: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_on("127.0.0.1", script).await
    }

    /// [`Server::start`] on another local address, e.g. `127.0.0.2` (all of `127.0.0.0/8`
    /// is loopback on Linux): a "foreign host" that must never be reached.
    pub async fn start_on(ip: &str, script: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind((ip, 0)).await.unwrap_or_else(|error| panic!("bind {ip}: {error}"));
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            script: Box::new(script),
            requests: Mutex::new(Vec::new()),
            connections: AtomicUsize::new(0),
        });
        let task = tokio::spawn(serve(listener, Arc::clone(&shared)));
        Server { addr, shared, task }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://<ip>:<port>`, no trailing slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The API's base URL on this server.
    pub fn base_url(&self) -> String {
        format!("http://{}/api/public/", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().map(|requests| requests.clone()).unwrap_or_default()
    }

    pub fn request_count(&self) -> usize {
        self.shared.requests.lock().map(|requests| requests.len()).unwrap_or_default()
    }

    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Aborting the accept loop drops its `JoinSet`, which aborts every connection.
        self.task.abort();
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { return };
                shared.connections.fetch_add(1, Ordering::SeqCst);
                connections.spawn(serve_connection(stream, Arc::clone(&shared)));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>) {
    let mut stream = BufReader::new(stream);
    loop {
        let Some(request) = read_request(&mut stream).await else { return };
        let reply = {
            let Ok(mut requests) = shared.requests.lock() else { return };
            let index = requests.len();
            requests.push(request.clone());
            drop(requests);
            (shared.script)(index, &request)
        };
        match reply {
            Reply::Respond { status, headers, body } => {
                let mut head = format!("HTTP/1.1 {status} Scripted\r\ncontent-length: {}\r\n", body.len());
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let stream = stream.get_mut();
                if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(&body).await.is_err() {
                    return;
                }
            }
            Reply::Raw(bytes) => {
                let stream = stream.get_mut();
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return;
            }
            Reply::Hang | Reply::Stall(_) => {
                if let Reply::Stall(bytes) = reply
                    && stream.get_mut().write_all(&bytes).await.is_err()
                {
                    return;
                }
                // Waits for the client to close (read returns 0 or fails), bounded in time.
                let mut sink = [0u8; 1024];
                let wait = async { while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {} };
                let _ = tokio::time::timeout(Duration::from_secs(60), wait).await;
                return;
            }
        }
    }
}

/// Reads one request (head and `Content-Length` body); `None` at end of stream or on garbage.
async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Recorded> {
    let mut line = String::new();
    if stream.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers.iter().find(|(name, _)| name == "content-length").and_then(|(_, v)| v.parse().ok());
    let mut body = vec![0; length.unwrap_or(0)];
    stream.read_exact(&mut body).await.ok()?;
    Some(Recorded { method, path, headers, body, at: Instant::now() })
}

/// Runs a test body with an upper bound on its time, so a hang fails instead of blocking CI.
pub async fn bounded<T>(test: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), test).await.expect("the test finished within 60 s")
}
