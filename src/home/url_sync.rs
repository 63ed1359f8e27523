//! The home view's state in the URL, both ways: every choice is written to
//! the query string (a new history entry, so Back undoes it; replaced while
//! the timeline plays), and a changed URL (Back, Forward, a pasted link) is
//! read back into the state. The format is `ward_domain::url_state`.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::Location;
use leptos_router::NavigateOptions;
use ward_domain::choropleth::MapMode;
use ward_domain::classify::Method;
use ward_domain::links::strip_tracking;
use ward_domain::table::SortKey;
use ward_domain::url_state::{
    dropped_list, keep_site_params, parse_query, resolve, to_query, DropReason, Dropped, ViewState,
};

use super::HomeState;
use crate::api::BaseData;
use crate::i18n::{fill, lang_of_query, use_i18n, I18n, Lang};

/// "?v=1&…" from the router's search string (which has no "?"), or "",
/// without tracking parameters (`ward_domain::links`).
pub fn query_suffix(search: &str) -> String {
    let query = strip_tracking(search);
    if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    }
}

/// `query` (no "?") with its `lang` parameter set to `lang`, replacing any,
/// last as `to_query` writes it, and without tracking parameters: no
/// address the app writes carries them.
pub fn with_lang(query: &str, lang: Lang) -> String {
    let rest = without_lang(query);
    let param = format!("lang={}", lang.code());
    if rest.is_empty() {
        param
    } else {
        format!("{rest}&{param}")
    }
}

/// `query` (no "?") without any `lang` parameter or tracking parameter.
fn without_lang(query: &str) -> String {
    drop_lang(&strip_tracking(query))
}

/// `query` (no "?") without any `lang` parameter, all else kept.
fn drop_lang(query: &str) -> String {
    query
        .split('&')
        .filter(|part| !part.is_empty() && !part.starts_with("lang="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The absolute `url` with its `lang` parameter set to `lang` (the rest of
/// the query and any `#fragment` kept), so a copied link opens in the
/// language it was copied in even when the address bar leaves Vietnamese,
/// the default, out.
pub fn url_with_lang(url: &str, lang: Lang) -> String {
    let (rest, fragment) = match url.find('#') {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    format!("{path}?{}{fragment}", with_lang(query, lang))
}

/// Puts `query` (no "?") in the address bar of the current page unless it
/// is already there. `replace` updates the current history entry instead of
/// adding one (first tidy-up, dragged sliders, the playing timeline).
///
/// The language goes with it when it is English or the address already
/// names one, so a copied address opens in the language it was copied in;
/// Vietnamese, the default, is otherwise left out. An address that differs
/// only in its language is left alone: reading back an older history entry
/// (Back) must not add a new one, which would cut off Forward.
///
/// The site-wide parameters of the current address (`data`, `catalogue`,
/// `boundaries`) stay when `query` does not set them
/// (`url_state::keep_site_params`): every change of view keeps the
/// reader's data in the address, so it always shares that view of that
/// data.
pub fn write_query(
    location: &Location,
    navigate: &impl Fn(&str, NavigateOptions),
    query: &str,
    replace: bool,
) {
    let current = location.search.get_untracked();
    let current_query = current.strip_prefix('?').unwrap_or(&current);
    let query = keep_site_params(query, current_query);
    let query = query.as_str();
    // Tracking parameters in the address are not "the same": the address
    // is rewritten without them.
    if without_lang(query) == drop_lang(current_query) {
        return;
    }
    let lang = use_context::<I18n>().map_or(Lang::Vi, |i18n| i18n.lang_untracked());
    let query = if lang == Lang::En || lang_of_query(current_query).is_some() {
        with_lang(query, lang)
    } else {
        without_lang(query)
    };
    let query = query.as_str();
    let pathname = location.pathname.get_untracked();
    let path = if query.is_empty() {
        pathname
    } else {
        format!("{pathname}?{query}")
    };
    navigate(
        &path,
        NavigateOptions {
            replace,
            scroll: false,
            ..NavigateOptions::default()
        },
    );
}

/// The URL's view of the state: defaults are left out, so the first view is
/// plain `/`.
fn view_state(state: &HomeState, default_indicator: &str) -> ViewState {
    let indicator = state.indicator.get();
    let sort = state.sort.get();
    let map_mode = state.map_mode.get();
    ViewState {
        indicator: (indicator != default_indicator).then_some(indicator),
        period: state.period.get(),
        ward: state.selected.get(),
        district: state.district.get(),
        sort: (sort != (SortKey::Rank, false)).then_some(sort),
        classing: Some(state.method.get()).filter(|m| *m != Method::Quantile),
        map_mode: Some(map_mode).filter(|m| *m != MapMode::Values),
        base: state
            .base_period
            .get()
            .filter(|_| map_mode == MapMode::Change),
        ..ViewState::default()
    }
}

/// Sets each signal only when its value differs, so reading back the URL
/// that the state just wrote changes nothing.
fn apply(state: &HomeState, view: ViewState, default_indicator: &str) {
    fn set<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
        if signal.with_untracked(|current| *current != value) {
            signal.set(value);
        }
    }
    set(
        state.indicator,
        view.indicator
            .unwrap_or_else(|| default_indicator.to_string()),
    );
    set(state.period, view.period);
    set(state.selected, view.ward);
    set(state.district, view.district);
    set(state.sort, view.sort.unwrap_or((SortKey::Rank, false)));
    set(state.method, view.classing.unwrap_or(Method::Quantile));
    set(state.map_mode, view.map_mode.unwrap_or(MapMode::Values));
    set(state.base_period, view.base);
}

/// Reads the URL into `state` now and whenever it changes, and writes the
/// state to the URL whenever it changes. Returns what a link asked for that
/// could not be used, for a quiet notice.
pub fn sync(
    state: HomeState,
    base: StoredValue<BaseData>,
    indicators: StoredValue<Vec<String>>,
    default_indicator: String,
) -> RwSignal<Vec<Dropped>> {
    let location = use_location();
    let navigate = use_navigate();
    let dropped = RwSignal::new(Vec::new());
    let default_indicator = StoredValue::new(default_indicator);

    let read = move |search: &str| {
        let (view, mut problems) = parse_query(search);
        let (view, not_found) = base.with_value(|b| {
            indicators.with_value(|ids| {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                resolve(view, &b.registry, &ids)
            })
        });
        problems.extend(not_found);
        default_indicator.with_value(|d| apply(&state, view, d));
        problems
    };

    // The link that opened the page.
    dropped.set(read(&location.search.get_untracked()));

    // Back, Forward, or a link to another view of this page.
    Effect::new(move |previous: Option<String>| {
        let search = location.search.get();
        if previous.is_some_and(|p| p != search) {
            let problems = read(&search);
            if !problems.is_empty() {
                dropped.set(problems);
            }
        }
        search
    });

    // The state into the URL. The first run only tidies the address the
    // page was opened with (replace), it adds no history entry.
    Effect::new(move |first_done: Option<()>| {
        let query = default_indicator.with_value(|d| to_query(&view_state(&state, d)));
        let replace = first_done.is_none() || state.playing.get_untracked();
        write_query(&location, &navigate, &query, replace);
    });
    dropped
}

/// "Đã bỏ qua …" ("… were ignored") for the parameters of a link that
/// could not be used: at most `links::ECHO_ITEMS` of them, each cut to
/// `links::ECHO_CHARS` characters, then "and 7,990 more"
/// (`url_state::dropped_list`), so a hostile link cannot fill the page.
/// A refused `data`/`catalogue`/`boundaries` address is not repeated here:
/// `store::WithBase` says why it was refused, on every page.
#[component]
pub fn DroppedNotice(dropped: RwSignal<Vec<Dropped>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let mut items = dropped.get();
        items.retain(|d| d.reason != DropReason::AddressRefused);
        (!items.is_empty()).then(|| {
            let listed = dropped_list(&items);
            let text = move || {
                let t = &i18n.t().home;
                let mut list = listed.shown.join(", ");
                if listed.more > 0 {
                    let count = ward_domain::format::number(listed.more as f64, 0, i18n.lang());
                    list.push(' ');
                    list.push_str(&fill(t.dropped_more, &[("count", &count)]));
                }
                fill(t.dropped_params, &[("list", &list)])
            };
            view! {
                <p class="notice" role="status" data-testid="dropped-params">
                    {text}
                    " "
                    <button type="button" class="link-button" on:click=move |_| dropped.set(Vec::new())>
                        {move || i18n.t().home.dropped_hide}
                    </button>
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_lang_sets_the_language_last_and_replaces_any() {
        assert_eq!(with_lang("", Lang::Vi), "lang=vi");
        assert_eq!(
            with_lang("v=1&period=2022-Q1", Lang::En),
            "v=1&period=2022-Q1&lang=en"
        );
        assert_eq!(with_lang("lang=en&v=1", Lang::Vi), "v=1&lang=vi");
        assert_eq!(without_lang("v=1&lang=en"), without_lang("v=1"));
    }

    #[test]
    fn written_addresses_carry_no_tracking_parameters() {
        assert_eq!(
            with_lang("v=1&fbclid=x&ward=00052&utm_source=zalo", Lang::En),
            "v=1&ward=00052&lang=en"
        );
        assert_eq!(
            url_with_lang("https://example.org/?zarsrc=30&v=1&gclid=y#map", Lang::Vi),
            "https://example.org/?v=1&lang=vi#map"
        );
        assert_eq!(query_suffix("fbclid=1"), "");
        assert_eq!(query_suffix("?v=1&utm_medium=x"), "?v=1");
        // An address that differs only in tracking parameters is rewritten.
        assert_ne!(without_lang("v=1&fbclid=1"), drop_lang("v=1&fbclid=1"));
        assert_eq!(without_lang("v=1&lang=en"), drop_lang("v=1"));
    }

    #[test]
    fn a_copied_link_always_names_its_language() {
        assert_eq!(
            url_with_lang("https://example.org/site/", Lang::Vi),
            "https://example.org/site/?lang=vi"
        );
        assert_eq!(
            url_with_lang("https://example.org/?v=1&ward=00001&lang=vi#map", Lang::En),
            "https://example.org/?v=1&ward=00001&lang=en#map"
        );
        assert_eq!(
            url_with_lang("https://example.org/embed/map?v=1", Lang::En),
            "https://example.org/embed/map?v=1&lang=en"
        );
    }
}
