//! Calls (`Flavor::send` and `Flavor::send_empty`) against a scripted local server: query
//! strings, path parameters as one encoded segment, bodies that are empty, JSON or not JSON,
//! retries.

mod common;

use apigen_runtime::{
    __codegen::{BlockingCore, Call, Core, Flavor, Query},
    Error, Lookup,
};
use common::{Json, KEY, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::{Value, json};

fn core(server: &Server) -> Core {
    Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core")
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

        let user: Value = core(&server).get("/users/search/", &[]).query(query).send().await.expect("answer");

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
        let _: Value = core(&server).get("/users/", &[]).query(Query::new()).send().await.expect("answer");
        assert_eq!(server.requests()[0].path, "/api/public/users/");
    })
    .await;
}

#[tokio::test]
async fn a_path_parameter_is_one_encoded_segment() {
    bounded(async {
        let server = Server::start(|_, _| Reply::json(200, r#"{"id": 5}"#)).await;
        let user: Value =
            core(&server).get("/users-by-id/:custom_id/", &[&"a/b?c#d%e f@g"]).send().await.expect("answer");

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
        let body = json!({"name": "t"});
        for (value, _) in cases {
            core.post("/users-by-id/:custom_id/add_tag/", &[&value])
                .body(&Json(&body))
                .send_empty()
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
        let body = json!({"name": "vip"});
        let remove_tag = || core.delete("/users/:id/remove_tag/", &[&7]).body(&Json(&body));

        for _ in 0..3 {
            let result = remove_tag().send_empty().await;
            assert!(result.is_ok(), "{result:?}");
        }
        // `send` with a decoded type does not accept what `send_empty` ignores.
        let decoded = remove_tag().send::<Value>().await;
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
        let call = || core.delete("/tags/:id/", &[&3]).send_empty();

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
        let body = json!({});
        let post = |retry_safe| {
            let call = Call::post("/users/", &[]).body(&Json(&body));
            core.send::<Value>(if retry_safe { call.retry_safe() } else { call })
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
        let error = core(&server).delete("/users/:id/", &[&".."]).send_empty().await.expect_err("refused");
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

    let user: Value = core.get("/users/search/", &[]).query(query).send().expect("user");
    let body = json!({});
    for _ in 0..2 {
        core.post("/users-by-id/:custom_id/add_tag/", &[&"a b"])
            .body(&Json(&body))
            .retry_safe()
            .send_empty()
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
