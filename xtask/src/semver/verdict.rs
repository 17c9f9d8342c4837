//! The verdict of `cargo xtask semver`: the bump a change of public API calls for, with its
//! reasons, the next version, and the `CHANGELOG.md` entry that records it.

use std::fmt;

/// How far a regeneration moves the crate's version. Ordered: the verdict is the largest level
/// any reason asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The crate's sources are byte-identical.
    None,
    /// The sources changed (docs, bodies) but no public item did.
    Patch,
    /// Public items were added and nothing a caller may rely on changed.
    Minor,
    /// A public item was removed or changed, or a lint found a breaking change.
    Major,
}

impl Level {
    /// The word `cargo-semver-checks` and changelogs use.
    pub fn word(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// One reason for a level: which tool saw what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub level: Level,
    pub text: String,
}

/// The levels and reasons of one comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub level: Level,
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// The verdict of these reasons; `sources_changed` decides between none and patch when no
    /// reason is given.
    pub fn of(mut reasons: Vec<Reason>, sources_changed: bool) -> Verdict {
        let floor = if sources_changed { Level::Patch } else { Level::None };
        reasons.sort_by(|a, b| b.level.cmp(&a.level).then_with(|| a.text.cmp(&b.text)));
        reasons.dedup();
        let level = reasons.iter().map(|reason| reason.level).max().unwrap_or(floor).max(floor);
        Verdict { level, reasons }
    }

    /// What the command prints: the verdict line, then one line per reason.
    pub fn render(&self) -> String {
        let mut out = format!("semver verdict: {}\n", self.level);
        if self.reasons.is_empty() {
            let why = match self.level {
                Level::None => "the crate's sources are unchanged",
                _ => "the sources changed, no public item did",
            };
            out.push_str(&format!("  ({why})\n"));
        }
        for reason in &self.reasons {
            out.push_str(&format!("  {:<5}  {}\n", reason.level.word(), reason.text));
        }
        out
    }
}

/// A `MAJOR.MINOR.PATCH` version (pre-release and build tags are refused: the generated crates
/// never carry them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(text: &str) -> Result<Version, String> {
        let parts: Vec<&str> = text.split('.').collect();
        let numbers: Option<Vec<u64>> = parts.iter().map(|part| part.parse().ok()).collect();
        match numbers.as_deref() {
            Some(&[major, minor, patch]) => Ok(Version { major, minor, patch }),
            _ => Err(format!("version `{text}` is not MAJOR.MINOR.PATCH")),
        }
    }

    /// The next version for a change of `level`, by Cargo's rules: below 1.0 the minor number
    /// is the breaking one, so a major change bumps it and a minor change bumps the patch.
    pub fn bump(self, level: Level) -> Version {
        let Version { major, minor, patch } = self;
        match (level, major) {
            (Level::None, _) => self,
            (Level::Major, 0) => Version { major, minor: minor + 1, patch: 0 },
            (Level::Major, _) => Version { major: major + 1, minor: 0, patch: 0 },
            (Level::Minor, 0) | (Level::Patch, _) => Version { major, minor, patch: patch + 1 },
            (Level::Minor, _) => Version { major, minor: minor + 1, patch: 0 },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// `manifest` with the `version` of its `[package]` table set to `version`, or an error when
/// that key is missing or inherited from the workspace (then the bump belongs elsewhere).
pub fn set_package_version(manifest: &str, version: Version) -> Result<(String, Version), String> {
    let mut in_package = false;
    let mut out = String::with_capacity(manifest.len());
    let mut old = None;
    for line in manifest.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
        }
        let value = trimmed.strip_prefix("version").map(str::trim_start).and_then(|rest| rest.strip_prefix('='));
        match value {
            Some(value) if in_package && old.is_none() => {
                let quoted = value.trim();
                let Some(current) = quoted.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) else {
                    return Err(format!("`[package] version = {quoted}` is not a plain version string"));
                };
                old = Some(Version::parse(current)?);
                let ending = if line.ends_with('\n') { "\n" } else { "" };
                out.push_str(&format!("version = \"{version}\"{ending}"));
            }
            _ => out.push_str(line),
        }
    }
    old.map(|old| (out, old)).ok_or_else(|| "the manifest has no `version = \"..\"` in `[package]`".to_owned())
}

/// The docs changes behind a regeneration, as `cargo xtask import --check` printed them: the
/// drift lines, without the per-page "matches" lines and the closing advice.
pub fn drift_lines(report: &str) -> Vec<String> {
    report
        .lines()
        .filter(|line| !line.trim().is_empty())
        .filter(|line| !line.contains("` matches "))
        .filter(|line| !line.starts_with("drift in ") && !line.starts_with("no drift"))
        .map(|line| line.trim_end().to_owned())
        .collect()
}

/// The `CHANGELOG.md` section of one release: version, level, the API changes and the docs
/// changes behind them.
pub fn changelog_entry(crate_name: &str, version: Version, verdict: &Verdict, drift: &[String]) -> String {
    let mut out = format!("## {crate_name} {version}\n\nSemver: {} change.\n", verdict.level);
    if !verdict.reasons.is_empty() {
        out.push_str("\nAPI changes:\n\n");
        for reason in &verdict.reasons {
            out.push_str(&format!("- {}: `{}`\n", reason.level, reason.text.replace('`', "'")));
        }
    }
    if !drift.is_empty() {
        out.push_str("\nDocs changes behind them (`cargo xtask import --check`):\n\n```text\n");
        for line in drift {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("```\n");
    }
    out
}

/// `changelog` (or a new one) with `entry` as its newest section, below the title.
pub fn prepend_entry(changelog: Option<&str>, entry: &str) -> String {
    const TITLE: &str = "# Changelog\n";
    let body = changelog.unwrap_or(TITLE);
    match body.strip_prefix(TITLE) {
        Some(rest) => format!(
            "{TITLE}\n{entry}{}",
            if rest.trim().is_empty() { String::new() } else { format!("\n{}", rest.trim_start()) }
        ),
        None => format!("{TITLE}\n{entry}\n{body}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(level: Level, text: &str) -> Reason {
        Reason { level, text: text.to_owned() }
    }

    #[test]
    fn the_verdict_is_the_largest_level_of_its_reasons() {
        let verdict = Verdict::of(vec![reason(Level::Minor, "added a"), reason(Level::Major, "removed b")], true);
        assert_eq!(verdict.level, Level::Major);
        assert_eq!(verdict.render(), "semver verdict: major\n  major  removed b\n  minor  added a\n");
        assert_eq!(Verdict::of(vec![], true).level, Level::Patch);
        assert_eq!(Verdict::of(vec![], false).level, Level::None);
    }

    #[test]
    fn versions_bump_by_cargo_rules() {
        let zero = Version::parse("0.3.4").unwrap();
        assert_eq!(zero.bump(Level::Major).to_string(), "0.4.0");
        assert_eq!(zero.bump(Level::Minor).to_string(), "0.3.5");
        assert_eq!(zero.bump(Level::Patch).to_string(), "0.3.5");
        assert_eq!(zero.bump(Level::None).to_string(), "0.3.4");
        let one = Version::parse("1.2.3").unwrap();
        assert_eq!(one.bump(Level::Major).to_string(), "2.0.0");
        assert_eq!(one.bump(Level::Minor).to_string(), "1.3.0");
        assert_eq!(one.bump(Level::Patch).to_string(), "1.2.4");
        assert_eq!(Version::parse("1.2").unwrap_err(), "version `1.2` is not MAJOR.MINOR.PATCH");
        assert_eq!(Version::parse("1.2.3-rc.1").unwrap_err(), "version `1.2.3-rc.1` is not MAJOR.MINOR.PATCH");
    }

    #[test]
    fn only_the_package_version_is_set() {
        let manifest = "[package]\nname = \"usercom\"\nversion = \"0.1.0\"\n\n[dependencies]\nx = { version = \"1\" }\nversion = \"9.9.9\"\n";
        let (out, old) = set_package_version(manifest, Version::parse("0.2.0").unwrap()).unwrap();
        assert_eq!(old.to_string(), "0.1.0");
        assert_eq!(out, manifest.replacen("0.1.0", "0.2.0", 1));
        let inherited = "[package]\nname = \"x\"\nversion.workspace = true\n";
        assert_eq!(
            set_package_version(inherited, Version::parse("0.2.0").unwrap()).unwrap_err(),
            "the manifest has no `version = \"..\"` in `[package]`"
        );
    }

    #[test]
    fn the_changelog_names_the_api_and_the_docs_changes() {
        let verdict = Verdict::of(vec![reason(Level::Minor, "pub fn usercom::Client::list_tags(&self)")], true);
        let drift = drift_lines(
            "snapshot/a.md: `a` matches schema/a.yaml\nsnapshot/tags.md: new endpoint `list_tags` (GET /tags/)\ndrift in 1 of 2 pages; re-import\n",
        );
        assert_eq!(drift, ["snapshot/tags.md: new endpoint `list_tags` (GET /tags/)"]);
        let entry = changelog_entry("usercom", Version::parse("0.1.1").unwrap(), &verdict, &drift);
        assert_eq!(
            entry,
            "## usercom 0.1.1\n\nSemver: minor change.\n\nAPI changes:\n\n- minor: `pub fn usercom::Client::list_tags(&self)`\n\n\
             Docs changes behind them (`cargo xtask import --check`):\n\n```text\nsnapshot/tags.md: new endpoint `list_tags` (GET /tags/)\n```\n"
        );
        let first = prepend_entry(None, "## x 0.1.1\n");
        assert_eq!(first, "# Changelog\n\n## x 0.1.1\n");
        assert_eq!(prepend_entry(Some(&first), "## x 0.2.0\n"), "# Changelog\n\n## x 0.2.0\n\n## x 0.1.1\n");
    }
}
