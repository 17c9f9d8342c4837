//! The docs importer behind `cargo xtask import`: reads docs pages in the vendor's published
//! form and writes the schema YAML for each endpoint, applying the maintainer's overrides;
//! `--check` instead compares each page with `schema/` and prints the drift. With no page
//! given, both run over the snapshot of the vendor's docs in `importer/pages/`. This module owns
//! the command line, files, endpoint identity and messages; reading pages (`page`, `json`),
//! deciding the schema (`convert`), writing YAML (`yaml`) and comparing (`drift`) live in the
//! submodules.

#![deny(missing_docs)]

mod bench;
mod convert;
pub mod doc;
mod drift;
mod json;
mod overrides;
mod page;
pub mod read;
mod refresh;
#[cfg(test)]
mod rendering_tests;
mod snapshot;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod tests;
pub mod types;
pub mod vendor;
mod yaml;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::__stages::schema::{Endpoint, SchemaFile};
use codegen::SourceFile;

use convert::{Context, Imported, KnownModel, Message};
use overrides::Overrides;

pub use bench::bench_rows;
pub use drift::Identity;
pub use snapshot::SNAPSHOT;
use snapshot::snapshot_pages;

/// The command line's usage, printed with every usage error.
pub const USAGE: &str = "usage: cargo xtask import [--check [--suggest]] [--strict] [--out DIR] [--schema DIR] [--overrides FILE] [PAGE...] | import --pages DIR --schema OUT [--check] [--strict] [--settings FILE | --no-settings] | import --stats DIR [--no-settings] | import --refresh | import --bench ROWS | import --bench-pages DIR";

/// Where the overrides live unless `--overrides` says otherwise, relative to the repository.
pub const DEFAULT_OVERRIDES: &str = "import/overrides.yaml";

/// Runs the command for `cargo xtask import ARGS` in the repository at `root`.
pub fn run(root: &Path, args: &[&str]) -> ExitCode {
    let code = run_in(root, args, &mut io::stdout().lock(), &mut io::stderr().lock());
    ExitCode::from(code)
}

/// The command, with the repository root and the output streams given (tests pass buffers).
/// Returns the exit code: 0 done, 1 errors or drift, 2 bad usage.
pub fn run_in(root: &Path, args: &[&str], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if args.contains(&"--refresh") {
        let mut check = |out: &mut dyn Write, err: &mut dyn Write| run_in(root, &["--check"], out, err);
        return refresh::run(root, args, USAGE, &mut check, out, err);
    }
    if let ["--bench-pages", dir] = args {
        return bench::run_pages(Path::new(dir), out);
    }
    if let ["--bench", rows] = args {
        return match rows.parse::<usize>() {
            Ok(rows) if rows > 0 => bench::run(rows, out),
            _ => {
                let _ = writeln!(err, "error: `--bench` takes a number of rows\n{USAGE}");
                2
            }
        };
    }
    if args.iter().any(|arg| matches!(*arg, "--pages" | "--stats")) {
        return match parse_pages_options(args) {
            Ok(options) => vendor::run(&options, out, err),
            Err(message) => {
                let _ = writeln!(err, "error: {message}\n{USAGE}");
                2
            }
        };
    }
    let mut options = match Options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            let _ = writeln!(err, "error: {message}\n{USAGE}");
            return 2;
        }
    };
    if options.pages.is_empty() {
        match snapshot_pages(&root.join(SNAPSHOT)) {
            Ok(pages) => options.pages = pages,
            Err(error) => {
                let _ = writeln!(err, "error: {SNAPSHOT}: {error}");
                return 1;
            }
        }
        options.snapshot = true;
        if !options.check && options.out.is_none() {
            options.out = Some(options.schema.clone().unwrap_or_else(|| root.join("schema")));
            options.out_label = Some(match &options.schema {
                Some(dir) => dir.display().to_string().trim_end_matches('/').to_owned(),
                None => "schema".to_owned(),
            });
        }
    }
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

/// The command line of `--pages DIR --schema OUT` and `--stats DIR`.
fn parse_pages_options(args: &[&str]) -> Result<vendor::PagesOptions, String> {
    let mut options = vendor::PagesOptions::default();
    let mut args = args.iter();
    while let Some(&arg) = args.next() {
        let mut value = |flag: &str| args.next().map(PathBuf::from).ok_or_else(|| format!("`{flag}` needs a value"));
        match arg {
            "--pages" => options.pages = Some(value(arg)?),
            "--schema" => options.schema = Some(value(arg)?),
            "--stats" => options.stats = Some(value(arg)?),
            "--settings" => options.settings = Some(value(arg)?),
            "--no-settings" => options.no_settings = true,
            "--strict" => options.strict = true,
            "--check" => options.check = true,
            other => return Err(format!("`{other}` does not go with `--pages` or `--stats`")),
        }
    }
    if options.stats.is_some() && (options.pages.is_some() || options.schema.is_some()) {
        return Err("`--stats DIR` takes no `--pages` or `--schema`".into());
    }
    if options.stats.is_none() && (options.pages.is_none() || options.schema.is_none()) {
        return Err("`--pages DIR` goes with `--schema OUT`".into());
    }
    Ok(options)
}

/// The parsed command line.
#[derive(Debug, Default, PartialEq, Eq)]
struct Options {
    check: bool,
    /// Under `--check`, print the overrides that would keep the schema as it is.
    suggest: bool,
    out: Option<PathBuf>,
    /// How messages name `out` (the schema folder, when import writes into it).
    out_label: Option<String>,
    schema: Option<PathBuf>,
    overrides: Option<PathBuf>,
    pages: Vec<PathBuf>,
    /// No page was given: the run covers the snapshot.
    snapshot: bool,
    /// `--strict`: a warning fails the run (for CI), as an error does.
    strict: bool,
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
                "--suggest" => options.suggest = true,
                "--strict" => options.strict = true,
                "--out" => options.out = Some(value(arg)?),
                "--schema" => options.schema = Some(value(arg)?),
                "--overrides" => options.overrides = Some(value(arg)?),
                flag if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option `{flag}`")),
                page => options.pages.push(PathBuf::from(page)),
            }
        }
        if options.check && options.out.is_some() {
            return Err("`--check` writes nothing; it takes no `--out`".into());
        }
        if options.suggest && !options.check {
            return Err("`--suggest` goes with `--check`".into());
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

/// The schema endpoint a page is about.
struct Target {
    /// Index of the schema file.
    at: usize,
    name: String,
}

/// One page, imported.
struct Done {
    imported: Imported,
    /// The file below the schema folder.
    relative: String,
    /// The whole file as import writes it when the file is new.
    text: String,
    /// The imported endpoint, read back.
    endpoint: Endpoint,
    /// The schema's endpoint with the same identity, if any.
    target: Option<Target>,
    /// Response keys the overrides say the model lacks on purpose.
    ignored_keys: Vec<String>,
    /// The overrides leave the page's response example out (`examples: {response: none}`).
    response_left_out: bool,
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
        let (index, schema_problem) = match codegen::__stages::load::read_dir(&schema_dir, &schema_label) {
            Ok(files) => {
                let index = files
                    .into_iter()
                    .map(|file| {
                        let parsed = codegen::__stages::load::parse(&file).ok();
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

    fn endpoints(&self) -> impl Iterator<Item = (usize, &str, &Endpoint)> {
        self.index.iter().enumerate().flat_map(|(at, indexed)| {
            indexed.parsed.iter().flat_map(move |parsed| parsed.endpoints.iter().map(move |(name, e)| (at, name, e)))
        })
    }

    fn endpoint(&self, target: &Target) -> Option<&Endpoint> {
        self.endpoints().find(|(at, name, _)| *at == target.at && *name == target.name).map(|(_, _, e)| e)
    }

    /// The schema endpoint with the identity of `new`: the one endpoint with its method and
    /// path; among several, the one with its distinguishing query keys, else the one named
    /// `name`. With no endpoint on its route, an endpoint named `name` (its path changed).
    fn find_target(&self, name: &str, stem: Option<&str>, new: &Endpoint) -> Result<Option<Target>, String> {
        let identity = Identity::of(new);
        let on_route: Vec<(usize, &str, &Endpoint)> =
            self.endpoints().filter(|(_, _, endpoint)| Identity::of(endpoint).same_route(&identity)).collect();
        let pick = |(at, name, _): &(usize, &str, &Endpoint)| Some(Target { at: *at, name: (*name).to_owned() });
        match on_route.as_slice() {
            [] => Ok(self.endpoints().find(|(_, other, _)| *other == name).and_then(|found| pick(&found))),
            [one] => Ok(pick(one)),
            several => {
                let by_query: Vec<&(usize, &str, &Endpoint)> =
                    several.iter().filter(|(_, _, endpoint)| Identity::of(endpoint) == identity).collect();
                if let [one] = by_query.as_slice() {
                    return Ok(pick(one));
                }
                if let Some(found) = several.iter().find(|(_, other, _)| *other == name || Some(*other) == stem) {
                    return Ok(pick(found));
                }
                let names: Vec<String> = several.iter().map(|(_, name, _)| format!("`{name}`")).collect();
                Err(format!(
                    "{} endpoints share `{}` ({}), and the page's required query keys ({}) tell none of them apart; \
                     name the endpoint with `name:` in the overrides",
                    several.len(),
                    identity.route(),
                    names.join(", "),
                    if identity.query.is_empty() { "none".to_owned() } else { identity.query.join(", ") }
                ))
            }
        }
    }

    /// Models of every schema file.
    fn known_models(&self) -> Vec<KnownModel> {
        let mut models = Vec::new();
        for indexed in &self.index {
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

    /// Reads and converts one page, and finds the schema endpoint with its identity.
    fn import_page(&self, path: &Path, snapshot: bool) -> Result<Done, Vec<Message>> {
        let one = |text: String| vec![Message { line: None, text, help: None }];
        let bytes = fs::read(path).map_err(|error| one(error.to_string()))?;
        let page = page::parse(&bytes)
            .map_err(|error| vec![Message { line: Some(error.line), text: error.message, help: None }])?;
        let page_name = codegen::__stages::names::snake_ident(&page.title.value).unwrap_or_default();
        let route = format!("{} {}", page.method.value, page.path.value.split('?').next().unwrap_or(""));
        let stem = path.file_stem().and_then(|stem| stem.to_str());
        // The snapshot's pages are keyed by their file's name alone: titles repeat across pages.
        let found = match snapshot {
            true => stem.and_then(|stem| self.overrides.find(Some(stem), "", "").filter(|(key, _)| *key == stem)),
            false => self.overrides.find(stem, &route, &page_name),
        };
        let page_overrides = found.map(|(_, page)| page);
        let models = self.known_models();
        let context = Context {
            overrides: page_overrides,
            overrides_key: found.map(|(key, _)| key).or(stem),
            overrides_label: &self.overrides_label,
            models: &models,
            prefer_response: None,
        };
        let mut imported = convert::convert(&page, &context)?;
        let endpoint = parse_endpoint(&file_text(&imported))
            .ok_or_else(|| one("the imported YAML does not read back (a bug in import)".into()))?;
        let target = self.find_target(&imported.name, stem, &endpoint).map_err(one)?;
        // The schema's response model stays while the page's example can be compared with it:
        // a new key is drift of the example, not a new model.
        let schema_response = target.as_ref().and_then(|target| self.endpoint(target)).and_then(|e| e.response.clone());
        if let Some(response) = schema_response.filter(|response| endpoint.response.as_ref() != Some(response))
            && page_overrides.is_none_or(|ov| ov.response.is_none())
        {
            let context = Context { prefer_response: Some(&response), ..context };
            imported = convert::convert(&page, &context)?;
        }
        if let Some(target) = &target
            && target.name != imported.name
        {
            imported.rename(&target.name);
        }
        let relative = match (&target, page_overrides.and_then(|ov| ov.file.clone())) {
            (Some(target), _) => self.index[target.at].file.relative.clone(),
            (None, Some(file)) => {
                check_relative(&file).map_err(one)?;
                file
            }
            (None, None) => {
                let path = page_overrides.and_then(|ov| ov.path.clone()).unwrap_or_else(|| page.path.value.clone());
                format!("{}/{}.yaml", convert::group_of(path.split('?').next().unwrap_or("")), imported.name)
            }
        };
        let text = file_text(&imported);
        let endpoint = parse_endpoint(&text).ok_or_else(|| one("the imported YAML does not read back".into()))?;
        let ignored_keys = page_overrides.map(|ov| ov.ignore_response_keys.clone()).unwrap_or_default();
        let response_left_out = page_overrides
            .and_then(|ov| ov.examples.as_ref())
            .and_then(|examples| examples.response.as_deref())
            .is_some_and(|text| text.trim() == "none");
        Ok(Done { imported, relative, text, endpoint, target, ignored_keys, response_left_out })
    }

    /// The generator's complaints about a schema file's new text, read together with the rest
    /// of the schema (`None` when it has none, or there is no schema to check against).
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
        let Err(mut error) = codegen::__stages::lower_sources(sources) else { return None };
        error.diagnostics.0.retain(|diagnostic| diagnostic.file == name);
        (!error.diagnostics.is_empty()).then(|| error.render(false))
    }

    /// Every difference between a page and the schema, one line each.
    fn drift(&self, done: &Done) -> Vec<String> {
        let Some(old) = done.target.as_ref().and_then(|target| self.endpoint(target)) else {
            return vec![format!("+ endpoint `{}` (not in {}/)", done.imported.name, self.schema_label)];
        };
        let mut lines = drift::diff(old, &done.endpoint);
        let response = old.response.as_deref().unwrap_or("none").trim();
        let model = ["page(", "list("]
            .iter()
            .find_map(|wrapper| response.strip_prefix(wrapper).and_then(|rest| rest.strip_suffix(')')))
            .unwrap_or(response);
        if let (Some(line), false) = (done.imported.unreadable_response, response == "none" || done.response_left_out) {
            lines.push(format!(
                "~ response example: the page's example (line {line}) does not read as JSON; the schema answers `{response}`"
            ));
        }
        for key in &done.imported.unmodelled_response_keys {
            if !done.ignored_keys.contains(key) {
                lines.push(format!("+ response.{key}: in the docs' response example, not a field of `{model}`"));
            }
        }
        lines
    }

    fn import(&self, options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
        if let Some(problem) = &self.schema_problem {
            writeln!(err, "warning: cannot read the schema ({problem}); no model is matched and nothing is validated")?;
        }
        let mut failed = 0;
        let mut warnings = 0;
        let mut printed = 0;
        let mut written = 0;
        // Files this run writes, with their new text (several pages may share one file).
        let mut pending: Vec<(String, String)> = Vec::new();
        let mut targets: Vec<(String, String)> = Vec::new();
        for page_path in &options.pages {
            let label = page_label(page_path, options);
            let done = match self.import_page(page_path, options.snapshot) {
                Ok(done) => done,
                Err(errors) => {
                    report(err, "error", &label, &errors)?;
                    writeln!(err, "{label}: not imported")?;
                    failed += 1;
                    continue;
                }
            };
            if !options.snapshot {
                warnings += done.imported.warnings.len();
                report(err, "warning", &label, &done.imported.warnings)?;
            }
            let key = (done.relative.clone(), done.imported.name.clone());
            if targets.contains(&key) {
                writeln!(
                    err,
                    "error: {label}: another page of this run also imports to `{}` in {}; not written",
                    key.1, key.0
                )?;
                failed += 1;
                continue;
            }
            targets.push(key);
            let Some(dir) = &options.out else {
                if let Some(rendered) = self.validate(&done.relative, &done.text) {
                    write!(err, "{rendered}")?;
                    writeln!(err, "{label}: the generator rejects the imported schema; not written")?;
                    failed += 1;
                    continue;
                }
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
                continue;
            };
            // A page that matches its endpoint changes nothing: the file keeps its layout.
            if done.target.is_some() && self.drift(&done).is_empty() {
                continue;
            }
            let target = dir.join(&done.relative);
            let shown = format!("{}/{}", out_label(dir, options), done.relative);
            let current = match pending.iter().find(|(file, _)| *file == done.relative) {
                Some((_, text)) => Some(text.clone()),
                None => match fs::read_to_string(&target) {
                    Ok(text) => Some(text),
                    Err(error) if error.kind() == io::ErrorKind::NotFound => None,
                    Err(error) => {
                        writeln!(err, "error: {shown}: {error}")?;
                        failed += 1;
                        continue;
                    }
                },
            };
            let new_text = match &current {
                None => done.text.clone(),
                Some(text) => match splice(text, &done.imported.name, &done.text) {
                    Some(spliced) => spliced,
                    None => {
                        writeln!(
                            err,
                            "error: {shown}: the file has no endpoint `{}` to replace; give the page its own file with `file:` in {}",
                            done.imported.name, self.overrides_label
                        )?;
                        failed += 1;
                        continue;
                    }
                },
            };
            if let Some(rendered) = self.validate(&done.relative, &new_text) {
                write!(err, "{rendered}")?;
                writeln!(err, "{label}: the generator rejects the imported schema; not written")?;
                failed += 1;
                continue;
            }
            match pending.iter_mut().find(|(file, _)| *file == done.relative) {
                Some((_, text)) => *text = new_text,
                None => pending.push((done.relative.clone(), new_text)),
            }
        }
        if let Some(dir) = &options.out {
            for (relative, text) in &pending {
                let target = dir.join(relative);
                let shown = format!("{}/{relative}", out_label(dir, options));
                let status = match fs::read_to_string(&target) {
                    Ok(old) if old == *text => "unchanged",
                    Ok(_) => "updated",
                    Err(_) => "wrote",
                };
                if status != "unchanged" {
                    write_atomically(&target, text.as_bytes())?;
                    written += 1;
                }
                if status != "unchanged" || !options.snapshot {
                    writeln!(out, "{status:<9} {shown}")?;
                }
            }
        }
        let pages = options.pages.len();
        if options.snapshot {
            writeln!(
                err,
                "{} of {pages} page{} imported, {written} file{} written",
                pages - failed,
                plural(pages),
                plural(written)
            )?;
        } else {
            writeln!(
                err,
                "{} of {pages} page{} imported, {warnings} warning{}",
                pages - failed,
                plural(pages),
                plural(warnings)
            )?;
        }
        if options.strict && warnings > 0 {
            writeln!(err, "error: `--strict`: {warnings} warning{}", plural(warnings))?;
            return Ok(1);
        }
        Ok(if failed > 0 { 1 } else { 0 })
    }

    fn check(&self, options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
        if let Some(problem) = &self.schema_problem {
            writeln!(err, "error: cannot read the schema: {problem}")?;
            return Ok(1);
        }
        let mut drifted = 0;
        let mut failed = 0;
        let mut strict_warnings = 0;
        let mut claimed: Vec<(usize, String, String)> = Vec::new();
        for page_path in &options.pages {
            let label = page_label(page_path, options);
            let done = match self.import_page(page_path, options.snapshot) {
                Ok(done) => done,
                Err(errors) => {
                    report(err, "error", &label, &errors)?;
                    failed += 1;
                    continue;
                }
            };
            if let Some(target) = &done.target {
                if let Some((_, _, other)) =
                    claimed.iter().find(|(at, name, _)| *at == target.at && *name == target.name)
                {
                    writeln!(err, "error: {label}: `{}` is already the endpoint of {other}", target.name)?;
                    failed += 1;
                    continue;
                }
                claimed.push((target.at, target.name.clone(), label.clone()));
            }
            if options.strict && !done.imported.warnings.is_empty() {
                report(err, "warning", &label, &done.imported.warnings)?;
                strict_warnings += done.imported.warnings.len();
            }
            let lines = self.drift(&done);
            let file = done.target.as_ref().map_or_else(
                || format!("{}/{}", self.schema_label, done.relative),
                |target| self.index[target.at].file.name.clone(),
            );
            if lines.is_empty() {
                if !options.snapshot {
                    writeln!(out, "{label}: `{}` matches {file}", done.imported.name)?;
                }
                continue;
            }
            drifted += 1;
            writeln!(out, "{label}: `{}` differs from {file}", done.imported.name)?;
            for line in &lines {
                writeln!(out, "  {line}")?;
            }
            if options.suggest
                && let Some(old) = done.target.as_ref().and_then(|target| self.endpoint(target))
            {
                let key = done.imported.overrides_key.clone();
                writeln!(out, "  to keep the schema as it is, record in {}:", self.overrides_label)?;
                for line in drift::suggest(&key, old, &done.endpoint).lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
        let pages = options.pages.len();
        if strict_warnings > 0 {
            writeln!(err, "error: `--strict`: {strict_warnings} warning{}", plural(strict_warnings))?;
        }
        if drifted + failed == 0 && strict_warnings == 0 {
            writeln!(
                out,
                "no drift: {pages} page{} match{} {}/",
                plural(pages),
                if pages == 1 { "es" } else { "" },
                self.schema_label
            )?;
            Ok(0)
        } else if drifted + failed == 0 {
            Ok(1)
        } else {
            let again = if options.snapshot { String::new() } else { " PAGE...".to_owned() };
            writeln!(
                out,
                "drift in {drifted} of {pages} page{}{}; re-import (`cargo xtask import{again}`, then `cargo xtask gen`) or record the decision in {}",
                plural(pages),
                if failed > 0 { format!(", {failed} not read") } else { String::new() },
                self.overrides_label
            )?;
            Ok(1)
        }
    }
}

/// How the output folder is named in messages.
fn out_label(dir: &Path, options: &Options) -> String {
    options.out_label.clone().unwrap_or_else(|| dir.display().to_string().trim_end_matches('/').to_owned())
}

/// How a page is named in messages: the snapshot's pages by their path in the repository.
fn page_label(path: &Path, options: &Options) -> String {
    if options.snapshot
        && let Some(name) = path.file_name()
    {
        return format!("{SNAPSHOT}/{}", name.to_string_lossy());
    }
    path.display().to_string()
}

/// `file` with the block of endpoint `name` replaced by the endpoint block of `imported` (a
/// whole imported file). Everything else of the file (other endpoints, models, comments) is
/// kept. `None` when the file has no such endpoint.
fn splice(file: &str, name: &str, imported: &str) -> Option<String> {
    let block = |text: &str| -> Option<(usize, usize)> {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let endpoints = lines.iter().position(|line| line.trim_end() == "endpoints:")?;
        let head = format!("  {name}:");
        let start = (endpoints + 1..lines.len()).find(|&at| lines[at].trim_end() == head)?;
        let mut end = start + 1;
        while end < lines.len() {
            let line = lines[end];
            let indent = line.len() - line.trim_start().len();
            if !line.trim().is_empty() && indent <= 2 {
                break;
            }
            end += 1;
        }
        // Blank lines before the next key stay where they are.
        while end > start + 1 && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        let offset = |at: usize| lines[..at].iter().map(|line| line.len()).sum::<usize>();
        Some((offset(start), offset(end)))
    };
    let (from, to) = block(file)?;
    let (new_from, new_to) = block(imported)?;
    let merged = keep_layout(&file[from..to], &imported[new_from..new_to]);
    Some(format!("{}{merged}{}", &file[..from], &file[to..]))
}

/// The new block of an endpoint with the old block's comments put back above the keys that
/// are still there, and its `|` blocks kept where the new text says `|-` (the same text but
/// for the trailing line break, which reaches no generated code).
fn keep_layout(old: &str, new: &str) -> String {
    let key_of = |line: &str| line.split_once(':').map(|(key, _)| format!("{key}:"));
    let mut comments: Vec<(String, Vec<&str>)> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut old_lines: Vec<&str> = Vec::new();
    for line in old.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            run.push(line);
            continue;
        }
        old_lines.push(line);
        if let (false, Some(key)) = (run.is_empty(), key_of(line)) {
            comments.push((key, std::mem::take(&mut run)));
        }
        run.clear();
    }
    let mut out = String::with_capacity(new.len() + old.len() / 4);
    for line in new.split_inclusive('\n') {
        if let Some(key) = key_of(line)
            && let Some(at) = comments.iter().position(|(old_key, _)| *old_key == key)
        {
            for comment in comments.remove(at).1 {
                out.push_str(comment);
            }
        }
        let keep_clip = line.trim_end().ends_with(": |-")
            && old_lines.iter().any(|old| old.trim_end() == line.trim_end().trim_end_matches('-'));
        if keep_clip {
            out.push_str(line.trim_end().trim_end_matches('-'));
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The one endpoint of an imported file.
fn parse_endpoint(text: &str) -> Option<Endpoint> {
    let file = SourceFile { name: "imported".into(), relative: "imported.yaml".into(), text: text.to_owned() };
    codegen::__stages::load::parse(&file).ok()?.endpoints.0.into_iter().next().map(|(_, endpoint)| endpoint)
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

/// The imported file: a header naming the command and the overrides, then the schema.
fn file_text(imported: &Imported) -> String {
    let body = yaml::write(&imported.tree);
    let intro = format!(
        "Imported from the \"{}\" docs page by `cargo xtask import`. Keep hand decisions in {DEFAULT_OVERRIDES} \
         (under `{}`), which every re-import applies.",
        imported.title, imported.overrides_key
    );
    let mut text = String::new();
    for line in yaml::wrap(&intro, yaml::WIDTH - 2) {
        text.push_str(&format!("# {line}\n"));
    }
    text.push_str(&body);
    text
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
