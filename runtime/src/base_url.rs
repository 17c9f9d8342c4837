//! The base URL of a client: checked as text before it is parsed (a URL parser quietly
//! rewrites percent-encoded, numeric and backslashed hosts into other hosts), then parsed.
//! Every way a client gets its base URL (`Client::new`'s template, `Client::with_base_url`,
//! the builder's `base_url`) comes here. The host rules are `apigen_rules::hosts`, which the
//! generator applies to a schema's `base_url`.

use url::{Host, Url};

use super::error::Error;
use super::header_names::inert;
pub use apigen_rules::hosts::{authority, has_dot_segments, host_problem, text_problem};

fn config_error(message: String) -> Error {
    Error::InvalidConfig { message }
}

/// Parses and checks a base URL: `http` or `https`, no credentials, a host by [`host_problem`],
/// plain `http` only to this machine unless `allow_insecure_http`, no query or fragment; a
/// missing trailing `/` is added.
pub(crate) fn parse_base_url(text: &str, allow_insecure_http: bool) -> Result<Url, Error> {
    if let Some(problem) = text_problem(text) {
        return Err(config_error(format!("base url `{}` {problem}", inert(text))));
    }
    // The scheme as written, in lower case as the generator takes it: a parser would take
    // `HTTPS:` and `ftp:` alike.
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return Err(config_error(format!("base url `{}` must start with `https://` or `http://`", inert(text))));
    }
    if text.contains(['?', '#']) {
        return Err(config_error(format!("base url `{}` must not have a query or fragment", inert(text))));
    }
    if let Some(authority) = authority(text) {
        if authority.contains('@') {
            // Not echoed: the URL holds a password.
            return Err(config_error(
                "the base url must not hold user credentials (`user:password@`); the api key is sent in its header"
                    .to_owned(),
            ));
        }
        if let Some(problem) = host_problem(authority) {
            return Err(config_error(format!("base url `{}` {problem}", inert(text))));
        }
    }
    if has_dot_segments(text) {
        // A parser would remove them, so the client would call another path than written.
        return Err(config_error(format!("base url `{}` must not have `.` or `..` segments", inert(text))));
    }
    let mut url =
        Url::parse(text).map_err(|error| config_error(format!("base url {text:?} does not parse: {error}")))?;
    if url.scheme() == "http" && !allow_insecure_http && !is_loopback(&url) {
        return Err(config_error(format!(
            "base url `{url}` uses plain http, which would send the api key readable; use https, \
             or allow it with `Config::allow_insecure_http(true)`"
        )));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Whether the URL's host is this machine: `127.0.0.0/8`, `::1` or `localhost`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}
