//! `generate_api!("schema")`: the client that `cargo xtask gen` writes as files, generated
//! instead when the calling crate compiles, from a schema folder next to its `Cargo.toml`. A thin shell over
//! `codegen::expand_macro`; it holds no generator logic.

use std::path::Path;

use codegen::{Diagnostics, GenerateError};
use proc_macro::TokenStream;
use proc_macro2::Span;

/// Expands to the generated client of a schema folder: the same items, token for token, as
/// the `mod.rs` tree `cargo xtask gen` writes (models, requests, queries, `Client`, and
/// `BlockingClient`/`MockServer` when the runtime's `blocking`/`mock` features are on).
///
/// The path is relative to the calling crate's `CARGO_MANIFEST_DIR`. The generated code names
/// only the runtime (`::apigen_runtime::...`), which brings serde and serde_json with it, so the
/// calling crate depends on `apigen-runtime` and this crate, and declares no features.
///
/// ```ignore
/// pub mod api {
///     apigen_macros::generate_api!("schema");
/// }
/// ```
///
/// Cargo rebuilds the calling crate when a schema file changes (the expansion includes every
/// file's bytes); after adding or removing a file, touch the calling source file. A schema
/// with errors becomes a compile error at the call, with the report `cargo xtask gen` prints.
#[proc_macro]
pub fn generate_api(input: TokenStream) -> TokenStream {
    let path: syn::LitStr = match syn::parse2(input.into()) {
        Ok(path) => path,
        Err(error) => {
            let message = format!("{error}: write `generate_api!(\"schema\")`, a folder relative to Cargo.toml");
            return syn::Error::new(error.span(), message).to_compile_error().into();
        }
    };
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return error(path.span(), "`CARGO_MANIFEST_DIR` is not set; build with cargo");
    };
    let relative = path.value();
    let label = relative.trim_end_matches('/');
    match codegen::expand_macro(&Path::new(&manifest_dir).join(&relative), label) {
        Ok(tokens) => tokens.into(),
        Err(GenerateError::Schema(schema_error)) => {
            // One compile error per problem, each the CLI's text for it.
            let errors = schema_error.diagnostics.0.iter().map(|diagnostic| {
                let one = Diagnostics(vec![diagnostic.clone()]).render(&schema_error.sources, false);
                let text = one.trim_end().strip_suffix("1 error in the schema").unwrap_or(&one);
                compile_error(path.span(), text)
            });
            errors.collect::<proc_macro2::TokenStream>().into()
        }
        Err(bug @ GenerateError::Bug(_)) => error(path.span(), &bug.render(false)),
    }
}

/// `compile_error!` with `message` (less the `error: ` rustc writes itself) at `span`.
fn compile_error(span: Span, message: &str) -> proc_macro2::TokenStream {
    let message = message.trim_end();
    syn::Error::new(span, message.strip_prefix("error: ").unwrap_or(message)).to_compile_error()
}

fn error(span: Span, message: &str) -> TokenStream {
    compile_error(span, message).into()
}
