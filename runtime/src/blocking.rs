//! `BlockingCore`: the calls of [`Core`] for callers without an async runtime (feature
//! `blocking`); it runs them on a background thread, it does not change what they do.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, mpsc};

use serde::de::DeserializeOwned;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

use super::call::{Call, Flavor};
use super::config::Config;
use super::core::Answer;
use super::core::{ApiSettings, Core};
use super::error::Error;
use super::key::ApiKey;
use super::page::{Page, Paginator};

/// [`Core`] for blocking callers: each call waits on the calling thread while a background
/// thread, owned by this value and its clones, runs it.
///
/// Same retries, timeouts, limits and errors as [`Core`]. Cheap to clone: clones share the
/// thread and the connection pool; the thread stops when the last clone is dropped. Safe to
/// call from many threads at once, and even from inside an async runtime (where it blocks
/// that runtime's thread, so prefer [`Core`] there).
#[derive(Clone)]
pub struct BlockingCore {
    core: Core,
    runtime: Arc<Background>,
}

/// The background thread's runtime, and the signal that stops it when dropped.
struct Background {
    handle: Handle,
    _stop: oneshot::Sender<()>,
}

impl fmt::Debug for BlockingCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingCore").field("base_url", &self.core.base_url()).finish_non_exhaustive()
    }
}

impl BlockingCore {
    /// A blocking core with the default [`Config`]. See [`Core::with_config`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] as for [`Core::with_config`]; [`Error::Runtime`] when the
    /// background thread cannot be started.
    pub fn new(base_url: &str, api_key: ApiKey, settings: &'static ApiSettings) -> Result<Self, Error> {
        BlockingCore::with_config(base_url, api_key, settings, Config::default())
    }

    /// A blocking core with these settings; the arguments are those of [`Core::with_config`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] as for [`Core::with_config`]; [`Error::Runtime`] when the
    /// background thread cannot be started.
    pub fn with_config(
        base_url: &str,
        api_key: ApiKey,
        settings: &'static ApiSettings,
        config: Config,
    ) -> Result<Self, Error> {
        BlockingCore::from_core(Core::with_config(base_url, api_key, settings, config)?)
    }

    /// Runs the calls of `core` (and shares its connection pool) on a new background thread.
    ///
    /// # Errors
    ///
    /// [`Error::Runtime`] when the thread or its runtime cannot be started.
    pub fn from_core(core: Core) -> Result<Self, Error> {
        let (ready, started) = mpsc::sync_channel(1);
        let (stop, stopped) = oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("apigen-blocking".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
                match runtime {
                    Ok(runtime) => {
                        let _ = ready.send(Ok(runtime.handle().clone()));
                        // Runs the spawned calls until the last `BlockingCore` clone is dropped.
                        runtime.block_on(async move {
                            let _ = stopped.await;
                        });
                    }
                    Err(error) => {
                        let _ = ready.send(Err(error));
                    }
                }
            })
            .map_err(|error| runtime_error(format!("the background thread cannot be started: {error}")))?;
        let handle = match started.recv() {
            Ok(Ok(handle)) => handle,
            Ok(Err(error)) => return Err(runtime_error(format!("the runtime cannot be started: {error}"))),
            Err(_) => return Err(runtime_error("the background thread stopped while starting".to_owned())),
        };
        Ok(BlockingCore { core, runtime: Arc::new(Background { handle, _stop: stop }) })
    }

    /// The async core behind this one; calls through it share the connection pool.
    pub fn core(&self) -> &Core {
        &self.core
    }

    /// The base URL every path is appended to; it ends in `/`.
    pub fn base_url(&self) -> &str {
        self.core.base_url()
    }

    /// Sends `call` and waits for its answer on the calling thread.
    fn answer(&self, call: Call) -> Result<Answer, Error> {
        let core = self.core.clone();
        self.block_on(async move { core.send_call(call).await })
    }

    /// Runs `call` on the background thread and waits for its result.
    fn block_on<T, F>(&self, call: F) -> Result<T, Error>
    where
        F: Future<Output = Result<T, Error>> + Send + 'static,
        T: Send + 'static,
    {
        let (answer, answered) = mpsc::sync_channel(1);
        self.runtime.handle.spawn(async move {
            let _ = answer.send(call.await);
        });
        // A plain channel, not the runtime's: waiting on it is allowed on any thread.
        answered.recv().map_err(|_| runtime_error("the background thread stopped before answering".to_owned()))?
    }
}

/// A blocking client's endpoint methods return their result, after waiting for it.
impl Flavor for BlockingCore {
    type Reply<T: DeserializeOwned + Send + 'static> = Result<T, Error>;
    type Pages<T: DeserializeOwned + Send + 'static> = BlockingPaginator<T>;

    fn send<T: DeserializeOwned + Send + 'static>(&self, call: Call) -> Result<T, Error> {
        self.answer(call)?.decode()
    }

    fn send_empty(&self, call: Call) -> Result<(), Error> {
        self.answer(call).map(drop)
    }

    fn pages<T: DeserializeOwned + Send + 'static>(&self, call: Call) -> BlockingPaginator<T> {
        let inner = Paginator::from_call(self.core.clone(), &call);
        BlockingPaginator { core: self.clone(), inner: Some(inner) }
    }
}

/// [`Paginator`] for blocking callers: an [`Iterator`] over every item of a paginated `GET`
/// list, reading the next page when it needs one.
///
/// ```no_run
/// # use apigen_runtime::BlockingPaginator;
/// # fn list_users_all() -> BlockingPaginator<serde_json::Value> { unimplemented!() }
/// # fn run() -> Result<(), apigen_runtime::Error> {
/// // What the `_all` method of a paginated list returns on a generated `BlockingClient`.
/// let users: BlockingPaginator<serde_json::Value> = list_users_all();
/// for user in users {
///     println!("{}", user?);
/// }
/// # Ok(())
/// # }
/// ```
///
/// It follows `next` links exactly as [`Paginator`] does: only to the base URL's host, never
/// in a loop, and a `404` to a `next` link ends the list. It ends where [`Paginator`] ends
/// (see its "Where the walk ends"): at the server's `count`, at an empty page, or with
/// [`Error::PageLimit`] once [`Config::max_pages`] pages are read. After an error it yields
/// nothing more.
pub struct BlockingPaginator<T> {
    core: BlockingCore,
    /// `None` once the background thread died while holding it.
    inner: Option<Paginator<T>>,
}

impl<T> fmt::Debug for BlockingPaginator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingPaginator").field("inner", &self.inner).finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned + Send + 'static> BlockingPaginator<T> {
    /// The next page not yet read, as [`Paginator::next_page`]; `None` after the last one.
    pub fn next_page(&mut self) -> Option<Result<Page<T>, Error>> {
        self.with_inner(|mut inner| async move {
            let page = inner.next_page().await;
            (inner, page)
        })
    }

    /// The pages not yet read, one by one.
    pub fn pages(mut self) -> impl Iterator<Item = Result<Page<T>, Error>> {
        std::iter::from_fn(move || self.next_page())
    }

    /// Every item left, in order, in one `Vec`.
    ///
    /// # Errors
    ///
    /// The first error of any page; the items read before it are dropped.
    pub fn collect_all(self) -> Result<Vec<T>, Error> {
        self.collect()
    }

    /// The `count` of the last page read that had one, as [`Paginator::total_count`].
    pub fn total_count(&self) -> Option<u64> {
        self.inner.as_ref().and_then(Paginator::total_count)
    }

    /// Moves the paginator to the background thread for one step and back.
    fn with_inner<U, F>(&mut self, step: impl FnOnce(Paginator<T>) -> F) -> Option<Result<U, Error>>
    where
        F: Future<Output = (Paginator<T>, Option<Result<U, Error>>)> + Send + 'static,
        U: Send + 'static,
    {
        let future = step(self.inner.take()?);
        match self.core.block_on(async move { Ok(future.await) }) {
            Ok((inner, result)) => {
                self.inner = Some(inner);
                result
            }
            Err(error) => Some(Err(error)),
        }
    }
}

impl<T: DeserializeOwned + Send + 'static> Iterator for BlockingPaginator<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.inner.as_mut()?.pop_buffered() {
            return Some(Ok(item));
        }
        self.with_inner(|mut inner| async move {
            let item = inner.next_item().await;
            (inner, item)
        })
    }
}

fn runtime_error(message: String) -> Error {
    Error::Runtime { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SETTINGS: ApiSettings = ApiSettings {
        name: "example",
        user_agent: "example/1",
        auth_header: "Authorization",
        auth_scheme: "Token",
        headers: &[],
        client_headers: &[],
        trailing_slash: true,
        errors: &[],
    };

    #[test]
    fn is_clone_send_sync_and_debug_shows_no_key() -> Result<(), Error> {
        fn assert_traits<T: Clone + Send + Sync + 'static>() {}
        assert_traits::<BlockingCore>();
        let core = BlockingCore::new("https://acme.example.com/api/public", ApiKey::from("s3cr3t-key"), &SETTINGS)?;
        assert_eq!(format!("{core:?}"), "BlockingCore { base_url: \"https://acme.example.com/api/public/\", .. }");
        assert_eq!(core.base_url(), core.core().base_url());
        Ok(())
    }

    #[test]
    fn input_errors_come_back_before_any_io() -> Result<(), Error> {
        let core = BlockingCore::new("https://acme.example.com/", ApiKey::from("k"), &SETTINGS)?;
        let result = core.get("/users/:id/", &[&".."]).send::<()>();
        assert_eq!(result.err().map(|error| error.attempts()), Some(0));
        Ok(())
    }

    #[test]
    fn the_thread_stops_with_the_last_clone() -> Result<(), Error> {
        let core = BlockingCore::new("https://acme.example.com/", ApiKey::from("k"), &SETTINGS)?;
        let handle = core.runtime.handle.clone();
        let clone = core.clone();
        let waiter = tokio::runtime::Builder::new_current_thread().enable_time().build();
        let waiter = waiter.map_err(|error| runtime_error(error.to_string()))?;
        let running = |handle: &Handle| waiter.block_on(handle.spawn(async {})).is_ok();
        assert!(running(&handle));
        drop(core);
        assert!(running(&handle), "a clone keeps it running");
        drop(clone);
        let stopped = (0..500).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(10));
            !running(&handle)
        });
        assert!(stopped, "the runtime stopped within 5 s");
        Ok(())
    }

    #[test]
    fn a_dead_runtime_is_an_error_not_a_panic() -> Result<(), Error> {
        let core = BlockingCore::new("https://acme.example.com/", ApiKey::from("k"), &SETTINGS)?;
        let runtime =
            tokio::runtime::Builder::new_current_thread().build().map_err(|e| runtime_error(e.to_string()))?;
        let dead = BlockingCore {
            core: core.core.clone(),
            runtime: Arc::new(Background { handle: runtime.handle().clone(), _stop: oneshot::channel().0 }),
        };
        drop(runtime);
        let result = dead.get("/users/", &[]).send::<()>();
        assert_eq!(
            result.err().map(|error| error.to_string()).as_deref(),
            Some("blocking client: the background thread stopped before answering")
        );
        Ok(())
    }
}
