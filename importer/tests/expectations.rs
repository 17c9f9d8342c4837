//! The importer measured against hand-written expectations: `tests/expectations/<vendor>.yaml`,
//! written from the corpus pages by a person who did not look at the importer's output, give for
//! each endpoint its method, request URL and every request parameter (name, location, type,
//! required flag, limits). At least 95% of the parameters must come out right, every expected
//! endpoint must be found with its method and URL, and every miss is listed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use importer::doc::{Endpoint, Location};
use importer::read;
use importer::vendor::{self, fields, types};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expectations {
    vendor: String,
    endpoints: Vec<ExpectedEndpoint>,
}

#[derive(Deserialize)]
struct ExpectedEndpoint {
    file: String,
    line: usize,
    title: String,
    method: String,
    url: String,
    #[serde(default)]
    params: Vec<ExpectedParam>,
}

#[derive(Deserialize)]
struct ExpectedParam {
    name: String,
    #[serde(rename = "in")]
    location: String,
    #[serde(rename = "type")]
    ty: Option<String>,
    required: Option<bool>,
    max_length: Option<u32>,
    min_length: Option<u32>,
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn expectation_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest().join("tests/expectations"))
        .expect("tests/expectations")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

/// A request parameter as the importer reads it: dotted name, location, schema type, required.
struct Read {
    location: Location,
    ty: String,
    required: Option<bool>,
    description: String,
}

fn read_params(settings: &read::conventions::Settings, endpoint: &Endpoint) -> BTreeMap<(String, &'static str), Read> {
    let mut params = BTreeMap::new();
    for group in &endpoint.groups {
        if group.location == Location::Response {
            continue;
        }
        for row in &group.rows {
            let Some(name) = &row.name else { continue };
            let mut parts: Vec<String> = row.parents.clone();
            let nested = fields::split_nested(name);
            // `ids[]` alone is a name (a list's); `items[].sku` is nesting.
            if nested.len() == 1 {
                parts.push(name.clone());
            } else {
                parts.extend(nested.into_iter().map(|(segment, _)| segment));
            }
            let dotted = parts.join(".");
            let location = row.location.unwrap_or(group.location);
            let ty = match row.ty.as_deref() {
                Some(spelling) => types::schema_type(settings, spelling).unwrap_or_else(|| "json".into()),
                None => "string".into(),
            };
            params.entry((dotted, word(location))).or_insert(Read {
                location,
                ty,
                required: row.required,
                description: row.description.clone(),
            });
        }
    }
    params
}

fn word(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Body => "body",
        Location::Header => "header",
        Location::Response => "response",
    }
}

/// One URL as the schema sees it: entities decoded, without its query (the schema's path has
/// none; a page's example query string is not the endpoint's).
fn same_url(a: &str, b: &str) -> bool {
    let clean = |s: &str| {
        let s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        s.trim().split('?').next().unwrap_or("").trim_end_matches('/').to_owned()
    };
    clean(a) == clean(b)
}

fn same_type(expected: &str, read: &str) -> bool {
    match expected {
        // An object the page gives children for is a model; without children, `json`.
        "object" => read == "json" || !read.contains('(') && read.chars().next().is_some_and(char::is_uppercase),
        _ => expected == read,
    }
}

#[test]
fn the_importer_reads_the_hand_written_expectations() {
    let mut report = String::new();
    let (mut params_total, mut params_right, mut endpoints_total, mut endpoints_found) = (0, 0, 0, 0);
    let (mut limits_total, mut limits_right) = (0, 0);
    let mut vendors = 0;
    for file in expectation_files() {
        let text = std::fs::read_to_string(&file).expect("an expectations file");
        let expected: Expectations = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let dir = manifest().join("corpus").join(&expected.vendor);
        let settings = vendor::settings_for(&dir, None, false).expect("settings");
        let pages = read::read_pages(&dir, &settings).expect("the vendor's pages");
        vendors += 1;
        let (mut vendor_total, mut vendor_right) = (0, 0);
        for want in &expected.endpoints {
            endpoints_total += 1;
            params_total += want.params.len();
            vendor_total += want.params.len();
            let found = pages.endpoints.iter().find(|endpoint| {
                endpoint.url.file == want.file
                    && endpoint.method.value == want.method
                    && same_url(&endpoint.url.value, &want.url)
            });
            let Some(endpoint) = found else {
                let near: Vec<String> = pages
                    .endpoints
                    .iter()
                    .filter(|e| e.url.file == want.file && e.title.value == want.title)
                    .map(|e| format!("{} {} (line {})", e.method.value, e.url.value, e.url.line))
                    .collect();
                report.push_str(&format!(
                    "{}: {}:{} `{}` {} {} not found (same title: {near:?}); its {} params count as wrong\n",
                    expected.vendor,
                    want.file,
                    want.line,
                    want.title,
                    want.method,
                    want.url,
                    want.params.len()
                ));
                continue;
            };
            endpoints_found += 1;
            let read = read_params(&settings, endpoint);
            let placeholders = read::request_line::placeholder_names(&endpoint.url.value);
            for param in &want.params {
                let got = read.get(&(param.name.clone(), location_word(&param.location)));
                let right = match got {
                    None => {
                        param.location == "path" && placeholders.iter().any(|p| p == &param.name) && param.ty.is_none()
                    }
                    Some(got) => {
                        let type_ok = param.ty.as_deref().is_none_or(|ty| same_type(ty, &got.ty));
                        let required_ok = match param.required {
                            Some(true) => got.required == Some(true),
                            Some(false) | None => got.required != Some(true),
                        };
                        type_ok && required_ok
                    }
                };
                if let (Some(max), Some(got)) = (param.max_length, got) {
                    limits_total += 1;
                    let limits = importer_limits(&got.description);
                    if limits.0 == Some(max) {
                        limits_right += 1;
                    } else {
                        report.push_str(&format!(
                            "{}: {}:{} `{}` max_length {max}, read {:?}\n",
                            expected.vendor, want.file, want.line, param.name, limits.0
                        ));
                    }
                }
                let _ = param.min_length;
                if right {
                    params_right += 1;
                    vendor_right += 1;
                } else {
                    let got = got.map(|g| format!("{} {} required {:?}", word(g.location), g.ty, g.required));
                    report.push_str(&format!(
                        "{}: {}:{} `{}` param `{}`: want {} {:?} required {:?}, read {:?}\n",
                        expected.vendor,
                        want.file,
                        want.line,
                        want.title,
                        param.name,
                        param.location,
                        param.ty,
                        param.required,
                        got
                    ));
                }
            }
        }
        report.push_str(&format!("== {}: {vendor_right}/{vendor_total} params right\n", expected.vendor));
    }
    let share = params_right as f64 * 100.0 / params_total.max(1) as f64;
    eprintln!(
        "{report}\n{vendors} vendors, {endpoints_found}/{endpoints_total} endpoints found, {params_right}/{params_total} params right ({share:.1}%), {limits_right}/{limits_total} max lengths right"
    );
    assert!(
        vendors >= 15 && endpoints_total >= 60,
        "the expectations cover {vendors} vendors and {endpoints_total} endpoints"
    );
    assert_eq!(endpoints_found, endpoints_total, "every expected endpoint is found with its method and URL");
    assert!(share >= 95.0, "only {share:.1}% of the expected parameters are read right");
}

fn location_word(word: &str) -> &'static str {
    match word {
        "path" => "path",
        "query" => "query",
        "body" => "body",
        "header" => "header",
        _ => "unknown",
    }
}

/// The max length the importer writes for a description (its prose rule).
fn importer_limits(description: &str) -> (Option<u32>, Option<u32>) {
    let limits = importer::types::prose_limits(description);
    (limits.max.first().copied(), limits.min.first().copied())
}
