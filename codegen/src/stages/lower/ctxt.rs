//! The error context of lowering: problems are collected, never thrown, and the collection must
//! be checked before it is dropped; key paths are built segment by segment with `At`, so no path
//! is spelt by hand.
//!
//! The idea is serde_derive's `internals::Ctxt`: a context that forgets to report its errors is
//! a bug in this crate, caught by a panic in debug builds (and by every test).

use std::rc::Rc;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The problems found so far. `check` hands them over; dropping the context unchecked panics
/// in debug builds, so no run can lose its errors silently.
#[derive(Debug, Default)]
pub(super) struct Ctxt {
    /// `None` once `check` took the problems.
    errors: Option<Diagnostics>,
}

impl Ctxt {
    pub(super) fn new() -> Self {
        Ctxt { errors: Some(Diagnostics::default()) }
    }

    /// Records one problem; lowering goes on to find the others.
    pub(super) fn error(&mut self, diagnostic: Diagnostic) {
        if let Some(errors) = &mut self.errors {
            errors.push(diagnostic);
        }
    }

    /// How many problems are recorded: a step compares it before and after to learn whether it
    /// found any.
    pub(super) fn count(&self) -> usize {
        self.errors.as_ref().map_or(0, Diagnostics::len)
    }

    /// Every recorded problem, consuming the context.
    pub(super) fn check(mut self) -> Diagnostics {
        self.errors.take().unwrap_or_default()
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if cfg!(debug_assertions) && self.errors.is_some() && !std::thread::panicking() {
            panic!("lowering dropped its error context without calling `check`");
        }
    }
}

/// A place in one schema file: the file and the key path inside it (`endpoints.get_user.path`,
/// `enums.Role.values[2]`), as `locate` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct At {
    file: Rc<str>,
    path: String,
}

impl At {
    /// The file as a whole (for problems with its name or its module).
    pub(super) fn file(file: &str) -> Self {
        At { file: file.into(), path: String::new() }
    }

    /// The value under `key` (a mapping key, taken as it is written).
    pub(super) fn key(&self, key: &str) -> Self {
        let mut path = String::with_capacity(self.path.len() + 1 + key.len());
        path.push_str(&self.path);
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        At { file: self.file.clone(), path }
    }

    /// The item at `index` of a sequence.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn index(&self, index: usize) -> Self {
        At { file: self.file.clone(), path: format!("{}[{index}]", self.path) }
    }

    /// The dotted key path.
    pub(super) fn path(&self) -> &str {
        &self.path
    }

    /// The file, as messages name it.
    pub(super) fn file_name(&self) -> &str {
        &self.file
    }

    /// A problem at this place.
    pub(super) fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, self.path.clone(), message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_keys_with_dots_and_indexes_with_brackets() {
        let at = At::file("schema/a.yaml").key("enums").key("Role").key("values").index(2);
        assert_eq!(at.path(), "enums.Role.values[2]");
        assert_eq!(At::file("f").path(), "");
        let error = At::file("f").key("api").key("base_url").error("bad");
        assert_eq!(
            (error.file.as_str(), error.key_path.as_str(), error.message.as_str()),
            ("f", "api.base_url", "bad")
        );
    }

    #[test]
    fn a_checked_context_hands_over_its_errors() {
        let mut ctxt = Ctxt::new();
        ctxt.error(At::file("f").error("one"));
        assert_eq!(ctxt.count(), 1);
        assert_eq!(ctxt.check().len(), 1);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "without calling `check`")]
    fn an_unchecked_context_panics_on_drop() {
        let mut ctxt = Ctxt::new();
        ctxt.error(At::file("f").error("lost"));
    }
}
