//! One fuzz input, run as the `schema` fuzz target runs it (`codegen/fuzz`), here so the
//! target cannot drift from the crate and the seeds run as a test (`tests/fuzz_seeds.rs`).

use crate::SourceFile;

/// The settings file next to an input that has none of its own.
const API: &str =
    "api:\n  name: Fuzz\n  base_url: https://{tenant}.example.com/\n  auth: { header: Authorization, scheme: Token }\n";

/// Loads, lowers and, when accepted, renders `data` as a schema; every refusal's report is
/// rendered too. An input that starts with `api:` is the whole schema (so header names, auth
/// and base URL hosts are fuzzed); any other is a file next to a valid `api.yaml`. Panics
/// only when an accepted schema does not render, which is a bug like any other panic here.
pub fn run_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let api = SourceFile { name: "schema/api.yaml".into(), relative: "api.yaml".into(), text: API.into() };
    let files = if text.starts_with("api:") {
        vec![SourceFile { text: text.into(), ..api }]
    } else {
        vec![api, SourceFile { name: "schema/fuzz.yaml".into(), relative: "fuzz.yaml".into(), text: text.into() }]
    };
    match super::lower_sources(files) {
        Ok(api) => {
            if let Err(error) = super::render_api(&api) {
                panic!("an accepted schema does not render: {error}");
            }
        }
        Err(error) => {
            let _ = error.render(false);
        }
    }
}
