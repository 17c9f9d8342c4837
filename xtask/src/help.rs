//! `cargo xtask --help` and `cargo xtask <command> --help`: every command and every option, in
//! one table, so the help cannot miss one that `main` dispatches.

/// One command: its synopsis and what it and each option does.
pub struct Command {
    pub name: &'static str,
    pub synopsis: &'static str,
    pub about: &'static str,
    pub options: &'static [(&'static str, &'static str)],
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "gen",
        synopsis: "cargo xtask gen [--check] [--schema DIR [--out DIR]]",
        about: "Regenerates the usercom crate from schema/: generated/src/gen/, the documented-example \
                tests, generated/openapi.json, the contract calls and the README's endpoint list. Writes \
                only files whose bytes change and removes files the schema no longer produces. A schema \
                error reports every problem and writes nothing.",
        options: &[
            ("--check", "change nothing; list stale files and exit 1 when a regeneration would change any"),
            (
                "--schema DIR --out DIR",
                "generate the client of any schema folder DIR into any folder: a `mod.rs` tree your crate \
                 declares as a module (`--out src/api` and `#[rustfmt::skip] mod api;`); with --check, only \
                 compare",
            ),
            ("--schema DIR", "without --out: generate in memory and say whether the schema is accepted; write nothing"),
        ],
    },
    Command {
        name: "import",
        synopsis: "cargo xtask import [--check [--suggest]] [--strict] [--out DIR] [--schema DIR] [--overrides FILE] [PAGE...] \
                   | cargo xtask import --refresh \
                   | cargo xtask import --pages DIR --schema OUT [--check] [--strict] [--settings FILE | --no-settings] \
                   | cargo xtask import --stats DIR [--no-settings]",
        about: "Turns vendor docs pages (Markdown in the vendor's form) into schema files, applying \
                import/overrides.yaml; with no PAGE, every page of the docs snapshot in importer/pages/. \
                With --check, reports how each page differs from the schema.",
        options: &[
            ("--check", "change nothing; print the drift between each page and the schema, exit 1 on drift"),
            ("--suggest", "with --check: print the overrides entry that would keep the schema as it is"),
            (
                "--refresh",
                "download every snapshot page from the URL on its first line (HTML reduced to page text, \
                 Markdown as it is), write the pages that changed, then run --check; a failed download \
                 changes nothing",
            ),
            ("--out DIR", "write the imported files under DIR instead of schema/"),
            ("--schema DIR", "the schema to compare with and to match models from (default schema/)"),
            ("--overrides FILE", "the overrides file (default import/overrides.yaml)"),
            ("--strict", "any warning fails the run (exit 1), for CI"),
            (
                "--pages DIR",
                "another vendor's Markdown docs (Slate's index.html.md and its includes, or any .md files): \
                 with --schema OUT, write a new schema folder OUT, or report its drift when OUT exists",
            ),
            ("--settings FILE", "with --pages: the vendor's settings (default DIR/apigen-import.yaml, if any)"),
            ("--no-settings", "with --pages or --stats: the defaults only"),
            ("--stats DIR", "the per-vendor table (endpoints, rows read, rows warned) over the vendor folders in DIR"),
            ("--bench ROWS", "time the import of a generated page with a table of ROWS rows (instead of pages)"),
            ("--bench-pages DIR", "MB/s of reading and converting every vendor folder in DIR"),
        ],
    },
    Command {
        name: "openapi",
        synopsis: "cargo xtask openapi [--check]",
        about: "Writes generated/openapi.json alone (gen writes it too).",
        options: &[("--check", "change nothing; exit 1 when the document is stale")],
    },
    Command {
        name: "semver",
        synopsis: "cargo xtask semver [--baseline REV | --baseline-dir DIR] [--manifest-path FILE] [--features LIST] \
                   [--bump [--drift FILE]]",
        about: "Says what a regeneration means for downstream crates: compares the public API of a generated \
                crate (default generated/, features blocking,mock) with a baseline and prints major, minor, \
                patch or none with its reasons (removed, changed and added items; the failed lints of \
                cargo-semver-checks, which must be installed).",
        options: &[
            ("--baseline REV", "the git revision to compare with (default HEAD)"),
            ("--baseline-dir DIR", "compare with the crate in folder DIR instead"),
            ("--manifest-path FILE", "the crate to judge (default generated/Cargo.toml)"),
            ("--features LIST", "features to document both sides with (comma-separated)"),
            ("--bump", "set the crate's version for the verdict and add a CHANGELOG.md entry beside it"),
            ("--drift FILE", "with --bump: the saved `cargo xtask import --check` output, named in the entry"),
        ],
    },
    Command {
        name: "synth",
        synopsis: "cargo xtask synth N [--out DIR]",
        about: "Writes a synthetic API of N endpoints shaped like User.com's, as schema YAML and as \
                OpenAPI 3.0.3, for the benchmarks.",
        options: &[("--out DIR", "where to write (default target/synth/N)")],
    },
    Command {
        name: "bench",
        synopsis: "cargo xtask bench [--quick] [--sizes LIST] [--runs K] [--build-runs K] [--no-decode] \
                   [--no-client] [--no-cold] [--downstream-only]",
        about: "Generation, build and decoding benchmarks against cargo-progenitor; rewrites BENCHMARKS.md. \
                Also measured: the plain-struct floor (the same types as plain serde structs, built like \
                the generated crates), the cost of a client call over a bare reqwest call (criterion, \
                loopback; target at most 1.1x), `generate_api!` on schema/ against the checked-in files \
                (`cargo build`, dependencies warm), and a downstream crate depending on usercom or on \
                progenitor's crate (N = 100): dependency count and cold `cargo build`.",
        options: &[
            ("--quick", "3 generation runs and 1 build run per tool and size (default 7 and 3)"),
            ("--sizes LIST", "endpoint counts, comma-separated (default 100,300,1000)"),
            ("--runs K", "generation runs per tool and size"),
            ("--build-runs K", "build runs per tool and size (the floor and the front door too)"),
            ("--no-decode", "skip the criterion decoding benchmark"),
            ("--no-client", "skip the criterion benchmark of a client call against a bare reqwest call"),
            ("--no-cold", "skip the cold builds of the downstream crates (the dependency counts stay)"),
            (
                "--downstream-only",
                "measure only the downstream crates (with --build-runs K cold builds each) and print their section; \
                 BENCHMARKS.md is left alone",
            ),
        ],
    },
];

/// The help of every command.
pub fn all() -> String {
    let mut text =
        String::from("Maintainer commands of the API-client generator.\n\nUsage: cargo xtask <COMMAND> [OPTIONS]\n");
    text.push_str("       cargo xtask <COMMAND> --help\n\nCommands:\n");
    for command in COMMANDS {
        text.push_str(&format!("  {:<9}{}\n", command.name, first_sentence(command.about)));
    }
    for command in COMMANDS {
        text.push('\n');
        text.push_str(&one(command));
    }
    text
}

/// The help of one command.
pub fn one(command: &Command) -> String {
    let mut text = format!("{}\n  {}\n", command.synopsis, squeeze(command.about));
    for (option, meaning) in command.options {
        text.push_str(&format!("    {option:<24} {}\n", squeeze(meaning)));
    }
    text
}

/// The command named `name`.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|command| command.name == name)
}

/// The one-line synopses, for a usage error.
pub fn usage() -> String {
    let lines: Vec<&str> = COMMANDS.iter().map(|command| command.synopsis).collect();
    format!("usage: {}\n(cargo xtask --help for details)", lines.join("\n       "))
}

fn first_sentence(text: &str) -> String {
    let text = squeeze(text);
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

/// Collapses the runs of spaces that the string continuations above leave.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_is_in_the_help() {
        let text = all();
        for command in COMMANDS {
            assert!(text.contains(command.synopsis), "{}", command.name);
            for (option, _) in command.options {
                assert!(text.contains(option), "{option}");
            }
        }
        assert!(text.contains("--schema DIR --out DIR"));
        assert!(one(find("gen").expect("gen")).starts_with("cargo xtask gen [--check] [--schema DIR [--out DIR]]\n"));
    }
}
