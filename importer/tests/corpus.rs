//! The importer over the real docs of 24 vendors in `importer/corpus/` (their repositories,
//! commits and licenses beside them): the per-vendor table is exactly the one kept in
//! `tests/corpus_stats.md` (with defaults only, and with each vendor's settings), every
//! vendor's import is accepted by the generator, and all of them compile together in one
//! `cargo check`.

use std::path::{Path, PathBuf};

use importer::vendor::{self, VendorStats};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn vendors() -> Vec<PathBuf> {
    let mut vendors: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("the corpus")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.is_dir())
        .collect();
    vendors.sort();
    vendors
}

fn table(no_settings: bool) -> String {
    let rows: Vec<VendorStats> = vendors()
        .iter()
        .map(|dir| vendor::vendor_stats(dir, no_settings).unwrap_or_else(|error| panic!("{error}")))
        .collect();
    vendor::stats_table(&rows)
}

/// The kept tables: `## Defaults only` and `## With each vendor's settings`, each a table.
fn kept(section: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_stats.md"))
        .expect("tests/corpus_stats.md");
    let start = text.find(section).unwrap_or_else(|| panic!("no `{section}` in corpus_stats.md"));
    let rest = &text[start..];
    let table_start = rest.find("| vendor").expect("a table");
    let table = &rest[table_start..];
    let end = table.find("\n\n").unwrap_or(table.len());
    format!("{}\n", table[..end].trim_end())
}

#[test]
fn the_corpus_table_with_defaults_only() {
    let got = table(true);
    assert_eq!(got, kept("## Defaults only"), "the table changed; if on purpose, update tests/corpus_stats.md:\n{got}");
}

#[test]
fn the_corpus_table_with_each_vendors_settings() {
    let got = table(false);
    assert_eq!(
        got,
        kept("## With each vendor's settings"),
        "the table changed; if on purpose, update tests/corpus_stats.md:\n{got}"
    );
}

/// Every vendor's import (with its settings) is one module of one crate; one `cargo check`.
#[test]
fn every_vendors_import_compiles_together() {
    let crate_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-clients");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    let mut lib = String::from("//! Clients generated from the importer's corpus.\n#![allow(warnings)]\n");
    for dir in vendors() {
        let name = dir.file_name().unwrap().to_string_lossy().replace('-', "_");
        let module = format!("v_{name}");
        let settings = vendor::settings_for(&dir, None, false).expect("settings");
        let imported = vendor::import_dir(&dir, &settings).expect("import");
        let api = codegen::__stages::lower_sources(imported.sources.clone()).unwrap_or_else(|error| {
            panic!("{}: the generator refuses the import:\n{}", dir.display(), error.render(false))
        });
        let generated = codegen::__stages::render_api(&api).expect("render");
        for file in generated {
            let path = crate_dir.join("src").join(&module).join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap()).expect("module dir");
            std::fs::write(&path, file.contents).expect("write module");
        }
        lib.push_str(&format!("#[path = \"{module}/mod.rs\"]\npub mod {module};\n"));
    }
    std::fs::write(crate_dir.join("src/lib.rs"), lib).expect("write lib.rs");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"corpus-clients\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\napigen-runtime = {{ path = {:?}, features = [\"blocking\", \"mock\"] }}\n\n[workspace]\n",
            workspace.join("runtime").display().to_string()
        ),
    )
    .expect("write Cargo.toml");
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("copy Cargo.lock");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--message-format", "short"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-clients-target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the corpus clients do not compile (crate in {}):\n{}",
        crate_dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
