//! `cargo xtask semver` on real regenerations: the contacts API of `examples/contacts-schema`
//! is generated as it is (the baseline) and again after one schema edit of each kind, and the
//! verdict must be the one Cargo's semver rules give that edit. They need `cargo-semver-checks`
//! (`.ci/run` installs it and runs them with `-- --ignored`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds xtask").to_path_buf()
}

fn xtask(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).current_dir(root()).args(args).output().expect("xtask runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A crate named `name` in `dir` holding the client of the contacts schema after `edit`.
fn generate(dir: &Path, name: &str, edit: &dyn Fn(String) -> String) {
    let schema_source = root().join("examples/contacts-schema");
    let schema = dir.join("schema");
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    std::fs::create_dir_all(schema.join("contacts")).unwrap();
    std::fs::copy(schema_source.join("api.yaml"), schema.join("api.yaml")).unwrap();
    let page = std::fs::read_to_string(schema_source.join("contacts/contacts.yaml")).unwrap();
    let edited = edit(page.clone());
    std::fs::write(schema.join("contacts/contacts.yaml"), edited).unwrap();
    let runtime = root().join("runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\n\n[package]\nname = \"{name}\"\nversion = \"0.3.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\napigen-runtime = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "//! The contacts client.\n#[rustfmt::skip]\npub mod api;\n").unwrap();
    let out = dir.join("src/api");
    let (ok, stdout, stderr) = xtask(&["gen", "--schema", schema.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(ok, "gen failed:\n{stdout}\n{stderr}");
}

/// The verdict of `edit` on the contacts schema, and the command's whole output.
fn verdict_of(case: &str, edit: &dyn Fn(String) -> String, extra: &[&str]) -> (String, String) {
    let scratch = root().join("target/semver-tests").join(case);
    let name = format!("contacts_{case}");
    generate(&scratch.join("baseline"), &name, &|page| page);
    generate(&scratch.join("current"), &name, edit);
    let baseline = scratch.join("baseline");
    let manifest = scratch.join("current/Cargo.toml");
    let mut args =
        vec!["semver", "--baseline-dir", baseline.to_str().unwrap(), "--manifest-path", manifest.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (ok, stdout, stderr) = xtask(&args);
    assert!(ok, "semver failed:\n{stdout}\n{stderr}");
    let verdict = stdout
        .lines()
        .find_map(|line| line.strip_prefix("semver verdict: "))
        .unwrap_or_else(|| panic!("no verdict line:\n{stdout}"))
        .to_owned();
    (verdict, stdout)
}

fn replace(page: &str, from: &str, to: &str) -> String {
    assert!(page.contains(from), "the contacts schema no longer holds {from:?}");
    page.replacen(from, to, 1)
}

#[test]
#[ignore = "needs cargo-semver-checks; .ci/run installs it and runs these"]
fn a_description_change_is_a_patch() {
    let (verdict, output) = verdict_of(
        "patch",
        &|page| replace(&page, "description: A postal address.", "description: A postal address, as printed on mail."),
        &[],
    );
    assert_eq!(verdict, "patch", "{output}");
    assert!(output.contains("(the sources changed, no public item did)"), "{output}");
}

#[test]
#[ignore = "needs cargo-semver-checks; .ci/run installs it and runs these"]
fn a_new_optional_response_field_is_minor() {
    let (verdict, output) = verdict_of(
        "field",
        &|page| {
            replace(
                &page,
                "      tags: { type: list(string) }\n      createdAt:",
                "      tags: { type: list(string) }\n      company: { type: string }\n      createdAt:",
            )
        },
        &[],
    );
    assert_eq!(verdict, "minor", "{output}");
    assert!(
        output.contains(
            "minor  added pub contacts_field::api::Contact::company: core::option::Option<alloc::string::String>\n"
        ),
        "{output}"
    );
}

#[test]
#[ignore = "needs cargo-semver-checks; .ci/run installs it and runs these"]
fn a_new_endpoint_is_minor() {
    let (verdict, output) = verdict_of(
        "endpoint",
        &|page| {
            format!(
                "{page}  list_contacts:\n    title: List contacts\n    method: GET\n    path: /contacts\n    response: list(Contact)\n"
            )
        },
        &[],
    );
    assert_eq!(verdict, "minor", "{output}");
    assert!(
        output.contains("minor  added pub fn contacts_endpoint::api::Endpoints<C>::list_contacts(&self) -> "),
        "{output}"
    );
    assert!(!output.contains("  major  "), "{output}");
}

#[test]
#[ignore = "needs cargo-semver-checks; .ci/run installs it and runs these"]
fn a_changed_field_type_is_major() {
    let (verdict, output) = verdict_of(
        "type",
        &|page| replace(&page, "      city: { type: string }", "      city: { type: integer }"),
        &[],
    );
    assert_eq!(verdict, "major", "{output}");
    assert!(
        output.contains(
            "major  changed pub contacts_type::api::Address::city: core::option::Option<alloc::string::String> \
             to pub contacts_type::api::Address::city: core::option::Option<i64>\n"
        ),
        "{output}"
    );
}

#[test]
#[ignore = "needs cargo-semver-checks; .ci/run installs it and runs these"]
fn a_removed_endpoint_is_major() {
    let (verdict, output) = verdict_of(
        "removed",
        &|page| {
            let start = page.find("  delete_contact:").expect("delete_contact");
            page[..start].to_owned()
        },
        &[],
    );
    assert_eq!(verdict, "major", "{output}");
    assert!(
        output.contains("major  removed pub fn contacts_removed::api::Endpoints<C>::delete_contact(&self, &str) -> "),
        "{output}"
    );
    assert!(
        output.contains("major  cargo-semver-checks inherent_method_missing: pub method removed or renamed\n"),
        "{output}"
    );
}

#[test]
#[ignore = "needs cargo-semver-checks; .ci/run installs it and runs these"]
fn bump_sets_the_version_and_the_changelog_names_the_docs_changes() {
    let drift = root().join("target/semver-tests/bump-drift.txt");
    std::fs::create_dir_all(drift.parent().unwrap()).unwrap();
    std::fs::write(
        &drift,
        "snapshot/contacts.md: `get_contact` matches schema/contacts/contacts.yaml\n\
         snapshot/contacts.md: new endpoint `list_contacts` (GET /contacts)\n\
         drift in 1 of 1 page; re-import (`cargo xtask import`, then `cargo xtask gen`) or record the decision in import/overrides.yaml\n",
    )
    .unwrap();
    let (verdict, output) = verdict_of(
        "bump",
        &|page| {
            format!(
                "{page}  list_contacts:\n    title: List contacts\n    method: GET\n    path: /contacts\n    response: list(Contact)\n"
            )
        },
        &["--bump", "--drift", drift.to_str().unwrap()],
    );
    assert_eq!(verdict, "minor", "{output}");
    let current = root().join("target/semver-tests/bump/current");
    assert!(output.contains("bumped contacts_bump 0.3.0 -> 0.3.1"), "{output}");
    let manifest = std::fs::read_to_string(current.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"0.3.1\"\n"), "{manifest}");
    let changelog = std::fs::read_to_string(current.join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.starts_with("# Changelog\n\n## contacts_bump 0.3.1\n\nSemver: minor change.\n\nAPI changes:\n\n"),
        "{changelog}"
    );
    assert!(
        changelog.contains("- minor: `added pub fn contacts_bump::api::Endpoints<C>::list_contacts(&self) -> "),
        "{changelog}"
    );
    assert!(
        changelog.ends_with(
            "Docs changes behind them (`cargo xtask import --check`):\n\n```text\nsnapshot/contacts.md: new endpoint `list_contacts` (GET /contacts)\n```\n"
        ),
        "{changelog}"
    );
    assert!(!changelog.contains("matches"), "{changelog}");
}
