//! The rustdoc words of the generated code, written from the IR's facts (descriptions, limits,
//! notes, sources, where a thing was declared), and the doc attributes that carry them, each line
//! made inert so schema text cannot become code, HTML or a doctest. The OpenAPI writer words the
//! same facts its own way (`openapi`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{CustomAttributes, Endpoint, Enum, Field, Model, Scalar, SourceKind, StringFormat, Type};

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

/// The sentences of a field's format, limits and default, each with a leading space (empty when
/// it has none): its string format, its length limits, its range, then its default.
fn limit_sentences(field: &Field) -> String {
    let format = match &field.ty {
        Type::FormattedString(StringFormat::Uuid) => " A UUID.",
        Type::FormattedString(StringFormat::Url) => " A URL.",
        Type::FormattedString(StringFormat::Email) => " An email address.",
        _ => "",
    };
    let mut text = format.to_owned();
    let wire = &field.name.wire;
    match field.array_style {
        Some(crate::schema::ArrayStyle::Repeat) => text.push_str(&format!(" Sent as `{wire}=a&{wire}=b`.")),
        Some(crate::schema::ArrayStyle::Comma) => text.push_str(&format!(" Sent as `{wire}=a,b`.")),
        Some(crate::schema::ArrayStyle::Brackets) => text.push_str(&format!(" Sent as `{wire}[]=a&{wire}[]=b`.")),
        None => {}
    }
    text.push_str(&match (field.min_length, field.max_length) {
        (Some(min), Some(max)) => format!(" From {min} to {max} characters; other lengths are refused before sending."),
        (Some(min), None) => format!(" At least {min} characters; shorter values are refused before sending."),
        (None, Some(max)) => format!(" At most {max} characters; longer values are refused before sending."),
        (None, None) => String::new(),
    });
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
/// `<https://...>` autolinks), no image (`![` is escaped), no link but an inline one to an
/// `http`, `https` or `mailto` URL or a Rust path (every other `]` is escaped, so reference
/// links, definitions, footnotes, task boxes and intra-doc shortcuts show as written), and no
/// control or bidirectional-override character (written as `\u{..}`). Markdown emphasis,
/// inline code and the links left stay as they are; the text of an inline code span is left
/// alone, as rustdoc shows it literally (an entity there would show as `&lt;`).
pub fn inert_doc_line(line: &str) -> String {
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len());
    if line.starts_with("```") || line.starts_with("~~~") {
        out.push('\\');
    }
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '`' => {
                let span = code_span(rest).unwrap_or_else(|| &rest[..rest.len() - rest.trim_start_matches('`').len()]);
                out.extend(span.chars().map(visible));
                rest = &rest[span.len()..];
                continue;
            }
            '<' => match autolink(rest) {
                Some(link) => {
                    out.push_str(link);
                    rest = &rest[link.len()..];
                    continue;
                }
                None => out.push_str("&lt;"),
            },
            '&' => out.push_str("&amp;"),
            'h' if !follows_link_syntax(&line[..line.len() - rest.len()]) && bare_url(rest).is_some() => {
                let url = bare_url(rest).unwrap_or_default();
                out.push_str(&format!("<{url}>"));
                rest = &rest[url.len()..];
                continue;
            }
            '!' if after.starts_with('[') => out.push_str("\\!"),
            ']' if !after.strip_prefix('(').is_some_and(|target| is_allowed_link(link_target(target))) => {
                out.push_str("\\]")
            }
            c => out.push_str(&visible(c)),
        }
        rest = after;
    }
    out
}

/// The `<https://...>` autolink that `text` starts with: a CommonMark absolute URI (no space,
/// `<`, control or invisible character before the closing `>`), so nothing after it can be HTML.
fn autolink(text: &str) -> Option<&str> {
    if !["<https://", "<http://"].iter().any(|prefix| text.starts_with(prefix)) {
        return None;
    }
    let end = text.find('>')?;
    let inside = &text[1..end];
    let plain = !inside.chars().any(|c| c.is_whitespace() || c == '<' || crate::diagnostic::needs_escape(c));
    plain.then(|| &text[..=end])
}

/// Whether the text before a URL makes it part of something else already: a link's `(`
/// destination, a `<` that was not an autolink, or a longer word.
fn follows_link_syntax(before: &str) -> bool {
    before.chars().next_back().is_some_and(|c| c == '(' || c == '<' || c.is_alphanumeric())
}

/// The bare `http(s)://` URL that `text` starts with, written as an autolink so rustdoc links it
/// (and its `bare_urls` lint stays quiet): up to a space, `<`, `>` or backtick, without the
/// trailing punctuation of the sentence or an unbalanced closing parenthesis.
fn bare_url(text: &str) -> Option<&str> {
    let after_scheme = ["https://", "http://"].iter().find_map(|scheme| text.strip_prefix(scheme))?;
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`') || crate::diagnostic::needs_escape(c))
        .unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let unbalanced = url.ends_with(')') && url.matches(')').count() > url.matches('(').count();
        match url.strip_suffix(['.', ',', ':', ';', '!', '?', '\'', '"', '*', '_', '~']) {
            Some(shorter) => url = shorter,
            None if unbalanced => url = &url[..url.len() - 1],
            None => break,
        }
    }
    (url.len() > text.len() - after_scheme.len()).then_some(url)
}

/// The destination a link's `(` is followed by: spaces and an opening
/// `<` skipped, up to the first space, `)` or `>`.
fn link_target(text: &str) -> &str {
    let text = text.trim_start_matches([' ', '\t']);
    let text = text.strip_prefix('<').unwrap_or(text);
    text.split([' ', '\t', ')', '>']).next().unwrap_or_default()
}

/// Whether rustdoc may render a link to `target`: an `http`, `https` or `mailto` URL, or a Rust
/// path that rustdoc resolves to an item (the generated docs link their own items this way).
fn is_allowed_link(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme)) {
        return true;
    }
    let path = ["::", "crate::", "self::", "Self::", "super::"].iter().find_map(|root| target.strip_prefix(root));
    path.is_some_and(|path| !path.is_empty() && path.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'))
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

    #[test]
    fn only_inline_links_to_web_urls_and_rust_paths_stay_links() {
        assert_eq!(inert_doc_line("[a](https://x.example) [b](mailto:a@b)"), "[a](https://x.example) [b](mailto:a@b)");
        assert_eq!(inert_doc_line("[`E`](::apigen_runtime::Error)"), "[`E`](::apigen_runtime::Error)");
        assert_eq!(inert_doc_line("[a](javascript:x) [b]( JaVaScript:x)"), "[a\\](javascript:x) [b\\]( JaVaScript:x)");
        assert_eq!(
            inert_doc_line("[a](<data:x>) [b](../up) [c](crate::x(1))"),
            "[a\\](&lt;data:x>) [b\\](../up) [c\\](crate::x(1))"
        );
        // Reference links, definitions, footnotes and shortcuts show as written; so do images.
        assert_eq!(inert_doc_line("[r]: javascript:x"), "[r\\]: javascript:x");
        assert_eq!(inert_doc_line("[a][r] [^1] [x]"), "[a\\][r\\] [^1\\] [x\\]");
        assert_eq!(inert_doc_line("![p](https://t.example/p.png)"), "\\![p](https://t.example/p.png)");
        // An autolink holds no `<`, so nothing after it is raw HTML.
        assert_eq!(inert_doc_line("<https://x<script/>"), "&lt;https://x&lt;script/>");
        assert_eq!(inert_doc_line("<javascript:x>"), "&lt;javascript:x>");
    }

    #[test]
    fn bare_web_urls_become_autolinks_without_the_sentence_punctuation() {
        assert_eq!(inert_doc_line("See https://x.example/a."), "See <https://x.example/a>.");
        assert_eq!(inert_doc_line("(see http://x.example/a_(b))"), "(see <http://x.example/a_(b)>)");
        assert_eq!(inert_doc_line("a https:// b"), "a https:// b");
        assert_eq!(inert_doc_line("xhttps://x.example"), "xhttps://x.example");
    }
}
