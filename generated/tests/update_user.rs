//! "Update user" end to end against a real HTTP server on 127.0.0.1: the exact request on the
//! wire, the seed page's response decoded value by value and re-encoded without loss, and every
//! kind of failure mapped to the right error.

use serde_json::{Value, json};
use usercom::{Client, Error, UpdateUserRequest, User};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "k3y-0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";
/// The docs page's response example, verbatim.
const SEED_RESPONSE: &str = include_str!("data/update_user.response.json");
/// The docs page's curl body, verbatim.
const SEED_REQUEST: &str = include_str!("data/update_user.request.json");

async fn server_answering(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(response).mount(&server).await;
    let client = Client::with_base_url(&format!("{}/api/public/", server.uri()), API_KEY).expect("valid base URL");
    (server, client)
}

fn seed_request() -> UpdateUserRequest {
    UpdateUserRequest::new()
        .email("john@example.org")
        .gravatar_url("https://randomuser.me/api/portraits/men/51.jpg")
        .tags(["updated", "verified"])
}

fn header<'a>(request: &'a wiremock::Request, name: &str) -> Vec<&'a str> {
    request.headers.get_all(name).iter().map(|value| value.to_str().expect("ASCII header")).collect()
}

#[tokio::test]
async fn sends_the_seed_request_exactly() {
    let (server, client) =
        server_answering(ResponseTemplate::new(200).set_body_raw(SEED_RESPONSE, "application/json")).await;

    client.update_user(19678376, &seed_request()).await.expect("the seed response decodes");

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/api/public/users/19678376/");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(request, "authorization"), [format!("Token {API_KEY}").as_str()]);
    assert_eq!(header(request, "accept"), ["*/*; version=2"]);
    assert_eq!(header(request, "content-type"), ["application/json"]);
    let sent: Value = serde_json::from_slice(&request.body).expect("the body is JSON");
    let documented: Value = serde_json::from_str(SEED_REQUEST).expect("the seed body is JSON");
    assert_eq!(sent, documented, "exactly the fields that were set, nothing else");
}

#[tokio::test]
async fn custom_attributes_are_top_level_keys_and_clearing_sends_null() {
    let (server, client) =
        server_answering(ResponseTemplate::new(200).set_body_raw(SEED_RESPONSE, "application/json")).await;
    let request = UpdateUserRequest::new()
        .first_name("Jane")
        .clear_last_name()
        .tags(Vec::<String>::new())
        .custom_attribute("my_string_attr", "attribute value")
        .custom_attribute("example_attr", true);

    client.update_user(7, &request).await.expect("decodes");

    let requests = server.received_requests().await.expect("recording is on");
    let sent: Value = serde_json::from_slice(&requests[0].body).expect("JSON body");
    assert_eq!(requests[0].url.path(), "/api/public/users/7/");
    assert_eq!(
        sent,
        json!({
            "first_name": "Jane",
            "last_name": null,
            "tags": [],
            "my_string_attr": "attribute value",
            "example_attr": true
        })
    );
}

#[tokio::test]
async fn decodes_every_value_of_the_seed_response() {
    let (_server, client) =
        server_answering(ResponseTemplate::new(200).set_body_raw(SEED_RESPONSE, "application/json")).await;

    let user: User = client.update_user(19678376, &seed_request()).await.expect("decodes");

    assert_eq!(user.id, 19678376);
    assert_eq!(user.email.as_deref(), Some("updated@email.com"));
    assert_eq!(user.name.as_deref(), Some("Jane Doe"));
    assert_eq!(user.key.as_deref(), Some("g3FaYocCy0U6"));
    assert_eq!(user.status, Some(usercom::UserStatus::Visitor));
    assert_eq!(user.gender, Some(usercom::UserGender::Unknown));
    assert_eq!(user.gravatar_url.as_deref(), Some("https://randomuser.me/api/portraits/men/51.jpg"));
    assert_eq!((user.page_views, user.score), (Some(0), Some(0)));
    assert_eq!((user.unsubscribed, user.notifications), (Some(false), Some(true)));
    assert_eq!(user.phone_number, None);
    assert_eq!(user.first_seen, None);
    assert_eq!(user.lists, Some(vec![]));

    let tags = user.tags.as_ref().expect("tags");
    assert_eq!(tags.len(), 1);
    assert_eq!((tags[0].id, tags[0].name.as_deref()), (1441, Some("tag")));

    let companies = user.companies.as_ref().expect("companies");
    assert_eq!(companies.len(), 1);
    assert_eq!((companies[0].id, companies[0].name.as_deref()), (14, Some("Company name")));
    let member_since = companies[0].member_since.expect("member_since");
    assert_eq!(member_since.to_string(), "2018-06-14T08:49:56.515083Z");
    assert_eq!(member_since.0.microsecond(), 515_083);

    let attributes = user.attributes.as_ref().expect("attributes");
    assert_eq!(attributes.len(), 2);
    assert_eq!(attributes[0].id, 1109);
    assert_eq!(attributes[0].name.as_deref(), Some("Example attr"));
    assert_eq!(attributes[0].name_std.as_deref(), Some("example_attr"));
    assert_eq!(attributes[0].value, Some(json!(true)));
    assert_eq!(attributes[1].value, Some(json!("attribute value")));

    let updated_at = user.updated_at.expect("updated_at");
    assert_eq!((updated_at.0.year(), u8::from(updated_at.0.month()), updated_at.0.day()), (2017, 6, 14));
    assert_eq!((updated_at.0.hour(), updated_at.0.minute(), updated_at.0.second()), (7, 29, 6));
    assert_eq!(updated_at.0.offset(), time::UtcOffset::UTC);
    assert_eq!(user.created_at.expect("created_at").to_string(), "2017-06-07T09:41:13.466897Z");
    assert_eq!(user.last_seen.expect("last_seen").to_string(), "2017-06-14T11:06:08.182761Z");
    #[allow(deprecated)]
    let chat_id = user.chat_id.as_deref();
    assert_eq!(chat_id, Some("Chat ID is deprecated and will be removed in future"));
    assert!(user.extra.is_empty(), "every documented key is a field: {:?}", user.extra);
}

/// Drops `null` members (the generated types treat null and absent alike) at every depth.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[test]
fn the_seed_response_round_trips_losslessly() {
    let user: User = serde_json::from_str(SEED_RESPONSE).expect("decodes");
    let original: Value = serde_json::from_str(SEED_RESPONSE).expect("JSON");
    let encoded = serde_json::to_value(&user).expect("encodes");
    assert_eq!(encoded, without_nulls(original));
}

#[test]
fn unknown_keys_survive_a_round_trip() {
    let grown = json!({
        "id": 52,
        "custom_id": "user@123",
        "user_key": "ngze13ffndcv",
        "web_push_subscription": false,
        "status": "lead",
        "companyowner": {"nested": [1, 2.5, "x"]},
        "tags": [{"id": 1, "name": "t", "color": "red"}],
        "last_seen": "2022-09-06T12:35:17.230000Z"
    });
    let user: User = serde_json::from_value(grown.clone()).expect("decodes");
    assert_eq!(user.extra["companyowner"], json!({"nested": [1, 2.5, "x"]}));
    assert_eq!(user.key().map(String::as_str), Some("ngze13ffndcv"), "`user_key` stands in for `key`");
    assert_eq!(user.tags.as_ref().expect("tags")[0].extra["color"], json!("red"));
    assert_eq!(user.status, Some(usercom::UserStatus::Unrecognized("lead".into())), "new enum values are kept");
    assert_eq!(serde_json::to_value(&user).expect("encodes"), grown);
}

#[tokio::test]
async fn a_too_long_name_is_refused_before_any_io() {
    let (server, client) = server_answering(ResponseTemplate::new(200)).await;
    let request = UpdateUserRequest::new().first_name("x".repeat(41));

    let error = client.update_user(1, &request).await.expect_err("refused");

    match &error {
        Error::InvalidInput { field, .. } => assert_eq!(field, "first_name"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(error.to_string(), "invalid input: `first_name` is 41 characters long; the limit is 40");
    assert!(server.received_requests().await.expect("recording").is_empty(), "nothing was sent");
    // Characters, not bytes: 40 two-byte letters are fine.
    assert!(UpdateUserRequest::new().last_name("é".repeat(40)).validate().is_ok());
}

#[tokio::test]
async fn bad_request_keeps_the_raw_and_parsed_body() {
    let body = r#"{"errors": {"email": ["Enter a valid email address."]}}"#;
    let (_server, client) = server_answering(ResponseTemplate::new(400).set_body_raw(body, "application/json")).await;

    let error = client.update_user(5, &UpdateUserRequest::new().email("nope")).await.expect_err("400");

    assert_eq!(error.status(), Some(400));
    assert_eq!(error.to_string(), "PUT /api/public/users/5/: server answered 400 Bad Request");
    let Error::Status(status) = &error else { panic!("expected Status, got {error:?}") };
    assert_eq!(status.body, body);
    assert_eq!(status.json, Some(json!({"errors": {"email": ["Enter a valid email address."]}})));
}

#[tokio::test]
async fn unauthorized_and_not_found_are_status_errors() {
    for (code, body) in [(401, r#"{"detail": "Invalid token."}"#), (404, r#"{"detail": "Not found."}"#)] {
        let (_server, client) =
            server_answering(ResponseTemplate::new(code).set_body_raw(body, "application/json")).await;
        let error = client.update_user(9, &UpdateUserRequest::new()).await.expect_err("error status");
        let Error::Status(status) = &error else { panic!("expected Status, got {error:?}") };
        assert_eq!(status.status, code);
        assert_eq!(
            status.json.as_ref().and_then(|json| json["detail"].as_str()),
            serde_json::from_str::<Value>(body).unwrap()["detail"].as_str()
        );
        assert!(!format!("{error} {error:?}").contains(API_KEY));
    }
}

#[tokio::test]
async fn a_server_error_with_html_keeps_the_text() {
    let html = "<html><body><h1>Server Error (500)</h1></body></html>";
    let (_server, client) = server_answering(ResponseTemplate::new(500).set_body_raw(html, "text/html")).await;

    let error = client.update_user(3, &UpdateUserRequest::new()).await.expect_err("500");

    assert_eq!(error.to_string(), "PUT /api/public/users/3/: server answered 500 Internal Server Error");
    let Error::Status(status) = &error else { panic!("expected Status, got {error:?}") };
    assert_eq!((status.status, status.body.as_str(), status.json.as_ref()), (500, html, None));
}

#[tokio::test]
async fn invalid_json_on_success_is_a_decode_error() {
    let (_server, client) =
        server_answering(ResponseTemplate::new(200).set_body_raw("{\"id\": 1,", "application/json")).await;

    let error = client.update_user(1, &UpdateUserRequest::new()).await.expect_err("decode");

    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.body, "{\"id\": 1,");
    assert!(error.to_string().starts_with("PUT /api/public/users/1/: response does not decode at "), "{error}");
}

#[tokio::test]
async fn a_wrong_type_names_its_json_path() {
    let body = r#"{"id": 1, "companies": [{"id": "fourteen", "name": "x"}]}"#;
    let (_server, client) = server_answering(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;

    let error = client.update_user(1, &UpdateUserRequest::new()).await.expect_err("decode");

    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.json_path, "companies[0].id");
    assert_eq!(
        error.to_string(),
        "PUT /api/public/users/1/: response does not decode at `companies[0].id`: \
         invalid type: string \"fourteen\", expected i64 at line 1 column 41"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // Bind then drop a listener so the port is known to be closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let client = Client::with_base_url(&format!("http://127.0.0.1:{port}/api/public/"), API_KEY).expect("URL");

    let error = client.update_user(1, &UpdateUserRequest::new()).await.expect_err("refused");

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.to_string(), "PUT /api/public/users/1/: could not connect");
}

#[test]
fn the_key_never_shows() {
    let client = Client::new("acme", API_KEY).expect("valid subdomain");
    let printed = format!("{client:?}");
    assert!(!printed.contains(API_KEY), "{printed}");
    let key = usercom::ApiKey::from(API_KEY);
    assert!(!format!("{key:?} {key}").contains(API_KEY));
}

#[test]
fn client_new_checks_the_subdomain() {
    assert!(Client::new("acme", API_KEY).is_ok());
    let error = Client::new("evil.com/x", API_KEY).expect_err("not a DNS label");
    assert!(matches!(error, Error::InvalidConfig { .. }), "{error:?}");
    assert!(!error.to_string().contains(API_KEY));
}
