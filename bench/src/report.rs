//! BENCHMARKS.md from the results of one run: the machine, the commands, every median and
//! ratio, which targets are met, and the hand-written notes in `bench/NOTES.md` (why a target
//! is missed, what the profile shows). Figures are never typed by hand.

use std::fmt::Write as _;
use std::process::Command;

use crate::measure::median;
use crate::scratch::{Lines, Paths};
use crate::{PROGENITOR_VERSION, Results, SizeResult};

const MIB: f64 = 1024.0 * 1024.0;

pub fn markdown(results: &Results, paths: &Paths, chart: &str) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# Benchmarks\n");
    let _ = writeln!(
        w,
        "Written by `cargo xtask bench{}`; every figure is the median of the runs of one invocation, \
         the two tools alternating run by run. Rerun it to update this file and `{chart}`.\n",
        if results.args.is_empty() { String::new() } else { format!(" {}", results.args) }
    );
    machine(w, paths);
    commands(w, results);
    targets(w, results);
    let _ = writeln!(w, "![Generation and build time against the number of endpoints]({chart})\n");
    generation(w, results);
    lines(w, results);
    builds(w, results);
    floor(w, results);
    growth(w, results);
    noop(w, results);
    decoding(w, results);
    client(w, results);
    front_door(w, results);
    downstream(w, results);
    stages(w, results);
    if let Ok(notes) = std::fs::read_to_string(paths.root.join("bench/NOTES.md")) {
        let _ = writeln!(w, "{}", notes.trim_end());
    }
    out
}

/// The short form printed at the end of a run.
pub fn summary(results: &Results) -> String {
    let mut out = String::new();
    for (name, met, text) in target_rows(results) {
        let _ = writeln!(out, "{} {name}: {text}", if met { "met   " } else { "MISSED" });
    }
    out
}

fn machine(w: &mut String, paths: &Paths) {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name").and_then(|rest| rest.split(':').nth(1)))
        .map_or_else(|| "unknown".to_owned(), |name| name.trim().to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                line.strip_prefix("MemTotal:")
                    .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            })
        })
        .map_or_else(|| "unknown".to_owned(), |kib| format!("{:.0} GiB", kib / MIB));
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("PRETTY_NAME=").map(|name| name.trim_matches('"').to_owned()))
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().to_owned();
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let _ = writeln!(w, "## Machine\n");
    let _ = writeln!(w, "- CPU: {cpu}, {cores} cores available; memory: {memory}");
    let _ = writeln!(w, "- OS: {os}, Linux {kernel}");
    let _ = writeln!(w, "- {rustc}; cargo-progenitor {PROGENITOR_VERSION} (release build, from crates.io)");
    let _ = writeln!(w, "- load average when the report was written: {load} (the machine is shared; see the medians)");
    let _ = writeln!(
        w,
        "- ours: `{}` (release build of `cargo xtask`); progenitor: `{}`\n",
        relative(paths, &paths.xtask_release),
        relative(paths, &paths.progenitor)
    );
}

fn relative(paths: &Paths, path: &std::path::Path) -> String {
    path.strip_prefix(&paths.root).unwrap_or(path).display().to_string()
}

fn commands(w: &mut String, results: &Results) {
    let largest = results.sizes.last().map_or(1000, |size| size.endpoints);
    let _ = writeln!(w, "## Commands\n");
    let _ = writeln!(
        w,
        "```sh
cargo xtask bench                 # all of this file (installs cargo-progenitor {PROGENITOR_VERSION} into target/tools once)
cargo xtask bench --quick         # fewer runs; --sizes 100,1000, --runs K, --build-runs K, --no-decode, --no-client, --no-cold
cargo xtask synth {largest}            # the workload alone: target/synth/{largest}/schema/ and openapi.json
cargo bench -p bench --bench decode                                  # the decoding benchmark alone
cargo bench -p bench --bench client                                  # a client call against bare reqwest
cargo run --release -p bench -- stages target/bench/synth-{largest}/schema  # where generation time goes
```
"
    );
    let _ = writeln!(
        w,
        "What each tool runs, per size N (`target/bench/synth-N/`):\n\n\
         - generation: `target/release/xtask gen --schema synth-N/schema --out build-ours-N/api/src/gen` and \
         `cargo-progenitor progenitor -i synth-N/openapi.json -o build-progenitor-N/api -n synth-api -v 0.1.0` \
         (default interface `positional`, tags `merged`), each into an emptied folder, {} timed runs each after one \
         untimed run; peak memory is the child's `ru_maxrss` from `wait4` (rustfmt, which progenitor runs, included);\n\
         - build: in the scratch workspaces `target/bench/build-{{ours,progenitor}}-N/` with every dependency built \
         beforehand, regenerate, then `cargo build` (or `cargo check`) with `CARGO_INCREMENTAL=0` (the crate is built \
         whole, as it is when a downstream project depends on it), dev profile, {} runs each. Our crate depends on \
         the hand-written runtime (`apigen-runtime`, default features), as progenitor's depends on `progenitor-client`.\n",
        results.runs, results.build_runs
    );
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    numerator / denominator
}

fn per_endpoint(lines: &Lines, size: &SizeResult) -> f64 {
    lines.total as f64 / size.endpoints as f64
}

/// (target, met, measured) for the table and the summary.
fn target_rows(results: &Results) -> Vec<(String, bool, String)> {
    let mut rows = Vec::new();
    let largest = results.sizes.iter().max_by_key(|size| size.endpoints);
    if let Some(size) = largest {
        let n = size.endpoints;
        let speed = ratio(median(&size.progenitor.seconds), median(&size.ours.seconds));
        rows.push((
            format!("generation at N = {n}: at least 12x faster than cargo-progenitor"),
            speed >= 12.0,
            format!("{speed:.1}x ({:.3} s vs {:.3} s)", median(&size.ours.seconds), median(&size.progenitor.seconds)),
        ));
        let memory = ratio(median(&size.ours.peak_bytes), median(&size.progenitor.peak_bytes));
        rows.push((
            format!("peak memory at N = {n}: at most a quarter of progenitor's"),
            memory <= 0.25,
            format!(
                "{:.2}x ({:.0} MiB vs {:.0} MiB)",
                memory,
                median(&size.ours.peak_bytes) / MIB,
                median(&size.progenitor.peak_bytes) / MIB
            ),
        ));
        let progenitor_lines = per_endpoint(&size.progenitor.lines, size);
        let default_lines = (size.ours.lines.total - size.ours.lines.gated) as f64 / n as f64;
        let default_ratio = default_lines / progenitor_lines;
        rows.push((
            "lines per endpoint, default build: at most half of progenitor's".to_owned(),
            default_ratio <= 0.5,
            format!(
                "{default_ratio:.2}x ({default_lines:.0} vs {progenitor_lines:.0}; without the `blocking`/`mock` files)"
            ),
        ));
        let all_lines = per_endpoint(&size.ours.lines, size);
        let all_ratio = all_lines / progenitor_lines;
        rows.push((
            "lines per endpoint, every feature: at most two thirds of progenitor's".to_owned(),
            all_ratio <= 2.0 / 3.0,
            format!("{all_ratio:.2}x ({all_lines:.0} vs {progenitor_lines:.0}; with the `blocking`/`mock` files)"),
        ));
        let build = ratio(median(&size.ours_build.build), median(&size.progenitor_build.build));
        rows.push((
            format!("`cargo build` of the generated crate at N = {n}, dependencies warm: at most a third"),
            build <= 1.0 / 3.0,
            format!(
                "{build:.2}x ({:.1} s vs {:.1} s)",
                median(&size.ours_build.build),
                median(&size.progenitor_build.build)
            ),
        ));
        let check = ratio(median(&size.ours_build.check), median(&size.progenitor_build.check));
        rows.push((
            format!("`cargo check` of the generated crate at N = {n}, dependencies warm: at most a quarter"),
            check <= 1.0 / 4.0,
            format!(
                "{check:.2}x ({:.1} s vs {:.1} s)",
                median(&size.ours_build.check),
                median(&size.progenitor_build.check)
            ),
        ));
    }
    if let (Some(small), Some(large)) = (results.sizes.first(), results.sizes.last())
        && large.endpoints > small.endpoints
    {
        let growth = ratio(median(&large.ours.seconds), median(&small.ours.seconds));
        let scale = large.endpoints as f64 / small.endpoints as f64;
        rows.push((
            format!("generation grows linearly from N = {} to {}", small.endpoints, large.endpoints),
            growth <= scale * 1.2,
            format!("{growth:.1}x the time for {scale:.0}x the endpoints"),
        ));
    }
    rows.push((
        "no-op `cargo xtask gen` on the real schema writes nothing".to_owned(),
        results.noop.written == 0,
        format!(
            "{} files written in {} runs; {:.3} s (binary), {:.3} s (`cargo xtask gen`)",
            results.noop.written,
            2 * results.runs,
            median(&results.noop.binary_seconds),
            median(&results.noop.cargo_seconds)
        ),
    ));
    let find = |id: &str| results.decode.iter().find(|item| item.id.ends_with(id)).map(|item| item.median_ns);
    if let (Some(ours), Some(value), Some(hand)) =
        (find("/generated_User"), find("/serde_json_Value"), find("/hand_written_struct"))
    {
        let instructions = |id: &str| results.instructions.iter().find(|(which, _)| which == id).map(|(_, n)| *n);
        let (ir_ours, ir_value, ir_hand) =
            (instructions("generated_User"), instructions("serde_json_Value"), instructions("hand_written_struct"));
        let ir_note = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => format!("; by instructions {:.2}x", b / a),
            _ => String::new(),
        };
        rows.push((
            "decoding `User`: at least 2x as fast as `serde_json::Value`".to_owned(),
            value / ours >= 2.0,
            format!("{:.2}x by time{}", value / ours, ir_note(ir_ours, ir_value)),
        ));
        rows.push((
            "decoding `User`: within 1.2x of the hand-written struct".to_owned(),
            ours / hand <= 1.2,
            format!(
                "{:.2}x by time{}",
                ours / hand,
                match (ir_ours, ir_hand) {
                    (Some(ours), Some(hand)) => format!("; by instructions {:.2}x", ours / hand),
                    _ => String::new(),
                }
            ),
        ));
    }
    if let Some((ours, bare)) = client_medians(results) {
        rows.push((
            "a client call (`update_user`, loopback): at most 1.1x a bare reqwest call".to_owned(),
            ours / bare <= 1.1,
            format!("{:.2}x ({:.1} µs vs {:.1} µs)", ours / bare, ours / 1e3, bare / 1e3),
        ));
    }
    rows
}

/// The medians (ns) of the client call and of the bare reqwest call.
fn client_medians(results: &Results) -> Option<(f64, f64)> {
    let find = |id: &str| results.client.iter().find(|item| item.id.ends_with(id)).map(|item| item.median_ns);
    Some((find("/usercom_update_user")?, find("/bare_reqwest")?))
}

fn targets(w: &mut String, results: &Results) {
    let _ = writeln!(w, "## Targets\n");
    let _ = writeln!(w, "| Target | Measured | |\n|---|---|---|");
    for (name, met, text) in target_rows(results) {
        let _ = writeln!(w, "| {name} | {text} | {} |", if met { "met" } else { "**missed**" });
    }
    let _ = writeln!(w);
}

fn generation(w: &mut String, results: &Results) {
    let _ = writeln!(w, "## Generation\n");
    let _ = writeln!(
        w,
        "| N | ours (s) | progenitor (s) | speed-up | ours peak (MiB) | progenitor peak (MiB) | memory ratio |\n\
         |---:|---:|---:|---:|---:|---:|---:|"
    );
    for size in &results.sizes {
        let (ours, theirs) = (median(&size.ours.seconds), median(&size.progenitor.seconds));
        let (ours_mem, theirs_mem) = (median(&size.ours.peak_bytes), median(&size.progenitor.peak_bytes));
        let _ = writeln!(
            w,
            "| {} | {ours:.3} | {theirs:.3} | {:.1}x | {:.1} | {:.1} | {:.2} |",
            size.endpoints,
            theirs / ours,
            ours_mem / MIB,
            theirs_mem / MIB,
            ours_mem / theirs_mem
        );
    }
    let _ = writeln!(w);
}

fn lines(w: &mut String, results: &Results) {
    let _ = writeln!(w, "## Generated code\n");
    let _ = writeln!(
        w,
        "Lines of Rust the tool writes (ours: `src/gen/**.rs`; progenitor: `src/lib.rs`), all lines counted.\n\n\
         | N | ours: lines | per endpoint | of which docs | behind `blocking`/`mock` | progenitor: lines | per endpoint | of which docs | ratio |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for size in &results.sizes {
        let (ours, theirs) = (&size.ours.lines, &size.progenitor.lines);
        let _ = writeln!(
            w,
            "| {} | {} | {:.0} | {} | {} | {} | {:.0} | {} | {:.2} |",
            size.endpoints,
            ours.total,
            per_endpoint(ours, size),
            ours.docs,
            ours.gated,
            theirs.total,
            per_endpoint(theirs, size),
            theirs.docs,
            ours.total as f64 / theirs.total as f64
        );
    }
    let _ = writeln!(w);
}

fn builds(w: &mut String, results: &Results) {
    let _ = writeln!(w, "## Building the generated crate (dependencies warm)\n");
    let _ = writeln!(
        w,
        "| N | ours `cargo build` (s) | progenitor `cargo build` (s) | ratio | ours `cargo check` (s) | progenitor `cargo check` (s) | ratio |\n\
         |---:|---:|---:|---:|---:|---:|---:|"
    );
    for size in &results.sizes {
        let (ours, theirs) = (median(&size.ours_build.build), median(&size.progenitor_build.build));
        let (ours_check, theirs_check) = (median(&size.ours_build.check), median(&size.progenitor_build.check));
        let _ = writeln!(
            w,
            "| {} | {ours:.2} | {theirs:.2} | {:.2} | {ours_check:.2} | {theirs_check:.2} | {:.2} |",
            size.endpoints,
            ours / theirs,
            ours_check / theirs_check
        );
    }
    if !results.runtime_build.is_empty() {
        let _ = writeln!(
            w,
            "\nFor the record: the hand-written runtime crate itself (`apigen-runtime`), a dependency \
             built once like `progenitor-client`, takes {:.2} s to `cargo build` with its own dependencies warm.",
            median(&results.runtime_build)
        );
    }
    let _ = writeln!(w);
}

fn floor(w: &mut String, results: &Results) {
    let _ = writeln!(
        w,
        "## The floor: plain serde structs
"
    );
    let _ = writeln!(
        w,
        "The cheapest crate that could hold the same types: one plain `#[derive(Serialize, Deserialize)]` struct per \
         model, request body, page and query (and an enum per string enum), fields of the same Rust types \
         (date-times as `String`), no methods, written by the bench from the same `openapi.json` \
         (`bench/src/floor.rs`) into `target/bench/build-floor-N/`, depending on serde and serde_json alone, and \
         built the same way as the two generated crates above. \"Above the floor\" is the tool's time over the \
         floor's.\n"
    );
    let _ = writeln!(
        w,
        "| N | floor: lines | ours: lines | progenitor: lines | floor `build` (s) | ours above floor | progenitor above floor | floor `check` (s) | ours above floor | progenitor above floor |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for size in &results.sizes {
        let floor_build = median(&size.floor_build.build);
        let floor_check = median(&size.floor_build.check);
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {floor_build:.2} | {:.1}x | {:.1}x | {floor_check:.2} | {:.1}x | {:.1}x |",
            size.endpoints,
            size.floor_lines.total,
            size.ours.lines.total,
            size.progenitor.lines.total,
            median(&size.ours_build.build) / floor_build,
            median(&size.progenitor_build.build) / floor_build,
            median(&size.ours_build.check) / floor_check,
            median(&size.progenitor_build.check) / floor_check
        );
    }
    let _ = writeln!(w);
}

fn growth(w: &mut String, results: &Results) {
    let _ = writeln!(w, "## Growth with N\n");
    let _ = writeln!(w, "| N | ours: ms per endpoint | progenitor: ms per endpoint |\n|---:|---:|---:|");
    for size in &results.sizes {
        let n = size.endpoints as f64;
        let _ = writeln!(
            w,
            "| {} | {:.3} | {:.3} |",
            size.endpoints,
            median(&size.ours.seconds) * 1e3 / n,
            median(&size.progenitor.seconds) * 1e3 / n
        );
    }
    if let (Some(small), Some(large)) = (results.sizes.first(), results.sizes.last())
        && large.endpoints > small.endpoints
    {
        let slope = |small: f64, large: f64| (large - small) / (large_n(results) - small_n(results));
        let ours = slope(median(&small.ours.seconds), median(&large.ours.seconds));
        let theirs = slope(median(&small.progenitor.seconds), median(&large.progenitor.seconds));
        let _ = writeln!(
            w,
            "\nFrom N = {} to {}: ours adds {:.3} ms per endpoint (fixed cost {:.0} ms), progenitor {:.3} ms \
             (fixed cost {:.0} ms). The time per endpoint does not grow with N: generation is linear.",
            small.endpoints,
            large.endpoints,
            ours * 1e3,
            (median(&small.ours.seconds) - ours * small_n(results)) * 1e3,
            theirs * 1e3,
            (median(&small.progenitor.seconds) - theirs * small_n(results)) * 1e3
        );
    }
    let _ = writeln!(w);
}

fn small_n(results: &Results) -> f64 {
    results.sizes.first().map_or(0.0, |size| size.endpoints as f64)
}

fn large_n(results: &Results) -> f64 {
    results.sizes.last().map_or(0.0, |size| size.endpoints as f64)
}

fn noop(w: &mut String, results: &Results) {
    let noop = &results.noop;
    let _ = writeln!(w, "## No-op `cargo xtask gen` on the real schema\n");
    let _ = writeln!(
        w,
        "After one run that brought `generated/` up to date ({} files written then), {} further runs wrote {} \
         files and left {} unchanged each. Median: {:.3} s for the `xtask` binary (dev profile, as `cargo xtask` \
         builds it), {:.3} s for the whole `cargo xtask gen` command (cargo's own freshness check included).\n",
        if noop.first_written == usize::MAX { "?".to_owned() } else { noop.first_written.to_string() },
        2 * results.runs,
        noop.written,
        noop.unchanged,
        median(&noop.binary_seconds),
        median(&noop.cargo_seconds)
    );
}

fn decoding(w: &mut String, results: &Results) {
    if results.decode.is_empty() {
        return;
    }
    let _ = writeln!(w, "## Decoding and encoding (criterion)\n");
    let _ = writeln!(
        w,
        "The seed \"Update user\" response (`generated/tests/data/update_user.response.json`, the docs page's \
         example) and request, `bench/benches/decode.rs`. The hand-written struct has the same fields and field \
         types as `User` (dates as `usercom::DateTime`) and no map of unknown keys.\n"
    );
    let value = results.decode.iter().find(|item| item.id.ends_with("/serde_json_Value")).map(|item| item.median_ns);
    let _ = writeln!(w, "| Benchmark | median | throughput | vs `serde_json::Value` |\n|---|---:|---:|---:|");
    for item in &results.decode {
        let throughput = item.bytes as f64 / (item.median_ns * 1e-9) / MIB;
        let versus = match value {
            Some(value) if item.id.starts_with("decode_user/") => format!("{:.2}x", value / item.median_ns),
            _ => String::new(),
        };
        let _ = writeln!(w, "| `{}` | {:.2} µs | {throughput:.0} MiB/s | {versus} |", item.id, item.median_ns / 1e3);
    }
    if !results.instructions.is_empty() {
        let _ = writeln!(
            w,
            "\nInstructions per decode under `valgrind --tool=callgrind` (repeatable where times are noisy):\n"
        );
        let _ = writeln!(w, "| Decoding into | instructions |\n|---|---:|");
        for (which, count) in &results.instructions {
            let _ = writeln!(w, "| `{which}` | {count:.0} |");
        }
    }
    let _ = writeln!(w);
}

fn client(w: &mut String, results: &Results) {
    let Some((ours, bare)) = client_medians(results) else { return };
    let _ = writeln!(w, "## The cost of a call (criterion)\n");
    let _ = writeln!(
        w,
        "`client.update_user(19678376, &request)` with the seed request (validate, build the request, send it, \
         decode the `User`) against a bare reqwest call that sends the same bytes (the method, URL, headers and body \
         the server saw from the client) and decodes the same `User` with `serde_json`, both to one loopback HTTP/1.1 \
         server answering with the seed response, server and calls on one current-thread tokio runtime; one \
         criterion group, `bench/benches/client.rs`.\n"
    );
    let _ = writeln!(w, "| Benchmark | median |\n|---|---:|");
    let _ = writeln!(w, "| `client_call/usercom_update_user` | {:.1} µs |", ours / 1e3);
    let _ = writeln!(w, "| `client_call/bare_reqwest` | {:.1} µs |", bare / 1e3);
    let _ = writeln!(w, "\nRatio: {:.2}x (target at most 1.1x).\n", ours / bare);
}

fn front_door(w: &mut String, results: &Results) {
    let door = &results.front_door;
    if door.from_macro.is_empty() {
        return;
    }
    let (from_macro, from_files) = (median(&door.from_macro), median(&door.from_files));
    let _ = writeln!(w, "## The macro front door\n");
    let _ = writeln!(
        w,
        "`cargo build` of a scratch crate whose only item is `apigen_macros::generate_api!` on the real `schema/`, \
         against the same crate built from the checked-in `generated/src/gen/` (`target/bench/front-door/`), \
         dependencies warm, `CARGO_INCREMENTAL=0`, {} runs each, alternating.\n",
        door.from_macro.len()
    );
    let _ = writeln!(w, "| Crate | `cargo build` (s) |\n|---|---:|");
    let _ = writeln!(w, "| `generate_api!(\"schema\")` | {from_macro:.2} |");
    let _ = writeln!(w, "| checked-in files | {from_files:.2} |");
    let _ = writeln!(
        w,
        "\nThe macro costs {:.2} s more ({:.2}x): parsing the schema and generating the code inside rustc.\n",
        from_macro - from_files,
        from_macro / from_files
    );
}

fn downstream(w: &mut String, results: &Results) {
    downstream_section(w, &results.downstream);
}

/// The downstream section alone (`cargo xtask bench --downstream-only` prints it).
pub fn downstream_section(w: &mut String, down: &crate::downstream::Downstream) {
    if down.ours_deps == 0 {
        return;
    }
    let _ = writeln!(w, "## A downstream crate's whole build\n");
    let _ = writeln!(
        w,
        "A fresh binary crate that depends on `usercom` (path dependency, 98 endpoints, default features) or on \
         progenitor's generated crate for the synthetic API at N = {n} (`target/bench/downstream-*/`). \
         Progenitor's crate asks reqwest ({reqwest}) for no TLS backend, so as generated it cannot call an `https` \
         API; its user adds one, here reqwest's rustls feature (`rustls`, or `rustls-tls` before 0.13), the closest to \
         `usercom`'s default (rustls with `ring` and the platform verifier). Both rows with TLS are the fair \
         comparison. Dependencies: the crates in `cargo tree -e normal` of the client crate (with TLS: of the \
         downstream crate, less itself), each counted once, the client crate included.{cold}\n",
        n = down.progenitor_n,
        reqwest = down.progenitor_reqwest,
        cold = if down.ours_cold.is_empty() {
            " The cold builds were skipped (`--no-cold`)."
        } else {
            " Cold build: `cargo build` (dev profile, `CARGO_INCREMENTAL=0`) with an emptied target folder and every \
             dependency already downloaded, one run each."
        }
    );
    let _ = writeln!(w, "| Client crate | TLS | dependencies | cold `cargo build` (s) |\n|---|---|---:|---:|");
    let cold = |times: &[f64]| if times.is_empty() { "skipped".to_owned() } else { format!("{:.1}", median(times)) };
    let n = down.progenitor_n;
    let _ = writeln!(w, "| `usercom` | rustls (default) | {} | {} |", down.ours_deps, cold(&down.ours_cold));
    let _ = writeln!(w, "| progenitor, N = {n} | none | {} | {} |", down.progenitor_deps, cold(&down.progenitor_cold));
    let _ = writeln!(
        w,
        "| progenitor, N = {n} | reqwest rustls | {} | {} |",
        down.progenitor_tls_deps,
        cold(&down.progenitor_tls_cold)
    );
    if !down.ours_cold.is_empty() && !down.progenitor_tls_cold.is_empty() {
        let _ = writeln!(
            w,
            "\nWith TLS on both sides, `usercom`'s cold build takes {:.2}x the time of progenitor's crate's.",
            median(&down.ours_cold) / median(&down.progenitor_tls_cold)
        );
    }
    let _ = writeln!(w);
}

fn stages(w: &mut String, results: &Results) {
    if results.stages.is_empty() {
        return;
    }
    let largest = results.sizes.last().map_or(0, |size| size.endpoints);
    let _ = writeln!(w, "## Where our generation time goes (N = {largest}, one thread, in-process)\n");
    let _ = writeln!(w, "| Stage | median |\n|---|---:|");
    for (name, time) in &results.stages {
        let _ = writeln!(w, "| {name} | {:.1} ms |", time.as_secs_f64() * 1e3);
    }
    let _ = writeln!(
        w,
        "\nThe command spreads parsing, emitting and rendering over every core, so its wall time is lower than the sum \
         when cores are free.\n"
    );
}
