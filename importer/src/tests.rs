//! Tests of `cargo xtask import` as a maintainer runs it: the seed page round-trips through the
//! real `schema/` (the same generated Rust), the pages in `importer/tests/pages/` import to their
//! goldens (`UPDATE_GOLDENS=1` rewrites them), the drift check reports a changed page, writing
//! never loses a hand edit, and bad input gets errors that name the line.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// The repository root (the importer crate sits one folder below it).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
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

/// The acceptance test of the round trip: the seed page, imported with the real overrides,
/// generates exactly the Rust code that the hand-kept `schema/users/update_user.yaml` does.
#[test]
fn the_seed_page_generates_the_same_code_as_the_hand_kept_schema() {
    let root = repo_root();
    let options = Options { pages: vec![pages().join("update_user.md")], ..Options::default() };
    let session = Session::open(&root, &options).expect("schema and overrides read");
    let done = session.import_page(&options.pages[0], None).unwrap_or_else(|errors| panic!("{errors:?}"));
    assert_eq!(done.relative, "users/update_user.yaml");

    let by_hand = codegen::load::read_dir(&root.join("schema"), "schema").expect("schema/ reads");
    let hand_kept = by_hand.iter().find(|file| file.relative == done.relative).expect("the hand-kept file");
    assert_ne!(hand_kept.text, done.text, "the comparison must be of two different files");
    let imported: Vec<SourceFile> = by_hand
        .iter()
        .map(|file| {
            if file.relative == done.relative {
                SourceFile { text: done.text.clone(), ..file.clone() }
            } else {
                file.clone()
            }
        })
        .collect();
    let generate = |files: Vec<SourceFile>| {
        let api = codegen::lower_sources(files).unwrap_or_else(|error| panic!("{error}"));
        codegen::render_api(&api).expect("renders")
    };
    let (expected, actual) = (generate(by_hand), generate(imported));
    let paths = |files: &[codegen::GeneratedFile]| files.iter().map(|file| file.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&actual), paths(&expected));
    for (actual, expected) in actual.iter().zip(&expected) {
        assert!(actual.contents == expected.contents, "{} differs:\n{}", actual.path, actual.contents);
    }
}

#[test]
fn the_seed_page_shows_no_drift_against_the_real_schema() {
    let seed = path(&pages().join("update_user.md"));
    let (code, out, err) = run(&["--check", &seed], None);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            0,
            "pages/update_user.md: `update_user` matches schema/users/update_user.yaml\nno drift: 1 page matches schema/\n",
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

/// A schema folder holding the frozen models and the seed's golden import.
fn schema_with_update_user(dir: &Path) -> PathBuf {
    let schema = dir.join("schema");
    for relative in ["api.yaml", "models/user.yaml", "models/acks.yaml", "models/enums.yaml"] {
        let target = schema.join(relative);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::copy(pages().join("schema").join(relative), target).expect("copy");
    }
    fs::create_dir_all(schema.join("users")).expect("mkdir");
    fs::copy(pages().join("expected/update_user.yaml"), schema.join("users/update_user.yaml")).expect("copy");
    schema
}

#[test]
fn the_drift_check_lists_what_the_docs_changed() {
    let dir = scratch("drift");
    let schema = schema_with_update_user(&dir);
    let seed = fs::read_to_string(pages().join("update_user.md")).expect("seed");
    let changed = seed
        .replace(
            "first name for a user (the maximum number of characters is 40)",
            "first name for a user (the maximum number of characters is 50)",
        )
        .replace(
            "tags | list(strings) | no | A list of tag names. |",
            "tags | list(integers) | yes | A list of tag ids. |\nnickname | string | no | A nickname. |",
        )
        .replace("last_name | string | no | A last name for a user (the maximum number of characters is 40). |\n", "")
        .replace("\"city\": null\n", "\"city\": null,\n\"favourite_colour\": null\n");
    assert_ne!(changed, seed);
    let page = dir.join("update_user.md");
    fs::write(&page, changed).expect("write page");
    let args = [
        "--check".to_owned(),
        "--schema".to_owned(),
        path(&schema),
        "--overrides".to_owned(),
        path(&pages().join("overrides.yaml")),
        path(&page),
    ];
    let (code, out, err) = run(&strs(&args), Some(&dir));
    assert_eq!(err, "");
    assert_eq!(
        out,
        "\
scratch/update_user.md: `update_user` differs from scratch/schema/users/update_user.yaml
  ~ request.first_name max_length: 40 -> 50
  ~ request.first_name description:
      - A first name for a user (the maximum number of characters is 40).
      + A first name for a user (the maximum number of characters is 50).
  ~ request.tags type: list(string) -> list(integer)
  ~ request.tags required: no -> yes
  ~ request.tags description:
      - A list of tag names.
      + A list of tag ids.
  + request.nickname (string, required: no): A nickname.
  - request.last_name (string, required: no, max_length: 40)
  + response.favourite_colour: in the docs' response example, not a field of `User`
drift in 1 of 1 page; re-import them (`cargo xtask import --out scratch/schema PAGE`) or record the decision in pages/overrides.yaml
"
    );
    assert_eq!(code, 1);

    // The unchanged seed matches the schema it was imported into.
    let args = [
        "--check".to_owned(),
        "--schema".to_owned(),
        path(&schema),
        "--overrides".to_owned(),
        path(&pages().join("overrides.yaml")),
        path(&pages().join("update_user.md")),
    ];
    let (code, out, _) = run(&strs(&args), Some(&dir));
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "pages/update_user.md: `update_user` matches scratch/schema/users/update_user.yaml\nno drift: 1 page matches scratch/schema/\n"
        )
    );

    // A page for an endpoint the schema lacks is drift too.
    let args = [
        "--check".to_owned(),
        "--schema".to_owned(),
        path(&schema),
        "--overrides".to_owned(),
        path(&pages().join("overrides.yaml")),
        path(&pages().join("create_event.md")),
    ];
    let (code, out, _) = run(&strs(&args), Some(&dir));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("pages/create_event.md: `create_event` is not in scratch/schema/ (a new endpoint)\n"),
        "{out}"
    );
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn writing_never_loses_a_hand_edit() {
    let dir = scratch("write");
    let out_dir = dir.join("out");
    let page = dir.join("update_user.md");
    let seed = fs::read_to_string(pages().join("update_user.md")).expect("seed");
    fs::write(&page, &seed).expect("write page");
    let mut args = fixture_args(&page);
    args.splice(0..0, ["--out".to_owned(), path(&out_dir)]);
    let target = out_dir.join("users/update_user.yaml");
    let import = || run(&strs(&args), Some(&dir));

    let (code, out, _) = import();
    assert_eq!((code, out.as_str()), (0, "wrote     scratch/out/users/update_user.yaml\n"));
    let golden = fs::read_to_string(pages().join("expected/update_user.yaml")).expect("golden");
    assert_eq!(fs::read_to_string(&target).expect("written"), golden);
    assert!(is_pristine(&golden));

    let (code, out, _) = import();
    assert_eq!((code, out.as_str()), (0, "unchanged scratch/out/users/update_user.yaml\n"));

    // The docs change; the file is import's own output, so it is updated.
    fs::write(&page, seed.replace("A list of tag names.", "The names of the tags.")).expect("write page");
    let (code, out, _) = import();
    assert_eq!((code, out.as_str()), (0, "updated   scratch/out/users/update_user.yaml\n"));
    let updated = fs::read_to_string(&target).expect("written");
    assert!(updated.contains("description: The names of the tags.") && is_pristine(&updated));

    // A hand edit: re-import refuses and says what it would change.
    let edited = updated.replace("max_length: 40", "max_length: 30");
    fs::write(&target, &edited).expect("hand edit");
    assert!(!is_pristine(&edited));
    let (code, out, err) = import();
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains(
            "error: scratch/out/users/update_user.yaml: edited by hand (or not written by import), and the page differs:
  ~ request.first_name max_length: 30 -> 40
  ~ request.last_name max_length: 30 -> 40
not overwritten: move the hand decisions into the overrides, or pass `--force`
"
        ),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&target).expect("kept"), edited);

    // A hand edit that agrees with the page (a comment, a note) is kept.
    let commented =
        format!("# Checked by hand.\n{}", updated.replace(&updated[..updated.find("page:").expect("page key")], ""));
    fs::write(&target, &commented).expect("hand edit");
    let (code, out, _) = import();
    assert_eq!((code, out.as_str()), (0, "kept      scratch/out/users/update_user.yaml\n"));
    assert_eq!(fs::read_to_string(&target).expect("kept"), commented);

    // `--force` replaces a hand edit.
    fs::write(&target, &edited).expect("hand edit");
    args.insert(0, "--force".to_owned());
    let (code, out, _) = run(&strs(&args), Some(&dir));
    assert_eq!((code, out.as_str()), (0, "replaced  scratch/out/users/update_user.yaml\n"));
    assert_eq!(fs::read_to_string(&target).expect("written"), updated);
    let leftovers: Vec<_> =
        fs::read_dir(out_dir.join("users")).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(leftovers, ["update_user.yaml"], "no temporary file is left behind");
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
          add_thing:
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
        (1, vec!["error: a page starts with its title, such as `# Update user`", "  --> scratch/page.md:1"])
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
    assert_eq!(run(&[], None), (2, String::new(), usage("no page given")));
    assert_eq!(run(&["--out"], None), (2, String::new(), usage("`--out` needs a value")));
    assert_eq!(run(&["--bogus", "x.md"], None), (2, String::new(), usage("unknown option `--bogus`")));
    assert_eq!(
        run(&["--check", "--out", "d", "x.md"], None),
        (2, String::new(), usage("`--check` writes nothing; it takes no `--out` or `--force`"))
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
    let models = session.known_models("");
    let overrides =
        Overrides::parse(&fs::read_to_string(pages().join("overrides.yaml")).expect("overrides"), "overrides.yaml")
            .expect("overrides parse");
    let mut tried = 0;
    let mut import = |text: &str| {
        tried += 1;
        let Ok(page) = page::parse(text.as_bytes()) else { return };
        let name = codegen::names::snake_ident(&page.title.value).unwrap_or_default();
        let found = overrides.find("", &name);
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
    for entry in fs::read_dir(pages()).expect("pages") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("page");
        for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)).step_by(3) {
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
