//! `Core::call` and `Core::call_no_content` against a scripted local server: query strings,
//! path parameters as one encoded segment, bodies that are empty, JSON or not JSON, retries.

mod common;

use common::{KEY, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::{Value, json};
use usercom::Error;
use usercom::runtime::{BlockingCore, Core, Lookup, Method, Query, Segment};

fn core(server: &Server) -> Core {
    Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core")
}

fn search() -> [Segment<'static>; 1] {
    [Segment::Literal("users/search")]
}

#[tokio::test]
async fn query_pairs_and_filters_are_percent_encoded_in_order() {
    bounded(async {
        let server = Server::start(|_, _| Reply::json(200, r#"{"id": 1}"#)).await;
        let mut query = Query::new();
        query.filter("email", Lookup::Contains, "@user.com");
        query.filter("Verified Member", Lookup::Gte, 10);
        query.filter("phone_number", Lookup::IsNull, false);
        query.push("name", "Zoë & co/50%+#?");
        query.push("many", true);

        let user: Value = core(&server)
            .call::<(), _>(Method::Get, "/users/search/", &search(), &query, None, false, &[])
            .await
            .expect("answer");

        assert_eq!(user, json!({"id": 1}));
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].method, "GET");
        assert_eq!(
            requests[0].path,
            "/api/public/users/search/?email__contains=%40user.com&Verified+Member__gte=10\
             &phone_number__isnull=false&name=Zo%C3%AB+%26+co%2F50%25%2B%23%3F&many=true"
        );
        assert_eq!(requests[0].header("authorization"), Some(format!("Token {KEY}").as_str()));
    })
    .await;
}

#[tokio::test]
async fn an_empty_query_adds_no_question_mark() {
    bounded(async {
        let server = Server::start(|_, _| Reply::json(200, "{}")).await;
        let _: Value = core(&server)
            .call::<(), _>(Method::Get, "/users/", &[Segment::Literal("users")], &Query::new(), None, false, &[])
            .await
            .expect("answer");
        assert_eq!(server.requests()[0].path, "/api/public/users/");
    })
    .await;
}

#[tokio::test]
async fn a_path_parameter_is_one_encoded_segment() {
    bounded(async {
        let server = Server::start(|_, _| Reply::json(200, r#"{"id": 5}"#)).await;
        let segments = [Segment::Literal("users-by-id"), Segment::Param("a/b?c#d%e f@g")];
        let user: Value = core(&server)
            .call::<(), _>(Method::Get, "/users-by-id/:custom_id/", &segments, &Query::new(), None, false, &[])
            .await
            .expect("answer");

        assert_eq!(user, json!({"id": 5}));
        assert_eq!(server.requests()[0].path, "/api/public/users-by-id/a%2Fb%3Fc%23d%25e%20f%40g/");
    })
    .await;
}

#[tokio::test]
async fn more_path_parameters_reach_the_server_unchanged() {
    bounded(async {
        let server = Server::start(|_, _| Reply::json(200, "{}")).await;
        let core = core(&server);
        let cases = [
            ("user@123", "/api/public/users-by-id/user%40123/add_tag/"),
            ("a/b c", "/api/public/users-by-id/a%2Fb%20c/add_tag/"),
            ("%2e%2e", "/api/public/users-by-id/%252e%252e/add_tag/"),
            ("...", "/api/public/users-by-id/.../add_tag/"),
            ("ü+&=;", "/api/public/users-by-id/%C3%BC%2B%26%3D%3B/add_tag/"),
        ];
        for (value, _) in cases {
            let segments = [Segment::Literal("users-by-id"), Segment::Param(value), Segment::Literal("add_tag")];
            core.call_no_content(
                Method::Post,
                "/users-by-id/:custom_id/add_tag/",
                &segments,
                &Query::new(),
                Some(&json!({"name": "t"})),
                false,
                &[],
            )
            .await
            .expect("answer");
        }
        let paths: Vec<String> = server.requests().into_iter().map(|request| request.path).collect();
        let expected: Vec<&str> = cases.iter().map(|(_, path)| *path).collect();
        assert_eq!(paths, expected);
    })
    .await;
}

#[tokio::test]
async fn no_content_accepts_any_2xx_body() {
    bounded(async {
        let server = Server::start(|n, _| match n {
            0 => Reply::status(204),
            1 => Reply::json(200, r#"{"status":"ok"}"#),
            2 => Reply::Respond {
                status: 200,
                headers: vec![("content-type", "text/html".to_owned())],
                body: b"<html>\xff done</html>".to_vec(),
            },
            _ => Reply::json(200, "not json"),
        })
        .await;
        let core = core(&server);
        let segments = [Segment::Literal("users"), Segment::Param("7"), Segment::Literal("remove_tag")];
        let body = json!({"name": "vip"});

        for _ in 0..3 {
            let result = core
                .call_no_content(
                    Method::Delete,
                    "/users/:id/remove_tag/",
                    &segments,
                    &Query::new(),
                    Some(&body),
                    false,
                    &[],
                )
                .await;
            assert!(result.is_ok(), "{result:?}");
        }
        // `call` with a decoded type does not accept what `call_no_content` ignores.
        let decoded = core
            .call::<Value, Value>(
                Method::Delete,
                "/users/:id/remove_tag/",
                &segments,
                &Query::new(),
                Some(&body),
                false,
                &[],
            )
            .await;
        assert!(matches!(&decoded, Err(Error::Decode(error)) if error.body == "not json"), "{decoded:?}");

        let requests = server.requests();
        assert_eq!(requests.len(), 4);
        for request in &requests {
            assert_eq!(request.method, "DELETE");
            assert_eq!(request.path, "/api/public/users/7/remove_tag/");
            assert_eq!(request.header("content-type"), Some("application/json"));
            assert_eq!(request.body, br#"{"name":"vip"}"#);
        }
    })
    .await;
}

#[tokio::test]
async fn no_content_still_fails_on_error_statuses_and_large_bodies() {
    bounded(async {
        let server = Server::start(|n, _| match n {
            0 => Reply::json(404, r#"{"detail":"Not found."}"#),
            _ => Reply::json(200, &format!("\"{}\"", "x".repeat(2000))),
        })
        .await;
        let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config().max_response_bytes(1000))
            .expect("core");
        let segments = [Segment::Literal("tags"), Segment::Param("3")];
        let query = Query::new();
        let call = || core.call_no_content::<()>(Method::Delete, "/tags/:id/", &segments, &query, None, false, &[]);

        let error = call().await.expect_err("404");
        assert_eq!(error.to_string(), "DELETE /api/public/tags/3/: server answered 404 Not Found");
        let error = call().await.expect_err("too large");
        assert_eq!(
            error.to_string(),
            "DELETE /api/public/tags/3/: the response body is larger than the limit of 1000 bytes"
        );
    })
    .await;
}

#[tokio::test]
async fn retry_safe_decides_whether_a_post_is_retried() {
    bounded(async {
        let server = Server::start(|n, _| if n % 2 == 0 { Reply::status(503) } else { Reply::json(200, "{}") }).await;
        let core = core(&server);
        let segments = [Segment::Literal("users")];
        let (query, body) = (Query::new(), json!({}));
        let post = |retry_safe| {
            core.call::<Value, Value>(Method::Post, "/users/", &segments, &query, Some(&body), retry_safe, &[])
        };

        let error = post(false).await.expect_err("503, not retried");
        assert_eq!((error.status(), error.attempts()), (Some(503), 1));
        // Request 1 answers 200; request 2 answers 503 and is retried as request 3.
        let _ = post(false).await.expect("200");
        let answer = post(true).await.expect("retried");
        assert_eq!((answer, server.request_count()), (json!({}), 4));
    })
    .await;
}

#[tokio::test]
async fn invalid_path_parameters_send_nothing() {
    bounded(async {
        let server = Server::start(|_, _| Reply::json(200, "{}")).await;
        let segments = [Segment::Literal("users"), Segment::Param("..")];
        let error = core(&server)
            .call_no_content::<()>(Method::Delete, "/users/:id/", &segments, &Query::new(), None, false, &[])
            .await
            .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "invalid input: a path parameter of `/users/:id/` is \"..\"; it must not be empty, `.` or `..`"
        );
        assert_eq!(server.request_count(), 0);
    })
    .await;
}

#[test]
fn the_blocking_core_has_the_same_calls() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    let server = runtime.block_on(Server::start(|n, _| match n {
        0 => Reply::json(200, r#"{"id": 1}"#),
        1 => Reply::json(200, r#"{"status":"ok"}"#),
        _ => Reply::Respond { status: 200, headers: Vec::new(), body: b"OK".to_vec() },
    }));
    let core = BlockingCore::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core");
    let mut query = Query::new();
    query.filter("email", Lookup::IExact, "John@Example.org");

    let user: Value =
        core.call::<(), _>(Method::Get, "/users/search/", &search(), &query, None, false, &[]).expect("user");
    let segments = [Segment::Literal("users-by-id"), Segment::Param("a b"), Segment::Literal("add_tag")];
    for _ in 0..2 {
        core.call_no_content(
            Method::Post,
            "/users-by-id/:custom_id/add_tag/",
            &segments,
            &Query::new(),
            Some(&json!({})),
            true,
            &[],
        )
        .expect("no content");
    }

    assert_eq!(user, json!({"id": 1}));
    let paths: Vec<String> = server.requests().into_iter().map(|request| request.path).collect();
    assert_eq!(
        paths,
        [
            "/api/public/users/search/?email__iexact=John%40Example.org",
            "/api/public/users-by-id/a%20b/add_tag/",
            "/api/public/users-by-id/a%20b/add_tag/",
        ]
    );
}
