//! The host of a base URL: a DNS name (or placeholders that become its labels), an IPv4
//! address or a bracketed IPv6 address, with a port from 1 to 65535, by the rules the runtime
//! applies too (`apigen_rules::hosts`); here a template's placeholders stand for labels.

use apigen_rules::hosts::host_problem;
pub(super) use apigen_rules::hosts::text_problem;

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
