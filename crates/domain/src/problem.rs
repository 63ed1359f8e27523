//! Problems found while reading an open data file.
//!
//! Every problem says where (a JSON path, or a ward code and period), what is
//! wrong and what was expected, so a publisher can fix their file without
//! reading our code. Errors block a file; warnings never block showing the rest.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where in the file: a JSON path such as `$.wards[3].code`, or `ward 00001, 2021-Q3`.
    pub location: String,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl Problem {
    pub fn error(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location: location.into(),
            message: message.into(),
        }
    }

    pub fn warning(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            location: location.into(),
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind} at {}: {}", self.location, self.message)
    }
}

/// Largest file we accept, in bytes. The bundled datasets are about 100 KB; a
/// publisher's file for 175 wards over many periods stays far below this.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Describes a `serde_json` syntax or type error with its line and column.
pub fn json_error(err: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    let what = match err.classify() {
        Category::Io => "could not be read",
        Category::Syntax => "is not valid JSON",
        Category::Data => "does not have the expected structure",
        Category::Eof => "ends too early (the file is truncated)",
    };
    Problem::error(
        format!("line {}, column {}", err.line(), err.column()),
        format!("the file {what}: {err}"),
    )
}

/// Checks the size before parsing, so a hostile or mistaken file cannot make
/// the browser parse hundreds of megabytes.
pub fn check_size(text: &str) -> Result<(), Problem> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Problem::error(
            "$",
            format!(
                "the file is {} bytes; at most {} bytes are accepted",
                text.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    Ok(())
}
