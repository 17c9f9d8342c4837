//! Markdown docs pages (Slate's `index.html.md` and its includes, or any other Markdown) as a flat
//! list of blocks, each with its 1-based line: headings, pipe tables, code blocks, paragraphs,
//! list items, block quotes and raw HTML blocks. CommonMark with GitHub's tables, by
//! pulldown-cmark; what the blocks mean is decided by the layout readers.

use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// One block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `## Create a customer` (level 2).
    Heading {
        /// 1 to 6; emphasised lines standing for headings are 6.
        level: u8,
        /// The heading's text, inline marks kept.
        text: String,
        /// Its line.
        line: usize,
    },
    /// A pipe table: the header's cells and each row's cells with its line.
    Table {
        /// The header's line.
        line: usize,
        /// The header's cells.
        header: Vec<String>,
        /// Each row's line and cells.
        rows: Vec<(usize, Vec<String>)>,
    },
    /// A fenced or indented code block, with the fence's language word (`shell`, `json`, ``).
    Code {
        /// The code's first line.
        line: usize,
        /// The fence's language word, lower case, or empty.
        lang: String,
        /// The code as written.
        text: String,
    },
    /// A paragraph's text: inline code keeps its backticks, emphasis its stars, so readers can
    /// tell `` `GET /x` `` and `**required**` from plain words.
    Paragraph {
        /// Its first line.
        line: usize,
        /// Its text as one line.
        text: String,
        /// In a block quote (Slate's right-hand column: "> Example request").
        quoted: bool,
    },
    /// A list item's own text (without the text of items nested in it).
    Item {
        /// Its first line.
        line: usize,
        /// 0 at the top level.
        depth: usize,
        /// Its text as one line.
        text: String,
    },
    /// A raw HTML block, as written.
    Html {
        /// Its first line.
        line: usize,
        /// The HTML.
        text: String,
    },
}

impl Block {
    /// The block's first line.
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Table { line, .. }
            | Block::Code { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Item { line, .. }
            | Block::Html { line, .. } => *line,
        }
    }
}

/// A Markdown file: its YAML front matter (Slate's `includes:`) and its blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    /// The YAML between the first two `---` lines, if the file starts with one.
    pub front_matter: Option<String>,
    /// The blocks, in line order.
    pub blocks: Vec<Block>,
}

/// What is being collected while the parser is inside a block.
enum Open {
    Heading(u8, usize, String),
    Paragraph(usize, String, bool),
    Item(usize, usize, String),
    Code(usize, String, String),
    Html(usize, String),
    Table(usize, Vec<String>, Vec<(usize, Vec<String>)>, Option<(usize, Vec<String>)>, String, bool),
    Metadata(String),
}

/// A pipe table whose delimiter row has more or fewer cells than its header is no table to
/// CommonMark; vendors' pages have them, so the delimiter row is rewritten to the header's
/// width (lines stay where they are).
fn mend_table_delimiters(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let cells = |line: &str| line.trim().trim_matches('|').split('|').count();
    let is_delimiter = |line: &str| {
        let line = line.trim();
        line.contains('-') && line.contains('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    let mut mended = None::<Vec<String>>;
    for at in 1..lines.len() {
        let (header, delimiter) = (lines[at - 1], lines[at]);
        if is_delimiter(delimiter) && header.contains('|') && !is_delimiter(header) && cells(header) != cells(delimiter)
        {
            let out = mended.get_or_insert_with(|| lines.iter().map(|l| (*l).to_owned()).collect());
            out[at] = format!("|{}", "---|".repeat(cells(header)));
        }
    }
    mended.map(|lines| lines.join("\n"))
}

/// A fence opened indented (inside a list item) and closed at a smaller indent: the Markdown
/// renderers vendors use (redcarpet, kramdown) close the block there, CommonMark opens a new one
/// that swallows the rest of the page. The block is moved out to the closing fence's indent.
fn mend_fences(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let is_fence = |line: &str| line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
    let mut mended = None::<Vec<String>>;
    let mut at = 0;
    while at < lines.len() {
        if !is_fence(lines[at]) {
            at += 1;
            continue;
        }
        let open = at;
        let Some(close) = (open + 1..lines.len())
            .find(|&i| is_fence(lines[i]) && lines[i].trim_start().trim_start_matches(['`', '~']).trim().is_empty())
        else {
            break;
        };
        let (open_indent, close_indent) = (indent(lines[open]), indent(lines[close]));
        if open_indent > close_indent {
            let out = mended.get_or_insert_with(|| lines.iter().map(|l| (*l).to_owned()).collect());
            let cut = open_indent - close_indent;
            for line in out.iter_mut().take(close).skip(open) {
                let remove = indent(line).min(cut);
                *line = line[remove..].to_owned();
            }
        }
        at = close + 1;
    }
    mended.map(|lines| lines.join("\n"))
}

/// Splits a Markdown text into blocks. Never fails: CommonMark reads any text.
pub fn parse(text: &str) -> Markdown {
    let fences = mend_fences(text);
    let text = fences.as_deref().unwrap_or(text);
    match mend_table_delimiters(text) {
        Some(mended) => parse_mended(&mended),
        None => parse_mended(text),
    }
}

fn parse_mended(text: &str) -> Markdown {
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut markdown = Markdown::default();
    let mut open: Vec<Open> = Vec::new();
    let mut quote_depth = 0usize;
    let mut list_depth = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let line = line_of(range.start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => open.push(Open::Heading(level as u8, line, String::new())),
                // A paragraph inside a list item adds to the item's text.
                Tag::Paragraph if matches!(open.last(), Some(Open::Item(..))) => {}
                Tag::Paragraph => open.push(Open::Paragraph(line, String::new(), quote_depth > 0)),
                Tag::Item => open.push(Open::Item(line, list_depth.saturating_sub(1), String::new())),
                Tag::List(_) => {
                    flush_item(&mut open, &mut markdown);
                    list_depth += 1;
                }
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::CodeBlock(kind) => {
                    let (lang, line) = match kind {
                        CodeBlockKind::Fenced(info) => {
                            (info.split_whitespace().next().unwrap_or("").to_lowercase(), line + 1)
                        }
                        CodeBlockKind::Indented => (String::new(), line),
                    };
                    open.push(Open::Code(line, lang, String::new()));
                }
                Tag::HtmlBlock => open.push(Open::Html(line, String::new())),
                Tag::Table(_) => open.push(Open::Table(line, Vec::new(), Vec::new(), None, String::new(), true)),
                Tag::TableHead => {}
                Tag::TableRow => {
                    if let Some(Open::Table(_, _, _, row, _, head)) = open.last_mut() {
                        *head = false;
                        *row = Some((line, Vec::new()));
                    }
                }
                Tag::TableCell => {
                    if let Some(Open::Table(_, _, _, _, cell, _)) = open.last_mut() {
                        cell.clear();
                    }
                }
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => open.push(Open::Metadata(String::new())),
                Tag::Strong => push_text(&mut open, "**"),
                Tag::Emphasis => push_text(&mut open, "*"),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Strong => push_text(&mut open, "**"),
                TagEnd::Emphasis => push_text(&mut open, "*"),
                TagEnd::TableCell => {
                    if let Some(Open::Table(_, header, _, row, cell, head)) = open.last_mut() {
                        let value = cell.trim().to_owned();
                        match row {
                            Some((_, cells)) if !*head => cells.push(value),
                            _ => header.push(value),
                        }
                    }
                }
                TagEnd::TableRow => {
                    if let Some(Open::Table(_, _, rows, row, _, _)) = open.last_mut()
                        && let Some(row) = row.take()
                    {
                        rows.push(row);
                    }
                }
                TagEnd::TableHead => {}
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::List(_) => {
                    flush_item(&mut open, &mut markdown);
                    list_depth = list_depth.saturating_sub(1);
                }
                TagEnd::Paragraph => {
                    if matches!(open.last(), Some(Open::Paragraph(..))) {
                        close(&mut open, &mut markdown);
                    } else {
                        push_text(&mut open, " ");
                    }
                }
                TagEnd::Item => {
                    flush_item(&mut open, &mut markdown);
                    if matches!(open.last(), Some(Open::Item(..))) {
                        open.pop();
                    }
                }
                TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Table
                | TagEnd::MetadataBlock(_) => close(&mut open, &mut markdown),
                _ => {}
            },
            Event::Text(text) => push_text(&mut open, &text),
            Event::Code(code) => {
                push_text(&mut open, "`");
                push_text(&mut open, &code);
                push_text(&mut open, "`");
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // `<br>` in a table cell or paragraph is a line break: a space in one-line text.
                let lower = html.trim().to_lowercase();
                if lower.starts_with("<br") && !matches!(open.last(), Some(Open::Html(..))) {
                    push_text(&mut open, " ");
                } else {
                    push_text(&mut open, &html);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                let keep_newline = matches!(open.last(), Some(Open::Code(..) | Open::Html(..) | Open::Metadata(..)));
                push_text(&mut open, if keep_newline { "\n" } else { " " });
            }
            _ => {}
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut markdown);
    }
    markdown.blocks.sort_by_key(Block::line);
    markdown
}

fn push_text(open: &mut [Open], text: &str) {
    match open.last_mut() {
        Some(Open::Heading(_, _, buffer))
        | Some(Open::Paragraph(_, buffer, _))
        | Some(Open::Item(_, _, buffer))
        | Some(Open::Code(_, _, buffer))
        | Some(Open::Html(_, buffer))
        | Some(Open::Metadata(buffer))
        | Some(Open::Table(_, _, _, _, buffer, _)) => buffer.push_str(text),
        None => {}
    }
}

/// Emits a list item's own text so far: when a nested list starts inside it, or it ends. The
/// item stays open while its nested list is read; `TagEnd::Item` pops it.
fn flush_item(open: &mut [Open], markdown: &mut Markdown) {
    if let Some(Open::Item(line, depth, text)) = open.last_mut() {
        let text = std::mem::take(text).split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            markdown.blocks.push(Block::Item { line: *line, depth: *depth, text });
        }
    }
}

fn close(open: &mut Vec<Open>, markdown: &mut Markdown) {
    let Some(block) = open.pop() else { return };
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    match block {
        Open::Heading(level, line, text) => {
            markdown.blocks.push(Block::Heading { level, text: one_line(&text), line });
        }
        Open::Paragraph(line, text, quoted) => {
            let text = one_line(&text);
            // `***HTTP Request***` alone on its line: a heading written as emphasis (a part's,
            // below any real heading).
            let inner = text.trim_matches('*');
            // (`**`name`**`, a name in code, is a parameter, not a heading.)
            let emphasised =
                text.starts_with('*') && text.ends_with('*') && !inner.contains('*') && !inner.starts_with('`');
            if emphasised && !quoted && !inner.is_empty() && inner.split_whitespace().count() <= 6 {
                markdown.blocks.push(Block::Heading { level: 6, text: inner.trim().to_owned(), line });
            } else if !text.is_empty() {
                markdown.blocks.push(Block::Paragraph { line, text, quoted });
            }
        }
        Open::Item(line, depth, text) => {
            let text = one_line(&text);
            if !text.is_empty() {
                markdown.blocks.push(Block::Item { line, depth, text });
            }
        }
        Open::Code(line, lang, text) => markdown.blocks.push(Block::Code { line, lang, text }),
        // A `<table>` inside the Markdown is a table like any other.
        Open::Html(line, text) => match super::html_table::read(&text, line) {
            Some((header, rows)) => markdown.blocks.push(Block::Table { line, header, rows }),
            None => markdown.blocks.push(Block::Html { line, text }),
        },
        Open::Table(line, header, rows, _, _, _) => {
            let header = header.iter().map(|cell| one_line(cell)).collect();
            let rows = rows
                .into_iter()
                .map(|(line, cells)| (line, cells.iter().map(|cell| one_line(cell)).collect()))
                .collect();
            markdown.blocks.push(Block::Table { line, header, rows });
        }
        Open::Metadata(text) => markdown.front_matter = Some(text),
    }
}
