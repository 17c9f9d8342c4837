//! `BlockingCore` (feature `blocking`, on in tests): the same calls from plain threads, with
//! the same retries and errors, from many threads at once, and harmless inside async code.
//! (The generated `BlockingClient` is tested in the `usercom` crate.)

mod common;

use std::time::Duration;

use apigen_runtime::{
    __codegen::{BlockingCore, Call, Flavor},
    Error,
    transport::Method,
};
use common::{Json, KEY, Reply, SETTINGS, Server, fast_config};
use serde_json::{Value, json};

/// A runtime for the test server only; the client under test has its own thread.
fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime")
}

fn core(server: &Server, config: apigen_runtime::Config) -> BlockingCore {
    BlockingCore::with_config(&server.base_url(), KEY.into(), &SETTINGS, config).expect("blocking core")
}

fn get_user(core: &BlockingCore, id: &str) -> Result<Value, Error> {
    common::get_user(core, id)
}

#[test]
fn retries_then_succeeds_without_an_async_runtime() {
    let runtime = server_runtime();
    let server = runtime
        .block_on(Server::start(|n, _| if n < 2 { Reply::status(503) } else { Reply::json(200, r#"{"id":7}"#) }));
    let core = core(&server, fast_config());

    let user: Value = common::call_user(&core, Method::Put, "7", &json!({"a": 1})).expect("third try");

    assert_eq!(user, json!({"id": 7}));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|request| request.body == br#"{"a":1}"#));
    assert_eq!(requests[0].header("authorization"), Some(format!("Token {KEY}").as_str()));
}

#[test]
fn errors_and_retry_rules_are_those_of_the_async_core() {
    let runtime = server_runtime();
    let server = runtime.block_on(Server::start(|n, _| match n {
        0 => Reply::status(503),
        1 => Reply::status(503),
        _ => Reply::json(200, "<html>"),
    }));
    let core = core(&server, fast_config());
    let body = json!({});
    let post = core.send::<Value>(Call::post("/users/", &[]).body(&Json(&body)));
    let error = post.expect_err("503, not retried");
    assert_eq!(error.to_string(), "POST /api/public/users/: server answered 503 Service Unavailable");
    assert_eq!((error.attempts(), server.request_count()), (1, 1));

    let retried = core.send::<Value>(Call::post("/users/", &[]).body(&Json(&body)).retry_safe());
    let error = retried.expect_err("retried once, then HTML");
    assert!(matches!(&error, Error::Decode(decode) if decode.attempts == 2), "{error:?}");
    assert_eq!(server.request_count(), 3);
}

#[test]
fn many_threads_share_one_blocking_core() {
    let runtime = server_runtime();
    let server = runtime.block_on(Server::start(|_, request| {
        let id = request.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_owned();
        Reply::json(200, &format!(r#"{{"id":"{id}"}}"#))
    }));
    let core = core(&server, fast_config());

    std::thread::scope(|scope| {
        for thread in 0..8 {
            let core = core.clone();
            scope.spawn(move || {
                for call in 0..5 {
                    let id = format!("{thread}-{call}");
                    assert_eq!(get_user(&core, &id).expect("answer"), json!({"id": id}));
                }
            });
        }
    });

    assert_eq!(server.request_count(), 40);
    // Pooled: far fewer connections than calls. hyper may open one more than there are threads
    // when a connection is handed back just as another call starts, so the bound is not exact.
    assert!(server.connection_count() <= 16, "{} connections for 40 calls on 8 threads", server.connection_count());
}

#[test]
fn a_timeout_and_a_refused_connection() {
    let runtime = server_runtime();
    let server = runtime.block_on(Server::start(|_, _| Reply::Hang));
    let core = core(&server, fast_config().request_timeout(Duration::from_millis(200)));

    let error = get_user(&core, "7").expect_err("no answer");
    assert_eq!(error.to_string(), "GET /api/public/users/7/: no complete answer within 200ms");

    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let refused = BlockingCore::with_config(
        &format!("http://127.0.0.1:{port}/api/public/"),
        KEY.into(),
        &SETTINGS,
        fast_config().max_attempts(2),
    )
    .expect("core");
    let error = get_user(&refused, "7").expect_err("refused");
    assert_eq!((error.to_string().as_str(), error.attempts()), ("GET /api/public/users/7/: could not connect", 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usable_and_droppable_inside_async_code() {
    let server = Server::start(|_, _| Reply::json(200, "{}")).await;
    let core = BlockingCore::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core");

    // Blocks this worker while it waits (the server runs on the other one), but unlike a
    // nested `block_on` it does not panic, and dropping the core here does not either.
    let answer = get_user(&core, "7");

    assert_eq!(answer.expect("answer"), json!({}));
    drop(core);
    assert_eq!(server.request_count(), 1);
}
