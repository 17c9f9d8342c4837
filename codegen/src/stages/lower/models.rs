//! Model and enum declarations, the module each file becomes, and the marks (request, boxed)
//! that need every model at once.

use std::collections::{BTreeMap, BTreeSet};

use super::ctxt::At;
use super::fields::FieldRole;
use super::state::Lowering;
use super::text::doc_lines;
use crate::diagnostic::Diagnostic;
use crate::ir::{self, Type};
use crate::names::{self, Role, Taken};
use crate::schema::{self, SchemaFile};
use crate::source::SourceFile;

impl Lowering {
    pub(super) fn register_models(&mut self, files: &[(SourceFile, SchemaFile)]) {
        for (source, file) in files {
            let models = file.models.iter().map(|(name, _)| (name, "models"));
            let enums = file.enums.iter().map(|(name, _)| (name, "enums"));
            for (name, section) in models.chain(enums) {
                let at = At::file(&source.name).key(section).key(name);
                if let Some(c) = names::first_non_ascii(name) {
                    self.error(non_ascii_name(&at, "type", name, c));
                    self.refused.types.insert(name.to_owned());
                    continue;
                }
                match names::type_ident(name) {
                    Ok(ident) if ident == name => {}
                    Ok(ident) => {
                        self.error(
                            at.error(format!("model name `{name}` is not PascalCase"))
                                .with_hint(format!("write `{ident}`"))
                                .on_key(),
                        );
                        self.refused.types.insert(name.to_owned());
                        continue;
                    }
                    Err(error) => {
                        self.error(at.error(format!("model name `{name}` {}", names::describe(&error))));
                        self.refused.types.insert(name.to_owned());
                        continue;
                    }
                }
                if let Some((word, _)) =
                    super::types::PRIMITIVE_TYPES.iter().find(|(word, _)| word.eq_ignore_ascii_case(name))
                {
                    // Type words are matched before model names, in any case, so no row could
                    // ever be typed by this one.
                    self.error(
                        at.error(format!(
                            "type name `{name}` is the type word `{word}`, so a row typed `{name}` would mean `{word}`"
                        ))
                        .with_hint("rename the type")
                        .on_key(),
                    );
                    continue;
                }
                if let Some(first) = self.models.get(name) {
                    let first = first.clone();
                    self.error(
                        at.error(format!("type `{name}` is declared twice; the first is in `{first}`"))
                            .with_hint("model and enum names must be unique across the schema")
                            .on_key(),
                    );
                } else {
                    self.models.insert(name.to_owned(), source.name.clone());
                    if section == "enums" {
                        self.enums.insert(name.to_owned());
                    }
                }
            }
        }
    }

    pub(super) fn module_path(&mut self, source: &SourceFile) -> Option<Vec<String>> {
        let stem = source
            .relative
            .strip_suffix(".yaml")
            .or_else(|| source.relative.strip_suffix(".yml"))
            .unwrap_or(&source.relative);
        let at = At::file(&source.name);
        let mut path = Vec::new();
        for (depth, part) in stem.split('/').enumerate() {
            // The generated root's own modules of blocking and mock items.
            if names::taken(Role::Module { top_level: depth == 0 }, part) == Some(Taken::RootModule) {
                self.error(
                    at.error(format!("file or folder name `{part}` is taken by the generated code"))
                        .with_hint("rename the file or folder"),
                );
                return None;
            }
            if let Some(c) = names::first_non_ascii(part) {
                // rustc loads no module file whose name is not ASCII.
                self.error(non_ascii_name(&at, "file or folder", part, c));
                return None;
            }
            match names::snake_ident(part) {
                Ok(ident) if names::taken(Role::Module { top_level: depth == 0 }, &ident).is_none() => path.push(ident),
                _ => {
                    self.error(
                        at.error(format!("file or folder name `{part}` cannot become a Rust module name"))
                            .with_hint("use lowercase letters, digits and underscores"),
                    );
                    return None;
                }
            }
        }
        Some(path)
    }

    pub(super) fn model(&mut self, source: &SourceFile, name: &str, model: &schema::Model) -> Option<ir::Model> {
        // A model whose name was refused is reported already; skip its fields.
        if self.models.get(name) != Some(&source.name) {
            return None;
        }
        let at = At::file(&source.name).key("models").key(name);
        let fields = self.fields(&at.key("fields"), &model.fields, FieldRole::Response);
        let custom_attributes = model.custom_attributes.as_ref().and_then(|spec| {
            let list = fields.iter().find(|field| field.name.wire == spec.list);
            match list.map(|field| &field.ty) {
                Some(Type::List(item)) => match item.as_ref() {
                    Type::Model(item) => Some(ir::CustomAttributeList {
                        list: list.map(|field| field.name.rust.clone()).unwrap_or_default(),
                        item: item.clone(),
                        name: spec.name.clone(),
                        value: spec.value.clone(),
                    }),
                    _ => None,
                },
                _ => None,
            }
            .or_else(|| {
                if self.refused.contains(&at.key("fields").key(&spec.list)) {
                    return None;
                }
                let problem = match list {
                    Some(field) => format!("`{}` of `{name}` is `{}`, not a list of a model", spec.list, field.ty),
                    None => format!("`{}` is not a field of `{name}`", spec.list),
                };
                self.error(
                    at.key("custom_attributes")
                        .key("list")
                        .error(problem)
                        .with_hint("name the field that lists the attributes (typed `list(Attribute)`, say)"),
                );
                None
            })
        });
        Some(ir::Model {
            name: name.to_owned(),
            description: doc_lines(model.description.as_deref()),
            fields,
            custom_attributes,
            request: false,
        })
    }

    /// An enum: variants made from the values, checked for clashes.
    pub(super) fn enumeration(&mut self, source: &SourceFile, name: &str, spec: &schema::Enum) -> Option<ir::Enum> {
        if self.models.get(name) != Some(&source.name) {
            return None;
        }
        let at = At::file(&source.name).key("enums").key(name);
        if self.refused.contains(&at.key("type")) {
            // Its values cannot be checked without knowing which kind they are.
            return None;
        }
        let values_at = at.key("values");
        let kind = match spec.ty.as_deref().map(str::trim) {
            None | Some("string") => ir::EnumKind::Text,
            Some("integer") => ir::EnumKind::Codes,
            Some(other) => {
                let hint = match super::types::foreign_word(&other.to_ascii_lowercase()) {
                    Some(word @ ("integer" | "string")) => format!("did you mean `{word}`?"),
                    _ => "use `string` or `integer`".to_owned(),
                };
                self.error(at.key("type").error(format!("unknown enum type `{other}`")).with_hint(hint));
                return None;
            }
        };
        let labelled: Vec<(String, Option<i64>)> = match (&spec.values, kind == ir::EnumKind::Codes) {
            (schema::EnumValues::Strings(values), false) => values.iter().map(|value| (value.clone(), None)).collect(),
            (schema::EnumValues::Codes(codes), true) => {
                codes.iter().map(|(label, code)| (label.to_owned(), Some(*code))).collect()
            }
            (schema::EnumValues::Strings(_), true) => {
                self.error(
                    values_at
                        .error("an integer enum needs its codes")
                        .with_hint("write `values: { visitor: 1, user: 2 }`"),
                );
                return None;
            }
            (schema::EnumValues::Codes(_), false) => {
                self.error(
                    values_at
                        .error("a string enum lists its values")
                        .with_hint("write `values: [visitor, user]`, or add `type: integer`"),
                );
                return None;
            }
        };
        if labelled.is_empty() {
            self.error(values_at.error("an enum needs at least one value"));
            return None;
        }
        let mut variants: Vec<ir::Variant> = Vec::new();
        let mut ok = true;
        for (label, code) in labelled {
            let rust = match names::type_ident(&label) {
                // Variants live in their enum's namespace, so only the variant names the
                // generated enum has are off limits, not the reserved type names.
                Ok(rust) | Err(names::NameError::Reserved(rust)) if names::taken(Role::Variant, &rust).is_none() => {
                    rust
                }
                Ok(rust) => {
                    self.error(values_at.error(format!(
                        "value `{label}` would become `{rust}`, the variant that keeps unknown values"
                    )));
                    ok = false;
                    continue;
                }
                Err(error) => {
                    self.error(
                        values_at
                            .error(format!("value `{}` {}", crate::diagnostic::inert(&label), names::describe(&error)))
                            .with_hint("an enum cannot list this value; type the fields that hold it `string` instead"),
                    );
                    ok = false;
                    continue;
                }
            };
            if let Some(other) = variants.iter().find(|variant| {
                variant.rust == rust || variant.label == label || (code.is_some() && variant.code == code)
            }) {
                self.error(
                    values_at
                        .error(format!(
                            "values `{label}` and `{}` clash (variant `{rust}` or the same value)",
                            other.label
                        ))
                        .with_hint("each value needs its own name and code"),
                );
                ok = false;
                continue;
            }
            variants.push(ir::Variant { rust, label, code });
        }
        ok.then(|| ir::Enum {
            name: name.to_owned(),
            description: doc_lines(spec.description.as_deref()),
            variants,
            kind,
        })
    }
}

/// Marks the models a request body can hold, directly or through lists and other models: they
/// get a builder, and their optional nullable fields can send `null`.
pub(super) fn mark_request_models(modules: &mut [ir::Module]) {
    fn model_of(ty: &Type) -> Option<&str> {
        match ty {
            Type::List(item) | Type::Map(item) => model_of(item),
            Type::Model(name) => Some(name),
            _ => None,
        }
    }
    let fields_of: BTreeMap<String, Vec<String>> = modules
        .iter()
        .flat_map(|module| &module.models)
        .map(|model| {
            let targets = model.fields.iter().filter_map(|field| model_of(&field.ty)).map(str::to_owned);
            (model.name.clone(), targets.collect())
        })
        .collect();
    let mut pending: Vec<String> = modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .filter_map(|endpoint| endpoint.request.as_ref())
        .flat_map(|request| &request.fields)
        .filter_map(|field| model_of(&field.ty))
        .map(str::to_owned)
        .collect();
    let mut reached = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if reached.insert(name.clone()) {
            pending.extend(fields_of.get(&name).into_iter().flatten().cloned());
        }
    }
    for model in modules.iter_mut().flat_map(|module| &mut module.models) {
        let request = reached.contains(&model.name);
        model.request = request;
        if request {
            avoid_trait_method_setters(model);
        }
        // An optional field that may be `null` can send `null` inside the nested object (and
        // keeps it apart from absent on decode).
        for field in model.fields.iter_mut().filter(|field| request && !field.required && field.nullable) {
            field.slot = ir::Slot::Patch;
        }
    }
}

/// A model that requests send gets a setter named after each field, so a field named like a
/// trait method (`into`, `clone`) takes a trailing `_` as request fields do, and the names that
/// refer to it (aliases, the custom attribute list) follow. No other field can already hold
/// the `_` name: wire names lose trailing `_`s and a `rust_name` cannot end in one.
fn avoid_trait_method_setters(model: &mut ir::Model) {
    let mut renamed = BTreeMap::new();
    for field in &mut model.fields {
        let safe = names::avoid_trait_methods(field.name.rust.clone());
        if safe != field.name.rust {
            renamed.insert(std::mem::replace(&mut field.name.rust, safe.clone()), safe);
        }
    }
    let rename = |name: &mut String| {
        if let Some(safe) = renamed.get(name.as_str()) {
            name.clone_from(safe);
        }
    };
    model.fields.iter_mut().flat_map(|field| &mut field.aliases).for_each(&rename);
    if let Some(custom) = &mut model.custom_attributes {
        rename(&mut custom.list);
    }
}

/// Marks fields that hold a model which (directly, not through a list) contains the field's own
/// model again; those need a `Box`. The walk keeps a visited set, so cycles end.
pub(super) fn mark_boxed_fields(modules: &mut [ir::Module]) {
    let direct_edges: BTreeMap<String, Vec<String>> = modules
        .iter()
        .flat_map(|module| &module.models)
        .map(|model| {
            let targets = model.fields.iter().filter_map(|field| match &field.ty {
                Type::Model(target) => Some(target.clone()),
                _ => None,
            });
            (model.name.clone(), targets.collect())
        })
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current.clone()) {
                stack.extend(direct_edges.get(&current).into_iter().flatten().cloned());
            }
        }
        false
    };
    for model in modules.iter_mut().flat_map(|module| &mut module.models) {
        for field in &mut model.fields {
            if let Type::Model(target) = &field.ty {
                field.boxed = reaches(target, &model.name);
            }
        }
    }
}

/// A schema-chosen name (endpoint, type, file) with a character that is not ASCII.
pub(super) fn non_ascii_name(at: &At, what: &str, name: &str, c: char) -> Diagnostic {
    at.error(format!(
        "{what} name `{}` has `{}`, which generated Rust names do not use",
        crate::diagnostic::inert(name),
        c.escape_debug()
    ))
    .with_hint("use ASCII letters, digits and `_`")
}
