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
