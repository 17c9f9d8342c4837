//! `cargo xtask synth N [--out DIR]`: a synthetic API of `N` endpoints shaped like User.com, written
//! twice — as our YAML schema (`DIR/schema/`) and as an equivalent OpenAPI 3.0.3 document
//! (`DIR/openapi.json`) that cargo-progenitor accepts — so both generators get the same workload.
//! The output depends only on `N`. It does not generate or measure anything; `cargo xtask bench`
//! does.
//!
//! The API has `ceil(N / 5)` resources, each with `update_`, `get_`, `create_`, `delete_` and a
//! paginated `list_` endpoint (the last resource takes the first `N mod 5` of them). Each
//! resource has a response model of 32 fields (nullable strings, integers, booleans and
//! date-times, a 3-value enum, lists of `{id, name}` tags and of attribute values) and request
//! tables of 8 fields (length limits, a list, an enum, nullable values) plus custom attributes.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value, json};

/// Nouns for resource names; `index % len` picks one, so names read like a CRM API.
const NOUNS: [(&str, &str); 10] = [
    ("contact", "contacts"),
    ("company", "companies"),
    ("deal", "deals"),
    ("product", "products"),
    ("event", "events"),
    ("segment", "segments"),
    ("activity", "activities"),
    ("note", "notes"),
    ("task", "tasks"),
    ("ticket", "tickets"),
];

/// The endpoint kinds of a resource, in the order they are taken.
const KINDS: [Kind; 5] = [Kind::Update, Kind::Get, Kind::Create, Kind::Delete, Kind::List];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Update,
    Get,
    Create,
    Delete,
    List,
}

/// A response-model field of a synthetic resource.
#[derive(Clone, Copy)]
enum FieldType {
    Id,
    String,
    Integer,
    Boolean,
    DateTime,
    Status,
    Tags,
    Attributes,
}

/// The fields of every resource model but the last: wire name, type, description.
const MODEL_FIELDS: [(&str, FieldType, &str); 31] = [
    ("id", FieldType::Id, "A unique identifier given by the service automatically."),
    ("key", FieldType::String, "A unique 12-character key given by the service automatically."),
    ("custom_id", FieldType::String, "The unique identifier provided by the client."),
    ("name", FieldType::String, "The full name."),
    ("email", FieldType::String, "An email address."),
    ("first_name", FieldType::String, "A first name."),
    ("last_name", FieldType::String, "A last name."),
    ("phone_number", FieldType::String, "A phone number (E.164)."),
    ("gravatar_url", FieldType::String, "An avatar URL from gravatar."),
    ("city", FieldType::String, "A city, based on the browser."),
    ("region", FieldType::String, "A region."),
    ("country", FieldType::String, "A country, based on the browser."),
    ("timezone", FieldType::String, "A time zone."),
    ("browser", FieldType::String, "The browser last used."),
    ("browser_language", FieldType::String, "The browser's language."),
    ("os_type", FieldType::String, "The operating system of the last visit."),
    ("last_ip", FieldType::String, "The IP address of the last visit."),
    ("facebook_url", FieldType::String, "A Facebook profile URL."),
    ("linkedin_url", FieldType::String, "A LinkedIn profile URL."),
    ("score", FieldType::Integer, "The score."),
    ("page_views", FieldType::Integer, "How many pages were viewed."),
    ("visits", FieldType::Integer, "How many visits were made."),
    ("owner_id", FieldType::Integer, "The identifier of the owning agent."),
    ("notifications", FieldType::Boolean, "Whether notifications are accepted."),
    ("unsubscribed", FieldType::Boolean, "Whether emails were unsubscribed from."),
    ("first_seen", FieldType::DateTime, "The date of the first visit."),
    ("last_seen", FieldType::DateTime, "The date of the last visit."),
    ("created_at", FieldType::DateTime, "The creation date."),
    ("updated_at", FieldType::DateTime, "The date of the last update."),
    ("status", FieldType::Status, "The status."),
    ("tags", FieldType::Tags, "The tags."),
];

/// The last model field; kept apart so `MODEL_FIELDS` stays a readable table.
const ATTRIBUTES_FIELD: (&str, FieldType, &str) =
    ("attributes", FieldType::Attributes, "The custom attributes, as a list of values.");

/// A request-table field: wire name, type, max length, description.
#[derive(Clone, Copy)]
enum RequestType {
    String,
    Integer,
    Boolean,
    Strings,
    Status,
}

const REQUEST_FIELDS: [(&str, RequestType, Option<u32>, &str); 8] = [
    ("email", RequestType::String, None, "An email address."),
    ("first_name", RequestType::String, Some(40), "A first name (at most 40 characters)."),
    ("last_name", RequestType::String, Some(40), "A last name (at most 40 characters)."),
    ("phone_number", RequestType::String, Some(20), "A phone number (at most 20 characters)."),
    ("score", RequestType::Integer, None, "The score."),
    ("notifications", RequestType::Boolean, None, "Whether notifications are accepted."),
    ("tags", RequestType::Strings, None, "A list of tag names."),
    ("status", RequestType::Status, None, "The status."),
];

const STATUS_VALUES: [&str; 3] = ["active", "archived", "pending"];

/// One synthetic resource: `deal_0003` (file, methods), `Deal0003` (types), `/deals_0003/`.
struct Resource {
    snake: String,
    pascal: String,
    /// The schema folder, the plural noun: `deals`.
    folder: String,
    /// The collection path: `/deals_0003/`.
    collection: String,
    kinds: Vec<Kind>,
}

fn resources(endpoints: usize) -> Vec<Resource> {
    let count = endpoints.div_ceil(KINDS.len());
    (0..count)
        .map(|index| {
            let (noun, plural) = NOUNS[index % NOUNS.len()];
            let taken = (endpoints - index * KINDS.len()).min(KINDS.len());
            Resource {
                snake: format!("{noun}_{index:04}"),
                pascal: format!("{}{}{index:04}", noun[..1].to_ascii_uppercase(), &noun[1..]),
                folder: plural.to_owned(),
                collection: format!("/{plural}_{index:04}/"),
                kinds: KINDS[..taken].to_vec(),
            }
        })
        .collect()
}

/// `cargo xtask synth N [--out DIR]`.
pub fn run(args: &[&str]) -> ExitCode {
    let usage = "usage: cargo xtask synth N [--out DIR]   (default DIR: target/synth/N)";
    let (count, out) = match args {
        [count] => (count.parse::<usize>().ok(), None),
        [count, "--out", dir] => (count.parse::<usize>().ok(), Some(PathBuf::from(dir))),
        _ => (None, None),
    };
    let Some(count) = count.filter(|&count| count > 0) else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let out = out.unwrap_or_else(|| crate::root::project_root().join("target/synth").join(count.to_string()));
    match write(count, &out) {
        Ok(files) => {
            println!(
                "wrote {count} endpoints: {files} schema files under {0}/schema and {0}/openapi.json",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `out/schema/**.yaml` and `out/openapi.json` for `count` endpoints, replacing an earlier
/// `out/schema`. Returns the number of schema files.
pub fn write(count: usize, out: &Path) -> io::Result<usize> {
    let schema_dir = out.join("schema");
    match fs::remove_dir_all(&schema_dir) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let files = yaml_files(count);
    for (path, text) in &files {
        let target = schema_dir.join(path);
        fs::create_dir_all(target.parent().unwrap_or(&schema_dir))?;
        fs::write(&target, text)?;
    }
    let mut json = serde_json::to_string_pretty(&openapi(count)).map_err(io::Error::other)?;
    json.push('\n');
    fs::write(out.join("openapi.json"), json)?;
    Ok(files.len())
}

/// The schema files (relative path, text) of the synthetic API.
pub fn yaml_files(count: usize) -> Vec<(String, String)> {
    let mut files =
        vec![("api.yaml".to_owned(), api_yaml(count)), ("models/common.yaml".to_owned(), COMMON_YAML.to_owned())];
    for resource in resources(count) {
        files.push((format!("{}/{}.yaml", resource.folder, resource.snake), resource_yaml(&resource)));
    }
    files
}

fn api_yaml(count: usize) -> String {
    format!(
        "# Synthetic API of {count} endpoints, written by `cargo xtask synth {count}`.
api:
  name: Synthetic CRM API ({count} endpoints)
  description: |
    A User.com-shaped API for benchmarks.
  docs: https://apidocs.example.com/
  base_url: https://{{subdomain}}.example.com/api/public/
  auth:
    header: Authorization
    scheme: Token
    description: Your API key.
  headers:
    Accept: \"*/*; version=2\"
"
    )
}

const COMMON_YAML: &str = "# Models every synthetic resource shares.
models:
  Tag:
    description: A tag, as listed on a resource.
    fields:
      id:
        type: integer
        required: true
        description: The tag's identifier.
      name:
        type: string
        nullable: true
        description: The tag's name.
  AttributeValue:
    description: The value of one custom attribute.
    fields:
      id:
        type: integer
        required: true
        description: The attribute's identifier.
      name:
        type: string
        nullable: true
        description: The attribute's display name.
      name_std:
        type: string
        nullable: true
        description: The attribute's key in requests.
      value:
        type: json
        nullable: true
        description: The value; its JSON type depends on the attribute.
";

fn resource_yaml(resource: &Resource) -> String {
    let Resource { snake, pascal, .. } = resource;
    let mut out = String::new();
    let _ = write!(
        out,
        "# Synthetic resource `{snake}`.
page: https://apidocs.example.com/{snake}.html
enums:
  {pascal}Status:
    description: The status of a {snake}.
    values: [{}]
models:
  {pascal}:
    description: |
      A {snake}, as the {snake} endpoints return it.
    custom_attributes: {{ list: attributes, name: name_std, value: value }}
    fields:
",
        STATUS_VALUES.join(", ")
    );
    for (wire, ty, description) in MODEL_FIELDS.iter().chain([&ATTRIBUTES_FIELD]) {
        let (ty, flag) = match ty {
            FieldType::Id => ("integer".to_owned(), "required: true"),
            FieldType::String => ("string".to_owned(), "nullable: true"),
            FieldType::Integer => ("integer".to_owned(), "nullable: true"),
            FieldType::Boolean => ("boolean".to_owned(), "nullable: true"),
            FieldType::DateTime => ("datetime".to_owned(), "nullable: true"),
            FieldType::Status => (format!("{pascal}Status"), "nullable: true"),
            FieldType::Tags => ("list(Tag)".to_owned(), "nullable: true"),
            FieldType::Attributes => ("list(AttributeValue)".to_owned(), "nullable: true"),
        };
        let _ = write!(out, "      {wire}:\n        type: {ty}\n        {flag}\n        description: {description}\n");
    }
    out.push_str("endpoints:\n");
    let collection = &resource.collection;
    let item = format!("{collection}:id/");
    for kind in &resource.kinds {
        match kind {
            Kind::Update => {
                endpoint_head(&mut out, "update", snake, "Update", "PUT", &item);
                id_param(&mut out);
                request_table(&mut out, pascal, false);
                let _ = writeln!(out, "    response: {pascal}");
            }
            Kind::Get => {
                endpoint_head(&mut out, "get", snake, "Get", "GET", &item);
                id_param(&mut out);
                let _ = writeln!(out, "    response: {pascal}");
            }
            Kind::Create => {
                endpoint_head(&mut out, "create", snake, "Create", "POST", collection);
                request_table(&mut out, pascal, true);
                let _ = writeln!(out, "    response: {pascal}");
            }
            Kind::Delete => {
                endpoint_head(&mut out, "delete", snake, "Delete", "DELETE", &item);
                id_param(&mut out);
                out.push_str("    response: none\n");
            }
            Kind::List => {
                endpoint_head(&mut out, "list", snake, "List", "GET", collection);
                out.push_str(
                    "    query:
      page:
        type: integer
        description: The page to return, from 1.
      page_size:
        type: integer
        description: How many items a page holds.
",
                );
                let _ = writeln!(out, "    response: page({pascal})");
            }
        }
    }
    out
}

fn endpoint_head(out: &mut String, verb: &str, snake: &str, title: &str, method: &str, path: &str) {
    let _ = write!(
        out,
        "  {verb}_{snake}:
    title: {title} {snake}
    source: DOC
    method: {method}
    path: {path}
    description: |
      {title} a {snake}. Custom attributes must exist before they are sent.
"
    );
}

fn id_param(out: &mut String) {
    out.push_str(
        "    path_params:
      id:
        type: integer
        description: The identifier given by the service.
",
    );
}

fn request_table(out: &mut String, pascal: &str, create: bool) {
    out.push_str("    request:\n");
    for (index, (wire, ty, max, description)) in REQUEST_FIELDS.iter().enumerate() {
        let ty = match ty {
            RequestType::String => "string".to_owned(),
            RequestType::Integer => "integer".to_owned(),
            RequestType::Boolean => "boolean".to_owned(),
            RequestType::Strings => "list(strings)".to_owned(),
            RequestType::Status => format!("{pascal}Status"),
        };
        // `create_` needs an email; every other row is optional, and a few may be cleared.
        let required = if create && index == 0 { "yes" } else { "no" };
        let _ = write!(out, "      {wire}:\n        type: {ty}\n        required: {required}\n");
        if let Some(max) = max {
            let _ = writeln!(out, "        max_length: {max}");
        }
        if index % 3 == 1 {
            out.push_str("        nullable: true\n");
        }
        let _ = writeln!(out, "        description: {description}");
    }
    out.push_str(
        "    custom_attributes:
      placeholder: custom_attr
      description: An example value of your custom attribute.
",
    );
}

/// The same API as an OpenAPI 3.0.3 document.
pub fn openapi(count: usize) -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    schemas.insert(
        "Tag".to_owned(),
        json!({
            "description": "A tag, as listed on a resource.",
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "format": "int64", "description": "The tag's identifier."},
                "name": {"type": "string", "nullable": true, "description": "The tag's name."}
            }
        }),
    );
    schemas.insert(
        "AttributeValue".to_owned(),
        json!({
            "description": "The value of one custom attribute.",
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "format": "int64", "description": "The attribute's identifier."},
                "name": {"type": "string", "nullable": true, "description": "The attribute's display name."},
                "name_std": {"type": "string", "nullable": true, "description": "The attribute's key in requests."},
                "value": {"nullable": true, "description": "The value; its JSON type depends on the attribute."}
            }
        }),
    );
    for resource in resources(count) {
        let Resource { snake, pascal, .. } = &resource;
        schemas.insert(
            format!("{pascal}Status"),
            json!({"description": format!("The status of a {snake}."), "type": "string", "enum": STATUS_VALUES}),
        );
        schemas.insert(pascal.clone(), model_schema(&resource));
        schemas.insert(
            format!("{pascal}Page"),
            json!({
                "description": format!("A page of {snake} items."),
                "type": "object",
                "required": ["count", "results"],
                "properties": {
                    "count": {"type": "integer", "format": "int64", "description": "How many items there are."},
                    "next": {"type": "string", "nullable": true, "description": "The URL of the next page."},
                    "previous": {"type": "string", "nullable": true, "description": "The URL of the previous page."},
                    "results": {"type": "array", "items": {"$ref": format!("#/components/schemas/{pascal}")}}
                }
            }),
        );
        let collection = resource.collection.clone();
        let item = format!("{collection}{{id}}/");
        let model_ref = json!({"$ref": format!("#/components/schemas/{pascal}")});
        let ok = |schema: Value| json!({"200": {"description": "Success.", "content": {"application/json": {"schema": schema}}}});
        let id_param = json!([{
            "name": "id", "in": "path", "required": true,
            "description": "The identifier given by the service.",
            "schema": {"type": "integer", "format": "int64"}
        }]);
        for kind in &resource.kinds {
            let (path, method, verb, title) = match kind {
                Kind::Update => (&item, "put", "update", "Update"),
                Kind::Get => (&item, "get", "get", "Get"),
                Kind::Create => (&collection, "post", "create", "Create"),
                Kind::Delete => (&item, "delete", "delete", "Delete"),
                Kind::List => (&collection, "get", "list", "List"),
            };
            let mut operation = json!({
                "operationId": format!("{verb}_{snake}"),
                "summary": format!("{title} {snake}"),
                "description": format!("{title} a {snake}. Custom attributes must exist before they are sent."),
            });
            match kind {
                Kind::Update | Kind::Create => {
                    let body = format!("{}{pascal}Request", if *kind == Kind::Update { "Update" } else { "Create" });
                    schemas.insert(body.clone(), request_schema(pascal, *kind == Kind::Create));
                    operation["requestBody"] = json!({
                        "required": true,
                        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{body}")}}}
                    });
                    operation["responses"] = ok(model_ref.clone());
                }
                Kind::Get => operation["responses"] = ok(model_ref.clone()),
                Kind::Delete => operation["responses"] = json!({"204": {"description": "Deleted."}}),
                Kind::List => {
                    operation["parameters"] = json!([
                        {"name": "page", "in": "query", "required": false, "description": "The page to return, from 1.",
                         "schema": {"type": "integer", "format": "int64"}},
                        {"name": "page_size", "in": "query", "required": false, "description": "How many items a page holds.",
                         "schema": {"type": "integer", "format": "int64"}}
                    ]);
                    operation["responses"] = ok(json!({"$ref": format!("#/components/schemas/{pascal}Page")}));
                }
            }
            if path == &item {
                operation["parameters"] = id_param.clone();
            }
            let entry = paths.entry(path.clone()).or_insert_with(|| json!({}));
            entry[method] = operation;
        }
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": format!("Synthetic CRM API ({count} endpoints)"),
            "description": "A User.com-shaped API for benchmarks.",
            "version": "2.0.0"
        },
        "servers": [{"url": "https://{subdomain}.example.com/api/public",
                     "variables": {"subdomain": {"default": "acme"}}}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "apiKey", "in": "header", "name": "Authorization"}},
            "schemas": schemas
        }
    })
}

fn model_schema(resource: &Resource) -> Value {
    let pascal = &resource.pascal;
    let mut properties = Map::new();
    for (wire, ty, description) in MODEL_FIELDS.iter().chain([&ATTRIBUTES_FIELD]) {
        let schema = match ty {
            FieldType::Id => json!({"type": "integer", "format": "int64"}),
            FieldType::String => json!({"type": "string", "nullable": true}),
            FieldType::Integer => json!({"type": "integer", "format": "int64", "nullable": true}),
            FieldType::Boolean => json!({"type": "boolean", "nullable": true}),
            FieldType::DateTime => json!({"type": "string", "format": "date-time", "nullable": true}),
            // A `$ref` takes no siblings in 3.0; optional (not `required`) is how it may be absent.
            FieldType::Status => json!({"$ref": format!("#/components/schemas/{pascal}Status")}),
            FieldType::Tags => {
                json!({"type": "array", "nullable": true, "items": {"$ref": "#/components/schemas/Tag"}})
            }
            FieldType::Attributes => {
                json!({"type": "array", "nullable": true, "items": {"$ref": "#/components/schemas/AttributeValue"}})
            }
        };
        let mut schema = schema;
        if !matches!(ty, FieldType::Status) {
            schema["description"] = json!(description);
        }
        properties.insert((*wire).to_owned(), schema);
    }
    json!({
        "description": format!("A {}, as the {} endpoints return it.", resource.snake, resource.snake),
        "type": "object",
        "required": ["id"],
        "properties": properties
    })
}

fn request_schema(pascal: &str, create: bool) -> Value {
    let mut properties = Map::new();
    for (index, (wire, ty, max, description)) in REQUEST_FIELDS.iter().enumerate() {
        let mut schema = match ty {
            RequestType::String => json!({"type": "string"}),
            RequestType::Integer => json!({"type": "integer", "format": "int64"}),
            RequestType::Boolean => json!({"type": "boolean"}),
            RequestType::Strings => json!({"type": "array", "items": {"type": "string"}}),
            RequestType::Status => json!({"$ref": format!("#/components/schemas/{pascal}Status")}),
        };
        if !matches!(ty, RequestType::Status) {
            schema["description"] = json!(description);
            if index % 3 == 1 {
                schema["nullable"] = json!(true);
            }
        }
        if let Some(max) = max {
            schema["maxLength"] = json!(max);
        }
        properties.insert((*wire).to_owned(), schema);
    }
    let required: Vec<&str> = if create { vec!["email"] } else { vec![] };
    json!({
        "description": "Only the fields that are set are sent; custom attributes are extra top-level keys.",
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": true
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_count_and_determinism() {
        let api = openapi(12);
        let operations: usize =
            api["paths"].as_object().unwrap().values().map(|path| path.as_object().unwrap().len()).sum();
        assert_eq!(operations, 12);
        assert_eq!(openapi(12), api);
        assert_eq!(yaml_files(12), yaml_files(12));
        // Three resources: 5 + 5 + 2 endpoints.
        assert_eq!(yaml_files(12).len(), 2 + 3);
    }

    #[test]
    fn the_yaml_is_a_valid_schema_with_n_endpoints() {
        let mut files = yaml_files(7);
        files.sort();
        let files = files
            .into_iter()
            .map(|(relative, text)| codegen::SourceFile { name: format!("synth/{relative}"), relative, text })
            .collect();
        let api = codegen::__stages::lower_sources(files).unwrap_or_else(|error| panic!("{error}"));
        let endpoints: usize = api.modules.iter().map(|module| module.endpoints.len()).sum();
        assert_eq!(endpoints, 7);
        let model = api.modules.iter().flat_map(|module| &module.models).find(|model| model.name == "Contact0000");
        assert_eq!(model.map(|model| model.fields.len()), Some(MODEL_FIELDS.len() + 1));
    }
}
