//! Turns parsed schema files into the IR, checking every rule on the way. It collects all
//! problems rather than stopping at the first, and never panics on input. It does not read
//! files (`load`) or produce tokens (`emit`).
//!
//! One module per concern: `settings` (the `api` section), `models` (models, enums, modules),
//! `fields` (attribute tables), `types` (type expressions), `endpoints`, and `check` (the rules
//! that need the whole API at once). This module runs them in order and owns the helpers they
//! share.

mod check;
mod ctxt;
mod endpoints;
mod fields;
mod models;
mod settings;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{self, Api};
use crate::load::SourceFile;
use crate::schema::SchemaFile;
use ctxt::{At, Ctxt};

/// Validates the parsed files and builds the IR, or returns every problem found.
/// `unparsed_files` is true when some files failed to parse; then a missing `api` section is not
/// reported, since it may be in one of them.
pub fn lower(files: &[(SourceFile, SchemaFile)], unparsed_files: bool) -> Result<Api, Diagnostics> {
    let mut lowering = Lowering {
        ctxt: Ctxt::new(),
        models: BTreeMap::new(),
        enums: BTreeSet::new(),
        response_examples: Vec::new(),
        request_nullable: files.iter().find_map(|(_, file)| file.api.as_ref()).is_some_and(|api| api.request_nullable),
    };
    let mut settings = lowering.settings(files, unparsed_files);
    lowering.register_models(files);
    if let Some(settings) = &mut settings {
        settings.errors = lowering.api_errors(files);
    }
    let mut modules = Vec::new();
    let mut module_paths: BTreeMap<Vec<String>, &str> = BTreeMap::new();
    let mut endpoint_names: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (source, file) in files {
        if file.models.is_empty() && file.enums.is_empty() && file.endpoints.is_empty() {
            continue;
        }
        let Some(path) = lowering.module_path(source) else { continue };
        if let Some(first) = module_paths.insert(path.clone(), &source.name) {
            lowering.error(
                At::file(&source.name)
                    .error(format!("this file's module `{}` clashes with `{first}`", path.join("::")))
                    .with_hint("rename one of the files"),
            );
        }
        let models = file.models.iter().filter_map(|(name, model)| lowering.model(source, name, model)).collect();
        let enums = file.enums.iter().filter_map(|(name, spec)| lowering.enumeration(source, name, spec)).collect();
        let mut endpoints = Vec::new();
        for (name, endpoint) in file.endpoints.iter() {
            let at = At::file(&source.name).key("endpoints").key(name);
            let Some(endpoint) = lowering.endpoint(source, file, name, endpoint) else { continue };
            match endpoint_names.get(&endpoint.name.rust) {
                Some((other_file, other_name)) if other_name == name => lowering.error(
                    at.error(format!("endpoint `{name}` is declared again; the first is in `{other_file}`"))
                        .with_hint("endpoint names must be unique across the schema")
                        .on_key(),
                ),
                Some((other_file, other_name)) => lowering.error(
                    at.error(format!(
                        "endpoint `{name}` has the same method name as endpoint `{other_name}` in `{other_file}`"
                    ))
                    .with_hint("endpoint names must be unique across the schema")
                    .on_key(),
                ),
                None => {
                    endpoint_names.insert(endpoint.name.rust.clone(), (source.name.clone(), name.to_owned()));
                    endpoints.push(endpoint);
                }
            }
        }
        modules.push(ir::Module {
            source: source.name.clone(),
            path,
            page: file.page.clone(),
            models,
            enums,
            endpoints,
        });
    }
    check::run_all(&mut lowering, &mut modules);
    let diagnostics = lowering.ctxt.check();
    match settings {
        Some(settings) => diagnostics.finish(Api { settings, modules }),
        None => Err(diagnostics),
    }
}

struct Lowering {
    /// Every problem found; checked once, at the end of `lower`.
    ctxt: Ctxt,
    /// Every model name, with the file that declares it.
    models: BTreeMap<String, String>,
    /// The names in `models` that are enums.
    enums: BTreeSet<String>,
    /// Response examples to compare with their model once every model is lowered.
    response_examples: Vec<ResponseExample>,
    /// `api.request_nullable`: whether request fields that do not say `nullable` may be null.
    request_nullable: bool,
}

struct ResponseExample {
    at: At,
    model: String,
    /// Each key of the example, with its line and column inside the example text.
    keys: Vec<(String, Option<(usize, usize)>)>,
}

impl Lowering {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.ctxt.error(diagnostic);
    }
}

/// The candidate nearest to a misspelt word, if it is near enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .map(|candidate| (strsim::damerau_levenshtein(&lower, &candidate.to_lowercase()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min()
        .map(|(_, candidate)| candidate)
}

/// Description text as doc lines: trailing spaces dropped, no leading or trailing blank lines.
fn doc_lines(text: Option<&str>) -> Vec<String> {
    let mut lines: Vec<String> = text.unwrap_or("").lines().map(|line| line.trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

fn push_paragraph(docs: &mut Vec<String>, paragraph: &str) {
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(paragraph.to_owned());
}

/// A schema-chosen name (endpoint, type, file) with a character that is not ASCII.
fn non_ascii_name(at: &At, what: &str, name: &str, c: char) -> Diagnostic {
    at.error(format!(
        "{what} name `{}` has `{}`, which generated Rust names do not use",
        crate::diagnostic::inert(name),
        c.escape_debug()
    ))
    .with_hint("use ASCII letters, digits and `_`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_only_for_near_misses() {
        let candidates = ["string", "integer", "User"];
        assert_eq!(closest("strng", candidates.into_iter()), Some("string"));
        assert_eq!(closest("intger", candidates.into_iter()), Some("integer"));
        assert_eq!(closest("user", candidates.into_iter()), Some("User"));
        assert_eq!(closest("whatever", candidates.into_iter()), None);
    }

    #[test]
    fn doc_lines_trim_blank_edges() {
        assert_eq!(doc_lines(Some("\nA.  \n\nB.\n\n")), vec!["A.", "", "B."]);
        assert!(doc_lines(None).is_empty());
    }
}
