//! Test doubles (cargo feature `mock`): a local mock of the API on 127.0.0.1, built on
//! [`wiremock`], programmed per endpoint with the generated types. The generated `MockServer`
//! has one method per endpoint that returns a [`When`]; this module holds what they share. It
//! sends nothing anywhere: it only answers the requests a client makes to it.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockBuilder, ResponseTemplate};

use super::call::Call;
use super::config::Config;
use super::core::{ApiSettings, Core};
use super::key::ApiKey;
use super::query::Query;

#[doc(no_inline)]
pub use wiremock;

/// The API key the clients of a mock send.
pub const MOCK_API_KEY: &str = "mock-api-key";

/// The value the client of a mock sends for each client header (`api.client_headers`).
pub const MOCK_HEADER_VALUE: &str = "mock-header-value";

/// A running mock: a [`wiremock::MockServer`] on a free port of 127.0.0.1, and a client core
/// pointed at it. The generated `MockServer` wraps one and programs it per endpoint.
///
/// Expectations set with [`When::times`] are checked when the server is dropped (the test
/// panics, naming the endpoint, if one is not met) or with [`Server::verify`].
pub struct Server {
    server: wiremock::MockServer,
    core: Core,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server").field("base_url", &self.core.base_url()).finish_non_exhaustive()
    }
}

impl Server {
    /// Starts a mock on a free port of 127.0.0.1 for an API with these settings. Requests
    /// that match no programmed endpoint get a `404`.
    ///
    /// # Panics
    ///
    /// When no local port can be bound (as [`wiremock::MockServer::start`]).
    #[doc(hidden)]
    pub async fn start(settings: &'static ApiSettings) -> Server {
        let server = wiremock::MockServer::start().await;
        let base_url = format!("{}/", server.uri());
        // A loopback `http` URL and a plain key pass every check of `Core::with_config`; each
        // client header is sent as `MOCK_HEADER_VALUE`.
        let values = vec![MOCK_HEADER_VALUE; settings.client_headers.len()];
        let core = Core::with_headers(&base_url, ApiKey::from(MOCK_API_KEY), settings, &values, Config::default())
            .unwrap_or_else(|error| panic!("a mock's base URL {base_url} is refused: {error}"));
        Server { server, core }
    }

    /// The base URL of the mock, such as `http://127.0.0.1:40123/`; it ends in `/`.
    pub fn base_url(&self) -> &str {
        self.core.base_url()
    }

    /// A request core pointed at the mock, sending [`MOCK_API_KEY`]; the generated
    /// `MockServer::client` wraps it in a `Client`.
    #[doc(hidden)]
    pub fn core(&self) -> Core {
        self.core.clone()
    }

    /// The underlying wiremock server, for what the typed methods do not cover (such as
    /// [`received_requests`](wiremock::MockServer::received_requests)).
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// Checks now that every expectation set with [`When::times`] is met.
    ///
    /// # Panics
    ///
    /// When one is not, naming it.
    pub async fn verify(&self) {
        self.server.verify().await;
    }

    /// The start of a programmed answer: requests with the method of `call` to the path the
    /// client builds for it (the same template filled with the same parameters, percent-encoded
    /// the same way), carrying every query pair of `call` (the endpoint's constants). A path the
    /// client refuses to send (an empty, `.` or `..` parameter), or too few or too many
    /// parameters, is never matched.
    #[doc(hidden)]
    pub fn when<R, B, Q>(&self, call: Call) -> When<'_, R, B, Q> {
        let path_template = call.path_template();
        let builder = self.core.call_url(&call).ok().map(|url| {
            let builder = Mock::given(method(call.method().as_str())).and(path(url.path()));
            url.query_pairs().fold(builder, |builder, (name, value)| builder.and(query_param(name, value)))
        });
        When { server: self, builder, name: path_template, times: None, types: PhantomData }
    }
}

/// The body type of an endpoint that takes none: [`When::body`] cannot be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBody {}

/// The query type of an endpoint that takes no parameters: [`When::query`] cannot be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoQuery {}

/// A query type whose pairs a mock can match (implemented by every generated `*Query`).
pub trait MockQuery {
    /// The pairs the client sends for this value.
    fn pairs(&self) -> Query;
}

impl MockQuery for Query {
    fn pairs(&self) -> Query {
        self.clone()
    }
}

/// One programmed answer of a mock, for one endpoint: narrow the match with [`body`](When::body)
/// and [`query`](When::query), then mount it with one of the `respond` methods. `R` is the
/// endpoint's response type, `B` its request body, `Q` its query.
///
/// A request matches when its method and path are the endpoint's (with these path
/// parameters) and, when given, its JSON body equals the body exactly and its query holds
/// every pair of the query. Several answers may be mounted; the first mounted that matches
/// answers.
#[must_use = "nothing is mounted until a `respond` method is awaited"]
pub struct When<'a, R, B = NoBody, Q = NoQuery> {
    server: &'a Server,
    builder: Option<MockBuilder>,
    name: &'static str,
    times: Option<u64>,
    types: PhantomData<fn(&R, &B, &Q)>,
}

impl<R, B, Q> fmt::Debug for When<'_, R, B, Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("When").field("endpoint", &self.name).field("times", &self.times).finish_non_exhaustive()
    }
}

impl<R, B: Serialize, Q> When<'_, R, B, Q> {
    /// Matches only requests whose JSON body is exactly `body`, as the client would send it
    /// (unset fields absent, cleared ones `null`).
    pub fn body(mut self, body: &B) -> Self {
        self.builder = match serde_json::to_value(body) {
            Ok(value) => self.builder.map(|builder| builder.and(body_json(value))),
            // A body the client could not send either is never matched.
            Err(_) => None,
        };
        self
    }
}

impl<R, B, Q: MockQuery> When<'_, R, B, Q> {
    /// Matches only requests whose query holds every pair `query` sends (others may follow).
    pub fn query(mut self, query: &Q) -> Self {
        let pairs = query.pairs();
        self.builder = self.builder.map(|builder| {
            pairs.pairs().iter().fold(builder, |builder, (name, value)| builder.and(query_param(name, value)))
        });
        self
    }
}

impl<R, B, Q> When<'_, R, B, Q> {
    /// Expects exactly `n` matching requests; checked on [`Server::verify`] or when the
    /// server is dropped.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers matching requests with `template` (any status, headers, body or delay).
    pub async fn respond_with(self, template: ResponseTemplate) {
        let Some(builder) = self.builder else { return };
        let mut mock = builder.respond_with(template).named(self.name);
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        mock.mount(&self.server.server).await;
    }

    /// Answers matching requests with `status` and a JSON body, such as
    /// `respond_status(404, &json!({"detail": "Not found."}))`.
    pub async fn respond_status(self, status: u16, body: &serde_json::Value) {
        self.respond_with(ResponseTemplate::new(status).set_body_json(body)).await;
    }

    /// Answers matching requests with `200` and an empty body.
    pub async fn respond_empty(self) {
        self.respond_with(ResponseTemplate::new(200)).await;
    }
}

impl<R: Serialize, B, Q> When<'_, R, B, Q> {
    /// Answers matching requests with `200` and `body` as JSON, the endpoint's own type.
    pub async fn respond(self, body: &R) {
        match serde_json::to_value(body) {
            Ok(value) => self.respond_with(ResponseTemplate::new(200).set_body_json(value)).await,
            // Generated types always serialize; anything else gets a server error.
            Err(error) => self.respond_with(ResponseTemplate::new(500).set_body_string(error.to_string())).await,
        }
    }
}
