//! A schema file as a tree of YAML nodes with their places, built from saphyr's events. Building
//! it finds what serde_yaml reports badly or not at all: a second document, a top level that is
//! not a mapping, and duplicate keys (at the repeated key, naming the first). The tree can cut
//! out a broken entry and write itself back as YAML, so that serde_yaml reads what remains
//! exactly as it would have read it in the file and reports the next problem: this is how `load`
//! reports every problem of a file in one run. Aliases are written back as aliases, never
//! expanded, so a hostile file stays as small as it was.
//!
//! Most files have no problem, and building their tree would be wasted: [`looks_clean`] is the
//! cheap pass every file gets first (one walk over the events, keeping only the keys of the
//! mappings still open), and the tree is built only for a file it has doubts about.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::locate::{LineStarts, Location};

/// One YAML node and where it starts in the file.
#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    pub at: Location,
    /// saphyr's anchor id; 0 when the node has no anchor.
    anchor: usize,
}

#[derive(Debug)]
pub enum Kind {
    Scalar {
        text: String,
        plain: bool,
    },
    Alias(usize),
    Sequence(Vec<Node>),
    /// Entries in file order, each key kept once (the first occurrence).
    Mapping(Vec<(Node, Node)>),
}

/// What building the tree found wrong with the file's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A `---` (or text after `...`) starts a second document here.
    SecondDocument(Location),
    /// The top level is a list or a single value, not a mapping.
    RootNotMapping { at: Location, list: bool },
    /// `key` appears again in the same mapping; `first` is where it was first given.
    DuplicateKey { path: String, key: String, at: Location, first: Location },
}

/// A whole file: its top-level node (none for a file of comments) and its shape problems.
#[derive(Debug)]
pub struct Tree {
    pub root: Option<Node>,
    pub problems: Vec<Problem>,
    /// Tags are not written back, so a tree holding one cannot be re-read the way the file is.
    writable: bool,
    /// An alias may point into another entry, so a tree holding one is not split.
    aliased: bool,
}

/// A step of a key path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

enum Open {
    Sequence {
        node: Node,
        items: Vec<Node>,
        path: String,
    },
    Mapping {
        node: Node,
        entries: Vec<(Node, Node)>,
        path: String,
        /// The key read last, waiting for its value; `true` when it repeats an earlier key.
        key: Option<(Node, bool)>,
        seen: HashMap<String, Location>,
    },
}

impl Tree {
    /// Builds the tree of `text`; `None` when the text is not YAML (serde_yaml then says why).
    pub fn build(text: &str) -> Option<Tree> {
        let lines = LineStarts::new(text);
        let mut tree = Tree { root: None, problems: Vec::new(), writable: true, aliased: false };
        let mut stack: Vec<Open> = Vec::new();
        let mut documents = 0;
        for item in Parser::new_from_str(text) {
            let (event, span) = item.ok()?;
            let at = lines.location(span.start.line(), span.start.col(), span.end.line(), span.end.col());
            let done = match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        tree.problems.push(Problem::SecondDocument(at));
                        return Some(tree);
                    }
                    continue;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    tree.writable &= tag.is_none();
                    let plain = matches!(style, ScalarStyle::Plain);
                    Node { kind: Kind::Scalar { text: text.into_owned(), plain }, at, anchor }
                }
                Event::Alias(id) => {
                    tree.aliased = true;
                    Node { kind: Kind::Alias(id), at, anchor: 0 }
                }
                Event::SequenceStart(anchor, tag) => {
                    tree.writable &= tag.is_none();
                    let path = child_path(&stack);
                    let node = Node { kind: Kind::Sequence(Vec::new()), at, anchor };
                    stack.push(Open::Sequence { node, items: Vec::new(), path });
                    continue;
                }
                Event::MappingStart(anchor, tag) => {
                    tree.writable &= tag.is_none();
                    let path = child_path(&stack);
                    let node = Node { kind: Kind::Mapping(Vec::new()), at, anchor };
                    stack.push(Open::Mapping { node, entries: Vec::new(), path, key: None, seen: HashMap::new() });
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                    Some(Open::Sequence { mut node, items, .. }) => {
                        node.kind = Kind::Sequence(items);
                        node
                    }
                    Some(Open::Mapping { mut node, entries, .. }) => {
                        node.kind = Kind::Mapping(entries);
                        node
                    }
                    None => return None,
                },
                _ => continue,
            };
            tree.attach(&mut stack, done);
        }
        if let Some(root) = &tree.root {
            match &root.kind {
                Kind::Mapping(_) => {}
                // An empty document (only `---` or comments) declares nothing; `load` says so.
                Kind::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null") => tree.root = None,
                Kind::Sequence(_) => tree.problems.push(Problem::RootNotMapping { at: root.at, list: true }),
                _ => tree.problems.push(Problem::RootNotMapping { at: root.at, list: false }),
            }
        }
        Some(tree)
    }

    fn attach(&mut self, stack: &mut [Open], done: Node) {
        match stack.last_mut() {
            None => self.root = Some(done),
            Some(Open::Sequence { items, .. }) => items.push(done),
            Some(Open::Mapping { entries, path, key, seen, .. }) => match key.take() {
                Some((key, repeated)) => {
                    if !repeated {
                        entries.push((key, done));
                    }
                }
                None => {
                    let mut repeated = false;
                    if let Kind::Scalar { text, .. } = &done.kind {
                        if let Some(first) = seen.get(text) {
                            repeated = true;
                            self.problems.push(Problem::DuplicateKey {
                                path: join(path, text),
                                key: text.clone(),
                                at: done.at,
                                first: *first,
                            });
                        } else {
                            seen.insert(text.clone(), done.at);
                        }
                    }
                    *key = Some((done, repeated));
                }
            },
        }
    }

    /// The tree as one tree per top-level entry, and per entry of the `sections` among them
    /// (`endpoints.get_thing`), each keeping its full key path, so that a problem in one is
    /// looked for by re-reading that entry only. A tree with an alias stays whole.
    pub fn split(self, sections: &[&str]) -> Vec<Tree> {
        let Tree { root, problems: _, writable, aliased } = self;
        let piece = |root: Node| Tree { root: Some(root), problems: Vec::new(), writable, aliased };
        let Some(root) = root else { return Vec::new() };
        if aliased {
            return vec![piece(root)];
        }
        let Kind::Mapping(entries) = root.kind else { return vec![piece(root)] };
        let wrap =
            |key: Node, value: Node, at: Location| Node { kind: Kind::Mapping(vec![(key, value)]), at, anchor: 0 };
        let mut pieces = Vec::new();
        for (key, value) in entries {
            let section = matches!(&key.kind, Kind::Scalar { text, .. } if sections.contains(&text.as_str()));
            match value.kind {
                Kind::Mapping(inner) if section && value.anchor == 0 && !inner.is_empty() => {
                    for (inner_key, inner_value) in inner {
                        let section_key = Node { kind: clone_scalar(&key.kind), at: key.at, anchor: 0 };
                        let entry = wrap(inner_key, inner_value, value.at);
                        pieces.push(piece(wrap(section_key, entry, root.at)));
                    }
                }
                kind => pieces.push(piece(wrap(key, Node { kind, ..value }, root.at))),
            }
        }
        pieces
    }

    /// The node at `path`, if the path leads to one without passing through an alias.
    pub fn node(&self, path: &[Step]) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for step in path {
            node = match (&node.kind, step) {
                (Kind::Mapping(entries), Step::Key(wanted)) => &entries.iter().find(|(key, _)| is_key(key, wanted))?.1,
                (Kind::Sequence(items), Step::Index(index)) => items.get(*index)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Cuts the node at `path` out of its mapping or list; `false` when there is none.
    pub fn remove(&mut self, path: &[Step]) -> bool {
        let Some((last, parent)) = path.split_last() else { return false };
        let mut node = match self.root.as_mut() {
            Some(root) => root,
            None => return false,
        };
        for step in parent {
            let next = match (&mut node.kind, step) {
                (Kind::Mapping(entries), Step::Key(wanted)) => {
                    entries.iter_mut().find(|(key, _)| is_key(key, wanted)).map(|(_, value)| value)
                }
                (Kind::Sequence(items), Step::Index(index)) => items.get_mut(*index),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => return false,
            }
        }
        match (&mut node.kind, last) {
            (Kind::Mapping(entries), Step::Key(wanted)) => {
                match entries.iter().position(|(key, _)| is_key(key, wanted)) {
                    Some(position) => {
                        entries.remove(position);
                        true
                    }
                    None => false,
                }
            }
            (Kind::Sequence(items), Step::Index(index)) if *index < items.len() => {
                items.remove(*index);
                true
            }
            _ => false,
        }
    }

    /// The tree as YAML that serde_yaml reads as it reads the file (duplicate keys and cut
    /// entries left out); `None` when that cannot be promised (a tag) or there is nothing.
    pub fn to_yaml(&self) -> Option<String> {
        if !self.writable {
            return None;
        }
        let mut out = String::from("---");
        write_node(self.root.as_ref()?, 0, &mut out);
        Some(out)
    }
}

/// Whether `text` is certainly free of every problem [`Tree::build`] finds, and nests no deeper
/// than `max_nesting` (what `locate::too_deep` checks): one YAML document whose top
/// level is a mapping, with no key repeated in any mapping. It answers `false` whenever in doubt
/// (a syntax error, a top level that is not a mapping), so `true` means the tree would hold no
/// problem and need not be built; `false` means building it to find out.
pub fn looks_clean(text: &str, max_nesting: usize) -> bool {
    /// Mappings with more keys than this look keys up in a set instead of the list.
    const LISTED: usize = 16;
    enum Frame<'a> {
        Sequence,
        Mapping { keys: Vec<Cow<'a, str>>, set: HashSet<Cow<'a, str>>, value_next: bool },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0;
    let mut root_seen = false;
    for item in Parser::new_from_str(text) {
        let Ok((event, _)) = item else { return false };
        let (key, opens) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return false;
                }
                continue;
            }
            Event::Scalar(text, ..) => (Some(text), None),
            Event::Alias(_) => (None, None),
            Event::SequenceStart(..) => (None, Some(Frame::Sequence)),
            Event::MappingStart(..) => {
                (None, Some(Frame::Mapping { keys: Vec::new(), set: HashSet::new(), value_next: false }))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                continue;
            }
            _ => continue,
        };
        // A node starts: in a mapping, nodes alternate between key and value.
        match stack.last_mut() {
            None => {
                if root_seen || !matches!(opens, Some(Frame::Mapping { .. })) {
                    return false;
                }
                root_seen = true;
            }
            Some(Frame::Sequence) => {}
            Some(Frame::Mapping { keys, set, value_next }) => {
                if !std::mem::replace(value_next, !*value_next)
                    && let Some(key) = key
                {
                    if keys.len() < LISTED {
                        if keys.contains(&key) {
                            return false;
                        }
                        keys.push(key);
                    } else {
                        if set.is_empty() {
                            set.extend(keys.iter().cloned());
                        }
                        if !set.insert(key) {
                            return false;
                        }
                    }
                }
            }
        }
        if let Some(frame) = opens {
            if stack.len() >= max_nesting {
                return false;
            }
            stack.push(frame);
        }
    }
    root_seen
}

fn clone_scalar(kind: &Kind) -> Kind {
    match kind {
        Kind::Scalar { text, plain } => Kind::Scalar { text: text.clone(), plain: *plain },
        _ => Kind::Scalar { text: String::new(), plain: true },
    }
}

fn is_key(key: &Node, wanted: &str) -> bool {
    matches!(&key.kind, Kind::Scalar { text, .. } if text == wanted)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// The key path of a container that starts now, for the messages about keys inside it.
fn child_path(stack: &[Open]) -> String {
    match stack.last() {
        None => String::new(),
        Some(Open::Sequence { items, path, .. }) => format!("{path}[{}]", items.len()),
        Some(Open::Mapping { path, key: Some((key, _)), .. }) => match &key.kind {
            Kind::Scalar { text, .. } => join(path, text),
            _ => join(path, "?"),
        },
        Some(Open::Mapping { path, .. }) => join(path, "?"),
    }
}

/// Writes `node` after an indicator (`---`, `?`, `:` or `-`), in block style with every key
/// explicit (`? key`), so no key is subject to YAML's 1024-character limit on implicit keys.
fn write_node(node: &Node, indent: usize, out: &mut String) {
    if node.anchor != 0 {
        out.push_str(&format!(" &a{}", node.anchor));
    }
    match &node.kind {
        Kind::Scalar { text, plain: true } => {
            out.push(' ');
            out.push_str(text);
            out.push('\n');
        }
        Kind::Scalar { text, plain: false } => {
            out.push(' ');
            write_quoted(text, out);
            out.push('\n');
        }
        Kind::Alias(id) => out.push_str(&format!(" *a{id}\n")),
        Kind::Sequence(items) if items.is_empty() => out.push_str(" []\n"),
        Kind::Mapping(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Kind::Sequence(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                write_node(item, indent + 2, out);
            }
        }
        Kind::Mapping(entries) => {
            out.push('\n');
            for (key, value) in entries {
                out.push_str(&" ".repeat(indent));
                out.push('?');
                write_node(key, indent + 2, out);
                out.push_str(&" ".repeat(indent));
                out.push(':');
                write_node(value, indent + 2, out);
            }
        }
    }
}

/// A double-quoted YAML scalar holding exactly `text`.
fn write_quoted(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reread(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(&Tree::build(text).expect("yaml").to_yaml().expect("writable")).expect("valid yaml")
    }

    #[test]
    fn writing_back_keeps_every_value() {
        let text = "a: &x {b: [1, '2', \"t\\u202e\\r\\n\", yes, ~, 1.5, 0x1F]}\nc: *x\n\"d e\": |\n  block\n  text\ne:\nf: []\n";
        assert_eq!(reread(text), serde_yaml::from_str::<serde_yaml::Value>(text).expect("valid"));
    }

    #[test]
    fn duplicates_are_found_at_the_repeat_and_dropped() {
        let tree = Tree::build("a:\n  b: 1\n  c: 2\n  b: 3\n").expect("yaml");
        let [Problem::DuplicateKey { path, key, at, first }] = tree.problems.as_slice() else { panic!("{tree:?}") };
        assert_eq!((path.as_str(), key.as_str(), at.line, first.line), ("a.b", "b", 4, 2));
        assert_eq!(
            reread("a:\n  b: 1\n  c: 2\n  b: 3\n"),
            serde_yaml::from_str::<serde_yaml::Value>("a: {b: 1, c: 2}").expect("valid")
        );
    }

    #[test]
    fn shapes_are_found() {
        let second = Tree::build("a: 1\n---\nb: 2\n").expect("yaml");
        assert!(matches!(second.problems.as_slice(), [Problem::SecondDocument(at)] if at.line == 2));
        let list = Tree::build("# x\n- a\n").expect("yaml");
        assert!(matches!(list.problems.as_slice(), [Problem::RootNotMapping { list: true, at }] if at.line == 2));
        assert!(Tree::build("# only\n").expect("yaml").root.is_none());
        assert!(Tree::build("a: [").is_none());
    }

    #[test]
    fn clean_files_are_told_from_files_with_a_problem() {
        assert!(looks_clean("a:\n  b: 1\n  c: [1, {b: 2, c: 3}]\n  d: {? [x]: 1, b: 2}\n", 64));
        let many: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        assert!(looks_clean(&many, 64));
        for doubtful in [
            "a:\n  b: 1\n  c: 2\n  b: 3\n",
            &format!("{many}k7: again\n"),
            "a: {b: 1, 'b': 2}\n",
            "a: 1\n---\nb: 2\n",
            "- a\n",
            "just text\n",
            "# only a comment\n",
            "a: [",
            "a: [[[1]]]\n",
        ] {
            assert!(!looks_clean(doubtful, 3), "{doubtful:?}");
        }
        assert!(looks_clean("a: [[1]]\n", 3));
    }

    #[test]
    fn entries_are_cut_out() {
        let mut tree = Tree::build("a:\n  b: [1, 2]\n  c: 3\n").expect("yaml");
        assert!(tree.node(&[Step::Key("a".into()), Step::Key("b".into()), Step::Index(1)]).is_some());
        assert!(tree.remove(&[Step::Key("a".into()), Step::Key("b".into())]));
        assert!(!tree.remove(&[Step::Key("a".into()), Step::Key("b".into())]));
        assert_eq!(
            tree.to_yaml().map(|y| serde_yaml::from_str::<serde_yaml::Value>(&y).ok()),
            Some(serde_yaml::from_str("a: {c: 3}").ok())
        );
    }
}
