//! `cargo xtask bench [ARGS]`: runs the benchmark driver, the `bench` package, in release mode
//! (its heavy dependencies, plotters and criterion, stay out of xtask's own build); and
//! `cargo xtask gen --schema DIR --out DIR`, the generator on any schema into any folder, which
//! is what the benchmark times. Neither measures anything itself.

use std::io::IsTerminal;
use std::path::Path;
use std::process::{Command, ExitCode};

use crate::{Mode, files, project_root};

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

/// `cargo xtask gen --schema DIR --out DIR`: like `cargo xtask gen`, for another schema and
/// output folder (writes only changed files, removes stale ones).
pub fn gen_at(schema: &str, out: &str, mode: Mode) -> ExitCode {
    let label = schema.trim_end_matches('/');
    let generated = match codegen::generate(Path::new(schema), label) {
        Ok(generated) => generated,
        Err(report) => {
            eprint!("{}", report.render(std::io::stderr().is_terminal()));
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    let wanted: Vec<(String, String)> = generated.into_iter().map(|file| (file.path, file.contents)).collect();
    match files::sync_dir(Path::new(out), &wanted, mode) {
        Ok(report) if mode == Mode::Check => {
            for path in report.written.iter().chain(&report.removed) {
                println!("stale   {path}");
            }
            if report.written.is_empty() && report.removed.is_empty() {
                println!("generated code is up to date ({} files)", report.unchanged);
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "generated code in `{out}` is out of date; run `cargo xtask gen --schema {schema} --out {out}`"
                );
                ExitCode::FAILURE
            }
        }
        Ok(report) => {
            println!(
                "{} written, {} unchanged, {} removed",
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
