//! A lenient reader for the JSON examples of docs pages: strict JSON plus what the vendor's pages
//! get wrong (trailing commas, `//` and `/* */` comments, single quotes, bare keys, missing
//! commas, Python literals, an example cut off mid-way). It records every repair with its page
//! line and keeps each object key's line. It never panics and never recurses without bound; it
//! does not decide what an example means (`convert` does).

/// A JSON value, with object members in the page's order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<Member>),
}

/// One member of an object and the page line of its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub value: Json,
    pub line: usize,
}

/// Something the reader had to forgive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    TrailingComma,
    /// The comment's text, as written.
    Comment(String),
    SingleQuotes,
    BareKey(String),
    MissingComma,
    /// `True`, `False` or `None`.
    PythonLiteral(String),
    /// The text ends (or shows `…`) before the value is complete; the open parts were closed.
    CutOff,
}

impl Repair {
    /// What was wrong, for a warning.
    pub fn describe(&self) -> String {
        match self {
            Repair::TrailingComma => "a trailing comma".to_owned(),
            Repair::Comment(text) => format!("a comment `{text}`"),
            Repair::SingleQuotes => "a single-quoted string".to_owned(),
            Repair::BareKey(key) => format!("an unquoted key `{key}`"),
            Repair::MissingComma => "a missing comma".to_owned(),
            Repair::PythonLiteral(word) => format!("the Python literal `{word}`"),
            Repair::CutOff => "the example is cut off here".to_owned(),
        }
    }
}

/// A value read leniently: where it ends and what was repaired (with page lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    pub value: Json,
    /// Byte offset just after the value.
    pub end: usize,
    pub repairs: Vec<(Repair, usize)>,
}

/// Why a text is not JSON even leniently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub message: String,
}

/// Deeper than any documented example; shallow enough that recursion stays cheap.
const MAX_DEPTH: usize = 64;

/// Reads one value from `text[start..end]`. Lines are counted in the whole `text`, so they are
/// page lines.
pub fn parse(text: &str, start: usize, end: usize) -> Result<Lenient, JsonError> {
    let end = end.min(text.len());
    let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
    let mut reader =
        Reader { text, bytes: text.as_bytes(), pos: start.min(end), end, repairs: Vec::new(), line_starts };
    reader.skip_space();
    let value = match reader.value(0) {
        Ok(value) => value,
        Err(Halt::Cut(Some(partial))) => {
            let line = reader.line(reader.pos);
            reader.repairs.push((Repair::CutOff, line));
            partial
        }
        Err(Halt::Cut(None)) => {
            return Err(JsonError {
                line: reader.line(reader.pos),
                message: "the example is cut off before any value".into(),
            });
        }
        Err(Halt::Error(error)) => return Err(error),
    };
    Ok(Lenient { value, end: reader.pos, repairs: reader.repairs })
}

enum Halt {
    /// The text ended (or showed `…`); the partial value read so far, if any.
    Cut(Option<Json>),
    Error(JsonError),
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
    repairs: Vec<(Repair, usize)>,
    /// Where each line of `text` starts, for page lines in O(log n).
    line_starts: Vec<usize>,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.bytes[self.pos])
    }

    fn error(&self, message: impl Into<String>) -> Halt {
        Halt::Error(JsonError { line: self.line(self.pos), message: message.into() })
    }

    /// `…` or `...`: the docs' mark of an excerpt.
    fn at_ellipsis(&self) -> bool {
        let rest = &self.bytes[self.pos..self.end];
        rest.starts_with("…".as_bytes()) || rest.starts_with(b"...")
    }

    fn skip_space(&mut self) {
        loop {
            while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
                self.pos += 1;
            }
            let rest = &self.bytes[self.pos..self.end];
            if rest.starts_with(b"//") || rest.starts_with(b"#") {
                let start = self.pos;
                while self.peek().is_some_and(|b| b != b'\n') {
                    self.pos += 1;
                }
                let comment = self.text[start..self.pos].trim_end().to_owned();
                self.repairs.push((Repair::Comment(comment), self.line(start)));
            } else if rest.starts_with(b"/*") {
                let start = self.pos;
                let close = self.text[self.pos + 2..self.end].find("*/").map_or(self.end, |at| self.pos + 2 + at + 2);
                self.pos = close;
                let comment = self.text[start..close].to_owned();
                self.repairs.push((Repair::Comment(comment), self.line(start)));
            } else {
                return;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, Halt> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("the example nests deeper than {MAX_DEPTH} levels")));
        }
        if self.at_ellipsis() {
            return Err(Halt::Cut(None));
        }
        match self.peek() {
            None => Err(Halt::Cut(None)),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(quote @ (b'"' | b'\'')) => self.string(quote).map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b) if b.is_ascii_alphabetic() => self.word(),
            Some(_) => Err(self.error(format!("unexpected `{}`", self.char_here()))),
        }
    }

    fn char_here(&self) -> char {
        self.text[self.pos..].chars().next().unwrap_or(' ')
    }

    fn object(&mut self, depth: usize) -> Result<Json, Halt> {
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        loop {
            self.skip_space();
            if self.at_ellipsis() || self.peek().is_none() {
                return Err(Halt::Cut(Some(Json::Object(members))));
            }
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(Json::Object(members));
            }
            let key_at = self.pos;
            let key = match self.peek() {
                Some(quote @ (b'"' | b'\'')) => match self.string(quote) {
                    Ok(key) => key,
                    Err(Halt::Cut(_)) => return Err(Halt::Cut(Some(Json::Object(members)))),
                    Err(error) => return Err(error),
                },
                Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {
                    while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$') {
                        self.pos += 1;
                    }
                    let key = self.text[key_at..self.pos].to_owned();
                    self.repairs.push((Repair::BareKey(key.clone()), self.line(key_at)));
                    key
                }
                _ => return Err(self.error(format!("expected a key, found `{}`", self.char_here()))),
            };
            let line = self.line(key_at);
            self.skip_space();
            if self.at_ellipsis() || self.peek().is_none() {
                return Err(Halt::Cut(Some(Json::Object(members))));
            }
            if self.peek() != Some(b':') {
                return Err(self.error(format!("expected `:` after the key `{key}`")));
            }
            self.pos += 1;
            self.skip_space();
            match self.value(depth + 1) {
                Ok(value) => members.push(Member { key, value, line }),
                Err(Halt::Cut(partial)) => {
                    if let Some(value) = partial {
                        members.push(Member { key, value, line });
                    }
                    return Err(Halt::Cut(Some(Json::Object(members))));
                }
                Err(error) => return Err(error),
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b'}') {
                        self.repairs.push((Repair::TrailingComma, self.line(self.pos)));
                    }
                }
                Some(b'}') => {}
                Some(b'"' | b'\'') => self.repairs.push((Repair::MissingComma, self.line(self.pos))),
                None => return Err(Halt::Cut(Some(Json::Object(members)))),
                Some(_) if self.at_ellipsis() => return Err(Halt::Cut(Some(Json::Object(members)))),
                Some(_) => return Err(self.error(format!("expected `,` or `}}`, found `{}`", self.char_here()))),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, Halt> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.at_ellipsis() || self.peek().is_none() {
                return Err(Halt::Cut(Some(Json::Array(items))));
            }
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Ok(Json::Array(items));
            }
            match self.value(depth + 1) {
                Ok(value) => items.push(value),
                Err(Halt::Cut(partial)) => {
                    items.extend(partial);
                    return Err(Halt::Cut(Some(Json::Array(items))));
                }
                Err(error) => return Err(error),
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        self.repairs.push((Repair::TrailingComma, self.line(self.pos)));
                    }
                }
                Some(b']') => {}
                None => return Err(Halt::Cut(Some(Json::Array(items)))),
                Some(_) if self.at_ellipsis() => return Err(Halt::Cut(Some(Json::Array(items)))),
                Some(b'{' | b'[' | b'"' | b'\'') => self.repairs.push((Repair::MissingComma, self.line(self.pos))),
                Some(_) => return Err(self.error(format!("expected `,` or `]`, found `{}`", self.char_here()))),
            }
        }
    }

    fn string(&mut self, quote: u8) -> Result<String, Halt> {
        if quote == b'\'' {
            self.repairs.push((Repair::SingleQuotes, self.line(self.pos)));
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while self.peek().is_some_and(|b| b != quote && b != b'\\' && b != b'\n') {
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => return Err(Halt::Cut(None)),
                // Only blank text after the break: the page is cut inside this string.
                Some(b'\n') if self.text[self.pos..self.end].trim().is_empty() => return Err(Halt::Cut(None)),
                Some(b'\n') => return Err(self.error("a string runs past the end of its line")),
                Some(b'\\') => {
                    self.pos += 1;
                    let Some(escape) = self.peek() else { return Err(Halt::Cut(None)) };
                    self.pos += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\'' => out.push('\''),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let code = self.hex4()?;
                            let ch = if (0xD800..0xDC00).contains(&code)
                                && self.bytes[self.pos..self.end].starts_with(b"\\u")
                            {
                                self.pos += 2;
                                let low = self.hex4()?;
                                char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF))
                            } else {
                                char::from_u32(code)
                            };
                            out.push(ch.unwrap_or('\u{FFFD}'));
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.error(format!("unknown escape `\\{}`", self.char_here())));
                        }
                    }
                }
                Some(_) => {
                    self.pos += 1;
                    return Ok(out);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Halt> {
        let digits = self.text.get(self.pos..self.pos + 4).filter(|_| self.pos + 4 <= self.end);
        let Some(digits) = digits else { return Err(Halt::Cut(None)) };
        let code = u32::from_str_radix(digits, 16).map_err(|_| self.error(format!("bad `\\u` escape `{digits}`")))?;
        self.pos += 4;
        Ok(code)
    }

    fn number(&mut self) -> Result<Json, Halt> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |reader: &mut Self| {
            let from = reader.pos;
            while reader.peek().is_some_and(|b| b.is_ascii_digit()) {
                reader.pos += 1;
            }
            reader.pos > from
        };
        let mut ok = digits(self);
        if ok && self.peek() == Some(b'.') {
            self.pos += 1;
            ok = digits(self);
        }
        if ok && matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            ok = digits(self);
        }
        if self.at_ellipsis() || (self.peek().is_none() && !ok) {
            return Err(Halt::Cut(None));
        }
        if !ok {
            return Err(self.error(format!("`{}` is not a number", &self.text[start..self.pos])));
        }
        Ok(Json::Number(self.text[start..self.pos].to_owned()))
    }

    fn word(&mut self) -> Result<Json, Halt> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        let value = match word {
            "null" => Json::Null,
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            "None" | "True" | "False" => {
                self.repairs.push((Repair::PythonLiteral(word.to_owned()), self.line(start)));
                match word {
                    "None" => Json::Null,
                    "True" => Json::Bool(true),
                    _ => Json::Bool(false),
                }
            }
            // `n…`: a literal the excerpt cut through.
            _ if (self.at_ellipsis() || self.peek().is_none())
                && ["null", "true", "false"].iter().any(|literal| literal.starts_with(word)) =>
            {
                return Err(Halt::Cut(None));
            }
            _ => {
                self.pos = start;
                return Err(self.error(format!("unexpected `{word}`")));
            }
        };
        Ok(value)
    }
}

/// Pretty JSON text (two-space indent) for a value, such as a repaired example.
pub fn to_pretty(value: &Json) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

fn write_value(out: &mut String, value: &Json, indent: usize) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Json::Number(text) => out.push_str(text),
        Json::String(text) => out.push_str(&quote(text)),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Array(items) if items.iter().all(is_scalar) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, indent);
            }
            out.push(']');
        }
        Json::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                out.push_str(if index > 0 { ",\n" } else { "\n" });
                push_indent(out, indent + 1);
                write_value(out, item, indent + 1);
            }
            out.push('\n');
            push_indent(out, indent);
            out.push(']');
        }
        Json::Object(members) if members.is_empty() => out.push_str("{}"),
        Json::Object(members) => {
            out.push('{');
            for (index, member) in members.iter().enumerate() {
                out.push_str(if index > 0 { ",\n" } else { "\n" });
                push_indent(out, indent + 1);
                out.push_str(&quote(&member.key));
                out.push_str(": ");
                write_value(out, &member.value, indent + 1);
            }
            out.push('\n');
            push_indent(out, indent);
            out.push('}');
        }
    }
}

fn is_scalar(value: &Json) -> bool {
    !matches!(value, Json::Array(_) | Json::Object(_))
}

fn push_indent(out: &mut String, level: usize) {
    out.extend(std::iter::repeat_n("  ", level));
}

/// A JSON string literal.
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.escape_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Lenient {
        parse(text, 0, text.len()).unwrap_or_else(|error| panic!("{error:?}"))
    }

    fn keys(value: &Json) -> Vec<(&str, usize)> {
        match value {
            Json::Object(members) => members.iter().map(|m| (m.key.as_str(), m.line)).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn strict_json_needs_no_repair_and_keeps_order_and_lines() {
        let text = "{\n\"b\": 1,\n\"a\": [true, null, \"x\\u00e9\"],\n\"c\": {\"d\": -1.5e3}\n} tail";
        let read = read(text);
        assert!(read.repairs.is_empty());
        assert_eq!(keys(&read.value), [("b", 2), ("a", 3), ("c", 4)]);
        assert_eq!(&text[read.end..], " tail");
        assert_eq!(
            to_pretty(&read.value),
            "{\n  \"b\": 1,\n  \"a\": [true, null, \"xé\"],\n  \"c\": {\n    \"d\": -1.5e3\n  }\n}"
        );
    }

    #[test]
    fn forgives_what_the_docs_get_wrong() {
        let text = "{\n  'ids': ['1', '5'], // OR use ids\n  name: \"x\",\n  \"tags\": [{\"id\": 31, \"name\": \"My tag\", }],\n  \"ok\": True\n  \"more\": 1,\n}";
        let read = read(text);
        let found: Vec<(Repair, usize)> = read.repairs.clone();
        assert_eq!(
            found,
            vec![
                (Repair::SingleQuotes, 2),
                (Repair::SingleQuotes, 2),
                (Repair::SingleQuotes, 2),
                (Repair::Comment("// OR use ids".into()), 2),
                (Repair::BareKey("name".into()), 3),
                (Repair::TrailingComma, 4),
                (Repair::PythonLiteral("True".into()), 5),
                (Repair::MissingComma, 6),
                (Repair::TrailingComma, 7),
            ]
        );
        assert_eq!(keys(&read.value), [("ids", 2), ("name", 3), ("tags", 4), ("ok", 5), ("more", 6)]);
    }

    #[test]
    fn a_cut_off_example_keeps_what_was_read() {
        for text in [
            "{\"id\": 12218, \"name\": \"example deal\", \"custom_id\": n…",
            "{\"id\": 12218, \"name\": \"example deal\", \"custom_id\": n",
            "{\"id\": 12218, \"name\": \"example deal\", \"custom_id\": \"abc",
            "{\"id\": 12218, \"name\": \"example deal\", ...",
        ] {
            let read = read(text);
            assert_eq!(read.repairs, [(Repair::CutOff, 1)], "{text}");
            assert_eq!(keys(&read.value), [("id", 1), ("name", 1)], "{text}");
        }
        let nested = read("{\"a\": 1, \"list\": [{\"id\": 1, \"x\": 2");
        assert_eq!(
            to_pretty(&nested.value),
            "{\n  \"a\": 1,\n  \"list\": [\n    {\n      \"id\": 1,\n      \"x\": 2\n    }\n  ]\n}"
        );
    }

    #[test]
    fn real_errors_name_their_line() {
        let cases = [
            ("{\n\"a\": 1\n\"b\" 2}", 3, "expected `:` after the key `b`"),
            ("{\n\"a\": @}", 2, "unexpected `@`"),
            ("{\"a\": nope}", 1, "unexpected `nope`"),
            ("{\"a\": \"x\ny\"}", 1, "a string runs past the end of its line"),
            ("…", 1, "the example is cut off before any value"),
            ("{\"a\": \"\\q\"}", 1, "unknown escape `\\q`"),
            ("{\"a\": 1 2}", 1, "expected `,` or `}`, found `2`"),
        ];
        for (text, line, message) in cases {
            assert_eq!(parse(text, 0, text.len()), Err(JsonError { line, message: message.into() }), "{text}");
        }
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        let error = parse(&text, 0, text.len()).unwrap_err();
        assert_eq!(error.message, "the example nests deeper than 64 levels");
    }
}
