//! The `api` section: base URL, auth, client headers and the error table.

use super::ctxt::At;
use super::header_names::HeaderPlace;
use super::host;
use super::state::Lowering;
use super::text::doc_lines;
use super::types::parse_type;
use crate::diagnostic::closest;
use crate::ir::{self, Name};
use crate::names::{self, Role};
use crate::schema::{self, SchemaFile};
use crate::source::SourceFile;

impl Lowering {
    pub(super) fn settings(
        &mut self,
        files: &[(SourceFile, SchemaFile)],
        unparsed_files: bool,
    ) -> Option<ir::Settings> {
        let mut declared = files.iter().filter_map(|(source, file)| file.api.as_ref().map(|api| (source, api)));
        let Some((source, api)) = declared.next() else {
            if unparsed_files {
                return None;
            }
            let file = files.first().map_or("schema", |(source, _)| source.name.as_str());
            let api_at = At::file(file).key("api");
            self.error(
                api_at
                    .error("no schema file declares the API settings")
                    .with_hint("add an `api:` section with `name`, `base_url` and `auth` to one file"),
            );
            return None;
        };
        for (again, _) in declared {
            self.error(
                At::file(&again.name)
                    .key("api")
                    .error(format!("`api` is declared again; the first is in `{}`", source.name))
                    .with_hint("keep the API settings in one file"),
            );
        }
        let api_at = At::file(&source.name).key("api");
        let base_url_params = self.base_url(&api_at.key("base_url"), &api.base_url);
        // Every header name of the schema goes through one rule, in this order: the key's
        // header, the fixed headers, the client headers.
        let mut claimed = Vec::new();
        if let Some(auth) = &api.auth {
            self.claim_header(&api_at.key("auth").key("header"), &auth.header, HeaderPlace::Auth, &mut claimed);
        }
        let auth_scheme = api.auth.as_ref().and_then(|auth| auth.scheme.clone()).unwrap_or_default();
        let scheme_written = api.auth.as_ref().is_some_and(|auth| auth.scheme.is_some());
        if scheme_written && (auth_scheme.is_empty() || !auth_scheme.bytes().all(|b| b.is_ascii_graphic())) {
            self.error(
                api_at
                    .key("auth")
                    .key("scheme")
                    .error(if auth_scheme.is_empty() {
                        "`scheme` is empty".to_owned()
                    } else {
                        format!("`{}` is not a valid authorization scheme", crate::diagnostic::inert(&auth_scheme))
                    })
                    .with_hint(
                        "a scheme is one word sent before the key (`Token`, `Bearer`); leave `scheme` out to send the key alone",
                    ),
            );
        }
        if let Some(agent) = &api.user_agent
            && (agent.is_empty() || !agent.bytes().all(|b| b == b' ' || b.is_ascii_graphic()))
        {
            self.error(api_at.key("user_agent").error("a user agent must be printable ASCII"));
        }
        let headers = self.fixed_headers(&api_at, api, &mut claimed);
        let client_headers = self.client_headers(
            &api_at.key("client_headers"),
            api,
            base_url_params.as_deref().unwrap_or(&[]),
            &mut claimed,
        );
        Some(ir::Settings {
            name: api.name.clone(),
            description: doc_lines(api.description.as_deref()),
            docs: api.docs.clone(),
            source: source.name.clone(),
            base_url_template: api.base_url.clone(),
            base_url_params: base_url_params?,
            trailing_slash: api.trailing_slash,
            // Empty: the API takes no auth.
            auth_header: api.auth.as_ref().map(|auth| auth.header.clone()).unwrap_or_default(),
            auth_scheme,
            auth_description: api.auth.as_ref().and_then(|auth| auth.description.clone()),
            headers,
            client_headers,
            user_agent: api.user_agent.clone(),
            datetime_format: match api.datetime_format {
                schema::DateTimeFormat::Rfc3339 => ir::DateTimeFormat::Rfc3339,
                schema::DateTimeFormat::Rfc3339Micros => ir::DateTimeFormat::Rfc3339Micros,
            },
            // Filled by `api_errors` once the models are known.
            errors: Vec::new(),
        })
    }

    /// The fixed headers (`api.headers`): names by the header rule, values printable and
    /// without placeholders.
    fn fixed_headers(
        &mut self,
        api_at: &At,
        api: &schema::ApiSettings,
        claimed: &mut Vec<(String, HeaderPlace)>,
    ) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, value) in api.headers.iter() {
            let at = api_at.key("headers").key(name);
            if !self.claim_header(&at, name, HeaderPlace::Fixed, claimed) {
                continue;
            }
            if !value.bytes().all(|b| b == b' ' || b == b'\t' || b.is_ascii_graphic()) {
                self.error(at.error("a header value must be printable ASCII"));
            } else if value.contains('{') && value.contains('}') {
                self.error(
                    at.error(format!("header `{name}` has a placeholder, which would be sent as it is"))
                        .with_hint("declare a header whose value the caller gives under `api.client_headers`"),
                );
            } else {
                headers.push((name.to_owned(), value.clone()));
            }
        }
        headers
    }

    /// The API-wide `errors` table, of the file that declares `api`.
    pub(super) fn api_errors(&mut self, files: &[(SourceFile, SchemaFile)]) -> Vec<ir::ErrorBody> {
        match files.iter().find_map(|(source, file)| Some((source, file.api.as_ref()?))) {
            Some((source, api)) => self.error_table(&At::file(&source.name).key("api").key("errors"), &api.errors),
            None => Vec::new(),
        }
    }

    /// An `errors` table: each key a status (`"409"`, 400 to 599), a class (`4XX`, `5XX`) or
    /// `default`, once; each value a model or `problem`.
    pub(super) fn error_table(&mut self, at: &At, table: &schema::OrderedMap<String>) -> Vec<ir::ErrorBody> {
        let mut rows: Vec<ir::ErrorBody> = Vec::new();
        for (status_text, type_text) in table.iter() {
            let row_at = at.key(status_text);
            let Some(status) = self.error_status(&row_at, status_text) else { continue };
            if let Some(first) = rows.iter().find(|row| row.status == status) {
                self.error(
                    row_at
                        .error(format!("status `{}` appears twice in `{}`", first.status.label(), at.path()))
                        .with_hint("keep one row per status")
                        .on_key(),
                );
                continue;
            }
            let Some(body) = self.error_type(&row_at, type_text.trim()) else { continue };
            rows.push(ir::ErrorBody { status, body });
        }
        rows
    }

    pub(super) fn error_status(&mut self, at: &At, text: &str) -> Option<ir::StatusMatch> {
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
                    at.error(format!("`{text}` is not an HTTP status"))
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
                    at.error(format!("`{text}` is not an error status"))
                        .with_hint("declare bodies for 4xx and 5xx statuses; the success body is `response`")
                        .on_key(),
                );
                None
            }
            _ => {
                self.error(
                    at.error(format!("`{text}` is not an HTTP status"))
                        .with_hint("HTTP error statuses are 400 to 599")
                        .on_key(),
                );
                None
            }
        }
    }

    /// The type of an error body: `problem`, or a model (not an enum, not a list).
    pub(super) fn error_type(&mut self, at: &At, text: &str) -> Option<ir::ErrorType> {
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
        self.error(at.error(message).with_hint(hint));
        None
    }

    /// The headers the caller gives values for: names by the header rule, each with an
    /// argument name that no other constructor argument has.
    pub(super) fn client_headers(
        &mut self,
        at: &At,
        api: &schema::ApiSettings,
        url_params: &[Name],
        claimed: &mut Vec<(String, HeaderPlace)>,
    ) -> Vec<ir::ClientHeader> {
        let mut taken: Vec<String> = url_params.iter().map(|name| name.rust.clone()).collect();
        let mut headers: Vec<ir::ClientHeader> = Vec::new();
        for (name, header) in api.client_headers.iter() {
            let header_at = at.key(name);
            if !self.claim_header(&header_at, name, HeaderPlace::Client { secret: header.secret }, claimed) {
                continue;
            }
            let param_at = header_at.key("param");
            if !names::is_plain_snake_ident(&header.param) {
                self.error(
                    param_at
                        .error(format!("`{}` is not a snake_case name", header.param))
                        .with_hint("name the argument like `customer_id`"),
                );
                continue;
            }
            if taken.contains(&header.param) || names::taken(Role::ClientArgument, &header.param).is_some() {
                self.error(
                    param_at
                        .error(format!("`{}` is already an argument of `Client::new`", header.param))
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
    pub(super) fn base_url(&mut self, at: &At, template: &str) -> Option<Vec<Name>> {
        if !(template.starts_with("https://") || template.starts_with("http://")) {
            self.error(at.error(format!("base URL `{template}` must start with `https://` or `http://`")));
            return None;
        }
        if let Some((problem, hint)) = base_url_problem(template) {
            let error = at.error(format!("base URL `{}` {problem}", crate::diagnostic::inert(template)));
            self.error(match hint {
                Some(hint) => error.with_hint(hint),
                None => error,
            });
            return None;
        }
        if !template.ends_with('/') {
            self.error(
                at.error(format!("base URL `{template}` must end with `/`"))
                    .with_hint("endpoint paths are joined to it"),
            );
            return None;
        }
        let mut params: Vec<Name> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                self.error(at.error(format!("unclosed `{{` in base URL `{template}`")));
                return None;
            };
            let wire = &after[..close];
            match names::snake_ident(wire) {
                Ok(rust)
                    if names::taken(Role::ClientArgument, wire).is_some() || params.iter().any(|p| p.wire == wire) =>
                {
                    let what = if params.iter().any(|p| p.wire == wire) {
                        "is used twice; each placeholder is one argument of `Client::new`".to_owned()
                    } else {
                        format!("is named like the argument `{rust}` of `Client::new`")
                    };
                    self.error(
                        at.error(format!("base URL placeholder `{{{wire}}}` {what}"))
                            .with_hint("name each placeholder once, and not `api_key`, `base_url` or `config`"),
                    );
                    return None;
                }
                Ok(rust) if rust == wire => params.push(Name { wire: wire.to_owned(), rust }),
                _ => {
                    self.error(
                        at.error(format!("base URL placeholder `{{{wire}}}` is not a snake_case name"))
                            .with_hint("write placeholders like `{subdomain}`"),
                    );
                    return None;
                }
            }
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            self.error(at.error(format!("unmatched `}}` in base URL `{template}`")));
            return None;
        }
        Some(params)
    }
}

/// What is wrong with a base URL template beyond its scheme (checked before its trailing `/`): text a URL
/// parser would drop or rewrite, user credentials (which would be printed and sent), a query
/// or fragment (which paths are not joined after), a host that is not a DNS name or an IP
/// address ([`host`](super::host)), or dot segments.
pub(super) fn base_url_problem(template: &str) -> Option<(String, Option<&'static str>)> {
    if let Some(problem) = host::text_problem(template) {
        return Some((problem.to_owned(), None));
    }
    if template.contains('?') || template.contains('#') {
        return Some(("must not have a query or fragment".to_owned(), None));
    }
    let after_scheme = template.split_once("://").map_or(template, |(_, rest)| rest);
    let authority = after_scheme.split_once('/').map_or(after_scheme, |(authority, _)| authority);
    if authority.contains('@') {
        let problem = "must not hold user credentials (`user:password@`); the API key goes in `auth`";
        return Some((problem.to_owned(), None));
    }
    if let Some(problem) = host::template_host_problem(authority) {
        return Some((problem, Some(host::HOST_HINT)));
    }
    // Also percent-encoded (`%2e`), which URL parsers resolve just the same.
    if apigen_rules::hosts::has_dot_segments(template) {
        return Some(("must not have `.` or `..` segments".to_owned(), None));
    }
    None
}
