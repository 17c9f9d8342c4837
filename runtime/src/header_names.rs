//! Which header names an API's settings may hold, and where: one rule for every place the
//! runtime takes a header name from (the key's header, the fixed headers, the client headers).
//! The rule itself is `apigen_rules::header_names`, which the generator applies at generation
//! time; this module checks a whole settings list with it.

use super::error::Error;
pub use apigen_rules::header_names::{
    CREDENTIAL_HEADERS, FRAMING_HEADERS, HeaderPlace, HeaderRefusal, header_name_refusal,
};
pub(crate) use apigen_rules::inert;

/// Every header name an API's settings hold (`named`: the key's header, the fixed headers,
/// the client headers, in that order) through [`header_name_refusal`], and no name twice
/// (case-insensitively).
///
/// # Errors
///
/// [`Error::InvalidConfig`] naming the first refused header.
pub fn check_header_names<'a>(named: impl IntoIterator<Item = (&'a str, HeaderPlace)>) -> Result<(), Error> {
    let mut seen: Vec<&str> = Vec::new();
    for (name, place) in named {
        if let Some(refusal) = header_name_refusal(name, place) {
            return Err(Error::InvalidConfig { message: format!("{}; {}", refusal.message, refusal.hint) });
        }
        if let Some(first) = seen.iter().find(|first| first.eq_ignore_ascii_case(name)) {
            return Err(Error::InvalidConfig {
                message: format!(
                    "header `{name}` is already set (as `{first}`); each header is either fixed, the key's, or \
                     the caller's, once (names are case-insensitive)"
                ),
            });
        }
        seen.push(name);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_each_header_once() {
        let message = |named: &[(&str, HeaderPlace)]| {
            check_header_names(named.iter().copied()).err().map(|error| error.to_string())
        };
        let client = HeaderPlace::Client { secret: true };
        assert_eq!(
            message(&[("X-Api-Key", HeaderPlace::Auth), ("Accept", HeaderPlace::Fixed), ("x-api-key", client)])
                .as_deref(),
            Some(
                "invalid configuration: header `x-api-key` is already set (as `X-Api-Key`); each header is either \
                 fixed, the key's, or the caller's, once (names are case-insensitive)"
            )
        );
        assert_eq!(
            message(&[("X-Api-Key", HeaderPlace::Auth), ("Host", HeaderPlace::Fixed)]).as_deref(),
            Some(
                "invalid configuration: header `Host` cannot be set by the schema; the HTTP stack sets framing \
                 and connection headers itself; remove it"
            )
        );
        assert_eq!(message(&[("X-Api-Key", HeaderPlace::Auth), ("X-Tenant", client)]), None);
    }
}
