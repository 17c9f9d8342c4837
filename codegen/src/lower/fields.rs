//! Attribute tables as fields: of a model, a request body or a query string.

use std::collections::{BTreeMap, BTreeSet};

use super::types::is_query_type;
use super::{Lowering, doc_lines, push_paragraph};
use crate::diagnostic::Diagnostic;
use crate::ir::{self, Name, Type};
use crate::load::SourceFile;
use crate::names;
use crate::schema;

impl Lowering {
    pub(super) fn fields(
        &mut self,
        source: &SourceFile,
        key: &str,
        table: &schema::OrderedMap<schema::Field>,
        role: FieldRole,
    ) -> Vec<ir::Field> {
        let mut fields = Vec::new();
        let mut wire_seen = BTreeSet::new();
        let mut rust_seen: BTreeMap<String, String> = BTreeMap::new();
        for (wire, field) in table.iter() {
            let field_key = format!("{key}.{wire}");
            if field.constant.is_some() {
                if role != FieldRole::Query {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{field_key}.const"),
                        "`const` applies to query parameters only",
                    ));
                }
                continue;
            }
            if !field.aliases.is_empty() && role != FieldRole::Response {
                self.error(Diagnostic::new(
                    &source.name,
                    format!("{field_key}.aliases"),
                    "`aliases` applies to model fields only",
                ));
                continue;
            }
            if field.nullable.is_some() && role == FieldRole::Query {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{field_key}.nullable"),
                        "`nullable` applies to request and model fields; a query string cannot carry `null`",
                    )
                    .with_hint("remove `nullable`; leave the parameter unset instead"),
                );
                continue;
            }
            if field.nullable == Some(true) && field.required.0 && role == FieldRole::Request {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{field_key}.nullable"),
                        "a required request field is a `new()` argument and cannot be `nullable`",
                    )
                    .with_hint("make the field `required: no` so that `clear_` can send `null`"),
                );
                continue;
            }
            if !wire_seen.insert(wire) {
                self.error(
                    Diagnostic::new(&source.name, field_key, format!("`{wire}` appears twice in this table"))
                        .with_hint("remove or rename one row")
                        .on_key(),
                );
                continue;
            }
            let rust = match (&field.rust_name, names::snake_ident(wire)) {
                (Some(chosen), _) if names::is_plain_snake_ident(chosen) => chosen.clone(),
                (Some(chosen), _) => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            format!("{field_key}.rust_name"),
                            format!("`{chosen}` is not a usable snake_case Rust name"),
                        )
                        .with_hint("use lowercase letters, digits and `_`, not a keyword"),
                    );
                    continue;
                }
                (None, Ok(rust)) => rust,
                (None, Err(error)) => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            field_key,
                            format!("field name `{}` {}", crate::diagnostic::inert(wire), names::describe(&error)),
                        )
                        .with_hint("give the row a name (the docs' examples usually show it), or a `rust_name`")
                        .on_key(),
                    );
                    continue;
                }
            };
            // Methods named after fields (setters of optional request and query fields, accessors
            // of aliased model fields) must not hide a trait's method.
            let has_methods = if role == FieldRole::Response { !field.aliases.is_empty() } else { !field.required.0 };
            let rust = if has_methods { names::avoid_trait_methods(rust) } else { rust };
            if let Some(other) = rust_seen.get(&rust) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        format!("`{wire}` and `{other}` both become the Rust field `{rust}`"),
                    )
                    .with_hint("give one of them a `rust_name`")
                    .on_key(),
                );
                continue;
            }
            if role == FieldRole::Request && ["new", "validate", "custom_attribute"].contains(&rust.as_str()) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        format!("`{wire}` would become `{rust}`, a method every request already has"),
                    )
                    .with_hint("give the row a `rust_name`"),
                );
                continue;
            }
            if role == FieldRole::Query && names::QUERY_METHODS.contains(&rust.as_str()) {
                let what = if rust == "filters" { "the field of `filter` lookups" } else { "a method every query has" };
                self.error(
                    Diagnostic::new(&source.name, field_key, format!("`{wire}` would become `{rust}`, {what}"))
                        .with_hint("give the row a `rust_name`")
                        .on_key(),
                );
                continue;
            }
            if role == FieldRole::Response && has_methods && names::MODEL_MEMBERS.contains(&rust.as_str()) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        format!(
                            "`{wire}` has aliases, so it would get the accessor `{rust}()`, which models already have"
                        ),
                    )
                    .with_hint("give the row a `rust_name`")
                    .on_key(),
                );
                continue;
            }
            if role == FieldRole::Request
                && rust_seen
                    .keys()
                    .any(|other| names::clear_method(other) == rust || names::clear_method(&rust) == *other)
            {
                self.error(Diagnostic::new(
                    &source.name,
                    field_key,
                    format!("`{wire}` clashes with the `clear_` setter of another field"),
                ));
                continue;
            }
            if role == FieldRole::Request && rust == "custom_attributes" {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        "`custom_attributes` is the name of the custom attribute map of every request",
                    )
                    .with_hint("give the row a `rust_name`"),
                );
                continue;
            }
            if role == FieldRole::Response && rust == "extra" {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        "`extra` is the name of the map that keeps unknown keys of every model",
                    )
                    .with_hint("give the row a `rust_name`"),
                );
                continue;
            }
            rust_seen.insert(rust.clone(), wire.to_owned());
            let Some(ty) = self.type_expr(source, &format!("{field_key}.type"), &field.ty) else { continue };
            if let Some(max) = field.max_length {
                if ty != Type::String {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{field_key}.max_length"),
                        "`max_length` applies to `string` fields only",
                    ));
                    continue;
                }
                if max == 0 {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{field_key}.max_length"),
                        "`max_length` must be at least 1",
                    ));
                    continue;
                }
            }
            let mut docs = doc_lines(field.description.as_deref());
            if docs.is_empty() {
                docs.push(format!("`{wire}` (undocumented)."));
            }
            if let Some(max) = field.max_length {
                push_paragraph(
                    &mut docs,
                    &format!("At most {max} characters; longer values are refused before sending."),
                );
            }
            if let Some(note) = &field.note {
                push_paragraph(&mut docs, &format!("Schema note: {note}."));
            }
            if role == FieldRole::Query && !is_query_type(&ty) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{field_key}.type"),
                        format!("a query parameter cannot be `{}`", field.ty.trim()),
                    )
                    .with_hint("use string, integer, number, boolean, timestamp, date, datetime, decimal or an enum"),
                );
                continue;
            }
            fields.push(ir::Field {
                name: Name { wire: wire.to_owned(), rust },
                ty,
                required: field.required.0,
                nullable: match role {
                    FieldRole::Request => !field.required.0 && field.nullable.unwrap_or(self.request_nullable),
                    FieldRole::Response => field.nullable.unwrap_or(false),
                    FieldRole::Query => false,
                },
                docs,
                max_length: field.max_length,
                deprecated: field.deprecated.clone(),
                boxed: false,
                aliases: Vec::new(),
            });
        }
        // Aliases name other fields of the same table, by wire name.
        for (wire, field) in table.iter().filter(|(_, field)| !field.aliases.is_empty() && role == FieldRole::Response)
        {
            let mut resolved = Vec::new();
            for alias in &field.aliases {
                match fields.iter().find(|other| &other.name.wire == alias && other.name.wire != wire) {
                    Some(other)
                        if other.ty
                            == fields.iter().find(|f| f.name.wire == wire).map_or(Type::Json, |f| f.ty.clone()) =>
                    {
                        resolved.push(other.name.rust.clone())
                    }
                    Some(_) => self.error(Diagnostic::new(
                        &source.name,
                        format!("{key}.{wire}.aliases"),
                        format!("alias `{alias}` has a different type than `{wire}`"),
                    )),
                    None => self.error(
                        Diagnostic::new(
                            &source.name,
                            format!("{key}.{wire}.aliases"),
                            format!("alias `{alias}` is not another field of this model"),
                        )
                        .with_hint(format!(
                            "add `{alias}` as a field too; `{wire}()` then returns whichever is present"
                        )),
                    ),
                }
            }
            if let Some(target) = fields.iter_mut().find(|f| f.name.wire == wire) {
                target.aliases = resolved;
            }
        }
        fields
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldRole {
    Request,
    Response,
    Query,
}
