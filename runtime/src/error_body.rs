//! Declared error bodies: the tables that map a non-2xx status to the type its body decodes
//! into ([`ErrorBody`]), the decoded value kept in a [`StatusError`](super::StatusError)
//! ([`TypedBody`]), and the RFC 9457 problem details every API may declare ([`ProblemDetails`]).

use std::any::Any;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Which non-2xx statuses an [`ErrorBody`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMatch {
    /// This status exactly, e.g. `409`.
    Exact(u16),
    /// Every status of a class: `Class(4)` is `4XX`, `Class(5)` is `5XX`.
    Class(u16),
    /// Any status outside 2xx.
    Default,
}

impl StatusMatch {
    /// How specific the match of `status` is (`0` exact, `1` class, `2` default), or `None`
    /// when it does not apply.
    fn rank(self, status: u16) -> Option<u8> {
        match self {
            StatusMatch::Exact(exact) => (exact == status).then_some(0),
            StatusMatch::Class(class) => (status / 100 == class).then_some(1),
            StatusMatch::Default => (!(200..300).contains(&status)).then_some(2),
        }
    }
}

/// One row of a declared error table: for these statuses the body is this type.
///
/// Generated as `&'static` tables, one per API (`ApiSettings::errors`)
/// and one per endpoint (`Call::errors`).
#[derive(Debug, Clone, Copy)]
pub struct ErrorBody {
    /// The statuses this row applies to.
    pub status: StatusMatch,
    /// Decodes the body, `None` when it is not of the declared type: [`decode_as::<T>`](decode_as).
    pub decode: fn(&[u8]) -> Option<TypedBody>,
}

impl ErrorBody {
    /// The row that applies to `status`: the most specific match, looked up in the
    /// endpoint's table before the API's at each level (exact status of the endpoint, exact of
    /// the API, class of the endpoint, class of the API, default of the endpoint, default of
    /// the API).
    pub fn find<'a>(status: u16, endpoint: &'a [ErrorBody], api: &'a [ErrorBody]) -> Option<&'a ErrorBody> {
        (0..3).find_map(|rank| {
            [endpoint, api].into_iter().find_map(|table| table.iter().find(|row| row.status.rank(status) == Some(rank)))
        })
    }

    /// The body decoded with the row that applies to `status`, or `None` when no row applies
    /// or the body does not decode as that row's type (the next, less specific row is not
    /// tried: the answer is not what the API declares).
    pub fn decode(status: u16, bytes: &[u8], endpoint: &[ErrorBody], api: &[ErrorBody]) -> Option<TypedBody> {
        (ErrorBody::find(status, endpoint, api)?.decode)(bytes)
    }
}

/// The JSON `bytes` decoded as `T`, type-erased; `None` when they do not decode. The `decode`
/// of every generated [`ErrorBody`].
pub fn decode_as<T>(bytes: &[u8]) -> Option<TypedBody>
where
    T: DeserializeOwned + fmt::Debug + Send + Sync + 'static,
{
    serde_json::from_slice::<T>(bytes).ok().map(|value| TypedBody(Box::new(value)))
}

/// What a decoded body can be: any `Debug` value that may cross threads.
trait Body: Any + fmt::Debug + Send + Sync {
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any + fmt::Debug + Send + Sync> Body for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An error body decoded into its declared type, which is known only at run time; reach it
/// with [`downcast_ref`](TypedBody::downcast_ref) (or
/// [`Error::typed_body`](super::Error::typed_body)).
pub struct TypedBody(Box<dyn Body>);

impl TypedBody {
    /// The value, when it is a `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        // `*` first: the box itself is a `Body` too, and would be the value downcast.
        (*self.0).as_any().downcast_ref::<T>()
    }
}

impl fmt::Debug for TypedBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// An RFC 9457 (formerly RFC 7807) problem details object, the body of many APIs' error
/// answers (`Content-Type: application/problem+json`): declared in a schema as `problem`.
///
/// Every member is optional. Members besides the five standard ones (such as a list of invalid
/// fields) are kept in `extensions`; so is a standard member of the wrong JSON type, which the
/// RFC says to ignore (then its field is `None`). Decoding and re-encoding loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Map<String, Value>")]
pub struct ProblemDetails {
    /// A URI reference that identifies the problem type; absent means `about:blank` (see
    /// [`problem_type`](ProblemDetails::problem_type)).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// A short, human-readable summary of the problem type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HTTP status code the server generated for this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// A human-readable explanation of this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A URI reference that identifies this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Every other member, by name.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

impl ProblemDetails {
    /// The problem type: `type`, or `about:blank` when it is absent.
    pub fn problem_type(&self) -> &str {
        self.type_.as_deref().unwrap_or("about:blank")
    }
}

impl From<Map<String, Value>> for ProblemDetails {
    fn from(mut members: Map<String, Value>) -> Self {
        let mut text = |name: &str| match members.get(name) {
            Some(Value::String(_)) => match members.remove(name) {
                Some(Value::String(text)) => Some(text),
                _ => None,
            },
            _ => None,
        };
        let type_ = text("type");
        let title = text("title");
        let detail = text("detail");
        let instance = text("instance");
        let status = members.get("status").and_then(Value::as_u64).and_then(|status| u16::try_from(status).ok());
        if status.is_some() {
            members.remove("status");
        }
        ProblemDetails { type_, title, status, detail, instance, extensions: members }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Conflict {
        code: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Fault {
        message: String,
    }

    fn row(status: StatusMatch, decode: fn(&[u8]) -> Option<TypedBody>) -> ErrorBody {
        ErrorBody { status, decode }
    }

    /// Which table and row applies: `("endpoint" | "api", index)`.
    fn found(status: u16, endpoint: &[ErrorBody], api: &[ErrorBody]) -> Option<(&'static str, usize)> {
        let row = ErrorBody::find(status, endpoint, api)?;
        let index = |table: &[ErrorBody]| table.iter().position(|other| std::ptr::eq(other, row));
        index(endpoint).map(|at| ("endpoint", at)).or_else(|| index(api).map(|at| ("api", at)))
    }

    #[test]
    fn precedence_exact_then_class_then_default_endpoint_before_api() {
        let decode = decode_as::<Value>;
        let endpoint = [
            row(StatusMatch::Default, decode),
            row(StatusMatch::Class(4), decode),
            row(StatusMatch::Exact(409), decode),
        ];
        let api = [
            row(StatusMatch::Exact(422), decode),
            row(StatusMatch::Exact(409), decode),
            row(StatusMatch::Class(5), decode),
            row(StatusMatch::Default, decode),
        ];
        assert_eq!(found(409, &endpoint, &api), Some(("endpoint", 2)));
        // The API's exact status beats the endpoint's class.
        assert_eq!(found(422, &endpoint, &api), Some(("api", 0)));
        assert_eq!(found(404, &endpoint, &api), Some(("endpoint", 1)));
        // The API's class beats the endpoint's default.
        assert_eq!(found(503, &endpoint, &api), Some(("api", 2)));
        assert_eq!(found(302, &endpoint, &api), Some(("endpoint", 0)));
        assert_eq!(found(302, &[], &api), Some(("api", 3)));
        assert_eq!(found(409, &[], &api), Some(("api", 1)));
        assert_eq!(found(404, &[], &api[..3]), None);
        assert_eq!(found(500, &endpoint[1..], &[]), None);
        assert_eq!(found(200, &endpoint, &api), None);
        assert_eq!(found(204, &[row(StatusMatch::Default, decode)], &[]), None);
    }

    #[test]
    fn decodes_with_the_row_that_applies_and_no_other() {
        let endpoint = [row(StatusMatch::Exact(409), decode_as::<Conflict>)];
        let api = [row(StatusMatch::Default, decode_as::<Fault>)];
        let conflict = ErrorBody::decode(409, br#"{"code": "taken"}"#, &endpoint, &api);
        assert_eq!(
            conflict.as_ref().and_then(TypedBody::downcast_ref::<Conflict>),
            Some(&Conflict { code: "taken".to_owned() })
        );
        assert_eq!(conflict.as_ref().and_then(TypedBody::downcast_ref::<Fault>), None);
        assert_eq!(format!("{conflict:?}"), r#"Some(Conflict { code: "taken" })"#);
        let fault = ErrorBody::decode(500, br#"{"message": "down"}"#, &endpoint, &api);
        assert_eq!(
            fault.as_ref().and_then(TypedBody::downcast_ref::<Fault>),
            Some(&Fault { message: "down".to_owned() })
        );
        // A 409 that is not a `Conflict` is not tried as the default's `Fault`.
        assert!(ErrorBody::decode(409, br#"{"message": "down"}"#, &endpoint, &api).is_none());
        assert!(ErrorBody::decode(500, b"<html>", &endpoint, &api).is_none());
        assert!(ErrorBody::decode(500, br#"{"message": "down"}"#, &endpoint, &[]).is_none());
    }

    #[test]
    fn problem_details_keep_every_member() {
        let text = json!({
            "type": "https://example.com/probs/out-of-credit",
            "title": "You do not have enough credit.",
            "status": 403,
            "detail": "Your current balance is 30, but that costs 50.",
            "instance": "/account/12345/msgs/abc",
            "balance": 30,
            "accounts": ["/account/12345", "/account/67890"]
        });
        let problem: ProblemDetails = serde_json::from_value(text.clone()).expect("problem");
        let mut extensions = Map::new();
        extensions.insert("balance".to_owned(), json!(30));
        extensions.insert("accounts".to_owned(), json!(["/account/12345", "/account/67890"]));
        assert_eq!(
            problem,
            ProblemDetails {
                type_: Some("https://example.com/probs/out-of-credit".to_owned()),
                title: Some("You do not have enough credit.".to_owned()),
                status: Some(403),
                detail: Some("Your current balance is 30, but that costs 50.".to_owned()),
                instance: Some("/account/12345/msgs/abc".to_owned()),
                extensions,
            }
        );
        assert_eq!(problem.problem_type(), "https://example.com/probs/out-of-credit");
        assert_eq!(serde_json::to_value(&problem).ok(), Some(text));
    }

    #[test]
    fn problem_details_members_of_the_wrong_type_are_kept_aside() {
        let text = json!({"status": "422", "title": 7, "detail": "Bad input."});
        let problem: ProblemDetails = serde_json::from_value(text.clone()).expect("problem");
        assert_eq!((problem.status, problem.title.as_deref()), (None, None));
        assert_eq!((problem.detail.as_deref(), problem.problem_type()), (Some("Bad input."), "about:blank"));
        assert_eq!(problem.extensions.get("status"), Some(&json!("422")));
        assert_eq!(problem.extensions.get("title"), Some(&json!(7)));
        assert_eq!(serde_json::to_value(&problem).ok(), Some(text));
        let big = serde_json::from_value::<ProblemDetails>(json!({"status": 70000})).expect("problem");
        assert_eq!((big.status, big.extensions.get("status")), (None, Some(&json!(70000))));
        assert_eq!(serde_json::to_value(ProblemDetails::default()).ok(), Some(json!({})));
        assert!(serde_json::from_str::<ProblemDetails>("[1]").is_err());
        assert!(decode_as::<ProblemDetails>(b"\"text\"").is_none());
    }
}
