//! Reads a docs page in the vendor's published form into its parts, each with its page line: the
//! title (`# ...`), the description, the method and path lines, the attribute table in pipe form
//! (including rows whose name cell is missing), and the `# Request` / `# Response` sections. It
//! only splits the page; what the parts mean is decided by `convert`.

use std::fmt;

/// A value and the 1-based page line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub line: usize,
}

/// A docs page, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The whole text (line endings normalised to `\n`); sections are byte ranges of it.
    pub text: String,
    /// The page's URL, from a `<!-- https://... -->` line above the title.
    pub url: Option<String>,
    pub title: Spanned<String>,
    /// Paragraphs of the introduction, each joined into one line.
    pub description: Vec<Spanned<String>>,
    pub method: Spanned<String>,
    pub path: Spanned<String>,
    pub table: Option<Table>,
    /// A `Parameters` table: descriptions of the path parameters.
    pub params: Option<Table>,
    pub request: Option<Section>,
    pub response: Option<Section>,
    /// Things the reader skipped, for warnings.
    pub skipped: Vec<Spanned<String>>,
}

/// The attribute table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header_line: usize,
    /// The header's first cell, such as `Attributes` or `Lookup`.
    pub name_header: String,
    pub has_type: bool,
    pub has_required: bool,
    pub rows: Vec<Row>,
}

/// One table row: the page model's row, as every layout reader writes it (`name` is `None`
/// when the page leaves the name cell empty).
pub use crate::doc::Row;

/// A `# Request` or `# Response` section: the byte range after its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub heading_line: usize,
    pub start: usize,
    pub end: usize,
}

/// Why a page cannot be read, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Larger than any docs page by far.
const MAX_PAGE_BYTES: usize = 4 << 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Type,
    Required,
    Description,
    Example,
    Other,
}

/// Splits a page.
pub fn parse(bytes: &[u8]) -> Result<Page, PageError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(PageError { line: 1, message: format!("the page is larger than {} MiB", MAX_PAGE_BYTES >> 20) });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let line = bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(PageError { line, message: "the page is not valid UTF-8".into() });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    // Copy-button labels ("Copied!") are page chrome: blanked, so line numbers stay.
    let text: String = {
        let mut cleaned = String::with_capacity(text.len());
        for (at, line) in text.split('\n').enumerate() {
            if at > 0 {
                cleaned.push('\n');
            }
            if !is_copy_label(line) {
                cleaned.push_str(line);
            }
        }
        cleaned
    };
    let lines: Vec<(usize, &str)> = {
        let mut offset = 0;
        text.split('\n')
            .map(|line| {
                let start = offset;
                offset += line.len() + 1;
                (start, line)
            })
            .collect()
    };
    let mut index = 0;
    let blank = |line: &str| line.trim().is_empty();
    let mut skipped = Vec::new();
    let skip_blank = |index: &mut usize| {
        while *index < lines.len() && blank(lines[*index].1) {
            *index += 1;
        }
    };
    skip_blank(&mut index);
    // `<!-- https://... -->`: the page's URL, written above the page by whoever saved it.
    let mut url = None;
    while let Some(inner) = lines.get(index).and_then(|(_, line)| html_comment(line)) {
        if inner.starts_with("http://") || inner.starts_with("https://") {
            url.get_or_insert_with(|| inner.to_owned());
        }
        index += 1;
        skip_blank(&mut index);
    }
    let title = match lines.get(index).map(|(_, line)| line.trim()) {
        Some(line) if heading(line).is_some() => Spanned { value: heading(line).unwrap_or_default(), line: index + 1 },
        // A page copied as plain text loses the `#` of its title.
        Some(line)
            if !line.is_empty()
                && method_line(line).is_none()
                && !line.contains('|')
                && !line.starts_with(['{', '[', '/', '-', '*'])
                && line.chars().count() <= 80 =>
        {
            skipped.push(Spanned {
                value: "the title has no `#` (the page was copied as plain text)".into(),
                line: index + 1,
            });
            Spanned { value: line.to_owned(), line: index + 1 }
        }
        _ => {
            return Err(PageError {
                line: (index + 1).min(lines.len()),
                message: "a page starts with its title, such as `# Update user`".into(),
            });
        }
    };
    if title.value.is_empty() {
        return Err(PageError { line: title.line, message: "the title is empty".into() });
    }
    index += 1;

    // The introduction, up to the method line.
    let mut description = Vec::new();
    let mut paragraph: Option<Spanned<String>> = None;
    let mut method = None;
    let mut path = None;
    let mut stopped_at_heading = None;
    while index < lines.len() {
        let line = lines[index].1.trim();
        let number = index + 1;
        if let Some((verb, rest)) = method_line(line) {
            index += 1;
            method = Some(Spanned { value: verb.to_owned(), line: number });
            if let Some(rest) = rest {
                path = Some(Spanned { value: rest.to_owned(), line: number });
            }
            break;
        }
        if heading(line).is_some() || section_word(line).is_some() {
            stopped_at_heading = Some(number);
            break;
        }
        index += 1;
        if line.is_empty() {
            description.extend(paragraph.take());
        } else {
            match &mut paragraph {
                Some(open) => {
                    open.value.push(' ');
                    open.value.push_str(line);
                }
                None => paragraph = Some(Spanned { value: line.to_owned(), line: number }),
            }
        }
    }
    description.extend(paragraph.take());
    let (method, path) = match method {
        Some(method) => {
            let path = match path {
                Some(path) => path,
                None => {
                    skip_blank(&mut index);
                    let line = lines.get(index).map_or("", |(_, line)| line.trim());
                    let value = strip_marks(line);
                    if !value.starts_with('/') {
                        return Err(PageError {
                            line: (index + 1).min(lines.len()),
                            message: "expected the path (starting with `/`) on the line after the method".into(),
                        });
                    }
                    index += 1;
                    Spanned { value: value.to_owned(), line: index }
                }
            };
            (method, path)
        }
        // A guide page shows its endpoint only in a curl example.
        None => match curl_route(&lines) {
            Some((verb, route, line)) => {
                skipped.push(Spanned {
                    value: format!(
                        "the page has no method line; the method and path are its curl example's (line {line})"
                    ),
                    line,
                });
                (Spanned { value: verb, line }, Spanned { value: route, line })
            }
            None => {
                return Err(match stopped_at_heading {
                    Some(line) => PageError {
                        line,
                        message: "expected the method line (GET, POST, PUT, PATCH or DELETE) before this".into(),
                    },
                    None => PageError {
                        line: lines.len(),
                        message: "the page has no method line (GET, POST, PUT, PATCH or DELETE) after its description"
                            .into(),
                    },
                });
            }
        },
    };

    // The rest: prose, the tables, and the sections.
    let mut table: Option<Table> = None;
    let mut params: Option<Table> = None;
    let mut request = None;
    let mut response = None;
    let mut open_section: Option<(bool, usize, usize)> = None; // (is_request, heading line, start)
    let close = |open: &mut Option<(bool, usize, usize)>,
                 end: usize,
                 request: &mut Option<Section>,
                 response: &mut Option<Section>| {
        if let Some((is_request, heading_line, start)) = open.take() {
            let section = Section { heading_line, start, end };
            if is_request {
                request.get_or_insert(section);
            } else {
                response.get_or_insert(section);
            }
        }
    };
    let mut in_other_section = false;
    let mut last_table_end = None;
    while index < lines.len() {
        let (offset, raw) = lines[index];
        let line = raw.trim();
        let number = index + 1;
        let body_start = (offset + raw.len() + 1).min(text.len());
        let name = heading(line).or_else(|| section_word(line).map(str::to_owned));
        if let Some(name) = name {
            close(&mut open_section, offset, &mut request, &mut response);
            let lower = name.to_lowercase();
            in_other_section = false;
            if lower.contains("request") || (lower.contains("example") && !lower.contains("response")) {
                open_section = Some((true, number, body_start));
            } else if lower.contains("response") {
                open_section = Some((false, number, body_start));
            } else {
                in_other_section = true;
                skipped.push(Spanned { value: format!("the section `{name}` is not read"), line: number });
            }
            index += 1;
            continue;
        }
        if open_section.is_some() || in_other_section {
            index += 1;
            continue;
        }
        // A curl command outside any section opens the request (pages without headings).
        if line.starts_with("curl ") || line == "curl" {
            open_section = Some((true, number, offset));
            index += 1;
            continue;
        }
        let read = if is_table_line(line) && index + 1 < lines.len() && is_separator(lines[index + 1].1.trim()) {
            Some(read_table(&lines, index)?)
        } else if let Some(columns) = whitespace_header(line) {
            Some(read_whitespace_table(&lines, index, &columns)?)
        } else {
            stacked_header(&lines, index).map(|width| read_stacked_table(&lines, index, width)).transpose()?
        };
        if let Some((parsed, next)) = read {
            let is_params = matches!(parsed.name_header.to_lowercase().as_str(), "parameters" | "parameter");
            let slot = if is_params { &mut params } else { &mut table };
            if slot.is_none() {
                *slot = Some(parsed);
            } else {
                skipped.push(Spanned { value: "a second table is not read".into(), line: number });
            }
            last_table_end = Some(next);
            index = next;
            continue;
        }
        if !line.is_empty() {
            if table.is_none() && looks_like_row(line) {
                return Err(PageError {
                    line: number,
                    message: "this line reads as a table row, but no table header (`Attributes | Type | Required | Description`) comes before it".into(),
                });
            }
            skipped.push(Spanned { value: format!("the text `{}` is not read", shorten(line)), line: number });
        }
        index += 1;
    }
    close(&mut open_section, text.len(), &mut request, &mut response);
    // A page cut short inside a table: its last row may be incomplete.
    let last_content = lines.iter().rposition(|(_, line)| !blank(line)).map_or(0, |at| at + 1);
    if last_table_end.is_some_and(|end| end >= last_content) && request.is_none() && response.is_none() {
        skipped.push(Spanned {
            value: "the page ends inside the table (cut short?); its last row may be incomplete".into(),
            line: last_content,
        });
    }
    let mut page =
        Page { text: String::new(), url, title, description, method, path, table, params, request, response, skipped };
    page.text = text;
    Ok(page)
}

/// `Copied!` and the like: a copy button's label, not page text.
fn is_copy_label(line: &str) -> bool {
    matches!(line.trim(), "Copied!" | "Copy" | "Copy code" | "Copy to clipboard")
}

/// The inside of a one-line `<!-- ... -->` comment.
fn html_comment(line: &str) -> Option<&str> {
    line.trim().strip_prefix("<!--")?.strip_suffix("-->").map(str::trim)
}

/// A section title written as a plain line (`Response`, `Example request`) on pages copied
/// without their `#` marks.
fn section_word(line: &str) -> Option<&str> {
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    matches!(lower.as_str(), "request" | "response" | "example request" | "example response" | "response example")
        .then(|| line.trim().trim_end_matches(':'))
}

/// The method and path of the page's first curl command, and its line.
fn curl_route(lines: &[(usize, &str)]) -> Option<(String, String, usize)> {
    let at = lines.iter().position(|(_, line)| line.trim_start().starts_with("curl"))?;
    let command: Vec<&str> = lines[at..(at + 6).min(lines.len())].iter().map(|(_, line)| *line).collect();
    let command = command.join(" ");
    let words: Vec<&str> = command.split_whitespace().collect();
    let verb = words
        .iter()
        .position(|word| *word == "-X" || *word == "--request")
        .and_then(|flag| words.get(flag + 1))
        .map(|verb| verb.trim_matches(['"', '\'']).to_uppercase())
        .filter(|verb| METHODS.contains(&verb.as_str()))?;
    let url = words.iter().find(|word| word.contains("/api/public/"))?;
    let url = url.trim_matches(['"', '\'', '\\']);
    let path = url.split_once("/api/public")?.1;
    Some((verb, path.to_owned(), at + 1))
}

/// Column kinds of a header written without pipes (`Attributes Type Required Description`),
/// when every word is a column name.
fn whitespace_header(line: &str) -> Option<Vec<Column>> {
    if line.contains('|') {
        return None;
    }
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    let mut columns = Vec::new();
    let mut at = 0;
    while at < words.len() {
        if words[at] == "example" && words.get(at + 1).is_some_and(|next| next == "usage") {
            columns.push(Column::Example);
            at += 2;
            continue;
        }
        match column_kind(&words[at]) {
            Column::Other => return None,
            kind => columns.push(kind),
        }
        at += 1;
    }
    (columns.len() >= 3 && columns[0] == Column::Name && columns.contains(&Column::Description)).then_some(columns)
}

/// A header of cells one per line (`Data`, `Type`, `Description`): its width.
fn stacked_header(lines: &[(usize, &str)], at: usize) -> Option<usize> {
    let first = lines.get(at)?.1.trim();
    if first.contains(' ') || column_kind(first) != Column::Name {
        return None;
    }
    let mut width = 1;
    while let Some((_, line)) = lines.get(at + width) {
        let line = line.trim();
        if line.is_empty() || line.contains(' ') || matches!(column_kind(line), Column::Name | Column::Other) {
            break;
        }
        width += 1;
    }
    let kinds: Vec<Column> = (1..width).map(|i| column_kind(lines[at + i].1.trim())).collect();
    (width >= 3 && kinds.contains(&Column::Description)).then_some(width)
}

/// A row name as the docs write them.
fn is_name(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_alphanumeric())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// `name type yes …` outside any table: a table whose header was lost.
fn looks_like_row(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 4
        && is_name(words[0])
        && crate::types::map_type(words[1]).is_some()
        && words[2..].iter().take(4).any(|word| yes_no(word).is_some() && !word.contains('*'))
}

/// Reads a table written without pipes, one row a line: the name, then one word per column,
/// except the type (the words before `yes`/`no`) and the description (the rest).
fn read_whitespace_table(lines: &[(usize, &str)], at: usize, columns: &[Column]) -> Result<(Table, usize), PageError> {
    let header: Vec<&str> = lines[at].1.split_whitespace().collect();
    let description_at = columns.iter().position(|column| *column == Column::Description).unwrap_or(0);
    let required_follows_type = columns.windows(2).any(|pair| pair == [Column::Type, Column::Required]);
    let last_content = lines.iter().rposition(|(_, line)| !line.trim().is_empty()).unwrap_or(0);
    let mut rows = Vec::new();
    let mut index = at + 1;
    while index < lines.len() {
        let line = lines[index].1.trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 2 || !is_name(words[0]) {
            break;
        }
        let number = index + 1;
        let mut row = Row {
            line: number,
            name: Some(words[0].to_owned()),
            ty: None,
            required: None,
            description: String::new(),
            example: None,
            ..Row::default()
        };
        let mut next = 1;
        let mut ok = true;
        for column in &columns[1..description_at] {
            match column {
                Column::Type if required_follows_type => {
                    let Some(end) = (next..words.len()).find(|&i| i > next && yes_no(words[i]).is_some()) else {
                        ok = false;
                        break;
                    };
                    row.ty = Some(words[next..end].join(" "));
                    next = end;
                }
                kind => {
                    let Some(word) = words.get(next) else {
                        ok = false;
                        break;
                    };
                    match kind {
                        Column::Type => row.ty = Some((*word).to_owned()),
                        Column::Required => match yes_no(word) {
                            Some(flag) => row.required = Some(flag),
                            None => {
                                ok = false;
                                break;
                            }
                        },
                        Column::Example => row.example = Some((*word).to_owned()),
                        _ => {}
                    }
                    next += 1;
                }
            }
        }
        let after = columns.len() - description_at - 1;
        if ok && words.len() >= next + after {
            let end = words.len() - after;
            for (offset, column) in columns[description_at + 1..].iter().enumerate() {
                if *column == Column::Example {
                    row.example = Some(words[end + offset].to_owned());
                }
            }
            row.description = words[next..end].join(" ");
        } else {
            ok = false;
        }
        if !ok {
            // A row cut by the end of the page is left out (the cut is reported); any other
            // row that starts like one but does not read is an error; prose ends the table.
            let typed = words.get(1).is_some_and(|word| crate::types::map_type(word).is_some());
            if index >= last_content {
                index += 1;
            } else if typed {
                return Err(PageError {
                    line: number,
                    message: format!("the row does not fit the table's header `{}`", header.join(" ")),
                });
            }
            break;
        }
        rows.push(row);
        index += 1;
    }
    let table = Table {
        header_line: at + 1,
        name_header: header[0].to_owned(),
        has_type: columns.contains(&Column::Type),
        has_required: columns.contains(&Column::Required),
        rows,
    };
    Ok((table, index))
}

/// Reads a table whose cells stand one per line (`name`, `type`, `description`, `name`, …).
fn read_stacked_table(lines: &[(usize, &str)], at: usize, width: usize) -> Result<(Table, usize), PageError> {
    let columns: Vec<Column> = (0..width).map(|i| column_kind(lines[at + i].1.trim())).collect();
    let mut rows = Vec::new();
    let mut index = at + width;
    while index + width <= lines.len() {
        let name = lines[index].1.trim();
        if !is_name(name) || stacked_header(lines, index).is_some() {
            break;
        }
        let mut row = Row {
            line: index + 1,
            name: Some(name.to_owned()),
            ty: None,
            required: None,
            description: String::new(),
            example: None,
            ..Row::default()
        };
        for (offset, column) in columns.iter().enumerate().skip(1) {
            let cell = lines[index + offset].1.trim();
            match column {
                Column::Type => row.ty = Some(cell.to_owned()),
                Column::Required => match yes_no(cell) {
                    Some(flag) => row.required = Some(flag),
                    None if cell.is_empty() => {}
                    None => {
                        return Err(PageError {
                            line: index + offset + 1,
                            message: format!("the `Required` cell says `{cell}`; expected `yes` or `no`"),
                        });
                    }
                },
                Column::Description => row.description = cell.to_owned(),
                Column::Example => row.example = Some(cell.to_owned()),
                Column::Name | Column::Other => {}
            }
        }
        rows.push(row);
        index += width;
    }
    let table = Table {
        header_line: at + 1,
        name_header: lines[at].1.trim().to_owned(),
        has_type: columns.contains(&Column::Type),
        has_required: columns.contains(&Column::Required),
        rows,
    };
    Ok((table, index))
}

/// The text of a `#`-heading.
fn heading(line: &str) -> Option<String> {
    let rest = line.trim_start_matches('#');
    (line.starts_with('#') && line.len() - rest.len() <= 6 && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| rest.trim().to_owned())
}

/// `PUT`, or `PUT /users/:id/` (the method and the path on one line).
fn method_line(line: &str) -> Option<(&'static str, Option<&str>)> {
    let line = strip_marks(line);
    let (word, rest) = line.split_once(char::is_whitespace).map_or((line, ""), |(word, rest)| (word, rest.trim()));
    let verb = METHODS.iter().find(|verb| **verb == strip_marks(word))?;
    match rest {
        "" => Some((verb, None)),
        rest if strip_marks(rest).starts_with('/') && !strip_marks(rest).contains(char::is_whitespace) => {
            Some((verb, Some(strip_marks(rest))))
        }
        _ => None,
    }
}

/// Drops markdown emphasis and code marks around a cell or line.
pub fn strip_marks(text: &str) -> &str {
    text.trim().trim_matches(|c| c == '*' || c == '`' || c == '_').trim()
}

fn is_table_line(line: &str) -> bool {
    line.contains('|')
}

fn is_separator(line: &str) -> bool {
    let cells = split_cells(line);
    !cells.is_empty()
        && cells.iter().all(|cell| {
            let cell = cell.trim().trim_matches(':');
            !cell.is_empty() && cell.chars().all(|c| c == '-')
        })
}

/// Cells of a pipe row: an outer `|` on either side is optional; `\|` is a literal pipe.
fn split_cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = if line.ends_with('|') && !line.ends_with("\\|") { &line[..line.len() - 1] } else { line };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cell.push('|');
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells.into_iter().map(|cell| cell.trim().to_owned()).collect()
}

fn column_kind(header: &str) -> Column {
    match strip_marks(header).to_lowercase().as_str() {
        "attributes" | "attribute" | "name" | "parameter" | "parameters" | "field" | "lookup" | "key" | "data" => {
            Column::Name
        }
        "type" => Column::Type,
        "required" => Column::Required,
        "description" => Column::Description,
        "example" | "example usage" | "examples" => Column::Example,
        _ => Column::Other,
    }
}

/// `yes`/`no` as the docs write them (`**yes**` too).
pub fn yes_no(text: &str) -> Option<bool> {
    match strip_marks(text).to_lowercase().as_str() {
        "yes" | "true" | "required" | "y" => Some(true),
        "no" | "false" | "optional" | "n" => Some(false),
        _ => None,
    }
}

/// Reads the table whose header is at `lines[at]`; returns it and the index after it.
fn read_table(lines: &[(usize, &str)], at: usize) -> Result<(Table, usize), PageError> {
    let header = split_cells(lines[at].1);
    let header: Vec<String> = match header.last() {
        Some(last) if last.is_empty() && header.len() > 1 => header[..header.len() - 1].to_vec(),
        _ => header,
    };
    let columns: Vec<Column> = header.iter().map(|cell| column_kind(cell)).collect();
    if columns.first() != Some(&Column::Name) {
        return Err(PageError {
            line: at + 1,
            message: format!("the table's first column is `{}`; expected `Attributes`", header[0]),
        });
    }
    let find = |kind| columns.iter().position(|column| *column == kind);
    let (type_at, required_at, description_at, example_at) =
        (find(Column::Type), find(Column::Required), find(Column::Description), find(Column::Example));
    if description_at.is_none() {
        return Err(PageError { line: at + 1, message: "the table has no `Description` column".into() });
    }
    let width = columns.len();
    let mut rows = Vec::new();
    let mut index = at + 2;
    while index < lines.len()
        && is_table_line(lines[index].1.trim())
        && !is_separator(lines[index].1.trim())
        && !lines.get(index + 1).is_some_and(|(_, next)| is_separator(next.trim()))
    {
        let number = index + 1;
        let mut cells = split_cells(lines[index].1);
        index += 1;
        // `string | no | A user email address. | |`: the name cell is missing and the row is
        // shifted left, leaving an empty cell at its end.
        let looks_shifted = type_at == Some(1)
            && cells.len() + 1 >= width
            && cells.get(width - 1).is_none_or(String::is_empty)
            && cells.first().is_some_and(|cell| looks_like_type(cell))
            && match required_at {
                Some(2) => cells.get(1).is_some_and(|cell| yes_no(cell).is_some()),
                _ => cells.get(1).is_some_and(|cell| !looks_like_type(cell)),
            };
        if looks_shifted {
            cells.truncate(width - 1);
            cells.insert(0, String::new());
        }
        while cells.len() > width && cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.len() < width && lines[index..].iter().all(|(_, line)| line.trim().is_empty()) {
            // The page is cut short inside this row (the cut is reported).
            break;
        }
        if cells.len() < width {
            return Err(PageError {
                line: number,
                message: format!("the row has {} cells; the table's header has {width}", cells.len()),
            });
        }
        if cells.len() > width {
            // An unescaped `|` inside the last column's text.
            let extra = cells.split_off(width);
            let last = width - 1;
            for cell in extra {
                cells[last].push_str(" | ");
                cells[last].push_str(&cell);
            }
        }
        let name = strip_marks(&cells[0]);
        let required = match required_at.map(|at| &cells[at]) {
            None => None,
            Some(cell) if strip_marks(cell).is_empty() => None,
            Some(cell) => match yes_no(cell) {
                Some(flag) => Some(flag),
                None => {
                    return Err(PageError {
                        line: number,
                        message: format!("the `Required` cell says `{cell}`; expected `yes` or `no`"),
                    });
                }
            },
        };
        rows.push(Row {
            line: number,
            name: (!name.is_empty()).then(|| name.to_owned()),
            ty: type_at.map(|at| strip_marks(&cells[at]).to_owned()).filter(|ty| !ty.is_empty()),
            required,
            description: description_at.map(|at| cells[at].clone()).unwrap_or_default(),
            example: example_at.map(|at| strip_marks(&cells[at]).to_owned()).filter(|text| !text.is_empty()),
            ..Row::default()
        });
    }
    let table = Table {
        header_line: at + 1,
        name_header: header[0].clone(),
        has_type: type_at.is_some(),
        has_required: required_at.is_some(),
        rows,
    };
    Ok((table, index))
}

/// A cell that reads as a type rather than a name (for rows that lost their name cell).
fn looks_like_type(cell: &str) -> bool {
    crate::types::map_type(strip_marks(cell)).is_some()
}

fn shorten(line: &str) -> String {
    let mut short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
# Update user
You can update a specific user.
More text.

Second paragraph.
PUT
/users/:id/
Attributes | Type | Required | Description |
---|---|---|---|
custom_id | string | no | The id. |
string | no | A user email address. | |
| | integer | **yes** | Blank name, GitHub form. |
tags | list(strings) | no | A list \\| of tags. |
# Request
- CURL
curl -d '{\"a\": 1}'
# Response
{\"id\": 1}
";

    #[test]
    fn splits_a_page_in_the_vendors_form() {
        let page = parse(PAGE.as_bytes()).unwrap();
        assert_eq!(page.title, Spanned { value: "Update user".into(), line: 1 });
        assert_eq!(
            page.description,
            [
                Spanned { value: "You can update a specific user. More text.".into(), line: 2 },
                Spanned { value: "Second paragraph.".into(), line: 5 }
            ]
        );
        assert_eq!(page.method, Spanned { value: "PUT".into(), line: 6 });
        assert_eq!(page.path, Spanned { value: "/users/:id/".into(), line: 7 });
        let table = page.table.as_ref().unwrap();
        let row = |line, name: Option<&str>, ty: &str, required, description: &str| Row {
            line,
            name: name.map(str::to_owned),
            ty: Some(ty.to_owned()),
            required: Some(required),
            description: description.to_owned(),
            example: None,
            ..Row::default()
        };
        assert_eq!(
            table.rows,
            [
                row(10, Some("custom_id"), "string", false, "The id."),
                row(11, None, "string", false, "A user email address."),
                row(12, None, "integer", true, "Blank name, GitHub form."),
                row(13, Some("tags"), "list(strings)", false, "A list | of tags."),
            ]
        );
        let request = page.request.unwrap();
        assert_eq!(request.heading_line, 14);
        assert_eq!(&page.text[request.start..request.end], "- CURL\ncurl -d '{\"a\": 1}'\n");
        let response = page.response.unwrap();
        assert_eq!(&page.text[response.start..response.end], "{\"id\": 1}\n");
    }

    #[test]
    fn method_and_path_may_share_a_line() {
        let page = parse(b"# Find\nText.\n`GET /users/search/`\n").unwrap();
        assert_eq!(page.method.value, "GET");
        assert_eq!(page.path, Spanned { value: "/users/search/".into(), line: 3 });
        assert!(page.table.is_none() && page.request.is_none() && page.response.is_none());
    }

    #[test]
    fn bad_pages_say_which_line() {
        let cases: &[(&[u8], usize, &str)] = &[
            (b"", 1, "a page starts with its title, such as `# Update user`"),
            (b"\n\n| Update user |\n", 3, "a page starts with its title, such as `# Update user`"),
            (
                b"\n\nUpdate user\n",
                4,
                "the page has no method line (GET, POST, PUT, PATCH or DELETE) after its description",
            ),
            (
                b"# Update user\nText.\n",
                3,
                "the page has no method line (GET, POST, PUT, PATCH or DELETE) after its description",
            ),
            (b"# T\nPUT\nusers/\n", 3, "expected the path (starting with `/`) on the line after the method"),
            (b"# T\nText\n# Request\n", 3, "expected the method line (GET, POST, PUT, PATCH or DELETE) before this"),
            (
                b"# T\nPUT\n/x/\nAttributes | Type | Required | Description\n---|---|---|---\na | string | maybe | d\n",
                6,
                "the `Required` cell says `maybe`; expected `yes` or `no`",
            ),
            (
                b"# T\nPUT\n/x/\nAttributes | Type | Required | Description\n---|---|---|---\na | string\nb | string | no | d\n",
                6,
                "the row has 2 cells; the table's header has 4",
            ),
            (
                b"# T\nPUT\n/x/\nType | Attributes | Description\n---|---|---\n",
                4,
                "the table's first column is `Type`; expected `Attributes`",
            ),
            (b"# T\nPUT\n/x/\nok\n\xff\n", 5, "the page is not valid UTF-8"),
        ];
        for (text, line, message) in cases {
            let error = parse(text).unwrap_err();
            assert_eq!(
                error,
                PageError { line: *line, message: (*message).into() },
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn other_sections_and_stray_text_are_reported_as_skipped() {
        let page = parse(b"# T\nPOST\n/x/\nA stray line.\n# Deal as an Order\nabout orders\n# Response\n{}\n").unwrap();
        let skipped: Vec<(usize, &str)> = page.skipped.iter().map(|s| (s.line, s.value.as_str())).collect();
        assert_eq!(
            skipped,
            [(4, "the text `A stray line.` is not read"), (5, "the section `Deal as an Order` is not read")]
        );
        assert!(page.response.is_some());
    }
}
