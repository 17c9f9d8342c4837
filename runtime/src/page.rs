//! `Page` and `Paginator`: Django REST pages (`{count, next, previous, results}`) and the walk
//! over them that follows `next` links, only ever to the configured host.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use url::Url;

use super::call::Call;
use super::core::Answer;
use super::core::Core;
use super::error::Error;
use super::error_body::ErrorBody;
use super::transport::BoxFuture;

/// One page of a paginated list, as the API sends it:
/// `{"count": 1, "next": null, "previous": null, "results": [...]}`.
///
/// Keys other than these four are kept in `extra`, so decoding and re-encoding loses nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
pub struct Page<T> {
    /// How many items the whole list has, over all pages.
    #[serde(default)]
    pub count: Option<u64>,
    /// The absolute URL of the next page; `None` on the last page.
    #[serde(default)]
    pub next: Option<String>,
    /// The absolute URL of the previous page; `None` on the first page.
    #[serde(default)]
    pub previous: Option<String>,
    /// The items of this page; empty when the key is absent or `null`.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub results: Vec<T>,
    /// Keys of the page object the schema does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { count: None, next: None, previous: None, results: Vec::new(), extra: Map::new() }
    }
}

fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Every item of a paginated `GET` list: reads the first page, then follows each page's
/// `next` link until the list ends.
///
/// ```no_run
/// # use apigen_runtime::Paginator;
/// # fn list_users_all() -> Paginator<serde_json::Value> { unimplemented!() }
/// # async fn run() -> Result<(), apigen_runtime::Error> {
/// // What the `_all` method of a paginated list returns on a generated `Client`.
/// let mut users: Paginator<serde_json::Value> = list_users_all();
/// while let Some(user) = users.next_item().await {
///     println!("{}", user?);
/// }
/// # Ok(())
/// # }
/// ```
///
/// Each page is fetched like any call of the client: same headers and key, retries, timeouts
/// and size limit. A `next` link is used as the server wrote it (a relative one is resolved
/// against the page it came from), but only when it leads to the base URL's scheme, host and
/// port; otherwise the walk ends with [`Error::Pagination`] and nothing is sent there. The one
/// exception is an `http` link to the base URL's host, on its default port, when the base URL
/// is `https`: it is followed over `https` (a server behind a TLS proxy may write such links).
/// A link with user credentials, or one that leads to a page already read, ends the walk with
/// [`Error::Pagination`] too, so a server that loops cannot keep the walk going forever.
///
/// A `404` answer to a `next` link ends the walk without an error: the list shrank while it
/// was being read, or the cursor went stale (some official SDKs treat it the same way). A `404`
/// to the first page is an error, as for any call. After any error the paginator yields
/// nothing more.
///
/// # Where the walk ends
///
/// A server cannot keep the walk going forever by inventing `next` links. After each page,
/// the walk ends, without an error and with nothing more sent, when:
///
/// 1. the page has no `next` link (`null`, absent or blank);
/// 2. the items read so far, on all pages, reach the server's `count` (a `next` link is then
///    not followed). The `count` used is the one of the latest page that has one, as
///    [`total_count`](Paginator::total_count) reports it: a list that grows while it is read
///    goes on to its new end, one that shrinks ends sooner;
/// 3. the page has no results, unless the `count` says more items are still to come and the
///    page before it had results: one empty page inside a list whose `count` is not reached is
///    read past (a server may filter a page down to nothing), two in a row end the walk.
///
/// And it ends with [`Error::PageLimit`], after the items read, when the
/// [`Config::max_pages`](crate::Config::max_pages)th page (10,000 by default) still has a
/// `next` link to follow: that link is not requested.
///
/// It is also a [`Stream`] of items, so the combinators of `futures`' `StreamExt` and
/// `TryStreamExt` work on it (`paginator.try_collect::<Vec<_>>().await`); do not mix polling it
/// as a stream with the `next_*` methods while a page is in flight.
pub struct Paginator<T> {
    core: Core,
    path_template: &'static str,
    errors: &'static [ErrorBody],
    state: State,
    items: VecDeque<T>,
    visited: HashSet<String>,
    count: Option<u64>,
    /// Items on the pages read so far.
    items_read: u64,
    /// Whether the last page read had no results.
    last_empty: bool,
    /// The page request in flight while the paginator is polled as a [`Stream`].
    in_flight: Option<Fetch>,
}

/// A page request: its URL, whether it is the first page, and the answer to come.
struct Fetch {
    url: Url,
    first: bool,
    answer: BoxFuture<'static, Result<Answer, Error>>,
}

// No field is ever pinned in place: items are moved out, and the request in flight is boxed.
impl<T> Unpin for Paginator<T> {}

/// What the next request is.
enum State {
    /// Read this URL; the first page when nothing is `visited` yet.
    Ready(Url),
    /// Report this error, then stop.
    Failed(Error),
    /// Nothing left.
    Done,
}

impl<T> fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready(url) => url.path(),
            State::Failed(_) => "failed",
            State::Done => "done",
        };
        f.debug_struct("Paginator")
            .field("path_template", &self.path_template)
            .field("next", &state)
            .field("pages_read", &self.visited.len())
            .field("buffered_items", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned> Paginator<T> {
    /// A paginator over the pages of a `GET` [`Call`], starting with the call itself.
    pub(crate) fn from_call(core: Core, call: &Call) -> Paginator<T> {
        Paginator::with_first(core.call_url(call), core, call.path_template(), call.error_table())
    }

    /// A paginator whose first page is at `first` (or which reports its error).
    fn with_first(
        first: Result<Url, Error>,
        core: Core,
        path_template: &'static str,
        errors: &'static [ErrorBody],
    ) -> Paginator<T> {
        let state = match first {
            Ok(url) => State::Ready(url),
            Err(error) => State::Failed(error),
        };
        Paginator {
            core,
            path_template,
            errors,
            state,
            items: VecDeque::new(),
            visited: HashSet::new(),
            count: None,
            items_read: 0,
            last_empty: false,
            in_flight: None,
        }
    }

    /// The next page not yet read, or `None` after the last one (or after an error).
    ///
    /// Items of earlier pages that [`next_item`](Paginator::next_item) has not handed out yet
    /// stay buffered for it; they are not part of the returned page.
    pub async fn next_page(&mut self) -> Option<Result<Page<T>, Error>> {
        let fetch = match self.in_flight.take() {
            Some(fetch) => fetch,
            None => match self.start_fetch()? {
                Ok(fetch) => fetch,
                Err(error) => return Some(Err(error)),
            },
        };
        let answer = fetch.answer.await;
        self.finish_fetch(&fetch.url, fetch.first, answer)
    }

    /// Takes the next URL and starts its request; `None` when nothing is left.
    fn start_fetch(&mut self) -> Option<Result<Fetch, Error>> {
        let url = match std::mem::replace(&mut self.state, State::Done) {
            State::Ready(url) => url,
            State::Failed(error) => return Some(Err(error)),
            State::Done => return None,
        };
        let first = self.visited.is_empty();
        self.visited.insert(url.as_str().to_owned());
        let (core, path_template, target) = (self.core.clone(), self.path_template, url.clone());
        let errors = self.errors;
        let answer = Box::pin(async move { core.get_url(path_template, target, errors).await });
        Some(Ok(Fetch { url, first, answer }))
    }

    /// Reads the answer to the page at `url` and sets where to go next.
    fn finish_fetch(
        &mut self,
        url: &Url,
        first: bool,
        answer: Result<Answer, Error>,
    ) -> Option<Result<Page<T>, Error>> {
        let answer = match answer {
            Ok(answer) => answer,
            Err(Error::Status(status)) if status.status == 404 && !first => return None,
            Err(error) => return Some(Err(error)),
        };
        let page: Page<T> = match answer.decode() {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        self.count = page.count.or(self.count);
        self.items_read = self.items_read.saturating_add(u64::try_from(page.results.len()).unwrap_or(u64::MAX));
        let empty = page.results.is_empty();
        let after_empty = std::mem::replace(&mut self.last_empty, empty);
        self.state = self.after_page(url, page.next.as_deref(), empty, after_empty);
        Some(Ok(page))
    }

    /// Where the walk goes after the page at `url` (see "Where the walk ends" on
    /// [`Paginator`]); `self.count` and `self.items_read` already include that page.
    fn after_page(&self, url: &Url, next: Option<&str>, empty: bool, after_empty: bool) -> State {
        let Some(next) = next.map(str::trim).filter(|next| !next.is_empty()) else {
            return State::Done;
        };
        let more_to_come = match self.count {
            Some(count) if self.items_read >= count => return State::Done,
            Some(_) => true,
            None => false,
        };
        if empty && (!more_to_come || after_empty) {
            return State::Done;
        }
        let next = match self.follow(url, next) {
            Ok(next) => next,
            Err(message) => {
                // The message quotes the server's link, which may hold anything it was sent.
                let (path, message) = (self.core.redact(url.path()), self.core.redact(&message));
                return State::Failed(Error::Pagination { path, message });
            }
        };
        let max_pages = self.core.config().max_pages;
        if self.visited.len() >= usize::try_from(max_pages).unwrap_or(usize::MAX) {
            return State::Failed(Error::PageLimit { path: self.core.redact(url.path()), max_pages });
        }
        State::Ready(next)
    }

    /// The next item, reading the next page when the current one is used up; `None` after
    /// the last item (or after an error).
    pub async fn next_item(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.items.pop_front() {
                return Some(Ok(item));
            }
            match self.next_page().await? {
                Ok(page) => self.items.extend(page.results),
                Err(error) => return Some(Err(error)),
            }
        }
    }

    /// Every item left, in order, in one `Vec`.
    ///
    /// # Errors
    ///
    /// The first error of any page; the items read before it are dropped.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error> {
        let mut all: Vec<T> = std::mem::take(&mut self.items).into();
        while let Some(page) = self.next_page().await {
            all.extend(page?.results);
        }
        Ok(all)
    }

    /// The `count` of the last page read that had one: how many items the list has in all,
    /// as the server reported it.
    pub fn total_count(&self) -> Option<u64> {
        self.count
    }

    /// An item already read and not handed out yet, if any; no I/O.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    pub(crate) fn pop_buffered(&mut self) -> Option<T> {
        self.items.pop_front()
    }

    /// Checks a `next` link of the page at `current`; the error is the message of an
    /// [`Error::Pagination`].
    fn follow(&self, current: &Url, next: &str) -> Result<Url, String> {
        let url = resolve_next(self.core.parsed_base_url(), current, next)?;
        if self.visited.contains(url.as_str()) {
            return Err(format!("the `next` link `{url}` leads to a page already read; it was not followed"));
        }
        Ok(url)
    }
}

/// Resolves `next` against `current` and accepts it only on the origin of `base` (an `http`
/// link on the default port is upgraded to `https` when `base` is `https`).
fn resolve_next(base: &Url, current: &Url, next: &str) -> Result<Url, String> {
    let mut url = current
        .join(next)
        .map_err(|error| format!("the `next` link {next:?} is not a valid url ({error}); it was not followed"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the `next` link carries user credentials; it was not followed".to_owned());
    }
    url.set_fragment(None);
    let upgrade =
        base.scheme() == "https" && url.scheme() == "http" && url.port().is_none() && url.host() == base.host();
    if upgrade && url.set_scheme("https").is_err() {
        return Err(format!("the `next` link `{url}` cannot be read over https; it was not followed"));
    }
    let same_origin = url.scheme() == base.scheme()
        && url.host() == base.host()
        && url.port_or_known_default() == base.port_or_known_default();
    if !same_origin {
        return Err(format!(
            "the `next` link leads to `{}`, not to the base url's `{}`; it was not followed",
            url.origin().ascii_serialization(),
            base.origin().ascii_serialization(),
        ));
    }
    Ok(url)
}

/// The items of every page, as [`Paginator::next_item`] gives them.
impl<T: DeserializeOwned> Stream for Paginator<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            let mut fetch = match this.in_flight.take() {
                Some(fetch) => fetch,
                None => match this.start_fetch() {
                    None => return Poll::Ready(None),
                    Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                    Some(Ok(fetch)) => fetch,
                },
            };
            let Poll::Ready(answer) = fetch.answer.as_mut().poll(cx) else {
                this.in_flight = Some(fetch);
                return Poll::Pending;
            };
            match this.finish_fetch(&fetch.url, fetch.first, answer) {
                None => return Poll::Ready(None),
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                Some(Ok(page)) => this.items.extend(page.results),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.items.len(), None)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(text: &str) -> Url {
        Url::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    fn resolve(base: &str, next: &str) -> Result<String, String> {
        let base = parse(base);
        let current = base.join("users/?page=1").map_err(|error| error.to_string())?;
        resolve_next(&base, &current, next).map(String::from)
    }

    #[test]
    fn pages_decode_with_defaults_and_keep_extra_keys() {
        let page: Result<Page<u8>, _> = serde_json::from_value(json!({"results": null, "page_size": 10}));
        let page = page.ok();
        assert_eq!(page.as_ref().map(|page| (page.count, page.results.len())), Some((None, 0)));
        assert_eq!(page.as_ref().and_then(|page| page.extra.get("page_size")), Some(&json!(10)));
        let page: Result<Page<u8>, _> = serde_json::from_value(json!({}));
        assert_eq!(page.ok(), Some(Page::default()));

        let text = json!({"count": 3, "next": "https://a/?page=2", "previous": null, "results": [1, 2], "x": [true]});
        let page: Option<Page<u8>> = serde_json::from_value(text.clone()).ok();
        assert_eq!(page.as_ref().map(|page| page.results.as_slice()), Some(&[1u8, 2][..]));
        assert_eq!(page.and_then(|page| serde_json::to_value(page).ok()), Some(text));
    }

    #[test]
    fn bad_results_name_their_path() {
        let error = serde_path_to_error::deserialize::<_, Page<u8>>(&json!({"results": [1, "x"]})).err();
        assert_eq!(error.map(|error| error.path().to_string()).as_deref(), Some("results[1]"));
    }

    #[test]
    fn next_links_on_the_base_origin_are_followed() {
        let base = "https://acme.example.com/api/public/";
        let next = "https://acme.example.com/api/public/users/?page=2";
        assert_eq!(resolve(base, next).as_deref(), Ok(next));
        assert_eq!(resolve(base, "https://ACME.example.com:443/api/public/users/?page=2#x").as_deref(), Ok(next));
        assert_eq!(resolve(base, "?page=2").as_deref(), Ok(next));
        assert_eq!(resolve(base, "/api/public/users/?page=2").as_deref(), Ok(next));
        // A TLS proxy in front of the server may make it write `http` links; they go over https.
        assert_eq!(resolve(base, "http://acme.example.com/api/public/users/?page=2").as_deref(), Ok(next));
        assert_eq!(resolve(base, "http://acme.example.com:80/api/public/users/?page=2").as_deref(), Ok(next));
        let local = "http://127.0.0.1:8080/api/public/";
        assert_eq!(
            resolve(local, "http://127.0.0.1:8080/api/public/users/?page=2").as_deref(),
            Ok("http://127.0.0.1:8080/api/public/users/?page=2")
        );
    }

    #[test]
    fn next_links_elsewhere_are_refused() {
        let base = "https://acme.example.com/api/public/";
        let refused = |next: &str| resolve(base, next).err().unwrap_or_default();
        assert_eq!(
            refused("https://evil.example/api/public/users/?page=2"),
            "the `next` link leads to `https://evil.example`, not to the base url's \
             `https://acme.example.com`; it was not followed"
        );
        assert_eq!(
            refused("https://acme.example.com:8443/users/"),
            "the `next` link leads to `https://acme.example.com:8443`, not to the base url's \
             `https://acme.example.com`; it was not followed"
        );
        assert!(refused("http://acme.example.com:8080/users/").contains("`http://acme.example.com:8080`"));
        assert!(refused("https://acme.example.com.evil.example/").contains("`https://acme.example.com.evil.example`"));
        assert!(refused("//evil.example/users/").contains("`https://evil.example`"));
        assert!(refused("ftp://acme.example.com/").contains("leads to `ftp://acme.example.com`,"));
        assert!(refused("mailto:me@acme.example.com").contains("leads to `null`,"));
        assert_eq!(
            refused("https://user:pw@acme.example.com/users/"),
            "the `next` link carries user credentials; it was not followed"
        );
        assert_eq!(
            refused("http://[::1"),
            "the `next` link \"http://[::1\" is not a valid url (invalid IPv6 address); it was not followed"
        );
        let local = "http://127.0.0.1:8080/api/public/";
        assert!(resolve(local, "https://127.0.0.1:8080/api/public/").is_err());
        assert!(resolve(local, "http://127.0.0.2:8080/api/public/").is_err());
        assert!(resolve(local, "http://localhost:8080/api/public/").is_err());
    }
}
