//! What a downstream project pays. The macro front door: `cargo build` of a scratch crate whose
//! client is `apigen_macros::generate_api!` on the real `schema/`, against the same crate built
//! from the checked-in `generated/src/gen/`, dependencies warm. And a whole build: the normal
//! dependency tree of `usercom` and of progenitor's generated crate (as generated, without TLS,
//! and with reqwest's `rustls-tls`, so that both sides can speak HTTPS), and the cold
//! `cargo build` (fresh target folder) of a fresh crate that depends on each.

use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

use crate::measure::{self, Sample};
use crate::scratch::{self, Paths, Tool};

/// The endpoint count of progenitor's crate in the cold build (`usercom` has 98).
pub const COLD_PROGENITOR_N: usize = 100;

/// `cargo build` times of the two crates of the front-door workspace.
#[derive(Debug, Clone, Default)]
pub struct FrontDoor {
    pub from_macro: Vec<f64>,
    pub from_files: Vec<f64>,
}

/// The dependency trees and cold builds of the two downstream crates.
#[derive(Debug, Clone, Default)]
pub struct Downstream {
    /// Crates in `cargo tree -e normal` of `usercom` and of progenitor's crate, each counted
    /// once (the crate itself included).
    pub ours_deps: usize,
    pub progenitor_deps: usize,
    /// Progenitor's crate with a TLS backend: the downstream crate also asks for reqwest's
    /// `rustls-tls`, as a user calling an `https` API must.
    pub progenitor_tls_deps: usize,
    pub progenitor_n: usize,
    /// The reqwest requirement of progenitor's crate (the TLS crate names the same).
    pub progenitor_reqwest: String,
    /// Cold `cargo build` times (empty with `--no-cold`).
    pub ours_cold: Vec<f64>,
    pub progenitor_cold: Vec<f64>,
    pub progenitor_tls_cold: Vec<f64>,
}

/// Builds the two front-door crates once (warming their dependencies), then `runs` timed
/// builds of each after a touch of its `lib.rs`, alternating.
pub fn front_door(paths: &Paths, runs: usize) -> io::Result<FrontDoor> {
    let workspace = paths.work.join("front-door");
    fs::create_dir_all(&workspace)?;
    write(&workspace.join("Cargo.toml"), WORKSPACE.replace("MEMBERS", "\"from-macro\", \"from-files\"").as_str())?;
    if !workspace.join("Cargo.lock").exists() {
        fs::copy(paths.root.join("Cargo.lock"), workspace.join("Cargo.lock"))?;
    }
    let root = paths.root.display().to_string();
    let runtime = format!("apigen-runtime = {{ path = {:?} }}\n", format!("{root}/runtime"));
    let macros = format!("apigen-macros = {{ path = {:?} }}\n", format!("{root}/macros"));
    let crates = [
        (
            "from-macro",
            format!("{runtime}{macros}"),
            format!(
                "//! The User.com client, generated while this crate compiles.\n\napigen_macros::generate_api!({:?});\n",
                format!("{root}/schema")
            ),
        ),
        (
            "from-files",
            runtime.clone(),
            format!(
                "//! The User.com client from the checked-in files.\n\n#[rustfmt::skip]\n#[path = {:?}]\nmod r#gen;\npub use r#gen::*;\n",
                format!("{root}/generated/src/gen/mod.rs")
            ),
        ),
    ];
    for (name, dependencies, lib) in &crates {
        fs::create_dir_all(workspace.join(name).join("src"))?;
        write(&workspace.join(name).join("Cargo.toml"), &package(name, dependencies))?;
        write(&workspace.join(name).join("src/lib.rs"), lib)?;
    }
    let build = |name: &str, lib: &str| -> io::Result<Sample> {
        // A new modification time: cargo rebuilds the crate, and only it.
        fs::write(workspace.join(name).join("src/lib.rs"), lib)?;
        let mut command = Command::new(&paths.cargo);
        command
            .current_dir(&workspace)
            .args(["build", "--quiet", "--offline", "--package", name])
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("RUSTFLAGS");
        measure::run(&mut command)
    };
    for (name, _, lib) in &crates {
        build(name, lib)?;
    }
    let mut times = FrontDoor::default();
    for run in 0..runs {
        let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
        for index in order {
            let (name, _, lib) = &crates[index];
            let wall = build(name, lib)?.wall.as_secs_f64();
            eprintln!("   {name} build: {wall:.2} s");
            if index == 0 { &mut times.from_macro } else { &mut times.from_files }.push(wall);
        }
    }
    Ok(times)
}

/// The dependency counts, and (with `cold`) `runs` cold builds of each downstream crate.
pub fn downstream(paths: &Paths, runs: usize, cold: bool) -> io::Result<Downstream> {
    let n = COLD_PROGENITOR_N;
    let progenitor_crate = paths.output(Tool::Progenitor, n);
    if !progenitor_crate.join("Cargo.toml").exists() {
        measure::run(
            Command::new(&paths.xtask_release).arg("synth").arg(n.to_string()).arg("--out").arg(paths.synth(n)),
        )?;
        scratch::prepare(paths, Tool::Progenitor, n)?;
        scratch::generate(paths, Tool::Progenitor, n)?;
    }
    let ours = paths.work.join("downstream-ours");
    let theirs = paths.work.join("downstream-progenitor");
    let usercom = paths.root.join("generated").display().to_string();
    setup(
        paths,
        &ours,
        &format!("usercom = {{ path = {usercom:?} }}\n"),
        "fn main() {\n    let client = usercom::Client::new(\"acme\", \"key\");\n    std::hint::black_box(client.is_ok());\n}\n",
        Some(&paths.root.join("Cargo.lock")),
    )?;
    let progenitor_lock = paths.workspace(Tool::Progenitor, n).join("Cargo.lock");
    let progenitor_lock = Some(progenitor_lock.as_path()).filter(|lock| lock.exists());
    let progenitor_dependency = format!("synth-api = {{ path = {:?} }}\n", progenitor_crate.display().to_string());
    let progenitor_main = "fn main() {\n    let client = synth_api::Client::new(\"https://acme.example.com/api/public\");\n    std::hint::black_box(client);\n}\n";
    setup(paths, &theirs, &progenitor_dependency, progenitor_main, progenitor_lock)?;
    let reqwest = reqwest_requirement(&progenitor_crate)?;
    let theirs_tls = paths.work.join("downstream-progenitor-tls");
    setup(
        paths,
        &theirs_tls,
        &format!(
            "{progenitor_dependency}# The TLS backend progenitor's crate leaves to its user.\nreqwest = {{ version = {reqwest:?}, default-features = false, features = [{:?}] }}\n",
            rustls_feature(&reqwest)
        ),
        progenitor_main,
        progenitor_lock,
    )?;
    let mut result = Downstream {
        ours_deps: count_deps(paths, &ours, "usercom")?,
        progenitor_deps: count_deps(paths, &theirs, "synth-api")?,
        progenitor_tls_deps: count_deps(paths, &theirs_tls, "downstream")?.saturating_sub(1),
        progenitor_n: n,
        progenitor_reqwest: reqwest,
        ..Downstream::default()
    };
    if !cold {
        return Ok(result);
    }
    let crates = [&ours, &theirs, &theirs_tls];
    const NAMES: [&str; 3] = ["usercom", "progenitor's crate", "progenitor's crate with reqwest's rustls"];
    for run in 0..runs {
        for step in 0..crates.len() {
            // A different crate first on each run, so none always builds on a cooler machine.
            let index = (run + step) % crates.len();
            let dir = crates[index];
            scratch::remove_dir(&dir.join("target"))?;
            let mut command = Command::new(&paths.cargo);
            command
                .current_dir(dir)
                .args(["build", "--quiet", "--offline"])
                .env("CARGO_INCREMENTAL", "0")
                .env_remove("CARGO_TARGET_DIR")
                .env_remove("RUSTFLAGS");
            let wall = measure::run(&mut command)?.wall.as_secs_f64();
            eprintln!("   cold build of the crate using {}: {wall:.1} s", NAMES[index]);
            [&mut result.ours_cold, &mut result.progenitor_cold, &mut result.progenitor_tls_cold][index].push(wall);
        }
    }
    Ok(result)
}

/// reqwest's rustls feature: `rustls-tls` up to 0.12, `rustls` from 0.13 on.
fn rustls_feature(requirement: &str) -> &'static str {
    let minor =
        requirement.trim_start_matches(['^', '=', '~']).strip_prefix("0.").and_then(|rest| rest.split('.').next());
    match minor.and_then(|minor| minor.parse::<u32>().ok()) {
        Some(minor) if minor <= 12 => "rustls-tls",
        _ => "rustls",
    }
}

/// The version requirement of `reqwest` in the `Cargo.toml` of progenitor's crate, written
/// either `reqwest = "0.12"` or `reqwest = { version = "0.12", .. }`.
pub fn reqwest_requirement(crate_dir: &Path) -> io::Result<String> {
    let manifest = fs::read_to_string(crate_dir.join("Cargo.toml"))?;
    manifest
        .lines()
        .filter_map(|line| line.trim().strip_prefix("reqwest"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .find_map(|value| {
            let value = value.trim();
            let quoted = match value.strip_prefix('{') {
                Some(table) => table.split("version").nth(1)?.trim_start().strip_prefix('=')?.trim_start(),
                None => value,
            };
            let quoted = quoted.strip_prefix('"')?;
            Some(quoted[..quoted.find('"')?].to_owned())
        })
        .ok_or_else(|| io::Error::other(format!("no reqwest requirement in {}/Cargo.toml", crate_dir.display())))
}

const WORKSPACE: &str =
    "# Scratch workspace of `cargo xtask bench`.\n[workspace]\nmembers = [MEMBERS]\nresolver = \"3\"\n";

fn package(name: &str, dependencies: &str) -> String {
    format!(
        "[package]\nname = {name:?}\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{dependencies}"
    )
}

/// A one-crate workspace `dir` with a `main.rs`, its lockfile seeded from `lock`, and every
/// dependency downloaded (so that the timed builds run offline).
fn setup(paths: &Paths, dir: &Path, dependencies: &str, main: &str, lock: Option<&Path>) -> io::Result<()> {
    fs::create_dir_all(dir.join("src"))?;
    let manifest = format!("{}\n[workspace]\n", package("downstream", dependencies));
    write(&dir.join("Cargo.toml"), &manifest)?;
    write(&dir.join("src/main.rs"), main)?;
    if let Some(lock) = lock
        && !dir.join("Cargo.lock").exists()
    {
        fs::copy(lock, dir.join("Cargo.lock"))?;
    }
    measure::run(Command::new(&paths.cargo).current_dir(dir).args(["fetch", "--quiet"]))?;
    Ok(())
}

/// Packages in the normal dependency tree of `package`, each counted once.
fn count_deps(paths: &Paths, dir: &Path, package: &str) -> io::Result<usize> {
    let sample = measure::run(Command::new(&paths.cargo).current_dir(dir).args([
        "tree",
        "--offline",
        "--quiet",
        "--edges",
        "normal",
        "--prefix",
        "none",
        "--package",
        package,
    ]))?;
    // `name vX.Y.Z [(path)] [(proc-macro)]`; anything else (a warning) is not a crate.
    let is_crate = |line: &&str| {
        line.split(' ').nth(1).is_some_and(|version| {
            version.strip_prefix('v').and_then(|rest| rest.chars().next()).is_some_and(|c| c.is_ascii_digit())
        })
    };
    let mut crates: Vec<&str> =
        sample.output.lines().map(|line| line.trim_end_matches(" (*)").trim()).filter(is_crate).collect();
    crates.sort_unstable();
    crates.dedup();
    Ok(crates.len())
}

fn write(path: &Path, contents: &str) -> io::Result<()> {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reqwest_requirement_is_read_in_both_forms() {
        let dir = std::env::temp_dir().join(format!("bench-reqwest-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("Cargo.toml"), "[dependencies]\nreqwest-middleware = \"1\"\nreqwest = { version = \"0.12.4\", default-features = false, features = [\"json\"] }\n").unwrap();
        assert_eq!(reqwest_requirement(&dir).unwrap(), "0.12.4");
        fs::write(dir.join("Cargo.toml"), "[dependencies]\nreqwest = \"0.12\"\n").unwrap();
        assert_eq!(reqwest_requirement(&dir).unwrap(), "0.12");
        fs::write(dir.join("Cargo.toml"), "[dependencies]\nserde = \"1\"\n").unwrap();
        assert!(reqwest_requirement(&dir).is_err());
        assert_eq!(rustls_feature("0.12"), "rustls-tls");
        assert_eq!(rustls_feature("^0.13.1"), "rustls");
        fs::remove_dir_all(&dir).unwrap();
    }
}
