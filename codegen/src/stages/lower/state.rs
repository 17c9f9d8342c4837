//! What one lowering run knows as it goes: the error context, every declared type name, and
//! the response examples to check once every model is lowered.

use std::collections::{BTreeMap, BTreeSet};

use super::ctxt::{At, Ctxt};
use crate::diagnostic::Diagnostic;

/// The state of one lowering run, which every step reads and adds to.
pub(super) struct Lowering {
    /// Every problem found; checked once, at the end of `lower`.
    pub(super) ctxt: Ctxt,
    /// Every model name, with the file that declares it.
    pub(super) models: BTreeMap<String, String>,
    /// The names in `models` that are enums.
    pub(super) enums: BTreeSet<String>,
    /// The wire values of each enum, for checking `default`s.
    pub(super) enum_values: EnumValues,
    /// Response examples to compare with their model once every model is lowered.
    pub(super) response_examples: Vec<ResponseExample>,
    /// `api.request_nullable`: whether request fields that do not say `nullable` may be null.
    pub(super) request_nullable: bool,
    /// What was refused, so that nothing else is reported for its absence.
    pub(super) refused: Refused,
}

/// Parts of the schema refused with an error of their own: cut by `load` (they did not read)
/// or refused here (a row with a bad type). A check that looks for one of them elsewhere (an
/// example's key, an alias, a type name) stays quiet, since its absence is reported already.
#[derive(Debug, Default)]
pub(super) struct Refused {
    /// File and key path of each refused part.
    paths: BTreeSet<(String, String)>,
    /// Models and enums refused (their name, or their whole entry).
    pub(super) types: BTreeSet<String>,
}

impl Refused {
    /// Records the part at `at` as refused.
    pub(super) fn add(&mut self, at: &At) {
        self.paths.insert((at.file_name().to_owned(), at.path().to_owned()));
    }

    /// Records a part `load` cut out of `file`: `path` is a key path, such as
    /// `endpoints.get_thing.request.name`, or `models.Thing` for a whole model.
    pub(super) fn add_cut(&mut self, file: &str, path: &str) {
        for section in ["models.", "enums."] {
            if let Some(name) = path.strip_prefix(section).filter(|name| !name.contains(['.', '['])) {
                self.types.insert(name.to_owned());
            }
        }
        self.paths.insert((file.to_owned(), path.to_owned()));
    }

    /// Whether a key right below `at` was cut out (an unknown key, often the typo of a key that
    /// is then missing, such as `respons`), so that a missing key of `at` is not reported.
    pub(super) fn lost_a_key(&self, at: &At) -> bool {
        let prefix = format!("{}.", at.path());
        self.paths.iter().any(|(file, path)| {
            file == at.file_name() && path.strip_prefix(&prefix).is_some_and(|key| !key.contains(['.', '[']))
        })
    }

    /// Whether the part at `at`, or a part holding it, was refused.
    pub(super) fn contains(&self, at: &At) -> bool {
        let file = at.file_name();
        let mut path = at.path();
        loop {
            if self.paths.iter().any(|(refused_file, refused)| refused_file == file && refused == path) {
                return true;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return false,
            }
        }
    }
}

/// The wire values of every declared enum, by name: strings, or integer codes with their labels.
pub(super) type EnumValues = BTreeMap<String, Vec<(Option<String>, crate::ir::Scalar)>>;

/// A documented response body, kept until every model is known.
pub(super) struct ResponseExample {
    pub(super) at: At,
    pub(super) model: String,
    /// Each key of the example, with its line and column inside the example text.
    pub(super) keys: Vec<(String, Option<(usize, usize)>)>,
}

impl Lowering {
    /// Records a problem; lowering goes on.
    pub(super) fn error(&mut self, diagnostic: Diagnostic) {
        self.ctxt.error(diagnostic);
    }
}
