//! Type expressions as the docs write them (`list(strings)`, `integer(list)`, `User`).

use std::collections::{BTreeMap, BTreeSet};

use super::ctxt::At;
use super::state::Lowering;
use crate::diagnostic::closest;
use crate::ir::Type;

/// Type names a table may use, as the docs spell them (plural forms appear in `list(strings)`).
pub(super) const PRIMITIVE_TYPES: &[(&str, Type)] = &[
    ("string", Type::String),
    ("strings", Type::String),
    ("integer", Type::Integer),
    ("integers", Type::Integer),
    ("number", Type::Number),
    ("numbers", Type::Number),
    ("boolean", Type::Boolean),
    ("booleans", Type::Boolean),
    ("datetime", Type::DateTime),
    ("datetimes", Type::DateTime),
    ("date", Type::Date),
    ("dates", Type::Date),
    ("json", Type::Json),
    ("timestamp", Type::Timestamp),
    ("timestamps", Type::Timestamp),
    ("decimal", Type::Decimal),
    ("decimals", Type::Decimal),
];

impl Lowering {
    /// Parses a type expression: a primitive, `list(T)` (or the docs' `T(list)`), or a model name.
    pub(super) fn type_expr(&mut self, at: &At, text: &str) -> Option<Type> {
        match parse_type(text.trim(), &self.models, &self.enums) {
            Ok(ty) => Some(ty),
            Err(TypeError::Unclosed) => {
                self.error(
                    at.error(format!("type `{text}` is missing its closing `)`")).with_hint("write `list(string)`"),
                );
                None
            }
            Err(TypeError::Unknown(name)) => {
                let candidates =
                    PRIMITIVE_TYPES.iter().map(|(name, _)| *name).chain(self.models.keys().map(String::as_str));
                let hint = match closest(&name, candidates) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "use string, integer, number, boolean, datetime, date, json, list(T) or a model name ({})",
                        self.models.keys().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
                    ),
                };
                self.error(at.error(format!("unknown type `{name}`")).with_hint(hint));
                None
            }
        }
    }
}

/// Types a query string can carry.
pub(super) fn is_query_type(ty: &Type) -> bool {
    !matches!(ty, Type::List(_) | Type::Model(_) | Type::Json)
}

#[derive(Debug, PartialEq)]
pub(super) enum TypeError {
    Unclosed,
    Unknown(String),
}

/// `string`, `list(strings)`, `integer(list)` (a spelling the docs use), `User`, `list(User)`.
pub(super) fn parse_type(
    text: &str,
    models: &BTreeMap<String, String>,
    enums: &BTreeSet<String>,
) -> Result<Type, TypeError> {
    // The postfix form binds outermost: `list(string)(list)` is a list of `list(string)`.
    if let Some(inner) = text.strip_suffix("(list)") {
        return Ok(Type::List(Box::new(parse_type(inner.trim(), models, enums)?)));
    }
    if let Some(rest) = text.strip_prefix("list(").or_else(|| text.strip_prefix("list (")) {
        let inner = rest.strip_suffix(')').ok_or(TypeError::Unclosed)?;
        return Ok(Type::List(Box::new(parse_type(inner.trim(), models, enums)?)));
    }
    if text.contains('(') || text.contains(')') {
        return Err(if text.contains(')') { TypeError::Unknown(text.to_owned()) } else { TypeError::Unclosed });
    }
    if let Some((_, ty)) = PRIMITIVE_TYPES.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)) {
        return Ok(ty.clone());
    }
    if enums.contains(text) {
        return Ok(Type::Enum(text.to_owned()));
    }
    if models.contains_key(text) {
        return Ok(Type::Model(text.to_owned()));
    }
    Err(TypeError::Unknown(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_type_t(text: &str, models: &BTreeMap<String, String>) -> Result<Type, TypeError> {
        parse_type(text, models, &BTreeSet::new())
    }

    fn models() -> BTreeMap<String, String> {
        [("User".to_owned(), "user.yaml".to_owned())].into()
    }

    #[test]
    fn types_accept_the_docs_spellings() {
        let list = |ty| Type::List(Box::new(ty));
        assert_eq!(parse_type_t("string", &models()), Ok(Type::String));
        assert_eq!(parse_type_t("list(strings)", &models()), Ok(list(Type::String)));
        assert_eq!(parse_type_t("list(string)", &models()), Ok(list(Type::String)));
        assert_eq!(parse_type_t("integer(list)", &models()), Ok(list(Type::Integer)));
        assert_eq!(parse_type_t("list(list(User))", &models()), Ok(list(list(Type::Model("User".into())))));
        // Found by the property test: the postfix form inside the prefix form.
        assert_eq!(parse_type_t("list(list(string)(list))", &models()), Ok(list(list(list(Type::String)))));
        assert_eq!(parse_type_t("JSON", &models()), Ok(Type::Json));
    }

    #[test]
    fn malformed_types_are_refused() {
        assert_eq!(parse_type_t("list(string", &models()), Err(TypeError::Unclosed));
        assert_eq!(parse_type_t("list(", &models()), Err(TypeError::Unclosed));
        assert_eq!(parse_type_t("strng", &models()), Err(TypeError::Unknown("strng".into())));
        assert_eq!(parse_type_t("Users", &models()), Err(TypeError::Unknown("Users".into())));
    }
}
