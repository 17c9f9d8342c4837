//! `cargo xtask import --bench ROWS`: the time to import a page whose attribute table has ROWS
//! rows (parse, convert, write YAML), to show that import time grows linearly with the page.
//! A benchmark, not a test: it prints the figure and asserts nothing.

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
