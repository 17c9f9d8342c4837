//! Compares the endpoint a page imports to with the endpoint in the schema, as readable lines:
//! rows added (`+`), removed (`-`) or changed (`~`: type, required, nullable, limit,
//! description), and the method, path, path parameters, response and custom attributes. It
//! compares meaning, not text: `list(strings)` equals `list(string)` and line breaks inside a
//! description do not count. It reads and writes nothing.

use codegen::schema::{Endpoint, Field, OrderedMap};

use super::types::normalize;

/// Every difference, one line each (`old` is the schema, `new` the page).
pub fn diff(old: &Endpoint, new: &Endpoint) -> Vec<String> {
    let mut lines = Vec::new();
    let mut scalar = |what: &str, old: String, new: String| {
        if old != new {
            lines.push(format!("~ {what}: {old} -> {new}"));
        }
    };
    scalar("method", old.method.to_uppercase(), new.method.to_uppercase());
    scalar("path", old.path.clone(), new.path.clone());
    scalar(
        "response",
        old.response.as_deref().map_or_else(|| "(none given)".to_owned(), normalize),
        new.response.as_deref().map_or_else(|| "(none given)".to_owned(), normalize),
    );
    if old.custom_attributes.is_some() != new.custom_attributes.is_some() {
        lines.push(if new.custom_attributes.is_some() {
            "+ custom_attributes (the page now allows any custom attribute)".to_owned()
        } else {
            "- custom_attributes (the page no longer shows a custom attribute placeholder)".to_owned()
        });
    }
    text_change(&mut lines, "description", old.description.as_deref(), new.description.as_deref());

    for (name, param) in new.path_params.iter() {
        match old.path_params.iter().find(|(old_name, _)| *old_name == name) {
            None => lines.push(format!("+ path_params.{name} ({})", param.ty)),
            Some((_, old_param)) => {
                if normalize(&old_param.ty) != normalize(&param.ty) {
                    lines.push(format!("~ path_params.{name} type: {} -> {}", old_param.ty, param.ty));
                }
                text_change(
                    &mut lines,
                    &format!("path_params.{name} description"),
                    old_param.description.as_deref(),
                    param.description.as_deref(),
                );
            }
        }
    }
    for (name, param) in old.path_params.iter() {
        if !new.path_params.iter().any(|(new_name, _)| new_name == name) {
            lines.push(format!("- path_params.{name} ({})", param.ty));
        }
    }
    rows(&mut lines, "request", old.request.as_ref(), new.request.as_ref());
    rows(&mut lines, "query", old.query.as_ref(), new.query.as_ref());
    lines
}

fn rows(lines: &mut Vec<String>, table: &str, old: Option<&OrderedMap<Field>>, new: Option<&OrderedMap<Field>>) {
    let empty = OrderedMap::default();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    for (name, field) in new.iter() {
        let key = format!("{table}.{name}");
        let Some((_, before)) = old.iter().find(|(old_name, _)| *old_name == name) else {
            let described =
                field.description.as_deref().map(|text| format!(": {}", collapse(text))).unwrap_or_default();
            lines.push(format!("+ {key} ({}){described}", summary(field)));
            continue;
        };
        let mut change = |what: &str, old: String, new: String| {
            if old != new {
                lines.push(format!("~ {key} {what}: {old} -> {new}"));
            }
        };
        change("type", normalize(&before.ty), normalize(&field.ty));
        change("required", yes_no(before.required.0), yes_no(field.required.0));
        change("nullable", nullable(before.nullable), nullable(field.nullable));
        change("max_length", limit(before.max_length), limit(field.max_length));
        text_change(lines, &format!("{key} description"), before.description.as_deref(), field.description.as_deref());
    }
    for (name, field) in old.iter() {
        if !new.iter().any(|(new_name, _)| new_name == name) {
            lines.push(format!("- {table}.{name} ({})", summary(field)));
        }
    }
}

fn summary(field: &Field) -> String {
    let mut text = format!("{}, required: {}", field.ty, yes_no(field.required.0));
    match field.nullable {
        Some(true) => text.push_str(", nullable"),
        Some(false) => text.push_str(", not nullable"),
        None => {}
    }
    if let Some(max) = field.max_length {
        text.push_str(&format!(", max_length: {max}"));
    }
    text
}

/// `true`, `false`, or `default` when the row does not say (the API's `request_nullable`
/// decides for request rows).
fn nullable(flag: Option<bool>) -> String {
    flag.map_or_else(|| "default".to_owned(), |flag| flag.to_string())
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

fn limit(max: Option<u32>) -> String {
    max.map_or_else(|| "none".to_owned(), |max| max.to_string())
}

/// Words only: line breaks and runs of spaces do not count.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_change(lines: &mut Vec<String>, what: &str, old: Option<&str>, new: Option<&str>) {
    let (old, new) = (collapse(old.unwrap_or("")), collapse(new.unwrap_or("")));
    if old != new {
        lines.push(format!("~ {what}:"));
        lines.push(format!("    - {}", if old.is_empty() { "(none)" } else { &old }));
        lines.push(format!("    + {}", if new.is_empty() { "(none)" } else { &new }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(yaml: &str) -> Endpoint {
        let file: codegen::schema::SchemaFile = serde_yaml::from_str(yaml).unwrap();
        file.endpoints.0.into_iter().next().unwrap().1
    }

    #[test]
    fn spellings_and_line_breaks_are_not_drift() {
        let old = endpoint(
            "endpoints:\n  e:\n    method: put\n    path: /x/\n    response: User\n    request:\n      tags: { type: list(strings), description: \"A list\\n  of tags.\" }\n",
        );
        let new = endpoint(
            "endpoints:\n  e:\n    method: PUT\n    path: /x/\n    response: User\n    request:\n      tags: { type: string(list), required: no, description: A list of tags. }\n",
        );
        assert_eq!(diff(&old, &new), Vec::<String>::new());
    }

    #[test]
    fn every_kind_of_change_is_one_readable_line() {
        let old = endpoint(
            "endpoints:\n  e:\n    method: PUT\n    path: /users/:id/\n    path_params: { id: { type: integer } }\n    response: User\n    custom_attributes: {}\n    request:\n      first_name: { type: string, max_length: 40, description: A first name. }\n      gone: { type: integer }\n      tags: { type: list(strings) }\n",
        );
        let new = endpoint(
            "endpoints:\n  e:\n    method: POST\n    path: /users/:custom_id/\n    path_params: { custom_id: { type: string } }\n    response: none\n    request:\n      first_name: { type: string, max_length: 50, required: yes, description: The first name. }\n      tags: { type: list(integers), nullable: true }\n      nickname: { type: string, description: A nickname. }\n",
        );
        assert_eq!(
            diff(&old, &new),
            [
                "~ method: PUT -> POST",
                "~ path: /users/:id/ -> /users/:custom_id/",
                "~ response: User -> none",
                "- custom_attributes (the page no longer shows a custom attribute placeholder)",
                "+ path_params.custom_id (string)",
                "- path_params.id (integer)",
                "~ request.first_name required: no -> yes",
                "~ request.first_name max_length: 40 -> 50",
                "~ request.first_name description:",
                "    - A first name.",
                "    + The first name.",
                "~ request.tags type: list(string) -> list(integer)",
                "~ request.tags nullable: default -> true",
                "+ request.nickname (string, required: no): A nickname.",
                "- request.gone (integer, required: no)",
            ]
        );
    }
}
