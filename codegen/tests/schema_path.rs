//! The generated files do not depend on how the schema folder was named on the command line:
//! `cargo xtask gen --schema DIR` hands `DIR` as typed (less a trailing `/`) to
//! `apigen_codegen::generate`, and a relative, a `./`-prefixed and an absolute path to the same
//! folder give the same bytes. Messages still name files by the path as typed, so a reader can
//! open them.

use std::path::Path;

use apigen_codegen::{GeneratedFile, generate};

/// An `ok` fixture's schema folder, relative to this package (where cargo runs its tests).
const RELATIVE: &str = "tests/fixtures/ok/shapes/schema";

/// What the CLI does with `--schema <typed>`.
fn generate_as_typed(typed: &str) -> Vec<GeneratedFile> {
    let label = typed.trim_end_matches('/');
    generate(Path::new(typed), label).unwrap_or_else(|error| panic!("`{typed}`: {error}"))
}

#[test]
fn a_relative_and_an_absolute_schema_path_generate_the_same_files() {
    let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join(RELATIVE);
    let absolute = absolute.to_str().expect("a UTF-8 path");
    let relative = generate_as_typed(RELATIVE);
    assert!(!relative.is_empty());
    for typed in [format!("./{RELATIVE}/"), absolute.to_owned(), format!("{absolute}/")] {
        let other = generate_as_typed(&typed);
        assert_eq!(other.len(), relative.len(), "`{typed}`");
        for (file, same) in other.iter().zip(&relative) {
            assert_eq!(file.path, same.path, "`{typed}`");
            assert!(file.contents == same.contents, "`{typed}`: {} differs from the relative path's", file.path);
        }
    }
    for file in &relative {
        assert!(!file.contents.contains("tests/fixtures"), "{} names the path as typed", file.path);
    }
    // Doc pointers name the folder itself: `schema/things.yaml`, as the fixture's goldens do.
    let module = relative.iter().find(|file| file.contents.contains("Generated from `")).expect("a module file");
    assert!(module.contents.contains("Generated from `schema/"), "{}", module.contents);
}

#[test]
fn messages_name_files_by_the_path_as_typed() {
    let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/err/misspelt_type/schema");
    let typed = absolute.to_str().expect("a UTF-8 path");
    let report = match generate(&absolute, typed) {
        Ok(_) => panic!("the fixture has errors"),
        Err(report) => report.to_string(),
    };
    assert!(report.contains(&format!("--> {typed}/things.yaml:9:15")), "{report}");
}
