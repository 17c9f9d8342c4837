//! The two tools, driven the same way: generate a synthetic API into a crate inside a scratch
//! workspace under `target/bench/`, and build that crate with its dependencies already built.
//! Ours is `xtask gen --schema .. --out ..` (release build) writing `src/gen/` of a crate that
//! depends on the hand-written runtime (`usercom`), as progenitor's output depends on
//! `progenitor-client`; progenitor is `cargo progenitor`, which writes a whole crate. The floor
//! (`floor.rs`: plain serde structs, no methods) is written by this process into a crate that
//! depends on serde and serde_json alone.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure::{self, Sample};

/// Which generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Ours,
    Progenitor,
    /// Not a generator: the plain-struct floor.
    Floor,
}

impl Tool {
    pub fn label(self) -> &'static str {
        match self {
            Tool::Ours => "usercom-codegen",
            Tool::Progenitor => "cargo-progenitor",
            Tool::Floor => "floor",
        }
    }
}

/// Where everything lives.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    /// `target/bench`.
    pub work: PathBuf,
    /// Our generator, release build.
    pub xtask_release: PathBuf,
    /// Our generator as `cargo xtask` runs it (dev profile).
    pub xtask_dev: PathBuf,
    pub progenitor: PathBuf,
    pub cargo: PathBuf,
}

impl Paths {
    /// The synthetic API of `n` endpoints: `schema/` and `openapi.json`.
    pub fn synth(&self, n: usize) -> PathBuf {
        self.work.join(format!("synth-{n}"))
    }

    /// The scratch workspace of `tool` for `n` endpoints; its crate is `api/`.
    pub fn workspace(&self, tool: Tool, n: usize) -> PathBuf {
        let name = match tool {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
            Tool::Floor => "floor",
        };
        self.work.join(format!("build-{name}-{n}"))
    }

    /// The folder the tool writes: our `src/gen/`, progenitor's whole crate, the floor's `src/`.
    pub fn output(&self, tool: Tool, n: usize) -> PathBuf {
        match tool {
            Tool::Ours => self.workspace(tool, n).join("api/src/gen"),
            Tool::Progenitor => self.workspace(tool, n).join("api"),
            Tool::Floor => self.workspace(tool, n).join("api/src"),
        }
    }
}

/// Deletes the tool's output folder and generates it anew; the measured run.
pub fn generate(paths: &Paths, tool: Tool, n: usize) -> io::Result<Sample> {
    let out = paths.output(tool, n);
    remove_dir(&out)?;
    let synth = paths.synth(n);
    let mut command = match tool {
        Tool::Ours => {
            let mut command = Command::new(&paths.xtask_release);
            command.arg("gen").arg("--schema").arg(synth.join("schema")).arg("--out").arg(&out);
            command
        }
        Tool::Progenitor => {
            let mut command = Command::new(&paths.progenitor);
            command.arg("progenitor").arg("--input").arg(synth.join("openapi.json")).arg("--output").arg(&out).args([
                "--name",
                "synth-api",
                "--version",
                "0.1.0",
            ]);
            command
        }
        Tool::Floor => {
            let start = std::time::Instant::now();
            let text = fs::read_to_string(synth.join("openapi.json"))?;
            let openapi: serde_json::Value = serde_json::from_str(&text).map_err(io::Error::other)?;
            fs::create_dir_all(&out)?;
            fs::write(out.join("lib.rs"), crate::floor::source(&openapi))?;
            return Ok(Sample { wall: start.elapsed(), max_rss: 0, output: String::new() });
        }
    };
    let sample = measure::run(&mut command)?;
    if tool == Tool::Ours {
        let _ = fs::remove_file(out.join(".gitattributes"));
    }
    Ok(sample)
}

/// A scratch workspace of one member, `api`, with the project's lockfile, so it builds with the
/// same dependency versions as the real crates.
fn locked_workspace(paths: &Paths, workspace: &Path) -> io::Result<()> {
    write_if_changed(
        &workspace.join("Cargo.toml"),
        "# Scratch workspace of `cargo xtask bench`.\n[workspace]\nmembers = [\"api\"]\nresolver = \"3\"\n",
    )?;
    if !workspace.join("Cargo.lock").exists() {
        fs::copy(paths.root.join("Cargo.lock"), workspace.join("Cargo.lock"))?;
    }
    Ok(())
}

/// Writes the parts of the scratch workspace that the tool does not generate.
pub fn prepare(paths: &Paths, tool: Tool, n: usize) -> io::Result<()> {
    let workspace = paths.workspace(tool, n);
    fs::create_dir_all(&workspace)?;
    match tool {
        Tool::Ours => {
            locked_workspace(paths, &workspace)?;
            let api = workspace.join("api");
            fs::create_dir_all(api.join("src"))?;
            let runtime = paths.root.join("runtime");
            write_if_changed(
                &api.join("Cargo.toml"),
                &format!(
                    "[package]
name = \"synth-api\"
version = \"0.1.0\"
edition = \"2024\"
publish = false

[dependencies]
apigen-runtime = {{ path = {runtime:?} }}
",
                    runtime = runtime.display().to_string()
                ),
            )?;
            write_if_changed(
                &api.join("src/lib.rs"),
                "//! A synthetic API client: `src/gen/` is written by `xtask gen --schema .. --out ..`.

#[rustfmt::skip]
mod r#gen;
pub use r#gen::*;
",
            )
        }
        Tool::Progenitor => write_if_changed(
            &workspace.join("Cargo.toml"),
            "# Scratch workspace of `cargo xtask bench`.\n[workspace]\nmembers = [\"api\"]\nresolver = \"2\"\n",
        ),
        Tool::Floor => {
            locked_workspace(paths, &workspace)?;
            fs::create_dir_all(workspace.join("api"))?;
            write_if_changed(
                &workspace.join("api/Cargo.toml"),
                "[package]
name = \"synth-api\"
version = \"0.1.0\"
edition = \"2024\"
publish = false

[dependencies]
serde = { version = \"1\", features = [\"derive\"] }
serde_json = \"1\"
",
            )
        }
    }
}

/// `cargo build` or `cargo check` of the scratch crate, timed. Incremental compilation is off:
/// the crate is rebuilt in full, as it is when a downstream project builds it as a dependency.
pub fn cargo(paths: &Paths, tool: Tool, n: usize, subcommand: &str, offline: bool) -> io::Result<Sample> {
    let mut command = Command::new(&paths.cargo);
    command
        .current_dir(paths.workspace(tool, n))
        .args([subcommand, "--quiet", "--package", "synth-api"])
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS");
    if offline {
        command.arg("--offline");
    }
    measure::run(&mut command)
}

/// Lines of generated Rust below `dir`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lines {
    pub files: usize,
    pub total: usize,
    /// `///` and `//!` lines.
    pub docs: usize,
    pub blank: usize,
    /// Lines of the blocking and mock files (compiled only with the runtime's `blocking` and
    /// `mock` features).
    pub gated: usize,
}

pub fn count_lines(dir: &Path) -> io::Result<Lines> {
    let mut lines = Lines::default();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                lines.files += 1;
                let gated = path.file_stem().is_some_and(|stem| stem == "blocking_client" || stem == "mock_server");
                for raw in fs::read_to_string(&path)?.lines() {
                    if gated {
                        lines.gated += 1;
                    }
                    let line = raw.trim_start();
                    lines.total += 1;
                    if line.is_empty() {
                        lines.blank += 1;
                    } else if line.starts_with("///") || line.starts_with("//!") {
                        lines.docs += 1;
                    }
                }
            }
        }
    }
    Ok(lines)
}

pub fn remove_dir(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

fn write_if_changed(path: &Path, contents: &str) -> io::Result<()> {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    fs::write(path, contents)
}
