//! Rust names from wire names: the only user of heck. Cases, keywords, invalid identifiers and
//! reserved type names are handled here; collisions between names are checked by `lower`.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be plain identifiers in Rust 2024 (strict and reserved keywords).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code or its runtime already uses, or that would shadow std types
/// a reader expects.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "ApiKey",
    "BlockingClient",
    "Box",
    "Client",
    "Date",
    "DateTime",
    "Error",
    "Map",
    "Method",
    "MockServer",
    "Option",
    "Patch",
    "Result",
    "Self",
    "String",
    "Value",
    "Vec",
];

/// Method names of the generated `Client` and `MockServer` that an endpoint cannot take.
pub const RESERVED_METHOD_NAMES: &[&str] =
    &["base_url", "client", "new", "server", "start", "with_base_url", "with_config"];

/// The enum variant that keeps values the schema does not list.
pub const UNRECOGNIZED_VARIANT: &str = "Unrecognized";

/// Why a name cannot become an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Nothing usable is left after dropping punctuation.
    Empty,
    /// A type name that the generated code already uses.
    Reserved(String),
}

/// A snake_case identifier for a field, parameter or method, such as `first_name` for
/// `first-name` or `type_` for `type`.
pub fn snake_ident(wire: &str) -> Result<String, NameError> {
    let snake = wire.to_snake_case();
    if snake.is_empty() {
        return Err(NameError::Empty);
    }
    Ok(legalize(snake))
}

/// Whether a schema name is already written in snake_case (keywords included).
pub fn is_snake_case(name: &str) -> bool {
    name.to_snake_case() == name
}

/// Whether a hand-chosen name can be used as it is: snake_case, a valid identifier, no keyword.
pub fn is_plain_snake_ident(name: &str) -> bool {
    is_snake_case(name)
        && !KEYWORDS.contains(&name)
        && name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && name != "_"
        && syn::parse_str::<syn::Ident>(name).is_ok()
}

/// A PascalCase identifier for a type, such as `UpdateUserRequest` for `update_user` + `Request`.
pub fn type_ident(name: &str) -> Result<String, NameError> {
    let camel = name.to_upper_camel_case();
    if camel.is_empty() {
        return Err(NameError::Empty);
    }
    if RESERVED_TYPE_NAMES.contains(&camel.as_str()) {
        return Err(NameError::Reserved(camel));
    }
    // `Self` is the one keyword that survives camel-casing; it is reserved above.
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(format!("N{camel}"));
    }
    Ok(camel)
}

/// The name of the request body type of an endpoint.
pub fn request_type_ident(endpoint_method: &str) -> Result<String, NameError> {
    type_ident(&format!("{endpoint_method}_request"))
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
        NameError::Empty => "has no letters or digits to make a Rust identifier from".to_owned(),
        NameError::Reserved(name) => format!("becomes `{name}`, a name the generated code already uses"),
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
    fn every_produced_identifier_parses() {
        for wire in ["type", "2fa", "Verified Member", "é_name", "a.b.c", "match", "x"] {
            let ident = snake_ident(wire).unwrap();
            assert!(syn::parse_str::<syn::Ident>(&ident).is_ok(), "{wire} -> {ident}");
        }
    }
}
