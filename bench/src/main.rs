//! `cargo xtask bench`: measures our generator against cargo-progenitor on the same synthetic
//! API (`cargo xtask synth N`), side by side in one run with the tools alternating, and writes
//! `BENCHMARKS.md` and its chart. Measured: generation wall time and peak memory, lines of
//! generated Rust, `cargo build` / `cargo check` time of each generated crate with its
//! dependencies warm (and of the plain-struct floor, `floor.rs`), a no-op `cargo xtask gen` on
//! the real schema, (criterion) decoding and encoding speed (`benches/decode.rs`) and the cost
//! of a client call over a bare reqwest call (`benches/client.rs`), the `generate_api!` front
//! door against the checked-in files, and a downstream crate's dependency tree and cold build
//! (`downstream.rs`). It asserts no time; it reports.

mod chart;
mod downstream;
mod floor;
mod measure;
mod report;
mod scratch;
mod stages;

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use scratch::{Lines, Paths, Tool};

/// The cargo-progenitor release we compare with.
pub const PROGENITOR_VERSION: &str = "0.15.1";

const USAGE: &str = "usage: cargo xtask bench [--quick] [--sizes 100,1000] [--runs K] [--build-runs K] [--no-decode] [--no-client] [--no-cold]
  --quick        3 generation runs and 1 build run per tool and size (default 7 and 3)
  --sizes LIST   endpoint counts (default 100,300,1000)
  --no-decode    skip the criterion decoding benchmark
  --no-client    skip the criterion client-call benchmark
  --no-cold      skip the cold builds of the downstream crates (dependency counts stay)
  --downstream-only  only the downstream crates (dependency trees, cold builds); prints their
                 section and leaves BENCHMARKS.md alone";

/// What to run.
#[derive(Debug, Clone)]
struct Options {
    sizes: Vec<usize>,
    runs: usize,
    build_runs: usize,
    decode: bool,
    client: bool,
    cold: bool,
    downstream_only: bool,
}

fn parse_options(args: &[String]) -> Option<Options> {
    let mut options = Options {
        sizes: vec![100, 300, 1000],
        runs: 7,
        build_runs: 3,
        decode: true,
        client: true,
        cold: true,
        downstream_only: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => {
                options.runs = 3;
                options.build_runs = 1;
            }
            "--no-decode" => options.decode = false,
            "--no-client" => options.client = false,
            "--no-cold" => options.cold = false,
            "--downstream-only" => options.downstream_only = true,
            "--runs" => options.runs = args.next()?.parse().ok().filter(|&runs| runs > 0)?,
            "--build-runs" => options.build_runs = args.next()?.parse().ok().filter(|&runs| runs > 0)?,
            "--sizes" => {
                options.sizes =
                    args.next()?.split(',').map(|n| n.trim().parse().ok().filter(|&n| n > 0)).collect::<Option<_>>()?;
                options.sizes.sort_unstable();
                options.sizes.dedup();
            }
            _ => return None,
        }
    }
    Some(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, schema, rest @ ..] = args.as_slice()
        && command == "stages"
    {
        let runs = rest.first().and_then(|runs| runs.parse().ok()).unwrap_or(5);
        return match stages::stages(Path::new(schema), runs) {
            Ok(stages) => {
                for (name, time) in stages {
                    println!("{name:<30} {:>9.1} ms", time.as_secs_f64() * 1e3);
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        };
    }
    if let [command, which, iterations] = args.as_slice()
        && command == "decode-loop"
    {
        return match decode_loop(which, iterations.parse().unwrap_or(0)) {
            true => ExitCode::SUCCESS,
            false => ExitCode::from(2),
        };
    }
    let Some(options) = parse_options(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Generation of one tool at one size.
#[derive(Debug, Clone, Default)]
pub struct Generation {
    pub seconds: Vec<f64>,
    pub peak_bytes: Vec<f64>,
    pub lines: Lines,
}

/// Compile times of one tool's crate at one size.
#[derive(Debug, Clone, Default)]
pub struct Build {
    pub build: Vec<f64>,
    pub check: Vec<f64>,
}

/// Everything measured at one size.
#[derive(Debug, Clone)]
pub struct SizeResult {
    pub endpoints: usize,
    pub ours: Generation,
    pub progenitor: Generation,
    pub ours_build: Build,
    pub progenitor_build: Build,
    /// The plain-struct floor (`floor.rs`): its build and its lines.
    pub floor_build: Build,
    pub floor_lines: Lines,
}

/// The no-op `cargo xtask gen` on the real schema.
#[derive(Debug, Clone, Default)]
pub struct NoOp {
    pub written: usize,
    pub unchanged: usize,
    pub first_written: usize,
    pub binary_seconds: Vec<f64>,
    pub cargo_seconds: Vec<f64>,
}

/// One criterion measurement.
#[derive(Debug, Clone)]
pub struct Throughput {
    pub id: String,
    pub median_ns: f64,
    pub bytes: u64,
}

/// All results, for the report.
#[derive(Debug, Clone)]
pub struct Results {
    pub sizes: Vec<SizeResult>,
    pub noop: NoOp,
    pub decode: Vec<Throughput>,
    /// Instructions per decode (callgrind), when valgrind is installed.
    pub instructions: Vec<(String, f64)>,
    /// Our generator's stages at the largest size, in-process medians.
    pub stages: Vec<(&'static str, Duration)>,
    pub runtime_build: Vec<f64>,
    /// `benches/client.rs` medians (`bytes` unused).
    pub client: Vec<Throughput>,
    pub front_door: downstream::FrontDoor,
    pub downstream: downstream::Downstream,
    pub runs: usize,
    pub build_runs: usize,
    pub args: String,
}

fn run(options: &Options) -> io::Result<()> {
    // At run time (`cargo run`, which `cargo xtask bench` is, sets it to this checkout's
    // `bench/`), so a binary shared by two checkouts measures the one it is run in.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let root = manifest_dir.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    let paths = Paths {
        work: root.join("target/bench"),
        xtask_release: root.join("target/release/xtask"),
        xtask_dev: root.join("target/debug/xtask"),
        progenitor: root.join("target/tools/bin/cargo-progenitor"),
        cargo,
        root: root.clone(),
    };
    std::fs::create_dir_all(&paths.work)?;
    // `cargo bench` below relinks this very binary; callgrind runs a copy.
    let me = paths.work.join("decode-loop");
    std::fs::copy(std::env::current_exe()?, &me)?;

    step("building the generator (release, as measured; dev, as `cargo xtask` runs it)");
    checked(Command::new(&paths.cargo).current_dir(&root).args([
        "build",
        "--quiet",
        "--release",
        "--package",
        "xtask",
    ]))?;
    checked(Command::new(&paths.cargo).current_dir(&root).args(["build", "--quiet", "--package", "xtask"]))?;
    ensure_progenitor(&paths)?;
    if options.downstream_only {
        step(&format!("downstream crates: dependency trees{}", if options.cold { "; cold `cargo build`" } else { "" }));
        let down = downstream::downstream(&paths, options.build_runs, options.cold)?;
        let mut section = String::new();
        report::downstream_section(&mut section, &down);
        print!("{section}");
        return Ok(());
    }

    let mut sizes = Vec::new();
    for &n in &options.sizes {
        sizes.push(measure_size(&paths, n, options)?);
    }
    let noop = measure_noop(&paths, options.runs)?;
    let runtime_build = measure_runtime_build(&paths, options.build_runs, &sizes)?;
    let decode = if options.decode { measure_decode(&paths)? } else { Vec::new() };
    let instructions = if options.decode { measure_instructions(&me)? } else { Vec::new() };
    let client = if options.client { measure_client(&paths)? } else { Vec::new() };
    step(&format!("the `generate_api!` front door against the checked-in files, {} runs each", options.build_runs));
    let front_door = downstream::front_door(&paths, options.build_runs)?;
    step(&format!(
        "downstream crates: dependency trees{}",
        if options.cold { "; cold `cargo build`, one run each" } else { "" }
    ));
    let downstream = downstream::downstream(&paths, 1, options.cold)?;
    let largest = options.sizes.last().copied().unwrap_or(1000);
    step(&format!("our generator's stages at N = {largest}, in-process"));
    let stages = stages::stages(&paths.synth(largest).join("schema"), options.runs).map_err(io::Error::other)?;

    let results = Results {
        sizes,
        noop,
        decode,
        instructions,
        stages,
        runtime_build,
        client,
        front_door,
        downstream,
        runs: options.runs,
        build_runs: options.build_runs,
        args: std::env::args().skip(1).collect::<Vec<_>>().join(" "),
    };
    let chart_path = root.join("bench/scaling.svg");
    chart::draw(&results, &chart_path)?;
    let markdown = report::markdown(&results, &paths, "bench/scaling.svg");
    std::fs::write(root.join("BENCHMARKS.md"), markdown)?;
    step("wrote BENCHMARKS.md and bench/scaling.svg");
    print!("{}", report::summary(&results));
    Ok(())
}

fn step(text: &str) {
    eprintln!("== {text}");
}

/// Runs a command that must succeed; its output is shown only when it fails.
fn checked(command: &mut Command) -> io::Result<measure::Sample> {
    measure::run(command)
}

fn ensure_progenitor(paths: &Paths) -> io::Result<()> {
    if paths.progenitor.exists() {
        return Ok(());
    }
    step(&format!("installing cargo-progenitor {PROGENITOR_VERSION} into target/tools (once)"));
    let root = paths.root.join("target/tools");
    checked(
        Command::new(&paths.cargo)
            .args(["install", "--quiet", "--locked", "cargo-progenitor", "--version"])
            .arg(PROGENITOR_VERSION)
            .arg("--root")
            .arg(&root),
    )?;
    Ok(())
}

fn seconds(duration: Duration) -> f64 {
    duration.as_secs_f64()
}

fn measure_size(paths: &Paths, n: usize, options: &Options) -> io::Result<SizeResult> {
    step(&format!("N = {n}: synthetic API"));
    checked(Command::new(&paths.xtask_release).arg("synth").arg(n.to_string()).arg("--out").arg(paths.synth(n)))?;
    let tools = [Tool::Ours, Tool::Progenitor];
    for tool in [Tool::Ours, Tool::Progenitor, Tool::Floor] {
        scratch::prepare(paths, tool, n)?;
    }
    scratch::generate(paths, Tool::Floor, n)?;
    let floor_lines = scratch::count_lines(&paths.output(Tool::Floor, n))?;

    step(&format!("N = {n}: generation, {} runs per tool, alternating", options.runs));
    let mut generation = [Generation::default(), Generation::default()];
    // One untimed run each first (file cache, dynamic loading).
    for tool in tools {
        scratch::generate(paths, tool, n)?;
    }
    for run in 0..options.runs {
        for index in order(run) {
            let sample = scratch::generate(paths, tools[index], n)?;
            generation[index].seconds.push(seconds(sample.wall));
            generation[index].peak_bytes.push(sample.max_rss as f64);
        }
    }
    for (index, tool) in tools.into_iter().enumerate() {
        let counted = match tool {
            Tool::Ours => paths.output(tool, n),
            Tool::Progenitor => paths.output(tool, n).join("src"),
            Tool::Floor => paths.output(tool, n),
        };
        generation[index].lines = scratch::count_lines(&counted)?;
    }

    step(&format!("N = {n}: warming the dependencies of the three crates"));
    let built = [Tool::Ours, Tool::Progenitor, Tool::Floor];
    for tool in built {
        // Progenitor's crate resolves its dependencies from the registry the first time.
        for subcommand in ["build", "check"] {
            scratch::cargo(paths, tool, n, subcommand, false)?;
        }
    }

    step(&format!("N = {n}: cargo build / cargo check after a fresh regeneration, {} runs each", options.build_runs));
    let mut builds = [Build::default(), Build::default(), Build::default()];
    for run in 0..options.build_runs {
        for subcommand in ["build", "check"] {
            for index in rotation(run, built.len()) {
                scratch::generate(paths, built[index], n)?;
                let sample = scratch::cargo(paths, built[index], n, subcommand, true)?;
                let target = if subcommand == "build" { &mut builds[index].build } else { &mut builds[index].check };
                target.push(seconds(sample.wall));
                eprintln!("   {} {subcommand}: {:.2} s", built[index].label(), seconds(sample.wall));
            }
        }
    }
    let [ours, progenitor] = generation;
    let [ours_build, progenitor_build, floor_build] = builds;
    Ok(SizeResult { endpoints: n, ours, progenitor, ours_build, progenitor_build, floor_build, floor_lines })
}

/// `0..len`, starting one further each run, so that no crate is always built first.
fn rotation(run: usize, len: usize) -> Vec<usize> {
    (0..len).map(|index| (run + index) % len).collect()
}

/// Which tool goes first alternates from run to run.
fn order(run: usize) -> [usize; 2] {
    if run.is_multiple_of(2) { [0, 1] } else { [1, 0] }
}

/// `cargo xtask gen` on the real schema when nothing changed: the binary alone and the whole
/// command (cargo's own freshness check included). Every timed run must write nothing.
fn measure_noop(paths: &Paths, runs: usize) -> io::Result<NoOp> {
    step(&format!("no-op `cargo xtask gen` on the real schema, {runs} runs"));
    let mut noop = NoOp::default();
    let first = checked(Command::new(&paths.xtask_dev).current_dir(&paths.root).arg("gen"))?;
    noop.first_written = parse_written(&first.output).map_or(usize::MAX, |(written, _)| written);
    for run in 0..runs {
        for index in order(run) {
            let sample = if index == 0 {
                checked(Command::new(&paths.xtask_dev).current_dir(&paths.root).arg("gen"))?
            } else {
                checked(Command::new(&paths.cargo).current_dir(&paths.root).args(["xtask", "gen"]))?
            };
            let (written, unchanged) = parse_written(&sample.output)
                .ok_or_else(|| io::Error::other(format!("unexpected output of `xtask gen`:\n{}", sample.output)))?;
            noop.written += written;
            noop.unchanged = unchanged;
            if index == 0 { &mut noop.binary_seconds } else { &mut noop.cargo_seconds }.push(seconds(sample.wall));
        }
    }
    Ok(noop)
}

/// `N written, M unchanged, K removed` from the last line of `xtask gen`.
fn parse_written(output: &str) -> Option<(usize, usize)> {
    let line = output.lines().rev().find(|line| line.contains(" written, "))?;
    let mut numbers = line.split(|c: char| !c.is_ascii_digit()).filter(|part| !part.is_empty());
    let written: usize = numbers.next()?.parse().ok()?;
    let unchanged = numbers.next()?.parse().ok()?;
    let removed: usize = numbers.next()?.parse().ok()?;
    Some((written + removed, unchanged))
}

/// The hand-written runtime (`apigen-runtime`) is a dependency of our scratch
/// crate, built once like `progenitor-client`; its own build time is reported for the record.
fn measure_runtime_build(paths: &Paths, runs: usize, sizes: &[SizeResult]) -> io::Result<Vec<f64>> {
    let Some(first) = sizes.first() else { return Ok(Vec::new()) };
    step("the runtime crate's own build (apigen-runtime), for the record");
    let workspace = paths.workspace(Tool::Ours, first.endpoints);
    let mut times = Vec::new();
    for _ in 0..runs {
        let mut clean = Command::new(&paths.cargo);
        clean.current_dir(&workspace).args(["clean", "--quiet", "--package", "apigen-runtime"]);
        checked(&mut clean)?;
        let mut build = Command::new(&paths.cargo);
        build
            .current_dir(&workspace)
            .args(["build", "--quiet", "--offline", "--package", "apigen-runtime"])
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("CARGO_TARGET_DIR");
        times.push(seconds(checked(&mut build)?.wall));
    }
    Ok(times)
}

/// Runs the criterion benchmark and reads its medians.
fn measure_decode(paths: &Paths) -> io::Result<Vec<Throughput>> {
    step("criterion: decoding the seed response, encoding the seed request");
    let mut command = Command::new(&paths.cargo);
    command.current_dir(&paths.root).args(["bench", "--quiet", "--package", "bench", "--bench", "decode"]);
    let sample = checked(&mut command)?;
    eprint!("{}", sample.output);
    let mut found = Vec::new();
    for (group, id, bytes_file) in DECODE_IDS {
        let estimates = paths.root.join("target/criterion").join(group).join(id).join("new/estimates.json");
        let text = std::fs::read_to_string(&estimates)
            .map_err(|error| io::Error::other(format!("{}: {error}", estimates.display())))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(io::Error::other)?;
        let median_ns = json["median"]["point_estimate"].as_f64().unwrap_or(f64::NAN);
        let bytes = std::fs::metadata(paths.root.join(bytes_file)).map(|meta| meta.len()).unwrap_or(0);
        found.push(Throughput { id: format!("{group}/{id}"), median_ns, bytes });
    }
    Ok(found)
}

/// Runs the client-call benchmark and reads its medians.
fn measure_client(paths: &Paths) -> io::Result<Vec<Throughput>> {
    step("criterion: a client call against a bare reqwest call, loopback");
    let mut command = Command::new(&paths.cargo);
    command.current_dir(&paths.root).args(["bench", "--quiet", "--package", "bench", "--bench", "client"]);
    let sample = checked(&mut command)?;
    eprint!("{}", sample.output);
    let mut found = Vec::new();
    for id in CLIENT_IDS {
        let estimates = paths.root.join("target/criterion/client_call").join(id).join("new/estimates.json");
        let text = std::fs::read_to_string(&estimates)
            .map_err(|error| io::Error::other(format!("{}: {error}", estimates.display())))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(io::Error::other)?;
        let median_ns = json["median"]["point_estimate"].as_f64().unwrap_or(f64::NAN);
        found.push(Throughput { id: format!("client_call/{id}"), median_ns, bytes: 0 });
    }
    Ok(found)
}

/// The criterion ids of `benches/client.rs` (group `client_call`).
pub const CLIENT_IDS: [&str; 2] = ["usercom_update_user", "bare_reqwest"];

/// `bench decode-loop WHICH N`: decodes the seed response N times (`none` only starts up), so
/// that callgrind can count the instructions of one decode.
fn decode_loop(which: &str, iterations: usize) -> bool {
    use bench::{HandUser, RESPONSE};
    for _ in 0..iterations {
        match which {
            "generated_User" => drop(std::hint::black_box(serde_json::from_str::<usercom::User>(RESPONSE).ok())),
            "hand_written_struct" => drop(std::hint::black_box(serde_json::from_str::<HandUser>(RESPONSE).ok())),
            "serde_json_Value" => drop(std::hint::black_box(serde_json::from_str::<serde_json::Value>(RESPONSE).ok())),
            "none" => {}
            _ => return false,
        }
    }
    true
}

/// Instructions per decode under callgrind (repeatable on a noisy machine), when valgrind is
/// installed: (count of N decodes - count of none) / N.
fn measure_instructions(me: &Path) -> io::Result<Vec<(String, f64)>> {
    const ITERATIONS: usize = 2000;
    if Command::new("valgrind").arg("--version").output().is_err() {
        return Ok(Vec::new());
    }
    step("callgrind: instructions per decode");
    let count = |which: &str, iterations: usize| -> io::Result<f64> {
        let sample = checked(
            Command::new("valgrind").args(["--tool=callgrind", "--callgrind-out-file=/dev/null"]).arg(me).args([
                "decode-loop",
                which,
                &iterations.to_string(),
            ]),
        )?;
        sample
            .output
            .lines()
            .find_map(|line| line.split("Collected :").nth(1))
            .and_then(|number| number.trim().parse::<f64>().ok())
            .ok_or_else(|| io::Error::other(format!("no instruction count in:\n{}", sample.output)))
    };
    let base = count("none", 0)?;
    let mut found = Vec::new();
    for which in ["generated_User", "hand_written_struct", "serde_json_Value"] {
        found.push((which.to_owned(), (count(which, ITERATIONS)? - base) / ITERATIONS as f64));
    }
    Ok(found)
}

/// The criterion benchmark ids (group, function) and the file whose size is the throughput.
pub const DECODE_IDS: [(&str, &str, &str); 5] = [
    ("decode_user", "generated_User", "generated/tests/data/update_user.response.json"),
    ("decode_user", "hand_written_struct", "generated/tests/data/update_user.response.json"),
    ("decode_user", "serde_json_Value", "generated/tests/data/update_user.response.json"),
    ("decode_user", "generated_User_with_json_path", "generated/tests/data/update_user.response.json"),
    ("encode_request", "UpdateUserRequest", "generated/tests/data/update_user.request.json"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let parse = |args: &[&str]| parse_options(&args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>());
        let default = parse(&[]).expect("no arguments is fine");
        assert_eq!(
            (default.sizes.clone(), default.runs, default.build_runs, default.decode),
            (vec![100, 300, 1000], 7, 3, true)
        );
        let quick = parse(&["--quick", "--sizes", "1000,100", "--no-decode"]).expect("valid");
        assert_eq!((quick.sizes, quick.runs, quick.build_runs, quick.decode), (vec![100, 1000], 3, 1, false));
        let skip = parse(&["--no-client", "--no-cold"]).expect("valid");
        assert_eq!((skip.client, skip.cold, default.client, default.cold), (false, false, true, true));
        assert!(parse(&["--runs", "0"]).is_none());
        assert!(parse(&["--what"]).is_none());
    }

    #[test]
    fn reads_the_gen_summary() {
        assert_eq!(parse_written("wrote x\n0 written, 12 unchanged, 0 removed\n"), Some((0, 12)));
        assert_eq!(parse_written("2 written, 10 unchanged, 1 removed"), Some((3, 10)));
        assert_eq!(parse_written("nothing"), None);
    }
}
