//! The OpenAPI export of every `ok` fixture: each endpoint becomes an operation (or part of
//! one, when endpoints share a method and path), every `$ref` resolves, every `{param}` of a
//! path is declared, nullability uses the 3.1 form, and the key's security scheme is there.
//! With `OPENAPI_FIXTURES_OUT=<dir>` the documents are also written there, for `.ci/run` to
//! check with an outside validator.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

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
        let api = apigen_codegen::__stages::load_api(&dir.join("schema"), "schema")
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        let document = apigen_codegen::__stages::openapi::document(&api);
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

        if api.settings.auth_header.is_empty() {
            // No auth: no requirement and no scheme.
            assert_eq!(
                (&document["security"], &document["components"]["securitySchemes"]),
                (&Value::Null, &Value::Null),
                "{name}"
            );
        } else {
            let required = document["security"][0].as_object().and_then(|requirement| requirement.keys().next());
            let scheme =
                &document["components"]["securitySchemes"][required.expect("one security requirement").as_str()];
            assert_eq!(scheme["type"], "apiKey", "{name}");
            assert_eq!(scheme["name"], api.settings.auth_header.as_str(), "{name}");
        }

        if let Some(out) = &out {
            fs::create_dir_all(out).expect("output folder");
            fs::write(out.join(format!("{name}.json")), apigen_codegen::__stages::openapi::to_pretty_json(&document))
                .expect("written");
        }
    }
}

#[test]
fn shapes_of_the_api_fixture_are_described_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/api_shapes/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
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
        apigen_codegen::__stages::openapi::document(&apigen_codegen::__stages::load_api(&dir, "schema").expect("loads"))
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

#[test]
fn declared_error_bodies_are_responses_of_their_operations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/errors/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
    let reference = |name: &str| serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
    let json_body = |name: &str| serde_json::json!({ "application/json": { "schema": reference(name) } });
    let problem_body = serde_json::json!({ "application/problem+json": { "schema": reference("ProblemDetails") } });

    // The endpoint's own rows, and the API's for the statuses it does not declare.
    let update = &document["paths"]["/contacts/{id}"]["patch"]["responses"];
    let statuses: Vec<&str> = update.as_object().expect("responses").keys().map(String::as_str).collect();
    assert_eq!(statuses, ["200", "409", "422", "4XX", "5XX"]);
    assert_eq!(update["409"]["content"], json_body("Conflict"));
    assert_eq!(update["409"]["description"], "Error status 409; the client decodes its declared body.");
    assert_eq!(update["422"]["content"], problem_body);
    assert_eq!(update["4XX"]["content"], problem_body);
    assert_eq!(update["4XX"]["description"], "Any 4xx status; the client decodes its declared body.");
    assert_eq!(update["5XX"]["content"], json_body("ServerFault"));

    let list = &document["paths"]["/contacts"]["get"]["responses"];
    let statuses: Vec<&str> = list.as_object().expect("responses").keys().map(String::as_str).collect();
    assert_eq!(statuses, ["200", "404", "422", "5XX", "default"]);
    assert_eq!(list["404"]["content"], json_body("Conflict"));
    assert_eq!(list["default"]["content"], problem_body);
    assert_eq!(list["default"]["description"], "Any other error status; the client decodes its declared body.");

    let delete = &document["paths"]["/contacts/{id}"]["delete"]["responses"];
    let statuses: Vec<&str> = delete.as_object().expect("responses").keys().map(String::as_str).collect();
    assert_eq!(statuses, ["200", "422", "5XX"]);

    let problem = &document["components"]["schemas"]["ProblemDetails"];
    assert_eq!(problem["type"], "object");
    assert_eq!(problem["additionalProperties"], true);
    let members: Vec<&str> = problem["properties"].as_object().expect("members").keys().map(String::as_str).collect();
    assert_eq!(members, ["detail", "instance", "status", "title", "type"]);
    assert_eq!(problem["properties"]["status"], serde_json::json!({ "type": "integer" }));
}

#[test]
fn calls_sharing_an_operation_merge_their_error_responses() {
    let dir = std::env::temp_dir().join(format!("apigen-openapi-merge-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("a temporary folder");
    let schema = r#"
api:
  name: Merged
  base_url: https://api.example.com/
  auth: { header: Authorization, scheme: Bearer }
  errors: { "500": problem }
models:
  Thing: { fields: { id: { type: integer, required: true } } }
  Missing: { fields: { code: { type: string } } }
  Gone: { fields: { reason: { type: string } } }
endpoints:
  find_by_name:
    method: GET
    path: /things/search/
    query: { name: { type: string, required: true } }
    response: Thing
    errors: { "404": Missing, "409": Gone }
  find_by_code:
    method: GET
    path: /things/search/
    query: { code: { type: string, required: true } }
    response: Thing
    errors: { "404": Gone }
"#;
    fs::write(dir.join("api.yaml"), schema).expect("written");
    let api = apigen_codegen::__stages::load_api(&dir, "schema");
    let _ = fs::remove_dir_all(&dir);
    let document = apigen_codegen::__stages::openapi::document(&api.expect("loads"));
    let responses = &document["paths"]["/things/search/"]["get"]["responses"];
    let reference = |name: &str| serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
    // Different bodies for one status: each media type's schemas as `anyOf`.
    assert_eq!(
        responses["404"],
        serde_json::json!({
            "description": "Declared error body of one of the calls.",
            "content": { "application/json": { "schema": { "anyOf": [reference("Missing"), reference("Gone")] } } }
        })
    );
    // A status only one call declares, and one they share, are kept as they are.
    assert_eq!(responses["409"]["content"]["application/json"]["schema"], reference("Gone"));
    assert_eq!(responses["500"]["content"]["application/problem+json"]["schema"], reference("ProblemDetails"));
}

#[test]
fn a_key_without_a_scheme_is_an_api_key_in_its_header() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/bare_key/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
    assert_eq!(document["security"], serde_json::json!([{ "ApiKey": [] }]));
    assert_eq!(
        document["components"]["securitySchemes"],
        serde_json::json!({ "ApiKey": {
            "type": "apiKey",
            "in": "header",
            "name": "api-key",
            "description": "The API key, sent as the whole value of the `api-key` header. The account's API v3 key."
        }})
    );
}

#[test]
fn integer_widths_are_formats_and_ranges() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/integer_widths/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
    let counter = &document["components"]["schemas"]["Counter"]["properties"];
    assert_eq!(
        counter["id"],
        serde_json::json!({ "type": "integer", "minimum": 0, "maximum": u64::MAX, "description": "Ids run past 2^63." })
    );
    assert_eq!(counter["hits"], serde_json::json!({ "type": "integer", "format": "int32" }));
    assert_eq!(counter["total"]["format"], "int64");
    assert_eq!(counter["history"]["items"], serde_json::json!({ "type": "integer", "format": "int32" }));
}

#[test]
fn maps_are_objects_with_additional_properties() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/maps/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
    let record = &document["components"]["schemas"]["Record"]["properties"];
    assert_eq!(
        record["scores"],
        serde_json::json!({ "type": "object", "additionalProperties": { "type": "integer", "format": "int32" } })
    );
    assert_eq!(
        record["tags_by_group"]["additionalProperties"],
        serde_json::json!({ "type": "array", "items": { "$ref": "#/components/schemas/Tag" } })
    );
}

#[test]
fn string_formats_are_openapi_formats() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/string_formats/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
    let account = &document["components"]["schemas"]["Account"]["properties"];
    assert_eq!(account["id"], serde_json::json!({ "type": "string", "format": "uuid" }));
    assert_eq!(account["homepage"]["format"], "uri");
    assert_eq!(account["contact"]["format"], "email");
    assert_eq!(account["contact"]["maxLength"], 254);
    assert_eq!(account["aliases"]["items"], serde_json::json!({ "type": "string", "format": "email" }));
    assert_eq!(account["last_email"]["$ref"], "#/components/schemas/Email");
}

#[test]
fn list_query_parameters_say_their_style() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/query_arrays/schema");
    let api = apigen_codegen::__stages::load_api(&dir, "schema").expect("loads");
    let document = apigen_codegen::__stages::openapi::document(&api);
    let parameters = document["paths"]["/items"]["get"]["parameters"].as_array().expect("parameters");
    let by_name = |name: &str| parameters.iter().find(|param| param["name"] == name).cloned().unwrap_or_default();
    assert_eq!(
        (by_name("fields")["style"].clone(), by_name("fields")["explode"].clone()),
        (json!("form"), json!(false))
    );
    assert_eq!(by_name("fields")["schema"], json!({ "type": "array", "items": { "type": "string" } }));
    assert_eq!(by_name("ids")["explode"], json!(true));
    assert_eq!(by_name("status[]")["explode"], json!(true));
    assert_eq!(by_name("status")["name"], Value::Null);
    assert_eq!(by_name("since")["schema"]["items"], json!({ "type": "integer", "format": "int32" }));
}
