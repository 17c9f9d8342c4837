//! Writes the Contacts API client into `OUT_DIR` (`src/lib.rs` includes it); the build runs
//! again when a schema file changes.

fn main() {
    apigen_codegen::build_script("../contacts-schema", "contacts.rs");
}
