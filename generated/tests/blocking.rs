//! The generated `BlockingClient` (feature `blocking`, on in tests) from a plain thread. The
//! blocking core's own behaviour is tested in `apigen-runtime`.

mod common;

use common::{KEY, Reply, Server, fast_config};
use serde_json::{Value, json};
use usercom::Error;

/// A runtime for the test server only; the client under test has its own thread.
fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime")
}

#[test]
fn the_generated_blocking_client_updates_a_user() {
    let runtime = server_runtime();
    let server =
        runtime.block_on(Server::start(|_, _| Reply::json(200, r#"{"id": 19678376, "email": "john@example.org"}"#)));
    let client = usercom::BlockingClient::with_config(&server.base_url(), KEY, fast_config()).expect("client");

    let request = usercom::UpdateUserRequest::new().email("john@example.org").tags(["updated"]);
    let user = client.update_user(19678376, &request).expect("decodes");

    assert_eq!((user.id, user.email.as_deref()), (19678376, Some("john@example.org")));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "PUT");
    assert_eq!(requests[0].path, "/api/public/users/19678376/");
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[0].body).expect("JSON"),
        json!({"email": "john@example.org", "tags": ["updated"]})
    );
    // Limits are checked before any I/O here too.
    let too_long = usercom::UpdateUserRequest::new().first_name("x".repeat(41));
    assert!(matches!(client.update_user(1, &too_long), Err(Error::InvalidInput { .. })));
    assert_eq!(server.request_count(), 1);
}
