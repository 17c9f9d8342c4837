//! Schema text as lines: descriptions trimmed to their lines.

/// Description text as doc lines: trailing spaces dropped, no leading or trailing blank lines.
pub(super) fn doc_lines(text: Option<&str>) -> Vec<String> {
    let mut lines: Vec<String> = text.unwrap_or("").lines().map(|line| line.trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_trim_blank_edges() {
        assert_eq!(doc_lines(Some("\nA.  \n\nB.\n\n")), vec!["A.", "", "B."]);
        assert!(doc_lines(None).is_empty());
    }
}
