//! Finds and reads schema files (sorted, so output never depends on directory order) and parses
//! each into the raw `schema` model, turning every read or parse failure into a diagnostic with
//! file, position and key path. It does not validate meaning; `lower` does.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::schema::SchemaFile;

/// A schema file's name (as shown in messages and doc pointers) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// How messages and generated docs name the file, such as `schema/users/update_user.yaml`.
    pub name: String,
    /// The path below the schema directory, with `/` separators, such as `users/update_user.yaml`;
    /// it decides the generated module path.
    pub relative: String,
    pub text: String,
}

/// Reads every `*.yaml` / `*.yml` file under `dir`, recursively, sorted by path. Names are
/// `label` + `/` + the path relative to `dir` with `/` separators, so messages and generated docs
/// are the same on every machine.
pub fn read_dir(dir: &Path, label: &str) -> Result<Vec<SourceFile>, Diagnostics> {
    let mut relative_paths = Vec::new();
    let mut diagnostics = Diagnostics::default();
    collect_yaml_files(dir, "", &mut relative_paths, &mut diagnostics, label);
    relative_paths.sort();
    let mut files = Vec::with_capacity(relative_paths.len());
    for relative in relative_paths {
        let name = if label.is_empty() { relative.clone() } else { format!("{label}/{relative}") };
        match std::fs::read(dir.join(&relative)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile { name, relative, text }),
                Err(error) => {
                    let offset = error.utf8_error().valid_up_to();
                    let bytes = error.as_bytes();
                    let position = position_of_offset(&String::from_utf8_lossy(&bytes[..offset]), offset);
                    diagnostics.push(
                        Diagnostic::new(&name, "", format!("file is not valid UTF-8 (byte {offset})"))
                            .at(Some(position))
                            .with_hint("save the file as UTF-8"),
                    );
                }
            },
            Err(error) => diagnostics.push(Diagnostic::new(&name, "", format!("cannot read file: {error}"))),
        }
    }
    if files.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::new(label, "", "no schema files found")
                .with_hint(format!("add `*.yaml` files under `{}`", dir.display())),
        );
    }
    diagnostics.finish(files)
}

fn collect_yaml_files(dir: &Path, prefix: &str, found: &mut Vec<String>, diagnostics: &mut Diagnostics, label: &str) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            let name = if prefix.is_empty() { label.to_owned() } else { format!("{label}/{prefix}") };
            diagnostics.push(Diagnostic::new(&name, "", format!("cannot read directory: {error}")));
            return;
        }
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let relative = if prefix.is_empty() { file_name.clone() } else { format!("{prefix}/{file_name}") };
        let path = entry.path();
        if path.is_dir() {
            collect_yaml_files(&path, &relative, found, diagnostics, label);
        } else if file_name.ends_with(".yaml") || file_name.ends_with(".yml") {
            found.push(relative);
        }
    }
}

/// Parses one file. The whole file is one YAML document holding a mapping.
pub fn parse(file: &SourceFile) -> Result<SchemaFile, Diagnostic> {
    if file.text.trim().is_empty() {
        return Err(Diagnostic::new(&file.name, "", "file is empty")
            .at(Some((1, 1)))
            .with_hint("a schema file holds `endpoints:`, `models:` or `api:`"));
    }
    let deserializer = serde_yaml::Deserializer::from_str(&file.text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let key_path = match error.path().to_string() {
            path if path == "." => String::new(),
            path => path,
        };
        let inner = error.into_inner();
        let position = inner.location().map(|location| (location.line(), location.column()));
        let message = clean_yaml_message(&inner.to_string(), &key_path, position);
        Diagnostic::new(&file.name, key_path, message).at(position)
    })
}

/// serde_yaml repeats the key path and position inside its message; they are shown on their own
/// lines, so they are taken out of the text.
fn clean_yaml_message(message: &str, key_path: &str, position: Option<(usize, usize)>) -> String {
    let mut message = message.to_owned();
    if let Some((line, column)) = position {
        message = message.replace(&format!(" at line {line} column {column}"), "");
    }
    for prefix in [key_path.to_owned(), key_path.rsplit_once('.').map(|(head, _)| head.to_owned()).unwrap_or_default()]
    {
        if !prefix.is_empty() {
            if let Some(rest) = message.strip_prefix(&format!("{prefix}: ")) {
                message = rest.to_owned();
                break;
            }
        }
    }
    message
}

/// 1-based line and column of a byte offset.
fn position_of_offset(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, column)
}
