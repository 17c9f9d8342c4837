//! The host of a base URL: a DNS name (or placeholders that become its labels), an IPv4
//! address or a bracketed IPv6 address, with a port from 1 to 65535. The runtime checks a
//! client's base URL with the same rules and words (`apigen_runtime`'s `base_url`, which
//! `tests/same_rules.rs` compares with this one URL by URL).

use std::net::Ipv6Addr;

/// The hint of every host problem: what a host may be.
pub(super) const HOST_HINT: &str = "a host is a DNS name (`api.example.com`, `{tenant}.example.com`), an IPv4 \
     address (`192.0.2.1`) or an IPv6 address in brackets (`[2001:db8::1]`), with an optional port from 1 to 65535";

/// What is wrong with the host and port of a base URL template's authority (given without
/// credentials), each `{placeholder}` read as the DNS label it becomes.
pub(super) fn template_host_problem(authority: &str) -> Option<String> {
    let port_has_placeholder =
        !authority.starts_with('[') && authority.rsplit_once(':').is_some_and(|(_, port)| port.contains('{'));
    if port_has_placeholder {
        return Some("has a placeholder in its port; a placeholder stands for a DNS label of the host".to_owned());
    }
    if authority.starts_with('[') && authority.contains('{') {
        return Some(
            "has a placeholder inside IPv6 brackets; a placeholder stands for a DNS label of the host".to_owned(),
        );
    }
    let mut filled = String::with_capacity(authority.len());
    let mut rest = authority;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        filled.push_str(&rest[..open]);
        // A placeholder's value is checked to be a DNS label; one letter stands for any.
        filled.push('x');
        rest = &rest[open + close + 1..];
    }
    filled.push_str(rest);
    if filled.contains(['{', '}']) {
        // An unclosed `{` or a stray `}`: the placeholder check says so, more plainly.
        return None;
    }
    host_problem(&filled)
}

/// What is wrong with the whole text of a base URL that a URL parser would quietly drop or
/// rewrite: spaces and control characters (removed), backslashes (read as `/`).
pub(super) fn text_problem(text: &str) -> Option<&'static str> {
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        Some("has spaces or control characters")
    } else if text.contains('\\') {
        Some("has a backslash, which URL parsers read as `/`")
    } else {
        None
    }
}

/// What is wrong with the host and port of an authority (given without credentials): the
/// host must be a DNS name of ASCII letters, digits and hyphens (labels of 1 to 63
/// characters, not starting or ending with `-`, 253 characters in all, no final `.`), four
/// decimal numbers from 0 to 255 without leading zeros, or an IPv6 address in brackets; the
/// port, when present, a number from 1 to 65535. The problem completes "base url `...`".
pub(super) fn host_problem(authority: &str) -> Option<String> {
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
