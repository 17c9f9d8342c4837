//! The rows of a page's tables as fields: names (the unnamed ones from the example), types
//! from the docs' spellings, required flags, limits in prose, example-only rows, and the
//! overrides that rename, retype or add rows.

use super::*;

impl Converter<'_> {
    /// The table's rows as fields, with recovered names and the example's extra keys.
    pub(super) fn rows(
        &mut self,
        shown: &RequestShown,
        takes_query: bool,
        custom_attributes: &mut Option<(Option<String>, Option<String>)>,
    ) -> Vec<Field> {
        let ov = self.overrides;
        let overrides_label = self.context.overrides_label;
        // The keys the example shows, with their values and lines.
        let shown_keys: Vec<(String, Json, usize)> = if takes_query {
            let line = shown.url_path.as_ref().map_or(0, |url| url.line);
            shown.query.iter().map(|(key, value)| (key.clone(), query_value(value), line)).collect()
        } else {
            match shown.body.as_ref().map(|example| &example.read.value) {
                Some(Json::Object(members)) => {
                    members.iter().map(|m| (m.key.clone(), m.value.clone(), m.line)).collect()
                }
                _ => Vec::new(),
            }
        };
        let example_word = if takes_query { "the example URL" } else { "the request example" };
        let removed = |name: &str| {
            ov.and_then(|ov| ov.rows.iter().find(|(row, _)| *row == name)).is_some_and(|(_, row)| row.remove)
        };
        let placeholders: Vec<&str> = PLACEHOLDERS
            .iter()
            .copied()
            .chain(ov.iter().flat_map(|ov| ov.placeholders.iter().map(String::as_str)))
            .collect();
        let Some(table) = &self.page.table else {
            return shown_keys
                .iter()
                .filter(|(key, _, _)| !removed(key))
                .map(|(key, value, line)| self.example_only_row(key, value, *line, example_word))
                .collect();
        };
        // Sets and maps keep a long table linear.
        let mut named: HashSet<String> = table
            .rows
            .iter()
            .filter_map(|row| row.name.clone())
            .filter(|name| !placeholders.contains(&name.as_str()))
            .collect();
        let mut shown_index: HashMap<&str, &Json> = HashMap::with_capacity(shown_keys.len());
        for (key, value, _) in &shown_keys {
            shown_index.entry(key.as_str()).or_insert(value);
        }
        let mut seen: HashSet<String> = HashSet::with_capacity(table.rows.len());
        // Names for rows with an empty name cell.
        let mut names: Vec<Option<String>> = vec![None; table.rows.len()];
        for (index, row) in table.rows.iter().enumerate().filter(|(_, row)| row.name.is_none()) {
            let by_override =
                ov.and_then(|ov| ov.unnamed_rows.iter().find(|(text, _)| text.trim() == row.description.trim()));
            if let Some((_, name)) = by_override {
                self.warn(row.line, format!("the row has no name; {overrides_label} names it `{name}`"));
                names[index] = Some(name.clone());
                named.insert(name.clone());
            }
        }
        // `?key=:user_key` on the path line: the query key that the placeholder's row is sent as.
        let path_pairs: Vec<(String, String)> = self
            .page
            .path
            .value
            .split_once('?')
            .map(|(_, query)| {
                query
                    .split('&')
                    .filter_map(|pair| {
                        let (key, value) = pair.split_once('=')?;
                        let placeholder = value.strip_prefix(':')?;
                        (!key.is_empty() && !key.starts_with(':')).then(|| (key.to_owned(), placeholder.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut by_path: Vec<usize> = Vec::new();
        {
            let nameless: Vec<usize> = (0..table.rows.len())
                .filter(|&index| table.rows[index].name.is_none() && names[index].is_none())
                .collect();
            let free: Vec<&(String, String)> = path_pairs
                .iter()
                .filter(|(key, placeholder)| {
                    !named.contains(key) && !table.rows.iter().any(|row| row.name.as_deref() == Some(placeholder))
                })
                .collect();
            if let ([index], [(key, _)]) = (nameless.as_slice(), free.as_slice()) {
                self.warn(
                    table.rows[*index].line,
                    format!("the row has no name; the path line's `?{key}=` names it `{key}`"),
                );
                names[*index] = Some(key.clone());
                named.insert(key.clone());
                by_path.push(*index);
            }
        }
        let unaccounted: Vec<&(String, Json, usize)> = shown_keys
            .iter()
            .filter(|(key, _, _)| !named.contains(key) && !placeholders.contains(&key.as_str()) && !removed(key))
            .collect();
        let nameless: Vec<usize> =
            (0..table.rows.len()).filter(|&index| table.rows[index].name.is_none() && names[index].is_none()).collect();
        let mut recovered = Vec::new();
        if nameless.len() == 1 && unaccounted.len() == 1 {
            let row = &table.rows[nameless[0]];
            let key = &unaccounted[0].0;
            self.warn(row.line, format!("the row has no name; {example_word} has exactly one key the table lacks, `{key}`, so that is its name"));
            names[nameless[0]] = Some(key.clone());
            recovered.push(key.clone());
        } else {
            for &index in &nameless {
                let row = &table.rows[index];
                let keys: Vec<String> = unaccounted.iter().map(|(key, _, _)| format!("`{key}`")).collect();
                let why = match keys.len() {
                    0 => format!("{example_word} has no key the table lacks"),
                    1 => format!(
                        "{example_word} has one key the table lacks, `{}`, but {} rows have no name",
                        unaccounted[0].0,
                        nameless.len()
                    ),
                    _ => format!("{example_word} has {} keys the table lacks ({})", keys.len(), keys.join(", ")),
                };
                let words: Vec<String> =
                    row.description.to_lowercase().split(|c: char| !c.is_alphanumeric()).map(str::to_owned).collect();
                let guess = unaccounted
                    .iter()
                    .find(|(key, _, _)| key.split('_').all(|part| words.iter().any(|word| word == part)));
                let example_name = guess.map_or("<name>", |(key, _, _)| key.as_str());
                let key = self.overrides_key();
                let mut help = format!(
                    "name it in {overrides_label}:\n{key}:\n  unnamed_rows:\n    {}: {example_name}",
                    json::quote(row.description.trim())
                );
                if let Some((key, _, _)) = guess {
                    help.push_str(&format!("\n(`{key}` appears in the row's description)"));
                }
                self.errors.push(Message::at(row.line, format!("the row has no name, and {why}")).help(help));
            }
        }

        let mut fields = Vec::new();
        for (index, row) in table.rows.iter().enumerate() {
            let mut sent_as = None;
            let name = match (&row.name, &names[index]) {
                (Some(name), _) => match path_pairs.iter().find(|(key, placeholder)| {
                    placeholder == name && key != name && !table.rows.iter().any(|row| row.name.as_ref() == Some(key))
                }) {
                    Some((key, _)) => {
                        self.warn(
                            row.line,
                            format!(
                                "the table names the row `{name}`; the path line `?{key}=:{name}` sends it as `{key}`"
                            ),
                        );
                        sent_as = Some(format!(
                            "the table names this row `{name}`, but the request sends it as `{key}` (`?{key}=:{name}`)"
                        ));
                        key.clone()
                    }
                    None => name.clone(),
                },
                (None, Some(name)) => name.clone(),
                (None, None) => continue,
            };
            if placeholders.contains(&name.as_str()) {
                self.warn(row.line, format!("`{name}` is a placeholder for any custom attribute, not a field: the endpoint takes `custom_attributes`"));
                let description = (!row.description.trim().is_empty()).then(|| row.description.trim().to_owned());
                custom_attributes.get_or_insert((Some(name.clone()), description));
                continue;
            }
            if !seen.insert(name.clone()) {
                self.warn(row.line, format!("a second row named `{name}` is left out"));
                continue;
            }
            let shown_value = shown_index.get(name.as_str()).copied();
            let mut field = Field::new(&name, "json");
            field.required = row.required.unwrap_or(false);
            let description = row.description.trim();
            field.description = (!description.is_empty()).then(|| description.to_owned());
            if let Some(note) = sent_as {
                field.note = Some(note);
            } else if by_path.contains(&index) {
                field.note = Some(format!(
                    "the docs table leaves this row's name blank; the path `?{name}=` shows it is `{name}`"
                ));
            } else if row.name.is_none() {
                field.note = Some(if shown_index.contains_key(name.as_str()) {
                    format!("the docs table leaves this row's name blank; {example_word} shows it is `{name}`")
                } else {
                    format!("the docs table leaves this row's name blank; the name `{name}` comes from the overrides")
                });
            }
            let row_override =
                ov.and_then(|ov| ov.rows.iter().find(|(row_name, _)| *row_name == name).map(|(_, row)| row));
            self.row_type(row.line, &mut field, row.ty.as_deref(), row.example.as_deref(), shown_value, row_override);
            self.row_limits(row.line, &mut field);
            if field.required && shown.body.is_some() && !takes_query && shown_value.is_none() {
                self.warn(row.line, format!("`{name}` is marked required, but {example_word} does not send it"));
            }
            let codes = description.matches(" - ").count();
            let typed_by_override = row_override.is_some_and(|row| row.ty.is_some());
            if codes >= 2 && description.contains(|c: char| c.is_ascii_digit()) && !typed_by_override {
                self.warn(
                    row.line,
                    format!("the description of `{name}` lists codes; an enum in the overrides can type them"),
                );
            }
            fields.push(field);
        }
        for (key, value, line) in &shown_keys {
            if !seen.insert(key.clone())
                || placeholders.contains(&key.as_str())
                || removed(key)
                || recovered.contains(key)
            {
                continue;
            }
            fields.push(self.example_only_row(key, value, *line, example_word));
        }
        fields
    }

    pub(super) fn example_only_row(&mut self, key: &str, value: &Json, line: usize, example_word: &str) -> Field {
        let ty = value_type(value);
        let mut field = Field::new(key, &ty);
        field.note =
            Some(format!("sent in {} but missing from the table", example_word.replacen("the ", "the docs' ", 1)));
        self.warn(line, format!("`{key}` is in {example_word} but not in the table: added as `{ty}` (the type is inferred from the example)"));
        field
    }

    /// The row's type from its type cell (or, in lookup tables, from its example).
    pub(super) fn row_type(
        &mut self,
        line: usize,
        field: &mut Field,
        cell: Option<&str>,
        example_cell: Option<&str>,
        shown_value: Option<&Json>,
        row_override: Option<&RowOverride>,
    ) {
        let name = field.name.clone();
        let overridden = row_override.is_some_and(|row| row.ty.is_some());
        match cell {
            None => {
                let example_value =
                    example_cell.and_then(|cell| cell.split_once('=').map(|(_, value)| query_value(value)));
                let ty = example_value.as_ref().or(shown_value).map_or_else(|| "string".to_owned(), value_type);
                let ty = if ty == "json" { "string".to_owned() } else { ty };
                if let Some(cell) = example_cell {
                    field.note = Some(format!("the docs' example: `{cell}`"));
                }
                if !overridden {
                    self.warn(line, format!("the table has no type column: `{name}` is typed `{ty}` from its example"));
                }
                field.ty = ty;
            }
            Some(spelling) => match types::map_type(spelling) {
                Some(mapped) => {
                    field.ty = mapped.ty;
                    let unix = field.ty == "datetime"
                        && (shown_value.is_some_and(|value| matches!(value, Json::Number(_)))
                            || field.description.as_deref().is_some_and(|text| text.to_lowercase().contains("unix")));
                    if unix && !overridden {
                        field.ty = "timestamp".to_owned();
                        field.note = Some(match shown_value {
                            Some(Json::Number(number)) => format!(
                                "the table types it `{spelling}`, but the value is UNIX seconds (the example sends `{number}`)"
                            ),
                            _ => format!(
                                "the table types it `{spelling}`, but the description says the value is in UNIX format"
                            ),
                        });
                        self.warn(line, format!("`{name}` is typed `{spelling}` but holds UNIX seconds: `timestamp`"));
                    } else if mapped.changed {
                        field.note.get_or_insert_with(|| format!("the table types it `{spelling}`"));
                        if !overridden {
                            self.warn(
                                line,
                                format!("the docs' type `{spelling}` of `{name}` is written `{}`", field.ty),
                            );
                        }
                    }
                    if let Some(value) = shown_value
                        && !overridden
                        && !types::fits(&field.ty, value)
                    {
                        self.warn(line, format!("the example sends a value for `{name}` that is not a `{}`", field.ty));
                    }
                }
                None if overridden => {}
                None => {
                    let key = self.overrides_key();
                    self.errors.push(Message::at(line, format!("unknown type `{spelling}` for `{name}`")).help(
                        format!(
                            "give the row a type in {}:\n{key}:\n  rows:\n    {name}:\n      type: string",
                            self.context.overrides_label
                        ),
                    ));
                }
            },
        }
    }

    /// `max_length` from limits given in prose.
    pub(super) fn row_limits(&mut self, line: usize, field: &mut Field) {
        let Some(description) = field.description.clone() else { return };
        let limits = types::prose_limits(&description);
        let name = field.name.clone();
        if let Some(&max) = limits.max.first() {
            if types::normalize(&field.ty) == "string" {
                field.max_length = Some(max);
                self.warn(line, format!("the description of `{name}` gives a limit in prose: `max_length: {max}`"));
                if limits.max.iter().any(|&other| other != max) {
                    self.warn(
                        line,
                        format!("the description of `{name}` gives several limits; the first, {max}, is used"),
                    );
                }
            } else {
                self.warn(line, format!("the description of `{name}` gives a length limit, but the row is not a string; it is not recorded"));
            }
        }
        for number in &limits.unknown {
            self.warn(
                line,
                format!(
                    "the description of `{name}` has the number {number} next to \"characters\", but it reads as no limit; \
                     if it is one, give `max_length` in the overrides"
                ),
            );
        }
        if let Some(&min) = limits.min.first() {
            self.warn(
                line,
                format!("the description of `{name}` gives a minimum length ({min}); the schema has no key for it"),
            );
        }
    }

    /// Applies `rows:` of the overrides: changes, removals, and whole rows the page lacks.
    pub(super) fn apply_row_overrides(&mut self, fields: &mut Vec<Field>) {
        let Some(ov) = self.overrides else { return };
        let label = self.context.overrides_label;
        for (name, row) in ov.rows.iter() {
            let position = fields.iter().position(|field| field.name == name);
            if row.remove {
                match position {
                    Some(position) => {
                        fields.remove(position);
                    }
                    None => self.warn(None, format!("{label} removes the row `{name}`, which the page does not have")),
                }
                continue;
            }
            let field = match position {
                Some(position) => &mut fields[position],
                None => match &row.ty {
                    Some(ty) => {
                        fields.push(Field::new(name, ty));
                        fields.last_mut().expect("just pushed")
                    }
                    None => {
                        self.errors.push(
                            Message::at(
                                None,
                                format!("{label} changes the row `{name}`, which the page does not have"),
                            )
                            .help("give it a `type` to add it as a row, or remove the entry"),
                        );
                        continue;
                    }
                },
            };
            if let Some(ty) = &row.ty {
                field.ty = ty.clone();
            }
            if let Some(required) = row.required {
                field.required = required.0;
            }
            if let Some(nullable) = row.nullable {
                field.nullable = Some(nullable);
            }
            if let Some(description) = &row.description {
                field.description = (!description.trim().is_empty()).then(|| description.trim_end().to_owned());
            }
            if let Some(max_length) = row.max_length {
                field.max_length = Some(max_length);
            }
            if let Some(deprecated) = &row.deprecated {
                field.deprecated = Some(deprecated.clone());
            }
            if let Some(note) = &row.note {
                field.note = (!note.trim().is_empty()).then(|| note.trim_end().to_owned());
            }
            if let Some(rust_name) = &row.rust_name {
                field.rust_name = Some(rust_name.clone());
            }
            if let Some(aliases) = &row.aliases {
                field.aliases = aliases.clone();
            }
            if let Some(constant) = &row.constant {
                field.constant = serde_yaml::to_string(constant).ok().map(|text| text.trim_end().to_owned());
            }
        }
        if !ov.row_order.is_empty() {
            let rank = |name: &str| ov.row_order.iter().position(|listed| listed == name).unwrap_or(usize::MAX);
            fields.sort_by_key(|field| rank(&field.name));
        }
        for (text, _) in ov.unnamed_rows.iter() {
            let used = self.page.table.as_ref().is_some_and(|table| {
                table.rows.iter().any(|row| row.name.is_none() && row.description.trim() == text.trim())
            });
            if !used {
                self.warn(
                    None,
                    format!(
                        "{label} names an unnamed row described {}, which the page does not have",
                        json::quote(text)
                    ),
                );
            }
        }
    }
}
