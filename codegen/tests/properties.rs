//! Property tests: random *valid* schemas (odd and keyword names, every type, nested lists,
//! models that contain themselves, path parameters, custom attributes, either request
//! nullability default) always generate, and
//! every generated file parses as Rust. A fixed-seed sample is also kept as the `ok` fixture
//! `property_sample`, whose golden is compiled by `compile_goldens.rs`.

use std::collections::BTreeSet;

use codegen::SourceFile;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_yaml::{Mapping, Value};

const API: &str = "api:\n  name: Random API\n  base_url: https://{tenant}.example.com/v2/\n  auth: { header: Authorization, scheme: Token }\n";

/// Wire names as real docs have them: plain, keywords, spaced, dotted, dashed, digit-led.
fn wire_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9_]{0,8}",
        prop::sample::select(vec!["type", "ref", "self", "Self", "crate", "async", "match", "gen", "try", "fn"])
            .prop_map(str::to_owned),
        "[A-Za-z][A-Za-z0-9 .-]{0,8}[a-z0-9]",
        "[0-9][a-z0-9]{0,4}",
    ]
}

/// A type expression over `models`, with lists nested up to three deep.
fn type_expr(models: Vec<String>) -> impl Strategy<Value = String> {
    let mut leaves: Vec<String> = [
        "string",
        "strings",
        "integer",
        "number",
        "boolean",
        "datetime",
        "date",
        "json",
        "timestamp",
        "decimal",
        "Colour",
        "Code",
    ]
    .map(str::to_owned)
    .to_vec();
    leaves.extend(models);
    prop::sample::select(leaves).prop_recursive(3, 8, 1, |inner| {
        prop_oneof![inner.clone().prop_map(|t| format!("list({t})")), inner.prop_map(|t| format!("{t}(list)"))]
    })
}

#[derive(Debug, Clone)]
struct FieldSpec {
    wire: String,
    ty: String,
    required: bool,
    /// Written only when set; never on a required request field (which cannot be null).
    nullable: Option<bool>,
    max_length: Option<u32>,
    description: Option<String>,
}

fn fields(models: Vec<String>, for_request: bool) -> impl Strategy<Value = Vec<FieldSpec>> {
    let field = (
        wire_name(),
        type_expr(models),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(1u32..200),
        prop::option::of("[A-Za-z ,.()`'\"-]{0,40}"),
    )
        .prop_map(move |(wire, ty, required, nullable, max_length, description)| {
            let max_length = if ty == "string" { max_length } else { None };
            let nullable = if for_request && required { None } else { nullable };
            FieldSpec { wire, ty, required, nullable, max_length, description }
        });
    prop::collection::vec(field, 0..7).prop_map(move |fields| {
        // Keep one field per Rust name, and none that would take a name the generator reserves.
        let reserved = if for_request {
            &["new", "validate", "custom_attribute", "custom_attributes"][..]
        } else {
            // A model that a request sends gets `new()`.
            &["extra", "new"][..]
        };
        let mut seen = BTreeSet::new();
        fields
            .into_iter()
            .filter(|field| {
                let Ok(rust) = codegen::names::snake_ident(&field.wire) else { return false };
                !reserved.contains(&rust.as_str()) && !rust.starts_with("clear_") && seen.insert(rust)
            })
            .collect()
    })
}

#[derive(Debug, Clone)]
struct EndpointSpec {
    method: String,
    params: Vec<(String, bool)>,
    request: Option<Vec<FieldSpec>>,
    custom_attributes: bool,
    response: String,
    query: Option<Vec<(String, String)>>,
    filters: bool,
}

fn schema() -> impl Strategy<Value = Vec<SourceFile>> {
    (1usize..5).prop_flat_map(|model_count| {
        let models: Vec<String> = (0..model_count).map(|i| format!("Model{i}")).collect();
        let model_fields = prop::collection::vec(fields(models.clone(), false), model_count);
        let endpoint = (
            prop::sample::select(vec!["GET", "post", "PUT", "patch", "DELETE"]),
            prop::collection::vec(any::<bool>(), 0..3),
            prop::option::of(fields(models.clone(), true)),
            any::<bool>(),
            prop_oneof![
                type_expr(models.clone()),
                prop::sample::select(models.clone()).prop_map(|model| format!("page({model})")),
                Just("none".to_owned()),
            ],
            prop::option::of(prop::collection::vec(
                (
                    prop::sample::select(vec!["email", "type", "since", "many", "2fa"]),
                    prop::sample::select(vec!["string", "integer", "boolean", "timestamp", "Colour", "Code"]),
                ),
                0..3,
            )),
            any::<bool>(),
        )
            .prop_map(|(method, params, request, custom_attributes, response, query, filters)| EndpointSpec {
                method: method.to_owned(),
                params: params.into_iter().enumerate().map(|(i, is_string)| (format!("p{i}"), is_string)).collect(),
                request,
                custom_attributes,
                response: response.clone(),
                // A paginated call takes no body.
                query: query.map(|pairs| {
                    let mut seen = BTreeSet::new();
                    pairs
                        .into_iter()
                        .filter(|(name, _)| seen.insert(*name))
                        .map(|(n, t)| (n.to_owned(), t.to_owned()))
                        .collect()
                }),
                filters,
            })
            .prop_map(|mut endpoint| {
                if endpoint.response.starts_with("page(") {
                    endpoint.request = None;
                    endpoint.custom_attributes = false;
                }
                endpoint
            });
        (Just(models), model_fields, prop::collection::vec(endpoint, 0..4), any::<bool>()).prop_map(
            |(models, model_fields, endpoints, request_nullable)| {
                render_schema(&models, &model_fields, &endpoints, request_nullable)
            },
        )
    })
}

fn field_value(field: &FieldSpec) -> Value {
    let mut map = Mapping::new();
    map.insert("type".into(), field.ty.clone().into());
    map.insert("required".into(), if field.required { "yes" } else { "no" }.into());
    if let Some(nullable) = field.nullable {
        map.insert("nullable".into(), nullable.into());
    }
    if let Some(max) = field.max_length {
        map.insert("max_length".into(), u64::from(max).into());
    }
    if let Some(description) = &field.description {
        map.insert("description".into(), description.clone().into());
    }
    Value::Mapping(map)
}

fn table(fields: &[FieldSpec]) -> Value {
    Value::Mapping(fields.iter().map(|field| (Value::from(field.wire.clone()), field_value(field))).collect())
}

fn render_schema(
    models: &[String],
    model_fields: &[Vec<FieldSpec>],
    endpoints: &[EndpointSpec],
    request_nullable: bool,
) -> Vec<SourceFile> {
    let mut model_map = Mapping::new();
    for (name, fields) in models.iter().zip(model_fields) {
        let mut model = Mapping::new();
        model.insert("fields".into(), table(fields));
        model_map.insert(name.clone().into(), Value::Mapping(model));
    }
    let mut endpoint_map = Mapping::new();
    for (index, endpoint) in endpoints.iter().enumerate() {
        let mut map = Mapping::new();
        map.insert("method".into(), endpoint.method.clone().into());
        let mut path = format!("/things{index}/");
        let mut params = Mapping::new();
        for (name, is_string) in &endpoint.params {
            path.push_str(&format!(":{name}/"));
            let mut param = Mapping::new();
            param.insert("type".into(), if *is_string { "string" } else { "integer" }.into());
            params.insert(name.clone().into(), Value::Mapping(param));
        }
        map.insert("path".into(), path.into());
        if !params.is_empty() {
            map.insert("path_params".into(), Value::Mapping(params));
        }
        if let Some(request) = &endpoint.request {
            map.insert("request".into(), table(request));
        }
        if endpoint.custom_attributes {
            map.insert("custom_attributes".into(), Value::Mapping(Mapping::new()));
        }
        map.insert("response".into(), endpoint.response.clone().into());
        if let Some(query) = &endpoint.query {
            let mut table = Mapping::new();
            for (name, ty) in query {
                let mut row = Mapping::new();
                row.insert("type".into(), ty.clone().into());
                table.insert(name.clone().into(), Value::Mapping(row));
            }
            map.insert("query".into(), Value::Mapping(table));
        }
        if endpoint.filters {
            map.insert("filters".into(), true.into());
        }
        endpoint_map.insert(format!("call_{index}").into(), Value::Mapping(map));
    }
    let enums: Value = serde_yaml::from_str(
        "Colour: { values: [red, \"dark blue\", 3d] }\nCode: { type: integer, values: { one: 1, \"two words\": 2 } }",
    )
    .expect("enum YAML");
    let mut file = Mapping::new();
    file.insert("enums".into(), enums);
    file.insert("models".into(), Value::Mapping(model_map));
    file.insert("endpoints".into(), Value::Mapping(endpoint_map));
    let text = serde_yaml::to_string(&Value::Mapping(file)).expect("YAML serializes");
    vec![
        SourceFile {
            name: "schema/api.yaml".into(),
            relative: "api.yaml".into(),
            text: format!("{API}  request_nullable: {request_nullable}\n"),
        },
        SourceFile { name: "schema/random.yaml".into(), relative: "random.yaml".into(), text },
    ]
}

proptest! {
    #![proptest_config(Config { cases: 200, ..Config::default() })]

    #[test]
    fn valid_schemas_generate_rust_that_parses(files in schema()) {
        let api = codegen::lower_sources(files.clone())
            .map_err(|error| TestCaseError::fail(format!("{}\n{}", error.render(false), files[1].text)))?;
        let generated = codegen::render_api(&api).map_err(TestCaseError::fail)?;
        for file in generated {
            prop_assert!(syn::parse_file(&file.contents).is_ok(), "{} does not parse", file.path);
        }
    }
}

/// The fixed-seed sample that `tests/fixtures/ok/property_sample` holds; `UPDATE_GOLDENS=1`
/// rewrites it (and then the fixture test rewrites its golden).
#[test]
fn the_compiled_sample_is_current() {
    // The richest (longest) of the samples from 32 fixed seeds, so the compiled sample has
    // requests, path parameters and model references.
    let sample = (0u8..32)
        .map(|seed| {
            let mut runner =
                TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]));
            schema().new_tree(&mut runner).expect("a sample").current()
        })
        .max_by_key(|files| files[1].text.len())
        .expect("32 samples");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/property_sample/schema");
    for file in &sample {
        let path = dir.join(&file.relative);
        if std::env::var_os("UPDATE_GOLDENS").is_some() {
            std::fs::create_dir_all(&dir).expect("fixture dir");
            std::fs::write(&path, &file.text).expect("write sample");
        } else {
            let kept = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(kept, file.text, "{} is stale; run with UPDATE_GOLDENS=1", path.display());
        }
    }
}
