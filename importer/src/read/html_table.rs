//! `<table>` blocks that Markdown pages embed (Algorithmia's, Gluwa's), read with the HTML
//! parser the refresh uses (scraper, on html5ever) into the same header-and-rows form as a pipe
//! table: header cells from the first row of `<th>`s, each later `<tr>` a row with its line,
//! and a cell spanning columns (`colspan`) repeated across them.

use scraper::{ElementRef, Html, Selector};

/// A table's header cells, and each row's line and cells.
pub type HeaderAndRows = (Vec<String>, Vec<(usize, Vec<String>)>);

/// The header and rows of the first `<table>` of an HTML block starting at `line`, or `None`
/// when it holds none (or a table without a header row).
pub fn read(text: &str, line: usize) -> Option<HeaderAndRows> {
    if !text.to_lowercase().contains("<table") {
        return None;
    }
    let html = Html::parse_fragment(text);
    let row_selector = Selector::parse("tr").ok()?;
    let cell_selector = Selector::parse("th, td").ok()?;
    // Each `<tr` of the source, for the rows' lines.
    let lower = text.to_lowercase();
    let row_lines: Vec<usize> =
        lower.match_indices("<tr").map(|(at, _)| line + text[..at].matches('\n').count()).collect();
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (index, row) in html.select(&row_selector).enumerate() {
        let mut cells = Vec::new();
        let mut all_headers = true;
        for cell in row.select(&cell_selector) {
            all_headers &= cell.value().name() == "th";
            let span =
                cell.value().attr("colspan").and_then(|n| n.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
            let value = cell_text(cell);
            cells.extend(std::iter::repeat_n(value, span));
        }
        if header.is_empty() && all_headers && !cells.is_empty() {
            header = cells;
        } else if !cells.is_empty() {
            rows.push((row_lines.get(index).copied().unwrap_or(line), cells));
        }
    }
    (!header.is_empty()).then_some((header, rows))
}

/// A cell's text as one line, code kept in backticks so readers see `` `name` `` as in
/// Markdown.
fn cell_text(cell: ElementRef<'_>) -> String {
    let mut text = String::new();
    for node in cell.descendants() {
        if let Some(element) = node.value().as_element()
            && element.name() == "code"
        {
            text.push('`');
        }
        if let Some(piece) = node.value().as_text() {
            text.push_str(piece);
            let closes_code =
                node.parent().and_then(|p| p.value().as_element().map(|e| e.name() == "code")).unwrap_or(false);
            if closes_code {
                text.push('`');
            }
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace("``", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_table_reads_as_a_pipe_table() {
        let text = "<table>\n  <thead>\n    <tr><th>Parameter</th><th>Type</th><th>Description</th></tr>\n  </thead>\n  <tbody>\n    <tr><td><code>limit</code></td><td>integer</td><td>Items per page.</td></tr>\n    <tr><td>mode</td><td colspan=\"2\">Unused</td></tr>\n  </tbody>\n</table>";
        let (header, rows) = read(text, 10).expect("a table");
        assert_eq!(header, ["Parameter", "Type", "Description"]);
        assert_eq!(rows[0], (15, vec!["`limit`".to_owned(), "integer".to_owned(), "Items per page.".to_owned()]));
        assert_eq!(rows[1], (16, vec!["mode".to_owned(), "Unused".to_owned(), "Unused".to_owned()]));
        assert_eq!(read("<div>no table</div>", 1), None);
    }
}
