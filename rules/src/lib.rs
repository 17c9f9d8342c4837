//! The rules the generator and the runtime of apigen both apply to an API's settings, kept in
//! one place so that a schema the generator accepts is a configuration the runtime accepts, in
//! the same words: header names (`header_names`) and base URL hosts (`hosts`). No dependencies.

pub mod header_names;
pub mod hosts;

/// `text` with control and invisible characters written as Rust escapes (`\t`,
/// `\u{202e}`), so a name quoted in a message never reaches a terminal raw: as the generator's
/// diagnostics write them, so every message says the same.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    let needs_escape = |c: char| {
        c.is_control()
            || matches!(c, '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
    };
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
