//! Problems found while reading an open data file.
//!
//! Every problem says where (a JSON path, or a ward code and period), what is
//! wrong and what was expected, so a publisher can fix their file without
//! reading our code. Errors block a file; warnings never block showing the rest.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Warning,
    Error,
}

/// Serialisable: the import worker sends problems to the page as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Invisible characters that no text of an open data file may contain:
/// C0 and C1 control characters (tab, line feed and carriage return aside),
/// and the Unicode bidirectional formatting characters. An override such as
/// U+202E RIGHT-TO-LEFT OVERRIDE in a ward or source name reorders the text
/// shown around it ("(hnìĐ aB)", "exe.png"), so a file that carries one,
/// literally or as a JSON `\u` escape, is rejected: there is no legitimate
/// use for them in Vietnamese or English names, titles and notes.
///
/// Returns the character's name for the message, or `None` when allowed.
pub fn forbidden_character(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' | '\n' | '\r' => return None,
        '\u{0}'..='\u{1f}' => "a control character",
        '\u{7f}' => "DELETE",
        '\u{80}'..='\u{9f}' => "a C1 control character",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// Checks a file's text before parsing: its size ([`check_size`]), then that
/// it contains no [`forbidden_character`], written literally or as a JSON
/// `\uXXXX` escape. The error names the first such character (as `U+202E`
/// with its Unicode name) with its line and column (1-based, counted in
/// characters), and how many there are in all.
pub fn check_text(text: &str) -> Result<(), Problem> {
    check_size(text)?;
    let mut first: Option<(usize, usize, char)> = None;
    let mut count = 0usize;
    let (mut line, mut column) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        let at = column;
        let found = if c == '\\' {
            // An escape: `\uXXXX` may spell a forbidden character; any other
            // escape (`\\`, `\"`, `\n`…) is skipped whole so that `\\u202e`
            // (a backslash, then the letters u202e) is not taken for one.
            match chars.next() {
                Some('u') => {
                    let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                    column += 1 + hex.chars().count();
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .filter(|&e| forbidden_character(e).is_some())
                }
                Some(_) => {
                    column += 1;
                    None
                }
                None => None,
            }
        } else if c == '\n' {
            line += 1;
            column = 0;
            None
        } else {
            forbidden_character(c).map(|_| c)
        };
        if let Some(bad) = found {
            count += 1;
            first.get_or_insert((line, at, bad));
        }
    }
    let Some((line, column, bad)) = first else {
        return Ok(());
    };
    let name = forbidden_character(bad).unwrap_or("a control character");
    let more = match count {
        1 => String::new(),
        n => format!(" ({n} such characters in the file)"),
    };
    Err(Problem::error(
        format!("line {line}, column {column}"),
        format!(
            "the file contains the invisible character U+{:04X} ({name}){more}; control \
             and bidirectional formatting characters can reorder or hide the text shown \
             around them, so they are not accepted: remove them",
            u32::from(bad)
        ),
    ))
}

#[cfg(test)]
mod text_checks {
    use super::*;

    #[test]
    fn literal_and_escaped_bidi_overrides_are_rejected_with_their_place() {
        let literal = "{\n  \"name\": \"Ba \u{202e}Đình\"\n}";
        let err = check_text(literal).unwrap_err();
        assert_eq!(err.location, "line 2, column 15");
        assert!(
            err.message.contains("U+202E (RIGHT-TO-LEFT OVERRIDE)"),
            "{err}"
        );

        let escaped = r#"{"name": "exe\u202Egnp.png", "b": "\u2066x\u2069"}"#;
        let err = check_text(escaped).unwrap_err();
        assert_eq!(err.location, "line 1, column 14");
        assert!(err.message.contains("U+202E"), "{err}");
        assert!(err.message.contains("3 such characters"), "{err}");
    }

    #[test]
    fn control_characters_are_rejected_but_whitespace_is_not() {
        assert!(check_text("{\"a\": \"x\\u0007\"}").is_err());
        assert!(check_text("{\"a\": \"x\u{85}\"}").is_err());
        assert!(check_text("{\"a\": \"Hàng Bồ\\tx\\n\",\r\n\t\"b\": 1}").is_ok());
    }

    #[test]
    fn an_escaped_backslash_before_u_is_not_an_escape() {
        assert!(check_text(r#"{"a": "C:\\u202e"}"#).is_ok());
        assert!(check_text(r#"{"a": "\\\u202e"}"#).is_err());
    }
}
