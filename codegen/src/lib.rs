//! Turns the YAML description of an HTTP API (one file per vendor docs page) into a typed Rust
//! client. Data flows one way: `load` -> `lower` -> `ir` -> `emit` -> `render`. This crate knows
//! no repository paths; `xtask` decides where files go.

pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod render;
pub mod schema;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics};
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
/// Every problem found in the schema.
pub fn load_api(dir: &Path, label: &str) -> Result<ir::Api, Diagnostics> {
    let files = load::read_dir(dir, label)?;
    lower_sources(files)
}

/// Parses and lowers schema sources that are already in memory.
///
/// # Errors
///
/// Every problem found in the schema.
pub fn lower_sources(files: Vec<SourceFile>) -> Result<ir::Api, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut parsed = Vec::with_capacity(files.len());
    for file in files {
        match load::parse(&file) {
            Ok(schema) => parsed.push((file, schema)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    match lower::lower(&parsed) {
        Ok(api) => diagnostics.finish(api),
        Err(more) => {
            diagnostics.0.extend(more.0);
            Err(diagnostics.finish(()).err().unwrap_or_default())
        }
    }
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

/// The whole pipeline: schema directory in, generated files out.
///
/// # Errors
///
/// Every schema problem, as one rendered report.
pub fn generate(dir: &Path, label: &str) -> Result<Vec<GeneratedFile>, String> {
    let api = load_api(dir, label).map_err(|diagnostics| diagnostics.to_string())?;
    render_api(&api)
}
