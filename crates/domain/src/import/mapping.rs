//! Guessing which column is what: the ward code, name, district, value,
//! numerator, denominator and period, from the headers (Vietnamese with or
//! without diacritics, English, snake_case) and then from the content; and
//! wide files whose headers are periods ("2022-Q3", "Quý 3/2022", "T7/2024").
//!
//! [`guess`] is a pure function of the sheet; the user can change its answer.

use super::numbers::{looks_like_row_numbers, normalize_code, CodeRead};
use super::{Cell, Mapping, Sheet};
use crate::fold::fold;

/// What a header says its column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    RowNumber,
    Code,
    Name,
    District,
    Value,
    Numerator,
    Denominator,
    Period,
}

/// The header folded into words: "Tỷ lệ (%)" → ["ty", "le", "%"],
/// "ma_phuong" → ["ma", "phuong"], "quận/huyện" → ["quan", "huyen"].
fn header_words(header: &str) -> Vec<String> {
    let folded = fold(header);
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            if c == '%' || c == '#' {
                words.push(c.to_string());
            }
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn role_of(header: &str) -> Option<Role> {
    let w = header_words(header);
    let has = |x: &str| w.iter().any(|y| y == x);
    let pair = |a: &str, b: &str| w.windows(2).any(|p| p[0] == a && p[1] == b);
    let joined = w.join(" ");
    if matches!(
        joined.as_str(),
        "stt" | "tt" | "so tt" | "so thu tu" | "#" | "no" | "row" | "n" | "row number"
    ) {
        return Some(Role::RowNumber);
    }
    if pair("tu", "so") || has("numerator") || has("tuso") {
        return Some(Role::Numerator);
    }
    if pair("mau", "so") || has("denominator") || has("mauso") {
        return Some(Role::Denominator);
    }
    let district_word = has("quan") || has("huyen") || has("district") || pair("thi", "xa");
    let ward_word = has("phuong") || has("ward") || has("xa");
    // "Quận/huyện" is a district; "phường/xã" is a ward ("thị xã" is not "xã").
    if district_word && (!ward_word || pair("thi", "xa")) {
        return Some(Role::District);
    }
    if has("ma") || has("code") || has("gso") || has("maphuong") || has("id") {
        return Some(Role::Code);
    }
    if has("ten") || has("name") || has("tenphuong") || ward_word || pair("don", "vi") {
        return Some(Role::Name);
    }
    if has("ky")
        || has("period")
        || has("nam")
        || has("quy")
        || has("thang")
        || has("year")
        || has("quarter")
        || has("month")
        || pair("thoi", "gian")
    {
        return Some(Role::Period);
    }
    if pair("ty", "le")
        || pair("gia", "tri")
        || pair("chi", "so")
        || has("value")
        || has("tyle")
        || has("rate")
        || has("score")
        || has("diem")
        || has("%")
        || has("percent")
        || pair("ket", "qua")
        || pair("so", "lieu")
    {
        return Some(Role::Value);
    }
    None
}

/// Reads a period as people write it, as a period id of the documented
/// format: "2022-Q3", "2022 Q3", "Q3 2022", "Q3/2022", "Quý 3/2022",
/// "Quý III năm 2022" → "2022-Q3"; "2022", "Năm 2022" → "2022";
/// "T7/2024", "Tháng 7/2024", "07/2024", "2024-07" → "2024-07".
/// `None` for anything else (years outside 1900–2100 included).
pub fn parse_period_label(text: &str) -> Option<String> {
    let folded = fold(text);
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in folded.chars() {
        let boundary = prev.is_some_and(|p| p.is_ascii_digit() != c.is_ascii_digit());
        if (!c.is_alphanumeric() || boundary) && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c.is_alphanumeric() {
            cur.push(c);
        }
        prev = Some(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let year = |w: &str| -> Option<u16> {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let small = |w: &str| -> Option<u8> {
        match w {
            "i" => Some(1),
            "ii" => Some(2),
            "iii" => Some(3),
            "iv" => Some(4),
            _ if (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) => {
                w.parse().ok()
            }
            _ => None,
        }
    };
    let mut kind: Option<char> = None;
    let mut y: Option<u16> = None;
    let mut n: Option<u8> = None;
    for w in words
        .iter()
        .filter(|w| !matches!(w.as_str(), "nam" | "year"))
    {
        match w.as_str() {
            "q" | "quy" | "quarter" => kind = Some('Q'),
            "t" | "thang" | "month" | "m" => kind = Some('M'),
            _ => {
                if let Some(v) = year(w) {
                    if y.replace(v).is_some() {
                        return None;
                    }
                } else if let Some(v) = small(w) {
                    if n.replace(v).is_some() {
                        return None;
                    }
                } else {
                    return None;
                }
            }
        }
    }
    let y = y?;
    match (kind, n) {
        (None, None) => Some(format!("{y}")),
        (Some('Q'), Some(q)) if (1..=4).contains(&q) => Some(format!("{y}-Q{q}")),
        (Some('M') | None, Some(m)) if (1..=12).contains(&m) => Some(format!("{y}-{m:02}")),
        _ => None,
    }
}

fn column(sheet: &Sheet, col: usize) -> Vec<&Cell> {
    sheet.rows.iter().filter_map(|r| r.get(col)).collect()
}

fn is_blank(c: &Cell) -> bool {
    match c {
        Cell::Empty => true,
        Cell::Text(t) => t.trim().is_empty(),
        Cell::Number { .. } => false,
    }
}

/// Share of the non-empty cells for which `f` holds (0 when all are empty).
fn share(cells: &[&Cell], f: impl Fn(&Cell) -> bool) -> f64 {
    let filled: Vec<&&Cell> = cells.iter().filter(|c| !is_blank(c)).collect();
    if filled.is_empty() {
        return 0.0;
    }
    filled.iter().filter(|c| f(c)).count() as f64 / filled.len() as f64
}

fn is_numberish(c: &Cell) -> bool {
    match c {
        Cell::Number { .. } => true,
        Cell::Text(t) => {
            let t = t.trim().trim_end_matches('%').trim();
            !t.is_empty()
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars().all(|c| {
                    c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' ' | '\u{a0}')
                })
        }
        Cell::Empty => false,
    }
}

fn is_code_like(c: &Cell) -> bool {
    matches!(
        normalize_code(c),
        CodeRead::Code(_) | CodeRead::UnknownScheme(_)
    )
}

fn is_name_like(c: &Cell) -> bool {
    matches!(c, Cell::Text(t) if t.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

/// Guesses the mapping of a sheet. Headers decide first; where a role has
/// no header, the content does: a column of 1–5-digit numbers that is not a
/// row-number (STT) column is the code, a column of text the name, the last
/// numeric column the value. A row-number column is never the code.
pub fn guess(sheet: &Sheet) -> Mapping {
    let mut m = Mapping::default();
    let ncols = sheet.headers.len();
    let mut used = vec![false; ncols];
    let cols: Vec<Vec<&Cell>> = (0..ncols).map(|c| column(sheet, c)).collect();
    let stt: Vec<bool> = cols.iter().map(|c| looks_like_row_numbers(c)).collect();

    // Wide files: headers that are periods, all of one kind.
    let periods: Vec<(usize, String)> = sheet
        .headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| parse_period_label(h).map(|p| (i, p)))
        .collect();
    if !periods.is_empty() {
        let kind = |p: &str| {
            if p.contains('Q') {
                0
            } else if p.len() == 4 {
                1
            } else {
                2
            }
        };
        let mut counts = [0usize; 3];
        for (_, p) in &periods {
            counts[kind(p)] += 1;
        }
        let best = (0..3)
            .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
            .unwrap_or(0);
        for (i, p) in periods {
            let numbers =
                share(&cols[i], is_numberish) >= 0.5 || cols[i].iter().all(|c| is_blank(c));
            if kind(&p) == best && numbers {
                used[i] = true;
                m.wide_periods.push((i, p));
            }
        }
    }

    for (i, h) in sheet.headers.iter().enumerate() {
        if used[i] {
            continue;
        }
        let slot = match role_of(h) {
            Some(Role::Code) if !stt[i] => &mut m.code,
            Some(Role::Name) => &mut m.name,
            Some(Role::District) => &mut m.district,
            Some(Role::Value) if m.wide_periods.is_empty() => &mut m.value,
            Some(Role::Numerator) => &mut m.numerator,
            Some(Role::Denominator) => &mut m.denominator,
            Some(Role::Period) if m.wide_periods.is_empty() => &mut m.period,
            Some(Role::RowNumber) => {
                used[i] = true;
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(i);
            used[i] = true;
        }
    }

    // Content, for the roles no header named.
    let free = |used: &[bool]| {
        (0..ncols)
            .filter(|&i| !used[i] && !stt[i])
            .collect::<Vec<_>>()
    };
    if m.code.is_none() && m.name.is_none() {
        if let Some(i) = free(&used)
            .into_iter()
            .find(|&i| share(&cols[i], is_code_like) >= 0.8 && role_of(&sheet.headers[i]).is_none())
        {
            m.code = Some(i);
            used[i] = true;
        }
    }
    if m.name.is_none() {
        if let Some(i) = free(&used)
            .into_iter()
            .find(|&i| share(&cols[i], is_name_like) >= 0.8)
        {
            m.name = Some(i);
            used[i] = true;
        }
    }
    if m.value.is_none() && m.wide_periods.is_empty() {
        if let Some(i) = free(&used)
            .into_iter()
            .rev()
            .find(|&i| share(&cols[i], is_numberish) >= 0.8 && role_of(&sheet.headers[i]).is_none())
        {
            m.value = Some(i);
            used[i] = true;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(headers: &[&str], rows: &[&[&str]]) -> Sheet {
        Sheet {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(c.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn vietnamese_english_and_snake_case_headers() {
        for (headers, code, name, district, value) in [
            (["ma_phuong", "ten_phuong", "quan", "ty_le"], 0, 1, 2, 3),
            (["Mã phường", "Tên phường", "Quận", "Tỷ lệ (%)"], 0, 1, 2, 3),
            (["code", "name", "district", "value"], 0, 1, 2, 3),
            (["GSO", "ward", "quận/huyện", "giá trị"], 0, 1, 2, 3),
            (
                ["Ma phuong", "Ten phuong", "Quan/huyen", "Ty le"],
                0,
                1,
                2,
                3,
            ),
        ] {
            let s = sheet(&headers, &[&["00052", "Hàng Bồ", "Hoàn Kiếm", "80"]]);
            let m = guess(&s);
            assert_eq!(
                (m.code, m.name, m.district, m.value),
                (Some(code), Some(name), Some(district), Some(value)),
                "{headers:?}"
            );
        }
    }

    #[test]
    fn numerator_denominator_and_period_headers() {
        let s = sheet(
            &["Tên phường", "Kỳ", "Tử số", "Mẫu số", "Tỷ lệ"],
            &[&["Hàng Bồ", "2024", "8", "10", "80"]],
        );
        let m = guess(&s);
        assert_eq!(m.name, Some(0));
        assert_eq!(m.period, Some(1));
        assert_eq!(m.numerator, Some(2));
        assert_eq!(m.denominator, Some(3));
        assert_eq!(m.value, Some(4));
        let s = sheet(
            &["ward", "period", "numerator", "denominator"],
            &[&["Hàng Bồ", "2024", "8", "10"]],
        );
        let m = guess(&s);
        assert_eq!(
            (m.period, m.numerator, m.denominator),
            (Some(1), Some(2), Some(3))
        );
        for h in ["năm", "quý", "kỳ báo cáo"] {
            assert_eq!(
                guess(&sheet(&["ten", h, "ty le"], &[&["a", "2024", "1"]])).period,
                Some(1),
                "{h}"
            );
        }
    }

    #[test]
    fn a_row_number_column_is_never_the_code() {
        let s = sheet(
            &["STT", "Mã phường", "Tên phường", "Tỷ lệ (%)"],
            &[
                &["1", "52", "Hàng Bồ", "89.0"],
                &["2", "61.0", "Hàng Bạc", "88"],
                &["3", "0049", "Hàng Đào", "87"],
            ],
        );
        let m = guess(&s);
        assert_eq!((m.code, m.name, m.value), (Some(1), Some(2), Some(3)));
        // Without headers that say so, the content decides, and 1, 2, 3 is STT.
        let s = sheet(
            &["#", "a", "b", "c"],
            &[
                &["1", "52", "Hàng Bồ", "89.0"],
                &["2", "61", "Hàng Bạc", "88"],
                &["3", "49", "Hàng Đào", "87"],
            ],
        );
        let m = guess(&s);
        assert_eq!((m.code, m.name, m.value), (Some(1), Some(2), Some(3)));
        let s = sheet(
            &["x", "y"],
            &[&["1", "Hàng Bồ"], &["2", "Hàng Bạc"], &["3", "Hàng Đào"]],
        );
        assert_eq!(guess(&s).code, None);
    }

    #[test]
    fn content_decides_without_headers() {
        let s = sheet(
            &["c1", "c2", "c3"],
            &[&["00052", "Hàng Bồ", "91,9"], &["00061", "Hàng Bạc", "88"]],
        );
        let m = guess(&s);
        assert_eq!((m.code, m.name, m.value), (Some(0), Some(1), Some(2)));
    }

    #[test]
    fn wide_files_by_period_headers() {
        let s = sheet(
            &[
                "Tên phường",
                "2022-Q3",
                "Quý 4/2022",
                "Q1 2023",
                "quy 2 - 2023",
            ],
            &[&["Hàng Bồ", "1", "2", "3", "4"]],
        );
        let m = guess(&s);
        assert_eq!(m.name, Some(0));
        assert_eq!(m.value, None);
        assert_eq!(
            m.wide_periods,
            vec![
                (1, "2022-Q3".to_string()),
                (2, "2022-Q4".to_string()),
                (3, "2023-Q1".to_string()),
                (4, "2023-Q2".to_string())
            ]
        );
        let s = sheet(&["ward", "2022", "2023"], &[&["Hàng Bồ", "1", "2"]]);
        assert_eq!(guess(&s).wide_periods.len(), 2);
        let s = sheet(
            &["ward", "T7/2024", "Tháng 8/2024"],
            &[&["Hàng Bồ", "1", "2"]],
        );
        assert_eq!(
            guess(&s).wide_periods,
            vec![(1, "2024-07".to_string()), (2, "2024-08".to_string())]
        );
    }

    #[test]
    fn period_labels() {
        for (text, id) in [
            ("2022-Q3", "2022-Q3"),
            ("2022 Q3", "2022-Q3"),
            ("Q3 2022", "2022-Q3"),
            ("Q3/2022", "2022-Q3"),
            ("Quý 3/2022", "2022-Q3"),
            ("Quý III năm 2022", "2022-Q3"),
            ("quy 3 - 2022", "2022-Q3"),
            ("2022", "2022"),
            ("Năm 2022", "2022"),
            ("T7/2024", "2024-07"),
            ("Tháng 7/2024", "2024-07"),
            ("07/2024", "2024-07"),
            ("2024-07", "2024-07"),
        ] {
            assert_eq!(parse_period_label(text).as_deref(), Some(id), "{text}");
        }
        for bad in [
            "Q5 2022",
            "Hàng Bồ",
            "",
            "12345",
            "2022 2023",
            "T13/2024",
            "Tỷ lệ",
        ] {
            assert_eq!(parse_period_label(bad), None, "{bad}");
        }
    }

    #[test]
    fn never_panics_on_odd_sheets() {
        let empty = Sheet::default();
        assert_eq!(guess(&empty), Mapping::default());
        let ragged = Sheet {
            headers: vec!["a".into(), "b".into()],
            rows: vec![
                vec![],
                vec![Cell::Number {
                    value: f64::NAN,
                    percent: true,
                }],
            ],
        };
        let _ = guess(&ragged);
    }
}
