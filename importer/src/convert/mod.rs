//! Turns a split docs page, with the maintainer's overrides, into the schema tree for its one
//! endpoint: rows with types, required flags, limits and notes; path parameters; custom
//! attributes; examples; the response (an existing model when the example's keys match one,
//! otherwise a proposed model). Every quirk it works around becomes a warning naming the page
//! line. It reads no files and writes no text (`yaml` does).

use std::collections::{HashMap, HashSet};

use codegen::__stages::schema::EnumValues;

use crate::json::{self, Json, Lenient, Member, Repair};
use crate::overrides::{PageOverrides, RowOverride};
use crate::page::{METHODS, Page, Section, Spanned};
use crate::types;
use crate::yaml::{Entry, Node};

mod rows;
mod sections;

/// A warning or an error, with the page line it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub line: Option<usize>,
    pub text: String,
    pub help: Option<String>,
}

impl Message {
    fn at(line: impl Into<Option<usize>>, text: impl Into<String>) -> Message {
        Message { line: line.into(), text: text.into(), help: None }
    }

    fn help(mut self, help: impl Into<String>) -> Message {
        self.help = Some(help.into());
        self
    }
}

/// A model already in the schema, as far as matching an example needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownModel {
    pub name: String,
    /// Wire names of every field.
    pub fields: Vec<String>,
    pub required: Vec<String>,
}

/// What the conversion may consult besides the page.
pub struct Context<'a> {
    pub overrides: Option<&'a PageOverrides>,
    /// The key the overrides were found under (`update_user`, or `"POST /x/"`), if any.
    pub overrides_key: Option<&'a str>,
    /// How messages name the overrides file, such as `import/overrides.yaml`.
    pub overrides_label: &'a str,
    pub models: &'a [KnownModel],
    /// The response type to keep when no override names one and the page shows an example:
    /// the schema's own for the endpoint with the page's identity, so a changed example is
    /// drift of its keys, not a new model.
    pub prefer_response: Option<&'a str>,
}

/// One imported endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The endpoint's name in the schema.
    pub name: String,
    /// The key of the page's overrides: the one found, else the snake_case page title.
    pub overrides_key: String,
    pub title: String,
    /// The file's top-level keys.
    pub tree: Vec<Entry>,
    pub warnings: Vec<Message>,
    /// Keys of the response example that the chosen response model does not declare.
    pub unmodelled_response_keys: Vec<String>,
    /// The page line of a response example that does not read as JSON even leniently.
    pub unreadable_response: Option<usize>,
}

/// A row of the request or query table, as it will be written.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    name: String,
    ty: String,
    required: bool,
    /// Written only when an override says: otherwise the API's `request_nullable` decides.
    nullable: Option<bool>,
    description: Option<String>,
    max_length: Option<u32>,
    deprecated: Option<String>,
    note: Option<String>,
    rust_name: Option<String>,
    aliases: Vec<String>,
    constant: Option<String>,
}

impl Field {
    fn new(name: &str, ty: &str) -> Field {
        Field {
            name: name.to_owned(),
            ty: ty.to_owned(),
            required: false,
            nullable: None,
            description: None,
            max_length: None,
            deprecated: None,
            note: None,
            rust_name: None,
            aliases: Vec::new(),
            constant: None,
        }
    }
}

/// An example read from the page.
struct Example {
    read: Lenient,
    /// The example's text as the page has it.
    verbatim: String,
    line: usize,
}

/// What the request section shows.
#[derive(Default)]
struct RequestShown {
    body: Option<Example>,
    curl_method: Option<Spanned<String>>,
    url_path: Option<Spanned<String>>,
    query: Vec<(String, String)>,
}

/// The names of placeholder rows that stand for any custom attribute.
const PLACEHOLDERS: &[&str] = &["custom_attr"];

/// Converts a page. Errors are the page problems import cannot decide alone.
pub fn convert(page: &Page, context: &Context) -> Result<Imported, Vec<Message>> {
    Converter {
        page,
        context,
        overrides: context.overrides,
        warnings: Vec::new(),
        errors: Vec::new(),
        unreadable_response: None,
    }
    .run()
}

struct Converter<'a> {
    page: &'a Page,
    context: &'a Context<'a>,
    overrides: Option<&'a PageOverrides>,
    warnings: Vec<Message>,
    errors: Vec<Message>,
    unreadable_response: Option<usize>,
}

impl Converter<'_> {
    /// The page's key in the overrides, as YAML: the one in use, else the snake_case title.
    fn overrides_key(&self) -> String {
        let title = codegen::__stages::names::snake_ident(&self.page.title.value).unwrap_or_default();
        let key = self.context.overrides_key.map_or(title, str::to_owned);
        if key.contains(' ') { json::quote(&key) } else { key }
    }

    fn warn(&mut self, line: impl Into<Option<usize>>, text: impl Into<String>) {
        self.warnings.push(Message::at(line, text));
    }

    fn run(mut self) -> Result<Imported, Vec<Message>> {
        let page = self.page;
        for skipped in &page.skipped {
            self.warn(skipped.line, skipped.value.clone());
        }
        let page_name = match codegen::__stages::names::snake_ident(&page.title.value) {
            Ok(name) => name,
            Err(_) => {
                return Err(vec![Message::at(page.title.line, "the title has no letters to name the endpoint after")]);
            }
        };
        let ov = self.overrides;
        let name = ov.and_then(|ov| ov.name.clone()).unwrap_or_else(|| page_name.clone());
        let title = ov.and_then(|ov| ov.title.clone()).unwrap_or_else(|| page.title.value.clone());
        if ov.and_then(|ov| ov.page.as_ref()).is_none() && page.url.is_none() {
            let key = self.context.overrides_key.unwrap_or(&page_name);
            self.warn(None, format!("no URL for the docs page; add `page:` under `{key}` in the overrides"));
        }

        let request_shown = self.request_section();
        let method = self.method(&request_shown);
        let path = self.path(&request_shown);
        let takes_query = method == "GET" || (method == "DELETE" && request_shown.body.is_none());

        // Rows.
        let mut custom_attributes = None;
        let mut fields = self.rows(&request_shown, takes_query, &mut custom_attributes);
        // A path parameter is never also a query parameter: its row describes the parameter.
        let mut param_rows: Vec<Field> = Vec::new();
        if takes_query {
            let names = placeholder_names(&path);
            let (params, rest): (Vec<Field>, Vec<Field>) =
                fields.into_iter().partition(|field| names.contains(&field.name));
            param_rows = params;
            fields = rest;
        }
        self.apply_row_overrides(&mut fields);
        if let Some(custom) = ov.and_then(|ov| ov.custom_attributes.clone()) {
            let (placeholder, description) = custom_attributes.take().unwrap_or((None, None));
            let placeholder = match custom.placeholder {
                // `placeholder: ""`: the schema names no placeholder row.
                Some(name) if name.is_empty() => None,
                other => other.or(placeholder),
            };
            custom_attributes = Some((placeholder, custom.description.or(description)));
        }
        if ov.is_some_and(|ov| ov.no_custom_attributes) {
            custom_attributes = None;
        }
        param_rows.extend(fields.iter().cloned());
        if let Some(params) = &page.params {
            for row in &params.rows {
                let Some(name) = &row.name else { continue };
                if !param_rows.iter().any(|field| field.name == *name) {
                    let mut field = Field::new(name, row.ty.as_deref().unwrap_or("string"));
                    field.description = (!row.description.trim().is_empty()).then(|| row.description.trim().to_owned());
                    param_rows.push(field);
                }
            }
        }
        let path_params = self.path_params(&path, &param_rows);
        let response_example = self.response_section();
        let mut proposer = Proposer { models: self.context.models, proposed: Vec::new(), warnings: Vec::new() };
        let (response, unmodelled) = self.response(&name, response_example.as_ref(), &mut proposer);
        self.warnings.append(&mut proposer.warnings);

        if !self.errors.is_empty() {
            return Err(self.errors);
        }

        // The tree.
        let mut endpoint = vec![Entry::text("title", title.clone()), Entry::raw("method", method.clone())];
        endpoint.push(Entry::text("path", path.clone()));
        endpoint.push(Entry::text("source", ov.and_then(|ov| ov.source.clone()).unwrap_or_else(|| "DOC".to_owned())));
        if let Some(sources) = ov.and_then(|ov| ov.sources.clone()) {
            endpoint.push(Entry::text("sources", sources));
        }
        let description = match ov.and_then(|ov| ov.description.clone()) {
            Some(text) => Some(text.trim_end().to_owned()),
            None => (!page.description.is_empty())
                .then(|| page.description.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join("\n\n")),
        };
        if let Some(description) = description {
            endpoint.push(Entry::text("description", description));
        }
        if let Some(retry_safe) = ov.and_then(|ov| ov.retry_safe) {
            endpoint.push(Entry::raw("retry_safe", retry_safe.to_string()));
        }
        if !path_params.is_empty() {
            let params = path_params
                .into_iter()
                .map(|(name, ty, description)| {
                    let mut param = vec![Entry::raw("type", ty)];
                    param.extend(description.map(|text| Entry::text("description", text)));
                    Entry::new(name, Node::Map(param))
                })
                .collect();
            endpoint.push(Entry::new("path_params", Node::Map(params)));
        }
        if !fields.is_empty() {
            let rows = fields.iter().map(field_entry).collect();
            endpoint.push(Entry::new(if takes_query { "query" } else { "request" }, Node::Map(rows)));
        }
        if let Some(filters) = ov.and_then(|ov| ov.filters) {
            endpoint.push(Entry::raw("filters", filters.to_string()));
        }
        if let Some((placeholder, description)) = custom_attributes {
            let mut custom = Vec::new();
            custom.extend(placeholder.map(|name| Entry::text("placeholder", name)));
            custom.extend(description.map(|text| Entry::text("description", text)));
            endpoint.push(Entry::new("custom_attributes", Node::Map(custom)));
        }
        endpoint.push(Entry::text("response", response));
        let mut examples = Vec::new();
        let replaced = ov.and_then(|ov| ov.examples.clone()).unwrap_or_default();
        let kept = ov.and_then(|ov| ov.examples_not_on_page.clone()).unwrap_or_default();
        let mut example =
            |which: &str, shown: Option<&Example>, replacement: Option<String>, kept: Option<String>| match (
                shown,
                replacement,
                kept,
            ) {
                (None, _, Some(text)) => examples.push(Entry::new(which, Node::Literal(text.trim_end().to_owned()))),
                (None, Some(_), None) => self.warnings.push(Message::at(
                    None,
                    format!("the overrides replace the {which} example, but the page shows none; it is left out"),
                )),
                (None, None, None) => {}
                (Some(_), Some(text), _) if text.trim() == "none" => {}
                (Some(_), Some(text), _) => examples.push(Entry::new(which, Node::Literal(text.trim_end().to_owned()))),
                (Some(shown), None, _) => examples.push(example_entry(which, shown)),
            };
        example("request", request_shown.body.as_ref().filter(|_| !takes_query), replaced.request, kept.request);
        example("response", response_example.as_ref(), replaced.response, kept.response);
        if !examples.is_empty() {
            endpoint.push(Entry::new("examples", Node::Map(examples)));
        }

        let mut tree = Vec::new();
        if let Some(url) = ov.and_then(|ov| ov.page.clone()).or_else(|| page.url.clone()) {
            tree.push(Entry::text("page", url));
        }
        tree.push(Entry::new("endpoints", Node::Map(vec![Entry::new(name.clone(), Node::Map(endpoint))])));
        if !proposer.proposed.is_empty() {
            let models =
                proposer.proposed.into_iter().map(|(name, model)| Entry::new(name, Node::Map(model))).collect();
            tree.push(Entry::new("models", Node::Map(models)).with_comments(vec![
                "Proposed from the docs' response example: field types and nullability are inferred from its values. \
                 Check them, then name an existing model with `response:` in the overrides, or keep these."
                    .to_owned(),
            ]));
        }
        if let Some(ov) = ov.filter(|ov| !ov.enums.is_empty()) {
            let enums = ov.enums.iter().map(|(name, spec)| Entry::new(name, Node::Map(enum_entries(spec)))).collect();
            tree.push(Entry::new("enums", Node::Map(enums)));
        }
        self.warnings.sort_by_key(|warning| warning.line);
        let overrides_key = self.context.overrides_key.map_or(page_name, str::to_owned);
        Ok(Imported {
            name,
            overrides_key,
            title,
            tree,
            warnings: self.warnings,
            unmodelled_response_keys: unmodelled,
            unreadable_response: self.unreadable_response,
        })
    }

    /// The method line; the curl example's `-X` is compared with it.
    fn method(&mut self, shown: &RequestShown) -> String {
        let page_method = self.page.method.value.clone();
        let chosen = match self.overrides.and_then(|ov| ov.method.as_deref()) {
            Some(method) if METHODS.contains(&method) => method.to_owned(),
            Some(method) => {
                self.errors.push(Message::at(
                    None,
                    format!("the overrides give the method `{method}`; use GET, POST, PUT, PATCH or DELETE"),
                ));
                page_method.clone()
            }
            None => page_method.clone(),
        };
        if let Some(curl) = &shown.curl_method
            && curl.value != page_method
        {
            self.warn(
                curl.line,
                format!(
                    "the curl example sends `-X {}` but the method line (line {}) says {page_method}; {chosen} is used",
                    curl.value, self.page.method.line
                ),
            );
        }
        chosen
    }

    /// The path line, without a query part; the curl URL is compared with it.
    fn path(&mut self, shown: &RequestShown) -> String {
        let page_path = &self.page.path;
        let mut path = page_path.value.clone();
        if let Some((bare, query)) = path.split_once('?') {
            self.warn(
                page_path.line,
                format!(
                    "the path line has a query part `?{query}`; it is dropped (query parameters are the table's rows)"
                ),
            );
            path = bare.to_owned();
        }
        if let Some(url) = &shown.url_path {
            let (url_path, _) = url.value.split_once('?').unwrap_or((&url.value, ""));
            if url_path != path && !url_path.is_empty() {
                self.warn(
                    url.line,
                    format!("the curl example's URL has the path `{url_path}` where the path line (line {}) says `{path}`; the path line is used", page_path.line),
                );
            }
        }
        if let Some(chosen) = self.overrides.and_then(|ov| ov.path.clone()) {
            path = chosen;
        }
        path
    }

    /// Each `:name` of the path, typed and described.
    fn path_params(&mut self, path: &str, fields: &[Field]) -> Vec<(String, String, Option<String>)> {
        let mut params = Vec::new();
        let ov = self.overrides;
        for segment in path.split('/') {
            let name = match segment.strip_prefix(':') {
                Some(name) => name,
                None => match segment.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')) {
                    Some(name) => name,
                    None => continue,
                },
            };
            let param_override =
                ov.and_then(|ov| ov.path_params.iter().find(|(param, _)| *param == name).map(|(_, p)| p));
            let ty = match param_override.and_then(|p| p.ty.clone()) {
                Some(ty) => ty,
                None if name == "id" => "integer".to_owned(),
                None => {
                    if name != "custom_id" {
                        self.warn(
                            self.page.path.line,
                            format!("the path parameter `:{name}` is typed `string` (only `:id` is an integer)"),
                        );
                    }
                    "string".to_owned()
                }
            };
            let description = param_override
                .and_then(|p| p.description.clone())
                .or_else(|| fields.iter().find(|field| field.name == name).and_then(|field| field.description.clone()));
            if description.is_none() {
                self.warn(
                    self.page.path.line,
                    format!("the path parameter `:{name}` has no description (no table row has its name)"),
                );
            }
            params.push((name.to_owned(), ty, description));
        }
        if let Some(ov) = ov {
            for (name, _) in ov.path_params.iter() {
                if !params.iter().any(|(param, _, _)| param == name) {
                    self.errors.push(Message::at(
                        None,
                        format!(
                            "{} describes the path parameter `{name}`, which the path does not have",
                            self.context.overrides_label
                        ),
                    ));
                }
            }
        }
        params
    }

    /// The response type: the overrides', an existing model the example matches, or a
    /// proposed one.
    fn response(&mut self, name: &str, example: Option<&Example>, proposer: &mut Proposer) -> (String, Vec<String>) {
        let chosen = self
            .overrides
            .and_then(|ov| ov.response.clone())
            // The schema's model is kept while the page shows an example to compare with it.
            .or_else(|| self.context.prefer_response.filter(|_| example.is_some()).map(str::to_owned));
        if let Some(ty) = chosen {
            let unmodelled = example
                .map(|example| unmodelled_keys(&ty, &example.read.value, self.context.models))
                .unwrap_or_default();
            if !unmodelled.is_empty() {
                let keys: Vec<String> = unmodelled.iter().map(|key| format!("`{key}`")).collect();
                self.warn(
                    example.map(|e| e.line),
                    format!("the response example has keys that `{ty}` does not declare: {}", keys.join(", ")),
                );
            }
            return (ty, unmodelled);
        }
        let Some(example) = example else {
            let line = self.page.response.map(|section| section.heading_line);
            self.warn(
                line,
                "the page shows no response example: `response: none` (an override can name the response type)",
            );
            return ("none".to_owned(), Vec::new());
        };
        let base = self.overrides.and_then(|ov| ov.response_model.clone());
        let type_name = |suffix: &str| {
            base.clone().unwrap_or_else(|| {
                codegen::__stages::names::type_ident(&format!("{name}_{suffix}"))
                    .unwrap_or_else(|_| format!("{name}{suffix}"))
            })
        };
        let ty = match &example.read.value {
            Json::Object(members) if is_page(members) => {
                let items: Vec<&[Member]> = members
                    .iter()
                    .find(|m| m.key == "results")
                    .map(|m| match &m.value {
                        Json::Array(items) => items.iter().filter_map(as_object).collect(),
                        _ => Vec::new(),
                    })
                    .unwrap_or_default();
                if items.is_empty() {
                    self.warn(
                        example.line,
                        "the response is a page of results, but the example's `results` is empty: `page(json)`",
                    );
                    "page(json)".to_owned()
                } else {
                    format!("page({})", proposer.objects(&items, type_name("item"), example.line))
                }
            }
            Json::Object(members) => proposer.objects(&[members.as_slice()], type_name("response"), example.line),
            Json::Array(items) if !items.is_empty() && items.iter().all(|item| as_object(item).is_some()) => {
                let items: Vec<&[Member]> = items.iter().filter_map(as_object).collect();
                format!("list({})", proposer.objects(&items, type_name("item"), example.line))
            }
            _ => {
                self.warn(example.line, "the response example is not an object: `response: json`");
                "json".to_owned()
            }
        };
        (ty, Vec::new())
    }
}

/// Matches example objects with known models, or proposes new ones.
struct Proposer<'a> {
    models: &'a [KnownModel],
    proposed: Vec<(String, Vec<Entry>)>,
    warnings: Vec<Message>,
}

impl Proposer<'_> {
    /// The type of a set of example objects (one shape): a known model whose fields cover
    /// every key, or a new model.
    fn objects(&mut self, objects: &[&[Member]], name: String, line: usize) -> String {
        let mut keys: Vec<&str> = Vec::new();
        for member in objects.iter().flat_map(|members| members.iter()) {
            if !keys.contains(&member.key.as_str()) {
                keys.push(&member.key);
            }
        }
        if let Some(model) = best_model(self.models, &keys) {
            self.warnings.push(Message::at(
                line,
                format!(
                    "the response example matches the model `{}` ({} of its {} fields shown)",
                    model.name,
                    keys.len(),
                    model.fields.len()
                ),
            ));
            return model.name.clone();
        }
        let mut name = name;
        let taken =
            |candidate: &str, proposed: &[(String, Vec<Entry>)]| proposed.iter().any(|(name, _)| name == candidate);
        if taken(&name, &self.proposed) {
            let base = name.clone();
            let mut number = 2;
            while taken(&format!("{base}{number}"), &self.proposed) {
                number += 1;
            }
            name = format!("{base}{number}");
        }
        let closest = self
            .models
            .iter()
            .map(|model| (keys.iter().filter(|key| model.fields.iter().any(|field| field == *key)).count(), model))
            .filter(|(shared, _)| *shared * 4 >= keys.len() * 3 && *shared >= 4)
            .max_by_key(|(shared, model)| (*shared, std::cmp::Reverse(model.name.clone())));
        let mut text = format!(
            "the response example matches no model in the schema: proposing `{name}` ({} fields; types and nullability inferred from the example)",
            keys.len()
        );
        if let Some((_, model)) = closest {
            let missing: Vec<String> = keys
                .iter()
                .filter(|key| !model.fields.iter().any(|field| field == *key))
                .map(|key| format!("`{key}`"))
                .collect();
            text.push_str(&format!("; the closest, `{}`, lacks {}", model.name, missing.join(", ")));
        }
        self.warnings.push(Message::at(line, text));
        // Reserve the name before nested proposals.
        let slot = self.proposed.len();
        self.proposed.push((name.clone(), Vec::new()));
        let mut fields = Vec::new();
        for key in &keys {
            let values: Vec<&Json> = objects
                .iter()
                .filter_map(|members| members.iter().find(|member| member.key == *key).map(|member| &member.value))
                .collect();
            let key_line = objects
                .iter()
                .find_map(|members| members.iter().find(|member| member.key == *key))
                .map_or(line, |member| member.line);
            let nested = format!("{name}{}", codegen::__stages::names::type_ident(key).unwrap_or_default());
            let (ty, nullable, note) = self.values(&values, nested, key_line);
            let mut field = vec![Entry::text("type", ty)];
            if nullable {
                field.push(Entry::raw("nullable", "true"));
            }
            field.extend(note.map(|note| Entry::text("note", note)));
            fields.push(Entry::new(*key, Node::Map(field)));
        }
        self.proposed[slot].1 = vec![
            Entry::text(
                "description",
                "Proposed by `cargo xtask import` from the docs' response example; field types and nullability are inferred from the example's values.",
            ),
            Entry::new("fields", Node::Map(fields)),
        ];
        name
    }

    /// The type of the values one key takes, whether one was `null`, and a note when the
    /// example does not tell.
    fn values(&mut self, values: &[&Json], name: String, line: usize) -> (String, bool, Option<String>) {
        let nullable = values.iter().any(|value| matches!(value, Json::Null));
        let present: Vec<&Json> = values.iter().copied().filter(|value| !matches!(value, Json::Null)).collect();
        if present.is_empty() {
            return ("json".into(), true, Some("only `null` in the docs' example; the type is unknown".into()));
        }
        if present.iter().all(|value| as_object(value).is_some()) {
            let objects: Vec<&[Member]> = present.iter().filter_map(|value| as_object(value)).collect();
            return (self.objects(&objects, name, line), nullable, None);
        }
        if present.iter().all(|value| matches!(value, Json::Array(_))) {
            let items: Vec<&Json> = present
                .iter()
                .flat_map(|value| if let Json::Array(items) = value { items.iter().collect() } else { Vec::new() })
                .collect();
            if items.is_empty() {
                return (
                    "list(json)".into(),
                    nullable,
                    Some("only an empty list in the docs' example; the item type is unknown".into()),
                );
            }
            let (inner, _, note) = self.values(&items, name, line);
            return (format!("list({inner})"), nullable, note);
        }
        let mut kinds: Vec<&str> = Vec::new();
        for value in &present {
            match types::scalar_type(value) {
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => return ("json".into(), nullable, Some("the docs' example mixes kinds of values".into())),
            }
        }
        kinds.sort_unstable();
        let ty = match kinds.as_slice() {
            [one] => *one,
            ["integer", "number"] => "number",
            kinds
                if kinds.contains(&"string")
                    && kinds.iter().all(|k| ["string", "date", "datetime", "decimal"].contains(k)) =>
            {
                "string"
            }
            _ => return ("json".into(), nullable, Some("the docs' example mixes kinds of values".into())),
        };
        (ty.to_owned(), nullable, None)
    }
}

/// The known model that best fits example keys: it declares every key, the example shows all
/// its required fields and at least half of its fields. Among several, the one the example
/// covers most, then the one with more required fields (stronger evidence), then by name.
fn best_model<'m>(models: &'m [KnownModel], keys: &[&str]) -> Option<&'m KnownModel> {
    if keys.is_empty() {
        return None;
    }
    models
        .iter()
        .filter(|model| {
            keys.iter().all(|key| model.fields.iter().any(|field| field == key))
                && model.required.iter().all(|required| keys.contains(&required.as_str()))
                && keys.len() * 2 >= model.fields.len()
        })
        .max_by_key(|model| {
            (
                keys.len() * 10_000 / model.fields.len().max(1),
                model.required.len(),
                std::cmp::Reverse(model.name.clone()),
            )
        })
}

/// Keys of a response example that the model named by `ty` (`M`, `list(M)`, `page(M)`) does
/// not declare. Types that are not known models declare nothing to check.
fn unmodelled_keys(ty: &str, example: &Json, models: &[KnownModel]) -> Vec<String> {
    let ty = ty.trim();
    let (inner, objects): (&str, Vec<&[Member]>) =
        if let Some(inner) = ty.strip_prefix("page(").and_then(|t| t.strip_suffix(')')) {
            let results = match example {
                Json::Object(members) => members.iter().find(|m| m.key == "results").map(|m| &m.value),
                _ => None,
            };
            let items = match results {
                Some(Json::Array(items)) => items.iter().filter_map(as_object).collect(),
                _ => Vec::new(),
            };
            (inner, items)
        } else if let Some(inner) = ty.strip_prefix("list(").and_then(|t| t.strip_suffix(')')) {
            let items = match example {
                Json::Array(items) => items.iter().filter_map(as_object).collect(),
                _ => Vec::new(),
            };
            (inner, items)
        } else {
            (ty, as_object(example).into_iter().collect())
        };
    let Some(model) = models.iter().find(|model| model.name == inner.trim()) else { return Vec::new() };
    let mut missing: Vec<String> = Vec::new();
    for member in objects.iter().flat_map(|members| members.iter()) {
        if !model.fields.contains(&member.key) && !missing.contains(&member.key) {
            missing.push(member.key.clone());
        }
    }
    missing
}

fn as_object(value: &Json) -> Option<&[Member]> {
    match value {
        Json::Object(members) => Some(members),
        _ => None,
    }
}

/// `{count, next, previous, results}`: the paginated envelope.
fn is_page(members: &[Member]) -> bool {
    ["count", "next", "previous", "results"].iter().all(|key| members.iter().any(|m| m.key == *key))
        && members.len() == 4
}

/// The `:name` (or `{name}`) placeholders of a path.
fn placeholder_names(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|segment| {
            segment.strip_prefix(':').or_else(|| segment.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')))
        })
        .map(str::to_owned)
        .collect()
}

/// A schema type for an example value.
fn value_type(value: &Json) -> String {
    match value {
        Json::Array(items) => match items.iter().find(|item| !matches!(item, Json::Null)) {
            Some(item) if types::scalar_type(item).is_some() => format!("list({})", value_type(item)),
            _ => "list(json)".to_owned(),
        },
        other => types::scalar_type(other).unwrap_or("json").to_owned(),
    }
}

/// A query value from an example URL, as JSON (digits are numbers).
fn query_value(text: &str) -> Json {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        Json::Number(text.to_owned())
    } else {
        Json::String(text.to_owned())
    }
}

fn field_entry(field: &Field) -> Entry {
    let mut entries = vec![Entry::text("type", field.ty.clone())];
    entries.push(Entry::raw("required", if field.required { "yes" } else { "no" }));
    if let Some(nullable) = field.nullable {
        entries.push(Entry::raw("nullable", nullable.to_string()));
    }
    if let Some(max) = field.max_length {
        entries.push(Entry::raw("max_length", max.to_string()));
    }
    entries.extend(field.description.clone().map(|text| Entry::text("description", text)));
    entries.extend(field.deprecated.clone().map(|text| Entry::text("deprecated", text)));
    entries.extend(field.note.clone().map(|text| Entry::text("note", text)));
    entries.extend(field.rust_name.clone().map(|text| Entry::text("rust_name", text)));
    if !field.aliases.is_empty() {
        entries.push(Entry::new("aliases", Node::List(field.aliases.clone())));
    }
    entries.extend(field.constant.clone().map(|text| Entry::raw("const", text)));
    Entry::new(field.name.clone(), Node::Map(entries))
}

fn example_entry(which: &str, example: &Example) -> Entry {
    let strict =
        example.read.repairs.is_empty() && serde_json::from_str::<serde_json::Value>(&example.verbatim).is_ok();
    if strict {
        return Entry::new(which, Node::Literal(example.verbatim.clone()));
    }
    let mut what: Vec<String> = Vec::new();
    for (repair, _) in &example.read.repairs {
        let text = match repair {
            Repair::CutOff => "is cut off (closed here after the last complete value)".to_owned(),
            other => format!("has {}", other.describe()),
        };
        if !what.contains(&text) {
            what.push(text);
        }
    }
    if what.is_empty() {
        what.push("is not strict JSON".to_owned());
    }
    let comment = format!(
        "Repaired by import: the docs' example (page line {}) {}; this is the same value as strict JSON.",
        example.line,
        what.join(", ")
    );
    Entry::new(which, Node::Literal(json::to_pretty(&example.read.value))).with_comments(vec![comment])
}

fn enum_entries(spec: &codegen::__stages::schema::Enum) -> Vec<Entry> {
    let mut entries = Vec::new();
    entries.extend(spec.description.clone().map(|text| Entry::text("description", text)));
    entries.extend(spec.ty.clone().map(|ty| Entry::raw("type", ty)));
    let values = match &spec.values {
        EnumValues::Strings(values) => Node::List(values.clone()),
        EnumValues::Codes(codes) => {
            Node::Map(codes.iter().map(|(name, code)| Entry::raw(name, code.to_string())).collect())
        }
    };
    entries.push(Entry::new("values", values));
    entries
}

/// The folder for an endpoint: its path's first segment, as a module name.
pub fn group_of(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    if first.is_empty() || first.starts_with([':', '{']) {
        return "misc".to_owned();
    }
    first.to_lowercase().replace(['-', '.'], "_")
}

/// Offsets (within `text`) where lines start.
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).filter(move |&at| at < text.len())
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The offset of the first line of a section that starts a JSON value (`{` or `[`).
fn first_json_line(text: &str, section: Section) -> Option<usize> {
    let body = &text[section.start..section.end];
    line_starts(body).find_map(|at| {
        let line = &body[at..];
        let trimmed = line.trim_start();
        trimmed.starts_with(['{', '[']).then(|| section.start + at + (line.len() - trimmed.len()))
    })
}

/// The offset of the first of `words` standing alone (whitespace before and after).
fn find_word(text: &str, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .filter_map(|word| {
            text.match_indices(word).find_map(|(at, _)| {
                let before = text[..at].chars().next_back().is_none_or(char::is_whitespace);
                let after = text[at + word.len()..].chars().next().is_none_or(char::is_whitespace);
                (before && after).then_some(at)
            })
        })
        .min()
}

impl Imported {
    /// Gives the endpoint the schema's name for it (the endpoint with its identity).
    pub fn rename(&mut self, name: &str) {
        for entry in &mut self.tree {
            if let (true, Node::Map(endpoints)) = (entry.key == "endpoints", &mut entry.value)
                && let Some(first) = endpoints.first_mut()
            {
                first.key = name.to_owned();
            }
        }
        self.name = name.to_owned();
    }
}
