//! Rules that need the whole API at once, each a function under the sentence it checks, all
//! listed in `RULES` in the order they run.

use std::collections::BTreeMap;

use super::ctxt::At;
use super::models::{mark_boxed_fields, mark_request_models};
use super::state::Lowering;
use crate::ir;
use crate::names::{self, Role};

/// A rule over the lowered modules: it reports what breaks it and changes nothing.
type Rule = fn(&mut Lowering, &[ir::Module]);

/// Every cross-file rule, in the order they run.
const RULES: &[Rule] =
    &[module_folders, client_methods, request_type_names, response_examples, custom_attribute_lists, request_models];

/// Marks what needs every model at once (boxed fields, request models), then runs `RULES`.
pub(super) fn run_all(lowering: &mut Lowering, modules: &mut [ir::Module]) {
    mark_boxed_fields(modules);
    mark_request_models(modules);
    for rule in RULES {
        rule(lowering, modules);
    }
}

/// A request or query type such as `UpdateUserRequest` must not take the name of a model,
/// of another endpoint's type, or one the generated code uses.
fn request_type_names(lowering: &mut Lowering, modules: &[ir::Module]) {
    let mut generated: BTreeMap<String, String> = BTreeMap::new();
    for module in modules {
        for endpoint in &module.endpoints {
            let request = endpoint.request.iter().map(|request| &request.type_name);
            let query = endpoint.query.iter().map(|query| &query.type_name);
            let at = At::file(&module.source).key("endpoints").key(&endpoint.name.wire);
            for type_name in request.chain(query) {
                if let Some(model_file) = lowering.models.get(type_name) {
                    let model_file = model_file.clone();
                    lowering.error(
                        at.error(format!("the type `{type_name}` generated for this endpoint clashes with the type of that name in `{model_file}`"))
                            .with_hint("rename the model or the endpoint"),
                    );
                } else if let Some(other) = generated.get(type_name) {
                    let other = other.clone();
                    lowering.error(
                        at.error(format!("the type `{type_name}` generated for this endpoint is also generated for endpoint `{other}`"))
                            .with_hint("rename one of the endpoints"),
                    );
                } else if names::taken(Role::Type, type_name).is_some() {
                    lowering.error(
                        at.error(format!("the type `{type_name}` generated for this endpoint is a name the generated code already uses"))
                            .with_hint("rename the endpoint"),
                    );
                } else {
                    generated.insert(type_name.clone(), endpoint.name.wire.clone());
                }
            }
        }
    }
}

/// A model sent in requests gets `new()`, a setter named after each optional field and a
/// `clear_` method for each nullable one, so those names must be free.
fn request_models(lowering: &mut Lowering, modules: &[ir::Module]) {
    for module in modules {
        for model in module.models.iter().filter(|model| model.request) {
            for field in &model.fields {
                let at = At::file(&module.source).key("models").key(&model.name).key("fields").key(&field.name.wire);
                let rust = &field.name.rust;
                let problem = if !field.aliases.is_empty() {
                    Some((
                        at.key("aliases"),
                        "`aliases` makes an accessor named after the field, which a model sent in a request body uses for its setter".to_owned(),
                        "remove `aliases`, or send a model of its own in requests",
                    ))
                } else if names::taken(
                    Role::RequestModelField { custom_attributes: model.custom_attributes.is_some() },
                    rust,
                )
                .is_some()
                {
                    Some((
                        at.clone(),
                        format!(
                            "`{}` would become `{rust}`, a method this model has because a request body sends it",
                            field.name.wire
                        ),
                        "give the field a `rust_name`",
                    ))
                } else if model.fields.iter().any(|other| names::clear_method(&other.name.rust) == *rust) {
                    Some((
                        at.clone(),
                        format!(
                            "`{}` clashes with the `clear_` setter of another field of this model, which a request body sends",
                            field.name.wire
                        ),
                        "give the field a `rust_name`",
                    ))
                } else {
                    None
                };
                if let Some((at, message, hint)) = problem {
                    lowering.error(at.error(message).with_hint(hint));
                }
            }
        }
    }
}

/// A file and a folder of the same name (`users.yaml` next to `users/`) would both be the
/// module `users`.
fn module_folders(lowering: &mut Lowering, modules: &[ir::Module]) {
    let mut module_paths: BTreeMap<&[String], &str> = BTreeMap::new();
    for module in modules {
        // The last file of a path, as `lower` reports the others as clashes with it.
        module_paths.insert(&module.path, &module.source);
    }
    for (path, file) in &module_paths {
        let inside = module_paths.iter().find(|(other, _)| other.len() > path.len() && other.starts_with(path));
        if let Some((_, other)) = inside {
            lowering.error(
                At::file(file)
                    .error(format!("this file's module `{}` is also the folder of `{other}`", path.join("::")))
                    .with_hint("rename the file or the folder"),
            );
        }
    }
}

/// Every method of `Client` is an endpoint's or one the emitter adds: `<name>_all` for a
/// paginated endpoint must not be another endpoint's name.
fn client_methods(lowering: &mut Lowering, modules: &[ir::Module]) {
    let mut methods: BTreeMap<String, String> = BTreeMap::new();
    let endpoints = || modules.iter().flat_map(|module| module.endpoints.iter().map(move |e| (module, e)));
    for (_, endpoint) in endpoints() {
        methods.insert(endpoint.name.rust.clone(), endpoint.name.wire.clone());
    }
    for (module, endpoint) in endpoints() {
        if !matches!(endpoint.response, ir::Response::Page(_)) {
            continue;
        }
        let all = names::all_pages_method(&endpoint.name.rust);
        if let Some(other) = methods.get(&all) {
            lowering.error(
                At::file(&module.source)
                    .key("endpoints")
                    .key(&endpoint.name.wire)
                    .key("response")
                    .error(format!("a paginated endpoint gets the method `{all}`, which is the endpoint `{other}`"))
                    .with_hint("rename one of the endpoints"),
            );
        }
    }
}

/// The items of a custom attribute list must have the named name and value fields, typed as
/// `custom_attributes()` reads them: each attribute's name a `string`, its value `json`.
fn custom_attribute_lists(lowering: &mut Lowering, modules: &[ir::Module]) {
    let models: BTreeMap<&str, &ir::Model> =
        modules.iter().flat_map(|module| &module.models).map(|model| (model.name.as_str(), model)).collect();
    for module in modules {
        for model in &module.models {
            let Some(spec) = &model.custom_attributes else { continue };
            let Some(item) = models.get(spec.item.as_str()) else { continue };
            let at = At::file(&module.source).key("models").key(&model.name).key("custom_attributes");
            let item_file = lowering.models.get(&spec.item).cloned().unwrap_or_else(|| module.source.clone());
            let item_fields_at = At::file(&item_file).key("models").key(&spec.item).key("fields");
            for (role, wire, wanted) in [("name", &spec.name, ir::Type::String), ("value", &spec.value, ir::Type::Json)]
            {
                let at = at.key(role);
                match item.fields.iter().find(|field| &field.name.wire == wire) {
                    // A row refused with an error of its own is not missing.
                    None if lowering.refused.contains(&item_fields_at.key(wire)) => {}
                    None => lowering.error(
                        at.error(format!("`{wire}` is not a field of `{}`", spec.item))
                            .with_hint(format!("name the field of `{}` that holds the attribute's {role}", spec.item)),
                    ),
                    // Any string reads as the name (`uuid` and `email` are `String`s too).
                    Some(field) if field.ty != wanted && !(wanted.is_string() && field.ty.is_string()) => lowering
                        .error(
                            at.error(format!(
                                "`{wire}` of `{}` is `{}`, but an attribute's {role} is read as `{wanted}`",
                                spec.item, field.ty
                            ))
                            .with_hint(format!(
                                "type `{wire}` as `{wanted}` in `{}`, or name the field that holds the {role}",
                                spec.item
                            )),
                        ),
                    Some(_) => {}
                }
            }
        }
    }
}

/// Every key of a documented response must be a field of its model: the schema claims to cover
/// the docs' example, and this keeps the claim true.
fn response_examples(lowering: &mut Lowering, modules: &[ir::Module]) {
    let models: BTreeMap<&str, &ir::Model> =
        modules.iter().flat_map(|module| &module.models).map(|model| (model.name.as_str(), model)).collect();
    for example in std::mem::take(&mut lowering.response_examples) {
        let Some(model) = models.get(example.model.as_str()) else { continue };
        let Some(model_file) = lowering.models.get(&example.model).cloned() else { continue };
        let model_at = At::file(&model_file).key("models").key(&example.model);
        // A model that lost a key (`field:` for `fields:`) cannot be held to the example.
        if lowering.refused.lost_a_key(&model_at) {
            continue;
        }
        let fields_at = model_at.key("fields");
        for (key, position) in &example.keys {
            if !model.fields.iter().any(|field| &field.name.wire == key)
                && !lowering.refused.contains(&fields_at.key(key))
            {
                lowering.error(
                    example
                        .at
                        .error(format!(
                            "response example has `{key}`, which model `{}` does not declare",
                            example.model
                        ))
                        .with_hint(format!("add `{key}` to the fields of `{}`", example.model))
                        .inside(*position),
                );
            }
        }
    }
}
