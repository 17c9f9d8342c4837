//! What will be generated: final Rust names next to wire names, in a fixed order. Built only by
//! `lower`, read only by `emit`; it holds no YAML and no tokens.

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
    pub endpoints: Vec<Endpoint>,
}

/// A response object.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: String,
    pub docs: Vec<String>,
    pub fields: Vec<Field>,
}

/// A field of a model or of a request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub ty: Type,
    /// Always present on the wire (responses) or a constructor argument (requests).
    pub required: bool,
    pub nullable: bool,
    pub docs: Vec<String>,
    pub max_length: Option<u32>,
    pub deprecated: Option<String>,
    /// The field holds its own model directly, so it must be boxed to have a finite size.
    pub boxed: bool,
}

/// A field or parameter type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Number,
    Boolean,
    DateTime,
    Date,
    Json,
    List(Box<Type>),
    Model(String),
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
    pub docs: Vec<String>,
    pub method: HttpMethod,
    /// The path as the docs write it, for example `/users/:id/`.
    pub path_template: String,
    pub segments: Vec<PathSegment>,
    pub path_params: Vec<PathParam>,
    pub request: Option<RequestBody>,
    /// The success body type; `None` when the endpoint answers with nothing to decode.
    pub response: Option<Type>,
    /// A POST the schema marks safe to retry.
    pub retry_safe: bool,
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
    pub docs: Vec<String>,
}

/// The JSON body of a request, generated as `<Endpoint>Request` with a builder.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub type_name: String,
    pub fields: Vec<Field>,
    /// Present when the docs allow any custom attribute as an extra top-level key.
    pub custom_attributes: Option<Vec<String>>,
}
