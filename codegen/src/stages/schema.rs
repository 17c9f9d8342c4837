//! The raw serde model of one schema YAML file, key for key. No validation lives here: the
//! types only say what may appear where (`deny_unknown_fields` everywhere), and `lower` checks
//! the meaning.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// One file under `schema/`. Any file may hold models and endpoints; exactly one holds `api`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaFile {
    /// The vendor docs page this file transcribes.
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub api: Option<ApiSettings>,
    #[serde(default)]
    pub models: OrderedMap<Model>,
    #[serde(default)]
    pub enums: OrderedMap<Enum>,
    #[serde(default)]
    pub endpoints: OrderedMap<Endpoint>,
    /// Key paths (`endpoints.get_thing.request.name`) that `load` cut out of the file because
    /// they did not read, each reported already; `lower` treats them as refused, so their
    /// absence causes no further error.
    #[serde(skip)]
    pub cut: Vec<String>,
}

impl SchemaFile {
    /// A file that does not read, as `lower` sees it: nothing declared, and the parts at `cut`
    /// (`models.User`) refused, so that their uses elsewhere are not reported again.
    pub fn unreadable(cut: Vec<String>) -> Self {
        SchemaFile {
            page: None,
            api: None,
            models: OrderedMap::default(),
            enums: OrderedMap::default(),
            endpoints: OrderedMap::default(),
            cut,
        }
    }
}

/// What every request of the API shares.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSettings {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub docs: Option<String>,
    pub base_url: String,
    #[serde(default = "default_true")]
    pub trailing_slash: bool,
    /// How requests authenticate; left out, the API takes none (no key, no header).
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub headers: OrderedMap<String>,
    /// Headers whose value the caller gives when making the client, keyed by header name.
    #[serde(default)]
    pub client_headers: OrderedMap<ClientHeader>,
    /// The `User-Agent` of every request; `<crate>/<version>` of the generated crate when unset.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// How `datetime` values are written: `rfc3339` (the default) or `rfc3339_micros`.
    #[serde(default)]
    pub datetime_format: DateTimeFormat,
    /// Whether optional request fields that do not say `nullable` may be sent as `null`.
    #[serde(default)]
    pub request_nullable: bool,
    /// Error bodies of every endpoint: a status (`"409"`), a class (`4XX`) or `default`, to a
    /// model name or `problem`.
    #[serde(default)]
    pub errors: OrderedMap<String>,
}

/// A header whose value is an argument of `Client::new`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientHeader {
    /// The argument's name (snake_case).
    pub param: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The value is a secret: never shown in `Debug` output or error messages.
    #[serde(default)]
    pub secret: bool,
}

/// How `datetime` values are written back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateTimeFormat {
    /// RFC 3339 in UTC, with as many fractional digits as the value needs.
    #[default]
    Rfc3339,
    /// RFC 3339 in UTC, with exactly six fractional digits.
    Rfc3339Micros,
}

fn default_true() -> bool {
    true
}

/// How the API key is sent: `{header}: {scheme} {key}`, or `{header}: {key}` without a scheme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    pub header: String,
    #[serde(default)]
    pub scheme: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A named object shape (the user object, a tag, ...).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub fields: OrderedMap<Field>,
    /// Where custom attributes are listed, for the model's `custom_attributes()` accessor.
    #[serde(default)]
    pub custom_attributes: Option<CustomAttributeList>,
}

/// The list field holding custom attributes, and the keys of its items.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAttributeList {
    pub list: String,
    pub name: String,
    pub value: String,
}

/// A closed set of values: strings (`values: [a, b]`) or integer codes (`values: {a: 1}`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enum {
    #[serde(default)]
    pub description: Option<String>,
    /// `string` (the default) or `integer`.
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    pub values: EnumValues,
}

/// The values of an enum, as a list of strings or a map of names to integer codes.
#[derive(Debug)]
pub enum EnumValues {
    Strings(Vec<String>),
    Codes(OrderedMap<i64>),
}

impl<'de> Deserialize<'de> for EnumValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EnumValuesVisitor;
        impl<'de> Visitor<'de> for EnumValuesVisitor {
            type Value = EnumValues;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of strings, or a mapping of names to integer codes")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<EnumValues, A::Error> {
                let mut values = Vec::new();
                while let Some(value) = seq.next_element::<String>()? {
                    values.push(value);
                }
                Ok(EnumValues::Strings(values))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EnumValues, A::Error> {
                let map = OrderedMapVisitor(PhantomData).visit_map(map)?;
                Ok(EnumValues::Codes(map))
            }
        }
        deserializer.deserialize_any(EnumValuesVisitor)
    }
}

/// One row of an attribute table (request) or one field of a model (response).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: YesNo,
    /// The value may be `null`; when a request field does not say, `api.request_nullable`
    /// decides (model fields default to `false`).
    #[serde(default)]
    pub nullable: Option<bool>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub max_length: Option<u32>,
    /// At least this many characters (string fields).
    #[serde(default)]
    pub min_length: Option<u32>,
    /// The smallest value allowed, inclusive (integer and number fields); checked when lowered.
    #[serde(default)]
    pub minimum: Option<serde_yaml::Value>,
    /// The largest value allowed, inclusive (integer and number fields); checked when lowered.
    #[serde(default)]
    pub maximum: Option<serde_yaml::Value>,
    /// The value the server applies when the field is not sent (a scalar of the field's type).
    #[serde(default)]
    pub default: Option<serde_yaml::Value>,
    /// Why the field is deprecated; its presence marks it deprecated.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// Where the docs page is wrong or silent about this row.
    #[serde(default)]
    pub note: Option<String>,
    /// The Rust name to use instead of the one made from the wire name.
    #[serde(default)]
    pub rust_name: Option<String>,
    /// Other keys the same value arrives under (each also a field of the model).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A fixed value always sent (query parameters such as `many=true`), not a parameter.
    #[serde(default, rename = "const")]
    pub constant: Option<serde_yaml::Value>,
    /// How a list query parameter is written (`repeat`, `comma`, `brackets`).
    #[serde(default)]
    pub style: Option<ArrayStyle>,
}

/// How a list query parameter goes in the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArrayStyle {
    /// `ids=1&ids=2` (the default).
    Repeat,
    /// `ids=1,2`.
    Comma,
    /// `ids[]=1&ids[]=2`.
    Brackets,
}

/// One endpoint, as its docs page describes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    #[serde(default)]
    pub title: Option<String>,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub path_params: OrderedMap<PathParam>,
    /// The request attribute table; absent when the endpoint takes no body.
    #[serde(default)]
    pub request: Option<OrderedMap<Field>>,
    #[serde(default)]
    pub custom_attributes: Option<CustomAttributes>,
    /// A type expression naming the success body, such as `User`.
    #[serde(default)]
    pub response: Option<String>,
    #[serde(default)]
    pub examples: Option<Examples>,
    /// The call may be retried even though it is a POST or PATCH.
    #[serde(default)]
    pub retry_safe: bool,
    /// How sure we are the endpoint exists: `DOC`, `LEGACY` or `CODE`.
    #[serde(default)]
    pub source: Option<String>,
    /// Where the endpoint is documented or seen.
    #[serde(default)]
    pub sources: Option<String>,
    /// The query-parameter table.
    #[serde(default)]
    pub query: Option<OrderedMap<Field>>,
    /// Accepts `<field>__<lookup>=` filters with dynamic names.
    #[serde(default)]
    pub filters: bool,
    /// Error bodies of this endpoint, as `api.errors`; they come before the API's.
    #[serde(default)]
    pub errors: OrderedMap<String>,
}

/// A `:name` placeholder of the path.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathParam {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// The docs' placeholder row (`custom_attr`) that stands for any custom attribute.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAttributes {
    #[serde(default)]
    pub placeholder: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// The docs page's examples, as JSON text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub request: Option<String>,
    #[serde(default)]
    pub response: Option<String>,
}

/// The docs write `yes`/`no`; YAML 1.2 reads those as strings, so both spellings and booleans
/// are accepted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct YesNo(pub bool);

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct YesNoVisitor;
        impl Visitor<'_> for YesNoVisitor {
            type Value = YesNo;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`yes`, `no`, `true` or `false`")
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<YesNo, E> {
                Ok(YesNo(value))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<YesNo, E> {
                match value {
                    "yes" | "Yes" | "YES" => Ok(YesNo(true)),
                    "no" | "No" | "NO" => Ok(YesNo(false)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
                }
            }
        }
        deserializer.deserialize_any(YesNoVisitor)
    }
}

/// A YAML mapping in source order, duplicates kept so that `lower` can report them (a plain
/// map would silently keep the last one).
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

struct OrderedMapVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<V> {
    type Value = OrderedMap<V>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    // `request:` with nothing under it is an empty table.
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OrderedMap::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OrderedMap::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((key, value)) = map.next_entry::<String, V>()? {
            entries.push((key, value));
        }
        Ok(OrderedMap(entries))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrderedMapVisitor(PhantomData))
    }
}
