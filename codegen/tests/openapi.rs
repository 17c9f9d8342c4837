//! The OpenAPI export of every `ok` fixture: each endpoint becomes an operation (or part of
//! one, when endpoints share a method and path), every `$ref` resolves, every `{param}` of a
//! path is declared, nullability uses the 3.1 form, and the key's security scheme is there.
//! With `OPENAPI_FIXTURES_OUT=<dir>` the documents are also written there, for `.ci/run` to
//! check with an outside validator.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn ok_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok");
    let mut dirs: Vec<PathBuf> =
        fs::read_dir(&root).expect("fixtures").map(|entry| entry.expect("entry").path()).collect();
    dirs.sort();
    dirs
}

/// Every `$ref` value anywhere below `value`.
fn refs<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => found.push(target),
                    _ => refs(child, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, found)),
        _ => {}
    }
}

#[test]
fn every_fixture_exports_a_consistent_document() {
    let out = std::env::var_os("OPENAPI_FIXTURES_OUT").map(PathBuf::from);
    for dir in ok_fixtures() {
        let name = dir.file_name().expect("named").to_string_lossy().into_owned();
        let api = codegen::load_api(&dir.join("schema"), "schema").unwrap_or_else(|error| panic!("{name}: {error}"));
        let document = codegen::openapi::document(&api);
        assert_eq!(document["openapi"], "3.1.0", "{name}");

        let mut found = Vec::new();
        refs(&document, &mut found);
        for target in found {
            let component = target.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{name}: {target}"));
            assert!(document["components"]["schemas"].get(component).is_some(), "{name}: `{target}` is not defined");
        }

        let mut operations = 0;
        for (path, item) in document["paths"].as_object().expect("paths") {
            for operation in item.as_object().expect("path item").values() {
                operations += 1;
                let declared: Vec<&str> = operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|param| param["in"] == "path")
                    .map(|param| param["name"].as_str().expect("named"))
                    .collect();
                let used: Vec<&str> = path
                    .split('/')
                    .filter_map(|piece| piece.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')))
                    .collect();
                assert_eq!(declared, used, "{name}: parameters of `{path}`");
                assert!(operation["responses"]["200"]["description"].is_string(), "{name}: `{path}` has a 200");
            }
        }
        let endpoints: usize = api.modules.iter().map(|module| module.endpoints.len()).sum();
        assert!(operations > 0 && operations <= endpoints, "{name}: {operations} operations for {endpoints} endpoints");

        let scheme = &document["components"]["securitySchemes"][&api.settings.auth_scheme];
        assert_eq!(scheme["type"], "apiKey", "{name}");
        assert_eq!(scheme["name"], api.settings.auth_header.as_str(), "{name}");

        if let Some(out) = &out {
            fs::create_dir_all(out).expect("output folder");
            fs::write(out.join(format!("{name}.json")), codegen::openapi::to_pretty_json(&document)).expect("written");
        }
    }
}

#[test]
fn shapes_of_the_api_fixture_are_described_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/api_shapes/schema");
    let api = codegen::load_api(&dir, "schema").expect("loads");
    let document = codegen::openapi::document(&api);
    let schemas = &document["components"]["schemas"];

    // Nullable fields the 3.1 way; a nullable reference through `anyOf`.
    assert_eq!(schemas["Person"]["properties"]["key"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(
        schemas["Person"]["properties"]["status"]["anyOf"],
        serde_json::json!([{ "$ref": "#/components/schemas/Status" }, { "type": "null" }])
    );
    assert_eq!(schemas["Person"]["required"], serde_json::json!(["id"]));
    // String enums list their values; integer enums their codes, with names.
    assert_eq!(schemas["Status"]["enum"], serde_json::json!(["visitor", "user"]));
    assert_eq!(schemas["StatusCode"]["enum"], serde_json::json!([1, 2]));
    assert_eq!(schemas["StatusCode"]["x-enum-varnames"], serde_json::json!(["visitor", "user"]));

    let find = &document["paths"]["/people/search/"]["get"];
    let param = |name: &str| {
        find["parameters"].as_array().expect("parameters").iter().find(|param| param["name"] == name).cloned()
    };
    assert_eq!(param("many").expect("constant")["schema"], serde_json::json!({ "type": "boolean", "const": true }));
    assert_eq!(param("email").expect("required")["required"], true);
    assert_eq!(param("filters").expect("filters")["style"], "form");

    let page = &document["paths"]["/people/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(page["properties"]["results"]["items"]["$ref"], "#/components/schemas/Person");
    assert!(document["paths"]["/people/{id}/tag/"]["delete"]["responses"]["200"].get("content").is_none());

    // The request body refuses keys outside its table; optional fields that do not say
    // `nullable` may not be `null` (the API's `request_nullable` is false by default).
    let request = &schemas["TagPersonRequest"];
    assert_eq!(request["additionalProperties"], false);
    assert_eq!(request["required"], serde_json::json!(["name"]));
    assert_eq!(request["properties"]["at"]["type"], "integer");
    assert_eq!(document["servers"][0]["url"], "https://{subdomain}.example.com/api/public");
    assert_eq!(document["info"]["version"], "2");
}

#[test]
fn request_fields_are_nullable_only_where_the_schema_says() {
    let load = |fixture: &str| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok").join(fixture).join("schema");
        codegen::openapi::document(&codegen::load_api(&dir, "schema").expect("loads"))
    };
    let document = load("request_nulls");
    let schemas = &document["components"]["schemas"];
    let request = &schemas["UpdateContactRequest"]["properties"];
    assert_eq!(request["nickname"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(request["email"]["type"], "string");
    assert_eq!(request["tags"]["type"], "array");
    assert_eq!(
        request["address"]["anyOf"],
        serde_json::json!([{ "$ref": "#/components/schemas/Address" }, { "type": "null" }])
    );
    // The nested model: its own `nullable` decides.
    assert_eq!(schemas["Address"]["properties"]["street"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(schemas["Address"]["properties"]["city"]["type"], "string");

    let document = load("request_nulls_by_default");
    let request = &document["components"]["schemas"]["UpdateNoteRequest"]["properties"];
    assert_eq!(request["title"]["type"], "string");
    assert_eq!(request["body"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(request["pinned"]["type"], "boolean");
    assert_eq!(request["labels"]["type"], serde_json::json!(["array", "null"]));
}
