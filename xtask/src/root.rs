//! Where the repository is, found at run time (never where the binary was built).

use std::path::{Path, PathBuf};

/// The repository root, found at run time: the parent of `CARGO_MANIFEST_DIR`, which `cargo
/// run` (and so `cargo xtask`) sets to this checkout's `xtask/`; otherwise the nearest folder
/// at or above the working directory that holds a `Cargo.toml` and an `xtask/` folder. Never
/// the path the binary was compiled in: two checkouts sharing a target folder share the binary.
pub fn project_root() -> PathBuf {
    let from_cargo = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .filter(|manifest| manifest.join("Cargo.toml").is_file())
        .and_then(|manifest| manifest.parent().map(Path::to_path_buf));
    from_cargo
        .or_else(|| {
            let cwd = std::env::current_dir().ok()?;
            cwd.ancestors()
                .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("xtask").is_dir())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("."))
}
