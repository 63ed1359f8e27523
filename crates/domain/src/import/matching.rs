//! Matching one input row to a ward of the [`Registry`], by GSO code and/or
//! name, the way Vietnamese ward lists are really written, and never guessing
//! silently: a row is matched only when exactly one pilot ward fits in its
//! scope (the district column when given, else the city); otherwise it is
//! ambiguous (the candidates), unmatched (why, and the three nearest names)
//! or out of scope (a real Hà Nội unit that is not a pilot ward).
//!
//! Names are compared at three levels, each only when unique in scope:
//!
//! 1. **exact**: NFC, spaces cleaned (NBSP, zero-width, runs), case, unit
//!    prefix/suffix removed ("Phường", "P.", "Ph.", "ward"…), numbered wards
//!    written "Cổ Nhuế II" or "Cổ Nhuế số 2" read as "Cổ Nhuế 2";
//! 2. **spelled** (reported as [`MatchHow::FoldedName`]): the same, with the
//!    tone mark's placement ignored (Hoà/Hòa, Thuỵ/Thụy) and i/y spellings
//!    unified (Mỹ/Mĩ, Quý/Quí);
//! 3. **folded**: no diacritics at all ("hang bo").
//!
//! A folded name that is a prefix word only by accident (Phương Mai, Phương
//! Liên, Phương Liệt, Phương Canh) keeps it: only "phường" with its grave
//! tone, and its abbreviations with a dot, are always prefixes; a bare
//! "phuong" (or "quan", "p", "q"…) is removed only when the name does not
//! resolve with it and does without it.
//!
//! The lookup tables are built once per run ([`Matcher::new`]); a row costs a
//! few hash lookups, and the edit-distance scan for the nearest names of an
//! unmatched row is cached by its key.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::decode::{diagnose_mojibake, lost_letters};
use super::numbers::{normalize_code, CodeRead};
use super::report::{Candidate, ImportNotice, MatchHow, MatchStatus};
use super::Cell;
use crate::fold::fold;
use crate::registry::Registry;

/// The reference of Hà Nội's units that are not pilot wards
/// (`tools/data_prep/units.py`).
const HANOI_UNITS: &str = include_str!("../../data/hanoi-units.json");

/// What kind of unit an [`OtherUnit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum OtherKind {
    /// A commune (xã) of 2021.
    #[serde(rename = "commune_2021")]
    Commune2021,
    /// A township (thị trấn) of 2021.
    #[serde(rename = "township_2021")]
    Township2021,
    /// One of the 30 district-level units of 2021 (quận, huyện, thị xã).
    #[serde(rename = "district_2021")]
    District2021,
    /// A unit after the 1 July 2025 reorganisation (phường or xã).
    #[serde(rename = "unit_2025")]
    Unit2025,
}

/// A Hà Nội unit that is not one of the 175 pilot wards.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OtherUnit {
    pub code: String,
    pub name: String,
    pub full_name: String,
    pub kind: OtherKind,
    /// The 2021 district-level unit of a commune or township.
    pub district: Option<String>,
}

#[derive(Deserialize)]
struct UnitsFile {
    units: Vec<OtherUnit>,
}

/// Hà Nội's units that are not pilot wards, parsed once.
pub fn other_units() -> &'static [OtherUnit] {
    static UNITS: OnceLock<Vec<OtherUnit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        serde_json::from_str::<UnitsFile>(HANOI_UNITS)
            .map(|f| f.units)
            .unwrap_or_default()
    })
}

/// The cells of the mapped columns of one row, as text (`None` or blank when
/// the column is not mapped or the cell is empty).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowInput<'a> {
    pub code: Option<&'a str>,
    pub name: Option<&'a str>,
    pub district: Option<&'a str>,
}

/// The matcher's verdict on one row, before duplicates are looked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub status: MatchStatus,
    /// The ward's GSO code, when matched.
    pub code: Option<String>,
    pub how: Option<MatchHow>,
    pub candidates: Vec<Candidate>,
    /// Why, when not matched; a warning when matched.
    pub reason: Option<ImportNotice>,
}

fn notice(code: &str, vi: String, en: String) -> ImportNotice {
    ImportNotice {
        code: code.to_string(),
        vi,
        en,
    }
}

// ---------------------------------------------------------------- text keys

/// Characters that take no room and only get in the way of matching.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// NFC, invisible characters removed, every kind of space (NBSP included)
/// read as one space, trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c == '\u{00A0}' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Splits cleaned text into words: a dot ends a word ("P.Hàng" → "P.",
/// "Hàng"), letters and digits glued together come apart ("Đình2"), a
/// hyphen between a name and a number is a space ("Nhuế-2").
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for c in text.chars() {
        match c {
            ' ' | '-' | '–' | '_' | ',' | '"' | '“' | '”' | '\'' | '‘' | '’' => {
                flush(&mut cur, &mut out)
            }
            '.' => {
                cur.push('.');
                flush(&mut cur, &mut out);
            }
            _ => {
                let last_digit = cur.chars().last().map(|l| l.is_ascii_digit());
                if last_digit.is_some_and(|d| d != c.is_ascii_digit()) {
                    flush(&mut cur, &mut out);
                }
                cur.push(c);
            }
        }
    }
    flush(&mut cur, &mut out);
    // Numbered wards: "Cổ Nhuế II", "Cổ Nhuế số 2" → "Cổ Nhuế 2".
    if out.len() >= 2 {
        let last = out[out.len() - 1].to_lowercase();
        let arabic = match last.as_str() {
            "i" => Some("1"),
            "ii" => Some("2"),
            "iii" => Some("3"),
            "iv" => Some("4"),
            _ => None,
        };
        if let Some(n) = arabic {
            let i = out.len() - 1;
            out[i] = n.to_string();
        }
        let i = out.len() - 2;
        if out.len() >= 3
            && matches!(fold(&out[i]).as_str(), "so" | "no" | "no.")
            && out[i + 1].bytes().all(|b| b.is_ascii_digit())
        {
            out.remove(i);
        }
    }
    out
}

const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// One syllable without its tone mark (wherever it sits), i/y unified, and
/// the tone mark appended: "hoà" and "hòa" give the same key.
fn spelled_syllable(word: &str) -> String {
    let mut tone = None;
    let toneless: String = word
        .to_lowercase()
        .nfd()
        .filter(|c| {
            let is_tone = TONES.contains(c);
            if is_tone {
                tone = Some(*c);
            }
            !is_tone
        })
        .nfc()
        .collect();
    let mut key = unify_i_y(&toneless);
    if let Some(t) = tone {
        key.push('~');
        key.push(t);
    }
    key
}

/// "mỹ"/"mĩ", "quý"/"quí", "lý"/"lí": a syllable whose only vowel is a final
/// y after consonants (or qu) is written with i. "thuỵ" keeps its y (uy).
fn unify_i_y(syllable: &str) -> String {
    let Some(stem) = syllable.strip_suffix('y') else {
        return syllable.to_string();
    };
    let consonants = |s: &str| !s.is_empty() && s.chars().all(|c| "bcdđghklmnpqrstvx".contains(c));
    if stem == "qu" || consonants(stem) {
        format!("{stem}i")
    } else {
        syllable.to_string()
    }
}

fn exact_key(words: &[String]) -> String {
    words.join(" ").to_lowercase()
}

fn spelled_key(words: &[String]) -> String {
    words
        .iter()
        .map(|w| spelled_syllable(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn folded_key(words: &[String]) -> String {
    words
        .iter()
        .map(|w| unify_i_y(&fold(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a unit prefix says the name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    Ward,
    Commune,
    Township,
    District,
}

/// Prefix words: (lowercase words as written, hint, certain). Certain ones
/// are removed outright; the others ("phuong", "quan", "p"…) only when the
/// name resolves without them and not with them.
const PREFIXES: &[(&[&str], Hint, bool)] = &[
    (&["phường"], Hint::Ward, true),
    (&["p."], Hint::Ward, true),
    (&["ph."], Hint::Ward, true),
    (&["f."], Hint::Ward, true),
    (&["thị", "xã"], Hint::District, true),
    (&["thị", "trấn"], Hint::Township, true),
    (&["quận"], Hint::District, true),
    (&["huyện"], Hint::District, true),
    (&["xã"], Hint::Commune, true),
    (&["q."], Hint::District, true),
    (&["h."], Hint::District, true),
    (&["tx."], Hint::District, true),
    (&["tx"], Hint::District, true),
    (&["tt."], Hint::Township, true),
    (&["x."], Hint::Commune, true),
    (&["phuong"], Hint::Ward, false),
    (&["p"], Hint::Ward, false),
    (&["ph"], Hint::Ward, false),
    (&["thi", "xa"], Hint::District, false),
    (&["thi", "tran"], Hint::Township, false),
    (&["quan"], Hint::District, false),
    (&["huyen"], Hint::District, false),
    (&["xa"], Hint::Commune, false),
    (&["q"], Hint::District, false),
    (&["tt"], Hint::Township, false),
];

/// The prefix at the start of `words`: (words it takes, hint, certain).
fn prefix_at(words: &[String]) -> Option<(usize, Hint, bool)> {
    // The first two words, lowercased and folded once.
    let lower: Vec<String> = words.iter().take(2).map(|w| w.to_lowercase()).collect();
    let folded: Vec<String> = lower.iter().map(|w| fold(w)).collect();
    for (pat, hint, certain) in PREFIXES {
        let fits = words.len() > pat.len()
            && pat.iter().enumerate().all(|(i, p)| {
                if *certain {
                    lower[i] == *p
                } else {
                    folded[i] == *p
                }
            });
        if fits {
            // "Phường" with another tone mark is the name Phương…, not the
            // prefix: a folded "phuong" is certain only with the grave tone.
            let certain =
                *certain || (pat == &["phuong"] && words[0].nfd().any(|c| c == '\u{0300}'));
            return Some((pat.len(), *hint, certain));
        }
    }
    None
}

/// A name cell taken apart: the ways to read it (most literal first), the
/// unit its prefix names, and a district in brackets or after a comma.
#[derive(Debug, Clone)]
struct ParsedName {
    /// Word lists to try in order: the name with its certain prefixes
    /// removed, then with each uncertain prefix removed too.
    variants: Vec<Vec<String>>,
    hint: Hint,
    /// "Quang Trung (Sơn Tây)": the text in brackets.
    district: Option<String>,
    /// Every word, prefixes included (for the nearest names).
    raw: Vec<String>,
    /// Text after commas ("Hàng Bồ, Q. Hoàn Kiếm, Hà Nội"): a district
    /// among them is used like one in brackets; the rest is ignored.
    places: Vec<String>,
}

fn parse_name(text: &str) -> ParsedName {
    let mut text = clean(text);
    let mut district = None;
    if let (Some(open), true) = (text.rfind('('), text.ends_with(')')) {
        let inner = text[open + 1..text.len() - 1].trim().to_string();
        if !inner.is_empty() {
            district = Some(inner);
        }
        text = text[..open].trim().to_string();
    }
    // "Hàng Bồ, Hoàn Kiếm, Hà Nội": the name, then places it is in.
    let mut places = Vec::new();
    if let Some((first, rest)) = text.split_once(',') {
        places = rest
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        text = first.trim().to_string();
    }
    let mut ws = words(&text);
    // Suffix "ward" / "phường" written after the name.
    while ws.len() > 1
        && matches!(
            ws.last().map(|w| w.to_lowercase()).as_deref(),
            Some("ward" | "(ward)" | "commune")
        )
    {
        ws.pop();
    }
    let raw = ws.clone();
    let mut hint = Hint::None;
    let mut variants = Vec::new();
    loop {
        match prefix_at(&ws) {
            Some((n, h, true)) => {
                if hint == Hint::None {
                    hint = h;
                }
                ws.drain(..n);
            }
            Some((n, h, false)) => {
                variants.push(ws.clone());
                if hint == Hint::None {
                    hint = h;
                }
                ws.drain(..n);
            }
            None => break,
        }
    }
    variants.push(ws);
    // A full stop after the name ("P. Hàng Bồ.") is no part of it.
    for v in &mut variants {
        for w in v.iter_mut() {
            while w.len() > 1 && w.ends_with('.') {
                w.pop();
            }
        }
        v.retain(|w| w != ".");
    }
    ParsedName {
        variants,
        hint,
        district,
        places,
        raw,
    }
}

// --------------------------------------------------------------- suspect text

/// Why a name cannot be read as a name, if it cannot: text in a legacy font
/// encoding or double-decoded ("Ph\u{AD}êng Hµng Bå", "PhÆ°á»\u{9D}ng"), or
/// letters lost to '?' in a conversion. With the conversion, when there is
/// one, to suggest wards from.
fn suspect_text(text: &str) -> Option<(ImportNotice, Option<String>)> {
    if let Some(m) = diagnose_mojibake(text) {
        return Some((m.notice(text), Some(m.converted)));
    }
    if lost_letters(text) {
        return Some((
            notice(
                "lost-letters",
                format!("“{text}” đã mất chữ (thay bằng “?”) khi chuyển bảng mã, nên không so khớp được: hãy xuất lại tệp dưới dạng UTF-8 (Excel: Lưu thành → CSV UTF-8)."),
                format!("“{text}” lost letters (replaced by “?”) in an encoding conversion, so it cannot be matched: export the file again as UTF-8 (Excel: Save As → CSV UTF-8)."),
            ),
            None,
        ));
    }
    None
}

// ---------------------------------------------------------------- matcher

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Exact,
    Spelled,
    Folded,
}

impl Level {
    fn how(self) -> MatchHow {
        match self {
            Level::Exact => MatchHow::ExactName,
            _ => MatchHow::FoldedName,
        }
    }
}

/// A district cell (or a district in brackets) as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DistrictRef {
    /// One of the 13 pilot districts: its code.
    Pilot(String),
    /// A real district-level unit of Hà Nội outside the pilot: its name.
    Other(String),
    /// Not recognised: the text as written.
    Unknown(String),
}

/// What a name resolved to (in the city, before the row's scope is applied).
#[derive(Debug, Clone, Default)]
struct NameHits {
    /// Pilot wards (indices into the registry's wards) and the level.
    wards: Vec<usize>,
    level: Option<Level>,
    /// Other units with this name (indices into [`other_units`]).
    others: Vec<usize>,
    /// The words that resolved (for suggestions when nothing did).
    words: Vec<String>,
    /// All the words, prefixes included.
    raw: Vec<String>,
}

/// Lookup tables over the registry and Hà Nội's other units, built once per
/// run. See the module documentation for the rules.
pub struct Matcher<'r> {
    registry: &'r Registry,
    by_code: HashMap<String, usize>,
    wards: [HashMap<String, Vec<usize>>; 4],
    others: [HashMap<String, Vec<usize>>; 4],
    /// District keys (exact, spelled, folded, codes) → district.
    districts: HashMap<String, DistrictRef>,
    /// 2021 commune/township codes → other unit.
    other_codes: HashMap<String, usize>,
    /// Folded names of the wards, for the nearest names.
    folded: Vec<String>,
    nearest_cache: HashMap<String, Vec<usize>>,
    /// Verdicts by (code, name, district) cell texts: a file names each
    /// ward once per period, so most rows are answered from here.
    verdicts: HashMap<(String, String, String), Verdict>,
}

fn push(map: &mut HashMap<String, Vec<usize>>, key: String, i: usize) {
    let v = map.entry(key).or_default();
    if !v.contains(&i) {
        v.push(i);
    }
}

/// The keys of a name, one per lookup: exact, spelled, folded, and folded
/// without spaces (a zero-width space between words takes the space away:
/// "Hàng\u{200B}Mã" reads "HàngMã").
fn keys(words: &[String]) -> [String; 4] {
    let folded = folded_key(words);
    let compact = folded.replace(' ', "");
    [exact_key(words), spelled_key(words), folded, compact]
}

const LEVELS: [Level; 4] = [Level::Exact, Level::Spelled, Level::Folded, Level::Folded];

impl<'r> Matcher<'r> {
    pub fn new(registry: &'r Registry) -> Matcher<'r> {
        let mut wards: [HashMap<String, Vec<usize>>; 4] = Default::default();
        let mut by_code = HashMap::new();
        for (i, w) in registry.wards.iter().enumerate() {
            by_code.insert(w.code.clone(), i);
            for (map, key) in wards.iter_mut().zip(keys(&words(&clean(&w.name)))) {
                push(map, key, i);
            }
        }
        let mut others: [HashMap<String, Vec<usize>>; 4] = Default::default();
        let mut other_codes = HashMap::new();
        let mut districts = HashMap::new();
        for (i, u) in other_units().iter().enumerate() {
            for (map, key) in others.iter_mut().zip(keys(&words(&clean(&u.name)))) {
                push(map, key, i);
            }
            match u.kind {
                OtherKind::Commune2021 | OtherKind::Township2021 => {
                    other_codes.insert(u.code.clone(), i);
                }
                OtherKind::District2021 if registry.district(&u.code).is_none() => {
                    for key in keys(&words(&clean(&u.name))) {
                        districts.insert(key, DistrictRef::Other(u.name.clone()));
                    }
                    let short = u.code.trim_start_matches('0').to_string();
                    districts.insert(u.code.clone(), DistrictRef::Other(u.name.clone()));
                    districts.insert(short, DistrictRef::Other(u.name.clone()));
                }
                _ => {}
            }
        }
        for d in &registry.districts {
            for key in keys(&words(&clean(&d.name))) {
                districts.insert(key, DistrictRef::Pilot(d.code.clone()));
            }
            districts.insert(d.code.clone(), DistrictRef::Pilot(d.code.clone()));
            districts.insert(
                d.code.trim_start_matches('0').to_string(),
                DistrictRef::Pilot(d.code.clone()),
            );
        }
        let folded = registry
            .wards
            .iter()
            .map(|w| folded_key(&words(&w.name)))
            .collect();
        Matcher {
            registry,
            by_code,
            wards,
            others,
            districts,
            other_codes,
            folded,
            nearest_cache: HashMap::new(),
            verdicts: HashMap::new(),
        }
    }

    fn candidate(&self, i: usize) -> Candidate {
        let w = &self.registry.wards[i];
        Candidate {
            code: w.code.clone(),
            name: w.name.clone(),
            district: self
                .registry
                .district(&w.district)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
        }
    }

    fn district_name(&self, code: &str) -> String {
        self.registry
            .district(code)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    fn ward_label(&self, i: usize) -> String {
        let w = &self.registry.wards[i];
        format!(
            "{} {} ({})",
            w.code,
            w.name,
            self.district_name(&w.district)
        )
    }

    fn other_label(u: &OtherUnit) -> (String, String) {
        let (vi, en) = match u.kind {
            OtherKind::Commune2021 | OtherKind::Township2021 => (
                format!(
                    "{} ({}), không thuộc 175 phường thí điểm",
                    u.full_name,
                    u.district.as_deref().unwrap_or("")
                ),
                format!(
                    "{} ({}), not one of the 175 pilot wards",
                    u.full_name,
                    u.district.as_deref().unwrap_or("")
                ),
            ),
            OtherKind::District2021 => (
                format!("{} là đơn vị cấp huyện, không phải phường", u.full_name),
                format!("{} is a district-level unit, not a ward", u.full_name),
            ),
            OtherKind::Unit2025 => (
                format!(
                    "{} là đơn vị sau sắp xếp năm 2025, không phải phường năm 2021",
                    u.full_name
                ),
                format!(
                    "{} is a unit created in the 2025 reorganisation, not a 2021 ward",
                    u.full_name
                ),
            ),
        };
        (vi, en)
    }

    /// Reads a district cell: "Q. Đống Đa", "Quận Đống Đa", "TX. Sơn Tây",
    /// "Bac Tu Liem", "006", "6".
    fn district_ref(&self, text: &str) -> DistrictRef {
        let cleaned = clean(text);
        if let CodeRead::Code(code) = normalize_code(&Cell::Text(cleaned.clone())) {
            let code3 = code.trim_start_matches('0');
            if let Some(d) = self
                .districts
                .get(code3)
                .or_else(|| self.districts.get(&code))
            {
                return d.clone();
            }
            return DistrictRef::Unknown(cleaned);
        }
        let parsed = parse_name(&cleaned);
        for ws in parsed.variants.iter().rev() {
            for key in keys(ws) {
                if let Some(d) = self.districts.get(&key) {
                    return d.clone();
                }
            }
        }
        DistrictRef::Unknown(cleaned)
    }

    /// Looks a name up: the first variant (most literal first) that names
    /// any unit, at its best level. Pilot wards win at the same level;
    /// another unit spelled exactly wins over a ward only folded alike.
    fn lookup(&self, parsed: &ParsedName) -> NameHits {
        for ws in &parsed.variants {
            if ws.is_empty() {
                continue;
            }
            let ks = keys(ws);
            for (li, level) in LEVELS.into_iter().enumerate() {
                let wards = self.wards[li].get(&ks[li]).cloned().unwrap_or_default();
                // Tone placement is spelling, not a different name: at the
                // exact level only wards count, so "Yên Hòa" is the 2021
                // ward Yên Hoà before the 2025 unit spelled Yên Hòa.
                let others = if level == Level::Exact {
                    Vec::new()
                } else {
                    self.others[li].get(&ks[li]).cloned().unwrap_or_default()
                };
                if !wards.is_empty() || !others.is_empty() {
                    return NameHits {
                        wards,
                        level: Some(level),
                        others,
                        words: ws.clone(),
                        raw: parsed.raw.clone(),
                    };
                }
            }
        }
        NameHits {
            words: parsed.variants.last().cloned().unwrap_or_default(),
            raw: parsed.raw.clone(),
            ..NameHits::default()
        }
    }

    /// Other units called by the name (spelled, else folded alike).
    fn others_named(&self, parsed: &ParsedName) -> Vec<usize> {
        let Some(ws) = parsed.variants.last() else {
            return Vec::new();
        };
        let ks = keys(ws);
        (1..4)
            .find_map(|li| self.others[li].get(&ks[li]).filter(|v| !v.is_empty()))
            .cloned()
            .unwrap_or_default()
    }

    /// The three wards whose folded names are nearest (edit distance) to
    /// the name without its prefixes or with them ("Phường Mai" is nearest
    /// Phương Mai).
    fn nearest(&mut self, hits: &NameHits) -> Vec<Candidate> {
        let key = folded_key(&hits.words);
        let raw = folded_key(&hits.raw);
        if key.is_empty() && raw.is_empty() {
            return Vec::new();
        }
        let cache_key = format!("{key}\u{1}{raw}");
        let idx = if let Some(hit) = self.nearest_cache.get(&cache_key) {
            hit.clone()
        } else {
            let mut scored: Vec<(usize, usize)> = self
                .folded
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let d = strsim::levenshtein(&key, f).min(strsim::levenshtein(&raw, f));
                    (d, i)
                })
                .collect();
            scored.sort_unstable();
            let idx: Vec<usize> = scored.iter().take(3).map(|&(_, i)| i).collect();
            self.nearest_cache.insert(cache_key, idx.clone());
            idx
        };
        idx.into_iter().map(|i| self.candidate(i)).collect()
    }

    /// Matches one row. Never panics; see the module documentation.
    pub fn match_row(&mut self, row: RowInput<'_>) -> Verdict {
        let key = (
            row.code.unwrap_or("").to_string(),
            row.name.unwrap_or("").to_string(),
            row.district.unwrap_or("").to_string(),
        );
        if let Some(v) = self.verdicts.get(&key) {
            return v.clone();
        }
        let verdict = self.decide(row);
        // Bounded, so a file of all-different rows cannot grow it forever.
        if self.verdicts.len() < 100_000 {
            self.verdicts.insert(key, verdict.clone());
        }
        verdict
    }

    fn decide(&mut self, row: RowInput<'_>) -> Verdict {
        let blank = |t: Option<&str>| t.map(clean).filter(|t| !t.is_empty());
        let mut code = blank(row.code);
        let mut name = blank(row.name);
        let district_text = blank(row.district);
        // A name column holding a code ("00052", "52") is read as the code.
        if code.is_none()
            && name.as_deref().is_some_and(|n| {
                n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && matches!(
                        normalize_code(&Cell::Text(n.to_string())),
                        CodeRead::Code(_)
                    )
            })
        {
            code = name.take();
        }
        let parsed = name.as_deref().map(parse_name);

        // The scope: the district column, or a district in brackets.
        let mut district = district_text.as_deref().map(|t| self.district_ref(t));
        let from_places = parsed.as_ref().and_then(|p| {
            p.places
                .iter()
                .find(|place| !matches!(self.district_ref(place), DistrictRef::Unknown(_)))
        });
        let inner = parsed
            .as_ref()
            .and_then(|p| p.district.clone())
            .or_else(|| from_places.cloned());
        if let Some(inner) = inner {
            let from_name = self.district_ref(&inner);
            match (&district, &from_name) {
                (None, _) => district = Some(from_name),
                (Some(a), b) if a != b && !matches!(b, DistrictRef::Unknown(_)) => {
                    return unmatched(
                        notice(
                            "district-conflict",
                            format!(
                                "Cột quận ghi “{}” nhưng tên ghi “{}”.",
                                district_text.clone().unwrap_or_default(),
                                inner
                            ),
                            format!(
                                "The district column says “{}” but the name says “{}”.",
                                district_text.clone().unwrap_or_default(),
                                inner
                            ),
                        ),
                        Vec::new(),
                    );
                }
                _ => {}
            }
        }

        // A name that names a unit is no mojibake, whatever it looks like.
        let resolves = parsed.as_ref().is_some_and(|p| {
            let hits = self.lookup(p);
            !hits.wards.is_empty() || !hits.others.is_empty()
        });
        let suspect = if resolves {
            None
        } else {
            name.as_deref().and_then(suspect_text)
        };

        match code
            .as_deref()
            .map(|c| normalize_code(&Cell::Text(c.to_string())))
        {
            Some(CodeRead::Code(c)) => {
                if let Some(&wi) = self.by_code.get(&c) {
                    return self.with_code(
                        wi,
                        name.as_deref(),
                        parsed.as_ref(),
                        district.as_ref(),
                        suspect,
                    );
                }
                if let Some(&oi) = self.other_codes.get(&c) {
                    let u = &other_units()[oi];
                    let (vi, en) = Self::other_label(u);
                    return Verdict {
                        status: MatchStatus::OutOfScope,
                        code: None,
                        how: None,
                        candidates: Vec::new(),
                        reason: Some(notice(
                            "out-of-scope",
                            format!("Mã {c} là {vi}."),
                            format!("Code {c} is {en}."),
                        )),
                    };
                }
                let candidates = self.suggest(parsed.as_ref(), district.as_ref());
                unmatched(
                    notice(
                        "code-not-pilot",
                        format!("Mã {c} không phải mã của phường nào trong 175 phường (mã GSO 5 chữ số)."),
                        format!("Code {c} is not the code of any of the 175 wards (5-digit GSO code)."),
                    ),
                    candidates,
                )
            }
            Some(CodeRead::UnknownScheme(c)) => {
                let candidates = self.suggest(parsed.as_ref(), district.as_ref());
                unmatched(
                    notice(
                        "code-unknown-scheme",
                        format!("Mã “{c}” không theo cách đánh mã GSO (5 chữ số); tên chỉ dùng để gợi ý, hãy chọn phường."),
                        format!("Code “{c}” is not a GSO ward code (5 digits), another numbering scheme; the name only suggests wards: pick one."),
                    ),
                    candidates,
                )
            }
            Some(CodeRead::NotACode(c)) => {
                let candidates = self.suggest(parsed.as_ref(), district.as_ref());
                unmatched(
                    notice(
                        "code-invalid",
                        format!("“{c}” không phải mã phường (mã GSO 5 chữ số)."),
                        format!("“{c}” is not a ward code (5-digit GSO code)."),
                    ),
                    candidates,
                )
            }
            Some(CodeRead::Empty) | None => match (&parsed, suspect) {
                (None, _) => unmatched(
                    notice(
                        "empty-row",
                        "Dòng không có mã hay tên phường.".into(),
                        "The row has no ward code or name.".into(),
                    ),
                    Vec::new(),
                ),
                (Some(_), Some((why, converted))) => {
                    // The converted text may only suggest: the user turns
                    // the conversion on to have it matched.
                    let candidates = converted
                        .map(|c| {
                            let p = parse_name(&c);
                            self.suggest(Some(&p), district.as_ref())
                        })
                        .unwrap_or_default();
                    unmatched(why, candidates)
                }
                (Some(p), None) => {
                    self.by_name(p, district.as_ref(), name.as_deref().unwrap_or(""))
                }
            },
        }
    }

    /// Candidates for a row that cannot be matched: the wards its name
    /// would match, else the nearest names.
    fn suggest(
        &mut self,
        parsed: Option<&ParsedName>,
        district: Option<&DistrictRef>,
    ) -> Vec<Candidate> {
        let Some(p) = parsed else { return Vec::new() };
        let hits = self.lookup(p);
        let mut wards = hits.wards.clone();
        if let Some(DistrictRef::Pilot(d)) = district {
            let inside: Vec<usize> = wards
                .iter()
                .copied()
                .filter(|&i| &self.registry.wards[i].district == d)
                .collect();
            if !inside.is_empty() {
                wards = inside;
            }
        }
        if wards.is_empty() {
            self.nearest(&hits)
        } else {
            wards.into_iter().map(|i| self.candidate(i)).collect()
        }
    }

    fn with_code(
        &mut self,
        wi: usize,
        name: Option<&str>,
        parsed: Option<&ParsedName>,
        district: Option<&DistrictRef>,
        suspect: Option<(ImportNotice, Option<String>)>,
    ) -> Verdict {
        let ward = &self.registry.wards[wi];
        let code = ward.code.clone();
        if let Some(DistrictRef::Pilot(d)) = district {
            if *d != ward.district {
                return unmatched(
                    notice(
                        "code-district-conflict",
                        format!(
                            "Mã {} là {}, không thuộc quận {}.",
                            code,
                            self.ward_label(wi),
                            self.district_name(d)
                        ),
                        format!(
                            "Code {} is {}, which is not in {}.",
                            code,
                            self.ward_label(wi),
                            self.district_name(d)
                        ),
                    ),
                    vec![self.candidate(wi)],
                );
            }
        }
        let (Some(name), Some(parsed)) = (name, parsed) else {
            return matched(code, MatchHow::Code, None);
        };
        if let Some((why, _)) = suspect {
            // The code is enough; the name cannot confirm it.
            return matched(code, MatchHow::Code, Some(why));
        }
        let hits = self.lookup(parsed);
        if hits.wards.contains(&wi) {
            return matched(code, MatchHow::CodeAndName, None);
        }
        if let Some(&other) = hits.wards.first() {
            let names: Vec<String> = hits.wards.iter().map(|&i| self.ward_label(i)).collect();
            let mut candidates = vec![self.candidate(wi)];
            candidates.extend(hits.wards.iter().map(|&i| self.candidate(i)));
            let _ = other;
            return unmatched(
                notice(
                    "code-name-conflict",
                    format!(
                        "Mã và tên không khớp: mã {} là {}, còn tên “{}” là {}.",
                        code,
                        self.ward_label(wi),
                        name,
                        names.join(", ")
                    ),
                    format!(
                        "Code and name disagree: code {} is {}, but the name “{}” is {}.",
                        code,
                        self.ward_label(wi),
                        name,
                        names.join(", ")
                    ),
                ),
                candidates,
            );
        }
        if let Some(&oi) = hits.others.first() {
            let (vi, en) = Self::other_label(&other_units()[oi]);
            return Verdict {
                status: MatchStatus::OutOfScope,
                code: None,
                how: None,
                candidates: vec![self.candidate(wi)],
                reason: Some(notice(
                    "code-name-conflict",
                    format!(
                        "Mã {} là {}, nhưng tên “{}”: {}.",
                        code,
                        self.ward_label(wi),
                        name,
                        vi
                    ),
                    format!(
                        "Code {} is {}, but the name “{}”: {}.",
                        code,
                        self.ward_label(wi),
                        name,
                        en
                    ),
                )),
            };
        }
        // The name is no unit's: a typo of the code's ward is accepted on
        // the code, with a warning; anything else is a conflict.
        let similarity = strsim::normalized_levenshtein(&folded_key(&hits.words), &self.folded[wi]);
        if similarity >= 0.75 {
            return matched(
                code.clone(),
                MatchHow::Code,
                Some(notice(
                    "name-misspelt",
                    format!(
                        "Khớp theo mã {}; tên “{}” viết khác “{}”.",
                        code, name, ward.name
                    ),
                    format!(
                        "Matched by code {}; the name “{}” is spelt differently from “{}”.",
                        code, name, ward.name
                    ),
                )),
            );
        }
        unmatched(
            notice(
                "code-name-conflict",
                format!(
                    "Mã và tên không khớp: mã {} là {}, còn “{}” không phải tên phường.",
                    code,
                    self.ward_label(wi),
                    name
                ),
                format!(
                    "Code and name disagree: code {} is {}, and “{}” is not a ward's name.",
                    code,
                    self.ward_label(wi),
                    name
                ),
            ),
            vec![self.candidate(wi)],
        )
    }

    fn by_name(
        &mut self,
        parsed: &ParsedName,
        district: Option<&DistrictRef>,
        name: &str,
    ) -> Verdict {
        let hits = self.lookup(parsed);
        let level = hits.level.unwrap_or(Level::Folded);
        let others: Vec<&OtherUnit> = hits.others.iter().map(|&i| &other_units()[i]).collect();
        // A prefix that names another kind of unit ("Xã Minh Khai", "Quận
        // Long Biên") picks that unit over a ward of the same name.
        let named_others: Vec<usize> = if matches!(parsed.hint, Hint::None | Hint::Ward) {
            Vec::new()
        } else {
            self.others_named(parsed)
        };
        let hinted: Vec<&OtherUnit> = named_others
            .iter()
            .map(|&i| &other_units()[i])
            .filter(|u| match parsed.hint {
                Hint::Commune => u.kind == OtherKind::Commune2021,
                Hint::Township => u.kind == OtherKind::Township2021,
                Hint::District => u.kind == OtherKind::District2021,
                _ => false,
            })
            .collect();
        if let Some(u) = hinted.first() {
            return self.out_of_scope(
                u,
                name,
                hits.wards.iter().map(|&i| self.candidate(i)).collect(),
            );
        }

        match district {
            Some(DistrictRef::Other(dname)) => {
                let candidates = hits.wards.iter().map(|&i| self.candidate(i)).collect();
                return Verdict {
                    status: MatchStatus::OutOfScope,
                    code: None,
                    how: None,
                    candidates,
                    reason: Some(notice(
                        "district-not-pilot",
                        format!("{dname} không thuộc 13 quận, thị xã có phường thí điểm."),
                        format!(
                            "{dname} is not one of the 13 district-level units of the pilot wards."
                        ),
                    )),
                };
            }
            Some(DistrictRef::Unknown(text)) => {
                let candidates = if hits.wards.is_empty() {
                    self.nearest(&hits)
                } else {
                    hits.wards.iter().map(|&i| self.candidate(i)).collect()
                };
                return unmatched(
                    notice(
                        "district-unknown",
                        format!("Không nhận ra quận “{text}”."),
                        format!("The district “{text}” is not recognised."),
                    ),
                    candidates,
                );
            }
            Some(DistrictRef::Pilot(d)) => {
                let inside: Vec<usize> = hits
                    .wards
                    .iter()
                    .copied()
                    .filter(|&i| &self.registry.wards[i].district == d)
                    .collect();
                if let [one] = inside[..] {
                    let how = if hits.wards.len() > 1 {
                        MatchHow::NameWithDistrict
                    } else {
                        level.how()
                    };
                    return matched(self.registry.wards[one].code.clone(), how, None);
                }
                let dname = self.district_name(d);
                let in_district: Vec<&OtherUnit> = others
                    .iter()
                    .copied()
                    .filter(|u| u.district.as_deref() == Some(dname.as_str()))
                    .collect();
                if let Some(u) = in_district.first() {
                    return self.out_of_scope(u, name, Vec::new());
                }
                if hits.wards.is_empty() && !others.is_empty() {
                    return self.out_of_scope(others[0], name, Vec::new());
                }
                let candidates = if hits.wards.is_empty() {
                    self.nearest(&hits)
                } else {
                    hits.wards.iter().map(|&i| self.candidate(i)).collect()
                };
                return unmatched(
                    notice(
                        "not-in-district",
                        format!("Không có phường “{name}” ở {dname}."),
                        format!("There is no ward “{name}” in {dname}."),
                    ),
                    candidates,
                );
            }
            None => {}
        }

        match hits.wards[..] {
            [one] => {
                let warning = others
                    .iter()
                    .find(|u| u.kind != OtherKind::Unit2025 && parsed.hint != Hint::Ward)
                    .map(|u| {
                        let (vi, en) = Self::other_label(u);
                        notice(
                            "name-also-other-unit",
                            format!("Khớp với phường {}; lưu ý {}.", self.ward_label(one), vi),
                            format!("Matched to ward {}; note: {}.", self.ward_label(one), en),
                        )
                    });
                matched(self.registry.wards[one].code.clone(), level.how(), warning)
            }
            [] if !others.is_empty() => {
                let near = self.nearest(&hits);
                let near = near
                    .into_iter()
                    .filter(|c| folded_key(&words(&c.name)) == folded_key(&hits.words))
                    .collect();
                self.out_of_scope(others[0], name, near)
            }
            [] => {
                let candidates = self.nearest(&hits);
                unmatched(
                    notice(
                        "unmatched-name",
                        format!("Không có phường nào tên “{name}” trong 175 phường."),
                        format!("No ward of the 175 is called “{name}”."),
                    ),
                    candidates,
                )
            }
            _ => {
                let names: Vec<String> = hits.wards.iter().map(|&i| self.ward_label(i)).collect();
                Verdict {
                    status: MatchStatus::Ambiguous,
                    code: None,
                    how: None,
                    candidates: hits.wards.iter().map(|&i| self.candidate(i)).collect(),
                    reason: Some(notice(
                        "ambiguous-name",
                        format!("Nhiều phường tên “{name}”: {}. Hãy thêm cột quận hoặc mã phường, hoặc chọn phường.", names.join("; ")),
                        format!("Several wards are called “{name}”: {}. Add a district or code column, or pick the ward.", names.join("; ")),
                    )),
                }
            }
        }
    }

    fn out_of_scope(&self, u: &OtherUnit, name: &str, candidates: Vec<Candidate>) -> Verdict {
        let (vi, en) = Self::other_label(u);
        Verdict {
            status: MatchStatus::OutOfScope,
            code: None,
            how: None,
            candidates,
            reason: Some(notice(
                if u.kind == OtherKind::Unit2025 {
                    "out-of-scope-2025"
                } else {
                    "out-of-scope"
                },
                format!("“{name}”: {vi}."),
                format!("“{name}”: {en}."),
            )),
        }
    }
}

fn matched(code: String, how: MatchHow, warning: Option<ImportNotice>) -> Verdict {
    Verdict {
        status: MatchStatus::Matched,
        code: Some(code),
        how: Some(how),
        candidates: Vec::new(),
        reason: warning,
    }
}

fn unmatched(reason: ImportNotice, candidates: Vec<Candidate>) -> Verdict {
    Verdict {
        status: MatchStatus::Unmatched,
        code: None,
        how: None,
        candidates,
        reason: Some(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_spaces_and_invisible_characters() {
        assert_eq!(clean(" Hàng\u{200B}Mã\u{00A0} "), "HàngMã");
        assert_eq!(clean("Cửa  Đông\t"), "Cửa Đông");
    }

    #[test]
    fn spelled_keys_ignore_tone_placement_and_i_y() {
        let k = |t: &str| spelled_key(&words(t));
        assert_eq!(k("Yên Hoà"), k("Yên Hòa"));
        assert_eq!(k("Thuỵ Khuê"), k("Thụy Khuê"));
        assert_eq!(k("Mỹ Đình 1"), k("Mĩ Đình I"));
        assert_eq!(k("Quý"), k("Quí"));
        assert_ne!(k("Thụy"), k("Thụi"));
        assert_ne!(k("Hàng Bồ"), k("Hàng Bổ"));
    }

    #[test]
    fn the_reference_of_other_units_loads() {
        let units = other_units();
        assert!(units.len() > 500, "{}", units.len());
        assert!(units
            .iter()
            .any(|u| u.name == "Hoàn Kiếm" && u.kind == OtherKind::Unit2025));
        assert_eq!(
            units
                .iter()
                .filter(|u| u.kind == OtherKind::District2021)
                .count(),
            30
        );
    }
}
