//! The parts of a request URL as the pages write it: its origin (scheme and host, placeholders
//! as `{name}`) and its path.

use heck::ToSnakeCase;

/// `https://api.example.com` of a full URL whose host the generator can take (placeholders in
/// `{name}` form become arguments of `Client::new`).
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.replace('<', "{").replace('>', "}");
    let valid = host.split('.').all(|label| {
        let label = label
            .strip_prefix('{')
            .and_then(|l| l.strip_suffix('}'))
            .map_or(label.to_owned(), |inner| inner.to_snake_case());
        !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':')
    });
    if !valid || host.is_empty() {
        return None;
    }
    let host = host
        .split('.')
        .map(|label| match label.strip_prefix('{').and_then(|l| l.strip_suffix('}')) {
            Some(inner) => format!("{{{}}}", inner.to_snake_case()),
            None => label.to_lowercase(),
        })
        .collect::<Vec<_>>()
        .join(".");
    Some(format!("{scheme}://{host}"))
}

/// The path of a request URL: after the host of a full URL, without the query.
pub(crate) fn path_of(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => url,
    };
    let path = rest.split(['?', '#']).next().unwrap_or("/");
    if path.starts_with('/') { path.to_owned() } else { format!("/{path}") }
}
