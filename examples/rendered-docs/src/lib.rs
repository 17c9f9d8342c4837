//! The generated `inert_docs` golden (schema text that tries to be code, HTML and links), as
//! a crate for `cargo doc`: `xtask/tests/outside_crates.rs` searches the HTML rustdoc renders
//! from it for every element and link that schema text must not produce.

#[path = "../../../codegen/tests/fixtures/ok/inert_docs/expected/mod.rs"]
#[rustfmt::skip]
pub mod inert_docs;
