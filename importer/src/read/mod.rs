//! Readers of vendors' page layouts, into the page model of `doc`: a folder of Markdown pages
//! (Slate's `index.html.md` and its includes in their declared order, then every other Markdown
//! file under the folder in path order) read block by block (`markdown`), endpoints found by
//! their request lines (`layout`), rows read from tables of any columns and definition lists
//! (`rows`), all by the vendor's conventions (`conventions`).

pub mod conventions;
mod html_table;
pub mod layout;
pub mod markdown;
pub mod request_line;
pub mod rows;

use std::fs;
use std::path::{Path, PathBuf};

use crate::doc::{Note, Pages};

use conventions::Settings;

/// Larger than any docs page by far; a bigger file is refused, not read.
const MAX_FILE_BYTES: u64 = 8 << 20;

/// The Markdown files of a pages folder in reading order, as paths relative to it, and notes
/// about includes that are missing.
pub fn page_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Note>), String> {
    let mut all = Vec::new();
    collect(dir, dir, &mut all).map_err(|error| format!("{}: {error}", dir.display()))?;
    all.sort();
    let mut notes = Vec::new();
    let index = [PathBuf::from("source/index.html.md"), PathBuf::from("index.html.md")]
        .into_iter()
        .find(|candidate| all.contains(candidate));
    let mut ordered = Vec::new();
    if let Some(index) = index {
        let text = fs::read_to_string(dir.join(&index)).map_err(|error| format!("{}: {error}", index.display()))?;
        let base = index.parent().unwrap_or(Path::new("")).join("includes");
        ordered.push(index.clone());
        for (line, include) in slate_includes(&text) {
            let (folder, name) = match include.rsplit_once('/') {
                Some((folder, name)) => (base.join(folder), name.to_owned()),
                None => (base.clone(), include.clone()),
            };
            let candidates = [folder.join(format!("_{name}.md")), folder.join(format!("{name}.md"))];
            match candidates.iter().find(|candidate| all.contains(candidate)) {
                Some(found) if !ordered.contains(found) => ordered.push(found.clone()),
                Some(_) => {}
                None => notes.push(Note {
                    file: index.display().to_string(),
                    line,
                    text: format!("the include `{include}` names no file (looked for `{}`)", candidates[0].display()),
                }),
            }
        }
    }
    for file in all {
        if !ordered.contains(&file) {
            ordered.push(file);
        }
    }
    Ok((ordered, notes))
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(root, &path, out)?;
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
        }
    }
    Ok(())
}

/// Slate's front matter `includes:` list, each with its line in the file.
fn slate_includes(text: &str) -> Vec<(usize, String)> {
    let mut includes = Vec::new();
    let mut lines = text.lines().enumerate();
    if lines.next().map(|(_, line)| line.trim()) != Some("---") {
        return includes;
    }
    let mut in_includes = false;
    for (at, line) in lines {
        let trimmed = line.trim();
        if trimmed == "---" {
            break;
        }
        if !line.starts_with(' ') && !line.starts_with('-') {
            in_includes = trimmed == "includes:";
            continue;
        }
        if in_includes && let Some(item) = trimmed.strip_prefix("- ") {
            includes.push((at + 1, item.trim().trim_matches(['"', '\'']).to_owned()));
        }
    }
    includes
}

/// Reads every page of a folder into the page model.
pub fn read_pages(dir: &Path, settings: &Settings) -> Result<Pages, String> {
    let (files, notes) = page_files(dir)?;
    let mut pages = Pages { notes, ..Pages::default() };
    for file in files {
        let path = dir.join(&file);
        let label = file.display().to_string();
        let size = fs::metadata(&path).map_err(|error| format!("{label}: {error}"))?.len();
        if size > MAX_FILE_BYTES {
            return Err(format!("{label}: the file is larger than {} MiB", MAX_FILE_BYTES >> 20));
        }
        let bytes = fs::read(&path).map_err(|error| format!("{label}: {error}"))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let line =
                    error.as_bytes()[..error.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                return Err(format!("{label}:{line}: the file is not valid UTF-8"));
            }
        };
        let text = text.replace("\r\n", "\n");
        let parsed = markdown::parse(&text);
        layout::read_file(settings, &label, &parsed.blocks, &mut pages);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slate_front_matter_lists_includes_in_order() {
        let text = "---\ntitle: API\nlanguage_tabs:\n  - shell\nincludes:\n  - errors\n  - accounting/bills\nsearch: true\n---\n# Intro\n";
        assert_eq!(slate_includes(text), [(6, "errors".to_owned()), (7, "accounting/bills".to_owned())]);
        assert!(slate_includes("# No front matter\n").is_empty());
    }
}
