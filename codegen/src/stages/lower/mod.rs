//! Turns parsed schema files into the IR, checking every rule on the way. It collects all
//! problems rather than stopping at the first, and never panics on input. It does not read
//! files (`load`) or produce tokens (`emit`).
//!
//! One module per concern: `settings` (the `api` section), `models` (models, enums, modules),
//! `fields` (attribute tables), `types` (type expressions), `endpoints`, and `check` (the rules
//! that need the whole API at once). This module runs them in order; `state` holds what they
//! share, `ctxt` the errors.

mod check;
mod ctxt;
mod endpoints;
mod fields;
mod header_names;
mod host;
mod limits;
mod models;
mod settings;
mod state;
mod text;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::Diagnostics;
use crate::ir::{self, Api};
use crate::schema::SchemaFile;
use crate::source::SourceFile;
use ctxt::{At, Ctxt};
use state::Lowering;

/// Validates the parsed files and builds the IR, or returns every problem found.
/// `unparsed_files` is true when some files failed to parse; then a missing `api` section is not
/// reported, since it may be in one of them.
pub fn lower(files: &[(SourceFile, SchemaFile)], unparsed_files: bool) -> Result<Api, Diagnostics> {
    let mut lowering = Lowering {
        ctxt: Ctxt::new(),
        models: BTreeMap::new(),
        enums: BTreeSet::new(),
        enum_values: limits::enum_values(files),
        response_examples: Vec::new(),
        request_nullable: files.iter().find_map(|(_, file)| file.api.as_ref()).is_some_and(|api| api.request_nullable),
        refused: state::Refused::default(),
    };
    for (source, file) in files {
        for path in &file.cut {
            lowering.refused.add_cut(&source.name, path);
        }
    }
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
