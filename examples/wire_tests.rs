//! Wire tests of the Contacts API client, shared by the outside crates (each includes this file
//! with `#[path]` and names its client `crate::contacts`): exact requests on a local server
//! (the generated `MockServer`, wiremock on 127.0.0.1), answers decoded exactly.

use apigen_runtime::mock::wiremock::Request;
use apigen_runtime::serde_json::{Value, json};

use apigen_runtime::mock::wiremock::ResponseTemplate;
use apigen_runtime::{Error, ProblemDetails};

use crate::contacts::{
    Address, Client, Contact, CreateContactRequest, DuplicateContact, MockServer, UpdateContactRequest,
};

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
async fn update_sends_null_only_where_the_schema_allows_it_also_inside_the_address() {
    let mock = MockServer::start().await;
    mock.update_contact("c-1").respond(&apigen_runtime::serde_json::from_value(contact()).expect("a contact")).await;
    // `phone` and `address` may be null (`clear_*`); `firstName` may not (no `clear_first_name`).
    // The address is built with its setters, and `line2` is sent as `null` inside it.
    let address = Address::new().line1("1 Main St").clear_line2().country("GB");
    let request = UpdateContactRequest::new().first_name("Ada").clear_phone().address(address);

    client_of(&mock).await.update_contact("c-1", &request).await.expect("updated");

    let sent = only_request(&mock).await;
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        r#"{"firstName":"Ada","phone":null,"address":{"line1":"1 Main St","line2":null,"country":"GB"}}"#
    );
}

#[tokio::test]
async fn error_bodies_come_back_typed_a_409_duplicate_and_problem_details_for_the_rest() {
    let mock = MockServer::start().await;
    let request = CreateContactRequest::new("Ada").email("ada@example.org");
    mock.create_contact().respond_status(409, &json!({"code": "duplicate_email", "existingId": "c-7"})).await;
    let problem = r#"{"type": "https://contacts.example.com/problems/not-found", "title": "Not Found",
        "status": 404, "detail": "No contact `c-9` in this tenant.", "tenant": "tenant-42"}"#;
    let template = ResponseTemplate::new(404).set_body_raw(problem.as_bytes().to_vec(), "application/problem+json");
    mock.get_contact("c-9").respond_with(template).await;
    let html = ResponseTemplate::new(500).set_body_raw(b"<h1>Oops</h1>".to_vec(), "text/html");
    mock.get_contact("c-8").respond_with(html).await;
    let client = client_of(&mock).await;

    let error: Error = client.create_contact(&request).await.expect_err("a 409");
    let duplicate: DuplicateContact =
        apigen_runtime::serde_json::from_value(json!({"code": "duplicate_email", "existingId": "c-7"}))
            .expect("a duplicate");
    assert_eq!(duplicate.existing_id, "c-7");
    assert_eq!(error.typed_body::<DuplicateContact>(), Some(&duplicate));
    assert_eq!(error.typed_body::<ProblemDetails>(), None);

    let error = client.get_contact("c-9").await.expect_err("a 404");
    let mut extensions = apigen_runtime::serde_json::Map::new();
    extensions.insert("tenant".to_owned(), json!(TENANT));
    let expected = ProblemDetails {
        type_: Some("https://contacts.example.com/problems/not-found".to_owned()),
        title: Some("Not Found".to_owned()),
        status: Some(404),
        detail: Some("No contact `c-9` in this tenant.".to_owned()),
        instance: None,
        extensions,
    };
    assert_eq!(error.typed_body::<ProblemDetails>(), Some(&expected));

    // Declared (`default`), but not problem details: the raw body only.
    let error = client.get_contact("c-8").await.expect_err("a 500");
    assert_eq!(error.typed_body::<ProblemDetails>(), None);
    let status = error.as_status().expect("a status error");
    assert_eq!((status.status, status.body.as_str(), status.json.as_ref()), (500, "<h1>Oops</h1>", None));
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
