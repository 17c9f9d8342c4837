//! Type expressions as the docs write them (`list(strings)`, `integer(list)`, `User`).

use std::collections::{BTreeMap, BTreeSet};

use super::ctxt::At;
use super::state::Lowering;
use crate::diagnostic::closest;
use crate::ir::{StringFormat, Type};

/// Type names a table may use, as the docs spell them (plural forms appear in `list(strings)`).
pub(super) const PRIMITIVE_TYPES: &[(&str, Type)] = &[
    ("string", Type::String),
    ("strings", Type::String),
    ("integer", Type::Integer),
    ("integers", Type::Integer),
    ("int64", Type::Integer),
    ("int64s", Type::Integer),
    ("int32", Type::Int32),
    ("int32s", Type::Int32),
    ("uint64", Type::UInt64),
    ("uint64s", Type::UInt64),
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

/// String formats, matched as written in lower case only, so that models named `Email` or
/// `Url` (PascalCase, as model names are) keep their names.
pub(super) const FORMAT_TYPES: &[(&str, StringFormat)] = &[
    ("uuid", StringFormat::Uuid),
    ("uuids", StringFormat::Uuid),
    ("url", StringFormat::Url),
    ("urls", StringFormat::Url),
    ("email", StringFormat::Email),
    ("emails", StringFormat::Email),
];

impl Lowering {
    /// Parses a type expression: a primitive, `list(T)` (or the docs' `T(list)`), or a model name.
    pub(super) fn type_expr(&mut self, at: &At, text: &str) -> Option<Type> {
        match parse_type(text.trim(), &self.models, &self.enums) {
            Ok(ty) => Some(ty),
            Err(TypeError::Unclosed) => {
                let example = if text.trim_start().starts_with("map") { "map(string)" } else { "list(string)" };
                self.error(
                    at.error(format!("type `{text}` is missing its closing `)`"))
                        .with_hint(format!("write `{example}`")),
                );
                None
            }
            // A refused model or enum is reported where it is declared, not at every use.
            Err(TypeError::Unknown(name)) if self.refused.types.contains(&name) => None,
            Err(TypeError::Unknown(name)) => {
                let candidates = PRIMITIVE_TYPES
                    .iter()
                    .map(|(name, _)| *name)
                    .chain(FORMAT_TYPES.iter().map(|(name, _)| *name))
                    .chain(self.models.keys().map(String::as_str));
                // A model's name in another case beats the meaning the word has elsewhere.
                let hint = match (closest(&name, candidates), foreign_type_hint(&name)) {
                    (Some(best), _) if best.eq_ignore_ascii_case(&name) => format!("did you mean `{best}`?"),
                    (_, Some(hint)) => hint,
                    (Some(best), None) => format!("did you mean `{best}`?"),
                    (None, None) => {
                        let models = self.models.keys().map(|name| format!("`{name}`")).collect::<Vec<_>>();
                        let models =
                            if models.is_empty() { String::new() } else { format!(" ({})", models.join(", ")) };
                        format!("use {TYPE_WORDS} or a model name{models}")
                    }
                };
                self.error(at.error(format!("unknown type `{name}`")).with_hint(hint));
                None
            }
        }
    }
}

/// The schema's type words, for hints.
const TYPE_WORDS: &str =
    "string, uuid, url, email, integer, int32, uint64, number, boolean, datetime, date, json, list(T), map(T)";

/// The schema's word for a type word of another language or format (`long`, `bool`, `object`,
/// `array`, `string[]`, `List<String>`): what a newcomer copying a vendor's docs or an OpenAPI
/// document writes first. Said as a hint, since the schema keeps one word for each type.
pub(super) fn foreign_type_hint(word: &str) -> Option<String> {
    let word = word.trim();
    let lower = word.to_ascii_lowercase();
    // `Map<String, Tag>`, `HashMap<String, i64>`, `Record<string, User>`: a map of something.
    let map_value = word.split_once('<').and_then(|(outer, rest)| {
        let outer = outer.trim().to_ascii_lowercase();
        let (_, value) = rest.strip_suffix('>')?.split_once(',')?;
        matches!(outer.as_str(), "map" | "hashmap" | "btreemap" | "dict" | "dictionary" | "record")
            .then_some(value.trim())
    });
    if let Some(value) = map_value {
        let lower = value.to_ascii_lowercase();
        let written = match PRIMITIVE_TYPES.iter().find(|(name, _)| *name == lower) {
            Some((name, _)) => name,
            None => match foreign_word(&lower) {
                Some(name) => name,
                None if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => value,
                None => "T",
            },
        };
        return Some(format!("a map of string keys is written `map({written})`"));
    }
    // `string[]`, `array<string>`, `List<String>`, `Vec<i64>`, `[string]`: a list of something.
    let item = word
        .strip_suffix("[]")
        .or_else(|| word.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')))
        .or_else(|| {
            let (outer, rest) = word.split_once('<')?;
            let inner = rest.strip_suffix('>')?;
            let outer = outer.trim().to_ascii_lowercase();
            matches!(outer.as_str(), "array" | "list" | "vec" | "set" | "sequence" | "seq").then_some(inner)
        });
    if let Some(item) = item {
        let item = item.trim();
        let item_lower = item.to_ascii_lowercase();
        let written = match PRIMITIVE_TYPES.iter().find(|(name, _)| *name == item_lower) {
            Some((name, _)) => name,
            None => match foreign_word(&item_lower) {
                Some(name) => name,
                // A model's name, as it is written.
                None if !item.is_empty() && item.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => item,
                None => "T",
            },
        };
        return Some(format!("a list is written `list({written})`"));
    }
    let hint = match lower.as_str() {
        "object" | "dict" | "dictionary" | "map" | "hash" | "hashmap" | "struct" | "record" | "obj" => {
            "an object is a model: declare it under `models:` and write its name; `map(T)` is an object of any keys \
             whose values are all `T`; `json` is any JSON value"
                .to_owned()
        }
        "array" | "list" | "vec" | "sequence" | "seq" | "set" | "tuple" => {
            "a list is written `list(T)`, such as `list(string)` or `list(User)`".to_owned()
        }
        "null" | "void" | "nil" | "empty" | "nothing" => {
            "a type names a value; an endpoint whose body is empty says `response: none`".to_owned()
        }
        other => format!("did you mean `{}`?", foreign_word(other)?),
    };
    Some(hint)
}

/// The schema's type for a scalar type word of another language or format.
pub(super) fn foreign_word(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "int" | "long" | "short" | "byte" | "int8" | "int16" | "int32" | "int64" | "i8" | "i16" | "i32" | "i64"
        | "u8" | "u16" | "u32" | "u64" | "uint" | "bigint" | "biginteger" | "whole number" => "integer",
        "float" | "double" | "real" | "f32" | "f64" | "float32" | "float64" | "numeric" => "number",
        "bool" => "boolean",
        "str" | "text" | "char" | "varchar" | "password" => "string",
        "uri" | "uri-reference" | "link" => "url",
        "guid" => "uuid",
        "date-time" | "date_time" | "iso8601" | "iso 8601" | "datetimeoffset" | "instant" => "datetime",
        "unix" | "epoch" | "unixtime" | "unix_time" | "unix timestamp" => "timestamp",
        "money" | "bigdecimal" => "decimal",
        "any" | "mixed" | "dynamic" | "value" | "jsonb" | "variant" => "json",
        _ => return None,
    })
}

/// Types a query string can carry.
pub(super) fn is_query_type(ty: &Type) -> bool {
    !matches!(ty, Type::List(_) | Type::Map(_) | Type::Model(_) | Type::Json)
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
    if let Some(rest) = text.strip_prefix("map(").or_else(|| text.strip_prefix("map (")) {
        let inner = rest.strip_suffix(')').ok_or(TypeError::Unclosed)?;
        return Ok(Type::Map(Box::new(parse_type(inner.trim(), models, enums)?)));
    }
    if text.contains('(') || text.contains(')') {
        return Err(if text.contains(')') { TypeError::Unknown(text.to_owned()) } else { TypeError::Unclosed });
    }
    if let Some((_, ty)) = PRIMITIVE_TYPES.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)) {
        return Ok(ty.clone());
    }
    if let Some((_, format)) = FORMAT_TYPES.iter().find(|(name, _)| *name == text) {
        return Ok(Type::FormattedString(*format));
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
    fn other_languages_type_words_get_the_schema_word() {
        let hint = |word| foreign_type_hint(word).unwrap_or_default();
        for (word, schema_word) in [
            ("long", "integer"),
            ("int", "integer"),
            ("Int64", "integer"),
            ("bool", "boolean"),
            ("float", "number"),
            ("double", "number"),
            ("str", "string"),
            ("guid", "uuid"),
            ("uri", "url"),
            ("date-time", "datetime"),
            ("any", "json"),
        ] {
            assert_eq!(hint(word), format!("did you mean `{schema_word}`?"), "{word}");
        }
        assert!(hint("object").contains("declare it under `models:`"));
        assert!(hint("dict").contains("`map(T)` is an object of any keys"));
        assert_eq!(hint("Map<String, Tag>"), "a map of string keys is written `map(Tag)`");
        assert_eq!(hint("HashMap<String, Long>"), "a map of string keys is written `map(integer)`");
        assert_eq!(hint("Record<string, string>"), "a map of string keys is written `map(string)`");
        assert_eq!(hint("array"), "a list is written `list(T)`, such as `list(string)` or `list(User)`");
        assert_eq!(hint("string[]"), "a list is written `list(string)`");
        assert_eq!(hint("List<Long>"), "a list is written `list(integer)`");
        assert_eq!(hint("array<Tag>"), "a list is written `list(Tag)`");
        assert_eq!(hint("Map<String, Tag>[]"), "a list is written `list(T)`");
        assert_eq!(foreign_type_hint("strng"), None);
        assert_eq!(foreign_type_hint("colour"), None);
    }

    #[test]
    fn malformed_types_are_refused() {
        assert_eq!(parse_type_t("list(string", &models()), Err(TypeError::Unclosed));
        assert_eq!(parse_type_t("list(", &models()), Err(TypeError::Unclosed));
        assert_eq!(parse_type_t("strng", &models()), Err(TypeError::Unknown("strng".into())));
        assert_eq!(parse_type_t("Users", &models()), Err(TypeError::Unknown("Users".into())));
    }
}
