//! Links as people type and share them: the address forms the app accepts
//! besides its own canonical ones, the tracking parameters that messaging
//! apps and social networks add, and how much of a link the app may echo
//! back in a notice.
//!
//! * **Canonical paths** ([`canonical_path`]): route names are matched
//!   without regard to case (`/Ward/00052`), a trailing slash is ignored,
//!   and ward and district codes that lost their leading zeros in a
//!   hand-typed link are padded (`/ward/52` → `/ward/00052`, Hàng Bồ;
//!   `/district/2` → `/district/002`). The app replaces such an address by
//!   its canonical form.
//! * **Tracking parameters** ([`is_tracking_param`]): Zalo, Facebook,
//!   Google and others add parameters such as `fbclid`, `zarsrc` or
//!   `utm_source` to every shared link. They say nothing about the view, so
//!   they are ignored silently (no "could not be used" notice) and left out
//!   of every address the app writes ([`strip_tracking`]).
//! * **Echoes** ([`echo`], [`echo_list`]): a notice that repeats what a link
//!   said (an unknown parameter, a ward code that does not exist) shows at
//!   most [`ECHO_CHARS`] characters of each value and at most [`ECHO_ITEMS`]
//!   values, so a link of 100 KB cannot fill the page.

use crate::embed::EmbedKind;

/// Parameters added by messaging apps, social networks, ad and mail tools to
/// track a click, matched without regard to ASCII case. A subset of the
/// lists that Firefox's and Brave's query-parameter stripping remove, plus
/// Zalo's: Zalo `zarsrc`, `gidzl`; Facebook `fbclid`, `mibextid`, `__tn__`,
/// `fb_action_ids`, `fb_action_types`, `fb_ref`, `fb_source`; Instagram
/// `igshid`, `igsh`; Google `gclid`, `gclsrc`, `dclid`, `gbraid`, `wbraid`,
/// `_ga`, `_gl`; Microsoft `msclkid`; Yandex `yclid`, `_openstat`; X/Twitter
/// `twclid`, `ref_src`, `ref_url`; TikTok `ttclid`; LinkedIn `li_fat_id`;
/// Mailchimp `mc_cid`, `mc_eid`; HubSpot `_hsenc`, `_hsmi`; Marketo
/// `mkt_tok`. Every parameter starting with [`TRACKING_PREFIXES`] counts too.
pub const TRACKING_PARAMS: [&str; 30] = [
    "zarsrc",
    "gidzl",
    "fbclid",
    "mibextid",
    "__tn__",
    "fb_action_ids",
    "fb_action_types",
    "fb_ref",
    "fb_source",
    "igshid",
    "igsh",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "_ga",
    "_gl",
    "msclkid",
    "yclid",
    "_openstat",
    "twclid",
    "ref_src",
    "ref_url",
    "ttclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
];

/// Prefixes of tracking parameter families: Google Analytics' campaign
/// parameters (`utm_source`, `utm_medium`, `utm_campaign`, `utm_term`,
/// `utm_content`, `utm_id`, …), which Zalo and Facebook also add.
pub const TRACKING_PREFIXES: [&str; 1] = ["utm_"];

/// Whether `key` (a decoded parameter name) is a well-known tracking
/// parameter ([`TRACKING_PARAMS`], [`TRACKING_PREFIXES`]), in any ASCII case.
pub fn is_tracking_param(key: &str) -> bool {
    TRACKING_PARAMS.iter().any(|t| key.eq_ignore_ascii_case(t))
        || TRACKING_PREFIXES.iter().any(|prefix| {
            key.get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        })
}

/// `query` (with or without its leading `?`; the result has none) without
/// its tracking parameters. The other parameters are kept byte for byte, in
/// their order, so nothing else about the link changes.
pub fn strip_tracking(query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let kept = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            let decoded = form_urlencoded::parse(key.as_bytes())
                .next()
                .map(|(k, _)| k.into_owned())
                .unwrap_or_default();
            !is_tracking_param(&decoded)
        })
        .collect::<Vec<_>>()
        .join("&");
    // A kept pair that begins with `?` (from `&?x`) must not be read as the
    // query's own leading `?` by whoever parses the result: its encoded form
    // decodes to the same name.
    match kept.strip_prefix('?') {
        Some(rest) => format!("%3F{rest}"),
        None => kept,
    }
}

/// `text` if it is ASCII digits only with at most `width` significant
/// digits, padded with leading zeros to `width`; otherwise `None`.
fn pad_code(text: &str, width: usize) -> Option<String> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = text.trim_start_matches('0');
    (significant.len() <= width).then(|| format!("{significant:0>width$}"))
}

/// A GSO ward code as typed in a link: digits only, with at most five
/// significant digits, padded to five ("52" → "00052", "00052" → "00052",
/// "000052" → "00052"). Anything else (letters, signs, six significant
/// digits, an empty text) is `None`. Surrounding ASCII spaces are ignored.
pub fn normalise_ward_code(text: &str) -> Option<String> {
    pad_code(text, 5)
}

/// A GSO district code as typed in a link, padded to three digits
/// ("2" → "002"), like [`normalise_ward_code`].
pub fn normalise_district_code(text: &str) -> Option<String> {
    pad_code(text, 3)
}

/// The app's routes without parameters, in their canonical (lower-case)
/// spelling; `""` is the home view.
pub const PLAIN_ROUTES: [&str; 6] = ["", "wards", "compare", "districts", "composite", "publish"];

/// The canonical form of a URL path (`/`, `/ward/00052`, …; no query) if it
/// names one of the app's routes, else `None`. Route names and embed kinds
/// are matched without regard to ASCII case, one trailing slash is ignored,
/// and digits-only ward and district codes are padded
/// ([`normalise_ward_code`], [`normalise_district_code`]); a code that is
/// not digits is kept as it is, for the page to say that it does not exist.
/// The app replaces the address with this form when it differs.
///
/// `canonical_path("/Ward/52/") == Some("/ward/00052")`,
/// `canonical_path("/nowhere") == None`.
pub fn canonical_path(path: &str) -> Option<String> {
    let path = path.strip_prefix('/').unwrap_or(path);
    let path = path.strip_suffix('/').unwrap_or(path);
    let (route, rest) = match path.split_once('/') {
        Some((route, rest)) => (route, Some(rest)),
        None => (path, None),
    };
    let route = route.to_ascii_lowercase();
    match (route.as_str(), rest) {
        (plain, None) => PLAIN_ROUTES.contains(&plain).then(|| format!("/{plain}")),
        ("ward", Some(code)) if !code.is_empty() && !code.contains('/') => Some(format!(
            "/ward/{}",
            normalise_ward_code(code).unwrap_or_else(|| code.to_string())
        )),
        ("district", Some(code)) if !code.is_empty() && !code.contains('/') => Some(format!(
            "/district/{}",
            normalise_district_code(code).unwrap_or_else(|| code.to_string())
        )),
        ("embed", Some(kind)) => {
            EmbedKind::parse(&kind.to_ascii_lowercase()).map(|k| format!("/embed/{}", k.id()))
        }
        _ => None,
    }
}

/// At most this many characters of one value are echoed in a notice.
pub const ECHO_CHARS: usize = 40;

/// At most this many values are listed in one notice; the rest are counted.
pub const ECHO_ITEMS: usize = 10;

/// Whether `c` would act on the text around it rather than show: control
/// characters (line breaks and tabs included) and the bidirectional
/// formatting characters that open data files may not carry either
/// ([`crate::problem::forbidden_character`]).
fn is_invisible_control(c: char) -> bool {
    c.is_control() || crate::problem::forbidden_character(c).is_some()
}

/// `text` as a notice may repeat it: at most [`ECHO_CHARS`] characters
/// (cut on a character boundary, with "…" when cut), with control and
/// bidirectional formatting characters shown as U+FFFD so that they cannot
/// reorder the sentence around them. Reads at most `ECHO_CHARS + 1`
/// characters of `text`, whatever its length.
pub fn echo(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref().take(ECHO_CHARS) {
        out.push(if is_invisible_control(c) {
            '\u{FFFD}'
        } else {
            c
        });
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// A list a notice repeats: the first [`ECHO_ITEMS`] items (each as
/// given; pass them through [`echo`] first) and how many more there were.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EchoList {
    pub shown: Vec<String>,
    /// Items left out, for "and 7,990 more".
    pub more: usize,
}

/// The first [`ECHO_ITEMS`] of `items` and the count of the rest. Consumes
/// the iterator to count, without keeping what it does not show.
pub fn echo_list(items: impl IntoIterator<Item = String>) -> EchoList {
    let mut list = EchoList::default();
    for item in items {
        if list.shown.len() < ECHO_ITEMS {
            list.shown.push(item);
        } else {
            list.more += 1;
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_name_that_begins_with_a_question_mark_keeps_it() {
        // Found by `what_a_notice_echoes_is_bounded`: "&?" lost its "?".
        assert_eq!(strip_tracking("&?"), "%3F");
        assert_eq!(strip_tracking("?fbclid=1&?x=2"), "%3Fx=2");
        assert_eq!(strip_tracking("?a=1&?b"), "a=1&?b");
    }

    #[test]
    fn tracking_parameters_are_recognised_in_any_case() {
        for key in [
            "fbclid",
            "zarsrc",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_term",
            "utm_content",
            "UTM_Source",
            "gclid",
            "_ga",
            "mc_cid",
            "mc_eid",
            "igshid",
            "msclkid",
            "dclid",
            "yclid",
            "ref_src",
            "FBCLID",
        ] {
            assert!(is_tracking_param(key), "{key}");
        }
        for key in ["ward", "v", "lang", "utm", "ref", "", "fbclid2", "ú"] {
            assert!(!is_tracking_param(key), "{key}");
        }
    }

    #[test]
    fn stripping_keeps_the_other_parameters_byte_for_byte() {
        assert_eq!(
            strip_tracking("?v=1&fbclid=IwAR3x&ward=00052&utm_source=zalo&zarsrc=30&lang=en"),
            "v=1&ward=00052&lang=en"
        );
        assert_eq!(
            strip_tracking("weights=18%2C20&utm%5Fmedium=x&%66bclid=y"),
            "weights=18%2C20",
            "encoded names are decoded before the check"
        );
        assert_eq!(strip_tracking("fbclid"), "");
        assert_eq!(strip_tracking(""), "");
        assert_eq!(strip_tracking("a=1&&b=2"), "a=1&b=2");
    }

    #[test]
    fn codes_lose_no_ward_for_missing_zeros() {
        assert_eq!(normalise_ward_code("52").as_deref(), Some("00052"));
        assert_eq!(normalise_ward_code("00052").as_deref(), Some("00052"));
        assert_eq!(normalise_ward_code("000052").as_deref(), Some("00052"));
        assert_eq!(normalise_ward_code(" 52 ").as_deref(), Some("00052"));
        assert_eq!(normalise_ward_code("0").as_deref(), Some("00000"));
        assert_eq!(normalise_ward_code("10105").as_deref(), Some("10105"));
        for bad in ["", "123456", "5a", "-52", "+52", "5 2", "５２", "52.0"] {
            assert_eq!(normalise_ward_code(bad), None, "{bad}");
        }
        assert_eq!(normalise_district_code("2").as_deref(), Some("002"));
        assert_eq!(normalise_district_code("1002"), None);
    }

    #[test]
    fn paths_are_canonical_in_case_slashes_and_codes() {
        let cases = [
            ("/", Some("/")),
            ("", Some("/")),
            ("/ward/52", Some("/ward/00052")),
            ("/Ward/00052", Some("/ward/00052")),
            ("/WARD/52/", Some("/ward/00052")),
            ("/ward/00052", Some("/ward/00052")),
            ("/ward/abc", Some("/ward/abc")),
            ("/Ward/abc", Some("/ward/abc")),
            ("/District/2", Some("/district/002")),
            ("/Districts", Some("/districts")),
            ("/composite/", Some("/composite")),
            ("/Compare", Some("/compare")),
            ("/Wards", Some("/wards")),
            ("/Embed/Map", Some("/embed/map")),
            ("/embed/pie", None),
            ("/ward/", None),
            ("/ward/1/2", None),
            ("/nowhere", None),
            ("/composite/extra", None),
        ];
        for (path, expected) in cases {
            assert_eq!(canonical_path(path).as_deref(), expected, "{path}");
        }
        // Already canonical paths are their own canonical form.
        for (_, canonical) in cases {
            if let Some(c) = canonical {
                assert_eq!(canonical_path(c).as_deref(), Some(c));
            }
        }
    }

    #[test]
    fn echoes_are_bounded_and_cut_on_character_boundaries() {
        assert_eq!(echo("bogus"), "bogus");
        let exact = "x".repeat(ECHO_CHARS);
        assert_eq!(echo(&exact), exact, "no ellipsis when nothing is cut");
        let long = "Hàng Bồ ".repeat(20_000);
        let echoed = echo(&long);
        assert_eq!(echoed.chars().count(), ECHO_CHARS + 1);
        assert!(echoed.ends_with('…'));
        assert!(long.starts_with(echoed.trim_end_matches('…')));
        // Four-byte characters are never split.
        let emoji = "😀".repeat(100);
        assert_eq!(echo(&emoji), format!("{}…", "😀".repeat(ECHO_CHARS)));
        assert_eq!(echo("a\u{202E}gnp.exe\n"), "a\u{FFFD}gnp.exe\u{FFFD}");

        let list = echo_list((0..8000).map(|i| format!("p{i}=1")));
        assert_eq!(list.shown.len(), ECHO_ITEMS);
        assert_eq!(list.shown[0], "p0=1");
        assert_eq!(list.more, 8000 - ECHO_ITEMS);
        let short = echo_list(["a".to_string()]);
        assert_eq!((short.shown.len(), short.more), (1, 0));
    }
}
