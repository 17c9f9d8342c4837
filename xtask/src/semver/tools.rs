//! The tools behind `cargo xtask semver`: a baseline checkout from git, rustdoc JSON of a crate,
//! the item-by-item diff of two public APIs (`public-api`), and the lints of
//! `cargo-semver-checks`.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::verdict::{Level, Reason};

/// `rev` of the repository at `root`, extracted (tracked files only) into a folder under
/// `scratch` named after its commit; reused when already there. Returns the folder and the
/// commit.
pub fn checkout(root: &Path, rev: &str, scratch: &Path) -> Result<(PathBuf, String), String> {
    let commit =
        run_text(Command::new("git").current_dir(root).args(["rev-parse", "--verify", &format!("{rev}^{{commit}}")]))
            .map_err(|error| format!("baseline `{rev}` is not a commit of this repository: {error}"))?;
    let commit = commit.trim().to_owned();
    let dir = scratch.join(format!("baseline-{}", &commit[..12.min(commit.len())]));
    let done = dir.join(".extracted");
    if done.is_file() {
        return Ok((dir, commit));
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|error| format!("cannot clear {}: {error}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let archive = Command::new("git")
        .current_dir(root)
        .args(["archive", "--format=tar", &commit])
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if !archive.status.success() {
        return Err(format!("git archive {commit} failed: {}", String::from_utf8_lossy(&archive.stderr).trim()));
    }
    let mut tar = Command::new("tar")
        .current_dir(&dir)
        .args(["-x", "-f", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run tar: {error}"))?;
    {
        use std::io::Write;
        let mut stdin = tar.stdin.take().ok_or("tar has no stdin")?;
        stdin.write_all(&archive.stdout).map_err(|error| format!("cannot feed tar: {error}"))?;
    }
    let status = tar.wait().map_err(|error| format!("tar failed: {error}"))?;
    if !status.success() {
        return Err(format!("tar could not extract the baseline into {}", dir.display()));
    }
    std::fs::write(&done, &commit).map_err(|error| format!("cannot write {}: {error}", done.display()))?;
    Ok((dir, commit))
}

/// The package name of the crate at `manifest`.
pub fn package_name(manifest: &Path) -> Result<String, String> {
    let text =
        std::fs::read_to_string(manifest).map_err(|error| format!("cannot read {}: {error}", manifest.display()))?;
    let mut in_package = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(rest) = line.strip_prefix("name") {
            let value = rest.trim_start().strip_prefix('=').map(str::trim);
            if let Some(name) = value.and_then(|v| v.strip_prefix('"')).and_then(|v| v.strip_suffix('"')) {
                return Ok(name.to_owned());
            }
        }
    }
    Err(format!("{} has no `[package] name`", manifest.display()))
}

/// Builds the rustdoc JSON of the library at `manifest` with `features` into `target_dir` and
/// moves it to `out`. Nightly output format on the stable toolchain (`RUSTC_BOOTSTRAP`), as
/// cargo-semver-checks itself does. One target folder serves both sides, so the JSON is removed
/// first and, should cargo think the doc fresh without writing it, the package is cleaned and
/// built once more.
pub fn rustdoc_json(manifest: &Path, features: &[String], target_dir: &Path, out: &Path) -> Result<(), String> {
    let package = package_name(manifest)?;
    let json = target_dir.join("doc").join(format!("{}.json", package.replace('-', "_")));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for attempt in 0..2 {
        let _ = std::fs::remove_file(&json);
        if attempt == 1 {
            let mut clean = Command::new(&cargo);
            clean.args(["clean", "--quiet", "-p", &package, "--manifest-path"]).arg(manifest);
            clean.env("CARGO_TARGET_DIR", target_dir);
            run_text(&mut clean)?;
        }
        let mut rustdoc = Command::new(&cargo);
        rustdoc.args(["rustdoc", "--quiet", "--lib", "-p", &package, "--manifest-path"]).arg(manifest);
        if !features.is_empty() {
            rustdoc.args(["--features", &features.join(",")]);
        }
        rustdoc.args(["--", "-Z", "unstable-options", "--output-format", "json", "--cap-lints", "allow"]);
        rustdoc.env("RUSTC_BOOTSTRAP", "1").env("CARGO_TARGET_DIR", target_dir).env_remove("RUSTDOCFLAGS");
        run_text(&mut rustdoc).map_err(|error| format!("rustdoc JSON of {} failed: {error}", manifest.display()))?;
        if json.is_file() {
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
            }
            return std::fs::rename(&json, out).map_err(|error| format!("cannot move {}: {error}", json.display()));
        }
    }
    Err(format!("rustdoc wrote no {} for {}", json.display(), manifest.display()))
}

/// The item-by-item difference of two public APIs: a removed or changed item breaks callers, an
/// added one does not. Auto-trait and blanket impls are left to the lints (which judge them
/// precisely).
pub fn public_api_reasons(baseline: &Path, current: &Path) -> Result<Vec<Reason>, String> {
    let build = |path: &Path| {
        public_api::Builder::from_rustdoc_json(path)
            .omit_blanket_impls(true)
            .omit_auto_trait_impls(true)
            .build()
            .map_err(|error| format!("cannot read the public API in {}: {error}", path.display()))
    };
    let diff = public_api::diff::PublicApiDiff::between(build(baseline)?, build(current)?);
    let mut reasons = Vec::new();
    for item in diff.removed {
        reasons.push(Reason { level: Level::Major, text: format!("removed {item}") });
    }
    for item in diff.changed {
        reasons.push(Reason { level: Level::Major, text: format!("changed {} to {}", item.old, item.new) });
    }
    for item in diff.added {
        reasons.push(Reason { level: Level::Minor, text: format!("added {item}") });
    }
    Ok(reasons)
}

/// The lints of `cargo-semver-checks` that fail between the two rustdoc JSON files, each at the
/// level the lint requires.
pub fn semver_checks_reasons(baseline: &Path, current: &Path) -> Result<Vec<Reason>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["semver-checks", "check-release", "--color", "never", "--verbose", "--baseline-rustdoc"])
        .arg(baseline)
        .arg("--current-rustdoc")
        .arg(current)
        .output()
        .map_err(|error| format!("cannot run cargo-semver-checks: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("no such command") || stderr.contains("no such subcommand") {
        return Err("cargo-semver-checks is not installed: `cargo install --locked cargo-semver-checks`".to_owned());
    }
    let reasons = parse_semver_checks(&format!("{stdout}\n{stderr}"));
    // Exit 0: no lint failed. Otherwise the failures must have been read, or the run broke.
    if !output.status.success() && reasons.is_empty() {
        return Err(format!("cargo-semver-checks failed:\n{stderr}"));
    }
    Ok(reasons)
}

/// `FAIL` lines of a verbose `cargo-semver-checks` run, such as
/// `FAIL [   0.002s]        major        struct_missing`, with the lint's summary line
/// (`--- failure struct_missing: pub struct removed or renamed ---`) when printed.
pub fn parse_semver_checks(output: &str) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for line in output.lines() {
        let Some(rest) = line.trim_start().strip_prefix("FAIL") else { continue };
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('[').and_then(|rest| rest.split_once(']')).map_or(rest, |(_, rest)| rest);
        let mut words = rest.split_whitespace();
        let level = match words.next() {
            Some("major") => Level::Major,
            Some("minor") => Level::Minor,
            _ => continue,
        };
        let Some(lint) = words.next() else { continue };
        let summary = output
            .lines()
            .find_map(|line| line.trim().strip_prefix(&format!("--- failure {lint}: ")))
            .map(|summary| summary.trim_end_matches(" ---").to_owned());
        let text = match summary {
            Some(summary) => format!("cargo-semver-checks {lint}: {summary}"),
            None => format!("cargo-semver-checks {lint}"),
        };
        reasons.push(Reason { level, text });
    }
    reasons
}

/// Whether the two crate folders hold different `src/` trees or manifests (byte for byte).
pub fn sources_differ(baseline: &Path, current: &Path) -> Result<bool, String> {
    fn files(root: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
        let mut found = Vec::new();
        let mut stack = vec![root.join("src")];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
                Err(error) => return Err(format!("cannot read {}: {error}", dir.display())),
            };
            for entry in entries {
                let path = entry.map_err(|error| format!("cannot read {}: {error}", dir.display()))?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes =
                        std::fs::read(&path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
                    found.push((path.strip_prefix(root).unwrap_or(&path).to_path_buf(), bytes));
                }
            }
        }
        found.sort();
        Ok(found)
    }
    Ok(files(baseline)? != files(current)?)
}

/// Runs `command`, returning its stdout, or its stderr as the error.
fn run_text(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|error| format!("cannot run {:?}: {error}", command.get_program()))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_lints_are_read_with_their_level_and_summary() {
        let output = "\
     Parsing usercom v0.1.0 (current)
     Checking usercom v0.1.0 -> v0.1.0 (no change; assume patch)
        PASS [   0.001s]        major        enum_missing
        FAIL [   0.002s]        major        struct_missing
        FAIL [   0.003s]        minor        type_marked_deprecated
     Summary semver requires new major version: 1 major and 1 minor checks failed

--- failure struct_missing: pub struct removed or renamed ---
";
        assert_eq!(
            parse_semver_checks(output),
            [
                Reason {
                    level: Level::Major,
                    text: "cargo-semver-checks struct_missing: pub struct removed or renamed".into()
                },
                Reason { level: Level::Minor, text: "cargo-semver-checks type_marked_deprecated".into() },
            ]
        );
        assert!(parse_semver_checks("     Summary no semver update required\n").is_empty());
    }

    #[test]
    fn the_package_name_comes_from_the_package_table() {
        let dir = std::env::temp_dir().join(format!("xtask-semver-name-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let manifest = dir.join("Cargo.toml");
        std::fs::write(
            &manifest,
            "[workspace]\n\n[package]\nname = \"contacts\"\nversion = \"0.1.0\"\n\n[dependencies]\nname = \"x\"\n",
        )
        .unwrap();
        assert_eq!(package_name(&manifest).unwrap(), "contacts");
        std::fs::write(&manifest, "[dependencies]\nname = \"x\"\n").unwrap();
        assert!(package_name(&manifest).unwrap_err().ends_with("has no `[package] name`"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
