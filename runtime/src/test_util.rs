//! Checks for tests (feature `test-util`): [`audit`] reports what decoding a generated type
//! left behind of its input. Decoding pays one atomic load for it only when this feature is on.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many [`audit`]s run now, on any thread: decoding checks this one number before it
/// touches the thread's record, so it costs nothing when nobody audits.
static AUDITS: AtomicUsize = AtomicUsize::new(0);

/// Whether an [`audit`] may be recording (on this thread or another).
#[inline]
fn auditing() -> bool {
    AUDITS.load(Ordering::Relaxed) != 0
}

/// Counts one running [`audit`] for as long as it lives, even if the decode panics.
struct Auditing;

impl Auditing {
    fn start() -> Auditing {
        AUDITS.fetch_add(1, Ordering::Relaxed);
        Auditing
    }
}

impl Drop for Auditing {
    fn drop(&mut self) {
        AUDITS.fetch_sub(1, Ordering::Relaxed);
    }
}

thread_local! {
    /// What [`audit`] records on this thread while it runs; `None` otherwise.
    static AUDIT: std::cell::RefCell<Option<DecodeAudit>> = const { std::cell::RefCell::new(None) };
}

/// What a decode left behind of its input, as [`audit`] reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodeAudit {
    /// Keys, at any depth, that a generated model did not declare and kept in its `extra`
    /// (models with custom attributes expect them, and are left out).
    pub unknown_keys: Vec<String>,
    /// Keys, at any depth, whose `null` a model read into an `Option` field, where it is the
    /// same as absent and so is not written back. A `Patch` field keeps its `null`.
    pub dropped_nulls: Vec<String>,
}

/// Runs `decode` and returns its result with what it left behind of its input: the check that a
/// schema covers a documented response, and that re-encoding it loses only what the model
/// cannot hold, for tests. Nothing is recorded outside such a call.
pub fn audit<T>(decode: impl FnOnce() -> T) -> (T, DecodeAudit) {
    let _auditing = Auditing::start();
    let outer = AUDIT.with(|audit| audit.borrow_mut().replace(DecodeAudit::default()));
    let value = decode();
    let found = AUDIT.with(|audit| std::mem::replace(&mut *audit.borrow_mut(), outer)).unwrap_or_default();
    (value, found)
}

/// Reports a `null` read into an `Option` to [`audit`].
pub(crate) fn dropped_null(wire: &'static str) {
    if !auditing() {
        return;
    }
    AUDIT.with(|audit| {
        if let Some(audit) = audit.borrow_mut().as_mut() {
            audit.dropped_nulls.push(wire.to_owned());
        }
    });
}

/// Reports an unknown key kept in a model's `extra` to [`audit`].
pub(crate) fn unknown_key(key: &str) {
    if !auditing() {
        return;
    }
    AUDIT.with(|audit| {
        if let Some(audit) = audit.borrow_mut().as_mut() {
            audit.unknown_keys.push(key.to_owned());
        }
    });
}
