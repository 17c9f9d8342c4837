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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_every_kind() {
        for accepted in [
            "example.com",
            "API.Example.COM:443",
            "xn--bcher-kva.example",
            "192.0.2.1",
            "0.0.0.0:8080",
            "[::1]",
            "[2001:db8::1]:8443",
            "[::ffff:192.0.2.1]",
            "localhost:65535",
            "1e100.net",
            "3com.com",
        ] {
            assert_eq!(host_problem(accepted), None, "{accepted}");
        }
        for (refused, problem) in [
            ("%65xample.com", "has `%` in its host; write the host without percent-encoding"),
            ("bücher.example", "has a non-ASCII host; write it in its ASCII form (punycode, `xn--...`)"),
            ("", "has no host"),
            (":443", "has no host"),
            ("api_v2.example.com", "has `_` in its host; a DNS name holds letters, digits, hyphens and dots"),
            ("exa!mple.com", "has `!` in its host; a DNS name holds letters, digits, hyphens and dots"),
            ("example.com.", "has a host ending in `.`; write the name without the final dot"),
            ("api..example.com", "has an empty label (`..`) in its host"),
            ("-api.example.com", "has a host label starting or ending with `-`"),
            ("fe80::1", "has an IPv6 address without brackets; write it as `[2001:db8::1]`"),
            ("[::g]", "has `[::g]` in its host, which is not an IPv6 address"),
            ("[::1", "has `[` without `]` in its host"),
            ("[::1]x", "has `x` after the IPv6 address in its host"),
            ("example.com:", "has an empty port"),
            ("example.com:http", "has the port `http`, which is not a number"),
            ("example.com:0", "has the port `0`, outside 1 to 65535"),
            ("example.com:65536", "has the port `65536`, outside 1 to 65535"),
        ] {
            assert_eq!(host_problem(refused).as_deref(), Some(problem), "{refused}");
        }
        let not_ipv4 = "has a host that ends in a number but is not an IPv4 address of four decimal numbers from 0 \
                        to 255 without leading zeros";
        for refused in
            ["127.1", "0x7f.0.0.1", "0x7f.1", "1.2.3.256", "010.0.0.1", "1.2.3.4.5", "example.123", "2130706433"]
        {
            assert_eq!(host_problem(refused).as_deref(), Some(not_ipv4), "{refused}");
        }
        let label = "a".repeat(63);
        assert_eq!(host_problem(&format!("{label}.com")), None);
        assert_eq!(
            host_problem(&format!("{label}a.com")).as_deref(),
            Some("has a host label longer than 63 characters")
        );
        let name = [label.as_str(); 4].join(".");
        assert_eq!(host_problem(&name[..253]), None);
        assert_eq!(host_problem(&format!("{name}.com")).as_deref(), Some("has a host longer than 253 characters"));
    }

    #[test]
    fn text_that_a_parser_would_rewrite() {
        assert_eq!(text_problem("https://example.com/\tapi/"), Some("has spaces or control characters"));
        assert_eq!(
            text_problem("https://example.com\\evil.com/"),
            Some("has a backslash, which URL parsers read as `/`")
        );
        assert_eq!(authority("HTTPS://user@example.com:8080/api/?x#y"), Some("user@example.com:8080"));
        assert_eq!(authority("ftp://example.com/"), None);
    }
}
