//! `cargo xtask bench [ARGS]`: runs the benchmark driver, the `bench` package, in release mode
//! (its heavy dependencies, plotters and criterion, stay out of xtask's own build). It measures
//! nothing itself; what the benchmark times is `cargo xtask gen --schema DIR --out DIR`
//! (`gen_at` in `main.rs`).

use std::process::{Command, ExitCode};

use crate::root::project_root;

/// `cargo xtask bench [ARGS]` = `cargo run --release --package bench -- [ARGS]`.
pub fn run(args: &[&str]) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(project_root())
        .args(["run", "--quiet", "--release", "--package", "bench", "--"])
        .args(args)
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().and_then(|code| u8::try_from(code).ok()).unwrap_or(1)),
        Err(error) => {
            eprintln!("error: cannot run cargo: {error}");
            ExitCode::FAILURE
        }
    }
}
