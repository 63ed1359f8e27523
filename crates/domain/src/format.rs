//! Numbers and periods as readers expect them in each language:
//! vi `91,9%`, `6.000`, `Quý 3/2021`; en `91.9%`, `6,000`, `Q3 2021`.

use crate::dataset::{NumberFormat, NumberStyle};
use crate::period::Period;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language a code names (`vi`, `en`), as in a `lang` parameter.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// From this magnitude on, numbers are written in scientific notation
/// ([`number`]): 10¹⁵ written out is already 22 characters
/// ("1.000.000.000.000.000"), and a value of 1e308 in a dataset without a
/// range would print 309 digits and overflow the table and the legend.
pub const COMPACT_FROM: f64 = 1e15;

/// Rounds at `decimals` exactly as `ranking::shown` does (Rust's `{:.N}`), so
/// values that tie in the ranking always look equal, and groups thousands
/// (both languages group from 4 digits: 6.000 / 6,000).
///
/// Magnitudes of [`COMPACT_FROM`] (10¹⁵) and more are written compactly,
/// the same way in both languages but for the decimal separator: a
/// mantissa with two decimals, "×" and a power of ten with a superscript
/// exponent, e.g. `1,00 × 10³⁰⁸` / `1.00 × 10³⁰⁸`, `−2,50 × 10¹⁵`. That is
/// at most 13 characters for any finite `f64`. Very small magnitudes need
/// no rule: they round to zero at `decimals` (at most 6), as in the ranking,
/// so they are never longer than the zero they tie with.
pub fn number(value: f64, decimals: u8, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let decimals = decimals.min(6);
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let rounded: f64 = text.parse().unwrap_or(0.0);
    if rounded >= COMPACT_FROM {
        return scientific(value, point);
    }
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    if value < 0.0 && rounded != 0.0 {
        out.push('−');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(frac) = frac_part {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// `value` (finite, |value| ≥ 1) as "1,00 × 10³⁰⁸" with `point` as the
/// decimal separator and U+2212 for a minus sign.
fn scientific(value: f64, point: char) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    // Rust's `{:e}` rounds the mantissa and carries into the exponent
    // (9.999e15 → "1.00e16"), so the mantissa is always in [1, 10).
    let text = format!("{:.2e}", value.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mut out = String::new();
    if value < 0.0 {
        out.push('−');
    }
    out.extend(mantissa.chars().map(|c| if c == '.' { point } else { c }));
    out.push_str(" × 10");
    for c in exponent.chars() {
        match c.to_digit(10).and_then(|d| SUPERSCRIPTS.get(d as usize)) {
            Some(superscript) => out.push(*superscript),
            None if c == '-' => out.push('⁻'),
            None => {}
        }
    }
    out
}

/// A value in its dataset's format, with `%` for percentages. Other units are
/// shown by the caller next to the number (e.g. a column header).
pub fn value(value: f64, format: NumberFormat, lang: Lang) -> String {
    let text = number(value, format.shown_decimals(), lang);
    match format.style {
        NumberStyle::Percent => format!("{text}%"),
        _ => text,
    }
}

/// A signed change with its unit, e.g. `+1,2 điểm %` / `−0.5 pp`.
pub fn change(delta: f64, format: NumberFormat, lang: Lang) -> String {
    let signed = signed(delta, format, lang);
    match (format.style, lang) {
        (NumberStyle::Percent, Lang::Vi) => format!("{signed} điểm %"),
        (NumberStyle::Percent, Lang::En) => format!("{signed} pp"),
        _ => signed,
    }
}

/// A signed change without unit, for table cells whose header names it.
pub fn signed(delta: f64, format: NumberFormat, lang: Lang) -> String {
    let text = number(delta, format.shown_decimals(), lang);
    let is_zero = !text.bytes().any(|b| (b'1'..=b'9').contains(&b));
    if text.starts_with('−') || is_zero {
        text
    } else {
        format!("+{text}")
    }
}

/// A period for readers: `Quý 3/2021`, `Q3 2021`, `Tháng 12/2024`, `Dec 2024`.
pub fn period(period: Period, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match (period, lang) {
        (Period::Year(y), Lang::Vi) => format!("Năm {y}"),
        (Period::Year(y), Lang::En) => y.to_string(),
        (Period::Quarter(y, q), Lang::Vi) => format!("Quý {q}/{y}"),
        (Period::Quarter(y, q), Lang::En) => format!("Q{q} {y}"),
        (Period::Month(y, m), Lang::Vi) => format!("Tháng {m}/{y}"),
        (Period::Month(y, m), Lang::En) => {
            let name = MONTHS
                .get(usize::from(m).wrapping_sub(1))
                .copied()
                .unwrap_or("?");
            format!("{name} {y}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PCT: NumberFormat = NumberFormat {
        style: NumberStyle::Percent,
        decimals: 1,
    };

    #[test]
    fn vietnamese_and_english_numbers() {
        assert_eq!(value(91.9, PCT, Lang::Vi), "91,9%");
        assert_eq!(value(91.9, PCT, Lang::En), "91.9%");
        let int = NumberFormat {
            style: NumberStyle::Integer,
            decimals: 0,
        };
        assert_eq!(value(6000.0, int, Lang::Vi), "6.000");
        assert_eq!(value(6000.0, int, Lang::En), "6,000");
        assert_eq!(value(1234567.0, int, Lang::Vi), "1.234.567");
        assert_eq!(value(100.0, PCT, Lang::Vi), "100,0%");
        assert_eq!(number(-0.04, 1, Lang::En), "0.0");
        assert_eq!(number(-2.5, 1, Lang::En), "−2.5");
        assert_eq!(number(f64::NAN, 1, Lang::En), "–");
    }

    #[test]
    fn huge_numbers_are_compact_in_both_languages() {
        assert_eq!(number(1e308, 1, Lang::Vi), "1,00 × 10³⁰⁸");
        assert_eq!(number(1e308, 1, Lang::En), "1.00 × 10³⁰⁸");
        assert_eq!(number(f64::MAX, 6, Lang::En), "1.80 × 10³⁰⁸");
        assert_eq!(number(-f64::MAX, 0, Lang::Vi), "−1,80 × 10³⁰⁸");
        assert_eq!(number(2.5e15, 2, Lang::Vi), "2,50 × 10¹⁵");
        assert_eq!(number(-1.234e20, 0, Lang::En), "−1.23 × 10²⁰");
        // The mantissa's rounding carries into the exponent.
        assert_eq!(number(9.999e15, 0, Lang::En), "1.00 × 10¹⁶");
        // Rounding at the shown decimals decides, as in the ranking.
        assert_eq!(number(999_999_999_999_999.9, 0, Lang::En), "1.00 × 10¹⁵");
        assert_eq!(
            number(999_999_999_999_999.0, 0, Lang::En),
            "999,999,999,999,999"
        );
        assert_eq!(number(1e14, 0, Lang::Vi), "100.000.000.000.000");
        assert_eq!(value(1e300, PCT, Lang::Vi), "1,00 × 10³⁰⁰%");
        assert_eq!(change(1e300, PCT, Lang::En), "+1.00 × 10³⁰⁰ pp");
        assert_eq!(change(-1e300, PCT, Lang::En), "−1.00 × 10³⁰⁰ pp");
        // Tiny magnitudes round to the zero they tie with.
        assert_eq!(number(1e-300, 1, Lang::Vi), "0,0");
        assert_eq!(number(-5e-324, 6, Lang::En), "0.000000");
        // No finite value is long.
        for v in [f64::MAX, f64::MIN, 1e15, -1e15, 123_456_789_012_345.6] {
            for decimals in [0, 2, 6] {
                for lang in [Lang::Vi, Lang::En] {
                    let text = number(v, decimals, lang);
                    assert!(text.chars().count() <= 27, "{v} at {decimals}: {text}");
                }
            }
        }
    }

    #[test]
    fn signed_changes() {
        assert_eq!(change(1.26, PCT, Lang::Vi), "+1,3 điểm %");
        assert_eq!(change(-0.5, PCT, Lang::En), "−0.5 pp");
        assert_eq!(change(0.01, PCT, Lang::En), "0.0 pp");
    }

    #[test]
    fn periods_in_both_languages() {
        assert_eq!(period(Period::Quarter(2021, 3), Lang::Vi), "Quý 3/2021");
        assert_eq!(period(Period::Quarter(2021, 3), Lang::En), "Q3 2021");
        assert_eq!(period(Period::Month(2024, 12), Lang::En), "Dec 2024");
        assert_eq!(period(Period::Month(2024, 12), Lang::Vi), "Tháng 12/2024");
    }
}
