//! Maintainer commands, run as `cargo xtask <command>`; `cargo xtask --help` lists them all
//! with their options (`help.rs`). This is the only code that knows the repository layout; the
//! generator itself lives in `codegen`, the importer of docs pages in `importer`.

mod bench;
mod files;
mod help;
mod openapi;
mod root;
mod semver;
mod synth;

use files::Mode;
use root::project_root;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Where the generated module tree goes.
const GENERATED_MODULES: &str = "generated/src/gen";
/// The generated wire tests of the schema's documented examples.
const EXAMPLE_TESTS: &str = "generated/tests/examples/documented.rs";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let wants_help = args.iter().any(|arg| matches!(*arg, "--help" | "-h"));
    match args.as_slice() {
        [] | ["help"] | ["--help" | "-h"] => {
            print!("{}", help::all());
            ExitCode::SUCCESS
        }
        ["help", name] | [name, ..] if wants_help || args[0] == "help" => match help::find(name) {
            Some(command) => {
                print!("{}", help::one(command));
                ExitCode::SUCCESS
            }
            None => usage_error(&format!("unknown command `{name}`")),
        },
        ["gen"] => run_gen(Mode::Write),
        ["gen", "--check"] => run_gen(Mode::Check),
        ["gen", "--schema", schema, "--out", out] | ["gen", "--out", out, "--schema", schema] => {
            gen_at(schema, out, Mode::Write)
        }
        ["gen", "--schema", schema] => gen_checked(schema),
        ["gen", "--check", "--schema", schema, "--out", out] | ["gen", "--schema", schema, "--out", out, "--check"] => {
            gen_at(schema, out, Mode::Check)
        }
        ["synth", rest @ ..] => synth::run(rest),
        ["import", rest @ ..] => importer::run(&project_root(), rest),
        ["bench", rest @ ..] => bench::run(rest),
        ["openapi", rest @ ..] => openapi::run(rest),
        ["semver", rest @ ..] => semver::run(&project_root(), rest),
        [name, ..] if help::find(name).is_some() => usage_error(&format!("unexpected arguments for `{name}`")),
        [name, ..] => usage_error(&format!("unknown command `{name}`")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{}", help::usage());
    ExitCode::from(2)
}

fn run_gen(mode: Mode) -> ExitCode {
    let root = project_root();
    match generate_into(&root, mode) {
        Ok(report) => {
            for path in &report.written {
                println!("{} {path}", if mode == Mode::Check { "stale  " } else { "wrote  " });
            }
            for path in &report.removed {
                println!("{} {path}", if mode == Mode::Check { "extra  " } else { "removed" });
            }
            let changed = report.written.len() + report.removed.len();
            match mode {
                Mode::Write => {
                    println!("{}", report.summary());
                    ExitCode::SUCCESS
                }
                Mode::Check if changed == 0 => {
                    println!("generated code is up to date ({} files)", report.unchanged);
                    ExitCode::SUCCESS
                }
                Mode::Check => {
                    eprintln!(
                        "generated code is out of date ({changed} files); run `cargo xtask gen` and commit the result"
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Err(GenError::Schema(report)) => {
            eprint!("{report}");
            eprintln!("nothing was written");
            ExitCode::FAILURE
        }
        Err(GenError::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask gen --schema DIR --out DIR`: like `cargo xtask gen`, for another schema and
/// output folder (writes only changed files, removes stale ones).
/// `gen --schema DIR` without `--out`: generates in memory and says whether the schema is
/// accepted, writing nothing (for a schema folder an import just wrote).
fn gen_checked(schema: &str) -> ExitCode {
    let label = schema.trim_end_matches('/');
    match codegen::generate(Path::new(schema), label) {
        Ok(generated) => {
            println!("{label}: accepted; {} files generated in memory (`--out DIR` writes them)", generated.len());
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprint!("{}", report.render(std::io::stderr().is_terminal()));
            ExitCode::FAILURE
        }
    }
}

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
            println!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

const README: &str = "README.md";
const ENDPOINTS_START: &str = "<!-- endpoints: generated by `cargo xtask gen` -->\n";
const ENDPOINTS_END: &str = "<!-- end of endpoints -->";

/// `text` with what lies between the two markers replaced, or `None` without the markers.
fn replace_between(text: &str, start: &str, end: &str, middle: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(format!("{}{middle}{}", &text[..from], &text[to..]))
}

/// Why `gen` failed.
pub enum GenError {
    /// The rendered schema report (nothing was written).
    Schema(String),
    Io(std::io::Error),
}

/// Generates from `root/schema` into `root/generated`: the module tree under `src/gen/`, the
/// example wire tests, the OpenAPI document and contract calls, and the README's endpoint list. Everything is generated in memory first, so a schema error writes
/// nothing. Paths in the report are relative to `root`.
pub fn generate_into(root: &Path, mode: Mode) -> Result<files::SyncReport, GenError> {
    // Colour only when a person is looking.
    let color = std::io::stderr().is_terminal();
    let api = codegen::__stages::load_api(&root.join("schema"), "schema")
        .map_err(|error| GenError::Schema(error.render(color)))?;
    let modules = codegen::__stages::render_api(&api).map_err(GenError::Schema)?;
    let example_tests =
        codegen::__stages::render_example_tests(&api, openapi::GENERATED_CRATE).map_err(GenError::Schema)?;
    let openapi_outputs = openapi::outputs(&api).map_err(GenError::Schema)?;

    // Single files beside the module tree; the README's endpoint list sits between two markers,
    // the rest of the README is prose.
    let mut single_files: Vec<(&str, Option<String>)> = vec![(EXAMPLE_TESTS, example_tests)];
    single_files.extend(openapi_outputs.into_iter().map(|(path, contents)| (path, Some(contents))));
    if let Ok(readme) = std::fs::read_to_string(root.join(README)) {
        let endpoints = codegen::__stages::render_endpoint_list(&api);
        if let Some(updated) = replace_between(&readme, ENDPOINTS_START, ENDPOINTS_END, &endpoints) {
            single_files.push((README, Some(updated)));
        }
    }

    let wanted: Vec<(String, String)> = modules.into_iter().map(|file| (file.path, file.contents)).collect();
    let mut report = files::sync_dir(&root.join(GENERATED_MODULES), &wanted, mode).map_err(GenError::Io)?;
    for path in report.written.iter_mut().chain(report.removed.iter_mut()) {
        *path = format!("{GENERATED_MODULES}/{path}");
    }
    for (path, contents) in &single_files {
        if files::sync_file(&root.join(path), contents.as_deref(), mode).map_err(GenError::Io)? {
            report.written.push((*path).to_owned());
        } else {
            report.unchanged += 1;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The freshness test is the generator in check mode.
    #[test]
    fn generated_code_is_fresh() {
        let report = generate_into(&project_root(), Mode::Check).unwrap_or_else(|error| match error {
            GenError::Schema(report) => panic!("{report}"),
            GenError::Io(error) => panic!("{error}"),
        });
        assert!(
            report.written.is_empty() && report.removed.is_empty(),
            "stale: {:?}, extra: {:?}; run `cargo xtask gen`",
            report.written,
            report.removed
        );
    }

    /// A broken schema writes nothing: the generated tree is byte for byte what it was.
    #[test]
    fn a_schema_error_leaves_generated_files_untouched() {
        let root = std::env::temp_dir().join(format!("xtask-broken-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("schema")).expect("schema dir");
        std::fs::create_dir_all(root.join(GENERATED_MODULES)).expect("gen dir");
        std::fs::write(root.join(GENERATED_MODULES).join("mod.rs"), "// the previous output\n").expect("old output");
        std::fs::write(
            root.join("schema/api.yaml"),
            "api:\n  name: X\n  base_url: https://x.example/\n  auth: { header: A, scheme: T }\n",
        )
        .expect("api");
        std::fs::write(root.join("schema/broken.yaml"), "models:\n  Thing:\n    fields:\n      id: { type: intger }\n")
            .expect("broken");

        let Err(GenError::Schema(report)) = generate_into(&root, Mode::Write) else { panic!("the schema is broken") };

        assert!(report.contains("unknown type `intger`"), "{report}");
        assert_eq!(
            std::fs::read_to_string(root.join(GENERATED_MODULES).join("mod.rs")).expect("kept"),
            "// the previous output\n"
        );
        assert_eq!(std::fs::read_dir(root.join(GENERATED_MODULES)).expect("listed").count(), 1, "nothing added");
        assert!(!root.join(EXAMPLE_TESTS).exists());
        std::fs::remove_dir_all(&root).expect("cleanup");
    }
}
