//! No function of the generator's `lower` stage is over 100 lines (issue 20): each check is a
//! function of its own. Lengths run from the `fn` line to the closing brace; braces inside
//! strings, characters and comments are skipped.

use std::path::Path;

/// The longest a function of `lower` may be, in lines.
const LIMIT: usize = 100;

#[test]
fn no_function_of_lower_is_over_the_limit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/src/stages/lower");
    let mut too_long = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
        let path = entry.expect("a folder entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).expect("readable");
        for (name, line, length) in functions(&text) {
            if length > LIMIT {
                too_long.push(format!("{}:{line}: `{name}` has {length} lines", path.display()));
            }
        }
    }
    assert!(files >= 5, "lower/ has {files} files; did it move?");
    assert!(too_long.is_empty(), "functions over {LIMIT} lines:\n{}", too_long.join("\n"));
}

#[test]
fn lengths_count_from_fn_to_its_brace() {
    let text = "fn a() {\n    let s = \"}\";\n    // }\n}\nfn b();\npub(super) fn c(\n    x: u8,\n) {\n}\n";
    assert_eq!(functions(text), vec![("a".to_owned(), 1, 4), ("c".to_owned(), 6, 4)]);
}

/// Each function with a body: its name, first line (from 1) and length in lines.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let mut depth = 0i32;
        let mut opened = false;
        for (at, line) in lines.iter().enumerate().skip(start) {
            let code = code_of(line);
            if !opened && depth == 0 && code.trim_end().ends_with(';') && !code.contains('{') {
                break;
            }
            for c in code.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth == 0 {
                out.push((name.to_owned(), start + 1, at - start + 1));
                break;
            }
        }
    }
    out
}

/// The name of the function a line declares, if it does.
fn fn_name(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace().peekable();
    while let Some(word) = words.next() {
        match word {
            "pub" | "const" | "async" | "unsafe" => {}
            word if word.starts_with("pub(") => {}
            "fn" => return words.next().map(|name| name.split(['(', '<']).next().unwrap_or(name)),
            _ => return None,
        }
    }
    None
}

/// A line without its comment and the text of its strings and characters.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => break,
            '"' => {
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                // A character literal ('{', '\n') is skipped; a lifetime is kept.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    for inner in chars.by_ref() {
                        if inner == '\'' {
                            break;
                        }
                    }
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    out
}
