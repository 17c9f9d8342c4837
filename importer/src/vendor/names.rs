//! The names an imported vendor's schema gets: endpoint names from titles (or method and path),
//! file paths from page files, model names from resource headings, each made unique and kept
//! clear of the names the generated code takes for itself.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::doc::Endpoint;

use super::urls::path_of;

/// Names the generated code takes for itself, so endpoints and models avoid them.
pub(crate) const TAKEN_METHODS: &[&str] = &[
    "new",
    "builder",
    "with_base_url",
    "with_config",
    "start",
    "client",
    "base_url",
    "server",
    "clone",
    "fmt",
    "into",
    "from",
    "eq",
    "ne",
    "hash",
    "default",
    "to_owned",
    "to_string",
    "try_into",
    "try_from",
    "borrow",
    "deref",
    "next",
    "drop",
    "type_id",
    "serialize",
    "deserialize",
    "clone_from",
    "as_ref",
    "pairs",
];

pub(crate) const TAKEN_TYPES: &[&str] = &[
    "Client",
    "Endpoints",
    "DateTime",
    "BlockingClient",
    "MockServer",
    "ApiKey",
    "BlockingPaginator",
    "ClientBuilder",
    "Config",
    "Core",
    "Date",
    "DateTimeMicros",
    "Decimal",
    "DecodeError",
    "Error",
    "Lookup",
    "Map",
    "Method",
    "Page",
    "Paginator",
    "Patch",
    "Query",
    "StatusError",
    "UnixTime",
    "Value",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Clone",
    "Default",
    "Iterator",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
    "Hash",
    "Extend",
    "IntoIterator",
    "AsRef",
    "AsMut",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Unpin",
];

/// The schema file for a page file: `source/includes/_customers.md` -> `customers.yaml`,
/// `source/includes/accounting/_bills.md` -> `accounting/bills.yaml`.
pub(crate) fn module_path(file: &str) -> String {
    let file = file.strip_prefix("source/").unwrap_or(file);
    let file = file.strip_prefix("includes/").unwrap_or(file);
    let file = file.trim_end_matches(".md").trim_end_matches(".markdown").trim_end_matches(".html");
    let parts: Vec<String> = file
        .split('/')
        .map(|part| {
            let snake = part.trim_start_matches('_').to_snake_case();
            let snake: String = snake.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let snake = if snake.is_empty() { "page".to_owned() } else { snake };
            let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("n{snake}") } else { snake };
            match snake.as_str() {
                "blocking_client" | "mock_server" | "api" | "mod" | "lib" | "main" | "self" | "super" | "crate" => {
                    format!("{snake}_page")
                }
                _ if is_keyword(&snake) => format!("{snake}_page"),
                _ => snake,
            }
        })
        .collect();
    format!("{}.yaml", parts.join("/"))
}

pub(crate) fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// A snake_case name from the endpoint's title, or its method and path.
pub(crate) fn endpoint_name(endpoint: &Endpoint) -> String {
    let title = ascii_words(&endpoint.title.value).to_snake_case();
    if !title.is_empty() && title.len() <= 60 && !title.starts_with(|c: char| c.is_ascii_digit()) {
        return title;
    }
    let path = path_of(&endpoint.url.value);
    let words: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && !s.starts_with([':', '{', '<'])).collect();
    let name = format!("{} {}", endpoint.method.value.to_lowercase(), words.join(" ")).to_snake_case();
    let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) { format!("n{name}") } else { name }
}

pub(crate) fn ascii_words(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// `name`, or `name_2`, `name_3`... when taken; names the generated code reserves get `_endpoint`.
pub(crate) fn unique(
    name: &str,
    taken: &mut BTreeSet<String>,
    next: &mut BTreeMap<String, usize>,
    reserved: &[&str],
) -> String {
    let base = if name.is_empty() { "endpoint".to_owned() } else { name.to_owned() };
    let base = if reserved.contains(&base.as_str()) || is_keyword(&base) { format!("{base}_endpoint") } else { base };
    let mut candidate = base.clone();
    // Counters per base name, so a page with many endpoints of one title stays linear.
    let counter = next.entry(base.clone()).or_insert(2);
    // `<name>_all` is the paginated twin of an endpoint: keep those free too.
    while taken.contains(&candidate) || taken.contains(&format!("{candidate}_all")) {
        candidate = format!("{base}_{counter}");
        *counter += 1;
    }
    taken.insert(candidate.clone());
    taken.insert(format!("{candidate}_all"));
    candidate
}

pub(crate) fn unique_plain(name: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = name.to_owned();
    let mut counter = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}_{counter}");
        counter += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// `Coupon properties`, `Customer resource`, `The order object`: the resource's model name.
pub(crate) fn resource_model_name(heading: &str) -> Option<String> {
    const NOISE: &[&str] = &[
        "the",
        "a",
        "an",
        "properties",
        "property",
        "resource",
        "resources",
        "object",
        "objects",
        "attributes",
        "attribute",
        "fields",
        "field",
        "model",
        "schema",
        "representation",
        "json",
        "structure",
        "data",
        "of",
    ];
    let words: Vec<String> = ascii_words(heading)
        .split_whitespace()
        .filter(|word| !NOISE.contains(&word.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let name = words.join(" ").to_upper_camel_case();
    (!name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
}
