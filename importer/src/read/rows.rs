//! Parameter tables with any column set, and definition lists, as rows: the name under any
//! common heading, the type, the required flag from its own column or from a marker in another
//! cell (`required`, `(optional)`, `*`, `✓`, bold), default, example, allowed values, the row's
//! own location, and child rows marked by an arrow or indentation.

use crate::doc::{Location, Row};

use super::conventions::{Column, Settings, plain_word};

/// The columns of a parameter table, or `None` when the header has no name column (a table of
/// something else: status codes, enum values, links). A lone name column (`| Field Name |`,
/// the fields an update takes) is a parameter table too; outside an endpoint it needs a type
/// column to be a resource.
pub fn columns(settings: &Settings, header: &[String]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = header.iter().map(|cell| settings.column(cell)).collect();
    let names = columns.iter().filter(|c| **c == Some(Column::Name)).count();
    if names == 0 {
        return None;
    }
    Some(columns)
}

/// Reads the rows of a parameter table. Rows with no name and no other cell are skipped by the
/// caller's count only; everything else becomes a row.
pub fn table_rows(
    settings: &Settings,
    file: &str,
    columns: &[Option<Column>],
    rows: &[(usize, Vec<String>)],
) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    // The names of the enclosing rows, by depth, for arrow- or indent-marked children.
    let mut stack: Vec<String> = Vec::new();
    for (line, cells) in rows {
        let cell = |column: Column| -> Option<&str> {
            let at = columns.iter().position(|c| *c == Some(column))?;
            cells.get(at).map(String::as_str).filter(|text| !text.trim().is_empty())
        };
        let mut row = Row {
            file: file.to_owned(),
            line: *line,
            name: None,
            parents: Vec::new(),
            ty: None,
            required: None,
            default: cell(Column::Default).map(clean_value),
            description: cell(Column::Description).map(str::trim).unwrap_or("").to_owned(),
            example: cell(Column::Example).map(clean_value),
            allowed: cell(Column::Allowed).map(list_values).unwrap_or_default(),
            location: cell(Column::Location).and_then(location_word),
        };
        let mut marker = None;
        if let Some(name) = cell(Column::Name) {
            if settings.bold_means_required && name.trim().starts_with("**") && name.trim().ends_with("**") {
                marker = Some(true);
            }
            let (depth, name) = child_depth(name);
            let (name, name_marker) = strip_name_marks(name);
            marker = marker.or(name_marker);
            if !name.is_empty() {
                stack.truncate(depth);
                row.parents = stack.clone();
                if depth > 0 && row.parents.len() < depth {
                    row.parents.clear();
                }
                stack.push(name.clone());
                row.name = Some(name);
            }
        }
        if let Some(ty) = cell(Column::Type) {
            let (ty, ty_marker) = strip_markers(settings, ty);
            marker = marker.or(ty_marker);
            row.ty = Some(ty).filter(|ty| !ty.is_empty());
        }
        if row.ty.is_none() && !columns.contains(&Some(Column::Type)) {
            row.ty = type_in_description(&row.description);
        }
        // A bare `array` "of specific IDs" (WooCommerce's `include`, `exclude`): numeric ids.
        if row.ty.as_deref().is_some_and(|ty| matches!(ty.to_lowercase().as_str(), "array" | "list"))
            && row.description.split(|c: char| !c.is_alphanumeric()).any(|word| word == "IDs" || word == "ids")
        {
            row.ty = Some("array of integers".to_owned());
        }
        let required = cell(Column::Required).and_then(|text| settings.required_word(text));
        let optional = cell(Column::Optional).and_then(|text| settings.required_word(text)).map(|yes| !yes);
        let description_marker = description_marker(settings, &row.description);
        row.required = required.or(optional).or(marker).or(description_marker);
        out.push(row);
    }
    out
}

/// A definition-list entry: `name type` (or `name (type, required)`) followed by its
/// description, as vendors write `- limit integer` then `- The number of items`.
pub fn list_row(settings: &Settings, file: &str, line: usize, term: &str, description: &str) -> Option<Row> {
    let term = term.trim().trim_start_matches(['-', '*', '+']).trim();
    let (name, rest) = match term.split_once(char::is_whitespace) {
        Some((name, rest)) => (name, rest.trim()),
        None => (term, ""),
    };
    let (name, name_marker) = strip_name_marks(name);
    if name.is_empty() || !looks_like_name(&name) {
        return None;
    }
    let rest = rest.trim_start_matches(['-', '–', ':']).trim();
    let rest = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')).unwrap_or(rest);
    // `limit integer`, `email (string, required)`: the words after the name are a type or a
    // marker; anything else is prose that happens to be in a list.
    let head = rest.split([' ', ',', '(', '<', '[']).next().unwrap_or("").trim_matches(['`', '*']);
    if !rest.is_empty() && !TYPE_HEADS.contains(&head.to_lowercase().as_str()) && settings.own_type(rest).is_none() {
        return None;
    }
    let (ty, marker) = strip_markers(settings, rest);
    Some(Row {
        file: file.to_owned(),
        line,
        name: Some(name),
        parents: Vec::new(),
        ty: Some(ty).filter(|ty| !ty.is_empty() && looks_like_type_words(ty)),
        required: name_marker.or(marker).or_else(|| description_marker(settings, description)),
        default: None,
        description: description.trim().to_owned(),
        example: None,
        allowed: Vec::new(),
        location: None,
    })
}

/// Words a type spelling starts with, in any vendor's docs (and the markers).
const TYPE_HEADS: &[&str] = &[
    "string",
    "strings",
    "integer",
    "integers",
    "int",
    "int32",
    "int64",
    "long",
    "number",
    "numeric",
    "float",
    "double",
    "decimal",
    "boolean",
    "bool",
    "array",
    "list",
    "object",
    "hash",
    "map",
    "dict",
    "json",
    "date",
    "datetime",
    "timestamp",
    "time",
    "uuid",
    "guid",
    "enum",
    "file",
    "binary",
    "url",
    "uri",
    "email",
    "id",
    "required",
    "optional",
    "mandatory",
];

/// Whether a word can be a parameter name: letters, digits and `_ - . [ ] $ @`, with a letter.
pub fn looks_like_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 80
        && text.chars().any(|c| c.is_alphabetic())
        && text.chars().all(|c| c.is_alphanumeric() || "_-.[]$@:".contains(c))
}

fn looks_like_type_words(text: &str) -> bool {
    text.split_whitespace().count() <= 5
}

/// The depth of a child row (`→ city`, `↳ city`, `-- city`, `&nbsp;&nbsp;city`, `> city`) and
/// the name without the marks.
fn child_depth(cell: &str) -> (usize, &str) {
    let mut depth = 0usize;
    let mut rest = cell.trim();
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("&nbsp;") {
            // Two non-breaking spaces (or one) indent one level: counted by groups below.
            depth += 1;
            rest = after;
            continue;
        }
        let marks = ["→", "↳", "└", "├", "»", "›", "-- ", "— ", "> ", "- "];
        if let Some(mark) = marks.iter().find(|mark| trimmed.starts_with(**mark)) {
            depth += 1;
            rest = &trimmed[mark.len()..];
            continue;
        }
        rest = trimmed;
        break;
    }
    // `&nbsp;&nbsp;&nbsp;&nbsp;name` is one level per two.
    if cell.trim_start().starts_with("&nbsp;") {
        depth = depth.div_ceil(2);
    }
    (depth, rest)
}

/// A name cell without code marks and emphasis, and the required marker it carries (`name*`,
/// `name (required)`, `**name**` is not a marker alone).
fn strip_name_marks(cell: &str) -> (String, Option<bool>) {
    let mut text = cell.replace("**", "").replace('`', "");
    let mut marker = None;
    for (word, required) in [("(required)", true), ("(optional)", false), ("required", true), ("optional", false)] {
        if let Some(at) = text.to_lowercase().find(word)
            && at > 0
        {
            marker = Some(required);
            text.truncate(at);
        }
    }
    let mut text = text.trim().trim_matches('*').to_owned();
    let unbolded = cell.replace("**", "");
    let unbolded = unbolded.trim().trim_matches('`');
    // `name*` marks required; `*name*` is emphasis.
    if unbolded.ends_with('*') && !unbolded.starts_with('*') && marker.is_none() {
        marker = Some(true);
    }
    // `limit <br> integer`, `name: string`: the name is the first word; but `Project ID`
    // (capitalised words naming a path placeholder such as `<Project ID>`) stays whole.
    let words: Vec<&str> = text.split_whitespace().collect();
    let title_words = words.len() <= 3
        && words
            .iter()
            .all(|word| word.starts_with(|c: char| c.is_uppercase()) && word.chars().all(char::is_alphanumeric));
    if !title_words && let Some((first, _)) = text.split_once(char::is_whitespace) {
        text = first.to_owned();
    }
    (text.trim_end_matches([':', ',']).to_owned(), marker)
}

/// A type cell (or a definition's type words) without marks, and the required marker in it:
/// `string (required)`, `*optional* integer`, `Integer, required`.
fn strip_markers(settings: &Settings, cell: &str) -> (String, Option<bool>) {
    let text = cell.replace("**", "").replace('`', "");
    let mut marker = None;
    let mut kept = Vec::new();
    for part in text.split([',', ';']) {
        let part = part.trim();
        let mut words = Vec::new();
        for word in part.split_whitespace() {
            let bare = word.trim_matches(|c: char| c == '(' || c == ')' || c == '*' || c == '_');
            match settings.required_word(bare) {
                Some(required) if matches!(plain_word(bare).as_str(), "required" | "optional" | "mandatory") => {
                    marker = marker.or(Some(required));
                }
                _ => words.push(word),
            }
        }
        let joined = words.join(" ");
        // Marks around the type go (`(string)`, `*integer*`); a format's parentheses stay
        // (`string(date-time)`).
        let balanced = joined.matches('(').count() == joined.matches(')').count() && !joined.starts_with('(');
        let joined = if balanced {
            joined.trim_matches(|c: char| c == '*' || c.is_whitespace())
        } else {
            joined.trim_matches(|c: char| c == '(' || c == ')' || c == '*' || c.is_whitespace())
        };
        if !joined.is_empty() {
            kept.push(joined.to_owned());
        }
    }
    (kept.join(", "), marker)
}

/// `**Required.** The name`, `(optional) The limit`, `Required: the id`: a marker at the start
/// of a description (later mentions are prose, not markers).
fn description_marker(settings: &Settings, description: &str) -> Option<bool> {
    let start = description.trim_start().replace("**", "").replace('*', "").replace('_', " ");
    let first = start.split_whitespace().next()?;
    let first = first.trim_matches(|c: char| !c.is_alphabetic());
    // "Required if `language` is specified": a condition, so not required in general.
    let conditional = start.split_whitespace().nth(1).is_some_and(|word| {
        matches!(
            word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase().as_str(),
            "if" | "when" | "unless" | "for" | "only"
        )
    });
    match first.to_lowercase().as_str() {
        "required" | "mandatory" if conditional => return Some(false),
        "required" | "mandatory" => return Some(true),
        "optional" => return Some(false),
        _ => {}
    }
    // A marked word anywhere: `pair symbol, **required**`, `(optional)`, `[required]`.
    let lower = description.to_lowercase();
    let marked = |word: &str| {
        ["**", "*", "(", "["]
            .iter()
            .zip(["**", "*", ")", "]"])
            .any(|(open, close)| lower.contains(&format!("{open}{word}{close}")))
    };
    let own = |words: &[String]| words.iter().any(|word| marked(&word.to_lowercase()));
    if marked("required") || marked("mandatory") || own(&settings.required_words) {
        Some(true)
    } else if marked("optional") || own(&settings.optional_words) {
        Some(false)
    } else {
        None
    }
}

/// A table without a type column often says the type in the description's first words: "a
/// hash of custom fields", "an array of steps", "date field of the planned execution",
/// "string of status", "Boolean. Whether ...".
fn type_in_description(description: &str) -> Option<String> {
    let lower = description.trim().to_lowercase().replace(['*', '`'], "");
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == '.' || c == ',').filter(|w| !w.is_empty()).collect();
    let (first, second) = match words.as_slice() {
        ["a" | "an" | "the", first, second, ..] => (*first, *second),
        ["a" | "an" | "the", first] => (*first, ""),
        [first, second, ..] => (*first, *second),
        [first] => (*first, ""),
        [] => return None,
    };
    // `Integer (in cm).`, `Boolean. Whether ...`: the type word alone first.
    let alone = lower
        .split_whitespace()
        .nth(if words.first().is_some_and(|w| matches!(*w, "a" | "an" | "the")) { 1 } else { 0 })
        .is_some_and(|word| word.ends_with(['.', ',', ':', ';']))
        || lower.split_whitespace().nth(1).is_some_and(|word| word.starts_with('('));
    let ty = match first {
        "integer" | "number" | "boolean" | "string" | "date" | "datetime" if alone => first,
        "hash" | "object" | "map" | "dictionary" | "json" => "json",
        "array" | "list" if second == "of" => "array",
        "boolean" | "bool" => "boolean",
        "integer" | "int" | "number" if matches!(second, "of" | "field" | "value" | "") => first,
        "date" | "datetime" | "timestamp" if matches!(second, "field" | "of" | "value" | "") => first,
        "string" if matches!(second, "of" | "field" | "value" | "") => "string",
        _ => return None,
    };
    Some(ty.to_owned())
}

fn clean_value(text: &str) -> String {
    text.trim().trim_matches('`').trim().to_owned()
}

/// An allowed-values cell: `` `a`, `b` or `c` ``, `a | b`, `a / b`.
fn list_values(cell: &str) -> Vec<String> {
    cell.split([',', '|', '/'])
        .flat_map(|part| part.split(" or "))
        .map(|value| value.trim().trim_matches('`').trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

/// A location column's cell.
fn location_word(cell: &str) -> Option<Location> {
    match plain_word(cell).as_str() {
        "path" | "url" | "uri" | "route" => Some(Location::Path),
        "query" | "querystring" | "query string" => Some(Location::Query),
        "body" | "json" | "form" | "formdata" | "form data" | "payload" => Some(Location::Body),
        "header" | "headers" => Some(Location::Header),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(header: &[&str], rows: &[&[&str]]) -> Vec<Row> {
        let settings = Settings::default();
        let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        let columns = columns(&settings, &header).expect("a parameter table");
        let rows: Vec<(usize, Vec<String>)> = rows
            .iter()
            .enumerate()
            .map(|(at, cells)| (at + 3, cells.iter().map(|s| s.to_string()).collect()))
            .collect();
        table_rows(&settings, "p.md", &columns, &rows)
    }

    #[test]
    fn required_flags_from_any_column_or_marker() {
        let rows = read(
            &["Parameter", "Type", "Required", "Description"],
            &[&["`email`", "string", "Yes", "The email."], &["limit", "integer", "no", "Max items."]],
        );
        assert_eq!(rows[0].name.as_deref(), Some("email"));
        assert_eq!((rows[0].ty.as_deref(), rows[0].required), (Some("string"), Some(true)));
        assert_eq!(rows[1].required, Some(false));

        let rows = read(
            &["Attribute", "Type", "Description"],
            &[
                &["id", "string (required)", "The id."],
                &["name*", "string", "The name."],
                &["note", "string", "**Optional.** A note."],
                &["tag", "*optional* string", "A tag."],
                &["size", "integer", "The size."],
            ],
        );
        let flags: Vec<_> = rows.iter().map(|r| (r.name.clone().unwrap(), r.ty.clone().unwrap(), r.required)).collect();
        assert_eq!(
            flags,
            [
                ("id".into(), "string".into(), Some(true)),
                ("name".into(), "string".into(), Some(true)),
                ("note".into(), "string".into(), Some(false)),
                ("tag".into(), "string".into(), Some(false)),
                ("size".into(), "integer".into(), None),
            ]
        );
        let rows = read(
            &["Parameter", "Presence", "Data type", "Description", "Sample value"],
            &[&["firstName", "Mandatory", "String", "First name", "`Jane`"]],
        );
        assert_eq!((rows[0].required, rows[0].example.as_deref()), (Some(true), Some("Jane")));
        let rows = read(&["Name", "Type", "Optional"], &[&["q", "string", "✓"]]);
        assert_eq!(rows[0].required, Some(false));
    }

    #[test]
    fn child_rows_and_locations() {
        let rows = read(
            &["Name", "In", "Type", "Description"],
            &[
                &["address", "body", "object", "The address."],
                &["→ city", "body", "string", "The city."],
                &["id", "path", "integer", "The id."],
            ],
        );
        assert_eq!(rows[1].name.as_deref(), Some("city"));
        assert_eq!(rows[1].parents, ["address"]);
        assert_eq!(rows[2].location, Some(Location::Path));
        assert!(rows[2].parents.is_empty());
    }

    #[test]
    fn tables_of_other_things_are_not_parameter_tables() {
        let settings = Settings::default();
        let header = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(columns(&settings, &header(&["HTTP Status", "Code", "Description"])).is_none());
        assert!(columns(&settings, &header(&["Link", "Description"])).is_none());
        assert!(columns(&settings, &header(&["Field Name"])).is_some());
        assert!(columns(&settings, &header(&["Parameter", "Description"])).is_some());
    }

    #[test]
    fn definition_list_entries() {
        let settings = Settings::default();
        let row = list_row(&settings, "p.md", 7, "- limit integer", "The number of items (required)").unwrap();
        assert_eq!((row.name.as_deref(), row.ty.as_deref(), row.line), (Some("limit"), Some("integer"), 7));
        let row = list_row(&settings, "p.md", 9, "email (string, required)", "The email.").unwrap();
        assert_eq!((row.ty.as_deref(), row.required), (Some("string"), Some(true)));
        assert!(list_row(&settings, "p.md", 9, "This is prose, not a row", "").is_none());
    }
}
