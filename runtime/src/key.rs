//! The API key, kept out of every `Debug` and `Display` output.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// An API key (or token): the secret that authenticates every request.
///
/// Printing it, with `{}` or `{:?}`, shows `ApiKey(<redacted>)`; the memory is zeroed on drop.
#[derive(Clone)]
pub struct ApiKey(SecretString);

impl ApiKey {
    /// The key itself; only the transport reads it, to build the auth header.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        ApiKey(SecretString::from(key))
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey(SecretString::from(key))
    }
}

impl From<SecretString> for ApiKey {
    fn from(key: SecretString) -> Self {
        ApiKey(key)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_are_redacted() {
        let key = ApiKey::from("secret-api-key");
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(format!("{key:#?}"), "ApiKey(<redacted>)");
        assert_eq!(key.to_string(), "ApiKey(<redacted>)");
    }

    #[test]
    fn conversions_keep_the_key() {
        assert_eq!(ApiKey::from("a").expose(), "a");
        assert_eq!(ApiKey::from(String::from("b")).expose(), "b");
        assert_eq!(ApiKey::from(SecretString::from("c")).expose(), "c");
        assert_eq!(ApiKey::from("d").clone().expose(), "d");
    }
}
