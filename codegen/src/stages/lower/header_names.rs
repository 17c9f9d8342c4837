//! The one rule for header names, wherever the schema names a header (`api.auth.header`,
//! `api.headers`, `api.client_headers`): an HTTP token, not a framing or connection header nor
//! one the client sets itself, credentials only as the key or a secret, and each name once.
//! The rule is `apigen_rules::header_names`, the runtime's too; this module places its
//! refusals in the schema and refuses a name given at two places.

use super::ctxt::At;
use super::state::Lowering;
pub(super) use apigen_rules::header_names::{HeaderPlace, header_name_refusal};

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
