//! `BlockingCore`: the calls of [`Core`] for callers without an async runtime (feature
//! `blocking`); it runs them on a background thread, it does not change what they do.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, mpsc};

use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

use super::{ApiKey, ApiSettings, Config, Core, Error, Method, Segment};

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
            .name("usercom-blocking".to_owned())
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

    /// [`Core::execute`], waiting for the answer on the calling thread.
    ///
    /// # Errors
    ///
    /// As for [`Core::execute`]; [`Error::Runtime`] if the background thread has died.
    pub fn execute<B, R>(
        &self,
        method: Method,
        path_template: &'static str,
        segments: &[Segment<'_>],
        body: Option<&B>,
    ) -> Result<R, Error>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let prepared = self.core.prepare(method, path_template, segments, body, false)?;
        let core = self.core.clone();
        self.block_on(async move { core.run(prepared).await })?.decode()
    }

    /// [`Core::execute_retry_safe`], waiting for the answer on the calling thread.
    ///
    /// # Errors
    ///
    /// As for [`Core::execute`]; [`Error::Runtime`] if the background thread has died.
    pub fn execute_retry_safe<B, R>(
        &self,
        method: Method,
        path_template: &'static str,
        segments: &[Segment<'_>],
        body: Option<&B>,
    ) -> Result<R, Error>
    where
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let prepared = self.core.prepare(method, path_template, segments, body, true)?;
        let core = self.core.clone();
        self.block_on(async move { core.run(prepared).await })?.decode()
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

fn runtime_error(message: String) -> Error {
    Error::Runtime { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SETTINGS: ApiSettings =
        ApiSettings { auth_header: "Authorization", auth_scheme: "Token", headers: &[], trailing_slash: true };

    #[test]
    fn is_clone_send_sync_and_debug_shows_no_key() -> Result<(), Error> {
        fn assert_traits<T: Clone + Send + Sync + 'static>() {}
        assert_traits::<BlockingCore>();
        let core = BlockingCore::new("https://acme.user.com/api/public", ApiKey::from("s3cr3t-key"), &SETTINGS)?;
        assert_eq!(format!("{core:?}"), "BlockingCore { base_url: \"https://acme.user.com/api/public/\", .. }");
        assert_eq!(core.base_url(), core.core().base_url());
        Ok(())
    }

    #[test]
    fn input_errors_come_back_before_any_io() -> Result<(), Error> {
        let core = BlockingCore::new("https://acme.user.com/", ApiKey::from("k"), &SETTINGS)?;
        let result = core.execute::<(), ()>(Method::Get, "/users/:id/", &[Segment::Param("..")], None);
        assert_eq!(result.err().map(|error| error.attempts()), Some(0));
        Ok(())
    }

    #[test]
    fn the_thread_stops_with_the_last_clone() -> Result<(), Error> {
        let core = BlockingCore::new("https://acme.user.com/", ApiKey::from("k"), &SETTINGS)?;
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
        let core = BlockingCore::new("https://acme.user.com/", ApiKey::from("k"), &SETTINGS)?;
        let runtime =
            tokio::runtime::Builder::new_current_thread().build().map_err(|e| runtime_error(e.to_string()))?;
        let dead = BlockingCore {
            core: core.core.clone(),
            runtime: Arc::new(Background { handle: runtime.handle().clone(), _stop: oneshot::channel().0 }),
        };
        drop(runtime);
        let result = dead.execute::<(), ()>(Method::Get, "/users/", &[Segment::Literal("users")], None);
        assert_eq!(
            result.err().map(|error| error.to_string()).as_deref(),
            Some("blocking client: the background thread stopped before answering")
        );
        Ok(())
    }
}
