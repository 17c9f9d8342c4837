//! Where the snapshot of the vendor's docs pages lives, and which of its files are pages: shared
//! by the import, the check and the refresh.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The snapshot of the vendor's docs pages, relative to the repository: what `import` and
/// `import --check` read when no page is given.
pub const SNAPSHOT: &str = "importer/pages";

/// The `.md` pages of a snapshot folder, by name.
pub fn snapshot_pages(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut pages: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    pages.sort();
    Ok(pages)
}
