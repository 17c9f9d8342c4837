//! Sample values for the generated tests that call every endpoint with an example (the wire
//! tests and the contract test): path and query arguments as Rust tokens, how they appear in a
//! URL, and JSON bodies with every required field filled in. One place, so both tests send the
//! same thing.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value, json};

use crate::ir::{Api, Enum, Field, Model, Type};

/// The sample of integer path and query values.
pub const INTEGER: i64 = 7;
/// The sample of string query values and body fields.
const TEXT: &str = "sample";
/// The sample of string path parameters: a custom id with characters that must be
/// percent-encoded into one segment.
const CUSTOM_ID: &str = "user@123/a b";
/// The sample of UNIX timestamps.
const TIMESTAMP: i64 = 1_497_425_346;
/// How deep sample bodies follow required model fields.
const MAX_DEPTH: usize = 4;

/// The enums and models sample values are made from.
pub struct Samples<'a> {
    /// The generated crate under test, as the test names it (`usercom`).
    pub krate: proc_macro2::Ident,
    enums: BTreeMap<&'a str, &'a Enum>,
    models: BTreeMap<&'a str, &'a Model>,
}

impl<'a> Samples<'a> {
    pub fn new(api: &'a Api, krate: &str) -> Self {
        Samples {
            krate: quote::format_ident!("{}", krate),
            enums: api.modules.iter().flat_map(|module| &module.enums).map(|item| (item.name.as_str(), item)).collect(),
            models: api
                .modules
                .iter()
                .flat_map(|module| &module.models)
                .map(|item| (item.name.as_str(), item))
                .collect(),
        }
    }

    /// A path argument and the segment it becomes on the wire.
    pub fn path_param(&self, ty: &Type) -> (TokenStream, String) {
        match ty {
            Type::String | Type::FormattedString(_) => (quote!(#CUSTOM_ID), encode_segment(CUSTOM_ID)),
            Type::Integer => (quote!(#INTEGER), INTEGER.to_string()),
            _ => (unsuffixed_integer(), INTEGER.to_string()),
        }
    }

    /// A value for a required query parameter, of the type its `new` takes, and how it
    /// appears in the query string; `None` for types a query cannot carry.
    pub fn query_param(&self, ty: &Type) -> Option<(TokenStream, String)> {
        Some(match ty {
            Type::String | Type::FormattedString(_) => (quote!(#TEXT), TEXT.to_owned()),
            Type::Integer => (quote!(#INTEGER), INTEGER.to_string()),
            Type::Int32 | Type::UInt64 => (unsuffixed_integer(), INTEGER.to_string()),
            Type::Number => (quote!(1.5), "1.5".to_owned()),
            Type::Boolean => (quote!(true), "true".to_owned()),
            Type::Timestamp => (quote!(::apigen_runtime::UnixTime::from_secs(#TIMESTAMP)), TIMESTAMP.to_string()),
            Type::DateTime => (
                {
                    let krate = &self.krate;
                    quote!(#krate::DateTime(::apigen_runtime::time::OffsetDateTime::UNIX_EPOCH))
                },
                form_encode("1970-01-01T00:00:00.000000Z"),
            ),
            Type::Date => (
                quote!(::apigen_runtime::Date(::apigen_runtime::time::OffsetDateTime::UNIX_EPOCH.date())),
                "1970-01-01".to_owned(),
            ),
            Type::Decimal => (quote!(::apigen_runtime::Decimal::from(7)), "7".to_owned()),
            Type::Enum(name) => {
                let item = self.enums.get(name.as_str())?;
                let first = item.variants.first()?;
                let (ident, variant) = (format_ident!("{}", item.name), format_ident!("{}", first.rust));
                let text = first.code.map_or_else(|| form_encode(&first.label), |code| code.to_string());
                {
                    let krate = &self.krate;
                    (quote!(#krate::#ident::#variant), text)
                }
            }
            Type::Json | Type::List(_) | Type::Map(_) | Type::Model(_) => return None,
        })
    }

    /// A JSON object with every required field of a table set to a sample.
    pub fn body(&self, fields: &[Field]) -> Value {
        self.object(fields, 0)
    }

    fn object(&self, fields: &[Field], depth: usize) -> Value {
        let object: Map<String, Value> = fields
            .iter()
            .filter(|field| field.required)
            .map(|field| (field.name.wire.clone(), self.json(&field.ty, depth)))
            .collect();
        Value::Object(object)
    }

    /// A JSON sample of a type, as the API would accept it.
    fn json(&self, ty: &Type, depth: usize) -> Value {
        match ty {
            Type::String | Type::FormattedString(_) | Type::Json => json!(TEXT),
            Type::Integer | Type::Int32 | Type::UInt64 => json!(INTEGER),
            Type::Number => json!(1.5),
            Type::Boolean => json!(true),
            Type::DateTime => json!("2017-06-14T07:29:06.976662Z"),
            Type::Date => json!("2017-06-14"),
            Type::Timestamp => json!(TIMESTAMP),
            Type::Decimal => json!("7.00"),
            Type::List(_) => json!([]),
            Type::Map(_) => json!({}),
            Type::Enum(name) => match self.enums.get(name.as_str()).and_then(|item| item.variants.first()) {
                Some(variant) => variant.code.map_or_else(|| json!(variant.label), |code| json!(code)),
                None => Value::Null,
            },
            Type::Model(name) => match self.models.get(name.as_str()) {
                Some(model) if depth < MAX_DEPTH => self.object(&model.fields, depth + 1),
                _ => json!({}),
            },
        }
    }
}

/// Percent-encodes a path segment the way the runtime does: all but `A-Z a-z 0-9 - . _ ~`.
fn encode_segment(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Encodes a query value as `application/x-www-form-urlencoded`, as the runtime's `url` does:
/// `A-Z a-z 0-9 * - . _` kept, space as `+`, the rest percent-encoded.
fn form_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => (byte as char).to_string(),
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// [`INTEGER`] as an unsuffixed literal, which takes the width of the parameter it is passed
/// to (`int32`, `uint64`).
fn unsuffixed_integer() -> TokenStream {
    let literal = proc_macro2::Literal::i64_unsuffixed(INTEGER);
    quote!(#literal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_match_the_runtime() {
        assert_eq!(encode_segment("user@123/a b"), "user%40123%2Fa%20b");
        assert_eq!(form_encode("add to cart"), "add+to+cart");
        assert_eq!(form_encode("1970-01-01T00:00:00Z"), "1970-01-01T00%3A00%3A00Z");
    }
}
