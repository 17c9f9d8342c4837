//! Wire tests of the Contacts API client, shared by the outside crates (each includes this file
//! with `#[path]` and names its client `crate::contacts`): exact requests on a local server
//! (the generated `MockServer`, wiremock on 127.0.0.1), answers decoded exactly.

use apigen_runtime::mock::wiremock::Request;
use apigen_runtime::serde_json::{Value, json};

use crate::contacts::{Client, Contact, CreateContactRequest, MockServer, UpdateContactRequest};

const TOKEN: &str = "token-0123456789";
const TENANT: &str = "tenant-42";

fn contact() -> Value {
    json!({
        "id": "c-1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "email": "ada@example.org",
        "phone": null,
        "address": {"line1": "12 St James's Square", "line2": null, "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"},
        "tags": ["vip"],
        "createdAt": "2024-05-01T09:30:00Z"
    })
}

async fn client_of(mock: &MockServer) -> Client {
    Client::with_base_url(mock.base_url(), TOKEN, TENANT).expect("a loopback base URL")
}

async fn only_request(mock: &MockServer) -> Request {
    let mut requests = mock.server().wiremock().received_requests().await.expect("requests are recorded");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|value| value.to_str().ok())
}

#[tokio::test]
async fn create_sends_camel_case_json_with_bearer_and_tenant_and_reads_201() {
    let mock = MockServer::start().await;
    let request = CreateContactRequest::new("Ada").last_name("Lovelace").tags(["vip"]);
    mock.create_contact().body(&request).times(1).respond_status(201, &contact()).await;

    let created: Contact = client_of(&mock).await.create_contact(&request).await.expect("created");

    assert_eq!(created.id, "c-1");
    assert_eq!(created.first_name, "Ada");
    assert_eq!(created.address.as_ref().and_then(|address| address.postal_code.as_deref()), Some("SW1Y 4JH"));
    assert_eq!(created.created_at.to_string(), "2024-05-01T09:30:00Z");
    let sent = only_request(&mock).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/contacts");
    assert_eq!(
        apigen_runtime::serde_json::from_slice::<Value>(&sent.body).expect("a JSON body"),
        json!({"firstName": "Ada", "lastName": "Lovelace", "tags": ["vip"]})
    );
    assert_eq!(header(&sent, "authorization"), Some("Bearer token-0123456789"));
    assert_eq!(header(&sent, "x-tenant-id"), Some(TENANT));
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(header(&sent, "accept"), Some("application/json"));
    let agent = format!("{}/{}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    assert_eq!(header(&sent, "user-agent"), Some(agent.as_str()));
}

#[tokio::test]
async fn update_is_a_patch_without_trailing_slash_carrying_only_what_was_set() {
    let mock = MockServer::start().await;
    let request = UpdateContactRequest::new().email("ada@example.com");
    mock.update_contact("c/1 ä")
        .body(&request)
        .respond(&apigen_runtime::serde_json::from_value(contact()).expect("a contact"))
        .await;

    let updated = client_of(&mock).await.update_contact("c/1 ä", &request).await.expect("updated");

    assert_eq!(updated.email.as_deref(), Some("ada@example.org"));
    let sent = only_request(&mock).await;
    assert_eq!(sent.method.as_str(), "PATCH");
    assert_eq!(sent.url.path(), "/contacts/c%2F1%20%C3%A4");
    assert_eq!(String::from_utf8_lossy(&sent.body), r#"{"email":"ada@example.com"}"#);
}

#[tokio::test]
async fn delete_reads_204_as_unit() {
    let mock = MockServer::start().await;
    mock.delete_contact("c-1").times(1).respond_with(apigen_runtime::mock::wiremock::ResponseTemplate::new(204)).await;

    client_of(&mock).await.delete_contact("c-1").await.expect("deleted");

    let sent = only_request(&mock).await;
    assert_eq!((sent.method.as_str(), sent.url.path()), ("DELETE", "/contacts/c-1"));
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn a_tenant_that_cannot_be_a_header_is_refused_before_any_request() {
    let error = Client::with_base_url("http://127.0.0.1:9/v3", TOKEN, "tenant\r\nX-Admin: 1").expect_err("refused");
    assert_eq!(
        error.to_string(),
        "invalid configuration: \"tenant\\r\\nX-Admin: 1\" of header `X-Tenant-Id` is not a valid http header value \
         (no control characters such as CR or LF)"
    );
}

#[tokio::test]
async fn the_base_url_placeholder_and_the_builder() {
    let client = Client::new("eu", TOKEN, TENANT).expect("a client");
    assert_eq!(
        format!("{client:?}"),
        r#"Client { core: Core { base_url: "https://eu.contacts.example.com/v3/", .. } }"#
    );
    let error = Client::new("eu.evil.com/x", TOKEN, TENANT).expect_err("not a DNS label");
    assert!(error.to_string().starts_with("invalid configuration:"), "{error}");

    let mock = MockServer::start().await;
    mock.get_contact("c-1").respond(&apigen_runtime::serde_json::from_value(contact()).expect("a contact")).await;
    let config = apigen_runtime::Config::new().max_attempts(1);
    let client = Client::builder("eu", TOKEN, TENANT).base_url(mock.base_url()).config(config).build().expect("built");
    assert_eq!(client.get_contact("c-1").await.expect("a contact").id, "c-1");
}
