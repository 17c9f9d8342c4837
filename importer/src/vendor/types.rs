//! A vendor's type spellings as schema types: the settings' own names first, then the words
//! every vendor uses (`int`, `Array of strings`, `string(date-time)`, `PERSON_UUID`).

use crate::read::conventions::Settings;
use crate::types;

/// Types the schema can hold in a query string.
pub(crate) const QUERY_TYPES: &[&str] =
    &["string", "integer", "number", "boolean", "datetime", "date", "timestamp", "decimal"];

/// Type words vendors use beyond the ones `types` knows, and what the schema calls them.
pub(crate) const VENDOR_TYPES: &[(&str, &str)] = &[
    ("long", "integer"),
    ("int32", "integer"),
    ("int64", "integer"),
    ("numeric", "number"),
    ("float", "number"),
    ("double", "number"),
    ("uuid", "string"),
    ("guid", "string"),
    ("email", "string"),
    ("url", "string"),
    ("uri", "string"),
    ("char", "string"),
    ("enum", "string"),
    ("id", "string"),
    ("string id", "string"),
    ("hash", "json"),
    ("hashmap", "json"),
    ("json object", "json"),
    ("file", "string"),
    ("timestamp", "datetime"),
    ("iso 8601", "datetime"),
    ("iso 8601 timestamp", "datetime"),
    ("iso8601", "datetime"),
    ("date-time", "datetime"),
    ("date time", "datetime"),
    ("time", "string"),
    ("decimal string", "decimal"),
    ("money", "decimal"),
    ("currency", "string"),
    ("bigdecimal", "decimal"),
    ("array of strings", "list(string)"),
    ("array of integers", "list(integer)"),
    ("array of objects", "list(json)"),
    ("string array", "list(string)"),
    ("integer array", "list(integer)"),
    ("number", "number"),
];

/// A docs type spelling as a schema type, if it means one: the vendor's own names first, then
/// the spellings every vendor uses (`int`, `Array of strings`, `ISO 8601`, `string (uuid)`).
pub fn schema_type(settings: &Settings, spelling: &str) -> Option<String> {
    if let Some(ty) = settings.own_type(spelling) {
        return Some(ty.to_owned());
    }
    let cleaned = spelling.trim().trim_matches(['`', '*', '.']).trim();
    let lower = cleaned.to_lowercase();
    // `string(date-time)`, `integer(int64)`, `string <date>`: a base type and a format.
    if let Some((base, format)) = lower.split_once(['(', '<'])
        && let Some(format) = format.strip_suffix([')', '>'])
    {
        let format = format.trim();
        let base = base.trim();
        if matches!(base, "string" | "str") {
            match format {
                "date-time" | "datetime" | "iso 8601" | "iso8601" | "rfc3339" => return Some("datetime".to_owned()),
                "date" => return Some("date".to_owned()),
                "decimal" => return Some("decimal".to_owned()),
                _ => {}
            }
        }
    }
    // `Array[]: Encounter UUID`, `array[]`: a list of what follows the colon.
    if let Some(rest) = lower.strip_prefix("array[]").or_else(|| lower.strip_prefix("list[]")) {
        let rest = rest.trim_start_matches([':', ' ']).trim();
        let inner = if rest.is_empty() { None } else { schema_type(settings, rest) };
        let inner = inner.filter(|ty| !ty.starts_with("list(")).unwrap_or_else(|| "json".to_owned());
        return Some(format!("list({inner})"));
    }
    // `PERSON_UUID`, `project id`: an identifier written as its kind.
    if lower.ends_with("uuid") || lower.ends_with("guid") {
        return Some("string".to_owned());
    }
    if let Some(mapped) = types::map_type(&lower) {
        return Some(mapped.ty);
    }
    if let Some((_, ty)) = VENDOR_TYPES.iter().find(|(word, _)| *word == lower) {
        return Some((*ty).to_owned());
    }
    // `array of X`, `X[]`, `[X]`, `array[X]`, `list<X>`.
    let inner = lower
        .strip_prefix("array of ")
        .or_else(|| lower.strip_prefix("list of "))
        .or_else(|| lower.strip_suffix("[]"))
        .or_else(|| lower.strip_prefix('[').and_then(|s| s.strip_suffix(']')))
        .or_else(|| lower.strip_prefix("array[").and_then(|s| s.strip_suffix(']')))
        .or_else(|| lower.strip_prefix("array<").and_then(|s| s.strip_suffix('>')))
        .or_else(|| lower.strip_prefix("list<").and_then(|s| s.strip_suffix('>')));
    if let Some(inner) = inner {
        let inner = inner.trim().trim_end_matches('s');
        let inner = schema_type(settings, inner).filter(|ty| !ty.starts_with("list(")).unwrap_or_else(|| "json".into());
        return Some(format!("list({inner})"));
    }
    // `string (ISO 8601)`, `integer <int64>`: the first word decides when it is a type.
    let first = lower.split([' ', '(', '<', '/', ':', ',']).next().unwrap_or("");
    if first != lower && !first.is_empty() {
        return schema_type(settings, first);
    }
    None
}

pub(crate) fn is_list_word(ty: &str) -> bool {
    let lower = ty.to_lowercase();
    lower.contains("array") || lower.contains("list") || lower.ends_with("[]")
}

pub(crate) fn looks_like_json(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with('{') || text.starts_with('[')
}
