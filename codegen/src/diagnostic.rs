//! Schema errors: where (file, line:column, key path), what, and a hint, rendered like rustc
//! with the offending line and a caret (codespan-reporting). An accumulator collects them so one
//! run reports every problem; nothing here decides what is an error.

use std::fmt;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};

use crate::locate::{self, KeyIndex, Location};
use crate::source::SourceFile;

/// One problem in the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the caller named it, for example `schema/users/update_user.yaml`.
    pub file: String,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// Dotted key path inside the file, for example `endpoints.update_user.request.email.type`.
    pub key_path: String,
    /// Lowercase, offending key in backticks, no trailing period.
    pub message: String,
    /// What to do about it, when there is a likely fix.
    pub hint: Option<String>,
    /// The error is about a key itself (unknown, duplicate), not its value.
    pub about_key: bool,
    /// A 1-based line and column inside the value at `key_path` (a block of example JSON).
    pub inner: Option<(usize, usize)>,
    /// A second place in the same file that explains the first (where a repeated key was first
    /// given), with its label.
    pub also: Option<(Location, String)>,
}

impl Diagnostic {
    /// A problem in `file` at the dotted `key_path` (empty for the file as a whole), located later.
    pub fn new(file: &str, key_path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            location: None,
            key_path: key_path.into(),
            message: message.into(),
            hint: None,
            about_key: false,
            inner: None,
            also: None,
        }
    }

    /// Marks a second place in the file, shown with `label` next to the first.
    pub fn also(mut self, location: Location, label: impl Into<String>) -> Self {
        self.also = Some((location, label.into()));
        self
    }

    /// Adds what to do about the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets where in the file the problem is.
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// Marks the error as being about the key at `key_path`, so the caret points at the key.
    pub fn on_key(mut self) -> Self {
        self.about_key = true;
        self
    }

    /// Points at a line and column inside a multi-line value, such as a JSON example.
    pub fn inside(mut self, position: Option<(usize, usize)>) -> Self {
        self.inner = position;
        self
    }

    /// `file:line:column`, or just the file when the position is unknown.
    pub fn place(&self) -> String {
        match self.location {
            Some(location) => format!("{}:{}:{}", inert(&self.file), location.line, location.column),
            None => inert(&self.file).into_owned(),
        }
    }
}

/// One line per problem, for logs and for callers without the sources.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), inert(&self.message))?;
        if !self.key_path.is_empty() {
            write!(f, " (at `{}`)", inert(&self.key_path))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "; help: {}", inert(hint))?;
        }
        Ok(())
    }
}

/// The candidate nearest to a misspelt word, if it is near enough to be a likely typo: the
/// did-you-mean of every hint.
pub(crate) fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .map(|candidate| (strsim::damerau_levenshtein(&lower, &candidate.to_lowercase()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min()
        .map(|(_, candidate)| candidate)
}

/// Source lines longer than this are not printed (a hostile one-line file would flood the
/// terminal); the message gives the position instead.
const MAX_SNIPPET: usize = 240;

fn line_at(text: &str, offset: usize) -> &str {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |at| at + 1);
    text[start..].split('\n').next().unwrap_or("")
}

/// Whether the source line at `offset` can be shown as it is: not too long, and free of
/// characters a terminal would act on or that would make it read differently (a tab is shown
/// as spaces; a CR before the line break is part of the break).
fn showable(text: &str, offset: usize) -> bool {
    let line = line_at(text, offset);
    let line = line.strip_suffix('\r').unwrap_or(line);
    // Counted in characters: a line of em dashes or accented words is no longer than it looks.
    line.chars().count() <= MAX_SNIPPET && !line.chars().any(|c| c != '\t' && needs_escape(c))
}

// The escaping of quoted text, shared with the runtime's messages.
pub(crate) use apigen_rules::{inert, needs_escape};

/// The part of `location` on its first line: long spans are underlined there only, as rustc does.
/// Both ends are moved onto character boundaries, since the excerpt cannot be cut inside a
/// multi-byte character (an em dash, `é`, an emoji).
fn first_line(text: &str, location: Location) -> std::ops::Range<usize> {
    let start = char_floor(text, location.start);
    let line_end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    start..char_ceil(text, location.end.min(line_end)).max(start)
}

/// `offset`, or the start of the character it falls inside.
pub(crate) fn char_floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `offset`, or the end of the character it falls inside.
fn char_ceil(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// Every problem found in one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// `Err` with every collected problem, or `Ok(value)` when there are none.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    /// Fills in locations from the sources (by key path) and sorts by file and position, so
    /// reports are stable and read top to bottom.
    pub fn locate(&mut self, sources: &[SourceFile]) {
        let mut indexes: Vec<(&str, KeyIndex)> = Vec::new();
        for diagnostic in &mut self.0 {
            if diagnostic.location.is_some() {
                continue;
            }
            let Some(source) = sources.iter().find(|source| source.name == diagnostic.file) else { continue };
            let position = match indexes.iter().position(|(name, _)| *name == source.name) {
                Some(position) => position,
                None => {
                    indexes.push((&source.name, KeyIndex::build(&source.text)));
                    indexes.len() - 1
                }
            };
            let index = &indexes[position].1;
            let found = if diagnostic.about_key {
                index.locate_key(&diagnostic.key_path)
            } else {
                index.locate(&diagnostic.key_path)
            };
            if let Some(found) = found {
                diagnostic.location = Some(match diagnostic.inner {
                    // A block scalar's lines share the indentation of its first line.
                    Some((line, column)) => {
                        locate::span_at(&source.text, found.line + line - 1, found.column + column - 1)
                    }
                    None => found,
                });
            }
        }
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (d.file.clone(), d.location.map(|l| (l.line, l.column)), d.key_path.clone(), d.message.clone())
            };
            key(a).cmp(&key(b))
        });
        self.0.dedup();
    }

    /// The rustc-style report: each problem with its source line and a caret, then a count.
    pub fn render(&self, sources: &[SourceFile], color: bool) -> String {
        let mut files = SimpleFiles::new();
        let ids: Vec<(&str, usize)> = sources
            .iter()
            .map(|source| (source.name.as_str(), files.add(inert(&source.name).into_owned(), source.text.clone())))
            .collect();
        let config = Config { chars: Chars::ascii(), ..Config::default() };
        let mut out = String::new();
        let mut colored = Vec::new();
        for diagnostic in &self.0 {
            let mut notes = Vec::new();
            let mut report = Report::error().with_message(inert(&diagnostic.message));
            let file_id = ids.iter().find(|(name, _)| *name == diagnostic.file).map(|(_, id)| *id);
            let source = sources.iter().find(|source| source.name == diagnostic.file);
            match (file_id, diagnostic.location, source) {
                (Some(id), Some(location), Some(source)) if showable(&source.text, location.start) => {
                    let mut labels = vec![Label::primary(id, first_line(&source.text, location))];
                    if let Some((also, label)) = &diagnostic.also {
                        if showable(&source.text, also.start) {
                            labels
                                .push(Label::secondary(id, first_line(&source.text, *also)).with_message(inert(label)));
                        } else {
                            notes.push(format!("{label} at {}:{}", also.line, also.column));
                        }
                    }
                    report = report.with_labels(labels);
                }
                _ => notes.push(format!("in {}", diagnostic.place())),
            }
            if !diagnostic.key_path.is_empty() {
                notes.push(format!("at `{}`", inert(&diagnostic.key_path)));
            }
            if let Some(hint) = &diagnostic.hint {
                notes.push(format!("help: {}", inert(hint)));
            }
            report = report.with_notes(notes);
            if color {
                let mut buffer = termcolor::Buffer::ansi();
                if term::emit_to_write_style(&mut buffer, &config, &files, &report).is_ok() {
                    colored.extend_from_slice(buffer.as_slice());
                }
            } else if term::emit_to_string(&mut out, &config, &files, &report).is_err() {
                out.push_str(&format!("{diagnostic}\n"));
            }
        }
        if color {
            out = String::from_utf8_lossy(&colored).into_owned();
        }
        let count = self.0.len();
        out.push_str(&format!("{count} error{} in the schema\n", if count == 1 { "" } else { "s" }));
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Schema problems together with the sources they point into, ready to print.
#[derive(Debug, Clone)]
pub struct SchemaError {
    /// Every problem, located and sorted.
    pub diagnostics: Diagnostics,
    /// The files they point into, for the report's source lines.
    pub sources: Vec<SourceFile>,
}

impl SchemaError {
    /// The report, with ANSI colours when `color` is set (use it only on a terminal).
    pub fn render(&self, color: bool) -> String {
        self.diagnostics.render(&self.sources, color)
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for SchemaError {}

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
    fn control_and_invisible_characters_are_escaped_once() {
        let text = "a\rb\nc\td\u{1b}[31m\u{202e}e\u{2028}\\n";
        let escaped = inert(text);
        assert_eq!(escaped, "a\\rb\\nc\\td\\u{1b}[31m\\u{202e}e\\u{2028}\\n");
        assert_eq!(inert(&escaped), escaped);
        assert!(matches!(inert("plain `text`"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn messages_never_carry_raw_control_characters() {
        let source =
            SourceFile { name: "schema/a\rb.yaml".into(), relative: "a.yaml".into(), text: "x: \"\u{202e}\"\n".into() };
        let diagnostic = Diagnostic::new(&source.name, "x\n", "bad `\u{202e}`")
            .with_hint("\u{1b}[2J")
            .at(Some(Location { line: 1, column: 4, start: 3, end: 8 }));
        let all = Diagnostics(vec![diagnostic.clone()]);
        for shown in [all.render(std::slice::from_ref(&source), false), diagnostic.to_string()] {
            assert!(!shown.chars().any(|c| c != '\n' && needs_escape(c)), "{shown:?}");
            assert!(shown.contains("bad `\\u{202e}`"), "{shown}");
        }
    }
}
