//! Support for the generated `examples.rs`: a local server on 127.0.0.1 that answers with the
//! documented response, and exact checks of what the client sent. Hand-written, so the
//! generated tests stay a few lines each.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The key every example test uses; it must arrive as `Authorization: Token <key>`.
pub const KEY: &str = "example-key-0123456789abcdef0123456789abcdef0123456789abcdef012345";

/// A local server answering every request with one documented body.
pub struct Wire {
    server: MockServer,
}

impl Wire {
    /// Starts a server that answers `200` with `answer` (no body when it is empty).
    pub async fn start(answer: &str) -> Wire {
        let server = MockServer::start().await;
        let response = if answer.is_empty() {
            ResponseTemplate::new(200)
        } else {
            ResponseTemplate::new(200).set_body_raw(answer.to_owned(), "application/json")
        };
        Mock::given(any()).respond_with(response).mount(&server).await;
        Wire { server }
    }

    /// A client for this server.
    pub fn client(&self) -> usercom::Client {
        usercom::Client::with_base_url(&format!("{}/api/public/", self.server.uri()), KEY).expect("local base URL")
    }

    /// The documented request body as the generated request type.
    pub fn request_body<T: DeserializeOwned>(&self, example: &str) -> T {
        serde_json::from_str(example).unwrap_or_else(|error| panic!("the documented request does not decode: {error}"))
    }

    /// Exactly one request arrived, with this method, path, query and JSON body, and with the
    /// API's headers.
    pub async fn assert_request(&self, method: &str, path: &str, query: Option<&str>, body: Option<&str>) {
        let requests = self.server.received_requests().await.expect("recording is on");
        assert_eq!(requests.len(), 1, "exactly one request");
        let request = &requests[0];
        assert_eq!(request.method.as_str(), method);
        assert_eq!(request.url.path(), path);
        assert_eq!(request.url.query(), query);
        let header = |name: &str| request.headers.get(name).map(|value| value.to_str().expect("ASCII header"));
        assert_eq!(header("authorization"), Some(format!("Token {KEY}").as_str()));
        assert_eq!(header("accept"), Some("*/*; version=2"));
        match body {
            Some(expected) => {
                assert_eq!(header("content-type"), Some("application/json"));
                let sent: Value = serde_json::from_slice(&request.body).expect("the body is JSON");
                let expected: Value = serde_json::from_str(expected).expect("the documented body is JSON");
                assert_eq!(sent, expected, "the body on the wire is the documented one");
            }
            None => {
                assert_eq!(header("content-type"), None);
                assert!(request.body.is_empty(), "no body");
            }
        }
    }

    /// The decoded answer re-encodes to the documented JSON (null and absent alike), and the
    /// schema declares every key of it: none lands in a model's `extra` (which would let a
    /// misnamed field round-trip unnoticed).
    pub fn assert_lossless<T: Serialize + DeserializeOwned>(&self, decoded: &T, example: &str) {
        let (again, unknown) = usercom::runtime::unknown_keys(|| serde_json::from_str::<T>(example));
        again.expect("the documented answer decodes");
        assert_eq!(unknown, Vec::<String>::new(), "keys of the documented answer that the schema does not declare");
        let original: Value = serde_json::from_str(example).expect("the documented answer is JSON");
        let encoded = serde_json::to_value(decoded).expect("encodes");
        assert_eq!(without_nulls(encoded), without_nulls(original), "nothing of the documented answer is lost");
    }
}

/// Drops `null` members at every depth: the generated types treat null and absent alike.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}
