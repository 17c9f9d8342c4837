//! The docs loop for a vendor other than User.com: a copy of Cloud 66's real pages is imported
//! into a new schema folder, then edited as a vendor edits its docs (a row added, a type
//! changed, a limit written in prose, a required flag flipped, an endpoint removed); the check
//! over the existing folder gives exactly the expected drift lines and exit 1, and an
//! unchanged copy gives none and exit 0.

use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

fn run(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    let code = importer::run_in(root, args, &mut out, &mut err);
    (code, String::from_utf8(out).expect("utf-8"), String::from_utf8(err).expect("utf-8"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("the page");
    assert!(text.contains(from), "the page holds `{from}`");
    std::fs::write(path, text.replacen(from, to, 1)).expect("write the page");
}

#[test]
fn editing_a_corpus_page_gives_exactly_its_drift_lines() {
    let dir = scratch("corpus-drift");
    let pages = dir.join("cloud66");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/cloud66"), &pages);
    let schema = dir.join("schema");
    let (pages_arg, schema_arg) = (pages.to_str().unwrap(), schema.to_str().unwrap());

    let (code, out, _) = run(&["--pages", pages_arg, "--schema", schema_arg]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("wrote "), "{out}");
    let (code, out, _) = run(&["--pages", pages_arg, "--schema", schema_arg, "--check"]);
    assert_eq!((code, out.lines().last()), (0, Some(format!("{schema_arg}: no drift").as_str())));

    let stacks = pages.join("source/includes/_stacks.md");
    // A row added.
    edit(
        &stacks,
        "build_type | optional | string | Deploy all services",
        "tags | optional | string | Tags of the new stack | `web`\nbuild_type | optional | string | Deploy all services",
    );
    // A type changed.
    edit(&stacks, "cloud | optional | string | Cloud provider", "cloud | optional | integer | Cloud provider");
    // A limit in prose.
    edit(&stacks, "| New stack name |", "| New stack name, up to 40 characters |");
    // A required flag flipped.
    edit(&stacks, "manifest_yaml | optional | string", "manifest_yaml | **required** | string");
    // An endpoint removed: its section is gone from the page (the page's last).
    let text = std::fs::read_to_string(&stacks).expect("the page");
    let cut = text.find("## Reboot the Stack").expect("the section");
    std::fs::write(&stacks, &text[..cut]).expect("write the page");

    let (code, out, _) = run(&["--pages", pages_arg, "--schema", schema_arg, "--check"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "stack_create: ~ request.name max_length: none -> 40",
            "stack_create: ~ request.name description:",
            "stack_create:     - New stack name",
            "stack_create:     + New stack name, up to 40 characters",
            "stack_create: ~ request.manifest_yaml required: no -> yes",
            "stack_create: ~ request.cloud type: string -> integer",
            "stack_create: + request.tags (string, required: no): Tags of the new stack",
            "- endpoint reboot_the_stack (POST /stacks/:/reboot_servers)",
            &format!("{schema_arg}: 8 drift lines"),
        ],
        "{out}"
    );
    assert_eq!(code, 1);
}

/// `--strict` fails a run on any warning, for CI: over the snapshot, and over a vendor's pages
/// (whose folder is then not written).
#[test]
fn strict_turns_warnings_into_a_failure() {
    let (code, out, _) = run(&["--check"]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run(&["--check", "--strict"]);
    assert_eq!(code, 1);
    let last = err.lines().last().unwrap_or("");
    assert!(last.starts_with("error: `--strict`: ") && last.ends_with(" warnings"), "{err}");

    let dir = scratch("corpus-strict");
    let pages = dir.join("cloud66");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/cloud66"), &pages);
    let schema = dir.join("schema");
    let (code, _, err) = run(&["--pages", pages.to_str().unwrap(), "--schema", schema.to_str().unwrap(), "--strict"]);
    assert_eq!(code, 1);
    assert!(err.lines().last().unwrap_or("").starts_with("error: `--strict`: "), "{err}");
    assert!(!schema.exists(), "a strict failure writes nothing");
}
