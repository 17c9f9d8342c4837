//! The one rule for header names, wherever the schema names a header (`api.auth.header`,
//! `api.headers`, `api.client_headers`): an HTTP token, not a framing or connection header nor
//! one the client sets itself, credentials only as the key or a secret, and each name once.
//! The runtime refuses the same names (`apigen_runtime`'s `header_names`), which
//! `tests/same_rules.rs` checks name for name.

use super::ctxt::At;
use super::state::Lowering;
use crate::diagnostic::inert;

/// Where the schema names a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HeaderPlace {
    /// The header that carries the API key (`api.auth.header`).
    Auth,
    /// A header sent with a fixed value (`api.headers`).
    Fixed,
    /// A header whose value the caller gives (`api.client_headers`); `secret` when
    /// the value is marked sensitive.
    Client {
        /// Whether the value is marked sensitive.
        secret: bool,
    },
}

/// Headers that frame the message or belong to one connection (RFC 9110 section 7.6.1, RFC
/// 9112, RFC 7540's `HTTP2-Settings`): the HTTP stack writes them, and a wrong one cuts bodies,
/// smuggles a second request or sends the request to another host.
pub(super) const FRAMING_HEADERS: &[&str] = &[
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
    "http2-settings",
];

/// Headers that carry credentials: never a fixed value of the schema (it would be a secret in
/// the source), and only a secret client header (so no `Debug` or error shows it).
pub(super) const CREDENTIAL_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// Why a header name is refused: what is wrong, and what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct HeaderRefusal {
    /// What is wrong, naming the header: "header `Host` cannot be set by the schema".
    pub(super) message: String,
    /// What to do instead.
    pub(super) hint: &'static str,
}

/// Why the header `name` may not be named at `place`, or `None` when it may. Names are
/// compared case-insensitively. A name used at two places is refused by
/// `Lowering::claim_header`, not here.
pub(super) fn header_name_refusal(name: &str, place: HeaderPlace) -> Option<HeaderRefusal> {
    let refusal = |message: String, hint| Some(HeaderRefusal { message, hint });
    let shown = inert(name);
    if !is_token(name) {
        return refusal(
            format!("`{shown}` is not a valid HTTP header name"),
            "use ASCII letters, digits and hyphens, such as `X-Tenant-Id`",
        );
    }
    let lower = name.to_ascii_lowercase();
    if FRAMING_HEADERS.contains(&lower.as_str()) {
        return refusal(
            format!("header `{name}` cannot be set by the schema"),
            "the HTTP stack sets framing and connection headers itself; remove it",
        );
    }
    if lower == "user-agent" {
        return refusal(format!("header `{name}` cannot be set by the schema"), "set it with `api.user_agent`");
    }
    if lower == "content-type" {
        return refusal(
            format!("header `{name}` is set by the client itself"),
            "the client sends `Content-Type: application/json` with every body; remove it",
        );
    }
    if CREDENTIAL_HEADERS.contains(&lower.as_str()) {
        match place {
            HeaderPlace::Fixed => {
                return refusal(
                    format!("header `{name}` carries credentials and cannot have a fixed value"),
                    "send the key with `api.auth`, or declare the header under `api.client_headers` with `secret: true`",
                );
            }
            HeaderPlace::Client { secret: false } => {
                return refusal(
                    format!("header `{name}` carries credentials, so its value must be secret"),
                    "add `secret: true`, so no `Debug` output or error message shows it",
                );
            }
            HeaderPlace::Auth | HeaderPlace::Client { secret: true } => {}
        }
    }
    None
}

/// An HTTP token (RFC 9110 section 5.6.2): the characters a header name may hold.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

impl Lowering {
    /// Checks a header name the schema holds at `at`: that no other place (`claimed`, in
    /// schema order: the key's header, fixed, client headers) names it, case-insensitively
    /// (first, since the fix is then to remove one), then [`header_name_refusal`].
    /// Returns whether the name was accepted and claimed.
    pub(super) fn claim_header(
        &mut self,
        at: &At,
        name: &str,
        place: HeaderPlace,
        claimed: &mut Vec<(String, HeaderPlace)>,
    ) -> bool {
        if let Some((first, first_place)) = claimed.iter().find(|(other, _)| other.eq_ignore_ascii_case(name)) {
            let error = match (place, first_place) {
                (HeaderPlace::Fixed, HeaderPlace::Fixed) => at
                    .error(format!("header `{name}` is declared again (as `{first}` above)"))
                    .with_hint("header names are case-insensitive; keep one"),
                (HeaderPlace::Fixed, HeaderPlace::Auth) => at
                    .error(format!("header `{name}` is set by the client itself"))
                    .with_hint("it carries the key (`api.auth.header`); remove it from `api.headers`"),
                _ => at
                    .error(format!("header `{name}` is already set"))
                    .with_hint("each header is either fixed (`api.headers`), the key's, or the caller's, once"),
            };
            self.error(error.on_key());
            return false;
        }
        if let Some(refusal) = header_name_refusal(name, place) {
            // The caret on the name, not on a fixed header's value.
            let error = at.error(refusal.message).with_hint(refusal.hint);
            self.error(if place == HeaderPlace::Auth { error } else { error.on_key() });
            return false;
        }
        claimed.push((name.to_owned(), place));
        true
    }
}
