//! `generate_api!("schema")` expands, token for token, to the code `cargo xtask gen` writes:
//! the files under `generated/src/gen/`, read from disk and nested here by hand (each
//! `mod x;` replaced by the parsed `x.rs` or `x/mod.rs`, also inside the runtime's
//! `cfg_blocking!`/`cfg_mock!` gates), then the constant that includes every schema file.

use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{AttrStyle, Item};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace holds this crate").to_path_buf()
}

/// The items of the written file `dir/file`, its file modules made inline.
fn nested(dir: &Path, file: &Path) -> Vec<Item> {
    let text = fs::read_to_string(file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
    let syntax = syn::parse_file(&text).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
    nested_items(dir, syntax.items)
}

fn nested_items(dir: &Path, items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Mod(mut module) if module.content.is_none() => {
                let name = module.ident.unraw().to_string();
                let (child_dir, child_file) = if dir.join(format!("{name}.rs")).exists() {
                    (dir.join(&name), dir.join(format!("{name}.rs")))
                } else {
                    (dir.join(&name), dir.join(&name).join("mod.rs"))
                };
                let child_text = fs::read_to_string(&child_file).expect("child file");
                let child = syn::parse_file(&child_text).expect("child parses");
                module.attrs.extend(child.attrs.into_iter().filter(|attr| matches!(attr.style, AttrStyle::Inner(_))));
                module.content = Some((Default::default(), nested(&child_dir, &child_file)));
                module.semi = None;
                Item::Mod(module)
            }
            Item::Macro(mut gate)
                if gate.mac.path.segments.last().is_some_and(|last| last.ident.to_string().starts_with("cfg_")) =>
            {
                let inner: syn::File = syn::parse2(gate.mac.tokens.clone()).expect("the gate holds items");
                let items = nested_items(dir, inner.items);
                gate.mac.tokens = quote!(#(#items)*);
                Item::Macro(gate)
            }
            other => other,
        })
        .collect()
}

fn schema_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("schema folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            schema_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml") {
            found.push(path);
        }
    }
}

#[test]
fn expansion_is_the_written_code_token_for_token() {
    let root = workspace();
    let gen_dir = root.join("generated/src/gen");
    let items = nested(&gen_dir, &gen_dir.join("mod.rs"));
    let mut files = Vec::new();
    schema_files(&root.join("schema"), &mut files);
    files.sort();
    let tracked = files.iter().map(|path| path.to_string_lossy().into_owned());
    let expected: TokenStream = quote! {
        #(#items)*
        #[doc(hidden)]
        const _: &[&[u8]] = &[#(::core::include_bytes!(#tracked)),*];
    };

    let expansion = codegen::expand_macro(&root.join("schema"), "schema").unwrap_or_else(|error| panic!("{error}"));
    let (expected, expansion) = (expected.to_string(), expansion.to_string());
    assert!(expected.len() > 10_000, "the written tree is suspiciously small: {} bytes", expected.len());
    if expansion != expected {
        let at = expected.bytes().zip(expansion.bytes()).take_while(|(a, b)| a == b).count();
        let start = at.saturating_sub(200);
        panic!(
            "the expansion differs from the written files (run `cargo xtask gen`?) at byte {at}:\n\
             written:   ...{}\nexpansion: ...{}",
            &expected[start..(at + 200).min(expected.len())],
            &expansion[start..(at + 200).min(expansion.len())]
        );
    }
}

#[test]
fn the_same_function_builds_the_tree_from_generated_files() {
    let root = workspace();
    let files = codegen::generate(&root.join("schema"), "schema").unwrap_or_else(|error| panic!("{error}"));
    let tree = codegen::module_tree(&files).expect("assembles").to_string();
    let expansion = codegen::expand_macro(&root.join("schema"), "schema").expect("expands").to_string();
    assert!(expansion.starts_with(&tree), "the expansion starts with the module tree");
    assert!(expansion[tree.len()..].trim_start().starts_with("# [doc (hidden)] const _"));
}
