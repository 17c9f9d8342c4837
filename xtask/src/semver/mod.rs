//! `cargo xtask semver`: what a regeneration means for the crates downstream. Compares the public
//! API of a generated crate (by default `usercom` in `generated/`) with a baseline (a git
//! revision, by default `HEAD`, or a crate folder) and says major, minor, patch or none, with
//! its reasons: removed, changed and added items from `public-api`, and the lints of
//! `cargo-semver-checks` at the level each requires. `--bump` then sets the crate's version and
//! adds a `CHANGELOG.md` entry naming the docs changes behind it (`--drift`, the saved output of
//! `cargo xtask import --check`).

mod tools;
mod verdict;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use verdict::{Level, Verdict};

/// The generated crate compared when no `--manifest-path` is given.
const DEFAULT_MANIFEST: &str = "generated/Cargo.toml";
/// Its features that add public items (the TLS choice adds none).
const DEFAULT_FEATURES: &[&str] = &["blocking", "mock"];

/// What the command line asked for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Options {
    baseline_rev: Option<String>,
    baseline_dir: Option<PathBuf>,
    manifest: Option<PathBuf>,
    features: Option<Vec<String>>,
    bump: bool,
    drift: Option<PathBuf>,
}

fn parse(args: &[&str]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().map(|value| value.to_string()).ok_or(format!("{name} needs a value"));
        match *arg {
            "--baseline" => options.baseline_rev = Some(value("--baseline")?),
            "--baseline-dir" => options.baseline_dir = Some(value("--baseline-dir")?.into()),
            "--manifest-path" => options.manifest = Some(value("--manifest-path")?.into()),
            "--features" => {
                let list = value("--features")?;
                options.features =
                    Some(list.split(',').map(str::trim).filter(|f| !f.is_empty()).map(String::from).collect());
            }
            "--bump" => options.bump = true,
            "--drift" => options.drift = Some(value("--drift")?.into()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if options.baseline_rev.is_some() && options.baseline_dir.is_some() {
        return Err("give --baseline REV or --baseline-dir DIR, not both".to_owned());
    }
    if options.drift.is_some() && !options.bump {
        return Err("--drift FILE goes with --bump (it feeds the changelog entry)".to_owned());
    }
    Ok(options)
}

/// `cargo xtask semver [OPTIONS]`.
pub fn run(root: &Path, args: &[&str]) -> ExitCode {
    let options = match parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "error: {message}\nusage: {}",
                crate::help::find("semver").map_or("", |command| command.synopsis)
            );
            return ExitCode::from(2);
        }
    };
    match compare_and_bump(root, &options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn compare_and_bump(root: &Path, options: &Options) -> Result<(), String> {
    let manifest = match &options.manifest {
        Some(path) if path.is_absolute() => path.clone(),
        Some(path) => std::env::current_dir().map_err(|error| error.to_string())?.join(path),
        None => root.join(DEFAULT_MANIFEST),
    };
    if !manifest.is_file() {
        return Err(format!("no crate manifest at {}", manifest.display()));
    }
    let crate_dir = manifest.parent().ok_or("the manifest has no folder")?.to_path_buf();
    let features: Vec<String> = match (&options.features, &options.manifest) {
        (Some(features), _) => features.clone(),
        (None, None) => DEFAULT_FEATURES.iter().map(|f| f.to_string()).collect(),
        (None, Some(_)) => Vec::new(),
    };
    let scratch = root.join("target/semver");
    let (baseline_manifest, baseline_name) = baseline(root, options, &manifest, &scratch)?;
    let name = tools::package_name(&manifest)?;
    println!("comparing {name} ({}) with {baseline_name}", crate_dir.display());

    let target_dir = scratch.join("target");
    // Named after the crate, so comparisons of different crates can run at once.
    let baseline_json = scratch.join(format!("{name}-baseline.json"));
    let current_json = scratch.join(format!("{name}-current.json"));
    tools::rustdoc_json(&baseline_manifest, &features, &target_dir, &baseline_json)?;
    tools::rustdoc_json(&manifest, &features, &target_dir, &current_json)?;

    let mut reasons = tools::public_api_reasons(&baseline_json, &current_json)?;
    reasons.extend(tools::semver_checks_reasons(&baseline_json, &current_json)?);
    let baseline_dir = baseline_manifest.parent().ok_or("the baseline manifest has no folder")?;
    let verdict = Verdict::of(reasons, tools::sources_differ(baseline_dir, &crate_dir)?);
    print!("{}", verdict.render());
    if options.bump {
        bump(root, &manifest, &name, &verdict, options.drift.as_deref())?;
    }
    Ok(())
}

/// The baseline crate's manifest and how to name it: the crate folder given, or the same
/// manifest path in a checkout of the revision (default `HEAD`).
fn baseline(root: &Path, options: &Options, manifest: &Path, scratch: &Path) -> Result<(PathBuf, String), String> {
    if let Some(dir) = &options.baseline_dir {
        let baseline = dir.join("Cargo.toml");
        if !baseline.is_file() {
            return Err(format!("no crate manifest at {}", baseline.display()));
        }
        return Ok((baseline, dir.display().to_string()));
    }
    let rev = options.baseline_rev.as_deref().unwrap_or("HEAD");
    let relative = manifest.strip_prefix(root).map_err(|_| {
        format!("{} is outside this repository; compare it with --baseline-dir DIR", manifest.display())
    })?;
    let (checkout, commit) = tools::checkout(root, rev, scratch)?;
    let baseline = checkout.join(relative);
    if !baseline.is_file() {
        return Err(format!("{} does not exist at {rev}", relative.display()));
    }
    Ok((baseline, format!("{rev} ({})", &commit[..12.min(commit.len())])))
}

/// Sets the crate's version for the verdict and adds the changelog entry beside the manifest.
/// Both files are written whole (a temporary file renamed over the old), the manifest last
/// after the changelog, so a failure leaves the version unbumped.
fn bump(root: &Path, manifest: &Path, name: &str, verdict: &Verdict, drift: Option<&Path>) -> Result<(), String> {
    if verdict.level == Level::None {
        println!("nothing to bump: the crate's sources are unchanged");
        return Ok(());
    }
    let drift = match drift {
        Some(path) => {
            let report =
                std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
            verdict::drift_lines(&report)
        }
        None => Vec::new(),
    };
    let text =
        std::fs::read_to_string(manifest).map_err(|error| format!("cannot read {}: {error}", manifest.display()))?;
    let (_, old) = verdict::set_package_version(&text, verdict::Version { major: 0, minor: 0, patch: 0 })?;
    let new = old.bump(verdict.level);
    let (updated, _) = verdict::set_package_version(&text, new)?;
    let changelog_path = manifest.with_file_name("CHANGELOG.md");
    let changelog = match std::fs::read_to_string(&changelog_path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(format!("cannot read {}: {error}", changelog_path.display())),
    };
    let entry = verdict::changelog_entry(name, new, verdict, &drift);
    write_whole(&changelog_path, &verdict::prepend_entry(changelog.as_deref(), &entry))?;
    write_whole(manifest, &updated)?;
    // The lockfile names the workspace's own versions; bring it along.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(root)
        .args(["update", "--quiet", "--workspace", "--manifest-path"])
        .arg(manifest)
        .status()
        .map_err(|error| format!("cannot run cargo update: {error}"))?;
    if !status.success() {
        return Err("cargo update --workspace failed after the bump".to_owned());
    }
    println!("bumped {name} {old} -> {new}; {} has the entry", changelog_path.display());
    Ok(())
}

fn write_whole(path: &Path, contents: &str) -> Result<(), String> {
    let temporary = path.with_extension("semver-tmp");
    std::fs::write(&temporary, contents).map_err(|error| format!("cannot write {}: {error}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|error| format!("cannot replace {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_and_contradictions_refused() {
        let options =
            parse(&["--baseline", "v0.1.0", "--features", "blocking, mock", "--bump", "--drift", "d.txt"]).unwrap();
        assert_eq!(
            options,
            Options {
                baseline_rev: Some("v0.1.0".into()),
                features: Some(vec!["blocking".into(), "mock".into()]),
                bump: true,
                drift: Some("d.txt".into()),
                ..Options::default()
            }
        );
        assert_eq!(
            parse(&["--baseline", "HEAD", "--baseline-dir", "x"]).unwrap_err(),
            "give --baseline REV or --baseline-dir DIR, not both"
        );
        assert_eq!(
            parse(&["--drift", "d.txt"]).unwrap_err(),
            "--drift FILE goes with --bump (it feeds the changelog entry)"
        );
        assert_eq!(parse(&["--baseline"]).unwrap_err(), "--baseline needs a value");
        assert_eq!(parse(&["--major"]).unwrap_err(), "unexpected argument `--major`");
    }
}
