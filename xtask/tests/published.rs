//! The crates meant for others can be published, and only they: what `cargo metadata` says of
//! each (names, metadata, licenses, versions on path dependencies) and that nothing they depend
//! on needs a newer Rust than the minimum they declare. `.ci/run` packages and verifies them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The published crates, by package name.
const PUBLISHED: &[&str] = &["apigen-rules", "apigen-runtime", "apigen-codegen", "apigen-macros", "usercom"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds xtask").to_path_buf()
}

fn metadata(extra: &[&str]) -> Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root())
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(extra)
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

fn text<'a>(package: &'a Value, key: &str) -> &'a str {
    package[key].as_str().unwrap_or_else(|| panic!("{} has no {key}", package["name"]))
}

#[test]
fn only_the_crates_for_others_are_publishable_and_each_carries_what_a_registry_needs() {
    let metadata = metadata(&["--no-deps"]);
    let packages = metadata["packages"].as_array().expect("packages");
    for package in packages {
        let name = text(package, "name");
        // `publish: null` means any registry; `[]` means none.
        let publishable = package["publish"].is_null();
        assert_eq!(publishable, PUBLISHED.contains(&name), "{name}: publish = {}", package["publish"]);
        if !publishable {
            continue;
        }
        for key in ["description", "license", "repository", "homepage", "documentation", "readme", "rust_version"] {
            assert!(!text(package, key).trim().is_empty(), "{name}: empty {key}");
        }
        assert_eq!(text(package, "license"), "MIT OR Apache-2.0", "{name}");
        assert_eq!(text(package, "documentation"), format!("https://docs.rs/{name}"), "{name}");
        let dir = Path::new(text(package, "manifest_path")).parent().expect("a crate folder").to_path_buf();
        for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            let contents = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|_| panic!("{name}: no {file}"));
            assert!(contents.len() > 200, "{name}: {file} is nearly empty");
        }
        let readme = std::fs::read_to_string(dir.join("README.md")).expect("README");
        assert!(readme.starts_with(&format!("# {name}\n")), "{name}: its README is not about it");
        assert!(readme.contains("Rust 1.88."), "{name}: its README does not name the minimum Rust version");
        // A path dependency without a version cannot be published.
        for dependency in package["dependencies"].as_array().expect("dependencies") {
            if dependency["path"].is_string() && dependency["kind"].as_str() != Some("dev") {
                assert_ne!(dependency["req"], "*", "{name}: path dependency {} has no version", dependency["name"]);
            }
        }
    }
    // The generator library's name is not `codegen`, which another project holds on crates.io.
    assert!(packages.iter().any(|package| package["name"] == "apigen-codegen"));
    assert!(!packages.iter().any(|package| package["name"] == "codegen"));
}

#[test]
fn nothing_the_published_crates_build_needs_a_newer_rust_than_they_declare() {
    let metadata = metadata(&["--filter-platform", &host()]);
    let packages = metadata["packages"].as_array().expect("packages");
    let ours = |name: &str| packages.iter().find(|package| package["name"] == name).expect("a workspace crate");
    let declared = version(text(ours("usercom"), "rust_version"));
    for name in PUBLISHED {
        assert_eq!(version(text(ours(name), "rust_version")), declared, "{name} declares another minimum");
    }
    // Every package of the normal (non-dev) dependency graph of the published crates.
    let nodes = metadata["resolve"]["nodes"].as_array().expect("resolve");
    let node = |id: &str| nodes.iter().find(|node| node["id"] == id).expect("a resolved node");
    let mut stack: Vec<String> =
        PUBLISHED.iter().map(|name| ours(name)["id"].as_str().expect("id").to_owned()).collect();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for dep in node(&id)["deps"].as_array().expect("deps") {
            let normal =
                dep["dep_kinds"].as_array().expect("kinds").iter().any(|kind| kind["kind"].as_str() != Some("dev"));
            if normal {
                stack.push(dep["pkg"].as_str().expect("pkg").to_owned());
            }
        }
    }
    let mut too_new = Vec::new();
    for package in packages.iter().filter(|package| seen.contains(package["id"].as_str().unwrap_or(""))) {
        if let Some(needed) = package["rust_version"].as_str()
            && version(needed) > declared
        {
            too_new.push(format!("{} {} needs Rust {needed}", package["name"], package["version"]));
        }
    }
    assert!(seen.len() > 50, "the dependency graph was not walked: {} packages", seen.len());
    assert!(too_new.is_empty(), "the minimum Rust version is too low: {too_new:?}");
}

/// `1.88` or `1.88.0` as comparable numbers.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().expect("a version number"));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The host's target triple, from `rustc -vV`.
fn host() -> String {
    let output = Command::new("rustc").arg("-vV").output().expect("rustc runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.lines().find_map(|line| line.strip_prefix("host: ")).expect("a host line").to_owned()
}
