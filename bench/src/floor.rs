//! The floor: the cheapest crate that could hold the synthetic API's types, written from its
//! OpenAPI document. One plain struct with `#[derive(Serialize, Deserialize)]` per model, request
//! body, page and query (and a plain enum per string enum), fields of the same Rust types as our
//! generated ones (`Option` where a field may be absent or null), and no methods, builders,
//! validation or docs. Date-times are `String`s: a crate with only serde has no date type. What a
//! generator costs above this floor is what its client adds.

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// The crate's `src/lib.rs` for the OpenAPI document `openapi`.
pub fn source(openapi: &Value) -> String {
    let mut out = String::from(
        "//! The floor: plain serde structs of the synthetic API, written by `cargo xtask bench`.\n\n\
         #![allow(dead_code)]\n\nuse serde::{Deserialize, Serialize};\n",
    );
    let empty = Map::new();
    let schemas = openapi["components"]["schemas"].as_object().unwrap_or(&empty);
    for (name, schema) in schemas {
        if let Some(values) = schema["enum"].as_array() {
            let _ = write!(out, "\n#[derive(Debug, Clone, Serialize, Deserialize)]\npub enum {name} {{\n");
            for value in values.iter().filter_map(Value::as_str) {
                let _ = writeln!(out, "    #[serde(rename = {value:?})]\n    {},", pascal(value));
            }
            out.push_str("}\n");
        } else {
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map_or_else(Vec::new, |required| required.iter().filter_map(Value::as_str).collect());
            let fields = schema["properties"].as_object().unwrap_or(&empty).iter().map(|(field, property)| {
                let optional = !required.contains(&field.as_str()) || property["nullable"] == Value::Bool(true);
                (field.as_str(), rust_type(property), optional)
            });
            write_struct(&mut out, name, fields);
        }
    }
    // Query parameters: one struct per operation that has any.
    for operations in openapi["paths"].as_object().unwrap_or(&empty).values() {
        for operation in operations.as_object().unwrap_or(&empty).values() {
            let parameters: Vec<&Value> = operation["parameters"]
                .as_array()
                .map_or_else(Vec::new, |parameters| parameters.iter().filter(|p| p["in"] == "query").collect());
            if parameters.is_empty() {
                continue;
            }
            let name = format!("{}Query", pascal(operation["operationId"].as_str().unwrap_or("operation")));
            let fields = parameters.iter().map(|parameter| {
                (
                    parameter["name"].as_str().unwrap_or("parameter"),
                    rust_type(&parameter["schema"]),
                    parameter["required"] != Value::Bool(true),
                )
            });
            write_struct(&mut out, &name, fields);
        }
    }
    out
}

fn write_struct<'a>(out: &mut String, name: &str, fields: impl Iterator<Item = (&'a str, String, bool)>) {
    let _ = write!(out, "\n#[derive(Debug, Clone, Serialize, Deserialize)]\npub struct {name} {{\n");
    for (field, ty, optional) in fields {
        if optional {
            let _ = writeln!(out, "    pub {field}: Option<{ty}>,");
        } else {
            let _ = writeln!(out, "    pub {field}: {ty},");
        }
    }
    out.push_str("}\n");
}

/// The Rust type of a JSON schema, as our generator types it (date-times aside).
fn rust_type(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    match schema["type"].as_str() {
        Some("integer") => "i64".to_owned(),
        Some("number") => "f64".to_owned(),
        Some("boolean") => "bool".to_owned(),
        Some("string") => "String".to_owned(),
        Some("array") => format!("Vec<{}>", rust_type(&schema["items"])),
        _ => "serde_json::Value".to_owned(),
    }
}

/// `update_contact_0001` -> `UpdateContact0001`.
fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| part[..1].to_ascii_uppercase() + &part[1..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_structs_enums_and_queries() {
        let openapi = serde_json::json!({
            "paths": {"/things/": {"get": {"operationId": "list_thing_0000", "parameters": [
                {"name": "page", "in": "query", "schema": {"type": "integer"}},
                {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}
            ]}}},
            "components": {"schemas": {
                "Thing0000Status": {"type": "string", "enum": ["active", "archived"]},
                "Thing0000": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string", "nullable": true},
                    "status": {"$ref": "#/components/schemas/Thing0000Status"},
                    "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                    "value": {"nullable": true}
                }}
            }}
        });
        let text = source(&openapi);
        assert!(text.contains("pub enum Thing0000Status {\n    #[serde(rename = \"active\")]\n    Active,"), "{text}");
        assert!(
            text.contains("    pub id: i64,\n    pub name: Option<String>,\n    pub status: Option<Thing0000Status>,")
        );
        assert!(text.contains("    pub tags: Option<Vec<Tag>>,\n    pub value: Option<serde_json::Value>,"));
        assert!(text.contains("pub struct ListThing0000Query {\n    pub page: Option<i64>,\n}"), "{text}");
    }
}
