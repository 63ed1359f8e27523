//! Numbers and codes as people type them: decimal comma or dot, thousands
//! dot, comma or space, "%" in cells, codes that lost their leading zeros
//! ("52", "52.0" → "00052"), and row-number (STT) columns.
//!
//! A separator's meaning is decided per column, not per cell: "6.000" alone
//! could be six or six thousand; the column tells. The rule: a separator
//! followed by a digit count other than 3 anywhere in the column ("91,9",
//! "85.5") makes that separator the column's decimal separator; otherwise a
//! lone separator before exactly three digits ("6.000", "7,215") groups
//! thousands. Cells with both separators ("1.234,5", "1,234.5") and cells
//! with a repeated separator ("1.234.567") are unambiguous on their own.

use super::decode::notice;
use super::{Cell, ImportNotice, Sheet};

/// What a separator character means in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SepRole {
    /// Not seen in a way that tells.
    #[default]
    Unseen,
    /// Separates the decimals ("91,9", "85.5").
    Decimal,
    /// Groups thousands ("1.234.567", the "." of "1.234,5").
    Thousands,
}

/// How a column writes its numbers; from [`infer_style`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// The role of ','.
    pub comma: SepRole,
    /// The role of '.'.
    pub dot: SepRole,
    /// Some cell had a lone separator before exactly three digits
    /// ("6.000") that this style reads as a thousands separator.
    pub grouped: bool,
}

impl NumberStyle {
    /// Whether ',' is the column's decimal separator.
    pub fn decimal_comma(&self) -> bool {
        self.comma == SepRole::Decimal
    }

    /// The notice to show for a column read this way (named `column`), or
    /// `None` when it was read the plain way (dot decimal, no grouping).
    /// Codes: "number-decimal-comma", "number-thousands-separator".
    pub fn notice(&self, column: &str) -> Option<ImportNotice> {
        if self.decimal_comma() {
            Some(notice(
                "number-decimal-comma",
                format!("Cột “{column}” được đọc với dấu phẩy thập phân: “91,9” là 91,9. Nếu không đúng, hãy sửa cột trong tệp."),
                format!("Column “{column}” was read with a decimal comma: “91,9” is 91.9. If that is wrong, fix the column in the file."),
            ))
        } else if self.grouped {
            Some(notice(
                "number-thousands-separator",
                format!("Cột “{column}” có số như “6.000”: được đọc là sáu nghìn (dấu chấm hoặc phẩy tách hàng nghìn). Nếu đó là số thập phân, hãy ghi rõ, ví dụ “6,0”."),
                format!("Column “{column}” has numbers like “6.000”: read as six thousand (the dot or comma groups thousands). If they are decimals, write them unambiguously, e.g. “6.0”."),
            ))
        } else {
            None
        }
    }
}

/// The separators of one cell's number, after sign, "%" and spaces are
/// removed: `None` when the cell is not a plain number.
struct Shape<'a> {
    digits: &'a str,
}

/// Trims a cell and strips what surrounds the number: spaces (including
/// no-break and zero-width), a trailing "%", a sign. Returns (negative,
/// body, percent).
fn strip(text: &str) -> (bool, &str, bool) {
    let is_space = |c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}');
    let mut t = text.trim_matches(is_space);
    let percent = t.ends_with('%');
    if percent {
        t = t[..t.len() - 1].trim_end_matches(is_space);
    }
    let mut negative = false;
    if let Some(r) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        negative = true;
        t = r.trim_start_matches(is_space);
    } else if let Some(r) = t.strip_prefix('+') {
        t = r.trim_start_matches(is_space);
    }
    (negative, t, percent)
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

impl<'a> Shape<'a> {
    /// A body of digits, '.', ',' and grouping spaces, starting and ending
    /// with a digit (a leading separator as in ",5" is allowed).
    fn of(body: &'a str) -> Option<Self> {
        let ok = !body.is_empty()
            && body.chars().any(|c| c.is_ascii_digit())
            && body
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c))
            && body.chars().last().is_some_and(|c| c.is_ascii_digit());
        ok.then_some(Shape { digits: body })
    }

    fn count(&self, sep: char) -> usize {
        self.digits.matches(sep).count()
    }
}

/// Evidence one cell gives about the separators: (comma, dot) each
/// `Some(role)` when the cell tells, and whether it is the ambiguous
/// "lone separator before three digits" kind.
fn evidence(body: &str) -> Option<(Option<SepRole>, Option<SepRole>, bool)> {
    let shape = Shape::of(body)?;
    let (nc, nd) = (shape.count(','), shape.count('.'));
    let role_of_lone = |sep: char| -> (Option<SepRole>, bool) {
        let (before, after) = body.split_once(sep).unwrap_or((body, ""));
        let before_digits = before.bytes().filter(u8::is_ascii_digit).count();
        let after_digits = after.bytes().filter(u8::is_ascii_digit).count();
        if after_digits != 3
            || before_digits == 0
            || before.trim_start_matches(is_group_space).starts_with('0')
            || before_digits > 3
        {
            (Some(SepRole::Decimal), false)
        } else {
            (None, true)
        }
    };
    Some(match (nc, nd) {
        (0, 0) => (None, None, false),
        (c, 0) if c > 1 => (Some(SepRole::Thousands), None, false),
        (0, d) if d > 1 => (None, Some(SepRole::Thousands), false),
        (1, 0) => {
            let (r, amb) = role_of_lone(',');
            (r, None, amb)
        }
        (0, 1) => {
            let (r, amb) = role_of_lone('.');
            (None, r, amb)
        }
        _ => {
            // Both: the last one is the decimal separator.
            let last_comma = body.rfind(',');
            let last_dot = body.rfind('.');
            if last_comma > last_dot {
                (Some(SepRole::Decimal), Some(SepRole::Thousands), false)
            } else {
                (Some(SepRole::Thousands), Some(SepRole::Decimal), false)
            }
        }
    })
}

/// Decides how a column writes its numbers from all its cells' texts.
/// Cells that are not numbers are ignored. O(total length).
pub fn infer_style(cells: &[&str]) -> NumberStyle {
    let (mut comma_dec, mut comma_thou, mut dot_dec, mut dot_thou, mut ambiguous) =
        (false, false, false, false, false);
    for cell in cells {
        let (_, body, _) = strip(cell);
        if let Some((c, d, amb)) = evidence(body) {
            comma_dec |= c == Some(SepRole::Decimal);
            comma_thou |= c == Some(SepRole::Thousands);
            dot_dec |= d == Some(SepRole::Decimal);
            dot_thou |= d == Some(SepRole::Thousands);
            ambiguous |= amb;
        }
    }
    let role = |dec: bool, thou: bool| {
        if dec {
            SepRole::Decimal
        } else if thou {
            SepRole::Thousands
        } else {
            SepRole::Unseen
        }
    };
    let mut style = NumberStyle {
        comma: role(comma_dec, comma_thou),
        dot: role(dot_dec, dot_thou),
        grouped: false,
    };
    // Whether some ambiguous cell will be read as grouped thousands: only
    // when a separator is not the decimal one.
    style.grouped = ambiguous && (style.comma != SepRole::Decimal || style.dot != SepRole::Decimal);
    style
}

/// [`infer_style`] for column `col` of a sheet (text cells only; XLSX
/// numbers need no style).
pub fn infer_column_style(sheet: &Sheet, col: usize) -> NumberStyle {
    let cells: Vec<&str> = sheet
        .rows
        .iter()
        .filter_map(|r| match r.get(col) {
            Some(Cell::Text(t)) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    infer_style(&cells)
}

/// Cell texts that mean "no value" (case-insensitive, trimmed).
const MISSING: [&str; 11] = [
    "", "-", "–", "—", "na", "n/a", "#n/a", "..", "...", "…", "x",
];

/// Reads one cell as a number, the way it is shown.
///
/// - Empty cells and "-", "–", "NA", "N/A", "#N/A", "..", "...", "…", "x"
///   → `Ok(None)` (no value).
/// - Text: an optional sign, digits with the column's separators (`style`,
///   from [`infer_style`]), grouping spaces, an optional "%" suffix (the
///   number is read as written: "88,25%" is 88.25). Exponents ("1.2E+05")
///   are accepted with a dot decimal.
/// - [`Cell::Number`] with `percent` (an XLSX cell formatted as a
///   percentage) → value × 100, so 0.919 shown as "91.9%" reads 91.9.
///
/// Errors (code "value-not-a-number" or "value-not-finite"): text that is
/// not a number, and NaN or infinite values.
pub fn parse_number(cell: &Cell, style: NumberStyle) -> Result<Option<f64>, ImportNotice> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number { value, percent } => {
            let v = if *percent { times_100(*value) } else { *value };
            finite(v, &value.to_string())
        }
        Cell::Text(text) => parse_text(text, style),
    }
}

/// `v` × 100 without the binary rounding of a multiplication
/// (0.919 × 100 = 91.89999…): the decimal point of the shortest
/// round-trip form is moved instead.
pub(crate) fn times_100(v: f64) -> f64 {
    let s = format!("{v:e}");
    match s.split_once('e') {
        Some((m, e)) => match e.parse::<i32>() {
            Ok(e) => format!("{m}e{}", e + 2).parse().unwrap_or(v * 100.0),
            Err(_) => v * 100.0,
        },
        None => v * 100.0,
    }
}

fn finite(v: f64, shown: &str) -> Result<Option<f64>, ImportNotice> {
    if v.is_finite() {
        Ok(Some(v))
    } else {
        Err(notice(
            "value-not-finite",
            format!("“{shown}” không phải là một số hữu hạn."),
            format!("“{shown}” is not a finite number."),
        ))
    }
}

fn not_a_number(text: &str) -> ImportNotice {
    let shown: String = text.trim().chars().take(60).collect();
    notice(
        "value-not-a-number",
        format!("“{shown}” không phải là số. Hãy ghi số như “91,9”, “91.9”, “6.000” hoặc “88%”, hoặc để trống ô không có số liệu."),
        format!("“{shown}” is not a number. Write numbers like “91.9”, “91,9”, “6,000” or “88%”, or leave cells without data empty."),
    )
}

fn parse_text(text: &str, style: NumberStyle) -> Result<Option<f64>, ImportNotice> {
    let trimmed =
        text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}'));
    if trimmed.len() <= 8 && MISSING.iter().any(|m| trimmed.eq_ignore_ascii_case(m)) {
        return Ok(None);
    }
    let (negative, body, _percent) = strip(text);
    // Exponent form, as spreadsheets export very large or small numbers.
    if body.bytes().any(|b| b == b'e' || b == b'E') {
        let ok = body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
        if ok {
            if let Ok(v) = body.parse::<f64>() {
                return finite(if negative { -v } else { v }, text.trim());
            }
        }
        return Err(not_a_number(text));
    }
    let Some((c, d, amb)) = evidence(body) else {
        return Err(not_a_number(text));
    };
    // The decimal separator of this cell, if any.
    let decimal = match (c, d) {
        (Some(SepRole::Decimal), _) => Some(','),
        (_, Some(SepRole::Decimal)) => Some('.'),
        _ if amb => {
            // A lone separator before three digits: the column decides.
            let sep = if body.contains(',') { ',' } else { '.' };
            let role = if sep == ',' { style.comma } else { style.dot };
            (role == SepRole::Decimal).then_some(sep)
        }
        _ => None,
    };
    let mut plain = String::with_capacity(body.len() + 1);
    if negative {
        plain.push('-');
    }
    for ch in body.chars() {
        if ch.is_ascii_digit() {
            plain.push(ch);
        } else if Some(ch) == decimal {
            plain.push('.');
        }
        // Other separators and spaces group digits: dropped.
    }
    match plain.parse::<f64>() {
        Ok(v) => finite(v, text.trim()),
        Err(_) => Err(not_a_number(text)),
    }
}

/// A ward-code cell as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeRead {
    /// Empty cell.
    Empty,
    /// A 5-digit GSO ward code, zeros restored: "52", "52.0", "0049", the
    /// XLSX number 52 → "00052" / "00049".
    Code(String),
    /// Digits too long for a GSO ward code (6 or more significant digits,
    /// e.g. "1010531"): a code of another numbering scheme. The digits as
    /// written.
    UnknownScheme(String),
    /// Not a code at all (letters, "0", a fraction): the text, trimmed.
    NotACode(String),
}

/// Reads a ward-code cell. Accepts the leading apostrophe and the
/// `="00052"` form spreadsheets use to keep zeros, and the ".0" float
/// artefact of codes that went through a number column.
pub fn normalize_code(cell: &Cell) -> CodeRead {
    match cell {
        Cell::Empty => CodeRead::Empty,
        Cell::Number { value, .. } => {
            if value.is_finite() && value.fract() == 0.0 && *value >= 1.0 && *value < 1e15 {
                // Exact: an integral f64 below 1e15 fits u64.
                let n = *value as u64;
                if n <= 99_999 {
                    CodeRead::Code(format!("{n:05}"))
                } else {
                    CodeRead::UnknownScheme(n.to_string())
                }
            } else {
                CodeRead::NotACode(value.to_string())
            }
        }
        Cell::Text(text) => {
            let t = text
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}'));
            if t.is_empty() {
                return CodeRead::Empty;
            }
            let mut digits = t.strip_prefix('\'').unwrap_or(t);
            if let Some(inner) = digits.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
                digits = inner;
            }
            // "61.0", "61,00": a code that went through a number column.
            if let Some((int, frac)) = digits.split_once(['.', ',']) {
                if !frac.is_empty() && frac.bytes().all(|b| b == b'0') {
                    digits = int;
                }
            }
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return CodeRead::NotACode(t.to_string());
            }
            let significant = digits.trim_start_matches('0');
            if significant.is_empty() {
                CodeRead::NotACode(t.to_string())
            } else if significant.len() <= 5 {
                CodeRead::Code(format!("{significant:0>5}"))
            } else {
                CodeRead::UnknownScheme(digits.to_string())
            }
        }
    }
}

/// The integer a cell holds, if it holds exactly one ("3", "3.0", 3.0).
fn integer(cell: &Cell) -> Option<u64> {
    match cell {
        Cell::Number {
            value,
            percent: false,
        } if value.is_finite() && value.fract() == 0.0 && *value >= 0.0 && *value < 1e15 => {
            Some(*value as u64)
        }
        Cell::Text(t) => {
            let t = t.trim();
            let t = t.strip_suffix(".0").unwrap_or(t);
            if t.is_empty() || t.len() > 15 || !t.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                t.parse().ok()
            }
        }
        _ => None,
    }
}

/// Whether a column is a row-number (STT, "số thứ tự") column: at least two
/// non-empty cells, all integers, starting at 0 or 1 and going up by one
/// (empty cells, as in subtotal rows, are skipped). Such a column is never
/// taken for ward codes, even though "1", "2", "3" pad to valid-looking
/// codes.
pub fn looks_like_row_numbers(column: &[&Cell]) -> bool {
    let mut prev: Option<u64> = None;
    let mut count = 0usize;
    for cell in column {
        if matches!(cell, Cell::Empty) || matches!(cell, Cell::Text(t) if t.trim().is_empty()) {
            continue;
        }
        let Some(n) = integer(cell) else {
            return false;
        };
        match prev {
            None if n <= 1 => {}
            None => return false,
            Some(p) if n == p + 1 => {}
            Some(_) => return false,
        }
        prev = Some(n);
        count += 1;
    }
    count >= 2
}
