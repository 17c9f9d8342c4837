//! A vendor's pages (the page model) as a new schema folder: `api.yaml` (name, base URL and
//! auth, from the settings or as far as the pages say them) and one file per page file holding
//! its endpoints, with nested rows as models. Every guess is a warning naming the page line, so
//! the folder the generator accepts as it is still shows where a person should look.

use std::collections::{BTreeMap, BTreeSet};

use crate::doc::{Endpoint, Note, Pages};
use crate::read::conventions::Settings;
use crate::yaml::{Entry, Node};

use super::api::{api_file, base_url};
use super::fields::{EndpointConverter, FieldTree, KnownModel, insert_row};
use super::names::{TAKEN_METHODS, endpoint_name, module_path, resource_model_name, unique};

/// One file of the new schema folder: its path below the folder and its top-level keys.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaText {
    /// The path below the schema folder, such as `customers.yaml`.
    pub path: String,
    /// The file's YAML.
    pub text: String,
}

/// What converting a vendor's pages gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Converted {
    /// Every file of the new folder, `api.yaml` first.
    pub files: Vec<SchemaText>,
    /// Every warning, sorted by file and line.
    pub notes: Vec<Note>,
    /// Endpoints imported.
    pub endpoints: usize,
    /// Endpoints the pages show that the schema cannot hold yet (each one a note).
    pub skipped: usize,
    /// Rows that became a field, a parameter or a path parameter's description.
    pub rows_read: usize,
    /// Rows reported instead (no name, a location the schema cannot say yet, under no endpoint).
    pub rows_warned: usize,
}

/// A schema file being built: its endpoints and models.
#[derive(Default)]
struct FileParts {
    endpoints: Vec<Entry>,
    models: Vec<Entry>,
    enums: Vec<Entry>,
}

/// Converts the pages of one vendor. `folder_name` names the API when nothing else does.
pub fn convert(pages: &Pages, settings: &Settings, folder_name: &str) -> Converted {
    let mut out = Converted { notes: pages.notes.clone(), ..Converted::default() };
    let placed: usize = pages.endpoints.iter().map(endpoint_rows).sum::<usize>()
        + pages.resources.iter().map(|resource| resource.rows.len()).sum::<usize>();
    out.rows_warned += pages.rows_seen.saturating_sub(placed);
    let base = base_url(pages, settings, &mut out.notes);
    let mut by_file: BTreeMap<String, FileParts> = BTreeMap::new();
    let mut endpoint_names = BTreeSet::new();
    let mut name_counters = BTreeMap::new();
    let mut model_names: BTreeSet<String> = BTreeSet::new();
    let mut known = Vec::new();
    for resource in &pages.resources {
        let Some(wanted) = resource_model_name(&resource.heading.value) else {
            out.rows_warned += resource.rows.len();
            out.notes.push(Note {
                file: resource.heading.file.clone(),
                line: resource.heading.line,
                text: format!(
                    "the table under `{}` names no resource to make a model of, so it is not read",
                    resource.heading.value
                ),
            });
            continue;
        };
        let holder = Endpoint {
            title: resource.heading.clone(),
            description: Vec::new(),
            method: resource.heading.clone(),
            url: resource.heading.clone(),
            groups: Vec::new(),
            examples: Vec::new(),
        };
        let mut tree = FieldTree::default();
        for row in &resource.rows {
            if row.name.as_ref().is_some_and(|name| name.chars().any(|c| c.is_ascii_alphanumeric())) {
                insert_row(&mut tree, row);
            } else {
                out.rows_warned += 1;
                out.notes.push(Note {
                    file: row.file.clone(),
                    line: row.line,
                    text: "the row has no name, so it is not read".into(),
                });
            }
        }
        let mut converter = EndpointConverter {
            settings,
            endpoint: &holder,
            name: wanted.clone(),
            models: Vec::new(),
            enums: Vec::new(),
            model_names: &mut model_names,
            notes: &mut out.notes,
            known: &[],
            rows_read: 0,
            rows_warned: 0,
        };
        let name = converter.model(&tree, &wanted);
        let models = std::mem::take(&mut converter.models);
        let enums = std::mem::take(&mut converter.enums);
        out.rows_read += converter.rows_read;
        out.rows_warned += converter.rows_warned;
        by_file.entry(module_path(&resource.heading.file)).or_default().enums.extend(enums);
        known.push(KnownModel { name, fields: tree.children.iter().map(|(name, _)| name.clone()).collect() });
        by_file.entry(module_path(&resource.heading.file)).or_default().models.extend(models);
    }
    for endpoint in &pages.endpoints {
        let name = unique(&endpoint_name(endpoint), &mut endpoint_names, &mut name_counters, TAKEN_METHODS);
        let mut converter = EndpointConverter {
            settings,
            endpoint,
            name: name.clone(),
            models: Vec::new(),
            enums: Vec::new(),
            model_names: &mut model_names,
            notes: &mut out.notes,
            known: &known,
            rows_read: 0,
            rows_warned: 0,
        };
        let entries = match converter.run(&base) {
            Ok(entries) => entries,
            Err(reason) => {
                let rows = endpoint_rows(endpoint);
                out.rows_warned += rows;
                out.skipped += 1;
                out.notes.push(Note {
                    file: endpoint.url.file.clone(),
                    line: endpoint.url.line,
                    text: format!("the endpoint `{}` is not imported ({rows} rows): {reason}", endpoint.title.value),
                });
                endpoint_names.remove(&name);
                continue;
            }
        };
        let models = std::mem::take(&mut converter.models);
        let enums = std::mem::take(&mut converter.enums);
        out.rows_read += converter.rows_read;
        out.rows_warned += converter.rows_warned;
        let parts = by_file.entry(module_path(&endpoint.title.file)).or_default();
        parts.endpoints.push(Entry::new(name, Node::Map(entries)));
        parts.models.extend(models);
        parts.enums.extend(enums);
        out.endpoints += 1;
    }
    out.files.push(SchemaText {
        path: "api.yaml".into(),
        text: api_file(pages, settings, &base, folder_name, &mut out.notes),
    });
    let taken_paths: BTreeSet<String> = by_file.keys().cloned().collect();
    for (path, parts) in by_file {
        // A file beside a folder of one name cannot be both modules: the file goes inside.
        let stem = path.trim_end_matches(".yaml");
        let path = if taken_paths.iter().any(|other| other.starts_with(&format!("{stem}/"))) {
            format!("{stem}/index.yaml")
        } else {
            path
        };
        let mut top = Vec::new();
        if !parts.models.is_empty() {
            top.push(Entry::new("models", Node::Map(parts.models)));
        }
        if !parts.enums.is_empty() {
            top.push(Entry::new("enums", Node::Map(parts.enums)));
        }
        if !parts.endpoints.is_empty() {
            top.push(Entry::new("endpoints", Node::Map(parts.endpoints)));
        }
        out.files.push(SchemaText { path, text: crate::yaml::write(&top) });
    }
    out.notes.sort();
    out
}

fn endpoint_rows(endpoint: &Endpoint) -> usize {
    endpoint.groups.iter().map(|group| group.rows.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendor::fields::split_nested;
    use crate::vendor::urls::origin_of;

    #[test]
    fn nested_names_in_every_form() {
        let names = |name: &str| split_nested(name);
        assert_eq!(names("user.email"), [("user".into(), false), ("email".into(), false)]);
        assert_eq!(names("address[city]"), [("address".into(), false), ("city".into(), false)]);
        assert_eq!(names("items[].sku"), [("items".into(), true), ("sku".into(), false)]);
        assert_eq!(names("plain"), [("plain".into(), false)]);
    }

    #[test]
    fn page_files_become_module_paths() {
        assert_eq!(module_path("source/includes/_customers.md"), "customers.yaml");
        assert_eq!(module_path("source/includes/accounting/_bills.md"), "accounting/bills.yaml");
        assert_eq!(module_path("source/index.html.md"), "index.yaml");
        assert_eq!(
            module_path("source/includes/_wp-api-v3/_product-attributes.md"),
            "wp_api_v3/product_attributes.yaml"
        );
    }

    #[test]
    fn origins_of_request_urls() {
        assert_eq!(origin_of("https://api.dwolla.com/customers").as_deref(), Some("https://api.dwolla.com"));
        assert_eq!(
            origin_of("https://{deployment}.api.accelo.com/api/v0/staff").as_deref(),
            Some("https://{deployment}.api.accelo.com")
        );
        assert_eq!(origin_of("/v1/users"), None);
    }
}
