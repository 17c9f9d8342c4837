//! Where a paginated walk ends against a server that keeps inventing `next` links: at an empty
//! page, at the server's `count`, or with `Error::PageLimit` at `Config::max_pages`, through
//! `next_item`, `next_page`, `collect_all`, the `Stream` and the blocking paginator alike.
//!
//! Every scripted server stops inventing links after `LIMIT` requests, so a walk that does not
//! end where it should fails on its request count instead of hanging; every test also runs
//! under a time bound.

mod common;

use std::sync::mpsc;
use std::time::Duration;

use apigen_runtime::{
    __codegen::{BlockingCore, Core, Flavor},
    BlockingPaginator, Config, Error, Paginator,
};
use common::{KEY, Recorded, Reply, SETTINGS, Server, bounded, fast_config};
use futures_util::StreamExt;
use serde_json::{Value, json};

/// Requests after which every scripted server answers a last page (`next: null`).
const LIMIT: usize = 50;

/// The message of the cap error for the list of these tests.
fn cap_message(max_pages: u32) -> String {
    format!(
        "GET /api/public/users/: the list goes on past {max_pages} pages, the cap set by `Config::max_pages`; \
         the next page was not requested"
    )
}

/// A server whose answer to request `n` is a page of `per_page(n)` items, ids numbered on from
/// the pages before, with `count(n)` (no `count` key when `None`) and a `next` link to a page
/// never read before, until `LIMIT`.
fn endless(
    count: impl Fn(usize) -> Option<u64> + Send + Sync + 'static,
    per_page: impl Fn(usize) -> u64 + Send + Sync + 'static,
) -> impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static {
    move |n, request| {
        let first: u64 = (0..n).map(&per_page).sum::<u64>() + 1;
        let results: Vec<Value> = (first..first + per_page(n)).map(|id| json!({"id": id})).collect();
        let host = request.header("host").unwrap_or_default();
        let next = (n + 1 < LIMIT).then(|| format!("http://{host}/api/public/users/?page={}", n + 2));
        let mut page = json!({"next": next, "previous": null, "results": results});
        if let Some(count) = count(n) {
            page["count"] = json!(count);
        }
        Reply::json(200, &page.to_string())
    }
}

/// `1..=last`.
fn ids_up_to(last: u64) -> Vec<u64> {
    (1..=last).collect()
}

fn ids(items: &[Value]) -> Vec<u64> {
    items.iter().filter_map(|item| item["id"].as_u64()).collect()
}

/// The ways to walk a list with the async [`Paginator`].
#[derive(Debug, Clone, Copy)]
enum Way {
    NextItem,
    NextPage,
    CollectAll,
    Stream,
}

const WAYS: [Way; 4] = [Way::NextItem, Way::NextPage, Way::CollectAll, Way::Stream];

/// What a walk gave: the ids handed out, and the error that ended it.
type Walked = (Vec<u64>, Option<Error>);

/// Walks the list `/users/` of `server` one `way`, to its end; checks that nothing comes after
/// an error.
async fn walk(server: &Server, config: Config, way: Way) -> Walked {
    let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, config).expect("core");
    let mut paginator: Paginator<Value> = core.get("/users/", &[]).pages();
    let mut items = Vec::new();
    let mut error = None;
    match way {
        Way::NextItem => {
            while let Some(item) = paginator.next_item().await {
                match item {
                    Ok(item) => items.push(item),
                    Err(failure) => {
                        error = Some(failure);
                        break;
                    }
                }
            }
            assert!(paginator.next_item().await.is_none(), "{way:?}: nothing after the end");
        }
        Way::NextPage => {
            while let Some(page) = paginator.next_page().await {
                match page {
                    Ok(page) => items.extend(page.results),
                    Err(failure) => {
                        error = Some(failure);
                        break;
                    }
                }
            }
            assert!(paginator.next_page().await.is_none(), "{way:?}: nothing after the end");
        }
        Way::CollectAll => match paginator.collect_all().await {
            Ok(all) => items = all,
            Err(failure) => error = Some(failure),
        },
        Way::Stream => {
            while let Some(item) = paginator.next().await {
                match item {
                    Ok(item) => items.push(item),
                    Err(failure) => {
                        error = Some(failure);
                        break;
                    }
                }
            }
            assert!(paginator.next().await.is_none(), "{way:?}: nothing after the end");
        }
    }
    (ids(&items), error)
}

/// Walks a fresh server running `script` every async way; each walk must hand out `expected`
/// ids (none for `collect_all` when it fails), end with `error` and make exactly `requests`
/// requests.
async fn every_async_way<S>(script: impl Fn() -> S, config: impl Fn() -> Config, expected: Walk)
where
    S: Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
{
    for way in WAYS {
        let server = Server::start(script()).await;
        let walked = walk(&server, config(), way).await;
        expected.check(&format!("{way:?}"), walked, matches!(way, Way::CollectAll), server.request_count());
    }
}

/// What a walk must give.
struct Walk {
    ids: Vec<u64>,
    error: Option<String>,
    requests: usize,
}

impl Walk {
    fn check(&self, way: &str, (ids, error): Walked, drops_items_on_error: bool, requests: usize) {
        let expected_ids = if drops_items_on_error && self.error.is_some() { Vec::new() } else { self.ids.clone() };
        assert_eq!(ids, expected_ids, "{way}: items");
        assert_eq!(error.as_ref().map(ToString::to_string), self.error, "{way}: error");
        assert_eq!(requests, self.requests, "{way}: requests");
        if let Some(error) = error {
            assert!(matches!(error, Error::PageLimit { .. }), "{way}: {error:?}");
            assert_eq!(error.attempts(), 0, "{way}: nothing sent to the link not followed");
        }
    }
}

#[tokio::test]
async fn endless_next_links_with_empty_pages_end_after_one_request() {
    bounded(async {
        // No `count` at all: the empty page ends the walk.
        let expected = Walk { ids: Vec::new(), error: None, requests: 1 };
        every_async_way(|| endless(|_| None, |_| 0), fast_config, expected).await;
        // A `count` of 0 says the same.
        let expected = Walk { ids: Vec::new(), error: None, requests: 1 };
        every_async_way(|| endless(|_| Some(0), |_| 0), fast_config, expected).await;
    })
    .await;
}

#[tokio::test]
async fn an_empty_page_after_items_ends_the_walk_without_a_count() {
    bounded(async {
        // Two pages of items, then empty pages with `next` links forever.
        let expected = Walk { ids: ids_up_to(4), error: None, requests: 3 };
        every_async_way(|| endless(|_| None, |n| if n < 2 { 2 } else { 0 }), fast_config, expected).await;
    })
    .await;
}

#[tokio::test]
async fn two_empty_pages_in_a_row_end_a_walk_whose_count_is_not_reached() {
    bounded(async {
        // The server claims 1,000 items but sends none: one empty page is read past (a server
        // may filter a page down to nothing), the second in a row ends the walk.
        let expected = Walk { ids: Vec::new(), error: None, requests: 2 };
        every_async_way(|| endless(|_| Some(1000), |_| 0), fast_config, expected).await;
        // Items, one empty page, items, then empty pages forever: 5 requests.
        let per_page = |n: usize| match n {
            0 | 2 => 3,
            _ => 0,
        };
        let expected = Walk { ids: ids_up_to(6), error: None, requests: 5 };
        every_async_way(|| endless(|_| Some(1000), per_page), fast_config, expected).await;
    })
    .await;
}

#[tokio::test]
async fn endless_next_links_with_items_end_at_the_count() {
    bounded(async {
        // 3 items a page and a `count` of 6: two requests, though page 2 has a `next` link.
        let expected = Walk { ids: ids_up_to(6), error: None, requests: 2 };
        every_async_way(|| endless(|_| Some(6), |_| 3), fast_config, expected).await;
        // A `count` of 7 is reached on page 3; its items are all handed out.
        let expected = Walk { ids: ids_up_to(9), error: None, requests: 3 };
        every_async_way(|| endless(|_| Some(7), |_| 3), fast_config, expected).await;
        // The `count` of the latest page is the one that counts: 10, then 4 from page 2 on.
        let expected = Walk { ids: ids_up_to(6), error: None, requests: 2 };
        every_async_way(|| endless(|n| Some(if n == 0 { 10 } else { 4 }), |_| 3), fast_config, expected).await;
        // A page without a `count` keeps the last one reported.
        let expected = Walk { ids: ids_up_to(9), error: None, requests: 3 };
        every_async_way(|| endless(|n| (n == 0).then_some(9), |_| 3), fast_config, expected).await;
    })
    .await;
}

#[tokio::test]
async fn endless_next_links_without_a_count_end_at_the_page_cap_with_a_typed_error() {
    bounded(async {
        let capped = || fast_config().max_pages(5);
        let expected = Walk { ids: ids_up_to(10), error: Some(cap_message(5)), requests: 5 };
        every_async_way(|| endless(|_| None, |_| 2), capped, expected).await;
        // A `count` that grows with every page is never reached; the cap ends that walk too.
        let expected = Walk { ids: ids_up_to(10), error: Some(cap_message(5)), requests: 5 };
        every_async_way(|| endless(|n| Some(2 * n as u64 + 3), |_| 2), capped, expected).await;
        // A cap of 1 reads the first page only.
        let expected = Walk { ids: ids_up_to(2), error: Some(cap_message(1)), requests: 1 };
        every_async_way(|| endless(|_| None, |_| 2), || fast_config().max_pages(1), expected).await;
    })
    .await;
}

#[tokio::test]
async fn the_page_cap_error_is_matchable_and_comes_after_the_items() {
    bounded(async {
        let server = Server::start(endless(|_| None, |_| 1)).await;
        let core = Core::with_config(&server.base_url(), KEY.into(), &SETTINGS, fast_config().max_pages(3));
        let mut paginator: Paginator<Value> = core.expect("core").get("/users/", &[]).pages();
        for id in 1..=3 {
            let item = paginator.next_item().await.expect("an item").expect("no error");
            assert_eq!(item, json!({"id": id}));
        }
        let error = paginator.next_item().await.expect("an outcome").expect_err("the cap");
        match &error {
            Error::PageLimit { path, max_pages } => assert_eq!((path.as_str(), *max_pages), ("/api/public/users/", 3)),
            other => panic!("not the cap error: {other:?}"),
        }
        assert_eq!(error.to_string(), cap_message(3));
        assert_eq!((error.status(), error.is_retryable()), (None, false));
        assert!(!format!("{error:?}").contains(KEY));
        assert!(paginator.next_item().await.is_none());
        assert_eq!(server.request_count(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_list_of_exactly_max_pages_pages_ends_without_an_error() {
    bounded(async {
        let last_page = |n: usize, request: &Recorded| {
            let host = request.header("host").unwrap_or_default();
            let next = (n < 2).then(|| format!("http://{host}/api/public/users/?page={}", n + 2));
            Reply::json(200, &json!({"next": next, "results": [{"id": n + 1}]}).to_string())
        };
        let expected = Walk { ids: ids_up_to(3), error: None, requests: 3 };
        every_async_way(|| last_page, || fast_config().max_pages(3), expected).await;
    })
    .await;
}

#[test]
fn max_pages_must_be_at_least_one() {
    let core =
        Core::with_config("https://acme.user.com/api/public/", KEY.into(), &SETTINGS, Config::new().max_pages(0));
    let error = core.expect_err("refused");
    assert!(matches!(error, Error::InvalidConfig { .. }), "{error:?}");
    assert_eq!(error.to_string(), "invalid configuration: `max_pages` must be at least 1");
    assert!(format!("{:?}", Config::new()).contains("max_pages: 10000"), "the default cap");
}

/// The ways to walk a list with the [`BlockingPaginator`].
#[derive(Debug, Clone, Copy)]
enum BlockingWay {
    Iterator,
    Pages,
    CollectAll,
}

/// [`walk`] through the blocking paginator, on a thread of its own so that a walk that never
/// ends fails the test after 60 s instead of blocking it.
fn walk_blocking(server: &Server, config: Config, way: BlockingWay) -> Walked {
    let core = BlockingCore::with_config(&server.base_url(), KEY.into(), &SETTINGS, config).expect("blocking core");
    let (done, walked) = mpsc::channel();
    std::thread::spawn(move || {
        let mut paginator: BlockingPaginator<Value> = core.get("/users/", &[]).pages();
        let mut items = Vec::new();
        let mut error = None;
        match way {
            BlockingWay::Iterator => {
                for item in paginator.by_ref() {
                    match item {
                        Ok(item) => items.push(item),
                        Err(failure) => {
                            error = Some(failure);
                            break;
                        }
                    }
                }
                assert!(paginator.next().is_none(), "{way:?}: nothing after the end");
            }
            BlockingWay::Pages => {
                for page in paginator.pages() {
                    match page {
                        Ok(page) => items.extend(page.results),
                        Err(failure) => {
                            error = Some(failure);
                            break;
                        }
                    }
                }
            }
            BlockingWay::CollectAll => match paginator.collect_all() {
                Ok(all) => items = all,
                Err(failure) => error = Some(failure),
            },
        }
        let _ = done.send((ids(&items), error));
    });
    walked.recv_timeout(Duration::from_secs(60)).expect("the blocking walk ended within 60 s")
}

/// [`every_async_way`] for the blocking paginator.
fn every_blocking_way<S>(script: impl Fn() -> S, config: impl Fn() -> Config, expected: Walk)
where
    S: Fn(usize, &Recorded) -> Reply + Send + Sync + 'static,
{
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("server runtime");
    for way in [BlockingWay::Iterator, BlockingWay::Pages, BlockingWay::CollectAll] {
        let server = runtime.block_on(Server::start(script()));
        let walked = walk_blocking(&server, config(), way);
        expected.check(&format!("{way:?}"), walked, matches!(way, BlockingWay::CollectAll), server.request_count());
    }
}

#[test]
fn the_blocking_paginator_ends_after_one_empty_page() {
    let expected = Walk { ids: Vec::new(), error: None, requests: 1 };
    every_blocking_way(|| endless(|_| None, |_| 0), fast_config, expected);
}

#[test]
fn the_blocking_paginator_ends_at_the_count() {
    let expected = Walk { ids: ids_up_to(6), error: None, requests: 2 };
    every_blocking_way(|| endless(|_| Some(6), |_| 3), fast_config, expected);
}

#[test]
fn the_blocking_paginator_ends_at_the_page_cap_with_a_typed_error() {
    let expected = Walk { ids: ids_up_to(10), error: Some(cap_message(5)), requests: 5 };
    every_blocking_way(|| endless(|_| None, |_| 2), || fast_config().max_pages(5), expected);
}
