//! The promise to downstream crates, kept from outside: `examples/` is a workspace of its own
//! whose crates depend only on what the README names (the runtime, plus the macro crate or
//! `codegen` for `build.rs`). Building and testing it here puts it under the README's one test
//! command, `cargo test --workspace`.

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
    assert_eq!(counts, ["running 0 tests", "running 0 tests"], "{stdout}");
}
