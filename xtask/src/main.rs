//! Maintainer commands, run as `cargo xtask <command>`. This is the only code that knows the
//! repository layout; the generator itself lives in `codegen`.
//!
//! - `cargo xtask gen`: regenerate `generated/src/gen/` from `schema/`.
//! - `cargo xtask gen --check`: change nothing; fail and list stale files if a regeneration
//!   would change anything.

mod files;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask gen [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => run_gen(Mode::Write),
        ["gen", "--check"] => run_gen(Mode::Check),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Whether `gen` writes or only compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// The repository root, found from this crate's manifest so the command works from any folder.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn run_gen(mode: Mode) -> ExitCode {
    let root = project_root();
    let generated = match codegen::generate(&root.join("schema"), "schema") {
        Ok(generated) => generated,
        Err(report) => {
            // Colour only when a person is looking.
            eprint!("{}", report.render(std::io::stderr().is_terminal()));
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    let wanted: Vec<(String, String)> = generated.into_iter().map(|file| (file.path, file.contents)).collect();
    let out_dir = root.join("generated/src/gen");
    let label = "generated/src/gen";
    match files::sync_dir(&out_dir, &wanted, mode) {
        Ok(report) => {
            for path in &report.written {
                println!("{} {label}/{path}", if mode == Mode::Check { "stale  " } else { "wrote  " });
            }
            for path in &report.removed {
                println!("{} {label}/{path}", if mode == Mode::Check { "extra  " } else { "removed" });
            }
            let changed = report.written.len() + report.removed.len();
            match mode {
                Mode::Write => {
                    println!(
                        "{} written, {} unchanged, {} removed",
                        report.written.len(),
                        report.unchanged,
                        report.removed.len()
                    );
                    ExitCode::SUCCESS
                }
                Mode::Check if changed == 0 => {
                    println!("{label} is up to date ({} files)", report.unchanged);
                    ExitCode::SUCCESS
                }
                Mode::Check => {
                    eprintln!("{label} is out of date ({changed} files); run `cargo xtask gen` and commit the result");
                    ExitCode::FAILURE
                }
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The freshness test is the generator in check mode.
    #[test]
    fn generated_code_is_fresh() {
        let root = project_root();
        let generated = codegen::generate(&root.join("schema"), "schema").unwrap_or_else(|report| panic!("{report}"));
        let wanted: Vec<(String, String)> = generated.into_iter().map(|file| (file.path, file.contents)).collect();
        let report = files::sync_dir(&root.join("generated/src/gen"), &wanted, Mode::Check)
            .expect("generated/src/gen is readable");
        assert!(
            report.written.is_empty() && report.removed.is_empty(),
            "generated/src/gen is stale (changed: {:?}, extra: {:?}); run `cargo xtask gen`",
            report.written,
            report.removed
        );
    }
}
