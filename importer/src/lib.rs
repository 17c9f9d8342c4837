//! The docs importer behind `cargo xtask import`: reads docs pages in the vendor's published form and writes the schema
//! YAML for each endpoint (to stdout, or below `--out DIR`), applying the maintainer's overrides;
//! `--check` instead compares each page with `schema/` and prints the drift. This module owns the
//! command line, files and messages; reading pages (`page`, `json`), deciding the schema
//! (`convert`), writing YAML (`yaml`) and comparing (`drift`) live in the submodules.

mod convert;
mod drift;
mod json;
mod overrides;
mod page;
#[cfg(test)]
mod tests;
mod types;
mod yaml;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::SourceFile;
use codegen::schema::{Endpoint, SchemaFile};

use convert::{Context, Imported, KnownModel, Message};
use overrides::Overrides;

pub const USAGE: &str =
    "usage: cargo xtask import [--check] [--out DIR] [--schema DIR] [--overrides FILE] [--force] PAGE...";

/// Where the overrides live unless `--overrides` says otherwise, relative to the repository.
pub const DEFAULT_OVERRIDES: &str = "import/overrides.yaml";

/// The line of an imported file that carries the hash of the rest.
const HASH_PREFIX: &str = "# import-hash: ";

/// Runs the command for `cargo xtask import ARGS` in the repository at `root`.
pub fn run(root: &Path, args: &[&str]) -> ExitCode {
    let code = run_in(root, args, &mut io::stdout().lock(), &mut io::stderr().lock());
    ExitCode::from(code)
}

/// The command, with the repository root and the output streams given (tests pass buffers).
/// Returns the exit code: 0 done, 1 errors or drift, 2 bad usage.
pub fn run_in(root: &Path, args: &[&str], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            let _ = writeln!(err, "error: {message}\n{USAGE}");
            return 2;
        }
    };
    let session = match Session::open(root, &options) {
        Ok(session) => session,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return 1;
        }
    };
    let result = if options.check { session.check(&options, out, err) } else { session.import(&options, out, err) };
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            1
        }
    }
}

/// The parsed command line.
#[derive(Debug, Default, PartialEq, Eq)]
struct Options {
    check: bool,
    force: bool,
    out: Option<PathBuf>,
    schema: Option<PathBuf>,
    overrides: Option<PathBuf>,
    pages: Vec<PathBuf>,
}

impl Options {
    fn parse(args: &[&str]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            let mut value =
                |flag: &str| args.next().map(PathBuf::from).ok_or_else(|| format!("`{flag}` needs a value"));
            match arg {
                "--check" => options.check = true,
                "--force" => options.force = true,
                "--out" => options.out = Some(value(arg)?),
                "--schema" => options.schema = Some(value(arg)?),
                "--overrides" => options.overrides = Some(value(arg)?),
                flag if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option `{flag}`")),
                page => options.pages.push(PathBuf::from(page)),
            }
        }
        if options.pages.is_empty() {
            return Err("no page given".into());
        }
        if options.check && (options.out.is_some() || options.force) {
            return Err("`--check` writes nothing; it takes no `--out` or `--force`".into());
        }
        Ok(options)
    }
}

/// A schema file and, when it parses, its contents.
struct Indexed {
    file: SourceFile,
    parsed: Option<SchemaFile>,
}

/// What every page of one run shares: the schema folder, read once, and the overrides.
struct Session {
    schema_label: String,
    index: Vec<Indexed>,
    /// Why the schema could not be read, if it could not.
    schema_problem: Option<String>,
    overrides: Overrides,
    overrides_label: String,
}

/// One page, imported.
struct Done {
    imported: Imported,
    /// The file below the schema folder.
    relative: String,
    text: String,
}

impl Session {
    fn open(root: &Path, options: &Options) -> Result<Session, String> {
        let (schema_dir, schema_label) = match &options.schema {
            Some(dir) => (dir.clone(), dir.display().to_string().trim_end_matches('/').to_owned()),
            None => (root.join("schema"), "schema".to_owned()),
        };
        let (overrides_path, overrides_label) = match &options.overrides {
            Some(path) => (path.clone(), path.display().to_string()),
            None => (root.join(DEFAULT_OVERRIDES), DEFAULT_OVERRIDES.to_owned()),
        };
        let overrides = match fs::read_to_string(&overrides_path) {
            Ok(text) => Overrides::parse(&text, &overrides_label)?,
            Err(error) if error.kind() == io::ErrorKind::NotFound && options.overrides.is_none() => {
                Overrides::default()
            }
            Err(error) => return Err(format!("{overrides_label}: {error}")),
        };
        let (index, schema_problem) = match codegen::load::read_dir(&schema_dir, &schema_label) {
            Ok(files) => {
                let index = files
                    .into_iter()
                    .map(|file| {
                        let parsed = codegen::load::parse(&file).ok();
                        Indexed { file, parsed }
                    })
                    .collect();
                (index, None)
            }
            Err(diagnostics) => {
                let first = diagnostics.0.first().map_or_else(String::new, ToString::to_string);
                (Vec::new(), Some(first))
            }
        };
        Ok(Session { schema_label, index, schema_problem, overrides, overrides_label })
    }

    /// The schema file (index position) that declares an endpoint, and the endpoint.
    fn find_endpoint(&self, name: &str) -> Option<(usize, &Endpoint)> {
        self.index.iter().enumerate().find_map(|(at, indexed)| {
            let parsed = indexed.parsed.as_ref()?;
            parsed.endpoints.iter().find(|(key, _)| *key == name).map(|(_, endpoint)| (at, endpoint))
        })
    }

    /// An endpoint of the schema with this method and path.
    fn find_by_route(&self, method: &str, path: &str) -> Option<(usize, &str, &Endpoint)> {
        self.index.iter().enumerate().find_map(|(at, indexed)| {
            let parsed = indexed.parsed.as_ref()?;
            parsed
                .endpoints
                .iter()
                .find(|(_, endpoint)| endpoint.method.eq_ignore_ascii_case(method) && endpoint.path == path)
                .map(|(name, endpoint)| (at, name, endpoint))
        })
    }

    /// Models of every schema file except `skip` (the file the import replaces).
    fn known_models(&self, skip: &str) -> Vec<KnownModel> {
        let mut models = Vec::new();
        for indexed in self.index.iter().filter(|indexed| indexed.file.relative != skip) {
            let Some(parsed) = &indexed.parsed else { continue };
            for (name, model) in parsed.models.iter() {
                models.push(KnownModel {
                    name: name.to_owned(),
                    fields: model.fields.iter().map(|(field, _)| field.to_owned()).collect(),
                    required: model
                        .fields
                        .iter()
                        .filter(|(_, f)| f.required.0)
                        .map(|(field, _)| field.to_owned())
                        .collect(),
                });
            }
        }
        models
    }

    /// Reads, converts and (against the schema) validates one page.
    fn import_page(&self, path: &Path, prefer_response: Option<&str>) -> Result<Done, Vec<Message>> {
        let bytes =
            fs::read(path).map_err(|error| vec![Message { line: None, text: error.to_string(), help: None }])?;
        let page = page::parse(&bytes)
            .map_err(|error| vec![Message { line: Some(error.line), text: error.message, help: None }])?;
        let page_name = codegen::names::snake_ident(&page.title.value).unwrap_or_default();
        let route = format!("{} {}", page.method.value, page.path.value.split('?').next().unwrap_or(""));
        let found = self.overrides.find(&route, &page_name);
        let page_overrides = found.map(|(_, page)| page);
        let name = page_overrides.and_then(|ov| ov.name.clone()).unwrap_or_else(|| page_name.clone());
        let relative = match self.find_endpoint(&name) {
            Some((at, _)) => self.index[at].file.relative.clone(),
            None => match page_overrides.and_then(|ov| ov.file.clone()) {
                Some(file) => {
                    check_relative(&file).map_err(|text| vec![Message { line: None, text, help: None }])?;
                    file
                }
                None => {
                    let path = page_overrides.and_then(|ov| ov.path.clone()).unwrap_or_else(|| page.path.value.clone());
                    format!("{}/{name}.yaml", convert::group_of(path.split('?').next().unwrap_or("")))
                }
            },
        };
        let models = self.known_models(&relative);
        let context = Context {
            overrides: page_overrides,
            overrides_key: found.map(|(key, _)| key),
            overrides_label: &self.overrides_label,
            models: &models,
            prefer_response,
        };
        let imported = convert::convert(&page, &context)?;
        let text = file_text(&imported);
        Ok(Done { imported, relative, text })
    }

    /// The generator's complaints about an imported file, read together with the rest of the
    /// schema (`None` when it has none, or there is no schema to check against).
    fn validate(&self, relative: &str, text: &str) -> Option<String> {
        if self.index.is_empty() {
            return None;
        }
        let name = format!("{}/{relative}", self.schema_label);
        let mut sources: Vec<SourceFile> = self
            .index
            .iter()
            .filter(|indexed| indexed.file.relative != relative)
            .map(|indexed| indexed.file.clone())
            .collect();
        sources.push(SourceFile { name: name.clone(), relative: relative.to_owned(), text: text.to_owned() });
        let Err(mut error) = codegen::lower_sources(sources) else { return None };
        error.diagnostics.0.retain(|diagnostic| diagnostic.file == name);
        (!error.diagnostics.is_empty()).then(|| error.render(false))
    }

    fn import(&self, options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
        if let Some(problem) = &self.schema_problem {
            writeln!(err, "warning: cannot read the schema ({problem}); no model is matched and nothing is validated")?;
        }
        let mut failed = 0;
        let mut warnings = 0;
        let mut printed = 0;
        let mut targets: Vec<String> = Vec::new();
        for page_path in &options.pages {
            let label = page_path.display().to_string();
            let done = match self.import_page(page_path, None) {
                Ok(done) => done,
                Err(errors) => {
                    report(err, "error", &label, &errors)?;
                    writeln!(err, "{label}: not imported")?;
                    failed += 1;
                    continue;
                }
            };
            warnings += done.imported.warnings.len();
            report(err, "warning", &label, &done.imported.warnings)?;
            if let Some(rendered) = self.validate(&done.relative, &done.text) {
                write!(err, "{rendered}")?;
                writeln!(err, "{label}: the generator rejects the imported schema; not written")?;
                failed += 1;
                continue;
            }
            if targets.contains(&done.relative) {
                writeln!(
                    err,
                    "error: {label}: another page of this run also imports to {}; not written",
                    done.relative
                )?;
                failed += 1;
                continue;
            }
            targets.push(done.relative.clone());
            match &options.out {
                None => {
                    if options.pages.len() > 1 {
                        writeln!(
                            out,
                            "{}# ==> {}/{} <==",
                            if printed > 0 { "\n" } else { "" },
                            self.schema_label,
                            done.relative
                        )?;
                    }
                    write!(out, "{}", done.text)?;
                    printed += 1;
                }
                Some(dir) => {
                    let target = dir.join(&done.relative);
                    let shown = format!("{}/{}", dir.display().to_string().trim_end_matches('/'), done.relative);
                    match write_target(&target, &done, options.force) {
                        Ok(status) => writeln!(out, "{status:<9} {shown}")?,
                        Err(refusal) => {
                            writeln!(err, "error: {shown}: {refusal}")?;
                            failed += 1;
                        }
                    }
                }
            }
        }
        let pages = options.pages.len();
        writeln!(
            err,
            "{} of {pages} page{} imported, {warnings} warning{}",
            pages - failed,
            plural(pages),
            plural(warnings)
        )?;
        Ok(if failed > 0 { 1 } else { 0 })
    }

    fn check(&self, options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
        if let Some(problem) = &self.schema_problem {
            writeln!(err, "error: cannot read the schema: {problem}")?;
            return Ok(1);
        }
        let mut drifted = 0;
        let mut failed = 0;
        for page_path in &options.pages {
            let label = page_path.display().to_string();
            // A first pass finds the endpoint, so the schema's response type can be kept.
            let first = self.import_page(page_path, None);
            let name = match &first {
                Ok(done) => done.imported.name.clone(),
                Err(errors) => {
                    report(err, "error", &label, errors)?;
                    failed += 1;
                    continue;
                }
            };
            let mut found = self.find_endpoint(&name).map(|(at, endpoint)| (at, name.clone(), endpoint));
            let mut how = "";
            if found.is_none() {
                if let Ok(done) = &first {
                    let new = parse_endpoint(&done.text);
                    if let Some((at, other, endpoint)) =
                        new.as_ref().and_then(|new| self.find_by_route(&new.method, &new.path))
                    {
                        found = Some((at, other.to_owned(), endpoint));
                        how = " (found by method and path; `name:` in the overrides would match it by name)";
                    }
                }
            }
            let Some((at, schema_name, old)) = found else {
                writeln!(out, "{label}: `{name}` is not in {}/ (a new endpoint)", self.schema_label)?;
                drifted += 1;
                continue;
            };
            let done = match self.import_page(page_path, old.response.as_deref()) {
                Ok(done) => done,
                Err(errors) => {
                    report(err, "error", &label, &errors)?;
                    failed += 1;
                    continue;
                }
            };
            let Some(new) = parse_endpoint(&done.text) else {
                writeln!(err, "error: {label}: the imported YAML does not read back (a bug in import)")?;
                failed += 1;
                continue;
            };
            let mut lines = drift::diff(old, &new);
            let response = old.response.as_deref().unwrap_or("none").trim();
            let model = ["page(", "list("]
                .iter()
                .find_map(|wrapper| response.strip_prefix(wrapper).and_then(|rest| rest.strip_suffix(')')))
                .unwrap_or(response);
            for key in &done.imported.unmodelled_response_keys {
                lines.push(format!("+ response.{key}: in the docs' response example, not a field of `{model}`"));
            }
            let file = &self.index[at].file.name;
            if lines.is_empty() {
                writeln!(out, "{label}: `{schema_name}` matches {file}{how}")?;
            } else {
                drifted += 1;
                writeln!(out, "{label}: `{schema_name}` differs from {file}{how}")?;
                for line in &lines {
                    writeln!(out, "  {line}")?;
                }
            }
        }
        let pages = options.pages.len();
        if drifted + failed == 0 {
            writeln!(
                out,
                "no drift: {pages} page{} match{} {}/",
                plural(pages),
                if pages == 1 { "es" } else { "" },
                self.schema_label
            )?;
            Ok(0)
        } else {
            writeln!(
                out,
                "drift in {drifted} of {pages} page{}{}; re-import them (`cargo xtask import --out {} PAGE`) or record the decision in {}",
                plural(pages),
                if failed > 0 { format!(", {failed} not read") } else { String::new() },
                self.schema_label,
                self.overrides_label
            )?;
            Ok(1)
        }
    }
}

/// The one endpoint of an imported file.
fn parse_endpoint(text: &str) -> Option<Endpoint> {
    let file = SourceFile { name: "imported".into(), relative: "imported.yaml".into(), text: text.to_owned() };
    codegen::load::parse(&file).ok()?.endpoints.0.into_iter().next().map(|(_, endpoint)| endpoint)
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A file name below the schema folder: relative, no `..`, ending in `.yaml`.
fn check_relative(file: &str) -> Result<(), String> {
    let ok = file.ends_with(".yaml")
        && !file.starts_with('/')
        && file.split('/').all(|part| !part.is_empty() && part != ".." && part != ".");
    if ok { Ok(()) } else { Err(format!("the overrides' `file: {file}` must be a relative `.yaml` path without `..`")) }
}

/// Prints messages in the style of the generator's reports.
fn report(err: &mut dyn Write, kind: &str, label: &str, messages: &[Message]) -> io::Result<()> {
    for message in messages {
        writeln!(err, "{kind}: {}", message.text)?;
        match message.line {
            Some(line) => writeln!(err, "  --> {label}:{line}")?,
            None => writeln!(err, "  --> {label}")?,
        }
        if let Some(help) = &message.help {
            let mut lines = help.lines();
            writeln!(err, "  = help: {}", lines.next().unwrap_or(""))?;
            for line in lines {
                writeln!(err, "          {line}")?;
            }
        }
    }
    Ok(())
}

/// The imported file: a header naming the command and the overrides, a hash of the rest (so a
/// re-import can tell its own output from a hand edit), then the schema.
fn file_text(imported: &Imported) -> String {
    let body = yaml::write(&imported.tree);
    let intro = format!(
        "Imported from the \"{}\" docs page by `cargo xtask import`. Keep hand decisions in {DEFAULT_OVERRIDES} \
         (under `{}`), which every re-import applies: after a hand edit here, re-import refuses to overwrite this file.",
        imported.title, imported.overrides_key
    );
    let mut text = String::new();
    for line in yaml::wrap(&intro, yaml::WIDTH - 2) {
        text.push_str(&format!("# {line}\n"));
    }
    text.push_str(&format!("{HASH_PREFIX}{:016x}\n", fnv1a(body.as_bytes())));
    text.push_str(&body);
    text
}

/// Whether a file is import output nobody has edited since: its hash line matches the rest.
fn is_pristine(text: &str) -> bool {
    let Some(at) = text.find(HASH_PREFIX) else { return false };
    let after = &text[at + HASH_PREFIX.len()..];
    let Some((hash, body)) = after.split_once('\n') else { return false };
    hash.trim() == format!("{:016x}", fnv1a(body.as_bytes()))
}

/// FNV-1a, 64 bits: enough to notice an edit, no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Writes an imported file unless that would lose a hand edit. Returns what happened.
fn write_target(target: &Path, done: &Done, force: bool) -> Result<&'static str, String> {
    let existing = match fs::read_to_string(target) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error.to_string()),
    };
    let status = match &existing {
        None => "wrote",
        Some(text) if *text == done.text => return Ok("unchanged"),
        Some(text) if is_pristine(text) => "updated",
        Some(text) => {
            let file = SourceFile { name: target.display().to_string(), relative: String::new(), text: text.clone() };
            let parsed = codegen::load::parse(&file).ok();
            let parsed = parsed.as_ref();
            let holds_more = parsed.is_some_and(|parsed| {
                parsed.endpoints.0.len() > 1
                    || !parsed.models.is_empty()
                    || !parsed.enums.is_empty()
                    || parsed.api.is_some()
            });
            if holds_more {
                return Err(format!(
                    "the file holds more than the `{}` endpoint; import writes whole files, so it is left alone \
                     (give the endpoint its own file, or set `file:` in the overrides)",
                    done.imported.name
                ));
            }
            let old = parsed.and_then(|parsed| {
                parsed.endpoints.iter().find(|(name, _)| *name == done.imported.name).map(|(_, e)| e)
            });
            let new = parse_endpoint(&done.text);
            let drift = match (old, &new) {
                (Some(old), Some(new)) => drift::diff(old, new),
                _ => vec!["the file does not hold this endpoint".to_owned()],
            };
            if drift.is_empty() {
                return Ok("kept");
            }
            if !force {
                return Err(format!(
                    "edited by hand (or not written by import), and the page differs:\n  {}\nnot overwritten: move the hand decisions into the overrides, or pass `--force`",
                    drift.join("\n  ")
                ));
            }
            "replaced"
        }
    };
    write_atomically(target, done.text.as_bytes()).map_err(|error| error.to_string())?;
    Ok(status)
}

/// Temporary file next to the target, synced, renamed over it.
fn write_atomically(target: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let file_name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = target.with_file_name(format!(".{file_name}.import{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}
