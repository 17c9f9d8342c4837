//! Property tests: random *valid* schemas (odd and keyword names, every type, nested lists,
//! models that contain themselves, path parameters, custom attributes, either request
//! nullability default) always generate, and
//! every generated file parses as Rust. A fixed-seed sample is also kept as the `ok` fixture
//! `property_sample`, whose golden is compiled by `compile_goldens.rs`.
//!
//! Accepted means it compiles: random schemas whose names are drawn from keywords, trait
//! methods, runtime and emitter-added names, Unicode of every category and names that collide
//! after case conversion, and with the declarations that tie fields together (custom attribute
//! lists whose list, name and value fields have types around what the runtime reads; aliases
//! between fields of the same or other types; pages of any type; error bodies), are either refused with
//! diagnostics or generate code that `cargo check` accepts; every accepted one becomes a module
//! of one temporary crate, checked once.

use std::collections::BTreeSet;
use std::path::Path;

use apigen_codegen::SourceFile;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_yaml::{Mapping, Value};

const API: &str = "api:\n  name: Random API\n  base_url: https://{tenant}.example.com/v2/\n  auth: { header: Authorization, scheme: Token }\n";

/// Names that the generated code, Rust or Unicode make hard: keywords, trait methods, names the
/// emitter adds, runtime and prelude types, characters of every Unicode category (letters that
/// are not ASCII, digits of other scripts, symbols, marks, joiners, controls, bidi overrides),
/// and names that collide after case conversion.
const HOSTILE_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "await",
    "gen",
    "try",
    "fn",
    "mod",
    "dyn",
    "union",
    "raw",
    "macro_rules",
    "r#type",
    "_",
    "__",
    "clone",
    "clone_",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "cmp",
    "default",
    "into",
    "from",
    "to_owned",
    "to_string",
    "hash",
    "deref",
    "serialize",
    "deserialize",
    "next",
    "pairs",
    "type_id",
    "borrow",
    "new",
    "validate",
    "custom_attribute",
    "custom_attributes",
    "extra",
    "to_query",
    "filter",
    "filters",
    "body",
    "query",
    "api_key",
    "base_url",
    "config",
    "builder",
    "client",
    "server",
    "start",
    "with_config",
    "clear_name",
    "name",
    "call_0_all",
    "value",
    "map",
    "key",
    "item",
    "core",
    "settings",
    "SETTINGS",
    "Client",
    "DateTime",
    "BlockingClient",
    "MockServer",
    "Config",
    "Query",
    "Page",
    "Error",
    "Option",
    "Result",
    "String",
    "Vec",
    "x²",
    "٣abc",
    "ⓐ",
    "café",
    "naïve",
    "Ωmega",
    "日本語",
    "emoji😀",
    "e\u{301}",
    "a\u{200d}b",
    "\u{202e}rtl",
    "tab\tname",
    "nbsp\u{a0}x",
    "Ⅻ",
    "ǅungla",
    "ß",
    "İstanbul",
    "ﬁle",
    "𝔘nicode",
    "x‿y",
    "١٢٣",
    "userName",
    "user_name",
    "UserName",
    "user-name",
    "USER_NAME",
    "user.name",
    "first name",
    "firstName",
    "a1_b",
    "a_1_b",
];

/// Model names that take a name the generated code, the runtime or the prelude has, or that
/// are not ASCII or not identifiers.
const HOSTILE_TYPE_NAMES: &[&str] = &[
    "Call0Request",
    "Call1Query",
    "Client",
    "Config",
    "DateTime",
    "MockServer",
    "Settings",
    "Core",
    "Wire",
    "Samples",
    "Box",
    "Clone",
    "Default",
    "Café",
    "X²",
    "Ⓐ",
    "Self",
    "Unrecognized",
    "Colour",
    "N3d",
];

/// One of [`HOSTILE_NAMES`].
fn hostile_name() -> impl Strategy<Value = String> {
    prop::sample::select(HOSTILE_NAMES).prop_map(str::to_owned)
}

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
        "uuid",
        "email",
        "integer",
        "int32",
        "uint64",
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
        prop_oneof![
            inner.clone().prop_map(|t| format!("list({t})")),
            inner.clone().prop_map(|t| format!("{t}(list)")),
            inner.prop_map(|t| format!("map({t})")),
        ]
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
    /// Other fields of the same model the value also arrives under (model fields only).
    aliases: Vec<String>,
}

/// A wire name, or in a hostile schema sometimes one of [`HOSTILE_NAMES`].
fn any_name(hostile: bool) -> BoxedStrategy<String> {
    if hostile { prop_oneof![3 => wire_name(), 2 => hostile_name()].boxed() } else { wire_name().boxed() }
}

/// In a hostile schema, sometimes one of [`HOSTILE_NAMES`]; otherwise nothing.
fn maybe_hostile(hostile: bool) -> BoxedStrategy<Option<String>> {
    if hostile { prop::option::weighted(0.3, hostile_name()).boxed() } else { Just(None).boxed() }
}

fn fields(models: Vec<String>, for_request: bool, hostile: bool) -> impl Strategy<Value = Vec<FieldSpec>> {
    let field = (
        any_name(hostile),
        type_expr(models),
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(1u32..200),
        prop::option::of("[A-Za-z ,.()`'\"-]{0,40}"),
    )
        .prop_map(move |(wire, ty, required, nullable, max_length, description)| {
            let max_length = if ty == "string" { max_length } else { None };
            let nullable = if for_request && required { None } else { nullable };
            FieldSpec { wire, ty, required, nullable, max_length, description, aliases: Vec::new() }
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
                // Hostile tables keep every name: the generator must refuse or handle each.
                if hostile {
                    return seen.insert(field.wire.clone());
                }
                let Ok(rust) = apigen_codegen::__stages::names::snake_ident(&field.wire) else { return false };
                !reserved.contains(&rust.as_str()) && !rust.starts_with("clear_") && seen.insert(rust)
            })
            .collect()
    })
}

#[derive(Debug, Clone)]
struct EndpointSpec {
    name: Option<String>,
    method: String,
    params: Vec<(String, bool)>,
    request: Option<Vec<FieldSpec>>,
    custom_attributes: bool,
    response: String,
    query: Option<Vec<(String, String)>>,
    filters: bool,
    /// Declared error bodies: status key to a model or `problem`.
    errors: Vec<(String, String)>,
}

/// The declarations of a hostile model that tie its fields to others (the cross-field rules):
/// a custom attribute list, and an alias between two of its fields.
#[derive(Debug, Clone)]
struct CrossSpec {
    custom: Option<CustomSpec>,
    /// The field (an index into the model's table, modulo its length) that gets an alias, the
    /// field it names, and whether instead it names a new optional twin of the same type.
    alias: Option<(usize, usize, bool)>,
}

/// `custom_attributes: { list, name, value }`: the list field, added to the declaring model;
/// the model its items are (an index); the name and value fields, added to that model. Their
/// types are drawn around what the runtime takes (a list of the model; a string name; a `json`
/// value), nullable or not, so both sides of every rule are drawn.
#[derive(Debug, Clone)]
struct CustomSpec {
    item: usize,
    list: FieldSpec,
    name: FieldSpec,
    value: FieldSpec,
}

/// The types the list, name and value fields are drawn from (`ITEM`: the items' model).
const ATTRIBUTE_LIST_TYPES: &[&str] = &["list(ITEM)", "list(ITEM)", "list(ITEM)", "ITEM(list)", "ITEM", "list(json)"];
const ATTRIBUTE_NAME_TYPES: &[&str] = &["string", "string", "string", "string", "strings", "integer", "Colour", "json"];
const ATTRIBUTE_VALUE_TYPES: &[&str] = &["json", "json", "json", "json", "string", "list(json)", "ITEM", "boolean"];

fn attribute_field(wire: &'static str, types: &'static [&'static str]) -> impl Strategy<Value = FieldSpec> {
    (prop::sample::select(types), any::<bool>(), prop::option::of(any::<bool>())).prop_map(
        move |(ty, required, nullable)| FieldSpec {
            wire: wire.to_owned(),
            ty: ty.to_owned(),
            required,
            nullable,
            max_length: None,
            description: None,
            aliases: Vec::new(),
        },
    )
}

/// One [`CrossSpec`] per model of a hostile schema.
fn cross_specs(model_count: usize) -> impl Strategy<Value = Vec<CrossSpec>> {
    let custom = (
        0..model_count,
        attribute_field("attributes", ATTRIBUTE_LIST_TYPES),
        attribute_field("attribute_name", ATTRIBUTE_NAME_TYPES),
        attribute_field("attribute_value", ATTRIBUTE_VALUE_TYPES),
    )
        .prop_map(|(item, list, name, value)| CustomSpec { item, list, name, value });
    let cross =
        (prop::option::weighted(0.3, custom), prop::option::weighted(0.3, (0usize..8, 0usize..8, any::<bool>())))
            .prop_map(|(custom, alias)| CrossSpec { custom, alias });
    prop::collection::vec(cross, model_count)
}

/// Adds each model's [`CrossSpec`] to its table (and to the tables of the models it names),
/// and returns each model's `custom_attributes` declaration.
fn apply_cross_specs(models: &[String], fields: &mut [Vec<FieldSpec>], cross: &[CrossSpec]) -> Vec<Option<Value>> {
    let mut declarations = vec![None; models.len()];
    for (index, spec) in cross.iter().enumerate() {
        if let Some((from, to, twin)) = spec.alias {
            let table = &mut fields[index];
            if !table.is_empty() {
                let from = from % table.len();
                let target = if twin {
                    let twin = FieldSpec {
                        wire: format!("{}_twin", table[from].wire),
                        required: false,
                        ..table[from].clone()
                    };
                    table.push(twin);
                    table.len() - 1
                } else {
                    to % table.len()
                };
                let target = table[target].wire.clone();
                table[from].aliases.push(target);
            }
        }
        if let Some(custom) = &spec.custom {
            let item = &models[custom.item];
            let mut list = custom.list.clone();
            list.ty = list.ty.replace("ITEM", item);
            fields[index].push(list);
            for field in [&custom.name, &custom.value] {
                let mut field = field.clone();
                field.ty = field.ty.replace("ITEM", item);
                fields[custom.item].push(field);
            }
            declarations[index] = Some(
                serde_yaml::from_str("{ list: attributes, name: attribute_name, value: attribute_value }")
                    .expect("declaration YAML"),
            );
        }
    }
    declarations
}

fn schema() -> impl Strategy<Value = Vec<SourceFile>> {
    schema_with(false, false)
}

/// Random schemas; `hostile` ones draw names from [`HOSTILE_NAMES`] too, for endpoints, path
/// and query parameters, fields and enum values, and may be refused; `cross` ones draw the
/// declarations that tie fields together ([`CrossSpec`]) and pages of any type, and may be
/// refused too.
fn schema_with(hostile: bool, cross: bool) -> impl Strategy<Value = Vec<SourceFile>> {
    let first_model = if hostile {
        prop::option::weighted(0.3, prop::sample::select(HOSTILE_TYPE_NAMES).prop_map(str::to_owned)).boxed()
    } else {
        Just(None).boxed()
    };
    (1usize..5, first_model).prop_flat_map(move |(model_count, first_model)| {
        let mut models: Vec<String> = (0..model_count).map(|i| format!("Model{i}")).collect();
        models[0] = first_model.unwrap_or_else(|| models[0].clone());
        let model_fields = prop::collection::vec(fields(models.clone(), false, hostile), model_count);
        let cross_specs = if cross { cross_specs(model_count).boxed() } else { Just(Vec::new()).boxed() };
        // Such a page may be of any type; the envelope holds a list of it.
        let page_item =
            if cross { type_expr(models.clone()).boxed() } else { prop::sample::select(models.clone()).boxed() };
        let query_names: Vec<&str> = if hostile {
            ["email", "type", "since", "many", "2fa"].iter().chain(HOSTILE_NAMES).copied().collect()
        } else {
            vec!["email", "type", "since", "many", "2fa"]
        };
        // Query parameters of the scalar types; with `cross`, of any type, which the lowering
        // must refuse where the query string cannot say it.
        let scalar_query_types = prop::sample::select(vec![
            "string",
            "integer",
            "int32",
            "uint64",
            "boolean",
            "timestamp",
            "Colour",
            "Code",
            "list(integer)",
            "list(Colour)",
        ])
        .prop_map(str::to_owned);
        let query_types = if cross {
            prop_oneof![5 => scalar_query_types, 1 => type_expr(models.clone())].boxed()
        } else {
            scalar_query_types.boxed()
        };
        let error_bodies = if cross {
            let mut bodies = models.clone();
            bodies.push("problem".to_owned());
            let statuses = vec!["400", "409", "422", "4XX", "5XX", "default"];
            prop::collection::vec(
                (prop::sample::select(statuses).prop_map(str::to_owned), prop::sample::select(bodies)),
                0..3,
            )
            .boxed()
        } else {
            Just(Vec::new()).boxed()
        };
        let endpoint = (
            maybe_hostile(hostile),
            prop::sample::select(vec!["GET", "post", "PUT", "patch", "DELETE"]),
            prop::collection::vec((any::<bool>(), maybe_hostile(hostile)), 0..3),
            prop::option::of(fields(models.clone(), true, hostile)),
            any::<bool>(),
            prop_oneof![
                type_expr(models.clone()),
                page_item.prop_map(|item| format!("page({item})")),
                Just("none".to_owned()),
            ],
            prop::option::of(prop::collection::vec((prop::sample::select(query_names), query_types.clone()), 0..3)),
            any::<bool>(),
            error_bodies,
        )
            .prop_map(|(name, method, params, request, custom_attributes, response, query, filters, errors)| {
                EndpointSpec {
                    name,
                    method: method.to_owned(),
                    params: params
                        .into_iter()
                        .enumerate()
                        .map(|(i, (is_string, name))| (name.unwrap_or_else(|| format!("p{i}")), is_string))
                        .collect(),
                    request,
                    custom_attributes,
                    response: response.clone(),
                    // A paginated call takes no body.
                    query: query.map(|pairs| {
                        let mut seen = BTreeSet::new();
                        pairs
                            .into_iter()
                            .filter(|(name, _)| seen.insert(*name))
                            .map(|(n, t)| (n.to_owned(), t))
                            .collect()
                    }),
                    filters,
                    errors: {
                        let mut seen = BTreeSet::new();
                        errors.into_iter().filter(|(status, _)| seen.insert(status.clone())).collect()
                    },
                }
            })
            .prop_map(|mut endpoint| {
                if endpoint.response.starts_with("page(") {
                    endpoint.request = None;
                    endpoint.custom_attributes = false;
                }
                endpoint
            });
        let drawn = (Just(models), model_fields, prop::collection::vec(endpoint, 0..4), any::<bool>());
        (drawn, maybe_hostile(hostile), cross_specs).prop_map(
            |((models, mut model_fields, endpoints, request_nullable), value, cross)| {
                let declarations = apply_cross_specs(&models, &mut model_fields, &cross);
                render_schema(&models, &model_fields, &declarations, &endpoints, request_nullable, value.as_deref())
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
    if !field.aliases.is_empty() {
        map.insert("aliases".into(), Value::Sequence(field.aliases.iter().map(|alias| alias.clone().into()).collect()));
    }
    Value::Mapping(map)
}

fn table(fields: &[FieldSpec]) -> Value {
    Value::Mapping(fields.iter().map(|field| (Value::from(field.wire.clone()), field_value(field))).collect())
}

fn render_schema(
    models: &[String],
    model_fields: &[Vec<FieldSpec>],
    custom_attributes: &[Option<Value>],
    endpoints: &[EndpointSpec],
    request_nullable: bool,
    enum_value: Option<&str>,
) -> Vec<SourceFile> {
    let mut model_map = Mapping::new();
    for (index, (name, fields)) in models.iter().zip(model_fields).enumerate() {
        let mut model = Mapping::new();
        model.insert("fields".into(), table(fields));
        if let Some(declaration) = custom_attributes.get(index).cloned().flatten() {
            model.insert("custom_attributes".into(), declaration);
        }
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
        if !endpoint.errors.is_empty() {
            let errors =
                endpoint.errors.iter().map(|(status, body)| (Value::from(status.clone()), Value::from(body.clone())));
            map.insert("errors".into(), Value::Mapping(errors.collect()));
        }
        if endpoint.filters {
            map.insert("filters".into(), true.into());
        }
        let name = endpoint.name.clone().unwrap_or_else(|| format!("call_{index}"));
        endpoint_map.insert(name.into(), Value::Mapping(map));
    }
    let mut enums: Value = serde_yaml::from_str(
        "Colour: { values: [red, \"dark blue\", 3d] }\nCode: { type: integer, values: { one: 1, \"two words\": 2 } }",
    )
    .expect("enum YAML");
    if let (Some(value), Some(Value::Sequence(values))) =
        (enum_value, enums.get_mut("Colour").and_then(|colour| colour.get_mut("values")))
    {
        values.push(value.into());
    }
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
        let api = apigen_codegen::__stages::lower_sources(files.clone())
            .map_err(|error| TestCaseError::fail(format!("{}\n{}", error.render(false), files[1].text)))?;
        let generated = apigen_codegen::__stages::render_api(&api).map_err(TestCaseError::fail)?;
        for file in generated {
            prop_assert!(syn::parse_file(&file.contents).is_ok(), "{} does not parse", file.path);
        }
    }
}

/// The fixed-seed sample that `tests/fixtures/ok/property_sample` holds; `UPDATE_GOLDENS=1`
/// rewrites it (and then the fixture test rewrites its golden).
#[test]
fn the_compiled_sample_is_current() {
    // The richest of the samples from 32 fixed seeds (with endpoints, then the longest), so the
    // compiled sample has requests, path parameters and model references.
    let sample = (0u8..32)
        .map(|seed| {
            let mut runner =
                TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]));
            schema().new_tree(&mut runner).expect("a sample").current()
        })
        .max_by_key(|files| (files[1].text.matches("method:").count().min(3), files[1].text.len()))
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

/// Schema file paths that are hard to make modules of: keywords, reserved root modules, `mod`,
/// non-ASCII names, a file next to a folder of the same name, a module named like its folder.
const HOSTILE_PATHS: &[&str] = &[
    "random.yaml",
    "users.yaml",
    "users/list.yaml",
    "users/users.yaml",
    "café.yaml",
    "mod.yaml",
    "blocking_client.yaml",
    "mock_server.yaml",
    "gen.yaml",
    "type/self.yaml",
    "Users/Stuff.yaml",
    "a b/c-d.yaml",
    "٣/x.yaml",
    "client.yaml",
    "r#x.yaml",
];

/// Base URL placeholders and client header arguments: constructor arguments, locals, keywords,
/// trait methods, a placeholder used twice, names that are not snake_case or not ASCII.
const HOSTILE_ARGUMENTS: &[&str] = &[
    "tenant", "region", "api_key", "config", "base_url", "query", "body", "clone", "new", "self", "Tenant", "te-nant",
    "x²", "core", "make",
];

/// A hostile schema in files of hostile names, with a hostile base URL placeholder and client
/// header argument, and sometimes a second file.
fn hostile_files() -> impl Strategy<Value = Vec<SourceFile>> {
    (
        // Half with hostile names, half with plain ones, so that the cross-field declarations
        // are often accepted and compiled.
        prop_oneof![schema_with(true, true), schema_with(false, true)],
        prop_oneof![2 => Just("random.yaml"), 1 => prop::sample::select(HOSTILE_PATHS)],
        prop::option::weighted(0.2, prop::sample::select(HOSTILE_PATHS)),
        prop_oneof![3 => Just("tenant"), 1 => prop::sample::select(HOSTILE_ARGUMENTS)],
        prop::option::weighted(0.2, prop::sample::select(HOSTILE_ARGUMENTS)),
        prop::bool::weighted(0.05),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(mut files, path, second, placeholder, header, twice, public)| {
            let host =
                if twice { format!("{{{placeholder}}}.{{{placeholder}}}") } else { format!("{{{placeholder}}}") };
            // A public API (no `auth`) now and then: constructors without a key.
            let auth = if public { "" } else { "  auth: { header: Authorization, scheme: Token }\n" };
            let mut api = format!("api:\n  name: Random API\n  base_url: https://{host}.example.com/v2/\n{auth}");
            if let Some(param) = header {
                api.push_str(&format!("  client_headers:\n    X-Extra: {{ param: {param} }}\n"));
            }
            files[0].text = api;
            files[1].relative = path.to_owned();
            files[1].name = format!("schema/{path}");
            if let Some(second) = second {
                let text = "models:\n  SecondFileModel:\n    fields:\n      id: { type: integer }\n".to_owned();
                files.push(SourceFile { name: format!("schema/{second}"), relative: second.to_owned(), text });
            }
            files
        })
}

/// How many hostile schemas one run draws, and how many of them at least must be accepted (so
/// the compile below cannot pass by checking nothing).
const HOSTILE_CASES: usize = 384;
const MIN_ACCEPTED: usize = 48;

/// Accepted means it compiles: every hostile schema that lowers without errors becomes a module
/// of one temporary crate (depending on the runtime by path, with its `blocking` and `mock`
/// features so those files are checked too), and one `cargo check` must pass. Refused ones
/// must have been refused with diagnostics, never a panic.
#[test]
fn accepted_hostile_schemas_compile() {
    let mut runner =
        TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &seed_from_env()));
    let strategy = hostile_files();
    let crate_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-schemas");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    let mut lib = String::from("//! Hostile schemas that the generator accepted.\n#![allow(warnings)]\n");
    let mut accepted = 0;
    for case in 0..HOSTILE_CASES {
        let files = strategy.new_tree(&mut runner).expect("a schema").current();
        let api = match apigen_codegen::__stages::lower_sources(files.clone()) {
            Ok(api) => api,
            Err(errors) => {
                assert!(!errors.render(false).is_empty(), "a refusal says why");
                continue;
            }
        };
        let generated =
            apigen_codegen::__stages::render_api(&api).unwrap_or_else(|error| panic!("{error}\n{}", files[1].text));
        let dir = crate_dir.join(format!("src/case_{case}"));
        for file in generated {
            let path = dir.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("module dir");
            std::fs::write(&path, file.contents).expect("write module");
        }
        std::fs::write(dir.join("schema.yaml"), &files[1].text).expect("write schema");
        lib.push_str(&format!("#[path = \"case_{case}/mod.rs\"]\npub mod case_{case};\n"));
        lib.push_str(&trait_checks(&api, &format!("case_{case}")));
        accepted += 1;
    }
    eprintln!("{accepted} of {HOSTILE_CASES} hostile schemas accepted");
    assert!(accepted >= MIN_ACCEPTED, "only {accepted} of {HOSTILE_CASES} hostile schemas were accepted");
    std::fs::write(crate_dir.join("src/lib.rs"), lib).expect("write lib.rs");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    let runtime = workspace.join("runtime");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"hostile-schemas\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\napigen-runtime = {{ path = {:?}, features = [\"blocking\", \"mock\"] }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .expect("write Cargo.toml");
    // The workspace's lock file: the same versions, and no registry look-up.
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("copy Cargo.lock");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--message-format", "short"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-schemas-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{accepted} accepted hostile schemas do not compile (crate in {}):\n{}",
        crate_dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Code that calls, with method syntax, the trait methods a generated member could hide: an
/// inherent `clone(self, value)` setter would be picked before `Clone::clone` and fail to
/// compile here (`client.clone()` once sent a GET), as would `T::default()` next to a setter
/// named `default`.
fn trait_checks(api: &apigen_codegen::__stages::ir::Api, module: &str) -> String {
    let mut types: Vec<(String, bool)> = Vec::new();
    for item in &api.modules {
        types.extend(item.models.iter().map(|model| (model.name.clone(), false)));
        types.extend(item.enums.iter().map(|enumeration| (enumeration.name.clone(), false)));
        for endpoint in &item.endpoints {
            if let Some(request) = &endpoint.request {
                types.push((request.type_name.clone(), request.fields.iter().all(|field| !field.required)));
            }
            if let Some(query) = endpoint.query.as_ref().filter(|query| query.is_parameter()) {
                types.push((query.type_name.clone(), query.fields.iter().all(|field| !field.required)));
            }
        }
    }
    let mut code = format!(
        "pub fn {module}_client(x: &{module}::Client, y: &{module}::BlockingClient) {{\n    \
         let _: {module}::Client = (*x).clone();\n    let _: {module}::BlockingClient = (*y).clone();\n    \
         let _ = ::std::format!(\"{{x:?}}{{y:?}}\");\n}}\n"
    );
    for (index, (name, default)) in types.iter().enumerate() {
        let ty = format!("{module}::{name}");
        code.push_str(&format!(
            "pub fn {module}_type_{index}(x: &{ty}) {{\n    let _: {ty} = (*x).clone();\n    \
             let _: {ty} = (*x).to_owned();\n    let _: {ty} = (*x).clone().into();\n    \
             let _: bool = (*x).eq(x);\n    let _ = ::std::format!(\"{{x:?}}\");\n"
        ));
        if *default {
            code.push_str(&format!("    let _: {ty} = {ty}::default();\n"));
        }
        code.push_str("}\n");
    }
    code
}

/// The seed of the hostile run: `PROPTEST_SEED` (a number) for another draw, else fixed.
fn seed_from_env() -> [u8; 32] {
    let seed: u64 = std::env::var("PROPTEST_SEED").ok().and_then(|text| text.parse().ok()).unwrap_or(13);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes
}
