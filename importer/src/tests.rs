//! Tests of `cargo xtask import` as a maintainer runs it: every page of the snapshot
//! (`importer/pages/`) imports with the real overrides to what `schema/` holds (the same generated
//! Rust, one test a page); edited copies of real pages report exactly what changed and re-import
//! to exactly the expected schema and code change; the pages in `importer/tests/pages/` import to
//! their goldens (`UPDATE_GOLDENS=1` rewrites them); bad input gets errors that name the line.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// The repository root (the importer crate sits one folder below it).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The snapshot of the vendor's docs.
fn snapshot() -> PathBuf {
    repo_root().join(SNAPSHOT)
}

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDENS").is_some()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-import-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs the command; returns the exit code, stdout and stderr, with the test folders' absolute
/// paths shown as `pages/` and `scratch/`.
fn run(args: &[&str], scratch_dir: Option<&Path>) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_in(&repo_root(), args, &mut out, &mut err);
    let clean = |bytes: Vec<u8>| {
        let mut text = String::from_utf8(bytes).expect("UTF-8 output");
        text = text.replace(&format!("{}/", pages().display()), "pages/");
        text = text.replace(&format!("{}/", snapshot().display()), "snapshot/");
        if let Some(dir) = scratch_dir {
            text = text.replace(&format!("{}/", dir.display()), "scratch/");
        }
        text
    };
    (code, clean(out), clean(err))
}

fn path(path: &Path) -> String {
    path.display().to_string()
}

fn fixture_args(page: &Path) -> Vec<String> {
    vec![
        "--schema".into(),
        path(&pages().join("schema")),
        "--overrides".into(),
        path(&pages().join("overrides.yaml")),
        path(page),
    ]
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn the_seed_page_shows_no_drift_against_the_real_schema() {
    let seed = path(&snapshot().join("update_user.md"));
    let (code, out, err) = run(&["--check", &seed], None);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "snapshot/update_user.md: `update_user` matches schema/users/update_user.yaml\nno drift: 1 page matches schema/\n",
            ""
        )
    );
}

/// Each page imports to its golden YAML with its golden warnings, against a frozen copy of the
/// models (`pages/schema/`) and the test overrides (`pages/overrides.yaml`).
#[test]
fn pages_import_to_their_goldens() {
    let expected_dir = pages().join("expected");
    let mut names: Vec<String> = fs::read_dir(pages())
        .expect("pages folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| path.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "the seed and at least four more pages: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let args = fixture_args(&pages().join(format!("{name}.md")));
        let (code, out, err) = run(&strs(&args), None);
        let report = format!("{err}exit code: {code}\n");
        let golden_yaml = expected_dir.join(format!("{name}.yaml"));
        let golden_report = expected_dir.join(format!("{name}.txt"));
        if updating() {
            fs::create_dir_all(&expected_dir).expect("expected folder");
            fs::write(&golden_yaml, &out).expect("write golden");
            fs::write(&golden_report, &report).expect("write golden");
            continue;
        }
        if code != 0 {
            failures.push(format!("{name}: exit code {code}:\n{err}"));
        }
        if fs::read_to_string(&golden_yaml).ok().as_deref() != Some(out.as_str()) {
            failures.push(format!("{name}: the YAML differs from expected/{name}.yaml:\n{out}"));
        }
        if fs::read_to_string(&golden_report).ok().as_deref() != Some(report.as_str()) {
            failures.push(format!("{name}: the warnings differ from expected/{name}.txt:\n{report}"));
        }
    }
    // No golden without a page.
    for entry in fs::read_dir(&expected_dir).expect("expected folder") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        if !names.contains(&stem) {
            failures.push(format!("{} has no page", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}\n(UPDATE_GOLDENS=1 rewrites the goldens; review the diff)", failures.join("\n"));
}

#[test]
fn a_nameless_row_the_example_cannot_settle_asks_for_an_override() {
    let dir = scratch("nameless");
    fs::write(dir.join("overrides.yaml"), "# nothing yet\n").expect("write");
    let args = [
        "--schema".to_owned(),
        path(&pages().join("schema")),
        "--overrides".to_owned(),
        path(&dir.join("overrides.yaml")),
        path(&pages().join("update_user.md")),
    ];
    let (code, out, err) = run(&strs(&args), Some(&dir));
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "\
error: the row has no name, and the request example has 2 keys the table lacks (`email`, `gravatar_url`)
  --> pages/update_user.md:11
  = help: name it in scratch/overrides.yaml:
          update_user:
            unnamed_rows:
              \"A user email address.\": email
          (`email` appears in the row's description)
pages/update_user.md: not imported
0 of 1 page imported, 0 warnings
"
    );
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn bad_pages_and_bad_overrides_get_errors_that_say_where() {
    let dir = scratch("bad");
    let page = dir.join("page.md");
    let overrides = dir.join("overrides.yaml");
    let run_page = |text: &str, overrides_text: &str| {
        fs::write(&page, text).expect("write page");
        fs::write(&overrides, overrides_text).expect("write overrides");
        let args = [
            "--schema".to_owned(),
            path(&pages().join("schema")),
            "--overrides".to_owned(),
            path(&overrides),
            path(&page),
        ];
        run(&strs(&args), Some(&dir))
    };
    let table =
        "# Add thing\nAdds a thing.\nPOST\n/things/\nAttributes | Type | Required | Description |\n---|---|---|---|\n";

    let (code, _, err) = run_page(&format!("{table}colour | hue | no | A colour. |\n"), "");
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: unknown type `hue` for `colour`
  --> scratch/page.md:7
  = help: give the row a type in scratch/overrides.yaml:
          page:
            rows:
              colour:
                type: string
"
        ),
        "{err}"
    );
    // The override the help asks for settles it.
    let (code, out, _) = run_page(
        &format!("{table}colour | hue | no | A colour. |\n"),
        "add_thing:\n  rows:\n    colour:\n      type: string\n",
    );
    assert_eq!(code, 0);
    assert!(out.contains("      colour:\n        type: string\n        required: no\n"), "{out}");

    let (code, _, err) = run_page("Add thing\n", "");
    assert_eq!(
        (code, err.lines().take(2).collect::<Vec<_>>()),
        (
            1,
            vec![
                "error: the page has no method line (GET, POST, PUT, PATCH or DELETE) after its description",
                "  --> scratch/page.md:2"
            ]
        )
    );

    let (code, _, err) = run_page(&format!("{table}a | string | perhaps | x |\n"), "");
    assert_eq!(
        (code, err.lines().take(2).collect::<Vec<_>>()),
        (1, vec!["error: the `Required` cell says `perhaps`; expected `yes` or `no`", "  --> scratch/page.md:7"])
    );

    let (code, _, err) =
        run_page(&format!("{table}a | string | no | x |\n"), "add_thing:\n  rows:\n    a:\n      typ: string\n");
    assert_eq!(code, 1);
    assert!(err.starts_with("error: scratch/overrides.yaml: add_thing.rows.a: unknown field `typ`"), "{err}");

    let (code, _, err) = run_page(
        &format!("{table}a | string | no | x |\n"),
        "add_thing:\n  rows:\n    b:\n      note: a row the page lacks\n",
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: scratch/overrides.yaml changes the row `b`, which the page does not have\n  --> scratch/page.md\n  = help: give it a `type` to add it as a row, or remove the entry\n"), "{err}");

    // A request example that is not JSON even leniently is left out, with its line.
    let (code, out, err) = run_page(
        &format!(
            "{table}a | string | no | x |\n# Request\ncurl -d '{{\"a\": @}}' \"https://x.user.com/api/public/things/\"\n"
        ),
        "",
    );
    assert_eq!(code, 0);
    assert!(err.contains("warning: the request example is not JSON even leniently (unexpected `@`); it is left out\n  --> scratch/page.md:9\n"), "{err}");
    assert!(!out.contains("examples"), "{out}");

    let missing = path(&dir.join("missing.md"));
    let (code, _, err) = run(&["--schema", &path(&pages().join("schema")), &missing], Some(&dir));
    assert_eq!(code, 1);
    assert!(err.starts_with("error: No such file or directory (os error 2)\n  --> scratch/missing.md\n"), "{err}");
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn the_command_line_is_checked() {
    let usage = |message: &str| format!("error: {message}\n{USAGE}\n");
    assert_eq!(run(&["--out"], None), (2, String::new(), usage("`--out` needs a value")));
    assert_eq!(run(&["--bogus", "x.md"], None), (2, String::new(), usage("unknown option `--bogus`")));
    assert_eq!(
        run(&["--check", "--out", "d", "x.md"], None),
        (2, String::new(), usage("`--check` writes nothing; it takes no `--out`"))
    );
}

#[test]
fn several_pages_print_one_after_another() {
    let mut args = fixture_args(&pages().join("create_event.md"));
    args.push(path(&pages().join("create_user.md")));
    let (code, out, err) = run(&strs(&args), None);
    assert_eq!(code, 0, "{err}");
    let headers: Vec<&str> = out.lines().filter(|line| line.starts_with("# ==> ")).collect();
    assert_eq!(
        headers,
        ["# ==> pages/schema/events/create_event.yaml <==", "# ==> pages/schema/users/create_user.yaml <=="]
    );
    assert!(err.ends_with("2 of 2 pages imported, 8 warnings\n"), "{err}");
}

/// Bad input never panics: every prefix of every page (a page cut off anywhere) and every page
/// with one line deleted or doubled is imported or refused with messages.
#[test]
fn cut_and_mangled_pages_never_panic() {
    let options = Options { schema: Some(pages().join("schema")), ..Options::default() };
    let session = Session::open(&repo_root(), &options).expect("fixture schema");
    let models = session.known_models();
    let overrides =
        Overrides::parse(&fs::read_to_string(pages().join("overrides.yaml")).expect("overrides"), "overrides.yaml")
            .expect("overrides parse");
    let mut tried = 0;
    let mut import = |text: &str| {
        tried += 1;
        let Ok(page) = page::parse(text.as_bytes()) else { return };
        let name = codegen::__stages::names::snake_ident(&page.title.value).unwrap_or_default();
        let found = overrides.find(None, "", &name);
        let context = Context {
            overrides: found.map(|(_, page)| page),
            overrides_key: found.map(|(key, _)| key),
            overrides_label: "overrides.yaml",
            models: &models,
            prefer_response: None,
        };
        if let Ok(imported) = convert::convert(&page, &context) {
            let text = file_text(&imported);
            assert!(parse_endpoint(&text).is_some(), "import wrote YAML that does not read back:\n{text}");
        }
    };
    // The fixtures, and the snapshot's real pages with their other renderings.
    let mut files: Vec<(PathBuf, usize)> = Vec::new();
    for (dir, step) in [(pages(), 3), (snapshot(), 11)] {
        for entry in fs::read_dir(dir).expect("pages") {
            files.push((entry.expect("entry").path(), step));
        }
    }
    for (path, step) in files {
        if path.extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("page");
        for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)).step_by(step) {
            import(&text[..end]);
        }
        let lines: Vec<&str> = text.lines().collect();
        for at in 0..lines.len() {
            let mut deleted = lines.clone();
            deleted.remove(at);
            import(&deleted.join("\n"));
            let mut doubled = lines.clone();
            doubled.insert(at, lines[at]);
            import(&doubled.join("\n"));
        }
    }
    assert!(tried > 4_000, "{tried}");
}
