//! The reader's view in the URL's query string, so a link reproduces it.
//!
//! Every parameter is optional; a missing one means the view's default.
//! [`to_query`] writes the parameters in a fixed order with the format
//! version first (`v=1&indicator=…`), so equal views give equal URLs.
//! [`parse_query`] reads any query string without failing: unknown, malformed
//! or duplicated parameters are dropped and listed in [`Dropped`] for a
//! quiet notice, never an error page. [`resolve`] then drops what the loaded
//! registry and catalogue do not know (a ward code that does not exist, an
//! indicator that was withdrawn).
//!
//! Well-known tracking parameters (`fbclid`, `zarsrc`, `utm_source`, …; see
//! [`crate::links::is_tracking_param`]) are ignored silently: they are not
//! part of the view, not listed in [`Dropped`], and never written.
//! Ward and district codes that lost their leading zeros (`ward=52`) are
//! padded ([`crate::links::normalise_ward_code`]).
//!
//! Versions: links made before the version field (`v` absent, "version 0")
//! knew only `indicator`, `ward` and `wards`, with today's meaning; an
//! unversioned link is read as the current version (a hand-typed
//! `/?classing=jenks` works). [`migrate`] turns a query of an older version
//! into the current one, so links shared today keep working when the format
//! changes. A query from a newer version than this
//! app knows is read as the current version, and parameters it does not
//! understand are dropped with a notice.

use crate::choropleth::MapMode;
use crate::classify::Method;
use crate::composite::Weights;
use crate::dataset::is_valid_id;
use crate::format::Lang;
use crate::links::{
    echo, echo_list, is_tracking_param, normalise_district_code, normalise_ward_code, EchoList,
};
use crate::table::SortKey;

/// The version [`to_query`] writes.
pub const VERSION: u32 = 1;

/// At most this many wards are compared (the comparison view's limit).
pub const MAX_COMPARED: usize = 4;

/// Everything a link can say about a view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// Dataset id of the shown indicator.
    pub indicator: Option<String>,
    /// Period id, e.g. "2023-Q2".
    pub period: Option<String>,
    /// The selected ward (GSO code).
    pub ward: Option<String>,
    /// Compared wards, in order, distinct, at most [`MAX_COMPARED`].
    pub wards: Vec<String>,
    /// District filter of the ranking, or the district of a district page.
    pub district: Option<String>,
    /// Sort key and whether it is descending.
    pub sort: Option<(SortKey, bool)>,
    pub classing: Option<Method>,
    pub map_mode: Option<MapMode>,
    /// Base period of the change map.
    pub base: Option<String>,
    pub weights: Option<Weights>,
    pub lang: Option<Lang>,
    /// A published dataset to show (`?data=`): a JSON file in the
    /// documented format or a table (CSV, TSV, text, XLSX). Site-wide like
    /// `lang`: kept on every address the app writes. Checked by
    /// [`check_address`].
    pub data: Option<String>,
    /// A publisher's catalogue (`?catalogue=`), whose datasets are offered
    /// with the bundled ones. Site-wide, checked like `data`.
    pub catalogue: Option<String>,
    /// A publisher's GeoJSON ward polygons (`?boundaries=`), drawn instead
    /// of the tiles. Site-wide, checked like `data`.
    pub boundaries: Option<String>,
}

/// The parameters that belong to the visit rather than to one view: every
/// address the app writes keeps them (see [`keep_site_params`]).
pub const SITE_PARAMS: [&str; 3] = ["data", "catalogue", "boundaries"];

/// At most this many bytes in a `data`, `catalogue` or `boundaries` address.
pub const MAX_ADDRESS_LEN: usize = 2048;

/// Why an address given in `data`, `catalogue` or `boundaries` is not
/// fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    /// Not `https://…`, not a path on this site, not http on localhost.
    NotHttps,
    /// Longer than [`MAX_ADDRESS_LEN`], or with spaces or control characters.
    Malformed,
}

/// The host of a web address, with its port when it has one:
/// "https://data.example.org/a.csv" → "data.example.org",
/// "http://127.0.0.1:8080/x" → "127.0.0.1:8080". `None` for anything that
/// is not an http(s) address with a host.
pub fn host_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // "user:password@host" names the host after the last '@'.
    let host = authority.rsplit('@').next().unwrap_or(authority);
    (!host.is_empty()).then_some(host)
}

/// Whether the app fetches `address` given as `data`, `catalogue` or
/// `boundaries`: an `https://` address with a host; a path on this site
/// starting with one `/` (`/files/x.csv`; `//host/…` is another site and
/// is refused); or `http://` on `localhost`, `127.0.0.1` or `[::1]` (any
/// port), for testing. Everything else (plain http elsewhere, `javascript:`,
/// `data:`, relative paths) is refused: a page served over https must not
/// mix in plain-http data, and a link must not make the page read anything
/// but a web file.
pub fn check_address(address: &str) -> Result<(), AddressProblem> {
    if address.is_empty()
        || address.len() > MAX_ADDRESS_LEN
        || address.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(AddressProblem::Malformed);
    }
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    if lower.starts_with("https://") {
        return host_of(address)
            .map(|_| ())
            .ok_or(AddressProblem::Malformed);
    }
    if address.starts_with('/') {
        let other_site = address.starts_with("//") || address.starts_with("/\\");
        return if other_site {
            Err(AddressProblem::NotHttps)
        } else {
            Ok(())
        };
    }
    if lower.starts_with("http://") {
        let host = host_of(address).unwrap_or_default().to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().map(|h| format!("[{h}]")),
            None => host.split(':').next().map(str::to_string),
        };
        if matches!(name.as_deref(), Some("localhost" | "127.0.0.1" | "[::1]")) {
            return Ok(());
        }
    }
    Err(AddressProblem::NotHttps)
}

/// Why a parameter of a link was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DropReason {
    /// This version does not know the parameter.
    Unknown,
    /// The value is malformed (e.g. `ward=abc`).
    Invalid,
    /// The parameter appeared more than once; the first was kept.
    Repeated,
    /// Well-formed, but nothing loaded has this id (e.g. a ward code that
    /// is not one of the 175).
    NotFound,
    /// A `data`, `catalogue` or `boundaries` address the app does not fetch
    /// ([`check_address`]): not https, not this site, not localhost.
    AddressRefused,
}

/// A parameter of a link that was not used, as a notice may repeat it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The name as given, through [`echo`] (at most
    /// [`crate::links::ECHO_CHARS`] characters and "…", no control
    /// characters).
    pub param: String,
    /// The value as given, through [`echo`] like `param`.
    pub value: String,
    pub reason: DropReason,
}

impl Dropped {
    pub fn new(param: &str, value: &str, reason: DropReason) -> Dropped {
        Dropped {
            param: echo(param),
            value: echo(value),
            reason,
        }
    }
}

/// The dropped parameters as a notice lists them: "param=value" for the
/// first [`crate::links::ECHO_ITEMS`], and how many more there were, so a
/// link with 8,000 unknown parameters gives a notice of a few lines.
pub fn dropped_list(dropped: &[Dropped]) -> EchoList {
    echo_list(dropped.iter().map(|d| format!("{}={}", d.param, d.value)))
}

/// "2023", "2023-Q2" or "2023-06": the shapes of [`crate::period::Period`].
fn is_period(text: &str) -> bool {
    let bytes = text.as_bytes();
    let year = |b: &[u8]| b.len() == 4 && b.iter().all(u8::is_ascii_digit);
    match bytes.len() {
        4 => year(bytes),
        7 => {
            let (y, rest) = bytes.split_at(4);
            year(y)
                && match rest {
                    [b'-', b'Q', q] => (b'1'..=b'4').contains(q),
                    [b'-', m1, m2] => {
                        m1.is_ascii_digit()
                            && m2.is_ascii_digit()
                            && (1..=12).contains(&((m1 - b'0') * 10 + (m2 - b'0')))
                    }
                    _ => false,
                }
        }
        _ => false,
    }
}

/// "value" (ascending) or "value-desc".
fn parse_sort(text: &str) -> Option<(SortKey, bool)> {
    match text.strip_suffix("-desc") {
        Some(key) => SortKey::parse(key).map(|k| (k, true)),
        None => SortKey::parse(text).map(|k| (k, false)),
    }
}

fn sort_text((key, descending): (SortKey, bool)) -> String {
    if descending {
        format!("{}-desc", key.id())
    } else {
        key.id().to_string()
    }
}

fn parse_wards(text: &str) -> Option<Vec<String>> {
    let mut wards: Vec<String> = Vec::new();
    for code in text.split(',') {
        let code = normalise_ward_code(code)?;
        if !wards.contains(&code) {
            if wards.len() == MAX_COMPARED {
                return None;
            }
            wards.push(code);
        }
    }
    (wards.len() <= MAX_COMPARED).then_some(wards)
}

fn parse_weights(text: &str) -> Option<Weights> {
    let parts: Vec<f64> = text
        .split(',')
        .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect::<Option<_>>()?;
    let array: [f64; 6] = parts.try_into().ok()?;
    let weights = Weights(array);
    weights.is_valid().then_some(weights)
}

/// Weights without trailing zeros: "18,20,12,10,18,22", "0,0,0,0,0,1.5".
fn weights_text(weights: &Weights) -> String {
    weights
        .0
        .iter()
        .map(|w| {
            let text = format!("{w}");
            text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Turns the parameters of a query written by `version` into the current
/// version's, listing what no longer has a meaning. Version 0 (no `v`, links
/// made before the version field) knew `indicator`, `ward` and `wards` with
/// today's meaning, and every later name was added in version 1 without
/// changing those, so version 0 needs no step: a name it did not know cannot
/// come from an old link, only from one typed today from README.md's table
/// (`/?classing=jenks`), and is read with today's meaning. Addresses with no
/// view state (`/?lang=en`) have no `v` either. Later versions add their
/// steps here, oldest first.
pub fn migrate(
    params: Vec<(String, String)>,
    version: u32,
) -> (Vec<(String, String)>, Vec<Dropped>) {
    // Version 0 → 1: nothing renamed or removed. A later version's step
    // goes here (`if version < 2 { … }`).
    let _ = version;
    (params, Vec::new())
}

/// Reads a query string (with or without the leading `?`). Never fails.
/// Tracking parameters are skipped without a word; every other parameter
/// that is not used is listed in the returned [`Dropped`] (all of them:
/// [`dropped_list`] bounds what a notice shows).
pub fn parse_query(query: &str) -> (ViewState, Vec<Dropped>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| !is_tracking_param(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut dropped = Vec::new();
    let version = match params.iter().position(|(k, _)| k == "v") {
        None => 0,
        Some(at) => {
            let (_, value) = params.remove(at);
            match value.parse::<u32>() {
                Ok(v) => v.min(VERSION),
                Err(_) => {
                    dropped.push(Dropped::new("v", &value, DropReason::Invalid));
                    VERSION
                }
            }
        }
    };
    let (params, migrated_away) = migrate(params, version);
    dropped.extend(migrated_away);

    let mut state = ViewState::default();
    // A set: a hostile link may carry thousands of distinct names.
    let mut seen: std::collections::HashSet<String> = std::iter::once("v".into()).collect();
    for (key, value) in params {
        if seen.contains(&key) {
            dropped.push(Dropped::new(&key, &value, DropReason::Repeated));
            continue;
        }
        seen.insert(key.clone());
        // Keywords are read in any ASCII case, like the paths
        // (`classing=JENKS` typed by hand); they are written in lower case.
        let keyword = value.to_ascii_lowercase();
        let accepted = match key.as_str() {
            "indicator" => is_valid_id(&value).then(|| state.indicator = Some(value.clone())),
            "period" => is_period(&value).then(|| state.period = Some(value.clone())),
            "ward" => normalise_ward_code(&value).map(|c| state.ward = Some(c)),
            "wards" => parse_wards(&value).map(|w| state.wards = w),
            "district" => normalise_district_code(&value).map(|c| state.district = Some(c)),
            "sort" => parse_sort(&keyword).map(|s| state.sort = Some(s)),
            "classing" => Method::parse(&keyword).map(|m| state.classing = Some(m)),
            "mode" => MapMode::parse(&keyword).map(|m| state.map_mode = Some(m)),
            "base" => is_period(&value).then(|| state.base = Some(value.clone())),
            "weights" => parse_weights(&value).map(|w| state.weights = Some(w)),
            "lang" => Lang::from_code(&keyword).map(|l| state.lang = Some(l)),
            "data" | "catalogue" | "boundaries" => {
                if let Err(problem) = check_address(&value) {
                    let reason = match problem {
                        AddressProblem::NotHttps => DropReason::AddressRefused,
                        AddressProblem::Malformed => DropReason::Invalid,
                    };
                    dropped.push(Dropped::new(&key, &value, reason));
                    continue;
                }
                let slot = match key.as_str() {
                    "data" => &mut state.data,
                    "catalogue" => &mut state.catalogue,
                    _ => &mut state.boundaries,
                };
                *slot = Some(value.clone());
                Some(())
            }
            _ => {
                dropped.push(Dropped::new(&key, &value, DropReason::Unknown));
                continue;
            }
        };
        if accepted.is_none() {
            dropped.push(Dropped::new(&key, &value, DropReason::Invalid));
        }
    }
    (state, dropped)
}

/// The query string of a view, without the `?`: `v=1` then the set
/// parameters in a fixed order; empty when nothing is set.
pub fn to_query(state: &ViewState) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    let mut put = |key: &str, value: &str| {
        if !any {
            out.append_pair("v", &VERSION.to_string());
            any = true;
        }
        out.append_pair(key, value);
    };
    if let Some(v) = &state.indicator {
        put("indicator", v);
    }
    if let Some(v) = &state.period {
        put("period", v);
    }
    if let Some(v) = &state.ward {
        put("ward", v);
    }
    if !state.wards.is_empty() {
        put("wards", &state.wards.join(","));
    }
    if let Some(v) = &state.district {
        put("district", v);
    }
    if let Some(v) = state.sort {
        put("sort", &sort_text(v));
    }
    if let Some(v) = state.classing {
        put("classing", v.as_str());
    }
    if let Some(v) = state.map_mode {
        put("mode", v.id());
    }
    if let Some(v) = &state.base {
        put("base", v);
    }
    if let Some(v) = &state.weights {
        put("weights", &weights_text(v));
    }
    if let Some(v) = &state.data {
        put("data", v);
    }
    if let Some(v) = &state.catalogue {
        put("catalogue", v);
    }
    if let Some(v) = &state.boundaries {
        put("boundaries", v);
    }
    if let Some(v) = state.lang {
        put("lang", v.code());
    }
    out.finish()
}

/// `query` (no "?", as [`to_query`] writes it) with the site-wide
/// parameters ([`SITE_PARAMS`]) of `current` (the address being left) that
/// `query` does not set itself, in [`to_query`]'s order: a view that knows
/// nothing of `?data=` writes its own state and the reader's data stays.
pub fn keep_site_params(query: &str, current: &str) -> String {
    let (current, _) = parse_query(current);
    if current.data.is_none() && current.catalogue.is_none() && current.boundaries.is_none() {
        return query.to_string();
    }
    let (mut state, _) = parse_query(query);
    state.data = state.data.or(current.data);
    state.catalogue = state.catalogue.or(current.catalogue);
    state.boundaries = state.boundaries.or(current.boundaries);
    to_query(&state)
}

/// `query` (no "?") with the site-wide parameter `name` ([`SITE_PARAMS`])
/// set to `value` (form-encoded), or removed when `value` is `None`; every
/// other parameter is kept as written. A new value goes before `lang`,
/// where [`to_query`] writes it, so an address the app keeps for the
/// reader's data is the one the views would write.
pub fn with_site_param(query: &str, name: &str, value: Option<&str>) -> String {
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|part| !part.is_empty())
        .filter(|part| {
            let key = part.split('=').next().unwrap_or_default();
            form_urlencoded::parse(key.as_bytes())
                .next()
                .is_none_or(|(k, _)| k != name)
                && key != name
        })
        .map(str::to_string)
        .collect();
    if let Some(value) = value {
        let pair = form_urlencoded::Serializer::new(String::new())
            .append_pair(name, value)
            .finish();
        // After the parameters to_query writes before it, before the ones
        // it writes after it.
        let after: &[&str] = match name {
            "data" => &["catalogue", "boundaries", "lang"],
            "catalogue" => &["boundaries", "lang"],
            _ => &["lang"],
        };
        let at = parts
            .iter()
            .position(|part| after.contains(&part.split('=').next().unwrap_or_default()))
            .unwrap_or(parts.len());
        parts.insert(at, pair);
    }
    parts.join("&")
}

/// Drops what the loaded data does not know: ward and district codes not
/// in the registry, indicators not in `indicators`. Periods are checked by
/// the views, which know the chosen dataset's periods.
pub fn resolve(
    mut state: ViewState,
    registry: &crate::Registry,
    indicators: &[&str],
) -> (ViewState, Vec<Dropped>) {
    let mut dropped = Vec::new();
    if let Some(id) = state.indicator.take() {
        if indicators.contains(&id.as_str()) {
            state.indicator = Some(id);
        } else {
            dropped.push(Dropped::new("indicator", &id, DropReason::NotFound));
        }
    }
    if let Some(code) = state.ward.take() {
        if registry.ward(&code).is_some() {
            state.ward = Some(code);
        } else {
            dropped.push(Dropped::new("ward", &code, DropReason::NotFound));
        }
    }
    let wards = std::mem::take(&mut state.wards);
    for code in wards {
        if registry.ward(&code).is_some() {
            state.wards.push(code);
        } else {
            dropped.push(Dropped::new("wards", &code, DropReason::NotFound));
        }
    }
    if let Some(code) = state.district.take() {
        if registry.district(&code).is_some() {
            state.district = Some(code);
        } else {
            dropped.push(Dropped::new("district", &code, DropReason::NotFound));
        }
    }
    (state, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_read_in_any_case_and_written_in_lower_case() {
        let (state, dropped) = parse_query("classing=JENKS&mode=Change&sort=Value-Desc&lang=EN");
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.classing, Some(Method::NaturalBreaks));
        assert_eq!(state.map_mode, Some(MapMode::Change));
        assert_eq!(state.lang, Some(Lang::En));
        assert_eq!(
            to_query(&state),
            "v=1&sort=value-desc&classing=jenks&mode=change&lang=en"
        );
    }

    #[test]
    fn a_full_view_round_trips_in_a_fixed_order() {
        let state = ViewState {
            indicator: Some("synthetic-no-wait-share".into()),
            period: Some("2022-Q3".into()),
            ward: Some("00052".into()),
            wards: vec!["00052".into(), "00001".into()],
            district: Some("002".into()),
            sort: Some((SortKey::Value, true)),
            classing: Some(Method::NaturalBreaks),
            map_mode: Some(MapMode::Change),
            base: Some("2021-Q3".into()),
            weights: Some(Weights([18.0, 20.0, 12.0, 10.0, 18.0, 22.5])),
            lang: Some(Lang::En),
            data: Some("https://example.org/d/x.csv?a=1&b=2".into()),
            catalogue: Some("/files/catalogue.json".into()),
            boundaries: Some("http://127.0.0.1:8080/wards.geojson".into()),
        };
        let query = to_query(&state);
        assert_eq!(
            query,
            "v=1&indicator=synthetic-no-wait-share&period=2022-Q3&ward=00052\
             &wards=00052%2C00001&district=002&sort=value-desc&classing=jenks\
             &mode=change&base=2021-Q3&weights=18%2C20%2C12%2C10%2C18%2C22.5\
             &data=https%3A%2F%2Fexample.org%2Fd%2Fx.csv%3Fa%3D1%26b%3D2\
             &catalogue=%2Ffiles%2Fcatalogue.json\
             &boundaries=http%3A%2F%2F127.0.0.1%3A8080%2Fwards.geojson&lang=en"
        );
        assert_eq!(parse_query(&query), (state, vec![]));
        assert_eq!(to_query(&ViewState::default()), "");
    }

    #[test]
    fn bad_parameters_are_dropped_with_a_reason_and_the_rest_kept() {
        let (state, dropped) = parse_query(
            "?v=1&ward=abc&period=2023-Q2&bogus=x&period=2022-Q1&weights=1,2,3&lang=fr&wards=00001,00001,00004",
        );
        assert_eq!(state.period.as_deref(), Some("2023-Q2"));
        assert_eq!(state.wards, vec!["00001", "00004"], "duplicates merged");
        assert_eq!(state.ward, None);
        let reasons: Vec<(&str, &DropReason)> = dropped
            .iter()
            .map(|d| (d.param.as_str(), &d.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("ward", &DropReason::Invalid),
                ("bogus", &DropReason::Unknown),
                ("period", &DropReason::Repeated),
                ("weights", &DropReason::Invalid),
                ("lang", &DropReason::Invalid),
            ]
        );
    }

    #[test]
    fn tracking_parameters_are_ignored_without_a_notice() {
        // A link as Zalo and Facebook pass it on.
        let shared = "?v=1&ward=00052&zarsrc=30&utm_source=zalo&utm_medium=zalo\
                      &utm_campaign=zalo&fbclid=IwAR0abc&gclid=x&_ga=2.1&mc_cid=a&mc_eid=b\
                      &igshid=c&msclkid=d&dclid=e&yclid=f&ref_src=twsrc&utm_term=t&utm_content=u";
        let (state, dropped) = parse_query(shared);
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.ward.as_deref(), Some("00052"));
        assert_eq!(to_query(&state), "v=1&ward=00052", "and never written back");
        // In an unversioned link too, where unknown names are dropped.
        let (state, dropped) = parse_query("ward=00052&fbclid=1&UTM_SOURCE=2");
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.ward.as_deref(), Some("00052"));
    }

    #[test]
    fn codes_without_their_leading_zeros_are_padded() {
        let (state, dropped) = parse_query("v=1&ward=52&wards=52,1,00052&district=2");
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.ward.as_deref(), Some("00052"));
        assert_eq!(state.wards, ["00052", "00001"]);
        assert_eq!(state.district.as_deref(), Some("002"));
        assert_eq!(
            to_query(&state),
            "v=1&ward=00052&wards=00052%2C00001&district=002"
        );
        let (state, dropped) = parse_query("v=1&ward=123456&district=1234");
        assert_eq!((state.ward, state.district), (None, None));
        assert_eq!(dropped.len(), 2);
    }

    #[test]
    fn a_notice_of_dropped_parameters_is_bounded() {
        // 8,000 unknown parameters used to make a 94 KB notice.
        let query: String = (0..8000).map(|i| format!("&p{i}=value{i}")).collect();
        let (_, dropped) = parse_query(&format!("v=1{query}"));
        assert_eq!(dropped.len(), 8000);
        let list = dropped_list(&dropped);
        assert_eq!(list.shown.len(), crate::links::ECHO_ITEMS);
        assert_eq!(list.shown[0], "p0=value0");
        assert_eq!(list.more, 8000 - crate::links::ECHO_ITEMS);
        let text: usize = list.shown.iter().map(|s| s.len()).sum();
        assert!(text < 1000, "{text} bytes");

        // One parameter of 100 KB: its name and value are cut with "…".
        let long = "x".repeat(100_000);
        let (_, dropped) = parse_query(&format!("{long}=Hàng Bồ {long}"));
        assert_eq!(dropped.len(), 1);
        assert_eq!(
            dropped[0].param.chars().count(),
            crate::links::ECHO_CHARS + 1
        );
        assert!(dropped[0].param.ends_with('…'));
        assert!(dropped[0].value.starts_with("Hàng Bồ x") && dropped[0].value.ends_with('…'));
    }

    #[test]
    fn unversioned_links_keep_what_version_0_knew() {
        // A link made before the version field (issue 5's profile links).
        let (state, dropped) = parse_query("indicator=synthetic-no-wait-share&ward=00052");
        assert_eq!(state.indicator.as_deref(), Some("synthetic-no-wait-share"));
        assert_eq!(state.ward.as_deref(), Some("00052"));
        assert!(dropped.is_empty(), "{dropped:?}");
        // A link typed by hand from README.md's table, without `v`: version
        // 0 knew no other name, so it can only mean today's.
        let (state, dropped) = parse_query("classing=jenks&sort=name&mode=change&district=2");
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.classing, Some(Method::NaturalBreaks));
        assert_eq!(state.sort, Some((SortKey::Name, false)));
        assert_eq!(state.map_mode, Some(MapMode::Change));
        assert_eq!(state.district.as_deref(), Some("002"));
        let (state, _) = parse_query("classing=equal");
        assert_eq!(state.classing, Some(Method::EqualInterval));
        // Unknown names are still dropped with a notice.
        let (_, dropped) = parse_query("ward=00052&bogus=1");
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].reason, DropReason::Unknown);
        // The language is the site's, so it needs no version.
        let (state, dropped) = parse_query("lang=en");
        assert_eq!(state.lang, Some(Lang::En));
        assert!(dropped.is_empty(), "{dropped:?}");
        // A newer version is read as the current one.
        let (state, dropped) = parse_query("v=9&lang=vi");
        assert_eq!(state.lang, Some(Lang::Vi));
        assert!(dropped.is_empty());
    }

    #[test]
    fn periods_and_codes_have_their_shapes() {
        for ok in ["2023", "2023-Q4", "2024-12"] {
            assert!(is_period(ok), "{ok}");
        }
        for bad in ["23", "2023-Q5", "2024-13", "2024-00", "2023-q1", "２０２３"] {
            assert!(!is_period(bad), "{bad}");
        }
        assert!(
            parse_wards("00001,00002,00003,00004,00005").is_none(),
            "at most four"
        );
        assert_eq!(weights_text(&Weights::DEFAULT), "18,20,12,10,18,22");
        assert!(
            parse_weights("0,0,0,0,0,0").is_none(),
            "all zero is not a weighting"
        );
        assert!(parse_weights("1,1,1,1,1,NaN").is_none());
    }

    #[test]
    fn data_addresses_are_https_this_site_or_localhost() {
        for ok in [
            "https://data.example.org/x.csv",
            "HTTPS://data.example.org",
            "/files/x.csv",
            "/",
            "http://localhost:8080/x.json",
            "http://127.0.0.1/x.json",
            "http://[::1]:9000/x",
        ] {
            assert_eq!(check_address(ok), Ok(()), "{ok}");
        }
        for refused in [
            "http://example.org/x.csv",
            "http://localhost.evil.org/x",
            "http://127.0.0.1.evil.org/x",
            "//evil.org/x.csv",
            "/\\evil.org/x.csv",
            "javascript:alert(1)",
            "data:text/csv,a,b",
            "files/x.csv",
            "ftp://example.org/x",
        ] {
            assert_eq!(
                check_address(refused),
                Err(AddressProblem::NotHttps),
                "{refused}"
            );
        }
        for malformed in ["", "https://", "https://a b/x", "/x\ny", &"/a".repeat(2000)] {
            assert_eq!(
                check_address(malformed),
                Err(AddressProblem::Malformed),
                "{malformed:.20}"
            );
        }
    }

    #[test]
    fn refused_data_addresses_are_dropped_with_their_reason() {
        let (state, dropped) =
            parse_query("data=http://example.org/x.csv&catalogue=/c.json&boundaries=javascript:x");
        assert_eq!(state.data, None);
        assert_eq!(state.catalogue.as_deref(), Some("/c.json"));
        assert_eq!(state.boundaries, None);
        let reasons: Vec<(&str, &DropReason)> = dropped
            .iter()
            .map(|d| (d.param.as_str(), &d.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("data", &DropReason::AddressRefused),
                ("boundaries", &DropReason::AddressRefused)
            ]
        );
        // A site-wide parameter needs no version, like `lang`.
        let (state, dropped) = parse_query("data=%2Ffiles%2Fx.csv");
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(state.data.as_deref(), Some("/files/x.csv"));
    }

    #[test]
    fn a_site_parameter_is_set_in_place_and_the_rest_kept() {
        assert_eq!(
            with_site_param("v=1&ward=00052&x=1&lang=en", "data", Some("/files/x.csv")),
            "v=1&ward=00052&x=1&data=%2Ffiles%2Fx.csv&lang=en"
        );
        assert_eq!(
            with_site_param("v=1&data=%2Fa&boundaries=%2Fb", "data", None),
            "v=1&boundaries=%2Fb"
        );
        assert_eq!(
            with_site_param("data=%2Fa&boundaries=%2Fb", "catalogue", Some("/c.json")),
            "data=%2Fa&catalogue=%2Fc.json&boundaries=%2Fb"
        );
        assert_eq!(
            with_site_param("", "boundaries", Some("/b")),
            "boundaries=%2Fb"
        );
        // What the views write back is the same address.
        let query = with_site_param("v=1&period=2023-Q2&lang=en", "data", Some("/x.csv"));
        assert_eq!(to_query(&parse_query(&query).0), query);
    }

    #[test]
    fn site_parameters_stay_on_every_address_written() {
        let current = "v=1&indicator=a&data=%2Ffiles%2Fx.csv&lang=en";
        assert_eq!(
            keep_site_params("v=1&period=2023-Q2", current),
            "v=1&period=2023-Q2&data=%2Ffiles%2Fx.csv"
        );
        assert_eq!(keep_site_params("", current), "v=1&data=%2Ffiles%2Fx.csv");
        // A query that sets its own keeps it; without any, nothing changes.
        assert_eq!(
            keep_site_params("v=1&data=%2Fy.json", current),
            "v=1&data=%2Fy.json"
        );
        assert_eq!(keep_site_params("v=1&ward=00052", "v=1"), "v=1&ward=00052");
    }

    #[test]
    fn hosts_are_read_from_web_addresses_only() {
        assert_eq!(
            host_of("https://a.example.org/x.json"),
            Some("a.example.org")
        );
        assert_eq!(host_of("HTTP://127.0.0.1:8123"), Some("127.0.0.1:8123"));
        assert_eq!(host_of("https://u:p@host.vn?x=1"), Some("host.vn"));
        assert_eq!(host_of("https://host.vn#a"), Some("host.vn"));
        assert_eq!(host_of("/files/x.csv"), None);
        assert_eq!(host_of("ftp://host/x"), None);
        assert_eq!(host_of("https:///x"), None);
    }
}
