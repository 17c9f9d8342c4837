//! One endpoint of a vendor's pages as schema keys: its path and path parameters, its query,
//! request and response rows as fields, and nested rows (`user.email`, `address[city]`,
//! `items[].sku`, arrow-marked children) as models.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::doc::{Endpoint, Location, Note, Row};
use crate::read::conventions::Settings;
use crate::types;
use crate::yaml::{Entry, Node};

use super::names::{TAKEN_METHODS, TAKEN_TYPES, ascii_words, is_keyword, unique_plain};
use super::types::{QUERY_TYPES, is_list_word, looks_like_json, schema_type};
use super::urls::{origin_of, path_of};

/// A model and its fields' wire names, for matching response examples.
pub struct KnownModel {
    /// The model's name.
    pub name: String,
    /// Its fields' wire names.
    pub fields: Vec<String>,
}

/// Converts one endpoint.
pub(crate) struct EndpointConverter<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) endpoint: &'a Endpoint,
    pub(crate) name: String,
    pub(crate) models: Vec<Entry>,
    /// The enums its rows' allowed values make.
    pub(crate) enums: Vec<Entry>,
    pub(crate) model_names: &'a mut BTreeSet<String>,
    pub(crate) notes: &'a mut Vec<Note>,
    /// The resources' models, for matching response examples.
    pub(crate) known: &'a [KnownModel],
    pub(crate) rows_read: usize,
    pub(crate) rows_warned: usize,
}

/// A field being built: its entries, and its children when nested rows name it as a parent.
#[derive(Default)]
pub(crate) struct FieldTree {
    pub(crate) row: Option<Row>,
    pub(crate) children: Vec<(String, FieldTree)>,
    pub(crate) list: bool,
}

impl FieldTree {
    fn child(&mut self, name: &str) -> &mut FieldTree {
        let at = match self.children.iter().position(|(n, _)| n == name) {
            Some(at) => at,
            None => {
                self.children.push((name.to_owned(), FieldTree::default()));
                self.children.len() - 1
            }
        };
        &mut self.children[at].1
    }
}

impl EndpointConverter<'_> {
    fn warn(&mut self, file: &str, line: usize, text: impl Into<String>) {
        self.notes.push(Note { file: file.to_owned(), line, text: text.into() });
    }

    pub(crate) fn run(&mut self, base: &str) -> Result<Vec<Entry>, String> {
        let endpoint = self.endpoint;
        if !matches!(endpoint.method.value.as_str(), "GET" | "POST" | "PUT" | "PATCH" | "DELETE") {
            return Err(format!(
                "the method `{}` is not one the schema has yet (GET, POST, PUT, PATCH, DELETE)",
                endpoint.method.value
            ));
        }
        let mut entries = vec![Entry::text("title", endpoint.title.value.clone())];
        entries.push(Entry::raw("method", endpoint.method.value.clone()));
        let (path, placeholders) = self.path(base)?;
        entries.push(Entry::text("path", path));
        let description = endpoint.description.join("\n\n");
        if !description.trim().is_empty() {
            entries.push(Entry::text("description", description));
        }
        let mut path_rows: BTreeMap<String, Row> = BTreeMap::new();
        let mut query = FieldTree::default();
        let mut body = FieldTree::default();
        let mut response = FieldTree::default();
        for group in &endpoint.groups {
            for row in &group.rows {
                let Some(name) = row.name.clone() else {
                    self.rows_warned += 1;
                    self.warn(&row.file, row.line, "the row has no name, so it is not read");
                    continue;
                };
                if !name.chars().any(|c| c.is_ascii_alphanumeric()) {
                    self.rows_warned += 1;
                    self.warn(
                        &row.file,
                        row.line,
                        format!("the row's name `{name}` has no letter or digit, so it is not read"),
                    );
                    continue;
                }
                match group.location {
                    Location::Path => {
                        let key = ascii_words(&name).to_snake_case();
                        if let Some((wire, _)) = placeholders.iter().find(|(wire, _)| {
                            ascii_words(wire).to_snake_case().replace('_', "") == key.replace('_', "")
                        }) {
                            self.rows_read += 1;
                            path_rows.insert(wire.clone(), row.clone());
                        } else {
                            self.rows_warned += 1;
                            self.warn(
                                &row.file,
                                row.line,
                                format!(
                                    "the path parameter `{name}` is not in the path `{}`, so it is not read",
                                    endpoint.url.value
                                ),
                            );
                        }
                    }
                    Location::Header => {
                        self.rows_warned += 1;
                        self.warn(
                            &row.file,
                            row.line,
                            format!(
                                "the header parameter `{name}` is not read: the schema has no per-endpoint headers yet"
                            ),
                        );
                    }
                    Location::Query => insert_row(&mut query, row),
                    Location::Body => insert_row(&mut body, row),
                    Location::Response => insert_row(&mut response, row),
                }
            }
        }
        if !placeholders.is_empty() {
            let mut params = Vec::new();
            for (wire, name) in &placeholders {
                let row = path_rows.get(wire);
                let ty = row
                    .and_then(|row| row.ty.as_deref())
                    .and_then(|ty| schema_type(self.settings, ty))
                    .filter(|ty| ty == "integer")
                    .unwrap_or_else(|| "string".to_owned());
                let mut param = vec![Entry::raw("type", ty)];
                if let Some(row) = row.filter(|row| !row.description.is_empty()) {
                    param.push(Entry::text("description", row.description.clone()));
                }
                params.push(Entry::new(name.clone(), Node::Map(param)));
            }
            entries.push(Entry::new("path_params", Node::Map(params)));
        }
        let used: BTreeSet<String> = placeholders.iter().map(|(_, name)| name.clone()).collect();
        if !query.children.is_empty() {
            let fields = self.fields(&query, Location::Query, &self.name.to_upper_camel_case(), &used);
            if !fields.is_empty() {
                entries.push(Entry::new("query", Node::Map(fields)));
            }
        }
        if !body.children.is_empty() {
            let fields = self.fields(&body, Location::Body, &self.name.to_upper_camel_case(), &BTreeSet::new());
            if !fields.is_empty() {
                entries.push(Entry::new("request", Node::Map(fields)));
            }
        }
        let response_type = if response.children.is_empty() {
            match endpoint.examples.iter().find(|example| example.response && looks_like_json(&example.text)) {
                Some(example) => self.response_of_example(example),
                None => "none".to_owned(),
            }
        } else {
            let model = format!("{}Response", self.name.to_upper_camel_case());
            self.model(&response, &model)
        };
        entries.push(Entry::text("response", response_type));
        Ok(entries)
    }

    /// The response type an example shows: a resource's model when the example's keys are the
    /// model's (`Coupon`, `list(Coupon)`), else `json`.
    fn response_of_example(&mut self, example: &crate::doc::Example) -> String {
        let text = example.text.trim_start();
        let Ok(read) = crate::json::parse(text, 0, text.len()) else { return "json".to_owned() };
        let (members, list) = match &read.value {
            crate::json::Json::Object(members) => (members, false),
            crate::json::Json::Array(items) => match items.first() {
                Some(crate::json::Json::Object(members)) => (members, true),
                _ => return "json".to_owned(),
            },
            _ => return "json".to_owned(),
        };
        let keys: Vec<&str> = members.iter().map(|member| member.key.as_str()).collect();
        let best = self
            .known
            .iter()
            .map(|model| {
                let shared = keys.iter().filter(|key| model.fields.iter().any(|field| field == *key)).count();
                (shared, model)
            })
            .filter(|(shared, model)| {
                !keys.is_empty() && *shared * 10 >= keys.len() * 8 && *shared * 2 >= model.fields.len()
            })
            .max_by_key(|(shared, _)| *shared);
        match best {
            Some((_, model)) if list => format!("list({})", model.name),
            Some((_, model)) => model.name.clone(),
            None => "json".to_owned(),
        }
    }

    /// The schema path (`:name` placeholders, snake_case) and each placeholder's wire and
    /// schema names; or why the request line cannot be a schema path.
    fn path(&mut self, base: &str) -> Result<(String, Vec<(String, String)>), String> {
        let url = self.endpoint.url.value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        let mut path = path_of(&url);
        // A full URL on another host than the base keeps its path only; say so.
        if let Some(origin) = origin_of(&url)
            && !base.starts_with(&origin)
        {
            let (file, line) = (self.endpoint.url.file.clone(), self.endpoint.url.line);
            self.warn(
                &file,
                line,
                format!("the request URL's host is not the base URL's (`{base}`): its path is kept"),
            );
        }
        let base_path = base.split_once("://").map_or("", |(_, rest)| rest.find('/').map_or("", |at| &rest[at..]));
        if base_path.len() > 1
            && let Some(rest) = path.strip_prefix(base_path.trim_end_matches('/'))
        {
            path = rest.to_owned();
        }
        let mut placeholders = Vec::new();
        let mut taken = BTreeSet::new();
        let mut segments = Vec::new();
        // `//x` (a doubled slash), and a trailing slash kept as the page writes it.
        let trailing = path.len() > 1 && path.ends_with('/');
        for segment in path.split('/').filter(|segment| !segment.is_empty()) {
            let segment = segment.trim_end_matches([';', ',']);
            match crate::read::request_line::placeholder_of(segment) {
                Some((inner, optional)) => {
                    let mut name = ascii_words(inner).to_snake_case();
                    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                        name = format!("param_{}", placeholders.len() + 1);
                    }
                    if matches!(name.as_str(), "body" | "query" | "self") || is_keyword(&name) {
                        name = format!("{name}_id");
                    }
                    if optional {
                        let (file, line) = (self.endpoint.url.file.clone(), self.endpoint.url.line);
                        self.warn(
                            &file,
                            line,
                            format!("the optional path segment `{segment}` is written as a required parameter"),
                        );
                    }
                    let name = unique_plain(&name, &mut taken);
                    placeholders.push((inner.to_owned(), name.clone()));
                    segments.push(format!(":{name}"));
                }
                None if segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
                    && segment != "."
                    && segment != ".." =>
                {
                    segments.push(segment.to_owned());
                }
                None => {
                    return Err(format!(
                        "the path segment `{segment}` of `{}` is neither a literal (letters, digits, `-._~`) nor a placeholder",
                        self.endpoint.url.value
                    ));
                }
            }
        }
        let mut path = format!("/{}", segments.join("/"));
        if trailing && path.len() > 1 {
            path.push('/');
        }
        Ok((path, placeholders))
    }

    /// The fields of a table (request or query), nested rows as models.
    fn fields(&mut self, tree: &FieldTree, location: Location, owner: &str, skip: &BTreeSet<String>) -> Vec<Entry> {
        let mut entries = Vec::new();
        let mut rust_names = BTreeSet::new();
        for (name, child) in &tree.children {
            if skip.contains(name) {
                if let Some(row) = &child.row {
                    self.rows_read += 1;
                    let _ = row;
                }
                continue;
            }
            let Some(entry) = self.field(name, child, location, owner, &mut rust_names) else { continue };
            entries.push(entry);
        }
        entries
    }

    fn field(
        &mut self,
        name: &str,
        tree: &FieldTree,
        location: Location,
        owner: &str,
        rust_names: &mut BTreeSet<String>,
    ) -> Option<Entry> {
        let row = tree.row.as_ref();
        if row.is_some() {
            self.rows_read += 1;
        }
        let (file, line) =
            row.map_or((self.endpoint.title.file.clone(), self.endpoint.title.line), |r| (r.file.clone(), r.line));
        let mut notes = Vec::new();
        let mut ty = if !tree.children.is_empty() {
            let model = format!("{owner}{}", ascii_words(name).to_upper_camel_case());
            let model = self.model(tree, &model);
            if tree.list || row.and_then(|r| r.ty.as_deref()).is_some_and(is_list_word) {
                format!("list({model})")
            } else {
                model
            }
        } else {
            match row.and_then(|r| r.ty.as_deref()) {
                Some(spelling) => match schema_type(self.settings, spelling) {
                    Some(ty) => ty,
                    None => {
                        self.warn(
                            &file,
                            line,
                            format!("the type `{spelling}` is not one the schema has: typed `json`"),
                        );
                        notes.push(format!("the docs type it `{spelling}`"));
                        "json".to_owned()
                    }
                },
                // A response field of no stated type may hold anything: `json` decodes it all.
                None if location == Location::Response => "json".to_owned(),
                None => "string".to_owned(),
            }
        };
        if location == Location::Query && !QUERY_TYPES.contains(&ty.as_str()) {
            self.warn(
                &file,
                line,
                format!(
                    "the query parameter `{name}` is typed `{ty}`, which a query string cannot hold yet: typed `string`"
                ),
            );
            notes.push(format!("the docs type it `{ty}`; sent as text"));
            ty = "string".to_owned();
        }
        if ty == "string"
            && let Some(row) = row
            && let Some(values) = enum_values(row)
        {
            ty = self.enumeration(owner, name, values);
        }
        let mut entries = vec![Entry::text("type", ty.clone())];
        let required = row.and_then(|r| r.required).unwrap_or(false);
        if location != Location::Response {
            entries.push(Entry::raw("required", if required { "yes" } else { "no" }));
        } else if required {
            entries.push(Entry::raw("required", "yes"));
        }
        if let Some(row) = row {
            if !row.description.is_empty() {
                entries.push(Entry::text("description", row.description.clone()));
            }
            if is_deprecated(&row.description) {
                entries.push(Entry::text("deprecated", row.description.clone()));
            }
            if ty == "string" {
                let limits = types::prose_limits(&row.description);
                let (min, max) = (limits.min.first().copied(), limits.max.first().copied());
                match (min, max) {
                    (Some(min), Some(max)) if min > max => self.warn(
                        &row.file,
                        row.line,
                        format!("the length limits read ({min} to {max}) contradict each other: neither is recorded"),
                    ),
                    _ => {
                        if let Some(min) = min.filter(|min| *min > 0) {
                            entries.push(Entry::raw("min_length", min.to_string()));
                        }
                        if let Some(max) = max {
                            entries.push(Entry::raw("max_length", max.to_string()));
                        }
                    }
                }
            }
            if matches!(ty.as_str(), "integer" | "number") {
                let (min, max) = types::prose_range(&row.description);
                let fits = |value: &f64| ty == "number" || value.fract() == 0.0;
                match (min.filter(fits), max.filter(fits)) {
                    (Some(min), Some(max)) if min > max => self.warn(
                        &row.file,
                        row.line,
                        format!("the range read ({min} to {max}) is empty: it is not recorded"),
                    ),
                    (min, max) => {
                        if let Some(min) = min {
                            entries.push(Entry::raw("minimum", number_text(min)));
                        }
                        if let Some(max) = max {
                            entries.push(Entry::raw("maximum", number_text(max)));
                        }
                    }
                }
            }
            if let Some(default) = row.default.clone().or_else(|| types::prose_default(&row.description)) {
                match default_entry(&ty, &default, &self.enum_values_of(&ty)) {
                    Some(entry) => entries.push(entry),
                    None => self.warn(
                        &row.file,
                        row.line,
                        format!("the default `{default}` is not a `{ty}` value: it is not recorded"),
                    ),
                }
            }
        }
        // Two wire names that make one Rust name: the second gets a `rust_name`.
        let rust = ascii_words(name).to_snake_case();
        let rust = if rust.is_empty() { "field".to_owned() } else { rust };
        let reserved = matches!(
            rust.as_str(),
            "new" | "validate" | "custom_attribute" | "custom_attributes" | "extra" | "to_query" | "filter" | "filters"
        ) || rust.starts_with("clear_");
        if reserved || rust_names.contains(&rust) || rust.starts_with(|c: char| c.is_ascii_digit()) {
            let base = format!("{}_field", rust.trim_start_matches(|c: char| c.is_ascii_digit() || c == '_'));
            let chosen = unique_plain(&base, rust_names);
            entries.push(Entry::text("rust_name", chosen));
        } else {
            rust_names.insert(rust.clone());
            if TAKEN_METHODS.contains(&rust.as_str()) {
                rust_names.insert(format!("{rust}_"));
            }
        }
        if !notes.is_empty() {
            entries.push(Entry::text("note", notes.join("; ")));
        }
        Some(Entry::new(name.to_owned(), Node::Map(entries)))
    }

    /// The values of an enum this endpoint made, by name (empty for other types).
    fn enum_values_of(&self, ty: &str) -> Vec<String> {
        self.enums
            .iter()
            .find(|entry| entry.key == ty)
            .and_then(|entry| match &entry.value {
                Node::Map(keys) => keys.iter().find_map(|key| match &key.value {
                    Node::List(values) if key.key == "values" => Some(values.clone()),
                    _ => None,
                }),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// An enum of a row's allowed values, named after its owner and field; returns its name.
    fn enumeration(&mut self, owner: &str, field: &str, values: Vec<String>) -> String {
        let wanted = format!("{owner}{}", ascii_words(field).to_upper_camel_case());
        let mut name = if TAKEN_TYPES.contains(&wanted.as_str()) { format!("{wanted}Value") } else { wanted.clone() };
        let mut counter = 2;
        while self.model_names.contains(&name) || name.ends_with("Request") || name.ends_with("Query") {
            name = format!("{wanted}Value{counter}");
            counter += 1;
        }
        self.model_names.insert(name.clone());
        self.enums.push(Entry::new(name.clone(), Node::Map(vec![Entry::new("values", Node::List(values))])));
        name
    }

    /// A model from nested rows; returns its name.
    pub(crate) fn model(&mut self, tree: &FieldTree, wanted: &str) -> String {
        let wanted = if wanted.is_empty() { "Item".to_owned() } else { wanted.to_owned() };
        let name = {
            let mut candidate =
                if TAKEN_TYPES.contains(&wanted.as_str()) { format!("{wanted}Model") } else { wanted.clone() };
            let mut counter = 2;
            while self.model_names.contains(&candidate)
                || candidate.ends_with("Request")
                || candidate.ends_with("Query")
            {
                candidate = format!("{wanted}{counter}");
                if candidate.ends_with("Request") || candidate.ends_with("Query") {
                    candidate = format!("{wanted}Model{counter}");
                }
                counter += 1;
            }
            candidate
        };
        self.model_names.insert(name.clone());
        let fields = self.fields(tree, Location::Response, &name, &BTreeSet::new());
        let mut model = Vec::new();
        if !fields.is_empty() {
            model.push(Entry::new("fields", Node::Map(fields)));
        }
        self.models.push(Entry::new(name.clone(), Node::Map(model)));
        name
    }
}

/// Places a row in the tree of its table, under its parents: `user.email`, `address[city]`,
/// `items[].sku` and arrow-marked children.
pub(crate) fn insert_row(tree: &mut FieldTree, row: &Row) {
    let Some(name) = &row.name else { return };
    let mut path: Vec<(String, bool)> = row.parents.iter().map(|p| (p.clone(), false)).collect();
    path.extend(split_nested(name));
    let mut node = tree;
    let last = path.len() - 1;
    for (at, (segment, list)) in path.iter().enumerate() {
        node = node.child(segment);
        if *list {
            node.list = true;
        }
        if at == last && node.row.is_none() {
            node.row = Some(row.clone());
        }
    }
}

/// `user.email` -> user, email; `address[city]` -> address, city; `items[].sku` -> items (a
/// list), sku; a plain name is one segment.
pub fn split_nested(name: &str) -> Vec<(String, bool)> {
    let mut segments: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `user.email`, and `data/attributes/name` as JSON:API vendors write it.
            '.' | '/' if !current.is_empty() => segments.push((std::mem::take(&mut current), false)),
            '[' => {
                if chars.peek() == Some(&']') {
                    chars.next();
                    segments.push((std::mem::take(&mut current), true));
                    if chars.peek() == Some(&'.') {
                        chars.next();
                    }
                } else {
                    if !current.is_empty() {
                        segments.push((std::mem::take(&mut current), false));
                    }
                }
            }
            ']' => {
                if !current.is_empty() {
                    segments.push((std::mem::take(&mut current), false));
                }
                if chars.peek() == Some(&'.') {
                    chars.next();
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        segments.push((current, false));
    }
    segments.retain(|(segment, _)| !segment.is_empty());
    if segments.is_empty() {
        segments.push((name.to_owned(), false));
    }
    segments
}

/// The values a row allows: its allowed-values column, or a sentence of its description that
/// lists them in code (`One of `a`, `b` or `c``, `Possible values: ...`, `Options: `view` and
/// `edit``, `Either `x` or `y``, `Choose from ...`, `Valid values are ...`). At least two, each
/// a short word; `None` otherwise.
fn enum_values(row: &Row) -> Option<Vec<String>> {
    let simple = |value: &str| {
        !value.is_empty() && value.len() <= 40 && value.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c))
    };
    let values = if row.allowed.len() >= 2 {
        row.allowed.clone()
    } else {
        let lower = row.description.to_lowercase();
        const TRIGGERS: &[&str] = &[
            "one of",
            "possible values",
            "options:",
            "either",
            "choose from",
            "valid values",
            "allowed values",
            "can be",
        ];
        let at = TRIGGERS.iter().filter_map(|trigger| lower.find(trigger).map(|at| at + trigger.len())).min()?;
        let rest = &row.description[at..];
        let sentence = rest.split(". ").next().unwrap_or(rest);
        sentence.split('`').skip(1).step_by(2).map(str::to_owned).collect()
    };
    let mut unique: Vec<String> = Vec::new();
    for value in values {
        if !simple(&value) {
            return None;
        }
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    (unique.len() >= 2).then_some(unique)
}

/// `10`, `0.5`: a bound as the schema writes it.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { value.to_string() }
}

/// The `default` key for a value the page gives, when it is one of the field's type (a number
/// for numbers, `true`/`false` for booleans, a listed value for an enum, any text for strings).
fn default_entry(ty: &str, value: &str, enum_values: &[String]) -> Option<Entry> {
    let value = value.trim().trim_matches(['`', '"', '\'']);
    match ty {
        "integer" => value.parse::<i64>().ok().map(|n| Entry::raw("default", n.to_string())),
        "number" => value.parse::<f64>().ok().filter(|n| n.is_finite()).map(|n| Entry::raw("default", number_text(n))),
        "boolean" => matches!(value, "true" | "false").then(|| Entry::raw("default", value)),
        "string" if !value.is_empty() && !value.contains('\n') => Some(Entry::text("default", value)),
        _ if enum_values.iter().any(|known| known == value) => Some(Entry::text("default", value)),
        _ => None,
    }
}

/// "Deprecated", "**Deprecated.** Use ...", "(deprecated)": the row is deprecated.
fn is_deprecated(description: &str) -> bool {
    let lower = description.trim_start().trim_start_matches(['*', '_', '(', '[']).to_lowercase();
    lower.starts_with("deprecated") || description.to_lowercase().contains("(deprecated)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(description: &str, allowed: &[&str]) -> Row {
        Row {
            description: description.to_owned(),
            allowed: allowed.iter().map(|value| (*value).to_owned()).collect(),
            ..Row::default()
        }
    }

    #[test]
    fn allowed_values_from_a_column_or_a_sentence() {
        let values = |r: Row| enum_values(&r);
        let list = |items: &[&str]| Some(items.iter().map(|item| (*item).to_owned()).collect::<Vec<_>>());
        assert_eq!(values(row("", &["cpu", "gpu"])), list(&["cpu", "gpu"]));
        assert_eq!(values(row("Options: `view` and `edit`. Default is `view`.", &[])), list(&["view", "edit"]));
        assert_eq!(
            values(row("One of `percent`, `fixed_cart` or `fixed_product`.", &[])),
            list(&["percent", "fixed_cart", "fixed_product"])
        );
        assert_eq!(values(row("Either `asc` or `desc`", &[])), list(&["asc", "desc"]));
        // One value, prose values, or no trigger: not an enum.
        assert_eq!(values(row("One of `only`.", &[])), None);
        assert_eq!(values(row("Set `a` and `b` as you like.", &[])), None);
        assert_eq!(values(row("One of `two words`, `x`.", &[])), None);
    }

    #[test]
    fn deprecated_rows() {
        assert!(is_deprecated("Deprecated. Use `expense_type`."));
        assert!(is_deprecated("**Deprecated** since v2"));
        assert!(is_deprecated("The old type (deprecated)."));
        assert!(!is_deprecated("Filter over the `type_id`."));
    }
}
