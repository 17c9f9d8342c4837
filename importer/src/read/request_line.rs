//! Request lines, wherever a page writes them: `` `PUT https://api.example.com/v1/users/<ID>` ``
//! in a sentence or alone, `GET /x HTTP/1.1` in a code block, a `Method | URL` table, an HTML
//! request block (`<i>POST</i> <h6>/x</h6>`), a lone URL whose method the markup or text says,
//! or a curl command; their placeholders (`<ID>`, `:id`, `{id}`, `[id]`); and the keys a
//! request example sends.

use super::conventions::plain_word;
use super::markdown::Block;

/// The methods a request line may start with.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// A request line found in a block.
#[derive(Debug, Clone)]
pub(crate) struct RequestLine {
    pub(crate) block: usize,
    pub(crate) line: usize,
    pub(crate) method: String,
    pub(crate) url: String,
    /// From a curl command: used only when the endpoint has no other request line.
    pub(crate) curl: bool,
    /// From a code block (an example request): used only when no prose, table or HTML block
    /// of the endpoint gives the request line.
    pub(crate) code: bool,
}

/// Every request line of the blocks.
pub(crate) fn request_lines(blocks: &[Block]) -> Vec<RequestLine> {
    let mut found = Vec::new();
    for (at, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph { line, text, .. } | Block::Item { line, text, .. } => {
                if let Some((method, url)) = paragraph_request(blocks, at, text) {
                    found.push(RequestLine { block: at, line: *line, method, url, curl: false, code: false });
                }
            }
            Block::Code { line, lang, text } => {
                let first = text.lines().position(|l| !l.trim().is_empty());
                if let Some(offset) = first {
                    let first_line = text.lines().nth(offset).unwrap_or("");
                    if let Some((method, url)) = method_and_url(first_line.trim())
                        && !matches!(lang.as_str(), "json" | "javascript" | "js" | "python" | "ruby" | "php")
                    {
                        found.push(RequestLine {
                            block: at,
                            line: line + offset,
                            method,
                            url,
                            curl: false,
                            code: true,
                        });
                        continue;
                    }
                }
                if let Some((method, url, offset)) = curl_route(text) {
                    found.push(RequestLine { block: at, line: line + offset, method, url, curl: true, code: true });
                }
            }
            Block::Table { header, rows, .. } => {
                let words: Vec<String> = header.iter().map(|cell| plain_word(cell)).collect();
                let method_at = words.iter().position(|w| w == "method" || w == "http method" || w == "verb");
                let url_at = words
                    .iter()
                    .position(|w| matches!(w.as_str(), "url" | "uri" | "path" | "endpoint" | "resource" | "route"));
                if let (Some(method_at), Some(url_at)) = (method_at, url_at) {
                    for (line, cells) in rows {
                        let method = cells.get(method_at).map(|c| strip_inline(c).to_uppercase());
                        let url = cells.get(url_at).map(|c| strip_inline(c));
                        if let (Some(method), Some(url)) = (method, url)
                            && METHODS.contains(&method.as_str())
                            && !url.is_empty()
                        {
                            found.push(RequestLine { block: at, line: *line, method, url, curl: false, code: false });
                        }
                    }
                }
            }
            // `<div class="api-endpoint"><i>POST</i> <h6>/x</h6></div>`: the block's text.
            Block::Html { line, text } => {
                if let Some((method, url)) = method_and_url(&strip_inline(text)) {
                    found.push(RequestLine { block: at, line: *line, method, url, curl: false, code: false });
                }
            }
            Block::Heading { .. } => {}
        }
    }
    found
}

/// The request line of a paragraph: the whole text (`GET /x`), else its first code span that
/// is one (`` `GET /customers` or `GET /customers?page=:page` ``), else a lone URL in a code
/// span (`` `https://api.x.com/users/{user}` ``) or HTML (`<span class="api api-get"></span>
/// <code>/x</code>`), whose method the markup, the text before it, or a curl example of the
/// same section says (GET when none does).
pub(crate) fn paragraph_request(blocks: &[Block], at: usize, text: &str) -> Option<(String, String)> {
    if let Some(found) = method_and_url(&strip_inline(text)) {
        return Some(found);
    }
    let spans: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    if let Some(found) = spans.iter().find_map(|span| method_and_url(&strip_inline(span))) {
        return Some(found);
    }
    let lone = strip_inline(text);
    let lone_url = !lone.contains(' ')
        && (lone.starts_with("https://")
            || lone.starts_with("http://")
            || (lone.starts_with('/') && text.contains('<')));
    let is_span = text.trim().starts_with('`') && text.trim().ends_with('`') && spans.len() == 1;
    if !lone_url || !(is_span || text.contains("<code")) {
        return None;
    }
    let lower = text.to_lowercase();
    let from_markup = METHODS.iter().find(|m| {
        let m = m.to_lowercase();
        ["\"", " ", "'"].iter().any(|end| lower.contains(&format!("-{m}{end}")))
    });
    let before = blocks[at.saturating_sub(2)..at].iter().rev().find_map(|block| match block {
        Block::Paragraph { text, .. } => {
            text.split(|c: char| !c.is_ascii_alphabetic()).find(|word| METHODS.contains(word)).map(str::to_owned)
        }
        _ => None,
    });
    let from_curl =
        blocks[..at].iter().rev().take_while(|b| !matches!(b, Block::Heading { level, .. } if *level <= 2)).find_map(
            |block| match block {
                Block::Code { text, .. } => curl_route(text).map(|(method, _, _)| method),
                _ => None,
            },
        );
    let method = from_markup.map(|m| (*m).to_owned()).or(before).or(from_curl).unwrap_or_else(|| "GET".to_owned());
    Some((method, lone))
}

/// HTML elements whose tags are markup around text (a `<name>` that is not one of them is a
/// placeholder, as in `/users/<ID>`).
pub(crate) const HTML_TAGS: &[&str] = &[
    "a", "b", "br", "code", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "i", "kbd", "li", "p", "pre",
    "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "tt", "u", "ul",
    "ol", "dl", "dt", "dd", "section", "article", "aside", "label", "mark", "var",
];

/// Inline marks, HTML tags and entities removed: `` `GET /x` ``, `<code>GET /x</code>` and
/// `<i>POST</i> <h6>/x</h6>` read as `GET /x` and `POST /x`; `<ID>` placeholders stay.
pub fn strip_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let inner = rest[1..end].trim_start_matches('/');
            let name = inner.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("").to_lowercase();
            if HTML_TAGS.contains(&name.as_str()) {
                out.push(' ');
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c != '`' && c != '*' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `GET /x`, `GET https://api.example.com/x`, `GET /x HTTP/1.1`: the method and URL.
pub fn method_and_url(line: &str) -> Option<(String, String)> {
    // `GET /projects/<Project ID>/attachments`: a placeholder may hold spaces.
    let mut joined = String::with_capacity(line.len());
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '<' | '{' => depth += 1,
            '>' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        joined.push(if c.is_whitespace() && depth > 0 { '\u{1f}' } else { c });
    }
    let line = joined.as_str();
    let mut words = line.split_whitespace();
    let method = words.next()?;
    if !METHODS.contains(&method) {
        return None;
    }
    let url = words.next()?;
    let rest: Vec<&str> = words.collect();
    let url_like = url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://");
    let rest_ok = rest.is_empty() || (rest.len() == 1 && rest[0].starts_with("HTTP/"));
    // `GET /x -H 'Accept: ...'`: a shell line is a request line too, its options aside.
    let shell_rest = rest.first().is_some_and(|w| w.starts_with('-'));
    (url_like && (rest_ok || shell_rest))
        .then(|| (method.to_owned(), url.trim_end_matches(['\'', '"', '?']).replace('\u{1f}', " ")))
}

/// The method and URL of a curl command, and its line offset within the text.
pub(crate) fn curl_route(text: &str) -> Option<(String, String, usize)> {
    let start = text.lines().position(|line| {
        let line = line.trim_start().trim_start_matches("$ ");
        line.starts_with("curl ") || line == "curl"
    })?;
    let mut command = String::new();
    // A command runs over lines ending in `\`, or (as some pages write it) over lines that
    // start with an option.
    for (at, line) in text.lines().skip(start).enumerate() {
        let line = line.trim();
        if at > 0 && !command.trim_end().ends_with('\\') && !line.starts_with('-') {
            break;
        }
        let command_end = command.trim_end().trim_end_matches('\\').len();
        command.truncate(command_end);
        command.push(' ');
        command.push_str(line);
    }
    let command = command.replace('\\', " ");
    let words = shell_words(&command);
    let mut method = None;
    let mut url = None;
    let mut has_data = false;
    let mut index = 0;
    while index < words.len() {
        let word = words[index].as_str();
        match word {
            "-X" | "--request" => {
                method = words.get(index + 1).map(|m| m.to_uppercase());
                index += 1;
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-urlencode" | "-F" | "--form" => {
                has_data = true;
                index += 1;
            }
            "-H" | "--header" | "-u" | "--user" | "-o" | "--output" | "-A" | "--user-agent" | "-b" | "--cookie"
            | "-e" => index += 1,
            _ if word.starts_with("-X") && word.len() > 2 => method = Some(word[2..].to_uppercase()),
            _ if (word.starts_with("http://") || word.starts_with("https://")) && url.is_none() => {
                url = Some(word.to_owned());
            }
            _ => {}
        }
        index += 1;
    }
    let method = method.unwrap_or_else(|| if has_data { "POST" } else { "GET" }.to_owned());
    METHODS.contains(&method.as_str()).then_some(())?;
    Some((method, url?, start))
}

/// A shell command's words, with quotes removed (no expansion).
pub(crate) fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut any = false;
    for c in command.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), _) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            _ => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

/// The keys a request example sends: the top-level keys of its JSON object (a curl
/// `-d '{...}'` or a bare object), Ruby's `:name =>` and form fields (`-d name=x`, `-F name=x`).
pub(crate) fn body_keys(text: &str) -> Vec<String> {
    let mut keys = json_keys(text);
    for (at, _) in text.match_indices(" =>") {
        let before = &text[..at];
        let word_start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        if before[..word_start].ends_with(':') && word_start < at {
            keys.push(before[word_start..].to_owned());
        }
    }
    for flag in ["-d ", "-F ", "--data ", "--form "] {
        for (at, _) in text.match_indices(flag) {
            let rest = text[at + flag.len()..].trim_start().trim_start_matches(['"', '\'']);
            if let Some((name, _)) = rest.split_once('=')
                && !name.is_empty()
                && name.chars().all(|c| c.is_alphanumeric() || "_[].".contains(c))
            {
                keys.push(name.to_owned());
            }
        }
    }
    keys
}

/// The top-level keys of the first JSON object in a text.
pub(crate) fn json_keys(text: &str) -> Vec<String> {
    let Some(start) = text.find('{') else { return Vec::new() };
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut chars = text[start..].char_indices().peekable();
    let bytes = &text[start..];
    while let Some((at, c)) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            '"' => {
                let rest = &bytes[at + 1..];
                let Some(end) = rest.find('"') else { break };
                let key = &rest[..end];
                let after = rest[end + 1..].trim_start();
                if depth == 1 && after.starts_with(':') {
                    keys.push(key.to_owned());
                }
                for _ in 0..key.chars().count() + 1 {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    keys
}

/// `<id>`, `{id}`, `{{id}}`, `:id`, `[id]`, `[:id]` (optional): the placeholder's name, and
/// whether the page marks it optional.
pub fn placeholder_of(segment: &str) -> Option<(&str, bool)> {
    let strip = |s: &'static str, e: &'static str| segment.strip_prefix(s).and_then(|rest| rest.strip_suffix(e));
    if let Some(inner) = strip("[:", "]") {
        return Some((inner, true));
    }
    let inner = strip("{{", "}}")
        .or_else(|| strip("<", ">"))
        .or_else(|| strip("{", "}"))
        .or_else(|| strip("[", "]"))
        .or_else(|| segment.strip_prefix(':'))?;
    (!inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || "_-. ".contains(c))).then_some((inner, false))
}

/// The placeholder names of a request URL: `<ID>`, `:id`, `{id}`, `[id]`.
pub fn placeholder_names(url: &str) -> Vec<String> {
    let path = url.split('?').next().unwrap_or("");
    path.split('/').filter_map(placeholder_of).map(|(name, _)| name.to_owned()).collect()
}
