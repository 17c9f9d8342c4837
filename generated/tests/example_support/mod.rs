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

    /// The decoded answer re-encodes to the documented JSON, and the schema declares every key
    /// of it: none lands in a model's `extra` (which would let a misnamed field round-trip
    /// unnoticed). The only `null`s that may be missing after the round trip are those the
    /// decode reports it read into an `Option` (where `null` and absent are one value); every
    /// other `null`, like every value, comes back. (A `null` written where the documented answer
    /// has no key, such as a page's `next`, is a field the model always writes.)
    pub fn assert_lossless<T: Serialize + DeserializeOwned>(&self, decoded: &T, example: &str) {
        let (again, audit) = apigen_runtime::test_util::audit(|| serde_json::from_str::<T>(example));
        again.expect("the documented answer decodes");
        assert_eq!(
            audit.unknown_keys,
            Vec::<String>::new(),
            "keys of the documented answer the schema does not declare"
        );
        let original: Value = serde_json::from_str(example).expect("the documented answer is JSON");
        let encoded = serde_json::to_value(decoded).expect("encodes");
        let expected = without_nulls_at(original, &audit.dropped_nulls);
        let encoded = without_added_nulls(encoded, &expected);
        assert_eq!(encoded, expected, "nothing of the documented answer is lost");
    }
}

/// `value` without the `null` members whose key is one of `keys`, at every depth.
fn without_nulls_at(value: Value, keys: &[String]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, value)| !(value.is_null() && keys.contains(key)))
                .map(|(key, value)| (key, without_nulls_at(value, keys)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|item| without_nulls_at(item, keys)).collect()),
        other => other,
    }
}

/// `encoded` without the `null` members it has where `expected` has no such key.
fn without_added_nulls(encoded: Value, expected: &Value) -> Value {
    match (encoded, expected) {
        (Value::Object(map), Value::Object(expected)) => Value::Object(
            map.into_iter()
                .filter(|(key, value)| !value.is_null() || expected.contains_key(key))
                .map(|(key, value)| {
                    let inner =
                        expected.get(&key).map_or(value.clone(), |expected| without_added_nulls(value, expected));
                    (key, inner)
                })
                .collect(),
        ),
        (Value::Array(items), Value::Array(expected)) if items.len() == expected.len() => Value::Array(
            items.into_iter().zip(expected).map(|(item, expected)| without_added_nulls(item, expected)).collect(),
        ),
        (encoded, _) => encoded,
    }
}
