//! Turns the YAML description of an HTTP API (one file per vendor docs page) into a typed Rust
//! client. Data flows one way: `load` -> `lower` -> `ir` -> `emit` -> `render`. This crate knows
//! no repository paths; `xtask` decides where files go.

pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod load;
pub mod locate;
pub mod lower;
pub mod names;
pub mod render;
pub mod schema;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, SchemaError};
pub use load::SourceFile;

/// The command named in every generated file's header.
pub const GENERATE_COMMAND: &str = "cargo xtask gen";

/// One generated file: its path below the generated module root and its full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
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
    lower_sources(files)
}

/// Parses and lowers schema sources that are already in memory.
///
/// # Errors
///
/// Every problem found in the schema, located and sorted.
pub fn lower_sources(files: Vec<SourceFile>) -> Result<ir::Api, SchemaError> {
    let mut diagnostics = Diagnostics::default();
    let mut parsed = Vec::with_capacity(files.len());
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        match load::parse(&file) {
            Ok(schema) => parsed.push((file, schema)),
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                sources.push(file);
            }
        }
    }
    let lowered = lower::lower(&parsed, !diagnostics.is_empty());
    sources.extend(parsed.into_iter().map(|(file, _)| file));
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
    emit::emit(api)
        .iter()
        .map(|file| Ok(GeneratedFile { path: file.path.clone(), contents: render::render(file, GENERATE_COMMAND)? }))
        .collect()
}

/// The wire tests of the documented examples (`None` when the schema has no examples).
///
/// # Errors
///
/// A message when the generator produced invalid Rust, which is a bug in this crate.
pub fn render_example_tests(api: &ir::Api) -> Result<Option<String>, String> {
    let Some(tokens) = emit::example_tests(api) else { return Ok(None) };
    let file = emit::EmittedFile {
        path: "tests/examples/documented.rs".to_owned(),
        inner_docs: vec![
            "Wire tests of every documented example: the docs' request through the generated client to a".to_owned(),
            "local server, checked exactly, and the docs' response decoded without loss.".to_owned(),
        ],
        tokens,
    };
    render::render(&file, GENERATE_COMMAND).map(Some)
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
            let source = endpoint.source.as_deref().unwrap_or("-");
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

/// Why generation failed: the schema is wrong, or (a bug) the generator made invalid Rust.
#[derive(Debug)]
pub enum GenerateError {
    Schema(SchemaError),
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
