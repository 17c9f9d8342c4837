//! Compares the endpoint a page imports to with the endpoint in the schema, as readable lines:
//! rows added (`+`), removed (`-`) or changed (`~`: type, required, nullable, limit, notes,
//! description, order), and the method, path, path parameters, response, examples and custom
//! attributes: everything that reaches the generated code. Type spellings do not count
//! (`list(strings)` equals `list(string)`); line breaks in prose do, because they reach the
//! generated docs. Also the endpoint's identity, and the overrides entry that would keep the
//! schema as it is (`--suggest`). It reads and writes nothing.

use codegen::__stages::schema::{Endpoint, Field, OrderedMap};

use super::types::normalize;
use super::yaml::{self, Entry, Node};

/// What makes an endpoint the one it is, everywhere (the drift check, the write, and a
/// re-import): the method, the path with its placeholders' names left out, and the required
/// query keys, which tell apart endpoints sharing one path (the `/users/search/` family).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// `GET`, upper case.
    pub method: String,
    /// The path without its query part, each `:name` written `:`.
    pub path: String,
    /// The required query keys, sorted.
    pub query: Vec<String>,
}

impl Identity {
    /// The identity of a schema endpoint.
    pub fn of(endpoint: &Endpoint) -> Identity {
        let path = endpoint.path.split('?').next().unwrap_or("");
        let path = path
            .split('/')
            .map(|segment| if segment.starts_with(':') || segment.starts_with('{') { ":" } else { segment })
            .collect::<Vec<_>>()
            .join("/");
        let mut query: Vec<String> = endpoint
            .query
            .iter()
            .flat_map(|rows| rows.iter())
            .filter(|(_, field)| field.required.0)
            .map(|(name, _)| name.to_owned())
            .collect();
        query.sort();
        Identity { method: endpoint.method.to_uppercase(), path, query }
    }

    /// The same method and path (the query keys aside).
    pub fn same_route(&self, other: &Identity) -> bool {
        self.method == other.method && self.path == other.path
    }

    /// `GET /users/search/`.
    pub fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Every difference, one line each (`old` is the schema, `new` the page). Everything that
/// reaches the generated code is compared.
pub fn diff(old: &Endpoint, new: &Endpoint) -> Vec<String> {
    let mut lines = Vec::new();
    let mut scalar = |what: &str, old: String, new: String| {
        if old != new {
            lines.push(format!("~ {what}: {old} -> {new}"));
        }
    };
    scalar("method", old.method.to_uppercase(), new.method.to_uppercase());
    scalar("path", old.path.clone(), new.path.clone());
    scalar(
        "response",
        old.response.as_deref().map_or_else(|| "(none given)".to_owned(), normalize),
        new.response.as_deref().map_or_else(|| "(none given)".to_owned(), normalize),
    );
    scalar("title", shown(old.title.as_deref()), shown(new.title.as_deref()));
    scalar("source", shown(old.source.as_deref()), shown(new.source.as_deref()));
    scalar("retry_safe", old.retry_safe.to_string(), new.retry_safe.to_string());
    scalar("filters", old.filters.to_string(), new.filters.to_string());
    match (&old.custom_attributes, &new.custom_attributes) {
        (Some(_), None) => {
            lines.push("- custom_attributes (the page no longer shows a custom attribute placeholder)".to_owned())
        }
        (None, Some(_)) => lines.push("+ custom_attributes (the page now allows any custom attribute)".to_owned()),
        (Some(old_custom), Some(new_custom)) => {
            text_change(
                &mut lines,
                "custom_attributes.placeholder",
                old_custom.placeholder.as_deref(),
                new_custom.placeholder.as_deref(),
            );
            text_change(
                &mut lines,
                "custom_attributes.description",
                old_custom.description.as_deref(),
                new_custom.description.as_deref(),
            );
        }
        (None, None) => {}
    }
    text_change(&mut lines, "sources", old.sources.as_deref(), new.sources.as_deref());
    text_change(&mut lines, "description", old.description.as_deref(), new.description.as_deref());

    for (name, param) in new.path_params.iter() {
        match old.path_params.iter().find(|(old_name, _)| *old_name == name) {
            None => lines.push(format!("+ path_params.{name} ({})", param.ty)),
            Some((_, old_param)) => {
                if normalize(&old_param.ty) != normalize(&param.ty) {
                    lines.push(format!("~ path_params.{name} type: {} -> {}", old_param.ty, param.ty));
                }
                text_change(
                    &mut lines,
                    &format!("path_params.{name} description"),
                    old_param.description.as_deref(),
                    param.description.as_deref(),
                );
            }
        }
    }
    for (name, param) in old.path_params.iter() {
        if !new.path_params.iter().any(|(new_name, _)| new_name == name) {
            lines.push(format!("- path_params.{name} ({})", param.ty));
        }
    }
    rows(&mut lines, "request", old.request.as_ref(), new.request.as_ref());
    rows(&mut lines, "query", old.query.as_ref(), new.query.as_ref());
    let example = |examples: &Option<codegen::__stages::schema::Examples>, response: bool| {
        examples
            .as_ref()
            .and_then(|examples| if response { examples.response.clone() } else { examples.request.clone() })
    };
    for (which, response) in [("request", false), ("response", true)] {
        match (example(&old.examples, response), example(&new.examples, response)) {
            (Some(_), None) => lines.push(format!("- examples.{which} (the page no longer shows this example)")),
            (None, Some(_)) => lines.push(format!("+ examples.{which} (the page now shows an example)")),
            (Some(before), Some(after)) if before.trim_end() != after.trim_end() => {
                let what = match (json_value(&before), json_value(&after)) {
                    (Some(a), Some(b)) if a == b => "the same JSON, written differently",
                    _ => "another value",
                };
                lines.push(format!("~ examples.{which}: {what}"));
            }
            _ => {}
        }
    }
    lines
}

fn json_value(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok()
}

fn shown(text: Option<&str>) -> String {
    text.map_or_else(|| "(none)".to_owned(), str::to_owned)
}

fn rows(lines: &mut Vec<String>, table: &str, old: Option<&OrderedMap<Field>>, new: Option<&OrderedMap<Field>>) {
    let empty = OrderedMap::default();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    for (name, field) in new.iter() {
        let key = format!("{table}.{name}");
        let Some((_, before)) = old.iter().find(|(old_name, _)| *old_name == name) else {
            let described =
                field.description.as_deref().map(|text| format!(": {}", collapse(text))).unwrap_or_default();
            lines.push(format!("+ {key} ({}){described}", summary(field)));
            continue;
        };
        let mut change = |what: &str, old: String, new: String| {
            if old != new {
                lines.push(format!("~ {key} {what}: {old} -> {new}"));
            }
        };
        change("type", normalize(&before.ty), normalize(&field.ty));
        change("required", yes_no(before.required.0), yes_no(field.required.0));
        change("nullable", nullable(before.nullable), nullable(field.nullable));
        change("max_length", limit(before.max_length), limit(field.max_length));
        change("min_length", limit(before.min_length), limit(field.min_length));
        change("minimum", scalar(before.minimum.as_ref()), scalar(field.minimum.as_ref()));
        change("maximum", scalar(before.maximum.as_ref()), scalar(field.maximum.as_ref()));
        change("default", scalar(before.default.as_ref()), scalar(field.default.as_ref()));
        change("rust_name", shown(before.rust_name.as_deref()), shown(field.rust_name.as_deref()));
        change("aliases", format!("{:?}", before.aliases), format!("{:?}", field.aliases));
        change("const", constant(before), constant(field));
        text_change(lines, &format!("{key} description"), before.description.as_deref(), field.description.as_deref());
        text_change(lines, &format!("{key} deprecated"), before.deprecated.as_deref(), field.deprecated.as_deref());
        text_change(lines, &format!("{key} note"), before.note.as_deref(), field.note.as_deref());
    }
    for (name, field) in old.iter() {
        if !new.iter().any(|(new_name, _)| new_name == name) {
            lines.push(format!("- {table}.{name} ({})", summary(field)));
        }
    }
    let order = |map: &OrderedMap<Field>, other: &OrderedMap<Field>| -> Vec<String> {
        map.iter().map(|(name, _)| name.to_owned()).filter(|name| other.iter().any(|(o, _)| o == name)).collect()
    };
    let (before, after) = (order(old, new), order(new, old));
    if before != after {
        lines.push(format!("~ {table} order: {} -> {}", before.join(", "), after.join(", ")));
    }
}

fn constant(field: &Field) -> String {
    field.constant.as_ref().map_or_else(
        || "(none)".to_owned(),
        |value| serde_yaml::to_string(value).map_or_else(|_| "?".to_owned(), |text| text.trim_end().to_owned()),
    )
}

fn summary(field: &Field) -> String {
    let mut text = format!("{}, required: {}", field.ty, yes_no(field.required.0));
    match field.nullable {
        Some(true) => text.push_str(", nullable"),
        Some(false) => text.push_str(", not nullable"),
        None => {}
    }
    if let Some(max) = field.max_length {
        text.push_str(&format!(", max_length: {max}"));
    }
    text
}

/// `true`, `false`, or `default` when the row does not say (the API's `request_nullable`
/// decides for request rows).
fn nullable(flag: Option<bool>) -> String {
    flag.map_or_else(|| "default".to_owned(), |flag| flag.to_string())
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

/// A bound or default as the schema writes it, or `none`.
fn scalar(value: Option<&serde_yaml::Value>) -> String {
    value.map_or_else(
        || "none".to_owned(),
        |value| serde_yaml::to_string(value).map_or_else(|_| "?".to_owned(), |text| text.trim_end().to_owned()),
    )
}

fn limit(max: Option<u32>) -> String {
    max.map_or_else(|| "none".to_owned(), |max| max.to_string())
}

/// Words only: for showing a description on one line.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text that differs (trailing line breaks aside): the words, or a line-break note.
fn text_change(lines: &mut Vec<String>, what: &str, old: Option<&str>, new: Option<&str>) {
    let (old, new) = (old.unwrap_or("").trim_end(), new.unwrap_or("").trim_end());
    if old == new {
        return;
    }
    let (old_words, new_words) = (collapse(old), collapse(new));
    if old_words == new_words {
        lines.push(format!("~ {what}: the same words, other line breaks"));
        return;
    }
    lines.push(format!("~ {what}:"));
    lines.push(format!("    - {}", if old_words.is_empty() { "(none)" } else { &old_words }));
    lines.push(format!("    + {}", if new_words.is_empty() { "(none)" } else { &new_words }));
}

/// The overrides entry that makes the page import to `old` (the schema's endpoint), as YAML
/// under `key`: every decision the schema made that the page does not say, each under a one-line
/// reason drafted from what differs (the maintainer sharpens it). Written by the one YAML writer
/// (`yaml`), as the schema files are.
pub fn suggest(key: &str, old: &Endpoint, new: &Endpoint) -> String {
    let mut entry: Vec<Entry> = Vec::new();
    let mut put = |name: &str, value: Option<Node>| {
        if let Some(value) = value {
            entry.push(Entry::new(name, value).with_comments(vec![reason(name).to_owned()]));
        }
    };
    let text = |value: &Option<String>, other: &Option<String>| -> Option<Node> {
        let (a, b) = (value.as_deref().unwrap_or("").trim_end(), other.as_deref().unwrap_or("").trim_end());
        (a != b).then(|| Node::Text(a.to_owned()))
    };
    put("title", text(&old.title, &new.title));
    put(
        "method",
        (old.method.to_uppercase() != new.method.to_uppercase()).then(|| Node::Raw(old.method.to_uppercase())),
    );
    put("path", (old.path != new.path).then(|| Node::Text(old.path.clone())));
    put("source", text(&old.source, &new.source));
    put("sources", text(&old.sources, &new.sources));
    put("description", text(&old.description, &new.description));
    put(
        "response",
        (normalize(old.response.as_deref().unwrap_or("none")) != normalize(new.response.as_deref().unwrap_or("none")))
            .then(|| Node::Text(old.response.clone().unwrap_or_else(|| "none".into()))),
    );
    put("retry_safe", (old.retry_safe != new.retry_safe).then(|| Node::Raw(old.retry_safe.to_string())));
    put("filters", (old.filters != new.filters).then(|| Node::Raw(old.filters.to_string())));
    if old.custom_attributes.is_none() && new.custom_attributes.is_some() {
        put("no_custom_attributes", Some(Node::Raw("true".into())));
    }
    let same_custom = |new: &codegen::__stages::schema::CustomAttributes,
                       old: &codegen::__stages::schema::CustomAttributes| {
        let trimmed = |text: &Option<String>| text.as_deref().map(str::trim_end).map(str::to_owned);
        trimmed(&new.placeholder) == trimmed(&old.placeholder) && trimmed(&new.description) == trimmed(&old.description)
    };
    if let (Some(custom), false) = (
        &old.custom_attributes,
        old.custom_attributes.as_ref().zip(new.custom_attributes.as_ref()).is_some_and(|(o, n)| same_custom(n, o)),
    ) {
        let mut value = Vec::new();
        if let Some(placeholder) = &custom.placeholder {
            value.push(Entry::text("placeholder", placeholder.clone()));
        }
        if let Some(description) = &custom.description {
            value.push(Entry::text("description", description.trim_end()));
        }
        put("custom_attributes", Some(Node::Map(value)));
    }
    let mut params = Vec::new();
    for (name, param) in old.path_params.iter() {
        let mine = new.path_params.iter().find(|(other, _)| *other == name).map(|(_, p)| p);
        let mut keys = Vec::new();
        if mine.is_none_or(|p| normalize(&p.ty) != normalize(&param.ty)) {
            keys.push(Entry::raw("type", param.ty.clone()));
        }
        if mine.is_none_or(|p| {
            p.description.as_deref().map(str::trim_end) != param.description.as_deref().map(str::trim_end)
        }) && let Some(description) = &param.description
        {
            keys.push(Entry::text("description", description.trim_end()));
        }
        if !keys.is_empty() {
            params.push(Entry::new(name, Node::Map(keys)));
        }
    }
    if !params.is_empty() {
        put("path_params", Some(Node::Map(params)));
    }
    let empty = OrderedMap::default();
    let (old_rows, new_rows) = match (&old.request, &old.query) {
        (Some(rows), _) => (rows, new.request.as_ref().unwrap_or(&empty)),
        (None, Some(rows)) => (rows, new.query.as_ref().unwrap_or(&empty)),
        (None, None) => (&empty, new.request.as_ref().or(new.query.as_ref()).unwrap_or(&empty)),
    };
    let mut rows = Vec::new();
    for (name, field) in old_rows.iter() {
        let mine = new_rows.iter().find(|(other, _)| *other == name).map(|(_, f)| f);
        let mut keys = Vec::new();
        let differs = |a: &Option<String>, b: Option<&Option<String>>| match b {
            None => a.is_some(),
            Some(b) => a.as_deref().unwrap_or("").trim_end() != b.as_deref().unwrap_or("").trim_end(),
        };
        let prose = |text: &Option<String>| Node::Text(text.as_deref().unwrap_or("").trim_end().to_owned());
        if mine.is_none_or(|f| normalize(&f.ty) != normalize(&field.ty)) {
            keys.push(Entry::text("type", field.ty.clone()));
        }
        if mine.is_none_or(|f| f.required.0 != field.required.0) {
            keys.push(Entry::raw("required", yes_no(field.required.0)));
        }
        if let Some(nullable) = field.nullable.filter(|_| mine.is_none_or(|f| f.nullable != field.nullable)) {
            keys.push(Entry::raw("nullable", nullable.to_string()));
        }
        if mine.is_none_or(|f| f.max_length != field.max_length)
            && let Some(max) = field.max_length
        {
            keys.push(Entry::raw("max_length", max.to_string()));
        }
        if mine.is_none_or(|f| f.min_length != field.min_length)
            && let Some(min) = field.min_length
        {
            keys.push(Entry::raw("min_length", min.to_string()));
        }
        for (key, value, before) in [
            ("minimum", &field.minimum, mine.map(|f| &f.minimum)),
            ("maximum", &field.maximum, mine.map(|f| &f.maximum)),
            ("default", &field.default, mine.map(|f| &f.default)),
        ] {
            if let Some(value) = value.as_ref().filter(|_| before.is_none_or(|before| before != value)) {
                keys.push(Entry::raw(key, scalar(Some(value))));
            }
        }
        if differs(&field.description, mine.map(|f| &f.description)) {
            keys.push(Entry::new("description", prose(&field.description)));
        }
        if differs(&field.deprecated, mine.map(|f| &f.deprecated)) {
            keys.push(Entry::new("deprecated", prose(&field.deprecated)));
        }
        if differs(&field.note, mine.map(|f| &f.note)) {
            keys.push(Entry::new("note", prose(&field.note)));
        }
        if differs(&field.rust_name, mine.map(|f| &f.rust_name)) {
            keys.push(Entry::text("rust_name", field.rust_name.clone().unwrap_or_default()));
        }
        if mine.is_none_or(|f| f.aliases != field.aliases) && !field.aliases.is_empty() {
            keys.push(Entry::new("aliases", Node::List(field.aliases.clone())));
        }
        if mine.is_none_or(|f| constant(f) != constant(field)) && field.constant.is_some() {
            keys.push(Entry::raw("const", constant(field)));
        }
        if !keys.is_empty() {
            let why = match (mine, &field.note) {
                (None, Some(note)) => format!("not in the page's table: {}", first_clause(note)),
                (None, None) => "not in the page's table; the schema has it from other sources".to_owned(),
                (Some(_), Some(note)) => format!("the schema's decision: {}", first_clause(note)),
                (Some(_), None) => "the schema's decision for the row (the page says otherwise)".to_owned(),
            };
            rows.push(Entry::new(name, Node::Map(keys)).with_comments(vec![why]));
        }
    }
    for (name, _) in new_rows.iter() {
        if !old_rows.iter().any(|(other, _)| other == name) {
            rows.push(
                Entry::new(name, Node::Map(vec![Entry::raw("remove", "true")]))
                    .with_comments(vec!["the page's row is not a field of the schema's endpoint".to_owned()]),
            );
        }
    }
    if !rows.is_empty() {
        entry.push(Entry::new("rows", Node::Map(rows)));
    }
    let old_order: Vec<&str> = old_rows.iter().map(|(name, _)| name).collect();
    let kept: Vec<&str> = new_rows.iter().map(|(name, _)| name).filter(|name| old_order.contains(name)).collect();
    let appended: Vec<&str> =
        kept.iter().copied().chain(old_order.iter().copied().filter(|name| !kept.contains(name))).collect();
    if appended != old_order {
        entry.push(
            Entry::new("row_order", Node::List(old_order.iter().map(|name| (*name).to_owned()).collect()))
                .with_comments(vec![reason("row_order").to_owned()]),
        );
    }
    let example = |examples: &Option<codegen::__stages::schema::Examples>, response: bool| {
        examples
            .as_ref()
            .and_then(|examples| if response { examples.response.clone() } else { examples.request.clone() })
    };
    let (mut examples, mut not_on_page) = (Vec::new(), Vec::new());
    for (which, response) in [("request", false), ("response", true)] {
        let (before, after) = (example(&old.examples, response), example(&new.examples, response));
        if before.as_deref().map(str::trim_end) != after.as_deref().map(str::trim_end) {
            let value = before.map_or_else(|| Node::Raw("none".to_owned()), Node::Literal);
            match after {
                Some(_) => examples.push(Entry::new(which, value)),
                None => not_on_page.push(Entry::new(which, value)),
            }
        }
    }
    if !examples.is_empty() {
        entry.push(Entry::new("examples", Node::Map(examples)).with_comments(vec![reason("examples").to_owned()]));
    }
    if !not_on_page.is_empty() {
        entry.push(
            Entry::new("examples_not_on_page", Node::Map(not_on_page))
                .with_comments(vec![reason("examples_not_on_page").to_owned()]),
        );
    }
    yaml::write(&[Entry::new(key, Node::Map(entry))])
}

/// The one-line reason written above a suggested override key.
fn reason(key: &str) -> &'static str {
    match key {
        "title" => "the schema's title for the endpoint, not the page's heading",
        "method" => "the method the schema uses where the page contradicts itself",
        "path" => "the schema's spelling of the path (placeholder names are the schema's)",
        "source" => "how sure the schema is of the endpoint (the page alone cannot say)",
        "sources" => "where else the endpoint is seen (SDKs, other pages): the page cannot list them",
        "description" => "the schema's description: the page's intro with the notes the schema adds",
        "response" => "the response model: the page's example does not decide it",
        "retry_safe" => "the schema's judgement that a retry is safe",
        "filters" => "the endpoint takes field-lookup filters, which the page does not list",
        "no_custom_attributes" => "the schema's endpoint takes no custom attributes",
        "custom_attributes" => "the schema's custom attributes, which the page's table does not announce",
        "path_params" => "the schema's path parameters: type or description the page does not give",
        "row_order" => "the schema's order of the rows (rows added by the overrides go where the schema has them)",
        "examples" => "the schema keeps its own copy of the example (repaired, shortened, or left out)",
        "examples_not_on_page" => "the page is cut short before this example; the schema has it from the full page",
        _ => "the schema's decision",
    }
}

/// A note's first clause, for a reason line.
fn first_clause(note: &str) -> String {
    let line = note.lines().next().unwrap_or("").trim();
    let cut = line.find("; ").map_or(line, |at| &line[..at]);
    let short: String = cut.chars().take(90).collect();
    if short.len() < cut.len() { format!("{short}…") } else { short }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(yaml: &str) -> Endpoint {
        let file: codegen::__stages::schema::SchemaFile = serde_yaml::from_str(yaml).unwrap();
        file.endpoints.0.into_iter().next().unwrap().1
    }

    #[test]
    fn spellings_are_not_drift_but_line_breaks_are() {
        let old = endpoint(
            "endpoints:\n  e:\n    method: put\n    path: /x/\n    response: User\n    request:\n      tags: { type: list(strings), description: \"A list\\n  of tags.\" }\n",
        );
        let new = endpoint(
            "endpoints:\n  e:\n    method: PUT\n    path: /x/\n    response: User\n    request:\n      tags: { type: string(list), required: no, description: A list of tags. }\n",
        );
        assert_eq!(diff(&old, &new), ["~ request.tags description: the same words, other line breaks"]);
    }

    #[test]
    fn limits_and_defaults_are_drift() {
        let old = endpoint(
            "endpoints:\n  e:\n    method: PUT\n    path: /x/\n    response: User\n    request:\n      name: { type: string, min_length: 3 }\n      age: { type: integer, minimum: 0, default: 18 }\n",
        );
        let new = endpoint(
            "endpoints:\n  e:\n    method: PUT\n    path: /x/\n    response: User\n    request:\n      name: { type: string, min_length: 5 }\n      age: { type: integer, minimum: 1, maximum: 130, default: 21 }\n",
        );
        assert_eq!(
            diff(&old, &new),
            [
                "~ request.name min_length: 3 -> 5",
                "~ request.age minimum: 0 -> 1",
                "~ request.age maximum: none -> 130",
                "~ request.age default: 18 -> 21",
            ]
        );
    }

    #[test]
    fn every_kind_of_change_is_one_readable_line() {
        let old = endpoint(
            "endpoints:\n  e:\n    method: PUT\n    path: /users/:id/\n    path_params: { id: { type: integer } }\n    response: User\n    custom_attributes: {}\n    request:\n      first_name: { type: string, max_length: 40, description: A first name. }\n      gone: { type: integer }\n      tags: { type: list(strings) }\n",
        );
        let new = endpoint(
            "endpoints:\n  e:\n    method: POST\n    path: /users/:custom_id/\n    path_params: { custom_id: { type: string } }\n    response: none\n    request:\n      first_name: { type: string, max_length: 50, required: yes, description: The first name. }\n      tags: { type: list(integers), nullable: true }\n      nickname: { type: string, description: A nickname. }\n",
        );
        assert_eq!(
            diff(&old, &new),
            [
                "~ method: PUT -> POST",
                "~ path: /users/:id/ -> /users/:custom_id/",
                "~ response: User -> none",
                "- custom_attributes (the page no longer shows a custom attribute placeholder)",
                "+ path_params.custom_id (string)",
                "- path_params.id (integer)",
                "~ request.first_name required: no -> yes",
                "~ request.first_name max_length: 40 -> 50",
                "~ request.first_name description:",
                "    - A first name.",
                "    + The first name.",
                "~ request.tags type: list(string) -> list(integer)",
                "~ request.tags nullable: default -> true",
                "+ request.nickname (string, required: no): A nickname.",
                "- request.gone (integer, required: no)",
            ]
        );
    }
}
