//! `cargo xtask import --refresh`: downloads every page of the docs snapshot from the URL on its
//! first line (`<!-- https://... -->`), reduces HTML pages to page text (`html`) and takes
//! Markdown sources as they are, writes only the pages that changed, and then runs
//! `import --check`. Every page is downloaded before anything is written, and a refresh that
//! fails on any page changes nothing on disk.
//!
//! Hidden options, for tests and mirrors: `--refresh-base URL` sends every request to `URL`'s
//! scheme, host and port instead of the page's own (path and query kept), and
//! `--refresh-timeout SECONDS` replaces the 30 s limit on one download.

mod fetch;
mod html;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;

use crate::snapshot::{SNAPSHOT, snapshot_pages};
use fetch::{Fetched, Fetcher, Limits};

/// The options of a refresh.
#[derive(Debug, Default, PartialEq)]
struct Settings {
    /// `--refresh-base`: the origin every request goes to instead of the page's own.
    base: Option<Url>,
    /// `--refresh-timeout`: the limit on one download.
    timeout: Option<Duration>,
}

impl Settings {
    fn parse(args: &[&str]) -> Result<Settings, String> {
        let mut settings = Settings::default();
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            match arg {
                "--refresh" => {}
                "--refresh-base" => {
                    let value = args.next().ok_or("`--refresh-base` needs a URL")?;
                    let url = Url::parse(value)
                        .ok()
                        .filter(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
                        .ok_or_else(|| {
                            format!(
                                "`--refresh-base` takes an http(s) URL such as `http://127.0.0.1:8080`, not `{value}`"
                            )
                        })?;
                    settings.base = Some(url);
                }
                "--refresh-timeout" => {
                    let value = args.next().ok_or("`--refresh-timeout` needs a number of seconds")?;
                    let seconds = value
                        .parse::<f64>()
                        .ok()
                        .filter(|seconds| seconds.is_finite() && *seconds > 0.0 && *seconds <= 3600.0)
                        .ok_or_else(|| {
                            format!("`--refresh-timeout` takes seconds (more than 0, at most 3600), not `{value}`")
                        })?;
                    settings.timeout = Some(Duration::from_secs_f64(seconds));
                }
                other => {
                    return Err(format!(
                        "`--refresh` refreshes the whole snapshot in {SNAPSHOT}/ and takes no `{other}`"
                    ));
                }
            }
        }
        Ok(settings)
    }
}

/// Runs `import --refresh ARGS` in the repository at `root`: 0 when the refreshed snapshot
/// matches the schema, 1 on a failed download or drift (the check's report says which),
/// 2 on bad usage.
/// `usage` is the command's usage text for a bad option; `check` runs the drift check once the
/// pages are written.
pub fn run(
    root: &Path,
    args: &[&str],
    usage: &str,
    check: &mut dyn FnMut(&mut dyn Write, &mut dyn Write) -> u8,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let settings = match Settings::parse(args) {
        Ok(settings) => settings,
        Err(message) => {
            let _ = writeln!(err, "error: {message}\n{usage}");
            return 2;
        }
    };
    match refresh(root, &settings, out, err) {
        Ok(true) => check(out, err),
        Ok(false) => 1,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            1
        }
    }
}

/// One page of the snapshot, downloaded.
struct Refreshed {
    path: PathBuf,
    label: String,
    text: String,
    changed: bool,
}

/// Downloads every page and writes those that changed; `false` (and nothing written) when any
/// page failed, each failure reported.
fn refresh(root: &Path, settings: &Settings, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<bool> {
    let dir = root.join(SNAPSHOT);
    let pages = snapshot_pages(&dir).map_err(|error| io::Error::new(error.kind(), format!("{SNAPSHOT}: {error}")))?;
    if pages.is_empty() {
        writeln!(err, "error: {SNAPSHOT}/ has no pages to refresh")?;
        return Ok(false);
    }
    let limits = Limits { timeout: settings.timeout.unwrap_or(Limits::default().timeout), ..Limits::default() };
    let fetcher = match Fetcher::new(limits) {
        Ok(fetcher) => fetcher,
        Err(message) => {
            writeln!(err, "error: {message}")?;
            return Ok(false);
        }
    };
    let mut done = Vec::new();
    // Pages that share a URL (two endpoints documented on one page) download it once.
    let mut downloads = HashMap::new();
    let mut failed = 0;
    for path in &pages {
        let label = format!("{SNAPSHOT}/{}", path.file_name().unwrap_or_default().to_string_lossy());
        match refresh_page(path, settings, &fetcher, &mut downloads) {
            Ok((text, changed)) => done.push(Refreshed { path: path.clone(), label, text, changed }),
            Err(message) => {
                writeln!(err, "error: {label}: {message}")?;
                failed += 1;
            }
        }
    }
    if failed > 0 {
        writeln!(
            err,
            "error: the refresh failed for {failed} of {} page{}; nothing in {SNAPSHOT}/ was changed",
            pages.len(),
            plural(pages.len())
        )?;
        return Ok(false);
    }
    let changed: Vec<&Refreshed> = done.iter().filter(|page| page.changed).collect();
    write_all(&changed)?;
    for page in &changed {
        writeln!(out, "refreshed {}", page.label)?;
    }
    writeln!(
        err,
        "{} page{} downloaded: {} refreshed, {} unchanged",
        pages.len(),
        plural(pages.len()),
        changed.len(),
        pages.len() - changed.len()
    )?;
    Ok(true)
}

/// The page's new text and whether it differs from the file, or why it cannot be had (a
/// sentence naming the URL).
fn refresh_page(
    path: &Path,
    settings: &Settings,
    fetcher: &Fetcher,
    downloads: &mut HashMap<Url, Result<Fetched, String>>,
) -> Result<(String, bool), String> {
    let old = fs::read(path).map_err(|error| error.to_string())?;
    let url_text = page_url(&old)?;
    let url = Url::parse(&url_text).map_err(|error| format!("line 1: `{url_text}` is not a URL: {error}"))?;
    let target = match &settings.base {
        Some(base) => rebase(&url, base),
        None => url.clone(),
    };
    let fetched = downloads.entry(target.clone()).or_insert_with(|| fetcher.get(&target));
    let fetched = fetched.as_ref().map_err(|message| format!("GET {target}: {message}"))?;
    let body = std::str::from_utf8(&fetched.body).map_err(|_| format!("GET {target}: the page is not valid UTF-8"))?;
    let text = match kind(fetched.content_type.as_deref(), &fetched.url) {
        Some(Kind::Html) => html::reduce(body).map_err(|message| format!("GET {target}: {message}"))?,
        Some(Kind::Markdown) => {
            let first = format!("<!-- {url_text} -->");
            match body.strip_prefix(first.as_str()) {
                Some(rest) => rest.trim_start_matches(['\r', '\n']).to_owned(),
                None => body.to_owned(),
            }
        }
        None => {
            return Err(format!(
                "GET {target}: the answer is neither HTML nor Markdown (Content-Type: {})",
                fetched.content_type.as_deref().unwrap_or("none")
            ));
        }
    };
    let text = format!("<!-- {url_text} -->\n{text}");
    let changed = old != text.as_bytes();
    Ok((text, changed))
}

/// The URL of the `<!-- https://... -->` line a snapshot page starts with.
fn page_url(page: &[u8]) -> Result<String, String> {
    let text = String::from_utf8_lossy(page);
    let first = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    first
        .trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .map(str::trim)
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .map(str::to_owned)
        .ok_or_else(|| "line 1: a snapshot page starts with its URL, as `<!-- https://... -->`".to_owned())
}

/// `url` with the scheme, host and port of `base`.
fn rebase(url: &Url, base: &Url) -> Url {
    let mut moved = base.clone();
    moved.set_path(url.path());
    moved.set_query(url.query());
    moved
}

/// What a downloaded page is.
enum Kind {
    Html,
    Markdown,
}

/// What the answer is: by its `Content-Type`, else (raw files of a docs repository are served
/// as `text/plain` or with no useful type) by the URL's extension.
fn kind(content_type: Option<&str>, url: &Url) -> Option<Kind> {
    let path = url.path().to_ascii_lowercase();
    match content_type {
        Some("text/html" | "application/xhtml+xml") => Some(Kind::Html),
        Some("text/markdown" | "text/x-markdown") => Some(Kind::Markdown),
        _ if path.ends_with(".md") || path.ends_with(".markdown") => Some(Kind::Markdown),
        None if path.ends_with(".html") || path.ends_with(".htm") || path.ends_with('/') => Some(Kind::Html),
        _ => None,
    }
}

/// Writes every changed page: all to temporary files first, then each renamed over its page,
/// so a failure while writing leaves the snapshot as it was.
fn write_all(pages: &[&Refreshed]) -> io::Result<()> {
    let temporary = |path: &Path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        path.with_file_name(format!(".{name}.refresh{}", std::process::id()))
    };
    let mut written: Vec<PathBuf> = Vec::new();
    for page in pages {
        let temp = temporary(&page.path);
        if let Err(error) = fs::write(&temp, page.text.as_bytes()) {
            for path in written.iter().chain([&temp]) {
                let _ = fs::remove_file(path);
            }
            return Err(io::Error::new(error.kind(), format!("{}: {error}; nothing was changed", temp.display())));
        }
        written.push(temp);
    }
    for (page, temp) in pages.iter().zip(&written) {
        fs::rename(temp, &page.path)
            .map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", page.label)))?;
    }
    Ok(())
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
