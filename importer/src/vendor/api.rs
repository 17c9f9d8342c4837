//! `api.yaml` of an imported vendor: the name, the base URL (the settings', else the origin the
//! request lines use most) and the auth (the settings', else what the examples' headers show),
//! each guess a note.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use crate::doc::{Note, Pages};
use crate::read::conventions::Settings;
use crate::yaml::{Entry, Node};

use super::urls::origin_of;

/// The base URL: the settings', else the scheme and host the pages' full URLs use most.
pub(crate) fn base_url(pages: &Pages, settings: &Settings, notes: &mut Vec<Note>) -> String {
    if let Some(base) = &settings.base_url {
        return base.clone();
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for endpoint in &pages.endpoints {
        if let Some(origin) = origin_of(&endpoint.url.value) {
            *counts.entry(origin).or_default() += 1;
        }
    }
    match counts.into_iter().max_by_key(|(_, count)| *count) {
        Some((origin, _)) => format!("{origin}/"),
        None => {
            let (file, line) = pages.endpoints.first().map_or((String::new(), 0), |e| (e.url.file.clone(), e.url.line));
            notes.push(Note {
                file,
                line,
                text: "no request line gives a full URL: the base URL is `https://api.example.invalid/`; set `base_url` in the settings".into(),
            });
            "https://api.example.invalid/".into()
        }
    }
}

/// `api.yaml`.
pub(crate) fn api_file(
    pages: &Pages,
    settings: &Settings,
    base: &str,
    folder_name: &str,
    notes: &mut Vec<Note>,
) -> String {
    let name = settings.name.clone().unwrap_or_else(|| format!("{folder_name} API"));
    let (header, scheme, description) = match &settings.auth {
        Some(auth) => (auth.header.clone(), auth.scheme.clone(), auth.description.clone()),
        None => {
            let seen = auth_from_examples(pages);
            match seen {
                Some((header, scheme)) => (header, Some(scheme), None),
                None => {
                    let (file, line) =
                        pages.endpoints.first().map_or((String::new(), 0), |e| (e.url.file.clone(), e.url.line));
                    notes.push(Note {
                        file,
                        line,
                        text: "the pages' examples show no `Authorization` header: auth is `Authorization: Bearer <key>`; set `auth` in the settings".into(),
                    });
                    ("Authorization".into(), Some("Bearer".into()), None)
                }
            }
        }
    };
    let mut auth = vec![Entry::text("header", header)];
    if let Some(scheme) = scheme {
        auth.push(Entry::text("scheme", scheme));
    }
    if let Some(description) = description {
        auth.push(Entry::text("description", description));
    }
    let api = vec![
        Entry::text("name", name),
        Entry::text("base_url", base),
        Entry::raw("trailing_slash", "false"),
        Entry::new("auth", Node::Map(auth)),
    ];
    crate::yaml::write(&[Entry::new("api", Node::Map(api))])
}

/// `Authorization: Bearer ...` (or `Token`, `Basic`) in the examples' headers.
pub(crate) fn auth_from_examples(pages: &Pages) -> Option<(String, String)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for endpoint in &pages.endpoints {
        for example in &endpoint.examples {
            for line in example.text.lines() {
                let lower = line.to_lowercase();
                let Some(at) = lower.find("authorization:") else { continue };
                let value = line[at + "authorization:".len()..].trim();
                let scheme = value.split_whitespace().next().unwrap_or("").trim_matches(['"', '\'']);
                if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphabetic()) {
                    *counts.entry(scheme.to_upper_camel_case()).or_default() += 1;
                }
            }
        }
    }
    let (scheme, _) = counts.into_iter().max_by_key(|(_, count)| *count)?;
    // Basic needs the key encoded with a user name: not something the schema says yet.
    (scheme != "Basic").then(|| ("Authorization".into(), scheme))
}
