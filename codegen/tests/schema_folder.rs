//! How the schema folder is read, for what a fixture folder cannot hold: symbolic links (a loop,
//! a chain of links that never ends, a link to a file or folder already read) and an editor's
//! lock file, which is a dangling link. Each test builds its folder in a fresh temporary
//! directory at run time.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const API: &str = "api:\n  name: Test API\n  base_url: https://{subdomain}.example.com/api/\n  auth: { header: Authorization, scheme: Token }\n";
const THING: &str = "endpoints:\n  get_thing:\n    method: GET\n    path: /things/\n    response: json\n";

/// A fresh, empty folder below the system's temporary directory, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(test: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("codegen-schema-folder-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(path.join("schema")).expect("create temp folder");
        fs::write(path.join("schema/api.yaml"), API).expect("write api.yaml");
        Folder(path)
    }

    fn schema(&self) -> PathBuf {
        self.0.join("schema")
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.schema().join(relative);
        fs::create_dir_all(path.parent().expect("has parent")).expect("create folder");
        fs::write(path, text).expect("write file");
    }

    fn link(&self, relative: &str, target: impl AsRef<Path>) {
        symlink(target, self.schema().join(relative)).expect("create symlink");
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn report(folder: &Folder) -> String {
    match apigen_codegen::__stages::load_api(&folder.schema(), "schema") {
        Ok(_) => "ok".to_owned(),
        Err(error) => error.render(false),
    }
}

/// The files read, by the path their module is made from.
fn modules(folder: &Folder) -> Vec<String> {
    let files = apigen_codegen::__stages::load::read_dir(&folder.schema(), "schema").expect("reads");
    files.into_iter().map(|file| file.relative).collect()
}

#[test]
fn a_symlink_loop_is_one_error_naming_it() {
    let folder = Folder::new("loop");
    folder.write("things/thing.yaml", THING);
    folder.link("things/again", "..");
    let report = report(&folder);
    assert_eq!(
        report,
        "error: symbolic link loop: `schema/things/again` leads back to `schema`\n \
         = in schema/things/again\n \
         = help: remove the link, or point it at a folder outside the schema\n\n\
         1 error in the schema\n",
    );
}

#[test]
fn a_link_to_its_own_folder_is_a_loop() {
    let folder = Folder::new("self");
    folder.write("things/thing.yaml", THING);
    folder.link("things/here", ".");
    let report = report(&folder);
    assert!(
        report.starts_with("error: symbolic link loop: `schema/things/here` leads back to `schema/things`\n"),
        "{report}"
    );
    assert!(report.ends_with("\n1 error in the schema\n"), "{report}");
}

#[test]
fn a_loop_of_file_links_is_one_error_naming_each_link() {
    let folder = Folder::new("chain");
    folder.write("thing.yaml", THING);
    folder.link("a.yaml", "b.yaml");
    folder.link("b.yaml", "a.yaml");
    folder.link("c.yaml", "d.yaml");
    folder.link("d.yaml", "e.yaml");
    folder.link("e.yaml", "c.yaml");
    let report = report(&folder);
    assert_eq!(
        report,
        "error: symbolic link loop: `schema/a.yaml` -> `schema/b.yaml` -> `schema/a.yaml`\n \
         = in schema/a.yaml\n = help: remove one of the links, or point it at a file\n\n\
         error: symbolic link loop: `schema/c.yaml` -> `schema/d.yaml` -> `schema/e.yaml` -> `schema/c.yaml`\n \
         = in schema/c.yaml\n = help: remove one of the links, or point it at a file\n\n\
         2 errors in the schema\n"
    );
}

#[test]
fn a_symlink_to_a_file_is_read_once() {
    let folder = Folder::new("file");
    folder.write("thing.yaml", THING);
    folder.link("also_thing.yaml", "thing.yaml");
    // Read twice, `get_thing` would be declared twice.
    assert_eq!(report(&folder), "ok");
    assert_eq!(modules(&folder), ["api.yaml", "thing.yaml"]);
}

#[test]
fn a_symlink_to_a_folder_read_already_is_not_read_again() {
    let folder = Folder::new("folder");
    folder.write("things/thing.yaml", THING);
    folder.link("more_things", "things");
    assert_eq!(report(&folder), "ok");
    assert_eq!(modules(&folder), ["api.yaml", "things/thing.yaml"]);
}

#[test]
fn a_symlink_to_a_file_outside_is_read_under_its_own_name() {
    let folder = Folder::new("outside");
    fs::write(folder.0.join("elsewhere.yaml"), THING).expect("write");
    folder.link("thing.yaml", "../elsewhere.yaml");
    assert_eq!(modules(&folder), ["api.yaml", "thing.yaml"]);
}

#[test]
fn an_editor_lock_file_is_ignored() {
    // Emacs locks `x.yaml` with a dangling link `.#x.yaml`; it must not fail the run.
    let folder = Folder::new("lock");
    folder.write("thing.yaml", THING);
    folder.link(".#thing.yaml", "user@host.1234:1700000000");
    assert_eq!(report(&folder), "ok");
    assert_eq!(modules(&folder), ["api.yaml", "thing.yaml"]);
}
