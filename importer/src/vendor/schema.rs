//! A vendor's pages (the page model) as a new schema folder: `api.yaml` (name, base URL and
//! auth, from the settings or as far as the pages say them) and one file per page file holding
//! its endpoints, with nested rows as models. Every guess is a warning naming the page line, so
//! the folder the generator accepts as it is still shows where a person should look.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::doc::{Endpoint, Location, Note, Pages, Row};
use crate::read::conventions::Settings;
use crate::types;
use crate::yaml::{Entry, Node};

/// One file of the new schema folder: its path below the folder and its top-level keys.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaText {
    pub path: String,
    pub text: String,
}

/// What converting a vendor's pages gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    pub files: Vec<SchemaText>,
    pub notes: Vec<Note>,
    pub endpoints: usize,
    /// Endpoints the pages show that the schema cannot hold yet (each one a note).
    pub skipped: usize,
    /// Rows that became a field, a parameter or a path parameter's description.
    pub rows_read: usize,
    /// Rows reported instead (no name, a location the schema cannot say yet, under no endpoint).
    pub rows_warned: usize,
}

/// Names the generated code takes for itself, so endpoints and models avoid them.
const TAKEN_METHODS: &[&str] = &[
    "new",
    "builder",
    "with_base_url",
    "with_config",
    "start",
    "client",
    "base_url",
    "server",
    "clone",
    "fmt",
    "into",
    "from",
    "eq",
    "ne",
    "hash",
    "default",
    "to_owned",
    "to_string",
    "try_into",
    "try_from",
    "borrow",
    "deref",
    "next",
    "drop",
    "type_id",
    "serialize",
    "deserialize",
    "clone_from",
    "as_ref",
    "pairs",
];
const TAKEN_TYPES: &[&str] = &[
    "Client",
    "Endpoints",
    "DateTime",
    "BlockingClient",
    "MockServer",
    "ApiKey",
    "BlockingPaginator",
    "ClientBuilder",
    "Config",
    "Core",
    "Date",
    "DateTimeMicros",
    "Decimal",
    "DecodeError",
    "Error",
    "Lookup",
    "Map",
    "Method",
    "Page",
    "Paginator",
    "Patch",
    "Query",
    "StatusError",
    "UnixTime",
    "Value",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Clone",
    "Default",
    "Iterator",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
    "Hash",
    "Extend",
    "IntoIterator",
    "AsRef",
    "AsMut",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Unpin",
];

/// Types the schema can hold in a query string.
const QUERY_TYPES: &[&str] = &["string", "integer", "number", "boolean", "datetime", "date", "timestamp", "decimal"];

/// Type words vendors use beyond the ones `types` knows, and what the schema calls them.
const VENDOR_TYPES: &[(&str, &str)] = &[
    ("long", "integer"),
    ("int32", "integer"),
    ("int64", "integer"),
    ("numeric", "number"),
    ("float", "number"),
    ("double", "number"),
    ("uuid", "string"),
    ("guid", "string"),
    ("email", "string"),
    ("url", "string"),
    ("uri", "string"),
    ("char", "string"),
    ("enum", "string"),
    ("id", "string"),
    ("string id", "string"),
    ("hash", "json"),
    ("hashmap", "json"),
    ("json object", "json"),
    ("file", "string"),
    ("timestamp", "datetime"),
    ("iso 8601", "datetime"),
    ("iso 8601 timestamp", "datetime"),
    ("iso8601", "datetime"),
    ("date-time", "datetime"),
    ("date time", "datetime"),
    ("time", "string"),
    ("decimal string", "decimal"),
    ("money", "decimal"),
    ("currency", "string"),
    ("bigdecimal", "decimal"),
    ("array of strings", "list(string)"),
    ("array of integers", "list(integer)"),
    ("array of objects", "list(json)"),
    ("string array", "list(string)"),
    ("integer array", "list(integer)"),
    ("number", "number"),
];

/// A schema file being built: its endpoints and models.
#[derive(Default)]
struct FileParts {
    endpoints: Vec<Entry>,
    models: Vec<Entry>,
}

/// A model and its fields' wire names, for matching response examples.
pub struct KnownModel {
    pub name: String,
    pub fields: Vec<String>,
}

/// Converts the pages of one vendor. `folder_name` names the API when nothing else does.
pub fn convert(pages: &Pages, settings: &Settings, folder_name: &str) -> Converted {
    let mut out = Converted { notes: pages.notes.clone(), ..Converted::default() };
    let placed: usize = pages.endpoints.iter().map(endpoint_rows).sum::<usize>()
        + pages.resources.iter().map(|resource| resource.rows.len()).sum::<usize>();
    out.rows_warned += pages.rows_seen.saturating_sub(placed);
    let base = base_url(pages, settings, &mut out.notes);
    let mut by_file: BTreeMap<String, FileParts> = BTreeMap::new();
    let mut endpoint_names = BTreeSet::new();
    let mut name_counters = BTreeMap::new();
    let mut model_names: BTreeSet<String> = BTreeSet::new();
    let mut known = Vec::new();
    for resource in &pages.resources {
        let Some(wanted) = resource_model_name(&resource.heading.value) else {
            out.rows_warned += resource.rows.len();
            out.notes.push(Note {
                file: resource.heading.file.clone(),
                line: resource.heading.line,
                text: format!(
                    "the table under `{}` names no resource to make a model of, so it is not read",
                    resource.heading.value
                ),
            });
            continue;
        };
        let holder = Endpoint {
            title: resource.heading.clone(),
            description: Vec::new(),
            method: resource.heading.clone(),
            url: resource.heading.clone(),
            groups: Vec::new(),
            examples: Vec::new(),
        };
        let mut tree = FieldTree::default();
        for row in &resource.rows {
            if row.name.as_ref().is_some_and(|name| name.chars().any(|c| c.is_ascii_alphanumeric())) {
                insert_row(&mut tree, row);
            } else {
                out.rows_warned += 1;
                out.notes.push(Note {
                    file: row.file.clone(),
                    line: row.line,
                    text: "the row has no name, so it is not read".into(),
                });
            }
        }
        let mut converter = EndpointConverter {
            settings,
            endpoint: &holder,
            name: wanted.clone(),
            models: Vec::new(),
            model_names: &mut model_names,
            notes: &mut out.notes,
            known: &[],
            rows_read: 0,
            rows_warned: 0,
        };
        let name = converter.model(&tree, &wanted);
        let models = std::mem::take(&mut converter.models);
        out.rows_read += converter.rows_read;
        out.rows_warned += converter.rows_warned;
        known.push(KnownModel { name, fields: tree.children.iter().map(|(name, _)| name.clone()).collect() });
        by_file.entry(module_path(&resource.heading.file)).or_default().models.extend(models);
    }
    for endpoint in &pages.endpoints {
        let name = unique(&endpoint_name(endpoint), &mut endpoint_names, &mut name_counters, TAKEN_METHODS);
        let mut converter = EndpointConverter {
            settings,
            endpoint,
            name: name.clone(),
            models: Vec::new(),
            model_names: &mut model_names,
            notes: &mut out.notes,
            known: &known,
            rows_read: 0,
            rows_warned: 0,
        };
        let entries = match converter.run(&base) {
            Ok(entries) => entries,
            Err(reason) => {
                let rows = endpoint_rows(endpoint);
                out.rows_warned += rows;
                out.skipped += 1;
                out.notes.push(Note {
                    file: endpoint.url.file.clone(),
                    line: endpoint.url.line,
                    text: format!("the endpoint `{}` is not imported ({rows} rows): {reason}", endpoint.title.value),
                });
                endpoint_names.remove(&name);
                continue;
            }
        };
        let models = std::mem::take(&mut converter.models);
        out.rows_read += converter.rows_read;
        out.rows_warned += converter.rows_warned;
        let parts = by_file.entry(module_path(&endpoint.title.file)).or_default();
        parts.endpoints.push(Entry::new(name, Node::Map(entries)));
        parts.models.extend(models);
        out.endpoints += 1;
    }
    out.files.push(SchemaText {
        path: "api.yaml".into(),
        text: api_file(pages, settings, &base, folder_name, &mut out.notes),
    });
    let taken_paths: BTreeSet<String> = by_file.keys().cloned().collect();
    for (path, parts) in by_file {
        // A file beside a folder of one name cannot be both modules: the file goes inside.
        let stem = path.trim_end_matches(".yaml");
        let path = if taken_paths.iter().any(|other| other.starts_with(&format!("{stem}/"))) {
            format!("{stem}/index.yaml")
        } else {
            path
        };
        let mut top = Vec::new();
        if !parts.models.is_empty() {
            top.push(Entry::new("models", Node::Map(parts.models)));
        }
        if !parts.endpoints.is_empty() {
            top.push(Entry::new("endpoints", Node::Map(parts.endpoints)));
        }
        out.files.push(SchemaText { path, text: crate::yaml::write(&top) });
    }
    out.notes.sort();
    out
}

/// `Coupon properties`, `Customer resource`, `The order object`: the resource's model name.
fn resource_model_name(heading: &str) -> Option<String> {
    const NOISE: &[&str] = &[
        "the",
        "a",
        "an",
        "properties",
        "property",
        "resource",
        "resources",
        "object",
        "objects",
        "attributes",
        "attribute",
        "fields",
        "field",
        "model",
        "schema",
        "representation",
        "json",
        "structure",
        "data",
        "of",
    ];
    let words: Vec<String> = ascii_words(heading)
        .split_whitespace()
        .filter(|word| !NOISE.contains(&word.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let name = words.join(" ").to_upper_camel_case();
    (!name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
}

fn endpoint_rows(endpoint: &Endpoint) -> usize {
    endpoint.groups.iter().map(|group| group.rows.len()).sum()
}

/// The schema file for a page file: `source/includes/_customers.md` -> `customers.yaml`,
/// `source/includes/accounting/_bills.md` -> `accounting/bills.yaml`.
fn module_path(file: &str) -> String {
    let file = file.strip_prefix("source/").unwrap_or(file);
    let file = file.strip_prefix("includes/").unwrap_or(file);
    let file = file.trim_end_matches(".md").trim_end_matches(".markdown").trim_end_matches(".html");
    let parts: Vec<String> = file
        .split('/')
        .map(|part| {
            let snake = part.trim_start_matches('_').to_snake_case();
            let snake: String = snake.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let snake = if snake.is_empty() { "page".to_owned() } else { snake };
            let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("n{snake}") } else { snake };
            match snake.as_str() {
                "blocking_client" | "mock_server" | "api" | "mod" | "lib" | "main" | "self" | "super" | "crate" => {
                    format!("{snake}_page")
                }
                _ if is_keyword(&snake) => format!("{snake}_page"),
                _ => snake,
            }
        })
        .collect();
    format!("{}.yaml", parts.join("/"))
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// A snake_case name from the endpoint's title, or its method and path.
fn endpoint_name(endpoint: &Endpoint) -> String {
    let title = ascii_words(&endpoint.title.value).to_snake_case();
    if !title.is_empty() && title.len() <= 60 && !title.starts_with(|c: char| c.is_ascii_digit()) {
        return title;
    }
    let path = path_of(&endpoint.url.value);
    let words: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && !s.starts_with([':', '{', '<'])).collect();
    let name = format!("{} {}", endpoint.method.value.to_lowercase(), words.join(" ")).to_snake_case();
    let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) { format!("n{name}") } else { name }
}

fn ascii_words(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// `name`, or `name_2`, `name_3`... when taken; names the generated code reserves get `_endpoint`.
fn unique(name: &str, taken: &mut BTreeSet<String>, next: &mut BTreeMap<String, usize>, reserved: &[&str]) -> String {
    let base = if name.is_empty() { "endpoint".to_owned() } else { name.to_owned() };
    let base = if reserved.contains(&base.as_str()) || is_keyword(&base) { format!("{base}_endpoint") } else { base };
    let mut candidate = base.clone();
    // Counters per base name, so a page with many endpoints of one title stays linear.
    let counter = next.entry(base.clone()).or_insert(2);
    // `<name>_all` is the paginated twin of an endpoint: keep those free too.
    while taken.contains(&candidate) || taken.contains(&format!("{candidate}_all")) {
        candidate = format!("{base}_{counter}");
        *counter += 1;
    }
    taken.insert(candidate.clone());
    taken.insert(format!("{candidate}_all"));
    candidate
}

/// The base URL: the settings', else the scheme and host the pages' full URLs use most.
fn base_url(pages: &Pages, settings: &Settings, notes: &mut Vec<Note>) -> String {
    if let Some(base) = &settings.base_url {
        return base.clone();
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for endpoint in &pages.endpoints {
        if let Some(origin) = origin_of(&endpoint.url.value) {
            *counts.entry(origin).or_default() += 1;
        }
    }
    match counts.into_iter().max_by_key(|(_, count)| *count) {
        Some((origin, _)) => format!("{origin}/"),
        None => {
            let (file, line) = pages.endpoints.first().map_or((String::new(), 0), |e| (e.url.file.clone(), e.url.line));
            notes.push(Note {
                file,
                line,
                text: "no request line gives a full URL: the base URL is `https://api.example.invalid/`; set `base_url` in the settings".into(),
            });
            "https://api.example.invalid/".into()
        }
    }
}

/// `https://api.example.com` of a full URL whose host the generator can take (placeholders in
/// `{name}` form become arguments of `Client::new`).
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.replace('<', "{").replace('>', "}");
    let valid = host.split('.').all(|label| {
        let label = label
            .strip_prefix('{')
            .and_then(|l| l.strip_suffix('}'))
            .map_or(label.to_owned(), |inner| inner.to_snake_case());
        !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':')
    });
    if !valid || host.is_empty() {
        return None;
    }
    let host = host
        .split('.')
        .map(|label| match label.strip_prefix('{').and_then(|l| l.strip_suffix('}')) {
            Some(inner) => format!("{{{}}}", inner.to_snake_case()),
            None => label.to_lowercase(),
        })
        .collect::<Vec<_>>()
        .join(".");
    Some(format!("{scheme}://{host}"))
}

/// The path of a request URL: after the host of a full URL, without the query.
fn path_of(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => url,
    };
    let path = rest.split(['?', '#']).next().unwrap_or("/");
    if path.starts_with('/') { path.to_owned() } else { format!("/{path}") }
}

/// `api.yaml`.
fn api_file(pages: &Pages, settings: &Settings, base: &str, folder_name: &str, notes: &mut Vec<Note>) -> String {
    let name = settings.name.clone().unwrap_or_else(|| format!("{folder_name} API"));
    let (header, scheme, description) = match &settings.auth {
        Some(auth) => (auth.header.clone(), auth.scheme.clone(), auth.description.clone()),
        None => {
            let seen = auth_from_examples(pages);
            match seen {
                Some((header, scheme)) => (header, scheme, None),
                None => {
                    let (file, line) =
                        pages.endpoints.first().map_or((String::new(), 0), |e| (e.url.file.clone(), e.url.line));
                    notes.push(Note {
                        file,
                        line,
                        text: "the pages' examples show no `Authorization` header: auth is `Authorization: Bearer <key>`; set `auth` in the settings".into(),
                    });
                    ("Authorization".into(), "Bearer".into(), None)
                }
            }
        }
    };
    let mut auth = vec![Entry::text("header", header), Entry::text("scheme", scheme)];
    if let Some(description) = description {
        auth.push(Entry::text("description", description));
    }
    let api = vec![
        Entry::text("name", name),
        Entry::text("base_url", base),
        Entry::raw("trailing_slash", "false"),
        Entry::new("auth", Node::Map(auth)),
    ];
    crate::yaml::write(&[Entry::new("api", Node::Map(api))])
}

/// `Authorization: Bearer ...` (or `Token`, `Basic`) in the examples' headers.
fn auth_from_examples(pages: &Pages) -> Option<(String, String)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for endpoint in &pages.endpoints {
        for example in &endpoint.examples {
            for line in example.text.lines() {
                let lower = line.to_lowercase();
                let Some(at) = lower.find("authorization:") else { continue };
                let value = line[at + "authorization:".len()..].trim();
                let scheme = value.split_whitespace().next().unwrap_or("").trim_matches(['"', '\'']);
                if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphabetic()) {
                    *counts.entry(scheme.to_upper_camel_case()).or_default() += 1;
                }
            }
        }
    }
    let (scheme, _) = counts.into_iter().max_by_key(|(_, count)| *count)?;
    // Basic needs the key encoded with a user name: not something the schema says yet.
    (scheme != "Basic").then(|| ("Authorization".into(), scheme))
}

/// Converts one endpoint.
struct EndpointConverter<'a> {
    settings: &'a Settings,
    endpoint: &'a Endpoint,
    name: String,
    models: Vec<Entry>,
    model_names: &'a mut BTreeSet<String>,
    notes: &'a mut Vec<Note>,
    /// The resources' models, for matching response examples.
    known: &'a [KnownModel],
    rows_read: usize,
    rows_warned: usize,
}

/// A field being built: its entries, and its children when nested rows name it as a parent.
#[derive(Default)]
struct FieldTree {
    row: Option<Row>,
    children: Vec<(String, FieldTree)>,
    list: bool,
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

    fn run(&mut self, base: &str) -> Result<Vec<Entry>, String> {
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
            match crate::read::layout::placeholder_of(segment) {
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
            if ty == "string" {
                let limits = types::prose_limits(&row.description);
                if let Some(max) = limits.max.first() {
                    entries.push(Entry::raw("max_length", max.to_string()));
                }
                if !limits.min.is_empty() {
                    self.warn(
                        &row.file,
                        row.line,
                        format!(
                            "the minimum length {} is not recorded: the schema has no `min_length` yet",
                            limits.min[0]
                        ),
                    );
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

    /// A model from nested rows; returns its name.
    fn model(&mut self, tree: &FieldTree, wanted: &str) -> String {
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

/// A docs type spelling as a schema type, if it means one: the vendor's own names first, then
/// the spellings every vendor uses (`int`, `Array of strings`, `ISO 8601`, `string (uuid)`).
pub fn schema_type(settings: &Settings, spelling: &str) -> Option<String> {
    if let Some(ty) = settings.own_type(spelling) {
        return Some(ty.to_owned());
    }
    let cleaned = spelling.trim().trim_matches(['`', '*', '.']).trim();
    let lower = cleaned.to_lowercase();
    // `string(date-time)`, `integer(int64)`, `string <date>`: a base type and a format.
    if let Some((base, format)) = lower.split_once(['(', '<'])
        && let Some(format) = format.strip_suffix([')', '>'])
    {
        let format = format.trim();
        let base = base.trim();
        if matches!(base, "string" | "str") {
            match format {
                "date-time" | "datetime" | "iso 8601" | "iso8601" | "rfc3339" => return Some("datetime".to_owned()),
                "date" => return Some("date".to_owned()),
                "decimal" => return Some("decimal".to_owned()),
                _ => {}
            }
        }
    }
    // `Array[]: Encounter UUID`, `array[]`: a list of what follows the colon.
    if let Some(rest) = lower.strip_prefix("array[]").or_else(|| lower.strip_prefix("list[]")) {
        let rest = rest.trim_start_matches([':', ' ']).trim();
        let inner = if rest.is_empty() { None } else { schema_type(settings, rest) };
        let inner = inner.filter(|ty| !ty.starts_with("list(")).unwrap_or_else(|| "json".to_owned());
        return Some(format!("list({inner})"));
    }
    // `PERSON_UUID`, `project id`: an identifier written as its kind.
    if lower.ends_with("uuid") || lower.ends_with("guid") {
        return Some("string".to_owned());
    }
    if let Some(mapped) = types::map_type(&lower) {
        return Some(mapped.ty);
    }
    if let Some((_, ty)) = VENDOR_TYPES.iter().find(|(word, _)| *word == lower) {
        return Some((*ty).to_owned());
    }
    // `array of X`, `X[]`, `[X]`, `array[X]`, `list<X>`.
    let inner = lower
        .strip_prefix("array of ")
        .or_else(|| lower.strip_prefix("list of "))
        .or_else(|| lower.strip_suffix("[]"))
        .or_else(|| lower.strip_prefix('[').and_then(|s| s.strip_suffix(']')))
        .or_else(|| lower.strip_prefix("array[").and_then(|s| s.strip_suffix(']')))
        .or_else(|| lower.strip_prefix("array<").and_then(|s| s.strip_suffix('>')))
        .or_else(|| lower.strip_prefix("list<").and_then(|s| s.strip_suffix('>')));
    if let Some(inner) = inner {
        let inner = inner.trim().trim_end_matches('s');
        let inner = schema_type(settings, inner).filter(|ty| !ty.starts_with("list(")).unwrap_or_else(|| "json".into());
        return Some(format!("list({inner})"));
    }
    // `string (ISO 8601)`, `integer <int64>`: the first word decides when it is a type.
    let first = lower.split([' ', '(', '<', '/', ':', ',']).next().unwrap_or("");
    if first != lower && !first.is_empty() {
        return schema_type(settings, first);
    }
    None
}

fn is_list_word(ty: &str) -> bool {
    let lower = ty.to_lowercase();
    lower.contains("array") || lower.contains("list") || lower.ends_with("[]")
}

fn looks_like_json(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with('{') || text.starts_with('[')
}

fn unique_plain(name: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = name.to_owned();
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}_{counter}");
        counter += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Places a row in the tree of its table, under its parents: `user.email`, `address[city]`,
/// `items[].sku` and arrow-marked children.
fn insert_row(tree: &mut FieldTree, row: &Row) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_names_in_every_form() {
        let names = |name: &str| split_nested(name);
        assert_eq!(names("user.email"), [("user".into(), false), ("email".into(), false)]);
        assert_eq!(names("address[city]"), [("address".into(), false), ("city".into(), false)]);
        assert_eq!(names("items[].sku"), [("items".into(), true), ("sku".into(), false)]);
        assert_eq!(names("plain"), [("plain".into(), false)]);
    }

    #[test]
    fn page_files_become_module_paths() {
        assert_eq!(module_path("source/includes/_customers.md"), "customers.yaml");
        assert_eq!(module_path("source/includes/accounting/_bills.md"), "accounting/bills.yaml");
        assert_eq!(module_path("source/index.html.md"), "index.yaml");
        assert_eq!(
            module_path("source/includes/_wp-api-v3/_product-attributes.md"),
            "wp_api_v3/product_attributes.yaml"
        );
    }

    #[test]
    fn origins_of_request_urls() {
        assert_eq!(origin_of("https://api.dwolla.com/customers").as_deref(), Some("https://api.dwolla.com"));
        assert_eq!(
            origin_of("https://{deployment}.api.accelo.com/api/v0/staff").as_deref(),
            Some("https://{deployment}.api.accelo.com")
        );
        assert_eq!(origin_of("/v1/users"), None);
    }
}
