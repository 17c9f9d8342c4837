//! The outputs `cargo xtask gen` writes next to the generated crate's code: the OpenAPI 3.1
//! document `generated/openapi.json` and the calls of the contract test that checks the client
//! against it (`generated/tests/contract/calls.rs`); and `cargo xtask openapi [--check]`, which writes or
//! checks the document alone. Building them is `codegen`'s job; this module only places them.

use std::process::ExitCode;

use crate::files::{self, Mode};
use crate::root::project_root;

/// The OpenAPI document of the schema.
pub const OPENAPI: &str = "generated/openapi.json";
/// The name of the generated crate, as its own generated tests name it.
pub const GENERATED_CRATE: &str = "usercom";
/// The generated calls of the contract test of the client against that document.
pub const CONTRACT_CALLS: &str = "generated/tests/contract/calls.rs";

/// The files to write, as (path relative to the repository, contents); built in memory so a
/// failure writes nothing.
///
/// # Errors
///
/// A message when the generator produced invalid Rust (a bug in codegen).
pub fn outputs(api: &codegen::__stages::ir::Api) -> Result<Vec<(&'static str, String)>, String> {
    let openapi = codegen::__stages::openapi::to_pretty_json(&codegen::__stages::openapi::document(api));
    Ok(vec![(OPENAPI, openapi), (CONTRACT_CALLS, codegen::__stages::render_contract_calls(api, GENERATED_CRATE)?)])
}

/// `cargo xtask openapi [--check]`: writes `generated/openapi.json`, or fails when it is stale.
pub fn run(args: &[&str]) -> ExitCode {
    let mode = match args {
        [] => Mode::Write,
        ["--check"] => Mode::Check,
        _ => {
            eprintln!("usage: cargo xtask openapi [--check]");
            return ExitCode::from(2);
        }
    };
    let root = project_root();
    let api = match codegen::__stages::load_api(&root.join("schema"), "schema") {
        Ok(api) => api,
        Err(error) => {
            eprint!("{}", error.render(std::io::IsTerminal::is_terminal(&std::io::stderr())));
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    let document = codegen::__stages::openapi::to_pretty_json(&codegen::__stages::openapi::document(&api));
    match files::sync_file(&root.join(OPENAPI), Some(&document), mode) {
        Ok(false) => {
            println!("{OPENAPI} is up to date");
            ExitCode::SUCCESS
        }
        Ok(true) if mode == Mode::Write => {
            println!("wrote   {OPENAPI}");
            ExitCode::SUCCESS
        }
        Ok(true) => {
            eprintln!("{OPENAPI} is out of date; run `cargo xtask openapi` (or `cargo xtask gen`) and commit it");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every endpoint of the real schema is in the document: as an operation of its own, or
    /// listed in the description of the operation it shares a method and path with.
    #[test]
    fn the_document_covers_every_endpoint_of_the_schema() {
        let api = codegen::__stages::load_api(&project_root().join("schema"), "schema")
            .unwrap_or_else(|error| panic!("{error}"));
        let document = codegen::__stages::openapi::document(&api);
        let operations: Vec<&serde_json::Value> = document["paths"]
            .as_object()
            .expect("paths")
            .values()
            .flat_map(|item| item.as_object().expect("path item").values())
            .collect();
        let mut ids: Vec<String> = Vec::new();
        for operation in operations {
            let description = operation["description"].as_str().expect("described");
            match description.strip_prefix("One method and path for several calls") {
                Some(rest) => ids.extend(
                    rest.lines()
                        .filter_map(|line| line.strip_prefix("- `"))
                        .map(|line| line.split('`').next().unwrap_or_default().to_owned()),
                ),
                None => ids.push(operation["operationId"].as_str().expect("an id").to_owned()),
            }
        }
        ids.sort();
        let mut endpoints: Vec<String> = api
            .modules
            .iter()
            .flat_map(|module| &module.endpoints)
            .map(|endpoint| endpoint.name.wire.clone())
            .collect();
        endpoints.sort();
        assert_eq!(ids, endpoints);
    }
}
