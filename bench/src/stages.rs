//! `bench stages SCHEMA_DIR [RUNS]`: where our generator's time goes, stage by stage, in this
//! process (read, YAML parse, lowering, token emission, syn + prettyplease rendering). It is the
//! profile behind the generation figures; nothing is written to disk.

use std::path::Path;
use std::time::{Duration, Instant};

/// Median time of each stage over `runs` runs, in pipeline order.
pub fn stages(schema: &Path, runs: usize) -> Result<Vec<(&'static str, Duration)>, String> {
    let mut times: Vec<[Duration; 6]> = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let files = codegen::__stages::load::read_dir(schema, "schema").map_err(|error| format!("{error:?}"))?;
        let read = start.elapsed();

        let start = Instant::now();
        for file in &files {
            std::hint::black_box(codegen::__stages::tree::looks_clean(&file.text, 64));
        }
        let depth = start.elapsed();

        let start = Instant::now();
        let mut parsed = Vec::with_capacity(files.len());
        for file in files {
            let schema = codegen::__stages::load::parse(&file)
                .map_err(|problems| problems.first().map(ToString::to_string).unwrap_or_default())?;
            parsed.push((file, schema));
        }
        let parse = start.elapsed();

        let start = Instant::now();
        let api = codegen::__stages::lower::lower(&parsed, false).map_err(|_| "the schema has errors".to_owned())?;
        let lower = start.elapsed();

        let start = Instant::now();
        let emitted = codegen::__stages::emit::emit(&api);
        let emit = start.elapsed();

        let start = Instant::now();
        let mut bytes = 0;
        for file in &emitted {
            bytes += codegen::__stages::render::render(file, codegen::__stages::GENERATE_COMMAND)?.len();
        }
        let render = start.elapsed();
        std::hint::black_box(bytes);
        times.push([read, depth, parse, lower, emit, render]);
    }
    let names = [
        "read files",
        "shape check (included in parse)",
        "parse YAML",
        "lower (validate)",
        "emit tokens",
        "render (syn + prettyplease)",
    ];
    Ok(names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let mut column: Vec<Duration> = times.iter().map(|row| row[index]).collect();
            column.sort();
            (*name, column[column.len() / 2])
        })
        .collect())
}
