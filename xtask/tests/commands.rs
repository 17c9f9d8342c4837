//! The command line as a maintainer runs it: the built `xtask` binary, on the second API's
//! schema (`examples/contacts-schema`), in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn contacts_schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/contacts-schema")
}

#[test]
fn help_lists_every_command_and_gen_schema_out() {
    let output = xtask(&["--help"]);
    assert!(output.status.success());
    let help = text(&output.stdout);
    for command in ["gen", "import", "openapi", "synth", "bench"] {
        assert!(help.contains(&format!("cargo xtask {command}")), "{command} in:\n{help}");
    }
    assert!(help.contains("--schema DIR --out DIR"), "{help}");

    let gen_help = xtask(&["gen", "--help"]);
    assert!(gen_help.status.success());
    assert!(text(&gen_help.stdout).starts_with("cargo xtask gen [--check] [--schema DIR [--out DIR]]\n"));

    let unknown = xtask(&["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).starts_with("error: unknown command `frobnicate`\nusage: cargo xtask gen"));
}

#[test]
fn gen_schema_out_writes_the_same_files_as_the_library_and_checks_them() {
    let out = std::env::temp_dir().join(format!("xtask-gen-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let schema = contacts_schema();
    let (schema_arg, out_arg) = (schema.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());

    let wrote = xtask(&["gen", "--schema", &schema_arg, "--out", &out_arg]);
    assert!(wrote.status.success(), "{}", text(&wrote.stderr));
    assert_eq!(text(&wrote.stdout), "5 written, 0 unchanged, 0 removed\n");
    let label = schema_arg.trim_end_matches('/');
    let expected = codegen::generate(&schema, label).expect("the example schema generates");
    for file in &expected {
        let written = std::fs::read_to_string(out.join(&file.path)).expect("written");
        assert_eq!(written, file.contents, "{}", file.path);
    }

    let fresh = xtask(&["gen", "--check", "--schema", &schema_arg, "--out", &out_arg]);
    assert!(fresh.status.success(), "{}", text(&fresh.stderr));
    std::fs::write(out.join("contacts/contacts.rs"), "// edited\n").expect("edit");
    let stale = xtask(&["gen", "--schema", &schema_arg, "--out", &out_arg, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(text(&stale.stdout), "stale   contacts/contacts.rs\n");
    let _ = std::fs::remove_dir_all(&out);

    // Without `--out`: accepted or not, and nothing written.
    let checked = xtask(&["gen", "--schema", &schema_arg]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert_eq!(
        text(&checked.stdout),
        format!("{label}: accepted; 5 files generated in memory (`--out DIR` writes them)\n")
    );
    assert!(!out.exists());
}

/// The files under `dir`, by path below it, with their text.
fn files_below(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("below dir").to_string_lossy().into_owned();
                found.push((relative, std::fs::read_to_string(&path).expect("text")));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn gen_writes_the_same_files_for_a_relative_and_an_absolute_schema_path() {
    let out = std::env::temp_dir().join(format!("xtask-gen-paths-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let absolute = std::fs::canonicalize(contacts_schema()).expect("the example schema exists");
    let absolute = absolute.to_string_lossy().into_owned();
    let (from_relative, from_absolute) = (out.join("relative"), out.join("absolute"));

    let relative_run = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(&examples)
        .args(["gen", "--schema", "./contacts-schema/", "--out", &from_relative.to_string_lossy()])
        .output()
        .expect("xtask runs");
    assert!(relative_run.status.success(), "{}", text(&relative_run.stderr));
    let absolute_run = xtask(&["gen", "--schema", &absolute, "--out", &from_absolute.to_string_lossy()]);
    assert!(absolute_run.status.success(), "{}", text(&absolute_run.stderr));

    let (relative_files, absolute_files) = (files_below(&from_relative), files_below(&from_absolute));
    assert_eq!(relative_files.len(), 5);
    assert!(relative_files == absolute_files, "the files differ with the path's spelling");
    assert!(relative_files.iter().all(|(_, text)| !text.contains(&absolute)), "a file names the absolute path");
    assert!(relative_files.iter().any(|(_, text)| text.contains("Generated from `contacts-schema/")));
    let _ = std::fs::remove_dir_all(&out);
}
