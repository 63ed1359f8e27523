//! Text → table: CSV, TSV, semicolon-separated text and cells pasted from a
//! spreadsheet (tab-separated), and [`read`], the entry point from a file's
//! bytes (text, XLSX or the documented JSON, told apart by content).

use super::decode::{decode, nfc, notice};
use super::{Cell, ImportNotice, Sheet};

/// At most this many data rows are read; more is refused (a hostile or
/// mistaken file must not exhaust the worker's memory).
pub const MAX_ROWS: usize = 100_000;
/// At most this many columns.
pub const MAX_COLUMNS: usize = 200;

/// At most this many cells (rows × columns, after padding): 100,000 rows
/// of 20 columns. Bounds memory (about 32 bytes a cell plus its text)
/// when a file is both long and wide.
pub const MAX_CELLS: usize = 2_000_000;

/// The field separator of a delimited text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn as_byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// Name for display: ",", ";", "Tab".
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => ",",
            Delimiter::Semicolon => ";",
            Delimiter::Tab => "Tab",
        }
    }
}

pub(crate) fn too_many_rows() -> ImportNotice {
    notice(
        "too-many-rows",
        format!("Tệp có hơn {MAX_ROWS} dòng dữ liệu; trình đọc chỉ nhận tối đa {MAX_ROWS} dòng. Hãy tách tệp, hoặc xoá các dòng không phải số liệu phường."),
        format!("The file has more than {MAX_ROWS} data rows; the reader takes at most {MAX_ROWS}. Split the file, or remove rows that are not ward figures."),
    )
}

pub(crate) fn too_many_columns(n: usize) -> ImportNotice {
    notice(
        "too-many-columns",
        format!("Tệp có {n} cột; trình đọc chỉ nhận tối đa {MAX_COLUMNS} cột. Hãy xoá các cột không cần thiết."),
        format!("The file has {n} columns; the reader takes at most {MAX_COLUMNS}. Remove the columns that are not needed."),
    )
}

pub(crate) fn too_many_cells(rows: usize, columns: usize) -> ImportNotice {
    notice(
        "too-many-cells",
        format!("Bảng có {rows} dòng × {columns} cột, quá {MAX_CELLS} ô mà trình đọc nhận. Hãy xoá các cột hoặc dòng không cần thiết."),
        format!("The table has {rows} rows × {columns} columns, more than the {MAX_CELLS} cells the reader takes. Remove the columns or rows that are not needed."),
    )
}

fn empty_file() -> ImportNotice {
    notice(
        "file-empty",
        "Không tìm thấy bảng nào: tệp (hoặc nội dung dán) trống, hoặc không có dòng tiêu đề.",
        "No table was found: the file (or the pasted text) is empty, or has no header row.",
    )
}

/// Counts each candidate delimiter outside quotes on the first 20 lines
/// and picks the one the most lines use the same number of times.
fn sniff(text: &str) -> Delimiter {
    const CANDIDATES: [(char, Delimiter); 3] = [
        ('\t', Delimiter::Tab),
        (';', Delimiter::Semicolon),
        (',', Delimiter::Comma),
    ];
    let mut lines: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut any = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => {
                if any {
                    lines.push(counts);
                    if lines.len() >= 20 {
                        break;
                    }
                }
                counts = [0; 3];
                any = false;
                continue;
            }
            _ => {}
        }
        if !in_quotes {
            for (i, (d, _)) in CANDIDATES.iter().enumerate() {
                counts[i] += usize::from(c == *d);
            }
        }
        any |= !c.is_whitespace();
    }
    if any && lines.len() < 20 {
        lines.push(counts);
    }
    let mut best: Option<(usize, usize, Delimiter)> = None;
    for (i, (_, d)) in CANDIDATES.iter().enumerate() {
        // The field count most lines agree on (title lines above the
        // header, with no separator, simply do not agree).
        for h in lines.iter().map(|l| l[i]).filter(|&h| h > 0) {
            let consistent = lines.iter().filter(|l| l[i] == h).count();
            // Order: more lines agreeing, then more fields; ties keep the
            // earlier candidate (tab, then semicolon, then comma).
            if best.is_none_or(|(c, hh, _)| (consistent, h) > (c, hh)) {
                best = Some((consistent, h, *d));
            }
        }
    }
    best.map_or(Delimiter::Comma, |b| b.2)
}

fn blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}'))
}

/// Reads delimited text (CSV, TSV, semicolon-separated, or cells pasted
/// from a spreadsheet) into a [`Sheet`].
///
/// - The delimiter (`,` `;` or tab) is sniffed from the first 20 lines,
///   quotes respected: the one most lines use the same number of times.
/// - Quoted fields (RFC 4180, `""` for a quote) may hold separators and
///   line breaks; CRLF, LF and CR all end lines.
/// - The first non-blank line is the header: a BOM glued to it is removed,
///   headers are trimmed and NFC. Cells are NFC with their spaces kept;
///   whitespace-only cells are [`Cell::Empty`].
/// - Rows are padded with [`Cell::Empty`] to the width of the widest row;
///   columns beyond the header get an empty header; trailing columns with
///   neither header nor data (Excel's trailing separators) are dropped.
///   Blank trailing lines are ignored.
///
/// Errors: "file-empty" (no header), "too-many-rows" (more than
/// [`MAX_ROWS`] data rows), "too-many-columns" (more than [`MAX_COLUMNS`]),
/// "too-many-cells" (more than [`MAX_CELLS`] rows × columns).
pub fn read_delimited(text: &str) -> Result<(Sheet, Delimiter), ImportNotice> {
    read_delimited_noted(text).map(|(sheet, delimiter, _)| (sheet, delimiter))
}

/// How many rows above the header may be skipped as title rows.
const TITLE_LOOKAHEAD: usize = 10;

/// Whether a cell's text is a number (digits with separators, sign, "%").
fn numeric_text(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%' | b'-' | b'+' | b' '))
}

/// The number of title rows above the header: when the first row has a
/// single filled cell (a title such as "BẢNG TỔNG HỢP…") and one of the
/// next rows (within ten) has at least two filled cells, all text and none
/// a number, that row is the header. 0 otherwise. `filled(i)` gives row
/// `i`'s filled cells, or `None` past the end.
pub(crate) fn title_rows<'a, F, I>(filled: F) -> usize
where
    F: Fn(usize) -> Option<I>,
    I: Iterator<Item = &'a Cell>,
{
    let count = |i: usize| filled(i).map(|it| it.filter(|c| !matches!(c, Cell::Empty)).count());
    if count(0) != Some(1) {
        return 0;
    }
    for j in 1..=TITLE_LOOKAHEAD {
        match count(j) {
            None => return 0,
            Some(0 | 1) => continue,
            Some(_) => {
                let header_like = filled(j).is_some_and(|mut it| {
                    it.all(|c| match c {
                        Cell::Empty => true,
                        Cell::Text(t) => !numeric_text(t),
                        Cell::Number { .. } => false,
                    })
                });
                return if header_like { j } else { 0 };
            }
        }
    }
    0
}

pub(crate) fn title_notice(n: usize, title: &str) -> ImportNotice {
    let title: String = title.trim().chars().take(80).collect();
    notice(
        "title-rows-skipped",
        format!("Bỏ qua {n} dòng ở đầu bảng chỉ có tiêu đề (“{title}”); dòng tiếp theo có nhiều ô được đọc làm tiêu đề cột."),
        format!("Skipped {n} row(s) at the top that hold only a title (“{title}”); the next row with several cells is read as the column headers."),
    )
}

/// Excel's "sep=;" first line names the delimiter: returns it and the text
/// after that line.
fn excel_sep_line(text: &str) -> Option<(Delimiter, &str)> {
    let rest = text.strip_prefix("sep=")?;
    let mut chars = rest.chars();
    let d = match chars.next()? {
        ',' => Delimiter::Comma,
        ';' => Delimiter::Semicolon,
        '\t' => Delimiter::Tab,
        _ => return None,
    };
    let after = chars.as_str();
    let after = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .or_else(|| after.strip_prefix('\r'))?;
    Some((d, after))
}

/// [`read_delimited`], with the notices of the reading: "title-rows-skipped"
/// when title rows above the header were skipped.
///
/// Also understands Excel's "sep=;" first line, and skips title rows (a
/// first row with a single filled cell above a header row of text).
pub fn read_delimited_noted(
    text: &str,
) -> Result<(Sheet, Delimiter, Vec<ImportNotice>), ImportNotice> {
    let mut text = text.trim_start_matches('\u{FEFF}');
    let delimiter = match excel_sep_line(text) {
        Some((d, rest)) => {
            text = rest;
            d
        }
        None => sniff(text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.as_byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // Every row from the first non-blank one: title rows, header, data.
    let mut all: Vec<Vec<Cell>> = Vec::new();
    let mut width = 0usize;
    let mut record = csv::StringRecord::new();
    let slack = TITLE_LOOKAHEAD + 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The input is a &str, so the only errors are I/O and UTF-8
            // ones that cannot happen; stop rather than loop.
            Err(_) => break,
        }
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns(record.len()));
        }
        if record.iter().all(blank) && (all.is_empty() || all.len() >= MAX_ROWS + slack) {
            // Blank lines before the header, and after the cap, do not count.
            continue;
        }
        if all.len() >= MAX_ROWS + slack {
            return Err(too_many_rows());
        }
        width = width.max(record.len());
        if all.len().saturating_add(1).saturating_mul(width) > MAX_CELLS + slack * MAX_COLUMNS {
            return Err(too_many_cells(all.len() + 1, width));
        }
        all.push(
            record
                .iter()
                .map(|f| {
                    if blank(f) {
                        Cell::Empty
                    } else {
                        Cell::Text(nfc(f).into_owned())
                    }
                })
                .collect(),
        );
    }
    if all.is_empty() {
        return Err(empty_file());
    }
    let mut notices = Vec::new();
    let skip = title_rows(|i| all.get(i).map(|r| r.iter()));
    if skip > 0 {
        let title = all[0].iter().find_map(|c| match c {
            Cell::Text(t) => Some(t.as_str()),
            _ => None,
        });
        notices.push(title_notice(skip, title.unwrap_or("")));
    }
    let mut rows = all.split_off(skip + 1);
    let mut headers: Vec<String> = all
        .pop()
        .unwrap_or_default()
        .into_iter()
        .map(|c| match c {
            Cell::Text(t) => t
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}')
                .to_string(),
            _ => String::new(),
        })
        .collect();
    // Blank trailing rows.
    while rows
        .last()
        .is_some_and(|r| r.iter().all(|c| matches!(c, Cell::Empty)))
    {
        rows.pop();
    }
    if rows.len() > MAX_ROWS {
        return Err(too_many_rows());
    }
    // Trailing columns with neither a header nor any data.
    while width > 1 {
        let col = width - 1;
        let header_blank = headers.get(col).is_none_or(|h| h.is_empty());
        let data_blank = rows
            .iter()
            .all(|r| r.get(col).is_none_or(|c| matches!(c, Cell::Empty)));
        if header_blank && data_blank {
            width -= 1;
        } else {
            break;
        }
    }
    if rows.len().saturating_mul(width) > MAX_CELLS {
        return Err(too_many_cells(rows.len(), width));
    }
    headers.resize(width, String::new());
    for row in &mut rows {
        row.resize(width, Cell::Empty);
    }
    Ok((Sheet { headers, rows }, delimiter, notices))
}

/// What [`read`] found in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// A table (delimited text or a workbook's sheet).
    Table {
        sheet: Sheet,
        /// On-screen name of the encoding ("UTF-8", "Windows-1258",
        /// "TCVN3 (ABC)"…) or "XLSX".
        encoding: String,
        /// Notices of the reading, in order.
        notices: Vec<ImportNotice>,
        /// Sheet names of a workbook, in order; empty for text.
        sheets: Vec<String>,
    },
    /// Text in the documented JSON format (starts with `{` after a BOM and
    /// whitespace), decoded and NFC; validated by the pipeline as is.
    Json(String),
}

/// Reads a file's bytes (or a paste's UTF-8 bytes) whatever they are: the
/// content decides, never the extension. "PK\x03\x04" → XLSX (`sheet`:
/// the sheet to read, default the first); text starting with `{` → JSON;
/// other text → [`read_delimited`] after [`decode`].
/// `file_name_hint` only sharpens the error for formats that cannot be
/// read (an old binary .xls, a PDF).
///
/// Errors: those of [`read_delimited`] and [`super::xlsx::read_xlsx`], and
/// "format-xls" (Excel 97–2003 workbook), "format-pdf", "format-binary".
pub fn read(bytes: &[u8], file_name_hint: &str, sheet: Option<&str>) -> Result<Read, ImportNotice> {
    if bytes.starts_with(b"PK\x03\x04") {
        let (sheets, table, notices) = super::xlsx::read_xlsx_noted(bytes, sheet)?;
        return Ok(Read::Table {
            sheet: table,
            encoding: "XLSX".to_string(),
            notices,
            sheets,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(notice(
            "format-xls",
            format!("“{file_name_hint}” là sổ tính Excel 97–2003 (.xls), định dạng này không đọc được. Trong Excel, chọn Lưu thành (Save As) → “Sổ làm việc Excel (.xlsx)” hoặc “CSV UTF-8”, rồi mở lại."),
            format!("“{file_name_hint}” is an Excel 97–2003 workbook (.xls), which cannot be read. In Excel, choose Save As → “Excel Workbook (.xlsx)” or “CSV UTF-8”, and open that."),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(notice(
            "format-pdf",
            format!("“{file_name_hint}” là tệp PDF; chỉ đọc được bảng tính (.xlsx), CSV hoặc văn bản. Hãy xuất bảng sang CSV hoặc sao chép các ô rồi dán."),
            format!("“{file_name_hint}” is a PDF; only spreadsheets (.xlsx), CSV and text can be read. Export the table to CSV, or copy its cells and paste them."),
        ));
    }
    let decoded = decode(bytes);
    // Control characters other than tab and line breaks mean binary data
    // (an image, an archive), not text.
    let sample = decoded.text.chars().take(4096);
    let controls = sample
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    if controls > 8 {
        return Err(notice(
            "format-binary",
            format!("“{file_name_hint}” không phải là văn bản hay bảng tính đọc được (có dữ liệu nhị phân). Hãy chọn tệp .csv, .tsv, .txt, .xlsx hoặc .json."),
            format!("“{file_name_hint}” is not readable text or a spreadsheet (it has binary data). Choose a .csv, .tsv, .txt, .xlsx or .json file."),
        ));
    }
    if decoded
        .text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .starts_with('{')
    {
        return Ok(Read::Json(decoded.text));
    }
    let (sheet, _, more) = read_delimited_noted(&decoded.text)?;
    let mut notices = decoded.notices;
    notices.extend(more);
    Ok(Read::Table {
        sheet,
        encoding: decoded.encoding.name().to_string(),
        notices,
        sheets: Vec::new(),
    })
}
