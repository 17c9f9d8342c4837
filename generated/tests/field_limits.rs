//! The client of the `field_limits` fixture (every limit and default a row can state), generated
//! while this test compiles and called against its generated mock (wiremock on 127.0.0.1): a
//! request breaking a `min_length` or a `minimum`/`maximum` is refused before any byte is sent,
//! with the exact error, and a request within its limits goes out without its defaults.
#![allow(dead_code)]

use serde_json::json;

mod field_limits {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/field_limits/schema");
}

use field_limits::{CreateAccountRequest, MockServer};

/// What the mock received, as sent.
async fn received(mock: &MockServer) -> Vec<String> {
    let requests = mock.server().wiremock().received_requests().await.expect("requests are recorded");
    requests.iter().map(|request| String::from_utf8(request.body.clone()).expect("UTF-8 body")).collect()
}

/// The error of sending `request`, and that nothing reached the server.
async fn refused(request: &CreateAccountRequest) -> (String, String) {
    let mock = MockServer::start().await;
    let error = mock.client().create_account(request).await.expect_err("refused");
    assert!(received(&mock).await.is_empty(), "nothing was sent for {request:?}");
    match &error {
        usercom::Error::InvalidInput { field, .. } => (field.clone(), error.to_string()),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[tokio::test]
async fn a_too_short_string_is_refused_before_any_io() {
    assert_eq!(
        refused(&CreateAccountRequest::new("short")).await,
        ("username".to_owned(), "invalid input: `username` is 5 characters long; the minimum is 6".to_owned())
    );
    // The wire name, not the Rust name; characters, not bytes.
    assert_eq!(
        refused(&CreateAccountRequest::new("long enough").display_name("é")).await,
        ("display-name".to_owned(), "invalid input: `display-name` is 1 characters long; the minimum is 2".to_owned())
    );
    assert!(CreateAccountRequest::new("éééééé").display_name("éé").validate().is_ok());
}

#[tokio::test]
async fn out_of_range_numbers_are_refused_before_any_io() {
    let name = "long enough";
    assert_eq!(
        refused(&CreateAccountRequest::new(name).seats(0)).await.1,
        "invalid input: `seats` is 0; the minimum is 1"
    );
    assert_eq!(
        refused(&CreateAccountRequest::new(name).seats(501)).await.1,
        "invalid input: `seats` is 501; the maximum is 500"
    );
    assert_eq!(
        refused(&CreateAccountRequest::new(name).discount(0.75)).await.1,
        "invalid input: `discount` is 0.75; the maximum is 0.5"
    );
    assert_eq!(
        refused(&CreateAccountRequest::new(name).balance(-100.75)).await.1,
        "invalid input: `balance` is -100.75; the minimum is -100.5"
    );
    assert_eq!(
        refused(&CreateAccountRequest::new(name).quota(1001)).await.1,
        "invalid input: `quota` is 1001; the maximum is 1000"
    );
    // Bounds are inclusive.
    let edges = CreateAccountRequest::new(name).seats(500).discount(0.0).balance(-100.5).quota(1000);
    assert!(edges.validate().is_ok());
    assert!(CreateAccountRequest::new(name).seats(1).validate().is_ok());
}

#[tokio::test]
async fn a_request_within_its_limits_is_sent_without_defaults() {
    let mock = MockServer::start().await;
    let account: field_limits::Account =
        serde_json::from_value(json!({"id": 1, "username": "long enough"})).expect("an account");
    let request = CreateAccountRequest::new("long enough").seats(500);
    mock.create_account().body(&request).respond(&account).await;

    let created = mock.client().create_account(&request).await.expect("sent");

    assert_eq!(created.username, "long enough");
    assert_eq!(received(&mock).await, [r#"{"username":"long enough","seats":500}"#]);
}
