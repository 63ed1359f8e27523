//! XLSX workbooks (Office Open XML spreadsheets): the first sheet or a
//! chosen one, read into a [`Sheet`].
//!
//! Only what a table of ward figures needs is read: the workbook's sheet
//! list and relationships, shared strings, the cell formats (to tell
//! percentages), and one worksheet's values. Formulas are read as their
//! cached values, as shown. Everything is bounded: the parts read may
//! decompress to at most [`MAX_DECOMPRESSED`] bytes in all (a "zip bomb"
//! is refused, not inflated), and a sheet to at most
//! [`super::table::MAX_ROWS`] rows and [`super::table::MAX_COLUMNS`]
//! columns of values.

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::decode::{nfc, notice};
use super::table::{
    too_many_cells, too_many_columns, too_many_rows, MAX_CELLS, MAX_COLUMNS, MAX_ROWS,
};
use super::{Cell, ImportNotice, Sheet};

/// Decompressed bytes read from one workbook, all parts together.
pub const MAX_DECOMPRESSED: u64 = 50 * 1024 * 1024;

fn corrupt(what: &str) -> ImportNotice {
    notice(
        "xlsx-corrupt",
        format!("Tệp không phải là sổ tính XLSX đọc được ({what}). Hãy mở tệp trong Excel hoặc LibreOffice và lưu lại thành .xlsx hoặc “CSV UTF-8”."),
        format!("The file is not a readable XLSX workbook ({what}). Open it in Excel or LibreOffice and save it again as .xlsx or “CSV UTF-8”."),
    )
}

fn too_large() -> ImportNotice {
    let mb = MAX_DECOMPRESSED / (1024 * 1024);
    notice(
        "xlsx-too-large",
        format!("Nội dung sổ tính khi giải nén lớn hơn {mb} MB (tệp có thể hỏng, hoặc được tạo để làm tràn bộ nhớ); không đọc tiếp. Hãy chép trang tính cần dùng sang một sổ tính mới, hoặc lưu thành “CSV UTF-8”."),
        format!("The workbook decompresses to more than {mb} MB (it may be damaged, or made to exhaust memory); it was not read further. Copy the sheet you need to a new workbook, or save it as “CSV UTF-8”."),
    )
}

/// The parts of the archive, read within one decompression budget.
struct Parts<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-case part name → index (part names are case-insensitive).
    names: BTreeMap<String, usize>,
    budget: u64,
}

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ImportNotice> {
        let zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&format!("ZIP: {e}")))?;
        let names = (0..zip.len())
            .filter_map(|i| {
                zip.name_for_index(i)
                    .map(|n| (n.trim_start_matches('/').to_ascii_lowercase(), i))
            })
            .collect();
        Ok(Parts {
            zip,
            names,
            budget: MAX_DECOMPRESSED,
        })
    }

    /// The part's bytes, `Ok(None)` when the archive has no such part.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportNotice> {
        let key = name.trim_start_matches('/').to_ascii_lowercase();
        let Some(&index) = self.names.get(&key) else {
            return Ok(None);
        };
        let file = self
            .zip
            .by_index(index)
            .map_err(|e| corrupt(&format!("{name}: {e}")))?;
        if file.size() > self.budget {
            return Err(too_large());
        }
        let mut out = Vec::with_capacity(usize::try_from(file.size().min(1 << 20)).unwrap_or(0));
        let mut limited = file.take(self.budget + 1);
        limited
            .read_to_end(&mut out)
            .map_err(|e| corrupt(&format!("{name}: {e}")))?;
        let n = out.len() as u64;
        if n > self.budget {
            return Err(too_large());
        }
        self.budget -= n;
        Ok(Some(out))
    }
}

/// Relationships of a part: id → (type, resolved target part name).
fn relationships(
    xml: &[u8],
    base_dir: &str,
) -> Result<Vec<(String, String, String)>, ImportNotice> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let id = attr(&e, b"Id").unwrap_or_default();
                let ty = attr(&e, b"Type").unwrap_or_default();
                let target = attr(&e, b"Target").unwrap_or_default();
                out.push((id, ty, resolve(base_dir, &target)));
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(corrupt(&format!("relationships: {e}"))),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A relationship target resolved against the directory of its source
/// part ("worksheets/sheet1.xml" from "xl/" → "xl/worksheets/sheet1.xml";
/// absolute targets start with '/').
fn resolve(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// An attribute's unescaped value, by local name (so `r:id` is `id`).
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// Appends the text of a general reference (`&amp;`, `&#233;`).
fn push_ref(out: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return;
    }
    match r.decode().as_deref() {
        Ok("amp") => out.push('&'),
        Ok("lt") => out.push('<'),
        Ok("gt") => out.push('>'),
        Ok("quot") => out.push('"'),
        Ok("apos") => out.push('\''),
        _ => {}
    }
}

/// Undoes the `_xHHHH_` escapes of OOXML strings (Excel writes a carriage
/// return as `_x000D_`).
fn unescape_ooxml(s: String) -> String {
    if !s.contains("_x") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let hex = after
            .get(..4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex.filter(|_| after.as_bytes().get(4) == Some(&b'_')) {
            Some(h) => {
                let c = u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
                out.push(c.unwrap_or('\u{FFFD}'));
                rest = &after[5..];
            }
            None => {
                out.push_str("_x");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Shared strings, in order, NFC. Rich-text runs are joined; phonetic runs
/// (`rPh`) are skipped.
fn shared_strings(xml: &[u8]) -> Result<Vec<String>, ImportNotice> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_si, mut in_t, mut in_rph) = (false, false, 0u32);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"si" => {
                    in_si = true;
                    cur.clear();
                }
                b"t" if in_si && in_rph == 0 => in_t = true,
                b"rPh" => in_rph += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"si" => {
                    in_si = false;
                    let text = unescape_ooxml(std::mem::take(&mut cur));
                    out.push(nfc(&text).into_owned());
                }
                b"t" => in_t = false,
                b"rPh" => in_rph = in_rph.saturating_sub(1),
                _ => {}
            },
            Ok(Event::Text(t)) if in_t => cur.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::CData(t)) if in_t => cur.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(r)) if in_t => push_ref(&mut cur, &r),
            Ok(Event::Eof) => break,
            Err(e) => return Err(corrupt(&format!("shared strings: {e}"))),
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Whether a number format code shows numbers as percentages: a '%'
/// outside quoted text, brackets and backslash escapes (a quoted "%" is a
/// literal and does not scale the number).
fn format_is_percent(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

fn style_element(
    e: &BytesStart<'_>,
    is_start: bool,
    custom: &mut BTreeMap<u32, bool>,
    xfs: &mut Vec<u32>,
    in_cell_xfs: &mut bool,
) {
    match e.local_name().as_ref() {
        b"numFmt" => {
            let id = attr(e, b"numFmtId").and_then(|v| v.parse().ok());
            let code = attr(e, b"formatCode").unwrap_or_default();
            if let Some(id) = id {
                custom.insert(id, format_is_percent(&code));
            }
        }
        b"cellXfs" => *in_cell_xfs = is_start,
        b"xf" if *in_cell_xfs => {
            xfs.push(
                attr(e, b"numFmtId")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0),
            );
        }
        _ => {}
    }
}

/// For each cell format (`cellXfs` index, the cells' `s` attribute),
/// whether it shows a percentage: built-in formats 9 ("0%") and 10
/// ("0.00%"), or a custom format whose code has a '%'.
fn percent_styles(xml: &[u8]) -> Result<Vec<bool>, ImportNotice> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut custom: BTreeMap<u32, bool> = BTreeMap::new();
    let mut xfs: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => style_element(&e, true, &mut custom, &mut xfs, &mut in_cell_xfs),
            Ok(Event::Empty(e)) => {
                style_element(&e, false, &mut custom, &mut xfs, &mut in_cell_xfs)
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Ok(Event::Eof) => break,
            Err(e) => return Err(corrupt(&format!("styles: {e}"))),
            _ => {}
        }
        buf.clear();
    }
    Ok(xfs
        .into_iter()
        .map(|id| matches!(id, 9 | 10) || custom.get(&id).copied().unwrap_or(false))
        .collect())
}

/// 0-based column of a cell reference ("B7" → 1); `None` if malformed or
/// beyond Excel's 16,384 columns.
fn column_of(r: &str) -> Option<usize> {
    let mut col = 0usize;
    let mut letters = 0;
    for b in r.bytes() {
        if b.is_ascii_alphabetic() {
            col = col * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1);
            letters += 1;
            if letters > 3 {
                return None;
            }
        } else {
            break;
        }
    }
    (letters > 0).then(|| col - 1)
}

/// A cell's `t` attribute.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum CellType {
    /// No `t`, or "n": a number.
    #[default]
    Number,
    /// "s": an index into the shared strings.
    Shared,
    /// "inlineStr": text in `<is>`.
    Inline,
    /// "str": a formula's text result.
    Formula,
    /// "b": 0 or 1.
    Bool,
    /// "e" (an error such as "#DIV/0!") or "d" (an ISO date): kept as shown.
    Shown,
}

/// The raw content of one `<c>` element.
#[derive(Default)]
struct RawCell {
    col: usize,
    style: usize,
    ty: CellType,
    value: String,
    has_value: bool,
}

fn text_cell(s: &str) -> Cell {
    if s.chars().all(|c| c.is_whitespace() || c == '\u{200B}') {
        Cell::Empty
    } else {
        Cell::Text(nfc(s).into_owned())
    }
}

/// `strings` are already NFC (see [`shared_strings`]).
fn finish_cell(raw: RawCell, strings: &[String], percent: &[bool]) -> Cell {
    if !raw.has_value {
        return Cell::Empty;
    }
    match raw.ty {
        CellType::Shared => match raw
            .value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i))
        {
            Some(s) if !s.chars().all(|c| c.is_whitespace() || c == '\u{200B}') => {
                Cell::Text(s.clone())
            }
            _ => Cell::Empty,
        },
        CellType::Inline | CellType::Formula => text_cell(&unescape_ooxml(raw.value)),
        CellType::Bool => Cell::Text(
            if raw.value.trim() == "1" {
                "TRUE"
            } else {
                "FALSE"
            }
            .to_string(),
        ),
        CellType::Shown => text_cell(&raw.value),
        CellType::Number => match raw.value.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Cell::Number {
                value: v,
                percent: percent.get(raw.style).copied().unwrap_or(false),
            },
            _ => text_cell(&raw.value),
        },
    }
}

/// Reads one worksheet's values: (0-based row index, cells by column).
fn worksheet(
    xml: &[u8],
    strings: &[String],
    percent: &[bool],
) -> Result<BTreeMap<usize, Vec<(usize, Cell)>>, ImportNotice> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut rows: BTreeMap<usize, Vec<(usize, Cell)>> = BTreeMap::new();
    let mut row_index = 0usize;
    let mut next_row = 0usize;
    let mut next_col = 0usize;
    let mut cell: Option<RawCell> = None;
    // Inside <v> (a value) or <t> of an inline string.
    let mut in_value = false;
    let mut in_rph = 0u32;
    let mut cells = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"row" => {
                    row_index = attr(&e, b"r")
                        .and_then(|v| v.parse::<usize>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(next_row);
                    next_row = row_index.saturating_add(1);
                    next_col = 0;
                }
                b"c" => cell = Some(start_cell(&e, &mut next_col)),
                b"v" => in_value = true,
                b"t" if in_rph == 0 => {
                    in_value = cell.as_ref().is_some_and(|c| c.ty == CellType::Inline)
                }
                b"rPh" => in_rph += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"row" => {
                    row_index = attr(&e, b"r")
                        .and_then(|v| v.parse::<usize>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(next_row);
                    next_row = row_index.saturating_add(1);
                }
                b"c" => {
                    start_cell(&e, &mut next_col);
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_value => {
                if let Some(c) = cell.as_mut() {
                    c.value.push_str(&t.decode().unwrap_or_default());
                    c.has_value = true;
                }
            }
            Ok(Event::CData(t)) if in_value => {
                if let Some(c) = cell.as_mut() {
                    c.value.push_str(&t.decode().unwrap_or_default());
                    c.has_value = true;
                }
            }
            Ok(Event::GeneralRef(r)) if in_value => {
                if let Some(c) = cell.as_mut() {
                    push_ref(&mut c.value, &r);
                    c.has_value = true;
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"rPh" => in_rph = in_rph.saturating_sub(1),
                b"c" => {
                    if let Some(raw) = cell.take() {
                        let col = raw.col;
                        let value = finish_cell(raw, strings, percent);
                        if !matches!(value, Cell::Empty) {
                            if col >= MAX_COLUMNS {
                                return Err(too_many_columns(col + 1));
                            }
                            if row_index > MAX_ROWS {
                                return Err(too_many_rows());
                            }
                            cells += 1;
                            if cells > MAX_CELLS {
                                return Err(too_many_cells(row_index, col + 1));
                            }
                            rows.entry(row_index).or_default().push((col, value));
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(corrupt(&format!("worksheet: {e}"))),
            _ => {}
        }
        buf.clear();
    }
    Ok(rows)
}

fn start_cell(e: &BytesStart<'_>, next_col: &mut usize) -> RawCell {
    // One pass over the attributes, without unescaping: r, s and t are
    // plain ASCII (a cell reference, a number, a type name).
    let (mut col, mut style, mut ty) = (None, 0usize, CellType::Number);
    for a in e.attributes().flatten() {
        let v = std::str::from_utf8(&a.value).unwrap_or("");
        match a.key.local_name().as_ref() {
            b"r" => col = column_of(v),
            b"s" => style = v.parse().unwrap_or(0),
            b"t" => {
                ty = match v {
                    "s" => CellType::Shared,
                    "inlineStr" => CellType::Inline,
                    "str" => CellType::Formula,
                    "b" => CellType::Bool,
                    "e" | "d" => CellType::Shown,
                    _ => CellType::Number,
                }
            }
            _ => {}
        }
    }
    let col = col.unwrap_or(*next_col);
    *next_col = col + 1;
    RawCell {
        col,
        style,
        ty,
        value: String::new(),
        has_value: false,
    }
}

fn sheet_not_found(name: &str, names: &[String]) -> ImportNotice {
    let list = names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ");
    notice(
        "xlsx-sheet-not-found",
        format!("Sổ tính không có trang “{name}”. Các trang có: {list}."),
        format!("The workbook has no sheet “{name}”. Its sheets are: {list}."),
    )
}

/// Reads sheet `sheet` (by name; default the first visible one) of an XLSX
/// workbook. Returns the workbook's visible sheet names, in order, and the
/// sheet read.
///
/// - The first row with a value is the header (numbers in it are written
///   as shown, e.g. 2022 → "2022"); headers are trimmed and NFC.
/// - Cells: shared and inline strings → [`Cell::Text`] (NFC); numbers and
///   formula results → [`Cell::Number`], `percent` when the cell's format
///   shows a percentage (built-in 9/10 or a custom code with '%');
///   booleans → "TRUE"/"FALSE"; errors ("#DIV/0!") and dates stored as
///   text → their text.
/// - Rows are padded to the widest row; rows missing between the header
///   and the last row with a value are empty rows, so data row `i` is the
///   `i`-th row below the header, as in the spreadsheet.
///
/// Errors: "xlsx-corrupt", "xlsx-too-large" (more than
/// [`MAX_DECOMPRESSED`] bytes decompressed), "xlsx-sheet-not-found",
/// "xlsx-no-sheet", "file-empty", "too-many-rows", "too-many-columns",
/// "too-many-cells".
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<(Vec<String>, Sheet), ImportNotice> {
    read_xlsx_noted(bytes, sheet).map(|(names, sheet, _)| (names, sheet))
}

/// [`read_xlsx`], with the notices of the reading: "title-rows-skipped"
/// when rows above the header held only a title (a single filled cell)
/// and were skipped.
pub fn read_xlsx_noted(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Vec<String>, Sheet, Vec<ImportNotice>), ImportNotice> {
    let mut parts = Parts::open(bytes)?;
    // The workbook part, from the package relationships.
    let workbook_name = match parts.read("_rels/.rels")? {
        Some(xml) => relationships(&xml, "")?
            .into_iter()
            .find(|(_, ty, _)| ty.ends_with("/officeDocument"))
            .map(|(_, _, target)| target)
            .unwrap_or_else(|| "xl/workbook.xml".to_string()),
        None => "xl/workbook.xml".to_string(),
    };
    let base = workbook_name
        .rsplit_once('/')
        .map_or("", |(d, _)| d)
        .to_string();
    let workbook = parts
        .read(&workbook_name)?
        .ok_or_else(|| corrupt("no workbook part"))?;
    // Sheets in order: (name, relationship id, visible).
    let mut sheets: Vec<(String, String, bool)> = Vec::new();
    {
        let mut reader = Reader::from_reader(workbook.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sheet" => {
                    let name = attr(&e, b"name").unwrap_or_default();
                    let id = attr(&e, b"id").unwrap_or_default();
                    let visible = attr(&e, b"state").is_none_or(|s| s == "visible");
                    sheets.push((name, id, visible));
                }
                Ok(Event::Eof) => break,
                Err(e) => return Err(corrupt(&format!("workbook: {e}"))),
                _ => {}
            }
            buf.clear();
        }
    }
    // Hidden sheets (lookup tables, old versions) are not offered, nor read
    // by default, unless every sheet is hidden; a hidden one can still be
    // asked for by name.
    if sheets.iter().all(|s| !s.2) {
        sheets.iter_mut().for_each(|s| s.2 = true);
    }
    let names: Vec<String> = sheets
        .iter()
        .filter(|s| s.2)
        .map(|(n, _, _)| n.clone())
        .collect();
    if sheets.is_empty() {
        return Err(notice(
            "xlsx-no-sheet",
            "Sổ tính không có trang tính nào.",
            "The workbook has no sheets.",
        ));
    }
    let (_, rel_id, _) = match sheet {
        Some(want) => sheets
            .iter()
            .find(|(n, _, _)| n == want)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|(n, _, _)| n.trim().eq_ignore_ascii_case(want.trim()))
            })
            .ok_or_else(|| sheet_not_found(want, &names))?,
        None => sheets
            .iter()
            .find(|s| s.2)
            .ok_or_else(|| corrupt("no sheet"))?,
    };
    let rels_name = match workbook_name.rsplit_once('/') {
        Some((d, f)) => format!("{d}/_rels/{f}.rels"),
        None => format!("_rels/{workbook_name}.rels"),
    };
    let rels = match parts.read(&rels_name)? {
        Some(xml) => relationships(&xml, &base)?,
        None => Vec::new(),
    };
    let target_of = |suffix: &str| {
        rels.iter()
            .find(|(_, ty, _)| ty.ends_with(suffix))
            .map(|(_, _, t)| t.clone())
    };
    let sheet_part = rels
        .iter()
        .find(|(id, _, _)| id == rel_id)
        .map(|(_, _, t)| t.clone())
        .ok_or_else(|| corrupt("sheet part not found"))?;
    let strings = match target_of("/sharedStrings") {
        Some(p) => match parts.read(&p)? {
            Some(xml) => shared_strings(&xml)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let percent = match target_of("/styles") {
        Some(p) => match parts.read(&p)? {
            Some(xml) => percent_styles(&xml)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let xml = parts
        .read(&sheet_part)?
        .ok_or_else(|| corrupt("sheet part missing"))?;
    let rows = worksheet(&xml, &strings, &percent)?;
    drop(xml);

    let mut notices = Vec::new();
    let rows: Vec<(usize, Vec<(usize, Cell)>)> = rows.into_iter().collect();
    let skip =
        super::table::title_rows(|i| rows.get(i).map(|(_, cells)| cells.iter().map(|(_, c)| c)));
    if skip > 0 {
        let title = rows[0].1.iter().find_map(|(_, c)| match c {
            Cell::Text(t) => Some(t.as_str()),
            _ => None,
        });
        notices.push(super::table::title_notice(skip, title.unwrap_or("")));
    }
    let mut iter = rows.into_iter().skip(skip);
    let (header_index, header_cells) = iter.next().ok_or_else(|| {
        notice(
            "file-empty",
            "Trang tính không có ô nào có dữ liệu.",
            "The sheet has no cells with data.",
        )
    })?;
    let mut width = header_cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
    let mut headers: Vec<String> = Vec::new();
    for (col, cell) in header_cells {
        if headers.len() <= col {
            headers.resize(col + 1, String::new());
        }
        headers[col] = match cell {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number { value, percent } => {
                if percent {
                    format!("{}%", super::numbers::times_100(value))
                } else {
                    value.to_string()
                }
            }
            Cell::Empty => String::new(),
        };
    }
    let mut data: Vec<Vec<Cell>> = Vec::new();
    for (index, cells) in iter {
        let i = index - header_index - 1;
        if i >= MAX_ROWS {
            return Err(too_many_rows());
        }
        while data.len() < i {
            data.push(Vec::new());
        }
        let mut row: Vec<Cell> = Vec::new();
        for (col, cell) in cells {
            if row.len() <= col {
                row.resize(col + 1, Cell::Empty);
            }
            row[col] = cell;
        }
        width = width.max(row.len());
        data.push(row);
    }
    if data.len().saturating_mul(width) > MAX_CELLS {
        return Err(too_many_cells(data.len(), width));
    }
    headers.resize(width, String::new());
    for row in &mut data {
        row.resize(width, Cell::Empty);
    }
    Ok((
        names,
        Sheet {
            headers,
            rows: data,
        },
        notices,
    ))
}
