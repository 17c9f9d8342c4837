//! Maps key paths (`endpoints.update_user.request.email.type`) back to where they are in the
//! YAML text. serde_yaml reports positions only for its own errors, so semantic errors found by
//! `lower` are located here, from a second, event-level parse of the file with positions. The
//! walk is iterative, never expands aliases, and stops recording below a fixed depth, so
//! hostile files cost bounded time and memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

/// Deeper than any real schema; below it nothing is recorded, so a 10,000-level file cannot
/// make the index quadratic.
const MAX_DEPTH: usize = 64;

/// A place in a file: 1-based line and column, and the byte range to underline.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// The byte offset where the span starts.
    pub start: usize,
    /// The byte offset just past the span.
    pub end: usize,
}

/// Where each key of a file is, and where its value is.
#[derive(Debug, Default)]
pub struct KeyIndex {
    entries: HashMap<String, Entry>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Location,
    /// Set only for scalar values, which are what an error about a value points at.
    scalar_value: Option<Location>,
}

enum Frame {
    Mapping {
        path: String,
        pending_key: Option<(String, Location)>,
    },
    Sequence {
        path: String,
        next_index: usize,
    },
    /// A container below `MAX_DEPTH` or used as a key: tracked for nesting only.
    Opaque,
}

impl KeyIndex {
    /// Indexes `text`. A file that does not parse yields what was indexed before the error.
    pub fn build(text: &str) -> KeyIndex {
        let lines = LineStarts::new(text);
        let mut index = KeyIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let start = lines.location(span.start.line(), span.start.col(), span.end.line(), span.end.col());
            match event {
                Event::Scalar(value, ..) => {
                    index.value(&mut stack, Some((value.into_owned(), start)));
                }
                Event::Alias(_) => {
                    index.value(&mut stack, None);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = index.value(&mut stack, None);
                    let frame = match (path, matches!(event, Event::MappingStart(..))) {
                        (Some(path), true) => Frame::Mapping { path, pending_key: None },
                        (Some(path), false) => Frame::Sequence { path, next_index: 0 },
                        (None, _) => Frame::Opaque,
                    };
                    stack.push(frame);
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
    }

    /// Handles one value (or key) event; returns the path a container started here gets, if it
    /// is to be tracked.
    fn value(&mut self, stack: &mut [Frame], scalar: Option<(String, Location)>) -> Option<String> {
        let depth = stack.len();
        let Some(frame) = stack.last_mut() else {
            // The document's root.
            return Some(String::new());
        };
        match frame {
            Frame::Mapping { path, pending_key } => match pending_key.take() {
                None => {
                    // A key: only scalar keys can be addressed by a path.
                    if let Some((key, location)) = scalar {
                        *pending_key = Some((key, location));
                    } else {
                        *pending_key = Some((String::new(), Location::default()));
                    }
                    None
                }
                Some((key, key_location)) => {
                    let child = if path.is_empty() { key } else { format!("{path}.{key}") };
                    let scalar_value = scalar.map(|(_, location)| location);
                    // The first occurrence wins: a repeated key is reported where it repeats, by
                    // `load`, and the first is the one the rest of the checks see.
                    self.entries.entry(child.clone()).or_insert(Entry { key: key_location, scalar_value });
                    (depth < MAX_DEPTH).then_some(child)
                }
            },
            Frame::Sequence { path, next_index } => {
                let child = format!("{path}[{next_index}]");
                *next_index += 1;
                if let Some((_, location)) = scalar {
                    self.entries.entry(child.clone()).or_insert(Entry { key: location, scalar_value: Some(location) });
                }
                (depth < MAX_DEPTH).then_some(child)
            }
            Frame::Opaque => None,
        }
    }

    /// The best place for an error at `path`: a scalar value when `path` names one, else its
    /// key; for a path that does not exist (a missing key), the nearest existing parent.
    pub fn locate(&self, path: &str) -> Option<Location> {
        let mut current = path;
        loop {
            if let Some(entry) = self.entries.get(current) {
                return Some(if current == path { entry.scalar_value.unwrap_or(entry.key) } else { entry.key });
            }
            let cut = current.rfind(['.', '['])?;
            current = &current[..cut];
        }
    }

    /// Where the key itself is, for errors about the key (unknown or duplicate keys).
    pub fn locate_key(&self, path: &str) -> Option<Location> {
        self.entries.get(path).map(|entry| entry.key).or_else(|| self.locate(path))
    }
}

/// Where nesting first goes deeper than `limit`, if it does. serde_yaml's parser slows down
/// quadratically with nesting depth, so files are checked with a linear scan first (this one,
/// or `tree::looks_clean`, which also checks this).
pub fn too_deep(text: &str, limit: usize) -> Option<Location> {
    let mut depth = 0usize;
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(pair) => pair,
            // This parser has a nesting limit of its own; anything else is a syntax error
            // that serde_yaml will report in its own words.
            Err(error) if error.to_string().contains("recursion limit") => {
                let marker = error.marker();
                let lines = LineStarts::new(text);
                return Some(lines.location(marker.line(), marker.col(), marker.line(), marker.col() + 1));
            }
            Err(_) => return None,
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > limit {
                    let lines = LineStarts::new(text);
                    return Some(lines.location(span.start.line(), span.start.col(), span.end.line(), span.end.col()));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Turns the parser's (line, char column) positions into byte offsets.
pub(crate) struct LineStarts<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        LineStarts { text, starts }
    }

    fn offset(&self, line: usize, column: usize) -> usize {
        let line_start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len());
        let rest = &self.text[line_start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        line_start + line_text.char_indices().nth(column).map_or(line_text.len(), |(at, _)| at)
    }

    /// The parser gives 1-based lines and 0-based columns in characters.
    pub(crate) fn location(&self, line: usize, column: usize, end_line: usize, end_column: usize) -> Location {
        let start = self.offset(line, column);
        let end = self.offset(end_line, end_column).max(start);
        Location { line, column: column + 1, start, end }
    }
}

/// The byte range of the token at a 1-based line and column, for errors that come with a
/// position but no span (serde_yaml's): up to the next space or the end of the line.
pub fn span_at(text: &str, line: usize, column: usize) -> Location {
    let lines = LineStarts::new(text);
    let start = lines.offset(line, column.saturating_sub(1));
    let rest = &text[start..];
    let length = rest
        .find([' ', '\r', '\n', ',', ']', '}'])
        .unwrap_or(rest.len())
        .max(rest.chars().next().map_or(0, char::len_utf8));
    Location { line, column, start, end: start + length }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "endpoints:\n  update_user:\n    method: PUT\n    request:\n      first-name:\n        type: strng\n    list: [a, b]\n";

    #[test]
    fn scalar_values_are_located_exactly() {
        let index = KeyIndex::build(TEXT);
        let found = index.locate("endpoints.update_user.request.first-name.type").expect("found");
        assert_eq!((found.line, found.column), (6, 15));
        assert_eq!(&TEXT[found.start..found.end], "strng");
        let method = index.locate("endpoints.update_user.method").expect("found");
        assert_eq!(&TEXT[method.start..method.end], "PUT");
    }

    #[test]
    fn containers_point_at_their_key_and_missing_keys_at_their_parent() {
        let index = KeyIndex::build(TEXT);
        let request = index.locate("endpoints.update_user.request.first-name").expect("found");
        assert_eq!((request.line, request.column), (5, 7));
        assert_eq!(&TEXT[request.start..request.end], "first-name");
        let missing = index.locate("endpoints.update_user.response").expect("parent");
        assert_eq!((missing.line, missing.column), (2, 3));
        assert_eq!(index.locate("elsewhere"), None);
        let item = index.locate("endpoints.update_user.list[1]").expect("item");
        assert_eq!(&TEXT[item.start..item.end], "b");
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let deep = "a: ".repeat(0) + &"[".repeat(10_000) + &"]".repeat(10_000);
        let index = KeyIndex::build(&deep);
        assert!(index.entries.len() <= MAX_DEPTH + 1);
    }

    #[test]
    fn token_spans_for_serde_positions() {
        let text = "a:\n  b: nope here\n";
        let span = span_at(text, 2, 6);
        assert_eq!(&text[span.start..span.end], "nope");
    }
}
