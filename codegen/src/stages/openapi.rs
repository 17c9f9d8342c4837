//! The OpenAPI 3.1 description of an API, built from the IR as a JSON value: paths, parameters,
//! request bodies, responses, models, enums, the key's security scheme and the docs' examples.
//! Pure: it reads the IR and writes no file (`xtask` decides where the document goes).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::ir::{
    Api, CustomAttributes, Endpoint, Enum, EnumKind, ErrorBody, ErrorType, Field, Model, PathSegment, QueryParams,
    RequestBody, Response, Scalar, SourceKind, StatusMatch, Type,
};
use crate::schema::ArrayStyle;

/// The OpenAPI version the document follows.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// The document as pretty-printed JSON with a final newline, the form written to disk.
pub fn to_pretty_json(document: &Value) -> String {
    // Serializing a `Value` cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}

/// Builds the OpenAPI 3.1 document of `api`.
///
/// Keys come out sorted (a `serde_json::Map` is ordered by key), so the same IR always gives
/// the same bytes. Endpoints that share a method and path (told apart by their query, such as
/// the searches of `GET /users/search/`) become one operation whose parameters, bodies and
/// responses are the union of theirs; each documented example is named after its endpoint.
pub fn document(api: &Api) -> Value {
    let settings = &api.settings;
    let enums: BTreeMap<&str, &Enum> =
        api.modules.iter().flat_map(|module| &module.enums).map(|item| (item.name.as_str(), item)).collect();

    let mut schemas = Map::new();
    for module in &api.modules {
        for model in &module.models {
            schemas.insert(model.name.clone(), model_schema(model));
        }
        for item in &module.enums {
            schemas.insert(item.name.clone(), enum_schema(item));
        }
    }

    // Problem details are one component, named so as not to clash with a model.
    let problem = ["ProblemDetails", "Rfc9457ProblemDetails"]
        .into_iter()
        .find(|name| !schemas.contains_key(*name))
        .unwrap_or("ApigenRfc9457ProblemDetails");
    let uses_problem = api
        .settings
        .errors
        .iter()
        .chain(api.modules.iter().flat_map(|module| module.endpoints.iter().flat_map(|endpoint| &endpoint.errors)));
    if uses_problem.into_iter().any(|row| row.body == ErrorType::Problem) {
        schemas.insert(problem.to_owned(), problem_schema());
    }

    // Paths that differ only in their parameter names are one path to OpenAPI; the first
    // endpoint's names are used for the others.
    let mut canonical: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut operations: BTreeMap<(String, String), Vec<(&Endpoint, Value)>> = BTreeMap::new();
    for module in &api.modules {
        for endpoint in &module.endpoints {
            if let Some(request) = &endpoint.request {
                schemas.insert(request.type_name.clone(), request_schema(endpoint, request));
            }
            let (shape, names) = path_shape(endpoint, settings.trailing_slash);
            let (path, param_names) =
                canonical.entry(shape).or_insert_with(|| (path_text(endpoint, &names, settings.trailing_slash), names));
            let mut operation = operation(endpoint, module.page.as_deref(), &module.path, param_names, &enums);
            add_error_responses(&mut operation, endpoint, &settings.errors, problem);
            let method = endpoint.method.as_str().to_ascii_lowercase();
            operations.entry((path.clone(), method)).or_default().push((endpoint, operation));
        }
    }
    let mut paths = Map::new();
    for ((path, method), group) in operations {
        let operation = match <[_; 1]>::try_from(group) {
            Ok([(_, operation)]) => operation,
            Err(group) => merge(group),
        };
        if let Value::Object(item) = paths.entry(path).or_insert_with(|| Value::Object(Map::new())) {
            item.insert(method, operation);
        }
    }

    let scheme_name = security_scheme_name(&settings.auth_scheme);
    let mut info = Map::new();
    info.insert("title".into(), json!(settings.name));
    info.insert("version".into(), json!(api_version(&settings.headers)));
    info.insert("description".into(), json!(info_description(api)));
    let mut document = Map::new();
    document.insert("openapi".into(), json!(OPENAPI_VERSION));
    document.insert("info".into(), Value::Object(info));
    if let Some(docs) = &settings.docs {
        document.insert("externalDocs".into(), json!({ "url": docs }));
    }
    document.insert("servers".into(), json!([server(api)]));
    // An API without auth has no security requirement and no scheme.
    let authenticated = !settings.auth_header.is_empty();
    if authenticated {
        document.insert("security".into(), json!([{ scheme_name.clone(): [] }]));
    }
    document.insert("paths".into(), Value::Object(paths));
    let mut components = Map::new();
    components.insert("schemas".into(), Value::Object(schemas));
    if authenticated {
        components.insert("securitySchemes".into(), json!({ scheme_name: security_scheme(api) }));
    }
    document.insert("components".into(), Value::Object(components));
    Value::Object(document)
}

/// One operation for several endpoints with the same method and path: a parameter is
/// required only when every endpoint requires it, and a schema that differs between them
/// becomes an `anyOf` of the variants.
fn merge(group: Vec<(&Endpoint, Value)>) -> Value {
    let mut merged = Map::new();
    let first = &group[0].1;
    merged.insert("operationId".into(), first["operationId"].clone());
    let titles: Vec<String> = group
        .iter()
        .map(|(endpoint, _)| endpoint.title.clone().unwrap_or_else(|| endpoint.name.wire.clone()))
        .collect();
    merged.insert("summary".into(), json!(titles.join(" / ")));
    let mut description =
        String::from("One method and path for several calls of the client, told apart by their query parameters:\n");
    for (endpoint, operation) in &group {
        let params: Vec<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|param| param["in"] == "query")
            .map(|param| format!("`{}`", param["name"].as_str().unwrap_or_default()))
            .collect();
        let params = if params.is_empty() { "no query".to_owned() } else { params.join(", ") };
        description.push_str(&format!("\n- `{}` ({params})", endpoint.name.wire));
    }
    for (endpoint, operation) in &group {
        description.push_str(&format!("\n\n## `{}`\n\n", endpoint.name.wire));
        description.push_str(operation["description"].as_str().unwrap_or_default());
    }
    merged.insert("description".into(), json!(description));
    let mut tags: Vec<Value> = Vec::new();
    for tag in group.iter().filter_map(|(_, op)| op["tags"].as_array()).flatten() {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    if !tags.is_empty() {
        merged.insert("tags".into(), Value::Array(tags));
    }
    if let Some(docs) = first.get("externalDocs") {
        merged.insert("externalDocs".into(), docs.clone());
    }

    let mut parameters: Vec<(String, String, Vec<Value>, usize, bool)> = Vec::new();
    for (_, operation) in &group {
        for param in operation["parameters"].as_array().into_iter().flatten() {
            let key = (
                param["name"].as_str().unwrap_or_default().to_owned(),
                param["in"].as_str().unwrap_or_default().to_owned(),
            );
            let required = param["required"].as_bool().unwrap_or(false);
            match parameters.iter_mut().find(|(name, place, ..)| (name, place) == (&key.0, &key.1)) {
                Some((_, _, variants, count, all_required)) => {
                    variants.push(param.clone());
                    *count += 1;
                    *all_required &= required;
                }
                None => parameters.push((key.0, key.1, vec![param.clone()], 1, required)),
            }
        }
    }
    let parameters: Vec<Value> = parameters
        .into_iter()
        .map(|(_, _, variants, count, all_required)| {
            let mut param = variants[0].clone();
            let schemas: Vec<Value> = variants.iter().map(|variant| variant["schema"].clone()).collect();
            if let Value::Object(object) = &mut param {
                object.insert("required".into(), json!(all_required && count == group.len()));
                object.insert("schema".into(), any_of(schemas));
            }
            param
        })
        .collect();
    if !parameters.is_empty() {
        merged.insert("parameters".into(), Value::Array(parameters));
    }

    let bodies: Vec<&Value> = group.iter().filter_map(|(_, op)| op.get("requestBody")).collect();
    if !bodies.is_empty() {
        let required = bodies.len() == group.len() && bodies.iter().all(|body| body["required"] == true);
        merged.insert("requestBody".into(), merge_content(&bodies, json!({ "required": required })));
    }
    let responses: Vec<&Value> = group.iter().map(|(_, op)| &op["responses"]["200"]).collect();
    let mut descriptions: Vec<&str> = Vec::new();
    for description in responses.iter().filter_map(|response| response["description"].as_str()) {
        if !descriptions.contains(&description) {
            descriptions.push(description);
        }
    }
    let response = merge_content(&responses, json!({ "description": descriptions.join(" / ") }));
    let mut merged_responses = Map::new();
    merged_responses.insert("200".into(), response);
    // Error responses: one where the endpoints agree, else each media type's schemas as `anyOf`.
    let mut statuses: Vec<&str> = Vec::new();
    for (_, operation) in &group {
        for status in operation["responses"].as_object().into_iter().flat_map(|responses| responses.keys()) {
            if status != "200" && !statuses.contains(&status.as_str()) {
                statuses.push(status);
            }
        }
    }
    for status in statuses {
        let mut variants: Vec<&Value> = Vec::new();
        for (_, operation) in &group {
            if let Some(variant) = operation["responses"].get(status).filter(|variant| !variants.contains(variant)) {
                variants.push(variant);
            }
        }
        let response = match variants.as_slice() {
            [one] => (*one).clone(),
            _ => {
                let mut content = Map::new();
                for media in variants.iter().filter_map(|variant| variant["content"].as_object()).flat_map(Map::keys) {
                    let schemas = variants
                        .iter()
                        .filter_map(|variant| variant["content"][media].get("schema"))
                        .cloned()
                        .collect();
                    content.insert(media.clone(), json!({ "schema": any_of(schemas) }));
                }
                json!({ "description": "Declared error body of one of the calls.", "content": content })
            }
        };
        merged_responses.insert(status.to_owned(), response);
    }
    merged.insert("responses".into(), Value::Object(merged_responses));
    Value::Object(merged)
}

/// The declared error bodies of `endpoint` (its own, then the API's for other statuses) as
/// responses `409`, `4XX`, `default`: models as JSON, problem details as
/// `application/problem+json` with the `problem` component.
fn add_error_responses(operation: &mut Value, endpoint: &Endpoint, api_errors: &[ErrorBody], problem: &str) {
    let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else { return };
    for row in endpoint.effective_errors(api_errors) {
        let (media, schema) = match &row.body {
            ErrorType::Model(name) => ("application/json", format!("#/components/schemas/{name}")),
            ErrorType::Problem => ("application/problem+json", format!("#/components/schemas/{problem}")),
        };
        let description = match row.status {
            StatusMatch::Exact(status) => format!("Error status {status}; the client decodes its declared body."),
            StatusMatch::Class(class) => format!("Any {class}xx status; the client decodes its declared body."),
            StatusMatch::Default => "Any other error status; the client decodes its declared body.".to_owned(),
        };
        responses.insert(
            row.status.label(),
            json!({ "description": description, "content": { media: { "schema": { "$ref": schema } } } }),
        );
    }
}

/// RFC 9457 problem details: five optional standard members, any others allowed.
fn problem_schema() -> Value {
    json!({
        "type": "object",
        "description": "Problem details (RFC 9457): `type` (absent means `about:blank`), `title`, `status`, \
            `detail`, `instance`, and any extension members.",
        "properties": {
            "type": { "type": "string", "format": "uri-reference" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "detail": { "type": "string" },
            "instance": { "type": "string", "format": "uri-reference" }
        },
        "additionalProperties": true
    })
}

/// `base` with the JSON content of `parts` merged: schemas as `anyOf`, named examples joined.
fn merge_content(parts: &[&Value], mut base: Value) -> Value {
    let media: Vec<&Value> = parts.iter().filter_map(|part| part["content"].get("application/json")).collect();
    if media.is_empty() {
        return base;
    }
    let schemas = media.iter().map(|media| media["schema"].clone()).collect();
    let mut merged = Map::new();
    merged.insert("schema".into(), any_of(schemas));
    let examples: Map<String, Value> = media
        .iter()
        .filter_map(|media| media["examples"].as_object())
        .flat_map(|examples| examples.iter().map(|(name, example)| (name.clone(), example.clone())))
        .collect();
    if !examples.is_empty() {
        merged.insert("examples".into(), Value::Object(examples));
    }
    if let Value::Object(object) = &mut base {
        object.insert("content".into(), json!({ "application/json": merged }));
    }
    base
}

/// One schema, or `anyOf` of the distinct ones.
fn any_of(schemas: Vec<Value>) -> Value {
    let mut distinct: Vec<Value> = Vec::new();
    for schema in schemas {
        if !distinct.contains(&schema) {
            distinct.push(schema);
        }
    }
    if distinct.len() == 1 { distinct.remove(0) } else { json!({ "anyOf": distinct }) }
}

/// The API version sent in `Accept: ...; version=N`, else `1`.
fn api_version(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("accept"))
        .flat_map(|(_, value)| value.split(';'))
        .find_map(|part| part.trim().strip_prefix("version=").map(|version| version.trim().to_owned()))
        .filter(|version| !version.is_empty())
        .unwrap_or_else(|| "1".to_owned())
}

/// The API's description, then the headers every request carries: OpenAPI ignores `Accept`
/// as a parameter, so the version header is documented here.
fn info_description(api: &Api) -> String {
    let settings = &api.settings;
    let mut text = settings.description.join("\n").trim().to_owned();
    if !settings.headers.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("Every request sends these headers:\n");
        for (name, value) in &settings.headers {
            text.push_str(&format!("\n- `{name}: {value}`"));
        }
        if settings.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("accept")) {
            text.push_str("\n\nThe `Accept` header selects the version of the API that answers.");
        }
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!("Generated from `{}` and the rest of the schema.", settings.source));
    text
}

/// The base URL as a server; each `{placeholder}` is a server variable.
fn server(api: &Api) -> Value {
    let settings = &api.settings;
    let url = settings.base_url_template.trim_end_matches('/');
    let mut server = Map::new();
    server.insert("url".into(), json!(url));
    if !settings.base_url_params.is_empty() {
        let variables: Map<String, Value> = settings
            .base_url_params
            .iter()
            .map(|param| {
                let description = format!(
                    "The `{{{}}}` part of `{}`: the `{}` argument of `Client::new`.",
                    param.wire, settings.base_url_template, param.rust
                );
                (param.wire.clone(), json!({ "default": "example", "description": description }))
            })
            .collect();
        server.insert("variables".into(), Value::Object(variables));
    }
    Value::Object(server)
}

/// A component name for the key: the auth scheme (`Token`) when it is a valid name.
fn security_scheme_name(scheme: &str) -> String {
    if !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) {
        scheme.to_owned()
    } else {
        "ApiKey".to_owned()
    }
}

/// The key as an `apiKey` in its header; the scheme prefix is explained, since OpenAPI's
/// `apiKey` has no place for it.
fn security_scheme(api: &Api) -> Value {
    let settings = &api.settings;
    let mut description = if settings.auth_scheme.is_empty() {
        format!("The API key, sent as the whole value of the `{}` header.", settings.auth_header)
    } else {
        format!(
            "The API key, sent as `{header}: {scheme} <key>`: the value of the `{header}` header is the word \
             `{scheme}`, a space, then the key.",
            header = settings.auth_header,
            scheme = settings.auth_scheme
        )
    };
    if let Some(key) = &settings.auth_description {
        description.push(' ');
        description.push_str(key.trim());
    }
    json!({
        "type": "apiKey",
        "in": "header",
        "name": settings.auth_header,
        "description": description,
    })
}

/// The path with its parameters blanked (what OpenAPI compares), and the parameter names.
fn path_shape(endpoint: &Endpoint, trailing_slash: bool) -> (String, Vec<String>) {
    let blank: Vec<String> = endpoint.path_params.iter().map(|_| String::new()).collect();
    let names = endpoint.path_params.iter().map(|param| param.name.wire.clone()).collect();
    (path_text(endpoint, &blank, trailing_slash), names)
}

/// The path as the client sends it, relative to the server: `/users/{id}/`.
fn path_text(endpoint: &Endpoint, names: &[String], trailing_slash: bool) -> String {
    let mut path = String::new();
    for segment in &endpoint.segments {
        match segment {
            PathSegment::Literal(text) => {
                for piece in text.split('/').filter(|piece| !piece.is_empty()) {
                    path.push('/');
                    path.push_str(piece);
                }
            }
            PathSegment::Param(index) => {
                path.push_str("/{");
                path.push_str(names.get(*index).map_or("", String::as_str));
                path.push('}');
            }
        }
    }
    if trailing_slash || path.is_empty() {
        path.push('/');
    }
    path
}

/// One operation: parameters, body, the success response and the docs' examples.
fn operation(
    endpoint: &Endpoint,
    page: Option<&str>,
    module_path: &[String],
    param_names: &[String],
    enums: &BTreeMap<&str, &Enum>,
) -> Value {
    let mut operation = Map::new();
    operation.insert("operationId".into(), json!(endpoint.name.wire));
    if let Some(title) = &endpoint.title {
        operation.insert("summary".into(), json!(title));
    }
    let description = operation_description(endpoint);
    if !description.is_empty() {
        operation.insert("description".into(), json!(description));
    }
    if let Some(tag) = module_path.first() {
        operation.insert("tags".into(), json!([tag]));
    }
    if let Some(page) = page {
        operation.insert("externalDocs".into(), json!({ "url": page }));
    }
    let mut parameters = Vec::new();
    for (index, param) in endpoint.path_params.iter().enumerate() {
        let name = param_names.get(index).unwrap_or(&param.name.wire);
        let mut parameter = Map::new();
        parameter.insert("name".into(), json!(name));
        parameter.insert("in".into(), json!("path"));
        parameter.insert("required".into(), json!(true));
        if !param.description.is_empty() {
            parameter.insert("description".into(), json!(param.description.join("\n")));
        }
        parameter.insert("schema".into(), type_schema(&param.ty));
        parameters.push(Value::Object(parameter));
    }
    if let Some(query) = &endpoint.query {
        parameters.extend(query_parameters(query, enums));
    }
    if !parameters.is_empty() {
        operation.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(request) = &endpoint.request {
        let mut media = Map::new();
        media.insert("schema".into(), json!({ "$ref": format!("#/components/schemas/{}", request.type_name) }));
        if let Some(example) = endpoint.request_example.as_deref().and_then(parse_example) {
            media.insert("examples".into(), named_example(endpoint, example));
        }
        // The client always sends a JSON object, `{}` when nothing is set.
        operation.insert("requestBody".into(), json!({ "required": true, "content": { "application/json": media } }));
    }
    operation.insert("responses".into(), json!({ "200": response(endpoint) }));
    Value::Object(operation)
}

/// An operation's description: the schema's text, then where the endpoint is known from, in
/// words (the title is the summary; the docs page is `externalDocs`).
fn operation_description(endpoint: &Endpoint) -> String {
    let mut text = endpoint.description.join("\n");
    if let Some(source) = &endpoint.source {
        let known = match source.kind {
            SourceKind::Doc => "Documented by the vendor",
            SourceKind::Legacy => "Documented only in the vendor's older docs",
            SourceKind::Code => "Not documented by the vendor; seen in public client libraries",
        };
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(known);
        if let Some(detail) = &source.detail {
            text.push_str(&format!(" ({detail})"));
        }
        text.push('.');
    }
    text
}

/// A field's description: the schema's text and the schema's note on it, when there are any
/// (its length limit is `maxLength`).
fn field_description(field: &Field) -> Option<String> {
    let mut text = field.description.join("\n");
    if let Some(note) = &field.note {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&format!("Schema note: {note}."));
    }
    (!text.is_empty()).then_some(text)
}

/// What the custom attributes of a body are, and how the docs' table shows them.
fn custom_attributes_description(custom: &CustomAttributes) -> String {
    let mut text = custom.description.clone().unwrap_or_else(|| "Any custom attribute, as a top-level key.".to_owned());
    if let Some(row) = &custom.placeholder {
        text.push_str(&format!("\n\nThe docs' table shows them as the row `{row}`."));
    }
    text
}

/// Query parameters: the table's rows, the constants (always sent) and, for endpoints with
/// filters, one free-form object whose keys are `<field>__<lookup>`.
fn query_parameters(query: &QueryParams, enums: &BTreeMap<&str, &Enum>) -> Vec<Value> {
    let mut parameters = Vec::new();
    for (name, value) in &query.constants {
        parameters.push(json!({
            "name": name,
            "in": "query",
            "required": true,
            "description": format!("Fixed: the client always sends `{name}={value}` with this call."),
            "schema": constant_schema(value),
        }));
    }
    for field in &query.fields {
        let mut parameter = Map::new();
        // A list's style: repeated (`explode`), comma-joined, or repeated under `name[]`.
        let name = match field.array_style {
            Some(ArrayStyle::Brackets) => format!("{}[]", field.name.wire),
            _ => field.name.wire.clone(),
        };
        parameter.insert("name".into(), json!(name));
        parameter.insert("in".into(), json!("query"));
        if let Some(style) = field.array_style {
            parameter.insert("style".into(), json!("form"));
            parameter.insert("explode".into(), json!(style != ArrayStyle::Comma));
        }
        parameter.insert("required".into(), json!(field.required));
        if let Some(description) = field_description(field) {
            parameter.insert("description".into(), json!(description));
        }
        if field.deprecated.is_some() {
            parameter.insert("deprecated".into(), json!(true));
        }
        let mut schema = type_schema(&field.ty);
        if let Type::Enum(name) = &field.ty {
            // Query values are text; an integer enum is sent as its code.
            if let Some(item) = enums.get(name.as_str()) {
                schema = enum_values_schema(item);
            }
        }
        parameter.insert("schema".into(), schema);
        parameters.push(Value::Object(parameter));
    }
    if query.filters {
        parameters.push(json!({
            "name": "filters",
            "in": "query",
            "required": false,
            "style": "form",
            "explode": true,
            "description": "Django-style lookups with dynamic names, each `<field>__<lookup>=<value>` \
                (such as `email__contains=@example.org` or `score__gte=10`); `<field>` may be any \
                standard or custom attribute.",
            "schema": { "type": "object", "additionalProperties": { "type": "string" } },
        }));
    }
    parameters
}

/// The schema of a constant: typed as the schema wrote it (`true`, `10`, or text).
fn constant_schema(value: &str) -> Value {
    if let Ok(flag) = value.parse::<bool>() {
        json!({ "type": "boolean", "const": flag })
    } else if let Ok(number) = value.parse::<i64>() {
        json!({ "type": "integer", "const": number })
    } else {
        json!({ "type": "string", "const": value })
    }
}

/// The success response: a JSON body, a page envelope, or nothing.
fn response(endpoint: &Endpoint) -> Value {
    let example = endpoint.response_example.as_deref().and_then(parse_example);
    let (description, schema) = match &endpoint.response {
        Response::Value(ty) => ("Success (any 2xx status).", type_schema(ty)),
        Response::Page(item) => ("One page of the list (any 2xx status).", page_schema(item)),
        Response::Nothing => {
            return json!({ "description": "Success (any 2xx status); the body is empty or undocumented." });
        }
    };
    let mut media = Map::new();
    media.insert("schema".into(), schema);
    if let Some(example) = example {
        media.insert("examples".into(), named_example(endpoint, example));
    }
    json!({ "description": description, "content": { "application/json": media } })
}

/// A paginated envelope `{count, next, previous, results}`.
fn page_schema(item: &Type) -> Value {
    json!({
        "type": "object",
        "description": "One page of a paginated list; `next` and `previous` are absolute URLs of the \
            neighbouring pages, `null` at either end. The client reads a missing `count`, `next` or \
            `previous` as absent.",
        "required": ["results"],
        "properties": {
            "count": { "type": "integer", "minimum": 0, "description": "How many items the whole list has." },
            "next": { "type": ["string", "null"], "format": "uri" },
            "previous": { "type": ["string", "null"], "format": "uri" },
            "results": { "type": "array", "items": type_schema(item) },
        },
    })
}

/// `{ "<endpoint>": { "summary": ..., "value": ... } }`: examples are named after their
/// endpoint, so a mock server can be asked for one (`Prefer: example=<endpoint>`).
fn named_example(endpoint: &Endpoint, value: Value) -> Value {
    let summary = match &endpoint.title {
        Some(title) => format!("{title} (from the docs)"),
        None => format!("`{}` (from the docs)", endpoint.name.wire),
    };
    json!({ endpoint.name.wire.clone(): { "summary": summary, "value": value } })
}

/// The docs' examples were checked to be JSON by `lower`; text that is not is left out.
fn parse_example(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

/// A response model: required keys are always present; unknown keys are allowed.
fn model_schema(model: &Model) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    if !model.description.is_empty() {
        schema.insert("description".into(), json!(model.description.join("\n")));
    }
    let required: Vec<&str> =
        model.fields.iter().filter(|field| field.required).map(|field| field.name.wire.as_str()).collect();
    if !required.is_empty() {
        schema.insert("required".into(), json!(required));
    }
    let properties: Map<String, Value> =
        model.fields.iter().map(|field| (field.name.wire.clone(), field_schema(field, field.nullable))).collect();
    schema.insert("properties".into(), Value::Object(properties));
    Value::Object(schema)
}

/// A request body: optional fields that may be null (the field's `nullable`, or the API's
/// `request_nullable`) may be sent as `null` to clear them; keys outside the table are refused
/// unless the endpoint takes custom attributes.
fn request_schema(endpoint: &Endpoint, request: &RequestBody) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert(
        "description".into(),
        json!(format!(
            "The body of `{}`. Optional fields left unset are not sent; `null` clears a stored value.",
            endpoint.name.wire
        )),
    );
    let required: Vec<&str> =
        request.fields.iter().filter(|field| field.required).map(|field| field.name.wire.as_str()).collect();
    if !required.is_empty() {
        schema.insert("required".into(), json!(required));
    }
    let properties: Map<String, Value> =
        request.fields.iter().map(|field| (field.name.wire.clone(), field_schema(field, field.nullable))).collect();
    schema.insert("properties".into(), Value::Object(properties));
    let additional = match &request.custom_attributes {
        Some(custom) => json!({ "description": custom_attributes_description(custom) }),
        None => json!(false),
    };
    schema.insert("additionalProperties".into(), additional);
    Value::Object(schema)
}

/// A field: its type (with `null` when `nullable`), description, limit and deprecation.
fn field_schema(field: &Field, nullable: bool) -> Value {
    let mut schema = type_schema(&field.ty);
    if nullable {
        schema = with_null(schema);
    }
    let Value::Object(object) = &mut schema else { return schema };
    if let Some(max) = field.max_length {
        object.insert("maxLength".into(), json!(max));
    }
    if let Some(min) = field.min_length {
        object.insert("minLength".into(), json!(min));
    }
    for (key, value) in [("minimum", &field.minimum), ("maximum", &field.maximum), ("default", &field.default)] {
        if let Some(value) = value {
            object.insert(key.into(), scalar_json(value));
        }
    }
    let mut description = field_description(field).unwrap_or_default();
    if let Some(reason) = &field.deprecated {
        object.insert("deprecated".into(), json!(true));
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!("Deprecated: {reason}"));
    }
    if !description.is_empty() {
        object.insert("description".into(), json!(description));
    }
    schema
}

/// A bound or default as JSON.
fn scalar_json(value: &Scalar) -> Value {
    match value {
        Scalar::String(text) => json!(text),
        Scalar::Integer(value) => json!(value),
        Scalar::Number(value) => json!(value),
        Scalar::Boolean(value) => json!(value),
    }
}

/// `type: [T, "null"]` (OpenAPI 3.1), or `anyOf` with `null` for references.
fn with_null(schema: Value) -> Value {
    let Value::Object(mut object) = schema else { return schema };
    match object.get("type").cloned() {
        Some(Value::String(ty)) => {
            object.insert("type".into(), json!([ty, "null"]));
            Value::Object(object)
        }
        Some(_) => Value::Object(object),
        // `json` (no type) already allows `null`.
        None if object.is_empty() => Value::Object(object),
        None => json!({ "anyOf": [object, { "type": "null" }] }),
    }
}

/// The JSON Schema of a type; models and enums are references to components.
fn type_schema(ty: &Type) -> Value {
    match ty {
        Type::String => json!({ "type": "string" }),
        Type::FormattedString(format) => json!({ "type": "string", "format": format.openapi() }),
        Type::Integer => json!({ "type": "integer", "format": "int64" }),
        Type::Int32 => json!({ "type": "integer", "format": "int32" }),
        // OpenAPI has no unsigned format; the range says it.
        Type::UInt64 => json!({ "type": "integer", "minimum": 0, "maximum": u64::MAX }),
        Type::Number => json!({ "type": "number", "format": "double" }),
        Type::Boolean => json!({ "type": "boolean" }),
        Type::DateTime => json!({ "type": "string", "format": "date-time" }),
        Type::Date => json!({ "type": "string", "format": "date" }),
        Type::Json => json!({}),
        // UNIX seconds.
        Type::Timestamp => json!({ "type": "integer", "format": "int64" }),
        // An exact decimal, sent as text to keep every digit.
        Type::Decimal => json!({
            "type": "string",
            "format": "decimal",
            "pattern": "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$",
        }),
        Type::List(item) => json!({ "type": "array", "items": type_schema(item) }),
        Type::Map(value) => json!({ "type": "object", "additionalProperties": type_schema(value) }),
        Type::Model(name) | Type::Enum(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
    }
}

/// An enum component: its values and what each code means.
fn enum_schema(item: &Enum) -> Value {
    let mut schema = enum_values_schema(item);
    let mut description = item.description.join("\n");
    if item.kind == EnumKind::Codes {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        let codes: Vec<String> = item
            .variants
            .iter()
            .filter_map(|variant| variant.code.map(|code| format!("- `{code}`: {}", variant.label)))
            .collect();
        description.push_str(&codes.join("\n"));
    }
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str("Values not listed here may appear in responses; the client keeps them.");
    if let Value::Object(object) = &mut schema {
        object.insert("description".into(), json!(description));
    }
    schema
}

/// `enum` of the wire values; integer enums also name their codes (`x-enum-varnames`).
fn enum_values_schema(item: &Enum) -> Value {
    if item.kind == EnumKind::Codes {
        let codes: Vec<i64> = item.variants.iter().filter_map(|variant| variant.code).collect();
        let names: Vec<&str> = item.variants.iter().map(|variant| variant.label.as_str()).collect();
        json!({ "type": "integer", "enum": codes, "x-enum-varnames": names })
    } else {
        let values: Vec<&str> = item.variants.iter().map(|variant| variant.label.as_str()).collect();
        json!({ "type": "string", "enum": values })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_keep_their_type() {
        assert_eq!(constant_schema("true"), json!({ "type": "boolean", "const": true }));
        assert_eq!(constant_schema("10"), json!({ "type": "integer", "const": 10 }));
        assert_eq!(constant_schema("all"), json!({ "type": "string", "const": "all" }));
    }

    #[test]
    fn null_is_added_the_3_1_way() {
        assert_eq!(with_null(type_schema(&Type::String)), json!({ "type": ["string", "null"] }));
        assert_eq!(
            with_null(type_schema(&Type::Model("User".into()))),
            json!({ "anyOf": [{ "$ref": "#/components/schemas/User" }, { "type": "null" }] })
        );
        assert_eq!(with_null(type_schema(&Type::Json)), json!({}));
    }

    #[test]
    fn version_comes_from_the_accept_header() {
        let headers = vec![("Accept".to_owned(), "*/*; version=2".to_owned())];
        assert_eq!(api_version(&headers), "2");
        assert_eq!(api_version(&[]), "1");
    }
}
