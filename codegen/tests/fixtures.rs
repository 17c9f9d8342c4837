//! Golden fixtures, found by listing `tests/fixtures/{ok,err}/*`: each `ok` case's schema must
//! generate exactly the files under its `expected/`, and each `err` case must fail with exactly
//! the report in its `expected.txt`. Run with `UPDATE_GOLDENS=1` to rewrite the goldens after an
//! intended change, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

fn fixture_dirs(kind: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind);
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("{}: {error}", root.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures under {}", root.display());
    dirs
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDENS").is_some()
}

fn files_below(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else { continue };
        for entry in entries {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("below dir").to_string_lossy().replace('\\', "/");
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn ok_fixtures_generate_their_goldens() {
    let mut failures = Vec::new();
    for dir in fixture_dirs("ok") {
        let name = dir.file_name().expect("named").to_string_lossy().into_owned();
        let generated = match apigen_codegen::generate(&dir.join("schema"), "schema") {
            Ok(generated) => generated,
            Err(report) => {
                failures.push(format!("{name}: expected success, got:\n{report}"));
                continue;
            }
        };
        let expected_dir = dir.join("expected");
        if updating() {
            let _ = fs::remove_dir_all(&expected_dir);
            for file in &generated {
                let target = expected_dir.join(&file.path);
                fs::create_dir_all(target.parent().expect("has parent")).expect("create dir");
                fs::write(target, &file.contents).expect("write golden");
            }
            continue;
        }
        let produced: Vec<String> = generated.iter().map(|file| file.path.clone()).collect();
        let expected = files_below(&expected_dir);
        if produced != expected {
            failures.push(format!("{name}: generated files {produced:?}, goldens {expected:?}"));
            continue;
        }
        for file in &generated {
            let golden = fs::read_to_string(expected_dir.join(&file.path)).expect("golden exists");
            if golden != file.contents {
                failures.push(format!("{name}: {} differs from its golden (UPDATE_GOLDENS=1 to rewrite)", file.path));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each `err` case through both front doors: `generate` (the CLI and `build.rs`) and
/// `expand_macro` (`generate_api!`).
#[test]
fn err_fixtures_report_exactly_their_goldens() {
    let mut failures = Vec::new();
    for dir in fixture_dirs("err") {
        let name = dir.file_name().expect("named").to_string_lossy().into_owned();
        let report = match apigen_codegen::generate(&dir.join("schema"), "schema") {
            Ok(_) => {
                failures.push(format!("{name}: expected errors, but generation succeeded"));
                continue;
            }
            Err(report) => format!("{report}\n"),
        };
        // The macro's door (`generate_api!`) refuses with the same report as the CLI's and
        // `build.rs`'s.
        match apigen_codegen::expand_macro(&dir.join("schema"), "schema") {
            Ok(_) => failures.push(format!("{name}: the macro door accepted what `generate` refused")),
            Err(macro_report) if format!("{macro_report}\n") != report => failures.push(format!(
                "{name}: the macro door reports differently\n--- generate\n{report}--- expand_macro\n{macro_report}\n"
            )),
            Err(_) => {}
        }
        let golden_path = dir.join("expected.txt");
        if updating() {
            fs::write(&golden_path, &report).expect("write golden");
            continue;
        }
        let golden = fs::read_to_string(&golden_path).unwrap_or_default();
        if golden != report {
            failures
                .push(format!("{name}: report differs from expected.txt\n--- expected\n{golden}--- actual\n{report}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `ok` golden is compiled by `tests/compile_goldens.rs`; this keeps its list complete.
#[test]
fn every_ok_fixture_is_compiled() {
    let listing = include_str!("compile_goldens.rs");
    for dir in fixture_dirs("ok") {
        let name = dir.file_name().expect("named").to_string_lossy().into_owned();
        let line = format!("#[path = \"fixtures/ok/{name}/expected/mod.rs\"]");
        assert!(listing.contains(&line), "add `{line}` and a module for it to tests/compile_goldens.rs");
    }
}
