//! Turns parsed schema files into the IR, checking every rule on the way. It collects all
//! problems rather than stopping at the first, and never panics on input. It does not read
//! files (`load`) or produce tokens (`emit`).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{self, Api, HttpMethod, Name, PathSegment, Type};
use crate::load::SourceFile;
use crate::names;
use crate::schema::{self, SchemaFile};

/// Type names a table may use, as the docs spell them (plural forms appear in `list(strings)`).
const PRIMITIVE_TYPES: &[(&str, Type)] = &[
    ("string", Type::String),
    ("strings", Type::String),
    ("integer", Type::Integer),
    ("integers", Type::Integer),
    ("number", Type::Number),
    ("numbers", Type::Number),
    ("boolean", Type::Boolean),
    ("booleans", Type::Boolean),
    ("datetime", Type::DateTime),
    ("datetimes", Type::DateTime),
    ("date", Type::Date),
    ("dates", Type::Date),
    ("json", Type::Json),
    ("timestamp", Type::Timestamp),
    ("timestamps", Type::Timestamp),
    ("decimal", Type::Decimal),
    ("decimals", Type::Decimal),
];

const METHODS: &[(&str, HttpMethod)] = &[
    ("GET", HttpMethod::Get),
    ("POST", HttpMethod::Post),
    ("PUT", HttpMethod::Put),
    ("PATCH", HttpMethod::Patch),
    ("DELETE", HttpMethod::Delete),
];

/// Validates the parsed files and builds the IR, or returns every problem found.
/// `unparsed_files` is true when some files failed to parse; then a missing `api` section is not
/// reported, since it may be in one of them.
pub fn lower(files: &[(SourceFile, SchemaFile)], unparsed_files: bool) -> Result<Api, Diagnostics> {
    let mut lowering = Lowering {
        diagnostics: Diagnostics::default(),
        models: BTreeMap::new(),
        enums: BTreeSet::new(),
        response_examples: Vec::new(),
        request_nullable: files.iter().find_map(|(_, file)| file.api.as_ref()).is_some_and(|api| api.request_nullable),
    };
    let mut settings = lowering.settings(files, unparsed_files);
    lowering.register_models(files);
    if let Some(settings) = &mut settings {
        settings.errors = lowering.api_errors(files);
    }
    let mut modules = Vec::new();
    let mut module_paths: BTreeMap<Vec<String>, &str> = BTreeMap::new();
    let mut endpoint_names: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (source, file) in files {
        if file.models.is_empty() && file.enums.is_empty() && file.endpoints.is_empty() {
            continue;
        }
        let Some(path) = lowering.module_path(source) else { continue };
        if let Some(first) = module_paths.insert(path.clone(), &source.name) {
            lowering.error(
                Diagnostic::new(
                    &source.name,
                    "",
                    format!("this file's module `{}` clashes with `{first}`", path.join("::")),
                )
                .with_hint("rename one of the files"),
            );
        }
        let models = file.models.iter().filter_map(|(name, model)| lowering.model(source, name, model)).collect();
        let enums = file.enums.iter().filter_map(|(name, spec)| lowering.enumeration(source, name, spec)).collect();
        let mut endpoints = Vec::new();
        for (name, endpoint) in file.endpoints.iter() {
            let key = format!("endpoints.{name}");
            let Some(endpoint) = lowering.endpoint(source, file, name, endpoint) else { continue };
            match endpoint_names.get(&endpoint.name.rust) {
                Some((other_file, other_name)) if other_name == name => lowering.error(
                    Diagnostic::new(
                        &source.name,
                        &key,
                        format!("endpoint `{name}` is declared again; the first is in `{other_file}`"),
                    )
                    .with_hint("endpoint names must be unique across the schema")
                    .on_key(),
                ),
                Some((other_file, other_name)) => lowering.error(
                    Diagnostic::new(
                        &source.name,
                        key,
                        format!(
                            "endpoint `{name}` has the same method name as endpoint `{other_name}` in `{other_file}`"
                        ),
                    )
                    .with_hint("endpoint names must be unique across the schema")
                    .on_key(),
                ),
                None => {
                    endpoint_names.insert(endpoint.name.rust.clone(), (source.name.clone(), name.to_owned()));
                    endpoints.push(endpoint);
                }
            }
        }
        modules.push(ir::Module {
            source: source.name.clone(),
            path,
            page: file.page.clone(),
            models,
            enums,
            endpoints,
        });
    }
    lowering.check_module_folders(&module_paths);
    lowering.check_client_methods(&modules);
    lowering.check_request_type_names(&modules);
    lowering.check_response_examples(&modules);
    lowering.check_custom_attribute_lists(&modules);
    mark_boxed_fields(&mut modules);
    mark_request_models(&mut modules);
    lowering.check_request_models(&modules);
    match settings {
        Some(settings) => lowering.diagnostics.finish(Api { settings, modules }),
        None => Err(lowering.diagnostics),
    }
}

struct Lowering {
    diagnostics: Diagnostics,
    /// Every model name, with the file that declares it.
    models: BTreeMap<String, String>,
    /// The names in `models` that are enums.
    enums: BTreeSet<String>,
    /// Response examples to compare with their model once every model is lowered.
    response_examples: Vec<ResponseExample>,
    /// `api.request_nullable`: whether request fields that do not say `nullable` may be null.
    request_nullable: bool,
}

struct ResponseExample {
    file: String,
    key: String,
    model: String,
    /// Each key of the example, with its line and column inside the example text.
    keys: Vec<(String, Option<(usize, usize)>)>,
}

impl Lowering {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn settings(&mut self, files: &[(SourceFile, SchemaFile)], unparsed_files: bool) -> Option<ir::Settings> {
        let mut declared = files.iter().filter_map(|(source, file)| file.api.as_ref().map(|api| (source, api)));
        let Some((source, api)) = declared.next() else {
            if unparsed_files {
                return None;
            }
            let file = files.first().map_or("schema", |(source, _)| source.name.as_str());
            self.error(
                Diagnostic::new(file, "api", "no schema file declares the API settings")
                    .with_hint("add an `api:` section with `name`, `base_url` and `auth` to one file"),
            );
            return None;
        };
        for (again, _) in declared {
            self.error(
                Diagnostic::new(
                    &again.name,
                    "api",
                    format!("`api` is declared again; the first is in `{}`", source.name),
                )
                .with_hint("keep the API settings in one file"),
            );
        }
        let file = source.name.as_str();
        let base_url_params = self.base_url(file, &api.base_url);
        if !is_header_name(&api.auth.header) {
            self.error(Diagnostic::new(
                file,
                "api.auth.header",
                format!("`{}` is not a valid HTTP header name", api.auth.header),
            ));
        }
        if api.auth.scheme.is_empty() || !api.auth.scheme.bytes().all(|b| b.is_ascii_graphic()) {
            self.error(Diagnostic::new(
                file,
                "api.auth.scheme",
                format!("`{}` is not a valid authorization scheme", api.auth.scheme),
            ));
        }
        if let Some(agent) = &api.user_agent
            && (agent.is_empty() || !agent.bytes().all(|b| b == b' ' || b.is_ascii_graphic()))
        {
            self.error(Diagnostic::new(file, "api.user_agent", "a user agent must be printable ASCII"));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, value) in api.headers.iter() {
            let key = format!("api.headers.{name}");
            if !is_header_name(name) {
                self.error(Diagnostic::new(file, key, format!("`{name}` is not a valid HTTP header name")));
            } else if let Some(hint) = refused_header(name) {
                self.error(
                    Diagnostic::new(file, key, format!("header `{name}` cannot be set by the schema")).with_hint(hint),
                );
            } else if let Some((first, _)) = headers.iter().find(|(other, _)| other.eq_ignore_ascii_case(name)) {
                self.error(
                    Diagnostic::new(file, key, format!("header `{name}` is declared again (as `{first}` above)"))
                        .with_hint("header names are case-insensitive; keep one"),
                );
            } else if !value.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()) {
                self.error(Diagnostic::new(file, key, "a header value must be printable ASCII"));
            } else if name.eq_ignore_ascii_case(&api.auth.header) || name.eq_ignore_ascii_case("content-type") {
                self.error(
                    Diagnostic::new(file, key, format!("header `{name}` is set by the client itself"))
                        .with_hint("remove it from `api.headers`"),
                );
            } else if value.contains('{') && value.contains('}') {
                self.error(
                    Diagnostic::new(
                        file,
                        key,
                        format!("header `{name}` has a placeholder, which would be sent as it is"),
                    )
                    .with_hint("declare a header whose value the caller gives under `api.client_headers`"),
                );
            } else {
                headers.push((name.to_owned(), value.clone()));
            }
        }
        let client_headers = self.client_headers(file, api, base_url_params.as_deref().unwrap_or(&[]));
        Some(ir::Settings {
            name: api.name.clone(),
            description: doc_lines(api.description.as_deref()),
            docs: api.docs.clone(),
            source: source.name.clone(),
            base_url_template: api.base_url.clone(),
            base_url_params: base_url_params?,
            trailing_slash: api.trailing_slash,
            auth_header: api.auth.header.clone(),
            auth_scheme: api.auth.scheme.clone(),
            auth_description: api.auth.description.clone(),
            headers,
            client_headers,
            user_agent: api.user_agent.clone(),
            datetime_format: api.datetime_format,
            // Filled by `api_errors` once the models are known.
            errors: Vec::new(),
        })
    }

    /// The API-wide `errors` table, of the file that declares `api`.
    fn api_errors(&mut self, files: &[(SourceFile, SchemaFile)]) -> Vec<ir::ErrorBody> {
        match files.iter().find_map(|(source, file)| Some((source, file.api.as_ref()?))) {
            Some((source, api)) => self.error_table(&source.name, "api.errors", &api.errors),
            None => Vec::new(),
        }
    }

    /// An `errors` table: each key a status (`"409"`, 400 to 599), a class (`4XX`, `5XX`) or
    /// `default`, once; each value a model or `problem`.
    fn error_table(&mut self, file: &str, key: &str, table: &schema::OrderedMap<String>) -> Vec<ir::ErrorBody> {
        let mut rows: Vec<ir::ErrorBody> = Vec::new();
        for (status_text, type_text) in table.iter() {
            let row_key = format!("{key}.{status_text}");
            let Some(status) = self.error_status(file, &row_key, status_text) else { continue };
            if let Some(first) = rows.iter().find(|row| row.status == status) {
                self.error(
                    Diagnostic::new(
                        file,
                        row_key,
                        format!("status `{}` appears twice in `{key}`", first.status.label()),
                    )
                    .with_hint("keep one row per status")
                    .on_key(),
                );
                continue;
            }
            let Some(body) = self.error_type(file, &row_key, type_text.trim()) else { continue };
            rows.push(ir::ErrorBody { status, body });
        }
        rows
    }

    fn error_status(&mut self, file: &str, key: &str, text: &str) -> Option<ir::StatusMatch> {
        let trimmed = text.trim();
        let bytes = trimmed.as_bytes();
        let status = if trimmed.eq_ignore_ascii_case("default") {
            Some(ir::StatusMatch::Default)
        } else if bytes.len() == 3 && bytes[0].is_ascii_digit() && bytes[1..].eq_ignore_ascii_case(b"xx") {
            Some(ir::StatusMatch::Class(u16::from(bytes[0] - b'0')))
        } else if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_digit) {
            trimmed.parse().ok().map(ir::StatusMatch::Exact)
        } else {
            None
        };
        let class = match status {
            Some(ir::StatusMatch::Exact(code)) => code / 100,
            Some(ir::StatusMatch::Class(class)) => class,
            Some(ir::StatusMatch::Default) => return status,
            None => {
                self.error(
                    Diagnostic::new(file, key, format!("`{text}` is not an HTTP status"))
                        .with_hint("use a status such as `\"409\"`, a class `4XX` or `5XX`, or `default`")
                        .on_key(),
                );
                return None;
            }
        };
        match class {
            4 | 5 => status,
            1..=3 => {
                self.error(
                    Diagnostic::new(file, key, format!("`{text}` is not an error status"))
                        .with_hint("declare bodies for 4xx and 5xx statuses; the success body is `response`")
                        .on_key(),
                );
                None
            }
            _ => {
                self.error(
                    Diagnostic::new(file, key, format!("`{text}` is not an HTTP status"))
                        .with_hint("HTTP error statuses are 400 to 599")
                        .on_key(),
                );
                None
            }
        }
    }

    /// The type of an error body: `problem`, or a model (not an enum, not a list).
    fn error_type(&mut self, file: &str, key: &str, text: &str) -> Option<ir::ErrorType> {
        if text == "problem" {
            return Some(ir::ErrorType::Problem);
        }
        if self.models.contains_key(text) && !self.enums.contains(text) {
            return Some(ir::ErrorType::Model(text.to_owned()));
        }
        let models: Vec<&str> =
            self.models.keys().map(String::as_str).filter(|name| !self.enums.contains(*name)).collect();
        let message = if self.enums.contains(text) {
            format!("`{text}` is an enum; an error body is a model or `problem`")
        } else if parse_type(text, &self.models, &self.enums).is_ok() {
            format!("`{text}` is not a model; an error body is a model or `problem`")
        } else {
            format!("unknown error body type `{text}`")
        };
        let hint = match closest(text, models.iter().copied().chain(["problem"])) {
            Some(best) if best != text => format!("did you mean `{best}`?"),
            _ => {
                let listed = models.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
                let listed = if listed.is_empty() { String::new() } else { format!(" ({listed})") };
                format!("use a model name{listed} or `problem` (RFC 9457 problem details)")
            }
        };
        self.error(Diagnostic::new(file, key, message).with_hint(hint));
        None
    }

    /// The headers the caller gives values for: valid names, set nowhere else, each with an
    /// argument name that no other constructor argument has.
    fn client_headers(&mut self, file: &str, api: &schema::ApiSettings, url_params: &[Name]) -> Vec<ir::ClientHeader> {
        let mut taken: Vec<String> = url_params.iter().map(|name| name.rust.clone()).collect();
        taken.extend(names::CLIENT_ARGUMENTS.iter().map(|name| (*name).to_owned()));
        let mut headers: Vec<ir::ClientHeader> = Vec::new();
        for (name, header) in api.client_headers.iter() {
            let key = format!("api.client_headers.{name}");
            if !is_header_name(name) {
                self.error(Diagnostic::new(file, key, format!("`{name}` is not a valid HTTP header name")));
                continue;
            }
            if let Some(hint) = refused_header(name) {
                self.error(
                    Diagnostic::new(file, key, format!("header `{name}` cannot be set by the schema")).with_hint(hint),
                );
                continue;
            }
            let set_elsewhere = name.eq_ignore_ascii_case(&api.auth.header)
                || name.eq_ignore_ascii_case("content-type")
                || api.headers.iter().any(|(fixed, _)| fixed.eq_ignore_ascii_case(name))
                || headers.iter().any(|other| other.header.eq_ignore_ascii_case(name));
            if set_elsewhere {
                self.error(
                    Diagnostic::new(file, key, format!("header `{name}` is already set"))
                        .with_hint("each header is either fixed (`api.headers`), the key's, or the caller's, once"),
                );
                continue;
            }
            let param_key = format!("{key}.param");
            if !names::is_plain_snake_ident(&header.param) {
                self.error(
                    Diagnostic::new(file, param_key, format!("`{}` is not a snake_case name", header.param))
                        .with_hint("name the argument like `customer_id`"),
                );
                continue;
            }
            if taken.contains(&header.param) {
                self.error(
                    Diagnostic::new(
                        file,
                        param_key,
                        format!("`{}` is already an argument of `Client::new`", header.param),
                    )
                    .with_hint("choose another name"),
                );
                continue;
            }
            taken.push(header.param.clone());
            headers.push(ir::ClientHeader {
                header: name.to_owned(),
                param: Name { wire: header.param.clone(), rust: header.param.clone() },
                description: header.description.clone(),
                secret: header.secret,
            });
        }
        headers
    }

    /// Checks the base URL template and returns its `{placeholder}` names.
    fn base_url(&mut self, file: &str, template: &str) -> Option<Vec<Name>> {
        let key = "api.base_url";
        if !(template.starts_with("https://") || template.starts_with("http://")) {
            self.error(Diagnostic::new(
                file,
                key,
                format!("base URL `{template}` must start with `https://` or `http://`"),
            ));
            return None;
        }
        if !template.ends_with('/') {
            self.error(
                Diagnostic::new(file, key, format!("base URL `{template}` must end with `/`"))
                    .with_hint("endpoint paths are joined to it"),
            );
            return None;
        }
        if let Some(problem) = base_url_problem(template) {
            self.error(Diagnostic::new(
                file,
                key,
                format!("base URL `{}` {problem}", crate::diagnostic::inert(template)),
            ));
            return None;
        }
        let mut params: Vec<Name> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                self.error(Diagnostic::new(file, key, format!("unclosed `{{` in base URL `{template}`")));
                return None;
            };
            let wire = &after[..close];
            match names::snake_ident(wire) {
                Ok(rust) if names::CLIENT_ARGUMENTS.contains(&wire) || params.iter().any(|p| p.wire == wire) => {
                    let what = if params.iter().any(|p| p.wire == wire) {
                        "is used twice; each placeholder is one argument of `Client::new`".to_owned()
                    } else {
                        format!("is named like the argument `{rust}` of `Client::new`")
                    };
                    self.error(
                        Diagnostic::new(file, key, format!("base URL placeholder `{{{wire}}}` {what}"))
                            .with_hint("name each placeholder once, and not `api_key`, `base_url` or `config`"),
                    );
                    return None;
                }
                Ok(rust) if rust == wire => params.push(Name { wire: wire.to_owned(), rust }),
                _ => {
                    self.error(
                        Diagnostic::new(
                            file,
                            key,
                            format!("base URL placeholder `{{{wire}}}` is not a snake_case name"),
                        )
                        .with_hint("write placeholders like `{subdomain}`"),
                    );
                    return None;
                }
            }
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            self.error(Diagnostic::new(file, key, format!("unmatched `}}` in base URL `{template}`")));
            return None;
        }
        Some(params)
    }

    fn register_models(&mut self, files: &[(SourceFile, SchemaFile)]) {
        for (source, file) in files {
            let models = file.models.iter().map(|(name, _)| (name, "models"));
            let enums = file.enums.iter().map(|(name, _)| (name, "enums"));
            for (name, section) in models.chain(enums) {
                let key = format!("{section}.{name}");
                if let Some(c) = names::first_non_ascii(name) {
                    self.error(non_ascii_name(&source.name, &key, "type", name, c));
                    continue;
                }
                match names::type_ident(name) {
                    Ok(ident) if ident == name => {}
                    Ok(ident) => {
                        self.error(
                            Diagnostic::new(&source.name, key, format!("model name `{name}` is not PascalCase"))
                                .with_hint(format!("write `{ident}`"))
                                .on_key(),
                        );
                        continue;
                    }
                    Err(error) => {
                        self.error(Diagnostic::new(
                            &source.name,
                            key,
                            format!("model name `{name}` {}", names::describe(&error)),
                        ));
                        continue;
                    }
                }
                if let Some(first) = self.models.get(name) {
                    let first = first.clone();
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            key,
                            format!("type `{name}` is declared twice; the first is in `{first}`"),
                        )
                        .with_hint("model and enum names must be unique across the schema")
                        .on_key(),
                    );
                } else {
                    self.models.insert(name.to_owned(), source.name.clone());
                    if section == "enums" {
                        self.enums.insert(name.to_owned());
                    }
                }
            }
        }
    }

    fn module_path(&mut self, source: &SourceFile) -> Option<Vec<String>> {
        let stem = source
            .relative
            .strip_suffix(".yaml")
            .or_else(|| source.relative.strip_suffix(".yml"))
            .unwrap_or(&source.relative);
        let mut path = Vec::new();
        for (depth, part) in stem.split('/').enumerate() {
            // The generated root's own modules of blocking and mock items.
            if depth == 0 && names::ROOT_MODULES.contains(&part) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        "",
                        format!("file or folder name `{part}` is taken by the generated code"),
                    )
                    .with_hint("rename the file or folder"),
                );
                return None;
            }
            if let Some(c) = names::first_non_ascii(part) {
                // rustc loads no module file whose name is not ASCII.
                self.error(non_ascii_name(&source.name, "", "file or folder", part, c));
                return None;
            }
            match names::snake_ident(part) {
                Ok(ident) if ident != "mod" && ident != "models_" => path.push(ident),
                _ => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            "",
                            format!("file or folder name `{part}` cannot become a Rust module name"),
                        )
                        .with_hint("use lowercase letters, digits and underscores"),
                    );
                    return None;
                }
            }
        }
        Some(path)
    }

    fn model(&mut self, source: &SourceFile, name: &str, model: &schema::Model) -> Option<ir::Model> {
        // A model whose name was refused is reported already; skip its fields.
        if self.models.get(name) != Some(&source.name) {
            return None;
        }
        let key = format!("models.{name}");
        let fields = self.fields(source, &format!("{key}.fields"), &model.fields, FieldRole::Response);
        let custom_attributes = model.custom_attributes.as_ref().and_then(|spec| {
            let list = fields.iter().find(|field| field.name.wire == spec.list);
            match list.map(|field| &field.ty) {
                Some(Type::List(item)) => match item.as_ref() {
                    Type::Model(item) => Some(ir::CustomAttributeList {
                        list: list.map(|field| field.name.rust.clone()).unwrap_or_default(),
                        item: item.clone(),
                        name: spec.name.clone(),
                        value: spec.value.clone(),
                    }),
                    _ => None,
                },
                _ => None,
            }
            .or_else(|| {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{key}.custom_attributes.list"),
                        format!("`{}` is not a field of `{name}` holding a list of a model", spec.list),
                    )
                    .with_hint("name the field that lists the attributes, such as `attributes`"),
                );
                None
            })
        });
        Some(ir::Model {
            name: name.to_owned(),
            docs: doc_lines(model.description.as_deref()),
            fields,
            custom_attributes,
            request: false,
        })
    }

    /// An enum: variants made from the values, checked for clashes.
    fn enumeration(&mut self, source: &SourceFile, name: &str, spec: &schema::Enum) -> Option<ir::Enum> {
        if self.models.get(name) != Some(&source.name) {
            return None;
        }
        let key = format!("enums.{name}");
        let integer = match spec.ty.as_deref().map(str::trim) {
            None | Some("string") => false,
            Some("integer") => true,
            Some(other) => {
                self.error(
                    Diagnostic::new(&source.name, format!("{key}.type"), format!("unknown enum type `{other}`"))
                        .with_hint("use `string` or `integer`"),
                );
                return None;
            }
        };
        let labelled: Vec<(String, Option<i64>)> = match (&spec.values, integer) {
            (schema::EnumValues::Strings(values), false) => values.iter().map(|value| (value.clone(), None)).collect(),
            (schema::EnumValues::Codes(codes), true) => {
                codes.iter().map(|(label, code)| (label.to_owned(), Some(*code))).collect()
            }
            (schema::EnumValues::Strings(_), true) => {
                self.error(
                    Diagnostic::new(&source.name, format!("{key}.values"), "an integer enum needs its codes")
                        .with_hint("write `values: { visitor: 1, user: 2 }`"),
                );
                return None;
            }
            (schema::EnumValues::Codes(_), false) => {
                self.error(
                    Diagnostic::new(&source.name, format!("{key}.values"), "a string enum lists its values")
                        .with_hint("write `values: [visitor, user]`, or add `type: integer`"),
                );
                return None;
            }
        };
        if labelled.is_empty() {
            self.error(Diagnostic::new(&source.name, format!("{key}.values"), "an enum needs at least one value"));
            return None;
        }
        let mut variants: Vec<ir::Variant> = Vec::new();
        let mut ok = true;
        for (label, code) in labelled {
            let value_key = format!("{key}.values");
            let rust = match names::type_ident(&label) {
                Ok(rust) if rust != names::UNRECOGNIZED_VARIANT => rust,
                Ok(rust) => {
                    self.error(Diagnostic::new(
                        &source.name,
                        value_key,
                        format!("value `{label}` would become `{rust}`, the variant that keeps unknown values"),
                    ));
                    ok = false;
                    continue;
                }
                // Variants live in their enum's namespace, so only `Self` is off limits there.
                Err(names::NameError::Reserved(rust)) if rust != "Self" => rust,
                Err(error) => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            value_key,
                            format!("value `{}` {}", crate::diagnostic::inert(&label), names::describe(&error)),
                        )
                        .with_hint("an enum cannot list this value; type the fields that hold it `string` instead"),
                    );
                    ok = false;
                    continue;
                }
            };
            if let Some(other) = variants.iter().find(|variant| {
                variant.rust == rust || variant.label == label || (code.is_some() && variant.code == code)
            }) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        value_key,
                        format!("values `{label}` and `{}` clash (variant `{rust}` or the same value)", other.label),
                    )
                    .with_hint("each value needs its own name and code"),
                );
                ok = false;
                continue;
            }
            variants.push(ir::Variant { rust, label, code });
        }
        ok.then(|| ir::Enum { name: name.to_owned(), docs: doc_lines(spec.description.as_deref()), variants, integer })
    }

    fn fields(
        &mut self,
        source: &SourceFile,
        key: &str,
        table: &schema::OrderedMap<schema::Field>,
        role: FieldRole,
    ) -> Vec<ir::Field> {
        let mut fields = Vec::new();
        let mut wire_seen = BTreeSet::new();
        let mut rust_seen: BTreeMap<String, String> = BTreeMap::new();
        for (wire, field) in table.iter() {
            let field_key = format!("{key}.{wire}");
            if field.constant.is_some() {
                if role != FieldRole::Query {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{field_key}.const"),
                        "`const` applies to query parameters only",
                    ));
                }
                continue;
            }
            if !field.aliases.is_empty() && role != FieldRole::Response {
                self.error(Diagnostic::new(
                    &source.name,
                    format!("{field_key}.aliases"),
                    "`aliases` applies to model fields only",
                ));
                continue;
            }
            if field.nullable.is_some() && role == FieldRole::Query {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{field_key}.nullable"),
                        "`nullable` applies to request and model fields; a query string cannot carry `null`",
                    )
                    .with_hint("remove `nullable`; leave the parameter unset instead"),
                );
                continue;
            }
            if field.nullable == Some(true) && field.required.0 && role == FieldRole::Request {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{field_key}.nullable"),
                        "a required request field is a `new()` argument and cannot be `nullable`",
                    )
                    .with_hint("make the field `required: no` so that `clear_` can send `null`"),
                );
                continue;
            }
            if !wire_seen.insert(wire) {
                self.error(
                    Diagnostic::new(&source.name, field_key, format!("`{wire}` appears twice in this table"))
                        .with_hint("remove or rename one row")
                        .on_key(),
                );
                continue;
            }
            let rust = match (&field.rust_name, names::snake_ident(wire)) {
                (Some(chosen), _) if names::is_plain_snake_ident(chosen) => chosen.clone(),
                (Some(chosen), _) => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            format!("{field_key}.rust_name"),
                            format!("`{chosen}` is not a usable snake_case Rust name"),
                        )
                        .with_hint("use lowercase letters, digits and `_`, not a keyword"),
                    );
                    continue;
                }
                (None, Ok(rust)) => rust,
                (None, Err(error)) => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            field_key,
                            format!("field name `{}` {}", crate::diagnostic::inert(wire), names::describe(&error)),
                        )
                        .with_hint("give the row a name (the docs' examples usually show it), or a `rust_name`")
                        .on_key(),
                    );
                    continue;
                }
            };
            // Methods named after fields (setters of optional request and query fields, accessors
            // of aliased model fields) must not hide a trait's method.
            let has_methods = if role == FieldRole::Response { !field.aliases.is_empty() } else { !field.required.0 };
            let rust = if has_methods { names::avoid_trait_methods(rust) } else { rust };
            if let Some(other) = rust_seen.get(&rust) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        format!("`{wire}` and `{other}` both become the Rust field `{rust}`"),
                    )
                    .with_hint("give one of them a `rust_name`")
                    .on_key(),
                );
                continue;
            }
            if role == FieldRole::Request && ["new", "validate", "custom_attribute"].contains(&rust.as_str()) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        format!("`{wire}` would become `{rust}`, a method every request already has"),
                    )
                    .with_hint("give the row a `rust_name`"),
                );
                continue;
            }
            if role == FieldRole::Query && names::QUERY_METHODS.contains(&rust.as_str()) {
                let what = if rust == "filters" { "the field of `filter` lookups" } else { "a method every query has" };
                self.error(
                    Diagnostic::new(&source.name, field_key, format!("`{wire}` would become `{rust}`, {what}"))
                        .with_hint("give the row a `rust_name`")
                        .on_key(),
                );
                continue;
            }
            if role == FieldRole::Response && has_methods && names::MODEL_MEMBERS.contains(&rust.as_str()) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        format!(
                            "`{wire}` has aliases, so it would get the accessor `{rust}()`, which models already have"
                        ),
                    )
                    .with_hint("give the row a `rust_name`")
                    .on_key(),
                );
                continue;
            }
            if role == FieldRole::Request
                && rust_seen
                    .keys()
                    .any(|other| names::clear_method(other) == rust || names::clear_method(&rust) == *other)
            {
                self.error(Diagnostic::new(
                    &source.name,
                    field_key,
                    format!("`{wire}` clashes with the `clear_` setter of another field"),
                ));
                continue;
            }
            if role == FieldRole::Request && rust == "custom_attributes" {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        "`custom_attributes` is the name of the custom attribute map of every request",
                    )
                    .with_hint("give the row a `rust_name`"),
                );
                continue;
            }
            if role == FieldRole::Response && rust == "extra" {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        field_key,
                        "`extra` is the name of the map that keeps unknown keys of every model",
                    )
                    .with_hint("give the row a `rust_name`"),
                );
                continue;
            }
            rust_seen.insert(rust.clone(), wire.to_owned());
            let Some(ty) = self.type_expr(source, &format!("{field_key}.type"), &field.ty) else { continue };
            if let Some(max) = field.max_length {
                if ty != Type::String {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{field_key}.max_length"),
                        "`max_length` applies to `string` fields only",
                    ));
                    continue;
                }
                if max == 0 {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{field_key}.max_length"),
                        "`max_length` must be at least 1",
                    ));
                    continue;
                }
            }
            let mut docs = doc_lines(field.description.as_deref());
            if docs.is_empty() {
                docs.push(format!("`{wire}` (undocumented)."));
            }
            if let Some(max) = field.max_length {
                push_paragraph(
                    &mut docs,
                    &format!("At most {max} characters; longer values are refused before sending."),
                );
            }
            if let Some(note) = &field.note {
                push_paragraph(&mut docs, &format!("Schema note: {note}."));
            }
            if role == FieldRole::Query && !is_query_type(&ty) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        format!("{field_key}.type"),
                        format!("a query parameter cannot be `{}`", field.ty.trim()),
                    )
                    .with_hint("use string, integer, number, boolean, timestamp, date, datetime, decimal or an enum"),
                );
                continue;
            }
            fields.push(ir::Field {
                name: Name { wire: wire.to_owned(), rust },
                ty,
                required: field.required.0,
                nullable: match role {
                    FieldRole::Request => !field.required.0 && field.nullable.unwrap_or(self.request_nullable),
                    FieldRole::Response => field.nullable.unwrap_or(false),
                    FieldRole::Query => false,
                },
                docs,
                max_length: field.max_length,
                deprecated: field.deprecated.clone(),
                boxed: false,
                aliases: Vec::new(),
            });
        }
        // Aliases name other fields of the same table, by wire name.
        for (wire, field) in table.iter().filter(|(_, field)| !field.aliases.is_empty() && role == FieldRole::Response)
        {
            let mut resolved = Vec::new();
            for alias in &field.aliases {
                match fields.iter().find(|other| &other.name.wire == alias && other.name.wire != wire) {
                    Some(other)
                        if other.ty
                            == fields.iter().find(|f| f.name.wire == wire).map_or(Type::Json, |f| f.ty.clone()) =>
                    {
                        resolved.push(other.name.rust.clone())
                    }
                    Some(_) => self.error(Diagnostic::new(
                        &source.name,
                        format!("{key}.{wire}.aliases"),
                        format!("alias `{alias}` has a different type than `{wire}`"),
                    )),
                    None => self.error(
                        Diagnostic::new(
                            &source.name,
                            format!("{key}.{wire}.aliases"),
                            format!("alias `{alias}` is not another field of this model"),
                        )
                        .with_hint(format!(
                            "add `{alias}` as a field too; `{wire}()` then returns whichever is present"
                        )),
                    ),
                }
            }
            if let Some(target) = fields.iter_mut().find(|f| f.name.wire == wire) {
                target.aliases = resolved;
            }
        }
        fields
    }

    /// Parses a type expression: a primitive, `list(T)` (or the docs' `T(list)`), or a model name.
    fn type_expr(&mut self, source: &SourceFile, key: &str, text: &str) -> Option<Type> {
        match parse_type(text.trim(), &self.models, &self.enums) {
            Ok(ty) => Some(ty),
            Err(TypeError::Unclosed) => {
                self.error(
                    Diagnostic::new(&source.name, key, format!("type `{text}` is missing its closing `)`"))
                        .with_hint("write `list(string)`"),
                );
                None
            }
            Err(TypeError::Unknown(name)) => {
                let candidates =
                    PRIMITIVE_TYPES.iter().map(|(name, _)| *name).chain(self.models.keys().map(String::as_str));
                let hint = match closest(&name, candidates) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "use string, integer, number, boolean, datetime, date, json, list(T) or a model name ({})",
                        self.models.keys().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
                    ),
                };
                self.error(Diagnostic::new(&source.name, key, format!("unknown type `{name}`")).with_hint(hint));
                None
            }
        }
    }

    fn endpoint(
        &mut self,
        source: &SourceFile,
        file: &SchemaFile,
        name: &str,
        endpoint: &schema::Endpoint,
    ) -> Option<ir::Endpoint> {
        let key = format!("endpoints.{name}");
        let errors_before = self.diagnostics.len();
        let method_name = match names::snake_ident(name) {
            _ if names::first_non_ascii(name).is_some() => {
                let c = names::first_non_ascii(name).unwrap_or_default();
                self.error(non_ascii_name(&source.name, &key, "endpoint", name, c));
                None
            }
            Ok(rust) if names::TRAIT_METHODS.contains(&rust.as_str()) => {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        &key,
                        format!("endpoint name `{name}` becomes the method `{rust}`, which would hide the trait method of that name"),
                    )
                    .with_hint(format!("rename the endpoint (such as `{rust}_item`); `client.{rust}()` must stay the trait's"))
                    .on_key(),
                );
                None
            }
            Ok(rust) if names::CLIENT_METHODS.contains(&rust.as_str()) => {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        &key,
                        format!(
                            "endpoint name `{name}` becomes the method `{rust}`, which the generated code already has"
                        ),
                    )
                    .with_hint("rename the endpoint; the generated `Client` and `MockServer` use this name"),
                );
                None
            }
            Ok(rust) if names::is_snake_case(name) => Some(rust),
            Ok(rust) => {
                self.error(
                    Diagnostic::new(&source.name, &key, format!("endpoint name `{name}` is not snake_case"))
                        .with_hint(format!("write `{rust}`")),
                );
                None
            }
            Err(error) => {
                self.error(Diagnostic::new(
                    &source.name,
                    &key,
                    format!("endpoint name `{name}` {}", names::describe(&error)),
                ));
                None
            }
        };
        let method = METHODS
            .iter()
            .find(|(text, _)| text.eq_ignore_ascii_case(endpoint.method.trim()))
            .map(|(_, method)| *method);
        if method.is_none() {
            self.error(
                Diagnostic::new(
                    &source.name,
                    format!("{key}.method"),
                    format!("unsupported HTTP method `{}`", endpoint.method),
                )
                .with_hint("use GET, POST, PUT, PATCH or DELETE"),
            );
        }
        let path_params = self.path_params(source, &key, endpoint);
        let segments = self.path(source, &key, &endpoint.path, &path_params);
        let request = match (&endpoint.request, &endpoint.custom_attributes) {
            (None, None) => None,
            (table, custom) => {
                let empty = schema::OrderedMap::default();
                let fields = self.fields(
                    source,
                    &format!("{key}.request"),
                    table.as_ref().unwrap_or(&empty),
                    FieldRole::Request,
                );
                let type_name =
                    method_name.as_deref().and_then(|method| self.generated_type(source, &key, method, "request"));
                type_name.map(|type_name| ir::RequestBody {
                    type_name,
                    fields,
                    custom_attributes: custom.as_ref().map(custom_attribute_docs),
                })
            }
        };
        let query = self.query(source, &key, endpoint, method_name.as_deref());
        let response = match endpoint.response.as_deref().map(str::trim) {
            Some("none") => Some(ir::Response::Nothing),
            Some(text) => match text.strip_prefix("page(").and_then(|rest| rest.strip_suffix(')')) {
                Some(item) => self.type_expr(source, &format!("{key}.response"), item).map(ir::Response::Page),
                None => self.type_expr(source, &format!("{key}.response"), text).map(ir::Response::Value),
            },
            None => {
                self.error(
                    Diagnostic::new(&source.name, &key, "endpoint has no `response`")
                        .with_hint("name the type of the success body (`User`, `page(User)`), or write `none`"),
                );
                None
            }
        };
        if matches!(response, Some(ir::Response::Page(_))) && request.is_some() {
            self.error(Diagnostic::new(
                &source.name,
                format!("{key}.request"),
                "a paginated endpoint cannot take a request body",
            ));
        }
        let source_marker = match endpoint.source.as_deref() {
            None => None,
            Some(marker @ ("DOC" | "LEGACY" | "CODE")) => Some(marker),
            Some(other) => {
                self.error(
                    Diagnostic::new(&source.name, format!("{key}.source"), format!("unknown source `{other}`"))
                        .with_hint("use DOC (the vendor's docs), LEGACY (older vendor docs) or CODE (seen in client libraries only)"),
                );
                None
            }
        };
        let errors = self.error_table(&source.name, &format!("{key}.errors"), &endpoint.errors);
        if let Some(examples) = &endpoint.examples {
            let body_type = match &response {
                Some(ir::Response::Value(ty)) => Some(ty),
                _ => None,
            };
            self.examples(source, &key, examples, request.as_ref(), body_type);
        }
        if self.diagnostics.len() != errors_before {
            return None;
        }
        let mut docs = Vec::new();
        if let Some(title) = &endpoint.title {
            docs.push(format!("{title}."));
        }
        for line in doc_lines(endpoint.description.as_deref()) {
            if docs.len() == 1 && !line.is_empty() {
                docs.push(String::new());
            }
            docs.push(line);
        }
        let method = method?;
        // Method and path, source, docs page and schema file: one line, one paragraph.
        let mut facts = vec![format!("`{} {}`", method.as_str(), endpoint.path)];
        if let Some(marker) = source_marker {
            let meaning = match marker {
                "DOC" => "documented by the vendor",
                "LEGACY" => "documented only in the vendor's older docs",
                _ => "not documented by the vendor; seen in public client libraries",
            };
            let detail = endpoint.sources.as_deref().map(|text| format!(" ({})", text.trim())).unwrap_or_default();
            facts.push(format!("Source: **{marker}**, {meaning}{detail}."));
        }
        if let Some(page) = &file.page {
            facts.push(format!("Docs: <{page}>"));
        }
        facts.push(format!("Schema: `{}`", source.name));
        push_paragraph(&mut docs, &facts.join(" · "));
        Some(ir::Endpoint {
            name: Name { wire: name.to_owned(), rust: method_name? },
            title: endpoint.title.clone(),
            docs,
            method,
            path_template: endpoint.path.clone(),
            segments: segments?,
            path_params: path_params?,
            request,
            query: query?,
            response: response?,
            retry_safe: endpoint.retry_safe,
            source: source_marker.map(str::to_owned),
            request_example: endpoint.examples.as_ref().and_then(|examples| examples.request.clone()),
            response_example: endpoint.examples.as_ref().and_then(|examples| examples.response.clone()),
            errors,
        })
    }

    /// The `<Endpoint>Request` or `<Endpoint>Query` type name of an endpoint (`which` is
    /// `request` or `query`), or an error.
    fn generated_type(&mut self, source: &SourceFile, key: &str, method: &str, which: &str) -> Option<String> {
        let made = if which == "request" { names::request_type_ident(method) } else { names::query_type_ident(method) };
        made.map_err(|error| {
            self.error(
                Diagnostic::new(
                    &source.name,
                    key,
                    format!("the {which} type of this endpoint {}", names::describe(&error)),
                )
                .with_hint("rename the endpoint"),
            );
        })
        .ok()
    }

    /// The query table: parameters (a builder type) and constants (always sent).
    fn query(
        &mut self,
        source: &SourceFile,
        key: &str,
        endpoint: &schema::Endpoint,
        method_name: Option<&str>,
    ) -> Option<Option<ir::QueryParams>> {
        let empty = schema::OrderedMap::default();
        let table = match (&endpoint.query, endpoint.filters) {
            (None, false) => return Some(None),
            (table, _) => table.as_ref().unwrap_or(&empty),
        };
        let before = self.diagnostics.len();
        let fields = self.fields(source, &format!("{key}.query"), table, FieldRole::Query);
        let mut constants = Vec::new();
        for (wire, field) in table.iter() {
            let Some(value) = &field.constant else { continue };
            let text = match value {
                serde_yaml::Value::Bool(flag) => flag.to_string(),
                serde_yaml::Value::Number(number) => number.to_string(),
                serde_yaml::Value::String(text) => text.clone(),
                _ => {
                    self.error(Diagnostic::new(
                        &source.name,
                        format!("{key}.query.{wire}.const"),
                        "a constant must be a string, number or boolean",
                    ));
                    continue;
                }
            };
            constants.push((wire.to_owned(), text));
        }
        if self.diagnostics.len() != before {
            return None;
        }
        let type_name = self.generated_type(source, key, method_name?, "query")?;
        Some(Some(ir::QueryParams { type_name, fields, constants, filters: endpoint.filters }))
    }

    fn path_params(
        &mut self,
        source: &SourceFile,
        key: &str,
        endpoint: &schema::Endpoint,
    ) -> Option<Vec<ir::PathParam>> {
        let mut params = Vec::new();
        let mut ok = true;
        for (wire, param) in endpoint.path_params.iter() {
            let param_key = format!("{key}.path_params.{wire}");
            let rust = match names::snake_ident(wire) {
                Ok(rust) => rust,
                Err(error) => {
                    self.error(Diagnostic::new(
                        &source.name,
                        param_key,
                        format!("path parameter `{wire}` {}", names::describe(&error)),
                    ));
                    ok = false;
                    continue;
                }
            };
            if names::ENDPOINT_LOCALS.contains(&rust.as_str()) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        param_key,
                        format!(
                            "path parameter `{wire}` becomes `{rust}`, a parameter or local of the generated method"
                        ),
                    )
                    .with_hint("rename it in `path` and `path_params` (the name is not sent)")
                    .on_key(),
                );
                ok = false;
                continue;
            }
            if let Some(other) = params.iter().find(|p: &&ir::PathParam| p.name.wire == wire || p.name.rust == rust) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        param_key,
                        format!("path parameters `{wire}` and `{}` both become `{rust}`", other.name.wire),
                    )
                    .with_hint("rename one in `path` and `path_params` (the name is not sent)")
                    .on_key(),
                );
                ok = false;
                continue;
            }
            match parse_type(param.ty.trim(), &BTreeMap::new(), &BTreeSet::new()) {
                Ok(ty @ (Type::Integer | Type::String)) => params.push(ir::PathParam {
                    name: Name { wire: wire.to_owned(), rust },
                    ty,
                    docs: doc_lines(param.description.as_deref()),
                }),
                _ => {
                    self.error(
                        Diagnostic::new(
                            &source.name,
                            format!("{param_key}.type"),
                            format!("path parameter type `{}` is not supported", param.ty),
                        )
                        .with_hint("use `integer` or `string`"),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(params)
    }

    fn path(
        &mut self,
        source: &SourceFile,
        key: &str,
        path: &str,
        params: &Option<Vec<ir::PathParam>>,
    ) -> Option<Vec<PathSegment>> {
        let key = format!("{key}.path");
        let Some(inner) = path.strip_prefix('/') else {
            self.error(
                Diagnostic::new(&source.name, key, format!("path `{path}` must start with `/`"))
                    .with_hint("write it as the docs do, such as `/users/:id/`"),
            );
            return None;
        };
        let inner = inner.strip_suffix('/').unwrap_or(inner);
        let mut segments = Vec::new();
        let mut used = BTreeSet::new();
        let mut ok = true;
        for part in inner.split('/') {
            let placeholder =
                part.strip_prefix(':').or_else(|| part.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')));
            if let Some(placeholder) = placeholder {
                let Some(params) = params else { continue };
                match params.iter().position(|param| param.name.wire == placeholder) {
                    Some(index) => {
                        used.insert(placeholder);
                        segments.push(PathSegment::Param(index));
                    }
                    None => {
                        self.error(
                            Diagnostic::new(
                                &source.name,
                                &key,
                                format!("path parameter `{placeholder}` is used in the path but not declared"),
                            )
                            .with_hint(format!("add `{placeholder}` under `path_params`")),
                        );
                        ok = false;
                    }
                }
            } else if part == "." || part == ".." {
                self.error(
                    Diagnostic::new(&source.name, &key, format!("path `{path}` has a `{part}` segment"))
                        .with_hint("a dot segment would move the request outside the endpoint's path; remove it"),
                );
                ok = false;
            } else if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) {
                self.error(
                    Diagnostic::new(&source.name, &key, format!("path `{path}` has an invalid segment `{part}`"))
                        .with_hint("literal segments use letters, digits, `-`, `.`, `_` and `~`; parameters are written `:name`"),
                );
                ok = false;
            } else {
                segments.push(PathSegment::Literal(part.to_owned()));
            }
        }
        if let Some(params) = params {
            for param in params.iter().filter(|param| !used.contains(param.name.wire.as_str())) {
                self.error(
                    Diagnostic::new(
                        &source.name,
                        &key,
                        format!("path parameter `{}` is declared but not used in the path", param.name.wire),
                    )
                    .with_hint(format!("add `:{}` to the path or remove the parameter", param.name.wire)),
                );
                ok = false;
            }
        }
        ok.then_some(segments)
    }

    fn examples(
        &mut self,
        source: &SourceFile,
        key: &str,
        examples: &schema::Examples,
        request: Option<&ir::RequestBody>,
        response: Option<&Type>,
    ) {
        if let Some(text) = &examples.request {
            let example_key = format!("{key}.examples.request");
            if let Some(object) = self.example_object(source, &example_key, text, "request") {
                match request {
                    None => self.error(Diagnostic::new(
                        &source.name,
                        example_key,
                        "request example given, but the endpoint has no `request` table",
                    )),
                    Some(request) if request.custom_attributes.is_none() => {
                        for name in object.keys() {
                            if !request.fields.iter().any(|field| &field.name.wire == name) {
                                self.error(
                                    Diagnostic::new(
                                        &source.name,
                                        &example_key,
                                        format!("request example sends `{name}`, which is not in the `request` table"),
                                    )
                                    .with_hint("add the row to `request`, with a `note` that the docs' table misses it")
                                    .inside(json_key_position(text, name)),
                                );
                            }
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(text) = &examples.response {
            let example_key = format!("{key}.examples.response");
            let Some(object) = self.example_object(source, &example_key, text, "response") else { return };
            let Some(Type::Model(model)) = response else { return };
            let keys = object.keys().map(|name| (name.clone(), json_key_position(text, name))).collect();
            self.response_examples.push(ResponseExample {
                file: source.name.clone(),
                key: example_key,
                model: model.clone(),
                keys,
            });
        }
    }

    /// Parses an example that must be a JSON object, reporting where it is not.
    fn example_object(
        &mut self,
        source: &SourceFile,
        key: &str,
        text: &str,
        which: &str,
    ) -> Option<serde_json::Map<String, serde_json::Value>> {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(object)) => Some(object),
            Ok(_) => {
                self.error(Diagnostic::new(&source.name, key, format!("{which} example must be a JSON object")));
                None
            }
            Err(error) => {
                let message = error.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                self.error(
                    Diagnostic::new(&source.name, key, format!("{which} example is not valid JSON: {message}"))
                        .with_hint("the docs' examples are sometimes not JSON; repair it here and say so in a comment")
                        .inside(Some((error.line(), error.column().max(1)))),
                );
                None
            }
        }
    }
}

impl Lowering {
    /// A request or query type such as `UpdateUserRequest` must not take the name of a model,
    /// of another endpoint's type, or one the generated code uses.
    fn check_request_type_names(&mut self, modules: &[ir::Module]) {
        let mut generated: BTreeMap<String, String> = BTreeMap::new();
        for module in modules {
            for endpoint in &module.endpoints {
                let request = endpoint.request.iter().map(|request| &request.type_name);
                let query = endpoint.query.iter().map(|query| &query.type_name);
                let key = format!("endpoints.{}", endpoint.name.wire);
                for type_name in request.chain(query) {
                    if let Some(model_file) = self.models.get(type_name) {
                        let model_file = model_file.clone();
                        self.error(
                            Diagnostic::new(
                                &module.source,
                                &key,
                                format!("the type `{type_name}` generated for this endpoint clashes with the type of that name in `{model_file}`"),
                            )
                            .with_hint("rename the model or the endpoint"),
                        );
                    } else if let Some(other) = generated.get(type_name) {
                        let other = other.clone();
                        self.error(
                            Diagnostic::new(
                                &module.source,
                                &key,
                                format!("the type `{type_name}` generated for this endpoint is also generated for endpoint `{other}`"),
                            )
                            .with_hint("rename one of the endpoints"),
                        );
                    } else if names::RESERVED_TYPE_NAMES.contains(&type_name.as_str()) {
                        self.error(
                            Diagnostic::new(
                                &module.source,
                                &key,
                                format!("the type `{type_name}` generated for this endpoint is a name the generated code already uses"),
                            )
                            .with_hint("rename the endpoint"),
                        );
                    } else {
                        generated.insert(type_name.clone(), endpoint.name.wire.clone());
                    }
                }
            }
        }
    }

    /// A model sent in requests gets `new()`, a setter named after each optional field and a
    /// `clear_` method for each nullable one, so those names must be free.
    fn check_request_models(&mut self, modules: &[ir::Module]) {
        for module in modules {
            for model in module.models.iter().filter(|model| model.request) {
                for field in &model.fields {
                    let key = format!("models.{}.fields.{}", model.name, field.name.wire);
                    let rust = &field.name.rust;
                    let problem = if !field.aliases.is_empty() {
                        Some((
                            format!("{key}.aliases"),
                            "`aliases` makes an accessor named after the field, which a model sent in a request body uses for its setter".to_owned(),
                            "remove `aliases`, or send a model of its own in requests",
                        ))
                    } else if rust == "new" || (rust == "custom_attributes" && model.custom_attributes.is_some()) {
                        Some((
                            key,
                            format!(
                                "`{}` would become `{rust}`, a method this model has because a request body sends it",
                                field.name.wire
                            ),
                            "give the field a `rust_name`",
                        ))
                    } else if model.fields.iter().any(|other| names::clear_method(&other.name.rust) == *rust) {
                        Some((
                            key,
                            format!(
                                "`{}` clashes with the `clear_` setter of another field of this model, which a request body sends",
                                field.name.wire
                            ),
                            "give the field a `rust_name`",
                        ))
                    } else {
                        None
                    };
                    if let Some((key, message, hint)) = problem {
                        self.error(Diagnostic::new(&module.source, key, message).with_hint(hint));
                    }
                }
            }
        }
    }

    /// A file and a folder of the same name (`users.yaml` next to `users/`) would both be the
    /// module `users`.
    fn check_module_folders(&mut self, module_paths: &BTreeMap<Vec<String>, &str>) {
        for (path, file) in module_paths {
            let inside = module_paths.iter().find(|(other, _)| other.len() > path.len() && other.starts_with(path));
            if let Some((_, other)) = inside {
                self.error(
                    Diagnostic::new(
                        file,
                        "",
                        format!("this file's module `{}` is also the folder of `{other}`", path.join("::")),
                    )
                    .with_hint("rename the file or the folder"),
                );
            }
        }
    }

    /// Every method of `Client` is an endpoint's or one the emitter adds: `<name>_all` for a
    /// paginated endpoint must not be another endpoint's name.
    fn check_client_methods(&mut self, modules: &[ir::Module]) {
        let mut methods: BTreeMap<String, String> = BTreeMap::new();
        let endpoints = || modules.iter().flat_map(|module| module.endpoints.iter().map(move |e| (module, e)));
        for (_, endpoint) in endpoints() {
            methods.insert(endpoint.name.rust.clone(), endpoint.name.wire.clone());
        }
        for (module, endpoint) in endpoints() {
            if !matches!(endpoint.response, ir::Response::Page(_)) {
                continue;
            }
            let all = names::all_pages_method(&endpoint.name.rust);
            if let Some(other) = methods.get(&all) {
                self.error(
                    Diagnostic::new(
                        &module.source,
                        format!("endpoints.{}.response", endpoint.name.wire),
                        format!("a paginated endpoint gets the method `{all}`, which is the endpoint `{other}`"),
                    )
                    .with_hint("rename one of the endpoints"),
                );
            }
        }
    }

    /// The items of a custom attribute list must have the named name and value fields.
    fn check_custom_attribute_lists(&mut self, modules: &[ir::Module]) {
        let models: BTreeMap<&str, &ir::Model> =
            modules.iter().flat_map(|module| &module.models).map(|model| (model.name.as_str(), model)).collect();
        for module in modules {
            for model in &module.models {
                let Some(spec) = &model.custom_attributes else { continue };
                let Some(item) = models.get(spec.item.as_str()) else { continue };
                for (role, wire) in [("name", &spec.name), ("value", &spec.value)] {
                    if !item.fields.iter().any(|field| &field.name.wire == wire) {
                        self.error(
                            Diagnostic::new(
                                &module.source,
                                format!("models.{}.custom_attributes.{role}", model.name),
                                format!("`{wire}` is not a field of `{}`", spec.item),
                            )
                            .with_hint(format!("name the field of `{}` that holds the attribute's {role}", spec.item)),
                        );
                    }
                }
            }
        }
    }

    /// Every key of a documented response must be a field of its model: the schema claims to cover
    /// the docs' example, and this keeps the claim true.
    fn check_response_examples(&mut self, modules: &[ir::Module]) {
        let models: BTreeMap<&str, &ir::Model> =
            modules.iter().flat_map(|module| &module.models).map(|model| (model.name.as_str(), model)).collect();
        for example in std::mem::take(&mut self.response_examples) {
            let Some(model) = models.get(example.model.as_str()) else { continue };
            for (key, position) in &example.keys {
                if !model.fields.iter().any(|field| &field.name.wire == key) {
                    self.error(
                        Diagnostic::new(
                            &example.file,
                            &example.key,
                            format!("response example has `{key}`, which model `{}` does not declare", example.model),
                        )
                        .with_hint(format!("add `{key}` to the fields of `{}`", example.model))
                        .inside(*position),
                    );
                }
            }
        }
    }
}

/// Marks the models a request body can hold, directly or through lists and other models: they
/// get a builder, and their optional nullable fields can send `null`.
fn mark_request_models(modules: &mut [ir::Module]) {
    fn model_of(ty: &Type) -> Option<&str> {
        match ty {
            Type::List(item) => model_of(item),
            Type::Model(name) => Some(name),
            _ => None,
        }
    }
    let fields_of: BTreeMap<String, Vec<String>> = modules
        .iter()
        .flat_map(|module| &module.models)
        .map(|model| {
            let targets = model.fields.iter().filter_map(|field| model_of(&field.ty)).map(str::to_owned);
            (model.name.clone(), targets.collect())
        })
        .collect();
    let mut pending: Vec<String> = modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .filter_map(|endpoint| endpoint.request.as_ref())
        .flat_map(|request| &request.fields)
        .filter_map(|field| model_of(&field.ty))
        .map(str::to_owned)
        .collect();
    let mut reached = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if reached.insert(name.clone()) {
            pending.extend(fields_of.get(&name).into_iter().flatten().cloned());
        }
    }
    for model in modules.iter_mut().flat_map(|module| &mut module.models) {
        model.request = reached.contains(&model.name);
    }
}

/// Marks fields that hold a model which (directly, not through a list) contains the field's own
/// model again; those need a `Box`. The walk keeps a visited set, so cycles end.
fn mark_boxed_fields(modules: &mut [ir::Module]) {
    let direct_edges: BTreeMap<String, Vec<String>> = modules
        .iter()
        .flat_map(|module| &module.models)
        .map(|model| {
            let targets = model.fields.iter().filter_map(|field| match &field.ty {
                Type::Model(target) => Some(target.clone()),
                _ => None,
            });
            (model.name.clone(), targets.collect())
        })
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(current) = stack.pop() {
            if current == to {
                return true;
            }
            if seen.insert(current.clone()) {
                stack.extend(direct_edges.get(&current).into_iter().flatten().cloned());
            }
        }
        false
    };
    for model in modules.iter_mut().flat_map(|module| &mut module.models) {
        for field in &mut model.fields {
            if let Type::Model(target) = &field.ty {
                field.boxed = reaches(target, &model.name);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldRole {
    Request,
    Response,
    Query,
}

/// Types a query string can carry.
fn is_query_type(ty: &Type) -> bool {
    !matches!(ty, Type::List(_) | Type::Model(_) | Type::Json)
}

#[derive(Debug, PartialEq)]
enum TypeError {
    Unclosed,
    Unknown(String),
}

/// `string`, `list(strings)`, `integer(list)` (a spelling the docs use), `User`, `list(User)`.
fn parse_type(text: &str, models: &BTreeMap<String, String>, enums: &BTreeSet<String>) -> Result<Type, TypeError> {
    // The postfix form binds outermost: `list(string)(list)` is a list of `list(string)`.
    if let Some(inner) = text.strip_suffix("(list)") {
        return Ok(Type::List(Box::new(parse_type(inner.trim(), models, enums)?)));
    }
    if let Some(rest) = text.strip_prefix("list(").or_else(|| text.strip_prefix("list (")) {
        let inner = rest.strip_suffix(')').ok_or(TypeError::Unclosed)?;
        return Ok(Type::List(Box::new(parse_type(inner.trim(), models, enums)?)));
    }
    if text.contains('(') || text.contains(')') {
        return Err(if text.contains(')') { TypeError::Unknown(text.to_owned()) } else { TypeError::Unclosed });
    }
    if let Some((_, ty)) = PRIMITIVE_TYPES.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)) {
        return Ok(ty.clone());
    }
    if enums.contains(text) {
        return Ok(Type::Enum(text.to_owned()));
    }
    if models.contains_key(text) {
        return Ok(Type::Model(text.to_owned()));
    }
    Err(TypeError::Unknown(text.to_owned()))
}

/// The candidate nearest to a misspelt word, if it is near enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .map(|candidate| (strsim::damerau_levenshtein(&lower, &candidate.to_lowercase()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min()
        .map(|(_, candidate)| candidate)
}

fn custom_attribute_docs(custom: &schema::CustomAttributes) -> Vec<String> {
    let mut docs = vec!["Custom attributes, sent as extra top-level keys of the body.".to_owned()];
    let described = custom.description.as_deref().map(str::trim).filter(|text| !text.is_empty());
    match (&custom.placeholder, described) {
        (Some(row), Some(text)) => push_paragraph(
            &mut docs,
            &format!("The docs' table stands for them with the placeholder row `{row}`: \"{text}\""),
        ),
        (Some(row), None) => {
            push_paragraph(&mut docs, &format!("The docs' table stands for them with the placeholder row `{row}`."))
        }
        (None, Some(text)) => push_paragraph(&mut docs, text),
        (None, None) => {}
    }
    docs
}

/// Line and column (1-based) of `"name":` inside a JSON text, for pointing into examples.
fn json_key_position(text: &str, name: &str) -> Option<(usize, usize)> {
    let quoted = serde_json::to_string(name).ok()?;
    let at = text.find(&quoted)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Some((line, column))
}

/// Description text as doc lines: trailing spaces dropped, no leading or trailing blank lines.
fn doc_lines(text: Option<&str>) -> Vec<String> {
    let mut lines: Vec<String> = text.unwrap_or("").lines().map(|line| line.trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

fn push_paragraph(docs: &mut Vec<String>, paragraph: &str) {
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(paragraph.to_owned());
}

/// Why a header may not be set by the schema (the hint), for headers that frame the message or
/// belong to one connection (RFC 9110 section 7.6.1), which the HTTP stack sets: a wrong
/// `Content-Length` would cut every body, a `Host` would send the request elsewhere.
fn refused_header(name: &str) -> Option<&'static str> {
    const FRAMING: &[&str] = &[
        "content-length",
        "transfer-encoding",
        "host",
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "upgrade",
        "expect",
    ];
    let lower = name.to_ascii_lowercase();
    if FRAMING.contains(&lower.as_str()) {
        Some("the HTTP stack sets framing and connection headers itself; remove it")
    } else if lower == "user-agent" {
        Some("set it with `api.user_agent`")
    } else {
        None
    }
}

/// What is wrong with a base URL template beyond its scheme and trailing `/`: user
/// credentials (which would be printed and sent), a query or fragment (which paths are not
/// joined after), dot segments, or characters that are not URL text.
fn base_url_problem(template: &str) -> Option<&'static str> {
    if template.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Some("has spaces or control characters");
    }
    if template.contains('?') || template.contains('#') {
        return Some("must not have a query or fragment");
    }
    let after_scheme = template.split_once("://").map_or(template, |(_, rest)| rest);
    let (authority, path) = after_scheme.split_once('/').unwrap_or((after_scheme, ""));
    if authority.contains('@') {
        return Some("must not hold user credentials (`user:password@`); the API key goes in `auth`");
    }
    if authority.is_empty() {
        return Some("has no host");
    }
    if path.split('/').any(|segment| segment == "." || segment == "..") {
        return Some("must not have `.` or `..` segments");
    }
    None
}

/// A schema-chosen name (endpoint, type, file) with a character that is not ASCII.
fn non_ascii_name(file: &str, key: &str, what: &str, name: &str, c: char) -> Diagnostic {
    Diagnostic::new(
        file,
        key,
        format!(
            "{what} name `{}` has `{}`, which generated Rust names do not use",
            crate::diagnostic::inert(name),
            c.escape_debug()
        ),
    )
    .with_hint("use ASCII letters, digits and `_`")
}

/// An HTTP token (RFC 9110): the characters a header name may hold.
fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_type_t(text: &str, models: &BTreeMap<String, String>) -> Result<Type, TypeError> {
        parse_type(text, models, &BTreeSet::new())
    }

    fn models() -> BTreeMap<String, String> {
        [("User".to_owned(), "user.yaml".to_owned())].into()
    }

    #[test]
    fn types_accept_the_docs_spellings() {
        let list = |ty| Type::List(Box::new(ty));
        assert_eq!(parse_type_t("string", &models()), Ok(Type::String));
        assert_eq!(parse_type_t("list(strings)", &models()), Ok(list(Type::String)));
        assert_eq!(parse_type_t("list(string)", &models()), Ok(list(Type::String)));
        assert_eq!(parse_type_t("integer(list)", &models()), Ok(list(Type::Integer)));
        assert_eq!(parse_type_t("list(list(User))", &models()), Ok(list(list(Type::Model("User".into())))));
        // Found by the property test: the postfix form inside the prefix form.
        assert_eq!(parse_type_t("list(list(string)(list))", &models()), Ok(list(list(list(Type::String)))));
        assert_eq!(parse_type_t("JSON", &models()), Ok(Type::Json));
    }

    #[test]
    fn malformed_types_are_refused() {
        assert_eq!(parse_type_t("list(string", &models()), Err(TypeError::Unclosed));
        assert_eq!(parse_type_t("list(", &models()), Err(TypeError::Unclosed));
        assert_eq!(parse_type_t("strng", &models()), Err(TypeError::Unknown("strng".into())));
        assert_eq!(parse_type_t("Users", &models()), Err(TypeError::Unknown("Users".into())));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let candidates = ["string", "integer", "User"];
        assert_eq!(closest("strng", candidates.into_iter()), Some("string"));
        assert_eq!(closest("intger", candidates.into_iter()), Some("integer"));
        assert_eq!(closest("user", candidates.into_iter()), Some("User"));
        assert_eq!(closest("whatever", candidates.into_iter()), None);
    }

    #[test]
    fn doc_lines_trim_blank_edges() {
        assert_eq!(doc_lines(Some("\nA.  \n\nB.\n\n")), vec!["A.", "", "B."]);
        assert!(doc_lines(None).is_empty());
    }
}
