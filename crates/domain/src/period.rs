//! Periods: quarters `2021-Q3`, years `2021`, months `2024-12`.

use std::fmt;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodType {
    Quarter,
    Year,
    Month,
}

impl PeriodType {
    pub fn name(self) -> &'static str {
        match self {
            PeriodType::Quarter => "quarter",
            PeriodType::Year => "year",
            PeriodType::Month => "month",
        }
    }

    /// How periods of this type are written, for error messages.
    pub fn pattern(self) -> &'static str {
        match self {
            PeriodType::Quarter => "YYYY-Qn, e.g. 2021-Q3",
            PeriodType::Year => "YYYY, e.g. 2021",
            PeriodType::Month => "YYYY-MM, e.g. 2024-12",
        }
    }
}

/// A parsed period; orders chronologically within one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(u16),
    Quarter(u16, u8),
    Month(u16, u8),
}

fn year(text: &str) -> Option<u16> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok().filter(|y| (1900..=2100).contains(y))
    } else {
        None
    }
}

impl Period {
    /// Parses `text` as a period of `kind`; `None` if it is not one.
    pub fn parse(text: &str, kind: PeriodType) -> Option<Period> {
        match kind {
            PeriodType::Year => year(text).map(Period::Year),
            PeriodType::Quarter => {
                let (y, q) = text.split_once("-Q")?;
                if q.len() != 1 {
                    return None;
                }
                let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                Some(Period::Quarter(year(y)?, q))
            }
            PeriodType::Month => {
                let (y, m) = text.split_once('-')?;
                if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
                Some(Period::Month(year(y)?, m))
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_periods() {
        let q = |t| Period::parse(t, PeriodType::Quarter);
        assert_eq!(q("2021-Q3"), Some(Period::Quarter(2021, 3)));
        assert!(q("2021-Q3") < q("2022-Q1"));
        for bad in [
            "2021-Q5", "2021-Q0", "21-Q3", "2021Q3", "2021-Q03", "2021-q3", "",
        ] {
            assert_eq!(q(bad), None, "{bad}");
        }
        assert_eq!(
            Period::parse("2024-12", PeriodType::Month),
            Some(Period::Month(2024, 12))
        );
        assert_eq!(Period::parse("2024-13", PeriodType::Month), None);
        assert_eq!(
            Period::parse("2024", PeriodType::Year),
            Some(Period::Year(2024))
        );
        assert_eq!(Period::parse("2024", PeriodType::Quarter), None);
        for text in ["2021-Q3", "2024-01"] {
            let kind = if text.contains('Q') {
                PeriodType::Quarter
            } else {
                PeriodType::Month
            };
            assert_eq!(Period::parse(text, kind).unwrap().to_string(), text);
        }
    }
}
