//! The rustdoc words of the generated code: doc attributes from doc lines, each line made inert
//! so schema text cannot become code, HTML or a doctest.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc = " line"]` per line, so prettyplease prints `///` comments; every line made
/// inert first ([`inert_doc_line`]).
pub(super) fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().flat_map(|line| line.split('\n')).map(|line| {
        let line = inert_doc_line(line);
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// A line of documentation that rustdoc can only show as text, whatever the schema said: no
/// code block (so no doctest: leading indentation is dropped and a fence's first character is
/// escaped), no raw HTML (`<` and `&` are written as entities, except in `<https://...>`
/// autolinks), and no control or bidirectional-override character (written as `\u{..}`).
/// Markdown emphasis, inline code and links stay as they are.
pub fn inert_doc_line(line: &str) -> String {
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len());
    if line.starts_with("```") || line.starts_with("~~~") {
        out.push('\\');
    }
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let autolink = ["<https://", "<http://"].iter().any(|prefix| rest.starts_with(prefix))
            && rest.find('>').is_some_and(|end| !rest[..end].contains(char::is_whitespace));
        match c {
            '<' if autolink => {
                let end = rest.find('>').map_or(rest.len(), |end| end + 1);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if crate::diagnostic::needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}
