//! Finds and reads schema files (sorted, so output never depends on directory order) and parses
//! each into the raw `schema` model, turning every read or parse failure into a diagnostic with
//! file, position and key path. It does not validate meaning; `lower` does.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locate::{self, Location};
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
                    let (line, column) = position_of_offset(&String::from_utf8_lossy(&error.as_bytes()[..offset]));
                    diagnostics.push(
                        Diagnostic::new(&name, "", format!("file is not valid UTF-8 (byte {offset} of line {line})"))
                            .with_hint(format!("save the file as UTF-8; the first bad byte is at column {column}")),
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

/// Far deeper than any schema (about eight levels), far shallower than what makes parsing slow.
const MAX_NESTING: usize = 64;

/// Parses one file. The whole file is one YAML document holding a mapping.
pub fn parse(file: &SourceFile) -> Result<SchemaFile, Box<Diagnostic>> {
    if file.text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::new(&file.name, "", "file is empty")
                .at(Some(Location { line: 1, column: 1, start: 0, end: 0 }))
                .with_hint("a schema file holds `endpoints:`, `models:`, `enums:` or `api:`, or should be deleted"),
        ));
    }
    if let Some(location) = locate::too_deep(&file.text, MAX_NESTING) {
        return Err(Box::new(
            Diagnostic::new(&file.name, "", format!("nesting is deeper than {MAX_NESTING} levels"))
                .at(Some(location))
                .with_hint("a schema needs a handful of levels; this file is probably not a schema"),
        ));
    }
    let deserializer = serde_yaml::Deserializer::from_str(&file.text);
    let parsed: SchemaFile = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let key_path = match error.path().to_string() {
            path if path == "." => String::new(),
            path => path,
        };
        let inner = error.into_inner();
        let text = inner.to_string();
        // Scanner errors name the offending place in their text, which is more precise than
        // `location()` (the start of the construct being read).
        let position = position_in_message(&text).or_else(|| inner.location().map(|l| (l.line(), l.column())));
        let message = clean_yaml_message(&text, &key_path, position);
        let location = position.map(|(line, column)| locate::span_at(&file.text, line, column));
        Box::new(explain_yaml_error(Diagnostic::new(&file.name, key_path, message).at(location), &file.text))
    })?;
    if parsed.api.is_none() && parsed.models.is_empty() && parsed.enums.is_empty() && parsed.endpoints.is_empty() {
        return Err(Box::new(
            Diagnostic::new(&file.name, "", "file declares nothing")
                .at(Some(Location { line: 1, column: 1, start: 0, end: 0 }))
                .with_hint("a schema file holds `endpoints:`, `models:`, `enums:` or `api:`, or should be deleted"),
        ));
    }
    Ok(parsed)
}

/// Rewrites serde's wording into the schema's terms and adds a hint: the nearest valid key for
/// a typo, the valid keys otherwise, and what to do about tabs.
fn explain_yaml_error(mut diagnostic: Diagnostic, text: &str) -> Diagnostic {
    let message = diagnostic.message.clone();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        diagnostic.message = format!("unknown key `{key}`");
        diagnostic.about_key = true;
        // serde names the map that holds the key; the path should end at the key.
        if !diagnostic.key_path.ends_with(key) {
            diagnostic.key_path =
                if diagnostic.key_path.is_empty() { key.to_owned() } else { format!("{}.{key}", diagnostic.key_path) };
        }
        diagnostic.location = None;
        diagnostic.hint = Some(match crate::lower::closest(key, valid.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if valid.is_empty() => "remove it".to_owned(),
            None => {
                format!("valid keys here: {}", valid.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
            }
        });
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        diagnostic.message = format!("missing required key `{key}`");
        diagnostic.location = None;
        diagnostic.hint = Some(format!("add `{key}:`"));
    } else if let Some(location) = diagnostic.location {
        let line = text.lines().nth(location.line.saturating_sub(1)).unwrap_or("");
        if line.trim_start_matches(' ').starts_with('\t') {
            diagnostic.message = format!("tab used for indentation ({message})");
            diagnostic.hint = Some("YAML indents with spaces only; replace the tabs with spaces".to_owned());
        }
    }
    diagnostic
}

/// serde_yaml repeats the key path and position inside its message; they are shown on their own
/// lines, so they are taken out of the text.
fn clean_yaml_message(message: &str, key_path: &str, position: Option<(usize, usize)>) -> String {
    let mut message = shorten_quoted(message);
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

/// serde quotes the offending value; a 10 MB value must not become a 10 MB message.
fn shorten_quoted(message: &str) -> String {
    const KEEP: usize = 40;
    let mut out = String::with_capacity(message.len().min(512));
    let mut parts = message.split('"');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (index, part) in parts.enumerate() {
        out.push('"');
        // Odd pieces (index 0, 2, ...) sit inside quotes.
        if index % 2 == 0 && part.chars().count() > KEEP {
            out.extend(part.chars().take(KEEP));
            out.push_str("...");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The last ` at line N column M` in a serde_yaml message.
/// When there are two ("..., while scanning a quoted scalar at line 3 column 13"), the last one
/// is where the unfinished construct starts, which is what the reader has to fix.
fn position_in_message(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.rfind(" at line ")? + " at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// 1-based line and column just after `before`.
fn position_of_offset(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, column)
}
