//! The page's request and response sections: the curl example's method, URL and body, and the
//! response example, each read leniently with its repairs warned.

use super::*;

impl Converter<'_> {
    /// Reads the `# Request` section: the curl command's method, URL and body, or a bare
    /// JSON example.
    pub(super) fn request_section(&mut self) -> RequestShown {
        let mut shown = RequestShown::default();
        let Some(section) = self.page.request else { return shown };
        let text = &self.page.text;
        let body = &text[section.start..section.end];
        let curl_at =
            line_starts(body).find(|&at| body[at..].trim_start().starts_with("curl")).map(|at| section.start + at);
        let search_from = curl_at.unwrap_or(section.start);
        let region = &text[search_from..section.end];
        if curl_at.is_some()
            && let Some(at) = find_word(region, &["-X", "--request"])
        {
            let verb: String =
                region[at..].split_whitespace().nth(1).unwrap_or("").trim_matches(['"', '\'']).to_uppercase();
            if METHODS.contains(&verb.as_str()) {
                shown.curl_method = Some(Spanned { value: verb, line: line_of(text, search_from + at) });
            }
        }
        let json_at = match curl_at.and_then(|_| find_word(region, &["-d", "--data", "--data-raw", "--data-binary"])) {
            Some(flag) => region[flag..].find(['{', '[']).map(|i| search_from + flag + i),
            None => first_json_line(text, section),
        };
        if let Some(start) = json_at {
            shown.body = self.read_example(start, section.end, "request");
        }
        // The URL: after the body (curl's last argument), else anywhere outside it.
        let body_range = json_at.zip(shown.body.as_ref().map(|body| body.read.end));
        let url_at = match body_range {
            Some((body_start, body_end)) => text[body_end..section.end]
                .find("://")
                .map(|at| body_end + at)
                .or_else(|| text[search_from..body_start].find("://").map(|at| search_from + at)),
            None => region.find("://").map(|at| search_from + at),
        };
        if let Some(at) = url_at {
            let start = text[..at].rfind(|c: char| c.is_whitespace() || c == '"' || c == '\'').map_or(0, |i| i + 1);
            let end = text[at..section.end]
                .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                .map_or(section.end, |i| at + i);
            let url = &text[start..end];
            let host_at = at - start + 3;
            if let Some(slash) = url[host_at..].find('/') {
                let full = &url[host_at + slash..];
                let relative = full.split_once("/api/public").map_or(full, |(_, rest)| rest);
                let relative = if relative.starts_with('/') { relative.to_owned() } else { format!("/{relative}") };
                if let Some((_, query)) = relative.split_once('?') {
                    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
                        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                        if !key.starts_with(':') && !key.is_empty() {
                            shown.query.push((key.to_owned(), value.to_owned()));
                        }
                    }
                }
                shown.url_path = Some(Spanned { value: relative, line: line_of(text, start) });
            }
        }
        shown
    }

    pub(super) fn response_section(&mut self) -> Option<Example> {
        let section = self.page.response?;
        let Some(start) = first_json_line(&self.page.text, section) else {
            self.warn(section.heading_line, "the `# Response` section shows no JSON example");
            return None;
        };
        let Some(example) = self.read_example(start, section.end, "response") else {
            self.unreadable_response = Some(line_of(&self.page.text, start));
            return None;
        };
        let rest = &self.page.text[example.read.end..section.end];
        let rest_trimmed = rest.trim_start();
        let ellipsis = rest_trimmed.starts_with('…') || rest_trimmed.starts_with("...");
        if !ellipsis && !rest_trimmed.trim_matches(|c: char| c.is_whitespace() || c == '`').is_empty() {
            let at = section.end - rest_trimmed.len();
            self.warn(
                line_of(&self.page.text, at),
                "text after the response example's end is ignored (the docs show a second value here)",
            );
        }
        Some(example)
    }

    /// Reads one example leniently, warning about each repair.
    pub(super) fn read_example(&mut self, start: usize, end: usize, which: &str) -> Option<Example> {
        let text = &self.page.text;
        let line = line_of(text, start);
        match json::parse(text, start, end) {
            Ok(read) => {
                let verbatim = text[start..read.end].to_owned();
                let mut grouped: Vec<(String, Vec<usize>)> = Vec::new();
                for (repair, line) in &read.repairs {
                    let what = match repair {
                        Repair::CutOff => {
                            self.warn(*line, format!("the {which} example is cut off here; what comes before is used (keys after the cut are missing)"));
                            continue;
                        }
                        other => other.describe(),
                    };
                    match grouped.iter_mut().find(|(text, _)| *text == what) {
                        Some((_, lines)) => lines.push(*line),
                        None => grouped.push((what, vec![*line])),
                    }
                }
                for (what, lines) in grouped {
                    let also: Vec<String> = lines[1..].iter().map(usize::to_string).collect();
                    let more =
                        if also.is_empty() { String::new() } else { format!(" (also lines {})", also.join(", ")) };
                    self.warn(
                        lines[0],
                        format!("the {which} example is not strict JSON: {what}{more}; read leniently"),
                    );
                }
                Some(Example { read, verbatim, line })
            }
            Err(error) => {
                self.warn(
                    error.line,
                    format!("the {which} example is not JSON even leniently ({}); it is left out", error.message),
                );
                None
            }
        }
    }
}
