//! XLSX workbooks (Office Open XML spreadsheets): the first sheet or a
//! chosen one, read into a [`Sheet`].

use super::decode::notice;
use super::{ImportNotice, Sheet};

/// Reads sheet `sheet` (by name; default the first) of an XLSX workbook.
/// Returns the workbook's sheet names, in order, and the sheet: its first
/// non-empty row is the header.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<(Vec<String>, Sheet), ImportNotice> {
    let _ = (bytes, sheet);
    Err(notice(
        "xlsx-unsupported",
        "Chưa đọc được tệp XLSX.",
        "XLSX files cannot be read yet.",
    ))
}
