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

/// Everything `cargo xtask gen` writes from a set of schema files, under the paths it writes
/// them to: the module tree, the example tests, the OpenAPI document, the contract calls and the
/// README's endpoint list (the part of `README.md` between its markers).
fn generate(files: Vec<SourceFile>) -> Vec<GeneratedFile> {
    let api = codegen::__stages::lower_sources(files).unwrap_or_else(|error| panic!("{error}"));
    let mut out: Vec<GeneratedFile> = codegen::__stages::render_api(&api)
        .expect("renders")
        .into_iter()
        .map(|file| GeneratedFile { path: format!("generated/src/gen/{}", file.path), ..file })
        .collect();
    let krate = "usercom";
    if let Some(tests) = codegen::__stages::render_example_tests(&api, krate).expect("example tests render") {
        out.push(GeneratedFile { path: EXAMPLE_TESTS.into(), contents: tests });
    }
    out.push(GeneratedFile {
        path: "generated/openapi.json".into(),
        contents: codegen::__stages::openapi::to_pretty_json(&codegen::__stages::openapi::document(&api)),
    });
    out.push(GeneratedFile {
        path: "generated/tests/contract/calls.rs".into(),
        contents: codegen::__stages::render_contract_calls(&api, krate).expect("contract calls render"),
    });
    out.push(GeneratedFile { path: "README.md".into(), contents: codegen::__stages::render_endpoint_list(&api) });
    out
}

/// The files of [`generate`] are what `cargo xtask gen` wrote from `schema/`, at their paths
/// (the README holds its endpoint list), so the code changes below name real files.
#[test]
fn generate_gives_the_committed_generated_files() {
    let schema = codegen::__stages::load::read_dir(&repo_root().join("schema"), "schema").expect("schema/ reads");
    for file in generate(schema) {
        let committed = fs::read_to_string(repo_root().join(&file.path)).expect("a committed file");
        if file.path == "README.md" {
            assert!(committed.contains(&file.contents), "README.md lacks the endpoint list");
        } else {
            assert!(committed == file.contents, "{} is not what gen wrote", file.path);
        }
    }
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

    let schema = codegen::__stages::load::read_dir(&root.join("schema"), "schema").expect("schema/ reads");
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

/// The prose phrasings of a length limit in the vendor's pages, each giving 100 characters.
const LIMIT_PHRASINGS: [&str; 5] = [
    "maximum length: 100",
    "limited to 100 characters",
    "100 characters max",
    "the maximum number of characters is 100",
    "it cannot be longer than 100 characters",
];

/// A copy of "Update user" whose `first_name` row gives its limit (100) in another phrasing.
fn first_name_limit_page(dir: &Path, phrasing: &str) -> PathBuf {
    edited_copy(dir, "update_user.md", |text| {
        text.replace(
            "A first name for a user (the maximum number of characters is 40).",
            &format!("A first name for a user ({phrasing})."),
        )
    })
}

#[test]
fn a_limit_in_each_prose_phrasing_is_drift() {
    for phrasing in LIMIT_PHRASINGS {
        let dir = scratch("limit");
        let page = first_name_limit_page(&dir, phrasing);
        assert_eq!(
            check(&page, &dir),
            (
                1,
                format!(
                    "scratch/update_user.md: `update_user` differs from schema/users/update_user.yaml
  ~ request.first_name max_length: 40 -> 100
  ~ request.first_name description:
      - A first name for a user (the maximum number of characters is 40).
      + A first name for a user ({phrasing}).
{DRIFT_END}"
                ),
                String::new()
            ),
            "{phrasing}"
        );
        fs::remove_dir_all(&dir).expect("clean up");
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

/// `cargo xtask import PAGE` writing into the schema copy `dir/schema`: the exit code and output.
fn import_into_copy(page: &Path, dir: &Path) -> (u8, String, String) {
    let schema_arg = dir.join("schema").display().to_string();
    run(&["--schema", &schema_arg, "--out", &schema_arg, &page.display().to_string()], dir)
}

/// Re-imports an edited page into a copy of the schema; returns the command's output and the
/// schema file before and after.
fn reimport(page: &Path, dir: &Path, relative: &str) -> (String, String, String) {
    let schema = schema_copy(dir);
    let before = fs::read_to_string(schema.join(relative)).expect("schema file");
    let (code, out, err) = import_into_copy(page, dir);
    assert_eq!(code, 0, "{err}");
    let after = fs::read_to_string(schema.join(relative)).expect("schema file");
    (out, before, after)
}

/// `--check` of the page against the schema copy it was imported into: no drift left.
fn assert_matches_copy(page: &Path, dir: &Path, relative: &str) {
    let schema_arg = dir.join("schema").display().to_string();
    let name = page.file_name().expect("name").to_string_lossy().into_owned();
    let endpoint = name.trim_end_matches(".md");
    assert_eq!(
        run(&["--check", "--schema", &schema_arg, &page.display().to_string()], dir),
        (
            0,
            format!(
                "scratch/{name}: `{endpoint}` matches scratch/schema/{relative}\nno drift: 1 page matches scratch/schema/\n"
            ),
            String::new()
        )
    );
}

/// The generated code of `schema/` with some of its files given other texts.
fn code_with(texts: &[(&str, &str)]) -> Vec<GeneratedFile> {
    let files = codegen::__stages::load::read_dir(&repo_root().join("schema"), "schema").expect("reads");
    generate(
        files
            .into_iter()
            .map(|file| match texts.iter().find(|(relative, _)| file.relative == *relative) {
                Some((_, text)) => SourceFile { text: (*text).to_owned(), ..file },
                None => file,
            })
            .collect(),
    )
}

/// What `cargo xtask gen` changes when the schema's files go from the `old` texts to the `new`
/// ones: each file that changes, by path (sorted), with its removed and added lines.
fn code_change(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(String, Vec<String>)> {
    let (old, new) = (code_with(old), code_with(new));
    let paths = |files: &[GeneratedFile]| files.iter().map(|file| file.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&new), paths(&old), "the same files are generated");
    let mut changed: Vec<(String, Vec<String>)> = old
        .iter()
        .zip(&new)
        .filter(|(old, new)| old.contents != new.contents)
        .map(|(old, new)| (new.path.clone(), line_diff(&old.contents, &new.contents)))
        .collect();
    changed.sort();
    changed
}

/// The expected code change, in the form of [`code_change`].
fn expected_code(files: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    files
        .iter()
        .map(|(path, lines)| ((*path).to_owned(), lines.iter().map(|line| (*line).to_owned()).collect()))
        .collect()
}

const UPDATE_USER_RS: &str = "generated/src/gen/users/update_user.rs";
const OPENAPI_JSON: &str = "generated/openapi.json";
const EXAMPLE_TESTS: &str = "generated/tests/examples/documented.rs";

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
    // The code change is the generator's for exactly that schema change: the endpoint's module
    // (the new limit, checked before sending, and the new field with its setter) and the
    // OpenAPI document; `last_name`, also limited to 40, stays as it is.
    assert_eq!(
        code_change(&[(relative, &before)], &[(relative, &after)]),
        expected_code(&[
            (
                OPENAPI_JSON,
                &[
                    "-            \"description\": \"A first name for a user (the maximum number of characters is 40).\",",
                    "-            \"maxLength\": 40,",
                    "+            \"description\": \"A first name for a user (limited to 100 characters).\",",
                    "+            \"maxLength\": 100,",
                    "+          \"nickname\": {",
                    "+            \"description\": \"A nickname.\",",
                    "+            \"type\": [",
                    "+              \"string\",",
                    "+              \"null\"",
                    "+            ]",
                    "+          },",
                ],
            ),
            (
                UPDATE_USER_RS,
                &[
                    "-    /// A first name for a user (the maximum number of characters is 40). At most 40 characters; longer values are refused before sending.",
                    "+    /// A first name for a user (limited to 100 characters). At most 100 characters; longer values are refused before sending.",
                    "+    /// A nickname.",
                    "+    pub nickname: ::apigen_runtime::Patch<String>,",
                    "-    first_name, opt last_name, opt tags, opt gravatar_url } custom_attributes",
                    "+    first_name, opt last_name, opt tags, opt nickname, opt gravatar_url }",
                    "+    custom_attributes",
                    "-        \"Sets `first_name`. A first name for a user (the maximum number of characters is 40).\"",
                    "+        \"Sets `first_name`. A first name for a user (limited to 100 characters).\"",
                    "+        nickname / clear_nickname = \"nickname\" : into(String) =>",
                    "+        \"Sets `nickname`. A nickname.\"",
                    "+    );",
                    "+    ::apigen_runtime::__codegen::patch_setters!(",
                    "-        first_name <= 40, last_name <= 40; custom_attributes",
                    "+        first_name <= 100, last_name <= 40; custom_attributes",
                ],
            ),
        ])
    );
    // And the page now matches the schema it was imported into.
    assert_matches_copy(&page, &dir, relative);
    fs::remove_dir_all(&dir).expect("clean up");
}

/// Each prose phrasing of a limit, re-imported, gives the schema the limit and the page's
/// description, and the code the new limit: in the field's docs, its setter's docs, the check
/// before sending, and the OpenAPI document.
#[test]
fn a_limit_in_each_prose_phrasing_reimports_and_the_code_follows() {
    let relative = "users/update_user.yaml";
    for phrasing in LIMIT_PHRASINGS {
        let dir = scratch("limit-write");
        let page = first_name_limit_page(&dir, phrasing);
        let (out, before, after) = reimport(&page, &dir, relative);
        assert_eq!(out, "updated   scratch/schema/users/update_user.yaml\n", "{phrasing}");
        let description = format!("A first name for a user ({phrasing}).");
        // YAML quotes a description with ": " in it.
        let yaml = if phrasing.contains(": ") { format!("\"{description}\"") } else { description.clone() };
        assert_eq!(
            line_diff(&before, &after),
            [
                "-        max_length: 40".to_owned(),
                "-        description: A first name for a user (the maximum number of characters is 40).".to_owned(),
                "+        max_length: 100".to_owned(),
                format!("+        description: {yaml}"),
            ],
            "{phrasing}"
        );
        let rust = vec![
            "-    /// A first name for a user (the maximum number of characters is 40). At most 40 characters; longer values are refused before sending.".to_owned(),
            format!("+    /// {description} At most 100 characters; longer values are refused before sending."),
            "-        \"Sets `first_name`. A first name for a user (the maximum number of characters is 40).\""
                .to_owned(),
            format!("+        \"Sets `first_name`. {description}\""),
            "-        first_name <= 40, last_name <= 40; custom_attributes".to_owned(),
            "+        first_name <= 100, last_name <= 40; custom_attributes".to_owned(),
        ];
        let openapi = vec![
            "-            \"description\": \"A first name for a user (the maximum number of characters is 40).\","
                .to_owned(),
            "-            \"maxLength\": 40,".to_owned(),
            format!("+            \"description\": \"{description}\","),
            "+            \"maxLength\": 100,".to_owned(),
        ];
        assert_eq!(
            code_change(&[(relative, &before)], &[(relative, &after)]),
            [(OPENAPI_JSON.to_owned(), openapi), (UPDATE_USER_RS.to_owned(), rust)],
            "{phrasing}"
        );
        assert_matches_copy(&page, &dir, relative);
        fs::remove_dir_all(&dir).expect("clean up");
    }
}

/// One edit of a real page, and what re-importing it changes.
struct Reimport {
    what: &'static str,
    page: &'static str,
    edit: Edit,
    /// The schema file of the page's endpoint, and its removed and added lines.
    schema: (&'static str, &'static [&'static str]),
    /// Each generated file that changes, by the path `cargo xtask gen` writes, with its removed
    /// and added lines.
    code: &'static [(&'static str, &'static [&'static str])],
}

/// Each kind of change, re-imported, changes exactly its lines of the schema file, and
/// `cargo xtask gen` then changes exactly these files and lines.
#[test]
fn each_kind_of_change_reimports_to_its_schema_and_code_lines() {
    let cases = [
        Reimport {
            what: "a row added",
            page: "update_user.md",
            edit: |text| {
                text.replace(
                    "tags | list(strings) | no | A list of tag names. |",
                    "tags | list(strings) | no | A list of tag names. |\nnickname | string | no | A nickname. |",
                )
            },
            schema: (
                "users/update_user.yaml",
                &[
                    "+      nickname:",
                    "+        type: string",
                    "+        required: no",
                    "+        description: A nickname.",
                ],
            ),
            // The field, sent when set, its setters, and its name kept from custom attributes.
            code: &[
                (
                    OPENAPI_JSON,
                    &[
                        "+          \"nickname\": {",
                        "+            \"description\": \"A nickname.\",",
                        "+            \"type\": [",
                        "+              \"string\",",
                        "+              \"null\"",
                        "+            ]",
                        "+          },",
                    ],
                ),
                (
                    UPDATE_USER_RS,
                    &[
                        "+    /// A nickname.",
                        "+    pub nickname: ::apigen_runtime::Patch<String>,",
                        "-    first_name, opt last_name, opt tags, opt gravatar_url } custom_attributes",
                        "+    first_name, opt last_name, opt tags, opt nickname, opt gravatar_url }",
                        "+    custom_attributes",
                        "+        nickname / clear_nickname = \"nickname\" : into(String) =>",
                        "+        \"Sets `nickname`. A nickname.\"",
                        "+    );",
                        "+    ::apigen_runtime::__codegen::patch_setters!(",
                    ],
                ),
            ],
        },
        Reimport {
            what: "a row removed",
            page: "update_user.md",
            edit: |text| {
                text.replace(
                    "last_name | string | no | A last name for a user (the maximum number of characters is 40). |\n",
                    "",
                )
            },
            schema: (
                "users/update_user.yaml",
                &[
                    "-      last_name:",
                    "-        type: string",
                    "-        required: no",
                    "-        max_length: 40",
                    "-        description: A last name for a user (the maximum number of characters is 40).",
                ],
            ),
            // The field, its setters, its limit check and its name among the reserved keys.
            code: &[
                (
                    OPENAPI_JSON,
                    &[
                        "-          \"last_name\": {",
                        "-            \"description\": \"A last name for a user (the maximum number of characters is 40).\",",
                        "-            \"maxLength\": 40,",
                        "-            \"type\": [",
                        "-              \"string\",",
                        "-              \"null\"",
                        "-            ]",
                        "-          },",
                    ],
                ),
                (
                    UPDATE_USER_RS,
                    &[
                        "-    /// A last name for a user (the maximum number of characters is 40). At most 40 characters; longer values are refused before sending.",
                        "-    pub last_name: ::apigen_runtime::Patch<String>,",
                        "-    first_name, opt last_name, opt tags, opt gravatar_url } custom_attributes",
                        "+    first_name, opt tags, opt gravatar_url } custom_attributes",
                        "-        last_name / clear_last_name = \"last_name\" : into(String) =>",
                        "-        \"Sets `last_name`. A last name for a user (the maximum number of characters is 40).\"",
                        "-    );",
                        "-    ::apigen_runtime::__codegen::patch_setters!(",
                        "-    ::apigen_runtime::__codegen::validate!(",
                        "-        first_name <= 40, last_name <= 40; custom_attributes",
                        "-    );",
                        "+    ::apigen_runtime::__codegen::validate!(first_name <= 40; custom_attributes);",
                    ],
                ),
            ],
        },
        Reimport {
            what: "a type changed",
            page: "update_user.md",
            edit: |text| text.replace("tags | list(strings) |", "tags | list(integers) |"),
            schema: ("users/update_user.yaml", &["-        type: list(strings)", "+        type: list(integers)"]),
            // The field's Rust type and its setter's.
            code: &[
                (
                    OPENAPI_JSON,
                    &[
                        "-              \"type\": \"string\"",
                        "+              \"format\": \"int64\",",
                        "+              \"type\": \"integer\"",
                    ],
                ),
                (
                    UPDATE_USER_RS,
                    &[
                        "-    pub tags: ::apigen_runtime::Patch<Vec<String>>,",
                        "+    pub tags: ::apigen_runtime::Patch<Vec<i64>>,",
                        "-        tags / clear_tags = \"tags\" : list_into(String) =>",
                        "-        \"Sets `tags`. A list of tag names.\"",
                        "+        tags / clear_tags = \"tags\" : list(i64) => \"Sets `tags`. A list of tag names.\"",
                    ],
                ),
            ],
        },
        Reimport {
            what: "required flipped",
            page: "update_user.md",
            edit: |text| text.replace("\ncustom_id | string | no |", "\ncustom_id | string | yes |"),
            schema: ("users/update_user.yaml", &["-        required: no", "+        required: yes"]),
            // The field is no longer optional: an argument of `new()` instead of a setter, and the
            // request no longer has a default.
            code: &[
                (
                    OPENAPI_JSON,
                    &[
                        "-            \"type\": [",
                        "-              \"string\",",
                        "-              \"null\"",
                        "-            ]",
                        "+            \"type\": \"string\"",
                        "+        \"required\": [",
                        "+          \"custom_id\"",
                        "+        ],",
                    ],
                ),
                (
                    UPDATE_USER_RS,
                    &[
                        "-#[derive(Debug, Clone, Default, PartialEq)]",
                        "+#[derive(Debug, Clone, PartialEq)]",
                        "-    pub custom_id: ::apigen_runtime::Patch<String>,",
                        "+    pub custom_id: String,",
                        "-    UpdateUserRequest { opt custom_id, opt id, opt company_custom_id, opt email, opt",
                        "+    UpdateUserRequest { req custom_id, opt id, opt company_custom_id, opt email, opt",
                        "-    /// A request that changes nothing until fields are set.",
                        "+    /// A request with its required fields; set the optional ones with the setters.",
                        "-    pub fn new() -> Self {",
                        "-        <Self as Default>::default()",
                        "+    pub fn new(custom_id: impl Into<String>) -> Self {",
                        "+        Self {",
                        "+            custom_id: custom_id.into(),",
                        "+            id: ::apigen_runtime::Patch::Unset,",
                        "+            company_custom_id: ::apigen_runtime::Patch::Unset,",
                        "+            email: ::apigen_runtime::Patch::Unset,",
                        "+            first_name: ::apigen_runtime::Patch::Unset,",
                        "+            last_name: ::apigen_runtime::Patch::Unset,",
                        "+            tags: ::apigen_runtime::Patch::Unset,",
                        "+            gravatar_url: ::apigen_runtime::Patch::Unset,",
                        "+            custom_attributes: ::std::collections::BTreeMap::new(),",
                        "+        }",
                        "-        custom_id / clear_custom_id = \"custom_id\" : into(String) =>",
                        "-        \"Sets `custom_id`. The unique identifier for the user which is provided by the client.\"",
                        "-    );",
                        "-    ::apigen_runtime::__codegen::patch_setters!(",
                    ],
                ),
            ],
        },
        Reimport {
            what: "the response dropped",
            page: "update_or_create_user.md",
            edit: |text| text[..text.find("# Response").expect("response")].to_owned(),
            schema: (
                "users/update_or_create_user.yaml",
                &[
                    "-    response: CreatedAck",
                    "+    response: none",
                    "-      response: |",
                    "-        {\"created\": true, \"id\": 5577}",
                ],
            ),
            // The method answers `()` and takes any empty or undocumented body (`send_empty`),
            // in its one definition for both clients and in the mock; the example test and the
            // contract expect no body.
            code: &[
                (
                    OPENAPI_JSON,
                    &[
                        "-            \"content\": {",
                        "-              \"application/json\": {",
                        "-                \"examples\": {",
                        "-                  \"update_or_create_user\": {",
                        "-                    \"summary\": \"Update or create user (from the docs)\",",
                        "-                    \"value\": {",
                        "-                      \"created\": true,",
                        "-                      \"id\": 5577",
                        "-                    }",
                        "-                  }",
                        "-                },",
                        "-                \"schema\": {",
                        "-                  \"$ref\": \"#/components/schemas/CreatedAck\"",
                        "-                }",
                        "-              }",
                        "-            },",
                        "-            \"description\": \"Success (any 2xx status).\"",
                        "+            \"description\": \"Success (any 2xx status); the body is empty or undocumented.\"",
                    ],
                ),
                (
                    "generated/src/gen/mock_server.rs",
                    &[
                        "-    ) -> ::apigen_runtime::mock::When<",
                        "-        '_,",
                        "-        super::CreatedAck,",
                        "-        super::UpdateOrCreateUserRequest,",
                        "-    > {",
                        "+    ) -> ::apigen_runtime::mock::When<'_, (), super::UpdateOrCreateUserRequest> {",
                    ],
                ),
                (
                    "generated/src/gen/users/update_or_create_user.rs",
                    &[
                        "-    ) -> C::Reply<super::super::CreatedAck> {",
                        "-        self.core.post(\"/users/update_or_create/\", &[]).body(body).retry_safe().send()",
                        "+    ) -> C::Reply<()> {",
                        "+        self.core",
                        "+            .post(\"/users/update_or_create/\", &[])",
                        "+            .body(body)",
                        "+            .retry_safe()",
                        "+            .send_empty()",
                    ],
                ),
                (
                    "generated/tests/contract/calls.rs",
                    &[
                        "-    contract.begin(\"update_or_create_user\", true);",
                        "+    contract.begin(\"update_or_create_user\", false);",
                    ],
                ),
                (
                    EXAMPLE_TESTS,
                    &[
                        "-    let wire = Wire::start(\"{\\\"created\\\": true, \\\"id\\\": 5577}\\n\").await;",
                        "+    let wire = Wire::start(\"\").await;",
                        "-    wire.assert_lossless(",
                        "-        &result.expect(\"the documented answer decodes\"),",
                        "-        \"{\\\"created\\\": true, \\\"id\\\": 5577}\\n\",",
                        "-    );",
                        "+    result.expect(\"an empty answer is success\");",
                    ],
                ),
            ],
        },
    ];
    for Reimport { what, page, edit, schema: (relative, schema_lines), code } in cases {
        let dir = scratch("kinds-write");
        let page = edited_copy(&dir, page, edit);
        let (out, before, after) = reimport(&page, &dir, relative);
        assert_eq!(out, format!("updated   scratch/schema/{relative}\n"), "{what}");
        assert_eq!(line_diff(&before, &after), schema_lines, "{what}");
        assert_eq!(code_change(&[(relative, &before)], &[(relative, &after)]), expected_code(code), "{what}");
        assert_matches_copy(&page, &dir, relative);
        fs::remove_dir_all(&dir).expect("clean up");
    }
}

/// A key new in the response example that the model lacks: the re-import refuses to write a
/// schema the generator rejects, and says what to do; once the model declares the key, the
/// re-import writes the new example, and the code gains the model's field and the example.
#[test]
fn a_new_response_key_reimports_once_the_model_declares_it() {
    let dir = scratch("new-key");
    let page = edited_copy(&dir, "update_user.md", |text| {
        text.replace("\"city\": null\n", "\"city\": null,\n\"favourite_colour\": null\n")
    });
    let (endpoint, model) = ("users/update_user.yaml", "models/user.yaml");
    let schema = schema_copy(&dir);
    let read = |relative: &str| fs::read_to_string(schema.join(relative)).expect("schema file");
    let (endpoint_before, model_before) = (read(endpoint), read(model));

    let (code, out, err) = import_into_copy(&page, &dir);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert!(
        err.ends_with(
            "warning: the response example has keys that `User` does not declare: `favourite_colour`
  --> scratch/update_user.md:28
error: response example has `favourite_colour`, which model `User` does not declare
    --> scratch/schema/users/update_user.yaml:129:9
    |
129 |         \"favourite_colour\": null
    |         ^^^^^^^^^^^^^^^^^^^
    |
    = at `endpoints.update_user.examples.response`
    = help: add `favourite_colour` to the fields of `User`

1 error in the schema
scratch/update_user.md: the generator rejects the imported schema; not written
0 of 1 page imported, 6 warnings
"
        ),
        "{err}"
    );
    assert_eq!(read(endpoint), endpoint_before, "nothing is written");

    // The maintainer declares the field, as the help says; the re-import then writes the example.
    let city = "        description: A city of the user based on the user's browser.\n";
    let model_after = model_before.replacen(
        city,
        &format!(
            "{city}      favourite_colour:\n        type: string\n        nullable: true\n        description: The user's favourite colour.\n"
        ),
        1,
    );
    fs::write(schema.join(model), &model_after).expect("write model");
    let (code, out, err) = import_into_copy(&page, &dir);
    assert_eq!((code, out.as_str()), (0, "updated   scratch/schema/users/update_user.yaml\n"), "{err}");
    let endpoint_after = read(endpoint);
    assert_eq!(
        line_diff(&endpoint_before, &endpoint_after),
        ["-        \"city\": null", "+        \"city\": null,", "+        \"favourite_colour\": null"]
    );

    // The code: the model's new field (and its place in the model's wire form), the example
    // test's answer, the OpenAPI document (the field and the example); the endpoint's module
    // does not change.
    let mut code = code_change(
        &[(endpoint, &endpoint_before), (model, &model_before)],
        &[(endpoint, &endpoint_after), (model, &model_after)],
    );
    // The example test holds the response example twice (the answer served and the answer
    // expected): both lines change by the new key only.
    let at = code.iter().position(|(path, _)| path == EXAMPLE_TESTS).expect("the example tests change");
    let (_, example_lines) = code.remove(at);
    let (old_end, new_end) = (r#"\"city\": null\n}\n""#, r#"\"city\": null,\n\"favourite_colour\": null\n}\n""#);
    let removed: Vec<&String> = example_lines.iter().filter(|line| line.starts_with('-')).collect();
    assert_eq!(removed.len(), 2, "{example_lines:#?}");
    assert!(removed.iter().all(|line| line.contains(old_end)), "{example_lines:#?}");
    let added = |line: &String| format!("+{}", line[1..].replace(old_end, new_end));
    assert_eq!(example_lines, [removed[0].clone(), added(removed[0]), removed[1].clone(), added(removed[1])]);
    assert_eq!(
        code,
        expected_code(&[
            (
                OPENAPI_JSON,
                &[
                    "+          \"favourite_colour\": {",
                    "+            \"description\": \"The user's favourite colour.\",",
                    "+            \"type\": [",
                    "+              \"string\",",
                    "+              \"null\"",
                    "+            ]",
                    "+          },",
                    "+                      \"favourite_colour\": null,",
                ],
            ),
            (
                "generated/src/gen/models/user.rs",
                &[
                    "+    /// The user's favourite colour.",
                    "+    pub favourite_colour: Option<String>,",
                    "-    notifications, opt unsubscribed, opt phone_number, opt city, opt region, opt country,",
                    "-    opt timezone, opt browser, opt browser_language, opt os_type, opt resolution, opt",
                    "-    last_ip, opt facebook_url, opt twitter_url, opt linkedin_url, opt google_url, opt",
                    "-    first_seen, opt last_seen, opt last_contacted, opt created_at, opt updated_at, opt",
                    "-    lists, opt tags, opt companies, opt attributes, opt assigned_to, opt company_id, opt",
                    "-    most_active_time, opt web_push_subscription } extra, open",
                    "+    notifications, opt unsubscribed, opt phone_number, opt city, opt favourite_colour,",
                    "+    opt region, opt country, opt timezone, opt browser, opt browser_language, opt",
                    "+    os_type, opt resolution, opt last_ip, opt facebook_url, opt twitter_url, opt",
                    "+    linkedin_url, opt google_url, opt first_seen, opt last_seen, opt last_contacted, opt",
                    "+    created_at, opt updated_at, opt lists, opt tags, opt companies, opt attributes, opt",
                    "+    assigned_to, opt company_id, opt most_active_time, opt web_push_subscription } extra,",
                    "+    open",
                ],
            ),
        ])
    );
    assert_matches_copy(&page, &dir, endpoint);
    fs::remove_dir_all(&dir).expect("clean up");
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
    let files_before = codegen::__stages::load::read_dir(&schema, "schema").expect("reads").len();
    let (code, out, err) = run(&["--schema", &schema_arg], &dir);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", "23 of 23 pages imported, 0 files written\n"));
    assert_eq!(codegen::__stages::load::read_dir(&schema, "schema").expect("reads").len(), files_before);
    // A page renamed by the vendor still updates its endpoint: no second endpoint, no new file.
    let page =
        edited_copy(&dir, "get_users_by_tag.md", |text| text.replace("# Get users by tag", "# Users with a tag"));
    let (code, out, err) = run(&["--schema", &schema_arg, "--out", &schema_arg, &page.display().to_string()], &dir);
    assert_eq!((code, out.as_str()), (0, "updated   scratch/schema/tags/get_users_by_tag.yaml\n"), "{err}");
    let files = codegen::__stages::load::read_dir(&schema, "schema").expect("reads");
    assert_eq!(files.len(), files_before);
    let mut on_route: Vec<(String, String)> = Vec::new();
    for file in &files {
        let parsed = codegen::__stages::load::parse(file).expect("parses");
        for (name, endpoint) in parsed.endpoints.iter() {
            if endpoint.path == "/tags/:id/users/" {
                on_route.push((name.to_owned(), endpoint.title.clone().unwrap_or_default()));
            }
        }
    }
    assert_eq!(on_route, [("list_users_by_tag".to_owned(), "Users with a tag".to_owned())]);
    codegen::__stages::lower_sources(files).expect("the schema stays valid");
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
