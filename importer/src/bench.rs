//! `cargo xtask import --bench ROWS`: the time to import a page whose attribute table has ROWS
//! rows (parse, convert, write YAML), to show that import time grows linearly with the page;
//! and `import --bench-pages DIR`: the throughput (MB/s) of reading and converting every
//! vendor's pages under DIR, and of the whole of them read 1, 4 and 16 times as one page, to
//! show the readers stay linear. Benchmarks, not tests: they print figures and assert nothing.

use std::io::Write;
use std::time::Instant;

use crate::convert::{self, Context};
use crate::page;

/// A page in the vendor's form with `rows` table rows and a request example sending them all.
pub fn bench_page(rows: usize) -> String {
    let mut text = String::from("# Bench rows\nA page with a long table.\nPOST\n/bench/\n");
    text.push_str("Attributes | Type | Required | Description |\n---|---|---|---|\n");
    for row in 0..rows {
        text.push_str(&format!(
            "field_{row} | string | no | Field {row}, limited to 100 characters (the maximum number of characters is 100). |\n"
        ));
    }
    text.push_str("# Request\n- CURL\ncurl -X POST -d '{\n");
    for row in 0..rows {
        text.push_str(&format!("\"field_{row}\": \"value {row}\"{}\n", if row + 1 < rows { "," } else { "" }));
    }
    text.push_str("}' \"https://<your_app_subdomain>.user.com/api/public/bench/\"\n# Response\n{\"id\": 1}\n");
    text
}

/// Imports the page of `rows` rows once; returns the seconds it took and the YAML's length.
pub fn bench_rows(rows: usize) -> Result<(f64, usize), String> {
    let text = bench_page(rows);
    let started = Instant::now();
    let page = page::parse(text.as_bytes()).map_err(|error| error.to_string())?;
    let context =
        Context { overrides: None, overrides_key: None, overrides_label: "none", models: &[], prefer_response: None };
    let imported = convert::convert(&page, &context).map_err(|errors| format!("{errors:?}"))?;
    let yaml = crate::yaml::write(&imported.tree);
    Ok((started.elapsed().as_secs_f64(), yaml.len()))
}

/// Prints the figures for `rows` and for a tenth and a hundredth of it (the growth).
pub fn run(rows: usize, out: &mut dyn Write) -> u8 {
    for size in [rows / 100, rows / 10, rows].into_iter().filter(|&size| size > 0) {
        match bench_rows(size) {
            Ok((seconds, bytes)) => {
                let _ = writeln!(
                    out,
                    "{size:>7} rows: {:>9.3} ms ({:.2} µs a row, {bytes} bytes of YAML)",
                    seconds * 1000.0,
                    seconds * 1e6 / size as f64
                );
            }
            Err(error) => {
                let _ = writeln!(out, "{size} rows: error: {error}");
                return 1;
            }
        }
    }
    0
}

/// Reads and converts every vendor folder under `dir`, then all their pages as one text 1, 4
/// and 16 times over; prints MB/s for each.
pub fn run_pages(dir: &std::path::Path, out: &mut dyn Write) -> u8 {
    use crate::read::{self, conventions::Settings, layout, markdown};
    let mut vendors: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect(),
        Err(error) => {
            let _ = writeln!(out, "error: {}: {error}", dir.display());
            return 1;
        }
    };
    vendors.sort();
    let settings = Settings::default();
    let mut all = String::new();
    let (mut bytes, mut seconds) = (0usize, 0f64);
    for vendor in &vendors {
        let Ok((files, _)) = read::page_files(vendor) else { continue };
        let texts: Vec<String> =
            files.iter().filter_map(|file| std::fs::read_to_string(vendor.join(file)).ok()).collect();
        let size: usize = texts.iter().map(String::len).sum();
        let started = Instant::now();
        let pages = match read::read_pages(vendor, &settings) {
            Ok(pages) => pages,
            Err(error) => {
                let _ = writeln!(out, "{}: error: {error}", vendor.display());
                return 1;
            }
        };
        let converted = crate::vendor::schema::convert(&pages, &settings, "Bench");
        let elapsed = started.elapsed().as_secs_f64();
        let _ = writeln!(
            out,
            "{:<14} {:>8.1} KB {:>8.2} ms {:>7.1} MB/s ({} endpoints)",
            vendor.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            size as f64 / 1e3,
            elapsed * 1e3,
            size as f64 / 1e6 / elapsed,
            converted.endpoints
        );
        bytes += size;
        seconds += elapsed;
        for text in texts {
            all.push_str(&text);
            all.push_str("\n\n");
        }
    }
    let _ = writeln!(
        out,
        "{:<14} {:>8.1} KB {:>8.2} ms {:>7.1} MB/s",
        "all vendors",
        bytes as f64 / 1e3,
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds
    );
    for times in [1, 4, 16] {
        let text = all.repeat(times);
        let started = Instant::now();
        let parsed = markdown::parse(&text);
        let mut pages = crate::doc::Pages::default();
        layout::read_file(&settings, "all.md", &parsed.blocks, &mut pages);
        let converted = crate::vendor::schema::convert(&pages, &settings, "Bench");
        let elapsed = started.elapsed().as_secs_f64();
        let _ = writeln!(
            out,
            "one page x{times:<3} {:>8.1} KB {:>8.2} ms {:>7.1} MB/s ({} endpoints)",
            text.len() as f64 / 1e3,
            elapsed * 1e3,
            text.len() as f64 / 1e6 / elapsed,
            converted.endpoints
        );
    }
    0
}
