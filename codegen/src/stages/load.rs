//! Finds and reads schema files (sorted, so output never depends on directory order) and parses
//! each into the raw `schema` model, turning every read or parse failure into a diagnostic with
//! file, position and key path. It does not validate meaning; `lower` does.
//!
//! serde_yaml stops at the first problem of a file (the first unknown key, bad value or missing
//! key), reports a repeated struct key at its first occurrence and a second document or a
//! top-level list without a useful place, and says nothing helpful about a key over YAML's
//! 1024-character limit. So a file that may have a problem is also built into a `tree`, which
//! finds the shape problems (documents, top level, repeated keys), and after serde_yaml's first
//! problem each entry of the tree is re-read on its own, with each broken part cut out in turn,
//! to find the rest. A file is built into a tree only when the cheap pass `tree::looks_clean`
//! (nesting, documents, top level, repeated keys) has doubts or serde_yaml fails to read it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::de::IgnoredAny;
use serde_path_to_error::Segment;

use crate::diagnostic::{Diagnostic, Diagnostics, closest};
use crate::locate::{self, Location};
use crate::schema::SchemaFile;
use crate::source::SourceFile;
use crate::tree::{self, Problem, Step, Tree};

use super::quoting;

/// Reads every `*.yaml` / `*.yml` file (extension in any case) under `dir`, recursively, sorted
/// by path, skipping hidden and editor files ([`ignored`]). Names are `label` + `/` + the path
/// relative to `dir` with `/` separators, so messages and generated docs are the same on every
/// machine. Symbolic links are followed, but each file and folder is read once (under its own
/// path when it is in `dir`, else under the first link's), and a link to a folder that holds it
/// is one error naming the link.
pub fn read_dir(dir: &Path, label: &str) -> Result<Vec<SourceFile>, Diagnostics> {
    let mut walk = Walk { root: dir.to_path_buf(), label, ..Walk::default() };
    match std::fs::canonicalize(dir) {
        Ok(canonical) => walk.folder(dir, "", canonical),
        Err(error) => walk.diagnostics.push(Diagnostic::new(label, "", format!("cannot read directory: {error}"))),
    }
    while !walk.links.is_empty() {
        let link = walk.links.remove(0);
        walk.link(link);
    }
    let Walk { mut found, mut diagnostics, .. } = walk;
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files: Vec<SourceFile> = Vec::with_capacity(found.len());
    for (relative, path) in found {
        let name = if label.is_empty() { relative.clone() } else { format!("{label}/{relative}") };
        // The module path is made from `relative`, so the extension is written one way.
        let relative = match relative.rfind('.') {
            Some(dot) => format!("{}{}", &relative[..dot], relative[dot..].to_ascii_lowercase()),
            None => relative,
        };
        if let Some(same) = files.iter().find(|file| file.relative == relative) {
            diagnostics.push(
                Diagnostic::new(&name, "", format!("`{}` and this file make the same module", same.name))
                    .with_hint("extensions are read in any case; rename or remove one of them"),
            );
            continue;
        }
        match std::fs::read(&path) {
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

/// The model and enum names a file declares, read from its lines alone (a key right below a
/// top-level `models:` or `enums:`), for a file that does not read: uses of those names in
/// other files are then not reported as unknown types, since the file's own error says what
/// to fix. Best effort: a name the lines do not show plainly is left out.
pub fn declared_type_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut section: Option<&str> = None;
    let mut child_indent: Option<usize> = None;
    for line in text.lines() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent == 0 {
            section = ["models", "enums"]
                .into_iter()
                .find(|name| content.strip_prefix(name).is_some_and(|rest| rest.trim_end() == ":"));
            child_indent = None;
            continue;
        }
        let Some(section) = section else { continue };
        if *child_indent.get_or_insert(indent) != indent {
            continue;
        }
        let Some((name, _)) = content.split_once(':') else { continue };
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            names.push(format!("{section}.{name}"));
        }
    }
    names
}

/// Hidden files and folders (`.x.yaml`, `.git`) and editors' lock, autosave, swap and backup
/// files (`.#x.yaml`, `#x.yaml#`, `x.yaml~`, `.x.yaml.swp`) are never read.
pub fn ignored(file_name: &str) -> bool {
    file_name.starts_with(['.', '#']) || file_name.ends_with(['~', '#'])
}

fn is_yaml(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// A symbolic link found in the walk, followed after every real file and folder is found.
struct Link {
    path: PathBuf,
    relative: String,
    /// The real path of the folder holding the link.
    parent: PathBuf,
}

#[derive(Default)]
struct Walk<'a> {
    root: PathBuf,
    label: &'a str,
    /// Relative path and the path to read, for each file.
    found: Vec<(String, PathBuf)>,
    seen_files: HashSet<PathBuf>,
    seen_folders: HashSet<PathBuf>,
    links: Vec<Link>,
    /// Links already reported as part of a loop of links, so a loop is one error.
    looped_links: HashSet<PathBuf>,
    diagnostics: Diagnostics,
}

impl Walk<'_> {
    /// A path below the schema folder as messages name it; another path as it is.
    fn shown(&self, path: &Path) -> String {
        match path.strip_prefix(&self.root) {
            Ok(relative) => self.named(&relative.to_string_lossy()),
            Err(_) => path.display().to_string(),
        }
    }

    fn named(&self, relative: &str) -> String {
        match (self.label.is_empty(), relative.is_empty()) {
            (_, true) => self.label.to_owned(),
            (true, false) => relative.to_owned(),
            (false, false) => format!("{}/{relative}", self.label),
        }
    }

    fn folder(&mut self, dir: &Path, prefix: &str, canonical: PathBuf) {
        if !self.seen_folders.insert(canonical.clone()) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                let name = self.named(prefix);
                self.diagnostics.push(Diagnostic::new(&name, "", format!("cannot read directory: {error}")));
                return;
            }
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if ignored(&file_name) {
                continue;
            }
            let relative = if prefix.is_empty() { file_name.clone() } else { format!("{prefix}/{file_name}") };
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_symlink() {
                self.links.push(Link { path, relative, parent: canonical.clone() });
            } else if kind.is_dir() {
                self.folder(&path, &relative, canonical.join(&file_name));
            } else if is_yaml(&file_name) {
                self.seen_files.insert(canonical.join(&file_name));
                self.found.push((relative, path));
            }
        }
    }

    fn link(&mut self, link: Link) {
        let name = self.named(&link.relative);
        if self.looped_links.contains(&link.path) {
            return;
        }
        if let Some(cycle) = link_cycle(&link.path) {
            let shown: Vec<String> = cycle.iter().map(|path| format!("`{}`", self.shown(path))).collect();
            self.diagnostics.push(
                Diagnostic::new(&name, "", format!("symbolic link loop: {} -> {}", shown.join(" -> "), shown[0]))
                    .with_hint("remove one of the links, or point it at a file"),
            );
            self.looped_links.extend(cycle);
            return;
        }
        let target = match std::fs::canonicalize(&link.path) {
            Ok(target) => target,
            // A dangling link named like a schema file is reported when it is read.
            Err(_) if is_yaml(&link.relative) && std::fs::symlink_metadata(&link.path).is_ok() => {
                self.found.push((link.relative, link.path));
                return;
            }
            Err(error) => {
                self.diagnostics.push(Diagnostic::new(&name, "", format!("cannot follow symbolic link: {error}")));
                return;
            }
        };
        if target.is_dir() {
            if link.parent.starts_with(&target) {
                // Name the folder it leads to by its path in the walk, when that is where it is.
                let parts: Vec<&str> = link.relative.split('/').collect();
                let holder = (1..=parts.len())
                    .rev()
                    .map(|keep| parts[..keep - 1].join("/"))
                    .find(|folder| std::fs::canonicalize(self.root.join(folder)).ok().as_ref() == Some(&target))
                    .map_or_else(|| "a folder that holds it".to_owned(), |folder| format!("`{}`", self.named(&folder)));
                self.diagnostics.push(
                    Diagnostic::new(&name, "", format!("symbolic link loop: `{name}` leads back to {holder}"))
                        .with_hint("remove the link, or point it at a folder outside the schema"),
                );
            } else {
                self.folder(&link.path, &link.relative, target);
            }
        } else if is_yaml(&link.relative) && self.seen_files.insert(target) {
            self.found.push((link.relative, link.path));
        }
    }
}

/// The links that lead from `start` back to it, each followed without resolving the others
/// (`a.yaml -> b.yaml -> a.yaml`), or `None` when following them ends anywhere else.
fn link_cycle(start: &Path) -> Option<Vec<PathBuf>> {
    let mut chain = vec![start.to_path_buf()];
    // Far more links than any real chain; the kernel gives up after 40.
    for _ in 0..64 {
        let current = chain.last()?;
        let target = std::fs::read_link(current).ok()?;
        let next = current.parent().map_or_else(|| target.clone(), |parent| parent.join(&target));
        let next = normalize(&next);
        if next == chain[0] {
            return Some(chain);
        }
        if chain.contains(&next) || !std::fs::symlink_metadata(&next).ok()?.file_type().is_symlink() {
            return None;
        }
        chain.push(next);
    }
    None
}

/// `path` with its `.` and `..` parts worked out as text, links left as they are.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Far deeper than any schema (about eight levels), far shallower than what makes parsing slow.
const MAX_NESTING: usize = 64;

/// Parses one file. The whole file is one YAML document holding a mapping.
///
/// # Errors
///
/// Every problem [`parse_all`] finds.
pub fn parse(file: &SourceFile) -> Result<SchemaFile, Vec<Diagnostic>> {
    match parse_all(file) {
        (Some(parsed), problems) if problems.is_empty() => Ok(parsed),
        (_, problems) => Err(problems),
    }
}

/// Parses one file, finding every problem that can be found: the first one serde_yaml meets,
/// then, with each broken entry cut out in turn (`tree`), the ones after it, up to a bound. A
/// file whose only problem is a repeated key is still read (each key's first occurrence), so
/// the checks of its meaning run too.
pub fn parse_all(file: &SourceFile) -> (Option<SchemaFile>, Vec<Diagnostic>) {
    match parse_inner(file) {
        Ok((parsed, problems)) => (Some(parsed), problems),
        Err(problems) => (None, problems),
    }
}

fn parse_inner(file: &SourceFile) -> Result<(SchemaFile, Vec<Diagnostic>), Vec<Diagnostic>> {
    if file.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::new(&file.name, "", "file is empty")
                .at(Some(Location { line: 1, column: 1, start: 0, end: 0 }))
                .with_hint("a schema file holds `endpoints:`, `models:`, `enums:` or `api:`, or should be deleted"),
        ]);
    }
    // Most files are fine: one cheap pass over the events rules out every problem the nesting
    // check and the tree find, and serde_yaml reads the file. The tree is built only when that
    // pass has doubts or serde_yaml fails, and everything below then runs as if this had not.
    if tree::looks_clean(&file.text, MAX_NESTING) {
        let deserializer = serde_yaml::Deserializer::from_str(&file.text);
        if let Ok(parsed) = serde_path_to_error::deserialize::<_, SchemaFile>(deserializer) {
            return declares_something(file, parsed, Vec::new());
        }
    }
    if let Some(location) = locate::too_deep(&file.text, MAX_NESTING) {
        return Err(vec![
            Diagnostic::new(&file.name, "", format!("nesting is deeper than {MAX_NESTING} levels"))
                .at(Some(location))
                .with_hint("a schema needs a handful of levels; this file is probably not a schema"),
        ]);
    }
    let mut tree = Tree::build(&file.text);
    let mut problems: Vec<Diagnostic> = Vec::new();
    if let Some(tree) = &tree {
        for problem in &tree.problems {
            problems.push(shape_problem(&file.name, problem));
        }
        if tree.problems.iter().any(|problem| !matches!(problem, Problem::DuplicateKey { .. })) {
            return Err(problems);
        }
    }
    let deserializer = serde_yaml::Deserializer::from_str(&file.text);
    let parsed: Result<SchemaFile, _> = serde_path_to_error::deserialize(deserializer);
    let mut parsed = match parsed {
        Ok(parsed) => parsed,
        Err(error) => {
            // YAML parsers misread a key over YAML's limit in ways that do not say so.
            let long = long_keys(file);
            if !long.is_empty() {
                return Err(long);
            }
            // Further problems can be looked for only when the file is YAML, which serde_yaml
            // reads into a value that ignores everything.
            let syntax =
                serde_path_to_error::deserialize::<_, IgnoredAny>(serde_yaml::Deserializer::from_str(&file.text))
                    .err()
                    .map(|error| serde_problem(file, error, None));
            if syntax.is_some() {
                tree = None;
            }
            let first = serde_problem(file, error, None);
            // serde stops at a repeated struct key; the tree has said where it is.
            let repeated = first.message.starts_with("duplicate field `");
            // A syntax error after the first problem is the last one this file can report.
            let syntax = syntax.filter(|syntax| syntax.message != first.message || syntax.location != first.location);
            if !repeated {
                problems.push(first);
            }
            problems.extend(syntax);
            let Some(tree) = tree else { return Err(problems) };
            let Some(cuts) = more_problems(file, tree, &mut problems) else { return Err(problems) };
            // What is left once every broken part is cut out is checked for meaning too, so a
            // row's unknown key does not hide its unknown type until the next run.
            // A file left with nothing once they are gone has said what is wrong with it.
            return match without(file, &cuts) {
                Some(parsed) if declares_anything(&parsed) => Ok((parsed, problems)),
                _ => Err(problems),
            };
        }
    };
    if !problems.is_empty() {
        // Repeated keys: what the rest of the checks see is each key's first occurrence.
        let deduplicated = tree.as_ref().and_then(Tree::to_yaml).and_then(|yaml| serde_yaml::from_str(&yaml).ok());
        if let Some(deduplicated) = deduplicated {
            parsed = deduplicated;
        }
    }
    declares_something(file, parsed, problems)
}

/// Whether the file declares the API, a model, an enum or an endpoint.
fn declares_anything(parsed: &SchemaFile) -> bool {
    parsed.api.is_some() || !parsed.models.is_empty() || !parsed.enums.is_empty() || !parsed.endpoints.is_empty()
}

/// `parsed` with the `problems` found so far, or with one more when the file declares nothing.
fn declares_something(
    file: &SourceFile,
    parsed: SchemaFile,
    mut problems: Vec<Diagnostic>,
) -> Result<(SchemaFile, Vec<Diagnostic>), Vec<Diagnostic>> {
    if !declares_anything(&parsed) {
        problems.push(
            Diagnostic::new(&file.name, "", "file declares nothing")
                .at(Some(Location { line: 1, column: 1, start: 0, end: 0 }))
                .with_hint("a schema file holds `endpoints:`, `models:`, `enums:` or `api:`, or should be deleted"),
        );
        return Err(problems);
    }
    Ok((parsed, problems))
}

/// Most problems reported for one file (after the first).
const MAX_PROBLEMS: usize = 100;
/// Bytes re-read in total while looking for further problems in one file (at least twice the
/// file, so every entry is read once).
const MAX_REREAD: usize = 64 << 20;

/// The file read with the parts at `cuts` left out, each recorded in [`SchemaFile::cut`];
/// `None` when it still does not read.
fn without(file: &SourceFile, cuts: &[Vec<Step>]) -> Option<SchemaFile> {
    let mut tree = Tree::build(&file.text)?;
    for cut in cuts {
        tree.remove(cut);
    }
    let mut parsed: SchemaFile = serde_yaml::from_str(&tree.to_yaml()?).ok()?;
    parsed.cut = cuts.iter().map(|cut| dotted(cut)).collect();
    Some(parsed)
}

/// A key path as `lower` spells it: `endpoints.get_thing.request.name`, `enums.Kind.values[2]`.
fn dotted(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) if out.is_empty() => out.push_str(key),
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// The problems after the first. The tree is split into its entries (`endpoints.get_thing`),
/// and each is read on its own: while it does not read, the broken part is cut out and the rest
/// read again. A key found missing from an entry that something was cut from is not reported
/// (it is the unknown key's typo, or what was cut), and that entry is cut in turn. Bounded by
/// the number of problems and the bytes read again. Returns every part cut out, when each
/// entry reads once they are gone (else `None`: the rest of the file cannot be checked).
fn more_problems(file: &SourceFile, tree: Tree, problems: &mut Vec<Diagnostic>) -> Option<Vec<Vec<Step>>> {
    let mut all_cuts = Vec::new();
    let mut complete = true;
    let mut budget = MAX_REREAD.max(2 * file.text.len());
    let mut found = 0;
    for mut piece in tree.split(&["models", "enums", "endpoints"]) {
        let mut cut: Vec<Vec<Step>> = Vec::new();
        let mut first_round = true;
        loop {
            let yaml = piece.to_yaml()?;
            if found >= MAX_PROBLEMS || yaml.len() > budget {
                problems.push(
                    Diagnostic::new(&file.name, "", format!("stopped looking for problems in this file after {found}"))
                        .with_hint("fix these and run again"),
                );
                return None;
            }
            budget -= yaml.len();
            if std::mem::take(&mut first_round) && serde_yaml::from_str::<IgnoredAny>(&yaml).is_err() {
                // Not written back faithfully; nothing it says would be about the file.
                return None;
            }
            let deserializer = serde_yaml::Deserializer::from_str(&yaml);
            let error = match serde_path_to_error::deserialize::<_, SchemaFile>(deserializer) {
                Ok(_) => break,
                Err(error) => error,
            };
            let mut path = Vec::new();
            for segment in error.path().iter() {
                match segment {
                    Segment::Map { key } => path.push(Step::Key(key.clone())),
                    Segment::Seq { index } => path.push(Step::Index(*index)),
                    Segment::Enum { .. } | Segment::Unknown => return None,
                }
            }
            let raw = error.inner().to_string();
            let text = clean_yaml_message(&raw, &error.path().to_string(), position_in_message(&raw));
            let named =
                |prefix: &str| text.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_owned);
            let mut report = true;
            let mut target = path.clone();
            if let Some(key) = named("unknown field `") {
                if path.last() != Some(&Step::Key(key.clone())) {
                    target.push(Step::Key(key));
                }
            } else if named("missing field `").is_some() {
                report = !cut.iter().any(|gone| gone.len() == path.len() + 1 && gone.starts_with(&path));
            }
            // A bad list item: cut the whole list, so later items keep their index.
            while matches!(target.last(), Some(Step::Index(_))) {
                target.pop();
            }
            let location = piece.node(&path).map(|node| locate::span_at(&file.text, node.at.line, node.at.column));
            if report {
                let diagnostic = serde_problem(file, error, location);
                if !problems
                    .iter()
                    .any(|seen| seen.key_path == diagnostic.key_path && seen.message == diagnostic.message)
                {
                    problems.push(diagnostic);
                    found += 1;
                }
            }
            if target.is_empty() || !piece.remove(&target) {
                // This entry still does not read; the other entries are looked at all the same.
                complete = false;
                break;
            }
            cut.push(target);
        }
        all_cuts.extend(cut);
    }
    complete.then_some(all_cuts)
}

/// A serde_yaml error as a diagnostic. Its position is its own (`location` is `None`) when it
/// read the file itself; when it read the tree written back, `location` comes from the tree.
fn serde_problem(
    file: &SourceFile,
    error: serde_path_to_error::Error<serde_yaml::Error>,
    location: Option<Location>,
) -> Diagnostic {
    // serde_path_to_error writes `?` for a place it cannot name (inside a value that does not
    // parse); the path ends at the last place it names.
    let key_path = match error.path().to_string() {
        path if path == "." || path == "?" => String::new(),
        path => path.trim_end_matches(".?").to_owned(),
    };
    let own = location.is_none();
    let inner = error.into_inner();
    let text = inner.to_string();
    // Scanner errors name the offending place in their text, which is more precise than
    // `location()` (the start of the construct being read).
    let (text, at_character) = without_character_position(&text);
    // libyaml counts this index in bytes; the column shown is in characters.
    let at_character = at_character
        .filter(|_| own)
        .map(|index| position_of_offset(&file.text[..crate::diagnostic::char_floor(&file.text, index)]));
    let position =
        position_in_message(&text).or(at_character).or_else(|| inner.location().map(|l| (l.line(), l.column())));
    let message = clean_yaml_message(&text, &key_path, position);
    let location = match location {
        Some(location) => Some(location),
        None if own => position.map(|(line, column)| locate::span_at(&file.text, line, column)),
        None => None,
    };
    explain_yaml_error(Diagnostic::new(&file.name, key_path, message).at(location), &file.text)
}

/// A problem of the file's shape, found while building its tree.
fn shape_problem(file: &str, problem: &Problem) -> Diagnostic {
    const TOP_LEVEL: &str = "a schema file is one mapping of `endpoints:`, `models:`, `enums:`, `api:` and `page:`";
    match problem {
        Problem::SecondDocument(at) => Diagnostic::new(file, "", "file holds more than one YAML document")
            .at(Some(*at))
            .with_hint("a schema file is one document; remove this `---` and merge the parts, or move the rest to a file of its own"),
        Problem::RootNotMapping { at, list } => Diagnostic::new(
            file,
            "",
            if *list { "file holds a list, not a mapping of keys" } else { "file holds a single value, not a mapping of keys" },
        )
        .at(Some(*at))
        .with_hint(TOP_LEVEL),
        Problem::DuplicateKey { path, key, at, first } => Diagnostic::new(
            file,
            path.clone(),
            format!("duplicate key `{key}`; the first is at line {}, column {}", first.line, first.column),
        )
        .at(Some(*at))
        .on_key()
        .also(*first, "first given here")
        .with_hint("a key may appear once in a mapping; remove or rename one of them"),
    }
}

/// YAML reads a key written without `? ` only up to 1024 characters, and what its parsers say
/// about a longer one (a missing `:`, a key read as a value) does not tell. Keys of a file that
/// failed to read are measured here, so a name over the limit gets a message saying so.
fn long_keys(file: &SourceFile) -> Vec<Diagnostic> {
    const LIMIT: usize = 1024;
    let mut found = Vec::new();
    let mut offset = 0;
    for (number, line) in file.text.split('\n').enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        if line.len() <= LIMIT {
            continue;
        }
        // Each `:` that ends a key (followed by a space, a flow bracket or the line's end), and
        // where that key starts: after the indentation, a list dash, `? `, or a flow `{`, `[`, `,`.
        let colons = line
            .match_indices(':')
            .map(|(at, _)| at)
            .filter(|&at| matches!(line[at + 1..].chars().next(), None | Some(' ' | ',' | '}' | ']' | '\r')));
        let mut previous_end = 0;
        for colon in colons {
            let before = &line[previous_end..colon];
            let start = previous_end
                + before.rfind(['{', '[', ',']).map_or_else(
                    || before.len() - before.trim_start_matches([' ', '-', '?']).len(),
                    |at| at + 1 + before[at + 1..].len() - before[at + 1..].trim_start().len(),
                );
            previous_end = colon + 1;
            let key = line[start..colon].trim_end();
            let length = key.chars().count();
            if length <= LIMIT {
                continue;
            }
            let column = line[..start].chars().count() + 1;
            let location =
                Location { line: number + 1, column, start: line_start + start, end: line_start + start + key.len() };
            let shown: String = key.chars().take(20).collect();
            found.push(
                Diagnostic::new(
                    &file.name,
                    "",
                    format!("key `{shown}...` is {length} characters long, over YAML's limit of {LIMIT} for a key"),
                )
                .at(Some(location))
                .with_hint("YAML reads a key this long only after `? ` on a line of its own; shorten the name"),
            );
        }
    }
    found
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
        let comma = locate::KeyIndex::build(text)
            .locate_key(&diagnostic.key_path)
            .and_then(|location| quoting::comma_hint(text, location));
        // A key cut off a value by a comma is no typo of a valid key.
        diagnostic.hint = Some(comma.unwrap_or_else(|| match closest(key, valid.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if valid.is_empty() => "remove it".to_owned(),
            None => {
                format!("valid keys here: {}", valid.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
            }
        }));
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        diagnostic.message = format!("missing required key `{key}`");
        diagnostic.location = None;
        diagnostic.hint = Some(format!("add `{key}:`"));
    } else if message.starts_with("control characters are not allowed") {
        diagnostic.hint = Some(
            "the line is not shown; remove the character, or write it as an escape (`\\u001b`) in a double-quoted string"
                .to_owned(),
        );
    } else if let Some(location) = diagnostic.location {
        let line = text.lines().nth(location.line.saturating_sub(1)).unwrap_or("");
        if line.trim_start_matches(' ').starts_with('\t') {
            diagnostic.message = format!("tab used for indentation ({message})");
            diagnostic.hint = Some("YAML indents with spaces only; replace the tabs with spaces".to_owned());
        } else if !message.starts_with("invalid ") && !message.starts_with("duplicate ") {
            // A syntax error; the line it names, the one before (an unclosed `{` is noticed on
            // the next line), or a line its message names may hold a value that needs quotes.
            let named = message.split(" at line ").skip(1).filter_map(|rest| rest.split(' ').next()?.parse().ok());
            diagnostic.hint = [location.line, location.line.saturating_sub(1)]
                .into_iter()
                .chain(named)
                .filter_map(|number: usize| text.lines().nth(number.checked_sub(1)?))
                .find_map(quoting::quote_hint);
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
        if !prefix.is_empty()
            && let Some(rest) = message.strip_prefix(&format!("{prefix}: "))
        {
            message = rest.to_owned();
            break;
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

/// libyaml names some places by character index (`control characters are not allowed at
/// position 29`): the message without it, and the index.
fn without_character_position(message: &str) -> (String, Option<usize>) {
    if let Some(at) = message.rfind(" at position ") {
        let digits: String = message[at + " at position ".len()..].chars().take_while(char::is_ascii_digit).collect();
        if let Ok(index) = digits.parse() {
            let rest = &message[at + " at position ".len() + digits.len()..];
            return (format!("{}{rest}", &message[..at]), Some(index));
        }
    }
    (message.to_owned(), None)
}

/// 1-based line and column just after `before`.
fn position_of_offset(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    (line, column)
}
