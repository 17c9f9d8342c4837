//! `Redactor`: the secrets a client sends (the API key, secret client headers) cut out of
//! whatever a server sends back before it is kept in an error, so a server that echoes the
//! request cannot make an error print the key.

use std::borrow::Cow;

use http::{HeaderMap, HeaderValue};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// What replaces a secret.
pub const REDACTED: &str = "<redacted>";

/// The secrets of one client, in every form they may come back in: as sent, percent-encoded
/// (in a URL), and JSON-escaped (in a JSON string).
#[derive(Default)]
pub(crate) struct Redactor {
    forms: Vec<String>,
}

impl Redactor {
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Redactor {
        let mut forms = Vec::new();
        for secret in secrets.into_iter().filter(|secret| !secret.is_empty()) {
            forms.push(secret.to_owned());
            forms.push(utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string());
            if let Ok(json) = serde_json::to_string(secret) {
                forms.push(json.trim_matches('"').to_owned());
            }
        }
        // Longer forms first, so a form that holds another is cut out whole.
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        forms.dedup();
        Redactor { forms }
    }

    /// `text` with every secret replaced by [`REDACTED`].
    pub(crate) fn text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        for form in &self.forms {
            if text.contains(form.as_str()) {
                text = Cow::Owned(text.replace(form.as_str(), REDACTED));
            }
        }
        text
    }

    /// `bytes` (a body) with every secret replaced; bytes that are not UTF-8 are searched as
    /// they are.
    pub(crate) fn bytes<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        if !self.forms.iter().any(|form| contains(bytes, form.as_bytes())) {
            return Cow::Borrowed(bytes);
        }
        let mut out = bytes.to_vec();
        for form in &self.forms {
            out = replace(&out, form.as_bytes(), REDACTED.as_bytes());
        }
        Cow::Owned(out)
    }

    /// Header values holding a secret replaced by [`REDACTED`].
    pub(crate) fn headers(&self, mut headers: HeaderMap) -> HeaderMap {
        for value in headers.values_mut() {
            if self.forms.iter().any(|form| contains(value.as_bytes(), form.as_bytes())) {
                *value = HeaderValue::from_static(REDACTED);
            }
        }
        headers
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}

fn replace(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while !rest.is_empty() {
        if rest.starts_with(needle) {
            out.extend_from_slice(with);
            rest = &rest[needle.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_a_secret_is_cut_out() {
        let redactor = Redactor::new(["k3y/+\"x", ""]);
        assert_eq!(redactor.text("Token k3y/+\"x!"), "Token <redacted>!");
        assert_eq!(redactor.text("next=k3y%2F%2B%22x&a"), "next=<redacted>&a");
        assert_eq!(redactor.bytes(br#"{"echo": "Token k3y/+\"x"}"#).as_ref(), br#"{"echo": "Token <redacted>"}"#);
        assert!(matches!(redactor.text("nothing here"), Cow::Borrowed(_)));
        let mut headers = HeaderMap::new();
        headers.insert("x-echo", HeaderValue::from_static("Token k3y/+\"x"));
        headers.insert("x-other", HeaderValue::from_static("fine"));
        let headers = redactor.headers(headers);
        assert_eq!((headers["x-echo"].to_str().ok(), headers["x-other"].to_str().ok()), (Some(REDACTED), Some("fine")));
    }
}
