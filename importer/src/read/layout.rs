//! Endpoints from the blocks of Markdown docs pages, whatever the vendor's layout: an endpoint is
//! a heading whose section holds a request line (`` `PUT https://api.example.com/v1/users/<ID>` ``,
//! `GET /x HTTP/1.1` in a code block, a `Method | URL` table, or else a curl command); headings
//! below it that name a part (`HTTP Request`, `Query Parameters`, `Response`) are its sections,
//! and say where the rows of their tables go. Tables and lists that belong to no endpoint are
//! noted with their line.

use crate::doc::{At, Endpoint, Example, Group, Location, Note, Pages, Resource, Row};

use super::conventions::{SectionLocation, Settings, plain_word};
use super::markdown::Block;
use super::request_line::{RequestLine, body_keys, placeholder_names, placeholder_of, request_lines};
use super::rows;

/// Headings that name a part of an endpoint rather than an endpoint.
const PART_WORDS: &[&str] = &[
    "http request",
    "http method",
    "request",
    "response",
    "example",
    "examples",
    "parameters",
    "arguments",
    "endpoint",
    "url",
    "definition",
    "returns",
    "result",
    "body",
    "headers",
    "attributes",
    "errors",
    "sample",
    "method",
    "request method",
    "request url",
    "resource url",
    "endpoint url",
];

/// Reads the endpoints of one file's blocks into `pages`.
pub fn read_file(settings: &Settings, file: &str, blocks: &[Block], pages: &mut Pages) {
    let requests = request_lines(blocks);
    // The owning heading of every block: the nearest heading above it that names an endpoint
    // rather than a part.
    let owners = owners(blocks);
    // Endpoints as (owner heading block, request line), in page order.
    let mut chosen: Vec<(Option<usize>, RequestLine)> = Vec::new();
    // Per heading, the request lines of the best kind it has: prose, tables and HTML blocks
    // (`### HTTP Request` then `` `GET /x` ``) before code blocks (examples with real ids).
    let has_prose: Vec<Option<usize>> = requests.iter().filter(|r| !r.code).map(|r| owners[r.block]).collect();
    for request in requests.iter().filter(|r| !r.curl) {
        let owner = owners[request.block];
        if request.code && owner.is_some() && has_prose.contains(&owner) {
            continue;
        }
        // `POST /time_entries` and `POST /time_entries?notify=true` under one heading: one
        // endpoint, the line that shows the query kept.
        let path = |url: &str| url.split('?').next().unwrap_or("").to_owned();
        match chosen
            .iter_mut()
            .find(|(o, r)| *o == owner && r.method == request.method && path(&r.url) == path(&request.url))
        {
            Some((_, kept)) => {
                if !kept.url.contains('?') && request.url.contains('?') {
                    kept.url = request.url.clone();
                }
            }
            None => chosen.push((owner, request.clone())),
        }
    }
    for request in requests.iter().filter(|r| r.curl) {
        let owner = owners[request.block];
        if owner.is_some() && !chosen.iter().any(|(o, _)| *o == owner) {
            chosen.push((owner, request.clone()));
        }
    }
    chosen.sort_by_key(|(_, request)| request.block);
    let mut claimed = vec![false; blocks.len()];
    for (index, (owner, request)) in chosen.iter().enumerate() {
        let start = match owner {
            // The first endpoint of a heading starts at the heading; later ones at their line.
            Some(heading) if chosen[..index].iter().all(|(o, _)| o != owner) => *heading,
            _ => request.block,
        };
        let owner_level = owner.map(|at| heading_level(&blocks[at]));
        let mut end = blocks.len();
        for (at, block) in blocks.iter().enumerate().skip(start + 1) {
            if let (Block::Heading { level, .. }, Some(owner_level)) = (block, owner_level)
                && *level <= owner_level
                && owners[at].is_none_or(|o| Some(o) != *owner)
            {
                end = at;
                break;
            }
        }
        if let Some((_, next)) = chosen.get(index + 1)
            && next.block < end
            && chosen[index + 1].0 == *owner
        {
            end = next.block;
        }
        let title = match owner {
            Some(at) => heading_text(&blocks[*at]).to_owned(),
            None => format!("{} {}", request.method, request.url),
        };
        let title_line = owner.map_or(request.line, |at| blocks[at].line());
        let endpoint = read_endpoint(settings, file, blocks, start, end, request, title, title_line, pages);
        for flag in claimed.iter_mut().take(end).skip(start) {
            *flag = true;
        }
        pages.endpoints.push(endpoint);
    }
    // What no endpoint holds: a table of fields under a heading is a resource (a model);
    // other parameter-like tables are noted.
    let mut heading: Option<usize> = None;
    for (at, block) in blocks.iter().enumerate() {
        if matches!(block, Block::Heading { .. }) {
            heading = Some(at);
        }
        if claimed[at] {
            continue;
        }
        if let Block::Table { line, header, rows: table_rows } = block
            && let Some(columns) = rows::columns(settings, header)
        {
            pages.rows_seen += table_rows.len();
            let has_type = columns.contains(&Some(super::conventions::Column::Type));
            if let Some(heading) = heading.filter(|_| has_type)
                && let Block::Heading { text, line: heading_line, .. } = &blocks[heading]
            {
                pages.resources.push(Resource {
                    heading: At { value: text.clone(), file: file.to_owned(), line: *heading_line },
                    rows: rows::table_rows(settings, file, &columns, table_rows),
                });
                continue;
            }
            pages.notes.push(Note {
                file: file.to_owned(),
                line: *line,
                text: format!(
                    "the table `{}` ({} rows) is under no endpoint (no request line in its section), so it is not read",
                    header.join(" | "),
                    table_rows.len()
                ),
            });
        }
    }
}

fn heading_level(block: &Block) -> u8 {
    match block {
        Block::Heading { level, .. } => *level,
        _ => u8::MAX,
    }
}

fn heading_text(block: &Block) -> &str {
    match block {
        Block::Heading { text, .. } => text,
        _ => "",
    }
}

/// Whether a heading names a part of an endpoint (`HTTP Request`, `Query Parameters`).
fn is_part(settings: &Settings, text: &str) -> bool {
    let word = plain_word(text);
    PART_WORDS.iter().any(|part| word == *part || word.starts_with(&format!("{part} ")))
        || word.ends_with(" parameters")
        || word.ends_with(" request")
        || word.ends_with(" response")
        || word.ends_with(" example")
        || word.ends_with(" fields")
        || matches!(
            settings.section(text),
            Some(SectionLocation::Query | SectionLocation::Path | SectionLocation::Header)
        )
}

/// The owning heading of each block.
fn owners(blocks: &[Block]) -> Vec<Option<usize>> {
    let settings = Settings::default();
    let mut stack: Vec<(u8, usize, bool)> = Vec::new();
    let mut owners = Vec::with_capacity(blocks.len());
    for (at, block) in blocks.iter().enumerate() {
        if let Block::Heading { level, text, .. } = block {
            stack.retain(|(l, _, _)| *l < *level);
            stack.push((*level, at, is_part(&settings, text)));
        }
        owners.push(stack.iter().rev().find(|(_, _, part)| !part).map(|(_, at, _)| *at));
    }
    owners
}

/// One endpoint from its blocks `start..end`.
#[allow(clippy::too_many_arguments)]
fn read_endpoint(
    settings: &Settings,
    file: &str,
    blocks: &[Block],
    start: usize,
    end: usize,
    request: &RequestLine,
    title: String,
    title_line: usize,
    pages: &mut Pages,
) -> Endpoint {
    let mut endpoint = Endpoint {
        title: At { value: title, file: file.to_owned(), line: title_line },
        description: Vec::new(),
        method: At { value: request.method.clone(), file: file.to_owned(), line: request.line },
        url: At { value: request.url.clone(), file: file.to_owned(), line: request.line },
        groups: Vec::new(),
        examples: Vec::new(),
    };
    let default_location = match request.method.as_str() {
        "GET" | "DELETE" | "HEAD" | "OPTIONS" => Location::Query,
        _ => Location::Body,
    };
    let placeholders = placeholder_names(&request.url);
    let mut section: Option<SectionLocation> = None;
    let mut section_required: Option<bool> = None;
    let mut in_part = false;
    let mut caption_response = false;
    let mut index = start;
    while index < end {
        let block = &blocks[index];
        match block {
            Block::Heading { text, .. } if index != start => {
                in_part = true;
                section = settings.section(text);
                section_required = settings.section_required(text);
                caption_response = false;
            }
            Block::Heading { .. } => {}
            Block::Paragraph { text, quoted, line } => {
                let words = plain_word(text);
                // `**`name`**` alone under a parameters heading: a parameter with no table.
                let bare = text.trim_matches(['*', '`', ' ']);
                let in_params = matches!(
                    section,
                    Some(
                        SectionLocation::Body
                            | SectionLocation::Query
                            | SectionLocation::Path
                            | SectionLocation::Header
                            | SectionLocation::Params
                    )
                );
                if in_params && text.contains('`') && rows::looks_like_name(bare) && !bare.contains(' ') {
                    let location = section.and_then(SectionLocation::location).unwrap_or(default_location);
                    pages.rows_seen += 1;
                    endpoint.groups.push(Group {
                        location,
                        line: *line,
                        rows: vec![Row {
                            file: file.to_owned(),
                            line: *line,
                            name: Some(bare.to_owned()),
                            parents: Vec::new(),
                            ty: None,
                            required: section_required,
                            default: None,
                            description: String::new(),
                            example: None,
                            allowed: Vec::new(),
                            location: None,
                        }],
                    });
                } else if *quoted {
                    caption_response = words.contains("response") || words.contains("returns");
                } else if words.split_whitespace().count() <= 6 && (text.ends_with(':') || words.contains("parameters"))
                {
                    if let Some(location) = settings.section(text) {
                        section = Some(location);
                        section_required = settings.section_required(text);
                    }
                } else if !in_part && index != request.block {
                    endpoint.description.push(text.clone());
                }
                if !*quoted
                    && !in_part
                    && index != request.block
                    && words.split_whitespace().count() <= 6
                    && text.ends_with(':')
                {
                    endpoint.description.push(text.clone());
                }
            }
            Block::Code { line, lang, text } => {
                let trimmed = text.trim_start();
                let response = caption_response
                    || section == Some(SectionLocation::Response)
                    || trimmed.starts_with("HTTP/1.1 2")
                    || trimmed.starts_with("HTTP/2 2");
                endpoint.examples.push(Example { line: *line, lang: lang.clone(), text: text.clone(), response });
            }
            Block::Table { line, header, rows: table_rows } => {
                pages.rows_seen += rows::columns(settings, header).map_or(0, |_| table_rows.len());
                let groups_before = endpoint.groups.len();
                read_table(
                    settings,
                    file,
                    *line,
                    header,
                    table_rows,
                    section,
                    default_location,
                    &placeholders,
                    &mut endpoint,
                    pages,
                );
                if let Some(required) = section_required {
                    for group in &mut endpoint.groups[groups_before..] {
                        for row in group.rows.iter_mut().filter(|row| row.required.is_none()) {
                            row.required = Some(required);
                        }
                    }
                }
            }
            Block::Item { .. } => {
                let taken =
                    read_list(settings, file, blocks, index, end, section, default_location, &mut endpoint, pages);
                index += taken.max(1);
                continue;
            }
            Block::Html { .. } => {}
        }
        index += 1;
    }
    move_query_rows_the_body_example_sends(settings, &mut endpoint);
    if !request.code {
        add_query_keys_of_the_request_line(file, request, &mut endpoint, pages);
    }
    endpoint
}

/// `POST /time_entries?notify=true`, `/products/<id>?retailer=<retailer_name>`: keys of the
/// request line's query that no table gives become query rows (typed from the value), noted.
fn add_query_keys_of_the_request_line(file: &str, request: &RequestLine, endpoint: &mut Endpoint, pages: &mut Pages) {
    let Some((_, query)) = request.url.split_once('?') else { return };
    let known: Vec<String> =
        endpoint.groups.iter().flat_map(|group| group.rows.iter().filter_map(|row| row.name.clone())).collect();
    let mut rows = Vec::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = name.trim();
        if name.is_empty() || known.iter().any(|known| known == name) || !rows::looks_like_name(name) {
            continue;
        }
        let ty = if placeholder_of(value).is_some() || value.is_empty() {
            "string"
        } else if matches!(value, "true" | "false") {
            "boolean"
        } else if value.parse::<i64>().is_ok() {
            "integer"
        } else {
            "string"
        };
        pages.notes.push(Note {
            file: file.to_owned(),
            line: request.line,
            text: format!(
                "the query key `{name}` of the request line is in no table: read as a `{ty}` query parameter"
            ),
        });
        rows.push(Row {
            file: file.to_owned(),
            line: request.line,
            name: Some(name.to_owned()),
            parents: Vec::new(),
            ty: Some(ty.to_owned()),
            required: None,
            default: None,
            description: String::new(),
            example: (!value.is_empty() && placeholder_of(value).is_none()).then(|| value.to_owned()),
            allowed: Vec::new(),
            location: Some(Location::Query),
        });
    }
    if !rows.is_empty() {
        pages.rows_seen += rows.len();
        endpoint.groups.push(Group { location: Location::Query, line: request.line, rows });
    }
}

/// A `POST`, `PUT` or `PATCH` whose "query" rows are the keys its JSON request example sends:
/// the page's heading is loose, the example shows the body (Bitpay, Welcome Kit); or a vendor
/// whose settings say its query headings on writes mean the body (Cloud 66).
fn move_query_rows_the_body_example_sends(settings: &Settings, endpoint: &mut Endpoint) {
    if !matches!(endpoint.method.value.as_str(), "POST" | "PUT" | "PATCH") {
        return;
    }
    if settings.query_heading_on_writes_is_body {
        for group in endpoint.groups.iter_mut().filter(|group| group.location == Location::Query) {
            group.location = Location::Body;
        }
        return;
    }
    let keys: Vec<String> = endpoint
        .examples
        .iter()
        .filter(|example| !example.response)
        .flat_map(|example| body_keys(&example.text))
        .collect();
    if keys.is_empty() {
        return;
    }
    for group in endpoint.groups.iter_mut().filter(|group| group.location == Location::Query) {
        let named: Vec<&str> = group.rows.iter().filter_map(|row| row.name.as_deref()).collect();
        let sent = named.iter().filter(|name| keys.iter().any(|key| key == *name)).count();
        if !named.is_empty() && (sent * 2 >= named.len() || sent >= 3) {
            group.location = Location::Body;
        }
    }
}

/// A table inside an endpoint: parameter rows by location, or a note saying what it is.
#[allow(clippy::too_many_arguments)]
fn read_table(
    settings: &Settings,
    file: &str,
    line: usize,
    header: &[String],
    table_rows: &[(usize, Vec<String>)],
    section: Option<SectionLocation>,
    default_location: Location,
    placeholders: &[String],
    endpoint: &mut Endpoint,
    pages: &mut Pages,
) {
    let Some(columns) = rows::columns(settings, header) else {
        let is_route_table = header.iter().any(|h| plain_word(h) == "method");
        if !is_route_table {
            pages.notes.push(Note {
                file: file.to_owned(),
                line,
                text: format!("the table `{}` has no parameter-name column, so it is not read", header.join(" | ")),
            });
        }
        return;
    };
    if section == Some(SectionLocation::Ignore) {
        pages.notes.push(Note {
            file: file.to_owned(),
            line,
            text: format!(
                "the table `{}` is in a section of status codes or errors, so it is not read",
                header.join(" | ")
            ),
        });
        return;
    }
    // `| Header | Content |`: a table of headers, wherever it is.
    let headers_table =
        header.iter().any(|cell| matches!(plain_word(cell).as_str(), "header" | "headers" | "header name"));
    let section_location =
        if headers_table { Some(Location::Header) } else { section.and_then(SectionLocation::location) };
    let read = rows::table_rows(settings, file, &columns, table_rows);
    let mut by_location: Vec<Group> = Vec::new();
    for row in read {
        let is_placeholder = row.name.as_ref().is_some_and(|name| placeholders.iter().any(|p| same_name(p, name)));
        let location = row.location.unwrap_or_else(|| match section_location {
            // Rows under a path heading that are not in the path: the page means filters.
            Some(Location::Path) if !is_placeholder && row.name.is_some() => {
                pages.notes.push(Note {
                    file: file.to_owned(),
                    line: row.line,
                    text: format!(
                        "`{}` is under a path-parameters heading but not in the path: read as a {} parameter",
                        row.name.as_deref().unwrap_or(""),
                        if default_location == Location::Query { "query" } else { "body" }
                    ),
                });
                default_location
            }
            Some(location) if !(is_placeholder && location != Location::Response) => location,
            _ if is_placeholder => Location::Path,
            Some(location) => location,
            None => default_location,
        });
        match by_location.iter_mut().find(|group| group.location == location) {
            Some(group) => group.rows.push(row),
            None => by_location.push(Group { location, line, rows: vec![row] }),
        }
    }
    endpoint.groups.extend(by_location);
}

/// A definition list inside an endpoint: `- name type` then `- description` pairs, or
/// `- name (type): description` one-liners. Returns how many blocks it read.
#[allow(clippy::too_many_arguments)]
fn read_list(
    settings: &Settings,
    file: &str,
    blocks: &[Block],
    start: usize,
    end: usize,
    section: Option<SectionLocation>,
    default_location: Location,
    endpoint: &mut Endpoint,
    pages: &mut Pages,
) -> usize {
    let mut items: Vec<(usize, usize, &str)> = Vec::new();
    let mut at = start;
    while at < end {
        match &blocks[at] {
            Block::Item { line, depth, text } => items.push((*line, *depth, text)),
            _ => break,
        }
        at += 1;
    }
    let in_params = matches!(
        section,
        Some(
            SectionLocation::Body
                | SectionLocation::Query
                | SectionLocation::Path
                | SectionLocation::Header
                | SectionLocation::Params
        )
    );
    let mut read: Vec<Row> = Vec::new();
    let mut index = 0;
    while index < items.len() {
        let (line, _, text) = items[index];
        let (term, description) = split_definition(text);
        if let Some(row) = rows::list_row(settings, file, line, term, description)
            && (row.ty.is_some() || in_params)
        {
            let mut row = row;
            // `- name type` then `- the description`: the next item is this one's text.
            if description.is_empty()
                && let Some((_, _, next)) = items.get(index + 1)
                && rows::list_row(settings, file, 0, next, "").is_none_or(|r| r.ty.is_none())
            {
                row.description = next.to_string();
                index += 1;
            }
            read.push(row);
        }
        index += 1;
    }
    if !read.is_empty() {
        pages.rows_seen += read.len();
        let location = section.and_then(SectionLocation::location).unwrap_or(default_location);
        endpoint.groups.push(Group { location, line: items[0].0, rows: read });
    }
    items.len()
}

/// `name (type): description`, `` `name` - description ``: the term and the description.
fn split_definition(text: &str) -> (&str, &str) {
    for separator in [" - ", " – ", " — ", ": "] {
        if let Some((term, description)) = text.split_once(separator)
            && term.split_whitespace().count() <= 4
        {
            return (term, description.trim());
        }
    }
    (text, "")
}

/// `Project ID`, `project_id` and `projectId` are one name.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    key(a) == key(b)
}
