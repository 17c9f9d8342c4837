//! The whole API's shapes through generated methods against a local server on 127.0.0.1:
//! pagination over three pages, a foreign `next` refused, custom ids as one path segment,
//! DELETE with a body and an empty answer, integer-coded enums in requests, string enums with
//! spaces, exact decimals, and the 2022 user and company objects from public clients decoded
//! without loss. (Each documented example has its own test in the generated `examples.rs`.)

use serde_json::{Value, json};
use usercom::{Client, Error};
use wiremock::matchers::{any, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "whole-api-key-0123456789abcdef0123456789abcdef0123456789abcdef0";
const USER_2022: &str = include_str!("data/user_2022.json");
const COMPANY_2022: &str = include_str!("data/company_2022.json");

fn client(server: &MockServer) -> Client {
    Client::with_base_url(&format!("{}/api/public/", server.uri()), KEY).expect("local base URL")
}

async fn answering(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json"))
        .mount(&server)
        .await;
    server
}

fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[tokio::test]
async fn list_users_all_follows_three_pages() {
    let server = MockServer::start().await;
    let base = format!("{}/api/public/users/", server.uri());
    let page = |ids: &[i64], next: Option<String>| {
        let results: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
        ResponseTemplate::new(200)
            .set_body_json(json!({"count": 5, "next": next, "previous": null, "results": results}))
    };
    Mock::given(path("/api/public/users/"))
        .and(query_param("page", "2"))
        .respond_with(page(&[3, 4], Some(format!("{base}?page=3"))))
        .mount(&server)
        .await;
    Mock::given(path("/api/public/users/"))
        .and(query_param("page", "3"))
        .respond_with(page(&[5], None))
        .mount(&server)
        .await;
    Mock::given(path("/api/public/users/"))
        .respond_with(page(&[1, 2], Some(format!("{base}?page=2"))))
        .mount(&server)
        .await;

    let users =
        client(&server).list_users_all(&usercom::ListUsersQuery::new()).collect_all().await.expect("three pages");

    assert_eq!(users.iter().map(|user| user.id).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    let requests = server.received_requests().await.expect("recording");
    let queries: Vec<Option<&str>> = requests.iter().map(|request| request.url.query()).collect();
    assert_eq!(queries, [None, Some("page=2"), Some("page=3")]);
    assert!(requests.iter().all(|request| request.headers.get("authorization").is_some()));
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let server =
        answering(r#"{"count": 2, "next": "https://evil.example/api/public/users/?page=2", "results": [{"id": 1}]}"#)
            .await;

    let mut pages = client(&server).list_users_all(&usercom::ListUsersQuery::new());
    let first = pages.next_item().await.expect("an item").expect("page one decodes");
    let refused = pages.next_item().await.expect("an outcome").expect_err("foreign host");

    assert_eq!(first.id, 1);
    assert!(matches!(refused, Error::Pagination { .. }), "{refused:?}");
    assert!(refused.to_string().contains("evil.example"), "{refused}");
    assert!(!refused.to_string().contains(KEY));
    assert_eq!(server.received_requests().await.expect("recording").len(), 1);
}

#[tokio::test]
async fn a_custom_id_is_one_path_segment() {
    let server = answering(r#"{"id": 52, "custom_id": "a/b?c#d%e f"}"#).await;

    let user = client(&server).get_user_by_custom_id("a/b?c#d%e f").await.expect("decodes");

    assert_eq!(user.custom_id.as_deref(), Some("a/b?c#d%e f"));
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests[0].url.path(), "/api/public/users-by-id/a%2Fb%3Fc%23d%25e%20f/");
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test]
async fn delete_with_a_body_and_an_empty_answer() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;

    client(&server)
        .remove_tag_from_user(19678376, &usercom::RemoveTagFromUserRequest::new("verified"))
        .await
        .expect("an empty answer is success");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests[0].method.as_str(), "DELETE");
    assert_eq!(requests[0].url.path(), "/api/public/users/19678376/remove_tag/");
    assert_eq!(serde_json::from_slice::<Value>(&requests[0].body).expect("JSON"), json!({"name": "verified"}));
}

#[tokio::test]
async fn request_enums_are_sent_as_their_codes() {
    let server = answering(r#"{"id": 9, "gender": "female", "status": "user"}"#).await;
    let request = usercom::CreateUserRequest::new()
        .email("jane@example.org")
        .gender(usercom::UserGenderCode::Female)
        .status(usercom::UserStatusCode::User);

    let user = client(&server).create_user(&request).await.expect("decodes");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[0].body).expect("JSON"),
        json!({"email": "jane@example.org", "gender": 3, "status": 2})
    );
    assert_eq!(user.gender, Some(usercom::UserGender::Female));
    assert_eq!(user.status, Some(usercom::UserStatus::User));
}

#[test]
fn enum_values_with_spaces_and_unknown_codes_survive() {
    let event: usercom::ProductEventType = serde_json::from_value(json!("add to cart")).expect("decodes");
    assert_eq!(event, usercom::ProductEventType::AddToCart);
    assert_eq!(serde_json::to_value(&event).expect("encodes"), json!("add to cart"));
    let unknown: usercom::UserStatusCode = serde_json::from_value(json!(9)).expect("kept");
    assert_eq!((unknown, unknown.code(), unknown.label()), (usercom::UserStatusCode::Unrecognized(9), 9, None));
}

#[test]
fn the_2022_user_object_decodes_losslessly() {
    let user: usercom::User = serde_json::from_str(USER_2022).expect("decodes");

    assert_eq!(user.id, 52);
    assert_eq!(user.custom_id.as_deref(), Some("user@123"));
    assert_eq!(user.key().map(String::as_str), Some("ngze13ffndcv"), "`user_key` stands in for `key`");
    assert_eq!(user.companies.as_ref().map(Vec::len), Some(2));
    assert_eq!(user.last_seen.expect("last_seen").to_string(), "2022-09-06T12:35:17.230000Z");
    let original: Value = serde_json::from_str(USER_2022).expect("JSON");
    assert_eq!(without_nulls(serde_json::to_value(&user).expect("encodes")), without_nulls(original));
}

#[test]
fn the_2022_company_object_decodes_losslessly_with_its_custom_attributes() {
    let company: usercom::Company = serde_json::from_str(COMPANY_2022).expect("decodes");

    assert_eq!((company.id, company.name.as_deref()), (21, Some("rudder ventures")));
    let attributes = company.custom_attributes();
    assert_eq!(attributes.get("companyowner"), Some(&json!("secret")));
    assert_eq!(attributes.get("founded"), Some(&json!("15 aug, 1947")));
    let original: Value = serde_json::from_str(COMPANY_2022).expect("JSON");
    assert_eq!(without_nulls(serde_json::to_value(&company).expect("encodes")), without_nulls(original));
}

#[test]
fn deal_values_keep_every_digit() {
    let deal: usercom::Deal =
        serde_json::from_value(json!({"id": 1, "value": "1250.00", "custom_attribute_xyz": 5})).expect("decodes");
    assert_eq!(deal.value.as_ref().map(usercom::Decimal::as_str), Some("1250.00"));
    assert_eq!(deal.custom_attributes().get("custom_attribute_xyz"), Some(&json!(5)));
    assert_eq!(serde_json::to_value(&deal).expect("encodes")["value"], json!("1250.00"));
}
