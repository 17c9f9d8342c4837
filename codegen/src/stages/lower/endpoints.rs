//! Endpoints: method, path, path parameters, query, body, response and examples.

use std::collections::{BTreeMap, BTreeSet};

use super::ctxt::At;
use super::fields::FieldRole;
use super::models::non_ascii_name;
use super::state::{Lowering, ResponseExample};
use super::text::doc_lines;
use super::types::{foreign_word, parse_type};
use crate::ir::{self, HttpMethod, Name, PathSegment, Type};
use crate::names::{self, Role, Taken};
use crate::schema::{self, SchemaFile};
use crate::source::SourceFile;

pub(super) const METHODS: &[(&str, HttpMethod)] = &[
    ("GET", HttpMethod::Get),
    ("POST", HttpMethod::Post),
    ("PUT", HttpMethod::Put),
    ("PATCH", HttpMethod::Patch),
    ("DELETE", HttpMethod::Delete),
];

impl Lowering {
    pub(super) fn endpoint(
        &mut self,
        source: &SourceFile,
        file: &SchemaFile,
        name: &str,
        endpoint: &schema::Endpoint,
    ) -> Option<ir::Endpoint> {
        let at = At::file(&source.name).key("endpoints").key(name);
        let errors_before = self.ctxt.count();
        let method_name = self.endpoint_method_name(&at, name);
        let method = self.http_method(&at, &endpoint.method);
        // Without its parameters the path cannot be checked against them.
        let path_params =
            if self.refused.contains(&at.key("path_params")) { None } else { self.path_params(&at, endpoint) };
        let segments = self.path(&at, &endpoint.path, &path_params);
        let request = self.request_body(&at, endpoint, method_name.as_deref());
        let query = self.query(&at, endpoint, method_name.as_deref());
        let response = self.response(&at, endpoint);
        if matches!(response, Some(ir::Response::Page(_))) && request.is_some() {
            self.error(at.key("request").error("a paginated endpoint cannot take a request body"));
        }
        let source_marker = self.source_marker(&at, endpoint);
        let errors = self.error_table(&at.key("errors"), &endpoint.errors);
        if let Some(examples) = &endpoint.examples {
            let body_type = match &response {
                Some(ir::Response::Value(ty)) => Some(ty),
                _ => None,
            };
            self.examples(&at, endpoint, examples, request.as_ref(), body_type);
        }
        if self.ctxt.count() != errors_before {
            return None;
        }
        let method = method?;
        Some(ir::Endpoint {
            name: Name { wire: name.to_owned(), rust: method_name? },
            title: endpoint.title.clone(),
            description: doc_lines(endpoint.description.as_deref()),
            provenance: ir::Provenance { schema: source.name.clone(), page: file.page.clone() },
            method,
            path_template: endpoint.path.clone(),
            segments: segments?,
            path_params: path_params?,
            request,
            query: query?,
            response: response?,
            retry_safe: endpoint.retry_safe,
            source: source_marker.map(|kind| ir::Source {
                kind,
                detail: endpoint.sources.as_deref().map(|text| text.trim().to_owned()),
            }),
            request_example: endpoint.examples.as_ref().and_then(|examples| examples.request.clone()),
            response_example: endpoint.examples.as_ref().and_then(|examples| examples.response.clone()),
            errors,
        })
    }

    /// The method name of an endpoint: its name, which must be snake_case and free.
    fn endpoint_method_name(&mut self, at: &At, name: &str) -> Option<String> {
        match names::snake_ident(name) {
            _ if names::first_non_ascii(name).is_some() => {
                let c = names::first_non_ascii(name).unwrap_or_default();
                self.error(non_ascii_name(at, "endpoint", name, c));
                None
            }
            Ok(rust) if names::taken(Role::EndpointMethod, &rust) == Some(Taken::TraitMethod) => {
                self.error(
                    at.error(format!("endpoint name `{name}` becomes the method `{rust}`, which would hide the trait method of that name"),
                    )
                    .with_hint(format!("rename the endpoint (such as `{rust}_item`); `client.{rust}()` must stay the trait's"))
                    .on_key(),
                );
                None
            }
            Ok(rust) if names::taken(Role::EndpointMethod, &rust).is_some() => {
                self.error(
                    at.error(format!(
                        "endpoint name `{name}` becomes the method `{rust}`, which the generated code already has"
                    ))
                    .with_hint("rename the endpoint; the generated `Client` and `MockServer` use this name"),
                );
                None
            }
            Ok(rust) if names::is_snake_case(name) => Some(rust),
            Ok(rust) => {
                self.error(
                    at.error(format!("endpoint name `{name}` is not snake_case")).with_hint(format!("write `{rust}`")),
                );
                None
            }
            Err(error) => {
                self.error(at.error(format!("endpoint name `{name}` {}", names::describe(&error))));
                None
            }
        }
    }

    /// The HTTP method, as the docs write it (any case).
    fn http_method(&mut self, at: &At, text: &str) -> Option<HttpMethod> {
        let method =
            METHODS.iter().find(|(known, _)| known.eq_ignore_ascii_case(text.trim())).map(|(_, method)| *method);
        if method.is_none() {
            self.error(
                at.key("method")
                    .error(format!("unsupported HTTP method `{text}`"))
                    .with_hint("use GET, POST, PUT, PATCH or DELETE"),
            );
        }
        method
    }

    /// The request body: the `request` table and the custom attributes, if either is given.
    fn request_body(
        &mut self,
        at: &At,
        endpoint: &schema::Endpoint,
        method_name: Option<&str>,
    ) -> Option<ir::RequestBody> {
        match (&endpoint.request, &endpoint.custom_attributes) {
            (None, None) => None,
            (table, custom) => {
                let empty = schema::OrderedMap::default();
                let fields = self.fields(&at.key("request"), table.as_ref().unwrap_or(&empty), FieldRole::Request);
                let type_name = method_name.and_then(|method| self.generated_type(at, method, "request"));
                type_name.map(|type_name| ir::RequestBody {
                    type_name,
                    fields,
                    custom_attributes: custom.as_ref().map(custom_attributes),
                })
            }
        }
    }

    /// The success response: `none`, `page(T)` or a type.
    fn response(&mut self, at: &At, endpoint: &schema::Endpoint) -> Option<ir::Response> {
        match endpoint.response.as_deref().map(str::trim) {
            Some("none") => Some(ir::Response::Nothing),
            Some(text) if starts_with_status(text.strip_prefix("page(").unwrap_or(text)) => {
                self.error(
                    at.key("response")
                        .error(format!("`response: {text}` names a status; `response` is the type of the success body"))
                        .with_hint(
                            "write `response: none` when the body is empty (such as `204 No Content`), or name the body's type (`User`, `page(User)`)",
                        ),
                );
                None
            }
            Some(text) => match text.strip_prefix("page(").and_then(|rest| rest.strip_suffix(')')) {
                Some(item) => self.type_expr(&at.key("response"), item).map(ir::Response::Page),
                None => self.type_expr(&at.key("response"), text).map(ir::Response::Value),
            },
            None if self.refused.contains(&at.key("response")) || self.refused.lost_a_key(at) => None,
            None => {
                self.error(
                    at.error("endpoint has no `response`")
                        .with_hint("name the type of the success body (`User`, `page(User)`), or write `none`"),
                );
                None
            }
        }
    }

    /// Where the endpoint is known from (`DOC`, `LEGACY` or `CODE`), if the schema says.
    fn source_marker(&mut self, at: &At, endpoint: &schema::Endpoint) -> Option<ir::SourceKind> {
        match endpoint.source.as_deref() {
            None => None,
            Some("DOC") => Some(ir::SourceKind::Doc),
            Some("LEGACY") => Some(ir::SourceKind::Legacy),
            Some("CODE") => Some(ir::SourceKind::Code),
            Some(other) => {
                self.error(at.key("source").error(format!("unknown source `{other}`")).with_hint(
                    "use DOC (the vendor's docs), LEGACY (older vendor docs) or CODE (seen in client libraries only)",
                ));
                None
            }
        }
    }

    /// The `<Endpoint>Request` or `<Endpoint>Query` type name of an endpoint (`which` is
    /// `request` or `query`), or an error.
    pub(super) fn generated_type(&mut self, at: &At, method: &str, which: &str) -> Option<String> {
        let made = if which == "request" { names::request_type_ident(method) } else { names::query_type_ident(method) };
        made.map_err(|error| {
            self.error(
                at.error(format!("the {which} type of this endpoint {}", names::describe(&error)))
                    .with_hint("rename the endpoint"),
            );
        })
        .ok()
    }

    /// The query table: parameters (a builder type) and constants (always sent).
    pub(super) fn query(
        &mut self,
        at: &At,
        endpoint: &schema::Endpoint,
        method_name: Option<&str>,
    ) -> Option<Option<ir::QueryParams>> {
        let empty = schema::OrderedMap::default();
        let table = match (&endpoint.query, endpoint.filters) {
            (None, false) => return Some(None),
            (table, _) => table.as_ref().unwrap_or(&empty),
        };
        let before = self.ctxt.count();
        let fields = self.fields(&at.key("query"), table, FieldRole::Query);
        let mut constants = Vec::new();
        for (wire, field) in table.iter() {
            let Some(value) = &field.constant else { continue };
            let text = match value {
                serde_yaml::Value::Bool(flag) => flag.to_string(),
                serde_yaml::Value::Number(number) => number.to_string(),
                serde_yaml::Value::String(text) => text.clone(),
                _ => {
                    self.error(
                        at.key("query").key(wire).key("const").error("a constant must be a string, number or boolean"),
                    );
                    continue;
                }
            };
            constants.push((wire.to_owned(), text));
        }
        if self.ctxt.count() != before {
            return None;
        }
        let type_name = self.generated_type(at, method_name?, "query")?;
        Some(Some(ir::QueryParams { type_name, fields, constants, filters: endpoint.filters }))
    }

    pub(super) fn path_params(&mut self, at: &At, endpoint: &schema::Endpoint) -> Option<Vec<ir::PathParam>> {
        let mut params = Vec::new();
        let mut ok = true;
        for (wire, param) in endpoint.path_params.iter() {
            let param_at = at.key("path_params").key(wire);
            let rust = match names::snake_ident(wire) {
                Ok(rust) => rust,
                Err(error) => {
                    self.error(param_at.error(format!("path parameter `{wire}` {}", names::describe(&error))));
                    ok = false;
                    continue;
                }
            };
            if names::taken(Role::PathParam, &rust).is_some() {
                self.error(
                    param_at
                        .error(format!(
                            "path parameter `{wire}` becomes `{rust}`, a parameter or local of the generated method"
                        ))
                        .with_hint("rename it in `path` and `path_params` (the name is not sent)")
                        .on_key(),
                );
                ok = false;
                continue;
            }
            if let Some(other) = params.iter().find(|p: &&ir::PathParam| p.name.wire == wire || p.name.rust == rust) {
                self.error(
                    param_at
                        .error(format!("path parameters `{wire}` and `{}` both become `{rust}`", other.name.wire))
                        .with_hint("rename one in `path` and `path_params` (the name is not sent)")
                        .on_key(),
                );
                ok = false;
                continue;
            }
            match parse_type(param.ty.trim(), &BTreeMap::new(), &BTreeSet::new()) {
                Ok(ty @ (Type::Integer | Type::Int32 | Type::UInt64 | Type::String | Type::FormattedString(_))) => {
                    params.push(ir::PathParam {
                        name: Name { wire: wire.to_owned(), rust },
                        ty,
                        description: doc_lines(param.description.as_deref()),
                    })
                }
                _ => {
                    let hint = match foreign_word(&param.ty.trim().to_ascii_lowercase()) {
                        Some(word @ ("integer" | "string")) => format!("did you mean `{word}`?"),
                        _ => "use `integer` (`int32` and `uint64` for other widths) or `string`".to_owned(),
                    };
                    self.error(
                        param_at
                            .key("type")
                            .error(format!("path parameter type `{}` is not supported", param.ty))
                            .with_hint(hint),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(params)
    }

    /// The path's segments; `endpoint_at` is the endpoint's place.
    pub(super) fn path(
        &mut self,
        endpoint_at: &At,
        path: &str,
        params: &Option<Vec<ir::PathParam>>,
    ) -> Option<Vec<PathSegment>> {
        let at = &endpoint_at.key("path");
        let Some(inner) = path.strip_prefix('/') else {
            self.error(
                at.error(format!("path `{path}` must start with `/`"))
                    .with_hint("write it as the docs do, such as `/users/:id/`"),
            );
            return None;
        };
        let inner = inner.strip_suffix('/').unwrap_or(inner);
        let mut segments = Vec::new();
        let mut used = BTreeSet::new();
        let mut ok = true;
        // `/` alone is the base URL itself: no segment.
        for part in inner.split('/').filter(|_| !inner.is_empty()) {
            let placeholder =
                part.strip_prefix(':').or_else(|| part.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')));
            if let Some(placeholder) = placeholder {
                let Some(params) = params else { continue };
                match params.iter().position(|param| param.name.wire == placeholder) {
                    Some(index) => {
                        used.insert(placeholder);
                        segments.push(PathSegment::Param(index));
                    }
                    // Declared, but refused with an error of its own.
                    None if self.refused.contains(&endpoint_at.key("path_params").key(placeholder))
                        || self.refused.lost_a_key(endpoint_at) =>
                    {
                        ok = false;
                    }
                    None => {
                        self.error(
                            at.error(format!("path parameter `{placeholder}` is used in the path but not declared"))
                                .with_hint(format!("add `{placeholder}` under `path_params`")),
                        );
                        ok = false;
                    }
                }
            } else if part == "." || part == ".." {
                self.error(
                    at.error(format!("path `{path}` has a `{part}` segment"))
                        .with_hint("a dot segment would move the request outside the endpoint's path; remove it"),
                );
                ok = false;
            } else if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) {
                self.error(at.error(format!("path `{path}` has an invalid segment `{part}`")).with_hint(
                    "literal segments use letters, digits, `-`, `.`, `_` and `~`; parameters are written `:name`",
                ));
                ok = false;
            } else {
                segments.push(PathSegment::Literal(part.to_owned()));
            }
        }
        if let Some(params) = params {
            for param in params.iter().filter(|param| !used.contains(param.name.wire.as_str())) {
                self.error(
                    at.error(format!("path parameter `{}` is declared but not used in the path", param.name.wire))
                        .with_hint(format!("add `:{}` to the path or remove the parameter", param.name.wire)),
                );
                ok = false;
            }
        }
        ok.then_some(segments)
    }

    /// Checks the examples of the endpoint at `endpoint_at` against its lowered request body
    /// and response type. A key of a row that was refused is not reported again.
    pub(super) fn examples(
        &mut self,
        endpoint_at: &At,
        endpoint: &schema::Endpoint,
        examples: &schema::Examples,
        request: Option<&ir::RequestBody>,
        response: Option<&Type>,
    ) {
        let at = &endpoint_at.key("examples");
        let table_at = endpoint_at.key("request");
        // What the body may hold is unknown when its table or custom attributes were refused.
        let body_refused = self.refused.contains(&table_at)
            || self.refused.contains(&endpoint_at.key("custom_attributes"))
            || self.refused.lost_a_key(endpoint_at);
        let declares_body = endpoint.request.is_some() || endpoint.custom_attributes.is_some();
        if let Some(text) = &examples.request {
            let example_at = at.key("request");
            if let Some(object) = self.example_object(&example_at, text, "request") {
                match request {
                    None if !declares_body && !body_refused => {
                        self.error(example_at.error("request example given, but the endpoint has no `request` table"))
                    }
                    // The body was refused (its type's name, say); that error says so.
                    None => {}
                    Some(request) if request.custom_attributes.is_none() && !body_refused => {
                        for name in object.keys() {
                            if !request.fields.iter().any(|field| &field.name.wire == name)
                                && !self.refused.contains(&table_at.key(name))
                            {
                                self.error(
                                    example_at
                                        .error(format!(
                                            "request example sends `{name}`, which is not in the `request` table"
                                        ))
                                        .with_hint(
                                            "add the row to `request`, with a `note` that the docs' table misses it",
                                        )
                                        .inside(json_key_position(text, name)),
                                );
                            }
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(text) = &examples.response {
            let example_at = at.key("response");
            let Some(object) = self.example_object(&example_at, text, "response") else { return };
            let Some(Type::Model(model)) = response else { return };
            let keys = object.keys().map(|name| (name.clone(), json_key_position(text, name))).collect();
            self.response_examples.push(ResponseExample { at: example_at, model: model.clone(), keys });
        }
    }

    /// Parses an example that must be a JSON object, reporting where it is not.
    pub(super) fn example_object(
        &mut self,
        at: &At,
        text: &str,
        which: &str,
    ) -> Option<serde_json::Map<String, serde_json::Value>> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(object)) => Some(object),
            Ok(_) => {
                self.error(at.error(format!("{which} example must be a JSON object")));
                None
            }
            Err(error) => {
                let message = error.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                self.error(
                    at.error(format!("{which} example is not valid JSON: {message}"))
                        .with_hint("the docs' examples are sometimes not JSON; repair it here and say so in a comment")
                        .inside(Some((error.line(), char_column(text, error.line(), error.column())))),
                );
                None
            }
        }
    }
}

/// Whether `text` is, or starts with, an HTTP status (`204`, `200 OK`, `201 Created`): what the
/// docs write where the schema wants the body's type.
fn starts_with_status(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits == 3 && (b'1'..=b'5').contains(&text.as_bytes()[0]) && !text[3..].starts_with(|c: char| c.is_alphanumeric())
}

/// How the docs describe a body's custom attributes.
pub(super) fn custom_attributes(custom: &schema::CustomAttributes) -> ir::CustomAttributes {
    ir::CustomAttributes {
        placeholder: custom.placeholder.clone(),
        description: custom.description.as_deref().map(str::trim).filter(|text| !text.is_empty()).map(str::to_owned),
    }
}

/// serde_json counts an error's column in bytes; the 1-based column in characters of that
/// place of `line` (1-based) of `text`, so a caret after an em dash or `é` lands on its token.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let bytes = crate::diagnostic::char_floor(line_text, byte_column.saturating_sub(1));
    line_text[..bytes].chars().count() + 1
}

/// Line and column (1-based) of `"name":` inside a JSON text, for pointing into examples.
pub(super) fn json_key_position(text: &str, name: &str) -> Option<(usize, usize)> {
    let quoted = serde_json::to_string(name).ok()?;
    let at = text.find(&quoted)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Some((line, column))
}
