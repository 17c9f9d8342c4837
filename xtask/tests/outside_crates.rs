//! The promise to downstream crates, kept from outside: `examples/` is a workspace of its own
//! whose crates depend only on what the README names (the runtime, plus the macro crate or
//! `codegen` for `build.rs`). Building and testing it here puts it under the README's one test
//! command, `cargo test --workspace`.

use std::path::Path;
use std::process::Command;

#[test]
fn the_outside_crates_build_with_the_documented_dependencies_and_pass_their_wire_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds xtask");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // A target folder of its own: the one of this run is locked by the cargo running this test.
    let output = Command::new(cargo)
        .current_dir(root.join("examples"))
        .args(["test", "--locked", "--workspace", "--quiet"])
        .env("CARGO_TARGET_DIR", root.join("target/examples"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
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
