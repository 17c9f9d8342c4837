//! Hostile schema files end with an error or a result, without a panic, a stack overflow or
//! unbounded memory: a 10 MB file, YAML nested 10,000 levels deep, an alias bomb, and a file with
//! thousands of problems (a bounded number is reported). Nothing
//! here measures time; a hang would show as a test that never finishes.

use apigen_codegen::SourceFile;

const API: &str = "api:\n  name: Hostile\n  base_url: https://{tenant}.example.com/\n  auth: { header: Authorization, scheme: Token }\n";

fn run(name: &str, text: String) -> Result<usize, String> {
    let files = vec![
        SourceFile { name: "schema/api.yaml".into(), relative: "api.yaml".into(), text: API.into() },
        SourceFile { name: format!("schema/{name}"), relative: name.into(), text },
    ];
    match apigen_codegen::__stages::lower_sources(files) {
        Ok(api) => apigen_codegen::__stages::render_api(&api).map(|files| files.len()),
        Err(error) => Err(error.render(false)),
    }
}

#[test]
fn a_ten_megabyte_schema_generates() {
    let mut text = String::from("models:\n");
    let mut models = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "  Model{models}:\n    description: {}\n    fields:\n      id: {{ type: integer, required: true }}\n      name: {{ type: string, nullable: true }}\n",
            "padding ".repeat(40)
        ));
        models += 1;
    }
    assert_eq!(run("big.yaml", text), Ok(4), "mod.rs, big.rs, blocking_client.rs and mock_server.rs");
}

#[test]
fn a_ten_megabyte_broken_schema_is_reported_once() {
    let text = format!("models:\n  A:\n    fields: {}\n", "x".repeat(10 * 1024 * 1024));
    let report = run("big.yaml", text).expect_err("a string is not a mapping");
    assert!(report.starts_with("error: invalid type: string"), "{}", &report[..200.min(report.len())]);
    // The 10 MB line is not echoed back.
    assert!(report.len() < 1_000, "report is {} bytes", report.len());
}

#[test]
fn deep_sequences_are_refused() {
    let text = format!("models: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let report = run("deep.yaml", text).expect_err("too deep");
    assert!(report.starts_with("error: nesting is deeper than 64 levels"), "{report}");
    assert!(report.contains("schema/deep.yaml:1:"), "{report}");
}

#[test]
fn deep_mappings_are_refused() {
    let mut text = String::from("models:\n  A:\n    fields:\n      x:\n        type: ");
    text.push_str(&"{a: ".repeat(10_000));
    text.push('1');
    text.push_str(&"}".repeat(10_000));
    text.push('\n');
    let report = run("deep.yaml", text).expect_err("too deep");
    assert!(report.starts_with("error: nesting is deeper than 64 levels"), "{report}");
    assert!(report.contains("schema/deep.yaml:5:"), "{report}");
}

#[test]
fn deep_block_mappings_are_refused() {
    let mut text = String::new();
    for depth in 0..10_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("a:\n");
    }
    let report = run("deep.yaml", text).expect_err("too deep");
    assert!(report.starts_with("error: nesting is deeper than 64 levels"), "{}", &report[..300.min(report.len())]);
    assert!(report.contains("schema/deep.yaml:65:65"), "{}", &report[..300.min(report.len())]);
}

#[test]
fn an_alias_bomb_is_refused_without_expanding() {
    // Nine levels of nine-fold aliases: 387 million strings if expanded.
    let mut text = String::from(
        "models:\n  A:\n    description: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        text.push_str(&format!("  B{level}:\n    description: &a{level} [{}]\n", vec![previous; 9].join(",")));
    }
    let report = run("bomb.yaml", text).expect_err("a list is not a description");
    assert!(report.contains("expected a string"), "{report}");
}

#[test]
fn an_alias_bomb_in_a_mapping_is_bounded() {
    let mut text = String::from("endpoints:\n  a: &a0 {method: GET, path: /x/, response: json}\n");
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        let members: Vec<String> = (0..9).map(|i| format!("k{i}: {previous}")).collect();
        text.push_str(&format!("  b{level}: &a{level} {{{}}}\n", members.join(", ")));
    }
    // Either serde_yaml's repetition limit or the schema's unknown keys stop it.
    assert!(run("bomb.yaml", text).is_err());
}

#[test]
fn a_file_with_thousands_of_problems_reports_a_bounded_number() {
    let mut text = String::from("endpoints:\n");
    for index in 0..5_000 {
        text.push_str(&format!("  e{index}:\n    method: GET\n    path: /e/\n    response: json\n    metod: GET\n"));
    }
    let report = run("many.yaml", text).expect_err("unknown keys");
    assert!(report.contains("error: stopped looking for problems in this file after 100\n"), "{}", &report[..300]);
    // The first problem, 100 more, and the note.
    assert!(report.ends_with("\n102 errors in the schema\n"), "{}", &report[report.len() - 300..]);
}
