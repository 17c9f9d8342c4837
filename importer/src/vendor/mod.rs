//! `cargo xtask import --pages DIR --schema OUT`: a vendor's docs pages (any layout the readers
//! know) as a whole new schema folder, or, over an existing folder, the drift between the two;
//! and `import --stats DIR`, the per-vendor table over a folder of vendors. Read (`read`) →
//! convert (`schema`) → write or drift, as for the snapshot.

mod api;
pub mod fields;
mod names;
pub mod schema;
pub mod types;
mod urls;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use codegen::__stages::schema::Endpoint;
use codegen::SourceFile;

use crate::drift::{self, Identity};
use crate::read::{self, conventions::Settings};

/// The file of a pages folder that holds its vendor's settings, if it has one.
pub const SETTINGS_FILE: &str = "apigen-import.yaml";

/// The options of `--pages` and `--stats`.
#[derive(Debug, Default)]
pub struct PagesOptions {
    /// `--pages DIR`: the vendor's pages.
    pub pages: Option<PathBuf>,
    /// `--schema OUT`: the schema folder to write or check.
    pub schema: Option<PathBuf>,
    /// `--stats DIR`: a folder of vendor folders to tabulate.
    pub stats: Option<PathBuf>,
    /// `--settings FILE`: the vendor's settings instead of the pages folder's own.
    pub settings: Option<PathBuf>,
    /// `--no-settings`: defaults only.
    pub no_settings: bool,
    /// `--strict`: every warning fails the run.
    pub strict: bool,
    /// `--check`: report the drift against `OUT`, write nothing.
    pub check: bool,
}

/// One vendor, read and converted.
pub struct Imported {
    /// The schema files, notes and counts.
    pub converted: schema::Converted,
    /// The schema folder's files, for the generator.
    pub sources: Vec<SourceFile>,
}

/// Reads a pages folder with its settings and converts it.
pub fn import_dir(dir: &Path, settings: &Settings) -> Result<Imported, String> {
    let pages = read::read_pages(dir, settings)?;
    let folder = dir
        .canonicalize()
        .ok()
        .and_then(|dir| dir.file_name().map(|name| name.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Vendor".into());
    let converted = schema::convert(&pages, settings, &folder);
    let sources = converted
        .files
        .iter()
        .map(|file| SourceFile {
            name: format!("schema/{}", file.path),
            relative: file.path.clone(),
            text: file.text.clone(),
        })
        .collect();
    Ok(Imported { converted, sources })
}

/// The settings for a pages folder: `--settings FILE`, else the folder's own file, else none.
pub fn settings_for(dir: &Path, explicit: Option<&Path>, none: bool) -> Result<Settings, String> {
    if none {
        return Ok(Settings::default());
    }
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let own = dir.join(SETTINGS_FILE);
            if !own.exists() {
                return Ok(Settings::default());
            }
            own
        }
    };
    let text = fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    Settings::parse(&text, &path.display().to_string())
}

/// Runs `--pages` or `--stats`. Returns the exit code.
pub fn run(options: &PagesOptions, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Some(dir) = &options.stats {
        return stats(dir, options, out, err);
    }
    let (Some(dir), Some(target)) = (&options.pages, &options.schema) else {
        let _ = writeln!(err, "error: `--pages DIR` goes with `--schema OUT`");
        return 2;
    };
    let settings = match settings_for(dir, options.settings.as_deref(), options.no_settings) {
        Ok(settings) => settings,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 1;
        }
    };
    let imported = match import_dir(dir, &settings) {
        Ok(imported) => imported,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 1;
        }
    };
    let converted = &imported.converted;
    for note in &converted.notes {
        let _ = writeln!(err, "warning: {}/{note}", dir.display().to_string().trim_end_matches('/'));
    }
    let _ = writeln!(
        err,
        "{} endpoints, {} rows read, {} rows warned, {} warnings",
        converted.endpoints,
        converted.rows_read,
        converted.rows_warned,
        converted.notes.len()
    );
    if let Err(error) = codegen::__stages::lower_sources(imported.sources.clone()) {
        let _ = writeln!(err, "error: the generator refuses the imported schema (an importer bug):\n{error}");
        return 1;
    }
    let strict_failed = options.strict && !converted.notes.is_empty();
    if target.exists() {
        let code = drift_against(target, &imported, out, err);
        if code != 0 || options.check {
            return code.max(u8::from(strict_failed));
        }
    } else if options.check {
        let _ = writeln!(err, "error: `{}` does not exist: nothing to check against", target.display());
        return 1;
    }
    if strict_failed {
        let _ = writeln!(err, "error: `--strict`: {} warnings", converted.notes.len());
        return 1;
    }
    if target.exists() {
        return 0;
    }
    match write_folder(target, &converted.files) {
        Ok(()) => {
            let _ = writeln!(out, "wrote {} files to {}", converted.files.len(), target.display());
            0
        }
        Err(error) => {
            let _ = writeln!(err, "error: {}: {error}", target.display());
            1
        }
    }
}

/// Writes a new schema folder: into a temporary folder beside it, renamed into place, so a
/// failure leaves nothing half-written.
fn write_folder(target: &Path, files: &[schema::SchemaText]) -> std::io::Result<()> {
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = parent.join(format!(".{name}.import{}", std::process::id()));
    let result = (|| {
        for file in files {
            let path = temporary.join(&file.path);
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder)?;
            }
            fs::write(&path, &file.text)?;
        }
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&temporary);
    }
    result
}

/// The drift between the imported schema and an existing folder, endpoint by endpoint (by
/// identity): exit 1 on any.
fn drift_against(target: &Path, imported: &Imported, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let label = target.display().to_string();
    let existing = match codegen::__stages::load::read_dir(target, &label) {
        Ok(files) => files,
        Err(diagnostics) => {
            let _ = writeln!(err, "error: {label}: {} problems reading the folder", diagnostics.len());
            return 1;
        }
    };
    let old = endpoints_of(&existing);
    let new = endpoints_of(&imported.sources);
    let mut lines = Vec::new();
    for (identity, (name, endpoint)) in &new {
        match old.get(identity) {
            Some((old_name, old_endpoint)) => {
                for line in drift::diff(old_endpoint, endpoint) {
                    lines.push(format!("{old_name}: {line}"));
                }
            }
            None => lines.push(format!("+ endpoint {name} ({})", identity.route())),
        }
    }
    for (identity, (name, _)) in &old {
        if !new.contains_key(identity) {
            lines.push(format!("- endpoint {name} ({})", identity.route()));
        }
    }
    for line in &lines {
        let _ = writeln!(out, "{line}");
    }
    if lines.is_empty() {
        let _ = writeln!(out, "{label}: no drift");
        0
    } else {
        let _ = writeln!(out, "{label}: {} drift lines", lines.len());
        1
    }
}

/// Every endpoint of some schema files, by identity (route and required query keys).
fn endpoints_of(files: &[SourceFile]) -> BTreeMap<IdentityKey, (String, Endpoint)> {
    let mut all = BTreeMap::new();
    for file in files {
        let Ok(parsed) = codegen::__stages::load::parse(file) else { continue };
        for (name, endpoint) in parsed.endpoints.0 {
            all.insert(IdentityKey(Identity::of(&endpoint)), (name, endpoint));
        }
    }
    all
}

/// An identity as a map key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IdentityKey(Identity);

impl IdentityKey {
    fn route(&self) -> String {
        self.0.route()
    }
}

impl PartialOrd for IdentityKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IdentityKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.0.method, &self.0.path, &self.0.query).cmp(&(&other.0.method, &other.0.path, &other.0.query))
    }
}

/// One line of the per-vendor table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorStats {
    /// The vendor's folder name.
    pub vendor: String,
    /// Endpoints imported.
    pub endpoints: usize,
    /// Rows that became fields or parameters.
    pub rows_read: usize,
    /// Rows reported instead of imported.
    pub rows_warned: usize,
    /// Warnings of the import.
    pub warnings: usize,
    /// The generator accepts the imported folder.
    pub accepted: bool,
}

/// The stats of one vendor folder.
pub fn vendor_stats(dir: &Path, no_settings: bool) -> Result<VendorStats, String> {
    let settings = settings_for(dir, None, no_settings)?;
    let imported = import_dir(dir, &settings)?;
    let converted = &imported.converted;
    Ok(VendorStats {
        vendor: dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        endpoints: converted.endpoints,
        rows_read: converted.rows_read,
        rows_warned: converted.rows_warned,
        warnings: converted.notes.len(),
        accepted: codegen::__stages::lower_sources(imported.sources.clone()).is_ok(),
    })
}

/// The table's text.
pub fn stats_table(rows: &[VendorStats]) -> String {
    let mut text = String::from(
        "| vendor | endpoints | rows read | rows warned | warnings | accepted |\n|---|---:|---:|---:|---:|---|\n",
    );
    let mut total = (0, 0, 0, 0, 0);
    for row in rows {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            row.vendor,
            row.endpoints,
            row.rows_read,
            row.rows_warned,
            row.warnings,
            if row.accepted { "yes" } else { "no" }
        ));
        total = (
            total.0 + row.endpoints,
            total.1 + row.rows_read,
            total.2 + row.rows_warned,
            total.3 + row.warnings,
            total.4 + usize::from(row.accepted),
        );
    }
    text.push_str(&format!(
        "| **{} vendors** | {} | {} | {} | {} | {}/{} |\n",
        rows.len(),
        total.0,
        total.1,
        total.2,
        total.3,
        total.4,
        rows.len()
    ));
    text
}

fn stats(dir: &Path, options: &PagesOptions, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut vendors: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect(),
        Err(error) => {
            let _ = writeln!(err, "error: {}: {error}", dir.display());
            return 1;
        }
    };
    vendors.sort();
    let mut rows = Vec::new();
    let mut failed = false;
    for vendor in vendors {
        match vendor_stats(&vendor, options.no_settings) {
            Ok(row) => rows.push(row),
            Err(message) => {
                let _ = writeln!(err, "error: {message}");
                failed = true;
            }
        }
    }
    let _ = write!(out, "{}", stats_table(&rows));
    u8::from(failed || rows.iter().any(|row| !row.accepted))
}
