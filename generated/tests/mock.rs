//! The test doubles as a downstream crate's tests use them: cargo feature `mock`, the public
//! API only (`usercom::mock::MockServer`, generated types), nothing from this crate's
//! internals. Each test programs the mock per endpoint, then calls it with the generated
//! client.

use serde_json::json;
use usercom::mock::MockServer;
use usercom::{Lookup, Page, UpdateUserByCustomIdRequest, UpdateUserRequest, User};

fn user(id: i64, email: &str) -> User {
    serde_json::from_value(json!({"id": id, "email": email, "tags": [{"id": 1, "name": "vip"}]})).expect("a user")
}

#[tokio::test]
async fn a_programmed_update_answers_only_its_id_and_body() {
    let mock = MockServer::start().await;
    let request = UpdateUserRequest::new().email("john@example.org").tags(["vip"]).clear_first_name();
    let answer = user(7, "john@example.org");
    mock.update_user(7).body(&request).times(1).respond(&answer).await;
    let client = mock.client();

    let updated = client.update_user(7, &request).await.expect("the mock answers");
    assert_eq!(updated, answer);

    let other_id = client.update_user(8, &request).await.expect_err("no answer for id 8");
    assert_eq!(other_id.status(), Some(404));
    let other_body = client.update_user(7, &UpdateUserRequest::new()).await.expect_err("no answer for {}");
    assert_eq!(other_body.status(), Some(404));
    // `times(1)` is checked here (and again when the mock is dropped).
    mock.server().verify().await;
}

#[tokio::test]
async fn string_parameters_are_encoded_as_the_client_sends_them() {
    let mock = MockServer::start().await;
    let answer = user(9, "ann@example.org");
    mock.update_user_by_custom_id("ann/42 x").respond(&answer).await;

    let updated = mock
        .client()
        .update_user_by_custom_id("ann/42 x", &UpdateUserByCustomIdRequest::new())
        .await
        .expect("matched through %2F and %20");
    assert_eq!(updated.id, 9);
    let requests = mock.server().wiremock().received_requests().await.expect("recording is on");
    assert_eq!(requests[0].url.path(), "/users-by-id/ann%2F42%20x/");
}

#[tokio::test]
async fn pages_queries_empty_answers_and_error_statuses() {
    let mock = MockServer::start().await;
    let page: Page<User> = Page { count: Some(1), results: vec![user(1, "a@example.org")], ..Page::default() };
    let query = usercom::ListUsersQuery::new().filter("email", Lookup::Contains, "@example.org");
    mock.list_users().query(&query).respond(&page).await;
    mock.delete_user(3).respond_empty().await;
    mock.get_user(4).respond_status(404, &json!({"detail": "Not found."})).await;
    let client = mock.client();

    assert_eq!(client.list_users(&query).await.expect("a page"), page);
    let unmatched = client.list_users(&usercom::ListUsersQuery::new()).await.expect_err("the filter is missing");
    assert_eq!(unmatched.status(), Some(404));
    client.delete_user(3).await.expect("an empty 200 is success");
    let missing = client.get_user(4).await.expect_err("a programmed 404");
    match missing {
        usercom::Error::Status(status) => {
            assert_eq!(status.status, 404);
            assert_eq!(status.json, Some(json!({"detail": "Not found."})));
        }
        other => panic!("expected a status error, got {other}"),
    }
}
