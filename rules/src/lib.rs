//! The rules the generator and the runtime of apigen both apply to an API's settings, kept in
//! one place so that a schema the generator accepts is a configuration the runtime accepts, in
//! the same words: header names (`header_names`) and base URL hosts (`hosts`). No dependencies.

pub mod header_names;
pub mod hosts;

/// Control characters, and the invisible ones that reorder or hide text (bidirectional
/// overrides and isolates, zero-width characters, line and paragraph separators).
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// `text` with every character that [`needs_escape`] written as a Rust escape (`\r`, `\n`,
/// `\t`, `\u{202e}`), so text quoted in a message (the generator's diagnostics, the runtime's
/// errors) never reaches a terminal raw. A backslash is kept as it is, so escaping twice
/// changes nothing.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
