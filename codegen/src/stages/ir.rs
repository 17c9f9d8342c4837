//! What will be generated: final Rust names next to wire names, in a fixed order. Built only by
//! `lower`, read by `emit` and `openapi`; it holds no YAML, no tokens and no assembled prose:
//! descriptions are the schema's own lines, and everything else (slots, sources, kinds, limits,
//! where a thing was declared) is a typed fact that each writer words its own way.

/// The whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub settings: Settings,
    /// One module per schema file that declares models or endpoints, in file-name order.
    pub modules: Vec<Module>,
}

/// API-wide settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub name: String,
    pub description: Vec<String>,
    pub docs: Option<String>,
    /// The schema file the settings came from, for doc pointers.
    pub source: String,
    pub base_url_template: String,
    /// The `{name}` placeholders of the base URL, in order; each becomes a `Client::new` argument.
    pub base_url_params: Vec<Name>,
    pub trailing_slash: bool,
    pub auth_header: String,
    pub auth_scheme: String,
    pub auth_description: Option<String>,
    pub headers: Vec<(String, String)>,
    /// Headers whose values are arguments of the client's constructors, in order.
    pub client_headers: Vec<ClientHeader>,
    /// The `User-Agent` the schema sets; `<crate>/<version>` of the generated crate otherwise.
    pub user_agent: Option<String>,
    pub datetime_format: DateTimeFormat,
    /// Error bodies every endpoint may answer with, in schema order.
    pub errors: Vec<ErrorBody>,
}

/// A declared error body: for these statuses, the body is this type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub status: StatusMatch,
    pub body: ErrorType,
}

/// The statuses an [`ErrorBody`] applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status, 400 to 599.
    Exact(u16),
    /// `4XX` (4) or `5XX` (5).
    Class(u16),
    /// Any non-2xx status.
    Default,
}

impl StatusMatch {
    /// As the schema writes it: `409`, `4XX`, `default`.
    pub fn label(self) -> String {
        match self {
            StatusMatch::Exact(status) => status.to_string(),
            StatusMatch::Class(class) => format!("{class}XX"),
            StatusMatch::Default => "default".to_owned(),
        }
    }
}

/// The type of a declared error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorType {
    /// A model of the schema.
    Model(String),
    /// RFC 9457 problem details, the runtime's `ProblemDetails`.
    Problem,
}

/// A header whose value the caller gives when making the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientHeader {
    pub header: String,
    /// The constructor argument (`wire` is the schema's `param`).
    pub param: Name,
    pub description: Option<String>,
    pub secret: bool,
}

/// A wire name and the Rust identifier made from it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Name {
    pub wire: String,
    pub rust: String,
}

/// The items one schema file produces.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The schema file, as the caller named it (for example `schema/users/update_user.yaml`).
    pub source: String,
    /// Module path under the generated root, for example `["users", "update_user"]`.
    pub path: Vec<String>,
    pub page: Option<String>,
    pub models: Vec<Model>,
    pub enums: Vec<Enum>,
    pub endpoints: Vec<Endpoint>,
}

/// A closed set of values that keeps values it does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub name: String,
    /// The schema's description, as lines.
    pub description: Vec<String>,
    pub variants: Vec<Variant>,
    pub kind: EnumKind,
}

/// What an enum's values are on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    /// Strings, each the variant's label.
    Text,
    /// Integer codes, each with the label the docs give it.
    Codes,
}

/// One enum value: its Rust variant and its wire value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub rust: String,
    /// The wire text of a string enum, or the name the docs give an integer code.
    pub label: String,
    pub code: Option<i64>,
}

/// A named object: a response shape, or the type of a request field.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: String,
    /// The schema's description, as lines.
    pub description: Vec<String>,
    pub fields: Vec<Field>,
    pub custom_attributes: Option<CustomAttributeList>,
    /// Reachable from a request body (directly, or through lists and other models): its
    /// optional nullable fields are three-state `Patch`es and it gets a builder.
    pub request: bool,
}

/// Where a model lists its custom attributes: the list field and its items' name and value.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomAttributeList {
    pub list: String,
    pub item: String,
    pub name: String,
    pub value: String,
}

/// A field of a model or of a request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub ty: Type,
    /// Always present on the wire (responses) or a constructor argument (requests).
    pub required: bool,
    /// May be `null`: for request fields the field's `nullable`, or else the API's
    /// `request_nullable`; for model fields the field's `nullable`; never for query parameters.
    pub nullable: bool,
    /// How the field is held in Rust.
    pub slot: Slot,
    /// The schema's description, as lines (empty when the docs say nothing).
    pub description: Vec<String>,
    /// The schema maintainer's note on the row (where the docs' table is wrong or silent).
    pub note: Option<String>,
    /// At most this many characters, checked before sending.
    pub max_length: Option<u32>,
    /// At least this many characters, checked before sending.
    pub min_length: Option<u32>,
    /// The smallest value allowed (inclusive), checked before sending: an `Integer` or a `Number`.
    pub minimum: Option<Scalar>,
    /// The largest value allowed (inclusive), checked before sending.
    pub maximum: Option<Scalar>,
    /// The value the server applies when the field is not sent; documented, never sent.
    pub default: Option<Scalar>,
    pub deprecated: Option<String>,
    /// The field holds its own model directly, so it must be boxed to have a finite size.
    pub boxed: bool,
    /// Rust names of other fields that carry the same value under another key.
    pub aliases: Vec<String>,
    /// How a list query parameter is written; `None` for every other field.
    pub array_style: Option<crate::schema::ArrayStyle>,
}

/// A value a schema row states (a bound or a default), of the field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    String(String),
    Integer(i64),
    Number(f64),
    Boolean(bool),
}

impl std::fmt::Display for Scalar {
    /// As the schema writes it: strings bare, numbers in Rust's shortest form.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::String(text) => f.write_str(text),
            Scalar::Integer(value) => write!(f, "{value}"),
            Scalar::Number(value) => write!(f, "{value}"),
            Scalar::Boolean(value) => write!(f, "{value}"),
        }
    }
}

/// How a field is held in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The value itself: always present (a required field, a `new()` argument).
    Plain,
    /// `Option<T>`: absent (or, in responses, `null`), or a value.
    Option,
    /// `Patch<T>`: absent, `null`, or a value; a request field (or a field of a model that
    /// requests send) that may be sent as `null`.
    Patch,
}

/// A field or parameter type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    /// A string of a known format (`uuid`, `url`, `email`): a `String` in Rust, described as
    /// that format in docs and OpenAPI.
    FormattedString(StringFormat),
    /// A 64-bit signed integer (`integer`, `int64`).
    Integer,
    /// A 32-bit signed integer (`int32`).
    Int32,
    /// A 64-bit unsigned integer (`uint64`), for ids above `i64::MAX`.
    UInt64,
    Number,
    Boolean,
    DateTime,
    Date,
    Json,
    /// UNIX seconds, an integer on the wire.
    Timestamp,
    /// An exact decimal the API sends as a string.
    Decimal,
    List(Box<Type>),
    /// A JSON object of any keys (strings) whose values are all of one type: `map(T)`.
    Map(Box<Type>),
    Model(String),
    Enum(String),
}

impl std::fmt::Display for Type {
    /// As the schema writes it: `string`, `list(User)`, `Colour`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self {
            Type::String => "string",
            Type::FormattedString(format) => format.word(),
            Type::Integer => "integer",
            Type::Int32 => "int32",
            Type::UInt64 => "uint64",
            Type::Number => "number",
            Type::Boolean => "boolean",
            Type::DateTime => "datetime",
            Type::Date => "date",
            Type::Json => "json",
            Type::Timestamp => "timestamp",
            Type::Decimal => "decimal",
            Type::List(item) => return write!(f, "list({item})"),
            Type::Map(value) => return write!(f, "map({value})"),
            Type::Model(name) | Type::Enum(name) => name,
        };
        f.write_str(word)
    }
}

/// The formats a string may be declared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    Uuid,
    Url,
    Email,
}

impl StringFormat {
    /// The schema's type word.
    pub fn word(self) -> &'static str {
        match self {
            StringFormat::Uuid => "uuid",
            StringFormat::Url => "url",
            StringFormat::Email => "email",
        }
    }

    /// The OpenAPI `format`.
    pub fn openapi(self) -> &'static str {
        match self {
            StringFormat::Uuid => "uuid",
            StringFormat::Url => "uri",
            StringFormat::Email => "email",
        }
    }
}

impl Type {
    /// Whether the type is a string in Rust (`string`, `uuid`, `url`, `email`).
    pub fn is_string(&self) -> bool {
        matches!(self, Type::String | Type::FormattedString(_))
    }
}

/// HTTP methods the runtime can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// One client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub name: Name,
    pub title: Option<String>,
    /// The schema's description, as lines.
    pub description: Vec<String>,
    /// Where the schema file of the endpoint is, and the docs page it follows.
    pub provenance: Provenance,
    pub method: HttpMethod,
    /// The path as the docs write it, for example `/users/:id/`.
    pub path_template: String,
    pub segments: Vec<PathSegment>,
    pub path_params: Vec<PathParam>,
    pub request: Option<RequestBody>,
    pub query: Option<QueryParams>,
    pub response: Response,
    /// A POST the schema marks safe to retry.
    pub retry_safe: bool,
    /// Where the endpoint is known from, when the schema says.
    pub source: Option<Source>,
    /// The docs' request example, as JSON text.
    pub request_example: Option<String>,
    /// The docs' response example, as JSON text.
    pub response_example: Option<String>,
    /// Error bodies of this endpoint, in schema order; they come before the API's.
    pub errors: Vec<ErrorBody>,
}

impl Endpoint {
    /// The error bodies that apply to this endpoint, most specific first: its own rows and the
    /// API's rows for statuses it does not declare itself.
    pub fn effective_errors<'a>(&'a self, api: &'a [ErrorBody]) -> Vec<&'a ErrorBody> {
        let mut rows: Vec<&ErrorBody> = self.errors.iter().collect();
        rows.extend(api.iter().filter(|row| !self.errors.iter().any(|own| own.status == row.status)));
        rows.sort_by_key(|row| row.status);
        rows
    }
}

/// Where a declaration is: its schema file and the vendor's docs page it follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The schema file, as the caller named it (`schema/users/update_user.yaml`).
    pub schema: String,
    /// The docs page of the file, when it names one.
    pub page: Option<String>,
}

/// Where an endpoint is known from, with the schema's detail (which docs, which libraries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    /// The schema's `sources` text, trimmed.
    pub detail: Option<String>,
}

/// How sure the schema is that an endpoint exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Documented by the vendor.
    Doc,
    /// Documented only in the vendor's older docs.
    Legacy,
    /// Not documented; seen in public client libraries.
    Code,
}

impl SourceKind {
    /// As the schema writes it: `DOC`, `LEGACY`, `CODE`.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Doc => "DOC",
            SourceKind::Legacy => "LEGACY",
            SourceKind::Code => "CODE",
        }
    }
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// A JSON body of this type.
    Value(Type),
    /// A paginated envelope of these items; the client also gets an `_all` method.
    Page(Type),
    /// Nothing to decode (an empty or undocumented body).
    Nothing,
}

/// The query parameters of an endpoint, generated as `<Endpoint>Query` with a builder.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryParams {
    pub type_name: String,
    pub fields: Vec<Field>,
    /// Fixed pairs always sent, such as `many=true`.
    pub constants: Vec<(String, String)>,
    /// Accepts `<field>__<lookup>=` filters.
    pub filters: bool,
}

impl QueryParams {
    /// Whether callers pass a query value (otherwise only constants are sent).
    pub fn is_parameter(&self) -> bool {
        !self.fields.is_empty() || self.filters
    }
}

/// A piece of the path between slashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Literal(String),
    /// Index into `Endpoint::path_params`.
    Param(usize),
}

/// A typed `:name` placeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    pub name: Name,
    pub ty: Type,
    /// The schema's description, as lines.
    pub description: Vec<String>,
}

/// The JSON body of a request, generated as `<Endpoint>Request` with a builder.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub type_name: String,
    pub fields: Vec<Field>,
    /// Present when the docs allow any custom attribute as an extra top-level key.
    pub custom_attributes: Option<CustomAttributes>,
}

/// How the docs describe a body's custom attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomAttributes {
    /// The row of the docs' table that stands for them (such as `custom_attr`).
    pub placeholder: Option<String>,
    /// The docs' description of them, trimmed; `None` when empty.
    pub description: Option<String>,
}

/// How `datetime` values are written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTimeFormat {
    /// RFC 3339 in UTC, with as many fractional digits as the value needs.
    Rfc3339,
    /// RFC 3339 in UTC, with exactly six fractional digits.
    Rfc3339Micros,
}
