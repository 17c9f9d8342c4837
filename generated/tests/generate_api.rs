//! `generate_api!` as a downstream crate uses it: the client of each `ok` fixture schema of
//! `codegen`, generated while this test compiles (with this crate's `blocking` and `mock`
//! features on), then called through its own generated mock.
#![allow(dead_code)]

use serde_json::json;

mod api_shapes {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/api_shapes/schema");
}

mod shapes {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/shapes/schema/");
}

mod errors {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/errors/schema");
}

mod odd_names {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/odd_names/schema");
}

mod bare_key {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/bare_key/schema");
}

mod integer_widths {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/integer_widths/schema");
}

mod maps {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/maps/schema");
}

mod string_formats {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/string_formats/schema");
}

mod query_arrays {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/query_arrays/schema");
}

mod no_auth {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/no_auth/schema");
}

mod client_params {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/client_params/schema");
}

mod property_sample {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/property_sample/schema");
}

mod request_nulls {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/request_nulls/schema");
}

mod request_nulls_by_default {
    apigen_macros::generate_api!("../codegen/tests/fixtures/ok/request_nulls_by_default/schema");
}

/// The bodies the mock received, as sent, in order.
async fn received_bodies(server: &usercom::runtime::mock::Server) -> Vec<String> {
    let requests = server.wiremock().received_requests().await.expect("requests are recorded");
    requests.iter().map(|request| String::from_utf8(request.body.clone()).expect("UTF-8 body")).collect()
}

#[tokio::test]
async fn a_macro_generated_client_calls_its_macro_generated_mock() {
    use api_shapes::{FindPeopleQuery, MockServer, Person, StatusCode, TagPersonRequest};

    let mock = MockServer::start().await;
    let person: Person = serde_json::from_value(json!({"id": 5, "key": "k", "status": "user"})).expect("a person");
    let query =
        FindPeopleQuery::new("a@example.org").status(StatusCode::User).filter("score", usercom::Lookup::Gte, 10);
    // The constant `many=true` is matched as well: the client always sends it.
    mock.find_people().query(&query).respond(&vec![person.clone()]).await;
    mock.tag_person(5).body(&TagPersonRequest::new("vip")).respond_empty().await;
    let page = usercom::Page { results: vec![person.clone()], ..usercom::Page::default() };
    mock.list_group_people("team a/b").respond(&page).await;
    let client = mock.client();

    assert_eq!(client.find_people(&query).await.expect("found"), vec![person.clone()]);
    client.tag_person(5, &TagPersonRequest::new("vip")).await.expect("tagged");
    let listed = client
        .list_group_people("team a/b", &api_shapes::ListGroupPeopleQuery::new())
        .await
        .expect("a page for the encoded group");
    assert_eq!(listed.results, vec![person]);
}

#[tokio::test]
async fn every_fixture_generates_working_types() {
    let mock = shapes::MockServer::start().await;
    let everything: shapes::Everything = serde_json::from_value(json!({"text": "t"})).expect("decodes");
    mock.create_thing("g", 1).respond(&everything).await;
    let request = shapes::CreateThingRequest::new("name", usercom::DateTime(usercom::time::OffsetDateTime::UNIX_EPOCH));
    let answer = mock.client().create_thing("g", 1, &request).await.expect("answered");
    assert_eq!(answer.text, "t");

    let odd: odd_names::Odd = serde_json::from_value(json!({"type": "t", "2fa": true})).expect("decodes");
    assert_eq!((odd.type_.as_deref(), odd.n_2fa), (Some("t"), Some(true)));
    let client = odd_names::Client::new("tenant", "key").expect("a client");
    assert!(format!("{client:?}").contains("https://tenant.example.com/v1/"));
    assert_eq!(property_sample::Code::from_code(2).label(), Some("two words"));
}

/// A `PATCH /contacts/:id` answered by the generated mock (wiremock on 127.0.0.1) with
/// `status`, `body` and `content_type`; the client's error.
async fn update_contact_failing(status: u16, body: &str, content_type: &str) -> usercom::Error {
    let mock = errors::MockServer::start().await;
    let template = wiremock::ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type);
    mock.update_contact(5).respond_with(template).await;
    let request = errors::UpdateContactRequest::new().email("a@example.org");
    match mock.client().update_contact(5, &request).await {
        Ok(contact) => panic!("expected a {status}, got {contact:?}"),
        Err(error) => error,
    }
}

#[tokio::test]
async fn a_declared_409_comes_back_as_its_model() {
    let body = r#"{"code": "email_taken", "message": "a@example.org is in use", "existing_id": 7}"#;
    let error = update_contact_failing(409, body, "application/json").await;
    let expected: errors::Conflict = serde_json::from_str(body).expect("a conflict");
    assert_eq!(expected.code, "email_taken");
    assert_eq!(error.typed_body::<errors::Conflict>(), Some(&expected));
    assert_eq!(error.typed_body::<usercom::runtime::ProblemDetails>(), None);
    // The raw access of every status error is still there.
    let status = error.as_status().expect("a status error");
    assert_eq!((status.status, status.body.as_str()), (409, body));
    assert_eq!(
        status.json,
        Some(json!({"code": "email_taken", "message": "a@example.org is in use", "existing_id": 7}))
    );
    assert_eq!(status.typed_body::<errors::Conflict>(), Some(&expected));
    assert_eq!(error.to_string(), "PATCH /contacts/5: server answered 409 Conflict");
}

#[tokio::test]
async fn a_422_problem_json_comes_back_as_problem_details() {
    let body = r#"{"type": "https://example.com/probs/invalid", "title": "Invalid input", "status": 422,
        "detail": "`email` is not an address", "instance": "/v1/contacts/5",
        "errors": [{"field": "email", "reason": "format"}]}"#;
    let error = update_contact_failing(422, body, "application/problem+json").await;
    let mut extensions = serde_json::Map::new();
    extensions.insert("errors".to_owned(), json!([{"field": "email", "reason": "format"}]));
    let expected = usercom::runtime::ProblemDetails {
        type_: Some("https://example.com/probs/invalid".to_owned()),
        title: Some("Invalid input".to_owned()),
        status: Some(422),
        detail: Some("`email` is not an address".to_owned()),
        instance: Some("/v1/contacts/5".to_owned()),
        extensions,
    };
    // The API's exact `422` comes before the endpoint's `4XX`; both say `problem`.
    assert_eq!(error.typed_body::<usercom::runtime::ProblemDetails>(), Some(&expected));
    assert_eq!(error.typed_body::<errors::Conflict>(), None);
    assert_eq!(error.as_status().map(|status| status.body.as_str()), Some(body));
}

#[tokio::test]
async fn an_undecodable_declared_body_keeps_raw_access_only() {
    // `4XX` is declared (`problem`) for this endpoint, but the body is not JSON.
    let error = update_contact_failing(418, "I'm a teapot", "text/plain").await;
    assert_eq!(error.typed_body::<usercom::runtime::ProblemDetails>(), None);
    let status = error.as_status().expect("a status error");
    assert_eq!((status.status, status.body.as_str(), status.json.as_ref()), (418, "I'm a teapot", None));
    // A `409` whose body is not a `Conflict` (no `code`) is not tried as the `4XX` problem.
    let error = update_contact_failing(409, r#"{"message": "in use"}"#, "application/json").await;
    assert_eq!(error.typed_body::<errors::Conflict>(), None);
    assert_eq!(error.typed_body::<usercom::runtime::ProblemDetails>(), None);
    assert_eq!(error.as_status().and_then(|status| status.json.clone()), Some(json!({"message": "in use"})));
}

#[tokio::test]
async fn undeclared_statuses_keep_raw_access_and_the_api_table_applies_everywhere() {
    let mock = errors::MockServer::start().await;
    mock.delete_contact(1).respond_status(409, &json!({"code": "locked"})).await;
    mock.delete_contact(2).respond_status(500, &json!({"message": "database down"})).await;
    mock.delete_contact(3).respond_status(500, &json!({"error": "database down"})).await;
    let client = mock.client();

    // `delete_contact` declares nothing and the API has no `409` (nor `4XX`, nor `default`).
    let error = client.delete_contact(1).await.expect_err("a 409");
    assert_eq!((error.status(), error.typed_body::<errors::Conflict>()), (Some(409), None));
    assert_eq!(error.typed_body::<usercom::runtime::ProblemDetails>(), None);
    assert_eq!(error.as_status().and_then(|status| status.json.clone()), Some(json!({"code": "locked"})));
    assert_eq!(error.as_status().map(|status| status.body.as_str()), Some(r#"{"code":"locked"}"#));

    // The API's `5XX`.
    let error = client.delete_contact(2).await.expect_err("a 500");
    let fault: errors::ServerFault = serde_json::from_value(json!({"message": "database down"})).expect("a fault");
    assert_eq!(error.typed_body::<errors::ServerFault>(), Some(&fault));
    let error = client.delete_contact(3).await.expect_err("a 500");
    assert_eq!(error.typed_body::<errors::ServerFault>(), None);
    assert_eq!(error.as_status().and_then(|status| status.json.clone()), Some(json!({"error": "database down"})));
}

#[tokio::test]
async fn pages_and_the_blocking_client_decode_declared_bodies_too() {
    let mock = errors::MockServer::start().await;
    mock.list_contacts().respond_status(404, &json!({"code": "no_list"})).await;
    let client = mock.client();
    let conflict: errors::Conflict = serde_json::from_value(json!({"code": "no_list"})).expect("a conflict");
    let error = client.list_contacts().await.expect_err("a 404");
    assert_eq!(error.typed_body::<errors::Conflict>(), Some(&conflict));
    let mut all = client.list_contacts_all();
    let error = all.next_item().await.expect("an answer").expect_err("a 404");
    assert_eq!(error.typed_body::<errors::Conflict>(), Some(&conflict));

    let base_url = mock.base_url().to_owned();
    let blocking = tokio::task::spawn_blocking(move || {
        let client = errors::BlockingClient::with_base_url(&base_url, "key").expect("a client");
        client.list_contacts().expect_err("a 404")
    })
    .await
    .expect("the blocking call ran");
    assert_eq!(blocking.typed_body::<errors::Conflict>(), Some(&conflict));
}

#[tokio::test]
async fn nulls_go_on_the_wire_only_where_the_schema_allows_them() {
    use request_nulls::{Address, Contact, Geo, MockServer, UpdateContactRequest};

    let mock = MockServer::start().await;
    let contact: Contact = serde_json::from_value(json!({"id": 5})).expect("a contact");
    mock.update_contact(5).respond(&contact).await;
    let client = mock.client();

    // Nothing set: an empty object. A nullable field cleared: `null`; a non-nullable one set.
    client.update_contact(5, &UpdateContactRequest::new()).await.expect("updated");
    let cleared = UpdateContactRequest::new().clear_nickname().email("a@example.org").clear_address();
    client.update_contact(5, &cleared).await.expect("updated");
    // A nested object sends `null` for its nullable fields, and leaves unset ones out, also
    // inside lists and deeper models.
    let nested = UpdateContactRequest::new()
        .address(Address::new("PL", None).clear_street().geo(Geo::new().clear_lat().lng(18.65)))
        .previous_addresses([Address::new("DE", Some("Berlin".to_owned())).city("Berlin").clear_geo()]);
    client.update_contact(5, &nested).await.expect("updated");

    assert_eq!(
        received_bodies(mock.server()).await,
        [
            r#"{}"#,
            r#"{"nickname":null,"email":"a@example.org","address":null}"#,
            concat!(
                r#"{"address":{"country":"PL","street":null,"geo":{"lat":null,"lng":18.65},"region":null},"#,
                r#""previous_addresses":[{"country":"DE","city":"Berlin","geo":null,"region":"Berlin"}]}"#
            ),
        ]
    );
}

#[tokio::test]
async fn an_api_default_of_nullable_sends_null_unless_a_field_says_otherwise() {
    use request_nulls_by_default::{MockServer, UpdateNoteRequest};

    let mock = MockServer::start().await;
    mock.update_note("n 1").respond_empty().await;
    let client = mock.client();
    client.update_note("n 1", &UpdateNoteRequest::new("t")).await.expect("updated");
    let request = UpdateNoteRequest::new("t").clear_body().pinned(false).clear_labels();
    client.update_note("n 1", &request).await.expect("updated");
    let request = UpdateNoteRequest::new("t").body("text").labels(["a"]);
    client.update_note("n 1", &request).await.expect("updated");

    assert_eq!(
        received_bodies(mock.server()).await,
        [
            r#"{"title":"t"}"#,
            r#"{"title":"t","body":null,"pinned":false,"labels":null}"#,
            r#"{"title":"t","body":"text","labels":["a"]}"#,
        ]
    );
}

#[tokio::test]
async fn client_headers_and_the_schema_user_agent_go_on_the_wire_and_secrets_stay_out_of_debug() {
    let mock = client_params::MockServer::start().await;
    let event: client_params::Event =
        serde_json::from_value(json!({"id": 7, "at": "2024-05-01T09:30:00Z"})).expect("an event");
    mock.get_event(7).times(1).respond(&event).await;
    let client = client_params::Client::builder("eu", "key-1", "tenant-9", "s3cr3t-signing")
        .base_url(mock.base_url())
        .config(usercom::Config::new().max_attempts(1))
        .build()
        .expect("a client of the mock");

    assert_eq!(client.get_event(7).await.expect("the event"), event);

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    let sent = &requests[0];
    let header = |name: &str| sent.headers.get(name).and_then(|value| value.to_str().ok());
    assert_eq!(sent.url.path(), "/events/7");
    assert_eq!(header("x-api-key"), Some("Key key-1"));
    assert_eq!(header("x-tenant-id"), Some("tenant-9"));
    assert_eq!(header("x-signing-secret"), Some("s3cr3t-signing"));
    assert_eq!(header("user-agent"), Some("client-params-example/2.0"));
    assert_eq!(header("accept"), Some("application/json"));
    let printed = format!("{client:?} {client:#?}");
    assert!(!printed.contains("s3cr3t") && !printed.contains("key-1"), "{printed}");
}

#[tokio::test]
async fn a_secret_client_header_echoed_by_the_server_is_redacted_from_errors() {
    let mock = client_params::MockServer::start().await;
    let echo = json!({"detail": "bad signature s3cr3t-signing for key-1 (tenant tenant-9)"});
    mock.get_event(7).respond_status(403, &echo).await;
    let client = client_params::Client::builder("eu", "key-1", "tenant-9", "s3cr3t-signing")
        .base_url(mock.base_url())
        .build()
        .expect("a client of the mock");

    let error = client.get_event(7).await.expect_err("a 403");

    let status = error.as_status().expect("a status error");
    // The key and the secret header are cut out; the tenant id is no secret.
    assert_eq!(status.body, r#"{"detail":"bad signature <redacted> for <redacted> (tenant tenant-9)"}"#);
    let printed = format!("{error} {error:?}");
    assert!(!printed.contains("s3cr3t") && !printed.contains("key-1"), "{printed}");
}

#[tokio::test]
async fn a_key_without_a_scheme_is_the_whole_value_of_its_header() {
    let mock = bare_key::MockServer::start().await;
    let contact: bare_key::Contact =
        serde_json::from_value(json!({"id": 3, "email": "a@example.org"})).expect("a contact");
    mock.get_contact(3).times(1).respond(&contact).await;
    let client = bare_key::Client::with_base_url(mock.base_url(), "xkeysib-123").expect("a client of the mock");

    assert_eq!(client.get_contact(3).await.expect("the contact"), contact);

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    let sent = &requests[0];
    assert_eq!(sent.url.path(), "/contacts/3");
    let values: Vec<&str> = sent.headers.get_all("api-key").iter().filter_map(|value| value.to_str().ok()).collect();
    assert_eq!(values, ["xkeysib-123"]);
    assert_eq!(sent.headers.get("authorization"), None);
    assert!(!format!("{client:?}").contains("xkeysib"));
}

#[tokio::test]
async fn integers_of_every_width_go_on_the_wire_as_written() {
    use integer_widths::{BumpCounterRequest, Counter, GetCounterQuery, MockServer};

    let mock = MockServer::start().await;
    let counter: Counter =
        serde_json::from_value(json!({"id": u64::MAX, "hits": i32::MIN, "total": i64::MIN})).expect("a counter");
    let query = GetCounterQuery::new().window(i32::MAX);
    mock.get_counter(u64::MAX).query(&query).times(1).respond(&counter).await;
    let bump = BumpCounterRequest::new(-1000).ceiling(u64::MAX);
    mock.bump_counter(u64::MAX).body(&bump).times(1).respond(&counter).await;
    let client = mock.client();

    assert_eq!(client.get_counter(u64::MAX, &query).await.expect("the counter"), counter);
    assert_eq!(client.bump_counter(u64::MAX, &bump).await.expect("bumped"), counter);
    // Refused before sending: the mock sees no third request.
    let refused = client.bump_counter(1, &BumpCounterRequest::new(1001)).await.expect_err("over the maximum");
    assert_eq!(refused.to_string(), "invalid input: `by` is 1001; the maximum is 1000");

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].url.path(), "/counters/18446744073709551615");
    assert_eq!(requests[0].url.query(), Some("window=2147483647"));
    assert_eq!(requests[1].url.path(), "/counters/18446744073709551615/bumps");
    assert_eq!(String::from_utf8_lossy(&requests[1].body), r#"{"by":-1000,"ceiling":18446744073709551615}"#);
}

#[tokio::test]
async fn maps_go_on_the_wire_as_json_objects() {
    use maps::{CreateRecordRequest, MockServer, Record, Tag};

    let mock = MockServer::start().await;
    let record: Record =
        serde_json::from_value(json!({"id": 9, "labels": {"env": "prod"}, "scores": {"a": 1}})).expect("a record");
    let tags = std::collections::BTreeMap::from([("main".to_owned(), Tag::new("blue"))]);
    let request = CreateRecordRequest::new([("env", "prod")]).tags(tags);
    mock.create_record().body(&request).times(1).respond(&record).await;
    let client = mock.client();

    let created = client.create_record(&request).await.expect("created");
    assert_eq!(created, record);
    assert_eq!(created.scores.and_then(|scores| scores.get("a").copied()), Some(1));

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    assert_eq!(
        String::from_utf8_lossy(&requests[0].body),
        r#"{"labels":{"env":"prod"},"tags":{"main":{"name":"blue"}}}"#
    );
}

#[tokio::test]
async fn formatted_strings_are_strings_on_the_wire() {
    use string_formats::{Account, GetAccountQuery, MockServer};

    let mock = MockServer::start().await;
    let id = "0b9a3c2e-5f61-4d7a-9e1b-6c0f2a8d4e73";
    let account: Account = serde_json::from_value(json!({
        "id": id, "homepage": "https://example.org/", "contact": "a+b@example.org", "aliases": ["c@example.org"],
        "last_email": {"subject": "Hi"}
    }))
    .expect("an account");
    let query = GetAccountQuery::new().contact("a+b@example.org");
    mock.get_account(id).query(&query).times(1).respond(&account).await;
    let client = mock.client();

    let got = client.get_account(id, &query).await.expect("the account");
    assert_eq!((got.id.as_str(), got.last_email.map(|email| email.subject)), (id, Some("Hi".to_owned())));

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    assert_eq!(requests[0].url.path(), format!("/accounts/{id}"));
    assert_eq!(requests[0].url.query(), Some("contact=a%2Bb%40example.org"));
}

#[tokio::test]
async fn list_query_parameters_go_on_the_wire_in_their_style() {
    use query_arrays::{ListItemsQuery, MockServer, Status};

    let mock = MockServer::start().await;
    let query = ListItemsQuery::new(["id", "name"]).ids(vec![7, 8]).status(vec![Status::OnHold]);
    mock.list_items().query(&query).times(1).respond(&Vec::<query_arrays::Item>::new()).await;
    let client = mock.client();

    assert_eq!(client.list_items(&query).await.expect("the items"), []);

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    assert_eq!(requests[0].url.query(), Some("fields=id%2Cname&ids=7&ids=8&status%5B%5D=on+hold"));
}

#[tokio::test]
async fn an_api_without_auth_sends_no_credentials() {
    use no_auth::{Holiday, MockServer};

    let mock = MockServer::start().await;
    let holiday: Holiday = serde_json::from_value(json!({"date": "2026-12-25", "name": "Christmas"})).expect("a day");
    mock.list_holidays(2026).times(1).respond(&vec![holiday.clone()]).await;
    let client = no_auth::Client::with_base_url(mock.base_url()).expect("a client of the mock");

    assert_eq!(client.list_holidays(2026).await.expect("the holidays"), [holiday]);

    let requests = mock.server().wiremock().received_requests().await.expect("recorded");
    assert_eq!(requests[0].url.path(), "/holidays/2026");
    assert_eq!(requests[0].headers.get("authorization"), None);
    let names: Vec<&str> = requests[0].headers.keys().map(|name| name.as_str()).collect();
    assert!(names.iter().all(|name| ["accept", "user-agent", "host", "accept-encoding"].contains(name)), "{names:?}");
}
