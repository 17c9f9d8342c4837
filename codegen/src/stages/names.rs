//! Rust names from wire names: the only user of heck, and the one place that knows every name the
//! generated code takes for itself. Cases, keywords, characters outside identifiers and reserved
//! names are handled here; collisions between schema names are checked by `lower` with these lists.
//!
//! The rules (documented in `schema/README.md`):
//! - a name made from a wire name keeps only ASCII letters and digits, every other character
//!   being a word break (`x²` -> `x`, `٣abc` -> `abc`); a name left with nothing is an error;
//! - a name holding a control or bidirectional-override character is an error;
//! - keywords and the methods of common traits get a trailing `_` (`type_`, `clone_`);
//! - a leading digit gets an `n_` (`N` for types) prefix;
//! - a name that takes what the generated code has for its role is a located error; [`taken`]
//!   alone decides it, for every role ([`Role`]: types, endpoint methods, fields of each kind,
//!   parameters, client arguments, modules, variants), besides the names made from other names
//!   (`<endpoint>_all`, `clear_<field>`), which `lower` compares across the schema.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be plain identifiers in Rust 2024 (strict and reserved keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated root defines or re-exports (`Client`, `Endpoints`, `DateTime`, `BlockingClient`,
/// `MockServer`), the runtime types a crate that holds the client re-exports next to them (as
/// `usercom` does, so a model of that name would be silently hidden), and Rust's prelude types
/// and traits (a model named `Option` or `Clone` would shadow them for every `use crate::*`).
const RESERVED_TYPE_NAMES: &[&str] = &[
    // The generated root.
    "BlockingClient",
    "Client",
    "DateTime",
    "Endpoints",
    "MockServer",
    // The runtime, as re-exported by the crate that holds the client.
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
    // Rust's prelude.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Methods of `Client`, `BlockingClient` and `MockServer` that are not endpoints; an endpoint
/// of that name is an error. Each paginated endpoint also takes `<name>_all`.
const CLIENT_METHODS: &[&str] =
    &["base_url", "builder", "client", "new", "server", "start", "with_base_url", "with_config"];

/// Methods of the traits (std's and serde's) that the generated types implement (`Debug`,
/// `Clone`, `PartialEq`, `Default`, `Hash`, serde's), that every type has (`Into`, `ToOwned`,
/// `Borrow`, `Any`), or that a caller commonly calls (`to_string`, `as_ref`, `next`): an inherent method of that name would shadow the trait's (`client.clone()`
/// would send a request; `pairs` is the mock's `MockQuery`). Fields and setters of these names get a trailing `_`; endpoints of
/// these names are errors.
const TRAIT_METHODS: &[&str] = &[
    "as_mut",
    "as_ref",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "default",
    "deref",
    "deref_mut",
    "deserialize",
    "drop",
    "eq",
    "extend",
    "fmt",
    "from",
    "from_iter",
    "from_str",
    "hash",
    "into",
    "into_iter",
    "ne",
    "next",
    "pairs",
    "serialize",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// What every request type has besides its fields' setters (`clear_<field>` is taken by each
/// optional nullable field, and compared across the table by `lower`).
const REQUEST_METHODS: &[&str] = &["new", "validate", "custom_attribute"];

/// What every query type has besides its parameters' setters.
const QUERY_METHODS: &[&str] = &["new", "to_query", "filter"];

/// What every model has besides its fields: `custom_attributes()` (of models with custom
/// attributes, a method that an aliased field's accessor would take), and `extra` below.
const MODEL_METHODS: &[&str] = &["extra", "custom_attributes"];

/// Parameters and locals of a generated endpoint method, which a path parameter cannot be named.
const ENDPOINT_LOCALS: &[&str] = &["body", "query", "self_"];

/// The arguments of `Client::new`, `builder`, `with_base_url` and `with_config` besides base URL
/// placeholders and client headers.
const CLIENT_ARGUMENTS: &[&str] = &["api_key", "base_url", "config"];

/// The generated root's own modules (`BlockingClient`, `MockServer`), which a top-level schema
/// file or folder cannot be named.
const ROOT_MODULES: &[&str] = &[BLOCKING_MODULE, MOCK_MODULE];

/// What a generated name is for. Each role is a namespace of its own, with the names the
/// generated code already takes there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A type of the generated modules: a model, an enum, a request or query type.
    Type,
    /// A method of `Client` named after an endpoint.
    EndpointMethod,
    /// A field of a request body (its setter has the name too).
    RequestField,
    /// A field of a model that request bodies send, which gets `new()` and setters;
    /// `custom_attributes` when the model has a custom attribute map.
    RequestModelField {
        /// Whether the model has custom attributes (and so a `custom_attributes` method).
        custom_attributes: bool,
    },
    /// A query parameter (its setter has the name too).
    QueryParam,
    /// A field of a model; `accessor` when it has aliases, which gives it a method too.
    ModelField {
        /// Whether the field gets an accessor method of its name.
        accessor: bool,
    },
    /// A path parameter: a parameter of the generated endpoint method.
    PathParam,
    /// An argument of `Client::new` (a base URL placeholder or a client header).
    ClientArgument,
    /// A module of the generated tree, made from a schema file or folder; `top_level` below the
    /// generated root.
    Module {
        /// Whether the module sits right below the generated root.
        top_level: bool,
    },
    /// A variant of a generated enum.
    Variant,
}

/// What already has a name in its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// A type that the generated root defines or re-exports, of the runtime, or of the prelude.
    GeneratedType,
    /// A method of a trait the generated types implement or that callers commonly call.
    TraitMethod,
    /// A method of `Client`, `BlockingClient` or `MockServer` that is not an endpoint.
    ClientMethod,
    /// A method every request type has (`new`, `validate`, `custom_attribute`).
    RequestMethod,
    /// `custom_attributes`, the map of custom attributes of every request.
    AttributeMap,
    /// `new()` or `custom_attributes()` of a model that request bodies send.
    RequestModelMethod,
    /// A method every query type has.
    QueryMethod,
    /// `filters`, the field of a query's `filter` lookups.
    LookupField,
    /// A method every model has (for an aliased field's accessor).
    ModelMethod,
    /// `extra`, the map of unknown keys of every model.
    UnknownKeys,
    /// A parameter or local of the generated endpoint method.
    EndpointLocal,
    /// An argument `Client::new` always has.
    ClientArgument,
    /// A module of the generated root (`blocking_client`, `mock_server`).
    RootModule,
    /// Not a name rustc takes for a module.
    NotAModule,
    /// The variant that keeps unknown values.
    UnknownVariant,
    /// `Self`.
    SelfType,
}

/// Whether `name`, made for `role`, is free: `None`, or what already has it. The one place
/// that decides it; each role's list is above.
pub fn taken(role: Role, name: &str) -> Option<Taken> {
    let among = |list: &[&str]| list.contains(&name);
    match role {
        Role::Type => among(RESERVED_TYPE_NAMES).then_some(Taken::GeneratedType),
        Role::EndpointMethod if among(TRAIT_METHODS) => Some(Taken::TraitMethod),
        Role::EndpointMethod => among(CLIENT_METHODS).then_some(Taken::ClientMethod),
        Role::RequestField if among(REQUEST_METHODS) => Some(Taken::RequestMethod),
        Role::RequestField => (name == "custom_attributes").then_some(Taken::AttributeMap),
        Role::RequestModelField { custom_attributes } => {
            (name == "new" || (custom_attributes && name == "custom_attributes")).then_some(Taken::RequestModelMethod)
        }
        Role::QueryParam if among(QUERY_METHODS) => Some(Taken::QueryMethod),
        Role::QueryParam => (name == "filters").then_some(Taken::LookupField),
        Role::ModelField { accessor: true } if among(MODEL_METHODS) => Some(Taken::ModelMethod),
        Role::ModelField { .. } => (name == "extra").then_some(Taken::UnknownKeys),
        Role::PathParam => among(ENDPOINT_LOCALS).then_some(Taken::EndpointLocal),
        Role::ClientArgument => among(CLIENT_ARGUMENTS).then_some(Taken::ClientArgument),
        Role::Module { .. } if name == "mod" || name == "models_" => Some(Taken::NotAModule),
        Role::Module { top_level } => (top_level && among(ROOT_MODULES)).then_some(Taken::RootModule),
        Role::Variant if name == UNRECOGNIZED_VARIANT => Some(Taken::UnknownVariant),
        Role::Variant => (name == "Self").then_some(Taken::SelfType),
    }
}

/// The module of `BlockingClient` (the runtime's `blocking` feature), next to the root.
pub const BLOCKING_MODULE: &str = "blocking_client";

/// The module of `MockServer` (the runtime's `mock` feature), next to the root.
pub const MOCK_MODULE: &str = "mock_server";

/// The enum variant that keeps values the schema does not list.
pub const UNRECOGNIZED_VARIANT: &str = "Unrecognized";

/// Why a name cannot become an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Nothing usable is left after dropping punctuation and non-ASCII characters.
    Empty,
    /// A type name that the generated code already uses.
    Reserved(String),
    /// A control or bidirectional-override character.
    Invisible(char),
}

/// A snake_case identifier for a field, parameter or method, such as `first_name` for
/// `first-name` or `type_` for `type`.
pub fn snake_ident(wire: &str) -> Result<String, NameError> {
    let snake = ascii_words(wire)?.to_snake_case();
    if snake.is_empty() {
        return Err(NameError::Empty);
    }
    checked(legalize(snake))
}

/// A snake_case identifier for a member of a generated type (a field, setter or accessor):
/// as [`snake_ident`], and a trait method's name (`clone`, `fmt`, `eq`, ...) gets a trailing
/// `_` so that the trait's method stays reachable.
pub fn member_ident(wire: &str) -> Result<String, NameError> {
    snake_ident(wire).map(avoid_trait_methods)
}

/// A trailing `_` on a trait method's name (`clone_`), other names as they are.
pub fn avoid_trait_methods(name: String) -> String {
    if TRAIT_METHODS.contains(&name.as_str()) { format!("{name}_") } else { name }
}

/// Whether a schema name is already written in snake_case (keywords included), in ASCII.
pub fn is_snake_case(name: &str) -> bool {
    name.is_ascii() && name.to_snake_case() == name
}

/// Whether a hand-chosen name can be used as it is: ASCII snake_case, a valid identifier, no
/// keyword.
pub fn is_plain_snake_ident(name: &str) -> bool {
    is_snake_case(name)
        && !KEYWORDS.contains(&name)
        && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name != "_"
        && syn::parse_str::<syn::Ident>(name).is_ok()
}

/// A PascalCase identifier for a type, such as `UpdateUserRequest` for `update_user` + `Request`.
pub fn type_ident(name: &str) -> Result<String, NameError> {
    let camel = ascii_words(name)?.to_upper_camel_case();
    if camel.is_empty() {
        return Err(NameError::Empty);
    }
    if taken(Role::Type, &camel).is_some() {
        return Err(NameError::Reserved(camel));
    }
    // `Self` is the one keyword that survives camel-casing; it is reserved above.
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        return checked(format!("N{camel}"));
    }
    checked(camel)
}

/// The name of the request body type of an endpoint.
pub fn request_type_ident(endpoint_method: &str) -> Result<String, NameError> {
    type_ident(&format!("{endpoint_method}_request"))
}

/// The name of the query type of an endpoint.
pub fn query_type_ident(endpoint_method: &str) -> Result<String, NameError> {
    type_ident(&format!("{endpoint_method}_query"))
}

/// The name of the method that follows every page of a paginated endpoint.
pub fn all_pages_method(endpoint_method: &str) -> String {
    format!("{endpoint_method}_all")
}

/// The name of the setter that sends a request field as `null`.
pub fn clear_method(field: &str) -> String {
    format!("clear_{}", field.trim_matches('_'))
}

/// The first character of a schema-chosen name (endpoint, model, file) that is not ASCII.
pub fn first_non_ascii(name: &str) -> Option<char> {
    name.chars().find(|c| !c.is_ascii())
}

/// The wire name with every character that is not an ASCII letter or digit turned into a word
/// break, refusing control and bidirectional-override characters.
fn ascii_words(wire: &str) -> Result<String, NameError> {
    if let Some(c) = wire.chars().find(|&c| c.is_control() || is_bidi_control(c)) {
        return Err(NameError::Invisible(c));
    }
    Ok(wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect())
}

/// The invisible characters that reorder text (Trojan Source, CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// The last guard: an identifier that does not parse is refused, never handed to the emitter.
fn checked(ident: String) -> Result<String, NameError> {
    if syn::parse_str::<syn::Ident>(&ident).is_ok() { Ok(ident) } else { Err(NameError::Empty) }
}

/// Keywords get a trailing underscore (`type_`, `self_`), which works for every keyword, unlike
/// raw identifiers; a leading digit gets an `n_` prefix (`n_2fa`; a bare `_2` reads badly and
/// trips clippy).
fn legalize(snake: String) -> String {
    if KEYWORDS.contains(&snake.as_str()) {
        return format!("{snake}_");
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("n_{snake}");
    }
    snake
}

/// A short, lowercase reason for an error message.
pub fn describe(error: &NameError) -> String {
    match error {
        NameError::Empty => "has no ASCII letters or digits to make a Rust identifier from".to_owned(),
        NameError::Reserved(name) => format!("becomes `{name}`, a name the generated code already uses"),
        NameError::Invisible(c) => {
            format!("holds the invisible character `{}`, which no name may hold", c.escape_unicode())
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_become_snake_case() {
        assert_eq!(snake_ident("first_name").unwrap(), "first_name");
        assert_eq!(snake_ident("first-name").unwrap(), "first_name");
        assert_eq!(snake_ident("firstName").unwrap(), "first_name");
        assert_eq!(snake_ident("Verified Member").unwrap(), "verified_member");
        assert_eq!(snake_ident("a.b").unwrap(), "a_b");
    }

    #[test]
    fn keywords_get_a_trailing_underscore() {
        for keyword in ["type", "ref", "self", "crate", "async", "gen", "try"] {
            assert_eq!(snake_ident(keyword).unwrap(), format!("{keyword}_"));
        }
        assert_eq!(snake_ident("Self").unwrap(), "self_");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(snake_ident("2fa").unwrap(), "n_2fa");
        assert_eq!(snake_ident("286").unwrap(), "n_286");
        assert_eq!(type_ident("3d_model").unwrap(), "N3dModel");
    }

    #[test]
    fn punctuation_only_names_are_refused() {
        assert_eq!(snake_ident(""), Err(NameError::Empty));
        assert_eq!(snake_ident("--"), Err(NameError::Empty));
        assert_eq!(type_ident("  "), Err(NameError::Empty));
    }

    #[test]
    fn types_become_pascal_case_and_avoid_reserved_names() {
        assert_eq!(type_ident("user_company").unwrap(), "UserCompany");
        assert_eq!(type_ident("User").unwrap(), "User");
        assert_eq!(request_type_ident("update_user").unwrap(), "UpdateUserRequest");
        for reserved in ["Client", "Error", "Option", "Result", "Self"] {
            assert_eq!(type_ident(reserved), Err(NameError::Reserved(reserved.to_owned())));
        }
    }

    #[test]
    fn characters_outside_ascii_identifiers_are_word_breaks() {
        assert_eq!(snake_ident("x²").unwrap(), "x");
        assert_eq!(snake_ident("٣abc").unwrap(), "abc");
        assert_eq!(snake_ident("café").unwrap(), "caf");
        assert_eq!(snake_ident("naïveValue").unwrap(), "na_ve_value");
        assert_eq!(snake_ident("ⓐ"), Err(NameError::Empty));
        assert_eq!(type_ident("ⓐ"), Err(NameError::Empty));
        assert_eq!(type_ident("x²").unwrap(), "X");
        assert_eq!(snake_ident("日本"), Err(NameError::Empty));
    }

    #[test]
    fn invisible_characters_are_refused() {
        assert_eq!(snake_ident("evil\u{202e}name"), Err(NameError::Invisible('\u{202e}')));
        assert_eq!(type_ident("a\tb"), Err(NameError::Invisible('\t')));
        assert_eq!(snake_ident("ok\u{2066}"), Err(NameError::Invisible('\u{2066}')));
    }

    #[test]
    fn trait_methods_get_a_trailing_underscore_as_members() {
        for name in ["clone", "fmt", "eq", "default", "into", "to_owned", "hash", "serialize"] {
            assert_eq!(member_ident(name).unwrap(), format!("{name}_"));
        }
        assert_eq!(member_ident("name").unwrap(), "name");
        assert_eq!(clear_method("clone_"), "clear_clone");
        assert_eq!(all_pages_method("list_users"), "list_users_all");
    }

    #[test]
    fn runtime_and_prelude_types_are_reserved() {
        for name in ["DateTime", "BlockingClient", "MockServer", "Config", "Paginator", "Query", "Clone", "Default"] {
            assert_eq!(type_ident(name), Err(NameError::Reserved(name.to_owned())));
        }
        assert!(!is_plain_snake_ident("café"));
    }

    #[test]
    fn each_role_has_its_own_taken_names() {
        assert_eq!(taken(Role::EndpointMethod, "clone"), Some(Taken::TraitMethod));
        assert_eq!(taken(Role::EndpointMethod, "with_config"), Some(Taken::ClientMethod));
        assert_eq!(taken(Role::RequestField, "validate"), Some(Taken::RequestMethod));
        assert_eq!(taken(Role::RequestField, "custom_attributes"), Some(Taken::AttributeMap));
        assert_eq!(taken(Role::QueryParam, "to_query"), Some(Taken::QueryMethod));
        assert_eq!(taken(Role::QueryParam, "filters"), Some(Taken::LookupField));
        assert_eq!(taken(Role::ModelField { accessor: true }, "custom_attributes"), Some(Taken::ModelMethod));
        assert_eq!(taken(Role::ModelField { accessor: false }, "custom_attributes"), None);
        assert_eq!(taken(Role::ModelField { accessor: false }, "extra"), Some(Taken::UnknownKeys));
        let request_model = |custom_attributes| Role::RequestModelField { custom_attributes };
        assert_eq!(taken(request_model(false), "custom_attributes"), None);
        assert_eq!(taken(request_model(true), "custom_attributes"), Some(Taken::RequestModelMethod));
        assert_eq!(taken(Role::PathParam, "body"), Some(Taken::EndpointLocal));
        assert_eq!(taken(Role::ClientArgument, "api_key"), Some(Taken::ClientArgument));
        assert_eq!(taken(Role::Module { top_level: true }, MOCK_MODULE), Some(Taken::RootModule));
        assert_eq!(taken(Role::Module { top_level: false }, MOCK_MODULE), None);
        assert_eq!(taken(Role::Variant, "Unrecognized"), Some(Taken::UnknownVariant));
        assert_eq!(taken(Role::Variant, "Client"), None);
        assert_eq!(taken(Role::Type, "Client"), Some(Taken::GeneratedType));
        assert_eq!(taken(Role::RequestField, "email"), None);
    }

    #[test]
    fn every_produced_identifier_parses() {
        for wire in ["type", "2fa", "Verified Member", "é_name", "a.b.c", "match", "x", "x²", "٣abc", "e\u{301}x"] {
            let ident = snake_ident(wire).unwrap();
            assert!(syn::parse_str::<syn::Ident>(&ident).is_ok(), "{wire} -> {ident}");
        }
    }
}
