//! The stages run in order: a schema folder or sources in, the IR, then the generated files.
//! The crate root re-exports what callers use; `build` and `inline` run it for build scripts
//! and the macro.

use std::path::Path;

use crate::diagnostic::{Diagnostics, SchemaError};
use crate::source::SourceFile;
use crate::{emit, ir, load, lower, render};

/// The command named in every generated file's header.
pub const GENERATE_COMMAND: &str = "cargo xtask gen";

/// One generated file: its path below the generated module root and its full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path below the generated module root, with `/` separators (`users/update_user.rs`).
    pub path: String,
    /// The file's text, formatted, under the `@generated` header.
    pub contents: String,
}

/// Reads, validates and lowers a schema directory. `label` prefixes file names in messages and
/// doc pointers (for example `schema`).
///
/// # Errors
///
/// Every problem found in the schema, located and sorted.
pub fn load_api(dir: &Path, label: &str) -> Result<ir::Api, SchemaError> {
    let files = load::read_dir(dir, label).map_err(|diagnostics| SchemaError { diagnostics, sources: Vec::new() })?;
    let mut api = lower_sources(files)?;
    name_files_for_docs(&mut api, label, &folder_name(dir, label));
    Ok(api)
}

/// The name generated docs give the schema folder: its own name (`schema`), however it was
/// reached, so `--schema schema`, `--schema ./schema/` and `--schema /abs/path/schema` generate
/// the same files. Messages keep `label`, the path as the caller wrote it.
fn folder_name(dir: &Path, label: &str) -> String {
    std::fs::canonicalize(dir)
        .ok()
        .and_then(|real| real.file_name().map(|name| name.to_string_lossy().into_owned()))
        .unwrap_or_else(|| label.to_owned())
}

/// Renames the files the IR points at from `label/...` to `folder/...`: the doc pointers
/// (`Generated from`, `Schema:`) of every module, endpoint and the settings.
fn name_files_for_docs(api: &mut ir::Api, label: &str, folder: &str) {
    if label == folder {
        return;
    }
    let rename = |name: &mut String| {
        let relative = if label.is_empty() {
            Some(name.as_str())
        } else {
            name.strip_prefix(label).and_then(|rest| rest.strip_prefix('/'))
        };
        if let Some(relative) = relative {
            *name = format!("{folder}/{relative}");
        }
    };
    rename(&mut api.settings.source);
    for module in &mut api.modules {
        rename(&mut module.source);
        for endpoint in &mut module.endpoints {
            rename(&mut endpoint.provenance.schema);
        }
    }
}

/// Parses and lowers schema sources that are already in memory.
///
/// # Errors
///
/// Every problem found in the schema, located and sorted.
pub fn lower_sources(files: Vec<SourceFile>) -> Result<ir::Api, SchemaError> {
    let mut diagnostics = Diagnostics::default();
    let mut parsed = Vec::with_capacity(files.len());
    let results = parallel(files.len(), |index| load::parse_all(&files[index]));
    for (file, (schema, problems)) in files.into_iter().zip(results) {
        diagnostics.extend(Diagnostics(problems));
        match schema {
            Some(schema) => parsed.push((file, schema)),
            // Its models and enums are refused, not unknown, where other files use them.
            None => {
                let names = load::declared_type_names(&file.text);
                parsed.push((file, crate::schema::SchemaFile::unreadable(names)));
            }
        }
    }
    let lowered = lower::lower(&parsed, !diagnostics.is_empty());
    let sources = parsed.into_iter().map(|(file, _)| file).collect();
    match lowered {
        Ok(api) if diagnostics.is_empty() => Ok(api),
        Ok(_) => Err(located(diagnostics, sources)),
        Err(more) => {
            diagnostics.extend(more);
            Err(located(diagnostics, sources))
        }
    }
}

fn located(mut diagnostics: Diagnostics, mut sources: Vec<SourceFile>) -> SchemaError {
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    diagnostics.locate(&sources);
    SchemaError { diagnostics, sources }
}

/// The generated files for an API, sorted by path.
///
/// # Errors
///
/// A message when the generator produced invalid Rust, which is a bug in this crate.
pub fn render_api(api: &ir::Api) -> Result<Vec<GeneratedFile>, String> {
    let pieces = emit::piece_count(api);
    let mut files = parallel(pieces, |piece| {
        emit::emit_piece(api, piece)
            .iter()
            .map(|file| {
                Ok(GeneratedFile { path: file.path.clone(), contents: render::render(file, GENERATE_COMMAND)? })
            })
            .collect::<Result<Vec<_>, String>>()
    })
    .into_iter()
    .collect::<Result<Vec<Vec<GeneratedFile>>, String>>()?
    .concat();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `job(0..count)` on every available core, results in index order. Generation is CPU-bound
/// and its pieces are independent (each schema file parses, and each module emits and renders,
/// on its own), so this divides its wall time by the number of cores; the output is the same.
/// `xtask` writes the generated files with it too.
pub fn parallel<T: Send>(count: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(count);
    // Inside `generate_api!` tokens are the compiler's, which other threads cannot touch.
    if threads <= 1 || proc_macro::is_available() {
        return (0..count).map(job).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if index >= count {
                            return mine;
                        }
                        mine.push((index, job(index)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, value)| value).collect()
}

/// The wire tests of the documented examples (`None` when the schema has no examples).
///
/// # Errors
///
/// A message when the generator produced invalid Rust, which is a bug in this crate.
pub fn render_example_tests(api: &ir::Api, krate: &str) -> Result<Option<String>, String> {
    let Some(tokens) = emit::example_tests(api, krate) else { return Ok(None) };
    let docs = [
        "Wire tests of every documented example: the docs' request through the generated client to a",
        "local server, checked exactly, and the docs' response decoded without loss.",
    ];
    render_test_file("tests/examples/documented.rs", &docs, tokens).map(Some)
}

/// Renders a generated test file under the usual header.
fn render_test_file(path: &str, docs: &[&str], tokens: proc_macro2::TokenStream) -> Result<String, String> {
    let file = emit::EmittedFile {
        path: path.to_owned(),
        inner_docs: docs.iter().map(|line| (*line).to_owned()).collect(),
        tokens,
    };
    render::render(&file, GENERATE_COMMAND)
}

/// A Markdown list of every endpoint, grouped by schema folder, with method, path, client
/// method and source confidence: the README's endpoint table.
pub fn render_endpoint_list(api: &ir::Api) -> String {
    let mut groups: Vec<(&str, Vec<&ir::Endpoint>)> = Vec::new();
    for module in &api.modules {
        let group = if module.path.len() > 1 { module.path[0].as_str() } else { "other" };
        let endpoints = module.endpoints.iter();
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, list)) => list.extend(endpoints),
            None => groups.push((group, endpoints.collect())),
        }
    }
    let total: usize = groups.iter().map(|(_, list)| list.len()).sum();
    let mut out = format!(
        "{total} endpoints. Source: DOC = the vendor's docs, LEGACY = its older docs, CODE = seen only in public client libraries.\n"
    );
    for (group, endpoints) in groups.iter().filter(|(_, list)| !list.is_empty()) {
        out.push_str(&format!("\n**{group}**\n\n| Method | Path | Client method | Source |\n|---|---|---|---|\n"));
        for endpoint in endpoints {
            let all = if matches!(endpoint.response, ir::Response::Page(_)) {
                format!(" / `{}_all`", endpoint.name.rust)
            } else {
                String::new()
            };
            let source = endpoint.source.as_ref().map_or("-", |source| source.kind.label());
            out.push_str(&format!(
                "| {} | `{}` | `{}`{all} | {source} |\n",
                endpoint.method.as_str(),
                endpoint.path_template,
                endpoint.name.rust
            ));
        }
    }
    out
}

/// The calls of the generated crate's contract test (`tests/contract/calls.rs`): every
/// endpoint with a documented example, called through the generated client on a mock server
/// that validates requests against the document of [`crate::__stages::openapi::document`].
///
/// # Errors
///
/// A message when the generator produced invalid Rust, which is a bug in this crate.
pub fn render_contract_calls(api: &ir::Api, krate: &str) -> Result<String, String> {
    let docs = [
        "The calls of the contract test (`tests/contract.rs`): every endpoint with a documented",
        "example, with sample path and query values and the docs' request body (or samples of",
        "its required fields).",
    ];
    render_test_file("tests/contract/calls.rs", &docs, emit::contract_test(api, krate))
}

/// Why generation failed: the schema is wrong, or (a bug) the generator made invalid Rust.
#[derive(Debug)]
pub enum GenerateError {
    /// The schema has problems; each is located in its file.
    Schema(SchemaError),
    /// The generator made Rust that does not parse, which is a bug in this crate.
    Bug(String),
}

impl GenerateError {
    /// The report, with colours when `color` is set.
    pub fn render(&self, color: bool) -> String {
        match self {
            GenerateError::Schema(error) => error.render(color),
            GenerateError::Bug(message) => format!("internal error: {message}\n"),
        }
    }
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for GenerateError {}

/// The whole pipeline: schema directory in, generated files out.
///
/// # Errors
///
/// Every schema problem, or a generator bug.
pub fn generate(dir: &Path, label: &str) -> Result<Vec<GeneratedFile>, GenerateError> {
    let api = load_api(dir, label).map_err(GenerateError::Schema)?;
    render_api(&api).map_err(GenerateError::Bug)
}
