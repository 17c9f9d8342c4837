//! The auth a vendor's settings give lands in the new schema's `api.yaml` as written: a key
//! sent alone in its header has no `scheme`, and the generator accepts the folder as it is.

use std::path::Path;

const PAGE: &str = r#"# Contacts

## Get a contact

Returns one contact.

### HTTP Request

`GET https://api.example.com/v3/contacts/<ID>`

### URL Parameters

Parameter | Description
--------- | -----------
ID | The contact's id.
"#;

fn imported_api_yaml(settings: &str) -> (String, Vec<codegen::SourceFile>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("vendor-auth-{}", settings.len()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a pages folder");
    std::fs::write(dir.join("index.html.md"), PAGE).expect("the page");
    std::fs::write(dir.join("apigen-import.yaml"), settings).expect("the settings");
    let settings = importer::vendor::settings_for(&dir, None, false).expect("settings read");
    let imported = importer::vendor::import_dir(&dir, &settings).expect("imported");
    let api = imported.sources.iter().find(|file| file.relative == "api.yaml").expect("an api.yaml");
    (api.text.clone(), imported.sources.clone())
}

#[test]
fn a_key_sent_alone_in_its_header_is_written_without_a_scheme() {
    let (api, sources) = imported_api_yaml("auth: { header: api-key, description: The v3 key. }\n");
    assert!(api.contains("  auth:\n    header: api-key\n    description: The v3 key.\n"), "{api}");
    assert!(!api.contains("scheme"), "{api}");
    let lowered = codegen::__stages::lower_sources(sources).expect("the generator accepts the folder");
    assert_eq!((lowered.settings.auth_header.as_str(), lowered.settings.auth_scheme.as_str()), ("api-key", ""));
}

#[test]
fn a_scheme_in_the_settings_is_written_as_it_is() {
    let (api, sources) = imported_api_yaml("auth: { header: Authorization, scheme: Bearer }\n");
    assert!(api.contains("  auth:\n    header: Authorization\n    scheme: Bearer\n"), "{api}");
    let lowered = codegen::__stages::lower_sources(sources).expect("the generator accepts the folder");
    assert_eq!(lowered.settings.auth_scheme, "Bearer");
}
