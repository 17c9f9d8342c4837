//! Makes a directory hold exactly a set of files: writes only files whose bytes differ (through a
//! temporary file and a rename, so a crash never leaves half a file), removes files nobody
//! generates any more, and in check mode only reports what it would do.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Mode;

/// What a sync did (or, in check mode, would do). Paths are relative, with `/` separators.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: usize,
}

/// Makes `dir` contain exactly `wanted` (relative path, contents). Files are compared and
/// written on every core: creating a few hundred files is mostly the file system's time, which
/// two threads halve; the report lists them in `wanted` order all the same.
pub fn sync_dir(dir: &Path, wanted: &[(String, String)], mode: Mode) -> io::Result<SyncReport> {
    let mut report = SyncReport::default();
    let existing = list_files(dir)?;
    let wanted_paths: BTreeSet<&str> = wanted.iter().map(|(path, _)| path.as_str()).collect();
    let outcomes = on_every_core(wanted.len(), |index| {
        let (path, contents) = &wanted[index];
        let target = dir.join(path);
        match fs::read(&target) {
            Ok(current) if current == contents.as_bytes() => return Ok(false),
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(with_path(error, &target)),
        }
        if mode == Mode::Write {
            write_atomically(&target, contents.as_bytes()).map_err(|error| with_path(error, &target))?;
        }
        Ok(true)
    });
    for ((path, _), outcome) in wanted.iter().zip(outcomes) {
        if outcome? {
            report.written.push(path.clone());
        } else {
            report.unchanged += 1;
        }
    }
    for path in existing.iter().filter(|path| !wanted_paths.contains(path.as_str())) {
        if mode == Mode::Write {
            let target = dir.join(path);
            fs::remove_file(&target).map_err(|error| with_path(error, &target))?;
        }
        report.removed.push(path.clone());
    }
    if mode == Mode::Write {
        remove_empty_dirs(dir)?;
    }
    Ok(report)
}

/// `job(0..count)` on every available core, results in index order.
fn on_every_core<T: Send>(count: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(count);
    if threads <= 1 {
        return (0..count).map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            return mine;
                        }
                        mine.push((index, job(index)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, value)| value).collect()
}

/// Makes one file hold `wanted`, or not exist when `wanted` is `None`; reports whether it
/// changed (or, in check mode, would change).
pub fn sync_file(path: &Path, wanted: Option<&str>, mode: Mode) -> io::Result<bool> {
    let current = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(with_path(error, path)),
    };
    let changed = current.as_deref() != wanted.map(str::as_bytes);
    if changed && mode == Mode::Write {
        match wanted {
            Some(contents) => write_atomically(path, contents.as_bytes()).map_err(|error| with_path(error, path))?,
            None => fs::remove_file(path).map_err(|error| with_path(error, path))?,
        }
    }
    Ok(changed)
}

/// Every file below `dir`, relative, sorted; an absent `dir` holds nothing.
fn list_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), String::new())];
    while let Some((current, prefix)) = pending.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound && prefix.is_empty() => return Ok(found),
            Err(error) => return Err(with_path(error, &current)),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if entry.file_type()?.is_dir() {
                pending.push((entry.path(), relative));
            } else {
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes next to the target, then renames over it: readers (and a run that is interrupted)
/// see the old or the new file, never a mix. No `fsync`: these files are regenerated by one
/// command, and syncing each of a few hundred files cost more than all of generation.
fn write_atomically(target: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let file_name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = target.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        drop(file);
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn remove_empty_dirs(dir: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            remove_empty_dirs(&entry.path())?;
            if fs::read_dir(entry.path())?.next().is_none() {
                fs::remove_dir(entry.path())?;
            }
        }
    }
    Ok(())
}

fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn wanted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect()
    }

    #[test]
    fn writes_then_leaves_alone_then_removes_stale_files() {
        let dir = scratch("cycle");
        let first = sync_dir(&dir, &wanted(&[("mod.rs", "a"), ("users/x.rs", "b")]), Mode::Write).unwrap();
        assert_eq!(first.written, ["mod.rs", "users/x.rs"]);

        let again = sync_dir(&dir, &wanted(&[("mod.rs", "a"), ("users/x.rs", "b")]), Mode::Write).unwrap();
        assert_eq!(again, SyncReport { written: vec![], removed: vec![], unchanged: 2 });

        let check = sync_dir(&dir, &wanted(&[("mod.rs", "changed")]), Mode::Check).unwrap();
        assert_eq!(check.written, ["mod.rs"]);
        assert_eq!(check.removed, ["users/x.rs"]);
        assert_eq!(fs::read_to_string(dir.join("mod.rs")).unwrap(), "a", "check mode changes nothing");

        let shrink = sync_dir(&dir, &wanted(&[("mod.rs", "changed")]), Mode::Write).unwrap();
        assert_eq!(shrink.removed, ["users/x.rs"]);
        assert!(!dir.join("users").exists(), "emptied folders go too");
        assert_eq!(fs::read_to_string(dir.join("mod.rs")).unwrap(), "changed");
        fs::remove_dir_all(&dir).unwrap();
    }
}
