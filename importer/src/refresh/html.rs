//! Reduces a docs page's HTML to the page text the importer reads (the form of
//! `importer/pages/*.md`): the main content only, one line per block, headings as `# ...`,
//! tables as pipe rows under a `---|` line, list items and definition-list terms and
//! descriptions (and tab labels) as `- ...`, code blocks as their lines. Page chrome (navigation, sidebars,
//! heading anchors, copy buttons, the inactive tabs of a code group, hidden elements) is left out.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::node::Node;
use scraper::{ElementRef, Html, Selector};

/// Where the docs themes keep a page's own content, the most specific first: VuePress,
/// VitePress, Docusaurus, docsify, MkDocs Material, Read the Docs / Sphinx, then the HTML
/// elements that mean it.
const CONTENT: &[&str] = &[
    ".theme-default-content",
    ".vp-doc",
    ".theme-doc-markdown",
    ".markdown-section",
    ".md-content__inner",
    "[itemprop=articleBody]",
    "[role=main]",
    "main",
    "article",
];

/// Page chrome inside the content: left out with everything below it.
const CHROME: &str = "script, style, noscript, template, svg, nav, aside, footer, form, iframe, \
    [hidden], [aria-hidden=true], [style*='display:none'], [style*='display: none'], \
    .header-anchor, .headerlink, .sidebar, .page-meta, .page-nav, .edit-link, .table-of-contents, \
    .breadcrumb, .line-numbers, [class*=copy], [class*=language-] > .lang, \
    .code-group-item:not(.code-group-item__active), .vp-code-group .blocks > :not(.active)";

/// Elements that start and end a line of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "details",
    "div",
    "dl",
    "figcaption",
    "figure",
    "header",
    "hr",
    "main",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
];

/// The page text of an HTML document, or why it has none.
pub fn reduce(html: &str) -> Result<String, String> {
    let document = Html::parse_document(html);
    let content =
        CONTENT.iter().find_map(|selector| document.select(&selector_of(selector)).next()).ok_or_else(|| {
            "the HTML page has no main content (no <main>, <article>, role=\"main\" or docs theme content \
             container such as `.theme-default-content` or `.vp-doc`)"
                .to_owned()
        })?;
    let chrome: HashSet<_> = content.select(&selector_of(CHROME)).map(|element| element.id()).collect();
    let mut writer = Writer { chrome: &chrome, lines: Vec::new(), inline: String::new(), prefix: None };
    writer.children(content);
    writer.flush();
    if writer.lines.is_empty() {
        return Err("the HTML page's main content holds no text".to_owned());
    }
    let mut text = writer.lines.join("\n");
    text.push('\n');
    Ok(text)
}

/// A selector of this module's own tables (their syntax is fixed, so a failure is a bug).
fn selector_of(text: &str) -> Selector {
    Selector::parse(text).unwrap_or_else(|error| unreachable!("the selector `{text}` does not parse: {error}"))
}

/// Collects the lines of the content.
struct Writer<'a> {
    chrome: &'a HashSet<NodeId>,
    lines: Vec<String>,
    /// The line being built from inline text, whitespace collapsed.
    inline: String,
    /// `- ` for a list item or definition, written before its first text.
    prefix: Option<&'static str>,
}

impl Writer<'_> {
    fn children(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => push_collapsed(&mut self.inline, text),
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.element(element);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef<'_>) {
        if self.chrome.contains(&element.id()) {
            return;
        }
        let name = element.value().name();
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "table") {
            // Lines of their own: a list item that starts with one has no `- ` line.
            self.flush();
            self.prefix = None;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = inline_text(element, self.chrome);
                if !text.is_empty() {
                    self.lines.push(format!("# {text}"));
                }
            }
            "pre" => {
                self.flush();
                let mut code = String::new();
                raw_text(element, self.chrome, &mut code);
                let code = code.trim_matches('\n');
                self.lines.extend(code.lines().map(|line| line.trim_end().to_owned()));
            }
            "table" => {
                self.flush();
                self.table(element);
            }
            // A tab's label (VitePress code groups) is an item as a tab button in a list is.
            "li" | "dt" | "dd" | "label" => {
                self.flush();
                self.prefix = Some("- ");
                self.children(element);
                self.flush();
            }
            "br" => self.flush(),
            name if BLOCKS.contains(&name) => {
                self.flush();
                self.children(element);
                self.flush();
            }
            _ => self.children(element),
        }
    }

    /// Ends the line being built, if it has text.
    fn flush(&mut self) {
        let text = self.inline.trim();
        if !text.is_empty() {
            let prefix = self.prefix.take().unwrap_or("");
            self.lines.push(format!("{prefix}{text}"));
        }
        self.inline.clear();
    }

    /// A table as pipe rows: the first row (the head's, when there is one) as the header,
    /// then the `---|` line, then the rest. A cell spanning columns is followed by empty ones.
    fn table(&mut self, table: ElementRef<'_>) {
        let mut rows = Vec::new();
        collect_rows(table, self.chrome, &mut rows);
        let Some(width) = rows.iter().map(Vec::len).max().filter(|&width| width > 0) else { return };
        for (at, row) in rows.iter().enumerate() {
            let mut line = String::new();
            // An empty first cell needs the outer pipe, or the row would read one cell short.
            if row.first().is_some_and(String::is_empty) {
                line.push_str("| ");
            }
            for cell in row {
                line.push_str(&cell.replace('|', "\\|"));
                line.push_str(if cell.is_empty() { "| " } else { " | " });
            }
            self.lines.push(line.trim_end().to_owned());
            if at == 0 {
                self.lines.push("---|".repeat(width));
            }
        }
    }
}

/// The rows of `table` (not of tables inside its cells), each a list of cell texts.
fn collect_rows(element: ElementRef<'_>, chrome: &HashSet<NodeId>, rows: &mut Vec<Vec<String>>) {
    for child in element.child_elements() {
        if chrome.contains(&child.id()) {
            continue;
        }
        match child.value().name() {
            "thead" | "tbody" | "tfoot" => collect_rows(child, chrome, rows),
            "tr" => {
                let mut cells = Vec::new();
                for cell in child.child_elements().filter(|cell| matches!(cell.value().name(), "td" | "th")) {
                    cells.push(inline_text(cell, chrome));
                    let span = cell.attr("colspan").and_then(|span| span.trim().parse::<usize>().ok()).unwrap_or(1);
                    cells.extend(std::iter::repeat_n(String::new(), span.clamp(1, 100) - 1));
                }
                if cells.iter().any(|cell| !cell.is_empty()) {
                    rows.push(cells);
                }
            }
            _ => {}
        }
    }
}

/// The text below `element` on one line, whitespace collapsed, chrome left out.
fn inline_text(element: ElementRef<'_>, chrome: &HashSet<NodeId>) -> String {
    let mut text = String::new();
    inline_into(element, chrome, &mut text);
    text.trim().to_owned()
}

fn inline_into(element: ElementRef<'_>, chrome: &HashSet<NodeId>, text: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(part) => push_collapsed(text, part),
            Node::Element(_) => {
                if let Some(inner) = ElementRef::wrap(child).filter(|inner| !chrome.contains(&inner.id())) {
                    // A block inside a cell or heading is a word boundary.
                    let block = matches!(inner.value().name(), "br" | "p" | "div" | "li" | "pre");
                    if block {
                        push_collapsed(text, " ");
                    }
                    inline_into(inner, chrome, text);
                    if block {
                        push_collapsed(text, " ");
                    }
                }
            }
            _ => {}
        }
    }
}

/// The text below `element` exactly as written (a code block), chrome left out.
fn raw_text(element: ElementRef<'_>, chrome: &HashSet<NodeId>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(_) => {
                if let Some(inner) = ElementRef::wrap(child).filter(|inner| !chrome.contains(&inner.id())) {
                    if inner.value().name() == "br" {
                        out.push('\n');
                    }
                    raw_text(inner, chrome, out);
                }
            }
            _ => {}
        }
    }
}

/// Appends `text` with every run of whitespace as one space, none at the line's start.
fn push_collapsed(line: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
        } else {
            line.push(c);
        }
    }
}
