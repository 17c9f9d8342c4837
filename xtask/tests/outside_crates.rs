//! The promise to downstream crates, kept from outside: `examples/` is a workspace of its own
//! whose crates depend only on what the README names (the runtime, plus the macro crate or
//! `codegen` for `build.rs`). Building and testing it here puts it under the README's one test
//! command, `cargo test --workspace`. Its `rendered-docs` crate is the `inert_docs` golden, whose
//! rustdoc HTML is searched for what hostile schema text must not become.

use std::path::Path;
use std::process::Command;

/// `cargo ARGS` in `examples/`, in a target folder of its own: the one of this run is locked by
/// the cargo running this test; cargo's own lock makes the tests here take turns in it.
fn cargo_in_examples(args: &[&str]) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds xtask");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .current_dir(root.join("examples"))
        .args(args)
        .env("CARGO_TARGET_DIR", root.join("target/examples"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
fn the_outside_crates_build_with_the_documented_dependencies_and_pass_their_wire_tests() {
    let output = cargo_in_examples(&["test", "--locked", "--workspace", "--quiet"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the outside crates failed:\n{stdout}\n{stderr}");
    // Both crates ran the shared wire tests (the macro door and the build.rs door).
    let ran: usize = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(ran >= 10, "expected the wire tests of both crates to run, got {ran}:\n{stdout}");
}

#[test]
fn descriptions_holding_code_are_no_doctests() {
    // `create_contact`'s description holds a code fence and an indented block, as vendor docs
    // do; were they code to rustdoc, each would be a doctest of both crates (and fail).
    let output = cargo_in_examples(&["test", "--locked", "--workspace", "--doc"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let counts: Vec<&str> = stdout.lines().filter(|line| line.starts_with("running ")).collect();
    assert_eq!(counts, ["running 0 tests", "running 0 tests", "running 0 tests"], "{stdout}");
}

/// Elements that Markdown never makes from text, so none may appear in rendered schema text.
const FOREIGN_ELEMENTS: &[&str] = &[
    "script", "style", "img", "iframe", "object", "embed", "svg", "math", "form", "input", "details", "marquee", "b",
    "i", "tag", "pre",
];

#[test]
fn hostile_schema_text_renders_as_text_in_rustdoc() {
    let output = cargo_in_examples(&["doc", "--locked", "--no-deps", "--quiet", "-p", "rendered-docs"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo doc failed:\n{stderr}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds xtask");
    let mut pages = Vec::new();
    html_files(&root.join("target/examples/doc/rendered_docs"), &mut pages);
    assert!(pages.len() > 10, "expected the pages of every item, got {pages:?}");
    let docs = scraper::Selector::parse(".docblock, .docblock-short, .item-info").expect("a selector");
    let mut found = Vec::new();
    let mut text = String::new();
    for page in &pages {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(page).expect("a page"));
        for block in html.select(&docs).filter(|block| !in_foreign_impls(block)) {
            text.push_str(&block.text().collect::<String>());
            for element in block.descendants().filter_map(scraper::ElementRef::wrap) {
                let name = element.value().name();
                if FOREIGN_ELEMENTS.contains(&name) {
                    found.push(format!("{}: <{name}>", page.display()));
                }
                for (attribute, value) in element.value().attrs() {
                    let link = matches!(attribute, "href" | "src" | "action" | "data" | "formaction");
                    if attribute.starts_with("on") || attribute == "style" || (link && !is_rendered_link(value)) {
                        found.push(format!("{}: <{name} {attribute}={value:?}>", page.display()));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "rendered schema text became HTML or links:\n{}", found.join("\n"));
    // Nothing was dropped either: the hostile text shows as text.
    let shown_as_written =
        ["<script>alert(1)</script>", "[js](javascript:alert(1))", "![tracker][pixel]", "[evil]: javascript:alert(1)"];
    for shown in shown_as_written {
        assert!(text.contains(shown), "{shown:?} is not shown as text");
    }
    // Schema text that rustdoc warns about (broken links, bare URLs, unclosed HTML) is schema
    // text it read as something other than text.
    assert!(!stderr.contains("warning"), "cargo doc warned about the generated docs:\n{stderr}");
}

/// Whether a docs block belongs to the trait implementations, whose docs are other crates'.
fn in_foreign_impls(block: &scraper::ElementRef) -> bool {
    block.ancestors().filter_map(scraper::ElementRef::wrap).any(|ancestor| {
        matches!(
            ancestor.value().id(),
            Some("trait-implementations-list" | "synthetic-implementations-list" | "blanket-implementations-list")
        )
    })
}

/// Whether an `href` in rendered docs is one schema text may make (an `http`, `https` or `mailto`
/// URL), or one of rustdoc's own: an item page or an anchor (relative, no scheme), or the path
/// of a generated link to a runtime item, which `--no-deps` leaves as it is written.
fn is_rendered_link(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme)) {
        return true;
    }
    let rustdoc_page = target.split('#').next().is_some_and(|page| page.is_empty() || page.ends_with(".html"));
    let runtime_path = target
        .strip_prefix("::apigen_runtime::")
        .is_some_and(|path| path.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'));
    runtime_path || (rustdoc_page && !target.contains(':') && !target.starts_with("//"))
}

/// Every `.html` file below `dir`.
fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the docs folder").map(|entry| entry.expect("an entry").path()) {
        if entry.is_dir() {
            html_files(&entry, out);
        } else if entry.extension().is_some_and(|ext| ext == "html") {
            out.push(entry);
        }
    }
}
