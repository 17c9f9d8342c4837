//! Which header names an API's settings may hold, and where: the one rule for every place a
//! header is named (the key's header, the fixed headers, the client headers), which the
//! generator applies to a schema and the runtime to its settings.

use crate::inert;

/// Where an API's settings (a schema's `api`, or the runtime's `ApiSettings`) name a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderPlace {
    /// The header that carries the API key (`api.auth.header` in a schema, `ApiSettings::auth_header` in the runtime).
    Auth,
    /// A header sent with a fixed value (`api.headers`, `ApiSettings::headers`).
    Fixed,
    /// A header whose value the caller gives (`api.client_headers`, `ApiSettings::client_headers`); `secret` when
    /// the value is marked sensitive.
    Client {
        /// Whether the value is marked sensitive.
        secret: bool,
    },
}

/// Headers that frame the message or belong to one connection (RFC 9110 section 7.6.1, RFC
/// 9112, RFC 7540's `HTTP2-Settings`): the HTTP stack writes them, and a wrong one cuts bodies,
/// smuggles a second request or sends the request to another host.
pub const FRAMING_HEADERS: &[&str] = &[
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
pub const CREDENTIAL_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// Why a header name is refused: what is wrong, and what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderRefusal {
    /// What is wrong, naming the header: "header `Host` cannot be set by the schema".
    pub message: String,
    /// What to do instead.
    pub hint: &'static str,
}

/// Why the header `name` may not be named at `place`, or `None` when it may. Names are
/// compared case-insensitively. A name used at two places is refused by
/// the caller (each place that takes names checks its own list), not here.
pub fn header_name_refusal(name: &str, place: HeaderPlace) -> Option<HeaderRefusal> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str, place: HeaderPlace) -> Option<String> {
        header_name_refusal(name, place).map(|refusal| refusal.message)
    }

    #[test]
    fn framing_and_owned_headers_are_refused_everywhere() {
        for place in [HeaderPlace::Auth, HeaderPlace::Fixed, HeaderPlace::Client { secret: true }] {
            for name in ["Host", "content-length", "Transfer-Encoding", "TE", "Upgrade", "HTTP2-Settings", "User-Agent"]
            {
                assert_eq!(refused(name, place), Some(format!("header `{name}` cannot be set by the schema")));
            }
            assert_eq!(
                refused("Content-Type", place).as_deref(),
                Some("header `Content-Type` is set by the client itself")
            );
            assert_eq!(refused("X Api", place).as_deref(), Some("`X Api` is not a valid HTTP header name"));
            assert_eq!(refused("", place).as_deref(), Some("`` is not a valid HTTP header name"));
            assert_eq!(refused("X-Api-Key", place), None);
        }
    }

    #[test]
    fn credential_headers_are_the_key_or_a_secret() {
        assert_eq!(refused("Authorization", HeaderPlace::Auth), None);
        assert_eq!(refused("proxy-authorization", HeaderPlace::Client { secret: true }), None);
        assert_eq!(
            refused("Cookie", HeaderPlace::Fixed).as_deref(),
            Some("header `Cookie` carries credentials and cannot have a fixed value")
        );
        assert_eq!(
            refused("Authorization", HeaderPlace::Client { secret: false }).as_deref(),
            Some("header `Authorization` carries credentials, so its value must be secret")
        );
    }
}
