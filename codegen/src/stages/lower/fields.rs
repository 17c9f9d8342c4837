//! Attribute tables as fields: of a model, a request body or a query string. Each row goes
//! through four steps, each its own function: applicability (which keys the role allows),
//! naming (the Rust name and its clashes), typing (the type and its limits), and, once the
//! whole table is known, aliases.

use std::collections::{BTreeMap, BTreeSet};

use super::ctxt::At;
use super::state::Lowering;
use super::text::doc_lines;
use super::types::is_query_type;
use crate::diagnostic::Diagnostic;
use crate::ir::{self, Name, Slot, Type};
use crate::names::{self, Role, Taken};
use crate::schema;

impl Lowering {
    /// The fields of the table at `at`, each row checked for `role`; refused rows are left out.
    pub(super) fn fields(
        &mut self,
        at: &At,
        table: &schema::OrderedMap<schema::Field>,
        role: FieldRole,
    ) -> Vec<ir::Field> {
        let mut fields = Vec::new();
        let mut wire_seen = BTreeSet::new();
        let mut rust_seen: BTreeMap<String, String> = BTreeMap::new();
        for (wire, field) in table.iter() {
            let field_at = at.key(wire);
            if field.constant.is_some() {
                // A constant is sent, not set: the query step reads it.
                if role != FieldRole::Query {
                    self.error(field_at.key("const").error("`const` applies to query parameters only"));
                    self.refused.add(&field_at);
                }
                continue;
            }
            // A `rust_name` that did not read leaves the row without the name it asked for.
            if self.refused.contains(&field_at.key("rust_name")) || !self.applicable(&field_at, field, role) {
                self.refused.add(&field_at);
                continue;
            }
            if !wire_seen.insert(wire) {
                self.error(
                    field_at
                        .error(format!("`{wire}` appears twice in this table"))
                        .with_hint("remove or rename one row")
                        .on_key(),
                );
                continue;
            }
            let Some(rust) = self.field_name(&field_at, wire, field, role, &rust_seen) else {
                self.refused.add(&field_at);
                continue;
            };
            rust_seen.insert(rust.clone(), wire.to_owned());
            let Some((ty, limits)) = self
                .field_type(&field_at, field, role)
                .and_then(|ty| Some((ty.clone(), self.field_limits(&field_at, field, &ty)?)))
            else {
                self.refused.add(&field_at);
                continue;
            };
            let array_style = (role == FieldRole::Query && matches!(ty, Type::List(_)))
                .then(|| field.style.unwrap_or(schema::ArrayStyle::Repeat));
            let required = field.required.0;
            let nullable = match role {
                FieldRole::Request => !required && field.nullable.unwrap_or(self.request_nullable),
                FieldRole::Response => field.nullable.unwrap_or(false),
                FieldRole::Query => false,
            };
            fields.push(ir::Field {
                name: Name { wire: wire.to_owned(), rust },
                ty,
                required,
                nullable,
                slot: slot(role, required, nullable),
                description: doc_lines(field.description.as_deref()),
                note: field.note.clone(),
                max_length: field.max_length,
                min_length: limits.min_length,
                minimum: limits.minimum,
                maximum: limits.maximum,
                default: limits.default,
                deprecated: field.deprecated.clone(),
                boxed: false,
                aliases: Vec::new(),
                array_style,
            });
        }
        if role == FieldRole::Response {
            self.resolve_aliases(at, table, &mut fields);
        }
        fields
    }

    /// Whether the row's keys apply to `role`: `aliases` to model fields, `nullable` not to
    /// query parameters nor to required request fields. Reports the first that does not.
    fn applicable(&mut self, at: &At, field: &schema::Field, role: FieldRole) -> bool {
        if !field.aliases.is_empty() && role != FieldRole::Response {
            self.error(at.key("aliases").error("`aliases` applies to model fields only"));
            return false;
        }
        if field.nullable.is_some() && role == FieldRole::Query {
            self.error(
                at.key("nullable")
                    .error("`nullable` applies to request and model fields; a query string cannot carry `null`")
                    .with_hint("remove `nullable`; leave the parameter unset instead"),
            );
            return false;
        }
        if field.nullable == Some(true) && field.required.0 && role == FieldRole::Request {
            self.error(
                at.key("nullable")
                    .error("a required request field is a `new()` argument and cannot be `nullable`")
                    .with_hint("make the field `required: no` so that `clear_` can send `null`"),
            );
            return false;
        }
        true
    }

    /// The Rust name of the row: its `rust_name`, or its wire name in snake_case, refused when it
    /// clashes with another row (`rust_seen`, Rust name to wire name) or a generated member.
    fn field_name(
        &mut self,
        at: &At,
        wire: &str,
        field: &schema::Field,
        role: FieldRole,
        rust_seen: &BTreeMap<String, String>,
    ) -> Option<String> {
        let rust = match (&field.rust_name, names::snake_ident(wire)) {
            (Some(chosen), _) if names::is_plain_snake_ident(chosen) => chosen.clone(),
            (Some(chosen), _) => {
                self.error(
                    at.key("rust_name")
                        .error(format!("`{chosen}` is not a usable snake_case Rust name"))
                        .with_hint("use lowercase letters, digits and `_`, not a keyword"),
                );
                return None;
            }
            (None, Ok(rust)) => rust,
            (None, Err(error)) => {
                self.error(
                    at.error(format!("field name `{}` {}", crate::diagnostic::inert(wire), names::describe(&error)))
                        .with_hint("give the row a name (the docs' examples usually show it), or a `rust_name`")
                        .on_key(),
                );
                return None;
            }
        };
        // Methods named after fields (setters of optional request and query fields, accessors
        // of aliased model fields) must not hide a trait's method.
        let has_methods = if role == FieldRole::Response { !field.aliases.is_empty() } else { !field.required.0 };
        let rust = if has_methods { names::avoid_trait_methods(rust) } else { rust };
        if let Some(other) = rust_seen.get(&rust) {
            self.error(
                at.error(format!("`{wire}` and `{other}` both become the Rust field `{rust}`"))
                    .with_hint("give one of them a `rust_name`")
                    .on_key(),
            );
            return None;
        }
        if let Some(refusal) = member_refusal(at, wire, &rust, role, has_methods, rust_seen) {
            self.error(refusal);
            return None;
        }
        Some(rust)
    }

    /// The row's type, with the limits that depend on it (`max_length`, what a query string
    /// can carry).
    fn field_type(&mut self, at: &At, field: &schema::Field, role: FieldRole) -> Option<Type> {
        let ty = self.type_expr(&at.key("type"), &field.ty)?;
        if let Some(max) = field.max_length {
            if !ty.is_string() {
                self.error(at.key("max_length").error("`max_length` applies to `string` fields only"));
                return None;
            }
            if max == 0 {
                self.error(at.key("max_length").error("`max_length` must be at least 1"));
                return None;
            }
        }
        let list_item = match &ty {
            Type::List(item) => Some(item.as_ref()),
            _ => None,
        };
        if field.style.is_some() && (role != FieldRole::Query || list_item.is_none()) {
            self.error(
                at.key("style")
                    .error("`style` applies to query parameters typed `list(T)` only")
                    .with_hint("remove `style`, or type the parameter `list(...)`"),
            );
            return None;
        }
        // A list of query values: repeated, comma-joined or bracketed (`style`).
        if role == FieldRole::Query && list_item.is_some_and(is_query_type) {
            return Some(ty);
        }
        if role == FieldRole::Query && !is_query_type(&ty) {
            self.error(at.key("type").error(format!("a query parameter cannot be `{}`", field.ty.trim())).with_hint(
                "use string, integer (int32, uint64), number, boolean, timestamp, date, datetime, decimal, an enum, or a list of one of them",
            ));
            return None;
        }
        Some(ty)
    }

    /// Aliases name other fields of the same model table, by wire name, of the same type; each
    /// resolved alias is stored as the other field's Rust name.
    fn resolve_aliases(&mut self, at: &At, table: &schema::OrderedMap<schema::Field>, fields: &mut [ir::Field]) {
        for (wire, field) in table.iter().filter(|(_, field)| !field.aliases.is_empty()) {
            let aliases_at = at.key(wire).key("aliases");
            // A refused field's aliases are looked for, but cannot be compared with its type.
            let own_type = fields.iter().find(|f| f.name.wire == wire).map(|f| f.ty.clone());
            let mut resolved = Vec::new();
            for alias in &field.aliases {
                match fields.iter().find(|other| &other.name.wire == alias && other.name.wire != wire) {
                    Some(other) if own_type.as_ref().is_none_or(|own| *own == other.ty) => {
                        resolved.push(other.name.rust.clone());
                    }
                    Some(_) => {
                        self.error(aliases_at.error(format!("alias `{alias}` has a different type than `{wire}`")))
                    }
                    None if self.refused.contains(&at.key(alias)) => {}
                    None => self.error(
                        aliases_at.error(format!("alias `{alias}` is not another field of this model")).with_hint(
                            format!("add `{alias}` as a field too; `{wire}()` then returns whichever is present"),
                        ),
                    ),
                }
            }
            if let Some(target) = fields.iter_mut().find(|f| f.name.wire == wire) {
                target.aliases = resolved;
            }
        }
    }
}

/// How a field of `role` is held: a required field is plain (a required model field only when
/// it cannot be `null`), an optional request field that may be `null` a `Patch`, any other an
/// `Option`. Model fields become `Patch`es once they are known to be sent in requests
/// (`models::mark_request_models`).
fn slot(role: FieldRole, required: bool, nullable: bool) -> Slot {
    match (role, required, nullable) {
        (FieldRole::Response, true, false) | (FieldRole::Request | FieldRole::Query, true, _) => Slot::Plain,
        (FieldRole::Request, false, true) => Slot::Patch,
        _ => Slot::Option,
    }
}

/// Why the Rust name `rust` of row `wire` is taken by what every type of `role` has (or by the
/// `clear_` setter of another row), if it is.
fn member_refusal(
    at: &At,
    wire: &str,
    rust: &str,
    role: FieldRole,
    has_methods: bool,
    rust_seen: &BTreeMap<String, String>,
) -> Option<Diagnostic> {
    let taken = |message: String| Some(at.error(message).with_hint("give the row a `rust_name`"));
    let name_role = match role {
        FieldRole::Request => Role::RequestField,
        FieldRole::Query => Role::QueryParam,
        FieldRole::Response => Role::ModelField { accessor: has_methods },
    };
    let found = names::taken(name_role, rust);
    let clears_clash =
        || rust_seen.keys().any(|other| names::clear_method(other) == rust || names::clear_method(rust) == *other);
    if role == FieldRole::Request && found != Some(Taken::RequestMethod) && clears_clash() {
        return Some(at.error(format!("`{wire}` clashes with the `clear_` setter of another field")));
    }
    match found? {
        Taken::RequestMethod => taken(format!("`{wire}` would become `{rust}`, a method every request already has")),
        Taken::AttributeMap => {
            taken("`custom_attributes` is the name of the custom attribute map of every request".to_owned())
        }
        Taken::QueryMethod => {
            taken(format!("`{wire}` would become `{rust}`, a method every query has")).map(Diagnostic::on_key)
        }
        Taken::LookupField => {
            taken(format!("`{wire}` would become `{rust}`, the field of `filter` lookups")).map(Diagnostic::on_key)
        }
        Taken::ModelMethod => {
            taken(format!("`{wire}` has aliases, so it would get the accessor `{rust}()`, which models already have"))
                .map(Diagnostic::on_key)
        }
        Taken::UnknownKeys => taken("`extra` is the name of the map that keeps unknown keys of every model".to_owned()),
        _ => taken(format!("`{wire}` would become `{rust}`, a name the generated code already uses")),
    }
}

/// Where a table's fields go, which decides the keys a row may use and the names it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldRole {
    Request,
    Response,
    Query,
}
