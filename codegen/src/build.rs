//! The `build.rs` front door: a crate that does not check generated code in writes its client
//! into `OUT_DIR` at build time and `include!`s it. Same generator, same output as the other
//! doors (the module tree `generate_api!` expands to), as one file; no repository paths.

use std::path::{Path, PathBuf};

use crate::{GenerateError, inline, render};

/// The command named in the header of the file a build script writes.
const BUILD_COMMAND: &str = "apigen_codegen::build_script";

/// The client of the schema folder `dir` as the text of one Rust file: every model, request,
/// endpoint and the `Client`, with the schema's files nested as inline modules. `label`
/// prefixes file names in messages and doc pointers.
///
/// # Errors
///
/// Every schema problem, or a generator bug.
pub fn generate_file(dir: &Path, label: &str) -> Result<String, GenerateError> {
    let files = crate::generate(dir, label)?;
    let tree = inline::module_tree(&files).map_err(GenerateError::Bug)?;
    let file = crate::emit::EmittedFile { path: "(one file)".to_owned(), inner_docs: Vec::new(), tokens: tree };
    render::render(&file, BUILD_COMMAND).map_err(GenerateError::Bug)
}

/// What a `build.rs` calls: generates the client of `schema_dir` (relative to the crate's
/// `Cargo.toml`) into `$OUT_DIR/<file_name>`, and tells Cargo to run again when the schema
/// changes. Include the file where the client should live:
///
/// ```ignore
/// // build.rs
/// fn main() {
///     apigen_codegen::build_script("schema", "api.rs");
/// }
///
/// // src/lib.rs
/// pub mod api {
///     include!(concat!(env!("OUT_DIR"), "/api.rs"));
/// }
/// ```
///
/// The file is rewritten only when its bytes change. A schema with errors stops the build: the
/// report (the one `cargo xtask gen` prints) goes to standard error and the script exits 1.
/// The written path is returned.
pub fn build_script(schema_dir: &str, file_name: &str) -> PathBuf {
    match try_build_script(schema_dir, file_name) {
        Ok(path) => path,
        Err(report) => {
            eprintln!("{report}");
            std::process::exit(1);
        }
    }
}

/// [`build_script`] without the exit: the report on failure.
///
/// # Errors
///
/// The report: a missing Cargo variable, every schema problem, a generator bug, or a write
/// that failed.
pub fn try_build_script(schema_dir: &str, file_name: &str) -> Result<PathBuf, String> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .ok_or("`CARGO_MANIFEST_DIR` is not set: call `build_script` from a build script run by cargo")?;
    let out_dir = std::env::var_os("OUT_DIR")
        .ok_or("`OUT_DIR` is not set: call `build_script` from a build script run by cargo")?;
    let dir = Path::new(&manifest_dir).join(schema_dir);
    // Cargo scans a folder given to `rerun-if-changed` for any change, added files included.
    println!("cargo::rerun-if-changed={}", dir.display());
    let label = schema_dir.trim_end_matches('/');
    let text = generate_file(&dir, label).map_err(|error| error.render(false))?;
    let target = Path::new(&out_dir).join(file_name);
    if std::fs::read(&target).ok().as_deref() != Some(text.as_bytes()) {
        std::fs::write(&target, text).map_err(|error| format!("cannot write `{}`: {error}", target.display()))?;
    }
    Ok(target)
}
