//! The host of a base URL, checked as written (a URL parser quietly rewrites percent-encoded,
//! numeric and backslashed hosts into other hosts): a DNS name, four decimal numbers or an IPv6
//! address in brackets, with an optional port. The generator checks a schema's `base_url` with
//! these rules, the runtime every base URL a client is given.

use std::net::Ipv6Addr;

/// What is wrong with the whole text of a base URL that a URL parser would quietly drop or
/// rewrite: spaces and control characters (removed), backslashes (read as `/`).
pub fn text_problem(text: &str) -> Option<&'static str> {
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        Some("has spaces or control characters")
    } else if text.contains('\\') {
        Some("has a backslash, which URL parsers read as `/`")
    } else {
        None
    }
}

/// The authority of an `http://` or `https://` URL (the text between `//` and the path, query
/// or fragment), or `None` for another scheme.
pub fn authority(text: &str) -> Option<&str> {
    let (scheme, rest) = text.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// What is wrong with the host and port of an authority (given without credentials): the
/// host must be a DNS name of ASCII letters, digits and hyphens (labels of 1 to 63
/// characters, not starting or ending with `-`, 253 characters in all, no final `.`), four
/// decimal numbers from 0 to 255 without leading zeros, or an IPv6 address in brackets; the
/// port, when present, a number from 1 to 65535. The problem completes "base url `...`".
pub fn host_problem(authority: &str) -> Option<String> {
    if authority.contains('%') {
        return Some("has `%` in its host; write the host without percent-encoding".to_owned());
    }
    if !authority.is_ascii() {
        return Some("has a non-ASCII host; write it in its ASCII form (punycode, `xn--...`)".to_owned());
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((inner, after)) = bracketed.split_once(']') else {
            return Some("has `[` without `]` in its host".to_owned());
        };
        if inner.parse::<Ipv6Addr>().is_err() {
            return Some(format!("has `[{inner}]` in its host, which is not an IPv6 address"));
        }
        match after {
            "" => (None, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return Some(format!("has `{after}` after the IPv6 address in its host")),
            },
        }
    } else if authority.matches(':').count() > 1 {
        return Some("has an IPv6 address without brackets; write it as `[2001:db8::1]`".to_owned());
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        }
    };
    if let Some(host) = host
        && let Some(problem) = name_problem(host)
    {
        return Some(problem);
    }
    match port {
        Some("") => Some("has an empty port".to_owned()),
        Some(port) if !port.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("has the port `{port}`, which is not a number"))
        }
        Some(port) if port.len() > 5 || !(1..=65535).contains(&port.parse::<u32>().unwrap_or(0)) => {
            Some(format!("has the port `{port}`, outside 1 to 65535"))
        }
        _ => None,
    }
}

/// What is wrong with a host that is not in brackets: a DNS name, or an IPv4 address when its
/// last label is a number (as URL parsers read it: `127.1` and `0x7f.1` are `127.0.0.1`).
fn name_problem(host: &str) -> Option<String> {
    if host.is_empty() {
        return Some("has no host".to_owned());
    }
    if let Some(bad) = host.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.')) {
        return Some(if bad == '_' {
            "has `_` in its host; a DNS name holds letters, digits, hyphens and dots".to_owned()
        } else {
            format!("has `{bad}` in its host; a DNS name holds letters, digits, hyphens and dots")
        });
    }
    if host.ends_with('.') {
        return Some("has a host ending in `.`; write the name without the final dot".to_owned());
    }
    let labels: Vec<&str> = host.split('.').collect();
    let last = labels.last().copied().unwrap_or_default();
    let numeric = |label: &str| {
        label.bytes().all(|b| b.is_ascii_digit())
            || label
                .strip_prefix("0x")
                .or_else(|| label.strip_prefix("0X"))
                .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    if !last.is_empty() && numeric(last) {
        let decimal = |label: &str| {
            !label.is_empty()
                && label.len() <= 3
                && label.bytes().all(|b| b.is_ascii_digit())
                && (label == "0" || !label.starts_with('0'))
                && label.parse::<u16>().is_ok_and(|value| value <= 255)
        };
        if labels.len() != 4 || !labels.iter().all(|label| decimal(label)) {
            return Some(
                "has a host that ends in a number but is not an IPv4 address of four decimal numbers from 0 to \
                 255 without leading zeros"
                    .to_owned(),
            );
        }
        return None;
    }
    if labels.iter().any(|label| label.is_empty()) {
        return Some("has an empty label (`..`) in its host".to_owned());
    }
    if labels.iter().any(|label| label.len() > 63) {
        return Some("has a host label longer than 63 characters".to_owned());
    }
    if host.len() > 253 {
        return Some("has a host longer than 253 characters".to_owned());
    }
    if labels.iter().any(|label| label.starts_with('-') || label.ends_with('-')) {
        return Some("has a host label starting or ending with `-`".to_owned());
    }
    None
}

/// Whether the path of an `http(s)://` URL has a `.` or `..` segment, also percent-encoded
/// (`%2e`), which URL parsers resolve.
pub fn has_dot_segments(text: &str) -> bool {
    let after_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map_or("", |(_, path)| path);
    path.split('/').any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
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
