//! Writes schema YAML the way the hand-kept files look: two-space indents, plain scalars where
//! YAML reads them back unchanged, double quotes otherwise, prose with line breaks as `|-`
//! blocks kept line for line (never re-wrapped: the breaks reach the generated docs), examples
//! as `|` blocks, and comments above keys. It builds
//! text only; what goes into the tree is decided by `convert`.

/// The column prose is wrapped at, as in the hand-kept schema files.
pub const WIDTH: usize = 100;

/// A value of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A string, written in whichever style keeps it a string.
    Text(String),
    /// A token written as it is (`yes`, `true`, `40`, `PUT`).
    Raw(String),
    /// A block kept line for line (JSON examples).
    Literal(String),
    /// A block sequence of strings.
    List(Vec<String>),
    Map(Vec<Entry>),
}

/// A key, its value and comment lines written above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Node,
    pub comments: Vec<String>,
}

impl Entry {
    pub fn new(key: impl Into<String>, value: Node) -> Entry {
        Entry { key: key.into(), value, comments: Vec::new() }
    }

    pub fn text(key: impl Into<String>, value: impl Into<String>) -> Entry {
        Entry::new(key, Node::Text(value.into()))
    }

    pub fn raw(key: impl Into<String>, value: impl Into<String>) -> Entry {
        Entry::new(key, Node::Raw(value.into()))
    }

    pub fn with_comments(mut self, comments: Vec<String>) -> Entry {
        self.comments = comments;
        self
    }
}

/// The text of a top-level mapping.
pub fn write(entries: &[Entry]) -> String {
    let mut out = String::new();
    write_map(&mut out, entries, 0);
    out
}

fn write_map(out: &mut String, entries: &[Entry], indent: usize) {
    let pad = " ".repeat(indent);
    for entry in entries {
        for comment in &entry.comments {
            for line in wrap(comment, WIDTH.saturating_sub(indent + 2).max(20)) {
                out.push_str(&pad);
                out.push('#');
                if !line.is_empty() {
                    out.push(' ');
                    out.push_str(&line);
                }
                out.push('\n');
            }
        }
        let key = scalar_key(&entry.key);
        match &entry.value {
            Node::Map(children) if children.is_empty() => {
                out.push_str(&format!("{pad}{key}: {{}}\n"));
            }
            Node::Map(children) => {
                out.push_str(&format!("{pad}{key}:\n"));
                write_map(out, children, indent + 2);
            }
            Node::Raw(token) => out.push_str(&format!("{pad}{key}: {token}\n")),
            Node::List(items) if items.is_empty() => out.push_str(&format!("{pad}{key}: []\n")),
            Node::List(items) => {
                out.push_str(&format!("{pad}{key}:\n"));
                for item in items {
                    out.push_str(&format!("{pad}  - {}\n", scalar_key(item)));
                }
            }
            Node::Text(text) => write_text(out, &pad, &key, text),
            Node::Literal(text) => {
                let first_indented = text.lines().next().is_some_and(|line| line.starts_with(' '));
                let indicator = if first_indented { "|2" } else { "|" };
                out.push_str(&format!("{pad}{key}: {indicator}\n"));
                for line in text.trim_end_matches('\n').split('\n') {
                    if line.trim().is_empty() {
                        out.push('\n');
                    } else {
                        out.push_str(&format!("{pad}  {line}\n"));
                    }
                }
            }
        }
    }
}

fn write_text(out: &mut String, pad: &str, key: &str, text: &str) {
    // The value reads back exactly as given (but for trailing line breaks): line breaks decide
    // the generated doc comments, so prose is never re-wrapped here.
    let text = text.trim_end_matches('\n');
    if text.chars().any(|c| c.is_control() && c != '\n') || text.starts_with(' ') || text.contains(" \n") {
        out.push_str(&format!("{pad}{key}: {}\n", double_quoted(text)));
        return;
    }
    if !text.contains('\n') {
        let inline = if plain_safe(text) { text.to_owned() } else { double_quoted(text) };
        out.push_str(&format!("{pad}{key}: {inline}\n"));
        return;
    }
    out.push_str(&format!("{pad}{key}: |-\n"));
    for line in text.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}  {line}\n"));
        }
    }
}

/// Greedy word wrap; a word longer than the width gets its own line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn scalar_key(key: &str) -> String {
    if plain_safe(key) { key.to_owned() } else { double_quoted(key) }
}

/// YAML double quotes accept JSON's escapes.
fn double_quoted(text: &str) -> String {
    super::json::quote(text)
}

/// Whether a one-line string reads back as the same string when written plain.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let reserved = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"];
    !(first.is_whitespace()
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.ends_with([' ', ':'])
        || text.contains(": ")
        || text.contains(" #")
        || text.contains(char::is_control)
        || reserved.contains(&text.to_lowercase().as_str())
        || looks_numeric(text))
}

fn looks_numeric(text: &str) -> bool {
    let body = text.trim_start_matches(['+', '-']);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.chars().all(|c| c.is_ascii_alphanumeric() || "._:+-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_like_the_hand_kept_files() {
        let tree = vec![
            Entry::text("page", "https://apidocs.user.com/users/update-user.html"),
            Entry::new(
                "endpoints",
                Node::Map(vec![Entry::new(
                    "update_user",
                    Node::Map(vec![
                        Entry::text("title", "Update user"),
                        Entry::raw("method", "PUT"),
                        Entry::text(
                            "description",
                            "You can update a specific user. You can also set up any custom attribute of your choice.\nCustom attributes have to be created in the User.com app before sending them within requests.",
                        ),
                        Entry::text("quoted", "Previously: \"client\"."),
                        Entry::text("yes_word", "no"),
                        Entry::new("empty", Node::Map(vec![])),
                        Entry::new(
                            "examples",
                            Node::Map(vec![Entry::new("request", Node::Literal("{\n\"a\": 1\n}".into()))]),
                        )
                        .with_comments(vec!["Repaired by import.".into()]),
                    ]),
                )]),
            ),
        ];
        assert_eq!(
            write(&tree),
            "\
page: https://apidocs.user.com/users/update-user.html
endpoints:
  update_user:
    title: Update user
    method: PUT
    description: |-
      You can update a specific user. You can also set up any custom attribute of your choice.
      Custom attributes have to be created in the User.com app before sending them within requests.
    quoted: \"Previously: \\\"client\\\".\"
    yes_word: \"no\"
    empty: {}
    # Repaired by import.
    examples:
      request: |
        {
        \"a\": 1
        }
"
        );
    }

    #[test]
    fn every_string_reads_back_unchanged() {
        let samples = [
            "plain text.",
            "A user (the maximum number of characters is 40).",
            "'created: true' means",
            "`email` first",
            "- dash",
            "ends with colon:",
            "has # hash",
            "yes",
            "No",
            "40",
            "1.5",
            "2017-06-14",
            "tab\there",
            "line one\nline two\n\nparagraph",
            " leading space",
            "quote \" and backslash \\",
            "unicode é …",
            "a: b",
            "~",
            "@at",
            "key with spaces",
            &"long words ".repeat(30),
        ];
        for sample in samples {
            let text = write(&[Entry::text("k", sample), Entry::text(sample, "v")]);
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&text).unwrap_or_else(|error| panic!("{sample:?}: {error}\n{text}"));
            let expected = if sample.contains('\n') || sample.len() > 80 {
                // Wrapping and `|-` keep the words; line breaks inside paragraphs may move.
                sample.trim_end().to_owned()
            } else {
                sample.to_owned()
            };
            if sample.len() > 80 {
                assert_eq!(
                    back["k"].split_whitespace().collect::<Vec<_>>(),
                    expected.split_whitespace().collect::<Vec<_>>()
                );
            } else {
                assert_eq!(back["k"], expected, "{text}");
            }
            assert_eq!(back[sample], "v", "{text}");
        }
    }

    #[test]
    fn literal_blocks_keep_indented_first_lines() {
        let text = write(&[Entry::new("request", Node::Literal("  {\"a\": 1}\n    x".into()))]);
        assert_eq!(text, "request: |2\n    {\"a\": 1}\n      x\n");
        let back: std::collections::BTreeMap<String, String> = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back["request"], "  {\"a\": 1}\n    x\n");
    }
}
