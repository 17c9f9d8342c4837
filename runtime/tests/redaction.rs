//! A server that echoes what it was sent (the `Authorization` header, in bodies, headers and
//! links) cannot make an error show the key: every error variant an answer can produce is
//! built here from an answer that held the key, and none of them prints it, stores it, or
//! decodes it into a typed body.

mod common;

use apigen_runtime::{
    __codegen::{Core, ErrorBody, Flavor, StatusMatch, decode_as},
    Error, Paginator, ProblemDetails,
};
use common::{KEY, Recorded, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::Value;

/// The key in the forms a server may echo it: the header itself, JSON-escaped, in a URL.
fn echo(request: &Recorded) -> String {
    request.header("authorization").unwrap_or_default().to_owned()
}

fn assert_no_key(what: &str, error: &Error) {
    let printed = [format!("{error}"), format!("{error:?}"), format!("{error:#?}")];
    for text in &printed {
        assert!(!text.contains(KEY), "{what} shows the key: {text}");
        assert!(!text.contains(&KEY[10..26]), "{what} shows a piece of the key: {text}");
    }
}

/// Declared: any error status is problem details, so a typed body is decoded too.
static PROBLEMS: &[ErrorBody] = &[ErrorBody { status: StatusMatch::Default, decode: decode_as::<ProblemDetails> }];

async fn get(core: &Core) -> Result<Value, Error> {
    core.get("/users/:id/", &[&7]).errors(PROBLEMS).send().await
}

#[tokio::test]
async fn an_echoing_server_cannot_put_the_key_into_any_error() {
    bounded(async {
        let server = Server::start(|n, request| {
            let echoed = echo(request);
            match n {
                // A status error: the key in the body (problem details), in a header.
                0 => Reply::Respond {
                    status: 401,
                    headers: vec![("content-type", "application/problem+json".to_owned()), ("x-echo", echoed.clone())],
                    body: serde_json::json!({"title": "Unauthorized", "detail": format!("bad credentials: {echoed}")})
                        .to_string()
                        .into_bytes(),
                },
                // A decode error: a 200 whose body is not the expected JSON, with the key.
                1 => Reply::json(200, &format!("{{\"id\": \"{echoed}\"")),
                // A page whose `next` link, on this host, holds the key in its path; then a
                // page whose link leads elsewhere, so the error names the path of the first.
                2 => {
                    let host = request.header("host").unwrap_or_default();
                    let next = format!("http://{host}/api/public/users/{}/", echoed.replace(' ', "%20"));
                    Reply::json(200, &serde_json::json!({"next": next, "results": [{"id": 1}]}).to_string())
                }
                3 => Reply::json(
                    200,
                    &serde_json::json!({"next": "https://evil.example/users/", "results": [{"id": 2}]}).to_string(),
                ),
                _ => Reply::status(500),
            }
        })
        .await;
        let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core");

        let status = get(&core).await.expect_err("a 401");
        assert_no_key("a status error", &status);
        let detail = status.typed_body::<ProblemDetails>().and_then(|problem| problem.detail.clone());
        assert_eq!(detail.as_deref(), Some("bad credentials: Token <redacted>"));
        let kept = status.as_status().expect("a status error");
        assert_eq!(kept.headers.get("x-echo").and_then(|value| value.to_str().ok()), Some("<redacted>"));
        assert!(kept.body.contains("Token <redacted>"), "{}", kept.body);

        let decode = core.get("/users/", &[]).send::<Vec<u32>>().await.expect_err("not a list");
        assert_no_key("a decode error", &decode);
        match &decode {
            Error::Decode(error) => assert_eq!(error.body, r#"{"id": "Token <redacted>""#),
            other => panic!("expected a decode error, got {other:?}"),
        }

        let mut pages: Paginator<Value> = core.get("/users/", &[]).pages();
        assert_eq!(pages.next_item().await.and_then(Result::ok), Some(serde_json::json!({"id": 1})));
        assert_eq!(pages.next_item().await.and_then(Result::ok), Some(serde_json::json!({"id": 2})));
        let pagination = pages.next_item().await.and_then(Result::err).expect("a refused link");
        assert!(matches!(pagination, Error::Pagination { .. }), "{pagination:?}");
        assert_no_key("a pagination error", &pagination);
        assert!(pagination.to_string().contains("<redacted>"), "{pagination}");
        assert_eq!(server.requests().len(), 4, "nothing was sent to the other host");
    })
    .await;
}

#[tokio::test]
async fn the_page_cap_error_does_not_show_a_key_the_server_put_in_its_links() {
    bounded(async {
        let server = Server::start(|n, request| {
            let base = format!("http://{}", request.header("host").unwrap_or_default());
            let echoed = echo(request).replace(' ', "%20");
            let next = format!("{base}/api/public/users/{echoed}/{n}/");
            Reply::json(200, &serde_json::json!({"next": next, "results": [{"id": n}]}).to_string())
        })
        .await;
        let config = fast_config().max_pages(2);
        let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, config).expect("core");
        let pages: Paginator<Value> = core.get("/users/", &[]).pages();
        let error = pages.collect_all().await.expect_err("the cap");
        assert!(matches!(error, Error::PageLimit { max_pages: 2, .. }), "{error:?}");
        assert_no_key("a page-limit error", &error);
        assert!(error.to_string().contains("<redacted>"), "{error}");
    })
    .await;
}

/// The answer to a link, failing in one of the ways below the status line.
type Then = fn() -> Reply;

/// A page whose `next` link, on this host, holds the echoed key in its path; the answer to that
/// link is `then`.
fn echo_then(then: Then) -> impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static {
    move |n, request| match n {
        0 => {
            let host = request.header("host").unwrap_or_default();
            let next = format!("http://{host}/api/public/users/{}/", echo(request).replace(' ', "%20"));
            Reply::json(200, &serde_json::json!({"next": next, "results": [{"id": 1}]}).to_string())
        }
        _ => then(),
    }
}

#[tokio::test]
async fn transport_timeout_and_size_errors_of_a_key_holding_link_do_not_show_it() {
    use std::time::Duration;

    bounded(async {
        let cases: [(&str, Then); 3] = [
            // The connection closes with no answer: reqwest's error names the URL it was sending to.
            ("a transport error", || Reply::Raw(Vec::new())),
            ("a timeout", || Reply::Hang),
            ("a too-large answer", || Reply::json(200, &format!("{{\"results\": \"{}\"}}", "x".repeat(4096)))),
        ];
        for (what, then) in cases {
            let server = Server::start(echo_then(then)).await;
            let config =
                fast_config().max_attempts(1).request_timeout(Duration::from_millis(300)).max_response_bytes(1024);
            let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, config).expect("core");
            let mut pages: Paginator<Value> = core.get("/users/", &[]).pages();
            assert!(pages.next_item().await.is_some_and(|item| item.is_ok()), "{what}: the first page");
            let error = pages.next_item().await.and_then(Result::err).unwrap_or_else(|| panic!("{what}: an error"));
            match (what, &error) {
                ("a transport error", Error::Transport { path, .. })
                | ("a timeout", Error::Timeout { path, .. })
                | ("a too-large answer", Error::ResponseTooLarge { path, .. }) => {
                    assert_eq!(path, "/api/public/users/Token%20<redacted>/", "{what}");
                }
                _ => panic!("{what}: unexpected {error:?}"),
            }
            assert_no_key(what, &error);
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                let printed = format!("{cause} {cause:?}");
                assert!(!printed.contains(&KEY[10..26]), "{what}: a cause shows the key: {printed}");
                source = cause.source();
            }
        }
    })
    .await;
}
