//! `Paginator` and `BlockingPaginator` against a scripted local server: three pages followed by
//! their absolute `next` links, links to other hosts refused with nothing sent there, loops
//! stopped, a `404` on a `next` link read as the end, retries on later pages.

mod common;

use apigen_runtime::{
    __codegen::{BlockingCore, Core, Flavor, Query},
    BlockingPaginator, Error, Lookup, Page, Paginator,
};
use common::{KEY, Recorded, Reply, SETTINGS, Server, bounded, fast_config};
use serde_json::{Value, json};

fn core(server: &Server) -> Core {
    Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("core")
}

/// `http://<host header>`: the server's own origin, as a Django server writes its links.
fn origin(request: &Recorded) -> String {
    format!("http://{}", request.header("host").unwrap_or_default())
}

/// A page body with these ids as results.
fn page(count: u64, next: Option<String>, ids: &[u64]) -> Reply {
    let results: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    Reply::json(200, &json!({"count": count, "next": next, "previous": null, "results": results}).to_string())
}

/// Three pages of `/users/?email__contains=%40x.com`, ids 1 to 7, linked by absolute URLs.
fn three_pages(_: usize, request: &Recorded) -> Reply {
    let base = format!("{}/api/public/users/?email__contains=%40x.com", origin(request));
    match request.path.rsplit_once("page=").map(|(_, page)| page) {
        None => page(7, Some(format!("{base}&page=2")), &[1, 2, 3]),
        Some("2") => page(7, Some(format!("{base}&page=3")), &[4, 5, 6]),
        Some("3") => page(7, None, &[7]),
        Some(_) => Reply::json(404, r#"{"detail":"Invalid page."}"#),
    }
}

fn users_query() -> Query {
    let mut query = Query::new();
    query.filter("email", Lookup::Contains, "@x.com");
    query
}

/// The list `/users/?email__contains=%40x.com`, as a generated `_all` method walks it.
fn users<T: serde::de::DeserializeOwned + Send + 'static>(core: Core) -> Paginator<T> {
    core.get("/users/", &[]).query(users_query()).pages()
}

fn ids(items: &[Value]) -> Vec<u64> {
    items.iter().filter_map(|item| item["id"].as_u64()).collect()
}

#[tokio::test]
async fn three_pages_in_order_with_three_requests_each_authenticated() {
    bounded(async {
        let server = Server::start(three_pages).await;

        let items: Vec<Value> = users(core(&server)).collect_all().await.expect("all pages");

        assert_eq!(ids(&items), [1, 2, 3, 4, 5, 6, 7]);
        let requests = server.requests();
        let paths: Vec<&str> = requests.iter().map(|request| request.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/api/public/users/?email__contains=%40x.com",
                "/api/public/users/?email__contains=%40x.com&page=2",
                "/api/public/users/?email__contains=%40x.com&page=3",
            ]
        );
        for request in &requests {
            assert_eq!(request.method, "GET");
            assert_eq!(request.header("authorization"), Some(format!("Token {KEY}").as_str()));
            assert_eq!(request.header("accept"), Some("*/*; version=2"));
            assert!(request.body.is_empty());
        }
    })
    .await;
}

#[tokio::test]
async fn a_paginator_is_a_stream_for_the_futures_combinators() {
    use futures_util::{StreamExt, TryStreamExt};

    bounded(async {
        let server = Server::start(three_pages).await;
        let items: Vec<Value> = users(core(&server)).try_collect().await.expect("all pages");
        assert_eq!(ids(&items), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(server.requests().len(), 3);

        // `take` stops polling after four items: the third page is never asked for.
        let server = Server::start(three_pages).await;
        let first: Vec<Result<Value, Error>> = users(core(&server)).take(4).collect().await;
        let first: Vec<Value> = first.into_iter().collect::<Result<_, _>>().expect("four items");
        assert_eq!(ids(&first), [1, 2, 3, 4]);
        assert_eq!(server.requests().len(), 2);

        // An error ends the stream after it is yielded once.
        let failing = Server::start(|_, _| Reply::json(500, r#"{"detail":"boom"}"#)).await;
        let outcomes: Vec<Result<Value, Error>> = users(core(&failing)).collect().await;
        assert_eq!(outcomes.len(), 1);
        assert_eq!(outcomes[0].as_ref().err().and_then(Error::status), Some(500));
    })
    .await;
}

#[tokio::test]
async fn items_and_pages_one_at_a_time() {
    bounded(async {
        let server = Server::start(three_pages).await;
        let mut paginator: Paginator<Value> = users(core(&server));
        assert_eq!(paginator.total_count(), None);

        let first = paginator.next_item().await.expect("an item").expect("no error");
        assert_eq!((first, server.request_count(), paginator.total_count()), (json!({"id": 1}), 1, Some(7)));
        // The rest of page 1 stays buffered for `next_item`; `next_page` reads page 2.
        let second_page = paginator.next_page().await.expect("a page").expect("no error");
        assert_eq!(ids(&second_page.results), [4, 5, 6]);
        assert!(second_page.next.as_deref().is_some_and(|next| next.ends_with("&page=3")));
        let mut rest = Vec::new();
        while let Some(item) = paginator.next_item().await {
            rest.push(item.expect("no error"));
        }
        assert_eq!(ids(&rest), [2, 3, 7]);
        assert!(paginator.next_page().await.is_none());
        assert!(paginator.next_item().await.is_none());
        assert_eq!(server.request_count(), 3);
    })
    .await;
}

#[tokio::test]
async fn one_page_through_core_page() {
    bounded(async {
        let server = Server::start(three_pages).await;
        let page: Page<Value> = core(&server).get("/users/", &[]).query(users_query()).send().await.expect("page");
        assert_eq!((page.count, ids(&page.results)), (Some(7), vec![1, 2, 3]));
        let next = format!("{}/api/public/users/?email__contains=%40x.com&page=2", server.origin());
        assert_eq!((page.next, page.previous), (Some(next), None));
        assert_eq!(server.request_count(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_and_nothing_is_sent_there() {
    bounded(async {
        let foreign = Server::start_on("127.0.0.2", |_, _| page(1, None, &[666])).await;
        let foreign_origin = foreign.origin();
        let server =
            Server::start(move |_, _| page(4, Some(format!("{foreign_origin}/api/public/users/?page=2")), &[1, 2]))
                .await;
        let mut paginator: Paginator<Value> = users(core(&server));

        let items = [paginator.next_item().await, paginator.next_item().await];
        assert_eq!(items.map(|item| item.and_then(Result::ok)), [Some(json!({"id": 1})), Some(json!({"id": 2}))]);
        let error = paginator.next_item().await.expect("an error").expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "GET /api/public/users/: the `next` link leads to `{}`, not to the base url's `{}`; \
                 it was not followed",
                foreign.origin(),
                server.origin()
            )
        );
        assert!(matches!(error, Error::Pagination { .. }));
        assert!(paginator.next_item().await.is_none());
        assert_eq!((server.request_count(), foreign.request_count(), foreign.connection_count()), (1, 0, 0));
    })
    .await;
}

#[tokio::test]
async fn a_next_link_naming_this_machine_differently_is_refused() {
    bounded(async {
        // `localhost:<port>` would reach this very server, yet it is not the base URL's host
        // as written (`127.0.0.1`), so it is refused like any other name.
        for next in ["http://localhost:{port}/api/public/users/?page=2", "http://localhost.example/api/public/users/"] {
            let server = Server::start(move |_, request| {
                let port = origin(request).rsplit(':').next().unwrap_or_default().to_owned();
                page(2, Some(next.replace("{port}", &port)), &[1])
            })
            .await;
            let result = users::<Value>(core(&server)).collect_all().await;
            let message = result.expect_err("refused").to_string();
            assert!(
                message.starts_with("GET /api/public/users/: the `next` link leads to `http://localhost"),
                "{message}"
            );
            assert_eq!(server.request_count(), 1, "{next}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_next_link_that_repeats_a_page_stops_the_walk() {
    bounded(async {
        // Page 1 links to itself; in the second server, page 2 links back to page 1.
        let server =
            Server::start(|_, request| page(9, Some(format!("{}{}", origin(request), request.path)), &[1])).await;
        let mut paginator: Paginator<Value> = users(core(&server));
        assert_eq!(paginator.next_item().await.and_then(Result::ok), Some(json!({"id": 1})));
        let error = paginator.next_item().await.expect("an error").expect_err("loop");
        assert_eq!(
            error.to_string(),
            format!(
                "GET /api/public/users/: the `next` link `{}/api/public/users/?email__contains=%40x.com` leads to a \
                 page already read; it was not followed",
                server.origin()
            )
        );
        assert!(paginator.next_item().await.is_none());
        assert_eq!(server.request_count(), 1);

        let cycle = Server::start(|_, request| {
            let first = format!("{}/api/public/users/?email__contains=%40x.com", origin(request));
            if request.path.ends_with("page=2") {
                page(9, Some(first), &[2])
            } else {
                page(9, Some(format!("{first}&page=2")), &[1])
            }
        })
        .await;
        let result = users::<Value>(core(&cycle)).collect_all().await;
        assert!(matches!(result, Err(Error::Pagination { .. })), "{result:?}");
        assert_eq!(cycle.request_count(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_404_on_a_next_link_ends_the_list_but_not_on_the_first_page() {
    bounded(async {
        let server = Server::start(|n, request| match n {
            0 => page(5, Some(format!("{}/api/public/users/?page=2", origin(request))), &[1, 2]),
            1 => Reply::json(404, r#"{"detail":"Invalid page."}"#),
            _ => Reply::json(404, r#"{"detail":"Not found."}"#),
        })
        .await;

        let items: Vec<Value> = users(core(&server)).collect_all().await.expect("the end, not an error");
        assert_eq!(ids(&items), [1, 2]);
        assert_eq!(server.request_count(), 2);

        let error = users::<Value>(core(&server)).collect_all().await.expect_err("404 on page 1");
        assert_eq!(error.to_string(), "GET /api/public/users/: server answered 404 Not Found");
    })
    .await;
}

#[tokio::test]
async fn later_pages_are_retried_and_decoded_like_any_call() {
    bounded(async {
        let server = Server::start(|n, request| match n {
            0 => page(3, Some(format!("{}/api/public/users/?page=2", origin(request))), &[1]),
            1 => Reply::status(503).with_header("retry-after", "0"),
            2 => page(3, Some(format!("{}/api/public/users/?page=3", origin(request))), &[]),
            _ => Reply::json(200, r#"{"count": 3, "next": null, "results": [{"id": "x"}]}"#),
        })
        .await;

        let mut paginator: Paginator<Value> = users(core(&server));
        assert_eq!(paginator.next_item().await.and_then(Result::ok), Some(json!({"id": 1})));
        // Page 2 is retried once and has no items; page 3 decodes (as `Value`).
        assert_eq!(paginator.next_item().await.and_then(Result::ok), Some(json!({"id": "x"})));
        assert_eq!(server.request_count(), 4);

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)] // read only through Debug
        struct User {
            id: u64,
        }
        let error = users::<User>(core(&server)).collect_all().await.expect_err("decode");
        assert_eq!(
            error.to_string(),
            "GET /api/public/users/: response does not decode at `results[0].id`: invalid type: string \"x\", \
             expected u64 at line 1 column 49"
        );
    })
    .await;
}

#[tokio::test]
async fn bad_arguments_fail_on_the_first_call_without_io() {
    bounded(async {
        let server = Server::start(three_pages).await;
        let mut paginator: Paginator<Value> = core(&server).get("/tags/:id/users/", &[&".."]).pages();
        let error = paginator.next_page().await.expect("an error").expect_err("refused");
        assert!(matches!(error, Error::InvalidInput { .. }), "{error:?}");
        assert!(paginator.next_page().await.is_none());
        assert_eq!(server.request_count(), 0);
    })
    .await;
}

#[tokio::test]
async fn paginator_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let server = Server::start(three_pages).await;
    let mut paginator: Paginator<Value> = core(&server).get("/users/", &[]).pages();
    assert_send(&paginator.next_item());
    assert_send(&paginator.next_page());
    assert_send(&paginator.collect_all());
}

fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime")
}

fn blocking_core(server: &Server) -> BlockingCore {
    BlockingCore::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config()).expect("blocking core")
}

#[test]
fn the_blocking_paginator_iterates_over_every_item() {
    let runtime = server_runtime();
    let server = runtime.block_on(Server::start(three_pages));
    let core = blocking_core(&server);

    let paginator: BlockingPaginator<Value> = core.get("/users/", &[]).query(users_query()).pages();
    let items: Vec<Value> = paginator.collect::<Result<_, _>>().expect("all pages");
    assert_eq!(ids(&items), [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(server.request_count(), 3);

    let pages: Vec<usize> = core
        .get("/users/", &[])
        .query(users_query())
        .pages::<Value>()
        .pages()
        .map(|page| page.expect("page").results.len())
        .collect();
    assert_eq!(pages, [3, 3, 1]);
    let mut paginator = core.get("/users/", &[]).query(users_query()).pages::<Value>();
    assert_eq!(paginator.next().and_then(Result::ok), Some(json!({"id": 1})));
    assert_eq!(paginator.total_count(), Some(7));
    assert_eq!(paginator.collect_all().map(|items| ids(&items)).ok(), Some(vec![2, 3, 4, 5, 6, 7]));
    assert_eq!(server.request_count(), 9);
    assert!(server.requests().iter().all(|request| request.header("authorization") == Some(&format!("Token {KEY}"))));
}

#[test]
fn the_blocking_paginator_refuses_another_host() {
    let runtime = server_runtime();
    let foreign = runtime.block_on(Server::start_on("127.0.0.2", |_, _| page(1, None, &[666])));
    let next = format!("{}/api/public/users/?page=2", foreign.origin());
    let server = runtime.block_on(Server::start(move |_, _| page(2, Some(next.clone()), &[1])));

    let mut paginator: BlockingPaginator<Value> = blocking_core(&server).get("/users/", &[]).pages();
    assert_eq!(paginator.next().and_then(Result::ok), Some(json!({"id": 1})));
    assert!(matches!(paginator.next(), Some(Err(Error::Pagination { .. }))));
    assert!(paginator.next().is_none());
    assert_eq!((server.request_count(), foreign.request_count()), (1, 0));
}
