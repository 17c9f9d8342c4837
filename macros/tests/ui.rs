//! Compile-fail tests: a schema with errors makes `generate_api!` fail at the call with the
//! report `cargo xtask gen` prints (file:line:column, caret, key path, hint). Each case uses
//! a schema of `codegen/tests/fixtures/err/`, copied into trybuild's project folder (the
//! calling crate's `CARGO_MANIFEST_DIR` while the case compiles) as `fixtures/<case>/`.
//! Kept to three cases: each one is a compiler run.

use std::fs;
use std::path::{Path, PathBuf};

const CASES: &[&str] = &["misspelt_type", "path_params_mismatch", "yaml_syntax_error"];

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|error| panic!("{}: {error}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|error| panic!("{}: {error}", from.display())) {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("named"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap_or_else(|error| panic!("{}: {error}", target.display()));
        }
    }
}

/// Where trybuild builds the cases: `<target dir>/tests/trybuild/<crate name>/`.
fn trybuild_project() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.parent().expect("in the workspace").join("target"));
    target.join("tests/trybuild").join(env!("CARGO_PKG_NAME"))
}

#[test]
fn bad_schemas_are_compile_errors_with_the_cli_report() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = manifest.join("../codegen/tests/fixtures/err");
    let project = trybuild_project();
    for case in CASES {
        let to = project.join("fixtures").join(case);
        let _ = fs::remove_dir_all(&to);
        copy_dir(&fixtures.join(case).join("schema"), &to);
    }
    let cases = trybuild::TestCases::new();
    for case in CASES {
        cases.compile_fail(format!("tests/ui/{case}.rs"));
    }
}
