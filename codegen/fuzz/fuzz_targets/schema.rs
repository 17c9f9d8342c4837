//! Fuzz target: any bytes as a schema file, next to a valid `api.yaml`. Loading, lowering,
//! locating and rendering every diagnostic, and emitting code must never panic, and an accepted
//! schema always renders. `fuzz/schema.dict` holds the names that make code generation hard
//! (`-dict=fuzz/schema.dict`); `fuzz/seeds` the fixtures and hostile names.
#![no_main]

use codegen::SourceFile;
use libfuzzer_sys::fuzz_target;

const API: &str = "api:\n  name: Fuzz\n  base_url: https://{tenant}.example.com/\n  auth: { header: Authorization, scheme: Token }\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let files = vec![
        SourceFile { name: "schema/api.yaml".into(), relative: "api.yaml".into(), text: API.into() },
        SourceFile { name: "schema/fuzz.yaml".into(), relative: "fuzz.yaml".into(), text: text.into() },
    ];
    match codegen::lower_sources(files) {
        Ok(api) => {
            if let Err(error) = codegen::render_api(&api) {
                panic!("an accepted schema does not render: {error}");
            }
        }
        Err(error) => {
            let _ = error.render(false);
        }
    }
});
