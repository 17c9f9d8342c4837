//! The import graph of every library crate of the workspace runs one way: no module reaches,
//! through `crate::`, `super::`, `self::` or a child's name, a module that reaches it back.
//!
//! Nodes are modules (a file, or an inline `mod name { .. }`); a path names the deepest module
//! it passes through. Every reference counts, in `use` lines and in code, re-exports included,
//! so a parent that calls into its child and a child that uses its parent's items are a circle.
//! Test modules (`#[cfg(test)] mod tests`) are left out: they look at their parent by design and
//! nothing uses them. A failure names each circle, module by module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates whose modules are checked, by folder.
const CRATES: &[&str] = &["codegen", "runtime", "importer", "macros", "xtask"];

/// Circles tolerated for now, by crate and modules: none are left (the runtime's were undone by
/// splitting `transport` and moving the async flavor out of `call`). A row here lets a circle
/// among its modules pass; a new module in one, or a new circle, fails.
const KNOWN: &[(&str, &[&str])] = &[];

#[test]
fn no_crate_has_an_import_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut report = String::new();
    for krate in CRATES {
        let graph = crate_graph(&root.join(krate).join("src"));
        if *krate == "codegen" {
            // The stages live under `__stages` (a `#[path]` module); a graph that lost them
            // would pass for the wrong reason.
            let stage = |name: &str| vec!["__stages".to_owned(), name.to_owned()];
            assert!(graph.get(&stage("lower")).is_some_and(|targets| targets.contains(&stage("ir"))), "{graph:?}");
        }
        for (members, circle) in circles(&graph) {
            let known = KNOWN.iter().any(|(name, modules)| {
                name == krate && members.iter().all(|member| modules.contains(&member.as_str()))
            });
            if known {
                continue;
            }
            report.push_str(&format!(
                "{krate}: {} reach each other; for one, {}\n",
                members.join(", "),
                circle.join(" -> ")
            ));
        }
    }
    assert!(report.is_empty(), "import circles:\n{report}");
}

#[test]
fn circles_are_found_and_named() {
    let mut krate = Crate::default();
    krate.add(&[], "mod a;\nmod b;\npub use a::c::Z;");
    krate.add(&["a".to_owned()], "use crate::b::X;\nfn f() { c::g(); }\nmod tests { use super::*; }");
    krate.add(&["b".to_owned()], "pub use super::a::c::{self as cc, Y};\nfn f() -> crate::Z { todo!() }");
    krate.add(&["a".to_owned(), "c".to_owned()], "fn g() { super::super::a::h() }");
    let graph = krate.graph();
    // `crate::Z` is `a::c`'s: the root only re-exports it.
    assert!(!graph[&vec!["b".to_owned()]].contains(&Vec::new()), "{graph:?}");
    let strings = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect::<Vec<_>>();
    let members = strings(&["crate::a", "crate::a::c", "crate::b"]);
    assert_eq!(circles(&graph), vec![(members, strings(&["crate::a", "crate::a::c", "crate::a"]))]);
    let mut quiet = Crate::default();
    quiet.add(&[], "mod a;\nmod b;");
    quiet.add(
        &["a".to_owned()],
        "fn f() { let s = \"crate::b::X\"; let r = r#\"super::b\"#; /* crate::b */ } // super::b",
    );
    let quiet = quiet.graph();
    assert!(!quiet.contains_key(&vec!["a".to_owned()]), "{quiet:?}");
}

/// Module path to the module paths it names.
type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

/// The modules of one crate with their tokens, and the names each brings in with `use`.
#[derive(Default)]
struct Crate {
    modules: BTreeSet<Vec<String>>,
    /// Each module's own tokens (inline modules apart).
    tokens: Vec<(Vec<String>, Vec<Token>)>,
    /// Per module, each name a `use` brings into scope, with its path as written there.
    imports: BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>>,
}

impl Crate {
    /// Adds the file of `module`, with the inline modules it holds.
    fn add(&mut self, module: &[String], text: &str) {
        walk(module, &tokens(text), &mut |current, tokens| {
            self.modules.insert(current.to_vec());
            self.tokens.push((current.to_vec(), tokens.to_vec()));
        });
    }

    /// The module graph: each reference resolved to the module that defines what it names.
    fn graph(mut self) -> Graph {
        for (module, tokens) in &self.tokens {
            let mut i = 0;
            while let Some(at) = tokens[i..].iter().position(|t| *t == Token::Ident("use".into())) {
                let start = i + at + 1;
                let end =
                    tokens[start..].iter().position(|t| *t == Token::Punct(';')).map_or(tokens.len(), |e| start + e);
                let mut used = Vec::new();
                use_tree(&tokens[start..end], &[], &mut used);
                let names = self.imports.entry(module.clone()).or_default();
                names.extend(used.into_iter().filter(|(_, name)| name != "*").map(|(path, name)| (name, path)));
                i = end;
            }
        }
        let mut graph = Graph::default();
        for (module, tokens) in &self.tokens {
            for path in paths(tokens) {
                if let Some(target) = self.resolve(module, &path, 0)
                    && target != *module
                {
                    graph.entry(module.clone()).or_default().insert(target);
                }
            }
        }
        self.tokens.clear();
        graph
    }

    /// The deepest module that `path`, written in `current`, passes through; an item that a
    /// module only re-imports (`pub use error::Error` at the root) counts as its defining
    /// module's.
    fn resolve(&self, current: &[String], path: &[String], depth: usize) -> Option<Vec<String>> {
        let mut segments = path.iter().peekable();
        let mut at: Vec<String> = match segments.peek().map(|s| s.as_str()) {
            Some("crate") => {
                segments.next();
                Vec::new()
            }
            Some("self") => {
                segments.next();
                current.to_vec()
            }
            Some("super") => {
                let mut at = current.to_vec();
                while segments.peek().is_some_and(|s| *s == "super") {
                    segments.next();
                    at.pop()?;
                }
                at
            }
            Some(first) => {
                let mut child = current.to_vec();
                child.push(first.to_owned());
                if !self.modules.contains(&child) {
                    return None;
                }
                segments.next();
                child
            }
            None => return None,
        };
        while let Some(segment) = segments.next() {
            let mut deeper = at.clone();
            deeper.push(segment.clone());
            if self.modules.contains(&deeper) {
                at = deeper;
                continue;
            }
            let imported = self.imports.get(&at).and_then(|names| names.get(segment));
            if let Some(imported) = imported
                && depth < 8
            {
                let mut further = imported.clone();
                further.extend(segments.cloned());
                // `None`: a re-exported outside crate (`pub use serde_json;`).
                return self.resolve(&at, &further, depth + 1);
            }
            break;
        }
        Some(at)
    }
}

/// The module graph of the crate whose sources are in `src`.
fn crate_graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    collect_files(src, &mut files);
    let mut krate = Crate::default();
    let renamed = path_attributes(src);
    for file in &files {
        let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
        let mut module: Vec<String> =
            relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib" | "main")) {
            module.pop();
        }
        if let Some((folder, name)) = renamed.iter().find(|(folder, _)| module.first() == Some(folder)) {
            debug_assert!(!folder.is_empty());
            module[0] = name.clone();
        }
        krate.add(&module, &std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}")));
    }
    krate.graph()
}

/// The crate root's `#[path = "folder/mod.rs"] mod name;` declarations, as (folder, name): the
/// files below that folder are modules of `name`.
fn path_attributes(src: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for root in ["lib.rs", "main.rs"] {
        let Ok(text) = std::fs::read_to_string(src.join(root)) else { continue };
        let mut rest = text.as_str();
        while let Some(at) = rest.find("#[path = \"") {
            rest = &rest[at + "#[path = \"".len()..];
            let Some(end) = rest.find('"') else { break };
            let target = &rest[..end];
            let declaration = rest[end..].split(';').next().unwrap_or_default();
            let name = declaration.rsplit(char::is_whitespace).next().unwrap_or_default();
            if let Some(folder) = target.strip_suffix("/mod.rs") {
                out.push((folder.to_owned(), name.to_owned()));
            }
        }
    }
    out
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
        .map(|entry| entry.expect("a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // `src/bin/` holds crates of their own.
            if path.file_name().is_some_and(|name| name != "bin") {
                collect_files(&path, out);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Punct(char),
}

/// The tokens of Rust source that matter for paths: identifiers, `::` and punctuation, with
/// comments, strings and character literals dropped.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if (c == 'r' || c == 'b') && raw_string_start(&chars, i).is_some() {
            let (hashes, quote) = raw_string_start(&chars, i).unwrap_or_default();
            i = quote + 1;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
        } else if c == 'b' && next == Some('"') {
            i = skip_string(&chars, i + 2);
        } else if c == '\'' {
            // A character literal ('a', '\n', '\u{1f}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
            // The paths inside `quote! { .. }` are the generated code's, not this crate's.
            let word: String = chars[start..i].iter().collect();
            let rest = chars[i..].iter().skip_while(|c| c.is_whitespace());
            if QUOTING_MACROS.contains(&word.as_str()) && rest.clone().next() == Some(&'!') {
                let open = i + chars[i..].iter().position(|c| matches!(c, '{' | '(' | '[')).unwrap_or(0);
                i = skip_group(&chars, open);
            }
        } else if c == ':' && next == Some(':') {
            out.push(Token::PathSep);
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// Macros whose body is code for another crate.
const QUOTING_MACROS: &[&str] = &["quote", "quote_spanned", "parse_quote"];

/// The index after the delimiter that closes the group opened at `open` (strings inside are
/// skipped, so a `"}"` does not close it).
fn skip_group(chars: &[char], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                i = skip_string(chars, i + 1);
                continue;
            }
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The index after the closing quote of a string whose text starts at `i`.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// For `r"`, `r#"`, `br#"` at `i`: the number of `#` and the index of the opening quote.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if chars[j] == 'b' {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|c| **c == '#').count();
    (chars.get(j + hashes) == Some(&'"')).then_some((hashes, j + hashes))
}

/// Calls `visit` with each module and the tokens directly in it (inline modules' tokens go to
/// them, not their parent); test modules are skipped.
fn walk(module: &[String], tokens: &[Token], visit: &mut dyn FnMut(&[String], &[Token])) {
    let mut own = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let (Token::Ident(keyword), Some(Token::Ident(name)), Some(Token::Punct('{'))) =
            (&tokens[i], tokens.get(i + 1), tokens.get(i + 2))
            && keyword == "mod"
        {
            let end = matching_brace(tokens, i + 2);
            let is_test = name == "tests" || cfg_test_before(tokens, i);
            if !is_test {
                let mut child = module.to_vec();
                child.push(name.clone());
                walk(&child, &tokens[i + 3..end], visit);
            }
            i = end + 1;
            continue;
        }
        own.push(tokens[i].clone());
        i += 1;
    }
    visit(module, &own);
}

/// Whether `#[cfg(test)]` stands right before the item at `i` (after other attributes).
fn cfg_test_before(tokens: &[Token], i: usize) -> bool {
    let before: Vec<&Token> = tokens[i.saturating_sub(7)..i].iter().collect();
    let cfg_test = [Token::Ident("cfg".into()), Token::Punct('('), Token::Ident("test".into()), Token::Punct(')')];
    before.windows(4).any(|window| window.iter().zip(&cfg_test).all(|(a, b)| *a == b))
}

fn matching_brace(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0;
    for (at, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return at;
                }
            }
            _ => {}
        }
    }
    tokens.len().saturating_sub(1)
}

/// Every path in the tokens: the paths of `use` trees, flattened, and each `a::b::c` elsewhere.
fn paths(tokens: &[Token]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == Token::Ident("use".into()) {
            let end = tokens[i..].iter().position(|t| *t == Token::Punct(';')).map_or(tokens.len(), |at| i + at);
            let mut used = Vec::new();
            use_tree(&tokens[i + 1..end], &[], &mut used);
            out.extend(used.into_iter().map(|(path, _)| path));
            i = end + 1;
            continue;
        }
        // A path starts at an identifier not preceded by `::` or `.` (a field or method).
        // `$crate::..` in a `macro_rules!` body is a path of the module that expands the macro.
        let starts = matches!(&tokens[i], Token::Ident(_))
            && tokens.get(i + 1) == Some(&Token::PathSep)
            && !matches!(i.checked_sub(1).map(|p| &tokens[p]), Some(Token::PathSep | Token::Punct('.' | '$')));
        if starts {
            let mut path = Vec::new();
            let mut j = i;
            while let Some(Token::Ident(segment)) = tokens.get(j) {
                path.push(segment.clone());
                if tokens.get(j + 1) != Some(&Token::PathSep) {
                    break;
                }
                j += 2;
            }
            out.push(path);
            i = j + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// Flattens a use tree (`a::{b, c::{self, d as e}}`) into paths, each prefixed with `prefix`,
/// with the name each brings into scope.
fn use_tree(tokens: &[Token], prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
    let mut path = prefix.to_vec();
    let mut alias = None;
    // `a::{self}` names `a` itself; `a::*` reaches `a` without naming anything in it.
    let (mut whole, mut glob) = (false, false);
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Ident(segment) if segment == "as" => {
                if let Some(Token::Ident(name)) = tokens.get(i + 1) {
                    alias = Some(name.clone());
                }
                i += 2;
                continue;
            }
            Token::Ident(segment) if segment == "self" && !path.is_empty() => whole = true,
            Token::Punct('*') => glob = true,
            Token::Ident(segment) => path.push(segment.clone()),
            Token::Punct('{') => {
                let close = matching_brace(tokens, i);
                let inner = &tokens[i + 1..close];
                let mut start = 0;
                let mut depth = 0;
                for (at, token) in inner.iter().enumerate() {
                    match token {
                        Token::Punct('{') => depth += 1,
                        Token::Punct('}') => depth -= 1,
                        Token::Punct(',') if depth == 0 => {
                            use_tree(&inner[start..at], &path, out);
                            start = at + 1;
                        }
                        _ => {}
                    }
                }
                use_tree(&inner[start..], &path, out);
                return;
            }
            _ => {}
        }
        i += 1;
    }
    if glob {
        out.push((path, "*".to_owned()));
    } else if path.len() > prefix.len() || whole {
        let name = alias.or_else(|| path.last().cloned()).unwrap_or_default();
        out.push((path, name));
    }
}

/// Each set of modules that reach each other (a strongly connected component of more than
/// one module), named by its modules in order, with its shortest circle through the first.
fn circles(graph: &Graph) -> Vec<(Vec<String>, Vec<String>)> {
    let name = |module: &[String]| {
        if module.is_empty() { "crate".to_owned() } else { format!("crate::{}", module.join("::")) }
    };
    let reach = |from: &Vec<String>| -> BTreeMap<Vec<String>, Vec<String>> {
        // Breadth first: each reached module with the module it was first reached from.
        let mut parent = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from.clone()]);
        while let Some(node) = queue.pop_front() {
            for next in graph.get(&node).into_iter().flatten() {
                if !parent.contains_key(next) {
                    parent.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        parent
    };
    let reached: BTreeMap<&Vec<String>, BTreeMap<Vec<String>, Vec<String>>> =
        graph.keys().map(|module| (module, reach(module))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for (module, parents) in &reached {
        if done.contains(*module) || !parents.contains_key(*module) {
            continue;
        }
        let members: Vec<&Vec<String>> =
            parents.keys().filter(|other| reached.get(other).is_some_and(|back| back.contains_key(*module))).collect();
        done.extend(members.iter().map(|member| (*member).clone()));
        let mut circle = vec![name(module)];
        let mut node = parents[*module].clone();
        while node != **module {
            circle.push(name(&node));
            node = parents[&node].clone();
        }
        circle.push(name(module));
        circle.reverse();
        out.push((members.iter().map(|member| name(member)).collect(), circle));
    }
    out
}
