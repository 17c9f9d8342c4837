//! Calls of the async core against a local mock server (wiremock): URL, headers, body, and
//! each kind of answer.

mod common;

use apigen_runtime::{
    __codegen::{ApiSettings, Core, Flavor},
    CallFuture, Error,
    transport::Method,
};
use common::Json;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

static SETTINGS: ApiSettings = ApiSettings {
    name: "usercom",
    user_agent: "usercom/test",
    client_headers: &[],
    auth_header: "Authorization",
    auth_scheme: "Token",
    headers: &[("Accept", "*/*; version=2")],
    trailing_slash: true,
    errors: &[],
};

const KEY: &str = "secret-api-key-0123456789";

async fn server_and_core() -> Result<(MockServer, Core), Error> {
    let server = MockServer::start().await;
    let core = Core::new(&format!("{}/api/public", server.uri()), KEY.into(), &SETTINGS)?;
    Ok((server, core))
}

/// As a generated method: the future owns what it needs.
fn put_user(core: &Core, id: &str, body: &Value) -> CallFuture<Value> {
    core.put("/users/:id/", &[&id]).body(&Json(body)).send()
}

#[tokio::test]
async fn sends_headers_and_body_and_decodes_the_answer() -> Result<(), Error> {
    let (server, core) = server_and_core().await?;
    let body = json!({ "email": "john@example.org", "tags": [] });
    Mock::given(method("PUT"))
        .and(path("/api/public/users/19678376/"))
        .and(header("authorization", "Token secret-api-key-0123456789"))
        .and(header("accept", "*/*; version=2"))
        .and(header("content-type", "application/json"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": 19678376 })))
        .expect(1)
        .mount(&server)
        .await;

    let answer = put_user(&core, "19678376", &body).await?;
    assert_eq!(answer, json!({ "id": 19678376 }));
    Ok(())
}

#[tokio::test]
async fn call_future_is_send() -> Result<(), Error> {
    fn assert_send<T: Send>(_: &T) {}
    let (_server, core) = server_and_core().await?;
    let future = put_user(&core, "7", &Value::Null);
    assert_send(&future);
    Ok(())
}

#[tokio::test]
async fn sends_no_body_and_no_content_type_without_body() -> Result<(), Error> {
    let (server, core) = server_and_core().await?;
    Mock::given(method("DELETE"))
        .and(path("/api/public/users/a%2Fb/"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    core.delete("/users/:id/", &[&"a/b"]).send::<()>().await?;
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.iter().all(|r| r.body.is_empty() && !r.headers.contains_key("content-type")));
    Ok(())
}

#[tokio::test]
async fn non_2xx_is_a_status_error_with_body_and_json() -> Result<(), Error> {
    let (server, core) = server_and_core().await?;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(404).insert_header("retry-after", "3").set_body_string(r#"{"detail":"Not found."}"#),
        )
        .mount(&server)
        .await;

    let error = put_user(&core, "7", &json!({})).await.err();
    assert_eq!(error.as_ref().and_then(Error::status), Some(404));
    let Some(Error::Status(status)) = error else {
        panic!("expected a status error, got {error:?}");
    };
    assert_eq!(status.to_string(), "PUT /api/public/users/7/: server answered 404 Not Found");
    assert_eq!(status.body, r#"{"detail":"Not found."}"#);
    assert_eq!(status.json, Some(json!({ "detail": "Not found." })));
    assert_eq!(status.retry_after(), Some(std::time::Duration::from_secs(3)));
    Ok(())
}

#[tokio::test]
async fn redirects_are_not_followed() -> Result<(), Error> {
    let (server, core) = server_and_core().await?;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "http://example.com/"))
        .mount(&server)
        .await;

    let error = put_user(&core, "7", &json!({})).await.err();
    assert_eq!(error.as_ref().and_then(Error::status), Some(301));
    Ok(())
}

#[tokio::test]
async fn wrong_shape_is_a_decode_error_naming_the_json_path() -> Result<(), Error> {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read only through Debug
    struct Company {
        id: i64,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct User {
        companies: Vec<Company>,
    }

    let (server, core) = server_and_core().await?;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"companies":[{"id":"x"}]}"#))
        .mount(&server)
        .await;

    let result = core.get("/users/:id/", &[&7]).send::<User>().await;
    let message = result.err().map(|error| error.to_string());
    assert_eq!(
        message.as_deref(),
        Some(
            "GET /api/public/users/7/: response does not decode at `companies[0].id`: \
             invalid type: string \"x\", expected i64 at line 1 column 23"
        )
    );
    Ok(())
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error_without_the_key() -> Result<(), Error> {
    // A port that was just free; wiremock pools its servers, so dropping one keeps it alive.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or(9);
    let core = Core::new(&format!("http://127.0.0.1:{port}/api/public/"), KEY.into(), &SETTINGS)?;

    let error = put_user(&core, "7", &json!({})).await.err();
    assert!(matches!(error, Some(Error::Transport { method: Method::Put, .. })), "{error:?}");
    let text = error.map(|error| format!("{error} / {error:?}")).unwrap_or_default();
    assert!(text.starts_with("PUT /api/public/users/7/: could not connect"), "{text}");
    assert!(!text.contains(KEY), "{text}");
    Ok(())
}
