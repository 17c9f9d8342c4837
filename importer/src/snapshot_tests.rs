//! Tests of the docs loop over the snapshot of the vendor's docs (`importer/pages/`): each page,
//! imported with `import/overrides.yaml`, generates exactly the Rust that `schema/` does (one
//! test a page); the whole snapshot checks clean; edited copies of real pages report exactly
//! what changed, exit 1, and re-import to exactly the expected schema and code change; one
//! identity for an endpoint everywhere.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, SourceFile};

use super::*;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn snapshot() -> PathBuf {
    repo_root().join(SNAPSHOT)
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("importer-loop-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Runs the command in the real repository; the scratch folder's path is shown as `scratch/`.
fn run(args: &[&str], scratch_dir: &Path) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_in(&repo_root(), args, &mut out, &mut err);
    let clean = |bytes: Vec<u8>| {
        String::from_utf8(bytes).expect("UTF-8 output").replace(&format!("{}/", scratch_dir.display()), "scratch/")
    };
    (code, clean(out), clean(err))
}

/// Everything the generator writes from a set of schema files: the module tree and the
/// example tests.
fn generate(files: Vec<SourceFile>) -> Vec<GeneratedFile> {
    let api = codegen::lower_sources(files).unwrap_or_else(|error| panic!("{error}"));
    let mut out = codegen::render_api(&api).expect("renders");
    if let Some(tests) = codegen::render_example_tests(&api, "usercom").expect("example tests render") {
        out.push(GeneratedFile { path: "examples/documented.rs".into(), contents: tests });
    }
    out
}

/// The acceptance test of one snapshot page: imported with the real overrides and spliced into
/// its schema file, the schema generates byte for byte the Rust code it generates today.
fn page_generates_the_schemas_code(page: &str) {
    let root = repo_root();
    let options = Options { pages: vec![snapshot().join(page)], snapshot: true, ..Options::default() };
    let session = Session::open(&root, &options).expect("schema and overrides read");
    let done = session.import_page(&options.pages[0], true).unwrap_or_else(|errors| panic!("{errors:?}"));
    assert!(done.target.is_some(), "{page}: no schema endpoint has its identity");
    assert_eq!(session.drift(&done), Vec::<String>::new(), "{page} drifts");

    let schema = codegen::load::read_dir(&root.join("schema"), "schema").expect("schema/ reads");
    let mut replaced = false;
    let imported: Vec<SourceFile> = schema
        .iter()
        .map(|file| {
            if file.relative != done.relative {
                return file.clone();
            }
            let text = splice(&file.text, &done.imported.name, &done.text).expect("the file holds the endpoint");
            replaced = true;
            SourceFile { text, ..file.clone() }
        })
        .collect();
    assert!(replaced, "{page}: {} is not in schema/", done.relative);
    let (expected, actual) = (generate(schema), generate(imported));
    let paths = |files: &[GeneratedFile]| files.iter().map(|file| file.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&actual), paths(&expected), "{page}");
    for (actual, expected) in actual.iter().zip(&expected) {
        assert!(
            actual.contents == expected.contents,
            "{page}: {} differs:\n{}",
            actual.path,
            line_diff(&expected.contents, &actual.contents).join("\n")
        );
    }
}

macro_rules! snapshot_pages {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                page_generates_the_schemas_code(concat!(stringify!($name), ".md"));
            }
        )*

        /// Every page of the snapshot has its test above.
        #[test]
        fn every_snapshot_page_has_its_test() {
            let mut listed = vec![$(concat!(stringify!($name), ".md")),*];
            listed.sort_unstable();
            let found: Vec<String> = snapshot_pages(&snapshot())
                .expect("snapshot")
                .iter()
                .map(|path| path.file_name().expect("name").to_string_lossy().into_owned())
                .collect();
            assert_eq!(found, listed);
        }
    };
}

mod page {
    use super::page_generates_the_schemas_code;
    use super::snapshot;
    use crate::snapshot_pages;

    snapshot_pages!(
        create_deal,
        create_deal_by_id,
        create_event,
        create_product_event,
        create_product_event_by_custom_id,
        create_user,
        create_user_event_by_custom_id,
        find_user_by_email,
        find_user_by_key,
        find_users_by_email,
        get_companies_by_tag,
        get_deal,
        get_deals_by_user,
        get_user,
        get_users_by_tag,
        mass_update_custom_attributes,
        mass_update_standard_attributes,
        mass_update_standard_attributes_by_custom_ids,
        update_deal_by_custom_id,
        update_or_create_deal,
        update_or_create_user,
        update_user,
        update_user_by_custom_id,
    );
}

/// Lines removed (`-`) and added (`+`), in order (a longest-common-subsequence diff).
fn line_diff(old: &str, new: &str) -> Vec<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] > lcs[i + 1][j]) {
            out.push(format!("+{}", b[j]));
            j += 1;
        } else {
            out.push(format!("-{}", a[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn the_whole_snapshot_checks_clean() {
    let dir = scratch("clean");
    assert_eq!(run(&["--check"], &dir), (0, "no drift: 23 pages match schema/\n".to_owned(), String::new()));
}

/// An edit of a page's text.
type Edit = fn(&str) -> String;

/// A copy of a snapshot page, edited, under its own name (the overrides are keyed by it).
fn edited_copy(dir: &Path, page: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let text = fs::read_to_string(snapshot().join(page)).expect("page");
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit must change the page");
    let target = dir.join(page);
    fs::write(&target, changed).expect("write page");
    target
}

/// `--check` on an edited copy: the exit code and the drift report.
fn check(page: &Path, dir: &Path) -> (u8, String, String) {
    run(&["--check", &page.display().to_string()], dir)
}

const DRIFT_END: &str = "drift in 1 of 1 page; re-import (`cargo xtask import PAGE...`, then `cargo xtask gen`) or record the decision in import/overrides.yaml\n";

fn first_name_limit(phrasing: &str) -> String {
    let dir = scratch("limit");
    let page = edited_copy(&dir, "update_user.md", |text| {
        text.replace(
            "A first name for a user (the maximum number of characters is 40).",
            &format!("A first name for a user ({phrasing})."),
        )
    });
    let (code, out, err) = check(&page, &dir);
    assert_eq!((code, err.as_str()), (1, ""), "{phrasing}");
    fs::remove_dir_all(&dir).expect("clean up");
    out
}

#[test]
fn a_limit_in_each_prose_phrasing_is_drift() {
    for phrasing in [
        "maximum length: 100",
        "limited to 100 characters",
        "100 characters max",
        "the maximum number of characters is 100",
        "it cannot be longer than 100 characters",
    ] {
        assert_eq!(
            first_name_limit(phrasing),
            format!(
                "scratch/update_user.md: `update_user` differs from schema/users/update_user.yaml
  ~ request.first_name max_length: 40 -> 100
  ~ request.first_name description:
      - A first name for a user (the maximum number of characters is 40).
      + A first name for a user ({phrasing}).
{DRIFT_END}"
            ),
            "{phrasing}"
        );
    }
}

#[test]
fn a_number_next_to_characters_that_is_no_limit_is_a_warning() {
    let dir = scratch("unknown-limit");
    let page = edited_copy(&dir, "update_user.md", |text| {
        text.replace(
            "A first name for a user (the maximum number of characters is 40).",
            "A first name for a user (40 characters).",
        )
    });
    let (code, _, err) = run(&[&page.display().to_string()], &dir);
    assert_eq!(code, 0);
    assert!(
        err.contains(
            "warning: the description of `first_name` has the number 40 next to \"characters\", but it reads as no limit; \
             if it is one, give `max_length` in the overrides\n  --> scratch/update_user.md:13\n"
        ),
        "{err}"
    );
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn each_kind_of_docs_change_is_one_drift_line() {
    let cases: [(&str, Edit, &str); 6] = [
        (
            "a row added",
            |text| {
                text.replace(
                    "tags | list(strings) | no | A list of tag names. |",
                    "tags | list(strings) | no | A list of tag names. |\nnickname | string | no | A nickname. |",
                )
            },
            "  + request.nickname (string, required: no): A nickname.\n",
        ),
        (
            "a row removed",
            |text| {
                text.replace(
                    "last_name | string | no | A last name for a user (the maximum number of characters is 40). |\n",
                    "",
                )
            },
            "  - request.last_name (string, required: no, max_length: 40)\n",
        ),
        (
            "a type changed",
            |text| text.replace("tags | list(strings) |", "tags | list(integers) |"),
            "  ~ request.tags type: list(string) -> list(integer)\n",
        ),
        (
            "required flipped",
            |text| text.replace("\ncustom_id | string | no |", "\ncustom_id | string | yes |"),
            "  ~ request.custom_id required: no -> yes\n",
        ),
        (
            "a new key in the response example",
            |text| text.replace("\"city\": null\n", "\"city\": null,\n\"favourite_colour\": null\n"),
            "  ~ examples.response: another value\n  + response.favourite_colour: in the docs' response example, not a field of `User`\n",
        ),
        (
            "the response dropped",
            |text| text[..text.find("# Response").expect("response")].to_owned(),
            "  ~ response: User -> none\n  - examples.response (the page no longer shows this example)\n",
        ),
    ];
    for (what, edit, lines) in cases {
        let dir = scratch("kinds");
        let page = edited_copy(&dir, "update_user.md", edit);
        let (code, out, err) = check(&page, &dir);
        assert_eq!(
            (code, out, err),
            (
                1,
                format!(
                    "scratch/update_user.md: `update_user` differs from schema/users/update_user.yaml\n{lines}{DRIFT_END}"
                ),
                String::new()
            ),
            "{what}"
        );
        fs::remove_dir_all(&dir).expect("clean up");
    }
}

/// A copy of `schema/` to write into.
fn schema_copy(dir: &Path) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).expect("mkdir");
        for entry in fs::read_dir(from).expect("dir") {
            let path = entry.expect("entry").path();
            let target = to.join(path.file_name().expect("name"));
            if path.is_dir() {
                copy(&path, &target);
            } else {
                fs::copy(&path, &target).expect("copy");
            }
        }
    }
    let schema = dir.join("schema");
    copy(&repo_root().join("schema"), &schema);
    schema
}

/// Re-imports an edited page into a copy of the schema; returns the command's output and the
/// schema file before and after.
fn reimport(page: &Path, dir: &Path, relative: &str) -> (String, String, String) {
    let schema = schema_copy(dir);
    let before = fs::read_to_string(schema.join(relative)).expect("schema file");
    let schema_arg = schema.display().to_string();
    let (code, out, err) = run(&["--schema", &schema_arg, "--out", &schema_arg, &page.display().to_string()], dir);
    assert_eq!(code, 0, "{err}");
    let after = fs::read_to_string(schema.join(relative)).expect("schema file");
    (out, before, after)
}

/// The generated code of a schema folder in which one file has the given text.
fn code_with(relative: &str, text: &str) -> Vec<GeneratedFile> {
    let files = codegen::load::read_dir(&repo_root().join("schema"), "schema").expect("reads");
    generate(
        files
            .into_iter()
            .map(|file| if file.relative == relative { SourceFile { text: text.to_owned(), ..file } } else { file })
            .collect(),
    )
}

#[test]
fn a_reimport_writes_exactly_the_change_and_the_code_follows() {
    let dir = scratch("reimport");
    let page = edited_copy(&dir, "update_user.md", |text| {
        text.replace(
            "A first name for a user (the maximum number of characters is 40).",
            "A first name for a user (limited to 100 characters).",
        )
        .replace(
            "tags | list(strings) | no | A list of tag names. |",
            "tags | list(strings) | no | A list of tag names. |\nnickname | string | no | A nickname. |",
        )
    });
    let relative = "users/update_user.yaml";
    let (out, before, after) = reimport(&page, &dir, relative);
    assert_eq!(out, "updated   scratch/schema/users/update_user.yaml\n");
    // The schema change: the limit and the description of `first_name`, and the new row;
    // nothing else of the file moves (its comments included).
    assert_eq!(
        line_diff(&before, &after),
        [
            "-        max_length: 40",
            "-        description: A first name for a user (the maximum number of characters is 40).",
            "+        max_length: 100",
            "+        description: A first name for a user (limited to 100 characters).",
            "+      nickname:",
            "+        type: string",
            "+        required: no",
            "+        description: A nickname.",
        ]
    );
    // The code change is the generator's for exactly that schema change: one module, with the
    // new limit and the new field.
    let (old_code, new_code) = (code_with(relative, &before), code_with(relative, &after));
    let changed: Vec<(&str, Vec<String>)> = old_code
        .iter()
        .zip(&new_code)
        .filter(|(old, new)| old.contents != new.contents)
        .map(|(old, new)| (new.path.as_str(), line_diff(&old.contents, &new.contents)))
        .collect();
    assert_eq!(changed.iter().map(|(path, _)| *path).collect::<Vec<_>>(), ["users/update_user.rs"]);
    let added: Vec<&String> = changed[0].1.iter().filter(|line| line.starts_with('+')).collect();
    assert!(added.iter().any(|line| line.contains("first_name") && line.contains("100")), "{added:#?}");
    assert!(added.iter().any(|line| line.contains("pub nickname")), "{added:#?}");
    assert!(!changed[0].1.iter().any(|line| line.contains("last_name") && line.contains("40")), "{changed:#?}");
    // And the page now matches the schema it was imported into.
    let schema_arg = dir.join("schema").display().to_string();
    let (code, out, _) = run(&["--check", "--schema", &schema_arg, &page.display().to_string()], &dir);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "scratch/update_user.md: `update_user` matches scratch/schema/users/update_user.yaml\nno drift: 1 page matches scratch/schema/\n"
        )
    );
    fs::remove_dir_all(&dir).expect("clean up");
}

/// Each kind of change, re-imported, changes exactly its lines of the schema file.
#[test]
fn each_kind_of_change_reimports_to_its_schema_lines() {
    let cases: [(&str, &str, Edit, &[&str]); 4] = [
        (
            "a row removed",
            "update_user.md",
            |text| {
                text.replace(
                    "last_name | string | no | A last name for a user (the maximum number of characters is 40). |\n",
                    "",
                )
            },
            &[
                "-      last_name:",
                "-        type: string",
                "-        required: no",
                "-        max_length: 40",
                "-        description: A last name for a user (the maximum number of characters is 40).",
            ],
        ),
        (
            "a type changed",
            "update_user.md",
            |text| text.replace("tags | list(strings) |", "tags | list(integers) |"),
            &["-        type: list(strings)", "+        type: list(integers)"],
        ),
        (
            "required flipped",
            "update_user.md",
            |text| text.replace("\ncustom_id | string | no |", "\ncustom_id | string | yes |"),
            &["-        required: no", "+        required: yes"],
        ),
        (
            "the response dropped",
            "update_or_create_user.md",
            |text| text[..text.find("# Response").expect("response")].to_owned(),
            &[
                "-    response: CreatedAck",
                "+    response: none",
                "-      response: |",
                "-        {\"created\": true, \"id\": 5577}",
            ],
        ),
    ];
    for (what, page_name, edit, expected) in cases {
        let dir = scratch("kinds-write");
        let page = edited_copy(&dir, page_name, edit);
        let relative =
            if page_name == "update_user.md" { "users/update_user.yaml" } else { "users/update_or_create_user.yaml" };
        let (_, before, after) = reimport(&page, &dir, relative);
        assert_eq!(line_diff(&before, &after), expected, "{what}");
        fs::remove_dir_all(&dir).expect("clean up");
    }
}

/// One identity everywhere: pages sharing a title, or a path, find their own endpoint, and a
/// re-import of the snapshot adds no endpoint and rewrites nothing.
#[test]
fn one_identity_for_an_endpoint() {
    let dir = scratch("identity");
    // "Update user" twice: the apidocs page and the legacy page (by custom id).
    let (code, out, _) = run(
        &[
            "--check",
            &snapshot().join("update_user.md").display().to_string(),
            &snapshot().join("update_user_by_custom_id.md").display().to_string(),
        ],
        &dir,
    );
    let snap = format!("{}/", snapshot().display());
    assert_eq!(
        (code, out.replace(&snap, "")),
        (
            0,
            "update_user.md: `update_user` matches schema/users/update_user.yaml
update_user_by_custom_id.md: `update_user_by_custom_id` matches schema/users_by_id/update_user_by_custom_id.yaml
no drift: 2 pages match schema/
"
            .to_owned()
        )
    );
    // Three endpoints share `GET /users/search/` with these pages; the query keys tell them apart.
    let schema = schema_copy(&dir);
    let schema_arg = schema.display().to_string();
    let files_before = codegen::load::read_dir(&schema, "schema").expect("reads").len();
    let (code, out, err) = run(&["--schema", &schema_arg], &dir);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", "23 of 23 pages imported, 0 files written\n"));
    assert_eq!(codegen::load::read_dir(&schema, "schema").expect("reads").len(), files_before);
    // A page renamed by the vendor still updates its endpoint: no second endpoint, no new file.
    let page =
        edited_copy(&dir, "get_users_by_tag.md", |text| text.replace("# Get users by tag", "# Users with a tag"));
    let (code, out, err) = run(&["--schema", &schema_arg, "--out", &schema_arg, &page.display().to_string()], &dir);
    assert_eq!((code, out.as_str()), (0, "updated   scratch/schema/tags/get_users_by_tag.yaml\n"), "{err}");
    let files = codegen::load::read_dir(&schema, "schema").expect("reads");
    assert_eq!(files.len(), files_before);
    let mut on_route: Vec<(String, String)> = Vec::new();
    for file in &files {
        let parsed = codegen::load::parse(file).expect("parses");
        for (name, endpoint) in parsed.endpoints.iter() {
            if endpoint.path == "/tags/:id/users/" {
                on_route.push((name.to_owned(), endpoint.title.clone().unwrap_or_default()));
            }
        }
    }
    assert_eq!(on_route, [("list_users_by_tag".to_owned(), "Users with a tag".to_owned())]);
    codegen::lower_sources(files).expect("the schema stays valid");
    // A page whose key the schema lacks is not taken for `find_user_by_key`'s sibling.
    let page = edited_copy(&dir, "find_user_by_key.md", |text| text.replace("?key=:user_key", "?token=:user_key"));
    let (code, out, _) = check(&page, &dir);
    assert_eq!(code, 1);
    assert!(out.starts_with("scratch/find_user_by_key.md: `find_user_by_key` differs"), "{out}");
    fs::remove_dir_all(&dir).expect("clean up");
}

/// The imported YAML of a snapshot page, printed by the command.
fn imported(page: &str) -> String {
    let dir = scratch("print");
    let (code, out, err) = run(&[&snapshot().join(page).display().to_string()], &dir);
    assert_eq!(code, 0, "{err}");
    fs::remove_dir_all(&dir).expect("clean up");
    out
}

#[test]
fn a_path_parameter_is_never_also_a_query_parameter() {
    // The table's `id` row of `GET /tags/:id/users/` describes the path parameter only.
    let yaml = imported("get_users_by_tag.md");
    assert!(!yaml.contains("query:"), "{yaml}");
    assert!(
        yaml.contains(
            "    path_params:\n      id:\n        type: integer\n        description: A unique identifier for the tag which is given by User.com automatically.\n"
        ),
        "{yaml}"
    );
}

#[test]
fn a_query_placeholder_maps_to_the_documented_row() {
    // `?key=:user_key`: the table's `user_key` row is sent as `key`.
    let yaml = imported("find_user_by_key.md");
    assert!(
        yaml.contains(
            "    query:\n      key:\n        type: string\n        required: yes\n        description: A unique identifier (12 random characters) for the user which is given by User.com automatically.\n        note: the table names this row `user_key`, but the request sends it as `key` (`?key=:user_key`)\n"
        ),
        "{yaml}"
    );
    // `?email=:email`: the row without a name is `email`.
    let yaml = imported("find_user_by_email.md");
    assert!(
        yaml.contains(
            "        note: the docs table leaves this row's name blank; the path `?email=` shows it is `email`\n"
        ),
        "{yaml}"
    );
}

#[test]
fn suggest_prints_the_entry_that_keeps_the_schema() {
    let dir = scratch("suggest");
    let page = edited_copy(&dir, "update_user.md", |text| {
        text.replace("\ncustom_id | string | no |", "\ncustom_id | string | yes |")
    });
    let (code, out, _) = run(&["--check", "--suggest", &page.display().to_string()], &dir);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "scratch/update_user.md: `update_user` differs from schema/users/update_user.yaml
  ~ request.custom_id required: no -> yes
  to keep the schema as it is, record in import/overrides.yaml:
    update_user:
      rows:
        # the schema's decision for the row (the page says otherwise)
        custom_id:
          required: no
{DRIFT_END}"
        )
    );
    fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn a_response_example_that_stops_reading_is_drift() {
    let dir = scratch("unreadable");
    let page = edited_copy(&dir, "get_deal.md", |text| text.replace("\"id\": 12218,", "\"id\": 12218 @,"));
    let (code, out, err) = check(&page, &dir);
    assert_eq!(
        (code, out, err),
        (
            1,
            format!(
                "scratch/get_deal.md: `get_deal` differs from schema/deals/get_deal.yaml
  ~ response: Deal -> none
  - examples.response (the page no longer shows this example)
  ~ response example: the page's example (line 22) does not read as JSON; the schema answers `Deal`
{DRIFT_END}"
            ),
            String::new()
        )
    );
    fs::remove_dir_all(&dir).expect("clean up");
}
