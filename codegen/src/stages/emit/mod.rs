//! Pure functions from the IR to token streams, one per output file. Nothing here validates
//! (that is `lower`) or formats text (that is `render`).

mod client;
mod contract;
mod docs;
mod example_tests;
mod mock;
mod samples;
mod types;

pub use contract::contract_test;
pub use docs::inert_doc_line;
pub use example_tests::example_tests;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Module};

/// One output file: its path below the generated root (`mod.rs`, `users/update_user.rs`) and
/// its items; `inner_docs` become the file's `//!` lines.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    pub path: String,
    pub inner_docs: Vec<String>,
    pub tokens: TokenStream,
}

/// Every file of the generated module tree, sorted by path.
pub fn emit(api: &Api) -> Vec<EmittedFile> {
    let mut files: Vec<EmittedFile> = (0..piece_count(api)).flat_map(|piece| emit_piece(api, piece)).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// How many independent pieces the output has: the root, the folder files, the files of
/// blocking and mock items, one per module.
pub fn piece_count(api: &Api) -> usize {
    3 + api.modules.len()
}

/// The files of one piece (`0..piece_count`), so that pieces can be emitted on several threads
/// (tokens cannot cross threads; the API can).
pub fn emit_piece(api: &Api, piece: usize) -> Vec<EmittedFile> {
    match piece {
        0 => vec![root_file(api)],
        1 => folder_files(api),
        2 => vec![blocking_file(api), mock_file(api)],
        _ => api.modules.get(piece - 3).map(|module| leaf_file(api, module)).into_iter().collect(),
    }
}

/// The generated root: child modules, flat re-exports and the client.
fn root_file(api: &Api) -> EmittedFile {
    let children = children_of(api, &[]);
    let client = client::client(&api.settings);
    let blocking = format_ident!("{}", BLOCKING_MODULE);
    let mock = format_ident!("{}", MOCK_MODULE);
    EmittedFile {
        path: "mod.rs".to_owned(),
        inner_docs: vec![format!(
            "The generated core of the {} client: every model, request and endpoint.",
            api.settings.name
        )],
        tokens: quote! {
            #children
            // These follow the runtime's `blocking` and `mock` features, so the crate that
            // holds the client declares no features of its own.
            ::apigen_runtime::__codegen::cfg_blocking! {
                mod #blocking;
                #[allow(unused_imports)]
                pub use self::#blocking::BlockingClient;
            }
            ::apigen_runtime::__codegen::cfg_mock! {
                mod #mock;
                #[allow(unused_imports)]
                pub use self::#mock::MockServer;
            }
            #client
        },
    }
}

/// The module of `BlockingClient` (the runtime's `blocking` feature) and of `MockServer` (its
/// `mock` feature), next to the root; their names are reserved for schema files.
pub use crate::names::{BLOCKING_MODULE, MOCK_MODULE};

/// `BlockingClient`: its constructors; its endpoint methods are those of `Endpoints`.
fn blocking_file(api: &Api) -> EmittedFile {
    let root = root_path(1);
    EmittedFile {
        path: format!("{BLOCKING_MODULE}.rs"),
        inner_docs: vec![format!(
            "The blocking client of the {} (the runtime's `blocking` feature): every call of `Client`.",
            api.settings.name
        )],
        tokens: client::blocking_client(&api.settings, &root),
    }
}

/// `MockServer`: a local mock of the API, programmed per endpoint.
fn mock_file(api: &Api) -> EmittedFile {
    let root = root_path(1);
    let server = mock::mock_server(&api.settings, &root);
    let impls = api.modules.iter().map(|module| mock::endpoints(&module.endpoints, &root));
    EmittedFile {
        path: format!("{MOCK_MODULE}.rs"),
        inner_docs: vec![format!(
            "The test double of the {} (the runtime's `mock` feature): a local mock server.",
            api.settings.name
        )],
        tokens: quote! {
            #server
            #(#impls)*
        },
    }
}

/// A `mod.rs` for each folder of the schema.
fn folder_files(api: &Api) -> Vec<EmittedFile> {
    let mut folders: Vec<&[String]> =
        api.modules.iter().flat_map(|module| (1..module.path.len()).map(|depth| &module.path[..depth])).collect();
    folders.sort();
    folders.dedup();
    folders
        .into_iter()
        .map(|folder| EmittedFile {
            path: format!("{}/mod.rs", folder.join("/")),
            inner_docs: vec![format!("Items generated from `{}/` of the schema.", folder.join("/"))],
            tokens: children_of(api, folder),
        })
        .collect()
}

/// `mod child;` for the direct children of `parent`, and `pub use self::child::*;` for those
/// that declare types (a file of endpoints only adds methods to `Client`; re-exporting it would
/// be an unused import).
fn children_of(api: &Api, parent: &[String]) -> TokenStream {
    let mut children: Vec<(&String, bool)> = Vec::new();
    for module in
        api.modules.iter().filter(|module| module.path.len() > parent.len() && module.path.starts_with(parent))
    {
        let child = &module.path[parent.len()];
        let has_types = declares_types(module);
        match children.iter_mut().find(|(name, _)| *name == child) {
            Some((_, any_types)) => *any_types |= has_types,
            None => children.push((child, has_types)),
        }
    }
    children.sort();
    // `users/users.yaml` is a module named like its parent, which clippy flags in crates that
    // compile the generated files as their own (`build.rs`, the checked-in crate).
    let modules = children.iter().map(|(child, _)| {
        let ident = format_ident!("{}", child);
        if parent.last() == Some(*child) {
            quote!(#[allow(clippy::module_inception)] mod #ident;)
        } else {
            quote!(mod #ident;)
        }
    });
    let exports = children.iter().filter(|(_, has_types)| *has_types).map(|(child, _)| format_ident!("{}", child));
    quote! {
        #(#modules)*
        #(pub use self::#exports::*;)*
    }
}

/// Whether a schema file produces any type (model, enum, request or query).
fn declares_types(module: &Module) -> bool {
    !module.models.is_empty()
        || !module.enums.is_empty()
        || module.endpoints.iter().any(|endpoint| {
            endpoint.request.is_some() || endpoint.query.as_ref().is_some_and(|query| query.is_parameter())
        })
}

fn leaf_file(api: &Api, module: &Module) -> EmittedFile {
    let root = root_path(module.path.len());
    let models = module.models.iter().map(|model| types::model(api, model, &module.source, &root));
    let enums = module.enums.iter().map(|enumeration| types::enumeration(enumeration, &module.source));
    let queries = module.endpoints.iter().filter_map(|endpoint| {
        endpoint.query.as_ref().filter(|query| query.is_parameter()).map(|query| types::query(endpoint, query, &root))
    });
    let requests = module
        .endpoints
        .iter()
        .filter_map(|endpoint| endpoint.request.as_ref().map(|request| types::request(endpoint, request, &root)));
    let methods = module.endpoints.iter().map(|endpoint| client::endpoint(api, endpoint, &root));
    // One definition per endpoint, for both clients; request bodies are checked by the runtime.
    let bodies: Vec<_> = module
        .endpoints
        .iter()
        .filter_map(|endpoint| endpoint.request.as_ref())
        .map(|request| {
            let ty = format_ident!("{}", request.type_name);
            quote!(#root::#ty)
        })
        .collect();
    let endpoints = (!module.endpoints.is_empty()).then(|| {
        let validate = (!bodies.is_empty()).then(|| quote!(::apigen_runtime::__codegen::validate_with!(#(#bodies),*);));
        quote! {
            #validate
            impl<C: ::apigen_runtime::__codegen::Flavor> #root::Endpoints<C> {
                #(#methods)*
            }
        }
    });
    let mut inner_docs = vec![format!("Generated from `{}`.", module.source)];
    if let Some(page) = &module.page {
        inner_docs.push(String::new());
        inner_docs.push(format!("Docs: <{page}>"));
    }
    EmittedFile {
        path: format!("{}.rs", module.path.join("/")),
        inner_docs,
        tokens: quote! {
            #(#enums)*
            #(#models)*
            #(#requests)*
            #(#queries)*
            #endpoints
        },
    }
}

/// `super::super` from a module `depth` levels below the generated root, so generated items
/// name each other the same way whether written to files or expanded inline by a macro.
fn root_path(depth: usize) -> TokenStream {
    let supers = (0..depth).map(|_| quote!(super));
    quote!(#(#supers)::*)
}
