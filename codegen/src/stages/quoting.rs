//! Hints for values YAML reads as syntax because they are not quoted: a `: ` or ` #` inside a
//! plain value, a comma inside `{ }`, a leading `@`, `[`, `*` ... Each hint shows the line's
//! key with its value quoted, as the author meant it.

use crate::locate::Location;

/// For a `key: value` line whose unquoted value YAML reads as syntax (`: `, ` #`, a comma
/// inside `{ }`, a leading `@`, `` ` ``, `*`, `&`, `!`, `%`, `[` or `{` that opens nothing), the
/// advice to quote it, with the line rewritten.
pub(super) fn quote_hint(line: &str) -> Option<String> {
    let entry = line.trim_start().strip_prefix("- ").unwrap_or(line.trim_start());
    let (key, value) = entry.split_once(": ")?;
    let value = value.trim();
    let key = key.trim();
    if key.is_empty() || key.contains(['{', '[', '"', '\'', '#']) || value.is_empty() {
        return None;
    }
    if value.starts_with(['"', '\'', '|', '>']) {
        return None;
    }
    if value.starts_with(['{', '[']) && value.ends_with(['}', ']']) {
        return flow_comment_hint(value);
    }
    let special = if value.contains(": ") {
        "`: ` in".to_owned()
    } else if value.contains(" #") {
        "` #` (a comment) in".to_owned()
    } else if let Some(first) = value.chars().next().filter(|c| "@`*&!%[{".contains(*c)) {
        format!("`{first}` at the start of")
    } else {
        return None;
    };
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("YAML reads {special} an unquoted value as syntax; quote the value: `{key}: \"{escaped}\"`"))
}

/// In a flow mapping written on one line, ` #` starts a comment that hides the closing `}`
/// (`{ type: string, description: see #3 }`): the advice to quote the value that holds it.
fn flow_comment_hint(flow: &str) -> Option<String> {
    let hash = flow.find(" #")?;
    let head = &flow[..hash];
    let colon = head.rfind(": ")?;
    let key = head[..colon].rsplit(['{', '[', ',']).next()?.trim();
    let rest = flow[colon + 2..].trim_end();
    let rest = rest.strip_suffix(['}', ']']).unwrap_or(rest);
    // A comma after the comment mark still ends the value, as it would without the comment.
    let value_end = rest[hash - colon - 2..].find(',').map_or(rest.len(), |at| hash - colon - 2 + at);
    let meant = rest[..value_end].trim();
    if key.is_empty() || meant.is_empty() {
        return None;
    }
    let escaped = meant.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("` #` starts a comment, which hides the rest of the line; quote the value: `{key}: \"{escaped}\"`"))
}

/// For an unknown key that is really the end of the value before it, cut by a comma inside a
/// flow mapping (`{ description: The id, a number }` reads a key `a number`), the advice to
/// quote that value, with the value as it was meant.
pub(super) fn comma_hint(text: &str, location: Location) -> Option<String> {
    let line_start = text[..location.start.min(text.len())].rfind('\n').map_or(0, |at| at + 1);
    let line = text[line_start..].split('\n').next()?;
    let key_start = location.start - line_start;
    let key_end = (location.end - line_start).min(line.len());
    let before = line.get(..key_start)?.trim_end().strip_suffix(',')?;
    // A key with no value after it: the next character ends the entry.
    if !line.get(key_end..)?.trim_start().starts_with([',', '}']) || !before.contains('{') {
        return None;
    }
    let (head, previous_value) = before.rsplit_once(": ")?;
    let previous_key = head.rsplit(['{', ',']).next()?.trim();
    let meant = format!("{}, {}", previous_value.trim(), line.get(key_start..key_end)?);
    let escaped = meant.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("inside `{{ }}` a comma ends a value; quote a value that holds one: `{previous_key}: \"{escaped}\"`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_syntax_inside_are_shown_quoted() {
        assert_eq!(
            quote_hint("    description: Returns: a thing").as_deref(),
            Some(
                "YAML reads `: ` in an unquoted value as syntax; quote the value: `description: \"Returns: a thing\"`"
            )
        );
        assert_eq!(
            quote_hint("  - title: @user \"x\"").as_deref(),
            Some(
                "YAML reads `@` at the start of an unquoted value as syntax; quote the value: `title: \"@user \\\"x\\\"\"`"
            )
        );
        assert_eq!(
            quote_hint("      a: { type: string, description: see #3, note: x }").as_deref(),
            Some("` #` starts a comment, which hides the rest of the line; quote the value: `description: \"see #3\"`")
        );
        assert_eq!(quote_hint("    description: \"Returns: a thing\""), None);
        assert_eq!(quote_hint("    description: plain words, with a comma"), None);
        assert_eq!(quote_hint("    tags: [a, b]"), None);
    }

    #[test]
    fn a_key_cut_off_by_a_comma_is_the_end_of_the_value_before() {
        let text = "x:\n  id: { type: integer, description: The id, a number }\n";
        let start = text.find("a number").unwrap_or_default();
        let location = Location { line: 2, column: 0, start, end: start + "a number".len() };
        assert_eq!(
            comma_hint(text, location).as_deref(),
            Some(
                "inside `{ }` a comma ends a value; quote a value that holds one: `description: \"The id, a number\"`"
            )
        );
        let valued = "x:\n  id: { type: integer, other: 1 }\n";
        let start = valued.find("other").unwrap_or_default();
        assert_eq!(comma_hint(valued, Location { line: 2, column: 0, start, end: start + 5 }), None);
    }
}
