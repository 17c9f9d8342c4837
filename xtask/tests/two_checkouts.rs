//! One `xtask` binary, two checkouts: each run regenerates the checkout it is run in (by the
//! working directory, or by the `CARGO_MANIFEST_DIR` that `cargo xtask` sets), never the one
//! it was compiled in.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository holds xtask").to_path_buf()
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("a folder");
    for entry in fs::read_dir(from).expect("readable") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("named"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copied");
        }
    }
}

/// What `gen` reads and writes, copied: the schema, the generated crate, the README.
fn checkout(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-checkout-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let root = repository();
    for folder in ["schema", "generated"] {
        copy_tree(&root.join(folder), &dir.join(folder));
    }
    fs::copy(root.join("README.md"), dir.join("README.md")).expect("README");
    fs::write(dir.join("Cargo.toml"), "[workspace]\n").expect("a manifest");
    fs::create_dir_all(dir.join("xtask")).expect("xtask folder");
    fs::write(dir.join("xtask/Cargo.toml"), "[package]\nname = \"xtask\"\n").expect("xtask manifest");
    dir
}

fn gen_in(checkout: &Path, manifest_dir: Option<&Path>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.arg("gen").env_remove("CARGO_MANIFEST_DIR");
    match manifest_dir {
        Some(manifest_dir) => command.current_dir(std::env::temp_dir()).env("CARGO_MANIFEST_DIR", manifest_dir),
        None => command.current_dir(checkout.join("schema")),
    };
    let output = command.output().expect("xtask runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const TITLE: &str = "    /// Update user.\n";

fn update_user(checkout: &Path) -> String {
    fs::read_to_string(checkout.join("generated/src/gen/users/update_user.rs")).expect("generated file")
}

#[test]
fn each_checkout_regenerates_only_itself() {
    let (first, second) = (checkout("a"), checkout("b"));
    let before = fs::read_to_string(repository().join("generated/src/gen/users/update_user.rs")).expect("ours");
    let schema = first.join("schema/users/update_user.yaml");
    let text = fs::read_to_string(&schema).expect("schema").replace("title: Update user", "title: Update a user");
    fs::write(&schema, text).expect("edited");

    // By the working directory (a folder inside the first checkout).
    let report = gen_in(&first, None);
    assert!(report.contains("wrote   generated/src/gen/users/update_user.rs"), "{report}");
    assert!(update_user(&first).contains("    /// Update a user.\n"));
    assert!(update_user(&second).contains(TITLE), "the second checkout is untouched");

    // By `CARGO_MANIFEST_DIR`, as `cargo xtask` run in the second checkout sets it.
    let schema = second.join("schema/users/update_user.yaml");
    let text = fs::read_to_string(&schema).expect("schema").replace("title: Update user", "title: Update the user");
    fs::write(&schema, text).expect("edited");
    let report = gen_in(&second, Some(&second.join("xtask")));
    assert!(report.contains("wrote   generated/src/gen/users/update_user.rs"), "{report}");
    assert!(update_user(&second).contains("    /// Update the user.\n"));
    assert!(update_user(&first).contains("    /// Update a user.\n"), "the first checkout is untouched");

    let after = fs::read_to_string(repository().join("generated/src/gen/users/update_user.rs")).expect("ours");
    assert_eq!(before, after, "the checkout the binary was built in is untouched");
    let _ = fs::remove_dir_all(&first);
    let _ = fs::remove_dir_all(&second);
}
