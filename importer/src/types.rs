//! The docs' type spellings mapped to schema types, length limits written in prose, and types
//! guessed from example values. Pure text functions; no page or schema knowledge.

use super::json::Json;

/// The types the generator knows by name, as the schema writes them (plural forms included).
const PRIMITIVES: &[&str] = &[
    "string",
    "strings",
    "integer",
    "integers",
    "number",
    "numbers",
    "boolean",
    "booleans",
    "datetime",
    "datetimes",
    "date",
    "dates",
    "json",
    "timestamp",
    "timestamps",
    "decimal",
    "decimals",
];

/// Other words the docs use for a type, and the schema type they mean.
const SYNONYMS: &[(&str, &str)] = &[
    ("float", "number"),
    ("double", "number"),
    ("int", "integer"),
    ("bool", "boolean"),
    ("text", "string"),
    ("str", "string"),
    ("array", "list(json)"),
    ("list", "list(json)"),
    ("object", "json"),
    ("dict", "json"),
    ("map", "json"),
    ("any", "json"),
    ("mixed", "json"),
    ("various types", "json"),
    ("depending on the attribute type", "json"),
    ("iso 4217 code", "string"),
    ("unix timestamp", "timestamp"),
    ("list of strings", "list(string)"),
    ("list of integers", "list(integer)"),
];

/// A table's type cell as a schema type. `changed` is set when the schema writes it differently
/// from the page (the row then gets a note naming the page's spelling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// The schema type.
    pub ty: String,
    /// Whether the page spells it differently.
    pub changed: bool,
}

/// Maps a docs type spelling; `None` when it means nothing known.
pub fn map_type(spelling: &str) -> Option<Mapped> {
    let spelling = spelling.trim();
    if accepted(spelling) {
        return Some(Mapped { ty: spelling.to_owned(), changed: false });
    }
    let ty = canonical(&spelling.to_lowercase())?;
    Some(Mapped { ty, changed: true })
}

/// Whether the generator reads this spelling as it is (the lowercase forms only).
fn accepted(text: &str) -> bool {
    if let Some(inner) = text.strip_suffix("(list)") {
        return accepted(inner.trim());
    }
    if let Some(inner) = text.strip_prefix("list(").and_then(|rest| rest.strip_suffix(')')) {
        return accepted(inner.trim());
    }
    PRIMITIVES.contains(&text)
}

/// A lowercase spelling in the schema's own terms.
fn canonical(text: &str) -> Option<String> {
    let text = text.trim();
    if PRIMITIVES.contains(&text) {
        return Some(singular(text).to_owned());
    }
    if let Some((_, ty)) = SYNONYMS.iter().find(|(word, _)| *word == text) {
        return Some((*ty).to_owned());
    }
    if let Some(inner) = text.strip_suffix("(list)").or_else(|| text.strip_suffix("[]")) {
        return canonical(inner).map(|inner| format!("list({inner})"));
    }
    if let Some(inner) = text.strip_prefix("list(").or_else(|| text.strip_prefix("list (")) {
        return canonical(inner.strip_suffix(')')?).map(|inner| format!("list({inner})"));
    }
    // `string(email)`: a format the schema does not model.
    if let Some((base, rest)) = text.split_once('(')
        && rest.ends_with(')')
        && PRIMITIVES.contains(&base.trim())
    {
        return Some(singular(base.trim()).to_owned());
    }
    None
}

fn singular(primitive: &str) -> &str {
    primitive.strip_suffix('s').filter(|stem| PRIMITIVES.contains(stem)).unwrap_or(primitive)
}

/// One spelling per type, for comparing schema types: `list(strings)`, `list(string)` and
/// `string(list)` all become `list(string)`.
pub fn normalize(text: &str) -> String {
    let text = text.trim();
    if let Some(inner) = text.strip_suffix("(list)") {
        return format!("list({})", normalize(inner));
    }
    if let Some(inner) = text.strip_prefix("list(").or_else(|| text.strip_prefix("list ("))
        && let Some(inner) = inner.strip_suffix(')')
    {
        return format!("list({})", normalize(inner));
    }
    if let Some(inner) = text.strip_prefix("page(").and_then(|rest| rest.strip_suffix(')')) {
        return format!("page({})", normalize(inner));
    }
    let lower = text.to_lowercase();
    if PRIMITIVES.contains(&lower.as_str()) {
        return singular(&lower).to_owned();
    }
    text.to_owned()
}

/// A length limit found in a description.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProseLimits {
    /// Every maximum the text gives, in order.
    pub max: Vec<u32>,
    /// Every minimum the text gives, in order.
    pub min: Vec<u32>,
    /// Numbers next to "characters" (or "length") that read as neither: worth a warning.
    pub unknown: Vec<u32>,
}

/// Words before a number that make it a maximum or a minimum, whatever comes before them.
const MAX_BEFORE: &[&str] = &["maximum", "max", "most", "up", "limited", "limit"];
const MIN_BEFORE: &[&str] = &["minimum", "min", "least"];
/// Comparatives: "longer than 5" is a minimum and "cannot be longer than 5" a maximum;
/// "less than 50" a maximum and "cannot be less than 3" a minimum.
const GREATER_BEFORE: &[&str] = &["longer", "exceed", "exceeds", "exceeding", "more", "over", "greater"];
const SMALLER_BEFORE: &[&str] = &["shorter", "fewer", "less", "smaller"];
/// Words that turn a comparative around.
const NEGATIONS: &[&str] = &["not", "no", "cannot", "can't", "cant", "never", "mustn't", "shouldn't", "won't"];
/// Words after a number (and its "characters") that make it a maximum or a minimum.
const MAX_AFTER: &[&str] = &["max", "maximum", "less", "fewer", "most", "limit"];
const MIN_AFTER: &[&str] = &["min", "minimum", "more", "least"];

/// Reads every phrasing of a length limit the vendor's pages use: "the maximum number of
/// characters is 40", "cannot be longer than 255 characters", "maximum length: 100", "limited
/// to 100 characters", "100 characters max", "up to 64 chars", "at least 1 character". A
/// number next to "characters" that reads as none of them is kept in `unknown`.
pub fn prose_limits(description: &str) -> ProseLimits {
    let words: Vec<String> = description
        .to_lowercase()
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|word| !word.is_empty())
        .collect();
    let mut limits = ProseLimits::default();
    let is_chars = |w: &String| w.starts_with("character") || w == "chars" || w == "char";
    let mut skip_to = 0;
    for (at, word) in words.iter().enumerate() {
        if at < skip_to {
            continue;
        }
        // Ranges: "6–30 characters", "6-30 characters", "between 6 and 30 characters",
        // "from 6 to 30 characters".
        let near_chars_after = |from: usize| words[from..(from + 3).min(words.len())].iter().any(is_chars);
        if let Some((low, high)) = word.split_once(['–', '-', '—'])
            && let (Ok(low), Ok(high)) = (low.parse::<u32>(), high.parse::<u32>())
            && near_chars_after(at + 1)
        {
            limits.min.push(low);
            limits.max.push(high);
            continue;
        }
        if let (Ok(low), Some(joiner), Some(Ok(high))) =
            (word.parse::<u32>(), words.get(at + 1), words.get(at + 2).map(|w| w.parse::<u32>()))
            && matches!(joiner.as_str(), "and" | "to")
            && near_chars_after(at + 3)
        {
            limits.min.push(low);
            limits.max.push(high);
            skip_to = at + 3;
            continue;
        }
        let Ok(number) = word.parse::<u32>() else { continue };
        let near_chars = words[at.saturating_sub(5)..(at + 3).min(words.len())].iter().any(is_chars);
        let near_length = words[at.saturating_sub(3)..at].iter().any(|w| w == "length");
        if !near_chars && !near_length {
            continue;
        }
        // The nearest keyword before the number decides; else one just after it.
        let window = at.saturating_sub(6);
        let before = words[window..at].iter().enumerate().rev().find_map(|(offset, w)| {
            let negated =
                || words[window..window + offset].iter().rev().take(3).any(|n| NEGATIONS.contains(&n.as_str()));
            if MAX_BEFORE.contains(&w.as_str()) {
                Some(true)
            } else if MIN_BEFORE.contains(&w.as_str()) {
                Some(false)
            } else if GREATER_BEFORE.contains(&w.as_str()) {
                Some(negated())
            } else if SMALLER_BEFORE.contains(&w.as_str()) {
                Some(!negated())
            } else {
                None
            }
        });
        let after = || {
            words[at + 1..(at + 5).min(words.len())].iter().find_map(|w| {
                if MAX_AFTER.contains(&w.as_str()) {
                    Some(true)
                } else if MIN_AFTER.contains(&w.as_str()) {
                    Some(false)
                } else {
                    None
                }
            })
        };
        match before.or_else(after) {
            Some(true) => limits.max.push(number),
            Some(false) => limits.min.push(number),
            None => limits.unknown.push(number),
        }
    }
    limits
}

/// A numeric range a description gives: "between 1 and 100", "from 1 to 500", "1-100",
/// "maximum 100", "max: 100", "up to 100", "at most 100", "minimum 1", "at least 1", "(max
/// 100)". Only numbers right after their keyword count; lengths ("characters") are not ranges.
pub fn prose_range(description: &str) -> (Option<f64>, Option<f64>) {
    let words: Vec<String> = description
        .to_lowercase()
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|word| !word.is_empty())
        .collect();
    let number = |at: usize| words.get(at).and_then(|w| w.parse::<f64>().ok()).filter(|n| n.is_finite());
    let is_length = |at: usize| {
        words[at..(at + 3).min(words.len())].iter().any(|w| w.starts_with("character") || w == "chars" || w == "char")
    };
    let (mut min, mut max) = (None, None);
    for (at, word) in words.iter().enumerate() {
        match word.as_str() {
            "between" | "from" => {
                if let (Some(low), Some(joiner), Some(high)) = (number(at + 1), words.get(at + 2), number(at + 3))
                    && matches!(joiner.as_str(), "and" | "to")
                    && !is_length(at + 1)
                {
                    min = min.or(Some(low));
                    max = max.or(Some(high));
                }
            }
            "maximum" | "max" | "most" | "up" => {
                let next = if word == "up" && words.get(at + 1).is_some_and(|w| w == "to") { at + 2 } else { at + 1 };
                let next = if words.get(next).is_some_and(|w| w == "of" || w == "is") { next + 1 } else { next };
                if (word != "up" || next == at + 2 || next == at + 3) && !is_length(next) {
                    max = max.or(number(next));
                }
            }
            "minimum" | "min" | "least" => {
                let next = if words.get(at + 1).is_some_and(|w| w == "of" || w == "is") { at + 2 } else { at + 1 };
                if !is_length(next) {
                    min = min.or(number(next));
                }
            }
            _ => {}
        }
    }
    (min, max)
}

/// The default a description states: "Default is `10`", "Defaults to `view`", "(default:
/// 10)", "default value is 1".
pub fn prose_default(description: &str) -> Option<String> {
    let lower = description.to_lowercase();
    for phrase in ["default value is", "defaults to", "default is", "default:", "default", "by default,"] {
        let Some(at) = lower.find(phrase) else { continue };
        let rest = description[at + phrase.len()..].trim_start();
        let value = if let Some(inner) = rest.strip_prefix('`') {
            inner.split('`').next().unwrap_or("")
        } else {
            rest.split(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == ';')
                .next()
                .unwrap_or("")
                .trim_end_matches('.')
        };
        if !value.is_empty() && value.len() <= 40 {
            return Some(value.to_owned());
        }
    }
    None
}

/// The schema type an example value suggests (`None` for `null`, lists and objects).
pub fn scalar_type(value: &Json) -> Option<&'static str> {
    match value {
        Json::Bool(_) => Some("boolean"),
        Json::Number(text) if text.contains(['.', 'e', 'E']) => Some("number"),
        Json::Number(_) => Some("integer"),
        Json::String(text) if is_datetime(text) => Some("datetime"),
        Json::String(text) if is_date(text) => Some("date"),
        Json::String(text) if is_decimal(text) => Some("decimal"),
        Json::String(_) => Some("string"),
        Json::Null | Json::Array(_) | Json::Object(_) => None,
    }
}

/// Whether an example value can be of a (normalized) schema type; `null` fits any.
pub fn fits(ty: &str, value: &Json) -> bool {
    match (normalize(ty).as_str(), value) {
        (_, Json::Null) | ("json", _) => true,
        ("string", Json::String(_)) | ("boolean", Json::Bool(_)) => true,
        ("integer" | "timestamp", Json::Number(text)) => !text.contains(['.', 'e', 'E']),
        ("number", Json::Number(_)) | ("decimal", Json::Number(_) | Json::String(_)) => true,
        ("datetime", Json::String(text)) => is_datetime(text),
        ("date", Json::String(text)) => is_date(text),
        (list, Json::Array(items)) if list.starts_with("list(") => {
            let inner = list.strip_prefix("list(").and_then(|rest| rest.strip_suffix(')')).unwrap_or("json");
            items.iter().all(|item| fits(inner, item))
        }
        (other, Json::Object(_)) => !PRIMITIVES.contains(&other) && !other.starts_with("list("),
        _ => false,
    }
}

fn digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

/// `2017-06-14`.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3 && digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2)
}

/// `2017-06-14T07:29:06.976662Z` or with an offset.
fn is_datetime(text: &str) -> bool {
    let Some((date, time)) = text.split_once('T') else { return false };
    if !is_date(date) || time.len() < 8 {
        return false;
    }
    let (clock, zone) = time.split_at(8);
    let clock_ok = clock.split(':').count() == 3 && clock.split(':').all(|part| digits(part, 2));
    let zone = zone.strip_prefix('.').map_or(zone, |rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()));
    let zone_ok = zone == "Z" || (zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')));
    clock_ok && zone_ok
}

/// `1250.00`: a decimal sent as a string.
fn is_decimal(text: &str) -> bool {
    let text = text.strip_prefix('-').unwrap_or(text);
    text.split_once('.').is_some_and(|(whole, fraction)| {
        !whole.is_empty()
            && !fraction.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(spelling: &str) -> Option<(String, bool)> {
        map_type(spelling).map(|mapped| (mapped.ty, mapped.changed))
    }

    #[test]
    fn the_docs_type_spellings() {
        let same = |ty: &str| Some((ty.to_owned(), false));
        let changed = |ty: &str| Some((ty.to_owned(), true));
        assert_eq!(mapped("string"), same("string"));
        assert_eq!(mapped("list(strings)"), same("list(strings)"));
        assert_eq!(mapped("list(string)"), same("list(string)"));
        assert_eq!(mapped("list(integers)"), same("list(integers)"));
        assert_eq!(mapped("integer(list)"), same("integer(list)"));
        assert_eq!(mapped("string(list)"), same("string(list)"));
        assert_eq!(mapped("timestamp"), same("timestamp"));
        assert_eq!(mapped("JSON"), changed("json"));
        assert_eq!(mapped("String"), changed("string"));
        assert_eq!(mapped("string(email)"), changed("string"));
        assert_eq!(mapped("ISO 4217 code"), changed("string"));
        assert_eq!(mapped("various types"), changed("json"));
        assert_eq!(mapped("depending on the attribute type"), changed("json"));
        assert_eq!(mapped("list"), changed("list(json)"));
        assert_eq!(mapped("float"), changed("number"));
        assert_eq!(mapped("list(float)"), changed("list(number)"));
        assert_eq!(mapped("string[]"), changed("list(string)"));
        assert_eq!(mapped("colour"), None);
        assert_eq!(mapped("list(colour)"), None);
        assert_eq!(mapped("User"), None);
    }

    #[test]
    fn normalized_spellings_compare_equal() {
        for spelling in ["list(strings)", "list(string)", "string(list)", "list (String)", "strings(list)"] {
            assert_eq!(normalize(spelling), "list(string)", "{spelling}");
        }
        assert_eq!(normalize("page(Deal)"), "page(Deal)");
        assert_eq!(normalize("JSON"), "json");
        assert_eq!(normalize("DealStatus"), "DealStatus");
    }

    #[test]
    fn limits_written_in_prose() {
        let limits = |text: &str| prose_limits(text);
        assert_eq!(
            limits("A first name for a user (the maximum number of characters is 40)."),
            ProseLimits { max: vec![40], min: vec![], unknown: vec![] }
        );
        assert_eq!(
            limits(
                "The name of your attribute. Has to be at least 1 character, and cannot be longer than 255 characters."
            ),
            ProseLimits { max: vec![255], min: vec![1], unknown: vec![] }
        );
        assert_eq!(limits("Up to 64 chars."), ProseLimits { max: vec![64], min: vec![], unknown: vec![] });
        assert_eq!(limits("A status (0 - abandoned, 1 - in progress)."), ProseLimits::default());
        assert_eq!(limits("Returns up to 100 results per page."), ProseLimits::default());
        assert_eq!(
            limits("A user (12 random characters) key."),
            ProseLimits { unknown: vec![12], ..ProseLimits::default() }
        );
        let max = |n: u32| ProseLimits { max: vec![n], ..ProseLimits::default() };
        assert_eq!(limits("A name (maximum length: 100)."), max(100));
        assert_eq!(limits("A name, limited to 100 characters."), max(100));
        assert_eq!(limits("A name (100 characters max)."), max(100));
        assert_eq!(limits("A name, the maximum number of characters is 40."), max(40));
        assert_eq!(limits("A name. It cannot be longer than 255 characters."), max(255));
        assert_eq!(limits("A name of 100 characters or less."), max(100));
        assert_eq!(limits("A name of 3 characters or more."), ProseLimits { min: vec![3], ..ProseLimits::default() });
        let range = |min: u32, max: u32| ProseLimits { min: vec![min], max: vec![max], ..ProseLimits::default() };
        assert_eq!(limits("Must be 6–30 characters long."), range(6, 30));
        assert_eq!(limits("Must be 6-30 characters long."), range(6, 30));
        assert_eq!(limits("A password between 6 and 30 characters."), range(6, 30));
        assert_eq!(limits("From 2 to 40 characters."), range(2, 40));
        assert_eq!(limits("Must be less than or equal to 50 characters."), max(50));
        assert_eq!(limits("Cannot be less than 3 characters."), ProseLimits { min: vec![3], ..ProseLimits::default() });
        assert_eq!(limits("Must be longer than 3 characters."), ProseLimits { min: vec![3], ..ProseLimits::default() });
        assert_eq!(limits("Must not exceed 140 characters."), max(140));
        assert_eq!(limits("Up to 255 chars."), max(255));
    }

    #[test]
    fn numeric_ranges_and_defaults_in_prose() {
        assert_eq!(prose_range("Items per page, between 1 and 100."), (Some(1.0), Some(100.0)));
        assert_eq!(prose_range("From 1 to 500 seats"), (Some(1.0), Some(500.0)));
        assert_eq!(prose_range("Maximum number of items to return (max 100)."), (None, Some(100.0)));
        assert_eq!(prose_range("Up to 50 results; at least 1."), (Some(1.0), Some(50.0)));
        assert_eq!(prose_range("Up to 50 characters."), (None, None));
        assert_eq!(prose_range("The maximum number of orders."), (None, None));
        assert_eq!(prose_default("Current page of the collection. Default is `1`."), Some("1".to_owned()));
        assert_eq!(prose_default("Options: `view` and `edit`. Defaults to `view`."), Some("view".to_owned()));
        assert_eq!(prose_default("Sort order (default: asc)"), Some("asc".to_owned()));
        assert_eq!(prose_default("The name."), None);
    }

    #[test]
    fn types_from_example_values() {
        let ty = |value: Json| scalar_type(&value);
        assert_eq!(ty(Json::Bool(true)), Some("boolean"));
        assert_eq!(ty(Json::Number("19678376".into())), Some("integer"));
        assert_eq!(ty(Json::Number("1.5".into())), Some("number"));
        assert_eq!(ty(Json::String("2017-06-14T07:29:06.976662Z".into())), Some("datetime"));
        assert_eq!(ty(Json::String("2017-06-14T07:29:06+02:00".into())), Some("datetime"));
        assert_eq!(ty(Json::String("2017-06-14".into())), Some("date"));
        assert_eq!(ty(Json::String("1250.00".into())), Some("decimal"));
        assert_eq!(ty(Json::String("visitor".into())), Some("string"));
        assert_eq!(ty(Json::Null), None);
        assert!(fits("list(strings)", &Json::Array(vec![Json::String("a".into())])));
        assert!(fits("datetime", &Json::Null));
        assert!(!fits("datetime", &Json::Number("1426967129".into())));
        assert!(fits("timestamp", &Json::Number("1426967129".into())));
        assert!(!fits("integer", &Json::String("10".into())));
    }
}
