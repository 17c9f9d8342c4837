//! The generated files as one token stream, for `generate_api!`: each file is parsed back from
//! the text `cargo xtask gen` writes and put where its `mod name;` stands, as an inline
//! module, so the expansion is token for token the written code and paths such as
//! `super::super::User` resolve the same way. It reads the schema but writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{AttrStyle, Item};

use crate::{GenerateError, GeneratedFile};

/// The module tree of `files` (paths as `render_api` gives them, `mod.rs` at the root) as one
/// token stream: the root file's items, with every `mod child;` replaced by
/// `mod child { ... }` holding the child file's `//!` docs and items. The root file's own
/// `//!` docs are left out, since a macro expands to items, not to a module.
///
/// # Errors
///
/// A message when a file does not parse or a `mod` names a file that is not there.
pub fn module_tree(files: &[GeneratedFile]) -> Result<TokenStream, String> {
    let mut parsed = BTreeMap::new();
    for file in files {
        let syntax =
            syn::parse_file(&file.contents).map_err(|error| format!("`{}` does not parse: {error}", file.path))?;
        parsed.insert(file.path.as_str(), syntax);
    }
    let root = parsed.remove("mod.rs").ok_or("there is no root `mod.rs`")?;
    let items = inline_items(root.items, "", &mut parsed)?;
    if let Some(path) = parsed.keys().next() {
        return Err(format!("`{path}` is not reachable from `mod.rs`"));
    }
    Ok(quote!(#(#items)*))
}

/// `items` of the file in folder `prefix` (`""` or `users/`), with file modules made inline.
fn inline_items(items: Vec<Item>, prefix: &str, files: &mut BTreeMap<&str, syn::File>) -> Result<Vec<Item>, String> {
    items
        .into_iter()
        .map(|item| match item {
            Item::Mod(mut module) if module.content.is_none() => {
                let name = module.ident.unraw().to_string();
                let flat = format!("{prefix}{name}.rs");
                let nested = format!("{prefix}{name}/mod.rs");
                let child = files
                    .remove(flat.as_str())
                    .or_else(|| files.remove(nested.as_str()))
                    .ok_or_else(|| format!("`mod {name};` in `{prefix}` has no file `{flat}` or `{nested}`"))?;
                let child_items = inline_items(child.items, &format!("{prefix}{name}/"), files)?;
                let inner_attrs = child.attrs.into_iter().filter(|attr| matches!(attr.style, AttrStyle::Inner(_)));
                module.attrs.extend(inner_attrs);
                module.content = Some((Default::default(), child_items));
                module.semi = None;
                Ok(Item::Mod(module))
            }
            // `cfg_blocking! { mod blocking_client; ... }`: the modules a runtime macro keeps or
            // drops are inlined inside it.
            Item::Macro(mut item) if is_module_gate(&item.mac.path) => {
                let inner = syn::parse2::<syn::File>(item.mac.tokens.clone()).map_err(|error| {
                    format!("the items of a `{}!` do not parse: {error}", path_text(&item.mac.path))
                })?;
                let inlined = inline_items(inner.items, prefix, files)?;
                item.mac.tokens = quote!(#(#inlined)*);
                Ok(Item::Macro(item))
            }
            other => Ok(other),
        })
        .collect()
}

/// Whether a macro call is one of the runtime's feature gates, which hold `mod` declarations.
fn is_module_gate(path: &syn::Path) -> bool {
    path.segments.last().is_some_and(|segment| segment.ident == "cfg_blocking" || segment.ident == "cfg_mock")
}

fn path_text(path: &syn::Path) -> String {
    path.segments.iter().map(|segment| segment.ident.to_string()).collect::<Vec<_>>().join("::")
}

/// What `generate_api!(label)` expands to for the schema folder `dir`: the module tree of the
/// generated files, then a hidden constant that includes every schema file, so that Cargo
/// rebuilds the calling crate when one of them changes.
///
/// # Errors
///
/// Every schema problem (rendered as the CLI renders it), or a generator bug.
pub fn expand_macro(dir: &Path, label: &str) -> Result<TokenStream, GenerateError> {
    let sources = crate::load::read_dir(dir, label)
        .map_err(|diagnostics| GenerateError::Schema(crate::SchemaError { diagnostics, sources: Vec::new() }))?;
    let tracked: Vec<String> =
        sources.iter().map(|source| dir.join(&source.relative).to_string_lossy().into_owned()).collect();
    let api = crate::pipeline::lower_sources(sources).map_err(GenerateError::Schema)?;
    let files = crate::pipeline::render_api(&api).map_err(GenerateError::Bug)?;
    let tree = module_tree(&files).map_err(GenerateError::Bug)?;
    Ok(quote! {
        #tree
        #[doc(hidden)]
        const _: &[&[u8]] = &[#(::core::include_bytes!(#tracked)),*];
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.to_owned(), contents: contents.to_owned() }
    }

    #[test]
    fn nests_files_as_inline_modules() {
        let tree = module_tree(&[
            file("mod.rs", "//! Root.\nmod users;\npub use self::users::*;\npub struct Client;\n"),
            file("users/mod.rs", "//! Users.\nmod update_user;\npub use self::update_user::*;\n"),
            file("users/update_user.rs", "//! Leaf.\npub struct User { pub id: super::super::Id }\n"),
        ])
        .expect("assembles");
        let expected = quote! {
            mod users {
                #![doc = " Users."]
                mod update_user {
                    #![doc = " Leaf."]
                    pub struct User { pub id: super::super::Id }
                }
                pub use self::update_user::*;
            }
            pub use self::users::*;
            pub struct Client;
        };
        assert_eq!(tree.to_string(), expected.to_string());
    }

    #[test]
    fn reports_missing_and_stray_files() {
        let missing = module_tree(&[file("mod.rs", "mod users;")]).expect_err("no users file");
        assert_eq!(missing, "`mod users;` in `` has no file `users.rs` or `users/mod.rs`");
        let stray = module_tree(&[file("mod.rs", ""), file("other.rs", "")]).expect_err("stray file");
        assert_eq!(stray, "`other.rs` is not reachable from `mod.rs`");
        let broken = module_tree(&[file("mod.rs", "fn (")]).expect_err("does not parse");
        assert!(broken.starts_with("`mod.rs` does not parse"), "{broken}");
    }
}
