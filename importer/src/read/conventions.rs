//! A vendor's conventions as data: the words its pages use for table columns, for the sections
//! that hold each parameter location, for required and optional, and for types, plus what no
//! page says (the API's name, base URL and auth). Defaults cover the common layouts; a settings
//! file (`--settings FILE`, YAML, unknown keys refused) adds a vendor's own words, so starting a
//! new vendor needs no Rust change.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::doc::Location;

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The parameter's name.
    Name,
    /// Its type.
    Type,
    /// Whether it is required (yes means required).
    Required,
    /// A column that says "optional" (yes means not required).
    Optional,
    /// Its default value.
    Default,
    /// Its description.
    Description,
    /// An example value.
    Example,
    /// The values it may take.
    Allowed,
    /// Where it goes (path, query, body, header).
    Location,
}

/// The settings file of one vendor. Every key is optional; lists add to the defaults.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The API's name (default: the pages' first title, or the folder's name).
    pub name: Option<String>,
    /// The base URL (default: the scheme and host of the request lines' full URLs).
    pub base_url: Option<String>,
    /// How requests authenticate (default: what the examples' headers show).
    pub auth: Option<AuthSettings>,
    /// More header words per column: `{ name: [Champ], type: [Typ] }`.
    #[serde(default)]
    pub columns: BTreeMap<Column, Vec<String>>,
    /// More heading words per location: `{ query: [Filters], body: [Payload] }`.
    #[serde(default)]
    pub sections: BTreeMap<SectionLocation, Vec<String>>,
    /// The vendor's type names and the schema type each means: `Int: integer`,
    /// `Array of strings: list(string)`.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// More words that mark a row required (in a required column or in a cell).
    #[serde(default)]
    pub required_words: Vec<String>,
    /// More words that mark a row optional.
    #[serde(default)]
    pub optional_words: Vec<String>,
    /// Whether a bold name (`**title**`) marks a required row, as the vendor's legend says.
    #[serde(default)]
    pub bold_means_required: bool,
    /// Whether the vendor writes a `POST`, `PUT` or `PATCH`'s body parameters under a "Query
    /// parameters" heading (its examples send them as the body).
    #[serde(default)]
    pub query_heading_on_writes_is_body: bool,
}

/// How requests authenticate, when the pages do not say it in a way the reader understands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// The header that carries the key, such as `Authorization`.
    pub header: String,
    /// The word before the key in that header, such as `Bearer`; none when the header holds the
    /// key alone (`api-key: <key>`).
    #[serde(default)]
    pub scheme: Option<String>,
    /// What the key is, for the generated `Client::new` docs.
    pub description: Option<String>,
}

/// The locations a heading can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionLocation {
    /// Path parameters.
    Path,
    /// Query parameters.
    Query,
    /// Body parameters.
    Body,
    /// Header parameters.
    Header,
    /// Fields of the response.
    Response,
    /// Sections of parameters that do not say where they go: the method decides.
    Params,
    /// Sections that hold no parameters (status codes, errors): their tables are noted, not read.
    Ignore,
}

impl SectionLocation {
    /// The location the section's rows go to, if it names one.
    pub fn location(self) -> Option<Location> {
        match self {
            SectionLocation::Path => Some(Location::Path),
            SectionLocation::Query => Some(Location::Query),
            SectionLocation::Body => Some(Location::Body),
            SectionLocation::Header => Some(Location::Header),
            SectionLocation::Response => Some(Location::Response),
            SectionLocation::Params | SectionLocation::Ignore => None,
        }
    }
}

/// Header words per column, lower case, compared after marks (`**`, `*`, `?`, `:`) are removed.
const COLUMNS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "parameter",
            "parameters",
            "param",
            "params",
            "name",
            "field",
            "fields",
            "field name",
            "attribute",
            "attributes",
            "argument",
            "arguments",
            "key",
            "property",
            "properties",
            "available parameters",
            "parameter name",
            "query parameter",
            "query parameters",
            "body parameter",
            "url parameter",
            "path parameter",
            "header",
            "header name",
        ],
    ),
    (Column::Type, &["type", "data type", "datatype", "type/value", "value type", "format", "kind"]),
    (Column::Required, &["required", "mandatory", "presence", "req", "is required", "required/optional"]),
    (Column::Optional, &["optional"]),
    (Column::Default, &["default", "default value"]),
    (
        Column::Description,
        &["description", "meaning", "details", "notes", "comment", "comments", "info", "restrictions"],
    ),
    (Column::Example, &["example", "examples", "sample value", "sample", "example value"]),
    (Column::Allowed, &["allowed values", "possible values", "values", "accepted values", "enum", "options"]),
    (Column::Location, &["in", "path/query", "location", "param type", "parameter type", "where"]),
];

/// Heading and caption words per location, lower case; the first that a heading contains wins,
/// in this order (so "Query parameters" is query before "parameters" is anything).
const SECTIONS: &[(SectionLocation, &[&str])] = &[
    (SectionLocation::Ignore, &["status code", "error code", "errors", "http status", "status and error"]),
    (SectionLocation::Header, &["header"]),
    (SectionLocation::Query, &["query", "filter", "querystring", "search parameters"]),
    (SectionLocation::Path, &["url parameter", "path parameter", "uri parameter", "route parameter", "path"]),
    (SectionLocation::Response, &["response", "returns", "return value", "resource", "object"]),
    (SectionLocation::Body, &["body", "payload", "form", "json parameters", "post parameters", "post data"]),
    // Words that name parameters without a location: where the method sends them (the query
    // of a GET or DELETE, the body otherwise).
    (
        SectionLocation::Params,
        &["parameters", "parameter", "arguments", "attributes", "request", "properties", "fields", "options"],
    ),
];

/// Words that say a row is required, in a required column or as a marker in a cell.
const REQUIRED_WORDS: &[&str] = &["yes", "y", "true", "required", "mandatory", "✓", "✔", "x", "*", "always"];
const OPTIONAL_WORDS: &[&str] = &["no", "n", "false", "optional", "-", "–", "conditional", "conditionally", "no*"];

impl Settings {
    /// Reads a settings file.
    pub fn parse(text: &str, label: &str) -> Result<Settings, String> {
        serde_yaml::from_str(text).map_err(|error| match error.location() {
            Some(at) => format!("{label}:{}:{}: {error}", at.line(), at.column()),
            None => format!("{label}: {error}"),
        })
    }

    /// The column a header cell names, if any.
    pub fn column(&self, header: &str) -> Option<Column> {
        let word = plain_word(header);
        if word.is_empty() {
            return None;
        }
        let own = self.columns.iter().find(|(_, words)| words.iter().any(|w| plain_word(w) == word));
        if let Some((column, _)) = own {
            return Some(*column);
        }
        COLUMNS.iter().find(|(_, words)| words.contains(&word.as_str())).map(|(column, _)| *column)
    }

    /// The location a heading (or a caption before a table) names, if any.
    pub fn section(&self, heading: &str) -> Option<SectionLocation> {
        let text = plain_word(heading);
        for (location, words) in &self.sections {
            if words.iter().any(|w| text.contains(&plain_word(w))) {
                return Some(*location);
            }
        }
        SECTIONS.iter().find(|(_, words)| words.iter().any(|w| text.contains(w))).map(|(location, _)| *location)
    }

    /// Whether a required cell (or a marker word) says required: `Some(true)`, `Some(false)`, or
    /// `None` when it says neither.
    pub fn required_word(&self, cell: &str) -> Option<bool> {
        let word = plain_word(cell);
        let word = word.trim_matches(|c: char| c == '(' || c == ')' || c == '.');
        if word.is_empty() {
            return None;
        }
        let first = word.split([' ', ',', ';']).next().unwrap_or("");
        // "true for ManualRun", "yes if no email is given": required only in some cases.
        let second = word.split_whitespace().nth(1).unwrap_or("");
        if matches!(second, "if" | "for" | "when" | "only") && self.required_word(first) == Some(true) {
            return Some(false);
        }
        for candidate in [word, first] {
            if self.required_words.iter().any(|w| plain_word(w) == candidate) || REQUIRED_WORDS.contains(&candidate) {
                return Some(true);
            }
            if self.optional_words.iter().any(|w| plain_word(w) == candidate) || OPTIONAL_WORDS.contains(&candidate) {
                return Some(false);
            }
        }
        None
    }

    /// `Required attributes` and `Optional parameters`: the flag a section's rows have when
    /// they do not say.
    pub fn section_required(&self, heading: &str) -> Option<bool> {
        let words = plain_word(heading);
        let words: Vec<&str> = words.split_whitespace().collect();
        if words.iter().any(|w| *w == "required" || *w == "mandatory") {
            Some(true)
        } else if words.contains(&"optional") {
            Some(false)
        } else {
            None
        }
    }

    /// The schema type for a vendor's own type name, if the settings give one.
    pub fn own_type(&self, spelling: &str) -> Option<&str> {
        let word = plain_word(spelling);
        self.types.iter().find(|(name, _)| plain_word(name) == word).map(|(_, ty)| ty.as_str())
    }
}

/// A header or heading cell compared as a word: lower case, marks and surrounding punctuation
/// removed, inner whitespace collapsed.
pub fn plain_word(text: &str) -> String {
    let text = text.replace("**", "").replace(['`', '_'], " ");
    let text = text.trim().trim_matches(|c: char| c == '*' || c == '?' || c == ':' || c == '.').trim();
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_sections_by_their_common_words() {
        let settings = Settings::default();
        assert_eq!(settings.column("**Parameter**"), Some(Column::Name));
        assert_eq!(settings.column("Parameters*"), Some(Column::Name));
        assert_eq!(settings.column("Required?"), Some(Column::Required));
        assert_eq!(settings.column("Data type"), Some(Column::Type));
        assert_eq!(settings.column("Non-null?"), None);
        assert_eq!(settings.section("Query Parameters"), Some(SectionLocation::Query));
        assert_eq!(settings.section("URL Parameters"), Some(SectionLocation::Path));
        assert_eq!(settings.section("Request parameters - receive-only User"), Some(SectionLocation::Params));
        assert_eq!(settings.section("Request Body"), Some(SectionLocation::Body));
        assert_eq!(settings.section("HTTP status and error codes"), Some(SectionLocation::Ignore));
        assert_eq!(settings.section("Response fields"), Some(SectionLocation::Response));
        assert_eq!(settings.required_word("**Yes**"), Some(true));
        assert_eq!(settings.required_word("(optional)"), Some(false));
        assert_eq!(settings.required_word("maybe"), None);
        assert_eq!(settings.required_word("true for ManualRun (unless using PAT)"), Some(false));
        assert_eq!(settings.required_word("true (unless using PAT)"), Some(true));
    }

    #[test]
    fn a_vendors_own_words_come_first() {
        let settings = Settings::parse(
            "columns: { name: [Champ], required: [Obligatoire] }\nsections: { query: [Filtres] }\ntypes: { Int: integer }\nrequired_words: [oui]\n",
            "fr.yaml",
        )
        .unwrap();
        assert_eq!(settings.column("Champ"), Some(Column::Name));
        assert_eq!(settings.column("Obligatoire"), Some(Column::Required));
        assert_eq!(settings.section("Filtres"), Some(SectionLocation::Query));
        assert_eq!(settings.required_word("Oui"), Some(true));
        assert_eq!(settings.own_type("int"), Some("integer"));
        let error = Settings::parse("colums: {}\n", "fr.yaml").unwrap_err();
        assert!(error.starts_with("fr.yaml:1:1: unknown field `colums`"), "{error}");
    }
}
