//! The rustdoc words of the generated code, written from the IR's facts (descriptions, limits,
//! notes, sources, where a thing was declared), and the doc attributes that carry them, each line
//! made inert so schema text cannot become code, HTML or a doctest. The OpenAPI writer words the
//! same facts its own way (`openapi`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{CustomAttributes, Endpoint, Enum, Field, Model, Scalar, SourceKind};

/// A field's docs: its description (or a line saying the docs have none), the sentence of its
/// length limit at the end of the description, and the schema's note as a paragraph.
pub(super) fn field(field: &Field) -> Vec<String> {
    let mut docs = described(field);
    if let Some(last) = docs.last_mut() {
        last.push_str(&limit_sentences(field));
    }
    if let Some(note) = &field.note {
        paragraph(&mut docs, format!("Schema note: {note}."));
    }
    docs
}

/// The sentences of a field's limits and default, each with a leading space (empty when it has
/// none): its length limits, its range, then its default.
fn limit_sentences(field: &Field) -> String {
    let mut text = match (field.min_length, field.max_length) {
        (Some(min), Some(max)) => format!(" From {min} to {max} characters; other lengths are refused before sending."),
        (Some(min), None) => format!(" At least {min} characters; shorter values are refused before sending."),
        (None, Some(max)) => format!(" At most {max} characters; longer values are refused before sending."),
        (None, None) => String::new(),
    };
    match (&field.minimum, &field.maximum) {
        (Some(min), Some(max)) => {
            text.push_str(&format!(" From {min} to {max}; other values are refused before sending."))
        }
        (Some(min), None) => text.push_str(&format!(" At least {min}; smaller values are refused before sending.")),
        (None, Some(max)) => text.push_str(&format!(" At most {max}; larger values are refused before sending.")),
        (None, None) => {}
    }
    match &field.default {
        Some(Scalar::String(value)) => text.push_str(&format!(" Default: `{value:?}` (applied by the server).")),
        Some(value) => text.push_str(&format!(" Default: `{value}` (applied by the server).")),
        None => {}
    }
    text
}

/// The first line of a field's docs, for the docs of its setter.
pub(super) fn field_summary(field: &Field) -> String {
    described(field).swap_remove(0)
}

/// The description of a field, or a line saying the docs have none.
fn described(field: &Field) -> Vec<String> {
    if field.description.is_empty() {
        vec![format!("`{}` (undocumented).", field.name.wire)]
    } else {
        field.description.clone()
    }
}

/// An endpoint method's docs: the title as a sentence, the description, and one paragraph of
/// facts: method and path, where the endpoint is known from, the docs page, the schema file.
pub(super) fn endpoint(endpoint: &Endpoint) -> Vec<String> {
    let mut docs = Vec::new();
    if let Some(title) = &endpoint.title {
        docs.push(format!("{title}."));
    }
    for line in &endpoint.description {
        // A blank line after the first line, as the schema's text starts a paragraph there.
        if docs.len() == 1 && !line.is_empty() {
            docs.push(String::new());
        }
        docs.push(line.clone());
    }
    let mut facts = vec![format!("`{} {}`", endpoint.method.as_str(), endpoint.path_template)];
    if let Some(source) = &endpoint.source {
        let meaning = match source.kind {
            SourceKind::Doc => "documented by the vendor",
            SourceKind::Legacy => "documented only in the vendor's older docs",
            SourceKind::Code => "not documented by the vendor; seen in public client libraries",
        };
        let detail = source.detail.as_deref().map(|text| format!(" ({text})")).unwrap_or_default();
        facts.push(format!("Source: **{}**, {meaning}{detail}.", source.kind.label()));
    }
    if let Some(page) = &endpoint.provenance.page {
        facts.push(format!("Docs: <{page}>"));
    }
    facts.push(format!("Schema: `{}`", endpoint.provenance.schema));
    paragraph(&mut docs, facts.join(" · "));
    docs
}

/// The docs of a body's custom attribute map: what it is, and how the docs' table shows it.
pub(super) fn custom_attributes(custom: &CustomAttributes) -> Vec<String> {
    let mut docs = vec!["Custom attributes, sent as extra top-level keys of the body.".to_owned()];
    match (&custom.placeholder, &custom.description) {
        (Some(row), Some(text)) => paragraph(
            &mut docs,
            format!("The docs' table stands for them with the placeholder row `{row}`: \"{text}\""),
        ),
        (Some(row), None) => {
            paragraph(&mut docs, format!("The docs' table stands for them with the placeholder row `{row}`."))
        }
        (None, Some(text)) => paragraph(&mut docs, text.clone()),
        (None, None) => {}
    }
    docs
}

/// A model's docs: its description, how requests build it (when they send it), its schema file.
pub(super) fn model(model: &Model, source: &str) -> Vec<String> {
    let mut docs = model.description.clone();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    if model.request {
        docs.push(
            "Requests send it too: build it with `new` and the setters. Unset fields are not sent, and".to_owned(),
        );
        docs.push("`clear_*` sends `null` for the fields that may be null.".to_owned());
        docs.push(String::new());
    }
    docs.push(format!("Schema: `{source}`"));
    docs
}

/// An enum's docs: its description and its schema file.
pub(super) fn enumeration(enumeration: &Enum, source: &str) -> Vec<String> {
    let mut docs = enumeration.description.clone();
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(format!("Schema: `{source}`"));
    docs
}

/// Appends `text` as a paragraph of its own.
fn paragraph(docs: &mut Vec<String>, text: String) {
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(text);
}

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
/// escaped), no raw HTML (outside code spans, `<` and `&` are written as entities, except in
/// `<https://...>` autolinks), and no control or bidirectional-override character (written as
/// `\u{..}`). Markdown emphasis, inline code and links stay as they are; the text of an inline
/// code span is left alone, as rustdoc shows it literally (an entity there would show as
/// `&lt;`).
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
            '`' => {
                let span = code_span(rest).unwrap_or_else(|| &rest[..rest.len() - rest.trim_start_matches('`').len()]);
                out.extend(span.chars().map(visible));
                rest = &rest[span.len()..];
                continue;
            }
            '<' if autolink => {
                let end = rest.find('>').map_or(rest.len(), |end| end + 1);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            c => out.push_str(&visible(c)),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The code span that `text` opens (a run of backticks, up to the next run of the same length),
/// or `None` when no run closes it (then the backticks are plain text, CommonMark 6.1).
fn code_span(text: &str) -> Option<&str> {
    let ticks = text.len() - text.trim_start_matches('`').len();
    let mut at = ticks;
    while let Some(found) = text[at..].find('`') {
        let start = at + found;
        let run = text[start..].len() - text[start..].trim_start_matches('`').len();
        if run == ticks {
            return Some(&text[..start + run]);
        }
        at = start + run;
    }
    None
}

/// A character as a doc line may hold it: line breaks as spaces, control and invisible
/// characters as `\u{..}` escapes.
fn visible(c: char) -> String {
    match c {
        '\n' | '\r' => " ".to_owned(),
        c if crate::diagnostic::needs_escape(c) => format!("\\u{{{:x}}}", u32::from(c)),
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_are_left_alone_and_html_outside_them_is_inert() {
        assert_eq!(inert_doc_line("`<script>` & `a && b`"), "`<script>` &amp; `a && b`");
        assert_eq!(inert_doc_line("<b>bold</b> `<b>`"), "&lt;b>bold&lt;/b> `<b>`");
        // A double-backtick span holds single backticks; an unclosed run is plain text.
        assert_eq!(inert_doc_line("``a ` <b>`` <i>"), "``a ` <b>`` &lt;i>");
        assert_eq!(inert_doc_line("`unclosed <b>"), "`unclosed &lt;b>");
        assert_eq!(inert_doc_line("see <https://example.org/a?b&c>"), "see <https://example.org/a?b&c>");
        assert_eq!(inert_doc_line("`a\u{202e}b`"), "`a\\u{202e}b`");
        assert_eq!(inert_doc_line("```rust"), "\\```rust");
    }
}
