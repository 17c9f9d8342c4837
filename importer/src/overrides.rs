//! The overrides file: what a docs page cannot say (a row's name, a type, an enum, a note, the
//! page URL), kept by the maintainer and applied by every import. This module only reads it;
//! `convert` applies it. Unknown keys are errors, as in the schema.

use std::collections::BTreeMap;

use codegen::__stages::schema::{Enum, OrderedMap, YesNo};
use serde::Deserialize;

/// The whole file: the page's key to its overrides. The key is the page title in snake_case
/// (`update_user`), or, for pages that share a title, the method and path (`"POST /x/:id/"`).
#[derive(Debug, Default)]
pub struct Overrides {
    pub pages: BTreeMap<String, PageOverrides>,
}

/// Overrides for one page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageOverrides {
    /// The endpoint's name in the schema, when it is not the snake_case title.
    #[serde(default)]
    pub name: Option<String>,
    /// Where the file goes below the schema folder, such as `users/update_user.yaml`.
    #[serde(default)]
    pub file: Option<String>,
    /// The URL of the docs page.
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Replaces the page's introduction.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    /// `DOC` unless said here.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub sources: Option<String>,
    #[serde(default)]
    pub retry_safe: Option<bool>,
    #[serde(default)]
    pub filters: Option<bool>,
    /// The response type; no model is matched or proposed.
    #[serde(default)]
    pub response: Option<String>,
    /// The name of the model proposed from the response example.
    #[serde(default)]
    pub response_model: Option<String>,
    /// Rows whose name cell is empty, found by their description: description -> name.
    #[serde(default)]
    pub unnamed_rows: OrderedMap<String>,
    /// Row names that stand for any custom attribute, besides `custom_attr`.
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Custom attributes the page does not announce with a placeholder row.
    #[serde(default)]
    pub custom_attributes: Option<CustomAttributes>,
    #[serde(default)]
    pub path_params: OrderedMap<ParamOverride>,
    /// Changes to rows (by name), or whole rows the page lacks (with a `type`).
    #[serde(default)]
    pub rows: OrderedMap<RowOverride>,
    /// Enums written into the imported file, for rows to use as their type.
    #[serde(default)]
    pub enums: OrderedMap<Enum>,
    /// The rows in the schema's order (rows not listed follow, in the page's order).
    #[serde(default)]
    pub row_order: Vec<String>,
    /// Examples the schema keeps instead of the page's (a repaired or shortened example), or
    /// `none` to leave the page's out. An example the page does not show stays out.
    #[serde(default)]
    pub examples: Option<ExamplesOverride>,
    /// Examples kept from other sources where the page shows none (a page cut short); when the
    /// page shows one, the page's is used.
    #[serde(default)]
    pub examples_not_on_page: Option<ExamplesOverride>,
    /// Keys of the page's response example that the response model does not declare, on purpose.
    #[serde(default)]
    pub ignore_response_keys: Vec<String>,
    /// Leave out the custom attributes the page announces.
    #[serde(default)]
    pub no_custom_attributes: bool,
}

/// `examples:` of the overrides: each given key replaces the page's example (`none` drops it).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesOverride {
    #[serde(default)]
    pub request: Option<String>,
    #[serde(default)]
    pub response: Option<String>,
}

/// `custom_attributes` of the endpoint.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAttributes {
    #[serde(default)]
    pub placeholder: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A path parameter's type or description.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamOverride {
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// Changes to one row; every key replaces what import read or guessed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowOverride {
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub required: Option<YesNo>,
    #[serde(default)]
    pub nullable: Option<bool>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub max_length: Option<u32>,
    #[serde(default)]
    pub deprecated: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
    #[serde(default, rename = "const")]
    pub constant: Option<serde_yaml::Value>,
    /// Leave the row out (a key of the example that is not a field, say).
    #[serde(default)]
    pub remove: bool,
}

impl Overrides {
    /// Reads an overrides file. `label` names it in messages.
    pub fn parse(text: &str, label: &str) -> Result<Overrides, String> {
        if text.trim().is_empty() {
            return Ok(Overrides::default());
        }
        let map: Option<OrderedMap<PageOverrides>> =
            serde_yaml::from_str(text).map_err(|error| format!("{label}: {error}"))?;
        let mut pages = BTreeMap::new();
        for (name, page) in map.unwrap_or_default().0 {
            if pages.insert(name.clone(), page).is_some() {
                return Err(format!("{label}: `{name}` appears twice"));
            }
        }
        Ok(Overrides { pages })
    }

    /// The overrides of a page: by its snapshot file's name (`find_user_by_key`) first, then by
    /// its route (`POST /events/`), else by its snake_case title.
    pub fn find<'a>(
        &'a self,
        file_stem: Option<&'a str>,
        route: &'a str,
        page_name: &'a str,
    ) -> Option<(&'a str, &'a PageOverrides)> {
        file_stem
            .into_iter()
            .chain([route, page_name])
            .find_map(|key| self.pages.get_key_value(key).map(|(key, page)| (key.as_str(), page)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_overrides_and_rejects_unknown_keys() {
        let text = "update_user:\n  page: https://x/\n  unnamed_rows:\n    A user email address.: email\n  rows:\n    gravatar_url:\n      description: A user avatar url.\n      required: no\n";
        let overrides = Overrides::parse(text, "o.yaml").unwrap();
        let (key, page) = overrides.find(None, "PUT /users/:id/", "update_user").unwrap();
        assert_eq!(key, "update_user");
        assert_eq!(page.page.as_deref(), Some("https://x/"));
        assert_eq!(page.unnamed_rows.0, [("A user email address.".to_owned(), "email".to_owned())]);
        assert_eq!(page.rows.0[0].1.required, Some(YesNo(false)));

        let error = Overrides::parse("update_user:\n  rows:\n    a:\n      typo: 1\n", "o.yaml").unwrap_err();
        assert_eq!(
            error,
            "o.yaml: update_user.rows.a: unknown field `typo`, expected one of `type`, `required`, `nullable`, \
             `description`, `max_length`, `deprecated`, `note`, `rust_name`, `aliases`, `const`, `remove` at line 4 column 7"
        );
        assert_eq!(Overrides::parse("a: {}\na: {}\n", "o.yaml").unwrap_err(), "o.yaml: `a` appears twice");
        assert!(Overrides::parse("# nothing yet\n", "o.yaml").unwrap().pages.is_empty());
        let both = Overrides::parse("a:\n  name: by_title\n\"GET /a/\":\n  name: by_route\n", "o.yaml").unwrap();
        assert_eq!(both.find(None, "GET /a/", "a").and_then(|(_, page)| page.name.as_deref()), Some("by_route"));
        assert_eq!(both.find(Some("x"), "PUT /a/", "a").and_then(|(_, page)| page.name.as_deref()), Some("by_title"));
    }
}
