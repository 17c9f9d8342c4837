//! Schema errors: where (file, line:column, key path), what, and a hint. An accumulator
//! collects them so one run reports every problem; nothing here decides what is an error.

use std::fmt;

/// One problem in the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the caller named it, for example `schema/users/update_user.yaml`.
    pub file: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// Dotted key path inside the file, for example `endpoints.update_user.request.email.type`.
    pub key_path: String,
    /// Lowercase, offending key in backticks, no trailing period.
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: &str, key_path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            position: None,
            key_path: key_path.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        self.position = position;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        match self.position {
            Some((line, column)) => writeln!(f, "  --> {}:{line}:{column}", self.file)?,
            None => writeln!(f, "  --> {}", self.file)?,
        }
        if !self.key_path.is_empty() {
            writeln!(f, "   = at `{}`", self.key_path)?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "   = help: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run, sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `Err` with every collected problem, in a stable order, or `Ok(value)` when there are none.
    pub fn finish<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            return Ok(value);
        }
        self.0.sort_by(|a, b| {
            (&a.file, a.position, &a.key_path, &a.message).cmp(&(&b.file, b.position, &b.key_path, &b.message))
        });
        self.0.dedup();
        Err(self)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let count = self.0.len();
        write!(f, "{count} error{} in the schema", if count == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}
